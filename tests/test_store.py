"""The corpus store, through its public API, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pytest

from alinea.align.types import Alignment, Link
from alinea.corpus.model import Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.corpus.store import Store, parse_query
from alinea.corpus.synthetic import render, simple_segment, synthetic_corpus, synthetic_work
from alinea.errors import NotFoundError, StoreError


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url, segmenter=simple_segment) as opened:
        yield opened


def full_transcript(**changes: object) -> Transcript:
    """A transcript that uses every field of the model, including the unusual values."""
    transcript = Transcript(
        id="lavrov-2017-12-25-en",
        title="Foreign Minister Sergey Lavrov’s interview, December 25, 2017",
        lang="en",
        turns=(
            Turn("questioner", (Paragraph("President Trump said he planned a meeting. When?"),),
                 label="Question:"),
            Turn("LavrovSergey", (
                Paragraph("Contacts have intensified recently. They cover many matters."),
                Paragraph("Мы готовы к диалогу.", lang="ru"),
                Paragraph("The date has not been discussed yet"),
            ), label="Sergey Lavrov:"),
            Turn("LavrovSergey", (Paragraph("Thank you."),)),
        ),
        speakers=(Speaker("LavrovSergey", "Sergey Lavrov", "guest"),
                  Speaker("questioner", "Question", "interviewer")),
        date="2017-12-25", time="11:16", place="Moscow", kind="interview",
        outlet="Rossiya Segodnya", original_lang="ru", is_translation=True,
        editions=("de", "en", "es", "ru", "fr"),
        source_url="https://www.mid.ru/en/foreign_policy/news/-/asset_publisher/3000001",
        source_id="3000001",
        boilerplate=(Boilerplate("  • de-DE1 en-GB1", "language-marker", 5),
                     Boilerplate("* * *", "separator", None)),
    )
    return replace(transcript, **changes)


def minimal_transcript(**changes: object) -> Transcript:
    transcript = Transcript(id="bare", title="Bare", lang="fr",
                            turns=(Turn("s", (Paragraph("Un texte."),)),))
    return replace(transcript, **changes)


def add(store: Store, transcript: Transcript, raw: bytes | None = None) -> int:
    return store.ingest(transcript, f"{transcript.id}.txt",
                        raw if raw is not None else render(transcript)).document_id


def align_diagonally(store: Store, src: int, tgt: int, confidence: float = 0.8,
                     signature: str = "test:diagonal") -> Alignment:
    n = min(store.document(src).n_sentences, store.document(tgt).n_sentences)
    alignment = Alignment(tuple(Link((i,), (i,), confidence) for i in range(n)),
                          store.document(src).lang, store.document(tgt).lang, signature,
                          {"beads": ["1-1"], "seed": 7})
    store.save_alignment(src, tgt, alignment)
    return alignment


# ------------------------------------------------------------------ ingest and read back


@pytest.mark.parametrize("transcript", [full_transcript(), minimal_transcript(),
                                        minimal_transcript(turns=(), is_translation=False)],
                         ids=["every-field", "minimal", "no-turns"])
def test_stored_document_loads_back_equal(store: Store, transcript: Transcript):
    doc_id = add(store, transcript)
    assert store.get_document(doc_id) == transcript


def test_synthetic_corpus_loads_back_equal(store: Store):
    for transcript, raw in synthetic_corpus(12):
        result = store.ingest(transcript, None, raw)
        assert result.status == "new"
        assert store.get_document(result.document_id) == transcript


def test_document_metadata_records_file_and_counts(store: Store):
    raw = render(full_transcript())
    result = store.ingest(full_transcript(), "corpus/en/lavrov.txt", raw)
    info = store.document(result.document_id)
    assert (info.doc_key, info.version, info.is_current) == ("lavrov-2017-12-25-en", 1, True)
    assert info.source_path == "corpus/en/lavrov.txt"
    assert len(info.content_hash) == 64
    assert info.n_sentences == len(store.sentences(result.document_id)) == 7


def test_sentences_are_spans_of_their_paragraph(store: Store):
    transcript = full_transcript()
    doc_id = add(store, transcript)
    paragraphs = transcript.paragraphs
    sentences = store.sentences(doc_id)
    assert [s.position for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert paragraphs[s.paragraph].text[s.start:s.end] == s.text
    assert [s.text for s in sentences[:3]] == [
        "President Trump said he planned a meeting.", "When?",
        "Contacts have intensified recently."]
    assert store.sentence(sentences[2].id) == sentences[2]


def test_same_file_twice_is_one_document(store: Store):
    transcript, raw = full_transcript(), render(full_transcript())
    first = store.ingest(transcript, "a.txt", raw)
    again = store.ingest(transcript, "copy-of-a.txt", raw)
    assert (first.status, again.status) == ("new", "unchanged")
    assert again.document_id == first.document_id
    assert store.stats().versions == 1


def test_changed_file_is_a_new_version_not_a_duplicate(store: Store):
    old = store.ingest(full_transcript(), "a.txt", b"version 1")
    other = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=False))
    edited = full_transcript(title="Corrected title")
    new = store.ingest(edited, "a.txt", b"version 2")
    assert (new.status, new.version, new.replaced) == ("new-version", 2, old.document_id)
    assert store.get_document(new.document_id) == edited
    assert not store.document(old.document_id).is_current
    # Only the current version is listed, grouped and counted; the old one is still kept.
    listed = [d.id for d in store.list_documents().documents]
    assert listed == [other, new.document_id]
    assert len(store.list_documents(all_versions=True).documents) == 3
    assert store.document(new.document_id).edition_group_id == store.document(
        old.document_id).edition_group_id
    stats = store.stats()
    assert (stats.documents, stats.versions) == (2, 3)


def test_files_of_one_name_in_other_languages_or_sources_are_separate_documents(
        store: Store):
    en = store.ingest(full_transcript(id="speech", source_id="111"), "en/speech.txt", b"en")
    ru = store.ingest(full_transcript(id="speech", lang="ru", source_id=None),
                      "ru/speech.txt", b"ru")
    other = store.ingest(full_transcript(id="speech", source_id="777"), "b/speech.txt", b"b")
    assert [r.status for r in (en, ru, other)] == ["new", "new", "new"]
    keys = [store.document(r.document_id).doc_key for r in (en, ru, other)]
    assert keys == ["speech", "speech.ru", "speech.en"]
    assert store.stats().documents == 3
    # A changed file still becomes the next version of its own document.
    ru2 = store.ingest(full_transcript(id="speech", lang="ru", source_id=None, title="Fixed"),
                       "ru/speech.txt", b"ru, fixed")
    assert (ru2.status, ru2.replaced) == ("new-version", ru.document_id)
    assert store.document(ru2.document_id).doc_key == "speech.ru"
    assert store.stats().documents == 3


def test_a_file_of_another_name_with_the_same_source_and_language_is_a_new_version(
        store: Store):
    old = store.ingest(full_transcript(), "a.txt", b"downloaded once")
    new = store.ingest(full_transcript(id="renamed", title="Again"), "b.txt", b"and again")
    assert (new.status, new.replaced) == ("new-version", old.document_id)
    assert store.document(new.document_id).doc_key == "lavrov-2017-12-25-en"
    assert store.stats().documents == 1


def test_new_version_makes_its_pairs_pending_again(store: Store):
    en = store.ingest(full_transcript(), "en.txt", b"en 1").document_id
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=False))
    align_diagonally(store, ru, en)
    assert store.pending_pairs() == []
    en2 = store.ingest(full_transcript(title="New"), "en.txt", b"en 2").document_id
    assert [(p.src_id, p.tgt_id) for p in store.pending_pairs()] == [(ru, en2)]


def test_deleting_a_document_removes_its_sentences_alignments_and_search_hits(
        store: Store):
    en = add(store, full_transcript())
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=False),
             b"the ru edition")
    align_diagonally(store, ru, en)
    assert [h.sentence.document_id for h in store.search("intensified")] == [en, ru]
    deleted = store.delete_document(en)
    assert (deleted.document_id, deleted.alignments, deleted.restored) == (en, 1, None)
    assert deleted.sentences > 0
    with pytest.raises(NotFoundError):
        store.document(en)
    with pytest.raises(NotFoundError):
        store.alignment(ru, en)
    assert [h.sentence.document_id for h in store.search("intensified")] == [ru]
    assert store.edition_pairs() == []
    stats = store.stats()
    assert (stats.documents, stats.versions, stats.aligned_pairs, stats.links) == (1, 1, 0, 0)
    assert stats.sentences == store.document(ru).n_sentences
    # The other edition is untouched and the same file can be ingested again.
    assert store.get_document(ru) == full_transcript(id="lavrov-ru", lang="ru",
                                                     is_translation=False)
    again = store.ingest(full_transcript(), "en.txt", render(full_transcript()))
    assert again.status == "new"
    assert [(p.src_id, p.tgt_id) for p in store.pending_pairs()] == [(ru, again.document_id)]


def test_stats_count_links_of_linked_editions_only(store: Store):
    en = add(store, full_transcript())
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=False),
             b"the ru edition")
    align_diagonally(store, ru, en, confidence=0.8)
    stats = store.stats()
    assert (stats.aligned_pairs, stats.mean_confidence) == (1, pytest.approx(0.8))
    assert stats.links == len(store.alignment(ru, en).links) > 0
    assert store.unlink_edition(en) is True
    stats = store.stats()
    assert (stats.aligned_pairs, stats.links, stats.mean_confidence) == (0, 0, None)
    assert store.unlink_edition(en) is False  # it was in no group any more


def test_a_silent_edition_named_as_original_by_its_translation_is_the_source(store: Store):
    en = add(store, full_transcript())  # a translation from Russian
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=None,
                                    original_lang=None), b"the ru edition")
    assert [(p.src_id, p.tgt_id) for p in store.edition_pairs()] == [(ru, en)]


def test_an_alignment_stored_the_other_way_round_keeps_its_pair_aligned(store: Store):
    en = add(store, full_transcript())
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=None,
                                    original_lang=None), b"the ru edition")
    align_diagonally(store, en, ru)  # as an older alinea oriented the pair
    (pair,) = store.edition_pairs()
    assert (pair.src_id, pair.tgt_id) == (en, ru) and pair.alignment_id is not None
    assert store.pending_pairs() == []


def test_deleting_the_current_version_brings_back_the_previous_one(store: Store):
    old = store.ingest(full_transcript(), "a.txt", b"version 1").document_id
    ru = add(store, full_transcript(id="lavrov-ru", lang="ru", is_translation=False))
    new = store.ingest(full_transcript(title="Botched"), "a.txt", b"version 2").document_id
    assert store.delete_document(new).restored == old
    assert store.document(old).is_current
    assert [d.id for d in store.list_documents().documents] == [old, ru]
    assert [(p.src_id, p.tgt_id) for p in store.edition_pairs()] == [(ru, old)]
    # Deleting an older version leaves the current one alone.
    newer = store.ingest(full_transcript(title="Fixed"), "a.txt", b"version 3").document_id
    assert store.delete_document(old).restored is None
    assert store.document(newer).is_current


def test_deleting_an_unknown_document_is_not_found(store: Store):
    with pytest.raises(NotFoundError, match="no document with id 99"):
        store.delete_document(99)


def test_unknown_ids_raise_not_found(store: Store):
    with pytest.raises(NotFoundError, match="no document with id 99"):
        store.get_document(99)
    with pytest.raises(NotFoundError, match="no document with id 99"):
        store.document(99)
    with pytest.raises(NotFoundError, match="no document with id 99"):
        store.sentences(99)
    with pytest.raises(NotFoundError, match="no sentence with id 12345"):
        store.counterparts(12345)
    with pytest.raises(NotFoundError, match="no document with id 98"):
        store.link_editions(98, 99)
    with pytest.raises(NotFoundError, match="have no alignment"):
        store.alignment(1, 2)


def test_segmenter_with_wrong_offsets_is_refused_and_nothing_is_stored(store_url: str):
    def shifted(text: str, lang: str):
        return [replace(s, start=s.start + 1) for s in simple_segment(text, lang)]

    with Store.open(store_url, segmenter=shifted) as broken:
        with pytest.raises(StoreError, match="do not match its text"):
            add(broken, full_transcript())
        assert broken.stats().versions == 0


# ------------------------------------------------------------------ editions


def test_editions_with_one_source_id_are_grouped_at_ingest(store: Store):
    ids = {}
    for transcript in synthetic_work(1, ("ru", "en", "fr")) + synthetic_work(2, ("ru", "en")):
        ids[transcript.id] = add(store, transcript)
    groups = store.edition_groups()
    assert [(g.method, [d.lang for d in g.documents]) for g in groups] == [
        ("source-id", ["en", "fr", "ru"]), ("source-id", ["en", "ru"])]
    pairs = {(p.src_lang, p.tgt_lang) for p in store.edition_pairs()}
    # The original (ru) is the source of every pair it is in.
    assert pairs == {("ru", "en"), ("ru", "fr"), ("en", "fr")} | {("ru", "en")}
    assert len(store.edition_pairs()) == 4


def _opening_shape_embedder(texts):
    """Translations of synthetic text share sentence lengths and numbers; so does this."""
    vectors = []
    for text in texts:
        lengths = [len(s.text.split()) for s in simple_segment(text, "xx")][:12]
        vector = np.zeros(24)
        vector[: len(lengths)] = np.array(lengths) - 11.5
        for token in text.split():
            digits = token.strip(".?")
            if digits.isdigit():
                vector[12 + int(digits) % 12] += 5
        vectors.append(vector)
    return np.array(vectors)


def test_editions_without_source_id_are_matched_by_date_kind_and_opening(store: Store):
    works = [synthetic_work(n, ("ru", "en", "de"), with_source_id=False) for n in range(4)]
    expected = []
    for editions in works:  # works 0-3 share a date, so only the openings tell them apart
        expected.append(sorted(add(store, tr) for tr in editions))
    assert store.edition_groups() == []
    groups = store.match_editions(embed=_opening_shape_embedder, threshold=0.95)
    assert sorted(sorted(d.id for d in g.documents) for g in groups) == sorted(expected)
    assert {g.method for g in groups} == {"heuristic"}
    # Matching again changes nothing, and compares nothing: every document has a group.
    seen: list[str] = []

    def counting(texts):
        seen.extend(texts)
        return _opening_shape_embedder(texts)

    again = store.match_editions(embed=counting, threshold=0.95)
    assert [(g.id, g.documents) for g in again] == [(g.id, g.documents) for g in groups]
    assert seen == []
    again = store.match_editions(embed=counting, threshold=0.95, everything=True)
    assert [(g.id, g.documents) for g in again] == [(g.id, g.documents) for g in groups]
    assert len(seen) == 12
    # A new document reopens its block (and only its block) to matching.
    late = synthetic_work(9, ("ru", "en"), with_source_id=False)
    late_ids = sorted(add(store, tr) for tr in late)
    seen.clear()
    groups = store.match_editions(embed=counting, threshold=0.95)
    assert len(seen) == 2 and late_ids in [sorted(d.id for d in g.documents) for g in groups]


def test_link_and_unlink_by_hand_survive_rematching(store: Store):
    editions = synthetic_work(5, ("ru", "en", "de"), with_source_id=False)
    ru, en, de = (add(store, tr) for tr in editions)
    store.match_editions(embed=_opening_shape_embedder, threshold=0.95)
    assert len(store.edition_groups()) == 1
    store.unlink_edition(de)
    store.match_editions(embed=_opening_shape_embedder, threshold=0.95)
    (group,) = store.edition_groups()
    assert sorted(d.id for d in group.documents) == sorted([en, ru])
    assert store.document(de).edition_group_id is None
    group_id = store.link_editions(ru, de)
    assert group_id == group.id
    assert store.document(de).group_method == "manual"
    unrelated = add(store, minimal_transcript())
    assert store.link_editions(unrelated, en) == group.id  # it has no group: joins en's
    store.match_editions(embed=_opening_shape_embedder, threshold=0.95)
    members = [sorted(d.id for d in g.documents) for g in store.edition_groups()]
    assert members == [sorted([ru, en, de, unrelated])]
    other = add(store, minimal_transcript(id="other", lang="es"), raw=b"another file")
    store.unlink_edition(unrelated)  # to move a document: unlink it, then link it
    store.link_editions(other, unrelated)
    members = [sorted(d.id for d in g.documents) for g in store.edition_groups()]
    assert members == [sorted([ru, en, de]), sorted([other, unrelated])]


def test_linking_two_editions_in_one_language_is_refused(store: Store):
    first = add(store, minimal_transcript())
    # Another text: the same text in another file would be the first document again.
    second = add(store, minimal_transcript(id="second", title="Second"), raw=b"second file")
    with pytest.raises(StoreError, match="both in fr: an edition group holds one edition"):
        store.link_editions(first, second)
    assert store.edition_groups() == []


def test_linking_a_document_with_itself_is_refused(store: Store):
    doc = add(store, minimal_transcript())
    with pytest.raises(StoreError, match="cannot link document .* with itself"):
        store.link_editions(doc, doc)


# ------------------------------------------------------------------ alignments


@pytest.fixture
def pair(store: Store) -> tuple[int, int]:
    ru, en = (add(store, tr) for tr in synthetic_work(3, ("ru", "en")))
    return ru, en


def test_saved_alignment_reads_back(store: Store, pair: tuple[int, int]):
    ru, en = pair
    alignment = Alignment((Link((0,), (0,), 0.9), Link((1, 2), (1,), 0.5), Link((), (2,), 0.3),
                           Link((3,), (), 0.2)), "ru", "en", "test:v1", {"window": 3})
    alignment_id = store.save_alignment(ru, en, alignment)
    assert store.as_alignment(ru, en) == alignment
    stored = store.alignment(ru, en)
    assert stored.id == alignment_id
    assert stored.params == {"window": 3}
    assert {sl.origin for sl in stored.links} == {"auto"}
    # Its times are aware, on SQLite (which keeps them naive) as on PostgreSQL.
    from datetime import UTC, datetime, timedelta

    for moment in (stored.created_at, stored.updated_at):
        assert moment.tzinfo is not None
        assert abs(moment - datetime.now(UTC)) < timedelta(minutes=5)


def _alignment_ids(store: Store, a: int, b: int) -> list[int]:
    """The ids of every stored alignment of documents ``a`` and ``b``, either way round."""
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return list(conn.execute(sa.text(
            "SELECT id FROM alignments WHERE src_document_id IN (:a, :b) "
            "AND tgt_document_id IN (:a, :b)"), {"a": a, "b": b}).scalars())


def test_a_new_alignment_of_a_pair_aligned_already_writes_nothing(store: Store,
                                                                 pair: tuple[int, int]):
    from alinea.corpus.store_alignments import AlreadyAlignedError

    ru, en = pair
    first = align_diagonally(store, ru, en)
    stored = store.alignment(ru, en)
    other = Alignment((Link((0, 1, 2), (0, 1, 2), 0.1),), "ru", "en", "test:other")
    with pytest.raises(AlreadyAlignedError, match=rf"documents {ru} and {en} are aligned "
                       rf"already \(alignment {stored.id}\)") as caught:
        store.save_alignment(ru, en, other, new=True)
    assert caught.value.alignment_id == stored.id
    with pytest.raises(AlreadyAlignedError, match="stored the other way round") as caught:
        store.save_alignment(en, ru, Alignment((Link((0, 1, 2), (0, 1, 2), 0.1),), "en",
                                               "ru"), new=True)
    assert caught.value.alignment_id == stored.id
    assert store.alignment(ru, en) == stored and store.as_alignment(ru, en) == first


def test_an_alignment_saved_the_other_way_round_is_refused(store: Store,
                                                          pair: tuple[int, int]):
    from alinea.errors import ConflictError

    ru, en = pair
    align_diagonally(store, ru, en)
    (stored,) = _alignment_ids(store, ru, en)
    with pytest.raises(ConflictError, match=rf"documents {en} and {ru} are aligned the other "
                       rf"way round \(alignment {stored}\): save it from {ru} to {en}"):
        align_diagonally(store, en, ru)
    assert _alignment_ids(store, ru, en) == [stored]


def test_two_writers_of_one_new_alignment_at_once_store_one(store_url: str):
    # Two stores on one database, as two processes: the first is held inside its write
    # transaction, its alignment inserted, while the second saves the same new pair.
    import threading

    from alinea.corpus.store_alignments import AlignmentsMixin, AlreadyAlignedError

    with Store.open(store_url, segmenter=simple_segment) as first, \
            Store.open(store_url, segmenter=simple_segment) as second:
        ru, en = (add(first, tr) for tr in synthetic_work(3, ("ru", "en")))
        inserted, release = threading.Event(), threading.Event()

        def held(*args, **kwargs):
            alignment_id = AlignmentsMixin._replace_links(first, *args, **kwargs)
            inserted.set()
            assert release.wait(30)
            return alignment_id

        first._replace_links = held  # this store only
        ones = Alignment((Link((0,), (0,), 0.9),), "ru", "en", "test:first")
        twos = Alignment((Link((0,), (0,), 0.2),), "ru", "en", "test:second")
        outcome: dict = {}

        def save(name: str, store: Store, alignment: Alignment) -> None:
            try:
                outcome[name] = store.save_alignment(ru, en, alignment, new=True)
            except Exception as exc:  # noqa: BLE001 - the test reads it
                outcome[name] = exc

        writers = [threading.Thread(target=save, args=("first", first, ones))]
        writers[0].start()
        assert inserted.wait(30)
        writers.append(threading.Thread(target=save, args=("second", second, twos)))
        writers[1].start()
        _wait_for_a_waiting_writer(second)
        release.set()
        for writer in writers:
            writer.join(60)
        assert isinstance(outcome["first"], int), outcome
        assert isinstance(outcome["second"], AlreadyAlignedError), outcome
        assert outcome["second"].alignment_id == outcome["first"]
        assert _alignment_ids(second, ru, en) == [outcome["first"]]
        assert second.as_alignment(ru, en).signature == "test:first"


def _wait_for_a_waiting_writer(store: Store, timeout: float = 30.0) -> None:
    """Until a transaction waits for a lock (PostgreSQL), or a moment (SQLite, whose
    second writer waits in BEGIN IMMEDIATE, out of sight)."""
    import time

    import sqlalchemy as sa

    if store.dialect != "postgresql":
        time.sleep(0.3)
        return
    deadline = time.monotonic() + timeout
    with store.engine.connect() as conn:
        while time.monotonic() < deadline:
            if conn.execute(sa.text("SELECT count(*) FROM pg_locks WHERE NOT granted")
                            ).scalar_one():
                return
            conn.rollback()
            time.sleep(0.02)
    raise AssertionError("the second writer never waited")


def test_insertions_keep_their_place_when_corrections_reorder_links(store: Store,
                                                                   pair: tuple[int, int]):
    ru, en = pair
    links = (Link((0,), (0,)), Link((), (1,)), Link((), (2,)), Link((), (3,)),
             Link((1,), (4,)), Link((2,), ()), Link((3,), (5,)))
    store.save_alignment(ru, en, Alignment(links, "ru", "en"))
    assert store.as_alignment(ru, en).links == links
    store.correct_links(ru, en, [Link((), (2,), 1.0), Link((2,), (), 1.0)])
    assert store.as_alignment(ru, en).links == links


def test_counterparts_by_sentence_id(store: Store, pair: tuple[int, int]):
    ru, en = pair
    store.save_alignment(ru, en, Alignment((Link((0,), (0, 1), 0.75), Link((1,), (2,), 0.5)),
                                           "ru", "en"))
    ru_sentences, en_sentences = store.sentences(ru), store.sentences(en)
    found = store.counterparts(ru_sentences[0].id)
    assert [c.sentence for c in found] == en_sentences[:2]
    assert {(c.lang, c.confidence, c.origin) for c in found} == {("en", 0.75, "auto")}
    # And back, from the other side.
    assert [c.sentence for c in store.counterparts(en_sentences[2].id)] == [ru_sentences[1]]
    assert store.counterparts(ru_sentences[5].id) == []


def test_counterparts_come_only_from_current_versions(store: Store, pair: tuple[int, int]):
    from alinea.corpus.lookup import CounterpartLookup, counterparts_of

    ru, en = pair
    store.save_alignment(ru, en, Alignment((Link((0,), (0,), 0.9),), "ru", "en"))
    old_en = store.document(en)
    edited = replace(store.get_document(en), title="Edited")
    en2 = store.ingest(edited, "en-edited.txt", b"edited").document_id
    store.save_alignment(ru, en2, Alignment((Link((0,), (0,), 0.8),), "ru", "en"))
    first_ru = store.sentences(ru)[0].id
    assert not store.document(old_en.id).is_current
    assert [c.sentence.document_id for c in store.counterparts(first_ru)] == [en2]
    assert [c.sentence.document_id for c in counterparts_of(store, [first_ru])[first_ru]] == [en2]
    _, _, found = CounterpartLookup(store)(first_ru)
    assert [c.sentence.document_id for c in found] == [en2]


def test_corrections_by_hand_are_kept_on_realignment(store: Store, pair: tuple[int, int]):
    ru, en = pair
    align_diagonally(store, ru, en, confidence=0.6)
    store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="linguist")
    links = store.alignment(ru, en).links
    # English sentence 2 lost its partner to the correction: it stays, as a 0-1 link.
    assert [sl.link for sl in links[:4]] == [Link((0,), (0,), 0.6), Link((1, 2), (1,), 1.0),
                                             Link((), (2,), 0.6), Link((3,), (3,), 0.6)]
    assert (links[1].origin, links[1].corrected_by) == ("manual", "linguist")
    assert links[2].origin == "auto"
    # The aligner runs again: its links win except where a person decided, and keep
    # the sentences the correction left over.
    redone = align_diagonally(store, ru, en, confidence=0.9, signature="test:v2")
    links = store.alignment(ru, en).links
    assert links[1] == (type(links[1]))(Link((1, 2), (1,), 1.0), "manual", "linguist")
    assert [sl.link for sl in links if sl.origin == "auto"] == (
        [Link((0,), (0,), 0.9), Link((), (2,), 0.9)]
        + [link for link in redone.links if link.src[0] > 2])
    assert store.alignment(ru, en).signature == "test:v2"
    assert store.stats().corrected_links == 1


@pytest.mark.parametrize("corrections", [
    [Link((0,), (0, 1, 2))],
    [Link((2, 3, 4), (3,)), Link((), (4,))],
    [Link((1,), ()), Link((5,), (4, 5))],
])
def test_corrections_never_drop_a_sentence_from_the_alignment(store: Store,
                                                             pair: tuple[int, int],
                                                             corrections: list[Link]):
    ru, en = pair
    align_diagonally(store, ru, en)
    for link in corrections:
        store.correct_links(ru, en, [link])
    links = [sl.link for sl in store.alignment(ru, en).links]
    n = min(store.document(ru).n_sentences, store.document(en).n_sentences)
    assert sorted(i for link in links for i in link.src) == list(range(n))
    assert sorted(j for link in links for j in link.tgt) == list(range(n))
    assert all(c in links for c in [Link(c.src, c.tgt, 1.0) for c in corrections])


def test_pending_pairs_are_unaligned_or_made_with_another_signature(store: Store):
    for n in range(3):
        for tr in synthetic_work(n, ("ru", "en")):
            add(store, tr)
    pending = store.pending_pairs()
    assert len(pending) == 3 and all(p.src_lang == "ru" for p in pending)
    align_diagonally(store, pending[0].src_id, pending[0].tgt_id, signature="old")
    assert len(store.pending_pairs()) == 2
    assert len(store.pending_pairs(signature="old")) == 2
    assert len(store.pending_pairs(signature="new")) == 3


@pytest.mark.parametrize("signature", [None, "old", "new"])
def test_pending_pairs_of_a_group_are_its_share_of_the_store_s(store: Store, signature):
    for n in range(3):
        for tr in synthetic_work(n, ("ru", "en", "de")):
            add(store, tr)
    first = store.pending_pairs()[0]
    align_diagonally(store, first.src_id, first.tgt_id, signature="old")
    everywhere = store.pending_pairs(signature=signature)
    for group_id in {store.document(p.src_id).edition_group_id for p in store.edition_pairs()}:
        assert store.pending_pairs(signature=signature, group_id=group_id) == [
            p for p in everywhere if store.document(p.src_id).edition_group_id == group_id]


@pytest.mark.parametrize("link, message", [
    (Link((0, 2), (0,)), "source sentences must be contiguous"),
    (Link((0,), (999,)), "target sentences must be contiguous indices below"),
    (Link((), ()), "at least one sentence"),
    (Link((0,), (0,), 1.5), "confidence 1.5 is not in"),
    ((Link((0,), (0,)), Link((3,), (0, 1))), "target sentence 0 is already in another link"),
])
def test_impossible_links_are_refused(store: Store, pair: tuple[int, int],
                                      link: Link | tuple[Link, ...], message: str):
    links = link if isinstance(link, tuple) else (link,)
    with pytest.raises(StoreError, match=message):
        store.save_alignment(*pair, Alignment(links, "ru", "en"))
    with pytest.raises(StoreError, match=message):
        store.correct_links(*pair, links)


# ------------------------------------------------------------------ search and listing


@pytest.fixture
def searchable(store: Store) -> Store:
    add(store, full_transcript())
    add(store, minimal_transcript(id="fr", turns=(
        Turn("s", (Paragraph("Le ministre a parlé de la Syrie. Le président aussi."),
                   Paragraph("Мои коллеги тоже.", lang="ru"))),)))
    return store


@pytest.mark.parametrize("query, expected", [
    ("contacts", ["Contacts have intensified recently."]),
    ("CONTACTS recently", ["Contacts have intensified recently."]),
    ("intensif*", ["Contacts have intensified recently."]),
    ('"have intensified"', ["Contacts have intensified recently."]),
    ('"intensified have"', []),
    ("диалогу", ["Мы готовы к диалогу."]),
    ("диал*", ["Мы готовы к диалогу."]),
    ("мы", ["Мы готовы к диалогу."]),  # case folding beyond ASCII
    ("готовый", []),
    ("parlé", ["Le ministre a parlé de la Syrie."]),
    ("parle", []),  # diacritics count, on both backends
    ("мои", ["Мои коллеги тоже."]),
    ("мой", []),  # й is not и
    ("ministre", ["Le ministre a parlé de la Syrie."]),
    ("the", ["The date has not been discussed yet"]),
    ("nowhere", []),
])
def test_concordance_search_words_prefixes_phrases(searchable: Store, query: str,
                                                   expected: list[str]):
    assert [h.sentence.text for h in searchable.search(query)] == expected


def test_search_filters_by_language_and_pages(searchable: Store):
    assert searchable.search("le", lang="en") == []
    hits = searchable.search("le", lang="fr")
    assert [h.sentence.text for h in hits] == ["Le ministre a parlé de la Syrie.",
                                               "Le président aussi."]
    assert hits[0].title == "Bare" and hits[0].lang == "fr"
    page = searchable.search("le", limit=1, after=hits[0].sentence.id)
    assert [h.sentence for h in page] == [hits[1].sentence]


@pytest.mark.parametrize("query", ["", "  ", '""', "*"])
def test_empty_search_query_is_refused(store: Store, query: str):
    with pytest.raises(StoreError, match="empty search query"):
        store.search(query)


@pytest.mark.parametrize("query, terms", [
    ("a b", [(["a"], False), (["b"], False)]),
    ('"a b" c*', [(["a", "b"], False), (["c"], True)]),
    ("Don't", [(["don", "t"], False)]),
])
def test_parse_query(query: str, terms):
    assert parse_query(query) == terms


def test_document_listing_filters_and_cursor(store: Store):
    for transcript, raw in synthetic_corpus(20, ("ru", "en")):
        store.ingest(transcript, None, raw)
    english = store.list_documents(lang="en", limit=4)
    assert len(english.documents) == 4 and {d.lang for d in english.documents} == {"en"}
    seen = list(english.documents)
    cursor = english.next_cursor
    while cursor is not None:
        page = store.list_documents(lang="en", limit=4, after=cursor)
        seen += page.documents
        cursor = page.next_cursor
    assert [d.id for d in seen] == sorted(d.id for d in seen) and len(seen) == 10
    dated = store.list_documents(date_from="2015-01-02", date_to="2015-01-02")
    assert {d.date for d in dated.documents} == {"2015-01-02"}
    assert len(store.list_documents(source_id="100003").documents) == 2
    with pytest.raises(StoreError, match="limit must be between 1 and 10000"):
        store.list_documents(limit=0)


def test_iter_documents_yields_every_document_once_by_id(store: Store):
    assert list(store.iter_documents()) == []
    for transcript, raw in synthetic_corpus(10, ("ru", "en")):
        store.ingest(transcript, None, raw)
    add(store, full_transcript())
    add(store, full_transcript(title="Second take"))  # retires the first version
    current = store.list_documents(limit=100).documents
    assert list(store.iter_documents(page_size=3)) == list(current)
    assert [d.id for d in current] == sorted(d.id for d in current) and len(current) == 11
    assert list(store.iter_documents(lang="en", page_size=2)) == \
        [d for d in current if d.lang == "en"]
    every = list(store.iter_documents(all_versions=True, page_size=4))
    assert len(every) == 12 and [d.id for d in every] == sorted(d.id for d in every)
    with pytest.raises(StoreError, match="limit must be between 1 and 10000"):
        next(store.iter_documents(page_size=0))


@pytest.fixture
def with_speakers(store: Store) -> dict[int, str]:
    """Three documents whose speakers' names are not all ASCII; {id: doc_key}."""
    ids = {}
    for key, lang, speakers in [
        ("ru", "ru", (Speaker("LavrovSergey", "Сергей Лавров", "guest"),)),
        ("de", "de", (Speaker("weiss", "ÄRZTIN GRETA WEISS", "guest"),
                      Speaker("strauss", "Johann Strauß", "interviewer"))),
        ("en", "en", (Speaker("LavrovSergey", "Sergey Lavrov", "guest"),)),
    ]:
        turns = tuple(Turn(s.id, (Paragraph(f"{s.name} spricht."),)) for s in speakers)
        ids[add(store, minimal_transcript(id=key, lang=lang, turns=turns,
                                          speakers=speakers))] = key
    return ids


