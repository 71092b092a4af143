"""Link corrections (merge, split, re-link, check) as the links they record: pure cases."""

from __future__ import annotations

import pytest

from alinea.align.types import Link
from alinea.corpus.link_edits import LinkEdit, apply_edit
from alinea.errors import ConflictError, StoreError


def L(src, tgt, confidence=1.0):  # noqa: N802 - reads like the notation in the issue
    return Link(tuple(src), tuple(tgt), confidence)


# s0-t0, s1-t1 s2-t1 (2-1), s3-(), ()-t2, s4-t3 t4 (1-2)
CURRENT = [L([0], [0], 0.9), L([1, 2], [1], 0.4), L([3], [], 0.7), L([], [2], 0.6),
           L([4], [3, 4], 0.8)]


@pytest.mark.parametrize("edit, expected", [
    (LinkEdit("merge", (L([0], [0]), L([1, 2], [1]))), [L([0, 1, 2], [0, 1])]),
    (LinkEdit("merge", (L([1, 2], [1]), L([0], [0]))), [L([0, 1, 2], [0, 1])]),
    (LinkEdit("merge", (L([3], []), L([], [2]))), [L([3], [2])]),
    (LinkEdit("merge", (L([3], []), L([], [2]), L([4], [3, 4]))), [L([3, 4], [2, 3, 4])]),
    (LinkEdit("split", (L([1, 2], [1]),), (1, 1)), [L([1], [1]), L([2], [])]),
    (LinkEdit("split", (L([1, 2], [1]),), (1, 0)), [L([1], []), L([2], [1])]),
    (LinkEdit("split", (L([4], [3, 4]),), (1, 1)), [L([4], [3]), L([], [4])]),
    (LinkEdit("check", (L([1, 2], [1]),)), [L([1, 2], [1], 1.0)]),
    (LinkEdit("check", (L([3], []), L([0], [0]))), [L([3], []), L([0], [0])]),
    # re-link s3 with t2: both were alone, nothing left over
    (LinkEdit("relink", (L([3], [2]),)), [L([3], [2])]),
    # re-link s2 with t2: s1 keeps t1, s3 and nothing else is touched
    (LinkEdit("relink", (L([2], [2]),)), [L([2], [2]), L([1], [1], 0.4)]),
    # re-link s1 with t0: s0 and (s2, t1) are left over on their own
    (LinkEdit("relink", (L([1], [0]),)),
     [L([1], [0]), L([0], [], 0.9), L([2], [1], 0.4)]),
    # taking the middle of a side leaves a gap: the rest become 1-0 / 0-1 links
    (LinkEdit("relink", (L([4], [3]),)), [L([4], [3]), L([], [4], 0.8)]),
    # marking an omission by hand
    (LinkEdit("relink", (L([0], []),)), [L([0], []), L([], [0], 0.9)]),
])
def test_edit_records_these_links(edit, expected):
    assert apply_edit(CURRENT, edit) == expected


@pytest.mark.parametrize("edit, message", [
    (LinkEdit("merge", (L([0], [0]),)), "a merge needs at least two links"),
    (LinkEdit("merge", (L([0], [0]), L([3], []))),
     "only consecutive links can be merged: [0]-[0], [3]-[] are not"),
    (LinkEdit("merge", (L([0], [0]), L([0], [0]))), "the same link is named twice"),
    (LinkEdit("split", (L([0], [0]),), (1, 1)),
     "splitting [0]-[0] after 1 source and 1 target sentences leaves one part empty: split "
     "inside the link"),
    (LinkEdit("split", (L([1, 2], [1]),), (3, 0)),
     "cannot split [1, 2]-[1] after 3 source and 0 target sentences: it does not have that "
     "many"),
    (LinkEdit("split", (L([1, 2], [1]),)), "a split needs one link and where to split it "
     "(split_at)"),
    (LinkEdit("relink", (L([0, 2], [0]),)),
     "link [0, 2]-[0]: the sentences on each side must be consecutive"),
    (LinkEdit("relink", (L([], []),)), "a link needs at least one sentence on one side"),
    (LinkEdit("relink", (L([0], [0]), L([0], [1]))),
     "link [0]-[1] shares sentences with another new link"),
    (LinkEdit("check", ()), "name the link(s) to mark as checked"),
    (LinkEdit("reverse", (L([0], [0]),)), "unknown edit 'reverse': use one of merge, split, "
     "relink, check"),
])
def test_impossible_edit_says_why(edit, message):
    with pytest.raises(StoreError) as caught:
        apply_edit(CURRENT, edit)
    assert str(caught.value) == message
    assert not isinstance(caught.value, ConflictError)  # the edit itself is wrong


@pytest.mark.parametrize("edit", [
    LinkEdit("merge", (L([0], [1]), L([1, 2], [1]))),
    LinkEdit("split", (L([0], [1]),), (1, 0)),
    LinkEdit("check", (L([3], []), L([0], [1]))),
])
def test_an_edit_of_a_link_no_longer_there_conflicts_with_the_stored_alignment(edit):
    with pytest.raises(ConflictError) as caught:
        apply_edit(CURRENT, edit)
    assert str(caught.value) == ("link [0]-[1] is not in the current alignment (it may have "
                                 "been corrected since the page was loaded): reload and try "
                                 "again")


def test_every_sentence_stays_in_exactly_one_link_after_a_relink():
    edit = LinkEdit("relink", (L([1], [0]),))
    recorded = apply_edit(CURRENT, edit)
    touched_src = {i for link in recorded for i in link.src}
    touched_tgt = {j for link in recorded for j in link.tgt}
    kept = [l for l in CURRENT if not (set(l.src) & touched_src or set(l.tgt) & touched_tgt)]
    result = kept + recorded
    assert sorted(i for l in result for i in l.src) == [0, 1, 2, 3, 4]
    assert sorted(j for l in result for j in l.tgt) == [0, 1, 2, 3, 4]
