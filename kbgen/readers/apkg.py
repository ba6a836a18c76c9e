"""Anki packages (``.apkg``, ``.colpkg``): a zip holding an SQLite collection and its media.

Read with the standard library only. ``collection.anki21`` is preferred to
``collection.anki2`` (newer Anki puts a stub in the latter); ``collection.anki21b`` is
zstd-compressed and cannot be read without extra dependencies, so it is a clear error.
Fields are split on ``\\x1f``; deck names (``Parent::Child``) and note types come from
the collection, tags are kept, and images named by fields come from the package's media.
A note's "line" is its position in the collection, so warnings can still point at it.
"""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import zipfile

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck, Media
from kbgen.readers._cards import DEFAULT, ReadOptions, clean_tags, deck_name, join_fields, make_card, pick_fields

log = logging.getLogger("kbgen")

COLLECTIONS = ("collection.anki21", "collection.anki2")
_HINT = "in Anki, export with “Support older Anki versions” ticked, or as Notes in Plain Text"


def sniff(text: str) -> bool:
    return False  # packages are binary; see sniff_bytes


def sniff_bytes(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and any(n.encode() in data for n in ("collection.anki2",))


def read(text: str, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    raise DeckParseError(source, None, "an Anki package is binary and cannot be read as text")


def read_bytes(data: bytes, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            member = next((n for n in COLLECTIONS if n in names), None)
            if member is None and "collection.anki21b" not in names:
                found = ", ".join(sorted(names)[:3]) or "nothing"
                raise DeckParseError(source, None, f"a zip but not an Anki package: no collection "
                                     f"inside (it holds {found})", _HINT)
            if member is None or ("collection.anki21b" in names and member != "collection.anki21"):
                raise DeckParseError(source, None, "this package uses Anki's newer compressed collection "
                                     "format (collection.anki21b), which kbgen cannot read", _HINT)
            collection = z.read(member)
            media = _media(z, names, source)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError) as e:
        raise DeckParseError(source, None, f"not a readable Anki package ({e})", _HINT) from None
    try:
        return _decks(collection, media, source, options)
    except sqlite3.DatabaseError as e:
        raise DeckParseError(source, None, f"the collection inside is not a readable Anki database ({e})",
                             _HINT) from None


def _media(z: zipfile.ZipFile, names: set[str], source: str) -> dict[str, bytes]:
    if "media" not in names:
        return {}
    try:
        mapping = json.loads(z.read("media").decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        log.warning("%s: the media list is in a format kbgen cannot read; images are left out", source)
        return {}
    return {str(name): z.read(key) for key, name in mapping.items() if key in names}


def _decks(collection: bytes, media: dict[str, bytes], source: str, options: ReadOptions) -> list[Deck]:
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(collection)
        models, deck_names = _schema(db)
        note_deck = dict(db.execute("SELECT nid, did FROM cards ORDER BY ord DESC, id DESC"))
        by_deck: dict[str, list[Card]] = {}
        rows = db.execute("SELECT id, mid, tags, flds FROM notes ORDER BY id").fetchall()
    finally:
        db.close()
    for n, (nid, mid, tags, flds) in enumerate(rows, start=1):
        model, names = models.get(mid, ("", []))
        fields = str(flds).split("\x1f")
        names = names or [f"Field {i + 1}" for i in range(len(fields))]
        q, a = pick_fields(names, options.fields, f"{source}: note type {model!r}")
        deck = deck_names.get(note_deck.get(nid), "Default")
        by_deck.setdefault(deck, []).append(make_card(
            fields[q] if q < len(fields) else "", join_fields(fields, names, q, a, extras=options.fields is None), n, source,
            tags=clean_tags(str(tags or ""))))
    out = []
    for name, cards in by_deck.items():
        title, parents, order = deck_name(name)
        wanted = {m for c in cards for m in c.media}
        files = tuple(Media(name=m, data=media[m]) for m in sorted(wanted) if m in media)
        out.append(Deck(title=title, source=source, cards=tuple(cards), order=order, parents=parents,
                        media=files))
    return out


def _schema(db: sqlite3.Connection) -> tuple[dict[int, tuple[str, list[str]]], dict[int, str]]:
    """Note types and deck names: JSON in ``col`` (schema 11) or their own tables (schema 18)."""
    raw_models, raw_decks = db.execute("SELECT models, decks FROM col").fetchone()
    if raw_models:
        models = {int(k): (m.get("name", ""), [f["name"] for f in sorted(m.get("flds", []),
                                                                         key=lambda f: f.get("ord", 0))])
                  for k, m in json.loads(raw_models).items()}
        decks = {int(k): d.get("name", "") for k, d in json.loads(raw_decks).items()}
        return models, decks
    models = {}
    for ntid, name in db.execute("SELECT id, name FROM notetypes"):
        fields = [r[0] for r in db.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,))]
        models[ntid] = (name, fields)
    decks = {did: name.replace("\x1f", "::") for did, name in db.execute("SELECT id, name FROM decks")}
    return models, decks
