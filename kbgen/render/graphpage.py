"""The graph page type: ``graph.md`` and the data every graph on the site reads.

The global graph's data (all of it, and the top concepts it draws first), the options the
local graphs share and one neighbourhood file per concept; the scripts that draw them are
shipped by :mod:`kbgen.render`, not linked on every page: the loader in each graph's box
fetches them (see :func:`kbgen.render.graphbox.graph_box`).
"""

from __future__ import annotations

from collections.abc import Iterator

from kbgen.contract import ContentIndex
from kbgen.render.common import front_matter
from kbgen.render.graphbox import graph_box
from kbgen.render.graphdata import dumps_compact, graph_data, graph_top, group, local_options
from kbgen.render.localgraph import iter_local_graphs
from kbgen.render.reuse import PageReuse, Reused
from kbgen.slugs import CONCEPTS_INDEX, GRAPH_DATA, GRAPH_OPTIONS, GRAPH_PAGE, GRAPH_TOP, md_link, site_root


def graph_files(index: ContentIndex) -> dict[str, str]:
    """The graph page and its data: ``{doc path: text}``."""
    return {p: t for p, t in iter_graph_files(index) if isinstance(t, str)}


def iter_graph_files(index: ContentIndex, reuse: PageReuse | None = None) -> Iterator[tuple[str, str | Reused]]:
    """The graph page and its data, one file at a time (a concept's neighbourhood each); with
    ``reuse``, a neighbourhood whose inputs did not change is not made again."""
    yield GRAPH_PAGE, graph_page()
    graph = graph_data(index)
    yield GRAPH_DATA, dumps_compact(graph)
    yield GRAPH_TOP, dumps_compact(graph_top(graph))
    del graph  # the whole graph's data is not kept while the neighbourhoods are made
    yield GRAPH_OPTIONS, dumps_compact(local_options())
    yield from iter_local_graphs(index, group, dumps_compact, reuse)


def graph_page() -> str:
    return (front_matter("Concept graph") + "# Concept graph\n\n"
            + graph_box("global", site_root(GRAPH_PAGE), GRAPH_TOP, "Graph of all concepts") + "\n"
            f"Every concept is also listed [A–Z]({md_link(GRAPH_PAGE, CONCEPTS_INDEX)}).\n")
