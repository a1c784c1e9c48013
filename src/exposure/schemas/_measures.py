"""Schemas of the published reference measures (:mod:`exposure.measures`).

Each loader returns the measure on its own codes first (SOC 2010, occ1990dd, SOC 2018,
O*NET tasks, ISCO-08); the crosswalked, comparable form is :class:`MeasureScores`, one
row per SOC 2018 code and measure.
"""

import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._fields import (
    FRACTION,
    ISCO_UNIT_PATTERN,
    TASKS,
    fraction_field,
    soc_code_field,
    workers_field,
)

__all__ = [
    "FeltenOccupationScores",
    "FeltenIndustryScores",
    "WebbScores",
    "MicrosoftApplicability",
    "AnthropicTaskUsage",
    "AnthropicTaskCollaboration",
    "IloScores",
    "MeasureScores",
    "MeasureCoverage",
]


class FeltenOccupationScores(pa.DataFrameModel):
    """Felten, Raj and Seamans AI occupational exposure (AIOE, LM-AIOE or image AIOE)."""

    soc10_code: Series[str] = soc_code_field("SOC 2010 detailed code.", unique=True)
    title: Series[str] = pa.Field(description="Occupation title as published.")
    aioe: Series[float] = pa.Field(
        description="AI occupational exposure, standardized across occupations (mean 0, sd 1).",
        metadata={"unit": "standard deviations"},
    )

    class Config:
        strict = True
        coerce = True


class FeltenIndustryScores(pa.DataFrameModel):
    """Felten, Raj and Seamans AI industry exposure (AIIE, LM-AIIE or image AIIE)."""

    naics: Series[str] = pa.Field(
        str_matches=r"^[0-9]{4}(A[0-9])?\Z",
        description="NAICS 4-digit industry as published; OEWS-style partial aggregates "
        "keep their suffix (e.g. '3250A1') or, in the original appendix, repeat the code "
        "with a different title.",
    )
    title: Series[str] = pa.Field(description="Industry title as published.")
    aiie: Series[float] = pa.Field(
        description="AI industry exposure, standardized across industries.",
        metadata={"unit": "standard deviations"},
    )

    class Config:
        strict = True
        coerce = True
        unique = ["naics", "title"]


class WebbScores(pa.DataFrameModel):
    """Webb (2020) exposure percentiles by occ1990dd occupation."""

    occ1990dd: Series[str] = pa.Field(
        str_matches=r"^[0-9]{1,3}\Z", unique=True, description="Dorn's occ1990dd code."
    )
    title: Series[str] = pa.Field(description="occ1990dd title.")
    lswt2010: Series[float] = pa.Field(
        ge=0, description="Labour-supply weight of the occupation in 2010.", metadata={"unit": "hours"}
    )
    webb_software: Series[float] = fraction_field(
        "Software exposure: employment-weighted percentile / 100 (empty where unpublished).", nullable=True
    )
    webb_robot: Series[float] = fraction_field(
        "Robot exposure: employment-weighted percentile / 100 (empty where unpublished).", nullable=True
    )
    webb_ai: Series[float] = fraction_field(
        "AI exposure: employment-weighted percentile / 100 (empty where unpublished).", nullable=True
    )

    class Config:
        strict = True
        coerce = True


class MicrosoftApplicability(pa.DataFrameModel):
    """Tomlinson et al. (2025) AI applicability score by SOC 2018 code."""

    soc_code: Series[str] = soc_code_field("SOC 2018 detailed code.", unique=True)
    title: Series[str] = pa.Field(description="Occupation title as published.")
    ai_applicability_score: Series[float] = fraction_field("Mean of user-goal and AI-action applicability.")

    class Config:
        strict = True
        coerce = True


class AnthropicTaskUsage(pa.DataFrameModel):
    """Anthropic Economic Index: share of Claude conversations per O*NET task text."""

    task_name: Series[str] = pa.Field(unique=True, description="Lower-cased O*NET task text as published.")
    usage_share: Series[float] = fraction_field("Share of conversations mapped to the task (pct / 100).")

    class Config:
        strict = True
        coerce = True


