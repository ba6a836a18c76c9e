"""The box a graph is drawn in, shared by the graph page and concept pages."""

from __future__ import annotations

from kbgen.slugs import GRAPH_LOADER


def graph_box(kind: str, root: str, data: str, label: str, concept: str = "") -> str:
    """A graph's box, its size fixed by CSS so nothing moves when it draws, and its loader.

    The loader is a script in the box, not in every page's head: Material's
    instant navigation re-runs it when it reaches a page with a graph, and pages without
    one load no graph code at all. The note shows where the graph cannot be drawn."""
    who = f' data-kb-concept="{concept}"' if concept else ""
    return (f'<div class="kb-graph kb-graph--{kind}" data-kb-graph="{kind}"{who} data-kb-root="{root}" '
            f'data-kb-data="{root}{data}" role="figure" aria-label="{label}" data-search-exclude>'
            '<p class="kb-graph__note">The interactive graph is drawn here when the site is served over '
            "HTTP (kbgen serve, GitHub Pages) with JavaScript on; the lists on this page give every "
            f'link.</p><script src="{root}{GRAPH_LOADER}" async></script></div>\n')
