"""Store benchmark: ingest speed, database size and look-up latency, SQLite vs PostgreSQL.

For each size N (default 1,000 and 10,000) and each backend, a fresh store ingests N
synthetic transcripts (``alinea.corpus.synthetic``: editions in ru, en, fr of N/3 works,
about 25 sentences each), one transaction per document as ``alinea ingest`` does; then every
edition pair gets a 1-1 alignment; then we time, for random sentence ids, the look-up of
aligned counterparts (``Store.counterparts``) and a concordance prefix search
(``Store.search``, 50 hits).

PostgreSQL is a throwaway server started from the machine's binaries (``tests/pg_server``),
run with its default durability (fsync on, synchronous commit), as SQLite runs with WAL and
``synchronous=NORMAL``. Sentences come from ``simple_segment`` so the figures measure the
store, not the segmenter (``benchmarks/segmentation.py`` times that); ``--real-segmenter``
uses ``alinea.align.segment`` instead.

    python benchmarks/store.py [--quick] [--sizes 1000,10000] [--backends sqlite,postgresql]

``--copy`` measures ``alinea copy-store`` instead: for each size the SQLite store made as
above is copied into a new PostgreSQL database by the command in a process of its own,
whose wall time and peak resident memory are reported, beside those of copying an empty
store (start-up, connecting, migrating the destination): the rows cost the difference.

    python benchmarks/store.py --copy [--sizes 3000]
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from alinea.align.types import Alignment, Link  # noqa: E402
from alinea.corpus.store import Store  # noqa: E402
from alinea.corpus.synthetic import simple_segment, synthetic_corpus  # noqa: E402

LOOKUPS = 2000
SEED = 20260101


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def database_size(store: Store, url: str) -> int:
    import sqlalchemy as sa

    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()


def run(url: str, n: int, segmenter) -> dict[str, float]:
    with Store.open(url, segmenter=segmenter) as store:
        corpus = list(synthetic_corpus(n, ("ru", "en", "fr"), seed=SEED))
        started = time.perf_counter()
        for transcript, raw in corpus:
            store.ingest(transcript, None, raw)
        ingest_s = time.perf_counter() - started

        pairs = store.pending_pairs()
        counts = {d.id: d.n_sentences for d in store.iter_documents(page_size=10_000)}
        started = time.perf_counter()
        for pair in pairs:
            k = min(counts[pair.src_id], counts[pair.tgt_id])
            alignment = Alignment(tuple(Link((i,), (i,), 0.9) for i in range(k)),
                                  pair.src_lang, pair.tgt_lang, "bench:diagonal")
            store.save_alignment(pair.src_id, pair.tgt_id, alignment)
        align_s = time.perf_counter() - started
        store.optimize()  # planner statistics, as align --all does at its end

        stats = store.stats()
        rng = random.Random(SEED)
        ids = [rng.randint(1, stats.sentences) for _ in range(LOOKUPS)]
        for sentence_id in ids[:100]:  # warm caches
            store.counterparts(sentence_id)
        lookups = []
        found = 0
        for sentence_id in ids:
            t0 = time.perf_counter_ns()
            found += len(store.counterparts(sentence_id))
            lookups.append((time.perf_counter_ns() - t0) / 1000)
        texts = [store.sentence(i).text.split()[0][:3].lower() + "*" for i in ids[:200]]
        searches = []
        for query in texts:
            t0 = time.perf_counter_ns()
            store.search(query, limit=50)
            searches.append((time.perf_counter_ns() - t0) / 1000)
        return {
            "docs": n, "sentences": stats.sentences, "ingest_s": ingest_s,
            "docs_per_s": n / ingest_s, "pairs": len(pairs), "pairs_per_s": len(pairs) / align_s,
            "size_mb": database_size(store, url) / 1e6,
            "lookup_p50": statistics.median(lookups), "lookup_p99": percentile(lookups, 0.99),
            "counterparts_per_lookup": found / len(ids),
            "search_p50": statistics.median(searches), "search_p99": percentile(searches, 0.99),
        }


# Runs the ``alinea`` command, then writes its peak resident memory (VmHWM, of this process
# alone: getrusage's ru_maxrss would count the benchmark's own memory, inherited at fork).
_MEASURED = """
import atexit, sys
def peak():
    [line] = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
    print(int(line.split()[1]) / 1024, file=sys.stderr)
