"""Property tests: card text through kbgen's escaping and the site's own Markdown
(Python-Markdown with mkdocs.yml's markdown_extensions) comes out as the same text,
with no element or attribute of its own: only kbgen's marks for maths (a span holding
the formula as written, for KaTeX) and cloze (the hidden words, highlighted)."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import yaml
from helpers import ROOT
from helpers.sitetools import normalise as _normalise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.extract.naming import uncloze
from kbgen.render.markdown import blocks, escape, heading, meta_text, render_answer

SPECIALS = "<>&{}[]()!*_`#|~^$:=-+.\"'\\%@/;?\t\n\r –—→•·>0123456789abcXYZ"
TRICKY = ["<script>", "</p>", "<!--", "-->", "{: #x .y onclick=z }", "{{ x }}", "{% if %}", "](javascript:x)",
          "![a](b)", "[a]: b", "&amp;", "&#60;", "\\", "```", "~~~", "---", "***", "1. ", "1) ", "- ", "* ",
          "> ", "# ", "|a|b|", "<https://x.y>", "javascript:", "\u202e", "\u200b", "\u2028", "\x85", "\ufeff",
          "é", "注意", "😀", "  ", "\t", "\x02wzxhzdk:0\x03", "\x00"]
chars = st.characters(blacklist_categories=("Cs",))
line = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(chars, max_size=6),
                          st.text(SPECIALS, max_size=6)), max_size=8).map("".join)
answer = st.lists(line, min_size=0, max_size=5).map("\n".join)


def _site_markdown() -> markdown.Markdown:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name and friends
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, opts = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        if name == "material.extensions.preview":
            continue  # only marks links for hover previews, and needs MkDocs' own path processor
        names.append(name)
        configs[name] = opts or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _site_markdown()
CONTROLS = {i: " " for i in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f]}


def normalise(text: str) -> str:
    """Whitespace-normalised, with invisible C0 controls counted as whitespace."""
    return _normalise(text.translate(CONTROLS))
ALLOWED = {"h2": {"id"}, "p": set(), "br": set(), "ul": set(), "ol": {"start"}, "li": set(),
           "em": set(), "a": {"class", "href", "title"},  # <a class="headerlink" href="#id">¶</a>
           "span": {"class"}, "mark": {"class"}}
MARKS = {"span": "arithmatex", "mark": "kb-cloze"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.bad: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in ALLOWED or any(k not in ALLOWED[tag] for k, _ in attrs):
            self.bad.append(f"<{tag} {attrs}>")
        if tag in MARKS and dict(attrs).get("class") != MARKS[tag]:
            self.bad.append(f"<{tag} {attrs}>")
        if tag == "a":
            if dict(attrs).get("class") != "headerlink":
                self.bad.append(f"link {attrs}")
            self.skip += 1
        if tag not in MARKS:  # inline marks sit inside the text
            self.text.append(" ")

    def handle_endtag(self, tag) -> None:
        if tag == "a":
            self.skip -= 1
        if tag not in MARKS:
            self.text.append(" ")

    def handle_data(self, data) -> None:
        if not self.skip:
            self.text.append(data)

    def handle_comment(self, data) -> None:
        self.bad.append("comment")


def _render(md_text: str) -> _Text:
    MD.reset()
    parser = _Text()
    parser.feed(MD.convert(md_text))
    return parser


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(line)
def test_question_heading_round_trips(question):
    out = _render(f"## {heading(question)} {{#card}}\n")
    assert not out.bad, out.bad
    assert normalise("".join(out.text)) == (normalise(uncloze(question)) or "(no question)")


@FAST
@given(answer)
def test_answer_round_trips(text):
    out = _render(render_answer(text))
    assert not out.bad, out.bad
    shown = normalise("".join(out.text))
    expected = [normalise(uncloze(ln)) for _, items, _ in blocks(text.translate(CONTROLS))
                for item in items for ln in item]
    if not any(expected):
        assert shown == "(no answer)"
        return
    # Lines appear in order, each exactly as written (list markers become list structure).
    assert shown == normalise(" ".join(expected))


@FAST
@given(line)
def test_front_matter_value_reads_back_as_the_escaped_text(title):
    assert yaml.safe_load(f"title: {meta_text(title)}")["title"] == escape(title)


cards = st.lists(st.tuples(line, answer), min_size=1, max_size=6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(line, cards), min_size=1, max_size=3))
def test_no_card_is_lost_from_its_deck_page(raw):
    """Any decks, through extraction, graph, index and render: every card is a heading with
    its anchor on its deck page, once, and its question reads back from that heading."""
    from kbgen.build import Model, content_index
    from kbgen.extract import extract_concepts
    from kbgen.graph import build_concept_graph
    from kbgen.model import Card, Deck
    from kbgen.readers import finalize
    from kbgen.render import render_site

    decks = finalize([Deck(title=title or "untitled", source=f"cards/{i}.txt",
                           cards=tuple(Card(id="", question=q, answer=a, line=n + 2)
                                       for n, (q, a) in enumerate(cs)))
                      for i, (title, cs) in enumerate(raw)])
    index = content_index(Model(decks, [], build_concept_graph(decks, extract_concepts(decks))))
    files = render_site(index)
    for deck in decks:
        page = files[f"decks/{deck.slug}.md"]
        for card in deck.cards:
            lines = [ln for ln in page.split("\n") if ln.endswith(f" {{#{card.anchor}}}")]
            assert len(lines) == 1, card.anchor
            out = _render(lines[0] + "\n")
            assert normalise("".join(out.text)) == (normalise(card.question) or "(no question)")
