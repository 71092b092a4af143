"""``alinea export`` and ``alinea serve`` from the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from alinea.cli import app
from alinea.corpus import aligned_pairs as ap
from alinea.corpus.store import Store

runner = CliRunner()


def _doc(url: str, key: str) -> int:
    with Store.open(url) as store:
        return next(d.id for d in store.list_documents(limit=100).documents
                    if d.doc_key == key)


@pytest.mark.parametrize("fmt, check", [
    ("tmx", lambda p: p.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx')),
    ("xces", lambda p: "en-ru.xml" in zipfile.ZipFile(p).namelist()),
    ("moses", lambda p: len(zipfile.ZipFile(p).namelist()) == 2),
    ("tei", lambda p: any(n.endswith(".align.en-ru.xml") for n in zipfile.ZipFile(p).namelist())),
    ("tsv", lambda p: p.read_text().startswith("src_lang\ttgt_lang\t")),
])
def test_export_writes_each_format(corpus_url, tmp_path: Path, fmt, check):
    doc = _doc(corpus_url, "speech-arctic-forum.en")
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "--db", corpus_url, "--doc",
                                 str(doc), "--target-lang", "ru", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} ({fmt}, {out.stat().st_size} bytes)" in result.output
    assert check(out)


def test_export_of_a_query_to_tsv_has_one_line_per_matching_bead(corpus_url, tmp_path):
    out = tmp_path / "q.tsv"
    result = runner.invoke(app, ["export", "--format", "tsv", "--db", corpus_url, "--query",
                                 "Murmansk", "--lang", "en", "--target-lang", "ru",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    with Store.open(corpus_url) as store:
        expected = list(ap.query_pairs(store, "Murmansk", "en", "ru"))
    lines = out.read_text().splitlines()[1:]
    assert len(lines) == len(expected) > 0
    assert all("Murmansk" in line.split("\t")[2] for line in lines)


def test_export_errors_are_one_line_and_leave_no_file(corpus_url, tmp_path):
    out = tmp_path / "none.tmx"
    exe = Path(sys.executable).parent / "alinea"
    done = subprocess.run([str(exe), "export", "--format", "tmx", "--db", corpus_url,
                           "--doc", "99999", "--target-lang", "ru", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "error: no document with id 99999\n"
    assert not out.exists() and not list(tmp_path.iterdir())


@pytest.mark.parametrize("options, message", [
    (["--date-from", "2018-13-01"], "date-from '2018-13-01' is not a date: give YYYY-MM-DD"),
    (["--date-to", "yesterday"], "date-to 'yesterday' is not a date"),
    (["--date-from", "2019-01-01", "--date-to", "2018-01-01"], "is after date-to"),
    (["--kind", "Speech"], "unknown kind 'Speech': use one of interview, speech,"),
    (["--lang", "en", "--target-lang", "en"], "lang and target-lang are both 'en', but "
     "aligned sentences are in two languages: give target-lang another language, or "
     "leave it out"),
    (["--doc", "1", "--target-lang", "ru", "--kind", "speech"],
     "filters apply to query and corpus exports"),
])
def test_export_refuses_filters_that_cannot_match(corpus_url, tmp_path, options, message):
    exe = Path(sys.executable).parent / "alinea"
    done = subprocess.run([str(exe), "export", "--format", "tsv", "--db", corpus_url,
                           "-o", str(tmp_path / "x.tsv"), *options],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and message in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not list(tmp_path.iterdir())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_on_the_port_with_db_and_token_from_the_environment(corpus_url, tmp_path):
    port = _free_port()
    exe = Path(sys.executable).parent / "alinea"
    env = {**os.environ, "ALINEA_DB": corpus_url, "ALINEA_TOKEN": "env-token"}
    server = subprocess.Popen([str(exe), "serve", "--port", str(port), "--log-level",
                               "warning"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"{base}/documents", params={"limit": 1})
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert response.status_code == 200 and len(response.json()["items"]) == 1
        # The token came from ALINEA_TOKEN: a wrong one is refused as 401, not 403.
        denied = httpx.delete(f"{base}/documents/1/editions",
                              headers={"Authorization": "Bearer nope"})
        assert denied.status_code == 401
    finally:
        server.terminate()
        server.wait(20)


def test_export_of_the_corpus_narrowed_by_kind(corpus_url, tmp_path):
    out = tmp_path / "speech.tsv"
    result = runner.invoke(app, ["export", "--format", "tsv", "--db", corpus_url, "--kind",
                                 "speech", "-o", str(out)])
    assert result.exit_code == 0, result.output
    documents = {line.split("\t")[7] for line in out.read_text().splitlines()[1:]}
    assert documents and all(d.startswith("speech-arctic-forum.") for d in documents)
