"""Corrections keep a history, so that a mistaken one can be undone.

A correction replaced the links it touched and nothing kept them: the automatic links it
overwrote (with their confidence) were gone. ``corrections`` records, per alignment, the
links each correction took out and those it put in, as stored then; ``Store.undo_correction``
puts the former back. Corrections made before this revision have no record and cannot be
undone; their links stay as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alignment_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.Text(), nullable=True),
        sa.Column("replaced", sa.JSON(), nullable=False),
        sa.Column("added", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["alignment_id"], ["alignments.id"],
                                name=op.f("fk_corrections_alignment_id_alignments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index("ix_corrections_alignment_id_id", "corrections", ["alignment_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_alignment_id_id", table_name="corrections")
    op.drop_table("corrections")
