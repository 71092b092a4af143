"""Documents keep a hash of their text, so a copy of a stored file in another form is found.

The store knew a file stored before only by the sha256 of its bytes (``content_hash``): the
same transcript with CRLF line endings, a UTF-8 BOM, in UTF-16 or under another file name
became a second document in the same language, and an archive ingested twice from converted
copies got duplicate editions and alignments. ``documents.text_hash`` is
``store.text_hash`` of the transcript as read (language, metadata, speakers, turns,
paragraphs, boilerplate); ingest takes a file whose text is a current document's for that
document (``unchanged``).

Everything the hash covers is stored, so this fills it for the documents stored before,
rebuilding each one's transcript from its rows as ``Store.get_document`` does
(``alinea.corpus.text_hashes``, which 0007 runs again for the hash as it is now). The column
stays nullable: SQLite can make it NOT NULL only in batch mode, which copies ``documents``
and drops the old table, and with foreign keys on that deletes every row that points at it
(see 0005). Not unique: the versions of a document may come back to an earlier text.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("text_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_documents_text_hash", "documents", ["text_hash"], unique=False)
    # The function ingest uses, so the stored hashes are the ones a new copy will have.
    from alinea.corpus.text_hashes import refill_text_hashes

    refill_text_hashes(op.get_bind())


def downgrade() -> None:
    # SQLite drops an indexed column only once its index is gone.
    op.drop_index("ix_documents_text_hash", table_name="documents")
    op.drop_column("documents", "text_hash")
