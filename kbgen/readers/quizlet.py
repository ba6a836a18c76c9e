"""Quizlet export: ``term<sep>definition`` rows, tab and newline unless ``--sep``/``--row-sep`` say otherwise.

Quizlet writes definitions as they are, so with the default newline row separator a
line without the term separator continues the definition above it. A field holding
formatting tags (``<br>``, ``<ol>``, ``<b>``…) is HTML; "<title>" alone is text.
"""

from __future__ import annotations

import logging
from typing import Any

from kbgen.model import Card, Deck
from kbgen.readers import delimited
from kbgen.readers._cards import DEFAULT, ReadOptions, make_card, title_from_source

log = logging.getLogger("kbgen")



def sniff(text: str) -> bool:
    """Tab-separated rows without CSV quoting or a header row."""
    lines = [ln for ln in text.split("\n")[:500] if ln.strip()]
    if not lines or "\t" not in lines[0] or lines[0].startswith("#"):
        return False
    if any(ln.startswith('"') or '\t"' in ln for ln in lines):
        return False
    if delimited.header_of(lines[0].split("\t")):
        return False
    return sum("\t" in ln for ln in lines) >= 0.6 * len(lines)


def read(text: str, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    sep, row_sep = options.sep or "\t", options.row_sep or "\n"
    title, order = title_from_source(source)
    rows: list[list[Any]] = []  # [line, term, definition lines]
    line = 1
    for row in text.split(row_sep):
        here, line = line, line + row.count("\n") + row_sep.count("\n")
        if not row.strip():
            continue
        if sep in row:
            term, definition = row.split(sep, 1)
            rows.append([here + _leading_newlines(row), term, [definition]])
        elif rows and row_sep == "\n":
            rows[-1][2].append(row)
        else:
            log.warning("%s:%d: row has no %r separator; kept as a question with no answer "
                        "(set --sep if the export used another one)", source, here, sep)
            rows.append([here + _leading_newlines(row), row, []])
    cards: list[Card] = [make_card(term, "\n".join(d), n, source, html="detect") for n, term, d in rows]
    return [Deck(title=title, source=source, cards=tuple(cards), order=order)]


def _leading_newlines(row: str) -> int:
    return len(row) - len(row.lstrip("\n")) if row.strip() else 0
