"""Date lines and language markers around a transcript's text are its metadata or its
boilerplate, never its text; a sentence or a date inside the text stays text."""

from __future__ import annotations

import pytest

from alinea.corpus.boilerplate import language_editions
from alinea.corpus.readers import read_text

TITLE = "Foreign Minister Sergey Lavrov’s interview with Trud newspaper"
QA = "Question: How do you see the year?\n\nSergey Lavrov: It was not an easy one.\n"

# (layout, text, date, time, editions, boilerplate as (kind, text))
CASES = [
    # A plain-text header, then the page's time stamp and switcher above the text.
    ("header-then-marker-and-date",
     f"{TITLE}\ndate: 2019-09-13\n\n  • de-DE1 en-GB1 ru-RU1\n\n13 September 201910:00\n\n{QA}",
     "2019-09-13", None, ("de", "en", "ru"), [("dateline", "13 September 201910:00")]),
    ("header-without-date-then-date-line",
     f"{TITLE}\nplace: Moscow\n\nFriday, 13 September 2019, 10:00\n\n{QA}",
     "2019-09-13", "10:00", ("en",), []),
    # mid.ru: the title's place and date line, then the glued time stamp.
    ("midru-second-date-line",
     f"{TITLE}\nMoscow, September 13, 2019\n13 September 201910:00\n{'_' * 40}\n"
     "Question: How do you see the year?\nSergey Lavrov: It was not an easy one.\n",
     "2019-09-13", None, ("en",), [("dateline", "13 September 201910:00"),
                                   ("separator", "_" * 40)]),
    # mid.ru: two date lines above the title; the second was read as the title.
    ("midru-two-date-lines-above-the-title",
     f"13 September 201910:00\n\nSeptember 13, 2019\n\n{TITLE}\n\n  • en-GB1 ru-RU1\n\n{QA}",
     "2019-09-13", "10:00", ("en", "ru"), [("dateline", "September 13, 2019")]),
    # mid.ru: the date and the switcher again under the text, before the page's settings.
    ("midru-date-and-marker-under-the-text",
     f"{TITLE}, September 13, 2019\n\n{QA}\n13 September 2019\n\n  • de-DE1 en-GB1\n\n"
     "Advanced settings\n",
     "2019-09-13", None, ("de", "en"), [("dateline", "13 September 2019"),
                                        ("navigation", "Advanced settings")]),
    ("header-then-date-and-marker-under-the-text",
     f"{TITLE}\ndate: 2019-09-13\neditions: en, ru\n\n{QA}\n13 September 2019\n\n"
     "  • en-GB1 ru-RU1\n\n© 2019 Ministry of Foreign Affairs\n",
     "2019-09-13", None, ("en", "ru"), [("dateline", "13 September 2019"),
                                        ("language-marker", "• en-GB1 ru-RU1"),
                                        ("trailer", "© 2019 Ministry of Foreign Affairs")]),
    # Another site's switcher names the editions, in their own languages or the page's.
    ("midru-marker-by-names",
     f"13 September 201910:00\n\n{TITLE}\n\nEnglish | Русский | Deutsch | Français | Español"
     f"\n\n{QA}", "2019-09-13", "10:00", ("en", "ru", "de", "fr", "es"), []),
    ("header-then-marker-by-names",
     f"{TITLE}\ndate: 2019-09-13\n\n• English / Russian\n\n{QA}",
     "2019-09-13", None, ("en", "ru"), []),
    ("header-then-marker-by-codes-and-names-under-the-text",
     f"{TITLE}\ndate: 2019-09-13\n\nEN | RU | DE\n\n{QA}\nАнглийский | Русский\n",
     "2019-09-13", None, ("en", "ru", "de"), [("language-marker", "Английский | Русский")]),
    ("midru-marker-by-names-under-the-text",
     f"{TITLE}, September 13, 2019\n\n{QA}\nEnglisch | Russisch | Deutsch\n",
     "2019-09-13", None, ("en", "ru", "de"), []),
]


@pytest.mark.parametrize(("layout", "text", "date", "time", "editions", "boilerplate"), CASES,
                         ids=[c[0] for c in CASES])
