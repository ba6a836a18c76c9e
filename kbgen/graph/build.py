"""Build the concept graph: one node per concept, one edge per pair a card connects.

Node attributes
---------------
label : str             the concept's display label
aliases : list[str]     other spellings, acronyms and expansions
url : str               site URL of the concept page, relative to the site root
cards : list[str]       ids of every card that asks about or mentions the concept
asked : list[str]       ids of the cards whose question is about the concept
definition : str | None id of the defining card

Edge attributes
---------------
kind : str         strongest evidence: "defines" > "mentions" > "co-occurs"
weight : int       number of cards supporting the edge
cards : list[str]  ids of those cards, sorted
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from operator import itemgetter
from typing import Any

import networkx as nx

from kbgen.model import CardId, Concept, Deck
from kbgen.slugs import concept_path, doc_url

#: Two concept ids, the smaller first.
Pair = tuple[str, str]

KINDS = ("defines", "mentions", "co-occurs")
#: A card links every pair it mentions besides its subject; past this many mentions
#: the card is a list, not a relation, and adds no co-occurrence edges.
MAX_COOCCUR = 8
#: Links kept per concept, strongest first: a concept keeps a link when it is among the top
#: links of either end, so a hub stays linked to every concept it matters to, and a leaf's few
#: links are never crowded out by the hub's many.
TOP_LINKS = 12
#: … but a leaf keeps its link to a hub only when they share cards this many times more often than
#: chance (the hub's own top links stay), or when the hub is on most of its cards ("Critique of
#: Pure Reason" keeps "Kant"): on the ML glossary link precision stays 0.50 (0.54 when hubs had
#: no links) while recall rises to 0.84 (0.82), see tests/test_eval_glossary.py.
MIN_LIFT = 6.0


def build_concept_graph(decks: list[Deck], concepts: list[Concept]) -> nx.Graph:
    """Return an undirected graph of ``concepts``, with edges backed by the decks' cards.

    Examples
    --------
    >>> from kbgen.model import Card, Concept, Deck
    >>> card = Card(id="d#q", question="What is a GAN?", answer="A generator and a discriminator", line=2)
    >>> cs = [Concept(id="gan", label="GAN", cards=("d#q",), asked=("d#q",), definition="d#q"),
    ...       Concept(id="generator", label="generator", cards=("d#q",))]
    >>> G = build_concept_graph([Deck(title="d", source="d.txt", cards=(card,))], cs)
    >>> G.edges["gan", "generator"]["kind"], G.edges["gan", "generator"]["weight"]
    ('defines', 1)
    """
    G = concept_nodes(concepts)
    mentioned: dict[CardId, list[str]] = defaultdict(list)
    asking: dict[CardId, list[str]] = defaultdict(list)
    for c in concepts:
        for card_id in c.cards:
            mentioned[card_id].append(c.id)
        for card_id in c.asked:
            asking[card_id].append(c.id)
    definitions: dict[CardId | None, str] = {c.definition: c.id for c in concepts if c.definition in c.asked}
    evidence, together = _evidence(decks, mentioned, asking, definitions)
    n_cards = sum(len(d.cards) for d in decks)
    G.add_edges_from((a, b, {"kind": min(cards.values(), key=KINDS.index), "weight": len(cards),
                             "cards": sorted(cards)})
                     for (a, b), cards in sorted(_strongest(evidence, G, n_cards, together).items()))
    return G


def concept_nodes(concepts: list[Concept]) -> nx.Graph:
    """A graph of ``concepts`` with their node attributes and no edges yet."""
    G = nx.Graph()
    G.add_nodes_from((c.id, {"label": c.label, "aliases": list(c.aliases), "url": doc_url(concept_path(c.id)),
                             "cards": list(c.cards), "asked": list(c.asked), "definition": c.definition})
                     for c in concepts)
    return G


_SHARED, _STRENGTH = itemgetter(6), itemgetter(4, 5, 2)


def _evidence(decks: list[Deck], mentioned: dict[CardId, list[str]], asking: dict[CardId, list[str]],
              definitions: dict[CardId | None, str]) -> tuple[dict[Pair, dict[CardId, str]], set[Pair]]:
    """Each linked pair's cards, each with its strongest kind; and the pairs a card asks about together."""
    evidence: dict[Pair, dict[CardId, str]] = defaultdict(dict)
    together: set[Pair] = set()
    order = {k: i for i, k in enumerate(KINDS)}
    for deck in decks:
        for card in deck.cards:
            asks, mentions = asking.get(card.id, ()), mentioned.get(card.id, ())
            if len(asks) + len(mentions) < 2:
                continue  # most cards of a big deck link nothing: no pair to make
            if len(set(asks)) > 1:  # "Postgres vs SQL": a card asks about both at once
                together.update(combinations(sorted(set(asks)), 2))
            for a, b, kind in _card_links(card.id, list(asks), list(mentions), definitions):
                cards = evidence[(a, b) if a < b else (b, a)]
                old = cards.get(card.id)
                if old is None or order[kind] < order[old]:
                    cards[card.id] = kind
    return evidence, together


