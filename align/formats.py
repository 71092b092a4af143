"""Reading aligner input and writing alignments: TSV, JSON and vecalign bead lines.

Writers are pure functions from an :class:`Alignment` (plus the sentence texts) to a
string; the CLI prints them. Users see their words: TSV and JSON carry the text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from alinea.align.blocks import Place
from alinea.align.types import Alignment
from alinea.corpus.decode import read_text_file
from alinea.errors import EmptyInputError, InputError

FORMATS = ("tsv", "json", "beads")


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """A text file's lines exactly as they are, with errors that name the file.

    UTF-8 (a BOM is dropped) and UTF-16/32 with a BOM are read as they are; another
    encoding (``cp1251``, ``latin-1``) must be named (see
    :func:`alinea.corpus.decode.read_text_file`).
    """
    text = read_text_file(path, encoding)
    if not text.strip():
        raise EmptyInputError("file is empty: nothing to align", path)
    return text


def split_lines(text: str) -> list[str]:
    """One sentence per line, kept exactly (only the final newline and CRs dropped)."""
    text = text.replace("\r\n", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def read_sentences(path: str | Path, lang: str, sentences_per_line: bool,
                   encoding: str | None = None) -> tuple[list[str], list[Place] | None]:
    """Sentences of a file and, when segmenting, where each is (paragraph, and turn in a
    transcript: see :mod:`alinea.align.blocks`).

    With ``sentences_per_line`` every line is one unit, even a blank one, so indices
    match line numbers (as gold files expect). A transcript (mid.ru export, HTML, alinea
    TEI) is read by :mod:`alinea.corpus.readers`, so headers, speaker labels and page
    furniture are not aligned as text. Otherwise the text is cut at blank lines into
    paragraphs and each paragraph is segmented by :mod:`alinea.align.segment`.
    """
    text = read_text(path, encoding)
    if sentences_per_line:
        return split_lines(text), None
    from alinea.corpus.readers import looks_like_transcript

    if looks_like_transcript(text):
        from alinea.corpus.readers import read_bytes
        from alinea.corpus.sentences import document_sentences, places

        # the bytes read_text decoded (less a BOM), not a second read of the file
        doc = read_bytes(text.encode("utf-8"), path, lang or None)
        found = document_sentences(doc)
        if not found:
            raise EmptyInputError("no sentences found", path)
        return [s.text for s in found], places(doc, found)
    from alinea.align.segment import segment_paragraphs

    sentences: list[str] = []
    where: list[Place] = []
    for k, para in enumerate(segment_paragraphs(text, lang)):
        for s in para:
            sentences.append(s.text)
            where.append(Place(k))
    if not sentences:
        raise EmptyInputError("no sentences found", path)
    return sentences, where


def _side(indices: Sequence[int], texts: Sequence[str]) -> str:
    return " ".join(texts[i] for i in indices)


def _clean(cell: str) -> str:
    return cell.replace("\t", " ").replace("\n", " ")


def to_tsv(alignment: Alignment, src: Sequence[str], tgt: Sequence[str]) -> str:
    """``source text<TAB>target text<TAB>confidence`` per link, one line each."""
    lines = [f"{_clean(_side(link.src, src))}\t{_clean(_side(link.tgt, tgt))}\t"
             f"{link.confidence:.3f}" for link in alignment.links]
    return "\n".join(lines) + ("\n" if lines else "")


def to_json(alignment: Alignment, src: Sequence[str], tgt: Sequence[str]) -> str:
    """The alignment as one JSON object: languages, signature and links with text."""
    doc = {
        "src_lang": alignment.src_lang,
        "tgt_lang": alignment.tgt_lang,
        "signature": alignment.signature,
        "links": [{"src": list(link.src), "tgt": list(link.tgt),
                   "confidence": round(link.confidence, 4),
                   "src_text": _side(link.src, src), "tgt_text": _side(link.tgt, tgt)}
                  for link in alignment.links],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_beads(alignment: Alignment, with_confidence: bool = False) -> str:
    """vecalign bead lines, ``[0]:[0, 1]``; optionally ``:0.93`` confidence after each."""
    lines = []
    for link in alignment.links:
        line = f"[{', '.join(map(str, link.src))}]:[{', '.join(map(str, link.tgt))}]"
        if with_confidence:
            line += f":{link.confidence:.4f}"
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def render(alignment: Alignment, src: Sequence[str], tgt: Sequence[str], fmt: str) -> str:
    """The alignment in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "tsv":
        return to_tsv(alignment, src, tgt)
    if fmt == "json":
        return to_json(alignment, src, tgt)
    if fmt == "beads":
        return to_beads(alignment)
    raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
