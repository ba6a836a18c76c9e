"""HTML fields → the plain text of a card (what extraction, search and anchors read).

Anki, CrowdAnki and CSV exports keep card fields as HTML. The card's formatting is kept
separately, sanitised (:mod:`kbgen.readers._rich`); here the markup becomes text: block elements become
line breaks, ``<li>`` becomes ``- `` or ``1)`` lines, entities are decoded, and
scripts, styles, event handlers and ``javascript:`` URLs vanish because nothing of
the markup survives but its text. Images are returned separately by file name.
Anki's MathJax/LaTeX markers (``[$]…[/$]``, ``[$$]…[/$$]``) become ``$…$`` and
``$$…$$`` so math stays readable as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kbgen.readers._rich import is_html

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre",
          "ul", "ol", "section", "article", "aside", "header", "footer", "figure", "caption",
          "hr", "dl", "dt", "dd", "thead", "tbody"}
_DROP = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}
_MATH = ((re.compile(r"\[\$\$\](.*?)\[/\$\$\]", re.S), r"$$\1$$"),
         (re.compile(r"\[\$\](.*?)\[/\$\]", re.S), r"$\1$"),
         (re.compile(r"\[latex\](.*?)\[/latex\]", re.S), r"\1"))


def looks_like_html(text: str, *, detect: bool = False) -> bool:
    """True when ``text`` holds markup (a tag or an entity). With ``detect`` (a field of a
    format that may or may not be HTML, such as CSV) at least one tag must be a formatting
    tag: "What does the <title> tag do?" in a CSV is text, not a document head."""
    if not _TAG.search(text):
        return False
    return not detect or is_html(text) or not _ANY_TAG.search(text)


def to_text(text: str, *, detect: bool = False) -> tuple[str, tuple[str, ...]]:
    """Return ``(text, image file names)`` for a field that may hold HTML (see
    :func:`looks_like_html` for ``detect``)."""
    for pattern, repl in _MATH:
        text = pattern.sub(repl, text)
    if not looks_like_html(text, detect=detect):
        return text.strip(), ()
    parser = _Flatten()
    parser.feed(text)
    parser.close()
    return parser.result(), tuple(dict.fromkeys(parser.images))


class _Flatten(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.lists: list[list[int | None]] = []  # per open list: [next number or None]
        self.images: list[str] = []
        self.drop = 0
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.drop += 1
        elif tag == "br":
            self._break()
        elif tag in ("ul", "ol"):
            self._break()
            self.lists.append([1 if tag == "ol" else None])
        elif tag == "li":
            self._break()
            marker = "- "
            if self.lists and self.lists[-1][0] is not None:
                n = self.lists[-1][0]
                self.lists[-1][0] = n + 1
                marker = f"{n}) "
            self.lines[-1] = "  " * max(len(self.lists) - 1, 0) + marker
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            if "://" in src or src.startswith("//"):
                # A remote image would make the site load from elsewhere: keep its address as text.
                self.lines[-1] += f" (image: {src}) "
            elif src and not src.lower().startswith(("javascript:", "data:")):
                self.images.append(src)
        elif tag in ("td", "th"):
            if self.lines[-1].strip():
                self.lines[-1] += " | "
        elif tag in _BLOCK:
            self.pre += tag == "pre"
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.drop = max(self.drop - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break()
        elif tag in _BLOCK or tag == "li":
            self.pre -= tag == "pre" and self.pre > 0
            self._break()

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        if self.pre:
            first, *rest = data.split("\n")
            self.lines[-1] += first
            self.lines.extend(rest)
            return
        flat = " ".join(data.split())
        if data[:1].isspace() and self.lines[-1] and not self.lines[-1].endswith(" "):
            flat = " " + flat
        if flat.strip():
            self.lines[-1] += flat + (" " if data[-1:].isspace() else "")

    def _break(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def result(self) -> str:
        lines = [ln.rstrip() for ln in self.lines]
        return "\n".join(ln for ln in lines if ln.strip()).strip()
