"""Schemas of the outcomes tables (:mod:`exposure.outcomes`) and the Census OCC crosswalk.

- :class:`OccupationPanel`: OEWS national employment and wages per occupation code and
  May reference year (2021-2025), codes harmonised on SOC 2018 / OEWS codes;
- :class:`EventStudyCoefficients`: one coefficient per measure, outcome, specification
  and year of the event study;
- :class:`GroupGrowth`: employment and mean-wage growth of exposure groups (quintiles);
- :class:`OnetToCensus`: O*NET-SOC 2019 -> Census 2018 OCC code;
- :class:`CensusScores`: our measures on Census 2018 OCC codes
  (:func:`exposure.rollup.to_census_occ`).
"""

from typing import Optional

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._base import CHECK_COLUMNS
from exposure.schemas._fields import (
    SOC_MAJOR_PATTERN,
    WORKERS,
    fraction_field,
    onetsoc_code_field,
    soc_code_field,
    workers_field,
)
from exposure.schemas._rollup import ordered

__all__ = [
    "OccupationPanel",
    "EventStudyCoefficients",
    "GroupGrowth",
    "OnetToCensus",
    "CensusScores",
    "CENSUS_OCC_PATTERN",
    "OUTCOMES",
    "SPECS",
]

#: Census 2018 occupation code (``OCC`` of CPS and ACS microdata): four digits, leading
#: zeros kept (``0010``).
CENSUS_OCC_PATTERN = r"^[0-9]{4}\Z"
#: Outcomes of the event study: log employment and log annual mean wage.
OUTCOMES = ["log_emp", "log_wage"]
_USD = {"unit": "USD per year"}
_YEAR = {"unit": "year"}


class OccupationPanel(pa.DataFrameModel):
    """OEWS national (cross-industry) employment and wages per occupation and May year."""

    soc_code: Series[str] = soc_code_field(
        "SOC 2018 detailed code, or the OEWS aggregate that publishes several of them "
        "(e.g. ``13-1020``); the same code set in every year."
    )
    year: Series[int] = pa.Field(ge=2000, le=2100, description="OEWS May reference year.", metadata=_YEAR)
    soc_title: Series[str] = pa.Field(description="Occupation title as published in that year.")
    soc_major: Series[str] = pa.Field(
        str_matches=SOC_MAJOR_PATTERN, description="SOC major group (``11-0000``)."
    )
    code_type: Series[str] = pa.Field(
        isin=["detailed", "aggregate"],
        description="``detailed``: a SOC 2018 detailed code; ``aggregate``: an OEWS code that "
        "combines several SOC 2018 detailed codes (published as such in every year).",
    )
    tot_emp: Series[float] = workers_field(
        "National employment (May of ``year``); missing when not released (``**``).", nullable=True
    )
    a_mean: Series[float] = pa.Field(
        ge=0, nullable=True, metadata=_USD,
        description="Annual mean wage; missing when not released or top-coded (``#``).",
    )
    a_median: Series[float] = pa.Field(
        ge=0, nullable=True, metadata=_USD,
        description="Annual median wage; missing when not released or top-coded (``#``).",
    )
    balanced: Series[bool] = pa.Field(
        description="True when the code is published with employment in every year of the panel "
        "(the event study uses these codes only)."
    )

    @pa.check("tot_emp", "a_mean", "a_median", name="finite")
    def _finite(cls, values: Series[float]) -> Series[bool]:
        """Counts and wages are finite (or missing: ``nullable`` decides).

        ``ge=0`` lets infinity through, and an infinite employment or wage in a user's
        panel turned the event study into NaNs and a traceback.
        """
        return values.isna() | np.isfinite(values.astype(float))

    class Config:
        strict = True
        coerce = True
        unique = ["soc_code", "year"]


#: Specifications of the event study: the baseline and its robustness checks.
SPECS = "baseline, unweighted, drop_small, drop_major_XX (one SOC major group left out)"


class EventStudyCoefficients(pa.DataFrameModel):
    """Event-study coefficients: exposure x year, relative to the base year."""

    measure: Series[str] = pa.Field(description="Exposure measure (ours or a published one).")
    outcome: Series[str] = pa.Field(isin=OUTCOMES, description="Dependent variable.")
    spec: Series[str] = pa.Field(
        str_matches=r"^(baseline|unweighted|drop_small|drop_major_[0-9]{2})\Z",
        description=f"Specification: {SPECS}.",
    )
    year: Series[int] = pa.Field(description="May reference year of the coefficient.", metadata=_YEAR)
    coef: Series[float] = pa.Field(
        nullable=True,
        description="Change in the log outcome relative to the base year for one standard "
        "deviation more exposure (0 in the base year, by construction).",
        metadata={"unit": "log points per SD"},
    )
    se: Series[float] = pa.Field(
        ge=0, nullable=True, description="Standard error clustered by occupation (CR1).",
        metadata={"unit": "log points per SD"},
    )
    ci_low: Series[float] = pa.Field(nullable=True, description="Lower bound of the 95% interval.")
    ci_high: Series[float] = pa.Field(nullable=True, description="Upper bound of the 95% interval.")
    p_value: Series[float] = pa.Field(
        ge=0, le=1, nullable=True, description="Two-sided p-value of coef = 0 (t with G - 1 df)."
    )
    n_occupations: Series[int] = pa.Field(ge=0, description="Occupation codes in the estimation.")
    n_obs: Series[int] = pa.Field(ge=0, description="Occupation-year observations.")

    @pa.dataframe_check(description="ci_low is at most ci_high")
    def ci_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "ci_low", "ci_high")

    class Config:
        strict = True
        coerce = True
        unique = ["measure", "outcome", "spec", "year"]


