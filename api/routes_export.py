"""Exports: a document pair, a query's beads or the whole corpus, streamed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal
from urllib.parse import quote

import anyio
import anyio.to_thread
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

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
    HEAD does what GET does before it answers, and no more: it resolves the selection and
    makes the first chunk (a missing edition, a failing database: the same problem), then
    closes the export.
    """
    # The first chunk is made before the answer starts, for HEAD too: a database failing
    # while it is made is a 503 that a HEAD skipping it answered 200.
    result = export(store, format, Selection(
        document=doc, query=q, lang=filters.lang, target_lang=target,
        min_confidence=min_confidence, kind=filters.kind, date_from=filters.date_from,
        date_to=filters.date_to, speaker=filters.speaker))
    return ClosingStreamingResponse(
        result.chunks, media_type=result.media_type,
        headers={"Content-Disposition": content_disposition(result.filename)})


class ClosingStreamingResponse(StreamingResponse):
    """A ``StreamingResponse`` of a blocking iterator that closes it as soon as the answer
    ends, however it ends: sent in full, stopped after the headers (HEAD), or cut off by a
    client that went away. Starlette leaves an iterator it did not finish to the garbage
    collector, and with it whatever the export holds open (its ``finally`` blocks)."""

    def __init__(self, chunks: Iterator[bytes], **kwargs: Any) -> None:
        super().__init__(chunks, **kwargs)
        self._chunks = chunks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            close = getattr(self._chunks, "close", None)
            if close is not None:
                # Shielded: a cancelled answer (HEAD, a disconnect) still closes it. In a
                # thread, as the chunks are made: closing may touch the store.
                with anyio.CancelScope(shield=True):
                    await anyio.to_thread.run_sync(close)


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` and, for other names, the UTF-8
    ``filename*`` of RFC 6266 section 4.3 (headers are Latin-1 on the wire)."""
    ascii_name = re.sub(r'[^A-Za-z0-9._-]+', "_", filename)
    header = f'attachment; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header
