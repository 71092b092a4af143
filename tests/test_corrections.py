"""The history of corrections and undo, in the store, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from alinea.align.types import Alignment, Link
from alinea.corpus.store import Store, StoredLink
from alinea.corpus.synthetic import render, simple_segment, synthetic_work


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url, segmenter=simple_segment) as opened:
        yield opened


@pytest.fixture
def pair(store: Store) -> tuple[int, int]:
    """A Russian and an English edition, aligned 1-1 down the diagonal by the "aligner",
    link i with confidence 0.5 + i/100 so that every link is told apart by it."""
    ru, en = (store.ingest(tr, f"{tr.id}.txt", render(tr)).document_id
              for tr in synthetic_work(3, ("ru", "en")))
    align(store, ru, en, 0.5)
    return ru, en


def align(store: Store, ru: int, en: int, base: float, signature: str = "test:v1") -> None:
    n = min(store.document(ru).n_sentences, store.document(en).n_sentences)
    links = tuple(Link((i,), (i,), base + i / 100) for i in range(n))
    store.save_alignment(ru, en, Alignment(links, "ru", "en", signature))


def auto(i: int, base: float = 0.5) -> StoredLink:
    return StoredLink(Link((i,), (i,), base + i / 100), "auto")


def links(store: Store, ru: int, en: int) -> list[StoredLink]:
    return list(store.alignment(ru, en).links)


# ------------------------------------------------------------------ the history


def test_a_correction_records_the_links_it_replaced_and_those_it_put_in(store, pair):
    ru, en = pair
    before = datetime.now(UTC)
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    [correction] = store.corrections(ru, en)
    assert correction.replaced == (auto(1), auto(2))
    # What link 2 had left over (English sentence 2) stays, as the automatic link it was.
    assert correction.added == (StoredLink(Link((1, 2), (1,), 1.0), "manual", "Anna"),
                                StoredLink(Link((), (2,), 0.52), "auto"))
    assert correction.made_by == "Anna"
    assert before <= correction.made_at <= datetime.now(UTC)
    assert correction.in_effect and correction.undone_at is None


def test_the_history_lists_the_most_recent_correction_first(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Anna")
    store.correct_links(ru, en, [Link((3, 4), (3, 4), 1.0)], by="Boris")
    assert [c.made_by for c in store.corrections(ru, en)] == ["Boris", "Anna"]
    assert store.corrections(ru, en)[0].replaced == (auto(3), auto(4))


def test_checking_links_again_as_they_are_is_not_recorded(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Anna")
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Anna")
    assert len(store.corrections(ru, en)) == 1
    # Checked again by someone else, the link changes (who corrected it): recorded.
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Boris")
    assert len(store.corrections(ru, en)) == 2


def test_deleting_a_document_deletes_the_history_of_its_alignments(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)])
    store.delete_document(en)
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM corrections")).scalar_one() == 0
