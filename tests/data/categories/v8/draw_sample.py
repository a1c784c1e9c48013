"""Draw the seventh blind validation sample of the task categories (version 8, 2026-12-05).

Why: v7 decided tagger v4, and its errors (with those of v5 and v6) were then read to
revise the rules again, so that revision needs tasks no sample has held. This sample is
labelled from the operational definitions, blind to the tagger, its rules and every
earlier label, and decides whether that revision replaces tagger v4: each is scored on it
once. Its design is v7's.

Design (as v5's, on the tasks no earlier sample holds):

- the population: the 18,796 task statements of O*NET 29.1 less the tasks of
  ``hand_checked_v1.csv``, ``hand_checked_holdout_v1.csv``, ``dev_v2.csv`` and
  ``v2/sample.csv`` to ``v7/sample.csv``;
- stratum ``uniform``: 480 tasks drawn uniformly at random, without replacement, from it;
- stratum ``enriched``: 240 further tasks drawn uniformly from its tasks of the occupations
  where the categories concentrate (SOC major group 43, minor group 15-12, major group 27),
  excluding tasks already drawn;
- ``double``: a random 100 of the 720 are labelled a second time by an independent
  annotator.

``inclusion_prob`` and ``weight`` as in v2 (``1 - (1 - n_u/N)(1 - n_e/(N_e - overlap))``
for enriched-population tasks, ``n_u/N`` otherwise; N the population above). Only ids and
design columns are written (no O*NET text).

Run from the repository root: ``python tests/data/categories/v8/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fresh_sample import draw  # noqa: E402

SEED = 20261210
N_UNIFORM = 480
N_ENRICHED = 240
N_DOUBLE = 100
EARLIER = [HERE.parent / "hand_checked_v1.csv", HERE.parent / "hand_checked_holdout_v1.csv",
           HERE.parent / "dev_v2.csv", *(HERE.parent / f"v{k}" / "sample.csv" for k in range(2, 8))]


if __name__ == "__main__":
    draw(sys.argv[1], HERE / "sample.csv", seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED,
         n_double=N_DOUBLE, earlier=EARLIER)
