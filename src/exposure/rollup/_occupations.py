"""Tasks -> O*NET-SOC occupations: label mapping, task weights, weighted means, bootstrap."""

from __future__ import annotations

import contextlib
import contextvars
import logging
import numbers
import os
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from exposure._args import as_shown, check_choice, check_flag, check_name, choice_hint, shown
from exposure._measures import (
    CATEGORIES,
    CATEGORY_SHARES,
    CORE_WEIGHT,
    EXPOSURE_MEASURES,
    LABEL_LEVELS,
    LABEL_SCORES,
    LABELS,
    MEASURES,
    OTHER_WEIGHT,
    PROBA_COLUMNS,
)
from exposure._tables import index_hint, norm_task_id, norm_task_ids, number_hint, task_id_numbers
from exposure.errors import DataFormatError, ExposureError
from exposure.measures._crosswalk import check_once
from exposure.rollup._soc import measure_values, partial_measures, require_frame, rubric_order
from exposure.schemas import validate
from exposure.schemas._fields import first_bad_onetsoc_code
from exposure.schemas._rollup import OccupationScores
from exposure.scoring._files import OWN_WEIGHTS, plain_name
from exposure.scoring._inputs import (
    argument_given,
    bad_task_types,
    cell_shown,
    other_task_rows,
    task_type_hint,
)

__all__ = [
    "FREQUENCY_PER_YEAR",
    "label_scores",
    "scores_from_labels",
    "task_weights",
    "check_task_scores",
    "to_occupations",
    "OccupationDraws",
    "bootstrap_occupations",
]

log = logging.getLogger(__name__)

#: O*NET Task Ratings frequency (scale FT) categories -> occurrences per year. The category
#: titles are O*NET's; the numbers are this library's reading of them (a year of 250 work
#: days, 8 hours a day): 1 "yearly or less" = 1, 2 "more than yearly" = 6 (about every two
#: months), 3 "more than monthly" = 24 (twice a month), 4 "more than weekly" = 104 (twice a
#: week), 5 "daily" = 250, 6 "several times daily" = 750 (three times a day),
#: 7 "hourly or more" = 2000 (once per working hour).
FREQUENCY_PER_YEAR = {1: 1.0, 2: 6.0, 3: 24.0, 4: 104.0, 5: 250.0, 6: 750.0, 7: 2000.0}

WEIGHTS = ("equal", "core", "importance", "frequency")
#: O*NET's importance scale (Task Ratings scale IM): a rating outside it is refused as a weight.
IMPORTANCE_RANGE = (1, 5)

#: How each of :data:`WEIGHTS` weighs a task, said where a weights column is not read.
WEIGHING = {
    "equal": "every task 1",
    "core": "Core tasks 2, Supplemental or untyped ones 1",
    "importance": "the importance (scale IM) of O*NET Task Ratings",
    "frequency": "the frequency (scale FT) of O*NET Task Ratings",
}


def weight_columns(frame: pd.DataFrame) -> list:
    """The columns of ``frame`` named as task weights (:data:`~exposure.scoring._files.OWN_WEIGHTS`), in order.

    Names are compared in any case or spacing (:func:`~exposure.scoring._files.plain_name`).

    Examples
    --------
    >>> weight_columns(pd.DataFrame(columns=["task_id", "Hours", "task weight", "beta"]))
    ['Hours', 'task weight']
    """
    return [c for c in frame.columns if isinstance(c, str) and plain_name(c) in OWN_WEIGHTS]


def weights_unread_said(column: str, weights: str) -> str:
    """Why column ``column`` of the task scores is not read, and how the tasks are weighed, in the caller's words.

    Said by :func:`task_weights` (a warning) and refused by ``exposure rollup``, whose
    options name the weights (:func:`_weights_said`): a column of each task's hours,
    importance or frequency was ignored without a word, the tasks weighed by ``weights``.

    Examples
    --------
    >>> weights_unread_said("hours", "equal")[:121]
    "column 'hours' holds task weights, which the roll-up does not read: it weighs the tasks by weights='equal' (every task 1)"
    """
    ratings = "task_ratings=" if _weights_said("core").startswith("weights=") else "--task-ratings FILE"
    return (f"column {column!r} holds task weights, which the roll-up does not read: it weighs the tasks by "
            f"{_weights_said(weights)} ({WEIGHING[weights]}), never by a column of the scores (the weights: equal, "
            f"core, or importance or frequency from O*NET Task Ratings, {ratings}); drop or rename the column")


def label_scores(labels: pd.Series) -> pd.DataFrame:
    """Map exposure labels E0/E1/E2 to (alpha, beta, gamma); missing labels stay missing.

    Parameters
    ----------
    labels : pandas.Series
        Values ``"E0"``, ``"E1"``, ``"E2"`` or missing (``None``, NaN, or blank text: the
        ``""`` that :func:`pandas.read_stata` gives for an empty cell).

    Returns
    -------
    pandas.DataFrame
        Columns ``alpha``, ``beta``, ``gamma`` with the index of ``labels``.

    Raises
    ------
    exposure.errors.DataFormatError
        On any other label, naming its row (counted from 1) and the Series' name as
        column; ``labels`` that is not a pandas Series.

    Examples
    --------
    >>> label_scores(pd.Series(["E0", "E1", "E2", None]))
       alpha  beta  gamma
    0    0.0   0.0    0.0
    1    1.0   1.0    1.0
    2    0.0   0.5    1.0
    3    NaN   NaN    NaN
    """
    if not isinstance(labels, pd.Series):
        raise DataFormatError(f"labels must be a pandas Series of E0/E1/E2 labels, got {type(labels).__name__}")
    _refuse_labels(labels, labels.name if isinstance(labels.name, str) else None)
    out = {}
    for j, name in enumerate(EXPOSURE_MEASURES):
        out[name] = labels.map({k: v[j] for k, v in LABEL_SCORES.items()}).astype(float)
    return pd.DataFrame(out, index=labels.index)


def scores_from_labels(frame: pd.DataFrame, column: str, *, method: str = "reference") -> pd.DataFrame:
    """Turn a frame of task labels into task scores with one-hot probabilities.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``onetsoc_code``, ``task_id`` and ``column``; a ``task_type`` column is kept.
    column : str
        Column holding E0/E1/E2 labels (e.g. ``human_exposure_agg`` or ``gpt4_exposure``).
    method : str, default "reference"
        Value of the ``method`` column.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code, task_id, p_e0, p_e1, p_e2, label, alpha, beta, gamma, method``
        (+ ``task_type``); missing labels give missing probabilities and scores.

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` that is not a DataFrame or lacks ``onetsoc_code``, ``task_id`` or
        ``column``; ``column`` or ``method`` that is not a string; a label other than
        E0/E1/E2 (naming its row, counted from 1, and ``column``).

    Examples
    --------
    >>> f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2],
    ...                   "gpt4": ["E2", "E0"]})
    >>> scores_from_labels(f, "gpt4")[["task_id", "p_e2", "label", "beta"]]
       task_id  p_e2 label  beta
    0        1   1.0    E2   0.5
    1        2   0.0    E0   0.0
    """
    check_name(column, "column")
    check_name(method, "method", "a method name")
    require_frame(frame, "frame", ["onetsoc_code", "task_id", column])
    # a blank label (the "" of pandas.read_stata, of keep_default_na=False) is missing
    given = frame[column].notna().to_numpy(dtype=bool) & ~_blank(frame[column])
    labels = frame[column].astype(object).where(given, None)
    out = frame[["onetsoc_code", "task_id"]].copy()
    for lab in LABELS:
        out[f"p_{lab.lower()}"] = (labels == lab).astype(float).where(labels.notna())
    out["label"] = labels
    out = pd.concat([out, label_scores(labels)], axis=1)
    out["method"] = method
    if "task_type" in frame.columns:
        out["task_type"] = frame["task_type"].to_numpy()
    return out


def _task_key(series: pd.Series) -> pd.Series:
    """Task ids as their canonical text (:func:`exposure._tables.norm_task_id`), same index."""
    return pd.Series(norm_task_ids(series), index=series.index, dtype=object)


def _row_order(group: np.ndarray, task_ids: pd.Series, *columns: np.ndarray) -> np.ndarray:
    """The rows in one order whatever their order in the input: by occupation, task ID, then values.

    ``group`` is each row's occupation (:func:`_groups`), ``task_ids`` its task ID, and
    ``columns`` the values (1-D weights, 2-D measures or probabilities) that break the
    remaining ties: rows that tie on all of them are the same row twice, whose order
    changes nothing. The means of :func:`occupation_table` are summed in this order (the
    same scores in another row order differed in the 16th digit), and the bootstrap of
    :func:`bootstrap_occupations` resamples the rows in it (another row order drew other
    tasks: rerunning the roll-up from a recompute's ``task_scores.parquet``, which is
    sorted by code and task ID, gave other intervals than the recompute).

    Examples
    --------
    >>> _row_order(np.array([1, 0, 0]), pd.Series([7, 9, 3]), np.array([1.0, 1.0, 1.0])).tolist()
    [2, 1, 0]
    """
    task_key, _ = pd.factorize(_task_key(task_ids), sort=True)
    keys = []
    for values in columns:
        values = np.nan_to_num(np.asarray(values, dtype=float), nan=-1.0)
        keys.extend([values] if values.ndim == 1 else list(values.T))
    return np.lexsort((*keys[::-1], task_key, group))


def _blank(values: pd.Series) -> np.ndarray:
    """Where a cell is blank text (empty or spaces only): an empty cell, which is missing.

    A CSV read with ``keep_default_na=False`` and a Stata file read by
    :func:`pandas.read_stata` (Stata has no missing string) give ``""`` for an empty cell.
    """
    return (values.astype("string").str.strip() == "").fillna(False).to_numpy(dtype=bool)


def _given_ids(ids: pd.Series) -> np.ndarray:
    """Rows whose task ID is given (not missing, not blank)."""
    return ids.notna().to_numpy(dtype=bool) & ~_blank(ids)


def _check_ids(task_scores: pd.DataFrame) -> None:
    """Refuse task scores whose task IDs cannot be looked up: no key column, or a blank ID.

    For the weights read from ``tasks`` or ``task_ratings``: a frame without
    ``onetsoc_code`` or ``task_id`` raised ``KeyError``; a blank ID (``' '``) weighed 1, as
    a task of the user's own, where ``exposure score`` refuses it (the same message).
    """
    require_frame(task_scores, "task_scores", ["onetsoc_code", "task_id"])
    _single_columns(task_scores, "task_scores", ["onetsoc_code", "task_id"])
    ids = task_scores["task_id"]
    blank = ids.notna().to_numpy(dtype=bool) & ~_given_ids(ids)
    if blank.any():
        pos = int(np.flatnonzero(blank)[0])
        raise DataFormatError(f"task ID {_plain(ids.iloc[pos])!r} is not an integer", path=_TASK_SCORES,
                              row=pos + 1, column="task_id")
    _refuse_odd_ids(task_scores, _TASK_SCORES)


def _refuse_odd_ids(frame: pd.DataFrame, name: str | None) -> None:
    """Refuse a given ``task_id`` of ``frame`` that is not an integer (``True``, ``1.5``), naming the row.

    Such an ID matched no task: the task it was meant for was said to have no rating or
    to be missing from the statements, and the bad row was not named. Missing and blank
    IDs (no key) pass; ``name`` (``tasks``, ``task_ratings``) starts the message.
    """
    ids = frame["task_id"]
    task_id_numbers(ids.astype(object).where(_given_ids(ids), None), path=name)


def _lookup(task_scores: pd.DataFrame, table: pd.DataFrame, value: str) -> tuple[pd.Series, np.ndarray]:
    """``table[value]`` of each task row by (onetsoc_code, task_id), and whether the key was found.

    A row without a task ID (missing or blank: a task of your own; in ``table``, a rating
    or statement of no task) is no key, and never found: the missing IDs of both frames
    matched each other (as the text ``'nan'``), so a task of your own took the type or the
    rating of a row of ``table`` without an ID under its code, or not, by the dtype of the
    two columns.
    """
    given = _given_ids(task_scores["task_id"])
    listed = _given_ids(table["task_id"])
    keys = pd.MultiIndex.from_arrays([task_scores["onetsoc_code"].astype(str), _task_key(task_scores["task_id"])])
    right = pd.Series(
        table[value].to_numpy()[listed],
        index=pd.MultiIndex.from_arrays([table["onetsoc_code"].astype(str).to_numpy()[listed],
                                         _task_key(table["task_id"]).to_numpy()[listed]]),
    )
    right = right[~right.index.duplicated()]
    found = (right.index.get_indexer(keys) >= 0) & given
    return pd.Series(right.reindex(keys).to_numpy(), index=task_scores.index).where(found), found


def _under_other_code(table: pd.DataFrame, code, task_id, what: str) -> str:
    """Where ``table`` lists task ``task_id`` under codes other than ``code``, said for a message, or ``""``.

    A task placed under a second occupation (O*NET's task 8823 of ``11-1011.00`` given
    under ``15-1252.00`` too) has no type or rating under the second code: it was said to
    be "not in the O*NET task statements", though they list its ID, and no more. ``what``
    says how ``table`` lists it (``lists``, ``rate``).

    Examples
    --------
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823]})
    >>> _under_other_code(tasks, "15-1252.00", 8823, "the statements list")
    ' (the statements list task 8823 under 11-1011.00 only: a task placed under a second occupation takes nothing from them there)'
    >>> _under_other_code(tasks, "15-1252.00", 8824, "the statements list")
    ''
    """
    listed = _given_ids(table["task_id"])
    same = (_task_key(table["task_id"]) == norm_task_id(task_id)).to_numpy(dtype=bool) & listed
    codes = sorted(set(table["onetsoc_code"].astype(str).to_numpy()[same]) - {str(code)})
    if not codes:
        return ""
    more = "" if len(codes) == 1 else f" and {len(codes) - 1} other code{'' if len(codes) == 2 else 's'}"
    return (f" ({what} task {norm_task_id(task_id)} under {codes[0]}{more} only: a task placed under a second "
            "occupation takes nothing from them there)")


def _plain(value):
    """A cell as a plain Python value for a message (``3.0``, not ``np.float64(3.0)``)."""
    return value.item() if isinstance(value, np.generic) else value


def _cell(value) -> str:
    """A refused cell for a message: a plain Python value (``2``, not ``np.int64(2)``), cut when long.

    A label, task type or category flag of a Parquet or Stata column of numbers was shown
    as ``np.int64(2)``; :func:`exposure.scoring._inputs.cell_shown` cuts a long text.
    """
    return cell_shown(_plain(value))


