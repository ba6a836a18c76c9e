"""Regeneration touches only what changed: unchanged files keep their bytes and mtimes."""

from __future__ import annotations

import json
import os
from pathlib import Path

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
