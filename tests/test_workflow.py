"""The GitHub Pages workflow: valid against the workflow schema, and it builds the way `make site` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONS = {"actions/checkout": 7, "actions/setup-python": 7, "actions/configure-pages": 6,
           "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def _workflow() -> dict:
    # PyYAML reads the bare key `on` as True.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(data: dict) -> list[dict]:
    return [s for job in data["jobs"].values() for s in job.get("steps", [])]


def test_valid_against_github_workflow_schema():
    # The schema ships inside check-jsonschema, so this runs offline.
    exe = Path(sys.executable).with_name("check-jsonschema")
    r = subprocess.run([str(exe), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_uses_current_pages_actions():
    used = {}
    for step in _steps(_workflow()):
        if "uses" in step:
            name, _, ref = step["uses"].partition("@")
            used[name] = ref
    assert used == {name: f"v{major}" for name, major in ACTIONS.items()}


def test_builds_with_make_site_and_uploads_site_dir():
    data = _workflow()
    steps = data["jobs"]["build"]["steps"]
    assert any("make site" in s.get("run", "") for s in steps)
    assert "site:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_permissions_concurrency_and_default_branch_only():
    data = _workflow()
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["cancel-in-progress"] is False
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "github.event.repository.default_branch" in deploy["if"]
    assert "pull_request" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
