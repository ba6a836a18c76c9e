"""Decks → an Anki package (``.apkg``) with genanki.

One note per card. Every id is derived from kbgen's own stable ids: a note's GUID from
its card id, a deck's id from its slug, the note type's id from a fixed name. Importing
a newer export of the same decks therefore updates the notes already in Anki instead of
adding copies. Concept slugs become the notes' tags; folders under the exported path
become parent decks (``ml/vision/cnn.txt`` → ``ml::vision::<deck title>``).
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import genanki

from kbgen.anki_progress import Carried, write_progress
from kbgen.errors import UsageError
from kbgen.model import Concept, Deck
from kbgen.render.markdown import blocks

MODEL_NAME = "kbgen basic (v1)"
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.kb-source { margin-top: 1.5em; font-size: 12px; opacity: 0.6; }"""


@dataclass(frozen=True)
class ExportResult:
    notes: int
    decks: int
    progress: Carried | None = None


class _Package(genanki.Package):  # type: ignore[misc]  # genanki ships no type information
    """genanki's package, plus the site's study progress written into the same collection."""

    def __init__(self, decks: list[genanki.Deck], progress: dict[str, Any] | None, guid_of: dict[str, str]) -> None:
        super().__init__(decks)
        self.progress, self.guid_of = progress, guid_of
        self.carried: Carried | None = None

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, id_gen: Iterator[int]) -> None:
        super().write_to_db(cursor, timestamp, id_gen)
        if self.progress is not None:
            rows = cursor.execute("SELECT notes.guid, cards.id FROM cards JOIN notes ON cards.nid = notes.id")
            self.carried = write_progress(cursor, self.progress, dict(rows.fetchall()), self.guid_of)


def stable_id(kind: str, key: str) -> int:
    """A positive 62-bit id for ``key``, the same on every run and machine.

    >>> stable_id("deck", "gan") == stable_id("deck", "gan") != stable_id("deck", "gans")
    True
    """
    return int.from_bytes(hashlib.sha256(f"kbgen:{kind}:{key}".encode()).digest()[:8], "big") >> 2


def note_model() -> genanki.Model:
    return genanki.Model(
        stable_id("model", MODEL_NAME), MODEL_NAME,
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Source"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}'
                            '<div class="kb-source">{{Source}}</div>'}],
        css=CSS)


def answer_html(answer: str) -> str:
    """The answer as HTML with its lists and line breaks, like on the deck page; text escaped."""
    parts = []
    for kind, items, start in blocks(answer):
        if kind == "p":
            parts.append("<div>" + "<br>".join(html.escape(t) for t in items[0]) + "</div>")
            continue
        lis = "".join("<li>" + "<br>".join(html.escape(t) for t in item) + "</li>" for item in items)
        parts.append(f"<ul>{lis}</ul>" if kind == "ul" else f'<ol start="{start}">{lis}</ol>')
    return "".join(parts)


def anki_deck_name(deck: Deck, roots: list[Path], parent: str | None = None) -> str:
    """``parent::folders::title``: folders of the deck's file below the exported path."""
    source = PurePosixPath(deck.source)
    folders: tuple[str, ...] = ()
    for root in roots:
        r = PurePosixPath(root.as_posix())
        if r != source and r in source.parents:
            folders = source.relative_to(r).parent.parts
            break
    names = [parent] if parent else []
    return "::".join([*names, *folders, deck.title])  # a "A::B" title is already a hierarchy


def write_apkg(decks: list[Deck], concepts: list[Concept], out: Path, *,
               roots: list[Path], parent: str | None = None, progress: dict[str, Any] | None = None) -> ExportResult:
    """Write ``decks`` to ``out`` as an Anki package; concepts become tags; ``progress`` (a
    study progress file, see :mod:`kbgen.anki_progress`) adds the site's reviews and schedules."""
    if out.suffix != ".apkg":
        raise UsageError(f"{out}: the output must end in .apkg (e.g. -o deck.apkg)")
    tags: dict[str, list[str]] = defaultdict(list)
    for c in concepts:
        for card_id in c.cards:
            tags[card_id].append(c.id)
    model = note_model()
    packaged: list[genanki.Deck] = []
    guid_of: dict[str, str] = {}
    for deck in decks:
        adeck = genanki.Deck(stable_id("deck", deck.slug), anki_deck_name(deck, roots, parent))
        for card in deck.cards:
            guid_of[card.id] = genanki.guid_for("kbgen", card.id)
            adeck.add_note(genanki.Note(
                model=model, guid=guid_of[card.id], tags=sorted(tags[card.id]),
                fields=[html.escape(card.question), answer_html(card.answer),
                        html.escape(f"{deck.title} · {deck.source}:{card.line}")]))
        packaged.append(adeck)
    out.parent.mkdir(parents=True, exist_ok=True)
    package = _Package(packaged, progress, guid_of)
    package.write_to_file(str(out))
    return ExportResult(notes=sum(len(d.cards) for d in decks), decks=len(decks), progress=package.carried)
