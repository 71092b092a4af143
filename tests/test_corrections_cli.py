"""``alinea corrections A B [--undo]``: the history of an alignment's corrections, and undo."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.align.types import Alignment, Link
from alinea.cli import app
from alinea.corpus.store import Store
from alinea.corpus.synthetic import render, simple_segment, synthetic_work

runner = CliRunner()
WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Russian #1 and English #2, aligned 1-1 with confidence 0.5 + i/100."""
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with Store.open(url, segmenter=simple_segment) as store:
        ru, en = (store.ingest(tr, f"{tr.id}.txt", render(tr)).document_id
                  for tr in synthetic_work(0, ("ru", "en")))
        links = tuple(Link((i,), (i,), 0.5 + i / 100) for i in range(6))
        store.save_alignment(ru, en, Alignment(links, "ru", "en", "test"))
    return url


def texts(db: str, doc: int, *positions: int) -> str:
    with Store.open(db) as store:
        return " ".join(store.sentences(doc)[i].text for i in positions)


def shows(line: str, head: str, src: str, tgt: str) -> bool:
    """Whether a link's line is ``head`` then both sides' text, each whole or cut short
    (at most 60 characters, ending with an ellipsis)."""
    if not line.startswith(head):
        return False
    sides = line[len(head):].split(" ⟷ ")

    def same(shown: str, text: str) -> bool:
        return shown == text or (shown.endswith("…") and len(shown) <= 60
                                 and text.startswith(shown[:-1]))

    return len(sides) == 2 and same(sides[0], src) and same(sides[1], tgt)


