"""Every CLI command is documented in the README or docs/."""

from __future__ import annotations

from helpers import ROOT

from kbgen.cli import main


def _commands(group, prefix="kbgen"):
    for name, cmd in sorted(group.commands.items()):
        yield f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, f"{prefix} {name}")


def test_every_command_is_documented():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    text += "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
                    if not p.is_relative_to(ROOT / "docs" / "concepts"))
    missing = [c for c in _commands(main) if c not in text]
    assert not missing, f"undocumented commands: {missing}"
