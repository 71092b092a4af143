"""alinea: translation alignment and multilingual TEI corpora for transcripts.

The library lives in subpackages: ``alinea.corpus`` (document model, readers, store),
``alinea.align`` (segmentation, scoring, alignment, evaluation), ``alinea.tei`` (TEI
build, parse, validate) and ``alinea.api`` (HTTP service). The ``alinea`` command is a
thin layer over them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alinea")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
