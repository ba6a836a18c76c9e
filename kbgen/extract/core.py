"""Cards → concepts: signals, normalisation, aliases and merging.

Signals, each recorded on the concept for ``kbgen concepts --explain``:

``asked``      the subject of a question ("What is X?", "How do X work?", …)
``term``       the front of a term-style card (no question mark, a few words)
``acronym``    "expansion (ACRO)" in text, or "What does ACRO stand for?" + its answer
``answer``     a short noun-phrase answer or list item
``named``      "the generator G", "can be called generators"
``recurring``  a multi-word phrase found in several cards, with at least one uncommon word
``rare``       a word rare in general English (wordfreq) used in several cards, or very rare
``sibling``    "X model" next to an asked "diffusion model": same head, uncommon modifier
``proper``     a capitalised name in three definitions of a glossary ("World War II")
``config``     added in ``kbgen.yml``

A deck whose fronts are mostly terms is a glossary: its author already listed the concepts,
so only the fronts and acronyms count there. Everything here is generic English.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kbgen.extract.boilerplate import front_labels, split_labels, strip_boilerplate
from kbgen.extract.candidates import WEAK, Cand, accept, fold, label_of
from kbgen.config import Config
from kbgen.extract.mentions import MentionIndex
from kbgen.model import Card, Concept, ConceptId, Deck
from kbgen.extract.phrases import NAME_ZIPF, NOT_A_NAME, answer_phrases, called, named_variables, ngram_signals, proper_names
from kbgen.extract.naming import answer_names, cloze_terms, sentence_case, uncloze
from kbgen.extract.questions import (LEAD, PAREN, abbreviates, acronym_pairs, clause, strip_lead, bare_term, boilerplate_suffix, is_term_front, question_subject,
                             split_pair, strip_suffix, term_parts)
from kbgen.extract.titles import ASPECTS, deck_bigrams, strip_math, title_terms
from kbgen.slugs import unique_slugs
from kbgen.text import is_acronym, is_adverb, is_common, is_junk, is_stopword, key_of, tokens


def extract_concepts(decks: list[Deck], config: Config | None = None) -> list[Concept]:
    """Return the decks' concepts, sorted by id, each backed by at least one card."""
    config = config or Config()
    decks = [strip_boilerplate(d) for d in decks]
    cands: dict[str, Cand] = defaultdict(Cand)
    prose: list[Card] = []
    fronts: dict = {}
    for deck in decks:
        ctx = _context(deck, fronts)
        for card in deck.cards:
            _collect(card, fronts[card.id], cands, ctx)
        if not ctx.glossary:
            prose.extend(deck.cards)
    ngram_signals(prose, cands)
    names = _names(decks, fronts, cands)
    accepted = {k: c for k, c in cands.items() if accept(c)}
    accepted = fold(config.apply(_surnames(accepted, names)))
    _mentions([c for d in decks for c in d.cards], fronts, accepted)
    return _finish(accepted, config)


@dataclass
class _Deckwise:
    """What one deck says about all its cards: the labels it repeats, whether it is a glossary."""
    glossary: bool = False
    bare: dict = field(default_factory=lambda: defaultdict(int))
    bigrams: set = field(default_factory=set)
    topics: dict = field(default_factory=dict)    # card id → the deck's topic labels on its front
    fields: dict = field(default_factory=dict)    # card id → field labels ("Name", "Year")
    whole: set = field(default_factory=set)       # cards whose front is one emphasised term


#: Markdown emphasis, "*term*" or "**term**"; not underscores, which code names use ("unique_ptr").
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=[^\s*])([^*\n]+?)(?<=[^\s*])\1(?![\w*])")


def _context(deck: Deck, fronts: dict) -> _Deckwise:
    ctx = _Deckwise()
    suffix = boilerplate_suffix([c.question for c in deck.cards])
    raw = {c.id: strip_suffix(c.question, suffix) for c in deck.cards}
    labels = front_labels(list(raw.values()))
    described = 0
    for card in deck.cards:
        topics, fields, rest = split_labels(raw[card.id], labels)
        if _EMPHASIS.fullmatch(rest.strip()):  # "*Ideas of Pure Reason*": the author's own term
            ctx.whole.add(card.id)
        # in a question, an emphasised span is its subject, as a quoted one is: "What is a *maxim*?"
        fronts[card.id] = uncloze(_EMPHASIS.sub(r"“\2”" if rest.rstrip().endswith("?") else r"\2", rest))
        ctx.topics[card.id], ctx.fields[card.id] = topics, fields
        if (topics or fields) and card.id not in ctx.whole:
            described += is_term_front(fronts[card.id])  # a description under a label, not a term
    terms = sum(is_term_front(fronts[c.id]) for c in deck.cards) - described
    ctx.glossary = terms * 5 >= len(deck.cards) * 3
    for card in deck.cards:
        ctx.bare[key_of(bare_term(fronts[card.id]))] += 1
    ctx.bigrams = deck_bigrams(deck.cards)
    return ctx


