"""``python -m benchmarks [--sizes 1k,10k,50k] [--quick] [--no-corpora] [--out DIR]``."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from pathlib import Path

from benchmarks import measure, report
from benchmarks.cases import Case, corpora, parse_size, synthetic

OUT = Path(__file__).resolve().parent / "out"


def run_case(case: Case, out: Path, *, build: bool = True) -> dict:
    """Every figure for one case; a failed step is recorded, not raised."""
    work = measure.setup(out / "work" / case.name.replace(" ", "-"), case.cards_dir)
    row: dict = {"name": case.name, "synthetic": case.synthetic}
    gen = measure.generate(work)
    row.update(gen_wall=gen["wall"], gen_cpu=gen["cpu"], gen_rss=gen["rss_mb"],
               **{k: v for k, v in gen.get("stages", {}).items()})
    if gen["code"]:
        row["error"] = _last_line(gen["log"])
        return row
    row.update(measure.index_counts(work / "docs"))
    rerun = measure.incremental(work, edit=False)
    row.update(rerun_rewritten=rerun["rewritten"], rerun_s=rerun["wall"], rerun_cpu=rerun["cpu"],
               rerun_stages=rerun["stages"])
    if build:
        mk = measure.mkdocs_build(work)
        row.update(mk_wall=mk["wall"], mk_rss=mk["rss_mb"])
        if mk["code"]:
            row["error"] = "mkdocs build --strict failed: " + _last_line(mk["log"])
        else:
            row.update(measure.site_figures(work / "site", row["cards"]))
            row["gen_ratio"] = row["gen_wall"] / row["mk_wall"]
            row["ms_page"] = 1000 * row["mk_wall"] / max(row["pages"], 1)
    if case.synthetic:
        inc = measure.incremental(work)
        row.update(regen_s=inc["wall"], regen_cpu=inc["cpu"], regen_rss=inc["rss_mb"], rewritten=inc["rewritten"],
                   touched_but_same=inc["touched_but_same"], regen_stages=inc["stages"])
    return row


def _last_line(log: str) -> str:
    lines = [ln for ln in Path(log).read_text(errors="replace").splitlines() if ln.strip()]
    return lines[-1][:200] if lines else "(no output)"


def machine() -> str:
    import os
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "unknown CPU")
    mem = next((int(ln.split()[1]) // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), 0)
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem / 1024:.1f} GB RAM, Python {platform.python_version()}, "
            f"load average {load:.1f} at start")


def graph_part(sizes: list[int] | None) -> list[dict] | None:
    """Rows from ``benchmarks.graph_bench`` (sizes in concepts) when it is present, else None."""
    try:
        bench = importlib.import_module("benchmarks.graph_bench")
    except ImportError:
        return None
    return bench.run(sizes=tuple(sizes)) if sizes else bench.run()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--sizes", default="1k,10k,50k", help="synthetic deck sizes (default 1k,10k,50k)")
    p.add_argument("--quick", action="store_true", help="1k cards only, no real corpora")
    p.add_argument("--no-corpora", action="store_true", help="skip the real decks")
    p.add_argument("--no-mkdocs", action="store_true", help="time generate only")
    p.add_argument("--graph-sizes", default=None,
                   help="concept counts for the graph benchmark (default: its own; 300 with --quick)")
    p.add_argument("--no-graph", action="store_true", help="skip the graph benchmark")
    p.add_argument("--out", type=Path, default=OUT, help="work folder and results (default benchmarks/out)")
    args = p.parse_args(argv)
    sizes = [1000] if args.quick else [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    cases = synthetic(sizes, args.out) + ([] if args.quick or args.no_corpora else corpora())
    print(f"machine: {machine()}", flush=True)
    rows = []
    for case in cases:
        print(f"… {case.name}", file=sys.stderr, flush=True)
        rows.append(run_case(case, args.out, build=not args.no_mkdocs))
    print(report.table(rows))
    print("\nbefore and now:\n" + report.compare(rows))
    for r in rows:
        if r.get("error"):
            print(f"{r['name']}: {r['error']}")
    print("\n" + "\n".join(report.targets(rows)))
    graph_sizes = [parse_size(s) for s in args.graph_sizes.split(",")] if args.graph_sizes else (
        [300] if args.quick else None)
    graph = None if args.no_graph else graph_part(graph_sizes)
    print("\ngraph: " + ("skipped" if args.no_graph else
                         "not available (benchmarks/graph_bench.py comes with the graph work)"
                         if graph is None else "\n" + report.rows_table(graph)))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps({"machine": machine(), "rows": rows,
                                                       "graph": graph}, indent=2) + "\n")
    return 1 if any(r.get("error") and r.get("synthetic") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
