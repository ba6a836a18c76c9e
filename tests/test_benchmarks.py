"""Smoke test of the benchmark (1k synthetic cards, real mkdocs build); no timing assertions."""

from __future__ import annotations

import json
import re

import pytest

from benchmarks.__main__ import main
from benchmarks.cases import parse_size

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    code = main(["--quick", "--no-graph", "--out", str(out)])
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return code, results, out


def test_runs_and_reports_every_figure(bench):
    code, results, _ = bench
    assert code == 0
    [row] = results["rows"]
    assert not row.get("error"), row.get("error")
    for key in ("gen_wall", "mk_wall", "pages", "site_mb", "largest_kb", "search_per_card",
                "gen_rss", "mk_rss", "regen_s", "extract"):
        assert row[key] > 0, key
    assert row["cards"] == 1000
    assert row["rerun_rewritten"] == 0 and row["touched_but_same"] == []


def test_big_deck_is_split_and_card_urls_land_on_their_anchor(bench):
    _, _, out = bench
    work = out / "work" / "synthetic-1k"
    index = json.loads((work / "docs" / "assets" / "kbgen" / "content-index.json").read_text())
    [deck] = index["decks"]
    assert len(deck["pages"]) == 5
    pages: dict[str, set[str]] = {}
    for card in index["cards"]:
        url, anchor = card["url"].split("#")
        if url not in pages:
            html = (work / "site" / url / "index.html").read_text(encoding="utf-8")
            pages[url] = set(re.findall(r'<h2 id="([^"]+)"', html))
        assert anchor in pages[url], card["url"]


@pytest.mark.parametrize(("text", "n"), [("1k", 1000), ("50k", 50_000), ("2.5k", 2500), ("300", 300)])
def test_parse_size(text, n):
    assert parse_size(text) == n
