"""The HTTP API and web viewer over the corpus store."""
