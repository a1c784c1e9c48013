"""Schemas of the tables written by :mod:`exposure.pipeline` and :mod:`exposure.reports.diff`.

``TaskDigests`` fingerprints each task statement of the O*NET release a recompute used,
so that two output directories can be compared (added, removed, reworded tasks) without
shipping O*NET text. The ``Diff*`` models are the release-diff reports.
"""

from typing import Optional

import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._fields import (
    DIGEST_PATTERN,
    FRACTION,
    INDUSTRY_LEVELS,
    OEWS_NAICS_PATTERN,
    TASK_TYPES,
    TASKS,
    WORKERS,
    fraction_field,
    onetsoc_code_field,
    task_id_field,
)

__all__ = ["TaskDigests", "DiffSummary", "DiffTasks", "DiffOccupations", "DiffSectors"]


class TaskDigests(pa.DataFrameModel):
    """One row per O*NET task statement: its type and a fingerprint of its text."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code.")
    task_id: Series[int] = task_id_field(ge=0)
    task_type: Series[str] = pa.Field(
        nullable=True, isin=TASK_TYPES,
        description="O*NET task type (missing when O*NET gives none).",
    )
    text_digest: Series[str] = pa.Field(
        str_matches=DIGEST_PATTERN,
        description="First 16 hex digits of the sha256 of the normalized task text "
        "(exposure.pipeline.normalize_task_text).",
    )
    dwa_digest: Series[str] = pa.Field(
        str_matches=DIGEST_PATTERN,
        description="First 16 hex digits of the sha256 of the task's sorted DWA ids "
        "(newline-separated; the empty string when it has none).",
    )

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id"]


class DiffSummary(pa.DataFrameModel):
    """Counts of what changed between two output directories."""

    item: Series[str] = pa.Field(description="What is counted, e.g. 'tasks_reworded'.")
    count: Series[int] = pa.Field(ge=0, description="Number of items.", metadata={"unit": "rows"})

    class Config:
        strict = True
        coerce = True
        unique = ["item"]


class DiffTasks(pa.DataFrameModel):
    """Tasks added, removed or reworded, one row per task."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code.")
    task_id: Series[int] = task_id_field(ge=0)
    change: Series[str] = pa.Field(
        isin=["added", "removed", "reworded", "moved"],
        description="added / removed (task_id only in the new / old release), reworded (same "
        "task_id and occupation, different normalized text), moved (same task_id, other "
        "occupation; a moved task whose text changed too has a reworded row as well, under its "
        "new occupation).",
    )
    old_beta: Series[float] = fraction_field("Task beta in the old release.", nullable=True)
    new_beta: Series[float] = fraction_field("Task beta in the new release.", nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id", "change"]


class DiffOccupations(pa.DataFrameModel):
    """Occupation-level exposure in two releases and the change."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code.", unique=True)
    soc_title: Series[str] = pa.Field(nullable=True, description="OEWS title of the SOC code (missing when OEWS publishes the code only inside an aggregate).")
    old_beta: Series[float] = fraction_field("Occupation beta, old release.", nullable=True)
    new_beta: Series[float] = fraction_field("Occupation beta, new release.", nullable=True)
    delta_beta: Series[float] = pa.Field(ge=-1, le=1, nullable=True, description="new_beta - old_beta.", metadata=FRACTION)
    old_n_tasks: Series[float] = pa.Field(ge=0, nullable=True, description="Task rows, old release.", metadata=TASKS)
    new_n_tasks: Series[float] = pa.Field(ge=0, nullable=True, description="Task rows, new release.", metadata=TASKS)
    tasks_changed: Series[int] = pa.Field(ge=0, description="Tasks of the occupation added, removed, reworded or moved.", metadata=TASKS)
    tasks_dwas_changed: Series[int] = pa.Field(ge=0, description="Tasks kept (same id and occupation) whose linked DWAs changed.", metadata=TASKS)
    tasks_type_changed: Series[int] = pa.Field(ge=0, description="Tasks kept whose task type (Core/Supplemental) changed.", metadata=TASKS)

    class Config:
        strict = True
        coerce = True


class DiffSectors(pa.DataFrameModel):
    """Sector- or subsector-level exposure in two releases and the change."""

    naics: Series[str] = pa.Field(str_matches=OEWS_NAICS_PATTERN, description="NAICS code as published by OEWS.")
    level: Series[str] = pa.Field(isin=INDUSTRY_LEVELS, description="Industry level.")
    naics_title: Series[str] = pa.Field(nullable=True, description="Industry title.")
    old_beta: Series[float] = fraction_field("Employment-weighted beta, old.", nullable=True)
    new_beta: Series[float] = fraction_field("Employment-weighted beta, new.", nullable=True)
    delta_beta: Series[float] = pa.Field(ge=-1, le=1, nullable=True, description="new_beta - old_beta.", metadata=FRACTION)
    old_exposed_workers: Optional[Series[float]] = pa.Field(ge=0, nullable=True, description="Exposed workers, old.", metadata=WORKERS)
    new_exposed_workers: Optional[Series[float]] = pa.Field(ge=0, nullable=True, description="Exposed workers, new.", metadata=WORKERS)

    class Config:
        strict = True
        coerce = True
        unique = ["naics", "level"]
