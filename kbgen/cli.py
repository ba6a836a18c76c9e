"""The ``kbgen`` command. The only place a :class:`KbgenError` becomes one line and an exit code."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kbgen import __version__
from kbgen.errors import KbgenError, StrictModeError
from kbgen.slugs import CONTENT_INDEX

if TYPE_CHECKING:  # imported lazily at run time: `kbgen --help` stays fast
    from kbgen.build import Project
    from kbgen.model import Deck
    from kbgen.readers import ReadOptions

log = logging.getLogger("kbgen")


class _Counter(logging.Handler):
    """Prints warnings as ``warning: …`` lines on stderr and counts them for ``--strict``."""

    def __init__(self, verbose: bool) -> None:
        super().__init__(logging.DEBUG if verbose else logging.INFO)
        self.warnings = 0
        self.verbose = verbose

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        elif not self.verbose and record.levelno < logging.WARNING and not sys.stderr.isatty():
            return
        level = record.levelname.lower()
        click.echo(f"{level}: {record.getMessage()}" if record.levelno >= logging.WARNING
                   else record.getMessage(), err=True)


def _run(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Common options and error handling for every command."""

    @click.option("--strict", is_flag=True, help="Fail (exit 1) if any warning was logged.")
    @click.option("-v", "--verbose", is_flag=True, help="More messages; tracebacks on errors.")
    @functools.wraps(fn)
    def wrapper(*args: Any, strict: bool, verbose: bool, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        strict = strict or ctx.find_root().params.get("strict", False)
        verbose = verbose or ctx.find_root().params.get("verbose", False)
        handler = _Counter(verbose)
        log.handlers[:] = [handler]
        log.setLevel(logging.DEBUG if verbose else logging.INFO)
        log.propagate = False
        try:
            result = fn(*args, **kwargs)
            if strict and handler.warnings:
                raise StrictModeError(f"{handler.warnings} warning(s) and --strict is on")
            return result
        except KbgenError as e:
            if verbose:
                raise
            click.echo(f"error: {e}", err=True)
            ctx.exit(e.exit_code)
        except (OSError, ValueError, RecursionError, MemoryError) as e:
            if verbose:
                raise
            click.echo(f"error: {type(e).__name__}: {e} (run with -v for details)", err=True)
            ctx.exit(1)

    return wrapper


_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
_format = click.option("--format", "fmt", default=None, help="Deck format; detected when omitted.")


def _reading(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--sep, --row-sep and --fields, passed on as one ``options`` argument."""

    @click.option("--sep", default=None, help=r"Quizlet term separator (default \t).")
    @click.option("--row-sep", default=None, help=r"Quizlet row separator (default \n).")
    @click.option("--fields", default=None, metavar="QUESTION,ANSWER",
                  help="Note fields to use as question and answer (Anki, CrowdAnki).")
    @functools.wraps(fn)
    def wrapper(*args: Any, sep: str | None, row_sep: str | None, fields: str | None, **kwargs: Any) -> Any:
        from kbgen.readers import read_options
        return fn(*args, options=read_options(sep, row_sep, fields), **kwargs)

    return wrapper


def _project(cards: Path, docs: Path, config: Path, fmt: str | None = None,
             options: ReadOptions | None = None, publish_index: bool = False) -> Project:
    from kbgen.build import Project
    from kbgen.readers import DEFAULT
    return Project(cards=cards, docs=docs, mkdocs_yml=config, fmt=fmt, read=options or DEFAULT,
                   publish_index=publish_index)


_cards = click.option("--cards", type=click.Path(path_type=Path), default=Path("cards"),
                      show_default=True, help="Folder with the deck files.")
_docs = click.option("--docs", type=click.Path(path_type=Path), default=Path("docs"),
                     show_default=True, help="MkDocs docs folder to generate into.")
_publish = click.option("--publish-index", is_flag=True,
                        help=f"Also put the content index into the built site; it is always written to "
                             f"docs/{CONTENT_INDEX}.")
_config = click.option("-f", "--config-file", "config", type=click.Path(path_type=Path),
                       default=Path("mkdocs.yml"), show_default=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbgen")
@click.option("--strict", is_flag=True, help="Fail (exit 1) if any warning was logged.")
@click.option("-v", "--verbose", is_flag=True, help="More messages; tracebacks on errors.")
def main(strict: bool, verbose: bool) -> None:
    """Turn flashcard decks into a cross-linked MkDocs knowledge base."""


@main.command()
@_paths
@_format
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a summary.")
@_run
@_reading
def parse(paths: tuple[Path, ...], fmt: str | None, as_json: bool, options: ReadOptions) -> None:
    """Read decks and print their cards."""
    from kbgen.readers import read_decks
    decks = read_decks(list(paths), fmt, options)
    for d in decks:
        _report_noise(d)
    if as_json:
        data = {"decks": [{"title": d.title, "source": d.source, "cards": [
            {"id": c.id, "question": c.question, "answer": c.answer, "line": c.line,
             **({"title": c.title} if c.title else {}), **({"source_url": c.source_url} if c.source_url else {})}
            for c in d.cards], **({"boilerplate": list(d.boilerplate)} if d.boilerplate else {})}
            for d in decks]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for d in decks:
        click.echo(f"{d.source}: {d.title} ({len(d.cards)} cards)")


def _report_noise(deck: Deck) -> None:
    """What the deck stamps on every card, said once: it is not an error, so not a warning."""
    prefix, suffix = deck.affixes
    for kind, affix in (("prefix", prefix), ("suffix", suffix)):
        if affix:
            click.echo(f"note: {deck.source}: every question shares the {kind} {affix.strip()!r}; "
                       "left out of headings and titles", err=True)
    if deck.boilerplate:
        n = len(deck.cards)
        shown = ", ".join(repr(b) for b in deck.boilerplate[:3])
        click.echo(f"note: {deck.source}: lines repeated on many of its {n} cards, kept on them but "
                   "left out of extraction: "
                   f"{shown}{' …' if len(deck.boilerplate) > 3 else ''}", err=True)


@main.command()
@_paths
@_format
@click.option("--json", "as_json", is_flag=True, help="Print networkx node-link JSON.")
@_run
@_reading
def graph(paths: tuple[Path, ...], fmt: str | None, as_json: bool, options: ReadOptions) -> None:
    """Build the concept graph of decks."""
    from kbgen.build import load
    from kbgen.graph import node_link
    G = load(list(paths), fmt, options).graph
    if as_json:
        click.echo(json.dumps(node_link(G), ensure_ascii=False, indent=2, sort_keys=True))
        return
    click.echo(f"{G.number_of_nodes()} concepts, {G.number_of_edges()} links")


@main.command()
@_paths
@_format
@click.option("--explain", is_flag=True,
              help="Show aliases, the pass and signals that accepted each concept, its defining card, its cards.")
@_run
@_reading
def concepts(paths: tuple[Path, ...], fmt: str | None, explain: bool, options: ReadOptions) -> None:
    """List the concepts extracted from decks."""
    from kbgen.build import load
    from kbgen.extract import SIGNAL_PASS
    model = load(list(paths), fmt, options)
    question = {card.id: " ".join(card.question.split()) for d in model.decks for card in d.cards}
    for c in model.concepts:
        passes = sorted({SIGNAL_PASS.get(s, s) for s in c.signals})
        defined = (f"{c.definition}: {question.get(c.definition, '')[:100]}" if c.definition
                   else "- (no card defines it)")
        click.echo(c.label if not explain else
                   f"{c.label}  [{c.id}]\n  aliases: {', '.join(c.aliases) or '-'}\n"
                   f"  accepted by: {', '.join(passes)} ({', '.join(c.signals)})\n  defined by: {defined}\n"
                   f"  asked by: {', '.join(c.asked) or '-'}\n  cards: {', '.join(c.cards)}")


@main.command()
@_cards
@_docs
@_format
@_publish
@_run
@_reading
def generate(cards: Path, docs: Path, fmt: str | None, publish_index: bool, options: ReadOptions) -> None:
    """Write the pages for the decks in CARDS into DOCS."""
    from kbgen.build import generate as run
    r = run(_project(cards, docs, Path("mkdocs.yml"), fmt, options, publish_index))
    click.echo(f"{len(r.written)} written, {len(r.unchanged)} unchanged, {len(r.removed)} removed",
               err=True)


@main.command()
@_cards
@_docs
@_config
@_format
@_publish
@_run
@_reading
def check(cards: Path, docs: Path, config: Path, fmt: str | None, publish_index: bool,
          options: ReadOptions) -> None:
    """Exit 1 when DOCS is stale against CARDS (for CI and pre-commit)."""
    from kbgen.build import check as run
    run(_project(cards, docs, config, fmt, options, publish_index))
    click.echo("docs are up to date", err=True)


@main.command()
@_cards
@_docs
@_config
@_format
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True)
@_publish
@_run
@_reading
def build(cards: Path, docs: Path, config: Path, fmt: str | None, site_dir: Path, publish_index: bool,
          options: ReadOptions) -> None:
    """Generate, then run mkdocs build --strict into SITE_DIR."""
    from dataclasses import replace

    from kbgen.build import build as run
    run(replace(_project(cards, docs, config, fmt, options, publish_index), site=site_dir))


@main.command()
@_cards
@_docs
@_config
@_format
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@_publish
@_run
@_reading
def serve(cards: Path, docs: Path, config: Path, fmt: str | None, dev_addr: str, publish_index: bool,
          options: ReadOptions) -> None:
    """Generate, run mkdocs serve --dirty, and regenerate only what a deck change touches."""
    from kbgen.serve import serve as run
    run(_project(cards, docs, config, fmt, options, publish_index), addr=dev_addr)


@main.group()
def export() -> None:
    """Export decks to other tools."""


@export.command("anki")
@_paths
@_format
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The .apkg file to write.")
@click.option("--parent", default=None, help="Put every deck under this parent deck.")
@click.option("--progress", "progress_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A progress file exported from the site's study mode: its reviews and schedules go along.")
@_run
@_reading
def export_anki(paths: tuple[Path, ...], fmt: str | None, output: Path, parent: str | None,
                progress_file: Path | None, options: ReadOptions) -> None:
    """Write decks as an Anki package: a note per card, concepts as tags, stable ids."""
    from kbgen.anki_progress import read_progress
    from kbgen.build import load
    from kbgen.export_anki import write_apkg
    progress = read_progress(progress_file) if progress_file else None
    model = load(list(paths), fmt, options)
    r = write_apkg(model.decks, model.concepts, output, roots=list(paths), parent=parent, progress=progress)
    click.echo(f"{r.notes} notes in {r.decks} deck(s) written to {output}", err=True)
    if r.progress:
        click.echo(f"{r.progress.reviews} reviews and {r.progress.cards} card schedules from {progress_file}"
                   + (f" ({r.progress.unknown} cards not in these decks skipped)" if r.progress.unknown else ""),
                   err=True)
