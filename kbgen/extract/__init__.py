"""Cards → concepts, in named passes run in the order of ``PASSES``.

1. ``boilerplate``  drop the answer lines a deck repeats on most cards ("Reference: …")
2. ``cards``        read each card: fronts without deck-wide labels and suffixes, then the signals
                    its question, title and answer give (``kbgen.extract.cards``)
3. ``ngrams``       phrases and rare words recurring across a prose deck's cards
4. ``central``      plain words on many of a prose deck's cards and asked about ("table" in SQL)
5. ``names``        capitalised names written on several cards ("World War II", "Hume")
6. ``accept``       keep the candidates with enough evidence (``kbgen.extract.candidates.accept``)
7. ``surnames``     a person's surname as an alias of the full name ("Kant")
8. ``curate``       the user's ``kbgen.yml``: add, drop, merge, rename
9. ``fold``         merge spellings of one thing (aliases, acronyms, "data denoising" → "denoising")
10. ``mentions``    every card naming a concept backs it; an answer saying "X is …" may define X
11. ``finish``     labels, aliases, the defining card, slugs

Every pass is linear in the cards. ``SIGNAL_PASS`` names the pass behind each signal, which
``kbgen concepts --explain`` shows.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kbgen.cache import cached
from kbgen.cardcache import CardCache, scope_of
from kbgen.config import Config
from kbgen.extract.boilerplate import strip_boilerplate
from kbgen.extract.candidates import Cand, accept, fold
from kbgen.extract.core import find_names, finish, mentions, surnames
from kbgen.extract.curate import curate
from kbgen.extract.deckparts import deck_parts, merge
from kbgen.extract.ngrams import ngram_signals
from kbgen.extract.phrases import central_words
from kbgen.model import Card, CardId, Concept, ConceptId, Deck
from kbgen.text import key_of


@dataclass
class State:
    """What the passes hand on to each other."""
    decks: list[Deck]
    config: Config
    cands: dict[str, Cand] = field(default_factory=lambda: defaultdict(Cand))
    fronts: dict[str, Any] = field(default_factory=dict)    # card id → its front as read
    prose_decks: list[list[Card]] = field(default_factory=list)  # the cards of the decks that are no glossary
    names: set[str] = field(default_factory=set)
    templates: set[str] = field(default_factory=set)  # "adverse effects": a question's frame, no concept
    choices: set[str] = field(default_factory=set)    # "True", "False": answers a deck gives again and again
    concepts: list[Concept] = field(default_factory=list)
    cache: CardCache = field(default_factory=lambda: CardCache(None))  # per-card results kept on disk


def _boilerplate(s: State) -> None:
    s.decks = [strip_boilerplate(d) for d in s.decks]


def _cards(s: State) -> None:
    for deck, part in zip(s.decks, deck_parts(s.decks, s.cache, s.config), strict=True):
        s.fronts.update(zip([c.id for c in deck.cards], part["fronts"], strict=True))
        s.templates.update(part["templates"])
        s.choices.update(part["choices"])
        merge(part, s.cands)
        if not part["glossary"]:  # a glossary's author listed its terms: its prose adds none
            s.prose_decks.append(list(deck.cards))


def _accept(s: State) -> None:
    frames = {key_of(t) for t in s.templates}
    s.cands = {k: c for k, c in s.cands.items() if accept(c) and k not in frames
               and not (k in s.choices and c.signals <= {"answer", "answered", "item", "lone"})}


PASSES: tuple[tuple[str, Callable[[State], object]], ...] = (
    ("boilerplate", _boilerplate),
    ("cards", _cards),
    ("ngrams", lambda s: ngram_signals(s.prose_decks, s.cands, s.cache, s.config)),
    ("central", lambda s: central_words(s.prose_decks, s.cands, s.cache, s.config)),
    ("names", lambda s: s.names.update(find_names(s.decks, s.fronts, s.cands, s.cache, s.config))),
    ("accept", _accept),
    ("surnames", lambda s: surnames(s.cands, s.names)),
    ("curate", lambda s: setattr(s, "cands", curate(s.config, s.cands))),
    ("fold", lambda s: setattr(s, "cands", fold(s.cands))),
    ("mentions", lambda s: mentions([list(d.cards) for d in s.decks], s.fronts, s.cands, s.cache, s.config)),
    ("finish", lambda s: setattr(s, "concepts", finish(s.cands, s.config))),
)

#: The pass whose evidence a signal is.
SIGNAL_PASS = {
    **dict.fromkeys(("asked", "term", "titled", "topic", "acronym", "answer", "answered", "item", "named",
                     "emphasis", "lone", "fact"), "cards"),
    **dict.fromkeys(("recurring", "rare", "sibling"), "ngrams"),
    "central": "central",
    "proper": "names", "config": "curate",
}


def extract_concepts(decks: list[Deck], config: Config | None = None,
                     cache: CardCache | None = None) -> list[Concept]:
    """Return the decks' concepts, sorted by id, each backed by at least one card.

    ``cache`` keeps per-card results across runs (:mod:`kbgen.cardcache`), and the whole
    result while no card changes; the result is the same with or without it."""
    config, cache = config or Config(), cache or CardCache(None)
    if cache.folder is None:
        return _extract(decks, config, cache)
    # The concepts depend on the cards' ids and text, the decks' boilerplate, the curation and
    # the code only: a rerun on unchanged decks skips the deck-wide passes, which the per-card
    # stores cannot spare.
    key = scope_of(config, _digest(decks))
    value = cached(cache.folder, "extract", key,
                   lambda: [_record(c) for c in _extract(decks, config, cache)], _valid)
    return [_concept(v) for v in value]


def _extract(decks: list[Deck], config: Config, cache: CardCache) -> list[Concept]:
    state = State(decks=list(decks), config=config, cache=cache)
    for _, run in PASSES:
        run(state)
    state.cache.save()
    return state.concepts


def _digest(decks: list[Deck]) -> str:
    """A hash of everything in the decks that extraction reads."""
    text = json.dumps([[d.boilerplate, [[c.id, c.question, c.answer] for c in d.cards]] for d in decks])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_LISTS = ("aliases", "cards", "asked", "signals")


def _record(c: Concept) -> dict[str, Any]:
    return {"id": c.id, "label": c.label, "definition": c.definition, **{f: list(getattr(c, f)) for f in _LISTS}}


def _valid(value: Any) -> bool:
    """The stored concepts have the shape :func:`_record` gives (the file is never trusted)."""
    return isinstance(value, list) and all(
        isinstance(v, dict) and isinstance(v.get("id"), str) and isinstance(v.get("label"), str)
        and (v.get("definition") is None or isinstance(v.get("definition"), str))
        and all(isinstance(v.get(f), list) and all(isinstance(x, str) for x in v[f]) for f in _LISTS)
        for v in value)


def _concept(v: dict[str, Any]) -> Concept:
    definition = v["definition"]
    return Concept(id=ConceptId(v["id"]), label=v["label"], aliases=tuple(v["aliases"]),
                   cards=tuple(CardId(x) for x in v["cards"]),
                   definition=CardId(definition) if definition is not None else None,
                   asked=tuple(CardId(x) for x in v["asked"]), signals=tuple(v["signals"]))


__all__ = ["PASSES", "SIGNAL_PASS", "State", "extract_concepts"]
