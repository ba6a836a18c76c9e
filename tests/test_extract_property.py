"""Property: extraction never crashes, and every concept it returns is backed by a card of the deck."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.model import Card, Deck

WORDS = st.sampled_from([
    "What", "is", "a", "the", "GAN", "GANs", "U-Net", "UNet", "encoder-decoder", "How", "do", "work",
    "?", "(", ")", "=", "–>", "-", "1)", "zorblax", "flumoxes", "data", "clean", "stand", "for",
    "batch", "normalization", "(BatchNorm)", "vs", "and", "of", "$x$", "https://e.org/a", "é", "Ω",
    "42", "\n", "\n- ", "called", "G", "(Glossary)", "", "'", "“quoted”", "hash", "hashtables"])
TEXT = st.one_of(st.lists(WORDS, max_size=14).map(" ".join), st.text(max_size=40))


@st.composite
def decks(draw):
    n = draw(st.integers(1, 8))
    cards = tuple(Card(id=f"d#{i}", question=draw(TEXT), answer=draw(TEXT), line=i + 1) for i in range(n))
    return Deck(title="d", source="d.txt", cards=cards)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(decks(), min_size=1, max_size=3))
def test_extraction_never_crashes_and_every_concept_has_a_card(ds):
    ids = {c.id for d in ds for c in d.cards}
    concepts = extract_concepts(ds)
    assert len({c.id for c in concepts}) == len(concepts)
    for c in concepts:
        assert c.cards and set(c.cards) <= ids and c.label.strip()
        assert set(c.asked) <= set(c.cards) or set(c.asked) <= ids
        assert c.definition is None or c.definition in ids
    build_concept_graph(ds, concepts)
