"""Graph algorithms that return new data and never mutate ``G``: importance, communities, layout."""

from __future__ import annotations

import math  # noqa: F401  (used by the doctests)
from typing import Any

import networkx as nx
import numpy as np

from kbgen.graph.placement import extend_labels, place_rest


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
    rank: dict[str, float] = nx.pagerank(G, weight="weight")
    return rank


def communities(G: nx.Graph, *, seed: int = 1, importance_of: dict[str, float] | None = None,
                limit: int | None = None) -> dict[str, int]:
    """Louvain community number per node; 0 is the largest community.

    networkx's Louvain grows faster than the graph (2 s at 4,300 concepts and 90,000
    links, 20 s at 21,000 and 510,000). Above ``limit`` nodes (``COMMUNITY_LIMIT``) it
    runs on the ``FORCE_LIMIT`` most important nodes only, and every other node joins
    its strongest neighbour's community (:func:`kbgen.graph.placement.extend_labels`): O(N + E),
    at about two thirds of the full run's modularity on the 50,000-card benchmark.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> sorted(communities(G).values())
    [0, 0, 1, 1]
    >>> big = communities(nx.path_graph(8), limit=4)  # Louvain on 4 nodes, the rest join
    >>> sorted(big) == list(range(8)) and len(set(big.values())) <= 4
    True
    """
    if G.number_of_edges() == 0:
        return {n: i for i, n in enumerate(sorted(G))}
    limit = COMMUNITY_LIMIT if limit is None else limit
    if G.number_of_nodes() <= limit:
        parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    else:
        rank = importance_of if importance_of is not None else importance(G)
        core = sorted(G, key=lambda n: (-rank[n], n))[:min(FORCE_LIMIT, limit)]
        found = nx.community.louvain_communities(_canonical(G, core), weight="weight", seed=seed)
        label = extend_labels(G, {n: i for i, part in enumerate(found) for n in part}, rank)
        groups: dict[int, set[str]] = {}
        for n, c in label.items():
            groups.setdefault(c, set()).add(n)
        parts = list(groups.values())
    parts = sorted(parts, key=lambda p: (-len(p), min(p)))
    return {n: i for i, part in enumerate(parts) for n in part}


#: Above this many concepts Louvain runs on the most important ones only (:func:`communities`).
COMMUNITY_LIMIT = 5000
#: Above this many concepts only the most important ones are laid out by forces; the
#: rest are placed next to their strongest neighbour (:func:`kbgen.graph.placement.place_rest`).
FORCE_LIMIT = 2000
#: Distance between linked concepts in the returned layout, in vis-network pixels.
EDGE_LENGTH = 80.0


