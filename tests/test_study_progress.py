"""Study progress in headless Chromium: export, clear, import (the same due counts), the
exported file carried into Anki by ``kbgen export anki --progress``, the earlier SM-2
progress migrated to FSRS, and the desired retention setting."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from helpers import SEED
from helpers.study_site import CURRENT, DECK, STORE, base, page, served, site  # noqa: F401 (fixtures)
from helpers.study_site import counts as _counts
from helpers.study_site import deck_cards as _cards
from helpers.study_site import study as _study

from kbgen.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _due_count(page) -> int:
    # A site with no progress leaves its home line empty (zero size): attached, not visible.
    return int(page.wait_for_selector("[data-kb-due][data-kb-due-count]", state="attached")
               .get_attribute("data-kb-due-count"))


def _due_counts(page, base) -> tuple[int, int]:
    page.goto(base)
    home = _due_count(page)
    page.goto(base + f"decks/{DECK}/")
    deck = _due_count(page)
    return home, deck


def test_export_clear_import_restores_due_counts_and_anki_gets_the_reviews(page, base, tmp_path):
    _study(page, base + f"decks/{DECK}/study/")
    for grade in "1312":  # two cards a minute or ten away: due today
        page.wait_for_selector(CURRENT)
        page.keyboard.press("Space")
        page.keyboard.press(grade)
    before = _due_counts(page, base)
    assert before[0] == before[1] >= 3
    _study(page, base + "study/")
    page.click("[data-kb-settings]")
    with page.expect_download() as dl:
        page.click("[data-kb-export]")
    saved = tmp_path / "progress.json"
    dl.value.save_as(saved)
    assert len(json.loads(saved.read_text())["revlog"]) == 4
    page.evaluate("localStorage.clear()")
    assert _due_counts(page, base) == (0, 0)
    _study(page, base + "study/")
    page.set_input_files("[data-kb-import]", str(saved))
    page.wait_for_selector("[data-kb-status]:has-text('Imported')")
    assert _due_counts(page, base) == before
    # The same file carries the reviews to Anki.
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["export", "anki", str(SEED), "-o", str(out), "--progress", str(saved)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    assert [r[0] for r in db.execute("SELECT ease FROM revlog ORDER BY id")] == [1, 3, 1, 2]
    db.close()


def test_sm2_progress_migrates_to_fsrs(page, base, site):
    ids = [c["id"] for c in _cards(site)]
    day, now = 86_400_000, int(datetime.now(UTC).timestamp() * 1000)
    old = {"version": 1, "cards": {
        ids[0]: {"reps": 3, "interval": 15, "ease": 2.5, "due": now - day, "last": now - 16 * day},
        ids[1]: {"reps": 0, "interval": 0, "ease": 2.2, "due": now - day, "last": now - day - 60_000},
        ids[2]: {"reps": 2, "interval": 6, "ease": 2.6, "due": now + 3 * day, "last": now - 3 * day}}}
    page.add_init_script(f"if (!sessionStorage.seeded) {{ sessionStorage.seeded = 1; localStorage.setItem("
                         f"'kbgen-study:/:{DECK}', {json.dumps(json.dumps(old))}); }}")
    _study(page, base + f"decks/{DECK}/study/")
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 21, "due": 2, "done": 1}
    assert "3 cards' progress carried over" in page.inner_text("[data-kb-status]")
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert stored["cards"][ids[0]]["state"] == 2 and stored["cards"][ids[0]]["stability"] == 15
    assert stored["cards"][ids[1]]["state"] == 1
    assert stored["cards"][ids[2]]["due"] == now + 3 * day
    assert page.evaluate(f"localStorage.getItem('kbgen-study:/:{DECK}')") is None
    page.reload()
    page.wait_for_selector(CURRENT)
    assert _counts(page) == {"new": 21, "due": 2, "done": 1}


def test_desired_retention_changes_the_intervals(page, base):
    _study(page, base + f"decks/{DECK}/study/")
    page.wait_for_selector(CURRENT)
    page.keyboard.press("Space")
    easy = int(page.get_attribute("[data-kb-grade='4']", "data-kb-next"))
    page.click("[data-kb-settings]")
    page.fill("[data-kb-retention]", "0.97")
    page.dispatch_event("[data-kb-retention]", "change")
    assert int(page.get_attribute("[data-kb-grade='4']", "data-kb-next")) < easy
    page.reload()
    page.wait_for_selector(CURRENT)
    assert page.input_value("[data-kb-retention]") == "0.97"


def test_a_full_storage_drops_old_history_not_schedules(page, base, site):
    ids = [c["id"] for c in _cards(site)]
    old = [{"card": ids[1], "time": t, "rating": 3, "state": 2, "ivl": 86_400_000, "last_ivl": 1, "duration": 1}
           for t in range(400)]
    store = json.dumps({"format": "kbgen-progress", "version": 2, "retention": 0.9, "revlog": old, "cards": {}},
                       separators=(",", ":"))  # as JSON.stringify writes it
    # The browser's quota, a little above what is stored now.
    page.add_init_script(f"""localStorage.setItem('{STORE}', {json.dumps(store)});
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {{
            if (v.length > {len(store) + 200}) throw new DOMException('full', 'QuotaExceededError');
            return set.call(this, k, v); }};""")
    _study(page, base + f"decks/{DECK}/study/")
    page.wait_for_selector(CURRENT)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    assert "Export your progress" in page.inner_text("[data-kb-status]")
    page.evaluate("delete Storage.prototype.setItem")  # the wrapper lives on the instance's prototype
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert ids[0] in stored["cards"] and 300 <= len(stored["revlog"]) < 401
    assert stored["revlog"][-1]["card"] == ids[0]
