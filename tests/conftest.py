"""Fixtures shared by the whole suite.

``shared_dir`` is the one way tests reach ``../shared`` (seeds, gold sets, TEI schemas);
``ALINEA_SHARED`` overrides its location. Outside CI a missing ``shared/`` skips the tests
that need it; in CI (``CI=true``) it is an error, because CI always has it.

The aligned sample corpus (``corpus_url``) is shared by the API and export tests, read-only,
through ``corpus_store``, ``corpus_client`` and ``corpus_ids``; ``writable`` is an API
client over a small store of its own, for tests that write.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared data folder (``../shared`` or ``$ALINEA_SHARED``)."""
    path = Path(os.environ.get("ALINEA_SHARED", REPO.parent / "shared")).resolve()
    if not (path / "data").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data folder not found at {path} (set ALINEA_SHARED)")
        pytest.skip(f"shared data folder not found at {path}")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The real mid.ru transcripts in ``shared/seeds``."""
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """alinea's own sample corpus in ``examples/``."""
    return EXAMPLES


# The throwaway PostgreSQL server and the ``store_url`` fixture (SQLite and PostgreSQL).
from pg_server import postgresql_server, postgresql_template, store_url  # noqa: E402,F401


# TEI validation, shared by every test that produces TEI. Compiling tei_all.rng takes lxml
# about 10 s, so both schemas are compiled once per session.
@pytest.fixture(scope="session")
def tei_schemas(shared_dir: Path):
    """[alinea's own TEI schema, TEI P5 tei_all] as compiled ``alinea.tei.validate.Schema``s."""
    from alinea.tei.validate import alinea_schema, load_schema

    return [alinea_schema(), load_schema(shared_dir / "data" / "tei" / "tei_all" / "tei_all.rng",
                                         "tei_all")]


@pytest.fixture(scope="session")
def assert_tei_valid(tei_schemas):
    """``assert_tei_valid(tree_or_path, files=None)`` fails the test with every finding.

    Checks both schemas, unique ids and resolving pointers. For a teiCorpus or alignment
    built in memory, pass ``files`` (``{filename: tree}``, as ``build_corpus`` returns) so
    includes and ``file.xml#id`` pointers can be followed.
    """
    from alinea.tei.validate import validate_file, validate_tree

    def check(tree, files=None) -> None:
        if isinstance(tree, (str, Path)):
            findings = validate_file(tree, tei_schemas)
        else:
            load = files.__getitem__ if files is not None else None
            findings = validate_tree(tree, tei_schemas, "<built TEI>", load)
        assert not findings, "invalid TEI:\n" + "\n".join(findings[:20])

    return check


# A populated corpus for the API and export tests: examples/*.txt ingested, editions
# matched, every pair aligned by the real aligner. Built once per session and backend; tests
# must not write to it (write tests make their own small store).
def fill_corpus(url: str, files: list[Path]) -> None:
    """Ingest ``files`` into the store at ``url``, match editions, align every pair."""
    from alinea.align.aligner import align
    from alinea.corpus.readers import read_transcript
    from alinea.corpus.store import Store

    with Store.open(url) as store:
        for path in files:
            store.ingest(read_transcript(path), str(path), path.read_bytes())
        store.match_editions()
        for pair in store.pending_pairs():
            src = [s.text for s in store.sentences(pair.src_id)]
            tgt = [s.text for s in store.sentences(pair.tgt_id)]
            store.save_alignment(pair.src_id, pair.tgt_id,
                                 align(src, tgt, pair.src_lang, pair.tgt_lang))


@pytest.fixture(scope="session",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def corpus_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               examples_dir: Path) -> str:
    """URL of a store holding the aligned sample corpus (read-only for tests)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    else:
        url = request.getfixturevalue("postgresql_server").create_database()
    fill_corpus(url, sorted(examples_dir.glob("*.txt")))
    return url


# The read-only sample corpus as the API and export tests use it, one of each per test
# module and backend.
@pytest.fixture(scope="module")
def corpus_store(corpus_url: str):
    """The ``Store`` holding the aligned sample corpus (read-only)."""
    from alinea.corpus.store import Store

    with Store.open(corpus_url) as store:
        yield store


@pytest.fixture(scope="module")
def corpus_client(corpus_url: str):
    """A ``TestClient`` of the API over the aligned sample corpus, without a write token."""
    from fastapi.testclient import TestClient

    from alinea.api import create_app

    with TestClient(create_app(corpus_url)) as client:
        yield client


@pytest.fixture(scope="module")
def corpus_ids(corpus_url: str) -> dict[str, int]:
    """{document key: id} of the sample corpus's current documents."""
    from alinea.corpus.store import Store

    with Store.open(corpus_url) as store:
        return {d.doc_key: d.id for d in store.list_documents(limit=100).documents}


@pytest.fixture
def writable(tmp_path: Path, examples_dir: Path):
    """A ``TestClient`` over a store of its own with the consular answer in en (id 1) and
    ru (id 2), aligned; write token ``s3cret``; the store's URL is ``client.store_url``."""
    from fastapi.testclient import TestClient

    from alinea.api import create_app

    url = f"sqlite:///{tmp_path / 'w.db'}"
    fill_corpus(url, [examples_dir / "answer-consular-students.en.txt",
                      examples_dir / "answer-consular-students.ru.txt"])
    with TestClient(create_app(url, token="s3cret")) as client:
        client.store_url = url
        yield client