def _refuse_labels(labels: pd.Series, column: str | None, path: str | None = None) -> None:
    """Refuse a label other than E0, E1, E2 or missing, naming ``path`` (the frame), its row (from 1) and ``column``.

    Blank text (``""``, spaces) is missing, as in the other columns of the task scores
    (measures, task types, flags): it was refused as ``unknown exposure label ''``. A
    label in another case (``e1``) is told the label to write
    (:func:`exposure._args.choice_hint`): it was refused with the labels listed only.
    """
    bad = (labels.notna() & ~labels.isin(list(LABELS))).to_numpy(dtype=bool) & ~_blank(labels)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = _plain(labels.iloc[pos])
        raise DataFormatError(f"unknown exposure label {_cell(value)} (expected E0, E1 or E2)"
                              f"{choice_hint(value, LABELS)}", path=path, row=pos + 1, column=column)


def _single_columns(frame: pd.DataFrame, name: str, columns) -> None:
    """Refuse ``frame`` (an argument called ``name``) when one of ``columns`` is repeated."""
    check_once(frame, columns, name)  # named first, the column once


def _conflicting_repeats(name: str, keys: dict, values: np.ndarray | pd.Series, given: pd.Series, *,
                         column: str, what: str, known: np.ndarray,
                         rows: np.ndarray | None = None) -> np.ndarray | None:
    """Refuse a key given on two rows with different values; say which rows repeat a key.

    Parameters
    ----------
    name : str
        The argument (``tasks``, ``task_ratings``), named first in the message, before the row
        (it was named after it, in the message only).
    keys : dict of str to array-like
        The key columns (as compared: codes as text, canonical task IDs), by name.
    values : array-like
        The value of each row as it is used (blank task types as missing, ratings as
        numbers); equal values, missing ones included, are the same.
    given : pandas.Series
        The value of each row as the caller gave it, for the message.
    column : str
        The column of the values, named in the error.
    what : str
        What each key must have one of (``rating``, ``task_type``).
    known : numpy.ndarray
        Rows with a task ID (missing or blank: no key, never a repeat).
    rows : numpy.ndarray, optional
        The row (0-based position in the caller's frame) of each value; default 0, 1, ...

    Returns
    -------
    numpy.ndarray or None
        None when no key repeats; else True on the first row of each key (the repeats
        have the same value: the result is the same whichever is kept).

    Raises
    ------
    exposure.errors.DataFormatError
        On the first row whose value differs from that of the first row of its key,
        naming both rows (1-based) and values.
    """
    n = len(given)
    # one integer per distinct key: the key columns factorized and combined (keys that are
    # one value for every row, such as the scale, are only shown)
    group = np.zeros(n, dtype=np.int64)
    for part in keys.values():
        if np.ndim(part) == 0:
            continue
        codes, uniques = pd.factorize(np.asarray(part), use_na_sentinel=False)
        group, _ = pd.factorize(group * (len(uniques) + 1) + codes)
    if not known.all():  # rows without a task ID are no key: each is a group of its own
        group[~known] = group.max(initial=0) + 1 + np.arange(np.count_nonzero(~known))
        group, _ = pd.factorize(group)
    # groups are numbered 0, 1, ... in order of appearance: first[g] is the first row of g
    _, first = np.unique(group, return_index=True)
    if len(first) == n:
        return None
    codes, _ = pd.factorize(np.asarray(values))  # missing (None, NaN): -1
    differ = codes != codes[first[group]]
    if differ.any():
        b = int(differ.argmax())
        a = int(first[group[b]])
        row_a, row_b = (a, b) if rows is None else (int(rows[a]), int(rows[b]))
        shown = ", ".join(
            (str(part) if np.ndim(part) == 0 else str(part[a])) if name_ != "category"
            else f"category {int(part[a])}" for name_, part in keys.items())
        raise DataFormatError(
            f"({shown}) is given on rows {row_a + 1} and {row_b + 1} with different values, "
            f"{_plain(given.iloc[a])!r} and {_plain(given.iloc[b])!r}; each "
            f"({', '.join(keys)}) must have one {what}", path=name, row=row_b + 1, column=column)
    keep = np.zeros(n, dtype=bool)
    keep[first] = True
    return keep


