"""Deck nesting and card images on pages: indented deck lists, parent links, sub-deck lists."""

from __future__ import annotations

from kbgen.contract import DeckRecord
from kbgen.render.markdown import count, escape
from kbgen.slugs import deck_path, md_link


def depths(decks: list[DeckRecord]) -> dict[str, int]:
    by_id = {d["id"]: d for d in decks}
    out: dict[str, int] = {}
    for d in decks:
        n, p = 0, d["parent"]
        while p is not None and p in by_id and n < 50:
            n, p = n + 1, by_id[p]["parent"]
        out[d["id"]] = n
    return out


def deck_list(decks: list[DeckRecord], src: str) -> list[str]:
    """A Markdown list of decks, sub-decks indented under their parents (decks are in tree order)."""
    depth = depths(decks)
    return [f"{'    ' * depth[d['id']]}- [{escape(d['title'])}]({md_link(src, deck_path(d['id']))}) "
            f"({count(len(d['cards']), 'card')})" for d in decks]


def deck_links(decks: list[DeckRecord], deck: DeckRecord) -> list[str]:
    """Lines for a deck page: its parent deck and its sub-decks, if any."""
    src = deck_path(deck["id"])
    by_id = {d["id"]: d for d in decks}
    out = []
    parent = by_id.get(deck["parent"]) if deck["parent"] is not None else None
    if parent is not None:
        out.append(f"Part of [{escape(parent['title'])}]({md_link(src, deck_path(parent['id']))})\n")
    children = [d for d in decks if d["parent"] == deck["id"]]
    if children:
        out.append("Sub-decks:\n")
        out.append("\n".join(f"- [{escape(d['title'])}]({md_link(src, deck_path(d['id']))}) "
                             f"({count(len(d['cards']), 'card')})" for d in children) + "\n")
    return out
