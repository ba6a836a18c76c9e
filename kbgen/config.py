"""``kbgen.yml``: a user's curation of the extracted concepts, validated before use.

    aliases:            # more spellings of a concept
      batch normalization: [BN]
    merge:              # fold concepts into one; the others become its aliases
      autoencoder: [AE, auto-encoder]
    rename:             # change a concept's label
      Code: bottleneck
    ignore: [original]  # never a concept
    add: [encoder]      # always a concept (when some card mentions it)

Labels are matched as kbgen merges spellings: case, hyphens and a plural do not matter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbgen.errors import ConfigError
from kbgen.text import key_of

KEYS = ("add", "aliases", "ignore", "merge", "rename")


@dataclass(frozen=True)
class Config:
    add: tuple[str, ...] = ()
    aliases: dict = field(default_factory=dict)      # key → [alias]
    ignore: frozenset = frozenset()                  # keys
    merge: dict = field(default_factory=dict)        # key → [label folded in]
    rename: dict = field(default_factory=dict)       # key → new label

    def apply(self, accepted: dict) -> dict:
        """Curate accepted candidates (``kbgen.extract.candidates.Cand``) in place; returns them."""
        from kbgen.extract.candidates import Cand
        for label in self.add:
            c = accepted.setdefault(key_of(label), Cand())
            c.surfaces[label] += 1
            c.signals.add("config")
        for key, labels in self.merge.items():
            c = accepted.setdefault(key, Cand())
            for label in labels:
                if (other := accepted.pop(key_of(label), None)) is not None:
                    c.absorb(other)
                c.aliases.add(label)
            c.signals.add("config")
        for key, aliases in self.aliases.items():
            if key in accepted:
                accepted[key].aliases.update(aliases)
        for key in self.ignore:
            accepted.pop(key, None)
        return {k: c for k, c in accepted.items() if c.surfaces or c.aliases}


def load_config(path: Path) -> Config:
    """Read and validate ``path``; a missing file is an empty configuration."""
    if not path.exists():
        return Config()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    rename = _mapping(data, "rename", where, lists=False)
    return Config(
        add=tuple(_strings(data.get("add"), "add", where)),
        aliases={key_of(k): v for k, v in _mapping(data, "aliases", where).items()},
        ignore=frozenset(key_of(s) for s in _strings(data.get("ignore"), "ignore", where)),
        merge={key_of(k): v for k, v in _mapping(data, "merge", where).items()},
        rename={key_of(k): v for k, v in rename.items()})


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


def _mapping(data: dict, name: str, where: str, lists: bool = True) -> dict:
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {name} must be a mapping of concept label to "
                          f"{'a list of labels' if lists else 'a new label'}, got {value!r}")
    out: dict = defaultdict(list)
    for k, v in value.items():
        if not isinstance(k, str) or not key_of(k):
            raise ConfigError(f"{where}: {name}: {k!r} is not a concept label")
        if lists:
            out[k].extend(_strings(v, f"{name}: {k}", where))
        else:
            out[k] = _strings(v, f"{name}: {k}", where)[0] if isinstance(v, str) else _bad(name, k, v, where)
    return dict(out)


def _bad(name: str, key: str, value: object, where: str):
    raise ConfigError(f"{where}: {name}: {key}: expected a label (a string), got {value!r}")
