"""Decoding deck files: BOMs, UTF-16, Latin-1 and binary detection, in one place."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from pathlib import Path

from kbgen.errors import DeckParseError

log = logging.getLogger("kbgen")

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a deck file, to tell a package from text without reading it all."""
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except IsADirectoryError:
        raise DeckParseError(str(path), None, "is a folder, not a deck file") from None
    except OSError as e:
        raise DeckParseError(str(path), None, f"cannot read file: {e.strerror}",
                             "check that it exists and is readable") from None


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise DeckParseError(path.as_posix(), None, f"is {size_text(size)}, over the {size_text(limit)} "
                                 "limit per deck file", "split the deck, or raise limits: text_mb in kbgen.yml")
        return path.read_bytes()
    except IsADirectoryError:
        raise DeckParseError(str(path), None, "is a folder, not a deck file") from None
    except OSError as e:
        raise DeckParseError(str(path), None, f"cannot read file: {e.strerror}",
                             "check that it exists and is readable") from None


def size_text(n: int) -> str:
    """``n`` bytes for a message: "1.4 MiB", "4096 MiB", "900 bytes"."""
    return f"{n / (1 << 20):.1f}".rstrip("0").rstrip(".") + " MiB" if n >= 1 << 20 else f"{n} bytes"


def decode(data: bytes, source: str) -> str:
    """Text of a deck file with universal newlines; binary data is an error."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _newlines(data.decode(enc, errors="replace"))
    if b"\x00" in data[:4096]:
        raise DeckParseError(source, None, "looks like a binary file, not a text deck",
                             "export the deck as text, CSV or .apkg")
    try:
        return _newlines(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        log.warning("%s:%d: not valid UTF-8; read as Latin-1 (save the file as UTF-8 to silence this)",
                    source, line)
        return _newlines(data.decode("latin-1"))


def _newlines(text: str) -> str:
    return clean(text.replace("\r\n", "\n").replace("\r", "\n"))


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` in NFC with lone surrogates replaced; the same object when nothing changes."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: "\\ud800" in JSON decodes to one
        text = _SURROGATE.sub("\ufffd", text)
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
