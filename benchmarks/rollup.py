"""Speed of the rollups (prints timings; no assertions).

1. Synthetic data (seeded): 1,000,000 task rows over 10,000 O*NET occupations, mapped to
   5,000 OEWS codes, employment in 300 industries (sectors) -> to_occupations, to_soc,
   to_sectors. Target: under 2 s.
2. Real data (needs the mirror: $EXPOSURE_MIRROR or ../shared/data): bootstrap with 1,000
   draws of the Eloundou et al. human labels (14,421 tasks, resampling tasks) and of the
   O*NET 29.1 task statements (18,796 tasks) with seeded random probabilities (resampling
   tasks and drawing labels, as for the learned scorer), carried through OEWS codes,
   sectors and workforce shares by :func:`exposure.rollup.rollup`. Target: under 30 s.

Run: ``python benchmarks/rollup.py``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from exposure.rollup import label_scores, rollup, to_occupations, to_sectors, to_soc


def synthetic(seed: int = 0, n_tasks: int = 1_000_000, n_occ: int = 10_000, n_soc: int = 5_000,
              n_ind: int = 300, occ_per_ind: int = 500):
    rng = np.random.default_rng(seed)
    # detailed SOC codes never end in 0 (XX-0000 is a major group, XX-XXX0 a broad one: to_soc
    # refuses a group given beside its own occupations)
    detailed = [i // 9 * 10 + i % 9 + 1 for i in range(n_soc)]
    occ_codes = np.array([f"{10 + d // 10000:02d}-{d % 10000:04d}.{j:02d}" for d in detailed for j in (0, 1)])
    occ_codes = occ_codes[:n_occ]
    soc_of_occ = np.array([c[:7] for c in occ_codes])
    group = np.sort(rng.integers(0, n_occ, n_tasks))
    labels = rng.choice(np.array(["E0", "E1", "E2"], dtype=object), n_tasks, p=[0.5, 0.2, 0.3])
    ts = pd.DataFrame({"onetsoc_code": occ_codes[group], "task_id": np.arange(n_tasks),
                       "label": labels,
                       "task_type": rng.choice(np.array(["Core", "Supplemental"], dtype=object), n_tasks),
                       "admin": rng.random(n_tasks) < 0.2})
    ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    xw = pd.DataFrame({"onetsoc_code": occ_codes, "soc_code": soc_of_occ})
    soc = np.unique(soc_of_occ)
    nat = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                        "occ_code": soc, "occ_title": "x", "o_group": "detailed",
                        "tot_emp": rng.integers(100, 100_000, len(soc)).astype(float),
                        "a_mean": rng.integers(20_000, 200_000, len(soc)).astype(float)})
    ind = np.repeat(np.arange(n_ind), occ_per_ind)
    # 300 industries: 3-digit NAICS codes (to_sectors refuses a sector row that is not one of
    # the 20 sectors' two-digit codes)
    cells = pd.DataFrame({"naics": [f"{100 + i}" for i in ind], "naics_title": "industry",
                          "i_group": "3-digit",
                          "occ_code": soc[np.concatenate([rng.choice(len(soc), occ_per_ind, replace=False)
                                                          for _ in range(n_ind)])],
                          "occ_title": "x", "o_group": "detailed",
                          "tot_emp": np.where(rng.random(len(ind)) < 0.05, np.nan, rng.integers(10, 5000, len(ind))),
                          "a_mean": 50_000.0})
    emp = pd.concat([nat, cells], ignore_index=True)
    return ts, xw, emp


def bench_synthetic(repeat: int = 3) -> None:
    ts, xw, emp = synthetic()
    for run in range(1, repeat + 1):
        t0 = time.perf_counter()
        occ = to_occupations(ts, weights="core")
        t1 = time.perf_counter()
        soc = to_soc(occ, xw, emp)
        t2 = time.perf_counter()
        sec = to_sectors(soc, emp, level="subsector")
        t3 = time.perf_counter()
        if run == 1:
            print(f"synthetic: {len(ts):,} task rows, {len(occ):,} occupations, {len(soc):,} OEWS codes, "
                  f"{len(sec)} industries")
        print(f"  run {run}: to_occupations {t1 - t0:.2f} s, to_soc {t2 - t1:.2f} s, "
              f"to_sectors {t3 - t2:.2f} s; total {t3 - t0:.2f} s (target < 2 s)")


def _mirror() -> Path | None:
    env = os.environ.get("EXPOSURE_MIRROR")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"
    return path if (path / "MANIFEST.tsv").is_file() else None


def bench_bootstrap(mirror: Path) -> None:
    from exposure.crosswalks import load_onet_to_soc
    from exposure.measures.eloundou import read_task_labels
    from exposure.oews import load_oews
    from exposure.onet import read_tasks
    from exposure.rollup import scores_from_labels

    xw = load_onet_to_soc(mirror=mirror)
    emp = load_oews("2025", "by_industry", mirror=mirror)
    labels = read_task_labels(mirror / "reference/eloundou2023/full_labelset_train.tsv")
    ts = scores_from_labels(labels, "human_exposure_agg")
    t0 = time.perf_counter()
    rollup(ts, xw, emp, weights="core", n_draws=1000, seed=0)
    t1 = time.perf_counter()
    print(f"bootstrap, human labels ({len(ts):,} tasks), 1,000 draws through OEWS codes, sectors, "
          f"subsectors and workforce: {t1 - t0:.2f} s (target < 30 s)")
    tasks = read_tasks(mirror / "onet/29.1/Task Statements.txt")
    rng = np.random.default_rng(0)
    p = rng.dirichlet([2.0, 1.0, 1.5], len(tasks))
    learned = tasks[["onetsoc_code", "task_id", "task_type"]].copy()
    learned[["p_e0", "p_e1", "p_e2"]] = p
    learned["label"] = np.array(["E0", "E1", "E2"], dtype=object)[p.argmax(axis=1)]
    learned["alpha"], learned["beta"], learned["gamma"] = p[:, 1], p[:, 1] + 0.5 * p[:, 2], p[:, 1] + p[:, 2]
    learned["method"] = "learned"
    t0 = time.perf_counter()
    r = rollup(learned, xw, emp, weights="core", n_draws=1000, seed=0)
    t1 = time.perf_counter()
    print(f"bootstrap, O*NET 29.1 tasks with drawn labels ({len(learned):,} tasks), 1,000 draws: "
          f"{t1 - t0:.2f} s (target < 30 s); coverage {r.coverage['share']:.4f} "
          f"(prefix match alone {r.coverage['prefix_share']:.4f})")


if __name__ == "__main__":
    bench_synthetic()
    mirror = _mirror()
    if mirror is None:
        print("real-data bootstrap skipped: no mirror ($EXPOSURE_MIRROR or ../shared/data)")
    else:
        bench_bootstrap(mirror)
