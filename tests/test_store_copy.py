"""``copy_store`` and ``alinea copy-store``: a whole corpus moved between SQLite and
PostgreSQL (either way, or between two stores of one backend), ids, versions, groups set
by hand, corrections and their history included."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from alinea.align.types import Alignment, Link
from alinea.cli import app
from alinea.corpus import migrate
from alinea.corpus import schema as t
from alinea.corpus import store_copy
from alinea.corpus.concordance import concordance
from alinea.corpus.store import Store
from alinea.corpus.store_copy import copy_store
from alinea.corpus.synthetic import render, simple_segment, synthetic_work
from alinea.errors import StoreError

runner = CliRunner()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def new_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path, name: str) -> str:
    """A new database: a SQLite file not made yet, or a PostgreSQL database without tables."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / (name + '.db')}"
    server = request.getfixturevalue("postgresql_server")
    url = server.create_database()
    # Not UTC, so that a datetime moved without its zone would come out shifted.
    server.execute(f"ALTER DATABASE {url.rsplit('/', 1)[1]} SET timezone TO 'Asia/Tokyo'")
    request.addfinalizer(lambda: server.execute(
        f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)"))
    return url


@pytest.fixture(params=[
    pytest.param(("sqlite", "postgresql"), marks=pytest.mark.postgres, id="sqlite-to-postgresql"),
    pytest.param(("postgresql", "sqlite"), marks=pytest.mark.postgres, id="postgresql-to-sqlite"),
    pytest.param(("postgresql", "postgresql"), marks=pytest.mark.postgres,
                 id="postgresql-to-postgresql"),
    pytest.param(("sqlite", "sqlite"), id="sqlite-to-sqlite"),
])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """A filled source store and a new destination, of the backends the test is named for."""
    src_backend, dst_backend = request.param
    src = new_url(src_backend, request, tmp_path, "source")
    dst = new_url(dst_backend, request, tmp_path, "destination")
    fill(src)
    return src, dst


def fill(url: str) -> None:
    """Three works in ru/en (one fr too), a re-ingested version, an edition linked by hand,
    alignments, corrections by two people, one of them undone."""
    with Store.open(url, segmenter=simple_segment) as store:
        ids = {}
        for n in range(3):
            for tr in synthetic_work(n, ("ru", "en", "fr") if n == 0 else ("ru", "en")):
                ids[n, tr.lang] = store.ingest(tr, f"{tr.id}.txt", render(tr)).document_id
        # A changed file of work 1's English edition: a second version, the first kept.
        old = synthetic_work(1, ("ru", "en"))[1]
        edited = replace(old, title=old.title + " (corrected)")
        ids[1, "en"] = store.ingest(edited, f"{old.id}.txt", render(edited)).document_id
        # A French edition of work 2 without a source id, put in its group by hand.
        [fr] = synthetic_work(2, ("fr",), with_source_id=False)
        ids[2, "fr"] = store.ingest(fr, "loose.fr.txt", render(fr)).document_id
        store.link_editions(ids[2, "fr"], ids[2, "ru"])
        for n in range(3):
            ru, en = ids[n, "ru"], ids[n, "en"]
            k = min(store.document(ru).n_sentences, store.document(en).n_sentences)
            links = tuple(Link((i,), (i,), 0.5 + i / 1000) for i in range(k))
            store.save_alignment(ru, en, Alignment(links, "ru", "en", "test:v1"))
        ru, en = ids[0, "ru"], ids[0, "en"]
        store.correct_links(ru, en, [Link((1, 2), (1,), 1.0)], by="Anna")
        store.correct_links(ru, en, [Link((3,), (3, 4), 0.9)], by="Boris")
        store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Anna")
        store.undo_correction(ru, en, by="Boris")


def in_utc(value: Any) -> Any:
    """A datetime as UTC: SQLite gives them back naive (in UTC), PostgreSQL with a zone."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def table_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the schema, in id order, datetimes in UTC."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {table.name: [{k: in_utc(v) for k, v in row._mapping.items()}
                                 for row in conn.execute(sa.select(table).order_by(
                                     *table.primary_key.columns))]
                    for table in t.metadata.sorted_tables}
    finally:
        engine.dispose()


def answers(url: str) -> dict[str, Any]:
    """What the store answers through its own methods: documents (all versions), their
    text and sentences, groups, pairs, links, history, counterparts, search and stats."""
    with Store.open(url) as store:
        documents = list(store.iter_documents(all_versions=True))
        sentences = {d.id: store.sentences(d.id) for d in documents}
        pairs = store.edition_pairs()
        aligned = [p for p in pairs if p.alignment_id is not None]
        first = sentences[documents[0].id]
        word = re.findall(r"\w+", first[1].text)[0]
        return {
            "documents": documents,
            "transcripts": {d.id: store.get_document(d.id) for d in documents},
            "sentences": sentences,
            "groups": store.edition_groups(),
            "pairs": pairs,
            # Store.alignment gives its datetimes as the backend does (naive on SQLite).
            "alignments": [replace(a, created_at=in_utc(a.created_at),
                                   updated_at=in_utc(a.updated_at))
                           for a in (store.alignment(p.src_id, p.tgt_id) for p in aligned)],
            "corrections": [store.corrections(p.src_id, p.tgt_id) for p in aligned],
            "counterparts": {s.id: store.counterparts(s.id) for s in first},
            "search": store.search(word),
            "prefix search": store.search(word[:3] + "*", lang=documents[0].lang),
            "concordance": concordance(store, word, target="en"),
            "stats": store.stats(),
        }


def test_a_copied_store_answers_as_the_original(urls: tuple[str, str]):
    src, dst = urls
    before = table_rows(src)
    # Small batches, so every table of more than three rows is copied in several.
    result = copy_store(src, dst, batch_size=3)
    assert table_rows(dst) == before
    assert answers(dst) == answers(src)
    assert (result.documents, result.sentences, result.alignments, result.corrections) == (
        len(before["documents"]), len(before["sentences"]), 3, 3)
    assert result.rows == {name: len(rows) for name, rows in before.items()}


def test_the_copy_keeps_versions_groups_by_hand_and_the_undo_history(urls: tuple[str, str]):
    src, dst = urls
    copy_store(src, dst)
    with Store.open(dst) as store:
        stats = store.stats()
        assert (stats.documents, stats.versions) == (8, 9)
        old = [d for d in store.iter_documents(all_versions=True) if not d.is_current]
        assert [(d.lang, d.version) for d in old] == [("en", 1)]
        # Linking by hand pins both editions it linked.
        manual = [d for d in store.iter_documents() if d.group_method == "manual"]
        assert sorted(d.lang for d in manual) == ["fr", "ru"]
        assert len({d.edition_group_id for d in manual}) == 1
        assert manual[0].edition_group_id is not None
        [pair] = [p for p in store.edition_pairs() if p.alignment_id is not None
                  and store.corrections(p.src_id, p.tgt_id)]
        history = store.corrections(pair.src_id, pair.tgt_id)
        assert [(c.made_by, c.undone_by) for c in history] == [
            ("Anna", "Boris"), ("Boris", None), ("Anna", None)]
        # The history still works: the next undo takes back Boris's correction.
        assert store.undo_correction(pair.src_id, pair.tgt_id).made_by == "Boris"


def test_a_new_ingest_into_the_copy_gets_a_fresh_id(urls: tuple[str, str]):
    src, dst = urls
    copy_store(src, dst)
    largest = {name: max((r["id"] for r in rows), default=0)
               for name, rows in table_rows(dst).items() if name != "link_sentences"}
    with Store.open(dst, segmenter=simple_segment) as store:
        [ru, en] = synthetic_work(7, ("ru", "en"))
        new_ru = store.ingest(ru, "new.ru.txt", render(ru)).document_id
        new_en = store.ingest(en, "new.en.txt", render(en)).document_id
        assert (new_ru, new_en) == (largest["documents"] + 1, largest["documents"] + 2)
        assert store.sentences(new_ru)[0].id == largest["sentences"] + 1
        store.save_alignment(new_ru, new_en, Alignment((Link((0,), (0,), 0.7),), "ru", "en",
                                                       "test:v1"))
        store.correct_links(new_ru, new_en, [Link((0,), (0,), 1.0)], by="Anna")
        assert store.alignment(new_ru, new_en).id == largest["alignments"] + 1
        assert store.corrections(new_ru, new_en)[0].id == largest["corrections"] + 1
        # The new sentences are in the destination's search index.
        word = re.findall(r"\w+", store.sentences(new_ru)[0].text)[0]
        assert store.sentences(new_ru)[0] in [h.sentence for h in store.search(word)]


def test_a_destination_that_holds_documents_is_refused_and_left_as_it_was(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path):
    src = new_url("sqlite", request, tmp_path, "source")
    fill(src)
    dst = new_url(backend, request, tmp_path, "destination")
    with Store.open(dst, segmenter=simple_segment) as store:
        tr = synthetic_work(9, ("ru",))[0]
        store.ingest(tr, "mine.txt", render(tr))
    before = table_rows(dst)
    with pytest.raises(StoreError, match=r"holds 1 document already: copy into a new or "
                                         r"empty store"):
        copy_store(src, dst)
    assert table_rows(dst) == before


def test_a_copy_that_fails_midway_leaves_the_destination_empty(
        backend: str, request: pytest.FixtureRequest, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch):
    src = new_url("sqlite", request, tmp_path, "source")
    fill(src)
    dst = new_url(backend, request, tmp_path, "destination")
    batches = store_copy._batches

    def failing(source, conn, table, batch_size):
        if table.name == "links":
            raise StoreError("the source went away")
        yield from batches(source, conn, table, batch_size)

    monkeypatch.setattr(store_copy, "_batches", failing)
    with pytest.raises(StoreError, match="the source went away"):
        copy_store(src, dst)
    assert all(rows == [] for rows in table_rows(dst).values())
    monkeypatch.setattr(store_copy, "_batches", batches)
    copy_store(src, dst)
    assert table_rows(dst) == table_rows(src)


def test_a_source_at_another_schema_revision_is_refused(tmp_path: Path):
    src = f"sqlite:///{tmp_path / 'old.db'}"
    Store.open(src).close()
    engine = sa.create_engine(src)
    migrate.downgrade(engine, "0006")
    engine.dispose()
    dst = tmp_path / "new.db"
    with pytest.raises(StoreError, match=r"has schema revision '0006', this alinea's is "
                                         rf"'{migrate.head_revision()}'"):
        copy_store(src, f"sqlite:///{dst}")
    assert not dst.exists()


def test_a_missing_source_or_the_source_itself_as_destination_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match="not a database URL: 'nonsense'"):
        copy_store("nonsense", f"sqlite:///{tmp_path / 'new.db'}")
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no store to copy at .*missing.db"):
        copy_store(f"sqlite:///{missing}", f"sqlite:///{tmp_path / 'new.db'}")
    assert not missing.exists()
    src = f"sqlite:///{tmp_path / 'corpus.db'}"
    fill(src)
    with pytest.raises(StoreError, match="onto itself"):
        copy_store(src, src)


# ------------------------------------------------------------------ the command


def test_copy_store_command_says_what_it_copied(tmp_path: Path):
    src = f"sqlite:///{tmp_path / 'corpus.db'}"
    fill(src)
    dst = f"sqlite:///{tmp_path / 'copy.db'}"
    result = runner.invoke(app, ["copy-store", src, dst])
    assert result.exit_code == 0, result.output
    rows = table_rows(dst)
    assert result.output == (
        f"copied 9 documents, {len(rows['sentences'])} sentences, 3 alignments "
        f"({len(rows['links'])} links), 3 corrections from {src} to {dst}\n")


def test_copy_store_command_into_a_full_store_is_one_line_and_exit_2(tmp_path: Path):
    src = f"sqlite:///{tmp_path / 'corpus.db'}"
    fill(src)
    exe = Path(sys.executable).parent / "alinea"
    out = subprocess.run([str(exe), "copy-store", src, src.replace("corpus", "other")],
                         capture_output=True, text=True)
    assert (out.returncode, out.stderr) == (0, "")
    out = subprocess.run([str(exe), "copy-store", src, src.replace("corpus", "other")],
                         capture_output=True, text=True)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (f"error: the store at sqlite:///{tmp_path / 'other.db'} holds "
                          "9 documents already: copy into a new or empty store\n")
