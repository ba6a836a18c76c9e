"""The benchmark table and the targets it is read against."""

from __future__ import annotations

GENERATE_50K_S = 30.0
RSS_MB = 1024  # kbgen generate's own peak; mkdocs' is reported beside it
REGEN_50K_S = 5.0
PAGE_KB = 1024
FLAT = 1.5  # mkdocs time per page may grow at most this much from the smallest size

COLUMNS = [  # (header, key, format)
    ("case", "name", "{}"), ("cards", "cards", "{:,}"), ("concepts", "concepts", "{:,}"),
    ("generate s", "gen_wall", "{:.1f}"), ("gen cpu s", "gen_cpu", "{:.1f}"),
    ("extract s", "extract", "{:.1f}"), ("mkdocs s", "mk_wall", "{:.1f}"),
    ("gen/mkdocs", "gen_ratio", "{:.2f}"), ("ms/page", "ms_page", "{:.1f}"),
    ("pages", "pages", "{:,}"), ("site MB", "site_mb", "{:.1f}"),
    ("largest KB", "largest_kb", "{:.0f}"), ("search MB", "search_mb", "{:.2f}"),
    ("search B/card", "search_per_card", "{:,.0f}"), ("gen RSS MB", "gen_rss", "{:.0f}"),
    ("mkdocs RSS MB", "mk_rss", "{:.0f}"), ("rerun s", "rerun_s", "{:.1f}"), ("rerun cpu s", "rerun_cpu", "{:.1f}"),
    ("1-card regen s", "regen_s", "{:.1f}"), ("regen cpu s", "regen_cpu", "{:.1f}"),
    ("files rewritten", "rewritten", "{}"),
]


def _cell(row: dict, key: str, fmt: str) -> str:
    value = row.get(key)
    if value is None or value == "":
        return "–"
    return fmt.format(value) if not isinstance(value, str) else value


