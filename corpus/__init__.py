"""Document model, readers and the corpus store."""

from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn

__all__ = ["Boilerplate", "Paragraph", "Speaker", "Transcript", "Turn"]
