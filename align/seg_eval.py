"""Sentence-boundary precision, recall and F1 against a gold segmentation.

A boundary is the number of non-whitespace characters before a sentence end, so a
segmenter is judged on *where* it splits, not on how it trims whitespace. Only
boundaries inside a paragraph are scored: paragraph ends are given to every segmenter
(see ``shared/data/seg-gold/README.md``). TP/FP/FN are summed over all paragraphs of a
language before P/R/F1 are computed (micro-average).

The gold format is the one of ``seg-gold/<lang>.jsonl``: one unit per line with
``text`` (paragraphs joined by ``\\n``), ``sentences`` and, when a unit has more than one
paragraph, ``paragraph_sizes``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from alinea.errors import SegmentError

__all__ = [
    "BoundaryScore",
    "GoldParagraph",
    "Timed",
    "boundaries",
    "evaluate",
    "load_gold",
    "score_paragraph",
]


@dataclass(frozen=True)
class BoundaryScore:
    """Counts of boundary decisions; P/R/F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: BoundaryScore) -> BoundaryScore:
        return BoundaryScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of predicted boundaries that are in the gold (1.0 when none predicted)."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold boundaries that were predicted (1.0 when the gold has none)."""
        gold = self.tp + self.fn
        return self.tp / gold if gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GoldParagraph:
    """One paragraph of gold: its text and its sentences, in order."""

    unit_id: str
    treebank: str
    text: str
    sentences: tuple[str, ...]


def _nonspace_len(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def boundaries(sentences: Iterable[str]) -> set[int]:
    """Inner boundaries of a paragraph: non-space characters before each sentence end.

    The paragraph's own end is left out, since it is never in question.
    """
    ends: list[int] = []
    count = 0
    for sentence in sentences:
        count += _nonspace_len(sentence)
        ends.append(count)
    return set(ends[:-1])


def score_paragraph(gold: Sequence[str], predicted: Sequence[str]) -> BoundaryScore:
    """Score one paragraph's predicted sentences against its gold sentences.

    Raises ``SegmentError`` if the two do not hold the same non-space characters, which
    means the segmenter dropped or rewrote text.
    """
    if "".join("".join(s.split()) for s in gold) != "".join("".join(s.split()) for s in predicted):
        raise SegmentError("predicted sentences do not cover the same text as the gold; "
                           "a segmenter must not drop or change characters")
    g, p = boundaries(gold), boundaries(predicted)
    return BoundaryScore(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def load_gold(path: str | Path, treebank: str | None = None) -> list[GoldParagraph]:
    """Read a ``seg-gold`` JSONL file into paragraphs (optionally of one treebank only)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SegmentError(f"cannot read gold file {path}: {exc.strerror}") from exc
    paragraphs: list[GoldParagraph] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            unit = json.loads(line)
            texts = unit["text"].split("\n")
            sentences = list(unit["sentences"])
            sizes = unit.get("paragraph_sizes") or [len(sentences)]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SegmentError(f"{path}:{number}: not a seg-gold unit ({exc})") from exc
        if len(sizes) != len(texts) or sum(sizes) != len(sentences):
            raise SegmentError(f"{path}:{number}: paragraph_sizes do not match text and sentences")
        if treebank is not None and unit.get("treebank") != treebank:
            continue
        cursor = 0
        for text, size in zip(texts, sizes):
            paragraphs.append(GoldParagraph(unit_id=unit.get("id", f"{path.name}:{number}"),
                                            treebank=unit.get("treebank", ""), text=text,
                                            sentences=tuple(sentences[cursor:cursor + size])))
            cursor += size
    return paragraphs


@dataclass(frozen=True)
class Timed:
    """A score with the time it took and the number of sentences produced."""

    score: BoundaryScore
    seconds: float
    sentences: int

    @property
    def sentences_per_second(self) -> float:
        """Throughput, counting the sentences the segmenter produced."""
        return self.sentences / self.seconds if self.seconds > 0 else float("inf")


def evaluate(split: Callable[[str], Sequence[str]],
             paragraphs: Iterable[GoldParagraph], repeat: int = 1) -> Timed:
    """Run ``split`` on each paragraph's text, one call per paragraph, and score it.

    Only the calls to ``split`` are timed, not the scoring. With ``repeat > 1`` the
    timing is the fastest of that many passes, which is steadier on a busy machine.
    """
    paragraphs = list(paragraphs)
    total = BoundaryScore()
    produced = 0
    best = float("inf")
    for attempt in range(max(1, repeat)):
        seconds = 0.0
        outputs = []
        for paragraph in paragraphs:
            started = time.perf_counter()
            predicted = split(paragraph.text)
            seconds += time.perf_counter() - started
            outputs.append(predicted)
        best = min(best, seconds)
        if attempt == 0:
            for paragraph, predicted in zip(paragraphs, outputs):
                produced += len(predicted)
                total = total + score_paragraph(paragraph.sentences, predicted)
    return Timed(total, best, produced)
