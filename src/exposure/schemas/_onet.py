"""Pandera models of the O*NET tables (parsed by :mod:`exposure.onet`).

Column names follow O*NET's own database names in snake_case. Codes are strings:
O*NET-SOC codes look like ``11-1011.00``, task IDs are integers, DWA/IWA/element IDs are
content-model strings such as ``4.A.2.a.4.I09.D03``. Missing values published as ``n/a``
(or left empty) are parsed as missing (``<NA>``).
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._base import CHECK_COLUMNS
from exposure.schemas._fields import (
    DATE_PATTERN,
    DWA_PATTERN,
    ELEMENT_PATTERN,
    IWA_PATTERN,
    TASK_TYPES,
    onetsoc_code_field,
    task_id_field,
)

__all__ = [
    "Occupations",
    "Tasks",
    "TaskRatings",
    "TaskDwas",
    "Dwas",
    "Iwas",
    "JobZones",
    "EmergingTasks",
]

_CODE = "O*NET-SOC 2019 occupation code (``11-1011.00``); ``O*NET-SOC Code`` in the file."
_DATE = "Month and year the row was last updated, as published (``MM/YYYY``)."
_SOURCE = "Source of the data (e.g. Incumbent, Occupational Expert, Analyst)."


class Occupations(pa.DataFrameModel):
    """O*NET occupations (``Occupation Data``) with their job zone merged in."""

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description="Occupation title.")
    description: Series[str] = pa.Field(description="Occupation description.")
    job_zone: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        le=5,
        description="Job zone 1-5 (preparation needed) from ``Job Zones``; missing for "
        "occupations without one (e.g. 'All Other' codes).",
        metadata={"unit": "job zone (1-5)"},
    )

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code"]


class Tasks(pa.DataFrameModel):
    """O*NET task statements (``Task Statements``), one row per occupation and task."""

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    task_id: Series[int] = task_id_field()
    task: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Task statement text, verbatim (quotes kept)."
    )
    task_type: Series[str] = pa.Field(
        nullable=True,
        isin=TASK_TYPES,
        description="Core or Supplemental; missing (``n/a`` in the file) when O*NET has no "
        "rating of relevance/importance for the task.",
    )
    incumbents_responding: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        description="Number of incumbents who rated the task; missing when not surveyed.",
        metadata={"unit": "persons"},
    )
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN, description=_DATE)
    domain_source: Series[str] = pa.Field(description=_SOURCE)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id"]


class TaskRatings(pa.DataFrameModel):
    """O*NET task ratings (``Task Ratings``).

    Importance (IM, 1-5), relevance (RT, 0-100 %) and frequency (FT, categories 1-7, each
    in % of respondents).
    """

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    task_id: Series[int] = task_id_field()
    scale_id: Series[str] = pa.Field(
        isin=["IM", "RT", "FT"],
        description="Rating scale: IM importance (1-5), RT relevance (0-100 %), FT frequency "
        "category share (0-100 %).",
    )
    category: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        le=7,
        description="Frequency category 1 (yearly or less) to 7 (hourly or more) for scale FT; "
        "missing (``n/a``) for IM and RT.",
    )
    data_value: Series[float] = pa.Field(
        ge=0, le=100, description="Rating: mean importance for IM, percent for RT and FT.",
        metadata={"unit": "IM: 1-5 scale; RT, FT: percent"},
    )
    n: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Sample size.", metadata={"unit": "persons"}
    )
    standard_error: Series[float] = pa.Field(
        nullable=True, ge=0, description="Standard error of ``data_value``."
    )
    lower_ci_bound: Series[float] = pa.Field(
        nullable=True, description="Lower bound of the 95% confidence interval."
    )
    upper_ci_bound: Series[float] = pa.Field(
        nullable=True, description="Upper bound of the 95% confidence interval."
    )
    recommend_suppress: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="O*NET recommends suppressing the value (``Y``/``N``)."
    )
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN, description=_DATE)
    domain_source: Series[str] = pa.Field(description=_SOURCE)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id", "scale_id", "category"]

    @pa.dataframe_check(description="IM (importance) values lie in [1, 5].")
    def im_range(cls, df: pd.DataFrame) -> pd.Series:
        return (df["scale_id"] != "IM") | df["data_value"].between(1, 5)

    @pa.dataframe_check(description="FT rows have a category, IM/RT rows none.")
    def category_by_scale(cls, df: pd.DataFrame) -> pd.Series:
        ft = df["scale_id"] == "FT"
        return (ft & df["category"].notna()) | (~ft & df["category"].isna())


# the column each row-wise check of TaskRatings judges (named in its errors)
CHECK_COLUMNS.update({("TaskRatings", "im_range"): "data_value",
                      ("TaskRatings", "category_by_scale"): "category"})


class TaskDwas(pa.DataFrameModel):
    """Links of tasks to detailed work activities (``Tasks to DWAs``)."""

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    task_id: Series[int] = task_id_field()
    dwa_id: Series[str] = pa.Field(
        str_matches=DWA_PATTERN, description="Detailed work activity ID (``4.A.2.a.4.I09.D03``)."
    )
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN, description=_DATE)
    domain_source: Series[str] = pa.Field(description=_SOURCE)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id", "dwa_id"]


class Dwas(pa.DataFrameModel):
    """Detailed work activities (``DWA Reference``)."""

    dwa_id: Series[str] = pa.Field(str_matches=DWA_PATTERN, description="DWA ID.")
    dwa_title: Series[str] = pa.Field(str_length={"min_value": 1}, description="DWA title.")
    iwa_id: Series[str] = pa.Field(
        str_matches=IWA_PATTERN, description="Intermediate work activity the DWA belongs to."
    )
    element_id: Series[str] = pa.Field(
        str_matches=ELEMENT_PATTERN,
        description="Generalized work activity (content-model element, ``4.A.1.a.1``).",
    )

    class Config:
        strict = True
        coerce = True
        unique = ["dwa_id"]


class Iwas(pa.DataFrameModel):
    """Intermediate work activities (``IWA Reference``)."""

    iwa_id: Series[str] = pa.Field(str_matches=IWA_PATTERN, description="IWA ID.")
    iwa_title: Series[str] = pa.Field(str_length={"min_value": 1}, description="IWA title.")
    element_id: Series[str] = pa.Field(
        str_matches=ELEMENT_PATTERN, description="Generalized work activity (element) ID."
    )

    class Config:
        strict = True
        coerce = True
        unique = ["iwa_id"]


class JobZones(pa.DataFrameModel):
    """Job zone of each occupation (``Job Zones``)."""

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    job_zone: Series[int] = pa.Field(
        ge=1, le=5, description="Job zone 1-5.", metadata={"unit": "job zone (1-5)"}
    )
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN, description=_DATE)
    domain_source: Series[str] = pa.Field(description=_SOURCE)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code"]


class EmergingTasks(pa.DataFrameModel):
    """New and revised tasks suggested by incumbents (``Emerging Tasks``)."""

    onetsoc_code: Series[str] = onetsoc_code_field(_CODE)
    task: Series[str] = pa.Field(str_length={"min_value": 1}, description="Emerging task text.")
    category: Series[str] = pa.Field(
        isin=["New", "Revision"], description="New task, or revision of an existing task."
    )
    original_task_id: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Task ID revised (Revision rows); missing for New."
    )
    original_task: Series[str] = pa.Field(
        nullable=True, description="Text of the revised task (Revision rows); missing for New."
    )
    date: Series[str] = pa.Field(str_matches=DATE_PATTERN, description=_DATE)
    domain_source: Series[str] = pa.Field(description=_SOURCE)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task"]
