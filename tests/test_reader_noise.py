"""Deck-wide noise: shared affixes leave titles, stamped lines leave extraction, parse says so once."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import DATA

from kbgen.cli import main
from kbgen.readers import finalize, read_file


def test_glossary_suffix_leaves_titles_not_questions():
    (deck,) = finalize(read_file(DATA / "Google_Machine_Learning_Glossary.csv"))
    assert deck.affixes == ("", "(Google Machine Learning Glossary)")
    card = next(c for c in deck.cards if c.question.startswith("A/B testing"))
    assert card.question == "A/B testing (Google Machine Learning Glossary)"
    assert card.heading == "A/B testing"
    assert deck.boilerplate == ()


def test_stamped_lines_are_boilerplate_and_reported_once(tmp_path):
    rows = [f'What is term{i}?,"Term{i} is thing {i}.\nUPDATED 2020"' for i in range(12)]
    rows.append("What is the last one?,It has no stamp.")
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (deck,) = finalize(read_file(tmp_path / "d.csv"))
    assert deck.boilerplate == ("updated 2020",)
    # "What is" opens nearly every question, but it is the question itself, not a stamp.
    assert deck.affixes == ("", "")
    assert all(c.heading == c.question for c in deck.cards)
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "d.csv")])
    assert result.exit_code == 0
    assert result.stderr.count("note:") == 1 and "'updated 2020'" in result.stderr


def test_small_decks_have_no_noise(tmp_path):
    (tmp_path / "d.tsv").write_text("a x\tUPDATED\nb x\tUPDATED\n", encoding="utf-8")
    (deck,) = finalize(read_file(tmp_path / "d.tsv"))
    assert deck.boilerplate == () and deck.affixes == ("", "")
