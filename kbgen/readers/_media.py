"""Images named by cards: found next to the deck (or in the package), or a warning naming the card.

Media are data, never pages or active content: a file is kept only when both its content
(magic bytes) and its extension say it is a raster image, audio, video or PDF. A media
file named ``evil.md`` or ``evil.html``, and every SVG (which can carry script), is
refused with a warning and the card is kept without it. Files next to a deck are read
only when a card names them, and never through a link that leads out of the deck's folder.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck, Media
from kbgen.readers._text import size_text

log = logging.getLogger("kbgen")

#: Default size cap of one media file or package entry (bytes); ``limits:`` in kbgen.yml.
MAX_ENTRY = 256 << 20

# Each allowed type: how its content starts, and the extensions it may carry.
_TYPES: tuple[tuple[str, tuple[bytes, ...], int, frozenset[str]], ...] = (
    ("PNG", (b"\x89PNG\r\n\x1a\n",), 0, frozenset({".png", ".apng"})),
    ("JPEG", (b"\xff\xd8\xff",), 0, frozenset({".jpg", ".jpeg", ".jpe", ".jfif"})),
    ("GIF", (b"GIF87a", b"GIF89a"), 0, frozenset({".gif"})),
    ("WebP", (b"WEBP",), 8, frozenset({".webp"})),
    ("BMP", (b"BM",), 0, frozenset({".bmp"})),
    ("AVIF", (b"ftypavif", b"ftypavis"), 4, frozenset({".avif"})),
    ("MP4", (b"ftyp",), 4, frozenset({".mp4", ".m4a", ".m4v", ".mov", ".3gp"})),
    ("WAV", (b"WAVE",), 8, frozenset({".wav"})),
    ("MP3", (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xe3"), 0, frozenset({".mp3"})),
    ("Ogg", (b"OggS",), 0, frozenset({".ogg", ".oga", ".ogv", ".opus"})),
    ("FLAC", (b"fLaC",), 0, frozenset({".flac"})),
    ("WebM", (b"\x1a\x45\xdf\xa3",), 0, frozenset({".webm", ".mkv"})),
    ("PDF", (b"%PDF-",), 0, frozenset({".pdf"})),
)
ALLOWED = ", ".join(t[0] for t in _TYPES)
HEAD = 16  # bytes of content enough to recognise every type above


def refusal(name: str, head: bytes) -> str | None:
    """Why media ``name`` starting with ``head`` must not be published, or None when it may."""
    ext = PurePosixPath(unquote(name).replace("\\", "/")).suffix.lower()
    if ext == ".svg" or ext == ".svgz" or head.lstrip()[:5] in (b"<?xml", b"<svg "):
        return "an SVG, which can run script (convert it to PNG)"
    for kind, magics, at, exts in _TYPES:
        if any(head[at:at + len(m)] == m for m in magics):
            # A PNG named .jpg is common in real decks and harmless: browsers sniff images.
            if ext in exts or (_family(ext) is not None and _family(ext) == _family(next(iter(exts)))):
                return None
            return f"its content is {kind} but its name ends in {ext or 'nothing'!r}"
    return f"not an allowed media type by content ({ALLOWED})"


_IMAGES = {e for t in _TYPES[:6] for e in t[3]}
_SOUND_VIDEO = {e for t in _TYPES[6:12] for e in t[3]}


def _family(ext: str) -> str | None:
    return "image" if ext in _IMAGES else "av" if ext in _SOUND_VIDEO else "pdf" if ext == ".pdf" else None


#: Per deck, cards warned about one by one; the rest are counted in one closing line.
MAX_WARNINGS = 20


def attach(decks: list[Deck], folder: Path | None, max_entry: int = MAX_ENTRY) -> list[Deck]:
    """Give each deck the media its cards name; ``folder`` is searched for what decks lack."""
    files = _Folder(folder) if folder is not None else None
    return [_attach(d, files, max_entry) for d in decks]


def _attach(deck: Deck, folder: _Folder | None, max_entry: int) -> Deck:
    have = {m.name: m for m in deck.media}
    verdict: dict[str, Media | str] = {}  # each name resolved once: linear in cards + names
    cards: list[Card] = []
    warned = 0
    for card in deck.cards:
        bad: dict[str, str] = {}
        for name in card.media:
            if name not in verdict:
                verdict[name] = _resolve(name, have.get(name), folder, max_entry)
            why = verdict[name]
            if isinstance(why, str):
                bad[name] = why
        if bad:
            warned += 1
            if warned <= MAX_WARNINGS:
                _warn(deck.source, card, bad)
            card = replace(card, media=tuple(n for n in card.media if n not in bad))
        cards.append(card)
    if warned > MAX_WARNINGS:
        log.warning("%s: %d more cards with images not found or refused; all kept without them",
                    deck.source, warned - MAX_WARNINGS)
    found = {n: m for n, m in verdict.items() if isinstance(m, Media)}
    return replace(deck, cards=tuple(cards), media=tuple(found[n] for n in sorted(found)))


class _Folder:
    """The folder beside a deck: its real path and its file names, each looked up once."""

    def __init__(self, path: Path) -> None:
        self.path, self.root = path, path.resolve()
        self._names: dict[str, dict[str, str]] = {}

    def candidates(self, rel: str) -> list[Path]:
        """Where ``rel`` may be (beside the deck, or in ``media/``), skipping certain misses with
        one listing per folder instead of a stat per name: plain strings, as this runs per image.
        Names match in NFC, as deck text is read in NFC and macOS may store file names in NFD."""
        out = []
        for base in ("", "media"):
            parent, _, leaf = os.path.join(base, unicodedata.normalize("NFC", rel)).rpartition(os.sep)
            if parent not in self._names:
                try:
                    self._names[parent] = {unicodedata.normalize("NFC", n): n
                                           for n in os.listdir(self.path / parent)}
                except OSError:
                    self._names[parent] = {}
            if leaf in self._names[parent]:
                out.append(self.path / parent / self._names[parent][leaf])
        return out


def _warn(source: str, card: Card, bad: dict[str, str]) -> None:
    missing = [n for n, why in bad.items() if why == "not found"]
    if missing:
        log.warning("%s:%d: image%s %s not found; card kept without %s: %.60r", source, card.line,
                    "s" if len(missing) > 1 else "", ", ".join(map(repr, missing)),
                    "them" if len(missing) > 1 else "it", card.question)
    for name, why in bad.items():
        if why != "not found":
            log.warning("%s:%d: media %r refused: %s; card kept without it: %.60r", source, card.line,
                        name, why, card.question)


def _resolve(name: str, media: Media | None, folder: _Folder | None, max_entry: int) -> Media | str:
    found = _from_folder(name, folder, max_entry) if media is None else media
    if isinstance(found, str):
        return found
    return refusal(name, found.data[:HEAD]) or found


def _from_folder(name: str, folder: _Folder | None, max_entry: int) -> Media | str:
    if folder is None:
        return "not found"
    rel = unquote(name).replace("\\", "/")
    parts = rel.split("/")
    if rel.startswith("/") or ".." in parts or not rel.strip("/"):
        return "not found"
    for f in folder.candidates(os.path.join(*[p for p in parts if p not in ("", ".")])):
        if not f.is_file():
            continue
        real = f.resolve()
        if not real.is_relative_to(folder.root):
            return f"{f.as_posix()} is a link leading out of {folder.path.as_posix()}/"
        size = real.stat().st_size
        if size > max_entry:
            raise DeckParseError(f.as_posix(), None, f"media file is {size_text(size)}, over the "
                                 f"{size_text(max_entry)} limit per file", "raise limits: entry_mb in kbgen.yml")
        return Media(name=name, data=_read(real))
    return "not found"


def _read(path: Path) -> bytes:
    # O_NOFOLLOW: the path was just resolved; a link swapped in since is refused, not followed.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        return f.read()
