"""Query parameters shared by several routes, declared once so they validate alike."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from alinea.corpus.concordance import DocumentFilter
from alinea.corpus.store import Store

#: Ids are 32-bit in PostgreSQL; larger numbers cannot name anything.
MAX_ID = 2_147_483_647
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Text parameters: printable, so no NUL (which PostgreSQL text cannot hold) or controls.
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]+$"

DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="A document id.")]
SentenceId = Annotated[int, Path(ge=1, le=MAX_ID, description="A sentence id.")]
Lang = Annotated[str | None, Query(pattern=LANG_PATTERN, max_length=16,
                                   description="ISO 639-1 language code, e.g. en.")]
Cursor = Annotated[str | None, Query(pattern=r"^[0-9]{1,10}$",
                                     description="The `next` value of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page.")]


def get_store(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def document_filter(
    lang: Lang = None,
    kind: Annotated[str | None, Query(pattern=r"^[a-z-]{1,32}$",
                                      description="interview, speech, press-conference, ...")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_PATTERN,
                                           description="Earliest date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_PATTERN,
                                         description="Latest date, YYYY-MM-DD.")] = None,
    speaker: Annotated[str | None, Query(pattern=TEXT_PATTERN, max_length=200,
                                         description="Part of a speaker's name, in any "
                                         "case, or a speaker id: documents where they "
                                         "speak; concordance lines and query exports "
                                         "keep only what they say.")] = None,
) -> DocumentFilter:
    """The document filters (without the text query, which each route names itself)."""
    return DocumentFilter(lang=lang, kind=kind, date_from=date_from, date_to=date_to,
                          speaker=speaker)


FilterDep = Annotated[DocumentFilter, Depends(document_filter)]

#: A concordance query: words, ``prefix*`` and ``"phrases"``.
SearchQuery = Annotated[str, Query(min_length=1, max_length=500, pattern=TEXT_PATTERN,
                                   description='Words (all must match), prefix* or '
                                   '"a phrase".')]

OptionalSearchQuery = Annotated[str | None, Query(min_length=1, max_length=500,
                                                  pattern=TEXT_PATTERN,
                                                  description='Words (all must match), '
                                                  'prefix* or "a phrase".')]


def cursor_value(cursor: str | None) -> int | None:
    return int(cursor) if cursor is not None else None
