"""Readers on hand-written inputs: layouts, languages, labels, dates, and bad input."""

from __future__ import annotations

import re

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.corpus.dates import find_date, parse_date_line
from alinea.corpus.labels import parse_label, speaker_id
from alinea.corpus.readers import document_id, read_bytes, read_text, read_transcript
from alinea.corpus.titles import parse_title
from alinea.errors import (AlineaError, EmptyInputError, EncodingError, IngestError, NoBodyError,
                           UnknownLayoutError)

RU_EXPORT = """\
25 декабря 201711:16

Интервью Министра иностранных дел России С.В.Лаврова газете «Труд», Москва, 25 декабря 2017 года

  • de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1

Вопрос: Как вы оцениваете итоги года?

С.В.Лавров: Год был непростым. Тем не менее, мы добились многого.

Мы продолжим работу, т.е. будем развивать диалог.

Вопрос: Спасибо.

Дополнительные материалы

Организация Объединенных Наций

Расширенные настройки
"""

DE_EXPORT = """\
Interview des Außenministers Russlands, Sergej Lawrow, für die Zeitung „Trud“, Moskau, 13. September 2019
____________________
Frage: Wie bewerten Sie die Lage?
Sergej Lawrow: Die Lage ist schwierig. Wir arbeiten z.B. mit allen Partnern.
Frage: Danke.
"""

FR_EXPORT = """\
Entretien du Ministre des Affaires étrangères de la Russie, Sergueï Lavrov, accordé au journal Troud
13 septembre 2019
____________________
Question : Comment évaluez-vous la situation ?
Sergueï Lavrov : La situation est difficile. Nous travaillons avec tous nos partenaires.
"""

ES_EXPORT = """\
Entrevista del Ministro de Asuntos Exteriores de Rusia, Serguéi Lavrov, al periódico Trud
13 de septiembre de 2019
____________________
Pregunta: ¿Cómo valora la situación?
Serguéi Lavrov: La situación es difícil. Trabajamos con todos los socios de EE.UU. y de Europa.
"""


@pytest.mark.parametrize("text, lang, question, answerer", [
    (RU_EXPORT, "ru", "Вопрос:", "С.В.Лавров"),
    (DE_EXPORT, "de", "Frage:", "Sergej Lawrow"),
    (FR_EXPORT, "fr", "Question :", "Sergueï Lavrov"),
    (ES_EXPORT, "es", "Pregunta:", "Serguéi Lavrov"),
])
def test_export_in_each_language_is_read_with_its_labels(text, lang, question, answerer):
    doc = read_text(text, f"x.{lang}.txt")
    assert doc.lang == lang
    assert doc.turns[0].label == question
    assert doc.speaker(doc.turns[0].speaker).role == "interviewer"
    assert doc.speaker(doc.turns[1].speaker).name == answerer
    assert doc.kind == "interview"


def test_russian_export_reads_date_time_place_editions_and_trailers():
    doc = read_text(RU_EXPORT, "ru.txt")
    assert (doc.date, doc.time, doc.place) == ("2017-12-25", "11:16", "Москва")
    assert doc.editions == ("de", "en", "es", "ru", "fr")
    assert doc.outlet == "газете «Труд»"
    # The title's genitive "С.В.Лаврова" and the label's "С.В.Лавров" are one speaker.
    assert [s.name for s in doc.speakers] == ["Вопрос", "С.В.Лавров"]
    assert [b.kind for b in doc.boilerplate] == ["related", "related", "navigation"]
    assert doc.turns[1].paragraphs[1].text == "Мы продолжим работу, т.е. будем развивать диалог."


@pytest.mark.parametrize("switch,marker,status", [
    ("Translation (original)\n\n", "en-GB1 ru-RU1", (True, "ru")),
    ("Translation (original)\n\n", "de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1", (True, None)),
    ("", "en-GB1 ru-RU1", (None, None)),
])
def test_a_translation_published_in_two_languages_names_the_other_as_its_original(
        switch, marker, status):
    text = (f"{switch}5 June 201816:40\n\nForeign Minister Anna Petrova’s interview, Kazan, "
            f"June 5, 2018\n\n  • {marker}\n\nQuestion: When?\n\nAnna Petrova: Soon.\n")
    doc = read_text(text, "en.txt")
    assert (doc.lang, doc.is_translation, doc.original_lang) == ("en", *status)


def test_german_title_gives_place_date_and_outlet():
    doc = read_text(DE_EXPORT, "de.txt")
    assert (doc.date, doc.place, doc.outlet) == ("2019-09-13", "Moskau", "Zeitung „Trud“")


@pytest.mark.parametrize("text, outlet", [(FR_EXPORT, "journal Troud"), (ES_EXPORT, "periódico Trud")])
def test_french_and_spanish_titles_name_the_outlet(text, outlet):
    assert read_text(text, "x.txt").outlet == outlet


@pytest.mark.parametrize("text, iso, time", [
    ("25 December 201711:16", "2017-12-25", "11:16"),
    ("7 December 201722:45", "2017-12-07", "22:45"),
    ("September 13, 2019", "2019-09-13", None),
    ("25 декабря 2017 года", "2017-12-25", None),
    ("1 мая 2018 г.", "2018-05-01", None),
    ("3 марта 202009:05", "2020-03-03", "09:05"),
    ("25. Dezember 2017", "2017-12-25", None),
    ("25 décembre 2017", "2017-12-25", None),
    ("25 de diciembre de 2017", "2017-12-25", None),
    ("7.12.2017", "2017-12-07", None),
    ("2017-12-25", "2017-12-25", None),
    ("1er mars 2018", "2018-03-01", None),
    ("1er mars 201811:16", "2018-03-01", "11:16"),
    ("1.º de mayo de 2018", "2018-05-01", None),
    ("1° de mayo de 2018", "2018-05-01", None),
    ("13 сент. 2019 г.", "2019-09-13", None),
    ("4 февр. 2019", "2019-02-04", None),
    ("2019年9月27日", "2019-09-27", None),
    ("Friday, 25 December 201711:16", "2017-12-25", "11:16"),
    ("Пятница, 25 декабря 2017 года", "2017-12-25", None),
    ("Freitag, 25. Dezember 2017", "2017-12-25", None),
    ("vendredi 25 décembre 2017", "2017-12-25", None),
    ("Viernes, 25 de diciembre de 2017", "2017-12-25", None),
])
def test_date_lines_in_every_language_become_iso(text, iso, time):
    found = parse_date_line(text)
    assert found is not None
    assert (found.iso, found.time) == (iso, time)


