"""Schemas of the rollup tables (:mod:`exposure.rollup`).

Occupation (O*NET-SOC), SOC/OEWS, sector and workforce tables share measure names:
``alpha``, ``beta``, ``gamma`` (Eloundou et al. exposure measures), ``share_e1``,
``share_exposed`` (share of tasks labelled E1, and E1 or E2) and the category shares
``share_admin``, ``share_routine_coding``, ``share_entry_creative``. All are fractions
in [0, 1]; a missing value means no scored task (or no scored occupation) contributed.
Bootstrap confidence bounds, when computed, are the optional ``<measure>_ci_low`` and
``<measure>_ci_high`` columns (2.5th and 97.5th percentiles of the draws).
"""

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure._measures import CATEGORIES, EXPOSURE_MEASURES
from exposure.schemas._base import CHECK_COLUMNS
from exposure.schemas._fields import (
    INDUSTRY_LEVELS,
    OEWS_NAICS_PATTERN,
    SOC_PATTERN,
    TASKS,
    fraction_field,
    onetsoc_code_field,
    soc_code_field,
    workers_field,
)

__all__ = ["OccupationScores", "SocScores", "SectorScores", "WorkforceStats", "WorkingTime"]

#: The codes of a NAICS column of the rollups: OEWS's (``11``, ``31-33``, ``113000``).
#: A code is text: a pattern makes :func:`exposure.schemas.check_codes` refuse a number
#: (``113000.0`` of a column R or pandas wrote as numbers was read as the code ``'113000.0'``).
_NAICS = OEWS_NAICS_PATTERN[1:-2]
#: A ``code`` of the working-time table: an OEWS occupation code or a NAICS sector.
SOC_OR_NAICS_PATTERN = rf"^({SOC_PATTERN[1:-2]}|{_NAICS})\Z"
#: A ``group`` of the workforce table: ``all``, a task category, a SOC major group or a NAICS sector.
GROUP_PATTERN = rf"^(all|{'|'.join(CATEGORIES)}|[0-9]{{2}}-0000|{_NAICS})\Z"


def _measure(text):
    """A measure, share or bootstrap bound: a fraction, missing when nothing was scored."""
    return fraction_field(text, nullable=True)


def ordered(df: pd.DataFrame, low: str, high: str) -> pd.Series:
    """``df[low] <= df[high]`` where both are given (True where either is missing or absent).

    Examples
    --------
    >>> ordered(pd.DataFrame({"a": [0.1, 0.5, None], "b": [0.2, 0.4, 0.1]}), "a", "b").tolist()
    [True, False, True]
    """
    if low not in df.columns or high not in df.columns:
        return pd.Series(True, index=df.index)
    lo, hi = df[low].astype(float), df[high].astype(float)
    return lo.isna() | hi.isna() | (lo <= hi)


class _Measures(pa.DataFrameModel):
    alpha: Series[float] = _measure("Weighted mean of task alpha (E1 = 1, E2 = 0, E0 = 0).")
    beta: Series[float] = _measure("Weighted mean of task beta (E1 = 1, E2 = 0.5, E0 = 0).")
    gamma: Series[float] = _measure("Weighted mean of task gamma (E1 = 1, E2 = 1, E0 = 0).")
    share_e1: Series[float] = _measure("Weighted share of tasks labelled E1.")
    share_exposed: Series[float] = _measure("Weighted share of tasks labelled E1 or E2.")
    share_admin: Series[float] = _measure("Weighted share of administrative tasks.")
    share_routine_coding: Series[float] = _measure("Weighted share of routine coding tasks.")
    share_entry_creative: Series[float] = _measure("Weighted share of entry-level creative tasks.")
    alpha_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of alpha.")
    alpha_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of alpha.")
    beta_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of beta.")
    beta_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of beta.")
    gamma_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of gamma.")
    gamma_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of gamma.")

    @pa.dataframe_check(description="alpha_ci_low is at most alpha_ci_high")
    def alpha_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "alpha_ci_low", "alpha_ci_high")

    @pa.dataframe_check(description="beta_ci_low is at most beta_ci_high")
    def beta_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "beta_ci_low", "beta_ci_high")

    @pa.dataframe_check(description="gamma_ci_low is at most gamma_ci_high")
    def gamma_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "gamma_ci_low", "gamma_ci_high")


