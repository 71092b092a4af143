"""Aligned sentence pairs, read out of the corpus store for the exporters and the API.

The export writers (``export_tmx``, ``export_xces``, ``export_moses``, ``export_tsv``) are
pure functions over ``AlignedPair``s; this module is where those pairs come from: one
document and its edition in another language (``document_pairs``), every stored alignment
(``corpus_pairs``), or the links holding the sentences that match a concordance query
(``query_pairs``). Everything here goes through the store's public methods only.

Pairs come out lazily, one document pair at a time, so an export of the whole corpus never
holds more than one alignment in memory.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

from alinea.corpus.store import DocumentInfo, Store, StoredAlignment, StoredSentence
from alinea.errors import InputError, NotFoundError

__all__ = ["Side", "AlignedPair", "DocumentAlignment", "NoEditionError", "NotEditionsError",
           "NotAlignedError",
           "load_alignment", "find_edition",
           "document_pairs", "corpus_alignments", "corpus_pairs", "query_alignments",
           "alignments_for_hits", "query_pairs", "filter_pairs"]


class NoEditionError(NotFoundError):
    """A document has no edition in the language asked for. The message says how to link
    one with the command line; ``document_id`` and ``lang`` let another interface (the
    API) say it its own way."""

    def __init__(self, document_id: int, lang: str):
        self.document_id, self.lang = document_id, lang
        super().__init__(f"document {document_id} has no edition in {lang} (link one with "
                         "alinea editions --link)")


class NotEditionsError(NotFoundError):
    """Two documents asked for as a pair are no editions of one text in two languages (not
    in one edition group, or in one language), so there is no alignment to align them for.
    The message says how to link them with the command line; ``src`` and ``tgt`` let the
    API say it its own way. Two documents in one language (``same_language``) cannot be
    linked, and the message says so alike everywhere."""

    def __init__(self, src: DocumentInfo, tgt: DocumentInfo):
        self.src, self.tgt = src, tgt
        self.same_language = src.lang == tgt.lang
        said = f"documents {src.id} ({src.lang}) and {tgt.id} ({tgt.lang}) have no alignment"
        if self.same_language:
            super().__init__(f"{said}: both are in {src.lang}, and an alignment pairs "
                             "editions of one text in two languages")
        else:
            super().__init__(f"{said}: they are not editions of one text (if they are, link "
                             f"them with alinea editions --link {src.id} {tgt.id}, then "
                             "alinea align --all)")


class NotAlignedError(NotFoundError):
    """Two editions of one text that have no alignment yet. The message says how to align
    them with the command line; ``src`` and ``tgt`` let the API say it its own way."""

    def __init__(self, src: DocumentInfo, tgt: DocumentInfo):
        self.src, self.tgt = src, tgt
        super().__init__(f"documents {src.id} ({src.lang}) and {tgt.id} ({tgt.lang}) have no "
                         "alignment yet: align them with alinea align --all")


@dataclass(frozen=True)
class Side:
    """One side of a bead: the sentences (possibly none) of one document."""

    lang: str
    document_id: int
    document_key: str
    positions: tuple[int, ...]
    sentence_ids: tuple[int, ...]
    texts: tuple[str, ...]

    @property
    def text(self) -> str:
        """The side's sentences joined by a space, as one segment."""
        return " ".join(self.texts)


