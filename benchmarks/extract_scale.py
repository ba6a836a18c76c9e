"""How extraction time grows with the number of cards, on synthetic decks of made-up terms.

Run: ``.venv/bin/python benchmarks/extract_scale.py [N ...]`` (default 5000 10000 20000).
The deck mixes question cards ("What is X?", "How do Xs work?"), term cards, acronym
definitions and answers that mention other terms, so every signal and the mention
matcher do real work. Made-up words are unknown to wordfreq, like new jargon.
"""

from __future__ import annotations

import random
import sys
import time

from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.model import Card, CardId, Deck

SYLLABLES = ["ka", "lo", "mir", "zen", "tu", "vra", "pol", "quin", "sed", "bor", "fi", "gath", "ny", "ex"]
FILLER = ["it is used to", "which helps when", "and in practice one", "so that the result of",
          "together with", "as opposed to"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def synthetic_deck(n: int, seed: int = 0) -> Deck:
    rng = random.Random(seed)
    terms = sorted({f"{word(rng)} {word(rng)}" if rng.random() < 0.5 else word(rng) for _ in range(n // 8)})
    cards = []
    for i in range(n):
        t = rng.choice(terms)
        others = " ".join(f"{rng.choice(FILLER)} {rng.choice(terms)}" for _ in range(rng.randint(2, 5)))
        kind = i % 4
        if kind == 0:
            q, a = f"What is {t}?", f"A kind of {rng.choice(terms)} {others}."
        elif kind == 1:
            q, a = f"How do {t}s work?", f"- {rng.choice(terms)}\n- {rng.choice(terms)}\n{others}"
        elif kind == 2:
            acro = "".join(w[0].upper() for w in t.split()) + "X"
            q, a = f"Why do we need {t}?", f"Because {t} x ({acro}) {others}."
        else:
            q, a = t, others
        cards.append(Card(id=CardId(f"synthetic#{i}"), question=q, answer=a, line=i + 1))
    return Deck(title="synthetic", source="synthetic.txt", cards=tuple(cards))


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [5000, 10000, 20000]
    extract_concepts([synthetic_deck(200)])  # load the word list once, outside the timings
    for n in sizes:
        deck = synthetic_deck(n)
        w0, t0 = time.perf_counter(), time.process_time()
        concepts = extract_concepts([deck])
        w1, t1 = time.perf_counter(), time.process_time()
        G = build_concept_graph([deck], concepts)
        t2 = time.process_time()
        # CPU time: wall time on a shared machine mostly measures the neighbours.
        print(f"{n:>6} cards: extract {t1 - t0:6.2f}s CPU ({(t1 - t0) / n * 1e6:4.0f} µs/card, "
              f"{w1 - w0:.2f}s wall), graph {t2 - t1:5.2f}s CPU; "
              f"{len(concepts)} concepts, {G.number_of_edges()} links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
