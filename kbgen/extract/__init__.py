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

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kbgen.cardcache import CardCache
from kbgen.config import Config
from kbgen.extract.boilerplate import answer_choices, strip_boilerplate
from kbgen.extract.candidates import Cand, accept, fold
from kbgen.extract.cards import collect, deck_context
from kbgen.extract.core import find_names, finish, mentions, surnames
from kbgen.extract.curate import curate
from kbgen.extract.phrases import central_words, ngram_signals
from kbgen.model import Card, Concept, Deck
from kbgen.text import key_of


@dataclass
class State:
    """What the passes hand on to each other."""
    decks: list[Deck]
    config: Config
    cands: dict[str, Cand] = field(default_factory=lambda: defaultdict(Cand))
    fronts: dict[str, Any] = field(default_factory=dict)    # card id → its front as read
    prose: list[Card] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    templates: set[str] = field(default_factory=set)  # "adverse effects": a question's frame, no concept
    choices: set[str] = field(default_factory=set)    # "True", "False": answers a deck gives again and again
    concepts: list[Concept] = field(default_factory=list)
    cache: CardCache = field(default_factory=lambda: CardCache(None))  # per-card results kept on disk


def _boilerplate(s: State) -> None:
    s.decks = [strip_boilerplate(d) for d in s.decks]


def _cards(s: State) -> None:
    for deck in s.decks:
        ctx = deck_context(deck, s.fronts)
        s.templates |= ctx.templates
        s.choices |= answer_choices(deck)
        for card in deck.cards:
            collect(card, s.fronts[card.id], s.cands, ctx)
        if not ctx.glossary:  # a glossary's author listed its terms: its prose adds none
            s.prose.extend(deck.cards)


def _accept(s: State) -> None:
    frames = {key_of(t) for t in s.templates}
    s.cands = {k: c for k, c in s.cands.items() if accept(c) and k not in frames
               and not (k in s.choices and c.signals <= {"answer", "answered", "item", "lone"})}


PASSES: tuple[tuple[str, Callable[[State], object]], ...] = (
    ("boilerplate", _boilerplate),
    ("cards", _cards),
    ("ngrams", lambda s: ngram_signals(s.prose, s.cands, s.cache, s.config)),
    ("central", lambda s: central_words(s.prose, s.cands)),
    ("names", lambda s: s.names.update(find_names(s.decks, s.fronts, s.cands))),
    ("accept", _accept),
    ("surnames", lambda s: surnames(s.cands, s.names)),
    ("curate", lambda s: setattr(s, "cands", curate(s.config, s.cands))),
    ("fold", lambda s: setattr(s, "cands", fold(s.cands))),
    ("mentions", lambda s: mentions([c for d in s.decks for c in d.cards], s.fronts, s.cands, s.cache, s.config)),
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

    ``cache`` keeps per-card results across runs (:mod:`kbgen.cardcache`); the result is
    the same with or without it."""
    state = State(decks=list(decks), config=config or Config(), cache=cache or CardCache(None))
    for _, run in PASSES:
        run(state)
    state.cache.save()
    return state.concepts


__all__ = ["PASSES", "SIGNAL_PASS", "State", "extract_concepts"]
