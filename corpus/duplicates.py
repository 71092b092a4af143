"""Current documents that read as the same text: copies kept from before the store
recognised them.

Ingest answers "unchanged" for a file that reads as the same text as a current document
(``documents.text_hash``, see :func:`alinea.corpus.store.text_hash`). Stores written
before migration 0006 may still hold such copies as documents of their own (a CRLF or
renamed copy of a file became a second document); the migration filled in their hashes
but merges nothing, since which copy to keep (the one with corrections, the one in an
edition group) is the user's choice. This lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.store import DocumentInfo, Store

__all__ = ["DuplicateSet", "duplicate_documents"]


@dataclass(frozen=True)
class DuplicateSet:
    """Current documents with one text, the oldest (lowest id) first: it is the one
    ingest now answers for; the others are its copies."""

    documents: tuple[DocumentInfo, ...]

    @property
    def kept(self) -> DocumentInfo:
        return self.documents[0]

    @property
    def copies(self) -> tuple[DocumentInfo, ...]:
        return self.documents[1:]


def duplicate_documents(store: Store) -> list[DuplicateSet]:
    """Every set of two or more current documents that read as the same text, ordered by
    their oldest document's id."""
    d = t.documents.c
    shared = (sa.select(d.text_hash).where(d.is_current, d.text_hash.is_not(None))
              .group_by(d.text_hash).having(sa.func.count() > 1))
    with store._read() as conn:
        rows = conn.execute(sa.select(d.text_hash, d.id)
                            .where(d.is_current, d.text_hash.in_(shared))
                            .order_by(d.text_hash, d.id)).all()
    ids: dict[str, list[int]] = {}
    for text, document_id in rows:
        ids.setdefault(text, []).append(document_id)
    sets = [DuplicateSet(tuple(store.document(i) for i in group)) for group in ids.values()]
    return sorted(sets, key=lambda s: s.kept.id)
