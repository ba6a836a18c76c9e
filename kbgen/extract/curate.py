"""The curation pass: ``kbgen.yml`` (:class:`kbgen.config.Config`) applied to the accepted candidates.

The configuration is read and validated before any deck (:mod:`kbgen.config`); what it
asks of the concepts is checked and applied here, in the extract stage, where the
candidates are: a ``merge`` or ``rename`` that would drop a concept, give two concepts one
name, or name a concept kbgen did not find is refused with one line, never applied half-way.
"""

from __future__ import annotations

from kbgen.config import Config
from kbgen.errors import ConfigError
from kbgen.extract.candidates import Cand
from kbgen.text import key_of


def curate(config: Config, accepted: dict[str, Cand]) -> dict[str, Cand]:
    """Apply ``kbgen.yml`` to the accepted candidates, in place; returns those left with a surface or an alias."""
    for label in config.add:
        c = accepted.setdefault(key_of(label), Cand())
        c.surfaces[label] += 1
        c.signals.add("config")
    _check_against(config, accepted)
    for key, labels in config.merge.items():
        c = accepted.setdefault(key, Cand())
        for label in labels:
            if (other := accepted.pop(key_of(label), None)) is not None:
                c.absorb(other)
            c.aliases.add(label)
        c.signals.add("config")
    for key, aliases in config.aliases.items():
        if key in accepted:
            accepted[key].aliases.update(aliases)
    for key in config.ignore:
        accepted.pop(key, None)
    return {k: c for k, c in accepted.items() if c.surfaces or c.aliases}


def _check_against(config: Config, accepted: dict[str, Cand]) -> None:
    """Refuse a merge into, or a rename of, a concept that does not exist, and a rename
    onto a concept that stays: either would drop a concept or give two one id."""
    for key in config.merge:
        if key not in accepted:
            raise ConfigError(f"{config.where}: merge: {config.names.get(key, key)!r} is not a concept kbgen found "
                              "(list it under add: first, or merge into one of `kbgen concepts`)")
    merged_away = {key_of(label) for labels in config.merge.values() for label in labels}
    for key, label in config.rename.items():
        if key not in accepted or key in merged_away:
            raise ConfigError(f"{config.where}: rename: {config.names.get(key, key)!r} is not a concept kbgen found"
                              + (" (it is merged into another)" if key in merged_away else ""))
        other = key_of(label)
        if other != key and other in accepted and other not in merged_away and other not in config.rename:
            raise ConfigError(f"{config.where}: rename: {config.names.get(key, key)!r} → {label!r} would give two "
                              f"concepts one name ({label!r} is already a concept); use merge: instead")
