"""Linear placement of the concepts a force layout leaves out of a large graph.

Above a few thousand concepts the force layout runs only on the most important ones
(the global graph opens on those, and adds the rest in rank order). Every other concept
is put next to its strongest already-placed neighbour, breadth-first from the placed
set; concepts that no placed one reaches sit on rings outside the layout. Each step
looks at a node's neighbours once, so the cost is O(N + E).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

#: Golden angle: successive children of one parent never line up.
_GOLDEN = math.pi * (3 - math.sqrt(5))


def place_rest(G: nx.Graph, placed: dict[str, Any], rank: dict[str, Any], *, seed: int = 1) -> dict[str, Any]:
    """Positions for every node of ``G``: ``placed`` as given, the others near their neighbours.

    Parameters
    ----------
    G : networkx.Graph
        The whole graph; edges may carry a ``weight``. Not mutated.
    placed : dict
        ``{node: (x, y)}`` already laid out, in units of one edge length.
    rank : dict
        Importance of each node: higher-ranked nodes are placed first.
    seed : int
        Seed for the jitter; the same input gives the same output.

    Returns
    -------
    dict
        ``{node: (x, y)}`` for every node of ``G``.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")]); G.add_node("z")
    >>> pos = place_rest(G, {"a": (0.0, 0.0)}, {"a": 3, "b": 2, "c": 1, "z": 0})
    >>> sorted(pos)
    ['a', 'b', 'c', 'z']
    >>> math.dist(pos["a"], pos["b"]) < math.dist(pos["a"], pos["z"])
    True
    """
    pos = {n: (float(x), float(y)) for n, (x, y) in placed.items()}
    rng = np.random.default_rng(seed)

    def order(n: str) -> tuple[float, str]:
        return (-rank.get(n, 0.0), str(n))

    children: dict[str, Any] = {}
    _spread(G, list(pos), pos, order, children, rng)
    rest = sorted((n for n in G if n not in pos), key=order)
    if not rest:
        return pos
    centre = np.mean(list(pos.values()), axis=0) if pos else np.zeros(2)
    reach = max((math.dist(p, centre) for p in pos.values()), default=0.0) + 2.0
    slot = 0
    for n in rest:  # a root of a component no placed node reaches, in rank order
        if n in pos:
            continue
        pos[n] = _ring(slot, reach, centre)
        slot += 1
        _spread(G, [n], pos, order, children, rng)
    return pos


def _spread(G: nx.Graph, front: list[str], pos: dict[str, Any], order: Callable[[str], tuple[float, str]],
            children: dict[str, Any], rng: np.random.Generator) -> None:
    """Place the unplaced nodes reachable from ``front``, one breadth-first layer at a time."""
    while front:
        layer = sorted({v for u in front for v in G[u] if v not in pos}, key=order)
        # parents are chosen among nodes placed before this layer, so the result does not
        # depend on the order within the layer
        parents = [min((u for u in G[v] if u in pos), key=lambda u: (-G[v][u].get("weight", 1), *order(u)))
                   for v in layer]
        for v, p in zip(layer, parents):
            k, spin = children.get(p, (0, float(rng.uniform(0, 2 * math.pi))))
            children[p] = (k + 1, spin)
            # the k-th child of a parent on a small sunflower around it, so siblings never pile up
            r, theta = 0.7 * math.sqrt(k + 1), spin + k * _GOLDEN
            jx, jy = rng.normal(scale=0.05, size=2)
            px, py = pos[p]
            pos[v] = (px + r * math.cos(theta) + float(jx), py + r * math.sin(theta) + float(jy))
        front = layer


def _ring(slot: int, radius: float, centre: np.ndarray) -> tuple[float, float]:
    """The ``slot``-th place on rings one edge length apart, starting at ``radius``."""
    while True:
        capacity = max(int(2 * math.pi * radius), 1)
        if slot < capacity:
            theta = 2 * math.pi * slot / capacity
            return (float(centre[0]) + radius * math.cos(theta), float(centre[1]) + radius * math.sin(theta))
        slot -= capacity
        radius += 1.0


def extend_labels(G: nx.Graph, labels: dict[str, Any], rank: dict[str, Any]) -> dict[str, Any]:
    """Labels for every node of ``G``: each unlabelled node takes its strongest labelled neighbour's.

    Breadth-first from the labelled nodes, like :func:`place_rest`; each component that
    no labelled node reaches gets a new label of its own (``max(labels) + 1`` onwards).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> extend_labels(G, {"a": 0}, {})
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1}
    """
    out = dict(labels)

    def order(n: str) -> tuple[float, str]:
        return (-rank.get(n, 0.0), str(n))

    fresh = max(out.values(), default=-1) + 1
    fronts = [list(out)] + [[n] for n in sorted(G, key=order)]
    for i, front in enumerate(fronts):
        if i and front[0] in out:
            continue
        if i:  # a root of a component no labelled node reaches
            out[front[0]], fresh = fresh, fresh + 1
        while front:
            layer = sorted({v for u in front for v in G[u] if v not in out}, key=order)
            best = [out[min((u for u in G[v] if u in out), key=lambda u: (-G[v][u].get("weight", 1), *order(u)))]
                    for v in layer]
            out.update(zip(layer, best))
            front = layer
    return out
