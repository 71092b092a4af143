"""Sentence-alignment benchmark: alinea against its peers on the shared gold sets.

    python benchmarks/align.py            # every development set, scaling, speed
    python benchmarks/align.py --quick    # textberg-dev, nonlit-en-zh, hunalign dtm
    python benchmarks/align.py --bible    # also bible-en-zh 30k (time, peak RSS)
    python benchmarks/align.py --big 50000  # peak RSS for a 50,000-sentence pair

Peers run in the same process on the same inputs: nltk's ``gale_church`` (whole
document as one block: it is quadratic, so it is skipped above 1.5 M cells) and the
``galechurch`` package. hunalign is not packaged for Debian or PyPI here, so it is
absent; its published figures are in the gold README. The held-out sets (Text+Berg
test, MAC-Test) are not here and are never used for tuning.

alinea's time is end to end with a cold embedding cache (model loading excluded, shown
apart), so seconds include embedding every sentence once.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import Doc, bible, dev_sets  # noqa: E402

from alinea.align.evaluate import score  # noqa: E402

NLTK_MAX_CELLS = 1_500_000


# ---- peers -------------------------------------------------------------------------

def run_alinea(d: Doc, embedder) -> list:
    from alinea.align.aligner import align

    return align(d.src, d.tgt, d.src_lang, d.tgt_lang, embedder=embedder)


def run_nltk(d: Doc) -> list | None:
    from nltk.translate.gale_church import align_blocks

    if len(d.src) * len(d.tgt) > NLTK_MAX_CELLS:
        return None
    sl = [max(1, len(s)) for s in d.src]
    tl = [max(1, len(t)) for t in d.tgt]
    pairs = align_blocks(sl, tl)
    return _pairs_to_beads(pairs, len(d.src), len(d.tgt))


def run_galechurch(d: Doc) -> list:
    import galechurch

    block = galechurch.align(d.src, d.tgt, max_block_size=10 ** 9)
    beads = getattr(block, "beads", block)
    return [(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in beads]


def _pairs_to_beads(pairs, n, m):
    """nltk's (i, j) sentence pairs → beads (connected groups), plus 1-0/0-1 leftovers."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        parent[find(("s", i))] = find(("t", j))
    groups: dict = {}
    for i in range(n):
        groups.setdefault(find(("s", i)), ([], []))[0].append(i)
    for j in range(m):
        groups.setdefault(find(("t", j)), ([], []))[1].append(j)
    beads = [(tuple(s), tuple(t)) for s, t in groups.values()]
    beads.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))
    return beads


# ---- table -------------------------------------------------------------------------

def evaluate(docs: list[Doc], runner) -> tuple[object | None, float]:
    t0 = time.perf_counter()
    results = []
    for d in docs:
        r = runner(d)
        if r is None:
            return None, time.perf_counter() - t0
        results.append((d.gold, r))
    return score(results), time.perf_counter() - t0


def main_table(sets: dict[str, list[Doc]], embedder) -> list[dict]:
    rows = []
    peers = [("alinea", lambda d: run_alinea(d, embedder)), ("nltk gale_church", run_nltk),
             ("galechurch", run_galechurch)]
    for name, docs in sets.items():
        n_sent = sum(len(d.src) + len(d.tgt) for d in docs)
        base = None
        for peer, runner in peers:
            s, secs = evaluate(docs, runner)
            row = {"set": name, "peer": peer, "sentences": n_sent, "seconds": round(secs, 2)}
            if s is None:
                row["skipped"] = "quadratic, too large"
            else:
                row.update(strict_p=s.strict_precision, strict_r=s.strict_recall,
                           strict_f1=s.strict_f1, lax_f1=s.lax_f1)
            if peer == "alinea":
                base = row
            rows.append(row)
            _print_row(row, base)
    return rows


def _print_row(row, base):
    if "skipped" in row:
        print(f"{row['set']:22} {row['peer']:17} {'skipped: ' + row['skipped']:>40}", flush=True)
        return
    ratio = ""
    if base is not None and base is not row and "strict_f1" in base and row["strict_f1"]:
        ratio = f"F1 ×{base['strict_f1'] / row['strict_f1']:.2f}  time ×{base['seconds'] / max(row['seconds'], 1e-3):.1f}"
    print(f"{row['set']:22} {row['peer']:17} strict P {row['strict_p']:.3f} R {row['strict_r']:.3f} "
          f"F1 {row['strict_f1']:.3f} | lax F1 {row['lax_f1']:.3f} | {row['seconds']:7.2f} s  {ratio}",
          flush=True)


