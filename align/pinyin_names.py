"""Chinese names and their pinyin spellings: *宝玉* ↔ *Bao-yu*, *陈清扬* ↔ *Chen Qingyang*.

Translators from Chinese spell people and places in pinyin (older ones in Wade-Giles:
*Pao-yü*). A name is a strong anchor between a Chinese sentence and its translation, the
way a transliterated name is between Cyrillic and Latin
(:mod:`alinea.align.score_lexical`), but Chinese has no spelling to compare: the name has
to be read. Each Chinese character is read with every one of its toneless readings in
pinyin and Wade-Giles (pypinyin's dictionary, shipped in its wheel), and a capitalised
word or run of words of the other edition (``Bao-yu``, ``Qingyang``, ``Chen Qingyang``,
``Xi'an``) is a name of a Chinese sentence when two or more consecutive characters read
exactly as its letters.

Both sides then carry the same feature for the name, so a pair of sentences that share it
score as sharing a transliterated name. Words that happen to spell pinyin but name nothing
in the Chinese text (*Banana*) find no characters and stay out of the features.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from pypinyin import Style, pinyin

#: a capitalised word, with hyphen- or apostrophe-joined lower-case parts (``Bao-yu``)
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][a-zà-ÿ]*(?:[-'’][a-zà-ÿ]+)*(?![\w-])")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: a name must cover at least this many characters: a single syllable (*Jia*) is read
#: by too many common characters (家, 加, 假) to tell anything
MIN_CHARS = 2
#: and at least this many letters
MIN_LETTERS = 4


def _fold(text: str) -> str:
    """Lower case, no diacritics or separators: ``Lü Bu`` → ``lubu``."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if "a" <= ch <= "z")


@lru_cache(maxsize=32768)
def readings(char: str) -> tuple[str, ...]:
    """Every toneless reading of one character, in pinyin and in Wade-Giles, the older
    romanisation of many translations (``贾`` → ``('jia', 'gu', 'chia', 'ku')``)."""
    out: list[str] = []
    for style in (Style.NORMAL, Style.WADEGILES):
        found = pinyin(char, style=style, heteronym=True, v_to_u=True, errors="ignore")
        # pypinyin writes Wade-Giles ü as v; the apostrophe of aspiration folds away
        out.extend(_fold(r.replace("v", "u")) for r in (found[0] if found else ()))
    return tuple(dict.fromkeys(r for r in out if r))


def spellings(text: str) -> list[str]:
    """Candidate pinyin names of a sentence in a Latin-script language, folded.

    Each capitalised word (``Bao-yu`` → ``baoyu``) and each run of two or more
    adjacent capitalised words (``Chen Qingyang`` → ``chenqingyang``)."""
    out: list[str] = []
    run: list[str] = []
    last_end = -1
    for m in _NAME_WORD.finditer(text):
        word = _fold(m.group())
        if len(word) < 2:   # "I", "A": a pronoun or article, never part of a name
            _flush(run, out)
            run = []
            continue
        if run and text[last_end:m.start()] != " ":
            _flush(run, out)
            run = []
        run.append(word)
        last_end = m.end()
    _flush(run, out)
    return [s for s in dict.fromkeys(out) if len(s) >= MIN_LETTERS]


def _flush(run: list[str], out: list[str]) -> None:
    out.extend(run)
    if len(run) > 1:
        out.append("".join(run))


def names_read(text: str, wanted: frozenset[str], prefixes: frozenset[str],
               starts: re.Pattern[str] | None = None) -> list[str]:
    """The names of ``wanted`` that two or more consecutive characters of ``text`` read as.

    ``prefixes`` holds every prefix of every wanted name (see :func:`_prefixes`), so a
    reading that leads nowhere is dropped at once; ``starts`` (see :func:`_starts`)
    finds the characters a name can begin with."""
    found: list[str] = []
    for m in (starts or _HAN).finditer(text):
        stack = [(m.start(), "")]
        while stack:
            pos, sofar = stack.pop()
            if pos >= len(text):
                continue
            for r in readings(text[pos]):
                s = sofar + r
                if s not in prefixes:
                    continue
                if s in wanted and pos - m.start() + 1 >= MIN_CHARS:
                    found.append(s)
                stack.append((pos + 1, s))
    return list(dict.fromkeys(found))


def _han_chars(texts: Sequence[str]) -> frozenset[str]:
    return frozenset(ch for ch in set("".join(texts)) if _HAN.match(ch))


def _spelt_in(word: str, syllables: frozenset[str], longest: int = 6) -> bool:
    """Whether ``word`` is a run of ``syllables`` (``qingyang``, not ``party``)."""
    ends = [True] + [False] * len(word)
    for k in range(1, len(word) + 1):
        ends[k] = any(ends[j] and word[j:k] in syllables for j in range(max(0, k - longest), k))
    return ends[-1]


def _prefixes(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n[:k] for n in names for k in range(1, len(n) + 1))


def _starts(chars: frozenset[str], prefixes: frozenset[str]) -> re.Pattern[str]:
    """A pattern for the ``chars`` that some reading of begins a name."""
    first = sorted(ch for ch in chars if any(r in prefixes for r in readings(ch)))
    return re.compile("[" + re.escape("".join(first)) + "]" if first else "(?!)")


def shared_names(han: Sequence[str], latin: Sequence[str]
                 ) -> tuple[list[list[str]], list[list[str]]]:
    """Per sentence of each edition, the pinyin names that both editions have.

    ``han`` is the Chinese edition, ``latin`` the other one. A name counts on the Latin
    side only if some Chinese sentence reads as it, and on the Chinese side only if some
    Latin sentence spells it."""
    spelt = [spellings(t) for t in latin]
    chars = _han_chars(han)
    syllables = frozenset(r for ch in chars for r in readings(ch))
    wanted = frozenset(s for s in {s for ss in spelt for s in ss} if _spelt_in(s, syllables))
    if not wanted:
        return [[] for _ in han], [[] for _ in latin]
    prefixes = _prefixes(wanted)
    starts = _starts(chars, prefixes)
    read = [names_read(t, wanted, prefixes, starts) for t in han]
    confirmed = frozenset(s for rs in read for s in rs)
    return read, [[s for s in ss if s in confirmed] for ss in spelt]


def is_chinese(lang: str) -> bool:
    """Whether a language code names Chinese (``zh``, ``zh-Hant``, ``cmn``)."""
    return lang.lower().split("-")[0].split("_")[0] in {"zh", "cmn", "yue", "wuu", "lzh"}
