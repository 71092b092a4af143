"""Bearer-token protection of the routes that write.

The token is set in configuration (``create_app(token=...)``, ``alinea serve --token`` or
``$ALINEA_TOKEN``). Without one, the API is read-only: writes answer 403 and say how to
enable them. Reads never need the token.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False, description="The token the server was started with.")


async def require_token(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Security(_bearer),
) -> None:
    """Dependency of write routes: a valid ``Authorization: Bearer TOKEN`` header."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with a token "
                            "(alinea serve --token, or ALINEA_TOKEN) to allow them")
    if credentials is None:
        raise HTTPException(401, "this request writes to the corpus: send "
                            "'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(401, "the bearer token is not the one the server was started with",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
