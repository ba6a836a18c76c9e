"""The build cache: results of slow, pure stages kept in ``.kbgen-cache/``, keyed by their input.

An entry is one JSON file named after its kind; it stores the key it was computed for,
so a changed input simply misses. A missing, unreadable or stale entry is recomputed:
the cache can always be deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

log = logging.getLogger("kbgen")


def graph_key(G: nx.Graph, *extra: object) -> str:
    """A hash of ``G``'s nodes and weighted edges (attributes that a layout reads) plus ``extra``."""
    h = hashlib.sha256(json.dumps([str(x) for x in extra]).encode())
    for n in sorted(G):
        h.update(f"n\0{n}\0".encode())
    for u, v, w in sorted((min(u, v), max(u, v), w) for u, v, w in G.edges(data="weight", default=1)):
        h.update(f"e\0{u}\0{v}\0{w}\0".encode())
    return h.hexdigest()


def cached(cache_dir: Path, kind: str, key: str, compute: Callable[[], Any],
           valid: Callable[[Any], bool] = lambda value: True) -> Any:
    """``compute()``'s JSON-able result, read from ``cache_dir/<kind>.json`` when ``key`` matches.

    An entry of the wrong shape (edited, or from another version) is recomputed, as is one
    that ``valid`` rejects: the cache is never trusted to be well-formed.
    """
    path = cache_dir / f"{kind}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry, dict) and entry.get("key") == key and "value" in entry and valid(entry["value"]):
            log.debug("%s: cache hit", path)
            return entry["value"]
        if isinstance(entry, dict) and entry.get("key") == key:
            log.info("%s: cache entry malformed; recomputed", path)
    except (OSError, ValueError, RecursionError):
        pass
    value = compute()
    store(cache_dir, path, key, value)
    return value


def load_entries(path: Path, key: str, then: str) -> dict[str, Any]:
    """The ``{name: result}`` map :func:`store` wrote at ``path`` under ``key``, or ``{}``.

    A missing file or another key (version, configuration) is silently empty; an unreadable or
    malformed one is a warning that says what happens ``then`` ("it is rebuilt").
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as e:
        log.warning("%s: unreadable cache file ignored (%s); %s", path, type(e).__name__, then)
        return {}
    if not (isinstance(data, dict) and isinstance(data.get("value"), dict)):
        log.warning("%s: malformed cache file ignored; %s", path, then)
        return {}
    if data.get("key") != key:
        log.debug("%s: made by another version, configuration or input; not used", path)
        return {}
    entries: dict[str, Any] = data["value"]
    return entries


def store(cache_dir: Path, path: Path, key: str, value: Any) -> None:
    tmp = None
    if cache_dir.is_symlink():  # a link committed as .kbgen-cache must not redirect kbgen's writes
        log.warning("%s: is a link; the cache is not written (delete the link)", cache_dir)
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # mkstemp opens with O_EXCL, so a link planted at the temp name is never written through.
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=cache_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps({"key": key, "value": value}))
        os.replace(tmp, path)  # atomic: a parallel build never reads half an entry
    except OSError as e:  # a read-only checkout still builds, just without the cache
        log.info("%s: cache not written (%s)", path, e)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
