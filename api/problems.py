"""Errors as ``application/problem+json`` (RFC 9457), in one place for the whole API.

``AlineaError``s from the library map to statuses here and only here: an unknown id
(``NotFoundError``) is 404, a request that what is stored rules out (``ConflictError``:
nothing to undo) is 409, bad input (``InputError`` and its subclasses, the aligner's and
segmenter's complaints, a store asked for nonsense) is 422, a database that fails or an
embedding model that cannot be loaded or fails while encoding (``ModelError``) is 503.
Request validation (a body that is not JSON at all is a 400 saying where), unknown routes
and authentication become problems too, and anything
unexpected is a 500 problem whose detail names no internals (the traceback goes to the log).
A message the library words for the command line is worded for the API here (``detail_of``).

That 500 is answered by ``InternalErrors``, a middleware inside the others, rather than by
Starlette's ``ServerErrorMiddleware``, which sits outside every middleware of the app: its
answer had no CORS headers, so a page on an allowed origin could not read it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alinea.api.middleware import allowed_methods
from alinea.corpus.aligned_pairs import NoEditionError, NotAlignedError, NotEditionsError
from alinea.corpus.concordance import FilterError
from alinea.errors import (
    AlignError, AlineaError, ConflictError, InputError, LanguageError, ModelError, NotFoundError,
    SegmentError, StoreError,
)

log = logging.getLogger("alinea.api")

MEDIA_TYPE = "application/problem+json"
INTERNAL_ERROR = "the server failed to answer this request; the error is in its log"

_TITLES = {
    400: "Bad request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 406: "Not acceptable", 409: "Conflict", 413: "Request too large",
    415: "Unsupported media type", 422: "Invalid request", 500: "Internal error",
    503: "Store unavailable",
}


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


def problem_response(status: int, detail: str, title: str | None = None,
                     headers: dict[str, str] | None = None,
                     errors: list[dict[str, Any]] | None = None) -> JSONResponse:
    """A problem+json response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title or _TITLES.get(status, "Error"),
                            "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def internal_error(request: Request, exc: BaseException) -> JSONResponse:
    """The 500 problem for an unexpected ``exc``, logged with its traceback."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return problem_response(500, INTERNAL_ERROR, "Internal error")


class InternalErrors:
    """Answer an unexpected exception with the 500 problem, from inside the app's other
    middleware (CORS adds its headers to it, HEAD drops its body), then raise it on to the
    server, as Starlette does, for its log and for test clients. An exception after the
    answer has started cannot change it and is only raised on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception as exc:
            if not started:
                await internal_error(Request(scope), exc)(scope, receive, send)
            raise


def status_of(exc: AlineaError) -> tuple[int, str]:
    """The HTTP status and title for a library error."""
    if isinstance(exc, ModelError):
        return 503, "Aligner unavailable"
    if isinstance(exc, NotFoundError):
        return 404, "Not found"
    if isinstance(exc, ConflictError):
        return 409, "Conflict"
    if isinstance(exc, StoreError):
        if isinstance(exc.__cause__, SQLAlchemyError):
            return 503, "Store unavailable"
        return 422, "Invalid request"
    if isinstance(exc, InputError | AlignError | SegmentError):
        return 422, "Invalid input"
    return 422, "Invalid request"


#: The document filters as the API's query parameters name them.
_FILTER_PARAMETERS = {"date_from": "date_from", "date_to": "date_to", "kind": "kind",
                      "lang": "lang", "target": "target"}


def detail_of(exc: AlineaError) -> str:
    """The problem's detail for a library error: its message, or, where the library words
    it for the command line (options, ``alinea editions --link``), the API's way of it."""
    if isinstance(exc, FilterError):
        return exc.worded(_FILTER_PARAMETERS)
    if isinstance(exc, NoEditionError):
        return (f"document {exc.document_id} has no edition in {exc.lang} (link one with "
                f"POST /documents/{exc.document_id}/editions, or alinea editions --link)")
    if isinstance(exc, NotEditionsError) and not exc.same_language:
        src, tgt = exc.src, exc.tgt
        return (f"documents {src.id} ({src.lang}) and {tgt.id} ({tgt.lang}) have no "
                "alignment: they are not editions of one text (if they are, link them with "
                f'POST /documents/{src.id}/editions and {{"other_id": {tgt.id}}}, then align '
                f"them with POST /alignments/{src.id}/{tgt.id})")
    if isinstance(exc, NotAlignedError):
        src, tgt = exc.src, exc.tgt
        return (f"documents {src.id} ({src.lang}) and {tgt.id} ({tgt.lang}) have no "
                f"alignment yet: align them with POST /alignments/{src.id}/{tgt.id}")
    if isinstance(exc, LanguageError) and exc.parameter is not None:
        # The readers ask for the command line's --lang; an upload takes ?lang=.
        return exc.worded(f"the {exc.parameter} parameter")
    return str(exc)


