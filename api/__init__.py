"""The HTTP API and web viewer over the corpus store."""

from alinea.api.app import create_app

__all__ = ["create_app"]
