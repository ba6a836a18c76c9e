"""The per-card pass: what each card's front and answer say is a concept.

Signals, each recorded on the concept for ``kbgen concepts --explain``:

``asked``      the subject of a question ("What is X?", "How do X work?", …)
``term``       the front of a term-style card (no question mark, a few words), or a term a title names
``titled``     a description under a label ("Kant: Pictorial philosophy"): a term only if other cards use it
``topic``      a label the deck repeats on its fronts that is a name ("Immanuel Kant: …")
``acronym``    "expansion (ACRO)" in text, or "What does ACRO stand for?" + its answer
``answer``     a short noun-phrase answer or list item; ``answered`` when it is the whole answer to a
               question asking for a name, which then describes it
``lone``       a one-word answer to a question asking for no name: a concept once on two cards
``named``      "the generator G", "can be called generators"
``emphasis``   a span the author emphasised, "*sensibility*"

A deck whose fronts are mostly terms is a glossary: its author already listed the concepts,
so only the fronts and acronyms count there. Everything here is generic English.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kbgen.extract.acronyms import abbreviates
from kbgen.extract.boilerplate import front_labels, split_labels
from kbgen.extract.candidates import Cand
from kbgen.extract.naming import answer_names, cloze_terms, sentence_case, uncloze
from kbgen.extract.phrases import answer_phrases, called, named_variables
from kbgen.extract.questions import (
    LEAD,
    PAREN,
    acronym_pairs,
    bare_term,
    boilerplate_suffix,
    clause,
    is_term_front,
    question_subject,
    split_pair,
    strip_lead,
    strip_suffix,
    term_parts,
)
from kbgen.extract.titles import ASPECTS, deck_bigrams, is_aspect, strip_math, title_terms
from kbgen.model import Card, Deck
from kbgen.text import VERBISH, is_acronym, is_adverb, is_junk, is_stopword, key_of, tokens


@dataclass
class Deckwise:
    """What one deck says about all its cards: the labels it repeats, whether it is a glossary."""
    glossary: bool = False
    bare: dict[str, Any] = field(default_factory=lambda: defaultdict(int))
    bigrams: set[tuple[str, str]] = field(default_factory=set)
    topics: dict[str, Any] = field(default_factory=dict)    # card id → the deck's topic labels on its front
    fields: dict[str, Any] = field(default_factory=dict)    # card id → field labels ("Name", "Year")
    whole: set[str] = field(default_factory=set)  # cards whose front is one emphasised term
    subjects: dict[str, Any] = field(default_factory=dict)  # card id → (subject, kind, aliases) of its question
    templates: set[str] = field(default_factory=set)  # "adverse effects": heads the deck asks "… of X" about


#: Markdown emphasis, "*term*" or "**term**"; not underscores, which code names use ("unique_ptr").
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=[^\s*])([^*\n]+?)(?<=[^\s*])\1(?![\w*])")


def deck_context(deck: Deck, fronts: dict[str, Any]) -> Deckwise:
    ctx = Deckwise()
    suffix = boilerplate_suffix([c.question for c in deck.cards])
    raw = {c.id: strip_suffix(c.question, suffix) for c in deck.cards}
    labels = front_labels(list(raw.values()))
    described = 0
    for card in deck.cards:
        topics, fields, rest = split_labels(raw[card.id], labels)
        if EMPHASIS.fullmatch(rest.strip()):  # "*Ideas of Pure Reason*": the author's own term
            ctx.whole.add(card.id)
        # in a question, an emphasised span is its subject, as a quoted one is: "What is a *maxim*?"
        fronts[card.id] = uncloze(EMPHASIS.sub(r"“\2”" if rest.rstrip().endswith("?") else r"\2", rest))
        ctx.topics[card.id], ctx.fields[card.id] = topics, fields
        if (topics or fields) and card.id not in ctx.whole:
            described += is_term_front(fronts[card.id])  # a description under a label, not a term
    terms = sum(is_term_front(fronts[c.id]) for c in deck.cards) - described
    ctx.glossary = terms * 5 >= len(deck.cards) * 3
    ctx.subjects = {c.id: found for c in deck.cards if not is_term_front(fronts[c.id])
                    and (found := question_subject(fronts[c.id]))}
    ctx.templates = _templates(s[0] for s in ctx.subjects.values())
    for card in deck.cards:
        ctx.bare[key_of(bare_term(fronts[card.id]))] += 1
    ctx.bigrams = deck_bigrams(deck.cards)
    return ctx


_HEAD_OF = re.compile(r"^(?P<w>[\w-]+(?: [\w-]+){0,2}) of (?P<y>.+)$", re.IGNORECASE)


def _templates(subjects: Iterable[str]) -> set[str]:
    """Heads the deck asks about many things with ("adverse effects of X", "clinical features of Y"):
    at least three subjects, about three different things, share the head."""
    objects: dict[str, set[str]] = defaultdict(set)
    for subject in subjects:
        if (m := _HEAD_OF.match(subject)):
            objects[m.group("w").lower()].add(key_of(m.group("y")))
    return {w for w, ys in objects.items() if len(ys) >= 3}


def _untemplate(subject: str, kind: str, templates: set[str]) -> tuple[str, str]:
    """"adverse effects of spironolactone" asks about spironolactone, and does not define it."""
    m = _HEAD_OF.match(subject)
    if m and (m.group("w").lower() in templates or is_aspect(m.group("w").split()[-1])):
        return strip_lead(m.group("y")), "about"
    return subject, kind


def _add(cands: dict[str, Cand], surface: str, signal: str, card: Card, *,
         asked: str | None = None, aliases: Iterable[str] = (), key: str | None = None) -> str | None:
    key = key or key_of(surface)
    noun = asked == "define" and surface.lower() in VERBISH  # "What is work?": a noun there
    # an author's own term or emphasis may be everyday words ("*good will*"), not only stopwords
    if not key or (is_stopword(surface) if signal in ("term", "emphasis") or noun else is_junk(surface)) \
            or "\\" in surface or len(surface.strip()) < 2:  # a formula's remains ("\\ and position of …", "K")
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


def collect(card: Card, front: str, cands: dict[str, Cand], ctx: Deckwise) -> None:
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
    elif (found := ctx.subjects.get(card.id)):
        subject, kind, aliases = found
        subject, kind = _untemplate(subject, kind, ctx.templates)
        if kind == "acronym" and is_acronym(subject) and card.answer.strip():
            first = card.answer.strip().split("\n")[0].strip(" .")
            aliases = [*aliases, first] if len(tokens(first)) <= 6 else aliases
            kind = "expansion"  # the expansion is an alias; a card explaining the idea defines it
        parts = split_pair(subject, conj=not ctx.glossary)
        for part in parts:
            if kind == "fact":  # "Judge Dredd's first name": a concept only if another card names it
                _add(cands, part, "fact", card, aliases=aliases)
            else:
                _add(cands, part, "asked", card, asked=kind if len(parts) == 1 else "compare", aliases=aliases)
    text = front + "\n" + card.answer
    for expansion, acro in acronym_pairs(text):
        if not ctx.glossary or expansion == bare_term(front):
            _add(cands, expansion, "acronym", card, aliases=[acro])
    if not ctx.glossary:
        _collect_answer(card, front, text, cands, naming=any(f.lower() in NAMING for f in ctx.fields.get(card.id, ())))


#: Lettered options in a question: "… A) Batman B) Captain America C) Thor".
CHOICES = re.compile(r"(?:^|\s)\(?A[).]\s+\S.*?\s\(?B[).]\s+\S", re.DOTALL)
#: Field labels that ask for a name: "Name: laws originating outside us" → "Heteronomous".
NAMING = frozenset({"name", "term", "word"})


_KIND_OF = re.compile(r"\b(?:what|which) (?:type|kind|sort|class) of (?:[\w/-]+ ){0,2}?(?:[\w-]+/)?(?P<head>[\w-]+) "
                      r"(?:is|are|was|were|does|do|did|would|will|can|could|should|provides?|accepts?|allows?|"
                      r"prohibits?)\b", re.IGNORECASE)


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
    if whole and " " in names[0] and names[0].split()[0].lower().endswith("ing") and names[0][:1].isupper():
        return  # "Authenticating future requests" answers with an action, not a name
    # the answer to a multiple-choice question is the right option, a fact of the quiz: an everyday
    # word is a concept when another card names it too ("A) A jock B) A nerd …" → "A nerd"); a
    # name ("Catwoman") keeps its place
    choice = CHOICES.search(front) is not None
    for i, name in enumerate(_kind_of(front, n) if whole else n for n in names):
        starts = i == 0 and card.answer.lstrip().startswith(name)
        fact = choice and name.islower()
        key = _add(cands, sentence_case(name) if starts else name,
                   "fact" if fact else "answered" if whole else "answer", card)
        if key and whole and not fact:
            cands[key].defines.append(("named", card.id))
    for phrase, signal in answer_phrases(card.answer):
        signal = "fact" if choice and phrase.islower() else signal
        # a whole answer of one lowercase word answering a question that asks for no name ("What is Irma's
        # profession?" "waitress") is a fact, not a term: it needs a second card ("lone", see
        # accept); a capitalised one may be a name ("Asok") and keeps its place
        lone = not names and signal == "answer" and len(tokens(card.answer)) == 1 and phrase.islower()
        _add(cands, phrase, "lone" if lone else signal, card)
    for m in EMPHASIS.finditer(card.answer):  # "*Sensibility* (passive ability …)": the author's term
        if len(tokens(m.group(2))) <= 4 and not clause(m.group(2)) and not is_adverb(m.group(2)):
            _add(cands, LEAD.sub("", m.group(2).strip(" .,;:")), "emphasis", card)  # "*good will*" keeps "good"
    for phrase in (*named_variables(text), *called(text)):
        _add(cands, phrase, "named", card)


#: Field labels that say the card describes the term that follows.
DESCRIBING = frozenset({"description", "definition", "meaning", "explanation"})


def _term_front(card: Card, front: str, cands: dict[str, Cand], ctx: Deckwise, signal: str,
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


