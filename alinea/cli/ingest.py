"""``alinea ingest``: read transcript files into the document model (and the store)."""

from __future__ import annotations

from pathlib import Path

import typer

from alinea.cli import app
from alinea.corpus.model import Transcript


def summary_line(path: Path, doc: Transcript) -> str:
    """One line about a transcript: id, language, kind, date, size, speakers, title."""
    paragraphs = sum(len(t.paragraphs) for t in doc.turns)
    speakers = ", ".join(s.name for s in doc.speakers) or "-"
    return (f"{path}: {doc.id} [{doc.lang}] {doc.kind} {doc.date or 'undated'} · "
            f"{len(doc.turns)} turns, {paragraphs} paragraphs · {speakers} · {doc.title}")


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="Transcript files: plain text, HTML or alinea TEI."),
    lang: str | None = typer.Option(None, "--lang", help="Language of the files (detected when not given)."),
    encoding: str | None = typer.Option(None, "--encoding", help="Text encoding (default: UTF-8, or as the BOM says)."),
) -> None:
    """Read transcripts and print a one-line summary per file.

    A bad file is reported on its own line (FILE:LINE: reason) and does not stop the
    others; the exit code is 1 when any file failed.
    """
    from alinea.corpus.readers import read_many

    failed = 0
    for result in read_many(files, lang, encoding=encoding):
        if result.error is not None:
            failed += 1
            typer.echo(f"error: {result.error}", err=True)
        else:
            assert result.transcript is not None
            typer.echo(summary_line(result.path, result.transcript))
    if failed:
        typer.echo(f"{failed} of {len(files)} files failed", err=True)
        raise typer.Exit(1)
