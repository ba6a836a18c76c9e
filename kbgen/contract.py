"""The content index's records, typed once: what Python writes and the browser reads.

:mod:`kbgen.index` builds a :class:`ContentIndex`; renderers and scripts read it. The JSON
Schema that tests check every built index against is generated from these types by
:func:`json_schema`, so the schema cannot drift from the code.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, TypedDict, Union

VERSION: Literal[1] = 1


class DeckRecord(TypedDict):
    """A deck, in site order (a parent before its sub-decks)."""

    id: str
    title: str
    source: str
    order: int | None
    url: str
    #: URLs of the deck's pages: a big deck is split, ``url`` is the first.
    pages: list[str]
    cards: list[str]
    parent: str | None
    description: str


class CardRecord(TypedDict):
    """A card, in deck order then source order. Text is verbatim: each consumer escapes it."""

    id: str
    deck: str
    #: 1-based deck page that shows the card; ``url`` points into it.
    page: int
    question: str
    #: The question as headings show it (without its deck's shared affix).
    title: str
    answer: str
    line: int
    anchor: str
    url: str
    #: Where the card's question came from ("" when its deck does not say).
    source_url: str
    concepts: list[str]
    asks: list[str]
    tags: list[str]
    #: Images shipped in the site (``media/<deck>/…``).
    media: list[str]
    #: The question and answer with their formatting, sanitised (:mod:`kbgen.rich`);
    #: "" when the card has none beyond its text.
    question_html: str
    answer_html: str


class ConceptRecord(TypedDict):
    """A concept, sorted by id; ``rank`` is PageRank, ``community`` a Louvain id, ``x``/``y``
    the precomputed graph position (vis-network pixels)."""

    id: str
    label: str
    aliases: list[str]
    url: str
    cards: list[str]
    asked: list[str]
    definition: str | None
    summary: str
    rank: float
    community: int
    x: float
    y: float


class LinkRecord(TypedDict):
    """A link between two concepts, sorted by (source, target)."""

    source: str
    target: str
    kind: str
    weight: float
    cards: list[str]


class ContentIndex(TypedDict):
    version: Literal[1]
    decks: list[DeckRecord]
    cards: list[CardRecord]
    concepts: list[ConceptRecord]
    links: list[LinkRecord]


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`ContentIndex`, every record closed.

    >>> json_schema()["properties"]["version"]
    {'const': 1}
    >>> json_schema()["$defs"]["LinkRecord"]["required"]
    ['source', 'target', 'kind', 'weight', 'cards']
    """
    defs: dict[str, Any] = {}
    root = _record(ContentIndex, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "kbgen content index", **root, "$defs": defs}


def _record(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {"type": "object", "additionalProperties": False, "required": list(hints),
            "properties": {k: _type(t, defs) for k, t in hints.items()}}


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(t), typing.get_args(t)
    if typing.is_typeddict(t):
        if t.__name__ not in defs:
            defs[t.__name__] = {}  # reserved first: a record may not refer to itself twice
            defs[t.__name__] = _record(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    if origin is Literal:
        return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type(a, defs) for a in args]}
    if origin is list:
        return {"type": "array", "items": _type(args[0], defs)}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if t in simple:
        return {"type": simple[t]}
    raise TypeError(f"no JSON Schema for {t!r}")
