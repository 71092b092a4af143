"""Dynamic-programming search for the cheapest monotone path of beads, inside a band.

Cell ``(i, j)`` of the lattice means "the first ``i`` source and ``j`` target sentences
are aligned". A bead ``(a, b)`` steps from ``(i - a, j - b)`` to ``(i, j)`` and costs
``bead_cost(a, b, ...)``; 1-0 and 0-1 beads cost a per-sentence skip penalty.

Only the cells of a band are visited: for every row ``i``, columns ``lo[i]..hi[i]``. The
band comes from a coarser alignment (see :func:`band_around`), which keeps the work
proportional to the document length times the band width instead of ``n * m``
(vecalign's recursive downsampling works the same way). Rows are processed in order,
with numpy across the columns of a row; the 0-1 (insertion) moves inside a row become a
running minimum, so no Python loop runs per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from alinea.errors import AlignError

#: ``bead_cost(a, b, r0, r1, c0, c1)`` → ``(r1 - r0, c1 - c0)`` costs of the bead that
#: joins source window ``src[r : r + a]`` with target window ``tgt[c : c + b]``.
BlockCost = Callable[[int, int, int, int, int, int], np.ndarray]

# Rows per block of bead costs: small enough that a block hugs the band (blocks are
# rectangles, the band a diagonal strip), large enough to amortise the per-call cost.
_CHUNK_ROWS = 32


@dataclass(frozen=True)
class Lattice:
    """The band a search went through, with what every move cost there.

    Row ``i`` holds columns ``lo[i]..hi[i]``, stored flat from ``off[i]``;
    ``costs[k, cell]`` is the cost of move ``moves[k]`` (0-1, 1-0, then the bead shapes)
    ending at that cell, inf where it cannot, in float32 (a fifth of a long pair's peak
    memory in float64). :mod:`alinea.align.posterior` reads it.
    """

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray
    off: np.ndarray
    moves: tuple[tuple[int, int], ...]
    costs: np.ndarray

    def cell(self, i: int, j: int) -> int:
        """The flat index of cell (i, j); -1 when it lies outside the band."""
        if not (0 <= i <= self.n and self.lo[i] <= j <= self.hi[i]):
            return -1
        return int(self.off[i] + j - self.lo[i])

    def at(self, values: np.ndarray, i: int, c0: int, c1: int,
           out: np.ndarray | None = None) -> np.ndarray:
        """``values`` (one per cell) at row ``i``, columns ``c0..c1``, inf outside the
        band; written into ``out`` (inf already) when given."""
        if out is None:
            out = np.full(c1 - c0 + 1, np.inf)
        if 0 <= i <= self.n:
            row_into(values[int(self.off[i]):int(self.off[i + 1])], int(self.lo[i]), c0, c1, out)
        return out


def row_into(row: np.ndarray, lo: int, c0: int, c1: int, out: np.ndarray) -> None:
    """Write ``row`` (one row of a band, its first value at column ``lo``) at columns
    ``c0..c1`` into ``out``, where the row has them."""
    x0, x1 = max(lo, c0), min(lo + len(row) - 1, c1)
    if x1 >= x0:
        out[x0 - c0:x1 - c0 + 1] = row[x0 - lo:x1 - lo + 1]


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The whole lattice: every row spans columns ``0..m``."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def band_around(path: Sequence[tuple[int, int]], n: int, m: int, radius: int
                ) -> tuple[np.ndarray, np.ndarray]:
    """A monotone band of half-width ``radius`` around lattice points ``path`` of (n, m).

    ``path`` lists cells ``(i, j)`` (already in fine coordinates, from ``(0, 0)`` to
    ``(n, m)``); consecutive points may be far apart, and the rectangle between them is
    covered too, so the band always joins ``(0, 0)`` to ``(n, m)``.
    """
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    pts = list(path)
    if not pts or pts[0] != (0, 0):
        pts.insert(0, (0, 0))
    if pts[-1] != (n, m):
        pts.append((n, m))
    for (i0, j0), (i1, j1) in zip(pts, pts[1:]):
        a, b = min(i0, i1), max(i0, i1)
        r0, r1 = max(0, a - radius), min(n, b + radius)
        c0, c1 = max(0, min(j0, j1) - radius), min(m, max(j0, j1) + radius)
        np.minimum(lo[r0:r1 + 1], c0, out=lo[r0:r1 + 1])
        np.maximum(hi[r0:r1 + 1], c1, out=hi[r0:r1 + 1])
    # monotone edges: lo non-decreasing (suffix minimum), hi non-decreasing (prefix max)
    lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    hi = np.maximum(hi, lo)
    return lo, hi


Path = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def search(n: int, m: int, beads: Sequence[tuple[int, int]], bead_cost: BlockCost,
           skip_src: np.ndarray | float, skip_tgt: np.ndarray | float,
           band: tuple[np.ndarray, np.ndarray] | None = None) -> Path:
    """The cheapest path as beads ``(src indices, tgt indices, bead cost)``, in order.

    ``beads`` lists the n-m bead shapes with both sides non-empty; 1-0 and 0-1 are always
    allowed, at ``skip_src[i]`` / ``skip_tgt[j]`` per skipped sentence (or a constant).
    """
    return _search(n, m, beads, bead_cost, skip_src, skip_tgt, band, keep=False)[0]


def search_lattice(n: int, m: int, beads: Sequence[tuple[int, int]], bead_cost: BlockCost,
                   skip_src: np.ndarray | float, skip_tgt: np.ndarray | float,
                   band: tuple[np.ndarray, np.ndarray] | None = None
                   ) -> tuple[Path, Lattice]:
    """:func:`search`, and the :class:`Lattice` of every move's cost in its band."""
    path, lattice = _search(n, m, beads, bead_cost, skip_src, skip_tgt, band, keep=True)
    assert lattice is not None
    return path, lattice


