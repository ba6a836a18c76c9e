"""Hostile packages, links and odd decks: one regression test per defect found in review.

Each test builds the attack in a temporary project and checks the promise in
docs/security.md: no script, no write outside docs/, no card lost, no traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.anki_package import BASIC, collection, package

from kbgen import build as build_mod
from kbgen import serve as serve_mod
from kbgen.build import Project, generate
from kbgen.cli import main
from kbgen.config import load_config
from kbgen.errors import ConfigError, DeckParseError, KbgenError, OwnershipError, UsageError
from kbgen.readers import _media, apkg, crowdanki, read_decks, read_file
from kbgen.readers._cards import ReadOptions
from kbgen.slugs import media_path, unique_slugs

DECK = "Tiny deck Flashcards\nWhat is a cat?\nA small animal.\nWhat is a dog?\nA loyal animal.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _project(root: Path, decks: dict[str, str | bytes]) -> Project:
    (root / "cards").mkdir(parents=True, exist_ok=True)
    for name, data in decks.items():
        path = root / "cards" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return Project(cards=root / "cards", docs=root / "docs", mkdocs_yml=root / "mkdocs.yml")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _index(docs: Path) -> dict:
    return json.loads((docs.parent / "docs/assets/kbgen/content-index.json").read_text(encoding="utf-8"))


# --- media are data ---------------------------------------------------------------------

EVIL = {"evil.md": b"<script>alert(document.domain)</script>",
        "evil.html": b"<script>alert(1)</script>", "index.html": b"<script>alert(1)</script>",
        "evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "photo.png": b"<html><script>alert(1)</script></html>",   # content is not a PNG
        "real.mp3": PNG}                                             # a PNG named .mp3


def test_issue_reproduction_media_named_md_is_no_page(tmp_path, caplog):
    """The issue's .apkg: media 'evil.md' would have become a MkDocs page running script."""
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE col(id,models,decks);CREATE TABLE notes(id,guid,mid,tags,flds);"
                     "CREATE TABLE cards(id,nid,did,ord);")
    db.execute("INSERT INTO col VALUES(1,?,?)", (json.dumps({"1": BASIC}), json.dumps({"1": {"name": "Evil"}})))
    db.execute("INSERT INTO notes VALUES(1,'g',1,'',?)", ('Q?\x1f<img src="evil.md">',))
    db.execute("INSERT INTO cards VALUES(1,1,1,0)")
    db.commit()
    z = zipfile.ZipFile(tmp_path / "evil.apkg", "w")
    z.writestr("collection.anki2", db.serialize())
    z.writestr("0", "<script>alert(document.domain)</script>")
    z.writestr("media", '{"0":"evil.md"}')
    z.close()
    project = _project(tmp_path, {"evil.apkg": (tmp_path / "evil.apkg").read_bytes()})
    generate(project)
    assert not any(f.startswith("media/") for f in _files(project.docs))
    assert [c["question"] for c in _index(project.docs)["cards"]] == ["Q?"]
    assert "media 'evil.md' refused" in caplog.text


def test_only_allowed_media_types_are_published(tmp_path, caplog):
    notes = [{"deck": 1, "fields": [f"What is {n}?", f'<img src="{n}"> shown']} for n in [*EVIL, "ok.png"]]
    project = _project(tmp_path, {"p.apkg": package(collection(notes, {1: "Media"}), {**EVIL, "ok.png": PNG})})
    generate(project)
    media = [f for f in _files(project.docs) if f.startswith("media/")]
    assert media == ["media/media-2/ok.png"]  # deck "Media": a reserved slug gets a suffix
    assert len(_index(project.docs)["cards"]) == len(notes)  # every card kept
    for name in EVIL:
        assert f"media {name!r} refused" in caplog.text


