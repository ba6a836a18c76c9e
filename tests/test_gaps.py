"""The knowledge-gaps page, from a hand-made content index and from the seed deck."""

from __future__ import annotations

from helpers import SEED

from kbgen.build import content_index, load
from kbgen.render import render_site
from kbgen.render.gaps import GAPS_PAGE, find_gaps, gaps_page, near_duplicates


def _card(cid, question, answer, concepts=(), asks=()):
    return {"id": f"d#{cid}", "deck": "d", "question": question, "title": question, "answer": answer, "line": 1,
            "anchor": cid, "url": f"decks/d/#{cid}", "concepts": list(concepts), "asks": list(asks)}


def _concept(cid, label, cards, asked=(), aliases=()):
    return {"id": cid, "label": label, "aliases": list(aliases), "url": f"concepts/{cid}/",
            "cards": list(cards), "asked": list(asked), "definition": None, "summary": "",
            "rank": 0.1, "community": 0}


INDEX = {
    "version": 1,
    "decks": [{"id": "d", "title": "D", "source": "d.txt", "order": None, "url": "decks/d/",
               "cards": ["d#gan", "d#gans", "d#drop", "d#norm"]}],
    "cards": [
        _card("gan", "What is a GAN?", "a generator and a discriminator trained together",
              ["gan", "generator", "discriminator"], ["gan"]),
        _card("gans", "What are GANs?", "two networks playing a game", ["gan"], ["gan"]),
        _card("drop", "What is dropout?", "  ", ["dropout"], ["dropout"]),
        _card("norm", "Why normalise <inputs>?", "it makes training faster and more stable"),
    ],
    "concepts": [
        _concept("discriminator", "discriminator", ["d#gan"]),
        _concept("dropout", "dropout", ["d#drop"], ["d#drop"]),
        _concept("gan", "GAN", ["d#gan", "d#gans"], ["d#gan", "d#gans"],
                  ["generative adversarial network"]),
        _concept("generator", "generator", ["d#gan"]),
    ],
    "links": [{"source": "discriminator", "target": "gan", "kind": "mentions", "weight": 1,
               "cards": ["d#gan"]},
              {"source": "gan", "target": "generator", "kind": "mentions", "weight": 1,
               "cards": ["d#gan"]}],
}


def test_find_gaps_lists_each_kind():
    gaps = find_gaps(INDEX)
    assert gaps["unasked"] == ["discriminator", "generator"]
    assert gaps["short"] == ["d#drop"]
    assert gaps["duplicates"] == [("d#gan", "d#gans", 1.0)]
    assert gaps["orphans"] == ["dropout"]
    assert gaps["no_mention"] == ["d#gans", "d#norm"]


def test_near_duplicates_threshold_and_no_false_pairs():
    qs = {"a": "How does batch normalization work during training?",
          "b": "How does batch normalization work in training?",
          "c": "How does layer normalization work during inference?"}
    assert near_duplicates(qs) == [("a", "b", 1.0)]
    assert near_duplicates(qs, threshold=0.3) == [("a", "b", 1.0), ("a", "c", 0.33), ("b", "c", 0.33)]


def test_page_links_and_escapes():
    text = gaps_page(INDEX)
    assert "[What is dropout?](decks/d.md#drop)" in text
    assert "[discriminator](concepts/discriminator.md)" in text
    assert "Why normalise &#60;inputs&#62;?" in text and "<inputs>" not in text
    assert "- [Orphan concepts](#orphan-concepts): **1**" in text


def test_seed_site_has_a_gaps_page():
    model = load([SEED])
    files = render_site(content_index(model))
    assert GAPS_PAGE in files
    assert "## Mentioned but never asked" in files[GAPS_PAGE]
