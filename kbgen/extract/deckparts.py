"""The ``cards`` pass one deck at a time, each deck's share kept across runs.

That pass reads a deck on its own (the labels it repeats, the templates it asks with, whether
it is a glossary), so what it adds to the candidates is a function of that deck's cards alone.
Each deck's share is computed on candidates of its own, kept as JSON under a hash of the deck
(``.kbgen-cache/cards-decks.json``), and merged into the run's candidates in deck order: a
one-card edit reads its own deck again, not all of them. Merging a deck's candidates at once
is adding its cards one by one: counts add, spellings keep the order they were first seen in,
sets unite and lists extend.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from kbgen.cardcache import CardCache, scope_of
from kbgen.config import Config
from kbgen.extract.boilerplate import answer_choices
from kbgen.extract.candidates import Cand
from kbgen.extract.cards import collect, deck_context
from kbgen.model import CardId, Deck

Part = dict[str, Any]


def deck_parts(decks: list[Deck], cache: CardCache, config: Config) -> list[Part]:
    """Each deck's share of the ``cards`` pass, read from ``cache`` when the deck is unchanged."""
    stored = cache.store("decks", scope_of(config))
    return [stored.share([[c.id, c.question, c.answer] for c in deck.cards], _valid, len(deck.cards),
                         functools.partial(read_deck, deck)) for deck in decks]


def read_deck(deck: Deck) -> Part:
    """What the ``cards`` pass takes from one deck: its cards' fronts, the question templates and
    answer choices it repeats, whether it is a glossary, and its candidates."""
    fronts: dict[str, Any] = {}
    cands: dict[str, Cand] = defaultdict(Cand)
    ctx = deck_context(deck, fronts)
    for card in deck.cards:
        collect(card, fronts[card.id], cands, ctx)
    return {"fronts": [fronts[c.id] for c in deck.cards], "templates": sorted(ctx.templates),
            "choices": sorted(answer_choices(deck)), "glossary": ctx.glossary,
            "cands": [[k, [[s, n] for s, n in c.surfaces.items()], sorted(c.aliases), sorted(c.signals),
                       [list(a) for a in c.asked], sorted(c.cards), [list(d) for d in c.defines],
                       c.qualified, sorted(c.written)] for k, c in cands.items()]}


def merge(part: Part, cands: dict[str, Cand]) -> None:
    """Add one deck's candidates to the run's, as if its cards had been read into them."""
    for k, surfaces, aliases, signals, asked, cards, defines, qualified, written in part["cands"]:
        c = cands[k]
        for surface, n in surfaces:
            c.surfaces[surface] += n
        c.aliases.update(aliases)
        c.signals.update(signals)
        c.asked += [(CardId(card), kind) for card, kind in asked]
        c.cards.update(cards)
        c.defines += [(kind, CardId(card)) for kind, card in defines]
        c.qualified = c.qualified or qualified
        c.written.update(written)


def _strs(value: Any) -> bool:
    return type(value) is list and {*map(type, value)} <= {str}


def _pairs(value: Any) -> bool:
    return type(value) is list and {*map(type, value)} <= {list} and all(len(x) == 2 and _strs(x) for x in value)


def _valid(part: Any, size: int) -> bool:
    """A stored share has the shape :func:`read_deck` gives (the file is never trusted)."""
    if not (isinstance(part, dict) and _strs(part.get("fronts")) and len(part["fronts"]) == size
            and _strs(part.get("templates")) and _strs(part.get("choices"))
            and isinstance(part.get("glossary"), bool) and isinstance(part.get("cands"), list)):
        return False
    return all(isinstance(c, list) and len(c) == 9 and isinstance(c[0], str)
               and isinstance(c[1], list) and all(isinstance(s, list) and len(s) == 2 and isinstance(s[0], str)
                                                  and type(s[1]) is int for s in c[1])
               and _strs(c[2]) and _strs(c[3]) and _pairs(c[4]) and _strs(c[5]) and _pairs(c[6])
               and isinstance(c[7], bool) and _strs(c[8]) for c in part["cands"])