@pytest.mark.parametrize("speaker, keys", [
    ("лавров", {"ru"}),
    ("ЛАВРОВ", {"ru"}),
    ("сергей л", {"ru"}),
    ("ärztin", {"de"}),
    ("Ärztin Greta", {"de"}),
    ("weiß", {"de"}),  # case-folded: ß is ss
    ("STRAUSS", {"de"}),
    ("lavrov", {"en"}),
    ("LavrovSergey", {"ru", "en"}),  # a speaker id, exactly
    ("lavrovsergey", set()),
    ("%", set()),
    ("nobody", set()),
])
def test_speaker_filter_ignores_case_in_every_script(store: Store,
                                                     with_speakers: dict[int, str],
                                                     speaker: str, keys: set[str]):
    from alinea.corpus.concordance import DocumentFilter, list_documents

    page = list_documents(store, DocumentFilter(speaker=speaker))
    assert {with_speakers[d.id] for d in page.documents} == keys


@pytest.mark.postgres
def test_speaker_filter_ignores_case_on_postgresql_under_a_c_ctype(postgresql_server):
    """Under a C ctype PostgreSQL's own lower() folds ASCII only."""
    from alinea.corpus.concordance import DocumentFilter, list_documents

    name = f"alinea_c_ctype_{os.getpid()}"
    postgresql_server.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                              "LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        with Store.open(postgresql_server.url(name), segmenter=simple_segment) as store:
            doc = add(store, minimal_transcript(
                speakers=(Speaker("LavrovSergey", "Сергей Лавров", "guest"),)))
            page = list_documents(store, DocumentFilter(speaker="лавров"))
            assert [d.id for d in page.documents] == [doc]
    finally:
        postgresql_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_stats(store: Store):
    for n in range(3):
        for tr in synthetic_work(n, ("ru", "en", "fr")):
            add(store, tr)
    add(store, minimal_transcript())
    pending = store.pending_pairs()
    align_diagonally(store, pending[0].src_id, pending[0].tgt_id, confidence=0.5)
    align_diagonally(store, pending[1].src_id, pending[1].tgt_id, confidence=1.0)
    stats = store.stats()
    assert stats.documents_by_lang == {"en": 3, "fr": 4, "ru": 3}
    assert (stats.documents, stats.edition_groups, stats.edition_pairs,
            stats.aligned_pairs) == (10, 3, 9, 2)
    assert stats.sentences == sum(len(store.sentences(d.id))
                                  for d in store.list_documents().documents)
    n0 = store.alignment(pending[0].src_id, pending[0].tgt_id).links
    n1 = store.alignment(pending[1].src_id, pending[1].tgt_id).links
    assert stats.links == len(n0) + len(n1)
    assert stats.mean_confidence == pytest.approx(
        (0.5 * len(n0) + 1.0 * len(n1)) / (len(n0) + len(n1)))


