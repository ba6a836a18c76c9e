from __future__ import annotations

import pytest

from kbgen.slugs import doc_url, md_link, site_root, slugify, unique_slugs


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
