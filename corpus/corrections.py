"""Corrections of a stored alignment: links set by hand, their history, and undoing them.

A correction replaces every link sharing a sentence with the links a person set, and the
alignment's history (table ``corrections``) keeps what it took out and what it put in, as
stored then, so that the most recent one still in effect can be taken back exactly. A
release hands links set by hand back to the aligner, which aligns the stretch they cover
again; the history keeps it like a correction.

These functions are the bodies of ``Store.correct_links``, ``Store.corrections``,
``Store.undo_correction`` and ``Store.release_links`` (documented there; call those). They run inside the store's
transactions and write links through its alignment primitives (``_alignment_row``,
``_links``, ``_replace_links``), which stay in the store because ``save_alignment`` writes
with them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy import Connection

from alinea.align.blocks import shared_blocks
from alinea.align.types import Link, consecutive
from alinea.corpus import schema as t
from alinea.corpus.store import (
    Correction, Store, StoredLink, _around, _check_links, _in_order, _now, _sentences,
)
from alinea.corpus.store_rows import _utc
from alinea.errors import ConflictError, StoreError

__all__ = ["correct_links", "history", "undo_last", "release"]


def correct_links(store: Store, src_id: int, tgt_id: int, links: Sequence[Link],
                  by: str | None = None) -> int:
    """Record links set by a person (``Store.correct_links``); the alignment id."""
    if src_id == tgt_id:
        raise StoreError(f"document {src_id} cannot be aligned with itself")
    with store._write() as conn:
        src = store._require_document(conn, src_id)
        tgt = store._require_document(conn, tgt_id)
        _check_links(links, src.n_sentences, tgt.n_sentences)
        row = store._alignment_row(conn, src_id, tgt_id, lock=True)
        current = store._links(conn, row.id) if row is not None else []
        merged = _around([StoredLink(link, "manual", by) for link in links], current)
        signature = row.signature if row is not None else "manual"
        params = row.params if row is not None else {}
        alignment_id = store._replace_links(conn, row.id if row is not None else None, src,
                                            tgt, merged, signature, params)
        _record(conn, alignment_id, current, merged, by)
        return alignment_id


def history(store: Store, src_id: int, tgt_id: int) -> list[Correction]:
    """Every correction of the alignment, the most recent first (``Store.corrections``)."""
    c = t.corrections.c
    with store._read() as conn:
        row = store._require_alignment(conn, src_id, tgt_id)
        rows = conn.execute(sa.select(t.corrections).where(c.alignment_id == row.id)
                            .order_by(c.id.desc())).all()
    return [_correction(r) for r in rows]


def undo_last(store: Store, src_id: int, tgt_id: int, by: str | None = None) -> Correction:
    """Undo the most recent correction still in effect (``Store.undo_correction``)."""
    c = t.corrections.c
    with store._write() as conn:
        row = store._require_alignment(conn, src_id, tgt_id, lock=True)
        last = conn.execute(sa.select(t.corrections)
                            .where(c.alignment_id == row.id, c.undone_at.is_(None))
                            .order_by(c.id.desc()).limit(1)).first()
        if last is None:
            raise ConflictError(f"nothing to undo: no correction of the alignment of "
                                f"documents {src_id} and {tgt_id} is in effect")
        correction = _correction(last)
        src = store._require_document(conn, src_id)
        tgt = store._require_document(conn, tgt_id)
        restored = _undo(correction, store._links(conn, row.id), (src.lang, tgt.lang))
        store._replace_links(conn, row.id, src, tgt, restored, row.signature, row.params)
        now = _now()
        conn.execute(sa.update(t.corrections).where(c.id == correction.id)
                     .values(undone_at=now, undone_by=by))
    return replace(correction, undone_at=now, undone_by=by)


def release(store: Store, src_id: int, tgt_id: int, links: Sequence[Link] | None = None,
            by: str | None = None) -> Correction:
    """Hand manual links back to the aligner (``Store.release_links``). Each stretch is
    aligned within the paragraphs (else turns) both editions share over it, the anchors
    a whole alignment of the pair uses."""
    from alinea.align.aligner import align

    if links is not None and not links:
        raise StoreError("name the links to hand back to the aligner, or none for every "
                         "link set by hand")
    with store._read() as conn:
        row = store._require_alignment(conn, src_id, tgt_id)
        src = store._require_document(conn, src_id)
        tgt = store._require_document(conn, tgt_id)
        current = store._links(conn, row.id)
    langs = (src.lang, tgt.lang)
    chosen = _released(current, links, langs, (src_id, tgt_id))
    # The aligner runs outside the write transaction: it is the slow part. What it
    # worked on is checked again under the alignment's lock before anything is written.
    src_text, src_places = store.alignment_input(src_id)
    tgt_text, tgt_places = store.alignment_input(tgt_id)
    taken: set[int] = set()
    put: list[StoredLink] = []
    for stretch in _stretches(current, chosen):
        src_at = sorted(i for k in stretch for i in current[k].link.src)
        tgt_at = sorted(j for k in stretch for j in current[k].link.tgt)
        # The stretch keeps the anchors a whole alignment has: its paragraphs or turns,
        # when both sides of the stretch share them.
        src_blocks, tgt_blocks = shared_blocks([src_places[i] for i in src_at],
                                               [tgt_places[j] for j in tgt_at])
        made = align([src_text[i] for i in src_at], [tgt_text[j] for j in tgt_at], *langs,
                     src_blocks=src_blocks, tgt_blocks=tgt_blocks)
        taken.update(stretch)
        put += [StoredLink(Link(tuple(src_at[i] for i in link.src),
                                tuple(tgt_at[j] for j in link.tgt), link.confidence), "auto")
                for link in made.links]
    after = _in_order([sl for k, sl in enumerate(current) if k not in taken] + put)
    _check_links([sl.link for sl in after], src.n_sentences, tgt.n_sentences)
    if _sentences(after) != _sentences(current):  # the aligner's contract; never lose one
        raise StoreError("the aligner left out sentences of the stretch it was given")
    with store._write() as conn:
        row = store._require_alignment(conn, src_id, tgt_id, lock=True)
        if store._links(conn, row.id) != current:
            raise ConflictError(f"the alignment of documents {src_id} and {tgt_id} changed "
                                "while the links were being aligned again: try again")
        store._replace_links(conn, row.id, src, tgt, after, row.signature, row.params)
        recorded = _record(conn, row.id, current, after, by)
    assert recorded is not None  # manual links became automatic ones: something changed
    return recorded


def _released(current: Sequence[StoredLink], links: Sequence[Link] | None,
              langs: tuple[str, str], ids: tuple[int, int]) -> set[int]:
    """Indices in ``current`` of the manual links to hand back: ``links`` (by sentence
    positions), or every manual link. ``ConflictError`` for one that is not there or not
    manual, or when no link is manual."""
    if links is None:
        chosen = {k for k, sl in enumerate(current) if sl.origin == "manual"}
        if not chosen:
            raise ConflictError(f"no link of the alignment of documents {ids[0]} and {ids[1]} "
                                "was set by hand: there is nothing to hand back to the "
                                "aligner")
        return chosen
    where = {(sl.link.src, sl.link.tgt): k for k, sl in enumerate(current)}
    chosen = set()
    for link in links:
        name = f"{langs[0]} {list(link.src)} – {langs[1]} {list(link.tgt)}"
        k = where.get((tuple(link.src), tuple(link.tgt)))
        if k is None:
            raise ConflictError(f"link {name} is not in the alignment of documents {ids[0]} "
                                f"and {ids[1]} (it may have been corrected since): reload "
                                "and try again")
        if current[k].origin != "manual":
            raise ConflictError(f"link {name} was made by the aligner, not by hand: there "
                                "is nothing to hand back")
        chosen.add(k)
    return chosen


def _stretches(current: Sequence[StoredLink], chosen: set[int]) -> list[list[int]]:
    """The runs of links (indices in ``current``, in order) to align again: the chosen
    links with those next to them that are the aligner's 1-0 or 0-1 links (what the
    corrections had left over of the links they cut into), one run per stretch of
    consecutive links. A run whose sentences are not consecutive on a side (links set by
    hand can cross) is aligned link by link instead."""
    def leftover(sl: StoredLink) -> bool:
        return sl.origin == "auto" and not (sl.link.src and sl.link.tgt)

    marked = set(chosen)
    for k in chosen:
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(current) and j not in chosen and leftover(current[j]):
                marked.add(j)
                j += step
    runs: list[list[int]] = []
    for k in sorted(marked):
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    stretches = []
    for run in runs:
        src = sorted(i for k in run for i in current[k].link.src)
        tgt = sorted(j for k in run for j in current[k].link.tgt)
        stretches += [run] if consecutive(src) and consecutive(tgt) else [[k] for k in run]
    return stretches


def _record(conn: Connection, alignment_id: int, before: list[StoredLink],
            after: list[StoredLink], by: str | None) -> Correction | None:
    """Keep in the history what changed from ``before`` to ``after``, if anything did;
    the record kept."""
    kept = set(before) & set(after)
    replaced = [sl for sl in before if sl not in kept]
    added = [sl for sl in after if sl not in kept]
    if not replaced and not added:
        return None
    row = conn.execute(sa.insert(t.corrections).returning(t.corrections).values(
        alignment_id=alignment_id, made_at=_now(), made_by=by,
        replaced=[_link_json(sl) for sl in replaced],
        added=[_link_json(sl) for sl in added])).one()
    return _correction(row)


def _undo(correction: Correction, current: list[StoredLink], langs: tuple[str, str]
          ) -> list[StoredLink]:
    """The links ``current`` with ``correction`` undone: what it put in replaced by what it
    replaced, in document order. ``ConflictError`` if ``current`` no longer holds what it
    put in as it left it, or if the swap would take a sentence out of the alignment;
    ``langs`` (source, target) name the sides in its message."""
    name = _describe_correction(correction)
    held = set(current)
    for sl in correction.added:
        if sl in held:
            continue
        there = [other for other in current
                 if set(other.link.src) & set(sl.link.src)
                 or set(other.link.tgt) & set(sl.link.tgt)]
        now = ("; those sentences are now in "
               + ", ".join(_describe_link(o, langs) for o in there) if there else "")
        raise ConflictError(
            f"{name} cannot be undone: the alignment no longer holds the link "
            f"{_describe_link(sl, langs)} it left{now}. The alignment changed since (a re-alignment "
            "redoes the automatic links around corrections), and undoing the correction "
            "would undo that change too: correct the links by hand instead")
    if _sentences(correction.added) != _sentences(correction.replaced):
        raise ConflictError(
            f"{name} cannot be undone: it linked sentences that no link held before, and "
            "undoing it would leave them out of the alignment: correct the links by hand "
            "instead")
    added = set(correction.added)
    return _in_order([sl for sl in current if sl not in added] + list(correction.replaced))


def _describe_correction(correction: Correction) -> str:
    by = f" by {correction.made_by}" if correction.made_by else ""
    return f"correction #{correction.id} ({correction.made_at:%Y-%m-%d %H:%M} UTC{by})"


def _describe_link(sl: StoredLink, langs: tuple[str, str]) -> str:
    """``ru [1, 2] – en [1] (manual, 1.00, Anna)``: each side's language and sentence
    positions (so it reads right whichever way round the pair was asked), origin,
    confidence and who corrected it."""
    by = f", {sl.corrected_by}" if sl.corrected_by else ""
    return (f"{langs[0]} {list(sl.link.src)} – {langs[1]} {list(sl.link.tgt)} "
            f"({sl.origin}, {sl.link.confidence:.2f}{by})")


def _link_json(sl: StoredLink) -> dict[str, object]:
    """A link as the history keeps it (``corrections.replaced`` and ``.added``)."""
    return {"src": list(sl.link.src), "tgt": list(sl.link.tgt),
            "confidence": float(sl.link.confidence), "origin": sl.origin,
            "corrected_by": sl.corrected_by}


def _link_from_json(item: dict) -> StoredLink:
    return StoredLink(Link(tuple(item["src"]), tuple(item["tgt"]), float(item["confidence"])),
                      item["origin"], item["corrected_by"])


def _correction(row: sa.Row) -> Correction:
    return Correction(row.id, row.alignment_id, _utc(row.made_at), row.made_by,
                      tuple(_link_from_json(item) for item in row.replaced),
                      tuple(_link_from_json(item) for item in row.added),
                      None if row.undone_at is None else _utc(row.undone_at), row.undone_by)
