"""Each concept's neighbourhood, one small JSON file per concept, for the graph on its page.

A concept page draws at most a few dozen concepts; fetching the whole graph for that
(hundreds of KB at a few hundred concepts, megabytes at thousands) is what made the local
graph slow on a phone. Each file holds the concept, its strongest neighbours (depth 1)
and theirs (depth 2, drawn on request), with the links among them. Positions are not
stored: the page lays the few nodes out in rings to fit its own canvas.
"""

from __future__ import annotations

import functools
import heapq
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from kbgen.contract import ConceptRecord, ContentIndex, LinkRecord
from kbgen.render.reuse import PageReuse, Reused, digest, encode
from kbgen.slugs import LOCAL_GRAPHS, concept_path, doc_url, local_graph_path

#: Depth 1: at most this many neighbours, strongest links first.
NEIGHBOURS = 20
#: Depth 1 and 2 together: at most this many concepts besides the centre.
CAP = 40


def adjacency(links: list[LinkRecord]) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for e in links:
        adj[e["source"]][e["target"]] = e["weight"]
        adj[e["target"]][e["source"]] = e["weight"]
    return adj


def hubs(adj: dict[str, dict[str, float]]) -> set[str]:
    """Concepts linked far more than the rest ("weight", "loss"): drawn faded, hideable.

    An outlier by degree: at least three standard deviations over the mean, and at least
    12 links, so a small graph, where every degree is alike, has none."""
    degrees = [len(v) for v in adj.values()]
    if len(degrees) < 2:
        return set()
    cut = max(12.0, statistics.fmean(degrees) + 3 * statistics.pstdev(degrees))
    return {c for c, v in adj.items() if len(v) >= cut}


def strongest(adj: dict[str, dict[str, float]], rank: dict[str, float]) -> dict[str, list[str]]:
    """Each concept's neighbours, strongest link first (then most important), at most CAP."""
    return {c: _by_strength(others, rank) for c, others in adj.items()}


def _by_strength(others: dict[str, float], rank: dict[str, float]) -> list[str]:
    return heapq.nsmallest(CAP, others, key=lambda o: (-others[o], -rank[o], o))


def neighbourhood(best: dict[str, list[str]], centre: str) -> list[tuple[str, int, str]]:
    """``(concept, depth, parent)`` for the centre, its strongest neighbours, then theirs.

    Depth 2 takes each depth-1 concept's strongest unseen neighbour in turn (round robin),
    so one hub among the neighbours cannot fill the whole second ring."""
    out = [(centre, 0, "")]
    first = best.get(centre, [])[:NEIGHBOURS]
    seen = {centre, *first}
    out += [(c, 1, centre) for c in first]
    queues = [[o for o in best[c] if o not in seen] for c in first]
    while len(out) <= CAP and any(queues):
        for parent, queue in zip(first, queues):
            while queue and queue[0] in seen:
                queue.pop(0)
            if queue and len(out) <= CAP:
                seen.add(queue[0])
                out.append((queue.pop(0), 2, parent))
    return out


def local_graph(byid: dict[str, ConceptRecord], concept: ConceptRecord, adj: dict[str, dict[str, float]],
                best: dict[str, list[str]], hub: set[str], group: Callable[[int], int]) -> dict[str, Any]:
    """The browser record for one concept page's graph.

    Nodes are rows, ``[id, group, depth, parent's position (-1: none), weight of the link to
    the parent (0: none), hub (1/0)]``, then the label and URL where the id does not give
    them (graph-local.js fills them in): named fields took 60 % of each file, and a site has
    a file per concept. ``group`` indexes the colours in graph-options.json. ``head`` holds
    the concept's own summary and aliases: a neighbour's tooltip reads them from the
    neighbour's file on hover (copied here, one edited card would rewrite dozens of files)."""
    members = neighbourhood(best, concept["id"])
    ids = [m[0] for m in members]
    at = {cid: i for i, cid in enumerate(ids)}
    nodes: list[list[Any]] = []
    for cid, depth, parent in members:
        c = byid[cid]
        row: list[Any] = [cid, group(c["community"]), depth, at[parent] if parent else -1,
                          adj[parent][cid] if parent else 0, int(cid in hub)]
        label = c["label"] if c["label"] != cid.replace("-", " ") else 0
        url = c["url"] if c["url"] != doc_url(concept_path(cid)) else 0
        nodes.append(row + [label, url] if url else row + [label] if label else row)
    head: dict[str, Any] = {"summary": concept["summary"]}
    if concept["aliases"]:
        head["aliases"] = concept["aliases"]
    # [i, j, weight] by position in ``nodes``: a hub's neighbourhood has hundreds of links.
    edges = [[i, j, w] for i, u in enumerate(ids) for j in range(i + 1, len(ids))
             if (w := adj[u].get(ids[j]))]
    return {"centre": concept["id"], "head": head, "nodes": nodes, "links": edges}


