"""``model.with_known_originals``: which editions of a text are the original and which are
translations, from what each edition and the others tell."""

from __future__ import annotations

import pytest

from alinea.corpus.model import Transcript, with_known_originals


def edition(lang: str, is_translation: bool | None = None, original_lang: str | None = None
            ) -> Transcript:
    return Transcript(id=f"doc-{lang}", title="", lang=lang, turns=(),
                      is_translation=is_translation, original_lang=original_lang)


# (editions as (lang, is_translation, original_lang), is_translation expected per edition)
CASES = [
    ("says-nothing", [("ru", None, None), ("en", None, None)], [None, None]),
    ("told-by-itself", [("ru", False, None), ("en", True, None)], [False, True]),
    ("own-original-language", [("ru", None, "ru"), ("en", None, "ru")], [False, True]),
    ("named-by-the-translation", [("ru", None, None), ("en", True, "ru")], [False, True]),
    ("named-by-every-translation", [("de", True, "ru"), ("ru", None, None), ("en", True, "ru"),
                                    ("fr", None, None)], [True, False, True, None]),
    ("translations-disagree", [("ru", None, None), ("fr", None, None), ("en", True, "ru"),
                               ("de", True, "fr")], [None, None, True, True]),
    ("translation-without-original-language", [("ru", None, None), ("en", True, None)],
     [None, True]),
    ("explicit-value-is-kept", [("ru", True, None), ("en", True, "ru")], [True, True]),
]


@pytest.mark.parametrize("editions,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_originals_and_translations_known_from_the_editions(editions, expected):
    docs = [edition(*e) for e in editions]
    got = with_known_originals(docs)
    assert [d.is_translation for d in got] == expected
    # Only is_translation is filled in; nothing else changes.
    assert [(d.id, d.lang, d.original_lang) for d in got] == [
        (d.id, d.lang, d.original_lang) for d in docs]


def test_editions_that_already_tell_come_back_as_the_same_objects():
    docs = [edition("ru", False), edition("en", True, "ru")]
    assert all(a is b for a, b in zip(with_known_originals(docs), docs))
