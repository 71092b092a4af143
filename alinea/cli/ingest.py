"""``alinea ingest``: read transcript files into the document model (and the store)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import typer

from alinea.cli import ENCODING_OPTION, app, counted
from alinea.cli.store import DB_OPTION, open_store
from alinea.corpus.model import Transcript


def summary_line(path: Path, doc: Transcript) -> str:
    """One line about a transcript: id, language, kind, date, size, speakers, title."""
    paragraphs = sum(len(t.paragraphs) for t in doc.turns)
    speakers = ", ".join(s.name for s in doc.speakers) or "-"
    return (f"{path}: {doc.id} [{doc.lang}] {doc.kind} {doc.date or 'undated'} · "
            f"{counted(len(doc.turns), 'turn')}, {counted(paragraphs, 'paragraph')} · "
            f"{speakers} · {doc.title}")


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Transcript files: plain text, HTML or alinea TEI."),
    lang: str | None = typer.Option(
        None, "--lang", help="Language of the files (detected when not given; a short text "
                             "whose language is uncertain needs it)."),
    encoding: str | None = ENCODING_OPTION,
    db: str | None = DB_OPTION,
    match: bool = typer.Option(True, "--match/--no-match",
                               help="Group language editions of the same text after ingesting."),
) -> None:
    """Read transcripts into the corpus store, one summary line per file.

    The same file twice is one document, and so is a copy that reads as the same text
    (CRLF line endings, a BOM, UTF-16, another name, its HTML page with a site's footer
    and menu); a changed file becomes a new version. A bad file is reported on its own
    line (FILE:LINE: reason) and does not stop the others; the exit code is 1 when any
    file failed.
    """
    from alinea.corpus.readers import read_bytes_checked
    from alinea.errors import AlineaError, IngestError, ModelError

    failed = 0
    with open_store(db) as store:
        for path in files:
            try:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise IngestError(f"cannot read file: {exc.strerror or exc}", path) from exc
                doc, cut = read_bytes_checked(data, path, lang, encoding=encoding)
                if cut is not None:
                    typer.echo(f"warning: {cut}", err=True)
                result = store.ingest(doc, path, data)
            except AlineaError as exc:
                failed += 1
                typer.echo(f"error: {exc}", err=True)
                continue
            stored = store.document(result.document_id)
            # The line tells what the store holds: its key (another edition may own the
            # file's name) and, for a file stored before, the language it was stored in.
            shown = replace(doc, id=stored.doc_key, lang=stored.lang)
            typer.echo(f"{summary_line(path, shown)} · {result.status} #{result.document_id}")
            if stored.lang != doc.lang:
                typer.echo(f"note: {path} is stored already as #{stored.id} in {stored.lang}; "
                           f"to store it in {doc.lang}, run 'alinea delete {stored.id}' and "
                           "ingest it again", err=True)
        if match and len(files) > failed:
            try:
                groups = store.match_editions()
            except ModelError as exc:
                typer.echo(f"error: {exc}; the files are stored: group their editions later "
                           "with alinea editions --match", err=True)
                raise typer.Exit(1) from None
            n = sum(len(g.documents) > 1 for g in groups)
            typer.echo(f"{counted(n, 'edition group')} of two or more editions")
        if len(files) > failed:
            store.optimize()  # fresh query statistics after a batch
    if failed:
        typer.echo(f"{failed} of {len(files)} files failed", err=True)
        raise typer.Exit(1)
