"""The ``alinea`` command: one typer app, one module per area of subcommands.

Every command opens a library object, calls it, and prints. Library errors
(``AlineaError``) become a one-line message and a non-zero exit here, and only here.
"""

from __future__ import annotations

import sys

import typer

from alinea.errors import AlineaError

app = typer.Typer(
    name="alinea",
    help="Align translations of transcripts and encode them as TEI.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

#: ``--encoding`` of every command that reads text files (ingest, segment, align, compare)
ENCODING_OPTION = typer.Option(
    None, "--encoding", help="Text encoding of the input files, e.g. cp1251 or latin-1 "
    "(default: UTF-8, or UTF-16/32 as the file's BOM says).")


#: the document filters of ``export`` and ``concordance``
KIND_OPTION = typer.Option(None, "--kind", help="Only documents of this kind (interview, "
                           "speech, ...).")
DATE_FROM_OPTION = typer.Option(None, "--date-from", metavar="YYYY-MM-DD",
                                help="Only documents dated on or after.")
DATE_TO_OPTION = typer.Option(None, "--date-to", metavar="YYYY-MM-DD",
                              help="Only documents dated on or before.")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 turn``, ``2 turns``; ``plural`` where ``s`` will not do (``copies``)."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


@app.callback()
def _root() -> None:
    """Align translations of transcripts and encode them as TEI."""


# Importing the command modules registers their commands on ``app``.
from alinea.cli import commands  # noqa: E402,F401


def main() -> None:
    """Entry point of the ``alinea`` console script."""
    try:
        app()
    except AlineaError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
