"""The ``kbgen`` MkDocs plugin: what the generated Markdown cannot say by itself.

- It adds what kbgen's page types declared (``kbgen.render.PAGE_TYPES``, written by
  ``kbgen generate`` into ``docs/.kbgen-mkdocs.json``) to the config: their scripts and
  styles before any ``extra_javascript`` and ``extra_css`` of ``mkdocs.yml``, their pages
  missing from an explicit ``nav`` at its end, their other pages to ``not_in_nav``, and the
  files they keep out of the site (the content index, unless published) to ``exclude_docs``.
  What ``mkdocs.yml`` already lists stays as it is, so a new page type needs no edit there.
- It adds Open Graph tags to every page's ``<head>`` (title, description, URL, site name),
  so a link to a concept shared in a chat or a post shows the concept and its definition.
- It marks links to concept pages for Material's hover previews when the theme does not
  preview every link (``navigation.instant.preview``, which kbgen's ``mkdocs.yml`` turns on:
  then no mark is needed, and none is written, 19 MB at 50,000 cards).
- It keeps a 20,000-page site light: Material's header icons are drawn by one stylesheet
  instead of inline SVG on every page, and what Material's frame repeats on every page and only
  works with JavaScript (palette form, search dialog, page configuration, inline scripts) comes
  from one cached script rendered once for the site (``kbgen/overrides/``, registered as a theme
  folder, so ``mkdocs.yml`` needs no ``custom_dir``); the indentation of Material's templates is
  dropped from each page's HTML.
- On the graph page only, it preloads vis-network and the graph's first data.
- It passes the HTML kbgen wrote itself (cards, between ``<!--kb:raw-->`` lines, see
  :mod:`kbgen.render.cardhtml`) around Python-Markdown: taken out of the page's Markdown,
  put back into its HTML, where search indexes it, or after search for ``<!--kb:raw-late-->``.
  Markdown no longer parses every answer again on every page that shows it (two thirds of a
  build), nor search the cards it leaves out anyway.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import posixpath
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pathspec
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from kbgen.slugs import CONCEPT_PAGES, FRAME_JS, ICONS_CSS, MKDOCS_EXTRA, asset_path, matches

_BARE_AMP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)")
#: Theme overrides shipped with kbgen: header icons drawn by a stylesheet, a lighter page frame.
OVERRIDES = Path(__file__).parent / "overrides"
# A line break with the indentation and blank lines after it is one line break to the browser,
# and to the inline scripts too (Material's are minified, with no template literals). Code
# blocks and form text keep theirs.
_INDENT = re.compile(r"\n[ \t\r\n]+")
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_VERBATIM_START = re.compile(r"<(?:pre|textarea)\b", re.I)
_LINK = re.compile(r'<a ([^>]*)>')
_HREF = re.compile(r'(?:^|\s)href="([^"]*)"')
#: The global graph's box (kbgen/render/graphbox.py): its root and the data it draws first.
VIS_NETWORK = asset_path("vis-network.min.js")
_RAW = re.compile(r"^<!--kb:raw(-late)?-->\n(.*?)\n<!--/kb:raw-->$", re.M | re.S)
_TOKEN = re.compile(r"<p>(kbraw[0-9a-f]{8}x\d+)</p>")
_GLOBAL_BOX = re.compile(r'data-kb-graph="global" data-kb-root="([^"]*)" data-kb-data="([^"]*)"')


def attr(text: str) -> str:
    """Text for a double-quoted attribute. Titles kbgen writes are already character
    references (``&#60;``), which stay as they are; anything else is escaped.

    >>> attr('A & B "<x>" &#60;')
    'A &amp; B &quot;&lt;x&gt;&quot; &#60;'
    """
    return _BARE_AMP.sub("&amp;", text).replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def open_graph(title: str, description: str, url: str | None, site_name: str) -> str:
    tags = [("og:type", "website"), ("og:title", title), ("og:site_name", site_name)]
    if description:
        tags.append(("og:description", description))
    if url:
        tags.append(("og:url", url))
    return "".join(f'<meta property="{k}" content="{attr(v)}">' for k, v in tags)


def read_extra(docs_dir: Path) -> dict[str, list[Any]]:
    """What kbgen generate declared for MkDocs, or nothing before the first generate."""
    path = docs_dir / MKDOCS_EXTRA
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise PluginError(f"{path}: unreadable ({e}); run kbgen generate again") from None
    keys = ("extra_css", "extra_javascript", "nav", "not_in_nav")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in keys) \
            or not isinstance(data.get("exclude_docs", []), list):
        raise PluginError(f"{path}: not what kbgen generate writes; run kbgen generate again")
    return {k: data.get(k, []) for k in (*keys, "exclude_docs")}


def _nav_paths(nav: Any) -> set[str]:
    """Every doc path an explicit nav names, however deeply nested."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return {p for v in nav.values() for p in _nav_paths(v)}
    if isinstance(nav, list):
        return {p for v in nav for p in _nav_paths(v)}
    return set()


def extend_config(config: Any, extra: dict[str, list[Any]]) -> None:
    """Add ``extra`` (see :func:`read_extra`) to a MkDocs config, leaving what it lists alone."""
    for key in ("extra_css", "extra_javascript"):
        listed = {str(v) for v in config[key]}
        config[key] = [p for p in extra[key] if p not in listed] + list(config[key])
    if config.get("nav"):
        named = _nav_paths(config["nav"])
        config["nav"] = list(config["nav"]) + [e for e in extra["nav"] if not _nav_paths(e) & named]
    for key in ("not_in_nav", "exclude_docs"):
        if extra[key]:
            spec = pathspec.GitIgnoreSpec.from_lines(extra[key])
            config[key] = config[key] + spec if config.get(key) else spec


def squeeze(html: str) -> str:
    """Each line break with the blank lines and indentation after it as one line break,
    outside ``<pre>`` and ``<textarea>``: about 3 KB of a concept page's 25 KB, in 0.05 ms.

    >>> squeeze('<ul>\\n    <li>a\\n\\n  </li>\\n</ul>\\n<pre>  x\\n    y</pre>')
    '<ul>\\n<li>a\\n</li>\\n</ul>\\n<pre>  x\\n    y</pre>'
    """
    if not _VERBATIM_START.search(html):
        return _INDENT.sub("\n", html)
    parts = _VERBATIM.split(html)  # text, verbatim element, its tag name, text, …
    return "".join(part if i % 3 else _INDENT.sub("\n", part) for i, part in enumerate(parts) if i % 3 != 2)


def preview_targets(files: Any) -> set[str]:
    """The site URLs (unquoted, no trailing slash) of the pages hovering a link previews:
    concept pages (and the concept lists beside them)."""
    return {unquote(f.url).rstrip("/") for f in files.documentation_pages() if matches(CONCEPT_PAGES, f.src_uri)}


def mark_previews(html: str, page_url: str, targets: set[str]) -> str:
    """``data-preview`` on each link to a page in ``targets``, for Material's hover previews.

    The same marks as ``material.extensions.preview`` with ``targets: include: concepts/*.md``,
    minus same-page anchors, at a fraction of its cost: it looked up every link's target among
    the site's files again, 13 % of a build.

    >>> mark_previews('<a href="../b/#x">b</a> <a href="#top">t</a> <a href="../../decks/">d</a>',
    ...               "concepts/a/", {"concepts/b"})
    '<a data-preview="" href="../b/#x">b</a> <a href="#top">t</a> <a href="../../decks/">d</a>'
    >>> mark_previews('<a href="../b/" data-preview="">b</a>', "concepts/a/", {"concepts/b"})
    '<a href="../b/" data-preview="">b</a>'
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def mark(m: re.Match[str]) -> str:
        attrs = m.group(1)
        href = _HREF.search(attrs)
        path = href.group(1).split("#", 1)[0].split("?", 1)[0] if href else ""
        if not path or "data-preview" in attrs or ":" in path or path.startswith("/"):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(base, unquote(path))).rstrip("/")
        return f'<a data-preview="" {attrs}>' if target in targets else m.group(0)

    return _LINK.sub(mark, html)


def use_overrides(config: Any) -> None:
    """Put kbgen's theme overrides after the user's ``custom_dir`` (which still wins) and
    before Material's own templates, load the stylesheet that draws their icons, and have
    the frame script their pages share rendered once for the site."""
    theme = config["theme"]
    if theme.name != "material" or str(OVERRIDES) in theme.dirs:
        return
    theme.dirs.insert(1 if theme.custom_dir else 0, str(OVERRIDES))
    theme.static_templates.add(FRAME_JS)
    if ICONS_CSS not in config["extra_css"]:
        config["extra_css"].insert(0, ICONS_CSS)


def frame_version(config: Any) -> str:
    """A short hash of what ``frame.js`` is made from (Material's version, the template, the
    theme's settings and ``extra``): its URL changes with it, so a browser that cached the
    frame of an older build never runs it against a newer Material bundle."""
    from importlib.metadata import version
    parts = [version("mkdocs-material"), (OVERRIDES / FRAME_JS).read_text(encoding="utf-8"),
             json.dumps(dict(config["theme"]), default=str, sort_keys=True),
             json.dumps(config.get("extra") or {}, default=str, sort_keys=True)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:10]


def graph_preloads(output: str) -> str:
    """``<link rel=preload>`` tags for vis-network and the graph page's data, or "".

    The graph page's loader sits in its content, after Material's head and header; from the
    head the two biggest downloads start while the page is parsed, in parallel. Only the
    graph page: a concept page draws its graph below the fold, after ``load``.

    >>> graph_preloads('<div data-kb-graph="global" data-kb-root="../" data-kb-data="../d.json">')
    '<link rel="preload" href="../assets/kbgen/vis-network.min.js" as="script"><link rel="preload" \
href="../d.json" as="fetch" crossorigin>'
    """
    box = _GLOBAL_BOX.search(output)
    if not box:
        return ""
    root, data = box.groups()
    # ``crossorigin``: fetch() asks in CORS mode, and a preload is used only by a request that matches it.
    return (f'<link rel="preload" href="{root}{VIS_NETWORK}" as="script">'
            f'<link rel="preload" href="{data}" as="fetch" crossorigin>')


class RawBlocks:
    """HTML blocks taken out of pages' Markdown, by placeholder, until they go back in."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(4)  # no card can guess it: card text never holds a placeholder
        self.early: dict[str, str] = {}
        self.late: dict[str, dict[str, str]] = {}  # page → its late blocks by placeholder
        self._n = itertools.count()

    def take(self, markdown: str, page: str) -> str:
        """``markdown`` with each raw block as a placeholder paragraph."""
        def stash(m: re.Match[str]) -> str:
            token = f"kbraw{self.nonce}x{next(self._n)}"
            (self.late.setdefault(page, {}) if m.group(1) else self.early)[token] = m.group(2)
            return f"\n{token}\n"
        return _RAW.sub(stash, markdown) if "<!--kb:raw" in markdown else markdown

    def put(self, html: str) -> str:
        """``html`` with its early blocks back."""
        return _TOKEN.sub(lambda m: self.early.pop(m.group(1), m.group(0)), html)

    def put_late(self, html: str, page: str, edit: Callable[[str], str] = str) -> str:
        """``html`` with ``page``'s late blocks back, each through ``edit``."""
        if not (blocks := self.late.pop(page, None)):
            return html
        return _TOKEN.sub(lambda m: edit(blocks[m.group(1)]) if m.group(1) in blocks else m.group(0), html)


class KbgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    previews: set[str] | None  # set by on_files, before any page is rendered; None: Material previews all
    raw: RawBlocks  # set by on_config, for each build

    def on_config(self, config: Any) -> Any:
        self.raw = RawBlocks()
        extra = read_extra(Path(config["docs_dir"]))
        if extra:
            extend_config(config, extra)
        use_overrides(config)
        return config

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        env.globals["kbgen_frame_version"] = frame_version(config)
        return env

    def on_files(self, files: Any, *, config: Any) -> Any:
        every = "navigation.instant.preview" in (config["theme"].get("features") or [])
        self.previews = None if every else preview_targets(files)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        return self.raw.take(markdown, page.file.src_uri)

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        html = self.raw.put(html)
        return html if self.previews is None else mark_previews(html, page.url, self.previews)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        meta = page.meta or {}
        description = str(meta.get("description") or config.get("site_description") or "")
        tags = open_graph(str(page.title or config["site_name"]), " ".join(description.split()),
                          page.canonical_url, str(config["site_name"]))
        previews = self.previews
        output = self.raw.put_late(output, page.file.src_uri, str if previews is None else
                                   lambda block: mark_previews(block, page.url, previews))
        head = output.find("</head>")
        return squeeze(output if head < 0 else output[:head] + tags + graph_preloads(output) + output[head:])
