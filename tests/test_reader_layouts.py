"""GitHub Q&A layouts: every dev deck reads as exactly the cards its author wrote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.readers import finalize, markdown, read_file

DEVSET = DATA / "devset"
DECKS = sorted(p for p in DEVSET.iterdir() if "__" in p.name and ".gold" not in p.name)


def _gold(deck: Path) -> dict:
    return json.loads(deck.with_name(deck.name.rsplit(".", 1)[0] + ".gold.json").read_text())


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name.split("__")[0])
def test_dev_deck_reads_its_gold_card_count(deck):
    cards = [c for d in read_file(deck) for c in d.cards]
    assert len(cards) == _gold(deck)["cards"]
    assert not [c.question for c in cards if re.fullmatch(r"(?i)(question|q)\s*\d+\.?", c.question)]
    assert not [c.question for c in cards if re.match(r"(?i)answer\b", c.answer)]
    # No answer swallows a whole section: the longest stays a card's worth of text.
    assert max(len(c.answer) for c in cards) < 4000


def test_details_answers_under_question_headings():
    (deck,) = read_file(DEVSET / "databases-sql__calwoodford__anki_decks.md")
    assert deck.title == "SQL/PostgreSQL Questions and Answers"
    first, last = deck.cards[0], deck.cards[-1]
    assert (first.line, first.question) == (15, "Why would you use a SQL database instead of a JSON?")
    assert first.answer.startswith("SQL databases are ideal for structured data")
    assert last.question == "What does TRUNCATE TABLE do? (1)"
    assert not any("Download the Anki deck" in c.answer for c in deck.cards)


def test_q_prefix_lines_with_details_answers_under_sections(caplog):
    (deck,) = read_file(DEVSET / "statistics__ajitsingh98__Data-Science-Interview-Questions-Answers.md")
    assert deck.cards[0].question == "What do you mean by Data?"
    assert deck.cards[0].answer == "Data are pieces of information about individuals organized into variables."
    assert deck.cards[0].tags == ("Basics",)
    assert deck.cards[1].question == "Define dataset."
    assert not any(c.question.startswith("Q.") for c in deck.cards)
    assert "6 part(s) of the page are not cards" in caplog.text and "first: 'Contents'" in caplog.text


def _numbered_readme(n: int) -> str:
    """A numbered interview README as they appear on GitHub: badges, contents, numbered
    questions with a source link each, and sections that are not questions."""
    parts = ["# Interview questions", "",
             "[![Stars](https://img.shields.io/badge/stars-1k-blue)](https://example.org/stars)", "",
             "## Table of Contents", "", "- [Questions](#questions)", "- [Contributions](#contributions)", "",
             "## Questions", ""]
    for i in range(1, n + 1):
        parts += [f"#### {i}) What is term number {i}? [[src]](https://example.org/q{i})", "",
                  f"Term number {i} is the {i}th thing we define here.", "",
                  "**[⬆ back to top](#interview-questions)**", ""]
    parts += ["## Contributions", "", "Pull requests are welcome: open an issue first.", "",
              "## Preparation Resources", "", "- [A book](https://example.org/book)", ""]
    return "\n".join(parts)


def test_numbered_questions_with_source_links_and_furniture(caplog):
    (deck,) = finalize(markdown.read(_numbered_readme(65), "cards/interview.md"))
    assert len(deck.cards) == 65
    c12 = deck.cards[11]
    assert (c12.question, c12.answer) == ("What is term number 12?", "Term number 12 is the 12th thing we define here.")
    assert c12.source_url == "https://example.org/q12"
    assert not any("Pull requests" in c.answer or "back to top" in c.answer for c in deck.cards)
    (warning,) = [r.getMessage() for r in caplog.records if "not cards" in r.getMessage()]
    assert warning.startswith("cards/interview.md:3: ")


@pytest.mark.parametrize(("text", "questions", "answers"), [
    ("Q: What is a cat?\nA: A small feline.\n\nQ: What is a dog?\nA: A canine.\n",
     ["What is a cat?", "What is a dog?"], ["A small feline.", "A canine."]),
    ("Q1. First?\n\nAnswer: one\n\nQ2. Second?\n\nAnswer: two\n", ["First?", "Second?"], ["one", "two"]),
    ("<details><summary>What is X?</summary>\n\nX is x.\n\n</details>\n\n"
     "<details><summary>What is Y?</summary>\nY is y.\n</details>\n",
     ["What is X?", "What is Y?"], ["X is x.", "Y is y."]),
    ("### What is X?\n<details><summary>Show answer</summary>X is x.</details>\n\n"
     "### What is Y?\n<details><summary>Show answer</summary>Y is y.</details>\n",
     ["What is X?", "What is Y?"], ["X is x.", "Y is y."]),
])
def test_small_layouts(text, questions, answers):
    (deck,) = markdown.read(text, "d.md")
    assert [c.question for c in deck.cards] == questions
    assert [c.answer for c in deck.cards] == answers


def test_stray_fence_keeps_later_cards(caplog):
    (deck,) = markdown.read("# Deck\n\nWhat is one::First\n\n```\n\nWhat is two::Second\n", "cards/o.md")
    assert [c.question for c in deck.cards] == ["What is one", "What is two"]
    assert "cards/o.md:5: code fence never closed; read as text" in caplog.text


_words = st.lists(st.sampled_from("alpha beta gamma delta rate mean value SQL x2 `code` *it*".split()),
                  min_size=1, max_size=6).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_words, _words), min_size=2, max_size=8),
       st.sampled_from(["details-label", "details-summary", "q-prefix", "heading-label"]))
def test_every_card_of_a_layout_is_read(pairs, layout):
    blocks = []
    for n, (q, a) in enumerate(pairs, 1):
        if layout == "details-label":
            blocks.append(f"{q}?\n\n<details><summary><b>Answer</b></summary>\n\n{a}\n\n</details>")
        elif layout == "details-summary":
            blocks.append(f"<details><summary>{q}?</summary>\n\n{a}\n</details>")
        elif layout == "q-prefix":
            blocks.append(f"Q. {q}?\n\nA: {a}")
        else:
            blocks.append(f"###### Question {n}.\n\n{q}?\n\n<details><summary>Answer</summary>{a}</details>")
    (deck,) = markdown.read("# Deck\n\n" + "\n\n---\n\n".join(blocks) + "\n", "p.md")
    assert len(deck.cards) == len(pairs)
    assert all(c.question.endswith("?") and "Answer" not in c.answer for c in deck.cards)
