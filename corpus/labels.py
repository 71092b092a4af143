"""Speaker labels that open a turn ("Question:", "Sergey Lavrov:", "С.В.Лавров:", "Question :").

A label is a short run of capitalised words (or initials glued to a surname, as Russian
transcripts print them) followed by a colon; or one of the role words below. Ordinary
sentences with a colon ("The reason is simple: ...") are not labels because their words
are not all capitalised; headings and places ("Second Point:", "Middle East:") because
they hold words that are no part of a person's name. Chinese, Japanese and Korean have no
capitals: there a label is a role word ("问：") or a name as short as a person's ("王毅："),
and the colon may be full width, with no space after it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from alinea.corpus import kana
from alinea.corpus.hangul import romanise_name

#: Role words that label a turn without naming a person, per language, with their role.
ROLE_LABELS: dict[str, str] = {
    # questions from journalists or the audience
    "question": "question", "questions": "question", "вопрос": "question", "вопросы": "question",
    "frage": "question", "fragen": "question", "pregunta": "question", "preguntas": "question",
    "q": "question", "в": "question",
    # the person who chairs or moderates
    "moderator": "chair", "модератор": "chair", "ведущий": "chair", "ведущая": "chair",
    "chair": "chair", "chairman": "chair", "presenter": "chair", "host": "chair",
    "modérateur": "chair", "moderateur": "chair", "modératrice": "chair", "moderador": "chair",
    "moderadora": "chair", "présentateur": "chair",
    # answers without a name
    "answer": "answer", "ответ": "answer", "antwort": "answer", "réponse": "answer",
    "respuesta": "answer", "a": "answer", "о": "answer",
    # remarks from the floor
    "remark": "question", "реплика": "question", "replik": "question", "remarque": "question",
    "réplica": "question", "comment": "question",
    # questions from the floor of a meeting ("Вопрос из зала:"), and journalists unnamed
    "question from the floor": "question", "question from the audience": "question",
    "вопрос из зала": "question", "реплика из зала": "question", "вопрос с места": "question",
    "frage aus dem publikum": "question", "frage aus dem saal": "question",
    "question de la salle": "question", "question du public": "question",
    "pregunta del público": "question", "pregunta de la sala": "question",
    "journalist": "question", "reporter": "question", "correspondent": "question",
    "журналист": "question", "журналистка": "question", "корреспондент": "question",
    "korrespondent": "question", "journaliste": "question", "periodista": "question",
}

# Honorifics allowed before a name in a label ("Mr Smith:", "Г-н Иванов:").
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "madam", "prof", "г-н", "г-жа", "господин",
               "госпожа", "herr", "frau", "m", "mme", "sr", "sra", "señor", "señora", "monsieur",
               "madame", "don", "doña"}
_PARTICLES = {"de", "da", "del", "la", "le", "von", "van", "der", "den", "di", "du", "al", "bin",
              "ibn", "y", "dos", "das"}

# Words that make a capitalised run a heading or a place rather than a person ("Second
# Point:", "Middle East:", "Zweiter Punkt:", "Ближний Восток:"); compared case-folded.
_NOT_NAME_WORDS = frozenset("""
    first second third fourth fifth sixth seventh eighth ninth tenth last final next
    point points part chapter section item topic subject issue note notes summary
    conclusion background context update editor editor's photo video source sources
    middle far near central united states nations union kingdom
    republic federation affairs countries
    erster erste erstes zweiter zweite zweites dritter dritte drittes vierter vierte
    letzter letzte punkt teil kapitel thema zusammenfassung anmerkung nahost
    première deuxième second seconde troisième quatrième dernier dernière point
    partie chapitre sujet résumé remarque proche moyen orient
    primero primera segundo segunda tercero tercera cuarto cuarta último última punto
    parte capítulo tema resumen nota oriente próximo medio
    первый первая первое второй вторая второе третий третья третье четвертый четвёртый
    последний пункт часть глава тема резюме примечание ближний средний дальний восток
    запад север юг соединенные соединённые штаты республика федерация союз
    news topics highlights release statement agenda
""".split())

# Words of a salutation, which a speech may end with a colon ("Dear Colleagues:", "Уважаемые
# Коллеги:"): the speaker addresses the audience, no one else starts speaking.
_SALUTATION_WORDS = frozenset("""
    dear ladies gentlemen friends colleagues excellencies excellency distinguished
    уважаемые уважаемый уважаемая дорогие дорогой дорогая друзья коллеги господа дамы
    liebe lieber sehr geehrte geehrter freunde kollegen damen herren
    cher chère chers chères amis amies collègues mesdames messieurs
    querido querida queridos queridas estimado estimada estimados estimadas amigos amigas colegas
    señoras señores
