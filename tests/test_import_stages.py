"""Data flows one way, and so do imports: no module of kbgen imports a later stage.

readers → extract → graph → index → render → emit, sequenced by ``build.py``. Below them all
sit the modules every stage may use: the model the readers produce (``model.py``), errors,
text, paths, page sizes, card formatting, mention matching, the content index's types, the
configuration and the caches that keep a stage's results across runs. Imports inside functions count too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kbgen"

#: Module (or package) → its stage; a module not listed is an error, so a new one gets a place.
STAGES = {
    **dict.fromkeys(("kbgen", "kbgen.errors", "kbgen.model", "kbgen.text", "kbgen.slugs", "kbgen.paging",
                     "kbgen.rich", "kbgen.mentions", "kbgen.contract", "kbgen.config", "kbgen.progress",
                     "kbgen.cache", "kbgen.cardcache"), 0),
    "kbgen.readers": 1,
    "kbgen.extract": 2,
    "kbgen.graph": 3,
    "kbgen.index": 4,
    "kbgen.render": 5,
    # the sinks: the one writer, the orchestrator and what only it uses, the CLI, the exports, MkDocs
    **dict.fromkeys(("kbgen.emit", "kbgen.build", "kbgen.serve", "kbgen.cli", "kbgen.export_anki",
                     "kbgen.anki_progress", "kbgen.mkdocs_plugin"), 6),
}
NAMES = ("foundation", "readers", "extract", "graph", "index", "render", "sinks")
#: Imports of an earlier stage that the pipeline still forbids: the index stage takes the graph's
#: analysis as input and never recomputes it; renderers read the content index, never the decks,
#: the extraction or the graph.
FORBIDDEN = {("kbgen.index", "kbgen.graph.analyze"), ("kbgen.render", "kbgen.readers"),
             ("kbgen.render", "kbgen.extract"), ("kbgen.render", "kbgen.graph")}


def stage(module: str) -> int:
    """The stage of a dotted module name: its own entry, or its package's."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if (name := ".".join(parts[:n])) in STAGES:
            return STAGES[name]
    raise KeyError(f"{module}: no stage in STAGES of tests/test_import_stages.py; give it one")


def imports(source: str) -> list[tuple[int, str]]:
    """``(line, module)`` for every kbgen module imported, at any depth of the source."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kbgen":
            out += [(node.lineno, f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in _MODULES
                     else node.module) for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "kbgen"]
    return out


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _sources() -> dict[str, tuple[str, str]]:
    return {_module_name(p): (str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py")) if "assets" not in p.parts}


_MODULES = set(_sources())


def violations(sources: dict[str, tuple[str, str]]) -> list[str]:
    """``file:line: importer (stage) imports module (later stage)`` for every backward import."""
    out = []
    for importer, (where, text) in sources.items():
        for line, module in imports(text):
            if stage(module) > stage(importer) or any(
                    _within(importer, a) and _within(module, b) for a, b in FORBIDDEN):
                out.append(f"{where}:{line}: {importer} ({NAMES[stage(importer)]}) imports {module} "
                           f"({NAMES[stage(module)]})")
    return out


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_no_module_imports_a_later_stage_or_a_forbidden_one():
    found = violations(_sources())
    assert not found, "imports against the data flow:\n" + "\n".join(found)


def test_every_module_has_a_stage():
    for module in _MODULES:
        stage(module)


@pytest.mark.parametrize(("importer", "source"), [
    ("kbgen.render.toy", "def f():\n    from kbgen.extract.mentions import MentionIndex\n"),
    ("kbgen.index", "from kbgen.graph.analyze import layout\n"),
    ("kbgen.config", "import kbgen.extract.candidates\n"),
    ("kbgen.graph.build", "from kbgen.render.pages import HOME\n"),
])
def test_a_backward_import_is_named_with_its_line(importer, source):
    found = violations({importer: ("kbgen/x.py", source)})
    assert len(found) == 1 and found[0].startswith(f"kbgen/x.py:{source.count(chr(10))}: {importer} ")
