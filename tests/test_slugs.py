from __future__ import annotations

import pytest

from kbgen.slugs import deck_path, doc_url, matches, md_link, site_root, slugify, study_path, study_unit, unique_slugs


@pytest.mark.parametrize(("src", "dst", "link"), [
    ("concepts/gan.md", "concepts/decoder.md", "decoder.md"),
    ("index.md", "concepts/gan.md", "concepts/gan.md"),
    ("decks/advanced.md", "concepts/gan.md", "../concepts/gan.md"),
    ("decks/a/b.md", "index.md", "../../index.md"),
])
def test_md_link(src, dst, link):
    assert md_link(src, dst) == link


@pytest.mark.parametrize(("path", "url", "root"), [
    ("index.md", "", "./"), ("graph.md", "graph/", "../"),
    ("concepts/index.md", "concepts/", "../"), ("concepts/gan.md", "concepts/gan/", "../../"),
])
def test_doc_url_and_root(path, url, root):
    assert doc_url(path) == url
    assert site_root(path) == root


@pytest.mark.parametrize(("text", "slug"), [
    ("C++", "c-plus-plus"), ("C#", "c-sharp"), ("C", "c"), ("U-Net", "u-net"),
    ("Attention", "attention"), ("Ünïcödé", "unicode"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_non_latin_titles_get_a_stable_hash():
    assert slugify("注意力") == slugify("注意力") != slugify("变压器")
    assert slugify("注意力").startswith("x-")


def test_unique_slugs_do_not_depend_on_order():
    keys = ["Attention", "attention", "ATTENTION!", "C", "C++"]
    assert unique_slugs(keys) == unique_slugs(list(reversed(keys)))
    assert len(set(unique_slugs(keys).values())) == len(keys)


@pytest.mark.parametrize(("deck", "page", "unit", "study"), [
    ("ml", 1, "ml", "decks/ml/study.md"),
    ("ml", 3, "ml--3", "decks/ml--3/study.md"),
])
def test_study_units_are_named_like_deck_pages(deck, page, unit, study):
    assert study_unit(deck, page) == unit and study_path(unit) == study
    assert deck_path(deck, page) == f"decks/{unit}.md"


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("decks/*.md", "decks/ml--2.md", True),
    ("decks/*.md", "decks/ml/study.md", False),
    ("decks/*/study.md", "decks/ml--2/study.md", True),
    ("concepts/a-z--*.md", "concepts/gan.md", False),
    ("assets/kbgen/katex/**", "assets/kbgen/katex/fonts/KaTeX_Main-Regular.woff2", True),
    ("assets/kbgen/graph/*.json", "assets/kbgen/graph.json", False),
    ("assets/kbgen/graph*.js", "assets/kbgen/graph-loader.js", True),
    ("gaps.md", "gaps_md", False),
])
def test_globs_keep_star_within_a_folder(pattern, path, hit):
    assert matches(pattern, path) is hit
