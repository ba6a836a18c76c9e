"""Anki's "Notes in Plain Text" export, with its ``#key:value`` header lines.

Honoured headers: ``#separator:`` (tab, comma, semicolon, pipe, colon, space or a
character), ``#html:``, ``#columns:``, ``#tags:``, ``#deck:``, ``#notetype:`` and the
1-based ``#guid column:``, ``#notetype column:``, ``#deck column:`` and ``#tags column:``.
Quoted fields may span lines. A deck column gives one deck per Anki deck name.
"""

from __future__ import annotations

import logging
import re

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck
from kbgen.readers import delimited
from kbgen.readers._cards import (
    DEFAULT,
    ReadOptions,
    clean_tags,
    deck_name,
    join_fields,
    make_card,
    pick_fields,
    title_from_source,
)

log = logging.getLogger("kbgen")

_HEADER = re.compile(r"^#([a-z ]+):(.*)$")
_KNOWN = {"separator", "html", "columns", "tags", "deck", "notetype", "guid column",
          "notetype column", "deck column", "tags column"}
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}


def sniff(text: str) -> bool:
    first = text.split("\n", 1)[0].strip().lower()
    m = _HEADER.match(first)
    return m is not None and m.group(1) in _KNOWN


def _headers(lines: list[str], source: str) -> tuple[dict[str, str], int]:
    headers: dict[str, str] = {}
    n = 0
    while n < len(lines) and (m := _HEADER.match(lines[n].strip())):
        key = m.group(1).strip().lower()
        if key not in _KNOWN:
            log.warning("%s:%d: unknown header #%s: ignored", source, n + 1, key)
        headers[key] = m.group(2).strip()
        n += 1
    return headers, n


def _column(headers: dict[str, str], key: str, source: str) -> int | None:
    value = headers.get(key)
    if value is None:
        return None
    if not value.isdigit() or int(value) < 1:
        raise DeckParseError(source, None, f"#{key}: expects a column number from 1, got {value!r}")
    return int(value) - 1


def read(text: str, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    lines = text.split("\n")
    headers, skip = _headers(lines, source)
    sep_name = headers.get("separator", "tab")
    sep = _SEPARATORS.get(sep_name.lower(), sep_name[:1] or "\t")
    special = {k: _column(headers, f"{k} column", source) for k in ("guid", "notetype", "deck", "tags")}
    try:
        rows = delimited._rows("\n".join(lines[skip:]), sep)
    except DeckParseError as e:
        raise DeckParseError(source, (e.line or 0) + skip, e.problem, "check the quoting near that line") from None
    columns = [c.strip() for c in headers["columns"].split(sep)] if "columns" in headers else []
    html = headers.get("html", "false").strip().lower() != "false"
    title, order = title_from_source(source)
    default_deck = headers.get("deck") or ""
    by_deck: dict[str, list[Card]] = {}
    for line, row in rows:
        deck = row[special["deck"]] if special["deck"] is not None and special["deck"] < len(row) else default_deck
        by_deck.setdefault(deck, []).append(
            _card(row, line + skip, columns, special, headers.get("tags", ""), html, source, options))
    if not by_deck:
        log.warning("%s: no notes after the header lines", source)
        by_deck[default_deck] = []
    return [_deck(name, cards, title, order, source) for name, cards in by_deck.items()]


def _deck(name: str, cards: list[Card], title: str, order: int | None, source: str) -> Deck:
    if not name:
        return Deck(title=title, source=source, cards=tuple(cards), order=order)
    t, parents, o = deck_name(name)
    return Deck(title=t, source=source, cards=tuple(cards), order=o, parents=parents)


def _card(row: list[str], line: int, columns: list[str], special: dict[str, int | None], file_tags: str,
          html: bool, source: str, options: ReadOptions) -> Card:
    skip = {i for i in special.values() if i is not None}
    keep = [i for i in range(max(len(row), len(columns))) if i not in skip]
    fields = [row[i] if i < len(row) else "" for i in keep]
    names = [columns[i] if i < len(columns) and columns[i] else f"Field {n + 1}" for n, i in enumerate(keep)]
    q, a = pick_fields(names, options.fields, f"{source}: #columns")
    if a is None and not columns and len(fields) > 1:
        a = 1 if q == 0 else 0  # without column names, Anki's first two fields are front and back
    tags_col = special["tags"]
    tags = clean_tags(file_tags + " " + (row[tags_col] if tags_col is not None and tags_col < len(row) else ""))
    answer = join_fields(fields, names, q, a, markup=html, extras=options.fields is None)
    return make_card(fields[q] if q < len(fields) else "", answer, line, source, tags=tags, html=html)
