"""Graph algorithms that return new data and never mutate ``G``: importance and communities."""

from __future__ import annotations

import networkx as nx


def importance(G: nx.Graph) -> dict[str, float]:
    """PageRank of each node, weighted by supporting cards; isolated graphs get uniform scores.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> r = importance(G)
    >>> r["b"] > r["a"]
    True
    """
    if G.number_of_nodes() == 0:
        return {}
    if G.number_of_edges() == 0:
        return {n: 1.0 / G.number_of_nodes() for n in G}
    return nx.pagerank(G, weight="weight")


def communities(G: nx.Graph, *, seed: int = 1) -> dict[str, int]:
    """Louvain community number per node; 0 is the largest community.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> sorted(communities(G).values())
    [0, 0, 1, 1]
    """
    if G.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(G))}
    parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    parts = sorted(parts, key=lambda p: (-len(p), min(p)))
    return {n: i for i, part in enumerate(parts) for n in part}
