"""Task exposure scoring: E0/E1/E2 probabilities, alpha/beta/gamma and task categories.

The rubric is that of Eloundou et al. (2023), "GPTs are GPTs": E0 no exposure; E1 direct
exposure (an LLM alone, through a chat interface, cuts the time of the task by at least
half at equal quality); E2 exposure through LLM-powered software and agents (tools,
retrieval, multi-step workflows). :func:`score_tasks` returns, for every task,
``p_e0, p_e1, p_e2``, the most probable ``label``, ``alpha = p_e1`` (LLM alone),
``beta = p_e1 + 0.5 p_e2``, ``gamma = p_e1 + p_e2`` (LLM plus agents) and the category
flags of :func:`exposure.scoring.categories.tag_categories`.

Methods:

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

from exposure.errors import DataFormatError, ExposureError

__all__ = ["METHODS", "SCORE_COLUMNS", "score_tasks", "check_text_column"]

logger = logging.getLogger(__name__)

#: Scoring methods accepted by :func:`score_tasks`.
METHODS = ("learned", "rubric", "reference")
#: Columns appended by :func:`score_tasks` after the keys.
SCORE_COLUMNS = ("p_e0", "p_e1", "p_e2", "label", "alpha", "beta", "gamma",
                 "admin", "routine_coding", "entry_creative", "method")


def check_text_column(frame, text_column: str = "task", *, path=None, row_offset: int = 1) -> pd.Series:
    """Check that ``frame[text_column]`` holds non-empty strings; return it.

    Parameters
    ----------
    frame : pandas.DataFrame
    text_column : str, default "task"
    path : str or os.PathLike, optional
        File the frame came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors: 1 gives 1-based rows, 2 the line
        number of a file with a header line.

    Raises
    ------
    exposure.errors.DataFormatError
        Not a frame, missing column, or an empty / non-string cell (row and column named).

    Examples
    --------
    >>> check_text_column(pd.DataFrame({"task": ["Type letters.", "  "]}), "task")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text must be a non-empty string, got '  '
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataFormatError(f"expected a pandas DataFrame, got {type(frame).__name__}", path=path)
    if text_column not in frame.columns:
        raise DataFormatError(f"missing text column {text_column!r} (columns: {list(frame.columns)})",
                              path=path, column=text_column)
    col = frame[text_column]
    ok = col.map(lambda v: isinstance(v, str) and bool(v.strip())).to_numpy(dtype=bool)
    if not ok.all():
        pos = int((~ok).argmax())
        raise DataFormatError(f"task text must be a non-empty string, got {col.iloc[pos]!r}",
                              path=path, row=pos + row_offset, column=text_column)
    return col


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
    from exposure.schemas import validate
    from exposure.schemas._scores import TaskScores

    method, reference_source = _normalise_method(method, reference_source)
    check_text_column(tasks, text_column, path=path, row_offset=row_offset)
    if occupation_column is not None and occupation_column not in tasks.columns:
        raise DataFormatError(f"missing occupation column {occupation_column!r}", path=path,
                              column=occupation_column)
    frame = tasks.reset_index(drop=True)
    n = len(frame)
    if method == "learned":
        from exposure.scoring.learned import score_learned

        probs = score_learned(frame, text_column=text_column,
                              occupation_column=occupation_column or "title", onet=onet, model=model)
        tag = "learned"
    elif method == "rubric":
        from exposure.scoring.rubric import score_rubric

        probs = score_rubric(frame, text_column=text_column, onet=onet)
        tag = "rubric"
    else:
        from exposure.scoring.reference import score_reference

        if labels is None:
            from exposure.measures.eloundou import load_task_labels

            labels = load_task_labels(mirror=mirror, data_dir=data_dir)
        probs = score_reference(frame, labels, source=reference_source)
        tag = f"reference-{reference_source}"
    p = probs[["p_e0", "p_e1", "p_e2"]].to_numpy(dtype=float)
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
    out["p_e0"], out["p_e1"], out["p_e2"] = p[:, 0], p[:, 1], p[:, 2]
    scored = ~np.isnan(p).any(axis=1)
    label = np.array(["E0", "E1", "E2"], dtype=object)[np.nan_to_num(p, nan=-1).argmax(axis=1)]
    out["label"] = pd.array(np.where(scored, label, None), dtype="string")
    out["alpha"] = p[:, 1]
    out["beta"] = p[:, 1] + 0.5 * p[:, 2]
    out["gamma"] = p[:, 1] + p[:, 2]
    from exposure.scoring.categories import tag_categories

    cats = tag_categories(frame, text_column=text_column, onet=onet)
    for col in ("admin", "routine_coding", "entry_creative"):
        out[col] = cats[col].astype("boolean").to_numpy()
    out["method"] = tag
    return validate(out, TaskScores, path=path, row_offset=row_offset)
