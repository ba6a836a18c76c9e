"""Score kbgen's concept links against the Google ML Glossary's own cross-links.

Every glossary definition links other terms with ``<a href=".../glossary#term">``; those
hand-made links are the gold standard, read from the raw HTML with the csv module. kbgen
reads the deck with its own CSV reader, so it sees only the text a reader sees. Links are
compared as unordered pairs of terms; the first card (an introduction) links nothing.

Run: ``.venv/bin/python benchmarks/eval_glossary.py [CSV]``
"""

from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.model import Deck
from kbgen.readers import read_decks
from kbgen.text import key_of

CORPUS = Path(__file__).resolve().parents[1].parent.parent / "shared" / "corpora"
GLOSSARY = "darigovresearch__Google-Machine-Learning-Glossary-Flashcards__Google_Machine_Learning_Glossary.csv"
_ANCHOR = re.compile(r"glossary/?#([^\"'>\s]+)")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def read_glossary(path: Path) -> tuple[Deck, list[str]]:
    """The deck as kbgen reads it, and each card's raw HTML (for the gold links), aligned."""
    deck = read_decks([path])[0]
    with path.open(encoding="utf-8", newline="") as f:
        raw = [r[1] for r in csv.reader(f, delimiter="|") if len(r) >= 2]
    if len(raw) != len(deck.cards):
        raise SystemExit(f"{path}: kbgen read {len(deck.cards)} cards, the csv module {len(raw)}")
    return deck, raw


def term_of(front: str) -> str:
    return re.sub(r"\s*\(Google Machine Learning Glossary\)\s*$", "", front)


def anchor_table(terms: list[str]) -> dict[str, int]:
    """Anchor key → term index: the full term, the term without its parenthesis, its acronym."""
    table: dict[str, int] = {}
    for i, t in enumerate(terms):
        bare = _PAREN.sub(" ", t).strip()
        for form in (t, bare, *_PAREN.findall(t)):
            table.setdefault(key_of(form), i)
    return table


def resolve(anchor: str, table: dict[str, int]) -> int | None:
    k = key_of(anchor.replace("_", " "))
    if k in table:
        return table[k]
    hits = [i for key, i in table.items() if key.startswith(k) or (k.startswith(key) and len(key) > 3)]
    return min(hits) if len(set(hits)) == 1 else None


def gold_pairs(terms: list[str], raw: list[str]) -> set[frozenset[int]]:
    table = anchor_table(terms)
    pairs = set()
    for i, fragment in enumerate(raw):
        for anchor in _ANCHOR.findall(fragment):
            j = resolve(anchor, table)
            if j is not None and j != i:
                pairs.add(frozenset((i, j)))
    return pairs


def exact_pairs(terms: list[str], deck: Deck) -> set[frozenset[int]]:
    """The baseline: a term's exact string, whole words, anywhere in another definition."""
    pats = [re.compile(r"\b" + re.escape(_PAREN.sub(" ", t).strip().lower()) + r"\b") for t in terms]
    pairs = set()
    for i, card in enumerate(deck.cards):
        text = card.answer.lower()
        for j, p in enumerate(pats):
            if j != i and p.search(text):
                pairs.add(frozenset((i, j)))
    return pairs


def kbgen_pairs(deck: Deck, kinds=("defines", "mentions")) -> tuple[set[frozenset[int]], int, int, float]:
    """kbgen's links between terms: a definition's card asks about one term and mentions another.

    Co-occurrence links (two terms named in a third term's definition) are not cross-links of
    either definition, so only ``kinds`` count.
    """
    t0 = time.perf_counter()
    concepts = extract_concepts([deck])
    G = build_concept_graph([deck], concepts)
    seconds = time.perf_counter() - t0
    order = {card.id: i for i, card in enumerate(deck.cards)}
    terms = {c.id: {order[a] for a in c.asked} for c in concepts}
    pairs = {frozenset((i, j)) for a, b, kind in G.edges(data="kind") if kind in kinds
             for i in terms[a] for j in terms[b] if i != j}
    return pairs, len(concepts), G.number_of_edges(), seconds


def score(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else CORPUS / GLOSSARY
    deck, raw = read_glossary(path)
    terms = [term_of(c.question) for c in deck.cards]
    gold = gold_pairs(terms, raw)
    print(f"{len(terms)} terms, {len(gold)} gold links")
    base = exact_pairs(terms, deck)
    print("exact string: recall {:.3f}  precision {:.3f}  F1 {:.3f}".format(*score(base, gold)))
    pred, n_concepts, n_links, seconds = kbgen_pairs(deck)
    print("kbgen:        recall {:.3f}  precision {:.3f}  F1 {:.3f}".format(*score(pred, gold)))
    every = kbgen_pairs(deck, ("defines", "mentions", "co-occurs"))[0]
    print("kbgen, co-occurrence links too: recall {:.3f}  precision {:.3f}  F1 {:.3f}".format(*score(every, gold)))
    print(f"kbgen: {n_concepts} concepts, {n_links} links, {seconds:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