@pytest.mark.parametrize("name,head,ok", [
    ("a.png", PNG, True), ("a.PNG", PNG, True), ("a.gif", b"GIF89a....", True),
    ("a.webp", b"RIFF\0\0\0\0WEBPVP8 ", True), ("a.mp3", b"ID3\x03\0\0", True), ("a.pdf", b"%PDF-1.7", True),
    ("a.jpg", PNG, True), ("a.mp3", PNG, False), ("a.pdf", PNG, False), ("a.png", b"%PDF-1.7", False),
    ("a.md", PNG, False), ("a.html", PNG, False), ("a.png", b"<svg xmlns=", False),
    ("a.svg", PNG, False), ("a.png", b"\0" * 16, False), ("a", PNG, False), ("a.js", b"GIF89a", False)])
def test_refusal_by_content_and_extension(name, head, ok):
    assert (_media.refusal(name, head) is None) == ok


def test_media_names_never_collide():
    names = ["a b.png", "a-b.png", "a_b.png", "a%20b.png", "a?b.png", "../a b.png", "A-b.png", "a-B.PNG"]
    paths = [media_path("d", n) for n in names]
    assert len({p.lower() for p in paths}) == len(paths)
    assert media_path("d", "a-b.png") == "media/d/a-b.png"  # a clean name stays as it is
    assert all(p.endswith(".png") and "/../" not in p for p in paths)


# --- never follow a link out ------------------------------------------------------------

def test_issue_reproduction_manifest_through_docs_link(tmp_path):
    root = tmp_path / "kb"
    project = _project(root, {"d.txt": DECK})
    generate(project)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n")
    (project.docs / "evil").symlink_to("../..")
    manifest = json.loads((project.docs / ".kbgen-manifest.json").read_text())
    manifest["files"]["evil/victim.txt"] = "0"
    (project.docs / ".kbgen-manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UsageError, match=r"evil/victim\.txt: leads out of .* through a link"):
        generate(project)
    assert victim.read_text() == "keep\n"


def test_generated_folder_linked_out_of_docs(tmp_path):
    project = _project(tmp_path / "kb", {"d.txt": DECK})
    notes = tmp_path / "notes"
    notes.mkdir()
    project.docs.mkdir()
    (project.docs / "concepts").symlink_to(notes)
    with pytest.raises(KbgenError):
        generate(project)
    assert list(notes.iterdir()) == []


def test_link_at_a_temp_name_is_not_written_through(tmp_path):
    project = _project(tmp_path / "kb", {"d.txt": DECK})
    target = tmp_path / "target.txt"
    target.write_text("keep\n")
    project.docs.mkdir()
    for name in (".kbgen-manifest.json.tmp", ".kbgen-staging-x"):
        (project.docs / name).symlink_to(target)
    generate(project)
    generate(project)
    assert target.read_text() == "keep\n"


def test_image_linking_out_of_cards_is_not_published(tmp_path, caplog):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG + b"SECRET")
    project = _project(tmp_path / "kb", {"d.csv": 'front,back\nWhat is it?,<img src="env.png"> here\n'})
    (project.cards / "env.png").symlink_to(secret)
    generate(project)
    assert not any(b"SECRET" in (project.docs / f).read_bytes() for f in _files(project.docs))
    assert "link leading out of" in caplog.text and len(_index(project.docs)["cards"]) == 1


def test_deck_file_linking_out_of_cards_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(DECK)
    project = _project(tmp_path / "kb", {"d.txt": DECK})
    (project.cards / "x.txt").symlink_to(outside)
    with pytest.raises(DeckParseError, match=r"x\.txt: leads out of .*cards/ through a link"):
        read_decks([project.cards])


def test_two_runs_at_once_take_turns(tmp_path, monkeypatch):
    """The second run waits on docs/.kbgen-lock while the first is moving files into place."""
    import threading

    from kbgen import emit as emit_mod
    docs, files = tmp_path / "docs", {"a.md": "# A\n", "b/c.md": "# C\n"}
    inside, release, real = threading.Event(), threading.Event(), emit_mod._Staging.replace_all

    def slow(staging):
        if not inside.is_set():
            inside.set()
            release.wait(30)
        real(staging)

    monkeypatch.setattr(emit_mod._Staging, "replace_all", slow)
    results = {}
    first = threading.Thread(target=lambda: results.setdefault("first", emit_mod.emit(files, docs)))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=lambda: results.setdefault("second", emit_mod.emit(files, docs)))
    second.start()
    second.join(0.5)
    assert second.is_alive()  # blocked on the lock, not racing the first run
    release.set()
    first.join(30)
    second.join(30)
    assert results["first"].written == sorted(files) and results["second"].unchanged == sorted(files)


