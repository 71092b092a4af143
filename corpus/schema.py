"""The corpus database's tables, as SQLAlchemy Core metadata.

This module is the schema as the code expects it *now*; the Alembic migrations in
``migrations/versions`` are how a database gets there, and a test checks the two agree.
Full-text search is not declared here because it differs by backend: SQLite gets an FTS5
table ``sentences_fts`` over ``sentences.text`` (kept in step by triggers), PostgreSQL a
generated ``tsvector`` column ``sentences.tsv`` with a GIN index. Both are created by the
migrations.

Layout, from the document down::

    edition_groups ─< documents ─< speakers
                        │  │  └──< boilerplate
                        │  └─────< turns ─< paragraphs ─< sentences ─< link_sentences >─ links
                        └─< alignments (src, tgt) ─────────────────────────────────────< links
                                 └─< corrections (the history of links set by hand)

A *document* is one version of one language edition (a stored ``Transcript``). Re-ingesting
a changed file adds a new version and marks the older one ``is_current = false``; only
current versions are grouped, aligned and counted. An *edition group* gathers the language
editions of one text.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints so Alembic can alter them later on every backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

#: Why a document is in its edition group.
GROUP_METHODS = ("source-id", "heuristic", "manual")

#: Where a link comes from: the aligner, or a person who corrected it.
LINK_ORIGINS = ("auto", "manual")

edition_groups = Table(
    "edition_groups",
    metadata,
    Column("id", Integer, primary_key=True),
    # "source-id" groups are keyed by the source identifier so that concurrent ingests of
    # two editions find the same group; heuristic and manual groups have no key.
    Column("source_key", String(200), nullable=True, unique=True),
    Column("method", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("method IN ('source-id', 'heuristic', 'manual')", name="method"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    # Transcript.id: the reader's identifier of the edition; versions share it.
    Column("doc_key", String(200), nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("is_current", Boolean, nullable=False, default=True),
    # sha256 of the raw file bytes: the same file twice is one document.
    Column("content_hash", String(64), nullable=False, unique=True),
    # sha256 of the transcript as read (store.text_hash): a copy of a file in another
    # encoding, with other line endings, under another name or as an HTML page (same text,
    # other boilerplate and spacing) is the document stored.
    # Not unique: the versions of a document may return to an earlier text.
    Column("text_hash", String(64), nullable=True),
    Column("source_path", Text, nullable=True),
    Column("byte_size", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # Transcript metadata, one column per field.
    Column("title", Text, nullable=False),
    Column("lang", String(16), nullable=False),
    Column("date", String(10), nullable=True),
    Column("time", String(5), nullable=True),
    Column("place", Text, nullable=True),
    Column("kind", String(32), nullable=False),
    Column("outlet", Text, nullable=True),
    Column("original_lang", String(16), nullable=True),
    Column("is_translation", Boolean, nullable=True),
    Column("editions", JSON, nullable=False),
    Column("source_url", Text, nullable=True),
    Column("source_id", String(200), nullable=True),
    # Edition grouping; ``group_method = 'manual'`` pins the document against re-matching
    # (also when ``edition_group_id`` is null: a person unlinked it).
    Column("edition_group_id", Integer, ForeignKey("edition_groups.id", ondelete="SET NULL"),
           nullable=True),
    Column("group_method", String(20), nullable=True),
    # Sentence counts and the segmenter that made them, so staleness can be judged.
    Column("n_sentences", Integer, nullable=False, default=0),
    Column("segmenter", String(200), nullable=False, default=""),
    UniqueConstraint("doc_key", "version", name="uq_documents_doc_key_version"),
)
# Listing with filters and cursor pagination (keyset on id) by language, kind and date.
Index("ix_documents_lang_id", documents.c.lang, documents.c.id)
Index("ix_documents_kind_date", documents.c.kind, documents.c.date)
Index("ix_documents_date", documents.c.date)
Index("ix_documents_source_id", documents.c.source_id)
Index("ix_documents_edition_group_id", documents.c.edition_group_id)
Index("ix_documents_doc_key_current", documents.c.doc_key, documents.c.is_current)
Index("ix_documents_text_hash", documents.c.text_hash)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    Column("xml_id", String(200), nullable=False),
    Column("name", Text, nullable=False),
    # ``name.casefold()``, computed in Python for the speaker filter: SQLite's lower() and
    # LIKE fold ASCII only, PostgreSQL's lower() follows the database's ctype.
    Column("name_folded", Text, nullable=False),
    Column("role", String(32), nullable=False),
    UniqueConstraint("document_id", "position", name="uq_speakers_document_id_position"),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    # The speaker's xml id as the transcript gives it (Turn.speaker).
    Column("speaker", String(200), nullable=False),
    Column("label", Text, nullable=False),
    UniqueConstraint("document_id", "position", name="uq_turns_document_id_position"),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("turn_id", Integer, ForeignKey("turns.id", ondelete="CASCADE"), nullable=False),
    # Index of the paragraph in the document (0-based) and within its turn.
    Column("position", Integer, nullable=False),
    Column("turn_position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("lang", String(16), nullable=True),
    UniqueConstraint("document_id", "position", name="uq_paragraphs_document_id_position"),
)
Index("ix_paragraphs_turn_id", paragraphs.c.turn_id)

boilerplate = Table(
    "boilerplate",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("line", Integer, nullable=True),
    UniqueConstraint("document_id", "position", name="uq_boilerplate_document_id_position"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("paragraph_id", Integer, ForeignKey("paragraphs.id", ondelete="CASCADE"),
           nullable=False),
    # Index of the sentence in the document (0-based): what Link.src / Link.tgt refer to.
    Column("position", Integer, nullable=False),
    # Offsets into the paragraph's text: text == paragraph.text[char_start:char_end].
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("document_id", "position", name="uq_sentences_document_id_position"),
)
Index("ix_sentences_paragraph_id", sentences.c.paragraph_id)

alignments = Table(
    "alignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("src_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("tgt_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("src_lang", String(16), nullable=False),
    Column("tgt_lang", String(16), nullable=False),
    # The aligner's signature (method, beads, scorers, model, version) and its parameters.
    Column("signature", Text, nullable=False),
    Column("params", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("n_links", Integer, nullable=False),
    Column("mean_confidence", Float, nullable=True),
    UniqueConstraint("src_document_id", "tgt_document_id",
                     name="uq_alignments_src_document_id_tgt"),
    CheckConstraint("src_document_id <> tgt_document_id", name="distinct_sides"),
)
Index("ix_alignments_tgt_document_id", alignments.c.tgt_document_id)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alignment_id", Integer, ForeignKey("alignments.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    # Half-open ranges of sentence positions; start == end is an empty side (1-0, 0-1).
    Column("src_start", Integer, nullable=False),
    Column("src_end", Integer, nullable=False),
    Column("tgt_start", Integer, nullable=False),
    Column("tgt_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("origin", String(10), nullable=False),
    # Who set the link, for manual links; when is in the history (``corrections``).
    Column("corrected_by", Text, nullable=True),
    CheckConstraint("origin IN ('auto', 'manual')", name="origin"),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
    UniqueConstraint("alignment_id", "position", name="uq_links_alignment_id_position"),
)

# Which sentences a link holds, on which side: the counterpart look-up by sentence id is
# two index probes (sentence -> link, link -> sentences on the other side).
link_sentences = Table(
    "link_sentences",
    metadata,
    Column("link_id", Integer, ForeignKey("links.id", ondelete="CASCADE"), primary_key=True),
    Column("sentence_id", Integer, ForeignKey("sentences.id", ondelete="CASCADE"),
           primary_key=True),
    Column("side", String(3), nullable=False),
    CheckConstraint("side IN ('src', 'tgt')", name="side"),
)
Index("ix_link_sentences_sentence_id", link_sentences.c.sentence_id)


# Every correction of an alignment (``Store.correct_links``), oldest first by id: the links
# it took out and the links it put in, each as stored then, so that the most recent one
# still in effect can be undone exactly (``Store.undo_correction``). Links are JSON lists of
# {"src": [positions], "tgt": [positions], "confidence", "origin", "corrected_by"}: the
# history is read one correction at a time, never searched by link.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alignment_id", Integer, ForeignKey("alignments.id", ondelete="CASCADE"),
           nullable=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
    Column("made_by", Text, nullable=True),
    Column("replaced", JSON, nullable=False),
    Column("added", JSON, nullable=False),
    # Set when the correction is undone; an undone correction stays in the history.
    Column("undone_at", DateTime(timezone=True), nullable=True),
    Column("undone_by", Text, nullable=True),
)
Index("ix_corrections_alignment_id_id", corrections.c.alignment_id, corrections.c.id)


def include_object(obj: object, name: str | None, type_: str, reflected: bool,
                   compare_to: object) -> bool:
    """Alembic filter: leave out the full-text search objects the migrations make by hand."""
    if type_ == "table" and name is not None and name.startswith("sentences_fts"):
        return False
    if type_ == "column" and name == "tsv":
        return False
    if type_ == "index" and name == "ix_sentences_tsv":
        return False
    return True