def _rating_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Ratings as floats (NaN where missing or blank), and where a given value is not a number.

    Complex values are not numbers (never cut to their real part).
    """
    # a boolean is not a rating (True was read as importance 1, or as 1 percent)
    odd = (np.ones(len(values), dtype=bool) if pd.api.types.is_bool_dtype(values.dtype)
           else values.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
           if values.dtype == object else np.zeros(len(values), dtype=bool))
    number = pd.to_numeric(values.astype(object).where(~odd, None) if odd.any() else values, errors="coerce")
    given = values.notna().to_numpy(dtype=bool)
    if not pd.api.types.is_numeric_dtype(values.dtype) and given.any():
        blank = (values.astype("string").str.strip() == "").fillna(False).to_numpy(dtype=bool)
        given = given & ~blank
    if np.iscomplexobj(number.to_numpy()):
        arr = np.full(len(values), np.nan)
        return arr, given
    arr = number.to_numpy(dtype=float, na_value=np.nan)
    return arr, given & (np.isnan(arr) | odd)


def _refuse_ratings(name: str, rat: pd.DataFrame, rows: np.ndarray, column: str, bad: np.ndarray,
                    message: str, *, hint: bool = False) -> None:
    """Raise ``message`` (a format with ``{value!r}``) on the first ``bad`` row of ``rat``, ``name`` named first.

    ``hint``: the value is refused as not a number, and a number written as a spreadsheet
    in another locale writes it (``'4,5'``, ``'12,5'``) is told the number to write
    (:func:`exposure._tables.number_hint`; the frame's ratings are read without thousands
    separators): it was ``IM ratings must be numbers, got '4,5'``, and no more. So is a
    number with a no-break space around it (``'4.5\\xa0'``), as by every reader of numbers.

    Examples
    --------
    >>> rat = pd.DataFrame({"data_value": ["4,5"]})
    >>> _refuse_ratings("task_ratings", rat, np.array([0]), "data_value", np.array([True]),
    ...                 "IM ratings must be numbers, got {value!r}", hint=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_ratings, row 1, column 'data_value': IM ratings must be numbers, got '4,5': a decimal comma? write decimals with a point: '4.5'
    """
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        value = _plain(rat[column].iloc[k])
        more = number_hint(value, grouped=False) if hint else ""
        raise DataFormatError(message.format(value=value) + more, path=name,
                              row=int(rows[k]) + 1, column=column)


def _weights_said(*choices: str) -> str:
    """The weights as the caller gives them: ``weights='core'`` in Python, ``--weights core`` in ``exposure rollup``.

    ``exposure rollup`` names its options within
    :func:`~exposure.scoring._inputs.options_named` (``{"weights": "--weights"}``): its
    errors said ``weights='core'`` and ``weights='importance'``, the Python argument,
    which the command does not take. Two choices are said as alternatives.

    Examples
    --------
    >>> _weights_said("core"), _weights_said("core", "equal")
    ("weights='core'", "weights='core' or 'equal'")
    >>> from exposure.scoring._inputs import options_named
    >>> with options_named({"weights": "--weights"}):
    ...     _weights_said("core"), _weights_said("core", "equal"), _statements_advice()[-40:]
    ('--weights core', '--weights core or equal', '(--onet-release RELEASE or --tasks FILE)')
    """
    first = argument_given("weights", choices[0])
    if len(choices) == 1:
        return first
    rest = [f"{c!r}" if first.startswith("weights=") else c for c in choices[1:]]
    return f"{first} or {' or '.join(rest)}"


def _statements_advice() -> str:
    """How to give the task statements of the scores' O*NET release, in the caller's words (:func:`_weights_said`).

    ``exposure rollup`` reads them from ``--onet-release`` (the registry's, 29.1 by
    default) or ``--tasks FILE``: it was told of "the task statements of the O*NET release
    the scores come from" and no option to give them by.
    """
    said = "the task statements of the O*NET release the scores come from"
    if _weights_said("core").startswith("weights="):
        return f"{said} (tasks=)"
    return f"{said} (--onet-release RELEASE or --tasks FILE)"


def task_weights(
    task_scores: pd.DataFrame,
    weights: str = "core",
    *,
    task_ratings: pd.DataFrame | None = None,
    tasks: pd.DataFrame | None = None,
    path=None,
    row_offset: int = 1,
    ratings_path=None,
    ratings_row_offset=1,
) -> np.ndarray:
    """Weight of each task row within its occupation.

    Parameters
    ----------
    task_scores : pandas.DataFrame
        Task rows (``onetsoc_code``, ``task_id``; ``task_type`` is used when present). A
        column named as task weights (:data:`~exposure.scoring._files.OWN_WEIGHTS`: ``weight``, ``hours``,
        ``importance``, ``frequency`` ..., any case or spacing) is not read: the weights
        are ``weights`` alone, and the column is warned of, once per call (it was ignored
        without a word until round 81).
    weights : {"equal", "core", "importance", "frequency"}
        ``"equal"``: 1 per task. ``"core"``: :data:`~exposure._measures.CORE_WEIGHT` (2) for
        Core tasks, :data:`~exposure._measures.OTHER_WEIGHT` (1) for Supplemental or missing
        (or blank) task type (Eloundou et al.); the type comes from a ``task_type`` column of
        ``task_scores`` or else from ``tasks``; with both, a type the column leaves out
        (missing, blank, ``n/a``) is read from ``tasks`` where the task is there, and a
        column with no type at all is not used (every task weighed 1, with the
        statements at hand). Looked up in ``tasks``, a task whose
        ``task_id`` is given must be there (O*NET's own tasks without a type weigh 1); a
        row with a missing ``task_id`` (a task of your own) has no type and weighs 1 (a
        blank one, ``' '``, is refused, as ``exposure score`` refuses it). A row whose
        (``onetsoc_code``, ``task_id``) ``tasks`` lists for another statement than the
        row's ``task`` text (your own numbering under a real code: "Drive a forklift in
        the warehouse." under the key of a Core "Answer telephones."; the rule of
        :func:`exposure.scoring._inputs.other_task_rows`, which takes a rewording or a
        note added for the statement) is weighed as a task of your own, 1, with one
        warning naming the first row (:data:`OTHER_TASKS_MESSAGE`); it took that task's
        type. Where the text is absent (no ``task`` column in ``task_scores`` or in
        ``tasks``, a missing or blank cell) nothing can be checked: the key decides.
        ``"importance"``: the O*NET Task Ratings importance (scale ``IM``, 1-5).
        ``"frequency"``: expected occurrences per year from the Task Ratings frequency
        distribution (scale ``FT``, categories 1-7, percentages in ``data_value``), using
        :data:`FREQUENCY_PER_YEAR`. Importance and frequency weights must be positive and
        finite, and an importance within O*NET's scale, 1 to 5 (:data:`IMPORTANCE_RANGE`).
        With ``tasks`` holding the statements (a ``task`` column), a row whose key they
        list for another statement than its ``task`` text is refused, as a task of your
        own (O*NET does not rate it; it was weighed by the rating of the task under its
        key); without them the Task Ratings, which hold no text, cannot tell.
    task_ratings : pandas.DataFrame, optional
        O*NET Task Ratings (``onetsoc_code, task_id, scale_id, category, data_value``).
    tasks : pandas.DataFrame, optional
        O*NET task statements (``onetsoc_code, task_id, task_type``).
    path : str or os.PathLike, optional
        File the task scores were read from, named with the row of a task scores row in
        the warnings (ratings O*NET marks suppressed). The warnings (such ratings, FT
        percentages summing below 100) are logged once per call, and not at all within
        :func:`weight_warnings_said` (said already by the caller).
    row_offset : int, default 1
        Row number of the first row of ``task_scores`` in the warnings (2: the lines of a
        CSV file under its header, :func:`exposure._tables.first_row_number`).
    ratings_path : str or os.PathLike, optional
        File ``task_ratings`` was read from, named with the row of a rating in the warning
        of FT percentages summing below 100 (without it: ``task_ratings row 3``, the
        frame's row; ``exposure rollup --task-ratings FILE`` said so, one above the
        file's line and naming no file, until round 78).
    ratings_row_offset : int or callable, default 1
        Row number of the first row of ``task_ratings`` in that warning (2 under the
        header of O*NET's text file), or a function giving it, called only to warn.

    Returns
    -------
    numpy.ndarray
        One non-negative weight per row of ``task_scores``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``task_scores`` that is not a DataFrame, ``tasks`` or ``task_ratings`` neither None
        nor a DataFrame (whatever the weights read), ``weights`` that is not a string (a list,
        a Series: ``weights must be one of equal, core, importance, frequency (str), got
        Series``), or an unknown one.
        When the weights need data that is absent (no task type, no ratings, a task
        missing from ``tasks`` or without a rating) or a rating gives a weight that is not
        positive and finite (an importance outside 1-5); the frame and its first such row
        are named (``task_scores, row 4: weights='frequency': ...``, counted from 1: the
        row was named without the frame, beside ``tasks`` and ``task_ratings``, whose rows
        it is not). There is never a silent fallback to other weights. A
        ``task_type`` of ``task_scores`` read by ``"core"`` must be Core or Supplemental,
        or missing, blank or ``n/a`` (the rule of :func:`check_task_scores`: ``core`` or
        ``"Core "`` would weigh 1 as if Supplemental), naming ``task_scores`` first, as
        :func:`check_task_scores` does. The frames the weights are read
        from are checked too, naming ``tasks`` or ``task_ratings`` first, then their row
        (counted from 1) and column (the frame was named after the row, in the message
        only): an ``onetsoc_code`` must be an O*NET-SOC code (a padded
        ``'11-1011.00 '`` matched no task); a ``task_type`` of ``tasks`` must be Core or
        Supplemental, or missing or blank; a ``scale_id`` written otherwise than O*NET
        (``im``, ``'IM '``) is refused, and ratings without a row of the scale read say
        which scales they have; an IM rating must be a number (or missing: no rating); an
        FT category 1-7 and an FT percentage a finite number from 0 to 100 (or missing:
        0); a boolean is no rating, a ``task_id`` of the ratings or statements must be an
        integer (or missing). The FT percentages of a scored task must sum to 100 at
        most (:data:`FT_SUM_TOLERANCE` for rounding); a sum below 100 by more is used
        (the mean of the categories given) with one warning per call
        (:func:`_check_ft_sums`). A key given on two rows (``onetsoc_code``,
        ``task_id`` in ``tasks``; with ``scale_id``, and for FT ``category``, in
        ``task_ratings``) must have the same value on both, else which row counts would
        depend on their order; the two rows are named. Repeats with the same value count
        once. Importance or frequency weights of a row whose key ``tasks`` lists for
        another statement than its text (naming the row and column ``task``).

    Examples
    --------
    >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
    ...                    "task_type": ["Core", "Supplemental", None]})
    >>> task_weights(ts, "core")
    array([2., 1., 1.])
    >>> statements = ts.iloc[:2]
    >>> task_weights(ts.drop(columns="task_type"), "core", tasks=statements)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_scores, row 3, column 'task_id': weights='core': 1 of 3 tasks are not in the O*NET task statements, first 11-1011.00 task 3, so their task type is unknown; use weights='equal', a task_type column, or the task statements of the O*NET release the scores come from (tasks=)
    >>> task_weights(ts, "importance")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: weights='importance' needs O*NET Task Ratings (scale IM); pass task_ratings=
    >>> task_weights(ts.drop(columns="task_type"), "core", tasks=ts.assign(task_type="core"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: tasks, row 1, column 'task_type': task_type must be Core or Supplemental (or missing, blank or n/a), got 'core': write 'Core' (the choices are case-sensitive)
    >>> im = ts[["onetsoc_code", "task_id"]].assign(scale_id="IM", data_value=[4.0, 3.0, 2.5])
    >>> task_weights(ts, "importance", task_ratings=pd.concat([im, im.iloc[[0]].assign(data_value=1.0)]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_ratings, row 4, column 'data_value': (11-1011.00, 1, IM) is given on rows 1 and 4 with different values, 4.0 and 1.0; each (onetsoc_code, task_id, scale_id) must have one rating
    """
    require_frame(task_scores, "task_scores")
    check_choice(weights, "weights", WEIGHTS)
    for frame, what in ((tasks, "tasks (O*NET task statements)"), (task_ratings, "task_ratings (O*NET Task Ratings)")):
        if frame is not None:  # a 5 or a path was ignored when the weights did not read it
            require_frame(frame, what)
    n = len(task_scores)
    unread = weight_columns(task_scores)
    if unread and not _WEIGHT_WARNINGS_SAID.get():  # such a column was ignored without a word
        log.warning("%s: %s", _TASK_SCORES, weights_unread_said(unread[0], weights))
    if weights == "equal":
        return np.ones(n)
    task_scores = _without_other_tasks(task_scores, weights, tasks)
    if weights == "core":
        own_types = "task_type" in task_scores.columns
        if own_types:
            _single_columns(task_scores, "task_scores", ["task_type"])
            ttype = task_scores["task_type"]
            _refuse_task_types(ttype, _TASK_SCORES)  # core, "Core " weighed 1 as if Supplemental
            absent_type = _absent_types(ttype)
            if tasks is not None and absent_type.all():
                # an empty column (a CSV with the header only) hid the statements: every
                # task weighed 1, as if Supplemental, with the types at hand
                own_types = False
            elif tasks is not None and absent_type.any():
                ttype = _types_from_statements(task_scores, ttype, absent_type, tasks)
        if not own_types and tasks is not None:
            require_frame(tasks, "tasks (O*NET task statements)", ["onetsoc_code", "task_id", "task_type"])
            _check_ids(task_scores)
            _check_statements(tasks)
            ttype, found = _lookup(task_scores, tasks, "task_type")
            absent = _given_ids(task_scores["task_id"]) & ~found
            if absent.any():
                pos = int(np.flatnonzero(absent)[0])
                row = task_scores.iloc[pos]
                raise DataFormatError(
                    f"{_weights_said('core')}: {int(absent.sum())} of {n} tasks are not in the O*NET task "
                    f"statements, first {row['onetsoc_code']} task {norm_task_id(row['task_id'])}"
                    f"{_under_other_code(tasks, row['onetsoc_code'], row['task_id'], 'the statements list')}, so "
                    f"their task type is unknown; use {_weights_said('equal')}, a task_type column, or "
                    f"{_statements_advice()}",
                    path=_TASK_SCORES, row=pos + 1, column="task_id",
                )
        elif not own_types:
            raise DataFormatError(
                "weights='core' needs the task type: pass tasks= (O*NET task statements) "
                "or a task_type column"
            )
        return np.where((ttype == "Core").fillna(False).to_numpy(dtype=bool), CORE_WEIGHT, OTHER_WEIGHT)
    if weights in ("importance", "frequency"):
        scale = "IM" if weights == "importance" else "FT"
        if task_ratings is not None:
            require_frame(task_ratings, "task_ratings (O*NET Task Ratings)",
                          ["onetsoc_code", "task_id", "scale_id", "data_value"]
                          + (["category"] if scale == "FT" else []))
            _single_columns(task_ratings, "task_ratings", ["onetsoc_code", "task_id", "scale_id",
                                                            "category", "data_value"])
        if task_ratings is None:
            raise DataFormatError(
                f"weights={weights!r} needs O*NET Task Ratings (scale {scale}); pass task_ratings="
            )
        _check_ids(task_scores)
        chosen = _scale_rows(task_ratings, scale, weights)
        rat, rows = task_ratings[chosen], np.flatnonzero(chosen)
        listed = _given_ids(rat["task_id"])  # a rating without a task ID rates no task (no key)
        _refuse_codes(rat, "task_ratings", rows)
        _refuse_odd_ids(task_ratings, "task_ratings")
        where = ("task_ratings", rat, rows, "data_value")
        value, not_number = _rating_numbers(rat["data_value"])
        keys = {"onetsoc_code": rat["onetsoc_code"].astype(str).to_numpy(dtype=object),
                "task_id": _task_key(rat["task_id"]).to_numpy(dtype=object), "scale_id": scale}
        if scale == "IM":
            _refuse_ratings(*where, not_number, "IM ratings must be numbers, got {value!r}", hint=True)
            _conflicting_repeats("task_ratings", keys, value, rat["data_value"], column="data_value",
                                 what="rating", known=listed, rows=rows)
            table = pd.DataFrame({"onetsoc_code": rat["onetsoc_code"].to_numpy(),
                                  "task_id": rat["task_id"].to_numpy(), "w": value})
        else:
            # True is not category 1 (every row read as category 1 was called a repeat)
            cat = pd.Series(_rating_numbers(rat["category"])[0], index=rat.index)
            _refuse_ratings("task_ratings", rat, rows, "category",
                            ~cat.isin(list(FREQUENCY_PER_YEAR)).to_numpy(dtype=bool),
                            "FT categories must be 1-7, got {value!r}")
            _refuse_percentages(*where, value, not_number)
            pct = np.nan_to_num(value, nan=0.0)  # a missing percentage counts as 0
            keys["category"] = cat.to_numpy(dtype=float)  # 1-7, checked above
            first = _conflicting_repeats("task_ratings", keys, pct, rat["data_value"],
                                         column="data_value", what="rating",
                                         known=listed, rows=rows)
            tmp = pd.DataFrame(
                {
                    "onetsoc_code": keys["onetsoc_code"],
                    # not grouped under the text 'nan', which matched tasks of your own
                    "task_id": np.where(listed, keys["task_id"], None),
                    "num": pct * cat.map(FREQUENCY_PER_YEAR).to_numpy(dtype=float),
                    "den": pct,
                    "row": rows,
                    "category": keys["category"],
                }
            )
            if first is not None:  # a category given twice alike counts once
                tmp = tmp[first]
            # categories in order, so the sums do not depend on the order of the rows
            tmp = tmp.sort_values("category", kind="stable")
            g = (tmp.groupby(["onetsoc_code", "task_id"], sort=False)
                 .agg(num=("num", "sum"), den=("den", "sum"), row=("row", "max")).reset_index())
            g["w"] = np.where(g["den"] > 0, g["num"] / g["den"].where(g["den"] > 0), np.nan)
            table = g[["onetsoc_code", "task_id", "w", "den", "row"]]
        w = pd.to_numeric(_lookup(task_scores, table, "w")[0], errors="coerce")
        missing = w.isna().to_numpy()
        if missing.any():
            pos = int(np.flatnonzero(missing)[0])
            row = task_scores.iloc[pos]
            own = not _given_ids(task_scores["task_id"].iloc[[pos]])[0]
            zero = False
            if scale == "FT" and not own:  # its FT rows are there, with percentages adding up to 0
                den, found = _lookup(task_scores.iloc[[pos]], table, "den")
                zero = bool(found[0]) and float(den.iloc[0]) == 0.0
            if own:  # it was "first 11-1011.00 task nan"
                why = (f"first a task of {row['onetsoc_code']} without a task_id (a task of your own, "
                       f"which O*NET does not rate); use {_weights_said('core', 'equal')} for scores with "
                       "tasks of your own")
            elif zero:  # it was said to have no FT rating, though its rows are there
                why = (f"first {row['onetsoc_code']} task {norm_task_id(row['task_id'])}, whose FT percentages "
                       "(data_value of categories 1-7) are all 0 or missing: no frequency to weigh it by")
            else:  # rated under another code alone: a task placed under two occupations
                why = (f"first {row['onetsoc_code']} task {norm_task_id(row['task_id'])}"
                       f"{_under_other_code(rat, row['onetsoc_code'], row['task_id'], 'the ratings rate')}")
            raise DataFormatError(
                f"{_weights_said(weights)}: {int(missing.sum())} of {n} tasks have no {scale} rating, {why}",
                path=_TASK_SCORES, row=pos + 1,  # the scores' row: it named no frame, beside two others
            )
        if scale == "FT":
            _check_ft_sums(task_scores, table, weights, path=ratings_path, row_offset=ratings_row_offset)
        values = w.to_numpy(dtype=float)
        bad = ~(np.isfinite(values) & (values > 0))
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            row = task_scores.iloc[pos]
            raise DataFormatError(
                f"{_weights_said(weights)}: the {scale} rating of {row['onetsoc_code']} task "
                f"{norm_task_id(row['task_id'])} gives weight {float(values[pos])!r} ({int(bad.sum())} of {n} tasks); "
                "task weights must be positive and finite: check the Task Ratings data values",
                path=_TASK_SCORES, row=pos + 1,
            )
        if scale == "IM":  # 40 (a percentage?) or 0.5 weighed a task 40 or 0.5 times
            bad = (values < IMPORTANCE_RANGE[0]) | (values > IMPORTANCE_RANGE[1])
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                row = task_scores.iloc[pos]
                raise DataFormatError(
                    f"{_weights_said(weights)}: the IM rating of {row['onetsoc_code']} task "
                    f"{norm_task_id(row['task_id'])} "
                    f"is {float(values[pos])!r}, outside O*NET's importance scale "
                    f"{IMPORTANCE_RANGE[0]} to {IMPORTANCE_RANGE[1]} ({int(bad.sum())} of {n} tasks): "
                    "check the Task Ratings data values",
                    path=_TASK_SCORES, row=pos + 1,
                )
        _warn_suppressed(task_scores, rat, weights, scale, path=path, row_offset=row_offset)
        return values
    raise DataFormatError(f"unknown weights {weights!r}; expected one of {', '.join(WEIGHTS)}"
                          f"{choice_hint(weights, WEIGHTS)}")


#: How far (in percentage points) the FT percentages of a task may sum away from 100 and
#: be rescaled without a word: O*NET publishes them rounded to 2 decimals, so 7 categories
#: stray at most 0.035 points (100.03 at most in O*NET 29.1); the tolerance of
#: :func:`exposure.onet.read_task_ratings`, which refuses a file whose sums exceed 100.5.
FT_SUM_TOLERANCE = 0.5


def _check_ft_sums(task_scores: pd.DataFrame, table: pd.DataFrame, weights: str, *, path=None,
                   row_offset=1) -> None:
    """Refuse FT percentages of a scored task that sum above 100; warn once when they sum below.

    ``table`` holds, per task, the sum of its FT percentages (``den``) and the last of
    its rows (``row``, 0-based in ``task_ratings``; the row the file reader names). The
    warning names that row in file ``path`` when given (counted from ``row_offset``, or
    the function giving it: :func:`task_weights`), else in the frame (from 1). The
    weight is the mean frequency of the categories given, so the percentages are
    rescaled to sum to 100: within
    :data:`FT_SUM_TOLERANCE` of 100 (rounding) without a word. A sum below that (a
    category missing, or its percentage missing or suppressed) still gives the mean of
    the categories given, with one warning per call naming how many tasks and the
    first (O*NET leaves out suppressed categories). A sum above 100 +
    :data:`FT_SUM_TOLERANCE` is refused, as :func:`exposure.onet.read_task_ratings`
    refuses it in a file: the percentages of one task's respondents cannot add up to
    more than 100 (rows of two releases, or counts taken for percentages), and any
    weight made from them would be a guess.
    """
    total, found = _lookup(task_scores, table, "den")
    last_row, _ = _lookup(task_scores, table, "row")
    total = pd.to_numeric(total, errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        over = found & (total > 100 + FT_SUM_TOLERANCE)
        under = found & (total > 0) & (total < 100 - FT_SUM_TOLERANCE)
    if over.any():
        pos = int(np.flatnonzero(over)[0])
        row = task_scores.iloc[pos]
        raise DataFormatError(
            f"the FT percentages (categories 1-7) of {row['onetsoc_code']} task "
            f"{norm_task_id(row['task_id'])} sum to {float(total[pos]):g}, more than 100 ({int(over.sum())} "
            f"of {len(task_scores)} tasks): each task's percentages must sum to 100; check for rows of "
            "two releases or counts instead of percentages",
            path="task_ratings", row=int(last_row.iloc[pos]) + 1, column="data_value")
    if under.any() and not _WEIGHT_WARNINGS_SAID.get():
        pos = int(np.flatnonzero(under)[0])
        row = task_scores.iloc[pos]
        at = int(last_row.iloc[pos])
        # the file's line under exposure rollup --task-ratings FILE (it said the frame's row, one above)
        where = (f"task_ratings row {at + 1}" if path is None
                 else f"{path}, row {at + (row_offset() if callable(row_offset) else row_offset)}")
        # in the caller's words: exposure rollup said weights='frequency', which it does not take
        log.warning("%s: the FT percentages of %d of %d tasks sum to less than 100 (categories or "
                    "percentages missing), e.g. %s task %s (%s): %g; each is weighed by "
                    "the mean frequency of the categories given", _weights_said(weights), int(under.sum()),
                    len(task_scores), row["onetsoc_code"], norm_task_id(row["task_id"]), where,
                    float(total[pos]))


def _warn_suppressed(task_scores: pd.DataFrame, rat: pd.DataFrame, weights: str, scale: str, *,
                     path=None, row_offset: int = 1) -> None:
    """Warn when tasks are weighed by ratings O*NET marks ``Recommend Suppress`` = Y.

    The first such task is named by its row of ``task_scores`` (counted from
    ``row_offset``), and of file ``path`` when given.

    ``rat`` holds the Task Ratings rows of ``scale``; a ``recommend_suppress`` column (as
    :func:`exposure.onet.read_task_ratings` gives it: True/False, or the file's Y/N) marks
    the ratings O*NET advises against using (low precision). They weighed their tasks as
    any other rating, without a word; they still do (no rating is better), now said.
    """
    if "recommend_suppress" not in rat.columns or _WEIGHT_WARNINGS_SAID.get():
        return
    flag = rat["recommend_suppress"]
    if pd.api.types.is_bool_dtype(flag):
        marked = flag.fillna(False).to_numpy(dtype=bool)
    else:
        text = flag.astype("string").str.strip().str.upper()
        marked = ((text == "Y") | (text == "TRUE")).fillna(False).to_numpy(dtype=bool)
    if not marked.any():
        return
    table = pd.DataFrame({"onetsoc_code": rat["onetsoc_code"].to_numpy()[marked],
                          "task_id": rat["task_id"].to_numpy()[marked], "w": True})
    hit = _lookup(task_scores, table, "w")[1]
    if not hit.any():
        return
    pos = int(np.flatnonzero(hit)[0])
    row = task_scores.iloc[pos]
    log.warning("%s: %d of %d tasks are weighed by %s ratings that O*NET marks Recommend Suppress = Y "
                "(low precision), e.g. %s task %s (%srow %d); they are used as given", _weights_said(weights),
                int(hit.sum()),
                len(task_scores), scale, row["onetsoc_code"], norm_task_id(row["task_id"]),
                f"{path}, " if path is not None else "", pos + row_offset)


#: True where :func:`task_weights` does not log its warnings: its caller said them already.
_WEIGHT_WARNINGS_SAID = contextvars.ContextVar("weight_warnings_said", default=False)


@contextlib.contextmanager
def weight_warnings_said():
    """Within it, :func:`task_weights` logs no warning: the caller said them already.

    ``exposure rollup`` computes the task weights first, so that their errors and warnings
    name the task scores file and its rows, then :func:`~exposure.rollup.rollup`, which
    computes them again: its warnings (ratings O*NET marks suppressed, FT percentages
    summing below 100) were logged twice, the second time naming the frame's rows. A
    context variable: a roll-up in another thread still warns.

    Examples
    --------
    >>> with weight_warnings_said():
    ...     _WEIGHT_WARNINGS_SAID.get()
    True
    >>> _WEIGHT_WARNINGS_SAID.get()
    False
    """
    token = _WEIGHT_WARNINGS_SAID.set(True)
    try:
        yield
    finally:
        _WEIGHT_WARNINGS_SAID.reset(token)


#: The warning of core weights on rows whose (code, task ID) the statements list for another
#: task than the row's text (its arguments: the file's name and ": " or "", the count, the first row, its task ID, code,
#: text and the statement under its key): :func:`_without_other_tasks`.
OTHER_TASKS_MESSAGE = ("%s%d row(s) of the task scores have an O*NET-SOC code and task ID that the task statements "
                       "list for another task than their text (first: row %d, column 'task_id': %s under %r, %s, "
                       "listed as %s): weighed as tasks of your own (weight 1), not by the type of that O*NET "
                       "task; leave the task_id of tasks of your own empty")


def _other_statement_rows(task_scores: pd.DataFrame, tasks: pd.DataFrame) -> np.ndarray:
    """Rows whose key ``tasks`` lists for another statement than the row's ``task`` text.

    The rule of :func:`exposure.scoring._inputs.other_task_rows` (a rewording or a note
    added is the statement). A row without a text (missing, blank, not a string) is not
    compared, nor is a statement without one (it said every text under its key was
    another task), nor a row without a task ID (a task of your own: it was compared with
    a statement without an ID under its code); ``task_scores`` or ``tasks`` without a
    ``task`` column flag no row.
    """
    n = len(task_scores)
    out = np.zeros(n, dtype=bool)
    if "task" not in task_scores.columns or "task" not in tasks.columns:
        return out
    _single_columns(task_scores, "task_scores", ["task"])
    _single_columns(tasks, "tasks", ["onetsoc_code", "task_id", "task"])
    read = np.array([isinstance(t, str) and bool(t.strip()) for t in task_scores["task"]], dtype=bool)
    if not read.any():
        return out
    texts = [t if ok else "" for t, ok in zip(task_scores["task"], read, strict=True)]
    # a statement without a letter or digit says nothing, and a key listed with several
    # statements (two releases stacked) is that task when the row reads as any of them:
    # both are other_task_rows' own rules (exposure.scoring._inputs.statement_rows); a row
    # without a task ID is under no key (it was compared with a statement without one)
    return (other_task_rows(task_scores, texts, SimpleNamespace(tasks=tasks)) & read
            & _given_ids(task_scores["task_id"]))


def _without_other_tasks(task_scores: pd.DataFrame, weights: str, tasks, *, path=None,
                         row_offset: int = 1) -> pd.DataFrame:
    """``task_scores`` without the task IDs whose key ``tasks`` lists for another statement.

    Only rows whose weight is read from ``tasks`` or the ratings are compared: with core
    weights, those without a type of their own (all, without a ``task_type`` column).
    Core weights: such a row weighs as a task of your own, 1 (its ``task_id`` is left
    out), with one warning (:data:`OTHER_TASKS_MESSAGE`). Importance and frequency: it is
    refused (O*NET does not rate a task of your own). ``task_scores`` itself when no row
    is flagged. :func:`exposure.rollup.rollup` calls it once up front, so that its tables
    and bootstrap say it once. ``path`` (the scores file) and ``row_offset`` (the row of
    its first record) make the warning and the error name the file's rows; by default the
    frame's rows, counted from 1.
    """
    if (weights == "equal" or not isinstance(tasks, pd.DataFrame) or "task" not in task_scores.columns
            or not {"onetsoc_code", "task_id", "task"} <= set(tasks.columns)):
        return task_scores
    n = len(task_scores)
    looked = np.ones(n, dtype=bool)
    if weights == "core":
        if "task_type" in task_scores.columns:
            _single_columns(task_scores, "task_scores", ["task_type"])
            _refuse_task_types(task_scores["task_type"], _TASK_SCORES)
            looked = _absent_types(task_scores["task_type"])
            if not looked.any():  # every type is the caller's own: none is read from tasks
                return task_scores
        require_frame(tasks, "tasks (O*NET task statements)", ["onetsoc_code", "task_id", "task_type"])
        _check_statements(tasks)
    else:
        _refuse_codes(tasks, "tasks")
        _refuse_odd_ids(tasks, "tasks")
    _check_ids(task_scores)
    other = _other_statement_rows(task_scores, tasks) & looked
    if not other.any():
        return task_scores
    pos = int(np.flatnonzero(other)[0])
    code, tid = str(task_scores["onetsoc_code"].iloc[pos]), norm_task_id(task_scores["task_id"].iloc[pos])
    statement, _ = _lookup(task_scores.iloc[[pos]], tasks, "task")
    text, listed = cell_shown(task_scores["task"].iloc[pos]), cell_shown(statement.iloc[0])
    if weights != "core":
        raise DataFormatError(
            f"{_weights_said(weights)}: {int(other.sum())} of {n} tasks have an O*NET-SOC code and task ID that "
            f"the task statements list for another task than their text, first {code} task {tid}: {text}, "
            f"listed as {listed}; a task of your own, which O*NET does not rate: use "
            f"{_weights_said('core', 'equal')} for scores with tasks of your own", path=path,
            row=pos + row_offset, column="task")
    log.warning(OTHER_TASKS_MESSAGE, f"{path}: " if path is not None else "", int(other.sum()), pos + row_offset,
                tid, code, text, listed)
    out = task_scores.copy()
    ids = out["task_id"].astype(object)
    ids[other] = None
    out["task_id"] = ids
    return out


def _absent_types(ttype: pd.Series) -> np.ndarray:
    """Where a task type is not given: missing, blank or ``n/a`` (which weigh 1, as Supplemental)."""
    text = ttype.astype("string").str.strip()
    return (ttype.isna() | (text == "") | (text.str.lower() == "n/a")).fillna(True).to_numpy(dtype=bool)


def _types_from_statements(task_scores: pd.DataFrame, ttype: pd.Series, absent: np.ndarray,
                           tasks: pd.DataFrame) -> pd.Series:
    """``ttype`` with the ``absent`` types read from ``tasks`` where the task is there.

    A task_type column with some types left out and the statements passed: the tasks
    without a type weighed 1 (as Supplemental) though the statements said Core. A task
    not in the statements (or a task of your own) keeps weight 1, as documented.
    """
    require_frame(tasks, "tasks (O*NET task statements)", ["onetsoc_code", "task_id", "task_type"])
    _check_ids(task_scores)
    _check_statements(tasks)
    looked, found = _lookup(task_scores, tasks, "task_type")
    use = absent & found & _given_ids(task_scores["task_id"])
    return ttype.astype(object).where(~use, looked)


def _refuse_percentages(name: str, rat: pd.DataFrame, rows: np.ndarray, column: str,
                        value: np.ndarray, not_number: np.ndarray) -> None:
    """Refuse the first FT percentage that is not a finite number from 0 to 100, saying why.

    A missing percentage is not refused (it counts as 0: a task with none has no rating).
    """
    with np.errstate(invalid="ignore"):
        bad = not_number | np.isinf(value) | (value < 0) | (value > 100)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        why = ("must be numbers" if not_number[k] else "must be finite" if np.isinf(value[k])
               else "must be at least 0" if value[k] < 0 else "must be at most 100")
        _refuse_ratings(name, rat, rows, column, bad, f"FT percentages {why}, got {{value!r}}", hint=bool(not_number[k]))


def _refuse_task_types(ttype: pd.Series, name: str | None = None) -> None:
    """Refuse a task type other than Core, Supplemental, missing, blank or n/a, naming its row.

    The rule of :func:`exposure.scoring._inputs.bad_task_types`: ``core`` or ``"Core "``
    would weigh 1 as if Supplemental. ``name`` (the frame) is named first, before the row
    (it was named after it: ``row 3, column 'task_type': tasks: ...``); None names none.
    :func:`task_weights` names the scores' own column ``task_scores``, as
    :func:`check_task_scores` does (it named no frame), and ``exposure rollup`` names its
    file in its place. A type in another case (``core``) or with spaces around it
    (``"Supplemental "``, a space left by a spreadsheet) is told the type to write
    (:func:`exposure.scoring._inputs.task_type_hint`, as ``exposure score`` and the readers
    of tasks tell it): the padded type was refused with the rule alone.
    """
    bad = bad_task_types(ttype)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = _plain(ttype.iloc[pos])
        raise DataFormatError("task_type must be Core or Supplemental (or "
                              f"missing, blank or n/a), got {_cell(value)}{task_type_hint(value)}",
                              path=name, row=pos + 1, column="task_type")


def _refuse_codes(frame: pd.DataFrame, name: str, rows: np.ndarray | None = None) -> None:
    """Refuse an ``onetsoc_code`` of ``frame`` (``tasks``, ``task_ratings``) that is no O*NET-SOC code.

    A padded (``'11-1011.00 '``) or missing code matched no task of the scores: each
    of them was said to be missing from the statements, or to have no rating. ``rows``
    are the positions of ``frame``'s rows in the caller's frame (default 0, 1, ...).
    """
    bad = first_bad_onetsoc_code(frame["onetsoc_code"])
    if bad is not None:
        pos = bad[0] if rows is None else int(rows[bad[0]])
        # named first, the column once, as the roll-ups' check_codes names a frame's code
        raise DataFormatError(bad[1], path=name, row=pos + 1, column="onetsoc_code")


def _scale_rows(task_ratings: pd.DataFrame, scale: str, weights: str) -> np.ndarray:
    """Where ``task_ratings`` holds ratings of ``scale``; refuse the scale written otherwise.

    A ``scale_id`` such as ``im`` or ``'IM '`` was not read as IM: its rows were left out
    (tasks said to have no rating), or, with no row spelled ``IM``, the ratings were said
    to be missing (``pass task_ratings=``) though they were passed.
    """
    ids = task_ratings["scale_id"]
    chosen = (ids == scale).to_numpy(dtype=bool, na_value=False)
    text = ids.astype("string").str.strip().str.upper()
    odd = ((text == scale).to_numpy(dtype=bool, na_value=False)) & ~chosen
    if odd.any():
        pos = int(np.flatnonzero(odd)[0])
        raise DataFormatError(f"scale_id {_plain(ids.iloc[pos])!r} is not O*NET's spelling of "
                              f"scale {scale}, which {_weights_said(weights)} reads: write {scale}",
                              path="task_ratings", row=pos + 1, column="scale_id")
    if not chosen.any():
        found = ", ".join(repr(_plain(v)) for v in pd.unique(ids.dropna()))
        raise DataFormatError(f"{_weights_said(weights)} reads the O*NET Task Ratings of scale {scale}, and "
                              f"task_ratings has none (its scale_id values: {found or 'none'})")
    return chosen


def _check_statements(tasks: pd.DataFrame) -> None:
    """Refuse task types and codes of ``tasks`` that core weights would misread, naming the row.

    Each ``onetsoc_code`` must be an O*NET-SOC code (:func:`_refuse_codes`).

    Each ``task_type`` must be Core or Supplemental, or missing or blank (the rule of the
    task scores' own column, :func:`exposure.scoring._inputs.bad_task_types`): any other
    value (``core``, ``"Core "``) would weigh 1 as if Supplemental, without a word. A
    (``onetsoc_code``, ``task_id``) given on several rows must have one type (blank and
    missing alike), else which row counts would depend on their order.
    """
    _single_columns(tasks, "tasks", ["onetsoc_code", "task_id", "task_type"])
    _refuse_codes(tasks, "tasks")
    _refuse_odd_ids(tasks, "tasks")
    ttype = tasks["task_type"]
    _refuse_task_types(ttype, "tasks")
    used = ttype.to_numpy(dtype=object, copy=True)
    blank = np.array([isinstance(v, str) and not v.strip() for v in used], dtype=bool)
    used[blank] = None  # a blank type is a missing one
    _conflicting_repeats("tasks", {"onetsoc_code": tasks["onetsoc_code"].astype(str).to_numpy(dtype=object),
                                   "task_id": _task_key(tasks["task_id"]).to_numpy(dtype=object)},
                         used, ttype, column="task_type", what="task_type",
                         known=_given_ids(tasks["task_id"]))


def _measure_matrix(task_scores: pd.DataFrame) -> np.ndarray:
    """Task-level values of :data:`~exposure._measures.MEASURES` (rows x 8), NaN where unknown."""
    n = len(task_scores)
    out = np.full((n, len(MEASURES)), np.nan)
    for name in EXPOSURE_MEASURES:
        out[:, MEASURES.index(name)] = pd.to_numeric(task_scores[name], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
    e1, exposed = MEASURES.index("share_e1"), MEASURES.index("share_exposed")
    if "label" in task_scores.columns:
        codes = pd.Categorical(task_scores["label"], categories=list(LABELS)).codes
        known = codes >= 0
        out[:, e1] = np.where(known, codes == 1, np.nan)
        out[:, exposed] = np.where(known, codes >= 1, np.nan)
    elif {"p_e1", "p_e2"} <= set(task_scores.columns):
        p1 = task_scores["p_e1"].to_numpy(dtype=float, na_value=np.nan)
        out[:, e1] = p1
        out[:, exposed] = p1 + task_scores["p_e2"].to_numpy(dtype=float, na_value=np.nan)
    for flag in CATEGORIES:
        if flag in task_scores.columns:
            share = task_scores[flag].astype("boolean").astype("Float64")
            out[:, MEASURES.index(CATEGORY_SHARES[flag])] = share.to_numpy(dtype=float, na_value=np.nan)
    return out


def _weighted_means(group: np.ndarray, n_groups: int, w: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per-group weighted means of each column of ``values``, skipping NaN (NaN if none)."""
    out = np.empty((n_groups, values.shape[1]))
    den_all = np.bincount(group, weights=w, minlength=n_groups)
    for j in range(values.shape[1]):
        v = values[:, j]
        ok = ~np.isnan(v)
        if ok.all():
            num = np.bincount(group, weights=w * v, minlength=n_groups)
            den = den_all
        elif not ok.any():
            out[:, j] = np.nan
            continue
        else:
            num = np.bincount(group, weights=np.where(ok, w * np.where(ok, v, 0.0), 0.0), minlength=n_groups)
            den = np.bincount(group, weights=np.where(ok, w, 0.0), minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[:, j] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    return out


#: Probability columns of TaskScores, in label order.
_PROBAS = PROBA_COLUMNS
#: Tolerance of the checks that probabilities sum to 1 and measures match them.
_TOL = 1e-6
_TRUE = frozenset({"true", "1", "1.0", "yes", "t"})
_FALSE = frozenset({"false", "0", "0.0", "no", "f"})


#: The frame :func:`check_task_scores` names first in its errors (replaced by the file it was read from).
_TASK_SCORES = "task_scores"


def _fail(message: str, pos=None, column=None):
    """Raise ``message`` about row ``pos`` (0-based) and ``column`` of the task scores, naming them first."""
    raise DataFormatError(message, path=_TASK_SCORES, row=None if pos is None else int(pos) + 1, column=column)


def _flags(ts: pd.DataFrame, column: str) -> pd.Series:
    """A category flag column as pandas booleans (``True``/``"true"``/``1``...); raise on others."""
    col = ts[column]
    if col.dtype == bool or isinstance(col.dtype, pd.BooleanDtype):
        return col.astype("boolean")
    text = col.astype(str).str.strip().str.lower()
    missing = col.isna().to_numpy() | (text == "").to_numpy()
    true, false = text.isin(_TRUE).to_numpy(), text.isin(_FALSE).to_numpy()
    bad = ~(missing | true | false)
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        _fail(f"category flag must be true or false, got {_cell(col.iloc[pos])}", pos, column)
    return pd.Series(pd.array(np.where(missing, None, true), dtype="boolean"), index=ts.index)


def check_task_scores(task_scores, *, path=None, row_offset: int = 1) -> pd.DataFrame:
    """Check task scores before a roll-up; return them with typed columns.

    The checks (each failure names the frame, ``task_scores``, or the file ``path``, then
    the first bad row, 1-based, and its column, as the other roll-ups name their frames: it
    named no frame, and the column of a bad code twice,
    ``row 2, column 'onetsoc_code': onetsoc_code not an O*NET-SOC code ...``):

    - a :class:`pandas.DataFrame` with unique, single-level column names and the columns
      ``onetsoc_code``, ``task_id``, ``alpha``, ``beta``, ``gamma`` (a frame indexed by
      them, ``set_index("onetsoc_code")``, is told to ``reset_index()``: it was said to
      lack them, without a word of the index);
    - every ``onetsoc_code`` present and an O*NET-SOC code (``11-1011.00``,
      :func:`~exposure.schemas._fields.first_bad_onetsoc_code`): a code padded with
      whitespace (``' 11-1011.00'``) is refused, as ``exposure score`` and
      :func:`~exposure.rollup.to_soc` refuse it, not stripped;
    - every ``task_id`` missing or a 64-bit integer (``7``, ``"7.0"``; not ``True``,
      ``1.5`` or ``1e30``, see :func:`exposure._tables.task_id_numbers`); a blank one
      (``' '``, ``''``) is refused, as ``exposure score`` refuses it (it was read as
      missing, a task of the user's own);
    - each (``onetsoc_code``, ``task_id``) once: a repeated task would weigh several
      times in its occupation (rows without a ``task_id`` are not compared);
    - ``alpha``, ``beta``, ``gamma`` and ``p_e0``, ``p_e1``, ``p_e2`` real numbers in
      [0, 1] (complex values are refused, not cut to their real part); where the
      probabilities are given, all three or none, summing to 1, with ``alpha = p_e1``,
      ``beta = p_e1 + p_e2 / 2`` and ``gamma = p_e1 + p_e2``;
    - where they are not given, measures that some probabilities give:
      ``alpha <= beta <= gamma`` and ``beta = (alpha + gamma) / 2``;
    - at least one row, and at least one with a known ``alpha``, ``beta`` or ``gamma``;
    - on each row ``alpha``, ``beta`` and ``gamma`` all given or all missing (each is
      averaged over the tasks that give it: a row with beta alone made the occupation
      break the rubric), but for a measure missing on every row, which is left out;
    - ``label`` one of E0, E1, E2 (or missing; blank text, the ``""`` of
      :func:`pandas.read_stata`, is missing) and the most probable class of its row
      (as :class:`~exposure.schemas.TaskScores` defines it): the class of the highest
      ``p_e0``, ``p_e1``, ``p_e2``, or, without them, of the probabilities that alpha and
      gamma imply (``p_e1 = alpha``, ``p_e2 = gamma - alpha``, ``p_e0 = 1 - gamma``);
      under a tie each tied class is accepted. The label decides ``share_e1`` and
      ``share_exposed``, the probabilities alpha, beta and gamma: a label edited by hand
      would make them disagree. A ``label`` column missing on every row (a column left
      empty) gives no label: it is dropped, as if absent, so that the probabilities give
      the shares (they came out missing for every occupation). Beside labels on other
      rows, a row with a score (probabilities, or alpha, beta and gamma) has a label, as
      :class:`~exposure.schemas.TaskScores` has one wherever the probabilities are: it
      was left out of ``share_e1`` and ``share_exposed`` alone, so that they described
      other tasks than alpha, beta and gamma, without a word (:func:`_refuse_unlabelled`);
    - ``task_type`` Core or Supplemental, or missing or blank (the rule of
      :func:`exposure.scoring._inputs.bad_task_types`, which ``exposure score`` applies to
      its input too), category flags true or false (or missing).

    Comparisons allow a tolerance of 1e-6 (scores rounded to 6 decimals, or float32):
    values up to 1e-6 outside [0, 1] are accepted and clipped to [0, 1] in the frame
    returned, so that the occupation measures stay within [0, 1].

    Parameters
    ----------
    task_scores : pandas.DataFrame
        Task scores (:class:`~exposure.schemas.TaskScores` columns).
    path : str or os.PathLike, optional
        File the scores were read from, named in errors.
    row_offset : int, default 1
        Row number of the first row in errors (1: frame rows counted from 1; 2: the lines
        of a CSV file under its header, :func:`exposure._tables.first_row_number`).

    Returns
    -------
    pandas.DataFrame
        A copy with a fresh index, measures and probabilities as floats in [0, 1]
        (clipped) and category flags as pandas booleans, without a ``label`` column
        missing on every row.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 1],
    ...                    "alpha": [1.0, 1.0], "beta": [1.0, 1.0], "gamma": [1.0, 1.0]})
    >>> check_task_scores(ts)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_scores, row 2, column 'task_id': duplicate task (11-1011.00, 1) at rows 1 and 2: each (onetsoc_code, task_id) must appear once
    >>> check_task_scores(ts.iloc[:1].assign(p_e0=0.0, p_e1=0.5, p_e2=0.2))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_scores, row 1: p_e0 + p_e1 + p_e2 = 0.7, not 1
    >>> check_task_scores(ts.iloc[:1].assign(label="E0"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_scores, row 1, column 'label': label 'E0' contradicts alpha, beta, gamma = 1, 1, 1, which give E1 (the rubric's p_e1 = alpha, p_e2 = gamma - alpha, p_e0 = 1 - gamma); the label (which decides share_e1 and share_exposed) must be the class of highest probability
    >>> float(check_task_scores(ts.iloc[:1].assign(gamma=1.0000008, beta=1.0000004))["gamma"].iloc[0])
    1.0
    """
    try:
        return _check_task_scores(task_scores, row_offset)
    except DataFormatError as exc:
        if path is None and (exc.row is None or row_offset == 1):
            raise
        raise exc.in_file(exc.path if path is None else path, row_offset) from None


def duplicate_task_said(code, tid, places: list[str], rows: str = "") -> str:
    """The words refusing the task ``(code, tid)`` on the rows ``places`` (two or more): up to six named, then a count.

    The one wording of a repeated task key, of the pandas roll-up (``rows="rows "``, the
    places row numbers) and of :mod:`exposure.dask` (the places partitions or files and rows).

    Examples
    --------
    >>> duplicate_task_said("11-1011.00", "1", ["1", "3"], "rows ")
    'duplicate task (11-1011.00, 1) at rows 1 and 3: each (onetsoc_code, task_id) must appear once'
    >>> duplicate_task_said("11-1011.00", "1", [f"f.parquet, row {i}" for i in range(1, 9)])  # doctest: +ELLIPSIS
    'duplicate task (11-1011.00, 1) at f.parquet, row 1, ..., f.parquet, row 5 and 3 more: each ...'
    """
    shown = (", ".join(places[:-1]) + f" and {places[-1]}" if len(places) <= 6
             else ", ".join(places[:5]) + f" and {len(places) - 5} more")
    return f"duplicate task ({code}, {tid}) at {rows}{shown}: each (onetsoc_code, task_id) must appear once"


def _check_task_scores(task_scores, row_offset: int) -> pd.DataFrame:
    """The checks of :func:`check_task_scores`; rows counted from 1 (``row_offset`` in texts)."""
    if not isinstance(task_scores, pd.DataFrame):
        raise DataFormatError(
            f"task scores must be a pandas DataFrame, got {type(task_scores).__name__}"
            + (" (use .to_frame() or pass the whole frame)" if isinstance(task_scores, pd.Series) else "")
        )
    if isinstance(task_scores.columns, pd.MultiIndex):
        raise DataFormatError("task scores have multi-level column names; flatten them first")
    check_once(task_scores, None, _TASK_SCORES)
    missing = {"onetsoc_code", "task_id", *EXPOSURE_MEASURES} - set(task_scores.columns)
    if missing:
        # the frame indexed by its key (set_index("onetsoc_code")) is said to be, as require_frame says it
        raise DataFormatError(f"task scores lack column(s) {sorted(missing)}"
                              f"{index_hint(task_scores, sorted(missing))}")
    ts = task_scores.reset_index(drop=True).copy()
    # as exposure score and to_soc: a padded code is refused, not stripped
    bad = first_bad_onetsoc_code(ts["onetsoc_code"])
    if bad is not None:
        _fail(bad[1], bad[0], "onetsoc_code")  # the column named once, as the roll-ups' check_codes
    ts["onetsoc_code"] = ts["onetsoc_code"].astype("string").astype(str).to_numpy(dtype=object)
    ids = ts["task_id"]
    # a 64-bit integer or missing; a blank (' ', '') is refused, as exposure score refuses it
    task_id_numbers(ids, path=_TASK_SCORES)
    known = ids.notna().to_numpy(dtype=bool)
    if known.any():
        codes_k = ts["onetsoc_code"].to_numpy(dtype=object)[known]
        ids_k = _task_key(ids).astype(str).to_numpy(dtype=object)[known]
        keys = pd.MultiIndex.from_arrays([codes_k, ids_k])
        repeated = keys.duplicated(keep="first")
        if repeated.any():
            first = int(np.flatnonzero(repeated)[0])
            code, tid = codes_k[first], ids_k[first]
            positions = np.flatnonzero(known)[(codes_k == code) & (ids_k == tid)]
            rows = [str(int(i) + row_offset) for i in positions]
            _fail(duplicate_task_said(code, tid, rows, "rows "), int(positions[1]), "task_id")
    # the roll-ups' one check of measures, with this check's tolerance and messages
    values = measure_values(ts, _TASK_SCORES, EXPOSURE_MEASURES, tolerance=_TOL, explain=True)
    for j, name in enumerate(EXPOSURE_MEASURES):
        ts[name] = values[:, j]
    if ts.empty:
        raise DataFormatError("no task scores: the frame has no rows")
    if ts[list(EXPOSURE_MEASURES)].isna().all(axis=None):
        raise DataFormatError("no task has a score: alpha, beta and gamma are missing on every row")
    _refuse_partial_measures(values)
    present = [c for c in _PROBAS if c in ts.columns]
    p, full = check_probabilities(ts, ts[list(EXPOSURE_MEASURES)].to_numpy(dtype=float), _TASK_SCORES)
    if p is not None:
        for k, c in enumerate(_PROBAS):
            ts[c] = p[:, k]
    abg = ts[list(EXPOSURE_MEASURES)].to_numpy(dtype=float)
    _check_rubric(abg, ~full)  # rows with probabilities matched them above
    if "label" in ts.columns:
        ts["label"] = check_labels(ts["label"], p, full, abg)
        if ts["label"].isna().all():
            # a column left empty gives no label: share_e1 and share_exposed came out missing
            # for every occupation, where without the column the probabilities give them
            ts = ts.drop(columns="label")
        else:
            _refuse_unlabelled(ts["label"], p, full, abg)
    if "task_type" in ts.columns:
        _refuse_task_types(ts["task_type"], _TASK_SCORES)
    for flag in CATEGORIES:
        if flag in ts.columns:
            ts[flag] = _flags(ts, flag)
    for name in (*EXPOSURE_MEASURES, *present):  # accepted within _TOL outside [0, 1]
        ts[name] = np.clip(ts[name].to_numpy(dtype=float), 0.0, 1.0)
    return ts


def _refuse_partial_measures(values: np.ndarray) -> None:
    """Refuse a row giving some of alpha, beta, gamma (columns of ``values``) and not the others.

    Each measure of an occupation is the mean over its tasks that give it: a task with
    beta alone made beta a mean over other tasks than alpha and gamma, and the occupation
    broke the rubric (beta 0.5 above gamma 0.0). A measure missing on every row (a
    column left empty) is left out, as before.
    """
    found = partial_measures(values)
    if found is not None:
        pos, said, column = found
        _fail(f"{said}: a task gives alpha, beta and gamma, or none of them (each is averaged over the same "
              "tasks); leave a measure empty on every row to leave it out", pos, column)


def _show(value) -> str:
    """A measure or probability for a message (6 significant digits)."""
    return f"{float(value):.6g}"


def check_probabilities(frame: pd.DataFrame, abg: np.ndarray, name: str | None = _TASK_SCORES
                        ) -> tuple[np.ndarray | None, np.ndarray]:
    """Check the class probabilities of task scores against their alpha, beta and gamma.

    The one rule of :func:`check_task_scores` and of the Dask roll-ups
    (:func:`exposure.dask.to_occupations`, :func:`exposure.dask.to_sectors`, which name
    the partition): where ``frame`` has ``p_e0``, ``p_e1``, ``p_e2`` (none of them: nothing
    to check), all three columns, each a number in [0, 1] (within 1e-6) or missing, all
    three or none on each row, summing to 1, with ``alpha = p_e1``,
    ``beta = p_e1 + p_e2 / 2`` and ``gamma = p_e1 + p_e2`` (within 1e-6). A row whose
    measures were edited or emptied while its probabilities are given is refused, naming
    ``name``, the row (from 1) and the column.

    Parameters
    ----------
    frame : pandas.DataFrame
        Task scores; rows counted from 1 by position.
    abg : numpy.ndarray
        Their alpha, beta and gamma as floats (rows x 3), NaN where missing.
    name : str or None, default "task_scores"
        The frame (or partition) named before the row.

    Returns
    -------
    p : numpy.ndarray or None
        The probabilities as floats (rows x 3, NaN where missing; not clipped), None
        without probability columns.
    full : numpy.ndarray
        Rows that give the probabilities (bool).

    Examples
    --------
    >>> ts = pd.DataFrame({"p_e0": [0.1], "p_e1": [0.45], "p_e2": [0.45]})
    >>> check_probabilities(ts, np.array([[np.nan, np.nan, np.nan]]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: task_scores, row 1, column 'alpha': alpha = nan does not match the probabilities (expected 0.45)
    """
    present = [c for c in _PROBAS if c in frame.columns]
    if not present:
        return None, np.zeros(len(frame), dtype=bool)
    if len(present) < len(_PROBAS):
        raise DataFormatError(f"probability columns {sorted(set(_PROBAS) - set(present))} are "
                              f"missing while {present} are given", path=name)
    p = measure_values(frame, name, _PROBAS, tolerance=_TOL, explain=True)
    n_known = (~np.isnan(p)).sum(axis=1)
    partial = (n_known > 0) & (n_known < len(_PROBAS))
    if partial.any():
        pos = int(np.flatnonzero(partial)[0])
        raise DataFormatError("p_e0, p_e1, p_e2 must be all given or all missing", path=name, row=pos + 1)
    full = n_known == len(_PROBAS)
    total = p.sum(axis=1)
    off = full & (np.abs(total - 1.0) > _TOL)
    if off.any():
        pos = int(np.flatnonzero(off)[0])
        raise DataFormatError(f"p_e0 + p_e1 + p_e2 = {total[pos]:.6g}, not 1", path=name, row=pos + 1)
    expected = p @ LABEL_LEVELS
    for j, measure in enumerate(EXPOSURE_MEASURES):
        diff = full & ~(np.abs(abg[:, j] - expected[:, j]) <= _TOL)
        if diff.any():
            pos = int(np.flatnonzero(diff)[0])
            raise DataFormatError(f"{measure} = {float(abg[pos, j])!r} does not match the probabilities "
                                  f"(expected {expected[pos, j]:.6g})", path=name, row=pos + 1, column=measure)
    return p, full


def check_labels(labels: pd.Series, p: np.ndarray | None, full: np.ndarray, abg: np.ndarray,
                 name: str | None = _TASK_SCORES) -> pd.Series:
    """Check the ``label`` column of task scores; return it with blank labels missing.

    The one rule of :func:`check_task_scores` and of the Dask roll-ups (which name the
    partition): blank text (the ``""`` of :func:`pandas.read_stata`) is missing; a label
    is E0, E1 or E2 (:func:`_refuse_labels`) and a most probable class of its row
    (:func:`_check_labels`: of ``p`` where given, ``full``, else of the probabilities
    alpha and gamma imply). Errors name ``name``, the row (from 1) and the column.

    Parameters
    ----------
    labels : pandas.Series
        The labels; rows counted from 1 by position.
    p, full : numpy.ndarray or None, numpy.ndarray
        The probabilities and the rows that give them (:func:`check_probabilities`).
    abg : numpy.ndarray
        alpha, beta and gamma as floats (rows x 3), NaN where missing.
    name : str or None, default "task_scores"
        The frame (or partition) named before the row.

    Returns
    -------
    pandas.Series

    Examples
    --------
    >>> check_labels(pd.Series(["E2"]), None, np.zeros(1, dtype=bool), np.array([[0.1, 0.15, 0.2]]), "part")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: part, row 1, column 'label': label 'E2' contradicts alpha, beta, gamma = 0.1, 0.15, 0.2, which give E0 (the rubric's p_e1 = alpha, p_e2 = gamma - alpha, p_e0 = 1 - gamma); the label (which decides share_e1 and share_exposed) must be the class of highest probability
    """
    blank = _blank(labels)
    if blank.any():
        # a blank label ("" of pandas.read_stata or keep_default_na=False) is missing, as a
        # blank measure, task type or flag is: it was refused as an unknown label
        labels = labels.mask(blank)
    _refuse_labels(labels, "label", name)
    try:
        _check_labels(labels, p, full, abg)
    except DataFormatError as exc:
        if name == _TASK_SCORES:
            raise
        raise DataFormatError(exc.reason, path=name, row=exc.row, column=exc.column) from None
    return labels


def _check_rubric(abg: np.ndarray, rows: np.ndarray) -> None:
    """Refuse alpha, beta, gamma (columns of ``abg``) that no class probabilities can give.

    On ``rows`` (those without probabilities): alpha <= beta <= gamma wherever two are
    known, and beta = (alpha + gamma) / 2 where all three are, within :data:`_TOL`.
    """
    found = rubric_order(abg, rows)  # the order: the one check of to_soc and to_sectors too
    if found is not None:
        _fail(found[1], found[0], found[2])
    with np.errstate(invalid="ignore"):
        a, b, g = abg.T
        off = rows & (np.abs(b - (a + g) / 2) > _TOL)
    if off.any():
        pos = int(np.flatnonzero(off)[0])
        _fail(f"beta = {_show(b[pos])} is not (alpha + gamma) / 2 = {_show((a[pos] + g[pos]) / 2)} "
              f"(alpha {_show(a[pos])}, gamma {_show(g[pos])}): the rubric gives beta = p_e1 + p_e2 / 2, "
              "the mean of alpha = p_e1 and gamma = p_e1 + p_e2", pos, "beta")


def _check_labels(labels: pd.Series, p: np.ndarray | None, full: np.ndarray, abg: np.ndarray) -> None:
    """Refuse a label that is not a most probable class of its row (ties allow each tied class).

    The probabilities are ``p`` where given (``full``), else those implied by alpha and
    gamma (``p_e0 = 1 - gamma``, ``p_e1 = alpha``, ``p_e2 = gamma - alpha``) where the
    three measures are known; rows with neither are not compared.
    """
    a, g = abg[:, 0], abg[:, 2]
    implied = ~full & ~np.isnan(abg).any(axis=1)
    probs = np.column_stack([1.0 - g, a, g - a])
    if p is not None:
        probs = np.where(full[:, None], p, probs)
    codes = pd.Categorical(labels, categories=list(LABELS)).codes.astype(np.int64)
    check = (codes >= 0) & (full | implied)
    if not check.any():
        return
    rows = np.flatnonzero(check)
    sub = probs[rows]
    # differences of alpha and gamma carry twice the rounding of each
    tol = np.where(full[rows], _TOL, 2 * _TOL)
    bad = sub[np.arange(len(rows)), codes[rows]] < sub.max(axis=1) - tol
    if not bad.any():
        return
    k = int(np.flatnonzero(bad)[0])
    pos = int(rows[k])
    label, best = LABELS[codes[pos]], LABELS[int(np.argmax(sub[k]))]
    if full[pos]:
        given = ", ".join(_show(v) for v in p[pos])
        _fail(f"label {label!r} is not the most probable class: p_e0, p_e1, p_e2 = {given} give "
              f"{best}; the label (which decides share_e1 and share_exposed) must be the class of "
              "highest probability (a label edited by hand? change the probabilities too, or drop "
              "the label column)", pos, "label")
    shown = ", ".join(_show(v) for v in abg[pos])
    _fail(f"label {label!r} contradicts alpha, beta, gamma = {shown}, which give {best} (the rubric's "
          "p_e1 = alpha, p_e2 = gamma - alpha, p_e0 = 1 - gamma); the label (which decides share_e1 "
          "and share_exposed) must be the class of highest probability", pos, "label")


def _refuse_unlabelled(labels: pd.Series, p: np.ndarray | None, full: np.ndarray, abg: np.ndarray) -> None:
    """Refuse a scored row without a label, where other rows have one (the column is kept).

    ``share_e1`` and ``share_exposed`` come from the labels, alpha, beta and gamma from the
    scores: a task with a score and no label was in the means of alpha, beta and gamma and
    left out of those of the shares, so that two columns of one occupation described two
    sets of tasks, without a word (:class:`~exposure.schemas.TaskScores` has a label
    wherever the probabilities are). The class to write is the most probable one, of
    ``p`` where given (``full``), else of the probabilities alpha and gamma imply; a
    label column missing on every row is no label column (dropped before: the
    probabilities give the shares).
    """
    scored = full | ~np.isnan(abg).any(axis=1)
    bad = scored & labels.isna().to_numpy(dtype=bool)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    a, _, g = abg[pos]
    probs = p[pos] if full[pos] else np.array([1.0 - g, a, g - a])
    best = " or ".join(LABELS[k] for k in np.flatnonzero(probs >= probs.max() - _TOL))
    shown = (f"p_e0, p_e1, p_e2 = {', '.join(_show(v) for v in p[pos])}" if full[pos]
             else f"alpha, beta, gamma = {', '.join(_show(v) for v in abg[pos])}")
    n = int(bad.sum())
    _fail(f"the label is missing on a scored task ({shown}, which give {best}; {n} of {len(labels)} tasks "
          "so): share_e1 and share_exposed, from the labels, would be averaged over other tasks than "
          f"alpha, beta and gamma; give its label, {best}, the class of highest probability"
          + (", or drop the label column (the probabilities then give the shares)" if full[pos] else ""),
          pos, "label")


def to_occupations(
    task_scores: pd.DataFrame,
    weights: str = "core",
    task_ratings: pd.DataFrame | None = None,
    tasks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Roll task scores up to O*NET-SOC occupations.

    Each measure is the weighted mean over the occupation's tasks that have a value for it;
    tasks with a missing value (e.g. a missing reference label) are left out of that
    measure's numerator and denominator, and an occupation with no valued task gets a
    missing measure. ``share_e1`` / ``share_exposed`` are the weighted shares of tasks
    labelled E1 / E1-or-E2 (from ``label``; from ``p_e1`` and ``p_e1 + p_e2`` when there
    is no label column, or one missing on every row). Category shares come from the boolean ``admin``,
    ``routine_coding`` and ``entry_creative`` columns (missing when absent).

    The task scores are checked first (:func:`check_task_scores`): among others, a
    ``label`` that is not the most probable class of its row, or measures that break
    ``alpha <= beta <= gamma`` and ``beta = (alpha + gamma) / 2``, are refused naming the
    row and column. Values accepted within the checks' tolerance of 1e-6 outside [0, 1]
    are clipped to [0, 1] before the means.

    The sums run over the tasks in (code, task ID, values) order, so the same task scores
    in another row order give the same bits.

    Parameters
    ----------
    task_scores : pandas.DataFrame
        Task scores (TaskScores columns; at least ``onetsoc_code, task_id, alpha, beta,
        gamma``).
    weights : {"equal", "core", "importance", "frequency"}, default "core"
        See :func:`task_weights`.
    task_ratings, tasks : pandas.DataFrame, optional
        O*NET Task Ratings and task statements, for the weights that need them.

    Returns
    -------
    pandas.DataFrame
        :class:`exposure.schemas.OccupationScores`, one row per O*NET-SOC code, sorted.

    Examples
    --------
    Two Core tasks (E1, E0) and one Supplemental (E2); core weights 2, 2, 1:
    alpha = 2/5, beta = (2 + 0.5)/5 = 0.5, gamma = (2 + 1)/5 = 0.6.

    >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
    ...                    "label": ["E1", "E0", "E2"],
    ...                    "task_type": ["Core", "Core", "Supplemental"]})
    >>> ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    >>> occ = to_occupations(ts, weights="core")
    >>> occ[["alpha", "beta", "gamma", "share_exposed", "n_tasks"]]
       alpha  beta  gamma  share_exposed  n_tasks
    0    0.4   0.5    0.6            0.6        3
    """
    ts = check_task_scores(task_scores)
    return occupation_table(ts, weights, task_ratings=task_ratings, tasks=tasks)


def occupation_table(ts: pd.DataFrame, weights: str, *, task_ratings=None, tasks=None,
                     w: np.ndarray | None = None) -> pd.DataFrame:
    """:func:`to_occupations` of task scores already checked (:func:`check_task_scores`).

    For subsets of checked scores (the category rows of :func:`exposure.rollup.rollup`),
    which may lack a score without being an error. ``w``: the weights of the rows of
    ``ts`` (:func:`task_weights`), computed on the whole scores when ``ts`` is a subset:
    the weights of a subset's own were other (a ``task_type`` column leaving out the
    types of every row of a category read them all from ``tasks``, and refused a task not
    there that the whole roll-up weighs 1, naming a row of the subset).
    """
    if w is None:
        w = task_weights(ts, weights, task_ratings=task_ratings, tasks=tasks)
    codes, group = _groups(ts["onetsoc_code"])
    vals = _measure_matrix(ts)
    # the sums run over the rows in one order (code, task ID, values), so the same scores
    # in another row order give the same bits (they differed in the 16th digit)
    order = _row_order(group, ts["task_id"], w, vals)
    means = _weighted_means(group[order], len(codes), w[order], vals[order])
    out = pd.DataFrame(means, columns=list(MEASURES))
    out.insert(0, "onetsoc_code", codes)
    out["n_tasks"] = np.bincount(group, minlength=len(codes))
    # a task is scored when it gives alpha, beta or gamma (a task gives all those not left
    # empty on every row): counting beta alone gave 0 scored tasks to scores without beta
    scored = (~np.isnan(vals[:, [MEASURES.index(m) for m in EXPOSURE_MEASURES]])).any(axis=1)
    out["n_scored"] = np.bincount(group, weights=scored, minlength=len(codes)).astype(int)
    out["weights"] = weights
    return validate(out, OccupationScores)


def _groups(codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique codes and the group index of each row (hash-based, then sorted)."""
    inv, uniq = pd.factorize(codes.astype(str), sort=True)
    return np.asarray(uniq, dtype=object), np.asarray(inv, dtype=np.int64)


@dataclass(frozen=True)
class OccupationDraws:
    """Bootstrap draws of occupation measures.

    Attributes
    ----------
    onetsoc_code : numpy.ndarray
        Occupation codes (columns of each draw matrix), sorted as in :func:`to_occupations`.
    draws : dict of str to numpy.ndarray
        ``alpha``, ``beta``, ``gamma`` -> array (n_draws, n_occupations).
    seed : int
    sample_labels : bool
    """

    onetsoc_code: np.ndarray
    draws: dict
    seed: int
    sample_labels: bool

    def interval(self, measure: str, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
        """Percentile interval of ``measure`` per occupation (draws without a value are skipped).

        Raises
        ------
        exposure.errors.DataFormatError
            A ``measure`` that has no draws (``share_e1``, a typo): it raised ``KeyError``.
            Fewer than 2 draws (``bootstrap_occupations(..., n_draws=1)``): an interval of
            one draw has low = high for every occupation, which looked like an interval of
            no uncertainty (``rollup`` refuses ``n_draws=1`` for this reason); none gave
            missing bounds without a word.
        exposure.errors.ExposureError
            A ``level`` that is not a number strictly between 0 and 1.

        Examples
        --------
        >>> d = OccupationDraws(np.array(["11-1011.00"]), {"beta": np.array([[0.0], [1.0]])}, 0, False)
        >>> [float(v[0]) for v in d.interval("beta", level=0.5)]
        [0.25, 0.75]
        """
        check_choice(measure, "measure", tuple(self.draws))
        if measure not in self.draws:
            raise DataFormatError(f"no draws of measure {measure!r}; the draws are of "
                                  f"{', '.join(self.draws)}")
        n_draws = int(np.shape(self.draws[measure])[0]) if np.ndim(self.draws[measure]) else 0
        if n_draws < 2:
            raise DataFormatError(f"the interval of {measure!r} needs 2 draws or more, and there "
                                  f"{'is' if n_draws == 1 else 'are'} {n_draws}: an interval of one draw "
                                  "has low = high; draw again with n_draws=2 or more (1000 by default)")
        return _interval(self.draws[measure], level)


def check_level(level) -> float:
    """``level`` as a float strictly between 0 and 1; raise :class:`ExposureError` otherwise.

    A float32 or float16 is read as the decimal it shows (:func:`as_shown`).

    Examples
    --------
    >>> check_level(0.9), check_level(np.float32(0.5)), check_level(np.float32(0.9))
    (0.9, 0.5, 0.9)
    >>> check_level(95)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: level (confidence level of the intervals) must be a number between 0 and 1 (exclusive), got 95
    """
    ok = isinstance(level, numbers.Real) and not isinstance(level, (bool, np.bool_)) and 0 < level < 1
    if not ok:
        raise ExposureError("level (confidence level of the intervals) must be a number between 0 and 1 "
                            f"(exclusive), got {shown(level) if type(level).__module__ == 'numpy' else repr(level)}")
    return float(as_shown(level))


def check_count(value, name: str, minimum: int = 0) -> int:
    """``value`` as an int of at least ``minimum``; refuse fractions, booleans, text and None.

    Examples
    --------
    >>> check_count(np.int64(3), "n_draws")
    3
    >>> check_count(2.5, "n_draws")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: n_draws must be a whole number, got 2.5
    >>> check_count(-1, "seed")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: seed must be 0 or more, got -1
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_)):
        raise ExposureError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise ExposureError(f"{name} must be {minimum} or more, got {value}")
    return int(value)


def _memory_bytes(root="/") -> int | None:
    """Memory available to this process now, in bytes (None where the system does not say).

    Linux's ``MemAvailable`` (``/proc/meminfo``: what new arrays can take without
    swapping, other programs' memory left out), or less where a control group limits the
    process's memory (:func:`_cgroup_bytes`: a container's limit); elsewhere the physical
    memory (:func:`_physical_bytes`). The check compared the draws with the physical
    memory: ``exposure rollup --bootstrap 100000000`` passed it on a 23.5 GiB machine of
    which other programs held some, then grew until it was killed; and until round 79
    with the machine's ``MemAvailable`` alone, so that in a container limited to 2 GiB
    draws of 10 GiB passed, and the kernel killed the process.

    Parameters
    ----------
    root : str or os.PathLike, default "/"
        The file system root the files are read under (a test gives a directory of its
        own, holding ``proc/meminfo`` and ``sys/fs/cgroup/...``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "proc").mkdir()
    >>> _ = (root / "proc" / "meminfo").write_text("MemTotal: 8388608 kB\\nMemAvailable: 4194304 kB\\n")
    >>> _memory_bytes(root) == 4 * 2**30
    True
    >>> (root / "sys" / "fs" / "cgroup").mkdir(parents=True)
    >>> _ = (root / "sys" / "fs" / "cgroup" / "memory.max").write_text(f"{2 * 2**30}\\n")
    >>> _memory_bytes(root) == 2 * 2**30
    True
    """
    available = None
    try:
        with open(os.path.join(root, "proc", "meminfo"), encoding="ascii") as lines:
            for line in lines:
                if line.startswith("MemAvailable:"):
                    available = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    if available is None:
        available = _physical_bytes()
    limited = _cgroup_bytes(root)
    if limited is None:
        return available
    return limited if available is None else min(available, limited)


#: A control group memory limit at or above this is none: cgroup v1 writes "no limit" as
#: 9223372036854771712 bytes (the largest page count).
_NO_LIMIT = 2**62

#: The files of a control group's memory limit, usage and page-cache statistics, by
#: cgroup version: v2 (one hierarchy, under ``sys/fs/cgroup``) and v1 (the memory
#: controller's, under ``sys/fs/cgroup/memory``).
_CGROUP_FILES = {
    "v2": ("memory.max", "memory.current", "inactive_file"),
    "v1": ("memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"),
}


def _read_number(path: str) -> int | None:
    """The integer a control group file holds (None: missing, unreadable, ``max`` or not a number)."""
    try:
        with open(path, encoding="ascii") as file:
            text = file.read().strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _reclaimable(path: str, key: str) -> int:
    """Bytes of page cache a control group can drop (``key`` of its ``memory.stat``), 0 when not said."""
    try:
        with open(path, encoding="ascii") as lines:
            for line in lines:
                name, _, value = line.partition(" ")
                if name == key and value.strip().isdigit():
                    return int(value)
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def _cgroup_dirs(root) -> list[tuple[str, str]]:
    """The control group directories of this process's memory, with their version, innermost first.

    Each hierarchy of ``proc/self/cgroup`` that holds the memory controller (v1:
    ``4:memory:/path``; v2: ``0::/path``), from the process's group up to the mount's root
    (a limit set on a parent group holds for the groups inside it); the mount's root alone
    where ``proc/self/cgroup`` does not say (a container sees its own group there).
    """
    places = {"v2": os.path.join(root, "sys", "fs", "cgroup"),
              "v1": os.path.join(root, "sys", "fs", "cgroup", "memory")}
    paths = {"v2": "/", "v1": "/"}
    try:
        with open(os.path.join(root, "proc", "self", "cgroup"), encoding="utf-8") as lines:
            for line in lines:
                parts = line.rstrip("\n").split(":", 2)
                if len(parts) != 3:
                    continue
                if parts[0] == "0" and parts[1] == "":
                    paths["v2"] = parts[2] or "/"
                elif "memory" in parts[1].split(","):
                    paths["v1"] = parts[2] or "/"
    except (OSError, UnicodeDecodeError):
        pass
    dirs = []
    for version, mount in places.items():
        parts = [part for part in paths[version].split("/") if part and part not in (".", "..")]
        for depth in range(len(parts), -1, -1):
            dirs.append((version, os.path.join(mount, *parts[:depth])))
    return dirs


def _cgroup_bytes(root="/") -> int | None:
    """Memory this process's control groups leave it, in bytes (None: no limit set, or not Linux).

    For each group of :func:`_cgroup_dirs` with a memory limit (v2 ``memory.max``, v1
    ``memory.limit_in_bytes``), the limit less what the group uses (``memory.current``,
    ``memory.usage_in_bytes``) other than page cache it can drop (``inactive_file`` of its
    ``memory.stat``); the smallest of them. A container's limit (``docker run --memory
    2g``) was not read: the check took the machine's memory for the process's.
    """
    left = None
    for version, directory in _cgroup_dirs(root):
        limit_name, usage_name, cache_key = _CGROUP_FILES[version]
        limit = _read_number(os.path.join(directory, limit_name))
        if limit is None or limit >= _NO_LIMIT:
            continue
        usage = _read_number(os.path.join(directory, usage_name)) or 0
        usage = max(usage - _reclaimable(os.path.join(directory, "memory.stat"), cache_key), 0)
        free = max(limit - usage, 0)
        left = free if left is None else min(left, free)
    return left


def _physical_bytes() -> int | None:
    """Physical memory of this machine in bytes (None where the system does not say)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return None


def _size(n_bytes: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if n_bytes < 1024 or unit == "TiB":
            return f"{n_bytes:,.0f} {unit}" if unit == "bytes" else f"{n_bytes:,.1f} {unit}"
        n_bytes /= 1024
    return ""  # not reached


def check_draw_memory(n_draws: int, n_columns: int, what: str, memory: int | None = None, *,
                      working: int = 0, working_what: str = "", per_draw: int = 0,
                      advice: str = "use fewer draws") -> None:
    """Refuse bootstrap draws whose arrays (3 measures x ``n_draws`` x ``n_columns`` floats) exceed memory.

    The arrays kept (3 measures x ``n_draws`` x ``n_columns`` 8-byte floats) and the
    working arrays the computation needs beside them at its peak (an estimate, an upper
    bound: :func:`bootstrap_occupations` counts the arrays of one chunk over the task
    rows, ``working`` bytes whatever the draws; :func:`~exposure.rollup.rollup` the
    copies of the draws on the industry x occupation cells of the workforce statistics,
    ``per_draw`` bytes a draw), compared with the memory available now
    (:func:`_memory_bytes`). The message says what the draws would take, what is
    available, and how many draws fit (until round 78 it compared them with the
    physical memory and said neither).

    Parameters
    ----------
    n_draws : int
    n_columns : int
        Columns of the draw arrays (occupations, plus OEWS codes in :func:`~exposure.rollup.rollup`).
    what : str
        What the columns are, for the message.
    memory : int, optional
        Bytes available; default the memory available now (:func:`_memory_bytes`), said
        with the machine's physical memory.
    working : int, default 0
        Bytes of working arrays, whatever the number of draws.
    working_what : str, default ""
        What the working arrays are, for the message.
    per_draw : int, default 0
        Bytes of working arrays for each draw.
    advice : str, default "use fewer draws"
        The end of the message.

    Examples
    --------
    >>> check_draw_memory(1000, 923, "occupations", memory=2**30)
    >>> check_draw_memory(10**12, 40, "occupations", memory=2**30)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: 1,000,000,000,000 bootstrap draws need about 873.1 TiB for their arrays (3 measures x 1,000,000,000,000 draws x 40 occupations x 8 bytes), more than the 1.0 GiB of memory available; use fewer draws (at most 1,118,481 fit)
    >>> check_draw_memory(1000, 2, "occupations", memory=2**30, working=2**31, working_what="chunk arrays")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: 1,000 bootstrap draws need about 2.0 GiB for their arrays (3 measures x 1,000 draws x 2 occupations x 8 bytes, and about 2.0 GiB of chunk arrays), more than the 1.0 GiB of memory available; use fewer draws (not even 2 fit)
    """
    measured = memory is None
    memory = _memory_bytes() if measured else memory
    kept = 3 * n_columns * 8
    need = n_draws * (kept + per_draw) + working
    if memory is not None and need > memory:
        extra = f", and about {_size(n_draws * per_draw + working)} of {working_what}" if working or per_draw else ""
        most = (memory - working) // (kept + per_draw) if kept + per_draw else 0
        total = _physical_bytes() if measured else None
        where = (f"{_size(memory)} available, of the {_size(total)} of memory of this machine" if total
                 else f"{_size(memory)} of memory available")
        raise ExposureError(
            f"{n_draws:,} bootstrap draws need about {_size(need)} for their arrays (3 measures x "
            f"{n_draws:,} draws x {n_columns:,} {what} x 8 bytes{extra}), more than the {where}; {advice} "
            + (f"(at most {most:,} fit)" if most >= 2 else "(not even 2 fit)")
        )


#: The end of the refusal of draws that do not fit in memory, set by :func:`draws_advice`
#: (None: each function's own, naming its arguments).
_DRAWS_ADVICE = contextvars.ContextVar("draws_advice", default=None)


@contextlib.contextmanager
def draws_advice(advice: str):
    """Within it, draws that do not fit in memory are refused with ``advice`` (how the caller gives fewer).

    :func:`bootstrap_occupations` says ``use fewer draws or a smaller chunk`` (its
    arguments ``n_draws`` and ``chunk``), :func:`~exposure.rollup.rollup` ``use fewer
    draws`` (it takes no chunk) and ``exposure rollup --bootstrap N`` ``give a smaller
    --bootstrap``. ``exposure rollup --bootstrap N`` was told to ``use fewer draws (at
    most K fit)``, which names no option; and the bootstrap's own refusal, inside
    ``rollup`` and the command, named a ``chunk`` neither takes (until round 79). A
    context variable, as :func:`~exposure.rollup._run.no_industry_said`.

    Examples
    --------
    >>> with draws_advice("give a smaller --bootstrap"):
    ...     _DRAWS_ADVICE.get()
    'give a smaller --bootstrap'
    >>> _DRAWS_ADVICE.get() is None
    True
    """
    token = _DRAWS_ADVICE.set(advice)
    try:
        yield
    finally:
        _DRAWS_ADVICE.reset(token)


#: 8-byte arrays (chunk x task rows) that :func:`bootstrap_occupations` holds at once at
#: its peak, about: the rows picked, their flat indexes, the three measures drawn, the
#: weights and temporaries (drawing labels adds the uniform draws and the class masks).
CHUNK_ARRAYS = 12


def _interval(draws: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    level = check_level(level)
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    if draws.shape[0] == 0:
        nan = np.full(draws.shape[1:], np.nan)
        return nan, nan
    # all-missing columns get NaN bounds, left out of nanquantile (which warns "All-NaN
    # slice" for them): the warning was silenced with warnings.catch_warnings, which
    # changes the filters of the whole process and is not thread-safe (two rollups at
    # once could leave RuntimeWarnings ignored for good, or drop another thread's filters)
    given = ~np.isnan(draws).all(axis=0)
    q = np.full((2, *draws.shape[1:]), np.nan)
    if given.all():
        q = np.nanquantile(draws, [lo, hi], axis=0)
    elif given.any():
        q[:, given] = np.nanquantile(draws[:, given], [lo, hi], axis=0)
    return q[0], q[1]


def _warn_one_task(codes: np.ndarray, group: np.ndarray, known: np.ndarray, drawn_label: np.ndarray | None) -> None:
    """Warn of occupations whose draws cannot vary: one task row gives their measures.

    Resampling the tasks of an occupation scored by one task (a sample of tasks, a task
    list of one's own) draws that task every time: its interval came out with low = high,
    as if its measures were known exactly, without a word. A row whose label is drawn
    from its probabilities (``drawn_label``) varies alone, and an occupation without any
    score is warned of by the roll-up.

    Parameters
    ----------
    codes : numpy.ndarray
        The occupation codes, by group number.
    group : numpy.ndarray
        The group number of each task row.
    known : numpy.ndarray
        (rows, measures): where each row gives each measure.
    drawn_label : numpy.ndarray, optional
        Where each row's label is drawn from its probabilities (None: no label is drawn).
    """
    n_groups = len(codes)
    given = np.zeros((n_groups, known.shape[1]), dtype=np.int64)
    np.add.at(given, group, known.astype(np.int64))
    # a measure given by exactly one row of its occupation (none: the measure is missing)
    single = (given == 1).any(axis=1)
    if drawn_label is not None:
        single &= np.bincount(group, weights=drawn_label.astype(float), minlength=n_groups) == 0
    if single.any():
        n = int(single.sum())
        log.warning("bootstrap: %d occupation%s scored by one task (e.g. %r): resampling the tasks of "
                    "such an occupation draws that task every time, so its interval has low = high, which "
                    "measures no uncertainty; score more of its tasks, or read its interval as missing",
                    n, " is" if n == 1 else "s are", str(codes[np.flatnonzero(single)[0]]))


def _row_weights(w, n: int) -> np.ndarray:
    """The weights ``w`` given to :func:`bootstrap_occupations` as floats, one per task row by position.

    A list raised ``TypeError`` (``only integer scalar arrays ...``) and a pandas Series
    was indexed by its labels (``KeyError``, or weights of other rows when its labels
    were those of another order); a number, text or a 2-D array raised ``TypeError`` or
    ``ValueError`` from inside; a missing, infinite or negative weight gave draws
    missing for its occupation, without a word. Refused as :class:`DataFormatError`.

    Examples
    --------
    >>> _row_weights([2, 1], 2).tolist()
    [2.0, 1.0]
    >>> _row_weights([2.0, float("nan")], 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w[1] (task row 2) is nan: task weights must be finite numbers of 0 or more
    """
    advice = "give task_weights() of the same task scores, or leave it out"
    try:
        raw = None if isinstance(w, (str, bytes, dict)) or np.ndim(w) != 1 else np.asarray(w, dtype=object)
    except ValueError:  # a ragged list: numpy's "inhomogeneous shape"
        raw = None
    if raw is None or any(isinstance(v, (bool, np.bool_, str, bytes)) or not isinstance(v, numbers.Real)
                          for v in raw if v is not None and v is not pd.NA):
        raise DataFormatError(f"w must be a 1-D array of numbers, one weight per task row, got {shown(w)}; "
                              f"{advice}")
    if len(raw) != n:
        raise DataFormatError(f"w holds {len(raw)} weights for {n} task rows: {advice}")
    values = np.array([np.nan if v is None or v is pd.NA else float(v) for v in raw], dtype=float)
    bad = ~(np.isfinite(values) & (values >= 0))
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise DataFormatError(f"w[{k}] (task row {k + 1}) is {float(values[k])!r}: task weights must be finite numbers "
                              "of 0 or more")
    return values


def _refuse_weightless(codes: np.ndarray, group: np.ndarray, w: np.ndarray) -> None:
    """Refuse weights ``w`` that give every task row of an occupation 0.

    Such an occupation has no weight to average its draws by: every draw, and so its
    interval, came out missing (NaN), without a word, while :func:`task_weights` never
    gives a weight of 0. A weight of 0 on some of an occupation's rows leaves those rows
    out of its means, as before (a draw of such rows alone is missing, as a draw of rows
    missing a measure is). ``codes``: the occupation codes by group number;
    ``group``: the group number of each task row (rows counted from 1 in the message).

    Examples
    --------
    >>> _refuse_weightless(np.array(["11-1011.00", "11-2011.00"]), np.array([0, 1, 1]), np.array([1.0, 0.0, 0.0]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w gives weight 0 to every task row of 11-2011.00 (task rows 2 and 3): its draws would all be missing; give one of its tasks a weight above 0, or give task_weights() of the same task scores
    """
    total = np.bincount(group, weights=w, minlength=len(codes))
    empty = np.flatnonzero((total <= 0) & (np.bincount(group, minlength=len(codes)) > 0))
    if empty.size == 0:
        return
    g = int(empty[0])
    rows = np.flatnonzero(group == g) + 1
    shown = (f"task row {rows[0]}" if len(rows) == 1 else
             f"task rows {', '.join(map(str, rows[:-1]))} and {rows[-1]}" if len(rows) <= 5 else
             f"task rows {', '.join(map(str, rows[:3]))}, ... ({len(rows)} rows)")
    others = f" (and {empty.size - 1} other occupation{'s' if empty.size > 2 else ''})" if empty.size > 1 else ""
    raise DataFormatError(f"w gives weight 0 to every task row of {codes[g]} ({shown}){others}: its draws would all "
                          "be missing; give one of its tasks a weight above 0, or give task_weights() of the same "
                          "task scores")


def bootstrap_occupations(
    task_scores: pd.DataFrame,
    weights: str = "core",
    *,
    n_draws: int = 1000,
    seed: int = 0,
    sample_labels: bool | None = None,
    task_ratings: pd.DataFrame | None = None,
    tasks: pd.DataFrame | None = None,
    chunk: int = 50,
    w: np.ndarray | None = None,
) -> OccupationDraws:
    """Bootstrap alpha, beta and gamma of each occupation over its tasks.

    Each draw resamples, within every occupation, as many task rows as it has, with
    replacement (each row keeps its weight). The rows are taken in one order (code, task
    ID, values: :func:`_row_order`), so a fixed ``seed`` gives the same draws for the same
    scores in any row order. With ``sample_labels`` each drawn task's label
    is also drawn from its probabilities ``p_e0, p_e1, p_e2`` (the scorer's uncertainty);
    by default this happens when ``method`` is ``"learned"``; a row without probabilities
    keeps its own alpha, beta and gamma (it was left out of every draw: with no
    probabilities at all, every interval was missing). Rows missing a measure are drawn
    and then left out of that measure, as in :func:`to_occupations`: a measure missing on
    every row has missing draws (they were 0, an interval [0, 0] around a missing
    measure). Vectorized with numpy in chunks of ``chunk`` draws; a fixed ``seed`` gives
    identical draws.

    Parameters
    ----------
    task_scores : pandas.DataFrame
    weights : str, default "core"
    n_draws : int, default 1000
        Number of draws, 0 or more; refused when the draw arrays would not fit in the
        machine's memory (:func:`check_draw_memory`).
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`, 0 or more.
    sample_labels : bool, optional
        True needs the columns ``p_e0, p_e1, p_e2``. By default (None) True when a row's
        ``method`` is ``"learned"`` and the columns are there; learned scores without
        them are resampled as rows without probabilities are (each keeps its measures),
        with a warning (they were refused, naming ``sample_labels=True``, which was not
        given).
    task_ratings, tasks : pandas.DataFrame, optional
    chunk : int, default 50
        Draws computed at once, 1 or more; their working arrays (about
        :data:`CHUNK_ARRAYS` arrays of ``chunk`` x task rows) are counted with the draws
        by :func:`check_draw_memory`, and a chunk too large for memory is refused.
    w : numpy.ndarray, optional
        The weights of the rows of ``task_scores`` (:func:`task_weights` of the same
        arguments), when the caller has them: :func:`exposure.rollup.rollup` passes its
        own, so that the warnings of the weights (ratings O*NET marks suppressed, FT
        percentages that sum below 100) are said once, not again by the bootstrap.

    Returns
    -------
    OccupationDraws

    Raises
    ------
    exposure.errors.DataFormatError
        ``weights`` that is not a string, ``sample_labels`` that is not True, False or
        None (``"no"`` was read as True), and the errors of :func:`check_task_scores` and
        :func:`task_weights`; a ``w`` that is not one finite number of 0 or more per task
        row (a list is read by position; a missing or negative weight is refused), or that
        gives every task row of an occupation 0 (its draws were all missing).
    exposure.errors.ExposureError
        A bad ``n_draws``, ``seed`` or ``chunk``, or draws that would not fit in memory.

    Examples
    --------
    >>> ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2 + ["11-2011.00"],
    ...                    "task_id": [1, 2, 3], "label": ["E1", "E0", "E2"]})
    >>> ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    >>> b = bootstrap_occupations(ts, "equal", n_draws=200, seed=1)
    >>> b.draws["beta"].shape
    (200, 2)
    >>> sorted(set(b.draws["beta"][:, 0].tolist()))   # 0, 1/2 or 1 of two resampled tasks
    [0.0, 0.5, 1.0]
    >>> float(b.draws["beta"][:, 1].max())
    0.5
    """
    n_draws = check_count(n_draws, "n_draws")
    seed = check_count(seed, "seed")
    chunk = check_count(chunk, "chunk", 1)
    check_choice(weights, "weights", WEIGHTS)
    check_flag(sample_labels, "sample_labels", optional=True)
    ts = check_task_scores(task_scores)
    if w is None:
        w = task_weights(ts, weights, task_ratings=task_ratings, tasks=tasks)
    else:
        w = _row_weights(w, len(ts))
    codes, group = _groups(ts["onetsoc_code"])
    _refuse_weightless(codes, group, w)  # its draws were NaN without a word
    n_groups = len(codes)
    at_once = min(chunk, n_draws)  # a chunk computes this many draws over every task row
    # the caller's words: rollup() takes no chunk, exposure rollup names --bootstrap
    advice = _DRAWS_ADVICE.get() or "use fewer draws or a smaller chunk"
    check_draw_memory(n_draws, n_groups, "occupations", working=CHUNK_ARRAYS * 8 * at_once * len(ts),
                      working_what=f"working arrays (chunk={chunk:,}: {at_once:,} draws at once x "
                      f"{len(ts):,} task rows x {CHUNK_ARRAYS} arrays x 8 bytes)",
                      advice=advice)
    if sample_labels is None:
        sample_labels = "method" in ts.columns and bool((ts["method"] == "learned").any())
        if sample_labels and not set(_PROBAS) <= set(ts.columns):
            # as rows without probabilities (each keeps its measures): the error named
            # sample_labels=True, which was not given (and exposure rollup has no such option)
            log.warning("bootstrap: the task scores are of method 'learned' but have no probability columns "
                        "(%s): their labels are not drawn, each task keeps its alpha, beta and gamma, so the "
                        "intervals leave out the scorer's uncertainty; give the scores with their "
                        "probabilities (as exposure score writes them) to draw it", ", ".join(_PROBAS))
            sample_labels = False
    if sample_labels and not set(_PROBAS) <= set(ts.columns):
        raise DataFormatError("sample_labels=True draws each task's label from its probabilities "
                              f"{', '.join(_PROBAS)}, which the task scores lack")
    # the rows in one order (code, task ID, values), whatever their order in task_scores:
    # with the same seed, the same scores in another order give the same draws
    order = _row_order(group, ts["task_id"], w, ts[list(EXPOSURE_MEASURES)].to_numpy(dtype=float),
                       *([ts[list(_PROBAS)].to_numpy(dtype=float)] if set(_PROBAS) <= set(ts.columns) else []))
    g_sorted = group[order]
    counts = np.bincount(g_sorted, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    row_start = starts[g_sorted]
    row_count = counts[g_sorted]
    w_s = w[order]
    # each measure is averaged over the rows that give it (a measure missing on every row
    # was drawn as 0; with beta missing everywhere, alpha and gamma had no draw)
    abg = ts[list(EXPOSURE_MEASURES)].to_numpy(dtype=float)[order]
    known = ~np.isnan(abg)
    if sample_labels:
        p = ts[["p_e0", "p_e1", "p_e2"]].to_numpy(dtype=float)[order]
        c0 = p[:, 0]
        c1 = p[:, 0] + p[:, 1]
        # a row without probabilities keeps its measures (it was left out of every draw)
        drawn_label = ~np.isnan(p).any(axis=1)
    if n_draws > 0:
        _warn_one_task(codes, g_sorted, known, drawn_label if sample_labels else None)
    rng = np.random.default_rng(seed)
    n = len(ts)
    try:
        out = {m: np.empty((n_draws, n_groups)) for m in EXPOSURE_MEASURES}
    except MemoryError:
        raise ExposureError(f"not enough memory for {n_draws:,} bootstrap draws over {n_groups:,} "
                            f"occupations; {advice}") from None
    for b0 in range(0, n_draws, chunk):
        nb = min(chunk, n_draws - b0)
        pick = row_start + np.floor(rng.random((nb, n)) * row_count).astype(np.int64)
        flat = (np.arange(nb)[:, None] * n_groups + g_sorted[None, :]).ravel()
        if sample_labels:
            u = rng.random((nb, n))
            drawn = (u < c0[pick], (u >= c0[pick]) & (u < c1[pick]), u >= c1[pick])  # E0, E1, E2
            task_vals = {
                m: np.where(drawn_label[pick], sum(drawn[k] * LABEL_LEVELS[k, j] for k in range(len(LABELS))),
                            abg[:, j][pick])
                for j, m in enumerate(EXPOSURE_MEASURES)
            }
        else:
            task_vals = {m: abg[:, j][pick] for j, m in enumerate(EXPOSURE_MEASURES)}
        for j, (m, v) in enumerate(task_vals.items()):
            ww = np.where(known[:, j][pick], w_s[pick], 0.0)
            den = np.bincount(flat, weights=ww.ravel(), minlength=nb * n_groups).reshape(nb, n_groups)
            num = np.bincount(flat, weights=(ww * np.nan_to_num(v)).ravel(), minlength=nb * n_groups)
            num = num.reshape(nb, n_groups)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[m][b0 : b0 + nb] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    log.info("bootstrap: %d draws over %d tasks in %d occupations", n_draws, n, n_groups)
    return OccupationDraws(onetsoc_code=codes, draws=out, seed=seed, sample_labels=bool(sample_labels))
