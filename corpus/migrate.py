"""Schema migrations for the corpus store, run from the installed package.

The Alembic configuration is built here instead of read from an ``alembic.ini``, so
``alinea`` can create or upgrade a database from any working directory. ``upgrade`` is
what ``Store`` calls when it opens a database; the other helpers serve tests and
developers (``python -m alinea.corpus.migrate revision -m "..."`` writes a new revision).
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic ``Config`` pointing at alinea's migrations, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of alinea."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision a database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


#: Key of the PostgreSQL advisory lock that serialises concurrent upgrades.
_LOCK_KEY = 0x616C696E  # "alin"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision`` (each migration in its own transaction).

    On PostgreSQL an advisory lock makes concurrent first opens (several ``alinea ingest``
    processes on a new database) wait for one another instead of creating tables twice.
    """
    with engine.connect() as connection:
        # Stores' SQLite engines begin this connection's transactions IMMEDIATE.
        connection = connection.execution_options(alinea_write=True)
        locked = connection.dialect.name == "postgresql"
        if locked:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _LOCK_KEY})
            connection.commit()
        try:
            if not locked:
                # Begun here, so Alembic runs every pending migration in this one
                # (IMMEDIATE) transaction: left to itself, it commits after each migration
                # on SQLite (no transactional DDL), and a second process opening the new
                # database slips in between and runs the next migration again ("table
                # corrections already exists").
                connection.begin()
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
        finally:
            if locked:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _LOCK_KEY})
                connection.commit()


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (``"base"`` drops every table)."""
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), revision)
        connection.commit()


def _main(argv: list[str]) -> None:  # pragma: no cover - developer tool
    """``python -m alinea.corpus.migrate revision -m MESSAGE [--autogenerate] --db URL``."""
    import argparse

    from sqlalchemy import create_engine

    parser = argparse.ArgumentParser(prog="python -m alinea.corpus.migrate")
    parser.add_argument("action", choices=["revision", "upgrade", "current"])
    parser.add_argument("-m", "--message", default="")
    parser.add_argument("--autogenerate", action="store_true")
    parser.add_argument("--db", default="sqlite:///alinea-dev.db")
    args = parser.parse_args(argv)
    engine = create_engine(args.db)
    if args.action == "upgrade":
        upgrade(engine)
    elif args.action == "current":
        print(current_revision(engine))
    else:
        with engine.connect() as connection:
            command.revision(alembic_config(connection), message=args.message,
                             autogenerate=args.autogenerate)


if __name__ == "__main__":  # pragma: no cover
    _main(sys.argv[1:])
