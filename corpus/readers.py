"""Reading transcript files into the document model: one entry point, one reader per layout.

``read_transcript`` decodes the file, recognises its layout and hands it to the reader:
TEI written by alinea (``alinea.tei``), HTML pages (turned into text lines), mid.ru
plain-text exports, or the generic plain-text layout. Every failure is an ``IngestError``
subclass naming the file and, where it can, the line.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from alinea.corpus.boilerplate import source_id_from_url
from alinea.corpus.decode import decode_text
from alinea.corpus.labels import transliterate
from alinea.corpus.midru import looks_like_midru, read_midru
from alinea.corpus.model import Transcript
from alinea.corpus.plaintext import read_plaintext, starts_with_header
from alinea.corpus.truncation import CutShort, cut_short
from alinea.errors import AlineaError, EncodingError, IngestError, NoBodyError, UnknownLayoutError

__all__ = ["read_transcript", "read_text", "document_id", "ReadResult", "read_many",
           "looks_like_transcript", "read_bytes_checked"]

_HTML_START = re.compile(r"(?is)<!doctype html|<html|<body|<div|<p[ >]")


def read_transcript(path: str | Path, lang: str | None = None, *, encoding: str | None = None,
                    doc_id: str | None = None) -> Transcript:
    """Read one transcript file (text, HTML or alinea TEI) into a ``Transcript``.

    ``lang`` is the edition's language (detected when ``None``); ``encoding`` overrides
    detection (UTF-8/UTF-16 with BOM); ``doc_id`` defaults to one made from the file name.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}", path) from exc
    return read_bytes(data, path, lang, encoding=encoding, doc_id=doc_id)


def read_bytes(data: bytes, path: str | Path, lang: str | None = None, *,
               encoding: str | None = None, doc_id: str | None = None) -> Transcript:
    """Like ``read_transcript`` for bytes already in memory; ``path`` names them in errors."""
    if _is_xml(data):
        return _read_xml(data, path)
    return read_text(_decode(data, path, encoding), path, lang, doc_id=doc_id)


def read_bytes_checked(data: bytes, path: str | Path, lang: str | None = None, *,
                       encoding: str | None = None) -> tuple[Transcript, CutShort | None]:
    """``read_bytes``, and for a plain-text file ``CutShort`` (its ``str`` is the warning,
    naming the file and its last line) when the text stops mid-sentence at the end of
    the file, as a file truncated by a failed copy does; ``None`` otherwise, and for HTML
    and TEI, whose end is their markup's. The bytes are decoded once for both."""
    if _is_xml(data):
        return _read_xml(data, path), None
    text = _decode(data, path, encoding)
    doc = read_text(text, path, lang)
    return doc, None if _HTML_START.match(text.lstrip()) else cut_short(doc, text, path)


def _is_xml(data: bytes) -> bool:
    head = data.lstrip()[:200].lower()
    return head.startswith((b"<?xml", b"<tei", b"<teicorpus"))


def _decode(data: bytes, path: str | Path, encoding: str | None) -> str:
    try:
        return decode_text(data, path, encoding)
    except EncodingError:
        declared = None if encoding else _declared_charset(data)
        if declared is None:
            raise
        # A page saved from a browser keeps its bytes in the charset its <meta> names
        # (windows-1251 on many Russian sites); UTF-8 is tried first, as a page re-saved
        # in UTF-8 often keeps its old declaration.
        return decode_text(data, path, declared)


