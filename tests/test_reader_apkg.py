from __future__ import annotations

import contextlib
import json
import re

import pytest
from click.testing import CliRunner
from helpers.anki_package import collection, package, sample_package
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.cli import main
from kbgen.errors import DeckParseError
from kbgen.readers import apkg, read_file


@pytest.fixture
def deck_file(tmp_path):
    path = tmp_path / "sample.apkg"
    path.write_bytes(sample_package())
    return path


def test_decks_fields_tags_and_media(deck_file, caplog):
    decks = {d.title: d for d in read_file(deck_file)}
    assert set(decks) == {"Vision", "Sequences", "Default"}
    vision, seq = decks["Vision"], decks["Sequences"]
    assert (vision.parents, vision.order, seq.order) == (("01 Deep learning",), None, 2)
    (cnn,) = vision.cards
    assert (cnn.line, cnn.question, cnn.answer, cnn.tags, cnn.media) == (
        1, "What is a CNN?", "Convolutions", ("vision", "cnn"), ("cnn.png",))
    assert [(m.name, m.data) for m in vision.media] == [("cnn.png", b"\x89PNG\r\n\x1a\n-cnn")]
    assert [(c.question, c.answer, c.media) for c in seq.cards] == [
        ("What is an RNN?", "A network with recurrence", ()), ("Missing image", "see above", ())]
    assert "sample.apkg:3: image 'gone.png' not found; card kept without it: 'Missing image'" in caplog.text


def test_old_collection_name_and_cli_json(tmp_path):
    path = tmp_path / "old.colpkg"
    path.write_bytes(package(collection([{"deck": 1, "fields": ["Q", "A"]}], {1: "Default"}),
                             member="collection.anki2"))
    result = CliRunner().invoke(main, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    deck = json.loads(result.output)["decks"][0]
    assert (deck["title"], deck["cards"][0]["question"], deck["cards"][0]["answer"]) == ("Default", "Q", "A")


@pytest.mark.parametrize(("data", "message"), [
    (package(b"stub", member="collection.anki2", extra={"collection.anki21b": b"\x28\xb5\x2f\xfd"}),
     "newer compressed collection format (collection.anki21b)"),
    (package(b"not sqlite at all" * 10), "not a readable Anki database"),
    (b"PK\x03\x04collection.anki2 truncated", "not a readable Anki package"),
])
def test_unreadable_packages_are_one_line_errors(tmp_path, data, message):
    path = tmp_path / "bad.apkg"
    path.write_bytes(data)
    with pytest.raises(DeckParseError, match=re.escape(message)):
        read_file(path)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_characters="\x1f\x00",
                                                          blacklist_categories=("Cs",)), max_size=15),
                         min_size=1, max_size=3), max_size=6))
def test_every_note_is_a_card(fields):
    data = package(collection([{"deck": 1, "fields": f} for f in fields], {1: "D"}))
    decks = apkg.read_bytes(data, "p.apkg")
    assert sum(len(d.cards) for d in decks) == len(fields)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_crash(data):
    with contextlib.suppress(DeckParseError):
        apkg.read_bytes(b"PK\x03\x04" + data, "p.apkg")
