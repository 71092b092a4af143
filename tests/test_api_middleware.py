"""What the API does around its routes, for every one of them: HEAD answered as GET, CORS
for the origins the server is told, and internal errors as problems that CORS lets through.

Reads use the shared aligned sample corpus (``corpus_client``, ``corpus_ids`` from conftest);
CORS tests make apps of their own over it (``corpus_url``), or over ``writable``'s store.
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from alinea.api import create_app
from alinea.errors import InputError

PROBLEM = "application/problem+json"

# {en}: the English consular answer, which has a Russian edition.
GET_ROUTES = [
    "/documents?limit=3",
    "/documents/{en}",
    "/documents/{en}/sentences",
    "/documents/{en}/tei",
    "/documents/{en}/turns",
    "/export?format=tsv&doc={en}&target=ru",
    "/concordance?q=students",
    "/",
    "/viewer/",
    "/openapi.json",
]


@pytest.mark.parametrize("path", GET_ROUTES)
def test_head_answers_like_get_without_a_body(corpus_client, corpus_ids, path):
    path = path.format(en=corpus_ids["answer-consular-students.en"])
    get = corpus_client.get(path)
    head = corpus_client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.headers == get.headers
    assert head.content == b""


def test_head_of_an_unknown_document_is_the_404_of_get(corpus_client):
    head = corpus_client.head("/documents/424242")
    assert head.status_code == 404
    assert head.headers["content-type"] == PROBLEM
    assert head.headers["content-length"] == corpus_client.get("/documents/424242").headers[
        "content-length"]


def test_head_on_a_route_that_only_writes_is_405(corpus_client):
    head = corpus_client.head("/documents/1/editions")
    assert head.status_code == 405
    assert head.headers["allow"] == "DELETE, POST"


def _asgi_messages(app, method: str, path: str, query: str = "",
                   extensions: dict | None = None) -> list[dict]:
    """The messages ``app`` sends for one request, straight from ASGI (the test client
    drops a HEAD answer's body itself, which would hide a body sent by the app)."""
    messages: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        messages.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"},
             "http_version": "1.1", "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1),
             "server": ("testserver", 80), "extensions": extensions or {}}
    asyncio.run(app(scope, receive, send))
    return messages


@pytest.mark.parametrize("path, query, extensions", [
    ("/documents", "limit=3", None),
    ("/export", "format=tsv&doc={en}&target=ru", None),
    ("/viewer/", "", {"http.response.pathsend": {}}),  # a file sent by path, not as bytes
])
def test_head_sends_no_body_bytes(corpus_client, corpus_ids, path, query, extensions):
    query = query.format(en=corpus_ids["answer-consular-students.en"])
    got = _asgi_messages(corpus_client.app, "HEAD", path, query, extensions)
    assert got[0]["type"] == "http.response.start" and got[0]["status"] == 200
    assert got[1:] == [{"type": "http.response.body", "body": b"", "more_body": False}]


@pytest.fixture
def export_chunks(monkeypatch) -> list[int]:
    """The sizes of the chunks the export route takes from the export it streams, in the
    order it takes them."""
    from alinea.api import routes_export

    taken: list[int] = []
    real = routes_export.export

    def counted(*args, **kwargs):
        result = real(*args, **kwargs)

        def chunks():
            for chunk in result.chunks:
                taken.append(len(chunk))
                yield chunk

        return dataclasses.replace(result, chunks=chunks())

    monkeypatch.setattr(routes_export, "export", counted)
    return taken


@pytest.mark.parametrize("query", ["format=tei", "format=tmx&lang=en", "format=moses"])
def test_head_of_an_export_answers_like_get_without_streaming_it(corpus_client,
                                                                  export_chunks, query):
    get = corpus_client.get(f"/export?{query}")
    assert get.status_code == 200 and len(export_chunks) > 1, export_chunks
    assert sum(export_chunks) == len(get.content)
    export_chunks.clear()
    head = corpus_client.head(f"/export?{query}")
    assert (head.status_code, head.headers) == (get.status_code, get.headers)
    assert export_chunks == []


