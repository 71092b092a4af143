"""The document model: one language edition of a transcript, as plain frozen dataclasses.

Readers build it, the TEI encoder writes it, the TEI parser reads it back, the store keeps
it. Everything a reader recognises but does not put in the body (separators, menus,
republisher lines) is kept in ``boilerplate`` so nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: Kinds of transcript we recognise from titles; anything else is ``"other"``.
KINDS: tuple[str, ...] = (
    "interview",
    "speech",
    "remarks",
    "press-conference",
    "answer",
    "statement",
    "article",
    "briefing",
    "other",
)

#: Roles a speaker can play; the TEI ``u/@ana`` points at these (ParlaMint style).
ROLES: tuple[str, ...] = ("interviewer", "guest", "chair", "speaker", "audience", "other")


@dataclass(frozen=True)
class Speaker:
    """A person (or anonymous group, such as questioners) who speaks in the transcript.

    ``id`` is an XML NCName unique within the document (e.g. ``"LavrovSergey"``,
    ``"questioner"``); ``name`` is how the text names them; ``role`` is one of ``ROLES``.
    """

    id: str
    name: str
    role: str = "speaker"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a turn. ``lang`` is set only when it differs from the edition's."""

    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution.

    ``label`` is the speaker label exactly as printed ("Question:", "С.В.Лавров:"), or ""
    when the turn had none (a speech). The label is not part of the first paragraph.
    """

    speaker: str
    paragraphs: tuple[Paragraph, ...]
    label: str = ""


@dataclass(frozen=True)
class Boilerplate:
    """A line the reader kept out of the body, with where it was and what it is.

    ``kind`` says why: ``separator``, ``trailer``, ``navigation``, ``language-marker``,
    ``dateline`` (a date line besides the one that gave the date), ``republisher``,
    ``related``, ``other``.
    """

    text: str
    kind: str
    line: int | None = None


@dataclass(frozen=True)
class Transcript:
    """One language edition of an interview, speech, press conference, ...

    ``date`` is ISO ``YYYY-MM-DD``, ``time`` ``HH:MM``; ``lang`` and ``original_lang`` are
    ISO 639-1 codes; ``editions`` lists the language codes in which the source publishes
    this text (this edition's included when known). ``is_translation`` is ``True`` for a
    translation, ``False`` for the original, ``None`` when the source does not say (see
    ``with_known_originals`` for what ``original_lang`` and the other editions tell).
    ``source_id`` identifies the work across its editions (e.g. the numeric content id of
    a mid.ru URL).
    """

    id: str
    title: str
    lang: str
    turns: tuple[Turn, ...]
    speakers: tuple[Speaker, ...] = ()
    date: str | None = None
    time: str | None = None
    place: str | None = None
    kind: str = "other"
    outlet: str | None = None
    original_lang: str | None = None
    is_translation: bool | None = None
    editions: tuple[str, ...] = ()
    source_url: str | None = None
    source_id: str | None = None
    boilerplate: tuple[Boilerplate, ...] = field(default=())

    def speaker(self, speaker_id: str) -> Speaker:
        """The speaker with this id; ``KeyError`` if there is none."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        raise KeyError(speaker_id)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """All body paragraphs in document order."""
        return tuple(p for turn in self.turns for p in turn.paragraphs)

    @property
    def text(self) -> str:
        """The body as plain text: paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


class EditionFacts(Protocol):
    """What an edition says of itself: a ``Transcript``, or a stored document's row."""

    lang: str
    is_translation: bool | None
    original_lang: str | None


def _says_translation(doc: EditionFacts) -> bool | None:
    if doc.is_translation is not None:
        return doc.is_translation
    if doc.original_lang is None:
        return None
    return doc.original_lang != doc.lang


def translation_status(editions: Sequence[EditionFacts]) -> list[bool | None]:
    """For each edition of one text: ``True`` a translation, ``False`` the original, ``None``
    unknown, from what the editions tell together.

    An edition tells it itself (``is_translation``) or by its original language (the
    original when ``original_lang`` is its own language, else a translation). An edition
    that tells nothing is the original when the translations among ``editions`` name its
    language, and only its language, as their original language (a mid.ru translation
    points at its original; the original itself says nothing).
    """
    told = [_says_translation(doc) for doc in editions]
    named = {doc.original_lang for doc, said in zip(editions, told)
             if said and doc.original_lang is not None}
    return [False if said is None and named == {doc.lang} else said
            for doc, said in zip(editions, told)]


def with_known_originals(editions: Sequence[Transcript]) -> tuple[Transcript, ...]:
    """The editions of one text, with ``is_translation`` set wherever they tell it
    (``translation_status``). Editions already telling are returned as they are."""
    return tuple(doc if said == doc.is_translation
                 else dataclasses.replace(doc, is_translation=said)
                 for doc, said in zip(editions, translation_status(editions)))
