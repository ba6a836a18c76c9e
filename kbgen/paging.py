"""Page sizes: how a big deck or a long list becomes pages a browser opens quickly.

A deck page holds at most ``CARDS_PER_PAGE`` cards and about ``CHARS_PER_PAGE``
characters of card text, so no rendered page comes near 1 MB whatever the deck's
size. The split depends only on the cards' order and lengths, so editing one card's
text moves a page boundary only when that card's length crosses the budget.
"""

from __future__ import annotations

from collections.abc import Iterable

CARDS_PER_PAGE = 200
CHARS_PER_PAGE = 150_000
#: Concept lists longer than this get one A–Z page per initial instead of one page.
AZ_INLINE = 1_500
#: A concept page lists at most this many cards and related concepts; the deck pages
#: and the content index keep every one.
LIST_LIMIT = 100


def split(sizes: Iterable[tuple[str, int]], *, per_page: int = CARDS_PER_PAGE,
          budget: int = CHARS_PER_PAGE) -> list[list[str]]:
    """Group ``(id, size)`` pairs, in order, into pages of bounded count and size.

    >>> split([("a", 10), ("b", 10), ("c", 10)], per_page=2)
    [['a', 'b'], ['c']]
    >>> split([("a", 90), ("b", 20), ("c", 5)], budget=100)
    [['a'], ['b', 'c']]
    """
    pages: list[list[str]] = [[]]
    used = 0
    for key, size in sizes:
        if pages[-1] and (len(pages[-1]) >= per_page or used + size > budget):
            pages.append([])
            used = 0
        pages[-1].append(key)
        used += size
    return pages if pages[0] else []
