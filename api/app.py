"""The FastAPI application: ``create_app(store_url, token)``.

Routes are split by area (``routes_*``); every error becomes problem+json in
``problems``; writes need the bearer token (``auth``); HEAD is answered wherever GET is,
and CORS only for the origins named (``middleware``). The store is opened when the app is
made and closed when it shuts down. ``app_from_env`` is the factory uvicorn uses when it
runs several workers (``ALINEA_DB``, ``ALINEA_TOKEN``, ``ALINEA_CORS_ORIGINS``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from alinea import __version__
from alinea.api import problems
from alinea.api.middleware import HeadAsGet, add_cors, cors_origin
from alinea.corpus.lookup import CounterpartLookup
from alinea.corpus.store import Store

DESCRIPTION = """Aligned sentences of multilingual transcripts: documents and their editions,
sentence alignments with confidences, a parallel concordance, and exports (TMX, XCES, TEI,
Moses, TSV). Reads are open; writes need `Authorization: Bearer TOKEN`. Errors are
`application/problem+json`."""


def create_app(store_url: str | None = None, token: str | None = None, *,
               store: Store | None = None, cors_origins: Sequence[str] = ()) -> FastAPI:
    """The API over the store at ``store_url`` (default: ``$ALINEA_DB`` or ``alinea.db``).

    ``token`` enables the write routes; without it the API is read-only. A ready ``store``
    may be passed instead of a URL (it is then not closed by the app). ``cors_origins``
    (``https://example.org``, or ``*`` for any) may call the API from pages in a browser;
    without them the API sends no CORS headers.
    """
    from alinea.api import (
        routes_alignments, routes_concordance, routes_corpus, routes_documents, routes_export,
        routes_writes, viewer,
    )

    origins = [cors_origin(o) for o in cors_origins]  # refused before the store is opened
    owned = store is None
    the_store = store if store is not None else Store.open(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owned:
                the_store.close()

    app = FastAPI(title="alinea", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.store = the_store
    app.state.counterpart_lookup = CounterpartLookup(the_store)
    app.state.token = token or None
    # Middleware added later wraps what was added before: the 500 problem (added by
    # problems.install) goes through HEAD handling and CORS like any answer.
    problems.install(app)
    app.add_middleware(HeadAsGet)
    if origins:
        add_cors(app, origins, writes=app.state.token is not None)
    for router in (routes_documents.router, routes_corpus.router, routes_alignments.router,
                   routes_concordance.router, routes_export.router, routes_writes.router,
                   routes_corpus.writes):
        app.include_router(router)
    viewer.install(app)  # the web viewer's pages and routes, and edition comparison

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return (resources.files("alinea.api") / "static" / "index.html").read_text("utf-8")

    def openapi() -> dict:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)
            app.openapi_schema = problems.document(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """``create_app`` configured from ``ALINEA_DB``, ``ALINEA_TOKEN`` and
    ``ALINEA_CORS_ORIGINS`` (origins separated by spaces) for uvicorn's workers."""
    return create_app(os.environ.get("ALINEA_DB"), os.environ.get("ALINEA_TOKEN"),
                      cors_origins=os.environ.get("ALINEA_CORS_ORIGINS", "").split())
