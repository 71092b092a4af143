"""Export formats, read back by their own readers: TMX by translate-toolkit, XCES by
OpusTools, TEI by the schemas (alinea + tei_all) and alinea's TEI alignment reader, Moses
and TSV line by line. The corpus is the aligned sample corpus (``corpus_store``, ``corpus_ids``
from conftest)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from alinea.corpus import aligned_pairs as ap
from alinea.corpus.aligned_pairs import AlignedPair, Side
from alinea.corpus.export_moses import moses_chunks
from alinea.corpus.export_tmx import tmx_chunks
from alinea.corpus.export_tsv import COLUMNS, tsv_chunks
from alinea.corpus.exports import Selection, export
from alinea.corpus.store import Store
from alinea.errors import InputError, NotFoundError


def _bytes(chunks) -> bytes:
    return b"".join(chunks)


def _side(lang: str, key: str, texts: tuple[str, ...], start: int = 0) -> Side:
    positions = tuple(range(start, start + len(texts)))
    return Side(lang, 1 if lang == "en" else 2, key, positions, positions, texts)


# Hand-made beads with text that formats find awkward: markup characters, a control
# character XML cannot hold, tabs and line breaks, an empty side.
AWKWARD = [
    AlignedPair(_side("en", "a.en", ("Tom & Jerry <3 \"quotes\".",)),
                _side("ru", "a.ru", ("Том и Джерри <3 «кавычки».",)), 0.9, "auto"),
    AlignedPair(_side("en", "a.en", ("Two\tcells", "and a\nbreak."), 1),
                _side("ru", "a.ru", ("Две ячейки и перенос.",), 1), 0.5, "manual"),
    AlignedPair(_side("en", "a.en", ("Bell\x07 character.",), 3),
                _side("ru", "a.ru", (), 2), 0.3, "auto"),
]


def test_tmx_of_awkward_text_reads_back_in_translate_toolkit():
    from translate.storage import tmx

    data = _bytes(tmx_chunks(AWKWARD, srclang="en"))
    units = tmx.tmxfile(io.BytesIO(data), "en", "ru").units
    # The 1-0 bead is not a translation unit.
    assert [(u.source, u.target) for u in units] == [
        ("Tom & Jerry <3 \"quotes\".", "Том и Джерри <3 «кавычки»."),
        ("Two\tcells and a\nbreak.", "Две ячейки и перенос."),
    ]


@pytest.mark.parametrize("fmt", ["moses", "tsv"])
def test_line_formats_keep_one_bead_per_line(fmt):
    if fmt == "moses":
        archive = zipfile.ZipFile(io.BytesIO(_bytes(moses_chunks(AWKWARD, "t"))))
        assert sorted(archive.namelist()) == ["t.en-ru.en", "t.en-ru.ru"]
        src = archive.read("t.en-ru.en").decode().splitlines()
        tgt = archive.read("t.en-ru.ru").decode().splitlines()
        assert src == ["Tom & Jerry <3 \"quotes\".", "Two\tcells and a break."]
        assert tgt == ["Том и Джерри <3 «кавычки».", "Две ячейки и перенос."]
    else:
        rows = list(csv.reader(io.StringIO(_bytes(tsv_chunks(AWKWARD)).decode()),
                               delimiter="\t", quoting=csv.QUOTE_NONE))
        assert tuple(rows[0]) == COLUMNS
        assert [r[2] for r in rows[1:]] == ["Tom & Jerry <3 \"quotes\".",
                                            "Two cells and a break.", "Bell\x07 character."]
        assert [(r[5], r[6], r[3]) for r in rows[1:]] == [("1-1", "auto", "Том и Джерри <3 «кавычки»."),
                                                          ("2-1", "manual", "Две ячейки и перенос."),
                                                          ("1-0", "auto", "")]


def _expected(store: Store, src: int, tgt_lang: str) -> list[AlignedPair]:
    return list(ap.document_pairs(store, src, tgt_lang))


def test_tmx_export_of_a_document_pair_reads_back_in_translate_toolkit(corpus_store, corpus_ids):
    from translate.storage import tmx

    doc = corpus_ids["interview-river-treaty.en"]
    result = export(corpus_store, "tmx", Selection(document=doc, target_lang="ru"))
    units = tmx.tmxfile(io.BytesIO(_bytes(result.chunks)), "en", "ru").units
    expected = [p for p in _expected(corpus_store, doc, "ru") if p.is_complete]
    assert len(units) == len(expected) > 20
    assert [(u.source, u.target) for u in units] == [(p.src.text, p.tgt.text) for p in expected]
    for unit in units:
        langs = [n.get("{http://www.w3.org/XML/1998/namespace}lang")
                 for n in unit.getlanguageNodes()]
        assert langs == ["en", "ru"]


def test_xces_export_reads_back_in_opustools(corpus_store, tmp_path: Path):
    from opustools import OpusRead

    result = export(corpus_store, "xces", Selection(lang="en", target_lang="ru"))
    zipfile.ZipFile(io.BytesIO(_bytes(result.chunks))).extractall(tmp_path)
    assert (tmp_path / "en-ru.xml").exists()
    out_src, out_tgt = tmp_path / "out.en", tmp_path / "out.ru"
    OpusRead(directory="alinea", source="en", target="ru", preprocess="raw",
             alignment_file=str(tmp_path / "en-ru.xml"), download_dir=str(tmp_path),
             source_zip=str(tmp_path / "none-en.zip"), target_zip=str(tmp_path / "none-ru.zip"),
             write_mode="moses", write=[str(out_src), str(out_tgt)],
             suppress_prompts=True).printPairs()
    expected = list(ap.corpus_pairs(corpus_store, "en", "ru"))
    assert len(expected) > 50
    # OpusRead joins a bead's sentences with a space, as our exporters do.
    assert out_src.read_text().splitlines() == [p.src.text for p in expected]
    assert out_tgt.read_text().splitlines() == [p.tgt.text for p in expected]


def test_tei_export_is_valid_and_its_links_are_the_stored_alignment(corpus_store, corpus_ids,
                                                                    tmp_path: Path,
                                                                    assert_tei_valid):
    from alinea.tei.build import sentence_ids
    from alinea.tei.parallel import read_alignment
    from alinea.tei.safe_xml import parse_xml

    src = corpus_ids["interview-river-treaty.en"]
    result = export(corpus_store, "tei", Selection(document=src, target_lang="fr"))
    zipfile.ZipFile(io.BytesIO(_bytes(result.chunks))).extractall(tmp_path)
    roots = [p for p in tmp_path.glob("*/*.xml") if p.stem == p.parent.name]
    assert len(roots) == 1
    assert_tei_valid(roots[0])
    folder = roots[0].parent
    align_file = next(folder.glob("*.align.en-fr.xml"))
    ids = {lang: sentence_ids(parse_xml(folder / f"interview-river-treaty.{lang}.xml"))
           for lang in ("en", "fr")}
    read = read_alignment(parse_xml(align_file), ids["en"], ids["fr"])
    expected = _expected(corpus_store, src, "fr")
    assert [(l.src, l.tgt) for l in read.links] == [(p.src.positions, p.tgt.positions)
                                                     for p in expected]
    # The <s> elements hold the stored sentences, so the links point at the right text.
    assert len(ids["en"]) == corpus_store.document(src).n_sentences


def test_tei_export_of_the_whole_corpus_has_one_valid_teicorpus_per_text(corpus_store, tmp_path,
                                                                         assert_tei_valid):
    result = export(corpus_store, "tei", Selection())
    zipfile.ZipFile(io.BytesIO(_bytes(result.chunks))).extractall(tmp_path)
    roots = sorted(p for p in tmp_path.glob("*/*.xml") if p.stem == p.parent.name)
    groups = [g for g in corpus_store.edition_groups() if len(g.documents) > 1]
    assert len(roots) == len(groups)
    for root in roots:
        assert_tei_valid(root)
    interview = next(r for r in roots if any(r.parent.glob("interview-river-treaty.de.xml")))
    # Five editions: ten language pairs, each its own linkGrp file.
    assert len(list(interview.parent.glob("*.align.*.xml"))) == 10


@pytest.mark.parametrize("fmt", ["tei", "xces", "moses"])
def test_zip_exports_hold_regular_files_everyone_can_read(corpus_store, fmt):
    import stat

    result = export(corpus_store, fmt, Selection(lang="en", target_lang="ru"))
    members = zipfile.ZipFile(io.BytesIO(_bytes(result.chunks))).infolist()
    assert members
    # unzip restores the Unix mode kept in the high 16 bits (for archives made on Unix).
    assert {(m.create_system, m.external_attr >> 16) for m in members} == {
        (3, stat.S_IFREG | 0o644)}


def test_moses_export_has_two_parallel_files_per_language_pair(corpus_store):
    result = export(corpus_store, "moses", Selection(lang="en", target_lang="ru"))
    archive = zipfile.ZipFile(io.BytesIO(_bytes(result.chunks)))
    names = sorted(archive.namelist())
    assert names == ["alinea-corpus.en-ru.en-ru.en", "alinea-corpus.en-ru.en-ru.ru"]
    src = archive.read(names[0]).decode().splitlines()
    tgt = archive.read(names[1]).decode().splitlines()
    expected = [p for p in ap.corpus_pairs(corpus_store, "en", "ru") if p.is_complete]
    assert list(zip(src, tgt)) == [(p.src.text, p.tgt.text) for p in expected]


def test_tsv_query_export_holds_exactly_the_beads_with_a_match(corpus_store):
    result = export(corpus_store, "tsv", Selection(query='"flood warning"', lang="en",
                                                   target_lang="ru"))
    rows = list(csv.reader(io.StringIO(_bytes(result.chunks).decode()), delimiter="\t",
                           quoting=csv.QUOTE_NONE))[1:]
    hits = corpus_store.search('"flood warning"', lang="en")
    assert hits and len(rows) >= 1
    assert all("flood warning" in r[2].lower() for r in rows)
    assert {r[7] for r in rows} == {corpus_store.document(h.sentence.document_id).doc_key
                                    for h in hits}
    assert {r[1] for r in rows} == {"ru"}


def test_min_confidence_drops_weaker_beads(corpus_store, corpus_ids):
    doc = corpus_ids["press-conference-sarmeria.en"]
    every = _expected(corpus_store, doc, "ru")
    cut = sorted(p.confidence for p in every)[len(every) // 2]
    result = export(corpus_store, "tsv",
                    Selection(document=doc, target_lang="ru", min_confidence=cut))
    rows = _bytes(result.chunks).decode().splitlines()[1:]
    assert len(rows) == sum(p.confidence >= cut for p in every) < len(every)


@pytest.mark.parametrize("selection, error, message", [
    (Selection(document=10_000, target_lang="ru"), NotFoundError, "no document with id 10000"),
    (Selection(document=10_000), NotFoundError, "no document with id 10000"),
    (Selection(query="!!"), InputError, "has no words"),
    (Selection(document=1, target_lang="ru", query="treaty"), InputError, "not both"),
    (Selection(document=1), InputError, "needs the target language"),
])
def test_bad_selections_fail_before_any_output(corpus_store, selection, error, message):
    with pytest.raises(error, match=message):
        export(corpus_store, "tmx", selection)


def test_document_without_an_edition_in_the_target_language_is_not_found(corpus_store, corpus_ids):
    doc = corpus_ids["speech-arctic-forum.en"]
    with pytest.raises(NotFoundError, match=f"document {doc} has no edition in de"):
        export(corpus_store, "xces", Selection(document=doc, target_lang="de"))


def test_document_tei_is_valid_with_the_stored_sentences(corpus_store, corpus_ids,
                                                         assert_tei_valid):
    from alinea.corpus.export_tei import document_tei
    from alinea.tei.safe_xml import parse_xml_bytes

    doc = corpus_ids["press-conference-sarmeria.ru"]
    tree = parse_xml_bytes(document_tei(corpus_store, doc))
    assert_tei_valid(tree)
    texts = [s.text for s in tree.iter("{http://www.tei-c.org/ns/1.0}s")]
    assert texts == [s.text for s in corpus_store.sentences(doc)]


@pytest.mark.parametrize("selection", [
    Selection(query="Verena", kind="interview", target_lang="ru"),
    Selection(query="Verena", date_from="2018-03-01", date_to="2018-03-31"),
    Selection(speaker="Varga", lang="en"),
    Selection(kind="speech"),
])
def test_query_and_corpus_exports_take_the_document_filters(corpus_store, selection):
    from alinea.corpus.concordance import document_ids

    allowed = document_ids(corpus_store, selection.filters)
    rows = _bytes(export(corpus_store, "tsv", selection).chunks).decode().splitlines()[1:]
    keys = {corpus_store.document(i).doc_key for i in allowed}
    assert rows and {r.split("\t")[7] for r in rows} <= keys
    unfiltered = Selection(query=selection.query, lang=selection.lang,
                           target_lang=selection.target_lang)
    every = _bytes(export(corpus_store, "tsv", unfiltered).chunks).decode().splitlines()[1:]
    assert [r for r in every if r.split("\t")[7] in keys] == rows


@pytest.mark.parametrize("speaker", ["Varga", "Варга"])
def test_corpus_export_by_speaker_finds_pairs_whichever_edition_spells_the_name(
        corpus_store, speaker):
    rows = _bytes(export(corpus_store, "tsv", Selection(
        speaker=speaker, lang="en", target_lang="ru")).chunks).decode().splitlines()[1:]
    assert rows
    assert {r.split("\t")[7] for r in rows} == {"press-conference-sarmeria.en"}
