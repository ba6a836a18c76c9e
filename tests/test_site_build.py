"""End to end: the seed deck through `kbgen build` (a real `mkdocs build --strict`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import SEED
from helpers.sitetools import build_site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("kb"), [SEED])


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]*)', html))


@pytest.mark.parametrize("a,b", [("autoencoder", "decoder"), ("decoder", "generator"), ("generator", "gan")])
def test_chain_pages_link_each_other(site, a, b):
    page_a = (site / "concepts" / a / "index.html").read_text(encoding="utf-8")
    page_b = (site / "concepts" / b / "index.html").read_text(encoding="utf-8")
    assert f"../{b}/" in _links(page_a)
    assert f"../{a}/" in _links(page_b)


def test_deck_page_has_every_card_with_anchor(site):
    html = (site / "decks" / "advanced-deep-learning-concepts" / "index.html").read_text(encoding="utf-8")
    assert html.count('<h2 id="') == 24
    assert 'id="how-do-gans-work-steps"' in html
    assert "<ol>" in html and "<ul>" in html and "→ can also be combined" in html


def test_no_request_leaves_the_site(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Anchors may point anywhere; what a page loads (src, <link href>) must be local.
        loads = re.findall(r'src="((?:https?:)?//[^"]*)"', html)
        loads += re.findall(r'<link[^>]*href="((?:https?:)?//[^"]*)"', html)
        assert not loads, f"{page}: loads {loads}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_aliases_reach_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_loc = {d["location"]: d for d in index["docs"]}
    assert "BatchNorm" in by_loc["concepts/batch-normalization/"].get("tags", [])
    assert "generative adversarial network" in by_loc["concepts/gan/"].get("tags", [])


def test_vendored_vis_network_and_graph_data(site):
    assert (site / "assets" / "kbgen" / "vis-network.min.js").stat().st_size > 100_000
    data = json.loads((site / "assets" / "kbgen" / "graph.json").read_text(encoding="utf-8"))
    assert {"gan", "decoder"} <= {n["id"] for n in data["nodes"]}


def test_pages_carry_their_own_description_and_open_graph_tags(site):
    html = (site / "concepts" / "gan" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title" content="GAN">' in html
    assert '<meta property="og:description" content="' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="' in home and '<meta property="og:site_name"' in home


def test_pages_are_light(site):
    """Header icons come from one stylesheet, template indentation is gone, and the content
    index stays out of the site: what keeps a 20,000-page site under GitHub Pages' limit."""
    assert not (site / "assets" / "kbgen" / "content-index.json").exists()
    assert (site / "assets" / "kbgen-theme" / "kbgen-icons.css").is_file()
    for page in ("concepts/gan/index.html", "decks/index.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        header = html[html.index("<header"):html.index("</header>")]
        assert "<path" not in header and header.count('class="kb-i kb-i-') >= 2, page
        assert "kbgen-theme/kbgen-icons.css" in html
        outside_code = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.S)
        assert not re.search(r"\n[ \t]", outside_code), page


def test_card_html_passes_around_markdown_and_search_indexes_deck_cards_once(site):
    """Cards kbgen wrote as HTML are back in every page, none left as a placeholder; search
    holds a card's answer from its deck page and, as its definition, GAN's page, but from no
    other concept page showing the card (it leaves their Cards section out, so the plugin puts
    those in after search)."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "kbraw" not in html and "<!--kb:raw" not in html, page
    gan = (site / "concepts" / "gan" / "index.html").read_text(encoding="utf-8")
    assert '<div class="kb-answer">' in gan and 'href="../../concepts/generator/"' in gan
    assert 'href="./"' not in gan and 'concepts/gan/"' not in gan  # no link to itself
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "kbraw" not in json.dumps(index)
    trick = [d["location"] for d in index["docs"] if "try to trick" in d["text"]]
    assert sorted(trick) == ["concepts/gan/", "decks/advanced-deep-learning-concepts/#what-is-the-general-idea-behind-a-gan"]
    assert "try to trick" in (site / "concepts" / "generator" / "index.html").read_text(encoding="utf-8")


def test_the_frame_every_page_repeats_stays_small(site):
    """Material's frame around a concept page's article, once 10.9 KB, is 6.3 KB: what is the
    same on every page and only works with JavaScript (palette form, search dialog, page
    configuration, Material's inline scripts) comes from one cached script, and the
    navigation is written without indentation or md-ellipsis spans
    (kbgen/overrides/, rendered in a real build here)."""
    html = (site / "concepts" / "gan" / "index.html").read_text(encoding="utf-8")
    before, after = html.index("<article"), len(html) - html.index("</article>") - len("</article>")
    assert before + after < 7_000, (before, after)
    for repeated in ('id="__config"', "md-search__form", 'name="__palette"', "__md_scope=", "__tabbed_",
                     '<span class="md-ellipsis">\n'):
        assert repeated not in html, repeated
    for call in ('__kb_frame("palette")', '__kb_frame("search")', "__kb_config()", "__kb_content()"):
        assert html.count(f"<script>{call}</script>") == 1, call
    frame = (site / "assets" / "kbgen-theme" / "frame.js").read_text(encoding="utf-8")
    assert "{%" not in frame and "md-search__form" in frame and "__palette_1" in frame and '"features"' in frame
