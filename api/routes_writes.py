"""Writes: ingest or delete a file, align two editions, correct links, undo corrections and
hand links back to the aligner, link and unlink editions. Bearer token required."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from alinea.api import schemas
from alinea.api.auth import require_token
from alinea.api.params import MAX_ID, TEXT_PATTERN, DocumentId, Lang, StoreDep
from alinea.api.problems import responses
from alinea.align.types import Link
from alinea.corpus.aligned_pairs import load_alignment
from alinea.corpus.link_edits import release_links, undo_correction
from alinea.corpus.store import Store
from alinea.errors import ModelError

log = logging.getLogger("alinea.api")

router = APIRouter(tags=["writes"], dependencies=[Depends(require_token)],
                   responses=responses(401, 403))

#: Largest file accepted by ``POST /documents``.
MAX_UPLOAD = 20 * 1024 * 1024


def align_document(store: Store, document_id: int) -> list[int]:
    """Align the document with each of its editions that has no alignment yet; the ids of
    the editions aligned. A pair the aligner refuses is logged and left pending."""
    from alinea.corpus.batch import align_jobs, pair_job

    group_id = store.document(document_id).edition_group_id
    if group_id is None:
        return []
    # Only its own group: the pairs of the whole store made each upload as slow as the
    # corpus is large. Only pairs never aligned (not pairs_to_align's, which has those
    # aligned by another alinea version too): an upload aligns what it brought, and
    # ``alinea align --all`` or POST /alignments/{a}/{b} bring old alignments up to date.
    pairs = [pair for pair in store.pending_pairs(group_id=group_id)
             if document_id in (pair.src_id, pair.tgt_id)]
    jobs = (job for job in (pair_job(store, pair) for pair in pairs) if job.src and job.tgt)
    result = align_jobs(store, jobs)
    for pair, reason in result.failed:
        # The document is stored either way; the pair stays pending for alinea align.
        log.warning("documents %s and %s not aligned: %s", pair.src_id, pair.tgt_id, reason)
    return [pair.tgt_id if pair.src_id == document_id else pair.src_id
            for pair in result.aligned]


def _ingest(store: Store, data: bytes, filename: str, lang: str | None,
            do_align: bool, encoding: str | None = None, do_match: bool = True
            ) -> schemas.IngestOut:
    from alinea.corpus.readers import read_bytes_checked

    # The warnings alinea ingest prints, from the same check.
    transcript, cut = read_bytes_checked(data, filename, lang, encoding=encoding)
    warnings = [] if cut is None else [str(cut)]
    result = store.ingest(transcript, filename, data)
    if result.status == "unchanged":
        stored = store.document(result.document_id)
        if stored.lang != transcript.lang:
            # alinea ingest's note, worded for the API: the file is not stored again.
            warnings.append(f"{filename}: stored already as document {stored.id} in "
                            f"{stored.lang}; to store it in {transcript.lang}, delete it "
                            f"(DELETE /documents/{stored.id}) and upload it again")
    if do_match:
        # As alinea ingest does after a batch: editions sharing no source id are grouped
        # by date, kind and opening (only this document's block is read).
        try:
            store.match_document(result.document_id)
        except ModelError as exc:
            log.warning("editions of document %s not matched: %s", result.document_id, exc)
            warnings.append(f"{filename}: its editions were not matched ({exc}); link them "
                            f"with POST /documents/{result.document_id}/editions")
    aligned = align_document(store, result.document_id) if do_align else []
    return schemas.IngestOut(document_id=result.document_id, status=result.status,
                             version=result.version, replaced=result.replaced,
                             aligned_with=aligned, warnings=warnings)


@router.post(
    "/documents", response_model=schemas.IngestOut, status_code=201,
    response_description="Stored: a new document, or a new version of one (`replaced`).",
    responses={200: {"model": schemas.IngestOut,
                     "description": "Stored already (the same bytes): nothing was created; "
                     "the body names the stored document."},
               **responses(413, 422)},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "text/plain": {"schema": {"type": "string"}}}}})
async def ingest_file(
    request: Request, response: Response, store: StoreDep,
    filename: Annotated[str, Query(min_length=1, max_length=255, pattern=TEXT_PATTERN,
                                   description="The file's name (its extension picks the "
                                   "reader; it names the document).")],
    lang: Lang = None,
    align: Annotated[bool, Query(description="Align it with its editions now.")] = True,
    match: Annotated[bool, Query(description="Group it with its editions by their date, "
                                 "kind and opening when it shares no source id with them, "
                                 "as alinea ingest does.")] = True,
) -> schemas.IngestOut:
    """Ingest one transcript file (plain text, HTML or alinea TEI), sent as the body.

    The body is read as UTF-8, or UTF-16/32 when it starts with a BOM, unless the
    Content-Type names a charset (``text/plain; charset=windows-1251``). Editions that
    share a source id are grouped on ingest, and with ``match`` others by their date,
    kind and opening, as ``alinea ingest`` groups them; with ``align`` the new document is
    aligned with each of its editions at once. A file stored already answers 200
    (``unchanged``) with the document it is, and so does a copy of it in another form that
    reads as the same text (other line endings, a BOM, another encoding or file name); a
    new document or version answers 201.
    """
    data = await request.body()
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, f"the file is {len(data)} bytes; the limit is {MAX_UPLOAD}")
    result = await run_in_threadpool(_ingest, store, data, filename, lang, align,
                                     _charset(request.headers.get("content-type", "")), match)
    if result.status == "unchanged":
        response.status_code = 200
    response.headers["Location"] = str(request.url_for("get_document",
                                                       document_id=result.document_id))
    return result


def _charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if it has one."""
    from email.message import Message

    message = Message()
    message["content-type"] = content_type
    return message.get_param("charset") or None


