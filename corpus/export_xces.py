"""XCES export, as OPUS distributes sentence-aligned corpora, in a ZIP.

Members:

* ``SRC-TGT.xml``: one ``<cesAlign>`` per language pair (XCES, http://www.xces.org/;
  OPUS' layout), with a ``<linkGrp targType="s" fromDoc toDoc>`` per document pair and a
  ``<link xtargets="1 2;3" certainty>`` per bead. ``xtargets`` lists source sentence ids,
  ``;``, then target sentence ids; a side may be empty (1-0, 0-1), as in OPUS.
* ``LANG/DOC.xml``: each document as OPUS' *raw* sentence files: ``<document id>`` holding
  ``<s id="N">text</s>``, where ``N`` is the sentence's 1-based position in the document.
  Only sentences some bead mentions are written (for a query export, the matches).

OpusTools reads the result directly: ``OpusRead(alignment_file="en-ru.xml",
preprocess="raw", download_dir=FOLDER, ...)`` with the ZIP unpacked in ``FOLDER``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO

from alinea.corpus.aligned_pairs import AlignedPair, Side
from alinea.corpus.export_stream import CHUNK, xml_attr, xml_text, zip_stream

__all__ = ["MEDIA_TYPE", "xces_chunks", "write_xces", "document_path"]

MEDIA_TYPE = "application/zip"

_ALIGN_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
               '<!DOCTYPE cesAlign PUBLIC "-//CES//DTD XML cesAlign//EN" "">\n'
               '<cesAlign version="1.0">\n')


def document_path(side: Side) -> str:
    """Where a document's sentence file goes in the archive: ``LANG/DOC.xml``."""
    return f"{side.lang}/{side.document_key}.xml"


def _ids(side: Side) -> str:
    return " ".join(str(p + 1) for p in side.positions)


def _read(spool: IO[bytes]) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK):
        yield chunk
    spool.close()


def _document(key: str, sentences: dict[int, str]) -> Iterator[bytes]:
    yield (f'<?xml version="1.0" encoding="utf-8"?>\n<document id={xml_attr(key)}>\n'
           ).encode("utf-8")
    lines = [f'<s id="{p + 1}">{xml_text(text)}</s>\n' for p, text in sorted(sentences.items())]
    yield "".join(lines).encode("utf-8")
    yield b"</document>\n"


def xces_chunks(pairs: Iterable[AlignedPair]) -> Iterator[bytes]:
    """The ZIP of cesAlign files and sentence files for ``pairs``, in chunks."""
    aligns: dict[tuple[str, str], IO[bytes]] = {}
    open_group: dict[tuple[str, str], tuple[str, str]] = {}
    documents: dict[str, tuple[str, dict[int, str]]] = {}
    number = 0
    for pair in pairs:
        key = (pair.src.lang, pair.tgt.lang)
        spool = aligns.get(key)
        if spool is None:
            spool = aligns[key] = tempfile.SpooledTemporaryFile(4 << 20)
            spool.write(_ALIGN_HEAD.encode("utf-8"))
        docs = (document_path(pair.src), document_path(pair.tgt))
        if open_group.get(key) != docs:
            if key in open_group:
                spool.write(b"</linkGrp>\n")
            spool.write(f'<linkGrp targType="s" fromDoc={xml_attr(docs[0])} '
                        f'toDoc={xml_attr(docs[1])}>\n'.encode("utf-8"))
            open_group[key] = docs
        number += 1
        spool.write(f'<link id="SL{number}" xtargets="{_ids(pair.src)};{_ids(pair.tgt)}" '
                    f'certainty="{pair.confidence:.4f}" type="{pair.kind}" '
                    f'origin="{pair.origin}"/>\n'.encode("utf-8"))
        for side, path in zip((pair.src, pair.tgt), docs):
            _key, sentences = documents.setdefault(path, (side.document_key, {}))
            sentences.update(zip(side.positions, side.texts))
    members: list[tuple[str, Iterable[bytes]]] = []
    for key, spool in aligns.items():
        spool.write(b"</linkGrp>\n</cesAlign>\n")
        members.append((f"{key[0]}-{key[1]}.xml", _read(spool)))
    for path, (doc_key, sentences) in sorted(documents.items()):
        members.append((path, _document(doc_key, sentences)))
    yield from zip_stream(members)


def write_xces(pairs: Iterable[AlignedPair], out: BinaryIO) -> None:
    """Write the XCES ZIP for ``pairs`` to a binary file."""
    for chunk in xces_chunks(pairs):
        out.write(chunk)
