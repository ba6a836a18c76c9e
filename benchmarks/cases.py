"""The decks a benchmark run measures: synthetic sizes and the real corpora."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synth import write_decks

CORPORA = Path(os.environ.get("KBGEN_CORPORA", Path(__file__).resolve().parents[3] / "shared" / "corpora"))


@dataclass(frozen=True)
class Case:
    name: str
    cards_dir: Path
    cards: int          # cards written (synthetic) or 0 when the reader decides
    synthetic: bool


def parse_size(text: str) -> int:
    """``"1k"`` → 1000, ``"50k"`` → 50000, ``"250"`` → 250."""
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def synthetic(sizes: list[int], out: Path) -> list[Case]:
    cases = []
    for n in sizes:
        folder = out / "decks" / f"synthetic-{n}"
        if not folder.exists():  # the same size and seed always give the same decks
            write_decks(folder, n)
        cases.append(Case(f"synthetic {_k(n)}", folder, n, True))
    return cases


def corpora(folder: Path = CORPORA) -> list[Case]:
    """One case per real deck file (a README in the folder describes them and is skipped)."""
    if not folder.is_dir():
        return []
    return [Case(f.name.split("__")[0][:24], f, 0, False)
            for f in sorted(folder.iterdir()) if f.is_file() and f.name != "README.md"]


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)
