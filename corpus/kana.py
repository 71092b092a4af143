"""Kana in Latin letters, by modified Hepburn romanisation, for ids.

Hiragana and katakana (full or half width) are written syllable by syllable as Hepburn
writes them: "shi", "chi", "tsu", "fu", "ji" (for じ and ぢ), "zu" (ず and づ), を as "o";
a small ゃ, ゅ, ょ makes a digraph ("kya", "sha", "ja"), a small vowel after a katakana
syllable a sound of a loanword ("fa", "ti", "she", "wi"); っ doubles the consonant that
follows ("tch" before "ch"), ん is "n" and "n'" before a vowel or "y", and katakana's long
mark ー puts a macron on its vowel ("rāmen"). Vowels that kana spell out are written out
("とうきょう" is "toukyou"): whether they are one long vowel or two cannot be told from the
characters, as with Hangul's sound changes (``alinea.corpus.hangul``).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["romanise_kana", "romanise_name", "KANA"]

#: Hiragana, katakana and the long mark (full and half width); not the katakana middle dot
#: (U+30FB), which Chinese text uses in foreign names too.
KANA = re.compile(r"[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\uff66-\uff9d]")

# The hiragana syllables in Unicode order from ぁ (U+3041) to ゖ (U+3096); katakana
# follow the same order 0x60 further on. Small kana are written as their vowel or glide
# when nothing before them takes them.
_HIRAGANA = (
    "a a i i u u e e o o ka ga ki gi ku gu ke ge ko go sa za shi ji su zu se ze so zo "
    "ta da chi ji っ tsu zu te de to do na ni nu ne no ha ba pa hi bi pi fu bu pu he be pe "
    "ho bo po ma mi mu me mo ya ya yu yu yo yo ra ri ru re ro wa wa i e o n vu ka ke"
).split()
_SYLLABLES: dict[str, str] = {
    **{chr(0x3041 + offset): latin for offset, latin in enumerate(_HIRAGANA)},
    **{chr(0x30A1 + offset): latin for offset, latin in enumerate(_HIRAGANA)},
    "ヷ": "va", "ヸ": "vi", "ヹ": "ve", "ヺ": "vo",
}
_SOKUON = {"っ", "ッ"}
_N = {"ん", "ン"}
_GLIDES = {ch: _SYLLABLES[ch] for ch in "ゃゅょャュョ"}
_SMALL_VOWELS = {ch: _SYLLABLES[ch] for ch in "ぁぃぅぇぉァィゥェォゎヮ"}
_LONG_MARK = "ー"
_ITERATION = {"ゝ": False, "ヽ": False, "ゞ": True, "ヾ": True}  # mark: voiced
_MACRONS = dict(zip("aiueo", "āīūēō"))
_VOWELS = "aiueo"


def _consonant(latin: str) -> str:
    """A syllable without its vowel ("shi" → "sh", "tsu" → "ts")."""
    return latin.rstrip(_VOWELS)


def _with_small(latin: str, small: str) -> str | None:
    """The syllable ``latin`` makes with a small kana after it (``small`` written as its
    vowel or glide), or ``None`` when they make none (a small kana after a bare vowel)."""
    if small.startswith("y"):  # きゃ kya, しゃ sha, じゃ ja, デュ dyu
        if latin in ("shi", "chi", "ji"):
            return latin[:-1] + small[1:]
        if _consonant(latin):
            return _consonant(latin) + small
        return None
    if latin == "u":  # ウィ wi, ウェ we, ウォ wo
        return "w" + small
    if latin == "i" and small == "e":  # イェ ye
        return "ye"
    if _consonant(latin):  # ファ fa, ティ ti, シェ she, ツァ tsa, ヴァ va
        return _consonant(latin) + small
    return None


def _iterated(text: str) -> str:
    """``text`` with its iteration marks written as the kana they repeat ("みすゞ" →
    "みすず"): ゝ and ヽ repeat it, ゞ and ヾ voiced."""
    out: list[str] = []
    for ch in text:
        if ch in _ITERATION and out and out[-1] in _SYLLABLES:
            ch = unicodedata.normalize("NFC", out[-1] + "\u3099") if _ITERATION[ch] else out[-1]
        out.append(ch)
    return "".join(out)


def _syllables(text: str) -> list[tuple[str, bool]]:
    """``text`` as syllables in Latin letters and other characters, each with whether it
    is kana; っ, ん and ー are kept as they are for ``romanise_kana`` to write."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        small = _GLIDES.get(ch) or _SMALL_VOWELS.get(ch)
        if small is not None:
            previous, kana = out[-1] if out else ("", False)
            joined = _with_small(previous, small) if kana and previous.isascii() else None
            if joined is not None:
                out[-1] = (joined, True)
            else:
                out.append((small, True))
        elif ch in _SOKUON or ch in _N or ch == _LONG_MARK:
            out.append((ch, True))
        elif ch in _SYLLABLES:
            out.append((_SYLLABLES[ch], True))
        else:
            out.append((ch, False))
    return out


def romanise_kana(text: str) -> str:
    """``text`` with its kana in modified Hepburn ("さくら" → "sakura", "まっちゃ" →
    "matcha", "ラーメン" → "rāmen"); anything else is left as it is. Half-width kana and
    kana with a combining sound mark are read as their full-width, composed forms (the
    text is normalised NFKC first)."""
    syllables = _syllables(_iterated(unicodedata.normalize("NFKC", text)))
    out: list[str] = []
    for index, (latin, kana) in enumerate(syllables):
        following, following_kana = syllables[index + 1] if index + 1 < len(syllables) \
            else ("", False)
        if not kana:
            out.append(latin)
        elif latin in _SOKUON:
            if following_kana and following.startswith("ch"):
                out.append("t")
            elif following_kana and following.isascii() and following[:1] not in _VOWELS:
                out.append(following[:1])
        elif latin in _N:
            apostrophe = following_kana and following[:1] in _VOWELS + "y"
            out.append("n'" if apostrophe else "n")
        elif latin == _LONG_MARK:
            if out and out[-1][-1:] in _MACRONS:
                out[-1] = out[-1][:-1] + _MACRONS[out[-1][-1]]
        else:
            out.append(latin)
    return "".join(out)


# What separates the parts of a name written in kana: spaces, the katakana middle dot and
# double hyphen ("セルゲイ・ラブロフ", "ジョン゠スミス"), or an equals sign in their stead.
_NAME_SEPARATOR = re.compile(r"[\s・゠=]+")


def romanise_name(name: str) -> str:
    """A name in kana in modified Hepburn, each of its parts capitalised ("ラブロフ" →
    "Raburofu", "セルゲイ・ラブロフ" → "Serugei Raburofu", "やまだ たろう" → "Yamada
    Tarou"); parts without kana are left as they are."""
    parts = _NAME_SEPARATOR.split(unicodedata.normalize("NFKC", name).strip())
    return " ".join(romanise_kana(part).capitalize() if KANA.search(part) else part
                    for part in parts if part)
