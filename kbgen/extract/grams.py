"""A clause's n-grams and the word shapes they rest on: rare words, acronyms, code names,
phrases that recur, and the word that follows each (a cut name, an apposition).

Generic English only: word shapes and how common a word is, never a field's vocabulary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Set
from functools import lru_cache
from typing import Any

from kbgen.text import GENERIC_NOUNS, STOPWORDS, TOKEN, VERBISH, is_acronym, is_junk, key_of, singular, zipf

#: Suffixes of English adjectives, adverbs and abstract qualities: rare words that end so
#: describe something rather than name it ("pixelated", "generalizability").
NOT_A_NAME = ("ed", "ly", "ous", "ive", "ful", "less", "able", "ible", "ity", "ness", "ish", "est", "ic", "al",
               "ize", "ise", "ate", "ify")
_HYPHENED = re.compile(r"(?<![\w-])[^\W_]+(?:-[^\W_]+)+(?![\w-])")
_ROMAN = re.compile(r"[IVXLC]+")
_NUMERAL = re.compile(r"[IVX]{1,4}|\d{1,2}")
_CODE = re.compile(r"\w::\w|\+\+$|\w#$")
SIBLING = 3.5      # a modifier this uncommon makes "X model" a kind of model
RARE = 3.0         # Zipf frequency under which a word is a term of art


def as_written(phrase: str, line: str) -> str:
    """The phrase with the hyphens its clause had: "membrane-bound organelles"."""
    if "-" not in line:  # nothing to restore, and no pattern to compile
        return phrase
    m = re.search(r"[\s-]+".join(map(re.escape, phrase.split())), line)
    return m.group(0) if m and "-" in m.group(0) and "\n" not in m.group(0) else phrase


def line_grams(line: str, heads: set[str]) -> Iterable[tuple[str, str, str]]:
    """A clause's signals; a rare word inside a hyphenated name stands for the whole name
    ("N-acetylcysteine", not "acetylcysteine")."""
    inside: set[str] = set()
    for word in _HYPHENED.findall(line):
        parts = word.split("-")
        rare = [p for p in parts if _rare_name(p)]
        # "encoder-decoder" joins two names and "flowchart-like" describes: neither is one name
        if len(rare) == 1 and not any(p.lower() in STOPWORDS for p in parts):
            inside.update(rare)
            yield word, "compound", ""
    found = list(TOKEN.finditer(line))
    # a phrase neither starts nor ends inside a hyphenated word ("well-known BGP community")
    tails = frozenset(i for i, m in enumerate(found) if m.start() and line[m.start() - 1] == "-")
    # a generic word joined by a hyphen is part of a name: "five-number summary", "two-way table"
    joined = tails | {i - 1 for i in tails}
    yield from _grams([m.group(0) for m in found], heads, inside, tails, joined)


def _grams(toks: list[str], heads: set[str], inside: Set[str] = frozenset(),
           tails: frozenset[int] = frozenset(), joined: Set[int] = frozenset()) -> Iterable[tuple[str, str, str]]:
    low = [t.lower() for t in toks]
    for i, t in enumerate(low):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if _rare_name(toks[i]) and toks[i] not in inside:
            # "DNA polymerase", "angiotensin II": a code or numeral makes the rare word a name
            if (code := _coded(toks, i, tails)):  # "HMG-CoA reductase", "Na-K-2Cl cotransporter"
                yield f"{code} {toks[i]}", "compound", ""
            elif i and _acronym_name(toks[i - 1]) and toks[i - 1] not in inside:
                yield f"{toks[i - 1]} {toks[i]}", "compound", ""
            elif _NUMERAL.fullmatch(nxt):
                yield f"{toks[i]} {nxt}", "compound", ""
            else:
                yield toks[i], "rare", ""
        elif _acronym_name(toks[i]):
            yield toks[i], "acro", ""
        elif _CODE.search(toks[i]):
            yield toks[i], "code", ""
        elif _acronym_name(toks[i]):
            yield toks[i], "acro", ""
        # "LEFT JOIN" next to an asked "INNER JOIN", but not code ("table1 JOIN", "schema IN")
        if i + 1 < len(low) and key_of(low[i + 1]) in heads and toks[i].islower() and _plain(t) \
                and not _identifier(toks[i]) and not toks[i + 1].isupper() \
                and zipf(t) < SIBLING and not t.endswith(NOT_A_NAME) and singular(t) == t:
            yield f"{toks[i]} {toks[i + 1]}", "sibling", ""
    plain = [_plain(t) or (i in joined and t not in STOPWORDS and t.isalpha()) for i, t in enumerate(low)]
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            if i not in tails and i + n not in tails and all(plain[i:i + n]) and _phrase_shaped(toks[i:i + n]):
                phrase = " ".join(toks[i:i + n])
                if not is_junk(phrase):
                    nxt = toks[i + n] if i + n < len(toks) else ""
                    yield phrase, "apposed" if _NAME_NEXT.fullmatch(nxt) else "recurring", singular(nxt.lower())


def _coded(toks: list[str], i: int, tails: frozenset[int]) -> str:
    """The hyphenated code before word ``i`` ("HMG-CoA", "Na-K-2Cl"), or "" if there is none."""
    j = i - 1
    if j not in tails:
        return ""
    while j in tails:
        j -= 1
    code = "-".join(toks[j:i])
    # capitals past the first letter or digits make it a code; "Precision-recall" only starts a sentence
    return code if any(ch.isupper() or ch.isdigit() for ch in code[1:]) else ""


def _phrase_shaped(toks: list[str]) -> bool:
    """Not a run across a sentence break, a formula, or an adverb phrase ("regularization Add",
    "B0 B1", "highly correlated")."""
    low = [t.lower() for t in toks]
    # "-ly" marks an adverb, not a name ("Emmett Kelly", "Italy")
    if len(set(low)) < len(low) or any(len(t) < 2 or (t.endswith("ly") and t == w) for t, w in zip(low, toks)):
        return False
    if all(len(t) <= 2 for t in toks):
        return False
    if any(_identifier(t) for t in toks):  # code: "column1", "tableName", "department_name"
        return False
    if _acronym_name(toks[-1]) and all(t.islower() for t in toks[:-1]):
        return False  # "well-known BGP": lowercase words modify a name, the acronym is the concept
    return not any(a.islower() and b[0].isupper() and not b.isupper() for a, b in itertools.pairwise(toks))


#: More than one word follows the phrase (a string, so the map stays small at 50,000 cards).
MIXED = "\0"
NO_FOLLOWER = STOPWORDS | {MIXED, ""}  # "absolute value of …" is no cut name
#: A word that starts a name: "Snoopy", "John", "WWE"; not "I".
_NAME_NEXT = re.compile(r"[A-Z][a-z]+[A-Za-z]*|[A-Z]{2,6}")
_CAMEL = re.compile(r"[a-z][A-Z]")
_NUMBERED = re.compile(r"[a-z]+\d+")


def _identifier(tok: str) -> bool:
    return "_" in tok or (tok[:1].islower() and bool(_CAMEL.search(tok))) or bool(_NUMBERED.fullmatch(tok))


def _plain(t: str) -> bool:
    return t not in STOPWORDS and t not in GENERIC_NOUNS and not t.isdigit()


@lru_cache(maxsize=1 << 18)
def _acronym_name(tok: str) -> bool:
    """An acronym used on its own ("DNA", "GDP", "PPIs"); not a Roman numeral ("II")."""
    base = tok[:-1] if tok.endswith("s") else tok
    base = base[1:] if base.startswith(".") else base  # ".NET"
    return 2 <= len(base) <= 6 and base.isalnum() and is_acronym(base) and sum(ch.isupper() for ch in base) \
        * 2 >= len(base) and not _ROMAN.fullmatch(base)  # "IPv6" too


@lru_cache(maxsize=1 << 18)
def _rare_name(tok: str) -> bool:
    """A lowercase word, rare in general English and not shaped like an adjective or adverb."""
    if not tok.isalpha() or not tok.islower() or len(tok) < 5 or tok in STOPWORDS:
        return False
    base = singular(tok)
    verb_form = base.endswith(("izing", "ating"))  # "regularizing", "parallelizing"
    return zipf(base) < RARE and zipf(tok) < RARE and not base.endswith(NOT_A_NAME) and base not in VERBISH \
        and not verb_form


def valid_grams(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(g, list) and len(g) == 3 and all(isinstance(x, str) for x in g) for g in value)
