"""A card's sanitised HTML (``question_html``/``answer_html``) placed on a Markdown page.

The fragment passed :func:`kbgen.rich.sanitise` when the deck was read. Here it only
gets its images' URLs and is wrapped so that Python-Markdown leaves it alone: one
``<div>`` on one line is a raw HTML block, which Markdown, ``attr_list`` and
``md_in_html`` never parse. Line breaks (inside ``<pre>``) and braces become character
references, and so do tabs, so nothing in the block reads as Markdown or as a template.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import quote

from kbgen.contract import CardRecord
from kbgen.render.markdown import escape, heading
from kbgen.rich import MEDIA
from kbgen.slugs import media_path, site_root

_SRC = re.compile(f' src="{MEDIA}([^"]*)"')
# The sanitiser writes every image as <img src=… alt=…> and escapes "<" and ">" in values.
_IMG = re.compile(f'<img src="{MEDIA}([^"]*)"(?: alt="([^"]*)")?[^>]*>')
_INLINE = {"b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code",
           "kbd", "samp", "var", "q", "cite", "abbr"}
_KEEP_CLASS = {"arithmatex", "kb-cloze"}


def question_md(card: CardRecord) -> str:
    """The card's question as heading text: its inline formatting kept when it has some
    (and its deck puts no shared prefix or suffix on it, which the plain title leaves out)."""
    title = card.get("title") or card["question"]
    if card.get("question_html") and title == card["question"]:
        return inline(card["question_html"], escape) or heading(title)
    return heading(title)


def shown_images(card: CardRecord) -> set[str]:
    """The doc paths of the images the card's formatted answer shows inline."""
    return {media_path(card["deck"], html.unescape(n)) for n in _SRC.findall(card["answer_html"])}


def block(fragment: str, card: CardRecord, src: str) -> str:
    """A raw HTML block for the page ``src`` showing ``card``."""
    text = _media(fragment, card, src)
    # Markdown would also expand tabs (in code, where they matter).
    text = text.replace("\n", "&#10;").replace("\t", "&#9;").replace("{", "&#123;").replace("}", "&#125;")
    return f'<div class="kb-rich">{text}</div>'


def _media(fragment: str, card: CardRecord, src: str) -> str:
    shown = set(card.get("media", ()))
    root = site_root(src)

    def image(m: re.Match[str]) -> str:
        path = media_path(card["deck"], html.unescape(m.group(1)))
        if path in shown:
            return m.group(0).replace(f'"{MEDIA}{m.group(1)}"', f'"{root}{quote(path)}"', 1)
        # An image the deck did not ship (the reader warned): its alt text, and no request.
        return f'<span class="kb-missing-image">{m.group(2) or m.group(1)}</span>'

    return _IMG.sub(image, fragment)


def inline(fragment: str, escape: Callable[[str], str]) -> str:
    """Inline Markdown for a heading: the fragment's inline formatting (code, emphasis,
    sub/sup, maths, cloze) as HTML tags, its text through ``escape``, everything else
    (blocks, links, images) reduced to its text. ``escape`` is the page's own
    :func:`kbgen.render.markdown.escape`, so the heading text is exactly as inert."""
    p = _Inline(escape)
    p.feed(fragment)
    p.close()
    return " ".join("".join(p.out).split())


class _Inline(HTMLParser):
    def __init__(self, escape: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.escape = escape
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "div", "li", "tr", "td", "th"):
            self.out.append(" ")
        if tag in _INLINE or tag == "span":
            classes = [c for c in (dict(attrs).get("class") or "").split() if c in _KEEP_CLASS]
            cls = f' class="{" ".join(classes)}"' if classes else ""
            self.out.append(f"<{tag}{cls}>")
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open:  # the fragment is well formed: this closes the innermost first
                t = self.open.pop()
                self.out.append(f"</{t}>")
                if t == tag:
                    break

    def handle_data(self, data: str) -> None:
        if data.strip():
            lead = " " if data[:1].isspace() else ""
            trail = " " if data[-1:].isspace() else ""
            self.out.append(lead + self.escape(data) + trail)
        elif data:
            self.out.append(" ")

    def close(self) -> None:
        super().close()
        self.out += [f"</{t}>" for t in reversed(self.open)]
