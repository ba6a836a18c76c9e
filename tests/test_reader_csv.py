from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.cli import main
from kbgen.readers import delimited, detect, read_file

FORMATS = DATA / "formats"
GLOSSARY = DATA / "Google_Machine_Learning_Glossary.csv"


def test_header_semicolon_tags_and_multiline_quotes():
    (deck,) = read_file(FORMATS / "header-semicolon.csv")
    assert [(c.line, c.question, c.answer, c.tags) for c in deck.cards] == [
        (2, "GAN", "A generator and a discriminator\ntrained against each other", ("gen", "ml")),
        (4, "Dropout", "Randomly zeroes activations", ())]


def test_no_header_html_and_doubled_quotes(caplog):
    (deck,) = read_file(FORMATS / "no-header.csv")
    q = [c.question for c in deck.cards]
    assert q == ["What is a tensor?", 'What is "attention"?', "What is a loss?"]
    assert deck.cards[1].answer == "Weights over inputs\n- soft\n- hard"
    assert deck.cards[2].line == 4 and deck.cards[2].answer == ""
    assert "no-header.csv:4: question has no answer" in caplog.text


def test_tsv_header_with_extra_column():
    (deck,) = read_file(FORMATS / "header.tsv")
    (card,) = deck.cards
    assert (card.question, card.answer, card.tags) == ("Epoch", "One pass over the data\nextra: see also: batch",
                                                       ("basics",))


def test_glossary_corpus_pipe_separated_html():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert detect(text, "g.csv") == "csv"
    (deck,) = read_file(GLOSSARY)
    assert deck.title == "Google Machine Learning Glossary"
    assert len(deck.cards) == 413  # the introduction card and 412 terms
    intro, ab, acc = deck.cards[:3]
    assert (intro.line, intro.question) == (1, "Introduction (Google Machine Learning Glossary)")
    assert "3) All LaTeX formulae have been wrapped" in intro.answer
    assert (ab.line, ab.question) == (18, "A/B testing (Google Machine Learning Glossary)")
    assert ab.answer.startswith("A statistical way of comparing two (or more) techniques, typically an "
                                "incumbent against a new rival.")
    assert "<" not in ab.answer and "&amp;" not in intro.answer
    assert acc.question == "accuracy (Google Machine Learning Glossary)"
    assert "$$\\text{Accuracy} = \\frac{\\text{Correct Predictions}} {\\text{Total Number Of Examples}}$$" \
        in acc.answer.split("\n")
    last = deck.cards[-1]
    assert last.question == "width (Google Machine Learning Glossary)"
    assert last.answer == "The number of neurons in a particular layer of a neural network."
    assert all(c.question.endswith("(Google Machine Learning Glossary)") for c in deck.cards)


def test_parse_json_without_flags():
    result = CliRunner().invoke(main, ["parse", str(GLOSSARY), "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["decks"][0]["cards"]) == 413


_field = st.text(alphabet=st.sampled_from(list("ab ,;|\t\"\n<>&é?")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_field, min_size=1, max_size=4), max_size=8), st.sampled_from([",", ";", "\t", "|"]))
def test_every_written_row_is_a_card(rows, delimiter):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    (deck,) = delimited.read(text, "p.csv")
    d = delimited.delimiter_of(text)[0]
    parsed = [r for r in csv.reader(io.StringIO(text), delimiter=d) if any(f.strip() for f in r)]
    header = 1 if parsed and delimited.header_of(parsed[0]) else 0
    assert len(deck.cards) == len(parsed) - header


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    text = text.replace("\x00", "")
    if delimited.sniff(text):
        delimited.read(text, "p.csv")
