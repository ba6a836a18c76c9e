"""What the page renderers share: the lookups built once per index and each page's front matter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

from kbgen.contract import ConceptRecord, ContentIndex, LinkRecord
from kbgen.render.cardhtml import CardHtml, card_href
from kbgen.render.links import Linker
from kbgen.render.markdown import escape, escape_marked, meta_text
from kbgen.render.tags import all_tags
from kbgen.slugs import concept_path, md_link, page_href


class Context:
    """Lookups shared by the renderers, built once per index."""

    def __init__(self, index: ContentIndex, tags: dict[str, str] | None = None,
                 linker: Linker | None = None) -> None:
        self.index = index
        self.cards = {c["id"]: c for c in index["cards"]}
        self.concepts = {c["id"]: c for c in index["concepts"]}
        self.decks = {d["id"]: d for d in index["decks"]}
        self._tags = tags
        self.linker = linker or Linker(self.concepts)  # shared with the study pages when given
        self.html = CardHtml(self.linker)
        self.deck_order = {d["id"]: i for i, d in enumerate(index["decks"])}
        self.card_order = {c["id"]: i for i, c in enumerate(index["cards"])}
        self._asked: dict[str, frozenset[str]] = {}
        # A card or concept is linked from hundreds of pages, all in a few folders:
        # each link's Markdown is made once per folder.
        self._links: dict[tuple[str, str, str], str] = {}

    @cached_property
    def neighbours(self) -> dict[str, list[tuple[str, LinkRecord]]]:
        """Each concept's links; built on first use (the A–Z pages need none)."""
        out: dict[str, list[tuple[str, LinkRecord]]] = defaultdict(list)
        for link in self.index["links"]:
            out[link["source"]].append((link["target"], link))
            out[link["target"]].append((link["source"], link))
        return out

    @property
    def tags(self) -> dict[str, str]:
        """{tag: anchor on the tags page}: the caller's, or found on first use (A–Z pages need none)."""
        if self._tags is None:
            self._tags = all_tags(self.index)
        return self._tags

    def asked_set(self, concept_id: str) -> frozenset[str]:
        if (asked := self._asked.get(concept_id)) is None:
            asked = self._asked[concept_id] = frozenset(self.concepts[concept_id]["asked"])
        return asked

    def card_a(self, src: str, card_id: str) -> str:
        """A link to the card on its deck page, as HTML, for HTML kbgen writes itself."""
        key = ("card-a", src.rpartition("/")[0], card_id)
        if (link := self._links.get(key)) is None:
            card = self.cards[card_id]
            link = self._links[key] = f'<a href="{card_href(card, src)}">{escape_marked(card["title"])}</a>'
        return link

    def concept_a(self, src: str, concept_id: str) -> str:
        """:meth:`concept_link` as HTML."""
        key = ("concept-a", src.rpartition("/")[0], concept_id)
        if (link := self._links.get(key)) is None:
            link = self._links[key] = (f'<a href="{page_href(src, concept_path(concept_id))}">'
                                       f'{escape(self.concepts[concept_id]["label"])}</a>')
        return link

    def concept_link(self, src: str, concept_id: str) -> str:
        key = ("concept", src.rpartition("/")[0], concept_id)
        if (link := self._links.get(key)) is None:
            c = self.concepts[concept_id]
            link = f"[{escape(c['label'])}]({md_link(src, concept_path(concept_id))})"
            self._links[key] = link
        return link


def front_matter(title: str, *, tags: Sequence[str] = (), boost: float | None = None,
                 search: bool = True, description: str = "") -> str:
    # MkDocs themes print page.title and tags without autoescaping (<title>, header, nav,
    # search results), so they are escaped here, then quoted as YAML-safe strings.
    lines = ["---", f"title: {meta_text(title)}"]
    if description:  # the page's <meta name="description">, instead of the site's
        lines.append(f"description: {meta_text(' '.join(description.split())[:300])}")
    if tags:
        lines.append(f"tags: [{', '.join(meta_text(t) for t in tags)}]")
    if not search:  # link lists: every entry is findable on its own page already
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join(lines + ["---", "", ""])


def initials(concepts: list[ConceptRecord]) -> dict[str, list[ConceptRecord]]:
    """Concepts grouped by the upper-case initial of their label ("#" when not a letter)."""
    groups: dict[str, list[ConceptRecord]] = defaultdict(list)
    for c in sorted(concepts, key=lambda c: (c["label"].lower(), c["id"])):
        first = c["label"][:1].upper()
        groups[first if first.isalpha() else "#"].append(c)
    return groups


