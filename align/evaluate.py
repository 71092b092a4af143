"""Scoring alignments against gold, in vecalign's semantics (Thompson & Koehn 2019).

- *Precision* counts every test bead (insertions and deletions included): a bead is a
  strict hit if the identical bead is in the gold, and a lax hit if it shares at least
  one source sentence with a gold bead whose target side meets the test bead's target.
- *Recall* is the same computation with gold and test swapped, after dropping beads
  with an empty side from both.
- F1 is the harmonic mean; both are micro-averaged over all documents of a set.

Gold files are vecalign bead lines (``[0]:[0, 1]``) or hunalign ladders (``i j`` rungs).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alinea import __version__
from alinea.align.types import Alignment
from alinea.corpus.decode import read_text_file
from alinea.errors import InputError

Bead = tuple[tuple[int, ...], tuple[int, ...]]

_BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())


def parse_beads(text: str, path: str | Path | None = None) -> list[Bead]:
    """Beads from vecalign bead lines (anything after the closing bracket is ignored)."""
    out: list[Bead] = []
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _BEAD_LINE.match(line)
        if not m:
            raise InputError(f"not a bead line like '[0]:[0, 1]': {line.strip()[:60]!r}",
                             path, no)
        out.append((_ints(m.group(1)), _ints(m.group(2))))
    return out


def parse_ladder(text: str, path: str | Path | None = None) -> list[Bead]:
    """Beads from a hunalign ladder: consecutive rungs ``(i1 j1) → (i2 j2)``.

    A ladder lists cumulative positions; the bead between two rungs is
    ``[i1..i2-1]:[j1..j2-1]``. A third column (hunalign's score) is ignored.
    """
    rungs: list[tuple[int, int]] = []
    for no, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        try:
            i, j = int(parts[0]), int(parts[1])
        except (ValueError, IndexError):
            raise InputError(f"not a ladder rung 'i j': {line.strip()[:60]!r}", path, no) from None
        if rungs and (i < rungs[-1][0] or j < rungs[-1][1]):
            raise InputError(f"ladder goes backwards at rung {i} {j}", path, no)
        rungs.append((i, j))
    if rungs and rungs[0] != (0, 0):
        rungs.insert(0, (0, 0))
    beads: list[Bead] = []
    for (i1, j1), (i2, j2) in zip(rungs, rungs[1:]):
        if (i1, j1) != (i2, j2):
            beads.append((tuple(range(i1, i2)), tuple(range(j1, j2))))
    return beads


def read_gold(path: str | Path) -> list[Bead]:
    """Read a gold file, bead lines or ladder, whichever it is (UTF-8, or UTF-16/32 with
    a BOM, as every text input)."""
    p = Path(path)
    text = read_text_file(p)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        raise InputError("file is empty: no beads to read", p)
    if first.lstrip().startswith("["):
        return parse_beads(text, p)
    return parse_ladder(text, p)


def beads_of(alignment: Alignment | Iterable[Bead]) -> list[Bead]:
    """The beads of an :class:`Alignment` (or pass beads through)."""
    if isinstance(alignment, Alignment):
        return [(tuple(link.src), tuple(link.tgt)) for link in alignment.links]
    return [(tuple(s), tuple(t)) for s, t in alignment]


def _counts(gold: Sequence[Bead], test: Sequence[Bead]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` beads against ``gold``."""
    gold_set = {g for g in gold if g[0] or g[1]}
    tgt_of_src: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for i in gs:
            tgt_of_src[i].update(gt)
    sh = sm = lh = lm = 0
    for bead in {t for t in test if t[0] or t[1]}:
        if bead in gold_set:
            sh += 1
            lh += 1
            continue
        sm += 1
        reach: set[int] = set()
        for i in bead[0]:
            reach |= tgt_of_src.get(i, set())
        if reach.intersection(bead[1]):
            lh += 1
        else:
            lm += 1
    return sh, sm, lh, lm


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1 (vecalign's definitions)."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float
    n_test: int
    n_gold: int
    signature: str = ""

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead] | Alignment]]) -> Scores:
    """Micro-averaged scores over ``(gold, test)`` pairs, one per document."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    n_test = n_gold = 0
    for gold, test in pairs:
        g, t = beads_of(gold), beads_of(test)
        n_test += len(t)
        n_gold += len(g)
        for k, v in enumerate(_counts(g, t)):
            p[k] += v
        g2 = [b for b in g if b[0] and b[1]]
        t2 = [b for b in t if b[0] and b[1]]
        for k, v in enumerate(_counts(t2, g2)):
            r[k] += v

    def ratio(hit: int, miss: int) -> float:
        return hit / (hit + miss) if hit + miss else 0.0

    sp, sr = ratio(p[0], p[1]), ratio(r[0], r[1])
    lp, lr = ratio(p[2], p[3]), ratio(r[2], r[3])
    return Scores(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr), n_test, n_gold,
                  signature=f"eval:vecalign-strict-lax|alinea:{__version__}")


def score_one(gold: Sequence[Bead], test: Sequence[Bead] | Alignment) -> Scores:
    """Scores of one document."""
    return score([(gold, test)])
