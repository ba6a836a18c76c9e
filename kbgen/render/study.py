"""Study mode: the study pages, the site-wide study data and the due-count badges.

A study *session* is a deck (every card, whatever its page split), a concept (its cards in
every deck) or "all due cards" across the site. A card's question and answer are taken from
its deck page (a *unit*: ``<slug>`` or ``<slug>--2``), which marks each answer with
``data-kb-card``: a session fetches a unit's deck page when it reaches its first card, so no
card's HTML is shipped twice. ``decks/<unit>/study/`` runs a session over one deck.
``study.md`` at the site root runs concept and all-due sessions. What the scripts need to
schedule (card ids, units, concepts) is one JSON file, ``assets/kbgen/study.json``,
never an inline script. Progress is keyed by the content index's card ids, so re-splitting
pages or regenerating the site keeps it. Study pages are excluded from search.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Iterator

from kbgen.contract import CardRecord, ContentIndex, DeckRecord
from kbgen.render.markdown import escape, meta_text
from kbgen.render.reuse import PageReuse, Reused
from kbgen.slugs import STUDY_DATA, STUDY_PAGE, deck_path, doc_url, md_link, site_root, study_path, study_unit

GRADES = (("1", "Again"), ("2", "Hard"), ("3", "Good"), ("4", "Easy"))


def render_study(index: ContentIndex) -> dict[str, str]:
    """Every study page and the study data."""
    return {p: t for p, t in iter_study(index) if isinstance(t, str)}


def iter_study(index: ContentIndex, reuse: PageReuse | None = None) -> Iterator[tuple[str, str | Reused]]:
    """``(doc path, text)`` of every study page and the study data, one at a time; with
    ``reuse``, a deck's study page, which shows no card, is rendered again only when its deck changed."""
    yield STUDY_PAGE, site_study_page()
    yield STUDY_DATA, study_data(index)
    for deck in index["decks"]:
        total = len(deck.get("pages", [])) or 1
        for n in range(1, total + 1):
            path = study_path(study_unit(deck["id"], n))
            render = functools.partial(deck_study_page, deck, n)
            yield path, reuse.page(path, functools.partial(reuse.cards_key, deck, -n, ()), render) \
                if reuse else render()


def study_data(index: ContentIndex) -> str:
    """Compact by design (a site may hold 50,000 cards): cards are ``[id, unit, [concepts]]``
    with units and concepts as positions in their own lists."""
    concepts = [[c["id"], c["label"]] for c in index["concepts"]]
    concept_at = {c[0]: i for i, c in enumerate(concepts)}
    units: list[dict[str, str]] = []
    unit_at: dict[str, int] = {}
    decks: dict[str, dict[str, str]] = {}
    for deck in index["decks"]:
        decks[deck["id"]] = {"title": deck["title"], "url": doc_url(deck_path(deck["id"]))}
        for n in range(1, (len(deck.get("pages", [])) or 1) + 1):
            unit_at[study_unit(deck["id"], n)] = len(units)
            units.append({"id": study_unit(deck["id"], n), "deck": deck["id"],
                          "url": doc_url(deck_path(deck["id"], n))})
    rows = [[c["id"], unit_at[study_unit(c["deck"], c.get("page", 1))],
             [concept_at[k] for k in c["concepts"] if k in concept_at]] for c in index["cards"]]
    data = {"version": 2, "decks": decks, "units": units, "concepts": concepts, "cards": rows}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _study_ui(src: str, deck: str = "") -> str:
    grades = "".join(
        f'<button type="button" class="md-button kb-grade kb-grade--{label.lower()}" '
        f'data-kb-grade="{n}" title="Key {n}"><span class="kb-grade-label">{label}</span>'
        f'<span class="kb-grade-ivl" data-kb-ivl></span><kbd>{n}</kbd></button>'
        for n, label in GRADES)
    return f"""<div class="kb-study" data-kb-study data-kb-deck="{_attr(deck)}" data-kb-root="{site_root(src)}">
<p class="kb-study-counts" data-kb-counts aria-live="polite">Loading the cards…</p>
<p class="kb-study-filter" data-kb-filter hidden></p>
<div class="kb-study-card">
<div class="kb-study-question" data-kb-question></div>
<div class="kb-study-answer" data-kb-answer hidden></div>
<div class="kb-study-done" data-kb-done hidden></div>
</div>
<div class="kb-study-actions">
<button type="button" class="md-button md-button--primary kb-study-reveal" data-kb-reveal hidden>Show answer <kbd>Space</kbd></button>
<div class="kb-study-grades" data-kb-grades hidden>{grades}</div>
</div>
<div class="kb-study-progress" data-search-exclude>
<button type="button" class="kb-study-toggle" data-kb-settings aria-expanded="false">Progress and settings</button>
<div data-kb-panel hidden>
<p><label>Desired retention <input type="number" min="0.7" max="0.99" step="0.01" data-kb-retention></label>
<small>higher means more reviews; Anki's default is 0.90</small></p>
<p><button type="button" class="md-button" data-kb-export>Export progress</button>
<label class="md-button">Import progress <input type="file" accept=".json,application/json" data-kb-import hidden></label>
<button type="button" class="kb-study-reset" data-kb-reset>Reset progress</button></p>
</div>
</div>
<p class="kb-study-status" data-kb-status aria-live="polite"></p>
</div>
"""


