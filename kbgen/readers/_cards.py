"""Helpers every field-based reader shares: fields → a Card, with the warnings kbgen promises."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from typing import Any

from kbgen.errors import UsageError
from kbgen.model import Card, CardId
from kbgen.readers import _html, _rich

log = logging.getLogger("kbgen")

NO_QUESTION = "(no question)"


@dataclass(frozen=True)
class ReadOptions:
    """Reader options from the command line; ``None`` means the format's default.

    ``sep`` and ``row_sep`` are the Quizlet export separators; ``fields`` names the
    (question, answer) fields of a CrowdAnki or Anki note model.
    """

    sep: str | None = None
    row_sep: str | None = None
    fields: tuple[str, str] | None = None
    #: Caps on what one deck may make kbgen read (bytes): one media file or package entry, a
    #: package's total, one text deck. ``limits:`` in kbgen.yml changes them.
    max_entry: int = 256 << 20
    max_total: int = 1 << 30
    #: A text deck is held whole while read, several times its size: a lower cap than media.
    max_text: int = 64 << 20


DEFAULT = ReadOptions()


def make_card(question: str, answer: str, line: int, source: str, *,
              tags: tuple[str, ...] = (), html: bool | str = True) -> Card:
    """A card from raw fields; HTML becomes text, and an empty side gives a warning.

    ``html``: True when the fields are HTML (Anki), False when they are text, "detect"
    when each field is HTML only if it holds formatting tags (CSV)."""
    media: tuple[str, ...] = ()
    rich = ("", "")
    if html:
        detect = html == "detect"
        rich = (_rich_field(question, detect), _rich_field(answer, detect))
        question, q_media = _html.to_text(question, detect=detect)
        answer, a_media = _html.to_text(answer, detect=detect)
        media = tuple(dict.fromkeys(q_media + a_media))
    question = " ".join(question.split())
    answer = answer.strip("\n")
    if not question:
        log.warning("%s:%d: card has no question; kept as %r: %.60r",
                    source, line, NO_QUESTION, answer)
        question = NO_QUESTION
    elif not answer and not media and not re.search(r"\{\{c\d+::", question):  # a cloze hides its answer
        log.warning("%s:%d: question has no answer; card kept with an empty answer: %.60r",
                    source, line, question)
    return Card(id=CardId(""), question=question, answer=answer, line=line, tags=tags, media=media,
                question_html=rich[0], answer_html=rich[1])


def _rich_field(field: str, detect: bool) -> str:
    """A field's formatting (see :mod:`kbgen.readers._rich`). Plain text has none to keep:
    the renderer shows its lines, lists, maths and cloze itself."""
    return _rich.from_html(field) if _html.looks_like_html(field, detect=detect) else ""


def by_ord(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Field objects in ``ord`` order; a missing or odd ``ord`` ("1", null) keeps its place."""
    def key(item: tuple[int, dict[str, Any]]) -> int:
        i, f = item
        o = f.get("ord")
        if isinstance(o, str) and o.strip().isdigit():
            return int(o)
        return o if isinstance(o, int) and not isinstance(o, bool) else i
    return [f for _, f in sorted(enumerate(fields), key=key)]


def clean_tags(raw: str) -> tuple[str, ...]:
    """Anki tags are space-separated; ``::`` nests them."""
    return tuple(dict.fromkeys(t for t in raw.replace(",", " ").split() if t))


def title_from_source(source: str) -> tuple[str, int | None]:
    """Deck title and order from a file name: ``02_Machine_learning.csv`` → ("Machine learning", 2)."""
    from kbgen.readers.seed import parse_title
    stem = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    return parse_title(stem.replace("-", " ") if " " not in stem and "_" not in stem else stem)


_ORDERED = re.compile(r"^\s*(\d{1,4})[_\s.)-]+(\S.*)$")


def deck_name(name: str) -> tuple[str, tuple[str, ...], int | None]:
    """Anki's ``Parent::02 Child`` → ("Child", ("Parent",), 2): title, parent titles, order."""
    parts = [p.strip() for p in name.split("::") if p.strip()] or [name.strip() or "Deck"]
    m = _ORDERED.match(parts[-1])
    title, order = (m.group(2), int(m.group(1))) if m else (parts[-1], None)
    return title, tuple(parts[:-1]), order


def pick_fields(names: list[str], wanted: tuple[str, str] | None, where: str) -> tuple[int, int | None]:
    """Indices of the question and answer fields; ``None`` answer means "all the other fields"."""
    lower = [n.strip().lower() for n in names]
    if wanted is not None:
        missing = [w for w in wanted if w.strip().lower() not in lower]
        if missing:
            raise UsageError(f"{where}: no field named {missing[0]!r} "
                             f"(fields: {', '.join(names)}; choose with --fields QUESTION,ANSWER)")
        return lower.index(wanted[0].strip().lower()), lower.index(wanted[1].strip().lower())
    q = next((i for i, n in enumerate(lower) if n in QUESTION_NAMES), 0)
    a = next((i for i, n in enumerate(lower) if n in ANSWER_NAMES and i != q), None)
    if a is None and len(names) == 2:
        a = 1 - q
    return q, a


def join_fields(fields: list[str], names: list[str], q: int, a: int | None, *, markup: bool = True,
                extras: bool = True) -> str:
    """The answer: the chosen field, then (with ``extras``) every other non-empty field as
    ``Name: value`` lines, so a note's extra fields are not lost."""
    head = fields[a] if a is not None and a < len(fields) else ""
    lines = [head] if head.strip() else []
    for i, value in enumerate(fields):
        if i in (q, a) or not value.strip() or (a is not None and not extras):
            continue
        label = names[i] if i < len(names) else f"Field {i + 1}"
        if markup and not _MARKUP.sub("", value).strip():
            lines.append(f"<div>{value}</div>")  # image-only: a label with nothing after it says nothing
        elif markup:
            lines.append(f"<div>{html.escape(label)}: {value}</div>")
        else:
            lines.append(f"{label}: {value}")
    if markup and head.strip() and len(lines) > 1:
        lines[0] = f"<div>{head}</div>"
    return "".join(lines) if markup else "\n".join(lines)


_MARKUP = re.compile(r"<[^>]*>")
#: Field and column names that say which side of a card they hold, for every reader.
QUESTION_NAMES = frozenset({"front", "question", "questions", "term", "terms", "q", "prompt", "word",
                            "card front", "text"})
ANSWER_NAMES = frozenset({"back", "answer", "answers", "definition", "definitions", "a", "meaning",
                          "card back", "back extra", "extra"})
