"""A real site built into a temporary folder and served over HTTP, for browser tests."""

from __future__ import annotations

import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, SEED
from kbgen.cli import main

# Card text that would run or render if it ever became markup.
HOSTILE_DECK = """Hostile markup
What does <img src=x onerror="window.__pwned=1"> do in a **question**?
<script>window.__pwned = 2</script> and *not emphasis* {: .x } [link](javascript:alert(1))
"""


def build_site(root: Path, *, site_url: str | None = None) -> Path:
    """Build the seed deck and a hostile deck into ``root/site``.

    With ``site_url`` set, sitemap.xml lists the pages and Material's instant
    navigation is on, as on GitHub Pages.
    """
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "about.md", root / "docs" / "about.md")
    (root / "cards").mkdir()
    shutil.copy(SEED, root / "cards" / SEED.name)
    (root / "cards" / "hostile.txt").write_text(HOSTILE_DECK, encoding="utf-8")
    old = os.environ.pop("KBGEN_SITE_URL", None)
    if site_url:
        os.environ["KBGEN_SITE_URL"] = site_url
    try:
        result = CliRunner().invoke(main, ["build", "--strict", "--cards", str(root / "cards"),
                                           "--docs", str(root / "docs"), "-f", str(root / "mkdocs.yml"),
                                           "-d", str(root / "site")])
    finally:
        os.environ.pop("KBGEN_SITE_URL", None)
        if old is not None:
            os.environ["KBGEN_SITE_URL"] = old
    assert result.exit_code == 0, result.output
    return root / "site"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path):
    """Start a server for ``site`` on a free port; returns (base URL, server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