class AnthropicTaskCollaboration(pa.DataFrameModel):
    """Anthropic Economic Index: automation vs augmentation patterns per task text."""

    task_name: Series[str] = pa.Field(unique=True, description="Lower-cased O*NET task text as published.")
    directive: Series[float] = fraction_field("Share 'directive' (automation).")
    feedback_loop: Series[float] = fraction_field("Share 'feedback loop' (automation).")
    task_iteration: Series[float] = fraction_field("Share 'task iteration' (augmentation).")
    validation: Series[float] = fraction_field("Share 'validation' (augmentation).")
    learning: Series[float] = fraction_field("Share 'learning' (augmentation).")
    filtered: Series[float] = fraction_field("Share not classified (filtered out).")
    automation: Series[float] = fraction_field("directive + feedback_loop.")
    augmentation: Series[float] = fraction_field("task_iteration + validation + learning.")
    usage_share: Series[float] = fraction_field("Share of conversations on the task.", nullable=True)

    class Config:
        strict = True
        coerce = True


class IloScores(pa.DataFrameModel):
    """Gmyrek et al. (2025) generative-AI exposure by ISCO-08 unit group."""

    isco08_code: Series[str] = pa.Field(
        str_matches=ISCO_UNIT_PATTERN, unique=True, description="ISCO-08 4-digit unit group."
    )
    title: Series[str] = pa.Field(description="ISCO-08 title.")
    n_tasks: Series[int] = pa.Field(ge=1, description="Number of ISCO tasks scored.", metadata=TASKS)
    mean_score_2025: Series[float] = fraction_field("Mean task exposure score, 2025 update.")
    sd_2025: Series[float] = pa.Field(ge=0, description="SD of task scores, 2025.", metadata=FRACTION)
    mean_score_2023: Series[float] = fraction_field("Mean task exposure score, 2023 study.")
    sd_2023: Series[float] = pa.Field(ge=0, description="SD of task scores, 2023.", metadata=FRACTION)
    gradient_2025: Series[str] = pa.Field(
        description="2025 exposure class ('Not Exposed', 'Minimal Exposure', 'Exposed: Gradient 1..4')."
    )
    gradient_level_2025: Series[int] = pa.Field(
        ge=-1, le=4, description="Gradient as a number: -1 not exposed, 0 minimal, 1-4 gradients."
    )
    potential_2023: Series[str] = pa.Field(description="2023 class (automation / augmentation / ...).")

    class Config:
        strict = True
        coerce = True


class MeasureScores(pa.DataFrameModel):
    """Published measures on SOC 2018 codes, long format (one row per code and measure)."""

    soc_code: Series[str] = soc_code_field("SOC 2018 detailed code.")
    measure: Series[str] = pa.Field(description="Measure name, e.g. 'felten_aioe', 'webb_ai'.")
    value: Series[float] = pa.Field(description="Score on the measure's own scale (see the methods page).")
    crosswalk_weight: Series[float] = pa.Field(
        gt=0, description="Sum of crosswalk link weights reaching this code (1 = one-to-one).",
        metadata={"unit": "source codes"},
    )
    n_sources: Series[int] = pa.Field(ge=1, description="Number of source codes averaged.")

    class Config:
        strict = True
        coerce = True
        unique = ["soc_code", "measure"]


class MeasureCoverage(pa.DataFrameModel):
    """How much of a measure reached SOC 2018 and how much employment it covers."""

    measure: Series[str] = pa.Field(unique=True, description="Measure name.")
    source_codes: Series[int] = pa.Field(ge=0, description="Codes in the published file.")
    matched_codes: Series[int] = pa.Field(ge=0, description="Source codes with at least one SOC 2018 link.")
    match_rate: Series[float] = fraction_field("matched_codes / source_codes.")
    soc_codes: Series[int] = pa.Field(ge=0, description="SOC 2018 codes with a value.")
    emp_covered: Series[float] = workers_field("OEWS May 2025 employment of the SOC codes with a value.")
    emp_share: Series[float] = fraction_field("emp_covered / employment of all detailed OEWS codes.")

    class Config:
        strict = True
        coerce = True