def _add(cands: dict[str, Cand], surface: str, signal: str, card: Card, *,
         asked: str | None = None, aliases: Iterable[str] = (), key: str | None = None) -> str | None:
    key = key or key_of(surface)
    if not key or (is_stopword(surface) if signal == "term" else is_junk(surface)):
        return None
    cand = cands[key]
    cand.surfaces[surface] += 1
    cand.signals.add(signal)
    if signal == "term":
        cand.written.add(surface)
    cand.cards.add(card.id)
    cand.aliases.update(a for a in aliases if key_of(a) != key and not is_junk(a))
    if asked:
        cand.asked.append((card.id, asked))
    return key


def _collect(card: Card, front: str, cands: dict[str, Cand], ctx: _Deckwise) -> None:
    for topic in ctx.topics.get(card.id, ()):
        _add(cands, topic, "topic", card)
    if (cloze := cloze_terms(card.question)):  # a cloze card tests what it hides
        for term in cloze:
            _add(cands, sentence_case(term) if card.question.startswith("{{") else term, "asked", card,
                 asked="about")
    elif is_term_front(front):
        # under a label, the rest describes the card ("Year: Birth of Kant") unless the label names an
        # aspect of a term ("Examples: Analytic a priori knowledge") or the author emphasised it
        fields = [f.lower() for f in ctx.fields.get(card.id, ())]
        termlike = card.id in ctx.whole or any(f in ASPECTS or f in DESCRIBING for f in fields)
        described = (ctx.topics.get(card.id) or fields) and not termlike
        kind = "about" if any(f in ASPECTS for f in fields) else "define"
        _term_front(card, front, cands, ctx, "titled" if described else "term", kind)
    elif (found := question_subject(front)):
        subject, kind, aliases = found
        if kind == "acronym" and is_acronym(subject) and card.answer.strip():
            first = card.answer.strip().split("\n")[0].strip(" .")
            aliases = [*aliases, first] if len(tokens(first)) <= 6 else aliases
            kind = "expansion"  # the expansion is an alias; a card explaining the idea defines it
        parts = split_pair(subject, conj=not ctx.glossary)
        for part in parts:
            _add(cands, part, "asked", card, asked=kind if len(parts) == 1 else "compare", aliases=aliases)
    text = front + "\n" + card.answer
    for expansion, acro in acronym_pairs(text):
        if not ctx.glossary or expansion == bare_term(front):
            _add(cands, expansion, "acronym", card, aliases=[acro])
    if not ctx.glossary:
        _collect_answer(card, front, text, cands, naming=any(f.lower() in NAMING for f in ctx.fields.get(card.id, ())))


#: Field labels that ask for a name: "Name: laws originating outside us" → "Heteronomous".
NAMING = frozenset({"name", "term", "word"})


_KIND_OF = re.compile(r"\b(?:what|which) (?:type|kind|sort|class) of (?:[\w/-]+ ){0,2}?(?:[\w-]+/)?(?P<head>[\w-]+) (?:is|are|was|were|"
                      r"does|do|did|would|will|can|could|should|provides?|accepts?|allows?|prohibits?)\b", re.IGNORECASE)


def _kind_of(front: str, name: str) -> str:
    """"What type of hypervisor …?" → "Type 1" names a "Type 1 hypervisor"; "AS-PATH ACLs" already
    names its kind."""
    m = _KIND_OF.search(front)
    if not m or key_of(m.group("head")) in {key_of(t) for t in tokens(name)}:
        return name
    return f"{name} {m.group('head').lower()}"


