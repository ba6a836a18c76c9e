"""The study-mode test sites and what their tests share: the seed deck plus a deck of
hostile markup (built once per test process for every module that imports its fixtures),
and a 450-card deck beside two decks sharing a concept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import SEED
from helpers.sitetools import INDEX, build_site, serve

DECK = "advanced-deep-learning-concepts"
CURRENT = "[data-kb-study]:not([data-kb-current=''])[data-kb-current]"
STORE = "kbgen-study2:/"

# Card text that would run or render if it ever became markup.
HOSTILE_DECK = """Hostile markup
What does <img src=x onerror="window.__pwned=1"> do in a **question**?
<script>window.__pwned = 2</script> and *not emphasis* {: .x } [link](javascript:alert(1))
"""


def build_study_site(root: Path, *, site_url: str | None = None) -> Path:
    """Build the seed deck and a hostile deck into ``root/site``."""
    (root / "cards").mkdir(exist_ok=True)
    (root / "cards" / "hostile.txt").write_text(HOSTILE_DECK, encoding="utf-8")
    return build_site(root, [SEED], site_url=site_url)


def big_deck(n: int = 450) -> str:
    """A tab-separated deck of ``n`` distinct cards: more than two deck pages."""
    rows = ["front\tback"] + [f"What is the capital of region {i}?\tRegion {i} is governed from town {i}."
                              for i in range(1, n + 1)]
    return "\n".join(rows) + "\n"


ALPHA = """Alpha networks
What is a convolutional neural network?
A network that slides shared filters over an image.
What does pooling do in a convolutional neural network?
It downsamples the feature maps.
"""
BETA = """Beta vision
Which architecture won ImageNet in 2012 and is a convolutional neural network?
AlexNet, trained on the loss $L = -\\log p$.
"""


def build_sessions_site(root: Path, *, site_url: str | None = None) -> Path:
    """A 450-card deck (three deck pages) and two decks sharing a concept."""
    cards = root / "cards"
    cards.mkdir(exist_ok=True)
    (cards / "big.tsv").write_text(big_deck(), encoding="utf-8")
    (cards / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (cards / "beta.txt").write_text(BETA, encoding="utf-8")
    return build_site(root, [], site_url=site_url)


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("kb")
    with serve(root / "site") as url:  # first, so the build knows its URL
        yield build_study_site(root, site_url=url), url


@pytest.fixture(scope="session")
def site(served):
    return served[0]


@pytest.fixture(scope="session")
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


def study(page, url):
    page.goto(url)
    page.wait_for_selector("[data-kb-study][data-kb-ready]")


def counts(page) -> dict[str, int]:
    return {k: int(page.inner_text(f"[data-kb-count={k}] strong")) for k in ("new", "due", "done")}


def deck_cards(site) -> list[dict]:
    index = json.loads((site.parent / INDEX).read_text(encoding="utf-8"))
    return [c for c in index["cards"] if c["deck"] == DECK]
