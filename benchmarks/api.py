"""API benchmark: the app under uvicorn on 127.0.0.1, loaded by wrk.

A SQLite store of N synthetic transcripts (default 10,000: ``alinea.corpus.synthetic``,
editions in ru, en, fr, sentences from ``simple_segment``, every edition pair aligned 1-1)
is built once and kept in ``bench-out/`` for later runs. ``alinea serve`` runs it with
``--workers`` uvicorn processes (default 2); wrk (Debian's, installed by ``make bench``)
then runs for a bounded time per endpoint against random sentence ids / query words:

* ``GET /sentences/{id}/counterparts``: every aligned sentence of a random sentence;
* ``GET /concordance?q=WORD&lang=en&target=ru&limit=20``: KWIC lines with their Russian
  counterparts, for words drawn from the corpus.

Prints requests/s and p50/p99 latency per endpoint. The goal (issue 7) is ≥ 1,000 req/s and
p99 < 20 ms for counterpart look-ups on 2 cores with the 10k-document corpus. Everything is
loopback-only; the server is stopped at the end.

    python benchmarks/api.py [--quick] [--docs 10000] [--duration 10] [--connections 8]

wrk shares the 2 cores with the server, so the figures move with anything else running on
the machine; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from alinea.align.types import Alignment, Link
from alinea.corpus.store import Store
from alinea.corpus.synthetic import simple_segment, synthetic_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
SEED = 20260101
PATHS = 4000


def build_corpus(path: Path, n: int) -> None:
    """N synthetic documents, every edition pair aligned 1-1 (as benchmarks/store.py)."""
    tmp = path.with_name(path.name + ".part")
    for leftover in tmp.parent.glob(tmp.name + "*"):
        leftover.unlink()
    url = f"sqlite:///{tmp}"
    started = time.perf_counter()
    with Store.open(url, segmenter=simple_segment) as store:
        for transcript, raw in synthetic_corpus(n, ("ru", "en", "fr"), seed=SEED):
            store.ingest(transcript, None, raw)
        counts = {d.id: d.n_sentences for d in store.iter_documents(page_size=10_000)}
        for pair in store.pending_pairs():
            k = min(counts[pair.src_id], counts[pair.tgt_id])
            store.save_alignment(pair.src_id, pair.tgt_id, Alignment(
                tuple(Link((i,), (i,), 0.9) for i in range(k)), pair.src_lang,
                pair.tgt_lang, "bench:diagonal"))
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.rename(path)
    print(f"built {path} ({n} documents) in {time.perf_counter() - started:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.2)


def lua_script(paths: list[str], folder: Path, name: str) -> Path:
    """A wrk script requesting the given paths in random order."""
    script = folder / f"{name}.lua"
    quoted = ",\n".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    script.write_text(f"""math.randomseed({SEED})
local paths = {{
{quoted}
}}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
""")
    return script


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(base: str, script: Path, duration: int, connections: int, threads: int
            ) -> dict[str, float]:
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
                          "--latency", "-s", str(script), base],
                         capture_output=True, text=True, check=True,
                         timeout=duration + 60).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(percentiles["50"]), "p99": _ms(percentiles["99"]),
        "requests": float(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def sample_paths(db: Path, rng: random.Random) -> tuple[list[str], list[str]]:
    with Store.open(f"sqlite:///{db}") as store:
        n = store.stats().sentences
        ids = [rng.randint(1, n) for _ in range(PATHS)]
        words: list[str] = []
        for sentence_id in rng.sample(range(1, n + 1), 400):
            sentence = store.sentence(sentence_id)
            if store.document(sentence.document_id).lang == "en":
                words += [w for w in re.findall(r"[a-z]{4,}", sentence.text.lower())][:2]
    counterparts = [f"/sentences/{i}/counterparts" for i in ids]
    concordance = [f"/concordance?q={w}&lang=en&target=ru&limit=20" for w in words]
    return counterparts, concordance


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 documents, 5 s runs")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    # One wrk thread drives well over 10k req/s; a second would take a core from the server.
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.duration = 1000, 5
    if shutil.which("wrk") is None:
        print("wrk not found: run 'make system-deps' (or apt-get install wrk)", file=sys.stderr)
        return 2

    OUT.mkdir(exist_ok=True)
    db = OUT / f"api-synthetic-{args.docs}-{SEED}.db"
    if not db.exists():
        build_corpus(db, args.docs)
    counterparts, concordance = sample_paths(db, random.Random(SEED))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ALINEA_DB": f"sqlite:///{db}"}
    env.pop("ALINEA_TOKEN", None)
    exe = Path(sys.executable).parent / "alinea"
    server = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(args.workers), "--log-level", "warning"],
                              env=env)
    rows = []
    load_before = os.getloadavg()[0]
    try:
        wait_ready(base, server)
        with tempfile.TemporaryDirectory(prefix="alinea-wrk-") as tmp:
            for name, paths in (("counterparts", counterparts), ("concordance", concordance)):
                script = lua_script(paths, Path(tmp), name)
                run_wrk(base, script, 2, args.connections, args.threads)  # warm-up
                result = run_wrk(base, script, args.duration, args.connections, args.threads)
                rows.append((name, result))
                print(f"{name}: {result['rps']:.0f} req/s", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"\n{args.docs} synthetic documents (SQLite), {args.workers} uvicorn workers, "
          f"wrk {args.threads} threads / {args.connections} connections / {args.duration} s, "
          f"{os.cpu_count()} CPUs, loopback; 1-min load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after\n")
    print("| endpoint | req/s | p50 ms | p99 ms | requests | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
              f"{r['requests']:.0f} | {r['errors']:.0f} |")
    goal = dict(rows)["counterparts"]
    met = goal["rps"] >= 1000 and goal["p99"] < 20
    print(f"\ngoal (counterparts ≥ 1,000 req/s, p99 < 20 ms): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
