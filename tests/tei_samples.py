"""Hand-made transcripts for the TEI tests (every model field used somewhere)."""

from __future__ import annotations

import re

from alinea.align.types import Sentence
from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn

FULL = Transcript(
    id="mid3022157-en",
    title="Foreign Minister Sergey Lavrov’s interview with Trud, “Moscow” & <friends>",
    lang="en",
    turns=(
        Turn("questioner", (Paragraph("Question one?  Two, with  spaces."),), "Question:"),
        Turn("LavrovSergey", (
            Paragraph("Answer. Second sentence! Third…"),
            Paragraph("Спасибо. До свидания.", lang="ru"),
            Paragraph("  leading and trailing whitespace kept  "),
        ), "Sergey Lavrov:"),
        Turn("LavrovSergey", (Paragraph("A turn without a printed label."),), ""),
        Turn("audience", (), "Voice from the audience:"),
    ),
    speakers=(
        Speaker("questioner", "Question", "interviewer"),
        Speaker("LavrovSergey", "Sergey Lavrov", "guest"),
        Speaker("audience", "Audience", "audience"),
    ),
    date="2019-09-13",
    time="11:16",
    place="Moscow",
    kind="interview",
    outlet="Trud",
    original_lang="ru",
    is_translation=True,
    editions=("de", "en", "es", "ru", "fr"),
    source_url="https://www.mid.ru/en/foreign_policy/news/-/asset_publisher/id/3785238?a=1&b=2",
    source_id="3785238",
    boilerplate=(
        Boilerplate("_" * 20, "separator", 3),
        Boilerplate("  • de-DE1 en-GB1", "language-marker", 6),
        Boilerplate("Advanced settings", "navigation", None),
    ),
)

MINIMAL = Transcript(id="x", title="", lang="ru", turns=())

SPEECH = Transcript(
    id="speech_2018-02-07",
    title="Remarks",
    lang="fr",
    turns=(Turn("LavrovSergey", (Paragraph("Chers amis,"), Paragraph("")), ""),),
    speakers=(Speaker("LavrovSergey", "Sergueï Lavrov", "speaker"),),
    date="7 février 2018",  # not ISO: kept as text, no @when
    time="20h08",
    kind="speech",
    is_translation=False,
)


def toy_segment(text: str, lang: str) -> list[Sentence]:
    """A deterministic stand-in segmenter: split after . ? ! … followed by space or end."""
    return [Sentence(m.group(), m.start(), m.end())
            for m in re.finditer(r"\S.*?(?:[.?!…](?=\s|$)|$)", text)]
