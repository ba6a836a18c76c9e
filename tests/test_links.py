"""Links inside card text: first mention per concept, never in code, maths, cloze or links, never to itself."""

from __future__ import annotations

from kbgen.render.links import Linker, link_html, link_plain
from kbgen.render.markdown import escape_marked, marked_text, render_answer
from kbgen.render.richhtml import answer_md

CONCEPTS = {"gan": {"label": "GAN", "aliases": ["generative adversarial network"]},
            "discriminator": {"label": "discriminator", "aliases": []},
            "loss-function": {"label": "loss function", "aliases": []}}


def _card(answer: str, answer_html: str = "") -> dict:
    return {"id": "d#c", "deck": "d", "answer": answer, "answer_html": answer_html, "media": [],
            "concepts": ["discriminator", "gan", "loss-function"]}


def test_plain_answer_links_first_mentions_only():
    md, _ = answer_md(_card("A GAN trains a discriminator.\nThe discriminator and its loss functions."),
                      "decks/d.md", Linker(CONCEPTS))
    assert md.count("](../concepts/discriminator.md)") == 1
    assert "[GAN](../concepts/gan.md)" in md and "[loss functions](../concepts/loss-function.md)" in md
    assert md.startswith("A [GAN](../concepts/gan.md) trains a [discriminator](../concepts/discriminator.md)")


def test_own_page_and_acronym_case():
    md, _ = answer_md(_card("gan is not GAN; the GAN's discriminator."), "concepts/gan.md",
                      Linker(CONCEPTS).excluding("gan"))
    assert "gan.md" not in md and "[discriminator](discriminator.md)" in md


def test_maths_and_cloze_stay_whole():
    text, marks = marked_text(r"The loss function $L_{discriminator}$ of the {{c1::discriminator}}.")
    used: set[str] = set()
    spans = Linker(CONCEPTS).spans(text, ["discriminator", "loss-function"], used, blocked=marks)
    out = link_plain(text, spans, escape_marked, "decks/d.md")
    assert "[loss function](../concepts/loss-function.md)" in out
    assert "discriminator.md" not in out and '<span class="arithmatex">' in out


def test_html_skips_code_links_and_maths():
    fragment = ('<p><code>discriminator</code> <a href="https://x.org">GAN</a> '
                '<span class="arithmatex">\\(GAN\\)</span> and the discriminator &amp; GAN</p>')
    out = link_html(fragment, ["discriminator", "gan"], Linker(CONCEPTS), "decks/d.md", set())
    assert out.count('class="kb-concept-link"') == 2
    assert "<code>discriminator</code>" in out and '<a href="https://x.org">GAN</a>' in out
    assert 'the <a href="../../concepts/discriminator/" class="kb-concept-link" data-preview="">discriminator</a> &amp; ' in out


def test_without_a_linker_nothing_changes():
    assert answer_md(_card("A GAN."), "decks/d.md")[0] == render_answer("A GAN.")


def test_per_concept_patterns_find_what_one_alternation_finds():
    """The linker scans with one pattern per concept (compiled once, tried only when the text
    holds a first word); it must find exactly what one alternation of the card's concepts finds."""
    import random
    import re

    from kbgen.render.links import Linker, _form_pattern
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
        alts = []
        for n, cid in enumerate(ids):
            forms = sorted({concepts[cid]["label"], *concepts[cid]["aliases"]}, key=len, reverse=True)
            alts.append(f"(?P<c{n}>{'|'.join(p for p in map(_form_pattern, forms) if p)})")
        pat = re.compile(rf"(?<![\w\-])(?:{'|'.join(alts)})(?![\w\-])")
        expected = [(m.start(), m.end(), ids[int(str(m.lastgroup)[1:])]) for m in pat.finditer(text)]
        assert list(linker.matches(text, ids)) == expected, (text, ids)
