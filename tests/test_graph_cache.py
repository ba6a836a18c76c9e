"""The concept graph's links kept in the build cache: a graph made from the cache is the one
built, in the same order, and another input or a bad entry builds it again."""

from __future__ import annotations

import json
from dataclasses import replace

from helpers import SEED

from kbgen.build import load
from kbgen.graph.build import build_concept_graph
from kbgen.graph.cached import concept_graph


def _adjacency(G) -> tuple[list, list]:
    """Nodes and each node's neighbours with their data, in the order networkx iterates them."""
    return list(G.nodes(data=True)), [(u, list(G.adj[u].items())) for u in G]


def test_a_cached_graph_is_the_built_graph_in_the_same_order(tmp_path):
    model = load([SEED])
    built = build_concept_graph(model.decks, model.concepts)
    first = concept_graph(tmp_path, model.decks, model.concepts)
    assert (tmp_path / "graph.json").exists()
    again = concept_graph(tmp_path, model.decks, model.concepts)
    assert _adjacency(first) == _adjacency(built) == _adjacency(again)
    # a concept losing a card is another input: the links are built again
    c = next(c for c in model.concepts if len(c.cards) > 1)
    fewer = [replace(x, cards=x.cards[1:]) if x is c else x for x in model.concepts]
    key = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["key"]
    assert _adjacency(concept_graph(tmp_path, model.decks, fewer)) == \
        _adjacency(build_concept_graph(model.decks, fewer))
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["key"] != key


def test_a_cached_graph_of_the_wrong_shape_is_built_again(tmp_path):
    model = load([SEED])
    concept_graph(tmp_path, model.decks, model.concepts)
    entry = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    entry["value"][0][0] = "no-such-concept"
    (tmp_path / "graph.json").write_text(json.dumps(entry), encoding="utf-8")
    assert _adjacency(concept_graph(tmp_path, model.decks, model.concepts)) == \
        _adjacency(build_concept_graph(model.decks, model.concepts))
