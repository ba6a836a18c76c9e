"""Anki packages (``.apkg``, ``.colpkg``): a zip holding an SQLite collection and its media.

Read with the standard library only. ``collection.anki21`` is preferred to
``collection.anki2`` (newer Anki puts a stub in the latter); ``collection.anki21b`` is
zstd-compressed and cannot be read without extra dependencies, so it is a clear error.
Fields are split on ``\\x1f``; deck names (``Parent::Child``) and note types come from
the collection, tags are kept, and images named by fields come from the package's media.
A note's "line" is its position in the collection, so warnings can still point at it.

Packages are untrusted: every entry's declared size is checked against a per-entry and a
total cap before it is read (zip readers never return more than the declared size), the
collection is streamed to a temporary file, media are read only when a card names them,
and a collection of an unexpected shape is one error naming the package, never a traceback.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck, Media
from kbgen.readers._cards import (
    DEFAULT,
    ReadOptions,
    by_ord,
    clean_tags,
    deck_name,
    join_fields,
    make_card,
    pick_fields,
)
from kbgen.readers._media import HEAD, refusal
from kbgen.readers._text import size_text

log = logging.getLogger("kbgen")

COLLECTIONS = ("collection.anki21", "collection.anki2")
_HINT = "in Anki, export with “Support older Anki versions” ticked, or as Notes in Plain Text"
QUERY_SECONDS = 120
_LIMIT_HINT = "raise limits: {} in kbgen.yml if you trust this package"


def sniff(text: str) -> bool:
    return False  # packages are binary; see sniff_bytes


def sniff_bytes(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and any(n.encode() in data for n in ("collection.anki2",))


def read(text: str, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    raise DeckParseError(source, None, "an Anki package is binary and cannot be read as text")


def read_bytes(data: bytes, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    return read_path(io.BytesIO(data), source, options)


def read_path(path: Path | io.BytesIO, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    """Read a package from a file (streamed, never whole into memory) or a buffer."""
    try:
        with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory(prefix="kbgen-apkg-") as tmp:
            budget = _Budget(source, options)
            db = _collection(z, source, budget, Path(tmp))
            groups = _notes(db, source, options)
            return _with_media(groups, z, source, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError) as e:
        raise DeckParseError(source, None, f"not a readable Anki package ({e})", _HINT) from None
    except (TypeError, KeyError, AttributeError, IndexError) as e:  # a shape no check foresaw
        raise DeckParseError(source, None, f"the collection has an unexpected shape "
                             f"({type(e).__name__}: {e})", _HINT) from None


class _Budget:
    """Per-entry and total caps on the uncompressed bytes a package may make kbgen read."""

    def __init__(self, source: str, options: ReadOptions) -> None:
        self.source, self.entry, self.total, self.used = source, options.max_entry, options.max_total, 0

    def take(self, info: zipfile.ZipInfo, what: str) -> None:
        size = info.file_size
        if size > self.entry:
            raise DeckParseError(self.source, None, f"entry {info.filename!r} ({what}) is {size_text(size)} "
                                 f"uncompressed, over the {size_text(self.entry)} limit per entry",
                                 _LIMIT_HINT.format("entry_mb"))
        self.used += size
        if self.used > self.total:
            raise DeckParseError(self.source, None, f"entry {info.filename!r} ({what}) takes the package "
                                 f"past the {size_text(self.total)} total limit", _LIMIT_HINT.format("total_mb"))


def _collection(z: zipfile.ZipFile, source: str, budget: _Budget, tmp: Path) -> Path:
    names = set(z.namelist())
    member = next((n for n in COLLECTIONS if n in names), None)
    if member is None and "collection.anki21b" not in names:
        found = ", ".join(sorted(names)[:3]) or "nothing"
        raise DeckParseError(source, None, f"a zip but not an Anki package: no collection "
                             f"inside (it holds {found})", _HINT)
    if member is None or ("collection.anki21b" in names and member != "collection.anki21"):
        raise DeckParseError(source, None, "this package uses Anki's newer compressed collection "
                             "format (collection.anki21b), which kbgen cannot read", _HINT)
    budget.take(z.getinfo(member), "the collection")
    path = tmp / "collection.sqlite"
    with z.open(member) as src, open(path, "xb") as dst:  # streamed: memory stays flat
        shutil.copyfileobj(src, dst, 1 << 20)
    return path


def _notes(db_path: Path, source: str, options: ReadOptions) -> dict[str, list[Card]]:
    """Cards by full deck name. Anything but the expected shape is one error naming the file."""
    db = sqlite3.connect(db_path)
    deadline = time.monotonic() + QUERY_SECONDS
    # A crafted collection can hide endless recursive views behind "notes": stop, don't hang.
    db.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
    try:
        db.execute("PRAGMA trusted_schema = OFF")
        models, deck_names = _schema(db, source)
        note_deck = dict(db.execute("SELECT nid, did FROM cards ORDER BY ord DESC, id DESC"))
        rows = db.execute("SELECT id, mid, tags, flds FROM notes ORDER BY id").fetchall()
    except sqlite3.Error as e:
        raise DeckParseError(source, None, f"the collection inside is not a readable Anki database ({e})",
                             _HINT) from None
    finally:
        db.close()
    by_deck: dict[str, list[Card]] = {}
    for n, (nid, mid, tags, flds) in enumerate(rows, start=1):
        model, names = models.get(mid, ("", []))
        fields = _text(flds).split("\x1f")
        names = names or [f"Field {i + 1}" for i in range(len(fields))]
        q, a = pick_fields(names, options.fields, f"{source}: note type {model!r}")
        did = note_deck.get(nid)
        deck = deck_names.get(did, "Default") if did is not None else "Default"
        by_deck.setdefault(deck, []).append(make_card(
            fields[q] if q < len(fields) else "", join_fields(fields, names, q, a, extras=options.fields is None),
            n, source,
            tags=clean_tags(_text(tags))))
    return by_deck


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def _with_media(groups: dict[str, list[Card]], z: zipfile.ZipFile, source: str,
                budget: _Budget) -> list[Deck]:
    """Decks with the media their cards name: only those entries are ever read."""
    where = _media_list(z, source)
    out = []
    for name, cards in groups.items():
        title, parents, order = deck_name(name)
        wanted = sorted({m for c in cards for m in c.media if m in where})
        files = tuple(_media_file(z, m, where[m], budget) for m in wanted)
        out.append(Deck(title=title, source=source, cards=tuple(cards), order=order, parents=parents,
                        media=files))
    return out


def _media_file(z: zipfile.ZipFile, name: str, info: zipfile.ZipInfo, budget: _Budget) -> Media:
    with z.open(info) as f:
        head = f.read(HEAD)
        if refusal(name, head):  # refused anyway: read no further (the attach step warns)
            return Media(name=name, data=head)
        budget.take(info, f"media {name!r}")
        return Media(name=name, data=head + f.read())


def _media_list(z: zipfile.ZipFile, source: str) -> dict[str, zipfile.ZipInfo]:
    """Media file name → its zip entry, from the package's ``media`` JSON map."""
    infos = {i.filename: i for i in z.infolist()}
    if "media" not in infos:
        return {}
    try:
        if infos["media"].file_size > 64 << 20:
            raise ValueError("too large")
        mapping = json.loads(z.read("media").decode("utf-8") or "{}")
        if not isinstance(mapping, dict):
            raise ValueError("not a JSON object")
    except (UnicodeDecodeError, ValueError, RecursionError):
        log.warning("%s: the media list is in a format kbgen cannot read; images are left out", source)
        return {}
    out: dict[str, zipfile.ZipInfo] = {}
    for key, name in mapping.items():
        if isinstance(name, str) and key in infos:
            out.setdefault(name, infos[key])
    return out