# ------------------------------------------------------------------ errors


def test_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="does not exist: create it or choose another --db"):
        Store.open(f"sqlite:///{tmp_path}/nowhere/alinea.db")


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="database error"):
        Store.open(f"sqlite:///{path}")


def test_unreachable_postgresql_is_a_store_error():
    with pytest.raises(StoreError, match="database error"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.parametrize("url, message", [
    ("mysql://x@y/z", "unsupported database 'mysql'"),
    ("not a url", "not a database URL"),
    ("sqlite://", "in-memory SQLite store would vanish"),
])
def test_bad_urls_are_refused(url: str, message: str):
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_concurrent_ingests_of_one_batch_store_each_file_once(store_url: str):
    from concurrent.futures import ThreadPoolExecutor

    corpus = list(synthetic_corpus(15))
    # Two versions of one document, ingested at once: both kept, numbered 1 and 2.
    versions = [(full_transcript(title=f"Take {i}"), f"take {i}".encode()) for i in (1, 2)]
    with Store.open(store_url, segmenter=simple_segment) as shared:
        def run(batch):
            return [shared.ingest(tr, None, raw).status for tr, raw in batch]

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(run, [corpus, corpus[::-1], corpus, versions[:1],
                                          versions[1:]]))
        for i in range(len(corpus)):
            statuses = sorted([results[0][i], results[1][-1 - i], results[2][i]])
            assert statuses == ["new", "unchanged", "unchanged"]
        assert sorted(results[3] + results[4]) == ["new", "new-version"]
        stats = shared.stats()
        assert (stats.documents, stats.versions) == (16, 17)
        docs = shared.list_documents(all_versions=True, limit=100).documents
        assert sorted(d.version for d in docs if d.doc_key == "lavrov-2017-12-25-en") == [1, 2]


