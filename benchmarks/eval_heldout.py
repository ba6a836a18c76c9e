"""Score kbgen's concepts and links on the held-out decks in tests/data/heldout/.

Each deck ``NAME.<ext>`` has a hand-written ``NAME.expected``: the concepts a careful teacher
would list (``label | alias | …``), then ``[links]`` as ``a -- b``. They were written before
kbgen's output was looked at. A kbgen concept matches an expected one when any of its label
and aliases has the same merge key (``kbgen.text.key_of``) as any expected form.

Precision: the share of kbgen's concepts that match an expected concept. Recall: the share of
expected concepts that kbgen found. Link recall: the share of expected links whose two ends
are found and linked (any kind). Expected links are the key ones only, so there is no link
precision.

Run: ``.venv/bin/python benchmarks/eval_heldout.py [-v] [DECK ...]``
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.readers import read_decks
from kbgen.text import key_of

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "heldout"


@dataclass
class Score:
    deck: str
    precision: float
    recall: float
    link_recall: float
    concepts: int
    extra: list[str]
    missed: list[str]
    missed_links: list[str]


def read_expected(path: Path) -> tuple[list[list[str]], list[tuple[str, str]]]:
    concepts, links, section = [], [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("[concepts]", "[links]"):
            section = line
        elif section == "[concepts]":
            concepts.append([f.strip() for f in line.split(" | ")])
        elif section == "[links]":
            a, b = line.split(" -- ")
            links.append((a.strip(), b.strip()))
    return concepts, links


def decks() -> list[Path]:
    return sorted(p for p in HELDOUT.iterdir() if p.suffix != ".expected" and p.name != "README.md")


def score(deck: Path) -> Score:
    expected, links = read_expected(deck.with_suffix(".expected"))
    concepts = extract_concepts(read_decks([deck]))
    graph = build_concept_graph(read_decks([deck]), concepts)
    gold = {key_of(f): i for i, forms in enumerate(expected) for f in forms}
    match = {c.id: {gold[k] for f in (c.label, *c.aliases) if (k := key_of(f)) in gold} for c in concepts}
    found = {i: cid for cid, hits in match.items() for i in hits}
    extra = [c.label for c in concepts if not match[c.id]]
    missed = [forms[0] for i, forms in enumerate(expected) if i not in found]
    name = {key_of(forms[0]): i for i, forms in enumerate(expected)}
    missed_links = []
    for a, b in links:
        ia, ib = name[key_of(a)], name[key_of(b)]
        if not (ia in found and ib in found and graph.has_edge(found[ia], found[ib])):
            missed_links.append(f"{a} -- {b}")
    hit = len(concepts) - len(extra)
    return Score(deck.name, hit / max(len(concepts), 1), len(found) / max(len(expected), 1),
                 1 - len(missed_links) / max(len(links), 1), len(concepts), extra, missed, missed_links)


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if a != "-v"] or decks()
    print(f"{'deck':28} {'concepts':>8} {'precision':>9} {'recall':>7} {'links':>6}")
    for p in paths:
        s = score(p)
        print(f"{s.deck:28} {s.concepts:8} {s.precision:9.3f} {s.recall:7.3f} {s.link_recall:6.3f}")
        if verbose:
            print("  extra:  ", "; ".join(s.extra))
            print("  missed: ", "; ".join(s.missed))
            print("  links:  ", "; ".join(s.missed_links))


if __name__ == "__main__":
    main(sys.argv[1:])
