"""Card text → safe Markdown. Card text is data: it never becomes markup.

Characters that Markdown, HTML, ``attr_list`` or a Jinja-like template would act on
become numeric character references, which every Markdown engine passes through
and the browser shows as the original characters. The answer's own structure
(bullets, ``1)`` items, ``–>`` arrows, line breaks) is recognised first and
rendered with Markdown that kbgen writes itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from kbgen.rich import find_maths

# "#" everywhere: a trailing run of "#" closes an ATX heading and would vanish from it.
_ALWAYS = {ch: f"&#{ord(ch)};" for ch in "&<>\\`*_{}[]|~^$:\"'#"}
_LINE_START = {ch: f"&#{ord(ch)};" for ch in "#+-=.!%@"}
_ORDERED_START = re.compile(r"^(\d+)([.)])")
# C0 controls are invisible, and Python-Markdown uses \x02/\x03 to mark its stashed HTML,
# so a card holding them could pull kbgen's own markup into its text: they become spaces.
_CONTROLS = {i: " " for i in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f]}
_TABLE = str.maketrans({**_ALWAYS, **{chr(i): " " for i in _CONTROLS}})
# Outside PyYAML's printable set, or a YAML line break (NEL, LS, PS).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")

_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^{}]*)?\}\}")
BULLET = re.compile(r"^(?:[-*•·▪◦]|[-–—](?!>))\s+(?P<t>.*)$")
ORDERED = re.compile(r"^(?P<n>\d{1,4})[.)]\s+(?P<t>.*)$")
ARROW = re.compile(r"^(?:[-–—=]+>|→|⇒)\s*(?P<t>.*)$")


def escape(text: str) -> str:
    """Escape one line of card text for use inside Markdown (inline or at a line start)."""
    s = " ".join(text.translate(_CONTROLS).split()).translate(_TABLE)
    if s[:1] in _LINE_START:
        s = _LINE_START[s[0]] + s[1:]
    if (m := _ORDERED_START.match(s)):
        s = m.group(1) + f"&#{ord(m.group(2))};" + s[m.end():]
    return s


def count(n: int, noun: str) -> str:
    """ "1 deck", "2 decks", "1,204 cards": every noun kbgen counts has a regular plural.

    >>> count(1, "deck"), count(1204, "card")
    ('1 deck', '1,204 cards')
    """
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar that reads back as ``text``: a JSON string, with the
    characters YAML rejects or folds as line breaks written as ``\\u`` escapes."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def meta_text(text: str) -> str:
    """Card text for front matter (``title``, ``tags``). MkDocs themes print these without
    autoescaping (``<title>``, header, nav, search results), so it is escaped like page text."""
    return yaml_str(escape(text))


def heading(text: str) -> str:
    """Escaped text for a heading that carries ``{#anchor}``: never empty, or attr_list
    would show the anchor as text and the card's link would lead nowhere."""
    return escape_marked(text) or "(no question)"


def escape_marked(text: str) -> str:
    """:func:`escape`, with the card's maths and cloze marked up for the browser: KaTeX
    draws ``<span class="arithmatex">``, which holds the formula as the card wrote it
    (delimiters included), escaped like the rest of the text."""
    if "$" not in text and "\\" not in text and "{{c" not in text and "[latex]" not in text:
        return escape(text)
    text = " ".join(text.translate(_CONTROLS).split())
    out, pos = [], 0
    for start, end, html in _marks(text):
        out += [_escape_part(text[pos:start]), html]
        pos = end
    out.append(_escape_part(text[pos:]))
    return "".join(out)


def _marks(text: str) -> list[tuple[int, int, str]]:
    # A cloze first: it may hold a formula, which is marked inside it.
    found = [(m.start(), m.end(), f'<mark class="kb-cloze">{escape_marked(m.group(1))}</mark>')
             for m in _CLOZE.finditer(text)]
    for a, b, _, _ in find_maths(text):
        if not any(x < b and a < y for x, y, _ in found):
            found.append((a, b, f'<span class="arithmatex">{escape(text[a:b])}</span>'))
    return sorted(found)


def _escape_part(text: str) -> str:
    # escape() trims: the spaces around a formula are part of the sentence.
    if not text.strip():
        return " " if text else ""
    return (" " if text[0] == " " else "") + escape(text) + (" " if text[-1] == " " else "")


def escape_multiline(text: str) -> str:
    """Escape text whose line breaks must be kept, as one paragraph."""
    return "<br>\n".join(escape(line) for line in text.split("\n") if line.strip())


def blocks(answer: str) -> list[tuple[str, list[list[str]], int]]:
    """Split an answer into ("p" | "ul" | "ol", items, start); each item is a list of lines."""
    out: list[tuple[str, list[list[str]], int]] = []
    for raw in answer.split("\n"):
        line = raw.strip()
        if not line:
            if out and out[-1][0] == "p" and out[-1][1][-1]:
                out.append(("p", [[]], 0))
            continue
        kind, text, n = _classify(line)
        last = out[-1] if out else None
        if kind in ("ul", "ol"):
            if last and last[0] == kind:
                last[1].append([text])
            else:
                out.append((kind, [[text]], n))
        elif last and last[0] in ("ul", "ol") and kind == "p" and (line[0].islower() or line[0] == "("):
            last[1][-1].append(text)  # a lowercase follow-on line continues the item
        elif last and last[0] == "p":
            last[1][-1].append(text)
        else:
            out.append(("p", [[text]], 0))
    return [b for b in out if any(b[1])]


def _classify(line: str) -> tuple[str, str, int]:
    if (m := ARROW.match(line)):
        return "p", "→ " + m.group("t"), 0
    if (m := BULLET.match(line)):
        return "ul", m.group("t"), 0
    if (m := ORDERED.match(line)):
        return "ol", m.group("t"), int(m.group("n"))
    return "p", line, 0


def render_answer(answer: str, line: Callable[[str], str] | None = None) -> str:
    """Markdown for a whole answer, faithful to its lists, arrows and line breaks; ``line``
    escapes one line of text (:func:`escape_marked` unless it also adds links)."""
    esc = line or escape_marked
    parts = []
    for kind, items, start in blocks(answer.translate(_CONTROLS)):
        if kind == "p":
            parts.append("<br>\n".join(_esc_line(t, esc) for t in items[0]))
        else:
            lines = []
            for i, item in enumerate(items):
                marker = "-" if kind == "ul" else f"{start + i}."
                body = "<br>\n    ".join(_esc_line(t, esc) for t in item)
                lines.append(f"{marker} {body}")
            parts.append("\n".join(lines))
    return "\n\n".join(parts) if parts else "*(no answer)*"


def answer_html(answer: str, line: Callable[[str], str] | None = None) -> str:
    """The HTML Python-Markdown makes of :func:`render_answer`'s Markdown, for HTML kbgen
    writes itself (:mod:`kbgen.render.cardhtml`)."""
    esc = line or escape_marked
    parts = []
    for kind, items, start in blocks(answer.translate(_CONTROLS)):
        if kind == "p":
            parts.append("<p>" + "<br>\n".join(_esc_line(t, esc) for t in items[0]) + "</p>")
            continue
        first = f' start="{start}"' if kind == "ol" and start != 1 else ""
        lis = "".join("<li>" + "<br>\n".join(_esc_line(t, esc) for t in item) + "</li>\n" for item in items)
        parts.append(f"<{kind}{first}>\n{lis}</{kind}>")
    return "\n".join(parts) if parts else "<p><em>(no answer)</em></p>"


def _esc_line(text: str, esc: Callable[[str], str]) -> str:
    if text.startswith("→ "):
        return "→ " + esc(text[2:])
    return esc(text)


def marked_text(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as :func:`escape_marked` sees it, and the spans of its maths and cloze marks,
    which must stay whole."""
    if "$" not in text and "\\" not in text and "{{c" not in text and "[latex]" not in text:
        return text, []
    norm = " ".join(text.translate(_CONTROLS).split())
    return norm, [(a, b) for a, b, _ in _marks(norm)]
