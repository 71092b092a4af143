"""A text file cut short between two characters: a warning naming the file and its last
line, never a refusal; complete files get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.corpus.readers import read_bytes_checked
from alinea.corpus.truncation import ends_a_sentence


@pytest.mark.parametrize(("text", "ends"), [
    ("Thank you.", True), ("Is that so?", True), ("Вот так!", True), ("And so on…", True),
    ("He said: “Enough.”", True), ("(See the annex.)", True), ("ありがとうございます。", True),
    ("Thank you", False), ("and the Arctic Council will", False), ("as follows:", False),
    ("the first, the second,", False), ("Мы считаем, что", False),
])
def test_final_punctuation_ends_a_sentence(text, ends):
    assert ends_a_sentence(text) is ends


def _complete_files(seeds_dir: Path, examples_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt")) + sorted(examples_dir.glob("*.txt"))


def test_complete_files_get_no_warning(seeds_dir, examples_dir):
    for path in _complete_files(seeds_dir, examples_dir):
        data = path.read_bytes()
        assert read_bytes_checked(data, path)[1] is None, path


def test_a_file_cut_mid_sentence_is_named_with_its_last_line(examples_dir):
    path = examples_dir / "speech-arctic-forum.en.txt"
    text = path.read_text(encoding="utf-8")
    cut = text[:text.index("the best ideas are born")] + "the best"
    data = cut.encode("utf-8")
    doc, warning = read_bytes_checked(data, path)
    assert str(warning) == (
        f"{path}:12: the text ends mid-sentence ('…for informal conversations... Often, "
        "that is where the best'): the file may be cut short; "
        "check it against its source")
    assert doc.paragraphs[-1].text.endswith("where the best")  # read all the same


def test_a_text_followed_by_page_furniture_is_not_cut_short():
    text = ("Foreign Minister Anna Petrova’s speech, Moscow, March 3, 2020\n"
            "Dear friends,\nThank you\n* * * * *\nSource: https://mid.example.org/1\n")
    data = text.encode("utf-8")
    assert read_bytes_checked(data, "s.txt", "en")[1] is None
    cut = text.split("* * *")[0].encode("utf-8")
    assert str(read_bytes_checked(cut, "s.txt", "en")[1]).startswith(
        "s.txt:3: the text ends mid-sentence ('Thank you')")


def test_cli_ingest_warns_of_a_cut_file_and_stores_it(tmp_path, examples_dir):
    from typer.testing import CliRunner

    from alinea.cli import app

    text = (examples_dir / "answer-consular-students.en.txt").read_text(encoding="utf-8")
    path = tmp_path / "answer.en.txt"
    path.write_text(text[:text.index("embassy")], encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--no-match"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("· new #1")
    assert (f"warning: {path}:5: the text ends mid-sentence ('…irst of all – don’t panic. "
            "Contact the nearest consulate or'): the file may be cut short; check it against "
            "its source") in result.stderr


def test_an_html_page_is_not_checked():
    page = ("<html><body><h1>Foreign Minister Anna Petrova’s speech, March 3, 2020</h1>"
            "<p>Dear friends,</p><p>Thank you</p></body></html>").encode("utf-8")
    assert read_bytes_checked(page, "p.html", "en")[1] is None