def test_two_processes_at_once(tmp_path):
    project = _project(tmp_path, {"d.txt": DECK, "e.txt": DECK.replace("Tiny", "Other")})
    cmd = [sys.executable, "-c", "from kbgen.cli import main; main()", "generate"]
    procs = [subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert all(code == 0 and "Traceback" not in err for code, err in results), results
    assert not list(project.docs.glob(".kbgen-staging-*")) and (project.docs / "decks/tiny-deck.md").exists()


# --- bounded resources ------------------------------------------------------------------

def _limited(**kw) -> ReadOptions:
    return ReadOptions(**kw)


def test_entry_over_the_limit_is_one_error_naming_it():
    notes = [{"deck": 1, "fields": ["What is big?", '<img src="big.png">']}]
    data = package(collection(notes, {1: "D"}), {"big.png": PNG + b"\0" * 30000})
    with pytest.raises(DeckParseError, match=r"p\.apkg: entry '0' \(media 'big\.png'\) is 30024 bytes "
                                             r"uncompressed, over the 20480 bytes limit per entry"):
        apkg.read_bytes(data, "p.apkg", _limited(max_entry=4096 + 16384))


def test_total_over_the_limit_is_one_error():
    notes = [{"deck": 1, "fields": [f"What is {i}?", f'<img src="{i}.png">']} for i in range(5)]
    data = package(collection(notes, {1: "D"}), {f"{i}.png": PNG + b"\0" * 3000 for i in range(5)})
    with pytest.raises(DeckParseError, match=r"past the .* total limit"):
        apkg.read_bytes(data, "p.apkg", _limited(max_total=len(collection(notes, {1: "D"})) + 8000))


def test_unused_media_are_never_read(monkeypatch):
    notes = [{"deck": 1, "fields": ["What is used?", '<img src="used.png">']}]
    huge = {f"unused{i}.png": PNG for i in range(20)}
    data = package(collection(notes, {1: "D"}), {"used.png": PNG, **huge})
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *a, **kw):
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *a, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    (deck,) = apkg.read_bytes(data, "p.apkg", _limited(max_total=1 << 20))
    assert [m.name for m in deck.media] == ["used.png"]
    media_entries = {o for o in opened if o.isdigit()}
    assert len(media_entries) == 1


def test_declared_size_is_checked_before_reading(tmp_path):
    """A zip bomb: 64 MiB of zeros compress to 64 KiB; a 1 MiB cap refuses it from its declared
    size, with no more than its first 16 bytes (the type check) ever decompressed."""
    path = tmp_path / "bomb.apkg"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("collection.anki21", collection([{"deck": 1, "fields": ["Q?", '<img src="z.png">']}], {1: "D"}))
        z.writestr("media", json.dumps({"0": "z.png"}))
        with z.open("0", "w") as f:
            f.write(PNG)
            for _ in range(64):
                f.write(bytes(1 << 20))
    with pytest.raises(DeckParseError, match="limit per entry"):
        apkg.read_path(path, "bomb.apkg", _limited(max_entry=1 << 20))


def test_text_deck_over_the_limit(tmp_path):
    (tmp_path / "big.txt").write_text(DECK * 100)
    with pytest.raises(DeckParseError, match=r"big\.txt: is 8300 bytes, over the 1000 bytes limit per deck file"):
        read_file(tmp_path / "big.txt", options=_limited(max_text=1000))


