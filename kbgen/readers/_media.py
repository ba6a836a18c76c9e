"""Images named by cards: found next to the deck (or in the package), or a warning naming the card."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from kbgen.model import Deck, Media

log = logging.getLogger("kbgen")


def attach(decks: list[Deck], folder: Path | None) -> list[Deck]:
    """Give each deck the media its cards name; ``folder`` is searched for what decks lack."""
    return [_attach(d, folder) for d in decks]


def _attach(deck: Deck, folder: Path | None) -> Deck:
    have = {m.name: m for m in deck.media}
    found: dict[str, Media] = {}
    for card in deck.cards:
        missing = []
        for name in card.media:
            media = have.get(name) or _from_folder(name, folder)
            if media is None:
                missing.append(name)
            else:
                found[name] = media
        if missing:
            log.warning("%s:%d: image%s %s not found; card kept without %s: %.60r", deck.source,
                        card.line, "s" if len(missing) > 1 else "", ", ".join(map(repr, missing)),
                        "them" if len(missing) > 1 else "it", card.question)
            kept = tuple(n for n in card.media if n not in missing)
            deck = replace(deck, cards=tuple(
                replace(c, media=kept) if c is card else c for c in deck.cards))
    return replace(deck, media=tuple(found[n] for n in sorted(found)))


def _from_folder(name: str, folder: Path | None) -> Media | None:
    if folder is None:
        return None
    rel = Path(unquote(name))
    if rel.is_absolute() or ".." in rel.parts:
        return None
    for base in (folder, folder / "media"):
        f = base / rel
        if f.is_file():
            return Media(name=name, data=f.read_bytes())
    return None
