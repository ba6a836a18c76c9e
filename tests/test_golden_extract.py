"""Golden listings of extracted concepts and links: the seed and two real decks.

Each file is sorted text a reviewer can read: one concept per line (label, id, aliases,
signals, number of cards), then one link per line (labels, kind, weight).
Regenerate with ``UPDATE_GOLDEN=1`` and read the diff before committing it.
"""

from __future__ import annotations

import pytest
from helpers import DATA, SEED

from kbgen.build import load


def listing(model) -> str:
    label = {c.id: c.label for c in model.concepts}
    lines = [f"# {len(model.concepts)} concepts"]
    for c in sorted(model.concepts, key=lambda c: (c.label.lower(), c.id)):
        aliases = f"  = {' | '.join(c.aliases)}" if c.aliases else ""
        lines.append(f"{c.label}  [{c.id}]{aliases}  ({', '.join(c.signals)}; {len(c.cards)} card{'' if len(c.cards) == 1 else 's'})")
    G = model.graph
    lines.append(f"\n# {G.number_of_edges()} links")
    rows = []
    for a, b, d in G.edges(data=True):
        x, y = sorted((label[a], label[b]), key=str.lower)
        rows.append(f"{x} -- {y}  {d['kind']} {d['weight']}")
    return "\n".join(lines + sorted(rows, key=str.lower)) + "\n"


@pytest.mark.parametrize("name,path", [
    ("extract-seed.txt", SEED),
    ("extract-glossary.txt", DATA / "Google_Machine_Learning_Glossary.csv"),
    ("extract-interviews-theory.txt", DATA / "data-science-interviews-theory.md"),
])
def test_extraction_golden(golden, name, path):
    golden(name, listing(load([path])))