def _strongest(evidence: dict[Pair, dict[CardId, str]], G: nx.Graph, n_cards: int,
               together: set[Pair]) -> dict[Pair, dict[CardId, str]]:
    """The pairs among the top ``TOP_LINKS`` of either end, by how much more often the two share
    a card than chance would have them do (pointwise mutual information, times the shared cards).

    A hub ("model" on a third of the cards) shares cards with everything by chance, so its links
    weigh less; it keeps its own strongest links, and a neighbour keeps the link to it when they
    share cards well above chance, or when the hub is the neighbour's closest context. A hub on
    more than 1/MIN_LIFT of the cards ("table" in a SQL deck) keeps both the links it shares most
    cards with and its defining links first.
    """
    size = {n: max(1, len(d["cards"])) for n, d in G.nodes(data=True)}
    # Rows are flat tuples (rank, rank, pair, ok, strength, strength, shared): sorting them
    # orders by rank then pair, as nested tuples would, at a fraction of the cost.
    ranked: dict[str, list[tuple[float, float, Pair, bool, float, float, int]]] = defaultdict(list)
    log = math.log
    for pair, cards in evidence.items():
        a, b = pair
        shared = len(cards)
        ratio = n_cards * shared / (size[a] * size[b])
        # a defining card, or one asking about both, relates them first
        s0, s1 = (0 if "defines" in cards.values() or pair in together else 1), -shared * log(1 + ratio)
        hub = a if (size[a], a) > (size[b], b) else b
        ok = ratio >= MIN_LIFT
        for end in pair:
            # a hub's strongest links are those it shares most cards with, defining or not: every
            # card defining a neighbour names the hub ("column"), and would crowd out the rest
            if end == hub and size[end] * MIN_LIFT > n_cards:
                ranked[end].append((s1, s0, pair, True, s0, s1, shared))
            else:
                ranked[end].append((s0, s1, pair, end == hub or ok, s0, s1, shared))
    keep: dict[Pair, dict[CardId, str]] = {}
    for end, rows in ranked.items():
        top = sorted(rows)[:TOP_LINKS]
        if size[end] * MIN_LIFT > n_cards:  # … and, as any concept does, its defining links ("std::vector")
            top += sorted(rows, key=_STRENGTH)[:TOP_LINKS]
        for row in top:
            if row[3] or row[2] in together:
                keep[row[2]] = evidence[row[2]]
        # its closest context: the concept on most of its cards ("Critique of Pure Reason" → Kant)
        most = max(rows, key=_SHARED)[6]
        pair = min((r for r in rows if r[6] == most), key=_STRENGTH)[2]
        keep[pair] = evidence[pair]
    return keep


def _card_links(card: CardId, asks: list[str], mentions: list[str],
                definitions: dict[CardId | None, str]) -> Iterator[tuple[str, str, str]]:
    subjects = sorted(set(asks))
    others = sorted(set(mentions) - set(subjects))
    for s in subjects:
        kind = "defines" if definitions.get(card) == s else "mentions"
        for m in others:
            yield s, m, kind
    # A card asking about several concepts at once relates them ("Mole and Avogadro constant").
    for a, b in combinations(subjects, 2):
        yield a, b, "mentions"
    # Concepts named together in one card are related, subject or not ("encoder-decoder").
    if len(others) <= MAX_COOCCUR:
        for a, b in combinations(others, 2):
            yield a, b, "co-occurs"


def links(G: nx.Graph) -> list[dict[str, Any]]:
    """The ``links`` of :func:`node_link` alone, without copying the nodes."""
    return sorted(({"source": u, "target": v, **d} for u, v, d in G.edges(data=True)),
                  key=lambda e: (e["source"], e["target"]))


def node_link(G: nx.Graph) -> dict[str, Any]:
    """The graph as networkx node-link data with ``links``, sorted for stable output."""
    data: dict[str, Any] = nx.node_link_data(G, edges="links")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["links"] = sorted(data["links"], key=lambda e: (e["source"], e["target"]))
    return data
