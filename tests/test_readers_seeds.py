"""The five real mid.ru exports in shared/seeds read field by field."""

from __future__ import annotations

import pytest

from alinea.corpus.readers import read_transcript

SEEDS = {
    "000_a74b0db89df9f506.txt": dict(
        title="Foreign Minister Sergey Lavrov’s interview with Rossiya Segondya International "
              "Information Agency, December 25, 2017",
        date="2017-12-25", time="11:16", place=None, kind="interview",
        outlet="Rossiya Segondya International Information Agency",
        editions=("de", "en", "es", "ru", "fr"), source_url=None, source_id=None,
        is_translation=None, original_lang=None, turns=8, paragraphs=27,
        first_label="Question:", first_words="President Trump said he planned",
        last_words="is not an end in itself to us.",
        boilerplate=[("navigation", "Advanced settings")],
    ),
    "001_6749cebcfe249724.txt": dict(
        title="Foreign Minister Sergey Lavrov’s interview with Trud newspaper",
        date="2019-09-13", time=None, place=None, kind="interview", outlet="Trud newspaper",
        editions=("en",),
        source_url="http://www.mid.ru/ru/foreign_policy/news/-/asset_publisher/cKNonkJE02Bw/content/"
                   "id/3785238?p_p_id=101_INSTANCE_cKNonkJE02Bw&_101_INSTANCE_cKNonkJE02Bw_languageId=en_GB",
        source_id="3785238", is_translation=None, original_lang=None, turns=16, paragraphs=46,
        first_label="Question:", first_words="You have mentioned on a number of occasions",
        last_words="continuity of generations on Smolenskaya Square.",
        boilerplate=[("separator", "_" * 133), ("separator", "* * * * *"),
                     ("republisher", "Zdroj: http"), ("republisher", "Ilustračné foto: https://www.flickr.com")],
    ),
    "002_56093277c1406731.txt": dict(
        title="Foreign Minister Sergey Lavrov’s remarks and answers to questions at a meeting with the "
              "finalists of the Leaders of Russia contest Russian Diplomatic Leadership in Today’s World",
        date="2018-02-07", time=None, place="Sochi", kind="remarks",
        outlet=None,  # an event, not an outlet: it stays in the title
        editions=("en",),
        source_url="http://www.mid.ru/ru/press_service/minister_speeches/-/asset_publisher/7OvQR5KJWVmR/"
                   "content/id/3060472?p_p_id=101_INSTANCE_7OvQR5KJWVmR&_101_INSTANCE_7OvQR5KJWVmR_languageId=en_GB",
        source_id="3060472", is_translation=None, original_lang=None, turns=9, paragraphs=70,
        first_label="", first_words="Dear friends, colleagues,",
        last_words="Thank you very much.",
        boilerplate=[("separator", "_" * 132), ("separator", "* * * * *"),
                     ("republisher", "Zdroj a ilustračné foto: http")],
    ),
    "003_645be63d8be098a8.txt": dict(
        title="Foreign Minister Sergey Lavrov’s interview with NBC, Moscow, July 21, 2017",
        date="2017-07-21", time="20:08", place="Moscow", kind="interview", outlet="NBC",
        editions=("en", "ru"), source_url=None, source_id=None, is_translation=True,
        original_lang="ru",  # "Translation (original)" on a page published in en and ru only
        turns=62, paragraphs=73, first_label="Question:",
        first_words="Minister, thank you very much for your time.",
        last_words="the disaster which is looming.",
        boilerplate=[("navigation", "Translation (original)"), ("navigation", "Translation (original)"),
                     ("navigation", "Speeches by Minister"), ("navigation", "Advanced settings")],
    ),
    "004_4c17f6587f061e51.txt": dict(
        title="Foreign Minister Sergey Lavrov’s answer to a question on the outcome of his talks with US "
              "Secretary of State Rex Tillerson on the sidelines of the OSCE Ministerial Council, Vienna, "
              "December 7, 2017",
        date="2017-12-07", time="22:45", place="Vienna", kind="answer",
        outlet=None, editions=("de", "en", "es", "ru", "fr"),
        source_url=None, source_id=None, is_translation=None, original_lang=None, turns=2,
        paragraphs=13,
        first_label="Question:", first_words="Could you comment on your meeting",
        last_words="the Treaty on Open Skies.",
        boilerplate=[("related", "Additional materials"),
                     ("related", "Organization for Security and Co-operation in Europe (OSCE)"),
                     ("related", "Council of Europe (CoE)"),
                     ("related", "NATO (North Atlantic Treaty Organization)"),
                     ("related", "European Union (EU)"), ("navigation", "Advanced settings")],
    ),
}


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request, seeds_dir):
    name = request.param
    return read_transcript(seeds_dir / name), SEEDS[name]