def test_head_stops_the_export_on_a_server_of_asgi_2_4_too(corpus_client, export_chunks):
    # ASGI 2.4 servers (uvicorn) have StreamingResponse stream without a disconnect
    # listener, the test client's 2.0 with one: both paths must stop.
    got = _asgi_messages(corpus_client.app, "HEAD", "/export", "format=tmx")
    assert got[0]["type"] == "http.response.start" and got[0]["status"] == 200
    assert got[1:] == [{"type": "http.response.body", "body": b"", "more_body": False}]
    assert export_chunks == []


@pytest.fixture
def tsv_writer(monkeypatch) -> dict:
    """The TSV export's writer, replaced by one that writes a chunk per pair and records
    ``events`` (``started`` when it begins, ``closed`` when its ``finally`` runs), the
    ``chunks`` it made and the ``generators`` it made, which this fixture holds on to: a generator is closed by the
    app, or not at all."""
    from alinea.corpus import export_tsv

    seen: dict = {"events": [], "generators": [], "chunks": 0}

    def writer(pairs, batch: int = 500):
        seen["events"].append("started")
        try:
            for pair in pairs:
                seen["chunks"] += 1
                yield f"{pair.src.text}\t{pair.tgt.text}\n".encode()
        finally:
            seen["events"].append("closed")

    def made(*args, **kwargs):
        generator = writer(*args, **kwargs)
        seen["generators"].append(generator)
        return generator

    monkeypatch.setattr(export_tsv, "tsv_chunks", made)
    return seen


def test_head_of_an_export_makes_its_first_chunk_only_and_closes_it_at_once(
        corpus_client, corpus_ids, tsv_writer):
    # The first chunk is what GET makes before it answers; the rest is not made.
    import inspect

    path = f"/export?format=tsv&doc={corpus_ids['answer-consular-students.en']}&target=ru"
    head = corpus_client.head(path)
    assert head.status_code == 200
    (generator,) = tsv_writer["generators"]
    assert tsv_writer["events"] == ["started", "closed"]
    assert tsv_writer["chunks"] == 1
    assert inspect.getgeneratorstate(generator) == inspect.GEN_CLOSED
    get = corpus_client.get(path)
    assert (head.status_code, head.headers) == (get.status_code, get.headers)
    assert get.content.count(b"\n") > 5
    assert tsv_writer["chunks"] == 1 + get.content.count(b"\n")


def test_an_export_the_client_stops_reading_is_closed_at_once(corpus_client, tsv_writer):
    # A 2.0 server (the test client's) tells a client gone by http.disconnect; it comes
    # here once the first chunk is out. The export is closed when the answer ends, not
    # when the garbage collector finds it (the fixture holds it).
    import inspect

    app = corpus_client.app
    messages: list[dict] = []

    async def run() -> None:
        first_chunk = asyncio.Event()

        async def receive() -> dict:
            await first_chunk.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            messages.append(message)
            if message["type"] == "http.response.body" and message["body"]:
                first_chunk.set()

        scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.0"},
                 "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": "/export", "raw_path": b"/export", "query_string": b"format=tsv",
                 "root_path": "", "headers": [(b"host", b"testserver")],
                 "client": ("127.0.0.1", 1), "server": ("testserver", 80), "extensions": {}}
        await app(scope, receive, send)

    asyncio.run(run())
    (generator,) = tsv_writer["generators"]
    assert messages[0]["status"] == 200
    assert tsv_writer["events"] == ["started", "closed"]
    assert inspect.getgeneratorstate(generator) == inspect.GEN_CLOSED
    # Cut off: far fewer lines sent than the corpus has pairs.
    sent = b"".join(m.get("body", b"") for m in messages[1:])
    assert 0 < sent.count(b"\n") < 50
    assert not any(m.get("more_body") is False for m in messages[1:])