@pytest.mark.parametrize("title, place", [
    ("Entretien du Ministre Sergueï Lavrov au journal Troud, Moscou, 1er mars 2018", "Moscou"),
    ("Entrevista del Ministro Serguéi Lavrov al periódico Trud, Moscú, 1.º de marzo de 2018", "Moscú"),
])
def test_a_title_dated_the_first_of_the_month_gives_date_and_place(title, place):
    info = parse_title(title)
    assert (info.date, info.place, info.kind) == ("2018-03-01", place, "interview")


@pytest.mark.parametrize("title, place, outlet", [
    ("Foreign Minister Sergey Lavrov’s interview with NBC, Moscow, Friday, July 21, 2017",
     "Moscow", "NBC"),
    ("Foreign Minister Sergey Lavrov’s interview with NBC, Friday, July 21, 2017", None, "NBC"),
])
def test_the_day_of_the_week_before_a_date_is_no_place(title, place, outlet):
    info = parse_title(title)
    assert (info.date, info.place, info.outlet) == ("2017-07-21", place, outlet)


@pytest.mark.parametrize("dateline, place", [
    ("Москва, понедельник, 25 декабря 2017 года", "Москва"),
    ("Понедельник, 25 декабря 2017 года", None),
])
def test_a_dateline_with_the_day_of_the_week_gives_date_and_place(dateline, place):
    text = (f"Интервью Министра иностранных дел России С.В.Лаврова газете «Труд»\n{dateline}\n"
            "____________________\nВопрос: Как дела?\nС.В.Лавров: Хорошо.\n")
    doc = read_text(text, "ru.txt")
    assert (doc.place, doc.date, len(doc.turns)) == (place, "2017-12-25", 2)


@pytest.mark.parametrize("text", ["31 February 2017", "Question: when?", "13 Smarch 2019",
                                  "2er mars 2018", "2019年2月30日"])
def test_impossible_or_absent_dates_are_not_read(text):
    assert parse_date_line(text) is None


def test_date_inside_a_sentence_is_found_with_its_span():
    text = "Sochi, February 7, 2018"
    found = find_date(text)
    assert found is not None and text[found.start:found.end] == "February 7, 2018"


@pytest.mark.parametrize("line, name, role", [
    ("Question: What now?", "Question", "question"),
    ("Question : Et maintenant ?", "Question", "question"),
    ("Вопрос: Что дальше?", "Вопрос", "question"),
    ("Frage: Was nun?", "Frage", "question"),
    ("Pregunta: ¿Y ahora?", "Pregunta", "question"),
    ("Moderator: Next question.", "Moderator", "chair"),
    ("Ведущий: Следующий вопрос.", "Ведущий", "chair"),
    ("Вопрос из зала: А санкции?", "Вопрос из зала", "question"),
    ("Question from the floor: And sanctions?", "Question from the floor", "question"),
    ("Frage aus dem Publikum: Und die Sanktionen?", "Frage aus dem Publikum", "question"),
    ("Question de la salle : Et les sanctions ?", "Question de la salle", "question"),
    ("Pregunta del público: ¿Y las sanciones?", "Pregunta del público", "question"),
    ("Журналист: А санкции?", "Журналист", "question"),
    ("Reporter: And sanctions?", "Reporter", "question"),
    ("Sergey Lavrov: Thank you.", "Sergey Lavrov", None),
    ("С.В.Лавров: Спасибо.", "С.В.Лавров", None),
    ("Н.Назарбаев: Спасибо.", "Н.Назарбаев", None),
    ("Jean-Yves Le Drian: Merci.", "Jean-Yves Le Drian", None),
    ("Mr Smith: Indeed.", "Mr Smith", None),
    ("Premier Li Keqiang: Thank you.", "Premier Li Keqiang", None),
    ("Kanye West: Yes.", "Kanye West", None),
    ("Sergey Lavrov (speaking in English): Yes.", "Sergey Lavrov", None),
])
def test_speaker_labels_are_recognised(line, name, role):
    label = parse_label(line)
    assert label is not None
    assert (label.name, label.role) == (name, role)


@pytest.mark.parametrize("line", [
    "The reason is simple: we agreed.",
    "In particular: the treaty.",
    "Syria: the situation is difficult.",
    "There were three points: first, second, third.",
    "At 11:30 we met.",
    "Second Point: economy.",
    "Middle East: the talks go on.",
    "Zweiter Punkt: die Wirtschaft.",
    "Ближний Восток: переговоры идут.",
    "Première Partie : l'économie.",
    "Joint Statement: the sides agreed.",
])
def test_ordinary_sentences_with_colons_are_not_labels(line):
    assert parse_label(line) is None


def test_a_question_from_the_floor_is_not_given_to_the_minister():
    text = RU_EXPORT.replace("Вопрос: Спасибо.", "Вопрос из зала: А что будет с санкциями?\n\n"
                             "С.В.Лавров: Санкции – не наш выбор.")
    doc = read_text(text, "ru.txt")
    asked = [(doc.speaker(t.speaker).role, t.label, t.paragraphs[0].text) for t in doc.turns]
    assert asked[-2:] == [("interviewer", "Вопрос из зала:", "А что будет с санкциями?"),
                          ("guest", "С.В.Лавров:", "Санкции – не наш выбор.")]


