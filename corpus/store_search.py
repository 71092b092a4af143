"""Concordance search over the stored sentences (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.store_base import StoreBase
from alinea.corpus.store_results import SearchHit
from alinea.corpus.store_rows import _sentence, _sentence_columns
from alinea.errors import StoreError


_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(query: str) -> list[tuple[list[str], bool]]:
    """A concordance query as (words, is_prefix) terms, all of which must match.

    ``"two words"`` is a phrase, ``word*`` a prefix, anything else a word; punctuation
    inside terms is ignored, as both full-text engines ignore it.
    """
    terms = []
    for phrase, bare in _QUERY_TOKEN.findall(query):
        raw = phrase if phrase else bare
        prefix = not phrase and raw.endswith("*")
        words = _WORD.findall(raw.lower())
        if words:
            terms.append((words, prefix))
    return terms


class SearchMixin(StoreBase):
    """``Store.search``."""

    # ---------------------------------------------------------------- search

    def search(self, query: str, *, lang: str | None = None, limit: int = 50,
               after: int | None = None) -> list[SearchHit]:
        """Sentences of current documents matching a concordance query, in corpus order.

        Terms must all match: ``word``, ``prefix*``, ``"a phrase"``. ``after`` is the last
        sentence id seen, for paging.
        """
        terms = parse_query(query)
        if not terms:
            raise StoreError(f"empty search query {query!r}: give at least one word")
        s, d = t.sentences, t.documents
        columns = (*_sentence_columns(), d.c.lang, d.c.title)
        if self.dialect == "sqlite":
            match = " ".join(
                '"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in terms)
            fts = sa.table("sentences_fts", sa.column("rowid"))
            # The FTS table drives the query, in rowid order, so a common prefix stops at
            # the first ``limit`` hits instead of sorting every match.
            stmt = (sa.select(*columns).select_from(fts)
                    .join(s, s.c.id == fts.c.rowid)
                    .join(d, d.c.id == s.c.document_id)
                    .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
                    .where(sa.text("sentences_fts MATCH :match"), d.c.is_current)
                    .order_by(fts.c.rowid).limit(limit))
            if after is not None:
                stmt = stmt.where(fts.c.rowid > after)
            if lang is not None:
                stmt = stmt.where(d.c.lang == lang)
            with self._read() as conn:
                rows = conn.execute(stmt, {"match": match}).all()
            return [SearchHit(_sentence(r), r.lang, r.title) for r in rows]
        parts = []
        for words, prefix in terms:
            text = " <-> ".join("'" + w.replace("'", "''") + "'" for w in words)
            parts.append("(" + (text[:-1] + "':*" if prefix else text) + ")")
        condition = sa.text("sentences.tsv @@ to_tsquery('simple', :match)")
        params = {"match": " & ".join(parts)}
        stmt = (sa.select(*columns)
                .join(d, d.c.id == s.c.document_id)
                .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
                .where(condition, d.c.is_current)
                .order_by(s.c.id).limit(limit))
        if lang is not None:
            stmt = stmt.where(d.c.lang == lang)
        if after is not None:
            stmt = stmt.where(s.c.id > after)
        with self._read() as conn:
            rows = conn.execute(stmt, params).all()
        return [SearchHit(_sentence(r), r.lang, r.title) for r in rows]
