"""Cheap lexical anchors: numbers, names (Latin ↔ Cyrillic), telling punctuation.

Each sentence becomes a bag of anchor features, hashed into a small count vector so that
a window's bag is the sum of its sentences' vectors and a block of costs is one matrix
product. Features:

- numbers, with thousands separators and decimal marks dropped (``1,000`` = ``1000``
  = ``1 000``; ``3.5`` = ``3,5``);
- capitalised words that are not sentence-initial, reduced to a transliterated
  skeleton of their first consonants, so that *Dyhrenfurth* matches *Дюренфурт*
  and *Tschaikowsky*/*Чайковский*/*Tchaïkovski* all give ``hkvs``. A sentence-initial
  capitalised word counts too when the other edition has the same skeleton in
  mid-sentence: splitters cut after initials (``durch B.M .`` | ``Abalakow , ...``),
  and the name that opens the next piece is what shows the cut;
- between Chinese and a Latin-script language, names that Chinese characters read as
  in pinyin and the other edition spells (*宝玉* / *Bao-yu*; see :mod:`pinyin_names`);
- ``?``, ``!``, quotation marks, colons and parentheses, with a lower weight.

The cost is minus the cosine of the two bags (0 when either has none) plus a penalty
when both sides carry numbers and share none, plus a *leak* penalty per number or name
that one side of the bead has and the other side lacks while a sentence right next to
it has it. Translators move a clause across a sentence boundary; then the number or
name of that clause sits in the neighbour, and the gold bead is the merge of both
sentences. A leak counts the moved anchor against the 1-1 beads, never against the
merge.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache
from collections.abc import Sequence

import numpy as np

from alinea.align.pinyin_names import is_chinese, shared_names
from alinea.align.score_base import Prepared, Scorer

DIM = 256
_NUM_DIMS = 64   # numbers hash into [0, 64); everything else into [64, 256)

_CYR = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "i", "e", "g", "u"]))
# Spelling variants that transliterations disagree on, collapsed in the skeleton.
_FOLD = [("tsch", "ch"), ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"),
         ("ch", "h"), ("ph", "f"), ("th", "t"), ("ts", "s"), ("tz", "s"), ("ck", "k"),
         ("qu", "k")]
_SINGLE = str.maketrans({"y": "i", "j": "i", "w": "v", "c": "k", "q": "k", "x": "ks",
                         "z": "s", "e": "i"})

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_WORD = re.compile(r"[^\W\d_][^\W_]*", re.UNICODE)
_PUNCT = {"?": "P?", "¿": "P?", "？": "P?", "!": "P!", "¡": "P!", "！": "P!",
          ":": "P:", "：": "P:", "(": "P(", "（": "P(",
          "\"": "P\"", "“": "P\"", "”": "P\"", "„": "P\"", "«": "P\"", "»": "P\"",
          "「": "P\"", "」": "P\"", "『": "P\"", "』": "P\""}
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT)) + "]")
PUNCT_WEIGHT = 0.5
#: names read from Chinese characters (pinyin_names) match like names but never count
#: as leaks: translators from Chinese put a pronoun where the original repeats a name
#: (毛泽东同志还把... | He also used ...), and as leaks they cost that link more than they
#: saved elsewhere
_PINYIN = "M~"
SKELETON = 4


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A transliterated, spelling-folded consonant prefix (``Шольц``, ``Scholz`` → ``sls``)."""
    w = word.lower()
    w = "".join(_CYR.get(ch, ch) for ch in w)
    w = "".join(ch for ch in unicodedata.normalize("NFKD", w) if not unicodedata.combining(ch))
    for a, b in _FOLD:
        w = w.replace(a, b)
    w = w.translate(_SINGLE)
    if len(w) > 1:
        # vowels and h after the first letter vary most between transliterations
        w = w[0] + re.sub(r"[aiouh]", "", w[1:])
    w = re.sub(r"(.)\1+", r"\1", w)           # doubled letters
    return w[:SKELETON]


