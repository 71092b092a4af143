"""Dates as transcripts print them, in en, ru, de, fr and es, to ISO 8601.

Handles "25 December 2017", "December 25, 2017", "25 декабря 2017 года", "25. Dezember 2017",
"25 décembre 2017", "25 de diciembre de 2017", "25.12.2017", "2017-12-25", the first of the
month written "1er mars 2018" or "1.º de mayo de 2018", "13 сент. 2019", "2019年9月27日", and
mid.ru's date glued to a time ("25 December 201711:16").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

_MONTH_STEMS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "январ", "янв", "januar", "jänner", "janvier", "janv", "enero"),
    2: ("february", "feb", "феврал", "февр", "februar", "février", "fevrier", "févr", "febrero"),
    3: ("march", "mar", "март", "märz", "marz", "mars", "marzo"),
    4: ("april", "apr", "апрел", "avril", "avr", "abril"),
    5: ("may", "ма", "mai", "mayo"),
    6: ("june", "jun", "июн", "juni", "juin", "junio"),
    7: ("july", "jul", "июл", "juli", "juillet", "juil", "julio"),
    8: ("august", "aug", "август", "août", "aout", "agosto"),
    9: ("september", "sep", "sept", "сентябр", "сент", "septembre", "septiembre", "setiembre"),
    10: ("october", "oct", "октябр", "окт", "oktober", "okt", "octobre", "octubre"),
    11: ("november", "nov", "ноябр", "нояб", "novembre", "noviembre"),
    12: ("december", "dec", "декабр", "дек", "dezember", "dez", "décembre", "decembre", "déc",
         "diciembre"),
}
# Russian month forms: the stem plus a case ending (январь/января, март/марта, май/мая).
_RU_ENDINGS = ("", "а", "я", "ь", "й")

_WORD = r"[^\W\d_]+\.?"
_DAY = r"(?P<day>[0-3]?\d)"
# The first of the month as French and Spanish write it: "1er mars", "1.º de mayo", "1° de mayo".
_FIRST = r"(?:(?<=1)(?:er|ᵉʳ|\.?º|°))?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?P<time>[0-2]?\d[:.][0-5]\d)"

_PATTERNS = [
    # 25 December 2017 / 25 декабря 2017 года / 25. Dezember 2017 / 25 de diciembre de 2017
    re.compile(rf"{_DAY}{_FIRST}\.?\s+(?:de\s+)?(?P<month>{_WORD})\s+(?:de\s+)?{_YEAR}"
               r"(?:\s*(?:года|г\.))?"),
    # December 25, 2017
    re.compile(rf"(?P<month>{_WORD})\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}"),
    # 25.12.2017
    re.compile(r"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>\d{4})"),
    # 2017-12-25
    re.compile(r"(?P<year>\d{4})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)"),
    # 2019年9月27日 (Chinese, Japanese)
    re.compile(r"(?P<year>\d{4})\s?年\s?(?P<mnum>[01]?\d)\s?月\s?(?P<day>[0-3]?\d)\s?日"),
]


# Day names a dateline may carry ("Friday, 25 December 2017", "Moscow, Monday, ..."), en/ru/de/fr/es.
_WEEKDAYS = frozenset("""
    monday tuesday wednesday thursday friday saturday sunday
    понедельник вторник среда четверг пятница суббота воскресенье
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles miercoles jueves viernes sábado sabado domingo
""".split())
_LEADING_WEEKDAY = re.compile(r"^([^\W\d_]+)\s*,?\s+")


def is_weekday(word: str) -> bool:
    """True for the name of a day of the week in en, ru, de, fr or es ("Friday", "пятница")."""
    return word.strip(" ,.").lower() in _WEEKDAYS


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: ISO value, optional HH:MM time, and the matched span."""

    iso: str
    time: str | None
    start: int
    end: int


def month_number(word: str) -> int | None:
    """The month (1-12) a month name or abbreviation in en/ru/de/fr/es stands for."""
    w = word.lower().rstrip(".")
    for number, stems in _MONTH_STEMS.items():
        for stem in stems:
            if w == stem:
                return number
            if any(w == stem + ending for ending in _RU_ENDINGS) and re.match("[а-я]", stem):
                return number
    return None


def find_date(text: str) -> DateMatch | None:
    """The first date in ``text`` (leftmost), with a time glued or appended to it."""
    best: DateMatch | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m)
            if iso is None:
                continue
            end = m.end()
            time = None
            # mid.ru glues the time to the year: "25 December 201711:16"
            t = re.compile(r"\s*,?\s*" + _TIME + r"\b").match(text, end)
            if t:
                time = _norm_time(t.group("time"))
                end = t.end()
            if best is None or m.start() < best.start:
                best = DateMatch(iso, time, m.start(), end)
            break
    return best


def parse_date_line(line: str) -> DateMatch | None:
    """A date if ``line`` is nothing but a date (and optional time, and the day of the
    week before it: "Friday, 25 December 2017"), else ``None``."""
    stripped = line.strip()
    day = _LEADING_WEEKDAY.match(stripped)
    start = day.end() if day and is_weekday(day.group(1)) else 0
    match = find_date(stripped)
    if match and match.start == start and match.end == len(stripped):
        return match
    return None


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    if month is None:
        return None
    try:
        return _date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def _norm_time(value: str) -> str | None:
    hours, minutes = re.split(r"[:.]", value)
    if int(hours) > 23:
        return None
    return f"{int(hours):02d}:{minutes}"
