"""Screenshots of the built site for the README, taken with Debian's Chromium via Playwright.

Builds the knowledge base for ``cards/`` into a temporary folder (the repository's own
``docs/`` is not touched), serves it over HTTP with instant navigation on, and writes
``docs/img/concept.png`` (a concept page: definition and cards) and ``docs/img/study.png`` (a
study page with the answer revealed). The graph pictures come from ``tools/graph_screenshots.py``.

    python tools/screenshots.py [--out docs/img] [--chromium /usr/bin/chromium] [--dark]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 860}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(tmp: Path, site_url: str, extra: tuple[Path, ...] = ()) -> Path:
    """The bundled decks (and ``extra`` decks) with the repo's hand-written pages, built in ``tmp``."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "cards", tmp / "cards")
    for deck in extra:
        shutil.copy(deck, tmp / "cards" / deck.name)
    (tmp / "docs").mkdir()
    from kbgen.emit import read_manifest
    generated = read_manifest(ROOT / "docs")  # after `make site`, docs/ also holds kbgen's own pages
    for page in (ROOT / "docs").glob("*.md"):  # hand-written pages only; kbgen makes the rest
        if page.name not in generated:
            shutil.copy(page, tmp / "docs" / page.name)
    env = {**os.environ, "KBGEN_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(Path(sys.executable).with_name("kbgen")), "build", "--cards", "cards", "--docs", "docs",
                    "-f", "mkdocs.yml", "-d", "site"], cwd=tmp, env=env, check=True)
    return tmp / "site"


def launch(chromium: str):
    """Debian's Chromium through Playwright; returns (playwright, browser)."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    return pw, pw.chromium.launch(executable_path=chromium, headless=True,
                                  args=["--no-sandbox", "--disable-gpu", "--no-first-run"])


def shoot(browser, base: str, out: Path, scheme: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if scheme == "light" else "-dark"
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    try:
        page = context.new_page()
        shots = []

        page.set_viewport_size({"width": VIEWPORT["width"], "height": 1100})  # the definition and cards
        page.goto(base + "concepts/gan/")
        page.wait_for_load_state("networkidle")
        shots.append(out / f"concept{suffix}.png")
        page.screenshot(path=str(shots[-1]))

        page.set_viewport_size(VIEWPORT)
        page.goto(base + "decks/advanced-deep-learning-concepts/study/")
        page.wait_for_selector("[data-kb-study][data-kb-ready]")
        page.keyboard.press("Space")
        shots.append(out / f"study{suffix}.png")
        page.screenshot(path=str(shots[-1]))
    finally:
        context.close()
    return shots


def run(out: Path, browser, scheme: str, *, work: Path | None = None) -> list[Path]:
    """Build, serve and photograph the site; ``work`` (default: a temporary folder) holds the build."""
    with tempfile.TemporaryDirectory(prefix="kbgen-shots-") as tmp:
        root = work or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            build(root, base)
            return shoot(browser, base, out, scheme)
        finally:
            server.shutdown()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--dark", action="store_true", help="Use the dark scheme (files get -dark).")
    args = ap.parse_args()
    pw, browser = launch(args.chromium)
    try:
        for shot in run(args.out, browser, "dark" if args.dark else "light"):
            print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
    finally:
        browser.close()
        pw.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
