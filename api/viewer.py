"""The web viewer: static pages under ``/viewer/`` and the few routes they need that the
rest of the API does not offer (speaker turns, link edits), plus edition comparison.

``install(app)`` is the one call the app factory makes. The pages are plain HTML, CSS and
JavaScript in ``static/viewer`` (no build step, nothing loaded from elsewhere) and talk to
the API like any other client.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from alinea.align.types import Link
from alinea.api.auth import require_token
from alinea.api.params import MAX_ID, DocumentId, StoreDep
from alinea.api.problems import responses
from alinea.corpus.link_edits import LinkEdit, edit_alignment
from alinea.corpus.turn_spans import turn_spans

router = APIRouter(tags=["viewer"])

Position = Annotated[int, Field(ge=0, le=MAX_ID)]


class TurnOut(BaseModel):
    """A speaker turn and its sentences: positions ``start`` to ``end - 1``."""

    index: int
    speaker: str = Field(description="The speaker's id in the document.")
    name: str
    role: str
    label: str = Field(description="The speaker label as printed, or empty.")
    start: int
    end: int


class TurnList(BaseModel):
    document_id: int
    items: list[TurnOut]


@router.get("/documents/{document_id}/turns", response_model=TurnList,
            responses=responses(404))
def document_turns(store: StoreDep, document_id: DocumentId) -> TurnList:
    """The document's speaker turns in order, each with the range of its sentences."""
    return TurnList(document_id=document_id,
                    items=[TurnOut(**span.__dict__) for span in turn_spans(store, document_id)])


class EditionAlignment(BaseModel):
    """Another language edition of the document, and whether the two are aligned."""

    document_id: int
    lang: str
    alignment_id: int | None = Field(description="None until the pair is aligned "
                                     "(POST /alignments/{document_id}/{other}, or "
                                     "alinea align --all).")


class EditionAlignments(BaseModel):
    document_id: int
    items: list[EditionAlignment]


@router.get("/documents/{document_id}/alignments", response_model=EditionAlignments,
            responses=responses(404))
def document_alignments(store: StoreDep, document_id: DocumentId) -> EditionAlignments:
    """The document's editions in other languages and the alignment of each pair, if any
    (read them with ``GET /alignments/{document_id}/{other}``)."""
    info = store.document(document_id)
    if info.edition_group_id is None:
        return EditionAlignments(document_id=document_id, items=[])
    items = []
    # Only its own group: reading every pair of the store made each call as slow as the
    # corpus is large.
    for pair in store.edition_pairs(group_id=info.edition_group_id):
        if document_id == pair.src_id:
            items.append(EditionAlignment(document_id=pair.tgt_id, lang=pair.tgt_lang,
                                          alignment_id=pair.alignment_id))
        elif document_id == pair.tgt_id:
            items.append(EditionAlignment(document_id=pair.src_id, lang=pair.src_lang,
                                          alignment_id=pair.alignment_id))
    return EditionAlignments(document_id=document_id, items=items)


class EditLinkIn(BaseModel):
    """A link by 0-based sentence positions of each document."""

    src: list[Position] = Field(default_factory=list, max_length=50)
    tgt: list[Position] = Field(default_factory=list, max_length=50)


class SplitAt(BaseModel):
    """How many source and target sentences stay in the first part."""

    src: int = Field(ge=0, le=50)
    tgt: int = Field(ge=0, le=50)


class EditIn(BaseModel):
    """A correction. ``merge``: two or more consecutive links; ``split``: one link and
    ``split_at``; ``relink``: the link(s) to set; ``check``: links to confirm as they are.
    Links are named exactly as ``GET /alignments/{src_id}/{tgt_id}`` gave them."""

    op: Literal["merge", "split", "relink", "check"]
    links: list[EditLinkIn] = Field(min_length=1, max_length=100)
    split_at: SplitAt | None = None
    by: str | None = Field(None, max_length=200, pattern=r"^[^\x00-\x1f]*$")


class EditOut(BaseModel):
    """The links stored as corrections (positions of ``src_id`` and ``tgt_id``)."""

    alignment_id: int
    op: str
    links: list[EditLinkIn]



@router.post("/alignments/{src_id}/{tgt_id}/edits", response_model=EditOut,
             dependencies=[Depends(require_token)],
             responses=responses(401, 403, 404, 409, 422), tags=["writes"])
def edit_links(store: StoreDep, src_id: DocumentId, tgt_id: DocumentId,
               body: EditIn) -> EditOut:
    """Merge, split, re-link or mark links as checked. The result is stored as
    corrections, kept when the editions are aligned again; leftovers of re-linked links
    stay in the alignment as links of their own; ``POST .../undo`` takes an edit back.
    409 when a link the edit names is no longer in the alignment (corrected since the
    page was loaded): nothing is changed then. Bearer token required."""
    edit = LinkEdit(body.op, tuple(Link(tuple(l.src), tuple(l.tgt)) for l in body.links),
                    (body.split_at.src, body.split_at.tgt) if body.split_at else None)
    result = edit_alignment(store, src_id, tgt_id, edit, by=body.by)
    return EditOut(alignment_id=result.alignment_id, op=result.op,
                   links=[EditLinkIn(src=list(l.src), tgt=list(l.tgt)) for l in result.links])


def static_dir() -> Path:
    """Where the viewer's pages are."""
    return Path(str(resources.files("alinea.api") / "static" / "viewer"))


def install(app: FastAPI) -> None:
    """Add the viewer's routes, edition comparison and the pages under ``/viewer/``."""
    from alinea.api import routes_compare

    app.include_router(router)
    app.include_router(routes_compare.router)
    app.mount("/viewer", StaticFiles(directory=static_dir(), html=True), name="viewer")
