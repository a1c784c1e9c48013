"""Schemas of the tables written by :mod:`exposure.pipeline` and :mod:`exposure.diff`.

``TaskDigests`` fingerprints each task statement of the O*NET release a recompute used,
so that two output directories can be compared (added, removed, reworded tasks) without
shipping O*NET text. The ``Diff*`` models are the release-diff reports.
"""

from typing import Optional

import pandera.pandas as pa
from pandera.typing import Series

__all__ = ["TaskDigests", "DiffSummary", "DiffTasks", "DiffOccupations", "DiffSectors"]

ONETSOC = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"
FRACTION = {"unit": "fraction"}


class TaskDigests(pa.DataFrameModel):
    """One row per O*NET task statement: its type and a fingerprint of its text."""

    onetsoc_code: Series[str] = pa.Field(str_matches=ONETSOC, description="O*NET-SOC 2019 code.")
    task_id: Series[int] = pa.Field(ge=0, description="O*NET task identifier.")
    task_type: Series[str] = pa.Field(
        nullable=True, isin=["Core", "Supplemental"],
        description="O*NET task type (missing when O*NET gives none).",
    )
    text_digest: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{16}$",
        description="First 16 hex digits of the sha256 of the normalized task text "
        "(exposure.pipeline.normalize_task_text).",
    )
    dwa_digest: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{16}$",
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

    onetsoc_code: Series[str] = pa.Field(str_matches=ONETSOC, description="O*NET-SOC 2019 code.")
    task_id: Series[int] = pa.Field(ge=0, description="O*NET task identifier.")
    change: Series[str] = pa.Field(
        isin=["added", "removed", "reworded", "moved"],
        description="added / removed (task_id only in the new / old release), reworded (same "
        "task_id and occupation, different normalized text), moved (same task_id, other "
        "occupation).",
    )
    old_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Task beta in the old release.", metadata=FRACTION)
    new_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Task beta in the new release.", metadata=FRACTION)

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code", "task_id", "change"]


class DiffOccupations(pa.DataFrameModel):
    """Occupation-level exposure in two releases and the change."""

    onetsoc_code: Series[str] = pa.Field(str_matches=ONETSOC, unique=True, description="O*NET-SOC 2019 code.")
    soc_title: Series[str] = pa.Field(nullable=True, description="OEWS title of the SOC code (missing when OEWS publishes the code only inside an aggregate).")
    old_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Occupation beta, old release.", metadata=FRACTION)
    new_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Occupation beta, new release.", metadata=FRACTION)
    delta_beta: Series[float] = pa.Field(ge=-1, le=1, nullable=True, description="new_beta - old_beta.", metadata=FRACTION)
    old_n_tasks: Series[float] = pa.Field(ge=0, nullable=True, description="Task rows, old release.", metadata={"unit": "tasks"})
    new_n_tasks: Series[float] = pa.Field(ge=0, nullable=True, description="Task rows, new release.", metadata={"unit": "tasks"})
    tasks_changed: Series[int] = pa.Field(ge=0, description="Tasks of the occupation added, removed, reworded or moved.", metadata={"unit": "tasks"})
    tasks_dwas_changed: Series[int] = pa.Field(ge=0, description="Tasks kept (same id and occupation) whose linked DWAs changed.", metadata={"unit": "tasks"})
    tasks_type_changed: Series[int] = pa.Field(ge=0, description="Tasks kept whose task type (Core/Supplemental) changed.", metadata={"unit": "tasks"})

    class Config:
        strict = True
        coerce = True


class DiffSectors(pa.DataFrameModel):
    """Sector- or subsector-level exposure in two releases and the change."""

    naics: Series[str] = pa.Field(description="NAICS code as published by OEWS.")
    level: Series[str] = pa.Field(isin=["sector", "subsector"], description="Industry level.")
    naics_title: Series[str] = pa.Field(nullable=True, description="Industry title.")
    old_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Employment-weighted beta, old.", metadata=FRACTION)
    new_beta: Series[float] = pa.Field(ge=0, le=1, nullable=True, description="Employment-weighted beta, new.", metadata=FRACTION)
    delta_beta: Series[float] = pa.Field(ge=-1, le=1, nullable=True, description="new_beta - old_beta.", metadata=FRACTION)
    old_exposed_workers: Optional[Series[float]] = pa.Field(ge=0, nullable=True, description="Exposed workers, old.", metadata={"unit": "workers"})
    new_exposed_workers: Optional[Series[float]] = pa.Field(ge=0, nullable=True, description="Exposed workers, new.", metadata={"unit": "workers"})

    class Config:
        strict = True
        coerce = True
        unique = ["naics", "level"]