@router.delete("/documents/{document_id}", response_model=schemas.DeletedOut,
               responses=responses(404))
def delete_document(store: StoreDep, document_id: DocumentId) -> schemas.DeletedOut:
    """Delete a document with its sentences, alignments and corrections. Deleting the
    current version of a re-ingested document makes the previous version current again."""
    deleted = store.delete_document(document_id)
    return schemas.DeletedOut(document_id=deleted.document_id, sentences=deleted.sentences,
                              alignments=deleted.alignments, restored=deleted.restored)


@router.put("/alignments/{src_id}/{tgt_id}/links", response_model=schemas.CorrectionOut,
            responses=responses(404, 422))
def correct_links(store: StoreDep, src_id: DocumentId, tgt_id: DocumentId,
                  body: schemas.CorrectionIn) -> schemas.CorrectionOut:
    """Set links by hand (0-based sentence positions of ``src_id`` and ``tgt_id``, two
    editions that have an alignment).

    They replace every link sharing a sentence with them and survive re-alignment; what
    those links had left over stays aligned (as 1-0 or 0-1 links if need be). The pair is
    stored the way it was aligned; a reversed pair is turned round first. The correction
    is kept in the alignment's history: ``POST .../undo`` takes it back.
    """
    links = [Link(tuple(l.src), tuple(l.tgt), l.confidence) for l in body.links]
    stored = load_alignment(store, src_id, tgt_id).stored
    a, b = stored.src_document_id, stored.tgt_document_id
    if a != src_id:
        links = [link.reversed() for link in links]
    alignment_id = store.correct_links(a, b, links, by=body.by)
    return schemas.CorrectionOut(alignment_id=alignment_id, src_document_id=a,
                                 tgt_document_id=b, corrected=len(links))


@router.post("/alignments/{src_id}/{tgt_id}/undo", response_model=schemas.UndoOut,
             responses=responses(404, 409, 422))
def undo_last_correction(store: StoreDep, src_id: DocumentId, tgt_id: DocumentId,
                         body: schemas.UndoIn | None = None) -> schemas.UndoOut:
    """Undo the most recent correction of two editions' alignment still in effect (made
    with ``PUT .../links`` or ``POST .../edits``): the links it replaced come back exactly
    as they were, automatic ones with their confidence. Each call goes one correction
    further back; ``GET .../corrections`` lists them.

    409 when no correction is in effect, or when the alignment no longer holds what the
    correction put in (the aligner redid the links around it since): nothing is changed
    then, and ``POST .../release`` hands its links back to the aligner instead. ``by`` is
    kept in the history as who undid it.
    """
    view = undo_correction(store, src_id, tgt_id, by=body.by if body else None)
    (undone,) = view.corrections
    return schemas.UndoOut(
        alignment_id=undone.alignment_id, src_document_id=src_id, tgt_document_id=tgt_id,
        undone=schemas.correction(undone, view.src_sentences, view.tgt_sentences))


Position = Annotated[int, Field(ge=0, le=MAX_ID)]


class ReleaseLinkIn(BaseModel):
    """A link set by hand, by 0-based sentence positions of each document."""

    src: list[Position] = Field(default_factory=list, max_length=50)
    tgt: list[Position] = Field(default_factory=list, max_length=50)


class ReleaseIn(BaseModel):
    links: list[ReleaseLinkIn] | None = Field(
        None, min_length=1, max_length=1000,
        description="The links to hand back, as GET /alignments/{src_id}/{tgt_id} gives "
        "them; every link set by hand when left out.")
    by: str | None = Field(None, max_length=200, pattern=r"^[^\x00-\x1f]*$",
                           description="Who hands them back, kept in the history.")


class ReleaseOut(BaseModel):
    """The release as the history keeps it: its ``added`` links are the aligner's, in place
    of the ``replaced`` ones."""

    alignment_id: int
    src_document_id: int
    tgt_document_id: int
    released: schemas.CorrectionRecordOut


@router.post("/alignments/{src_id}/{tgt_id}/release", response_model=ReleaseOut,
             responses=responses(404, 409, 422))
