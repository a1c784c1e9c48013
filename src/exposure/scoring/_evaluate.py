"""Agreement of a scoring method with the human labels of Eloundou et al. (2023).

Task level: accuracy and Cohen's kappa of the most probable class. Occupation level:
Pearson r of alpha, beta and gamma, each the Core=2 / Supplemental-or-missing=1 weighted
mean over an occupation's tasks (O*NET-SOC code) of the method's expectations
(``p_e1``, ``p_e1 + 0.5 p_e2``, ``p_e1 + p_e2``) against the same means of the human labels
(E0=(0,0,0), E1=(1,1,1), E2=(0,0.5,1)). Calibration: expected calibration error of the
top class (15 equal-width bins) and the multi-class Brier score.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from exposure.errors import ExposureError

__all__ = [
    "PAPER_GPT4",
    "agreement",
    "occupation_means",
    "expected_calibration_error",
    "brier_score",
    "reliability_table",
    "evaluate_method",
]

logger = logging.getLogger(__name__)

#: GPT-4 vs human agreement published by Eloundou et al. (2023) on all their rows.
PAPER_GPT4 = {"accuracy": 0.656, "kappa": 0.437, "r_alpha": 0.435, "r_beta": 0.876, "r_gamma": 0.913}

_LEVELS = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.5, 1.0]])  # rows: E0, E1, E2


def occupation_means(proba, codes, weights) -> pd.DataFrame:
    """Weighted occupation means of alpha, beta, gamma from class probabilities.

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Probabilities of E0, E1, E2 (one-hot rows for hard labels).
    codes : array-like of str
        Occupation of each task.
    weights : array-like of float
        Task weight (2 for Core, 1 otherwise).

    Returns
    -------
    pandas.DataFrame
        Index: occupation; columns ``alpha, beta, gamma``.

    Examples
    --------
    >>> occupation_means(np.eye(3)[[1, 2, 0]], ["a", "a", "b"], [2, 1, 1]).round(3)
       alpha   beta  gamma
    a  0.667  0.833    1.0
    b  0.000  0.000    0.0
    """
    scores = np.asarray(proba, dtype=float) @ _LEVELS
    w = np.asarray(weights, dtype=float)
    frame = pd.DataFrame(scores * w[:, None], columns=["alpha", "beta", "gamma"])
    frame["_w"] = w
    sums = frame.groupby(np.asarray(codes), sort=True).sum()
    return sums[["alpha", "beta", "gamma"]].div(sums["_w"], axis=0)


def _kappa(a, b) -> float:
    a, b = np.asarray(a), np.asarray(b)
    cm = np.zeros((3, 3))
    np.add.at(cm, (a, b), 1)
    n = cm.sum()
    po = np.trace(cm) / n
    pe = (cm.sum(0) * cm.sum(1)).sum() / n**2
    return float((po - pe) / (1 - pe)) if pe < 1 else float("nan")


def expected_calibration_error(proba, y, n_bins: int = 15) -> float:
    """Top-label expected calibration error with equal-width confidence bins.

    Examples
    --------
    >>> round(expected_calibration_error([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]], [0, 1]), 3)
    0.35
    """
    proba = np.asarray(proba, dtype=float)
    y = np.asarray(y)
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in np.unique(bins):
        m = bins == b
        ece += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(ece)


def brier_score(proba, y) -> float:
    """Multi-class Brier score: mean over tasks of the squared distance to the one-hot label.

    Examples
    --------
    >>> brier_score([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]], [0, 1])
    0.25
    """
    proba = np.asarray(proba, dtype=float)
    onehot = np.eye(proba.shape[1])[np.asarray(y)]
    return float(((proba - onehot) ** 2).sum(axis=1).mean())


def reliability_table(proba, y, n_bins: int = 10) -> pd.DataFrame:
    """Per confidence bin: number of tasks, mean top-class probability, accuracy.

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


def agreement(proba, y, codes, weights) -> dict:
    """Agreement figures of probabilities ``proba`` with human class indices ``y``.

    Parameters
    ----------
    proba : array-like, shape (n, 3)
        Method probabilities (one-hot for hard labels); rows with NaN are dropped.
    y : array-like of int
        Human class index (0=E0, 1=E1, 2=E2).
    codes, weights : array-like
        Occupation code and Core=2 / other=1 weight of each task.

    Returns
    -------
    dict
        ``n_tasks, n_occupations, accuracy, kappa, r_alpha, r_beta, r_gamma, ece, brier``.

    Examples
    --------
    >>> p = np.eye(3)[[0, 1, 2, 0]]
    >>> agreement(p, [0, 1, 2, 0], ["a", "a", "b", "c"], [1, 1, 1, 1])["kappa"]
    1.0
    """
    proba = np.asarray(proba, dtype=float)
    y = np.asarray(y, dtype=int)
    keep = ~np.isnan(proba).any(axis=1)
    proba, y = proba[keep], y[keep]
    codes = np.asarray(codes)[keep]
    weights = np.asarray(weights, dtype=float)[keep]
    if len(y) == 0:
        raise ExposureError("no scored rows to evaluate")
    pred = proba.argmax(axis=1)
    method = occupation_means(proba, codes, weights)
    human = occupation_means(np.eye(3)[y], codes, weights)
    out = {
        "n_tasks": int(len(y)),
        "n_occupations": int(len(method)),
        "accuracy": float((pred == y).mean()),
        "kappa": _kappa(y, pred),
    }
    for m in ("alpha", "beta", "gamma"):
        out[f"r_{m}"] = float(np.corrcoef(method[m], human[m])[0, 1]) if len(method) > 2 else float("nan")
    out["ece"] = expected_calibration_error(proba, y)
    out["brier"] = brier_score(proba, y)
    return out


def _onehot(labels) -> np.ndarray:
    idx = pd.Series(labels).map({"E0": 0, "E1": 1, "E2": 2})
    out = np.full((len(idx), 3), np.nan)
    ok = idx.notna().to_numpy()
    out[ok] = np.eye(3)[idx[ok].astype(int).to_numpy()]
    return out


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
        The agreement table (one row per scorer) and, for ``learned``, the reliability
        table of its calibrated O*NET-set probabilities.
    """
    from exposure.scoring._train import training_frame

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
        from exposure.scoring._train import cross_validate

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
        from exposure.scoring.rubric import score_rubric

        frame = labels[["onetsoc_code", "task_id", "task", "title"]].reset_index(drop=True)
        scored = score_rubric(frame, text_column="task", onet=onet)
        add("rubric", "all rows (no training)", scored[["p_e0", "p_e1", "p_e2"]].to_numpy(float))
    elif method == "reference":
        pass
    else:
        raise ExposureError(f"unknown method {method!r}; choose learned, rubric or reference")
    add("GPT-4 labels (reference-gpt4), same rows", "all rows (no training)", _onehot(labels["gpt4_exposure"]))
    paper = {"scorer": "GPT-4 labels, published (Eloundou et al. 2023)", "protocol": "paper, all rows",
             "n_tasks": np.nan, "n_occupations": np.nan, **PAPER_GPT4, "ece": np.nan, "brier": np.nan}
    table.append(paper)
    out = pd.DataFrame(table)
    out["n_tasks"] = out["n_tasks"].astype("Int64")
    out["n_occupations"] = out["n_occupations"].astype("Int64")
    return out, reliability
