"""Small transcripts the API tests upload."""

from __future__ import annotations

#: The write token of the ``writable`` fixture's server.
AUTH = {"Authorization": "Bearer s3cret"}


def survey(lang: str) -> bytes:
    """An interview with no source id, in English or Russian, of one date and kind."""
    rule = "_" * 40
    title, body = {
        "en": ("Foreign Minister Anna Petrova’s interview with the Polar Herald",
               "The survey of the Tolvik glacier ends this week. Its data will be open to "
               "every researcher."),
        "ru": ("Интервью Министра иностранных дел А.В.Петровой газете «Полярный вестник»",
               "Обследование ледника Тольвик завершится на этой неделе. Его данные будут "
               "открыты всем исследователям."),
    }[lang]
    return f"{title}\nTromsø, 2 March 2019\n{rule}\n{body}\n".encode()
