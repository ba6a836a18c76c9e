from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kbgen.readers._html import to_text


@pytest.mark.parametrize(("html", "text"), [
    ("<p>a &amp; b &lt;c&gt; &eacute;</p>", "a & b <c> é"),
    ("x<br>y<br/>z", "x\ny\nz"),
    ("<ol><li>one</li><li>two</li></ol>", "1) one\n2) two"),
    ("<ul><li>a</li><li>b <i>c</i></li></ul>", "- a\n- b c"),
    ("ok<script>alert(1)</script><style>p{}</style>", "ok"),
    ('<a href="javascript:alert(1)" onclick="x()">click</a>', "click"),
    ('<img src="x.png" onerror="alert(1)">', ""),
    ("<p>wrapped\n   across\nlines</p>", "wrapped across lines"),
    (r"\(x^2\) and [$]y[/$] and [$$]z[/$$]", r"\(x^2\) and $y$ and $$z$$"),
    ("a < b and c > d", "a < b and c > d"),
    ("<pre>code\n  indented</pre>", "code\n  indented"),
    ('<img src="https://example.org/i.png">', "(image: https://example.org/i.png)"),
])
def test_to_text(html, text):
    assert to_text(html)[0] == text


def test_images_are_returned_by_name():
    assert to_text('<div><img src="a.png"><img src="javascript:x"><img src="a.png"></div>')[1] == ("a.png",)


_html = st.text(alphabet=st.sampled_from(list("<>/=\"' abpliscrt&;#x1")) | st.characters(), max_size=60)


@settings(max_examples=200, deadline=None)
@given(_html, _html)
def test_never_crashes_and_script_bodies_vanish(before, after):
    text, _ = to_text(f"<p>{before}</p><script>SECRET()</script><p>{after}</p>")
    assert "SECRET" not in text or "SECRET" in before + after


@pytest.mark.parametrize("field", ["What does the <title> tag do?", "What is <head>, and <script>? Both",
                                   "Is <x> < <y>?"])
def test_a_csv_field_that_only_looks_like_html_is_text(field):
    assert to_text(field, detect=True) == (field, ())


def test_a_csv_field_with_formatting_tags_is_html():
    assert to_text("<b>bold</b> <title>t</title> after", detect=True)[0] == "bold after"


def test_csv_questions_naming_tags_keep_their_whole_text():
    from helpers import DATA

    from kbgen.readers import read_decks
    [deck] = read_decks([DATA / "formats" / "title-tags.csv"])
    assert [c.question for c in deck.cards] == ["What does the <title> tag do?", "What is <head>, and <script>?"]
    assert [c.answer for c in deck.cards] == ["It names the page in the browser tab", "Parts of an HTML document"]
    assert all(not c.question_html and not c.answer_html for c in deck.cards)
