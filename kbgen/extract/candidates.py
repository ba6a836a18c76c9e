"""Concept candidates: what evidence accepts one, how spellings fold together, and its label."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kbgen.mentions import classical_plural
from kbgen.model import CardId
from kbgen.text import is_acronym, is_common, key_of, singular, tokens, zipf

#: Signals that accept a candidate on their own.
STRONG = frozenset({"asked", "term", "acronym", "answer", "item", "named", "sibling", "config", "proper", "topic",
                    "answered"})
#: Signals found by counting words: a concept resting only on them must be matched on its own.
WEAK = frozenset({"rare", "recurring", "sibling"})


@dataclass
class Cand:
    surfaces: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    signals: set[str] = field(default_factory=set)
    asked: list[tuple[CardId, str]] = field(default_factory=list)        # (card id, question kind)
    cards: set[CardId] = field(default_factory=set)
    # (kind, card id) of cards that define it in their answer
    defines: list[tuple[str, CardId]] = field(default_factory=list)
    qualified: bool = False                          # "bias (math)": its bare form is shared
    written: set[str] = field(default_factory=set)        # surfaces an author wrote as a term front

    def forms(self) -> list[str]:
        return [*self.surfaces, *self.aliases]

    def absorb(self, other: Cand) -> None:
        self.aliases |= other.aliases | set(other.surfaces)
        self.signals |= other.signals
        self.asked += other.asked
        self.defines += other.defines
        self.cards |= other.cards


def accept(c: Cand) -> bool:
    """Enough evidence for a concept. Everyday phrases need a question to be about them.

    >>> c = Cand(); c.surfaces["clean data"] = 1; c.signals.add("answer"); accept(c)
    False
    """
    if not c.surfaces:
        return False
    surface = max(c.surfaces, key=c.surfaces.__getitem__)
    everyday = all(is_common(t) for t in tokens(surface))
    # a capitalised name is no everyday phrase; a "titled" one must be named on another card too
    if c.signals & {"asked", "term", "acronym", "config", "proper", "topic", "titled", "emphasis", "answered",
                     "central"}:
        return True
    if everyday:
        return False
    if c.signals & STRONG or "rare" in c.signals or (c.signals & {"lone", "fact"} and len(c.cards) >= 2):
        return True
    # an acronym inside makes a phrase a term of art ("MAC address table", "ARP table")
    return "recurring" in c.signals and (
        len(c.cards) >= 3 or any(zipf(t.lower()) < 3.6 for t in tokens(surface)) or _acronym_led(surface))


def _acronym_led(phrase: str) -> bool:
    """"MAC address table": an acronym then plain words; not code ("UPDATE students SET", "column1")."""
    first, *rest = tokens(phrase)
    return is_acronym(first) and bool(rest) and all(t.isalpha() and t.islower() for t in rest)


def fold(accepted: dict[str, Cand]) -> dict[str, Cand]:
    """Fold candidates that name the same thing: an alias of another, or an everyday word
    in front of a concept ("data denoising" → "denoising")."""
    parent = {k: k for k in accepted}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            keep, lose = sorted((ra, rb), key=lambda x: (tuple(-v for v in _rank(accepted[x])), x))
            parent[lose] = keep

    for k in sorted(accepted):
        for alias in sorted(accepted[k].aliases):
            if (ak := key_of(alias)) in accepted and not accepted[ak].qualified:
                union(ak, k)
        # "noumena" is the plural of "noumenon", "alveoli" of "alveolus": one concept
        if (plural := classical_plural(k)) in accepted and not accepted[plural].qualified:
            union(plural, k)
    for k in sorted(accepted):
        c = accepted[k]
        words = tokens(max(c.surfaces, key=c.surfaces.__getitem__)) if c.surfaces else []
        if (len(words) == 2 and not c.asked and is_common(words[0], 5.2)
                and (head := key_of(words[1])) in accepted and head != k):
            parent[root(k)] = root(head)
    merged: dict[str, Cand] = {}
    for k in sorted(accepted, key=lambda x: (root(x) != x, x)):
        r = root(k)
        if r == k:
            merged[k] = accepted[k]
        else:
            merged[r].absorb(accepted[k])
    return merged


def _rank(c: Cand) -> tuple[int, int, int]:
    """Which member of a merge names the concept: the one asked about, then an acronym, then longer."""
    best = max(c.surfaces, key=c.surfaces.__getitem__) if c.surfaces else ""
    return (len(c.asked), int(any(ch.isupper() for ch in best[1:])), len(best))


def label_of(c: Cand) -> str:
    """The most used spelling, in the singular, with its case kept ("ResNets" → "ResNet")."""
    best = sorted(c.surfaces.items(), key=lambda kv: (-kv[1], kv[0].lower() != kv[0], kv[0]))
    surface = best[0][0]
    for s, _ in best:  # prefer a spelling that keeps capitals (ResNet over resnet)
        if any(ch.isupper() for ch in s[1:]):
            surface = s
            break
    words = surface.split()
    # a name read in an answer ("John Roberts") or code ("spec.hostAliases") keeps its last letter
    name = len(words) > 1 and all(w[:1].isupper() for w in words) and c.signals & {"answer", "answered", "topic"}
    code = any(ch in surface for ch in "._") or (any(ch.isupper() for ch in words[-1][1:]) and words[-1][:1].islower())
    if c.qualified or surface.endswith(")") or surface in c.written or "proper" in c.signals or name or code \
            or "and" in words:  # "checks and balances" is one name
        return surface  # as the author wrote the term or name ("Cook Islands", "United States")
    if "of" in words[1:-1] and words[words.index("of") - 1].islower():  # "measures of spread"
        i = words.index("of") - 1
        words[i] = singular(words[i])
        return " ".join(words)
    last, one = words[-1], singular(words[-1])
    # Not after "of" ("bag of words"), nor when the singular is a rarer word ("Bayes", "Baye").
    if (len(words) < 2 or words[-2].lower() != "of") and zipf(one.lower()) >= zipf(last.lower()) - 0.5:
        words[-1] = one
    return " ".join(words)
