"""SQLite full-text search keeps diacritics, as PostgreSQL's 'simple' configuration does.

FTS5's ``remove_diacritics 2`` folded more than accents: Cyrillic й is и with a breve, so a
search for "мой" found "мои". Concordance search is now exact up to case on both backends.
The FTS table is rebuilt from ``sentences``; PostgreSQL is unchanged.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _recreate(remove_diacritics: int) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS sentences_fts_{trigger}")
    op.execute("DROP TABLE IF EXISTS sentences_fts")
    op.execute(
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics {remove_diacritics}', "
        "prefix='2 3')"
    )
    op.execute(
        "CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN "
        "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN "
        "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON sentences BEGIN "
        "INSERT INTO sentences_fts(sentences_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); "
        "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    # https://sqlite.org/fts5.html#the_rebuild_command
    op.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate(0)


def downgrade() -> None:
    _recreate(2)
