"""Agreement metrics of class probabilities with the human labels of Eloundou et al. (2023).

Task level: accuracy and Cohen's kappa of the most probable class. Occupation level:
Pearson r of alpha, beta and gamma, each the Core=2 / Supplemental-or-missing=1 weighted
mean over an occupation's tasks (O*NET-SOC code) of the method's expectations
(``proba @ LABEL_LEVELS``: ``p_e1``, ``p_e1 + 0.5 p_e2``, ``p_e1 + p_e2``) against the same
means of the human labels (:data:`exposure._measures.LABEL_SCORES`). Calibration: expected
calibration error of the top class (15 equal-width bins) and the multi-class Brier score.

Inputs are checked (:class:`~exposure.errors.DataFormatError`, naming the argument and the
row, counted from 1): ``proba`` three columns of probabilities (each in [0, 1], the row
summing to 1 within 0.001), classes 0, 1 or 2, weights positive, codes present, all of one
length. Before, a class -1 was read as E2 (numpy's negative index), a weight NaN left its
task out, a code None left its task out, ``n_bins=0`` gave a figure, and others an
``IndexError`` or a pandas ``ValueError``. Figures that are undefined are NaN (documented
per function): kappa when both sides give one same class to every task, r with fewer than
three occupations or a constant side, and any figure of no rows.

These are the figures training records (:mod:`exposure.scoring._train`); the agreement
reports built from them are in :mod:`exposure.reports.agreement`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from exposure._args import as_array, check_count, shown
from exposure._measures import EXPOSURE_MEASURES, LABEL_LEVELS, LABELS, PROBA_COLUMNS, label_hint
from exposure._tables import check_pairs
from exposure.errors import DataFormatError, ExposureError

__all__ = [
    "agreement",
    "occupation_means",
    "cohen_kappa",
    "expected_calibration_error",
    "brier_score",
    "confidence_bins",
    "onehot",
]

#: How far a probability may lie outside [0, 1], and a row's sum from 1 (rounding).
PROBA_TOLERANCE = 1e-3


def check_proba(proba, *, nan_rows: bool = False, name: str = "proba") -> np.ndarray:
    """``proba`` as an (n, 3) float array of probabilities; anything else refused, naming the row.

    Each value in [0, 1] and each row summing to 1, within :data:`PROBA_TOLERANCE` (a
    row of percentages, or two of three columns, gave figures without a word). A row
    holding NaN is refused unless ``nan_rows`` (the caller drops such rows). A frame of
    nullable or Arrow floats (``Float64``, ``double[pyarrow]``: scores read back with
    ``pd.read_parquet(..., dtype_backend=...)``) is read with ``<NA>`` as NaN: it was
    refused as not an array of probabilities when a row was not scored. A frame with the
    columns ``p_e0``, ``p_e1`` and ``p_e2`` (:func:`exposure.scoring.score_tasks`' output,
    with other columns or in another order) is read by those names, and so is a frame
    with the columns ``E0``, ``E1`` and ``E2`` (``pd.get_dummies`` of labels whose
    categories are in another order, or a ``pd.crosstab``: columns ``E1, E0, E2`` were read
    by position, E1 as E0, and a perfect rater's accuracy was 0.33, without a word).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``name`` and the row (counted from 1).

    Examples
    --------
    >>> check_proba([[0.5, 0.5, 0.0], [50, 50, 0]])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: proba row 2 is [50.0, 50.0, 0.0]: probabilities of E0, E1, E2 must each be in [0, 1] and sum to 1 (within 0.001)
    >>> check_proba(pd.DataFrame([[1.0, 0.0, 0.0], [None] * 3], dtype="Float64"), nan_rows=True)[1].tolist()
    [nan, nan, nan]
    >>> check_proba(pd.DataFrame({"p_e2": [0.7], "p_e1": [0.2], "p_e0": [0.1], "task": ["Weld."]})).tolist()
    [[0.1, 0.2, 0.7]]
    >>> check_proba(pd.get_dummies(pd.Categorical(["E1", "E0"], categories=["E1", "E0", "E2"]), dtype=float)).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """
    arr = None
    if isinstance(proba, pd.DataFrame) and proba.columns.is_unique:
        # read by name: columns p_e2, p_e1, p_e0 were read by position (E2 as E0, without
        # a word), and score_tasks' own output (scores among other columns) was refused;
        # so were columns E1, E0, E2 (pd.get_dummies of categorical labels, a crosstab)
        named = next((names for names in (PROBA_COLUMNS, LABELS) if set(names) <= set(proba.columns)), None)
        if named is not None:
            proba = proba[list(named)]
    if proba is not None and not isinstance(proba, (str, bytes, dict)):
        try:
            arr = np.asarray(proba, dtype=float)
        except (TypeError, ValueError):  # "could not convert string to float" before
            arr = None
        if arr is None and isinstance(proba, pd.DataFrame):  # Float64 or Arrow floats holding <NA>
            try:
                arr = proba.to_numpy(dtype=float, na_value=np.nan)
            except (TypeError, ValueError):
                arr = None
    if arr is None or arr.ndim != 2 or arr.shape[1] != len(LABELS):  # a matmul or AxisError before
        raise DataFormatError(f"{name} must be an array of probabilities with one row per task and 3 columns "
                              f"(E0, E1, E2), got {shown(proba)}")
    nan = np.isnan(arr).any(axis=1)
    if nan.any() and not nan_rows:  # NaN figures, or a row silently left out of a mean
        pos = int(np.flatnonzero(nan)[0])
        raise DataFormatError(f"{name} row {pos + 1} is {arr[pos].tolist()}: it holds NaN (a task not scored); "
                              "leave such rows out")
    with np.errstate(invalid="ignore"):
        bad = (((arr < -PROBA_TOLERANCE) | (arr > 1 + PROBA_TOLERANCE)).any(axis=1)
               | (np.abs(arr.sum(axis=1) - 1) > PROBA_TOLERANCE)) & ~nan
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise DataFormatError(f"{name} row {pos + 1} is {arr[pos].tolist()}: probabilities of E0, E1, E2 must "
                              f"each be in [0, 1] and sum to 1 (within {PROBA_TOLERANCE})")
    return arr


def check_classes(values, n: int | None = None, *, name: str = "y", per: str = "row of proba") -> np.ndarray:
    """``values`` as a 1-d int array of classes 0, 1 or 2 (``n`` of them, one per row of proba).

    Whole floats (``1.0``) are classes; ``1.5``, NaN, -1 (read as E2 by numpy's negative
    index), 3, text and booleans are refused, naming the row (counted from 1). Labels
    ``E0``, ``E1``, ``E2`` (the human labels' column itself) are told how to make them
    classes (:func:`_labels_hint`: they were refused without a word of it).

    Examples
    --------
    >>> check_classes([0, 2.0, 1]).tolist()
    [0, 2, 1]
    >>> check_classes([0, -1], 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: y row 2 is -1: a class must be 0, 1 or 2 (E0, E1, E2)
    >>> check_classes(["E1", "E0"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: y must be one class (0, 1 or 2) per task, got list ['E1', 'E0']: these are labels; give their classes, pd.Series(y).map({'E0': 0, 'E1': 1, 'E2': 2})
    """
    arr = as_array(values)
    if arr is not None and arr.dtype.kind == "O":  # a Series of object ints
        try:
            arr = arr.astype(float)
        except (TypeError, ValueError):
            arr = None
    ok = (arr is not None and arr.ndim == 1 and (n is None or len(arr) == n)
          and (arr.dtype.kind in "iuf" or len(arr) == 0))
    if not ok:
        rows = f" per {per} ({n} rows)" if n is not None else " per task"
        raise DataFormatError(f"{name} must be one class (0, 1 or 2){rows}, got {shown(values)}"
                              f"{_labels_hint(values, name)}")
    bad = ~np.isin(arr, np.arange(len(LABELS)))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = arr[pos].item()
        value = int(value) if float(value).is_integer() else value
        raise DataFormatError(f"{name} row {pos + 1} is {value}: a class must be 0, 1 or 2 (E0, E1, E2)")
    return arr.astype(int)


def _labels_hint(values, name: str) -> str:
    """Advice for classes given as labels: ``values`` whose cells are ``E0``, ``E1``, ``E2`` or missing.

    The human labels' column (``labels["human_exposure_agg"]``) given as ``y`` was refused as
    not classes, without a word of how to turn the labels into them; the advice works
    for a list, an array or a Series (categorical too). Cells spelt otherwise (``"e1"``,
    ``" E1 "``) get no advice: the mapping would make them NaN.
    """
    if isinstance(values, (str, bytes)):  # one label is not one per task
        return ""
    try:
        cells = pd.Series(np.asarray(values, dtype=object).ravel() if not isinstance(values, pd.Series)
                          else values.astype(object))
    except (TypeError, ValueError):
        return ""
    present = cells[cells.notna()]
    if present.empty or not present.map(lambda v: isinstance(v, str) and v in LABELS).all():
        return ""
    mapping = {label: k for k, label in enumerate(LABELS)}
    return f": these are labels; give their classes, pd.Series({name}).map({mapping})"


def _codes_weights(codes, weights, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Occupation codes (present) and task weights (finite, above 0), one per row of proba."""
    if isinstance(codes, (list, tuple)):  # numpy read ["a", nan] as the texts "a" and "nan"
        codes = np.array(codes, dtype=object)
    c, w = as_array(codes), as_array(weights)
    if c is None or c.ndim != 1 or len(c) != n:  # pandas' "Grouper and axis must be same length"
        raise DataFormatError(f"codes must be one occupation code per row of proba ({n} rows), got {shown(codes)}")
    missing = pd.isna(c) | (pd.Series(c, dtype=object).astype(str).str.strip() == "").to_numpy()
    if missing.any():  # groupby left the task out without a word
        raise DataFormatError(f"codes row {int(np.flatnonzero(missing)[0]) + 1}: the occupation code is missing")
    try:
        w = None if w is None or w.dtype.kind == "b" else w.astype(float)
    except (TypeError, ValueError):
        w = None
    if w is None or w.ndim != 1 or len(w) != n:
        raise DataFormatError(f"weights must be one number per row of proba ({n} rows), got {shown(weights)}")
    bad = ~(np.isfinite(w) & (w > 0))
    if bad.any():  # NaN left the task out; 0 gave NaN means; -1 gave -inf
        pos = int(np.flatnonzero(bad)[0])
        raise DataFormatError(f"weights row {pos + 1} is {w[pos].item()}: a task weight must be a number above 0 "
                              "(2 for Core, 1 otherwise)")
    return c, w


#: Occupations whose largest task weight lies outside ``[2**-WEIGHT_RANGE, 2**WEIGHT_RANGE]``
#: have their weights scaled by a power of two (:func:`_scaled_weights`).
WEIGHT_RANGE = 512


def _scaled_weights(w: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The task weights ``w``, those of an occupation of huge or tiny weights scaled to ``[0.5, 1)``.

    A weighted mean is the same with every weight of its occupation multiplied by one
    factor; a power of two changes no digit of a product, sum or quotient (short of
    overflow and underflow), so the means are the ones the weights give. Weights near
    1e308 overflowed the weighted sums (inf, and NaN or 0 means, with numpy's
    ``overflow encountered`` warnings), and subnormal ones (1e-320) lost their digits in
    the products. The weights of the other occupations (2 for Core, 1 otherwise, or any
    within :data:`WEIGHT_RANGE` powers of two of 1) are left as given: their figures do not
    move by one bit.

    Examples
    --------
    >>> _scaled_weights(np.array([2.0, 1.0, 1e308, 1e307]), np.array(["a", "a", "b", "b"])).round(3).tolist()
    [2.0, 1.0, 0.556, 0.056]
    """
    top = pd.Series(w).groupby(keys, sort=False).transform("max").to_numpy()
    shift = np.frexp(top)[1]
    shift[np.abs(shift) <= WEIGHT_RANGE] = 0  # ordinary weights: as given
    return np.ldexp(w, -shift)


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
        Index: occupation; columns ``alpha, beta, gamma``. No rows for no tasks.

    Raises
    ------
    exposure.errors.DataFormatError
        ``proba`` not (n, 3) probabilities (:func:`check_proba`; a NaN row is refused: it
        was left out of the numerator only), a code missing (the task was left out), a
        weight not above 0 (NaN left the task out, 0 gave NaN means; weights near 1e308,
        which overflowed to NaN means, are read: :func:`_scaled_weights`), or lengths differ;
        a ``proba`` frame and ``codes`` or ``weights`` Series (or two such Series) holding
        one another's index labels in another order (:func:`~exposure._tables.check_pairs`: paired by
        position, the tasks of a sorted frame were given other tasks' codes).

    Examples
    --------
    >>> occupation_means(np.eye(3)[[1, 2, 0]], ["a", "a", "b"], [2, 1, 1]).round(3)
       alpha   beta  gamma
    a  0.667  0.833    1.0
    b  0.000  0.000    0.0
    """
    check_pairs((proba, "proba"), (codes, "codes"), (weights, "weights"))  # a sorted frame: other tasks' codes
    proba = check_proba(proba)
    codes, w = _codes_weights(codes, weights, len(proba))
    keys = np.asarray(codes)
    w = _scaled_weights(w, keys)  # weights near 1e308: the sums overflowed (NaN means)
    scores = proba @ LABEL_LEVELS
    frame = pd.DataFrame(scores * w[:, None], columns=list(EXPOSURE_MEASURES))
    frame["_w"] = w
    sums = frame.groupby(keys, sort=True).sum()
    return sums[list(EXPOSURE_MEASURES)].div(sums["_w"], axis=0)


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two sequences of class indices (0=E0, 1=E1, 2=E2).

    Returns
    -------
    float
        NaN where kappa is undefined: both sides give one same class to every task (the
        agreement by chance is 1; :func:`exposure.reports.categories.cohen_kappa` gives
        1.0 for binary flags there), or no tasks. One side constant and the other not is 0.

    Raises
    ------
    exposure.errors.DataFormatError
        ``a`` or ``b`` holds something other than 0, 1 or 2 (-1 was read as class 2, 3 or
        1.5 raised an ``IndexError``), or they differ in length; two Series holding the same
        index labels in another order (:func:`~exposure._tables.check_pairs`: compared by position, two
        identical ratings, one sorted since, gave a kappa below 1).

    Examples
    --------
    >>> cohen_kappa([0, 1, 2, 0], [0, 1, 2, 0])
    1.0
    >>> round(cohen_kappa([0, 0, 1, 2], [0, 1, 1, 2]), 4)
    0.6364
    """
    check_pairs((a, "a"), (b, "b"))  # two Series, one sorted since: other tasks' classes compared
    a = check_classes(a, name="a")
    b = check_classes(b, len(a), name="b", per="entry of a")
    if len(a) == 0:  # an IndexError (a list) or a RuntimeWarning before
        return float("nan")
    cm = np.zeros((3, 3))
    np.add.at(cm, (a, b), 1)
    n = cm.sum()
    po = np.trace(cm) / n
    pe = (cm.sum(0) * cm.sum(1)).sum() / n**2
    return float((po - pe) / (1 - pe)) if pe < 1 else float("nan")


def confidence_bins(conf, n_bins: int) -> np.ndarray:
    """Equal-width bin of each confidence in [0, 1]: bin *b* holds ``b / n_bins <= conf < (b + 1) / n_bins``.

    The last bin holds 1 as well. The bin is ``floor(conf * n_bins)``, moved by one where
    that product's rounding disagrees with the edge ``b / n_bins`` as written: ``15 / 22``
    times 22 is 14.999999999999998, so a confidence of exactly ``15 / 22`` fell into the bin
    below its lower edge (shown in :func:`exposure.reports.agreement.reliability_table`
    with the lower edge 0.682 above its value). With 10 or 15 bins no edge is affected.

    Examples
    --------
    >>> confidence_bins(np.array([0.0, 15 / 22, 0.99, 1.0]), 22).tolist()
    [0, 15, 21, 21]
    """
    conf = np.asarray(conf, dtype=float)
    bins = np.minimum(np.floor(conf * n_bins).astype(int), n_bins - 1)
    bins -= conf < bins / n_bins  # the product rounded up across an edge
    bins += (bins < n_bins - 1) & (conf >= (bins + 1) / n_bins)  # rounded down below one
    return bins


def expected_calibration_error(proba, y, n_bins: int = 15) -> float:
    """Top-label expected calibration error with equal-width confidence bins.

    NaN for no rows (it was 0.0). ``proba`` as :func:`check_proba` (no NaN), ``y`` one class
    per row (:func:`check_classes`: 3 counted as a miss before), ``n_bins`` a whole number of
    1 or more (0, -1 or 2.5 gave a figure before); a ``proba`` frame and a ``y`` Series holding
    one another's index labels in another order are refused (:func:`~exposure._tables.check_pairs`: a perfect
    scorer, sorted since, got an error of 0.5).

    Examples
    --------
    >>> round(expected_calibration_error([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]], [0, 1]), 3)
    0.35
    """
    check_pairs((proba, "proba"), (y, "y"))  # a sorted proba frame: other tasks' classes
    proba = check_proba(proba)
    y = check_classes(y, len(proba))
    n_bins = check_count(n_bins, "n_bins", 1)
    if len(y) == 0:
        return float("nan")
    conf = proba.max(axis=1)
    correct = proba.argmax(axis=1) == y
    bins = confidence_bins(conf, n_bins)
    ece = 0.0
    for b in np.unique(bins):
        m = bins == b
        ece += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(ece)


def brier_score(proba, y) -> float:
    """Multi-class Brier score: mean over tasks of the squared distance to the one-hot label.

    NaN for no rows (with numpy's warnings before). ``proba`` as :func:`check_proba` (a NaN
    row gave NaN), ``y`` one class per row (:func:`check_classes`: -1 was read as E2); a
    ``proba`` frame and a ``y`` Series holding one another's index labels in another order
    are refused (:func:`~exposure._tables.check_pairs`: a perfect scorer, sorted since, scored 1.0).

    Examples
    --------
    >>> brier_score([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]], [0, 1])
    0.25
    """
    check_pairs((proba, "proba"), (y, "y"))  # a sorted proba frame: other tasks' classes
    proba = check_proba(proba)
    y = check_classes(y, len(proba))
    if len(y) == 0:
        return float("nan")
    target = np.eye(proba.shape[1])[y]
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
        ``kappa`` NaN as :func:`cohen_kappa`; each ``r`` NaN with fewer than three
        occupations (two points always correlate at +1 or -1) or where the method's or the
        humans' means are one value throughout (no longer with numpy's warning).

    Raises
    ------
    exposure.errors.ExposureError
        No row without NaN.
    exposure.errors.DataFormatError
        ``proba`` rows that are not probabilities (:func:`check_proba`), ``y`` other than
        classes 0, 1, 2 (-1 was read as E2, NaN a ``ValueError``), a code missing, a weight
        not above 0, or lengths that differ (an ``IndexError`` before), naming the row; a
        ``proba`` frame whose index labels ``y``, ``codes`` or ``weights`` (Series) hold in
        another order, or (``proba`` an array) ``y``, ``codes`` and ``weights`` Series in two
        orders (:func:`~exposure._tables.check_pairs`).

    Examples
    --------
    >>> p = np.eye(3)[[0, 1, 2, 0]]
    >>> agreement(p, [0, 1, 2, 0], ["a", "a", "b", "c"], [1, 1, 1, 1])["kappa"]
    1.0
    """
    # a proba frame sorted after scoring, paired with y, codes or weights in the first order
    # (Series), gave a perfect scorer accuracy 0.25 without a word: refused, as the reports do;
    # so are y, codes and weights Series in two orders beside an array of scores
    check_pairs((proba, "proba"), (y, "y"), (codes, "codes"), (weights, "weights"))
    proba = check_proba(proba, nan_rows=True)
    y = check_classes(y, len(proba))
    codes, weights = _codes_weights(codes, weights, len(proba))
    keep = ~np.isnan(proba).any(axis=1)
    proba, y = proba[keep], y[keep]
    codes = codes[keep]
    weights = weights[keep]
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
        with np.errstate(invalid="ignore", divide="ignore"):  # a constant side: NaN, said in the docstring
            out[f"r_{m}"] = float(np.corrcoef(method[m], human[m])[0, 1]) if len(method) > 2 else float("nan")
    out["ece"] = expected_calibration_error(proba, y)
    out["brier"] = brier_score(proba, y)
    return out


def onehot(labels) -> np.ndarray:
    """One-hot rows of labels ``"E0"``, ``"E1"``, ``"E2"``; NaN rows for missing labels.

    A missing label (None, NaN, ``pd.NA``, a blank text) is a NaN row, which
    :func:`agreement` leaves out. Any other value is refused, naming the row: a label
    in another case or with spaces (``"e1"``, ``" E1"``), another label (``"E5"``) or a
    class (``1``) was a NaN row too, so the task was left out of the figures without a word
    (the GPT-4 labels of a file of one's own, ``onehot(labels["gpt4_exposure"])``).

    Raises
    ------
    exposure.errors.DataFormatError
        A value that is neither a label nor missing, naming the row (counted from 1) and
        what to write where it is a label in another case or a class.

    Examples
    --------
    >>> onehot(["E1", None, "E0"])
    array([[ 0.,  1.,  0.],
           [nan, nan, nan],
           [ 1.,  0.,  0.]])
    >>> onehot(["E1", "e0"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels row 2 is 'e0': a label must be E0, E1 or E2 (or missing): write 'E0' (the choices are case-sensitive)
    """
    cells = pd.Series(labels, dtype=object)
    missing = cells.map(lambda v: v is None or (np.ndim(v) == 0 and bool(pd.isna(v)))
                        or (isinstance(v, str) and not v.strip())).to_numpy(dtype=bool)
    idx = cells.map({k: i for i, k in enumerate(LABELS)})
    bad = idx.isna().to_numpy() & ~missing
    if bad.any():  # "e1", " E1", "E5", 1: a NaN row, left out of the figures without a word
        pos = int(np.flatnonzero(bad)[0])
        value = cells.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # 1, not np.int64(1)
        hint = label_hint(value)
        raise DataFormatError(f"labels row {pos + 1} is {value!r}: a label must be E0, E1 or E2 (or missing){hint}")
    out = np.full((len(idx), len(LABELS)), np.nan)
    ok = idx.notna().to_numpy()
    out[ok] = np.eye(len(LABELS))[idx[ok].astype(int).to_numpy()]
    return out
