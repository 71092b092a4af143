"""TSV export: one line per aligned bead, with a header line.

Columns: ``src_lang tgt_lang src_text tgt_text confidence bead origin src_document
tgt_document src_sentences tgt_sentences`` (sentence positions, 0-based, space-separated).
Tabs and line breaks inside a sentence become spaces, so every bead is exactly one line;
an empty side (1-0, 0-1) is an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from alinea.corpus.aligned_pairs import AlignedPair

__all__ = ["MEDIA_TYPE", "COLUMNS", "tsv_chunks", "write_tsv"]

MEDIA_TYPE = "text/tab-separated-values; charset=utf-8"

COLUMNS = ("src_lang", "tgt_lang", "src_text", "tgt_text", "confidence", "bead", "origin",
           "src_document", "tgt_document", "src_sentences", "tgt_sentences")

_BREAKS = re.compile(r"[\t\r\n\u2028\u2029\x0b\x0c\x85]+")


def cell(text: str) -> str:
    """``text`` made safe for one TSV cell."""
    return _BREAKS.sub(" ", text)


def _line(pair: AlignedPair) -> str:
    values = (pair.src.lang, pair.tgt.lang, pair.src.text, pair.tgt.text,
              f"{pair.confidence:.4f}", pair.kind, pair.origin, pair.src.document_key,
              pair.tgt.document_key, " ".join(map(str, pair.src.positions)),
              " ".join(map(str, pair.tgt.positions)))
    return "\t".join(cell(v) for v in values) + "\n"


def tsv_chunks(pairs: Iterable[AlignedPair], batch: int = 500) -> Iterator[bytes]:
    """The TSV file for ``pairs`` in UTF-8 chunks."""
    buffer = ["\t".join(COLUMNS) + "\n"]
    for pair in pairs:
        buffer.append(_line(pair))
        if len(buffer) >= batch:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    yield "".join(buffer).encode("utf-8")


def write_tsv(pairs: Iterable[AlignedPair], out: BinaryIO) -> None:
    """Write the TSV file for ``pairs`` to a binary file."""
    for chunk in tsv_chunks(pairs):
        out.write(chunk)
