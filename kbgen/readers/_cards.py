"""Helpers every field-based reader shares: fields → a Card, with the warnings kbgen promises."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kbgen.model import Card
from kbgen.readers import _html

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


DEFAULT = ReadOptions()


def make_card(question: str, answer: str, line: int, source: str, *,
              tags: tuple[str, ...] = (), html: bool = True) -> Card:
    """A card from raw fields; HTML becomes text, and an empty side gives a warning."""
    media: tuple[str, ...] = ()
    if html:
        question, q_media = _html.to_text(question)
        answer, a_media = _html.to_text(answer)
        media = tuple(dict.fromkeys(q_media + a_media))
    question = " ".join(question.split())
    answer = answer.strip("\n")
    if not question:
        log.warning("%s:%d: card has no question; kept as %r: %.60r",
                    source, line, NO_QUESTION, answer)
        question = NO_QUESTION
    elif not answer and not media:
        log.warning("%s:%d: question has no answer; card kept with an empty answer: %.60r",
                    source, line, question)
    return Card(id="", question=question, answer=answer, line=line, tags=tags, media=media)


def clean_tags(raw: str) -> tuple[str, ...]:
    """Anki tags are space-separated; ``::`` nests them."""
    return tuple(dict.fromkeys(t for t in raw.replace(",", " ").split() if t))


def title_from_source(source: str) -> tuple[str, int | None]:
    """Deck title and order from a file name: ``02_Machine_learning.csv`` → ("Machine learning", 2)."""
    from kbgen.readers.seed import parse_title
    stem = source.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    return parse_title(stem.replace("-", " ") if " " not in stem and "_" not in stem else stem)
