"""What the graph benchmarks share: a site served on 127.0.0.1, headless Chromium, and the
clocks of a graph page's first draw and a home page's load.

``graph_bench.py`` (synthetic graphs against pyvis) and ``graph_pages.py`` (any built site)
both use it. ``refresh`` puts this version's graph files into a site built earlier, so a
12,000-card site (6–9 minutes of ``mkdocs build`` here) is built once and re-measured after
changes to the graph's scripts or data only.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
#: Besides every ``assets/kbgen/graph*`` file, what ``refresh`` rewrites.
GRAPH_FILES = ("vis-network.min.js", "kbgen.css")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# The first canvas drawing call of a node (vis and the first-frame painter draw dots with
# arc, labels with fillText) marks "first drawn".
FIRST_DRAW = """(() => { const P = CanvasRenderingContext2D.prototype;
  for (const name of ["arc", "fillText"]) { const f = P[name];
    P[name] = function () { if (!window.__firstDraw) window.__firstDraw = performance.now();
      return f.apply(this, arguments); }; } })();"""


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` on an ephemeral port of 127.0.0.1, quietly; yields the base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def handle(self):
            with contextlib.suppress(ConnectionError):  # a page closed mid-download
                super().handle()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def offline(context, origin: str) -> None:
    """Serve pyvis's CDN files from its wheel; block every other outside request."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

    def route(r):
        url = r.request.url
        if url.startswith(origin):
            return r.continue_()
        if "vis-network" in url and url.endswith(".js"):
            return r.fulfill(path=str(lib / "vis-network.min.js"), content_type="text/javascript")
        if "vis-network" in url and url.endswith(".css"):
            return r.fulfill(path=str(lib / "vis-network.css"), content_type="text/css")
        return r.abort()

    context.route("**/*", route)


def first_draw(browser, url: str, origin: str, timeout_s: float) -> float | None:
    """Navigation start → the first node drawn on a canvas, in seconds (None: not within the limit)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offline(context, origin)
    context.add_init_script(FIRST_DRAW)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__firstDraw", timeout=timeout_s * 1000, polling=50)
        return page.evaluate("window.__firstDraw") / 1000
    except Exception as e:  # a timeout is a result: "did not draw within the limit"
        if "Timeout" not in type(e).__name__:
            raise
        return None
    finally:
        context.close()


def home_load(browser, url: str, origin: str) -> float:
    """Navigation start → the end of the ``load`` event, in seconds."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offline(context, origin)
    page = context.new_page()
    page.goto(url, wait_until="load")
    seconds = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
    context.close()
    return seconds


def refresh(work: Path) -> list[str]:
    """This version's graph scripts, stylesheet and data into ``work/site``, from the content
    index in ``work/docs``, and the graph page's head preloads; returns the files written.

    Valid while only those changed since the site was built (pages, templates and the
    content index stay as they were)."""
    from kbgen.mkdocs_plugin import graph_preloads
    from kbgen.render import render_site

    site = work / "site"
    index = json.loads((work / "docs" / "assets" / "kbgen" / "content-index.json").read_text(encoding="utf-8"))
    written = []
    for path, body in render_site(index).items():
        name = Path(path).name
        if path.startswith("assets/kbgen/") and (name.startswith("graph") or name in GRAPH_FILES):
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                target.write_bytes(body)
            else:
                target.write_text(body, encoding="utf-8")
            written.append(path)
    page = site / "graph" / "index.html"
    html = re.sub(r'<link rel="preload" href="[^"]*" as="(?:script|fetch)"(?: crossorigin)?>', "",
                  page.read_text(encoding="utf-8"))
    head = html.find("</head>")
    page.write_text(html[:head] + graph_preloads(html) + html[head:], encoding="utf-8")
    return [*written, "graph/index.html"]
