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
from pathlib import Path
from typing import Any, Callable

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


def cached(cache_dir: Path, kind: str, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``'s JSON-able result, read from ``cache_dir/<kind>.json`` when ``key`` matches."""
    path = cache_dir / f"{kind}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("key") == key:
            log.debug("%s: cache hit", path)
            return entry["value"]
    except (OSError, ValueError, AttributeError):
        pass
    value = compute()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "value": value}), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a parallel build never reads half an entry
    except OSError as e:  # a read-only checkout still builds, just without the cache
        log.info("%s: cache not written (%s)", path, e)
    return value
