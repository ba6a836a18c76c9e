"""What the tests share besides fixtures: the repository's paths and small site builders.

``tests/conftest.py`` keeps the fixtures and hooks; everything a test imports by name lives
here: ``helpers`` (paths, the hand-written docs), ``helpers.sitetools`` (build, serve and
read a site), ``helpers.study_site`` (the study-mode sites and their fixtures),
``helpers.anki_package`` (small Anki packages) and ``helpers.devset`` (extraction scores).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "cards" / "10_advanced_deep_learning_concepts.txt"
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
CHROMIUM = "/usr/bin/chromium"
HANDWRITTEN_DOCS = ("about.md", "benchmarks.md", "security.md", "quality.md")


def copy_handwritten_docs(docs: Path) -> None:
    """The repo's hand-written pages that mkdocs.yml's nav names, so a strict build finds them."""
    docs.mkdir(parents=True, exist_ok=True)
    for name in HANDWRITTEN_DOCS:
        shutil.copy(ROOT / "docs" / name, docs / name)
