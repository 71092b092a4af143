"""Aligned editions as TEI: edition files, standOff alignment, teiCorpus root (TEI 16.4.2)."""

from __future__ import annotations

import dataclasses

import pytest
from lxml import etree
from tei_samples import toy_segment

from alinea.align.types import Alignment, Link
from alinea.corpus.model import Paragraph, Speaker, Transcript, Turn
from alinea.errors import TEIError
from alinea.tei.build import TEI_NS, build_tei, edition_sentences, sentence_ids, tei_bytes
from alinea.tei.parallel import (
    build_alignment, build_corpus, read_alignment, write_corpus,
)
from alinea.tei.parse import read_tei
from alinea.tei.safe_xml import parse_xml, parse_xml_bytes

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

RU = Transcript(
    id="mid42-ru", title="Интервью С.В.Лаврова", lang="ru", is_translation=False,
    editions=("ru", "en"), source_id="42",
    speakers=(Speaker("q", "Вопрос", "interviewer"), Speaker("LavrovSergey", "С.В.Лавров", "guest")),
    turns=(Turn("q", (Paragraph("Когда встреча? Где?"),), "Вопрос:"),
           Turn("LavrovSergey", (Paragraph("Дата не обсуждалась. Посмотрим."),
                                 Paragraph("Спасибо.")), "С.В.Лавров:")),
)
EN = Transcript(
    id="mid42-en", title="Sergey Lavrov’s interview", lang="en", is_translation=True,
    original_lang="ru", editions=("ru", "en"), source_id="42",
    speakers=(Speaker("q", "Question", "interviewer"), Speaker("LavrovSergey", "Sergey Lavrov", "guest")),
    turns=(Turn("q", (Paragraph("When and where will the meeting be?"),), "Question:"),
           Turn("LavrovSergey", (Paragraph("The date has not been discussed. We will see. "
                                           "Really."),), "Sergey Lavrov:")),
)
# ru sentences: 0 Когда встреча? 1 Где? 2 Дата не обсуждалась. 3 Посмотрим. 4 Спасибо.
# en sentences: 0 When and where...? 1 The date... 2 We will see. 3 Really.
ALIGNMENT = Alignment(
    links=(Link((0, 1), (0,), 0.81), Link((2,), (1,), 0.97), Link((3,), (2,), 0.5),
           Link((), (3,), 0.12), Link((4,), (), 0.3)),
    src_lang="ru", tgt_lang="en", signature="alinea:0.1.0|beads:1-1,2-1,1-0,0-1|test")


@pytest.fixture(scope="module")
def files():
    return build_corpus("mid42", [RU, EN], [ALIGNMENT], segment=toy_segment)


def test_one_file_per_edition_one_per_alignment_and_a_corpus_root(files):
    assert list(files) == ["mid42.xml", "mid42-ru.xml", "mid42-en.xml", "mid42.align.ru-en.xml"]
    root = files["mid42.xml"].getroot()
    assert root.tag == f"{{{TEI_NS}}}teiCorpus"
    includes = [e.get("href") for e in root.iter("{http://www.w3.org/2001/XInclude}include")]
    assert includes == ["mid42-ru.xml", "mid42-en.xml", "mid42.align.ru-en.xml"]


def test_every_file_and_the_expanded_corpus_are_valid(files, assert_tei_valid, tmp_path):
    for tree in files.values():
        assert_tei_valid(tree, files)
    write_corpus(files, tmp_path)
    for name in files:
        assert_tei_valid(tmp_path / name)


def test_editions_are_the_plain_edition_tei_with_sentences(files):
    assert read_tei_tree(files["mid42-en.xml"]) == EN
    assert etree.tostring(files["mid42-ru.xml"]) == etree.tostring(
        build_tei(RU, sentences=True, segment=toy_segment))


def read_tei_tree(tree):
    from alinea.tei.parse import parse_tei

    return parse_tei(tree)


def _links(files):
    return files["mid42.align.ru-en.xml"].xpath("//t:standOff/t:linkGrp/t:link", namespaces=NS)


def test_link_group_is_typed_as_translation_alignment(files):
    group = files["mid42.align.ru-en.xml"].xpath("//t:standOff/t:linkGrp", namespaces=NS)[0]
    assert (group.get("type"), group.get("subtype"), group.get("corresp")) == (
        "alignment", "translation", "mid42-ru.xml mid42-en.xml")


