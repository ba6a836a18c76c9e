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

from kbgen.errors import DeckParseError
from kbgen.model import Deck
from kbgen.readers._cards import DEFAULT, ReadOptions, clean_tags, deck_name, join_fields, make_card, pick_fields

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
    models = {}
    _collect_models(root, models)
    locator = _Locator(text)
    decks: list[Deck] = []
    _walk(root, (), models, locator, source, options, decks)
    return decks


def _collect_models(deck: dict, models: dict) -> None:
    for m in deck.get("note_models") or []:
        if isinstance(m, dict):
            names = [f.get("name", "") for f in sorted(m.get("flds") or [], key=lambda f: f.get("ord", 0))]
            models[m.get("crowdanki_uuid")] = (m.get("name", ""), names)
    for child in deck.get("children") or []:
        if isinstance(child, dict):
            _collect_models(child, models)


def _walk(deck: dict, parents: tuple[str, ...], models: dict, locator: "_Locator", source: str,
          options: ReadOptions, out: list[Deck]) -> None:
    raw_name = str(deck.get("name") or "Deck")
    prefix = "::".join(parents)
    if prefix and raw_name.startswith(prefix + "::"):
        raw_name = raw_name[len(prefix) + 2:]
    title, extra_parents, order = deck_name(raw_name)
    path = parents + extra_parents
    cards = []
    for note in deck.get("notes") or []:
        if not isinstance(note, dict):
            continue
        line = locator.line_of(note.get("guid"))
        fields = [str(f) for f in note.get("fields") or []]
        model_name, names = models.get(note.get("note_model_uuid"), ("", []))
        names = names or [f"Field {i + 1}" for i in range(len(fields))]
        q, a = pick_fields(names, options.fields, f"{source}: note model {model_name!r}")
        tags = clean_tags(" ".join(str(t) for t in note.get("tags") or []))
        cards.append(make_card(fields[q] if q < len(fields) else "", join_fields(fields, names, q, a, extras=options.fields is None),
                               line, source, tags=tags))
    out.append(Deck(title=title, source=source, cards=tuple(cards), order=order, parents=path))
    for child in deck.get("children") or []:
        if isinstance(child, dict):
            _walk(child, path + (title,), models, locator, source, options, out)


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
