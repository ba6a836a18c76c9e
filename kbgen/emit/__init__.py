"""The only writer of ``docs/``: manifest-owned, staged, deterministic.

kbgen records every file it writes in ``docs/.kbgen-manifest.json`` and only ever
replaces or deletes files listed there, so hand-written pages survive any run.
New content is first written to a staging folder inside ``docs/``; only when all of
it is on disk are the files moved into place (``os.replace``, atomic per file) and
the manifest updated last. A run interrupted while rendering or staging leaves the
previous docs untouched. Files whose bytes did not change are not rewritten, so
their mtimes stay put and ``mkdocs serve`` reloads only what changed.

``docs/`` may hold links, and the manifest may have been edited: every path kbgen is
about to write or delete is resolved, and one whose real path leaves docs/ is refused.
Temporary files are created exclusively (never through a link planted in their place),
and two runs on the same docs/ take turns on a lock file instead of colliding. A
generated page edited by hand since kbgen wrote it is never silently lost.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kbgen.errors import DuplicateOutputError, OwnershipError, UsageError
from kbgen.render.reuse import Reused

MANIFEST = ".kbgen-manifest.json"
STAGING = ".kbgen-staging-"
LOCK = ".kbgen-lock"

log = logging.getLogger("kbgen")


@dataclass
class EmitResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def digest(content: str | bytes) -> str:
    return hashlib.sha256(_bytes(content)).hexdigest()


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
    if path and path[0] != "/" and "\\" not in path and path != MANIFEST:
        parts = path.split("/")
        if "" not in parts and "." not in parts and ".." not in parts:
            return True  # a plain relative path, as every generated one is: no parsing needed
    p = PurePosixPath(path)
    return bool(p.parts) and not p.is_absolute() and ".." not in p.parts and "\\" not in path \
        and path != MANIFEST


def _check_path(path: str) -> None:
    if not _inside(path):
        raise UsageError(f"refusing to write outside docs/: {path!r}")


def _check_real(docs: Path, path: str, root: Path) -> None:
    """Refuse ``docs/path`` when a link (the file itself or a folder above it) leads out of docs/."""
    target = docs / path
    try:
        inside = target.parent.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop: Python 3.11 raises RuntimeError
        inside = False
    if target.is_symlink() or not inside:
        raise UsageError(f"{target}: leads out of {docs}/ through a link; refusing to write or "
                         "delete it (remove the link)")


def _edited(docs: Path, path: str, old: dict[str, str]) -> bool:
    """True when the generated file at ``path`` no longer has the bytes kbgen wrote."""
    # An empty digest was claimed by a run that died while moving files: its content is unknown.
    if not old.get(path) or not (docs / path).is_file():
        return False
    data = (docs / path).read_bytes()
    # A checkout with CRLF line endings (git autocrlf) is not an edit.
    return old[path] not in (digest(data), digest(data.replace(b"\r\n", b"\n")))


def plan(files: dict[str, str | bytes], docs: Path, digests: dict[str, str] | None = None,
         ) -> tuple[dict[str, str | bytes], list[str], list[str]]:
    """What a run would do: (files to write, unchanged paths, stale paths to remove)."""
    old = read_manifest(docs)
    root = docs.resolve()
    digests = digests if digests is not None else {p: digest(t) for p, t in files.items()}
    to_write: dict[str, str | bytes] = {}
    unchanged: list[str] = []
    for path in sorted(files):
        _check_path(path)
        target = docs / path
        if path not in old and (target.exists() or target.is_symlink()):
            raise OwnershipError(f"{target}: exists and was not written by kbgen; "
                                 "move or rename it so kbgen can generate this page")
        if path in old and old[path] == digests[path] and target.is_file():
            unchanged.append(path)
        else:
            _check_real(docs, path, root)
            to_write[path] = files[path]
    stale = sorted(p for p in old if p not in files and ((docs / p).is_file() or (docs / p).is_symlink()))
    for path in stale:
        _check_real(docs, path, root)
    return to_write, unchanged, stale


Content = str | bytes | Reused
Files = Mapping[str, Content] | Iterable[tuple[str, Content]]


def emit(files: Files, docs: Path) -> EmitResult:
    """Write ``files`` (text, or bytes for images) under ``docs``; remove what kbgen no longer makes.

    ``files`` may be a stream of ``(path, content)``: each file is compared with the manifest
    as it comes and staged only when its bytes changed, so a build never holds every page at once.
    """
    read_manifest(docs)  # a docs/ that is a file is a usage error before anything is made
    docs.mkdir(parents=True, exist_ok=True)
    with _locked(docs):
        old = read_manifest(docs)
        for leftover in docs.glob(f"{STAGING}*"):  # from a run that was killed outright
            shutil.rmtree(leftover, ignore_errors=True)
        staging = _Staging(docs)
        try:
            digests, unchanged = _stage_changed(files, docs, old, staging)
            stale = sorted(p for p in old if p not in digests and ((docs / p).is_file() or (docs / p).is_symlink()))
            root = docs.resolve()
            for path in stale:
                _check_real(docs, path, root)
            kept = [p for p in stale if _edited(docs, p, old)]
            for path in kept:
                log.warning("%s: generated by kbgen but edited by hand since; kept as a hand-written page "
                            "(delete it if you do not need it)", docs / path)
            stale = [p for p in stale if p not in kept]
            staging.replace_all()
        finally:
            staging.close()
        for path in stale:
            (docs / path).unlink(missing_ok=True)
            _prune_empty((docs / path).parent, docs)
        _write_manifest(docs, digests)
    return EmitResult(written=sorted(staging.paths), unchanged=sorted(unchanged), removed=stale)


def _stage_changed(files: Files, docs: Path, old: dict[str, str], staging: _Staging,
                   ) -> tuple[dict[str, str], list[str]]:
    """Digest every file; stage those whose bytes differ from the manifest's. Returns
    (digests, unchanged paths)."""
    root = docs.resolve()
    folder = os.fspath(docs)  # os.path on strings: a Path object per file costs more than the stat
    digests: dict[str, str] = {}
    unchanged: list[str] = []
    for path, content in (files.items() if isinstance(files, Mapping) else files):
        _check_path(path)
        if path in digests:
            raise DuplicateOutputError(f"{path} is produced twice")
        if isinstance(content, Reused):
            if old.get(path) == content.digest and os.path.isfile(os.path.join(folder, path)):
                digests[path] = content.digest
                unchanged.append(path)
                continue
            content = content.render()
        data = _bytes(content)
        digests[path] = sha = hashlib.sha256(data).hexdigest()
        target = docs / path
        if path not in old and (target.exists() or target.is_symlink()):
            raise OwnershipError(f"{target}: exists and was not written by kbgen; "
                                 "move or rename it so kbgen can generate this page")
        if old.get(path) == sha and os.path.isfile(os.path.join(folder, path)):
            unchanged.append(path)
            continue
        _check_real(docs, path, root)
        if _edited(docs, path, old):
            raise OwnershipError(f"{docs / path}: generated by kbgen but edited by hand since; kbgen "
                                 "will not overwrite your edits: move them to a page of your own and "
                                 "delete this file, then run kbgen generate again")
        staging.write(path, data)
    return digests, unchanged


class _Staging:
    """Changed files, written as they come into a staging folder made on the first one
    (a no-op run makes none: a watcher would see it come and go), then moved into place."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.folder: Path | None = None
        self.paths: list[str] = []

    def write(self, path: str, data: bytes) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=STAGING, dir=self.docs))
        (self.folder / path).parent.mkdir(parents=True, exist_ok=True)
        (self.folder / path).write_bytes(data)
        self.paths.append(path)

    def replace_all(self) -> None:
        if self.folder is None:
            return
        for folder in sorted({PurePosixPath(p).parent for p in self.paths}):
            (self.docs / folder).mkdir(parents=True, exist_ok=True)
        # Claim every path before the first move, with no digest: a run that dies while
        # moving leaves files the next run owns and rewrites, never "not written by kbgen".
        _write_manifest(self.docs, {**read_manifest(self.docs), **dict.fromkeys(self.paths, "")})
        for path in self.paths:
            os.replace(self.folder / path, self.docs / path)

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def _locked(docs: Path) -> Iterator[None]:
    """Hold ``docs/.kbgen-lock`` so a second run waits for the first instead of colliding."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks in the standard library; runs as before
        yield
        return
    try:
        fd = os.open(docs / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as e:  # a link planted as the lock file (ELOOP), or a folder
        raise UsageError(f"{docs / LOCK}: cannot use as the lock file ({e.strerror}); delete it") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_manifest(docs: Path, files: dict[str, str]) -> None:
    text = json.dumps({"version": 1, "files": dict(sorted(files.items()))}, indent=2) + "\n"
    try:
        if (docs / MANIFEST).read_text(encoding="utf-8") == text:
            return  # unchanged: keep its mtime, like every other unchanged file
    except FileNotFoundError:
        pass
    # mkstemp opens with O_EXCL: a link planted at a fixed temp name cannot redirect the write.
    fd, tmp = tempfile.mkstemp(prefix=MANIFEST + ".", suffix=".tmp", dir=docs)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if (docs / MANIFEST).is_symlink():
            raise UsageError(f"{docs / MANIFEST}: is a link; refusing to replace it (remove the link)")
        os.replace(tmp, docs / MANIFEST)
    finally:
        Path(tmp).unlink(missing_ok=True)


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
