"""Renderers: content index → ``(doc path, text)``, one page type and one file at a time.
Nothing here writes a file: the writer takes each file as it comes and keeps none of them.

A :class:`PageType` declares everything the rest of kbgen needs to know about a kind of
page: its name, the function that renders it from the content index, the doc paths it owns
(globs from :mod:`kbgen.slugs`), the scripts and styles it needs on every page of the site,
and which of its pages are in the nav. :data:`PAGE_TYPES` lists kbgen's own in the order
their scripts and styles load; :func:`register` adds one from outside (CONTRIBUTING.md,
"Add a page type"). :func:`iter_site` runs them all and writes what they declared for
MkDocs into ``docs/.kbgen-mkdocs.json``, which the ``kbgen`` MkDocs plugin adds to the
config, so a new page type needs no edit to ``mkdocs.yml``.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from kbgen.contract import ContentIndex
from kbgen.errors import DuplicateOutputError
from kbgen.index import dumps
from kbgen.render.azindex import az_pages
from kbgen.render.gaps import render_gaps
from kbgen.render.graphdata import vis_network_js
from kbgen.render.graphpage import iter_graph_files
from kbgen.render.links import Linker
from kbgen.render.pages import iter_pages
from kbgen.render.reuse import PageReuse, Reused
from kbgen.render.study import iter_study
from kbgen.render.tags import all_tags, tags_page
from kbgen.slugs import (
    AZ_PAGES,
    CONCEPT_PAGES,
    CONCEPTS_INDEX,
    CONTENT_INDEX,
    DECK_PAGES,
    DECKS_INDEX,
    GAPS_PAGE,
    GRAPH_DATA,
    GRAPH_OPTIONS,
    GRAPH_PAGE,
    GRAPH_TOP,
    HOME,
    KATEX_AUTO_RENDER,
    KATEX_CSS,
    KATEX_DIR,
    KATEX_JS,
    LOCAL_GRAPHS,
    MKDOCS_EXTRA,
    STUDY_DATA,
    STUDY_PAGE,
    STUDY_PAGES,
    TAGS_PAGE,
    asset_path,
)

Files = dict[str, str | bytes]
#: A file as a renderer hands it on: text, bytes, or a page not rendered again (:class:`Reused`).
Content = str | bytes | Reused
Output = tuple[str, Content]


@dataclass(frozen=True)
class Site:
    """What every page type renders from: the content index and what the build knows of docs/."""

    index: ContentIndex
    #: False when ``index.md`` is hand-written: the home page is left to its owner.
    home: bool = True
    #: Given the tag anchors, what skips pages whose inputs did not change (none: render all).
    reuse_for: Callable[[dict[str, str]], PageReuse] | None = None
    #: Put the page types' ``unpublished`` files into the built site too (``--publish-index``).
    publish: bool = False

    @cached_property
    def tags(self) -> dict[str, str]:
        """{tag: anchor on the tags page}, found once per render for every page type."""
        return all_tags(self.index)

    @cached_property
    def linker(self) -> Linker:
        """Answer links, each concept's pattern compiled once for every page type."""
        return Linker({c["id"]: c for c in self.index["concepts"]})

    @cached_property
    def reuse(self) -> PageReuse | None:
        return self.reuse_for(self.tags) if self.reuse_for is not None else None


@dataclass(frozen=True)
class PageType:
    """A kind of generated page (or data), with everything MkDocs needs to know about it.

    ``paths`` are globs of every doc path ``render`` may return (a test holds each type to
    them); ``nav`` the ``(title, doc path)`` of its pages in the nav, its other pages being
    kept out of it; ``scripts`` and ``styles`` the doc paths of files it ships that every page
    loads (``extra_javascript``, ``extra_css``), in order; ``unpublished`` files it writes into
    docs/ for tools but keeps out of the built site unless the site publishes them.
    """

    name: str
    render: Callable[[Site], Mapping[str, Content] | Iterable[Output]]
    paths: tuple[str, ...]
    nav: tuple[tuple[str, str], ...] = ()
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    unpublished: tuple[str, ...] = ()


