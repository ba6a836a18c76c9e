"""Cards → concepts: signals, normalisation, aliases and merging.

Signals, each recorded on the concept for ``kbgen concepts --explain``:

``asked``      the subject of a question ("What is X?", "How do X work?", …)
``term``       the front of a term-style card (no question mark, a few words)
``acronym``    "expansion (ACRO)" in text, or "What does ACRO stand for?" + its answer
``answer``     a short noun-phrase answer or list item
``named``      "the generator G", "can be called generators"
``recurring``  a multi-word phrase found in several cards

Everything here is generic English; no field's vocabulary is built in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kbgen.model import Card, CardId, Concept, ConceptId, Deck
from kbgen.slugs import unique_slugs
from kbgen.text import GENERIC_NOUNS, STOPWORDS, is_acronym, is_junk, key_of, singular, tokens

_X = r"(?P<x>.+?)"
_END = r"\s*\??\s*(?:\([^()]*\))?\s*$"
QUESTION_PATTERNS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in [
    (rf"^what does {_X} stand for{_END}", "acronym"),
    (rf"^what (?:is|are) (?:the )?(?:general |main |basic |key )?(?:idea|intuition|purpose|goal|role|point) (?:behind|of) {_X}{_END}", "about"),
    (rf"^what (?:is|are) {_X} (?:used|good|needed) for{_END}", "about"),
    (rf"^what (?:is|are) (?:meant by |the meaning of |the definition of )?(?:the (?:concept|term|notion|idea) (?:of )?)?{_X}{_END}", "define"),
    (rf"^(?:define|explain|describe)(?: what)? {_X}{_END}", "define"),
    (rf"^what (?:kinds?|types?|sorts?|forms?|examples?) of {_X} (?:are there|exist){_END}", "about"),
    (rf"^how (?:do|does|did|can|could|would|should|is|are|was|were) {_X} (?:work|function|built?|designed|structured|trained|used|implemented|defined|computed|calculated|made){_END}", "about"),
    (rf"^how (?:can|could|do|does|should|would) (?:we|you|one|i|it|they) (?:avoid|prevent|improve|reduce|increase|handle|fix|detect|measure|get rid of|deal with|solve|use|calculate|compute|perform|achieve|overcome|mitigate) {_X}{_END}", "about"),
    (rf"^why (?:do|does|did|would|should) (?:we|you|one|i|they) (?:need|use|want) {_X}{_END}", "about"),
    (rf"^what (?:can|could) (?:you|we|one) do with {_X}{_END}", "about"),
    (rf"^what does {_X} (?:enable|do|mean|allow|represent|measure|describe|compute){_END}", "about"),
    (rf"^what (?:is|are) (?:one|a|some|the) (?:ways?|methods?|approach(?:es)?|techniques?) (?:to|of|for) (?:perform|do|achieve|implement|get|doing|performing)? ?{_X}{_END}", "about"),
    (rf"^what (?:is|are) the (?:difference|differences) between {_X}{_END}", "compare"),
]]
_CUT = re.compile(r"\s+(?:in|for|if|when|between|during|while|within|on|from|with|to|at|after|before|by|so|that|which)\s+.*$", re.IGNORECASE)
_OF = re.compile(r"^(?P<head>[\w-]+) of (?:the |a |an )?(?P<tail>[\w-]+)$", re.IGNORECASE)
_PAREN_ALIAS = re.compile(r"\(\s*(?:=|aka|a\.k\.a\.|also called|i\.e\.|ie)?\s*([^()]{1,40}?)\s*\)")
_QUOTED = re.compile(r"[“\"‘']([^”\"’']{2,40})[”\"’']")
_LEAD = re.compile(r"^(?:the|a|an|most|some|all|one|many|these|those|this|that|our|its|their|"
                   r"through|by|using|via|with)\s+", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-*•–—]+>?|\d+[.)]|→)\s*")
_ACRONYM_DEF = re.compile(r"(?<![\w-])((?:[\w-]+\s+){1,5}?[\w-]+)\s*\(\s*([A-Za-z][A-Za-z0-9-]{1,11}s?)\s*\)")
_NAMED_VAR = re.compile(r"\b(?:the\s+)?([a-z][a-z-]{3,})\s+([A-Z])\b(?!['’\w])")
_PLAIN = re.compile(r"^[^\W_]+(?:[\s'’-][^\W_]+){0,5}$")
_CALLED = re.compile(r"\b(?:can be|is|are|be) (?:called|named|known as|referred to as) ([\w -]{3,40}?)(?:[.,;:!?)]|$)", re.IGNORECASE)


@dataclass
class _Cand:
    surfaces: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    signals: set = field(default_factory=set)
    asked: list = field(default_factory=list)       # (card id, kind)
    cards: set = field(default_factory=set)


def clean_subject(text: str) -> tuple[str, list[str]]:
    """Strip articles, tails and parentheses from a question subject; return (subject, aliases)."""
    aliases = [m.group(1).strip() for m in _PAREN_ALIAS.finditer(text)]
    s = _PAREN_ALIAS.sub(" ", text)
    s = re.sub(r"[“”\"‘’]", "", s)
    s = _CUT.sub("", s.strip(" ?.:,;'"))
    while (m := _LEAD.match(s)):
        s = s[m.end():]
    if (m := _OF.match(s)) and m.group("tail").lower() not in STOPWORDS:
        s = f"{m.group('tail')} {m.group('head')}"
    return " ".join(s.split()), [a for a in aliases if not is_junk(a)]


def question_subject(question: str) -> tuple[str, str, list[str]] | None:
    """The concept a question asks about, its pattern kind, and aliases given in it."""
    q = " ".join(question.split())
    quoted = _QUOTED.search(q)
    for pattern, kind in QUESTION_PATTERNS:
        if (m := pattern.match(q)):
            x = quoted.group(1) if quoted else m.group("x")
            subject, aliases = clean_subject(x)
            if subject and not is_junk(subject):
                return subject, kind, aliases
    if quoted and not is_junk(quoted.group(1)):
        return quoted.group(1).strip(), "define", []
    return None


def acronym_pairs(text: str) -> Iterable[tuple[str, str]]:
    """("batch normalization", "BatchNorm") from "batch normalization (BatchNorm)"."""
    for m in _ACRONYM_DEF.finditer(text):
        acro = m.group(2)
        words = m.group(1).split()
        expansion = match_expansion(acro, words)
        if expansion:
            yield expansion, acro


def match_expansion(acro: str, words: list[str]) -> str | None:
    """The shortest tail of ``words`` whose initials spell the acronym's capitals."""
    base = acro[:-1] if acro.endswith("s") and acro[:-1].isupper() else acro
    caps = [ch.lower() for ch in base if ch.isupper() or ch.isdigit()]
    if len(caps) < 2 or not is_acronym(base):
        return None
    for k in range(2, min(6, len(words)) + 1):
        tail = words[-k:]
        initials = [w[0].lower() for w in tail if w.lower() not in STOPWORDS or w is tail[0]]
        if initials == caps and tail[0].lower() not in STOPWORDS:
            return " ".join(tail)
    return None


