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

from kbgen.cache import cached, graph_key
from kbgen.cardcache import CardCache
from kbgen.config import load_config
from kbgen.emit import MANIFEST, EmitResult, Reused, emit, read_manifest, stale_reason
from kbgen.errors import KbgenError, StaleOutputError, UsageError
from kbgen.extract import extract_concepts
from kbgen.graph import build_concept_graph
from kbgen.graph.analyze import communities, importance, layout
from kbgen.index import make_content_index
from kbgen.model import Concept, Deck
from kbgen.progress import Stages
from kbgen.readers import DEFAULT, ReadOptions, deck_files, read_decks
from kbgen.render import iter_site, stream_outputs
from kbgen.render.media import media_files
from kbgen.render.pages import HOME
from kbgen.render.reuse import PageReuse

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
        G = build_concept_graph(decks, concepts)
    return Model(decks, concepts, G)


def render(project: Project, *, stages: Stages | None = None) -> dict[str, str | bytes]:
    """Every generated file, in memory (``kbgen check`` compares them with docs/)."""
    return {p: t for p, t in render_stream(project, stages=stages) if not isinstance(t, Reused)}


def render_stream(project: Project, *, stages: Stages | None = None, keep: list[PageReuse] | None = None,
                  ) -> Iterator[tuple[str, str | bytes | Reused]]:
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
    with stages.step("layout"):
        rank, community, positions = graph_analysis(project, model.graph)
    with stages.step("index"):
        index = make_content_index(model.graph, model.decks, positions=positions,
                                   communities_of=community, importance_of=rank)
        media = media_files(model.decks)
        home = _owns_home(project.docs)
    del model, rank, community, positions  # the index holds all that pages need
    manifest = read_manifest(project.docs)
    reuse = (lambda tags: _kept(keep, PageReuse(index, tags, project.cache, manifest))) if keep is not None else None
    return stream_outputs(site=lambda: iter_site(index, home=home, reuse=reuse), media=media.items)


def _kept(keep: list[PageReuse], reuse: PageReuse) -> PageReuse:
    keep.append(reuse)
    return reuse


def graph_analysis(project: Project, G: nx.Graph) -> tuple[dict[str, float], dict[str, int], dict[str, Any]]:
    """PageRank, communities and layout, from the cache while the graph's nodes and weighted
    edges stay the same (a card edit that changes no concept or link reuses all three)."""
    def compute() -> dict[str, Any]:
        # Louvain and PageRank once, for both the layout and the index.
        rank = importance(G)
        community = communities(G, importance_of=rank)
        return {"rank": rank, "community": community,
                "positions": layout(G, communities_of=community, importance_of=rank)}

    value = cached(project.cache, "analysis", graph_key(G, "analysis", 2), compute,
                   valid=lambda v: _analysis_of(v, G))
    return value["rank"], value["community"], value["positions"]


def _analysis_of(value: object, G: nx.Graph) -> bool:
    """A cached analysis is used only when it ranks, groups and places every node."""
    def number(x: object) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool)
    return isinstance(value, dict) and isinstance(rank := value.get("rank"), dict) \
        and isinstance(group := value.get("community"), dict) and _positions_of(value.get("positions"), G) \
        and all(number(rank.get(n)) and isinstance(group.get(n), int) and not isinstance(group.get(n), bool)
                for n in G)


def graph_positions(project: Project, G: nx.Graph, community: dict[str, int] | None = None,
                    rank: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """The graph layout, from the cache when the graph's nodes and edges have not changed."""
    # JSON turns the (x, y) tuples into lists; both index the same way.
    # Version 2: large graphs place most concepts next to their neighbours (FORCE_LIMIT).
    positions: dict[str, tuple[float, float]] = cached(
        project.cache, "layout", graph_key(G, "layout", 2),
        lambda: layout(G, communities_of=community, importance_of=rank),
        valid=lambda v: _positions_of(v, G))
    return positions


def _positions_of(value: object, G: nx.Graph) -> bool:
    """A cached layout is used only when it places every node at two numbers."""
    return isinstance(value, dict) and all(
        isinstance(p := value.get(n), list) and len(p) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in p) for n in G)


def _owns_home(docs: Path) -> bool:
    if HOME in read_manifest(docs) or not (docs / HOME).exists():
        return True
    log.info("%s is hand-written; kbgen leaves it alone (the A–Z index is in concepts/)", docs / HOME)
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


def serve_command(project: Project, addr: str) -> list[str]:
    """``mkdocs serve --dirty``: kbgen rewrites only the pages whose bytes changed (their
    mtimes move, the others' stay put), so MkDocs rebuilds just those instead of the site."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project.mkdocs_yml), "-a", addr]


def serve(project: Project, *, addr: str = "127.0.0.1:8000", poll: float = 1.0) -> None:
    """Generate, run ``mkdocs serve --dirty``, and regenerate whenever a deck file changes."""
    generate(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log.info("serving with mkdocs serve --dirty: a deck edit regenerates only the pages it changes, "
                "and MkDocs rebuilds only those")
    proc = subprocess.Popen(serve_command(project, addr), env=env)
    seen = _snapshot(project.cards)
    try:
        while proc.poll() is None:
            time.sleep(poll)
            seen = watch_step(project, seen)
    finally:
        proc.terminate()
        proc.wait()


def watch_step(project: Project, seen: dict[str, tuple[float, int]] | str) -> dict[str, tuple[float, int]] | str:
    """One look at the decks: regenerate when they changed since ``seen``; returns what was seen now."""
    now = _snapshot(project.cards)
    if now != seen:
        _regenerate(project)
    return now


def _regenerate(project: Project) -> EmitResult | None:
    """One rebuild while serving: any failure is one logged line, and the last good site stays."""
    t0 = time.perf_counter()
    try:
        result = generate(project)
    except KbgenError as e:
        log.error("%s; still serving the last good site", e)
    except Exception as e:
        log.error("%s: %s (run kbgen generate -v for details); still serving the last good site",
                  type(e).__name__, e)
    else:
        log.info("decks changed: %d page(s) rewritten, %d removed in %.1fs; mkdocs rebuilds only those "
                    "(--dirty)", len(result.written), len(result.removed), time.perf_counter() - t0)
        return result
    return None


def _snapshot(cards: Path) -> dict[str, tuple[float, int]] | str:
    """What a change to the decks looks like: sizes and mtimes, or the error reading them."""
    try:
        out = {}
        for f in deck_files([cards]):
            st = f.stat()
            out[str(f)] = (st.st_mtime, st.st_size)
        return out
    except (KbgenError, OSError) as e:  # cards/ deleted or unreadable: report once on change
        return f"{type(e).__name__}: {e}"


__all__ = ["MANIFEST", "Model", "Project", "build", "check", "generate", "load", "mkdocs", "serve", "serve_command",
           "watch_step"]
