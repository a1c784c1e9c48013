"""Draw the ninth blind validation sample of the task categories (version 10, 2026-12-06).

Why: v9 decided tagger v6, and its errors (with those of v5 to v8) are then read to
revise the rules again, so that revision needs tasks no sample has held. This sample is
labelled from the operational definitions, blind to the tagger, its rules and every
earlier label, and decides whether that revision replaces tagger v6: each is scored on it
once. Its design is v7's to v9's.

Design: :func:`fresh_sample.draw`'s, among the O*NET 29.1 tasks that
:func:`fresh_sample.earlier_samples` (10) do not hold: 480 tasks drawn uniformly,
240 more from the enriched occupations, 100 of the 720 labelled twice.

Run from the repository root: ``python tests/data/categories/v10/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fresh_sample import main  # noqa: E402

SEED = 20261213
N_UNIFORM = 480
N_ENRICHED = 240
N_DOUBLE = 100


if __name__ == "__main__":
    main(10, seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED, n_double=N_DOUBLE)
