"""README screenshots of the concept graph on a 600-card site, taken with Debian's Chromium.

Builds the bundled deck plus the Google glossary and the data-science interview notes
(``tests/data``) into a temporary folder, serves it, and writes ``docs/img/graph.png`` (the
graph page at its opening 400 concepts), ``docs/img/site.png`` (a concept page down to its
local graph) and ``docs/img/phone.png`` (the same concept page on a 390×844 phone).

    python tools/graph_screenshots.py [--out docs/img] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshots
from screenshots import ROOT, _Quiet, launch

EXTRA = ("Google_Machine_Learning_Glossary.csv", "data-science-interviews-theory.md")
CONCEPT = "concepts/gan/"


def build(tmp: Path, site_url: str) -> None:
    screenshots.build(tmp, site_url, tuple(ROOT / "tests" / "data" / name for name in EXTRA))


def _graph(page, url: str, out: Path) -> None:
    page.goto(url)
    page.evaluate("document.querySelector('[data-kb-graph]').scrollIntoView({block: 'center'})")
    page.wait_for_selector("[data-kb-graph][data-kb-drawn]", timeout=30000, state="attached")
    page.wait_for_timeout(800)
    page.screenshot(path=str(out))


def shoot(browser, base: str, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots = [out / "graph.png", out / "site.png", out / "phone.png"]
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        page = context.new_page()
        page.goto(base + "graph/")
        page.wait_for_selector("[data-kb-graph][data-kb-drawn]", timeout=30000)
        page.wait_for_timeout(800)
        page.screenshot(path=str(shots[0]))
        _graph(page, base + CONCEPT, shots[1])
    finally:
        context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                is_mobile=True, has_touch=True)
    try:
        _graph(phone.new_page(), base + CONCEPT, shots[2])
    finally:
        phone.close()
    return shots


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    pw, browser = launch(args.chromium)
    try:
        with tempfile.TemporaryDirectory(prefix="kbgen-graph-shots-") as tmp:
            root = Path(tmp)
            server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "site")))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            try:
                build(root, base)
                for shot in shoot(browser, base, args.out):
                    print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
            finally:
                server.shutdown()
    finally:
        browser.close()
        pw.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
