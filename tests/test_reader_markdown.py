from __future__ import annotations

from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.readers import detect, markdown, read_file

FORMATS = DATA / "formats"


def _cards(name):
    (deck,) = read_file(FORMATS / name)
    return deck, [(c.line, c.question, c.answer, c.tags) for c in deck.cards]


def test_obsidian_inline_reversed_and_multiline():
    deck, cards = _cards("obsidian.md")
    assert deck.title == "Neural networks"
    assert cards == [
        (7, "What does ReLU stand for", "Rectified linear unit", ("Basics",)),
        (8, "Dropout", "A regulariser that zeroes random activations", ("Basics",)),
        (8, "A regulariser that zeroes random activations", "Dropout", ("Basics",)),
        (14, "Why normalise inputs? Multi-line question",
         "Faster, better-conditioned optimisation\n- same scale for every feature", ("Training",)),
        (20, "Backpropagation", "The chain rule applied layer by layer", ("Training",)),
        (20, "The chain rule applied layer by layer", "Backpropagation", ("Training",)),
    ]


def test_bold_questions_navigation_emoji_and_images(caplog):
    deck, cards = _cards("questions-bold.md")
    assert deck.title == "Interview questions"
    assert deck.description == "Intro text that describes the deck."
    assert cards == [
        (9, "What is overfitting?", "A model that fits noise in its training data and fails on new data.",
         ("Basics",)),
        (16, "What is a learning rate?",
         "- step size of gradient descent\n- too large: divergence\n\nloss curve", ("Basics",)),
        (25, "Answer me later", "", ("Empty",)),
    ]
    assert deck.cards[1].media == ("img/loss.png",)
    assert [m.name for m in deck.media] == ["img/loss.png"]
    assert deck.media[0].data.startswith(b"\x89PNG")
    assert "questions-bold.md:25: question has no answer" in caplog.text


def test_heading_questions_use_the_most_frequent_level():
    _, cards = _cards("questions-headings.md")
    assert cards == [(5, "Linear regression", "Fits a line.", ("Models",)),
                     (9, "Decision tree", "Splits on features.\n\nPruning\n\nRemoves branches.", ("Models",))]


def test_interviews_corpus():
    path = DATA / "data-science-interviews-theory.md"
    assert detect(path.read_text(encoding="utf-8"), str(path)) == "markdown"
    (deck,) = read_file(path)
    assert deck.title == "Theoretical interview questions"
    assert len(deck.cards) == 166
    assert sum(c.answer == "Answer here" for c in deck.cards) == 14
    first = deck.cards[0]
    assert (first.line, first.question, first.tags) == (
        45, "What is supervised machine learning?", ("Supervised machine learning",))
    assert first.answer.startswith("Supervised learning is a type of machine learning in which")
    assert first.answer.endswith("k-Nearest Neighbors(KNN):Looking at the k closest labeled data points")
    trade = next(c for c in deck.cards if c.line == 332)
    assert trade.question == "Precision-recall trade-off" and trade.tags == ("Classification",)
    assert deck.cards[-1].question == "What are the problems with using trees for solving time series problems?"
    assert not any("Table of contents" in c.tags for c in deck.cards)
    assert not any("<br" in c.answer for c in deck.cards)


def test_question_answer_corpus(caplog):
    path = DATA / "data-science-question-answer.md"
    (deck,) = read_file(path)
    assert deck.title == "Data Science Question Answer"
    # 37 topic headings, plus the prose of 3 sections that have no topic under them
    assert len(deck.cards) == 40
    assert [c.question for c in deck.cards if not c.tags] == [
        "Resume", "Tools and Framework", "Reinforcement Learning"]
    joins = deck.cards[1]
    assert (joins.line, joins.question, joins.tags) == (44, "Difference between joins", ("SQL",))
    assert joins.answer.split("\n")[0] == "* (INNER) JOIN: Returns records that have matching values in both tables"
    assert not any("back to top" in c.answer for c in deck.cards)
    boosting = next(c for c in deck.cards if c.question == "Boosting Tree")
    assert boosting.answer.startswith("How it works\n\nBoosting builds on weak learners, and in an iterative "
                                      "fashion. In each iteration, a new learner is added")
    assert "image 'assets/sql-join.PNG' not found" in caplog.text


_line = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30),
    st.sampled_from(["?", "??", "# H", "## Sec", "**Q?**", "```", "a::b", "a:::b", "", "* [x](#x)"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_line, max_size=25))
def test_never_crashes_and_keeps_every_marked_card(lines):
    text = "\n".join(lines)
    (deck,) = markdown.read(text, "p.md")
    inline = [ln for ln in lines if markdown._is_inline_card(ln) and "```" not in text]
    if inline and not any(ln.strip() in ("?", "??") for ln in lines):
        assert len(deck.cards) >= len(inline)
    for c in deck.cards:
        assert c.question and c.line >= 1


_word = st.text(alphabet=st.sampled_from(list("abcdefgh XYZ?.,()-")), min_size=1, max_size=20).filter(
    lambda s: s.strip(" -") and not s.strip().startswith(("-", "?")))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_word, _word), min_size=1, max_size=8), st.booleans())
def test_every_written_card_is_read(pairs, bold):
    if bold:
        text = "# Deck\n\n" + "\n\n".join(f"**{q.strip()}**\n\n{a}" for q, a in pairs)
    else:
        text = "# Deck\n\n" + "\n".join(f"{q.strip()}::{a}" for q, a in pairs)
    (deck,) = markdown.read(text, "p.md")
    assert [c.question for c in deck.cards] == [" ".join(q.split()) for q, _ in pairs]
