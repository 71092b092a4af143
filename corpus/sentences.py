"""A transcript's sentences in document order, each with the turn and paragraph it is in."""

from __future__ import annotations

from dataclasses import dataclass

from alinea.align.blocks import Place, shared_blocks
from alinea.corpus.model import Transcript


@dataclass(frozen=True)
class DocSentence:
    """A sentence of a transcript: its text, where it is, and its span in its paragraph."""

    text: str
    turn: int        # 0-based turn index
    paragraph: int   # 0-based paragraph index over the whole body
    start: int
    end: int


def document_sentences(doc: Transcript) -> list[DocSentence]:
    """Segment every paragraph of ``doc`` (in its own language) into sentences."""
    from alinea.align.segment import segment

    out: list[DocSentence] = []
    paragraph_index = 0
    for turn_index, turn in enumerate(doc.turns):
        for paragraph in turn.paragraphs:
            for sentence in segment(paragraph.text, paragraph.lang or doc.lang):
                out.append(DocSentence(sentence.text, turn_index, paragraph_index,
                                       sentence.start, sentence.end))
            paragraph_index += 1
    return out


def turn_key(doc: Transcript, turn_index: int) -> tuple[int, str]:
    """A key equal across editions for the same turn: its position and its speaker's role."""
    turn = doc.turns[turn_index]
    try:
        role = doc.speaker(turn.speaker).role
    except KeyError:
        role = "speaker"
    return (turn_index, role)


def places(doc: Transcript, sentences: list[DocSentence]) -> list[Place]:
    """Where each sentence of ``doc`` is: its paragraph and its turn (see
    :func:`alinea.align.blocks.shared_blocks`)."""
    keys = {s.turn: turn_key(doc, s.turn) for s in sentences}
    return [Place(s.paragraph, keys[s.turn]) for s in sentences]


def parallel_blocks(src: Transcript, src_sentences: list[DocSentence], tgt: Transcript,
                    tgt_sentences: list[DocSentence]) -> tuple[list | None, list | None]:
    """Structural anchors for both editions, the finest both share: paragraphs, else
    turns, else none (:func:`alinea.align.blocks.shared_blocks`)."""
    return shared_blocks(places(src, src_sentences), places(tgt, tgt_sentences))