@pytest.mark.parametrize("field", ["title", "date", "time", "place", "kind", "outlet", "editions",
                                   "source_url", "source_id", "is_translation",
                                   "original_lang"])
def test_seed_metadata_field_is_read(seed, field):
    doc, expected = seed
    assert getattr(doc, field) == expected[field]


def test_seed_language_is_detected_as_english(seed):
    doc, _ = seed
    assert doc.lang == "en"


def test_seed_turns_and_paragraphs_are_counted(seed):
    doc, expected = seed
    assert len(doc.turns) == expected["turns"]
    assert sum(len(t.paragraphs) for t in doc.turns) == expected["paragraphs"]


def test_seed_text_starts_and_ends_where_the_transcript_does(seed):
    doc, expected = seed
    assert doc.turns[0].label == expected["first_label"]
    assert doc.turns[0].paragraphs[0].text.startswith(expected["first_words"])
    assert doc.turns[-1].paragraphs[-1].text.endswith(expected["last_words"])


def test_seed_speakers_are_lavrov_and_an_anonymous_questioner(seed):
    doc, _ = seed
    names = {s.name for s in doc.speakers}
    assert names == {"Sergey Lavrov", "Question"}
    lavrov = next(s for s in doc.speakers if s.name == "Sergey Lavrov")
    questioner = next(s for s in doc.speakers if s.name == "Question")
    assert lavrov.id == "SergeyLavrov"
    assert questioner.id == "questioner"
    assert lavrov.role == ("guest" if doc.kind == "interview" else "speaker")
    assert questioner.role == ("audience" if doc.kind == "remarks" else "interviewer")


def test_seed_turns_alternate_between_question_and_answer(seed):
    doc, _ = seed
    labelled = [t for t in doc.turns if t.label]
    for turn in labelled:
        expected = "questioner" if turn.label == "Question:" else "SergeyLavrov"
        assert turn.speaker == expected
    for a, b in zip(doc.turns, doc.turns[1:]):
        assert a.speaker != b.speaker


def test_seed_boilerplate_is_kept_aside_with_kinds(seed):
    doc, expected = seed
    got = [(b.kind, b.text) for b in doc.boilerplate]
    assert len(got) == len(expected["boilerplate"])
    for (kind, text), (want_kind, want_start) in zip(got, expected["boilerplate"]):
        assert kind == want_kind
        assert text.startswith(want_start)


def test_seed_body_holds_no_boilerplate_or_header_lines(seed):
    doc, _ = seed
    body = doc.text
    for furniture in ("Advanced settings", "Zdroj", "* * *", "____", "en-GB1", "Translation (original)",
                      "Additional materials"):
        assert furniture not in body


def test_misspelt_label_is_the_same_speaker_and_keeps_its_spelling(seeds_dir):
    doc = read_transcript(seeds_dir / "001_6749cebcfe249724.txt")
    typo = [t for t in doc.turns if t.label == "Servey Lavrov:"]
    assert len(typo) == 1
    assert typo[0].speaker == "SergeyLavrov"
    assert doc.speaker("SergeyLavrov").name == "Sergey Lavrov"


def test_speech_opening_without_label_belongs_to_the_title_speaker(seeds_dir):
    doc = read_transcript(seeds_dir / "002_56093277c1406731.txt")
    assert doc.turns[0].speaker == "SergeyLavrov"
    assert doc.turns[0].label == ""
    assert len(doc.turns[0].paragraphs) == 55


def test_reading_twice_gives_equal_documents(seeds_dir):
    path = seeds_dir / "003_645be63d8be098a8.txt"
    assert read_transcript(path) == read_transcript(path)
