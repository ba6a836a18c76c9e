"""`kbgen export anki`: open the .apkg with zipfile + sqlite3 and check notes, tags and ids."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from click.testing import CliRunner
from helpers import SEED

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


def _progress(tmp_path: Path) -> tuple[Path, list[str]]:
    """A progress file as the site's study mode exports it: two cards, three reviews."""
    from kbgen.build import load
    from kbgen.readers import DEFAULT
    ids = [c.id for c in load([SEED], None, DEFAULT).decks[0].cards][:2]
    day, t = 86_400_000, 1_767_261_600_000  # 2026-01-01 10:00 UTC
    review = {"due": t + 3 * day, "last_review": t + 60_000, "stability": 3.17, "difficulty": 5.3,
              "elapsed_days": 0, "scheduled_days": 3, "learning_steps": 0, "reps": 2, "lapses": 0, "state": 2}
    learning = {**review, "due": t + 600_000, "last_review": t, "stability": 0.21, "state": 1, "reps": 1}
    revlog = [{"card": ids[0], "time": t, "rating": 1, "state": 0, "ivl": 60_000, "last_ivl": 0,
               "duration": 4200},
              {"card": ids[0], "time": t + 60_000, "rating": 3, "state": 1, "ivl": 3 * day, "last_ivl": 0,
               "duration": 2500},
              {"card": ids[1], "time": t, "rating": 2, "state": 0, "ivl": 600_000, "last_ivl": 0,
               "duration": 90_000},
              {"card": "gone#card", "time": t, "rating": 3, "state": 0, "ivl": 600_000}]
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"format": "kbgen-progress", "version": 2, "retention": 0.9, "revlog": revlog,
                                "cards": {ids[0]: review, ids[1]: learning, "gone#card": learning}}))
    return path, ids


def test_progress_goes_into_the_revlog_and_the_schedules(tmp_path):
    progress, ids = _progress(tmp_path)
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["export", "anki", str(SEED), "-o", str(out), "--progress", str(progress)])
    assert result.exit_code == 0, result.output
    assert "3 reviews and 2 card schedules" in result.output and "1 cards not in these decks" in result.output
    with zipfile.ZipFile(out) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    rows = db.execute("SELECT revlog.id, notes.guid, revlog.ease, revlog.ivl, revlog.time, revlog.type "
                      "FROM revlog JOIN cards ON revlog.cid = cards.id JOIN notes ON cards.nid = notes.id "
                      "ORDER BY revlog.id").fetchall()
    crt = db.execute("SELECT crt FROM col").fetchone()[0]
    sched = db.execute("SELECT notes.guid, cards.type, queue, due, ivl, cards.data FROM cards "
                       "JOIN notes ON cards.nid = notes.id WHERE cards.type > 0").fetchall()
    db.close()
    import genanki
    g0, g1 = (genanki.guid_for("kbgen", i) for i in ids)
    t = 1_767_261_600_000
    # Same time for two cards: the revlog id (a time in ms) is bumped to stay unique.
    assert rows == [(t, g0, 1, -60, 4200, 0), (t + 1, g1, 2, -600, 60_000, 0), (t + 60_000, g0, 3, 3, 2500, 0)]
    by_guid = {g: rest for g, *rest in sched}
    assert by_guid[g0][:4] == [2, 2, (t // 1000 + 3 * 86_400 - crt) // 86_400, 3]
    assert json.loads(by_guid[g0][4]) == {"s": 3.17, "d": 5.3}
    assert by_guid[g1][:3] == [1, 1, (t + 600_000) // 1000]


def test_a_wrong_progress_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "p.json"
    bad.write_text('{"cards": {}}')
    result = CliRunner().invoke(main, ["export", "anki", str(SEED), "-o", str(tmp_path / "x.apkg"),
                                       "--progress", str(bad)])
    assert result.exit_code != 0
    assert "not a kbgen progress file" in result.output and "Traceback" not in result.output