""".split())
# Titles that, after an honorific, address someone rather than name them ("Mr President:",
# "Madam Chair:"); with a name ("President Putin:") or an article ("The President:") they label.
_TITLES = frozenset("""
    president chairman chair chairperson minister secretary secretary-general ambassador
    speaker prime premier director commissioner presidente président présidente präsident
    präsidentin vorsitzender vorsitzende ministre ministro ministra председатель президент
    министр генеральный секретарь
""".split())

# One name token: a capitalised word, initials glued to a surname, or hyphenated parts
# (a middle dot joins the parts of a foreign name written in Chinese or Japanese: 谢尔盖·拉夫罗夫).
_NAME_TOKEN = r"(?:[^\W\d_]\.\s?){0,3}[^\W\d_][^\W\d_'’\-\.]*(?:[-'’·・][^\W\d_]+)*\.?"
# Chinese and Japanese print the colon full width ("王毅：") and put no space after it.
_LABEL_RE = re.compile(
    rf"^(?P<label>(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}})"
    r"(?:\s*[(（](?P<note>[^()（）]{1,60})[)）])?\s?[:：])(?:(?<=：)|\s+|$)(?P<rest>.*)$",
    re.DOTALL,
)

# Labels in scripts without capital letters (Chinese, Japanese, Korean), which the capitals
# test cannot tell from a sentence's opening words: role words, and names short enough to be
# a person's (Chinese names are two to four characters; foreign ones are joined by a middle
# dot) that are not a discourse opener ("总之：", "例如：") nor a verb of saying closing the
# subject of reported speech ("王二说道：“...”", "他指出：").
_UNCASED_ROLES: dict[str, str] = {
    "问": "question", "记者": "question", "提问": "question", "問": "question", "記者": "question",
    "質問": "question", "질문": "question", "기자": "question",
    "答": "answer", "回答": "answer", "답변": "answer",
    "主持人": "chair", "司会": "chair", "사회자": "chair",
}
_UNCASED_NOT_NAMES = frozenset("""
    总之 首先 其次 再次 最后 第一 第二 第三 例如 比如 另外 此外 因此 所以 但是 然而 同时
    问题 注意 结论 背景 附件 说明 备注 提示 原因 目的 答案 理由 地点 时间 日期 来源 标题
    總之 例如 因此 問題 說明 備註 時間 來源 標題
    我 你 您 他 她 它 我们 你们 他们 她们 咱们 大家 我們 你們 他們 她們 中方 美方 俄方 双方 雙方
    资料 資料 图片 圖片 照片 链接 鏈接 附注 注释 注釋 编者按 編者按 参考 參考 出处 出處
    出典 写真 備考 概要 日時 場所 主催 注意
