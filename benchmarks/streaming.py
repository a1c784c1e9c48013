"""Peak memory of ``exposure score`` streaming a large file of synthetic job postings.

Makes ``-n`` distinct synthetic posting texts by recombining O*NET 29.1 task statements
(:func:`synthetic_postings`: four statements of one occupation per posting, titled with the
occupation's title, grouped by occupation as a posting dump sorted by title is), writes them
as one Parquet file, and runs ``exposure score FILE -o OUT.parquet --text-column text``
(``learned``, batches of ``--batch-rows``) in a child process. Prints N, wall time,
throughput and the child's peak resident set size (``wait4``). The target of issue 16:
< 2 GiB RSS at N = 10^7. Needs the data mirror (``--mirror`` or ``$EXPOSURE_MIRROR``,
default ``../shared/data``).

Run: ``python benchmarks/streaming.py [-n 10000000] [--batch-rows 50000]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from exposure.onet import load_onet
from exposure.scoring._files import BATCH_ROWS

#: Statements recombined into one posting.
PER_POSTING = 4
_STEP = 7_919  # a prime: j -> j * _STEP mod m^4 is a bijection when it does not divide m


def onet_statements(mirror) -> pd.DataFrame:
    """O*NET 29.1 task statements with their occupation's title, sorted by title."""
    onet = load_onet("29.1", mirror=mirror)
    tasks = onet.tasks.merge(onet.occupations[["onetsoc_code", "title"]], on="onetsoc_code")
    return tasks[["onetsoc_code", "title", "task"]].sort_values(["title", "onetsoc_code"], kind="stable")


def synthetic_postings(statements: pd.DataFrame, n: int, chunk_rows: int = 200_000):
    """Yield frames of ``n`` distinct postings (``posting_id, title, text``), by occupation.

    Posting ``j`` of an occupation with ``m`` statements joins the statements whose indices
    are the base-``m`` digits of ``j * 7919 mod m**4``: distinct ``j`` give distinct
    sequences, so no two postings are equal. Occupations get postings in proportion to their
    ``m**4`` (at most that many); each posting has its occupation's title.
    """
    groups = [(title, g["task"].tolist()) for title, g in statements.groupby("title", sort=True)]
    groups = [(t, s) for t, s in groups if len(s) >= 2 and len(s) % _STEP]
    capacity = np.array([len(s) ** PER_POSTING for _, s in groups], dtype=float)
    if n > capacity.sum():
        raise SystemExit(f"-n {n} is more than the {int(capacity.sum())} distinct postings available")
    quota = np.minimum(np.floor(n * capacity / capacity.sum()), capacity).astype(np.int64)
    short = n - int(quota.sum())
    for k in np.argsort(-capacity):  # hand the rest to the largest occupations
        if short <= 0:
            break
        add = int(min(short, capacity[k] - quota[k]))
        quota[k] += add
        short -= add
    rows: list[tuple] = []
    pid = 0
    for (title, stmts), q in zip(groups, quota, strict=True):
        m = len(stmts)
        for j in range(int(q)):
            code = (j * _STEP) % m ** PER_POSTING
            parts = []
            for _ in range(PER_POSTING):
                code, d = divmod(code, m)
                parts.append(stmts[d])
            rows.append((pid, title, " ".join(parts)))
            pid += 1
            if len(rows) >= chunk_rows:
                yield pd.DataFrame(rows, columns=["posting_id", "title", "text"])
                rows = []
    if rows:
        yield pd.DataFrame(rows, columns=["posting_id", "title", "text"])


def write_postings(statements: pd.DataFrame, n: int, path: Path) -> int:
    """Write ``n`` synthetic postings to one Parquet file; return the number written."""
    writer = None
    total = 0
    for frame in synthetic_postings(statements, n):
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=100_000)
        total += len(frame)
    writer.close()
    return total


def run_child(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (GiB) of a child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    print("   ", out.strip())
    return seconds, usage.ru_maxrss / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    ap.add_argument("-n", type=int, default=10_000_000, help="postings (default 10^7)")
    ap.add_argument("--batch-rows", type=int, default=BATCH_ROWS)
    ap.add_argument("--workdir", default=None, help="directory for the files (default: a temporary one)")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=opts.workdir) as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        n = write_postings(onet_statements(opts.mirror), opts.n, tmp / "postings.parquet")
        size = (tmp / "postings.parquet").stat().st_size / 2**20
        print(f"N = {n:,} synthetic postings ({PER_POSTING} O*NET 29.1 statements each, grouped "
              f"by title): {size:.0f} MiB of Parquet, made in {time.perf_counter() - t0:.0f} s")
        cli = [sys.executable, "-m", "exposure.cli", "score", str(tmp / "postings.parquet"),
               "-o", str(tmp / "scored.parquet"), "--text-column", "text", "--onet", "none",
               "--batch-rows", str(opts.batch_rows)]
        seconds, rss = run_child(cli)
        print(f"exposure score (stream, batches of {opts.batch_rows:,}): {seconds:.0f} s, "
              f"{n / seconds:,.0f} postings/s, peak RSS {rss:.2f} GiB (target < 2 GiB)")


if __name__ == "__main__":
    main()
