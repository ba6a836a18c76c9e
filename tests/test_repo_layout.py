"""The repository's own knowledge base: generated pages are never committed.

A generated page that is tracked by git would be a hand-written file to kbgen on a
fresh clone, and `make site` would refuse to overwrite it.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from helpers import ROOT

from kbgen.build import Project, render


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[str]:
    docs = tmp_path_factory.mktemp("kb") / "docs"
    project = Project(cards=ROOT / "cards", docs=docs, mkdocs_yml=ROOT / "mkdocs.yml")
    return sorted(render(project))


def _git(*args: str) -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return out.stdout.split("\n")


def test_no_generated_page_is_tracked(generated):
    tracked = {p[len("docs/"):] for p in _git("ls-files", "docs") if p}
    assert not tracked & set(generated), f"generated files committed: {sorted(tracked & set(generated))}"


def test_every_generated_page_is_ignored(generated):
    paths = [f"docs/{p}" for p in generated]
    ignored = set(_git("check-ignore", "--no-index", *paths))
    assert set(paths) <= ignored, f"not in .gitignore: {sorted(set(paths) - ignored)[:5]}"