def _search(n, m, beads, bead_cost, skip_src, skip_tgt, band, keep: bool
            ) -> tuple[Path, Lattice | None]:
    lo, hi = band if band is not None else full_band(n, m)
    if lo.shape != (n + 1,) or hi.shape != (n + 1,) or lo[0] != 0 or hi[n] != m:
        raise AlignError("internal: band does not join (0, 0) to the final cell")
    skip_src = np.broadcast_to(np.asarray(skip_src, dtype=np.float64), (n,))
    skip_tgt = np.broadcast_to(np.asarray(skip_tgt, dtype=np.float64), (m,))
    cum_tgt = np.concatenate([[0.0], np.cumsum(skip_tgt)])

    width = hi - lo + 1
    off = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(width, out=off[1:])
    total = int(off[n + 1])
    cost = np.full(total, np.inf, dtype=np.float64)
    # back[k]: index into moves (0 = 0-1, 1 = 1-0, 2.. = beads); -1 at the origin
    back = np.full(total, -1, dtype=np.int8)
    moves = [(0, 1), (1, 0)] + [tuple(bd) for bd in beads]
    if len(moves) > 127:
        raise AlignError("internal: too many bead shapes")

    # what each move costs at the cell it ends in, when the lattice is asked for
    kept = np.full((len(moves), total), np.inf, dtype=np.float32) if keep else None
    max_a = max([a for a, _ in moves] + [1])
    max_b = max([b for _, b in moves] + [1])
    for r0 in range(0, n + 1, _CHUNK_ROWS):
        r1 = min(n + 1, r0 + _CHUNK_ROWS)
        # blocks[k]: costs of bead k for window starts (rows r0-a.., cols lo_min-b..),
        # padded with inf where a window would start before 0 or run past the end
        blocks = {}
        jmin, jmax = int(lo[r0:r1].min()), int(hi[r0:r1].max())
        for k, (a, b) in enumerate(moves[2:], start=2):
            s0, s1 = r0 - a, r1 - a
            c0, c1 = jmin - b, jmax - b + 1
            blk = np.full((s1 - s0, c1 - c0), np.inf)
            vs0, vs1 = max(0, s0), min(n - a + 1, s1)
            vc0, vc1 = max(0, c0), min(m - b + 1, c1)
            if vs1 > vs0 and vc1 > vc0:
                blk[vs0 - s0:vs1 - s0, vc0 - c0:vc1 - c0] = bead_cost(a, b, vs0, vs1, vc0, vc1)
            blocks[k] = (s0, c0, blk)
        for i in range(r0, r1):
            l_i, h_i = int(lo[i]), int(hi[i])
            w = h_i - l_i + 1
            best = np.full(w, np.inf)
            arg = np.full(w, -1, dtype=np.int8)
            if i == 0:
                if l_i == 0:
                    best[0] = 0.0
            else:
                # prev[a][x] = cost[i - a, l_i - max_b + x], inf outside that row's band
                prev = {}
                for a in range(1, min(max_a, i) + 1):
                    row = np.full(w + max_b, np.inf)
                    ra = i - a
                    x0 = max(int(lo[ra]), l_i - max_b)
                    x1 = min(int(hi[ra]), h_i)
                    if x1 >= x0:
                        src0 = off[ra] + (x0 - lo[ra])
                        row[x0 - (l_i - max_b):x1 - (l_i - max_b) + 1] = cost[src0:src0 + x1 - x0 + 1]
                    prev[a] = row
                # 1-0: from (i-1, j)
                cand = prev[1][max_b:max_b + w] + skip_src[i - 1]
                better = cand < best
                best = np.where(better, cand, best)
                arg[better] = 1
                if kept is not None:
                    kept[1, off[i]:off[i] + w] = skip_src[i - 1]
                for k, (s0, c0, blk) in blocks.items():
                    a, b = moves[k]
                    if i < a:
                        continue
                    step = blk[i - a - s0, l_i - b - c0:h_i - b - c0 + 1]
                    cand = prev[a][max_b - b:max_b - b + w] + step
                    better = cand < best
                    best = np.where(better, cand, best)
                    arg[better] = k
                    if kept is not None:
                        kept[k, off[i]:off[i] + w] = step
            # 0-1 moves inside the row: best[j] = min_k<=j best[k] + skip(k..j-1)
            ct = cum_tgt[l_i:h_i + 1]
            if kept is not None and l_i + 1 <= h_i:
                kept[0, off[i] + 1:off[i] + w] = skip_tgt[l_i:h_i]
            shifted = best - ct
            run = np.minimum.accumulate(shifted)
            took = run < shifted
            best = np.where(took, run + ct, best)
            arg[took] = 0
            cost[off[i]:off[i] + w] = best
            back[off[i]:off[i] + w] = arg

    final = cost[off[n] + (m - lo[n])]
    if not np.isfinite(final):
        raise AlignError("internal: no path through the search band")
    # backtrace
    out: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        kk = int(back[off[i] + (j - lo[i])])
        if kk < 0:
            raise AlignError("internal: broken back-pointer")
        a, b = moves[kk]
        here = cost[off[i] + (j - lo[i])]
        there = cost[off[i - a] + (j - b - lo[i - a])]
        out.append((tuple(range(i - a, i)), tuple(range(j - b, j)), float(here - there)))
        i, j = i - a, j - b
    out.reverse()
    lattice = Lattice(n, m, lo, hi, off, tuple(moves), kept) if kept is not None else None
    return out, lattice


