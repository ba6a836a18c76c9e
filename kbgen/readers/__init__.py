"""Deck readers: one module per format, detection, and the ids every later stage relies on.

Each reader module has ``sniff(text) -> bool`` and ``read(text, source) -> list[Deck]``.
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
from kbgen.readers import _text, seed
from kbgen.slugs import slugify, unique_slugs

log = logging.getLogger("kbgen")

#: Formats in detection order: the first whose ``sniff`` accepts the text wins.
READERS: dict[str, ModuleType] = {"seed": seed}
DECK_SUFFIXES = {".txt", ".md", ".markdown", ".csv", ".tsv", ".json", ".apkg", ".colpkg"}


def detect(text: str, source: str) -> str:
    for name, module in READERS.items():
        if module.sniff(text):
            return name
    if not text.strip():
        return "seed"  # an empty file is an empty deck, with a warning from the reader
    raise UsageError(f"{source}: cannot tell the deck format "
                     f"(use --format, one of: {', '.join(READERS)})")


def read_file(path: Path, fmt: str | None = None, source: str | None = None) -> list[Deck]:
    """Read one deck file; ``fmt`` overrides detection, ``source`` names it in pages and messages."""
    if fmt is not None and fmt not in READERS:
        raise UsageError(f"unknown format {fmt!r} (choose one of: {', '.join(READERS)})")
    source = source or path.as_posix()
    text = _text.decode(_text.read_bytes(path), source)
    return READERS[fmt or detect(text, source)].read(text, source)


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their deck files (sorted, hidden files skipped)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = _folder_decks(p)
            if not found:
                log.warning("%s: no deck files found (looked for %s)", p.as_posix(),
                            ", ".join(sorted(DECK_SUFFIXES)))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


def _folder_decks(folder: Path) -> list[Path]:
    out = []
    for f in sorted(folder.rglob("*")):
        if f.suffix.lower() not in DECK_SUFFIXES or any(
                part.startswith(".") for part in f.relative_to(folder).parts):
            continue
        if f.is_file():
            out.append(f)
        elif f.is_symlink() and not f.exists():
            # A deck nobody can read must not vanish from the site without a word.
            log.warning("%s: cannot read (a broken link); deck skipped", f.as_posix())
    return out


def read_decks(paths: Iterable[Path], fmt: str | None = None) -> list[Deck]:
    """Read every deck under ``paths`` and give decks and cards their final ids."""
    decks = [d for p in paths for f in deck_files([p]) for d in read_file(f, fmt, _source(p, f))]
    return finalize(decks)


def _source(given: Path, file: Path) -> str:
    # Named from the folder the user gave ("cards/x.txt"), never from where the checkout
    # lives, so the same decks give the same pages on every machine.
    if file == given:
        return given.as_posix()
    return (Path(given.resolve().name) / file.relative_to(given)).as_posix()


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
        out.append(replace(d, slug=slug, cards=_card_ids(slug, d)))
    return out


def _card_ids(deck_slug: str, deck: Deck) -> tuple[Card, ...]:
    seen: dict[str, int] = {}
    first: dict[str, int] = {}
    taken: set[str] = set()
    out = []
    for c in deck.cards:
        if (line := first.setdefault(" ".join(c.question.split()), c.line)) != c.line:
            log.warning("%s:%d: duplicate question (first on line %d); both cards kept",
                        deck.source, c.line, line)
        base = slugify(c.question, max_len=50) or "card"
        n = seen.get(base, 0) + 1
        anchor = base if n == 1 else f"{base}-{n}"
        while anchor in taken:  # "What is a cat 2?" after two "What is a cat?"
            n += 1
            anchor = f"{base}-{n}"
        seen[base] = n
        taken.add(anchor)
        out.append(replace(c, anchor=anchor, id=CardId(f"{deck_slug}#{anchor}")))
    return tuple(out)
