"""The API's JSON bodies, as pydantic models (the only place alinea uses pydantic), and
their conversion from the library's dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from alinea.corpus.aligned_pairs import AlignedPair, Side
from alinea.corpus.concordance import KwicLine
from alinea.corpus.model import Transcript
from alinea.corpus.store import (
    Correction, Counterpart, DocumentInfo, StoredAlignment, StoredLink, StoredSentence,
)


class DocumentSummary(BaseModel):
    """A document (one version of one language edition), without its text."""

    id: int
    key: str = Field(description="The reader's identifier of the edition; versions share it.")
    version: int
    is_current: bool
    title: str
    lang: str
    date: str | None
    kind: str
    source_id: str | None
    edition_group_id: int | None
    group_method: str | None
    n_sentences: int


class DocumentList(BaseModel):
    """One page of documents; pass ``next`` back as ``cursor`` for the next page."""

    items: list[DocumentSummary]
    next: str | None


class SpeakerOut(BaseModel):
    id: str
    name: str
    role: str


class EditionOut(BaseModel):
    """Another language edition of the same text."""

    id: int
    lang: str
    title: str
    n_sentences: int


class DocumentDetail(DocumentSummary):
    """A document's metadata, speakers and other editions."""

    time: str | None
    place: str | None
    outlet: str | None
    original_lang: str | None = Field(description="The language of the original, as the "
                                      "document or its other editions tell it.")
    is_translation: bool | None = Field(description="True for a translation, False for the "
                                        "original, None when no edition tells.")
    source_url: str | None
    speakers: list[SpeakerOut]
    editions: list[EditionOut]


class SentenceOut(BaseModel):
    """A sentence; ``position`` is its 0-based index in the document, ``start``/``end``
    index its paragraph's text."""

    id: int
    document_id: int
    position: int
    paragraph: int
    start: int
    end: int
    text: str


class SentenceList(BaseModel):
    document_id: int
    lang: str
    items: list[SentenceOut]


#: What ``origin`` and ``alignment_id`` of a counterpart mean, wherever one is given.
ORIGIN = "auto (the aligner set the link) or manual (a person did)."
ALIGNMENT_ID = "The stored alignment the link belongs to."


class CounterpartOut(BaseModel):
    """A sentence aligned with the one looked up."""

    lang: str
    confidence: float
    origin: str = Field(description=ORIGIN)
    alignment_id: int = Field(description=ALIGNMENT_ID)
    sentence: SentenceOut


class Counterparts(BaseModel):
    """A sentence and every sentence aligned with it, in every other language."""

    sentence: SentenceOut
    lang: str
    counterparts: list[CounterpartOut]


class PairSide(BaseModel):
    lang: str
    document_id: int
    positions: list[int]
    sentence_ids: list[int]
    text: str


class PairOut(BaseModel):
    """One bead: source sentences ⟷ target sentences."""

    kind: str
    confidence: float
    origin: str
    src: PairSide
    tgt: PairSide


class AlignmentOut(BaseModel):
    """The aligned sentence pairs of two editions."""

    src: DocumentSummary
    tgt: DocumentSummary
    signature: str
    min_confidence: float
    n_links: int = Field(description="Links in the stored alignment, before filtering.")
    pairs: list[PairOut]


#: What ``POST /alignments/{src_id}/{tgt_id}`` did (``alinea.corpus.batch.PairResult``).
AlignStatus = Literal["new", "realigned", "unchanged"]


class AlignRunOut(BaseModel):
    """What aligning two editions did, and the alignment they have now (its pairs:
    ``GET /alignments/{src_id}/{tgt_id}``, the ``Location``)."""

    status: AlignStatus = Field(
        description="new (they had no alignment), realigned (redone: made by another "
        "alinea version or method, or realign asked for) or unchanged (current already: "
        "nothing was done).")
    alignment_id: int = Field(description=ALIGNMENT_ID)
    src: DocumentSummary
    tgt: DocumentSummary
    signature: str = Field(description="How it was made: alinea version, method revision, "
                           "bead shapes, scorers, model.")
    n_links: int
    manual_links: int = Field(description="Links set by hand, kept as they were.")
    mean_confidence: float | None = Field(description="Mean confidence of its links; none "
                                          "without links.")


