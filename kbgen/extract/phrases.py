"""Concept signals found in running text: answer phrases, named things, recurring and rare words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kbgen.cardcache import CardCache, scope_of
from kbgen.config import Config
from kbgen.extract.grams import NOT_A_NAME
from kbgen.extract.naming import uncloze
from kbgen.extract.questions import clean_subject, strip_lead
from kbgen.model import Card
from kbgen.text import GENERIC_NOUNS, STOPWORDS, VERBISH, is_junk, key_of, singular, tokens, zipf

_LIST_MARK = re.compile(r"^\s*(?:[-*•–—]+>?|\d+[.)]|→)\s*")
# "I" is a pronoun or a numeral ("angiotensin I"), never a variable's name; "B)" labels an option
_NAMED_VAR = re.compile(r"\b(?:the[ \t]+)?([a-z][a-z-]{3,})[ \t]+((?!I\b)[A-Z])\b(?![)'’\w])")
_PLAIN = re.compile(r"^[^\W_]+(?:[\s'’-][^\W_]+){0,5}$")
_CALLED = re.compile(r"\b(?:can be|is|are|be) (?:called|named|known as|referred to as) ([\w -]{3,40}?)(?:[.,;:!?)]|$)", re.IGNORECASE)
_NOISE = re.compile(r"https?://\S+|www\.\S+|\$\$.*?\$\$|\$[^$\n]*\$|\\[A-Za-z]+|`[^`\n]*`", re.DOTALL)
# "std::map" and ".NET" are names, not clause breaks
_CLAUSE = re.compile(r"[\n,;!?()\[\]{}\"“”—–=/|*<>]+|\.(?![A-Za-z])|(?<!:):(?!:)|\s-\s")
VERY_RARE = 2.0    # … and under which one card is enough
NAME_ZIPF = 4.0    # a capitalised word rarer than this in general English is a name
#: A plain word on this share of a deck's cards, and in the questions of at least two, is what
#: the deck is about ("table" in a SQL deck), however common it is in general English.
CENTRAL = 0.25
#: … unless it is shaped like an adjective or adverb ("respiratory", "skewed"); "-able" is no
#: such ending here, since "table" and "variable" end so.
_DESCRIBES = ("ed", "ly", "ing", "ous", "ive", "ful", "less", "ic", "al", "ory", "ish", "est")


def answer_phrases(answer: str) -> Iterable[tuple[str, str]]:
    """Short noun-phrase answer lines and list items ("- anomaly detection", "Through transfer learning").

    >>> list(answer_phrases("Through transfer learning"))
    [('transfer learning', 'answer')]
    """
    first = answer.strip().split("\n")[0].strip() if answer.strip() else ""
    for i, line in enumerate(answer.split("\n")):
        s = strip_lead(_LIST_MARK.sub("", line).strip(" .;:"))
        toks = tokens(s)
        if 1 <= len(toks) <= 4 and _PLAIN.match(s) and not is_junk(s):  # noqa: SIM102 - kept apart to ease merging
            if not any(t.lower() in STOPWORDS for t in toks):
                direct = i == 0 and first.endswith(s)
                yield s, "answer" if direct or len(toks) > 1 else "item"


def named_variables(text: str) -> Iterable[str]:
    """Things given a one-letter name: "the generator G"."""
    for m in _NAMED_VAR.finditer(text):
        word = m.group(1)
        # an everyday word before a letter is usually a verb or a count ("select K")
        if word.lower() not in STOPWORDS | GENERIC_NOUNS and not word.endswith(("ing", *NOT_A_NAME)) \
                and zipf(word) < 4.5:  # not an adjective: "the horizontal X"
            yield word


def called(text: str) -> Iterable[str]:
    """Things given a name: "can be called generators"."""
    for m in _CALLED.finditer(text):
        yield clean_subject(m.group(1))[0]


# "World War II", "Critique of Pure Reason", "Hagar the Horrible", "X-Men"
_NAME_PART = r"(?:[A-Z][a-z]+|[A-Z](?=-))(?:-[A-Z][a-z]+)*"
_PROPER = re.compile(rf"(?<![\w.-]){_NAME_PART}(?:\s+(?:(?:of|the|of\s+the)\s+)?(?:{_NAME_PART}|[IVX]{{1,4}}\b))+")


_PROPER_WORD = re.compile(r"(?<![\w.-])(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]-[A-Z][a-z]+)(?![\w-])")


def proper_names(text: str, single: bool = False) -> Iterable[str]:
    """Capitalised names inside sentences ("World War II", "Soviet Union"), not sentence starts;
    with ``single``, also one capitalised word rare in general English ("Hume", "FoxTrot")."""
    if single:
        rest = _PROPER.sub(lambda m: " " * len(m.group(0)), text)  # same offsets, names blanked
        for m in _PROPER_WORD.finditer(rest):
            start = text[:m.start()].rstrip()
            # "X-Men": wordfreq reads it as two everyday words, but no word is written so
            if start and start[-1] not in ".!?:\n\"'“*()-•" and ("-" in m.group(0)
                                                            or zipf(singular(m.group(0).lower())) < NAME_ZIPF):
                yield m.group(0)
    for m in _PROPER.finditer(text):
        start = text[:m.start()].rstrip()
        # a whole line that is a title ("The Critique of Pure Reason") is a name too
        whole = (not start or start[-1] == "\n") and not text[m.end():].split("\n")[0].strip(" *_.\"”")
        # not a sentence's first word, nor the tail of a longer name ("TensorFlow Programmers Guide")
        after_the = start.endswith(" The")  # "members of The Justice League"
        if (whole or (start and start[-1] not in ".!?:\n" and (after_the or not start.split()[-1][:1].isupper()))) \
                and not is_junk(m.group(0)):
            yield m.group(0)


def central_words(decks: list[list[Card]], cands: dict[str, Any], cache: CardCache | None = None,
                  config: Config | None = None) -> None:
    """Plain words a deck keeps coming back to, on many cards and asked about on some.

    Which words each card has is kept per deck in ``cache`` while the deck's cards stay the same."""
    shares = _central_shares(decks, cache or CardCache(None), config)
    floor = max(5, CENTRAL * sum(len(cards) for cards in decks))
    counts: dict[str, int] = {}
    for on, _ in shares:  # in the order the cards first have each word
        for w, places in on.items():
            counts[w] = counts.get(w, 0) + len(places)
    for k, n in counts.items():
        if n < floor:  # on no more cards than that
            continue
        ids = {cards[i].id for (on, _), cards in zip(shares, decks) for i in on.get(k, ())}
        asked = {cards[i].id for (_, q), cards in zip(shares, decks) for i in q.get(k, ())}
        if len(ids) >= floor and len(asked & ids) >= 2:
            c = cands[key_of(k)]
            c.surfaces[k] += len(ids)
            c.cards.update(ids)
            c.signals.add("central")


