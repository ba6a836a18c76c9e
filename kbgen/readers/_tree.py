"""Nested decks: Anki's ``Parent::Child`` names become a tree of deck pages.

A deck's ``parents`` hold the enclosing deck names as written (``01 Deep learning``);
their numeric prefixes order them. Every ancestor gets a deck (an empty one if no file
has cards for it), and decks are ordered depth-first: at each level by numeric prefix,
then by title.
"""

from __future__ import annotations

from dataclasses import replace

from kbgen.model import Deck
from kbgen.readers._cards import deck_name

Path = tuple[str, ...]
#: How a deck sorts among its siblings: explicit order first, then by title.
_Level = tuple[bool, int, str, str]


def path_of(deck: Deck) -> Path:
    return tuple(deck_name(p)[0] for p in deck.parents) + (deck.title,)


def nest(decks: list[Deck]) -> list[Deck]:
    """All decks plus their missing ancestors, in tree order (parents before their children)."""
    by_path: dict[Path, Deck] = {}
    paths = [path_of(d) for d in decks]  # once per deck: deep nesting stays quadratic at worst
    for d, p in zip(decks, paths):
        by_path.setdefault(p, d)
    out = list(decks)
    for d, full in zip(decks, paths):
        for depth in range(1, len(d.parents) + 1):
            path = full[:depth]
            if path not in by_path:
                title, _, order = deck_name(d.parents[depth - 1])
                parent = Deck(title=title, source=d.source, cards=(), order=order,
                              parents=d.parents[: depth - 1])
                by_path[path] = parent
                out.append(parent)

    def level(p: Path) -> _Level:
        d = by_path[p]
        return (d.order is None, d.order or 0, d.title.lower(), d.title)

    levels: dict[Path, tuple[_Level, ...]] = {}

    def key(d: Deck) -> tuple[tuple[_Level, ...], str]:
        path = path_of(d)
        for i in range(len(path)):
            if (prefix := path[: i + 1]) not in levels:
                levels[prefix] = (*levels.get(path[:i], ()), level(prefix))
        return (levels[path], d.source)

    return sorted(out, key=key)


def with_paths(decks: list[Deck]) -> list[Deck]:
    """Parents rewritten as clean titles, so later stages see the same names the pages show."""
    return [replace(d, parents=path_of(d)[:-1]) for d in decks]
