"""Concordance (KWIC) and filtered document listings over the store's full-text index.

The store's own ``search`` filters by language only and ``list_documents`` knows no speaker
or text filter; the API needs both with the same filters everywhere (language, date range,
kind, speaker, text query). This module builds those queries on the store's engine and
tables (``alinea.corpus.schema``), with the query language of ``Store.search``:
``word``, ``prefix*`` and ``"a phrase"``, all of which must match
(``alinea.corpus.store.parse_query``).

A KWIC line is the matching sentence cut at the first match of the query: left context,
match, right context, plus where it is (document, sentence id) and, given a target
language, the sentence(s) aligned with it in that language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from alinea.corpus import schema as t
from alinea.corpus.model import KINDS
from alinea.corpus.store import Counterpart, DocumentInfo, Store, StoredSentence, parse_query
from alinea.errors import InputError, StoreError

__all__ = ["DocumentFilter", "FilterError", "COMMAND_LINE_NAMES", "check_language_pair",
           "KwicLine",
           "ConcordancePage", "ListingPage", "list_documents", "concordance", "kwic",
           "kwic_pattern", "fts_condition", "query_terms", "matching_sentences",
           "document_ids"]

MAX_LIMIT = 1000


#: The filters as the command line names them in messages (its options without ``--``).
COMMAND_LINE_NAMES = {"date_from": "date-from", "date_to": "date-to", "kind": "kind",
                      "lang": "lang", "target": "target-lang"}


class FilterError(InputError):
    """A document filter that cannot match anything. ``str()`` names the filters as the
    command line does; ``worded(names)`` as another interface does (the API's query
    parameters are ``date_from``, ``date_to``)."""

    def __init__(self, template: str, **values: object):
        # The values are format arguments, not part of the template: braces in them
        # are kept as they are.
        self.template, self.values = template, values
        super().__init__(self.worded(COMMAND_LINE_NAMES))

    def worded(self, names: dict[str, str]) -> str:
        """The message with ``names`` for ``{date_from}``, ``{date_to}``, ``{kind}``,
        ``{lang}`` and ``{target}`` (the target language)."""
        return self.template.format(**names, **self.values)


def check_language_pair(lang: str | None, target: str | None) -> None:
    """``FilterError`` when the source language ``lang`` and the ``target`` language are
    one: no sentence is aligned with one in its own language, so the answer could only be
    empty."""
    if lang is not None and lang == target:
        raise FilterError("{lang} and {target} are both {value!r}, but aligned sentences "
                          "are in two languages: give {target} another language, or leave "
                          "it out", value=lang)


@dataclass(frozen=True)
class DocumentFilter:
    """Filters shared by document listings, concordances and exports.

    ``speaker`` is part of a speaker's name, in any case (compared ``str.casefold``-ed), or
    a speaker id, exactly: documents where that speaker speaks, and in a concordance or a
    query export only the sentences they say.
    """

    lang: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    speaker: str | None = None
    q: str | None = None

    def __post_init__(self) -> None:
        for name, value in (("date_from", self.date_from), ("date_to", self.date_to)):
            if value is not None and not _is_iso_date(value):
                raise FilterError(f"{{{name}}} {{value!r}} is not a date: give YYYY-MM-DD, "
                                  "e.g. 2018-03-14", value=value)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError("{date_from} {start} is after {date_to} {end}",
                              start=self.date_from, end=self.date_to)
        if self.kind is not None and self.kind not in KINDS:
            raise FilterError("unknown {kind} {value!r}: use one of {kinds}", value=self.kind,
                              kinds=", ".join(KINDS))


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class KwicLine:
    """One concordance line: the match in its sentence, and its aligned counterparts."""

    sentence: StoredSentence
    lang: str
    document_key: str
    title: str
    left: str
    match: str
    right: str
    counterparts: tuple[Counterpart, ...] = ()


@dataclass(frozen=True)
class ConcordancePage:
    """KWIC lines in corpus order; pass ``next_cursor`` back as ``after``."""

    lines: tuple[KwicLine, ...]
    next_cursor: int | None


@dataclass(frozen=True)
class ListingPage:
    """Documents by id; pass ``next_cursor`` back as ``after``."""

    documents: tuple[DocumentInfo, ...]
    next_cursor: int | None


def query_terms(query: str) -> list[tuple[list[str], bool]]:
    terms = parse_query(query)
    if not terms:
        raise InputError(f"the query {query!r} has no words to search for: give a word, "
                         'a prefix such as treat*, or a phrase in double quotes')
    return terms


def fts_condition(store: Store, query: str) -> tuple[sa.ColumnElement[bool], dict[str, str]]:
    """A condition on ``sentences`` that holds for sentences matching ``query``, and its
    bound parameters; the same translation of the query as ``Store.search``."""
    terms = query_terms(query)
    if store.dialect == "sqlite":
        match = " ".join('"' + " ".join(words) + '"' + ("*" if prefix else "")
                         for words, prefix in terms)
        fts = sa.table("sentences_fts", sa.column("rowid"))
        condition = t.sentences.c.id.in_(
            sa.select(fts.c.rowid).where(sa.text("sentences_fts MATCH :fts_match")))
        return condition, {"fts_match": match}
    parts = []
    for words, prefix in terms:
        text = " <-> ".join("'" + w.replace("'", "''") + "'" for w in words)
        if prefix:
            text = text[:-1] + "':*"
        parts.append(f"({text})")
    return (sa.text("sentences.tsv @@ to_tsquery('simple', :fts_match)"),
            {"fts_match": " & ".join(parts)})


def _document_conditions(f: DocumentFilter) -> list[sa.ColumnElement[bool]]:
    d = t.documents.c
    conditions: list[sa.ColumnElement[bool]] = [d.is_current]
    if f.lang is not None:
        conditions.append(d.lang == f.lang)
    if f.kind is not None:
        conditions.append(d.kind == f.kind)
    if f.date_from is not None:
        conditions.append(d.date >= f.date_from)
    if f.date_to is not None:
        conditions.append(d.date <= f.date_to)
    if f.speaker is not None:
        # Names are compared case-folded by Python on both sides (schema: name_folded), so
        # "лавров" finds "Лавров" and "strasse" finds "Straße" on every backend.
        conditions.append(sa.exists().where(t.speakers.c.document_id == d.id,
                                            _speaker_matches(f.speaker)))
    return conditions


def _speaker_matches(speaker: str) -> sa.ColumnElement[bool]:
    sp = t.speakers.c
    return sa.or_(sp.name_folded.contains(speaker.casefold(), autoescape=True),
                  sp.xml_id == speaker)


@contextmanager
def _connect(store: Store) -> Iterator[sa.Connection]:
    try:
        with store.engine.connect() as conn:
            yield conn
    except sa.exc.SQLAlchemyError as err:
        orig = getattr(err, "orig", None) or err
        raise StoreError(f"database error: {str(orig).strip().splitlines()[0]}") from err


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")


def list_documents(store: Store, f: DocumentFilter, *, after: int | None = None,
                   limit: int = 50) -> ListingPage:
    """Current documents matching ``f``, by id, ``limit`` at a time after id ``after``.

    Without speaker and text filters this is the store's own listing.
    """
    _check_limit(limit)
    if f.speaker is None and f.q is None:
        page = store.list_documents(lang=f.lang, kind=f.kind, date_from=f.date_from,
                                    date_to=f.date_to, after=after, limit=limit)
        return ListingPage(page.documents, page.next_cursor)
    d = t.documents.c
    ids = sa.select(d.id).where(*_document_conditions(f))
    params: dict[str, str] = {}
    if f.q is not None:
        condition, params = fts_condition(store, f.q)
        ids = ids.where(d.id.in_(sa.select(t.sentences.c.document_id).where(condition)))
    if after is not None:
        ids = ids.where(d.id > after)
    ids = ids.order_by(d.id).limit(limit + 1)
    with _connect(store) as conn:
        found = list(conn.execute(ids, params).scalars())
    docs = tuple(store.document(i) for i in found[:limit])
    return ListingPage(docs, docs[-1].id if len(found) > limit else None)


# ------------------------------------------------------------------ KWIC


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased, character by character, as FTS5's unicode61 and PostgreSQL's
    ``simple`` configuration compare words (both keep diacritics, and neither makes ß
    ss), and for each folded character its index in ``text`` (İ lower-cases to two)."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = ch.lower()
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def kwic_pattern(query: str) -> re.Pattern[str]:
    """The regular expression finding ``query``'s terms in folded text (see ``kwic``)."""
    return _pattern(query_terms(query))


