"""The model → TEI builder: layout, ids, header fields, sentences, and its errors."""

from __future__ import annotations

import dataclasses

import pytest
from lxml import etree
from tei_samples import FULL, MINIMAL, SPEECH, toy_segment

from alinea.align.types import Sentence
from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.errors import TEIError
from alinea.tei.build import TEI_NS, build_tei, sentence_ids, tei_bytes

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def one(tree, path):
    found = tree.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    return found[0]


@pytest.mark.parametrize("doc", [FULL, MINIMAL, SPEECH], ids=lambda d: d.id)
@pytest.mark.parametrize("sentences", [False, True])
def test_every_built_document_is_valid_against_both_schemas(doc, sentences, assert_tei_valid):
    assert_tei_valid(build_tei(doc, sentences=sentences, segment=toy_segment))


def test_root_carries_the_document_id_and_language():
    root = build_tei(FULL).getroot()
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert (root.get(XML_ID), root.get(XML_LANG)) == ("mid3022157-en", "en")


def test_turns_become_u_with_who_and_ana_parlamint_style():
    tree = build_tei(FULL)
    us = tree.xpath("//t:body/t:div[@type='interview']/t:u", namespaces=NS)
    assert [(u.get(XML_ID), u.get("who"), u.get("ana")) for u in us] == [
        ("mid3022157-en.u1", "#mid3022157-en.questioner", "#mid3022157-en.role.interviewer"),
        ("mid3022157-en.u2", "#mid3022157-en.LavrovSergey", "#mid3022157-en.role.guest"),
        ("mid3022157-en.u3", "#mid3022157-en.LavrovSergey", "#mid3022157-en.role.guest"),
        ("mid3022157-en.u4", "#mid3022157-en.audience", "#mid3022157-en.role.audience"),
    ]
    person = one(tree, "//t:listPerson/t:person[@xml:id='mid3022157-en.LavrovSergey']")
    assert person.get("role") == "guest"
    assert one(person, "t:persName").text == "Sergey Lavrov"
    assert one(tree, "//t:category[@xml:id='mid3022157-en.role.guest']/t:catDesc").text == "guest"


def test_paragraphs_become_seg_with_turn_and_paragraph_numbers_and_other_languages_marked():
    tree = build_tei(FULL)
    segs = tree.xpath("//t:u[2]/t:seg", namespaces=NS)
    assert [s.get(XML_ID) for s in segs] == ["mid3022157-en.seg2.1", "mid3022157-en.seg2.2",
                                            "mid3022157-en.seg2.3"]
    assert [s.get(XML_LANG) for s in segs] == [None, "ru", None]
    assert segs[2].text == "  leading and trailing whitespace kept  "


def test_printed_speaker_labels_are_notes_and_unlabelled_turns_have_none():
    tree = build_tei(FULL)
    labels = [u.xpath("string(t:note[@type='speaker'])", namespaces=NS)
              for u in tree.xpath("//t:u", namespaces=NS)]
    assert labels == ["Question:", "Sergey Lavrov:", "", "Voice from the audience:"]


HEADER = [
    ("//t:titleStmt/t:title[@type='main']", FULL.title),
    ("//t:sourceDesc/t:bibl/t:title", FULL.title),
    ("//t:bibl/t:orgName[@role='outlet']", "Trud"),
    ("//t:bibl/t:date[@when='2019-09-13']", "2019-09-13"),
    ("//t:bibl/t:time[@when='11:16:00']", "11:16"),
    ("//t:bibl/t:placeName", "Moscow"),
    ("//t:bibl/t:idno[@type='URI']", FULL.source_url),
    ("//t:bibl/t:idno[@type='source']", "3785238"),
    ("//t:bibl/t:note[@type='editions']", "de en es ru fr"),
    ("//t:bibl/t:note[@type='original-language']", "ru"),
    ("//t:settingDesc/t:setting/t:placeName", "Moscow"),
    ("//t:settingDesc/t:setting/t:date", "2019-09-13"),
    ("//t:langUsage/t:language[@ident='en']", "English"),
    ("//t:langUsage/t:language[@ident='ru']", "Russian"),
    ("//t:titleStmt/t:respStmt/t:persName[@ref='#mid3022157-en.LavrovSergey']", "Sergey Lavrov"),
    ("//t:appInfo/t:application[@ident='alinea']/t:label", "alinea"),
    ("//t:notesStmt/t:note[@type='boilerplate'][@subtype='separator'][@n='3']", "_" * 20),
    ("//t:notesStmt/t:note[@subtype='navigation'][not(@n)]", "Advanced settings"),
]


