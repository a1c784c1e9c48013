"""Draw the train-split tasks that were paraphrased in job-posting style (2026-12-02).

240 task statements of the Eloundou et al. training split (``full_labelset_train.tsv``),
drawn uniformly at random without replacement with a fixed seed, at most 2 per O*NET
occupation so the sample spreads over the grouped cross-validation folds. Only ids are
written (``paraphrase_sample.csv``); the paraphrases themselves (``paraphrases.csv``) were
written by hand from the task statements, reworded as a job posting would, with the same
duties, before any scorer was run on them.

Run from the repository root: ``python tests/data/scoring/freetext/draw_paraphrase_sample.py
../shared/data/reference/eloundou2023/full_labelset_train.tsv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261202
N = 240
PER_OCCUPATION = 2


def draw(path: str, seed: int = SEED, n: int = N, exclude=()) -> pd.DataFrame:
    """``n`` labelled tasks (ids), at most ``PER_OCCUPATION`` per occupation, none of ``exclude``.

    ``exclude``: (onetsoc_code, task_id) pairs left out before the draw (a later set leaves
    out the tasks of the earlier ones).
    """
    labels = pd.read_csv(path, sep="\t", usecols=["O*NET-SOC Code", "Task ID"])
    labels.columns = ["onetsoc_code", "task_id"]
    labels["task_id"] = labels["task_id"].astype(int)
    labels = labels.drop_duplicates().sort_values(["onetsoc_code", "task_id"]).reset_index(drop=True)
    if exclude:
        left_out = set(exclude)
        seen = [(c, t) in left_out for c, t in zip(labels["onetsoc_code"], labels["task_id"])]
        labels = labels[~np.array(seen, dtype=bool)].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    shuffled = labels.iloc[order]
    kept = shuffled[shuffled.groupby("onetsoc_code").cumcount() < PER_OCCUPATION].head(n)
    return kept.sort_values(["onetsoc_code", "task_id"])


def write(kept: pd.DataFrame, name: str) -> None:
    """Write the drawn ids beside this script."""
    out = Path(__file__).with_name(name)
    kept.to_csv(out, index=False, lineterminator="\n")
    print(f"{len(kept)} tasks from {kept['onetsoc_code'].nunique()} occupations -> {out}")


def earlier_ids(*names: str) -> set:
    """The (onetsoc_code, task_id) pairs of earlier samples (files beside this script)."""
    pairs: set = set()
    for name in names:
        seen = pd.read_csv(Path(__file__).with_name(name), dtype={"onetsoc_code": str})
        pairs |= set(zip(seen["onetsoc_code"], seen["task_id"].astype(int)))
    return pairs


def main(path: str) -> None:
    write(draw(path), "paraphrase_sample.csv")


if __name__ == "__main__":
    main(sys.argv[1])
