"""Hostile-input budgets: ``python -m benchmarks.hostile [--zeros-gib 4] [--cards 32000] [--out DIR]``.

Two figures from the threat model in docs/security.md, each from a fresh ``kbgen parse``
process (peak RSS from ``getrusage``, wall time around the process):

- **Zip bomb**: a small .apkg whose one entry holds N GiB of zeros, as an unused media
  file, as a media file a card shows, and as the collection itself. Peak memory must
  stay under 200 MB: entries are checked against the size caps before they are read.
- **Missing images**: N cards whose ``<img>`` files are all missing must parse within 2×
  of the same cards without images (CSV and .apkg): attaching media is linear.

Not a timed test: the numbers depend on the machine. docs/security.md records a run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers.anki_package import collection, package  # noqa: E402  (test helper: a schema-11 collection)


def run_parse(path: Path) -> dict:
    """Wall time, peak RSS (MB) and exit code of ``kbgen parse path`` in its own process."""
    # CPU time as well as wall time: on a shared machine the ratio of CPU times is the stable one.
    code = ("import resource, sys, time\nfrom kbgen.cli import main\nt = time.perf_counter()\n"
            "c = time.process_time()\n"
            "try:\n    main(['parse', sys.argv[1]], standalone_mode=False)\nexcept BaseException as e:\n"
            "    print('exit:', repr(e)[:200], file=sys.stderr)\n"
            "print(time.perf_counter() - t, time.process_time() - c, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=path.parent)
    wall = time.perf_counter() - t0
    parse_s, cpu_s, rss_kb = (p.stdout.strip().splitlines() or ["0 0 0"])[-1].split()
    errors = [ln for ln in p.stderr.splitlines() if ln.startswith(("error:", "exit:"))]
    return {"wall_s": round(wall, 2), "parse_s": round(float(parse_s), 2), "cpu_s": round(float(cpu_s), 2),
            "rss_mb": round(int(rss_kb) / 1024, 1), "code": p.returncode,
            "message": (errors or [""])[0][:160], "warnings": p.stderr.count("warning:")}


def zip_bomb(folder: Path, gib: int, role: str) -> Path:
    """An .apkg with ``gib`` GiB of zeros in one entry: ``unused`` media, ``used`` media, or ``collection``."""
    path = folder / f"bomb-{role}.apkg"
    notes = [{"deck": 1, "fields": ["What is a bomb?", '<img src="zeros.png">' if role == "used" else "A zip."]}]
    coll = collection(notes, {1: "Bomb"})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if role != "collection":
            z.writestr("collection.anki21", coll)
            z.writestr("media", json.dumps({"0": "zeros.png"}))
        chunk = (b"\x89PNG\r\n\x1a\n" if role == "used" else b"") + bytes((1 << 20) - 8 * (role == "used"))
        with z.open("0" if role != "collection" else "collection.anki21", "w", force_zip64=True) as f:
            f.write(chunk)
            zeros = bytes(1 << 20)
            for _ in range(gib * 1024 - 1):
                f.write(zeros)
    return path


def image_decks(folder: Path, n: int) -> dict[str, Path]:
    """The same ``n`` cards as CSV and .apkg, with and without an image each (never present)."""
    out = {}
    for images in (False, True):
        tag = "missing" if images else "plain"
        rows = [(f"What is item {i}?", f"Answer {i}" + (f' <img src="img{i}.png">' if images else ""))
                for i in range(n)]
        csv = folder / f"{tag}.csv"
        csv.write_text("front,back\n" + "".join(f'"{q}","{a.replace(chr(34), chr(34) * 2)}"\n' for q, a in rows),
                       encoding="utf-8")
        apkg = folder / f"{tag}.apkg"
        apkg.write_bytes(package(collection([{"deck": 1, "fields": [q, a]} for q, a in rows], {1: "D"})))
        out[f"csv-{tag}"], out[f"apkg-{tag}"] = csv, apkg
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zeros-gib", type=int, default=4)
    ap.add_argument("--cards", type=int, default=32_000)
    ap.add_argument("--out", type=Path, default=None, help="write results.json here")
    args = ap.parse_args(argv)
    results: dict = {"bomb": {}, "images": {}}
    with tempfile.TemporaryDirectory(prefix="kbgen-hostile-") as tmp:
        folder = Path(tmp)
        for role in ("unused", "used", "collection"):
            path = zip_bomb(folder, args.zeros_gib, role)
            row = {"apkg_mb": round(path.stat().st_size / 2**20, 1), **run_parse(path)}
            results["bomb"][role] = row
            path.unlink()
            print(f"bomb {role:10} {row}", flush=True)
        for name, path in image_decks(folder, args.cards).items():
            # Best of three: the machine is shared, and the ratio is what matters.
            results["images"][name] = row = min((run_parse(path) for _ in range(3)), key=lambda r: r["cpu_s"])
            print(f"images {name:13} {row}", flush=True)
    for fmt in ("csv", "apkg"):
        ratio = results["images"][f"{fmt}-missing"]["cpu_s"] / max(results["images"][f"{fmt}-plain"]["cpu_s"], 1e-3)
        results["images"][f"{fmt}-ratio"] = round(ratio, 2)
        print(f"{fmt}: missing images / none = {ratio:.2f}× CPU time (budget 2×)")
    worst = max(r["rss_mb"] for r in results["bomb"].values())
    print(f"zip bomb: worst peak RSS {worst} MB (budget 200 MB)")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "hostile.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    ok = worst < 200 and all(results["images"][f"{f}-ratio"] <= 2 for f in ("csv", "apkg"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
