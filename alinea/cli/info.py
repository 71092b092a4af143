"""``alinea version``."""

import typer

from alinea import __version__
from alinea.cli import app


@app.command()
def version() -> None:
    """Print alinea's version."""
    typer.echo(__version__)
