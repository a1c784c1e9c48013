"""Agreement of the ``rubric`` scorer with the human and GPT-4 labels: the report.

:func:`rubric_agreement` scores the labelled tasks of Eloundou et al. (2023) with
:func:`exposure.scoring.rubric.score_rubric` and compares the result with each published
label, at the task level (label shares, accuracy, Cohen's kappa) and the occupation level
(Pearson r of alpha, beta, gamma: :func:`exposure.scoring._evaluate.occupation_means`).
:func:`write_rubric_agreement` writes it (``exposure report rubric`` runs it, into
``data/processed/reports/rubric_agreement.csv``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._io import write_csv
from exposure._measures import CORE_WEIGHT, EXPOSURE_MEASURES, LABELS, OTHER_WEIGHT
from exposure.scoring import PROBA_COLUMNS
from exposure.scoring._evaluate import cohen_kappa, occupation_means
from exposure.scoring.rubric import score_rubric

__all__ = ["REFERENCES", "rubric_agreement", "write_rubric_agreement"]

logger = logging.getLogger(__name__)

#: Reference name -> label column of :func:`exposure.measures.eloundou.read_task_labels`.
REFERENCES = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure"}


def rubric_agreement(labels: pd.DataFrame, *, onet=None) -> pd.DataFrame:
    """Agreement of the rubric with human (and GPT-4) exposure labels.

    Parameters
    ----------
    labels : pandas.DataFrame
        As returned by :func:`exposure.measures.eloundou.read_task_labels`
        (``onetsoc_code``, ``task_id``, ``task``, ``task_type``, ``human_exposure_agg``;
        ``gpt4_exposure`` optional).
    onet : exposure.onet.OnetRelease or object, optional
        Passed to :func:`~exposure.scoring.rubric.score_rubric`.

    Returns
    -------
    pandas.DataFrame
        Long table with columns ``reference`` (``rubric``, ``human`` or ``gpt4``),
        ``level`` (``task`` or ``occupation``), ``metric`` (``accuracy``, ``cohen_kappa``,
        ``pearson_r_alpha``/``beta``/``gamma``, ``share_e0``/``e1``/``e2`` of the rubric's
        labels and of the reference), ``value`` (rounded to 4 decimals) and ``n`` (tasks or
        occupations). Occupation-level measures are weighted means over each O*NET-SOC
        occupation's tasks with Core = 2 and Supplemental-or-missing = 1 of the expected
        measures (:data:`exposure._measures.LABEL_SCORES`): of the rubric's probabilities
        and of the reference's labels.

    Examples
    --------
    >>> labels = pd.DataFrame({
    ...     "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00"],
    ...     "task_id": [1, 2, 3, 4],
    ...     "task": ["Write reports.", "Enter data into databases.",
    ...              "Cut lumber with saws.", "Nail boards using hammers."],
    ...     "task_type": ["Core", "Supplemental", "Core", None],
    ...     "human_exposure_agg": ["E1", "E2", "E0", "E0"]})
    >>> table = rubric_agreement(labels)
    >>> table.query("metric in ['accuracy', 'cohen_kappa']")
      reference level       metric  value  n
    6     human  task     accuracy    1.0  4
    7     human  task  cohen_kappa    1.0  4
    """
    scores = score_rubric(labels, onet=onet)
    proba = scores[list(PROBA_COLUMNS)].to_numpy()
    pred = proba.argmax(axis=1)
    pred_labels = np.array(LABELS)[pred]
    core = labels["task_type"].astype("string").str.strip().eq("Core").fillna(False).to_numpy(bool)
    weights = np.where(core, CORE_WEIGHT, OTHER_WEIGHT)
    codes = labels["onetsoc_code"].astype(str).to_numpy()
    ours = occupation_means(proba, codes, weights)
    index_of = {label: k for k, label in enumerate(LABELS)}
    n = len(labels)
    rows = [("rubric", "task", f"share_{k.lower()}", float(np.mean(pred_labels == k)), n) for k in LABELS]
    for ref, col in REFERENCES.items():
        if col not in labels.columns:
            continue
        truth = labels[col].to_numpy()
        y = np.array([index_of[x] for x in truth], dtype=int)
        for k in LABELS:
            rows.append((ref, "task", f"share_{k.lower()}", float(np.mean(truth == k)), n))
        rows.append((ref, "task", "accuracy", float(np.mean(y == pred)), n))
        rows.append((ref, "task", "cohen_kappa", cohen_kappa(y, pred), n))
        theirs = occupation_means(np.eye(len(LABELS))[y], codes, weights)
        for measure in EXPOSURE_MEASURES:
            r = float(np.corrcoef(ours[measure], theirs[measure])[0, 1])
            rows.append((ref, "occupation", f"pearson_r_{measure}", r, len(ours)))
    out = pd.DataFrame(rows, columns=["reference", "level", "metric", "value", "n"])
    out["value"] = out["value"].round(4)
    return out


def write_rubric_agreement(out, *, labels: pd.DataFrame, onet=None) -> pd.DataFrame:
    """Compute :func:`rubric_agreement` and write it atomically to ``out`` (CSV).

    Parameters
    ----------
    out : str or os.PathLike
        Destination CSV (the docs read ``data/processed/reports/rubric_agreement.csv``,
        computed on the Eloundou et al. train labels with O*NET 29.1).
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        Passed to :func:`rubric_agreement`.

    Returns
    -------
    pandas.DataFrame
        The table written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "rubric_agreement.csv"
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "47-2031.00", "47-2031.00"],
    ...     "task_id": [1, 2, 3], "task": ["Write reports.", "Cut lumber.", "Weld pipes."],
    ...     "task_type": ["Core"] * 3, "human_exposure_agg": ["E1", "E0", "E0"]})
    >>> table = write_rubric_agreement(out, labels=labels)
    >>> out.read_text().splitlines()[:2]
    ['reference,level,metric,value,n', 'rubric,task,share_e0,0.6667,3']
    """
    table = rubric_agreement(labels, onet=onet)
    write_csv(table, Path(out))
    logger.info("wrote %s", out)
    return table
