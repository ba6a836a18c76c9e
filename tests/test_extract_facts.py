"""Quiz facts are not concepts: attributes of a name, apposition descriptors, multiple-choice
answers, dates, and pieces cut out of longer names. Every rule is generic English or counts
what one deck repeats (see docs/quality.md)."""

from __future__ import annotations

import pytest

from kbgen.extract import extract_concepts
from kbgen.extract.grams import line_grams as _line_grams
from kbgen.extract.questions import question_subject
from kbgen.model import Card, Deck
from kbgen.text import is_junk


def labels(*qa: tuple[str, str]) -> set[str]:
    cards = tuple(Card(id=f"d#{i}", question=q, answer=a, line=i + 1) for i, (q, a) in enumerate(qa))
    return {c.label for c in extract_concepts([Deck(title="d", source="d.txt", cards=cards)])}


@pytest.mark.parametrize("question,subject,kind", [
    ("Who sidelined WWE wrestler John Cena for 4 months?", "John Cena", "about"),
    ("What is Judge Dredds first name?", "Judge Dredds first name", "fact"),
    ("What is Captain America's secret identity?", "Captain America's secret identity", "fact"),
    ("What is the main icon of the Animal Kingdom park?", "icon of the Animal Kingdom park", "fact"),
    ("Who played the title role in the 1979 TV movie?", "title role", "fact"),
    # kept: a term after a name, a rare word in a "Who" question, a clause
    ("What is Newton's second law?", "Newton's second law", "define"),
    ("What is Hooke's law?", "Hooke's law", "define"),
    ("Who proposed the germ theory?", "germ theory", "about"),
    ("What is the Krebs cycle?", "Krebs cycle", "define"),
])
def test_a_name_in_a_description_or_with_an_attribute(question, subject, kind):
    assert question_subject(question)[:2] == (subject, kind)


def test_a_clause_before_a_name_is_no_apposition():
    assert question_subject("What is the main reason people use Python?") is None


def test_an_attribute_of_a_name_needs_a_second_card():
    one = labels(("What is Judge Dredds first name?", "Joseph"), ("Who created Judge Dredd?", "John Wagner"))
    assert "Judge Dredds first name" not in one
    two = labels(("What is Newton's second law?", "F = ma"),
                 ("How does Newton's second law relate force and mass?", "F = ma"))
    assert "Newton's second law" in two


def test_the_everyday_answer_of_a_multiple_choice_question_needs_a_second_card():
    found = labels(
        ("Which best describes Jason? A) A jock B) A nerd C) A sports addict D) A TV addict", "A nerd"),
        ("Which villain broke Batman's back? A) Joker B) Bane C) Penguin D) Riddler", "Bane"),
    )
    assert not found & {"nerd", "jock", "addict"}
    assert "Bane" in found  # a name keeps its place


def test_a_phrase_written_before_names_is_an_apposition():
    found = labels(
        ("What does comic strip character Calvin like to do?", "Play Calvinball"),
        ("When did comic strip character Snoopy first walk?", "1957"),
        ("Who created comic strip character Opus?", "Berkeley Breathed"),
    )
    assert "comic strip character" not in found


def test_a_phrase_always_continued_by_the_same_word_is_a_cut_name():
    grams = list(_line_grams("the Andy Capp comic strip", set()))
    assert ("Andy Capp comic", "recurring", "strip") in grams  # the follower is read
    found = labels(("Where is the Andy Capp comic strip set?", "Britain"),
                   ("When did the Andy Capp comic strip reach the U.S.?", "1957"),
                   ("Was there a musical of the Andy Capp comic strip?", "Yes"))
    assert "Andy Capp comic" not in found


def test_a_code_before_a_rare_word_is_part_of_its_name():
    grams = {g[0] for g in _line_grams("Statins inhibit HMG-CoA reductase in the liver", set())}
    assert "HMG-CoA reductase" in grams and "CoA reductase" not in grams
    assert ("Na-K-2Cl cotransporter", "compound", "") in _line_grams("blocks the Na-K-2Cl cotransporter", set())


@pytest.mark.parametrize("phrase,junk", [
    ("March 31 2008", True), ("31 March 2008", True), ("June 1944", True), ("March", False),
    ("Badge-shaped", True), ("flowchart-like", True), ("X-Men", False), ("no-export", False),
])
def test_dates_and_describing_compounds_are_no_concepts(phrase, junk):
    assert is_junk(phrase) is junk


def test_a_possessive_without_its_apostrophe_gives_way_to_the_name():
    found = labels(
        ("Emmett Kelly died in which year?", "1979"),
        ("What was Emmett Kellys character called?", "Weary Willie"),
        ("Name Emmett Kellys birth state.", "Kansas"),
        ("Emmett Kelly joined which circus?", "Ringling Brothers"),
    )
    assert "Emmett Kelly" in found and "Emmett Kellys" not in found
