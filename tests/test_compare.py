"""Comparing editions: known omissions and additions, metrics, outliers, reports."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.align.compare import compare
from alinea.align.compare_report import comparison_to_dict, comparison_to_html
from alinea.align.types import Alignment, Link
from alinea.cli import app
from alinea.corpus.readers import read_transcript
from alinea.corpus.sentences import document_sentences, parallel_blocks
from alinea.errors import AlignError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DIFFERENCES = json.loads((EXAMPLES / "differences.json").read_text(encoding="utf-8"))
GAPS = [d for d in DIFFERENCES if d["type"] in ("omission", "addition")]


@lru_cache(maxsize=None)
def _compare_example(doc: str, tgt: str):
    a = read_transcript(EXAMPLES / f"{doc}.en.txt")
    b = read_transcript(EXAMPLES / f"{doc}.{tgt}.txt")
    sa, sb = document_sentences(a), document_sentences(b)
    ba, bb = parallel_blocks(a, sa, b, sb)
    return compare([s.text for s in sa], [s.text for s in sb], a.lang, b.lang,
                   src_blocks=ba, tgt_blocks=bb)


@pytest.mark.parametrize("gap", GAPS, ids=lambda d: f"{d['doc']}.{d['tgt']}-{d['type']}-p{d['paragraph']}")
def test_known_omissions_and_additions_of_the_sample_corpus_are_found(gap):
    result = _compare_example(gap["doc"], gap["tgt"])
    if gap["type"] == "omission":
        found = [p.src_text for p in result.omissions] + [t for _, t in result.hidden_omissions]
        assert found == [gap["en"]]
    else:
        found = [p.tgt_text for p in result.additions] + [t for _, t in result.hidden_additions]
        assert found == [gap["tgt_text"]]


@pytest.mark.parametrize("doc, tgt", sorted({(d["doc"], d["tgt"]) for d in DIFFERENCES}))
def test_editions_without_known_gaps_report_none_on_that_side(doc, tgt):
    result = _compare_example(doc, tgt)
    expected = {d["type"] for d in GAPS if d["doc"] == doc and d["tgt"] == tgt}
    if "omission" not in expected:
        assert not result.omissions and not result.hidden_omissions
    if "addition" not in expected:
        assert not result.additions and not result.hidden_additions


def test_whole_document_alignment_of_the_sample_corpus_has_exactly_the_known_gaps():
    # without paragraph anchors the aligner works on whole documents, where the skip cost
    # follows the links' median cost: it must not split short sentences off as gaps
    from alinea.align.aligner import align

    found = []
    for en_path in sorted(EXAMPLES.glob("*.en.txt")):
        doc = en_path.name[:-len(".en.txt")]
        src = [s.text for s in document_sentences(read_transcript(en_path))]
        for path in sorted(EXAMPLES.glob(f"{doc}.*.txt")):
            lang = path.name.split(".")[-2]
            if lang == "en":
                continue
            tgt = [s.text for s in document_sentences(read_transcript(path))]
            for link in align(src, tgt, "en", lang).links:
                if not link.src:
                    found.append((doc, lang, "addition", tgt[link.tgt[0]]))
                elif not link.tgt:
                    found.append((doc, lang, "omission", src[link.src[0]]))
    assert sorted(found) == sorted(
        (d["doc"], d["tgt"], d["type"], d["en"] if d["type"] == "omission" else d["tgt_text"])
        for d in GAPS)


def test_cross_language_comparison_has_no_bleu_and_says_why():
    result = _compare_example("interview-river-treaty", "ru")
    assert result.metrics is None
    assert any("reference translation in ru" in note for note in result.notes)
    assert all(p.similarity is not None for p in result.pairs if p.src and p.tgt)


ENGLISH_A = ["The treaty was initialled in Geneva.", "It covers water quality and flood warnings.",
             "The commission meets twice a year.", "Its data will be public.",
             "Farmers can check the figures themselves.", "Ratification takes a few months."]


def test_an_edition_compared_with_itself_scores_100_and_has_no_findings():
    result = compare(ENGLISH_A, ENGLISH_A, "en", "en")
    assert result.metrics is not None
    assert result.metrics.bleu == pytest.approx(100.0)
    assert result.metrics.chrf == pytest.approx(100.0)
    assert "nrefs:1" in result.metrics.bleu_signature and "nrefs:1" in result.metrics.chrf_signature
    assert not (result.omissions or result.additions or result.hidden_omissions or result.length_outliers)
    assert [(p.src, p.tgt) for p in result.pairs] == [((i,), (i,)) for i in range(len(ENGLISH_A))]


def test_a_second_translation_with_a_dropped_sentence_scores_lower_and_shows_the_gap():
    other = ["The treaty was initialed in Geneva.", "It covers the quality of water and warnings of floods.",
             "Its data will be made public.", "Farmers can check the numbers themselves.",
             "Ratification will take a few months."]
    result = compare(ENGLISH_A, other, "en", "en")
    assert 0 < result.metrics.bleu < 100 and 0 < result.metrics.chrf < 100
    dropped = [p.src_text for p in result.omissions] + [t for _, t in result.hidden_omissions]
    assert dropped == ["The commission meets twice a year."]
    assert result.signature.startswith("align[alinea:") and "bleu[nrefs:1" in result.signature


def test_a_pair_far_longer_than_the_rest_is_a_length_outlier():
    src = ["One two three four five."] * 6
    tgt = ["Uno dos tres cuatro cinco."] * 5 + [
        "Uno dos tres cuatro cinco, y además una larga explicación que no estaba en el original en absoluto."]
    alignment = Alignment(tuple(Link((i,), (i,), 0.9) for i in range(6)), "en", "es")
    result = compare(src, tgt, "en", "es", alignment=alignment)
    assert [(p.src, p.tgt) for p in result.length_outliers] == [((5,), (5,))]


def test_uncovered_languages_fall_back_to_link_confidence_for_low_similarity():
    alignment = Alignment((Link((0,), (0,), 0.2), Link((1,), (1,), 0.9)), "hu", "ro")
    result = compare(["Egy mondat.", "Még egy."], ["O propoziție.", "Încă una."], "hu", "ro",
                     alignment=alignment)
    assert [(p.src, p.tgt) for p in result.low_similarity] == [((0,), (0,))]
    assert any("no sentence embeddings for hu/ro" in n for n in result.notes)


@pytest.mark.parametrize("src, tgt, alignment, message", [
    ([], ["x"], None, "both editions need at least one sentence to be compared"),
    (["a"], ["b"], Alignment((Link((0,), (3,)),), "en", "en"),
     "link [0]:[3] points outside the editions (1 and 1 sentences)"),
])
def test_bad_comparison_input_is_refused_with_a_clear_error(src, tgt, alignment, message):
    with pytest.raises(AlignError) as info:
        compare(src, tgt, "en", "en", alignment=alignment)
    assert str(info.value) == message


def test_json_and_html_reports_carry_the_findings():
    result = _compare_example("interview-river-treaty", "ru")
    data = comparison_to_dict(result)
    omitted = [p["src_text"] for p in data["omissions"]] + [g["text"] for g in data["hidden_omissions"]]
    assert data["counts"]["omissions"] == len(data["omissions"]) >= 1
    assert "The commission meets twice a year." in omitted
    json.dumps(data)  # plain JSON types only
    page = comparison_to_html(result, "river treaty")
    assert "<h1>river treaty</h1>" in page and "The commission meets twice a year." in page


def test_compare_command_prints_findings_and_writes_reports(tmp_path):
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    result = CliRunner().invoke(app, [
        "compare", str(EXAMPLES / "answer-consular-students.en.txt"),
        str(EXAMPLES / "answer-consular-students.ru.txt"), "--json", str(out_json), "--html", str(out_html)],
        env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "addition" in result.output
    assert "Помогать соотечественникам – наша прямая обязанность." in result.output
    assert json.loads(out_json.read_text(encoding="utf-8"))["counts"]["additions"] == 1
    assert "<table>" in out_html.read_text(encoding="utf-8")


def test_compare_command_reads_sentence_per_line_files(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(ENGLISH_A) + "\n", encoding="utf-8")
    b.write_text("\n".join(ENGLISH_A[:2] + ENGLISH_A[3:]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--sentences-per-line", "--json",
                                      str(tmp_path / "r.json")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["metrics"]["bleu"] < 100
    assert data["counts"]["omissions"] == 1


def test_compare_command_keeps_every_paragraph_of_plain_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(" ".join(ENGLISH_A[:3]) + "\n\n" + " ".join(ENGLISH_A[3:]) + "\n", encoding="utf-8")
    b.write_text(" ".join(ENGLISH_A[:3]) + "\n\n" + " ".join(ENGLISH_A[3:]) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--json", str(out)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    pairs = json.loads(out.read_text(encoding="utf-8"))["pairs"]
    assert [p["src_text"] for p in pairs] == ENGLISH_A


def test_compare_command_names_its_own_option_when_a_language_is_wrong():
    result = CliRunner().invoke(app, ["compare", str(EXAMPLES / "interview-river-treaty.en.txt"),
                                      str(EXAMPLES / "interview-river-treaty.ru.txt"), "--lang-b", "de"])
    assert result.exit_code != 0
    assert "--lang-b says 'de' but the text looks like 'ru'" in str(result.exception)
