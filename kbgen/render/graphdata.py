"""The browser graph's data and vis-network options. The only module that imports pyvis.

pyvis supplies the vis-network option set, the node and edge records and its bundled
``vis-network.min.js``. Its HTML template is not used: it is not autoescaped, always
reaches a CDN, and simulates the layout in the browser, which is what makes it slow.
Here positions come precomputed in the content index, so the browser draws at once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from kbgen.contract import ConceptRecord, ContentIndex
from kbgen.render.localgraph import adjacency, hubs, strongest

VIS_VERSION = "9.1.2"
#: How many concepts the global graph draws first (the most important); the rest on demand.
INITIAL_NODES = 400
#: The global graph draws a link when it is among the strongest few of either concept: at
#: 12,000 cards the top 400 concepts share 20,000 links, a grey mass that hides the dots and
#: takes seconds to draw. Concept pages and their lists keep every link.
GLOBAL_LINKS = 6
#: Community colours (Tableau 10): mid-tone, so they read on Material's light and slate
#: backgrounds alike. Communities past the palette share ``OTHER``.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
OTHER = "#8c8c8c"


def vis_network_js() -> str:
    """pyvis's bundled copy of vis-network, served from the site itself."""
    path = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_options() -> str:
    net = Network(directed=False)
    net.toggle_physics(False)
    net.set_edge_smooth("continuous")
    opts = json.loads(net.options.to_json())
    # Positions are precomputed: no physics and no vis "improved layout" pass (which
    # clusters the graph in the browser and takes seconds past a few hundred nodes).
    opts["physics"] = {"enabled": False}
    opts["layout"] = {"improvedLayout": False, "randomSeed": 1}
    opts["interaction"] = {**opts.get("interaction", {}), "hover": True, "tooltipDelay": 100,
                           "navigationButtons": False, "keyboard": False, "multiselect": False}
    opts["edges"] = {**opts["edges"], "smooth": False, "scaling": {"min": 1, "max": 6},
                     "color": {"inherit": False, "opacity": 0.6}, "hoverWidth": 1.5,
                     "selectionWidth": 1.5}
    # Node size follows importance, and so does the label: as the view zooms out, a
    # label whose drawn size falls under drawThreshold is skipped, so the labels of
    # minor concepts fade first and the important ones stay readable.
    opts["nodes"] = {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3,
                     "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3},
                     "scaling": {"min": 6, "max": 40, "label": {
                         "enabled": True, "min": 11, "max": 30, "maxVisible": 20,
                         "drawThreshold": 6}}}
    return json.dumps(opts, sort_keys=True)


def vis_options() -> dict[str, Any]:
    """vis-network options built with pyvis's option model (a fresh copy each call)."""
    options: dict[str, Any] = json.loads(_vis_options())
    return options


def local_options() -> dict[str, Any]:
    """What every local graph shares: vis-network's options and the colour of each group."""
    return {"vis": vis_options(), "colours": [node_colour(k) for k in range(len(PALETTE) + 1)]}


def graph_data(index: ContentIndex) -> dict[str, Any]:
    """The slice of the content index that the browser graph reads, plus options.

    Nodes come most important first, so the global graph can draw a prefix of them and
    add the rest on demand; ``legend`` names each coloured community after its most
    important concept (its ``key`` is the nodes' ``group``); a node's ``decks`` index
    ``decks``, for the filter by deck; ``hub`` marks the outliers by degree. Edges are the
    links among each concept's ``GLOBAL_LINKS`` strongest.
    """
    ranked = sorted(index["concepts"], key=lambda c: (-c["rank"], c["id"]))
    deck_of = {card["id"]: card["deck"] for card in index["cards"]}
    deck_no = {d["id"]: i for i, d in enumerate(index["decks"])}
    adj = adjacency(index["links"])
    hub = hubs(adj)
    nodes = [_node(c, sorted({deck_no[deck_of[k]] for k in c["cards"]}), c["id"] in hub) for c in ranked]
    best = strongest(adj, {c["id"]: c["rank"] for c in ranked})
    keep = {c: set(others[:GLOBAL_LINKS]) for c, others in best.items()}
    edges = [{**Edge(e["source"], e["target"], value=e["weight"]).options, "kind": e["kind"]}
             for e in index["links"] if e["target"] in keep[e["source"]] or e["source"] in keep[e["target"]]]
    return {"version": index["version"], "nodes": nodes, "edges": edges,
            "legend": legend(ranked), "options": vis_options(), "initial": INITIAL_NODES,
            "decks": [d["title"] for d in index["decks"]], "other": OTHER}


def graph_top(data: dict[str, Any]) -> dict[str, Any]:
    """What the graph page draws first: the top ``initial`` concepts and their links.

    At thousands of concepts ``graph.json`` weighs megabytes (11 MB at 12,000 cards), and
    reading it all before the first frame made the graph page draw 20× later than the home
    page loads. The page draws this, then reads ``graph.json`` for search and "Show more"."""
    top = data["nodes"][:data["initial"]]
    ids = {n["id"] for n in top}
    return {**data, "nodes": top, "edges": [e for e in data["edges"] if e["from"] in ids and e["to"] in ids],
            "total": len(data["nodes"]), "partial": len(top) < len(data["nodes"])}


def _node(c: ConceptRecord, decks: list[int], hub: bool) -> dict[str, Any]:
    record = Node(c["id"], "dot", c["label"], x=c["x"], y=c["y"], value=c["rank"],
                  color=node_colour(c["community"])).options
    del record["shape"]  # the default from the options; not repeated per node
    record = {**record, "url": c["url"], "summary": c["summary"], "aliases": c["aliases"],
              "community": c["community"], "group": group(c["community"]), "decks": decks}
    return {**record, "hub": True} if hub else record


def group(community: int) -> int:
    """The legend entry of a community: its own while the palette lasts, then "other"."""
    return community if 0 <= community < len(PALETTE) else len(PALETTE)


def colour(community: int) -> str:
    return PALETTE[group(community)] if group(community) < len(PALETTE) else OTHER


def node_colour(community: int) -> dict[str, Any]:
    """A dot's fill and a darker rim: the light fills (yellow, pink) still stand out on white."""
    fill = colour(community)
    rim = "#" + "".join(f"{int(int(fill[i:i + 2], 16) * 0.6):02x}" for i in (1, 3, 5))
    return {"background": fill, "border": rim}


def legend(ranked: list[ConceptRecord]) -> list[dict[str, Any]]:
    """One entry per coloured community: colour, size and its most important concept."""
    entries: dict[int, dict[str, Any]] = {}
    for c in ranked:
        key = group(c["community"])
        entry = entries.setdefault(key, {"colour": colour(key), "label": c["label"], "size": 0,
                                         "other": key == len(PALETTE), "key": key})
        entry["size"] += 1
    return [entries[k] for k in sorted(entries)]


def dumps_compact(data: dict[str, Any]) -> str:
    """Deterministic compact JSON for the browser: sorted keys, no indentation."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
