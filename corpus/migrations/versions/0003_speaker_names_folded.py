"""Speakers keep their name case-folded, so the speaker filter ignores case in every script.

The filter compared ``lower(name)``: SQLite's ``lower()`` (and ``LIKE``) fold ASCII only, so
"лавров" missed "Лавров"; PostgreSQL's follows the database's ctype (ASCII only under C)
and never makes ß ss. ``speakers.name_folded`` holds ``name.casefold()`` as Python computes
it, the same on both backends; this fills it for the speakers already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    op.add_column("speakers", sa.Column("name_folded", sa.Text(), nullable=True))
    bind = op.get_bind()
    speakers = sa.table("speakers", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                        sa.column("name_folded", sa.Text))
    fill = (sa.update(speakers).where(speakers.c.id == sa.bindparam("speaker_id"))
            .values(name_folded=sa.bindparam("folded")))
    after = 0
    while True:
        rows = bind.execute(sa.select(speakers.c.id, speakers.c.name)
                            .where(speakers.c.id > after).order_by(speakers.c.id)
                            .limit(_BATCH)).all()
        if not rows:
            break
        bind.execute(fill, [{"speaker_id": r.id, "folded": r.name.casefold()} for r in rows])
        after = rows[-1].id
    # SQLite cannot add NOT NULL to a column in place: batch mode copies the table.
    with op.batch_alter_table("speakers") as batch:
        batch.alter_column("name_folded", existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("speakers") as batch:
        batch.drop_column("name_folded")
