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

from collections import defaultdict
from itertools import combinations

import networkx as nx

from kbgen.model import CardId, Concept, Deck
from kbgen.slugs import concept_path, doc_url

KINDS = ("defines", "mentions", "co-occurs")
NODE_ATTRS = frozenset({"label", "aliases", "url", "cards", "asked", "definition"})
EDGE_ATTRS = frozenset({"kind", "weight", "cards"})
#: A card links every pair it mentions besides its subject; past this many mentions
#: the card is a list, not a relation, and adds no co-occurrence edges.
MAX_COOCCUR = 6
#: A concept mentioned in more than this share of a large deck's cards is a hub ("model" in a
#: machine-learning glossary): naming it says little about the card, so it adds no links there
#: (its own cards still link it). Measured on the glossary in benchmarks/eval_glossary.py.
HUB_SHARE, HUB_MIN = 0.08, 25


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
    G = nx.Graph()
    mentioned: dict[CardId, list[str]] = defaultdict(list)
    asking: dict[CardId, list[str]] = defaultdict(list)
    for c in concepts:
        G.add_node(c.id, label=c.label, aliases=list(c.aliases), url=doc_url(concept_path(c.id)),
                   cards=list(c.cards), asked=list(c.asked), definition=c.definition)
        for card in c.cards:
            mentioned[card].append(c.id)
        for card in c.asked:
            asking[card].append(c.id)
    definitions = {c.definition: c.id for c in concepts if c.definition in c.asked}
    n_cards = sum(len(d.cards) for d in decks)
    hubs = {c.id for c in concepts if len(c.cards) > max(HUB_MIN, HUB_SHARE * n_cards)}
    evidence: dict[tuple[str, str], dict[CardId, str]] = defaultdict(dict)
    for deck in decks:
        for card in deck.cards:
            mentions = [m for m in mentioned[card.id] if m not in hubs or m in asking[card.id]]
            for a, b, kind in _card_links(card.id, asking[card.id], mentions, definitions):
                pair = (a, b) if a < b else (b, a)
                old = evidence[pair].get(card.id)
                if old is None or KINDS.index(kind) < KINDS.index(old):
                    evidence[pair][card.id] = kind
    for (a, b), cards in sorted(evidence.items()):
        kind = min(cards.values(), key=KINDS.index)
        G.add_edge(a, b, kind=kind, weight=len(cards), cards=sorted(cards))
    return G


def _card_links(card: CardId, asks: list[str], mentions: list[str],
                definitions: dict[CardId | None, str]):
    subjects = sorted(set(asks))
    others = sorted(set(mentions) - set(subjects))
    for s in subjects:
        kind = "defines" if definitions.get(card) == s else "mentions"
        for m in others:
            yield s, m, kind
    # Concepts named together in one card are related, subject or not ("encoder-decoder").
    if len(others) <= MAX_COOCCUR:
        for a, b in combinations(others, 2):
            yield a, b, "co-occurs"


def node_link(G: nx.Graph) -> dict:
    """The graph as networkx node-link data with ``links``, sorted for stable output."""
    data = nx.node_link_data(G, edges="links")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["links"] = sorted(data["links"], key=lambda e: (e["source"], e["target"]))
    return data
