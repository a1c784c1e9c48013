"""Draw the fourth blind validation sample of the task categories (version 5, 2026-12-05).

Why: v3 and v4 found the tagger's admin recall low outside office occupations, and the rules
were revised a second time on 5 December 2026 after reading both samples' errors. This
larger sample (twice v3's uniform stratum, for the power to see a change there) decides
whether that revision is shipped: it is labelled from the operational definitions, blind to
the tagger and its revisions, and scored once with the shipped and the revised tagger.

Design: :func:`fresh_sample.draw`'s, among the O*NET 29.1 tasks that
:func:`fresh_sample.earlier_samples` (5) do not hold: 480 tasks drawn uniformly,
120 more from the enriched occupations, 100 of the 600 labelled twice.

Run from the repository root: ``python tests/data/categories/v5/draw_sample.py
../shared/data/onet/29.1/Task\\ Statements.txt``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fresh_sample import main  # noqa: E402

SEED = 20261207
N_UNIFORM = 480
N_ENRICHED = 120
N_DOUBLE = 100


if __name__ == "__main__":
    main(5, seed=SEED, n_uniform=N_UNIFORM, n_enriched=N_ENRICHED, n_double=N_DOUBLE)
