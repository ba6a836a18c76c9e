"""All path and URL algebra: slugs, doc paths, site URLs and relative links."""

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