def _head(title: str) -> str:
    return "---\n" f"title: {meta_text(title)}\n" "search:\n  exclude: true\n---\n\n" f"# {escape(title)}\n\n"


INTRO = ("One card at a time, scheduled with FSRS (as in Anki); progress stays in this browser: "
         "export it to keep it or to move it to another device or to Anki.")


def deck_study_page(deck: DeckRecord, page: int) -> str:
    src = study_path(study_unit(deck["id"], page))
    back = md_link(src, deck_path(deck["id"]))
    return (_head(f"Study: {deck['title']}") + f"{INTRO} [Back to the deck]({back})\n\n"
            + _study_ui(src, deck["id"]))


def site_study_page() -> str:
    """The session page for a concept (``?concept=<id>``) or for every due card."""
    return _head("Study") + INTRO + "\n\n" + _study_ui(STUDY_PAGE)


def deck_study_link(src: str, deck_id: str) -> str:
    """'Study this deck' with its due count: one session over all of the deck's pages."""
    url = site_root(src) + doc_url(study_path(deck_id))
    return (f'<a class="md-button kb-study-link" href="{_attr(url)}" data-kb-study-link>Study this deck</a> '
            + due_badge(src, deck_id))


def study_links(decks: list[DeckRecord], cards: list[CardRecord], src: str, concept_id: str) -> str:
    """'Study this concept' from a concept page: one session over its cards in every deck."""
    if not cards:
        return ""
    n = len(cards)
    url = site_root(src) + doc_url(STUDY_PAGE) + f"?concept={concept_id}"
    where = len({c["deck"] for c in cards})
    tail = f" in {where} decks" if where > 1 else ""
    return (f'<p class="kb-study-links"><a class="md-button kb-study-link" href="{_attr(url)}" '
            f'data-kb-study-link>Study this concept ({n} card{"s" if n != 1 else ""}{tail})</a></p>\n')


def due_badge(src: str, deck_id: str = "") -> str:
    """A placeholder that study-due.js fills with the number of cards due today (this
    browser's progress); ``deck_id`` empty counts the whole site and links to its session."""
    return (f'<span class="kb-due" data-kb-due data-kb-deck="{_attr(deck_id)}" '
            f'data-kb-root="{site_root(src)}" data-kb-study-url="{_attr(doc_url(STUDY_PAGE))}" '
            'data-search-exclude></span>')


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
