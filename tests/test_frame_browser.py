"""Material's page frame as kbgen writes it (kbgen/overrides/: palette form, search dialog and page
configuration inserted by one cached script), working as Material's own in a real Chromium:
search, the palette toggle, the mobile drawer, the table of contents and instant navigation."""

from __future__ import annotations

import pytest
from helpers import SEED
from helpers.sitetools import build_site, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]
SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("frame")
    with serve(root / "site") as url:  # instant navigation needs site_url
        build_site(root, [SEED], site_url=url)
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    yield context
    context.close()
    assert not errors


def _search(page, query: str) -> None:
    # The box ignores typing until the index is loaded; then it searches on each key.
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent"
                           ".includes('Type to start')", timeout=20000)
    page.click(".md-search__input")
    page.wait_for_function("document.getElementById('__search').checked")  # the dialog is open
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=20000)


def test_search_finds_and_opens_a_page_by_instant_navigation(context, base):
    page = context.new_page()
    page.goto(base + "concepts/")
    _search(page, "generative")
    assert "matching" in page.inner_text(".md-search-result__meta")
    page.evaluate("window.kbSamePage = true")  # survives only an instant (no-reload) navigation
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_url("**/concepts/**/?h=*")
    assert page.evaluate("window.kbSamePage === true")
    # The header the first page inserted still searches on the next one.
    page.keyboard.press("Escape")
    page.fill(".md-search__input", "")
    page.evaluate("document.activeElement.blur()")  # as a reader leaving the box: a click opens it again
    _search(page, "decoder")


def test_palette_toggles_and_is_kept_across_pages(context, base):
    page = context.new_page()
    page.goto(base + "concepts/gan/")
    assert page.evaluate(SCHEME) == "default"
    page.click("form[data-md-component=palette] label:not([hidden])")
    assert page.evaluate(SCHEME) == "slate"
    page.reload()  # the saved scheme is applied while the page is parsed
    assert page.evaluate(SCHEME) == "slate"
    assert page.get_attribute("form[data-md-component=palette] label:not([hidden])", "title") == \
        "Switch to light mode"
    page.evaluate("window.kbSamePage = true")
    page.locator(".kb-definition a").first.click()  # a link to another concept
    page.wait_for_function("window.kbSamePage === true && !location.pathname.endsWith('/gan/')")
    assert page.evaluate(SCHEME) == "slate"
    page.click("form[data-md-component=palette] label:not([hidden])")
    assert page.evaluate(SCHEME) == "default"


def test_table_of_contents_follows_the_page(context, base):
    page = context.new_page()
    page.goto(base + "concepts/gan/")
    links = page.locator(".md-nav--secondary a.md-nav__link")
    assert links.count() >= 2
    last = links.nth(links.count() - 1)
    last.click()
    page.wait_for_function("scrollY > 0")
    assert page.url.endswith(last.get_attribute("href"))
    page.wait_for_selector(".md-nav--secondary .md-nav__link--active")


def test_mobile_drawer_and_search_open(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base + "concepts/gan/")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0")
    assert page.locator(".md-nav--primary a.md-nav__link", has_text="Decks").is_visible()
    page.keyboard.press("Escape")
    page.click("label.md-overlay", position={"x": 380, "y": 400})
    assert not page.evaluate("document.getElementById('__drawer').checked")
    page.click("label.md-header__button[for=__search]")
    page.locator(".md-search__input").wait_for(state="visible")
    context.close()
