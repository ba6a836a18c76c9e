"""Term fronts that title a card rather than name one term: "Kinetic and potential energy",
"Types of hybridisation (3)", "Lattice energy, LE", "Geostationary satellite, advantages and
disadvantages".

A title is split into the terms it names. Words that name an aspect of a term ("types of",
"… factors", "advantages") are generic English, never a field's vocabulary; a shared word is
distributed over a coordination only when the deck itself writes the distributed phrase
("kinetic energy"), so "Mole and Avogadro constant" stays "mole" and "Avogadro constant".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kbgen.model import Card
from kbgen.text import STOPWORDS, is_acronym, is_junk, singular, tokens

#: Nouns that name an aspect of a term, not a term: "Types of X", "X trends", "X and factors".
ASPECTS = frozenset("""
type types kind kinds form forms example examples effect effects factor factors trend trends rule rules
formula formulas formulae assumption assumptions limitation limitations application applications use uses
advantage advantages disadvantage disadvantages condition conditions property properties feature features
characteristic characteristics cause causes role roles function functions symbol symbols observation
observations measurement measurements variation variations case cases graph graphs information importance
significance irregularities exceptions summary overview introduction notes note list comparison
relationship relationships relation relations
""".split())
_LEAD_ASPECT = re.compile(r"^(?:(?:the|some|main|key|common|general)\s+)?(?P<w>[a-z]+)\s+"
                          r"(?:of|for|in|on|to|from|between|affecting|influencing)\s+", re.IGNORECASE)
_ON = re.compile(r"\s+(?:on|in|against|for)\s+", re.IGNORECASE)
# "or" gives another name for the same term ("data set or dataset"): it does not split
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|vs\.?|versus)\s+", re.IGNORECASE)
_OF_ANY = re.compile(r"\s+of\s+(?:a|an)\s+[\w-]+$", re.IGNORECASE)
_COUNT = re.compile(r"\s*\(\s*\d+\s*\)\s*$")
_MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$[^$]*\$", re.DOTALL)


def strip_math(text: str) -> str:
    """Text without its formulas: "Standard enthalpy change, \\(\\Delta H\\)" names no "Delta"."""
    return _MATH.sub(" ", text) if ("\\" in text or "$" in text) else text


def deck_bigrams(cards: Iterable[Card]) -> set[tuple[str, str]]:
    """Adjacent word pairs the deck writes, to tell "kinetic energy" from "mole constant"."""
    out: set[tuple[str, str]] = set()
    for card in cards:
        low = [t.lower() for t in tokens(card.question + "\n" + card.answer)]
        out.update(zip(low, map(singular, low[1:])))
    return out


#: Singular aspect words that lead "… of X" only as aspects; "rule of three" and "form of
#: government" name terms, so a singular word outside this set is a term's head.
_SINGULAR_ASPECTS = frozenset("effect example type kind importance significance advantage disadvantage "
                              "limitation application information relationship relation comparison benefit "
                              "scenario".split())


def is_aspect(word: str) -> bool:
    """An aspect leading "… of X": a plural aspect word ("types", "factors") or a clear singular one."""
    w = word.lower()
    return w in _SINGULAR_ASPECTS or (w in ASPECTS and singular(w) != w)


def strip_aspect(part: str) -> str:
    """The term an aspect phrase is about: "Types of hybridisation" → "hybridisation",
    "Atomic radius trends" → "Atomic radius", "advantages" → ""."""
    p = part.strip()
    while (m := _LEAD_ASPECT.match(p)) and is_aspect(m.group("w")):
        p = p[m.end():]
    words = p.split()
    # a trailing aspect is plural ("Atomic radius trends"); a singular one is the term's head
    # ("activation function", "Markov property")
    while words and words[-1].lower() in ASPECTS and (len(words) == 1 or singular(words[-1]) != words[-1]):
        words.pop()
    return " ".join(words)


def title_terms(title: str, bigrams: set[tuple[str, str]]) -> list[str] | None:
    """The terms a compound title names, or None when it is one term.

    >>> bg = {("kinetic", "energy"), ("centripetal", "force")}
    >>> title_terms("Kinetic and potential energy", bg)
    ['Kinetic energy', 'potential energy']
    >>> title_terms("Mole and Avogadro constant", bg)
    ['Mole', 'Avogadro constant']
    >>> title_terms("Centripetal acceleration and force", bg)
    ['Centripetal acceleration', 'centripetal force']
    >>> title_terms("Lattice energy, LE", bg), title_terms("Types of hybridisation (3)", bg)
    (['Lattice energy', 'LE'], ['hybridisation'])
    >>> title_terms("Geostationary satellite, advantages and disadvantages", bg)
    ['Geostationary satellite']
    """
    t = " ".join(_MATH.sub(" ", _COUNT.sub("", title)).replace("(", " ").replace(")", " ").split())
    t0 = t
    # "Enthalpy of a system", "Partial pressure of a gas": any system's, so the term is the head
    t = _OF_ANY.sub("", t)
    raw = [p for p in _SPLIT.split(t) if p.strip()]
    if (m := _LEAD_ASPECT.match(t)) and is_aspect(m.group("w")):  # "Effect of common ion on solubility"
        raw = [p for part in _SPLIT.split(t[m.end():]) for p in _ON.split(part) if p.strip()]
    if len(raw) > 1 and " of " in raw[0] and all(len(p.split()) == 1 for p in raw[1:]):
        raw = [raw[0].split(" of ")[0]]  # "Oxidation number of hydrogen and oxygen"
    parts = [strip_aspect(p) for p in raw]
    if len(raw) == 1:
        return [parts[0]] if parts[0] and parts[0] != t0 else None
    if any(len(p.split()) == 1 and p.lower().endswith("ly") for p in parts):
        return None  # "independently and identically distributed" is one term
    parts = _distribute([p for p in parts if p and not is_junk(p)], bigrams)
    return parts or None


def _distribute(parts: list[str], bigrams: set[tuple[str, str]]) -> list[str]:
    """Share a head or a modifier across a coordination when the deck writes the result."""
    if len(parts) < 2:
        return parts
    last = parts[-1].split()
    out = []
    for i, p in enumerate(parts):
        words = p.split()
        lead = (tokens(words[0]) or [""])[-1].lower()  # "Single-step and multi-step reactions"
        if i < len(parts) - 1 and len(words) == 1 and len(last) > 1 and words[0].lower() != last[-1].lower() \
                and (lead, singular(last[-1].lower())) in bigrams:
            p = f"{p} {' '.join(last[1:])}"  # "Kinetic and potential energy"
        elif i == len(parts) - 1 and len(words) == 1 and len(parts[0].split()) > 1:
            first = parts[0].split()
            if (first[0].lower(), singular(words[0].lower())) in bigrams and not is_acronym(words[0]) \
                    and first[0].lower() != words[0].lower():
                p = f"{first[0].lower()} {p}"  # "Centripetal acceleration and force"
        out.append(p)
    return [p for p in out if p.lower() not in STOPWORDS]
