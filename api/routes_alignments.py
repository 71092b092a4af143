"""Alignments: the aligned sentence pairs of two editions and the history of their
corrections; a sentence's counterparts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from alinea.api import schemas
from alinea.api.params import MAX_ID, Lang, SentenceId, StoreDep
from alinea.api.problems import responses
from alinea.corpus.aligned_pairs import filter_pairs, load_alignment
from alinea.corpus.link_edits import correction_history

router = APIRouter(tags=["alignments"])

SrcId = Annotated[int, Path(ge=1, le=MAX_ID, description="The source document.")]
TgtId = Annotated[int, Path(ge=1, le=MAX_ID, description="The target document.")]


@router.get("/alignments/{src_id}/{tgt_id}", response_model=schemas.AlignmentOut,
            responses=responses(404))
def get_alignment(store: StoreDep, src_id: SrcId, tgt_id: TgtId,
                  min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0
                  ) -> schemas.AlignmentOut:
    """The aligned sentence pairs of two editions, ``src_id`` on the left whichever way
    they were aligned, each with its confidence; ``min_confidence`` drops weaker pairs."""
    alignment = load_alignment(store, src_id, tgt_id)
    pairs = [schemas.pair(p) for p in filter_pairs(alignment.pairs(), min_confidence)]
    return schemas.AlignmentOut(src=schemas.summary(alignment.src),
                                tgt=schemas.summary(alignment.tgt),
                                signature=alignment.stored.signature,
                                min_confidence=min_confidence,
                                n_links=len(alignment.stored.links), pairs=pairs)


@router.get("/alignments/{src_id}/{tgt_id}/corrections",
            response_model=schemas.CorrectionHistoryOut, responses=responses(404))
def get_corrections(store: StoreDep, src_id: SrcId, tgt_id: TgtId
                    ) -> schemas.CorrectionHistoryOut:
    """The corrections people made to two editions' alignment, the most recent first: when,
    by whom, the links each replaced and those it put in (positions and text, ``src_id``
    on the left), and whether it was undone (``POST .../undo`` undoes the first one in
    effect)."""
    view = correction_history(store, src_id, tgt_id)
    return schemas.CorrectionHistoryOut(
        src_document_id=src_id, tgt_document_id=tgt_id,
        items=[schemas.correction(c, view.src_sentences, view.tgt_sentences)
               for c in view.corrections])


@router.get("/sentences/{sentence_id}", response_model=schemas.SentenceOut,
            responses=responses(404))
def get_sentence(store: StoreDep, sentence_id: SentenceId) -> schemas.SentenceOut:
    """One sentence."""
    return schemas.sentence(store.sentence(sentence_id))


@router.get("/sentences/{sentence_id}/counterparts", response_model=schemas.Counterparts,
            responses=responses(404))
async def get_counterparts(request: Request, sentence_id: SentenceId, target: Lang = None,
                           min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0
                           ) -> Response:
    """Every sentence aligned with this one, in every other language, or only in
    ``target``; ``min_confidence`` drops weaker links."""
    # The hot path of the API: two indexed statements on a pooled DBAPI connection
    # (``CounterpartLookup``), run on the event loop because they take well under a
    # millisecond (a thread hand-off would cost more than the look-up), and the body
    # serialised once, straight from the model.
    lookup = request.app.state.counterpart_lookup
    sentence, lang, found = lookup(sentence_id)
    found = [c for c in found if (target is None or c.lang == target)
             and c.confidence >= min_confidence]
    body = schemas.Counterparts(sentence=schemas.sentence(sentence), lang=lang,
                                counterparts=[schemas.counterpart(c) for c in found])
    return Response(body.model_dump_json(), media_type="application/json")
