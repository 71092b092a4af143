"""Edition comparison: how one edition of a text differs from another (issue 8)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from alinea.api import schemas
from alinea.api.params import MAX_ID, StoreDep
from alinea.api.problems import responses
from alinea.corpus.edition_compare import compare_editions

router = APIRouter(tags=["compare"])


class PairScoreOut(BaseModel):
    """A link of the alignment with what the comparison found about it (0-based sentence
    positions of each document)."""

    src: list[int]
    tgt: list[int]
    src_text: str
    tgt_text: str
    confidence: float
    length_ratio: float | None = Field(description="Target characters per source character.")
    similarity: float | None = Field(description="Cosine of the two sides' embeddings.")
    bleu: float | None = Field(description="Sentence BLEU (editions in one language only).")
    chrf: float | None = Field(description="Sentence chrF (editions in one language only).")


class MetricsOut(BaseModel):
    """Corpus BLEU and chrF of ``b`` against ``a`` as reference, with sacrebleu signatures."""

    bleu: float
    chrf: float
    bleu_signature: str
    chrf_signature: str


class HiddenOut(BaseModel):
    """A sentence inside a merged link that has no counterpart in it."""

    index: int
    text: str


class ComparisonOut(BaseModel):
    """How edition ``b`` differs from edition ``a``."""

    src: schemas.DocumentSummary
    tgt: schemas.DocumentSummary
    alignment: Literal["stored", "computed"] = Field(
        description="stored: the stored alignment (with corrections) was used; computed: "
        "the editions were aligned for this comparison.")
    src_lang: str
    tgt_lang: str
    signature: str
    metrics: MetricsOut | None
    counts: dict[str, int]
    omissions: list[PairScoreOut]
    additions: list[PairScoreOut]
    hidden_omissions: list[HiddenOut]
    hidden_additions: list[HiddenOut]
    length_outliers: list[PairScoreOut]
    low_similarity: list[PairScoreOut]
    pairs: list[PairScoreOut]
    notes: list[str]


EditionA = Annotated[int, Query(ge=1, le=MAX_ID, description="The source or reference "
                                "edition (a document id).")]
EditionB = Annotated[int, Query(ge=1, le=MAX_ID, description="The edition compared with it.")]


@router.get("/compare", response_model=ComparisonOut,
            responses={200: {"content": {"text/html": {"schema": {"type": "string"}}},
                             "description": "The comparison (JSON, or an HTML page with "
                             "format=html)."},
                       **responses(404, 422)})
def get_comparison(
    store: StoreDep, a: EditionA, b: EditionB,
    format: Annotated[Literal["json", "html"], Query(
        description="json, or html for a standalone report page")] = "json",
    outlier_z: Annotated[float, Query(ge=0.5, le=10.0, description="Robust deviations "
                                      "from the usual length ratio that make an outlier.")] = 2.5,
    min_similarity: Annotated[float, Query(ge=0.0, le=1.0, description="Pairs less similar "
                                           "than this are listed.")] = 0.45,
):
    """Compare edition ``b`` with edition ``a``: omissions (sentences of ``a`` with no
    counterpart), additions, length outliers, pairs far apart in meaning, and for editions
    in one language corpus and sentence BLEU/chrF.

    Uses the stored alignment of the two when there is one (corrections included), else
    aligns them for the occasion without storing anything.
    """
    from alinea.align.compare_report import comparison_to_dict, comparison_to_html

    found = compare_editions(store, a, b, outlier_z=outlier_z, min_similarity=min_similarity)
    if format == "html":
        title = f"{found.src.title} [{found.src.lang}] ⟷ [{found.tgt.lang}]"
        return HTMLResponse(comparison_to_html(found.comparison, title))
    return ComparisonOut(src=schemas.summary(found.src), tgt=schemas.summary(found.tgt),
                         alignment=found.alignment, **comparison_to_dict(found.comparison))
