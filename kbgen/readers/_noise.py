"""Deck-wide noise: what an author stamps on (nearly) every card says nothing about any one card.

Two kinds are found per deck, from the cards alone (no word lists):

- an **affix** every question shares, such as "… (Google Machine Learning Glossary)": it is
  left out of the card's ``title`` (headings, page titles, search entries), while the
  question itself keeps it;
- **boilerplate lines** repeated on most cards ("UPDATED 2020", "Answer"): listed on the
  deck, so that extraction leaves them out and ``kbgen parse`` can report them once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kbgen.model import Card, Deck

#: A deck needs this many cards before a shared question affix counts as noise.
MIN_CARDS = 5
AFFIX_SHARE = 0.9
LINE_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]{2,}")
_MAX_AFFIX = 80


def with_noise(deck: Deck) -> Deck:
    """The deck with its boilerplate lines and its cards' titles set."""
    if len(deck.cards) < MIN_CARDS:
        return replace(deck, boilerplate=boilerplate_lines(deck.cards))
    questions = [c.question for c in deck.cards]
    prefix, suffix = common_prefix(questions), common_suffix(questions)
    cards = tuple(_titled(c, prefix, suffix) for c in deck.cards) if prefix or suffix else deck.cards
    return replace(deck, cards=cards, affixes=(prefix, suffix), boilerplate=boilerplate_lines(deck.cards))


def _titled(card: Card, prefix: str, suffix: str) -> Card:
    q = card.question
    core = q[len(prefix):] if prefix and q.startswith(prefix) else q
    core = core[: len(core) - len(suffix)] if suffix and core.endswith(suffix) else core
    core = core.strip()
    return replace(card, title=core) if core and core != q else card


def common_suffix(questions: list[str]) -> str:
    """The longest ending, from a word boundary, that (nearly) every question shares.

    >>> common_suffix([f"Term {i} (Some Glossary)" for i in range(9)] + ["Other"])
    '(Some Glossary)'
    >>> common_suffix(["What is a?", "What is b?", "What is c?", "What is d?", "What is e?"])
    ''
    """
    return _affix([q[::-1] for q in questions], reverse=True)


def common_prefix(questions: list[str]) -> str:
    """The longest beginning, up to a word boundary, that (nearly) every question shares.

    >>> common_prefix([f"Glossary term: word{i}" for i in range(6)])
    'Glossary term: '
    """
    return _affix(questions, reverse=False)


def _affix(texts: list[str], *, reverse: bool) -> str:
    need = max(MIN_CARDS, AFFIX_SHARE * len(texts))
    # Cheap test first: without a shared first (last) word there is no affix, which keeps
    # big decks linear instead of counting every ending of every question.
    heads = Counter(t.split(" ", 1)[0] for t in texts)
    if not heads or heads.most_common(1)[0][1] < need:
        return ""
    counts: Counter[str] = Counter()
    for t in texts:
        ends = {t[:i] for i in range(2, min(len(t), _MAX_AFFIX)) if _boundary(t, i, reverse)}
        counts.update(ends)
    best = max((a for a, n in counts.items() if n >= need and _WORD.search(a)), key=len, default="")
    return best[::-1] if reverse else best


def _boundary(text: str, i: int, reverse: bool) -> bool:
    """A cut at ``i`` is set off by punctuation (``text`` is reversed for suffixes): a stamp
    reads "Term (Glossary)" or "Glossary: term", while "What is …" is the question itself."""
    if reverse:  # the suffix text[:i], read backwards, opens with "(", "[", "-" or "|"
        return text[i - 1] in "([-–—|" and text[i].isspace()
    return text[i - 1].isspace() and text[i - 2] in ":-–—|)]"


#: "Label: rest" with a short label: a few words, no sentence punctuation.
_LABEL = re.compile(r"^\s*([^\W\d_][^:?!.\n]{0,40}?)\s*:\s+(?=\S)")
#: A line shared by at least this share of a deck's cards (and by three cards) is boilerplate.
LINE_SHARE = 0.4


def signature(line: str) -> str:
    """Lines that differ only in what follows a short label are one line: "Reference: Cisco
    guide, Page 6" and "Reference: https://…" share "reference:".

    >>> signature("Reference: Cisco guide, Page 6"), signature("  UPDATED   2020 ")
    ('reference:', 'updated 2020')
    """
    if (m := _LABEL.match(line)) and len(m.group(1).split()) <= 3:
        return m.group(1).strip().lower() + ":"
    return " ".join(line.lower().split())


def boilerplate_lines(cards: tuple[Card, ...]) -> tuple[str, ...]:
    """Signatures of the answer lines a deck repeats on most cards (at least 40 %, and three).

    A card whose answer is one line says only that: a deck answering "True" on many cards
    is giving answers, not stamping them.

    >>> cards = tuple(Card(id="", question=f"Q{i}", answer=f"A{i}\\nUPDATED 2020", line=i) for i in range(6))
    >>> boilerplate_lines(cards)
    ('updated 2020',)
    """
    if len(cards) < 3:
        return ()
    seen: Counter[str] = Counter(sig for c in cards if "\n" in c.answer.strip()
                                 for sig in {signature(ln) for ln in c.answer.split("\n") if ln.strip()})
    need = max(3, LINE_SHARE * len(cards))
    return tuple(sorted(sig for sig, n in seen.items() if n >= need))
