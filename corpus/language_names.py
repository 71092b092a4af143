"""Languages by name, as a page's language switcher may list its editions.

A switcher names the editions in the page's language ("Английский | Русский" on a Russian
page), each in its own ("English | Русский | Deutsch | Français | Español"), or by code
("EN | RU | DE", "eng / rus"). The names are those of alinea's core languages in each of
them, with the short forms switchers use; they are compared case-folded and without
accents ("Francais", "ESPAÑOL").
"""

from __future__ import annotations

import unicodedata

__all__ = ["language_of_name", "language_of_code"]

_NAMES: dict[str, tuple[str, ...]] = {
    # its own name, then in English, Russian, German, French and Spanish; short forms last
    "en": ("english", "английский", "englisch", "anglais", "inglés", "англ", "eng"),
    "ru": ("русский", "russian", "russisch", "russe", "ruso", "рус", "rus"),
    "de": ("deutsch", "german", "немецкий", "allemand", "alemán", "нем", "deu", "ger"),
    "fr": ("français", "french", "французский", "französisch", "francés", "фр", "fra",
           "fre"),
    "es": ("español", "spanish", "испанский", "spanisch", "espagnol", "castellano", "исп",
           "spa", "esp"),
}


def _fold(word: str) -> str:
    """``word`` case-folded, its accents taken off ("Français" → "francais")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_BY_NAME = {_fold(name): code for code, names in _NAMES.items() for name in names}


def language_of_name(word: str) -> str | None:
    """The code of the language ``word`` names ("Русский" → "ru", "Allemand" → "de",
    "ENG" → "en"); ``None`` for any other word."""
    return _BY_NAME.get(_fold(word))


def language_of_code(word: str) -> str | None:
    """``word`` as the two-letter code of a language named here ("EN", "ru"); ``None``
    for any other word."""
    code = word.lower()
    return code if code in _NAMES else None