class GroupGrowth(pa.DataFrameModel):
    """Employment and wage growth of the exposure groups of one measure."""

    measure: Series[str] = pa.Field(description="Exposure measure.")
    group: Series[int] = pa.Field(ge=1, description="Exposure group, 1 = least exposed.")
    n_occupations: Series[int] = pa.Field(ge=0, description="Occupation codes in the group.")
    exposure_low: Series[float] = pa.Field(nullable=True, description="Smallest measure value in the group.")
    exposure_high: Series[float] = pa.Field(nullable=True, description="Largest measure value in the group.")
    emp_base: Series[float] = workers_field("Group employment in the base year (May 2022).")
    emp_growth_pre: Series[float] = pa.Field(
        nullable=True, description="Employment growth from May 2021 to May 2022 (pre-period).",
        metadata={"unit": "fraction"},
    )
    emp_growth_post: Series[float] = pa.Field(
        nullable=True, description="Employment growth from May 2022 to May 2025.",
        metadata={"unit": "fraction"},
    )
    wage_growth_pre: Series[float] = pa.Field(
        nullable=True, description="Growth of the employment-weighted mean wage, May 2021 to May 2022.",
        metadata={"unit": "fraction"},
    )
    wage_growth_post: Series[float] = pa.Field(
        nullable=True, description="Growth of the employment-weighted mean wage, May 2022 to May 2025.",
        metadata={"unit": "fraction"},
    )

    @pa.dataframe_check(description="exposure_low is at most exposure_high")
    def exposure_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return ordered(df, "exposure_low", "exposure_high")

    class Config:
        strict = True
        coerce = True
        unique = ["measure", "group"]


class OnetToCensus(pa.DataFrameModel):
    """O*NET-SOC 2019 code -> Census 2018 occupation code (``onet_to_census_occ2018.csv``)."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code.", unique=True)
    onetsoc_title: Series[str] = pa.Field(description="O*NET-SOC 2019 title.")
    census_occ: Series[str] = pa.Field(
        str_matches=CENSUS_OCC_PATTERN, nullable=True,
        description="Census 2018 occupation code (``OCC`` in CPS and ACS), four digits; missing "
        "when the file gives none.",
    )
    job_zone: Series[float] = pa.Field(
        ge=1, le=5, nullable=True, description="O*NET job zone (1-5); missing when O*NET has none."
    )
    data_level: Series[bool] = pa.Field(
        description="True when O*NET collects data for the occupation (``Data-level`` Y)."
    )

    @pa.check("job_zone", name="whole_number")
    def _whole_job_zone(cls, values: Series[float]) -> Series[bool]:
        """job_zone is a whole number (1-5) or missing."""
        values = values.astype(float)
        return values.isna() | (values % 1 == 0)

    class Config:
        strict = True
        coerce = True


class CensusScores(pa.DataFrameModel):
    """Our measures on Census 2018 OCC codes, employment-weighted over the O*NET codes."""

    census_occ: Series[str] = pa.Field(
        str_matches=CENSUS_OCC_PATTERN, unique=True, description="Census 2018 occupation code."
    )
    alpha: Optional[Series[float]] = fraction_field("Employment-weighted mean alpha.", nullable=True)
    beta: Optional[Series[float]] = fraction_field("Employment-weighted mean beta.", nullable=True)
    gamma: Optional[Series[float]] = fraction_field("Employment-weighted mean gamma.", nullable=True)
    share_e1: Optional[Series[float]] = fraction_field("Employment-weighted share of E1 tasks.", nullable=True)
    share_exposed: Optional[Series[float]] = fraction_field(
        "Employment-weighted share of E1 or E2 tasks.", nullable=True)
    share_admin: Optional[Series[float]] = fraction_field(
        "Employment-weighted share of administrative tasks.", nullable=True)
    share_routine_coding: Optional[Series[float]] = fraction_field(
        "Employment-weighted share of routine coding tasks.", nullable=True)
    share_entry_creative: Optional[Series[float]] = fraction_field(
        "Employment-weighted share of entry-level creative tasks.", nullable=True)
    tot_emp: Series[float] = pa.Field(
        ge=0, description="OEWS employment behind the scored O*NET codes of the Census code "
        "(the weights; 0 when none has OEWS employment).", metadata=WORKERS,
    )
    n_onet: Series[int] = pa.Field(ge=0, description="O*NET-SOC codes of the Census code with a score.")
    weighting: Series[str] = pa.Field(
        isin=["employment", "equal", "none"],
        description="``employment``: weights are OEWS employment; ``equal``: no O*NET code of the "
        "Census code has OEWS employment (e.g. military), plain mean; ``none``: nothing scored.",
    )

    class Config:
        coerce = True


# the column each row-wise check judges (named in its errors)
CHECK_COLUMNS.update({("EventStudyCoefficients", "ci_ordered"): "ci_low",
                      ("GroupGrowth", "exposure_ordered"): "exposure_low"})
