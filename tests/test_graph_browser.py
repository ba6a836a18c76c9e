"""The concept graph in a real Chromium, on a real built site served over HTTP."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from helpers import SEED
from helpers.sitetools import build_site, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PROBE = "<img src=x onerror=alert(1)>"
XSS_DECK = f"""20_probe deck Flashcards

What is a probe card?
A probe card is {PROBE} checked by the generator and the discriminator
"""

# Non-background pixels of the first canvas in `sel`: proof that something was drawn.
INK = """sel => { const c = document.querySelector(sel + ' canvas'); const ctx = c.getContext('2d');
  const px = ctx.getImageData(0, 0, c.width, c.height).data; let ink = 0;
  for (let i = 3; i < px.length; i += 16) if (px[i] > 0) ink++; return ink; }"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(URL, folder) of the seed's site with a probe deck, served over HTTP."""
    root = tmp_path_factory.mktemp("kb")
    (root / "cards").mkdir()
    (root / "cards" / "20_probe.txt").write_text(XSS_DECK, encoding="utf-8")
    with serve(root / "site") as base:  # first: instant navigation needs the site's own URL
        build_site(root, [SEED], site_url=base)
        yield base, root / "site"


@pytest.fixture(scope="module")
def base_url(built):
    return built[0]


@pytest.fixture
def page(browser, base_url):
    """A page that refuses requests to other hosts; none may be tried, and no console errors."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    foreign, errors = [], []

    def route(r):
        if urlparse(r.request.url).netloc != urlparse(base_url).netloc:
            foreign.append(r.request.url)
            return r.abort()
        return r.continue_()

    pg.route("**/*", route)
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()
    assert not foreign, f"requests left the site: {foreign}"
    assert not errors, f"console errors: {errors}"


def _drawn(page, sel: str) -> int:
    # Graphs load when they scroll into view; a concept page's sits below its cards.
    page.locator(sel).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{sel}[data-kb-drawn]", timeout=15_000)
    return page.evaluate(INK, sel)


def _node_point(page, sel: str, node: str) -> dict:
    """Page coordinates of a drawn node, from vis-network's own positions."""
    return page.evaluate("""([sel, id]) => { const host = document.querySelector(sel), net = host.kbNetwork;
        const p = net.canvasToDOM(net.getPositions([id])[id]), r = net.body.container.getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y}; }""", [sel, node])


def test_global_graph_draws_every_concept(page, base_url):
    page.goto(base_url + "graph/")
    assert _drawn(page, ".kb-graph--global") > 500
    count = int(page.get_attribute(".kb-graph--global", "data-kb-drawn"))
    assert count == page.evaluate("document.querySelector('.kb-graph--global').kbNetwork.body.nodeIndices.length")
    assert count > 30
    assert page.get_attribute(".kb-graph--global", "aria-label")
    assert page.locator(".kb-graph__legend li").count() >= 3


def test_node_click_navigates(page, base_url):
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    page.evaluate("document.querySelector('.kb-graph--global').scrollIntoView()")
    pt = _node_point(page, ".kb-graph--global", "discriminator")
    page.mouse.click(pt["x"], pt["y"])
    page.wait_for_function("location.pathname.endsWith('/concepts/discriminator/')", timeout=10_000)
    assert _drawn(page, ".kb-graph--local") > 100


def test_filter_box_focuses_a_node(page, base_url):
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    page.keyboard.press("Tab")
    box = page.get_by_label("Find a concept in the graph")
    box.focus()
    box.fill("discrim")
    box.press("Enter")
    page.wait_for_selector(".kb-graph--global[data-kb-focus='discriminator']")
    assert page.evaluate("document.querySelector('.kb-graph--global').kbNetwork.getSelectedNodes()") == ["discriminator"]


def test_instant_navigation_draws_the_next_local_graph(page, base_url):
    page.goto(base_url + "concepts/generator/")
    assert _drawn(page, ".kb-graph--local") > 100
    page.evaluate("window.kbSamePage = true")  # survives only an instant (no-reload) navigation
    page.locator("article a[href$='/concepts/gan/']").first.click()  # Material makes hrefs absolute
    page.wait_for_selector(".kb-graph--local[data-kb-concept='gan'][data-kb-drawn]")
    assert page.evaluate("location.pathname").endswith("/concepts/gan/")
    assert page.evaluate("window.kbSamePage") is True
    assert page.evaluate(INK, ".kb-graph--local") > 100
    assert page.locator(".vis-network").count() == 1  # the previous network was destroyed


def test_card_markup_shows_as_text_in_the_tooltip(page, base_url):
    page.goto(base_url + "concepts/probe-card/")
    _drawn(page, ".kb-graph--local")
    page.evaluate("document.querySelector('.kb-graph--local').scrollIntoView()")
    pt = _node_point(page, ".kb-graph--local", "probe-card")
    page.mouse.move(pt["x"], pt["y"])
    tip = page.wait_for_selector(".kb-graph__tip", timeout=5_000)
    assert PROBE in tip.text_content()
    assert page.locator(".kb-graph img").count() == 0


def test_dark_scheme_changes_label_colour(page, base_url):
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    colour = "document.querySelector('.kb-graph--global').kbColours.fg"
    light = page.evaluate(colour)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function(f"{colour} !== {light!r}")
    assert page.evaluate(colour) != light


def test_global_graph_opens_on_the_most_important_and_adds_on_demand(page, base_url):
    # The seed is smaller than one batch: serve it in batches of 10, the first from graph-top.json.
    def small_batches(route):
        response = route.fetch()
        data = response.json()
        data["initial"] = 10
        if route.request.url.endswith("graph-top.json"):
            ids = {n["id"] for n in data["nodes"][:10]}
            data.update(nodes=data["nodes"][:10], partial=True, total=len(data["nodes"]),
                        edges=[e for e in data["edges"] if e["from"] in ids and e["to"] in ids])
        route.fulfill(response=response, json=data)

    page.route("**/assets/kbgen/graph-top.json", small_batches)
    page.route("**/assets/kbgen/graph.json", small_batches)
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    net = "document.querySelector('.kb-graph--global').kbNetwork"
    assert page.evaluate(f"{net}.body.nodeIndices.length") == 10
    page.wait_for_selector(".kb-graph--global[data-kb-complete]")  # the whole graph, read after the first draw
    last = page.evaluate(f"fetch('{base_url}assets/kbgen/graph.json').then(r => r.json()).then(d => d.nodes.at(-1))")
    box = page.get_by_label("Find a concept in the graph")
    box.fill(last["label"])
    box.press("Enter")
    page.wait_for_selector(f".kb-graph--global[data-kb-focus='{last['id']}']")
    assert page.evaluate(f"{net}.body.nodeIndices.includes({last['id']!r})")
    page.get_by_role("button", name="Show more concepts").click()
    assert page.evaluate(f"{net}.body.nodeIndices.length") >= 20
