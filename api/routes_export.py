"""Exports: a document pair, a query's beads or the whole corpus, streamed."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from alinea.api.params import MAX_ID, FilterDep, Lang, OptionalSearchQuery, StoreDep
from alinea.api.problems import responses
from alinea.corpus.exports import Selection, export

router = APIRouter(tags=["export"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/export", response_class=StreamingResponse,
    responses={200: {"description": "The export file.",
                     "content": {"application/x-tmx+xml": _BINARY, "application/zip": _BINARY,
                                 "text/tab-separated-values; charset=utf-8": _BINARY}},
               **responses(404)})
def get_export(
    store: StoreDep,
    filters: FilterDep,
    format: Annotated[Literal["tmx", "xces", "tei", "moses", "tsv"], Query(
        description="tmx (TMX 1.4b), xces (OPUS-style cesAlign + sentence files, zip), "
        "tei (teiCorpus + standOff linkGrp, zip), moses (two plain-text files per language "
        "pair, zip), tsv")],
    doc: Annotated[int | None, Query(ge=1, le=MAX_ID,
                                     description="Export this document and its edition "
                                     "in `target`.")] = None,
    q: OptionalSearchQuery = None,
    target: Lang = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
) -> StreamingResponse:
    """Aligned sentences in a standard format, streamed.

    With ``doc`` (and ``target``): that document and its edition in ``target``. With
    ``q``: the beads whose ``lang`` side matches the query (to ``target`` if given).
    Otherwise the whole corpus (the ``lang``-``target`` pair if given). The document
    filters (kind, dates, speaker) narrow query and corpus exports as they narrow listings.
    """
    result = export(store, format, Selection(
        document=doc, query=q, lang=filters.lang, target_lang=target,
        min_confidence=min_confidence, kind=filters.kind, date_from=filters.date_from,
        date_to=filters.date_to, speaker=filters.speaker))
    return StreamingResponse(result.chunks, media_type=result.media_type,
                             headers={"Content-Disposition": content_disposition(result.filename)})


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` and, for other names, the UTF-8
    ``filename*`` of RFC 6266 section 4.3 (headers are Latin-1 on the wire)."""
    ascii_name = re.sub(r'[^A-Za-z0-9._-]+', "_", filename)
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
