"""Draw the third blind validation sample of the task categories (version 4, 2026-12-05).

Why: the tagger was revised on 5 December 2026 after reading the errors of the v3 sample,
so its figures on v3 are optimistic. This sample measures the revised tagger on tasks that
no sample of the project has held (v3's included): it is labelled from the operational
definitions, blind to the tagger, and scored once.

Design: :func:`fresh_sample.draw`'s, among the O*NET 29.1 tasks that
:func:`fresh_sample.earlier_samples` (4) do not hold: 240 tasks drawn uniformly,
120 more from the enriched occupations, 100 of the 360 labelled twice.

Run from the repository root: ``python tests/data/categories/v4/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fresh_sample import main  # noqa: E402

SEED = 20261206
N_UNIFORM = 240
N_ENRICHED = 120
N_DOUBLE = 100


if __name__ == "__main__":
    main(4, seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED, n_double=N_DOUBLE)
