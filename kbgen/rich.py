"""Card formatting kept safely: the allowlist sanitiser and the maths markup, shared by
the readers (which make a card's HTML) and the renderer (which places it on a page).

Card text is data. Whatever formatting a card keeps passes :func:`sanitise`, an
allowlist (nh3, i.e. Ammonia): no script, handler, style, form or frame survives, links
go to http(s) only and open outside the site, and classes are limited to those of
code highlighting, maths and cloze. Local images keep a marker instead of a URL
(``MEDIA`` + file name) that the renderer resolves for the page that shows them.
"""

from __future__ import annotations

import html
import re

import nh3
from pygments.token import STANDARD_TYPES

#: Starts an image's ``src`` in card HTML: the renderer turns it into the image's URL.
#: A private-use character, removed from card text on input, so no card can forge one.
MEDIA = "\ue000"
# C0 controls are invisible, and Python-Markdown marks its stashed HTML with \x02/\x03.
CONTROLS = {i: " " for i in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f]}
#: Applied to card text on input: removes the controls, the private-use markers of ours and
#: lone surrogates (a JSON deck may hold "\\ud800"; no HTML serialiser can write one).
CONTROLS.update({ord(c): "\ufffd" for c in (MEDIA, "\ue001", "\ue002")})
CONTROLS.update({i: "\ufffd" for i in range(0xD800, 0xE000)})

TAGS = {"p", "div", "span", "br", "hr", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark",
        "small", "sub", "sup", "code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
        "caption", "h4", "h5", "h6", "a", "img", "figure", "figcaption"}
# Removed with their content: what they hold is not card text.
DROPPED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
           "head", "title", "textarea", "select", "button"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "ol": {"start"},
              "abbr": {"title"}}
_CODE = {"highlight", *(c for c in STANDARD_TYPES.values() if c)}
CLASSES = {"span": _CODE | {"arithmatex"}, "div": {"highlight", "arithmatex"}, "code": _CODE,
           "pre": _CODE, "mark": {"kb-cloze"}, "a": {"kb-remote-image"}}
REL = "noopener nofollow noreferrer"


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href":
        return value if re.match(r"https?://", value.strip(), re.I) else None
    if tag == "img" and name == "src":
        return value if value.startswith(MEDIA) else None
    if name in ("width", "height"):  # a card may size its image, not cover the page with it
        return value if value.isdigit() and int(value) <= 2000 else None
    return value


_CLEANER = nh3.Cleaner(tags=TAGS, clean_content_tags=DROPPED, attributes=ATTRIBUTES,
                       attribute_filter=_attribute, link_rel=REL,
                       set_tag_attribute_values={"a": {"target": "_blank"}},
                       url_schemes={"http", "https"}, allowed_classes=CLASSES)


def sanitise(fragment: str) -> str:
    """``fragment`` with only the allowlisted tags, attributes, classes and URLs.

    Card text must have been through :data:`CONTROLS` first (the readers do it on input):
    the markers kbgen writes itself are kept here."""
    return _CLEANER.clean(fragment).strip()


# --- maths ---------------------------------------------------------------------------

_MATH = re.compile(
    r"\[\$\$\](?P<ad>.+?)\[/\$\$\]|\[\$\](?P<ai>.+?)\[/\$\]|\[latex\](?P<al>.+?)\[/latex\]"
    r"|(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$|\\\[(?P<bd>.+?)\\\]|\\\((?P<pi>.+?)\\\)"
    r"|(?<![\\$\w])\$(?P<di>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?![\d$])", re.S | re.I)
_DISPLAY = {"ad", "al", "dd", "bd"}


def find_maths(text: str) -> list[tuple[int, int, str, bool]]:
    """The formulas in ``text``: (start, end, TeX source, display?).

    ``$…$`` needs no space inside its dollars and no digit after the closing one, so
    "$5 and $10" stays text (pandoc's rule)."""
    out = []
    for m in _MATH.finditer(text):
        kind = m.lastgroup
        if kind and m.group(kind).strip():
            out.append((m.start(), m.end(), m.group(kind), kind in _DISPLAY))
    return out


def maths_html(tex: str, display: bool) -> str:
    """Arithmatex's generic markup for one formula (KaTeX renders it in the browser);
    the source stays readable text if KaTeX cannot draw it."""
    tex = html.escape(" ".join(tex.split()))
    return (f'<span class="arithmatex">\\[{tex}\\]</span>' if display
            else f'<span class="arithmatex">\\({tex}\\)</span>')


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::([^{}]*?))?\}\}", re.S)


def cloze_html(fragment: str) -> str:
    """Anki's ``{{c1::answer::hint}}`` shown as the highlighted answer."""
    return _CLOZE.sub(lambda m: f'<mark class="kb-cloze">{m.group(1)}</mark>', fragment)
