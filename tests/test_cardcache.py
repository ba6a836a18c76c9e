"""The per-card extraction cache: same concepts with or without it, and never trusted blindly."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest

import kbgen.cardcache as cardcache
from benchmarks.synth import write_decks
from kbgen.cardcache import CardCache, scope_of
from kbgen.config import Config
from kbgen.extract import extract_concepts
from kbgen.readers import read_decks


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cards")
    write_decks(folder, 150)
    return read_decks([folder])


def _run(decks, folder, config=None):
    return extract_concepts(decks, config, CardCache(folder))


def _per_card(folder):
    """Forget the whole result and each deck's share, so that the next run reads the per-card stores."""
    for name in ("extract", "cards-decks", "cards-ngram-decks", "cards-mention-decks"):
        (folder / f"{name}.json").unlink()


def _halves(decks):
    """The first deck as two: a deck-wide share of each."""
    d = decks[0]
    half = len(d.cards) // 2
    return [replace(d, cards=d.cards[:half]), replace(d, title=d.title + " 2", cards=d.cards[half:]), *decks[1:]]


def test_a_changed_deck_alone_is_read_again(decks, tmp_path, monkeypatch):
    import kbgen.extract.deckparts as deckparts
    import kbgen.extract.ngrams as ngrams
    two = _halves(decks)
    _run(two, tmp_path)
    card = two[1].cards[0]
    edited = [two[0], replace(two[1], cards=(replace(card, answer=card.answer + " again"), *two[1].cards[1:]))]
    fresh, read = extract_concepts(edited), []
    monkeypatch.setattr(deckparts, "read_deck", lambda d, real=deckparts.read_deck: read.append(d) or real(d))
    monkeypatch.setattr(ngrams, "_read", lambda cards, grams, real=ngrams._read: read.append(cards) or real(cards, grams))
    assert _run(edited, tmp_path) == fresh
    assert [len(x.cards) if hasattr(x, "cards") else len(x) for x in read] == [len(two[1].cards)] * 2


@pytest.mark.parametrize("kind", ["decks", "ngram-decks", "mention-decks", "central-decks", "name-decks"])
@pytest.mark.parametrize("value", [[["a"], 7, "no-such-concept"], [["k", [10 ** 9], [["x", ""]], "rare", [], None]],
                                   {"fronts": [], "templates": [], "choices": [], "glossary": 1, "cands": []}])
def test_bad_deck_shares_are_recomputed(decks, tmp_path, kind, value):
    expected = _run(_halves(decks), tmp_path)
    path = tmp_path / f"cards-{kind}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["value"] = {k: value for k in data["value"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "extract.json").unlink()
    assert _run(_halves(decks), tmp_path) == expected


def test_cached_run_gives_the_same_concepts(decks, tmp_path):
    plain = extract_concepts(decks)
    first = _run(decks, tmp_path)
    assert (tmp_path / "cards-ngrams.json").exists() and (tmp_path / "cards-mentions.json").exists()
    stamp = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second = _run(decks, tmp_path)
    assert plain == first == second
    # every entry was used and none was missing: nothing to write back
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamp


def test_cache_hits_skip_the_work(decks, tmp_path, monkeypatch):
    import kbgen.extract.ngrams as ngrams
    from kbgen.mentions import MentionIndex
    expected = _run(decks, tmp_path)
    monkeypatch.setattr(ngrams, "line_grams", lambda *a: pytest.fail("a clause was read again"))
    monkeypatch.setattr(MentionIndex, "find", lambda *a: pytest.fail("a card was searched again"))
    _per_card(tmp_path)
    assert _run(decks, tmp_path) == expected


def test_unchanged_decks_reuse_the_whole_result(decks, tmp_path, monkeypatch):
    import kbgen.extract as extract
    expected = _run(decks, tmp_path)
    with monkeypatch.context() as mp:
        mp.setattr(extract, "PASSES", ())  # a pass that ran would leave no concepts
        assert _run(decks, tmp_path) == expected
    card = decks[0].cards[0]
    edited = [replace(decks[0], cards=(replace(card, answer=card.answer + " again"), *decks[0].cards[1:])),
              *decks[1:]]
    assert _run(edited, tmp_path) == extract_concepts(edited)  # a changed card misses


@pytest.mark.parametrize("value", [5, [{"id": "x"}], [{"id": "x", "label": "X", "definition": 3, "aliases": [],
                                                        "cards": [], "asked": [], "signals": []}]])
