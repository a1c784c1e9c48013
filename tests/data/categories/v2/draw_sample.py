"""Draw the blind validation sample of the task categories (version 2, 2026-12-02).

Design (docs/methods/categories.md, "Validation"):

- stratum ``uniform``: 260 tasks drawn uniformly at random, without replacement, from all
  18,796 task statements of O*NET 29.1;
- stratum ``enriched``: 140 further tasks drawn uniformly from the tasks of occupations
  where the categories concentrate (SOC major group 43 office and administrative support,
  minor group 15-12 computer occupations, major group 27 arts, design, entertainment,
  sports and media), excluding tasks already drawn;
- ``double``: a random 110 of the 400 (seeded) are labelled a second time by an
  independent annotator, for inter-annotator agreement.

``inclusion_prob`` is each task's probability of entering the sample (uniform draw, or the
enriched draw for enriched-population tasks: 1 - (1 - n_u/N)(1 - n_e/(N_e - overlap)),
approximated with independent draws); ``weight`` = 1 / ``inclusion_prob`` gives the
population estimates. Only ids and design columns are written (no O*NET text).

Run from the repository root: ``python tests/data/categories/v2/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261202
N_UNIFORM = 260
N_ENRICHED = 140
N_DOUBLE = 110


def enriched(code: pd.Series) -> pd.Series:
    """True for O*NET-SOC codes of the enriched population (43-, 15-12, 27-)."""
    return code.str.startswith("43-") | code.str.startswith("15-12") | code.str.startswith("27-")


def main(path: str) -> None:
    tasks = pd.read_csv(path, sep="\t", dtype=str, usecols=["O*NET-SOC Code", "Task ID"])
    tasks.columns = ["onetsoc_code", "task_id"]
    tasks["task_id"] = tasks["task_id"].astype(int)
    tasks = tasks.sort_values(["onetsoc_code", "task_id"]).reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    n_all = len(tasks)
    uni = rng.choice(n_all, size=N_UNIFORM, replace=False)
    is_enr = enriched(tasks["onetsoc_code"]).to_numpy()
    pool = np.setdiff1d(np.flatnonzero(is_enr), uni)
    enr = rng.choice(pool, size=N_ENRICHED, replace=False)
    n_enr_pop = int(is_enr.sum())
    p_u = N_UNIFORM / n_all
    p_e = N_ENRICHED / len(pool)
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
    double = rng.choice(len(sample), size=N_DOUBLE, replace=False)
    sample["double"] = False
    sample.loc[double, "double"] = True
    out = Path(__file__).with_name("sample.csv")
    sample.to_csv(out, index=False, lineterminator="\n")
    print(f"{len(sample)} tasks ({N_UNIFORM} uniform of {n_all}, {N_ENRICHED} enriched of "
          f"{n_enr_pop}), {N_DOUBLE} double-labelled -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
