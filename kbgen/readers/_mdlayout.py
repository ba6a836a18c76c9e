"""GitHub question/answer layouts, rewritten into the layout the document reader knows.

Markdown decks published on GitHub mark their cards in a few common ways besides bold
question lines and headings: the answer folded in ``<details>`` (its ``<summary>`` the
question, or a label such as "Answer" under a question paragraph), "Question 12."
label headings, ``Q.``/``Q:``/``Q1)`` question prefixes and ``A:``/``Answer:`` answer
prefixes. :func:`normalise` rewrites each of them, line by line and in place, into a bold
question line followed by its answer lines, so one reader handles every layout and
line numbers stay those of the file. Document furniture (navigation links, badges, the
contents list, an HTML title block) is blanked and reported, so the caller can warn once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DETAILS_OPEN = re.compile(r"^\s*<details\b[^>]*>", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<s>.*?)</summary\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "Question 12.", "Q12", "Card #3": a label that numbers a card but says nothing of it.
_LABEL = re.compile(r"^(?:question|q|problem|exercise|card)\s*#?\s*\d+\s*[.:)]?$", re.I)
# Words of a disclosure widget's caption, not of a question ("Answer", "Show solution").
_UI_WORDS = re.compile(r"\b(?:answers?|solutions?|show|hide|click|expand|reveal|explanation|spoiler|"
                       r"see|view|toggle|details)\b", re.I)
_Q_PREFIX = re.compile(r"^\s*(?:\*\*|__)?(?:Q\s*\d{0,4}\s*[.:)]|Q\d{1,4}|Question(?:\s*\d{1,4})?\s*[.:)])"
                       r"(?:\*\*|__)?\s+(?P<q>\S.*)$", re.I)
_A_PREFIX = re.compile(r"^\s*(?:\*\*|__)?(?:A|Ans|Answer)\s*[.:)](?:\*\*|__)?\s*", re.I)
_BREAK_ONLY = re.compile(r"^\s*(?:<br\s*/?>\s*)+$", re.I)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)]*\)|<a\b[^>]*href=[\"']#[^>]*>.*?</a\s*>", re.I)
_LINK_ONLY = re.compile(r"^\s*(?:\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)\s*)+$")
_CONTENTS = re.compile(r"^(?:table of )?contents$|^toc$", re.I)
_H1_HTML = re.compile(r"<h1\b[^>]*>(?P<t>.*?)</h1\s*>", re.I | re.S)
_HTML_BLOCK = re.compile(r"^\s*<(?P<tag>div|p|table|center|section)\b[^>]*>", re.I)


@dataclass
class Layout:
    """The rewritten lines, the title an HTML header gave, and what was skipped as furniture."""

    lines: list[str]
    title: str = ""
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line index, text)


def plain(text: str) -> str:
    """Text of a line of Markdown or HTML, for judging what it is (not for showing)."""
    return " ".join(_TAGS.sub(" ", text).replace("**", "").replace("__", "").split())


def is_label(text: str) -> bool:
    return bool(_LABEL.match(plain(text).rstrip(".:) ")))


def normalise(lines: list[str], mask: list[bool]) -> Layout:
    """Rewrite the layouts above in place (same number of lines); ``mask`` marks code lines."""
    out = Layout(list(lines))
    _html_header(out, mask)
    _setext_contents(out, mask)
    for i in range(len(out.lines)):
        if not mask[i] and (m := _HEADING.match(out.lines[i])) and is_label(m.group(2)):
            out.lines[i] = ""  # "###### Question 12." numbers the card below it
    _details(out, mask)
    _prefixes(out, mask)
    _furniture(out, mask)
    return out


def _html_header(out: Layout, mask: list[bool]) -> None:
    """A leading HTML block (logo, ``<h1>`` title, download link) is the page's header."""
    first = next((i for i, ln in enumerate(out.lines) if ln.strip()), None)
    if first is None or mask[first] or not (m := _HTML_BLOCK.match(out.lines[first])):
        return
    close = re.compile(rf"</{m.group('tag')}\s*>", re.I)
    end = next((j for j in range(first, len(out.lines)) if close.search(out.lines[j])), None)
    if end is None or end - first > 40:
        return
    block = "\n".join(out.lines[first:end + 1])
    if not (h1 := _H1_HTML.search(block)):
        return  # an HTML block without a title is content, not a header
    out.title = plain(h1.group("t"))
    out.skipped.append((first, plain(block)))
    for j in range(first, end + 1):
        out.lines[j] = ""


def _setext_contents(out: Layout, mask: list[bool]) -> None:
    """"Contents" underlined with dashes is a heading over the table of contents."""
    lines = out.lines
    for i in range(len(lines) - 1):
        if not mask[i] and _CONTENTS.match(plain(lines[i])) and re.match(r"^\s*(?:-{2,}|={2,})\s*$",
                                                                         lines[i + 1]):
            out.skipped.append((i, plain(lines[i])))
            lines[i] = lines[i + 1] = ""


