"""Deck-wide boilerplate: what an author repeats on most cards is a label, not a concept.

Two shapes, both found by counting within one deck, never by a list of words:

- answer lines that recur on most cards ("Reference: …", "RerverseCardID: 93309…", "UPDATED 2020"):
  they are dropped before extraction reads the answers;
- a "Label: " prefix on fronts ("Immanuel Kant: What is a maxim?", "Year: Birth of …"): the rest is
  what the card asks. A label on several fronts that is a name ("Immanuel Kant") is the deck's
  topic and a concept; one that is an everyday word ("Year", "Name", "Examples") is a field name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kbgen.model import Deck
from kbgen.readers._noise import signature
from kbgen.text import is_common, is_junk, key_of, tokens

#: "Label: rest" with a short label: a few words, no sentence punctuation.
_LABEL = re.compile(r"^\s*([^\W\d_][^:?!.\n]{0,40}?)\s*:\s+(?=\S)")
#: A front label is the deck's own when at least this many fronts carry it.
LABEL_MIN = 3


def strip_boilerplate(deck: Deck) -> Deck:
    """The deck with the answer lines it repeats on most cards removed: the readers listed
    their signatures in ``deck.boilerplate`` (and ``kbgen parse`` reported them)."""
    common = set(deck.boilerplate)
    if not common:
        return deck
    kept = tuple(c if "\n" not in c.answer.strip() else replace(c, answer="\n".join(
        line for line in c.answer.split("\n") if not line.strip() or signature(line) not in common))
        for c in deck.cards)
    return replace(deck, cards=kept)


def answer_choices(deck: Deck) -> set[str]:
    """Whole answers the deck gives on many cards ("True", "False", "Yes"): choices, not concepts."""
    seen = Counter(key_of(c.answer) for c in deck.cards if c.answer.strip() and "\n" not in c.answer.strip())
    least = max(5, 0.03 * len(deck.cards))
    return {k for k, n in seen.items() if k and n >= least}


def front_labels(fronts: list[str]) -> Counter[str]:
    """How many fronts each leading "Label: " starts (labels nest: "Kant: Examples: …")."""
    counts: Counter[str] = Counter()
    for f in fronts:
        for label in _labels(f)[0]:
            counts[label] += 1
    return counts


def _labels(front: str) -> tuple[list[str], str]:
    labels = []
    while (m := _LABEL.match(front)) and len(tokens(m.group(1))) <= 4 and front[m.end():].strip():
        labels.append(m.group(1).strip())
        front = front[m.end():]
    return labels, front


def split_labels(front: str, counts: Counter[str]) -> tuple[list[str], list[str], str]:
    """(topics, fields, rest) of a front: "Immanuel Kant: Name: Laws outside us" →
    (["Immanuel Kant"], ["Name"], "Laws outside us").

    A label is stripped when the deck repeats it or when what follows asks a question;
    it is a topic when it is a name, not an everyday word, and several fronts carry it.

    >>> c = Counter({"Immanuel Kant": 3, "Name": 3})
    >>> split_labels("Immanuel Kant: Name: Laws outside us", c)
    (['Immanuel Kant'], ['Name'], 'Laws outside us')
    >>> split_labels("Note: what is X?", Counter())
    ([], ['Note'], 'what is X?')
    >>> split_labels("Ratio: a part", Counter())
    ([], [], 'Ratio: a part')
    """
    labels, rest = _labels(front)
    topics: list[str] = []
    fields: list[str] = []
    for i, label in enumerate(labels):
        # a label under the deck's own one is a field ("Kant: Description: …"), however rare
        nested = i > 0 and len(tokens(label)) <= 2
        if counts[label] < LABEL_MIN and not rest.rstrip().endswith("?") and not nested:
            return topics, fields, ": ".join([*labels[i:], rest])
        if counts[label] >= LABEL_MIN and _is_name(label):
            topics.append(label)
        else:
            fields.append(label)
    return topics, fields, rest


def _is_name(label: str) -> bool:
    words = tokens(label)
    return bool(words) and all(w[:1].isupper() for w in words) and not is_junk(label) \
        and not (len(words) == 1 and is_common(words[0]))