atexit.register(peak)
from alinea.cli import main
sys.argv[0] = "alinea"
sys.exit(main())
"""


def measured(args: list[str]) -> tuple[str, float, float]:
    """Run ``alinea ARGS``; its output, seconds and peak MB."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True,
                          text=True, check=True)
    seconds = time.perf_counter() - started
    return done.stdout, seconds, float(done.stderr.strip().splitlines()[-1])


def measure_copy(src: str, dst: str, empty: str, empty_dst: str) -> dict[str, float | str]:
    """Time ``alinea copy-store src dst`` and measure its peak memory, and the same for an
    empty store ``empty`` (start-up, migrating ``empty_dst``); count the rows copied."""
    import sqlalchemy as sa

    from alinea.corpus.schema import metadata

    Store.open(empty).close()
    _, empty_s, empty_mb = measured(["copy-store", empty, empty_dst])
    output, seconds, peak_mb = measured(["copy-store", src, dst])
    with Store.open(dst, migrate=False) as store, store.engine.connect() as conn:
        rows = sum(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                   for table in metadata.sorted_tables)
    return {"said": output.strip(), "copy_s": seconds, "peak_mb": peak_mb,
            "empty_mb": empty_mb, "empty_s": empty_s, "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 300 and 1000 only")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--real-segmenter", action="store_true",
                        help="segment with alinea.align.segment instead of simple_segment")
    parser.add_argument("--copy", action="store_true",
                        help="time alinea copy-store from each SQLite store to PostgreSQL")
    args = parser.parse_args()
    # Stopped from outside: still stop the PostgreSQL server and remove its files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [300, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    backends = ["sqlite", "postgresql"] if args.copy else args.backends.split(",")
    segmenter = None if args.real_segmenter else simple_segment

    server = None
    if "postgresql" in backends:
        from pg_server import PostgresServer, find_bindir

        bindir = find_bindir()
        if bindir is None:
            print("PostgreSQL binaries not found: PostgreSQL rows skipped", file=sys.stderr)
            backends.remove("postgresql")
        else:
            server = PostgresServer(bindir, durable=True)
            server.start()
    if args.copy and server is None:
        return 1  # said above: no PostgreSQL to copy into
    rows = []
    copies = []
    try:
        with tempfile.TemporaryDirectory(prefix="alinea-bench-") as tmp:
            for n in sizes:
                if args.copy:
                    assert server is not None
                    src = f"sqlite:///{tmp}/store-{n}.db"
                    built = run(src, n, segmenter)
                    copied = measure_copy(src, server.create_database(),
                                          f"sqlite:///{tmp}/empty-{n}.db",
                                          server.create_database())
                    copies.append((built, copied))
                    print(copied["said"], flush=True)
                    continue
                for backend in backends:
                    url = (f"sqlite:///{tmp}/store-{n}.db" if backend == "sqlite"
                           else server.create_database())  # type: ignore[union-attr]
                    result = run(url, n, segmenter)
                    rows.append((backend, result))
                    print(f"{backend} N={n}: {result['docs_per_s']:.0f} docs/s", flush=True)
    finally:
        if server is not None:
            server.stop()

    if args.copy:
        print("\nthe whole command, beside the same for an empty store (start-up, "
              "connecting, migrating the destination)\n")
        print("| docs | sentences | DB size MB | rows copied | copy s | empty s | "
              "peak RSS MB | empty MB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for built, c in copies:
            print(f"| {built['docs']} | {built['sentences']} | {built['size_mb']:.1f} | "
                  f"{c['rows']} | {c['copy_s']:.1f} | {c['empty_s']:.1f} | "
                  f"{c['peak_mb']:.0f} | {c['empty_mb']:.0f} |")
        return 0
    print(f"\nsegmenter: {'alinea.align.segment' if segmenter is None else 'simple_segment'}; "
          f"{LOOKUPS} look-ups of random sentence ids; search = prefix query, 50 hits\n")
    print("| backend | docs | sentences | ingest docs/s | align pairs/s | DB size MB | "
          "counterparts p50 µs | p99 µs | search p50 µs | p99 µs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for backend, r in rows:
        print(f"| {backend} | {r['docs']} | {r['sentences']} | {r['docs_per_s']:.0f} | "
              f"{r['pairs_per_s']:.0f} | {r['size_mb']:.1f} | {r['lookup_p50']:.0f} | "
              f"{r['lookup_p99']:.0f} | {r['search_p50']:.0f} | {r['search_p99']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
