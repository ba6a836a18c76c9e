"""`kbgen export anki`: open the .apkg with zipfile + sqlite3 and check notes, tags and ids."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from click.testing import CliRunner

from conftest import SEED
from kbgen.cli import main
from kbgen.export_anki import answer_html


def _export(paths: list[Path], out: Path, *extra: str) -> dict:
    result = CliRunner().invoke(main, ["export", "anki", *map(str, paths), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        (out.parent / "collection.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(out.parent / "collection.anki2")
    try:
        notes = db.execute("SELECT guid, mid, tags, flds FROM notes").fetchall()
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        cards = db.execute("SELECT nid, did FROM cards").fetchall()
    finally:
        db.close()
    return {"notes": notes, "decks": {d["name"]: int(i) for i, d in decks.items()}, "cards": cards}


def test_one_note_per_card_with_concept_tags(tmp_path):
    got = _export([SEED], tmp_path / "deck.apkg")
    assert len(got["notes"]) == 24 and len(got["cards"]) == 24
    by_question = {flds.split("\x1f")[0]: tags.split() for _, _, tags, flds in got["notes"]}
    assert "gan" in by_question["What does GAN stand for?"]
    assert {"autoencoder"} <= set(by_question["What is one way to perform representation learning?"])
    assert "Advanced deep learning concepts" in got["decks"]
    flds = next(f for _, _, _, f in got["notes"] if f.startswith("How do GANs work?"))
    assert "<ol" in flds and "<li>" in flds  # the answer keeps its list


def test_ids_are_stable_so_reimport_updates(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _export([SEED], tmp_path / "a" / "deck.apkg")
    second = _export([SEED], tmp_path / "b" / "deck.apkg")
    assert sorted((g, m) for g, m, _, _ in first["notes"]) == sorted((g, m) for g, m, _, _ in second["notes"])
    assert first["decks"] == second["decks"]
    assert len({g for g, _, _, _ in first["notes"]}) == 24


def test_folders_become_parent_decks(tmp_path):
    cards = tmp_path / "cards"
    (cards / "ml" / "deep").mkdir(parents=True)
    shutil.copy(SEED, cards / "ml" / "deep" / SEED.name)
    got = _export([cards], tmp_path / "out.apkg", "--parent", "KB")
    assert "KB::ml::deep::Advanced deep learning concepts" in got["decks"]
    deck_id = got["decks"]["KB::ml::deep::Advanced deep learning concepts"]
    assert {did for _, did in got["cards"]} == {deck_id}


def test_card_text_is_escaped():
    assert answer_html("<b>x</b>\n- a & b") == "<div>&lt;b&gt;x&lt;/b&gt;</div><ul><li>a &amp; b</li></ul>"


def test_wrong_suffix_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "anki", str(SEED), "-o", str(tmp_path / "x.zip")])
    assert result.exit_code != 0
    assert "must end in .apkg" in result.output and "Traceback" not in result.output
