"""Reader for the Russian foreign ministry's (mid.ru) plain-text exports and their reposts.

Layout, top to bottom (every part optional but the title and the text):
navigation lines ("Translation (original)", "Speeches by Minister"); a date glued to a time
("25 December 201711:16"); the title, which may carry outlet, place and date; a date line
or a "Sochi, February 7, 2018" line; the language switcher ("• de-DE1 en-GB1 ..."); an
underscore separator; the text, one paragraph per line, with or without blank lines, turns
opened by labels ("Question:", "Sergey Lavrov:"); trailers ("* * * * *", "Additional
materials" and its list, "Advanced settings", a republisher's "Zdroj: URL", a page footer's
"© 2017 ...", the date or the language switcher again). The first date line and marker are
the date and editions; any other, above or below the text, is boilerplate.
"""

from __future__ import annotations

from pathlib import Path

from alinea.corpus import boilerplate as bp
from alinea.corpus.labels import is_japanese, parse_label
from alinea.corpus.language import edition_language, normalise_language
from alinea.corpus.metadata_lines import Found, metadata_line
from alinea.corpus.model import Boilerplate, Transcript
from alinea.corpus.titles import parse_title, split_place_and_date
from alinea.corpus.turns import TurnBuilder, spoken_text
from alinea.errors import NoBodyError


def looks_like_midru(text: str) -> bool:
    """True when the text has the furniture of a mid.ru export in its first lines."""
    head = [line.strip() for line in text.split("\n")[:40] if line.strip()]
    signals = 0
    for line in head[:12]:
        if (metadata_line(line) is not None or bp.is_separator(line)
                or bp.is_navigation(line) or split_place_and_date(line)):
            signals += 1
    if head and parse_title(head[0]).speaker and parse_title(head[0]).kind != "other":
        signals += 1
    labels = sum(1 for line in head if parse_label(line) is not None)
    return signals >= 1 or labels >= 2


def read_midru(text: str, path: str | Path, doc_id: str, lang: str | None = None) -> Transcript:
    """Read a mid.ru export (already decoded) into a ``Transcript``."""
    lines = text.split("\n")
    header = _Header()
    index = header.consume(lines)
    if header.title is None:
        raise NoBodyError("no title line found", path, index + 1)
    info = parse_title(header.title)
    date = header.found.date or info.date
    time = header.found.time or info.time
    place = header.place or info.place
    boiler = list(header.boilerplate)
    source_url = None
    builder = TurnBuilder(info.kind, info.speaker, japanese=is_japanese(text, lang))
    in_related = False
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(lines[index:], start=index + 1):
        line = raw.strip()
        if not line:
            continue
        if bp.is_navigation(line):
            boiler.append(Boilerplate(line, "navigation", number))
            in_related = False
            continue
        if in_related or bp.is_related_header(line):
            boiler.append(Boilerplate(line, "related", number))
            in_related = True
            continue
        if bp.is_separator(line):
            boiler.append(Boilerplate(line, "separator", number))
            continue
        if bp.is_copyright(line):
            boiler.append(Boilerplate(line, "trailer", number))
            continue
        republished = bp.republisher_url(line)
        if republished:
            url, is_source = republished
            if is_source and source_url is None:
                source_url = url
            boiler.append(Boilerplate(line, "republisher", number))
            continue
        body.append((number, line))
    # A date or language marker under the text (a page's time stamp or switcher, repeated
    # at its foot) is no part of it; one inside the text is left there, as text.
    found = Found(date, time, header.found.editions)
    while body and (meta := metadata_line(body[-1][1])) is not None:
        number, _ = body.pop()
        kept = found.take(meta, number)
        if kept is not None:
            boiler.append(kept)
    if not body:
        raise NoBodyError("the file has a title but no transcript text", path, len(lines))
    for _, line in body:
        builder.add_line(line)
    speakers, turns = builder.build()
    if not turns:
        # e.g. a header followed by a bare "Question:" label
        raise NoBodyError("the file has a title but no transcript text, only speaker labels",
                          path, len(lines))
    edition_lang = normalise_language(lang) if lang else edition_language(
        spoken_text(turns), title=header.title, path=path, editions=found.editions)
    date, time, editions = found.date, found.time, found.editions
    if editions and edition_lang not in editions:
        editions = editions + (edition_lang,)
    translation, original = _translation_status(header, edition_lang, editions)
    return Transcript(
        id=doc_id, title=header.title, lang=edition_lang, turns=turns, speakers=speakers,
        date=date, time=time, place=place, kind=info.kind, outlet=info.outlet,
        original_lang=original, is_translation=translation, editions=editions or (edition_lang,),
        source_url=source_url, source_id=bp.source_id_from_url(source_url) if source_url else None,
        boilerplate=tuple(sorted(boiler, key=lambda b: b.line or 0)),
    )


class _Header:
    """The lines above the text: consumed one by one until the first body line."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.found = Found()  # date, time and editions
        self.place: str | None = None
        self.navigation: list[str] = []
        self.boilerplate: list[Boilerplate] = []

    def consume(self, lines: list[str]) -> int:
        """Read header lines; return the index of the first body line."""
        for index, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            number = index + 1
            if bp.is_navigation(line):
                self.navigation.append(line)
                self.boilerplate.append(Boilerplate(line, "navigation", number))
                continue
            if bp.is_separator(line):
                self.boilerplate.append(Boilerplate(line, "separator", number))
                continue
            meta = metadata_line(line)
            if meta is not None:
                # A second date line (the page's time stamp under a dated title line) or
                # marker is boilerplate, never the title or text.
                kept = self.found.take(meta, number)
                if kept is not None:
                    self.boilerplate.append(kept)
                continue
            placed = split_place_and_date(line)
            if placed and self.title is not None and self.place is None:
                self.place, date, time = placed
                if self.found.date is None:
                    self.found.date, self.found.time = date, time
                continue
            if self.title is None and parse_label(line) is None:
                self.title = line
                continue
            return index
        return len(lines)


def _translation_status(header: _Header, lang: str, editions: tuple[str, ...]
                        ) -> tuple[bool | None, str | None]:
    """Whether this edition is a translation, from the page's "Translation (original)" switch,
    and the original's language when the page tells it.

    mid.ru shows that switch on pages published as a translation with a link to the
    original; without it the page says nothing either way, and neither do we. The link is
    lost in a text export, but when the language marker lists one other edition
    (``en-GB1 ru-RU1`` on an English page), that edition is the one it leads to.
    """
    if any(bp.is_translation_switch(n) for n in header.navigation):
        others = [code for code in editions if code != lang]
        return True, others[0] if len(others) == 1 else None
    return None, None
