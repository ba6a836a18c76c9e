"""The content index: the one JSON contract that pages and the browser graph read.

The records are typed in :mod:`kbgen.contract`, which also generates the JSON Schema
that every built index is checked against; every list is sorted and every object's
keys are sorted on output.

URLs are relative to the site root. Card text is stored verbatim: it is data, and each
consumer escapes it for its own medium.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import cast

import networkx as nx

from kbgen.contract import VERSION, CardRecord, ConceptRecord, ContentIndex, DeckRecord, LinkRecord
from kbgen.graph import links
from kbgen.model import Card, Deck
from kbgen.paging import split
from kbgen.slugs import deck_path, doc_url, media_path

SUMMARY_CHARS = 160


def make_content_index(G: nx.Graph, decks: list[Deck], *,
                       positions: dict[str, tuple[float, float]],
                       communities_of: dict[str, int],
                       importance_of: dict[str, float]) -> ContentIndex:
    """Return the content index for ``G`` and the decks it was built from (``G`` is not mutated).

    The graph stage's analysis comes in, computed once by the orchestrator
    (:func:`kbgen.build.content_index`): ``positions`` are the layout's ``{concept: (x, y)}``,
    ``communities_of`` and ``importance_of`` each concept's community and PageRank. This stage
    recomputes none of them.
    """
    concepts_of: dict[str, list[str]] = defaultdict(list)
    asks_of: dict[str, list[str]] = defaultdict(list)
    for n, data in G.nodes(data=True):
        for card in data["cards"]:
            concepts_of[card].append(n)
        for card in data["asked"]:
            asks_of[card].append(n)
    text = {c.id: c.answer for d in decks for c in d.cards}
    deck_ids = {(*d.parents, d.title): d.slug for d in decks}
    pages = {d.slug: split((c.id, len(c.question) + len(c.answer)) for c in d.cards) for d in decks}
    page_of = {card: i for p in pages.values() for i, ids in enumerate(p, 1) for card in ids}
    concepts: list[ConceptRecord] = []
    for n in sorted(G):
        data = G.nodes[n]
        source = data["definition"] or (data["cards"][0] if data["cards"] else None)
        concepts.append({
            # Ties broken by the spelling itself: aliases come from a set, whose order
            # changes with the hash seed, and a no-op run must not rewrite pages.
            "id": n, "label": data["label"],
            "aliases": sorted(data["aliases"], key=lambda a: (a.lower(), a)),
            "url": data["url"], "cards": sorted(data["cards"]), "asked": sorted(data["asked"]),
            "definition": data["definition"], "summary": summary(text.get(source, "") if source is not None else ""),
            "rank": round(importance_of.get(n, 0.0), 6), "community": communities_of.get(n, 0),
            "x": positions[n][0], "y": positions[n][1]})
    return {
        "version": VERSION,
        "decks": [_deck(d, deck_ids.get(d.parents), pages[d.slug]) for d in decks],
        "cards": [_card(d, c, page_of[c.id], sorted(concepts_of[c.id]), sorted(asks_of[c.id]))
                  for d in decks for c in d.cards],
        "concepts": concepts,
        # the graph's edge attributes are exactly a LinkRecord's other fields (kbgen.graph)
        "links": cast(list[LinkRecord], links(G)),
    }


def summary(answer: str) -> str:
    flat = " ".join(answer.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _deck(d: Deck, parent: str | None, pages: list[list[str]]) -> DeckRecord:
    return {"id": d.slug, "title": d.title, "source": d.source, "order": d.order,
            "url": doc_url(deck_path(d.slug)), "cards": [c.id for c in d.cards],
            "pages": [doc_url(deck_path(d.slug, i)) for i in range(1, max(len(pages), 1) + 1)],
            "parent": parent if d.parents else None, "description": d.description}


def _card(d: Deck, c: Card, page: int, concepts: list[str], asks: list[str]) -> CardRecord:
    return {"id": c.id, "deck": d.slug, "page": page, "question": c.question, "title": c.heading,
            "answer": c.answer, "line": c.line, "anchor": c.anchor,
            "url": f"{doc_url(deck_path(d.slug, page))}#{c.anchor}", "source_url": c.source_url,
            "concepts": concepts, "asks": asks, "tags": list(c.tags),
            "media": [media_path(d.slug, m) for m in c.media],
            "question_html": c.question_html, "answer_html": c.answer_html}


def dumps(index: ContentIndex) -> bytes:
    """Canonical JSON as UTF-8: sorted keys, one record per line, final newline.

    Top-level lists put each record on its own line, so a changed card is a one-line
    diff; records are encoded compactly by the C encoder (``indent`` would force
    json's pure-Python encoder, which took seconds on a 50,000-card index). Bytes made
    once from the encoded records: joining text, then encoding it, held three copies of a
    94 MB index at once, the peak of a 50,000-card build's memory.
    """
    parts = [b"{\n"]
    for n, (key, value) in enumerate(sorted(index.items())):
        parts.append((b",\n" if n else b"") + f"{json.dumps(key)}: ".encode())
        if isinstance(value, list) and value:
            parts.append(b"[\n")
            parts += [b",\n".join(_compact(v).encode("utf-8") for v in value), b"\n]"]
        else:
            parts.append(_compact(value).encode("utf-8"))
    parts.append(b"\n}\n")
    return b"".join(parts)


#: One encoder for every record: ``json.dumps`` with options builds a new one per call.
_compact = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
