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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from fresh_sample import draw  # noqa: E402

SEED = 20261202
N_UNIFORM = 260
N_ENRICHED = 140
N_DOUBLE = 110


if __name__ == "__main__":
    draw(sys.argv[1], HERE / "sample.csv", seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED,
         n_double=N_DOUBLE, earlier=[])