class OccupationScores(_Measures):
    """Exposure of each O*NET-SOC occupation, weighted over its tasks."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code.", unique=True)
    title: Optional[Series[str]] = pa.Field(nullable=True, description="O*NET-SOC occupation title.")
    n_tasks: Series[int] = pa.Field(ge=0, description="Number of task rows of the occupation.", metadata=TASKS)
    n_scored: Series[int] = pa.Field(
        ge=0, description="Number of task rows with a value of alpha, beta or gamma (a measure may be left empty on every row).", metadata=TASKS
    )
    weights: Series[str] = pa.Field(
        isin=["equal", "core", "importance", "frequency"], description="Task weighting used."
    )

    @pa.dataframe_check(description="n_scored is at most n_tasks")
    def n_scored_within_n_tasks(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "n_scored", "n_tasks")

    class Config:
        strict = True
        coerce = True


class SocScores(_Measures):
    """Exposure of each OEWS occupation code (SOC 2018 detailed code or OEWS aggregate)."""

    soc_code: Series[str] = soc_code_field(
        "OEWS occupation code (SOC 2018 detailed or an OEWS aggregate).", unique=True
    )
    soc_title: Series[str] = pa.Field(nullable=True, description="OEWS occupation title.")
    tot_emp: Series[float] = workers_field(
        "Cross-industry employment (missing when not released).", nullable=True
    )
    a_mean: Series[float] = pa.Field(
        ge=0, nullable=True, description="Mean annual wage (missing when not released or top-coded).",
        metadata={"unit": "USD per year"},
    )
    n_onet: Series[int] = pa.Field(
        ge=0, description="Number of O*NET-SOC occupations of the occupation scores (those with a row "
        "there) mapped to the code.")
    crosswalk_weight: Series[float] = fraction_field(
        "Share of the combination weight of the O*NET occupations the crosswalk maps to the code "
        "that carried a score, counting those without a row in the occupation scores (an O*NET "
        "'All Other' code without tasks weighs 1 under combine='equal'): 1 when every child is "
        "scored, 0 when none is, missing when nothing is mapped.",
        nullable=True,
    )

    class Config:
        strict = True
        coerce = True


class SectorScores(_Measures):
    """Employment-weighted exposure of a NAICS sector or 3-digit subsector."""

    naics: Series[str] = pa.Field(
        str_matches=OEWS_NAICS_PATTERN, description="NAICS code as published by OEWS (e.g. '31-33', '113000')."
    )
    naics_title: Series[str] = pa.Field(nullable=True, description="Industry title as OEWS publishes it.")
    title: Optional[Series[str]] = pa.Field(
        nullable=True,
        description="Industry title without OEWS's 'Sector 52 - ' prefix (e.g. 'Finance and Insurance').",
    )
    level: Series[str] = pa.Field(isin=INDUSTRY_LEVELS, description="Industry level.")
    tot_emp: Series[float] = workers_field("Industry employment (the 'All Occupations' row).", nullable=True)
    covered_emp: Series[float] = workers_field("Employment in released detailed cells that received a score.")
    coverage: Series[float] = fraction_field("covered_emp / tot_emp.", nullable=True)
    exposed_workers: Series[float] = workers_field(
        "Workers in covered occupations whose beta exceeds the exposure threshold."
    )
    suppressed_cells: Series[int] = pa.Field(
        ge=0, description="Detailed occupation cells whose employment is not released ('**')."
    )
    suppressed_emp: Series[float] = workers_field(
        "Employment of the suppressed cells estimated as the industry total minus the "
        "released detailed cells (missing when the total is not released).",
        nullable=True,
    )

    class Config:
        strict = True
        coerce = True
        unique = ["naics", "level"]


class WorkforceStats(pa.DataFrameModel):
    """Workforce statistics of one measure for one group of workers."""

    group_type: Series[str] = pa.Field(
        isin=["all", "major", "sector", "category"], description="How workers are grouped."
    )
    group: Series[str] = pa.Field(
        str_matches=GROUP_PATTERN, description="Group code ('all', SOC major group, NAICS sector or category)."
    )
    group_title: Series[str] = pa.Field(nullable=True, description="Group title.")
    measure: Series[str] = pa.Field(isin=list(EXPOSURE_MEASURES), description="Exposure measure.")
    tot_emp: Series[float] = workers_field("Released employment of the group.")
    covered_emp: Series[float] = workers_field("Employment in occupations with a score.")
    share_ge_10: Series[float] = _measure("Share of covered workers in occupations with measure >= 0.10.")
    share_gt_50: Series[float] = _measure("Share of covered workers in occupations with measure > 0.50.")
    emp_mean: Series[float] = _measure("Employment-weighted mean of the measure.")
    wage_mean: Series[float] = _measure("Wage-bill-weighted mean (weight tot_emp * a_mean).")
    share_ge_10_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of share_ge_10.")
    share_ge_10_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of share_ge_10.")
    share_gt_50_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of share_gt_50.")
    share_gt_50_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of share_gt_50.")
    emp_mean_ci_low: Optional[Series[float]] = _measure("Bootstrap 2.5th percentile of emp_mean.")
    emp_mean_ci_high: Optional[Series[float]] = _measure("Bootstrap 97.5th percentile of emp_mean.")

    @pa.dataframe_check(description="share_ge_10_ci_low is at most share_ge_10_ci_high")
    def share_ge_10_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "share_ge_10_ci_low", "share_ge_10_ci_high")

    @pa.dataframe_check(description="share_gt_50_ci_low is at most share_gt_50_ci_high")
    def share_gt_50_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "share_gt_50_ci_low", "share_gt_50_ci_high")

    @pa.dataframe_check(description="emp_mean_ci_low is at most emp_mean_ci_high")
    def emp_mean_ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "emp_mean_ci_low", "emp_mean_ci_high")

    class Config:
        strict = True
        coerce = True
        unique = ["group_type", "group", "measure"]


class WorkingTime(pa.DataFrameModel):
    """Working-time scenario: workers whose saveable hours reach 10% and 20% of the week."""

    level: Series[str] = pa.Field(isin=["soc", "sector"], description="Occupation or sector row.")
    code: Series[str] = pa.Field(str_matches=SOC_OR_NAICS_PATTERN, description="OEWS occupation code or NAICS sector code.")
    title: Series[str] = pa.Field(nullable=True, description="Occupation or sector title.")
    gain: Series[float] = fraction_field("Assumed productivity gain on exposed time.")
    tot_emp: Series[float] = workers_field("Employment.", nullable=True)
    covered_emp: Series[float] = workers_field("Employment with a score.")
    saveable_share: Series[float] = _measure(
        "Employment-weighted mean share of the week that could be saved (gain * exposed time)."
    )
    saveable_hours: Series[float] = pa.Field(
        ge=0, nullable=True, description="saveable_share times the hours of the week.",
        metadata={"unit": "hours per week"},
    )
    workers_ge_10: Series[float] = workers_field("Workers whose saveable time is at least 10% of the week.")
    workers_ge_20: Series[float] = workers_field("Workers whose saveable time is at least 20% of the week.")

    class Config:
        strict = True
        coerce = True
        unique = ["level", "code"]


# the column each row-wise check judges (named in its errors)
for _model in ("OccupationScores", "SocScores", "SectorScores"):
    CHECK_COLUMNS.update({(_model, f"{m}_ci_ordered"): f"{m}_ci_low" for m in ("alpha", "beta", "gamma")})
CHECK_COLUMNS.update({("WorkforceStats", f"{m}_ci_ordered"): f"{m}_ci_low"
                      for m in ("share_ge_10", "share_gt_50", "emp_mean")})
CHECK_COLUMNS[("OccupationScores", "n_scored_within_n_tasks")] = "n_scored"
