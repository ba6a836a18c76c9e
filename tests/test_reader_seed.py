from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.cli import main
from kbgen.readers import read_decks, seed


@pytest.fixture(scope="module")
def deck():
    decks = read_decks([SEED])
    assert len(decks) == 1
    return decks[0]


def test_title_and_order(deck):
    assert deck.title == "Advanced deep learning concepts"
    assert deck.order == 10
    assert deck.slug == "advanced-deep-learning-concepts"


def test_exactly_24_cards_with_lines(deck):
    assert len(deck.cards) == 24
    assert [c.line for c in deck.cards] == [
        2, 10, 17, 21, 23, 30, 34, 37, 41, 44, 47, 50, 52, 54, 56, 58, 62, 65, 67, 69, 72, 76, 80, 82]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for c in deck.cards:
        assert lines[c.line - 1].strip() == c.question


def test_answer_line_ending_in_question_mark_stays_an_answer(deck):
    card = next(c for c in deck.cards if "attention” for CNNs" in c.question)
    assert card.answer == "which parts of the input data are important?"


def test_question_with_trailing_parenthesis(deck):
    card = next(c for c in deck.cards if c.question.startswith("How do GANs work?"))
    assert card.question == "How do GANs work? (steps)"
    assert card.answer.split("\n")[0].startswith("1) D tries to maximize")
    assert card.answer.split("\n")[2].startswith("Training: iterate")


def test_question_marks_inside_answers(deck):
    card = deck.cards[1]
    assert card.question == "What is meant by “data quality”?"
    assert "(how accurate was the labeling done? outliers in the dataset?)" in card.answer.split("\n")


def test_bullets_items_arrows_and_curly_quotes(deck):
    by_q = {c.question: c for c in deck.cards}
    assert by_q["What kinds of data augmentation are there?"].answer.split("\n")[-1] == "–> can also be combined"
    assert by_q["How can we improve the data quality?"].answer.split("\n")[0] == "- only use appropriate data"
    assert "“" in deck.cards[1].question


def test_last_card_without_final_newline(deck):
    assert not SEED.read_bytes().endswith(b"\n")
    assert deck.cards[-1].answer.endswith("transformer models implement this attention mechanism")


def test_card_ids_are_unique_and_stable(deck):
    ids = [c.id for c in deck.cards]
    assert len(set(ids)) == 24
    assert ids[18] == "advanced-deep-learning-concepts#what-does-gan-stand-for"


@pytest.mark.parametrize(("line", "expected"), [
    ("What is X?", True), ("How do GANs work? (steps)", True), ("which parts are important?", False),
    ("- is it?", False), ("1) why?", False), ("(how accurate? outliers?)", False), ("X is Y", False),
    ("“Quoted” term?", True), ("2D or 3D?", True), ("2d or 3d?", False),
])
def test_looks_like_question(line, expected):
    assert seed.looks_like_question(line) is expected


def test_parse_json_contract():
    result = CliRunner().invoke(main, ["parse", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    deck = data["decks"][0]
    assert set(deck) == {"title", "source", "cards"}
    assert len(deck["cards"]) == 24
    assert set(deck["cards"][0]) == {"id", "question", "answer", "line"}


def test_duplicate_questions_get_distinct_anchors(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Deck\nWhat is X?\none\nWhat is X?\ntwo\n", encoding="utf-8")
    cards = read_decks([p])[0].cards
    assert [c.anchor for c in cards] == ["what-is-x", "what-is-x-2"]


_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
                max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=30))
def test_never_crashes_and_never_drops_a_question(lines):
    text = "Title\n" + "\n".join(lines)
    decks = seed.read(text, "x.txt")
    questions = [ln.strip() for ln in lines if seed.looks_like_question(ln)]
    assert [c.question for c in decks[0].cards] == questions
