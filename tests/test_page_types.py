"""CONTRIBUTING's second recipe, followed end to end: a new page type, its page and its script
on a site built by ``mkdocs build --strict``, with mkdocs.yml untouched. And the registry's
declarations held to what the page types really write."""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Mapping

import pytest
from helpers import ROOT, SEED
from helpers.sitetools import build_site

from kbgen.build import content_index, load
from kbgen.render import PAGE_TYPES, PageType, Site, mkdocs_extra, register, render_site, unregister
from kbgen.slugs import MKDOCS_EXTRA, matches


def test_page_types_are_listed_once_in_load_order():
    assert list(PAGE_TYPES) == ["assets", "content_index", "pages", "a_to_z", "graph", "study", "gaps", "tags"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    tagged = tmp_path_factory.mktemp("tags") / "tagged.csv"  # so the tags page exists
    tagged.write_text("front,back,tags\nWhat is a cat?,A feline.,animals pets\n", encoding="utf-8")
    model = load([SEED, tagged])
    return Site(content_index(model))


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_each_page_type_writes_only_the_paths_it_declares(site, name, monkeypatch):
    monkeypatch.setattr("kbgen.render.azindex.AZ_INLINE", 3)  # so the A–Z pages exist
    page_type = PAGE_TYPES[name]
    out = page_type.render(site)
    files = dict(out.items() if isinstance(out, Mapping) else out)  # a mapping or a stream
    assert files, f"{name} wrote nothing"
    strays = [p for p in files if not any(matches(g, p) for g in page_type.paths)]
    assert not strays, f"{name} writes paths it does not declare: {strays[:5]}"
    missing = [p for p in (*page_type.scripts, *page_type.styles) if p not in files]
    assert not missing, f"{name} declares scripts or styles it does not ship: {missing}"
    assert all(path in files for _, path in page_type.nav)


def test_mkdocs_extra_keeps_the_script_order_and_leaves_out_unwritten_pages(site):
    files = render_site(site.index, home=False)
    extra = json.loads(files[MKDOCS_EXTRA])
    assert extra["extra_javascript"][:4] == ["assets/kbgen/kb-boot.js", "assets/kbgen/katex/katex.min.js",
                                             "assets/kbgen/katex/auto-render.min.js", "assets/kbgen/maths.js"]
    assert extra["extra_javascript"][-1] == "assets/kbgen/study.js"
    assert extra["extra_css"] == ["assets/kbgen/kbgen.css", "assets/kbgen/katex/katex.min.css"]
    assert {"Home": "index.md"} not in extra["nav"] and {"Graph": "graph.md"} in extra["nav"]
    assert "/tags.md" in extra["not_in_nav"] and "/graph.md" not in extra["not_in_nav"]
    again = mkdocs_extra(list(PAGE_TYPES.values()), files)
    assert again == {MKDOCS_EXTRA: files[MKDOCS_EXTRA]}


TOY = '''
    from kbgen.slugs import md_link

    PAGE = "toy.md"
    MORE = "toy/more.md"
    SCRIPT = "assets/toy/toy.js"

    def render(site):
        n = len(site.index["concepts"])
        return {PAGE: f"# Toy\\n\\n{n} concepts. [More]({md_link(PAGE, MORE)})\\n",
                MORE: "# More toys\\n\\nNot in the nav.\\n",
                SCRIPT: "document.documentElement.dataset.toy = 'yes';\\n"}
'''


@pytest.mark.slow
def test_recipe_add_a_page_type(tmp_path, monkeypatch):
    # Step 1 of the recipe: a module whose render(site) returns {doc path: text}.
    pkg = tmp_path / "toypage"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent(TOY), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import toypage
    # Step 2: register it with its paths, its page in the nav and its script.
    register(PageType("toy", toypage.render, paths=(toypage.PAGE, "toy/*.md", "assets/toy/*"),
                      nav=(("Toy", toypage.PAGE),), scripts=(toypage.SCRIPT,)), before="gaps")
    yml = hashlib.sha256((ROOT / "mkdocs.yml").read_bytes()).hexdigest()
    try:
        assert list(PAGE_TYPES).index("toy") == list(PAGE_TYPES).index("gaps") - 1
        (tmp_path / "kb").mkdir()
        site = build_site(tmp_path / "kb", [SEED])  # mkdocs build --strict, the repo's mkdocs.yml
    finally:
        unregister("toy")
    assert "toy" not in PAGE_TYPES
    assert (tmp_path / "kb" / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert hashlib.sha256((ROOT / "mkdocs.yml").read_bytes()).hexdigest() == yml
    toy = (site / "toy" / "index.html").read_text(encoding="utf-8")
    assert "concepts. " in toy and "<h1" in toy
    assert (site / "assets" / "toy" / "toy.js").is_file()
    # The script is on every page, in registry order: after study's (toy comes after study).
    home = (site / "index.html").read_text(encoding="utf-8")
    scripts = [s for s in home.split('<script src="')[1:] if "assets/kbgen" in s or "assets/toy" in s]
    order = [s.split('"', 1)[0] for s in scripts]
    assert order.index("assets/toy/toy.js") == order.index("assets/kbgen/study.js") + 1
    assert '<script src="../assets/toy/toy.js">' in toy
    # In the nav (after the nav mkdocs.yml lists), and its other page out of it.
    assert 'href="toy/"' in home and 'href="toy/more/"' not in home
    assert (site / "toy" / "more" / "index.html").is_file()


def _config(tmp_path, extra: str | None):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir(exist_ok=True)
    if extra is not None:
        (tmp_path / "docs" / MKDOCS_EXTRA).write_text(extra, encoding="utf-8")
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\nnav:\n  - Home: index.md\n  - More: [graph.md]\n"
                   "extra_css: [own.css, assets/kbgen/kbgen.css]\nplugins: [kbgen]\n"
                   "not_in_nav: |\n  /own/*.md\n", encoding="utf-8")
    config = load_config(str(yml))
    return config.plugins.on_config(config)


def test_plugin_adds_only_what_mkdocs_yml_does_not_list(tmp_path):
    extra = {"extra_css": ["assets/kbgen/kbgen.css", "k.css"], "extra_javascript": ["a.js", "b.js"],
             "nav": [{"Home": "index.md"}, {"Graph": "graph.md"}, {"Toy": "toy.md"}],
             "not_in_nav": ["/decks/*.md"]}
    config = _config(tmp_path, json.dumps(extra))
    assert [str(p) for p in config["extra_css"]] == ["k.css", "own.css", "assets/kbgen/kbgen.css"]
    assert [str(p) for p in config["extra_javascript"]] == ["a.js", "b.js"]
    assert config["nav"] == [{"Home": "index.md"}, {"More": ["graph.md"]}, {"Toy": "toy.md"}]
    spec = config["not_in_nav"]
    assert spec.match_file("decks/ml.md") and spec.match_file("own/page.md") and not spec.match_file("toy.md")


def test_plugin_without_generated_pages_leaves_the_config_alone(tmp_path):
    config = _config(tmp_path, None)
    assert [str(p) for p in config["extra_css"]] == ["own.css", "assets/kbgen/kbgen.css"]
    assert config["nav"] == [{"Home": "index.md"}, {"More": ["graph.md"]}]


@pytest.mark.parametrize("text", ["{nope", '{"extra_css": "a.css"}', "[]"])
def test_plugin_refuses_a_damaged_declaration_in_one_line(tmp_path, text):
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"\.kbgen-mkdocs\.json: .*run kbgen generate again$"):
        _config(tmp_path, text)


def test_two_page_types_writing_one_path_is_an_error_naming_both(site):
    from kbgen.errors import DuplicateOutputError

    twin = PageType("twin", lambda s: {"gaps.md": "# Twin\n"}, paths=("gaps.md",))
    with pytest.raises(DuplicateOutputError, match=r"^gaps\.md is produced by both gaps and twin$"):
        render_site(site.index, page_types=[*PAGE_TYPES.values(), twin])