def _collect_answer(card: Card, front: str, text: str, cands: dict[str, Cand], naming: bool) -> None:
    first = strip_lead(" ".join(PAREN.sub(" ", card.answer.strip().split("\n")[0]).split()).strip(" .!"))
    names = answer_names(front, card.answer, naming=naming)
    if not names and _KIND_OF.search(front) and 0 < len(tokens(first)) <= 4:
        names = [first]  # "What type of hypervisor …?" "Type 1"
    # the whole short answer to a question asking for a name: the question describes it, and an
    # everyday phrase ("checks and balances") is a concept when a question asks for it by name
    whole = len(names) == 1 and key_of(names[0]) == key_of(first)
    for i, name in enumerate(_kind_of(front, n) for n in names):
        starts = i == 0 and card.answer.lstrip().startswith(name)
        key = _add(cands, sentence_case(name) if starts else name, "answered" if whole else "answer", card)
        if key and whole:
            cands[key].defines.append(("named", card.id))
    for phrase, signal in answer_phrases(card.answer):
        _add(cands, phrase, signal, card)
    for m in _EMPHASIS.finditer(card.answer):  # "*Sensibility* (passive ability …)": the author's term
        if len(tokens(m.group(2))) <= 4 and not clause(m.group(2)) and not is_adverb(m.group(2)):
            _add(cands, LEAD.sub("", m.group(2).strip(" .,;:")), "emphasis", card)  # "*good will*" keeps "good"
    for phrase in (*named_variables(text), *called(text)):
        _add(cands, phrase, "named", card)


#: Field labels that say the card describes the term that follows.
DESCRIBING = frozenset({"description", "definition", "meaning", "explanation"})


def _term_front(card: Card, front: str, cands: dict[str, Cand], ctx: _Deckwise, signal: str,
                kind: str = "define") -> None:
    """A term front names one term, or titles several ("Kinetic and potential energy")."""
    bare = bare_term(strip_math(front))
    parts = title_terms(bare, ctx.bigrams)
    if parts and len(parts) == 2 and abbreviates(parts[1], parts[0]):
        parts, aliases = parts[:1], parts[1:]  # "Lattice energy, LE"
    else:
        aliases = []
    if parts and parts != [bare_term(front)]:
        for part in parts:
            _add(cands, part, signal, card, asked=kind if len(parts) == 1 else "compare", aliases=aliases)
        return
    label, aliases = term_parts(front, ctx.bare[key_of(bare_term(front))] > 1)
    key = _add(cands, label, signal, card, asked=kind, aliases=aliases)
    if key and label != bare_term(front):
        cands[key].aliases.add(bare_term(front))
        cands[key].qualified = True


def _names(decks: list[Deck], fronts: dict, cands: dict[str, Cand]) -> set[str]:
    """Cards name things they have no card about ("World War II", "Hume"): a capitalised name in
    several cards is a concept too. A single word must be rare in general English, so that a
    capitalised "Service" is no name; a glossary's definitions need three cards. Returns the
    single words seen capitalised inside a sentence."""
    seen: dict[str, set] = defaultdict(set)
    first: dict[str, str] = {}
    least: dict[str, int] = {}
    for deck in decks:
        glossary = all(is_term_front(fronts[c.id]) for c in deck.cards[:50])
        for card in deck.cards:
            text = card.answer if glossary else fronts[card.id] + "\n" + card.answer
            for name in proper_names(text, single=not glossary):
                name = name[4:] if name.startswith("The ") and name[4:].count(" ") else name  # "The Uncanny X-Men"
                k = key_of(name)
                seen[k].add(card.id)
                first.setdefault(k, name)
                least[k] = min(least.get(k, 9), 3 if glossary else 2)
    for k, ids in seen.items():
        if len(ids) < least[k]:
            continue
        if not (k in cands and cands[k].signals):
            cands[k].surfaces[first[k]] += len(ids)
            cands[k].cards.update(ids)
        cands[k].signals.add("proper")  # a short answer "The X-Men" is a name, not everyday words
    return {k for k, name in first.items() if " " not in name}


#: An answer line that says what X is: "X is …", "- *X* (passive ability …)", "1) A priori: known …".
_COPULA = re.compile(r"^[ \t]*(?P<item>[-*•][ \t]*|\d+[.)][ \t]*)?(?P<x>[^\n.,;:()*]{2,60}?)[ \t]*"
                     r"(?:[ \t](?:is|are)[ \t](?!\w+(?:ed|en)[ \t](?!as\b))|[ \t](?:refers to|means|denotes)[ \t]"
                     r"|:[ \t]|[ \t][-–—][ \t]|(?P<paren>[ \t]\())", re.IGNORECASE | re.MULTILINE)


#: Signals that read a name in the cards rather than a term.
NAMED = frozenset({"proper", "topic", "answer", "named"})


def _name_word(w: str) -> bool:
    """Shaped like a name: "Kant", "Gottfried"; not "Weighted", "Clustering", "Squares"."""
    return w.isalpha() and w[0].isupper() and w[1:].islower() and not w.endswith(NOT_A_NAME + ("ing", "s"))


