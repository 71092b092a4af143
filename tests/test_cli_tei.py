"""``alinea tei`` and ``alinea validate`` through the command line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from alinea.cli import app
from alinea.tei.parse import read_tei

runner = CliRunner()


@pytest.fixture(scope="module")
def tei_all(shared_dir):
    return str(shared_dir / "data" / "tei" / "tei_all" / "tei_all.rng")


def test_tei_writes_a_valid_document_for_a_seed(seeds_dir, tmp_path, tei_all, tei_schemas):
    pytest.importorskip("alinea.corpus.readers")
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    out = tmp_path / "out.xml"
    result = runner.invoke(app, ["tei", str(seed), "-o", str(out), "--sentences"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}: ")
    assert read_tei(out).title
    result = runner.invoke(app, ["validate", str(out), "--schema", tei_all])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}: valid (alinea, tei_all)\n"


def test_validate_prints_line_numbered_findings_and_fails(tmp_path):
    good = tmp_path / "good.xml"
    good.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="a" xml:lang="en">\n'
                    '<teiHeader/>\n</TEI>\n')
    result = runner.invoke(app, ["validate", str(good), str(good)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{good}:") for line in lines)
    assert f"{good}:2: [alinea]" in result.stdout
    assert "2 of 2 files invalid" in result.stderr


def test_validate_reports_unsafe_xml_as_a_finding(tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    result = runner.invoke(app, ["validate", str(evil)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{evil}:1: document type declarations")


def test_tei_reports_an_unreadable_input(tmp_path):
    result = runner.invoke(app, ["tei", str(tmp_path / "missing.txt"), "-o",
                                 str(tmp_path / "o.xml")])
    assert result.exit_code != 0


def test_tei_reads_a_transcript_in_the_encoding_it_is_given(seeds_dir, tmp_path):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(seed.read_text(encoding="utf-8").encode("utf-16-le"))  # no BOM
    refused = runner.invoke(app, ["tei", str(legacy), "-o", str(tmp_path / "x.xml")])
    assert refused.exit_code != 0
    assert "binary data (NUL byte)" in str(refused.exception)
    out, reference = tmp_path / "legacy.xml", tmp_path / "seed.xml"
    result = runner.invoke(app, ["tei", str(legacy), "-o", str(out), "--encoding", "utf-16-le"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["tei", str(seed), "-o", str(reference)]).exit_code == 0
    assert read_tei(out).title == read_tei(reference).title
    assert len(read_tei(out).turns) == len(read_tei(reference).turns)


def test_tei_writes_to_standard_output_for_a_dash(examples_dir, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from lxml import etree

    exe = Path(sys.executable).parent / "alinea"
    done = subprocess.run([str(exe), "tei", str(examples_dir / "speech-arctic-forum.en.txt"),
                           "-o", "-"], capture_output=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = etree.fromstring(done.stdout)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert done.stderr.decode().startswith("<stdout>: speech-arctic-forum.en [en]")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("header,derivation", [
    ("original: ru", "original"), ("translation: no", "original"),
    ("original: en", "translation"), ("translation: yes", "translation"), ("", None)])
def test_tei_tells_whether_the_edition_is_the_original_or_a_translation(header, derivation,
                                                                          tmp_path):
    from lxml import etree

    source = tmp_path / "talk.ru.txt"
    # Plain text with a header (alinea.corpus.plaintext), not a mid.ru export.
    source.write_text(f"Интервью\nlang: ru\n{header}\n\nКогда встреча?\n\n"
                      "Скоро, через неделю.\n", encoding="utf-8")
    out = tmp_path / "talk.xml"
    result = runner.invoke(app, ["tei", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    found = etree.parse(str(out)).xpath("//t:textDesc/t:derivation/@type",
                                        namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    assert found == ([derivation] if derivation else [])
    assert read_tei(out).is_translation == {"original": False, "translation": True}.get(
        derivation)
