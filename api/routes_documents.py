"""Documents: listing with filters and cursor pagination, one document, its sentences, TEI."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Response

from alinea.api import schemas
from alinea.api.params import (
    Cursor, DocumentId, FilterDep, Limit, OptionalSearchQuery, StoreDep, cursor_value,
)
from alinea.api.problems import responses
from alinea.corpus import concordance
from alinea.corpus.export_tei import DOCUMENT_MEDIA_TYPE, document_tei

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=schemas.DocumentList, responses=responses(422))
def list_documents(store: StoreDep, filters: FilterDep,
                   q: OptionalSearchQuery = None,
                   cursor: Cursor = None, limit: Limit = 50) -> schemas.DocumentList:
    """Current documents by id, filtered by language, kind, date range, speaker and a
    full-text query (documents with at least one matching sentence)."""
    page = concordance.list_documents(store, replace(filters, q=q), after=cursor_value(cursor), limit=limit)
    return schemas.DocumentList(
        items=[schemas.summary(d) for d in page.documents],
        next=str(page.next_cursor) if page.next_cursor is not None else None)


@router.get("/documents/{document_id}", response_model=schemas.DocumentDetail,
            responses=responses(404))
def get_document(store: StoreDep, document_id: DocumentId) -> schemas.DocumentDetail:
    """A document's metadata, speakers and its editions in other languages."""
    info = store.document(document_id)
    transcript = store.get_document(document_id)
    editions = []
    if info.edition_group_id is not None:
        editions = list(store.list_documents(group_id=info.edition_group_id,
                                             limit=1000).documents)
    return schemas.detail(info, transcript, editions, store.edition_status(document_id))


@router.get("/documents/{document_id}/sentences", response_model=schemas.SentenceList,
            responses=responses(404))
def document_sentences(store: StoreDep, document_id: DocumentId) -> schemas.SentenceList:
    """The document's sentences in order, with their ids (for counterpart look-ups)."""
    info = store.document(document_id)
    return schemas.SentenceList(document_id=document_id, lang=info.lang,
                                items=[schemas.sentence(s) for s in store.sentences(document_id)])


@router.get("/documents/{document_id}/tei", response_class=Response,
            responses={200: {"content": {DOCUMENT_MEDIA_TYPE: {"schema": {"type": "string"}}},
                             "description": "The document as TEI P5 with <s> sentences."},
                       **responses(404)})
def get_document_tei(store: StoreDep, document_id: DocumentId) -> Response:
    """The document as TEI, each stored sentence an ``<s xml:id>``; its header's
    ``textDesc/derivation`` marks it the original or a translation as the document's
    detail does (what its edition group tells)."""
    return Response(document_tei(store, document_id), media_type=DOCUMENT_MEDIA_TYPE)