def test_date_and_language_marker_lines_are_metadata_or_boilerplate_not_text(
        layout, text, date, time, editions, boilerplate):
    doc = read_text(text, f"{layout}.txt", "en")
    assert doc.title == TITLE or doc.title.startswith(TITLE)
    assert [(t.label, [p.text for p in t.paragraphs]) for t in doc.turns] == [
        ("Question:", ["How do you see the year?"]),
        ("Sergey Lavrov:", ["It was not an easy one."])]
    assert (doc.date, doc.time, doc.editions) == (date, time, editions)
    assert [(b.kind, b.text) for b in doc.boilerplate] == boilerplate


def test_boilerplate_date_lines_keep_the_line_they_were_on():
    doc = read_text(CASES[0][1], "a.txt", "en")
    assert [(b.text, b.line) for b in doc.boilerplate] == [("13 September 201910:00", 6)]
    doc = read_text(CASES[5][1], "b.txt", "en")
    assert [b.line for b in doc.boilerplate] == [9, 11, 13]


@pytest.mark.parametrize(("line", "editions"), [
    ("  • de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1", ("de", "en", "es", "ru", "fr")),
    # Names in their own language, in the page's (ru, de, fr, es), without accents, short.
    ("English | Русский | Deutsch | Français | Español", ("en", "ru", "de", "fr", "es")),
    ("Английский · Русский · Немецкий · Французский · Испанский", ("en", "ru", "de", "fr", "es")),
    ("Englisch | Russisch | Deutsch", ("en", "ru", "de")),
    ("Anglais / Russe / Allemand / Français / Espagnol", ("en", "ru", "de", "fr", "es")),
    ("Inglés | Ruso | Alemán | Francés | Español", ("en", "ru", "de", "fr", "es")),
    ("ENGLISH RUSSIAN FRANCAIS", ("en", "ru", "fr")), ("Рус | Eng", ("ru", "en")),
    ("EN | RU | DE", ("en", "ru", "de")), ("• en / ru", ("en", "ru")),
    # One language, more than languages, or codes between spaces only: not a marker.
    ("English", None), ("Русский | English | version", None), ("English and Russian", None),
    ("Russian.", None), ("de es", None), ("EN | XX", None),
])
def test_a_language_marker_lists_the_editions_by_code_or_name(line, editions):
    assert language_editions(line) == editions


@pytest.mark.parametrize("text", [
    # A date line inside the text is the text's (a chronicle's entry, a letter's date).
    f"{TITLE}\ndate: 2019-09-13\n\nQuestion: What happened then?\n\n13 September 2019\n\n"
    "Sergey Lavrov: It was not an easy one.\n",
    f"{TITLE}\n13 September 201910:00\n{'_' * 40}\nQuestion: What happened then?\n"
    "13 September 2019\nSergey Lavrov: It was not an easy one.\n",
])
def test_a_date_line_inside_the_text_stays_text(text):
    doc = read_text(text, "c.txt", "en")
    assert [p.text for p in doc.paragraphs] == [
        "What happened then?", "13 September 2019", "It was not an easy one."]


@pytest.mark.parametrize("last", ["It ended on 13 September 2019.", "On September 13, 2019",
                                  "See en-GB1 ru-RU1 for the editions.",
                                  "English and Russian.", "English | Russian is our pair.",
                                  "Русский язык", "Spanish", "de es", "Español, por favor."])
def test_a_last_sentence_with_a_date_or_codes_or_language_names_stays_text(last):
    for text in (f"{TITLE}\ndate: 2019-09-13\n\n{QA}\n{last}\n",
                 f"{TITLE}, September 13, 2019\n\n{QA}\n{last}\n"):
        doc = read_text(text, "d.txt", "en")
        assert doc.paragraphs[-1].text == last


@pytest.mark.parametrize("first", ["English and Russian are our working languages.",
                                   "Russian, please.", "Deutsch oder Englisch?", "EN RU DE"])
def test_a_first_sentence_naming_languages_stays_text(first):
    for text in (f"{TITLE}\ndate: 2019-09-13\n\n{first}\n\n{QA}",
                 f"{TITLE}, September 13, 2019\n\n{first}\n{QA}"):
        doc = read_text(text, "e.txt", "en")
        assert doc.paragraphs[0].text == first
        assert doc.editions == ("en",)
