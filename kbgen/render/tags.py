"""Card tags on the site: a chip line under each tagged card and one tags page.

The tags page lists, per tag, the cards that carry it (linked into their deck pages),
so a tag chip leads to the card's neighbours under the same tag. Tags are data like any
card text: escaped, and their anchors made by kbgen's own slug rule.
"""

from __future__ import annotations

from collections import defaultdict

from kbgen.contract import CardRecord, ContentIndex
from kbgen.paging import LIST_LIMIT
from kbgen.render.markdown import count, escape
from kbgen.slugs import TAGS_PAGE, deck_path, md_link, page_href, unique_slugs


def all_tags(index: ContentIndex) -> dict[str, str]:
    """Every tag of the site (sorted case-insensitively) with its anchor on the tags page:
    ``tag-<slug>``, numbered when two tags slug the same.

    >>> all_tags({"cards": [{"tags": ["Chapter_01", "Exam"]}, {"tags": ["chapter 01"]}]})
    {'chapter 01': 'tag-chapter-01-2', 'Chapter_01': 'tag-chapter-01', 'Exam': 'tag-exam'}
    """
    tags = {t for c in index["cards"] for t in c["tags"]}
    anchors = unique_slugs(tags, max_len=60, prefix="tag-", reserved=())
    return {t: anchors[t] for t in sorted(tags, key=lambda t: (t.lower(), t))}


def tag_line(card: CardRecord, src: str, anchors: dict[str, str]) -> list[str]:
    """The chip line for a card with tags (HTML for :func:`kbgen.render.cardhtml.raw`), or nothing."""
    if not card["tags"]:
        return []
    chips = " ".join(f'<a class="kb-tag" href="{page_href(src, TAGS_PAGE, anchors[t])}">{escape(t)}</a>'
                     for t in card["tags"])
    return [f'<p class="kb-card-tags" data-search-exclude>Tags: {chips}</p>']


def tags_page(index: ContentIndex, anchors: dict[str, str]) -> dict[str, str]:
    """The tags page, or nothing when no card has a tag."""
    if not anchors:
        return {}
    cards_of: dict[str, list[CardRecord]] = defaultdict(list)
    for c in index["cards"]:
        for t in c["tags"]:
            cards_of[t].append(c)
    out = ["---\ntitle: Tags\nsearch:\n  exclude: true\n---\n", "# Tags\n",
           " · ".join(f"[{escape(t)}](#{a}) ({len(cards_of[t])})" for t, a in anchors.items()) + "\n"]
    for tag, anchor in anchors.items():
        cards = cards_of[tag]
        out.append(f"## {escape(tag)} {{#{anchor}}}\n")
        out.append(f"{count(len(cards), 'card')}.\n")
        out += [f"- [{escape(c['title'])}]({md_link(TAGS_PAGE, deck_path(c['deck'], c['page']), c['anchor'])})"
                for c in cards[:LIST_LIMIT]]
        if len(cards) > LIST_LIMIT:
            out.append(f"- … and {len(cards) - LIST_LIMIT:,} more")
        out.append("")
    return {TAGS_PAGE: "\n".join(out)}
