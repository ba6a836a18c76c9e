"""Links inside card text: the first mention of each concept in an answer links to its page.

Extraction already found which concepts each card mentions (``card["concepts"]`` in the
content index); here only those few are looked for in the card's own text, by their label
and aliases, so there is no second search over every concept. Nothing inside code, maths,
a cloze or an existing link becomes a link: plain answers get ``<a>`` tags between their
escaped parts, formatted answers between the sanitised fragment's tags (a concept page then
unlinks its own concept: :func:`kbgen.render.cardhtml.unlink`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from kbgen.slugs import concept_path, page_href

#: Inside these elements text stays as it is.
_NO_LINK = {"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3"}
_NO_LINK_CLASS = re.compile(r'class="[^"]*\b(?:arithmatex|kb-cloze)\b')
_TAG = re.compile(r"(<[^>]*>)")
_VOID = {"br", "img", "hr", "wbr", "input"}


def _form_pattern(form: str) -> str:
    words = [re.escape(w) for w in form.split()]
    if not words:
        return ""
    body = r"[\s\-]+".join(words)
    # Capitals alone ("GAN", "ECG") name the acronym; any other spelling matches in any case.
    if form.isupper() and len(form) > 1:
        return body + r"(?:s)?"
    return rf"(?i:{body}(?:e?s)?)"


class Linker:
    """Finds, per card, the first mention of each of its concepts.

    One pattern per concept, compiled once per build and shared by every page: a card's
    concepts differ from card to card, and compiling one alternation per card cost more
    than the rest of rendering together.
    Scanning with the earliest match among a card's concepts, the longest one when several
    start at the same place ("model capacity" before "model"), then the first in ``ids``.
    """

    def __init__(self, concepts: Mapping[str, Mapping[str, object]]) -> None:
        self.concepts = concepts
        self._patterns: dict[str, list[Any]] = {}  # by concept id

    def pattern(self, cid: str) -> re.Pattern[str] | None:
        """The pattern of ``cid``'s label and aliases (longest first), or None if it has no form."""
        entry = self._entry(cid)
        if entry[1] is False:  # compiled on first use: most concepts' first words rule most texts out
            c = self.concepts[cid]
            forms = sorted({str(c["label"]), *map(str, c["aliases"])}, key=len, reverse=True)  # type: ignore[call-overload]
            parts = [p for p in map(_form_pattern, forms) if p]
            entry[1] = re.compile(rf"(?<![\w\-])(?:{'|'.join(parts)})(?![\w\-])") if parts else None
        pat: re.Pattern[str] | None = entry[1]
        return pat

    def _entry(self, cid: str) -> list[Any]:
        """[the first words (casefolded) one of which any match starts with, or None when one
        folds to something outside ASCII (then the text decides); the pattern, or False]."""
        if (entry := self._patterns.get(cid)) is None:
            c = self.concepts[cid]
            forms = [str(c["label"]), *map(str, c["aliases"])]  # type: ignore[call-overload]
            firsts = tuple({f.split()[0].casefold() for f in forms if f.split()})
            entry = self._patterns[cid] = [firsts if all(f.isascii() for f in firsts) else None, False]
        return entry

    def _candidates(self, text: str, ids: Sequence[str]) -> list[tuple[str, re.Pattern[str]]]:
        """The patterns of ``ids`` that can match in ``text``: an ASCII text is matched only by
        concepts whose first word it contains, which a substring test tells without the regex."""
        low = text.lower() if text.isascii() else None
        out = []
        for cid in ids:
            if cid not in self.concepts:
                continue
            firsts = self._entry(cid)[0]
            if (low is None or firsts is None or any(f in low for f in firsts)) \
                    and (pat := self.pattern(cid)) is not None:
                out.append((cid, pat))
        return out

    def matches(self, text: str, ids: Sequence[str]) -> Iterator[tuple[int, int, str]]:
        """Every (start, end, concept id) of ``ids``' mentions, left to right, without overlaps."""
        pats = self._candidates(text, ids)
        nxt = {cid: pat.search(text) for cid, pat in pats}
        pos = 0
        while True:
            best: tuple[int, int, str] | None = None
            for cid, pat in pats:
                m = nxt[cid]
                if m is not None and m.start() < pos:  # overlapped by an earlier match: look again
                    m = nxt[cid] = pat.search(text, pos)
                if m is not None and (best is None or m.start() < best[0]
                                      or (m.start() == best[0] and m.end() > best[1])):
                    best = (m.start(), m.end(), cid)
            if best is None:
                return
            yield best
            pos = best[1]

    def spans(self, text: str, ids: Sequence[str], used: set[str], *,
              blocked: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
        """(start, end, concept id) of first mentions in ``text`` not yet in ``used`` (updated),
        none overlapping a ``blocked`` span (maths, cloze)."""
        wanted = {i for i in ids if i in self.concepts}
        if len(used & wanted) >= len(wanted):
            return []
        out = []
        for a, b, cid in self.matches(text, ids):
            if any(x < b and a < y for x, y in blocked):
                continue
            if cid not in used:
                used.add(cid)
                out.append((a, b, cid))
        return out


def link_plain(text: str, spans: list[tuple[int, int, str]], escape: Callable[[str], str],
               src: str) -> str:
    """HTML for ``text`` (``escape`` makes its parts HTML) with its ``spans`` as links to their
    concept pages."""
    def esc(part: str) -> str:  # ``escape`` trims a line; between links the spaces count
        lead = " " if part[:1].isspace() else ""
        return lead + escape(part) + (" " if part[-1:].isspace() and part.strip() else "")

    out, pos = [], 0
    for a, b, cid in spans:
        out += [esc(text[pos:a]),
                f'<a href="{page_href(src, concept_path(cid))}">{escape(text[a:b])}</a>']
        pos = b
    out.append(esc(text[pos:]))
    return "".join(out)


def link_html(fragment: str, ids: Sequence[str], linker: Linker, src: str, used: set[str]) -> str:
    """A sanitised HTML fragment with the first mention of each concept wrapped in a link."""
    stack: list[bool] = []  # per open element: does it forbid links inside?
    out = []
    for part in _TAG.split(fragment):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if part.startswith("</"):
                if stack:
                    stack.pop()
            elif tag not in _VOID and not part.endswith("/>"):
                stack.append(tag in _NO_LINK or bool(_NO_LINK_CLASS.search(part)))
            out.append(part)
        elif part and not any(stack):
            text = html.unescape(part)
            spans = linker.spans(text, ids, used)
            pieces, pos = [], 0
            for a, b, cid in spans:
                url = page_href(src, concept_path(cid))
                pieces += [html.escape(text[pos:a], quote=False),
                           f'<a href="{html.escape(url)}" class="kb-concept-link">'
                           f"{html.escape(text[a:b], quote=False)}</a>"]
                pos = b
            out.append("".join(pieces) + html.escape(text[pos:], quote=False) if spans else part)
        else:
            out.append(part)
    return "".join(out)
