"""Pandera model of the OEWS employment and wage table (parsed by :mod:`exposure.oews`).

Column names are BLS's published names in snake_case lower case. BLS special values are
parsed into missing numbers plus boolean flags: ``**`` (employment not released) and
``*`` (wage or RSE not released) set ``<col>_not_released``; ``#`` (wage at or above the
top-code, e.g. $239,200/yr in May 2025) sets ``<col>_top_coded``; ``~`` (a share below
0.5 %, only in columns we do not keep) is treated as not released.
"""

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._fields import OEWS_NAICS_PATTERN, soc_code_field

__all__ = ["Employment", "EMPLOYMENT_KEY", "I_GROUPS", "O_GROUPS"]

#: Industry aggregation levels (``I_GROUP``).
I_GROUPS = [
    "cross-industry",
    "cross-industry, ownership",
    "sector",
    "3-digit",
    "4-digit",
    "4-digit, ownership",
    "5-digit",
    "6-digit",
]
#: Occupation aggregation levels (``O_GROUP``).
O_GROUPS = ["total", "major", "minor", "broad", "detailed"]
#: The columns that name one cell (row) of an OEWS table. BLS lists an occupation it
#: publishes no further than its broad group twice, as ``broad`` and as ``detailed``
#: (``13-1020``), and an industry it publishes no further than 3 digits twice, as
#: ``3-digit`` and as ``4-digit`` (``327000``, in its 3-digit and 4-digit tables): both
#: levels are part of the key. Without ``i_group``, BLS's 3-digit and 4-digit tables in one
#: file were refused as the same cell given twice.
EMPLOYMENT_KEY = ["naics", "i_group", "occ_code", "o_group"]

_HOURLY = {"unit": "USD per hour"}
_ANNUAL = {"unit": "USD per year"}
#: Number columns that must be finite (``ge=0`` lets infinity through).
_NUMBERS = [
    "tot_emp", "emp_prse", "h_mean", "a_mean", "mean_prse",
    *(f"{unit}_{stat}" for unit in "ha" for stat in ("pct10", "pct25", "median", "pct75", "pct90")),
]


def _wage(what: str, meta: dict):
    return pa.Field(
        nullable=True,
        ge=0,
        description=f"{what}; missing when BLS did not release it (``*``) or top-coded (``#``).",
        metadata=meta,
    )


def _flag(what: str):
    return pa.Field(description=what)


class Employment(pa.DataFrameModel):
    """OEWS national employment and wages by industry (``naics``) and occupation."""

    naics: Series[str] = pa.Field(
        str_matches=OEWS_NAICS_PATTERN,
        description="Industry code as published by OEWS (string; ``000000`` cross-industry).",
    )
    occ_code: Series[str] = soc_code_field("SOC 2018 occupation code (``00-0000`` = all).")
    o_group: Series[str] = pa.Field(
        isin=O_GROUPS,
        description="Occupation level: total, major, minor, broad or detailed. Part of the "
        "key: BLS lists a few codes (e.g. ``13-1020``) both as broad and as detailed.",
    )
    naics_title: Series[str] = pa.Field(description="Industry title.")
    i_group: Series[str] = pa.Field(
        isin=I_GROUPS,
        description="Industry level (``I_GROUP``). Part of the key: BLS lists an industry it publishes "
        "no further than 3 digits (e.g. ``327000``) both as 3-digit and as 4-digit.",
    )
    occ_title: Series[str] = pa.Field(description="Occupation title.")
    tot_emp: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Employment (excluding self-employed); missing when not released (``**``).",
        metadata={"unit": "jobs"},
    )
    emp_prse: Series[float] = pa.Field(
        nullable=True, ge=0, description="Relative standard error of ``tot_emp``.",
        metadata={"unit": "percent"},
    )
    h_mean: Series[float] = _wage("Mean hourly wage", _HOURLY)
    a_mean: Series[float] = _wage("Mean annual wage", _ANNUAL)
    mean_prse: Series[float] = pa.Field(
        nullable=True, ge=0, description="Relative standard error of the mean wage.",
        metadata={"unit": "percent"},
    )
    h_pct10: Series[float] = _wage("10th percentile hourly wage", _HOURLY)
    h_pct25: Series[float] = _wage("25th percentile hourly wage", _HOURLY)
    h_median: Series[float] = _wage("Median hourly wage", _HOURLY)
    h_pct75: Series[float] = _wage("75th percentile hourly wage", _HOURLY)
    h_pct90: Series[float] = _wage("90th percentile hourly wage", _HOURLY)
    a_pct10: Series[float] = _wage("10th percentile annual wage", _ANNUAL)
    a_pct25: Series[float] = _wage("25th percentile annual wage", _ANNUAL)
    a_median: Series[float] = _wage("Median annual wage", _ANNUAL)
    a_pct75: Series[float] = _wage("75th percentile annual wage", _ANNUAL)
    a_pct90: Series[float] = _wage("90th percentile annual wage", _ANNUAL)
    annual: Series[bool] = _flag("Only annual wages are published (``ANNUAL`` = TRUE).")
    hourly: Series[bool] = _flag("Only hourly wages are published (``HOURLY`` = TRUE).")
    tot_emp_not_released: Series[bool] = _flag("``TOT_EMP`` was ``**`` (not released).")
    h_mean_not_released: Series[bool] = _flag("``H_MEAN`` was ``*`` (not released).")
    a_mean_not_released: Series[bool] = _flag("``A_MEAN`` was ``*`` (not released).")
    h_median_not_released: Series[bool] = _flag("``H_MEDIAN`` was ``*`` (not released).")
    a_median_not_released: Series[bool] = _flag("``A_MEDIAN`` was ``*`` (not released).")
    h_mean_top_coded: Series[bool] = _flag("``H_MEAN`` was ``#`` (at or above the top-code).")
    a_mean_top_coded: Series[bool] = _flag("``A_MEAN`` was ``#`` (at or above the top-code).")
    h_median_top_coded: Series[bool] = _flag("``H_MEDIAN`` was ``#`` (top-coded).")
    a_median_top_coded: Series[bool] = _flag("``A_MEDIAN`` was ``#`` (top-coded).")
    any_top_coded: Series[bool] = _flag(
        "Any wage column (mean or percentile, hourly or annual) was ``#`` (top-coded)."
    )

    @pa.check(*_NUMBERS, name="finite")
    def _finite(cls, values: Series[float]) -> Series[bool]:
        """Counts, wages and standard errors are finite (or missing: ``nullable`` decides).

        ``ge=0`` lets infinity through, and an infinite wage (``inf`` in a hand-edited
        file) passed ``exposure validate`` and then failed the roll-up.
        """
        return values.isna() | np.isfinite(values.astype(float))

    class Config:
        strict = True
        coerce = True
        unique = EMPLOYMENT_KEY
