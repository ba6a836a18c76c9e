"""Shared fixtures and hooks: golden-file comparison, a fresh knowledge base, a real Chromium.

Helpers the tests import by name are in ``tests/helpers/``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import CHROMIUM, GOLDEN, ROOT, copy_handwritten_docs


@pytest.fixture
def golden():
    """Compare text with ``tests/golden/<name>``; ``UPDATE_GOLDEN=1`` rewrites the file."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A fresh knowledge-base folder: the repo's mkdocs.yml and hand-written docs, and an empty cards/."""
    (tmp_path / "cards").mkdir()
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    copy_handwritten_docs(tmp_path / "docs")
    return tmp_path


def _need_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("KBGEN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is required (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()