Share = tuple[dict[str, list[int]], dict[str, list[int]]]


def _central_shares(decks: list[list[Card]], cache: CardCache, config: Config | None) -> list[Share]:
    """Per deck: the cards (by place in the deck) each word is on, and those asking with it."""
    stored = cache.store("central-decks", scope_of(config))
    out = [stored.share([[c.id, c.question, c.answer] for c in cards], _valid_share, len(cards),
                        functools.partial(_central_share, cards)) for cards in decks]
    return [(on, asked) for on, asked in out]


def _central_share(cards: list[Card]) -> list[dict[str, list[int]]]:
    on: dict[str, list[int]] = {}
    asked: dict[str, list[int]] = {}
    for i, card in enumerate(cards):
        question = _NOISE.sub(" ", uncloze(card.question))
        for where, text in ((asked, question), (on, question + "\n" + _NOISE.sub(" ", card.answer))):
            for t in tokens(text):
                if _central_shaped(t):
                    places = where.setdefault(singular(t), [])
                    if not places or places[-1] != i:
                        places.append(i)
    return [on, asked]


def _valid_share(value: Any, size: int) -> bool:
    def places(v: Any) -> bool:
        return type(v) is list and bool(v) and {*map(type, v)} <= {int} and 0 <= min(v) <= max(v) < size

    return type(value) is list and len(value) == 2 and all(
        type(d) is dict and all(places(v) for v in d.values()) for d in value)


@lru_cache(maxsize=1 << 18)
def _central_shaped(t: str) -> bool:
    return t.isalpha() and t.islower() and len(t) > 2 and t not in STOPWORDS and t not in GENERIC_NOUNS \
        and t not in VERBISH and not singular(t).endswith(_DESCRIBES)
