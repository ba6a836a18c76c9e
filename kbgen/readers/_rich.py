"""A card field → its sanitised HTML, for the cards whose formatting says more than their text.

Readers keep ``Card.question``/``Card.answer`` as plain text (extraction, search and
anchors read those) and put the formatting here: an HTML field (Anki, CrowdAnki, CSV)
or a Markdown source (Markdown decks) becomes one fragment that passed
:func:`kbgen.rich.sanitise`. Maths becomes Arithmatex's markup for KaTeX, local images
keep a marker the renderer resolves, and remote images become links (the site loads
nothing from elsewhere). A field with no formatting beyond paragraphs and line breaks
gives ``""``: the renderer shows its plain text as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import unquote

import markdown

from kbgen.model import Card
from kbgen.rich import CONTROLS, MEDIA, cloze_html, find_maths, maths_html, sanitise

# Tags that make a field HTML; "<title>" or "<script>" alone in a CSV question are text.
KNOWN = {"p", "div", "span", "br", "hr", "b", "strong", "i", "em", "u", "s", "strike", "del", "ins",
         "mark", "font", "small", "big", "sub", "sup", "code", "pre", "kbd", "tt", "blockquote", "ul",
         "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
         "h1", "h2", "h3", "h4", "h5", "h6", "center", "section", "details", "summary"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:\s[^<>]*)?/?>")
_PLAIN = {"p", "div", "br"}
_IMG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_HOLE = re.compile("\ue001(\\d+)\ue002")
_IN_TAG = re.compile(r"""<[a-zA-Z/!?](?:[^>"']|"[^"]*"|'[^']*')*>""")


def is_html(text: str) -> bool:
    """True when ``text`` holds a tag of the formatting kind (``<b>``, ``<br>``, ``<div>``…)."""
    return any(m.group(2).lower() in KNOWN for m in _TAG.finditer(text))


def from_html(field: str) -> str:
    """Sanitised HTML for an HTML field, or ``""`` when it has no formatting to keep."""
    text, holes = _hold_maths(field.translate(CONTROLS))
    return _finish(_images(cloze_html(text)), holes)


_MD = markdown.Markdown(extensions=["tables", "sane_lists", "pymdownx.superfences",
                                    "pymdownx.highlight", "pymdownx.tilde", "pymdownx.caret"],
                        extension_configs={"pymdownx.highlight": {"use_pygments": True}})
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1|(`+)(?!`).+?(?<!`)\2(?!`)", re.S | re.M)


def from_markdown(source: str) -> str:
    """Sanitised HTML for a card written in Markdown, or ``""`` when it has no formatting.

    Formulas are held out of Markdown's way (it would read ``\\(`` as an escaped
    parenthesis and ``_`` as emphasis), except inside code, where they are code."""
    text = _bare_wrappers(source.translate(CONTROLS))
    code = [m.span() for m in _CODE.finditer(text)]
    text, holes = _hold_maths(text, skip=code)
    rendered = _MD.reset().convert(text)
    return _finish(_images(cloze_html(rendered)), holes)


_WRAPPER = re.compile(r"^\s*(?:</?(?:p|div|span|center|section|br)\b[^<>]*/?>\s*)+$", re.I)


def _bare_wrappers(text: str) -> str:
    """Lines holding only a wrapper tag (``<p>``, ``</div>``, ``<br><br>``) between blank lines
    are dropped. On GitHub such a line is an HTML block of its own and the Markdown around it
    is still Markdown; Python-Markdown would take everything up to ``</p>`` as raw HTML."""
    lines = text.split("\n")
    keep = [ln for i, ln in enumerate(lines) if not (
        _WRAPPER.match(ln) and (i + 1 == len(lines) or not lines[i + 1].strip()))]
    return "\n".join(keep)


def _hold_maths(text: str, skip: Sequence[tuple[int, int]] = ()) -> tuple[str, list[str]]:
    """Formulas replaced by holes the sanitiser leaves alone; their markup goes back after.

    Formulas overlapping ``skip`` (code) are left alone, and so is one whose delimiter sits
    inside a tag ("<abbr title='$x$'>"): maths markup belongs in text, never in an attribute."""
    holes: list[str] = []
    out, pos = [], 0
    tags = [m.span() for m in _IN_TAG.finditer(text)] if "<" in text else []
    for start, end, tex, display in find_maths(text):
        if any(a < end and start < b for a, b in skip) or any(
                a < start < b or a < end - 1 < b for a, b in tags):
            continue
        out.append(text[pos:start])
        # A formula in an HTML field may hold tags (<br>) and entities (&lt;): TeX reads neither.
        holes.append(maths_html(_strip_tags(tex), display))
        out.append(f"\ue001{len(holes) - 1}\ue002")
        pos = end
    out.append(text[pos:])
    return "".join(out), holes


def _strip_tags(fragment: str) -> str:
    p = _Text()
    p.feed(fragment)
    p.close()
    return "".join(p.parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")  # a <br> between two lines of a formula is a space to TeX


def _finish(fragment: str, holes: list[str]) -> str:
    clean = _HOLE.sub(lambda m: holes[int(m.group(1))] if int(m.group(1)) < len(holes) else "",
                      sanitise(fragment))
    # Once more: a hole that sat inside an attribute value ("title='$x$'") must not leave
    # kbgen's own markup there. The maths markup itself passes unchanged.
    clean = sanitise(clean) if holes else clean
    tags = {m.group(2).lower() for m in _TAG.finditer(clean)}
    return clean if tags - _PLAIN else ""


def _images(fragment: str) -> str:
    """Local images keep a marked ``src``; remote ones become links; others their alt text."""
    return _IMG.sub(_image, fragment)


def _image(m: re.Match[str]) -> str:
    attrs = _Attrs.of(m.group(0))
    src, alt = (attrs.get("src") or "").strip(), attrs.get("alt") or ""
    if re.match(r"https?://", src, re.I):
        label = alt or unquote(src.rstrip("/").rsplit("/", 1)[-1]) or "image"
        return f'<a class="kb-remote-image" href="{_q(src)}" title="Image at {_q(src)}">{_esc(label)}</a>'
    if not src or re.match(r"[a-z][a-z0-9+.-]*:|//", src, re.I) or ".." in src.split("/"):
        return _esc(alt)
    return f'<img src="{MEDIA}{_q(src)}" alt="{_q(alt or src)}">'


def image_names(fragment: str) -> tuple[str, ...]:
    """The local images a field shows, by the names its ``src`` attributes give."""
    names = []
    for m in _IMG.finditer(fragment):
        src = (_Attrs.of(m.group(0)).get("src") or "").strip()
        if src and not re.match(r"[a-z][a-z0-9+.-]*:|//", src, re.I) and ".." not in src.split("/"):
            names.append(src)
    return tuple(dict.fromkeys(names))


class _Attrs(HTMLParser):
    @classmethod
    def of(cls, tag: str) -> dict[str, str | None]:
        p = cls()
        p.feed(tag)
        p.close()
        return p.attrs

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)

    handle_startendtag = handle_starttag


def _q(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_card(card: Card, question: str, answer: str) -> Card:
    """``card`` (read from Markdown) with the formatting of its question and answer sources.

    The question is one line of a heading or a paragraph: what would start a block there
    ("12) …", "- …", "> …") is escaped, so it stays the question's text."""
    q_html = from_markdown(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), question.strip()))
    return replace(card, question_html=q_html, answer_html=from_markdown(answer))


_BLOCK_START = re.compile(r"^(\s*\d{0,9})([-+*>#=.)])")
_NUMBERED = re.compile(r"^((?:<[a-z]+>)*)(?:Q\s*)?\d{1,4}\s*[.):]\s+", re.I)


def unnumbered(question_html: str) -> str:
    """The question's HTML without the number its deck puts before every question."""
    return _NUMBERED.sub(r"\1", question_html, count=1)
