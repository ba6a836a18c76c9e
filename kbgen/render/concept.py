"""The concept page: a page that teaches one concept.

Top to bottom: title and aliases; the definition, from the card that defines the concept
(or an honest "no card defines it yet"); every card about the concept shown inline as
question and answer, grouped by deck, with one control that hides the answers for
self-testing; the study button; related concepts as one list, each with a plain-English
relation and the card that links them; the local graph.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from kbgen.contract import CardRecord, ConceptRecord
from kbgen.paging import LIST_LIMIT
from kbgen.render.cardhtml import raw, unlink
from kbgen.render.common import Context, front_matter
from kbgen.render.graphbox import graph_box
from kbgen.render.markdown import count, escape
from kbgen.render.study import study_links
from kbgen.slugs import concept_path, local_graph_path, site_root

#: Cards shown with their answers on a concept page: every card asking about the concept (a
#: hub's first 40), and cards mentioning it up to 5 in all; the others are listed as links.
#: Mentions are most of a concept's cards, and each is shown in full on its deck page: inline
#: they tripled the concept pages of a 50,000-card site (493 MB).
INLINE_LIMIT = 40
INLINE_MENTIONS = 5


def concept_page(ctx: Context, c: ConceptRecord) -> str:
    src = concept_path(c["id"])
    about = c["summary"] if c["definition"] and c["summary"] else \
        f"{c['label']} — a concept in {count(len(c['cards']), 'card')}."
    out = [front_matter(c["label"], tags=[c["label"], *c["aliases"]], boost=2, description=about),
           f"# {escape(c['label'])}\n"]
    if c["aliases"]:
        out.append("Also known as: " + ", ".join(f"**{escape(a)}**" for a in c["aliases"]) + "\n")
    out += _definition(ctx, src, c)
    out += _cards(ctx, src, c)
    out.append(study_links(ctx.index["decks"], [ctx.cards[i] for i in c["cards"]], src, c["id"]))
    out += _related(ctx, src, c)
    return "\n".join(out)


def _definition(ctx: Context, src: str, c: ConceptRecord) -> list[str]:
    """The lead under the title, before any section: a hover preview of a concept link
    shows the page up to its first section, so this is what a preview says."""
    if c["definition"] is None:
        where = f" It appears in the {count(len(c['cards']), 'card')} below." if c["cards"] else ""
        return [f'<p class="kb-definition kb-definition--none" markdown="span">*No card defines '
                f"{escape(c['label'])} yet.*{where}</p>\n"]
    card = ctx.cards[c["definition"]]
    return [raw(f'<div class="kb-definition">\n{unlink(ctx.html.answer(card, src), c["id"])}\n</div>\n'
                f'<p class="kb-from">Definition from {ctx.card_a(src, card["id"])}</p>')]


def _cards(ctx: Context, src: str, c: ConceptRecord) -> list[str]:
    """Cards asking about the concept first, then those that mention it, grouped by deck.

    HTML between Markdown headings (the deck names, in the table of contents); the plugin
    puts it in after search, which leaves this section out."""
    asked = set(c["asked"])
    ordered = sorted(c["cards"], key=lambda i: (i not in asked, ctx.deck_order[ctx.cards[i]["deck"]],
                                                ctx.card_order[i]))
    shown = min(INLINE_LIMIT, max(len(asked), INLINE_MENTIONS))
    inline, listed = ordered[:shown], ordered[shown:shown + LIST_LIMIT]
    by_deck: dict[str, list[str]] = defaultdict(list)
    for i in inline:
        by_deck[ctx.cards[i]["deck"]].append(i)
    out = ["## Cards { data-search-exclude }\n",
           raw('<div class="kb-cards">\n<p><label class="kb-cards__hide"><input type="checkbox" data-kb-hide-answers> '
               "Hide answers to test yourself</label></p>", search=False)]
    for deck_id in sorted(by_deck, key=ctx.deck_order.__getitem__):
        if len(by_deck) > 1:
            # Out of search like the section it is in: else each deck's cards are indexed
            # again on every concept page (search index 5.5 -> 16 MB at 10,000 cards).
            out.append(f"### {escape(ctx.decks[deck_id]['title'])} {{ data-search-exclude }}\n")
        out.append(raw("".join(_qa(ctx, src, ctx.cards[i], c["id"]) for i in by_deck[deck_id]), search=False))
    tail = []
    if listed:
        tail.append(f"<p>More cards about {escape(c['label'])}:</p>\n<ul>\n"
                    + "".join(f"<li>{ctx.card_a(src, i)}</li>\n" for i in listed) + "</ul>")
    rest = len(ordered) - len(inline) - len(listed)
    if rest > 0:
        tail.append(f"<p><em>… and {rest:,} more cards on their deck pages.</em></p>")
    return [*out, raw("\n".join([*tail, "</div>"]), search=False)]


def _qa(ctx: Context, src: str, card: CardRecord, concept_id: str) -> str:
    answer = unlink(ctx.html.answer(card, src), concept_id)
    return (f'<div class="kb-qa"><p class="kb-qa__q">{ctx.card_a(src, card["id"])}</p>\n'
            f'<div class="kb-answer">\n{answer}\n</div></div>\n')


def relation(ctx: Context, c: ConceptRecord, other: ConceptRecord, card_id: str) -> str:
    """How a card links two concepts, in words, as seen from ``c``'s page."""
    me = escape(c["label"])
    if card_id == c["definition"]:
        return f"appears in the definition of {me}"
    if card_id == other["definition"]:
        return f"defined with reference to {me}"
    if card_id in ctx.asked_set(c["id"]):
        return f"mentioned in a card about {me}"
    if card_id in ctx.asked_set(other["id"]):
        return f"a card about it mentions {me}"
    return f"appears with {me} in a card"


def _related(ctx: Context, src: str, c: ConceptRecord) -> list[str]:
    out = ["## Related concepts { data-search-exclude }\n"]
    links = ctx.neighbours[c["id"]]
    rows = []
    # hubs have thousands of links and show LIST_LIMIT: no need to sort them all
    for other, e in heapq.nsmallest(LIST_LIMIT, links, key=lambda oe: (-oe[1]["weight"], oe[0])):
        more = f" (and {count(len(e['cards']) - 1, 'more card')})" if len(e["cards"]) > 1 else ""
        rows.append(f"<li>{ctx.concept_a(src, other)} — {relation(ctx, c, ctx.concepts[other], e['cards'][0])}: "
                    f"{ctx.card_a(src, e['cards'][0])}{more}</li>\n")
    body = f"<ul>\n{''.join(rows)}</ul>" if rows else "<p><em>No related concepts yet.</em></p>"
    if len(links) > LIST_LIMIT:
        body += f"\n<p><em>… and {len(links) - LIST_LIMIT:,} more related concepts.</em></p>"
    out.append(raw(body, search=False))
    out.append(graph_box("local", site_root(src), local_graph_path(c["id"]),
                         "Graph of concepts related to this one", concept=c["id"]))
    return out