@pytest.mark.parametrize("line, name, role", [
    ("王毅：我们欢迎你。", "王毅", None),
    ("王毅: 我们欢迎你。", "王毅", None),
    ("谢尔盖·拉夫罗夫：谢谢。", "谢尔盖·拉夫罗夫", None),
    ("问：你能否证实？", "问", "question"),
    ("问（路透社）：美方有何评论？", "问", "question"),
    ("答：是的。", "答", "answer"),
    ("主持人：请提问。", "主持人", "chair"),
    ("岸田：はい。", "岸田", None),
    ("질문: 네?", "질문", "question"),
    ("Ван И：Мы рады.", "Ван И", None),
    ("Вопрос (ТАСС)：Как?", "Вопрос", "question"),
])
def test_labels_in_scripts_without_capitals_or_with_a_full_width_colon(line, name, role):
    label = parse_label(line)
    assert label is not None and (label.name, label.role) == (name, role)
    assert line.startswith(label.label) and not label.rest.startswith(("：", ":"))


@pytest.mark.parametrize("line", [
    "王二说道：“你难道要我去偷东西吗？”",
    "他指出：中方一贯支持多边主义。",
    "总之：我们反对。",
    "我们：是朋友。",
    "会议时间：10点。",
    "编者按：本文转载自新华社。",
    "写真：ロイター",
    "中华人民共和国外交部发言人：今天",
    "قال: نعم",
])
def test_chinese_sentences_with_a_colon_are_not_labels(line):
    assert parse_label(line) is None


def test_a_chinese_press_conference_is_read_turn_by_turn():
    text = ("外交部发言人例行记者会\n2019-09-27\n\n问：中方将派代表团出席会议吗？\n\n"
            "耿爽：我们已经发布了消息。\n\n问（路透社）：美方有何评论？\n\n耿爽：请你向美方询问。\n")
    doc = read_text(text, "zh.txt")
    assert [(doc.speaker(t.speaker).name, t.label, t.paragraphs[0].text) for t in doc.turns] == [
        ("问", "问：", "中方将派代表团出席会议吗？"), ("耿爽", "耿爽：", "我们已经发布了消息。"),
        ("问", "问（路透社）：", "美方有何评论？"), ("耿爽", "耿爽：", "请你向美方询问。")]


@pytest.mark.parametrize("salutation", [
    "Dear Colleagues:", "Ladies and Gentlemen, Dear Friends:", "Mr President:", "Madam Chair:",
    "Уважаемые Коллеги:", "Господин Председатель:", "Sehr geehrte Kollegen:", "Herr Präsident:",
    "Chers Amis :", "Monsieur le Président :", "Queridos Amigos:", "Señor Presidente:",
])
def test_a_speech_opening_with_a_salutation_and_a_colon_stays_the_speakers(salutation):
    text = ("Foreign Minister Anna Petrova’s speech at the Arctic Forum, Moscow, March 3, 2020\n\n"
            f"{salutation}\n\nI am glad to see you. We meet for the tenth time.\n")
    doc = read_text(text, "speech.txt", "en")
    assert [(doc.speaker(t.speaker).name, [p.text for p in t.paragraphs]) for t in doc.turns] == [
        ("Anna Petrova", [salutation, "I am glad to see you. We meet for the tenth time."])]


@pytest.mark.parametrize("line, name", [
    ("The President: I give the floor to the Minister.", "The President"),
    ("President Putin: We agree.", "President Putin"),
    ("Господин Иванов: Да.", "Господин Иванов"),
    ("Monsieur Lavrov : Oui.", "Monsieur Lavrov"),
])
def test_a_title_with_a_name_or_an_article_is_still_a_label(line, name):
    label = parse_label(line)
    assert label is not None and label.name == name


@pytest.mark.parametrize("title, journalist, minister", [
    ("Foreign Minister Sergey Lavrov’s interview with NBC, Moscow, July 21, 2017",
     "Andrea Mitchell", "Sergey Lavrov"),
    ("Интервью Министра иностранных дел России С.В.Лаврова телеканалу NBC, Москва, 21 июля 2017 года",
     "Э.Митчелл", "С.В.Лавров"),
])
def test_a_named_journalist_in_an_interview_is_the_interviewer(title, journalist, minister):
    text = (f"{title}\n____________________\n{journalist}: Minister, thank you.\n"
            f"{minister}: Thank you.\n{journalist}: And Syria?\n{minister}: We will see.\n")
    doc = read_text(text, "x.txt", "en")
    assert [(s.name, s.role) for s in doc.speakers] == [(journalist, "interviewer"),
                                                        (minister, "guest")]


def test_named_voices_stay_interviewees_when_the_one_the_title_names_does_not_speak():
    text = ("Foreign Minister Sergey Lavrov’s interview with NBC\n____________________\n"
            "Question: Minister, thank you.\nMaria Zakharova: Thank you.\n")
    doc = read_text(text, "x.txt", "en")
    assert [(s.name, s.role) for s in doc.speakers] == [("Question", "interviewer"),
                                                        ("Maria Zakharova", "guest")]


def test_known_surname_alone_is_a_label():
    assert parse_label("Lavrov: Yes.", frozenset({"Sergey Lavrov"})) is not None


@pytest.mark.parametrize("name, expected", [
    ("Sergey Lavrov", "SergeyLavrov"), ("С.В.Лавров", "SVLavrov"), ("Jean-Yves Le Drian", "JeanYvesLeDrian"),
    ("2nd speaker", "p2ndSpeaker"),
    ("王毅", "WangYi"), ("谢尔盖·拉夫罗夫", "XieErGaiLaFuLuoFu"),
])
def test_speaker_ids_are_ncnames(name, expected):
    assert speaker_id(name) == expected


def test_speaker_ids_are_made_unique():
    assert speaker_id("Sergey Lavrov", {"SergeyLavrov"}) == "SergeyLavrov2"


