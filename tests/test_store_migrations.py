"""Alembic migrations: they build exactly the schema the code declares, on both backends."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from alinea.align.types import Alignment, Link
from alinea.corpus import migrate
from alinea.corpus.concordance import DocumentFilter, list_documents
from alinea.corpus.schema import include_object, metadata
from alinea.corpus.store import Store, StoredLink
from alinea.corpus.synthetic import render, simple_segment, synthetic_work
from alinea.errors import StoreError


def test_opening_a_store_migrates_it_to_head(store_url: str):
    Store.open(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_declared_tables(store_url: str):
    Store.open(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": include_object})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_full_text_search_objects_exist(store_url: str):
    Store.open(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        inspector = sa.inspect(engine)
        if engine.dialect.name == "sqlite":
            assert "sentences_fts" in inspector.get_table_names()
        else:
            assert "tsv" in {c["name"] for c in inspector.get_columns("sentences")}
            assert "ix_sentences_tsv" in {i["name"] for i in inspector.get_indexes("sentences")}
    finally:
        engine.dispose()


def test_downgrade_to_base_and_upgrade_again(store_url: str):
    with Store.open(store_url, segmenter=simple_segment) as store:
        tr = synthetic_work(0)[0]
        store.ingest(tr, None, b"x")
    engine = sa.create_engine(store_url)
    try:
        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        leftovers = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
        assert leftovers == set()
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        result = store.ingest(tr, None, b"x")
        assert result.status == "new"
        hits = store.search(tr.paragraphs[0].text.split()[0])
        assert hits and {h.sentence.document_id for h in hits} == {result.document_id}


def test_concurrent_first_opens_create_the_schema_once(store_url: str, tmp_path,
                                                       request: pytest.FixtureRequest):
    """Several processes opening a new database at once (parallel ``alinea ingest``)."""
    if store_url.startswith("postgresql"):
        # store_url's databases come migrated from a template; start from an empty one.
        store_url = request.getfixturevalue("postgresql_server").create_database()
    code = ("import sys; from alinea.corpus.store import Store; "
            "Store.open(sys.argv[1]).close(); print('ok')")
    logs = [tmp_path / f"process-{i}.stderr" for i in range(4)]
    processes = []
    for log in logs:
        with log.open("w") as stderr:
            processes.append(subprocess.Popen([sys.executable, "-c", code, store_url],
                                              stdout=subprocess.PIPE, stderr=stderr, text=True))
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    said = [(p.returncode, out) for p, out in zip(processes, outputs)]
    failures = "\n".join(f"process {i} exited {p.returncode}, its stderr:\n{log.read_text()}"
                         for i, (p, log) in enumerate(zip(processes, logs)) if p.returncode)
    assert said == [(0, "ok\n")] * 4, failures
    engine = sa.create_engine(store_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_sqlite_migrations_run_in_one_transaction(tmp_path):
    # Alembic left to itself commits after each migration on SQLite; a second process
    # waiting for the write lock then got in between and ran the next migration again.
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    commits = []
    sa.event.listen(engine, "commit", lambda conn: commits.append(conn))
    try:
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
    assert len(commits) == 1


def test_a_new_sqlite_store_is_one_wal_file_with_no_scratch_file_left(tmp_path):
    # A new file is made under another name and linked into place (so a second process
    # never meets it empty); the scratch name must not stay behind.
    Store.open(f"sqlite:///{tmp_path / 'new.db'}").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]
    header = (tmp_path / "new.db").read_bytes()[:20]
    assert header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"


def test_opening_an_empty_file_that_another_connection_is_switching_to_wal_succeeds(
        tmp_path):
    # The first of several processes opening an empty file in place switched it to WAL in
    # a write transaction of the rollback journal; a second one's PRAGMA journal_mode=WAL
    # failed at once with "database is locked" (it does not wait out the busy timeout).
    # Here another connection is frozen in that transaction while a process opens the file.
    import sqlite3

    database = tmp_path / "alinea.db"
    database.touch()
    database.chmod(0o640)
    first = sqlite3.connect(database, isolation_level=None)
    try:
        first.execute("BEGIN IMMEDIATE")
        code = "import sys; from alinea.corpus.store import Store; Store.open(sys.argv[1]).close()"
        opened = subprocess.run([sys.executable, "-c", code, f"sqlite:///{database}"],
                                capture_output=True, text=True, timeout=120)
    finally:
        first.close()
    assert opened.returncode == 0, opened.stderr
    header = database.read_bytes()[:20]
    assert header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
    assert database.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alinea.db"]
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


def test_concurrent_first_opens_of_an_empty_file_make_one_store_that_keeps_every_write(
        tmp_path):
    # A file made empty beforehand (touch, a tool that creates the file first) is replaced
    # by a whole WAL database; processes doing that at once must neither fail nor replace
    # a database another one has already written to. Each process stores a work of its own.
    database = tmp_path / "alinea.db"
    database.touch()
    code = ("import sys; from alinea.corpus.store import Store; "
            "from alinea.corpus.synthetic import render, simple_segment, synthetic_work; "
            "[tr] = synthetic_work(int(sys.argv[2]), ('ru',)); sys.stdin.readline(); "
            "store = Store.open(sys.argv[1], segmenter=simple_segment); "
            "store.ingest(tr, None, render(tr)); store.close(); print('ok')")
    logs = [tmp_path / f"process-{i}.stderr" for i in range(4)]
    processes = []
    for i, log in enumerate(logs):
        with log.open("w") as stderr:
            processes.append(subprocess.Popen(
                [sys.executable, "-c", code, f"sqlite:///{database}", str(i)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True))
    # Each process has imported alinea and waits for its line, so the opens start together.
    outputs = [p.communicate("go\n", timeout=120)[0] for p in processes]
    failures = "\n".join(f"process {i} exited {p.returncode}, its stderr:\n{log.read_text()}"
                         for i, (p, log) in enumerate(zip(processes, logs)) if p.returncode)
    assert outputs == ["ok\n"] * 4, failures
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["alinea.db"]
    with Store.open(f"sqlite:///{database}") as store:
        assert store.stats().documents == 4


def _store_one_document(url: str, done: threading.Event) -> None:
    [tr] = synthetic_work(0, ("ru",))
    with Store.open(url, segmenter=simple_segment) as store:
        store.ingest(tr, None, render(tr))
    done.set()


def _open_while_another_stores(database, name: str, go: threading.Event,
                               stored: threading.Event) -> None:
    """``_create_sqlite_file(database)`` in a thread called ``name`` and, once ``go`` is
    set, one document stored by a store of its own in another; then the document must be
    stored, and the database hold that one document."""
    from alinea.corpus import store_base

    def second() -> None:
        go.wait(timeout=60)
        _store_one_document(f"sqlite:///{database}", stored)

    threads = [threading.Thread(target=store_base._create_sqlite_file, args=(str(database),),
                                name=name),
               threading.Thread(target=second, name="second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert stored.is_set()
    with Store.open(f"sqlite:///{database}") as store:
        assert store.stats().documents == 1


def test_an_empty_file_is_not_replaced_while_another_opener_makes_its_database(
        tmp_path, monkeypatch: pytest.MonkeyPatch):
    # "first" found the file empty and is making its database when "second" opens the file
    # and stores a document. "first" must not then put its empty database in place of the
    # one holding that document: "second" waits for it instead.
    from alinea.corpus import store_base

    database = tmp_path / "alinea.db"
    database.touch()
    making, stored = threading.Event(), threading.Event()
    scratch_file = store_base._wal_scratch_file

    def slow_scratch_file(name: str):
        if threading.current_thread().name == "first":
            making.set()
            stored.wait(timeout=1)  # "second" stores its document, unless kept waiting
        return scratch_file(name)

    monkeypatch.setattr(store_base, "_wal_scratch_file", slow_scratch_file)
    _open_while_another_stores(database, "first", making, stored)


def test_an_empty_file_replaced_and_written_meanwhile_is_not_replaced_again(
        tmp_path, monkeypatch: pytest.MonkeyPatch):
    # "late" found the file empty but is held up (as by the scheduler) before its turn
    # while "second" replaces the file and stores a document; "late" must then leave
    # that database alone.
    import fcntl

    database = tmp_path / "alinea.db"
    database.touch()
    found_it, stored = threading.Event(), threading.Event()
    flock = fcntl.flock

    def held_up_flock(descriptor: int, operation: int) -> None:
        if threading.current_thread().name == "late":
            found_it.set()
            stored.wait(timeout=60)
        flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", held_up_flock)
    _open_while_another_stores(database, "late", found_it, stored)


def test_data_stored_under_the_first_schema_is_searchable_after_upgrading(store_url: str):
    # Today's code cannot write the first schema (it lacks speakers.name_folded), so the
    # document is stored at head and the database taken back to 0001 with its data.
    tr = synthetic_work(0)[0]
    with Store.open(store_url, segmenter=simple_segment) as store:
        doc_id = store.ingest(tr, None, b"x").document_id
    engine = sa.create_engine(store_url)
    try:
        migrate.downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        word = tr.paragraphs[0].text.split()[0]
        hits = store.search(word)
        assert hits and {h.sentence.document_id for h in hits} == {doc_id}
        # 0003 case-folded the names already stored.
        name = tr.speakers[0].name.upper()
        assert name == "СЕРГЕЙ ЛАВРОВ"
        found = list_documents(store, DocumentFilter(speaker=name)).documents
        assert [d.id for d in found] == [doc_id]


def test_corrections_made_before_the_history_existed_stay_and_new_ones_are_recorded(
        store_url: str):
    # A database at 0003 holds corrections (manual links) but no history of them.
    with Store.open(store_url, segmenter=simple_segment) as store:
        ru, en = (store.ingest(tr, None, render(tr)).document_id
                  for tr in synthetic_work(0, ("ru", "en")))
        store.save_alignment(ru, en, Alignment((Link((0,), (0,), 0.5), Link((1,), (1,), 0.5)),
                                               "ru", "en"))
        store.correct_links(ru, en, [Link((0, 1), (0, 1), 1.0)], by="Anna")
    engine = sa.create_engine(store_url)
    try:
        migrate.downgrade(engine, "0003")
        assert "corrections" not in sa.inspect(engine).get_table_names()
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        assert store.corrections(ru, en) == []
        old = StoredLink(Link((0, 1), (0, 1), 1.0), "manual", "Anna")
        assert store.alignment(ru, en).links == (old,)
        store.correct_links(ru, en, [Link((0,), (0, 1), 1.0)], by="Boris")
        [correction] = store.corrections(ru, en)
        assert correction.replaced == (old,)
        store.undo_correction(ru, en)
        assert store.alignment(ru, en).links == (old,)
        # Anna's correction has no record: there is nothing more to undo, and it stays.
        with pytest.raises(StoreError, match="nothing to undo"):
            store.undo_correction(ru, en)
        assert store.alignment(ru, en).links == (old,)


def test_links_keep_no_time_of_their_own_and_lose_nothing_when_it_goes(store_url: str):
    # Until 0005 every write stamped each manual link with the time of that write;
    # the history of corrections is where the time of a correction is kept.
    with Store.open(store_url, segmenter=simple_segment) as store:
        ru, en = (store.ingest(tr, None, render(tr)).document_id
                  for tr in synthetic_work(0, ("ru", "en")))
        store.save_alignment(ru, en, Alignment((Link((0,), (0,), 0.5), Link((1,), (1,), 0.5)),
                                               "ru", "en"))
        store.correct_links(ru, en, [Link((0,), (0,), 1.0)], by="Anna")
        links = store.alignment(ru, en).links
        first = store.sentences(ru)[0]
        counterparts = store.counterparts(first.id)
        assert counterparts
    engine = sa.create_engine(store_url)
    try:
        assert "corrected_at" not in {c["name"] for c in sa.inspect(engine).get_columns("links")}
        migrate.downgrade(engine, "0004")
        assert "corrected_at" in {c["name"] for c in sa.inspect(engine).get_columns("links")}
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        engine = store.engine
        assert "corrected_at" not in {c["name"] for c in sa.inspect(engine).get_columns("links")}
        # Dropping the column kept the links and which sentences each holds.
        assert store.alignment(ru, en).links == links
        assert store.counterparts(first.id) == counterparts
        assert [c.made_by for c in store.corrections(ru, en)] == ["Anna"]


def test_a_database_from_a_newer_alinea_is_refused(store_url: str):
    Store.open(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="has schema revision '9999', which this alinea does "
                                         "not know: upgrade alinea"):
        Store.open(store_url)


def test_documents_stored_before_text_hashes_get_theirs_and_copies_are_found(
        store_url: str, examples_dir):
    # Until 0006 a document was known by its file's bytes only; the upgrade computes each
    # stored document's text hash from its rows, the very hash ingest gives a new file.
    from alinea.corpus.readers import read_bytes

    paths = [examples_dir / f"interview-river-treaty.{lang}.txt" for lang in ("ru", "en")]
    with Store.open(store_url, segmenter=simple_segment) as store:
        ids = [store.ingest(read_bytes(p.read_bytes(), p, None), p, p.read_bytes()).document_id
               for p in paths]
        hashes = _text_hashes(store.engine)
    assert sorted(hashes) == sorted(ids) and None not in hashes.values()
    engine = sa.create_engine(store_url)
    try:
        migrate.downgrade(engine, "0005")
        assert "text_hash" not in {c["name"] for c in sa.inspect(engine).get_columns("documents")}
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        assert _text_hashes(store.engine) == hashes
        crlf = paths[0].read_bytes().replace(b"\n", b"\r\n")
        copy = paths[0].with_name("copy.txt")
        again = store.ingest(read_bytes(crlf, copy, None), copy, crlf)
        assert (again.status, again.document_id) == ("unchanged", ids[0])
        assert store.stats().documents == 2


def _text_hashes(engine: sa.Engine) -> dict[int, str | None]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT id, text_hash FROM documents")).all())


def test_text_hashes_stored_before_0007_are_made_again_and_html_copies_are_found(
        store_url: str, examples_dir):
    # Until 0007 the hash covered boilerplate and exact spacing; the upgrade makes each
    # stored document's hash again, so the HTML page of a stored text file is found.
    from alinea.corpus.readers import read_bytes
    from alinea.corpus.store import text_hash
    from saved_pages import html_page_of

    path = examples_dir / "interview-river-treaty.fr.txt"
    with Store.open(store_url, segmenter=simple_segment) as store:
        stored = store.ingest(read_bytes(path.read_bytes(), path, None), path,
                              path.read_bytes()).document_id
        expected = text_hash(store.get_document(stored))
    engine = sa.create_engine(store_url)
    try:
        migrate.downgrade(engine, "0006")
        with engine.begin() as conn:  # as an alinea at 0006 stored it
            conn.execute(sa.text("UPDATE documents SET text_hash = :old"), {"old": "0" * 64})
    finally:
        engine.dispose()
    with Store.open(store_url, segmenter=simple_segment) as store:
        assert _text_hashes(store.engine) == {stored: expected}
        page = html_page_of(path.read_bytes())
        copy = path.with_name("saved page.html")
        again = store.ingest(read_bytes(page, copy, None), copy, page)
        assert (again.status, again.document_id) == ("unchanged", stored)
