"""``alinea export``: aligned sentences in TMX, XCES, TEI, Moses or TSV."""

from __future__ import annotations

from pathlib import Path

import typer

from alinea.cli import DATE_FROM_OPTION, DATE_TO_OPTION, KIND_OPTION, app
from alinea.cli.store import DB_OPTION, open_store
from alinea.errors import InputError


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", "-f",
                            help="tmx, xces (zip), tei (zip), moses (zip) or tsv."),
    out: Path = typer.Option(..., "--output", "-o", help="File to write ('-' for stdout)."),
    doc: int | None = typer.Option(None, "--doc", help="Export this document and its "
                                   "edition in --target-lang."),
    query: str | None = typer.Option(None, "--query", "-q", help='Export the beads whose '
                                     'sentences match: words, prefix*, "a phrase".'),
    lang: str | None = typer.Option(None, "--lang", help="Language of the query, or the "
                                    "source language of a corpus export."),
    target_lang: str | None = typer.Option(None, "--target-lang", help="Target language."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Leave out beads below this confidence."),
    kind: str | None = KIND_OPTION,
    date_from: str | None = DATE_FROM_OPTION,
    date_to: str | None = DATE_TO_OPTION,
    speaker: str | None = typer.Option(None, "--speaker",
                                       help="Only document pairs where a speaker's name "
                                       "contains this, in any case, in either edition; "
                                       "with --query, only the beads of sentences that "
                                       "speaker says."),
    db: str | None = DB_OPTION,
) -> None:
    """Export aligned sentences: one document pair (--doc, --target-lang), the beads
    matching a query (--query), or the whole corpus; --kind, --date-from, --date-to and
    --speaker narrow query and corpus exports."""
    import sys

    from alinea.corpus.exports import Selection
    from alinea.corpus.exports import export as make_export

    if doc is not None and query is not None:
        raise typer.BadParameter("give --doc or --query, not both")
    selection = Selection(document=doc, query=query, lang=lang, target_lang=target_lang,
                          min_confidence=min_confidence, kind=kind, date_from=date_from,
                          date_to=date_to, speaker=speaker)
    with open_store(db) as store:
        result = make_export(store, fmt, selection)
        if str(out) == "-":
            for chunk in result.chunks:
                sys.stdout.buffer.write(chunk)
            return
        size = 0
        tmp = out.with_name(out.name + ".part")
        try:
            with open(tmp, "wb") as handle:
                for chunk in result.chunks:
                    handle.write(chunk)
                    size += len(chunk)
            tmp.replace(out)
        except OSError as exc:
            raise InputError(f"cannot write the export: {exc.strerror}", out) from exc
        finally:
            tmp.unlink(missing_ok=True)
    typer.echo(f"wrote {out} ({fmt}, {size} bytes)", err=True)
