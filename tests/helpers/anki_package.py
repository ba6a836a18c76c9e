"""Build small Anki packages for tests: a schema-11 collection made with sqlite3, zipped with media."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

BASIC = {"name": "Basic", "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}]}


def collection(notes: list[dict], decks: dict[int, str], models: dict[int, dict] | None = None) -> bytes:
    """``notes``: [{"deck": id, "fields": [...], "tags": "a b", "mid": id}] → collection bytes."""
    models = models or {1: BASIC}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.anki2"
        db = sqlite3.connect(path)
        db.executescript("""
            CREATE TABLE col (id integer primary key, models text, decks text);
            CREATE TABLE notes (id integer primary key, guid text, mid integer, tags text, flds text);
            CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer);
        """)
        db.execute("INSERT INTO col VALUES (1, ?, ?)", (
            json.dumps({str(k): v for k, v in models.items()}),
            json.dumps({str(k): {"name": v} for k, v in decks.items()})))
        for i, n in enumerate(notes, start=1):
            db.execute("INSERT INTO notes VALUES (?, ?, ?, ?, ?)",
                       (1000 + i, f"g{i}", n.get("mid", 1), n.get("tags", ""), "\x1f".join(n["fields"])))
            db.execute("INSERT INTO cards VALUES (?, ?, ?, 0)", (5000 + i, 1000 + i, n["deck"]))
        db.commit()
        db.close()
        return path.read_bytes()


def package(coll: bytes, media: dict[str, bytes] | None = None, *, member: str = "collection.anki21",
            extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(member, coll)
        names = {}
        for i, (name, data) in enumerate(sorted((media or {}).items())):
            z.writestr(str(i), data)
            names[str(i)] = name
        z.writestr("media", json.dumps(names))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def sample_package() -> bytes:
    notes = [
        {"deck": 2, "fields": ["What is a CNN?", 'Convolutions <img src="cnn.png">'], "tags": "vision cnn"},
        {"deck": 3, "fields": ["What is an RNN?", "A network with <i>recurrence</i>"], "tags": ""},
        {"deck": 3, "fields": ["Missing image", '<img src="gone.png">see above'], "tags": "x"},
        {"deck": 1, "fields": ["Root card", "In the default deck"]},
    ]
    decks = {1: "Default", 2: "01 Deep learning::Vision", 3: "01 Deep learning::02 Sequences"}
    return package(collection(notes, decks), {"cnn.png": b"\x89PNG\r\n\x1a\n-cnn", "unused.png": b"x"})
