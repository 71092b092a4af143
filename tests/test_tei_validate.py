"""Validation: both schemas, line-numbered findings, unique ids, resolving pointers, safe
includes, and alinea's schema kept in step with its RelaxNG compact source."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources

import pytest
from tei_samples import FULL, toy_segment

from alinea.errors import SchemaError, TEIError
from alinea.tei.build import build_tei, tei_bytes
from alinea.tei.safe_xml import parse_xml_bytes
from alinea.tei.validate import (
    alinea_schema, assert_valid, check_references, expand_includes, load_schema, validate_file,
    validate_tree,
)


def built() -> bytes:
    return tei_bytes(build_tei(FULL, sentences=True, segment=toy_segment))


def line_of(data: bytes, needle: bytes) -> int:
    return data[: data.index(needle)].count(b"\n") + 1


def test_markup_alinea_never_writes_is_tei_but_not_alinea_tei(tmp_path, tei_schemas):
    data = built().replace(b"<note type=\"speaker\">Question:</note>",
                           b"<note type=\"speaker\"><hi>Question:</hi></note>")
    path = tmp_path / "edited.xml"
    path.write_bytes(data)
    findings = validate_file(path, tei_schemas)
    line = line_of(data, b"<hi>")
    assert findings and all(f.startswith(f"{path}:{line}: [alinea] ") for f in findings)
    assert validate_file(path, tei_schemas[1:]) == []  # tei_all allows <hi> in <note>


def test_invalid_for_tei_all_too(tmp_path, tei_schemas):
    data = built().replace(b"<seg xml:id=\"mid3022157-en.seg1.1\">",
                           b"<seg xml:id=\"mid3022157-en.seg1.1\" bogus=\"1\">")
    path = tmp_path / "bogus.xml"
    path.write_bytes(data)
    findings = validate_file(path, tei_schemas)
    line = line_of(data, b"bogus=")
    assert any(f.startswith(f"{path}:{line}: [tei_all] ") for f in findings)
    assert any(f.startswith(f"{path}:{line}: [alinea] ") for f in findings)


def test_duplicate_ids_are_reported_with_both_lines():
    data = built().replace(b'xml:id="mid3022157-en.u2"', b'xml:id="mid3022157-en.u1"')
    tree = parse_xml_bytes(data)
    first = line_of(data, b'xml:id="mid3022157-en.u1"')
    second = data.count(b"\n", 0, data.index(b'xml:id="mid3022157-en.u1"', data.index(
        b'xml:id="mid3022157-en.u1"') + 1)) + 1
    assert check_references(tree, "f.xml") == [
        f"f.xml:{second}: xml:id 'mid3022157-en.u1' is also used on line {first}"]


def test_dangling_who_is_reported_though_both_schemas_accept_it(tei_schemas):
    data = built().replace(b'who="#mid3022157-en.questioner"', b'who="#mid3022157-en.nobody"')
    findings = validate_tree(parse_xml_bytes(data), tei_schemas, "f.xml")
    line = line_of(data, b"#mid3022157-en.nobody")
    assert findings == [f"f.xml:{line}: @who #mid3022157-en.nobody: no element has this xml:id"]


def test_assert_valid_raises_schema_error_holding_every_finding(tei_schemas):
    data = built().replace(b'ana="#mid3022157-en.role.guest"', b'ana="#nowhere"')
    with pytest.raises(SchemaError) as info:
        assert_valid(parse_xml_bytes(data), tei_schemas, "f.xml")
    assert len(info.value.messages) == data.count(b'ana="#nowhere"') == 2
    assert str(info.value).startswith("f.xml: 2 problem(s), first: f.xml:")


@pytest.mark.parametrize("href", ["../outside.xml", "/etc/passwd", "http://127.0.0.1:9/x.xml",
                                  "file:///etc/passwd"])
def test_includes_outside_the_corpus_folder_are_refused(href, tmp_path, tei_schemas):
    corpus = tmp_path / "c.xml"
    corpus.write_text('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" '
                      'xmlns:xi="http://www.w3.org/2001/XInclude">\n'
                      f'<xi:include href="{href}"/></teiCorpus>')
    findings = validate_file(corpus, tei_schemas)
    assert findings == [f"{corpus}:2: xi:include {href}: refusing to load {href!r}: only "
                        "files in the same folder are followed"]


def test_expand_includes_replaces_include_and_sets_xml_base():
    root = parse_xml_bytes(b'<c xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="a.xml"/></c>')
    expanded = expand_includes(root, {"a.xml": parse_xml_bytes(b"<a/>")}.__getitem__)
    assert expanded.getroot()[0].tag == "a"
    assert expanded.getroot()[0].get("{http://www.w3.org/XML/1998/namespace}base") == "a.xml"


def test_a_schema_that_is_not_relaxng_is_a_schema_error(tmp_path):
    path = tmp_path / "not.rng"
    path.write_text("<html/>")
    with pytest.raises(SchemaError, match="not a usable RelaxNG schema"):
        load_schema(path)
    rnc = tmp_path / "compact.rnc"
    rnc.write_text("start = element x { empty }")
    with pytest.raises(SchemaError, match="convert .rnc with trang"):
        load_schema(rnc)
    assert issubclass(SchemaError, TEIError)


def test_alinea_schema_is_shipped_as_package_data():
    assert alinea_schema().name == "alinea"
    folder = resources.files("alinea.tei") / "schema"
    assert (folder / "alinea.rng").is_file() and (folder / "alinea.rnc").is_file()


@pytest.mark.skipif(shutil.which("trang") is None, reason="trang is not installed")
def test_shipped_rng_is_generated_from_the_rnc(tmp_path):
    folder = resources.files("alinea.tei") / "schema"
    out = tmp_path / "alinea.rng"
    subprocess.run(["trang", "-I", "rnc", "-O", "rng", str(folder / "alinea.rnc"), str(out)],
                   check=True)
    assert out.read_text() == (folder / "alinea.rng").read_text(), \
        "tei/schema/alinea.rng is stale: regenerate it with trang (see alinea.rnc)"


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed (make system-deps)")
def test_jing_agrees_that_built_tei_is_valid(tmp_path, shared_dir):
    path = tmp_path / "doc.xml"
    path.write_bytes(built())
    folder = resources.files("alinea.tei") / "schema"
    tei_all = shared_dir / "data" / "tei" / "tei_all" / "tei_all.rng"
    result = subprocess.run(["jing", str(tei_all), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    result = subprocess.run(["jing", "-c", str(folder / "alinea.rnc"), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_alignment_links_must_point_at_sentences(tei_schemas):
    from tei_samples import toy_segment as seg

    from alinea.align.types import Alignment, Link
    from alinea.tei.parallel import build_corpus

    doc = FULL
    other = FULL.__class__(**{**FULL.__dict__, "id": "mid3022157-ru", "lang": "ru"})
    files = build_corpus("c", [doc, other], [Alignment((Link((0,), (0,)),), "en", "ru")],
                         segment=seg)
    name = "c.align.en-ru.xml"
    data = tei_bytes(files[name]).replace(b"mid3022157-en.xml#mid3022157-en.seg1.1.1",
                                          b"mid3022157-en.xml#mid3022157-en.u1")
    findings = validate_tree(parse_xml_bytes(data), tei_schemas, name, files.__getitem__)
    assert findings == [f"{name}:{line_of(data, b'<link ')}: @target "
                        "mid3022157-en.xml#mid3022157-en.u1: an alignment link must point at "
                        "<s>, not <u>"]
    data = data.replace(b"mid3022157-en.u1", b"mid3022157-en.nothing")
    findings = validate_tree(parse_xml_bytes(data), tei_schemas, name, files.__getitem__)
    assert findings[0].endswith("mid3022157-en.xml has no element with xml:id "
                                "'mid3022157-en.nothing'")
