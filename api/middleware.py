"""ASGI middleware the app factory wraps around the routes.

``HeadAsGet`` answers ``HEAD`` wherever ``GET`` is answered: FastAPI registers a route for
the methods it names only, so ``HEAD /documents`` was a 405, while Starlette's own routes
(``/docs``) and the viewer's static files answered it. Handling it once here keeps HEAD out
of the OpenAPI document, where every GET operation would otherwise appear twice.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Run a ``HEAD`` request as ``GET`` and send the status and headers of the answer
    without its body (RFC 9110 section 9.3.2), ``Content-Length`` included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.start":
                await send(message)
            elif kind == "http.response.pathsend" or (
                    kind == "http.response.body" and not message.get("more_body", False)):
                # The last part of the body ends the answer; what came before is dropped.
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_head)