def scaling(doc: Doc, embedder, factors=(1, 2, 4, 8), repeats: int = 3) -> list[dict]:
    """Align ``doc`` concatenated k times (embeddings cached: this times the search).

    Each size is timed ``repeats`` times and the fastest run counts: the smallest sizes
    take a fraction of a second, where one stray scheduler hiccup would skew the ratio.
    """
    from alinea.align.aligner import align

    align(doc.src, doc.tgt, doc.src_lang, doc.tgt_lang, embedder=embedder)  # warm the cache
    rows = []
    for k in factors:
        src, tgt = doc.src * k, doc.tgt * k
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            align(src, tgt, doc.src_lang, doc.tgt_lang, embedder=embedder)
            runs.append(time.perf_counter() - t0)
        secs = min(runs)
        n = len(src) + len(tgt)
        rows.append({"factor": k, "sentences": n, "seconds": round(secs, 2),
                     "ms_per_sentence": round(1000 * secs / n, 3)})
        print(f"scaling {doc.name} ×{k}: {n} sentences, {secs:.2f} s, "
              f"{1000 * secs / n:.3f} ms/sentence", flush=True)
    if len(rows) > 1:
        print(f"scaling: ×{factors[-1]} sentences took ×{rows[-1]['seconds'] / rows[0]['seconds']:.1f} time",
              flush=True)
    return rows


def big_run(which: str, size: int | None) -> dict:
    """Run one large alignment in a child process and report its time and peak RSS."""
    code = (
        "import sys, time, resource, json; sys.path.insert(0, %r)\n"
        "from align_data import bible\n"
        "from alinea.align.aligner import align\n"
        "from alinea.align.embedder import Embedder\n"
        "from alinea.align.evaluate import score\n"
        "d = bible('006')\n"
        "size = %r\n"
        "src, tgt = d.src, d.tgt\n"
        "if size:\n"
        "    rep = -(-size // len(src))\n"
        "    src = [f'{s} ({k})' if k else s for k in range(rep) for s in d.src][:size]\n"
        "    tgt = [f'{t} ({k})' if k else t for k in range(rep) for t in d.tgt][:int(size * len(d.tgt) / len(d.src))]\n"
        "e = Embedder(); e.model.encode(['warm up'])\n"
        "t0 = time.perf_counter(); a = align(src, tgt, 'en', 'zh', embedder=e); secs = time.perf_counter() - t0\n"
        "out = {'src': len(src), 'tgt': len(tgt), 'seconds': round(secs, 1),\n"
        "       'sentences_per_second': round((len(src) + len(tgt)) / secs, 1),\n"
        "       'peak_rss_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}\n"
        "if not size:\n"
        "    s = score([(d.gold, a)]); out.update(strict_f1=round(s.strict_f1, 4), lax_f1=round(s.lax_f1, 4))\n"
        "print(json.dumps(out))\n"
    ) % (str(Path(__file__).resolve().parent), size)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if res.returncode != 0:
        print(res.stderr[-2000:], file=sys.stderr)
        return {"error": res.stderr[-300:]}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"{which}: {out}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small sets only (about a minute)")
    p.add_argument("--bible", action="store_true", help="also align bible-en-zh 30k")
    p.add_argument("--big", type=int, default=0, metavar="N",
                   help="also align an N-sentence pair built from the bible and report peak RSS")
    p.add_argument("--json", type=Path, help="write all results here as JSON")
    args = p.parse_args(argv)

    from alinea.align.embedder import Embedder

    embedder = Embedder()
    t0 = time.perf_counter()
    embedder.model.encode(["warm up"])
    load = time.perf_counter() - t0
    print(f"embedding model loaded in {load:.1f} s (excluded below)", flush=True)

    sets = dev_sets()
    if args.quick:
        sets = {k: v for k, v in sets.items() if k in ("textberg-dev", "nonlit-en-zh", "hunalign-dtm")}
    results: dict[str, object] = {"model_load_seconds": round(load, 2)}
    results["table"] = main_table(sets, embedder)

    # speed end to end on unseen text: bible 001 (5,000 en / 6,301 zh), cold cache
    d = bible("001")
    cold = Embedder()
    cold.model.encode(["warm up"])
    t0 = time.perf_counter()
    a = run_alinea(d, cold)
    secs = time.perf_counter() - t0
    n = len(d.src) + len(d.tgt)
    s = score([(d.gold, a)])
    results["speed"] = {"set": "bible-en-zh 001", "sentences": n, "seconds": round(secs, 1),
                        "sentences_per_second": round(n / secs, 1),
                        "strict_f1": round(s.strict_f1, 4), "lax_f1": round(s.lax_f1, 4)}
    print(f"speed: {results['speed']}", flush=True)

    tb = sets["textberg-dev"][0] if "textberg-dev" in sets else dev_sets()["textberg-dev"][0]
    results["scaling"] = scaling(tb, embedder, (1, 2, 4) if args.quick else (1, 2, 4, 8))
    results["peak_rss_mb_this_process"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.bible:
        results["bible_30k"] = big_run("bible-en-zh 006 (30k)", None)
    if args.big:
        results[f"big_{args.big}"] = big_run(f"{args.big}-sentence pair", args.big)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
