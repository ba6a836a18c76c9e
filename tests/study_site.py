"""The study-mode test site: the seed deck plus a deck of hostile markup."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED
from sitetools import build_site

# Card text that would run or render if it ever became markup.
HOSTILE_DECK = """Hostile markup
What does <img src=x onerror="window.__pwned=1"> do in a **question**?
<script>window.__pwned = 2</script> and *not emphasis* {: .x } [link](javascript:alert(1))
"""


def build_study_site(root: Path, *, site_url: str | None = None) -> Path:
    """Build the seed deck and a hostile deck into ``root/site``."""
    (root / "cards").mkdir(exist_ok=True)
    (root / "cards" / "hostile.txt").write_text(HOSTILE_DECK, encoding="utf-8")
    return build_site(root, [SEED], site_url=site_url)
