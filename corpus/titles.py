"""What a transcript's title says: kind, main speaker, outlet, place and date.

mid.ru titles pack all of it into one line, e.g. "Foreign Minister Sergey Lavrov’s interview
with NBC, Moscow, July 21, 2017" or "Интервью Министра иностранных дел России С.В.Лаврова
газете «Труд», Москва, 13 сентября 2019 года".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alinea.corpus.dates import find_date, is_weekday

# Keywords → kind, in the order they are tried; the earliest match in the title wins.
_KIND_WORDS: list[tuple[str, str]] = [
    (r"news conference|press conference|press-conference|пресс-конференц|pressekonferenz|"
     r"conférence de presse|rueda de prensa|conferencia de prensa", "press-conference"),
    (r"briefing|брифинг|point de presse|sesión informativa", "briefing"),
    (r"interview|интервью|entrevista|entretien", "interview"),
    (r"answers? to (?:a |the )?(?:media |journalists[’'] |reporters[’'] )?questions?|"
     r"^ответы? (?:.*?)на вопрос|ответ(?:ы)? на вопрос|antwort(?:en)? auf (?:eine |die )?(?:\w+ )?frage|"
     r"réponses? (?:à|aux) (?:une |la |des )?(?:\w+ )?questions?|respuestas? a (?:una |la |las )?(?:\w+ )?preguntas?",
     "answer"),
    # "Выступление" alone is a speech; "выступление и ответы на вопросы" is remarks with Q&A,
    # which is how the English editions title them.
    (r"remarks|выступлени[ея] и ответы|вступительное слово|bemerkungen|ausführungen|intervention|"
     r"palabras|comentarios", "remarks"),
    (r"speech|address|выступлени[ея]|речь|обращение|rede|ansprache|discours|allocution|discurso",
     "speech"),
    (r"statement|comment|заявлени|комментари|erklärung|stellungnahme|kommentar|déclaration|"
     r"commentaire|declaraci[óo]n|comentario", "statement"),
    (r"article|статья|статьи|artikel|artículo", "article"),
]

# Phrases that introduce the outlet an interview was given to ("interview with X"). An
# event ("remarks at the OSCE Ministerial Council") is no outlet: it stays in the title.
_OUTLET_INTRO = re.compile(
    r"\b(?:interview|entrevista|entretien)\s+(?:with|to|given to|for|a|al|à|au|avec|con|mit|für)\s+"
    r"(?P<outlet>.+)|"
    # The adjectives before the medium belong to its name ("Международному информационному
    # агентству «Россия сегодня»", "российской газете «Коммерсантъ»"); a surname after initials
    # is the speaker's, whatever its ending ("А.В.Петровой газете").
    r"\bинтервью\b.*?\b(?P<ru_outlet>(?:(?<!\.)(?<!\.\s)[а-яё-]+(?:ому|ему|ой|ей)\s+)*"
    r"(?:газет|журнал|агентств|"
    r"телеканал|радиостанци|информационн|изданию|телекомпани|каналу|программ)\S*\s.+)|"
    # de/fr/es put the speaker between "interview" and the outlet: name the medium instead.
    r"\b(?:für|mit|dem|der)\s+(?:die\s+|der\s+|dem\s+|das\s+|den\s+)?(?P<de_outlet>(?:Zeitung|Zeitschrift|"
    r"Magazin|Nachrichtenagentur|Agentur|Sender|Fernsehsender|Radiosender|Rundfunk)\b.+)|"
    r"\b(?:au|à|avec|pour)\s+(?:le\s+|la\s+|l[’']\s*)?(?P<fr_outlet>(?:journal|magazine|agence|chaîne|"
    r"radio|quotidien|hebdomadaire|télévision)\b.+)|"
    r"\b(?:al|a la|con el|con la|para el|para la)\s+(?P<es_outlet>(?:periódico|diario|revista|agencia|"
    r"canal|cadena|emisora|televisión)\b.+)",
    re.IGNORECASE,
)
# Role words that come before the name in "Foreign Minister Sergey Lavrov’s ...".
_ROLE_WORDS = {"minister", "president", "spokesperson", "spokeswoman", "spokesman", "secretary",
               "ambassador", "director", "chairman", "chair", "head", "envoy", "representative",
               "premier", "chancellor", "deputy", "general", "affairs", "foreign", "first", "prime",
               "state", "official", "of", "the", "russia", "russian", "federation", "sg", "un"}


# "Remarks by Foreign Minister Sergey Lavrov at ...": who comes after "by" (von, de, del, par)
# up to a comma, a quote or the preposition of the place or occasion.
_BY_SPEAKER = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:by|von|de|del|par)\s+(?P<who>.+?)"
    r"(?=,|[«“„\"(]|\s+(?:at|to|for|in|on|before|during|with|bei|vor|auf|an|im|zum|zur|für|"
    r"à|au|aux|en|devant|lors|pour|sur|ante|para|sobre|con|über|zu)\b|$)",
    re.IGNORECASE,
)
# Honorifics and titles that stand before the name after "by" (English ones are _ROLE_WORDS).
_BY_ROLE_WORDS = {"h.e", "mr", "mrs", "ms", "dr", "his", "her", "excellency", "außenminister",
                  "außenministerin", "ministerin", "präsident", "präsidentin", "sprecherin",
                  "botschafter", "ministre", "ministro", "ministra", "presidente", "président",
                  "portavoz", "porte-parole", "la", "le", "el", "des", "der", "die"}
# Words that make "by the Foreign Ministry Spokesperson's Office" an institution, not a person.
_ORG_WORDS = {"ministry", "department", "office", "council", "committee", "government",
              "embassy", "mission", "delegation", "agency", "service", "press", "information",
              "ministerium", "ministère", "ministerio", "affairs", "foreign"}


@dataclass(frozen=True)
class TitleInfo:
    """Facts read from a title; any may be ``None`` (kind defaults to ``"other"``)."""

    kind: str = "other"
    speaker: str | None = None
    speaker_role: str | None = None
    outlet: str | None = None
    place: str | None = None
    date: str | None = None
    time: str | None = None


def parse_title(title: str) -> TitleInfo:
    """Read kind, main speaker, outlet, place and date from a title line."""
    text = title.strip()
    date = time = place = None
    found = find_date(text)
    remainder = text
    if found and found.end >= len(text.rstrip(" .")) - 1:
        date, time = found.iso, found.time
        remainder = text[: found.start].rstrip(" ,.–-")
        place, remainder = _trailing_place(remainder)
    kind = _kind(remainder)
    speaker, role = _speaker(remainder)
    outlet = _outlet(remainder)
    return TitleInfo(kind=kind, speaker=speaker, speaker_role=role, outlet=outlet,
                     place=place, date=date, time=time)


def split_place_and_date(line: str) -> tuple[str | None, str, str | None] | None:
    """("Sochi", iso date, time) for a line such as "Sochi, February 7, 2018"; else ``None``."""
    found = find_date(line)
    if not found or found.end < len(line.rstrip(" .")) - 1:
        return None
    head = _without_weekday(line[: found.start].strip(" ,–-"))
    if head and (len(head) > 40 or not _looks_like_place(head)):
        return None
    return (head or None), found.iso, found.time


# The event a title names wins over what was done at it: "remarks at a news conference"
# is a press conference; otherwise the first kind named wins ("remarks and answers ...").
_EVENT_KINDS = ("press-conference", "briefing", "interview")


def _kind(text: str) -> str:
    for pattern, kind in _KIND_WORDS:
        if kind in _EVENT_KINDS and re.search(pattern, text, re.IGNORECASE):
            return kind
    best: tuple[int, str] | None = None
    for pattern, kind in _KIND_WORDS:
        m = re.search(pattern, text, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else "other"


def _trailing_place(text: str) -> tuple[str | None, str]:
    """Split "..., Moscow" into ("Moscow", "...") when the last comma part is a place name."""
    text = _without_weekday(text)
    if "," not in text:
        return None, text
    head, _, last = text.rpartition(",")
    last = last.strip()
    if _looks_like_place(last):
        return last, head.rstrip(" ,")
    return None, text


def _without_weekday(text: str) -> str:
    """``text`` without the day of the week that ends it ("Moscow, Monday" → "Moscow"):
    the day belongs to the date that follows, and is no place."""
    head, _, last = text.rpartition(",") if "," in text else ("", "", text)
    if is_weekday(last):
        return head.rstrip(" ,")
    return text


def _looks_like_place(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= 3 and all(w[:1].isupper() for w in words if w.lower() not in
            {"de", "del", "la", "am", "sur", "on", "upon", "na"}) and not re.search(r"\d", text))


def _speaker(text: str) -> tuple[str | None, str | None]:
    # English: "<Role> <Name>’s <kind> ..."
    m = re.match(r"^(?P<who>[^,]+?)[’']s\s", text)
    if m:
        words = m.group("who").split()
        cut = 0
        for i, word in enumerate(words):
            if word.lower().strip(".") in _ROLE_WORDS:
                cut = i + 1
        name_words = words[cut:]
        if name_words and all(w[:1].isupper() for w in name_words):
            return " ".join(name_words), (" ".join(words[:cut]) or None)
    # "<Kind> by <Role> <Name> at ...", and de/fr/es "Rede von ...", "Discours de ...".
    m = _BY_SPEAKER.search(text)
    if m:
        words = m.group("who").split()
        cut = 0
        for i, word in enumerate(words):
            if word.lower().strip(".") in _ROLE_WORDS | _BY_ROLE_WORDS:
                cut = i + 1
        name_words = words[cut:]
        if 2 <= len(name_words) <= 4 and all(w[:1].isupper() and w.lower() not in _ORG_WORDS
                                             for w in name_words):
            return " ".join(name_words), (" ".join(words[:cut]) or None)
    # Russian: initials glued to a surname, usually in the genitive ("С.В.Лаврова").
    m = re.search(r"(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", text)
    if m:
        return m.group(0), None
    return None, None


def _outlet(text: str) -> str | None:
    m = _OUTLET_INTRO.search(text)
    if m:
        value = next(v for v in m.groups() if v)
        return _clean_tail(value)
    return None


def _clean_tail(value: str) -> str | None:
    value = re.sub(r"^(?:the|a|an)\s+", "", value.strip(" ,."))
    return value or None
