"""The plain-text layout of a Quizlet or Brainscape set page.

A title line, then cards: a question line followed by one or more answer lines.
A question starts with a capital letter and ends in ``?``, optionally followed by a
parenthesis ("How do GANs work? (steps)"). The line right after a question is always
an answer, so an answer that is itself a question ("which parts … are important?")
stays an answer as long as it does not start with a capital.
"""

from __future__ import annotations

import logging
import re

from kbgen.model import Card, CardId, Deck

log = logging.getLogger("kbgen")

_QUESTION = re.compile(r"^.*\?\s*(\([^()]*\))?$")
_LIST_MARK = re.compile(r"^(?:[-*•–—]|\d+[.)]|[-–—]+>|→)")
_TITLE = re.compile(r"^\s*(?:(\d+)[_\s.-]+)?(.*?)(?:\s+flash\s*cards)?\s*$", re.IGNORECASE)


def looks_like_question(line: str) -> bool:
    s = line.strip()
    if not s or _LIST_MARK.match(s) or not _QUESTION.match(s):
        return False
    first = next((ch for ch in s if ch.isalpha()), "")
    return s[0] in "¿\"'“‘" or (s[0].isalpha() and not s[0].islower()) or (
        s[0].isdigit() and bool(first) and not first.islower())


def parse_title(line: str) -> tuple[str, int | None]:
    """``10_advanced deep learning concepts Flashcards`` → ("Advanced deep learning concepts", 10)."""
    m = _TITLE.match(line)
    assert m is not None  # the pattern matches any string
    order = int(m.group(1)) if m.group(1) else None
    title = m.group(2).replace("_", " ").strip() or line.strip()
    return title[:1].upper() + title[1:], order


def sniff(text: str) -> bool:
    """True when the text has a title line and then question lines with answers."""
    lines = [ln for ln in text.split("\n")[:400] if ln.strip()]
    if len(lines) < 3 or looks_like_question(lines[0]) or "\t" in text[:2000]:
        return False
    return sum(looks_like_question(ln) for ln in lines[1:]) >= 1 and looks_like_question(lines[1])


def read(text: str, source: str) -> list[Deck]:
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if start is None:
        log.warning("%s: empty deck; nothing to read", source)
        return [Deck(title=source, source=source, cards=())]
    title, order = parse_title(lines[start])
    cards = _cards(lines, start + 1, source)
    return [Deck(title=title, source=source, cards=tuple(cards), order=order)]


def _cards(lines: list[str], start: int, source: str) -> list[Card]:
    cards: list[Card] = []
    question: tuple[int, str] | None = None
    answer: list[str] = []
    for i in range(start, len(lines)):
        raw = lines[i].strip()
        if looks_like_question(raw):
            if question is not None:
                _close(cards, question, answer, source)
            question, answer = (i + 1, raw), []
        elif question is not None:
            if raw or answer:
                answer.append(raw)
        elif raw:
            log.warning("%s:%d: text before the first question is not part of any card: %.60r",
                        source, i + 1, raw)
    if question is not None:
        _close(cards, question, answer, source)
    return cards


def _close(cards: list[Card], question: tuple[int, str], answer: list[str], source: str) -> None:
    while answer and not answer[-1]:
        answer.pop()
    line, text = question
    if not answer:
        log.warning("%s:%d: question has no answer; card kept with an empty answer: %.60r",
                    source, line, text)
    cards.append(Card(id=CardId(""), question=text, answer="\n".join(answer), line=line))
