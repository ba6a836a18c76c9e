"""The graph as a reader meets it: readable labels, no scroll trap, loaded only where drawn."""

from __future__ import annotations

import pytest
from test_graph_browser import _drawn, _node_point, base_url, built, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NET = "document.querySelector('{sel}').kbNetwork"
# Each placed label's box, checked against the canvas and every other box, and against
# its node's position as vis-network reports it (getPositions → canvasToDOM), once the frame
# after the last zoom or move has been drawn.
LABEL_CHECK = """async sel => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const host = document.querySelector(sel), net = host.kbNetwork, box = net.body.container;
  const w = box.clientWidth, h = box.clientHeight, L = host.kbLabels, bad = [];
  const pos = net.getPositions(L.map(l => l.id));
  for (const l of L) {
    if (l.x < 0 || l.y < 0 || l.x + l.w > w || l.y + l.h > h) bad.push('outside: ' + l.text);
    const p = net.canvasToDOM(pos[l.id]), r = net.body.nodes[l.id].shape.radius * net.getScale() + 8;
    const dx = Math.max(l.x - p.x, 0, p.x - (l.x + l.w)), dy = Math.max(l.y - p.y, 0, p.y - (l.y + l.h));
    if (Math.hypot(dx, dy) > r) bad.push('far from its node: ' + l.text);
  }
  for (let i = 0; i < L.length; i++) for (let j = i + 1; j < L.length; j++) {
    const a = L[i], b = L[j];
    if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) bad.push(a.text + ' / ' + b.text);
  }
  return {count: L.length, bad: bad}; }"""
GRAPH_SCRIPTS = ("vis-network.min.js", "graph.js", "graph-ui.js", "graph-labels.js", "graph-paint.js", "graph-local.js",
                 "graph-global.js", "graph-loader.js")


def _labels_ok(page, sel: str) -> int:
    page.wait_for_function(f"document.querySelector('{sel}').kbLabels")
    result = page.evaluate(LABEL_CHECK, sel)
    assert result["bad"] == []
    return result["count"]


def test_local_graph_depth_1_centred_labels_inside_and_apart(page, base_url):
    page.goto(base_url + "concepts/generator/")
    _drawn(page, ".kb-graph--local")
    data = page.evaluate(f"fetch('{base_url}assets/kbgen/graph/generator.json').then(r => r.json())")
    first = [n[0] for n in data["nodes"] if n[2] == 1]  # rows: [id, group, depth, …]
    net = NET.format(sel=".kb-graph--local")
    assert sorted(page.evaluate(f"{net}.body.nodeIndices")) == sorted(["generator", *first])
    assert len(first) <= 20
    centre = page.evaluate(f"{net}.getPositions(['generator']).generator")
    assert abs(centre["x"]) < 1 and abs(centre["y"]) < 1
    sizes = page.evaluate(f"Object.values({net}.body.nodes).map(n => [n.id, n.shape.radius])")
    assert max(sizes, key=lambda s: s[1])[0] == "generator"
    assert _labels_ok(page, ".kb-graph--local") >= 4
    assert page.evaluate("document.querySelector('.kb-graph--local').kbLabels[0].id") == "generator"


def test_depth_2_control_adds_the_second_ring(page, base_url):
    page.goto(base_url + "concepts/generator/")
    before = int(page.get_attribute(".kb-graph--local[data-kb-drawn]", "data-kb-drawn"))
    page.get_by_role("button", name="Depth 2").click()
    page.wait_for_function(f"document.querySelector('.kb-graph--local').dataset.kbDrawn > {before}")
    _labels_ok(page, ".kb-graph--local")


def test_global_labels_inside_and_apart(page, base_url):
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    assert _labels_ok(page, ".kb-graph--global") >= 10
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    _labels_ok(page, ".kb-graph--global")


def test_wheel_scrolls_the_page_and_ctrl_wheel_zooms(page, base_url):
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(base_url + "concepts/generator/")
    _drawn(page, ".kb-graph--local")
    net = NET.format(sel=".kb-graph--local")

    def over_graph():
        # The graph at the foot of the viewport: the page below it (the footer) can still scroll.
        page.evaluate("document.querySelector('.kb-graph--local').scrollIntoView({block: 'end'})")
        page.wait_for_timeout(200)
        box = page.locator(".kb-graph--local .vis-network").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        return page.evaluate("scrollY"), page.evaluate(f"{net}.getScale()")

    y, scale = over_graph()
    page.mouse.wheel(0, 100)
    page.wait_for_function(f"scrollY > {y}")
    assert page.evaluate(f"{net}.getScale()") == scale
    y, scale = over_graph()
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_function(f"{net}.getScale() > {scale}")
    assert page.evaluate("scrollY") == y


