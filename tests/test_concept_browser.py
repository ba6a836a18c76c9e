"""Concept pages that teach, in a real Chromium on the seed site served over HTTP."""

from __future__ import annotations

import pytest
from helpers import SEED
from helpers.sitetools import build_site, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("concepts")
    with serve(root / "site") as url:  # previews, like instant navigation, need site_url
        build_site(root, [SEED], site_url=url)
        yield url


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors


def test_gan_page_shows_its_cards_and_hides_answers_on_demand(page, base):
    page.goto(base + "concepts/gan/")
    cards = page.locator(".kb-qa")
    assert cards.count() == 3
    text = page.locator(".kb-cards").inner_text()
    assert "have generator G create fake samples" in text and "generative adversarial network" in text
    answer = page.locator(".kb-answer").first
    assert answer.is_visible()
    page.get_by_text("Hide answers to test yourself").click()
    assert not answer.is_visible()
    assert page.locator(".kb-qa__q").first.is_visible()


def test_hovering_a_concept_link_previews_its_definition(page, base):
    page.goto(base + "decks/advanced-deep-learning-concepts/")
    page.locator('article a[href$="concepts/gan/"]').first.hover()
    tip = page.locator(".md-tooltip2")
    tip.first.wait_for(timeout=5000)
    assert "generative adversarial network" in tip.first.inner_text()


def test_home_page_is_short_and_counts_right(page, base):
    page.goto(base)
    assert page.locator("h2", has_text="Key concepts").count() == 1
    assert "1 deck ·" in page.locator("article").inner_text()
    # The A–Z sits in columns: the page before it stays within three screens.
    top = page.locator("h2", has_text="Concepts A–Z").bounding_box()["y"]
    assert top < 3 * 800


def test_an_answer_links_the_concepts_it_mentions(page, base):
    page.goto(base + "decks/advanced-deep-learning-concepts/")
    card = page.locator("h2#what-is-the-general-idea-behind-a-gan + .kb-card-answer")
    link = card.locator("a", has_text="discriminator")
    assert link.count() == 1 and link.get_attribute("href").endswith("concepts/discriminator/")
    link.click()
    page.wait_for_url("**/concepts/discriminator/")