def _schema(db: sqlite3.Connection, source: str) -> tuple[dict[int | str, tuple[str, list[str]]], dict[int | str, str]]:
    """Note types and deck names: JSON in ``col`` (schema 11) or their own tables (schema 18)."""
    row = db.execute("SELECT models, decks FROM col").fetchone()
    if row is None:
        raise DeckParseError(source, None, "the collection inside is empty (its col table has no row)", _HINT)
    raw_models, raw_decks = row
    if raw_models:
        return _json_models(raw_models, source), _json_decks(raw_decks, source)
    models: dict[int | str, tuple[str, list[str]]] = {}
    for ntid, name in db.execute("SELECT id, name FROM notetypes"):
        fields = [_text(r[0]) for r in db.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,))]
        models[ntid] = (_text(name), fields)
    decks = {did: _text(name).replace("\x1f", "::") for did, name in db.execute("SELECT id, name FROM decks")}
    return models, decks


def _json_object(raw: object, what: str, source: str) -> dict[int | str, Any]:
    try:
        data = json.loads(_text(raw) or "{}")
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise DeckParseError(source, None, f"the collection's {what} are not a JSON object of objects", _HINT)
    return {_id(k): v for k, v in data.items()}


def _id(key: str) -> int | str:
    try:
        return int(key)
    except ValueError:
        return key


def _json_models(raw: object, source: str) -> dict[int | str, tuple[str, list[str]]]:
    out: dict[int | str, tuple[str, list[str]]] = {}
    for k, m in _json_object(raw, "note types", source).items():
        flds = m.get("flds") or []
        if not isinstance(flds, list) or not all(isinstance(f, dict) for f in flds):
            raise DeckParseError(source, None, f"note type {k!r}: its fields are not a list of objects", _HINT)
        flds = by_ord(flds)
        out[k] = (_text(m.get("name")), [_text(f.get("name")) for f in flds])
    return out


def _json_decks(raw: object, source: str) -> dict[int | str, str]:
    return {k: _text(d.get("name")) for k, d in _json_object(raw, "decks", source).items()}
