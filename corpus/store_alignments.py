"""Alignments in the corpus store: saving the aligner's links, corrections by hand (see
``alinea.corpus.corrections``), reading links and counterparts back."""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy import Connection

from alinea.align.types import Alignment, Link, consecutive
from alinea.corpus import schema as t
from alinea.corpus.store_base import StoreBase
from alinea.corpus.store_results import Correction, Counterpart, StoredAlignment, StoredLink
from alinea.corpus.store_rows import _COUNTERPARTS, _now, _sentence, _utc
from alinea.errors import ConflictError, NotFoundError, StoreError


class AlreadyAlignedError(ConflictError):
    """``save_alignment(..., new=True)`` found the pair aligned already (by a concurrent
    writer, as a rule): nothing was written. ``alignment_id`` is the stored alignment."""

    def __init__(self, message: str, alignment_id: int) -> None:
        super().__init__(message)
        self.alignment_id = alignment_id


def _json_safe(params: dict[str, object]) -> dict[str, object]:
    return json.loads(json.dumps(params, default=str, sort_keys=True))


class AlignmentsMixin(StoreBase):
    """``Store``'s alignments and corrections."""

    # ---------------------------------------------------------------- alignments

    def save_alignment(self, src_id: int, tgt_id: int, alignment: Alignment, *,
                       new: bool = False) -> int:
        """Store an automatic alignment of two documents; returns the alignment id.

        Links a person corrected stay: new automatic links keep only the sentences no
        correction holds (as 1-0 or 0-1 links if need be) and replace the previous
        automatic links. A re-alignment is not a correction: the history does not record
        it (see ``undo_correction`` for what it means for undoing earlier corrections).

        A pair has one alignment: ``ConflictError`` if it is stored the other way round
        (``tgt_id`` to ``src_id``). With ``new`` the pair is meant to have none yet: if one
        was stored meanwhile (a concurrent writer aligned it), nothing is written and
        ``AlreadyAlignedError`` names it. Writers of one pair take turns (SQLite's writers
        hold the database; on PostgreSQL an advisory lock of the pair).
        """
        with self._write() as conn:
            self._lock_pair(conn, src_id, tgt_id)
            src = self._require_document(conn, src_id)
            tgt = self._require_document(conn, tgt_id)
            _check_links(alignment.links, src.n_sentences, tgt.n_sentences)
            reverse = self._alignment_row(conn, tgt_id, src_id)
            if reverse is not None and new:
                raise AlreadyAlignedError(f"documents {src_id} and {tgt_id} are aligned "
                                          f"already (alignment {reverse.id}, stored the "
                                          "other way round)", reverse.id)
            if reverse is not None:
                raise ConflictError(f"documents {src_id} and {tgt_id} are aligned the other "
                                    f"way round (alignment {reverse.id}): save it from "
                                    f"{tgt_id} to {src_id}")
            # Held until the new links are in, so a correction made meanwhile is not lost.
            row = self._alignment_row(conn, src_id, tgt_id, lock=True)
            existing = row.id if row is not None else None
            if new and existing is not None:
                raise AlreadyAlignedError(f"documents {src_id} and {tgt_id} are aligned "
                                          f"already (alignment {existing})", existing)
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

    def _lock_pair(self, conn: Connection, a: int, b: int) -> None:
        """On PostgreSQL, make writers of the alignment of documents ``a`` and ``b`` (either
        way round) take turns until their transactions end: an advisory lock of the pair,
        so that the second sees the first's alignment instead of inserting one beside it
        (no row to lock exists yet). SQLite's writers hold the database already."""
        if self.dialect == "postgresql":
            low, high = sorted((a, b))
            # Two int4 keys: a key space of the pairs', apart from ingest's and migrate's.
            key = ((low * 1_000_003 + high) & 0xFFFFFFFF) - (1 << 31)
            conn.execute(_LOCK_PAIR, {"space": _PAIR_LOCK_SPACE, "key": key})

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
                               _utc(row.created_at), _utc(row.updated_at), tuple(links))

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


# Alignment statements, built once (see the ingest statements).
_SENTENCE_IDS = (sa.select(t.sentences.c.id)
                 .where(t.sentences.c.document_id == sa.bindparam("id"))
                 .order_by(t.sentences.c.position))
_INSERT_LINKS = sa.insert(t.links).returning(t.links.c.id, sort_by_parameter_order=True)
_INSERT_LINK_SENTENCES = sa.insert(t.link_sentences)


_PAIR_LOCK_SPACE = 0x616C7061  # "alpa"
_LOCK_PAIR = sa.text("SELECT pg_advisory_xact_lock(:space, :key)")
