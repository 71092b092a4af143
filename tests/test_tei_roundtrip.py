"""TEI is lossless: model → TEI → model is equal, TEI → model → TEI is byte-identical
after canonicalisation, by hand-made transcripts and on every seed."""

from __future__ import annotations

import dataclasses
import pytest
from lxml import etree
from tei_samples import FULL, MINIMAL, SPEECH, toy_segment

from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.errors import TEIError
from alinea.tei.build import build_tei, tei_bytes
from alinea.tei.parse import parse_tei, read_tei
from alinea.tei.safe_xml import parse_xml_bytes

def c14n(tree) -> bytes:
    return etree.tostring(tree, method="c14n2")


def roundtrip(doc: Transcript, sentences: bool, segment=toy_segment):
    data = tei_bytes(build_tei(doc, sentences=sentences, segment=segment))
    back = parse_tei(parse_xml_bytes(data))
    again = build_tei(back, sentences=sentences, segment=segment)
    return data, back, again


ODD = Transcript(
    id="odd.doc-1",
    title="  spaced\ttitle\n",
    lang="ru",
    turns=(Turn("s", (Paragraph("line one\nline two"), Paragraph(" "),
                      Paragraph("]]> & < > \" '"), Paragraph("‘quoted’ — “dash”", lang="en"))),),
    speakers=(Speaker("s", "", "other"),),
    boilerplate=(Boilerplate("", "other", 1), Boilerplate("* * * * *", "separator", 99)),
    editions=(), is_translation=None, original_lang=None, source_id="not an NCName: 42",
)
HAND_MADE = [FULL, MINIMAL, SPEECH, ODD]


@pytest.mark.parametrize("doc", HAND_MADE, ids=lambda d: d.id)
@pytest.mark.parametrize("sentences", [False, True])
def test_hand_made_transcripts_round_trip(doc, sentences, assert_tei_valid):
    data, back, again = roundtrip(doc, sentences)
    assert back == doc
    assert c14n(again) == c14n(parse_xml_bytes(data))
    assert tei_bytes(again) == data
    assert_tei_valid(again)


@pytest.mark.parametrize("field,value", [
    ("is_translation", None), ("is_translation", False), ("is_translation", True),
    ("editions", ("en",)), ("original_lang", "zh"), ("kind", "press-conference"),
    ("time", "09:05:30"), ("time", "25:61"), ("date", "2017-02-30"), ("date", "12/25/2017"), ("outlet", ""), ("source_url", "https://mid.ru/?a=1&b=<2>"),
])
def test_each_optional_field_round_trips(field, value, assert_tei_valid):
    doc = dataclasses.replace(FULL, **{field: value})
    data, back, again = roundtrip(doc, False)
    assert back == doc
    assert_tei_valid(again)


def test_every_seed_round_trips_through_tei(seeds_dir, assert_tei_valid, tmp_path):
    read_transcript = pytest.importorskip("alinea.corpus.readers").read_transcript
    segment = pytest.importorskip("alinea.align.segment").segment
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert seeds, f"no seeds in {seeds_dir}"
    for seed, sentences in ((seed, s) for seed in seeds for s in (False, True)):
        doc = read_transcript(seed)
        data, back, again = roundtrip(doc, sentences, segment)
        assert back == doc, f"{seed.name}: model → TEI → model differs"
        assert c14n(again) == c14n(parse_xml_bytes(data)), f"{seed.name}: TEI differs"
        out = tmp_path / f"{doc.id}.{sentences}.xml"
        out.write_bytes(data)
        assert read_tei(out) == doc
        assert read_transcript(out) == doc  # the readers accept alinea TEI too
        assert_tei_valid(out)


@pytest.mark.parametrize("note,is_translation", [(b"yes", True), (b"no", False)])
def test_translation_note_of_files_written_before_derivation_still_reads(note, is_translation,
                                                                          assert_tei_valid):
    data = tei_bytes(build_tei(dataclasses.replace(FULL, is_translation=None)))
    older = data.replace(b'<note type="original-language">',
                         b'<note type="translation">' + note + b'</note>\n'
                         b'          <note type="original-language">')
    assert older != data
    assert parse_tei(parse_xml_bytes(older)) == dataclasses.replace(
        FULL, is_translation=is_translation)
    assert_tei_valid(parse_xml_bytes(older))


