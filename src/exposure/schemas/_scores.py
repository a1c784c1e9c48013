"""Pandera model of task exposure scores (:func:`exposure.scoring.score_tasks`).

One row per scored task. ``p_e0, p_e1, p_e2`` are the probabilities of the rubric classes
of Eloundou et al. (2023): E0 no exposure, E1 direct exposure to an LLM alone, E2
exposure through LLM-powered software and agents. The measures follow from them:
``alpha = p_e1`` (LLM alone), ``beta = p_e1 + 0.5 p_e2``, ``gamma = p_e1 + p_e2`` (LLM
plus agents). Scores are missing (never zero) where a method has no answer, e.g. tasks
without a published label under the ``reference`` method.
"""

from typing import Optional

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure._measures import EXPOSURE_MEASURES, LABEL_LEVELS, LABELS, PROBA_COLUMNS
from exposure.schemas._base import CHECK_COLUMNS
from exposure.schemas._fields import fraction_field, onetsoc_code_field, task_id_field

__all__ = ["TaskScores"]

#: Scorer names allowed in the ``method`` column.
METHODS = ["learned", "rubric", "reference", "reference-human", "reference-gpt4", "transformer"]

_PROBABILITIES = list(PROBA_COLUMNS)
_TOL = 1e-6


def _prob(text):
    return fraction_field(text, nullable=True)


class TaskScores(pa.DataFrameModel):
    """Exposure scores of tasks, keys first (``onetsoc_code``, ``task_id``)."""

    onetsoc_code: Series[str] = onetsoc_code_field(
        "O*NET-SOC code of the task's occupation; missing for free-text tasks.", nullable=True
    )
    task_id: Series[pd.Int64Dtype] = task_id_field(
        "O*NET task ID; missing for free-text tasks.", ge=0, nullable=True
    )
    task: Optional[Series[str]] = pa.Field(
        nullable=True,
        description="Task statement: O*NET text (CC BY 4.0, attribution in the file's "
        "metadata) or the scored free text.",
    )
    p_e0: Series[float] = _prob("Probability of E0 (no exposure).")
    p_e1: Series[float] = _prob("Probability of E1 (direct exposure: an LLM alone halves the time).")
    p_e2: Series[float] = _prob("Probability of E2 (exposure through LLM-powered software and agents).")
    label: Series[str] = pa.Field(
        nullable=True, isin=list(LABELS), description="Most probable class (E0/E1/E2)."
    )
    alpha: Series[float] = _prob("Exposure to an LLM alone: ``p_e1``.")
    beta: Series[float] = _prob("Middle measure: ``p_e1 + 0.5 * p_e2``.")
    gamma: Series[float] = _prob("Exposure to LLMs plus agents: ``p_e1 + p_e2``.")
    admin: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Administrative task (scheduling, data entry, records, basic communication)."
    )
    routine_coding: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Routine coding or IT-support task."
    )
    entry_creative: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Entry-level creative task (drafting, basic design, preliminary research)."
    )
    method: Series[str] = pa.Field(isin=METHODS, description="Scorer that produced the row.")

    @pa.dataframe_check(description="p_e0 + p_e1 + p_e2 = 1 where scored; all three missing otherwise")
    def _probabilities_sum_to_one(cls, df: pd.DataFrame) -> Series[bool]:
        p = df[_PROBABILITIES].astype(float)
        missing = p.isna()
        total = p.sum(axis=1, skipna=False)
        return (missing.all(axis=1)) | ((~missing.any(axis=1)) & (np.abs(total - 1.0) <= _TOL))

    @pa.dataframe_check(description="alpha = p_e1, beta = p_e1 + 0.5 p_e2, gamma = p_e1 + p_e2")
    def _measures_follow_probabilities(cls, df: pd.DataFrame) -> Series[bool]:
        p = df[_PROBABILITIES].astype(float).to_numpy()
        out = pd.Series(True, index=df.index)
        for j, col in enumerate(EXPOSURE_MEASURES):
            expected = pd.Series(p @ LABEL_LEVELS[:, j], index=df.index)
            got = df[col].astype(float)
            both_na = got.isna() & expected.isna()
            out &= both_na | (np.abs(got - expected) <= _TOL)
        return out

    @pa.dataframe_check(description="label is the most probable class (E0/E1/E2), missing where the "
                        "probabilities are")
    def label_is_most_probable(cls, df: pd.DataFrame) -> Series[bool]:
        p = df[_PROBABILITIES].astype(float).to_numpy()
        scored = ~np.isnan(p).any(axis=1)
        unscored = np.isnan(p).all(axis=1)
        label = df["label"]
        given = label.notna().to_numpy(dtype=bool)
        codes = pd.Categorical(label, categories=list(LABELS)).codes  # -1: missing or no label (a map: 3x slower)
        where = np.where(codes >= 0, codes, np.nan)
        ok = np.ones(len(df), dtype=bool)  # probabilities partly missing: the sum check tells
        ok[unscored] = ~given[unscored]
        hit = scored & given & ~np.isnan(where)
        rows = np.flatnonzero(hit)
        top = p[rows].max(axis=1) if len(rows) else np.array([])
        ok[scored] = False
        ok[rows] = p[rows, where[rows].astype(int)] >= top - _TOL
        ok[scored & given & np.isnan(where)] = True  # not a label at all: isin tells
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(description="each task (onetsoc_code, task_id) given once (where both are known)")
    def _unique_keys(cls, df: pd.DataFrame) -> Series[bool]:
        known = df["onetsoc_code"].notna() & df["task_id"].notna()
        dup = df[["onetsoc_code", "task_id"]].duplicated(keep=False) & known
        return ~dup

    class Config:
        strict = True
        coerce = True


# the column each row-wise check judges (named in its errors)
CHECK_COLUMNS[("TaskScores", "label_is_most_probable")] = "label"
CHECK_COLUMNS[("TaskScores", "_unique_keys")] = "task_id"
