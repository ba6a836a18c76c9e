"""Images that came with the decks → ``{media/<deck>/<name>: bytes}`` for the emitter. Pure."""

from __future__ import annotations

from kbgen.model import Deck
from kbgen.slugs import media_path


def media_files(decks: list[Deck]) -> dict[str, bytes]:
    """Every image a card shows, under its deck, keyed by the doc path the index names."""
    out: dict[str, bytes] = {}
    for d in decks:
        shown = {m for c in d.cards for m in c.media}
        for m in d.media:
            if m.name in shown:
                out[media_path(d.slug, m.name)] = m.data
    return out
