"""The only writer of ``docs/``: manifest-owned, staged, deterministic.

kbgen records every file it writes in ``docs/.kbgen-manifest.json`` and only ever
replaces or deletes files listed there, so hand-written pages survive any run.
New content is first written to a staging folder inside ``docs/``; only when all of
it is on disk are the files moved into place (``os.replace``, atomic per file) and
the manifest updated last. A run interrupted while rendering or staging leaves the
previous docs untouched. Files whose bytes did not change are not rewritten, so
their mtimes stay put and ``mkdocs serve`` reloads only what changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.errors import OwnershipError, UsageError

MANIFEST = ".kbgen-manifest.json"
STAGING = ".kbgen-staging-"


@dataclass
class EmitResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def read_manifest(docs: Path) -> dict[str, str]:
    if docs.exists() and not docs.is_dir():
        raise UsageError(f"{docs}: not a folder (pass --docs with the MkDocs docs folder)")
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError) as e:
        raise UsageError(f"{docs / MANIFEST}: unreadable manifest ({e}); delete it and the "
                         "generated folders, then run kbgen generate again") from None
    # kbgen deletes what the manifest lists, so a tampered one must not reach outside docs/.
    for path in files:
        if not _inside(path):
            raise UsageError(f"{docs / MANIFEST}: lists {path!r}, outside docs/; the manifest "
                             "was edited by hand: delete it and the generated folders")
    return files


def _inside(path: str) -> bool:
    p = PurePosixPath(path)
    return bool(p.parts) and not p.is_absolute() and ".." not in p.parts and "\\" not in path \
        and path != MANIFEST


def _check_path(path: str) -> None:
    if not _inside(path):
        raise UsageError(f"refusing to write outside docs/: {path!r}")


def plan(files: dict[str, str | bytes], docs: Path) -> tuple[dict[str, str | bytes], list[str], list[str]]:
    """What a run would do: (files to write, unchanged paths, stale paths to remove)."""
    old = read_manifest(docs)
    to_write: dict[str, str | bytes] = {}
    unchanged: list[str] = []
    for path in sorted(files):
        _check_path(path)
        target = docs / path
        if path not in old and target.exists():
            raise OwnershipError(f"{target}: exists and was not written by kbgen; "
                                 "move or rename it so kbgen can generate this page")
        if path in old and old[path] == digest(files[path]) and target.is_file():
            unchanged.append(path)
        else:
            to_write[path] = files[path]
    stale = sorted(p for p in old if p not in files and (docs / p).is_file())
    return to_write, unchanged, stale


def emit(files: dict[str, str | bytes], docs: Path) -> EmitResult:
    """Write ``files`` (text, or bytes for images) under ``docs``; remove what kbgen no longer makes."""
    to_write, unchanged, stale = plan(files, docs)
    docs.mkdir(parents=True, exist_ok=True)
    for leftover in docs.glob(f"{STAGING}*"):  # from a run that was killed outright
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=docs))
    try:
        for path, text in to_write.items():
            dest = staging / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(_bytes(text))
        # Claim every path before the first move, with no digest: a run that dies while
        # moving leaves files the next run owns and rewrites, never "not written by kbgen".
        _write_manifest(docs, {**read_manifest(docs), **dict.fromkeys(to_write, "")})
        for path in to_write:
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / path, docs / path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for path in stale:
        (docs / path).unlink(missing_ok=True)
        _prune_empty((docs / path).parent, docs)
    _write_manifest(docs, {p: digest(t) for p, t in files.items()})
    return EmitResult(written=sorted(to_write), unchanged=unchanged, removed=stale)


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_manifest(docs: Path, files: dict[str, str]) -> None:
    text = json.dumps({"version": 1, "files": dict(sorted(files.items()))}, indent=2) + "\n"
    tmp = docs / (MANIFEST + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, docs / MANIFEST)


def _prune_empty(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def stale_reason(files: dict[str, str | bytes], docs: Path) -> str | None:
    """Why ``docs`` differs from ``files`` (one line), or None when it is up to date."""
    to_write, unchanged, stale = plan(files, docs)
    # The manifest says what kbgen wrote; the bytes say whether someone edited it since.
    edited = [p for p in unchanged if (docs / p).read_bytes() != _bytes(files[p])]
    to_write = {**to_write, **{p: files[p] for p in edited}}
    parts = []
    if to_write:
        parts.append(f"{len(to_write)} generated file(s) out of date (e.g. {docs / next(iter(to_write))})")
    if stale:
        parts.append(f"{len(stale)} generated file(s) no longer produced (e.g. {docs / stale[0]})")
    return f"{' and '.join(parts)}; run kbgen generate" if parts else None
