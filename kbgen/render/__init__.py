"""Renderers: content index → ``{doc path: text}``. Nothing here writes a file."""

from __future__ import annotations

from importlib import resources
from typing import Any

from kbgen.contract import ContentIndex
from kbgen.errors import DuplicateOutputError
from kbgen.index import dumps
from kbgen.render.azindex import az_pages
from kbgen.render.gaps import render_gaps
from kbgen.render.graphdata import ASSET_DIR, dumps_compact, graph_data, graph_top, group, local_options, vis_network_js
from kbgen.render.localgraph import local_graphs
from kbgen.render.pages import render_pages
from kbgen.render.study import render_study
from kbgen.render.tags import all_tags, tags_page

STATIC_ASSETS = ("kb-boot.js", "graph-loader.js", "graph-ui.js", "graph-labels.js", "graph-paint.js", "graph.js",
                 "graph-local.js", "graph-global.js", "kbgen.css", "maths.js", "ts-fsrs.umd.js", "ts-fsrs.LICENSE.txt",
                 "study-fsrs.js", "study-store.js", "study-cards.js", "study-due.js", "study-progress.js",
                 "study.js")
#: KaTeX (npm ``katex`` dist, MIT, see its LICENSE) ships inside every site: no CDN.
KATEX = "katex"


def render_site(index: ContentIndex, *, home: bool = True) -> dict[str, str | bytes]:
    """Every generated file: pages, the content index, graph data and the site's own scripts."""
    pkg = resources.files("kbgen") / "assets"
    assets: dict[str, str | bytes] = {f"{ASSET_DIR}/{name}": (pkg / name).read_text(encoding="utf-8")
                                      for name in STATIC_ASSETS}
    assets[f"{ASSET_DIR}/vis-network.min.js"] = vis_network_js()
    assets.update(katex_files())
    graph = graph_data(index)
    data = {f"{ASSET_DIR}/content-index.json": dumps(index),
            f"{ASSET_DIR}/graph.json": dumps_compact(graph),
            f"{ASSET_DIR}/graph-top.json": dumps_compact(graph_top(graph)),
            f"{ASSET_DIR}/graph-options.json": dumps_compact(local_options())}
    data.update({f"{ASSET_DIR}/{path}": text for path, text in local_graphs(index, group, dumps_compact).items()})
    tags = all_tags(index)
    return merge_outputs(pages=render_pages(index, home=home, tags=tags), a_to_z=az_pages(index), data=data,
                         assets=assets, study=render_study(index), gaps=render_gaps(index),
                         tags=tags_page(index, tags))


def katex_files() -> dict[str, bytes]:
    """The vendored KaTeX: scripts, stylesheet, licence and its WOFF2 fonts, as bytes."""
    out = {}
    for folder in (resources.files("kbgen") / "assets" / KATEX,
                   resources.files("kbgen") / "assets" / KATEX / "fonts"):
        base = f"{ASSET_DIR}/{KATEX}" + ("/fonts" if folder.name == "fonts" else "")
        out.update({f"{base}/{f.name}": f.read_bytes() for f in folder.iterdir() if f.is_file()})
    return out


def merge_outputs(**producers: dict[str, Any]) -> dict[str, Any]:
    """Merge renderer outputs; the same path from two producers is an error naming both."""
    owner: dict[str, str] = {}
    merged: dict[str, Any] = {}
    for name, files in producers.items():
        for path, text in files.items():
            if path in owner:
                raise DuplicateOutputError(f"{path} is produced by both {owner[path]} and {name}")
            owner[path], merged[path] = name, text
    return merged
