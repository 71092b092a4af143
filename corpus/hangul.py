"""Hangul in Latin letters, by the Revised Romanization of Korean (2000), for ids.

Each syllable block (U+AC00-U+D7A3) is decomposed into its initial consonant, vowel and
final consonant (Unicode 15, section 3.12, "Conjoining Jamo Behavior") and each is written
as the Revised Romanization writes it, ㄹ after a final ㄹ as "l" ("ll"). The sound
changes between syllables are not written, as the romanization has it for given names
(so "신라" is "sinra" here, not the place name's "Silla"). A personal name's first
syllable is taken for the surname (two for the compound surnames), so "문재인" is
"Mun Jaein", as the romanization writes names, without its optional hyphen.
"""

from __future__ import annotations

import re

__all__ = ["romanise_hangul", "romanise_name", "HANGUL"]

HANGUL = re.compile(r"[\uac00-\ud7a3]")

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
             "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
           "wo", "we", "wi", "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
           "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")
_RIEUL_INITIAL, _RIEUL_FINAL = 5, 8
# Two-syllable surnames (the common ones); any other name's surname is its first syllable.
_COMPOUND_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})


def _jamo(ch: str) -> tuple[int, int, int]:
    index = ord(ch) - 0xAC00
    return index // 588, (index % 588) // 28, index % 28


def romanise_hangul(text: str) -> str:
    """``text`` with its Hangul syllables in Revised Romanization ("대한민국" → "daehanminguk");
    anything else is left as it is."""
    out: list[str] = []
    previous_final: int | None = None
    for ch in text:
        if not HANGUL.match(ch):
            out.append(ch)
            previous_final = None
            continue
        initial, vowel, final = _jamo(ch)
        onset = _INITIALS[initial]
        if initial == _RIEUL_INITIAL and previous_final == _RIEUL_FINAL:
            onset = "l"
        out.append(onset + _VOWELS[vowel] + _FINALS[final])
        previous_final = final
    return "".join(out)


def romanise_name(name: str) -> str:
    """A Korean name in Revised Romanization, surname apart and capitalised ("문재인" →
    "Mun Jaein", "남궁민수" → "Namgung Minsu", "문 재인" → "Mun Jaein"); a name written in
    several words keeps them, and words without Hangul are left as they are."""
    words = name.split()
    if len(words) == 1 and len(name) >= 2 and all(HANGUL.match(ch) for ch in name):
        cut = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) >= 3 else 1
        words = [name[:cut], name[cut:]]
    return " ".join(romanise_hangul(w).capitalize() if HANGUL.search(w) else w for w in words)
