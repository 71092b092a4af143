"""Ingesting transcripts into the corpus store: identities of files and texts, versions,
source-id edition groups, segmentation into stored sentences."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
import unicodedata

import sqlalchemy as sa
from sqlalchemy import Connection, exc

from alinea.align.types import Sentence
from alinea.corpus import schema as t
from alinea.corpus.model import Paragraph, Transcript
from alinea.corpus.store_base import Segmenter, StoreBase
from alinea.corpus.store_results import IngestResult
from alinea.corpus.store_rows import _D, _now
from alinea.errors import StoreError


def content_hash(raw: bytes) -> str:
    """The identity of a file's content (sha256, hex)."""
    return hashlib.sha256(raw).hexdigest()


def text_hash(transcript: Transcript) -> str:
    """The identity of a transcript's text (sha256, hex): what makes two files one document.

    Its language, title and other metadata, speakers, and turns with their paragraphs, as
    read, with every run of white space (no-break spaces and line breaks inside a
    paragraph too) taken as one space and the text in Unicode NFC; not its boilerplate
    (the page furniture a saved web page adds around the text: a footer, a menu), nor its
    id (readers take it from the file name), nor the lines anything was on. A copy of a
    file with other line endings, a BOM, another encoding or another name reads the same,
    and so does the HTML page of a stored text file, so they hash the same; one changed
    word, or a changed date or place, does not. Migrations 0006 and 0007 fill it for
    documents stored before (``alinea.corpus.text_hashes``): a change to what it hashes
    needs a migration that computes it again.
    """
    tr = transcript
    shape = {
        "lang": tr.lang, "title": _spaced(tr.title), "date": tr.date, "time": tr.time,
        "place": _spaced(tr.place), "kind": tr.kind, "outlet": _spaced(tr.outlet),
        "original_lang": tr.original_lang, "is_translation": tr.is_translation,
        "editions": list(tr.editions), "source_url": tr.source_url,
        "source_id": tr.source_id,
        "speakers": [[s.id, _spaced(s.name), s.role] for s in tr.speakers],
        "turns": [[turn.speaker, _spaced(turn.label),
                   [[_spaced(p.text), p.lang] for p in turn.paragraphs]]
                  for turn in tr.turns],
    }
    canonical = json.dumps(shape, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _spaced(text: str | None) -> str | None:
    """``text`` in NFC with each run of white space one space: how a page shows it, which
    is all an HTML copy of a text file keeps of its spacing."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", text).split())


def _resolve_segmenter(segmenter: Segmenter | None) -> Segmenter:
    if segmenter is not None:
        return segmenter
    try:
        from alinea.align.segment import segment
    except ImportError as err:  # pragma: no cover - depends on the installed tree
        raise StoreError(
            "no sentence segmenter available (alinea.align.segment could not be imported: "
            f"{err}); pass segmenter= to Store.open"
        ) from err
    return segment


def _segmenter_name(segmenter: Segmenter, lang: str) -> str:
    """The segmenter's signature: its own ``signature(lang)`` when its module has one
    (``alinea.align.segment`` does), else its attribute ``signature``, else its name."""
    module = sys.modules.get(getattr(segmenter, "__module__", "") or "")
    describe = getattr(module, "signature", None)
    if callable(describe) and getattr(module, "segment", None) is segmenter:
        return str(describe(lang))[:200]
    name = getattr(segmenter, "signature", None)
    if isinstance(name, str):
        return name[:200]
    module_name = getattr(segmenter, "__module__", "?")
    return f"{module_name}.{getattr(segmenter, '__qualname__', '?')}"[:200]


def _same_edition(previous: sa.Row, tr: Transcript) -> bool:
    """Whether a transcript whose id is already stored is a new version of that document:
    the same language, and the same source when both name one. Two files of one name in
    different folders (``en/speech.txt``, ``ru/speech.txt``) are two documents."""
    if previous.lang != tr.lang:
        return False
    return not (previous.source_id and tr.source_id and previous.source_id != tr.source_id)


class IngestMixin(StoreBase):
    """``Store.ingest`` and its steps."""

    # ---------------------------------------------------------------- ingest

    def ingest(self, transcript: Transcript, source_path: str | os.PathLike[str] | None,
               raw_bytes: bytes) -> IngestResult:
        """Store one transcript read from ``raw_bytes`` (the file as read), in one transaction.

        The same bytes twice are one document (``unchanged``), and so is a file that reads
        as the same text as a current document (``text_hash``: a copy with CRLF line
        endings, a BOM, in UTF-16, under another name, or as an HTML page whose text is
        the same but for its boilerplate and spacing). A transcript whose id is
        already stored with another text becomes that document's next version
        (``new-version``): the older version stays, no longer current, and the new one
        takes over its edition group. Editions that share a ``source_id`` are grouped here.
        """
        digest, text = content_hash(raw_bytes), text_hash(transcript)
        with self._read() as conn:
            found = self._stored_as(conn, digest, text)
        if found is not None:
            return IngestResult(found.id, "unchanged", found.version)
        # Segment before taking the write lock: it is the slow part.
        segmenter = _resolve_segmenter(self._segmenter)
        split = [self._segment(segmenter, p, transcript.lang) for p in transcript.paragraphs]
        path = os.fspath(source_path) if source_path is not None else None
        name = _segmenter_name(segmenter, transcript.lang)
        for attempt in range(3):
            try:
                with self._write() as conn:
                    # Looked up again under the write lock (SQLite) or the text's lock
                    # (PostgreSQL): a concurrent ingest of this text may have stored it
                    # since the look-up above, under another name and content hash.
                    self._lock_text(conn, text)
                    found = self._stored_as(conn, digest, text)
                    if found is not None:
                        return IngestResult(found.id, "unchanged", found.version)
                    return self._insert_document(conn, transcript, path, raw_bytes, digest,
                                                 text, split, name)
            except StoreError as err:
                if not isinstance(err.__cause__, exc.IntegrityError) or attempt == 2:
                    raise
            # A concurrent ingest won a race (on PostgreSQL; SQLite writers queue): either
            # it stored these very bytes, or it took the version number we wanted.
            with self._read() as conn:
                found = self._stored_as(conn, digest, text)
            if found is not None:
                return IngestResult(found.id, "unchanged", found.version)
        raise AssertionError("unreachable")  # pragma: no cover

    def _lock_text(self, conn: Connection, text: str) -> None:
        """On PostgreSQL, make writers of one text take turns until their transactions end
        (an advisory lock keyed by the text hash), so the second finds the first's
        document instead of storing the text again. ``text_hash`` cannot be a unique
        index: databases filled before 0006 may hold copies, and deleting a version can
        make an older one current again next to a copy of its text. SQLite needs no
        lock: its writers hold the database (``BEGIN IMMEDIATE``)."""
        if self.dialect == "postgresql":
            conn.execute(_LOCK_TEXT, {"space": _TEXT_LOCK_SPACE,
                                      "key": int.from_bytes(bytes.fromhex(text[:8]),
                                                            "big", signed=True)})

    @staticmethod
    def _stored_as(conn: Connection, digest: str, text: str) -> sa.Row | None:
        """The document these bytes are (any version), else the current document this
        text is (the hash holds the language, so it is an edition in the same language)."""
        return conn.execute(_STORED_AS, {"digest": digest, "text": text}).first()

    @staticmethod
    def _segment(segmenter: Segmenter, paragraph: Paragraph, lang: str) -> list[Sentence]:
        sentences = list(segmenter(paragraph.text, paragraph.lang or lang))
        for s in sentences:
            if paragraph.text[s.start:s.end] != s.text:
                raise StoreError(
                    f"segmenter {_segmenter_name(segmenter, lang)} returned a sentence whose "
                    f"offsets ({s.start}:{s.end}) do not match its text {s.text[:40]!r}"
                )
        return sentences

    def _insert_document(self, conn: Connection, tr: Transcript, path: str | None, raw: bytes,
                         digest: str, text: str, split: list[list[Sentence]], segmenter: str
                         ) -> IngestResult:
        key, previous = self._version_of(conn, tr)
        version = 1 if previous is None else previous.version + 1
        group_id = previous.edition_group_id if previous is not None else None
        group_method = previous.group_method if previous is not None else None
        if previous is not None:
            conn.execute(_RETIRE, {"key": key})
        if group_id is None and group_method is None and tr.source_id:
            group_id, group_method = self._source_group(conn, tr.source_id), "source-id"
        n_sentences = sum(len(s) for s in split)
        doc_id = conn.execute(_INSERT_DOCUMENT, dict(
            doc_key=key, version=version, is_current=True, content_hash=digest,
            text_hash=text, source_path=path, byte_size=len(raw), ingested_at=_now(),
            title=tr.title, lang=tr.lang, date=tr.date, time=tr.time, place=tr.place,
            kind=tr.kind, outlet=tr.outlet, original_lang=tr.original_lang,
            is_translation=tr.is_translation, editions=list(tr.editions),
            source_url=tr.source_url, source_id=tr.source_id,
            edition_group_id=group_id, group_method=group_method,
            n_sentences=n_sentences, segmenter=segmenter,
        )).scalar_one()
        if tr.speakers:
            conn.execute(_INSERT_SPEAKERS, [
                dict(document_id=doc_id, position=i, xml_id=s.id, name=s.name,
                     name_folded=s.name.casefold(), role=s.role)
                for i, s in enumerate(tr.speakers)])
        if tr.boilerplate:
            conn.execute(_INSERT_BOILERPLATE, [
                dict(document_id=doc_id, position=i, text=b.text, kind=b.kind, line=b.line)
                for i, b in enumerate(tr.boilerplate)])
        if tr.turns:
            turn_ids = conn.execute(
                _INSERT_TURNS,
                [dict(document_id=doc_id, position=i, speaker=turn.speaker, label=turn.label)
                 for i, turn in enumerate(tr.turns)]).scalars().all()
            rows = []
            for turn_id, turn in zip(turn_ids, tr.turns):
                for j, p in enumerate(turn.paragraphs):
                    rows.append(dict(document_id=doc_id, turn_id=turn_id, position=len(rows),
                                     turn_position=j, text=p.text, lang=p.lang))
            if rows:
                para_ids = conn.execute(_INSERT_PARAGRAPHS, rows).scalars().all()
                sentence_rows = []
                for para_id, sentences in zip(para_ids, split):
                    for s in sentences:
                        sentence_rows.append(dict(
                            document_id=doc_id, paragraph_id=para_id,
                            position=len(sentence_rows), char_start=s.start, char_end=s.end,
                            text=s.text))
                if sentence_rows:
                    conn.execute(_INSERT_SENTENCES, sentence_rows)
        if previous is None:
            return IngestResult(doc_id, "new", version)
        return IngestResult(doc_id, "new-version", version, previous.id)

    @staticmethod
    def _version_of(conn: Connection, tr: Transcript) -> tuple[str, sa.Row | None]:
        """The key to store a transcript under, and the latest stored version it replaces.

        An edition with the transcript's source id and language is the document it
        replaces, whatever the file's name. Else its id is the key unless another edition
        or text holds it (another language or source, as ``en/speech.txt`` and
        ``ru/speech.txt``); then it is the id with the language, then with a number: the
        first key that is free or holds this edition.
        """
        if tr.source_id:
            d = t.documents.c
            same = conn.execute(sa.select(d.doc_key).where(
                d.source_id == tr.source_id, d.lang == tr.lang, d.is_current)
                .order_by(d.id.desc()).limit(1)).scalar()
            if same is not None:
                return same, conn.execute(_LATEST_VERSION, {"key": same}).first()
        base = tr.id if tr.id.endswith(f".{tr.lang}") else f"{tr.id}.{tr.lang}"
        for key in itertools.chain((tr.id, base), (f"{base}-{n}" for n in itertools.count(2))):
            previous = conn.execute(_LATEST_VERSION, {"key": key}).first()
            if previous is None or _same_edition(previous, tr):
                return key, previous
        raise AssertionError("unreachable")  # pragma: no cover

    def _source_group(self, conn: Connection, source_id: str) -> int:
        """The edition group for a source identifier, created if needed (race-safe)."""
        g = t.edition_groups
        key = f"source:{source_id}"[:200]
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(insert(g).values(source_key=key, method="source-id", created_at=_now())
                     .on_conflict_do_nothing(index_elements=["source_key"]))
        return conn.execute(sa.select(g.c.id).where(g.c.source_key == key)).scalar_one()


# Ingest statements, built once: building a statement costs SQLAlchemy more than the
# database needs to run it, and ingest runs these for every file.
# The document of these bytes (content_hash is unique), else the first current one of
# this text: one statement, as ingest asks twice per file (before and in its transaction).
_BY_TEXT = (sa.select(_D.id, _D.version)
            .where(_D.text_hash == sa.bindparam("text"), _D.is_current)
            .order_by(_D.id).limit(1).subquery())
_FOUND = sa.union_all(
    sa.select(_D.id, _D.version, sa.literal_column("0").label("rank"))
    .where(_D.content_hash == sa.bindparam("digest")),
    sa.select(_BY_TEXT.c.id, _BY_TEXT.c.version, sa.literal_column("1").label("rank")),
).subquery()
_STORED_AS = sa.select(_FOUND.c.id, _FOUND.c.version).order_by(_FOUND.c.rank).limit(1)
_LATEST_VERSION = (sa.select(_D.id, _D.version, _D.edition_group_id, _D.group_method,
                             _D.lang, _D.source_id)
                   .where(_D.doc_key == sa.bindparam("key"))
                   .order_by(_D.version.desc()).limit(1))
_RETIRE = (sa.update(t.documents).where(_D.doc_key == sa.bindparam("key"), _D.is_current)
           .values(is_current=False))
_INSERT_DOCUMENT = sa.insert(t.documents).returning(_D.id)
# Two int4 keys: a key space of their own, apart from migrate's bigint upgrade lock.
_TEXT_LOCK_SPACE = 0x616C7478  # "altx"
_LOCK_TEXT = sa.text("SELECT pg_advisory_xact_lock(:space, :key)")
_INSERT_SPEAKERS = sa.insert(t.speakers)
_INSERT_BOILERPLATE = sa.insert(t.boilerplate)
_INSERT_TURNS = sa.insert(t.turns).returning(t.turns.c.id, sort_by_parameter_order=True)
_INSERT_PARAGRAPHS = sa.insert(t.paragraphs).returning(t.paragraphs.c.id,
                                                       sort_by_parameter_order=True)
_INSERT_SENTENCES = sa.insert(t.sentences)
