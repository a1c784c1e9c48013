"""Task exposure scoring: E0/E1/E2 probabilities, alpha/beta/gamma and task categories.

The rubric is that of Eloundou et al. (2023), "GPTs are GPTs": E0 no exposure; E1 direct
exposure (an LLM alone, through a chat interface, cuts the time of the task by at least
half at equal quality); E2 exposure through LLM-powered software and agents (tools,
retrieval, multi-step workflows). :func:`score_tasks` returns, for every task,
``p_e0, p_e1, p_e2``, the most probable ``label``, ``alpha = p_e1`` (LLM alone),
``beta = p_e1 + 0.5 p_e2``, ``gamma = p_e1 + p_e2`` (LLM plus agents) and the category
flags of :func:`exposure.scoring.categories.tag_categories`.

Methods
-------
``learned`` (default)
    calibrated linear model trained on the human labels, shipped as a pinned artifact
    (:mod:`exposure.scoring.learned`);
``rubric``
    hand-written, explainable rules (:mod:`exposure.scoring.rubric`);
``reference``
    the published human (or GPT-4) labels joined by task ID (:mod:`exposure.scoring.reference`).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from exposure._measures import CATEGORIES, EXPOSURE_MEASURES, LABEL_LEVELS, LABELS
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import eloundou
from exposure.schemas import validate
from exposure.schemas._scores import TaskScores
from exposure.scoring._inputs import check_text_column
from exposure.scoring.categories import tag_categories
from exposure.scoring.learned import score_learned
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

__all__ = ["METHODS", "PROBA_COLUMNS", "SCORE_COLUMNS", "score_tasks", "check_text_column"]

logger = logging.getLogger(__name__)

#: Scoring methods accepted by :func:`score_tasks`.
METHODS = ("learned", "rubric", "reference")
#: Probability columns of the labels, in :data:`exposure._measures.LABELS` order.
PROBA_COLUMNS = tuple(f"p_{label.lower()}" for label in LABELS)
#: Columns appended by :func:`score_tasks` after the keys.
SCORE_COLUMNS = (*PROBA_COLUMNS, "label", *EXPOSURE_MEASURES, *CATEGORIES, "method")


def _normalise_method(method: str, reference_source: str) -> tuple[str, str]:
    if method in ("reference-human", "reference-gpt4"):
        return "reference", method.split("-", 1)[1]
    if method not in METHODS:
        raise ExposureError(f"unknown scoring method {method!r}; choose one of {', '.join(METHODS)}")
    return method, reference_source


def score_tasks(
    tasks: pd.DataFrame,
    method: str = "learned",
    *,
    text_column: str = "task",
    occupation_column: str | None = None,
    onet=None,
    labels: pd.DataFrame | None = None,
    reference_source: str = "human",
    mirror=None,
    data_dir=None,
    model=None,
    path=None,
    row_offset: int = 1,
) -> pd.DataFrame:
    """Score tasks; return validated :class:`~exposure.schemas._scores.TaskScores`.

    Parameters
    ----------
    tasks : pandas.DataFrame
        One row per task with a text column and, where known, ``onetsoc_code``,
        ``task_id`` and an occupation title.
    method : {"learned", "rubric", "reference"}, default "learned"
        Scorer (``"reference-human"`` / ``"reference-gpt4"`` also accepted).
    text_column : str, default "task"
        Column of task statements.
    occupation_column : str, optional
        Column of occupation titles (used by ``learned``); default ``"title"`` when present.
    onet : exposure.onet.OnetRelease, optional
        O*NET release: enables work-activity features (``learned``, ``rubric``) and
        job-zone / DWA category rules.
    labels : pandas.DataFrame, optional
        Published labels for ``reference``; default loaded with
        :func:`exposure.measures.eloundou.load_task_labels` (``mirror``, ``data_dir``).
    reference_source : {"human", "gpt4"}, default "human"
        Which published label ``reference`` uses.
    mirror, data_dir : optional
        Where to fetch the published labels from (``reference`` only).
    model : exposure.scoring.learned.LearnedModel, optional
        Model of ``learned``; default the shipped artifact.
    path : str, optional
        Input file name, for error messages.
    row_offset : int, default 1
        Added to 0-based row positions in error messages (1: 1-based rows; 2: line
        numbers of a file with a header line).

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code, task_id`` (missing where the input lacks them), ``p_e0, p_e1,
        p_e2, label, alpha, beta, gamma, admin, routine_coding, entry_creative, method``;
        one row per input row, in input order, with a fresh ``RangeIndex``.

    Raises
    ------
    exposure.errors.DataFormatError
        Missing text column, empty or non-string task text, bad keys.
    exposure.errors.ExposureError
        Unknown method; model artifact problems (:class:`~exposure.errors.ChecksumMismatchError`).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Answer telephones and relay messages.",
    ...                                "Operate a forklift to move pallets."]})
    >>> out = score_tasks(tasks)
    >>> out[["label", "admin"]].to_dict("list")
    {'label': ['E1', 'E0'], 'admin': [True, False]}
    >>> bool(np.allclose(out["gamma"], out["p_e1"] + out["p_e2"]))
    True
    >>> score_tasks(tasks, method="oracle")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown scoring method 'oracle'; choose one of learned, rubric, reference
    """
    method, reference_source = _normalise_method(method, reference_source)
    check_text_column(tasks, text_column, path=path, row_offset=row_offset)
    if occupation_column is not None and occupation_column not in tasks.columns:
        raise DataFormatError(f"missing occupation column {occupation_column!r}", path=path,
                              column=occupation_column)
    frame = tasks.reset_index(drop=True)
    n = len(frame)
    if method == "learned":
        probs = score_learned(frame, text_column=text_column,
                              occupation_column=occupation_column or "title", onet=onet, model=model)
        tag = "learned"
    elif method == "rubric":
        probs = score_rubric(frame, text_column=text_column, onet=onet)
        tag = "rubric"
    else:
        if labels is None:
            labels = eloundou.load_task_labels(mirror=mirror, data_dir=data_dir)
        probs = score_reference(frame, labels, source=reference_source)
        tag = f"reference-{reference_source}"
    p = probs[list(PROBA_COLUMNS)].to_numpy(dtype=float)
    out = pd.DataFrame(index=frame.index)
    out["onetsoc_code"] = (frame["onetsoc_code"].astype("string") if "onetsoc_code" in frame.columns
                           else pd.Series(pd.NA, index=frame.index, dtype="string"))
    if "task_id" in frame.columns:
        ids = pd.to_numeric(frame["task_id"], errors="coerce")
        bad = (frame["task_id"].notna() & (ids.isna() | (ids % 1 != 0))).to_numpy()
        if bad.any():
            pos = int(bad.argmax())
            raise DataFormatError(f"task ID {frame['task_id'].iloc[pos]!r} is not an integer",
                                  path=path, row=pos + row_offset, column="task_id")
        out["task_id"] = ids.astype("Int64")
    else:
        out["task_id"] = pd.array([pd.NA] * n, dtype="Int64")
    for k, col in enumerate(PROBA_COLUMNS):
        out[col] = p[:, k]
    scored = ~np.isnan(p).any(axis=1)
    label = np.array(LABELS, dtype=object)[np.nan_to_num(p, nan=-1).argmax(axis=1)]
    out["label"] = pd.array(np.where(scored, label, None), dtype="string")
    # expected measures: alpha = p_e1, beta = p_e1 + 0.5 p_e2, gamma = p_e1 + p_e2
    measures = p @ LABEL_LEVELS
    for k, col in enumerate(EXPOSURE_MEASURES):
        out[col] = measures[:, k]
    cats = tag_categories(frame, text_column=text_column, onet=onet)
    for col in CATEGORIES:
        out[col] = cats[col].astype("boolean").to_numpy()
    out["method"] = tag
    return validate(out, TaskScores, path=path, row_offset=row_offset)
