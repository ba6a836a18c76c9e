"""Time to first drawn concept graph in headless Chromium: kbgen's site against pyvis's default HTML.

For each size a synthetic concept graph with made-up labels becomes a real site
(content index → pages → ``mkdocs build``), served on 127.0.0.1. In one run it measures:

- the layout time (and a cache hit) at build time;
- kbgen's global graph page: navigation start → first node drawn on the canvas;
- pyvis's default HTML of the same graph (``Network().from_nx`` on a copy, ``write_html``):
  the same clock, with its CDN vis-network served from pyvis's own wheel (integrity
  hashes removed, as those bytes differ from the CDN build) and every other outside
  request (bootstrap) blocked;
- the site's home page: navigation start → ``load`` event;
- a full redraw of the global graph with every concept shown (how it feels at scale).

Run it on its own: ``python benchmarks/graph_bench.py [--sizes 300,1500,5000]``;
``run()`` returns the rows for the overall benchmark runner.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

if __package__ in (None, ""):  # run as a script: the repository root holds the benchmarks package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.graph_browser import chromium, first_draw, home_load, offline, served

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ("ka", "lo", "mi", "ter", "von", "da", "xu", "pre", "nal", "shi", "qua", "zor", "bel", "tin")


def synthetic_graph(n: int, *, seed: int = 7):
    """A concept graph with ``n`` made-up concepts, plus the deck its cards come from."""
    from kbgen.model import Card, Deck
    from kbgen.slugs import concept_path, doc_url

    rng = random.Random(seed)
    skeleton = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    labels: dict[int, str] = {}
    taken: set[str] = set()
    for i in skeleton:
        while (label := " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
                                 for _ in range(rng.randint(1, 2)))) in taken:
            pass
        taken.add(label)
        labels[i] = label
    ids = {i: f"{labels[i].replace(' ', '-')}" for i in skeleton}
    cards = []
    for i in skeleton:
        others = ", ".join(labels[j] for j in sorted(skeleton[i])[:4])
        cards.append(Card(id=f"synthetic#c{i}", anchor=f"c{i}", line=3 * i + 2,
                          question=f"What is {labels[i]}?", answer=f"{labels[i]} is a term tied to {others}."))
    deck = Deck(title="Synthetic", source="synthetic.txt", cards=tuple(cards), slug="synthetic")
    G = nx.Graph()
    for i in skeleton:
        G.add_node(ids[i], label=labels[i], aliases=[], url=doc_url(concept_path(ids[i])),
                   cards=sorted({f"synthetic#c{j}" for j in [i, *skeleton[i]]}), asked=[f"synthetic#c{i}"],
                   definition=f"synthetic#c{i}")
    for u, v in skeleton.edges():
        G.add_edge(ids[u], ids[v], kind="mentions", weight=rng.choice((1, 1, 1, 2, 3)),
                   cards=[f"synthetic#c{min(u, v)}"])
    return G, [deck]


def build_site(G: nx.Graph, decks: list, where: Path) -> dict:
    """Content index, pages and ``mkdocs build`` for ``G``; returns the build-side timings."""
    from kbgen.cache import cached, graph_key
    from kbgen.emit import emit
    from kbgen.graph.analyze import communities, importance, layout
    from kbgen.index import make_content_index
    from kbgen.render import render_site

    t0 = time.perf_counter()
    positions = cached(where / ".kbgen-cache", "layout", graph_key(G), lambda: layout(G))
    t1 = time.perf_counter()
    cached(where / ".kbgen-cache", "layout", graph_key(G), lambda: layout(G))
    t2 = time.perf_counter()
    index = make_content_index(G, decks, positions=positions, communities_of=communities(G),
                               importance_of=importance(G))
    emit(render_site(index), where / "docs")
    t3 = time.perf_counter()
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copy(ROOT / "docs" / "about.md", where / "docs" / "about.md")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(where / "mkdocs.yml"),
                    "-d", str(where / "site")], check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    t4 = time.perf_counter()
    return {"layout_s": t1 - t0, "layout_cached_s": t2 - t1, "generate_s": t3 - t2, "mkdocs_s": t4 - t3,
            "graph_json_kb": (where / "site" / "assets" / "kbgen" / "graph.json").stat().st_size / 1024}


def pyvis_page(G: nx.Graph, where: Path) -> tuple[Path, float]:
    """pyvis's default HTML of ``G``; returns the file and the seconds ``from_nx`` took."""
    from pyvis.network import Network

    H = nx.Graph()  # from_nx mutates its input: give it a copy with labels only
    H.add_nodes_from((n, {"label": d["label"]}) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, {"weight": w}) for u, v, w in G.edges(data="weight"))
    t0 = time.perf_counter()
    net = Network()
    net.from_nx(H)
    seconds = time.perf_counter() - t0
    where.mkdir(parents=True, exist_ok=True)
    cwd = os.getcwd()
    os.chdir(where)  # write_html copies its lib/ folder next to the page, relative to the cwd
    try:
        net.write_html("pyvis.html")
    finally:
        os.chdir(cwd)
    # Served offline, the CDN's vis-network is pyvis's bundled copy, whose bytes differ
    # from the CDN build the template's integrity hash names; drop the hashes, nothing else.
    page = where / "pyvis.html"
    page.write_text(re.sub(r'\s+integrity="[^"]*"', "", page.read_text(encoding="utf-8")), encoding="utf-8")
    return page, seconds


