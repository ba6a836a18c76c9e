"""Card text is data: a deck packed with payloads, built and loaded in headless Chromium.

Every page of the built site is loaded over loopback HTTP; links, graph nodes and
search results are hovered. Nothing a card says may run, restyle the page or load
anything, and every card's text must still be shown.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from helpers import DATA, HANDWRITTEN_DOCS
from helpers.sitetools import build_site, keep_inside, normalise, pages, serve

from kbgen.render.markdown import blocks

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAYLOADS = DATA / "payloads.txt"

# Runs before any page script: records what a payload would do if it ran.
TRAP = """
window.__kbDialogs = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...a) => { window.__kbDialogs.push(name + ":" + a.join(",")); };
}
"""

# Everything a card could smuggle into the content area.
AUDIT = """() => {
  const content = document.querySelector(".md-content") || document.body;
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith("on")) bad.push("handler " + el.tagName + "[" + attr + "]");
    }
    for (const attr of ["href", "src", "action", "formaction", "data", "xlink:href"]) {
      const v = (el.getAttribute(attr) || "").replace(/[\\s\\x00-\\x20]/g, "").toLowerCase();
      if (/^(javascript|vbscript|data):/.test(v)) bad.push("url " + el.tagName + " " + v.slice(0, 40));
    }
  }
  for (const el of content.querySelectorAll("script, style, link, iframe, object, embed, form, img, svg:not(.md-content svg *), math, base, meta, details")) {
    // KaTeX draws kbgen's maths marks as HTML and MathML; a card cannot name that class.
    if (el.closest(".kb-graph") || el.closest(".md-source-file") || el.closest(".katex")) continue;
    if (el.tagName === "svg" && el.closest(".headerlink, .md-content__button, .md-icon")) continue;
    bad.push("element " + el.tagName);
  }
  // kbgen's own scripts style their widgets; a card's style would carry these values.
  for (const el of content.querySelectorAll("[style]")) {
    if (/red|fixed|url\\(/i.test(el.getAttribute("style")) && !el.closest(".kb-graph"))
      bad.push("style attribute on " + el.tagName + ": " + el.getAttribute("style"));
  }
  for (const el of content.querySelectorAll("[id^='evil'], .evil, #cpp")) bad.push("attr_list id/class " + el.tagName);
  return {bad, dialogs: window.__kbDialogs, pwned: window.__kbPwned === undefined ? null : String(window.__kbPwned),
          bg: getComputedStyle(document.body).backgroundColor, display: getComputedStyle(document.body).display};
}"""


# A formula drawn by KaTeX reads back as the source it was drawn from (maths.js keeps it).
HEADING_TEXT = """el => { const c = el.cloneNode(true);
  c.querySelectorAll('.headerlink').forEach(a => a.remove());
  c.querySelectorAll('.arithmatex[data-kb-tex]').forEach(m => m.replaceWith(m.dataset.kbTex));
  return c.textContent; }"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("payload-kb"), [PAYLOADS])


@pytest.fixture(scope="module")
def page(browser, site):
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(TRAP)
        outside = keep_inside(context, base)
        p = context.new_page()
        dialogs: list[str] = []
        p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        p.kb_base, p.kb_outside, p.kb_dialogs = base, outside, dialogs
        yield p
        context.close()