def test_corrections_lists_the_history_the_most_recent_first(db: str):
    with Store.open(db) as store:
        store.correct_links(1, 2, [Link((0, 1), (0, 1), 1.0)], by="Anna")
        store.correct_links(1, 2, [Link((3,), (3,), 1.0)])
        store.undo_correction(1, 2, by="Boris")
    result = runner.invoke(app, ["corrections", "1", "2", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 8
    assert lines[0] == "2 corrections of #1 ru ⟷ #2 en (1 in effect), the most recent first:"
    assert re.fullmatch(rf"#2  {WHEN}  \(undone {WHEN} by Boris\)", lines[1]), lines[1]
    assert shows(lines[2], "  - ru [3] ⟷ en [3]  auto 0.53: ", texts(db, 1, 3), texts(db, 2, 3))
    assert shows(lines[3], "  + ru [3] ⟷ en [3]  manual 1.00: ", texts(db, 1, 3),
                 texts(db, 2, 3))
    assert re.fullmatch(rf"#1  {WHEN}  by Anna", lines[4]), lines[4]
    assert shows(lines[5], "  - ru [0] ⟷ en [0]  auto 0.50: ", texts(db, 1, 0), texts(db, 2, 0))
    assert shows(lines[6], "  - ru [1] ⟷ en [1]  auto 0.51: ", texts(db, 1, 1), texts(db, 2, 1))
    assert shows(lines[7], "  + ru [0, 1] ⟷ en [0, 1]  manual 1.00 by Anna: ",
                 texts(db, 1, 0, 1), texts(db, 2, 0, 1))
    assert lines[7].endswith("…")  # two long sentences: cut short


def test_corrections_asked_the_other_way_round_show_that_side_first(db: str):
    with Store.open(db) as store:
        store.correct_links(1, 2, [Link((2,), (2, 3), 1.0)], by="Anna")
    lines = runner.invoke(app, ["corrections", "2", "1", "--db", db]).output.splitlines()
    assert lines[0] == "1 correction of #2 en ⟷ #1 ru (1 in effect), the most recent first:"
    assert lines[-1].startswith("  + en [] ⟷ ru [3]  auto 0.53: — ⟷ ")


def test_corrections_of_a_pair_never_corrected(db: str):
    result = runner.invoke(app, ["corrections", "1", "2", "--db", db])
    assert (result.exit_code, result.output) == (0, "no corrections of #1 ru ⟷ #2 en\n")


def test_undo_puts_back_the_links_the_last_correction_replaced(db: str):
    with Store.open(db) as store:
        before = store.alignment(1, 2).links
        store.correct_links(1, 2, [Link((0, 1), (0,), 1.0)], by="Anna")
    result = runner.invoke(app, ["corrections", "2", "1", "--undo", "--by", "Boris",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("undid correction #1: the links marked - are back in place of those "
                        "marked +")
    assert re.fullmatch(rf"#1  {WHEN}  by Anna  \(undone {WHEN} by Boris\)", lines[1])
    assert lines[2].startswith("  - en [0] ⟷ ru [0]  auto 0.50: ")
    with Store.open(db) as store:
        assert store.alignment(1, 2).links == before


def test_undo_with_nothing_to_undo_exits_1_and_says_so(db: str):
    result = runner.invoke(app, ["corrections", "1", "2", "--undo", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == ("nothing to undo: no correction of the alignment of documents "
                             "1 and 2 is in effect\n")
    assert result.stdout == ""


def test_corrections_of_documents_that_are_not_aligned_is_an_error(db: str):
    exe = Path(sys.executable).parent / "alinea"
    for args in (["1", "1"], ["1", "1", "--undo"]):
        out = subprocess.run([str(exe), "corrections", *args, "--db", db],
                             capture_output=True, text=True)
        assert (out.returncode, out.stdout) == (2, "")
        assert out.stderr == ("error: document 1 has no alignment with itself: give two "
                              "different editions\n")


def test_release_hands_the_links_set_by_hand_back_to_the_aligner(db: str):
    with Store.open(db) as store:
        store.correct_links(1, 2, [Link((0, 1), (0,), 1.0)], by="Anna")
    result = runner.invoke(app, ["corrections", "1", "2", "--release", "--by", "Boris",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("handed back to the aligner as correction #2 (--undo takes it back): "
                        "the links marked + are the aligner's, in place of those marked -")
    assert re.fullmatch(rf"#2  {WHEN}  by Boris  handed back to the aligner", lines[1])
    assert lines[2].startswith("  - ru [0, 1] ⟷ en [0]  manual 1.00 by Anna: ")
    assert lines[3].startswith("  - ru [] ⟷ en [1]  auto 0.51: ")
    assert [line[:22] for line in lines[4:]] == ["  + ru [0] ⟷ en [0]  a", "  + ru [1] ⟷ en [1]  a"]
    with Store.open(db) as store:
        assert {sl.origin for sl in store.alignment(1, 2).links} == {"auto"}
    listed = runner.invoke(app, ["corrections", "1", "2", "--db", db]).output.splitlines()
    assert re.fullmatch(rf"#2  {WHEN}  by Boris  handed back to the aligner", listed[1])


def test_release_of_links_named_by_the_positions_of_a_and_b_as_given(db: str):
    with Store.open(db) as store:
        store.correct_links(1, 2, [Link((0, 1), (0,), 1.0)], by="Anna")
        store.correct_links(1, 2, [Link((4,), (4, 5), 1.0)], by="Vera")
    # Asked en first: Vera's link is en [4, 5] ⟷ ru [4].
    result = runner.invoke(app, ["corrections", "2", "1", "--release", "--link", "4,5:4",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2].startswith("  - en [4, 5] ⟷ ru [4]  manual 1.00 by "
                                                    "Vera: ")
    with Store.open(db) as store:
        manual = [sl.link for sl in store.alignment(1, 2).links if sl.origin == "manual"]
    assert manual == [Link((0, 1), (0,), 1.0)]


@pytest.mark.parametrize("args, code, message", [
    (["--release"], 1, "no link of the alignment of documents 1 and 2 was set by hand: "
                       "there is nothing to hand back to the aligner"),
    (["--release", "--link", "0:1"], 1, "link ru [0] – en [1] is not in the alignment of "
                                        "documents 1 and 2 (it may have been corrected "
                                        "since): reload and try again"),
    (["--release", "--link", "0-1"], 2, "'0-1' is not a link: give its source and target "
                                        "sentence positions"),
    (["--link", "0:0"], 2, "--link names links to hand back: add --release"),
    (["--undo", "--release"], 2, "give --undo or --release, not both"),
])
def test_release_refusals_say_why(db: str, args, code, message):
    result = runner.invoke(app, ["corrections", "1", "2", *args, "--db", db])
    assert result.exit_code == code, result.output
    assert message in " ".join(result.stderr.replace("│", " ").split())
