"""Structural anchors: the paragraphs and turns two editions share.

Sentences may only align within the same paragraph, or the same speaker turn, when both
editions have that structure in common. Every way into the aligner (``alinea align`` on
files or stored documents, ``alinea align --all``, ``alinea compare``, the API) describes
each sentence by its :class:`Place` and lets :func:`shared_blocks` choose the finest
anchors both editions share, so one pair of editions aligns the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Place:
    """Where a sentence is: its paragraph (0-based over the whole text) and its turn, as
    ``(turn position, speaker role)``; ``turn`` is None for a text without turns."""

    paragraph: int
    turn: tuple[int, str] | None = None


def _units(places: Sequence[Place], key: Callable[[Place], Hashable]) -> list[Hashable]:
    return [k for k, _ in groupby(places, key)]


def _by_paragraph(place: Place) -> Hashable:
    return (place.turn, place.paragraph)


def _by_turn(place: Place) -> Hashable:
    return place.turn


def shared_blocks(src: Sequence[Place] | None, tgt: Sequence[Place] | None
                  ) -> tuple[list[Hashable] | None, list[Hashable] | None]:
    """Block ids for :func:`alinea.align.aligner.align`, the finest both editions share.

    Paragraphs when both editions have the same paragraphs in the same turns (mid.ru
    editions usually do); else turns when both have the same sequence of turns (position
    and speaker role); else ``(None, None)``: the whole texts are aligned as one piece.
    """
    if not src or not tgt:
        return None, None
    if _units(src, _by_paragraph) == _units(tgt, _by_paragraph):
        return [p.paragraph for p in src], [p.paragraph for p in tgt]
    if src[0].turn is not None and tgt[0].turn is not None \
            and _units(src, _by_turn) == _units(tgt, _by_turn):
        return [p.turn for p in src], [p.turn for p in tgt]
    return None, None
