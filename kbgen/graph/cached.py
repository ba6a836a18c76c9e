"""The graph and its analysis for a build, cached in the build cache (``.kbgen-cache/``): the
links while the concepts and the cards' ids are the same; PageRank, communities and layout
while the graph's nodes and weighted edges are. A card edit that changes no concept or link
reuses all of them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import networkx as nx

from kbgen.cache import cached, graph_key
from kbgen.cardcache import code_version
from kbgen.graph.analyze import communities, importance, layout
from kbgen.graph.build import build_concept_graph, concept_nodes
from kbgen.model import Concept, Deck

Analysis = tuple[dict[str, float], dict[str, int], dict[str, Any]]


def analyse(G: nx.Graph) -> Analysis:
    """PageRank, communities and layout: Louvain and PageRank once, for both the layout and the index."""
    rank = importance(G)
    community = communities(G, importance_of=rank)
    return rank, community, layout(G, communities_of=community, importance_of=rank)


def concept_graph(cache: Path, decks: list[Deck], concepts: list[Concept]) -> nx.Graph:
    """:func:`~kbgen.graph.build.build_concept_graph`, its links from the cache while what they
    depend on is the same: the concepts' ids and cards, and the cards' ids (most card edits
    change neither)."""
    built: list[nx.Graph] = []

    def compute() -> list[list[Any]]:
        built.append(build_concept_graph(decks, concepts))
        # in the order they were added (by pair), so a graph made from the cache has the same
        # adjacency order, which PageRank and Louvain iterate in
        return sorted([*sorted((u, v)), d["kind"], d["weight"], d["cards"]] for u, v, d in built[0].edges(data=True))

    inputs = json.dumps([code_version(), [c.id for d in decks for c in d.cards],
                         [[c.id, c.cards, c.asked, c.definition] for c in concepts]])
    key = hashlib.sha256(inputs.encode("utf-8", "surrogatepass")).hexdigest()
    edges = cached(cache, "graph", key, compute, valid=lambda v: _edges_of(v, {c.id for c in concepts}))
    if built:
        return built[0]
    G = concept_nodes(concepts)
    G.add_edges_from((u, v, {"kind": kind, "weight": weight, "cards": cards}) for u, v, kind, weight, cards in edges)
    return G


def _edges_of(value: object, nodes: set[str]) -> bool:
    """Cached links are used only when each joins two of the concepts, with a kind, a weight and cards."""
    return isinstance(value, list) and all(
        isinstance(e, list) and len(e) == 5 and e[0] in nodes and e[1] in nodes and isinstance(e[2], str)
        and type(e[3]) is int and isinstance(e[4], list) and all(isinstance(c, str) for c in e[4])
        for e in value)


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
