"""One paths module: every page path and file name kbgen writes is spelled in ``kbgen/slugs.py``.

A renderer that writes ``f"decks/{slug}.md"`` itself drifts from the rule the links use;
this test reads every other module's string literals (docstrings aside) and fails naming
``file:line`` of a page-path literal, so the rule stays in one place.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kbgen"
PATHS_MODULE = PACKAGE / "slugs.py"

#: Text that names a page or a generated file, wherever it appears in a string.
LITERAL = re.compile(r"(?:^|[^\w.-])(?:concepts/|decks/|media/|assets/kbgen|graph/)"
                     r"|\b(?:index|study|gaps|graph|tags)\.md\b|content-index|\.kbgen-mkdocs")
#: A path built in an f-string: a page, or a file in a folder (a cache file's bare name is not a page).
BUILT = re.compile(r"\.md$|/.*\.(?:json|js|css)$")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
    return out


def page_path_literals(source: str) -> list[tuple[int, str]]:
    """``(line, literal)`` for each string outside docstrings that spells a page path."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            if any(LITERAL.search(str(p)) for p in parts) or BUILT.search("".join(map(str, parts))):
                found.append((node.lineno, ast.unparse(node)))
            skip.update(id(v) for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                and LITERAL.search(node.value):
            found.append((node.lineno, repr(node.value)))
    return sorted(found)


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "assets" not in p.parts and p != PATHS_MODULE)


def test_page_paths_are_spelled_only_in_the_paths_module():
    found = [f"{p.relative_to(ROOT)}:{line}: {text}" for p in _modules()
             for line, text in page_path_literals(p.read_text(encoding="utf-8"))]
    assert not found, ("page paths outside kbgen/slugs.py (name them there and import them):\n"
                       + "\n".join(found))


@pytest.mark.parametrize("source", [
    'PAGE = "gaps.md"\n',
    'def f(slug):\n    return f"decks/{slug}.md"\n',
    'def f(c):\n    return f"{DIR}/{c}.json"\n',
    'X = "assets/kbgen/graph-loader.js"\n',
    'def f(root):\n    return f\'<script src="{root}assets/kbgen/x.js">\'\n',
    'def f(n):\n    return f"{n}.md"\n',
])
def test_a_new_page_path_literal_is_caught(source):
    assert [line for line, _ in page_path_literals(source)] == [source.count("\n")]


@pytest.mark.parametrize("source", [
    '"""Writes ``decks/<slug>.md``."""\n',
    'SUFFIXES = {".md", ".json"}\n',
    'x = "a/b.txt"\n',
    'def f(kind):\n    return f"{kind}.json"\n',
    'def f(p):\n    """See graph.md."""\n    return p\n',
])
def test_docstrings_and_deck_suffixes_are_not_page_paths(source):
    assert page_path_literals(source) == []