def test_people_who_share_a_surname_are_told_apart_and_typos_are_not():
    text = ("Talks in Moscow, May 5, 2020\n\n"
            "Ivan Petrov: Good morning.\n\nIvana Petrova: Good morning, I am his colleague.\n\n"
            "Mark Smith: I am the third speaker.\n\nMary Smith: And I am the fourth.\n\n"
            "Sergey Lavrov: Welcome.\n\nServey Lavrov: A typo in the label.\n\n"
            "I. Petrov: Closing words.\n")
    doc = read_text(text, "talks.txt", "en")
    assert [s.name for s in doc.speakers] == ["Ivan Petrov", "Ivana Petrova", "Mark Smith",
                                              "Mary Smith", "Sergey Lavrov"]
    who = [doc.speakers[[s.id for s in doc.speakers].index(t.speaker)].name
           for t in doc.turns]
    assert who == ["Ivan Petrov", "Ivana Petrova", "Mark Smith", "Mary Smith",
                   "Sergey Lavrov", "Sergey Lavrov", "Ivan Petrov"]


@pytest.mark.parametrize("title, speaker", [
    ("Remarks by Foreign Minister Sergey Lavrov at the UN Security Council, New York, "
     "September 27, 2019", "Sergey Lavrov"),
    ("Statement by H.E. Mr. Sergey Lavrov, Minister of Foreign Affairs", "Sergey Lavrov"),
    ("Briefing by Foreign Ministry Spokesperson Maria Zakharova, Moscow, March 1, 2018",
     "Maria Zakharova"),
    ("Rede von Außenminister Sergej Lawrow bei der UNO", "Sergej Lawrow"),
    ("Commentaire de Maria Zakharova sur la situation", "Maria Zakharova"),
    ("Comentario de María Zajárova sobre la situación", "María Zajárova"),
    ("Statement by the Foreign Ministry", None),
    ("Comment by the Information and Press Department on the situation", None),
    ("Joint statement by Russia and China", None),
    ("Speech by the President of Sarmeria", None),
])
def test_a_title_naming_its_speaker_after_by_gives_the_speaker(title, speaker):
    assert parse_title(title).speaker == speaker


def test_a_speech_titled_by_its_speaker_is_theirs_not_an_unknown_speakers():
    text = ("Remarks by Foreign Minister Anna Petrova at the Arctic Forum, Moscow, March 3, 2020\n\n"
            "Dear friends,\n\nI am glad to see you.\n")
    doc = read_text(text, "remarks.txt", "en")
    assert [(s.name, s.role) for s in doc.speakers] == [("Anna Petrova", "speaker")]


@pytest.mark.parametrize("title, outlet", [
    ("Foreign Minister Sergey Lavrov’s interview with Trud newspaper", "Trud newspaper"),
    ("Foreign Minister Anna Petrova’s speech at the opening of the International Arctic "
     "Research Forum", None),
    ("Foreign Minister Sergey Lavrov’s remarks at a joint news conference following talks",
     None),
    ("Выступление С.В.Лаврова на заседании Совета министров ОБСЕ", None),
    ("Интервью Министра иностранных дел России С.В.Лаврова Международному информационному "
     "агентству «Россия сегодня», Москва, 25 декабря 2017 года",
     "Международному информационному агентству «Россия сегодня»"),
    ("Интервью С.В.Лаврова российской газете «Коммерсантъ»", "российской газете «Коммерсантъ»"),
    ("Интервью Министра иностранных дел России С.В.Лаврова газете «Труд»", "газете «Труд»"),
    ("Интервью Министра иностранных дел А.В.Петровой газете «Северный курьер»",
     "газете «Северный курьер»"),
    ("Интервью Министра иностранных дел А.В. Петровой газете «Курьер»", "газете «Курьер»"),
])
def test_an_event_in_the_title_is_not_an_outlet(title, outlet):
    assert parse_title(title).outlet == outlet


@pytest.mark.parametrize("title, kind", [
    ("Foreign Minister Sergey Lavrov’s remarks at a news conference", "press-conference"),
    ("Foreign Minister Sergey Lavrov’s opening remarks", "remarks"),
    ("Foreign Minister Sergey Lavrov’s speech at the UN General Assembly", "speech"),
    ("Foreign Minister Sergey Lavrov’s answers to media questions", "answer"),
    ("Foreign Minister Sergey Lavrov’s article for Izvestia", "article"),
    ("Выступление Министра иностранных дел России С.В.Лаврова на форуме", "speech"),
    ("Выступление и ответы на вопросы СМИ Министра иностранных дел России С.В.Лаврова", "remarks"),
    ("Ответ Министра иностранных дел России С.В.Лаврова на вопрос СМИ", "answer"),
    ("Foreign Minister Sergey Lavrov’s answer to a media question", "answer"),
    ("Совместная пресс-конференция С.В.Лаврова", "press-conference"),
    ("Rede des Außenministers", "speech"),
    ("Conférence de presse de Sergueï Lavrov", "press-conference"),
    ("Rueda de prensa de Serguéi Lavrov", "press-conference"),
    ("Weather report", "other"),
])
def test_title_kinds(title, kind):
    assert parse_title(title).kind == kind


def test_generic_plain_text_with_header_block():
    text = ("A talk on rivers\ndate: 2020-03-04\nplace: Geneva\nkind: speech\nlang: en\n"
            "original: fr\ntranslation: yes\neditions: en, fr\nsource: https://example.org/talks/12345\n\n"
            "Friends, thank you for coming.\nThe rivers are\nour common wealth.\n\nWe will meet again.\n")
    doc = read_text(text, "talk.txt")
    assert (doc.title, doc.date, doc.place, doc.kind) == ("A talk on rivers", "2020-03-04", "Geneva", "speech")
    assert (doc.lang, doc.original_lang, doc.is_translation) == ("en", "fr", True)
    assert doc.editions == ("en", "fr")
    assert doc.source_id == "12345"
    assert [p.text for p in doc.paragraphs] == [
        "Friends, thank you for coming.\nThe rivers are\nour common wealth.", "We will meet again."]


