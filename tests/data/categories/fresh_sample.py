"""Draw a blind validation sample of the task categories among tasks no earlier sample holds.

Shared by the draws of the samples v2 to v9 (``v*/draw_sample.py`` give the
seed and the sizes; v2 excludes no earlier sample, v3 on :func:`earlier_samples`). The
design, on the O*NET task statements of a release less the tasks of the earlier samples:

- stratum ``uniform``: ``n_uniform`` tasks drawn uniformly at random, without replacement;
- stratum ``enriched``: ``n_enriched`` further tasks drawn uniformly from the tasks of the
  occupations where the categories concentrate (SOC major group 43, minor group 15-12,
  major group 27), excluding tasks already drawn;
- ``double``: a random ``n_double`` of them are labelled a second time.

``inclusion_prob`` is ``1 - (1 - n_u/N)(1 - n_e/(N_e - overlap))`` for enriched-population
tasks and ``n_u/N`` otherwise (N the population above); ``weight`` = 1 / ``inclusion_prob``.
Only ids and design columns are written (no O*NET text).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def enriched(code: pd.Series) -> pd.Series:
    """True for O*NET-SOC codes of the enriched population (43-, 15-12, 27-)."""
    return code.str.startswith("43-") | code.str.startswith("15-12") | code.str.startswith("27-")


def draw(path, out: Path, *, seed: int, n_uniform: int, n_enriched: int, n_double: int,
         earlier: list[Path]) -> pd.DataFrame:
    """Draw the sample from the task statements ``path`` (O*NET's tab-separated file), write ``out``."""
    tasks = pd.read_csv(path, sep="\t", dtype=str, usecols=["O*NET-SOC Code", "Task ID"])
    tasks.columns = ["onetsoc_code", "task_id"]
    tasks["task_id"] = tasks["task_id"].astype(int)
    keys = set()
    for p in earlier:
        seen = pd.read_csv(p, dtype={"onetsoc_code": str, "task_id": int}, usecols=["onetsoc_code", "task_id"])
        keys.update(zip(seen["onetsoc_code"], seen["task_id"]))
    fresh = [k not in keys for k in zip(tasks["onetsoc_code"], tasks["task_id"])]
    n_release = len(tasks)
    tasks = tasks[fresh].sort_values(["onetsoc_code", "task_id"]).reset_index(drop=True)
    rng = np.random.default_rng(seed)
    n_all = len(tasks)
    uni = rng.choice(n_all, size=n_uniform, replace=False)
    is_enr = enriched(tasks["onetsoc_code"]).to_numpy()
    pool = np.setdiff1d(np.flatnonzero(is_enr), uni)
    enr = rng.choice(pool, size=n_enriched, replace=False)
    p_u = n_uniform / n_all
    p_e = n_enriched / len(pool)
    rows = []
    for stratum, idx in (("uniform", np.sort(uni)), ("enriched", np.sort(enr))):
        part = tasks.iloc[idx].copy()
        part.insert(2, "stratum", stratum)
        part["enriched_population"] = is_enr[idx]
        rows.append(part)
    sample = pd.concat(rows, ignore_index=True)
    prob = np.where(sample["enriched_population"], 1 - (1 - p_u) * (1 - p_e), p_u)
    sample["inclusion_prob"] = prob.round(8)
    sample["weight"] = (1 / prob).round(6)
    double = rng.choice(len(sample), size=n_double, replace=False)
    sample["double"] = False
    sample.loc[double, "double"] = True
    sample.to_csv(out, index=False, lineterminator="\n")
    print(f"{len(sample)} tasks ({n_uniform} uniform of {n_all} fresh of {n_release}, {n_enriched} enriched "
          f"of {int(is_enr.sum())}), {n_double} double-labelled -> {out}")
    return sample


def earlier_samples(version: int) -> list[Path]:
    """The samples a fresh sample ``v<version>`` (3 or more) excludes: the development ones and v2 to v<version - 1>."""
    here = Path(__file__).resolve().parent
    return [here / "hand_checked_v1.csv", here / "hand_checked_holdout_v1.csv", here / "dev_v2.csv",
            *(here / f"v{k}" / "sample.csv" for k in range(2, version))]


def main(version: int, *, seed: int, n_uniform: int, n_enriched: int, n_double: int) -> pd.DataFrame:
    """Draw ``v<version>/sample.csv`` from the task statements named on the command line."""
    import sys

    out = Path(__file__).resolve().parent / f"v{version}" / "sample.csv"
    return draw(sys.argv[1], out, seed=seed, n_uniform=n_uniform, n_enriched=n_enriched, n_double=n_double,
                earlier=earlier_samples(version))
