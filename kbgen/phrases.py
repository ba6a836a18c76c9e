"""Concept signals found in running text: answer phrases, named things, recurring and rare words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kbgen.model import Card, CardId
from kbgen.questions import clean_subject, strip_lead
from kbgen.text import GENERIC_NOUNS, STOPWORDS, VERBISH, is_junk, key_of, singular, tokens, zipf

_LIST_MARK = re.compile(r"^\s*(?:[-*•–—]+>?|\d+[.)]|→)\s*")
_NAMED_VAR = re.compile(r"\b(?:the\s+)?([a-z][a-z-]{3,})\s+([A-Z])\b(?!['’\w])")
_PLAIN = re.compile(r"^[^\W_]+(?:[\s'’-][^\W_]+){0,5}$")
_CALLED = re.compile(r"\b(?:can be|is|are|be) (?:called|named|known as|referred to as) ([\w -]{3,40}?)(?:[.,;:!?)]|$)", re.IGNORECASE)
#: Suffixes of English adjectives, adverbs and abstract qualities: rare words that end so
#: describe something rather than name it ("pixelated", "generalizability").
_NOT_A_NAME = ("ed", "ly", "ous", "ive", "ful", "less", "able", "ible", "ity", "ness", "ish", "est", "ic", "al",
               "ize", "ise", "ate", "ify")
_NOISE = re.compile(r"https?://\S+|www\.\S+|\$\$.*?\$\$|\$[^$\n]*\$|\\[A-Za-z]+|`[^`\n]*`", re.DOTALL)
_CLAUSE = re.compile(r"[\n.,;:!?()\[\]{}\"“”—–=/|*<>]+|\s-\s")
RARE = 3.0         # Zipf frequency under which a word is a term of art
VERY_RARE = 2.0    # … and under which one card is enough
SIBLING = 3.5      # a modifier this uncommon makes "X model" a kind of model


def answer_phrases(answer: str) -> Iterable[tuple[str, str]]:
    """Short noun-phrase answer lines and list items ("- anomaly detection", "Through transfer learning").

    >>> list(answer_phrases("Through transfer learning"))
    [('transfer learning', 'answer')]
    """
    first = answer.strip().split("\n")[0].strip() if answer.strip() else ""
    for i, line in enumerate(answer.split("\n")):
        s = strip_lead(_LIST_MARK.sub("", line).strip(" .;:"))
        toks = tokens(s)
        if 1 <= len(toks) <= 4 and _PLAIN.match(s) and not is_junk(s):
            if not any(t.lower() in STOPWORDS for t in toks):
                direct = i == 0 and first.endswith(s)
                yield s, "answer" if direct or len(toks) > 1 else "item"


def named_variables(text: str) -> Iterable[str]:
    """Things given a one-letter name: "the generator G"."""
    for m in _NAMED_VAR.finditer(text):
        word = m.group(1)
        # an everyday word before a letter is usually a verb or a count ("select K")
        if word.lower() not in STOPWORDS | GENERIC_NOUNS and not word.endswith("ing") and zipf(word) < 4.5:
            yield word


def called(text: str) -> Iterable[str]:
    """Things given a name: "can be called generators"."""
    for m in _CALLED.finditer(text):
        yield clean_subject(m.group(1))[0]


def ngram_signals(cards: list[Card], cands: dict) -> None:
    """Recurring phrases, rare words and siblings of asked concepts, in one pass over the cards."""
    seen: dict[str, set[CardId]] = defaultdict(set)
    surface: dict[str, str] = {}
    kinds: dict[str, str] = {}
    heads = {key_of(s.split()[-1]) for c in cands.values() if c.asked for s in c.surfaces if " " in s}
    for card in cards:
        # n-grams stay within a clause: "SGD — stochastic gradient" is two things
        for line in _CLAUSE.split(_NOISE.sub(" ", card.question + "\n" + card.answer)):
            for phrase, kind in _grams(tokens(line), heads):
                k = key_of(phrase)
                seen[k].add(card.id)
                surface.setdefault(k, phrase)
                kinds.setdefault(k, kind)
    for k, ids in seen.items():
        kind, phrase = kinds[k], surface[k]
        z = zipf(phrase.lower())
        # A word no word list knows is a typo or code as often as a term: it needs more cards.
        strong = kind == "sibling" or (kind == "rare" and (len(ids) >= (2 if z > 0 else 3) or 0 < z < VERY_RARE))
        if kind == "recurring" and len(ids) >= 2 or strong:
            c = cands[k]
            c.surfaces[phrase] += len(ids)
            c.cards.update(ids)
            c.signals.add(kind)


def _grams(toks: list[str], heads: set[str]) -> Iterable[tuple[str, str]]:
    low = [t.lower() for t in toks]
    for i, t in enumerate(low):
        if _rare_name(toks[i]):
            yield toks[i], "rare"
        if i + 1 < len(low) and key_of(low[i + 1]) in heads and toks[i].islower() and _plain(t) \
                and zipf(t) < SIBLING and not t.endswith(_NOT_A_NAME) and singular(t) == t:
            yield f"{toks[i]} {toks[i + 1]}", "sibling"
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            gram = low[i:i + n]
            if all(_plain(t) for t in gram) and _phrase_shaped(toks[i:i + n]):
                phrase = " ".join(toks[i:i + n])
                if not is_junk(phrase):
                    yield phrase, "recurring"


def _phrase_shaped(toks: list[str]) -> bool:
    """Not a run across a sentence break, a formula, or an adverb phrase ("regularization Add",
    "B0 B1", "highly correlated")."""
    low = [t.lower() for t in toks]
    if len(set(low)) < len(low) or any(len(t) < 2 or t.endswith("ly") for t in low):
        return False
    if all(len(t) <= 2 for t in toks):
        return False
    return not any(a.islower() and b[0].isupper() and not b.isupper() for a, b in zip(toks, toks[1:]))


def _plain(t: str) -> bool:
    return t not in STOPWORDS and t not in GENERIC_NOUNS and not t.isdigit()


def _rare_name(tok: str) -> bool:
    """A lowercase word, rare in general English and not shaped like an adjective or adverb."""
    if not tok.isalpha() or not tok.islower() or len(tok) < 5 or tok in STOPWORDS:
        return False
    base = singular(tok)
    verb_form = base.endswith(("izing", "ating"))  # "regularizing", "parallelizing"
    return zipf(base) < RARE and zipf(tok) < RARE and not base.endswith(_NOT_A_NAME) and base not in VERBISH \
        and not verb_form