def test_limits_from_kbgen_yml(tmp_path):
    (tmp_path / "kbgen.yml").write_text("limits:\n  entry_mb: 1\n  total_mb: 2\n  text_mb: 3\n")
    assert load_config(tmp_path / "kbgen.yml").limits == {"entry_mb": 1, "total_mb": 2, "text_mb": 3}
    (tmp_path / "kbgen.yml").write_text("limits:\n  text_mb: 1\n")
    (tmp_path / "d.csv").write_text("front,back\n" + "What is it?,x\n" * 100_000)
    with pytest.raises(DeckParseError, match=r"d\.csv: is 1.3 MiB, over the 1 MiB limit .*text_mb"):
        build_mod.load([tmp_path / "d.csv"], config=tmp_path / "kbgen.yml")
    (tmp_path / "kbgen.yml").write_text("limits:\n  entry_mb: -1\n")
    with pytest.raises(ConfigError, match="limits: entry_mb must be a positive whole number"):
        load_config(tmp_path / "kbgen.yml")


def test_missing_images_are_looked_up_once_per_name(tmp_path, monkeypatch, caplog):
    """Linear attachment: 2,000 cards naming 50 missing images cost 50 look-ups, not a rebuild per card."""
    rows = "".join(f'What is {i}?,<img src="m{i % 50}.png"> x\n' for i in range(2000))
    (tmp_path / "d.csv").write_text("front,back\n" + rows)
    calls = []
    real = _media._from_folder
    monkeypatch.setattr(_media, "_from_folder", lambda *a: calls.append(a[0]) or real(*a))
    (deck,) = read_file(tmp_path / "d.csv")
    assert len(deck.cards) == 2000 and all(not c.media for c in deck.cards)
    assert len(calls) == 50
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == _media.MAX_WARNINGS + 1 and "1980 more cards" in warnings[-1].getMessage()


# --- nothing lost silently --------------------------------------------------------------

def test_reserved_slugs_get_a_suffix(tmp_path):
    decks = read_decks([_write(tmp_path, "index.txt", DECK.replace("Tiny deck", "Index")),
                        _write(tmp_path, "assets.txt", DECK.replace("Tiny deck", "Assets"))])
    assert sorted(d.slug for d in decks) == ["assets-2", "index-2"]
    assert unique_slugs(["index", "search", "Index"])["index"] not in ("index", "search")


def test_deck_and_concept_named_index_keep_the_index_pages(tmp_path):
    deck = "Index Flashcards\nWhat is an index?\nA sorted lookup structure.\nWhat is a search?\nA query.\n"
    project = _project(tmp_path, {"i.txt": deck})
    generate(project)
    assert "index-2" in [d["id"] for d in _index(project.docs)["decks"]]
    assert "\n# Decks\n" in (project.docs / "decks/index.md").read_text(encoding="utf-8")
    concepts = {c["id"] for c in _index(project.docs)["concepts"]}
    assert {"index-2", "search-2"} <= concepts and not concepts & {"index", "search"}
    assert "\n# Concepts\n" in (project.docs / "concepts/index.md").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_unicode_is_nfc_on_read(tmp_path):
    (deck,) = read_decks([_write(tmp_path, "d.txt", "Cafe\u0301 deck\nWhat is a cafe\u0301?\nA cafe\u0301.\n")])
    assert deck.cards[0].question == "What is a café?" and deck.title == "Café deck"


def test_lone_surrogate_becomes_a_replacement_character(tmp_path):
    text = json.dumps({"__type__": "Deck", "name": "D", "note_models": [], "children": [],
                       "notes": [{"guid": "g", "fields": ["What is \ud800?", "odd"]}]})
    (deck,) = read_decks([_write(tmp_path, "d.json", text)])
    assert deck.cards[0].question == "What is \ufffd?"


def test_hand_edited_page_that_is_no_longer_made_is_kept(tmp_path, caplog):
    project = _project(tmp_path, {"a.txt": DECK, "b.txt": DECK.replace("Tiny", "Beta")})
    generate(project)
    page = project.docs / "decks/beta-deck.md"
    page.write_text(page.read_text() + "\nMy own notes.\n")
    (project.cards / "b.txt").unlink()
    generate(project)
    assert page.read_text().endswith("My own notes.\n")
    assert "edited by hand since; kept" in caplog.text
    generate(project)  # now hand-written: left alone, no second warning needed


