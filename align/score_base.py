"""The interface every sentence-pair scorer implements (one scorer per ``score_*.py``).

A scorer is set up once per document pair (``prepare``) and then asked for costs of
whole blocks of candidate beads at a time, because the search works row-chunk by
row-chunk and a block is one matrix product for the embedding scorer.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class Prepared(ABC):
    """A scorer bound to one source and one target document."""

    @abstractmethod
    def block(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Costs ``(r1 - r0, c1 - c0)`` of joining ``src[r:r+a]`` with ``tgt[c:c+b]``.

        Lower is better; about 0 for a typical right bead and about 1 for a random pair.
        """

    def skip_costs(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Extra cost ``(per source sentence, per target sentence)`` of leaving a
        sentence unaligned (1-0 / 0-1), or None when this scorer has no opinion."""
        return None


class Scorer(ABC):
    """Makes a :class:`Prepared` for a document pair; ``name`` goes into signatures."""

    name: str = "?"

    @abstractmethod
    def prepare(self, src: Sequence[str], tgt: Sequence[str], src_lang: str,
                tgt_lang: str) -> Prepared:
        """Precompute what the scorer needs for these two documents."""
