"""alinea.align.evaluate: gold readers and vecalign's strict/lax precision, recall, F1."""

from __future__ import annotations

import pytest

from alinea.align.evaluate import parse_beads, parse_ladder, read_gold, score, score_one
from alinea.errors import InputError


@pytest.mark.parametrize("text,beads", [
    ("[0]:[0, 1]\n[1, 2]:[2]\n", [((0,), (0, 1)), ((1, 2), (2,))]),
    ("[3]:[]\n[]:[4]\n", [((3,), ()), ((), (4,))]),
    ("[0]:[0]:0.25\n\n[1]:[1]\n", [((0,), (0,)), ((1,), (1,))]),
])
def test_parse_beads(text, beads):
    assert parse_beads(text) == beads


@pytest.mark.parametrize("text,beads", [
    ("0 0\n1 1\n3 2\n3 3\n", [((0,), (0,)), ((1, 2), (1,)), ((), (2,))]),
    ("0 0 0.5\n2 1 0.3\n", [((0, 1), (0,))]),
    ("1 1\n2 2\n", [((0,), (0,)), ((1,), (1,))]),
])
def test_parse_ladder(text, beads):
    assert parse_ladder(text) == beads


@pytest.mark.parametrize("text,reader,message", [
    ("[0]-[1]\n", parse_beads, "not a bead line"),
    ("0 0\nx y\n", parse_ladder, "not a ladder rung"),
    ("0 0\n2 2\n1 3\n", parse_ladder, "goes backwards"),
])
def test_bad_gold_names_the_line(text, reader, message):
    with pytest.raises(InputError, match=message) as info:
        reader(text, "gold.txt")
    assert str(info.value).startswith("gold.txt:")


def test_read_gold_empty_file(tmp_path):
    p = tmp_path / "g.align"
    p.write_text("\n")
    with pytest.raises(InputError, match="empty"):
        read_gold(p)


GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]


@pytest.mark.parametrize("test,strict_p,strict_r,lax_p,lax_r", [
    # identical
    (GOLD, 1.0, 1.0, 1.0, 1.0),
    # the 2-1 split into 1-1 + 1-0: the 1-1 is a lax hit, the 1-0 a miss
    ([((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))], 3 / 5, 2 / 3, 4 / 5, 1.0),
    # everything shifted by one on the target: nothing strict
    ([((0,), (1,)), ((1, 2), (2,)), ((3,), ()), ((4,), (0,))], 1 / 4, 0.0, 1 / 4, 0.0),
    # a 1-2 that swallows its neighbour: lax but not strict on both sides
    ([((0,), (0, 1)), ((1, 2), ()), ((3,), ()), ((4,), (2, 3))], 2 / 4, 1 / 3, 3 / 4, 2 / 3),
])
def test_scores_follow_vecalign(test, strict_p, strict_r, lax_p, lax_r):
    s = score_one(GOLD, test)
    assert s.strict_precision == pytest.approx(strict_p)
    assert s.strict_recall == pytest.approx(strict_r)
    assert s.lax_precision == pytest.approx(lax_p)
    assert s.lax_recall == pytest.approx(lax_r)
    if strict_p + strict_r:
        assert s.strict_f1 == pytest.approx(2 * strict_p * strict_r / (strict_p + strict_r))


def test_scores_are_micro_averaged_over_documents():
    one = [((0,), (0,))]
    two = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    s = score([(one, [((0,), (1,))]), (two, two)])
    assert s.strict_precision == pytest.approx(3 / 4)
    assert s.n_gold == 4 and s.n_test == 4


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_read_gold_reads_files_saved_with_a_bom(tmp_path, encoding):
    p = tmp_path / "g.align"
    p.write_text("[0]:[0, 1]\n[]:[2]\n", encoding=encoding)
    assert read_gold(p) == [((0,), (0, 1)), ((), (2,))]


def test_read_gold_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found") as info:
        read_gold(tmp_path / "nope.align")
    assert "nope.align" in str(info.value)
