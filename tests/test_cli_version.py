"""`kbgen --version` and the documented options of `kbgen serve`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from helpers import ROOT

from kbgen import __version__
from kbgen.cli import main


def test_version_from_the_installed_command():
    exe = Path(sys.executable).with_name("kbgen")
    r = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == f"kbgen, version {__version__}"


def test_serve_options_match_the_readme():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--dev-addr" in result.output and "--cards" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kbgen serve" in readme and "-a HOST:PORT" in readme
