"""The corpus store: transcripts, edition groups, sentences and alignments in a database.

One interface over two backends, both through SQLAlchemy 2 Core:

- **SQLite** (the default, ``sqlite:///alinea.db``): WAL journal, foreign keys on,
  ``BEGIN IMMEDIATE`` for writes so concurrent writers queue instead of failing, FTS5 for
  sentence search.
- **PostgreSQL** (``postgresql+psycopg://user@host/db``): a generated ``tsvector`` column
  with a GIN index for sentence search.

Opening a store brings its schema up to date with the Alembic migrations shipped in the
package. Every public method runs in one transaction, so a process killed in the middle of
an ingest leaves the database as it was before that document. Database errors surface once,
as ``StoreError``; unknown ids as ``NotFoundError``.

Typical use::

    with Store.open("sqlite:///corpus.db") as store:
        result = store.ingest(transcript, "ru/123.txt", raw_bytes)
        store.match_editions()
        for pair in store.pending_pairs():
            ...  # align, then store.save_alignment(pair.src_id, pair.tgt_id, alignment)
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event, exc
from sqlalchemy.engine import make_url

from alinea.align.blocks import Place
from alinea.align.types import Alignment, Link, Sentence, consecutive
from alinea.corpus import editions as matching
from alinea.corpus import schema as t
from alinea.corpus.model import (
    Boilerplate, Paragraph, Speaker, Transcript, Turn, translation_status,
)
from alinea.errors import NotFoundError, StoreError

__all__ = [
    "DEFAULT_URL", "CorpusStats", "Correction", "Counterpart", "DeletedDocument",
    "DocumentInfo", "DocumentPage", "EditionGroup", "EditionPair", "IngestResult",
    "SearchHit", "Segmenter", "Store", "StoredAlignment", "StoredLink", "StoredSentence",
    "content_hash", "counterparts_select", "default_url", "normalize_url", "parse_query",
    "text_hash",
]

logger = logging.getLogger(__name__)

#: The database used when neither ``--db`` nor ``ALINEA_DB`` says otherwise.
DEFAULT_URL = "sqlite:///alinea.db"

#: Splits paragraph text into sentences whose offsets index that text.
Segmenter = Callable[[str, str], Sequence[Sentence]]

IngestStatus = Literal["new", "unchanged", "new-version"]


def default_url() -> str:
    """``$ALINEA_DB`` if set, else ``alinea.db`` in the working directory."""
    return os.environ.get("ALINEA_DB") or DEFAULT_URL


def normalize_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` as psycopg 3 URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


def _now() -> datetime:
    return datetime.now(UTC)


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


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class IngestResult:
    """What ``Store.ingest`` did: ``status`` is ``new``, ``unchanged`` or ``new-version``
    (then ``replaced`` is the id of the version it supersedes)."""

    document_id: int
    status: IngestStatus
    version: int = 1
    replaced: int | None = None


@dataclass(frozen=True)
class DeletedDocument:
    """What ``Store.delete_document`` removed: the document, its sentences and the
    alignments it was part of; ``restored`` is the id of the older version made current
    again, if the deleted one was current and had one."""

    document_id: int
    sentences: int
    alignments: int
    restored: int | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document's metadata, without its body."""

    id: int
    doc_key: str
    version: int
    is_current: bool
    title: str
    lang: str
    date: str | None
    kind: str
    source_id: str | None
    source_path: str | None
    content_hash: str
    edition_group_id: int | None
    group_method: str | None
    n_sentences: int
    segmenter: str


@dataclass(frozen=True)
class StoredSentence:
    """A sentence with its database id; ``start``/``end`` index its paragraph's text."""

    id: int
    document_id: int
    position: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Counterpart:
    """A sentence aligned with the one looked up, in another edition."""

    sentence: StoredSentence
    lang: str
    confidence: float
    origin: str
    alignment_id: int


@dataclass(frozen=True)
class StoredLink:
    """A link as stored: the bead, who made it, and who corrected it if a person did."""

    link: Link
    origin: str
    corrected_by: str | None = None


@dataclass(frozen=True)
class Correction:
    """One correction of an alignment as its history keeps it: the links it took out
    (``replaced``) and the links it put in (``added``), each as stored then (origin,
    confidence, who corrected it). ``undone_at`` is set once it has been undone."""

    id: int
    alignment_id: int
    made_at: datetime
    made_by: str | None
    replaced: tuple[StoredLink, ...]
    added: tuple[StoredLink, ...]
    undone_at: datetime | None = None
    undone_by: str | None = None

    @property
    def in_effect(self) -> bool:
        """Not undone."""
        return self.undone_at is None

    @property
    def is_release(self) -> bool:
        """Whether it handed links set by hand back to the aligner (``release_links``): it
        put in the aligner's links only, where a correction puts in at least one manual
        link."""
        return bool(self.added) and all(sl.origin == "auto" for sl in self.added)


@dataclass(frozen=True)
class StoredAlignment:
    """An alignment between two stored documents, with where each link came from."""

    id: int
    src_document_id: int
    tgt_document_id: int
    signature: str
    params: dict[str, object]
    created_at: datetime
    updated_at: datetime
    links: tuple[StoredLink, ...]


@dataclass(frozen=True)
class EditionGroup:
    """Documents that are language editions of one text."""

    id: int
    method: str
    documents: tuple[DocumentInfo, ...]


@dataclass(frozen=True)
class EditionPair:
    """Two editions to align: ``src`` is the original when known, else the lower language
    code. ``alignment_id`` is set when an alignment exists (then the pair is stale)."""

    src_id: int
    tgt_id: int
    src_lang: str
    tgt_lang: str
    alignment_id: int | None = None


@dataclass(frozen=True)
class CorpusStats:
    """Corpus figures over current document versions."""

    documents: int
    versions: int
    documents_by_lang: dict[str, int]
    edition_groups: int
    edition_pairs: int
    aligned_pairs: int
    sentences: int
    links: int
    corrected_links: int
    mean_confidence: float | None


@dataclass(frozen=True)
class SearchHit:
    """A sentence that matches a concordance query."""

    sentence: StoredSentence
    lang: str
    title: str


@dataclass(frozen=True)
class DocumentPage:
    """One page of a document listing; pass ``next_cursor`` back as ``after``."""

    documents: tuple[DocumentInfo, ...]
    next_cursor: int | None


# --------------------------------------------------------------------------- helpers


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


