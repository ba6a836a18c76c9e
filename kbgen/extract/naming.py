"""What a card names besides its subject: the terms a cloze card hides, and the things that
the answer to a naming question names ("Which enzyme …?" → "Helicase, which …").

Generic English only.
"""

from __future__ import annotations

import re

from kbgen.extract.questions import CUT, PAREN, clause, strip_lead
from kbgen.text import is_junk, singular, tokens

_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^{}]*)?\}\}", re.DOTALL)
_BLANK = re.compile(r"_{3,}|\[\s*\.\.\.\s*\]|…\s*\?")
#: Fronts whose answer names the thing: "Which enzyme …", "Name the …", "During which phase …".
_IDENTIFY = re.compile(r"^(?:which|who|whom)\b|^[a-z]+ which\b|\bcalled\s*\?\s*$|^(?:name|list|give|identify|state) "
                       r"(?:the|a|an|one|two|three|four|five|some|any|all)\b"
                       # "What feature allows …?", "… what type of adjacency is created?", "His term for …"
                       r"|(?:^|[.?!:]\s+|\s)what (?!(?:is|are|was|were|do|does|did|can|could|would|should|will|if|"
                       r"happens?|about|else)\b)[a-z-]+ (?:of [\w/-]+ )?(?:is|are|was|were|do|does|did|would|will|can|"
                       r"allows?|provides?|prohibits?|prevents?|[a-z]+[^s\W]s)\b"  # "What principle divides …"
                       r"|\bwhich (?:kind|type|sort|one)\b|\b(?:term|name|word) for\b"
                       r"|^what (?:do|does|did|would|should) (?:we|you|one|they|people) call\b", re.IGNORECASE)
_ONE = re.compile(r"^(?:what|which) (?:(?:do|does|did) (?:we|you|one|they|people) )?([a-z]+)\b", re.IGNORECASE)
_LEAD_END = re.compile(r"[.;:!?](?:\s|$)|\s[—–]\s|\n")
_ITEM_SEP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")


def uncloze(text: str) -> str:
    """Anki cloze markup read as plain text: "{{c1::Naloxone::drug}} is …" → "Naloxone is …"."""
    return _CLOZE.sub(lambda m: m.group(1), text) if "{{" in text else text


def cloze_terms(front: str) -> list[str]:
    """What a cloze card hides: the card tests exactly those terms."""
    return [" ".join(m.group(1).split()) for m in _CLOZE.finditer(front)]


def sentence_case(name: str) -> str:
    """A name read at a sentence's start, with that capital dropped when the rest of the name
    shows it is no proper name: "Transfer RNA" → "transfer RNA", but "Adam Smith" stays.

    >>> sentence_case("Vitamin K epoxide reductase"), sentence_case("Adam Smith"), sentence_case("Helicase")
    ('vitamin K epoxide reductase', 'Adam Smith', 'Helicase')
    """
    words = name.split()  # "Bag Of Words model": the author capitalised it on purpose
    if len(words) > 1 and words[0][1:].islower() and not (words[1][:1].isupper() and words[1][1:].islower()):
        return name[0].lower() + name[1:]
    return name


def answer_names(front: str, answer: str, naming: bool = False) -> list[str]:
    """The things an identifying question's answer names ("Which enzyme …?" → "Helicase, which …").

    >>> answer_names("Which drugs need monitoring?", "Warfarin, digoxin and lithium.")
    ['Warfarin', 'digoxin', 'lithium']
    >>> answer_names("What is a loss?", "Warfarin")
    []
    """
    if not (naming or _IDENTIFY.search(front.strip()) or _BLANK.search(front)) or not answer.strip():
        return []
    first = re.sub(r"^(?:[-*•–—]+>?|\d+[.)])\s*", "", answer.strip())  # a list's first item
    lead = _LEAD_END.split(PAREN.sub(" ", first), maxsplit=1)[0]
    names = []
    one = _ONE.match(front.strip())  # "What principle …?" asks for one thing: "checks and balances"
    if one and (singular(one.group(1)) == one.group(1) or one.group(1) == "call") and "," not in lead:
        whole = strip_lead(CUT.sub("", lead.strip()))
        if 0 < len(tokens(whole)) <= 4 and not is_junk(whole) and not clause(whole):
            return [" ".join(whole.split())]
    for i, raw in enumerate(_ITEM_SEP.split(lead)):
        part = strip_lead(CUT.sub("", raw.strip()))
        # "Ribosomes, found free in …" and "Phagocytosis, a form of …" are no lists
        if i and (part != strip_lead(raw.strip()) or re.match(r"(?:a|an)\s", raw.strip(), re.IGNORECASE)):
            break
        if not part or len(tokens(part)) > 4 or is_junk(part) or clause(part):
            break
        names.append(" ".join(part.split()))
    return names
