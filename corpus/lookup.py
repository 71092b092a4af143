"""Fast counterpart look-ups for the API: a sentence, its language, and every sentence
aligned with it, in one round trip per statement.

``Store.sentence`` + ``Store.document`` + ``Store.counterparts`` answer the same question
in three connections; at API rates (thousands per second) the per-call overhead of
SQLAlchemy's connection and execution layers dominates the indexed look-ups themselves.
``CounterpartLookup`` compiles its two statements once for the engine's dialect (from the
store's tables, so it follows the schema) and runs them on a pooled DBAPI cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.store import Counterpart, Store, StoredSentence, counterparts_select
from alinea.errors import NotFoundError, StoreError

__all__ = ["CounterpartLookup", "counterparts_of"]


def _sentence_columns(s: sa.Table, p: sa.Table) -> list[sa.ColumnElement[Any]]:
    return [s.c.id, s.c.document_id, s.c.position, p.c.position, s.c.char_start,
            s.c.char_end, s.c.text]


class _Compiled:
    """A statement compiled for one dialect, with its parameter order."""

    def __init__(self, stmt: sa.Select, dialect: sa.Dialect):
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        self.positional = bool(compiled.positional)
        self.order: Sequence[str] = tuple(compiled.positiontup or ())
        self._compiled = compiled

    def params(self, **values: object) -> Any:
        built = self._compiled.construct_params(values)
        return tuple(built[name] for name in self.order) if self.positional else built


class CounterpartLookup:
    """``lookup(sentence_id)`` → (sentence, its language, its counterparts)."""

    def __init__(self, store: Store):
        self.engine = store.engine
        s, p, d = t.sentences, t.paragraphs, t.documents
        sid = sa.bindparam("sid", type_=sa.Integer)
        me = (sa.select(*_sentence_columns(s, p), d.c.lang)
              .join(p, p.c.id == s.c.paragraph_id).join(d, d.c.id == s.c.document_id)
              .where(s.c.id == sid))
        others = counterparts_select(lambda of: of == sid)
        self._me = _Compiled(me, self.engine.dialect)
        self._others = _Compiled(others, self.engine.dialect)

    def __call__(self, sentence_id: int) -> tuple[StoredSentence, str, list[Counterpart]]:
        try:
            connection = self.engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute(self._me.sql, self._me.params(sid=sentence_id))
                row = cursor.fetchone()
                rows = []
                if row is not None:
                    cursor.execute(self._others.sql, self._others.params(sid=sentence_id))
                    rows = cursor.fetchall()
                cursor.close()
            finally:
                connection.close()
        except self.engine.dialect.loaded_dbapi.Error as err:
            # Wrapped as SQLAlchemy would, so callers see a database failure (API: 503).
            wrapped = sa.exc.DBAPIError.instance(self._others.sql, None, err,
                                                 self.engine.dialect.loaded_dbapi.Error)
            raise StoreError(f"database error: {str(err).strip().splitlines()[0]}") from wrapped
        if row is None:
            raise NotFoundError(f"no sentence with id {sentence_id}")
        sentence = StoredSentence(*row[:7])
        return sentence, row[7], [_counterpart(r) for r in rows]


def counterparts_of(store: Store, sentence_ids: Sequence[int], lang: str | None = None
                    ) -> dict[int, list[Counterpart]]:
    """Counterparts of many sentences in one statement (optionally only in ``lang``),
    by sentence id; sentences without any are absent."""
    if not sentence_ids:
        return {}
    stmt = counterparts_select(lambda of: of.in_(list(sentence_ids)))
    if lang is not None:
        stmt = stmt.where(t.documents.c.lang == lang)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(stmt).all()
    except sa.exc.SQLAlchemyError as err:
        orig = getattr(err, "orig", None) or err
        raise StoreError(f"database error: {str(orig).strip().splitlines()[0]}") from err
    found: dict[int, list[Counterpart]] = {}
    for r in rows:
        found.setdefault(r[0], []).append(_counterpart(r))
    return found


def _counterpart(row: Sequence[Any]) -> Counterpart:
    """A row of ``counterparts_select`` (its first column, ``of``, aside)."""
    return Counterpart(StoredSentence(*row[1:8]), row[8], row[9], row[10], row[11])
