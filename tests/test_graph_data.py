"""The graph's data and options (golden), the layout and the layout cache."""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest
from helpers import SEED

from kbgen.build import content_index, load
from kbgen.cache import cached, graph_key
from kbgen.graph.analyze import communities, layout
from kbgen.render.graphdata import dumps_compact, graph_data, vis_options
from kbgen.slugs import local_graph_path


def _pretty(data) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def seed_data() -> dict:
    model = load([SEED])
    return graph_data(content_index(model))


def test_vis_options_golden(golden):
    golden("vis-options.json", _pretty(vis_options()))


def test_seed_graph_data_golden(golden, seed_data):
    golden("seed-graph-data.json", _pretty({k: v for k, v in seed_data.items() if k != "options"}))


def test_nodes_come_most_important_first(seed_data):
    values = [n["value"] for n in seed_data["nodes"]]
    assert values == sorted(values, reverse=True)
    assert all({"x", "y", "label", "url", "color"} <= n.keys() for n in seed_data["nodes"])


def test_graph_json_is_compact_and_deterministic(seed_data):
    assert dumps_compact(seed_data) == dumps_compact(json.loads(dumps_compact(seed_data)))
    assert "\n" not in dumps_compact(seed_data)[:-1]


def _clustered(n: int = 600) -> nx.Graph:
    G = nx.relabel_nodes(nx.powerlaw_cluster_graph(n, 2, 0.3, seed=3), lambda i: f"c{i:04d}")
    nx.set_edge_attributes(G, 1, "weight")
    return G


def test_layout_is_deterministic_and_does_not_mutate():
    G = _clustered()
    before = nx.node_link_data(G, edges="links")
    assert layout(G) == layout(G)
    assert nx.node_link_data(G, edges="links") == before


