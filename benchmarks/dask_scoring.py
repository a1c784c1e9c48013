"""Throughput, speed-up and memory of ``exposure.dask`` on a LocalCluster of 1 and 2 workers.

(Named ``dask_scoring.py``, not ``dask.py``: run as a script, a ``dask.py`` in this
directory would shadow the ``dask`` package.)

Writes ``-n`` distinct synthetic postings (:func:`streaming.synthetic_postings`: four
O*NET 29.1 statements of one occupation each, with the occupation's title) as a Parquet
dataset of ``--partitions`` files cut between occupations, then scores it with
:func:`exposure.dask.score_dataset` (``learned``, text only) on a LocalCluster of 1 and then
2 single-threaded worker processes. Prints N, seconds and postings/s per cluster, the
speed-up from 1 to 2 workers, each worker's peak RSS (``getrusage`` in the worker), and
whether the two runs wrote identical scores. Targets of issue 16 (N = 10^7): speed-up
>= 1.8x, < 2 GiB per worker. The speed-up needs two idle cores.

Run: ``python benchmarks/dask_scoring.py [-n 10000000] [--partitions 200]``
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from distributed import Client, LocalCluster
from streaming import onet_statements, synthetic_postings

from exposure.dask import score_dataset


def write_dataset(statements: pd.DataFrame, n: int, out: Path, partitions: int) -> int:
    """``n`` postings as about ``partitions`` Parquet files, each holding whole occupations."""
    out.mkdir()
    target = max(1, n // partitions)
    held: list[pd.DataFrame] = []
    rows = files = total = 0
    for frame in synthetic_postings(statements, n, chunk_rows=target):
        held.append(frame)
        rows += len(frame)
        if rows >= target:
            part = pd.concat(held, ignore_index=True)
            last = part["title"].iloc[-1]  # keep the last occupation for the next file
            cut = int(np.flatnonzero(part["title"].to_numpy() != last).max(initial=-1)) + 1
            if cut == 0:
                continue
            part.iloc[:cut].to_parquet(out / f"part-{files:05d}.parquet", index=False)
            files += 1
            total += cut
            held, rows = [part.iloc[cut:]], len(part) - cut
    if rows:
        pd.concat(held, ignore_index=True).to_parquet(out / f"part-{files:05d}.parquet", index=False)
        total += rows
    return total


def _peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def run(src: Path, dst: Path, workers: int) -> tuple[float, list[float]]:
    """Seconds of one scoring run on a fresh cluster, and each worker's peak RSS (GiB)."""
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", memory_limit=None) as cluster, Client(cluster) as client:
        client.run(lambda: None)  # workers up before the clock starts
        t0 = time.perf_counter()
        done = score_dataset(src, dst, client=client, text_column="text",
                             occupation_column="title", progress=False)
        seconds = time.perf_counter() - t0
        rss = sorted(client.run(_peak_rss_gib).values())
    print(f"    {done.n_tasks:,} postings, {done.n_partitions} files")
    return seconds, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    ap.add_argument("-n", type=int, default=10_000_000, help="postings (default 10^7)")
    ap.add_argument("--partitions", type=int, default=200)
    ap.add_argument("--workdir", default=None, help="directory for the files (default: a temporary one)")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=opts.workdir) as tmp:
        tmp = Path(tmp)
        n = write_dataset(onet_statements(opts.mirror), opts.n, tmp / "postings", opts.partitions)
        files = len(list((tmp / "postings").iterdir()))
        print(f"N = {n:,} synthetic postings in {files} Parquet files (cut between occupations)")
        seconds = {}
        for workers in (1, 2):
            seconds[workers], rss = run(tmp / "postings", tmp / f"out{workers}", workers)
            print(f"LocalCluster, {workers} worker(s): {seconds[workers]:.0f} s, "
                  f"{n / seconds[workers]:,.0f} postings/s, peak RSS per worker "
                  + ", ".join(f"{r:.2f}" for r in rss) + " GiB (target < 2 GiB)")
        print(f"speed-up 1 -> 2 workers: {seconds[1] / seconds[2]:.2f}x (target >= 1.8x; "
              f"{os.cpu_count()} CPUs, shared with whatever else runs)")
        cols = ["posting_id", "p_e0", "p_e1", "p_e2"]
        one = pd.read_parquet(tmp / "out1", columns=cols).sort_values("posting_id")
        two = pd.read_parquet(tmp / "out2", columns=cols).sort_values("posting_id")
        same = np.array_equal(one.to_numpy(), two.to_numpy())
        print(f"scores of 1 and 2 workers identical: {same}")


if __name__ == "__main__":
    main()
