"""TMX 1.4b export: one translation unit per aligned bead.

TMX 1.4b (https://www.gala-global.org/tmx-14b): ``<tmx version="1.4">``, a ``<header>``
with its required attributes, then ``<body>`` of ``<tu>``s, each with ``<prop>``s (which
must precede the ``<tuv>``s) and one ``<tuv xml:lang>`` per language holding a ``<seg>``.
A bead with an empty side (1-0, 0-1) is not a translation unit and is left out. The
bead's sentences are joined by a space into one ``seg``. User-defined properties start
with ``x-`` as section 3.1.1 asks: confidence, bead kind, origin, documents and sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from alinea import __version__
from alinea.corpus.aligned_pairs import AlignedPair
from alinea.corpus.export_stream import xml_attr, xml_text

__all__ = ["MEDIA_TYPE", "tmx_chunks", "write_tmx"]

MEDIA_TYPE = "application/x-tmx+xml"


def _header(srclang: str | None) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        f'  <header creationtool="alinea" creationtoolversion={xml_attr(__version__)} '
        'segtype="sentence" o-tmf="alinea" adminlang="en" '
        f'srclang={xml_attr(srclang or "*all*")} datatype="plaintext"/>\n'
        "  <body>\n"
    )


def _positions(side_positions: tuple[int, ...]) -> str:
    return " ".join(str(p) for p in side_positions)


def _tu(number: int, pair: AlignedPair) -> str:
    props = [
        ("x-confidence", repr(round(pair.confidence, 6))),
        ("x-bead", pair.kind),
        ("x-origin", pair.origin),
        ("x-source-document", pair.src.document_key),
        ("x-target-document", pair.tgt.document_key),
        ("x-source-sentences", _positions(pair.src.positions)),
        ("x-target-sentences", _positions(pair.tgt.positions)),
    ]
    lines = [f"    <tu tuid=\"{number}\" srclang={xml_attr(pair.src.lang)}>"]
    lines += [f"      <prop type=\"{name}\">{xml_text(value)}</prop>" for name, value in props]
    for side in (pair.src, pair.tgt):
        lines.append(f"      <tuv xml:lang={xml_attr(side.lang)}><seg>{xml_text(side.text)}"
                     "</seg></tuv>")
    lines.append("    </tu>\n")
    return "\n".join(lines)


def tmx_chunks(pairs: Iterable[AlignedPair], srclang: str | None = None,
               batch: int = 200) -> Iterator[bytes]:
    """The TMX document for ``pairs``, in UTF-8 chunks of about ``batch`` units.

    ``srclang`` goes in the header; the default ``*all*`` says sources may be in any
    language (TMX 1.4b, section 3.1.1, ``srclang``).
    """
    # The header goes out with the first units, as tsv_chunks's column line does: the
    # first chunk reads the store, so a store failing as it is read fails before anything
    # is sent (the API's 503), not after a header (a 200 cut short).
    buffer: list[str] = [_header(srclang)]
    number = 0
    for pair in pairs:
        if not pair.is_complete:
            continue
        number += 1
        buffer.append(_tu(number, pair))
        if len(buffer) >= batch:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    buffer.append("  </body>\n</tmx>\n")
    yield "".join(buffer).encode("utf-8")


def write_tmx(pairs: Iterable[AlignedPair], out: BinaryIO, srclang: str | None = None) -> None:
    """Write the TMX document for ``pairs`` to a binary file."""
    for chunk in tmx_chunks(pairs, srclang):
        out.write(chunk)
