"""Killing an ingest mid-transaction (kill -9) leaves a consistent store, on both backends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
import sqlalchemy as sa

from alinea.corpus.store import Store
from alinea.corpus.synthetic import simple_segment, synthetic_corpus

N_DOCUMENTS = 60
STALL_AT = 25  # the ingest of this document (1-based) stalls inside its transaction

INGESTER = textwrap.dedent("""
    import sys, time
    import sqlalchemy as sa
    from alinea.corpus.store import Store
    from alinea.corpus.synthetic import simple_segment, synthetic_corpus

    url, n, stall_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = Store.open(url, segmenter=simple_segment)
    count = 0

    @sa.event.listens_for(store.engine, "after_cursor_execute")
    def stall(conn, cursor, statement, parameters, context, executemany):
        # Halfway through the document: paragraphs are in, sentences are being written.
        if count + 1 == stall_at and statement.startswith("INSERT INTO sentences"):
            print("stalled", flush=True)
            time.sleep(600)

    for transcript, raw in synthetic_corpus(n):
        result = store.ingest(transcript, None, raw)
        count += 1
        print("stored", result.document_id, flush=True)
""")


def test_kill_9_during_ingest_leaves_a_consistent_store(store_url: str):
    process = subprocess.Popen([sys.executable, "-c", INGESTER, store_url, str(N_DOCUMENTS),
                                str(STALL_AT)], stdout=subprocess.PIPE, text=True)
    stored = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("stalled"):
                break
            stored.append(int(line.split()[1]))
        else:
            pytest.fail(f"the ingester ended before stalling (exit code {process.wait()})")
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert len(stored) == STALL_AT - 1

    with Store.open(store_url, segmenter=simple_segment) as store:
        listed = store.list_documents(limit=1000).documents
        assert [d.id for d in listed] == stored
        expected = dict(synthetic_corpus(STALL_AT - 1))
        for info in listed:
            transcript = store.get_document(info.id)
            assert transcript in expected
            assert len(store.sentences(info.id)) == info.n_sentences > 0
        with store.engine.connect() as conn:
            orphans = conn.execute(sa.text(
                "SELECT count(*) FROM sentences WHERE document_id NOT IN "
                "(SELECT id FROM documents)")).scalar_one()
            assert orphans == 0
            if store.dialect == "sqlite":
                assert conn.execute(sa.text("PRAGMA integrity_check")).scalar_one() == "ok"
                # Raises if the full-text index disagrees with the sentences table.
                conn.execute(sa.text(
                    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)"))
        # Running the batch again finishes it: what was stored is recognised, not doubled.
        statuses = [store.ingest(tr, None, raw).status
                    for tr, raw in synthetic_corpus(N_DOCUMENTS)]
        assert statuses == ["unchanged"] * (STALL_AT - 1) + ["new"] * (N_DOCUMENTS - STALL_AT + 1)
        assert store.stats().documents == N_DOCUMENTS
