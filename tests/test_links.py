"""Links inside card text: first mention per concept, never in code, maths, cloze or links, never to itself."""

from __future__ import annotations

from kbgen.render.cardhtml import CardHtml, unlink
from kbgen.render.links import Linker, link_html, link_plain
from kbgen.render.markdown import answer_html, escape_marked, marked_text, render_answer

CONCEPTS = {"gan": {"label": "GAN", "aliases": ["generative adversarial network"]},
            "discriminator": {"label": "discriminator", "aliases": []},
            "loss-function": {"label": "loss function", "aliases": []}}


def _card(answer: str, answer_html: str = "") -> dict:
    return {"id": "d#c", "deck": "d", "answer": answer, "answer_html": answer_html, "media": [],
            "concepts": ["discriminator", "gan", "loss-function"]}


def test_plain_answer_links_first_mentions_only():
    out = CardHtml(Linker(CONCEPTS)).answer(_card("A GAN trains a discriminator.\nThe discriminator and its loss functions."),
                                            "decks/d.md")
    assert out.count('href="../../concepts/discriminator/"') == 1
    assert '<a href="../../concepts/loss-function/">loss functions</a>' in out
    assert out.startswith('<p>A <a href="../../concepts/gan/">GAN</a> trains a '
                          '<a href="../../concepts/discriminator/">discriminator</a>')


def test_own_page_and_acronym_case():
    html = CardHtml(Linker(CONCEPTS))
    card = _card("gan is not GAN; the GAN's discriminator.")
    out = unlink(html.answer(card, "concepts/gan.md"), "gan")
    assert "/gan/" not in out and "<p>gan is not GAN; the GAN&#39;s " in out
    assert '<a href="../../concepts/discriminator/">discriminator</a>' in out
    # made once for pages as deep: the discriminator's page and the deck page share the links
    other = unlink(html.answer(card, "concepts/discriminator.md"), "discriminator")
    assert '<a href="../../concepts/gan/">GAN</a>' in other and "/discriminator/" not in other
    assert html.answer(card, "decks/d--2.md") is html.answer(card, "concepts/x.md")
    assert 'href="../../../concepts/gan/"' in html.answer(card, "decks/d/study.md")


def test_the_longest_mention_starting_at_a_place_links():
    concepts = {"model": {"label": "model", "aliases": []}, "cap": {"label": "model capacity", "aliases": []}}
    text = "limited model capacity, then a model"
    assert list(Linker(concepts).matches(text, ["model", "cap"])) == [(8, 22, "cap"), (31, 36, "model")]


def test_maths_and_cloze_stay_whole():
    text, marks = marked_text(r"The loss function $L_{discriminator}$ of the {{c1::discriminator}}.")
    used: set[str] = set()
    spans = Linker(CONCEPTS).spans(text, ["discriminator", "loss-function"], used, blocked=marks)
    out = link_plain(text, spans, escape_marked, "decks/d.md")
    assert '<a href="../../concepts/loss-function/">loss function</a>' in out
    assert "concepts/discriminator" not in out and '<span class="arithmatex">' in out


def test_html_skips_code_links_and_maths():
    fragment = ('<p><code>discriminator</code> <a href="https://x.org">GAN</a> '
                '<span class="arithmatex">\\(GAN\\)</span> and the discriminator &amp; GAN</p>')
    out = link_html(fragment, ["discriminator", "gan"], Linker(CONCEPTS), "decks/d.md", set())
    assert out.count('class="kb-concept-link"') == 2
    assert "<code>discriminator</code>" in out and '<a href="https://x.org">GAN</a>' in out
    assert 'the <a href="../../concepts/discriminator/" class="kb-concept-link">discriminator</a> &amp; ' in out


def test_per_concept_patterns_find_the_leftmost_longest_mentions():
    """The linker scans with one pattern per concept (compiled once, tried only when the text
    holds a first word); it must find what trying every concept at every place finds: the
    leftmost mention, the longest of those starting there, the first concept on a tie."""
    import random

    from kbgen.render.links import Linker
    concepts = {"nn": {"label": "neural network", "aliases": ["NN"]}, "net": {"label": "network", "aliases": []},
                "gan": {"label": "GAN", "aliases": ["generative adversarial network"]},
                "relu": {"label": "ReLU", "aliases": ["rectifier"]}, "ae": {"label": "auto-encoder", "aliases": []},
                "kelvin": {"label": "\u212aelvin", "aliases": []}}
    words = ["neural", "network", "networks", "NN", "NNs", "GAN", "gan", "generative", "adversarial", "ReLU",
             "relu", "rectifiers", "auto-encoder", "auto", "encoder", "kelvin", "x", "-", "(", ")", "é"]
    rng = random.Random(7)
    linker = Linker(concepts)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        ids = rng.sample(sorted(concepts), rng.randint(1, len(concepts)))
        expected, pos = [], 0
        while pos <= len(text):
            here = [(m.end(), -n, cid) for n, cid in enumerate(ids)
                    if (pat := linker.pattern(cid)) and (m := pat.match(text, pos))]
            if here:
                end, _, cid = max(here)
                expected.append((pos, end, cid))
                pos = end
            else:
                pos += 1
        assert list(linker.matches(text, ids)) == expected, (text, ids)


def test_answer_html_is_what_markdown_makes_of_the_answer():
    """The HTML kbgen writes for an answer is the HTML Python-Markdown (the site's extensions)
    makes of the same answer as Markdown, which kbgen wrote before."""
    import re

    import markdown
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "sane_lists", "tables", "pymdownx.arithmatex"],
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    answers = ["one line", "two\nlines\n\nand a paragraph", "- a\n- b\ncontinued\n- c",
               "3) third\n4) fourth\nthen text", "1. first\n2. second", "–> arrow\n→ another",
               "x < y & z > w * _a_ `c` [l](u) #h", "maths $x^2$ and \\(y\\) {{c1::cloze}}", "", "- only\n\n- lists"]
    for answer in answers:
        def norm(html: str) -> str:  # as a browser reads it: white space is one space
            return re.sub(r">\s+<", "><", " ".join(html.split()))
        assert norm(answer_html(answer)) == norm(md.reset().convert(render_answer(answer))), answer
