"""Study mode in headless Chromium on a real built site: reveal, grade, next card, reload."""

from __future__ import annotations

import json

import pytest

from sitetools import serve
from study_site import build_study_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DECK = "advanced-deep-learning-concepts"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("kb")
    with serve(root / "site") as url:  # first, so the build knows its URL
        yield build_study_site(root, site_url=url), url


@pytest.fixture(scope="module")
def site(served):
    return served[0]


@pytest.fixture(scope="module")
def base(served):
    return served[1]


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    errors: list[str] = []
    pg = ctx.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors


def _study(page, url):
    page.goto(url)
    page.wait_for_selector("[data-kb-study][data-kb-ready]")


def _counts(page) -> dict[str, int]:
    return {k: int(page.inner_text(f"[data-kb-count={k}] strong")) for k in ("new", "due", "done")}


def _questions(site) -> list[str]:
    index = json.loads((site / "assets/kbgen/content-index.json").read_text(encoding="utf-8"))
    return [c["question"] for c in index["cards"] if c["deck"] == DECK]


def test_reveal_grade_next_and_reload_keeps_progress(page, base, site):
    questions = _questions(site)
    page.goto(base + f"decks/{DECK}/")
    page.evaluate("window.__kbSamePage = 1")
    page.click("a:has-text('Study this deck')")
    page.wait_for_selector("[data-kb-study][data-kb-ready]")
    # Material's instant navigation swapped the page in: the script ran from document$.
    assert page.evaluate("window.__kbSamePage") == 1
    assert page.url.endswith(f"decks/{DECK}/study/")
    assert _counts(page) == {"new": 24, "due": 0, "done": 0}
    assert page.inner_text("[data-kb-question]") == questions[0]
    assert not page.is_visible("[data-kb-answer]") and not page.is_visible("[data-kb-grade]")

    page.keyboard.press("Space")
    assert page.is_visible("[data-kb-answer]")
    assert "limited model capacity" in page.inner_text("[data-kb-answer]")
    assert page.locator("[data-kb-answer] ul li").count() >= 1  # rendered like the deck page
    page.keyboard.press("3")  # Good
    assert page.inner_text("[data-kb-question]") == questions[1]
    assert not page.is_visible("[data-kb-answer]")
    assert _counts(page) == {"new": 23, "due": 0, "done": 1}

    page.click("[data-kb-reveal]")
    page.click("[data-kb-grade='1']")  # Again: back within the session
    assert _counts(page) == {"new": 22, "due": 1, "done": 1}
    assert page.inner_text("[data-kb-question]") == questions[2]

    page.reload()
    page.wait_for_selector("[data-kb-study][data-kb-ready]")
    assert _counts(page) == {"new": 22, "due": 1, "done": 1}
    assert page.inner_text("[data-kb-question]") == questions[2]
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert f":{DECK}" in stored and "ease" in stored

    page.click("[data-kb-reset]")
    assert _counts(page)["new"] == 22  # the first click only arms the button
    page.click("[data-kb-reset]")
    assert _counts(page) == {"new": 24, "due": 0, "done": 0}


def test_study_these_cards_from_a_concept_page(page, base):
    page.goto(base + "concepts/gan/")
    page.click("[data-kb-study-link]")
    page.wait_for_selector("[data-kb-study][data-kb-ready]")
    assert "?concept=gan" in page.url
    assert _counts(page) == {"new": 3, "due": 0, "done": 0}
    assert "GAN" in page.inner_text("[data-kb-filter]")
    seen = []
    for _ in range(3):
        seen.append(page.inner_text("[data-kb-question]"))
        page.keyboard.press("Space")
        page.keyboard.press("4")  # Easy
    assert len(set(seen)) == 3 and all("GAN" in q for q in seen)
    assert page.is_visible("[data-kb-done]") and "All caught up" in page.inner_text("[data-kb-done]")
    assert _counts(page) == {"new": 0, "due": 0, "done": 3}


def test_dark_scheme(browser, base):
    ctx = browser.new_context(color_scheme="dark")
    page = ctx.new_page()
    _study(page, base + f"decks/{DECK}/study/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    bg = page.evaluate("getComputedStyle(document.querySelector('[data-kb-study]')).backgroundColor")
    rgb = [int(x) for x in bg[bg.index("(") + 1:bg.index(")")].split(",")[:3]]
    assert sum(rgb) / 3 < 80, bg
    ctx.close()


def test_card_text_stays_text(page, base):
    _study(page, base + "decks/hostile-markup/study/")
    page.keyboard.press("Space")
    assert "<img src=x" in page.inner_text("[data-kb-question]")
    assert "<script>" in page.inner_text("[data-kb-answer]")
    assert page.locator("[data-kb-study] img, [data-kb-study] script, [data-kb-answer] a").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_page_ships_no_inline_card_data(site):
    html = (site / f"decks/{DECK}/study/index.html").read_text(encoding="utf-8")
    assert f'data-kb-card="{DECK}#' in html
    scripts = html.split("<script")[1:]
    assert not [s for s in scripts if DECK in s.split("</script>")[0]]
    data = json.loads((site / f"assets/kbgen/study/{DECK}.json").read_text(encoding="utf-8"))
    assert len(data["cards"]) == 24 and data["concepts"]["gan"] == "GAN"
