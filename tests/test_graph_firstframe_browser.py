"""The graph's first frame: painted still before vis-network runs, then replaced by vis's own."""

from __future__ import annotations

import pytest
from test_graph_browser import base_url, built, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# How many pixels of the still picture are painted (not transparent).
INKED = """sel => { const c = document.querySelector(sel + ' .kb-graph__paint');
  if (!c) return -1;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""


def _hold_vis(page) -> list:
    """Requests for vis-network, held (unanswered) until the test lets them go."""
    held: list = []
    page.route("**/vis-network.min.js", lambda r: held.append(r))
    return held


@pytest.mark.parametrize(("path", "sel"), [("concepts/generator/", ".kb-graph--local"),
                                           ("graph/", ".kb-graph--global")])
def test_first_frame_is_painted_before_vis_network_and_replaced_by_it(page, base_url, path, sel):
    held = _hold_vis(page)
    page.goto(base_url + path, wait_until="domcontentloaded")
    page.locator(sel).scroll_into_view_if_needed()
    page.wait_for_selector(f"{sel}[data-kb-painted]", state="attached", timeout=15_000)
    assert page.evaluate(INKED, sel) > 500
    assert page.evaluate(f"document.querySelector('{sel}').kbNetwork") is None
    assert page.get_attribute(sel, "data-kb-drawn") is None
    page.wait_for_function("document.querySelectorAll('script[src$=\"vis-network.min.js\"]').length > 0")
    while held:
        held.pop().continue_()
    page.wait_for_selector(f"{sel}[data-kb-drawn]", state="attached", timeout=15_000)
    assert page.evaluate(INKED, sel) == -1  # the picture is gone once vis has drawn


def test_global_graph_opens_where_its_first_frame_was(page, base_url):
    # vis starts from the painted view, so nothing jumps when it takes over.
    held = _hold_vis(page)
    page.goto(base_url + "graph/", wait_until="domcontentloaded")
    page.wait_for_selector(".kb-graph--global[data-kb-painted]", state="attached", timeout=15_000)
    page.wait_for_function("document.querySelectorAll('script[src$=\"vis-network.min.js\"]').length > 0")
    while held:
        held.pop().continue_()
    page.wait_for_selector(".kb-graph--global[data-kb-drawn]", state="attached", timeout=15_000)
    net = "document.querySelector('.kb-graph--global').kbNetwork"
    opened = page.evaluate(f"[{net}.getViewPosition(), {net}.getScale()]")
    fitted = page.evaluate(f"{net}.fit({{animation: false}}), [{net}.getViewPosition(), {net}.getScale()]")
    assert abs(opened[1] / fitted[1] - 1) < 0.01  # the painted view is vis's own fit
    scale = fitted[1]
    assert abs(opened[0]["x"] - fitted[0]["x"]) * scale < 2 and abs(opened[0]["y"] - fitted[0]["y"]) * scale < 2


def test_only_the_graph_page_preloads_graph_code(page, base_url):
    page.goto(base_url)

    def head(path: str) -> str:  # the page as served (the loader adds its own preload after load)
        html = page.evaluate(f"fetch('{base_url}{path}').then(r => r.text())")
        return html[:html.index("</head>")]

    assert '<link rel="preload" href="../assets/kbgen/vis-network.min.js" as="script">' in head("graph/")
    assert '<link rel="preload" href="../assets/kbgen/graph-top.json" as="fetch" crossorigin>' in head("graph/")
    assert 'rel="preload"' not in head("concepts/generator/") + head("")
