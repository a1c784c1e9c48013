"""Agreement of a scoring method with the human labels of Eloundou et al. (2023): the report.

:func:`evaluate_method` builds the agreement table of one scorer (task accuracy and Cohen's
kappa, occupation-level Pearson r of alpha, beta, gamma, expected calibration error and
Brier score; the figures of :func:`exposure.scoring._evaluate.agreement`) next to GPT-4's
labels on the same rows and the figures published in the paper (:data:`PAPER_GPT4`).
``learned`` is evaluated under cross-validation grouped by SOC 6-digit code, with the
reliability table of its calibrated probabilities (:func:`reliability_table`).
:func:`write_agreement_report` writes them (``exposure report agreement`` and
``exposure evaluate`` run both).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._io import write_csv
from exposure.errors import ExposureError
from exposure.scoring import PROBA_COLUMNS
from exposure.scoring._evaluate import agreement, onehot
from exposure.scoring._train import cross_validate, training_frame
from exposure.scoring.rubric import score_rubric

__all__ = [
    "PAPER_GPT4",
    "reliability_table",
    "evaluate_method",
    "report_name",
    "write_agreement_report",
]

logger = logging.getLogger(__name__)

#: GPT-4 vs human agreement published by Eloundou et al. (2023) on all their rows.
PAPER_GPT4 = {"accuracy": 0.656, "kappa": 0.437, "r_alpha": 0.435, "r_beta": 0.876, "r_gamma": 0.913}


def reliability_table(proba, y, n_bins: int = 10) -> pd.DataFrame:
    """Per confidence bin: number of tasks, mean top-class probability, accuracy.

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Class probabilities.
    y : array-like of int
        True class index of each row.
    n_bins : int, default 10
        Equal-width bins of the top-class probability.

    Returns
    -------
    pandas.DataFrame
        Columns ``bin_low, bin_high, n_tasks, mean_confidence, accuracy``; one row per
        non-empty bin.

    Examples
    --------
    >>> reliability_table([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]], [0, 1], n_bins=2)
       bin_low  bin_high  n_tasks  mean_confidence  accuracy
    0      0.5       1.0        2             0.75       0.5
    """
    proba = np.asarray(proba, dtype=float)
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == np.asarray(y)).astype(float)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    rows = []
    for b in np.unique(bins):
        m = bins == b
        rows.append({"bin_low": b / n_bins, "bin_high": (b + 1) / n_bins, "n_tasks": int(m.sum()),
                     "mean_confidence": float(conf[m].mean()), "accuracy": float(correct[m].mean())})
    return pd.DataFrame(rows)


def evaluate_method(method: str, labels: pd.DataFrame, onet=None, *, n_folds: int = 5, seed: int = 0,
                    control: bool = False, config=None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Agreement table of ``method`` with the human labels, next to GPT-4's labels.

    Parameters
    ----------
    method : {"learned", "rubric", "reference"}
        ``learned`` is trained and evaluated under cross-validation grouped by SOC 6-digit
        code (its O*NET set with work activities and its text-only set); ``rubric`` has no
        training and is scored on every row; ``reference`` is the GPT-4 label itself.
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        Needed for the work-activity features and by the rubric.
    n_folds, seed : int
        Cross-validation folds and seed.
    control : bool, default False
        Add the shuffled-label negative control of ``learned`` (one more CV run).
    config : exposure.scoring._train.TrainConfig, optional

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame or None)
        The agreement table (one row per scorer: ``scorer, protocol, n_tasks,
        n_occupations, accuracy, kappa, r_alpha, r_beta, r_gamma, ece, brier``) and, for
        ``learned``, the reliability table of its calibrated O*NET-set probabilities.

    Raises
    ------
    exposure.errors.ExposureError
        Unknown method.

    Examples
    --------
    >>> labels = pd.DataFrame({
    ...     "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00",
    ...                      "43-9061.00"],
    ...     "task_id": [1, 2, 3, 4, 5], "task_type": ["Core", "Core", "Core", None, "Core"],
    ...     "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
    ...              "Nail boards using hammers.", "Answer telephones."],
    ...     "title": ["Chief Executives"] * 2 + ["Carpenters"] * 2 + ["Office Clerks"],
    ...     "human_exposure_agg": ["E1", "E2", "E0", "E0", "E1"],
    ...     "gpt4_exposure": ["E1", "E2", "E0", "E1", "E1"]})
    >>> table, reliability = evaluate_method("rubric", labels)
    >>> table["scorer"].tolist()
    ['rubric', 'GPT-4 labels (reference-gpt4), same rows', 'GPT-4 labels, published (Eloundou et al. 2023)']
    >>> float(table.loc[1, "accuracy"]), reliability is None
    (0.8, True)
    """
    if method not in ("learned", "rubric", "reference"):
        raise ExposureError(f"unknown method {method!r}; choose learned, rubric or reference")
    rows = training_frame(labels, onet)
    y = rows["y"].to_numpy()
    codes = rows["onetsoc_code"].to_numpy()
    w = rows["weight"].to_numpy()
    table = []
    reliability = None
    proto = f"grouped {n_folds}-fold CV by SOC 6-digit (seed {seed})"

    def add(name, protocol, proba):
        table.append({"scorer": name, "protocol": protocol, **agreement(proba, y, codes, w)})

    if method == "learned":
        cv = cross_validate(rows, config, n_folds=n_folds, seed=seed)
        names = {"onet": "learned (O*NET work activities + text)",
                 "text": "learned (text, title, occupation context)"}
        for which in cv["proba"]:
            add(names.get(which, f"learned ({which})"), proto, cv["proba"][which])
            add(names.get(which, f"learned ({which})") + ", uncalibrated", proto, cv["raw_proba"][which])
        main = "onet" if "onet" in cv["proba"] else next(iter(cv["proba"]))
        reliability = reliability_table(cv["proba"][main], y)
        if control:
            shuffled = cross_validate(rows, config, n_folds=n_folds, seed=seed, shuffle_labels=True)
            add("learned, shuffled training labels (control)", proto, shuffled["proba"][main])
    elif method == "rubric":
        frame = labels[["onetsoc_code", "task_id", "task", "title"]].reset_index(drop=True)
        scored = score_rubric(frame, text_column="task", onet=onet)
        add("rubric", "all rows (no training)", scored[list(PROBA_COLUMNS)].to_numpy(float))
    add("GPT-4 labels (reference-gpt4), same rows", "all rows (no training)", onehot(labels["gpt4_exposure"]))
    paper = {"scorer": "GPT-4 labels, published (Eloundou et al. 2023)", "protocol": "paper, all rows",
             "n_tasks": np.nan, "n_occupations": np.nan, **PAPER_GPT4, "ece": np.nan, "brier": np.nan}
    table.append(paper)
    out = pd.DataFrame(table)
    out["n_tasks"] = out["n_tasks"].astype("Int64")
    out["n_occupations"] = out["n_occupations"].astype("Int64")
    return out, reliability


