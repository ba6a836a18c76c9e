"""Every error kbgen raises on purpose. Only the CLI turns them into one line and an exit code."""

from __future__ import annotations


class KbgenError(Exception):
    """Base class: its ``str`` is the one line the user sees."""

    exit_code = 1


class UsageError(KbgenError):
    """A path, option or argument the user gave cannot be used."""

    exit_code = 2


class ConfigError(KbgenError):
    """``kbgen.yml`` is invalid."""

    exit_code = 2


class DeckParseError(KbgenError):
    """A deck cannot be read at all (as opposed to one bad card, which is a warning)."""

    def __init__(self, path: str, line: int | None, problem: str, hint: str = "") -> None:
        self.path, self.line, self.problem, self.hint = path, line, problem, hint
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}" + (f" ({hint})" if hint else ""))


class DuplicateOutputError(KbgenError):
    """Two renderers tried to write the same output path."""


class OwnershipError(KbgenError):
    """kbgen was about to overwrite a file it did not create."""


class StaleOutputError(KbgenError):
    """``docs/`` does not match what ``kbgen generate`` would write."""


class StrictModeError(KbgenError):
    """``--strict`` was given and warnings were logged."""
