"""``align_all`` / ``alinea align --all``: every pending pair, in parallel, same as serial."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.align.types import Link
from alinea.cli import app
from alinea.corpus.batch import align_all, current_signature
from alinea.corpus.readers import read_transcript
from alinea.corpus.store import Store

TEXTS = ("answer-consular-students", "speech-arctic-forum")


def _fill(store: Store, examples_dir: Path) -> None:
    paths = sorted(p for p in examples_dir.glob("*.txt") if p.name.startswith(TEXTS))
    if len(paths) != 4:
        pytest.skip(f"sample corpus incomplete in {examples_dir}")
    for path in paths:
        store.ingest(read_transcript(path), path, path.read_bytes())


def _alignments(store: Store) -> dict[tuple[str, str], list]:
    out = {}
    for pair in store.edition_pairs():
        key = (store.document(pair.src_id).doc_key, store.document(pair.tgt_id).doc_key)
        out[key] = [(sl.link, sl.origin) for sl in store.alignment(pair.src_id,
                                                                   pair.tgt_id).links]
    return out


def _assert_same_alignments(got: dict, expected: dict) -> None:
    """Same pairs, same links and origins exactly; confidences equal to 1e-4.

    A worker process starts with a cold embedding cache and encodes in other batch shapes
    than this process (whose cache earlier tests filled): the float32 embeddings then
    differ in their last bits. Window embeddings are kept in float16, where such a bit can
    turn a rounding the other way (a step of about 1e-3 in that component), and a link's
    posterior divides cost differences by its temperature (0.06): a link of confidence 0.64
    moved by 1.7e-5 in one full run of the suite, most move by under 1e-7.
    """
    assert got.keys() == expected.keys()
    for key in expected:
        shape = [(link.src, link.tgt, origin) for link, origin in got[key]]
        assert shape == [(link.src, link.tgt, origin) for link, origin in expected[key]], key
        assert [link.confidence for link, _ in got[key]] == pytest.approx(
            [link.confidence for link, _ in expected[key]], abs=1e-4), key


@pytest.fixture(scope="module")
def serial_result(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> dict:
    """The alignments a serial, in-process run stores (computed once for this module)."""
    path = tmp_path_factory.mktemp("serial") / "serial.db"
    with Store.open(f"sqlite:///{path}") as serial:
        _fill(serial, examples_dir)
        done = align_all(serial, workers=1)
        assert len(done.aligned) == 2 and done.failed == []
        return _alignments(serial)


def test_parallel_batch_stores_what_a_serial_run_stores(store_url: str, examples_dir: Path,
                                                        serial_result: dict):
    expected = serial_result
    with Store.open(store_url) as store:
        _fill(store, examples_dir)
        seen = []
        result = align_all(store, workers=2, on_start=seen.append,
                           on_done=lambda pair, error: seen.append(error))
        assert seen == [2, None, None]
        _assert_same_alignments(_alignments(store), expected)
        made = [store.alignment(p.src_id, p.tgt_id).signature for p in result.aligned]
        assert all(sig.split("|blocks:")[0] == current_signature(p)
                   for sig, p in zip(made, result.aligned))
        # Nothing is pending any more; a second run does nothing.
        assert store.pending_pairs(signature=current_signature) == []
        assert align_all(store, workers=2).aligned == []


def test_realignment_keeps_corrections(tmp_path: Path, examples_dir: Path):
    with Store.open(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _fill(store, examples_dir)
        align_all(store, workers=1)
        pair = store.edition_pairs()[0]
        store.correct_links(pair.src_id, pair.tgt_id, [Link((0,), (0, 1), 1.0)], by="me")
        assert align_all(store, workers=1).aligned == []
        redone = align_all(store, workers=1, realign=True)
        assert len(redone.aligned) == 2
        links = store.alignment(pair.src_id, pair.tgt_id).links
        assert (links[0].link, links[0].origin) == (Link((0,), (0, 1), 1.0), "manual")


def test_alignment_made_by_other_weights_or_method_is_redone(tmp_path: Path,
                                                            examples_dir: Path):
    from alinea.align.aligner import AlignOptions, align, method_signature

    with Store.open(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _fill(store, examples_dir)
        first, second = store.edition_pairs()
        for pair, made in ((first, {}), (second, {"skip": 0.5})):
            src, _ = store.alignment_input(pair.src_id)
            tgt, _ = store.alignment_input(pair.tgt_id)
            store.save_alignment(pair.src_id, pair.tgt_id,
                                 align(src, tgt, pair.src_lang, pair.tgt_lang, **made))
        # the pair aligned with other weights is pending; so is one from an older method
        assert store.pending_pairs(signature=current_signature) == [
            p for p in store.edition_pairs() if p.src_id == second.src_id]
        assert method_signature("en", "ru") != method_signature(
            "en", "ru", options=AlignOptions(skip=0.5))
        assert align_all(store, workers=1).aligned == [store.edition_pairs()[1]]
        assert store.pending_pairs(signature=current_signature) == []


def test_method_signature_is_what_align_signs():
    from alinea.align.aligner import align, method_signature

    made = align(["Hello there.", "Bye."], ["Привет.", "Пока."], "en", "ru")
    assert made.signature == method_signature("en", "ru")
    made = align(["Jó napot."], ["Bună ziua."], "hu", "ro")
    assert made.signature == method_signature("hu", "ro")
    assert "model:none" in method_signature("hu", "ro")


def test_align_all_command(tmp_path: Path, examples_dir: Path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    with Store.open(db) as store:
        _fill(store, examples_dir)
    result = CliRunner().invoke(app, ["align", "--all", "--workers", "1", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "aligned 2 edition pairs"
    result = CliRunner().invoke(app, ["stats", "--db", db])
    assert "aligned pairs:        2" in result.output.splitlines()


def test_dask_local_cluster_stores_what_a_local_run_stores(tmp_path: Path, examples_dir: Path,
                                                          serial_result: dict):
    pytest.importorskip("distributed")
    from alinea.corpus.batch import dask_executor

    expected = serial_result
    with Store.open(f"sqlite:///{tmp_path / 'dask.db'}") as store:
        _fill(store, examples_dir)
        with dask_executor(None, n_workers=2) as (executor, threads):
            assert threads == 2
            result = align_all(store, workers=threads, executor=executor)
        assert len(result.aligned) == 2 and result.failed == []
        _assert_same_alignments(_alignments(store), expected)


def test_a_job_for_a_pair_a_request_aligned_since_aligns_nothing(tmp_path: Path,
                                                                 examples_dir: Path,
                                                                 monkeypatch):
    """An upload's job, made while its pair waited, and POST /alignments on that pair
    before the upload's turn: the upload leaves the request's alignment as it is."""
    from alinea.corpus import batch

    with Store.open(f"sqlite:///{tmp_path / 'j.db'}") as store:
        _fill(store, examples_dir)
        pair = store.edition_pairs()[0]
        job = batch.pair_job(store, pair)
        first = batch.align_pair(store, pair.src_id, pair.tgt_id)
        assert first.status == "new"
        ran = []
        monkeypatch.setattr(batch, "align_job", lambda job: ran.append(job))
        done = []
        result = batch.align_jobs(store, [job], on_done=lambda p, error: done.append(error))
        assert ran == [] and result.aligned == [] and result.failed == [] and done == [None]
        assert store.alignment(pair.src_id, pair.tgt_id).id == first.alignment_id


def test_a_job_whose_pair_another_process_stored_first_keeps_that_alignment(
        tmp_path: Path, examples_dir: Path, monkeypatch):
    """Another process (a second store on the database) saves the pair while this one
    aligns it: one alignment, the first saved, and this job counts as not aligned."""
    from alinea.align.types import Alignment
    from alinea.corpus import batch

    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Store.open(url) as store, Store.open(url) as other:
        _fill(store, examples_dir)
        pair = store.edition_pairs()[0]
        job = batch.pair_job(store, pair)
        real = batch.align_job
        theirs = {}

        def align_while_another_saves(job):
            alignment = real(job)
            mine = Alignment(links=alignment.links, src_lang=alignment.src_lang,
                             tgt_lang=alignment.tgt_lang, signature="another process",
                             params={})
            theirs["id"] = other.save_alignment(pair.src_id, pair.tgt_id, mine, new=True)
            return alignment

        monkeypatch.setattr(batch, "align_job", align_while_another_saves)
        result = batch.align_jobs(store, [job])
        assert result.aligned == [] and result.failed == []
        stored = store.alignment(pair.src_id, pair.tgt_id)
        assert (stored.id, stored.signature) == (theirs["id"], "another process")
        assert [p.alignment_id for p in store.edition_pairs()
                if (p.src_id, p.tgt_id) == (pair.src_id, pair.tgt_id)] == [theirs["id"]]
