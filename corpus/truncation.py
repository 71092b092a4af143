"""Telling a text file that was cut short: its text stops in the middle of a sentence.

A file truncated between two characters decodes cleanly and reads as a shorter transcript;
nothing in it is wrong but its end. A complete transcript ends its last sentence with final
punctuation ("." "?" "!" "…", and the CJK full stops, before closing quotes or brackets),
or is followed by page furniture (a source line, "Advanced settings", a footer), which a
cut file has lost. Only that is looked at: a warning, never a refusal, as a source may
print its last line without a full stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alinea.corpus.model import Transcript

__all__ = ["CutShort", "cut_short"]

_FINAL = frozenset(".!?…。！？‼⁇⁈⁉")
_CLOSERS = "\"'»”’)]}›」』）"


@dataclass(frozen=True)
class CutShort:
    """The file's last line of text (1-based ``line``, its ``text``), which stops mid-sentence."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        tail = self.text if len(self.text) <= 60 else "…" + self.text[-59:]
        return (f"{self.path}:{self.line}: the text ends mid-sentence ({tail!r}): the file "
                "may be cut short; check it against its source")


def ends_a_sentence(text: str) -> bool:
    """True when ``text`` ends with final punctuation, before any closing quotes or brackets."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _FINAL


def cut_short(doc: Transcript, text: str, path: str | Path) -> CutShort | None:
    """``CutShort`` when the transcript ``doc``, read from the decoded ``text`` of a text
    file, stops mid-sentence at the file's end; ``None`` when its last sentence ends, or
    boilerplate follows it (the file goes on past the text), or its line is not found."""
    paragraphs = doc.paragraphs
    if not paragraphs or ends_a_sentence(paragraphs[-1].text):
        return None
    last = paragraphs[-1].text.split("\n")[-1].strip()
    lines = text.split("\n")
    number = next((i + 1 for i in range(len(lines) - 1, -1, -1)
                   if lines[i].strip().endswith(last)), None)
    if number is None or any(b.line is not None and b.line > number for b in doc.boilerplate):
        return None
    return CutShort(str(path), number, lines[number - 1].strip())
