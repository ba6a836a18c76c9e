"""CSV and TSV decks: one card per row, any common delimiter, with or without a header.

Without a header the first column is the question and the second the answer. A header
names them (front/back, question/answer, term/definition, …) and may add a tags column;
other columns are kept as ``Name: value`` lines of the answer, so nothing is lost.
Quoted fields may span lines, and fields holding HTML become plain lines.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from typing import TypedDict

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck
from kbgen.readers._cards import ANSWER_NAMES, QUESTION_NAMES, make_card, title_from_source

log = logging.getLogger("kbgen")

DELIMITERS = ("\t", "|", ";", ",")
TAG_NAMES = {"tags", "tag"}
csv.field_size_limit(2**31 - 1)  # HTML fields of real exports exceed the 128 KiB default


def _rows(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    """Rows with the line each starts on; blank rows are skipped."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    out, start = [], 1
    try:
        for row in reader:
            if any(f.strip() for f in row):
                out.append((start, row))
                if limit is not None and len(out) >= limit:
                    break
            start = reader.line_num + 1
    except csv.Error as e:
        raise DeckParseError("", reader.line_num, f"not valid CSV: {e}") from None
    return out


def delimiter_of(text: str) -> tuple[str, float]:
    """The delimiter that splits the first rows most consistently, and that share."""
    best, best_score = ",", 0.0
    sample = text[:50_000]
    for d in DELIMITERS:
        if d not in sample:
            continue
        try:
            rows = _rows(sample, d, limit=100)
        except DeckParseError:
            continue
        if len(rows) > 1 and not sample.endswith("\n"):
            rows = rows[:-1]  # the sample may cut the last row short
        counts = Counter(len(r) for _, r in rows)
        if not counts:
            continue
        width, n = counts.most_common(1)[0]
        score = n / len(rows) if width >= 2 else 0.0
        if score > best_score:
            best, best_score = d, score
    return best, best_score


def sniff(text: str) -> bool:
    """True when some delimiter splits (nearly) every row into the same number ≥ 2 of fields."""
    return bool(text.strip()) and delimiter_of(text)[1] >= 0.8


class Header(TypedDict):
    """Column roles read from a header row: ``tags`` is -1 when there is no tag column."""

    q: int
    a: int
    tags: int
    extra: list[int]
    names: list[str]


def read(text: str, source: str) -> list[Deck]:
    title, order = title_from_source(source)
    delimiter = delimiter_of(text)[0]
    try:
        rows = _rows(text, delimiter)
    except DeckParseError as e:
        raise DeckParseError(source, e.line, e.problem, "check the quoting near that line") from None
    header = header_of(rows[0][1]) if rows else None
    cards = [_card(line, row, header, source) for line, row in (rows[1:] if header else rows)]
    if not rows:
        log.warning("%s: empty deck; nothing to read", source)
    return [Deck(title=title, source=source, cards=tuple(cards), order=order)]


def header_of(row: list[str]) -> Header | None:
    """Column roles when the row is a header naming a question and an answer column."""
    names = [f.strip().lower() for f in row]
    q = next((i for i, n in enumerate(names) if n in QUESTION_NAMES), None)
    a = next((i for i, n in enumerate(names) if n in ANSWER_NAMES and i != q), None)
    if q is None or a is None:
        return None
    tags = next((i for i, n in enumerate(names) if n in TAG_NAMES), None)
    extra = [i for i in range(len(row)) if i not in (q, a, tags)]
    return {"q": q, "a": a, "tags": -1 if tags is None else tags, "extra": extra, "names": row}


def _card(line: int, row: list[str], header: Header | None, source: str) -> Card:
    names: list[str] | None
    if header is None:
        q, a, tag_col, extra, names = 0, 1, -1, list(range(2, len(row))), None
    else:
        q, a, tag_col, extra, names = (header["q"], header["a"], header["tags"],
                                       header["extra"], header["names"])

    def field(i: int) -> str:
        return row[i] if 0 <= i < len(row) else ""

    answer = field(a)
    for i in extra:
        value = field(i).strip()
        if value:
            label = names[i].strip() if names and i < len(names) and names[i].strip() else ""
            answer += ("\n" if answer else "") + (f"{label}: {value}" if label else value)
    if names is not None and len(row) > len(names):  # names come with a header
        log.warning("%s:%d: row has %d fields but the header names %d; extra fields added to the answer",
                    source, line, len(row), len(names))
        answer += "".join("\n" + f for f in row[len(names):] if f.strip())
    tags = tuple(field(tag_col).split()) if tag_col >= 0 else ()
    return make_card(field(q), answer, line, source, tags=tags, html="detect")
