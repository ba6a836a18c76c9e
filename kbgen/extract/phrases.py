"""Concept signals found in running text: answer phrases, named things, recurring and rare words."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Set
from functools import lru_cache
from typing import Any

from kbgen.cardcache import CardCache, scope_of
from kbgen.config import Config
from kbgen.extract.naming import uncloze
from kbgen.extract.questions import clean_subject, strip_lead
from kbgen.model import Card, CardId
from kbgen.text import GENERIC_NOUNS, STOPWORDS, TOKEN, VERBISH, is_acronym, is_junk, key_of, singular, tokens, zipf

_LIST_MARK = re.compile(r"^\s*(?:[-*•–—]+>?|\d+[.)]|→)\s*")
# "I" is a pronoun or a numeral ("angiotensin I"), never a variable's name
_NAMED_VAR = re.compile(r"\b(?:the\s+)?([a-z][a-z-]{3,})\s+((?!I\b)[A-Z])\b(?!['’\w])")
_PLAIN = re.compile(r"^[^\W_]+(?:[\s'’-][^\W_]+){0,5}$")
_CALLED = re.compile(r"\b(?:can be|is|are|be) (?:called|named|known as|referred to as) ([\w -]{3,40}?)(?:[.,;:!?)]|$)", re.IGNORECASE)
#: Suffixes of English adjectives, adverbs and abstract qualities: rare words that end so
#: describe something rather than name it ("pixelated", "generalizability").
NOT_A_NAME = ("ed", "ly", "ous", "ive", "ful", "less", "able", "ible", "ity", "ness", "ish", "est", "ic", "al",
               "ize", "ise", "ate", "ify")
_NOISE = re.compile(r"https?://\S+|www\.\S+|\$\$.*?\$\$|\$[^$\n]*\$|\\[A-Za-z]+|`[^`\n]*`", re.DOTALL)
_HYPHENED = re.compile(r"(?<![\w-])[^\W_]+(?:-[^\W_]+)+(?![\w-])")
# "std::map" and ".NET" are names, not clause breaks
_CLAUSE = re.compile(r"[\n,;!?()\[\]{}\"“”—–=/|*<>]+|\.(?![A-Za-z])|(?<!:):(?!:)|\s-\s")
_ROMAN = re.compile(r"[IVXLC]+")
_NUMERAL = re.compile(r"[IVX]{1,4}|\d{1,2}")
_CODE = re.compile(r"\w::\w|\+\+$|\w#$")
RARE = 3.0         # Zipf frequency under which a word is a term of art
VERY_RARE = 2.0    # … and under which one card is enough
NAME_ZIPF = 4.0    # a capitalised word rarer than this in general English is a name
SIBLING = 3.5      # a modifier this uncommon makes "X model" a kind of model
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


def ngram_signals(cards: list[Card], cands: dict[str, Any], cache: CardCache | None = None,
                  config: Config | None = None) -> None:
    """Recurring phrases, rare words and siblings of asked concepts, in one pass over the cards.

    A clause's signals depend on its text and the asked heads only: ``cache`` keeps them
    across runs."""
    seen: dict[str, set[CardId]] = defaultdict(set)
    surface: dict[str, str] = {}
    where: dict[str, str] = {}  # the clause a surface was read from, to restore its hyphens
    kinds: dict[str, str] = {}
    heads = {key_of(s.split()[-1]) for c in cands.values() if c.asked for s in c.surfaces if " " in s}
    grams: dict[str, list[tuple[str, str]]] = {}  # clauses recur across cards: read each once
    stored = (cache or CardCache(None)).store("ngrams", scope_of(config, heads))
    for card in cards:
        # n-grams stay within a clause: "SGD — stochastic gradient" is two things
        for line in _CLAUSE.split(_NOISE.sub(" ", uncloze(card.question) + "\n" + card.answer)):
            found = grams.get(line)
            if found is None:
                found = stored.get(line, _valid_grams)
                if found is None:
                    found = stored.put(line, list(_line_grams(line, heads)))
                grams[line] = found
            for phrase, kind in found:
                k = key_of(phrase)
                seen[k].add(card.id)
                old = surface.setdefault(k, phrase)
                if old is phrase or (phrase.islower() and old[1:].islower() and old.lower() == phrase):
                    surface[k], where[k] = phrase, line  # "Membrane …" only begins a sentence
                kinds.setdefault(k, kind)
    aliased = {key_of(a) for c in cands.values() for a in c.aliases}
    for k, ids in seen.items():
        kind, phrase = kinds[k], surface[k]
        if kind in ("acro", "code", "compound") and k in aliased and k not in cands:
            continue  # "TP" of "true positives (TP)": its concept already has it
        z = zipf(phrase.lower())
        # A word no word list knows is a typo or code as often as a term: it needs more cards.
        strong = kind == "sibling" or (kind == "rare" and (len(ids) >= (2 if z > 0 else 3) or 0 < z < VERY_RARE)) \
            or kind == "compound" or (kind == "acro" and len(ids) >= 2) or (kind == "code" and ("::" in phrase or len(ids) >= 2))
        if (kind == "recurring" and len(ids) >= 2) or strong:
            phrase = _as_written(phrase, where[k]) if " " in phrase else phrase
            c = cands[k]
            c.surfaces[phrase] += len(ids)
            c.cards.update(ids)
            c.signals.add({"acro": "rare", "code": "rare", "compound": "rare"}.get(kind, kind))


def _valid_grams(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(g, list) and len(g) == 2 and isinstance(g[0], str) and isinstance(g[1], str) for g in value)


def central_words(cards: list[Card], cands: dict[str, Any]) -> None:
    """Plain words a deck keeps coming back to, on many cards and asked about on some."""
    on: dict[str, set[CardId]] = defaultdict(set)
    asked: dict[str, set[CardId]] = defaultdict(set)
    for card in cards:
        question = _NOISE.sub(" ", uncloze(card.question))
        for where, text in ((asked, question), (on, question + "\n" + _NOISE.sub(" ", card.answer))):
            for t in tokens(text):
                if _central_shaped(t):
                    where[singular(t)].add(card.id)
    floor = max(5, CENTRAL * len(cards))
    for k, ids in on.items():
        if len(ids) >= floor and len(asked[k] & ids) >= 2:
            c = cands[key_of(k)]
            c.surfaces[k] += len(ids)
            c.cards.update(ids)
            c.signals.add("central")


@lru_cache(maxsize=1 << 18)
def _central_shaped(t: str) -> bool:
    return t.isalpha() and t.islower() and len(t) > 2 and t not in STOPWORDS and t not in GENERIC_NOUNS \
        and t not in VERBISH and not singular(t).endswith(_DESCRIBES)


def _as_written(phrase: str, line: str) -> str:
    """The phrase with the hyphens its clause had: "membrane-bound organelles"."""
    if "-" not in line:  # nothing to restore, and no pattern to compile
        return phrase
    m = re.search(r"[\s-]+".join(map(re.escape, phrase.split())), line)
    return m.group(0) if m and "-" in m.group(0) and "\n" not in m.group(0) else phrase


def _line_grams(line: str, heads: set[str]) -> Iterable[tuple[str, str]]:
    """A clause's signals; a rare word inside a hyphenated name stands for the whole name
    ("N-acetylcysteine", not "acetylcysteine")."""
    inside: set[str] = set()
    for word in _HYPHENED.findall(line):
        parts = word.split("-")
        rare = [p for p in parts if _rare_name(p)]
        # "encoder-decoder" joins two names and "flowchart-like" describes: neither is one name
        if len(rare) == 1 and not any(p.lower() in STOPWORDS for p in parts):
            inside.update(rare)
            yield word, "compound"
    found = list(TOKEN.finditer(line))
    # a phrase neither starts nor ends inside a hyphenated word ("well-known BGP community")
    tails = frozenset(i for i, m in enumerate(found) if m.start() and line[m.start() - 1] == "-")
    # a generic word joined by a hyphen is part of a name: "five-number summary", "two-way table"
    joined = tails | {i - 1 for i in tails}
    yield from _grams([m.group(0) for m in found], heads, inside, tails, joined)


def _grams(toks: list[str], heads: set[str], inside: Set[str] = frozenset(),
           tails: frozenset[int] = frozenset(), joined: Set[int] = frozenset()) -> Iterable[tuple[str, str]]:
    low = [t.lower() for t in toks]
    for i, t in enumerate(low):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if _rare_name(toks[i]) and toks[i] not in inside:
            # "DNA polymerase", "angiotensin II": a code or numeral makes the rare word a name
            if i and _acronym_name(toks[i - 1]) and toks[i - 1] not in inside:
                yield f"{toks[i - 1]} {toks[i]}", "compound"
            elif _NUMERAL.fullmatch(nxt):
                yield f"{toks[i]} {nxt}", "compound"
            else:
                yield toks[i], "rare"
        elif _acronym_name(toks[i]):
            yield toks[i], "acro"
        elif _CODE.search(toks[i]):
            yield toks[i], "code"
        elif _acronym_name(toks[i]):
            yield toks[i], "acro"
        # "LEFT JOIN" next to an asked "INNER JOIN", but not code ("table1 JOIN", "schema IN")
        if i + 1 < len(low) and key_of(low[i + 1]) in heads and toks[i].islower() and _plain(t) \
                and not _identifier(toks[i]) and not toks[i + 1].isupper() \
                and zipf(t) < SIBLING and not t.endswith(NOT_A_NAME) and singular(t) == t:
            yield f"{toks[i]} {toks[i + 1]}", "sibling"
    plain = [_plain(t) or (i in joined and t not in STOPWORDS and t.isalpha()) for i, t in enumerate(low)]
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            if i not in tails and i + n not in tails and all(plain[i:i + n]) and _phrase_shaped(toks[i:i + n]):
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
    if any(_identifier(t) for t in toks):  # code: "column1", "tableName", "department_name"
        return False
    if _acronym_name(toks[-1]) and all(t.islower() for t in toks[:-1]):
        return False  # "well-known BGP": lowercase words modify a name, the acronym is the concept
    return not any(a.islower() and b[0].isupper() and not b.isupper() for a, b in itertools.pairwise(toks))


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
