"""Chinese names read in pinyin, matched with their spelling in the other edition."""

from __future__ import annotations

import pytest

from alinea.align.pinyin_names import is_chinese, readings, shared_names, spellings
from alinea.align.score_lexical import LexicalScorer


def test_readings_are_toneless_and_include_every_reading():
    assert readings("宝") == ("bao", "pao")                   # pinyin, Wade-Giles
    assert set(readings("贾")) >= {"jia", "gu", "chia"}      # chia: Wade-Giles
    assert readings("绿") and all(r.isascii() and r.isalpha() for r in readings("绿"))


@pytest.mark.parametrize("text, expected", [
    ("Qin-shi was surprised to hear Bao-yu call out.", ["qinshi", "baoyu"]),
    ("Chen Qingyang caught me.", ["chen", "qingyang", "chenqingyang"]),
    ("He went to Xi'an.", ["xian"]),
    # "I" and "A" break a run and are never names; words under four letters are dropped
    ("But I said so.", []),
])
def test_spellings_are_capitalised_words_and_their_runs(text, expected):
    assert spellings(text) == expected


def test_shared_names_need_both_editions():
    zh = ["宝玉红了脸。", "袭人笑了。", "陈清扬把我拽住。", "他们吃了香蕉。"]
    en = ["Bao-yu reddened.", "Aroma laughed.", "Chen Qingyang caught me.", "They ate a Banana."]
    read, spelt = shared_names(zh, en)
    assert read[0] == ["baoyu"] and spelt[0] == ["baoyu"]
    assert read[1] == [] and spelt[1] == []                 # Aroma is a translated name
    assert set(read[2]) == set(spelt[2]) == {"qingyang", "chenqingyang"}
    # "Banana" spells pinyin syllables but no Chinese sentence reads so
    assert read[3] == [] and spelt[3] == []


def test_names_in_wade_giles_are_read_too():
    read, spelt = shared_names(["宝玉红了脸。", "贾政来了。"],
                               ["Pao-yü blushed.", "Chia Cheng arrived."])
    assert read == spelt == [["paoyu"], ["chiacheng"]]


def test_a_single_syllable_is_not_a_name():
    # Jia is read by 家, 加, 假, ...: too common to anchor anything
    read, spelt = shared_names(["贾母回家了。"], ["Grandmother Jia went home."])
    assert read == [[]] and spelt == [[]]


def test_lexical_cost_rewards_a_shared_pinyin_name():
    zh = ["宝玉红了脸。", "袭人笑了。"]
    en = ["Bao-yu reddened.", "Aroma laughed."]
    lex = LexicalScorer().prepare(zh, en, "zh", "en")
    costs = lex.block(1, 1, 0, 2, 0, 2)
    assert costs[0, 0] == pytest.approx(-1.0)
    assert costs[0, 1] == 0.0 and costs[1, 0] == 0.0
    # the same sentences between two Latin-script editions carry no such name
    plain = LexicalScorer().prepare(zh, en, "ja", "en").block(1, 1, 0, 2, 0, 2)
    assert plain[0, 0] == 0.0


@pytest.mark.parametrize("lang, chinese", [("zh", True), ("zh-Hant", True), ("cmn", True),
                                           ("en", False), ("ja", False)])
def test_is_chinese(lang, chinese):
    assert is_chinese(lang) is chinese
