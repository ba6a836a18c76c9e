"""Study mode: one page per deck at ``decks/<slug>/study/`` and its card data.

The page carries every card of the deck, rendered exactly like on the deck page, in a
hidden block; ``assets/kbgen/study.js`` shows them one at a time and schedules them.
What the script needs to schedule (card order and each card's concepts) comes from a
generated JSON file, ``assets/kbgen/study/<slug>.json``, never from an inline script.
The page is excluded from search, so cards are found on their deck page only.
"""

from __future__ import annotations

import html
import json

from kbgen.render.graphdata import ASSET_DIR
from kbgen.render.markdown import escape, meta_text
from kbgen.render.richhtml import answer_md, question_md
from kbgen.slugs import deck_path, doc_url, md_link, site_root

GRADES = (("1", "Again"), ("2", "Hard"), ("3", "Good"), ("4", "Easy"))


def study_path(deck_slug: str) -> str:
    return f"decks/{deck_slug}/study.md"


def study_unit(deck_slug: str, page: int = 1) -> str:
    """What one study page covers: a deck, or one page of a deck split into pages.

    The unit is named like the deck page's file (``<slug>`` or ``<slug>--2``), so its
    study page sits next to it and no study page carries more cards than a deck page.
    """
    return deck_slug if page == 1 else f"{deck_slug}--{page}"


def _units(deck: dict, cards: dict[str, dict]) -> list[dict]:
    pages: dict[int, list[str]] = {}
    for cid in deck["cards"]:
        pages.setdefault(cards[cid].get("page", 1), []).append(cid)
    total = len(deck.get("pages", [])) or 1
    if total == 1:
        return [deck]
    return [{**deck, "id": study_unit(deck["id"], n), "title": f"{deck['title']} ({n}/{total})",
             "cards": pages.get(n, [])} for n in range(1, total + 1)]


def study_data_path(deck_slug: str) -> str:
    return f"{ASSET_DIR}/study/{deck_slug}.json"


def render_study(index: dict) -> dict[str, str]:
    """The study page and study data of every deck."""
    cards = {c["id"]: c for c in index["cards"]}
    labels = {c["id"]: c["label"] for c in index["concepts"]}
    files = {}
    for deck in (u for d in index["decks"] for u in _units(d, cards)):
        files[study_path(deck["id"])] = study_page(deck, [cards[c] for c in deck["cards"]])
        files[study_data_path(deck["id"])] = study_data(deck, cards, labels)
    return files


def study_data(deck: dict, cards: dict[str, dict], labels: dict[str, str]) -> str:
    used = sorted({c for cid in deck["cards"] for c in cards[cid]["concepts"]})
    data = {"version": 1, "deck": deck["id"], "title": deck["title"],
            "cards": [{"id": cid, "concepts": cards[cid]["concepts"]} for cid in deck["cards"]],
            "concepts": {c: labels[c] for c in used}}
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def study_page(deck: dict, cards: list[dict]) -> str:
    src = study_path(deck["id"])
    title = f"Study: {deck['title']}"
    head = ("---\n" f"title: {meta_text(title)}\n"
            "search:\n  exclude: true\n---\n\n")
    back = md_link(src, deck_path(deck["id"]))
    grades = "".join(f'<button type="button" class="md-button" data-kb-grade="{n}" '
                     f'title="Key {n}">{label} <kbd>{n}</kbd></button>' for n, label in GRADES)
    ui = f"""<div class="kb-study" data-kb-study data-kb-deck="{_attr(deck['id'])}" data-kb-root="{site_root(src)}">
<p class="kb-study-counts" data-kb-counts aria-live="polite">Loading the cards…</p>
<p class="kb-study-filter" data-kb-filter hidden></p>
<div class="kb-study-card">
<div class="kb-study-question" data-kb-question></div>
<div class="kb-study-answer" data-kb-answer hidden></div>
<p class="kb-study-done" data-kb-done hidden></p>
</div>
<div class="kb-study-actions">
<button type="button" class="md-button md-button--primary" data-kb-reveal hidden>Show answer <kbd>Space</kbd></button>
<span class="kb-study-grades" data-kb-grades hidden>{grades}</span>
</div>
<p class="kb-study-footer"><button type="button" class="kb-study-reset" data-kb-reset>Reset progress</button></p>
</div>
"""
    return (head + f"# {escape(title)}\n\n"
            + "One card at a time, scheduled with SM-2; progress stays in this browser. "
            + f"[Back to the deck]({back})\n\n" + ui + "\n" + _card_blocks(cards, src))


def _card_blocks(cards: list[dict], src: str) -> str:
    # md_in_html renders each block with the same Markdown as the deck page.
    out = ['<div class="kb-study-cards" data-kb-cards hidden markdown="1">\n']
    for card in cards:
        out.append(f'<div data-kb-card="{_attr(card["id"])}" markdown="1">\n')
        out.append(f'<div class="kb-study-q" markdown="1">\n\n{question_md(card)}\n\n</div>\n')
        out.append(f'<div class="kb-study-a" markdown="1">\n\n{answer_md(card, src)[0]}\n\n</div>\n')
        out.append("</div>\n")
    out.append("</div>\n")
    return "\n".join(out)


def study_links(decks: list[dict], cards: list[dict], src: str, concept_id: str) -> str:
    """'Study these cards' from a concept page: a link per deck holding its ``cards``."""
    count: dict[str, int] = {}
    for card in cards:
        unit = study_unit(card["deck"], card.get("page", 1))
        count[unit] = count.get(unit, 0) + 1
    units = sorted(count, key=_unit_order)
    used = [{**d, "id": u} for d in decks for u in units
            if u == d["id"] or u.startswith(d["id"] + "--")]
    links = []
    for deck in used:
        n = count[deck["id"]]
        url = site_root(src) + doc_url(study_path(deck["id"])) + f"?concept={concept_id}"
        where = f" in {html.escape(deck['title'])}" if len(used) > 1 else ""
        links.append(f'<a class="md-button kb-study-link" href="{_attr(url)}" data-kb-study-link>'
                     f"Study these {n} card{'s' if n != 1 else ''}{where}</a>")
    return '<p class="kb-study-links">' + " ".join(links) + "</p>\n" if links else ""


def _unit_order(unit: str) -> tuple[str, int]:
    slug, _, page = unit.partition("--")
    return slug, int(page or 1)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
