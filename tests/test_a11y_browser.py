"""WCAG AA in light and dark, checked with axe-core (shipped in axe-playwright-python) in Chromium."""

from __future__ import annotations

import pytest
from helpers import SEED
from helpers.sitetools import build_site, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGES = ["", "concepts/gan/", "decks/advanced-deep-learning-concepts/", "graph/", "concepts/",
         "decks/advanced-deep-learning-concepts/study/"]
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y")
    with serve(root / "site") as url:
        build_site(root, [SEED], site_url=url)
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_aa_violation(browser, base, scheme):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    found = {}
    try:
        for path in PAGES:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            violations = axe.run(page, options=RULES).response["violations"]
            if violations:
                found[path or "/"] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    finally:
        context.close()
    assert not found, found
