"""Language of a text, when the user did not say (py3langid, a model shipped in the wheel)."""

from __future__ import annotations

import re
from functools import lru_cache

from alinea.errors import LanguageError

#: Languages alinea segments with language-specific rules.
CORE_LANGUAGES: tuple[str, ...] = ("en", "ru", "de", "fr", "es")

# Candidate set for detection: the core languages plus those a multilingual corpus of
# transcripts plausibly holds. A closed set keeps short texts from being labelled with
# rare languages ("pcm" for a short English title), which open-set langid does.
_CANDIDATES = ("en", "ru", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "uk", "be", "bg",
               "sr", "hr", "sl", "hu", "ro", "fi", "sv", "da", "no", "et", "lv", "lt", "el", "tr",
               "ar", "fa", "he", "zh", "ja", "ko", "hi", "ka", "hy", "az", "kk", "uz", "vi", "id")

_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_CANDIDATES))
    return identifier


def detect_language(text: str, *, sample: int = 4000) -> str:
    """The ISO 639-1 code of ``text``'s language; ``LanguageError`` if there is no text."""
    sample_text = text[:sample]
    if not re.search(r"[^\W\d_]{2,}", sample_text):
        raise LanguageError("cannot detect the language: no words in the text (give --lang)")
    lang, _probability = _identifier().classify(sample_text)
    return str(lang)


def normalise_language(code: str) -> str:
    """"en-GB" → "en", "RU" → "ru"; ``LanguageError`` for something that is not a code."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if not _LANG_CODE.match(base):
        raise LanguageError(f"not a language code: {code!r} (use ISO 639-1, e.g. en, ru, de)")
    return base