def test_generic_plain_text_with_labels_inside_a_block_opens_turns():
    text = "Chat\n\nAlice Smith: Hello there, how are you.\nBob Jones: Fine, thank you.\n"
    doc = read_text(text, "chat.txt", "en")
    assert [t.label for t in doc.turns] == ["Alice Smith:", "Bob Jones:"]


_LABELLED_BODY = ("\nFrage: Wann tritt der Vertrag in Kraft?\n\n"
                  "Anna Petrowa: Der Vertrag tritt morgen in Kraft. Wir freuen uns darauf.\n")


@pytest.mark.parametrize("head", [
    "Erklärung zum Flussvertrag\nLanguage: de\nSource id: treaty-1\nDate: 2018-03-14\n",
    "Erklärung zum Flussvertrag\nTitle: Erklärung zum Flussvertrag\nLanguage: de\n"
    "Source id: treaty-1\nDate: 2018-03-14\n",
    "Title: Erklärung zum Flussvertrag\nLanguage: de\nSource id: treaty-1\nDate: 2018-03-14\n",
    "Source id: treaty-1\nTitle: Erklärung zum Flussvertrag\nDate: 2018-03-14\nLanguage: de\n",
])
def test_a_plain_text_header_is_read_as_a_header_though_the_body_has_speaker_labels(head):
    # Two speaker labels are what a mid.ru export shows; its reader took the header lines
    # for the text of a first turn.
    doc = read_text(head + _LABELLED_BODY, "treaty.de.txt")
    assert (doc.title, doc.lang, doc.source_id, doc.date) == (
        "Erklärung zum Flussvertrag", "de", "treaty-1", "2018-03-14")
    assert [(t.label, [p.text for p in t.paragraphs]) for t in doc.turns] == [
        ("Frage:", ["Wann tritt der Vertrag in Kraft?"]),
        ("Anna Petrowa:", ["Der Vertrag tritt morgen in Kraft. Wir freuen uns darauf."])]


@pytest.mark.parametrize("head, message", [
    ("Language: de\nSource id: treaty-1\n", "treaty.de.txt:1: the file opens with a header "
     "that gives no title: put the title on the first line, or a 'title:' line in the header"),
    ("Erklärung\nLanguage: de\nTitle: Flussvertrag\n", "treaty.de.txt:3: the header's title "
     "'Flussvertrag' is not the title line 'Erklärung': keep one of them"),
])
def test_a_plain_text_header_without_one_title_names_its_line(head, message):
    with pytest.raises(IngestError) as info:
        read_text(head + _LABELLED_BODY, "treaty.de.txt")
    assert str(info.value) == message


def test_mid_ru_exports_are_still_read_by_the_mid_ru_reader(seeds_dir, examples_dir):
    from alinea.corpus.midru import read_midru

    files = sorted(seeds_dir.glob("*.txt")) + sorted(examples_dir.glob("*.txt"))
    assert len(files) == 16
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert read_text(text, path) == read_midru(text, path, document_id(path)), path
    for text in (RU_EXPORT, DE_EXPORT, FR_EXPORT, ES_EXPORT):
        assert read_text(text, "x.txt") == read_midru(text, "x.txt", "x")


def test_generic_header_with_unknown_kind_names_its_line():
    text = "Title\nkind: poem\n\nSome words here in a line.\n"
    with pytest.raises(IngestError) as info:
        read_text(text, "p.txt", "en")
    assert str(info.value) == "p.txt:2: unknown kind 'poem' (one of: interview, speech, remarks, " \
        "press-conference, answer, statement, article, briefing, other)"


def test_html_export_is_read_like_its_text():
    html = ("<!DOCTYPE html><html><head><title>t</title><script>var x = 1;</script></head><body>"
            "<h1>Foreign Minister Anna Petrova’s interview with the Daily Example</h1>"
            "<p>March 3, 2020</p><div>• de-DE1 en-GB1</div>"
            "<p>Question: How are the talks going?</p><p>Anna Petrova: Well. We agreed on a plan.</p>"
            "<p>Advanced settings</p></body></html>")
    doc = read_text(html, "page.html")
    assert doc.title == "Foreign Minister Anna Petrova’s interview with the Daily Example"
    assert (doc.date, doc.editions, doc.outlet) == ("2020-03-03", ("de", "en"), "Daily Example")
    assert [t.label for t in doc.turns] == ["Question:", "Anna Petrova:"]
    assert "var x" not in doc.text


@pytest.mark.parametrize("footer", [
    "© 2005–2017 The Ministry of Foreign Affairs of the Russian Federation",
    "Copyright 2017 MID. All rights reserved.",
    "Все права защищены",
])
def test_a_saved_pages_copyright_footer_is_boilerplate_not_the_last_answer(footer):
    html = ("<html><body><h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>"
            "<p><strong>Question:</strong> What did trade reach?</p>"
            "<p><strong>Anna Petrova:</strong> These figures.</p>"
            f"<footer><p>{footer}</p></footer></body></html>")
    doc = read_text(html, "page.html", "en")
    assert [p.text for p in doc.turns[-1].paragraphs] == ["These figures."]
    assert [(b.kind, b.text) for b in doc.boilerplate] == [("trailer", footer)]


def test_a_copyright_line_ending_a_plain_text_or_page_is_boilerplate():
    html = ("<html><body><h1>Statement by the Minister at the Security Council</h1>"
            "<p>Mr President,</p><p>The world is changing.</p><p>Thank you.</p>"
            "<footer><p>© 2019 Ministry of Foreign Affairs</p></footer></body></html>")
    text = ("Statement by the Minister\ndate: 2019-09-27\n\nThe world is changing.\n\n"
            "© 2019 Jane Doe\n\nAll rights reserved.\n")
    page, plain = read_text(html, "page.html", "en"), read_text(text, "s.txt", "en")
    assert [p.text for p in page.paragraphs] == ["Mr President,", "The world is changing.", "Thank you."]
    assert [(b.kind, b.text) for b in page.boilerplate] == [("trailer", "© 2019 Ministry of Foreign Affairs")]
    assert [p.text for p in plain.paragraphs] == ["The world is changing."]
    assert [(b.text, b.line) for b in plain.boilerplate] == [("© 2019 Jane Doe", 6),
                                                             ("All rights reserved.", 8)]


