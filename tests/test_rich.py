"""Card formatting: the nh3 allowlist, maths, code, tables, links, images, and hostile input.

The last tests run the page Markdown kbgen writes through Python-Markdown with the site's
own extensions (``mkdocs.yml``): a card's HTML block comes out as the sanitiser left it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.readers._rich import from_html, from_markdown, image_names, is_html
from kbgen.render.markdown import escape
from kbgen.render.richhtml import block, inline
from kbgen.rich import MEDIA, find_maths, sanitise
from kbgen.slugs import media_path


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]


def elements(fragment: str) -> _Elements:
    p = _Elements()
    p.feed(fragment)
    p.close()
    return p


def assert_inert(fragment: str) -> None:
    e = elements(fragment)
    assert not {"script", "style", "iframe", "object", "embed", "form", "svg", "math", "link",
                "meta", "base", "title", "input", "button"} & set(e.tags), e.tags
    for tag, name, value in e.attrs:
        assert not name.startswith("on") and name not in ("style", "id", "srcdoc"), (tag, name)
        if name == "href":
            assert re.match(r"https?://", value), value
        if name == "src":
            assert value.startswith(MEDIA), value


@pytest.mark.parametrize(("field", "kept"), [
    ("<b>b</b> <i>i</i> <u>u</u> <sub>2</sub> <sup>3</sup> <code>x</code>",
     "<b>b</b> <i>i</i> <u>u</u> <sub>2</sub> <sup>3</sup> <code>x</code>"),
    ("<ol><li>one</li><li>two</li></ol>", "<ol><li>one</li><li>two</li></ol>"),
    ("<table><tr><td colspan=2 onclick=x>1</td></tr></table>",
     '<table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'),
    ("<pre><code>a\n\n  b</code></pre>", "<pre><code>a\n\n  b</code></pre>"),
])
def test_formatting_is_kept(field, kept):
    assert from_html(field) == kept


@pytest.mark.parametrize("field", ["<div>just</div><div>lines<br>of text</div>", "plain &amp; simple", ""])
def test_plain_fields_give_no_html(field):
    assert from_html(field) == ""


@pytest.mark.parametrize("field", [
    "<script>alert(1)</script><b>x</b>", '<img src=x onerror="alert(1)"><b>x</b>',
    '<a href="javascript:alert(1)">a</a><b>x</b>', '<a href="JaVaScRiPt&#58;alert(1)">a</a>',
    '<div style="position:fixed;background:red">x</div><i>y</i>', "<style>*{display:none}</style><b>x</b>",
    '<iframe src="https://evil.example"></iframe><b>x</b>', "<svg onload=alert(1)><b>x</b></svg>",
    '<span class="md-header md-typeset">x</span><b>y</b>', '<b id="evil" title="t">x</b>',
    '<form action="https://e.example"><input name=a><button>go</button></form><i>x</i>',
    '<img src="data:image/png;base64,AAAA"><b>x</b>', "<math><mi>x</mi></math><b>y</b>",
    # Maths inside an attribute value must not put markup there.
    '<a href="https://x.example" title="$x&quot; onmouseover=&quot;alert(1)&quot; y=&quot;$">t</a>',
    '<abbr title="\\(a\\)" onclick=x>b</abbr><i>{{c1::<b title="$y$">z</b>}}</i>',
])
def test_hostile_markup_is_removed(field):
    out = from_html(field)
    assert_inert(out)
    assert "md-header" not in out and "evil" not in out
    for tag, name, value in elements(out).attrs:
        assert "<" not in value and "arithmatex" not in value, (tag, name, value)


def test_links_are_external_http_only():
    out = from_html('<a href="https://a.example/x">ok</a> <a href="/local">rel</a> <a href="ftp://f">f</a>')
    assert '<a href="https://a.example/x" target="_blank" rel="noopener nofollow noreferrer">ok</a>' in out
    assert out.count("href=") == 1


def test_images_local_shown_remote_linked_others_dropped():
    out = from_html('<img src="a b.png" alt="A"> <img src="https://e.example/p.png" alt="remote">'
                    ' <img src="../../etc/passwd" alt="up"> <img src="//e.example/x.png">')
    assert f'<img src="{MEDIA}a b.png" alt="A">' in out
    assert '<a class="kb-remote-image" href="https://e.example/p.png"' in out and ">remote</a>" in out
    assert "passwd" not in out and "//e.example/x.png" not in out and "up" in out
    assert image_names('<img src="a.png"><img src="https://x/y.png"><img src="a.png">') == ("a.png",)


@pytest.mark.parametrize(("text", "tex", "display"), [
    (r"see \(x^2\) here", "x^2", False), (r"\[\frac{a}{b}\]", r"\frac{a}{b}", True),
    ("[$]y[/$]", "y", False), ("[$$]z[/$$]", "z", True), ("$$w$$", "w", True),
    ("[latex]\\sqrt{2}[/latex]", "\\sqrt{2}", True), ("a $v$ b", "v", False),
])
def test_maths_delimiters(text, tex, display):
    [(_, _, found, disp)] = find_maths(text)
    assert (found, disp) == (tex, display)


@pytest.mark.parametrize("text", ["$5 and $10", "costs $ 5$", "a\\$b$", "US$100 or $200"])
def test_dollars_that_are_money_stay_text(text):
    assert find_maths(text) == []


def test_maths_in_html_fields_becomes_arithmatex_markup():
    out = from_html(r"<div>When \(a &lt; b<br>c\), [$$]x[/$$]</div>")
    assert r'<span class="arithmatex">\(a &lt; b c\)</span>' in out
    assert r'<span class="arithmatex">\[x\]</span>' in out


def test_markdown_cards_keep_code_tables_maths_and_stay_inert():
    out = from_markdown("Use `sorted`:\n\n```python\ndef f():\n    return 1\n```\n\n| a | b |\n|---|---|\n"
                        "| 1 | 2 |\n\n$$E=mc^2$$ and [$]x[/$]\n\n{: onclick=\"x\" } <script>x</script> "
                        "[bad](javascript:x) ![r](https://e.example/i.png)")
    assert '<div class="highlight"><pre><span></span><code><span class="k">def</span>' in out
    assert "<table>" in out and "<td>2</td>" in out
    assert r'<span class="arithmatex">\[E=mc^2\]</span>' in out and r"\(x\)" in out
    assert "{: onclick" in out and "<script>" not in out
    assert_inert(out)


def test_cloze_is_marked():
    assert from_html("<b>{{c1::Naloxone::drug}}</b> reverses") == '<b><mark class="kb-cloze">Naloxone</mark></b> reverses'


def test_is_html_needs_a_formatting_tag():
    assert is_html("a<br>b") and is_html("<div>x</div>")
    assert not is_html("What does <title> do?") and not is_html("<script>x</script>")


_HOSTILE = st.text(alphabet=st.sampled_from(list("<>/=\"' abiprstcluhef:(){}$\\[]&#;x1\n")) | st.characters(),
                   max_size=120)
_TAGS = st.sampled_from(["<b>", "</b>", "<script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
                         "<pre><code>", "</code></pre>", "<table><tr><td>", "{: onclick=x }", "{{ config }}",
                         "\\(x\\)", "$$y$$", "<style>", "<!--", "<div markdown=1>", "\x02", "\ue000", "\n\n"])
_FIELDS = st.lists(_HOSTILE | _TAGS, max_size=8).map("".join)


@settings(max_examples=150, deadline=None)
@given(_FIELDS)
def test_any_field_sanitises_to_inert_html(field):
    for out in (from_html(field), from_markdown(field)):
        assert_inert(out)
        assert "\x02" not in out and "\x03" not in out


def _site_markdown() -> markdown.Markdown:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, conf = next(iter(ext.items())) if isinstance(ext, dict) else (ext, None)
        if name == "material.extensions.preview":
            continue  # only marks links for hover previews, and needs MkDocs' own path processor
        names.append(name)
        if conf:
            configs[name] = conf
    return markdown.Markdown(extensions=names, extension_configs=configs)


_MD = _site_markdown()


@settings(max_examples=150, deadline=None)
@given(_FIELDS)
def test_a_card_block_passes_the_site_markdown_unchanged(field):
    fragment = from_html(field) or sanitise("<b>x</b>")
    names = re.findall(f'src="{MEDIA}([^"]*)"', fragment)
    card = {"deck": "d", "media": [media_path("d", html.unescape(n)) for n in names]}
    page = f"## Question {{#q}}\n\n{block(fragment, card, 'decks/d.md')}\n\nAfter.\n"
    out = _MD.reset().convert(page)
    m = re.search(r'<div class="kb-rich">(.*)</div>\s*<p>After.</p>', out, re.S)
    assert m, out
    assert_inert(m.group(1).replace(' src="../../media/d/', f' src="{MEDIA}'))  # only the deck's media
    # What the browser reads is the sanitised fragment (entities aside), nothing more.
    assert _text(m.group(1)) == _text(fragment.replace(f' src="{MEDIA}', ' src="'))


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r' src="[^"]*"', "", fragment))


def test_heading_keeps_inline_formatting_as_inert_text():
    out = inline('<b>bold</b> <code>{: x }</code> <span class="arithmatex">\\(x\\)</span>'
                 '<table><tr><td>cell</td></tr></table>', escape)
    assert out.startswith("<b>bold</b> <code>&#123;&#58; x &#125;</code>")
    assert '<span class="arithmatex">&#92;(x&#92;)</span>' in out and "cell" in out and "<td" not in out


def test_an_image_the_deck_did_not_ship_is_its_alt_text():
    fragment = from_html('<img src="here.png" alt="Here"><img src="gone.png" alt="Gone">')
    out = block(fragment, {"deck": "d", "media": ["media/d/here.png"]}, "decks/d.md")
    assert '<img src="../../media/d/here.png" alt="Here">' in out
    assert '<span class="kb-missing-image">Gone</span>' in out and "gone.png" not in out


_HEADING_TAGS = {"h2", "a", "b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
                 "code", "kbd", "samp", "var", "q", "cite", "abbr", "span"}


@settings(max_examples=150, deadline=None)
@given(_FIELDS)
def test_a_formatted_question_heading_holds_only_inline_marks(field):
    out = _MD.reset().convert(f"## {inline(from_html(field), escape) or 'x'} {{#q}}\n")
    e = elements(out)
    assert set(e.tags) <= _HEADING_TAGS, e.tags
    for tag, name, value in e.attrs:
        if tag == "h2":
            assert (name, value) == ("id", "q")
        elif tag == "a":
            assert name in ("class", "href", "title") and value in ("headerlink", "#q", "Permanent link")
        else:
            assert name == "class" and value in ("arithmatex", "kb-cloze"), (tag, name, value)
