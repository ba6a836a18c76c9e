"""Study sessions in Chromium: a 450-card deck is one session across its three deck pages,
and a concept's session spans the decks that hold its cards."""

from __future__ import annotations

import json
import time

import pytest
from helpers.sitetools import serve
from helpers.study_site import build_sessions_site, page  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CURRENT = "[data-kb-study]:not([data-kb-current=''])[data-kb-current]"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("kb")
    with serve(root / "site") as url:
        yield build_sessions_site(root, site_url=url), url



def _counts(page) -> dict[str, int]:
    return {k: int(page.inner_text(f"[data-kb-count={k}] strong")) for k in ("new", "due", "done")}


def _big_ids(site) -> list[str]:
    index = json.loads((site.parent / "docs/assets/kbgen/content-index.json").read_text(encoding="utf-8"))
    return [c["id"] for c in index["cards"] if c["deck"] == "big"]


def _review(days_ahead: float) -> dict:
    now = time.time() * 1000
    return {"due": now + days_ahead * 86_400_000, "last_review": now - 86_400_000, "stability": 5,
            "difficulty": 5, "elapsed_days": 1, "scheduled_days": 5, "learning_steps": 0,
            "reps": 2, "lapses": 0, "state": 2}


def test_a_450_card_deck_is_one_session_across_its_pages(page, served):
    site, base = served
    ids = _big_ids(site)
    assert len(ids) == 450
    for n in (2, 3):  # every deck page links to the one session of the deck
        page.goto(base + f"decks/big--{n}/")
        href = page.get_attribute("a[data-kb-study-link]", "href")
        assert page.evaluate(f"new URL({json.dumps(href)}, location.href).href") == base + "decks/big/study/"
    page.goto(base + "decks/big/study/")
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 450, "due": 0, "done": 0}
    # The first page's 200 cards are studied: the session goes on into the second page.
    progress = {"format": "kbgen-progress", "version": 2, "retention": 0.9, "revlog": [],
                "cards": {i: _review(5) for i in ids[:200]}}
    page.evaluate("p => localStorage.setItem('kbgen-study2:/', JSON.stringify(p))", progress)
    page.reload()
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 250, "due": 0, "done": 200}
    assert page.get_attribute("[data-kb-study]", "data-kb-current") == ids[200]
    assert page.inner_text("[data-kb-question]") == "What is the capital of region 201?"
    page.keyboard.press("Space")
    assert "town 201" in page.inner_text("[data-kb-answer]")
    page.keyboard.press("4")
    page.wait_for_selector(f"[data-kb-current='{ids[201]}']")
    # The third page's study page runs the same session, with the same progress.
    page.goto(base + "decks/big--3/study/")
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 249, "due": 0, "done": 201}
    assert page.get_attribute("[data-kb-study]", "data-kb-current") == ids[201]


def test_a_concept_session_spans_two_decks(page, served):
    _, base = served
    page.goto(base + "concepts/convolutional-neural-network/")
    link = page.locator("a[data-kb-study-link]")
    assert link.count() == 1 and "3 cards in 2 decks" in link.inner_text()
    link.click()
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 3, "due": 0, "done": 0}
    decks = []
    for _ in range(3):
        current = page.get_attribute("[data-kb-study]", "data-kb-current")
        decks.append(current.split("#")[0])
        page.keyboard.press("Space")
        if current.startswith("beta-vision"):  # fetched from its deck's study page, maths drawn here
            assert page.locator("[data-kb-answer] .katex").count() == 1
        page.keyboard.press("4")
        page.wait_for_function("""id => {
            const el = document.querySelector('[data-kb-study]'), now = el.getAttribute('data-kb-current');
            return (now && now !== id) || !el.querySelector('[data-kb-done]').hidden; }""", arg=current)
    assert sorted(set(decks)) == ["alpha-networks", "beta-vision"]
    assert page.is_visible("[data-kb-done]")
    done = page.inner_text("[data-kb-done]")
    assert "3 cards seen, 0 Again" in done and "Next card due in " in done and "days" in done
