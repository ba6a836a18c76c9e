"""Helpers for tests over a built site: build it, serve it on loopback, read its HTML."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from helpers import ROOT, copy_handwritten_docs
from kbgen.cli import main


def build_site(root: Path, decks: list[Path], *args: str, strict: bool = True,
               site_url: str | None = None) -> Path:
    """A knowledge base in ``root`` with ``decks`` in cards/, built by ``kbgen build``, which
    always runs ``mkdocs build --strict``; ``strict`` also makes kbgen's own warnings fail.

    Decks already written to ``root/cards`` are built too. With ``site_url`` (passed as
    ``KBGEN_SITE_URL``), sitemap.xml lists the pages and Material's instant navigation is
    on, as on GitHub Pages: serve ``root/site`` first to know the URL.
    """
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    copy_handwritten_docs(root / "docs")
    (root / "cards").mkdir(exist_ok=True)
    for deck in decks:
        shutil.copy(deck, root / "cards" / deck.name)
    env = {"KBGEN_SITE_URL": site_url}  # None unsets it: a developer's own value must not leak in
    result = CliRunner(env=env).invoke(main, [
        "build", *(["--strict"] if strict else []), "--cards", str(root / "cards"),
        "--docs", str(root / "docs"), "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"), *args])
    assert result.exit_code == 0, result.output
    # MkDocs logs its own warnings on stderr: a clean strict build has none.
    assert "WARNING" not in result.stderr, result.stderr
    check_index(root / INDEX)
    # No page script reads the content index: it stays out of the site unless published.
    assert ("--publish-index" in args) == (root / "site" / "assets/kbgen/content-index.json").exists()
    return root / "site"


#: The content index, a build artefact next to the docs folder (``Project.index``).
INDEX = "docs/assets/kbgen/content-index.json"


def check_index(path: Path) -> dict:
    """Every built content index matches the schema generated from :mod:`kbgen.contract`."""
    import json

    import jsonschema

    from kbgen.contract import json_schema
    index = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(index, json_schema(), cls=jsonschema.Draft202012Validator)
    return index


def keep_inside(context, base: str) -> list[str]:
    """Abort every request of a browser ``context`` that leaves the site at ``base``; the
    returned list collects their URLs, for the test to assert it stays empty."""
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(base):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    return outside


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (an ephemeral port) for the duration of the block.

    The folder is read per request, so it may be built after the server starts."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Anchors(HTMLParser):
    """Collects ``id``/``name`` targets and ``href``/``src`` references of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name") if tag != "meta" else ():
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append(a[key])


def parse_html(path: Path) -> Anchors:
    p = Anchors()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def normalise(text: str) -> str:
    """Whitespace-normalised text, as a reader sees it (any run of spaces is one space)."""
    return " ".join(text.split())


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not re.match(r"^(404)\.html$", p.name))
