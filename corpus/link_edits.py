"""Corrections a person makes to an alignment: merge, split, re-link, mark as checked.

The store records corrections as links (``Store.correct_links``): each replaces every link
sharing a sentence with it and survives re-alignment. This module turns the four edits the
viewer offers into such links, so that the alignment stays complete (every sentence in
exactly one link) after each edit:

- **merge** two or more consecutive links into one;
- **split** one link into two at a sentence boundary on each side;
- **re-link**: set a link by hand; what the links it overlaps had left over becomes
  links of its own (a leftover with sentences on one side only is a 1-0 or 0-1 link);
- **check**: confirm links as they are (confidence 1, made by a person).

The edit names the links it works on exactly as the client saw them, so an edit made on a
page loaded before someone else's correction is refused instead of applied to the wrong
links. ``apply_edit`` is pure; ``edit_alignment`` reads and writes the store.

Every correction is kept in the alignment's history; ``correction_history`` lists it,
``undo_correction`` takes back the most recent one still in effect and ``release_links``
hands links set by hand back to the aligner (``Store.corrections``,
``Store.undo_correction`` and ``Store.release_links``, seen from the side the pair is asked
from).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from alinea.align.types import Link, consecutive
from alinea.corpus.aligned_pairs import DocumentAlignment, load_alignment
from alinea.corpus.store import Correction, DocumentInfo, Store, StoredLink, StoredSentence
from alinea.errors import ConflictError, StoreError

__all__ = ["EditOp", "LinkEdit", "EditResult", "CorrectionView", "apply_edit",
           "edit_alignment", "correction_history", "undo_correction", "release_links"]

EditOp = Literal["merge", "split", "relink", "check"]

#: The confidence of a link a person made or confirmed.
CHECKED = 1.0


@dataclass(frozen=True)
class LinkEdit:
    """One correction. ``links`` are the links it works on (merge, split, check) or the
    link(s) to set (relink), by 0-based sentence positions; ``split_at`` is, for a split,
    how many source and target sentences stay in the first part."""

    op: EditOp
    links: tuple[Link, ...]
    split_at: tuple[int, int] | None = None


@dataclass(frozen=True)
class EditResult:
    """What an edit stored: the alignment, and the links recorded as corrections
    (oriented as the edit was asked, source first)."""

    alignment_id: int
    op: EditOp
    links: tuple[Link, ...]


def _key(link: Link) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (tuple(link.src), tuple(link.tgt))


def _show(link: Link) -> str:
    return f"{list(link.src)}-{list(link.tgt)}"


def _find(current: Sequence[Link], wanted: Sequence[Link]) -> list[int]:
    """Indices in ``current`` of the ``wanted`` links; ``ConflictError`` for one that is not
    there (a page loaded before another correction)."""
    where = {_key(link): i for i, link in enumerate(current)}
    found = []
    for link in wanted:
        index = where.get(_key(link))
        if index is None:
            # The request is well formed; it names links the stored state no longer has.
            raise ConflictError(f"link {_show(link)} is not in the current alignment (it may "
                             "have been corrected since the page was loaded): reload and "
                             "try again")
        found.append(index)
    if len(set(found)) != len(found):
        raise StoreError("the same link is named twice")
    return found


def _merge(current: Sequence[Link], edit: LinkEdit) -> list[Link]:
    if len(edit.links) < 2:
        raise StoreError("a merge needs at least two links")
    indices = sorted(_find(current, edit.links))
    if indices != list(range(indices[0], indices[0] + len(indices))):
        raise StoreError("only consecutive links can be merged: "
                         + ", ".join(_show(current[i]) for i in indices) + " are not")
    src = sorted(i for k in indices for i in current[k].src)
    tgt = sorted(j for k in indices for j in current[k].tgt)
    if not (consecutive(src) and consecutive(tgt)):
        raise StoreError("these links do not cover consecutive sentences on both sides, so "
                         "they cannot become one link")
    return [Link(tuple(src), tuple(tgt), CHECKED)]


def _split(current: Sequence[Link], edit: LinkEdit) -> list[Link]:
    if len(edit.links) != 1 or edit.split_at is None:
        raise StoreError("a split needs one link and where to split it (split_at)")
    (index,) = _find(current, edit.links)
    link = current[index]
    n_src, n_tgt = edit.split_at
    if not (0 <= n_src <= len(link.src) and 0 <= n_tgt <= len(link.tgt)):
        raise StoreError(f"cannot split {_show(link)} after {n_src} source and {n_tgt} "
                         "target sentences: it does not have that many")
    first = Link(link.src[:n_src], link.tgt[:n_tgt], CHECKED)
    second = Link(link.src[n_src:], link.tgt[n_tgt:], CHECKED)
    if not (first.src or first.tgt) or not (second.src or second.tgt):
        raise StoreError(f"splitting {_show(link)} after {n_src} source and {n_tgt} target "
                         "sentences leaves one part empty: split inside the link")
    return [first, second]


def _relink(current: Sequence[Link], edit: LinkEdit) -> list[Link]:
    if not edit.links:
        raise StoreError("a re-link needs the link(s) to set")
    new = [Link(tuple(sorted(l.src)), tuple(sorted(l.tgt)), CHECKED) for l in edit.links]
    src_taken: set[int] = set()
    tgt_taken: set[int] = set()
    for link in new:
        if not link.src and not link.tgt:
            raise StoreError("a link needs at least one sentence on one side")
        if not (consecutive(link.src) and consecutive(link.tgt)):
            raise StoreError(f"link {_show(link)}: the sentences on each side must be "
                             "consecutive")
        if src_taken & set(link.src) or tgt_taken & set(link.tgt):
            raise StoreError(f"link {_show(link)} shares sentences with another new link")
        src_taken |= set(link.src)
        tgt_taken |= set(link.tgt)
    leftovers = []
    for link in current:
        if set(link.src) & src_taken or set(link.tgt) & tgt_taken:
            leftovers += link.without(src_taken, tgt_taken)
    return new + leftovers


def _check(current: Sequence[Link], edit: LinkEdit) -> list[Link]:
    if not edit.links:
        raise StoreError("name the link(s) to mark as checked")
    return [Link(current[i].src, current[i].tgt, CHECKED) for i in _find(current, edit.links)]


_EDITS = {"merge": _merge, "split": _split, "relink": _relink, "check": _check}


def apply_edit(current: Sequence[Link], edit: LinkEdit) -> list[Link]:
    """The links to record as corrections for ``edit`` on the alignment ``current``.

    ``ConflictError`` for links that are not in ``current``; ``StoreError`` (with what to
    do) when the edit cannot be made otherwise: a merge of links that are not consecutive, a split that leaves a part
    empty, a re-link whose sides are not consecutive sentences.
    """
    try:
        make = _EDITS[edit.op]
    except KeyError:
        raise StoreError(f"unknown edit {edit.op!r}: use one of {', '.join(_EDITS)}") from None
    return make(current, edit)


def edit_alignment(store: Store, src_id: int, tgt_id: int, edit: LinkEdit,
                   by: str | None = None) -> EditResult:
    """Apply ``edit`` to the stored alignment of two documents and record it.

    Positions are those of ``src_id`` and ``tgt_id`` as given, whichever way round the
    alignment is stored. ``NotFoundError`` if the documents have no alignment.
    """
    alignment = load_alignment(store, src_id, tgt_id)
    current = [sl.link for sl in alignment.stored.links]
    if alignment.flipped:
        current = [link.reversed() for link in current]
    links = apply_edit(current, edit)
    stored = links
    if alignment.flipped:
        stored = [link.reversed() for link in links]
    alignment_id = store.correct_links(alignment.stored.src_document_id,
                                       alignment.stored.tgt_document_id, stored, by=by)
    return EditResult(alignment_id, edit.op, tuple(links))


@dataclass(frozen=True)
class CorrectionView:
    """Corrections of two documents' alignment as asked, ``src`` on the left, with both
    documents and their sentences (by position) to show each link's text."""

    src: DocumentInfo
    tgt: DocumentInfo
    src_sentences: tuple[StoredSentence, ...]
    tgt_sentences: tuple[StoredSentence, ...]
    corrections: tuple[Correction, ...]


