"""Acronyms and their expansions: "generative adversarial network (GAN)", "DML (Data Manipulation
Language)", "(e.m.f.)", and whether a short form abbreviates a phrase ("HCM" for "hypertrophic
cardiomyopathy"). Generic: initials and letters in order, no list of acronyms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kbgen.text import STOPWORDS, is_acronym

# "(GAN)", and the dotted lowercase abbreviations of textbooks: "(e.m.f.)", "(p.d.)"
_ACRONYM = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9-]{1,11}|[A-Za-z](?:\.[A-Za-z]){1,4}\.?)\s*\)")


def abbreviates(acro: str, phrase: str) -> bool:
    """``acro`` abbreviates ``phrase``: its initials, or failing that its letters in order."""
    a, words = acro.strip(), phrase.split()
    if " " in a or len(words) < 2 or not (is_acronym(a) or "." in a):
        return False
    if (expansion := match_expansion(a, words)) is not None:
        return expansion == " ".join(words)  # "SGD" spells only part of "mini-batch SGD"
    letters = [c.lower() for c in a if c.isalnum()]
    rest = "".join(words).lower()
    if not letters or letters[0] != rest[0]:
        return False
    pos = 0
    for ch in letters:
        pos = rest.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


_ACRO_FIRST = re.compile(r"\b([A-Z][A-Za-z0-9]{1,10})\s*\(\s*([A-Za-z][\w -]{2,60}?)\s*\)")


def acronym_pairs(text: str) -> Iterable[tuple[str, str]]:
    """("batch normalization", "BatchNorm") from "batch normalization (BatchNorm)".

    The parenthesis is found first and the words before it read back, so the cost is
    linear in the text (a regex spanning the words would backtrack).
    """
    for m in _ACRONYM.finditer(text):
        before = re.split(r"[.;:!?()\n]", text[:m.start()])[-1].split()[-6:]
        expansion = match_expansion(m.group(1), before)
        if expansion:
            yield expansion, m.group(1)
    for m in _ACRO_FIRST.finditer(text):  # "DML (Data Manipulation Language)"
        words = m.group(2).split()
        if match_expansion(m.group(1), words) == " ".join(words):
            yield " ".join(words), m.group(1)


def match_expansion(acro: str, words: list[str]) -> str | None:
    """The shortest tail of ``words`` whose initials spell the acronym's capitals.

    >>> match_expansion("GANs", "a generative adversarial network".split())
    'generative adversarial network'
    """
    base = acro[:-1] if acro.endswith("s") and acro[:-1].isupper() else acro
    dotted = bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", base))  # "e.m.f."
    caps = [ch.lower() for ch in base if ch.isupper() or ch.isdigit() or (dotted and ch.isalpha())]
    if base[:1].islower() and not dotted:  # "sepCNN": the lowercase lead is a word too
        caps.insert(0, base[0])
    if len(caps) < 2 or not (dotted or is_acronym(base)):
        return None
    for k in range(2, min(6, len(words)) + 1):
        tail = [w for w in words[-k:]]
        parts = [p for w in tail for p in re.split(r"[-/]", w) if p]
        initials = [p[0].lower() for p in parts if p.lower() not in STOPWORDS]
        if initials == caps and tail[0].lower() not in STOPWORDS:
            return " ".join(tail)
    return None