def local_graphs(index: ContentIndex, group: Callable[[int], int],
                 dumps: Callable[[dict[str, Any]], str]) -> dict[str, str]:
    """``{doc path: JSON}``: one file per concept, named by its id (a slug)."""
    return {p: t for p, t in iter_local_graphs(index, group, dumps) if isinstance(t, str)}


def iter_local_graphs(index: ContentIndex, group: Callable[[int], int], dumps: Callable[[dict[str, Any]], str],
                      reuse: PageReuse | None = None) -> Iterator[tuple[str, str | Reused]]:
    """``(doc path, JSON)``: one file per concept, named by its id (a slug), one at a time;
    with ``reuse``, a file whose inputs did not change is neither made nor digested again, and
    when no link and no concept the files share changed (a card edit that changes a summary at
    most), no neighbourhood is even looked at."""
    hood = _Neighbourhoods(index, group)
    same = reuse is not None and reuse.same_inputs(LOCAL_GRAPHS, _inputs(index, group))
    for c in index["concepts"]:
        path = local_graph_path(c["id"])
        render = functools.partial(hood.render, dumps, c)
        if reuse is None:
            yield path, render()
        else:
            # only the centre's own file shows its summary and aliases
            own = digest(encode([c["summary"], c["aliases"]]))
            kept = reuse.kept(path, render, own) if same else None
            yield path, kept or reuse.file(path, functools.partial(hood.key, c), render, own)


def _inputs(index: ContentIndex, group: Callable[[int], int]) -> str:
    """What the local graph files share, hashed: the links, and what any file shows of a concept
    (not the summary and aliases, which only its own file shows)."""
    return digest(encode([[e["source"], e["target"], e["weight"]] for e in index["links"]]),
                  encode([[c["id"], c["label"], c["url"], group(c["community"]), c["rank"]]
                          for c in index["concepts"]]))


class _Neighbourhoods:
    """The lookups every local graph file reads, made on first use: a run that reuses every
    file makes none of them."""

    def __init__(self, index: ContentIndex, group: Callable[[int], int]) -> None:
        self.index, self.group = index, group

    @functools.cached_property
    def adj(self) -> dict[str, dict[str, float]]:
        return adjacency(self.index["links"])

    @functools.cached_property
    def hub(self) -> set[str]:
        return hubs(self.adj)

    @functools.cached_property
    def best(self) -> dict[str, list[str]]:
        return strongest(self.adj, {c["id"]: c["rank"] for c in self.index["concepts"]})

    @functools.cached_property
    def byid(self) -> dict[str, ConceptRecord]:
        return {c["id"]: c for c in self.index["concepts"]}

    @functools.cached_property
    def shown(self) -> dict[str, str]:
        """What a file shows of each concept it holds, hashed: label, URL, colour, hub, and its
        links (the weights of the links among the members come from their rows)."""
        return {cid: digest(c["label"], c["url"], str(self.group(c["community"])), str(cid in self.hub),
                            encode(self.adj.get(cid, {}))) for cid, c in self.byid.items()}

    def render(self, dumps: Callable[[dict[str, Any]], str], concept: ConceptRecord) -> str:
        return dumps(local_graph(self.byid, concept, self.adj, self.best, self.hub, self.group))

    def key(self, concept: ConceptRecord) -> Iterator[str]:
        # The members and their order come from ``best`` (which ranks read); each member's record
        # and links from ``shown``; only the centre's summary and aliases are in the file.
        yield encode([concept["summary"], concept["aliases"]])
        for cid, depth, parent in neighbourhood(self.best, concept["id"]):
            yield f"{cid}\0{depth}\0{parent}\0{self.shown[cid]}"