@pytest.mark.parametrize("switch", [
    '<div class="switch"><a href="/ru/3">Translation (original)</a></div>',
    '<p>Translation <a href="/ru/3">(original)</a></p>',
    '<ul><li><a href="/en/3">Перевод (оригинал)</a></li></ul>',
])
def test_a_pages_translation_switch_is_kept_though_it_is_a_link(switch):
    html = (f"<html><body>{switch}<h1>Foreign Minister Anna Petrova’s interview with Trud, "
            "March 3, 2020</h1><div>• en-GB1 ru-RU1</div>"
            "<p><b>Question:</b> What did trade reach?</p><p><b>Anna Petrova:</b> These figures.</p>"
            "</body></html>")
    doc = read_text(html, "page.html", "en")
    assert (doc.is_translation, doc.original_lang) == (True, "ru")
    assert [b.kind for b in doc.boilerplate] == ["navigation"]


@pytest.mark.parametrize("layout", [
    "<header><h1><a href='/'>MID of Russia</a></h1></header><main>{title}{text}</main>",
    "<div class='logo'><h1><a href='/'>MID of Russia</a></h1></div><article>{title}{text}</article>",
    "<header><h1><a href='/'>MID of Russia</a></h1></header><div>{title}{text}</div>",
])
def test_a_sites_logo_heading_is_not_the_transcripts_title(layout):
    title = "<h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>"
    text = "<p>Question: What did trade reach?</p><p>Anna Petrova: These figures.</p>"
    doc = read_text(f"<html><body>{layout.format(title=title, text=text)}</body></html>",
                    "page.html", "en")
    assert (doc.title, doc.date, doc.outlet) == (
        "Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020", "2020-03-03", "Trud")
    assert [t.label for t in doc.turns] == ["Question:", "Anna Petrova:"]


def test_lines_named_for_a_page_are_the_pages_lines_not_its_texts():
    page = ("<!DOCTYPE html>\n<html>\n<head><title>t</title></head>\n<body>\n"
            "<h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>\n\n"
            "<p>Question: What did trade reach?</p>\n<p>Anna Petrova:\nThese figures.</p>\n\n\n"
            "<footer>\n<p>© 2020 Ministry</p>\n</footer>\n</body>\n</html>\n")
    doc = read_text(page, "page.html", "en")
    assert [(b.text, b.line) for b in doc.boilerplate] == [("© 2020 Ministry", 13)]
    bare = page.replace("<p>Question: What did trade reach?</p>", "").replace(
        "<p>Anna Petrova:\nThese figures.</p>", "<p>Question:</p>")
    with pytest.raises(NoBodyError) as info:
        read_text(bare, "page.html", "en")
    assert str(info.value) == ("page.html:12: the file has a title but no transcript text, "
                                "only speaker labels")


def test_bold_html_labels_open_turns_even_with_the_text_glued_to_them():
    html = ("<html><body><h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>"
            "<p><b>Question</b>: First?</p><p><strong>Anna Petrova:</strong>Answer one.</p>"
            "<p><strong>Question:</strong>&nbsp;Second?</p>"
            "<p><strong>Anna&nbsp;Petrova</strong>:&nbsp;Answer two.</p>"
            "<p><strong>Question:</strong></p><p>Third?</p>"
            "<p><strong>Anna Petrova: </strong>Answer <b>three</b>.</p></body></html>")
    doc = read_text(html, "page.html", "en")
    assert [(t.speaker, t.label, [p.text for p in t.paragraphs]) for t in doc.turns] == [
        ("questioner", "Question:", ["First?"]), ("AnnaPetrova", "Anna Petrova:", ["Answer one."]),
        ("questioner", "Question:", ["Second?"]), ("AnnaPetrova", "Anna Petrova:", ["Answer two."]),
        ("questioner", "Question:", ["Third?"]), ("AnnaPetrova", "Anna Petrova:", ["Answer three."])]


def test_html_menus_are_left_out_and_table_cells_kept_apart():
    html = ('<html><head><title>MID - Interview</title></head><body>'
            '<div class="nav"><a href="/">Home</a> | <a href="/news">News</a></div>'
            "<h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>"
            "<p>Question: What did trade reach?</p><p>Anna Petrova: These figures.</p>"
            "<table><tr><th>Year</th><th>Trade</th></tr><tr><td>2018</td><td>17.1</td></tr>"
            '</table><ul><li><a href="/a">Related: another interview</a></li></ul>'
            "<p>See <a href='/t'>the treaty</a> for details.</p></body></html>")
    doc = read_text(html, "page.html", "en")
    assert doc.title == "Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020"
    assert doc.date == "2020-03-03"
    answer = [p.text for p in doc.turns[-1].paragraphs]
    assert answer == ["These figures.", "Year | Trade", "2018 | 17.1",
                      "See the treaty for details."]
    assert "Home" not in doc.text and "Related" not in doc.text


_PAGE = ("<html><head><title>t</title>{head}</head><body>"
         "<h1>Foreign Minister Anna Petrova’s interview with Trud, March 3, 2020</h1>{body}"
         "<p>Question: What did trade reach?</p><p>Anna Petrova: These figures.</p>"
         "</body></html>")


