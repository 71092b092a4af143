"""Reader for plain text from any source: a title line, an optional header, paragraphs.

    Title of the transcript
    date: 2019-09-13
    place: Moscow
    kind: interview
    source: https://example.org/42

    Question: First paragraph ...
    Jane Doe: Answer ...

Header keys (case-insensitive): date, time, place, kind, outlet (or event), lang (or
language), original (original language), translation (yes/no), editions (codes), source
(or url), source-id (or source id), title. A file may open with its header instead of a
title line; its ``title:`` is the title then (a ``title:`` after a title line must repeat
it). A file laid out so is read by this reader even when its body has the speaker labels
of a mid.ru export. Paragraphs are separated by blank lines; a line inside a paragraph
that starts with a speaker label opens a new turn. Without any blank line in the text,
every line is a paragraph. Copyright lines ending the text (a saved page's footer) are kept
as boilerplate, out of the body; so are date lines and language markers ("13 September
201910:00", "• de-DE1 en-GB1", "English | Русский") opening or ending the body, unless they
give the date or the editions the header does not (``alinea.corpus.metadata_lines``).
"""

from __future__ import annotations

import re
from pathlib import Path

from alinea.corpus import boilerplate as bp
from alinea.corpus.dates import find_date
from alinea.corpus.labels import is_japanese, parse_label
from alinea.corpus.language import edition_language, normalise_language
from alinea.corpus.metadata_lines import Found, MetadataLine, metadata_line
from alinea.corpus.model import KINDS, Boilerplate, Paragraph, Transcript, Turn
from alinea.corpus.titles import parse_title
from alinea.corpus.turns import TurnBuilder, spoken_text
from alinea.errors import IngestError, NoBodyError

_KEYS = {"date": "date", "time": "time", "place": "place", "kind": "kind", "outlet": "outlet",
         "event": "outlet", "lang": "lang", "language": "lang", "original": "original",
         "original language": "original", "translation": "translation", "editions": "editions",
         "source": "source", "url": "source", "source-id": "source_id", "source id": "source_id",
         "title": "title"}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z -]{0,20}?)\s*:\s*(?P<value>.*)$")


def _header_key(line: str) -> str | None:
    """The header key a line gives (``"source_id"`` for ``Source id: 42``), if any."""
    m = _HEADER_LINE.match(line.strip())
    return _KEYS.get(m.group("key").lower().strip()) if m else None


