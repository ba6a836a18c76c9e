"""Output ownership: kbgen replaces or deletes only what its manifest lists, atomically and
deterministically, and ``kbgen check`` names why docs/ is stale."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen import emit as emit_module
from kbgen.build import Model, Project, content_index, generate
from kbgen.cli import main
from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.readers import finalize, read_file
from kbgen.render import render_site

DECK_A = "Alpha deck Flashcards\nWhat is a cat?\nA small animal.\nWhat is a dog?\nA loyal animal.\n"
DECK_B = "Beta deck Flashcards\nWhat is a gradient?\nA vector of partial derivatives.\n"
COLLIDING = {  # titles whose slugs collide, or would without care
    "c.txt": "C\nWhat is C?\nA language.\n",
    "cpp.txt": "C++\nWhat is C++?\nAnother language.\n",
    "upper.txt": "Attention\nWhat is Attention?\nA mechanism.\n",
    "lower.txt": "attention\nWhat is attention?\nThe same, lower case.\n",
    "zh.txt": "注意力\nWhat is 注意力?\nAttention in Chinese.\n",
    "ru.txt": "Внимание\nWhat is Внимание?\nAttention in Russian.\n",
    "ja.txt": "注意\nWhat is 注意?\nAttention in Japanese.\n",
}


def _kb(root: Path, decks: dict[str, str]) -> Project:
    (root / "cards").mkdir(parents=True, exist_ok=True)
    for name, text in decks.items():
        (root / "cards" / name).write_text(text, encoding="utf-8")
    return Project(cards=root / "cards", docs=root / "docs")


def _snapshot(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


HAND = {"notes.md": "# My notes\n", "concepts/mine.md": "# Mine\n", "decks/extra.md": "# Extra\n",
        "index.md": "# Home, by hand\n", "assets/kbgen/custom.css": "body{}\n"}


def test_hand_written_pages_survive_every_run(tmp_path):
    project = _kb(tmp_path, {"a.txt": DECK_A, "b.txt": DECK_B})
    for rel, text in HAND.items():
        (project.docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (project.docs / rel).write_text(text, encoding="utf-8")
    for run in range(4):
        if run == 2:
            (project.cards / "b.txt").unlink()
        if run == 3:
            (project.cards / "a.txt").write_text(DECK_A.replace("small", "tiny"), encoding="utf-8")
        generate(project)
        for rel, text in HAND.items():
            assert (project.docs / rel).read_text(encoding="utf-8") == text, (run, rel)


def test_removed_deck_pages_disappear(tmp_path):
    project = _kb(tmp_path, {"a.txt": DECK_A, "b.txt": DECK_B})
    generate(project)
    assert (project.docs / "decks/beta-deck.md").exists() and (project.docs / "concepts/gradient.md").exists()
    (project.cards / "b.txt").unlink()
    result = generate(project)
    assert "decks/beta-deck.md" in result.removed
    assert not (project.docs / "decks/beta-deck.md").exists()
    assert not (project.docs / "concepts/gradient.md").exists()
    assert (project.docs / "decks/alpha-deck.md").exists()


@pytest.mark.parametrize("where", ["render", "staging", "move"])
def test_interrupted_run_leaves_previous_docs(tmp_path, monkeypatch, where):
    project = _kb(tmp_path, {"a.txt": DECK_A, "b.txt": DECK_B})
    generate(project)
    before = _snapshot(project.docs)
    (project.cards / "a.txt").write_text(DECK_A.replace("small", "tiny") + "What is a fox?\nA canid.\n",
                                         encoding="utf-8")
    if where == "render":
        import kbgen.render.pages as pages
        monkeypatch.setattr(pages, "concept_page", _fail_after(2, pages.concept_page))
    elif where == "staging":
        monkeypatch.setattr(Path, "write_bytes", _fail_after(3, Path.write_bytes))
    else:
        monkeypatch.setattr(emit_module.os, "replace", _fail_after(2, os.replace))
    with pytest.raises(OSError):
        generate(project)
    monkeypatch.undo()
    after = _snapshot(project.docs)
    if where != "move":  # nothing was swapped in yet: docs/ is exactly as before
        assert after == before
    assert not list(project.docs.glob(".kbgen-staging-*"))
    generate(project)  # the next run recovers, whatever was interrupted
    recovered = _snapshot(project.docs)
    shutil.rmtree(project.docs)
    generate(project)
    assert recovered == _snapshot(project.docs)  # same as a run from scratch


def _fail_after(n: int, real):
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) > n:
            raise OSError("simulated crash")
        return real(*args, **kwargs)
    return wrapper


def test_killed_run_leftovers_are_cleaned(tmp_path):
    project = _kb(tmp_path, {"a.txt": DECK_A})
    generate(project)
    (project.docs / ".kbgen-staging-dead" / "concepts").mkdir(parents=True)
    generate(project)
    assert not list(project.docs.glob(".kbgen-staging-*"))


def test_same_input_same_bytes(tmp_path, monkeypatch):
    # Decks are named by the path given (here the default, cards/), so two checkouts match.
    one = _kb(tmp_path / "one", {"a.txt": DECK_A, "b.txt": DECK_B, **COLLIDING})
    two = _kb(tmp_path / "two", {**COLLIDING, "b.txt": DECK_B, "a.txt": DECK_A})
    for root in (one, two):
        monkeypatch.chdir(root.cards.parent)
        generate(Project())
    assert _snapshot(one.docs) == _snapshot(two.docs)
    monkeypatch.chdir(one.cards.parent)
    again = generate(Project())
    assert not again.written and not again.removed


def _site(decks) -> dict[str, str]:
    decks = finalize(decks)
    G = build_concept_graph(decks, extract_concepts(decks))
    return render_site(content_index(Model(decks, [], G)))


def test_slug_collisions_resolve_the_same_in_any_order(tmp_path):
    project = _kb(tmp_path, COLLIDING)
    decks = [d for f in sorted(project.cards.iterdir()) for d in read_file(f)]
    first = _site(decks)
    slugs = sorted(p for p in first if p.startswith("decks/") and p.count("/") == 1)
    assert len(slugs) == len(COLLIDING) + 1  # every deck has its own page, plus decks/index.md
    assert "decks/c.md" in slugs and "decks/c-plus-plus.md" in slugs
    rng = random.Random(6)
    for _ in range(5):
        rng.shuffle(decks)
        assert _site(decks) == first


def test_check_names_why_docs_are_stale(tmp_path):
    project = _kb(tmp_path, {"a.txt": DECK_A, "b.txt": DECK_B})
    args = ["check", "--cards", str(project.cards), "--docs", str(project.docs)]

    def check() -> tuple[int, str]:
        r = CliRunner().invoke(main, args)
        return r.exit_code, r.stderr.strip()

    code, msg = check()
    assert code == 1 and msg.startswith("error: ") and "run kbgen generate" in msg and "\n" not in msg
    generate(project)
    assert check() == (0, "docs are up to date")
    (project.docs / "notes.md").write_text("# hand-written\n", encoding="utf-8")
    assert check()[0] == 0
    (project.cards / "a.txt").write_text(DECK_A + "What is a fox?\nA canid.\n", encoding="utf-8")
    before = _snapshot(project.docs)
    code, msg = check()
    assert code == 1 and "out of date" in msg and "\n" not in msg
    assert _snapshot(project.docs) == before  # check never writes
    generate(project)
    (project.cards / "b.txt").unlink()
    code, msg = check()
    assert code == 1 and "no longer produced" in msg
    generate(project)
    (project.docs / "graph.md").write_text("edited by hand\n", encoding="utf-8")
    code, msg = check()
    assert code == 1 and "graph.md" in msg