_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` of its first 4 KB, if Python
    knows it; ISO-8859-1 and ASCII are read as windows-1252, as browsers read them."""
    head = data[:4096]
    if not _HTML_START.match(head.decode("ascii", "replace").lstrip()):
        return None
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def read_text(text: str, path: str | Path = "<text>", lang: str | None = None, *,
              doc_id: str | None = None) -> Transcript:
    """Read a decoded transcript: HTML, a mid.ru export or generic plain text."""
    doc_id = doc_id or document_id(path)
    stripped = text.lstrip()
    if _HTML_START.match(stripped):
        from alinea.corpus.html import read_html

        page = read_html(text, path)
        try:
            transcript = _read_lines(page.text, path, lang, doc_id)
        except IngestError as exc:
            exc.line = page.source_line(exc.line)  # the page's line, not its text's
            raise
        if transcript.source_url is None and page.url:
            # A source named in the text wins: a republished page's own URL is not the source.
            transcript = replace(transcript, source_url=page.url,
                                 source_id=transcript.source_id or source_id_from_url(page.url))
        return replace(transcript, boilerplate=tuple(
            replace(b, line=page.source_line(b.line)) for b in transcript.boilerplate))
    if stripped.startswith(("{", "[")) or re.match(r"<[A-Za-z?!]", stripped):
        raise UnknownLayoutError("looks like JSON or XML, not a transcript alinea can read "
                                 "(alinea reads plain text, HTML and its own TEI)", path, 1)
    return _read_lines(text, path, lang, doc_id)


def _read_lines(text: str, path: str | Path, lang: str | None, doc_id: str) -> Transcript:
    """A transcript's text lines (a text file's, or a page's) through the reader of its layout."""
    if not any(re.search(r"[^\W\d_]{2,}", line) for line in text.split("\n")):
        raise UnknownLayoutError("no words in the file: not a transcript", path, 1)
    nonblank = [line for line in text.split("\n") if line.strip()]
    if len(nonblank) < 2:
        raise NoBodyError("only one line: a title with no text", path, 1)
    # A header of the plain-text layout wins over the mid.ru signals: its body's speaker
    # labels would send it to the mid.ru reader, which takes the header for body text.
    midru = looks_like_midru(text) and not starts_with_header(text)
    reader = read_midru if midru else read_plaintext
    return reader(text, path, doc_id, lang)


def looks_like_transcript(text: str) -> bool:
    """True for layouts that carry page furniture, markup or a header around the text
    (alinea TEI, HTML, mid.ru exports, plain text with a ``key: value`` header), which only
    a transcript reader can set aside; plain running text, where every paragraph is
    text, is False."""
    stripped = text.lstrip()
    return (stripped.startswith(("<?xml", "<TEI", "<teiCorpus")) or bool(_HTML_START.match(stripped))
            or starts_with_header(text) or looks_like_midru(text))


def document_id(path: str | Path) -> str:
    """A stable XML NCName for a document read from ``path``: its file name in Latin
    letters (accents dropped, Cyrillic transliterated). A name with letters that have no
    Latin spelling here (Chinese, Greek, ...) also gets a short hash of the name, so two
    such files never share an id."""
    stem = Path(str(path)).name
    stem = re.sub(r"\.(txt|text|html?|xml)$", "", stem, flags=re.IGNORECASE)
    latin = "".join(ch for ch in unicodedata.normalize("NFKD", transliterate(stem))
                    if not unicodedata.combining(ch))
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", latin).strip("-.")
    if any(ch.isalpha() and not ch.isascii() for ch in latin):
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
        clean = f"{clean}-{digest}" if clean else f"doc-{digest}"
    clean = clean or "doc"
    if not re.match(r"[A-Za-z_]", clean):
        clean = "doc-" + clean
    return clean


@dataclass(frozen=True)
class ReadResult:
    """One file of a batch: the transcript, or the error that stopped it."""

    path: Path
    transcript: Transcript | None = None
    error: AlineaError | None = None


def read_many(paths: list[Path], lang: str | None = None, *, encoding: str | None = None) -> list[ReadResult]:
    """Read a batch; a bad file gives its error and does not stop the others."""
    results = []
    for path in paths:
        try:
            results.append(ReadResult(path, read_transcript(path, lang, encoding=encoding)))
        except AlineaError as exc:
            results.append(ReadResult(path, error=exc))
    return results


def _read_xml(data: bytes, path: str | Path) -> Transcript:
    """alinea TEI back into the model, through the safe XML parser (no DTDs, no entities)."""
    from alinea.tei.parse import parse_tei
    from alinea.tei.safe_xml import parse_xml_bytes

    return parse_tei(parse_xml_bytes(data, path), path)