def _full_redraw_ms(browser, url: str, origin: str) -> float:
    """Show every concept, then time one synchronous redraw of the whole canvas."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    offline(context, origin)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-kb-drawn]", timeout=60_000)
    while page.locator(".kb-graph__more").is_visible():
        page.locator(".kb-graph__more").click()
    ms = page.evaluate("""() => { const net = document.querySelector('.kb-graph--global').kbNetwork;
        const t = performance.now(); for (let i = 0; i < 5; i++) net.renderer._redraw(false);
        return (performance.now() - t) / 5; }""")
    context.close()
    return ms


def measure(n: int, browser, work: Path, *, pyvis_timeout: float = 60.0) -> dict:
    """One row: build a site of ``n`` concepts and time its graph against pyvis's and its home page."""
    G, decks = synthetic_graph(n)
    row = {"concepts": n, "links": G.number_of_edges(), **build_site(G, decks, work)}
    _page, row["pyvis_from_nx_s"] = pyvis_page(G, work / "site" / "pyvis")
    with served(work / "site") as base:
        origin = base.rstrip("/")
        row["home_load_s"] = home_load(browser, base, origin)
        row["kbgen_first_draw_s"] = first_draw(browser, base + "graph/", origin, 60)
        row["pyvis_first_draw_s"] = first_draw(browser, base + "pyvis/pyvis.html", origin, pyvis_timeout)
        row["pyvis_timeout_s"] = pyvis_timeout
        row["all_nodes_redraw_ms"] = _full_redraw_ms(browser, base + "graph/", origin)
    return row


def run(sizes=(300, 1500, 5000), *, pyvis_timeout: float = 60.0) -> list[dict]:
    """Measure every size in one browser session; returns one dict per size."""
    rows = []
    with chromium() as browser, tempfile.TemporaryDirectory(prefix="kbgen-graph-bench-") as tmp:
        for n in sizes:
            rows.append(measure(n, browser, Path(tmp) / str(n), pyvis_timeout=pyvis_timeout))
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    def s(v):
        return "—" if v is None else f"{v:.2f}"

    out = ["| concepts | links | layout s (cached) | graph.json KB | kbgen first draw s | pyvis first draw s "
           "| speed-up | home load s | graph ÷ home | all-nodes redraw ms |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        pyvis = r["pyvis_first_draw_s"]
        pv = s(pyvis) if pyvis is not None else f"> {r['pyvis_timeout_s']:.0f}"
        speed = (f"{pyvis / r['kbgen_first_draw_s']:.0f}×" if pyvis is not None
                 else f"> {r['pyvis_timeout_s'] / r['kbgen_first_draw_s']:.0f}×")
        out.append(f"| {r['concepts']} | {r['links']} | {s(r['layout_s'])} ({r['layout_cached_s']:.3f}) "
                   f"| {r['graph_json_kb']:.0f} | {s(r['kbgen_first_draw_s'])} | {pv} | {speed} "
                   f"| {s(r['home_load_s'])} | {r['kbgen_first_draw_s'] / r['home_load_s']:.1f}× "
                   f"| {r['all_nodes_redraw_ms']:.0f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1500,5000", help="comma-separated concept counts")
    parser.add_argument("--pyvis-timeout", type=float, default=60.0, help="seconds to wait for pyvis to draw")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args(argv)
    rows = run(tuple(int(x) for x in args.sizes.split(",")), pyvis_timeout=args.pyvis_timeout)
    print(table(rows))
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