def package_assets(*names: str, binary: bool = False) -> Files:
    """kbgen's own files from ``kbgen/assets/`` at ``assets/kbgen/<name>``; a name may end in ``*``."""
    folder = resources.files("kbgen") / "assets"
    found = sorted(f.name for f in folder.iterdir() if f.is_file())
    out: Files = {}
    for name in names:
        for match in [f for f in found if f.startswith(name[:-1])] if name.endswith("*") else [name]:
            f = folder / match
            out[asset_path(match)] = f.read_bytes() if binary else f.read_text(encoding="utf-8")
    return out


def katex_files() -> dict[str, bytes]:
    """The vendored KaTeX (npm ``katex`` dist, MIT, see its LICENSE): no CDN. Scripts, stylesheet,
    licence and its WOFF2 fonts, as bytes."""
    out = {}
    for folder in (resources.files("kbgen") / "assets" / "katex",
                   resources.files("kbgen") / "assets" / "katex" / "fonts"):
        base = KATEX_DIR + ("/fonts" if folder.name == "fonts" else "")
        out.update({f"{base}/{f.name}": f.read_bytes() for f in folder.iterdir() if f.is_file()})
    return out


_SITE_SCRIPTS = ("kb-boot.js", "maths.js")
_STUDY_SCRIPTS = ("ts-fsrs.umd.js", "study-fsrs.js", "study-store.js", "study-cards.js", "study-due.js",
                  "study-progress.js", "study.js")

#: kbgen's page types. Their order is the order of the site's scripts and styles (the
#: site-wide ones first, then study's), and of the nav entries the plugin adds.
PAGE_TYPES: dict[str, PageType] = {t.name: t for t in (
    PageType("assets", lambda site: {**package_assets("kbgen.css", *_SITE_SCRIPTS), **katex_files()},
             paths=(asset_path("kbgen.css"), *map(asset_path, _SITE_SCRIPTS), f"{KATEX_DIR}/**"),
             styles=(asset_path("kbgen.css"), KATEX_CSS),
             scripts=(asset_path("kb-boot.js"), KATEX_JS, KATEX_AUTO_RENDER, asset_path("maths.js"))),
    # The data contract tools read in docs/; no page script does, so it stays out of the site
    # (2 KB a card) unless published.
    PageType("content_index", lambda site: {CONTENT_INDEX: dumps(site.index)}, paths=(CONTENT_INDEX,),
             unpublished=(CONTENT_INDEX,)),
    PageType("pages", lambda site: iter_pages(site.index, home=site.home, tags=site.tags, linker=site.linker,
                                              reuse=site.reuse),
             paths=(HOME, DECKS_INDEX, CONCEPTS_INDEX, DECK_PAGES, CONCEPT_PAGES),
             nav=(("Home", HOME), ("Decks", DECKS_INDEX), ("Concepts", CONCEPTS_INDEX))),
    PageType("a_to_z", lambda site: az_pages(site.index), paths=(AZ_PAGES,)),
    # The graph scripts are not on every page: the loader in a graph's box fetches them.
    PageType("graph", lambda site: itertools.chain(
        iter_graph_files(site.index, site.reuse), package_assets("graph*").items(),
        [(asset_path("vis-network.min.js"), vis_network_js())]),
             paths=(GRAPH_PAGE, GRAPH_DATA, GRAPH_TOP, GRAPH_OPTIONS, LOCAL_GRAPHS, asset_path("graph*.js"),
                    asset_path("vis-network.min.js")),
             nav=(("Graph", GRAPH_PAGE),)),
    PageType("study", lambda site: itertools.chain(
        iter_study(site.index, site.reuse),
        package_assets(*_STUDY_SCRIPTS, "ts-fsrs.LICENSE.txt").items()),
             paths=(STUDY_PAGE, STUDY_PAGES, STUDY_DATA, asset_path("study*.js"), asset_path("ts-fsrs.*")),
             nav=(("Study", STUDY_PAGE),), scripts=tuple(map(asset_path, _STUDY_SCRIPTS))),
    PageType("gaps", lambda site: render_gaps(site.index, site.reuse), paths=(GAPS_PAGE,), nav=(("Gaps", GAPS_PAGE),)),
    PageType("tags", lambda site: tags_page(site.index, site.tags), paths=(TAGS_PAGE,)),
)}