@pytest.mark.parametrize("path,text", HEADER, ids=[h[0] for h in HEADER])
def test_header_holds_the_metadata(path, text):
    assert one(build_tei(FULL), path).text == text


def test_dates_and_times_that_are_not_iso_stay_as_text_without_when():
    tree = build_tei(SPEECH)
    date, time = one(tree, "//t:bibl/t:date"), one(tree, "//t:bibl/t:time")
    assert (date.text, date.get("when"), time.text, time.get("when")) == (
        "7 février 2018", None, "20h08", None)


@pytest.mark.parametrize("is_translation,derivation", [
    (True, "translation"), (False, "original"), (None, None)])
def test_original_and_translation_are_told_by_text_desc_derivation(is_translation, derivation):
    tree = build_tei(dataclasses.replace(FULL, is_translation=is_translation))
    found = tree.xpath("//t:profileDesc/t:textDesc/t:derivation/@type", namespaces=NS)
    assert found == ([derivation] if derivation else [])
    # One way to say it: no note in the source description says it as well.
    assert not tree.xpath("//t:bibl/t:note[@type='translation']", namespaces=NS)


def test_text_desc_has_every_part_tei_requires_and_only_derivation_filled():
    text_desc = one(build_tei(SPEECH), "//t:profileDesc/t:textDesc")
    parts = [(etree.QName(e).localname, dict(e.attrib), len(e), e.text) for e in text_desc]
    assert parts == [("channel", {}, 0, None), ("constitution", {}, 0, None),
                     ("derivation", {"type": "original"}, 0, None), ("domain", {}, 0, None),
                     ("factuality", {}, 0, None), ("interaction", {}, 0, None),
                     ("preparedness", {}, 0, None), ("purpose", {}, 0, None)]


def test_minimal_transcript_has_no_optional_header_parts():
    tree = build_tei(MINIMAL)
    for absent in ("notesStmt", "particDesc", "settingDesc", "respStmt", "textDesc"):
        assert not tree.xpath(f"//t:{absent}", namespaces=NS), absent
    assert not tree.xpath("//t:bibl/t:note", namespaces=NS)


def test_building_twice_gives_the_same_bytes_and_ids():
    assert tei_bytes(build_tei(FULL, sentences=True, segment=toy_segment)) == tei_bytes(
        build_tei(FULL, sentences=True, segment=toy_segment))


def test_sentences_become_s_inside_seg_and_whitespace_between_them_is_kept():
    tree = build_tei(FULL, sentences=True, segment=toy_segment)
    seg = one(tree, "//t:seg[@xml:id='mid3022157-en.seg1.1']")
    assert etree.tostring(seg, encoding="unicode", with_tail=False) == (
        f'<seg xmlns="{TEI_NS}" xml:id="mid3022157-en.seg1.1">'
        '<s xml:id="mid3022157-en.seg1.1.1">Question one?</s>  '
        '<s xml:id="mid3022157-en.seg1.1.2">Two, with  spaces.</s></seg>')
    padded = one(tree, "//t:seg[@xml:id='mid3022157-en.seg2.3']")
    assert "".join(padded.itertext()) == "  leading and trailing whitespace kept  "
    assert sentence_ids(tree)[:3] == ("mid3022157-en.seg1.1.1", "mid3022157-en.seg1.1.2",
                                      "mid3022157-en.seg2.1.1")


def test_sentences_from_alineas_own_segmenter_with_its_signature(assert_tei_valid):
    segmenter = pytest.importorskip("alinea.align.segment")
    tree = build_tei(FULL, sentences=True)
    assert len(sentence_ids(tree)) >= 8
    assert one(tree, "//t:application/t:desc[@type='segmenter']").text == \
        segmenter.signature("en")
    assert_tei_valid(tree)


