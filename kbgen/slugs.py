"""All path and URL algebra: slugs, doc paths, site URLs and relative links.

Every page and file kbgen writes is named here, and only here (``tests/test_paths_module.py``
fails on a page-path literal anywhere else in ``kbgen/``): the fixed pages, the rules that
name the pages of a deck, a concept or a study unit, the files under ``assets/kbgen/``, and
the globs each page type declares it owns (``kbgen.render.PAGE_TYPES``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SYMBOL_WORDS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
MAX_SLUG = 60
#: Slugs a deck or concept may not take: ``decks/index.md`` is the Decks page and
#: ``concepts/index.md`` the A–Z page; the rest name folders and files MkDocs and its
#: search own, kept free so a page can never shadow them whatever the layout.
RESERVED = frozenset({"index", "assets", "search", "media", "tags", "404", "sitemap"})

# The fixed pages, relative to docs/.
HOME = "index.md"
DECKS_INDEX = "decks/index.md"
CONCEPTS_INDEX = "concepts/index.md"
GRAPH_PAGE = "graph.md"
STUDY_PAGE = "study.md"
GAPS_PAGE = "gaps.md"
TAGS_PAGE = "tags.md"
#: kbgen's scripts, styles and data on the site; KaTeX in ``katex/`` below it.
ASSET_DIR = "assets/kbgen"
KATEX_DIR = f"{ASSET_DIR}/katex"
KATEX_CSS = f"{KATEX_DIR}/katex.min.css"
KATEX_JS = f"{KATEX_DIR}/katex.min.js"
KATEX_AUTO_RENDER = f"{KATEX_DIR}/auto-render.min.js"
#: What the kbgen MkDocs plugin adds to the MkDocs config (scripts, styles, nav), written by
#: ``kbgen generate`` from the page types; a dot file, so MkDocs never copies it into the site.
MKDOCS_EXTRA = ".kbgen-mkdocs.json"
#: Build artefacts next to the docs folder (not in the site): the content index.
#: The stylesheet that draws Material's header icons (kbgen's theme overrides).
ICONS_CSS = "assets/kbgen-theme/kbgen-icons.css"
#: The script with the part of Material's page frame every page shares (a theme static template).
FRAME_JS = "assets/kbgen-theme/frame.js"

# Globs (``*`` within one folder, ``**`` across folders) of the pages with a rule below;
# a page type lists them as the paths it owns.
DECK_PAGES = "decks/*.md"
CONCEPT_PAGES = "concepts/*.md"
AZ_PAGES = "concepts/a-z--*.md"
STUDY_PAGES = "decks/*/study.md"
LOCAL_GRAPHS = f"{ASSET_DIR}/graph/*.json"
MEDIA = "media/**"


def slugify(text: str, *, max_len: int = MAX_SLUG) -> str:
    """Return a lowercase ASCII slug; text with no Latin letters gets a short hash.

    Symbols that carry meaning become words, so "C++" and "C" get different
    slugs ("c-plus-plus", "c") instead of colliding.
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(_SYMBOL_WORDS.get(ch, ch) for ch in s)
    s = s.encode("ascii", "ignore").decode().lower()
    s = _NON_WORD.sub("-", s).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rsplit("-", 1)[0] or s[:max_len]
    if not s:
        s = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return s


def unique_slugs(keys: Iterable[str], *, max_len: int = MAX_SLUG, prefix: str = "",
                 reserved: Iterable[str] = RESERVED) -> dict[str, str]:
    """Map each key to a slug unique among them, the same way on every run.

    Keys are processed in sorted order and later duplicates get ``-2``, ``-3``…,
    so the result depends only on the set of keys, not on their input order.
    ``prefix`` starts every slug (anchors inside one page: ``tag-…``), and ``reserved``
    are slugs no key may take (page names, for slugs that become paths).
    """
    taken: set[str] = set(reserved)
    out: dict[str, str] = {}
    for key in sorted(set(keys)):
        base = prefix + slugify(key, max_len=max_len)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[key] = slug
    return out


def concept_path(slug: str) -> str:
    return f"concepts/{slug}.md"


def deck_path(slug: str, page: int = 1) -> str:
    """Doc path of page ``page`` of a deck; slugs never hold ``--``, so these never collide."""
    return f"decks/{slug}.md" if page == 1 else f"decks/{slug}--{page}.md"


def az_path(letter: str) -> str:
    """Doc path of the A–Z page for one initial ("#" for anything not a letter)."""
    return f"concepts/a-z--{letter.lower() if letter.isalpha() else 'other'}.md"


