"""Bracket cost: a bead should not end inside a parenthesis that the next sentence closes.

Sentence splitters cut at colons and abbreviations inside parentheses and
references (``( « Alpine Journal » No .`` | ``293 , Nov .`` | ``1956 , S. 340-343 ) .``).
The pieces are one sentence: the gold aligns them together. A sentence that leaves a
bracket open which one of the next few sentences closes is *glued* to the next one. A
bead that ends between two glued sentences on one side but not on the other costs 1
(times the aligner's ``bracket_penalty``); when both sides were cut at the same place,
the cut is consistent and costs nothing. Leaving a glued sentence unaligned costs the
penalty too (``skip_costs``).

On textberg-dev (12 glued German and 7 glued French sentences) this gives +0.0035
strict F1; sets without such splits are unchanged.

Quotations are brackets too (:class:`QuoteScorer`, :func:`quote_profile`). A literary
translation splits a line of dialogue where the original does not (``'It's easy for you
to talk,' said Gou-er, 'but what do you expect me to do?`` | ``Go out and rob?'``
against one Chinese sentence that opens and closes the quotation): a bead that ends
inside the English quotation but after the Chinese one is the usual wrong boundary.
On MAC-Dev (Chinese–English literary, two documents) the quote cost, with gap splits
that may not cut a quotation, takes strict F1 from 0.898 to 0.925; textberg-dev, the
hunalign sets and synthetic PUD are unchanged, nonlit-en-zh gains 0.0005.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from alinea.align.score_base import Prepared, Scorer

_OPEN = "([{（【"
_CLOSE = ")]}）】"
#: a bracket left open is only glue if it is closed within this many sentences
REACH = 3


def _profile(text: str) -> tuple[int, int]:
    """(lowest running depth, final depth) of the brackets in ``text``, starting at 0."""
    depth = low = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            low = min(low, depth)
    return low, depth


#: quotation marks that open or close by their shape, when the spaces around them do
#: not tell (Chinese has no spaces; French sets « and » off with spaces on both sides)
_QUOTE_OPENS = "“„«‘「『‹"
_QUOTE_CLOSES = "”»’」』›"
_QUOTES = _QUOTE_OPENS + _QUOTE_CLOSES + "\"'"
_QUOTE_RE = re.compile("[" + re.escape(_QUOTES) + "]")
#: single quotes, which double as apostrophes
_SINGLE = "'‘’‹›"
#: characters after which a quotation mark opens (and before which one closes)
_LEFT_EDGE = _OPEN
_RIGHT_EDGE = _CLOSE + ".,;:!?。，；：！？…"


def quote_profile(text: str) -> tuple[int, int]:
    """(lowest running depth, final depth) of the quotations in ``text``.

    A quotation mark opens when it follows a space (or the start, or an opening
    bracket) and is followed by none, and closes in the mirror case: so
    ``'It's easy,' said Gou-er, 'but`` opens, closes, opens, and the apostrophe of
    *It's* is neither. When both or neither side is a space, the mark's shape decides
    (``“``, ``«``, ``「`` open; ``”``, ``»``, ``」`` close); a straight ``"`` or ``'``
    then counts as nothing. A single quote after a letter (``'nephew' is``, but also
    French ``n' est`` and English ``the boys' toys``) closes only a single quote that
    this sentence opened; otherwise it is an apostrophe."""
    depth = low = single = 0
    last = len(text) - 1
    for match in _QUOTE_RE.finditer(text):
        k, ch = match.start(), match.group()
        before = k == 0 or text[k - 1].isspace() or text[k - 1] in _LEFT_EDGE
        after = k == last or text[k + 1].isspace() or text[k + 1] in _RIGHT_EDGE
        if before != after:
            opens = before
        elif ch in _QUOTE_OPENS:
            opens = True
        elif ch in _QUOTE_CLOSES:
            opens = False
        else:
            continue
        if ch in _SINGLE:
            if opens:
                single += 1
            elif k and text[k - 1].isalpha() and not single:
                continue
            else:
                single = max(0, single - 1)
        if opens:
            depth += 1
        else:
            depth -= 1
            low = min(low, depth)
    return low, depth


def glued(texts: Sequence[str], reach: int = REACH,
          profile: Callable[[str], tuple[int, int]] = _profile) -> np.ndarray:
    """``out[k]`` is True when sentence ``k`` ends inside a bracket that one of the next
    ``reach`` sentences closes (so ``k`` and ``k + 1`` belong together). A bracket not
    closed within reach is forgotten. ``profile`` reads one sentence's brackets
    (:func:`quote_profile` makes quotations the brackets)."""
    n = len(texts)
    prof = [profile(t) for t in texts]
    out = np.zeros(n, dtype=bool)
    depth = 0
    for k in range(n):
        low, final = prof[k]
        depth = max(0, depth + final, final - low)
        if not depth or k == n - 1:
            continue
        ahead = depth
        for d in range(k + 1, min(n, k + 1 + reach)):
            if ahead + prof[d][0] <= 0:
                out[k] = True
                break
            ahead += prof[d][1]
        if not out[k]:
            depth = 0
    return out


class _PreparedBrackets(Prepared):
    def __init__(self, src_glue: np.ndarray, tgt_glue: np.ndarray):
        self.src_glue = src_glue.astype(np.float64)
        self.tgt_glue = tgt_glue.astype(np.float64)

    def block(self, a: int, b: int, r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
        # the window src[r : r + a] ends between sentences r + a - 1 and r + a
        s = self.src_glue[r0 + a - 1:r1 + a - 1]
        t = self.tgt_glue[c0 + b - 1:c1 + b - 1]
        return np.abs(s[:, None] - t[None, :])

    def skip_costs(self) -> tuple[np.ndarray, np.ndarray]:
        # a glued sentence left out splits its bracket as much as a bead ending there
        return self.src_glue, self.tgt_glue


class BracketScorer(Scorer):
    """1 per side for a bead that ends between two sentences of one bracket."""

    name = "brackets"

    def prepare(self, src: Sequence[str], tgt: Sequence[str], src_lang: str,
                tgt_lang: str) -> _PreparedBrackets:
        return _PreparedBrackets(glued(src), glued(tgt))


class QuoteScorer(Scorer):
    """1 per side for a bead that ends between two sentences of one quotation."""

    name = "quotes"

    def __init__(self, reach: int = REACH):
        self.reach = reach

    def prepare(self, src: Sequence[str], tgt: Sequence[str], src_lang: str,
                tgt_lang: str) -> _PreparedBrackets:
        return _PreparedBrackets(glued(src, self.reach, quote_profile),
                                 glued(tgt, self.reach, quote_profile))
