"""Parallel concordance: KWIC lines for a word or phrase, with aligned sentences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from alinea.api import schemas
from alinea.api.params import Cursor, FilterDep, Lang, Limit, SearchQuery, StoreDep, cursor_value
from alinea.api.problems import responses
from alinea.corpus import concordance

router = APIRouter(tags=["concordance"])


@router.get("/concordance", response_model=schemas.ConcordanceOut, responses=responses(422))
def get_concordance(store: StoreDep, q: SearchQuery, filters: FilterDep,
                    target: Lang = None, cursor: Cursor = None, limit: Limit = 50,
                    width: Annotated[int, Query(ge=0, le=1000,
                                                description="Context characters each side.")] = 60,
                    ) -> schemas.ConcordanceOut:
    """Sentences matching ``q`` (in ``lang`` if given) as KWIC lines; with ``target``,
    each line carries its aligned sentence(s) in that language.

    ``q``: words (all must match), ``prefix*``, ``"a phrase"``; other filters as for
    documents. Uses the store's full-text index.
    """
    page = concordance.concordance(store, q, filters, target=target,
                                   after=cursor_value(cursor), limit=limit, width=width)
    return schemas.ConcordanceOut(
        query=q, lang=filters.lang, target=target,
        items=[schemas.kwic_line(line, target is not None) for line in page.lines],
        next=str(page.next_cursor) if page.next_cursor is not None else None)