def study_unit(deck_slug: str, page: int = 1) -> str:
    """The study unit of a deck page, named like the deck page's file (``<slug>`` or ``<slug>--2``)."""
    return deck_slug if page == 1 else f"{deck_slug}--{page}"


def study_path(unit: str) -> str:
    """Doc path of a study unit's page (``decks/<unit>/study/`` on the site)."""
    return f"decks/{unit}/study.md"


def asset_path(name: str) -> str:
    """Doc path of one of kbgen's files on the site: a script, a style or data."""
    return f"{ASSET_DIR}/{name}"


def local_graph_path(concept_id: str) -> str:
    """Doc path of a concept's own graph data (its neighbourhood), named by its id (a slug)."""
    return f"{ASSET_DIR}/graph/{concept_id}.json"


CONTENT_INDEX = asset_path("content-index.json")
STUDY_DATA = asset_path("study.json")
GRAPH_DATA = asset_path("graph.json")
GRAPH_TOP = asset_path("graph-top.json")
GRAPH_OPTIONS = asset_path("graph-options.json")
GRAPH_LOADER = asset_path("graph-loader.js")


def matches(pattern: str, path: str) -> bool:
    """Whether doc ``path`` matches a glob of this module: ``*`` stays inside one folder.

    >>> matches(DECK_PAGES, "decks/ml.md"), matches(DECK_PAGES, "decks/ml/study.md")
    (True, False)
    >>> matches(MEDIA, "media/deck/a.png")
    True
    """
    return _glob(pattern).fullmatch(path) is not None


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    parts = (re.escape(p).replace(r"\*", "[^/]*") for p in pattern.split("**"))
    return re.compile(".*".join(parts))


def doc_url(path: str) -> str:
    """The site URL (relative to the site root) of a doc path, for ``use_directory_urls``."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def md_link(src: str, dst: str, anchor: str = "") -> str:
    """Relative Markdown link from doc ``src`` to doc ``dst`` (MkDocs resolves ``.md`` links)."""
    head, _, name = dst.rpartition("/")
    rel = _rel_dir(head, src.rpartition("/")[0]) + name
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1024)
def _rel_dir(dst_dir: str, src_dir: str) -> str:
    # A site has a handful of folders but millions of links: relpath once per pair.
    rel = posixpath.relpath(dst_dir or ".", src_dir or ".")
    return "" if rel == "." else rel + "/"


def page_href(src: str, dst: str, anchor: str = "") -> str:
    """The ``href`` MkDocs would write for a link from doc ``src`` to doc ``dst`` on the built
    site (``use_directory_urls``), for HTML that kbgen writes itself and MkDocs passes through.

    >>> page_href("concepts/a.md", "concepts/b.md"), page_href("decks/d--2.md", "concepts/b.md", "x")
    ('../b/', '../../concepts/b/#x')
    >>> page_href("index.md", "decks/index.md"), page_href("decks/d.md", "decks/d.md", "x")
    ('decks/', './#x')
    """
    here, there = doc_url(src), doc_url(dst)
    head, _, name = there.rstrip("/").rpartition("/")
    rel = (_rel_dir(head, here.rstrip("/")) + name + ("/" if there else "")) if there != here else "./"
    return rel + (f"#{anchor}" if anchor else "")


def site_root(path: str) -> str:
    """Relative URL from the rendered page of doc ``path`` to the site root ("../../")."""
    return "../" * doc_url(path).count("/") or "./"


def media_path(deck_slug: str, name: str) -> str:
    """Doc path of an image that came with a deck: ``media/<deck>/<name>``, each part made safe.

    A name that had to change gets a hash of the original, so ``a b.png`` and ``a-b.png``
    (or ``A.png`` and ``a.png``) stay two files on any file system; the extension is kept
    (the readers allow only media extensions).
    """
    from urllib.parse import unquote
    raw = [p for p in unquote(name).replace("\\", "/").split("/") if p not in ("", ".", "..")]
    # Lowercase too: "A.png" and "a.png" are one file on macOS and Windows checkouts.
    parts = [re.sub(r"[^a-z0-9._-]+", "-", p.lower()).strip(".-") or "x" for p in raw] or ["x"]
    if parts != raw:
        stem, dot, ext = parts[-1].rpartition(".")
        tag = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        parts[-1] = f"{stem}-{tag}.{ext}" if dot and stem else f"{parts[-1]}-{tag}"
    return "/".join(["media", deck_slug, *parts])
