"""``kbgen.yml``: a user's curation of the extracted concepts, validated before use.

    aliases:            # more spellings of a concept
      batch normalization: [BN]
    merge:              # fold concepts into one; the others become its aliases
      autoencoder: [AE, auto-encoder]
    rename:             # change a concept's label
      Code: bottleneck
    ignore: [original]  # never a concept
    add: [encoder]      # always a concept (when some card mentions it)
    limits:             # what one deck may make kbgen read, in MiB
      entry_mb: 256     # one media file or package entry
      total_mb: 1024    # everything read from one package
      text_mb: 64       # one text deck (CSV, Markdown, JSON…)

Labels are matched as kbgen merges spellings: case, hyphens and a plural do not matter.
A ``merge`` or ``rename`` that would drop a concept, give two concepts one name, or name
a concept kbgen did not find is refused with one line, never applied half-way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from kbgen.errors import ConfigError
from kbgen.text import key_of

KEYS = ("add", "aliases", "ignore", "limits", "merge", "rename")
LIMITS = ("entry_mb", "text_mb", "total_mb")


@dataclass(frozen=True)
class Config:
    add: tuple[str, ...] = ()
    aliases: dict[str, list[str]] = field(default_factory=dict)      # key → [alias]
    ignore: frozenset[str] = frozenset()              # keys
    merge: dict[str, list[str]] = field(default_factory=dict)        # key → [label folded in]
    rename: dict[str, str] = field(default_factory=dict)       # key → new label
    limits: dict[str, int] = field(default_factory=dict)       # "entry_mb"/"total_mb"/"text_mb" → MiB
    where: str = "kbgen.yml"
    names: dict[str, str] = field(default_factory=dict)        # key → the label as written, for messages


def load_config(path: Path) -> Config:
    """Read and validate ``path``; a missing file is an empty configuration."""
    if not path.exists():
        return Config()
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder, not a configuration file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
    return parse_config(data, str(path))


def parse_config(data: object, where: str = "kbgen.yml") -> Config:
    """Validate parsed YAML; every problem is one line naming the key and what is expected."""
    if data is None:
        return Config()
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping with keys {', '.join(KEYS)}")
    for k in data:
        if k not in KEYS:
            raise ConfigError(f"{where}: unknown key {k!r} (expected one of: {', '.join(KEYS)})")
    rename = {key_of(k): v for k, v in _mapping(data, "rename", where, lists=False).items()}
    merge = _merge(_mapping(data, "merge", where), where)
    targets = [key_of(v) for v in rename.values()]
    if dup := next((t for t in targets if targets.count(t) > 1), None):
        raise ConfigError(f"{where}: rename: two concepts renamed to {dup!r} would share one id")
    return Config(
        add=tuple(_strings(data.get("add"), "add", where)),
        aliases={key_of(k): v for k, v in _mapping(data, "aliases", where).items()},
        ignore=frozenset(key_of(s) for s in _strings(data.get("ignore"), "ignore", where)),
        merge=merge, rename=rename, limits=_limits(data.get("limits"), where), where=where,
        names={key_of(k): k for name in ("merge", "rename") for k in data.get(name) or {}})


def _merge(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """``merge`` by key; a concept merged into itself, into two, or in a chain is refused."""
    merge: dict[str, Any] = {}
    for k, labels in raw.items():
        merge.setdefault(key_of(k), []).extend(labels)
    into: dict[str, str] = {}
    for key, labels in merge.items():
        for label in labels:
            lk = key_of(label)
            if lk == key:
                raise ConfigError(f"{where}: merge: {key!r} lists itself ({label!r}); that would drop it")
            if lk in merge:
                raise ConfigError(f"{where}: merge: {label!r} is merged into {key!r} but also has its "
                                  "own merge list (a chain or a cycle); merge everything into one concept")
            if into.setdefault(lk, key) != key:
                raise ConfigError(f"{where}: merge: {label!r} is merged into both {into[lk]!r} and {key!r}")
    return merge


def _limits(value: object, where: str) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict) or any(k not in LIMITS for k in value):
        raise ConfigError(f"{where}: limits must be a mapping with keys {', '.join(LIMITS)}, got {value!r}")
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
            raise ConfigError(f"{where}: limits: {k} must be a positive whole number of MiB, got {v!r}")
    return dict(value)


def _strings(value: object, name: str, where: str) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
        raise ConfigError(f"{where}: {name} must be a list of non-empty strings, got {value!r}")
    out = [s.strip() for s in items]
    if any(not key_of(s) for s in out):
        raise ConfigError(f"{where}: {name} has an entry with no letters or digits: {value!r}")
    return out


def _mapping(data: dict[str, Any], name: str, where: str, lists: bool = True) -> dict[str, Any]:
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {name} must be a mapping of concept label to "
                          f"{'a list of labels' if lists else 'a new label'}, got {value!r}")
    out: dict[str, Any] = defaultdict(list)
    for k, v in value.items():
        if not isinstance(k, str) or not key_of(k):
            raise ConfigError(f"{where}: {name}: {k!r} is not a concept label")
        if lists:
            out[k].extend(_strings(v, f"{name}: {k}", where))
        else:
            out[k] = _strings(v, f"{name}: {k}", where)[0] if isinstance(v, str) else _bad(name, k, v, where)
    return dict(out)


def _bad(name: str, key: str, value: object, where: str) -> NoReturn:
    raise ConfigError(f"{where}: {name}: {key}: expected a label (a string), got {value!r}")
