"""How two stored editions differ: ``alinea.align.compare`` over the corpus store.

The comparison uses the stored alignment of the two documents when there is one (so a
person's corrections count), and otherwise aligns them on the spot with the same
structural anchors ``alinea compare`` uses (paragraphs or turns when both editions share
them); nothing is written to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from alinea.align.compare import Comparison, compare
from alinea.align.types import Alignment
from alinea.corpus.aligned_pairs import load_alignment
from alinea.corpus.sentences import DocSentence, parallel_blocks
from alinea.corpus.store import DocumentInfo, Store
from alinea.errors import AlignError, NotFoundError

__all__ = ["EditionComparison", "compare_editions"]


@dataclass(frozen=True)
class EditionComparison:
    """A comparison of document ``tgt`` with document ``src``; ``alignment`` says whether
    the stored alignment was used or one was computed for the occasion."""

    src: DocumentInfo
    tgt: DocumentInfo
    comparison: Comparison
    alignment: Literal["stored", "computed"]


def _doc_sentences(store: Store, document_id: int):
    """The stored transcript and its sentences with the turn each one is in."""
    transcript = store.get_document(document_id)
    turn_of_paragraph = [turn_index for turn_index, turn in enumerate(transcript.turns)
                         for _ in turn.paragraphs]
    sentences = [DocSentence(s.text, turn_of_paragraph[s.paragraph], s.paragraph, s.start,
                             s.end) for s in store.sentences(document_id)]
    return transcript, sentences


def compare_editions(store: Store, src_id: int, tgt_id: int, *, outlier_z: float = 2.5,
                     min_similarity: float = 0.45, min_confidence: float = 0.5
                     ) -> EditionComparison:
    """Compare the edition ``tgt_id`` with the edition ``src_id`` (source or reference).

    ``AlignError`` when the two are one document or either has no sentences;
    ``NotFoundError`` for an unknown id.
    """
    if src_id == tgt_id:
        raise AlignError(f"document {src_id} compared with itself: give two different "
                         "editions")
    src, tgt = store.document(src_id), store.document(tgt_id)
    try:
        stored = load_alignment(store, src_id, tgt_id)
    except NotFoundError:
        stored = None
    if stored is not None:
        links = tuple(sl.link for sl in stored.stored.links)
        if stored.flipped:
            links = tuple(link.reversed() for link in links)
        alignment = Alignment(links, src.lang, tgt.lang, stored.stored.signature)
        result = compare([s.text for s in stored.src_sentences],
                         [s.text for s in stored.tgt_sentences], src.lang, tgt.lang,
                         alignment=alignment, outlier_z=outlier_z,
                         min_similarity=min_similarity, min_confidence=min_confidence)
        return EditionComparison(src, tgt, result, "stored")
    src_doc, src_sentences = _doc_sentences(store, src_id)
    tgt_doc, tgt_sentences = _doc_sentences(store, tgt_id)
    src_blocks, tgt_blocks = parallel_blocks(src_doc, src_sentences, tgt_doc, tgt_sentences)
    result = compare([s.text for s in src_sentences], [s.text for s in tgt_sentences],
                     src.lang, tgt.lang, src_blocks=src_blocks, tgt_blocks=tgt_blocks,
                     outlier_z=outlier_z, min_similarity=min_similarity,
                     min_confidence=min_confidence)
    return EditionComparison(src, tgt, result, "computed")