def layout(G: nx.Graph, *, seed: int = 1, iterations: int = 80,
           communities_of: dict[str, int] | None = None, importance_of: dict[str, float] | None = None,
           force_limit: int = FORCE_LIMIT) -> dict[str, tuple[float, float]]:
    """Node positions from a force layout that stays near-linear in the graph's size.

    Fruchterman–Reingold forces, with repulsion computed exactly only between nodes
    closer than two edge lengths (found with a k-d tree) and, beyond that, from the
    centroids of at most 24 × 24 grid cells (a one-level Barnes–Hut). One iteration
    costs O(N log N + E) instead of O(N²). The start is not random: each Louvain
    community gets a disc on a sunflower spiral, so clusters begin apart. 2,000
    concepts take about 1–2 s (``networkx.spring_layout``: about 80 s for 5,000).

    Parameters
    ----------
    G : networkx.Graph
        Edges may carry a ``weight`` (supporting cards); heavier edges pull harder.
    seed : int
        Seed for the communities and the jitter; the same graph and seed give the same layout.
    iterations : int
        Force iterations; the step size cools linearly to zero over them.
    communities_of : dict, optional
        A precomputed ``{node: community}``; computed with :func:`communities` when omitted.
    importance_of : dict, optional
        A precomputed ``{node: importance}``; computed with :func:`importance` when needed.
    force_limit : int
        Above this many nodes, forces act only on the ``force_limit`` most important ones
        (by :func:`importance`); every other node is placed in O(1) next to its strongest
        already-placed neighbour, breadth-first, and nodes no placed one reaches go on
        rings outside. This keeps 50,000 concepts to seconds.

    Returns
    -------
    dict
        ``{node: (x, y)}`` rounded to 0.1, centred on the origin, with linked nodes
        about ``EDGE_LENGTH`` apart. ``G`` is not mutated.

    Examples
    --------
    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos)
    ['a', 'b', 'c']
    >>> ab = math.dist(pos["a"], pos["b"]); ac = math.dist(pos["a"], pos["c"])
    >>> ab < ac
    True
    >>> big = layout(nx.path_graph(30), force_limit=10)  # 10 by forces, 20 placed
    >>> len(set(big.values()))
    30
    """
    nodes = sorted(G)
    if not nodes:
        return {}
    comm = communities_of if communities_of is not None else communities(G, seed=seed)
    if len(nodes) <= force_limit:
        placed = dict(zip(nodes, _forces(G, nodes, comm, seed, iterations)))
    else:
        rank = importance_of if importance_of is not None else importance(G)
        core = sorted(sorted(nodes, key=lambda n: (-rank[n], n))[:force_limit])
        pos = _forces(_canonical(G, core), core, comm, seed, iterations)
        placed = place_rest(G, dict(zip(core, pos)), rank, seed=seed)
    pos = np.array([placed[n] for n in nodes])
    pos = (pos - pos.mean(axis=0)) * EDGE_LENGTH
    return {n: (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for n, (x, y) in zip(nodes, pos)}


def _canonical(G: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges in sorted order.

    Louvain and the layout's float sums follow node and edge order, and a subgraph view
    keeps ``G``'s, which can come from set order (and so change with the hash seed).
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(nodes))
    H.add_weighted_edges_from(sorted((*sorted((u, v)), w) for u, v, w in
                                     G.subgraph(nodes).edges(data="weight", default=1)))
    return H


def _forces(G: nx.Graph, nodes: list[str], comm: dict[str, Any], seed: int, iterations: int) -> np.ndarray:
    """The force layout of ``G`` (nodes in ``nodes`` order), in units of one edge length."""
    at = {n: i for i, n in enumerate(nodes)}
    pos = _community_start(nodes, comm, np.random.default_rng(seed))
    edges = np.array([(at[u], at[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
    weights = np.array([float(w) for _, _, w in G.edges(data="weight", default=1)])
    pos = _relax(pos, edges, np.sqrt(weights), iterations)
    parts = sorted(([at[n] for n in c] for c in nx.connected_components(G)), key=lambda c: (-len(c), min(c)))
    return _spread(_pull_in(pos, parts))


def _spread(pos: np.ndarray, *, gap: float = 1.4, rounds: int = 40) -> np.ndarray:
    """Push apart nodes closer than ``gap`` edge lengths, so labels in a dense cluster
    do not sit on top of each other; each round moves both nodes of a pair by half the
    shortfall, O(N log N) with a k-d tree."""
    from scipy.spatial import cKDTree

    pos = pos.copy()
    for _ in range(rounds):
        pairs = cKDTree(pos).query_pairs(gap, output_type="ndarray")
        if not len(pairs):
            break
        delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-9)
        push = delta * ((gap - dist) / (2 * dist))[:, None]
        np.add.at(pos, pairs[:, 0], push)
        np.add.at(pos, pairs[:, 1], -push)
    return pos


def _sunflower(count: int, offset: float = 0.0) -> np.ndarray:
    """``count`` evenly spread points in a disc of area ``count`` (Vogel's spiral)."""
    i = np.arange(count) + 0.5 + offset
    r, theta = np.sqrt(i / np.pi), i * np.pi * (3 - np.sqrt(5))
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _community_start(nodes: list[str], comm: dict[str, Any], rng: np.random.Generator) -> np.ndarray:
    groups: dict[int, list[int]] = {}
    for i, n in enumerate(nodes):
        groups.setdefault(comm.get(n, -1), []).append(i)
    order = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    pos = np.zeros((len(nodes), 2))
    # Community discs laid on a spiral, largest in the middle; each disc holds its
    # members on a small sunflower, so the start is already untangled.
    radii = np.array([np.sqrt(len(g) / np.pi) + 1.0 for g in order])
    centres = _sunflower(len(order)) * 2.2 * radii.mean()
    for g, centre in zip(order, centres):
        pos[g] = centre + _sunflower(len(g))[rng.permutation(len(g))]
    return pos + rng.normal(scale=0.01, size=pos.shape)


def _relax(pos: np.ndarray, edges: np.ndarray, pull: np.ndarray, iterations: int) -> np.ndarray:
    from scipy.spatial import cKDTree

    n, cutoff = len(pos), 2.0
    pos = pos.copy()
    step = max(np.ptp(pos, axis=0).max() / 10, 1.0)
    for it in range(iterations):
        # Repulsion k²/d with k = 1: exact between nodes closer than the cutoff, and from
        # the centroids of grid cells beyond it (a one-level Barnes–Hut), so dense regions
        # still feel the whole graph pushing them apart.
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if it % 4 == 0:  # the far field changes slowly: refresh it every few steps
            far = _far_field(pos, cutoff)
        disp = far.copy()
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            disp += _scatter(pairs, delta / np.maximum((delta ** 2).sum(axis=1), 1e-4)[:, None], n)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            d = np.sqrt(np.maximum((delta ** 2).sum(axis=1), 1e-8))
            disp -= _scatter(edges, delta * (d * pull)[:, None], n)
        disp -= pos * 0.005  # weak gravity keeps separate components in view
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=1), 1e-12))
        temp = step * (1 - it / iterations) + 0.05
        pos += disp * (np.minimum(length, temp) / length)[:, None]
    return pos


def _pull_in(pos: np.ndarray, parts: list[list[int]]) -> np.ndarray:
    """Move each smaller component in to just outside the largest one.

    Far-field repulsion pushes isolated concepts and small components far out, which
    would shrink the main component to a speck once the view fits everything.
    """
    pos = pos.copy()
    main = pos[parts[0]]
    centre = main.mean(axis=0)
    reach = np.sqrt(((main - centre) ** 2).sum(axis=1)).max() + 1.0
    for part in parts[1:]:
        own = pos[part].mean(axis=0)
        radius = np.sqrt(((pos[part] - own) ** 2).sum(axis=1)).max()
        offset = own - centre
        dist, limit = float(np.hypot(*offset)), reach + radius + 1.0
        if dist > limit:
            pos[part] += offset / dist * (limit - dist)
    return pos


def _far_field(pos: np.ndarray, cutoff: float) -> np.ndarray:
    """Repulsion on every node from the centroids of grid cells farther than ``cutoff``.

    At most 24 × 24 cells, so the cost stays O(N) however large the layout grows.
    """
    side = max(cutoff, float(np.ptp(pos, axis=0).max()) / 24)
    cell = np.floor((pos - pos.min(axis=0)) / side).astype(np.int64)
    key = cell[:, 0] * (cell[:, 1].max() + 1) + cell[:, 1]
    _cells, inverse, mass = np.unique(key, return_inverse=True, return_counts=True)
    centre = np.column_stack([np.bincount(inverse, pos[:, a]) / mass for a in (0, 1)])
    out = np.zeros_like(pos)
    for start in range(0, len(pos), 2048):  # bounded memory: a block of nodes × all cells
        delta = pos[start:start + 2048, None, :] - centre[None, :, :]
        d2 = (delta ** 2).sum(axis=2)
        w = np.where(d2 > side * side, mass / np.maximum(d2, 1e-4), 0.0)
        out[start:start + 2048] = (delta * w[:, :, None]).sum(axis=1)
    return out


def _scatter(pairs: np.ndarray, force: np.ndarray, n: int) -> np.ndarray:
    """Add ``force`` to each pair's first node and subtract it from the second."""
    out = np.empty((n, 2))
    for axis in (0, 1):
        out[:, axis] = (np.bincount(pairs[:, 0], force[:, axis], minlength=n)
                        - np.bincount(pairs[:, 1], force[:, axis], minlength=n))
    return out
