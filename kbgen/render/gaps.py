"""The knowledge-gaps page: a reviewer's to-do list, read from the content index alone.

It lists concepts that cards mention but no question asks about, cards with empty or
very short answers, duplicate and near-duplicate questions, orphan concepts (no link to
any other concept) and cards whose answer mentions no concept.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from kbgen.contract import ContentIndex
from kbgen.mentions import MentionIndex
from kbgen.render.markdown import escape
from kbgen.render.reuse import PageReuse, encode
from kbgen.slugs import GAPS_PAGE, concept_path, deck_path, md_link
from kbgen.text import STOPWORDS, singular, tokens

SHORT_ANSWER_WORDS = 3
NEAR_DUPLICATE = 0.8
GAPS_SHOWN = 300


def render_gaps(index: ContentIndex, reuse: PageReuse | None = None) -> dict[str, str]:
    """``gaps.md``; with ``reuse``, whether an answer names a concept is kept across runs."""
    return {GAPS_PAGE: gaps_page(index, reuse)}


def find_gaps(index: ContentIndex, reuse: PageReuse | None = None) -> dict[str, list[Any]]:
    """The five lists, as ids: concepts, cards, and (card, card, similarity) pairs."""
    linked = {e["source"] for e in index["links"]} | {e["target"] for e in index["links"]}
    forms = {c["id"]: [c["label"], *c["aliases"]] for c in index["concepts"]}
    names = _names_a_concept(forms, reuse)
    return {
        "unasked": [c["id"] for c in index["concepts"] if c["cards"] and not c["asked"]],
        "short": [c["id"] for c in index["cards"] if len(tokens(c["answer"])) < SHORT_ANSWER_WORDS],
        "duplicates": near_duplicates({c["id"]: c["question"] for c in index["cards"]}),
        "orphans": [c["id"] for c in index["concepts"] if c["id"] not in linked],
        "no_mention": [c["id"] for c in index["cards"]
                       if c["answer"].strip() and not names(c["answer"])],
    }


def _names_a_concept(forms: dict[str, list[str]], reuse: PageReuse | None) -> Callable[[str], bool]:
    """Whether a text mentions one of the concepts; with ``reuse``, answers searched by an earlier
    run with the same concepts' forms are not searched again (the search is most of this page)."""
    search = functools.cache(lambda: MentionIndex(forms))  # made on the first text not in the cache

    def find(text: str) -> bool:
        return bool(search().find(text))

    if reuse is None:
        return find
    memo = reuse.memo("gaps-mentions", encode(forms), lambda v: isinstance(v, bool))
    return lambda text: bool(memo.get(text, find))


def question_words(question: str) -> frozenset[str]:
    """Content words of a question: lowercase, singular, without English stopwords.

    >>> sorted(question_words("What are GANs used for?"))
    ['gan']
    """
    words = (t.lower() for t in tokens(question))
    return frozenset(singular(w) for w in words if w not in STOPWORDS)


def near_duplicates(questions: dict[str, str], *, threshold: float = NEAR_DUPLICATE
                    ) -> list[tuple[str, str, float]]:
    """Pairs of ids whose questions have Jaccard similarity ≥ ``threshold`` (content words).

    Prefix filtering keeps this far below quadratic: two sets can only reach the
    threshold if they share a word among the rarest few of each, so only ids that
    share such a word are compared.

    >>> near_duplicates({"a": "What is a GAN?", "b": "What are GANs?", "c": "What is ReLU?"})
    [('a', 'b', 1.0)]
    """
    sets = {k: question_words(q) for k, q in questions.items()}
    freq = Counter(w for s in sets.values() for w in s)
    buckets: dict[str, list[str]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for key in sorted(sets):
        words = sorted(sets[key], key=lambda w: (freq[w], w))
        prefix = len(words) - math.ceil(threshold * len(words)) + 1
        for w in words[:prefix]:
            pairs.update((min(o, key), max(o, key)) for o in buckets[w])
            buckets[w].append(key)
    out = []
    for a, b in sorted(pairs):
        sim = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if sim >= threshold:
            out.append((a, b, round(sim, 2)))
    return out


def gaps_page(index: ContentIndex, reuse: PageReuse | None = None) -> str:
    """Markdown for ``gaps.md``: counts first, then one section per kind of gap."""
    gaps = find_gaps(index, reuse)
    cards = {c["id"]: c for c in index["cards"]}
    concepts = {c["id"]: c for c in index["concepts"]}

    def card(cid: str) -> str:
        c = cards[cid]
        return f"[{escape(c['title'])}]({md_link(GAPS_PAGE, deck_path(c['deck'], c.get('page', 1)), c['anchor'])})"

    def concept(cid: str) -> str:
        return f"[{escape(concepts[cid]['label'])}]({md_link(GAPS_PAGE, concept_path(cid))})"

    sections = [
        ("Mentioned but never asked", "Concepts that cards mention but no question is about.",
         [f"- {concept(c)} ({_cards(len(concepts[c]['cards']))})" for c in gaps["unasked"]]),
        ("Empty or very short answers", f"Answers with fewer than {SHORT_ANSWER_WORDS} words.",
         [f"- {card(c)}: “{escape(cards[c]['answer']) or '(empty)'}”" for c in gaps["short"]]),
        ("Duplicate or near-duplicate questions",
         f"Question pairs sharing at least {NEAR_DUPLICATE:.0%} of their content words.",
         [f"- {card(a)} and {card(b)} ({sim:.0%})" for a, b, sim in gaps["duplicates"]]),
        ("Orphan concepts", "Concepts linked to no other concept.",
         [f"- {concept(c)}" for c in gaps["orphans"]]),
        ("Answers that mention no concept", "Cards whose answer names none of the concepts.",
         [f"- {card(c)}" for c in gaps["no_mention"]]),
    ]
    out = ['---\ntitle: "Knowledge gaps"\n---\n', "# Knowledge gaps\n",
           "A reviewer's to-do list: what the decks leave out, repeat or leave thin.\n"]
    out += [f"- [{title}](#{_anchor(title)}): **{len(items)}**" for title, _, items in sections]
    out.append("")
    for title, why, items in sections:
        # A 50,000-card site can have thousands of each; the page shows the first ones
        # and stays well under 1 MB, the counts above stay complete.
        more = [f"\n*… and {len(items) - GAPS_SHOWN} more.*"] if len(items) > GAPS_SHOWN else []
        out += [f"## {title} {{#{_anchor(title)}}}\n", why + "\n",
                "\n".join(items[:GAPS_SHOWN]) if items else "*Nothing to review.*", *more, ""]
    return "\n".join(out)


def _anchor(title: str) -> str:
    return "-".join(t.lower() for t in tokens(title))


def _cards(n: int) -> str:
    return f"{n} card{'s' if n != 1 else ''}"
