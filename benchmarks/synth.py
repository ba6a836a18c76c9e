"""Synthetic decks in the seed's plain-text layout, with made-up terms.

Every term is a string of random pronounceable syllables, so no glossary, stopword
list or word-frequency table can help the extractor: it has to work from the cards'
shape alone, as it would on a deck in a field nobody here knows. The same
``(cards, seed)`` always gives the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gl",
          "kr", "pl", "st", "tr", "th", "sh", "ch")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ou", "ea")
CODAS = ("", "", "n", "r", "l", "s", "m", "x", "th", "nd", "rk")
ENDINGS = ("", "", "", "ic", "ation", "ism", "ory", "ance", "oid", "ette")

QUESTIONS = (
    "What is {t}?",
    "What are {t}s?",
    "How does {t} work?",
    "Why do we need {t}?",
    "How can we improve {t}?",
    "What is the idea behind {t}?",
    "What kinds of {t} are there?",
    "What is {t} used for?",
    "How is {t} computed? (steps)",
)
FIRST_LINES = (
    "a method that combines {a} and {b}",
    "it is used to reduce the cost of {a} when there is little {b}",
    "the {a} is trained first, then the {b}",
    "one way to make {a} more stable than {b}",
)
CARDS_PER_FILE = 5_000


def word(rng: random.Random) -> str:
    syllables = rng.choice((1, 2, 2, 3))
    w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
    return w + rng.choice(ENDINGS)


def vocabulary(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct made-up terms of one to three words."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        term = " ".join(word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        if term not in seen:
            seen.add(term)
            out.append(term)
    return out


def acronym(term: str) -> str | None:
    words = term.split()
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else None


class _Writer:
    """Draws terms with a heavy tail, so a few concepts are hubs and most are leaves."""

    def __init__(self, terms: list[str], rng: random.Random) -> None:
        self.terms, self.rng = terms, rng
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(terms))]

    def some(self, k: int) -> list[str]:
        return self.rng.choices(self.terms, weights=self.weights, k=k)

    def card(self, subject: str) -> str:
        rng = self.rng
        q = rng.choice(QUESTIONS).format(t=subject)
        q = q[0].upper() + q[1:]
        return q + "\n" + "\n".join(self.answer(subject)) + "\n"

    def answer(self, subject: str) -> list[str]:
        # Glue is plain English and every made-up word belongs to a term, so the
        # concepts found are the vocabulary's, not noise from filler words.
        rng, o = self.rng, self.some(4)
        acro = acronym(subject)
        lines = [f"{subject} ({acro}) is a kind of {o[0]} that works with {o[1]}"
                 if acro and rng.random() < 0.3 else rng.choice(FIRST_LINES).format(a=o[0], b=o[1])]
        style = rng.random()
        if style < 0.4:
            lines += [f"- {t}" for t in o[1:1 + rng.randint(2, 3)]]
        elif style < 0.7:
            lines += [f"{i}) the {t} is applied to the input" for i, t in enumerate(o[1:], 1)]
        else:
            lines += [f"–> can also be combined with {o[2]}", f"and is often compared to {o[3]}"]
        return lines


def deck_text(title: str, cards: int, writer: _Writer, subjects: list[str]) -> str:
    head = f"{title} Flashcards\n"
    return head + "".join(writer.card(subjects[i % len(subjects)]) for i in range(cards))


def write_decks(folder: Path, cards: int, *, seed: int = 7) -> list[Path]:
    """Write ``cards`` cards as decks of at most 5,000 into ``folder``; returns the files."""
    rng = random.Random(seed)
    terms = vocabulary(max(cards // 3, 10), rng)
    writer = _Writer(terms, rng)
    folder.mkdir(parents=True, exist_ok=True)
    files, start, k = [], 0, 1
    while start < cards:
        n = min(CARDS_PER_FILE, cards - start)
        subjects = [terms[(start + i) % len(terms)] for i in range(n)]
        title = f"{k:02d}_{word(rng)} {word(rng)}"
        path = folder / f"{k:02d}_{title.split('_', 1)[1].replace(' ', '_')}.txt"
        path.write_text(deck_text(title, n, writer, subjects), encoding="utf-8")
        files.append(path)
        start, k = start + n, k + 1
    return files
