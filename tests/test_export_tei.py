"""The corpus TEI export (``alinea export --format tei``) of the aligned sample corpus: what
its ZIP holds beyond valid TEI (see test_export_formats for validity and the links)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from alinea.corpus.exports import Selection, export
from alinea.tei.build import TEI_NS

NS = {"t": TEI_NS}


def tei_zip(store, selection: Selection) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(export(store, "tei", selection).chunks)))


def member(archive: zipfile.ZipFile, suffix: str) -> etree._ElementTree:
    (name,) = [n for n in archive.namelist() if n.endswith(suffix)]
    return etree.ElementTree(etree.fromstring(archive.read(name)))


@pytest.fixture(scope="module")
def press_conference(corpus_store, corpus_ids) -> zipfile.ZipFile:
    """The en-ru press conference; its English page says "Translation (original)"."""
    return tei_zip(corpus_store, Selection(document=corpus_ids["press-conference-sarmeria.en"],
                                           target_lang="ru"))


def test_the_original_its_translation_names_is_marked_original(press_conference):
    derivation = {lang: member(press_conference, f"press-conference-sarmeria.{lang}.xml").xpath(
        "string(//t:profileDesc/t:textDesc/t:derivation/@type)", namespaces=NS)
        for lang in ("en", "ru")}
    assert derivation == {"en": "translation", "ru": "original"}


def test_the_alignment_of_the_press_conference_is_written_from_the_russian_original(
        press_conference, corpus_store, corpus_ids):
    from alinea.corpus import aligned_pairs as ap
    from alinea.tei.build import sentence_ids
    from alinea.tei.parallel import read_alignment

    (name,) = [n for n in press_conference.namelist() if ".align." in n]
    assert name.endswith(".align.ru-en.xml")
    tree = member(press_conference, name)
    assert tree.xpath("//t:sourceDesc/t:bibl/t:ptr[@type='source']/@target", namespaces=NS) == [
        "press-conference-sarmeria.ru.xml"]
    ids = {lang: sentence_ids(member(press_conference, f"press-conference-sarmeria.{lang}.xml"))
           for lang in ("ru", "en")}
    links = read_alignment(tree, ids["ru"], ids["en"]).links
    ru = corpus_ids["press-conference-sarmeria.ru"]
    stored = ap.load_alignment(corpus_store, ru, corpus_ids["press-conference-sarmeria.en"])
    assert [(link.src, link.tgt) for link in links] == [
        (p.src.positions, p.tgt.positions) for p in stored.pairs()]


def segmenter_line(tree) -> list[str]:
    return tree.xpath("//t:appInfo/t:application/t:desc[@type='segmenter']/text()",
                      namespaces=NS)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_editions_record_the_segmenter_signature_alinea_tei_writes(lang, press_conference,
                                                                    corpus_store, corpus_ids,
                                                                    examples_dir, tmp_path):
    from typer.testing import CliRunner

    from alinea.cli import app
    from alinea.corpus.export_tei import document_tei

    name = f"press-conference-sarmeria.{lang}"
    out = tmp_path / "single.xml"
    result = CliRunner().invoke(app, ["tei", str(examples_dir / f"{name}.txt"), "-o", str(out),
                                      "--sentences"])
    assert result.exit_code == 0, result.output
    single = segmenter_line(etree.parse(str(out)))
    assert len(single) == 1 and single[0].startswith("alinea-seg:")
    assert segmenter_line(member(press_conference, f"{name}.xml")) == single
    stored = etree.ElementTree(etree.fromstring(document_tei(corpus_store, corpus_ids[name])))
    assert segmenter_line(stored) == single


def test_a_pair_without_the_edition_naming_the_original_still_marks_it(tmp_path,
                                                                       assert_tei_valid):
    # de and fr say nothing of themselves; only the en edition, not in the de-fr pair,
    # names German as the original. The pair's teiCorpus and de's own TEI say what the
    # group tells (Store.edition_status), as the API's document detail does.
    from alinea.align.aligner import align
    from alinea.corpus.export_tei import document_tei
    from alinea.corpus.model import Paragraph, Speaker, Transcript, Turn
    from alinea.corpus.store import Store

    said = {"de": ("Der Vertrag ist unterzeichnet. Er tritt morgen in Kraft.", None, None),
            "en": ("The treaty is signed. It enters into force tomorrow.", True, "de"),
            "fr": ("Le traité est signé. Il entre en vigueur demain.", None, None)}
    ids = {}
    with Store.open(f"sqlite:///{tmp_path / 'g.db'}") as store:
        for code, (text, is_translation, original) in said.items():
            transcript = Transcript(
                id=f"treaty.{code}", title="Statement on the treaty", lang=code,
                turns=(Turn("minister", (Paragraph(text),)),),
                speakers=(Speaker("minister", "Minister"),), kind="statement",
                is_translation=is_translation, original_lang=original, source_id="treaty-1")
            ids[code] = store.ingest(transcript, f"treaty.{code}.txt",
                                     text.encode()).document_id
        de, fr = ([s.text for s in store.sentences(ids[c])] for c in ("de", "fr"))
        store.save_alignment(ids["de"], ids["fr"], align(de, fr, "de", "fr"))
        assert store.edition_status(ids["de"]) == (False, "de")
        archive = tei_zip(store, Selection(document=ids["de"], target_lang="fr"))
        single = etree.ElementTree(etree.fromstring(document_tei(store, ids["de"])))
    derivation = "string(//t:profileDesc/t:textDesc/t:derivation/@type)"
    assert {code: member(archive, f"treaty.{code}.xml").xpath(derivation, namespaces=NS)
            for code in ("de", "fr")} == {"de": "original", "fr": ""}
    assert single.xpath(derivation, namespaces=NS) == "original"
    assert_tei_valid(single)


def test_the_original_language_is_the_one_the_edition_group_knows(store_url: str,
                                                                   assert_tei_valid):
    # ru says it is the original; en says it is a translation but not of what; fr says
    # nothing. The group knows the original, so en's TEI (alone and in the teiCorpus)
    # names Russian as its original language, as the API's document detail does; of fr,
    # nothing is known.
    from alinea.align.types import Alignment, Link
    from alinea.corpus.export_tei import document_tei
    from alinea.corpus.model import Paragraph, Speaker, Transcript, Turn
    from alinea.corpus.store import Store
    from alinea.corpus.synthetic import simple_segment

    said = {"ru": ("Договор подписан. Он вступает в силу завтра.", False),
            "en": ("The treaty is signed. It enters into force tomorrow.", True),
            "fr": ("Le traité est signé. Il entre en vigueur demain.", None)}
    ids = {}
    with Store.open(store_url, segmenter=simple_segment) as store:
        for code, (text, is_translation) in said.items():
            transcript = Transcript(
                id=f"treaty.{code}", title="Statement on the treaty", lang=code,
                turns=(Turn("minister", (Paragraph(text),)),),
                speakers=(Speaker("minister", "Minister"),), kind="statement",
                is_translation=is_translation, source_id="treaty-1")
            ids[code] = store.ingest(transcript, f"treaty.{code}.txt",
                                     text.encode()).document_id
        store.save_alignment(ids["ru"], ids["en"], Alignment(
            (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9)), "ru", "en"))
        assert [store.edition_status(ids[c]) for c in ("ru", "en", "fr")] == [
            (False, "ru"), (True, "ru"), (None, None)]
        archive = tei_zip(store, Selection(document=ids["en"], target_lang="ru"))
        single = {code: etree.ElementTree(etree.fromstring(document_tei(store, ids[code])))
                  for code in said}
    original = "//t:sourceDesc/t:bibl/t:note[@type='original-language']/text()"
    assert {code: tree.xpath(original, namespaces=NS) for code, tree in single.items()} == {
        "ru": ["ru"], "en": ["ru"], "fr": []}
    assert {code: member(archive, f"treaty.{code}.xml").xpath(original, namespaces=NS)
            for code in ("ru", "en")} == {"ru": ["ru"], "en": ["ru"]}
    for tree in single.values():
        assert_tei_valid(tree)


def test_a_plain_file_s_tei_marks_only_what_the_file_says(examples_dir, tmp_path):
    # No edition group is known for a file: the Russian press conference says nothing of
    # itself, so its TEI says nothing either (stored, it is the original; see test_api).
    from typer.testing import CliRunner

    from alinea.cli import app

    out = tmp_path / "ru.xml"
    result = CliRunner().invoke(app, ["tei", str(examples_dir / "press-conference-sarmeria.ru.txt"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert etree.parse(str(out)).xpath("//t:textDesc", namespaces=NS) == []
