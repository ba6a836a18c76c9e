"""Many decks at once: a cards/ folder mixing six formats becomes one site (real `mkdocs build --strict`)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from helpers import DATA, copy_handwritten_docs
from helpers.anki_package import collection, package

from kbgen.cli import main

pytestmark = pytest.mark.slow
FORMATS = DATA / "formats"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from helpers import ROOT
    root = tmp_path_factory.mktemp("multi")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    copy_handwritten_docs(root / "docs")
    cards = root / "cards"
    cards.mkdir()
    shutil.copy(FORMATS / "header-semicolon.csv", cards / "03_glossary.csv")
    shutil.copy(FORMATS / "obsidian.md", cards / "02_obsidian.md")
    shutil.copy(FORMATS / "quizlet.txt", cards / "quizlet.txt")
    shutil.copy(FORMATS / "anki-notes.txt", cards / "anki-notes.txt")
    shutil.copytree(FORMATS / "crowdanki", cards / "crowdanki")
    (cards / "interview").mkdir()
    text = (FORMATS / "questions-bold.md").read_text(encoding="utf-8")
    # Without its unanswered card and its in-page links (skipped as furniture), whose warnings
    # --strict would rightly turn into a failure.
    text = "\n".join(ln for ln in text.split("## Empty")[0].split("\n") if "](#" not in ln)
    (cards / "interview" / "questions.md").write_text(text, encoding="utf-8")
    shutil.copytree(FORMATS / "img", cards / "interview" / "img")
    notes = [{"deck": 2, "fields": ["What is a feature map?", 'Output of a filter <img src="map.png">']},
             {"deck": 3, "fields": ["What is an encoder?", "Maps input to a code"]}]
    coll = collection(notes, {2: "Deep learning::Vision", 3: "01 Deep learning::Autoencoders"})
    (cards / "package.apkg").write_bytes(package(coll, {"map.png": b"\x89PNG\r\n\x1a\nmap"}))
    result = CliRunner().invoke(main, ["--strict", "build", "--cards", str(cards), "--docs", str(root / "docs"),
                                       "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")])
    assert result.exit_code == 0, result.output
    return root


def test_one_index_with_every_deck_in_tree_order(site):
    index = json.loads((site / "docs" / "assets" / "kbgen" / "content-index.json").read_text(encoding="utf-8"))
    decks = [(d["id"], d["parent"], len(d["cards"])) for d in index["decks"]]
    # Numeric file-name prefixes first (02_, 03_), then titles; sub-decks follow their parent.
    assert decks == [
        ("neural-networks", None, 6),                 # 02_obsidian.md, titled by its heading
        ("glossary", None, 2),                        # 03_glossary.csv
        ("deep-learning", None, 1),                   # anki-notes.txt
        ("deep-learning-autoencoders", "deep-learning", 1),   # package.apkg
        ("deep-learning-vision", "deep-learning", 2),         # anki-notes.txt
        ("deep-learning-vision-2", "deep-learning", 1),       # package.apkg
        ("interview-questions", None, 2),             # interview/questions.md
        ("ml", None, 1),                              # crowdanki/deck.json
        ("ml-training", "ml", 2),
        ("quizlet", None, 3),
    ]


def test_nested_deck_pages_link_parent_and_children(site):
    html = (site / "site" / "decks" / "deep-learning" / "index.html").read_text(encoding="utf-8")
    assert "Sub-decks" in html and "../deep-learning-autoencoders/" in html
    child = (site / "site" / "decks" / "deep-learning-autoencoders" / "index.html").read_text(encoding="utf-8")
    assert "Part of" in child and "../deep-learning/" in child


def test_package_and_crowdanki_images_are_copied_and_shown(site):
    out = site / "site"
    pngs = sorted(p.relative_to(out).as_posix() for p in (out / "media").rglob("*.*"))
    assert pngs == ["media/deep-learning-vision-2/map.png", "media/interview-questions/img/loss.png",
                    "media/ml/relu.gif"]
    assert (out / pngs[0]).read_bytes() == b"\x89PNG\r\n\x1a\nmap"
    for p in pngs:
        deck = p.split("/")[1]
        html = (out / "decks" / deck / "index.html").read_text(encoding="utf-8")
        assert f'src="../../{p}"' in html


def test_markdown_intro_is_the_deck_description(site):
    html = (site / "site" / "decks" / "interview-questions" / "index.html").read_text(encoding="utf-8")
    assert "Intro text that describes the deck." in html
