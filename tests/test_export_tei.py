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
