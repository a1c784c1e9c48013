"""Draw the dev/test split of ``boilerplate_v3.csv`` (2026-12-07, round 80).

``boilerplate_v3.csv`` holds lines of job postings written by hand as from many postings (tech,
retail, health, trades, hospitality, the public sector; British and European wordings): 256
lines that name no duty (kinds ``title``, ``pay``, ``benefits``, ``company``, ``eeo``,
``requirement``, ``education``, ``experience``, ``schedule``, ``location``, ``apply``,
``heading``, ``placeholder``) and 120 duties in the style of a posting (kind ``duty``), none of
them a line of ``boilerplate_v1.csv`` or ``boilerplate_v2.csv``. They were written, and this
split drawn, before the rules of ``exposure.scoring._features.POSTING_PATTERNS`` were run on
them: the rules were then widened on the ``dev`` half only, and measured once on the ``test``
half.

The split: within each kind, the lines in the order of the file are shuffled with a fixed
seed and the first half (rounded up) is ``dev``, the rest ``test``. Running the script again
writes the same file.

Run from the repository root: ``python tests/data/scoring/freetext/draw_boilerplate_v3.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261280
PATH = Path(__file__).with_name("boilerplate_v3.csv")


def draw(frame: pd.DataFrame, seed: int = SEED) -> pd.Series:
    """The ``split`` of each row of ``frame`` (half of each kind ``dev``, the rest ``test``)."""
    rng = np.random.default_rng(seed)
    split = pd.Series("test", index=frame.index)
    for kind in sorted(frame["kind"].unique()):
        rows = frame.index[frame["kind"] == kind].to_numpy()
        chosen = rng.permutation(rows)[: (len(rows) + 1) // 2]
        split[chosen] = "dev"
    return split


def main() -> None:
    frame = pd.read_csv(PATH, dtype=str, keep_default_na=False)
    frame["split"] = draw(frame)
    frame[["text", "kind", "split"]].to_csv(PATH, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
