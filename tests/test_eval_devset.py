"""Floors on the eight development decks (tests/data/devset/, gold written by hand before any
extraction ran on them; see docs/quality.md). The figures are score.py's, computed in process by
tests/helpers/devset.py. Floors sit just under the figures reached: raise them when extraction improves.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import devset

from kbgen.cli import main

#: deck (its field) → (must recall, edge recall, definitions, junk pages at most)
FLOORS = {
    "anatomy": (0.98, 0.85, 0.98, 0),
    "chemistry": (0.93, 0.52, 0.85, 0),
    "databases-sql": (0.95, 0.74, 0.86, 0),
    "networking": (0.80, 0.58, 0.63, 0),
    "philosophy": (0.86, 0.65, 0.80, 0),
    "physics": (0.95, 0.50, 0.95, 0),
    "statistics": (0.83, 0.74, 0.76, 0),
    "trivia": (0.80, 0.84, 0.20, 0),
}


def _deck(field: str):
    return next(p for p in devset.decks() if p.name.startswith(field + "__"))


def test_every_dev_deck_has_a_floor():
    assert sorted(p.name.split("__")[0] for p in devset.decks()) == sorted(FLOORS)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_dev_deck_stays_above_its_floors(field):
    s = devset.score_deck(_deck(field))
    must, edges, defs, junk = FLOORS[field]
    assert s["must"] >= must, (s["must"], s["missed"])
    assert s["edges"] >= edges, (s["edges"], s["missed_edges"])
    assert s["defs"] >= defs, (s["defs"], s["def_wrong"])
    assert len(s["junk"]) <= junk, s["junk"]


def test_explain_names_the_pass_and_the_defining_card():
    out = CliRunner().invoke(main, ["concepts", "--explain", str(_deck("statistics"))]).output
    lines = out.split("\nhistogram  [histogram]\n", 1)[1].split("\n")
    block = "\n".join(line for line in lines[:5] if line.startswith("  "))
    assert "accepted by: cards" in block and "defined by: " in block and "Define histogram?" in block, block
