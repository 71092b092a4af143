"""The corpus store: transcripts, edition groups, sentences and alignments in a database.

One interface over two backends, both through SQLAlchemy 2 Core:

- **SQLite** (the default, ``sqlite:///alinea.db``): WAL journal, foreign keys on,
  ``BEGIN IMMEDIATE`` for writes so concurrent writers queue instead of failing, FTS5 for
  sentence search.
- **PostgreSQL** (``postgresql+psycopg://user@host/db``): a generated ``tsvector`` column
  with a GIN index for sentence search.

Opening a store brings its schema up to date with the Alembic migrations shipped in the
package. Every public method runs in one transaction, so a process killed in the middle of
an ingest leaves the database as it was before that document. Database errors surface once,
as ``StoreError``; unknown ids as ``NotFoundError``.

Typical use::

    with Store.open("sqlite:///corpus.db") as store:
        result = store.ingest(transcript, "ru/123.txt", raw_bytes)
        store.match_editions()
        for pair in store.pending_pairs():
            ...  # align, then store.save_alignment(pair.src_id, pair.tgt_id, alignment)
"""

from __future__ import annotations

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.store_alignments import AlignmentsMixin
from alinea.corpus.store_base import DEFAULT_URL, Segmenter, default_url, normalize_url
from alinea.corpus.store_documents import DocumentsMixin
from alinea.corpus.store_editions import EditionsMixin
from alinea.corpus.store_ingest import IngestMixin, content_hash, text_hash
from alinea.corpus.store_results import (
    CorpusStats, Correction, Counterpart, DeletedDocument, DocumentInfo, DocumentPage,
    EditionGroup, EditionPair, IngestResult, IngestStatus, SearchHit, StoredAlignment,
    StoredLink, StoredSentence,
)
from alinea.corpus.store_rows import counterparts_select
from alinea.corpus.store_search import SearchMixin, parse_query

# The helpers this module defined before it was split, still importable from here
# (alinea.corpus.corrections uses some of them).
from alinea.corpus.store_alignments import (  # noqa: F401
    _around, _check_links, _in_order, _json_safe, _sentences, _span,
)
from alinea.corpus.store_base import (  # noqa: F401
    _configure_sqlite, _create_sqlite_file, _describe,
)
from alinea.corpus.store_editions import _chunks, _orient  # noqa: F401
from alinea.corpus.store_ingest import (  # noqa: F401
    _resolve_segmenter, _same_edition, _segmenter_name,
)
from alinea.corpus.store_rows import (  # noqa: F401
    _info, _info_select, _now, _sentence, _sentence_columns, _sentence_select,
)

__all__ = [
    "DEFAULT_URL", "CorpusStats", "Correction", "Counterpart", "DeletedDocument",
    "DocumentInfo", "DocumentPage", "EditionGroup", "EditionPair", "IngestResult",
    "SearchHit", "Segmenter", "Store", "StoredAlignment", "StoredLink", "StoredSentence",
    "content_hash", "counterparts_select", "default_url", "normalize_url", "parse_query",
    "text_hash",
]

# The store is one class over modules with one job each: store_base (opening, connections),
# store_ingest, store_documents, store_search, store_editions, store_alignments; its
# results are in store_results and the shared selects in store_rows. Import from here.


class Store(IngestMixin, DocumentsMixin, SearchMixin, EditionsMixin, AlignmentsMixin):
    """The corpus database. Open with ``Store.open(url)``; close (or use ``with``)."""

    # ---------------------------------------------------------------- figures

    def stats(self) -> CorpusStats:
        """Documents per language, edition pairs, aligned pairs, sentences, confidence."""
        d, s, l = t.documents.c, t.sentences.c, t.links.c
        pairs = self.edition_pairs()
        with self._read() as conn:
            by_lang = dict(conn.execute(sa.select(d.lang, sa.func.count()).where(d.is_current)
                                        .group_by(d.lang).order_by(d.lang)).all())
            versions = conn.execute(sa.select(sa.func.count()).select_from(t.documents)
                                    ).scalar_one()
            sentences = conn.execute(
                sa.select(sa.func.count()).select_from(t.sentences)
                .join(t.documents, d.id == s.document_id).where(d.is_current)).scalar_one()
            # Links of the current edition pairs' alignments only: an alignment outlives
            # an unlink or a re-ingest, but is no longer part of the corpus.
            aligned = {p.alignment_id for p in pairs if p.alignment_id is not None}
            per_alignment = conn.execute(
                sa.select(l.alignment_id, sa.func.count(),
                          sa.func.sum(sa.case((l.origin == "manual", 1), else_=0)),
                          sa.func.sum(l.confidence))
                .group_by(l.alignment_id)).all()
        counted = [r for r in per_alignment if r[0] in aligned]
        links = sum(r[1] for r in counted)
        corrected = sum(int(r[2] or 0) for r in counted)
        confidence = sum(float(r[3] or 0.0) for r in counted)
        return CorpusStats(
            documents=sum(by_lang.values()), versions=versions, documents_by_lang=by_lang,
            edition_groups=len({g.id for g in self.edition_groups() if len(g.documents) > 1}),
            edition_pairs=len(pairs), aligned_pairs=len(aligned), sentences=sentences,
            links=links, corrected_links=corrected,
            mean_confidence=confidence / links if links else None)
