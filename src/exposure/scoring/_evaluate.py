"""Agreement metrics of class probabilities with the human labels of Eloundou et al. (2023).

Task level: accuracy and Cohen's kappa of the most probable class. Occupation level:
Pearson r of alpha, beta and gamma, each the Core=2 / Supplemental-or-missing=1 weighted
mean over an occupation's tasks (O*NET-SOC code) of the method's expectations
(``proba @ LABEL_LEVELS``: ``p_e1``, ``p_e1 + 0.5 p_e2``, ``p_e1 + p_e2``) against the same
means of the human labels (:data:`exposure._measures.LABEL_SCORES`). Calibration: expected
calibration error of the top class (15 equal-width bins) and the multi-class Brier score.

These are the figures training records (:mod:`exposure.scoring._train`); the agreement
reports built from them are in :mod:`exposure.reports.agreement`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from exposure._measures import EXPOSURE_MEASURES, LABEL_LEVELS, LABELS
from exposure.errors import ExposureError

__all__ = [
    "agreement",
    "occupation_means",
    "cohen_kappa",
    "expected_calibration_error",
    "brier_score",
    "onehot",
]


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
    scores = np.asarray(proba, dtype=float) @ LABEL_LEVELS
    w = np.asarray(weights, dtype=float)
    frame = pd.DataFrame(scores * w[:, None], columns=list(EXPOSURE_MEASURES))
    frame["_w"] = w
    sums = frame.groupby(np.asarray(codes), sort=True).sum()
    return sums[list(EXPOSURE_MEASURES)].div(sums["_w"], axis=0)


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two sequences of class indices (0=E0, 1=E1, 2=E2).

    Examples
    --------
    >>> cohen_kappa([0, 1, 2, 0], [0, 1, 2, 0])
    1.0
    >>> round(cohen_kappa([0, 0, 1, 2], [0, 1, 1, 2]), 4)
    0.6364
    """
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
    target = np.eye(proba.shape[1])[np.asarray(y)]
    return float(((proba - target) ** 2).sum(axis=1).mean())


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
        "kappa": cohen_kappa(y, pred),
    }
    for m in EXPOSURE_MEASURES:
        out[f"r_{m}"] = float(np.corrcoef(method[m], human[m])[0, 1]) if len(method) > 2 else float("nan")
    out["ece"] = expected_calibration_error(proba, y)
    out["brier"] = brier_score(proba, y)
    return out


def onehot(labels) -> np.ndarray:
    """One-hot rows of labels ``"E0"``, ``"E1"``, ``"E2"``; NaN rows for anything else.

    Examples
    --------
    >>> onehot(["E1", None, "E0"])
    array([[ 0.,  1.,  0.],
           [nan, nan, nan],
           [ 1.,  0.,  0.]])
    """
    idx = pd.Series(labels).map({k: i for i, k in enumerate(LABELS)})
    out = np.full((len(idx), len(LABELS)), np.nan)
    ok = idx.notna().to_numpy()
    out[ok] = np.eye(len(LABELS))[idx[ok].astype(int).to_numpy()]
    return out