def _first_line(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def starts_with_header(text: str) -> bool:
    """True when the file opens with a header line of a key documented above, or its title
    line is followed at once by one: the file is laid out for this reader, whatever its
    body holds (speaker labels, which a mid.ru export shows too). A mid.ru export opens
    with a date, a title or a page's links, and follows its title with a date, a place or
    a separator, never with ``key: value``."""
    lines = text.split("\n")
    index = _first_line(lines)
    return index is not None and any(_header_key(line) is not None
                                     for line in lines[index:index + 2])


def read_plaintext(text: str, path: str | Path, doc_id: str, lang: str | None = None) -> Transcript:
    """Read a generic plain-text transcript (already decoded) into a ``Transcript``."""
    lines = text.split("\n")
    first = _first_line(lines)
    if first is None:
        raise NoBodyError("the file is blank", path, 1)
    if _header_key(lines[first]) is not None:  # the file opens with its header
        header, index = _read_header(lines, first, path)
        title = header.get("title", "")
        if not title:
            raise IngestError("the file opens with a header that gives no title: put the "
                              "title on the first line, or a 'title:' line in the header",
                              path, first + 1)
    else:
        title = lines[first].strip()
        header, index = _read_header(lines, first + 1, path)
        if header.get("title", title) != title:
            raise IngestError(f"the header's title {header['title']!r} is not the title "
                              f"line {title!r}: keep one of them", path, header["_title_line"])
    info = parse_title(title)
    kind = header.get("kind", info.kind)
    if kind not in KINDS:
        raise IngestError(f"unknown kind {kind!r} (one of: {', '.join(KINDS)})", path,
                          header.get("_kind_line"))
    builder = TurnBuilder(kind, info.speaker,
                          japanese=is_japanese(text, lang or header.get("lang")))
    date_value = header.get("date")
    header_date = find_date(date_value) if date_value else None
    found = Found(header_date.iso if header_date else None, header.get("time"),
                  tuple(normalise_language(c) for c in re.split(r"[\s,;]+", header.get("editions", ""))
                        if c))
    paragraphs = _paragraphs(lines, index)
    opening, leading = _leading_metadata(paragraphs, lines, index, found)
    closing, trailers = _trailer(paragraphs[opening:], lines, found)
    paragraphs = paragraphs[opening:len(paragraphs) - closing]
    if not paragraphs:
        raise NoBodyError("the file has a title but no text", path, len(lines))
    for paragraph in paragraphs:
        builder.add_line(paragraph)
    speakers, turns = builder.build()
    if not turns:
        # e.g. a header followed by a bare "Question:" label
        raise NoBodyError("the file has a title but no transcript text, only speaker labels",
                          path, len(lines))
    turns = tuple(Turn(t.speaker, tuple(Paragraph(p.text) for p in t.paragraphs), t.label) for t in turns)
    edition_lang = normalise_language(lang or header.get("lang") or edition_language(
        spoken_text(turns), title=title, path=path, editions=found.editions))
    editions = found.editions
    if edition_lang not in editions:
        editions = editions + (edition_lang,)
    translation = header.get("translation")
    date = found.date or info.date
    if date_value and header_date is None and info.date is None:
        raise IngestError(f"cannot read the date {date_value!r}", path, header.get("_date_line"))
    source = header.get("source")
    return Transcript(
        id=doc_id, title=title, lang=edition_lang, turns=turns, speakers=speakers,
        date=date, time=found.time or info.time, place=header.get("place", info.place),
        kind=kind, outlet=header.get("outlet", info.outlet),
        original_lang=normalise_language(header["original"]) if header.get("original") else None,
        is_translation=None if translation is None else translation.lower() in ("yes", "true", "1"),
        editions=editions, source_url=source,
        source_id=header.get("source_id") or (bp.source_id_from_url(source) if source else None),
        boilerplate=tuple(leading + trailers),
    )


def _leading_metadata(paragraphs: list[str], lines: list[str], start: int, found: Found
                      ) -> tuple[int, list[Boilerplate]]:
    """How many paragraphs opening the body (under the header, where a saved page puts
    them) are date or language-marker lines, learnt into ``found``; and the boilerplate
    (with line numbers) of those that told nothing new."""
    kept: list[Boilerplate] = []
    number = start  # 0-based index of the line after the last one matched
    count = 0
    for paragraph in paragraphs:
        meta = _metadata_paragraph(paragraph)
        if meta is None:
            break
        while number < len(lines) and lines[number].strip() != paragraph:
            number += 1
        number += 1
        count += 1
        item = found.take(meta, number)
        if item is not None:
            kept.append(item)
    return count, kept


def _trailer(paragraphs: list[str], lines: list[str], found: Found
             ) -> tuple[int, list[Boilerplate]]:
    """How many paragraphs ending the text are copyright lines (a saved page's footer)
    or date and language-marker lines (its time stamp, its switcher); and their
    boilerplate with line numbers. A date or marker line that tells something new is
    learnt into ``found`` instead."""
    items: list[tuple[str, MetadataLine | None, int | None]] = []
    number = len(lines)
    for paragraph in reversed(paragraphs):
        meta = _metadata_paragraph(paragraph)
        if meta is None and ("\n" in paragraph or not bp.is_copyright(paragraph)):
            break
        while number > 0 and lines[number - 1].strip() != paragraph:
            number -= 1
        items.append((paragraph, meta, number or None))
        number -= 1
    kept = []
    for paragraph, meta, line in reversed(items):  # in the text's order: the first date wins
        item = found.take(meta, line) if meta is not None else Boilerplate(paragraph, "trailer", line)
        if item is not None:
            kept.append(item)
    return len(items), kept


def _metadata_paragraph(paragraph: str) -> MetadataLine | None:
    return None if "\n" in paragraph else metadata_line(paragraph)


def _read_header(lines: list[str], start: int, path: str | Path) -> tuple[dict, int]:
    header: dict = {}
    index = start
    while index < len(lines):
        m = _HEADER_LINE.match(lines[index].strip())
        if not m or m.group("key").lower().strip() not in _KEYS:
            break
        key = _KEYS[m.group("key").lower().strip()]
        header[key] = m.group("value").strip()
        header[f"_{key}_line"] = index + 1
        index += 1
    return header, index


def _paragraphs(lines: list[str], start: int) -> list[str]:
    body = lines[start:]
    has_blank_separators = any(not line.strip() for line in body[1:-1]) and \
        sum(1 for line in body if line.strip()) > 1
    if not has_blank_separators:
        return [line.strip() for line in body if line.strip()]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body + [""]:
        stripped = line.strip()
        if not stripped or (current and parse_label(stripped) is not None):
            if current:
                paragraphs.append("\n".join(current))
            current = [stripped] if stripped else []
            continue
        current.append(stripped)
    return paragraphs
