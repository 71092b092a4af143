"""Helpers the export writers share: XML-safe text and a zip archive written as a stream.

``zip_stream`` writes members one after another into a ZIP that is never seeked, so it can
be sent over HTTP while it is being made (ZIP data descriptors, APPNOTE 4.3.9: sizes follow
each member's data when the writer cannot go back).
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

__all__ = ["xml_text", "xml_attr", "zip_stream", "CHUNK"]

#: Bytes gathered before a chunk is handed on.
CHUNK = 64 * 1024

#: Every member is a regular file readable by all (rw-r--r--), in the Unix mode bits of
#: its external attributes (APPNOTE 4.4.15). zipfile gives a member written under a bare
#: name 0600, so an archivist unzipping an export got files only they could read.
_MEMBER_ATTR = (stat.S_IFREG | 0o644) << 16

# Characters XML 1.0 cannot hold (section 2.2): C0 controls other than tab, LF, CR;
# surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` escaped for XML character data, without characters XML forbids."""
    return escape(_NOT_XML.sub("", text))


def xml_attr(text: str) -> str:
    """``text`` as a quoted XML attribute value (quotes included)."""
    return quoteattr(_NOT_XML.sub("", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class _Sink(io.RawIOBase):
    """A write-only, unseekable file that keeps what is written until drained."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self.pending = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._chunks.append(bytes(data))
        self.pending += len(data)
        return len(data)

    def drain(self) -> bytes:
        out = b"".join(self._chunks)
        self._chunks.clear()
        self.pending = 0
        return out


def zip_stream(members: Iterable[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    """A deflated ZIP of ``(name, chunks)`` members, yielded in chunks as it is written."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so unzip applies the mode on every platform
            info.external_attr = _MEMBER_ATTR
            with archive.open(info, "w") as member:
                for chunk in chunks:
                    member.write(chunk)
                    if sink.pending >= CHUNK:
                        yield sink.drain()
            if sink.pending:
                yield sink.drain()
    yield sink.drain()
