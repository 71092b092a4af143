"""Speaker ids for names in Hangul (Revised Romanization), kana (Hepburn) and Japanese
kanji (a stable hash, never a Chinese reading)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alinea.corpus.hangul import romanise_hangul
from alinea.corpus.kana import romanise_kana
from alinea.corpus.labels import speaker_id
from alinea.corpus.readers import read_text
from alinea.tei.build import check_ncname


@pytest.mark.parametrize(("hangul", "latin"), [
    ("대한민국", "daehanminguk"), ("서울", "seoul"), ("달력", "dallyeok"), ("질문", "jilmun"),
    ("꽃", "kkot"), ("외교부", "oegyobu"), ("의원", "uiwon"), ("Seoul 서울!", "Seoul seoul!"),
])
def test_hangul_is_written_in_revised_romanization(hangul, latin):
    assert romanise_hangul(hangul) == latin


@pytest.mark.parametrize(("name", "expected"), [
    ("문재인", "MunJaein"), ("강경화", "GangGyeonghwa"), ("반기문", "BanGimun"),
    ("남궁민수", "NamgungMinsu"), ("문 재인", "MunJaein"),
])
def test_a_korean_name_gets_its_romanised_id(name, expected):
    assert speaker_id(name) == expected


_HASHED = re.compile(r"^speaker-[0-9a-f]{8}$")


@pytest.mark.parametrize(("kana", "latin"), [
    # each row of the syllabary, the voiced ones, and Hepburn's own spellings
    ("あいうえお", "aiueo"), ("かきくけこ", "kakikukeko"), ("さしすせそ", "sashisuseso"),
    ("たちつてと", "tachitsuteto"), ("なにぬねの", "naninuneno"), ("はひふへほ", "hahifuheho"),
    ("まみむめも", "mamimumemo"), ("やゆよ", "yayuyo"), ("らりるれろ", "rarirurero"),
    ("わをん", "waon"), ("がぎぐげご", "gagigugego"), ("ざじずぜぞ", "zajizuzezo"),
    ("だぢづでど", "dajizudedo"), ("ばびぶべぼ", "babibubebo"), ("ぱぴぷぺぽ", "papipupepo"),
    ("カキクケコ", "kakikukeko"), ("ヂヅヲ", "jizuo"),
    # digraphs, the doubled consonant, n before a vowel or y, b or p
    ("きゃ きゅ きょ", "kya kyu kyo"), ("しゃ ちゅ じょ", "sha chu jo"), ("ぴゃ ぎょ", "pya gyo"),
    ("がっこう", "gakkou"), ("まっちゃ", "matcha"), ("ざっし", "zasshi"),
    ("じゅんいち", "jun'ichi"), ("こんや", "kon'ya"), ("しんぶん", "shinbun"), ("ぐんま", "gunma"),
    # katakana's long mark and the sounds of loanwords
    ("ラーメン", "rāmen"), ("ティー", "tī"), ("ファイル", "fairu"), ("シェフ", "shefu"),
    ("ヴァイオリン", "vaiorin"), ("デュエット", "dyuetto"), ("ツァー", "tsā"), ("ウォッカ", "wokka"),
    # vowels spelt out stay written out; iteration marks; half width; other text kept
    ("とうきょう", "toukyou"), ("みすゞ", "misuzu"), ("ｶﾞｯｺｳ", "gakkou"),
    ("Tokyo とうきょう!", "Tokyo toukyou!"),
])
def test_kana_are_written_in_hepburn(kana, latin):
    assert romanise_kana(kana) == latin


@pytest.mark.parametrize(("name", "expected"), [
    ("ラブロフ", "Raburofu"), ("セルゲイ・ラブロフ", "SerugeiRaburofu"),
    ("やまだ たろう", "YamadaTarou"), ("じゅんいち", "JunIchi"), ("ｾﾙｹﾞｲ･ﾗﾌﾞﾛﾌ", "SerugeiRaburofu"),
    ("ジョン゠スミス", "JonSumisu"), ("マリア・ザハロワ", "MariaZaharowa"), ("ショーン", "Shon"),
])
def test_a_name_in_kana_gets_its_hepburn_id(name, expected):
    assert speaker_id(name) == expected
    assert speaker_id(name, japanese=True) == expected
    assert speaker_id(name, {expected}) == expected + "2"


@given(st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30FF), min_size=1,
               max_size=12))
def test_any_kana_name_gets_a_stable_xml_id(name):
    sid = speaker_id(name)
    check_ncname(sid, "speaker id")
    assert speaker_id(name) == sid


@pytest.mark.parametrize(("name", "japanese"), [
    ("安倍晋三", True), ("ラブロフ外相", False), ("河野太郎外相", True), ("岸田・文雄", True),
    ("河野たろう", False),
])
def test_a_japanese_name_in_kanji_gets_a_stable_hashed_id_not_a_chinese_reading(name, japanese):
    sid = speaker_id(name, japanese=japanese)
    assert _HASHED.match(sid), sid
    assert speaker_id(name, japanese=japanese) == sid
    assert speaker_id(name, {sid}, japanese=japanese) == sid + "2"


def test_a_chinese_name_keeps_its_pinyin_id():
    assert speaker_id("王毅") == "WangYi"
    assert speaker_id("王毅", japanese=False) == "WangYi"


JA = ("安倍晋三首相の記者会見\n\n質問：日本とロシアの関係はどうですか。\n\n"
      "安倍晋三：とても良い関係です。\n\n河野太郎：ありがとうございます。\n")
KO = ("문재인 대통령 기자회견\n\n질문: 한국과 러시아의 관계는 어떻습니까?\n\n"
      "문재인: 아주 좋은 관계입니다. 감사합니다.\n")


def test_a_japanese_transcripts_speakers_are_told_apart_by_hashed_ids():
    doc = read_text(JA, "ja.txt")
    ids = {s.name: s.id for s in doc.speakers}
    assert ids["質問"] == "questioner"
    assert _HASHED.match(ids["安倍晋三"]) and _HASHED.match(ids["河野太郎"])
    assert ids["安倍晋三"] != ids["河野太郎"]
    assert [t.speaker for t in doc.turns] == ["questioner", ids["安倍晋三"], ids["河野太郎"]]
    # The same name is the same id in another document, and with --lang ja.
    assert read_text(JA, "other.txt", "ja").speaker(ids["安倍晋三"]).name == "安倍晋三"


def test_a_japanese_transcripts_speaker_in_kana_gets_a_hepburn_id():
    doc = read_text(JA + "\nセルゲイ・ラブロフ：こちらこそ。\n", "ja.txt")
    ids = {s.name: s.id for s in doc.speakers}
    assert ids["セルゲイ・ラブロフ"] == "SerugeiRaburofu"
    assert _HASHED.match(ids["安倍晋三"])
    assert doc.turns[-1].speaker == "SerugeiRaburofu"


def test_a_korean_transcripts_speaker_gets_a_romanised_id():
    doc = read_text(KO, "ko.txt")
    assert [(s.id, s.name) for s in doc.speakers] == [("questioner", "질문"),
                                                       ("MunJaein", "문재인")]
