"""The graph stage: the networkx concept graph (``build``), then what is computed on it once
per build (``analyze``: importance, communities, layout; ``placement``: the linear placement
of what the force layout leaves out).

The stage takes the decks and concepts extraction produced and gives the index stage a graph
and its analysis; nothing here knows about pages.
"""

from kbgen.graph.build import build_concept_graph, links, node_link

__all__ = ["build_concept_graph", "links", "node_link"]
