"""Edition groups in the corpus store: matching, linking by hand, pairs to align, the
original or translation status a group tells, and deleting a document version."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy import Connection

from alinea.align.blocks import Place
from alinea.corpus import editions as matching
from alinea.corpus import schema as t
from alinea.corpus.model import translation_status
from alinea.corpus.store_base import StoreBase
from alinea.corpus.store_results import (
    DeletedDocument, DocumentInfo, EditionGroup, EditionPair,
)
from alinea.corpus.store_rows import _info, _info_select, _now
from alinea.errors import NotFoundError, StoreError


def _orient(a: sa.Row, b: sa.Row, is_translation: dict[int, bool | None]
            ) -> tuple[sa.Row, sa.Row]:
    """Source first: the original edition when known (``is_translation`` by document id,
    from ``model.translation_status`` of its group), else the lower language code."""

    def rank(d: sa.Row) -> tuple[int, str, int]:
        return (0 if is_translation[d.id] is False else 1, d.lang, d.id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), size):
        yield items[i: i + size]


class EditionsMixin(StoreBase):
    """``Store``'s edition groups and pairs."""

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
        self._match_blocks(embed, threshold, everything=everything)
        return self.edition_groups()

    def match_document(self, document_id: int, embed: matching.Embedder | None = None,
                       threshold: float = matching.DEFAULT_THRESHOLD) -> int | None:
        """``match_editions`` for the one block of ``document_id``'s date and kind (what
        one upload adds), without reading the rest of the corpus; the document's edition
        group id afterwards, or None."""
        d = t.documents.c
        info = self.document(document_id)
        if info.edition_group_id is None and info.date:
            self._match_blocks(embed, threshold,
                               block=(d.date == info.date) & (d.kind == info.kind))
        return self.document(document_id).edition_group_id

    def _match_blocks(self, embed: matching.Embedder | None, threshold: float, *,
                      everything: bool = False, block: sa.ColumnElement[bool] | None = None
                      ) -> None:
        """The body of ``match_editions``: over the whole corpus, or the documents
        ``block`` selects."""
        d = t.documents.c
        with self._read() as conn:
            stmt = (sa.select(d.id, d.lang, d.date, d.kind, d.edition_group_id, d.group_method)
                    .where(d.is_current, sa.or_(d.group_method.is_(None),
                                                d.group_method != "manual")))
            docs = conn.execute(stmt if block is None else stmt.where(block)).all()
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
        return [pair for pairs in self.edition_pairs_by_group(group_id).values()
                for pair in pairs]

    def edition_pairs_by_group(self, group_id: int | None = None
                               ) -> dict[int, list[EditionPair]]:
        """``edition_pairs`` by the id of the group they are in (groups of one language
        have none), in group order."""
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
        pairs: dict[int, list[EditionPair]] = {}
        for gid, members in groups.items():
            is_translation = dict(zip((m.id for m in members), translation_status(members)))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a.lang == b.lang:
                        continue
                    src, tgt = _orient(a, b, is_translation)
                    if (src.id, tgt.id) not in aligned and (tgt.id, src.id) in aligned:
                        src, tgt = tgt, src  # an alignment stored the other way round
                    pairs.setdefault(gid, []).append(EditionPair(
                        src.id, tgt.id, src.lang, tgt.lang, aligned.get((src.id, tgt.id))))
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
