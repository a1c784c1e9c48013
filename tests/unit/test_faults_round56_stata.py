"""Fault round 56: number columns missing on every row written to Stata files.

``exposure._io.write_stata`` (``exposure score -o scores.dta``, ``exposure rollup --format
dta``) wrote a float column missing on every row as a string column of empty strings: the
rubric scores' ``confidence``, and ``similarity`` / ``nearest_task_id`` when every row is an
O*NET task given with its ids. Stata then read a number as text (``destring`` needed, and
``summarize`` saw no observations of a string). Now such a column stays a number column of
missing values; an all-missing object column (which pandas cannot type) is still a string.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from exposure._io import write_stata


def test_all_missing_float_column_stays_numeric(tmp_path):
    frame = pd.DataFrame({"beta": [0.2, 0.4], "confidence": [np.nan, np.nan]})
    write_stata(frame, tmp_path / "s.dta")
    back = pd.read_stata(tmp_path / "s.dta")
    assert pd.api.types.is_float_dtype(back["confidence"])
    assert back["confidence"].isna().all()
    assert back["beta"].tolist() == [0.2, 0.4]


def test_all_missing_object_column_is_still_text(tmp_path):
    frame = pd.DataFrame({"beta": [0.2, 0.4], "note": [None, None]})
    write_stata(frame, tmp_path / "s.dta")
    back = pd.read_stata(tmp_path / "s.dta")
    assert back["note"].tolist() == ["", ""]
