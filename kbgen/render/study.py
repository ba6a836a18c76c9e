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
from kbgen.render.markdown import escape, meta_text, render_answer
from kbgen.slugs import deck_path, doc_url, md_link, site_root

GRADES = (("1", "Again"), ("2", "Hard"), ("3", "Good"), ("4", "Easy"))


def study_path(deck_slug: str) -> str:
    return f"decks/{deck_slug}/study.md"


def study_data_path(deck_slug: str) -> str:
    return f"{ASSET_DIR}/study/{deck_slug}.json"


def render_study(index: dict) -> dict[str, str]:
    """The study page and study data of every deck."""
    cards = {c["id"]: c for c in index["cards"]}
    labels = {c["id"]: c["label"] for c in index["concepts"]}
    files = {}
    for deck in index["decks"]:
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
            + f"[Back to the deck]({back})\n\n" + ui + "\n" + _card_blocks(cards))


def _card_blocks(cards: list[dict]) -> str:
    # md_in_html renders each block with the same Markdown as the deck page.
    out = ['<div class="kb-study-cards" data-kb-cards hidden markdown="1">\n']
    for card in cards:
        out.append(f'<div data-kb-card="{_attr(card["id"])}" markdown="1">\n')
        out.append(f'<div class="kb-study-q" markdown="1">\n\n{escape(card["question"])}\n\n</div>\n')
        out.append(f'<div class="kb-study-a" markdown="1">\n\n{render_answer(card["answer"])}\n\n</div>\n')
        out.append("</div>\n")
    out.append("</div>\n")
    return "\n".join(out)


def study_links(decks: list[dict], cards: list[dict], src: str, concept_id: str) -> str:
    """'Study these cards' from a concept page: a link per deck holding its ``cards``."""
    count = {d["id"]: 0 for d in decks}
    for card in cards:
        count[card["deck"]] += 1
    used = [d for d in decks if count[d["id"]]]
    links = []
    for deck in used:
        n = count[deck["id"]]
        url = site_root(src) + doc_url(study_path(deck["id"])) + f"?concept={concept_id}"
        where = f" in {html.escape(deck['title'])}" if len(used) > 1 else ""
        links.append(f'<a class="md-button kb-study-link" href="{_attr(url)}" data-kb-study-link>'
                     f"Study these {n} card{'s' if n != 1 else ''}{where}</a>")
    return '<p class="kb-study-links">' + " ".join(links) + "</p>\n" if links else ""


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
