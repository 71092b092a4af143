"""Rows of the corpus store as results: the shared selects of documents and sentences,
and the counterparts statement behind ``Store.counterparts`` and the API's look-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.store_results import DocumentInfo, StoredSentence


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    """A stored time as an aware datetime: SQLite gives them back naive (they are UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _info_select() -> sa.Select:
    d = t.documents.c
    return sa.select(d.id, d.doc_key, d.version, d.is_current, d.title, d.lang, d.date, d.kind,
                     d.source_id, d.source_path, d.content_hash, d.edition_group_id,
                     d.group_method, d.n_sentences, d.segmenter)


def _info(row: sa.Row) -> DocumentInfo:
    return DocumentInfo(row.id, row.doc_key, row.version, bool(row.is_current), row.title,
                        row.lang, row.date, row.kind, row.source_id, row.source_path,
                        row.content_hash, row.edition_group_id, row.group_method,
                        row.n_sentences, row.segmenter)


def _sentence_columns() -> list[sa.ColumnElement]:
    s = t.sentences.c
    return [s.id, s.document_id, s.position, t.paragraphs.c.position.label("paragraph"),
            s.char_start, s.char_end, s.text]


def _sentence_select() -> sa.Select:
    return sa.select(*_sentence_columns()).join(
        t.paragraphs, t.paragraphs.c.id == t.sentences.c.paragraph_id)


def _sentence(row: sa.Row) -> StoredSentence:
    return StoredSentence(row.id, row.document_id, row.position, row.paragraph,
                          row.char_start, row.char_end, row.text)


def counterparts_select(of: Callable[[sa.ColumnElement[int]], sa.ColumnElement[bool]]
                        ) -> sa.Select:
    """The sentences aligned with those ``of(sentence_id)`` picks, in current editions:
    columns ``of`` (the sentence looked up), the counterpart's ``id``, ``document_id``,
    ``position``, ``paragraph``, ``char_start``, ``char_end``, ``text``, then ``lang``,
    ``confidence``, ``origin``, ``alignment_id``; by sentence looked up, language, document
    and position. The one statement behind ``Store.counterparts`` and the API's look-ups.
    """
    mine, theirs = t.link_sentences.alias("mine"), t.link_sentences.alias("theirs")
    l, s, d = t.links, t.sentences, t.documents
    return (sa.select(mine.c.sentence_id.label("of"), *_sentence_columns(), d.c.lang,
                      l.c.confidence, l.c.origin, l.c.alignment_id)
            .select_from(mine)
            .join(l, l.c.id == mine.c.link_id)
            .join(theirs, sa.and_(theirs.c.link_id == l.c.id, theirs.c.side != mine.c.side))
            .join(s, s.c.id == theirs.c.sentence_id)
            .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
            .join(d, d.c.id == s.c.document_id)
            .where(d.c.is_current, of(mine.c.sentence_id))
            .order_by(mine.c.sentence_id, d.c.lang, s.c.document_id, s.c.position))


# Built once: the look-up is the API's hottest path, and building a select costs more
# than running it.
_COUNTERPARTS = counterparts_select(lambda of: of == sa.bindparam("sentence_id"))


# Statements built once, shared by the store's parts.
_D = t.documents.c
_DOCUMENT_BRIEF = sa.select(_D.id, _D.lang, _D.n_sentences, _D.is_current).where(
    _D.id == sa.bindparam("id"))