def test_hand_edited_page_is_not_overwritten(tmp_path):
    project = _project(tmp_path, {"a.txt": DECK})
    generate(project)
    page = project.docs / "decks/tiny-deck.md"
    page.write_text("edited\n")
    (project.cards / "a.txt").write_text(DECK + "What is a fox?\nA canid.\n")
    with pytest.raises(OwnershipError, match=r"tiny-deck\.md: generated by kbgen but edited by hand"):
        generate(project)
    assert page.read_text() == "edited\n"


@pytest.mark.parametrize("yml,message", [
    ("merge:\n  cat: [Cat]\n", "merge: 'cat' lists itself"),
    ("merge:\n  cat: [dog]\n  dog: [cat]\n", "a chain or a cycle"),
    ("merge:\n  cat: [fox]\n  dog: [fox]\n", "merged into both"),
    ("merge:\n  neural net: [cat]\n", "merge: 'neural net' is not a concept kbgen found"),
    ("rename:\n  unicorn: horse\n", "rename: 'unicorn' is not a concept"),
    ("rename:\n  cat: dog\n", "would give two concepts one name"),
    ("rename:\n  cat: pet\n  dog: pets\n", "two concepts renamed to 'pet'"),
])
def test_merge_and_rename_that_drop_or_collide_are_refused(tmp_path, yml, message):
    deck = ("Pets Flashcards\nWhat is a cat?\nA small feline; unlike a dog it purrs.\n"
            "What is a dog?\nA loyal canine; unlike a cat it barks.\nWhat is a fox?\nA wild canid.\n")
    (tmp_path / "kbgen.yml").write_text(yml)
    with pytest.raises(ConfigError, match=message) as e:
        build_mod.load([_write(tmp_path, "d.txt", deck)], config=tmp_path / "kbgen.yml")
    assert "\n" not in str(e.value) and str(e.value).startswith(str(tmp_path / "kbgen.yml"))


# --- no traceback -----------------------------------------------------------------------

def _raw_package(sql: str, params: tuple = (), media: object = None) -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE col(id,models,decks);CREATE TABLE notes(id,guid,mid,tags,flds);"
                     "CREATE TABLE cards(id,nid,did,ord);"
                     "INSERT INTO notes VALUES(1,'g',1,'','Q?\x1fA');INSERT INTO cards VALUES(1,1,1,0);")
    if sql:
        db.execute(sql, params)
    db.commit()
    entries = {"collection.anki2": db.serialize()}
    if media is not None:
        entries["media"] = media if isinstance(media, bytes) else json.dumps(media).encode()
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


MODELS, DECKS = json.dumps({"1": BASIC}), json.dumps({"1": {"name": "D"}})
BAD_COLLECTIONS = {
    "empty col": ("", ()),
    "models a list": ("INSERT INTO col VALUES(1,?,?)", ("[1,2]", DECKS)),
    "models a string": ("INSERT INTO col VALUES(1,?,?)", ('"x"', DECKS)),
    "model not an object": ("INSERT INTO col VALUES(1,?,?)", (json.dumps({"1": 5}), DECKS)),
    "fields not a list": ("INSERT INTO col VALUES(1,?,?)", (json.dumps({"1": {"flds": 5}}), DECKS)),
    "fields of strings": ("INSERT INTO col VALUES(1,?,?)", (json.dumps({"1": {"flds": ["a"]}}), DECKS)),
    "decks a list": ("INSERT INTO col VALUES(1,?,?)", (MODELS, "[]")),
    "deck not an object": ("INSERT INTO col VALUES(1,?,?)", (MODELS, json.dumps({"1": "D"}))),
    "models not JSON": ("INSERT INTO col VALUES(1,?,?)", ("{nope", DECKS)),
    "models deep": ("INSERT INTO col VALUES(1,?,?)", ("[" * 100_000 + "]" * 100_000, DECKS)),
}


@pytest.mark.parametrize("case", list(BAD_COLLECTIONS))
def test_malformed_collections_are_one_error_naming_the_file(case):
    sql, params = BAD_COLLECTIONS[case]
    with pytest.raises(DeckParseError) as e:
        apkg.read_bytes(_raw_package(sql, params), "cards/x.apkg")
    assert str(e.value).startswith("cards/x.apkg: ") and "\n" not in str(e.value)


