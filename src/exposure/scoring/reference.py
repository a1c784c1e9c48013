"""The ``reference`` scorer: the published labels of Eloundou et al. (2023), by task ID.

Each task gets the human (``human_exposure_agg``) or GPT-4 (``gpt4_exposure``) label as
one-hot probabilities, joined on (``onetsoc_code``, ``task_id``), or on ``task_id`` alone
when the frame has no code. Tasks without a published label stay missing (NaN): they are
never silently scored zero. This reproduces the paper's measures for the tasks it covers.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from exposure._measures import LABELS
from exposure.errors import DataFormatError, ExposureError

__all__ = ["SOURCES", "score_reference"]

logger = logging.getLogger(__name__)

#: Label columns by reference source.
SOURCES = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure"}


def score_reference(frame: pd.DataFrame, labels: pd.DataFrame, *, source: str = "human") -> pd.DataFrame:
    """Join the published labels onto ``frame`` as probabilities.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with ``task_id`` (and ideally ``onetsoc_code``).
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    source : {"human", "gpt4"}, default "human"
        Which published label to use.

    Returns
    -------
    pandas.DataFrame
        ``p_e0, p_e1, p_e2`` (one-hot, NaN where no label), same index as ``frame``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` has no ``task_id`` column or a task ID that is not an integer.
    exposure.errors.ExposureError
        Unknown ``source``.

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
    ...                        "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
    ...                       "task": ["a", "b", "c"]})
    >>> score_reference(tasks, labels)
       p_e0  p_e1  p_e2
    0   0.0   1.0   0.0
    1   1.0   0.0   0.0
    2   NaN   NaN   NaN
    >>> score_reference(tasks, labels, source="gpt4").loc[0, "p_e2"]
    np.float64(1.0)
    """
    if source not in SOURCES:
        raise ExposureError(f"unknown reference source {source!r}; choose one of {sorted(SOURCES)}")
    if "task_id" not in frame.columns:
        raise DataFormatError("the reference method needs a 'task_id' column (O*NET task ID)",
                              column="task_id")
    raw = frame["task_id"]
    if isinstance(raw.dtype, pd.ArrowDtype):  # int64[pyarrow] has no %: read its values into numpy
        raw = pd.Series(raw.to_numpy(dtype=object, na_value=None), index=raw.index, name=raw.name)
    ids = pd.to_numeric(raw, errors="coerce")
    bad = (raw.notna() & (ids.isna() | (ids % 1 != 0))).to_numpy()
    if bad.any():
        pos = int(bad.argmax())
        raise DataFormatError(f"task ID {raw.iloc[pos]!r} is not an integer", row=pos + 1, column="task_id")
    col = SOURCES[source]
    lab = labels[["onetsoc_code", "task_id", col]].copy()
    lab["task_id"] = lab["task_id"].astype("int64")
    ids = ids.astype("Int64")
    if "onetsoc_code" in frame.columns:
        left = pd.DataFrame({"onetsoc_code": frame["onetsoc_code"].astype("string").to_numpy(),
                             "task_id": ids.to_numpy()})
        lab["onetsoc_code"] = lab["onetsoc_code"].astype("string")
        lab["task_id"] = lab["task_id"].astype("Int64")
        joined = left.merge(lab, on=["onetsoc_code", "task_id"], how="left", validate="many_to_one")
    else:
        by_id = lab.drop_duplicates("task_id")
        if by_id[col].groupby(by_id["task_id"]).nunique().gt(1).any():  # pragma: no cover
            raise ExposureError("ambiguous labels by task ID")
        by_id = by_id.set_index("task_id")[col]
        joined = pd.DataFrame({col: ids.map(by_id).to_numpy()})
    idx = joined[col].map({label: k for k, label in enumerate(LABELS)})
    probs = np.full((len(frame), len(LABELS)), np.nan)
    ok = idx.notna().to_numpy()
    probs[ok] = np.eye(len(LABELS))[idx[ok].astype(int).to_numpy()]
    logger.info("reference (%s): %d of %d tasks have a published label", source, int(ok.sum()), len(frame))
    return pd.DataFrame(probs, columns=["p_e0", "p_e1", "p_e2"], index=frame.index)
