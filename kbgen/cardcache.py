"""Per-card extraction results kept on disk, so a deck edit re-reads only the text it changed.

Extraction reads every clause of every card for n-grams and searches every card for concept
mentions. Both are pure functions of the text and of one deck-wide input (the asked phrases'
last words; the concepts' forms), so each kind is stored as one JSON file in the cache folder
(``.kbgen-cache/cards-<kind>.json``) mapping a text to its result, under a *scope*: the kbgen
code, the ``kbgen.yml`` curation and that deck-wide input. A file from another scope is
started afresh; an unreadable one is ignored with a warning. Only entries used by the last run
are written back, so the file never outgrows the decks. The cache can always be deleted.

The deck-wide passes keep each deck's share the same way, keyed by a hash of the deck
(:func:`digest`): when some decks are unchanged, their texts are not read again, and the
per-text store keeps all its entries (:meth:`_Store.keep_all`) until a run reads every deck.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kbgen import __version__
from kbgen.cache import load_entries, store
from kbgen.config import Config

log = logging.getLogger("kbgen")

#: Bump when what a kind stores changes shape or meaning.
FORMAT = 1


@functools.cache
def code_version() -> str:
    """kbgen's version and a hash of its source: a checkout between releases (or an edited
    install) must not reuse what other code computed."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def scope_of(config: Config | None, *parts: object) -> str:
    """A hash of the kbgen code, the curation and ``parts`` (each JSON-able or a set)."""
    conf = dataclasses.asdict(config) if config is not None else {}
    conf.pop("where", None)  # where kbgen.yml lives says nothing about its content
    text = json.dumps([FORMAT, code_version(), conf, *parts], sort_keys=True, default=sorted)
    return hashlib.sha256(text.encode()).hexdigest()


def digest(rows: object) -> str:
    """A hash of JSON-able ``rows``: the key of a deck's share of a deck-wide pass."""
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def per_deck(cache: CardCache, kind: str, scope: str, decks: list[list[Any]], row: Callable[[Any], object],
             valid: Callable[..., bool], read: Callable[[list[Any], _Store], Any]) -> list[Any]:
    """Each deck's share of a pass over the cards of ``kind``: kept in ``<kind>-decks`` by the
    :func:`digest` of its cards' ``row``, else ``read(cards, texts)`` (``texts``: the per-text
    store ``<kind>s``, all of whose entries are kept when some decks were not read)."""
    stored = cache.store(f"{kind}-decks", scope)
    texts = functools.cache(lambda: cache.store(f"{kind}s", scope))  # opened when a deck is read

    def reader(cards: list[Any]) -> Callable[[], Any]:
        return lambda: read(cards, texts())

    parts = [stored.share([row(c) for c in cards], valid, len(cards), reader(cards)) for cards in decks]
    if 0 < stored.misses < len(decks):
        texts().keep_all()  # the unchanged decks' texts were not read, but are still the decks'
    return parts


class CardCache:
    """The per-card stores of one run: ``store(kind, scope)`` before, ``save()`` after."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._open: dict[str, tuple[str, _Store]] = {}

    def store(self, kind: str, scope: str) -> _Store:
        """The ``{text: result}`` entries of ``kind`` kept for ``scope`` (empty on any mismatch)."""
        entries = (load_entries(self.folder / f"cards-{kind}.json", scope, "it is rebuilt")
                   if self.folder is not None else {})
        st = _Store(entries)
        self._open[kind] = (scope, st)
        return st

    def save(self) -> None:
        """Write back each store that changed: the entries this run used, nothing else."""
        if self.folder is None:
            return
        for kind, (scope, st) in self._open.items():
            if st.misses or len(st.used) != len(st.entries):
                store(self.folder, self.folder / f"cards-{kind}.json", scope,
                       {k: st.entries[k] for k in st.used})
        self._open.clear()


class _Store:
    """A dict of results that counts what was used and what had to be computed."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = entries
        self.used: dict[str, None] = {}
        self.misses = 0

    def get(self, text: str, valid: Callable[[Any], bool]) -> Any:
        """The stored result for ``text``, or None; one that ``valid`` rejects counts as none
        (the file may have been edited: it is never trusted to be well-formed)."""
        value = self.entries.get(text)
        if value is not None and valid(value):
            self.used[text] = None
            return value
        return None

    def share(self, rows: object, valid: Callable[..., bool], size: int, compute: Callable[[], Any]) -> Any:
        """A deck's share of a pass across its ``size`` cards, kept by the :func:`digest` of the
        cards' ``rows``: the stored one if ``valid(value, size=size)``, else ``compute()``."""
        key = digest(rows)
        found = self.get(key, functools.partial(valid, size=size))
        return found if found is not None else self.put(key, compute())

    def keep_all(self) -> None:
        """Keep every entry when written back, the ones this run had no need to read too."""
        self.used.update(dict.fromkeys(self.entries))

    def put(self, text: str, value: Any) -> Any:
        self.entries[text] = value
        self.used[text] = None
        self.misses += 1
        return value