def _hash_look_ups(store: Store, send) -> int:
    """How many statements ``send()`` runs on ``store`` that look a document up by its
    content or text hash."""
    from sqlalchemy import event

    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and (
                "content_hash =" in statement or "text_hash =" in statement):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        send()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return len(seen)


def test_ingest_looks_a_file_up_in_one_statement_before_and_one_in_its_transaction(
        store: Store):
    text = full_transcript(source_id=None)
    assert _hash_look_ups(store, lambda: add(store, text)) == 2  # new: before, and inside
    assert _hash_look_ups(store, lambda: add(store, text)) == 1  # the same bytes
    copy = render(text).replace(b"\n", b"\r\n")
    assert _hash_look_ups(store, lambda: add(store, text, copy)) == 1  # the same text


def test_the_bytes_document_wins_over_a_current_copy_of_its_text(store: Store):
    """A file's bytes are an earlier version of one document and its text is now another
    current document's: the file is the version its bytes are."""
    first = full_transcript(source_id=None)
    old = add(store, first)
    changed = replace(first, title=first.title + " (revised)")
    add(store, changed, render(changed))  # a new version: the old one is no longer current
    copy = add(store, replace(first, id="copy"), render(first).replace(b"\n", b"\r\n"))
    assert copy != old and store.document(copy).is_current
    again = store.ingest(first, "again.txt", render(first))
    assert (again.document_id, again.status) == (old, "unchanged")


