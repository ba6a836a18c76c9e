"""Names inside a question's subject: an apposition ("WWE wrestler John Cena") asks about the
name, an everyday attribute of a name ("Judge Dredd's first name") is a quiz fact.

Generic English only: word shapes and how common a word is, never a field's vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kbgen.text import STOPWORDS, VERBISH, is_common


def _everyday(words: Sequence[str]) -> bool:
    return bool(words) and all(w.isalpha() and is_common(w, EVERYDAY) for w in words)


#: A word at least this common in English is an everyday word in a question's frame ("first name").
EVERYDAY = 3.5
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]+(?:['’]s?)?|[A-Z]{2,6})")


def about_name(subject: str) -> tuple[str, bool]:
    """A name in a description of it is what the question is about: "WWE wrestler John Cena" is
    John Cena. An everyday attribute of a name is no concept of its own: "Judge Dredd's first
    name", "the main icon of the Animal Kingdom park" ask about a fact: such a subject is a
    concept only when another card names it too ("Newton's second law"). Returns the subject and
    whether it is such a fact.

    >>> about_name("WWE wrestler John Cena"), about_name("Captain America's secret identity")
    (('John Cena', False), ("Captain America's secret identity", True))
    """
    words = subject.split()
    caps = [bool(_NAME_WORD.fullmatch(w)) and not w.isupper() for w in words]
    if len(words) < 3 or not any(caps):
        return subject, False
    first, last = caps.index(True), len(caps) - caps[::-1].index(True)
    if not all(caps[first:last]):
        return subject, False
    before, after = words[:first], words[last:]
    if before and not after and all(w.islower() or w.isupper() for w in before) and not VERBISH & set(before) \
            and _everyday([w for w in before if not w.isupper()]):
        return " ".join(words[first:]), False  # an apposition: "comic strip character Calvin"
    # a written possessive of one name is an eponym's shape: "Newton's second law", "Kant's categorical imperative"
    eponym = last - first == 1 and words[first].endswith(("'s", "’s"))
    if after and not eponym and len(after) >= 2 - bool(before) \
            and _everyday([w for w in before + after if w not in STOPWORDS]):
        return subject, True  # "Judge Dredds first name", "main icon of the Animal Kingdom park"
    return subject, False


_DO = re.compile(r"\b(?:do|does|did)\s+(?:the\s+)?([^\s?.,;:!]+)")


def after_do(question: str, subject: str) -> str:
    """After "do/does/did", a name's verb ends the subject: "Who did Opus marry?" asks about Opus,
    "What does Judge Dredd frequently utter?" about Judge Dredd; and a common noun before a name
    is its apposition: "cartoon character Snoopy", "WWE wrestler John Cena" are Snoopy, John Cena."""
    words = subject.split()
    if not words or words[0] not in {m.group(1) for m in _DO.finditer(question)}:
        return subject
    while len(words) > 1 and words[-1].islower() and any(w[:1].isupper() for w in words):
        words.pop()
    name = len(words)
    while name > 0 and words[name - 1][:1].isupper() and not words[name - 1].isupper():
        name -= 1
    if 0 < name < len(words) and all(w.islower() or w.isupper() for w in words[:name]):
        words = words[name:]
    return " ".join(words)
