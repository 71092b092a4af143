"""Unmatched sentences hidden in merges: peel them off as explicit 1-0 / 0-1 links.

A sentence that one edition lacks costs a skip penalty on its own, but folded into a
neighbouring merge it costs almost nothing: the window embedding of the merge dilutes
it. So after the search, both ends of every 1-n and n-1 link are checked: a run of
edge sentences of the merged side that are each far from the other side on their own
(cosine below ``alone``), and whose removal brings the rest of the link closer to the
other side (by more than ``gain``), is split out. Only edges can go, so the link stays
contiguous.

On the development sets this turns captions, translator's notes and OCR debris that
the gold leaves unaligned into 0-1 links (textberg-dev +0.007 strict F1, synthetic PUD
drops +0.005), and it is how an omission in an edition shows up as an omission.

A free translation adds sentences of its own ("Gou-er snorted sarcastically." before a
line of dialogue): they are far from the source sentence too, but they belong to its
translation, and removing them leaves the link's target too short for its source. So a
split must not make the link's length cost worse by more than ``len_slack``: on a
Chinese–English literary dev set (MAC-Dev 001 and 003) that check takes strict F1
from 0.882 to 0.892, and on textberg-dev from 0.920 to 0.923.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np

from alinea.align.score_base import Prepared
from alinea.align.score_embedding import PreparedEmbedding

#: A search result: (source indices, target indices, cost) per link, in order.
Found = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def peel_gaps(found: Found, emb: PreparedEmbedding,
              bead_cost: Callable[[int, int, int, int, int, int], np.ndarray],
              skip_src: Sequence[float], skip_tgt: Sequence[float],
              shapes: Collection[tuple[int, int]], alone: float = 0.2,
              gain: float = 0.03, length: Prepared | None = None,
              len_slack: float = 0.5,
              glued: tuple[np.ndarray, np.ndarray] | None = None) -> Found:
    """``found`` with unmatched edge sentences of 1-n / n-1 links split off.

    ``shapes`` are the allowed bead shapes: a link is only shrunk to an allowed shape.
    New links get their cost from ``bead_cost`` and the skip penalties. With a
    ``length`` scorer, a split that makes the rest of the link's lengths fit worse by
    more than ``len_slack`` is not made. ``glued`` (per side, sentence ``k`` ends inside
    a bracket or quotation that a next sentence closes: see score_brackets) forbids a
    split between two glued sentences.
    """
    allowed = set(shapes) | {(1, 1)}
    out: Found = []
    for s, t, c in found:
        if len(s) == 1 and len(t) > 1:
            kept, before, after = _peel(emb.x, emb.y, s[0], list(t), allowed, alone, gain, False)
        elif len(t) == 1 and len(s) > 1:
            kept, before, after = _peel(emb.y, emb.x, t[0], list(s), allowed, alone, gain, True)
        else:
            out.append((s, t, c))
            continue
        if not before and not after:
            out.append((s, t, c))
            continue
        many_src = len(s) > 1
        if glued is not None and _cuts_glue(glued[0] if many_src else glued[1],
                                            before, kept, after):
            out.append((s, t, c))    # the split would cut a quotation or bracket
            continue

        def lone(e: int) -> tuple[tuple[int, ...], tuple[int, ...], float]:
            return ((e,), (), float(skip_src[e])) if many_src else ((), (e,), float(skip_tgt[e]))

        src, tgt = (tuple(kept), t) if many_src else (s, tuple(kept))
        a, b = len(src), len(tgt)
        if length is not None and (
                float(length.block(a, b, src[0], src[0] + 1, tgt[0], tgt[0] + 1)[0, 0])
                - float(length.block(len(s), len(t), s[0], s[0] + 1, t[0], t[0] + 1)[0, 0])
                > len_slack):
            out.append((s, t, c))    # the lengths say the sentence is part of the link
            continue
        out.extend(lone(e) for e in before)
        out.append((src, tgt, float(bead_cost(a, b, src[0], src[0] + 1, tgt[0], tgt[0] + 1)[0, 0])))
        out.extend(lone(e) for e in sorted(after))
    return out


def _cuts_glue(glue: np.ndarray, before: list[int], kept: list[int], after: list[int]
               ) -> bool:
    return bool((before and glue[before[-1]]) or (after and glue[kept[-1]]))


def _peel(one_side: dict[int, np.ndarray], many_side: dict[int, np.ndarray], one: int,
          many: list[int], allowed: set[tuple[int, int]], alone: float, gain: float,
          many_is_src: bool) -> tuple[list[int], list[int], list[int]]:
    """(kept, peeled from the front, peeled from the back) for one 1-n link.

    From each end, the longest run of sentences that are each far from the other side
    is peeled off if the rest is closer to it than the whole link; else a shorter run.
    """
    anchor = one_side[1][one].astype(np.float32)
    far = [float(anchor @ many_side[1][e]) < alone for e in many]
    peeled: dict[bool, list[int]] = {True: [], False: []}
    for front in (True, False):
        k = len(many)
        full = float(anchor @ many_side[k][many[0]])
        run = 0
        order = range(k) if front else range(k - 1, -1, -1)
        for pos in order:
            if not far[pos] or run == k - 1:
                break
            run += 1
        for t in range(run, 0, -1):
            rest = many[t:] if front else many[:k - t]
            shape = (len(rest), 1) if many_is_src else (1, len(rest))
            if shape not in allowed:
                continue
            if float(anchor @ many_side[len(rest)][rest[0]]) - full > gain:
                peeled[front] = many[:t] if front else many[k - t:]
                many, far = rest, (far[t:] if front else far[:k - t])
                break
    return many, peeled[True], peeled[False]
