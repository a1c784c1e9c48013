"""Draw a thirteenth, fresh set of train-split tasks to paraphrase in job-posting style (2026-12-06, after trial T5, kept for the next change to the free-text path).

The first twelve sets (``paraphrase_sample.csv``, ``_v2`` to ``_v12``) were seen (the fourth by trial T, the fifth by trial T2,
the sixth by trial G, the seventh for trial H, the eighth by trial H, the ninth by trial I, the tenth by trial T3, the eleventh by trial T4, the twelfth by trial T5) while model settings, the free-text rewriting and the
training-time rewording were chosen, so they are no longer a clean test. This thirteenth set holds 260 task statements of the
Eloundou et al. training split (``full_labelset_train.tsv``), drawn with the first set's procedure (uniformly at random
without replacement with a fixed seed, at most 2 per O*NET occupation), EXCLUDING every
(onetsoc_code, task_id) of the first twelve sets. Only ids are written
(``paraphrase_sample_v13.csv``); the paraphrases (``paraphrases_v13.csv``) were written by a
helper from the task statements and occupation titles alone, blind to the labels, the scorer and the earlier
paraphrases, before any scorer was run on them.

Run from the repository root: ``python tests/data/scoring/freetext/draw_paraphrase_sample_v13.py
../shared/data/reference/eloundou2023/full_labelset_train.tsv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from draw_paraphrase_sample import draw, earlier_ids, write  # noqa: E402  (the first set's procedure)

SEED = 20261215
N = 260


def main(path: str) -> None:
    write(draw(path, SEED, N, earlier_ids("paraphrase_sample.csv", "paraphrase_sample_v2.csv", "paraphrase_sample_v3.csv", "paraphrase_sample_v4.csv",
                                     "paraphrase_sample_v5.csv", "paraphrase_sample_v6.csv",
                                     "paraphrase_sample_v7.csv", "paraphrase_sample_v8.csv",
                                     "paraphrase_sample_v9.csv", "paraphrase_sample_v10.csv",
                                     "paraphrase_sample_v11.csv", "paraphrase_sample_v12.csv")),
          "paraphrase_sample_v13.csv")

if __name__ == "__main__":
    main(sys.argv[1])