def register(page_type: PageType, *, before: str | None = None) -> None:
    """Add a page type before the one named ``before`` (else last); the same name again replaces it."""
    items = [(n, t) for n, t in PAGE_TYPES.items() if n != page_type.name]
    at = next((i for i, (n, _) in enumerate(items) if n == before), len(items))
    items.insert(at, (page_type.name, page_type))
    PAGE_TYPES.clear()  # in place: modules that imported PAGE_TYPES see the same registry
    PAGE_TYPES.update(items)


def unregister(name: str) -> None:
    PAGE_TYPES.pop(name, None)


def render_site(index: ContentIndex, *, home: bool = True, publish: bool = False,
                page_types: Iterable[PageType] | None = None) -> Files:
    """Every generated file, in memory: each page type's output, and what they declare for MkDocs."""
    return {p: t for p, t in iter_site(index, home=home, publish=publish, page_types=page_types)
            if not isinstance(t, Reused)}


def iter_site(index: ContentIndex, *, home: bool = True, reuse: Callable[[dict[str, str]], PageReuse] | None = None,
              publish: bool = False, page_types: Iterable[PageType] | None = None) -> Iterator[Output]:
    """:func:`render_site` one file at a time, for a writer that keeps none of them; ``reuse``
    (given the tag anchors) skips rendering pages whose inputs are unchanged. Each page type
    runs only when the one before it is written out, so at most one type's own lookups (and
    one page) are held beside the index."""
    site = Site(index, home, reuse, publish)
    types = list(PAGE_TYPES.values() if page_types is None else page_types)
    seen: set[str] = set()

    def produce(t: PageType) -> Iterator[Output]:
        out = t.render(site)
        for path, text in (out.items() if isinstance(out, Mapping) else out):
            seen.add(path)
            yield path, text

    return stream_outputs(**{t.name: functools.partial(produce, t) for t in types},
                          mkdocs=lambda: mkdocs_extra(types, seen, site.publish).items())


def mkdocs_extra(types: list[PageType], files: Container[str], publish: bool = False) -> Files:
    """``{MKDOCS_EXTRA: JSON}``: the page types' scripts and styles in order, each once; the nav
    entries of pages that were rendered; the globs of their other pages, kept out of the nav;
    their unpublished files, kept out of the site unless ``publish``."""
    nav = [{title: path} for t in types for title, path in t.nav if path in files]
    in_nav = {path for entry in nav for path in entry.values()}
    extra = {"extra_css": _once(p for t in types for p in t.styles),
             "extra_javascript": _once(p for t in types for p in t.scripts),
             "nav": nav,
             "not_in_nav": _once(f"/{p}" for t in types for p in t.paths if p.endswith(".md") and p not in in_nav),
             "exclude_docs": [] if publish else _once(f"/{p}" for t in types for p in t.unpublished if p in files)}
    return {MKDOCS_EXTRA: json.dumps(extra, indent=2, ensure_ascii=False) + "\n"}


def _once(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def stream_outputs(**producers: Callable[[], Iterable[tuple[str, Any]]]) -> Iterator[tuple[str, Any]]:
    """Each producer's files in turn, lazily; the same path from two producers is an error naming both."""
    owner: dict[str, str] = {}
    for name, produce in producers.items():
        for path, text in produce():
            if path in owner:
                raise DuplicateOutputError(f"{path} is produced by both {owner[path]} and {name}")
            owner[path] = name
            yield path, text


def merge_outputs(**producers: Mapping[str, Any]) -> dict[str, Any]:
    """Merge renderer outputs; the same path from two producers is an error naming both."""
    return dict(stream_outputs(**{name: files.items for name, files in producers.items()}))