def test_layout_keeps_linked_concepts_close():
    G = _clustered()
    pos = layout(G)
    linked = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    nodes = sorted(G)
    far = sorted(math.dist(pos[a], pos[b]) for a, b in zip(nodes, nodes[len(nodes) // 2:]))
    # networkx.spring_layout reaches a ratio of about 2.5 on this graph, and so does layout()
    assert linked[len(linked) // 2] * 2 < far[len(far) // 2]
    assert len({pos[n] for n in G}) == len(G)  # no two concepts on one spot


def test_layout_separates_communities():
    G = nx.relabel_nodes(nx.connected_caveman_graph(6, 12), str)
    comm, pos = communities(G), layout(G)
    centre = {c: tuple(sum(pos[n][i] for n in G if comm[n] == c) / 12 for i in (0, 1)) for c in set(comm.values())}
    spread = max(math.dist(pos[n], centre[comm[n]]) for n in G)
    gaps = [math.dist(a, b) for a in centre.values() for b in centre.values() if a != b]
    assert min(gaps) > spread


def test_cache_hits_when_graph_unchanged_and_misses_when_changed(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"a": [1.0, 2.0]}

    G = nx.Graph([("a", "b")])
    assert cached(tmp_path, "layout", graph_key(G), compute) == {"a": [1.0, 2.0]}
    assert cached(tmp_path, "layout", graph_key(G), compute) == {"a": [1.0, 2.0]}
    assert len(calls) == 1
    H = nx.Graph([("a", "b", {"weight": 2})])
    assert graph_key(H) != graph_key(G)
    cached(tmp_path, "layout", graph_key(H), compute)
    assert len(calls) == 2
    (tmp_path / "layout.json").write_text("not json")
    cached(tmp_path, "layout", graph_key(H), compute)
    assert len(calls) == 3


def test_generate_caches_the_layout(kb, monkeypatch):
    import shutil

    import kbgen.build as build

    shutil.copy(SEED, kb / "cards" / SEED.name)
    project = build.Project(cards=kb / "cards", docs=kb / "docs", mkdocs_yml=kb / "mkdocs.yml")
    build.generate(project)
    assert (kb / ".kbgen-cache" / "analysis.json").exists()  # PageRank, communities and layout
    first = (kb / "docs" / "assets" / "kbgen" / "graph.json").read_text(encoding="utf-8")

    def no_layout(*args, **kwargs):
        raise AssertionError("layout recomputed although the graph did not change")

    import kbgen.graph.cached as cached  # where the build's analysis calls the layout
    monkeypatch.setattr(cached, "layout", no_layout)
    build.generate(project)
    assert (kb / "docs" / "assets" / "kbgen" / "graph.json").read_text(encoding="utf-8") == first


def test_large_layout_places_the_rest_near_their_neighbours():
    # force_limit=150 takes the large-graph path on a small graph: forces on the top 150,
    # everything else placed breadth-first next to its strongest placed neighbour
    G = _clustered()
    G.add_nodes_from(["zz-alone-1", "zz-alone-2"])
    before = nx.node_link_data(G, edges="links")
    pos = layout(G, force_limit=150)
    assert pos == layout(G, force_limit=150)
    assert nx.node_link_data(G, edges="links") == before
    assert sorted(pos) == sorted(G) and len(set(pos.values())) == len(G)
    linked = sorted(math.dist(pos[u], pos[v]) for u, v in G.edges())
    nodes = sorted(G)
    far = sorted(math.dist(pos[a], pos[b]) for a, b in zip(nodes, nodes[len(nodes) // 2:]))
    assert linked[len(linked) // 2] * 2 < far[len(far) // 2]
    centre = [sum(p[i] for p in pos.values()) / len(pos) for i in (0, 1)]
    reach = max(math.dist(pos[n], centre) for n in G if G.degree(n))
    assert all(math.dist(pos[n], centre) > reach * 0.9 for n in ("zz-alone-1", "zz-alone-2"))


def test_large_communities_cover_every_node_deterministically():
    G = nx.relabel_nodes(nx.connected_caveman_graph(6, 12), str)
    G.add_edge("x1", "x2")  # a component the core does not reach
    comm = communities(G, limit=20)
    assert comm == communities(G, limit=20)
    assert sorted(comm) == sorted(G)
    assert comm["x1"] == comm["x2"] and sum(1 for c in comm.values() if c == comm["x1"]) == 2
    assert sorted(set(comm.values())) == list(range(len(set(comm.values()))))


def test_large_communities_do_not_depend_on_insertion_order():
    # set order (and so the hash seed) can decide the order of G's nodes and edges
    G = _clustered(300)
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G)))
    H.add_weighted_edges_from((v, u, w) for u, v, w in reversed(list(G.edges(data="weight"))))
    assert communities(G, limit=100) == communities(H, limit=100)
    comm = communities(G)
    assert layout(G, communities_of=comm, force_limit=100) == layout(H, communities_of=comm, force_limit=100)


def test_layout_keeps_clustered_concepts_apart():
    # A dense cluster must not stack its nodes (and their labels) on top of each other.
    import itertools
    import math

    import networkx as nx

    from kbgen.graph.analyze import EDGE_LENGTH, layout

    G = nx.complete_graph([f"n{i}" for i in range(12)])
    pos = layout(G)
    closest = min(math.dist(pos[a], pos[b]) for a, b in itertools.combinations(G, 2))
    assert closest >= 1.2 * EDGE_LENGTH


# --- a concept page's own graph file -------------------------------------------------

def _local_files(paths) -> tuple[dict, dict]:
    from kbgen.render.graphdata import group
    from kbgen.render.localgraph import local_graphs

    model = load(paths)
    index = content_index(model)
    return index, {k: v for k, v in local_graphs(index, group, dumps_compact).items()}


def _rows(data: dict) -> list[dict]:
    """The nodes of a local graph file as graph-local.js decodes them."""
    rows = data["nodes"]
    out = [{"id": r[0], "group": r[1], "depth": r[2], "weight": r[4], "hub": r[5] == 1,
            **({"parent": rows[r[3]][0]} if r[3] >= 0 else {}),
            **({"label": r[6]} if len(r) > 6 and r[6] else {}), **({"url": r[7]} if len(r) > 7 else {})}
           for r in rows]
    out[0].update(data["head"])
    return out


def test_each_concept_gets_its_neighbourhood_strongest_first():
    index, files = _local_files([SEED])
    assert len(files) == len(index["concepts"])
    weights = {}
    for e in index["links"]:
        weights[e["source"], e["target"]] = weights[e["target"], e["source"]] = e["weight"]
    byid = {c["id"]: c for c in index["concepts"]}
    for c in index["concepts"]:
        data = json.loads(files[local_graph_path(c["id"])])
        nodes = _rows(data)
        assert nodes[0]["id"] == c["id"] == data["centre"] and nodes[0]["depth"] == 0
        first = [n for n in nodes if n["depth"] == 1]
        linked = sorted((w for (a, _), w in weights.items() if a == c["id"]), reverse=True)
        assert [n["weight"] for n in first] == linked[:20]
        assert all(weights[n["parent"], n["id"]] for n in nodes if n["depth"] == 2)
        assert len({n["id"] for n in nodes}) == len(nodes) <= 41
        # Label and url only where the id does not give them (graph-local.js fills them in).
        for n in nodes:
            assert n.get("label", n["id"].replace("-", " ")) == byid[n["id"]]["label"]
            assert n.get("url", f"concepts/{n['id']}/") == byid[n["id"]]["url"]
        for i, j, w in data["links"]:
            assert weights[nodes[i]["id"], nodes[j]["id"]] == w
        assert nodes[0]["summary"] == c["summary"] and nodes[0].get("aliases", []) == c["aliases"]
        assert all(len(r) == 6 or r[6] or r[7] for r in data["nodes"])  # a label or url given only when needed


def test_neighbourhood_caps_depth_1_and_marks_hubs():
    from kbgen.render.localgraph import CAP, NEIGHBOURS, hubs, neighbourhood, strongest

    star = {"hub": {f"n{i}": 1 + i % 3 for i in range(60)}}
    for i in range(60):
        star[f"n{i}"] = {"hub": 1 + i % 3, f"m{i}": 1}
        star[f"m{i}"] = {f"n{i}": 1}
    best = strongest(star, {k: 0.0 for k in star})
    members = neighbourhood(best, "hub")
    assert sum(1 for _, d, _ in members if d == 1) == NEIGHBOURS
    assert all(star["hub"][c] == 3 for c, d, _ in members if d == 1)  # the strongest links
    assert len(members) == CAP + 1
    assert hubs(star) == {"hub"}


@pytest.mark.slow
def test_local_files_stay_small_on_the_600_card_site():
    from helpers import DATA

    _, files = _local_files([SEED, DATA / "Google_Machine_Learning_Glossary.csv",
                             DATA / "data-science-interviews-theory.md"])
    assert len(files) > 500
    assert max(len(text.encode("utf-8")) for text in files.values()) <= 30 * 1024