class KwicCounterpart(BaseModel):
    """A sentence aligned with the concordance line's (``GET /sentences/{id}/counterparts``
    gives the same links)."""

    sentence_id: int
    document_id: int
    lang: str
    confidence: float
    origin: str = Field(description=ORIGIN)
    alignment_id: int = Field(description=ALIGNMENT_ID)
    text: str


class KwicOut(BaseModel):
    """One concordance line."""

    sentence_id: int
    document_id: int
    document_key: str
    title: str
    lang: str
    position: int
    left: str
    match: str
    right: str
    aligned: list[KwicCounterpart] | None = Field(
        None, description="Sentences aligned with this one in the target language "
        "(only when a target is asked for).")


class ConcordanceOut(BaseModel):
    query: str
    lang: str | None
    target: str | None
    items: list[KwicOut]
    next: str | None


class IngestOut(BaseModel):
    """What ingesting a file did."""

    document_id: int
    status: str = Field(description="new, unchanged or new-version")
    version: int
    replaced: int | None
    aligned_with: list[int] = Field(description="Editions aligned with it just now.")
    warnings: list[str] = Field(
        default_factory=list,
        description="What looks wrong in the file, as alinea ingest warns of it (FILE:LINE: "
        "what and why): a text file whose text stops mid-sentence may be cut short. The file "
        "is stored all the same. A file stored already in another language than it is sent "
        "in (`lang`, or the one detected) is not stored again: the warning says how to.")


class LinkIn(BaseModel):
    """A link set by hand: 0-based sentence positions on each side."""

    src: list[int] = Field(default_factory=list, max_length=50)
    tgt: list[int] = Field(default_factory=list, max_length=50)
    confidence: float = Field(1.0, ge=0.0, le=1.0)


class CorrectionIn(BaseModel):
    links: list[LinkIn] = Field(min_length=1, max_length=1000)
    by: str | None = Field(None, max_length=200, pattern=r"^[^\x00-\x1f]*$")


class CorrectionOut(BaseModel):
    alignment_id: int
    src_document_id: int
    tgt_document_id: int
    corrected: int


class HistoryLinkOut(BaseModel):
    """A link as a correction found or left it (positions of the two documents as asked)."""

    src: list[int]
    tgt: list[int]
    src_text: str = Field(description="The source sentences, joined by a space.")
    tgt_text: str = Field(description="The target sentences, joined by a space.")
    confidence: float
    origin: str = Field(description="auto (the aligner) or manual (a person).")
    corrected_by: str | None


class CorrectionRecordOut(BaseModel):
    """One correction: when, by whom, the links it replaced and those it put in."""

    id: int
    made_at: datetime
    made_by: str | None
    in_effect: bool = Field(description="Not undone.")
    undone_at: datetime | None
    undone_by: str | None
    replaced: list[HistoryLinkOut]
    added: list[HistoryLinkOut]


class CorrectionHistoryOut(BaseModel):
    """The corrections of an alignment, the most recent first."""

    src_document_id: int
    tgt_document_id: int
    items: list[CorrectionRecordOut]


class UndoIn(BaseModel):
    by: str | None = Field(None, max_length=200, pattern=r"^[^\x00-\x1f]*$",
                           description="Who undoes it, kept in the history.")


class UndoOut(BaseModel):
    """The correction undone: its ``replaced`` links are back in the alignment."""

    alignment_id: int
    src_document_id: int
    tgt_document_id: int
    undone: CorrectionRecordOut


class EditionLinkIn(BaseModel):
    other_id: int = Field(ge=1, le=2_147_483_647)


class DeletedOut(BaseModel):
    """What deleting a document removed."""

    document_id: int
    sentences: int
    alignments: int = Field(description="Alignments with other editions deleted with it.")
    restored: int | None = Field(description="The previous version, current again when "
                                 "the current version was deleted.")


class EditionGroupOut(BaseModel):
    document_id: int
    edition_group_id: int | None
    editions: list[EditionOut]


# ------------------------------------------------------------------ conversions


def summary(doc: DocumentInfo) -> DocumentSummary:
    return DocumentSummary(id=doc.id, key=doc.doc_key, version=doc.version,
                           is_current=doc.is_current, title=doc.title, lang=doc.lang,
                           date=doc.date, kind=doc.kind, source_id=doc.source_id,
                           edition_group_id=doc.edition_group_id,
                           group_method=doc.group_method, n_sentences=doc.n_sentences)


