"""Structural anchors: the finest paragraphs or turns two editions share."""

from __future__ import annotations

import json

import numpy as np

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


# ---- aligning in blocks: what the pieces share with the whole document -------------------

def _cut_at_gold(gold, n, m, every):
    """Block ids for both sides, a new block after every ``every`` two-sided gold beads."""
    src, tgt = [0] * n, [0] * m
    block = left = 0
    for s, t in gold:
        for i in s:
            src[i] = block
        for j in t:
            tgt[j] = block
        if s and t:
            left += 1
            if left == every:
                block, left = block + 1, 0
    for side in (src, tgt):            # a sentence the gold leaves out joins its neighbour
        for k in range(1, len(side)):
            side[k] = max(side[k], side[k - 1])
    return src, tgt


def test_paragraphs_share_one_length_variance_and_skip_cost_fitted_to_the_document(shared_dir):
    # five-sentence paragraphs are too short to fit on their own (fewer than 10 links):
    # they share what the links of every paragraph show together
    from alinea.align.aligner import align
    from alinea.align.score_length import S2

    from align_helpers import pud

    en, de = pud(shared_dir, "en", 0, 60), pud(shared_dir, "de", 0, 60)
    blocks = [k // 5 for k in range(60)]
    result = align(en, de, "en", "de", src_blocks=blocks, tgt_blocks=blocks)
    variances, scales = result.params["length_variance"], result.params["skip_scale"]
    assert len(variances) == 12 and len(set(variances)) == 1 and variances[0] != S2
    assert len(set(scales)) == 1 and scales[0] != 1.0
    assert [(link.src, link.tgt) for link in result.links] == [((k,), (k,)) for k in range(60)]


def test_a_paragraph_is_normalised_against_the_whole_documents(shared_dir):
    # a paragraph's own sentences are no random sample: its translation is among them
    from alinea.align.aligner import _embedding_scorer, default_embedder, AlignOptions, DEFAULT_BEADS

    from align_helpers import pud

    en, fr = pud(shared_dir, "en", 0, 40), pud(shared_dir, "fr", 0, 40)
    scorer = _embedding_scorer(default_embedder(), DEFAULT_BEADS, AlignOptions())
    whole = scorer.prepare(en, fr, "en", "fr")
    part = whole.part(10, 15, 12, 16)
    alone = scorer.prepare(en[10:15], fr[12:16], "en", "fr")
    for k in (1, 2, 3):
        assert part.x[k].shape == alone.x[k].shape and part.y[k].shape == alone.y[k].shape
        # the same windows (up to the float16 they are kept in)
        np.testing.assert_allclose(part.x[k].astype(float), alone.x[k].astype(float), atol=2e-3)
    np.testing.assert_array_equal(part.nx[1, 1], whole.nx[1, 1][10:15])
    assert not np.allclose(part.nx[1, 1], alone.nx[1, 1])
    np.testing.assert_allclose(part.block(1, 1, 0, 5, 0, 4), whole.block(1, 1, 10, 15, 12, 16),
                               rtol=1e-6)


def test_gold_paragraphs_make_the_alignment_better_not_worse(shared_dir):
    # Text+Berg dev cut into paragraphs of five beads at gold boundaries: the blocks say
    # where links may go, so they must not cost accuracy (0.918 against 0.923 without
    # blocks while each paragraph was normalised against itself and fitted alone)
    from alinea.align.aligner import align
    from alinea.align.evaluate import read_gold, score_one

    d = shared_dir / "data" / "align-gold" / "textberg-dev"
    src = (d / "dev.de").read_text(encoding="utf-8").splitlines()
    tgt = (d / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = read_gold(d / "dev.defr")
    sb, tb = _cut_at_gold(gold, len(src), len(tgt), 5)
    plain = score_one(gold, align(src, tgt, "de", "fr")).strict_f1
    blocked = score_one(gold, align(src, tgt, "de", "fr", src_blocks=sb, tgt_blocks=tb))
    assert len(set(sb)) == len(set(tb)) > 50
    assert blocked.strict_f1 >= plain