def test_head_of_an_export_that_fails_is_the_problem_of_get(corpus_client, corpus_ids):
    path = f"/export?format=tsv&doc={corpus_ids['answer-consular-students.en']}&target=zh"
    get = corpus_client.get(path)
    head = corpus_client.head(path)
    assert get.status_code == 404 and get.headers["content-type"] == PROBLEM
    assert (head.status_code, head.headers) == (get.status_code, get.headers)


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "moses", "xces", "tei"])
def test_head_of_an_export_whose_database_fails_is_the_503_of_get(writable, tmp_path, fmt):
    # A corpus export reads its first alignment's links while it makes its first chunk,
    # after the selection is resolved: that is where the missing table shows.
    import sqlite3

    con = sqlite3.connect(tmp_path / "w.db")
    con.execute("DROP TABLE links")
    con.commit()
    con.close()
    writable.app.state.store.engine.dispose()
    get = writable.get(f"/export?format={fmt}")
    head = writable.head(f"/export?format={fmt}")
    assert get.status_code == 503 and get.headers["content-type"] == PROBLEM
    assert get.json()["detail"].endswith("no such table: links")
    assert (head.status_code, head.headers) == (get.status_code, get.headers)
    assert head.content == b""


# ---------------------------------------------------------------- CORS


PAGE = "https://viewer.example.org"


def _preflight(client: TestClient, path: str, method: str, origin: str = PAGE,
               headers: str | None = None):
    request_headers = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        request_headers["Access-Control-Request-Headers"] = headers
    return client.options(path, headers=request_headers)


def test_without_cors_origins_the_api_sends_no_cors_headers(corpus_client):
    response = corpus_client.get("/documents", headers={"Origin": PAGE})
    assert response.status_code == 200
    assert not [h for h in response.headers if h.startswith("access-control-")]
    assert _preflight(corpus_client, "/documents", "GET").status_code == 405


def test_a_named_origin_may_read_and_others_may_not(corpus_url):
    with TestClient(create_app(corpus_url, cors_origins=[PAGE, "http://localhost:5173/"])) as c:
        read = c.get("/documents", headers={"Origin": PAGE})
        assert read.status_code == 200
        assert read.headers["access-control-allow-origin"] == PAGE
        assert "Origin" in read.headers["vary"]
        local = c.get("/documents", headers={"Origin": "http://localhost:5173"})
        assert local.headers["access-control-allow-origin"] == "http://localhost:5173"
        other = c.get("/documents", headers={"Origin": "https://elsewhere.example"})
        assert other.status_code == 200 and "access-control-allow-origin" not in other.headers

        preflight = _preflight(c, "/documents", "GET")
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == PAGE
        assert preflight.headers["access-control-allow-methods"] == "GET, HEAD"
        assert _preflight(c, "/documents", "GET", "https://elsewhere.example").status_code == 400
        # Without a token there is nothing to write: a browser is not even allowed to try.
        assert _preflight(c, "/documents", "POST", headers="authorization").status_code == 400


def test_any_origin_may_read_with_a_star(corpus_url, corpus_ids):
    en = corpus_ids["answer-consular-students.en"]
    with TestClient(create_app(corpus_url, cors_origins=["*"])) as c:
        export = c.get("/export", params={"format": "tsv", "doc": en, "target": "ru"},
                       headers={"Origin": "https://anywhere.example"})
        assert export.headers["access-control-allow-origin"] == "*"
        # so that the page can read the file name it is offered
        assert export.headers["access-control-expose-headers"] == "Content-Disposition"
        head = c.head("/documents", headers={"Origin": "https://anywhere.example"})
        assert head.status_code == 200 and head.headers["access-control-allow-origin"] == "*"
        assert _preflight(c, "/documents", "GET", "https://anywhere.example").status_code == 200


def test_a_named_origin_may_write_with_the_token_when_the_server_has_one(writable):
    with TestClient(create_app(writable.store_url, token="s3cret",
                               cors_origins=[PAGE])) as c:
        preflight = _preflight(c, "/documents/1/editions", "DELETE",
                               headers="authorization, content-type")
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-methods"] == \
            "GET, HEAD, POST, PUT, DELETE"
        assert "Authorization" in preflight.headers["access-control-allow-headers"]
        response = c.delete("/documents/1/editions",
                            headers={"Origin": PAGE, "Authorization": "Bearer s3cret"})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == PAGE
        refused = c.delete("/documents/1/editions", headers={"Origin": PAGE})
        assert refused.status_code == 401  # the browser lets the page read why
        assert refused.headers["access-control-allow-origin"] == PAGE


