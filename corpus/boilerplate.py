"""Lines of a web export that are page furniture, not transcript: what they are, by pattern.

Each recognised line is kept as ``Boilerplate`` with its kind, never silently dropped.
"""

from __future__ import annotations

import re

from alinea.corpus.language_names import language_of_code, language_of_name

# Site navigation that mid.ru exports carry above or below the text (en, ru, de, fr, es).
_NAVIGATION = re.compile(
    r"^(?:translation \(original\)|перевод \(оригинал\)|übersetzung \(original\)|"
    r"traduction \(original\)|traducción \(original\)|speeches by minister|"
    r"выступления министра|reden des ministers|discours du ministre|discursos del ministro|"
    r"advanced settings|расширенные настройки|erweiterte einstellungen|paramètres avancés|"
    r"configuración avanzada|print version|версия для печати|share|поделиться)$",
    re.IGNORECASE,
)
# The "Additional materials" block lists related organisations until the page ends.
_RELATED_HEADER = re.compile(
    r"^(?:additional materials|дополнительные материалы|zusätzliche materialien|"
    r"weitere materialien|documents complémentaires|matériaux supplémentaires|"
    r"materiales adicionales|materiales complementarios)$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^(?:[_=~\-–—]{5,}|(?:\*\s*){3,}|(?:#\s*){3,})$")
# A republisher's source and picture credits: "Zdroj: URL", "Ilustračné foto: URL".
_REPUBLISHER = re.compile(
    r"^(?P<what>zdroj(?: a ilustračné foto)?|source|источник|quelle|fuente|ilustračné foto|"
    r"illustrative photo|фото|photo|foto)\s*:\s*(?P<url>https?://\S+)\s*$",
    re.IGNORECASE,
)
_SOURCE_WORDS = {"zdroj", "zdroj a ilustračné foto", "source", "источник", "quelle", "fuente"}
# A page footer's copyright line ("© 2005–2017 The Ministry of Foreign Affairs ...", "Все
# права защищены"), which a page saved from a browser carries below the text.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))|"
    r"^(?:all rights reserved|все права защищены|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados)\.?$",
    re.IGNORECASE,
)
# mid.ru's language switcher: "• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1".
_LANGUAGE_MARKER = re.compile(r"^[•·*\-]?\s*(?:[a-z]{2}-[A-Z]{2}\d*\s*){1,12}$")
# Another site's switcher lists its editions by name or code between separators
# ("English | Русский", "EN / RU / DE"), under a bullet or not.
_MARKER_BULLET = re.compile(r"^[•·*\-]\s*")
_MARKER_SEPARATOR = re.compile(r"\s*[|/·•,;]\s*|\s+[–—\-]\s+")


def is_navigation(line: str) -> bool:
    """True for site navigation such as "Translation (original)" or "Advanced settings"."""
    return bool(_NAVIGATION.match(line.strip()))


def is_translation_switch(line: str) -> bool:
    """True for mid.ru's "Translation (original)" switch (en, ru, de, fr, es), which a page
    published as a translation shows as a link to its original."""
    return is_navigation(line) and line.strip().lower().startswith(
        ("translation", "перевод", "übersetzung", "traduc"))


def is_related_header(line: str) -> bool:
    """True for the "Additional materials" header that starts a list of related links."""
    return bool(_RELATED_HEADER.match(line.strip()))


def is_separator(line: str) -> bool:
    """True for a separator line ("_____", "* * * * *")."""
    return bool(_SEPARATOR.match(line.strip()))


def is_copyright(line: str) -> bool:
    """True for a footer's copyright line ("© 2017 The Ministry ...", "All rights reserved")."""
    stripped = line.strip()
    return len(stripped) <= 200 and bool(_COPYRIGHT.match(stripped))


def republisher_url(line: str) -> tuple[str, bool] | None:
    """(URL, is-source) for a republisher line; is-source says it names the original."""
    m = _REPUBLISHER.match(line.strip())
    if not m:
        return None
    return m.group("url"), m.group("what").lower() in _SOURCE_WORDS


def language_editions(line: str) -> tuple[str, ...] | None:
    """("de", "en", ...) from a language-marker line, in its order; ``None`` otherwise.

    A marker is mid.ru's ("• de-DE1 en-GB1"), or a list of two or more languages and
    nothing else: names ("English | Русский | Deutsch", in any of the core languages, see
    ``alinea.corpus.language_names``), or codes between separators ("EN | RU"). A line
    that says anything more ("English and Russian", "Russian.") is not one."""
    stripped = line.strip()
    if _LANGUAGE_MARKER.match(stripped):
        codes = re.findall(r"([a-z]{2})-[A-Z]{2}", stripped)
        return tuple(dict.fromkeys(codes))
    return _listed_languages(_MARKER_BULLET.sub("", stripped))


def _listed_languages(line: str) -> tuple[str, ...] | None:
    """The languages of a line listing two or more of them by name or code; a bare code
    ("de", "es" are Spanish words too) counts only between separators, not spaces."""
    separated = [part for part in _MARKER_SEPARATOR.split(line) if part]
    words = [word for part in separated for word in part.split()]
    if len(words) < 2 or len(words) > 12:
        return None
    codes = []
    for word in words:
        code = language_of_name(word)
        if code is None and len(separated) == len(words):
            code = language_of_code(word)
        if code is None:
            return None
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def source_id_from_url(url: str) -> str | None:
    """The numeric content id of a mid.ru-style URL (".../content/id/3785238?..." → "3785238")."""
    m = re.search(r"/content/id/(\d+)", url) or re.search(r"/(\d{5,})(?:/|\?|$)", url)
    return m.group(1) if m else None
