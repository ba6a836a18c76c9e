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


#: Canonical compact JSON, for hashing records into a key.
encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def digest(*parts: str) -> str:
    """A short hash of ``parts`` (for keys, not for the digests emit compares)."""
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
        self.memos: list[TextMemo] = []
        self.code = digest(str(FORMAT), code_version())
        self.site = digest(self.code, encode(index["decks"]), encode(tags))

    def page(self, path: str, key: Callable[[], Iterable[str]], render: Callable[[], str]) -> str | Reused:
        """The page's text, or :class:`Reused` when its key and file are as the last run left them."""
        return self._reuse(self.site, path, key, render)

    def file(self, path: str, key: Callable[[], Iterable[str]], render: Callable[[], str],
             own: str = "") -> str | Reused:
        """:meth:`page` for a file that reads no deck or tag (a concept's local graph): ``key``
        alone says what it shows; ``own`` (a hash of what only this file reads) is kept for
        :meth:`kept`."""
        return self._reuse(self.code, path, key, render, own)

    def same_inputs(self, name: str, key: str) -> bool:
        """Whether ``key`` (a hash of what a set of files reads) is the last run's for ``name``;
        kept for the next run either way."""
        key = digest(self.code, key)
        old, self.written[name] = self.stored.get(name), [key, ""]
        return old == [key, ""]

    def kept(self, path: str, render: Callable[[], str], own: str) -> Reused | None:
        """The file the last run wrote at ``path``, as :class:`Reused` with its key, when the
        manifest still lists it and what only it reads is still ``own`` (the caller knows that
        the inputs the files share did not change); else None."""
        old = self.stored.get(path)
        if not (isinstance(old, list) and len(old) == 3 and old[2] == own and self.manifest.get(path) == old[1]):
            return None
        self.written[path] = old
        self.reused += 1
        return Reused(old[1], render)

    def _reuse(self, scope: str, path: str, key: Callable[[], Iterable[str]],
               render: Callable[[], str], own: str = "") -> str | Reused:
        k = digest(scope, path, *key())
        old = self.stored.get(path)
        if isinstance(old, list) and len(old) >= 2 and old[0] == k and self.manifest.get(path) == old[1]:
            self.written[path] = old
            self.reused += 1
            return Reused(old[1], render)
        text = render()
        self.written[path] = [k, hashlib.sha256(text.encode("utf-8")).hexdigest(), *([own] if own else [])]
        return text

    def memo(self, name: str, scope: str, valid: Callable[[Any], bool]) -> TextMemo:
        """A :class:`TextMemo` in this build's cache, kept when the pages' keys are."""
        self.memos.append(TextMemo(self.cache, name, digest(self.code, scope), valid))
        return self.memos[-1]

    def save(self) -> None:
        """Keep this run's keys (after emit succeeded: then the manifest holds these digests)."""
        log.debug("%d page(s) reused without rendering", self.reused)
        if self.written != self.stored:
            store(self.cache, self.cache / f"{PAGES}.json", f"{FORMAT}", self.written)
        for memo in self.memos:
            memo.save()

    @cached_property
    def _cards(self) -> dict[str, str]:
        """Each card's record and its concepts' labels and aliases (links in its answer); not
        its line in the deck file, which no page shows and a line added above it changes."""
        heads = self._heads
        return {c["id"]: digest(encode({**c, "line": 0}), *(heads.get(x, "") for x in c["concepts"]))
                for c in self.index["cards"]}

    @cached_property
    def _heads(self) -> dict[str, str]:
        """What other pages show of a concept: label, aliases, definition, asked cards."""
        return {c["id"]: digest(encode([c["label"], c["aliases"], c["definition"], c["asked"], c["url"]]))
                for c in self.index["concepts"]}

    @cached_property
    def _order(self) -> dict[str, int]:
        return {c["id"]: i for i, c in enumerate(self.index["cards"])}

    @cached_property
    def _links(self) -> dict[str, list[tuple[str, str, str]]]:
        """Each concept's links as (other end, the link's record, its first card), each link
        encoded once for both its ends."""
        cards = self._cards
        out: dict[str, list[tuple[str, str, str]]] = {}
        for link in self.index["links"]:
            text = encode(link)
            first = cards.get(link["cards"][0], "") if link["cards"] else ""
            out.setdefault(link["source"], []).append((link["target"], text, first))
            out.setdefault(link["target"], []).append((link["source"], text, first))
        return out

    def concept_key(self, c: ConceptRecord) -> Iterable[str]:
        cards, heads = self._cards, self._heads
        # not rank, community or position: the page shows none, and they move with any edit
        yield encode([c["id"], c["label"], c["aliases"], c["url"], c["cards"], c["asked"], c["definition"],
                       c["summary"]])
        ids = [*c["cards"], *([c["definition"]] if c["definition"] else [])]
        yield from (f"{cards.get(i, '')}:{self._order.get(i, -1)}" for i in ids)
        for other, link, first in self._links.get(c["id"], ()):
            yield f"{link}{heads.get(other, '')}{first}"

    def cards_key(self, deck: DeckRecord, n: int, card_ids: Iterable[str]) -> Iterable[str]:
        """A deck page's or a study page's: its deck (in the site part), page number and cards."""
        yield f"{deck['id']}:{n}"
        yield from (self._cards.get(i, "") for i in card_ids)


class TextMemo:
    """A page's per-text results kept across runs (``.kbgen-cache/<name>.json``), valid within
    ``scope`` (kbgen's code and the result's other inputs): one edited card computes one result."""

    def __init__(self, cache: Path, name: str, scope: str, valid: Callable[[Any], bool]) -> None:
        self.cache, self.path, self.scope, self.valid = cache, cache / f"{name}.json", scope, valid
        self.stored = load_entries(self.path, scope, "it is rebuilt")
        self.used: dict[str, Any] = {}

    def get(self, text: str, compute: Callable[[str], Any]) -> Any:
        key = digest(text)
        if key not in self.used:
            old = self.stored.get(key)
            # a value of the wrong type (a file edited by hand) is computed again
            self.used[key] = old if self.valid(old) else compute(text)
        return self.used[key]

    def save(self) -> None:
        if self.used != self.stored:  # only this run's texts: entries of deleted cards go
            store(self.cache, self.path, self.scope, self.used)
