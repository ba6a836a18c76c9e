from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.cli import main
from kbgen.readers import ankitxt, detect, quizlet, read_file

FORMATS = DATA / "formats"


def _summary(decks):
    return [(d.title, d.parents, [(c.line, c.question, c.answer, c.tags) for c in d.cards]) for d in decks]


def test_quizlet_default_separators_and_continued_definitions():
    assert detect((FORMATS / "quizlet.txt").read_text(encoding="utf-8"), "q.txt") == "quizlet"
    assert _summary(read_file(FORMATS / "quizlet.txt")) == [("Quizlet", (), [
        (1, "GAN", "Generative adversarial network", ()),
        (2, "Dropout", "Randomly zeroes activations\nduring training only", ()),
        (5, "Batch norm", "Normalises layer inputs", ())])]


def test_quizlet_custom_separators_from_the_cli():
    result = CliRunner().invoke(main, ["parse", str(FORMATS / "quizlet-custom.txt"), "--sep", " - ",
                                       "--row-sep", ";;", "--json"])
    assert result.exit_code == 0, result.output
    cards = json.loads(result.output)["decks"][0]["cards"]
    assert [(c["question"], c["answer"], c["line"]) for c in cards] == [
        ("GAN", "Generative adversarial network", 1), ("Epoch", "One pass\nover the data", 1),
        ("Loss", "What training minimises", 2)]


def test_anki_notes_with_every_column_header():
    assert detect((FORMATS / "anki-notes.txt").read_text(encoding="utf-8"), "a.txt") == "anki-txt"
    assert _summary(read_file(FORMATS / "anki-notes.txt")) == [
        ("Vision", ("Deep learning",), [
            (8, "What is a CNN?", "A network of convolutions and pooling", ("vision", "cnn")),
            (9, 'What is "pooling"?', "- max\n- average", ("vision",))]),
        ("Deep learning", (), [(11, "Backprop", "The chain rule, layer by layer", ())])]


def test_anki_plain_text_semicolon_no_html(caplog):
    assert _summary(read_file(FORMATS / "anki-plain.txt")) == [("Anki plain", (), [
        (4, "Epoch", "One pass over the data", ("imported",)),
        (5, "Batch; size", "How many <examples>\nper step", ("imported",)),
        (7, "Lonely", "", ("imported",))])]
    assert "anki-plain.txt:7: question has no answer" in caplog.text


def test_bad_fields_option_is_one_line():
    result = CliRunner().invoke(main, ["parse", str(FORMATS / "anki-notes.txt"), "--fields", "Front"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "--fields" in result.output


_row = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_row, _row), max_size=12))
def test_quizlet_keeps_every_row(rows):
    rows = [(t.replace("\n", " ").replace(";;", ""), d.replace(";;", "")) for t, d in rows]
    text = ";;".join(f"{t}=>{d}" for t, d in rows)
    from kbgen.readers._cards import ReadOptions
    (deck,) = quizlet.read(text, "q.txt", ReadOptions(sep="=>", row_sep=";;"))
    assert len(deck.cards) == sum(1 for t, d in rows if f"{t}=>{d}".strip())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_readers_never_crash_on_arbitrary_text(text):
    text = text.replace("\x00", "").replace("\r", "")
    quizlet.read(text, "q.txt")
    ankitxt.read("#separator:tab\n" + text, "a.txt")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_row, _row), max_size=10))
def test_anki_txt_keeps_every_note(rows):
    import csv
    import io
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\n").writerows(rows)
    (deck,) = ankitxt.read("#separator:tab\n#html:false\n" + buf.getvalue(), "a.txt")
    assert len(deck.cards) == sum(1 for t, d in rows if t.strip() or d.strip())


def test_anki_columns_extra_fields_are_kept_as_labelled_lines():
    assert _summary(read_file(FORMATS / "anki-columns.txt")) == [("Anki columns", (), [
        (4, "ephemeral", "short-lived\nExample: an <ephemeral> fad", ())])]