def _details(out: Layout, mask: list[bool]) -> None:
    lines = out.lines
    i = 0
    while i < len(lines):
        if mask[i] or not _DETAILS_OPEN.match(lines[i]):
            i += 1
            continue
        end = _block_end(lines, mask, i)
        summary_end, summary = _summary(lines, i, end)
        _unwrap(lines, i, summary_end, end)
        if summary and not (_UI_WORDS.search(summary) and len(summary.split()) <= 6
                            and not summary.rstrip().endswith("?")):
            lines[i] = _bold(summary)  # the summary asks the question
        else:
            _question_above(lines, mask, i)
        i = end + 1


def _block_end(lines: list[str], mask: list[bool], start: int) -> int:
    depth = 0
    for j in range(start, len(lines)):
        if mask[j]:
            continue
        depth += len(re.findall(r"<details\b", lines[j], re.I)) - len(_DETAILS_CLOSE.findall(lines[j]))
        if depth <= 0:
            return j
    return len(lines) - 1


def _summary(lines: list[str], start: int, end: int) -> tuple[int, str]:
    """The line that closes the ``<summary>``, and its text."""
    for j in range(start, min(end, start + 5) + 1):
        joined = "\n".join(lines[start:j + 1])
        if (m := _SUMMARY.search(joined)):
            return j, plain(m.group("s"))
    return start, ""


def _unwrap(lines: list[str], start: int, summary_end: int, end: int) -> None:
    """Drop the widget's tags; what follows ``</summary>`` on its line stays answer text."""
    tail = _SUMMARY.split("\n".join(lines[start:summary_end + 1]))[-1] if summary_end >= start else ""
    for j in range(start, summary_end + 1):
        lines[j] = ""
    lines[summary_end] = _DETAILS_OPEN.sub("", tail).strip()
    lines[end] = _DETAILS_CLOSE.sub("", lines[end])
    if not plain(lines[end]):
        lines[end] = ""


def _question_above(lines: list[str], mask: list[bool], at: int) -> None:
    """The paragraph (or heading) right above a labelled ``<details>`` is its question."""
    j = at - 1
    while j >= 0 and not mask[j] and (not lines[j].strip() or _BREAK_ONLY.match(lines[j])):
        j -= 1
    if j < 0 or mask[j] or _HEADING.match(lines[j]) or _RULE.match(lines[j]):
        return  # a heading right above is already a question line for the reader
    top = j
    while top > 0 and lines[top - 1].strip() and not mask[top - 1] and not _HEADING.match(lines[top - 1]):
        top -= 1
    text = " ".join(plain(lines[k]) if "<" in lines[k] else lines[k].strip() for k in range(top, j + 1))
    if (m := _Q_PREFIX.match(text)):
        text = m.group("q")
    for k in range(top, j + 1):
        lines[k] = ""
    lines[top] = _bold(text)


_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def _bold(text: str) -> str:
    """A bold question line; emphasis inside is dropped, as a bold line cannot nest it."""
    flat = _EMPHASIS.sub(r"\2", text.strip()).strip("*_ ") or text.strip()
    return f"**{flat}**"


def _prefixes(out: Layout, mask: list[bool]) -> None:
    """``Q.``/``Q:``/``Q1)`` lines are questions, ``A:``/``Answer:`` open answers, when a
    document uses them for at least two cards (one is more likely prose)."""
    lines = out.lines
    found = [i for i, ln in enumerate(lines) if not mask[i] and _Q_PREFIX.match(ln)
             and (i == 0 or not lines[i - 1].strip() or _HEADING.match(lines[i - 1]))]
    if len(found) < 2:
        return
    for i in found:
        j = i
        parts = [m.group("q") for m in [_Q_PREFIX.match(lines[i])] if m]
        while j + 1 < len(lines) and lines[j + 1].strip() and not mask[j + 1] \
                and not _A_PREFIX.match(lines[j + 1]) and not lines[j + 1].lstrip().startswith("<"):
            j += 1
            parts.append(lines[j].strip())
            lines[j] = ""
        lines[i] = _bold(" ".join(parts))
    for i, ln in enumerate(lines):
        if not mask[i] and (m := _A_PREFIX.match(ln)) and ln[m.end():].strip():
            lines[i] = ln[m.end():]


def _furniture(out: Layout, mask: list[bool]) -> None:
    """Navigation, badges and a contents heading are not cards: blank them, note them."""
    lines = out.lines
    for i, ln in enumerate(lines):
        if mask[i] or not ln.strip():
            continue
        heading = _HEADING.match(ln)
        if _is_nav(ln) or _LINK_ONLY.match(ln) or (heading and _CONTENTS.match(plain(heading.group(2)))):
            out.skipped.append((i, plain(ln) or ln.strip()))
            lines[i] = ""


def _is_nav(line: str) -> bool:
    """A line that only links within the page ("back to top", a contents entry), whatever
    its list marker, emphasis or HTML wrapper."""
    rest, n = _ANCHOR_LINK.subn(" ", line)
    return bool(n) and not re.sub(r"[\W_]|\d", "", plain(rest).replace("•", ""))