@dataclass(frozen=True)
class AlignedPair:
    """One bead of a stored alignment, with the text of both sides.

    ``origin`` is ``auto`` (the aligner) or ``manual`` (a person corrected it);
    ``signature`` is the aligner's signature of the alignment the bead belongs to.
    """

    src: Side
    tgt: Side
    confidence: float
    origin: str
    signature: str = ""

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``1-1``, ``2-1``, ``1-0``."""
        return f"{len(self.src.positions)}-{len(self.tgt.positions)}"

    @property
    def is_complete(self) -> bool:
        """Both sides hold at least one sentence (not a 1-0 or 0-1 bead)."""
        return bool(self.src.positions) and bool(self.tgt.positions)


@dataclass(frozen=True)
class DocumentAlignment:
    """A stored alignment seen from ``src``'s side, with both documents' sentences."""

    src: DocumentInfo
    tgt: DocumentInfo
    stored: StoredAlignment
    src_sentences: tuple[StoredSentence, ...]
    tgt_sentences: tuple[StoredSentence, ...]
    flipped: bool

    def pairs(self) -> Iterator[AlignedPair]:
        """Every bead, in order, as an ``AlignedPair`` with ``src`` on the left."""
        for sl in self.stored.links:
            src_idx, tgt_idx = sl.link.src, sl.link.tgt
            if self.flipped:
                src_idx, tgt_idx = tgt_idx, src_idx
            yield AlignedPair(_side(self.src, self.src_sentences, src_idx),
                              _side(self.tgt, self.tgt_sentences, tgt_idx),
                              float(sl.link.confidence), sl.origin, self.stored.signature)


def _side(doc: DocumentInfo, sentences: tuple[StoredSentence, ...],
          indices: tuple[int, ...]) -> Side:
    chosen = [sentences[i] for i in indices]
    return Side(doc.lang, doc.id, doc.doc_key, tuple(indices), tuple(s.id for s in chosen),
                tuple(s.text for s in chosen))


def load_alignment(store: Store, src_id: int, tgt_id: int) -> DocumentAlignment:
    """The alignment of two documents oriented as asked, whichever way it is stored.

    ``NotFoundError`` if either document is unknown or the two were never aligned
    (``NotEditionsError`` when they are not editions of one text, ``NotAlignedError`` when
    they are but have no alignment yet), ``InputError`` if they are one document.
    """
    src, tgt = store.document(src_id), store.document(tgt_id)
    if src_id == tgt_id:
        # Not "align them first": a document has no alignment with itself to be made.
        raise InputError(f"document {src_id} has no alignment with itself: give two "
                         "different editions")
    flipped = False
    try:
        stored = store.alignment(src_id, tgt_id)
    except NotFoundError:
        try:
            stored = store.alignment(tgt_id, src_id)
        except NotFoundError:
            if (src.lang == tgt.lang or src.edition_group_id is None
                    or src.edition_group_id != tgt.edition_group_id):
                # "Align them first" would not do: pairs are aligned within a group only.
                raise NotEditionsError(src, tgt) from None
            raise NotAlignedError(src, tgt) from None
        flipped = True
    return DocumentAlignment(src, tgt, stored, tuple(store.sentences(src_id)),
                             tuple(store.sentences(tgt_id)), flipped)


def find_edition(store: Store, document_id: int, lang: str) -> DocumentInfo:
    """The current edition in ``lang`` of the text ``document_id`` is an edition of."""
    doc = store.document(document_id)
    if doc.lang == lang:
        raise InputError(f"document {document_id} is itself in {lang}: give another "
                         "target language")
    if doc.edition_group_id is not None:
        page = store.list_documents(group_id=doc.edition_group_id, lang=lang, limit=10)
        if page.documents:
            return page.documents[0]
    raise NoEditionError(document_id, lang)


def filter_pairs(pairs: Iterable[AlignedPair], min_confidence: float = 0.0,
                 complete_only: bool = False) -> Iterator[AlignedPair]:
    """Pairs at or above ``min_confidence``; with ``complete_only``, no 1-0/0-1 beads."""
    for pair in pairs:
        if pair.confidence < min_confidence:
            continue
        if complete_only and not pair.is_complete:
            continue
        yield pair


def document_pairs(store: Store, document_id: int, target_lang: str) -> Iterator[AlignedPair]:
    """The beads between a document and its edition in ``target_lang``."""
    tgt = find_edition(store, document_id, target_lang)
    yield from load_alignment(store, document_id, tgt.id).pairs()


def _aligned_document_pairs(store: Store, src_lang: str | None, tgt_lang: str | None
                            ) -> Iterator[tuple[int, int]]:
    """(source, target) document ids of every stored alignment of current editions,
    oriented so that ``src_lang``/``tgt_lang`` (when given) are on their sides."""
    for pair in store.edition_pairs():
        if pair.alignment_id is None:
            continue
        a, b, la, lb = pair.src_id, pair.tgt_id, pair.src_lang, pair.tgt_lang
        if (src_lang is not None and la != src_lang) or (tgt_lang is not None and lb != tgt_lang):
            a, b, la, lb = b, a, lb, la
        if (src_lang is not None and la != src_lang) or (tgt_lang is not None and lb != tgt_lang):
            continue
        yield a, b


def corpus_alignments(store: Store, src_lang: str | None = None, tgt_lang: str | None = None,
                      documents: Container[int] | None = None) -> Iterator[DocumentAlignment]:
    """Every stored alignment of current editions, restricted to a language pair if given,
    and to pairs with either edition in ``documents`` if given."""
    for a, b in _aligned_document_pairs(store, src_lang, tgt_lang):
        if documents is None or a in documents or b in documents:
            yield load_alignment(store, a, b)


def corpus_pairs(store: Store, src_lang: str | None = None, tgt_lang: str | None = None
                 ) -> Iterator[AlignedPair]:
    """The beads of every stored alignment (of current editions), document pair by pair."""
    for alignment in corpus_alignments(store, src_lang, tgt_lang):
        yield from alignment.pairs()


def query_alignments(store: Store, query: str, lang: str | None = None,
                     target_lang: str | None = None, max_hits: int = 100_000
                     ) -> Iterator[tuple[DocumentAlignment, list[AlignedPair]]]:
    """For each document pair holding sentences that match ``query`` (in ``lang``), its
    alignment and the beads that contain a matching sentence, in corpus order."""
    def hits() -> Iterator[tuple[int, int]]:
        after = None
        seen = 0
        while seen < max_hits:
            page = store.search(query, lang=lang, limit=500, after=after)
            if not page:
                return
            for hit in page:
                yield hit.sentence.document_id, hit.sentence.position
            seen += len(page)
            after = page[-1].sentence.id

    yield from alignments_for_hits(store, hits(), target_lang)


def alignments_for_hits(store: Store, hits: Iterable[tuple[int, int]],
                        target_lang: str | None = None
                        ) -> Iterator[tuple[DocumentAlignment, list[AlignedPair]]]:
    """For sentences given as (document id, position), each alignment of their document
    (to ``target_lang`` if given) with the beads that hold one of them."""
    hits_by_doc: dict[int, set[int]] = {}
    for document_id, position in hits:
        hits_by_doc.setdefault(document_id, set()).add(position)
    partners: dict[int, list[int]] = {}
    for pair in store.edition_pairs():
        if pair.alignment_id is None:
            continue
        if target_lang is None or pair.tgt_lang == target_lang:
            partners.setdefault(pair.src_id, []).append(pair.tgt_id)
        if target_lang is None or pair.src_lang == target_lang:
            partners.setdefault(pair.tgt_id, []).append(pair.src_id)
    for doc_id, positions in hits_by_doc.items():
        for other in partners.get(doc_id, []):
            alignment = load_alignment(store, doc_id, other)
            chosen = [p for p in alignment.pairs() if positions & set(p.src.positions)]
            if chosen:
                yield alignment, chosen


def query_pairs(store: Store, query: str, lang: str | None = None,
                target_lang: str | None = None) -> Iterator[AlignedPair]:
    """The beads that hold a sentence matching ``query``; the matching side is ``src``."""
    for _alignment, chosen in query_alignments(store, query, lang, target_lang):
        yield from chosen
