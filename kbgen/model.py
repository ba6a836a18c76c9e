"""The data every stage passes on: cards, decks and concepts. Frozen, and free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NewType

CardId = NewType("CardId", str)
ConceptId = NewType("ConceptId", str)
DocPath = NewType("DocPath", str)


@dataclass(frozen=True)
class Card:
    """One flashcard. ``answer`` keeps the answer's lines joined by ``\\n``.

    ``id`` is ``<deck slug>#<anchor>``: stable across runs and independent of
    the card's position, so links to a card survive insertions above it.
    """

    id: CardId
    question: str
    answer: str
    line: int
    anchor: str = ""
    tags: tuple[str, ...] = ()
    #: File names of the images the card shows, as its fields name them.
    media: tuple[str, ...] = ()
    #: Where the card's question came from, when its deck names a source per card.
    source_url: str = ""
    #: The question as headings, page titles and search show it: without the prefix or
    #: suffix its deck puts on every question. Empty when that is the question itself.
    title: str = ""
    #: The question and answer with their formatting: sanitised HTML fragments
    #: (:mod:`kbgen.rich`), or "" when the plain text above says it all.
    question_html: str = ""
    answer_html: str = ""

    @property
    def heading(self) -> str:
        return self.title or self.question


@dataclass(frozen=True)
class Media:
    """An image file that came with a deck (from a package, or found next to the deck file)."""

    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Deck:
    """A titled, ordered list of cards read from one source file (or one sub-deck of it)."""

    title: str
    source: str
    cards: tuple[Card, ...]
    slug: str = ""
    order: int | None = None
    description: str = ""
    #: Titles of the enclosing decks, outermost first (Anki's ``Parent::Child``).
    parents: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()
    #: The (prefix, suffix) nearly every question of the deck shares, left out of titles.
    affixes: tuple[str, str] = ("", "")
    #: Answer lines repeated on most cards ("UPDATED 2020"): kept on the cards, not extracted.
    boilerplate: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """A canonical concept: its label, other spellings, and the cards behind it.

    ``asked`` lists the cards whose question is about it; ``signals`` names what produced it
    (for ``kbgen concepts --explain``);
    ``definition`` is the id of the card that defines it, if any.
    """

    id: ConceptId
    label: str
    aliases: tuple[str, ...] = ()
    cards: tuple[CardId, ...] = ()
    definition: CardId | None = None
    asked: tuple[CardId, ...] = ()
    signals: tuple[str, ...] = field(default=())
