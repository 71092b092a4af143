"""Corrections of a stored alignment: links set by hand, their history, and undoing them.

A correction replaces every link sharing a sentence with the links a person set, and the
alignment's history (table ``corrections``) keeps what it took out and what it put in, as
stored then, so that the most recent one still in effect can be taken back exactly.

These functions are the bodies of ``Store.correct_links``, ``Store.corrections`` and
``Store.undo_correction`` (documented there; call those). They run inside the store's
transactions and write links through its alignment primitives (``_alignment_row``,
``_links``, ``_replace_links``), which stay in the store because ``save_alignment`` writes
with them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from alinea.align.types import Link
from alinea.corpus import schema as t
from alinea.corpus.store import (
    Correction, Store, StoredLink, _around, _check_links, _in_order, _now, _sentences,
)
from alinea.errors import ConflictError, StoreError

__all__ = ["correct_links", "history", "undo_last"]


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


def _record(conn: Connection, alignment_id: int, before: list[StoredLink],
            after: list[StoredLink], by: str | None) -> None:
    """Keep in the history what changed from ``before`` to ``after``, if anything did."""
    kept = set(before) & set(after)
    replaced = [sl for sl in before if sl not in kept]
    added = [sl for sl in after if sl not in kept]
    if not replaced and not added:
        return
    conn.execute(sa.insert(t.corrections).values(
        alignment_id=alignment_id, made_at=_now(), made_by=by,
        replaced=[_link_json(sl) for sl in replaced],
        added=[_link_json(sl) for sl in added]))


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


def _utc(moment: datetime) -> datetime:
    """A stored time as an aware UTC datetime: SQLite gives them back naive."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _correction(row: sa.Row) -> Correction:
    return Correction(row.id, row.alignment_id, _utc(row.made_at), row.made_by,
                      tuple(_link_from_json(item) for item in row.replaced),
                      tuple(_link_from_json(item) for item in row.added),
                      None if row.undone_at is None else _utc(row.undone_at), row.undone_by)
