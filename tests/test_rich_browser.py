"""Formatted cards in headless Chromium: code blocks, KaTeX maths, local images shown, remote
images never loaded, and nothing a card carries runs (a built site with instant navigation)."""

from __future__ import annotations

import shutil
import struct
import zlib

import pytest
from helpers import DATA
from helpers.anki_package import collection, package
from helpers.sitetools import build_site, keep_inside, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RICH = DATA / "formats" / "rich"  # deck.json (CrowdAnki, HTML fields) and notes.md (Markdown)
DECK = "decks/rich-cards/"
NOTES = "decks/formatted-notes/"


def png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG, so the browser can decode it (naturalWidth > 0)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("rich-kb")
    (root / "cards").mkdir()
    shutil.copytree(RICH, root / "cards" / "rich")
    notes = [{"deck": 2, "fields": ["What does a feature map show?", 'Filter output <img src="map.png">']}]
    (root / "cards" / "vision.apkg").write_bytes(package(collection(notes, {2: "Vision"}), {"map.png": png()}))
    with serve(root / "site") as url:  # first, so the build knows its URL (instant navigation on)
        yield build_site(root, [], site_url=url), url


@pytest.fixture
def page(browser, served):
    _, base = served
    context = browser.new_context()
    context.add_init_script("window.__kbDialogs = []; window.alert = m => window.__kbDialogs.push(m);")
    outside = keep_inside(context, base)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.kb_base, p.kb_outside = base, outside
    yield p
    context.close()
    assert not errors, errors


def _open(page, path: str) -> None:
    page.goto(page.kb_base + path, wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.kb-rich .katex').length > 0"
                           " || !document.querySelector('.arithmatex')", timeout=10000)


def test_code_card_shows_a_highlighted_code_block(page):
    _open(page, DECK)
    code = page.locator(".kb-rich pre code").first
    assert "return sorted(xs)" in code.inner_text()
    assert "\n\n\nprint" in code.inner_text()  # blank lines inside the block are kept
    assert page.locator(".md-content h2 code", has_text="sorted()").count() == 1


def test_markdown_cards_keep_code_maths_images_and_tables(page):
    _open(page, NOTES)
    code = page.locator(".kb-rich .highlight pre code").first
    assert "return sorted(xs)" in code.inner_text()
    assert code.locator("span.k", has_text="def").count() == 1  # highlighted when built, no script
    assert page.locator("h2 .arithmatex .katex").count() == 1
    assert page.locator(".kb-rich .arithmatex .katex-display").count() == 1
    assert page.locator(".kb-rich code", has_text="$not maths$").count() == 1
    img = page.locator(".kb-rich img[alt='ReLU curve']")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    assert page.locator(".kb-rich a.kb-remote-image", has_text="a remote chart").count() == 1
    assert page.locator(".kb-rich table td", has_text="POST").count() == 1
    assert page.locator(".kb-rich a[href^='javascript']").count() == 0
    assert not page.kb_outside, page.kb_outside


def test_maths_is_drawn_by_katex(page):
    _open(page, DECK)
    # The question's formula and every one of the answer: \(…\), \[…\], [$]…[/$], [$$]…[/$$], $$…$$ and [latex].
    drawn = page.locator(".md-content .arithmatex .katex")
    assert drawn.count() == 6, drawn.count()
    assert page.locator(".md-content .arithmatex .katex-display").count() >= 3
    assert page.locator("h2 .arithmatex .katex").count() == 1  # maths in a question too
    assert page.locator(".md-nav--secondary .katex").count() == 1  # and in the table of contents
    text = page.locator(".md-content").inner_text()
    assert "[$]" not in text and "[latex]" not in text and "\\frac" not in text
    assert "$5 and $10 stays text" in " ".join(text.split())
    # KaTeX's fonts come from the site itself.
    assert page.evaluate("() => document.fonts.check('1em KaTeX_Main')")


def test_local_images_are_shown_and_remote_ones_never_load(page):
    _open(page, DECK)
    img = page.locator(".kb-rich img[alt='ReLU curve']")
    img.wait_for()
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    remote = page.locator(".kb-rich a.kb-remote-image")
    assert remote.inner_text() == "a beacon" and remote.get_attribute("href") == "https://example.com/beacon.png"
    _open(page, "decks/vision/")
    anki = page.locator(".md-content img")
    assert anki.evaluate("i => i.complete && i.naturalWidth > 0")
    assert not page.kb_outside, page.kb_outside


def test_links_tables_and_cloze_keep_their_shape(page):
    _open(page, DECK)
    link = page.locator(".kb-rich a[href='https://docs.python.org/3/']")
    assert link.get_attribute("rel") == "noopener nofollow noreferrer" and link.get_attribute("target") == "_blank"
    assert page.locator(".kb-rich table td", has_text="energy").count() == 1
    assert page.locator(".kb-rich sub", has_text="2").count() == 1
    assert page.locator("h2 mark.kb-cloze", has_text="Naloxone").count() == 1


