"""Moses plain-text export: two line-parallel files per language pair, in a ZIP.

Line *n* of ``NAME.SRC-TGT.SRC`` translates line *n* of ``NAME.SRC-TGT.TGT`` (the layout
Moses' ``train-model.perl --corpus NAME --f SRC --e TGT`` and OPUS' moses downloads use).
One bead is one line: its sentences joined by a space; beads with an empty side (1-0,
0-1) are left out, and line breaks inside a sentence become spaces so lines stay parallel.
Lines are spooled to temporary files (on disk past 4 MB) so that a large corpus streams.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO

from alinea.corpus.aligned_pairs import AlignedPair
from alinea.corpus.export_stream import CHUNK, zip_stream

__all__ = ["MEDIA_TYPE", "moses_chunks", "write_moses", "moses_line"]

MEDIA_TYPE = "application/zip"

_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def moses_line(text: str) -> str:
    """One segment as one Moses line (without the final newline)."""
    return _BREAKS.sub(" ", text).strip()


def _read(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK):
        yield chunk
    spool.close()


def moses_chunks(pairs: Iterable[AlignedPair], name: str = "alinea") -> Iterator[bytes]:
    """The ZIP of Moses files for ``pairs``, in chunks."""
    spools: dict[tuple[str, str], tuple[IO[bytes], IO[bytes]]] = {}
    for pair in pairs:
        if not pair.is_complete:
            continue
        key = (pair.src.lang, pair.tgt.lang)
        if key not in spools:
            spools[key] = (tempfile.SpooledTemporaryFile(4 << 20),
                           tempfile.SpooledTemporaryFile(4 << 20))
        src, tgt = spools[key]
        src.write((moses_line(pair.src.text) + "\n").encode("utf-8"))
        tgt.write((moses_line(pair.tgt.text) + "\n").encode("utf-8"))
    members = []
    for (sl, tl), (src, tgt) in spools.items():
        members.append((f"{name}.{sl}-{tl}.{sl}", _read(src)))
        members.append((f"{name}.{sl}-{tl}.{tl}", _read(tgt)))
    yield from zip_stream(members)


def write_moses(pairs: Iterable[AlignedPair], out: BinaryIO, name: str = "alinea") -> None:
    """Write the ZIP of Moses files for ``pairs`` to a binary file."""
    for chunk in moses_chunks(pairs, name):
        out.write(chunk)
