"""Building speaker turns from body lines: who speaks, with which role, in which paragraphs."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from alinea.corpus.labels import Label, parse_label, speaker_id
from alinea.corpus.model import Paragraph, Speaker, Turn

_QUESTIONER_ROLE = {"interview": "interviewer", "press-conference": "interviewer",
                    "briefing": "interviewer", "answer": "interviewer"}


@dataclass
class _OpenTurn:
    speaker: str
    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)


class TurnBuilder:
    """Collects body lines into turns, resolving labels to speakers as it goes.

    ``main_speaker`` is the person the title names (the minister giving the interview or
    speech): unlabelled opening paragraphs are theirs, and labels that name them (even
    misspelt, or in another grammatical case) resolve to the same speaker. ``japanese``
    says the text is Japanese, so its Han names are Japanese names (see ``speaker_id``).
    """

    def __init__(self, kind: str, main_speaker: str | None = None, *, japanese: bool = False):
        self.kind = kind
        self._japanese = japanese
        self.speakers: dict[str, Speaker] = {}
        self.turns: list[_OpenTurn] = []
        self._main_id: str | None = None
        self._role_ids: dict[str, str] = {}
        self._main_from_title = main_speaker
        self._title_id: str | None = None  # the interviewee the title names
        self._named: list[str] = []  # people named by labels, besides the title's
        if main_speaker:
            self._main_id = self._title_id = self._add(_nominative(main_speaker), self._main_role())

    def add_line(self, text: str) -> None:
        """Add one body line: a labelled line opens a turn, any other is a paragraph."""
        label = parse_label(text, frozenset(s.name for s in self.speakers.values()))
        if label is not None:
            self._open(label)
            if label.rest:
                self.turns[-1].paragraphs.append(Paragraph(label.rest))
            return
        if not self.turns:
            self.turns.append(_OpenTurn(self._main_or_unknown(), ""))
        self.turns[-1].paragraphs.append(Paragraph(text.strip()))

    def build(self) -> tuple[tuple[Speaker, ...], tuple[Turn, ...]]:
        """The speakers who speak (in order of first turn) and the non-empty turns."""
        turns = tuple(Turn(t.speaker, tuple(t.paragraphs), t.label) for t in self.turns if t.paragraphs)
        used = list(dict.fromkeys(t.speaker for t in turns))
        if self.kind == "interview" and self._title_id in used:
            # The interviewee the title names speaks: anyone else named is the journalist
            # asking ("Andrea Mitchell:"). Told only now, as the journalist often speaks first.
            for sid in self._named:
                self.speakers[sid] = replace(self.speakers[sid], role="interviewer")
        return tuple(self.speakers[s] for s in used), turns

    def _open(self, label: Label) -> None:
        if label.role == "question":
            sid = self._role_speaker("questioner", label.name, _QUESTIONER_ROLE.get(self.kind, "audience"))
        elif label.role == "chair":
            sid = self._role_speaker("moderator", label.name, "chair")
        elif label.role == "answer":
            sid = self._main_or_unknown()
        else:
            sid = self._person(label.name)
        self.turns.append(_OpenTurn(sid, label.label))

    def _role_speaker(self, base: str, name: str, role: str) -> str:
        """One speaker per role word ("Question:" throughout is one anonymous questioner)."""
        if base not in self._role_ids:
            self._role_ids[base] = self._add(name, role, base)
        return self._role_ids[base]

    def _person(self, name: str) -> str:
        match = self._match(name)
        if match is not None:
            speaker = self.speakers[match]
            # The title's form of a name may be inflected ("С.В.Лаврова"); the label's is not.
            if match == self._main_id and self._main_from_title and \
                    _surname(name) != _surname(speaker.name) and _same_person(name, speaker.name, strict=True):
                self.speakers[match] = Speaker(match, name, speaker.role)
                self._main_from_title = None
            return match
        # In an interview every named voice that is not asking is the interviewee, unless
        # the title names the interviewee (see build).
        sid = self._add(name, self._main_role() if self.kind == "interview" else "speaker")
        self._named.append(sid)
        return sid

    def _match(self, name: str) -> str | None:
        anonymous = set(self._role_ids.values())
        for sid, speaker in self.speakers.items():
            if sid in anonymous:
                continue
            if _same_person(name, speaker.name):
                return sid
        return None

    def _main_role(self) -> str:
        return "guest" if self.kind == "interview" else "speaker"

    def _main_or_unknown(self) -> str:
        if self._main_id is None:
            self._main_id = self._add("Unknown speaker", "speaker", "speaker")
        return self._main_id

    def _add(self, name: str, role: str, base: str | None = None) -> str:
        sid = base if base and base not in self.speakers else speaker_id(
            base or name, set(self.speakers), japanese=self._japanese)
        self.speakers[sid] = Speaker(sid, name, role)
        return sid


def spoken_text(turns: tuple[Turn, ...]) -> str:
    """The turns' labels and paragraphs, a line each: the words a language is told from
    ("Вопрос:" says as much as the question)."""
    return "\n".join(line for turn in turns
                     for line in (turn.label, *(p.text for p in turn.paragraphs)) if line)


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[\s.]+", name.strip(" .")) if part]


def _surname(name: str) -> str:
    parts = _name_parts(name)
    return parts[-1].lower() if parts else ""


def _same_person(a: str, b: str, strict: bool = False) -> bool:
    """Same person: the same surname up to an inflection or a typo (near-identical names
    only unless ``strict``), and first names that agree where both give them. Ivan Petrov
    and Ivana Petrova, or Mark and Mary Smith, are two people; S. Lavrov, Sergey Lavrov
    and the typo Servey Lavrov are one."""
    if a == b:
        return True
    sa, sb = _surname(a), _surname(b)
    if len(sa) < 3 or len(sb) < 3:
        return False
    inflected = sa == sb or (sa[:-1] == sb[:-1] and len(sa) > 4) or \
        sa.startswith(sb) and len(sa) - len(sb) <= 2 or sb.startswith(sa) and len(sb) - len(sa) <= 2
    typo = not strict and _one_typo_apart(sa, sb)
    return (inflected or typo) and _same_first_names(_name_parts(a)[:-1], _name_parts(b)[:-1])


def _same_first_names(a: list[str], b: list[str]) -> bool:
    """First names or initials agree: equal, an initial of the other, or (names of five
    letters or more) one typo apart. A side without them agrees with anything."""
    for x, y in zip(a, b):
        initials = _is_initials(x) or _is_initials(y)
        x, y = x.casefold(), y.casefold()
        if x == y or (initials and x[0] == y[0]):
            continue
        if initials or not _one_typo_apart(x, y):
            return False
    return True


def _is_initials(part: str) -> bool:
    return len(part) == 1 or (len(part) <= 3 and part.isupper())


def _one_typo_apart(x: str, y: str) -> bool:
    """One letter replaced, added or dropped, in words of at least five letters."""
    if min(len(x), len(y)) < 5 or abs(len(x) - len(y)) > 1:
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.8


def _nominative(name: str) -> str:
    """Undo the Russian genitive a title puts a name in ("С.В.Лаврова" → "С.В.Лавров")."""
    m = re.match(r"^((?:[А-ЯЁ]\.\s?){1,2})([А-ЯЁ][а-яё]+)$", name)
    if not m:
        return name
    surname = m.group(2)
    for genitive, nominative in (("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"),
                                 ("ына", "ын"), ("ой", "а"), ("ского", "ский")):
        if surname.endswith(genitive):
            return m.group(1) + surname[: -len(genitive)] + nominative
    return name
