"""Text hashes leave out boilerplate and spacing, so the HTML page of a stored text is found.

``store.text_hash`` covered a document's boilerplate and the exact spacing of its text, so
a page saved as HTML from a stored ``.txt`` transcript (the same text, with the page's
footer and menu as boilerplate and its runs of spaces and no-break spaces shown as one
space) hashed otherwise and became a second document, or a new version, in its language.
The hash now leaves the boilerplate out and takes each run of white space as one space
(text in Unicode NFC); everything else it covered it still covers.

The hashes stored before were made the old way, so this computes every document's again
from its rows (``alinea.corpus.text_hashes``, as 0006 did). The downgrade leaves the new
hashes: a database taken back to 0006 only finds fewer copies of stored files.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from alinea.corpus.text_hashes import refill_text_hashes

    refill_text_hashes(op.get_bind())


def downgrade() -> None:
    # The old hash function is gone; 0006's readers find a copy by the hash or not at all.
    pass
