"""The kbgen MkDocs plugin's theme overrides and HTML squeezing, without a build."""

from __future__ import annotations

from types import SimpleNamespace

from kbgen.mkdocs_plugin import ICONS_CSS, OVERRIDES, squeeze, use_overrides
from tools import theme_icons


def _config(name: str = "material", custom_dir: str | None = None) -> dict:
    dirs = [d for d in (custom_dir, "/material/templates", "/mkdocs/templates") if d]
    return {"theme": SimpleNamespace(name=name, custom_dir=custom_dir, dirs=dirs), "extra_css": ["a.css"]}


def test_overrides_sit_between_custom_dir_and_material():
    config = _config(custom_dir="/site/overrides")
    use_overrides(config)
    use_overrides(config)  # once only
    assert config["theme"].dirs == ["/site/overrides", str(OVERRIDES), "/material/templates", "/mkdocs/templates"]
    assert config["extra_css"] == [ICONS_CSS, "a.css"]
    plain = _config()
    use_overrides(plain)
    assert plain["theme"].dirs[0] == str(OVERRIDES)


def test_other_themes_are_left_alone():
    config = _config(name="mkdocs")
    use_overrides(config)
    assert str(OVERRIDES) not in config["theme"].dirs and config["extra_css"] == ["a.css"]


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
