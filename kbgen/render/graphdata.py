"""The browser graph's data and vis-network options. The only module that imports pyvis.

pyvis supplies the vis-network option set and its bundled ``vis-network.min.js``;
its HTML template is not used (it is not autoescaped and always reaches a CDN).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyvis
from pyvis.network import Network

VIS_VERSION = "9.1.2"
ASSET_DIR = "assets/kbgen"


def vis_network_js() -> str:
    """pyvis's bundled copy of vis-network, served from the site itself."""
    path = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_options() -> dict:
    """vis-network options built with pyvis's option model.

    Positions are precomputed at build time, so physics only settles the view briefly
    instead of simulating from scratch in the browser.
    """
    net = Network(directed=False)
    net.toggle_physics(True)
    net.set_edge_smooth("continuous")
    opts = json.loads(net.options.to_json())
    opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                       "stabilization": {"enabled": True, "iterations": 60, "fit": True}}
    opts["interaction"] = {**opts.get("interaction", {}), "hover": True, "tooltipDelay": 150,
                           "navigationButtons": False, "keyboard": False}
    opts["edges"]["smooth"] = False
    opts["nodes"] = {"shape": "dot", "font": {"size": 14}}
    return opts


def graph_data(index: dict) -> dict:
    """The slice of the content index that the browser graph reads, plus options."""
    nodes = [{"id": c["id"], "label": c["label"], "url": c["url"], "summary": c["summary"],
              "aliases": c["aliases"], "rank": c["rank"], "community": c["community"],
              "cards": len(c["cards"])}
             for c in index["concepts"]]
    links = [{"source": e["source"], "target": e["target"], "weight": e["weight"], "kind": e["kind"]}
             for e in index["links"]]
    return {"version": index["version"], "nodes": nodes, "links": links, "options": vis_options()}