def _surnames(accepted: dict[str, Cand], names: set[str]) -> dict[str, Cand]:
    """A person's name is also written by its last word ("Immanuel Kant" as "Kant") when the cards
    write that word alone, capitalised inside a sentence ("How does Kant …"), and no other name
    ends with it; "Linear Regression" is no name, as "regression" is written in lowercase."""
    last: dict[str, list[str]] = defaultdict(list)
    for k, c in accepted.items():
        words = label_of(c).split()
        # a name read in the cards, not a Title-Case term ("Weighted Alternating Least Squares")
        if c.signals & NAMED and not c.signals & {"term", "acronym"} and 2 <= len(words) <= 4 \
                and all(_name_word(w) or w in ("von", "van", "de", "da") for w in words) \
                and key_of(words[-1]) in names:
            last[words[-1]].append(k)
    for word, keys in last.items():
        if len(keys) == 1:
            accepted[keys[0]].aliases.add(word)
    return accepted


def _mentions(cards: list[Card], fronts: dict, accepted: dict[str, Cand]) -> None:
    """Every card that mentions a concept backs it; an answer that says what it is may define it."""
    index = MentionIndex({k: c.forms() for k, c in accepted.items()})
    for c in accepted.values():
        if c.signals <= WEAK:  # found only inside longer concepts: not a concept of its own
            c.cards.clear()
    formkey = {key_of(f): k for k, c in accepted.items() for f in c.forms()}
    for card in cards:
        for key in index.find(fronts[card.id] + "\n" + card.answer):
            accepted[key].cards.add(card.id)
        # an answer that opens "X is …" defines X ("A salt is defined as a compound …")
        for m in _COPULA.finditer(_EMPHASIS.sub(r"\2", card.answer)):
            # "X (…)" explains X only as a list item: mid-text, a parenthesis is an aside
            if (m.group("item") or not m.group("paren")) and (key := formkey.get(key_of(strip_lead(m.group("x"))))):
                # the answer's first line, or a list item, defines; a later line in passing less so
                first = m.group("item") or not card.answer[:m.start()].strip()
                accepted[key].defines.append(("copula" if first else "aside", card.id))
    for k in [k for k, c in accepted.items() if c.signals in ({"recurring"}, {"titled"}, {"emphasis"}) and len(c.cards) < 2
              or c.signals == {"emphasis"} and sum(c.surfaces.values()) < 2 and is_common(label_of(c), 4.0)]:
        # "recurring" means on its own in several cards, not inside longer concepts; a description
        # under a label ("Kant: His revolutionary suggestion") is a term only if other cards use it;
        # an everyday word stressed once ("*real*", "*end*") is emphasis, not a term
        del accepted[k]


def _specific(label: str, c: Cand) -> str:
    """An everyday word given a term-of-art alias is named by the alias ("Code (= bottleneck)")."""
    if " " in label or not is_common(label):
        return label
    rare = sorted(a for a in c.aliases if " " not in a and not is_common(a) and not is_acronym(a))
    if rare:
        c.aliases.add(label)
        return rare[0]
    return label


def _aliases(c: Cand, label: str) -> list[str]:
    """Other spellings, one per case-insensitive form (the lowercase one when both occur)."""
    out: dict[str, str] = {}
    for a in sorted(c.aliases, key=lambda a: (a.lower(), not a.islower(), a)):
        if key_of(a) != key_of(label):
            out.setdefault(a.lower(), a)
    return list(out.values())


#: Which card defines a concept, best first: a question or a front asking what it is, an answer
#: saying "X is …", a question whose short answer is X (it describes X), a question about how X
#: works, an expansion of X, a title or question naming X with others. A card asking what X is
#: for or how to avoid it, or one that merely names X, is no definition: then there is none.
DEFINING = {"define": 0, "copula": 1, "named": 2, "aside": 3, "about": 4, "expansion": 5, "compare": 6}


def _definition(c: Cand) -> str | None:
    ranked = [(DEFINING[kind], card) for card, kind in c.asked if kind in DEFINING]
    ranked += [(DEFINING[kind], card) for kind, card in c.defines]
    return min(ranked)[1] if ranked else None


def _finish(accepted: dict[str, Cand], config: Config) -> list[Concept]:
    labels = {k: config.rename.get(k) or _specific(label_of(c), c) for k, c in accepted.items() if c.cards}
    slugs = unique_slugs(labels.values())
    out = []
    for key, label in labels.items():
        c = accepted[key]
        aliases = _aliases(c, label)
        definition = _definition(c)
        out.append(Concept(
            id=ConceptId(slugs[label]), label=label, aliases=tuple(aliases),
            cards=tuple(sorted(c.cards)), definition=definition,
            asked=tuple(sorted({a[0] for a in c.asked})), signals=tuple(sorted(c.signals))))
    return sorted(out, key=lambda c: c.id)
