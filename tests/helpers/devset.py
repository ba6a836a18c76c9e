"""Score extraction on the development decks in ``tests/data/devset/``, in process.

The measures and the matching are those of the project's ``score.py`` (kept beside the dev decks,
see ``tests/data/devset/README.md``); its ``norm``, ``singular`` and ``keys`` are copied here
unchanged so that a floor here means the same figure there. Run as a script for the table:
``python tests/helpers/devset.py [--verbose] [DECK ...]``.
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import sys
import unicodedata
from pathlib import Path

DEVSET = Path(__file__).resolve().parent.parent / "data" / "devset"


# --- copied from score.py: matching ignores case, hyphens, punctuation, a leading article, a plural
def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s)).lower()
    s = re.sub(r"[\u2010-\u2015\-_/]", " ", s)
    s = re.sub(r"[^\w\s]", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^(the|a|an) ", "", s)


def singular(w: str) -> str:
    if len(w) <= 3:
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if re.search(r"(ches|shes|xes|sses|zes)$", w):
        return w[:-2]
    if w.endswith("s") and not re.search(r"(ss|is|us|os|as|ys)$", w):
        return w[:-1]
    return w


def keys(s: str) -> set[str]:
    n = norm(s)
    if not n:
        return set()
    words = n.split(" ")
    return {n, " ".join(words[:-1] + [singular(words[-1])])}
# --- end of the copy


def decks() -> list[Path]:
    return sorted(p for p in DEVSET.iterdir() if p.suffix in {".tsv", ".md", ".json"}
                  and not p.name.endswith(".gold.json") and p.name != "README.md"
                  and p.with_name(p.name.rsplit(".", 1)[0] + ".gold.json").exists())


def _model(deck: Path):
    from kbgen.config import Config
    from kbgen.extract import extract_concepts
    from kbgen.graph import build_concept_graph
    from kbgen.readers import DEFAULT, read_decks
    logging.disable(logging.WARNING)  # missing images are expected: the media were not copied
    try:
        ds = read_decks([deck], None, DEFAULT)
    finally:
        logging.disable(logging.NOTSET)
    concepts = extract_concepts(ds, Config())
    return ds, concepts, build_concept_graph(ds, concepts)


def score_deck(deck: Path) -> dict:
    """score.py's figures for one deck: must, should, edges, junk, covered, defs, nodes."""
    gold = json.loads(deck.with_name(deck.name.rsplit(".", 1)[0] + ".gold.json").read_text())
    ds, concepts, G = _model(deck)
    by_key: dict[str, set[str]] = {}
    for c in concepts:
        for f in [c.label, str(c.id), *c.aliases]:
            for k in keys(f):
                by_key.setdefault(k, set()).add(str(c.id))

    def match(forms) -> set[str]:
        return {i for f in ([forms] if isinstance(forms, str) else forms) for k in keys(f) for i in by_key.get(k, ())}

    must = {c: match([c] + forms) for c, forms in gold["must"].items()}
    should = {c: match([c] + forms) for c, forms in gold.get("should", {}).items()}
    adj = {(str(a), str(b)) for a, b in G.edges()}
    adj |= {(b, a) for a, b in adj}
    edges = [tuple(e) for e in gold.get("edges", [])]
    hits = [e for e in edges if any((x, y) in adj for x in must.get(e[0], ()) for y in must.get(e[1], ()))]
    covered = set().union(*must.values(), *should.values()) if concepts else set()
    right, total, wrong = _definitions(gold, must, match, ds, concepts)
    return {
        "deck": deck.name, "cards": sum(len(d.cards) for d in ds), "nodes": len(concepts),
        "must": sum(bool(v) for v in must.values()) / len(must),
        "should": sum(bool(v) for v in should.values()) / len(should) if should else None,
        "edges": len(hits) / len(edges) if edges else None,
        "junk": [j for j in gold.get("junk", []) if match(j)],
        "covered": len(covered) / len(concepts) if concepts else 0.0,
        "defs": right / total if total else None,
        "missed": [c for c, v in must.items() if not v], "def_wrong": wrong,
        "missed_edges": [e for e in edges if e not in hits],
        "unjudged": sorted(c.label for c in concepts if str(c.id) not in covered),
    }


def _definitions(gold: dict, must: dict, match, ds, concepts) -> tuple[int, int, list[str]]:
    """score.py's definition accuracy: (right, judged, wrong ones)."""
    questions = {c.id: c.question for d in ds for c in d.cards}
    defined = {str(c.id): c.definition for c in concepts}
    right, total, wrong = 0, 0, []
    for concept, want in (gold.get("definitions") or {}).items():
        ids = must.get(concept) or match(concept)
        if not ids:
            continue
        total += 1
        got = [questions.get(defined.get(i)) for i in ids if defined.get(i)]
        if want is None:
            ok = not got
        else:
            w = norm(want)
            ok = any(q and (w == norm(q) or w in norm(q) or (norm(q) and norm(q) in w)) for q in got)
        right += ok
        if not ok:
            wrong.append(f"{concept}: {got[0] if got else None!r}")
    return right, total, wrong


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.2f}"


def main(argv: list[str]) -> None:
    verbose = "--verbose" in argv
    names = [a for a in argv if not a.startswith("--")]
    rows = [score_deck(d) for d in decks() if not names or any(n in d.name for n in names)]
    print(f"{'deck':14} {'cards':>5} {'nodes':>5} {'must':>5} {'should':>6} {'edges':>5} {'junk':>4} "
          f"{'covered':>7} {'defs':>5}")
    for r in rows:
        print(f"{r['deck'].split('__')[0]:14} {r['cards']:5} {r['nodes']:5} {_fmt(r['must']):>5} "
              f"{_fmt(r['should']):>6} {_fmt(r['edges']):>5} {len(r['junk']):4} {_fmt(r['covered']):>7} "
              f"{_fmt(r['defs']):>5}")
        if verbose:
            for k in ("missed", "missed_edges", "junk", "def_wrong", "unjudged"):
                print(f"    {k}: {'; '.join(map(str, r[k])) or '-'}")
    med = lambda k: statistics.median([r[k] for r in rows if r[k] is not None] or [0])  # noqa: E731
    print(f"median: must {med('must'):.2f} edges {med('edges'):.2f} defs {med('defs'):.2f}; "
          f"junk pages {sum(len(r['junk']) for r in rows)}")


if __name__ == "__main__":
    main(sys.argv[1:])
