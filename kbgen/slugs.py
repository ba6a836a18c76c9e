"""All path and URL algebra: slugs, doc paths, site URLs and relative links."""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SYMBOL_WORDS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
MAX_SLUG = 60


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


def unique_slugs(keys: Iterable[str], *, max_len: int = MAX_SLUG) -> dict[str, str]:
    """Map each key to a slug unique among them, the same way on every run.

    Keys are processed in sorted order and later duplicates get ``-2``, ``-3``…,
    so the result depends only on the set of keys, not on their input order.
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for key in sorted(set(keys)):
        base = slugify(key, max_len=max_len)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[key] = slug
    return out


def concept_path(slug: str) -> str:
    return f"concepts/{slug}.md"


def deck_path(slug: str) -> str:
    return f"decks/{slug}.md"


def doc_url(path: str) -> str:
    """The site URL (relative to the site root) of a doc path, for ``use_directory_urls``."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def md_link(src: str, dst: str, anchor: str = "") -> str:
    """Relative Markdown link from doc ``src`` to doc ``dst`` (MkDocs resolves ``.md`` links)."""
    rel = posixpath.relpath(dst, posixpath.dirname(src) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def site_root(path: str) -> str:
    """Relative URL from the rendered page of doc ``path`` to the site root ("../../")."""
    return "../" * doc_url(path).count("/") or "./"


def media_path(deck_slug: str, name: str) -> str:
    """Doc path of an image that came with a deck: ``media/<deck>/<name>``, each part made safe."""
    from urllib.parse import unquote
    parts = [re.sub(r"[^A-Za-z0-9._-]+", "-", p).strip(".-") or "x"
             for p in unquote(name).replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(["media", deck_slug, *(parts or ["x"])])