@pytest.mark.parametrize("head, body, url, source_id", [
    ('<link rel="canonical" href="https://mid.example/en/content/id/3785238">', "",
     "https://mid.example/en/content/id/3785238", "3785238"),
    ('<link rel="alternate" hreflang="ru" href="https://mid.example/ru/1">'
     '<meta property="og:url" content="https://mid.example/en/news/2011">', "",
     "https://mid.example/en/news/2011", None),
    ('<link rel="Canonical" href="/en/content/id/3785238">', "", None, None),
    ('<link rel="canonical" href="https://mirror.example/copy/77">',
     "<p>Source: https://mid.example/en/content/id/3785238</p>",
     "https://mid.example/en/content/id/3785238", "3785238"),
], ids=["canonical", "og-url", "relative-ignored", "source-line-wins"])
def test_html_page_gives_its_own_url_as_the_source_unless_the_text_names_one(
        head, body, url, source_id):
    doc = read_text(_PAGE.format(head=head, body=body), "page.html", "en")
    assert (doc.source_url, doc.source_id) == (url, source_id)


@pytest.mark.parametrize("depth", [300, 1200])
def test_html_nested_deeper_than_parser_and_recursion_limits_keeps_its_text(depth):
    # libxml2 stops at 256 levels unless told otherwise; Python's recursion at ~1000.
    html = ("<html><body><h1>Anna Petrova’s interview with Trud</h1>"
            + "<div><ul><li><a href='/x'>Menu</a></li></ul>" * depth
            + "<p>Question: What did trade reach?</p><p>Anna Petrova: These figures.</p>"
            + "</div>" * depth + "</body></html>")
    doc = read_text(html, "page.html", "en")
    assert [p.text for t in doc.turns for p in t.paragraphs] == [
        "What did trade reach?", "These figures."]


def test_document_ids_are_ncnames_from_file_names():
    assert document_id("/x/000_abc.txt") == "doc-000_abc"
    assert document_id("interview-river.en.txt") == "interview-river.en"
    assert document_id("Über uns (2).html") == "Uber-uns-2"
    assert document_id("entrevista-política.es.txt") == "entrevista-politica.es"


def test_document_ids_of_non_latin_file_names_stay_distinct():
    assert document_id("выступление.txt") == "vystuplenie"
    assert document_id("/a/ответ.ru.txt") == "otvet.ru"
    chinese = [document_id(name) for name in ("讲话.txt", "答记者问.txt", "讲话.html")]
    assert chinese[0] == chinese[2] != chinese[1]
    assert all(re.fullmatch(r"doc-[0-9a-f]{8}", i) for i in chinese)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("data, error, message", [
    (b"", EmptyInputError, "x.txt: file is empty"),
    (b"   \n\n  ", EmptyInputError, "x.txt: file is empty"),
    (b"Title\nline\x00with nul", EncodingError, "x.txt:2: binary data (NUL byte), not a text file"),
    (b"Title\n\xff\xfe\xfa broken", EncodingError,
     "x.txt:2: not valid utf-8 at byte 6 (if the file is in another encoding, name it: "
     "--encoding cp1251 or --encoding latin-1 on the command line, charset=windows-1251 in "
     "an upload's Content-Type)"),
    (b"Title\nText with a bell \x07 in it", EncodingError,
     "x.txt:2: control character U+0007 in text; the file looks binary or corrupted"),
    (b"Only a title", NoBodyError, "x.txt:1: only one line: a title with no text"),
    (b'{"a": 1,\n "b": 2}', UnknownLayoutError,
     "x.txt:1: looks like JSON or XML, not a transcript alinea can read (alinea reads plain text, "
     "HTML and its own TEI)"),
    (b"1234\n5678\n", UnknownLayoutError, "x.txt:1: no words in the file: not a transcript"),
    (b"25 December 201711:16\n\nForeign Minister Sergey Lavrov\xe2\x80\x99s interview\n\nAdvanced settings\n",
     NoBodyError, "x.txt:6: the file has a title but no transcript text"),
    # found by the mangled-seeds property: a mid.ru header, then a bare speaker label
    (b"7 December 201722:45\n\nForeign Minister Sergey Lavrov\xe2\x80\x99s answer to a "
     b"question, Vienna, December 7, 2017\n\n\n  \xe2\x80\xa2 de-DE1 en-GB1 ru-RU1\n\n\n"
     b"Question: ",
     NoBodyError, "x.txt:9: the file has a title but no transcript text, only speaker labels"),
])
def test_bad_input_raises_a_specific_error_naming_file_and_line(data, error, message):
    with pytest.raises(error) as info:
        read_bytes(data, "x.txt")
    assert str(info.value) == message


def test_other_encodings_are_read_when_named(tmp_path):
    # Named for its language: four words do not tell Russian from Ukrainian or Serbian.
    path = tmp_path / "cp.ru.txt"
    path.write_bytes("Заголовок\n\nВопрос: Как дела?\nС.В.Лавров: Хорошо.\n".encode("cp1251"))
    with pytest.raises(EncodingError):
        read_transcript(path)
    doc = read_transcript(path, encoding="cp1251")
    assert doc.lang == "ru" and doc.turns[1].paragraphs[0].text == "Хорошо."


@pytest.mark.parametrize("meta", ['<meta charset="windows-1251">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'])
def test_a_saved_page_is_read_in_the_charset_its_meta_declares(tmp_path, meta):
    page = (f"<!DOCTYPE html><html><head>{meta}<title>МИД России</title></head><body>"
            "<h1>Интервью С.В.Лаврова газете «Труд», Москва, 13 сентября 2019 года</h1>"
            "<p><b>Вопрос:</b> Как дела?</p><p><b>С.В.Лавров:</b> Хорошо.</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    doc = read_transcript(path)
    assert doc.title == "Интервью С.В.Лаврова газете «Труд», Москва, 13 сентября 2019 года"
    assert [p.text for p in doc.paragraphs] == ["Как дела?", "Хорошо."]
    # re-saved in UTF-8 with the old declaration kept: the bytes win
    path.write_bytes(page.encode("utf-8"))
    assert read_transcript(path).paragraphs[1].text == "Хорошо."


def test_a_page_declaring_a_charset_its_bytes_are_not_in_is_an_encoding_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="utf-8"></head><body><p>T</p><p>\xff\xfe</p></body></html>')
    with pytest.raises(EncodingError, match="not valid utf-8 at byte"):
        read_transcript(path)


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Title line\n\nQuestion: Is this UTF-16?\nJane Doe: Yes, it is.\n".encode("utf-16"))
    assert read_transcript(path).turns[1].paragraphs[0].text == "Yes, it is."


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="cannot read file"):
        read_transcript(tmp_path / "nope.txt")


