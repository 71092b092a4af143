"""``alinea serve``: the HTTP API under uvicorn."""

from __future__ import annotations

import typer

from alinea.cli import app
from alinea.cli.store import DB_OPTION


@app.command()
def serve(
    db: str | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", envvar="ALINEA_HOST",
                             help="Interface to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", envvar="ALINEA_PORT", min=1, max=65535,
                             help="TCP port."),
    token: str | None = typer.Option(None, "--token", envvar="ALINEA_TOKEN",
                                     help="Bearer token that allows writes (ingest, link "
                                     "corrections, edition links); without it the API is "
                                     "read-only."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Worker processes (each opens the store)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    cors_origins: list[str] | None = typer.Option(
        None, "--cors-origin", envvar="ALINEA_CORS_ORIGINS", metavar="URL",
        help="Let pages from this origin (https://example.org, or * for any) call the API "
        "in a browser: reads, and writes with the token when --token is set. Repeat for "
        "several. Without it, browsers refuse cross-origin calls."),
) -> None:
    """Serve the corpus over HTTP (OpenAPI docs at /docs)."""
    import os

    import uvicorn

    from alinea.api.app import create_app
    from alinea.api.middleware import cors_origin
    from alinea.corpus.store import Store, default_url

    origins = [cors_origin(o) for o in cors_origins or []]
    url = db or default_url()
    # Open (and migrate) once here, so a bad URL is a one-line error before uvicorn starts.
    Store.open(url).close()
    typer.echo(f"alinea API on http://{host}:{port}/ (docs: /docs), store {url}, "
               f"writes {'need the token' if token else 'disabled'}"
               + (f", CORS for {' '.join(origins)}" if origins else ""), err=True)
    if workers == 1:
        uvicorn.run(create_app(url, token, cors_origins=origins), host=host, port=port,
                    log_level=log_level)
        return
    os.environ["ALINEA_DB"] = url
    if token:
        os.environ["ALINEA_TOKEN"] = token
    if origins:
        os.environ["ALINEA_CORS_ORIGINS"] = " ".join(origins)
    uvicorn.run("alinea.api.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level)
