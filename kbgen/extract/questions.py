"""What a card is about: English question patterns, term-style fronts and acronym definitions.

Generic English only: the patterns name question shapes ("What is X?", "How can we avoid X?"),
never a field's vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kbgen.extract.acronyms import abbreviates, acronym_pairs, match_expansion
from kbgen.extract.apposition import about_name, after_do
from kbgen.text import MODIFIERS, STOPWORDS, VERBISH, is_adverb, is_common, is_junk, key_of, tokens

_X = r"(?P<x>.+?)"
_END = r"\s*[?.]?\s*(?:\([^()]*\))?\s*$"
_VERBS = (r"(?:avoid|prevent|improve|reduce|increase|handle|fix|detect|measure|get rid of|deal with|"
          r"solve|use|calculate|compute|perform|achieve|overcome|mitigate|interpret|choose|tune)")
#: Pattern kinds: "define" and "about" ask what X is or how it works; "use" (what X is for) and
#: "remedy" (how to avoid or improve X) ask about X without defining it, so they never give its
#: definition; "acronym" asks for an expansion, an alias rather than an explanation.
QUESTION_PATTERNS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in [
    (rf"^what does {_X} stand for{_END}", "acronym"),
    (rf"^what (?:is|are) (?:the )?(?:general |main |basic |key )?(?:idea|intuition|purpose|goal|role|point) (?:behind|of) {_X}{_END}", "define"),
    (rf"^what (?:is|are) {_X} (?:used|good|needed) for{_END}", "use"),
    (rf"^what (?:is|are) the (?:(?:main|chief|primary|biological|normal) )?(?:functions?|roles?|mechanism(?: of action)?|structure|significance|causes?|effects?|uses?|properties|features|characteristics|(?:\w+ )?(?:parts|stages|phases|steps|components|types|kinds|principles|tenets)) (?:of|behind) {_X}{_END}", "about"),
    (rf"^what (?:class|kind|type|sort|group|family) of \w+ (?:is|are) {_X}{_END}", "about"),
    (rf"^(?:which|what) [\w-]+ (?:does|do|did) {_X} (?:[a-z]+)(?: on| with| to| in| for| at| from)?{_END}", "about"),
    (rf"^who (?:first )?(?!is\b|are\b|was\b|were\b)[a-z]+ (?:of )?{_X}{_END}", "about"),
    (rf"^why (?:is|are|was|were) {_X} (?:described|called|considered|said|known|regarded|thought|seen|important|needed|used|useful)\b.*$", "about"),
    (rf"^when (?:did|does|do|was|were|is|are) {_X} (?:happen|occur|begin|start|end|take place|form|founded|signed|built|formed|established){_END}", "about"),
    (rf"^(?:when|why) (?:is|are|was|were) {_X} said to be (?P<adj>[a-z-]+){_END}", "about"),
    (rf"^when (?:should|would|do|does|can) (?:we|you|one|i|they) (?:use|choose|prefer|pick) {_X}{_END}", "use"),
    (rf"^what (?:is|are) (?:meant by |the meaning of |the definition of )?(?:the (?:concept|term|notion|idea) (?:of )?)?{_X}{_END}", "define"),
    (rf"^(?:define|explain|describe)(?: what)?(?: (?:is|are) meant by)? {_X}{_END}", "define"),
    (rf"^what (?:constitutes|characteri[sz]es|makes up) {_X}{_END}", "define"),
    (rf"^what do (?:you|we|they) mean by {_X}{_END}", "define"),
    (rf"^how (?:might|may|can|could|would|should|is|are|do|does) {_X} be used(?: in (?:a|an|the) \w+)?{_END}", "about"),
    (rf"^state (?:the )?{_X}{_END}", "about"),
    (rf"^what (?:kinds?|types?|sorts?|forms?|examples?) of {_X} (?:are there|exist){_END}", "about"),
    (rf"^how (?:do|does|did|can|could|would|should|is|are|was|were) {_X} (?:work|function|buil[dt]|designed|structured|trained|used|implemented|defined|computed|calculated|made){_END}", "about"),
    (rf"^how (?:can|could|do|does|should|would|is|are) {_X} be (?:improved|avoided|prevented|reduced|increased|measured|computed|calculated|detected|interpreted|chosen|tuned){_END}", "remedy"),
    (rf"^how (?:can|could|do|does|should|would) (?:we|you|one|i|it|they) {_VERBS} {_X}{_END}", "remedy"),
    (rf"^why (?:do|does|did|would|should) (?:we|you|one|i|they) (?:need|use|want) {_X}{_END}", "use"),
    (rf"^what (?:can|could) (?:you|we|one) do with {_X}{_END}", "use"),
    (rf"^what does {_X} (?:enable|do|mean|allow|represent|measure|describe|compute){_END}", "about"),
    (rf"^what (?:is|are) (?:one|a|some|the) (?:ways?|methods?|approach(?:es)?|techniques?) (?:to|of|for) (?:perform|do|achieve|implement|get|doing|performing)? ?{_X}{_END}", "use"),
    (rf"^what (?:is|are) the (?:difference|differences) between {_X}{_END}", "compare"),
]]
_CUT = re.compile(r"\s+(?:in|for|if|when|between|during|while|within|on|from|with|to|at|after|before|by|so|that|which|as|than)\s+.*$", re.IGNORECASE)
_DASH = re.compile(r"\s+[—–-]\s+|:\s+")
_OF = re.compile(r"^(?P<head>[\w-]+) of (?P<art>the|a|an) (?P<tail>[\w-]+(?: [\w-]+)?)$", re.IGNORECASE)
_PAREN = re.compile(r"\(\s*([^()]{1,60}?)\s*\)")
_EQ = re.compile(r"^(?:=\s*|(?:aka|a\.k\.a\.|also called|also known as|i\.e\.|ie|or)\s+)", re.IGNORECASE)
# a quoted or code span in a question is what it asks about: "How might `SELECT` be used?"
_QUOTED = re.compile(r"[“\"‘'`]([^”\"’'`]{2,40})[”\"’'`]")
LEAD = re.compile(r"^(?:the|a|an|most|some|all|one|two|three|four|five|many|these|those|this|that|our|its|their|"
                  r"through|by|using|via|with)\s+", re.IGNORECASE)
_PAIR = re.compile(r"\s+(?:vs\.?|versus|and|&|instead of|rather than)\s+", re.IGNORECASE)
_VS = re.compile(r"\s+(?:vs\.?|versus|instead of|rather than)\s+", re.IGNORECASE)
_COMPARE = re.compile(r"^(?:the )?(?:differences?|comparison|relationship)s? (?:between|of) ", re.IGNORECASE)
_ASKING = frozenset("what how why when where which who whom whose is are was were do does did can could "
                    "would should will shall may might must define explain describe".split())
#: Imperatives that ask only when a determiner follows: "Name the …" but the term "state".
_IMPERATIVE = re.compile(r"^(?:name|list|state|give|identify|outline|compare|contrast) "
                         r"(?:the|a|an|one|two|three|four|five|some|any|all|each)\b", re.IGNORECASE)
#: Shared with kbgen.extract.naming: a parenthesis, and a subject's trailing clause ("X in Y", "X for Y").
PAREN, CUT = _PAREN, _CUT
_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")


def strip_lead(s: str, names: bool = False) -> str:
    """Drop leading articles and evaluative modifiers ("the", "limited", "improper").

    With ``names``, ``s`` comes from mid-sentence, where a capital marks part of a name ("Big O").
    """
    while True:
        if (m := LEAD.match(s)):
            s = s[m.end():]
            continue
        first, _, rest = s.partition(" ")
        # "commonly used measures": an adverb and a participle qualify what follows
        qualifier = first.islower() and (is_adverb(first) or first in ("used", "called"))
        if rest and (first.lower() in MODIFIERS or qualifier) \
                and not (names and first[:1].isupper()):
            s = rest
            continue
        return s


#: Participles that end a reduced clause after a noun ("the action taken", "the range considered").
_PARTICIPLES = frozenset("taken given considered known done seen made used called formed created found".split())


_BETWEEN = re.compile(r"^(?:the )?(?:relationships?|differences?|comparison|link|correlation) between ", re.IGNORECASE)


def clean_subject(text: str) -> tuple[str, list[str]]:
    """Strip articles, tails and parentheses from a question subject; return (subject, aliases).

    >>> clean_subject("the Code (= bottleneck)")
    ('Code', ['bottleneck'])
    >>> clean_subject("capacity of the model")
    ('model capacity', [])
    """
    aliases = [_EQ.sub("", m.group(1)).strip() for m in _PAREN.finditer(text) if _EQ.match(m.group(1))]
    s = _PAREN.sub(" ", text)
    head, *rest = _DASH.split(s, maxsplit=1)  # "SGD — stochastic gradient descent"
    if rest and head.strip():
        s, aliases = head, [*aliases, rest[0].strip(" ?.")]
    s = re.sub(r"[“”\"‘’`]", "", s)
    s = _BETWEEN.sub("", s)  # "the relationship between A and B" asks about A and B
    s = _CUT.sub("", s.strip(" ?.:,;'"))
    s = s if re.match(r"^The [A-Z]", s) else strip_lead(s, names=True)  # a title: "The Wealth of Nations"
    if (m := _OF.match(s)) and m.group("tail").lower() not in STOPWORDS:
        # "capacity of the model" is the model's capacity; "half-life of a drug" is half-life
        s = m.group("head") if m.group("art").lower() != "the" else f"{m.group('tail')} {m.group('head')}"
    s = " ".join(s.split())
    if len(words := s.split()) > 1 and words[-1] in _PARTICIPLES:  # "the range of VLANs considered"
        return "", []  # a clause about something, which the rest of the question names
    # "What is hypertrophic cardiomyopathy (HCM)?": the parenthesis abbreviates the subject
    aliases += [p for m in _PAREN.finditer(text) if abbreviates(p := m.group(1).strip(), s)]
    return s, [a for a in aliases if not is_junk(a)]


def question_subject(question: str) -> tuple[str, str, list[str]] | None:
    """The concept a question asks about, its pattern kind, and aliases given in it.

    >>> question_subject("How can we avoid vanishing gradients?")
    ('vanishing gradients', 'remedy', [])
    >>> question_subject("By which two factors is the performance limited?") is None
    True
    """
    q = " ".join(question.split())
    if (first := re.match(r"^[^?]*\?", q)):  # "What is X? How does it work?" asks about X
        q = first.group(0)
    # "What is an ERD, and what does it do?" asks first about the ERD
    q = re.sub(r",\s*(?:and|or)\s+(?:what|how|why|when|where|which)\b.*$", "?", q, flags=re.IGNORECASE)
    if re.search(r"\bcalled\s*\?$", q):  # "What is the process … called?": the answer names it
        return None
    quoted = _QUOTED.search(q)
    for pattern, kind in QUESTION_PATTERNS:
        if (m := pattern.match(q)):
            x = quoted.group(1) if quoted else m.group("x")
            subject, aliases = clean_subject(x)
            if m.groupdict().get("adj") and subject:  # "When is demand said to be inelastic?"
                subject = f"{m.group('adj')} {subject}"
            if re.match(r"(?:the\s+)?(?:real |full |first |last )?(?:names?|titles?) of\b", x, re.IGNORECASE):
                return None  # "What is the name of Dilbert's coworker?" asks for a name: its answer
            subject = after_do(q, subject)
            subject, fact = about_name(subject) if not clause(subject) else (subject, False)
            # "Who played the title role …?" asks for a person; "title role" is its setting
            if fact or (q[:4].lower() == "who " and subject.islower() and all(map(is_common, subject.split()))):
                kind = "fact"
            # "What is mean of a distribution?": what a question defines is a noun, whatever else it can be
            noun = kind == "define" and subject.lower() in VERBISH
            if subject and (noun or not is_junk(subject)) and not clause(subject):
                return subject, kind, aliases
    if quoted and not is_junk(quoted.group(1)):  # "Why are we *autonomous* …?" is about, not what, X is
        return quoted.group(1).strip(), "about", []
    return None


def split_pair(subject: str, conj: bool = True) -> list[str]:
    """Two concepts asked about together: "RNN and LSTM", "L1 vs L2".

    >>> split_pair("Stemming and lemmatization")
    ['Stemming', 'lemmatization']
    >>> split_pair("Difference between joins", conj=False)
    ['joins']
    """
    subject = _COMPARE.sub("", subject)
    parts = [strip_lead(p.strip()) for p in (_PAIR if conj else _VS).split(subject)]
    if len(parts) == 2 and all(p and not is_junk(p) for p in parts):
        left, right = parts
        # "prokaryotic and eukaryotic cells": an adjective shares the noun that follows
        if " " not in left and left.islower() and len(right.split()) > 1 \
                and left.endswith(("ic", "al", "ar", "ous", "ive", "ent", "ant", "ory")):
            left = f"{left} {right.split()[-1]}"
        return [left, right]
    return [subject]


def clause(subject: str) -> bool:
    """A subject with a verb inside is a clause, not a name: "reason people use Python"."""
    low = [t.lower() for t in tokens(subject)]
    return len(low) > 2 and any(t in VERBISH and t not in ("mean", "means") for t in low[1:-1])


def is_term_front(front: str) -> bool:
    """A front that names a term rather than asking a question."""
    f = _TRAILING_PAREN.sub("", front.strip())
    if f.startswith("¿"):  # "¿Cómo estás?": a phrase in a language that opens its questions
        return 0 < len(tokens(f)) <= 6
    words = tokens(_PAREN.sub(" ", f))
    # "Would adding more data help" is a question that lost its question mark
    # "Pong was first installed at a school." is a statement to judge, not a term
    return bool(f) and not f.endswith("?") and 0 < len(words) <= 6 and words[0].lower() not in _ASKING \
        and not _IMPERATIVE.match(f) and not (f.endswith(".") and len(words) >= 4)


def boilerplate_suffix(fronts: Sequence[str]) -> str | None:
    """A trailing "(…)" shared by most fronts of a deck is a label for the deck, not the term.

    >>> boilerplate_suffix(["a (G)", "b (G)", "c (x) (G)", "d"])
    '(G)'
    """
    ends = Counter(f"({m.group(1)})" for f in fronts if (m := _TRAILING_PAREN.search(f)))
    if not ends:
        return None
    suffix, n = ends.most_common(1)[0]
    return suffix if n >= 3 and n * 2 > len(fronts) else None


def strip_suffix(front: str, suffix: str | None) -> str:
    f = front.strip()
    return f[: -len(suffix)].rstrip() if suffix and f.endswith(suffix) else f


def term_parts(front: str, clashing: bool) -> tuple[str, list[str]]:
    """(label, aliases) of a term front: "AUC (Area under the ROC Curve)" → ("AUC", [expansion]).

    A parenthesis that spells out or abbreviates the term is an alias; an identifier
    ("tf.data") is an alias; otherwise it qualifies the term, and is kept in the label only
    when another front has the same bare term ("bias (math)" next to "bias (ethics)").

    >>> term_parts("AUC (Area under the ROC Curve)", False)
    ('AUC', ['Area under the ROC Curve'])
    >>> term_parts("bias (math)", True)
    ('bias (math)', [])
    """
    inner = [m.group(1).strip() for m in _PAREN.finditer(front)]
    bare = " ".join(_PAREN.sub(" ", front).split())
    aliases, qualifiers = [], []
    for p in inner:
        p = _EQ.sub("", p)
        if abbreviates(p, bare) or abbreviates(bare, p) or re.fullmatch(r"[\w.]*[._][\w.]*", p):
            aliases.append(p)
        else:
            qualifiers.append(p)
    if clashing and qualifiers:
        return f"{bare} ({qualifiers[0]})", aliases
    return bare, aliases


def bare_term(front: str) -> str:
    return " ".join(_PAREN.sub(" ", front).split())


__all__ = [
    "QUESTION_PATTERNS",
    "acronym_pairs",
    "bare_term",
    "boilerplate_suffix",
    "clause",
    "clean_subject",
    "is_term_front",
    "key_of",
    "match_expansion",
    "question_subject",
    "split_pair",
    "strip_lead",
    "strip_suffix",
    "term_parts",
]
