"""The history of corrections and undo, in the store, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from alinea.align.types import Alignment, Link
from alinea.corpus.store import Store, StoredLink
from alinea.corpus.synthetic import render, simple_segment, synthetic_work
from alinea.errors import ConflictError, NotFoundError


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url, segmenter=simple_segment) as opened:
        yield opened


@pytest.fixture
def pair(store: Store) -> tuple[int, int]:
    """A Russian and an English edition, aligned 1-1 down the diagonal by the "aligner",
    link i with confidence 0.5 + i/1000 so that every link is told apart by it."""
    ru, en = (store.ingest(tr, f"{tr.id}.txt", render(tr)).document_id
              for tr in synthetic_work(3, ("ru", "en")))
    align(store, ru, en, 0.5)
    return ru, en


def align(store: Store, ru: int, en: int, base: float, signature: str = "test:v1") -> None:
    n = min(store.document(ru).n_sentences, store.document(en).n_sentences)
    links = tuple(Link((i,), (i,), base + i / 1000) for i in range(n))
    store.save_alignment(ru, en, Alignment(links, "ru", "en", signature))


def auto(i: int, base: float = 0.5) -> StoredLink:
    return StoredLink(Link((i,), (i,), base + i / 1000), "auto")


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
                                StoredLink(Link((), (2,), 0.502), "auto"))
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


# ------------------------------------------------------------------ undo


def test_undo_puts_back_the_links_a_correction_replaced_exactly(store, pair):
    ru, en = pair
    before = links(store, ru, en)
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    undone = store.undo_correction(ru, en, by="Boris")
    assert links(store, ru, en) == before
    assert (undone.undone_by, undone.in_effect) == ("Boris", False)
    assert undone.replaced == (auto(1), auto(2))
    assert store.corrections(ru, en) == [undone]
    assert store.stats().corrected_links == 0


@pytest.mark.parametrize("corrections", [
    # each made on what the one before left; the later ones cut into the earlier ones
    [[Link((1, 2), (1,))], [Link((2,), (1, 2))], [Link((0, 1, 2), (0,))]],
    [[Link((0,), (0,))], [Link((3, 4), (3, 4))], [Link((4,), (4,))], [Link((4,), ())]],
    [[Link((5,), (4, 5))], [Link((4,), (4,))], [Link((), (5,))]],
], ids=["overlapping", "disjoint-then-split", "relink-leftovers"])
def test_undos_in_a_row_walk_back_through_the_history(store, pair, corrections):
    ru, en = pair
    states = [links(store, ru, en)]
    for k, correction in enumerate(corrections):
        store.correct_links(ru, en, [Link(l.src, l.tgt, 1.0) for l in correction],
                            by=f"person {k}")
        states.append(links(store, ru, en))
    n = len(store.sentences(ru))
    for state in reversed(states[:-1]):
        store.undo_correction(ru, en)
        now = links(store, ru, en)
        assert now == state
        # every sentence in exactly one link, at every step
        assert sorted(i for sl in now for i in sl.link.src) == list(range(n))
        assert sorted(j for sl in now for j in sl.link.tgt) == list(range(n))
    assert [c.in_effect for c in store.corrections(ru, en)] == [False] * len(corrections)


def test_a_correction_made_after_an_undo_is_undone_before_the_earlier_ones(store, pair):
    ru, en = pair
    start = links(store, ru, en)
    store.correct_links(ru, en, [Link((1, 2), (1, 2), 1.0)], by="Anna")
    after_anna = links(store, ru, en)
    store.correct_links(ru, en, [Link((2,), (1, 2), 1.0)], by="Boris")
    store.undo_correction(ru, en)  # Boris's
    store.correct_links(ru, en, [Link((1, 2, 3), (1, 2, 3), 1.0)], by="Vera")
    assert store.undo_correction(ru, en).made_by == "Vera"
    assert links(store, ru, en) == after_anna
    assert store.undo_correction(ru, en).made_by == "Anna"
    assert links(store, ru, en) == start
    assert [(c.made_by, c.in_effect) for c in store.corrections(ru, en)] == [
        ("Vera", False), ("Boris", False), ("Anna", False)]


def test_with_no_correction_in_effect_there_is_nothing_to_undo(store, pair):
    ru, en = pair
    message = (f"nothing to undo: no correction of the alignment of documents {ru} and {en} "
               "is in effect")
    with pytest.raises(ConflictError, match=message):
        store.undo_correction(ru, en)
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)])
    store.undo_correction(ru, en)
    with pytest.raises(ConflictError, match=message):
        store.undo_correction(ru, en)


def test_undo_needs_an_alignment(store, pair):
    ru, en = pair
    with pytest.raises(NotFoundError, match=f"documents {en} and {ru} have no alignment"):
        store.undo_correction(en, ru)  # aligned the other way round
    with pytest.raises(NotFoundError):
        store.corrections(en, ru)


def test_a_correction_made_before_a_realignment_brings_back_the_links_of_that_time(store,
                                                                                  pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1, 2), 1.0)], by="Anna")
    align(store, ru, en, 0.7, signature="test:v2")
    realigned = links(store, ru, en)
    assert realigned[1] == StoredLink(Link((1, 2), (1, 2), 1.0), "manual", "Anna")
    store.undo_correction(ru, en)
    # The aligner's links of the first run, as they were; the others are the second run's.
    assert links(store, ru, en) == realigned[:1] + [auto(1), auto(2)] + realigned[2:]
    assert store.alignment(ru, en).signature == "test:v2"


def test_undo_is_refused_when_a_realignment_redid_what_the_correction_left(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    align(store, ru, en, 0.7, signature="test:v2")
    realigned = links(store, ru, en)
    # English sentence 2 (left over by Anna's link) now comes from the second run.
    assert StoredLink(Link((), (2,), 0.702), "auto") in realigned
    with pytest.raises(ConflictError) as refused:
        store.undo_correction(ru, en)
    assert str(refused.value).startswith(
        f"correction #{store.corrections(ru, en)[0].id} (")
    assert (" UTC by Anna) cannot be undone: the alignment no longer holds the link "
            "ru [] – en [2] (auto, 0.50) it left; those sentences are now in ru [] – en [2] "
            "(auto, 0.70). "
            "The alignment changed since (a re-alignment redoes the automatic links around "
            "corrections), and undoing the correction would undo that change too: correct "
            "the links by hand instead") in str(refused.value)
    assert links(store, ru, en) == realigned
    assert store.corrections(ru, en)[0].in_effect


def test_a_correction_that_made_the_alignment_cannot_be_undone(store):
    ru, en = (store.ingest(tr, f"{tr.id}.txt", render(tr)).document_id
              for tr in synthetic_work(4, ("ru", "en")))
    store.correct_links(ru, en, [Link((0,), (0,), 1.0)])
    with pytest.raises(ConflictError, match="cannot be undone: it linked sentences that no "
                                            "link held before, and undoing it would leave "
                                            "them out of the alignment"):
        store.undo_correction(ru, en)
    assert [sl.link for sl in links(store, ru, en)] == [Link((0,), (0,), 1.0)]


# ------------------------------------------------------------------ handing links back


def shapes(stored: list[StoredLink]) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(sl.link.src, sl.link.tgt, sl.origin) for sl in stored]


def test_a_correction_whose_undo_was_refused_can_be_handed_back_to_the_aligner(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    align(store, ru, en, 0.7, signature="test:v2")
    realigned = links(store, ru, en)
    with pytest.raises(ConflictError):
        store.undo_correction(ru, en)
    released = store.release_links(ru, en, by="Boris")
    now = links(store, ru, en)
    # Anna's 2-1 and the 0-1 the re-alignment left beside it are aligned again, 1-1 as
    # the two editions are; every other link is the re-alignment's, as it was.
    assert shapes(now[1:3]) == [((1,), (1,), "auto"), ((2,), (2,), "auto")]
    assert all(0.0 < sl.link.confidence <= 1.0 for sl in now[1:3])
    assert now[:1] + now[3:] == realigned[:1] + realigned[3:]
    assert released.is_release and released.made_by == "Boris"
    assert released.replaced == (StoredLink(Link((1, 2), (1,), 1.0), "manual", "Anna"),
                                 StoredLink(Link((), (2,), 0.702), "auto"))
    assert released.added == tuple(now[1:3])
    assert store.corrections(ru, en)[0] == released
    assert not store.corrections(ru, en)[1].is_release
    assert store.stats().corrected_links == 0
    # The signature stays: the alignment as a whole was not redone.
    assert store.alignment(ru, en).signature == "test:v2"


def test_a_release_can_be_undone_and_the_next_realignment_redoes_what_it_handed_back(
        store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1, 2), 1.0)], by="Anna")
    corrected = links(store, ru, en)
    store.release_links(ru, en)
    undone = store.undo_correction(ru, en)
    assert undone.is_release
    assert links(store, ru, en) == corrected
    store.release_links(ru, en)
    align(store, ru, en, 0.9, signature="test:v3")
    assert links(store, ru, en) == [auto(i, 0.9) for i in range(len(corrected) + 1)]


def test_only_the_links_named_are_handed_back(store, pair):
    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    store.correct_links(ru, en, [Link((5,), (4, 5), 1.0)], by="Boris")
    before = links(store, ru, en)
    store.release_links(ru, en, [Link((1, 2), (1,))])  # the confidence is not compared
    now = links(store, ru, en)
    assert StoredLink(Link((5,), (4, 5), 1.0), "manual", "Boris") in now
    assert [sl for sl in now if sl.origin == "manual"] == [
        StoredLink(Link((5,), (4, 5), 1.0), "manual", "Boris")]
    assert shapes(now[1:3]) == [((1,), (1,), "auto"), ((2,), (2,), "auto")]
    assert now[3:] == before[3:]


@pytest.mark.parametrize("named, message", [
    (None, "no link of the alignment of documents {ru} and {en} was set by hand: there is "
           "nothing to hand back to the aligner"),
    ([Link((0,), (0,))], "link ru [0] – en [0] was made by the aligner, not by hand: there "
                         "is nothing to hand back"),
    ([Link((0,), (1,))], "link ru [0] – en [1] is not in the alignment of documents {ru} "
                         "and {en} (it may have been corrected since): reload and try again"),
])
def test_handing_back_what_the_aligner_made_is_refused_and_changes_nothing(store, pair,
                                                                         named, message):
    ru, en = pair
    before = links(store, ru, en)
    with pytest.raises(ConflictError) as refused:
        store.release_links(ru, en, named)
    assert str(refused.value) == message.format(ru=ru, en=en)
    assert links(store, ru, en) == before
    assert store.corrections(ru, en) == []


def test_handing_back_needs_an_alignment(store, pair):
    ru, en = pair
    with pytest.raises(NotFoundError, match=f"documents {en} and {ru} have no alignment"):
        store.release_links(en, ru)


def test_a_correction_made_while_the_stretch_is_aligned_again_is_kept(store, pair,
                                                                    monkeypatch):
    from alinea.align import aligner

    ru, en = pair
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
    real = aligner.align

    def align_meanwhile(*args, **kwargs):
        # Someone else corrects another link while the aligner works.
        store.correct_links(ru, en, [Link((5,), (5,), 1.0)], by="Boris")
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner, "align", align_meanwhile)
    with pytest.raises(ConflictError, match=f"the alignment of documents {ru} and {en} "
                                            "changed while the links were being aligned "
                                            "again: try again"):
        store.release_links(ru, en, [Link((1, 2), (1,))])
    assert [c.made_by for c in store.corrections(ru, en)] == ["Boris", "Anna"]
    assert StoredLink(Link((1, 2), (1,), 1.0), "manual", "Anna") in links(store, ru, en)


@pytest.mark.parametrize("correction", [
    [Link((0,), (5,))],                      # crossing the links between
    [Link((3,), ())],                        # an omission marked by hand
    [Link((), (2,)), Link((2,), ())],        # an insertion next to a deletion
    [Link((1, 2), (1,)), Link((3,), (2, 3))],
], ids=["crossing", "omission", "insertion-deletion", "two-links"])
def test_after_a_release_every_sentence_is_in_one_automatic_link(store, pair, correction):
    ru, en = pair
    store.correct_links(ru, en, [Link(l.src, l.tgt, 1.0) for l in correction], by="Anna")
    corrected = links(store, ru, en)
    released = store.release_links(ru, en)
    now = links(store, ru, en)
    n = len(store.sentences(ru))
    assert sorted(i for sl in now for i in sl.link.src) == list(range(n))
    assert sorted(j for sl in now for j in sl.link.tgt) == list(range(n))
    assert {sl.origin for sl in now} == {"auto"}
    # Links the release did not take out are the very links that were there.
    assert [sl for sl in now if sl not in released.added] == [
        sl for sl in corrected if sl not in released.replaced]


def test_a_released_stretch_keeps_the_paragraphs_both_editions_share(store):
    """Released links are aligned again within the paragraphs of the stretch, as a whole
    alignment is: the English second paragraph goes with the Russian second paragraph,
    not into the first one's link (which the aligner, without the anchors, prefers)."""
    from alinea.corpus.batch import align_all
    from alinea.corpus.readers import read_text

    rule = "_" * 40
    texts = {
        "en": f"Minister's remarks on the talks\nMoscow, May 5, 2018\n{rule}\n"
              "The talks lasted three hours.\n"
              "We discussed Syria and the Korean Peninsula.\n",
        "ru": f"Выступление министра о переговорах\nМосква, 5 мая 2018 года\n{rule}\n"
              "Переговоры длились три часа, мы обсудили Сирию и Корейский полуостров.\n"
              "Спасибо за внимание.\n",
    }
    ids = {}
    for lang, text in texts.items():
        transcript = read_text(text, f"remarks.{lang}.txt", lang)
        ids[lang] = store.ingest(transcript, f"remarks.{lang}.txt", text.encode()).document_id
    if not store.edition_pairs():
        store.link_editions(ids["en"], ids["ru"])
    align_all(store, workers=1)
    pair = store.edition_pairs()[0]
    src, tgt = pair.src_id, pair.tgt_id
    aligned = links(store, src, tgt)
    assert all(sl.link.src and sl.link.tgt for sl in aligned)  # 1-1, paragraph by paragraph
    # A person merges across the paragraphs; handing that back restores the aligner's links.
    store.correct_links(src, tgt, [Link((0, 1), (0,), 1.0)] if src == ids["en"]
                        else [Link((0,), (0, 1), 1.0)], by="Anna")
    store.release_links(src, tgt)
    assert shapes(links(store, src, tgt)) == shapes(aligned)