def test_cli_ingest_reports_bad_files_and_reads_the_good_ones(tmp_path, seeds_dir):
    from typer.testing import CliRunner

    from alinea.cli import app

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    args = ["ingest", str(seeds_dir / "004_4c17f6587f061e51.txt"), str(bad), "--db", db, "--no-match"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "doc-004_4c17f6587f061e51 [en] answer 2017-12-07" in result.stdout
    assert result.stdout.rstrip().endswith("· new #1")
    assert f"error: {bad}: file is empty" in result.stderr
    assert "1 of 2 files failed" in result.stderr
    again = CliRunner().invoke(app, args)
    assert again.stdout.rstrip().endswith("· unchanged #1")


def test_cli_ingest_says_when_a_file_is_stored_already_in_another_language(tmp_path,
                                                                          examples_dir):
    from typer.testing import CliRunner

    from alinea.cli import app

    path = examples_dir / "speech-arctic-forum.en.txt"
    db = f"sqlite:///{tmp_path / 'c.db'}"
    first = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--no-match"])
    assert "speech-arctic-forum.en [en]" in first.stdout
    again = CliRunner().invoke(app, ["ingest", str(path), "--lang", "ru", "--db", db,
                                     "--no-match"])
    assert again.exit_code == 0
    assert "speech-arctic-forum.en [en]" in again.stdout and "unchanged #1" in again.stdout
    assert (f"note: {path} is stored already as #1 in en; to store it in ru, run "
            "'alinea delete 1' and ingest it again") in again.stderr


def test_cli_ingest_shows_the_key_a_document_is_stored_under(tmp_path, examples_dir):
    from typer.testing import CliRunner

    from alinea.cli import app

    for lang in ("en", "ru"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "speech.txt").write_bytes(
            (examples_dir / f"speech-arctic-forum.{lang}.txt").read_bytes())
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "en" / "speech.txt"),
                                      str(tmp_path / "ru" / "speech.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert ": speech [en]" in lines[0] and ": speech.ru [ru]" in lines[1]
    assert lines[2] == "1 edition group of two or more editions"


def test_cli_ingest_of_a_folder_copied_in_another_form_says_each_file_is_stored(
        tmp_path, examples_dir):
    # An archive ingested a second time from converted copies: CRLF, BOM, UTF-16, and
    # re-saved without the final newline; each under another name.
    from typer.testing import CliRunner

    from alinea.cli import app

    names = ["answer-consular-students.en.txt", "answer-consular-students.ru.txt",
             "speech-arctic-forum.en.txt", "speech-arctic-forum.ru.txt"]
    copies = tmp_path / "copies"
    copies.mkdir()
    raw = [(examples_dir / name).read_bytes() for name in names]
    converted = [raw[0].replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + raw[1],
                 raw[2].decode("utf-8").encode("utf-16"), raw[3].rstrip(b"\n")]
    for name, data in zip(names, converted):
        (copies / f"copy of {name}").write_bytes(data)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    first = CliRunner().invoke(app, ["ingest", *(str(examples_dir / n) for n in names),
                                     "--db", db])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, ["ingest", *(str(copies / f"copy of {n}") for n in names),
                                     "--db", db])
    assert again.exit_code == 0, again.output
    lines = again.stdout.splitlines()
    assert [line.rsplit(" · ", 1)[1] for line in lines[:4]] == [
        f"unchanged #{i}" for i in (1, 2, 3, 4)]
    assert lines[4] == "2 edition groups of two or more editions"
    listed = CliRunner().invoke(app, ["documents", "--db", db])
    assert len(listed.stdout.strip().splitlines()) == 4, listed.stdout


# ---------------------------------------------------------------- properties

def _assert_reads_or_raises_our_error(data: bytes) -> None:
    try:
        doc = read_bytes(data, "fuzz.txt", "en")
    except AlineaError as exc:
        assert str(exc).startswith("fuzz.txt")
        return
    assert doc.turns and all(p.text.strip() for t in doc.turns for p in t.paragraphs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused_with_our_error(data):
    _assert_reads_or_raises_our_error(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_is_read_or_refused_with_our_error(text):
    _assert_reads_or_raises_our_error(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), cuts=st.integers(1, 8))
def test_mangled_seeds_are_read_or_refused_with_our_error(seeds_dir, seed, cuts):
    rng = random.Random(seed)
    files = sorted(seeds_dir.glob("*.txt"))
    data = bytearray(rng.choice(files).read_bytes())
    for _ in range(cuts):
        op = rng.choice(["delete", "insert", "flip", "truncate", "shuffle"])
        at = rng.randrange(len(data)) if data else 0
        if op == "delete":
            del data[at:at + rng.randrange(1, 200)]
        elif op == "insert":
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20)))
        elif op == "flip" and data:
            data[at] ^= 1 << rng.randrange(8)
        elif op == "truncate":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
    _assert_reads_or_raises_our_error(bytes(data))


def test_the_ingest_summary_counts_one_turn_in_the_singular(tmp_path):
    from alinea.cli.ingest import summary_line
    from alinea.corpus.readers import read_text

    rule = "_" * 40
    doc = read_text(f"Minister's speech\nMoscow, May 5, 2018\n{rule}\nDear friends,\n"
                    "Thank you for coming.\n", "speech.en.txt", "en")
    line = summary_line(tmp_path / "speech.en.txt", doc)
    assert "· 1 turn, 2 paragraphs ·" in line
