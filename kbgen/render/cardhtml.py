"""Cards as HTML that kbgen writes once and MkDocs passes through untouched.

A card's answer is shown on its deck page, on its deck's study page and on the page of
every concept it is about: at 50,000 cards, 300,000 answers. Written as Markdown, each
was linked again for every page and converted again by Python-Markdown for every page
(two thirds of a site build). Here a card's HTML is made once per depth of the pages
that show it (its links depend only on the depth), and pages hold it between
:data:`RAW` (or :data:`RAW_LATE`) and :data:`END` lines: the ``kbgen`` MkDocs plugin takes
those lines out before Markdown runs and puts them back into the page's HTML, in
``on_page_content`` (search indexes them) or, for ``RAW_LATE``, ``on_post_page`` (search
never parses them: sections it excludes anyway). The text inside is what Markdown would
have made of the same card; card text in it went through :mod:`kbgen.render.markdown`'s
escaping or the sanitiser, so it holds character references, never markup of its own.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from kbgen.contract import CardRecord
from kbgen.render.links import Linker, link_html, link_plain
from kbgen.render.markdown import answer_html, escape, escape_marked, marked_text
from kbgen.render.richhtml import block, shown_images
from kbgen.slugs import concept_path, deck_path, doc_url, page_href, site_root

RAW = "<!--kb:raw-->"
RAW_LATE = "<!--kb:raw-late-->"
END = "<!--/kb:raw-->"


def raw(text: str, *, search: bool = True) -> str:
    """``text`` (HTML, any number of lines) for a page, passed through by the plugin; with
    ``search=False`` it goes in after search indexed the page (only inside sections or
    pages search leaves out, or its placeholder would be indexed)."""
    return f"{RAW if search else RAW_LATE}\n{text}\n{END}\n"


def images_html(paths: list[str], src: str) -> str:
    """The card's images (doc paths), each in its own paragraph, alt text its file name."""
    root = site_root(src)
    return "".join(f'<p><img alt="{escape(p.rsplit("/", 1)[-1])}" src="{root}{quote(p)}"></p>\n' for p in paths)


class CardHtml:
    """Each card's answer as HTML, with its concept links, made once per depth of pages."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self._answers: dict[tuple[str, int], str] = {}

    def answer(self, card: CardRecord, src: str) -> str:
        """The answer for a page as deep as ``src``, then the images it does not show inline.

        Links are written from the site root down (``../../concepts/x/``, not ``../x/`` on a
        concept page), so a deck page and every concept page showing the card share one
        rendering; and as from a page of no concept (``--`` is in no slug), so a link to a
        concept's own page has the form :func:`unlink` removes."""
        depth = doc_url(src).count("/")
        if (out := self._answers.get((card["id"], depth))) is None:
            out = self._answers[card["id"], depth] = self._render(card, "/".join(["--"] * depth) + ".md")
        return out

    def _render(self, card: CardRecord, src: str) -> str:
        used: set[str] = set()
        if card.get("answer_html"):
            shown = shown_images(card)
            text = block(link_html(card["answer_html"], card["concepts"], self.linker, src, used), card, src)
        else:
            shown = set()

            def line(text: str) -> str:
                text, marks = marked_text(text)
                spans = self.linker.spans(text, card["concepts"], used, blocked=marks)
                return link_plain(text, spans, escape_marked, src) if spans else escape_marked(text)
            text = answer_html(card["answer"], line)
        rest = [m for m in card["media"] if m not in shown]
        return text + ("\n" + images_html(rest, src).rstrip("\n") if rest else "")


def unlink(text: str, concept_id: str) -> str:
    """``text`` (:meth:`CardHtml.answer` for a concept page) without its links to
    ``concept_id``'s own page: a concept page does not link to itself."""
    href = f'href="../../{concept_path(concept_id)[:-3]}/"'
    if href not in text:
        return text
    return re.sub(rf'<a {re.escape(href)}[^>]*>([^<]*)</a>', r"\1", text)


def card_href(card: CardRecord, src: str) -> str:
    """The ``href`` of the card on its deck page, from a page ``src``."""
    return page_href(src, deck_path(card["deck"], card["page"]), card["anchor"])
