"""Content index → Markdown pages. Pure: returns ``{doc path: text}`` and writes nothing."""

from __future__ import annotations

import functools
import heapq
import html
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import PurePosixPath

from kbgen.contract import ConceptRecord, ContentIndex, DeckRecord, LinkRecord
from kbgen.emit import Reused
from kbgen.paging import AZ_INLINE
from kbgen.render.concept import concept_page
from kbgen.render.decktree import card_images, deck_links, deck_list
from kbgen.render.graphbox import graph_box
from kbgen.render.links import Linker
from kbgen.render.markdown import count, escape, escape_marked, meta_text, render_answer
from kbgen.render.reuse import PageReuse
from kbgen.render.richhtml import answer_md, question_md
from kbgen.render.study import deck_study_link, due_badge, study_path, study_unit
from kbgen.render.tags import TAGS_PAGE, all_tags, tag_line
from kbgen.slugs import az_path, concept_path, deck_path, md_link, site_root

GRAPH_PAGE = "graph.md"
HOME = "index.md"
CONCEPTS_INDEX = "concepts/index.md"
DECKS_INDEX = "decks/index.md"


def render_pages(index: ContentIndex, *, home: bool = True,
                 tags: dict[str, str] | None = None) -> dict[str, str]:
    """All generated Markdown pages; ``home=False`` leaves ``index.md`` to its owner."""
    return {p: t for p, t in iter_pages(index, home=home, tags=tags) if isinstance(t, str)}


def iter_pages(index: ContentIndex, *, home: bool = True, tags: dict[str, str] | None = None,
               linker: Linker | None = None, reuse: PageReuse | None = None) -> Iterator[tuple[str, str | Reused]]:
    """``(doc path, text)`` of every page, one at a time, so the writer can drop each in turn;
    with ``reuse``, a deck or concept page whose inputs did not change is not rendered again."""
    ctx = _Context(index, tags, linker)
    yield CONCEPTS_INDEX, concepts_index(ctx)
    yield DECKS_INDEX, decks_index(ctx)
    yield GRAPH_PAGE, graph_page(ctx)
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


class _Context:
    """Lookups shared by the renderers, built once per index."""

    def __init__(self, index: ContentIndex, tags: dict[str, str] | None = None,
                 linker: Linker | None = None) -> None:
        self.index = index
        self.cards = {c["id"]: c for c in index["cards"]}
        self.concepts = {c["id"]: c for c in index["concepts"]}
        self.decks = {d["id"]: d for d in index["decks"]}
        self._tags = tags
        self.linker = linker or Linker(self.concepts)
        self.deck_order = {d["id"]: i for i, d in enumerate(index["decks"])}
        self.card_order = {c["id"]: i for i, c in enumerate(index["cards"])}
        self._asked: dict[str, frozenset[str]] = {}
        # A card or concept is linked from hundreds of pages, all in a few folders:
        # each link's Markdown is made once per folder.
        self._links: dict[tuple[str, str, str], str] = {}

    @cached_property
    def neighbours(self) -> dict[str, list[tuple[str, LinkRecord]]]:
        """Each concept's links; built on first use (the A–Z pages need none)."""
        out: dict[str, list[tuple[str, LinkRecord]]] = defaultdict(list)
        for link in self.index["links"]:
            out[link["source"]].append((link["target"], link))
            out[link["target"]].append((link["source"], link))
        return out

    @property
    def tags(self) -> dict[str, str]:
        """{tag: anchor on the tags page}: the caller's, or found on first use (A–Z pages need none)."""
        if self._tags is None:
            self._tags = all_tags(self.index)
        return self._tags

    def asked_set(self, concept_id: str) -> frozenset[str]:
        if (asked := self._asked.get(concept_id)) is None:
            asked = self._asked[concept_id] = frozenset(self.concepts[concept_id]["asked"])
        return asked

    def card_link(self, src: str, card_id: str) -> str:
        key = ("card", src.rpartition("/")[0], card_id)
        if (link := self._links.get(key)) is None:
            card = self.cards[card_id]
            dst = deck_path(card["deck"], card["page"])
            link = f"[{escape_marked(card['title'])}]({md_link(src, dst, card['anchor'])})"
            self._links[key] = link
        return link

    def concept_link(self, src: str, concept_id: str) -> str:
        key = ("concept", src.rpartition("/")[0], concept_id)
        if (link := self._links.get(key)) is None:
            c = self.concepts[concept_id]
            link = f"[{escape(c['label'])}]({md_link(src, concept_path(concept_id))})"
            self._links[key] = link
        return link


