"""Integrity of a real build over the seed, the corpora decks and the payload deck:
every card shown exactly once, every internal link and anchor resolves, strict build clean."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import DATA, SEED
from helpers.sitetools import INDEX, build_site, pages, parse_html

from kbgen.readers import read_decks
from kbgen.slugs import deck_path

pytestmark = pytest.mark.slow

# A whole MkDocs build of every corpus takes ~45 s; the site build takes the seed, the
# payloads and two corpora, and the generate-level checks below take every corpus.
DECKS = [SEED, DATA / "data-science-interviews-theory.md", DATA / "data-science-question-answer.md",
         DATA / "payloads.txt"]
ALL_DECKS = [*DECKS, DATA / "Google_Machine_Learning_Glossary.csv", DATA / "Ultimate_Geography.json"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("integrity")
    # Corpus images are not shipped, so those cards warn; MkDocs itself stays strict.
    return root, build_site(root, DECKS, strict=False)


@pytest.fixture(scope="module")
def index(built) -> dict:
    return json.loads((built[0] / INDEX).read_text(encoding="utf-8"))


def test_every_card_is_in_the_index_once(built, index):
    ids = Counter(c["id"] for c in index["cards"])
    assert not [i for i, n in ids.items() if n > 1]
    listed = Counter(cid for d in index["decks"] for cid in d["cards"])
    assert listed == ids  # each card belongs to exactly one deck
    read = read_decks([built[0] / "cards"])
    assert sum(len(d.cards) for d in read) == len(index["cards"]) > 200


def test_every_card_is_on_its_deck_page_once(built, index):
    site = built[1]
    cards = {c["id"]: c for c in index["cards"]}
    for deck in index["decks"]:
        html = (site / deck["url"] / "index.html").read_text(encoding="utf-8")
        anchors = Counter(re.findall(r'<h[2-6] id="([^"]+)"', html))
        for cid in deck["cards"]:
            assert anchors[cards[cid]["anchor"]] == 1, (deck["url"], cid)


def test_every_internal_link_and_anchor_resolves(built):
    site = built[1]
    ids: dict[Path, set[str]] = {}
    broken = []
    checked = anchored = 0
    for page in pages(site):
        for ref in parse_html(page).refs:
            target, anchor = _resolve(site, page, ref)
            if target is None:
                continue
            checked += 1
            anchored += bool(anchor)
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse_html(target).ids
                if anchor not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {ref} (no anchor)")
    assert not broken, f"{len(broken)} broken: {broken[:10]}"
    assert checked > 5000 and anchored > 500, (checked, anchored)


def _resolve(site: Path, page: Path, ref: str) -> tuple[Path | None, str]:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("mailto:", "data:")):
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    base = page.parent.relative_to(site).as_posix()
    rel = posixpath.normpath(posixpath.join(base, path))
    assert not rel.startswith(".."), f"{page}: {ref} leaves the site"
    target = site / rel
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_corpus_card_is_generated_once(tmp_path):
    """All corpora through generate (no MkDocs): each card once in the index and once,
    as a heading with its anchor, on its deck page."""
    from kbgen.build import Project, generate
    (tmp_path / "cards").mkdir()
    for deck in ALL_DECKS:
        (tmp_path / "cards" / deck.name).write_bytes(deck.read_bytes())
    project = Project(cards=tmp_path / "cards", docs=tmp_path / "docs")
    generate(project)
    index = json.loads(project.index.read_text(encoding="utf-8"))
    read = read_decks([project.cards])
    assert len({c["id"] for c in index["cards"]}) == len(index["cards"]) == sum(len(d.cards) for d in read)
    cards = {c["id"]: c for c in index["cards"]}
    for deck in index["decks"]:
        # Big decks are split into pages; together they hold each card once.
        text = "".join((project.docs / deck_path(deck["id"], n)).read_text(encoding="utf-8")
                       for n in range(1, len(deck["pages"]) + 1))
        anchors = Counter(re.findall(r"^#{2,6} .* \{#([^}]+)\}$", text, re.M))
        assert all(anchors[cards[cid]["anchor"]] == 1 for cid in deck["cards"]), deck["id"]


def test_concept_pages_give_search_their_lead_only(built, index):
    """Card text is indexed once, on its deck page: a concept page's card list, grouped under
    one heading per deck when its cards come from several, stays out of search."""
    search = json.loads((built[1] / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = [d["location"] for d in search["docs"] if d["location"].startswith("concepts/") and "#" in d["location"]]
    assert not sections, sections[:5]
    decks_of = {c["id"]: c["deck"] for c in index["cards"]}
    assert any(len({decks_of[i] for i in c["cards"]}) > 1 for c in index["concepts"])  # some pages group by deck
