"""The kbgen MkDocs plugin's theme overrides and HTML squeezing, without a build."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import material

from kbgen.mkdocs_plugin import FRAME_JS, ICONS_CSS, OVERRIDES, squeeze, use_overrides
from tools import theme_icons

MATERIAL = Path(material.__file__).parent / "templates"


def _config(name: str = "material", custom_dir: str | None = None) -> dict:
    dirs = [d for d in (custom_dir, "/material/templates", "/mkdocs/templates") if d]
    theme = SimpleNamespace(name=name, custom_dir=custom_dir, dirs=dirs, static_templates={"404.html"})
    return {"theme": theme, "extra_css": ["a.css"]}


def test_overrides_sit_between_custom_dir_and_material():
    config = _config(custom_dir="/site/overrides")
    use_overrides(config)
    use_overrides(config)  # once only
    assert config["theme"].dirs == ["/site/overrides", str(OVERRIDES), "/material/templates", "/mkdocs/templates"]
    assert config["extra_css"] == [ICONS_CSS, "a.css"]
    assert config["theme"].static_templates == {"404.html", FRAME_JS}
    plain = _config()
    use_overrides(plain)
    assert plain["theme"].dirs[0] == str(OVERRIDES)


def test_other_themes_are_left_alone():
    config = _config(name="mkdocs")
    use_overrides(config)
    assert str(OVERRIDES) not in config["theme"].dirs and config["extra_css"] == ["a.css"]
    assert config["theme"].static_templates == {"404.html"}


def test_committed_icon_overrides_match_the_installed_material():
    """Regenerate with ``python tools/theme_icons.py`` when this fails after a Material upgrade."""
    files = theme_icons.files()
    assert ICONS_CSS == theme_icons.CSS
    for path, text in files.items():
        assert (OVERRIDES / path).read_text(encoding="utf-8") == text, path


def test_squeeze_keeps_code_and_form_text():
    html = ('<div>\n    <p>a  b</p>\n\n\t</div>\n<pre><code>def f():\n    return 1\n</code></pre>\n  '
            '<textarea>\n  typed\n</textarea>\n   <p>\u00a0x</p>')
    assert squeeze(html) == ('<div>\n<p>a  b</p>\n</div>\n<pre><code>def f():\n    return 1\n</code></pre>\n'
                             '<textarea>\n  typed\n</textarea>\n<p>\u00a0x</p>')
    assert squeeze("<PRE>\n  x</PRE>\n  y") == "<PRE>\n  x</PRE>\ny"


def test_raw_blocks_go_around_markdown_and_back():
    from kbgen.mkdocs_plugin import RawBlocks
    raw = RawBlocks()
    md = ("# T\n\n<!--kb:raw-->\n<div>a\n\nb</div>\n<!--/kb:raw-->\n\n## S\n\n"
          "<!--kb:raw-late-->\n<p>late</p>\n<!--/kb:raw-->\n")
    taken = raw.take(md, "p.md")
    assert "<div>" not in taken and "late" not in taken and taken.count("kbraw") == 2
    import markdown
    html = markdown.markdown(taken)
    early = raw.put(html)
    assert "<div>a\n\nb</div>" in early and early.count("kbraw") == 1
    assert raw.put_late(early, "other.md") == early
    assert "<p>late</p>" in raw.put_late(early, "p.md") and not raw.late
    # a placeholder of another build (another nonce) is text like any other
    assert RawBlocks().put(html) == html


def _scripts(partial: str) -> list[str]:
    text = (MATERIAL / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    return re.findall(r"<script>(.*?)</script>", text, re.S)


def test_frame_script_follows_the_installed_material():
    """``frame.js`` carries copies of Material's inline scripts and of its page configuration,
    whose search worker is named by a hash: after a Material upgrade, bring them in step."""
    frame = (OVERRIDES / FRAME_JS).read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    worker = re.search(r'"search": "(assets/javascripts/workers/search\.\w+\.min\.js)"', base)
    assert worker and f'"{worker.group(1)}"' in frame
    block = base[base.index("{% block config %}"):base.index("{% block scripts %}")]
    assert set(re.findall(r'"([\w.]+)": lang\.t', block)) <= set(re.findall(r'"([\w.]+)": lang\.t', frame))
    for script in _scripts("palette.html") + _scripts("content.html"):
        assert script in frame, script
    [head] = _scripts("base.html")
    assert head.startswith('__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location),')
    assert head.split("location),", 1)[1] in frame


def test_frame_script_url_changes_with_what_it_is_made_from():
    from kbgen.mkdocs_plugin import frame_version
    config = {"theme": {"name": "material", "features": ["search.suggest"]}, "extra": {}}
    same = frame_version(config)
    assert frame_version({**config}) == same and len(same) == 10
    assert frame_version({**config, "theme": {"name": "material", "features": []}}) != same
    assert frame_version({**config, "extra": {"analytics": {"provider": "x"}}}) != same


def test_previews_are_marked_only_when_material_does_not_preview_every_link():
    """Links in Markdown and in kbgen's late HTML, marked only without navigation.instant.preview."""
    from types import SimpleNamespace as NS

    import markdown

    from kbgen.mkdocs_plugin import KbgenPlugin, RawBlocks
    files = NS(documentation_pages=lambda: [NS(src_uri="concepts/b.md", url="concepts/b/")])
    page = NS(url="concepts/a/", file=NS(src_uri="concepts/a.md"), meta={}, title="a", canonical_url=None)
    html = '<p><a href="../b/">b</a></p>'
    for features, marked in ((["navigation.instant.preview"], False), ([], True)):
        plugin = KbgenPlugin()
        config = {"theme": {"features": features}, "site_name": "s"}
        plugin.raw = RawBlocks()
        plugin.on_files(files, config=config)
        late = plugin.on_page_markdown("<!--kb:raw-late-->\n" + html + "\n<!--/kb:raw-->\n", page=page,
                                       config=config, files=files)
        content = plugin.on_page_content(markdown.markdown(late) + html, page=page,
                                         config=config, files=files)
        out = plugin.on_post_page(f"<html><head></head><body>{content}</body></html>", page=page, config=config)
        assert out.count('data-preview=""') == (2 if marked else 0), (features, out)