def test_one_link_per_bead_pointing_at_every_sentence_with_kind_and_confidence(files):
    got = [(link.get("type"), link.get("cert"), link.get("target")) for link in _links(files)]
    assert got == [
        ("2-1", "0.81", "mid42-ru.xml#mid42-ru.seg1.1.1 mid42-ru.xml#mid42-ru.seg1.1.2 "
                        "mid42-en.xml#mid42-en.seg1.1.1"),
        ("1-1", "0.97", "mid42-ru.xml#mid42-ru.seg2.1.1 mid42-en.xml#mid42-en.seg2.1.1"),
        ("1-1", "0.5", "mid42-ru.xml#mid42-ru.seg2.1.2 mid42-en.xml#mid42-en.seg2.1.2"),
        ("0-1", "0.12", "mid42-ru.xml#mid42-ru mid42-en.xml#mid42-en.seg2.1.3"),
        ("1-0", "0.3", "mid42-ru.xml#mid42-ru.seg2.2.1 mid42-en.xml#mid42-en"),
    ]


def test_every_link_target_resolves_to_an_s_or_for_an_empty_side_to_the_edition(files, tmp_path):
    write_corpus(files, tmp_path)
    editions = {name: parse_xml(tmp_path / name) for name in ("mid42-ru.xml", "mid42-en.xml")}
    pointed: dict[str, set[str]] = {name: set() for name in editions}
    for link in _links(files):
        kind = tuple(int(n) for n in link.get("type").split("-"))
        for pointer in link.get("target").split():
            name, _, fragment = pointer.partition("#")
            found = editions[name].xpath("//*[@xml:id=$id]", id=fragment)
            assert len(found) == 1, pointer
            local = etree.QName(found[0]).localname
            empty_side = kind[0 if name == "mid42-ru.xml" else 1] == 0
            assert local == ("TEI" if empty_side else "s"), pointer
            if local == "s":
                pointed[name].add(fragment)
    # Every sentence of both editions is in some bead: nothing is dropped.
    for name, tree in editions.items():
        assert pointed[name] == set(sentence_ids(tree))


def test_alignment_reads_back(files):
    back = read_alignment(files["mid42.align.ru-en.xml"], sentence_ids(files["mid42-ru.xml"]),
                          sentence_ids(files["mid42-en.xml"]))
    assert back == ALIGNMENT


@pytest.mark.parametrize("old,new", [
    (b"mid42-en.xml#mid42-en.seg2.1.3\"", b"mid42-en.xml#mid42-en.typo\""),
    (b"mid42-ru.xml#mid42-ru.seg2.1.1 ", b"mid42-ru.xml#mid42-ru.seg2.1.1 mid42-ru.xml#x "),
])
def test_reading_an_alignment_refuses_pointers_that_name_no_sentence(files, old, new):
    data = tei_bytes(files["mid42.align.ru-en.xml"])
    assert old in data
    with pytest.raises(TEIError, match="link targets do not match type"):
        read_alignment(parse_xml_bytes(data.replace(old, new, 1)),
                       sentence_ids(files["mid42-ru.xml"]), sentence_ids(files["mid42-en.xml"]))


def test_header_records_the_aligner_signature_and_the_confidence_scheme(files):
    tree = files["mid42.align.ru-en.xml"]
    assert tree.xpath("string(//t:application/t:desc[@type='signature'])", namespaces=NS) == \
        ALIGNMENT.signature
    assert "@cert" in tree.xpath("string(//t:encodingDesc/t:p)", namespaces=NS)


def test_edition_sentences_match_the_ids_in_the_tei(files):
    pairs = edition_sentences(RU, toy_segment)
    assert [sid for sid, _ in pairs] == list(sentence_ids(files["mid42-ru.xml"]))
    assert pairs[1] == ("mid42-ru.seg1.1.2", "Где?")


def test_written_corpus_reads_back_edition_by_edition(files, tmp_path):
    paths = write_corpus(files, tmp_path / "out")
    assert [p.name for p in paths] == list(files)
    assert read_tei(tmp_path / "out" / "mid42-ru.xml") == RU


def test_an_edition_its_translation_names_as_the_original_is_marked_original(assert_tei_valid):
    silent_ru = dataclasses.replace(RU, is_translation=None)
    files = build_corpus("mid42", [EN, silent_ru], [ALIGNMENT], segment=toy_segment)
    derivation = {name: files[name].xpath("string(//t:textDesc/t:derivation/@type)",
                                          namespaces=NS)
                  for name in ("mid42-ru.xml", "mid42-en.xml")}
    assert derivation == {"mid42-ru.xml": "original", "mid42-en.xml": "translation"}
    # The corpus is named and languaged after its original.
    root = files["mid42.xml"].getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert root.xpath("string(t:teiHeader//t:title)", namespaces=NS) == RU.title
    for tree in files.values():
        assert_tei_valid(tree, files)


def _pair(files, name):
    tree = files[name]
    return (tree.xpath("string(//t:linkGrp/@corresp)", namespaces=NS),
            tree.xpath("//t:sourceDesc/t:bibl/t:ptr/@target", namespaces=NS),
            tree.xpath("//t:sourceDesc/t:bibl/t:ptr/@type", namespaces=NS))