class _Markup(HTMLParser):
    FORBIDDEN: ClassVar[set[str]] = {"script", "style", "iframe", "object", "embed", "form", "img", "svg", "math",
                 "details", "link", "meta", "base"}

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "script" and _graph_loader(attrs):
            return
        if tag in self.FORBIDDEN:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            v = re.sub(r"[\s\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or name == "style" or re.match(r"(javascript|vbscript|data):", v):
                self.bad.append(f"<{tag} {name}={value!r}>")


def _graph_loader(attrs) -> bool:
    """kbgen's own graph loader, which a page with a graph names in its graph box."""
    return (len(attrs) == 2 and attrs[1] == ("async", None) and attrs[0][0] == "src"
            and re.fullmatch(r"(\./|(\.\./)*)assets/kbgen/graph-loader\.js", attrs[0][1] or "") is not None)


HANDWRITTEN = {name.removesuffix(".md") for name in HANDWRITTEN_DOCS}


def test_static_html_has_no_card_markup(site):
    # Before any script runs: the Markdown output itself holds no element, handler, style
    # or URL that kbgen did not write.
    for html in pages(site):
        if html.parent.name in HANDWRITTEN:  # the repo's own pages may style their tables
            continue
        text = html.read_text(encoding="utf-8")
        parser = _Markup()
        parser.feed(text[text.find("<article"):text.find("</article>")])
        assert not parser.bad, f"{html}: {parser.bad[:5]}"


def _audit(page, where: str) -> None:
    result = page.evaluate(AUDIT)
    assert not page.kb_dialogs, f"{where}: dialog {page.kb_dialogs}"
    assert not result["dialogs"], f"{where}: {result['dialogs']}"
    assert result["pwned"] is None, f"{where}: payload ran: {result['pwned']}"
    assert not result["bad"], f"{where}: {result['bad'][:5]}"
    assert result["display"] != "none" and result["bg"] != "rgb(255, 0, 0)", f"{where}: injected style"
    assert not page.kb_outside, f"{where}: requests left the site: {page.kb_outside[:3]}"


def _hover_links(page) -> None:
    # Synthetic pointer events fire any handler a card could have planted, on every
    # element at once; real mouse moves are kept for the graph canvas below.
    page.evaluate("""() => {
      for (const el of document.querySelectorAll('.md-content *, .md-header *, .md-nav *'))
        for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'click'])
          if (type !== 'click' || !el.closest('a[href], button, label, input')) el.dispatchEvent(
            new MouseEvent(type, {bubbles: true, cancelable: true}));
    }""")


def _hover_graph(page, limit: int, tips: list[str] | None = None) -> int:
    """Hover drawn nodes of the page's graphs; returns how many were hovered and collects
    the text of each tooltip shown into ``tips``."""
    if not page.locator("[data-kb-graph]").count():
        return 0
    page.wait_for_function("() => [...document.querySelectorAll('[data-kb-graph]')]"
                           ".every(el => el.querySelector('canvas') || el.textContent)", timeout=10000)
    points = page.evaluate("""() => {
      const out = [];
      for (const el of document.querySelectorAll('[data-kb-graph]')) {
        const net = el.kbNetwork, box = el.getBoundingClientRect();
        if (net && net.getPositions) {
          net.stopSimulation && net.stopSimulation();
          // canvasToDOM is relative to the network's own container, below the controls bar
          const r = net.body.container.getBoundingClientRect();
          for (const [id, pos] of Object.entries(net.getPositions())) {
            const p = net.canvasToDOM(pos);
            out.push([r.left + p.x, r.top + p.y]);
          }
        } else {  // whatever draws the graph, sweep its canvas
          for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++)
            out.push([box.left + box.width * i / 8, box.top + box.height * j / 8]);
        }
      }
      return out;
    }""")[:limit]
    for x, y in points:
        page.mouse.move(x, y)
        page.wait_for_timeout(200)  # past vis-network's tooltipDelay, so each tooltip is drawn
        if tips is not None:
            tips += page.evaluate("() => [...document.querySelectorAll("
                                  "'.kb-graph__tip strong, .kb-tooltip strong')].map(e => e.textContent)")
    return len(points)


def test_no_payload_runs_on_any_page(page, site):
    """Every page: hover everything, audit, and check concept titles round-trip."""
    index = json.loads((site.parent / "docs/assets/kbgen/content-index.json").read_text(encoding="utf-8"))
    labels = {c["url"]: c["label"] for c in index["concepts"]}
    hovered = local = 0
    tips: list[str] = []
    for html in pages(site):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/") or rel.startswith("search/"):
            continue
        url = page.kb_base + rel.removesuffix("index.html")
        page.goto(url, wait_until="load")
        if (label := labels.get(rel.removesuffix("index.html"))) is not None:
            h1 = page.locator(".md-content h1").evaluate(HEADING_TEXT)
            assert normalise(h1) == normalise(label) and normalise(label) in normalise(page.title())
        _hover_links(page)
        if rel == "graph/index.html":
            hovered += _hover_graph(page, 30, tips)
        elif local < 3:  # local graphs draw the same data: a few pages cover them
            local += 1
            hovered += _hover_graph(page, 3)
        _audit(page, rel)
    assert hovered > 10 and tips, f"{hovered} graph nodes hovered, tooltips {tips}"
    # Tooltips show labels as text, payloads included.
    assert set(tips) <= set(labels.values()) and any(re.search(r"[<>{}$\\=&]", t) for t in tips), tips


def test_search_results_are_text(page):
    shown = ""
    for query in ("Payload", "javascript", "hover", "onmouseover", "comment", "Chinese"):
        page.goto(page.kb_base + f"?q={query}", wait_until="load")
        page.wait_for_selector(".md-search-result__item, .md-search-result__meta", timeout=10000)
        # The status line says "Initializing search" until the index is loaded, which a busy
        # machine takes longer than a fixed pause to do: wait for the count of results.
        page.wait_for_function("() => /matching/i.test(document.querySelector("
                               "'.md-search-result__meta')?.textContent || '')", timeout=20000)
        page.wait_for_timeout(300)
        for item in page.locator(".md-search-result__item").all()[:20]:
            item.hover()
        shown += normalise(page.inner_text(".md-search-result"))
        _audit(page, f"search {query!r}")
    # Titles and text of results are shown as the card wrote them.
    assert '<img src=x onerror=alert(document.domain)> "Payload"' in shown
    assert "<script>" in shown and "onmouseover=" in shown


def test_every_card_text_is_shown(page, site):
    index = json.loads((site.parent / "docs/assets/kbgen/content-index.json").read_text(encoding="utf-8"))
    assert len(index["cards"]) == 23
    for deck in index["decks"]:
        page.goto(page.kb_base + deck["url"], wait_until="load")
        shown = normalise(page.inner_text(".md-content"))
        assert normalise(deck["title"]) in normalise(page.inner_text(".md-content h1"))
        assert normalise(deck["title"]) in normalise(page.title())
        assert f"from {deck['source'].rsplit('/', 1)[-1]}" in shown
        for card_id in deck["cards"]:
            card = next(c for c in index["cards"] if c["id"] == card_id)
            heading = page.locator(f'[id="{card["anchor"]}"]').evaluate(HEADING_TEXT)
            assert normalise(heading) == normalise(card["question"])
            for _, items, _ in blocks(card["answer"]):
                for item in items:
                    for line in item:
                        assert normalise(line) in shown, f"{card_id}: {line!r} not shown"
