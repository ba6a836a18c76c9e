"""The benchmark table and the targets it is read against."""

from __future__ import annotations

GENERATE_50K_S = 30.0
RSS_MB = 2048
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
    ("mkdocs RSS MB", "mk_rss", "{:.0f}"), ("1-card regen s", "regen_s", "{:.1f}"),
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
    synth = [r for r in rows if r.get("synthetic") and r.get("mk_wall")]
    out = []
    big = max(synth, key=lambda r: r["cards"], default=None)
    if big and big["cards"] >= 50_000:
        out.append(_check(big["gen_wall"] <= GENERATE_50K_S,
                          f"generate at {big['cards']:,} cards ≤ {GENERATE_50K_S:.0f} s: {big['gen_wall']:.1f} s"))
    else:
        out.append("not measured: generate at 50,000 cards (run with --sizes including 50k)")
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
        rss = max(max(r.get("gen_rss") or 0, r.get("mk_rss") or 0) for r in measured)
        out.append(_check(rss < RSS_MB, f"peak RSS < 2 GB: {rss:.0f} MB"))
    for r in rows:
        if r.get("touched_but_same"):
            out.append(f"MISSED  {r['name']}: rewritten with the same bytes: {r['touched_but_same'][:3]}")
        if r.get("rerun_rewritten"):
            out.append(f"MISSED  {r['name']}: a run with no change rewrote {r['rerun_rewritten']} file(s)")
    return out


def _check(ok: bool, text: str) -> str:
    return ("met     " if ok else "MISSED  ") + text


def rows_table(rows: list[dict]) -> str:
    """A Markdown table of arbitrary rows (the graph benchmark's), columns in first-seen order."""
    keys = list(dict.fromkeys(k for r in rows for k in r))
    fmt = lambda v: f"{v:.2f}" if isinstance(v, float) else str(v)  # noqa: E731
    return "\n".join(["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys),
                      *["| " + " | ".join(fmt(r.get(k, "–")) for k in keys) + " |" for r in rows]])
