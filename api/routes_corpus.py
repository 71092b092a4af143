"""The corpus as a whole: its figures (``alinea stats``), its edition groups with their
pairs and what is aligned (``alinea editions``), and grouping editions again (``alinea
editions --match``, with the write token)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from alinea.api import schemas
from alinea.api.auth import require_token
from alinea.api.params import MAX_ID, StoreDep
from alinea.api.problems import responses
from alinea.corpus.store import Store
from alinea.corpus.store_results import EditionGroup, EditionPair

router = APIRouter(tags=["corpus"])
writes = APIRouter(tags=["writes"], dependencies=[Depends(require_token)],
                   responses=responses(401, 403))

#: Most edition groups in one page of ``GET /editions``.
MAX_GROUPS = 1000


class StatsOut(BaseModel):
    """Corpus figures over the current version of each document."""

    documents: int
    versions: int = Field(description="Stored versions, earlier ones included.")
    documents_by_lang: dict[str, int]
    edition_groups: int
    edition_pairs: int = Field(description="Pairs of current editions of one text in two "
                                           "languages: what can be aligned.")
    aligned_pairs: int
    sentences: int
    links: int = Field(description="Links of the aligned pairs' alignments.")
    corrected_links: int = Field(description="Of those, links set by hand.")
    mean_confidence: float | None = Field(description="Mean confidence of those links; "
                                                      "null when nothing is aligned.")


class EditionPairOut(BaseModel):
    """Two editions of the group in two languages; ``src`` is the original when known."""

    src_id: int
    tgt_id: int
    src_lang: str
    tgt_lang: str
    alignment_id: int | None = Field(description="null while the pair is not aligned: "
                                                 "POST /alignments/{src_id}/{tgt_id} aligns it.")


class EditionGroupDetail(BaseModel):
    """Documents that are language editions of one text, and their pairs."""

    id: int
    method: str = Field(description="How the group was made: by a shared source id, by "
                                    "matching (date, kind, opening), or by hand.")
    documents: list[schemas.DocumentSummary]
    pairs: list[EditionPairOut]


class EditionGroupList(BaseModel):
    """One page of edition groups by id; pass ``next`` back as ``after`` for the next."""

    items: list[EditionGroupDetail]
    next: int | None


def group_page(store: Store, groups: list[EditionGroup], after: int | None,
               limit: int) -> EditionGroupList:
    """The groups after id ``after``, at most ``limit``, each with its pairs."""
    rest = [g for g in groups if after is None or g.id > after]
    page = rest[:limit]
    pairs: dict[int, list[EditionPair]] = {}
    if page:
        pairs = store.edition_pairs_by_group(None if len(page) > 1 else page[0].id)
    items = [EditionGroupDetail(
        id=g.id, method=g.method, documents=[schemas.summary(d) for d in g.documents],
        pairs=[EditionPairOut(src_id=p.src_id, tgt_id=p.tgt_id, src_lang=p.src_lang,
                              tgt_lang=p.tgt_lang, alignment_id=p.alignment_id)
               for p in pairs.get(g.id, [])])
        for g in page]
    return EditionGroupList(items=items, next=page[-1].id if len(rest) > limit else None)


After = Annotated[int | None, Query(ge=0, le=MAX_ID,
                                    description="Start after the group of this id "
                                                "(the previous page's next).")]
Limit = Annotated[int, Query(ge=1, le=MAX_GROUPS, description="Groups per page.")]


@router.get("/stats", response_model=StatsOut)
def corpus_stats(store: StoreDep) -> StatsOut:
    """Corpus figures, as ``alinea stats`` prints them: documents per language, stored
    versions, edition groups and pairs, aligned pairs, sentences, links and their mean
    confidence."""
    return StatsOut(**asdict(store.stats()))


@router.get("/editions", response_model=EditionGroupList, responses=responses(422))
def edition_groups(store: StoreDep, after: After = None, limit: Limit = 100
                   ) -> EditionGroupList:
    """The edition groups, as ``alinea editions`` lists them: each with its current
    documents and its pairs in two languages, aligned or not (``alignment_id`` null)."""
    return group_page(store, store.edition_groups(), after, limit)


@writes.post("/editions/match", response_model=EditionGroupList,
             responses=responses(422, 503))
def match_editions(store: StoreDep, everything: Annotated[bool, Query(
        description="Compare every document again, not only the dates and kinds where "
                    "an ungrouped document waits (after a change of the matching rules).")
                   ] = False,
                   limit: Limit = 100) -> EditionGroupList:
    """Group the documents that share no source id by date, kind, speakers and the
    meaning of their openings, as ``alinea editions --match`` does (groups set by hand
    are left alone); answers the first page of groups after it. The new pairs are not
    aligned: ``POST /alignments/{src_id}/{tgt_id}`` aligns one, ``alinea align --all``
    all. 503 when the embedding model cannot be loaded."""
    return group_page(store, store.match_editions(everything=everything), None, limit)


__all__ = ["router", "writes"]
