"""What the API does around its routes, for every one of them: HEAD answered as GET.

Reads use the shared aligned sample corpus (``corpus_client``, ``corpus_ids`` from conftest).
"""

from __future__ import annotations

import asyncio

import pytest

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
    assert head.headers["allow"] == "POST"


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
