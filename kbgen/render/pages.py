"""Content index → Markdown pages. Pure: returns ``{doc path: text}`` and writes nothing."""

from __future__ import annotations

import functools
import heapq
import html
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath

from kbgen.contract import CardRecord, ContentIndex, DeckRecord
from kbgen.paging import AZ_INLINE
from kbgen.render.cardhtml import raw
from kbgen.render.common import Context, front_matter, initials
from kbgen.render.concept import concept_page
from kbgen.render.decktree import deck_links, deck_list
from kbgen.render.links import Linker
from kbgen.render.markdown import count, escape, render_answer
from kbgen.render.reuse import PageReuse, Reused
from kbgen.render.richhtml import question_md
from kbgen.render.study import deck_study_link, due_badge
from kbgen.render.tags import tag_line
from kbgen.slugs import (
    CONCEPTS_INDEX,
    DECKS_INDEX,
    GRAPH_PAGE,
    HOME,
    TAGS_PAGE,
    az_path,
    concept_path,
    deck_path,
    md_link,
    study_path,
    study_unit,
)


def render_pages(index: ContentIndex, *, home: bool = True,
                 tags: dict[str, str] | None = None) -> dict[str, str]:
    """All generated Markdown pages; ``home=False`` leaves ``index.md`` to its owner."""
    return {p: t for p, t in iter_pages(index, home=home, tags=tags) if isinstance(t, str)}


def iter_pages(index: ContentIndex, *, home: bool = True, tags: dict[str, str] | None = None,
               linker: Linker | None = None, reuse: PageReuse | None = None) -> Iterator[tuple[str, str | Reused]]:
    """``(doc path, text)`` of every page, one at a time, so the writer can drop each in turn;
    with ``reuse``, a deck or concept page whose inputs did not change is not rendered again."""
    ctx = Context(index, tags, linker)
    yield CONCEPTS_INDEX, concepts_index(ctx)
    yield DECKS_INDEX, decks_index(ctx)
    if home:
        yield HOME, home_page(ctx)
    for deck in index["decks"]:
        for n, ids in _deck_units(ctx, deck).items():
            render = functools.partial(deck_page, ctx, deck, n, ids)
            yield deck_path(deck["id"], n), reuse.page(deck_path(deck["id"], n), functools.partial(
                reuse.cards_key, deck, n, ids), render) if reuse else render()
    for concept in index["concepts"]:
        render = functools.partial(concept_page, ctx, concept)
        yield concept_path(concept["id"]), reuse.page(concept_path(concept["id"]), functools.partial(
            reuse.concept_key, concept), render) if reuse else render()


def a_to_z(ctx: Context, src: str, *, level: int = 2) -> str:
    """The concepts A–Z under headings of ``level``, in columns (``kb-az``) to stay short."""
    groups = initials(ctx.index["concepts"])
    if len(ctx.index["concepts"]) > AZ_INLINE:  # one page per initial keeps pages small
        return " · ".join(f"[{escape(k)}]({md_link(src, az_path(k))}) ({len(v)})"
                          for k, v in sorted(groups.items())) + "\n"
    out = ['<div class="kb-az" markdown>\n']
    for letter in sorted(groups):
        out.append(f"{'#' * level} {escape(letter)}\n")
        out += [f"- {ctx.concept_link(src, c['id'])}" for c in groups[letter]]
        out.append("")
    return "\n".join([*out, "</div>\n"]) if groups else "*No concepts yet.*\n"


#: Concepts the home page offers as a place to start, most important first.
HOME_CONCEPTS = 12


def home_page(ctx: Context) -> str:
    idx = ctx.index
    counts = " · ".join(f"**{count(len(idx[k]), k[:-1]).replace(' ', '** ', 1)}"
                        for k in ("decks", "cards", "concepts", "links"))
    graph = md_link(HOME, GRAPH_PAGE)
    return (front_matter("Knowledge base", search=False,
                         description=f"A knowledge base of {count(len(idx['concepts']), 'concept')} "
                                     f"from {count(len(idx['cards']), 'flashcard')}.")
            + "# Knowledge base\n\n" + counts + "\n\n" + due_badge(HOME) + "\n\n"
            + "Start with a key concept below, follow the links between concepts, explore them all in the "
              f"[concept graph]({graph}), or study a deck card by card."
            + (f" Cards are also grouped [by tag]({md_link(HOME, TAGS_PAGE)})." if ctx.tags else "") + "\n\n"
            + "## Decks\n\n" + "\n".join(_home_decks(ctx)) + "\n\n"
            + "## Key concepts\n\n" + "\n".join(_key_concepts(ctx)) + "\n\n"
            + "## Concepts A–Z\n\n" + a_to_z(ctx, HOME, level=3))


