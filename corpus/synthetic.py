"""Synthetic transcripts for tests and benchmarks: deterministic, multilingual, parallel.

``synthetic_work(n, langs)`` makes the language editions of one made-up interview: the same
turns, paragraphs and sentences in each language, words drawn from per-language pseudo
vocabularies (word *k* in Russian "translates" word *k* in English), with numbers and
dates shared across editions, as in real translations. ``simple_segment`` splits this text
(and only text this regular) into sentences, so tests and benchmarks do not depend on a
trained segmenter.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from alinea.align.types import Sentence
from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn

_SYLLABLES = {
    "en": "ba be bi bo da de do fa fe ga ge la le li lo ma me mi mo na ne no ra re ri ro "
          "sa se si so ta te ti to va ve",
    "ru": "ба бе би бо да де до жа зе ка ке ла ле ли ло ма ме ми мо на не но ра ре ри ро "
          "са се си со та те ти то ва ве",
    "fr": "bé bè ci co dé du fé fu gé lu lé mè mu né nu pé pu ré ru sé su té tu vé vu "
          "ça çu jé ju qué qui zé zu hé hu",
    "de": "bä bü dä dü fä fü gä gü hä hü kä kü lä lü mä mü nä nü rä rü sä sü tä tü wä "
          "wü zä zü bö dö fö gö hö kö lö",
    "es": "ña ño ñu bá bó cá có dá dó fá fó gá gó lá ló má mó ná nó pá pó rá ró sá só "
          "tá tó vá vó chá chó llá lló rrá",
}
LANGS: tuple[str, ...] = tuple(_SYLLABLES)
_TITLES = {
    "en": "Interview of the Minister", "ru": "Интервью Министра", "fr": "Entretien du Ministre",
    "de": "Interview des Ministers", "es": "Entrevista del Ministro",
}
_QUESTION = {"en": "Question:", "ru": "Вопрос:", "fr": "Question :", "de": "Frage:",
             "es": "Pregunta:"}
_MINISTER = {"en": "Sergey Lavrov", "ru": "Сергей Лавров", "fr": "Sergueï Lavrov",
             "de": "Sergej Lawrow", "es": "Serguéi Lavrov"}
_KINDS = ("interview", "press-conference", "remarks", "speech")
_VOCABULARY = 400


def _word(lang: str, k: int) -> str:
    syllables = _SYLLABLES[lang].split()
    n = len(syllables)
    # Two or three syllables per word, fixed by k, so every language has word k.
    parts = [syllables[k % n], syllables[(k // n) % n]]
    if k % 3 == 0:
        parts.append(syllables[(k * 7) % n])
    return "".join(parts)


def _sentence(rng: random.Random) -> tuple[list[int], int | None]:
    words = [rng.randrange(_VOCABULARY) for _ in range(rng.randint(5, 18))]
    number = rng.randrange(1900, 2030) if rng.random() < 0.3 else None
    return words, number


def _render(lang: str, sentence: tuple[list[int], int | None], question: bool) -> str:
    words, number = sentence
    tokens = [_word(lang, k) for k in words]
    if number is not None:
        tokens.insert(len(tokens) // 2, str(number))
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + ("?" if question else ".")


def synthetic_work(n: int, langs: Sequence[str] = ("ru", "en"), *, seed: int = 0,
                   with_source_id: bool = True) -> list[Transcript]:
    """The editions (one per language) of made-up work number ``n``."""
    rng = random.Random(f"{seed}:{n}")
    day = date(2015, 1, 1) + timedelta(days=n // 4)
    kind = _KINDS[rng.randrange(len(_KINDS))]
    plan = []  # per turn: (is_question, paragraphs of sentences)
    for i in range(rng.randint(3, 10)):
        question = i % 2 == 0
        paragraphs = [[_sentence(rng) for _ in range(rng.randint(1, 4))]
                      for _ in range(1 if question else rng.randint(1, 3))]
        plan.append((question, paragraphs))
    original = langs[0]
    editions = []
    for lang in langs:
        turns = tuple(
            Turn(speaker="questioner" if question else "LavrovSergey",
                 label=_QUESTION[lang] if question else _MINISTER[lang] + ":",
                 paragraphs=tuple(Paragraph(" ".join(_render(lang, s, question) for s in para))
                                  for para in paragraphs))
            for question, paragraphs in plan)
        editions.append(Transcript(
            id=f"synthetic-{seed}-{n}-{lang}", title=f"{_TITLES[lang]} ({n})", lang=lang,
            turns=turns,
            speakers=(Speaker("LavrovSergey", _MINISTER[lang], "guest"),
                      Speaker("questioner", _QUESTION[lang].rstrip(" :"), "interviewer")),
            date=day.isoformat(), time=f"{rng.randrange(8, 20):02d}:{rng.randrange(60):02d}",
            place="Moscow" if lang == "en" else None, kind=kind, outlet="Synthetic Daily",
            original_lang=original, is_translation=lang != original, editions=tuple(langs),
            source_url=f"https://example.org/{lang}/{n}" if with_source_id else None,
            source_id=str(100_000 + n) if with_source_id else None,
            boilerplate=(Boilerplate("* * *", "separator", 3),),
        ))
    return editions


def render(transcript: Transcript) -> bytes:
    """A plain-text file for the transcript (what a reader would have read)."""
    lines = [transcript.date or "", transcript.title, ""]
    for turn in transcript.turns:
        for j, p in enumerate(turn.paragraphs):
            lines += [(turn.label + " " if j == 0 and turn.label else "") + p.text, ""]
    return "\n".join(lines).encode("utf-8")


def synthetic_corpus(n_documents: int, langs: Sequence[str] = ("ru", "en", "fr"), *,
                     seed: int = 0, with_source_id: bool = True
                     ) -> Iterator[tuple[Transcript, bytes]]:
    """``n_documents`` transcripts with their file bytes, editions of consecutive works."""
    made = 0
    for n in range(n_documents):
        for tr in synthetic_work(n, langs, seed=seed, with_source_id=with_source_id):
            if made == n_documents:
                return
            yield tr, render(tr)
            made += 1


_SENTENCE_END = re.compile(r"[^.?!]+[.?!]+")


def simple_segment(text: str, lang: str) -> list[Sentence]:
    """Sentences of regular synthetic text: runs of text up to ``.``, ``?`` or ``!``."""
    sentences = []
    for m in _SENTENCE_END.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            sentences.append(Sentence(text[start:end], start, end))
    tail = text[sentences[-1].end:] if sentences else text
    if tail.strip():
        offset = len(text) - len(tail) + (len(tail) - len(tail.lstrip()))
        end = len(text.rstrip())
        sentences.append(Sentence(text[offset:end], offset, end))
    return sentences
