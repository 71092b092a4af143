"""Links no longer carry ``corrected_at``: the history of corrections has the times.

``links.corrected_at`` was meant to say when a person set a link, but every write of an
alignment (a correction, an undo, a re-alignment) deletes and re-inserts its links, and
each manual link got the time of that write: after a re-alignment every correction seemed
made just now. Nothing read it. The ``corrections`` history (0004) records when each
correction was made and by whom, with the links it put in, so the column is dropped rather
than kept in step as a second record that could disagree with it.

SQLite drops the column in place (``ALTER TABLE ... DROP COLUMN``, SQLite 3.35): batch mode
would copy the table and drop the old one, and with foreign keys on, dropping ``links``
deletes every row of ``link_sentences`` that points at it. The downgrade adds the column
back empty.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_column("links", "corrected_at")


def downgrade() -> None:
    op.add_column("links", sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