def answer_phrases(answer: str) -> Iterable[str]:
    """Short noun-phrase answer lines and list items ("- anomaly detection", "Through transfer learning")."""
    for line in answer.split("\n"):
        s = _LIST_MARK.sub("", line).strip(" .;:")
        while (m := _LEAD.match(s)):
            s = s[m.end():]
        toks = tokens(s)
        if 1 <= len(toks) <= 4 and _PLAIN.match(s) and not is_junk(s):
            if not any(t.lower() in STOPWORDS for t in toks):
                yield s


def extract_concepts(decks: list[Deck]) -> list[Concept]:
    """Return the decks' concepts, sorted by id, each backed by at least one card."""
    cards = [c for d in decks for c in d.cards]
    cands: dict[str, _Cand] = defaultdict(_Cand)
    for card in cards:
        _collect(card, cands)
    _recurring(cards, cands)
    accepted = _merge_aliases({k: c for k, c in cands.items() if _accept(c)}, cands)
    from kbgen.mentions import MentionIndex  # late import: mentions builds on this module's keys
    index = MentionIndex({k: _forms(c) for k, c in accepted.items()})
    for card in cards:
        for key in index.find(card.question + "\n" + card.answer):
            accepted[key].cards.add(card.id)
    return _finish(accepted)


def _add(cands: dict[str, _Cand], surface: str, signal: str, card: Card, *,
         asked: str | None = None, aliases: Iterable[str] = ()) -> str | None:
    key = key_of(surface)
    if not key or is_junk(surface):
        return None
    cand = cands[key]
    cand.surfaces[surface] += 1
    cand.signals.add(signal)
    cand.cards.add(card.id)
    cand.aliases.update(a for a in aliases if key_of(a) != key)
    if asked:
        cand.asked.append((card.id, asked))
    return key


