"""What the corpus store's methods return: frozen dataclasses, no database code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from alinea.align.types import Link


IngestStatus = Literal["new", "unchanged", "new-version"]


@dataclass(frozen=True)
class IngestResult:
    """What ``Store.ingest`` did: ``status`` is ``new``, ``unchanged`` or ``new-version``
    (then ``replaced`` is the id of the version it supersedes)."""

    document_id: int
    status: IngestStatus
    version: int = 1
    replaced: int | None = None


@dataclass(frozen=True)
class DeletedDocument:
    """What ``Store.delete_document`` removed: the document, its sentences and the
    alignments it was part of; ``restored`` is the id of the older version made current
    again, if the deleted one was current and had one."""

    document_id: int
    sentences: int
    alignments: int
    restored: int | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document's metadata, without its body."""

    id: int
    doc_key: str
    version: int
    is_current: bool
    title: str
    lang: str
    date: str | None
    kind: str
    source_id: str | None
    source_path: str | None
    content_hash: str
    edition_group_id: int | None
    group_method: str | None
    n_sentences: int
    segmenter: str


@dataclass(frozen=True)
class StoredSentence:
    """A sentence with its database id; ``start``/``end`` index its paragraph's text."""

    id: int
    document_id: int
    position: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Counterpart:
    """A sentence aligned with the one looked up, in another edition."""

    sentence: StoredSentence
    lang: str
    confidence: float
    origin: str
    alignment_id: int


@dataclass(frozen=True)
class StoredLink:
    """A link as stored: the bead, who made it, and who corrected it if a person did."""

    link: Link
    origin: str
    corrected_by: str | None = None


@dataclass(frozen=True)
class Correction:
    """One correction of an alignment as its history keeps it: the links it took out
    (``replaced``) and the links it put in (``added``), each as stored then (origin,
    confidence, who corrected it). ``undone_at`` is set once it has been undone."""

    id: int
    alignment_id: int
    made_at: datetime
    made_by: str | None
    replaced: tuple[StoredLink, ...]
    added: tuple[StoredLink, ...]
    undone_at: datetime | None = None
    undone_by: str | None = None

    @property
    def in_effect(self) -> bool:
        """Not undone."""
        return self.undone_at is None

    @property
    def is_release(self) -> bool:
        """Whether it handed links set by hand back to the aligner (``release_links``): it
        put in the aligner's links only, where a correction puts in at least one manual
        link."""
        return bool(self.added) and all(sl.origin == "auto" for sl in self.added)


@dataclass(frozen=True)
class StoredAlignment:
    """An alignment between two stored documents, with where each link came from."""

    id: int
    src_document_id: int
    tgt_document_id: int
    signature: str
    params: dict[str, object]
    created_at: datetime
    updated_at: datetime
    links: tuple[StoredLink, ...]


@dataclass(frozen=True)
class EditionGroup:
    """Documents that are language editions of one text."""

    id: int
    method: str
    documents: tuple[DocumentInfo, ...]


@dataclass(frozen=True)
class EditionPair:
    """Two editions to align: ``src`` is the original when known, else the lower language
    code. ``alignment_id`` is set when an alignment exists (then the pair is stale)."""

    src_id: int
    tgt_id: int
    src_lang: str
    tgt_lang: str
    alignment_id: int | None = None


@dataclass(frozen=True)
class CorpusStats:
    """Corpus figures over current document versions."""

    documents: int
    versions: int
    documents_by_lang: dict[str, int]
    edition_groups: int
    edition_pairs: int
    aligned_pairs: int
    sentences: int
    links: int
    corrected_links: int
    mean_confidence: float | None


@dataclass(frozen=True)
class SearchHit:
    """A sentence that matches a concordance query."""

    sentence: StoredSentence
    lang: str
    title: str


@dataclass(frozen=True)
class DocumentPage:
    """One page of a document listing; pass ``next_cursor`` back as ``after``."""

    documents: tuple[DocumentInfo, ...]
    next_cursor: int | None