def test_a_given_segmenter_signature_is_recorded_only_with_sentences(assert_tei_valid):
    tree = build_tei(FULL, sentences=True, segment=toy_segment, segmenter_signature="toy:1")
    assert one(tree, "//t:application/t:desc[@type='segmenter']").text == "toy:1"
    assert_tei_valid(tree)
    plain = build_tei(FULL, segment=toy_segment, segmenter_signature="toy:1")
    assert not plain.xpath("//t:desc[@type='segmenter']", namespaces=NS)


def test_pretty_printing_never_touches_text_inside_seg():
    data = tei_bytes(build_tei(FULL, sentences=True, segment=toy_segment)).decode()
    assert "Question one?</s>  <s " in data
    assert "\n" not in data.split('xml:id="mid3022157-en.seg1.1">')[1].split("</seg>")[0]


def _bad_segmenter(text, lang):
    return [Sentence("not in the text", 0, 3)]


ERRORS = [
    ("bad-doc-id", dataclasses.replace(MINIMAL, id="3 bad"), None, "document id '3 bad' is not an XML NCName"),
    ("bad-speaker-id", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a b", "A"),)), None, "speaker id 'a b' is not an XML NCName"),
    ("unknown-speaker", dataclasses.replace(
        MINIMAL, turns=(Turn("ghost", ()),)), None,
     "turn 1 of x names speaker 'ghost', who is not in Transcript.speakers: add the speaker"),
    ("unknown-role", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a", "A", "king"),)), None, "speaker 'a' has role 'king'"),
    ("duplicate-speaker", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a", "A"), Speaker("a", "B"))), None, "appears twice"),
    ("speaker-clashes-with-u-id", dataclasses.replace(
        MINIMAL, speakers=(Speaker("u1", "U"),), turns=(Turn("u1", ()),)), None,
     "xml:id 'x.u1' would occur twice"),
    ("control-character", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a", "A"),), turns=(Turn("a", (Paragraph("bell\x07"),)),)),
     None, "text cannot be written as XML"),
    ("bad-lang", dataclasses.replace(MINIMAL, lang="english language"), None,
     "x: language 'english language' is not a language code"),
    ("bad-paragraph-lang", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a", "A"),), turns=(Turn("a", (Paragraph("x", "??"),)),)),
     None, "x: paragraph language '??' is not a language code"),
    ("bad-edition", dataclasses.replace(MINIMAL, editions=("en", "")), None,
     "x: edition language '' is not a language code"),
    ("bad-kind", dataclasses.replace(MINIMAL, kind="podcast"), None,
     "x: kind 'podcast' is not one of interview, speech"),
    ("bad-boilerplate-kind", dataclasses.replace(
        MINIMAL, boilerplate=(Boilerplate("x", "two words"),)), None,
     "x: boilerplate kind 'two words' must be one word"),
    ("segmenter-out-of-text", dataclasses.replace(
        MINIMAL, speakers=(Speaker("a", "A"),), turns=(Turn("a", (Paragraph("Hello."),)),)),
     _bad_segmenter, "segmenter returned sentence 1 of x.seg1.1"),
]


@pytest.mark.parametrize("name,doc,segment,message", ERRORS, ids=[e[0] for e in ERRORS])
def test_unencodable_models_raise_tei_error_saying_what_to_fix(name, doc, segment, message):
    with pytest.raises(TEIError) as info:
        build_tei(doc, sentences=segment is not None, segment=segment)
    assert message in str(info.value)


def test_public_api_of_the_tei_package():
    import alinea.tei as tei

    assert sorted(tei.__all__) == sorted([
        "build_tei", "tei_bytes", "sentence_ids", "edition_sentences", "parse_tei", "read_tei", "parse_xml",
        "validate_file", "validate_tree", "alinea_schema", "load_schema", "Schema",
        "build_corpus", "build_alignment", "write_corpus", "read_alignment",
    ])
    for name in tei.__all__:
        assert getattr(tei, name)
