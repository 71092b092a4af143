"""Reading stored documents back: transcripts, metadata, listings, sentences."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.corpus.store_base import StoreBase
from alinea.corpus.store_results import DocumentInfo, DocumentPage, StoredSentence
from alinea.corpus.store_rows import _info, _info_select, _sentence, _sentence_select
from alinea.errors import NotFoundError, StoreError


class DocumentsMixin(StoreBase):
    """``Store``'s document reads."""

    # ---------------------------------------------------------------- documents

    def get_document(self, document_id: int) -> Transcript:
        """The stored document as the ``Transcript`` that was ingested."""
        with self._read() as conn:
            doc = conn.execute(sa.select(t.documents)
                               .where(t.documents.c.id == document_id)).first()
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            speakers = conn.execute(sa.select(t.speakers).where(
                t.speakers.c.document_id == document_id).order_by(t.speakers.c.position)).all()
            boiler = conn.execute(sa.select(t.boilerplate).where(
                t.boilerplate.c.document_id == document_id)
                .order_by(t.boilerplate.c.position)).all()
            turns = conn.execute(sa.select(t.turns).where(
                t.turns.c.document_id == document_id).order_by(t.turns.c.position)).all()
            paras = conn.execute(sa.select(t.paragraphs).where(
                t.paragraphs.c.document_id == document_id)
                .order_by(t.paragraphs.c.position)).all()
        by_turn: dict[int, list[Paragraph]] = {}
        for p in paras:
            by_turn.setdefault(p.turn_id, []).append(Paragraph(text=p.text, lang=p.lang))
        return Transcript(
            id=doc.doc_key, title=doc.title, lang=doc.lang,
            turns=tuple(Turn(speaker=r.speaker, paragraphs=tuple(by_turn.get(r.id, ())),
                             label=r.label) for r in turns),
            speakers=tuple(Speaker(id=s.xml_id, name=s.name, role=s.role) for s in speakers),
            date=doc.date, time=doc.time, place=doc.place, kind=doc.kind, outlet=doc.outlet,
            original_lang=doc.original_lang, is_translation=doc.is_translation,
            editions=tuple(doc.editions or ()), source_url=doc.source_url,
            source_id=doc.source_id,
            boilerplate=tuple(Boilerplate(text=b.text, kind=b.kind, line=b.line)
                              for b in boiler),
        )

    def document(self, document_id: int) -> DocumentInfo:
        """A document's metadata."""
        with self._read() as conn:
            row = conn.execute(_info_select().where(t.documents.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return _info(row)

    def list_documents(self, *, lang: str | None = None, kind: str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       source_id: str | None = None, group_id: int | None = None,
                       after: int | None = None, limit: int = 50,
                       all_versions: bool = False) -> DocumentPage:
        """Documents by id, filtered; keyset pagination (``after`` = the last id seen)."""
        if not 1 <= limit <= 10_000:
            raise StoreError(f"limit must be between 1 and 10000, not {limit}")
        d = t.documents.c
        query = _info_select().order_by(d.id).limit(limit + 1)
        if lang is not None:
            query = query.where(d.lang == lang)
        if kind is not None:
            query = query.where(d.kind == kind)
        if date_from is not None:
            query = query.where(d.date >= date_from)
        if date_to is not None:
            query = query.where(d.date <= date_to)
        if source_id is not None:
            query = query.where(d.source_id == source_id)
        if group_id is not None:
            query = query.where(d.edition_group_id == group_id)
        if after is not None:
            query = query.where(d.id > after)
        if not all_versions:
            query = query.where(d.is_current)
        with self._read() as conn:
            rows = conn.execute(query).all()
        infos = tuple(_info(r) for r in rows[:limit])
        return DocumentPage(infos, infos[-1].id if len(rows) > limit else None)

    def iter_documents(self, *, lang: str | None = None, kind: str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       source_id: str | None = None, group_id: int | None = None,
                       all_versions: bool = False, page_size: int = 1000
                       ) -> Iterator[DocumentInfo]:
        """Every document matching the filters of ``list_documents``, by id, read
        ``page_size`` (at most 10000) at a time: a large corpus is never in memory at once,
        and no connection is held between pages, so the caller may write to the store
        while iterating."""
        after = None
        while True:
            page = self.list_documents(lang=lang, kind=kind, date_from=date_from,
                                       date_to=date_to, source_id=source_id,
                                       group_id=group_id, after=after, limit=page_size,
                                       all_versions=all_versions)
            yield from page.documents
            if page.next_cursor is None:
                return
            after = page.next_cursor

    def sentences(self, document_id: int) -> list[StoredSentence]:
        """The document's sentences in order."""
        with self._read() as conn:
            rows = conn.execute(_sentence_select().where(t.sentences.c.document_id == document_id)
                                .order_by(t.sentences.c.position)).all()
            if not rows:
                self._require_document(conn, document_id)
        return [_sentence(r) for r in rows]

    def sentence(self, sentence_id: int) -> StoredSentence:
        with self._read() as conn:
            row = conn.execute(_sentence_select().where(t.sentences.c.id == sentence_id)).first()
        if row is None:
            raise NotFoundError(f"no sentence with id {sentence_id}")
        return _sentence(row)
