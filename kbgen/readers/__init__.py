"""Deck readers: one module per format, a registry in detection order, and the ids every
later stage relies on.

A format is a :class:`Reader`: a ``sniff`` that recognises its text and a ``read`` that turns
it into decks (a binary format such as ``.apkg`` has ``sniff_bytes``/``read_bytes`` instead).
:data:`READERS` lists them in detection order, written once below; :func:`register` adds a
format, which is the whole recipe for a new one (CONTRIBUTING.md). Readers leave ids empty;
:func:`read_decks` assigns deck slugs, card anchors and card ids once, over all decks, so
they are unique and stable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from kbgen.errors import DeckParseError, UsageError
from kbgen.model import Card, CardId, Deck
from kbgen.readers import _media, _noise, _text, _tree, ankitxt, apkg, crowdanki, delimited, markdown, quizlet, seed
from kbgen.readers._cards import DEFAULT as DEFAULT  # re-exported: the readers' public API
from kbgen.readers._cards import ReadOptions as ReadOptions
from kbgen.slugs import RESERVED, slugify

log = logging.getLogger("kbgen")


@dataclass(frozen=True)
class Reader:
    """A deck format. ``read`` takes the text, its source path and the command-line options."""

    name: str
    sniff: Callable[[str], bool]
    read: Callable[[str, str, ReadOptions], list[Deck]]
    sniff_bytes: Callable[[bytes], bool] | None = None
    read_bytes: Callable[[bytes, str, ReadOptions], list[Deck]] | None = None
    #: Reads the file itself (preferred to ``read_bytes``): a package need not fit in memory.
    read_path: Callable[[Path, str, ReadOptions], list[Deck]] | None = None


def _plain(read: Callable[[str, str], list[Deck]]) -> Callable[[str, str, ReadOptions], list[Deck]]:
    """A reader that has no options ignores them."""
    return lambda text, source, options: read(text, source)


#: Formats in detection order: the first whose ``sniff`` accepts the text wins. Structured
#: formats come first (a CrowdAnki JSON file or an Anki text export would also pass as CSV),
#: the loosest (any delimited rows) last.
READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("crowdanki", crowdanki.sniff, crowdanki.read),
    Reader("anki-txt", ankitxt.sniff, ankitxt.read),
    Reader("seed", seed.sniff, _plain(seed.read)),
    Reader("markdown", markdown.sniff, _plain(markdown.read)),
    Reader("quizlet", quizlet.sniff, quizlet.read),
    Reader("csv", delimited.sniff, _plain(delimited.read)),
    Reader("apkg", apkg.sniff, apkg.read, apkg.sniff_bytes, apkg.read_bytes, apkg.read_path),
)}
DECK_SUFFIXES = {".txt", ".md", ".markdown", ".csv", ".tsv", ".json", ".apkg", ".colpkg"}
_ADDED_SUFFIXES: dict[str, set[str]] = {}


def register(reader: Reader, *, before: str | None = None, suffixes: Iterable[str] = ()) -> None:
    """Add a format to detection, before the format named ``before`` (else last), reading
    files with ``suffixes`` too. Registering a name again replaces that format."""
    items = [(n, r) for n, r in READERS.items() if n != reader.name]
    at = next((i for i, (n, _) in enumerate(items) if n == before), len(items))
    items.insert(at, (reader.name, reader))
    READERS.clear()  # in place: modules that imported READERS see the same registry
    READERS.update(items)
    added = {s.lower() for s in suffixes} - DECK_SUFFIXES
    _ADDED_SUFFIXES[reader.name] = added
    DECK_SUFFIXES.update(added)


def unregister(name: str) -> None:
    """Remove a format, and the file suffixes that only it read."""
    READERS.pop(name, None)
    DECK_SUFFIXES.difference_update(_ADDED_SUFFIXES.pop(name, set()))


def detect(text: str, source: str) -> str:
    for name, reader in READERS.items():
        if reader.sniff(text):
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
    source = _text.clean(path.as_posix())  # an undecodable file name must not reach the pages
    head = _text.read_head(path)  # enough to tell a package, without reading it all
    binary = next((n for n, r in READERS.items() if r.sniff_bytes and r.sniff_bytes(head)), None)
    # Custom Quizlet separators only make sense for a Quizlet export.
    name = fmt or binary or ("quizlet" if options.sep or options.row_sep else None)
    if name is None and path.suffix.lower() in (".apkg", ".colpkg"):
        name = "apkg"  # a broken package deserves the package reader's own diagnosis
    reader = READERS[name] if name is not None else None
    if reader is not None and reader.read_path is not None:  # entry by entry, never whole in memory
        return _clean(_media.attach(reader.read_path(path, source, options), None, options.max_entry))
    if reader is not None and reader.read_bytes is not None:
        data = _text.read_bytes(path, options.max_entry)
        return _clean(_media.attach(reader.read_bytes(data, source, options), None, options.max_entry))
    text = _text.decode(_text.read_bytes(path, options.max_text), source)
    reader = READERS[name or detect(text, source)]
    try:
        decks = reader.read(text, source, options)
    except RecursionError:
        raise DeckParseError(source, None, "nested too deeply to read") from None
    return _clean(_media.attach(decks, path.parent, options.max_entry))


def _clean(decks: list[Deck]) -> list[Deck]:
    """Text as one Unicode form (NFC), so "café" typed two ways is one word, and no lone
    surrogate (from a JSON escape) that no file could be written with."""
    return [replace(d, title=_text.clean(d.title), parents=tuple(map(_text.clean, d.parents)),
                    cards=tuple(map(_clean_card, d.cards))) for d in decks]


def _clean_card(c: Card) -> Card:
    if c.question.isascii() and c.answer.isascii() and all(t.isascii() for t in c.tags):
        return c  # most cards: nothing to normalise, checked at C speed
    q, a, tags = _text.clean(c.question), _text.clean(c.answer), tuple(map(_text.clean, c.tags))
    if q is c.question and a is c.answer and tags == c.tags:
        return c  # the usual case: no copy
    return replace(c, question=q, answer=a, tags=tags)


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
    root = folder.resolve()
    for f in sorted(folder.rglob("*")):
        if f.is_symlink() and f.is_dir() and not f.name.startswith("."):
            log.warning("%s: a link to a folder; not followed, its decks are not read", f.as_posix())
            continue
        if f.suffix.lower() not in DECK_SUFFIXES or any(
                part.startswith(".") for part in f.relative_to(folder).parts):
            continue
        if f.is_file():
            # A link out of the decks folder could publish any file kbgen can read.
            if not f.resolve().is_relative_to(root):
                raise DeckParseError(f.as_posix(), None, f"leads out of {folder.as_posix()}/ through a "
                                     "link; refusing to read it (copy the deck in instead)")
            out.append(f)
        elif f.is_symlink() and not f.exists():
            # A deck nobody can read must not vanish from the site without a word.
            log.warning("%s: cannot read (a broken link); deck skipped", f.as_posix())
    return out


def read_decks(paths: Iterable[Path], fmt: str | None = None,
               options: ReadOptions = DEFAULT) -> list[Deck]:
    """Read every deck under ``paths`` and give decks and cards their final ids."""
    decks = [d for f in deck_files(paths) for d in read_file(f, fmt, options)]
    return finalize(decks)


def finalize(decks: list[Deck]) -> list[Deck]:
    """Nest and order decks (numeric prefix, then title) and assign unique slugs and card ids."""
    decks = _tree.with_paths(_tree.nest(decks))
    # A nested deck's slug spells its whole path, so "Basics" under two parents stays apart.
    keys = [(" ".join(_tree.path_of(d)), d.source) for d in decks]
    slugs = _deck_slugs(keys)
    return [_noise.with_noise(replace(d, slug=slugs[k], cards=_card_ids(slugs[k], d)))
            for k, d in zip(keys, decks, strict=True)]


def _deck_slugs(keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Slug per (path, source); decks whose paths slug the same get -2, -3… in source order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for k in sorted(set(keys)):
        groups.setdefault(slugify(k[0]), []).append(k)
    taken = set(groups) | RESERVED
    out = {}
    for base, members in groups.items():
        if base not in RESERVED:  # a deck titled "Index" must not replace the Decks page
            out[members[0]] = base
            members = members[1:]
        n = 2
        for k in members:
            while f"{base}-{n}" in taken:
                n += 1
            out[k] = f"{base}-{n}"
            taken.add(out[k])
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
