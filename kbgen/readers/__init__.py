"""Deck readers: one module per format, detection, and the ids every later stage relies on.

Each reader module has ``sniff(text) -> bool`` and ``read(text, source) -> list[Deck]``;
a reader of a binary format (``.apkg``) has ``sniff_bytes(data)`` and ``read_bytes(data,
source)`` instead, and one that takes command-line options sets ``TAKES_OPTIONS``.
Readers leave ids empty; :func:`read_decks` assigns deck slugs, card anchors and card
ids once, over all decks, so they are unique and stable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from kbgen.errors import UsageError
from kbgen.model import Card, CardId, Deck
from kbgen.readers import _media, _text, ankitxt, apkg, crowdanki, delimited, markdown, quizlet, seed
from kbgen.readers._cards import DEFAULT, ReadOptions
from kbgen.slugs import slugify, unique_slugs

log = logging.getLogger("kbgen")

#: Formats in detection order: the first whose ``sniff`` accepts the text wins.
READERS: dict[str, ModuleType] = {
    "crowdanki": crowdanki, "anki-txt": ankitxt, "seed": seed, "markdown": markdown,
    "quizlet": quizlet, "csv": delimited, "apkg": apkg}
DECK_SUFFIXES = {".txt", ".md", ".markdown", ".csv", ".tsv", ".json", ".apkg", ".colpkg"}


def detect(text: str, source: str) -> str:
    for name, module in READERS.items():
        if module.sniff(text):
            return name
    if not text.strip():
        return "seed"  # an empty file is an empty deck, with a warning from the reader
    raise UsageError(f"{source}: cannot tell the deck format "
                     f"(use --format, one of: {', '.join(READERS)})")


def read_options(sep: str | None, row_sep: str | None, fields: str | None) -> ReadOptions:
    """Options as typed on the command line: ``\\t`` and ``\\n`` mean tab and newline."""
    def unescape(s: str | None) -> str | None:
        return None if s is None else s.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r")
    pair = None
    if fields is not None:
        parts = [p.strip() for p in fields.split(",")]
        if len(parts) != 2 or not all(parts):
            raise UsageError(f"--fields {fields!r}: expected two field names, e.g. --fields Front,Back")
        pair = (parts[0], parts[1])
    if sep == "" or row_sep == "":
        raise UsageError("--sep and --row-sep cannot be empty")
    return ReadOptions(sep=unescape(sep), row_sep=unescape(row_sep), fields=pair)


def read_file(path: Path, fmt: str | None = None, options: ReadOptions = DEFAULT) -> list[Deck]:
    """Read one deck file; ``fmt`` overrides detection."""
    if fmt is not None and fmt not in READERS:
        raise UsageError(f"unknown format {fmt!r} (choose one of: {', '.join(READERS)})")
    source = path.as_posix()
    data = _text.read_bytes(path)
    binary = next((n for n, m in READERS.items() if hasattr(m, "sniff_bytes") and m.sniff_bytes(data)),
                  None)
    # Custom Quizlet separators only make sense for a Quizlet export.
    name = fmt or binary or ("quizlet" if options.sep or options.row_sep else None)
    if name is not None and hasattr(READERS[name], "read_bytes"):
        return _media.attach(READERS[name].read_bytes(data, source, options=options), None)
    text = _text.decode(data, source)
    module = READERS[name or detect(text, source)]
    kwargs = {"options": options} if getattr(module, "TAKES_OPTIONS", False) else {}
    return _media.attach(module.read(text, source, **kwargs), path.parent)


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their deck files (sorted, hidden files skipped)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in DECK_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.exists():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


def read_decks(paths: Iterable[Path], fmt: str | None = None,
               options: ReadOptions = DEFAULT) -> list[Deck]:
    """Read every deck under ``paths`` and give decks and cards their final ids."""
    decks = [d for f in deck_files(paths) for d in read_file(f, fmt, options)]
    return finalize(decks)


def finalize(decks: list[Deck]) -> list[Deck]:
    """Order decks (numeric prefix, then title) and assign unique slugs and card ids."""
    decks = sorted(decks, key=lambda d: (d.order is None, d.order or 0, d.title.lower(), d.source))
    keys = [f"{d.title}\x00{d.source}" for d in decks]
    wanted = {k: slugify(d.title) for k, d in zip(keys, decks, strict=True)}
    # Titles that slug the same get source-based suffixes, decided by sorted keys.
    dup = unique_slugs(keys)
    counts: dict[str, int] = {}
    for s in wanted.values():
        counts[s] = counts.get(s, 0) + 1
    out = []
    for k, d in zip(keys, decks, strict=True):
        slug = wanted[k] if counts[wanted[k]] == 1 else dup[k]
        out.append(replace(d, slug=slug, cards=_card_ids(slug, d.cards)))
    return out


def _card_ids(deck_slug: str, cards: tuple[Card, ...]) -> tuple[Card, ...]:
    seen: dict[str, int] = {}
    out = []
    for c in cards:
        base = slugify(c.question, max_len=50) or "card"
        n = seen.get(base, 0) + 1
        seen[base] = n
        anchor = base if n == 1 else f"{base}-{n}"
        out.append(replace(c, anchor=anchor, id=CardId(f"{deck_slug}#{anchor}")))
    return tuple(out)