def _collect(card: Card, cands: dict[str, _Cand]) -> None:
    q = card.question.strip()
    if not q.rstrip(")").rstrip().endswith("?") and 0 < len(tokens(q)) <= 6:
        subject, aliases = clean_subject(q)
        _add(cands, subject or q, "term", card, asked="define", aliases=aliases)
    elif (found := question_subject(q)):
        subject, kind, aliases = found
        if kind == "acronym" and is_acronym(subject) and card.answer.strip():
            first = card.answer.strip().split("\n")[0].strip(" .")
            aliases = [*aliases, first] if len(tokens(first)) <= 6 else aliases
            kind = "define"
        _add(cands, subject, "asked", card, asked=kind, aliases=aliases)
    text = q + "\n" + card.answer
    for expansion, acro in acronym_pairs(text):
        _add(cands, expansion, "acronym", card, aliases=[acro])
    for i, phrase in enumerate(answer_phrases(card.answer)):
        direct = i == 0 and card.answer.strip().split("\n")[0].strip().endswith(phrase)
        _add(cands, phrase, "answer" if direct or len(tokens(phrase)) > 1 else "item", card)
    for m in _NAMED_VAR.finditer(text):
        if m.group(1).lower() not in STOPWORDS | GENERIC_NOUNS and not m.group(1).endswith("ing"):
            _add(cands, m.group(1), "named", card)
    for m in _CALLED.finditer(text):
        phrase, _ = clean_subject(m.group(1))
        _add(cands, phrase, "named", card)


def _recurring(cards: list[Card], cands: dict[str, _Cand]) -> None:
    seen: dict[str, set[CardId]] = defaultdict(set)
    surface: dict[str, str] = {}
    for card in cards:
        for toks in (tokens(line) for line in (card.question + "\n" + card.answer).split("\n")):
            _ngrams(toks, card.id, seen, surface)
    for k, ids in seen.items():
        if len(ids) >= 2 or k in cands:
            c = cands[k]
            c.surfaces[surface[k]] += len(ids)
            c.cards.update(ids)
            if len(ids) >= 2:
                c.signals.add("recurring")


def _ngrams(toks: list[str], card_id: CardId, seen: dict[str, set[CardId]],
            surface: dict[str, str]) -> None:
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            gram = toks[i:i + n]
            low = [t.lower() for t in gram]
            if any(t in STOPWORDS or t in GENERIC_NOUNS or t.isdigit() for t in low):
                continue
            phrase = " ".join(gram)
            if is_junk(phrase):
                continue
            k = key_of(phrase)
            seen[k].add(card_id)
            surface.setdefault(k, phrase)


def _accept(c: _Cand) -> bool:
    if not c.surfaces:
        return False
    strong = {"asked", "term", "acronym", "answer"}
    return bool(c.signals & strong) or len(c.signals) >= 2 or (
        "recurring" in c.signals and len(c.cards) >= 2) or "named" in c.signals


def _merge_aliases(accepted: dict[str, _Cand], cands: dict[str, _Cand]) -> dict[str, _Cand]:
    """Fold a candidate into another when one is the other's alias (GAN ⇄ its expansion)."""
    parent = {k: k for k in accepted}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for k in sorted(accepted):
        for alias in sorted(accepted[k].aliases):
            ak = key_of(alias)
            if ak in accepted and root(ak) != root(k):
                a, b = sorted((root(ak), root(k)), key=lambda x: (tuple(-v for v in _rank(accepted[x])), x))
                parent[b] = a
    merged: dict[str, _Cand] = {}
    for k in sorted(accepted, key=lambda x: (root(x) != x, x)):
        r = root(k)
        if r == k:
            merged[k] = accepted[k]
            continue
        into, c = merged[r], accepted[k]
        into.aliases |= c.aliases | set(c.surfaces)
        into.signals |= c.signals
        into.asked += c.asked
        into.cards |= c.cards
    return merged


def _rank(c: _Cand) -> tuple[int, int]:
    """Which member of a merge names the concept: the one questions ask about, then the longer."""
    return (len(c.asked), max(len(s) for s in c.surfaces))


def _forms(c: _Cand) -> list[str]:
    return [*c.surfaces, *c.aliases]


def label_of(c: _Cand) -> str:
    """The most used spelling, in the singular, with its case kept."""
    best = sorted(c.surfaces.items(), key=lambda kv: (-kv[1], kv[0].lower() != kv[0], kv[0]))
    surface = best[0][0]
    for s, _ in best:  # prefer a spelling that keeps capitals (ResNet over resnet)
        if any(ch.isupper() for ch in s[1:]):
            surface = s
            break
    words = surface.split()
    words[-1] = singular(words[-1])
    return " ".join(words)


def _finish(accepted: dict[str, _Cand]) -> list[Concept]:
    labels = {k: label_of(c) for k, c in accepted.items() if c.cards}
    slugs = unique_slugs(labels.values())
    out = []
    for key, label in labels.items():
        c = accepted[key]
        aliases = sorted({a for a in c.aliases if key_of(a) != key and a != label}, key=str.lower)
        asked = sorted(c.asked, key=lambda a: (a[1] != "define", a[0]))
        out.append(Concept(
            id=ConceptId(slugs[label]), label=label, aliases=tuple(aliases),
            cards=tuple(sorted(c.cards)), definition=asked[0][0] if asked else None,
            asked=tuple(sorted({a[0] for a in asked})),
            signals=tuple(sorted(c.signals))))
    return sorted(out, key=lambda c: c.id)