def features(text: str, known: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
    """The anchor features of one sentence, with weights.

    A capitalised sentence-initial word counts as a name only when its skeleton is in
    ``known`` (names the other edition has in mid-sentence)."""
    return _confirmed(_candidates(text), known)


def _candidates(text: str) -> list[tuple[str, float]]:
    """Features, with the skeleton of a capitalised first word marked ``n`` (a name
    only if the other side confirms it)."""
    out: list[tuple[str, float]] = []
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        out.append(("#" + digits.lstrip("0")[:12] or "#0", 1.0))
    words = list(_WORD.finditer(text))
    for k, m in enumerate(words):
        w = m.group()
        if len(w) < 3 or not w[0].isupper():
            continue
        if not (w[0].isascii() or "\u0400" <= w[0] <= "\u04ff" or w[0].isalpha()):
            continue
        sk = skeleton(w)
        if len(sk) >= 2:
            out.append(("N" + sk if k else "n" + sk, 1.0))
    for ch in _PUNCT_RE.findall(text):
        out.append((_PUNCT[ch], PUNCT_WEIGHT))
    return out


def _confirmed(cands: list[tuple[str, float]], known: frozenset[str]) -> list[tuple[str, float]]:
    return [("N" + f[1:], w) if f[0] == "n" else (f, w) for f, w in cands
            if f[0] != "n" or f[1:] in known]


def names(texts: Sequence[str]) -> frozenset[str]:
    """Skeletons of the mid-sentence names in ``texts``."""
    return _names([_candidates(t) for t in texts])


def _names(cands: list[list[tuple[str, float]]]) -> frozenset[str]:
    return frozenset(f[1:] for c in cands for f, _ in c if f[0] == "N")


@lru_cache(maxsize=65536)
def _bucket(feature: str) -> int:
    h = zlib.crc32(feature.encode("utf-8"))
    if feature.startswith("#"):
        return h % _NUM_DIMS
    return _NUM_DIMS + h % (DIM - _NUM_DIMS)


def _vectors(cands: Sequence[list[tuple[str, float]]], known: frozenset[str] = frozenset()
            ) -> tuple[np.ndarray, np.ndarray]:
    """Hashed vectors ``(len(cands), DIM)`` per sentence, from its candidate features
    (:func:`_candidates`) confirmed against ``known``: the weighted anchor counts, and
    the presence of number and name anchors (the ones whose leaks count; punctuation
    does not)."""
    counts = np.zeros((len(cands), DIM), dtype=np.float32)
    anchors = np.zeros((len(cands), DIM), dtype=bool)
    for r, c in enumerate(cands):
        for f, w in _confirmed(c, known):
            k = _bucket(f)
            counts[r, k] += w
            if f[0] in "#N":
                anchors[r, k] = True
    return counts, anchors


def _cumulative(v: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros((1, v.shape[1]), np.float32), np.cumsum(v, axis=0)])


