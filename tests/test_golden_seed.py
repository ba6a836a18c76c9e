"""Golden files for the seed: `graph --json`, one concept page and the deck page."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import SEED

from kbgen.build import content_index, load
from kbgen.cli import main
from kbgen.render import render_site


def _files():
    model = load([SEED])
    return render_site(content_index(model))


def test_graph_json_golden(golden):
    result = CliRunner().invoke(main, ["graph", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    golden("seed-graph.json", result.output)


def test_concept_page_golden(golden):
    golden("seed-concept-gan.md", _files()["concepts/gan.md"])


def test_deck_page_golden(golden):
    golden("seed-deck.md", _files()["decks/advanced-deep-learning-concepts.md"])


def test_output_is_deterministic():
    assert _files() == _files()
