"""Every format is read by `kbgen parse FILE --json` with no flags; --format overrides detection."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import DATA, SEED
from helpers.anki_package import sample_package

from kbgen.cli import main

FORMATS = DATA / "formats"


@pytest.mark.parametrize(("path", "decks", "cards"), [
    (SEED, 1, 24),
    (FORMATS / "header-semicolon.csv", 1, 2),
    (FORMATS / "no-header.csv", 1, 3),
    (FORMATS / "header.tsv", 1, 1),
    (FORMATS / "quizlet.txt", 1, 3),
    (FORMATS / "anki-notes.txt", 2, 3),
    (FORMATS / "anki-plain.txt", 1, 3),
    (FORMATS / "obsidian.md", 1, 6),
    (FORMATS / "questions-bold.md", 1, 3),
    (FORMATS / "questions-headings.md", 1, 2),
    (FORMATS / "crowdanki" / "deck.json", 2, 3),
    (DATA / "Google_Machine_Learning_Glossary.csv", 1, 413),
    (DATA / "data-science-interviews-theory.md", 1, 166),
    (DATA / "data-science-question-answer.md", 1, 40),
    (DATA / "Ultimate_Geography.json", 1, 319),
])
def test_parse_json_with_no_flags(path, decks, cards):
    result = CliRunner().invoke(main, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (len(data["decks"]), sum(len(d["cards"]) for d in data["decks"])) == (decks, cards)


def test_parse_apkg_with_no_flags(tmp_path):
    (tmp_path / "s.apkg").write_bytes(sample_package())
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "s.apkg"), "--json"])
    assert result.exit_code == 0, result.output
    assert sum(len(d["cards"]) for d in json.loads(result.stdout)["decks"]) == 4


def test_format_overrides_detection():
    result = CliRunner().invoke(main, ["parse", str(FORMATS / "quizlet.txt"), "--format", "csv", "--json"])
    assert result.exit_code == 0, result.output
    cards = json.loads(result.stdout)["decks"][0]["cards"]
    # Read as CSV, the continuation line is its own row: a card, with a warning, not lost.
    assert [c["question"] for c in cards] == ["GAN", "Dropout", "during training only", "Batch norm"]


def test_strict_turns_card_warnings_into_failure():
    result = CliRunner().invoke(main, ["--strict", "parse", str(FORMATS / "anki-plain.txt")])
    assert result.exit_code == 1
    assert "anki-plain.txt:7: question has no answer" in result.output


def test_unknown_format_lists_the_choices():
    result = CliRunner().invoke(main, ["parse", str(SEED), "--format", "pdf"])
    assert result.exit_code == 2
    for name in ("seed", "csv", "markdown", "quizlet", "anki-txt", "crowdanki", "apkg"):
        assert name in result.output
