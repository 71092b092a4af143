"""Bytes to text, refusing binary data and reporting bad encodings by line."""

from __future__ import annotations

import codecs
from pathlib import Path

from alinea.errors import EmptyInputError, EncodingError, InputError

# Characters XML 1.0 cannot carry (TEI output must be able to hold every character we keep).
_NOT_XML = ({chr(c) for c in range(32)} - {"\t", "\n", "\r"}) | {"\ufffe", "\uffff"}
_ENCODING_HINT = (" (if the file is in another encoding, name it: --encoding cp1251 or "
                  "--encoding latin-1 on the command line, charset=windows-1251 in an "
                  "upload's Content-Type)")


def read_text_file(path: str | Path, encoding: str | None = None) -> str:
    """A text file's content exactly as it is (see :func:`decode_bytes`); a file that is
    missing, a folder or unreadable raises ``InputError`` naming it."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", p) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", p) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", p) from None
    return decode_bytes(data, p, encoding)


def decode_bytes(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode a text file's bytes exactly as they are (line ends and lines untouched).

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are recognised; any other
    encoding must be named. A BOM is dropped. Raises ``EncodingError`` (naming the line)
    for binary data, an unknown encoding name or undecodable bytes.
    """
    if encoding is None:
        encoding = _encoding_from_bom(data)
    if encoding is None and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise EncodingError("binary data (NUL byte), not a text file", path, line)
    name = encoding or "utf-8-sig"
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {name!r}", path) from exc
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if exc.reason in ("unexpected end of data", "truncated data"):
            # The bytes are right but stop inside a character: the file was cut off
            # (an interrupted download or copy), which another encoding would not mend.
            raise EncodingError(f"the file ends in the middle of a character (byte {exc.start}): "
                                "it looks cut off; copy or download it again", path, line) from exc
        hint = "" if encoding else _ENCODING_HINT
        raise EncodingError(f"not valid {name.replace('-sig', '')} at byte {exc.start}{hint}",
                            path, line) from exc
    return text.lstrip("\ufeff")


def decode_text(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode a transcript file's bytes to text with normalised line ends.

    As :func:`decode_bytes`, and also raises ``EmptyInputError`` for an empty file and
    ``EncodingError`` (naming the line) for control characters XML cannot hold.
    """
    if not data.strip():
        raise EmptyInputError("file is empty", path)
    text = decode_bytes(data, path, encoding)
    # A form feed is a page break in text exports: it ends a paragraph like a blank line.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    for number, line_text in enumerate(text.split("\n"), start=1):
        bad = next((ch for ch in line_text if ch in _NOT_XML), None)
        if bad is not None:
            raise EncodingError(f"control character U+{ord(bad):04X} in text; the file looks "
                                "binary or corrupted", path, number)
    if not text.strip():
        raise EmptyInputError("file holds only whitespace", path)
    return text


def _encoding_from_bom(data: bytes) -> str | None:
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    return None