def _orient(a: sa.Row, b: sa.Row, is_translation: dict[int, bool | None]
            ) -> tuple[sa.Row, sa.Row]:
    """Source first: the original edition when known (``is_translation`` by document id,
    from ``model.translation_status`` of its group), else the lower language code."""

    def rank(d: sa.Row) -> tuple[int, str, int]:
        return (0 if is_translation[d.id] is False else 1, d.lang, d.id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _json_safe(params: dict[str, object]) -> dict[str, object]:
    return json.loads(json.dumps(params, default=str, sort_keys=True))


_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(query: str) -> list[tuple[list[str], bool]]:
    """A concordance query as (words, is_prefix) terms, all of which must match.

    ``"two words"`` is a phrase, ``word*`` a prefix, anything else a word; punctuation
    inside terms is ignored, as both full-text engines ignore it.
    """
    terms = []
    for phrase, bare in _QUERY_TOKEN.findall(query):
        raw = phrase if phrase else bare
        prefix = not phrase and raw.endswith("*")
        words = _WORD.findall(raw.lower())
        if words:
            terms.append((words, prefix))
    return terms


# --------------------------------------------------------------------------- the store


class Store:
    """The corpus database. Open with ``Store.open(url)``; close (or use ``with``)."""

    def __init__(self, engine: Engine, segmenter: Segmenter | None = None):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._segmenter = segmenter
        # PostgreSQL reads run without BEGIN/ROLLBACK: two round trips fewer per look-up.
        # Each read method either runs one statement or reads rows that committed
        # together (a document and its parts), so no snapshot is needed across them.
        self._reader = (engine.execution_options(isolation_level="AUTOCOMMIT")
                        if self.dialect == "postgresql" else engine)

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, url: str | None = None, *, segmenter: Segmenter | None = None,
             migrate: bool = True) -> Store:
        """Open (creating or upgrading) the store at ``url`` (default: ``default_url()``)."""
        url = normalize_url(url or default_url())
        try:
            parsed = make_url(url)
        except exc.ArgumentError as err:
            raise StoreError(f"not a database URL: {url!r} (try sqlite:///alinea.db or "
                             "postgresql+psycopg://user@host/dbname)") from err
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {backend!r}: use sqlite or postgresql")
        if backend == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:"):
                raise StoreError("an in-memory SQLite store would vanish on close; "
                                 "give a file, e.g. sqlite:///alinea.db")
            folder = os.path.dirname(os.path.abspath(database))
            if not os.path.isdir(folder):
                raise StoreError(f"folder {folder} does not exist: create it or choose "
                                 "another --db path")
            _create_sqlite_file(database)
            engine = sa.create_engine(url, connect_args={"timeout": 60})
            _configure_sqlite(engine)
        else:
            # No pre-ping: it costs a round trip per call on the look-up path; a dropped
            # connection fails one call (as StoreError) and the pool reconnects.
            engine = sa.create_engine(url)
        store = cls(engine, segmenter)
        if backend == "postgresql":
            store._check_ctype()
        if migrate:
            try:
                store._migrate()
            except BaseException:
                engine.dispose()
                raise
        return store

    def _check_ctype(self) -> None:
        with self._read() as conn:
            ctype = conn.execute(sa.text("SHOW lc_ctype")).scalar()
        if ctype in ("C", "POSIX"):
            # Under a C ctype PostgreSQL lower-cases ASCII only, so to_tsvector keeps
            # "Мы" and a search for "мы" misses it.
            logger.warning("database %s has lc_ctype %s: search will be case-sensitive "
                           "outside ASCII; create it with a UTF-8 locale "
                           "(CREATE DATABASE ... LC_CTYPE 'C.UTF-8' TEMPLATE template0)",
                           _describe(str(self.engine.url)), ctype)

    def _migrate(self) -> None:
        from alembic.util import CommandError

        from alinea.corpus import migrate

        with self._errors():
            current = migrate.current_revision(self.engine)
            if current == migrate.head_revision():
                return
            try:
                migrate.upgrade(self.engine)
            except CommandError as err:
                where = _describe(str(self.engine.url))
                if "Can't locate revision" in str(err):
                    raise StoreError(
                        f"the database at {where} has schema revision {current!r}, which this "
                        "alinea does not know: upgrade alinea") from err
                raise StoreError(f"cannot migrate the database at {where} from revision "
                                 f"{current!r}: {err}") from err

    def optimize(self) -> None:
        """Refresh the query planner's statistics; call after a large batch (an ingest of
        many files, ``align --all``) so look-ups use their indexes from the start."""
        with self._write() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA optimize=0x10002")
            else:
                conn.exec_driver_sql("ANALYZE")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except exc.SQLAlchemyError as err:
            orig = getattr(err, "orig", None) or err
            raise StoreError(f"database error ({_describe(str(self.engine.url))}): "
                             f"{str(orig).strip().splitlines()[0]}") from err

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self._reader.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(alinea_write=True)
            with conn.begin():
                yield conn

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
        found = conn.execute(_BY_HASH, {"digest": digest}).first()
        if found is None:
            found = conn.execute(_BY_TEXT, {"text": text}).first()
        return found

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

    # ---------------------------------------------------------------- documents

    def get_document(self, document_id: int) -> Transcript:
        """The stored document as the ``Transcript`` that was ingested."""
        with self._read() as conn:
            doc = conn.execute(sa.select(t.documents)
                               .where(t.documents.c.id == document_id)).first()
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            speakers = conn.execute(sa.select(t.speakers).where(
                t.speakers.c.document_id == document_id).order_by(t.speakers.c.position)).all()
            boiler = conn.execute(sa.select(t.boilerplate).where(
                t.boilerplate.c.document_id == document_id)
                .order_by(t.boilerplate.c.position)).all()
            turns = conn.execute(sa.select(t.turns).where(
                t.turns.c.document_id == document_id).order_by(t.turns.c.position)).all()
            paras = conn.execute(sa.select(t.paragraphs).where(
                t.paragraphs.c.document_id == document_id)
                .order_by(t.paragraphs.c.position)).all()
        by_turn: dict[int, list[Paragraph]] = {}
        for p in paras:
            by_turn.setdefault(p.turn_id, []).append(Paragraph(text=p.text, lang=p.lang))
        return Transcript(
            id=doc.doc_key, title=doc.title, lang=doc.lang,
            turns=tuple(Turn(speaker=r.speaker, paragraphs=tuple(by_turn.get(r.id, ())),
                             label=r.label) for r in turns),
            speakers=tuple(Speaker(id=s.xml_id, name=s.name, role=s.role) for s in speakers),
            date=doc.date, time=doc.time, place=doc.place, kind=doc.kind, outlet=doc.outlet,
            original_lang=doc.original_lang, is_translation=doc.is_translation,
            editions=tuple(doc.editions or ()), source_url=doc.source_url,
            source_id=doc.source_id,
            boilerplate=tuple(Boilerplate(text=b.text, kind=b.kind, line=b.line)
                              for b in boiler),
        )

    def document(self, document_id: int) -> DocumentInfo:
        """A document's metadata."""
        with self._read() as conn:
            row = conn.execute(_info_select().where(t.documents.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return _info(row)

    def list_documents(self, *, lang: str | None = None, kind: str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       source_id: str | None = None, group_id: int | None = None,
                       after: int | None = None, limit: int = 50,
                       all_versions: bool = False) -> DocumentPage:
        """Documents by id, filtered; keyset pagination (``after`` = the last id seen)."""
        if not 1 <= limit <= 10_000:
            raise StoreError(f"limit must be between 1 and 10000, not {limit}")
        d = t.documents.c
        query = _info_select().order_by(d.id).limit(limit + 1)
        if lang is not None:
            query = query.where(d.lang == lang)
        if kind is not None:
            query = query.where(d.kind == kind)
        if date_from is not None:
            query = query.where(d.date >= date_from)
        if date_to is not None:
            query = query.where(d.date <= date_to)
        if source_id is not None:
            query = query.where(d.source_id == source_id)
        if group_id is not None:
            query = query.where(d.edition_group_id == group_id)
        if after is not None:
            query = query.where(d.id > after)
        if not all_versions:
            query = query.where(d.is_current)
        with self._read() as conn:
            rows = conn.execute(query).all()
        infos = tuple(_info(r) for r in rows[:limit])
        return DocumentPage(infos, infos[-1].id if len(rows) > limit else None)

    def iter_documents(self, *, lang: str | None = None, kind: str | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       source_id: str | None = None, group_id: int | None = None,
                       all_versions: bool = False, page_size: int = 1000
                       ) -> Iterator[DocumentInfo]:
        """Every document matching the filters of ``list_documents``, by id, read
        ``page_size`` (at most 10000) at a time: a large corpus is never in memory at once,
        and no connection is held between pages, so the caller may write to the store
        while iterating."""
        after = None
        while True:
            page = self.list_documents(lang=lang, kind=kind, date_from=date_from,
                                       date_to=date_to, source_id=source_id,
                                       group_id=group_id, after=after, limit=page_size,
                                       all_versions=all_versions)
            yield from page.documents
            if page.next_cursor is None:
                return
            after = page.next_cursor

    def sentences(self, document_id: int) -> list[StoredSentence]:
        """The document's sentences in order."""
        with self._read() as conn:
            rows = conn.execute(_sentence_select().where(t.sentences.c.document_id == document_id)
                                .order_by(t.sentences.c.position)).all()
            if not rows:
                self._require_document(conn, document_id)
        return [_sentence(r) for r in rows]

    def sentence(self, sentence_id: int) -> StoredSentence:
        with self._read() as conn:
            row = conn.execute(_sentence_select().where(t.sentences.c.id == sentence_id)).first()
        if row is None:
            raise NotFoundError(f"no sentence with id {sentence_id}")
        return _sentence(row)

    @staticmethod
    def _require_document(conn: Connection, document_id: int) -> sa.Row:
        row = conn.execute(_DOCUMENT_BRIEF, {"id": document_id}).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return row

    # ---------------------------------------------------------------- search

    def search(self, query: str, *, lang: str | None = None, limit: int = 50,
               after: int | None = None) -> list[SearchHit]:
        """Sentences of current documents matching a concordance query, in corpus order.

        Terms must all match: ``word``, ``prefix*``, ``"a phrase"``. ``after`` is the last
        sentence id seen, for paging.
        """
        terms = parse_query(query)
        if not terms:
            raise StoreError(f"empty search query {query!r}: give at least one word")
        s, d = t.sentences, t.documents
        columns = (*_sentence_columns(), d.c.lang, d.c.title)
        if self.dialect == "sqlite":
            match = " ".join(
                '"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in terms)
            fts = sa.table("sentences_fts", sa.column("rowid"))
            # The FTS table drives the query, in rowid order, so a common prefix stops at
            # the first ``limit`` hits instead of sorting every match.
            stmt = (sa.select(*columns).select_from(fts)
                    .join(s, s.c.id == fts.c.rowid)
                    .join(d, d.c.id == s.c.document_id)
                    .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
                    .where(sa.text("sentences_fts MATCH :match"), d.c.is_current)
                    .order_by(fts.c.rowid).limit(limit))
            if after is not None:
                stmt = stmt.where(fts.c.rowid > after)
            if lang is not None:
                stmt = stmt.where(d.c.lang == lang)
            with self._read() as conn:
                rows = conn.execute(stmt, {"match": match}).all()
            return [SearchHit(_sentence(r), r.lang, r.title) for r in rows]
        parts = []
        for words, prefix in terms:
            text = " <-> ".join("'" + w.replace("'", "''") + "'" for w in words)
            parts.append("(" + (text[:-1] + "':*" if prefix else text) + ")")
        condition = sa.text("sentences.tsv @@ to_tsquery('simple', :match)")
        params = {"match": " & ".join(parts)}
        stmt = (sa.select(*columns)
                .join(d, d.c.id == s.c.document_id)
                .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
                .where(condition, d.c.is_current)
                .order_by(s.c.id).limit(limit))
        if lang is not None:
            stmt = stmt.where(d.c.lang == lang)
        if after is not None:
            stmt = stmt.where(s.c.id > after)
        with self._read() as conn:
            rows = conn.execute(stmt, params).all()
        return [SearchHit(_sentence(r), r.lang, r.title) for r in rows]

    # ---------------------------------------------------------------- editions

    def match_editions(self, embed: matching.Embedder | None = None,
                       threshold: float = matching.DEFAULT_THRESHOLD, *,
                       everything: bool = False) -> list[EditionGroup]:
        """Group documents that share no source identifier, by the heuristics of
        ``alinea.corpus.editions``; documents grouped by hand are left alone.

        Only candidates of the same date and kind are compared, and by default only where
        such a block holds a document without a group (what an ingest adds), so matching
        after each ingest does not re-embed the whole corpus; ``everything=True``
        recomputes every heuristic group (after changing ``threshold``, say).
        """
        d = t.documents.c
        with self._read() as conn:
            docs = conn.execute(
                sa.select(d.id, d.lang, d.date, d.kind, d.edition_group_id, d.group_method)
                .where(d.is_current, sa.or_(d.group_method.is_(None),
                                            d.group_method != "manual"))
            ).all()
            dated = [r for r in docs if r.date]
            if not everything:
                open_blocks = {(r.date, r.kind) for r in dated if r.group_method is None}
                dated = [r for r in dated if (r.date, r.kind) in open_blocks]
            considered = {r.id for r in dated}
            ids = [r.id for r in dated]
            n_speakers: Counter[int] = Counter()
            openings: dict[int, list[str]] = {}
            for chunk in _chunks(ids, 500):
                for (doc_id,) in conn.execute(sa.select(t.speakers.c.document_id)
                                              .where(t.speakers.c.document_id.in_(chunk))):
                    n_speakers[doc_id] += 1
                for p in conn.execute(sa.select(t.paragraphs.c.document_id, t.paragraphs.c.text)
                                      .where(t.paragraphs.c.document_id.in_(chunk),
                                             t.paragraphs.c.position < 4)
                                      .order_by(t.paragraphs.c.document_id,
                                                t.paragraphs.c.position)):
                    openings.setdefault(p.document_id, []).append(p.text)
        candidates = [
            matching.Candidate(
                id=r.id, lang=r.lang, date=r.date, kind=r.kind, n_speakers=n_speakers[r.id],
                opening=matching.opening(openings.get(r.id, [])),
                anchor=r.edition_group_id if r.group_method == "source-id" else None)
            for r in dated]
        groups = matching.match(candidates, embed, threshold)
        by_id = {r.id: r for r in docs}
        with self._write() as conn:
            assigned: set[int] = set()
            for members in groups:
                anchors = [by_id[i].edition_group_id for i in members
                           if by_id[i].group_method == "source-id"]
                if anchors:
                    group_id = anchors[0]
                else:
                    existing = sorted({by_id[i].edition_group_id for i in members
                                       if by_id[i].group_method == "heuristic"} - {None})
                    group_id = existing[0] if existing else conn.execute(
                        sa.insert(t.edition_groups).returning(t.edition_groups.c.id)
                        .values(method="heuristic", created_at=_now())).scalar_one()
                for i in members:
                    if by_id[i].group_method != "source-id":
                        assigned.add(i)
                        conn.execute(sa.update(t.documents).where(d.id == i)
                                     .values(edition_group_id=group_id,
                                             group_method="heuristic"))
            # Heuristic members that no longer match anything leave their group.
            dropped = [r.id for r in docs if r.group_method == "heuristic"
                       and r.id in considered and r.id not in assigned]
            for chunk in _chunks(dropped, 500):
                conn.execute(sa.update(t.documents).where(d.id.in_(chunk))
                             .values(edition_group_id=None, group_method=None))
            self._drop_empty_groups(conn)
        return self.edition_groups()

    def edition_groups(self) -> list[EditionGroup]:
        """Every group with at least one current document, by id."""
        d = t.documents.c
        with self._read() as conn:
            rows = conn.execute(_info_select().where(d.is_current,
                                                     d.edition_group_id.is_not(None))
                                .order_by(d.edition_group_id, d.lang, d.id)).all()
            methods = dict(conn.execute(sa.select(t.edition_groups.c.id,
                                                  t.edition_groups.c.method)).all())
        grouped: dict[int, list[DocumentInfo]] = {}
        for r in rows:
            grouped.setdefault(r.edition_group_id, []).append(_info(r))
        return [EditionGroup(gid, methods[gid], tuple(docs)) for gid, docs in grouped.items()]

    def link_editions(self, document_id: int, other_id: int) -> int:
        """Put two documents in one edition group by hand; returns the group id.

        ``other_id`` joins ``document_id``'s group; if that has none, ``document_id``
        joins ``other_id``'s; if neither has one, they get a new group. Both are pinned:
        automatic matching will not move them again.
        """
        if document_id == other_id:
            raise StoreError(f"cannot link document {document_id} with itself")
        d = t.documents.c
        with self._write() as conn:
            self._require_document(conn, document_id)
            self._require_document(conn, other_id)
            group_id = conn.execute(sa.select(d.edition_group_id)
                                    .where(d.id == document_id)).scalar_one()
            if group_id is None:
                group_id = conn.execute(sa.select(d.edition_group_id)
                                        .where(d.id == other_id)).scalar_one()
            self._check_languages(conn, group_id, (document_id, other_id))
            if group_id is None:
                group_id = conn.execute(
                    sa.insert(t.edition_groups).returning(t.edition_groups.c.id)
                    .values(method="manual", created_at=_now())).scalar_one()
            conn.execute(sa.update(t.documents).where(d.id.in_([document_id, other_id]))
                         .values(edition_group_id=group_id, group_method="manual"))
            self._drop_empty_groups(conn)
        return group_id

    @staticmethod
    def _check_languages(conn: Connection, group_id: int | None,
                         joining: tuple[int, ...]) -> None:
        """Refuse a group that would hold two current editions in one language."""
        d = t.documents.c
        members = d.id.in_(joining)
        if group_id is not None:
            members = sa.or_(members, d.edition_group_id == group_id)
        rows = conn.execute(sa.select(d.id, d.lang).where(members, d.is_current)
                            .order_by(d.id)).all()
        seen: dict[str, int] = {}
        for row in rows:
            if row.lang in seen:
                raise StoreError(
                    f"documents {seen[row.lang]} and {row.id} are both in {row.lang}: an "
                    "edition group holds one edition per language (unlink one first)")
            seen[row.lang] = row.id

    def unlink_edition(self, document_id: int) -> bool:
        """Take a document out of its edition group by hand, and keep it out of automatic
        grouping. True if it was in a group."""
        d = t.documents.c
        with self._write() as conn:
            self._require_document(conn, document_id)
            group = conn.execute(sa.select(d.edition_group_id).where(d.id == document_id)
                                 ).scalar_one()
            conn.execute(sa.update(t.documents).where(d.id == document_id)
                         .values(edition_group_id=None, group_method="manual"))
            self._drop_empty_groups(conn)
        return group is not None

    def delete_document(self, document_id: int) -> DeletedDocument:
        """Remove one stored document version with its turns, sentences, alignments,
        their links and their history of corrections, in one transaction.

        If it was the current version, the newest older version of the same edition
        becomes current again and takes over its edition group, so deleting a bad
        re-ingest brings back the edition as it was.
        """
        d, a = t.documents.c, t.alignments.c
        with self._write() as conn:
            doc = conn.execute(sa.select(d.id, d.doc_key, d.is_current, d.n_sentences,
                                         d.edition_group_id, d.group_method)
                               .where(d.id == document_id)).first()
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            n_alignments = conn.execute(
                sa.select(sa.func.count()).select_from(t.alignments)
                .where(sa.or_(a.src_document_id == document_id,
                              a.tgt_document_id == document_id))).scalar_one()
            conn.execute(sa.delete(t.documents).where(d.id == document_id))
            restored = None
            if doc.is_current:
                restored = conn.execute(
                    sa.select(d.id).where(d.doc_key == doc.doc_key)
                    .order_by(d.version.desc()).limit(1)).scalar()
                if restored is not None:
                    conn.execute(sa.update(t.documents).where(d.id == restored).values(
                        is_current=True, edition_group_id=doc.edition_group_id,
                        group_method=doc.group_method))
            self._drop_empty_groups(conn)
        return DeletedDocument(document_id, doc.n_sentences, n_alignments, restored)

    @staticmethod
    def _drop_empty_groups(conn: Connection) -> None:
        g, d = t.edition_groups.c, t.documents.c
        conn.execute(sa.delete(t.edition_groups).where(
            g.method != "source-id",
            ~sa.exists().where(d.edition_group_id == g.id)))

    def edition_pairs(self, group_id: int | None = None) -> list[EditionPair]:
        """Every pair of current editions in one group with different languages; with
        ``group_id``, those of that group only (read without touching the others)."""
        d, a = t.documents.c, t.alignments.c
        docs_query = (sa.select(d.id, d.lang, d.original_lang, d.is_translation,
                                d.edition_group_id)
                      .where(d.is_current, d.edition_group_id.is_not(None))
                      .order_by(d.edition_group_id, d.id))
        aligned_query = sa.select(a.id, a.src_document_id, a.tgt_document_id)
        if group_id is not None:
            docs_query = docs_query.where(d.edition_group_id == group_id)
            members = sa.select(d.id).where(d.edition_group_id == group_id)
            aligned_query = aligned_query.where(a.src_document_id.in_(members),
                                                a.tgt_document_id.in_(members))
        with self._read() as conn:
            docs = conn.execute(docs_query).all()
            aligned = {(r.src_document_id, r.tgt_document_id): r.id
                       for r in conn.execute(aligned_query)}
        groups: dict[int, list[sa.Row]] = {}
        for r in docs:
            groups.setdefault(r.edition_group_id, []).append(r)
        pairs = []
        for members in groups.values():
            is_translation = dict(zip((m.id for m in members), translation_status(members)))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a.lang == b.lang:
                        continue
                    src, tgt = _orient(a, b, is_translation)
                    if (src.id, tgt.id) not in aligned and (tgt.id, src.id) in aligned:
                        src, tgt = tgt, src  # an alignment stored the other way round
                    pairs.append(EditionPair(src.id, tgt.id, src.lang, tgt.lang,
                                             aligned.get((src.id, tgt.id))))
        return pairs

    def edition_status(self, document_id: int) -> tuple[bool | None, str | None]:
        """(``is_translation``, ``original_lang``) of a document as its edition group tells
        them together: ``model.translation_status``, the rule ``edition_pairs`` orients
        pairs by and the TEI corpus export marks editions by. The original language is
        the document's own word, else its language when it is the original, else, for a
        translation, the language of the group's one known original.

        The group is its current editions, with the document in place of its own current
        version when it is an earlier one.
        """
        d = t.documents.c
        columns = (d.id, d.doc_key, d.lang, d.original_lang, d.is_translation)
        with self._read() as conn:
            doc = conn.execute(sa.select(*columns, d.edition_group_id)
                               .where(d.id == document_id)).first()
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            others = [] if doc.edition_group_id is None else conn.execute(
                sa.select(*columns).where(d.edition_group_id == doc.edition_group_id,
                                          d.is_current, d.doc_key != doc.doc_key)
                .order_by(d.id)).all()
        members = [doc, *others]
        status = translation_status(members)
        said = status[0]
        if doc.original_lang is not None:
            return said, doc.original_lang
        if said is False:
            return said, doc.lang
        originals = {m.lang for m, s in zip(members, status) if s is False}
        if said and len(originals) == 1:
            return said, originals.pop()
        return said, None

    def pending_pairs(self, signature: str | Callable[[EditionPair], str] | None = None,
                      group_id: int | None = None) -> list[EditionPair]:
        """Edition pairs with no alignment yet, or (given ``signature``, a string or a
        function of the pair) one made differently: what ``align --all`` has to do. With
        ``group_id``, those of that edition group only, read without touching the others.

        An alignment whose signature is ``signature`` followed by ``|...`` details (the
        aligner appends e.g. ``|blocks:12``) counts as made the same way.
        """
        pairs = self.edition_pairs(group_id=group_id)
        if signature is None:
            return [p for p in pairs if p.alignment_id is None]
        a = t.alignments.c
        query = sa.select(a.id, a.signature)
        if group_id is not None:
            query = query.where(a.id.in_([p.alignment_id for p in pairs
                                          if p.alignment_id is not None]))
        with self._read() as conn:
            signatures = dict(conn.execute(query).all())

        def current(pair: EditionPair) -> bool:
            made = signatures.get(pair.alignment_id, "")
            wanted = signature if isinstance(signature, str) else signature(pair)
            return made == wanted or made.startswith(wanted + "|")

        return [p for p in pairs if p.alignment_id is None or not current(p)]

    def alignment_input(self, document_id: int) -> tuple[list[str], list[Place]]:
        """What the aligner needs of a document: its sentences' text and where each is
        (paragraph, turn position and speaker role: the structural anchors, see
        :func:`alinea.align.blocks.shared_blocks`)."""
        s, p, tu, sp = t.sentences.c, t.paragraphs.c, t.turns.c, t.speakers.c
        role = (sa.select(sp.role).where(sp.document_id == tu.document_id,
                                         sp.xml_id == tu.speaker)
                .order_by(sp.position).limit(1).scalar_subquery())
        with self._read() as conn:
            self._require_document(conn, document_id)
            rows = conn.execute(
                sa.select(s.text, p.position, tu.position, role)
                .select_from(t.sentences)
                .join(t.paragraphs, p.id == s.paragraph_id)
                .join(t.turns, tu.id == p.turn_id)
                .where(s.document_id == document_id).order_by(s.position)).all()
        return ([r[0] for r in rows],
                [Place(r[1], (r[2], r[3] or "speaker")) for r in rows])

    # ---------------------------------------------------------------- alignments

    def save_alignment(self, src_id: int, tgt_id: int, alignment: Alignment) -> int:
        """Store an automatic alignment of two documents; returns the alignment id.

        Links a person corrected stay: new automatic links keep only the sentences no
        correction holds (as 1-0 or 0-1 links if need be) and replace the previous
        automatic links. A re-alignment is not a correction: the history does not record
        it (see ``undo_correction`` for what it means for undoing earlier corrections).
        """
        with self._write() as conn:
            src = self._require_document(conn, src_id)
            tgt = self._require_document(conn, tgt_id)
            _check_links(alignment.links, src.n_sentences, tgt.n_sentences)
            # Held until the new links are in, so a correction made meanwhile is not lost.
            row = self._alignment_row(conn, src_id, tgt_id, lock=True)
            existing = row.id if row is not None else None
            manual = self._links(conn, existing, origin="manual") if existing else []
            auto = [StoredLink(link, "auto") for link in alignment.links]
            # The aligner's own order stands unless corrections have to be merged in.
            merged = _around(manual, auto) if manual else auto
            return self._replace_links(conn, existing, src, tgt, merged,
                                       alignment.signature, _json_safe(alignment.params))

    def correct_links(self, src_id: int, tgt_id: int, links: Sequence[Link],
                      by: str | None = None) -> int:
        """Record links set by a person; they replace every link sharing a sentence with
        them and survive re-alignment. What those links had left over stays aligned as
        before (as 1-0 or 0-1 links if need be), so no sentence drops out of the
        alignment. Returns the alignment id.

        The alignment's history (``corrections``) keeps the links the correction took out
        and those it put in, so that ``undo_correction`` can take it back; a correction
        that changes nothing (links checked again as they are) is not recorded.
        """
        # Imported here: alinea.corpus.corrections builds on this module's types.
        from alinea.corpus import corrections

        return corrections.correct_links(self, src_id, tgt_id, links, by)

    @staticmethod
    def _alignment_row(conn: Connection, src_id: int, tgt_id: int, lock: bool = False
                       ) -> sa.Row | None:
        """The alignment of ``src_id`` with ``tgt_id``; ``lock`` holds it (PostgreSQL) until
        the transaction ends, so corrections and re-alignments of one alignment take turns
        instead of each rewriting the links it read."""
        a = t.alignments.c
        query = sa.select(t.alignments).where(a.src_document_id == src_id,
                                              a.tgt_document_id == tgt_id)
        return conn.execute(query.with_for_update() if lock else query).first()

    @classmethod
    def _require_alignment(cls, conn: Connection, src_id: int, tgt_id: int,
                           lock: bool = False) -> sa.Row:
        row = cls._alignment_row(conn, src_id, tgt_id, lock)
        if row is None:
            raise NotFoundError(f"documents {src_id} and {tgt_id} have no alignment")
        return row

    def corrections(self, src_id: int, tgt_id: int) -> list[Correction]:
        """The history of the alignment of two documents: every correction, the most recent
        first (the order ``undo_correction`` takes them in), undone ones included.
        ``NotFoundError`` if they have no alignment."""
        from alinea.corpus import corrections

        return corrections.history(self, src_id, tgt_id)

    def undo_correction(self, src_id: int, tgt_id: int, by: str | None = None) -> Correction:
        """Undo the most recent correction of the alignment still in effect: the links it
        put in give way to the links it replaced, exactly as they were (origin,
        confidence, who corrected them). Returns that correction, marked undone (by
        ``by``); called again, it undoes the one before, and so back through the history.
        An undone correction stays in the history; it cannot be redone, only made again.

        A re-alignment (``save_alignment``) is not a correction and is not in the history.
        It keeps the links people set, so a correction made before it can still be undone,
        and the links that come back are those the correction replaced, from the
        alignment of that time (``align --all --realign`` redoes them, as it redoes every
        automatic link). But if the aligner redid links the correction had left in place
        (what remained of the links it cut into), the alignment no longer holds what the
        correction put in, and undoing it is refused (and with it the corrections before
        it, since undo goes back in order).

        ``ConflictError``, with nothing changed, when no correction is in effect, or when
        the alignment no longer holds the links the correction put in exactly as it left
        them, or when undoing it would leave a sentence in no link. ``NotFoundError`` if
        the documents have no alignment.
        """
        from alinea.corpus import corrections

        return corrections.undo_last(self, src_id, tgt_id, by)

    def release_links(self, src_id: int, tgt_id: int, links: Sequence[Link] | None = None,
                      by: str | None = None) -> Correction:
        """Hand links set by hand back to the aligner: ``links`` (named by their sentence
        positions; their confidence is not compared), or every manual link of the
        alignment when ``None``. The stretch they cover, with the aligner's 1-0 and 0-1
        links next to them (what a correction left over), is aligned again on its own and
        its links become automatic ones; the rest of the alignment stays as it is.
        A re-alignment redoes them from then on, as it redoes every automatic link.

        This is how a correction that can no longer be undone (a re-alignment redid what
        it left) is taken back. It is recorded in the history like a correction
        (``Correction.is_release``), so ``undo_correction`` puts the manual links back
        while the alignment still holds what it put in. Returns that record.

        ``ConflictError``, with nothing changed, when a named link is not in the
        alignment, was made by the aligner, or no link is manual, or when the alignment
        changed while the stretch was being aligned. ``NotFoundError`` if the documents
        have no alignment; ``AlignError`` if the aligner refuses the sentences.
        """
        from alinea.corpus import corrections

        return corrections.release(self, src_id, tgt_id, links, by)

    def _replace_links(self, conn: Connection, alignment_id: int | None, src: sa.Row,
                       tgt: sa.Row, stored: list[StoredLink], signature: str,
                       params: dict[str, object]) -> int:
        a = t.alignments.c
        now = _now()
        confidences = [sl.link.confidence for sl in stored]
        values = dict(signature=signature, params=params, updated_at=now,
                      src_lang=src.lang, tgt_lang=tgt.lang, n_links=len(stored),
                      mean_confidence=sum(confidences) / len(confidences) if stored else None)
        if alignment_id is None:
            alignment_id = conn.execute(sa.insert(t.alignments).returning(a.id).values(
                src_document_id=src.id, tgt_document_id=tgt.id, created_at=now,
                **values)).scalar_one()
        else:
            conn.execute(sa.delete(t.links).where(t.links.c.alignment_id == alignment_id))
            conn.execute(sa.update(t.alignments).where(a.id == alignment_id).values(**values))
        if not stored:
            return alignment_id
        link_ids = conn.execute(
            _INSERT_LINKS,
            [dict(alignment_id=alignment_id, position=i,
                  src_start=_span(sl.link.src)[0], src_end=_span(sl.link.src)[1],
                  tgt_start=_span(sl.link.tgt)[0], tgt_end=_span(sl.link.tgt)[1],
                  confidence=float(sl.link.confidence), origin=sl.origin,
                  corrected_by=sl.corrected_by)
             for i, sl in enumerate(stored)]).scalars().all()
        src_ids = self._sentence_ids(conn, src.id)
        tgt_ids = self._sentence_ids(conn, tgt.id)
        members = []
        for link_id, sl in zip(link_ids, stored):
            members += [dict(link_id=link_id, sentence_id=src_ids[i], side="src")
                        for i in sl.link.src]
            members += [dict(link_id=link_id, sentence_id=tgt_ids[i], side="tgt")
                        for i in sl.link.tgt]
        if members:
            conn.execute(_INSERT_LINK_SENTENCES, members)
        return alignment_id

    @staticmethod
    def _sentence_ids(conn: Connection, document_id: int) -> list[int]:
        return list(conn.execute(_SENTENCE_IDS, {"id": document_id}).scalars())

    @staticmethod
    def _links(conn: Connection, alignment_id: int, origin: str | None = None
               ) -> list[StoredLink]:
        l = t.links.c
        query = sa.select(t.links).where(l.alignment_id == alignment_id).order_by(l.position)
        if origin is not None:
            query = query.where(l.origin == origin)
        return [StoredLink(Link(src=tuple(range(r.src_start, r.src_end)),
                                tgt=tuple(range(r.tgt_start, r.tgt_end)),
                                confidence=r.confidence), r.origin, r.corrected_by)
                for r in conn.execute(query)]

    def alignment(self, src_id: int, tgt_id: int) -> StoredAlignment:
        """The stored alignment of two documents (``NotFoundError`` if they have none)."""
        with self._read() as conn:
            row = self._require_alignment(conn, src_id, tgt_id)
            links = self._links(conn, row.id)
        return StoredAlignment(row.id, src_id, tgt_id, row.signature, dict(row.params),
                               row.created_at, row.updated_at, tuple(links))

    def as_alignment(self, src_id: int, tgt_id: int) -> Alignment:
        """The stored alignment as an ``align.types.Alignment``."""
        stored = self.alignment(src_id, tgt_id)
        src, tgt = self.document(src_id), self.document(tgt_id)
        return Alignment(links=tuple(sl.link for sl in stored.links), src_lang=src.lang,
                         tgt_lang=tgt.lang, signature=stored.signature,
                         params=dict(stored.params))

    def counterparts(self, sentence_id: int) -> list[Counterpart]:
        """The sentences aligned with this one, in every other edition."""
        s = t.sentences
        with self._read() as conn:
            rows = conn.execute(_COUNTERPARTS, {"sentence_id": sentence_id}).all()
            if not rows and conn.execute(sa.select(s.c.id).where(s.c.id == sentence_id)
                                         ).first() is None:
                raise NotFoundError(f"no sentence with id {sentence_id}")
        return [Counterpart(_sentence(r), r.lang, r.confidence, r.origin, r.alignment_id)
                for r in rows]

    # ---------------------------------------------------------------- figures

    def stats(self) -> CorpusStats:
        """Documents per language, edition pairs, aligned pairs, sentences, confidence."""
        d, s, l = t.documents.c, t.sentences.c, t.links.c
        pairs = self.edition_pairs()
        with self._read() as conn:
            by_lang = dict(conn.execute(sa.select(d.lang, sa.func.count()).where(d.is_current)
                                        .group_by(d.lang).order_by(d.lang)).all())
            versions = conn.execute(sa.select(sa.func.count()).select_from(t.documents)
                                    ).scalar_one()
            sentences = conn.execute(
                sa.select(sa.func.count()).select_from(t.sentences)
                .join(t.documents, d.id == s.document_id).where(d.is_current)).scalar_one()
            # Links of the current edition pairs' alignments only: an alignment outlives
            # an unlink or a re-ingest, but is no longer part of the corpus.
            aligned = {p.alignment_id for p in pairs if p.alignment_id is not None}
            per_alignment = conn.execute(
                sa.select(l.alignment_id, sa.func.count(),
                          sa.func.sum(sa.case((l.origin == "manual", 1), else_=0)),
                          sa.func.sum(l.confidence))
                .group_by(l.alignment_id)).all()
        counted = [r for r in per_alignment if r[0] in aligned]
        links = sum(r[1] for r in counted)
        corrected = sum(int(r[2] or 0) for r in counted)
        confidence = sum(float(r[3] or 0.0) for r in counted)
        return CorpusStats(
            documents=sum(by_lang.values()), versions=versions, documents_by_lang=by_lang,
            edition_groups=len({g.id for g in self.edition_groups() if len(g.documents) > 1}),
            edition_pairs=len(pairs), aligned_pairs=len(aligned), sentences=sentences,
            links=links, corrected_links=corrected,
            mean_confidence=confidence / links if links else None)


# --------------------------------------------------------------------------- internals


def _create_sqlite_file(database: str) -> None:
    """Make a new SQLite database appear whole, already in WAL mode, or not at all.

    Processes opening one new file at once (parallel ``alinea ingest``) otherwise race on
    it while it is empty: the first one's switch to WAL writes the header under a
    rollback-journal lock, and a second one's ``PRAGMA journal_mode=WAL`` then fails with
    "database is locked" without waiting out the busy timeout, or takes the file for a
    rollback-journal database and runs the migrations beside the first. So the file is
    made under another name and linked into place, which fails if it exists by then.
    Where that cannot be done (no hard links), SQLite creates the file as before.
    """
    import sqlite3
    import uuid

    if database.startswith("file:") or os.path.exists(database):
        return
    scratch = f"{database}.{uuid.uuid4().hex}.new"
    try:
        connection = sqlite3.connect(scratch)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        os.link(scratch, database)
    except (OSError, sqlite3.Error):
        pass  # FileExistsError: another process made it first; else SQLite will
    finally:
        for leftover in (scratch, scratch + "-wal", scratch + "-shm"):
            try:
                os.unlink(leftover)
            except OSError:
                pass


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event below emit BEGIN itself (pysqlite's own
        # transaction handling would defer it and cannot ask for IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process under WAL; only a power cut can lose
        # the last transactions (https://sqlite.org/pragma.html#pragma_synchronous).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        # Writers take the lock up front so two writers queue (busy timeout) instead of
        # one failing when it upgrades a read lock.
        write = conn.get_execution_options().get("alinea_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _same_edition(previous: sa.Row, tr: Transcript) -> bool:
    """Whether a transcript whose id is already stored is a new version of that document:
    the same language, and the same source when both name one. Two files of one name in
    different folders (``en/speech.txt``, ``ru/speech.txt``) are two documents."""
    if previous.lang != tr.lang:
        return False
    return not (previous.source_id and tr.source_id and previous.source_id != tr.source_id)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i: i + size]


def _around(fixed: list[StoredLink], others: Sequence[StoredLink]) -> list[StoredLink]:
    """``fixed`` links with what ``others`` keep of the sentences they do not hold, in
    document order: every sentence either side held stays in exactly one link."""
    src_taken, tgt_taken = _sentences(fixed)
    kept = list(fixed)
    for sl in others:
        if set(sl.link.src) & src_taken or set(sl.link.tgt) & tgt_taken:
            kept += [StoredLink(rest, sl.origin, sl.corrected_by)
                     for rest in sl.link.without(src_taken, tgt_taken)]
        else:
            kept.append(sl)
    return _in_order(kept)


def _in_order(stored: list[StoredLink]) -> list[StoredLink]:
    """Links in document order: by source sentence, with each link that has no source
    sentence (0-1) placed before the first link whose target comes after it."""
    with_src = sorted((sl for sl in stored if sl.link.src),
                      key=lambda sl: (sl.link.src[0], sl.link.tgt[:1]))
    inserted = sorted((sl for sl in stored if not sl.link.src), key=lambda sl: sl.link.tgt[0])
    ordered: list[StoredLink] = []
    waiting = 0
    for k, sl in enumerate(with_src):
        # A 1-0 link has no target to compare with: the next link with a target decides
        # (so an insertion next to a deletion always comes first).
        bound = next((later.link.tgt[0] for later in with_src[k:] if later.link.tgt), None)
        while waiting < len(inserted) and (bound is None
                                           or inserted[waiting].link.tgt[0] < bound):
            ordered.append(inserted[waiting])
            waiting += 1
        ordered.append(sl)
    return ordered + inserted[waiting:]


def _span(side: tuple[int, ...]) -> tuple[int, int]:
    """A side as a half-open range; an empty side is stored as (0, 0)."""
    return (side[0], side[-1] + 1) if side else (0, 0)


def _check_links(links: Sequence[Link], n_src: int, n_tgt: int) -> None:
    """Refuse links that point outside the documents, are not contiguous, or share a
    sentence with another link."""
    used: dict[str, set[int]] = {"source": set(), "target": set()}
    for link in links:
        for side, name in ((link.src, "source"), (link.tgt, "target")):
            twice = used[name] & set(side)
            if twice:
                raise StoreError(f"link {link.src}-{link.tgt}: {name} sentence {min(twice)} "
                                 "is already in another link")
            used[name].update(side)
        for side, n, name in ((link.src, n_src, "source"), (link.tgt, n_tgt, "target")):
            if side and (not consecutive(side) or side[0] < 0 or side[-1] >= n):
                raise StoreError(f"link {link.src}-{link.tgt}: {name} sentences must be "
                                 f"contiguous indices below {n}")
        if not link.src and not link.tgt:
            raise StoreError("a link needs at least one sentence on one side")
        if not 0.0 <= link.confidence <= 1.0:
            raise StoreError(f"link {link.src}-{link.tgt}: confidence {link.confidence} "
                             "is not in [0, 1]")


def _sentences(stored: Sequence[StoredLink]) -> tuple[set[int], set[int]]:
    """The source and the target sentences the links hold."""
    return ({i for sl in stored for i in sl.link.src}, {j for sl in stored for j in sl.link.tgt})


def _info_select() -> sa.Select:
    d = t.documents.c
    return sa.select(d.id, d.doc_key, d.version, d.is_current, d.title, d.lang, d.date, d.kind,
                     d.source_id, d.source_path, d.content_hash, d.edition_group_id,
                     d.group_method, d.n_sentences, d.segmenter)


def _info(row: sa.Row) -> DocumentInfo:
    return DocumentInfo(row.id, row.doc_key, row.version, bool(row.is_current), row.title,
                        row.lang, row.date, row.kind, row.source_id, row.source_path,
                        row.content_hash, row.edition_group_id, row.group_method,
                        row.n_sentences, row.segmenter)


def _sentence_columns() -> list[sa.ColumnElement]:
    s = t.sentences.c
    return [s.id, s.document_id, s.position, t.paragraphs.c.position.label("paragraph"),
            s.char_start, s.char_end, s.text]


def _sentence_select() -> sa.Select:
    return sa.select(*_sentence_columns()).join(
        t.paragraphs, t.paragraphs.c.id == t.sentences.c.paragraph_id)


def _sentence(row: sa.Row) -> StoredSentence:
    return StoredSentence(row.id, row.document_id, row.position, row.paragraph,
                          row.char_start, row.char_end, row.text)


def counterparts_select(of: Callable[[sa.ColumnElement[int]], sa.ColumnElement[bool]]
                        ) -> sa.Select:
    """The sentences aligned with those ``of(sentence_id)`` picks, in current editions:
    columns ``of`` (the sentence looked up), the counterpart's ``id``, ``document_id``,
    ``position``, ``paragraph``, ``char_start``, ``char_end``, ``text``, then ``lang``,
    ``confidence``, ``origin``, ``alignment_id``; by sentence looked up, language, document
    and position. The one statement behind ``Store.counterparts`` and the API's look-ups.
    """
    mine, theirs = t.link_sentences.alias("mine"), t.link_sentences.alias("theirs")
    l, s, d = t.links, t.sentences, t.documents
    return (sa.select(mine.c.sentence_id.label("of"), *_sentence_columns(), d.c.lang,
                      l.c.confidence, l.c.origin, l.c.alignment_id)
            .select_from(mine)
            .join(l, l.c.id == mine.c.link_id)
            .join(theirs, sa.and_(theirs.c.link_id == l.c.id, theirs.c.side != mine.c.side))
            .join(s, s.c.id == theirs.c.sentence_id)
            .join(t.paragraphs, t.paragraphs.c.id == s.c.paragraph_id)
            .join(d, d.c.id == s.c.document_id)
            .where(d.c.is_current, of(mine.c.sentence_id))
            .order_by(mine.c.sentence_id, d.c.lang, s.c.document_id, s.c.position))


# Built once: the look-up is the API's hottest path, and building a select costs more
# than running it.
_COUNTERPARTS = counterparts_select(lambda of: of == sa.bindparam("sentence_id"))


# Ingest statements, built once: building a statement costs SQLAlchemy more than the
# database needs to run it, and ingest runs these for every file.
_D = t.documents.c
_BY_HASH = sa.select(_D.id, _D.version).where(_D.content_hash == sa.bindparam("digest"))
_BY_TEXT = (sa.select(_D.id, _D.version)
            .where(_D.text_hash == sa.bindparam("text"), _D.is_current)
            .order_by(_D.id).limit(1))
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

# Alignment statements, likewise.
_DOCUMENT_BRIEF = sa.select(_D.id, _D.lang, _D.n_sentences, _D.is_current).where(
    _D.id == sa.bindparam("id"))
_SENTENCE_IDS = (sa.select(t.sentences.c.id)
                 .where(t.sentences.c.document_id == sa.bindparam("id"))
                 .order_by(t.sentences.c.position))
_INSERT_LINKS = sa.insert(t.links).returning(t.links.c.id, sort_by_parameter_order=True)
_INSERT_LINK_SENTENCES = sa.insert(t.link_sentences)
