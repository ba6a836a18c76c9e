"""Regeneration touches only what changed: unchanged files keep their bytes and mtimes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.synth import write_decks
from kbgen.build import Project, generate


def _state(docs: Path) -> dict[str, tuple[int, bytes]]:
    return {f.relative_to(docs).as_posix(): (f.stat().st_mtime_ns, f.read_bytes())
            for f in docs.rglob("*") if f.is_file()}


def _age(docs: Path) -> None:
    # Push every mtime into the past, so a rewrite is visible even on coarse clocks.
    for f in docs.rglob("*"):
        if f.is_file():
            os.utime(f, ns=(1_000_000_000, 1_000_000_000))


def test_second_run_touches_nothing(tmp_path):
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    write_decks(project.cards, 400)
    generate(project)
    _age(project.docs)
    before = _state(project.docs)
    result = generate(project)
    assert result.written == [] and result.removed == []
    assert _state(project.docs) == before  # the manifest included
    assert not [p for p in project.docs.iterdir() if p.name.startswith(".kbgen-staging")]


def test_one_changed_card_rewrites_only_its_files(tmp_path):
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    deck = write_decks(project.cards, 400)[0]
    generate(project)
    _age(project.docs)
    before = _state(project.docs)
    lines = deck.read_text(encoding="utf-8").split("\n")
    q = next(i for i, ln in enumerate(lines) if i > len(lines) // 2 and ln.endswith("?"))
    lines[q + 1] += " again"
    deck.write_text("\n".join(lines), encoding="utf-8")
    result = generate(project)
    after = _state(project.docs)
    touched = {p for p in after if after[p][0] != before.get(p, (None,))[0]}
    changed = {p for p in after if after[p][1] != before.get(p, (None, None))[1]}
    assert touched == changed, f"rewritten with the same bytes: {sorted(touched - changed)}"
    assert set(result.written) <= touched
    deck_pages = [p for p in changed if p.startswith("decks/") and p.count("/") == 1
                  and p != "decks/index.md"]
    assert len(deck_pages) == 1, deck_pages  # the one page of the deck that shows the card
    # Concept pages show their cards' answers: only the changed card's concepts are rewritten.
    index = json.loads(project.index.read_text(encoding="utf-8"))
    card = next(c for c in index["cards"] if " again" in c["answer"])
    concept_pages = {p for p in changed if p.startswith("concepts/") and p != "concepts/index.md"}
    assert concept_pages <= {f"concepts/{c}.md" for c in card["concepts"]}, sorted(concept_pages)
    # The browser graph: the whole graph, its opening part, and the own file of each concept
    # whose page changed (a concept's file holds its summary; its neighbours' files do not).
    graph = {p for p in changed if p.startswith("assets/kbgen/graph")}
    concepts = {p.removeprefix("concepts/").removesuffix(".md") for p in changed if p.startswith("concepts/")}
    assert graph <= {"assets/kbgen/graph.json", "assets/kbgen/graph-top.json",
                     *(f"assets/kbgen/graph/{c}.json" for c in concepts)}, sorted(graph)
    assert len(changed - concept_pages - graph) <= 8, sorted(changed)


def test_one_card_edit_with_a_warm_cache_keeps_every_card(tmp_path):
    """The edit is read from the per-card cache for every other card; the site still shows
    every card, the edit included, and exactly what a build from scratch would write."""
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    deck = write_decks(project.cards, 300)[0]
    generate(project)
    assert (project.cache / "cards-ngrams.json").exists()
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("?\n", "?\nA freshly written line, then\n", 1), encoding="utf-8")
    from kbgen.render import pages
    rendered = []
    real = pages.concept_page
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages, "concept_page", lambda ctx, c: rendered.append(c["id"]) or real(ctx, c))
        result = generate(project)
    index = json.loads(project.index.read_text(encoding="utf-8"))
    assert 0 < len(rendered) < len(index["concepts"]) // 4, len(rendered)  # the others were reused
    assert 0 < len(result.written) <= 30, result.written
    fresh = Project(cards=project.cards, docs=tmp_path / "fresh" / "docs")
    generate(fresh)  # no cache: the same bytes
    assert _state_bytes(project.docs) == _state_bytes(fresh.docs)
    assert any("freshly written" in c["answer"] for c in index["cards"])
    shown = "".join(f.read_text(encoding="utf-8") for f in (project.docs / "decks").glob("*.md"))
    assert all(f"{{#{c['anchor']}}}" in shown for c in index["cards"])


def _state_bytes(docs: Path) -> dict[str, bytes]:
    return {k: v[1] for k, v in _state(docs).items()}


def test_emit_takes_a_stream_and_refuses_a_path_twice(tmp_path):
    from kbgen.emit import emit
    from kbgen.errors import DuplicateOutputError
    docs = tmp_path / "docs"
    result = emit(iter([("a.md", "# A\n"), ("b/c.md", b"C")]), docs)
    assert result.written == ["a.md", "b/c.md"] and (docs / "b" / "c.md").read_bytes() == b"C"
    try:
        emit(iter([("a.md", "# changed\n"), ("a.md", "# again\n")]), docs)
    except DuplicateOutputError as e:
        assert "a.md" in str(e)
    else:
        raise AssertionError("a path produced twice was accepted")
    assert (docs / "a.md").read_text(encoding="utf-8") == "# A\n"  # nothing moved on failure
    assert not [p for p in docs.iterdir() if p.name.startswith(".kbgen-staging")]


def test_serve_runs_mkdocs_dirty_and_a_deck_edit_regenerates(tmp_path, monkeypatch):
    from kbgen import build, serve
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    deck = write_decks(project.cards, 60)[0]
    assert "--dirty" in serve.serve_command(project, "127.0.0.1:8000")
    generate(project)
    seen = serve._snapshot(project.cards)
    runs = []
    monkeypatch.setattr(build, "generate", lambda p: runs.append(p) or serve.EmitResult())
    assert serve.watch_step(project, seen) == seen and runs == []  # nothing changed
    deck.write_text(deck.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(deck, ns=(2_000_000_000, 2_000_000_000))
    assert serve.watch_step(project, seen) != seen and runs == [project]