def release_manual_links(store: StoreDep, src_id: DocumentId, tgt_id: DocumentId,
                         body: ReleaseIn | None = None) -> ReleaseOut:
    """Hand links set by hand back to the aligner: those named in ``links`` (positions of
    ``src_id`` and ``tgt_id``), or all of them. The stretch they cover, with the
    aligner's 1-0 and 0-1 links next to them, is aligned again on its own and its links
    become automatic ones, which a re-alignment redoes from then on; the rest of the
    alignment stays as it is. This is how a correction whose undo is refused (the
    aligner redid the links around it) is taken back.

    The release is kept in the history like a correction: ``POST .../undo`` puts the
    links set by hand back. 409 when a named link is not in the alignment or was made by
    the aligner, when no link was set by hand, or when the alignment changed meanwhile:
    nothing is changed then.
    """
    links = None
    if body is not None and body.links is not None:
        links = [Link(tuple(l.src), tuple(l.tgt)) for l in body.links]
    view = release_links(store, src_id, tgt_id, links, by=body.by if body else None)
    (released,) = view.corrections
    return ReleaseOut(
        alignment_id=released.alignment_id, src_document_id=src_id, tgt_document_id=tgt_id,
        released=schemas.correction(released, view.src_sentences, view.tgt_sentences))


_LOCATION = {"Location": {"description": "The alignment: GET it for its pairs.",
                          "required": True, "schema": {"type": "string"}}}


@router.post(
    "/alignments/{src_id}/{tgt_id}", response_model=schemas.AlignRunOut, status_code=201,
    response_description="Aligned now: they had no alignment (`new`).",
    responses={201: {"headers": _LOCATION},
               200: {"model": schemas.AlignRunOut, "headers": _LOCATION,
                     "description": "Aligned already and current (`unchanged`: nothing was "
                     "done), or aligned again (`realigned`: the stored alignment was made "
                     "by another alinea version or method, or `realign` was asked for)."},
               **responses(404, 422),
               503: {"description": "The store failed, or the sentence-embedding model "
                     "cannot be loaded or failed while encoding: nothing was aligned."}})
def align_editions(
    request: Request, response: Response, store: StoreDep, src_id: DocumentId,
    tgt_id: DocumentId,
    realign: Annotated[bool, Query(description="Align them again even if their alignment "
                                   "is current (links set by hand are kept).")] = False,
) -> schemas.AlignRunOut:
    """Align two editions of one text (``src_id`` on the left of the answer whichever way
    they are stored), as ``alinea align --all`` does: when they have no alignment, or one
    made by another alinea version or method; with ``realign``, in any case, as
    ``alinea align --all --realign``. Links set by hand are kept as they were.

    Answers 201 for a new alignment, 200 when the alignment was current already (nothing
    is done) or was made again, with the ``Location`` of the alignment
    (``GET /alignments/{src_id}/{tgt_id}`` for its pairs). The answer comes when the
    aligning is done, which for long editions takes a while (and the embedding model's
    first load a few seconds); the server answers other requests meanwhile.
    """
    from alinea.corpus.batch import align_pair

    # A plain ``def``: FastAPI runs it in its thread pool, off the event loop.
    result = align_pair(store, src_id, tgt_id, realign=realign)
    stored = store.alignment(result.pair.src_id, result.pair.tgt_id)
    if result.status != "new":
        response.status_code = 200
    response.headers["Location"] = str(request.url_for("get_alignment", src_id=src_id,
                                                       tgt_id=tgt_id))
    return schemas.align_run(result.status, store.document(src_id), store.document(tgt_id),
                             stored)


def _group(store: Store, document_id: int) -> schemas.EditionGroupOut:
    info = store.document(document_id)
    editions = []
    if info.edition_group_id is not None:
        editions = [schemas.edition(d) for d in store.list_documents(
            group_id=info.edition_group_id, limit=1000).documents]
    return schemas.EditionGroupOut(document_id=document_id,
                                   edition_group_id=info.edition_group_id, editions=editions)


@router.post("/documents/{document_id}/editions", response_model=schemas.EditionGroupOut,
             responses=responses(404, 422))
def link_edition(store: StoreDep, document_id: DocumentId,
                 body: schemas.EditionLinkIn) -> schemas.EditionGroupOut:
    """Put ``other_id`` in this document's edition group, by hand (pinned against
    automatic matching). The new pairs are not aligned yet: ``POST
    /alignments/{document_id}/{other_id}`` aligns one."""
    store.link_editions(document_id, body.other_id)
    return _group(store, document_id)


@router.delete("/documents/{document_id}/editions", response_model=schemas.EditionGroupOut,
               responses=responses(404))
def unlink_edition(store: StoreDep, document_id: DocumentId) -> schemas.EditionGroupOut:
    """Take this document out of its edition group, by hand."""
    store.unlink_edition(document_id)
    return _group(store, document_id)


__all__ = ["router", "align_document"]