""".split())
# Verbs of saying, and the nouns of a form's fields ("会议时间：10点", "会谈地点：北京").
_SAYING = re.compile(r"(?:说|說|道|称|稱|表示|指出|强调|強調|认为|認為|问道|問道|回答说|写道|寫道|"
                     r"宣布|介绍|介紹|提到|曰|时间|時間|日期|地点|地點|主题|主題|内容|內容|问题|問題|"
                     r"原因|结果|結果|目标|目標|标题|標題)$")
_QUOTE_OPENERS = "“「『\"‘《"


@dataclass(frozen=True)
class Label:
    """A parsed speaker label: the exact label text (with colon), the name, role key.

    ``role`` is ``"question"``, ``"chair"``, ``"answer"`` for role words, ``None`` for a
    person's name. ``rest`` is what follows the label on the same line.
    """

    label: str
    name: str
    role: str | None
    rest: str


def parse_label(line: str, known_names: frozenset[str] = frozenset()) -> Label | None:
    """The speaker label opening ``line``, or ``None`` when the line is ordinary text.

    ``known_names`` lets a single-word label ("Lavrov:") count once that speaker is known.
    """
    m = _LABEL_RE.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip()
    rest = m.group("rest").strip()
    words = name.split()
    if _uncased(name):
        role = _UNCASED_ROLES.get(name)
        if role is None and not _is_uncased_name(name, rest, known_names):
            return None
        return Label(label=m.group("label"), name=name, role=role, rest=rest)
    role = ROLE_LABELS.get(name.lower().rstrip("."))
    if role is None:
        if not _is_person_name(words, known_names):
            return None
    return Label(label=m.group("label"), name=name, role=role, rest=rest)


# Han (with its extension A and compatibility ideographs), kana, Hangul syllables.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _uncased(name: str) -> bool:
    """True when the name is written in Chinese, Japanese or Korean letters, which have no
    capitals. (Other scripts without capitals, Arabic or Hebrew, are not read as labels.)"""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(_CJK.match(ch) for ch in letters)


def _is_uncased_name(name: str, rest: str, known_names: frozenset[str]) -> bool:
    if name in known_names:
        return True
    if rest.startswith(tuple(_QUOTE_OPENERS)) or name in _UNCASED_NOT_NAMES or _SAYING.search(name):
        return False
    if " " in name:
        return False
    parts = re.split(r"[·・]", name)
    if len(parts) > 1:  # a foreign name spelt in Han or kana, parts joined by a middle dot
        return len(parts) <= 3 and all(parts) and len(name) <= 12
    return 2 <= len(name) <= 4


def _is_person_name(words: list[str], known_names: frozenset[str]) -> bool:
    core = [w for w in words if w.lower().rstrip(".") not in _HONORIFICS]
    if not core or any(w.casefold() in _NOT_NAME_WORDS for w in core):
        return False
    if any(w.casefold().rstrip(",") in _SALUTATION_WORDS for w in words):
        return False
    if len(core) < len(words) and any(w.casefold() in _TITLES for w in core) and \
            all(w.casefold() in _TITLES or w.lower() in _PARTICLES for w in core):
        return False
    for word in core:
        if word.lower() in _PARTICLES:
            continue
        if not word[0].isupper():
            return False
    if len(core) == 1:
        token = core[0]
        if len(core) < len(words):  # "Mr Smith": an honorific makes a surname a name
            return len(token.rstrip(".")) > 1
        # "С.В.Лавров" (initials glued on) is a name on its own; a bare word must be known.
        if re.match(r"^(?:[^\W\d_]\.\s?){1,3}[^\W\d_]{2,}$", token):
            return True
        return token in known_names or any(n.split()[-1] == token for n in known_names)
    # Two to five words: at least one must look like more than an initial.
    return any(len(w.rstrip(".")) > 1 for w in core) and len(core) <= 5


def speaker_id(name: str, taken: set[str] | frozenset[str] = frozenset(), *,
               japanese: bool = False) -> str:
    """A stable XML NCName for a speaker's name ("Sergey Lavrov" → "SergeyLavrov",
    "С.В.Лавров" → "SVLavrov", "王毅" → "WangYi", "문재인" → "MunJaein", "セルゲイ・ラブロフ"
    → "SerugeiRaburofu"), made unique against ``taken`` with a numeric suffix.

    A name in kana is spelt in Hepburn (``alinea.corpus.kana``), in ASCII letters as every
    id is ("ショーン" → "Shon", "じゅんいち" → "JunIchi"). A Japanese name in kanji
    (any Han name with kana, or when ``japanese``: the text is Japanese) has no spelling
    here: Chinese readings would be wrong and kanji readings of names cannot be told from
    the characters. Its id is ``speaker-`` and a short hash of the name, the same in every
    document.
    """
    if _HAN.search(name) and (japanese or kana.KANA.search(name)):
        digest = hashlib.sha1(unicodedata.normalize("NFC", name.strip()).encode("utf-8"))
        base = f"speaker-{digest.hexdigest()[:8]}"
    else:
        if kana.KANA.search(name):
            name = kana.romanise_name(name)
        latin = transliterate(_han_in_pinyin(romanise_name(name)))
        parts = re.findall(r"[A-Za-z0-9]+",
                           unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode())
        base = "".join(p[:1].upper() + p[1:] for p in parts) or "speaker"
        if not base[0].isalpha():
            base = "p" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}{n}", n + 1
    return candidate


def is_japanese(text: str, lang: str | None = None) -> bool:
    """Whether a transcript is Japanese, so that its Han names are Japanese names: its
    language (``lang``, when given) is ``ja``, or, not given, its text has kana."""
    if lang:
        from alinea.corpus.language import normalise_language

        return normalise_language(lang) == "ja"
    return bool(kana.KANA.search(text))


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _han_in_pinyin(name: str) -> str:
    """Chinese characters spelt in pinyin, a syllable a word ("王毅" → "wang yi"), so a
    Chinese name gets an id of its own rather than the fallback "speaker"."""
    if not _HAN.search(name):
        return name
    from pypinyin import Style, lazy_pinyin

    return "".join(f" {lazy_pinyin(ch, style=Style.NORMAL)[0]} " if _HAN.match(ch) else ch
                   for ch in name)


_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                 "yu", "ya"]))


def transliterate(text: str) -> str:
    """Russian Cyrillic to Latin letters (a simple, reversible-enough scheme for ids)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _CYR:
            rep = _CYR[low]
            out.append(rep.capitalize() if ch != low else rep)
        else:
            out.append(ch)
    return "".join(out)
