"""CrowdAnki JSON (``deck.json``): nested decks, note models, tags, media next to the file.

Each note becomes a card. The question is the field named Front/Question/Term (else the
first field) and the answer the field named Back/Answer/Definition; a note model with
neither (such as Ultimate Geography's eight fields) gets every other non-empty field as
``Name: value`` lines, so nothing is lost. ``--fields QUESTION,ANSWER`` picks the fields.
Images are looked up in the ``media/`` folder beside the file.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from kbgen.errors import DeckParseError
from kbgen.model import Card, Deck
from kbgen.readers._cards import (
    DEFAULT,
    ReadOptions,
    by_ord,
    clean_tags,
    deck_name,
    join_fields,
    make_card,
    pick_fields,
)

log = logging.getLogger("kbgen")



def sniff(text: str) -> bool:
    head = text[:4000]
    return text.lstrip().startswith("{") and '"__type__"' in head and (
        '"Deck"' in head or '"note_models"' in text)


def read(text: str, source: str, options: ReadOptions = DEFAULT) -> list[Deck]:
    try:
        root = json.loads(text)
    except ValueError as e:
        raise DeckParseError(source, getattr(e, "lineno", None), f"not valid JSON: {e}",
                             "export the deck again with CrowdAnki") from None
    if not isinstance(root, dict):
        raise DeckParseError(source, 1, "not a CrowdAnki deck (expected a JSON object)")
    models: dict[str, Any] = {}
    _collect_models(root, models, source)
    locator = _Locator(text)
    decks: list[Deck] = []
    _walk(root, models, locator, source, options, decks)
    return decks


def _list(deck: dict[str, Any], key: str, source: str) -> list[Any]:
    """``deck[key]`` as a list; any other type is a one-line error, not a silent loss."""
    value = deck.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        what = (f"note {str(deck['guid'])[:40]!r}" if "guid" in deck
                else f"{deck.get('__type__') or 'deck'} {str(deck.get('name'))[:60]!r}")
        raise DeckParseError(source, None, f"{what}: {key!r} is "
                             f"{type(value).__name__}, expected a list", "export the deck again with CrowdAnki")
    return value


def _collect_models(root: dict[str, Any], models: dict[str, Any], source: str) -> None:
    for deck in _decks(root, source):
        for m in _list(deck, "note_models", source):
            if isinstance(m, dict):
                flds = by_ord([f for f in _list(m, "flds", source) if isinstance(f, dict)])
                models[str(m.get("crowdanki_uuid"))] = (str(m.get("name", "")),
                                                        [str(f.get("name", "")) for f in flds])


def _decks(root: dict[str, Any], source: str) -> list[dict[str, Any]]:
    """Every deck object, depth first, without recursion (nesting depth costs nothing)."""
    out, stack = [], [root]
    while stack:
        deck = stack.pop()
        out.append(deck)
        stack.extend(reversed([c for c in _list(deck, "children", source) if isinstance(c, dict)]))
    return out


def _walk(root: dict[str, Any], models: dict[str, Any], locator: _Locator, source: str,
          options: ReadOptions, out: list[Deck]) -> None:
    stack: list[tuple[dict[str, Any], tuple[str, ...]]] = [(root, ())]
    while stack:
        deck, parents = stack.pop()
        title, path, order = _title(deck, parents)
        cards = [_card(note, models, locator, source, options)
                 for note in _list(deck, "notes", source) if isinstance(note, dict)]
        out.append(Deck(title=title, source=source, cards=tuple(cards), order=order,
                        parents=path))
        children = [c for c in _list(deck, "children", source) if isinstance(c, dict)]
        stack.extend((c, path + (title,)) for c in reversed(children))


def _title(deck: dict[str, Any], parents: tuple[str, ...]) -> tuple[str, tuple[str, ...], int | None]:
    raw_name = str(deck.get("name") or "Deck")
    prefix = "::".join(parents)
    if prefix and raw_name.startswith(prefix + "::"):
        raw_name = raw_name[len(prefix) + 2:]
    title, extra_parents, order = deck_name(raw_name)
    return title, parents + extra_parents, order


def _card(note: dict[str, Any], models: dict[str, Any], locator: _Locator, source: str, options: ReadOptions) -> Card:
    line = locator.line_of(note.get("guid"))
    fields = [f if isinstance(f, str) else "" if f is None else json.dumps(f) for f in _list(note, "fields", source)]
    model_name, names = models.get(str(note.get("note_model_uuid")), ("", []))
    names = names or [f"Field {i + 1}" for i in range(len(fields))]
    q, a = pick_fields(names, options.fields, f"{source}: note model {model_name!r}")
    raw_tags = note.get("tags") or []
    tags = clean_tags(" ".join(str(t) for t in (raw_tags if isinstance(raw_tags, list) else [raw_tags])))
    return make_card(fields[q] if q < len(fields) else "",
                     join_fields(fields, names, q, a, extras=options.fields is None), line, source, tags=tags)


class _Locator:
    """Source lines of notes, found by their guid in document order."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def line_of(self, guid: object) -> int:
        if isinstance(guid, str):
            at = self.text.find(json.dumps(guid), self.pos)
            if at >= 0:
                self.line += self.text.count("\n", self.pos, at)
                self.pos = at
        return self.line
