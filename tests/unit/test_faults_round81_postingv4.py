"""Round 81: the job-posting rule on a set written by someone who never read it (``boilerplate_v4.csv``).

``boilerplate_v4.csv`` (288 lines of postings that name no duty, 153 duties in posting
style; US, UK, Irish, Australian, Indian and Canadian postings) was written by a helper who
did not open the rule (``exposure.scoring._features``) nor run the scorer on it, and split
in halves by ``draw_boilerplate_v4.py`` (seeded, within each kind). Measured with the rule
of ``02d94e4`` (round 80) before any change: **test half 84 of 141 non-duty lines caught,
2 of 76 duties flagged** (``"Duties include: sweeping, mopping and emptying bins."``, ``"Your
tasks: picking, packing and dispatching online orders."``); dev half 78 of 147, 0 of 77.
After round 81's first change (written on v1-v3 only, without opening v4): test 84 of 141,
the same. After the second (written on v4's ``dev`` half, the test rows never read):
**test half 94 of 141 caught, 0 of 76 duties flagged**, measured once; dev 119 of 147, 0 of
77. The counts pinned here are those, as floors: a later change may catch more, never fewer,
and may flag no duty.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from exposure.scoring._features import posting_lines

V4 = Path(__file__).resolve().parents[1] / "data" / "scoring" / "freetext" / "boilerplate_v4.csv"


@pytest.mark.parametrize(("split", "caught", "non_duty", "duties"), [("dev", 119, 147, 77), ("test", 94, 141, 76)])
def test_v4_posting_lines_caught_and_no_duty_flagged(split, caught, non_duty, duties):
    sets = pd.read_csv(V4, dtype=str, keep_default_na=False)
    half = sets[sets["split"] == split]
    duty = (half["kind"] == "duty").to_numpy()
    assert (int((~duty).sum()), int(duty.sum())) == (non_duty, duties)
    flags = posting_lines(half["text"].tolist())
    assert int((flags & ~duty).sum()) >= caught
    assert not (flags & duty).any(), half["text"][flags & duty].tolist()


def test_the_split_is_the_script_s():
    import importlib.util

    spec = importlib.util.spec_from_file_location("draw_boilerplate_v4", V4.with_name("draw_boilerplate_v4.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.PATH == V4
    sets = pd.read_csv(V4, dtype=str, keep_default_na=False)
    assert not sets["text"].duplicated().any()
    assert module.draw(sets).tolist() == sets["split"].tolist()