def _home_decks(ctx: Context) -> list[str]:
    """Top-level decks with every card under them counted, each with a study link."""
    decks = ctx.index["decks"]
    total = {d["id"]: len(d["cards"]) for d in decks}
    for d in reversed(decks):  # tree order: children come after their parent
        if d["parent"] in total:
            total[d["parent"]] += total[d["id"]]
    rows = []
    for d in decks:
        if d["parent"] is None:
            study = (f" · [Study]({md_link(HOME, study_path(study_unit(d['id'])))})" if d["cards"] else "")
            rows.append(f"- [{escape(d['title'])}]({md_link(HOME, deck_path(d['id']))}) · "
                        f"{count(total[d['id']], 'card')}{study}")
    return rows or ["*No decks yet.*"]


def _key_concepts(ctx: Context) -> list[str]:
    """The most important concepts (PageRank), with the first line of their definition."""
    top = heapq.nlargest(HOME_CONCEPTS, ctx.index["concepts"], key=lambda c: (c["rank"], c["id"]))
    rows = []
    for c in top:
        gloss = f" — {escape(c['summary'])}" if c["definition"] and c["summary"] else ""
        rows.append(f"- **{ctx.concept_link(HOME, c['id'])}**{gloss}")
    return rows or ["*No concepts yet.*"]


def concepts_index(ctx: Context) -> str:
    return (front_matter("Concepts", search=False) + "# Concepts\n\n"
            + f"{count(len(ctx.index['concepts']), 'concept')}, A–Z.\n\n" + a_to_z(ctx, CONCEPTS_INDEX))


def decks_index(ctx: Context) -> str:
    rows = deck_list(ctx.index["decks"], DECKS_INDEX)
    return front_matter("Decks", search=False) + "# Decks\n\n" + ("\n".join(rows) or "*No decks yet.*") + "\n"


def deck_pages(ctx: Context, deck: DeckRecord) -> dict[str, str]:
    """The deck's pages: one, or several when the deck is too big for one page."""
    return {deck_path(deck["id"], n): deck_page(ctx, deck, n, ids) for n, ids in _deck_units(ctx, deck).items()}


def _deck_units(ctx: Context, deck: DeckRecord) -> dict[int, list[str]]:
    """{page number: its card ids}, every page of the deck present."""
    pages: dict[int, list[str]] = defaultdict(list)
    for card_id in deck["cards"]:
        pages[ctx.cards[card_id]["page"]].append(card_id)
    return {n: pages.get(n, []) for n in range(1, len(deck["pages"]) + 1)}


def _pager(deck: DeckRecord, src: str, n: int) -> list[str]:
    if len(deck["pages"]) == 1:
        return []
    links = [f"**{i}**" if i == n else f"[{i}]({md_link(src, deck_path(deck['id'], i))})"
             for i in range(1, len(deck["pages"]) + 1)]
    return ['<p class="kb-pager" markdown="span" data-search-exclude>Pages: '
            + " · ".join(links) + "</p>\n"]


def _card_body(ctx: Context, card: CardRecord, src: str) -> str:
    """Everything under a card's question on its deck page, as HTML (search indexes it)."""
    # data-kb-card: a study session takes the card's question (the heading before) and answer from here
    answer = ctx.html.answer(card, src)
    out = [f'<div class="kb-card-answer" data-kb-card="{html.escape(card["id"])}">\n{answer}\n</div>',
           *tag_line(card, src, ctx.tags)]
    if card["source_url"].startswith(("https://", "http://")):
        out.append(f'<p class="kb-card-source"><a href="{html.escape(card["source_url"])}" '
                   'rel="noopener nofollow">Source</a></p>')
    if card["concepts"]:
        links = " · ".join(ctx.concept_a(src, c) for c in card["concepts"])
        out.append(f'<p class="kb-card-concepts" data-search-exclude>Concepts: {links}</p>')
    return "\n".join(out)


def deck_page(ctx: Context, deck: DeckRecord, n: int = 1, cards: list[str] | None = None) -> str:
    src, total = deck_path(deck["id"], n), len(deck["pages"])
    title = deck["title"] if total == 1 else f"{deck['title']} ({n}/{total})"
    out = [front_matter(title, description=f"{deck['title']} — {count(len(deck['cards']), 'flashcard')}."),
           f"# {escape(title)}\n",
           f"{len(deck['cards'])} cards · from {escape(PurePosixPath(deck['source']).name)}\n",
           deck_study_link(src, deck["id"]) + "\n"]
    if deck.get("description") and n == 1:
        out.append(render_answer(deck["description"]) + "\n")
    out += deck_links(ctx.index["decks"], deck) + _pager(deck, src, n)
    for card_id in deck["cards"] if cards is None else cards:
        card = ctx.cards[card_id]
        out += [f"## {question_md(card)} {{#{card['anchor']}}}\n", raw(_card_body(ctx, card, src))]
    return "\n".join(out + _pager(deck, src, n))
