"""Filling ``documents.text_hash`` for documents stored before, from their rows.

Migrations call this when what ``store.text_hash`` covers changes (0006 added the column,
0007 changed the hash): each stored document's transcript is rebuilt from its rows, as
``Store.get_document`` does, and hashed with the function ingest uses, so a new copy of a
stored file gets the hash its document has. The tables are named here as they stand from
revision 0006 on, not through ``schema``, which follows the newest revision.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy import Connection

__all__ = ["refill_text_hashes"]

_BATCH = 200

_documents = sa.table(
    "documents", sa.column("id", sa.Integer), sa.column("doc_key", sa.String),
    sa.column("title", sa.Text), sa.column("lang", sa.String), sa.column("date", sa.String),
    sa.column("time", sa.String), sa.column("place", sa.Text), sa.column("kind", sa.String),
    sa.column("outlet", sa.Text), sa.column("original_lang", sa.String),
    sa.column("is_translation", sa.Boolean), sa.column("editions", sa.JSON),
    sa.column("source_url", sa.Text), sa.column("source_id", sa.String),
    sa.column("text_hash", sa.String))
_speakers = sa.table(
    "speakers", sa.column("document_id", sa.Integer), sa.column("position", sa.Integer),
    sa.column("xml_id", sa.String), sa.column("name", sa.Text), sa.column("role", sa.String))
_turns = sa.table(
    "turns", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
    sa.column("position", sa.Integer), sa.column("speaker", sa.String),
    sa.column("label", sa.Text))
_paragraphs = sa.table(
    "paragraphs", sa.column("document_id", sa.Integer), sa.column("turn_id", sa.Integer),
    sa.column("position", sa.Integer), sa.column("text", sa.Text), sa.column("lang", sa.String))
_boilerplate = sa.table(
    "boilerplate", sa.column("document_id", sa.Integer), sa.column("position", sa.Integer),
    sa.column("text", sa.Text), sa.column("kind", sa.String), sa.column("line", sa.Integer))


def refill_text_hashes(bind: Connection) -> int:
    """Set every document's ``text_hash`` to ``store.text_hash`` of its stored transcript,
    in batches; the number of documents."""
    from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn
    from alinea.corpus.store import text_hash

    fill = (sa.update(_documents).where(_documents.c.id == sa.bindparam("document_id"))
            .values(text_hash=sa.bindparam("digest")))

    def of(table: sa.TableClause, ids: list[int]) -> dict[int, list[sa.Row]]:
        by_document: dict[int, list[sa.Row]] = defaultdict(list)
        for row in bind.execute(sa.select(table).where(table.c.document_id.in_(ids))
                                .order_by(table.c.document_id, table.c.position)):
            by_document[row.document_id].append(row)
        return by_document

    after, count = 0, 0
    while True:
        docs = bind.execute(sa.select(_documents).where(_documents.c.id > after)
                            .order_by(_documents.c.id).limit(_BATCH)).all()
        if not docs:
            return count
        ids = [d.id for d in docs]
        speakers, turns = of(_speakers, ids), of(_turns, ids)
        paragraphs, boilerplate = of(_paragraphs, ids), of(_boilerplate, ids)
        rows = []
        for doc in docs:
            by_turn: dict[int, list[Paragraph]] = defaultdict(list)
            for p in paragraphs[doc.id]:
                by_turn[p.turn_id].append(Paragraph(text=p.text, lang=p.lang))
            transcript = Transcript(
                id=doc.doc_key, title=doc.title, lang=doc.lang,
                turns=tuple(Turn(speaker=r.speaker, paragraphs=tuple(by_turn[r.id]),
                                 label=r.label) for r in turns[doc.id]),
                speakers=tuple(Speaker(id=s.xml_id, name=s.name, role=s.role)
                               for s in speakers[doc.id]),
                date=doc.date, time=doc.time, place=doc.place, kind=doc.kind,
                outlet=doc.outlet, original_lang=doc.original_lang,
                is_translation=doc.is_translation, editions=tuple(doc.editions or ()),
                source_url=doc.source_url, source_id=doc.source_id,
                boilerplate=tuple(Boilerplate(text=b.text, kind=b.kind, line=b.line)
                                  for b in boilerplate[doc.id]))
            rows.append({"document_id": doc.id, "digest": text_hash(transcript)})
        bind.execute(fill, rows)
        after = ids[-1]
        count += len(docs)
