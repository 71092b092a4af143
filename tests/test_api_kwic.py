"""KWIC cutting (``alinea.corpus.concordance.kwic``): the match as the full-text index
matched it, exactly up to case, with the contexts around it."""

from __future__ import annotations

import pytest

from alinea.corpus.concordance import kwic


@pytest.mark.parametrize("text, query, width, expected", [
    ("The treaty enters into force.", "treaty", 60, ("The ", "treaty", " enters into force.")),
    ("The Treaty enters into force.", "treaty", 4, ("The ", "Treaty", " ent")),
    ("Treaties and treaty", "treat*", 60, ("", "Treaties", " and treaty")),
    ("A flood  warning, then a flood.", '"flood warning"', 60,
     ("A ", "flood  warning", ", then a flood.")),
    ("Это мои слова, а это мой дом.", "мой", 60, ("Это мои слова, а это ", "мой", " дом.")),
    ("Straße und STRASSE", "strasse", 60, ("Straße und ", "STRASSE", "")),
    ("Größe ist nicht alles.", "größe", 60, ("", "Größe", " ist nicht alles.")),
    ("no match here", "absent", 5, (" here", "", "")),
])
def test_kwic_cuts_at_the_first_match(text, query, width, expected):
    assert kwic(text, query, width) == expected
