"""Each concept's neighbourhood, one small JSON file per concept, for the graph on its page.

A concept page draws at most a few dozen concepts; fetching the whole graph for that
(hundreds of KB at a few hundred concepts, megabytes at thousands) is what made the local
graph slow on a phone. Each file holds the concept, its strongest neighbours (depth 1)
and theirs (depth 2, drawn on request), with the links among them. Positions are not
stored: the page lays the few nodes out in rings to fit its own canvas.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

#: Depth 1: at most this many neighbours, strongest links first.
NEIGHBOURS = 20
#: Depth 1 and 2 together: at most this many concepts besides the centre.
CAP = 40
LOCAL_DIR = "graph"


def adjacency(links: list[dict]) -> dict[str, dict[str, int]]:
    adj: dict[str, dict[str, int]] = defaultdict(dict)
    for e in links:
        adj[e["source"]][e["target"]] = e["weight"]
        adj[e["target"]][e["source"]] = e["weight"]
    return adj


def hubs(adj: dict[str, dict[str, int]]) -> set[str]:
    """Concepts linked far more than the rest ("weight", "loss"): drawn faded, hideable.

    An outlier by degree: at least three standard deviations over the mean, and at least
    12 links, so a small graph, where every degree is alike, has none."""
    degrees = [len(v) for v in adj.values()]
    if len(degrees) < 2:
        return set()
    cut = max(12.0, statistics.fmean(degrees) + 3 * statistics.pstdev(degrees))
    return {c for c, v in adj.items() if len(v) >= cut}


def _strongest(adj: dict[str, dict[str, int]], rank: dict[str, float], cid: str) -> list[str]:
    return sorted(adj.get(cid, {}), key=lambda o: (-adj[cid][o], -rank[o], o))


def neighbourhood(adj: dict[str, dict[str, int]], rank: dict[str, float], centre: str) -> list[tuple[str, int, str]]:
    """``(concept, depth, parent)`` for the centre, its strongest neighbours, then theirs.

    Depth 2 takes each depth-1 concept's strongest unseen neighbour in turn (round robin),
    so one hub among the neighbours cannot fill the whole second ring."""
    out = [(centre, 0, "")]
    first = _strongest(adj, rank, centre)[:NEIGHBOURS]
    seen = {centre, *first}
    out += [(c, 1, centre) for c in first]
    queues = [[o for o in _strongest(adj, rank, c)[:CAP] if o not in seen] for c in first]
    while len(out) <= CAP and any(queues):
        for parent, queue in zip(first, queues):
            while queue and queue[0] in seen:
                queue.pop(0)
            if queue and len(out) <= CAP:
                seen.add(queue[0])
                out.append((queue.pop(0), 2, parent))
    return out


def local_graph(index: dict, concept: dict, adj, rank, hub: set[str], colour) -> dict:
    """The browser record for one concept page's graph."""
    byid = index["_byid"]
    members = neighbourhood(adj, rank, concept["id"])
    ids = [m[0] for m in members]
    nodes = []
    for cid, depth, parent in members:
        c = byid[cid]
        node = {"id": cid, "label": c["label"], "url": c["url"], "summary": c["summary"],
                "color": colour(c["community"]), "depth": depth, "rank": c["rank"]}
        if c["aliases"]:
            node["aliases"] = c["aliases"]
        if parent:
            node["parent"] = parent
            node["weight"] = adj[parent][cid]
        if cid in hub:
            node["hub"] = True
        nodes.append(node)
    edges = [{"from": u, "to": v, "value": adj[u][v]}
             for i, u in enumerate(ids) for v in ids[i + 1:] if v in adj.get(u, ())]
    return {"centre": concept["id"], "nodes": nodes, "edges": edges}


def local_graphs(index: dict, colour, dumps) -> dict[str, str]:
    """``{asset path: JSON}``: one file per concept, named by its id (a slug)."""
    adj = adjacency(index["links"])
    hub = hubs(adj)
    rank = {c["id"]: c["rank"] for c in index["concepts"]}
    view = {**index, "_byid": {c["id"]: c for c in index["concepts"]}}
    return {f"{LOCAL_DIR}/{c['id']}.json": dumps(local_graph(view, c, adj, rank, hub, colour))
            for c in index["concepts"]}
