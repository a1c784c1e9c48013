"""Throughput, speed-up and memory of ``exposure.dask`` on a LocalCluster of 1 and 2 workers.

(Named ``dask_scoring.py``, not ``dask.py``: run as a script, a ``dask.py`` in this
directory would shadow the ``dask`` package.)

Writes ``-n`` distinct synthetic postings (:func:`streaming.synthetic_postings`: four
O*NET 29.1 statements of one occupation each, with the occupation's title) as a Parquet
dataset of ``--partitions`` files cut between occupations, then scores it with
:func:`exposure.dask.score_dataset` (``learned``, text only) on a LocalCluster of 1 and then
2 single-threaded worker processes. Prints N, seconds and postings/s per cluster, the
speed-up from 1 to 2 workers, each worker's peak RSS (``VmHWM`` of the worker process), and
whether the two runs wrote identical scores. Targets of issue 16 (N = 10^7): speed-up
>= 1.8x, < 2 GiB per worker. The speed-up needs two idle cores.

One dataset serves both cluster sizes. ``--keep DIR`` keeps it (``DIR`` must not exist),
``--dataset DIR`` scores such a directory again without making it (N is then its row
count). Also printed: the time, disk use and peak memory of making the dataset, the size
of the outputs and the free space where they are.

Run: ``python benchmarks/dask_scoring.py [-n 10000000] [--partitions 200]``
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
from distributed import Client, LocalCluster
from streaming import (
    disk_report,
    onet_statements,
    parse_postings_arguments,
    peak_rss_gib,
    postings_arguments,
    synthetic_postings,
)

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
    """Peak RSS of this worker process since it started its program (GiB).

    ``VmHWM`` where there is ``/proc`` (``ru_maxrss`` would also count the memory of the
    process the worker was forked from, before its ``exec``).
    """
    try:
        with open("/proc/self/status") as f:
            return int(next(x.split()[1] for x in f if x.startswith("VmHWM:"))) / 2**20
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def _size_mib(directory: Path) -> float:
    return sum(p.stat().st_size for p in directory.iterdir()) / 2**20


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
    ap = postings_arguments(
        __doc__, "write the dataset to DIR (which must not exist) and keep it",
        ("DIR", "score this dataset (made with --keep) instead of making one"), "dataset")
    ap.add_argument("--partitions", type=int, default=200)
    opts = parse_postings_arguments(ap)
    with tempfile.TemporaryDirectory(dir=opts.workdir) as tmp:
        tmp = Path(tmp)
        if opts.dataset:
            src = Path(opts.dataset)
            n = sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(src.glob("*.parquet")))
            made = f"from {src}"
        else:
            src = Path(opts.keep) if opts.keep else tmp / "postings"
            src.parent.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            n = write_dataset(onet_statements(opts.mirror), opts.n, src, opts.partitions)
            made = (f"made in {time.perf_counter() - t0:.0f} s (peak RSS of the maker "
                    f"{peak_rss_gib():.2f} GiB)")
        files = len(list(src.glob("*.parquet")))
        print(f"N = {n:,} synthetic postings in {files} Parquet files (cut between occupations), "
              f"{_size_mib(src):,.0f} MiB, {made}; {disk_report(src)}")
        if opts.make_only:
            return
        seconds = {}
        for workers in (1, 2):
            seconds[workers], rss = run(src, tmp / f"out{workers}", workers)
            print(f"LocalCluster, {workers} worker(s): {seconds[workers]:.0f} s, "
                  f"{n / seconds[workers]:,.0f} postings/s, peak RSS per worker "
                  + ", ".join(f"{r:.2f}" for r in rss) + " GiB (target < 2 GiB)")
        print(f"speed-up 1 -> 2 workers: {seconds[1] / seconds[2]:.2f}x (target >= 1.8x; "
              f"{os.cpu_count()} CPUs, shared with whatever else runs)")
        print(f"outputs {_size_mib(tmp / 'out1'):,.0f} MiB each; {disk_report(tmp)}")
        cols = ["posting_id", "p_e0", "p_e1", "p_e2"]
        one = pd.read_parquet(tmp / "out1", columns=cols).sort_values("posting_id")
        two = pd.read_parquet(tmp / "out2", columns=cols).sort_values("posting_id")
        same = np.array_equal(one.to_numpy(), two.to_numpy())
        print(f"scores of 1 and 2 workers identical: {same}")


if __name__ == "__main__":
    main()
