"""One entry point for every export format, for the CLI and the API alike.

``export(store, fmt, selection)`` returns the file's media type, a suggested file name and
its bytes as an iterator of chunks. The selection is one document with its edition in a
target language, the beads matching a concordance query, or the whole corpus (optionally
one language pair). Everything that can fail on bad input (unknown document, no
alignment, empty query) fails before the first chunk, so a caller can still report it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from alinea.corpus import aligned_pairs as ap
from alinea.corpus import export_moses, export_tei, export_tmx, export_tsv, export_xces
from alinea.corpus.concordance import (
    DocumentFilter, check_language_pair, document_ids, matching_sentences, query_terms,
)
from alinea.corpus.store import Store
from alinea.errors import InputError

__all__ = ["FORMATS", "Selection", "Export", "export"]

FORMATS = ("tmx", "xces", "tei", "moses", "tsv")

_MEDIA = {"tmx": export_tmx.MEDIA_TYPE, "xces": export_xces.MEDIA_TYPE,
          "tei": export_tei.MEDIA_TYPE, "moses": export_moses.MEDIA_TYPE,
          "tsv": export_tsv.MEDIA_TYPE}
_SUFFIX = {"tmx": "tmx", "xces": "xces.zip", "tei": "tei.zip", "moses": "moses.zip",
           "tsv": "tsv"}


@dataclass(frozen=True)
class Selection:
    """What to export: ``document`` (+ ``target_lang``), or ``query`` (in ``lang``, beads
    to ``target_lang`` if given), or else the whole corpus (``lang``-``target_lang`` if
    given). ``min_confidence`` drops weaker beads."""

    document: int | None = None
    query: str | None = None
    lang: str | None = None
    target_lang: str | None = None
    min_confidence: float = 0.0
    #: Document filters, as for listings and the concordance (query and corpus exports).
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    speaker: str | None = None

    def __post_init__(self) -> None:
        _ = self.filters  # DocumentFilter refuses impossible dates and unknown kinds
        check_language_pair(self.lang, self.target_lang)
        if self.document is not None and self.filtered:
            raise InputError("kind, date and speaker filters apply to query and corpus "
                             "exports, not to one document's export")

    @property
    def filters(self) -> DocumentFilter:
        return DocumentFilter(lang=self.lang, kind=self.kind, date_from=self.date_from,
                              date_to=self.date_to, speaker=self.speaker)

    @property
    def filtered(self) -> bool:
        """Whether filters beyond the language apply."""
        return any(v is not None for v in (self.kind, self.date_from, self.date_to,
                                           self.speaker))


@dataclass(frozen=True)
class Export:
    media_type: str
    filename: str
    chunks: Iterator[bytes]


def _name(selection: Selection, store: Store) -> str:
    if selection.document is not None:
        return f"{store.document(selection.document).doc_key}.{selection.target_lang}"
    if selection.query is not None:
        return "alinea-query"
    langs = "-".join(x for x in (selection.lang, selection.target_lang) if x)
    return "alinea-corpus" + (f".{langs}" if langs else "")


def _alignments(store: Store, s: Selection
                ) -> Iterable[tuple[ap.DocumentAlignment, list[ap.AlignedPair] | None]]:
    if s.document is not None:
        store.document(s.document)  # an unknown id is not found, whatever else is missing
        if s.target_lang is None:
            raise InputError("exporting a document needs the target language of its "
                             "edition (--target-lang / target=)")
        tgt = ap.find_edition(store, s.document, s.target_lang)
        return [(ap.load_alignment(store, s.document, tgt.id), None)]
    if s.query is not None:
        query_terms(s.query)  # fail now on a query without words
        if not s.filtered:
            return ap.query_alignments(store, s.query, s.lang, s.target_lang)
        return ap.alignments_for_hits(store, matching_sentences(store, s.query, s.filters),
                                      s.target_lang)
    # A pair belongs to the selection when either edition matches: a speaker's name is
    # spelled per language (Varga, Варга), and the pair is one text in two languages.
    documents = document_ids(store, replace(s.filters, lang=None)) if s.filtered else None
    return ((a, None) for a in ap.corpus_alignments(store, s.lang, s.target_lang, documents))


class _Primed(Iterator[bytes]):
    """``chunks`` with its first chunk computed now, so errors surface before anything is
    sent; ``close()`` closes ``chunks`` (its ``finally`` blocks run then, not when it is
    collected), whether or not the first chunk was taken."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._first = next(chunks, None)

    def __next__(self) -> bytes:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return next(self._chunks)

    def close(self) -> None:
        self._first = None
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


def export(store: Store, fmt: str, selection: Selection) -> Export:
    """The export of ``selection`` in format ``fmt`` (one of ``FORMATS``).

    The selection is resolved now (an unknown document, a missing edition or alignment,
    a query without words fail here), and the first chunk is computed too, so that what
    fails only while the file is made (a database failing as it is read) fails here as
    well. ``chunks`` has a ``close()`` that ends the work at once (a HEAD answer, which
    sends no body, takes none of them).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if selection.document is not None and selection.query is not None:
        raise InputError("give a document or a query to export, not both")
    alignments = _alignments(store, selection)
    if selection.document is not None:
        alignments = list(alignments)  # resolve the document and its alignment now
    filename = f"{_name(selection, store)}.{_SUFFIX[fmt]}"

    def with_filter(items):
        for alignment, pairs in items:
            chosen = list(ap.filter_pairs(alignment.pairs() if pairs is None else pairs,
                                          selection.min_confidence))
            if chosen:
                yield alignment, chosen

    if fmt == "tei":
        chunks = export_tei.tei_chunks(export_tei.groups_from(store, with_filter(alignments)))
        return Export(_MEDIA[fmt], filename, _Primed(chunks))

    def pairs() -> Iterator[ap.AlignedPair]:
        for _alignment, chosen in with_filter(alignments):
            yield from chosen

    if fmt == "tmx":
        chunks = export_tmx.tmx_chunks(pairs(), srclang=selection.lang or (
            store.document(selection.document).lang if selection.document else None))
    elif fmt == "xces":
        chunks = export_xces.xces_chunks(pairs())
    elif fmt == "moses":
        chunks = export_moses.moses_chunks(pairs(), name=_name(selection, store))
    else:
        chunks = export_tsv.tsv_chunks(pairs())
    return Export(_MEDIA[fmt], filename, _Primed(chunks))
