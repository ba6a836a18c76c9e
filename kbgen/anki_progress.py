"""A study progress file (exported from the site's study mode) → scheduling in an .apkg.

The site keys progress by kbgen card id and keeps a review log; the package's notes have
GUIDs derived from the same ids, so each review finds its Anki card. Reviews become rows
of Anki's ``revlog`` table, and each studied card gets its due date, interval and FSRS
memory state (stability, difficulty) so that Anki, importing with scheduling, carries on
where the site left off.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbgen.errors import UsageError

FORMAT = "kbgen-progress"
DAY_MS = 86_400_000
# FSRS states (ts-fsrs): New 0, Learning 1, Review 2, Relearning 3 → Anki's revlog type
# (0 learn, 1 review, 2 relearn) and card type/queue (1 learning, 2 review, 3 relearning).
REVLOG_TYPE = {0: 0, 1: 0, 2: 1, 3: 2}
CARD_TYPE = {1: 1, 2: 2, 3: 3}


@dataclass(frozen=True)
class Carried:
    reviews: int
    cards: int
    unknown: int   # cards of the file not in the exported decks


def read_progress(path: Path) -> dict[str, Any]:
    """The progress file, checked enough that a wrong file is a one-line error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UsageError(f"{path}: cannot read the progress file ({e})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("cards"), dict):
        raise UsageError(f"{path}: not a kbgen progress file (export it from a study page)")
    return data


def write_progress(cursor: sqlite3.Cursor, progress: dict[str, Any], card_of_guid: dict[str, int],
                   guid_of: dict[str, str]) -> Carried:
    """Insert the reviews of ``progress`` and its cards' schedules into the collection."""
    cid = {kb: card_of_guid[g] for kb, g in guid_of.items() if g in card_of_guid}
    crt = cursor.execute("SELECT crt FROM col").fetchone()[0]
    used: set[int] = set()
    reviews = 0
    for entry in sorted(progress.get("revlog", []), key=lambda r: r["time"]):
        if entry.get("card") in cid:
            cursor.execute("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)",
                           _revlog_row(entry, cid[entry["card"]], used))
            reviews += 1
    cards = 0
    for kb, rec in progress["cards"].items():
        if kb in cid and rec.get("state") in CARD_TYPE:
            _schedule(cursor, cid[kb], rec, crt)
            cards += 1
    return Carried(reviews, cards, len(set(progress["cards"]) - set(cid)))


def _revlog_row(entry: dict[str, Any], card_id: int, used: set[int]) -> tuple[int, ...]:
    rid = int(entry["time"])
    while rid in used:  # the revlog id is its time in ms and must be unique
        rid += 1
    used.add(rid)
    return (rid, card_id, -1, int(entry["rating"]), _anki_ivl(entry.get("ivl", 0)),
            round(entry.get("last_ivl", 0) or 0), 0 if entry.get("state", 0) in (0, 1) else 2500,
            int(min(entry.get("duration", 0), 60_000)), REVLOG_TYPE.get(entry.get("state", 0), 0))


def _anki_ivl(ms: float) -> int:
    """Anki's revlog interval: days when positive, seconds when negative (learning steps)."""
    return round(ms / DAY_MS) if ms >= DAY_MS else -max(1, round(ms / 1000))


def _schedule(cursor: sqlite3.Cursor, card_id: int, rec: dict[str, Any], crt: int) -> None:
    state = rec["state"]
    if state == 2:  # review cards are due on a day counted from the collection's creation
        due, ivl = (int(rec["due"]) // 1000 - crt) // 86_400, max(1, round(rec.get("scheduled_days", 1)))
    else:           # (re)learning cards are due at a time, in seconds
        due, ivl = int(rec["due"]) // 1000, 0
    data = json.dumps({"s": round(rec["stability"], 4), "d": round(rec["difficulty"], 4)})
    cursor.execute("UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, "
                   "data=? WHERE id=?",
                   (CARD_TYPE[state], 2 if state == 2 else 1, due, ivl, 2500, int(rec.get("reps", 0)),
                    int(rec.get("lapses", 0)), 0 if state == 2 else 1, data, card_id))