def _pattern(terms: Sequence[tuple[list[str], bool]]) -> re.Pattern[str]:
    alternatives = []
    for words, prefix in terms:
        folded = [_fold(w)[0] for w in words]  # the query's words, folded alike
        body = r"\W+".join(re.escape(w) for w in folded)
        alternatives.append(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"))
    return re.compile("|".join(alternatives))


def kwic(text: str, query: str | re.Pattern[str], width: int = 60) -> tuple[str, str, str]:
    """(left context, match, right context) of the first match of ``query`` in ``text``;
    the contexts are at most ``width`` characters. No match: the text is the left context.
    ``query`` may be given as ``kwic_pattern(query)``, to compile it once for many lines.
    """
    folded, where = _fold(text)
    pattern = query if isinstance(query, re.Pattern) else kwic_pattern(query)
    found = pattern.search(folded)
    if found is None or found.end() == found.start():
        return text[-width:] if width else "", "", ""
    start = where[found.start()]
    end = where[found.end() - 1] + 1
    return text[max(0, start - width):start], text[start:end], text[end:end + width]


def _matching(store: Store, query: str, columns: Sequence[sa.ColumnElement[Any]],
              f: DocumentFilter, after: int | None, limit: int,
              paragraphs: bool = False) -> list[sa.Row]:
    """Rows of ``columns`` for current sentences matching ``query`` and ``f``, by id.

    On SQLite the FTS table drives the query in rowid order, as ``Store.search`` does, so
    a common word stops at ``limit`` matches instead of sorting all of them.
    """
    s, d, p = t.sentences, t.documents, t.paragraphs
    condition, params = fts_condition(store, query)
    if store.dialect == "sqlite":
        fts = sa.table("sentences_fts", sa.column("rowid"))
        stmt = (sa.select(*columns).select_from(fts).join(s, s.c.id == fts.c.rowid)
                .where(sa.text("sentences_fts MATCH :fts_match")))
        order = fts.c.rowid
    else:
        stmt = sa.select(*columns).select_from(s).where(condition)
        order = s.c.id
    stmt = stmt.join(d, d.c.id == s.c.document_id)
    if paragraphs or f.speaker is not None:
        stmt = stmt.join(p, p.c.id == s.c.paragraph_id)
    if f.speaker is not None:
        # Only the sentences the speaker says, not every sentence of their documents
        # (which implies the documents' own speaker condition, so that one is dropped).
        turns, sp = t.turns.c, t.speakers.c
        stmt = stmt.join(t.turns, turns.id == p.c.turn_id).where(sa.exists().where(
            sp.document_id == s.c.document_id, sp.xml_id == turns.speaker,
            _speaker_matches(f.speaker)))
        f = replace(f, speaker=None)
    stmt = stmt.where(*_document_conditions(f)).order_by(order).limit(limit)
    if after is not None:
        stmt = stmt.where(order > after)
    with _connect(store) as conn:
        return list(conn.execute(stmt, params).all())


def matching_sentences(store: Store, query: str, f: DocumentFilter = DocumentFilter(),
                       batch: int = 1000) -> Iterator[tuple[int, int]]:
    """(document id, position) of every current sentence matching ``query`` and ``f``,
    in corpus order, read ``batch`` at a time."""
    s = t.sentences
    after = None
    while True:
        rows = _matching(store, query, (s.c.id, s.c.document_id, s.c.position), f, after,
                         batch)
        yield from ((r.document_id, r.position) for r in rows)
        if len(rows) < batch:
            return
        after = rows[-1].id


def document_ids(store: Store, f: DocumentFilter) -> set[int]:
    """Ids of every current document matching ``f``."""
    ids: set[int] = set()
    after = None
    while True:
        page = list_documents(store, f, after=after, limit=MAX_LIMIT)
        ids.update(d.id for d in page.documents)
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def concordance(store: Store, query: str, f: DocumentFilter = DocumentFilter(), *,
                target: str | None = None, after: int | None = None, limit: int = 50,
                width: int = 60) -> ConcordancePage:
    """KWIC lines for sentences of current documents matching ``query`` and ``f``, in
    corpus order; with ``target``, each line carries its aligned sentences in that language.
    """
    _check_limit(limit)
    check_language_pair(f.lang, target)
    if not 0 <= width <= 1000:
        raise InputError(f"width must be between 0 and 1000 characters, not {width}")
    s, d, p = t.sentences, t.documents, t.paragraphs
    columns = (s.c.id, s.c.document_id, s.c.position, p.c.position.label("paragraph"),
               s.c.char_start, s.c.char_end, s.c.text, d.c.lang, d.c.doc_key, d.c.title)
    rows = _matching(store, query, columns, f, after, limit + 1, paragraphs=True)
    from alinea.corpus.lookup import counterparts_of

    pattern = kwic_pattern(query)
    aligned = counterparts_of(store, [r.id for r in rows[:limit]], target) if target else {}
    lines = []
    for r in rows[:limit]:
        sentence = StoredSentence(r.id, r.document_id, r.position, r.paragraph, r.char_start,
                                  r.char_end, r.text)
        left, match, right = kwic(r.text, pattern, width)
        lines.append(KwicLine(sentence, r.lang, r.doc_key, r.title, left, match, right,
                              tuple(aligned.get(r.id, ()))))
    return ConcordancePage(tuple(lines), lines[-1].sentence.id if len(rows) > limit else None)
