"""The passes after the cards are read: names across cards, surnames, mentions, definitions and
the final labels. ``kbgen.extract`` runs them in order."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Any

from kbgen.cardcache import CardCache, per_deck, scope_of
from kbgen.config import Config
from kbgen.extract.candidates import WEAK, Cand, label_of
from kbgen.extract.cards import EMPHASIS
from kbgen.extract.grams import NOT_A_NAME
from kbgen.extract.phrases import proper_names
from kbgen.extract.questions import is_term_front, strip_lead
from kbgen.mentions import MentionIndex
from kbgen.model import Card, CardId, Concept, ConceptId, Deck
from kbgen.slugs import unique_slugs
from kbgen.text import is_acronym, is_common, key_of, tokens


def find_names(decks: list[Deck], fronts: dict[str, Any], cands: dict[str, Cand],
               cache: CardCache | None = None, config: Config | None = None) -> set[str]:
    """Cards name things they have no card about ("World War II", "Hume"): a capitalised name in
    several cards is a concept too. A single word must be rare in general English, so that a
    capitalised "Service" is no name; a glossary's definitions need three cards. Returns the
    single words seen capitalised inside a sentence. ``cache`` keeps each deck's names."""
    seen: dict[str, set[CardId]] = defaultdict(set)
    first: dict[str, str] = {}
    least: dict[str, int] = {}
    openers: set[str] = set()  # the names lines open with, which proper_names leaves out
    stored = (cache or CardCache(None)).store("name-decks", scope_of(config))
    for deck in decks:
        names, fewest, opening = stored.share([[c.id, fronts[c.id], c.answer] for c in deck.cards], _valid_names,
                                              len(deck.cards), functools.partial(_deck_names, deck, fronts))
        for k, places, written, plain in names:
            seen[k].update([deck.cards[i].id for i in places])
            name = first.setdefault(k, written)
            if name.endswith("s") and plain is not None:
                first[k] = plain  # "Calvin" over "Calvins", a possessive whose apostrophe was dropped
            least[k] = min(least.get(k, 9), fewest)
        openers.update(opening)
    for k, name in first.items():  # "Emmett Kellys character" beside "Emmett Kelly died …"
        if name.endswith("s") and not name.endswith("ss") and name[:-1] in openers:
            first[k] = name[:-1]
    for k, ids in seen.items():
        if len(ids) < least[k]:
            continue
        if not (k in cands and cands[k].signals):
            cands[k].surfaces[first[k]] += len(ids)
            cands[k].cards.update(ids)
        cands[k].signals.add("proper")  # a short answer "The X-Men" is a name, not everyday words
    return {k for k, name in first.items() if " " not in name}


def _deck_names(deck: Deck, fronts: dict[str, Any]) -> list[Any]:
    """One deck's names: per key, the cards (by place) naming it, its first spelling and its first
    one not ending in "s"; how many cards a name needs there; the names its lines open with."""
    glossary = all(is_term_front(fronts[c.id]) for c in deck.cards[:50])
    names: dict[str, list[Any]] = {}
    openers: set[str] = set()
    for i, card in enumerate(deck.cards):
        text = card.answer if glossary else fronts[card.id] + "\n" + card.answer
        for name in proper_names(text, single=not glossary):
            name = name[name.index(" The ") + 1:] if " The " in name else name  # "Publishes The Critique …"
            name = name[4:] if name.startswith("The ") and name[4:].count(" ") else name  # "The Uncanny X-Men"
            k = key_of(name)
            e = names.setdefault(k, [k, [], name, None])
            if not e[1] or e[1][-1] != i:
                e[1].append(i)
            if e[3] is None and not name.endswith("s"):
                e[3] = name
        openers.update(m.group(0) for m in _OPENER.finditer(text))
    return [list(names.values()), 3 if glossary else 2, sorted(openers)]


def _valid_names(share: Any, size: int) -> bool:
    def entry(e: Any) -> bool:
        return type(e) is list and len(e) == 4 and type(e[0]) is str and type(e[1]) is list and bool(e[1]) \
            and {*map(type, e[1])} <= {int} and 0 <= min(e[1]) <= max(e[1]) < size and type(e[2]) is str \
            and (e[3] is None or type(e[3]) is str)

    return type(share) is list and len(share) == 3 and type(share[0]) is list and all(map(entry, share[0])) \
        and share[1] in (2, 3) and type(share[2]) is list and {*map(type, share[2])} <= {str}


_OPENER = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)+", re.MULTILINE)
#: An answer line that says what X is: "X is …", "- *X* (passive ability …)", "1) A priori: known …".
_COPULA = re.compile(r"^[ \t]*(?P<item>[-*•][ \t]*|\d+[.)][ \t]*)?(?P<x>[^\n.,;:()*]{2,60}?)[ \t]*"
                     r"(?:[ \t](?:is|are)[ \t](?!\w+(?:ed|en)[ \t](?!as\b))|[ \t](?:refers to|means|denotes)[ \t]"
                     r"|:[ \t]|[ \t][-–—][ \t]|(?P<paren>[ \t]\())", re.IGNORECASE | re.MULTILINE)


