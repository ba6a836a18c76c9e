"""The orchestrator: the only place the stages are sequenced.

readers → extract → graph → index → render → emit, then MkDocs.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from kbgen.cardcache import CardCache
from kbgen.config import load_config
from kbgen.contract import ContentIndex
from kbgen.emit import MANIFEST, EmitResult, emit, read_manifest, stale_reason
from kbgen.errors import KbgenError, StaleOutputError, UsageError
from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.graph.cached import analyse, concept_graph, graph_analysis
from kbgen.index import make_content_index
from kbgen.model import Concept, Deck
from kbgen.progress import Stages
from kbgen.readers import DEFAULT, ReadOptions, read_decks
from kbgen.render import Content, iter_site, stream_outputs
from kbgen.render.media import media_files
from kbgen.render.reuse import PageReuse, Reused
from kbgen.slugs import CONCEPTS_INDEX, CONTENT_INDEX, HOME

log = logging.getLogger("kbgen")


@dataclass(frozen=True)
class Project:
    """Where a knowledge base lives: decks in, docs and site out."""

    root: Path = Path(".")
    cards: Path = Path("cards")
    docs: Path = Path("docs")
    site: Path = Path("site")
    mkdocs_yml: Path = Path("mkdocs.yml")
    fmt: str | None = None
    read: ReadOptions = DEFAULT
    #: Also put the content index (always in ``docs/assets/kbgen/``) into the built site.
    publish_index: bool = False

    @property
    def index(self) -> Path:
        """The content index, in the docs folder (kept out of the built site unless published)."""
        return self.docs / CONTENT_INDEX

    @property
    def cache(self) -> Path:
        """``.kbgen-cache/`` next to the docs folder (the project root in the usual layout)."""
        return self.docs.parent / ".kbgen-cache"


@dataclass(frozen=True)
class Model:
    decks: list[Deck]
    concepts: list[Concept]
    graph: nx.Graph


STAGES = ("read", "extract", "graph", "layout", "index", "render", "emit")


def load(paths: list[Path], fmt: str | None = None, options: ReadOptions = DEFAULT,
         config: Path = Path("kbgen.yml"), *, stages: Stages | None = None, cache: Path | None = None) -> Model:
    """Read, extract and link: everything up to the graph, with no output.

    ``config`` is the optional ``kbgen.yml`` curating the concepts (next to ``mkdocs.yml``);
    ``cache`` the folder keeping per-card extraction results across runs (none: no cache).
    """
    stages = stages or Stages(STAGES, show=False)
    curation = load_config(config)  # first: its limits bound what the readers may read
    limits: dict[str, Any] = {f"max_{k.removesuffix('_mb')}": v << 20 for k, v in curation.limits.items()}
    with stages.step("read"):
        decks = read_decks(paths, fmt, replace(options, **limits))
    with stages.step("extract"):
        concepts = extract_concepts(decks, curation, CardCache(cache))
    with stages.step("graph"):
        G = build_concept_graph(decks, concepts) if cache is None else concept_graph(cache, decks, concepts)
    return Model(decks, concepts, G)


def render(project: Project, *, stages: Stages | None = None) -> dict[str, str | bytes]:
    """Every generated file, in memory (``kbgen check`` compares them with docs/)."""
    return {p: t for p, t in render_stream(project, stages=stages) if not isinstance(t, Reused)}


def render_stream(project: Project, *, stages: Stages | None = None,
                  keep: list[PageReuse] | None = None) -> Iterator[tuple[str, Content]]:
    """Every generated file as ``(doc path, content)``, rendered as the consumer asks for it.

    The stages up to the content index run now; the pages are made one at a time, so the
    writer can drop each before the next, and the decks and the graph are let go first.
    With ``keep``, pages whose inputs did not change since the last run are :class:`Reused`
    (not rendered); the :class:`PageReuse` is appended to it, to be saved once emit succeeded.
    """
    if not project.cards.exists():
        raise UsageError(f"{project.cards}: no such folder (put your decks there, or pass --cards)")
    stages = stages or Stages(STAGES, show=False)
    model = load([project.cards], project.fmt, project.read, project.mkdocs_yml.parent / "kbgen.yml",
                 stages=stages, cache=project.cache)
    index = content_index(model, project, stages=stages)
    media, home = media_files(model.decks), _owns_home(project.docs)
    del model  # the index holds all that pages need
    manifest = read_manifest(project.docs)
    reuse = (lambda tags: _kept(keep, PageReuse(index, tags, project.cache, manifest))) if keep is not None else None
    return stream_outputs(site=lambda: iter_site(index, home=home, reuse=reuse, publish=project.publish_index),
                          media=media.items)


def content_index(model: Model, project: Project | None = None, *, stages: Stages | None = None) -> ContentIndex:
    """The graph's analysis, then the content index: PageRank and Louvain once, for both the
    layout and the index; all three from ``project``'s cache while the graph is unchanged."""
    stages = stages or Stages(STAGES, show=False)
    with stages.step("layout"):
        rank, community, positions = (graph_analysis(project.cache, model.graph) if project is not None
                                      else analyse(model.graph))
    with stages.step("index"):
        return make_content_index(model.graph, model.decks, positions=positions,
                                  communities_of=community, importance_of=rank)