def test_buttons_and_keys_zoom_and_fullscreen(page, base_url):
    page.goto(base_url + "concepts/generator/")
    _drawn(page, ".kb-graph--local")
    net = NET.format(sel=".kb-graph--local")
    scale = page.evaluate(f"{net}.getScale()")
    page.get_by_role("button", name="Zoom out").click()
    assert page.evaluate(f"{net}.getScale()") < scale
    page.locator(".kb-graph--local .kb-graph__canvas").focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    assert page.evaluate(f"{net}.getScale()") > scale
    page.keyboard.press("0")
    assert page.evaluate(f"{net}.getScale()") == scale
    page.get_by_role("button", name="Full screen").click()
    page.wait_for_function("document.fullscreenElement === document.querySelector('.kb-graph--local')"
                           " || document.querySelector('.kb-graph--max') !== null")
    page.wait_for_function("document.querySelector('.kb-graph--local canvas').clientHeight > 500")
    page.wait_for_timeout(300)  # the rings are laid out again for the new size
    _labels_ok(page, ".kb-graph--local")


def test_legend_deck_filter_and_hubs_hide_concepts(page, base_url):
    def one_hub(route):
        response = route.fetch()
        data = response.json()
        for n in data["nodes"]:  # exactly one hub, whatever the seed's own hubs are
            n["hub"] = False
        data["nodes"][0]["hub"] = True
        route.fulfill(response=response, json=data)

    page.route("**/assets/kbgen/graph-top.json", one_hub)
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    host = ".kb-graph--global"
    total = int(page.get_attribute(host, "data-kb-shown"))
    legend = page.locator(".kb-graph__legend button").first
    legend.click()
    assert legend.get_attribute("aria-pressed") == "false"
    assert int(page.get_attribute(host, "data-kb-shown")) < total
    legend.click()
    assert int(page.get_attribute(host, "data-kb-shown")) == total
    page.get_by_label("Show the concepts of one deck").select_option(index=2)  # the probe deck
    assert 0 < int(page.get_attribute(host, "data-kb-shown")) < total
    page.get_by_label("Show the concepts of one deck").select_option(label="All decks")
    page.get_by_label("Hide hubs").check()
    assert int(page.get_attribute(host, "data-kb-shown")) == total - 1
    page.wait_for_function(f"document.querySelector('{host}').dataset.kbDrawn == {total - 1}")


def test_search_focuses_a_concept_with_its_neighbours(page, base_url):
    page.goto(base_url + "graph/")
    _drawn(page, ".kb-graph--global")
    box = page.get_by_label("Find a concept in the graph")
    box.fill("discriminator")
    box.press("Enter")
    page.wait_for_selector(".kb-graph--global[data-kb-focus='discriminator']")
    page.wait_for_function("document.querySelector('.kb-graph--global').kbLabels[0].id === 'discriminator'")
    _labels_ok(page, ".kb-graph--global")


def test_scripts_and_data_only_where_a_graph_is_drawn(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url.rsplit("/assets/kbgen/", 1)[-1]))
    page.goto(base_url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert not [r for r in requests if r in GRAPH_SCRIPTS or "graph" in r]
    page.goto(base_url + "concepts/generator/")
    _drawn(page, ".kb-graph--local")
    assert "graph/generator.json" in requests
    assert "graph.json" not in requests
    assert "vis-network.min.js" in requests


def test_graph_page_does_not_shift_layout(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script("""window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())
        if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});""")
    pg = context.new_page()
    pg.goto(base_url + "graph/")
    _drawn(pg, ".kb-graph--global")
    pg.wait_for_timeout(500)
    assert pg.evaluate("window.__cls") <= 0.1
    context.close()


def test_file_url_shows_a_note(browser, built):
    context = browser.new_context()
    pg = context.new_page()
    pg.goto((built[1] / "concepts" / "generator" / "index.html").as_uri())
    note = pg.locator(".kb-graph--local .kb-graph__note")
    note.wait_for()
    pg.wait_for_function("window.kbGraphLoader")  # the loader ran, and wrote its note
    assert "served over HTTP" in note.text_content()
    assert pg.locator(".kb-graph--local canvas").count() == 0
    context.close()


def test_instant_navigation_from_a_page_without_graph(page, base_url):
    # The home page loads no graph code; the loader in the next page's graph box does.
    page.goto(base_url)
    page.evaluate("window.kbSamePage = true")  # survives only an instant (no-reload) navigation
    page.locator("article a[href$='/concepts/gan/']").first.click()
    page.wait_for_selector(".kb-graph--local[data-kb-concept='gan']")
    page.evaluate("document.querySelector('.kb-graph--local').scrollIntoView({block: 'center'})")
    _drawn(page, ".kb-graph--local")
    assert page.evaluate("window.kbSamePage") is True


def test_neighbour_tooltip_reads_the_neighbours_file(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url.rsplit("/assets/kbgen/", 1)[-1]))
    page.goto(base_url + "concepts/generator/")
    page.evaluate("document.querySelector('.kb-graph--local').scrollIntoView({block: 'center'})")
    _drawn(page, ".kb-graph--local")
    pt = _node_point(page, ".kb-graph--local", "discriminator")
    page.mouse.move(pt["x"], pt["y"])
    page.wait_for_function("document.querySelector('.kb-graph__tip') && "
                           "document.querySelector('.kb-graph__tip').children.length > 1")
    assert "graph/discriminator.json" in requests
