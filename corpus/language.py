"""Language of a text, when the user did not say (py3langid, a model shipped in the wheel)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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
        raise LanguageError("cannot detect the language: no words in the text (give "
                            "{parameter})", parameter="lang")
    lang, _probability = _identifier().classify(sample_text)
    return str(lang)


def normalise_language(code: str) -> str:
    """"en-GB" → "en", "RU" → "ru"; ``LanguageError`` for something that is not a code."""
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if not _LANG_CODE.match(base):
        raise LanguageError(f"not a language code: {code!r} (use ISO 639-1, e.g. en, ru, de)")
    return base


# The script a language is written in, for those of the candidates that share one; a text
# in a script no other candidate uses is in that script's language.
_SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "CYRILLIC": ("ru", "uk", "be", "bg", "sr", "kk"),
    "ARABIC": ("ar", "fa"),
    "CJK": ("zh", "ja"),
    "HIRAGANA": ("ja",), "KATAKANA": ("ja",), "HANGUL": ("ko",), "GREEK": ("el",),
    "HEBREW": ("he",), "DEVANAGARI": ("hi",), "GEORGIAN": ("ka",), "ARMENIAN": ("hy",),
}
_NOT_LATIN = {lang for langs in _SCRIPT_LANGUAGES.values() for lang in langs}
_SCRIPT_LANGUAGES["LATIN"] = tuple(c for c in _CANDIDATES if c not in _NOT_LATIN)

#: Below this many letters a text is short: its words alone may not tell its language.
SHORT_TEXT = 300
#: How sure detection must be of a short text's language to go by its words alone: at
#: least this likely, and ``AHEAD`` times as likely as the next language. On the sample
#: corpus's paragraphs cut to their first 1 to 5 words, that took none wrongly (the bare
#: classifier labelled 112 of 566 wrongly) and left 45% to ``--lang``.
SURE = 0.5
AHEAD = 3.0

# A language code ending a file's name ("speech.en.txt", "speech_ru.html", "speech-de.txt").
_NAME_CODE = re.compile(r"[._\-]([a-z]{2})(?:\.[a-z]{2,5})?$", re.IGNORECASE)


def script_languages(text: str) -> tuple[str, ...]:
    """The candidate languages written in ``text``'s main script (of its letters), or all
    candidates when it has none alinea tells apart. Kana make a Han text Japanese."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    if counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0):
        return ("ja",)
    known = {s: n for s, n in counts.items() if s in _SCRIPT_LANGUAGES}
    if not known:
        return _CANDIDATES
    return _SCRIPT_LANGUAGES[max(known, key=lambda s: known[s])]


def name_language(path: str | Path) -> str | None:
    """The language a file's name ends with ("speech.en.txt", "speech_ru.html") or its
    folder is named for ("ru/speech.txt"), when it is a candidate; the name wins."""
    path = Path(str(path))
    m = _NAME_CODE.search(path.name)
    for code in (m.group(1) if m else None, path.parent.name):
        if code and code.lower() in _CANDIDATES:
            return code.lower()
    return None


def edition_language(body: str, *, title: str = "", path: str | Path | None = None,
                     editions: tuple[str, ...] = (), sample: int = 4000,
                     parameter: str = "lang", header: bool = True) -> str:
    """The language of an edition read without ``--lang``, from all it shows: its words
    (title and body), their script, the editions its page lists, its file's name.

    A long text goes by its words, among the languages of its script (and of the listed
    editions, when that leaves one). A short one (under ``SHORT_TEXT`` letters, where
    detection guesses: "Спасибо." reads as Uzbek) goes by its file's name, else by its
    words only when detection is sure (``SURE``, ``AHEAD``); else ``LanguageError`` names
    the likeliest languages and asks for the ``parameter`` that gives the language (or,
    with ``header``, a 'lang:' header line).
    """
    ask = "{parameter}, or a 'lang:' header line" if header else "{parameter}"
    text = f"{title}\n{body}"[:sample]
    if not re.search(r"[^\W\d_]{2,}", text):
        raise LanguageError(f"cannot detect the language: no words in the text (give {ask})",
                            path, parameter=parameter)
    allowed = script_languages(body if re.search(r"[^\W\d_]{2,}", body) else text)
    listed = [c for c in editions if c in allowed]
    if listed:
        allowed = tuple(listed)
    if len(allowed) == 1:
        return allowed[0]
    ranked = [(lang, p) for lang, p in _identifier().rank(text) if lang in allowed]
    total = sum(p for _, p in ranked) or 1.0
    ranked = [(lang, p / total) for lang, p in ranked]
    best, sure = ranked[0]
    if sum(ch.isalpha() for ch in text) >= SHORT_TEXT:
        return str(best)
    named = name_language(path) if path is not None else None
    if named in allowed:
        return named
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if sure >= SURE and sure >= AHEAD * runner_up:
        return str(best)
    guesses = ", ".join(f"{lang} {p:.0%}" for lang, p in ranked[:3])
    raise LanguageError(f"cannot tell the language of this short text ({{guesses}}): "
                        f"give {ask}", path, parameter=parameter, guesses=guesses)
