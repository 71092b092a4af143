"""A transcript's sentences in document order, each with the turn and paragraph it is in."""

from __future__ import annotations

from dataclasses import dataclass

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


def turn_blocks(doc: Transcript, sentences: list[DocSentence]) -> list[object]:
    """Structural anchors for the aligner: the (speaker role, turn number) of each sentence.

    Editions of one transcript keep their turns in step (a question is a question in every
    language), so sentences may only align within the same turn when both editions have
    the same sequence of turns; otherwise no anchors are given.
    """
    return [turn_key(doc, s.turn) for s in sentences]


def turn_key(doc: Transcript, turn_index: int) -> tuple[int, str]:
    """A key equal across editions for the same turn: its position and its speaker's role."""
    turn = doc.turns[turn_index]
    try:
        role = doc.speaker(turn.speaker).role
    except KeyError:
        role = "speaker"
    return (turn_index, role)


def parallel_blocks(src: Transcript, src_sentences: list[DocSentence], tgt: Transcript,
                    tgt_sentences: list[DocSentence]) -> tuple[list[object] | None, list[object] | None]:
    """Structural anchors for both editions, the finest both share.

    Paragraphs when every turn has as many paragraphs in both editions (mid.ru editions
    usually do), else turns when the turn sequence matches, else (None, None): no anchors.
    A paragraph or turn with no sentences on one side is dropped from the anchors by the
    aligner's run logic only if both sides lack it, so empty ones fall back to turns.
    """
    src_roles = [turn_key(src, i) for i in range(len(src.turns))]
    tgt_roles = [turn_key(tgt, i) for i in range(len(tgt.turns))]
    if src_roles != tgt_roles:
        return None, None
    same_paragraphs = [len(t.paragraphs) for t in src.turns] == [len(t.paragraphs) for t in tgt.turns]
    if same_paragraphs and {s.paragraph for s in src_sentences} == {s.paragraph for s in tgt_sentences}:
        return [s.paragraph for s in src_sentences], [s.paragraph for s in tgt_sentences]
    return turn_blocks(src, src_sentences), turn_blocks(tgt, tgt_sentences)