class PreparedLexical(Prepared):
    """Count vectors ``sv``/``tv`` per sentence and, for leaks, boolean anchor presence
    ``sa``/``ta`` (both from :func:`_vectors`)."""

    def __init__(self, sv: np.ndarray, tv: np.ndarray, number_penalty: float,
                 leak_penalty: float = 0.0, sa: np.ndarray | None = None,
                 ta: np.ndarray | None = None):
        self._cs, self._ct = _cumulative(sv), _cumulative(tv)
        self.number_penalty = number_penalty
        self.leak_penalty = leak_penalty if sa is not None and ta is not None else 0.0
        if self.leak_penalty:
            # presence as booleans, one empty row before and _PAD (> MAX_BEAD_SIDE)
            # after: windows and their neighbours are plain slices
            self._sa, self._ta = _padded(sa), _padded(ta)

    def _win(self, cs: np.ndarray, k: int, r0: int, r1: int) -> np.ndarray:
        return cs[r0 + k:r1 + k] - cs[r0:r1]

    def block(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        u = self._win(self._cs, a, r0, r1)
        v = self._win(self._ct, b, c0, c1)
        num = u[:, :_NUM_DIMS] @ v[:, :_NUM_DIMS].T
        dot = num + u[:, _NUM_DIMS:] @ v[:, _NUM_DIMS:].T
        nu = np.sqrt(np.einsum("ij,ij->i", u, u))
        nv = np.sqrt(np.einsum("ij,ij->i", v, v))
        cost = -dot / np.maximum(nu[:, None] * nv[None, :], 1e-9)
        if self.number_penalty:
            un = u[:, :_NUM_DIMS].any(axis=1)
            vn = v[:, :_NUM_DIMS].any(axis=1)
            cost += self.number_penalty * ((un[:, None] & vn[None, :]) & (num <= 0))
        if self.leak_penalty:
            cost += self.leak_penalty * self.leaks(a, b, r0, r1, c0, c1)
        return cost

    def leaks(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        """Anchors of one side that the other side's window lacks but its neighbours have.

        Per target window the "leaked" set (anchors of the sentence before or after it,
        not in it) is fixed, so counting the source anchors in it is one product.
        """
        ua = _present(self._sa, a, r0, r1)
        va = _present(self._ta, b, c0, c1)
        near_t = _neighbours(self._ta, b, c0, c1) & ~va
        near_s = _neighbours(self._sa, a, r0, r1) & ~ua
        return (ua.astype(np.float32) @ near_t.T.astype(np.float32)
                + near_s.astype(np.float32) @ va.T.astype(np.float32))


_PAD = 8


def _padded(vecs: np.ndarray) -> np.ndarray:
    dim = vecs.shape[1]
    return np.concatenate([np.zeros((1, dim), vecs.dtype), vecs,
                           np.zeros((_PAD, dim), vecs.dtype)])


def _present(padded: np.ndarray, k: int, r0: int, r1: int) -> np.ndarray:
    """Anchors present anywhere in each k-window starting at rows ``r0 .. r1 - 1``."""
    out = padded[r0 + 1:r1 + 1].copy()
    for d in range(1, k):
        out |= padded[r0 + 1 + d:r1 + 1 + d]
    return out


def _neighbours(padded: np.ndarray, k: int, r0: int, r1: int) -> np.ndarray:
    """Anchors present in the sentence before or the sentence after each k-window.

    ``padded`` holds the sentences' anchor rows after one empty row, so row ``r`` of the
    original is row ``r + 1`` here and windows near either end read empty rows.
    """
    return padded[r0:r1] | padded[r0 + k + 1:r1 + k + 1]


def _add_pinyin_names(cs: list[list[tuple[str, float]]], ct: list[list[tuple[str, float]]],
                      src: Sequence[str], tgt: Sequence[str], src_is_chinese: bool) -> None:
    """Add the pinyin names both editions share (:mod:`pinyin_names`) to the candidate
    features of each sentence (``M~baoyu``)."""
    han, latin = (src, tgt) if src_is_chinese else (tgt, src)
    read, spelt = shared_names(han, latin)
    per_src, per_tgt = (read, spelt) if src_is_chinese else (spelt, read)
    for cands, found in ((cs, per_src), (ct, per_tgt)):
        for c, names_ in zip(cands, found):
            c.extend((_PINYIN + n, 1.0) for n in names_)


class LexicalScorer(Scorer):
    """Anchor overlap: numbers, transliterated names, ``?``/``!``/quotes."""

    name = "lex"

    def __init__(self, number_penalty: float = 0.5, leak_penalty: float = 0.0):
        self.number_penalty = number_penalty
        self.leak_penalty = leak_penalty

    def prepare(self, src: Sequence[str], tgt: Sequence[str], src_lang: str,
                tgt_lang: str) -> PreparedLexical:
        cs, ct = [_candidates(t) for t in src], [_candidates(t) for t in tgt]
        if is_chinese(src_lang) != is_chinese(tgt_lang):
            _add_pinyin_names(cs, ct, src, tgt, is_chinese(src_lang))
        (sv, sa), (tv, ta) = _vectors(cs, _names(ct)), _vectors(ct, _names(cs))
        return PreparedLexical(sv, tv, self.number_penalty, self.leak_penalty, sa, ta)
