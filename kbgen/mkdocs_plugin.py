"""The ``kbgen`` MkDocs plugin: what the generated Markdown cannot say by itself.

- It adds what kbgen's page types declared (``kbgen.render.PAGE_TYPES``, written by
  ``kbgen generate`` into ``docs/.kbgen-mkdocs.json``) to the config: their scripts and
  styles before any ``extra_javascript`` and ``extra_css`` of ``mkdocs.yml``, their pages
  missing from an explicit ``nav`` at its end, and their other pages to ``not_in_nav``.
  What ``mkdocs.yml`` already lists stays as it is, so a new page type needs no edit there.
- It adds Open Graph tags to every page's ``<head>`` (title, description, URL, site name),
  so a link to a concept shared in a chat or a post shows the concept and its definition.

The generated pages stay plain Markdown that MkDocs builds without the plugin.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pathspec
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from kbgen.slugs import MKDOCS_EXTRA

_BARE_AMP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)")


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
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in keys):
        raise PluginError(f"{path}: not what kbgen generate writes; run kbgen generate again")
    return {k: data[k] for k in keys}


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
    if extra["not_in_nav"]:
        spec = pathspec.GitIgnoreSpec.from_lines(extra["not_in_nav"])
        config["not_in_nav"] = config["not_in_nav"] + spec if config.get("not_in_nav") else spec


class KbgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_config(self, config: Any) -> Any:
        extra = read_extra(Path(config["docs_dir"]))
        if extra:
            extend_config(config, extra)
        return config

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        meta = page.meta or {}
        description = str(meta.get("description") or config.get("site_description") or "")
        tags = open_graph(str(page.title or config["site_name"]), " ".join(description.split()),
                          page.canonical_url, str(config["site_name"]))
        head = output.find("</head>")
        return output if head < 0 else output[:head] + tags + output[head:]
