"""Layout rules a newcomer relies on: small modules and functions, and a README module map that names them all."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kbgen"
MAX_LINES = 300
#: A function's body, its docstring aside.
MAX_FUNCTION_LINES = 40


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "assets" not in p.relative_to(PACKAGE).parts)


def _layout_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Layout\n")
    end = text.find("\n## ", start + 1)
    return text[start:] if end == -1 else text[start:end]


def _named() -> set[Path]:
    """The files and packages the map names in backticks, as paths under ``kbgen/``."""
    out = set()
    for token in re.findall(r"`([^`\s]+)`", _layout_section()):
        if token.endswith(".py") or (token.startswith("kbgen/") and token.endswith("/")):
            out.add(PACKAGE / token.removeprefix("kbgen/").rstrip("/"))
    return out


def test_no_module_is_longer_than_the_limit() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules (more than {MAX_LINES} lines): {long}"


def long_functions(source: str) -> list[tuple[str, int]]:
    """``(name, body lines)`` of each function whose body, docstring aside, is over the limit."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]
            if (n := (node.end_lineno or node.lineno) - body[0].lineno + 1) > MAX_FUNCTION_LINES:
                out.append((node.name, n))
    return out


def test_no_function_is_longer_than_the_limit() -> None:
    long = {f"{p.relative_to(ROOT)}:{name}": n for p in _modules()
            for name, n in long_functions(p.read_text(encoding="utf-8"))}
    assert not long, f"split these functions (more than {MAX_FUNCTION_LINES} lines): {long}"


def test_the_function_rule_can_fail() -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES + 1))
    assert long_functions(f'def f():\n    """Doc."""\n{body}') == [("f", MAX_FUNCTION_LINES + 1)]
    assert long_functions("def g():\n    return 1\n") == []


def test_readme_module_map_names_every_module() -> None:
    named = _named()
    missing = [str(p.relative_to(ROOT)) for p in _modules()
               if p not in named and not (p.name == "__init__.py" and p.parent in named and p.parent != PACKAGE)]
    assert not missing, f"add these to the module map under '## Layout' in README.md: {missing}"


def test_readme_module_map_names_only_modules_that_exist() -> None:
    stale = [str(p.relative_to(ROOT)) for p in _named() if not p.exists()]
    assert not stale, f"the module map under '## Layout' in README.md names files that do not exist: {stale}"