NOT_JSON = "the request body is not valid JSON"


def _malformed_json(exc: RequestValidationError) -> str | None:
    """The detail for a body that does not parse as JSON, located by line and column
    (FastAPI reports it as a validation error at ``body.OFFSET``), else None."""
    for error in exc.errors():
        if error.get("type") != "json_invalid":
            continue
        reason = (error.get("ctx") or {}).get("error", "JSON decode error")
        loc = error.get("loc", ())
        doc = exc.body if isinstance(exc.body, str) else None
        if len(loc) < 2 or not isinstance(loc[1], int) or doc is None:
            return f"{NOT_JSON}: {reason}"
        pos = loc[1]
        # As json.JSONDecodeError counts them: 1-based line, column from 1.
        line = doc.count("\n", 0, pos) + 1
        column = pos - doc.rfind("\n", 0, pos)
        return f"{NOT_JSON}: {reason} at line {line} column {column}"
    return None


def _location(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ()))


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``, and ``InternalErrors`` as its innermost
    middleware so far: call it before adding the others."""

    @app.exception_handler(AlineaError)
    async def _alinea(request: Request, exc: AlineaError) -> JSONResponse:
        status, title = status_of(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
        return problem_response(status, detail_of(exc), title)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        malformed = _malformed_json(exc)
        if malformed is not None:
            return problem_response(400, malformed)
        errors = [{"loc": _location(e), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        detail = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors) or "invalid request"
        return problem_response(422, detail, "Invalid parameters", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        headers = getattr(exc, "headers", None)
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI's "There was an error parsing the body" for a JSON body in no UTF.
            cause = exc.__cause__
            detail = (f"{NOT_JSON}: it is not {cause.encoding.upper()} text (byte "
                      f"{cause.start + 1})")
        elif exc.status_code == 404 and detail == "Not Found":
            detail = f"no such endpoint: {request.method} {request.url.path} (see /docs)"
        elif exc.status_code == 405:
            # A mounted app (the viewer's files) names its own methods.
            allow = ", ".join(allowed_methods(request.app, request.scope)) or (
                headers or {}).get("Allow")
            if allow:
                headers = {**(headers or {}), "Allow": allow}
                if detail == "Method Not Allowed":
                    detail = (f"{request.url.path} does not answer {request.method}: it "
                              f"answers {allow}")
        return problem_response(exc.status_code, detail, headers=headers)

    # What fails outside InternalErrors (in another middleware) gets the same problem from
    # Starlette's ServerErrorMiddleware, which calls this for what InternalErrors answered
    # too (and does not send it then): the server logs the traceback, not this.
    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(500, INTERNAL_ERROR, "Internal error")

    app.add_middleware(InternalErrors)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for problem statuses (completed by ``document``)."""
    return {status: {"description": _TITLES.get(status, "Error")} for status in statuses}


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Make every 4xx/5xx response of an OpenAPI document a ``Problem`` in problem+json,
    and declare the 422, 500 and 503 (the database failed) every operation can answer, and
    the 400 (malformed JSON) of every operation taking a JSON body."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    content = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            body = operation.get("requestBody", {}).get("content", {})
            if "application/json" in body:
                answers.setdefault("400", {"description": "The request body is not valid "
                                           "JSON (the detail says where)."})
            for status in ("422", "500", "503"):
                answers.setdefault(status, {"description": _TITLES[int(status)]})
            for status, answer in answers.items():
                if status[0] in "45":
                    answer["content"] = content
    return schema