def test_nothing_a_formatted_card_carries_runs(page):
    for path in (DECK, DECK + "study/", NOTES, NOTES + "study/"):
        _open(page, path)
        page.evaluate("""() => { for (const el of document.querySelectorAll('.md-content *'))
            for (const t of ['mouseover', 'click', 'focus'])
              if (t !== 'click' || !el.closest('a[href], button')) el.dispatchEvent(new MouseEvent(t, {bubbles: true})); }""")
        bad = page.evaluate("""() => {
          const out = [];
          for (const el of document.querySelectorAll('.md-content *')) {
            for (const a of el.getAttributeNames()) if (a.startsWith('on')) out.push(el.tagName + '[' + a + ']');
            const href = (el.getAttribute('href') || el.getAttribute('src') || '').toLowerCase();
            if (/^\\s*(javascript|data|vbscript):/.test(href)) out.push(el.tagName + ' ' + href);
            if (el.closest('.kb-rich') && ['SCRIPT', 'STYLE', 'IFRAME', 'FORM'].includes(el.tagName)) out.push(el.tagName);
            if (el.closest('.kb-rich') && !el.closest('.katex') && el.hasAttribute('style')) out.push('style');
          }
          for (const el of document.querySelectorAll("[id^='evil'], .evil")) out.push('attr_list ' + el.tagName);
          return out.concat(window.__kbDialogs, window.__kbPwned === undefined ? [] : ['pwned']);
        }""")
        assert not bad, bad
        assert page.evaluate("getComputedStyle(document.body).display") != "none"
        if path.endswith("study/"):  # a session shows one card at a time, taken from the deck page
            page.wait_for_selector("[data-kb-study][data-kb-current]:not([data-kb-current=''])")
            continue
        # Shown as the card wrote them.
        text = " ".join(page.locator(".md-content").text_content().split())
        assert ("{{ config" in text and "{: " in text and "onclick=" in text), text
    assert not page.kb_outside, page.kb_outside


@pytest.fixture(scope="module")
def dev_built(tmp_path_factory):
    """Every dev deck plus the seed: real decks, with their maths, code and HTML."""
    from helpers import SEED
    decks = sorted(p for p in (DATA / "devset").iterdir()
                   if p.suffix in (".md", ".json", ".tsv") and not p.name.endswith(".gold.json")
                   and p.name != "SOURCES.md")
    root = tmp_path_factory.mktemp("dev-kb")
    # Not --strict for kbgen: the A-level decks name images their repository keeps apart.
    # MkDocs itself always builds with --strict.
    return build_site(root, [*decks, SEED], strict=False)


@pytest.fixture(scope="module")
def dev_site(dev_built):
    with serve(dev_built) as url:
        yield url


def test_dev_site_pages_are_small_and_every_link_resolves(dev_built):
    from helpers.sitetools import pages, parse_html
    from test_integrity import _resolve
    big = [(p.relative_to(dev_built), p.stat().st_size) for p in pages(dev_built) if p.stat().st_size > 1_000_000]
    assert not big, big
    broken, checked = [], 0
    for page in pages(dev_built):
        for ref in parse_html(page).refs:
            target, anchor = _resolve(dev_built, page, ref)
            if target is None:
                continue
            checked += 1
            if not target.exists() or (anchor and target.suffix == ".html" and anchor not in parse_html(target).ids):
                broken.append(f"{page.relative_to(dev_built)}: {ref}")
    assert checked > 5000 and not broken, (checked, broken[:10])


def test_dev_site_home_is_at_most_three_screens_before_the_a_to_z(browser, dev_site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(dev_site)
    top = page.locator("h2", has_text="Concepts A–Z").bounding_box()["y"]
    page.close()
    assert top <= 3 * 800, top


@pytest.mark.parametrize(("deck", "least"), [("physics-dynamics/", 3), ("chemistry-reaction-kinetics/", 3),
                                             ("data-science-interview-questions-and-answers/", 10)])
def test_dev_decks_draw_their_maths(browser, dev_site, deck, least):
    page = browser.new_page()
    page.goto(dev_site + "decks/" + deck, wait_until="load")
    page.wait_for_selector(".arithmatex .katex")
    assert page.locator(".arithmatex .katex").count() >= least
    # Every mark was drawn; the few formulas KaTeX cannot parse (the statistics deck writes
    # \text{\sigma^2} three times) are shown as their source.
    assert page.locator(".arithmatex:not([data-kb-maths])").count() == 0
    errors = [e.text_content() for e in page.locator(".katex-error").all()]
    assert len(errors) <= 3 and all("\\" in e for e in errors), errors
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_formatted_cards_meet_wcag_aa(browser, served, scheme):
    """Code, maths, tables, marks and the remote-image and missing-image notes keep AA contrast."""
    from axe_playwright_python.sync_playwright import Axe
    from test_a11y_browser import RULES
    _, base = served
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    found = {}
    try:
        for path in (DECK, NOTES):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            violations = Axe().run(page, options=RULES).response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    finally:
        context.close()
    assert not found, found


def test_maths_is_drawn_after_instant_navigation(page):
    _open(page, "decks/")
    page.evaluate("window.__kbSamePage = true")  # gone if the click reloaded the page
    page.locator(".md-content a", has_text="Formatted notes").first.click()
    page.wait_for_url("**/" + NOTES)
    page.wait_for_selector(".md-content .arithmatex .katex")
    assert page.evaluate("window.__kbSamePage === true"), "instant navigation is off"


def test_maths_added_later_is_drawn(page):
    # As in Material's hover previews, which show part of another page without a page load.
    _open(page, DECK)
    page.evaluate("""() => document.body.insertAdjacentHTML('beforeend',
        '<div id="kb-later"><span class="arithmatex">\\\\(x^2\\\\)</span></div>')""")
    page.wait_for_selector("#kb-later .katex", timeout=5000)