def correction_history(store: Store, src_id: int, tgt_id: int) -> CorrectionView:
    """The corrections of the alignment of two documents, the most recent first, with
    positions of ``src_id`` and ``tgt_id`` as given, whichever way round the alignment is
    stored. ``NotFoundError`` if they have no alignment."""
    alignment = load_alignment(store, src_id, tgt_id)
    history = store.corrections(alignment.stored.src_document_id,
                                alignment.stored.tgt_document_id)
    return _view(alignment, history)


def undo_correction(store: Store, src_id: int, tgt_id: int, by: str | None = None
                    ) -> CorrectionView:
    """Undo the most recent correction of the two documents' alignment still in effect
    (``Store.undo_correction``); the view holds that one correction, with positions of
    ``src_id`` and ``tgt_id`` as given. ``ConflictError`` when there is nothing to undo
    or it cannot be undone, ``NotFoundError`` if the documents have no alignment."""
    alignment = load_alignment(store, src_id, tgt_id)
    undone = store.undo_correction(alignment.stored.src_document_id,
                                   alignment.stored.tgt_document_id, by=by)
    return _view(alignment, [undone])


def release_links(store: Store, src_id: int, tgt_id: int,
                  links: Sequence[Link] | None = None, by: str | None = None
                  ) -> CorrectionView:
    """Hand ``links`` (positions of ``src_id`` and ``tgt_id`` as given), or every link set
    by hand, back to the aligner (``Store.release_links``); the view holds the release as
    the history records it. ``ConflictError`` when a link is not there or not manual, or
    none is manual; ``NotFoundError`` if the documents have no alignment."""
    alignment = load_alignment(store, src_id, tgt_id)
    if links is not None and alignment.flipped:
        links = [link.reversed() for link in links]
    released = store.release_links(alignment.stored.src_document_id,
                                   alignment.stored.tgt_document_id, links, by=by)
    return _view(alignment, [released])


def _view(alignment: DocumentAlignment, corrections: Sequence[Correction]) -> CorrectionView:
    if alignment.flipped:
        corrections = [_turned(c) for c in corrections]
    return CorrectionView(alignment.src, alignment.tgt, alignment.src_sentences,
                          alignment.tgt_sentences, tuple(corrections))


def _turned(correction: Correction) -> Correction:
    """The correction seen from the other side: source and target swapped in every link."""
    def turn(sl: StoredLink) -> StoredLink:
        return StoredLink(sl.link.reversed(), sl.origin, sl.corrected_by)

    return replace(correction, replaced=tuple(turn(sl) for sl in correction.replaced),
                   added=tuple(turn(sl) for sl in correction.added))
