"""Structural anchors: the finest paragraphs or turns two editions share."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from alinea.align.blocks import Place, shared_blocks
from alinea.cli import app

Q, A = "journalist", "minister"


def _places(layout: list[tuple[int, str, int]]) -> list[Place]:
    """``(turn, role, paragraph)`` per sentence."""
    return [Place(paragraph, (turn, role)) for turn, role, paragraph in layout]


def test_paragraphs_when_both_editions_have_the_same_paragraphs():
    src = _places([(0, Q, 0), (0, Q, 0), (1, A, 1), (1, A, 2)])
    tgt = _places([(0, Q, 0), (1, A, 1), (1, A, 1), (1, A, 2)])
    assert shared_blocks(src, tgt) == ([0, 0, 1, 2], [0, 1, 1, 2])


def test_turns_when_one_edition_splits_a_paragraph():
    src = _places([(0, Q, 0), (1, A, 1), (1, A, 1)])
    tgt = _places([(0, Q, 0), (1, A, 1), (1, A, 2)])
    assert shared_blocks(src, tgt) == ([(0, Q), (1, A), (1, A)], [(0, Q), (1, A), (1, A)])


def test_no_anchors_when_the_turns_differ():
    src = _places([(0, Q, 0), (1, A, 1)])
    tgt = _places([(0, Q, 0), (1, Q, 1)])       # the second turn has another speaker
    assert shared_blocks(src, tgt) == (None, None)
    assert shared_blocks(src, None) == (None, None)


def test_plain_texts_share_paragraphs_or_nothing():
    two = [Place(0), Place(0), Place(1)]
    assert shared_blocks(two, [Place(0), Place(1)]) == ([0, 0, 1], [0, 1])
    # plain text has no turns to fall back on
    assert shared_blocks(two, [Place(0), Place(1), Place(2)]) == (None, None)


def test_files_and_stored_documents_align_with_the_same_anchors(tmp_path, examples_dir):
    from alinea.corpus.batch import pair_job
    from alinea.corpus.readers import read_transcript
    from alinea.corpus.store import Store

    paths = sorted(examples_dir.glob("answer-consular-students*.txt"))
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Store.open(db) as store:
        ids = [store.ingest(read_transcript(p), p, p.read_bytes()).document_id for p in paths]
        langs = {store.document(i).lang: (i, p) for i, p in zip(ids, paths)}
        pair = next(p for p in store.edition_pairs() if {p.src_id, p.tgt_id} == set(ids))
        job = pair_job(store, pair)
    assert job.src_blocks is not None and len(set(job.src_blocks)) > 1

    runner = CliRunner()
    (en_id, en_path), (ru_id, ru_path) = langs["en"], langs["ru"]
    by_file = runner.invoke(app, ["align", str(en_path), str(ru_path), "--format", "json"])
    by_id = runner.invoke(app, ["align", f"#{en_id}", f"#{ru_id}", "--db", db,
                                "--format", "json"])
    assert by_file.exit_code == 0 and by_id.exit_code == 0, by_file.output + by_id.output
    file_doc, id_doc = json.loads(by_file.stdout), json.loads(by_id.stdout)
    assert f"|blocks:{len(set(job.src_blocks))}" in file_doc["signature"]
    assert file_doc["signature"] == id_doc["signature"]
    assert [(l["src"], l["tgt"]) for l in file_doc["links"]] == \
        [(l["src"], l["tgt"]) for l in id_doc["links"]]
