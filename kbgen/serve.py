"""``kbgen serve``: generate, run ``mkdocs serve --dirty``, and regenerate when a deck changes.

kbgen rewrites only the files whose bytes changed, so their mtimes alone move and MkDocs,
told ``--dirty``, rebuilds just those pages instead of the whole site.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from kbgen import build
from kbgen.build import Project
from kbgen.emit import EmitResult
from kbgen.errors import KbgenError
from kbgen.readers import deck_files

log = logging.getLogger("kbgen")


def serve_command(project: Project, addr: str) -> list[str]:
    """``mkdocs serve --dirty``: kbgen rewrites only the pages whose bytes changed (their
    mtimes move, the others' stay put), so MkDocs rebuilds just those instead of the site."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project.mkdocs_yml), "-a", addr]


def serve(project: Project, *, addr: str = "127.0.0.1:8000", poll: float = 1.0) -> None:
    """Generate, run ``mkdocs serve --dirty``, and regenerate whenever a deck file changes."""
    build.generate(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log.info("serving with mkdocs serve --dirty: a deck edit regenerates only the pages it changes, "
                "and MkDocs rebuilds only those")
    proc = subprocess.Popen(serve_command(project, addr), env=env)
    seen = _snapshot(project.cards)
    try:
        while proc.poll() is None:
            time.sleep(poll)
            seen = watch_step(project, seen)
    finally:
        proc.terminate()
        proc.wait()


def watch_step(project: Project, seen: dict[str, tuple[float, int]] | str) -> dict[str, tuple[float, int]] | str:
    """One look at the decks: regenerate when they changed since ``seen``; returns what was seen now."""
    now = _snapshot(project.cards)
    if now != seen:
        _regenerate(project)
    return now


def _regenerate(project: Project) -> EmitResult | None:
    """One rebuild while serving: any failure is one logged line, and the last good site stays."""
    t0 = time.perf_counter()
    try:
        result = build.generate(project)
    except KbgenError as e:
        log.error("%s; still serving the last good site", e)
    except Exception as e:
        log.error("%s: %s (run kbgen generate -v for details); still serving the last good site",
                  type(e).__name__, e)
    else:
        log.info("decks changed: %d page(s) rewritten, %d removed in %.1fs; mkdocs rebuilds only those "
                    "(--dirty)", len(result.written), len(result.removed), time.perf_counter() - t0)
        return result
    return None


def _snapshot(cards: Path) -> dict[str, tuple[float, int]] | str:
    """What a change to the decks looks like: sizes and mtimes, or the error reading them."""
    try:
        out = {}
        for f in deck_files([cards]):
            st = f.stat()
            out[str(f)] = (st.st_mtime, st.st_size)
        return out
    except (KbgenError, OSError) as e:  # cards/ deleted or unreadable: report once on change
        return f"{type(e).__name__}: {e}"
