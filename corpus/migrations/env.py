"""Alembic environment for the corpus store.

alinea runs migrations programmatically (``alinea.corpus.migrate``), handing over an open
connection in ``config.attributes["connection"]``; there is no alembic.ini to find, so the
installed package migrates a database from anywhere. Offline (``--sql``) mode uses the URL in
the config's ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context

from alinea.corpus.schema import include_object, metadata

config = context.config


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes["connection"]
    # render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
    # SQLite runs every pending migration in one (IMMEDIATE) transaction, begun by
    # alinea.corpus.migrate.upgrade (Alembic would commit after each one), so a second
    # process opening the same new database waits and then finds the schema done;
    # PostgreSQL serialises upgrades with an advisory lock (alinea.corpus.migrate).
    per_migration = connection.dialect.name != "sqlite"
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      include_object=include_object, transaction_per_migration=per_migration)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
