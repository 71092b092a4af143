"""Run every benchmark in one go (``make bench``): segmentation, alignment, store, API.

Each benchmark is its own script and measures alinea against its peers in the same run,
printing ratios; this runner only calls them in turn and stops on the first failure.
``--quick`` passes ``--quick`` to the scripts that accept it (smaller inputs).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["segmentation.py", "align.py", "store.py", "api.py"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs where a script supports it")
    parser.add_argument("--only", action="append", help="run only these scripts (e.g. align.py)")
    args = parser.parse_args()
    scripts = [HERE / name for name in (args.only or ORDER)]
    missing = [s.name for s in scripts if not s.exists()]
    if missing:
        print(f"benchmarks not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    for script in scripts:
        command = [sys.executable, str(script)]
        if args.quick and "--quick" in script.read_text(encoding="utf-8"):
            command.append("--quick")
        print(f"\n===== {script.name} =====", flush=True)
        started = time.perf_counter()
        code = subprocess.call(command)
        print(f"----- {script.name}: exit {code}, {time.perf_counter() - started:.1f} s", flush=True)
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
