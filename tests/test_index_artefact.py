"""The content index: in docs/ (the data contract tools read), in the built site only when
published (the kbgen plugin excludes it otherwise; ``helpers.sitetools.build_site``
checks the site)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.sitetools import check_index

from kbgen.build import Project, check, generate
from kbgen.cli import main
from kbgen.emit import read_manifest
from kbgen.errors import OwnershipError, StaleOutputError
from kbgen.slugs import MKDOCS_EXTRA

DECK = "Alpha deck Flashcards\nWhat is a cat?\nA small animal.\nWhat is a dog?\nA loyal animal.\n"
IN_DOCS = "assets/kbgen/content-index.json"


def _project(root: Path) -> Project:
    (root / "cards").mkdir(parents=True)
    (root / "cards" / "a.txt").write_text(DECK, encoding="utf-8")
    return Project(cards=root / "cards", docs=root / "docs")


def _excluded(project: Project) -> list[str]:
    return json.loads((project.docs / MKDOCS_EXTRA).read_text(encoding="utf-8"))["exclude_docs"]


def test_index_is_in_docs_once_and_kept_out_of_the_site(tmp_path):
    project = _project(tmp_path)
    result = generate(project)
    assert project.index == project.docs / IN_DOCS
    index = check_index(project.index)
    assert [c["question"] for c in index["cards"]] == ["What is a cat?", "What is a dog?"]
    assert IN_DOCS in result.written and not (tmp_path / ".kbgen").exists()
    assert IN_DOCS in read_manifest(project.docs)
    assert _excluded(project) == [f"/{IN_DOCS}"]
    check(project)


def test_unchanged_index_keeps_its_mtime(tmp_path):
    project = _project(tmp_path)
    generate(project)
    os.utime(project.index, ns=(1_000_000_000, 1_000_000_000))
    generate(project)
    assert project.index.stat().st_mtime_ns == 1_000_000_000
    (project.cards / "a.txt").write_text(DECK + "What is a cow?\nA farm animal.\n", encoding="utf-8")
    generate(project)
    assert project.index.stat().st_mtime_ns != 1_000_000_000
    assert len(json.loads(project.index.read_text(encoding="utf-8"))["cards"]) == 3


def test_published_index_is_not_kept_out_of_the_site(tmp_path):
    project = _project(tmp_path)
    published = replace(project, publish_index=True)
    generate(published)
    assert IN_DOCS in read_manifest(project.docs) and _excluded(project) == []
    with pytest.raises(StaleOutputError, match="out of date"):
        check(project)  # publishing off changes what the plugin is told
    generate(project)
    assert _excluded(project) == [f"/{IN_DOCS}"] and (project.docs / IN_DOCS).exists()


def test_hand_written_file_at_the_index_path_is_refused_not_overwritten(tmp_path):
    project = _project(tmp_path)
    (project.docs / "assets/kbgen").mkdir(parents=True)
    (project.docs / IN_DOCS).write_text("{}", encoding="utf-8")
    with pytest.raises(OwnershipError):
        generate(project)
    assert (project.docs / IN_DOCS).read_text(encoding="utf-8") == "{}"


def test_cli_publish_index(tmp_path):
    project = _project(tmp_path)
    result = CliRunner().invoke(main, ["generate", "--publish-index", "--cards", str(project.cards),
                                       "--docs", str(project.docs)])
    assert result.exit_code == 0, result.output
    check_index(project.docs / IN_DOCS)
    assert _excluded(project) == []
