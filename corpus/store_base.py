"""Opening, closing and connecting to the corpus store: URLs, the SQLite set-up, schema
migration on open, and the read and write connections every ``Store`` method runs in."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event, exc
from sqlalchemy.engine import make_url

from alinea.align.types import Sentence
from alinea.corpus.store_rows import _DOCUMENT_BRIEF
from alinea.errors import NotFoundError, StoreError

if TYPE_CHECKING:
    from alinea.corpus.store import Store

# The name the store logged under before it was split into modules.
logger = logging.getLogger("alinea.corpus.store")


#: The database used when neither ``--db`` nor ``ALINEA_DB`` says otherwise.
DEFAULT_URL = "sqlite:///alinea.db"

#: Splits paragraph text into sentences whose offsets index that text.
Segmenter = Callable[[str, str], Sequence[Sentence]]


def default_url() -> str:
    """``$ALINEA_DB`` if set, else ``alinea.db`` in the working directory."""
    return os.environ.get("ALINEA_DB") or DEFAULT_URL


def normalize_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` as psycopg 3 URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def parse_url(url: str) -> sa.URL:
    """``url`` parsed, or ``StoreError`` saying what a database URL looks like."""
    try:
        return make_url(url)
    except exc.ArgumentError as err:
        raise StoreError(f"not a database URL: {url!r} (try sqlite:///alinea.db or "
                         "postgresql+psycopg://user@host/dbname)") from err


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


class StoreBase:
    """What every part of ``Store`` builds on: the engine, its connections and errors."""

    def __init__(self, engine: Engine, segmenter: Segmenter | None = None):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._segmenter = segmenter
        # PostgreSQL reads run without BEGIN/ROLLBACK: two round trips fewer per look-up.
        # Each read method either runs one statement or reads rows that committed
        # together (a document and its parts), so no snapshot is needed across them.
        self._reader = (engine.execution_options(isolation_level="AUTOCOMMIT")
                        if self.dialect == "postgresql" else engine)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, url: str | None = None, *, segmenter: Segmenter | None = None,
             migrate: bool = True) -> Store:
        """Open (creating or upgrading) the store at ``url`` (default: ``default_url()``)."""
        url = normalize_url(url or default_url())
        parsed = parse_url(url)
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {backend!r}: use sqlite or postgresql")
        if backend == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:"):
                raise StoreError("an in-memory SQLite store would vanish on close; "
                                 "give a file, e.g. sqlite:///alinea.db")
            folder = os.path.dirname(os.path.abspath(database))
            if not os.path.isdir(folder):
                raise StoreError(f"folder {folder} does not exist: create it or choose "
                                 "another --db path")
            _create_sqlite_file(database)
            engine = sa.create_engine(url, connect_args={"timeout": 60})
            _configure_sqlite(engine)
        else:
            # No pre-ping: it costs a round trip per call on the look-up path; a dropped
            # connection fails one call (as StoreError) and the pool reconnects.
            engine = sa.create_engine(url)
        store = cls(engine, segmenter)
        if backend == "postgresql":
            store._check_ctype()
        if migrate:
            try:
                store._migrate()
            except BaseException:
                engine.dispose()
                raise
        return store

    def _check_ctype(self) -> None:
        with self._read() as conn:
            ctype = conn.execute(sa.text("SHOW lc_ctype")).scalar()
        if ctype in ("C", "POSIX"):
            # Under a C ctype PostgreSQL lower-cases ASCII only, so to_tsvector keeps
            # "Мы" and a search for "мы" misses it.
            logger.warning("database %s has lc_ctype %s: search will be case-sensitive "
                           "outside ASCII; create it with a UTF-8 locale "
                           "(CREATE DATABASE ... LC_CTYPE 'C.UTF-8' TEMPLATE template0)",
                           _describe(str(self.engine.url)), ctype)

    def _migrate(self) -> None:
        from alembic.util import CommandError

        from alinea.corpus import migrate

        with self._errors():
            current = migrate.current_revision(self.engine)
            if current == migrate.head_revision():
                return
            try:
                migrate.upgrade(self.engine)
            except CommandError as err:
                where = _describe(str(self.engine.url))
                if "Can't locate revision" in str(err):
                    raise StoreError(
                        f"the database at {where} has schema revision {current!r}, which this "
                        "alinea does not know: upgrade alinea") from err
                raise StoreError(f"cannot migrate the database at {where} from revision "
                                 f"{current!r}: {err}") from err

    def optimize(self) -> None:
        """Refresh the query planner's statistics; call after a large batch (an ingest of
        many files, ``align --all``) so look-ups use their indexes from the start."""
        with self._write() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA optimize=0x10002")
            else:
                conn.exec_driver_sql("ANALYZE")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except exc.SQLAlchemyError as err:
            orig = getattr(err, "orig", None) or err
            raise StoreError(f"database error ({_describe(str(self.engine.url))}): "
                             f"{str(orig).strip().splitlines()[0]}") from err

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self._reader.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(alinea_write=True)
            with conn.begin():
                yield conn

    @staticmethod
    def _require_document(conn: Connection, document_id: int) -> sa.Row:
        row = conn.execute(_DOCUMENT_BRIEF, {"id": document_id}).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return row


def _create_sqlite_file(database: str) -> None:
    """Make a new SQLite database appear whole, already in WAL mode, or not at all.

    Processes opening one new file at once (parallel ``alinea ingest``) otherwise race on
    it while it is empty: the first one's switch to WAL writes the header under a
    rollback-journal lock, and a second one's ``PRAGMA journal_mode=WAL`` then fails with
    "database is locked" without waiting out the busy timeout, or takes the file for a
    rollback-journal database and runs the migrations beside the first. So the file is
    made under another name and linked into place, which fails if it exists by then. A
    file that exists with 0 bytes (``touch``, a tool that creates the file first) is
    replaced the same way (``_replace_empty_file``). Where that cannot be done (no hard
    links, no ``flock``), SQLite creates or fills the file as before.
    """
    if database.startswith("file:"):
        return
    try:
        size = os.path.getsize(database)
    except FileNotFoundError:
        try:
            with _wal_scratch_file(database) as scratch:
                os.link(scratch, database)
        except (OSError, sqlite3.Error):
            pass  # FileExistsError: another process made it first; else SQLite will
        return
    except OSError:
        return
    if size == 0:
        _replace_empty_file(database)


def _replace_empty_file(database: str) -> None:
    """Replace the empty file ``database`` with a whole WAL database, in one rename.

    Processes doing this at once take turns under an exclusive ``flock`` on the empty
    file; each one that gets it checks that the name still holds that empty file before
    replacing it. The first replaces it; the others find it replaced and leave the
    database it made alone (it may hold their neighbours' writes by then). The empty
    file's permissions are kept; its owner becomes the process's.
    """
    try:
        import fcntl
    except ImportError:
        return  # no flock (Windows): SQLite fills the file in place as before
    try:
        descriptor = os.open(database, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        empty = os.fstat(descriptor)
        now = os.stat(database)
        if empty.st_size or (now.st_dev, now.st_ino) != (empty.st_dev, empty.st_ino):
            return  # written to, or replaced by another process while this one waited
        with _wal_scratch_file(database) as scratch:
            os.chmod(scratch, stat.S_IMODE(empty.st_mode))
            os.replace(scratch, database)
    except (OSError, sqlite3.Error):
        pass  # SQLite will fill the file in place, as before
    finally:
        os.close(descriptor)  # releases the lock


@contextmanager
def _wal_scratch_file(database: str) -> Iterator[str]:
    """A new empty WAL database under a scratch name beside ``database``, removed on exit
    unless it was renamed into place."""
    scratch = f"{database}.{uuid.uuid4().hex}.new"
    try:
        connection = sqlite3.connect(scratch)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        yield scratch
    finally:
        for leftover in (scratch, scratch + "-wal", scratch + "-shm"):
            try:
                os.unlink(leftover)
            except OSError:
                pass


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own
        # transaction handling would defer it and cannot ask for IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process under WAL; only a power cut can lose
        # the last transactions (https://sqlite.org/pragma.html#pragma_synchronous).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Writers take the lock up front so two writers queue (busy timeout) instead of
        # one failing when it upgrades a read lock.
        write = conn.get_execution_options().get("alinea_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
