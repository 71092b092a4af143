"""Bytes to text: the exact reading for aligner input, the normalised one for transcripts."""

from __future__ import annotations

import pytest

from alinea.corpus.decode import decode_bytes, decode_text
from alinea.errors import EmptyInputError, EncodingError

LINES = "Первая строка.\r\nВторая\fтретья.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_bytes_keeps_every_line_as_it_is_in_any_unicode_with_a_bom(encoding):
    assert decode_bytes(LINES.encode(encoding), "x.txt") == LINES


def test_decode_bytes_reads_a_named_encoding():
    assert decode_bytes(LINES.encode("cp1251"), "x.txt", "cp1251") == LINES


def test_decode_bytes_names_the_line_of_a_bad_byte_and_suggests_an_encoding():
    with pytest.raises(EncodingError) as err:
        decode_bytes("ok\nok\nПривет".encode("cp1251"), "x.txt")
    assert str(err.value).startswith("x.txt:3: not valid utf-8 at byte 6")
    assert "--encoding cp1251" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_file_cut_off_inside_a_character_is_called_cut_off_not_another_encoding(encoding):
    data = "Заголовок\nВопрос: Как дела".encode(encoding)[:-1]
    with pytest.raises(EncodingError) as err:
        decode_text(data, "x.txt")
    assert str(err.value).startswith("x.txt:2: the file ends in the middle of a character (byte ")
    assert str(err.value).endswith("it looks cut off; copy or download it again")


def test_decode_text_normalises_line_ends_and_page_breaks():
    assert decode_text(LINES.encode("utf-16"), "x.txt") == "Первая строка.\nВторая\n\nтретья.\n"


@pytest.mark.parametrize("data", [b"", b" \n\t\n"])
def test_decode_text_refuses_an_empty_file(data):
    with pytest.raises(EmptyInputError):
        decode_text(data, "x.txt")