@pytest.mark.parametrize("media", [[1, 2], "x", 5, b"\xff\xfe", {"0": 5}, {"0": ["a"]}])
def test_odd_media_lists_are_a_warning(media, caplog):
    decks = apkg.read_bytes(_raw_package("INSERT INTO col VALUES(1,?,?)", (MODELS, DECKS), media), "x.apkg")
    assert sum(len(d.cards) for d in decks) == 1


def test_mixed_ord_types_in_note_types():
    models = json.dumps({"1": {"name": "B", "flds": [{"name": "Back", "ord": "1"}, {"name": "Front", "ord": 0}]}})
    decks = apkg.read_bytes(_raw_package("INSERT INTO col VALUES(1,?,?)", (models, DECKS)), "x.apkg")
    assert decks[0].cards[0].question == "Q?"


CROWDANKI = {"__type__": "Deck", "name": "D", "children": [],
             "note_models": [{"crowdanki_uuid": "m", "name": "B",
                              "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}],
             "notes": [{"guid": "g", "note_model_uuid": "m", "fields": ["Q?", "A"]}]}


@pytest.mark.parametrize("path,value,error", [
    (("notes", 0, "fields"), 5, r"note 'g': 'fields' is int, expected a list"),
    (("notes",), "abc", r"Deck 'D': 'notes' is str, expected a list"),
    (("children",), {"a": 1}, r"Deck 'D': 'children' is dict, expected a list"),
    (("note_models", 0, "flds"), ["Front", "Back"], None),          # a list of strings: ignored
    (("note_models", 0, "flds", 1, "ord"), "1", None),              # mixed ord types: sorted anyway
    (("notes", 0, "fields"), ["Q?", 5, None, {"a": 1}], None),      # non-string fields become text
])
def test_crowdanki_type_errors(path, value, error):
    deck = json.loads(json.dumps(CROWDANKI))
    node = deck
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    if error:
        with pytest.raises(DeckParseError, match=r"^d\.json: " + error):
            crowdanki.read(json.dumps(deck), "d.json")
    else:
        assert sum(len(d.cards) for d in crowdanki.read(json.dumps(deck), "d.json")) == 1


def test_crowdanki_deep_nesting_is_one_error_naming_the_file(tmp_path):
    n = 100_000
    text = '{"__type__":"Deck","name":"x","children":[' * n + json.dumps(CROWDANKI) + "]}" * n
    with pytest.raises(DeckParseError, match=r"d\.json: nested too deeply"):
        read_file(_write(tmp_path, "d.json", text))


def test_crowdanki_400_nested_decks_read_every_card(tmp_path):
    n = 400
    node = '{"__type__":"Deck","name":"x","notes":[{"guid":"g","fields":["Q?","A"]}],"children":['
    text = node * n + json.dumps(CROWDANKI) + "]}" * n
    decks = read_decks([_write(tmp_path, "d.json", text)])
    assert sum(len(d.cards) for d in decks) == n + 1 and len(decks) == n + 1


def test_kbgen_yml_folder_is_a_config_error(tmp_path):
    (tmp_path / "kbgen.yml").mkdir()
    with pytest.raises(ConfigError, match=r"kbgen\.yml: is a folder"):
        load_config(tmp_path / "kbgen.yml")


@pytest.mark.parametrize("value", [{"key": "k"}, {"key": "k", "value": 5}, {"key": "k", "value": {"a": 1}},
                                   {"key": "k", "value": {"a": [1, "x"]}}, [1], "x"])
def test_bad_layout_cache_is_recomputed(tmp_path, value):
    import networkx as nx
    project = Project(docs=tmp_path / "docs")
    G = nx.Graph([("a", "b")])
    from kbgen.cache import graph_key
    (tmp_path / ".kbgen-cache").mkdir()
    # the bad value stands where the cached analysis keeps the layout
    bad = value.get("value") if isinstance(value, dict) else value
    entry = {"key": graph_key(G, "analysis", 2),
             "value": {"rank": {"a": 0.5, "b": 0.5}, "community": {"a": 0, "b": 0}, "positions": bad}}
    (tmp_path / ".kbgen-cache/analysis.json").write_text(json.dumps(entry))
    from kbgen.graph.cached import graph_analysis
    _, _, pos = graph_analysis(project.cache, G)
    assert set(pos) == {"a", "b"}


def test_serve_keeps_serving_after_any_error(tmp_path, monkeypatch, caplog):
    project = _project(tmp_path, {"a.txt": DECK})

    def boom(_project, **_):
        raise RuntimeError("a reader bug")

    monkeypatch.setattr(build_mod, "generate", boom)
    serve_mod._regenerate(project)  # must not raise
    assert "RuntimeError: a reader bug" in caplog.text and "still serving" in caplog.text
    (project.cards / "a.txt").unlink()
    project.cards.rmdir()
    assert isinstance(serve_mod._snapshot(project.cards), str)  # cards/ deleted: no exception


def test_cli_never_shows_a_traceback_for_these(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards/x.apkg").write_bytes(_raw_package("", ()))
    r = CliRunner().invoke(main, ["generate"])
    assert r.exit_code == 1 and r.stderr.startswith("error: cards/x.apkg: ") and "Traceback" not in r.output


def test_undecodable_file_name_is_no_traceback(tmp_path):
    name = os.fsdecode(b"\xff deck.txt")
    project = _project(tmp_path, {name: DECK})
    generate(project)
    assert len(_index(project.docs)["cards"]) == 2


def test_links_planted_as_cache_or_lock_redirect_nothing(tmp_path):
    project = _project(tmp_path / "kb", {"a.txt": DECK})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "kb/.kbgen-cache").symlink_to(elsewhere)
    generate(project)
    assert list(elsewhere.iterdir()) == []
    (project.docs / ".kbgen-lock").unlink()
    (project.docs / ".kbgen-lock").symlink_to(elsewhere / "lock")
    with pytest.raises(UsageError, match=r"\.kbgen-lock: cannot use as the lock file"):
        generate(project)
    assert list(elsewhere.iterdir()) == []


def test_crlf_checkout_is_not_a_hand_edit(tmp_path):
    project = _project(tmp_path, {"a.txt": DECK})
    generate(project)
    page = project.docs / "decks/tiny-deck.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    (project.cards / "a.txt").write_text(DECK + "What is a fox?\nA canid.\n")
    generate(project)
    assert b"\r\n" not in page.read_bytes() and b"fox" in page.read_bytes()


def test_decomposed_image_name_is_still_found(tmp_path):
    """Deck text is read in NFC; an image saved with an NFD name (macOS) must still be found."""
    project = _project(tmp_path, {"d.csv": 'front,back\nWhat is it?,<img src="cafe\u0301.png"> here\n'})
    (project.cards / "cafe\u0301.png").write_bytes(PNG)
    (deck,) = read_decks([project.cards])
    assert deck.cards[0].media and [m.data for m in deck.media] == [PNG]


def test_entry_lying_about_its_size_is_cut_at_the_declared_size(tmp_path):
    """A central directory that declares 64 bytes for 8 MiB of zeros: zipfile stops at 64 bytes
    and reports a bad CRC, so the cap on the declared size is a cap on what is decompressed."""
    import struct
    path = tmp_path / "liar.apkg"
    coll = collection([{"deck": 1, "fields": ["Q?", '<img src="z.png">']}], {1: "D"})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("collection.anki21", coll)
        z.writestr("media", json.dumps({"0": "z.png"}))
        z.writestr("0", PNG + bytes(8 << 20))
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")                   # the central directory, entry by entry
    while data[at + 46:at + 46 + struct.unpack_from("<H", data, at + 28)[0]] != b"0":
        at = data.index(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, 64)         # entry "0" now declares 64 bytes
    path.write_bytes(bytes(data))
    with pytest.raises(DeckParseError, match=r"liar\.apkg: not a readable Anki package \(Bad CRC"):
        apkg.read_path(path, "liar.apkg", _limited(max_entry=1 << 20))
