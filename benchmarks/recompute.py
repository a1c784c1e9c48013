"""Benchmark of ``exposure recompute`` (prints figures; never asserts on time).

Usage::

    python benchmarks/recompute.py [--mirror ../shared/data] [--onet-release 29.1] [--repeat 1]

What it measures, on a warm mirror (every raw file fetched into the cache and read once
before timing, so the OS page cache holds them):

- end-to-end wall time of ``exposure recompute --quiet`` in a fresh process, per-stage
  times (from the timings file recompute keeps in the cache) and peak memory (``ru_maxrss`` of the child);
- the *floor*: the time pyarrow needs just to read the same raw text/CSV files
  (``pyarrow.csv.read_csv``), and, counted separately, the time openpyxl needs to read
  the xlsx files (read-only mode, every cell);
- the ratio of recompute time to the floor.

Targets on the 2-core reference machine: full recompute under 60 s, peak memory under
2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from exposure.fetch import default_data_dir, fetch
from exposure.pipeline import RecomputeInputs

REPO = Path(__file__).resolve().parents[1]
#: Where ``exposure recompute`` writes its stage timings (outside its byte-identical outputs).
TIMINGS = default_data_dir() / "timings" / "recompute.json"


def _read_text_floor(paths: list[Path]) -> float:
    import pyarrow.csv as pcsv

    t0 = time.perf_counter()
    for path in paths:
        delimiter = "\t" if path.suffix in (".txt", ".tsv") else ","
        pcsv.read_csv(
            path,
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"' if delimiter == "," else False,
                                            newlines_in_values=False),
            read_options=pcsv.ReadOptions(block_size=1 << 24),
        )
    return time.perf_counter() - t0


def _read_xlsx_floor(paths: list[Path]) -> float:
    import openpyxl

    t0 = time.perf_counter()
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return time.perf_counter() - t0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path,
                        default=Path(os.environ.get("EXPOSURE_MIRROR", REPO.parent / "shared" / "data")))
    parser.add_argument("--onet-release", default="29.1")
    parser.add_argument("--repeat", type=int, default=1, help="timed recompute runs")
    args = parser.parse_args(argv)

    # the raw files the recompute reads, each verified into the cache
    names = RecomputeInputs(onet_release=args.onet_release).files
    paths = [fetch(n, mirror=args.mirror) for n in names]
    text = [p for p in paths if p.suffix in (".txt", ".csv", ".tsv")]
    xlsx = [p for p in paths if p.suffix == ".xlsx"]
    _read_text_floor(text)  # page cache warm-up

    runs = []
    with tempfile.TemporaryDirectory(prefix="exposure-bench-") as tmp:
        for i in range(args.repeat):
            out = Path(tmp) / f"out{i}"
            cmd = [sys.executable, "-m", "exposure.cli", "recompute", "--quiet",
                   "--mirror", str(args.mirror), "--onet-release", args.onet_release,
                   "--out", str(out)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, cwd=REPO)
            wall = time.perf_counter() - t0
            child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            timings = json.loads(TIMINGS.read_text())  # recompute keeps timings in the cache
            manifest = json.loads((out / "manifest.json").read_text())
            runs.append((wall, max(child_rss, before), timings, manifest))

    text_s = min(_read_text_floor(text) for _ in range(3))
    xlsx_s = _read_xlsx_floor(xlsx) if xlsx else 0.0

    wall, rss_kib, timings, manifest = min(runs, key=lambda r: r[0])
    print(f"recompute O*NET {args.onet_release} / OEWS {manifest['releases']['oews']} "
          f"(best of {len(runs)}), mirror {args.mirror}")
    print(f"  end-to-end wall time (new process): {wall:8.2f} s   [target < 60 s]")
    print(f"  in-process total (timings.json):    {timings['total_s']:8.2f} s")
    for stage in timings.get("stage_order", list(timings["stages_s"])):
        print(f"    {stage:14s} {timings['stages_s'][stage]:8.2f} s")
    print(f"  peak memory (ru_maxrss, child):     {rss_kib / 1024:8.0f} MiB   [target < 2048 MiB]")
    print(f"  raw inputs: {len(text)} text/csv files "
          f"({sum(p.stat().st_size for p in text) / 1e6:.1f} MB), {len(xlsx)} xlsx files "
          f"({sum(p.stat().st_size for p in xlsx) / 1e6:.1f} MB)")
    print(f"  floor, pyarrow.csv read of text/csv:{text_s:8.2f} s")
    print(f"  openpyxl read of xlsx (separate):   {xlsx_s:8.2f} s")
    print(f"  ratio recompute / pyarrow floor:    {wall / text_s:8.1f} x")
    print(f"  ratio recompute / (floor + xlsx):   {wall / (text_s + xlsx_s):8.1f} x")
    sizes = sum(t["bytes"] for t in manifest["tables"].values())
    print(f"  outputs: {len(manifest['tables'])} tables, {sizes / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
