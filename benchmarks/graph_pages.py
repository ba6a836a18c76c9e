"""What a reader of a built site pays for the graph: time to the local graph, bytes, layout shift.

Works on any built site folder (this version's or an older one's), so the same numbers can be
taken before and after a change. For a site it measures, in headless Chromium:

- on concept pages (the most linked concept and a median one), a phone profile (390×844, CPU
  slowed 4× through CDP, with and without a 1.6 Mbps / 150 ms network): navigation start →
  ``load``, → the local graph's first frame (the host's ``data-kb-painted``, the still picture
  painted before vis-network runs; on an older site, vis's first frame) and → the graph drawn
  by vis, interactive (``data-kb-drawn``), the graph scrolled into view at ``load``; and the
  bytes of graph data and graph scripts the page transferred;
- the home page: bytes of graph scripts requested (there should be none);
- the graph page at 1280×800: cumulative layout shift until two seconds after the first draw;
- with ``--draw``, the graph page's first drawn node against the home page's ``load``, both
  unthrottled (``graph_bench``'s clocks), for sites too big to build from a synthetic graph.

    python benchmarks/graph_pages.py SITE [SITE...] [--draw] [--runs N] [--pages URL,URL] [--json]
    python benchmarks/graph_pages.py --refresh WORK   # WORK holds docs/ and site/

Each SITE is served on 127.0.0.1 while it is measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root holds the benchmarks package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.graph_browser import chromium, first_draw, home_load, refresh, served

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
         "has_touch": True}
SLOW_NET = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
GRAPH_SCRIPT = ("vis-network", "graph")  # file names of graph scripts under assets/kbgen/
CLS = """window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())
  if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"""
# The moments a graph host first gets data-kb-painted (its still first frame) and data-kb-drawn
# (set after vis-network's first frame), in the page's own clock.
DRAWN = """new MutationObserver((_, o) => {
  if (!window.__painted && document.querySelector('[data-kb-painted], [data-kb-drawn]'))
    window.__painted = performance.now();
  if (document.querySelector('[data-kb-drawn]')) { window.__drawn = performance.now(); o.disconnect(); } })
  .observe(document, {attributes: true, subtree: true, attributeFilter: ['data-kb-drawn', 'data-kb-painted']});"""
RESOURCES = """() => performance.getEntriesByType('resource').filter(e => e.name.includes('/assets/kbgen/'))
  .map(e => ({name: e.name.split('/assets/kbgen/')[1], bytes: e.transferSize || e.encodedBodySize}))"""


def concept_pages(site: Path) -> list[str]:
    """The most linked concept's page and a median one, from the content index."""
    # Published into the site only with --publish-index; always in the docs folder beside it.
    path = next((p for p in (site / "assets" / "kbgen" / "content-index.json",
                             site.parent / "docs" / "assets" / "kbgen" / "content-index.json") if p.exists()), None)
    if path is None:
        raise SystemExit(f"{site}: no content index (build with kbgen build, or --publish-index)")
    index = json.loads(path.read_text(encoding="utf-8"))
    degree = {c["id"]: 0 for c in index["concepts"]}
    for link in index["links"]:
        degree[link["source"]] += 1
        degree[link["target"]] += 1
    order = sorted(index["concepts"], key=lambda c: (-degree[c["id"]], c["id"]))
    linked = [c for c in order if degree[c["id"]]]
    return [c["url"] for c in (linked[0], linked[len(linked) // 2])]


def _split(resources: list[dict]) -> dict:
    data = sum(r["bytes"] for r in resources if r["name"].endswith(".json") and "graph" in r["name"])
    scripts = sum(r["bytes"] for r in resources
                  if r["name"].endswith(".js") and any(k in r["name"] for k in GRAPH_SCRIPT))
    return {"graph_data_kb": data / 1024, "graph_scripts_kb": scripts / 1024}


def local_graph(browser, url: str, *, slow_net: bool) -> dict:
    """One throttled phone visit of a concept page."""
    context = browser.new_context(**PHONE)
    context.add_init_script(DRAWN)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    if slow_net:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_NET)
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.evaluate("document.querySelector('[data-kb-graph]').scrollIntoView({block: 'center'})")
        page.wait_for_function("window.__drawn", timeout=120_000, polling=100)
        t = page.evaluate("""() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                                     painted: window.__painted, drawn: window.__drawn})""")
        return {"load_s": t["load"] / 1000, "painted_s": t["painted"] / 1000, "drawn_s": t["drawn"] / 1000,
                "painted_after_load_s": (t["painted"] - t["load"]) / 1000,
                "after_load_s": (t["drawn"] - t["load"]) / 1000, **_split(page.evaluate(RESOURCES))}
    finally:
        context.close()


def home_graph_bytes(browser, base: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base, wait_until="load")
    page.wait_for_timeout(500)
    out = _split(page.evaluate(RESOURCES))
    context.close()
    return {"home_" + k: v for k, v in out.items()}


def graph_page_cls(browser, base: str, viewport=None) -> float:
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
    context.add_init_script(CLS)
    page = context.new_page()
    page.goto(base + "graph/", wait_until="load")
    page.wait_for_selector("[data-kb-graph][data-kb-drawn]", timeout=60_000, state="attached")
    page.wait_for_timeout(2000)
    cls = page.evaluate("window.__cls")
    context.close()
    return cls


def graph_page_draw(browser, base: str) -> dict:
    """The graph page's first drawn node against the home page's ``load``, best of three each."""
    origin = base.rstrip("/")
    home = min(home_load(browser, base, origin) for _ in range(3))
    draw = min(first_draw(browser, base + "graph/", origin, 60) or 60.0 for _ in range(3))
    return {"home_load_s": home, "graph_first_draw_s": draw, "ratio": draw / home}


def measure_site(browser, site: Path, *, draw: bool = False, runs: int = 1, pages: list[str] | None = None) -> dict:
    """One site's row; with ``runs`` > 1 each concept page keeps each figure's best visit."""
    with served(site) as base:
        if draw:
            return {"site": str(site), **graph_page_draw(browser, base)}
        row = {"site": str(site), **home_graph_bytes(browser, base),
               "graph_page_cls": graph_page_cls(browser, base),
               "graph_page_cls_phone": graph_page_cls(browser, base, PHONE["viewport"]), "concepts": []}
        for url in pages or concept_pages(site):
            row["concepts"].append({"url": url, **{key: fastest([local_graph(browser, base + url, slow_net=net)
                                                                   for _ in range(runs)])
                                                   for key, net in (("cpu4", False), ("cpu4_net", True))}})
        return row


def fastest(visits: list[dict]) -> dict:
    """Each figure's best over the visits (on a shared machine the slow ones measure the neighbours)."""
    return {k: min(v[k] for v in visits) for k in visits[0]}


def run(sites: list[Path], *, draw: bool = False, runs: int = 1, pages: list[str] | None = None) -> list[dict]:
    with chromium() as browser:
        return [measure_site(browser, s, draw=draw, runs=runs, pages=pages) for s in sites]


def table(rows: list[dict]) -> str:
    out = ["| site | page | first frame s, CPU 4× (after load) | interactive s, CPU 4× (after load) "
           "| first frame / interactive s, CPU 4× + 1.6 Mbps | graph data KB "
           "| graph scripts KB | home page graph scripts KB | graph page CLS (desktop / phone) |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        for c in r["concepts"]:
            fast, slow = c["cpu4"], c["cpu4_net"]
            out.append(f"| {Path(r['site']).parent.name} | {c['url']} "
                       f"| {fast['painted_s']:.2f} ({fast['painted_after_load_s']:.2f}) "
                       f"| {fast['drawn_s']:.2f} ({fast['after_load_s']:.2f}) "
                       f"| {slow['painted_s']:.2f} / {slow['drawn_s']:.2f} | {fast['graph_data_kb']:.1f} "
                       f"| {fast['graph_scripts_kb']:.0f} "
                       f"| {r['home_graph_scripts_kb']:.0f} "
                       f"| {r['graph_page_cls']:.3f} / {r['graph_page_cls_phone']:.3f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="*", type=Path, help="built site folders")
    parser.add_argument("--refresh", type=Path, metavar="WORK",
                        help="write this version's graph files into WORK/site (from WORK/docs), then stop")
    parser.add_argument("--runs", type=int, default=1, help="visits per concept page; the fastest is kept")
    parser.add_argument("--draw", action="store_true", help="graph page first draw against home page load")
    parser.add_argument("--pages", type=lambda v: v.split(","), default=None, metavar="URL,URL",
                        help="concept pages to visit (default: the most linked concept's and a median one)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args(argv)
    if args.refresh:
        print("\n".join(refresh(args.refresh)))
        return
    if not args.sites:
        parser.error("name at least one built site folder")
    rows = run(args.sites, draw=args.draw, runs=args.runs, pages=args.pages)
    if args.draw:
        print("\n".join(f"{r['site']}: home {r['home_load_s']:.2f} s, graph first draw "
                        f"{r['graph_first_draw_s']:.2f} s ({r['ratio']:.1f}×)" for r in rows))
    else:
        print(table(rows))
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
