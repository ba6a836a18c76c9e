"""The glossary benchmark: kbgen's links beat exact string matching on recall and precision."""

from __future__ import annotations

import importlib.util

from helpers import DATA, ROOT


def test_links_beat_exact_matching_on_the_glossary():
    spec = importlib.util.spec_from_file_location("eval_glossary", ROOT / "benchmarks" / "eval_glossary.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    deck, raw = ev.read_glossary(DATA / "Google_Machine_Learning_Glossary.csv")
    terms = [ev.term_of(c.question) for c in deck.cards]
    gold = ev.gold_pairs(terms, raw)
    base_r, base_p, _ = ev.score(ev.exact_pairs(terms, deck), gold)
    r, p, _ = ev.score(ev.kbgen_pairs(deck)[0], gold)
    assert r > base_r + 0.03 and p > base_p + 0.1, (r, p, base_r, base_p)
    assert r > 0.75 and p > 0.5
