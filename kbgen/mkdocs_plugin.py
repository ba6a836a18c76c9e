"""The ``kbgen`` MkDocs plugin: what the generated Markdown cannot say by itself.

It adds Open Graph tags to every page's ``<head>`` (title, description, URL, site name),
so a link to a concept shared in a chat or a post shows the concept and its definition,
and, on the graph page only, preloads vis-network and the graph's first data.
The generated pages stay plain Markdown that MkDocs builds without the plugin.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin

_BARE_AMP = re.compile(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;)")
#: The global graph's box (kbgen/render/graphbox.py): its root and the data it draws first.
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
    return (f'<link rel="preload" href="{root}assets/kbgen/vis-network.min.js" as="script">'
            f'<link rel="preload" href="{data}" as="fetch" crossorigin>')


class KbgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        meta = page.meta or {}
        description = str(meta.get("description") or config.get("site_description") or "")
        tags = open_graph(str(page.title or config["site_name"]), " ".join(description.split()),
                          page.canonical_url, str(config["site_name"]))
        head = output.find("</head>")
        return output if head < 0 else output[:head] + tags + graph_preloads(output) + output[head:]
