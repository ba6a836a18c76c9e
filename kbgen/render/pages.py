"""Content index → Markdown pages. Pure: returns ``{doc path: text}`` and writes nothing."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from kbgen.render.decktree import card_images, deck_links, deck_list
from kbgen.render.markdown import escape, heading, meta_text, render_answer
from kbgen.render.study import study_links, study_path
from kbgen.slugs import concept_path, deck_path, md_link, site_root

GRAPH_PAGE = "graph.md"
HOME = "index.md"
CONCEPTS_INDEX = "concepts/index.md"
DECKS_INDEX = "decks/index.md"


def render_pages(index: dict, *, home: bool = True) -> dict[str, str]:
    """All generated Markdown pages; ``home=False`` leaves ``index.md`` to its owner."""
    ctx = _Context(index)
    files = {CONCEPTS_INDEX: concepts_index(ctx), DECKS_INDEX: decks_index(ctx),
             GRAPH_PAGE: graph_page(ctx)}
    if home:
        files[HOME] = home_page(ctx)
    for deck in index["decks"]:
        files[deck_path(deck["id"])] = deck_page(ctx, deck)
    for concept in index["concepts"]:
        files[concept_path(concept["id"])] = concept_page(ctx, concept)
    return files


class _Context:
    """Lookups shared by the renderers, built once per index."""

    def __init__(self, index: dict) -> None:
        self.index = index
        self.cards = {c["id"]: c for c in index["cards"]}
        self.concepts = {c["id"]: c for c in index["concepts"]}
        self.decks = {d["id"]: d for d in index["decks"]}
        self.neighbours: dict[str, list[dict]] = defaultdict(list)
        for link in index["links"]:
            self.neighbours[link["source"]].append({**link, "other": link["target"]})
            self.neighbours[link["target"]].append({**link, "other": link["source"]})

    def card_link(self, src: str, card_id: str) -> str:
        card = self.cards[card_id]
        return f"[{escape(card['question'])}]({md_link(src, deck_path(card['deck']), card['anchor'])})"

    def concept_link(self, src: str, concept_id: str) -> str:
        c = self.concepts[concept_id]
        return f"[{escape(c['label'])}]({md_link(src, concept_path(concept_id))})"


def front_matter(title: str, *, tags: list[str] = (), boost: float | None = None) -> str:
    # MkDocs themes print page.title and tags without autoescaping (<title>, header, nav,
    # search results), so they are escaped here, then quoted as YAML-safe strings.
    lines = ["---", f"title: {meta_text(title)}"]
    if tags:
        lines.append(f"tags: [{', '.join(meta_text(t) for t in tags)}]")
    if boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join(lines + ["---", "", ""])


def a_to_z(ctx: _Context, src: str) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    for c in sorted(ctx.index["concepts"], key=lambda c: (c["label"].lower(), c["id"])):
        first = c["label"][:1].upper()
        groups[first if first.isalpha() else "#"].append(c)
    out = []
    for letter in sorted(groups):
        out.append(f"### {escape(letter)}\n")
        out += [f"- {ctx.concept_link(src, c['id'])}" for c in groups[letter]]
        out.append("")
    return "\n".join(out) if out else "*No concepts yet.*\n"


def home_page(ctx: _Context) -> str:
    idx = ctx.index
    counts = (f"**{len(idx['decks'])}** decks · **{len(idx['cards'])}** cards · "
              f"**{len(idx['concepts'])}** concepts · **{len(idx['links'])}** links")
    decks = deck_list(idx["decks"], HOME)
    return (front_matter("Knowledge base") + "# Knowledge base\n\n" + counts + "\n\n"
            + f"Explore the [concept graph]({md_link(HOME, GRAPH_PAGE)}) or browse below.\n\n"
            + "## Decks\n\n" + ("\n".join(decks) or "*No decks yet.*") + "\n\n"
            + "## Concepts A–Z\n\n" + a_to_z(ctx, HOME))


def concepts_index(ctx: _Context) -> str:
    return (front_matter("Concepts") + "# Concepts\n\n"
            + f"{len(ctx.index['concepts'])} concepts, A–Z.\n\n" + a_to_z(ctx, CONCEPTS_INDEX))


def decks_index(ctx: _Context) -> str:
    rows = deck_list(ctx.index["decks"], DECKS_INDEX)
    return front_matter("Decks") + "# Decks\n\n" + ("\n".join(rows) or "*No decks yet.*") + "\n"


def deck_page(ctx: _Context, deck: dict) -> str:
    src = deck_path(deck["id"])
    out = [front_matter(deck["title"]), f"# {escape(deck['title'])}\n",
           f"{len(deck['cards'])} cards · from {escape(PurePosixPath(deck['source']).name)} · "
           f"[Study this deck]({md_link(src, study_path(deck['id']))})\n"]
    if deck.get("description"):
        out.append(render_answer(deck["description"]) + "\n")
    out += deck_links(ctx.index["decks"], deck)
    for card_id in deck["cards"]:
        card = ctx.cards[card_id]
        out.append(f"## {heading(card['question'])} {{#{card['anchor']}}}\n")
        out.append(render_answer(card["answer"]) + "\n")
        out += card_images(card, src)
        if card["concepts"]:
            links = " · ".join(ctx.concept_link(src, c) for c in card["concepts"])
            out.append(f'<p class="kb-card-concepts" markdown="span">Concepts: {links}</p>\n')
    return "\n".join(out)


def concept_page(ctx: _Context, c: dict) -> str:
    src = concept_path(c["id"])
    out = [front_matter(c["label"], tags=[c["label"], *c["aliases"]], boost=2),
           f"# {escape(c['label'])}\n"]
    if c["aliases"]:
        out.append("Also known as: " + ", ".join(f"**{escape(a)}**" for a in c["aliases"]) + "\n")
    out += _definition(ctx, src, c)
    out.append("## Cards\n")
    out += [f"- {ctx.card_link(src, card)}" for card in c["cards"]]
    out.append("")
    out.append(study_links(ctx.index["decks"], [ctx.cards[i] for i in c["cards"]], src, c["id"]))
    out += _related(ctx, src, c)
    out += _backlinks(ctx, src, c)
    return "\n".join(out)


def _definition(ctx: _Context, src: str, c: dict) -> list[str]:
    card_id = c["definition"] or (c["cards"][0] if c["cards"] else None)
    if card_id is None:
        return []
    heading = "Definition" if c["definition"] else "From the cards"
    card = ctx.cards[card_id]
    return [f"## {heading}\n", render_answer(card["answer"]) + "\n",
            f"<small>From {ctx.card_link(src, card_id)}</small>\n"]


def _related(ctx: _Context, src: str, c: dict) -> list[str]:
    out = ["## Related concepts\n",
           f'<div class="kb-graph kb-graph--local" data-kb-graph="local" data-kb-concept="{c["id"]}" '
           f'data-kb-root="{site_root(src)}" role="img" '
           f'aria-label="Graph of concepts related to this one"></div>\n']
    links = sorted(ctx.neighbours[c["id"]], key=lambda e: (-e["weight"], e["other"]))
    if not links:
        return out + ["*No related concepts yet.*\n"]
    for e in links:
        via = ctx.card_link(src, e["cards"][0])
        out.append(f"- {ctx.concept_link(src, e['other'])} ({e['kind']}, {e['weight']} "
                   f"card{'s' if e['weight'] != 1 else ''}): {via}")
    return out + [""]


def _backlinks(ctx: _Context, src: str, c: dict) -> list[str]:
    mine = set(c["cards"])
    back = sorted(e["other"] for e in ctx.neighbours[c["id"]]
                  if mine & set(ctx.concepts[e["other"]]["asked"]))
    if not back:
        return []
    return ["## Backlinks\n", *[f"- {ctx.concept_link(src, o)}" for o in back], ""]


def graph_page(ctx: _Context) -> str:
    return (front_matter("Concept graph") + "# Concept graph\n\n"
            f'<div class="kb-graph kb-graph--global" data-kb-graph="global" '
            f'data-kb-root="{site_root(GRAPH_PAGE)}" role="img" aria-label="Graph of all concepts"></div>\n\n'
            f"Every concept is also listed [A–Z]({md_link(GRAPH_PAGE, CONCEPTS_INDEX)}).\n")
