"""Copying a whole corpus store into a new one, on either backend (SQLite ⟷ PostgreSQL).

Re-ingesting the files into a new store would lose what people did in the old one: links
corrected by hand and their history, edition groups set by hand, the older versions of
re-ingested documents, and the ids that links and bookmarks point at. ``copy_store`` moves
every row of every table in ``schema.metadata`` instead, ids included.

- Both stores must be at this alinea's schema revision: the destination is migrated when it
  is opened, a source at another revision is refused (open it with the alinea that matches
  it, or upgrade it by opening it with this one).
- The destination must be empty (migrated or new); one that holds rows is refused untouched.
- Tables are copied parents first, in batches of ``batch_size`` rows streamed from one
  snapshot of the source, all in one transaction on the destination: a failure leaves it
  as empty as it was.
- The full-text index is not copied: it differs by backend (an FTS5 table on SQLite, a
  generated ``tsvector`` column on PostgreSQL; see ``schema``). The destination's own
  migrations keep it in step with ``sentences`` (FTS5 triggers, the generated column), so
  inserting the sentences fills it.
- PostgreSQL sequences are set past the copied ids, so the next ingest gets a fresh id.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from alinea.corpus import migrate
from alinea.corpus import schema as t
from alinea.corpus.store import Store
from alinea.corpus.store_base import _describe, normalize_url, parse_url
from alinea.corpus.store_rows import _utc
from alinea.errors import StoreError

#: Rows read from the source and inserted into the destination at a time.
BATCH_SIZE = 2000


@dataclass(frozen=True)
class CopyResult:
    """What ``copy_store`` copied: the number of rows of each table, by table name."""

    source: str
    destination: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.rows.get("documents", 0)

    @property
    def sentences(self) -> int:
        return self.rows.get("sentences", 0)

    @property
    def alignments(self) -> int:
        return self.rows.get("alignments", 0)

    @property
    def links(self) -> int:
        return self.rows.get("links", 0)

    @property
    def corrections(self) -> int:
        return self.rows.get("corrections", 0)


def copy_store(src_url: str, dst_url: str, *, batch_size: int = BATCH_SIZE) -> CopyResult:
    """Copy every table of the store at ``src_url`` into the empty store at ``dst_url``.

    Raises ``StoreError`` (changing nothing) when the source is missing or at another
    schema revision than this alinea's, when both URLs name one database, or when the
    destination holds rows already.
    """
    src_url, dst_url = normalize_url(src_url), normalize_url(dst_url)
    if _same_database(src_url, dst_url):
        raise StoreError(f"cannot copy the store at {_describe(src_url)} onto itself: "
                         "give another destination")
    _require_sqlite_file(src_url)
    with Store.open(src_url, migrate=False) as source:
        _require_head_revision(source)
        with Store.open(dst_url, migrate=False) as destination:
            # Refused before migrating, so a non-empty store of an older revision is left
            # as it was too.
            _require_empty_before_migrating(destination)
            destination._migrate()
            with destination._write() as dst:
                # Checked again inside the copy's (on SQLite: IMMEDIATE) transaction, so
                # a writer that slipped in after opening cannot be overwritten.
                _require_empty(dst, _describe(dst_url))
                rows = _copy_tables(source, dst, batch_size)
                if destination.dialect == "postgresql":
                    _reset_sequences(dst)
    return CopyResult(_describe(src_url), _describe(dst_url), rows)


def _same_database(src_url: str, dst_url: str) -> bool:
    src, dst = parse_url(src_url), parse_url(dst_url)
    if src.get_backend_name() == dst.get_backend_name() == "sqlite":
        return (bool(src.database) and bool(dst.database)
                and os.path.abspath(src.database or "") == os.path.abspath(dst.database or ""))
    return (src.render_as_string(hide_password=True)
            == dst.render_as_string(hide_password=True))


def _require_sqlite_file(url: str) -> None:
    """A SQLite source must exist: opening a missing file would create an empty store."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:") \
                and not os.path.exists(database):
            raise StoreError(f"no store to copy at {_describe(url)}: file {database} "
                             "does not exist")


def _require_head_revision(source: Store) -> None:
    where = _describe(str(source.engine.url))
    with source._errors():
        current = migrate.current_revision(source.engine)
    head = migrate.head_revision()
    if current is None:
        raise StoreError(f"no alinea store at {where}: it has no schema revision")
    if current != head:
        raise StoreError(
            f"the store at {where} has schema revision {current!r}, this alinea's is "
            f"{head!r}: copy it with the alinea it was written with, or upgrade it first "
            f"(any command that opens it with this alinea does, e.g. alinea stats --db URL)")


def _require_empty_before_migrating(destination: Store) -> None:
    with destination._errors():
        if migrate.current_revision(destination.engine) is None:
            return  # a new database: no tables yet
        with destination.engine.connect() as conn:
            documents = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    if documents:
        raise StoreError(_not_empty(_describe(str(destination.engine.url)), documents))


def _not_empty(where: str, documents: int) -> str:
    return (f"the store at {where} holds {documents} document"
            f"{'' if documents == 1 else 's'} already: copy into a new or empty store")


def _require_empty(conn: Connection, where: str) -> None:
    documents = conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one()
    if documents:
        raise StoreError(_not_empty(where, documents))
    for table in t.metadata.sorted_tables:
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            raise StoreError(f"the store at {where} holds rows in table {table.name} "
                             "already: copy into a new or empty store")


def _copy_tables(source: Store, dst: Connection, batch_size: int) -> dict[str, int]:
    """Every table, parents before children, in batches; returns rows copied per table."""
    counts: dict[str, int] = {}
    with _snapshot(source) as src:
        for table in t.metadata.sorted_tables:
            counts[table.name] = 0
            for batch in _batches(source, src, table, batch_size):
                dst.execute(table.insert(), batch)
                counts[table.name] += len(batch)
    return counts


@contextmanager
def _snapshot(source: Store) -> Iterator[Connection]:
    """A read transaction on the source that sees one state of every table, so a write
    to the source during the copy is either wholly in the copy or not at all (SQLite's
    read transactions see one state already)."""
    # Source errors are named after the source here and in ``_batches``; the inserts'
    # errors are the destination's (``Store._write``), so the two are not wrapped together.
    with source._errors():
        conn = source.engine.connect()
        try:
            if source.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            conn.begin()
        except BaseException:
            conn.close()
            raise
    try:
        yield conn
    finally:
        conn.close()


def _batches(source: Store, src: Connection, table: sa.Table, batch_size: int
             ) -> Iterator[list[dict[str, Any]]]:
    # The schema's own columns only: PostgreSQL's generated ``tsv`` is not among them.
    stmt = sa.select(*table.columns).order_by(*table.primary_key.columns)
    with source._errors():
        result = src.execution_options(stream_results=True, yield_per=batch_size).execute(stmt)
        for partition in result.partitions(batch_size):
            yield [{k: _portable(v) for k, v in row._mapping.items()} for row in partition]


def _portable(value: Any) -> Any:
    """Datetimes as UTC: SQLite keeps them naive (in UTC, as the store writes them), and
    PostgreSQL would read a naive one in its session's time zone."""
    if isinstance(value, datetime):
        return _utc(value).astimezone(UTC)
    return value


def _reset_sequences(conn: Connection) -> None:
    """Move each id sequence past the largest copied id (explicit ids leave them at 1)."""
    for table in t.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(
            sa.text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