def front_matter(title: str, *, tags: Sequence[str] = (), boost: float | None = None,
                 search: bool = True, description: str = "") -> str:
    # MkDocs themes print page.title and tags without autoescaping (<title>, header, nav,
    # search results), so they are escaped here, then quoted as YAML-safe strings.
    lines = ["---", f"title: {meta_text(title)}"]
    if description:  # the page's <meta name="description">, instead of the site's
        lines.append(f"description: {meta_text(' '.join(description.split())[:300])}")
    if tags:
        lines.append(f"tags: [{', '.join(meta_text(t) for t in tags)}]")
    if not search:  # link lists: every entry is findable on its own page already
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join(lines + ["---", "", ""])


def initials(concepts: list[ConceptRecord]) -> dict[str, list[ConceptRecord]]:
    """Concepts grouped by the upper-case initial of their label ("#" when not a letter)."""
    groups: dict[str, list[ConceptRecord]] = defaultdict(list)
    for c in sorted(concepts, key=lambda c: (c["label"].lower(), c["id"])):
        first = c["label"][:1].upper()
        groups[first if first.isalpha() else "#"].append(c)
    return groups


def a_to_z(ctx: _Context, src: str, *, level: int = 2) -> str:
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


def home_page(ctx: _Context) -> str:
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


def _home_decks(ctx: _Context) -> list[str]:
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


def _key_concepts(ctx: _Context) -> list[str]:
    """The most important concepts (PageRank), with the first line of their definition."""
    top = heapq.nlargest(HOME_CONCEPTS, ctx.index["concepts"], key=lambda c: (c["rank"], c["id"]))
    rows = []
    for c in top:
        gloss = f" — {escape(c['summary'])}" if c["definition"] and c["summary"] else ""
        rows.append(f"- **{ctx.concept_link(HOME, c['id'])}**{gloss}")
    return rows or ["*No concepts yet.*"]


def concepts_index(ctx: _Context) -> str:
    return (front_matter("Concepts", search=False) + "# Concepts\n\n"
            + f"{count(len(ctx.index['concepts']), 'concept')}, A–Z.\n\n" + a_to_z(ctx, CONCEPTS_INDEX))


def decks_index(ctx: _Context) -> str:
    rows = deck_list(ctx.index["decks"], DECKS_INDEX)
    return front_matter("Decks", search=False) + "# Decks\n\n" + ("\n".join(rows) or "*No decks yet.*") + "\n"


def deck_pages(ctx: _Context, deck: DeckRecord) -> dict[str, str]:
    """The deck's pages: one, or several when the deck is too big for one page."""
    return {deck_path(deck["id"], n): deck_page(ctx, deck, n, ids) for n, ids in _deck_units(ctx, deck).items()}


def _deck_units(ctx: _Context, deck: DeckRecord) -> dict[int, list[str]]:
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


def deck_page(ctx: _Context, deck: DeckRecord, n: int = 1, cards: list[str] | None = None) -> str:
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
        out.append(f"## {question_md(card)} {{#{card['anchor']}}}\n")
        answer, shown = answer_md(card, src, ctx.linker)
        out.append(answer + "\n")
        out += card_images({**card, "media": [m for m in card["media"] if m not in shown]}, src)
        out += tag_line(card, src, ctx.tags)
        if card["source_url"].startswith(("https://", "http://")):
            out.append(f'<p class="kb-card-source"><a href="{html.escape(card["source_url"])}" '
                       'rel="noopener nofollow">Source</a></p>\n')
        if card["concepts"]:
            links = " · ".join(ctx.concept_link(src, c) for c in card["concepts"])
            out.append(f'<p class="kb-card-concepts" markdown="span" data-search-exclude>'
                       f"Concepts: {links}</p>\n")
    return "\n".join(out + _pager(deck, src, n))


def graph_page(ctx: _Context) -> str:
    return (front_matter("Concept graph") + "# Concept graph\n\n"
            + graph_box("global", site_root(GRAPH_PAGE), "assets/kbgen/graph-top.json", "Graph of all concepts") + "\n"
            f"Every concept is also listed [A–Z]({md_link(GRAPH_PAGE, CONCEPTS_INDEX)}).\n")
