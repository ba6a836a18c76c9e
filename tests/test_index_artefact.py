"""The content index is a build artefact beside docs/, in the site only when published."""

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
from kbgen.errors import StaleOutputError

DECK = "Alpha deck Flashcards\nWhat is a cat?\nA small animal.\nWhat is a dog?\nA loyal animal.\n"
IN_DOCS = "assets/kbgen/content-index.json"


def _project(root: Path) -> Project:
    (root / "cards").mkdir(parents=True)
    (root / "cards" / "a.txt").write_text(DECK, encoding="utf-8")
    return Project(cards=root / "cards", docs=root / "docs")


def test_index_is_written_beside_docs_not_into_them(tmp_path):
    project = _project(tmp_path)
    result = generate(project)
    assert project.index == tmp_path / ".kbgen" / "content-index.json"
    index = check_index(project.index)
    assert [c["question"] for c in index["cards"]] == ["What is a cat?", "What is a dog?"]
    assert IN_DOCS not in result.written and not (project.docs / IN_DOCS).exists()
    assert IN_DOCS not in read_manifest(project.docs)
    check(project)  # up to date: the index is no part of docs/


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


def test_published_index_is_owned_like_any_generated_file(tmp_path):
    project = _project(tmp_path)
    published = replace(project, publish_index=True)
    generate(published)
    assert (project.docs / IN_DOCS).read_bytes() == project.index.read_bytes()
    assert IN_DOCS in read_manifest(project.docs)
    with pytest.raises(StaleOutputError, match="no longer produced"):
        check(project)  # a published copy is stale once publishing is off
    # Turning publishing off removes the copy kbgen wrote (an older kbgen's too): it is in the manifest.
    result = generate(project)
    assert result.removed == [IN_DOCS] and not (project.docs / IN_DOCS).exists()
    assert project.index.exists()


def test_hand_written_file_at_the_index_path_is_left_alone(tmp_path):
    project = _project(tmp_path)
    (project.docs / "assets/kbgen").mkdir(parents=True)
    (project.docs / IN_DOCS).write_text("{}", encoding="utf-8")
    generate(project)
    assert (project.docs / IN_DOCS).read_text(encoding="utf-8") == "{}"


def test_cli_publish_index(tmp_path):
    project = _project(tmp_path)
    result = CliRunner().invoke(main, ["generate", "--publish-index", "--cards", str(project.cards),
                                       "--docs", str(project.docs)])
    assert result.exit_code == 0, result.output
    check_index(project.docs / IN_DOCS)
    assert (tmp_path / ".kbgen" / "content-index.json").exists()
