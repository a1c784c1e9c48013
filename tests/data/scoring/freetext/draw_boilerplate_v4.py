"""Draw the dev/test split of ``boilerplate_v4.csv`` (2026-12-07, round 81).

``boilerplate_v4.csv`` holds lines of job postings written by hand as from many postings (US,
UK, Irish, Australian, Indian and Canadian; tech, retail, health, trades, logistics,
hospitality, finance, the public sector, charities, gig work and remote startups; LinkedIn,
Indeed, Reed, SEEK and Naukri wordings, with emoji, capitals, bullets and numbers): 288 lines
that name no duty (kinds ``title``, ``pay``, ``benefits``, ``company``, ``eeo``,
``requirement``, ``education``, ``experience``, ``schedule``, ``location``, ``apply``,
``heading``, ``placeholder``) and 153 duties in the style of a posting (kind ``duty``: bullets,
"You will...", "Responsible for...", "Key duties: ...", a colon or dash clause, short
imperatives), none of them a line of ``boilerplate_v1.csv``, ``boilerplate_v2.csv`` or
``boilerplate_v3.csv``. They were written, and this split drawn, without reading the rules of
``exposure.scoring._features.POSTING_PATTERNS`` and before anything was scored on them: tune
on the ``dev`` half only, and measure once on the ``test`` half.

The split: within each kind, the lines in the order of the file are shuffled with a fixed
seed and the first half (rounded up) is ``dev``, the rest ``test``. Running the script again
writes the same file.

Run from the repository root: ``python tests/data/scoring/freetext/draw_boilerplate_v4.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261281
PATH = Path(__file__).with_name("boilerplate_v4.csv")


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