def report_name(method: str) -> str:
    """File name of the agreement report of ``method``.

    Examples
    --------
    >>> report_name("learned"), report_name("rubric")
    ('agreement.csv', 'agreement_rubric.csv')
    """
    return "agreement.csv" if method == "learned" else f"agreement_{method}.csv"


def write_agreement_report(table: pd.DataFrame, reliability: pd.DataFrame | None, out) -> list[Path]:
    """Write the output of :func:`evaluate_method` (floats rounded to 4 decimals).

    Parameters
    ----------
    table, reliability : pandas.DataFrame
        :func:`evaluate_method` output; ``reliability`` may be None.
    out : str or os.PathLike
        CSV of the agreement table; the reliability table goes beside it as
        ``<stem>_calibration.csv``.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "agreement.csv"
    >>> table = pd.DataFrame({"scorer": ["x"], "kappa": [0.123456]})
    >>> [p.name for p in write_agreement_report(table, table, out)]
    ['agreement.csv', 'agreement_calibration.csv']
    >>> out.read_text().splitlines()
    ['scorer,kappa', 'x,0.1235']
    """
    out = Path(out)
    rounded = table.copy()
    num = rounded.select_dtypes("float").columns
    rounded[num] = rounded[num].round(4)
    write_csv(rounded, out)
    written = [out]
    if reliability is not None:
        written.append(out.with_name(out.stem + "_calibration.csv"))
        write_csv(reliability.round(4), written[-1])
    logger.info("wrote %s", ", ".join(str(p) for p in written))
    return written