@pytest.mark.parametrize("ru", [RU, dataclasses.replace(RU, is_translation=None)],
                         ids=["original-by-itself", "original-named-by-the-translation"])
def test_an_alignment_into_the_original_is_written_from_the_original(ru, assert_tei_valid):
    files = build_corpus("mid42", [EN, ru], [ALIGNMENT.flipped()], segment=toy_segment)
    assert "mid42.align.en-ru.xml" not in files
    assert _pair(files, "mid42.align.ru-en.xml") == (
        "mid42-ru.xml mid42-en.xml", ["mid42-ru.xml", "mid42-en.xml"], ["source", "target"])
    back = read_alignment(files["mid42.align.ru-en.xml"], sentence_ids(files["mid42-ru.xml"]),
                          sentence_ids(files["mid42-en.xml"]))
    assert back == ALIGNMENT
    for tree in files.values():
        assert_tei_valid(tree, files)


def test_without_a_known_original_an_alignment_keeps_its_own_source():
    unknown = [dataclasses.replace(doc, is_translation=None, original_lang=None)
               for doc in (RU, EN)]
    files = build_corpus("mid42", unknown, [ALIGNMENT.flipped()], segment=toy_segment)
    assert _pair(files, "mid42.align.en-ru.xml")[0] == "mid42-en.xml mid42-ru.xml"


def test_each_edition_records_the_signature_of_the_segmenter_of_its_language():
    signatures = {"ru": "toy:1|lang:ru", "en": "toy:1|lang:en"}
    files = build_corpus("mid42", [RU, EN], [ALIGNMENT], segment=toy_segment,
                         segmenter_signature=signatures)
    recorded = {lang: files[f"mid42-{lang}.xml"].xpath(
        "string(//t:application/t:desc[@type='segmenter'])", namespaces=NS) for lang in signatures}
    assert recorded == signatures


def test_given_sentence_ids_must_match_the_editions():
    wrong = {"ru": ["mid42-ru.seg1.1.1"]}
    with pytest.raises(TEIError, match="sentence ids given for mid42-ru differ"):
        build_corpus("mid42", [RU, EN], [ALIGNMENT], wrong, segment=toy_segment)


BAD = [
    ("index-out-of-range", dataclasses.replace(ALIGNMENT, links=(Link((9,), (0,)),)),
     "link 1 points at source sentence 9, but mid42-ru has 5 sentences"),
    ("empty-bead", dataclasses.replace(ALIGNMENT, links=(Link((), ()),)),
     "link 1 of mid42-ru ⟷ mid42-en is empty on both sides"),
    ("confidence", dataclasses.replace(ALIGNMENT, links=(Link((0,), (0,), 1.5),)),
     "link 1 has confidence 1.5; it must lie between 0 and 1"),
    ("languages", dataclasses.replace(ALIGNMENT, src_lang="en", tgt_lang="ru"),
     "alignment is en-ru but the editions are ru (mid42-ru) and en (mid42-en)"),
    ("no-links", dataclasses.replace(ALIGNMENT, links=()), "has no links"),
]


@pytest.mark.parametrize("name,alignment,message", BAD, ids=[b[0] for b in BAD])
def test_alignments_that_cannot_be_encoded_raise_tei_error(name, alignment, message):
    ru_ids = [sid for sid, _ in edition_sentences(RU, toy_segment)]
    en_ids = [sid for sid, _ in edition_sentences(EN, toy_segment)]
    with pytest.raises(TEIError) as info:
        build_alignment("mid42", RU, EN, ru_ids, en_ids, alignment)
    assert message in str(info.value)


@pytest.mark.parametrize("editions,alignments,message", [
    ([RU, dataclasses.replace(EN, lang="ru")], [], "two editions in ru"),
    ([RU, dataclasses.replace(EN, id="mid42-ru")], [], "edition id mid42-ru is used twice"),
    ([RU], [ALIGNMENT], "needs an edition in en"),
    ([], [], "at least one edition"),
])
def test_corpus_inputs_that_do_not_fit_together_raise_tei_error(editions, alignments, message):
    with pytest.raises(TEIError, match=message):
        build_corpus("mid42", editions, alignments, segment=toy_segment)


def test_with_alineas_segmenter_and_aligner(assert_tei_valid):
    pytest.importorskip("alinea.align.segment")
    aligner = pytest.importorskip("alinea.align.aligner")
    ru_pairs, en_pairs = edition_sentences(RU), edition_sentences(EN)
    alignment = aligner.align([t for _, t in ru_pairs], [t for _, t in en_pairs], "ru", "en",
                              use_embeddings=False)
    files = build_corpus("mid42", [RU, EN], [alignment],
                         {"ru": [i for i, _ in ru_pairs], "en": [i for i, _ in en_pairs]})
    for tree in files.values():
        assert_tei_valid(tree, files)
