from __future__ import annotations

import contextlib
import json

import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.errors import UsageError
from kbgen.readers import crowdanki, detect, read_file
from kbgen.readers._cards import ReadOptions

FIXTURE = DATA / "formats" / "crowdanki" / "deck.json"
GEOGRAPHY = DATA / "Ultimate_Geography.json"


def test_nested_decks_models_tags_and_media():
    decks = {d.title: d for d in read_file(FIXTURE)}
    ml, training = decks["ML"], decks["Training"]
    assert (ml.parents, training.parents, training.order) == ((), ("ML",), 2)
    (relu,) = ml.cards
    assert (relu.line, relu.question, relu.answer, relu.tags, relu.media) == (
        35, "What is ReLU?", "max(0, x)", ("activation",), ("relu.gif",))
    assert [(m.name, m.data) for m in ml.media] == [("relu.gif", b"GIF89a-fake")]
    assert [(c.question, c.answer, c.tags) for c in training.cards] == [
        ("What is an epoch?", "- one pass\n- over the data", ()),
        ("Learning rate", "Step size & speed", ("optim", "hyper::params"))]


def test_field_mapping_can_be_chosen():
    decks = read_file(FIXTURE, options=ReadOptions(fields=("Back", "Front")))
    assert {c.question for d in decks for c in d.cards} >= {"Step size & speed"}
    with pytest.raises(UsageError, match=r"no field named 'Nope'.*fields: Front, Back"):
        read_file(FIXTURE, options=ReadOptions(fields=("Nope", "Back")))


def test_geography_corpus_defaults(caplog):
    assert detect(GEOGRAPHY.read_text(encoding="utf-8"), "g.json") == "crowdanki"
    (deck,) = read_file(GEOGRAPHY)
    assert deck.title == "Ultimate Geography"
    assert len(deck.cards) == 319
    england = deck.cards[0]
    # Eight fields and no Front/Back: the first field asks, the others answer as "Name: value" lines.
    assert england.question == "England"
    assert england.answer == ("Country info: Constituent country of the United Kingdom.\nCapital: London\n"
                              "Capital hint: Constituent country")
    assert england.tags == ("UG::Europe",)
    assert "images 'ug-flag-england.svg', 'ug-map-england.png' not found" in caplog.text
    capitals = read_file(GEOGRAPHY, options=ReadOptions(fields=("Capital", "Country")))[0]
    assert (capitals.cards[0].question, capitals.cards[0].answer) == ("London", "England")


_fields = st.lists(st.text(max_size=20), max_size=4)


@settings(max_examples=100, deadline=None)
@given(st.lists(_fields, max_size=10))
def test_every_note_is_a_card(notes):
    deck = {"__type__": "Deck", "name": "D", "note_models": [],
            "notes": [{"guid": str(i), "fields": f, "tags": []} for i, f in enumerate(notes)]}
    (out,) = crowdanki.read(json.dumps(deck), "d.json")
    assert len(out.cards) == len(notes)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    from kbgen.errors import DeckParseError
    with contextlib.suppress(DeckParseError):
        crowdanki.read(text, "d.json")
