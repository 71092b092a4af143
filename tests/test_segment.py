"""Sentence segmentation: exact splits of the hard cases, per language; offsets; CLI."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from alinea.align.segment import paragraph_spans, segment, segment_paragraphs, signature
from alinea.align.types import Sentence
from alinea.cli import app
from alinea.errors import LanguageError, SegmentError

CASES = [
    # English: titles, initials, abbreviations, numbers, quotes, brackets, e-mail style.
    ("en", "Mr. Smith met Dr. Jones. They talked.",
     ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("en", "V. Putin met D. Trump in Helsinki. Nothing was agreed.",
     ["V. Putin met D. Trump in Helsinki.", "Nothing was agreed."]),
    ("en", "The U.S. Army is large. Most of it is in the U.S. The rest is abroad.",
     ["The U.S. Army is large.", "Most of it is in the U.S.", "The rest is abroad."]),
    ("en", "Bring fruit, e.g. apples, i.e. food, etc. Then leave.",
     ["Bring fruit, e.g. apples, i.e. food, etc.", "Then leave."]),
    ("en", "Growth was 1.5 percent on 7.12.2017. He finished 21st. Then he left.",
     ["Growth was 1.5 percent on 7.12.2017.", "He finished 21st.", "Then he left."]),
    ("en", "Wait... What happened?! Nobody knows.",
     ["Wait...", "What happened?!", "Nobody knows."]),
    ("en", "He asked, “Is it done?” Then he left.",
     ["He asked, “Is it done?”", "Then he left."]),
    ("en", "“Is it done?” asked Ann. She waited.",
     ["“Is it done?” asked Ann.", "She waited."]),
    ("en", "He said it (quietly). (Nobody heard.) Then he left.",
     ["He said it (quietly).", "(Nobody heard.)", "Then he left."]),
    ("en", "We met in the\nmorning. Then we left.",
     ["We met in the\nmorning.", "Then we left."]),
    ("en", "Hi David, Thanks for the draft. See you on Monday.",
     ["Hi David,", "Thanks for the draft.", "See you on Monday."]),
    ("en", "I remember when I was there; I spent five minutes with them. Then we left.",
     ["I remember when I was there; I spent five minutes with them.", "Then we left."]),
    ("en", "Great food! :) We will be back.", ["Great food! :)", "We will be back."]),
    ("en", "Details are at http://example.org/talks Please register early.",
     ["Details are at http://example.org/talks", "Please register early."]),
    ("en", "The vote was close (see No. 5). It passed.",
     ["The vote was close (see No. 5).", "It passed."]),
    # Chinese and Japanese: full-width ends with no space after them, quotes and brackets.
    ("zh", "欢迎你来北京。我们是老朋友了！你好吗？好。",
     ["欢迎你来北京。", "我们是老朋友了！", "你好吗？", "好。"]),
    ("zh", "他说：“我们同意。”然后走了。（笑声）谢谢。 再见。",
     ["他说：“我们同意。”", "然后走了。", "（笑声）谢谢。", "再见。"]),
    ("zh", "你好吗?好的。", ["你好吗?", "好的。"]),
    ("ja", "ようこそ。元気ですか？「はい。」と答えた。",
     ["ようこそ。", "元気ですか？", "「はい。」と答えた。"]),
    # Russian: joined initials, "г.", "т.е.", "т.д.", direct speech, «quotes», (?).
    ("ru", "С.В.Лавров встретился с Дж. Керри. Они обсудили Сирию.",
     ["С.В.Лавров встретился с Дж. Керри.", "Они обсудили Сирию."]),
    ("ru", "Н.Назарбаев прибыл в г. Астану в 2017 г. Визит длился два дня.",
     ["Н.Назарбаев прибыл в г. Астану в 2017 г.", "Визит длился два дня."]),
    ("ru", "Это переговоры, т.е. работа, встречи и т.д. Потом был обед.",
     ["Это переговоры, т.е. работа, встречи и т.д.", "Потом был обед."]),
    ("ru", "— Вы согласны? — Да, конечно. — Хорошо.",
     ["— Вы согласны?", "— Да, конечно.", "— Хорошо."]),
    ("ru", "Он сказал: «Мы придём!» Потом ушёл.",
     ["Он сказал: «Мы придём!»", "Потом ушёл."]),
    ("ru", "«Вы придёте?» — спросил он. Ответа не было.",
     ["«Вы придёте?» — спросил он.", "Ответа не было."]),
    ("ru", "Рост составил 1,5 % за 2016 год. 7.12.2017 всё изменилось.",
     ["Рост составил 1,5 % за 2016 год.", "7.12.2017 всё изменилось."]),
    ("ru", "Слово (?) осталось неясным. Переводчик промолчал.",
     ["Слово (?) осталось неясным.", "Переводчик промолчал."]),
    ("ru", "В XVIII в. город вырос. Это было до н. э. Потом пришли римляне.",
     ["В XVIII в. город вырос.", "Это было до н. э.", "Потом пришли римляне."]),
    ("ru", "Мы встретились с проф. Ивановым. Он опоздал...",
     ["Мы встретились с проф. Ивановым.", "Он опоздал..."]),
    # German: z.B., d.h., ordinals, „…“.
    ("de", "Das ist z.B. ein Satz. Das heißt d.h. nichts.",
     ["Das ist z.B. ein Satz.", "Das heißt d.h. nichts."]),
    ("de", "Am 3. Oktober 1990 wurde Deutschland vereint. Das war ein Fest.",
     ["Am 3. Oktober 1990 wurde Deutschland vereint.", "Das war ein Fest."]),
    ("de", "Der 45. Präsident ist gewählt. Er heißt Trump.",
     ["Der 45. Präsident ist gewählt.", "Er heißt Trump."]),
    ("de", "Er sagte: „Wir kommen.“ Dann ging er.",
     ["Er sagte: „Wir kommen.“", "Dann ging er."]),
    ("de", "Herr Dr. Müller kommt um 10 Uhr. Er ist pünktlich.",
     ["Herr Dr. Müller kommt um 10 Uhr.", "Er ist pünktlich."]),
    # French: M., spaced marks, « … ».
    ("fr", "M. Dupont est arrivé. Il parle.", ["M. Dupont est arrivé.", "Il parle."]),
    ("fr", "« Tu viens ? » Oui, je viens.", ["« Tu viens ? »", "Oui, je viens."]),
    ("fr", "« Tu viens ? » demanda-t-il. Personne ne répondit.",
     ["« Tu viens ? » demanda-t-il.", "Personne ne répondit."]),
    ("fr", "Vous venez ? Non ! Dommage.", ["Vous venez ?", "Non !", "Dommage."]),
    ("fr", "Il cite Hugo, Zola, etc. La séance est levée.",
     ["Il cite Hugo, Zola, etc.", "La séance est levée."]),
    # Spanish: Sr., EE.UU., ¿…? ¡…!, a. C.
    ("es", "El Sr. García vive en EE.UU. desde 2010. Trabaja allí.",
     ["El Sr. García vive en EE.UU. desde 2010.", "Trabaja allí."]),
    ("es", "¿Vienes mañana? ¡Claro que sí! Nos vemos.",
     ["¿Vienes mañana?", "¡Claro que sí!", "Nos vemos."]),
    ("es", "Lo dijo la Dra. Pérez. Nadie respondió.",
     ["Lo dijo la Dra. Pérez.", "Nadie respondió."]),
    ("es", "La ciudad fue fundada en el 700 a. C. Después creció.",
     ["La ciudad fue fundada en el 700 a. C.", "Después creció."]),
    # Lost periods, e-mail layout, glued quotes, list items.
    ("de", "Die Arbeiten wurden bis Juni durchgeführt Das wird neue Erkenntnisse bringen.",
     ["Die Arbeiten wurden bis Juni durchgeführt", "Das wird neue Erkenntnisse bringen."]),
    ("de", "Im August 1969 schaffte Papst Paul VI. die Todesstrafe ab.",
     ["Im August 1969 schaffte Papst Paul VI. die Todesstrafe ab."]),
    ("en", "Andrew Edison@ENRON 06/02/2001 10:53 AM I have settled the case.",
     ["Andrew Edison@ENRON", "06/02/2001 10:53 AM", "I have settled the case."]),
    ("en", "Dear Ms. Lee: Thank you for the letter.",
     ["Dear Ms. Lee:", "Thank you for the letter."]),
    ("en", "Good local food, I recommend it!", ["Good local food, I recommend it!"]),
    ("en", "Thank you, Mr. President. Thank you, Sergey. Thanks, Dawn",
     ["Thank you, Mr. President.", "Thank you, Sergey.", "Thanks,", "Dawn"]),
    ("en", "Police in B.C. said it was calm.", ["Police in B.C. said it was calm."]),
    ("en", "Steps: open the box. 2. Close it.", ["Steps: open the box.", "2. Close it."]),
    ("fr", "Il a pris un avocat. « Les changements sont bons », dit-il.",
     ["Il a pris un avocat.", "« Les changements sont bons », dit-il."]),
    ("ru", "Он родился (род. 21 июня 1947) в Малатье. Умер в Стамбуле.",
     ["Он родился (род. 21 июня 1947) в Малатье.", "Умер в Стамбуле."]),
    ("ru", "Это стоит 360 фунтов, т. е. 450 долларов. Дорого.",
     ["Это стоит 360 фунтов, т. е. 450 долларов.", "Дорого."]),
    ("ru", "Он спросил: „Вы заметили?“», — говорит Пэлл. Все молчали.",
     ["Он спросил: „Вы заметили?“», — говорит Пэлл.", "Все молчали."]),
    ("ru", "В 2016 г. Москва выросла. Он жил там в 2016 г. Москва росла.",
     ["В 2016 г. Москва выросла.", "Он жил там в 2016 г.", "Москва росла."]),
    ("ru", "Он сказал «да». Потом ушёл.", ["Он сказал «да».", "Потом ушёл."]),
    ("en", "He called it “nonsense”. Then he left.",
     ["He called it “nonsense”.", "Then he left."]),
    ("en", "Just make a mold from that They sell kits in most shops.",
     ["Just make a mold from that", "They sell kits in most shops."]),
    ("en", "Knuck If You Buck was their hit.", ["Knuck If You Buck was their hit."]),
    ("fr", "Ils ont fait un excellent travail Ils sont ici depuis 2007.",
     ["Ils ont fait un excellent travail", "Ils sont ici depuis 2007."]),
    ("en", "Results: http://a.org/x.html http://b.org/y.html",
     ["Results: http://a.org/x.html", "http://b.org/y.html"]),
    ("en", "They met in Falluja (pop. 256,000) last week. It was hot.",
     ["They met in Falluja (pop. 256,000) last week.", "It was hot."]),
    ("en", "I have a ticket for Sat. you said you wanted to go.",
     ["I have a ticket for Sat. you said you wanted to go."]),
    # A vocative of several words after a thank-you is part of the sentence it closes.
    ("ru", "Спасибо, Анна Викторовна.", ["Спасибо, Анна Викторовна."]),
    ("ru", "Спасибо, Сергей Викторович. Это всё.", ["Спасибо, Сергей Викторович.", "Это всё."]),
    ("fr", "Merci, Madame la Ministre.", ["Merci, Madame la Ministre."]),
    ("en", "Hi David,\nThanks for the note.", ["Hi David,", "Thanks for the note."]),
    # Any other language: Punkt's bundled model when there is one, else plain rules.
    ("it", "Il sig. Rossi è arrivato. Parla.", ["Il sig. Rossi è arrivato.", "Parla."]),
    ("xx", "One. Two? Three! J. Doe came.", ["One.", "Two?", "Three!", "J. Doe came."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_segment_splits_hard_cases_exactly(lang: str, text: str, expected: list[str]):
    sentences = segment(text, lang)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_segment_returns_sentences_with_offsets():
    assert segment("  Hello there. Bye. ", "en") == [
        Sentence("Hello there.", 2, 14), Sentence("Bye.", 15, 19)]


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t"])
def test_segment_of_blank_text_is_empty(text: str):
    assert segment(text, "en") == []
    assert segment_paragraphs(text, "en") == []


@pytest.mark.parametrize("lang", ["EN", "en-US", "ru_RU", "de-DE-1996", "eng"])
def test_segment_accepts_language_tags(lang: str):
    assert [s.text for s in segment("Dr. A. B. Smith came. He sat.", lang)] == [
        "Dr. A. B. Smith came.", "He sat."]


@pytest.mark.parametrize("lang", ["", "e", "english!", "12", "en US"])
def test_segment_rejects_what_is_not_a_language_code(lang: str):
    with pytest.raises(LanguageError, match="language code"):
        segment("Text.", lang)


def test_segment_rejects_non_text():
    with pytest.raises(SegmentError, match="needs a str"):
        segment(b"bytes", "en")  # type: ignore[arg-type]


def test_three_letter_codes_get_the_same_rules_as_two_letter_ones():
    text = "С.В.Лавров встретился с Дж. Керри. Они обсудили Сирию."
    assert segment(text, "rus") == segment(text, "ru")
    assert signature("rus") == signature("ru")


def test_signature_names_version_language_and_model():
    assert signature("ru").startswith("alinea-seg:")
    assert "lang:ru" in signature("ru-RU") and "russian" in signature("ru")


def test_paragraph_ends_are_sentence_ends_and_offsets_are_global():
    text = "First para has\none sentence\n\n  Second para. Two sentences\n \nThird"
    paragraphs = segment_paragraphs(text, "en")
    assert [[s.text for s in p] for p in paragraphs] == [
        ["First para has\none sentence"], ["Second para.", "Two sentences"], ["Third"]]
    for p in paragraphs:
        for s in p:
            assert text[s.start:s.end] == s.text
    assert paragraph_spans(text)[1] == (text.index("Second"), text.index("sentences") + 9)


# -- property: offsets always give back the input, nothing is lost ----------------------

_ALPHABET = st.sampled_from(
    list("abcXYZ абвГДЕ äöüß éèçñ 0123456789 .,;:!?…'\"“”«»„()[]-—–/@") + [" ", " ", "\n",
                                                                          "\n\n", "\t"])
_WORDS = st.sampled_from(["Mr.", "Dr.", "U.S.", "т.е.", "г.", "z.B.", "EE.UU.", "M.", "...",
                          "?!", ":)", "http://x.org/a", "1.", "7.12.2017", "— ", "« ", " »",
                          "С.В.Лавров", "(?)", "etc.", "a. C."])
_TEXTS = st.lists(st.one_of(_ALPHABET, _WORDS), max_size=60).map("".join)


def _check_partition(text: str, sentences: list[Sentence], start: int = 0,
                     end: int | None = None) -> None:
    end = len(text) if end is None else end
    cursor = start
    for s in sentences:
        assert s.text and s.text == text[s.start:s.end]
        assert s.text == s.text.strip()
        assert cursor <= s.start
        assert text[cursor:s.start].strip() == ""  # only whitespace is left out
        cursor = s.end
    assert text[cursor:end].strip() == ""


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, lang=st.sampled_from(["en", "ru", "de", "fr", "es", "it", "xx"]))
def test_segment_offsets_reconstruct_the_input(text: str, lang: str):
    _check_partition(text, segment(text, lang))


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, lang=st.sampled_from(["en", "ru", "fr"]))
def test_segment_paragraphs_offsets_reconstruct_the_input(text: str, lang: str):
    paragraphs = segment_paragraphs(text, lang)
    _check_partition(text, [s for p in paragraphs for s in p])
    for p in paragraphs:
        assert p, "no empty paragraphs"
        for s in p:
            assert "\n\n" not in s.text.replace(" ", "").replace("\t", "")


def test_segment_ends_a_sentence_at_a_blank_line():
    text = "A title without a period\n\nThe text. It goes on"
    assert [s.text for s in segment(text, "en")] == [
        "A title without a period", "The text.", "It goes on"]


def test_segment_is_deterministic():
    text = "Dr. No met V. Putin in the U.S. He left. " * 20
    assert segment(text, "en") == segment(text, "en")


# -- command line ----------------------------------------------------------------------

runner = CliRunner()


def test_cli_segment_prints_sentences_and_paragraphs_exactly(tmp_path):
    source = tmp_path / "talk.txt"
    source.write_text("Г-н С.В.Лавров прибыл в г. Москву\nв 2016 г. Это т.е. тест.  Да!"
                      "\n\n\nНовый абзац... Второе?\n", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(source), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert result.output == ("Г-н С.В.Лавров прибыл в г. Москву\nв 2016 г.\n"
                             "Это т.е. тест.\nДа!\n\nНовый абзац...\nВторое?\n")


def test_cli_segment_one_line_joins_the_lines_of_a_sentence(tmp_path):
    source = tmp_path / "talk.txt"
    source.write_text("We met in the\nmorning. Then we left.\n", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(source), "--lang", "en", "--one-line"])
    assert result.output == "We met in the morning.\nThen we left.\n"


def test_cli_segment_reports_bad_encoding_with_a_fix(tmp_path):
    source = tmp_path / "cp1251.txt"
    source.write_bytes("Привет. Пока.".encode("cp1251"))
    result = runner.invoke(app, ["segment", str(source), "--lang", "ru"])
    assert result.exit_code != 0
    assert str(result.exception).startswith(f"{source}:1: not valid utf-8 at byte 0")
    assert "--encoding cp1251" in str(result.exception)


def test_cli_segment_reads_the_encoding_it_is_given(tmp_path):
    source = tmp_path / "cp1251.txt"
    source.write_bytes("Привет. Пока.\n".encode("cp1251"))
    result = runner.invoke(app, ["segment", str(source), "--lang", "ru", "--encoding", "cp1251"])
    assert result.exit_code == 0, result.output
    assert result.output == "Привет.\nПока.\n"


def test_cli_segment_reads_utf16_with_a_bom(tmp_path):
    source = tmp_path / "notepad.txt"
    source.write_bytes("Hello there. Bye.\n".encode("utf-16"))
    result = runner.invoke(app, ["segment", str(source), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output == "Hello there.\nBye.\n"


@pytest.mark.parametrize("page", ["<!DOCTYPE html><html><body><p>Hello there. Bye.</p></body></html>",
                                  "<?xml version='1.0'?><TEI><text>Hello there.</text></TEI>"])
def test_cli_segment_of_a_page_or_tei_says_how_to_segment_its_transcript(tmp_path, page):
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["segment", str(source), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr == (f"note: {source} is HTML or XML; its markup is split as text. To "
                             f"segment the transcript in it, run 'alinea tei {source} "
                             "--sentences -o -'\n")
    assert page.split(". ")[0] in result.stdout


def test_cli_eval_seg_scores_alinea_on_the_gold(shared_dir):
    result = runner.invoke(app, ["eval-seg", "--shared", str(shared_dir), "--lang", "es",
                                 "--no-peers"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# alinea-seg:")
    assert "es   all                alinea" in result.output
    assert "UD_Spanish-PUD" in result.output


def test_cli_eval_seg_says_where_the_gold_should_be(tmp_path):
    result = runner.invoke(app, ["eval-seg", "--shared", str(tmp_path), "--lang", "en"])
    assert "ALINEA_SHARED" in str(result.exception)