#: Signals that read a name in the cards rather than a term.
NAMED = frozenset({"proper", "topic", "answer", "named"})


def _name_word(w: str) -> bool:
    """Shaped like a name: "Kant", "Gottfried"; not "Weighted", "Clustering", "Squares"."""
    return w.isalpha() and w[0].isupper() and w[1:].islower() and not w.endswith(NOT_A_NAME + ("ing", "s"))


def surnames(accepted: dict[str, Cand], names: set[str]) -> dict[str, Cand]:
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


def _unsupported(c: Cand) -> bool:
    """Evidence that needs a second card: "recurring" means on its own in several cards, not inside
    longer concepts; a description under a label ("Kant: His revolutionary suggestion") is a term
    only if other cards use it; an everyday word stressed once ("*real*") is emphasis; an everyday
    answer named once ("waitress", "a movable laser cannon") is a fact, not a concept, while
    "checks and balances" comes back on other cards."""
    if c.signals in ({"recurring"}, {"titled"}, {"emphasis"}) and len(c.cards) < 2:
        return True
    if c.signals == {"emphasis"} and sum(c.surfaces.values()) < 2 and is_common(label_of(c), 4.0):
        return True
    label = label_of(c)  # "Bill of Rights" is a name: a capital inside it says so
    everyday = all(is_common(t) for t in tokens(label)) and not any(w[:1].isupper() for w in label.split()[1:])
    return c.signals <= {"answered", "answer", "item"} and everyday and len(c.cards) < 2


def mentions(decks: list[list[Card]], fronts: dict[str, Any], accepted: dict[str, Cand],
             cache: CardCache | None = None, config: Config | None = None) -> None:
    """Every card that mentions a concept backs it; an answer that says what it is may define it.

    What a text mentions depends on it and on the concepts' forms only: ``cache`` keeps it
    across runs while the forms stay the same, and each deck's share while its cards do."""
    forms = {k: c.forms() for k, c in accepted.items()}
    scope = scope_of(config, sorted((k, sorted(f)) for k, f in forms.items()))
    parts = _mention_parts(decks, fronts, forms, accepted, cache or CardCache(None), scope)
    for c in accepted.values():
        if c.signals <= WEAK:  # found only inside longer concepts: not a concept of its own
            c.cards.clear()
    formkey = {key_of(f): k for k, c in accepted.items() for f in c.forms()}
    for cards, part in zip(decks, parts, strict=True):
        for card, (keys, said) in zip(cards, part, strict=True):
            for key in keys:
                accepted[key].cards.add(card.id)
            for x, kind in said:
                if (key := formkey.get(x)):
                    accepted[key].defines.append((kind, card.id))
    for k in [k for k, c in accepted.items() if _unsupported(c)]:
        del accepted[k]


def _mention_parts(decks: list[list[Card]], fronts: dict[str, Any], forms: dict[str, list[str]],
                   accepted: dict[str, Cand], cache: CardCache, scope: str) -> list[list[Any]]:
    """Per deck, per card: the concepts its text mentions, and what its answer says is what."""
    def valid(keys: Any) -> bool:
        return isinstance(keys, list) and all(isinstance(k, str) and k in accepted for k in keys)

    def valid_part(part: Any, size: int) -> bool:
        return isinstance(part, list) and len(part) == size and all(
            isinstance(p, list) and len(p) == 2 and valid(p[0]) and isinstance(p[1], list)
            and all(isinstance(s, list) and len(s) == 2 and isinstance(s[0], str) and s[1] in ("copula", "aside")
                    for s in p[1]) for p in part)

    index = functools.cache(lambda: MentionIndex(forms))  # only when a deck must be searched

    def read(cards: list[Card], texts: Any) -> list[Any]:
        out = []
        for card in cards:
            text = fronts[card.id] + "\n" + card.answer
            found = texts.get(text, valid)
            out.append([texts.put(text, index().find(text)) if found is None else found, _said(card.answer)])
        return out

    return per_deck(cache, "mention", scope, decks, lambda c: [c.id, fronts[c.id], c.answer], valid_part, read)


def _said(answer: str) -> list[list[str]]:
    """An answer that opens "X is …" defines X ("A salt is defined as a compound …"): the keys of
    the X it says so of, each with how ("copula" or "aside")."""
    out = []
    for m in _COPULA.finditer(EMPHASIS.sub(r"\2", answer)):
        # "X (…)" explains X only as a list item: mid-text, a parenthesis is an aside
        if m.group("item") or not m.group("paren"):
            # the answer's first line, or a list item, defines; a later line in passing less so
            first = m.group("item") or not answer[:m.start()].strip()
            out.append([key_of(strip_lead(m.group("x"))), "copula" if first else "aside"])
    return out


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


def _definition(c: Cand) -> CardId | None:
    ranked = [(DEFINING[kind], card) for card, kind in c.asked if kind in DEFINING]
    ranked += [(DEFINING[kind], card) for kind, card in c.defines]
    return min(ranked)[1] if ranked else None


def finish(accepted: dict[str, Cand], config: Config) -> list[Concept]:
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