def test_a_bad_whole_result_is_recomputed(decks, tmp_path, value):
    expected = _run(decks, tmp_path)
    data = json.loads((tmp_path / "extract.json").read_text(encoding="utf-8"))
    (tmp_path / "extract.json").write_text(json.dumps({"key": data["key"], "value": value}), encoding="utf-8")
    assert _run(decks, tmp_path) == expected


def test_another_version_or_configuration_misses(decks, tmp_path, monkeypatch):
    assert scope_of(Config(), 1) != scope_of(Config(ignore=frozenset({"x"})), 1)
    before = scope_of(Config(), 1)
    monkeypatch.setattr(cardcache, "code_version", lambda: "another kbgen")  # a release, or edited source
    assert scope_of(Config(), 1) != before
    _run(decks, tmp_path)
    monkeypatch.undo()
    stored = CardCache(tmp_path).store("ngrams", "another scope")
    assert stored.entries == {}  # a file from another scope is not read
    config = Config(ignore=frozenset({"nothing-like-this"}))
    assert _run(decks, tmp_path, config) == extract_concepts(decks, config)
    data = json.loads((tmp_path / "cards-ngrams.json").read_text(encoding="utf-8"))
    assert data["key"] != before


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"key": "x", "value": 3}', "\udcff"])
def test_corrupted_cache_is_ignored_with_a_warning(decks, tmp_path, caplog, damage):
    expected = _run(decks, tmp_path)
    (tmp_path / "cards-ngrams.json").write_bytes(damage.encode("utf-8", "surrogateescape"))
    _per_card(tmp_path)
    with caplog.at_level(logging.WARNING, logger="kbgen"):
        assert _run(decks, tmp_path) == expected
    assert any("cards-ngrams.json" in r.getMessage() and "ignored" in r.getMessage() for r in caplog.records)
    json.loads((tmp_path / "cards-ngrams.json").read_text(encoding="utf-8"))  # rewritten whole


def test_entries_of_the_wrong_shape_are_recomputed(decks, tmp_path):
    expected = _run(decks, tmp_path)
    for kind in ("ngrams", "mentions"):
        path = tmp_path / f"cards-{kind}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["value"] = {k: [["a"], 7, "no-such-concept"] for k in data["value"]}
        path.write_text(json.dumps(data), encoding="utf-8")
    _per_card(tmp_path)
    assert _run(decks, tmp_path) == expected


@pytest.mark.parametrize("value", [5, {"rank": {}, "community": {}, "positions": {}},
                                   {"rank": {"a": 1, "b": 1}, "community": {"a": True, "b": 0},
                                    "positions": {"a": [0, 0], "b": [1, 1]}}])
def test_bad_graph_analysis_cache_is_recomputed(tmp_path, value):
    import networkx as nx

    from kbgen.build import Project
    from kbgen.cache import graph_key
    from kbgen.graph.cached import graph_analysis
    G = nx.Graph([("a", "b")])
    (tmp_path / ".kbgen-cache").mkdir()
    (tmp_path / ".kbgen-cache/analysis.json").write_text(json.dumps({"key": graph_key(G, "analysis", 2),
                                                                      "value": value}))
    rank, community, positions = graph_analysis(Project(docs=tmp_path / "docs").cache, G)
    assert set(rank) == set(community) == set(positions) == {"a", "b"}
    assert all(isinstance(community[n], int) and not isinstance(community[n], bool) for n in G)
    again = graph_analysis(Project(docs=tmp_path / "docs").cache, G)  # now from the cache
    assert again[0] == rank and again[1] == community


@pytest.fixture()
def built(tmp_path):
    from kbgen.build import Project, generate
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    write_decks(project.cards, 120)
    generate(project)
    return project


def test_a_page_deleted_behind_kbgens_back_is_rendered_again(built):
    from kbgen.build import generate
    page = next((built.docs / "concepts").glob("*.md"))
    text = page.read_text(encoding="utf-8")
    page.unlink()
    result = generate(built)
    assert page.read_text(encoding="utf-8") == text
    assert result.written == [page.relative_to(built.docs).as_posix()]


@pytest.mark.parametrize("damage", ["{not json", '{"key": "1", "value": {"concepts/x.md": 5}}', "[]"])
def test_corrupted_page_keys_are_ignored(built, caplog, damage):
    from kbgen.build import generate
    (built.cache / "pages.json").write_text(damage, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kbgen"):
        result = generate(built)
    assert result.written == []
    if damage != '{"key": "1", "value": {"concepts/x.md": 5}}':  # a bad entry is simply not used
        assert any("pages.json" in r.getMessage() for r in caplog.records)
    assert isinstance(json.loads((built.cache / "pages.json").read_text(encoding="utf-8"))["value"], dict)
