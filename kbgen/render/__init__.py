"""Renderers: content index → ``(doc path, text)``. Nothing here writes a file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import Any

from kbgen.contract import ContentIndex
from kbgen.emit import Reused
from kbgen.errors import DuplicateOutputError
from kbgen.index import dumps
from kbgen.render.azindex import az_pages
from kbgen.render.gaps import render_gaps
from kbgen.render.graphdata import ASSET_DIR, dumps_compact, graph_data, graph_top, group, local_options, vis_network_js
from kbgen.render.links import Linker
from kbgen.render.localgraph import iter_local_graphs
from kbgen.render.pages import iter_pages
from kbgen.render.reuse import PageReuse
from kbgen.render.study import iter_study
from kbgen.render.tags import all_tags, tags_page

STATIC_ASSETS = ("kb-boot.js", "graph-loader.js", "graph-ui.js", "graph-labels.js", "graph.js", "graph-local.js",
                 "graph-global.js", "kbgen.css", "maths.js", "ts-fsrs.umd.js", "ts-fsrs.LICENSE.txt",
                 "study-fsrs.js", "study-store.js", "study-cards.js", "study-due.js", "study-progress.js",
                 "study.js")
#: KaTeX (npm ``katex`` dist, MIT, see its LICENSE) ships inside every site: no CDN.
KATEX = "katex"

Output = tuple[str, "str | bytes | Reused"]


def render_site(index: ContentIndex, *, home: bool = True) -> dict[str, str | bytes]:
    """Every generated file: pages, the content index, graph data and the site's own scripts."""
    return {p: t for p, t in iter_site(index, home=home) if not isinstance(t, Reused)}


def iter_site(index: ContentIndex, *, home: bool = True,
              reuse: Callable[[dict[str, str]], PageReuse] | None = None) -> Iterator[Output]:
    """:func:`render_site` one file at a time, for a writer that keeps none of them; ``reuse``
    (given the tag anchors) skips rendering deck, concept and study pages whose inputs are unchanged."""
    tags = all_tags(index)
    pages = reuse(tags) if reuse is not None else None
    linker = Linker({c["id"]: c for c in index["concepts"]})  # its patterns compiled once for both
    # Each producer runs only when the one before it is written out, so at most one
    # producer's own lookups (and one page) are held beside the index.
    return stream_outputs(
        pages=lambda: iter_pages(index, home=home, tags=tags, linker=linker, reuse=pages),
        a_to_z=lambda: az_pages(index).items(), data=lambda: _data(index), assets=lambda: _assets().items(),
        study=lambda: iter_study(index, linker, pages),
        gaps=lambda: render_gaps(index).items(), tags=lambda: tags_page(index, tags).items())


def _data(index: ContentIndex) -> Iterator[Output]:
    """The content index and the graph's data files."""
    yield f"{ASSET_DIR}/content-index.json", dumps(index)
    graph = graph_data(index)
    yield f"{ASSET_DIR}/graph.json", dumps_compact(graph)
    yield f"{ASSET_DIR}/graph-top.json", dumps_compact(graph_top(graph))
    del graph
    yield f"{ASSET_DIR}/graph-options.json", dumps_compact(local_options())
    for path, text in iter_local_graphs(index, group, dumps_compact):
        yield f"{ASSET_DIR}/{path}", text


def _assets() -> dict[str, str | bytes]:
    pkg = resources.files("kbgen") / "assets"
    assets: dict[str, str | bytes] = {f"{ASSET_DIR}/{name}": (pkg / name).read_text(encoding="utf-8")
                                      for name in STATIC_ASSETS}
    assets[f"{ASSET_DIR}/vis-network.min.js"] = vis_network_js()
    assets.update(katex_files())
    return assets


def katex_files() -> dict[str, bytes]:
    """The vendored KaTeX: scripts, stylesheet, licence and its WOFF2 fonts, as bytes."""
    out = {}
    for folder in (resources.files("kbgen") / "assets" / KATEX,
                   resources.files("kbgen") / "assets" / KATEX / "fonts"):
        base = f"{ASSET_DIR}/{KATEX}" + ("/fonts" if folder.name == "fonts" else "")
        out.update({f"{base}/{f.name}": f.read_bytes() for f in folder.iterdir() if f.is_file()})
    return out


def stream_outputs(**producers: Callable[[], Iterable[tuple[str, Any]]]) -> Iterator[tuple[str, Any]]:
    """Each producer's files in turn, lazily; the same path from two producers is an error naming both."""
    owner: dict[str, str] = {}
    for name, produce in producers.items():
        for path, text in produce():
            if path in owner:
                raise DuplicateOutputError(f"{path} is produced by both {owner[path]} and {name}")
            owner[path] = name
            yield path, text


def merge_outputs(**producers: dict[str, Any]) -> dict[str, Any]:
    """Merge renderer outputs; the same path from two producers is an error naming both."""
    return dict(stream_outputs(**{name: files.items for name, files in producers.items()}))
