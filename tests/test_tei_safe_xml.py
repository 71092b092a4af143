"""Untrusted XML: DTDs, external entities and entity bombs are refused, nothing is fetched."""

from __future__ import annotations

import pytest

from alinea.errors import TEIError, UnsafeXMLError
from alinea.tei.parse import read_tei
from alinea.tei.safe_xml import parse_xml, parse_xml_bytes

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>
"""


def _xxe(target: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE TEI [ <!ENTITY xxe SYSTEM "{target}"> ]>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&xxe;</p></TEI>\n').encode()


UNSAFE = [
    ("billion-laughs", BILLION_LAUGHS, 2),
    ("xxe-file", _xxe("file:///etc/passwd"), 2),
    ("xxe-network", _xxe("http://127.0.0.1:9/secret"), 2),
    ("external-dtd", b'<?xml version="1.0"?>\n\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">'
                     b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', 3),
    ("parameter-entity", b'<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><x/>', 1),
]


@pytest.mark.parametrize("name,data,line", UNSAFE, ids=[u[0] for u in UNSAFE])
def test_unsafe_xml_is_refused_with_its_line(name, data, line):
    with pytest.raises(UnsafeXMLError) as info:
        parse_xml_bytes(data, "in.xml")
    assert str(info.value).startswith(f"in.xml:{line}: document type declarations")
    assert "remove the DOCTYPE" in str(info.value)


def test_utf16_doctype_that_hides_from_the_byte_scan_is_still_refused():
    data = _xxe("file:///etc/passwd").decode().replace('<?xml version="1.0"?>',
                                                       '<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(UnsafeXMLError):
        parse_xml_bytes(data.encode("utf-16"))


def test_secret_file_content_never_appears(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "evil.xml"
    path.write_bytes(_xxe(secret.as_uri()))
    with pytest.raises(UnsafeXMLError) as info:
        read_tei(path)
    assert "TOP-SECRET" not in str(info.value)
    assert str(info.value).startswith(f"{path}:2: ")


def test_unsafe_xml_is_a_tei_error_so_callers_can_catch_one_type():
    assert issubclass(UnsafeXMLError, TEIError)


def test_malformed_xml_reports_file_and_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b'<?xml version="1.0"?>\n<TEI>\n<p>unclosed\n</TEI>\n')
    with pytest.raises(TEIError) as info:
        parse_xml(path)
    assert not isinstance(info.value, UnsafeXMLError)
    assert str(info.value).startswith(f"{path}:4: not well-formed XML")


def test_missing_file_is_a_tei_error(tmp_path):
    with pytest.raises(TEIError, match="cannot read file"):
        parse_xml(tmp_path / "nope.xml")


def test_plain_xml_keeps_whitespace_between_elements():
    tree = parse_xml_bytes(b'<seg><s>A.</s> <s>B.</s></seg>')
    assert tree.getroot()[0].tail == " "
