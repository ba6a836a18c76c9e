"""Files kept across runs by their inputs: a concept's local graph file and the gaps page's
answer search make the same bytes as without the cache, and what changed is made again."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path, PurePosixPath

import pytest

from benchmarks.synth import write_decks
from kbgen.build import Project, generate
from kbgen.emit import _inside, read_manifest
from kbgen.render.gaps import gaps_page
from kbgen.render.graphdata import dumps_compact, group
from kbgen.render.localgraph import iter_local_graphs, local_graphs
from kbgen.render.reuse import PageReuse, Reused
from kbgen.slugs import local_graph_path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("reuse")
    project = Project(cards=root / "cards", docs=root / "docs")
    write_decks(project.cards, 300)
    generate(project)
    return project


def _index(project: Project) -> dict:
    return json.loads(project.index.read_text(encoding="utf-8"))


def _reuse(project: Project, index: dict, cache: Path | None = None) -> PageReuse:
    return PageReuse(index, {}, cache or project.cache, read_manifest(project.docs))


def test_unchanged_local_graphs_are_neither_made_nor_digested(built, monkeypatch):
    from kbgen.render import localgraph
    made: list[str] = []
    real = localgraph.local_graph
    monkeypatch.setattr(localgraph, "local_graph", lambda byid, c, *a: made.append(c["id"]) or real(byid, c, *a))
    monkeypatch.setattr(localgraph, "neighbourhood", lambda best, c: made.append(c) or [])
    index = _index(built)
    out = dict(iter_local_graphs(index, group, dumps_compact, _reuse(built, index)))
    assert out and all(isinstance(t, Reused) for t in out.values())
    assert made == []  # nothing changed: no neighbourhood was even looked at
    monkeypatch.undo()
    # Reused hands emit the digest it wrote; rendering it again gives those bytes.
    path, reused = next(iter(out.items()))
    assert isinstance(reused, Reused)
    assert reused.render() == (built.docs / path).read_text(encoding="utf-8")


def test_a_changed_summary_makes_only_its_own_file_again(built, monkeypatch):
    from kbgen.render import localgraph
    looked: list[str] = []
    real = localgraph.neighbourhood
    monkeypatch.setattr(localgraph, "neighbourhood", lambda best, c: looked.append(c) or real(best, c))
    index = copy.deepcopy(_index(built))
    concept = max(index["concepts"], key=lambda c: len(c["cards"]))
    concept["summary"] = "A summary written again."
    out = dict(iter_local_graphs(index, group, dumps_compact, _reuse(built, index)))
    made = {p for p, t in out.items() if not isinstance(t, Reused)}
    assert made == {local_graph_path(concept["id"])}
    assert set(looked) == {concept["id"]}  # its key and file only: no other neighbourhood is looked at
    assert out[local_graph_path(concept["id"])] == local_graphs(index, group, dumps_compact)[
        local_graph_path(concept["id"])]


def test_a_deleted_local_graph_file_is_made_again_with_its_key(built, tmp_path):
    index = _index(built)
    reuse = _reuse(built, index)
    path = local_graph_path(index["concepts"][0]["id"])
    reuse.manifest = {k: v for k, v in reuse.manifest.items() if k != path}  # as if a run in between lost it
    out = dict(iter_local_graphs(index, group, dumps_compact, reuse))
    assert out[path] == local_graphs(index, group, dumps_compact)[path]
    assert sum(not isinstance(t, Reused) for t in out.values()) == 1
    assert reuse.written[path][0] == reuse.stored[path][0]  # the same key, found again


def test_a_local_graph_is_made_again_when_a_neighbour_changes(built):
    index = copy.deepcopy(_index(built))
    link = max(index["links"], key=lambda e: e["weight"])
    neighbour = next(c for c in index["concepts"] if c["id"] == link["target"])
    neighbour["label"] = "Renamed Neighbour"
    out = dict(iter_local_graphs(index, group, dumps_compact, _reuse(built, index)))
    fresh = local_graphs(index, group, dumps_compact)
    showing = {p for p, text in fresh.items() if "Renamed Neighbour" in text}
    assert local_graph_path(link["source"]) in showing
    for path, text in out.items():  # every file that shows the neighbour is made, with its new label
        assert (text == fresh[path]) if path in showing else isinstance(text, Reused), path
        assert not isinstance(text, Reused) or text.render() == fresh[path]


def test_gaps_answers_searched_once_and_an_edited_answer_again(built, tmp_path, monkeypatch):
    from kbgen import mentions
    index = copy.deepcopy(_index(built))
    cache = tmp_path / "cache"
    first = _reuse(built, index, cache)
    assert gaps_page(index, first) == gaps_page(index)
    first.save()
    assert (cache / "gaps-mentions.json").exists()
    searched: list[str] = []
    real = mentions.MentionIndex.find
    monkeypatch.setattr(mentions.MentionIndex, "find", lambda self, text: searched.append(text) or real(self, text))
    index["cards"][0]["answer"] = "Nothing at all here, again."
    again = _reuse(built, index, cache)
    page = gaps_page(index, again)
    assert searched == ["Nothing at all here, again."]
    monkeypatch.undo()
    assert page == gaps_page(index)


def test_a_corrupt_gaps_cache_is_ignored_with_a_warning(built, tmp_path, caplog):
    index = _index(built)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "gaps-mentions.json").write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kbgen"):
        page = gaps_page(index, _reuse(built, index, cache))
    assert page == gaps_page(index)
    assert "gaps-mentions.json: unreadable cache file ignored" in caplog.text


def test_a_gaps_cache_entry_of_the_wrong_type_is_searched_again(built, tmp_path):
    index = _index(built)
    cache = tmp_path / "cache"
    reuse = _reuse(built, index, cache)
    gaps_page(index, reuse)
    reuse.save()
    data = json.loads((cache / "gaps-mentions.json").read_text(encoding="utf-8"))
    data["value"] = {k: "yes" for k in data["value"]}  # truthy, but not what the page stores
    (cache / "gaps-mentions.json").write_text(json.dumps(data), encoding="utf-8")
    assert gaps_page(index, _reuse(built, index, cache)) == gaps_page(index)


@pytest.mark.parametrize("path", ["a/b.md", "/a", "a//b", "./a", "a/../b", "..", "", ".kbgen-manifest.json",
                                  "./.kbgen-manifest.json", "a\\b", "a/./b", "a/", "x/.kbgen-manifest.json",
                                  ".", "assets/kbgen/graph/x.json"])
def test_the_quick_inside_check_agrees_with_path_parsing(path):
    p = PurePosixPath(path)
    parsed = bool(p.parts) and not p.is_absolute() and ".." not in p.parts and "\\" not in path \
        and path != ".kbgen-manifest.json"
    assert _inside(path) == parsed