@pytest.mark.parametrize("origin", ["https://viewer.example.org/app/", "viewer.example.org",
                                    "https://", "http://a b"])
def test_an_origin_with_a_path_or_without_a_scheme_is_refused(corpus_url, origin):
    with pytest.raises(InputError) as refused:
        create_app(corpus_url, cors_origins=[origin])
    assert str(refused.value) == (
        f"CORS origin {origin!r} is not an origin: give the scheme, host and port the "
        "calling page's address starts with and nothing after (https://example.org, "
        "http://localhost:5173), or * for any")


def test_serve_passes_its_cors_origins_to_the_app(corpus_url, monkeypatch):
    from alinea.cli import app as cli

    served = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **_: served.setdefault("app", app))
    result = CliRunner().invoke(cli, ["serve", "--db", corpus_url, "--cors-origin", PAGE,
                                      "--cors-origin", "http://localhost:5173"])
    assert result.exit_code == 0, result.output
    assert f"CORS for {PAGE} http://localhost:5173" in result.output
    with TestClient(served["app"]) as c:
        for origin in (PAGE, "http://localhost:5173"):
            response = c.get("/documents", headers={"Origin": origin})
            assert response.headers["access-control-allow-origin"] == origin


def test_workers_read_their_cors_origins_from_the_environment(corpus_url, monkeypatch):
    from alinea.api.app import app_from_env

    monkeypatch.setenv("ALINEA_DB", corpus_url)
    monkeypatch.setenv("ALINEA_CORS_ORIGINS", f"{PAGE} http://localhost:5173")
    with TestClient(app_from_env()) as c:
        response = c.get("/documents", headers={"Origin": "http://localhost:5173"})
        assert response.headers["access-control-allow-origin"] == "http://localhost:5173"


# ---------------------------------------------------------------- internal errors


class _BrokenStore:
    """A store that fails at whatever it is asked, as a bug in a route would."""

    def __getattr__(self, name: str):
        raise RuntimeError(f"the store broke at {name}")


INTERNAL_ERROR = {"type": "about:blank", "title": "Internal error", "status": 500,
                  "detail": "the server failed to answer this request; the error is in "
                  "its log"}


@pytest.fixture
def broken(corpus_url):
    """A client of an app allowing CORS for PAGE whose store fails, that answers the
    server's errors instead of raising them."""
    app = create_app(corpus_url, cors_origins=[PAGE])
    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.store = _BrokenStore()
        yield client


def test_an_internal_error_is_a_problem_a_page_on_an_allowed_origin_can_read(broken, caplog):
    with caplog.at_level("ERROR", logger="alinea.api"):
        response = broken.get("/documents/1", headers={"Origin": PAGE})
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["access-control-allow-origin"] == PAGE
    assert response.json() == INTERNAL_ERROR
    # the traceback is in the log, once, and not in the answer
    (record,) = [r for r in caplog.records if r.name == "alinea.api"]
    assert record.getMessage() == "GET /documents/1 failed"
    assert "the store broke at document" in str(record.exc_info[1])


def test_an_internal_error_gets_no_cors_headers_for_other_origins(broken):
    response = broken.get("/documents/1", headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 500 and response.json() == INTERNAL_ERROR
    assert "access-control-allow-origin" not in response.headers


def test_head_of_an_internal_error_is_the_500_of_get(broken):
    get = broken.get("/documents/1", headers={"Origin": PAGE})
    head = broken.head("/documents/1", headers={"Origin": PAGE})
    assert (head.status_code, head.headers) == (500, get.headers)
    assert head.content == b""


def test_an_internal_error_still_reaches_the_server(corpus_url):
    # for its log (uvicorn prints it) and for tests that let the client raise it
    app = create_app(corpus_url)
    with TestClient(app) as client:
        app.state.store = _BrokenStore()
        with pytest.raises(RuntimeError, match="the store broke at document"):
            client.get("/documents/1")
