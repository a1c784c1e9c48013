"""Draw the fourth blind validation sample of the task categories (version 5, 2026-12-05).

Why: v3 and v4 found the tagger's admin recall low outside office occupations, and the rules
were revised a second time on 5 December 2026 after reading both samples' errors. This
larger sample (twice v3's uniform stratum, for the power to see a change there) decides
whether that revision is shipped: it is labelled from the operational definitions, blind to
the tagger and its revisions, and scored once with the shipped and the revised tagger.

Design (as v2's, on the tasks no earlier sample holds):

- the population: the 18,796 task statements of O*NET 29.1 less the tasks of
  ``hand_checked_v1.csv``, ``hand_checked_holdout_v1.csv``, ``dev_v2.csv`` and
  ``v2/sample.csv``, ``v3/sample.csv`` and ``v4/sample.csv``;
- stratum ``uniform``: 480 tasks drawn uniformly at random, without replacement, from it;
- stratum ``enriched``: 120 further tasks drawn uniformly from its tasks of the occupations
  where the categories concentrate (SOC major group 43, minor group 15-12, major group 27),
  excluding tasks already drawn;
- ``double``: a random 100 of the 600 are labelled a second time by an independent
  annotator.

``inclusion_prob`` and ``weight`` as in v2 (``1 - (1 - n_u/N)(1 - n_e/(N_e - overlap))``
for enriched-population tasks, ``n_u/N`` otherwise; N the population above). Only ids and
design columns are written (no O*NET text).

Run from the repository root: ``python tests/data/categories/v5/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261207
N_UNIFORM = 480
N_ENRICHED = 120
N_DOUBLE = 100
HERE = Path(__file__).resolve().parent
EARLIER = [HERE.parent / "hand_checked_v1.csv", HERE.parent / "hand_checked_holdout_v1.csv",
           HERE.parent / "dev_v2.csv", HERE.parent / "v2" / "sample.csv",
           HERE.parent / "v3" / "sample.csv", HERE.parent / "v4" / "sample.csv"]


def enriched(code: pd.Series) -> pd.Series:
    """True for O*NET-SOC codes of the enriched population (43-, 15-12, 27-)."""
    return code.str.startswith("43-") | code.str.startswith("15-12") | code.str.startswith("27-")


def main(path: str) -> None:
    tasks = pd.read_csv(path, sep="\t", dtype=str, usecols=["O*NET-SOC Code", "Task ID"])
    tasks.columns = ["onetsoc_code", "task_id"]
    tasks["task_id"] = tasks["task_id"].astype(int)
    seen = pd.concat([pd.read_csv(p, dtype={"onetsoc_code": str, "task_id": int},
                                  usecols=["onetsoc_code", "task_id"]) for p in EARLIER])
    keys = set(zip(seen["onetsoc_code"], seen["task_id"]))
    fresh = [k not in keys for k in zip(tasks["onetsoc_code"], tasks["task_id"])]
    n_release = len(tasks)
    tasks = tasks[fresh].sort_values(["onetsoc_code", "task_id"]).reset_index(drop=True)
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
    out = HERE / "sample.csv"
    sample.to_csv(out, index=False, lineterminator="\n")
    print(f"{len(sample)} tasks ({N_UNIFORM} uniform of {n_all} fresh of {n_release}, {N_ENRICHED} enriched of "
          f"{n_enr_pop}), {N_DOUBLE} double-labelled -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
