"""Speed of ``exposure outcomes`` on the real data (prints its time; no assertions).

The whole command (OEWS panel 2019-2025, the event studies of our measures and the
published ones, the headline table and the figures) on the mirror. Target: under 30 s.

Run: ``python benchmarks/outcomes.py --mirror ../shared/data``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from exposure.cli import main as cli_main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        start = time.perf_counter()
        code = cli_main(["outcomes", "--mirror", args.mirror, "--data-dir", str(cache),
                         "-o", str(Path(tmp) / "out")])
        elapsed = time.perf_counter() - start
    if code:
        print(f"exposure outcomes failed (exit {code})", file=sys.stderr)
        return code
    print(f"exposure outcomes on the mirror: {elapsed:.1f} s (target < 30 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