def _kept(keep: list[PageReuse], reuse: PageReuse) -> PageReuse:
    keep.append(reuse)
    return reuse


def _owns_home(docs: Path) -> bool:
    if HOME in read_manifest(docs) or not (docs / HOME).exists():
        return True
    log.info("%s is hand-written; kbgen leaves it alone (the A–Z index is in %s)", docs / HOME, CONCEPTS_INDEX)
    return False


def generate(project: Project, *, stages: Stages | None = None) -> EmitResult:
    """Write the generated pages for ``project.cards`` into ``project.docs``.

    ``stages`` collects each stage's time (a progress bar on a terminal by default).
    """
    t0 = time.perf_counter()
    stages = stages or Stages(STAGES)
    try:
        with _no_gc():
            keep: list[PageReuse] = []
            files = render_stream(project, stages=stages, keep=keep)
            # Pages stream from the renderers into the writer: "render" is the time spent
            # making them, "emit" the rest (digests, staging, moves, manifest).
            t0 = time.perf_counter()
            result = emit(stages.timed("render", files), project.docs)
            stages.record("emit", time.perf_counter() - t0 - stages.times.get("render", 0.0))
            for reuse in keep:  # emit succeeded: the manifest now holds the digests it records
                reuse.save()
    finally:
        stages.close()
    log.info("generate: %d written, %d unchanged, %d removed in %.2fs", len(result.written),
             len(result.unchanged), len(result.removed), time.perf_counter() - t0)
    return result


@contextmanager
def _no_gc() -> Iterator[None]:
    # A build makes millions of small dicts and strings and next to no cycles; the
    # collector's repeated passes over them cost a third of the index stage at 10k cards.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(project: Project) -> None:
    """Raise :class:`StaleOutputError` when ``docs/`` is not what generate would write."""
    reason = stale_reason(render(project), project.docs)
    if reason:
        raise StaleOutputError(reason)


def mkdocs(project: Project, command: str, *extra: str) -> int:
    """Run ``mkdocs <command>`` on the project; returns its exit code."""
    if not project.mkdocs_yml.exists():
        raise UsageError(f"{project.mkdocs_yml}: not found (run kbgen from the folder with mkdocs.yml)")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    args = [sys.executable, "-m", "mkdocs", command, "-f", str(project.mkdocs_yml), *extra]
    return subprocess.call(args, env=env)


def build(project: Project, *, strict: bool = True) -> None:
    generate(project)
    code = mkdocs(project, "build", "-d", str(project.site.resolve()), *(["--strict"] if strict else []))
    if code:
        raise KbgenError(f"mkdocs build failed with exit code {code} (see its messages above)")


__all__ = ["MANIFEST", "Model", "Project", "build", "check", "content_index", "generate", "load", "mkdocs"]
