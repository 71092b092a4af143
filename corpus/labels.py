"""Speaker labels that open a turn ("Question:", "Sergey Lavrov:", "С.В.Лавров:", "Question :").

A label is a short run of capitalised words (or initials glued to a surname, as Russian
transcripts print them) followed by a colon; or one of the role words below. Ordinary
sentences with a colon ("The reason is simple: ...") are not labels because their words
are not all capitalised; headings and places ("Second Point:", "Middle East:") because
they hold words that are no part of a person's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Role words that label a turn without naming a person, per language, with their role.
ROLE_LABELS: dict[str, str] = {
    # questions from journalists or the audience
    "question": "question", "questions": "question", "вопрос": "question", "вопросы": "question",
    "frage": "question", "fragen": "question", "pregunta": "question", "preguntas": "question",
    "q": "question", "в": "question",
    # the person who chairs or moderates
    "moderator": "chair", "модератор": "chair", "ведущий": "chair", "ведущая": "chair",
    "chair": "chair", "chairman": "chair", "presenter": "chair", "host": "chair",
    "modérateur": "chair", "moderateur": "chair", "modératrice": "chair", "moderador": "chair",
    "moderadora": "chair", "présentateur": "chair",
    # answers without a name
    "answer": "answer", "ответ": "answer", "antwort": "answer", "réponse": "answer",
    "respuesta": "answer", "a": "answer", "о": "answer",
    # remarks from the floor
    "remark": "question", "реплика": "question", "replik": "question", "remarque": "question",
    "réplica": "question", "comment": "question",
    # questions from the floor of a meeting ("Вопрос из зала:"), and journalists unnamed
    "question from the floor": "question", "question from the audience": "question",
    "вопрос из зала": "question", "реплика из зала": "question", "вопрос с места": "question",
    "frage aus dem publikum": "question", "frage aus dem saal": "question",
    "question de la salle": "question", "question du public": "question",
    "pregunta del público": "question", "pregunta de la sala": "question",
    "journalist": "question", "reporter": "question", "correspondent": "question",
    "журналист": "question", "журналистка": "question", "корреспондент": "question",
    "korrespondent": "question", "journaliste": "question", "periodista": "question",
}

# Honorifics allowed before a name in a label ("Mr Smith:", "Г-н Иванов:").
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "prof", "г-н", "г-жа", "herr", "frau",
               "m", "mme", "sr", "sra", "señor", "señora", "monsieur", "madame", "don", "doña"}
_PARTICLES = {"de", "da", "del", "la", "le", "von", "van", "der", "den", "di", "du", "al", "bin",
              "ibn", "y", "dos", "das"}

# Words that make a capitalised run a heading or a place rather than a person ("Second
# Point:", "Middle East:", "Zweiter Punkt:", "Ближний Восток:"); compared case-folded.
_NOT_NAME_WORDS = frozenset("""
    first second third fourth fifth sixth seventh eighth ninth tenth last final next
    point points part chapter section item topic subject issue note notes summary
    conclusion background context update editor editor's photo video source sources
    middle far near central united states nations union kingdom
    republic federation affairs countries
    erster erste erstes zweiter zweite zweites dritter dritte drittes vierter vierte
    letzter letzte punkt teil kapitel thema zusammenfassung anmerkung nahost
    première deuxième second seconde troisième quatrième dernier dernière point
    partie chapitre sujet résumé remarque proche moyen orient
    primero primera segundo segunda tercero tercera cuarto cuarta último última punto
    parte capítulo tema resumen nota oriente próximo medio
    первый первая первое второй вторая второе третий третья третье четвертый четвёртый
    последний пункт часть глава тема резюме примечание ближний средний дальний восток
    запад север юг соединенные соединённые штаты республика федерация союз
""".split())

# One name token: a capitalised word, initials glued to a surname, or hyphenated parts.
_NAME_TOKEN = r"(?:[^\W\d_]\.\s?){0,3}[^\W\d_][^\W\d_'’\-\.]*(?:[-'’][^\W\d_]+)*\.?"
_LABEL_RE = re.compile(
    rf"^(?P<label>(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}})"
    r"(?:\s*\((?P<note>[^()]{1,60})\))?\s?:)(?:\s+|$)(?P<rest>.*)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Label:
    """A parsed speaker label: the exact label text (with colon), the name, role key.

    ``role`` is ``"question"``, ``"chair"``, ``"answer"`` for role words, ``None`` for a
    person's name. ``rest`` is what follows the label on the same line.
    """

    label: str
    name: str
    role: str | None
    rest: str


def parse_label(line: str, known_names: frozenset[str] = frozenset()) -> Label | None:
    """The speaker label opening ``line``, or ``None`` when the line is ordinary text.

    ``known_names`` lets a single-word label ("Lavrov:") count once that speaker is known.
    """
    m = _LABEL_RE.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip()
    words = name.split()
    role = ROLE_LABELS.get(name.lower().rstrip("."))
    if role is None:
        if not _is_person_name(words, known_names):
            return None
    return Label(label=m.group("label"), name=name, role=role, rest=m.group("rest").strip())


def _is_person_name(words: list[str], known_names: frozenset[str]) -> bool:
    core = [w for w in words if w.lower().rstrip(".") not in _HONORIFICS]
    if not core or any(w.casefold() in _NOT_NAME_WORDS for w in core):
        return False
    for word in core:
        if word.lower() in _PARTICLES:
            continue
        if not word[0].isupper():
            return False
    if len(core) == 1:
        token = core[0]
        if len(core) < len(words):  # "Mr Smith": an honorific makes a surname a name
            return len(token.rstrip(".")) > 1
        # "С.В.Лавров" (initials glued on) is a name on its own; a bare word must be known.
        if re.match(r"^(?:[^\W\d_]\.\s?){1,3}[^\W\d_]{2,}$", token):
            return True
        return token in known_names or any(n.split()[-1] == token for n in known_names)
    # Two to five words: at least one must look like more than an initial.
    return any(len(w.rstrip(".")) > 1 for w in core) and len(core) <= 5


def speaker_id(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A stable XML NCName for a speaker's name ("Sergey Lavrov" → "SergeyLavrov",
    "С.В.Лавров" → "SVLavrov"), made unique against ``taken`` with a numeric suffix."""
    latin = transliterate(name)
    parts = re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode())
    base = "".join(p[:1].upper() + p[1:] for p in parts) or "speaker"
    if not base[0].isalpha():
        base = "p" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate


_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                 "yu", "ya"]))


def transliterate(text: str) -> str:
    """Russian Cyrillic to Latin letters (a simple, reversible-enough scheme for ids)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYR:
            rep = _CYR[low]
            out.append(rep.capitalize() if ch != low else rep)
        else:
            out.append(ch)
    return "".join(out)
