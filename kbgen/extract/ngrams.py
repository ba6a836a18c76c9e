"""The ``ngrams`` pass: recurring phrases, rare words and siblings of asked concepts.

Every clause of every prose card is read for n-grams (:func:`kbgen.extract.grams.line_grams`),
and what the clauses say of each phrase key is gathered across the cards. That gathering is
kept per deck (``.kbgen-cache/cards-ngram-decks.json``, under the asked heads as the clauses
are): what a deck says of a key is its cards, the first kind and follower, and its spellings
in order, a run of one spelling standing for all of it, since the spelling a key keeps is
decided by each new one in turn. A one-card edit reads its own deck's clauses again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kbgen.cardcache import CardCache, per_deck, scope_of
from kbgen.config import Config
from kbgen.extract.grams import MIXED, NO_FOLLOWER, as_written, line_grams, valid_grams
from kbgen.extract.naming import uncloze
from kbgen.extract.phrases import _CLAUSE, _NOISE, VERY_RARE
from kbgen.model import Card, CardId
from kbgen.text import key_of, zipf

#: A deck's share: ``[key, cards, spellings, kind, apposed cards, follower]`` per key, in the
#: order the deck first says them, cards by their place in the deck; a spelling is
#: ``[phrase, clause]`` (the clause only if hyphenated).
Part = list[list[Any]]


@dataclass
class _Seen:
    """What the cards' clauses said of each phrase key: its cards, spelling and kind, the cards
    where a name follows it, and the word after it (one word, or MIXED)."""
    cards: dict[str, set[CardId]] = field(default_factory=lambda: defaultdict(set))
    surface: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)  # the clause a surface was read from (its hyphens)
    kinds: dict[str, str] = field(default_factory=dict)
    apposed: dict[str, set[CardId]] = field(default_factory=lambda: defaultdict(set))
    after: dict[str, str] = field(default_factory=dict)

    def merge(self, part: Part, ids: list[CardId]) -> None:
        """Add one deck's share (``ids``: its cards), as if its clauses were read one by one."""
        for k, cards, spellings, kind, apposed, after in part:
            self.cards[k].update([ids[i] for i in cards])
            if after is not None and self.after.setdefault(k, after) != after:
                self.after[k] = MIXED
            if apposed:
                self.apposed[k].update([ids[i] for i in apposed])
            for phrase, line in spellings:
                old = self.surface.get(k)
                # "Membrane …" only begins a sentence; "Emmett Kellys character" lost its apostrophe
                if old is None or (phrase.islower() and old[1:].islower() and old.lower() == phrase) \
                        or old == phrase + "s":
                    self.surface[k], self.where[k] = phrase, line
            self.kinds.setdefault(k, kind)


def _read(cards: tuple[Card, ...] | list[Card], grams: Callable[[str], list[Any]]) -> Part:
    """One deck's share, its clauses' n-grams given by ``grams``."""
    acc: dict[str, list[Any]] = {}
    for i, card in enumerate(cards):
        # n-grams stay within a clause: "SGD — stochastic gradient" is two things
        for line in _CLAUSE.split(_NOISE.sub(" ", uncloze(card.question) + "\n" + card.answer)):
            hyphened = line if "-" in line else ""  # only a hyphen is ever read back from the clause
            for phrase, kind, nxt in grams(line):
                k = key_of(phrase)
                e = acc.get(k)
                if e is None:
                    e = acc[k] = [k, set(), [], None, set(), None]
                e[1].add(i)
                if kind in ("recurring", "apposed"):
                    e[5] = nxt if e[5] is None or e[5] == nxt else MIXED
                if kind == "apposed":
                    e[4].add(i)
                    kind = "recurring"
                if e[3] is None:
                    e[3] = kind
                runs = e[2]
                if not runs or runs[-1][0] != phrase:
                    runs.append([phrase, hyphened])
                elif phrase.islower() and phrase[1:].islower():  # a lowercase spelling keeps its last clause
                    runs[-1][1] = hyphened
    return [[k, sorted(c), runs, kind, sorted(a), after] for k, c, runs, kind, a, after in acc.values()]