def test_concurrent_ingests_of_one_text_from_other_files_store_it_once(store_url: str):
    """Copies of one new text (other names, other bytes: a CRLF or re-encoded copy) ingested
    at the same moment: one becomes the document, the others are that document."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    n = 4
    text = full_transcript(source_id=None)
    # The reader takes the id from the file name, and the text hash leaves it out.
    copies = [(replace(text, id=f"copy-{i}"), f"copy {i} of the file".encode())
              for i in range(n)]
    start = threading.Barrier(n)
    with Store.open(store_url, segmenter=simple_segment) as shared:
        def ingest(copy: tuple[Transcript, bytes]):
            start.wait()
            transcript, raw = copy
            return shared.ingest(transcript, f"{transcript.id}.txt", raw)

        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(ingest, copies))
        assert sorted(r.status for r in results) == ["new"] + ["unchanged"] * (n - 1)
        assert len({r.document_id for r in results}) == 1
        assert shared.stats().versions == 1


def test_corrections_made_while_the_pair_is_realigned_are_kept(store_url: str):
    from concurrent.futures import ThreadPoolExecutor

    with Store.open(store_url, segmenter=simple_segment) as shared:
        en = add(shared, full_transcript())
        ru = add(shared, full_transcript(id="lavrov-ru", lang="ru", is_translation=False),
                 b"the ru edition")
        n = min(shared.document(ru).n_sentences, shared.document(en).n_sentences)
        align_diagonally(shared, ru, en)

        def correct(i: int) -> None:
            shared.correct_links(ru, en, [Link((i,), (i,), 1.0)], by=f"person {i}")

        def realign(_: int) -> None:
            for _ in range(5):
                align_diagonally(shared, ru, en, confidence=0.5)

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda job: job[0](job[1]),
                          [(realign, 0), (realign, 1)] + [(correct, i) for i in range(n)]))
        manual = {sl.link.src[0]: sl.corrected_by
                  for sl in shared.alignment(ru, en).links if sl.origin == "manual"}
        assert manual == {i: f"person {i}" for i in range(n)}


def test_public_names_of_the_store_module():
    import alinea.corpus.store as module

    assert sorted(module.__all__) == [
        "CorpusStats", "Correction", "Counterpart", "DEFAULT_URL", "DeletedDocument",
        "DocumentInfo", "DocumentPage",
        "EditionGroup", "EditionPair", "IngestResult", "SearchHit", "Segmenter", "Store",
        "StoredAlignment", "StoredLink", "StoredSentence", "content_hash",
        "counterparts_select", "default_url",
        "normalize_url", "parse_query", "text_hash"]
    assert all(hasattr(module, name) for name in module.__all__)


def test_matching_one_document_groups_it_as_matching_the_corpus_does(store: Store):
    """``match_document`` reads only the new document's block of date and kind, and
    groups it as ``match_editions`` would."""
    from alinea.corpus.readers import read_text

    rule = "_" * 40
    texts = {
        "en": "Foreign Minister Anna Petrova’s interview with the Polar Herald\nTromsø, 2 March "
              f"2019\n{rule}\nThe survey of the Tolvik glacier ends this week. Its data will "
              "be open to every researcher.\n",
        "ru": "Интервью Министра иностранных дел А.В.Петровой газете «Полярный вестник»\n"
              f"Тромсё, 2 марта 2019 года\n{rule}\nОбследование ледника Тольвик завершится "
              "на этой неделе. Его данные будут открыты всем исследователям.\n",
    }
    ids = {}
    for lang, text in texts.items():
        transcript = read_text(text, f"survey.{lang}.txt", lang)
        ids[lang] = store.ingest(transcript, f"survey.{lang}.txt", text.encode()).document_id
    assert store.document(ids["en"]).edition_group_id is None
    group = store.match_document(ids["ru"])
    assert group is not None
    assert store.document(ids["en"]).edition_group_id == group
    assert store.match_document(ids["ru"]) == group  # grouped already: nothing to do