def edition(doc: DocumentInfo) -> EditionOut:
    return EditionOut(id=doc.id, lang=doc.lang, title=doc.title, n_sentences=doc.n_sentences)


def detail(doc: DocumentInfo, tr: Transcript, editions: list[DocumentInfo],
           status: tuple[bool | None, str | None]) -> DocumentDetail:
    """``status``: (``is_translation``, ``original_lang``) as the edition group tells them
    (``Store.edition_status``), not only the file itself."""
    is_translation, original_lang = status
    return DocumentDetail(
        **summary(doc).model_dump(), time=tr.time, place=tr.place, outlet=tr.outlet,
        original_lang=original_lang, is_translation=is_translation,
        source_url=tr.source_url,
        speakers=[SpeakerOut(id=s.id, name=s.name, role=s.role) for s in tr.speakers],
        # Not the document itself, nor, for an earlier version, its current one: a
        # version of the same edition (the same key) is no other edition of the text.
        editions=[edition(e) for e in editions if e.doc_key != doc.doc_key])


def sentence(s: StoredSentence) -> SentenceOut:
    return SentenceOut(id=s.id, document_id=s.document_id, position=s.position,
                       paragraph=s.paragraph, start=s.start, end=s.end, text=s.text)


def counterpart(c: Counterpart) -> CounterpartOut:
    return CounterpartOut(lang=c.lang, confidence=c.confidence, origin=c.origin,
                          alignment_id=c.alignment_id, sentence=sentence(c.sentence))


def _side(side: Side) -> PairSide:
    return PairSide(lang=side.lang, document_id=side.document_id,
                    positions=list(side.positions), sentence_ids=list(side.sentence_ids),
                    text=side.text)


def pair(p: AlignedPair) -> PairOut:
    return PairOut(kind=p.kind, confidence=p.confidence, origin=p.origin, src=_side(p.src),
                   tgt=_side(p.tgt))


def align_run(status: AlignStatus, src: DocumentInfo, tgt: DocumentInfo,
              stored: StoredAlignment) -> AlignRunOut:
    """``stored``, the alignment of ``src`` and ``tgt`` (either way round), as aligning
    them left it with ``status``."""
    confidences = [sl.link.confidence for sl in stored.links]
    return AlignRunOut(
        status=status, alignment_id=stored.id, src=summary(src), tgt=summary(tgt),
        signature=stored.signature, n_links=len(stored.links),
        manual_links=sum(sl.origin == "manual" for sl in stored.links),
        mean_confidence=sum(confidences) / len(confidences) if confidences else None)


def _history_link(sl: StoredLink, src: Sequence[StoredSentence],
                  tgt: Sequence[StoredSentence]) -> HistoryLinkOut:
    return HistoryLinkOut(src=list(sl.link.src), tgt=list(sl.link.tgt),
                          src_text=" ".join(src[i].text for i in sl.link.src),
                          tgt_text=" ".join(tgt[j].text for j in sl.link.tgt),
                          confidence=sl.link.confidence, origin=sl.origin,
                          corrected_by=sl.corrected_by)


def correction(c: Correction, src: Sequence[StoredSentence],
               tgt: Sequence[StoredSentence]) -> CorrectionRecordOut:
    """A correction, its links with the text of ``src`` and ``tgt`` (by position)."""
    return CorrectionRecordOut(
        id=c.id, made_at=c.made_at, made_by=c.made_by, in_effect=c.in_effect,
        undone_at=c.undone_at, undone_by=c.undone_by,
        replaced=[_history_link(sl, src, tgt) for sl in c.replaced],
        added=[_history_link(sl, src, tgt) for sl in c.added])


def kwic_line(line: KwicLine, with_target: bool) -> KwicOut:
    aligned = None
    if with_target:
        aligned = [KwicCounterpart(sentence_id=c.sentence.id,
                                   document_id=c.sentence.document_id, lang=c.lang,
                                   confidence=c.confidence, origin=c.origin,
                                   alignment_id=c.alignment_id, text=c.sentence.text)
                   for c in line.counterparts]
    return KwicOut(sentence_id=line.sentence.id, document_id=line.sentence.document_id,
                   document_key=line.document_key, title=line.title, lang=line.lang,
                   position=line.sentence.position, left=line.left, match=line.match,
                   right=line.right, aligned=aligned)
