"""The graph's analysis for a build, cached: PageRank, communities and layout are kept in the
build cache (``.kbgen-cache/``) while the graph's nodes and weighted edges stay the same, so a
card edit that changes no concept or link reuses all three.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kbgen.cache import cached, graph_key
from kbgen.graph.analyze import communities, importance, layout

Analysis = tuple[dict[str, float], dict[str, int], dict[str, Any]]


def analyse(G: nx.Graph) -> Analysis:
    """PageRank, communities and layout: Louvain and PageRank once, for both the layout and the index."""
    rank = importance(G)
    community = communities(G, importance_of=rank)
    return rank, community, layout(G, communities_of=community, importance_of=rank)


def graph_analysis(cache: Path, G: nx.Graph) -> Analysis:
    """:func:`analyse`, from the cache while the graph's nodes and weighted edges stay the same
    (a card edit that changes no concept or link reuses all three)."""
    def compute() -> dict[str, Any]:
        return dict(zip(("rank", "community", "positions"), analyse(G), strict=True))

    value = cached(cache, "analysis", graph_key(G, "analysis", 2), compute,
                   valid=lambda v: _analysis_of(v, G))
    return value["rank"], value["community"], value["positions"]


def _analysis_of(value: object, G: nx.Graph) -> bool:
    """A cached analysis is used only when it ranks, groups and places every node."""
    def number(x: object) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool)
    return isinstance(value, dict) and isinstance(rank := value.get("rank"), dict) \
        and isinstance(group := value.get("community"), dict) and _positions_of(value.get("positions"), G) \
        and all(number(rank.get(n)) and isinstance(group.get(n), int) and not isinstance(group.get(n), bool)
                for n in G)


def _positions_of(value: object, G: nx.Graph) -> bool:
    """A cached layout is used only when it places every node at two numbers."""
    return isinstance(value, dict) and all(
        isinstance(p := value.get(n), list) and len(p) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in p) for n in G)