def test_a_derivation_other_than_original_or_translation_is_refused():
    data = tei_bytes(build_tei(FULL)).replace(b'derivation type="translation"',
                                              b'derivation type="revision"')
    with pytest.raises(TEIError, match="derivation type must be original or translation, "
                                       "not 'revision'"):
        parse_tei(parse_xml_bytes(data))


def test_sentence_markup_reads_back_as_the_exact_paragraph(assert_tei_valid):
    doc = dataclasses.replace(MINIMAL, speakers=(Speaker("a", "A"),), turns=(
        Turn("a", (Paragraph("One.   Two?\nThree!  "),)),))
    tree = build_tei(doc, sentences=True, segment=toy_segment)
    assert len(tree.xpath("//*[local-name()='s']")) == 3
    assert parse_tei(tree) == doc
    assert_tei_valid(tree)


NOT_ALINEA = [
    ("wrong-root", b'<x xmlns="http://www.tei-c.org/ns/1.0"/>',
     "root element is <x> in namespace http://www.tei-c.org/ns/1.0; alinea reads TEI P5"),
    ("no-namespace", b'<TEI/>', r"root element is <TEI> in namespace \(none\)"),
    ("corpus", b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"/>',
     "this is a teiCorpus of several editions: read its edition files"),
    ("no-id", b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"/>',
     "<TEI> needs xml:id and xml:lang"),
    ("no-header", b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="a" xml:lang="en">\n<text/></TEI>',
     "expected exactly one t:teiHeader"),
]


@pytest.mark.parametrize("name,data,message", NOT_ALINEA, ids=[n[0] for n in NOT_ALINEA])
def test_tei_that_alinea_did_not_write_is_refused_with_a_reason(name, data, message):
    with pytest.raises(TEIError, match=message):
        parse_tei(parse_xml_bytes(data))


@pytest.mark.parametrize("edit, needle, message", [
    ((b'who="#mid3022157-en.LavrovSergey"', b'who="#mid3022157-en.Lavrov"'),
     b'who="#mid3022157-en.Lavrov"',
     '<u> who="#mid3022157-en.Lavrov" names no <person> of the header\'s listPerson'),
    ((b'<div type="interview">', b'<div type="poem">'), b'<div type="poem">',
     "div type 'poem' is not a kind alinea knows (interview, speech, remarks, "
     "press-conference, answer, statement, article, briefing, other)"),
    ((b'role="guest"', b'role="minister"'), b'role="minister"',
     "person role 'minister' is not one of interviewer, guest, chair, speaker, audience, other"),
    ((b'xml:lang="en">', b'xml:lang="en_GB">'), b'xml:lang="en_GB">',
     "xml:lang 'en_GB' is not a language code (BCP 47, e.g. 'en')"),
], ids=["dangling-who", "unknown-kind", "unknown-role", "language-name"])
def test_a_hand_edited_file_that_the_model_cannot_hold_is_refused_with_its_line(
        tmp_path, edit, needle, message):
    data = tei_bytes(build_tei(FULL)).replace(*edit)
    path = tmp_path / "edited.xml"
    path.write_bytes(data)
    line = data[: data.index(needle)].count(b"\n") + 1
    with pytest.raises(TEIError) as info:
        read_tei(path)
    assert str(info.value) == f"{path}:{line}: {message}"


def test_unexpected_markup_in_a_seg_is_refused_with_its_line(tmp_path):
    data = tei_bytes(build_tei(FULL)).replace(b"Question one?", b"Question <hi>one</hi>?")
    path = tmp_path / "edited.xml"
    path.write_bytes(data)
    line = data[: data.index(b"<hi>")].count(b"\n") + 1
    with pytest.raises(TEIError) as info:
        read_tei(path)
    assert str(info.value) == f"{path}:{line}: <seg> may hold only text and <s>"
