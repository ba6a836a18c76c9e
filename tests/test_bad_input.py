"""Bad input, table-driven: each case is a clean run with a named warning, or one error line
and a non-zero exit. Never a traceback (unless ``-v``). The exact messages are golden."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.anki_package import collection, package

from kbgen.cli import main

PNG = b"\x89PNG\r\n\x1a\n"
DECK = "Tiny deck Flashcards\nWhat is a cat?\nA small animal.\nWhat is a dog?\nA loyal animal.\n"


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, bytes | str | None]  # None: a dangling symlink; "/": a folder
    args: tuple[str, ...] = ("generate",)
    code: int = 0
    error: str | None = None              # regex the one "error:" line must match
    warning: str | None = None            # regex some "warning:" line must match
    check: object = None                  # extra assertion on the run folder
    pending: str = ""
    extra: dict = field(default_factory=dict)


def _apkg_like(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _empty_col() -> bytes:
    import sqlite3
    db = sqlite3.connect(":memory:")
    db.executescript("CREATE TABLE col(id,models,decks);CREATE TABLE notes(id,guid,mid,tags,flds);"
                     "CREATE TABLE cards(id,nid,did,ord);")
    return db.serialize()


def _deck_slugs(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "docs" / "decks").glob("*.md"))


def _card_count(n: int):
    def check(root: Path) -> None:
        index = json.loads((root / "docs/assets/kbgen/content-index.json").read_text(encoding="utf-8"))
        assert len({c["id"] for c in index["cards"]}) == len(index["cards"]) == n
    return check


BIG = "Big deck Flashcards\n" + "".join(f"What is item {i}?\nanswer {i}\n" for i in range(100_000))
MB_LINE = "Long deck Flashcards\nWhat is long?\n" + "x" * (1 << 20) + "\nWhat is short?\nshort\n"

CASES = [
    Case("empty-file", {"cards/empty.txt": ""}, warning=r"cards/empty\.txt: empty deck"),
    Case("whitespace-only", {"cards/blank.txt": "\n  \n\t\n"}, warning=r"cards/blank\.txt: empty deck"),
    Case("binary-file", {"cards/deck.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, code=1,
         error=r"^cards/deck\.txt: looks like a binary file, not a text deck \(export .*\)$"),
    Case("latin-1", {"cards/deck.txt": DECK.replace("small", "petit café").encode("latin-1")},
         warning=r"cards/deck\.txt:3: not valid UTF-8; read as Latin-1", check=_card_count(2)),
    Case("utf-16-bom", {"cards/deck.txt": DECK.encode("utf-16")}, check=_card_count(2)),
    Case("utf-8-bom", {"cards/deck.txt": b"\xef\xbb\xbf" + DECK.encode()},
         check=lambda r: _deck_slugs(r) == ["index.md", "tiny-deck.md"]),
    Case("crlf", {"cards/deck.txt": DECK.replace("\n", "\r\n")}, check=_card_count(2)),
    Case("cr-only", {"cards/deck.txt": DECK.replace("\n", "\r")}, check=_card_count(2)),
    Case("only-questions", {"cards/deck.txt": "Q deck\nWhat is a?\nWhat is b?\nWhat is c?\n"},
         warning=r"cards/deck\.txt:2: question has no answer", check=_card_count(3)),
    Case("only-answers", {"cards/deck.txt": "A deck\nsome answer\nanother answer\nmore\n"}, code=2,
         error=r"^cards/deck\.txt: cannot tell the deck format \(use --format, one of: .*\)$"),
    Case("duplicate-questions", {"cards/deck.txt": DECK + "What is a cat?\nA pet.\n"},
         warning=r"cards/deck\.txt:6: duplicate question .*line 2", check=_card_count(3)),
    Case("one-mb-line", {"cards/deck.txt": MB_LINE}, check=_card_count(2)),
    Case("100k-cards", {"cards/big.txt": BIG}, args=("parse", "cards"),
         check=lambda r: None),
    Case("deck-title-traversal", {"cards/deck.txt": "../../x\nWhat is a?\nb\n"},
         check=lambda r: _deck_slugs(r) == ["index.md", "x.md"] and not (r.parent / "x.md").exists()),
    Case("cards-path-traversal", {}, args=("generate", "--cards", "../../x"), code=2,
         error=r"^\.\./\.\./x: no such folder"),
    Case("missing-folder", {}, args=("generate", "--cards", "nowhere"), code=2,
         error=r"^nowhere: no such folder \(put your decks there, or pass --cards\)$"),
    Case("missing-file", {}, args=("parse", "nowhere.txt"), code=2,
         error=r"^nowhere\.txt: no such file or folder$"),
    Case("unknown-format", {"cards/deck.txt": DECK}, args=("generate", "--format", "docx"), code=2,
         error=r"^unknown format 'docx' \(choose one of: .*\)$"),
    Case("folder-named-like-deck", {"cards/deck.txt": "/"}, args=("parse", "cards/deck.txt"),
         warning=r"^cards/deck\.txt: no deck files found \(looked for .*\)$"),
    Case("symlink-loop", {"cards/loop.txt": "loop", "cards/deck.txt": DECK},
         warning=r"cards/loop\.txt: cannot read \(a broken link\)", check=_card_count(2)),
    Case("duplicate-anchor-suffix", {"cards/deck.txt": DECK + "What is a cat?\nA pet.\n"
                                     "What is a cat 2?\nTwo cats.\n"}, check=_card_count(4)),
    Case("dangling-symlink", {"cards/gone.txt": None, "cards/deck.txt": DECK},
         warning=r"cards/gone\.txt: cannot read \(a broken link\)", check=_card_count(2)),
    Case("dangling-symlink-named", {"cards/gone.txt": None}, args=("parse", "cards/gone.txt"), code=2,
         error=r"^cards/gone\.txt: no such file or folder$"),
    Case("zip-not-apkg", {"cards/deck.apkg": _apkg_like({"readme.txt": b"hello\x00"})}, code=1,
         error=r"^cards/deck\.apkg: a zip but not an Anki package: no collection inside \(it holds readme\.txt\)"),
    Case("truncated-apkg", {"cards/deck.apkg": _apkg_like({"collection.anki2": b"SQLite format 3\x00"
                                                          + b"\x00" * 4000})[:300]}, code=1,
         error=r"^cards/deck\.apkg: not a readable Anki package \(.*\) \(in Anki, export with"),
    Case("broken-csv-quoting", {"cards/deck.csv": 'front,back\n"What is a,unterminated\nb,c\n'},
         code=2, error=r"^cards/deck\.csv: cannot tell the deck format \(use --format, one of: .*csv.*\)$"),
    Case("nul-after-4k", {"cards/deck.txt": DECK + "x" * 5000 + "\x00tail\n"}, check=_card_count(2)),
    Case("no-decks", {}, warning=r"^cards: no deck files found", check=_card_count(0)),
    Case("hand-written-collision", {"cards/deck.txt": DECK, "docs/graph.md": "# mine\n"}, code=1,
         error=r"^docs/graph\.md: exists and was not written by kbgen; move or rename it .*$",
         check=lambda r: (r / "docs/graph.md").read_text() == "# mine\n"),
    Case("corrupt-manifest", {"cards/deck.txt": DECK, "docs/.kbgen-manifest.json": "{nope"}, code=2,
         error=r"^docs/\.kbgen-manifest\.json: unreadable manifest .*; delete it .*$"),
    Case("manifest-escapes-docs", {"cards/deck.txt": DECK, "victim.txt": "keep me\n",
                                   "docs/.kbgen-manifest.json":
                                   '{"version": 1, "files": {"../victim.txt": "0"}}'}, code=2,
         error=r"^docs/\.kbgen-manifest\.json: lists '\.\./victim\.txt', outside docs/; .*$",
         check=lambda r: (r / "victim.txt").read_text() == "keep me\n"),
    Case("docs-is-a-file", {"cards/deck.txt": DECK, "docs": "not a folder"}, code=2,
         error=r"^docs: not a folder"),
    Case("bad-kbgen-yml", {"cards/deck.txt": DECK, "kbgen.yml": "extract: [unclosed\n"}, code=2,
         error=r"^kbgen\.yml(:\d+)?: "),
    Case("kbgen-yml-unknown-key", {"cards/deck.txt": DECK, "kbgen.yml": "bogus: 1\n"}, code=2,
         error=r"^kbgen\.yml(:\d+)?: .*bogus"),
    Case("broken-csv-forced", {"cards/deck.csv": 'front,back\n"What is a,unterminated\nb,c\n'},
         args=("parse", "--format", "csv", "cards/deck.csv"),
         warning=r"^cards/deck\.csv:2: "),
    # Hostile packages, links and odd decks (issue 18; more in test_hostile.py).
    Case("media-named-md", {"cards/evil.apkg": package(collection(
        [{"deck": 1, "fields": ["Q?", '<img src="evil.md">']}], {1: "Evil"}), {"evil.md": b"<script>x</script>"})},
         warning=r"cards/evil\.apkg:1: media 'evil\.md' refused: not an allowed media type",
         check=lambda r: _card_count(1)(r) is None and not (r / "docs/media").exists()),
    Case("media-svg", {"cards/d.csv": 'front,back\nWhat is it?,<img src="x.svg"> an icon\n',
                       "cards/x.svg": "<svg onload='alert(1)'/>"},
         warning=r"cards/d\.csv:2: media 'x\.svg' refused: an SVG", check=_card_count(1)),
    Case("media-names-collide", {"cards/d.csv": 'front,back\nWhat is a?,<img src="a b.png"> one\n'
                                 'What is b?,<img src="a-b.png"> two\n',
                                 "cards/a b.png": PNG + b"1", "cards/a-b.png": PNG + b"2"},
         check=lambda r: len(list((r / "docs/media/d").iterdir())) == 2),
    Case("deck-titled-index", {"cards/deck.txt": DECK.replace("Tiny deck", "Index")},
         check=lambda r: _deck_slugs(r) == ["index-2.md", "index.md"]),
    Case("decomposed-accent", {"cards/deck.txt": DECK.replace("small", "cafe\u0301")},
         check=lambda r: "café" in (r / "docs/decks/tiny-deck.md").read_text(encoding="utf-8")),
    Case("deck-link-out-of-cards", {"cards/deck.txt": DECK, "outside.txt": DECK, "cards/x.txt": "->../outside.txt"},
         code=1, error=r"^cards/x\.txt: leads out of cards/ through a link; refusing to read it"),
    Case("docs-link-out", {"cards/deck.txt": DECK, "victim.txt": "keep me\n", "docs/evil": "->..",
                           "docs/.kbgen-manifest.json": '{"version": 1, "files": {"evil/victim.txt": "0"}}'},
         code=2, error=r"^docs/evil/victim\.txt: leads out of docs/ through a link",
         check=lambda r: (r / "victim.txt").read_text() == "keep me\n"),
    Case("apkg-empty-col", {"cards/deck.apkg": package(_empty_col(), member="collection.anki2")}, code=1,
         error=r"^cards/deck\.apkg: "),
    Case("crowdanki-fields-not-a-list", {"cards/d.json": json.dumps({
        "__type__": "Deck", "name": "D", "note_models": [], "notes": [{"guid": "g", "fields": 5}]})}, code=1,
         error=r"^cards/d\.json: note 'g': 'fields' is int, expected a list"),
    Case("kbgen-yml-folder", {"cards/deck.txt": DECK, "kbgen.yml": "/"}, code=2,
         error=r"^kbgen\.yml: is a folder, not a configuration file$"),
    Case("merge-into-itself", {"cards/deck.txt": DECK, "kbgen.yml": "merge:\n  cat: [Cat]\n"}, code=2,
         error=r"^kbgen\.yml: merge: 'cat' lists itself"),
    Case("merge-unknown", {"cards/deck.txt": DECK, "kbgen.yml": "merge:\n  neural net: [CNN]\n"}, code=2,
         error=r"^kbgen\.yml: merge: 'neural net' is not a concept kbgen found"),
]


def _lay_out(root: Path, files: dict) -> None:
    (root / "cards").mkdir()
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            path.symlink_to(root / "does-not-exist.txt")
        elif data == "loop":
            path.symlink_to(path.name)
        elif data == "/":
            path.mkdir()
        elif isinstance(data, str) and data.startswith("->"):
            path.symlink_to(data[2:])
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_bytes(data.encode("utf-8"))


def run(root: Path, args: tuple[str, ...]):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.skip(reason=c.pending)]
                                               if c.pending else []) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path):
    root = tmp_path / "kb"
    root.mkdir()
    _lay_out(root, case.files)
    r = run(root, case.args)
    assert "Traceback" not in r.output + r.stderr
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == case.code, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error: ")]
    if case.error:
        assert len(errors) == 1 and r.stderr.count("\n") <= 1 + _warnings(r.stderr), r.stderr
        assert re.search(case.error, errors[0].removeprefix("error: ")), errors[0]
    else:
        assert not errors, r.stderr
    if case.warning:
        assert any(re.search(case.warning, w) for w in _warning_lines(r.stderr)), r.stderr
    if case.check:
        assert case.check(root) is not False


def _warning_lines(stderr: str) -> list[str]:
    return [ln.removeprefix("warning: ") for ln in stderr.splitlines() if ln.startswith("warning: ")]


def _warnings(stderr: str) -> int:
    return len(_warning_lines(stderr))


def test_verbose_gives_the_traceback(tmp_path: Path):
    root = tmp_path / "kb"
    root.mkdir()
    r = run(root, ("-v", "generate", "--cards", "nowhere"))
    assert r.exit_code != 0 and not isinstance(r.exception, SystemExit)


def test_messages_golden(golden, tmp_path: Path):
    """Every case's stderr, verbatim: the wording users see is reviewed like code."""
    out = []
    for case in CASES:
        if case.pending or case.id in ("100k-cards", "one-mb-line"):  # silent, and slow
            continue
        root = tmp_path / case.id
        root.mkdir()
        _lay_out(root, case.files)
        r = run(root, case.args)
        lines = [ln for ln in r.stderr.splitlines() if ln.startswith(("error:", "warning:"))]
        out.append(f"## {case.id}: exit {r.exit_code}\n" + "".join(f"{ln[:200]}\n" for ln in lines))
    golden("bad-input.txt", "\n".join(out))
