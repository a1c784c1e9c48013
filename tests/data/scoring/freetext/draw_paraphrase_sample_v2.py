"""Draw a second, fresh set of train-split tasks to paraphrase in job-posting style (2026-12-03).

The first set (``paraphrase_sample.csv``, drawn 2026-12-02) was looked at while model
settings were chosen, so it is no longer a clean test. This second set holds 260 task
statements of the Eloundou et al. training split (``full_labelset_train.tsv``), drawn
uniformly at random without replacement with a fixed seed, at most 2 per O*NET occupation
so the sample spreads over the grouped cross-validation folds, and EXCLUDING every
(onetsoc_code, task_id) already in ``paraphrase_sample.csv``. Only ids are written
(``paraphrase_sample_v2.csv``); the paraphrases themselves (``paraphrases_v2.csv``) were
written by hand from the task statements alone, blind to the labels, reworded as a job
posting, CV bullet or survey answer would, with the same duties, before any scorer was run
on them.

Run from the repository root: ``python tests/data/scoring/freetext/draw_paraphrase_sample_v2.py
../shared/data/reference/eloundou2023/full_labelset_train.tsv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261203
N = 260
PER_OCCUPATION = 2


def main(path: str) -> None:
    labels = pd.read_csv(path, sep="\t", usecols=["O*NET-SOC Code", "Task ID"])
    labels.columns = ["onetsoc_code", "task_id"]
    labels["task_id"] = labels["task_id"].astype(int)
    labels = labels.drop_duplicates().sort_values(["onetsoc_code", "task_id"]).reset_index(drop=True)
    first = pd.read_csv(Path(__file__).with_name("paraphrase_sample.csv"), dtype={"onetsoc_code": str})
    first_keys = set(zip(first["onetsoc_code"], first["task_id"].astype(int)))
    seen = [(c, t) in first_keys for c, t in zip(labels["onetsoc_code"], labels["task_id"])]
    labels = labels[~np.array(seen, dtype=bool)].reset_index(drop=True)
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(labels))
    shuffled = labels.iloc[order]
    kept = shuffled[shuffled.groupby("onetsoc_code").cumcount() < PER_OCCUPATION].head(N)
    out = Path(__file__).with_name("paraphrase_sample_v2.csv")
    kept.sort_values(["onetsoc_code", "task_id"]).to_csv(out, index=False, lineterminator="\n")
    print(f"{len(kept)} tasks from {kept['onetsoc_code'].nunique()} occupations -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
