"""Peak memory of ``exposure score`` streaming a large file of synthetic job postings.

Makes ``-n`` distinct synthetic posting texts by recombining O*NET 29.1 task statements
(:func:`synthetic_postings`: four statements of one occupation per posting, titled with the
occupation's title, grouped by occupation as a posting dump sorted by title is), writes them
as one Parquet file, and runs ``exposure score FILE -o OUT.parquet --text-column text``
(``learned``, batches of ``--batch-rows``) in a child process. Prints N, wall time,
throughput and the child's peak resident set size (its ``VmHWM``). The target of issue 16:
< 2 GiB RSS at N = 10^7. Needs the data mirror (``--mirror`` or ``$EXPOSURE_MIRROR``,
default ``../shared/data``).

Run: ``python benchmarks/streaming.py [-n 10000000] [--batch-rows 50000]``; ``--keep DIR``
keeps the generated ``DIR/postings.parquet``, ``--dataset FILE`` scores such a file again
without making it (N is then its row count). The postings are the same rows as those of
``benchmarks/dask_scoring.py`` for the same ``-n`` (one file here, files cut between
occupations there). Also printed: the time, disk use and peak memory of making the file,
and the free space where it is.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
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


#: Runs ``exposure.cli`` and, at exit, writes the peak RSS of its own program image
#: (``VmHWM``, which ``exec`` resets) to stderr. ``wait4``'s ``ru_maxrss`` is not enough: it
#: keeps the high-water mark of the memory the child was forked with, i.e. the parent's.
_WRAPPER = """import atexit, runpy, sys
def _hwm():
    try:
        with open('/proc/self/status') as f:
            kib = [line.split()[1] for line in f if line.startswith('VmHWM:')]
        sys.stderr.write('\\n@@VmHWM ' + kib[0] + '\\n')
    except (OSError, IndexError):
        pass
atexit.register(_hwm)
sys.argv[0] = 'exposure'
runpy.run_module('exposure.cli', run_name='__main__')
"""


def run_child(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (GiB) of ``exposure ARGS`` in a child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    out, err = out.decode(), err.decode()
    if proc.returncode != 0:
        raise SystemExit(f"exposure {' '.join(args)} failed:\n{err[-2000:]}")
    print("   ", out.strip())
    hwm = [line.split()[1] for line in err.splitlines() if line.startswith("@@VmHWM ")]
    if not hwm:  # not Linux: the child's ru_maxrss (at least the parent's peak at the fork)
        return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    return seconds, int(hwm[-1]) / 2**20


def disk_report(path: Path) -> str:
    """Free space of the file system holding ``path``."""
    usage = shutil.disk_usage(path)
    return f"{usage.free / 2**30:.0f} GiB free of {usage.total / 2**30:.0f} GiB at {path}"


def peak_rss_gib() -> float:
    """Peak resident set size of this process so far (GiB): ``VmHWM``, else ``ru_maxrss``."""
    try:
        with open("/proc/self/status") as f:
            return int(next(x.split()[1] for x in f if x.startswith("VmHWM:"))) / 2**20
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def make_postings(mirror, n: int, path: Path) -> int:
    """Write the postings file and print what it cost."""
    t0 = time.perf_counter()
    n = write_postings(onet_statements(mirror), n, path)
    size = path.stat().st_size / 2**20
    print(f"N = {n:,} synthetic postings ({PER_POSTING} O*NET 29.1 statements each, grouped "
          f"by title): {size:,.0f} MiB of Parquet, made in {time.perf_counter() - t0:.0f} s, "
          f"peak RSS of the maker {peak_rss_gib():.2f} GiB; {disk_report(path.parent)}")
    return n


def postings_arguments(doc: str, kept: str, dataset: tuple[str, str], made: str):
    """The arguments both benchmarks take: where the postings come from and go.

    ``kept`` says what ``--keep DIR`` writes, ``dataset`` is the metavar and help of
    ``--dataset``, ``made`` names what ``--make-only`` makes. Returns the parser (add the
    benchmark's own arguments, then call :func:`parse_postings_arguments`).
    """
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR", "../shared/data"))
    ap.add_argument("-n", type=int, default=10_000_000, help="postings (default 10^7)")
    ap.add_argument("--workdir", default=None, help="directory for the files (default: a temporary one)")
    ap.add_argument("--keep", default=None, metavar="DIR", help=kept)
    ap.add_argument("--dataset", default=None, metavar=dataset[0], help=dataset[1])
    ap.add_argument("--make-only", action="store_true",
                    help=f"make the {made} (with --keep DIR) and stop, without scoring it")
    return ap


def parse_postings_arguments(ap: argparse.ArgumentParser, argv=None) -> argparse.Namespace:
    """Parse, refusing ``--keep`` with ``--dataset`` and ``--make-only`` without ``--keep``."""
    opts = ap.parse_args(argv)
    if opts.keep and opts.dataset:
        ap.error("--keep and --dataset exclude each other")
    if opts.make_only and not opts.keep:
        ap.error("--make-only needs --keep DIR")
    return opts


def main() -> None:
    ap = postings_arguments(
        __doc__, "write the postings to DIR/postings.parquet (DIR must not exist) and keep them",
        ("FILE", "score this postings file (made with --keep) instead of making one"), "file")
    ap.add_argument("--batch-rows", type=int, default=BATCH_ROWS)
    opts = parse_postings_arguments(ap)
    with tempfile.TemporaryDirectory(dir=opts.workdir) as tmp:
        tmp = Path(tmp)
        if opts.dataset:
            src = Path(opts.dataset)
            n = pq.ParquetFile(src).metadata.num_rows
            print(f"N = {n:,} postings from {src} ({src.stat().st_size / 2**20:,.0f} MiB)")
        else:
            if opts.keep:
                Path(opts.keep).mkdir(parents=True)
            src = (Path(opts.keep) if opts.keep else tmp) / "postings.parquet"
            n = make_postings(opts.mirror, opts.n, src)
            if opts.make_only:
                return
        cli = ["score", str(src),
               "-o", str(tmp / "scored.parquet"), "--text-column", "text", "--onet", "none",
               "--batch-rows", str(opts.batch_rows)]
        seconds, rss = run_child(cli)
        size = (tmp / "scored.parquet").stat().st_size / 2**20
        print(f"exposure score (stream, batches of {opts.batch_rows:,}): {seconds:.0f} s, "
              f"{n / seconds:,.0f} postings/s, peak RSS {rss:.2f} GiB (target < 2 GiB); "
              f"output {size:,.0f} MiB; {disk_report(tmp)}")


if __name__ == "__main__":
    main()
