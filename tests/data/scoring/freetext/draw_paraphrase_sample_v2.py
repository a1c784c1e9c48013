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

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from draw_paraphrase_sample import draw, write  # noqa: E402  (the first set's procedure)

SEED = 20261203
N = 260


def main(path: str) -> None:
    first = pd.read_csv(Path(__file__).with_name("paraphrase_sample.csv"), dtype={"onetsoc_code": str})
    exclude = set(zip(first["onetsoc_code"], first["task_id"].astype(int)))
    write(draw(path, SEED, N, exclude), "paraphrase_sample_v2.csv")


if __name__ == "__main__":
    main(sys.argv[1])
