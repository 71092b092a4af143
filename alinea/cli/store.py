"""``alinea editions``, ``alinea stats``, ``alinea copy-store`` and ``alinea align --all``:
the corpus store from the command line.

``DB_OPTION`` and ``open_store`` are how every command picks its database: ``--db URL``,
else ``$ALINEA_DB``, else ``alinea.db`` in the working directory.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor
from contextlib import ExitStack
from typing import TYPE_CHECKING

import typer

from alinea.cli import app, counted
from alinea.corpus.store import (
    DEFAULT_URL, CorpusStats, EditionGroup, EditionPair, Store, default_url,
)

if TYPE_CHECKING:
    from alinea.corpus.batch import BatchResult
    from alinea.corpus.store_copy import CopyResult

DB_OPTION = typer.Option(
    None, "--db", envvar="ALINEA_DB", show_default=DEFAULT_URL,
    help="Database URL: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB.",
)


def open_store(db: str | None) -> Store:
    """The store at ``db`` (``--db``/``$ALINEA_DB``), else ``alinea.db`` here."""
    return Store.open(db or default_url())


def format_groups(groups: list[EditionGroup],
                  by_group: dict[int, list[EditionPair]] | None = None) -> str:
    """Edition groups, one block each: the group line, one line per edition, then how
    many of the group's pairs (``by_group``, ``Store.edition_pairs_by_group``) are
    aligned, naming those not aligned yet."""
    if not groups:
        return "no edition groups"
    by_group = by_group or {}
    langs_of = {d.id: d.lang for g in groups for d in g.documents}
    lines = []
    for group in groups:
        langs = ", ".join(d.lang for d in group.documents)
        lines.append(f"group {group.id} ({group.method}): {langs}")
        for d in group.documents:
            pinned = " [by hand]" if d.group_method == "manual" else ""
            lines.append(f"  #{d.id} {d.lang} {d.date or 'undated'} {d.kind}: "
                         f"{d.title}{pinned}")
        members = by_group.get(group.id, [])
        waiting = [p for p in members if p.alignment_id is None]
        if members and not waiting:
            lines.append(f"  {counted(len(members), 'pair')}, "
                         f"{'aligned' if len(members) == 1 else 'all aligned'}")
        elif waiting:
            names = ", ".join(f"#{p.src_id} {langs_of[p.src_id]} - #{p.tgt_id} "
                              f"{langs_of[p.tgt_id]}" for p in waiting)
            how = ("not" if len(members) == 1 else "none") if len(waiting) == len(members) \
                else f"{len(waiting)} not"
            lines.append(f"  {counted(len(members), 'pair')}, {how} aligned yet: {names} "
                         "(alinea align --all)")
    return "\n".join(lines)


def format_stats(stats: CorpusStats) -> str:
    """Corpus figures as aligned ``label: value`` lines."""
    confidence = "-" if stats.mean_confidence is None else f"{stats.mean_confidence:.3f}"
    rows = [("documents", str(stats.documents))]
    rows += [(f"  {lang}", str(n)) for lang, n in stats.documents_by_lang.items()]
    rows += [
        ("stored versions", str(stats.versions)),
        ("edition groups", str(stats.edition_groups)),
        ("edition pairs", str(stats.edition_pairs)),
        ("aligned pairs", str(stats.aligned_pairs)),
        ("sentences", str(stats.sentences)),
        ("links", f"{stats.links} ({stats.corrected_links} corrected by hand)"),
        ("mean link confidence", confidence),
    ]
    width = max(len(label) for label, _ in rows) + 1
    return "\n".join(f"{label + ':':<{width}} {value}" for label, value in rows)


@app.command()
def editions(
    link: tuple[int, int] | None = typer.Option(
        None, "--link", metavar="A B",
        help="Put documents A and B in one edition group, by hand."),
    unlink: int | None = typer.Option(
        None, "--unlink", metavar="A", help="Take document A out of its edition group."),
    match: bool = typer.Option(
        False, "--match", help="First group documents without a shared source id by "
        "date, kind, speakers and multilingual embeddings of their openings (loads the "
        "embedding model)."),
    everything: bool = typer.Option(
        False, "--everything", help="With --match: recompare every document, not only "
        "dates and kinds where an ungrouped document waits."),
    db: str | None = DB_OPTION,
) -> None:
    """Show which documents are language editions of the same text; link or unlink by hand.

    Documents with the same source identifier are grouped when ingested; --match groups
    the rest. Groups set by hand are never changed by --match.
    """
    with open_store(db) as store:
        if link is not None:
            group = store.link_editions(*link)
            typer.echo(f"linked #{link[0]} and #{link[1]} in group {group}")
        if unlink is not None:
            if store.unlink_edition(unlink):
                typer.echo(f"unlinked #{unlink}")
            else:
                typer.echo(f"#{unlink} is in no edition group; it stays out of --match's "
                           "grouping")
        if match:
            store.match_editions(everything=everything)
        typer.echo(format_groups(store.edition_groups(), store.edition_pairs_by_group()))


@app.command()
def stats(db: str | None = DB_OPTION) -> None:
    """Print corpus figures: documents per language, edition pairs, aligned pairs,
    sentences and mean link confidence."""
    with open_store(db) as store:
        typer.echo(format_stats(store.stats()))


def align_pending(workers: int | None, realign: bool, dask: str | None, db: str | None) -> None:
    """``alinea align --all``: align the store's pending edition pairs, in parallel, with a
    progress bar. Each pair runs in its own process (or on a Dask worker); results are
    saved as they come, so an interrupted run keeps what it finished.
    """
    from alinea.corpus.batch import dask_executor

    with ExitStack() as stack:
        executor = None
        if dask is not None:
            executor, workers = stack.enter_context(dask_executor(
                None if dask == "local" else dask, n_workers=workers or os.cpu_count() or 1))
        result = _run_batch(db, workers, realign, executor)
    for pair, error in result.failed:
        typer.echo(f"error: #{pair.src_id} {pair.src_lang} - #{pair.tgt_id} "
                   f"{pair.tgt_lang}: {error}", err=True)
    typer.echo(f"aligned {counted(len(result.aligned), 'edition pair')}"
               + (f", {len(result.failed)} failed" if result.failed else ""))
    if result.failed:
        raise typer.Exit(1)


def _run_batch(db: str | None, workers: int | None, realign: bool,
               executor: Executor | None) -> BatchResult:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from alinea.corpus.batch import align_all

    with open_store(db) as store, Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), transient=True, console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("aligning", total=None)
        return align_all(
            store, workers=workers, realign=realign, executor=executor,
            on_start=lambda total: progress.update(task, total=total),
            on_done=lambda pair, error: progress.advance(task))


@app.command("copy-store")
def copy_store(
    source: str = typer.Argument(..., metavar="FROM_URL", help="The store to copy."),
    destination: str = typer.Argument(
        ..., metavar="TO_URL", help="A new or empty store, on SQLite or PostgreSQL."),
) -> None:
    """Copy a whole corpus store into a new one, e.g. from SQLite to PostgreSQL: every
    document and version, edition group, alignment, link and correction, ids included.

    Both stores must be at this alinea's schema revision (TO_URL is migrated); a TO_URL
    that holds documents is refused, and a failed copy leaves it empty.
    """
    from alinea.corpus.store_copy import copy_store as copy

    result = copy(source, destination)
    typer.echo(format_copy(result))


def format_copy(result: CopyResult) -> str:
    """``copied 4 documents, 120 sentences, 1 alignment (60 links), 3 corrections from A
    to B``."""
    return (f"copied {counted(result.documents, 'document')}, "
            f"{counted(result.sentences, 'sentence')}, "
            f"{counted(result.alignments, 'alignment')} ({counted(result.links, 'link')}), "
            f"{counted(result.corrections, 'correction')} from {result.source} to "
            f"{result.destination}")
