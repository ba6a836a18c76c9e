"""Fuzz suite for hostile input (docs/security.md): Hypothesis builds packages, CrowdAnki JSON,
CSV and Markdown decks, and docs/ trees full of links and forged manifests.

Example counts are bounded so each test takes seconds in the default run; set
``KBGEN_FUZZ_EXAMPLES`` to run longer (e.g. 2000 in a nightly job).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.emit import MANIFEST, emit
from kbgen.errors import DeckParseError, KbgenError
from kbgen.readers import _media, apkg, crowdanki, delimited, finalize, markdown
from kbgen.slugs import media_path

N = int(os.environ.get("KBGEN_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int):
    return settings(max_examples=N or examples, deadline=None, derandomize=not N,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x1f"),
               max_size=40)
PNG = b"\x89PNG\r\n\x1a\n"
MEDIA_NAMES = st.sampled_from(["ok.png", "a b.png", "a-b.png", "evil.md", "evil.html", "index.html",
                               "x.svg", "../up.png", "/abs.png", "sub/dir.gif", "%2e%2e/x.png", "img.JPG",
                               "noext", "é.png", "a.mp3", "doc.pdf", "evil.md.png"])
MEDIA_DATA = st.sampled_from([PNG + b"data", b"GIF89a...", b"<script>alert(1)</script>", b"<svg onload=x>",
                              b"", b"\x00" * 32, b"%PDF-1.4", b"ID3\x03", b"\xff\xd8\xff\xe0JFIF"])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=8)


# --- packages -------------------------------------------------------------------------

GOOD_MODELS = json.dumps({"1": {"name": "Basic", "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}})


@st.composite
def packages(draw) -> tuple[bytes, int, bool]:
    """(package bytes, number of notes, whether the collection's JSON is well-formed)."""
    notes = draw(st.lists(st.lists(TEXT | MEDIA_NAMES.map(lambda n: f'<img src="{n}">'), min_size=1, max_size=3),
                          max_size=5))
    good = draw(st.booleans())
    models = GOOD_MODELS if good else json.dumps(draw(JSON))
    decks = json.dumps({"1": {"name": draw(TEXT)}, "2": {"name": draw(TEXT)}}) if good else json.dumps(draw(JSON))
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE col(id,models,decks);CREATE TABLE notes(id,guid,mid,tags,flds);"
                     "CREATE TABLE cards(id,nid,did,ord);")
    db.execute("INSERT INTO col VALUES(1,?,?)", (models, decks))
    for i, fields in enumerate(notes, start=1):
        db.execute("INSERT INTO notes VALUES(?,?,1,?,?)", (i, f"g{i}", draw(TEXT), "\x1f".join(fields)))
        db.execute("INSERT INTO cards VALUES(?,?,?,0)", (i, i, draw(st.sampled_from([1, 2, 3]))))
    db.commit()
    media = draw(st.dictionaries(MEDIA_NAMES, MEDIA_DATA, max_size=6))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(draw(st.sampled_from(["collection.anki2", "collection.anki21"])), db.serialize())
        for i, (_name, data) in enumerate(media.items()):
            z.writestr(str(i), data)
        mapping = {str(i): n for i, n in enumerate(media)}
        z.writestr("media", json.dumps(draw(st.sampled_from([mapping, mapping, [1], "x", {"0": 5}]))))
    return buf.getvalue(), len(notes), good


@fuzz(40)
@given(packages())
def test_packages_give_decks_or_one_error(pkg):
    data, notes, good = pkg
    try:
        decks = finalize(_media.attach(apkg.read_bytes(data, "p.apkg"), None))
    except DeckParseError as e:
        assert str(e).startswith("p.apkg: ") and "\n" not in str(e)
        return
    if good:
        assert sum(len(d.cards) for d in decks) == notes  # no card lost
    for d in decks:
        shown = {m for c in d.cards for m in c.media}
        for m in d.media:
            assert _media.refusal(m.name, m.data[:_media.HEAD]) is None
        for name in shown:
            path = media_path(d.slug, name)
            assert not path.endswith((".md", ".html", ".htm", ".svg", ".js")) and "/../" not in path


@fuzz(40)
@given(st.binary(max_size=300), st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b""]))
def test_arbitrary_package_bytes(data, head):
    try:
        apkg.read_bytes(head + data, "p.colpkg")
    except DeckParseError as e:
        assert str(e).startswith("p.colpkg: ")


# --- CrowdAnki JSON ---------------------------------------------------------------------

