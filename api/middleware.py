"""ASGI middleware the app factory wraps around the routes.

``add_cors`` lets pages on other origins call the API from a browser, when the server is
told which (``create_app(cors_origins=...)``, ``alinea serve --cors-origin``).

``HeadAsGet`` answers ``HEAD`` wherever ``GET`` is answered: FastAPI registers a route for
the methods it names only, so ``HEAD /documents`` was a 405, while Starlette's own routes
(``/docs``) and the viewer's static files answered it. Handling it once here keeps HEAD out
of the OpenAPI document, where every GET operation would otherwise appear twice.
``allowed_methods`` is the other side of it: what a 405's ``Allow`` header lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import anyio
import anyio.lowlevel
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from alinea.errors import InputError

__all__ = ["HeadAsGet", "add_cors", "allowed_methods", "cors_origin"]

_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")

# scheme://host[:port], as a browser's Origin header sends it.
_ORIGIN = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#\s]+$")


class HeadAsGet:
    """Run a ``HEAD`` request as ``GET`` and send the status and headers of the answer
    without its body (RFC 9110 section 9.3.2), ``Content-Length`` included.

    The app is stopped as soon as it has started its answer: what a route computes before
    the status is known still runs (that is what makes the status and headers those of
    ``GET``), but a streamed body (an export, a file) is not generated only to be thrown
    away. A route that computes part of its body before it answers (an export's first
    chunk, where a failing database shows) must do so for HEAD too, or HEAD answers 200
    where GET answers the problem.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        with anyio.CancelScope() as answering:

            async def send_head(message: Message) -> None:
                if message["type"] != "http.response.start" or answering.cancel_called:
                    return  # the body, which a HEAD answer has not
                await send(message)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                # Cancelled, not raised: no exception handler between here and the route
                # mistakes the end of the answer for an error.
                answering.cancel()
                await anyio.lowlevel.checkpoint()

            await self.app({**scope, "method": "GET"}, receive, send_head)


def allowed_methods(app: Starlette, scope: Scope) -> list[str]:
    """Every method the routes of ``app`` answer at the path of ``scope``, in alphabetical
    order, with ``HEAD`` wherever ``GET`` (as ``HeadAsGet`` answers it); empty when only a
    mounted app (the viewer's files) or nothing is there.

    For the ``Allow`` header of a 405 (RFC 9110 section 15.5.6), which Starlette fills with
    the methods of the first route at the path only: ``PUT /documents`` answered
    ``Allow: GET`` though ``POST /documents`` ingests.
    """
    path, root_path = scope["path"], scope.get("app_root_path", scope.get("root_path", ""))
    found = set()
    for method in _METHODS:
        probe = {"type": "http", "method": method, "path": path, "root_path": root_path,
                 "headers": []}
        # Mounts take any method, and name their own (StaticFiles: GET, HEAD).
        if any(not isinstance(route, Mount) and route.matches(dict(probe))[0] is Match.FULL
               for route in app.router.routes):
            found.add(method)
    if "GET" in found:
        found.add("HEAD")
    return sorted(found)


def cors_origin(value: str) -> str:
    """``value`` as the Origin header of a browser sends it (lower case, no trailing
    slash), or ``*`` for any origin."""
    origin = value.strip().rstrip("/").lower()
    if origin != "*" and not _ORIGIN.match(origin):
        raise InputError(f"CORS origin {value!r} is not an origin: give the scheme, host and "
                         "port the calling page's address starts with and nothing after "
                         "(https://example.org, http://localhost:5173), or * for any")
    return origin


def add_cors(app: Starlette, origins: Iterable[str], writes: bool) -> None:
    """Answer browsers calling from ``origins`` (as ``cors_origin`` gives them): GET and
    HEAD, and with ``writes`` (the server has a token) POST, PUT and DELETE with the
    ``Authorization`` header. Preflight requests from these origins answer 200."""
    methods = ["GET", "HEAD"] + (["POST", "PUT", "DELETE"] if writes else [])
    # No credentials mode: the bearer token is a header the page sets, not a cookie.
    app.add_middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=methods,
                       allow_headers=["Authorization"] if writes else [],
                       expose_headers=["Content-Disposition"])
