"""One benchmark case: generate, mkdocs build, site figures and a one-card regeneration."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


TIME = Path("/usr/bin/time")


def run(args: list[str], cwd: Path, log: Path) -> dict:
    """Run a command; wall time, CPU time and peak RSS of that process alone.

    Linux counts the forking process's peak RSS in a child's ``ru_maxrss``, so the
    command runs under ``/usr/bin/time`` (a tiny parent) when it exists.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    rss_file = log.with_suffix(".rss")
    if TIME.exists():
        args = [str(TIME), "-f", "%M", "-o", str(rss_file), *args]
    t0 = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss
    if TIME.exists() and rss_file.exists():
        rss_kb = int(rss_file.read_text().split()[-1])
    return {"wall": time.perf_counter() - t0, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": rss_kb / 1024, "code": proc.returncode, "log": str(log)}


def setup(work: Path, cards: Path) -> Path:
    """A fresh knowledge-base folder: the repo's mkdocs.yml and hand-written docs, these decks."""
    if work.exists():
        shutil.rmtree(work)
    (work / "docs").mkdir(parents=True)
    if cards.is_dir():
        shutil.copytree(cards, work / "cards")
    else:
        (work / "cards").mkdir()
        shutil.copy(cards, work / "cards" / cards.name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for rel in handwritten_docs():
        (work / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / rel, work / "docs" / rel)
    return work


def handwritten_docs() -> list[str]:
    """The repo's own pages in ``docs/`` (tracked by git, not paths kbgen generates)."""
    from kbgen.render.gaps import GAPS_PAGE
    from kbgen.render.pages import GRAPH_PAGE, HOME
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True,
                             text=True, check=False).stdout.split()
    generated = {HOME, GRAPH_PAGE, GAPS_PAGE}
    return [rel for rel in (t[len("docs/"):] for t in tracked)
            if rel not in generated and not rel.startswith(("concepts/", "decks/", "assets/kbgen/"))
            and (ROOT / "docs" / rel).is_file()]


def generate(work: Path, name: str = "generate") -> dict:
    r = run([sys.executable, "-m", "benchmarks.stages", "cards", "docs"], work, work / f"{name}.log")
    if r["code"] == 0:
        r.update(json.loads(Path(r["log"]).read_text().strip().splitlines()[-1]))
    return r


def mkdocs_build(work: Path) -> dict:
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
               work, work / "mkdocs.log")


def site_figures(site: Path, cards: int) -> dict:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size, default=None)
    search = site / "search" / "search_index.json"
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    search_bytes = search.stat().st_size if search.exists() else 0
    return {"pages": len(pages), "site_mb": size / 2**20,
            "largest_kb": largest.stat().st_size / 1024 if largest else 0,
            "largest": largest.relative_to(site).as_posix() if largest else "",
            "search_mb": search_bytes / 2**20, "search_per_card": search_bytes / max(cards, 1)}


def _mtimes(docs: Path) -> dict[str, tuple[int, bytes]]:
    return {f.relative_to(docs).as_posix(): (f.stat().st_mtime_ns, hashlib.sha1(f.read_bytes()).digest())
            for f in docs.rglob("*") if f.is_file()}


def edit_one_card(cards: Path) -> str:
    """Append a word to the answer of one card in the middle of the first deck."""
    deck = sorted(f for f in cards.rglob("*.txt"))[0]
    lines = deck.read_text(encoding="utf-8").split("\n")
    questions = [i for i, ln in enumerate(lines) if re.match(r"^[A-Z].*\?\s*(\(.*\))?$", ln)]
    i = questions[len(questions) // 2] + 1
    lines[i] += " again"
    deck.write_text("\n".join(lines), encoding="utf-8")
    return f"{deck.name}:{i + 1}"


def incremental(work: Path, *, edit: bool = True) -> dict:
    """Change one card (or none), generate again: what was rewritten, and what else was touched."""
    before = _mtimes(work / "docs")
    where = edit_one_card(work / "cards") if edit else ""
    r = generate(work, "regenerate" if edit else "rerun")
    after = _mtimes(work / "docs")
    touched = {p for p in after if p not in before or after[p][0] != before[p][0]}
    changed = {p for p in after if p not in before or after[p][1] != before[p][1]}
    return {"wall": r["wall"], "cpu": r["cpu"], "rss_mb": r["rss_mb"], "stages": r.get("stages", {}),
            "card": where, "rewritten": len(touched),
            "touched_but_same": sorted(touched - changed), "code": r["code"]}


def index_counts(docs: Path) -> dict:
    path = docs / "assets" / "kbgen" / "content-index.json"
    if not path.exists():
        return {"cards": 0, "concepts": 0}
    index = json.loads(path.read_text(encoding="utf-8"))
    return {"cards": len(index["cards"]), "concepts": len(index["concepts"]),
            "index_mb": path.stat().st_size / 2**20}
