"""The language of an edition read without --lang: long texts by their words, short ones
by all they show (script, listed editions, file name, title), else a request for --lang."""

from __future__ import annotations

import pytest

from alinea.corpus.language import detect_language, edition_language, normalise_language
from alinea.corpus.readers import read_bytes, read_text
from alinea.errors import LanguageError

# (text, path, language); each was detected wrongly from its body alone (in brackets).
SHORT = [
    # The file or its folder names the language ("Спасибо." read as Uzbek).
    ("Заявление\n\nСпасибо.\n", "ru/statement.txt", "ru"),
    ("Заявление\n\nСпасибо.\n", "statement.ru.txt", "ru"),
    ("Erklärung\n\nDanke.\n", "statement_de.txt", "de"),  # (da)
    # The title says more than the body (it).
    ("Statement by the Foreign Ministry Spokesperson\n\nNo comment.\n", "s.txt", "en"),
    ("Erklärung des Sprechers\n\nDanke.\n", "s.txt", "de"),  # (da)
    # The page lists its editions: the one in the text's script is this one (uz).
    ("Ответ на вопрос\n\n  • en-GB1 ru-RU1\n\nСпасибо.\n", "a.txt", "ru"),
    ("Заявление\n\nEnglish | Russian\n\nСпасибо.\n", "a.txt", "ru"),  # (uz)
    ("Erklärung\n\nEN | DE\n\nDanke.\n", "a.txt", "de"),  # (asked for --lang)
]


@pytest.mark.parametrize(("text", "path", "lang"), SHORT)
def test_a_short_text_is_given_the_language_all_its_evidence_shows(text, path, lang):
    assert read_text(text, path).lang == lang


@pytest.mark.parametrize(("text", "message", "lang"), [
    ("Заявление\n\nСпасибо.\n", "s.txt: cannot tell the language of this short text "
     "(ru 50%, bg 36%, uk 13%): give --lang, or a 'lang:' header line", "ru"),
    ("Statement\n\nJa.\n", "s.txt: cannot tell the language of this short text "
     "(en 17%, it 13%, fr 12%): give --lang, or a 'lang:' header line", "de"),
])
def test_a_short_text_whose_language_is_uncertain_asks_for_lang(text, message, lang):
    with pytest.raises(LanguageError) as info:
        read_text(text, "s.txt")
    assert str(info.value) == message
    assert read_text(text, "s.txt", lang).lang == lang
    header = text.replace("\n\n", f"\nlang: {lang}\n\n", 1)
    assert read_text(header, "s.txt").lang == lang


def test_cli_ingest_names_the_file_whose_language_is_uncertain(tmp_path):
    from typer.testing import CliRunner

    from alinea.cli import app

    path = tmp_path / "statement.txt"
    path.write_text("Заявление\n\nСпасибо.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--no-match"])
    assert result.exit_code == 1
    assert (f"{path}: cannot tell the language of this short text (ru 50%, bg 36%, uk 13%): "
            "give --lang, or a 'lang:' header line") in result.stderr
    again = CliRunner().invoke(app, ["ingest", str(path), "--lang", "ru", "--db", db,
                                     "--no-match"])
    assert again.exit_code == 0 and "[ru]" in again.stdout


@pytest.mark.parametrize(("text", "lang"), [
    ("성명\n\n감사합니다.\n", "ko"),
    ("声明\n\nありがとうございます。\n", "ja"),
    ("Δήλωση\n\nΕυχαριστώ.\n", "el"),
])
def test_a_short_text_in_a_script_of_one_language_is_in_that_language(text, lang):
    assert read_text(text, "s.txt").lang == lang


def test_a_long_text_goes_by_its_words_not_its_file_name(examples_dir):
    path = examples_dir / "interview-river-treaty.de.txt"
    assert read_bytes(path.read_bytes(), "interview.en.txt").lang == "de"


@pytest.mark.parametrize(("path", "lang"), [
    ("speech.en.txt", "en"), ("speech_ru.html", "ru"), ("ru/speech.txt", "ru"),
    ("EN/speech.TXT", "en"), ("de/speech.fr.txt", "fr"),
    # A word of two letters inside a name is no language code.
    ("discurso-de-lavrov.txt", None), ("answer-no-1.txt", None), ("speech.txt", None),
])
def test_a_file_names_its_language_by_its_ending_or_its_folder(path, lang):
    from alinea.corpus.language import name_language

    assert name_language(path) == lang


@pytest.mark.parametrize(("call", "parameter", "asked_for"), [
    # (what fails, the parameter it names, the message's end as the command line words it)
    (lambda: read_text("Заявление\n\nСпасибо.\n", "{s}.txt"), "lang",
     "(ru 50%, bg 36%, uk 13%): give {}, or a 'lang:' header line"),
    (lambda: edition_language("Спасибо.", title="Заявление", path="s.txt",
                             parameter="src-lang", header=False),
     "src-lang", "(ru 50%, bg 36%, uk 13%): give {}"),
    (lambda: detect_language("12 34"), "lang", "no words in the text (give {})"),
])
def test_a_language_error_names_the_parameter_that_would_settle_it(call, parameter, asked_for):
    with pytest.raises(LanguageError) as info:
        call()
    error = info.value
    assert error.parameter == parameter
    assert str(error).endswith(asked_for.format(f"--{parameter}"))
    worded = error.worded(f"the {parameter} parameter")
    assert worded == str(error).replace(f"--{parameter}", f"the {parameter} parameter")
    assert worded.endswith(asked_for.format(f"the {parameter} parameter"))


def test_a_language_error_no_parameter_settles_reads_the_same_everywhere():
    with pytest.raises(LanguageError) as info:
        normalise_language("{x}1")
    assert info.value.parameter is None
    assert info.value.worded("the lang parameter") == str(info.value) == (
        "not a language code: '{x}1' (use ISO 639-1, e.g. en, ru, de)")
