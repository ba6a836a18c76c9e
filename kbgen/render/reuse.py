"""Pages not rendered again when nothing they show changed: a one-card edit renders a few pages.

Concept, deck and study pages are most of a site and most of its render time. Each gets a
*key*: a hash of every record the page reads (its concept or deck, the cards it shows with
the labels and aliases of their concepts, which the answer's links need, its links and their
concepts, the decks and the tag anchors, kbgen's code). ``.kbgen-cache/pages.json`` keeps
each page's key and the digest of what was written for it. When the key is unchanged and the
manifest still lists that digest, the page is handed to :func:`kbgen.emit.emit` as
:class:`Reused`: emit leaves the file alone, and renders it after all only if the file is not
what the manifest says (a run in between, a deleted file).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kbgen.cache import load_entries, store
from kbgen.cardcache import code_version
from kbgen.contract import ConceptRecord, ContentIndex, DeckRecord

log = logging.getLogger("kbgen")

#: Bump when a renderer starts to read a record it did not read before.
FORMAT = 1
PAGES = "pages"

@dataclass(frozen=True)
class Reused:
    """A file known by the digest the last run wrote (its inputs did not change); ``render``
    makes it should the file on disk not be that one."""
    digest: str
    render: Callable[[], str | bytes]


_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def _h(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class PageReuse:
    """Keys of pages, and what the last run wrote for each key."""

    def __init__(self, index: ContentIndex, tags: dict[str, str], cache: Path, manifest: dict[str, str]) -> None:
        self.index = index
        self.cache = cache
        self.manifest = manifest
        self.stored = load_entries(cache / f"{PAGES}.json", f"{FORMAT}", "every page is rendered")
        self.written: dict[str, list[str]] = {}
        self.reused = 0
        self.site = _h(str(FORMAT), code_version(), _encode(index["decks"]), _encode(tags))

    def page(self, path: str, key: Callable[[], Iterable[str]], render: Callable[[], str]) -> str | Reused:
        """The page's text, or :class:`Reused` when its key and file are as the last run left them."""
        k = _h(self.site, path, *key())
        old = self.stored.get(path)
        if isinstance(old, list) and len(old) == 2 and old[0] == k and self.manifest.get(path) == old[1]:
            self.written[path] = old
            self.reused += 1
            return Reused(old[1], render)
        text = render()
        self.written[path] = [k, hashlib.sha256(text.encode("utf-8")).hexdigest()]
        return text

    def save(self) -> None:
        """Keep this run's keys (after emit succeeded: then the manifest holds these digests)."""
        log.debug("%d page(s) reused without rendering", self.reused)
        if self.written != self.stored:
            store(self.cache, self.cache / f"{PAGES}.json", f"{FORMAT}", self.written)

    @cached_property
    def _cards(self) -> dict[str, str]:
        """Each card's record and its concepts' labels and aliases (links in its answer); not
        its line in the deck file, which no page shows and a line added above it changes."""
        heads = self._heads
        return {c["id"]: _h(_encode({**c, "line": 0}), *(heads.get(x, "") for x in c["concepts"]))
                for c in self.index["cards"]}

    @cached_property
    def _heads(self) -> dict[str, str]:
        """What other pages show of a concept: label, aliases, definition, asked cards."""
        return {c["id"]: _h(_encode([c["label"], c["aliases"], c["definition"], c["asked"], c["url"]]))
                for c in self.index["concepts"]}

    @cached_property
    def _order(self) -> dict[str, int]:
        return {c["id"]: i for i, c in enumerate(self.index["cards"])}

    @cached_property
    def _links(self) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        for link in self.index["links"]:
            out.setdefault(link["source"], []).append(link)
            out.setdefault(link["target"], []).append(link)
        return out

    def concept_key(self, c: ConceptRecord) -> Iterable[str]:
        cards, heads = self._cards, self._heads
        # not rank, community or position: the page shows none, and they move with any edit
        yield _encode([c["id"], c["label"], c["aliases"], c["url"], c["cards"], c["asked"], c["definition"],
                       c["summary"]])
        ids = [*c["cards"], *([c["definition"]] if c["definition"] else [])]
        yield from (f"{cards.get(i, '')}:{self._order.get(i, -1)}" for i in ids)
        for link in self._links.get(c["id"], ()):
            other = link["target"] if link["source"] == c["id"] else link["source"]
            yield f"{_encode(link)}{heads.get(other, '')}{cards.get(link['cards'][0], '') if link['cards'] else ''}"

    def cards_key(self, deck: DeckRecord, n: int, card_ids: Iterable[str]) -> Iterable[str]:
        """A deck page's or a study page's: its deck (in the site part), page number and cards."""
        yield f"{deck['id']}:{n}"
        yield from (self._cards.get(i, "") for i in card_ids)
