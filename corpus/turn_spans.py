"""Which sentences of a stored document each speaker turn holds.

The store keeps turns, paragraphs and sentences; the viewer shows sentences along an
alignment and needs to know where a turn starts and who speaks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from alinea.corpus.store import Store

__all__ = ["TurnSpan", "turn_spans"]


@dataclass(frozen=True)
class TurnSpan:
    """Turn ``index`` of a document: its speaker, the label as printed, and its sentences
    as the half-open range of positions ``[start, end)`` (empty when it has none)."""

    index: int
    speaker: str
    name: str
    role: str
    label: str
    start: int
    end: int


def turn_spans(store: Store, document_id: int) -> list[TurnSpan]:
    """The document's turns in order, each with its speaker and sentence range."""
    transcript = store.get_document(document_id)
    speakers = {s.id: s for s in transcript.speakers}
    turn_of_paragraph = [i for i, turn in enumerate(transcript.turns) for _ in turn.paragraphs]
    bounds: dict[int, list[int]] = {}
    for s in store.sentences(document_id):
        span = bounds.setdefault(turn_of_paragraph[s.paragraph], [s.position, s.position])
        span[0], span[1] = min(span[0], s.position), max(span[1], s.position)
    spans = []
    following = 0  # where an empty turn sits: after the sentences before it
    for index, turn in enumerate(transcript.turns):
        speaker = speakers.get(turn.speaker)
        start, end = (bounds[index][0], bounds[index][1] + 1) if index in bounds \
            else (following, following)
        following = end
        spans.append(TurnSpan(index, turn.speaker, speaker.name if speaker else turn.speaker,
                              speaker.role if speaker else "speaker", turn.label, start, end))
    return spans
