"""Speed and memory of the ``learned`` scorer.

Prints (1) the time to score every task of O*NET 29.1 with ``score_learned`` (text-only
features, and with the release's work activities), (2) throughput in texts per second on
a large input (the O*NET task texts repeated to ``--large`` rows, scored without O*NET
keys), and (3) peak memory (``tracemalloc`` peak of Python allocations and the process's
maximum resident set size). Needs the data mirror (``--mirror`` or ``$EXPOSURE_MIRROR``,
default ``../shared/data``).

Run: ``python benchmarks/scoring.py [--mirror DIR] [--large 200000]``
"""

from __future__ import annotations

import argparse
import os
import resource
import time
import tracemalloc
from pathlib import Path

import pandas as pd

from exposure.onet import load_onet
from exposure.scoring import score_tasks
from exposure.scoring.learned import load_model, score_learned


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", default=os.environ.get("EXPOSURE_MIRROR")
                        or str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--large", type=int, default=200_000, help="rows of the throughput input")
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings")
    args = parser.parse_args(argv)

    onet = load_onet("29.1", mirror=args.mirror)
    tasks = onet.tasks.merge(onet.occupations[["onetsoc_code", "title"]], on="onetsoc_code", how="left")
    model = load_model()
    print(f"O*NET 29.1 tasks: {len(tasks):,}")

    def best(fn):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    t_text = best(lambda: score_learned(tasks[["task", "title"]], model=model))
    print(f"learned, text features only      : {t_text:6.2f} s  ({len(tasks) / t_text:,.0f} texts/s)")
    t_onet = best(lambda: score_learned(tasks, onet=onet, model=model))
    print(f"learned, with O*NET work activities: {t_onet:6.2f} s  ({len(tasks) / t_onet:,.0f} texts/s)")
    t_full = best(lambda: score_tasks(tasks, onet=onet, model=model))
    print(f"score_tasks (learned + categories + schema), with O*NET: {t_full:6.2f} s")

    reps = -(-args.large // len(tasks))
    big = pd.concat([tasks[["task", "title"]]] * reps, ignore_index=True).iloc[: args.large]
    t_big = best(lambda: score_learned(big, model=model))
    print(f"large input: {len(big):,} texts in {t_big:.2f} s = {len(big) / t_big:,.0f} texts/s")
    t0 = time.perf_counter()
    score_tasks(big, model=model)
    t_big_full = time.perf_counter() - t0
    print(f"large input, score_tasks end to end (learned + category text rules + schema): "
          f"{t_big_full:.2f} s = {len(big) / t_big_full:,.0f} texts/s")
    tracemalloc.start()  # separate run: tracing slows allocation down
    score_learned(big, model=model)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory (large input): {peak / 2**20:,.0f} MiB; "
          f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
