"""Lines that tell a transcript's date or its language editions, not its text.

A web export carries them above the text (mid.ru: "25 December 201711:16", "September 13,
2019", "  • de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1"; another site's switcher "English |
Русский" or "EN | RU") and sometimes below it, and a plain-text file may carry them under
its header. The first date line gives the date when nothing else has, the first language
marker the editions; any other such line is boilerplate (``dateline``,
``language-marker``), kept out of the body. Only whole lines that are nothing but a date
(with its time and day of the week) or a marker count: a sentence naming a date or a
language is text.
"""

from __future__ import annotations

from dataclasses import dataclass

from alinea.corpus import boilerplate as bp
from alinea.corpus.dates import DateMatch, parse_date_line
from alinea.corpus.model import Boilerplate

__all__ = ["MetadataLine", "metadata_line", "Found"]


@dataclass(frozen=True)
class MetadataLine:
    """A date line (``date`` set) or a language marker (``editions`` set)."""

    text: str
    date: DateMatch | None = None
    editions: tuple[str, ...] | None = None


def metadata_line(line: str) -> MetadataLine | None:
    """The date or the language editions ``line`` gives, if that is all it is."""
    stripped = line.strip()
    editions = bp.language_editions(stripped)
    if editions is not None:
        return MetadataLine(stripped, editions=editions)
    dated = parse_date_line(stripped)
    if dated is not None:
        return MetadataLine(stripped, date=dated)
    return None


@dataclass
class Found:
    """What a reader has learnt from a transcript's metadata lines (and its other header
    lines) so far."""

    date: str | None = None
    time: str | None = None
    editions: tuple[str, ...] = ()

    def take(self, meta: MetadataLine, line: int | None) -> Boilerplate | None:
        """Learn from ``meta`` (the text's ``line``) the date or the editions when they
        are not known yet; else the line, as the boilerplate to keep."""
        if meta.date is not None and self.date is None:
            self.date, self.time = meta.date.iso, meta.date.time
            return None
        if meta.editions is not None and not self.editions:
            self.editions = meta.editions
            return None
        return Boilerplate(meta.text, "dateline" if meta.date is not None else "language-marker",
                           line)