def _crowdanki(draw, depth: int) -> dict:
    deck = {"__type__": "Deck", "name": draw(TEXT),
            "note_models": [{"crowdanki_uuid": "m", "name": "B",
                             "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}],
            "notes": [{"guid": draw(TEXT), "note_model_uuid": "m", "fields": [draw(TEXT), draw(TEXT)],
                       "tags": [draw(TEXT)]} for _ in range(draw(st.integers(0, 3)))],
            "children": [_crowdanki(draw, depth - 1) for _ in range(draw(st.integers(0, 2)) if depth else 0)]}
    return deck


@st.composite
def crowdanki_decks(draw) -> tuple[dict, int, bool]:
    root = _crowdanki(draw, 2)
    notes = _count(root)
    broken = draw(st.booleans())
    if broken:  # replace one value somewhere with any JSON value
        node, key = _pick(draw, root)
        node[key] = draw(JSON)
    return root, notes, broken


def _count(deck: dict) -> int:
    return len(deck["notes"]) + sum(_count(c) for c in deck["children"])


def _pick(draw, root: dict):
    node, key = root, draw(st.sampled_from(sorted(root)))
    while isinstance(node[key], (dict, list)) and node[key] and draw(st.booleans()):
        node = node[key]
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
    return node, key


@fuzz(60)
@given(crowdanki_decks())
def test_crowdanki_gives_decks_or_one_error(case):
    root, notes, broken = case
    try:
        decks = crowdanki.read(json.dumps(root), "d.json")
    except DeckParseError as e:
        assert str(e).startswith("d.json") and "\n" not in str(e)
        assert broken
        return
    if not broken:
        assert sum(len(d.cards) for d in decks) == notes


# --- CSV and Markdown ---------------------------------------------------------------------

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30) \
    | st.sampled_from(["<title>", "What does the <head> tag do?", "<script>x</script>", '"', ",", "a\nb",
                       "<img src=x onerror=alert(1)>", "&lt;b&gt;", "\r\n"])


@fuzz(60)
@given(st.lists(st.tuples(CELL, CELL), max_size=8))
def test_csv_keeps_one_card_per_row(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["front", "back"])
    w.writerows(rows)
    text = buf.getvalue().replace("\r\n", "\n").replace("\r", "\n")
    expected = sum(1 for r in csv.reader(io.StringIO(text)) if any(f.strip() for f in r)) - 1
    try:
        decks = delimited.read(text, "d.csv")
    except DeckParseError as e:
        assert str(e).startswith("d.csv")
        return
    assert sum(len(d.cards) for d in decks) == expected


@fuzz(40)
@given(st.lists(CELL | st.sampled_from(["```", "# Deck", "## Q?", "Q::A", "- a", "---", "Q?\n: A"]), max_size=10))
def test_markdown_never_crashes(lines):
    try:
        markdown.read("\n".join(lines), "d.md")
    except DeckParseError as e:
        assert str(e).startswith("d.md")


# --- docs/ trees --------------------------------------------------------------------------

SEGMENTS = st.sampled_from(["concepts", "decks", "evil", "out", "a.md", "victim.txt", "graph.md", "media", "x"])
LINK_TARGETS = st.sampled_from(["../..", "..", "../outside", "../outside/victim.txt", "/", "concepts", "."])
FILES = {"index.md": "# Home\n", "concepts/index.md": "# A–Z\n", "concepts/cat.md": "# Cat\n",
         "decks/index.md": "# Decks\n", "decks/tiny.md": "# Tiny\n", "media/tiny/ok.png": PNG}


@st.composite
def docs_trees(draw):
    manifest = draw(st.dictionaries(st.lists(SEGMENTS, min_size=1, max_size=3).map("/".join),
                                    st.sampled_from(["", "0", "x" * 64]), max_size=5))
    links = draw(st.dictionaries(st.lists(SEGMENTS, min_size=1, max_size=2).map("/".join), LINK_TARGETS,
                                 max_size=3))
    planted_tmp = draw(st.booleans())
    return manifest, links, planted_tmp


@fuzz(40)
@given(docs_trees())
def test_nothing_outside_docs_changes(tmp_path_factory, tree):
    manifest, links, planted_tmp = tree
    root = tmp_path_factory.mktemp("kb")
    outside = root / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep\n")
    (root / "victim.txt").write_text("keep\n")
    docs = root / "kb" / "docs"
    docs.mkdir(parents=True)
    before = _snapshot(root, docs)
    for rel, target in links.items():
        link = docs / rel
        try:
            if link.parent.resolve().is_relative_to(docs.resolve()):  # never build the attack outside
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(target)
        except (OSError, RuntimeError):
            pass  # an earlier link is in the way: the tree is hostile enough
    if planted_tmp:
        (docs / (MANIFEST + ".tmp")).symlink_to(root / "victim.txt")
    (docs / MANIFEST).write_text(json.dumps({"version": 1, "files": manifest}))
    with contextlib.suppress(KbgenError):
        emit(dict(FILES), docs)
    assert _snapshot(root, docs) == before


def _snapshot(root: Path, docs: Path) -> dict[str, bytes]:
    """Every file under ``root`` outside ``docs``, not following links."""
    out = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        if Path(dirpath).resolve().is_relative_to(docs.resolve()):
            continue
        for name in filenames:
            p = Path(dirpath) / name
            if not p.is_symlink():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


@pytest.mark.parametrize("rel", ["concepts", "decks", "media", "media/tiny"])
def test_a_linked_generated_folder_is_refused(tmp_path, rel):
    docs = tmp_path / "docs"
    (tmp_path / "elsewhere").mkdir()
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(KbgenError, match="leads out of"):
        emit(dict(FILES), docs)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("reader", ["seed", "anki-txt", "quizlet", "csv", "markdown", "crowdanki"])
@fuzz(25)
@given(text=st.lists(CELL | st.sampled_from(["#separator:tab", "#html:true", "\t", "Q?", "A.", "{", "[", "}"]),
                     max_size=8).map("\n".join))
def test_every_text_reader_gives_decks_or_one_error(reader, text):
    from kbgen.readers import DEFAULT, READERS
    try:
        READERS[reader].read(text, "d.txt", DEFAULT)
    except DeckParseError as e:
        assert str(e).startswith("d.txt") and "\n" not in str(e)