def ngram_signals(decks: list[list[Card]], cands: dict[str, Any], cache: CardCache | None = None,
                  config: Config | None = None) -> None:
    """Recurring phrases, rare words and siblings of asked concepts, in one pass over the prose
    decks' cards. A clause's signals depend on its text and the asked heads only: ``cache``
    keeps them across runs, and each deck's share while its cards stay the same."""
    seen = _Seen()
    heads = {key_of(s.split()[-1]) for c in cands.values() if c.asked for s in c.surfaces if " " in s}
    for part, cards in zip(_parts(decks, heads, cache or CardCache(None), scope_of(config, heads)), decks,
                           strict=True):
        seen.merge(part, [c.id for c in cards])
    aliased = {key_of(a) for c in cands.values() for a in c.aliases}
    for k, ids in seen.cards.items():
        _signal(k, ids, seen, cands, aliased)


def _parts(decks: list[list[Card]], heads: set[str], cache: CardCache, scope: str) -> list[Part]:
    memo: dict[str, list[Any]] = {}  # clauses recur across cards: read each once

    def read(cards: list[Card], lines: Any) -> Part:
        def grams(line: str) -> list[Any]:
            found = memo.get(line)
            if found is None:
                found = lines.get(line, valid_grams)
                if found is None:
                    found = lines.put(line, list(line_grams(line, heads)))
                memo[line] = found
            return found
        return _read(cards, grams)

    return per_deck(cache, "ngram", scope, decks, lambda c: [c.id, c.question, c.answer], _valid, read)


def _valid(part: Any, size: int) -> bool:
    """A stored share has the shape :func:`_read` gives (the file is never trusted). The lists
    are checked by ``map`` and ``set``, not element by element: a share holds a million entries."""
    def places(value: Any) -> bool:
        return type(value) is list and {*map(type, value)} <= {int} \
            and (not value or 0 <= min(value) <= max(value) < size)

    return type(part) is list and {*map(type, part)} <= {list} and all(
        len(e) == 6 and type(e[0]) is str and type(e[3]) is str and places(e[1]) and places(e[4])
        and (e[5] is None or type(e[5]) is str) and type(e[2]) is list and e[2] and {*map(type, e[2])} <= {list}
        and all(len(s) == 2 and type(s[0]) is str and s[0] and type(s[1]) is str for s in e[2]) for e in part)


def _signal(k: str, ids: set[CardId], seen: _Seen, cands: dict[str, Any], aliased: set[str]) -> None:
    """The candidate a phrase key's evidence makes, if it is enough."""
    kind, phrase = seen.kinds[k], seen.surface[k]
    if kind in ("acro", "code", "compound") and k in aliased and k not in cands:
        return  # "TP" of "true positives (TP)": its concept already has it
    z = zipf(phrase.lower()) if kind == "rare" else 0.0  # the word list is slow to ask, and only this kind needs it
    # A word no word list knows is a typo or code as often as a term: it needs more cards.
    strong = kind == "sibling" or (kind == "rare" and (len(ids) >= (2 if z > 0 else 3) or 0 < z < VERY_RARE)) \
        or kind == "compound" or (kind == "acro" and len(ids) >= 2) \
        or (kind == "code" and ("::" in phrase or len(ids) >= 2))
    # "comic strip character Snoopy", "WWE wrestler John Cena": a phrase a deck writes before
    # names describes them, as an apposition; the names are the concepts
    if kind == "recurring" and len(seen.apposed[k]) * 2 >= len(ids):
        return
    # "Andy Capp comic" is always "Andy Capp comic strip": a cut piece of a longer name
    if kind == "recurring" and seen.after.get(k, MIXED) not in NO_FOLLOWER and not strong:
        return
    if (kind == "recurring" and len(ids) >= 2) or strong:
        phrase = as_written(phrase, seen.where[k]) if " " in phrase else phrase
        c = cands[k]
        c.surfaces[phrase] += len(ids)
        c.cards.update(ids)
        c.signals.add({"acro": "rare", "code": "rare", "compound": "rare"}.get(kind, kind))