def table(rows: list[dict]) -> str:
    """A Markdown table, one row per case."""
    head = "| " + " | ".join(h for h, _, _ in COLUMNS) + " |"
    rule = "|" + "|".join("---" if k == "name" else "---:" for _, k, _ in COLUMNS) + "|"
    body = ["| " + " | ".join(_cell(r, k, f) for _, k, f in COLUMNS) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def targets(rows: list[dict]) -> list[str]:
    """One line per target: met, missed, or not measured, with the figure behind it."""
    out = _generate_targets(rows)
    synth = [r for r in rows if r.get("synthetic") and r.get("mk_wall")]
    for r in synth:
        out.append(_check(r["gen_ratio"] <= 0.5, f"{r['name']}: generate ≤ ½ mkdocs build: {r['gen_ratio']:.2f}"))
    if len(synth) >= 2:
        base = min(synth, key=lambda r: r["cards"])
        worst = max(r["ms_page"] for r in synth)
        out.append(_check(worst <= FLAT * base["ms_page"],
                          f"mkdocs time per page flat: {base['ms_page']:.1f} ms at {base['name']}, "
                          f"worst {worst:.1f} ms (allowed {FLAT}×)"))
    measured = [r for r in rows if r.get("largest_kb")]
    if measured:
        worst = max(measured, key=lambda r: r["largest_kb"])
        out.append(_check(worst["largest_kb"] <= PAGE_KB,
                          f"no HTML page over 1 MB: largest {worst['largest_kb']:.0f} KB ({worst['largest']})"))
    for r in rows:
        if r.get("touched_but_same"):
            out.append(f"MISSED  {r['name']}: rewritten with the same bytes: {r['touched_but_same'][:3]}")
        if r.get("rerun_rewritten"):
            out.append(f"MISSED  {r['name']}: a run with no change rewrote {r['rerun_rewritten']} file(s)")
    return out


def _generate_targets(rows: list[dict]) -> list[str]:
    """Generate time, one-card regeneration at 50k, and generate's peak memory (no mkdocs needed)."""
    synth = [r for r in rows if r.get("synthetic") and r.get("gen_wall") and not r.get("error")]
    big = max(synth, key=lambda r: r["cards"], default=None)
    if not (big and big["cards"] >= 50_000):
        return ["not measured: generate at 50,000 cards (run with --sizes including 50k)"]
    out = [_check(big["gen_wall"] <= GENERATE_50K_S,
                  f"generate at {big['cards']:,} cards ≤ {GENERATE_50K_S:.0f} s: {big['gen_wall']:.1f} s")]
    if big.get("regen_s") is not None:
        out.append(_check(big["regen_s"] <= REGEN_50K_S, f"one-card edit at {big['cards']:,} cards ≤ "
                          f"{REGEN_50K_S:.0f} s: {big['regen_s']:.1f} s, {big.get('rewritten')} file(s) rewritten"))
    rss = max(r.get("gen_rss") or 0 for r in synth)
    out.append(_check(rss <= RSS_MB, f"generate's peak RSS ≤ 1 GB: {rss:.0f} MB"))
    return out


def _check(ok: bool, text: str) -> str:
    return ("met     " if ok else "MISSED  ") + text


def rows_table(rows: list[dict]) -> str:
    """A Markdown table of arbitrary rows (the graph benchmark's), columns in first-seen order."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    fmt = lambda v: f"{v:.2f}" if isinstance(v, float) else str(v)  # noqa: E731
    return "\n".join(["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys),
                      *["| " + " | ".join(fmt(r.get(k, "–")) for k in keys) + " |" for r in rows]])


#: The figures before the regeneration work (docs/benchmarks.md, same machine and decks),
#: printed beside a new run's: generate s, mkdocs s, site MB, largest KB, generate RSS MB,
#: one-card regen s, files rewritten.
BASELINE = {
    "synthetic 1k": (1_000, 1.8, 7.4, 18.9, 219, 156, 1.5, 4),
    "synthetic 10k": (10_000, 13.8, 79.1, 174.8, 225, 443, 13.3, 6),
    "synthetic 50k": (50_000, 56.3, 396.3, 1015.0, 229, 1744, 50.5, 6),
}
_BASE_KEYS = ("cards", "gen_wall", "mk_wall", "site_mb", "largest_kb", "gen_rss", "regen_s", "rewritten")
COMPARE = [  # (header, key, format)
    ("case", "name", "{}"), ("generate s", "gen_wall", "{:.1f}"), ("mkdocs s", "mk_wall", "{:.1f}"),
    ("whole build s", "build_s", "{:.1f}"), ("site MB", "site_mb", "{:.1f}"),
    ("bytes per card", "bytes_per_card", "{:,.0f}"), ("largest page KB", "largest_kb", "{:.0f}"),
    ("peak RSS MB", "gen_rss", "{:.0f}"), ("1-card regen s", "regen_s", "{:.1f}"),
    ("files rewritten", "rewritten", "{}"),
]


def _derived(row: dict) -> dict:
    out = dict(row)
    if row.get("gen_wall") is not None and row.get("mk_wall") is not None:
        out["build_s"] = row["gen_wall"] + row["mk_wall"]
    if row.get("site_mb") is not None and row.get("cards"):
        out["bytes_per_card"] = row["site_mb"] * 2**20 / row["cards"]
    return out


def compare(rows: list[dict]) -> str:
    """Before and after, side by side, for the synthetic sizes the baseline has ("–": not measured)."""
    lines = []
    for r in rows:
        if r["name"] in BASELINE:
            before = {"name": f"{r['name']} before", **dict(zip(_BASE_KEYS, BASELINE[r["name"]], strict=True))}
            lines += [_derived(before), _derived({**r, "name": f"{r['name']} now"})]
    if not lines:
        return "(no size with a baseline: 1k, 10k and 50k have one)"
    head = "| " + " | ".join(h for h, _, _ in COMPARE) + " |"
    rule = "|" + "|".join("---" if k == "name" else "---:" for _, k, _ in COMPARE) + "|"
    body = ["| " + " | ".join(_cell(r, k, f) for _, k, f in COMPARE) + " |" for r in lines]
    return "\n".join([head, rule, *body])
