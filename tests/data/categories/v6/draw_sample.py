"""Draw the fifth blind validation sample of the task categories (version 6, 2026-12-05).

Why: tagger v3 was shipped on v5's evidence, and every earlier sample has now been read
while the rules were revised, so a next revision needs tasks none of them holds. This
sample is labelled from the operational definitions, blind to the tagger, its rules and
every earlier label, and decides whether the revision built after v5 (a component learned
from the labelled samples v1 to v5) replaces tagger v3: each is scored on it once.

Design: :func:`fresh_sample.draw`'s, among the O*NET 29.1 tasks that
:func:`fresh_sample.earlier_samples` (6) do not hold: 480 tasks drawn uniformly,
120 more from the enriched occupations, 100 of the 600 labelled twice.

Run from the repository root: ``python tests/data/categories/v6/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fresh_sample import main  # noqa: E402

SEED = 20261208
N_UNIFORM = 480
N_ENRICHED = 120
N_DOUBLE = 100


if __name__ == "__main__":
    main(6, seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED, n_double=N_DOUBLE)
