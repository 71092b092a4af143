"""``alinea concordance``: the parallel concordance from the command line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.cli import app

runner = CliRunner()


def _run(corpus_url: str, *args: str):
    return runner.invoke(app, ["concordance", *args, "--db", corpus_url])


def test_each_match_stands_in_one_column_with_its_aligned_sentences(corpus_url):
    result = _run(corpus_url, "treaty", "--lang", "en", "--target-lang", "ru", "--width", "30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    matches = [line for line in lines if line.startswith("#")]
    assert matches, result.output
    columns = {line.index("[treaty]") for line in matches}
    assert len(columns) == 1                      # the left contexts are right-aligned
    aligned = [line for line in lines if "↳" in line]
    assert len(aligned) >= len(matches)
    assert all(re.search(r"↳ ru [01]\.\d\d  ", line) for line in aligned)
    assert any("договор" in line.lower() for line in aligned)


def test_tsv_lines_carry_the_sentence_and_each_aligned_sentence(corpus_url, corpus_store):
    result = _run(corpus_url, '"Verena River"', "--target-lang", "de", "--tsv")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        document, sentence, lang, left, match, right = row[:6]
        assert match == "Verena River" and lang == "en"
        stored = {s.id: s.text for s in corpus_store.sentences(int(document))}
        assert (left + match + right).strip() in stored[int(sentence)]
        assert (len(row) - 6) % 3 == 0
        for k in range(6, len(row), 3):
            assert row[k] == "de" and 0.0 <= float(row[k + 1]) <= 1.0 and row[k + 2]
    assert any(len(row) > 6 for row in rows)


def test_limit_says_there_is_more(corpus_url):
    result = _run(corpus_url, "the", "--lang", "en", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stdout.splitlines() if line.startswith("#")]) == 2
    assert "first 2 lines; --limit shows more" in result.stderr


def test_no_match_is_said_on_stderr(corpus_url):
    result = _run(corpus_url, "zyzzyva")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "no sentence matches 'zyzzyva'"


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "en", "--target-lang", "en"],
     "lang and target-lang are both 'en', but aligned sentences are in two languages"),
    (["--date-from", "2019-13-01"], "date-from '2019-13-01' is not a date"),
    (["--kind", "poem"], "unknown kind 'poem'"),
])
def test_filters_that_cannot_match_are_one_line_errors(corpus_url, args, message):
    exe = Path(sys.executable).parent / "alinea"
    done = subprocess.run([str(exe), "concordance", "treaty", "--db", corpus_url, *args],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and message in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert done.stdout == ""
