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


def _label_codes(label: pd.Series) -> np.ndarray:
    """The position of each label in :data:`~exposure._measures.LABELS`; -1 for a missing or other value.

    As ``pd.Categorical(label, categories=LABELS).codes``, which columns of another type
    than text and a column holding another value (pandas warns of it) still use: a column of
    text is compared with each label, in a third of the time.

    Examples
    --------
    >>> _label_codes(pd.Series(["E2", None, "E0", "E1"], dtype="str")).tolist()
    [2, -1, 0, 1]
    """
    if not isinstance(label.dtype, pd.StringDtype):
        return np.asarray(pd.Categorical(label, categories=list(LABELS)).codes, dtype=np.int64)
    codes = np.full(len(label), -1, dtype=np.int64)
    for k, name in enumerate(LABELS):
        codes[(label == name).to_numpy(dtype=bool, na_value=False)] = k
    if (codes < 0).any() and label[codes < 0].notna().any():  # another value: pandas warns of it as before
        return np.asarray(pd.Categorical(label, categories=list(LABELS)).codes, dtype=np.int64)
    return codes


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
        out = np.ones(len(df), dtype=bool)
        for j, col in enumerate(EXPOSURE_MEASURES):  # (in arrays: a third of the time of Series)
            expected = p @ LABEL_LEVELS[:, j]
            got = df[col].astype(float).to_numpy()
            out &= (np.isnan(got) & np.isnan(expected)) | (np.abs(got - expected) <= _TOL)
        return pd.Series(out, index=df.index)

    @pa.dataframe_check(description="label is the most probable class (E0/E1/E2), missing where the "
                        "probabilities are")
    def label_is_most_probable(cls, df: pd.DataFrame) -> Series[bool]:
        p = df[_PROBABILITIES].astype(float).to_numpy()
        nan = np.isnan(p)
        scored = ~nan.any(axis=1)
        unscored = nan.all(axis=1)
        given = df["label"].notna().to_numpy(dtype=bool)
        codes = _label_codes(df["label"])  # -1: missing or no label
        # the label's probability against the top one, in every row (those of a label in
        # scored rows are kept: no copy of the rows picked)
        chosen = np.take_along_axis(p, np.maximum(codes, 0)[:, None], axis=1)[:, 0]
        most = chosen >= p.max(axis=1) - _TOL
        # scored: a label, the most probable (not a label at all: isin tells); unscored: no
        # label; probabilities partly missing: the sum check tells
        ok = np.where(scored, given & ((codes < 0) | most), np.where(unscored, ~given, True))
        return pd.Series(ok, index=df.index)

    @pa.dataframe_check(description="each task (onetsoc_code, task_id) given once (where both are known)")
    def _unique_keys(cls, df: pd.DataFrame) -> Series[bool]:
        known = df["onetsoc_code"].notna() & df["task_id"].notna()
        if df["task_id"][known.to_numpy(dtype=bool)].is_unique:
            # a task given twice has its task ID twice: none is (so in every O*NET release)
            return pd.Series(True, index=df.index)
        dup = df[["onetsoc_code", "task_id"]].duplicated(keep=False) & known
        return ~dup

    class Config:
        strict = True
        coerce = True


# the column each row-wise check judges (named in its errors)
CHECK_COLUMNS[("TaskScores", "label_is_most_probable")] = "label"
CHECK_COLUMNS[("TaskScores", "_unique_keys")] = "task_id"
