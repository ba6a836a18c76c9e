"""Markdown decks: obsidian-spaced-repetition cards, or question/answer documents.

Obsidian cards are ``Q::A`` lines, ``Q:::A`` (also reversed), and multi-line blocks whose
question and answer are split by a ``?`` line (``??`` is also reversed); headings above
them become tags. A document with no such card is a question/answer document: its
questions are whole-line bold paragraphs (``**What is X?**``) or, failing that, the
deepest level of headings, and the text below a question is its answer. Higher
headings are sections and become tags; a section's own prose becomes a card titled by
the section, so nothing is lost. Navigation (lines that only link to an anchor in the
page: tables of contents, "back to top") is not content. Trailing emoji (difficulty
marks) are dropped from questions.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from kbgen.model import Card, Deck
from kbgen.readers import _html, _mdlayout, _rich
from kbgen.readers._cards import make_card, title_from_source
from kbgen.text import matched

log = logging.getLogger("kbgen")

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<q>[^*_].*?)(?:\*\*|__)\s*$")
_INLINE = re.compile(r"^(?P<q>.*?\S)\s*(?P<sep>:{2,3})\s*(?P<a>\S.*)$")
_NAV = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\[[^\]]*\]\(#[^)]*\)\s*$")
_BREAK = re.compile(r"^\s*<br\s*/?>\s*$", re.I)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_BLOCK_START = re.compile(r"^\s*(?:[-*+•]\s|\d+[.)]\s|\||>|\$\$)")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _code_mask(lines: list[str], source: str | None = None) -> list[bool]:
    """True for the lines of fenced code blocks (fences included).

    A fence left open to the end of the file is a stray one, not a code block that swallows
    every later card: it is read as text, with a warning when ``source`` names the file."""
    inside, mask, opened = False, [], -1
    stray: set[int] = set()
    while True:
        for i, ln in enumerate(lines):
            fence = bool(_FENCE.match(ln)) and i not in stray
            mask.append(inside or fence)
            if fence:
                inside, opened = not inside, i
        if not inside:
            return mask
        if source:
            log.warning("%s:%d: code fence never closed; read as text", source, opened + 1)
        stray.add(opened)
        inside, mask = False, []


def _is_inline_card(line: str) -> bool:
    m = _INLINE.match(line)
    # a tab-separated row with "std::vector" in it is a TSV deck, not an Obsidian card
    return (m is not None and "\t" not in line and "://" not in m.group("q")
            and not m.group("q").lstrip().startswith(("|", "-", "*")))


def sniff(text: str) -> bool:
    """True when the text has Markdown structure: headings, bold question lines or card markers."""
    lines = text.split("\n")[:2000]
    mask = _code_mask(lines)
    score = sum(1 for ln, code in zip(lines, mask, strict=True) if not code and (
        _HEADING.match(ln) or _BOLD_LINE.match(ln) or ln.strip() in ("?", "??")
        or _is_inline_card(ln)))
    return score >= 2


def read(text: str, source: str) -> list[Deck]:
    lines = text.split("\n")
    mask = _code_mask(lines, source)
    title, order = title_from_source(source)
    cards = _obsidian(lines, mask, source)
    description = ""
    layout = None if cards else _mdlayout.normalise(lines, mask)
    if layout is not None:
        lines, title = layout.lines, layout.title or title
    h1 = [i for i, ln in enumerate(lines) if not mask[i] and ln.startswith("# ")]
    if len(h1) == 1:
        title = _inline(matched(_HEADING, lines[h1[0]]).group(2))[0] or title
    if layout is not None:
        cards, description = _document(lines, mask, source, skip=set(h1[:1]) if len(h1) == 1 else set(),
                                       skipped=layout.skipped)
        _report_skipped(layout.skipped, source)
    if not cards:
        log.warning("%s: no cards found (expected Q::A lines, bold question lines or headings)", source)
    return [Deck(title=title, source=source, cards=tuple(cards), order=order, description=description)]


def _sections(lines: list[str], mask: list[bool]) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """Yield (index, line, tags) for lines outside code, tracking the heading path."""
    path: list[tuple[int, str]] = []
    for i, ln in enumerate(lines):
        if not mask[i] and (m := _HEADING.match(ln)):
            level = len(m.group(1))
            path = [p for p in path if p[0] < level] + [(level, _inline(m.group(2))[0])]
        yield i, ln, tuple(" ".join(t.split()) for lvl, t in path if lvl > 1 and t)


def _obsidian(lines: list[str], mask: list[bool], source: str) -> list[Card]:
    cards: list[Card] = []
    block: list[int] = []
    lines, mask = lines + [""], mask + [False]
    for i, ln, tags in _sections(lines, mask):
        if not mask[i] and ln.strip() and not _HEADING.match(ln):
            block.append(i)
            continue
        if block:
            cards += _block_cards(lines, block, tags, source)
        block = []
    return cards


def _block_cards(lines: list[str], block: list[int], tags: tuple[str, ...], source: str) -> list[Card]:
    seps = [i for i in block if lines[i].strip() in ("?", "??")]
    if seps:
        s = seps[0]
        q = [lines[i] for i in block if i < s]
        a = [lines[i] for i in block if i > s]
        return _pair("\n".join(q), "\n".join(a), block[0] + 1, source, tags,
                     reverse=lines[s].strip() == "??")
    out = []
    for i in block:
        if _is_inline_card(lines[i]):
            m = matched(_INLINE, lines[i])
            out += _pair(m.group("q"), m.group("a"), i + 1, source, tags, reverse=m.group("sep") == ":::")
    return out


def _pair(q: str, a: str, line: int, source: str, tags: tuple[str, ...], *, reverse: bool) -> list[Card]:
    q_text, q_media = _clean(q.split("\n"))
    a_text, a_media = _clean(a.split("\n"))
    cards = [_card(q_text, a_text, line, source, tags, q_media + a_media, (q, a))]
    if reverse:
        cards.append(_card(a_text, q_text, line, source, tags, a_media + q_media, (a, q)))
    return cards


def _card(question: str, answer: str, line: int, source: str, tags: tuple[str, ...],
          media: tuple[str, ...], raw: tuple[str, str]) -> Card:  # raw: Markdown sources, for formatting
    card = make_card(strip_marks(question), answer, line, source, tags=tags, html=False)
    card = _rich.markdown_card(card, *raw)
    return replace(card, media=tuple(dict.fromkeys(media))) if media else card


def _document(lines: list[str], mask: list[bool], source: str, skip: set[int],
              skipped: list[tuple[int, str]]) -> tuple[list[Card], str]:
    bold = {i for i, ln in enumerate(lines) if not mask[i] and _BOLD_LINE.match(ln)}
    levels = {i: len(m.group(1)) for i, ln in enumerate(lines)
              if not mask[i] and i not in skip and (m := _HEADING.match(ln))}
    if levels and len(bold) <= list(levels.values()).count(_card_level(list(levels.values()))):
        bold = set()  # a few bold lines inside heading-based answers are emphasis, not questions
    card_level = None if bold or not levels else _card_level(list(levels.values()))
    if card_level is not None:  # headings below the card level are part of an answer
        levels = {i: lvl for i, lvl in levels.items() if lvl <= card_level}
    found: list[tuple[str, Card]] = []
    intro: list[str] = []
    head: tuple[str, int, str, tuple[str, ...]] | None = None  # (kind, index, text, tags)
    body: list[int] = []
    path: list[tuple[int, str]] = []
    for i in range(len(lines) + 1):
        level = levels.get(i)
        if i < len(lines) and i not in bold and level is None:
            if i not in skip:
                body.append(i)
            continue
        _flush(found, intro, head, [lines[j] for j in body], [mask[j] for j in body], source)
        body = []
        if i == len(lines):
            break
        if level is not None:
            path = [p for p in path if p[0] < level]
            tags = tuple(t for _, t in path)
            text = " ".join(_inline(matched(_HEADING, lines[i]).group(2))[0].split())
            head = ("card" if level == card_level else "section", i, text, tags)
            path.append((level, text))
        else:
            head = ("card", i, matched(_BOLD_LINE, lines[i]).group("q"), tuple(t for _, t in path))
    return _questions_only(found, skipped), "\n".join(intro)


def _questions_only(found: list[tuple[str, Card]], skipped: list[tuple[int, str]]) -> list[Card]:
    """In a document whose cards ask questions, a section's own prose ("Contributions",
    "Resources") is page furniture, not a card; elsewhere it is kept as a card."""
    asked = [c for kind, c in found if kind == "card"]
    if len(asked) >= 3 and sum(c.question.endswith("?") for c in asked) >= 0.8 * len(asked):
        skipped += [(c.line - 1, c.question) for kind, c in found if kind == "section"]
        return _unnumbered(asked)
    return _unnumbered([c for _, c in found])


_NUMBER = re.compile(r"^(?:Q\s*)?\d{1,4}\s*[.):]\s+(?=\S)", re.I)


def _unnumbered(cards: list[Card]) -> list[Card]:
    """"12) What is X?" → "What is X?" when the document numbers most of its questions."""
    if len(cards) < 2 or sum(bool(_NUMBER.match(c.question)) for c in cards) < 0.5 * len(cards):
        return cards
    return [replace(c, question=_NUMBER.sub("", c.question, count=1),
                    question_html=_rich.unnumbered(c.question_html)) for c in cards]


def _card_level(levels: list[int]) -> int:
    """The most frequent heading level is the one that holds the cards (ties: the deeper one)."""
    return max(set(levels), key=lambda lvl: (levels.count(lvl), lvl))


# "What is X? [[src]](https://…)": a trailing link names where the question came from.
_SOURCE_LINK = re.compile(r"\s*[(\[]?\[\[?(?P<t>[^\]]{1,40})\]?\]\((?P<url>https?://[^)\s]+)\)[)\]]?\s*$")


def _flush(found: list[tuple[str, Card]], intro: list[str], head: tuple[str, int, str, tuple[str, ...]] | None,
           body: list[str], code: list[bool], source: str) -> None:
    text, media = _clean(body, code)
    if head is None:
        intro.extend(text.split("\n") if text else [])
        return
    kind, i, question, tags = head
    url = ""
    if (m := _SOURCE_LINK.search(question)) and question[:m.start()].strip():
        question, url = question[:m.start()], m.group("url")
    (question, q_media), raw = _inline(question), (question, "\n".join(body))
    if kind == "card" or text or media:
        card = _card(question, text, i + 1, source, tags, q_media + media, raw)
        found.append((kind, replace(card, source_url=url) if url else card))


def _report_skipped(skipped: list[tuple[int, str]], source: str) -> None:
    if skipped:
        line, text = min(skipped)
        log.warning("%s:%d: %d part(s) of the page are not cards (title, badges, contents, navigation, "
                    "sections without a question) and were skipped; first: %.60r",
                    source, line + 1, len(skipped), text)


def _clean(body: list[str], code: list[bool] | None = None) -> tuple[str, tuple[str, ...]]:
    """Answer text from Markdown lines: navigation, fences and break tags dropped, inline marks undone."""
    code = code or [False] * len(body)
    out: list[str] = []
    media: list[str] = []
    joinable = False  # Markdown paragraphs are soft-wrapped: their lines are one line of text
    for ln, is_code in zip(body, code, strict=True):
        if is_code:
            if not _FENCE.match(ln):
                out.append(ln)
            joinable = False
            continue
        if _NAV.match(ln) or _BREAK.match(ln) or re.match(r"^\s*\|?\s*:?-{3,}", ln):
            continue
        if (m := _HEADING.match(ln)):
            ln = m.group(2)
        ln = re.sub(r"^\s*>\s?", "", ln)
        if _html.looks_like_html(ln):
            ln, images = _html.to_text(ln)
            media += images
        ln, images = _inline(ln)
        media += images
        if joinable and ln.strip() and not _BLOCK_START.match(ln):
            out[-1] += " " + ln.strip()
        else:
            out.append(ln.rstrip())
        joinable = bool(ln.strip()) and not ln.lstrip().startswith("|")
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text), tuple(dict.fromkeys(media))


def _inline(text: str) -> tuple[str, tuple[str, ...]]:
    media: list[str] = []

    def image(m: re.Match[str]) -> str:
        src = m.group("src")
        if "://" in src:
            return f"(image: {src})"
        media.append(src)
        return m.group("alt")

    text = _IMAGE.sub(image, text)
    text = _LINK.sub(lambda m: m.group("text") if m.group("url").startswith("#")
                     else f"{m.group('text')} ({m.group('url')})", text)
    text = _EMPHASIS.sub(r"\2", text)
    return _ITALIC.sub(r"\1", text).strip(), tuple(media)


def strip_marks(question: str) -> str:
    """Drop trailing emoji and joiners ("What is X? 👶" → "What is X?")."""
    q = question.rstrip()
    while q and (unicodedata.category(q[-1]) in ("So", "Sk", "Cf", "Mn", "Me") or q[-1].isspace()):
        q = q[:-1]
    return q or question.strip()
