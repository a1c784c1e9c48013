"""O*NET-SOC occupations -> SOC 2018 -> OEWS occupation codes, counting employment once.

The SOC 2018 -> OEWS code rule itself is :func:`exposure.crosswalks.oews_code_map`.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

import numpy as np
import pandas as pd
from scipy import sparse

from exposure._args import choice_hint
from exposure._measures import EXPOSURE_MEASURES, MEASURES
from exposure._tables import (
    GROUPED,
    MAX_COUNT,
    check_whole_workers,
    first_repeat,
    index_hint,
    number_hint,
    refuse_multilevel_columns,
    signalling_nan,
)
from exposure.crosswalks import (
    check_soc_structure,
    oews_code_map,
    soc_broad_group,
    soc_minor_groups,
)
from exposure.errors import DataFormatError, NothingMatchedError
from exposure.oews import SPECIAL_VALUES
from exposure.schemas import validate
from exposure.schemas._fields import first_bad_onetsoc_code, first_bad_soc_code
from exposure.schemas._oews import I_GROUPS, O_GROUPS
from exposure.schemas._rollup import SocScores
from exposure.scoring._inputs import column_key, missing_column_hint

__all__ = ["employment_frame", "national_detailed", "onet_to_oews", "to_soc", "coverage", "check_codes"]

log = logging.getLogger(__name__)

COMBINE = ("equal", "n_tasks")

#: How the errors about an OEWS employment frame name it: first, as their ``path``
#: (``employment frame, row 2, column 'tot_emp': ...``), as the errors of the other frames
#: do; ``exposure rollup`` names its ``--employment`` file in its place
#: (:meth:`~exposure.errors.DataFormatError.in_file`).
EMPLOYMENT_FRAME = "employment frame"


def _number(series: pd.Series, column: str, name: str | None = None) -> pd.Series:
    """Parse OEWS numbers ('1,234', '**', '*', '#', '~') to floats; special values -> NaN.

    Commas are thousands separators only (``'1,200'``; ``'1.200,5'`` and ``'1,2'`` are
    not numbers, and are told the number to write, in the words of the readers of
    published measures, :func:`exposure._tables.number_hint`: they were refused with no
    word of the comma). Anything else that is not a finite number of at least 0 (text, ``inf``,
    ``-5``, a boolean -- ``True`` is not 1 worker --, a complex number) is refused,
    naming the first such row (counted from 1) and ``column``; a missing value (None,
    NaN, blank text) stays missing. A ``Decimal('sNaN')`` (a ``NUMERIC`` column of a
    database) is refused as not a number: it raised decimal's ``InvalidOperation`` from
    inside pandas, from the roll-ups' employment frame and :func:`exposure.outcomes.build_panel`.

    Parameters
    ----------
    series : pandas.Series
        Rows counted from 1 by position (the index is not used).
    column : str
        The column, as the caller's frame names it (``TOT_EMP`` or ``tot_emp``).
    name : str, optional
        The frame, named before the row (``soc_scores, row 2, column 'tot_emp': ...``);
        by default :data:`EMPLOYMENT_FRAME`.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> _number(pd.Series(["1,200", "**", None]), "TOT_EMP").tolist()
    [1200.0, nan, nan]
    >>> _number(pd.Series([1.0, float("inf")]), "tot_emp")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, row 2, column 'tot_emp': tot_emp must be a finite number of at least 0, got inf
    >>> _number(pd.Series([True, False]), "tot_emp", "soc_scores")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 1, column 'tot_emp': tot_emp must be a number or a BLS special value (** * # ~), got True
    """
    no_number = f"a number or a BLS special value ({' '.join(SPECIAL_VALUES)})"
    snan = signalling_nan(series)  # notna() raised decimal's InvalidOperation from inside pandas
    if snan is not None:
        raise DataFormatError(f"{column} must be {no_number}, got {series.iloc[snan]!r}",
                              path=name or EMPLOYMENT_FRAME, row=snan + 1, column=column)
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_complex_dtype(series):
        # not numbers here (True is not 1.0 worker, 5+2j not 5): refused as text is, below
        values = pd.Series(np.nan, index=series.index, dtype=float)
        given = series.notna().to_numpy(dtype=bool)
    elif pd.api.types.is_numeric_dtype(series):
        values = series.astype(float)
        given = values.notna().to_numpy()
    else:
        s = series.astype(str).str.strip()
        # commas only as thousands separators ('1,200'): '1.200,5' is not 1.2005 workers
        grouped = s.str.fullmatch(GROUPED).to_numpy(dtype=bool)  # not '0,500' (a decimal comma)
        s = s.where(~s.str.contains(",", regex=False).to_numpy(dtype=bool) | grouped, "not a number")
        values = pd.to_numeric(s.str.replace(",", "", regex=False), errors="coerce").astype(float)
        given = series.notna().to_numpy() & ~s.isin(["", *SPECIAL_VALUES]).to_numpy()
    arr = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad = given & ~(np.isfinite(arr) & (arr >= 0))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        shown = _shown(series.iloc[pos]) if np.isnan(arr[pos]) else float(arr[pos])
        what = "a finite number of at least 0" if not np.isnan(arr[pos]) else no_number
        hint = number_hint(series.iloc[pos]) if np.isnan(arr[pos]) else ""
        raise DataFormatError(f"{column} must be {what}, got {shown!r}{hint}", path=name or EMPLOYMENT_FRAME,
                              row=pos + 1, column=column)
    return values


def require_frame(value, name: str, columns=(), *, unique: str | None = None, rows: bool = False,
                  arguments: dict | None = None) -> None:
    """Refuse ``value`` unless it is a DataFrame with ``columns`` (and ``unique`` a key).

    For the roll-up functions' frame arguments: an error names the argument, not an
    ``AttributeError`` from inside. The ``unique`` column, when given, is the frame's
    key: no value may be missing (``None``, NaN) or repeated. With ``rows``, a frame
    without rows is refused (``soc_scores have no rows``): scores of nothing rolled up
    to tables of no score, or of 0 workers, without a word. Rows in errors are counted
    from 1 (positions, whatever the index). A column missing because the frame is indexed
    by it (``set_index("soc_code")``) is said to be the index. A column of ``arguments``
    (column -> the argument that names it: ``{"Beta": "measure"}``) missing while the frame
    has it in another case or spelling is offered to that argument
    (:func:`exposure.scoring._inputs.missing_column_hint`): ``working_time(measure="Beta")``
    was told the frame lacks ``'Beta'``, and no more.

    Examples
    --------
    >>> require_frame(None, "onet_to_soc", ["onetsoc_code", "soc_code"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_to_soc must be a pandas DataFrame, got NoneType
    >>> require_frame(pd.DataFrame({"soc_code": ["11-1011"] * 2}), "soc_scores", unique="soc_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'soc_code': soc_code '11-1011' is given twice (rows 1 and 2)
    >>> require_frame(pd.DataFrame({"soc_code": [None, "11-1011"]}), "soc_scores", unique="soc_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 1, column 'soc_code': missing
    >>> require_frame(pd.DataFrame({"beta": [0.5]}, index=pd.Index(["11-1011"], name="soc_code")),
    ...               "soc_scores", ["soc_code", "beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores lacks column(s) ['soc_code'] (columns: ['beta']); 'soc_code' is the index: reset_index() first
    >>> require_frame(pd.DataFrame({"soc_code": []}), "soc_scores", ["soc_code"], rows=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores have no rows
    >>> require_frame(pd.DataFrame({"beta": [0.5]}), "soc_scores", ["Beta"], arguments={"Beta": "measure"})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores lacks column(s) ['Beta'] (columns: ['beta']); the frame has 'beta': give measure='beta'
    """
    if not isinstance(value, pd.DataFrame):
        raise DataFormatError(f"{name} must be a pandas DataFrame, got {type(value).__name__}")
    refuse_multilevel_columns(value, name)  # it failed inside pandas (MergeError, KeyError)
    missing = [c for c in dict.fromkeys((*columns, *([unique] if unique is not None else [])))
               if c not in value.columns]
    if missing:
        # exposure.load("soc").set_index("soc_code"): said to lack the column it is indexed by
        named = "".join(missing_column_hint(value.columns, c, arguments[c])
                        for c in missing if c in (arguments or {}))
        raise DataFormatError(f"{name} lacks column(s) {missing} (columns: {list(value.columns)})"
                              f"{index_hint(value, missing)}{named}")
    for column in (*columns, *([unique] if unique is not None else [])):
        _refuse_repeated_column(value, name, column)
    if unique is not None:
        absent = value[unique].isna().to_numpy(dtype=bool)
        if absent.any():
            # named first, as check_codes names a missing code (``scores, row 2, column 'key': missing``)
            raise DataFormatError("missing", path=name, row=int(np.flatnonzero(absent)[0]) + 1, column=unique)
    repeat = None if unique is None else first_repeat(value[unique])
    if repeat is not None:
        pos, first = repeat
        # named first, as the missing key above (it was "row 2, column 'soc_code': soc_scores has ...")
        raise DataFormatError(f"{unique} {str(value[unique].iloc[pos])!r} is given twice (rows {first + 1} "
                              f"and {pos + 1})", path=name, row=pos + 1, column=unique)
    if rows and value.empty:
        raise DataFormatError(f"{name} have no rows")


def _refuse_repeated_column(frame: pd.DataFrame, name: str | None, column) -> None:
    """Refuse ``frame`` (the argument ``name``) when ``column`` is one of several columns of that name.

    ``frame[column]`` is then a frame, and the roll-ups failed inside pandas or numpy
    (``Data must be 1-dimensional``, ``'DataFrame' object has no attribute 'str'``). The
    frame is named first, as the other frame errors name it, and the column once (it was
    ``column 'beta': soc_scores has the column 'beta' more than once: keep one``).

    Examples
    --------
    >>> _refuse_repeated_column(pd.DataFrame([[0.1, 0.2]], columns=["beta", "beta"]), "soc_scores", "beta")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, column 'beta': given more than once: keep one
    """
    if np.count_nonzero(frame.columns == column) > 1:
        raise DataFormatError("given more than once: keep one", path=name or "the frame", column=str(column))


def refuse_other_spelling(frame: pd.DataFrame, name: str | None, column: str) -> None:
    """Refuse ``frame`` (the argument ``name``) when it writes ``column`` another way, naming that column.

    Names are compared as :func:`exposure.scoring._inputs.column_key` compares them
    (letters and digits, casefolded): ``Beta``, ``SHARE_E1``, ``Share.E1`` (R's
    ``read.csv``), ``A_MEAN`` (BLS's header). Such a column was not read, without a word:
    a frame without ``column`` had it missing throughout (every sector unscored by
    :func:`~exposure.rollup.to_sectors`, with a warning that no code had a beta score;
    :func:`~exposure.rollup.workforce_stats`' ``wage_mean`` missing). Beside ``column``
    itself, another spelling is left unread, as ``exposure rollup`` leaves an input column
    that ``exposure score`` carried into its output.

    Examples
    --------
    >>> refuse_other_spelling(pd.DataFrame(columns=["soc_code", "Beta"]), "soc_scores", "beta")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, column 'Beta': 'beta' written another way, which is not read: name it 'beta'
    >>> refuse_other_spelling(pd.DataFrame(columns=["beta", "BETA"]), None, "beta")
    """
    if column in frame.columns:
        return
    key = column_key(column)
    other = [c for c in frame.columns if isinstance(c, str) and column_key(c) == key]
    if not other:
        return
    raise DataFormatError(f"{column!r} written another way, which is not read: name it {column!r}", path=name,
                          column=other[0])


#: Code column -> the check of its cells.
_CODE_CHECKS = {"onetsoc_code": first_bad_onetsoc_code, "soc_code": first_bad_soc_code}


def check_codes(frame: pd.DataFrame, name: str, columns=("onetsoc_code",)) -> None:
    """Refuse a missing or malformed code in the ``columns`` of ``frame`` (rows counted from 1).

    ``onetsoc_code`` must hold O*NET-SOC codes (``11-1011.00``), ``soc_code`` SOC codes
    (``11-1011``), with no surrounding whitespace: a padded code matched nothing and was
    dropped with warnings that did not say why. The error names ``name`` first, as its
    ``path``, as the errors of the measures do (:func:`measure_values`):
    ``occupation_scores, row 2, column 'onetsoc_code': not ...``. It named the frame after
    the row, in the message only (``row 2, column 'onetsoc_code': occupation_scores: ...``),
    beside the measures' ``occupation_scores, row 2, column 'alpha': ...`` of the same call.

    Parameters
    ----------
    frame : pandas.DataFrame
    name : str
        The argument, for the message.
    columns : sequence of {"onetsoc_code", "soc_code"}

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> check_codes(pd.DataFrame({"soc_code": ["11-1011", "13-1020 "]}), "onet_to_soc", ["soc_code"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_to_soc, row 2, column 'soc_code': not a SOC code (like 11-1011): '13-1020 ': spaces around the code: write '13-1020'
    """
    for column in columns:
        bad = _CODE_CHECKS[column](frame[column])
        if bad is not None:
            raise DataFormatError(bad[1], path=name, row=bad[0] + 1, column=column)


def _shown(value):
    """``value`` for an error message: numpy scalars as Python ones (``nan``, not ``np.float64(nan)``)."""
    return value.item() if isinstance(value, np.generic) else value


def measure_values(frame: pd.DataFrame, name: str | None, measures=MEASURES, *, tolerance: float = 0.0,
                   explain: bool = False) -> np.ndarray:
    """The ``measures`` columns of ``frame`` as a float array (n_rows x len(measures)).

    The library's one check of measures and probabilities, shares of tasks: each a
    number in [0, 1], or missing (``None``, NaN, a blank text), which stays NaN. Text
    that reads as a number (``"0.5"``) is accepted. A column ``frame`` lacks is NaN
    throughout; one written another way (``Beta``, ``Share.E1``) is refused
    (:func:`refuse_other_spelling`). Anything else (text such as ``"0,46"``, said to be
    a decimal comma, with the number to write: :func:`exposure._tables.number_hint`; a complex
    number -- never cut to its real part --, a boolean -- ``True`` is not taken as 1.0, as ``task_id=True`` is
    not taken as 1 --, ``1.5``, ``inf``) is refused, naming ``name``, the first bad row
    (counted from 1) and its column; the columns are checked in the order of
    ``measures``. :func:`to_soc`, :func:`~exposure.rollup.to_sectors`,
    :func:`~exposure.rollup.workforce_stats`, :func:`~exposure.rollup.working_time`,
    :func:`~exposure.rollup.to_census_occ` and (with ``tolerance`` and ``explain``)
    :func:`~exposure.rollup._occupations.check_task_scores` check their inputs with it.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows counted from 1 by position (the index is not used).
    name : str or None
        The frame, named before the row (``soc_scores, row 2, column 'beta': ...``); None
        names none (a caller that names the file, :meth:`DataFormatError.in_file`).
    measures : sequence of str, default :data:`~exposure._measures.MEASURES`
    tolerance : float, default 0.0
        Values up to ``tolerance`` outside [0, 1] are accepted, and returned as given
        (the caller clips them): scores rounded to 6 decimals or stored as float32.
    explain : bool, default False
        The messages of the task scores check: the column named again in a range error
        (``beta must be in [0, 1], got 1.5``) and a complex value called one (``not a
        number: (0.5+3j) (a complex number; scores are real numbers in [0, 1])``).

    Returns
    -------
    numpy.ndarray
        Floats, NaN where missing.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> measure_values(pd.DataFrame({"beta": [0.5, None]}), "soc_scores", ["beta", "gamma"])
    array([[0.5, nan],
           [nan, nan]])
    >>> measure_values(pd.DataFrame({"beta": ["0.5", "0,46"]}), "soc_scores", ["beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'beta': not a number: '0,46': a decimal comma? write decimals with a point: '0.46'
    >>> measure_values(pd.DataFrame({"beta": [0.2, 1.5]}), "soc_scores", ["beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'beta': must be in [0, 1], got 1.5
    >>> measure_values(pd.DataFrame({"beta": [True, False]}), "soc_scores", ["beta"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 1, column 'beta': not a number: True
    >>> measure_values(pd.DataFrame({"beta": [1.0000004]}), None, ["beta"], tolerance=1e-6)
    array([[1.0000004]])
    >>> measure_values(pd.DataFrame({"beta": [0.5 + 3j]}), None, ["beta"], explain=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 1, column 'beta': not a number: (0.5+3j) (a complex number; scores are real numbers in [0, 1])
    """
    def refuse(message, pos, column):
        raise DataFormatError(message, path=name, row=pos + 1, column=column)

    def not_a_number(value, pos, column):
        value = _shown(value)
        complex_note = (" (a complex number; scores are real numbers in [0, 1])"
                        if explain and isinstance(value, complex) else "")
        refuse(f"not a number: {value!r}{complex_note}{number_hint(value, share=True)}", pos, column)

    out = np.full((len(frame), len(measures)), np.nan)
    for j, m in enumerate(measures):
        refuse_other_spelling(frame, name, m)  # 'Beta', 'SHARE_E1': missing throughout, without a word
        if m not in frame:
            continue
        _refuse_repeated_column(frame, name, m)
        col = frame[m]
        if pd.api.types.is_bool_dtype(col):  # True is not 1.0: refused like task_id=True
            given = col.notna().to_numpy(dtype=bool)
            if given.any():
                pos = int(np.flatnonzero(given)[0])
                not_a_number(col.iloc[pos], pos, m)
            arr = np.full(len(col), np.nan)
        elif pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_complex_dtype(col):
            arr = col.to_numpy(dtype=float, na_value=np.nan)
        else:  # text, objects, complex: value by value, so a bad row is named, not the first row
            cells = col.to_numpy(dtype=object)
            snan = signalling_nan(cells)  # notna() raised decimal's InvalidOperation from inside pandas
            if snan is not None:
                not_a_number(cells[snan], snan, m)
            given = col.notna().to_numpy(dtype=bool)
            given = given & ~np.array([isinstance(v, str) and not v.strip() for v in cells], dtype=bool)
            # complex numbers and booleans (True is not 1.0) are not numbers here
            odd = np.array([isinstance(v, (complex, np.complexfloating, bool, np.bool_)) for v in cells],
                           dtype=bool)
            parsed = pd.to_numeric(pd.Series(np.where(odd, None, cells), dtype=object), errors="coerce")
            arr = parsed.to_numpy(dtype=float, na_value=np.nan)
            bad = given & (odd | np.isnan(arr))
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                not_a_number(col.iloc[pos], pos, m)
        with np.errstate(invalid="ignore"):
            outside = ~np.isnan(arr) & ~((arr >= -tolerance) & (arr <= 1.0 + tolerance))
        if outside.any():
            pos = int(np.flatnonzero(outside)[0])
            refuse(f"{f'{m} ' if explain else ''}must be in [0, 1], got {float(arr[pos])!r}", pos, m)
        out[:, j] = arr
    return out


def single_precision(dtype) -> np.dtype | None:
    """The numpy float dtype narrower than float64 that ``dtype`` stores values in, or None.

    ``float32``, pandas' ``Float32`` and ``float[pyarrow]`` (``float16`` too) are, and so
    is a categorical dtype whose categories are (``astype("category")`` of float32
    values: it was taken for no float, and its values for float64 ones); a ``float64``,
    integer or object dtype (or None) is not.

    Examples
    --------
    >>> single_precision(np.dtype("float32")), single_precision(pd.Float32Dtype()), single_precision(None)
    (dtype('float32'), dtype('float32'), None)
    >>> single_precision(pd.Series(np.float32([0.7])).astype("category").dtype)
    dtype('float32')
    """
    if isinstance(dtype, pd.CategoricalDtype):  # its values are its categories'
        dtype = dtype.categories.dtype
    try:
        found = np.dtype(getattr(dtype, "numpy_dtype", dtype)) if dtype is not None else None
    except TypeError:  # a dtype numpy has no counterpart of
        return None
    return found if found is not None and found.kind == "f" and found.itemsize < 8 else None


def no_count_said(n: int, what: str = "code") -> str:
    """Why ``n`` rows whose ``tot_emp`` is missing or 0 on every one give nothing to weigh by.

    The words of :func:`~exposure.rollup.to_census_occ`'s employment and of
    :func:`~exposure.rollup.workforce_stats`' ``soc_scores`` (``what``: ``"code"``,
    ``"occupation"``).

    Examples
    --------
    >>> no_count_said(2, "occupation")[:80]
    'tot_emp is missing or 0 on every one of its 2 rows, so no occupation has a count'
    """
    return (f"tot_emp is missing or 0 on every one of its {n} rows, so no {what} has a count to weigh by "
            "(a merge that matched no code, missing values filled with 0, or BLS special values such as '**' "
            "only?)")


def stored_sizes(values, x: pd.Series) -> np.ndarray:
    """Item size (bytes) of the float each value of ``x`` is stored in: 8, or 4 (2) for float32 (float16).

    A typed ``values`` (an array or Series of float32, ``Float32`` or ``float[pyarrow]``,
    or categorical of them: :func:`single_precision`) gives its size to every value; in
    a list (or an object or categorical Series) each numpy float32 (float16) item is so
    sized, the others 8. ``x`` is ``values`` as a Series (a list as an object Series).
    A value is compared with a cut or threshold as written rounded as the value is
    stored (:func:`stored_threshold`): float32's 0.7 is 0.699999988 and its 0.6 is
    0.600000024, below and above the 0.7 and 0.6 written.

    Examples
    --------
    >>> stored_sizes([np.float32(0.7), 0.5], pd.Series([np.float32(0.7), 0.5], dtype=object)).tolist()
    [4, 8]
    """
    single = single_precision(getattr(values, "dtype", None))
    if single is not None:
        return np.full(len(x), single.itemsize)
    if x.dtype != object and not isinstance(x.dtype, pd.CategoricalDtype):
        return np.full(len(x), 8)
    return np.fromiter((i.itemsize if isinstance(i, np.floating) and i.itemsize < 8 else 8
                        for i in x.to_numpy(dtype=object)), dtype=int, count=len(x))


def stored_threshold(value: float, sizes: np.ndarray) -> np.ndarray:
    """``value`` (a threshold) for each value it is compared with, rounded as that value is stored.

    ``sizes``: :func:`stored_sizes`. A float32 beta of 0.6 (a Stata ``float`` column, a
    Parquet ``float``) is 0.6000000238418579 as a float64, above a threshold of 0.6 as
    written; against float32's 0.6 it is at it.

    Examples
    --------
    >>> stored_threshold(0.6, np.array([8, 4])).tolist()
    [0.6, 0.6000000238418579]
    """
    out = np.full(len(sizes), float(value))
    for size in np.unique(sizes):
        if size != 8:
            out[sizes == size] = float(np.asarray(value, dtype=f"f{int(size)}"))
    return out


def _task_counts(occupation_scores: pd.DataFrame) -> np.ndarray:
    """``n_tasks`` as floats, each a whole number of at least 1 (the ``combine="n_tasks"`` weight).

    Examples
    --------
    >>> _task_counts(pd.DataFrame({"n_tasks": [30, "10"]}))
    array([30., 10.])
    >>> _task_counts(pd.DataFrame({"n_tasks": [30, 0]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occupation_scores, row 2, column 'n_tasks': combine='n_tasks' weighs each occupation by n_tasks, which must be a whole number of at least 1, got 0
    """
    col = occupation_scores["n_tasks"]
    if pd.api.types.is_bool_dtype(col) or pd.api.types.is_complex_dtype(col):
        arr = np.full(len(col), np.nan)
    else:
        arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = ~(np.isfinite(arr) & (arr >= 1) & (arr == np.floor(arr)))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise DataFormatError("combine='n_tasks' weighs each occupation by n_tasks, which must be a whole "
                              f"number of at least 1, got {_shown(col.iloc[pos])!r}", path="occupation_scores",
                              row=pos + 1, column="n_tasks")
    return arr


def employment_frame(employment: pd.DataFrame) -> pd.DataFrame:
    """Normalize an OEWS frame to the columns the rollup reads, with numeric values.

    The columns are ``naics, naics_title, i_group, occ_code, occ_title, o_group, tot_emp,
    a_mean``, employment and wages as numbers.
    Accepts the frame of :func:`exposure.oews.read_oews` (snake_case, numbers already
    parsed) or BLS's published columns (``NAICS``, ``TOT_EMP`` ..., numbers as text with
    ``**``, ``*`` and ``#``). Suppressed or top-coded values become missing; anything
    else that is not a finite number of at least 0 (other text, ``'1.200,5'``, a
    boolean, a negative or infinite number) is refused, naming its row (counted from 1)
    and column. So is an ``occ_code`` that is missing or not a SOC code (``00-0000``,
    ``11-1011``), an ``o_group`` or ``i_group`` missing or not one of OEWS's
    (:data:`~exposure.schemas._oews.O_GROUPS`, :data:`~exposure.schemas._oews.I_GROUPS`:
    such a row was left out of every level without a word), and a column given twice in
    different case (``tot_emp`` and ``TOT_EMP``). A missing ``naics`` stays missing; a
    whole number with a decimal point (``11.0``, ``113000.0``: a column read as numbers)
    is read as its code (``'11'``). Columns named otherwise than by text (``0``, ``None``)
    are not read. A column missing because the frame is indexed by it
    (``set_index("naics")``) is said to be the index (:func:`exposure._tables.index_hint`).

    Examples
    --------
    >>> raw = pd.DataFrame({"NAICS": ["000000"], "NAICS_TITLE": ["Cross-industry"],
    ...     "I_GROUP": ["cross-industry"], "OCC_CODE": ["11-1011"], "OCC_TITLE": ["CEOs"],
    ...     "O_GROUP": ["detailed"], "TOT_EMP": ["1,200"], "A_MEAN": ["#"]})
    >>> employment_frame(raw)[["occ_code", "tot_emp", "a_mean"]]
      occ_code  tot_emp  a_mean
    0  11-1011   1200.0     NaN
    >>> employment_frame(raw.set_index("NAICS"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame lacks column(s) ['naics']; 'NAICS' is the index: reset_index() first
    """
    require_frame(employment, "employment")
    names = _employment_names(employment)
    # a column named by a number (``0`` of ``pd.concat([emp, extra], axis=1)``, a frame built
    # from an array) is none of the columns read: kept as it is (``str.lower`` raised
    # ``TypeError: descriptor 'lower' for 'str' objects doesn't apply to a 'int' object``)
    f = employment.rename(columns=lambda c: c.lower() if isinstance(c, str) else c)
    need = ["naics", "i_group", "occ_code", "o_group", "tot_emp"]
    missing = [c for c in need if c not in f.columns]
    if missing:
        # indexed by a column (set_index("naics"), "NAICS" of BLS's header), said to be the
        # index as require_frame says it: it was "lacks column(s) ['naics']" and no more
        indexed = [n for n in employment.index.names if isinstance(n, str) and n.lower() in missing]
        raise DataFormatError(f"employment frame lacks column(s) {missing}{index_hint(employment, indexed)}")
    _check_groups(f.reset_index(drop=True), names)
    out = pd.DataFrame(
        {
            "naics": _naics_text(f["naics"]),
            "naics_title": (f["naics_title"] if "naics_title" in f else pd.Series(None, index=f.index)).to_numpy(),
            "i_group": f["i_group"].astype(str).to_numpy(),
            "occ_code": f["occ_code"].astype(str).to_numpy(),
            "occ_title": (f["occ_title"] if "occ_title" in f else pd.Series(None, index=f.index)).to_numpy(),
            "o_group": f["o_group"].astype(str).to_numpy(),
            "tot_emp": _whole(_number(f["tot_emp"], names["tot_emp"]), f["tot_emp"], names["tot_emp"]).to_numpy(),
            "a_mean": (_number(f["a_mean"], names["a_mean"]) if "a_mean" in f else pd.Series(np.nan, index=f.index)).to_numpy(),
        }
    )
    return out


def _whole(values: pd.Series, given: pd.Series, column: str, name: str = EMPLOYMENT_FRAME) -> pd.Series:
    """``values`` (a ``tot_emp`` read by :func:`_number`) unless one is not a whole number of workers.

    OEWS counts jobs: :func:`exposure.oews.read_oews` and :func:`exposure.outcomes.build_panel`
    refuse ``'1.200'`` (a point as thousands separator, 1,200 workers) or ``'1234.5'``; the
    same text in a frame (``pd.read_csv`` of a file whose column holds ``**``, or read as
    text) was read as 1.2 workers without a word. Only text cells are checked: a column of
    numbers may hold weights or estimates (``47319.3``), read as before. ``given``: the
    cells as given, shown in the message; rows counted from 1. The check and its words
    are the shared :func:`exposure._tables.check_whole_workers`' (they were a copy of them).
    Its warning of a whole text cell written with points (``'2.000'``) is not given here:
    a roll-up reads one employment frame many times (nine by :func:`exposure.rollup.rollup`),
    and would give it at each. ``name``: the frame named first (``soc_scores`` for the
    ``tot_emp`` of :func:`coverage`, :func:`~exposure.rollup.workforce_stats` and
    :func:`~exposure.rollup.working_time`, ``employment`` for :func:`~exposure.rollup.to_census_occ`:
    they read ``'1.200'`` as 1.2 workers, without a word).

    Examples
    --------
    >>> _whole(pd.Series([1.2]), pd.Series(["1.200"]), "TOT_EMP")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, row 1, column 'TOT_EMP': TOT_EMP must be a whole number of workers (OEWS counts jobs), got '1.200' (write 1200 for 1,200 workers: a point is read as the decimal point)
    """
    arr = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        whole = arr == np.floor(arr)
    check_whole_workers(arr, given.where(~whole), name, column)
    return values


def _naics_text(naics: pd.Series) -> np.ndarray:
    """NAICS codes as text; a whole number with a decimal point (``11.0``) as its digits.

    A column read as numbers (``pd.read_excel``, or ``pd.read_csv`` with a blank cell)
    holds ``11.0`` for the sector ``11`` and ``113000.0`` for ``113000``: their text
    matched no OEWS industry code, and the frame was refused though the code was plain.
    Other cells are their text (``11.5`` stays ``'11.5'``, refused where codes are
    checked); a missing one stays missing.

    Examples
    --------
    >>> _naics_text(pd.Series([11.0, 113000.0, float("nan"), 11.5])).tolist()
    ['11', '113000', None, '11.5']
    >>> _naics_text(pd.Series(["31-33", 11, None], dtype=object)).tolist()
    ['31-33', '11', None]
    """
    cells = naics.to_numpy(dtype=object)
    text = naics.astype(str).to_numpy(dtype=object)
    for pos, value in enumerate(cells):
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            text[pos] = str(int(value))
    return np.where(naics.isna().to_numpy(dtype=bool), None, text)


#: Columns of an OEWS frame that :func:`employment_frame` reads.
_EMPLOYMENT_COLUMNS = ("naics", "naics_title", "i_group", "occ_code", "occ_title", "o_group", "tot_emp",
                       "a_mean")


def _employment_names(employment: pd.DataFrame) -> dict:
    """Lower-case name -> column of ``employment``; a column read twice in different case is refused.

    Examples
    --------
    >>> _employment_names(pd.DataFrame(columns=["tot_emp", "TOT_EMP"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, column 'TOT_EMP': the column 'tot_emp' is given twice, as 'tot_emp' and 'TOT_EMP': keep one
    """
    for name in _EMPLOYMENT_COLUMNS:
        given = [c for c in employment.columns if str(c).lower() == name]
        if len(given) > 1:  # both were read as one: "'DataFrame' object has no attribute 'str'"
            raise DataFormatError(f"the column {name!r} is given twice, as {given[0]!r} and {given[1]!r}: keep one",
                                  path=EMPLOYMENT_FRAME, column=str(given[1]))
    return {str(c).lower(): c for c in employment.columns}


def _check_groups(f: pd.DataFrame, names: dict) -> None:
    """Refuse a bad ``occ_code``, ``o_group`` or ``i_group`` of ``f`` (lower-case names, fresh index).

    The groups allowed are quoted: two of OEWS's ``i_group`` values hold a comma
    (``'cross-industry, ownership'``), and the list read ``cross-industry, cross-industry,
    ownership, sector, ...``; a group written in another case (``Sector``, as a
    spreadsheet capitalizes it) is told how OEWS writes it.

    Examples
    --------
    >>> f = pd.DataFrame({"occ_code": ["11-1011"], "o_group": ["detailed"], "i_group": ["Sector"]})
    >>> _check_groups(f, {c: c for c in f.columns})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, row 1, column 'i_group': i_group must be one of 'cross-industry', 'cross-industry, ownership', 'sector', '3-digit', '4-digit', '4-digit, ownership', '5-digit', '6-digit', got 'Sector' (write it 'sector', as OEWS does)
    """
    bad = first_bad_soc_code(f["occ_code"])
    if bad is not None:
        raise DataFormatError(f"{names['occ_code']} {bad[1]}", path=EMPLOYMENT_FRAME, row=bad[0] + 1,
                              column=names["occ_code"])
    for column, allowed in (("o_group", O_GROUPS), ("i_group", I_GROUPS)):
        values = f[column]
        wrong = (values.isna() | ~values.isin(allowed)).to_numpy(dtype=bool)
        if wrong.any():
            pos = int(np.flatnonzero(wrong)[0])
            value = values.iloc[pos]
            meant = [g for g in allowed if isinstance(value, str) and g.casefold() == value.strip().casefold()]
            hint = f" (write it {meant[0]!r}, as OEWS does)" if meant else ""
            what = "missing" if pd.isna(value) else \
                f"must be one of {', '.join(map(repr, allowed))}, got {_shown(value)!r}{hint}"
            raise DataFormatError(f"{names[column]} {what}", path=EMPLOYMENT_FRAME, row=pos + 1,
                                  column=names[column])


def _no_detailed_said(f: pd.DataFrame) -> str:
    """Why employment frame ``f`` (:func:`employment_frame`) without cross-industry detailed rows cannot be rolled up, and what to give.

    The rows of BLS's by-industry files alone (``natsector_M2024_dl``,
    ``nat3d_M2024_dl``: sectors or 3-digit industries, no cross-industry row) and a
    table of occupation groups alone (``o_group`` ``major``, ``total``) were refused as
    ``employment frame has no cross-industry detailed occupation rows``, saying neither
    what the frame holds nor what to give; the message goes on to say them.

    Examples
    --------
    >>> f = pd.DataFrame({"i_group": ["sector", "sector"], "o_group": ["total", "detailed"]})
    >>> _no_detailed_said(f)[21:165]
    "no cross-industry detailed occupation rows (i_group 'cross-industry', o_group 'detailed'): its 2 rows are of industries alone (i_group 'sector')"
    """
    said = "employment frame has no cross-industry detailed occupation rows (i_group 'cross-industry', o_group 'detailed')"
    if f.empty:
        return f"{said}: the frame has no rows"
    cross = (f["i_group"] == "cross-industry").to_numpy(dtype=bool)
    national = "BLS's national file (national_M<year>_dl)"
    if not cross.any():
        groups = ", ".join(repr(str(g)) for g in pd.unique(f["i_group"].dropna()))
        return (f"{said}: its {len(f):,} rows are of industries alone (i_group {groups}), as BLS's by-industry "
                f"files are (natsector_M<year>_dl, nat3d_M<year>_dl); add the cross-industry rows of {national}, "
                "which count each occupation's workers once")
    groups = ", ".join(repr(str(g)) for g in pd.unique(f.loc[cross, "o_group"].dropna()))
    return (f"{said}: its cross-industry rows are of occupation groups alone (o_group {groups}); give each "
            f"occupation's detailed row, as {national} has them")


def national_detailed(employment: pd.DataFrame, *, row_offset: int = 1) -> pd.DataFrame:
    """Cross-industry rows of detailed OEWS occupations (the level that sums to the total).

    OEWS marks its aggregates of detailed SOC codes (e.g. ``13-1020``) as ``detailed``
    too, so these rows partition the workforce and each worker is counted once. An
    occupation given twice is refused, naming both rows of ``employment`` (counted from
    1) and the column; so is a SOC group beside a code it holds
    (:func:`refuse_nested_codes`), whose message counts the rows from ``row_offset``: the
    row of a file that the frame's first row is (``exposure rollup`` names its
    ``--employment`` file's rows; the error's ``row`` stays the frame's, for
    :meth:`~exposure.errors.DataFormatError.in_file`).

    Examples
    --------
    >>> emp = pd.DataFrame({"naics": ["000000"] * 3, "i_group": ["cross-industry"] * 3,
    ...     "occ_code": ["00-0000", "11-1010", "11-1011"], "o_group": ["total", "broad", "detailed"],
    ...     "tot_emp": [10.0, 10.0, 10.0]})
    >>> national_detailed(emp)["occ_code"].tolist()
    ['11-1011']
    """
    whole = employment_frame(employment)
    f = whole[(whole["o_group"] == "detailed") & (whole["i_group"] == "cross-industry")]
    if f.empty:  # it said so and no more: not what the frame holds instead, nor what to give
        raise DataFormatError(_no_detailed_said(whole))
    if not (f["tot_emp"] > 0).any():
        raise DataFormatError("no cross-industry detailed occupation has employment above 0 (tot_emp is 0 or "
                              "missing on every row)", path=EMPLOYMENT_FRAME, column="tot_emp")
    repeat = first_repeat(f["occ_code"])
    if repeat is not None:  # it named neither row nor column (rows of employment, from 1)
        pos, first = repeat
        column = _employment_names(employment).get("occ_code", "occ_code")
        # the rows were in the text only: err.row and err.column were None; the frame is named
        # first, as in its other errors (it was "row 3, column 'occ_code': duplicate ... (rows 1
        # and 3 of the employment frame, column 'occ_code')")
        raise DataFormatError(
            f"duplicate cross-industry occupation code {f['occ_code'].iloc[pos]!r} (rows "
            f"{int(f.index[first]) + row_offset} and {int(f.index[pos]) + row_offset}): keep one row per occupation",
            path=EMPLOYMENT_FRAME, row=int(f.index[pos]) + 1, column=column)
    refuse_nested_codes(f["occ_code"], EMPLOYMENT_FRAME, _employment_names(employment).get("occ_code", "occ_code"),
                        "cross-industry detailed rows", row_offset=row_offset)
    return f.sort_values("occ_code").reset_index(drop=True)


def _group_of(code: str) -> tuple[str, str] | None:
    """``(kind, prefix)`` of a SOC group code (major, minor, broad), None for a detailed code.

    ``prefix`` is what the codes of the group start with; a broad group's members are
    those whose :func:`exposure.crosswalks.soc_broad_group` is the group (the physicians
    29-1221 ... 29-1229 are in 29-1210).
    """
    if code == "00-0000":
        return "the All Occupations total", ""
    if code[3:7] == "0000":
        return "a SOC major group", code[:3]
    if code[5:7] == "00":  # the digits before its trailing zeros: 29-1000 holds 29-1221, 15-1200 15-1252
        return "a SOC minor group", code[:6].rstrip("0")
    if code[6] == "0":
        return "a SOC broad group", code
    return None


def _containers(code: str) -> list[str]:
    """The SOC group codes that hold ``code`` (its broad, minor and major group, the total).

    A minor group is the digits of its codes before its trailing zeros, as the SOC
    structure has it (:func:`exposure.crosswalks.soc_minor_groups`): most end in 000 (``29-1000``
    holds ``29-1221``, ``47-2000`` holds ``47-2111``), a few in 00 (``15-1200``,
    ``31-1100``, ``51-5100``); both forms are containers. Until round 81 only the first
    five digits and 00 were, so an employment frame with ``29-1000`` beside ``29-1221``
    counted the physicians' workers twice without a word.

    Examples
    --------
    >>> _containers("15-1252"), _containers("15-1200")
    (['15-1250', '15-1200', '15-1000', '15-0000', '00-0000'], ['15-0000', '00-0000'])
    >>> _containers("29-1228"), _containers("29-1210")
    (['29-1210', '29-1200', '29-1000', '29-0000', '00-0000'], ['29-1200', '29-1000', '29-0000', '00-0000'])
    """
    kind = _group_of(code)
    out = []
    if kind is None:
        out.append(soc_broad_group(code))
    if kind is None or kind[0].endswith("broad group"):
        out.extend(soc_minor_groups(code))
    if kind is None or not kind[0].endswith(("major group", "total")):
        out.append(code[:3] + "0000")
    if code != "00-0000":
        out.append("00-0000")
    return out


def refuse_nested_codes(codes: pd.Series, name: str, column: str, what: str, *,
                        keys: pd.Series | None = None, key_where: str = "", row_offset: int = 1) -> None:
    """Refuse a SOC group code given beside a code that it holds, naming both rows.

    ``codes`` are occupation codes of one frame, checked SOC codes (index: the frame's rows,
    from 0). An employment frame built by hand with a broad group (``15-1250``) and one of
    its detailed codes (``15-1252``), both as detailed rows, counted the detailed code's
    workers twice (in ``tot_emp``, the coverage and every worker share) without a word; so
    did a major (``15-0000``) or minor (``15-1200``) group given as a detailed row beside
    its occupations. OEWS's own aggregates (``13-1020``) are never published beside their
    detailed codes. The frame (or file) ``name`` is named first (``employment, row 3,
    column 'occ_code': ...``), as every frame error names it (it was named after the row
    and column unless a ``path=True`` was given: that parameter went in round 77).
    ``keys`` (same index as ``codes``): check within each key only (an industry's cells),
    ``key_where`` naming it in the message (``" of the sector NAICS {!r}"``, formatted with
    the key); the first member row (in row order) is named. ``row_offset``: the row that
    the frame's first row is in the message (the first record of a file the frame was
    read from), so that both rows named are the file's once the error's own ``row``
    (the frame's, from 1) is made the file's by
    :meth:`~exposure.errors.DataFormatError.in_file` with the same offset: ``exposure
    rollup`` named the file's row in front of the frame's rows.

    Examples
    --------
    >>> refuse_nested_codes(pd.Series(["15-1250", "15-1252"]), "employment", "occ_code", "rows")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 2, column 'occ_code': '15-1252' (row 2) is in '15-1250' (row 1), a SOC broad group, and both are rows: its workers would be counted twice; give the group or its occupations, not both
    >>> refuse_nested_codes(pd.Series(["15-1250", "15-1252"]), "e", "occ_code", "detailed rows",
    ...                     keys=pd.Series(["11", "52"]), key_where=" of the sector NAICS {!r}")
    """
    text = codes.astype(str).to_numpy(dtype=object)
    key = np.full(len(text), "", dtype=object) if keys is None else keys.astype(str).to_numpy(dtype=object)
    present = set(text)
    groups = {code for code in present if _group_of(code) is not None}
    if not groups:
        return
    first: dict = {}
    for i, k, code in zip(codes.index, key, text):
        first.setdefault((k, code), int(i))
    held = {code: [g for g in _containers(code) if g in groups] for code in present}
    for pos, k, code in zip(codes.index, key, text):
        for group in held[code]:
            if (k, group) not in first:
                continue
            kind = _group_of(group)[0]
            where = key_where.format(k) if keys is not None else ""
            message = (f"{code!r} (row {int(pos) + row_offset}) is in {group!r} (row {first[(k, group)] + row_offset}), "
                       f"{kind}, and both are {what}{where}: its workers would be counted twice; give the group or "
                       "its occupations, not both")
            raise DataFormatError(message, path=name, row=int(pos) + 1, column=column)  # the frame first


def _check_combine(combine) -> None:
    """Refuse a ``combine`` that is not one of :data:`COMBINE`; one in another case is told the one to write."""
    if not (isinstance(combine, str) and combine in COMBINE):
        raise DataFormatError(f"unknown combine {combine!r}; expected one of {', '.join(COMBINE)}"
                              f"{choice_hint(combine, COMBINE)}")


def onet_to_oews(
    occupation_scores: pd.DataFrame,
    onet_to_soc: pd.DataFrame,
    oews_codes,
    combine: str = "equal",
    soc_structure: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Weights of O*NET-SOC occupations within each OEWS code.

    Parameters
    ----------
    occupation_scores : pandas.DataFrame
        OccupationScores (``onetsoc_code``; ``n_tasks`` for ``combine="n_tasks"``, each
        a whole number of at least 1).
    onet_to_soc : pandas.DataFrame
        The official O*NET-SOC 2019 -> SOC 2018 crosswalk (``onetsoc_code, soc_code``).
    oews_codes : iterable of str
        OEWS detailed-level occupation codes.
    combine : {"equal", "n_tasks"}, default "equal"
        Weight of each scored O*NET occupation within its OEWS code: 1, or its number of
        task rows. Weights are renormalized over the children that carry a score.
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map`
        (:func:`~exposure.crosswalks.check_soc_structure`).

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code, soc_code, occ_code, how, weight`` for every crosswalk row whose
        O*NET code is in ``occupation_scores``. The frames' indexes are not used.

    Raises
    ------
    exposure.errors.DataFormatError
        An unknown ``combine``, a frame without its columns, an ``onetsoc_code`` of
        ``occupation_scores`` missing, malformed or given twice (as :func:`to_soc` refuses
        it), a missing or malformed code
        in the crosswalk (``'11-1011 '``: :func:`check_codes`), an O*NET-SOC code mapped
        to two SOC codes (both rows named), a bad ``soc_structure``, or (``combine="n_tasks"``) an
        ``n_tasks`` that is missing, below 1 or not a whole number, naming its row
        (counted from 1).

    Examples
    --------
    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "n_tasks": [30, 10]})
    >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "soc_code": ["11-1011"] * 2})
    >>> onet_to_oews(occ, xw, ["11-1011"], combine="n_tasks")[["onetsoc_code", "occ_code", "weight"]]
      onetsoc_code occ_code  weight
    0   11-1011.00  11-1011    30.0
    1   11-1011.03  11-1011    10.0
    """
    _check_combine(combine)
    require_frame(occupation_scores, "occupation_scores",
                  ["onetsoc_code", "n_tasks"] if combine == "n_tasks" else ["onetsoc_code"])
    require_frame(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    # as to_soc checks them: a code given twice was linked twice (its weight counted twice),
    # a padded or missing one was only said to be "not in the crosswalk"
    require_frame(occupation_scores, "occupation_scores", unique="onetsoc_code")
    check_codes(occupation_scores.reset_index(drop=True), "occupation_scores", ["onetsoc_code"])
    counts = _task_counts(occupation_scores) if combine == "n_tasks" else None
    xw = _oews_crosswalk(onet_to_soc, oews_codes, soc_structure)
    return _links(occupation_scores, xw, counts, warn=True)


def _oews_crosswalk(onet_to_soc: pd.DataFrame, oews_codes, soc_structure) -> pd.DataFrame:
    """The crosswalk checked, with the OEWS code of each SOC code (``onetsoc_code, soc_code, occ_code, how``).

    :func:`~exposure.crosswalks.oews_code_map` warns here of SOC codes left unmapped for
    several aggregates; :func:`rollup` builds this once per run and passes it to the
    category roll-ups, which warned again.
    """
    check_codes(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    check_soc_structure(soc_structure)
    # the indexes are dropped: one named like a column ('soc_code') made the merges ambiguous
    xw = onet_to_soc[["onetsoc_code", "soc_code"]].reset_index(drop=True).astype(str)
    _refuse_two_socs(xw)
    _refuse_other_soc(xw)
    xw = xw.drop_duplicates()
    cmap = oews_code_map(xw["soc_code"], oews_codes, soc_structure)
    return xw.merge(cmap, on="soc_code", how="left")


def _links(occupation_scores: pd.DataFrame, xw: pd.DataFrame, counts, *, warn: bool) -> pd.DataFrame:
    """:func:`onet_to_oews`'s frame from :func:`_oews_crosswalk`'s ``xw`` (``counts``: n_tasks, or None for equal).

    With ``warn``, O*NET-SOC codes missing from the crosswalk are warned about.
    """
    occ = occupation_scores[["onetsoc_code"]].reset_index(drop=True).astype({"onetsoc_code": str})
    if counts is not None:
        occ["n_tasks"] = counts
    out = occ.merge(xw, on="onetsoc_code", how="left")
    unmatched = out["soc_code"].isna()
    if warn and unmatched.any():
        log.warning("%s", not_in_crosswalk_said(int(unmatched.sum()), out.loc[unmatched, "onetsoc_code"].iloc[0]))
    out["weight"] = 1.0 if counts is None else out["n_tasks"].astype(float)
    return out[["onetsoc_code", "soc_code", "occ_code", "how", "weight"]].reset_index(drop=True)


#: How the warnings of :func:`to_soc` name its crosswalk (:func:`crosswalk_named`).
_CROSSWALK_NAME = contextvars.ContextVar("crosswalk_name", default="the crosswalk onet_to_soc")


@contextlib.contextmanager
def crosswalk_named(name: str):
    """Within it, the warning of codes not in the crosswalk names it ``name`` (a file: ``the crosswalk xw.csv``).

    :func:`to_soc` and :func:`~exposure.rollup.rollup` take the crosswalk as a frame,
    ``onet_to_soc``; ``exposure rollup`` reads it from ``--crosswalk FILE`` or the
    registry, and names that. A context variable: a roll-up in another thread names its
    own.

    Examples
    --------
    >>> with crosswalk_named("the crosswalk xw.csv"):
    ...     not_in_crosswalk_said(1, "11-2011.00")[:71]
    "1 O*NET-SOC code of the scores is not in the crosswalk xw.csv (e.g. '11"
    """
    token = _CROSSWALK_NAME.set(name)
    try:
        yield
    finally:
        _CROSSWALK_NAME.reset(token)


def codes_not_reached_said(n: int, code, crosswalk: str, reached: str, advice: str, *,
                           kind: str = "O*NET-SOC", aside: str = "") -> str:
    """The warning of ``n`` codes of the scores (the first: ``code``) that ``crosswalk`` does not list: one template.

    One or many (``1 ... code of the scores is``, ``2 ... codes ... are``), which
    crosswalk, what becomes of their scores (they count for no ``reached``) and
    ``advice``, a :meth:`str.format` text whose fields agree with the count: ``{it}``
    (it, them), ``{they}`` (it, they), ``{its}`` (its, their), ``{is}`` (is, are),
    ``{a}`` (``a `` before one code), ``{s}`` (a noun's plural ``s``) and ``{es}`` (a
    verb's ``s``: ``it stands``), and ``{aside}`` (``aside``). ``kind`` names the codes
    (``SOC``: scores by OEWS code). :func:`not_in_crosswalk_said` (OEWS codes) and
    :func:`exposure.rollup._census.not_in_census_crosswalk_said` (Census codes) both
    say it (until round 79 each had its own copy of the head).

    Examples
    --------
    >>> codes_not_reached_said(2, "11-2011.00", "the crosswalk xw.csv", "OEWS code",
    ...                        "give {it} as the code{s} {they} stand{es} for")
    "2 O*NET-SOC codes of the scores are not in the crosswalk xw.csv (e.g. '11-2011.00'), so their scores count for no OEWS code: give them as the codes they stand for"
    """
    one = n == 1
    words = {"it": "it" if one else "them", "they": "it" if one else "they", "its": "its" if one else "their",
             "is": "is" if one else "are", "a": "a " if one else "", "s": "" if one else "s",
             "es": "s" if one else "", "aside": aside}
    return (f"{n} {kind} code{words['s']} of the scores {words['is']} not in {crosswalk} (e.g. {str(code)!r}), so "
            f"{words['its']} scores count for no {reached}: " + advice.format(**words))


#: What to do with O*NET-SOC codes a crosswalk does not list (:func:`codes_not_reached_said`'s fields).
ADD_OR_GIVE = ("add {it} to the crosswalk{aside}, or give {it} as the O*NET-SOC 2019 code{s} {they} stand{es} for "
               "(the crosswalk's taxonomy, e.g. '11-1011.00')")


def not_in_crosswalk_said(n: int, code) -> str:
    """The warning of ``n`` O*NET-SOC codes of the scores (the first: ``code``) that the crosswalk lacks.

    Their scores count for no OEWS code, sector or worker (no SOC code to reach one):
    :func:`codes_not_reached_said`. Until round 78 it said ``1 O*NET-SOC codes are not
    in the crosswalk (e.g. '11-2011.00')``: no frame or file, and not what became of the
    scores.

    Examples
    --------
    >>> not_in_crosswalk_said(1, "11-2011.00")
    "1 O*NET-SOC code of the scores is not in the crosswalk onet_to_soc (e.g. '11-2011.00'), so its scores count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"
    >>> not_in_crosswalk_said(3, "11-2011.00")[:61]
    '3 O*NET-SOC codes of the scores are not in the crosswalk onet'
    """
    return codes_not_reached_said(n, code, _CROSSWALK_NAME.get(), "OEWS code, sector or worker", ADD_OR_GIVE)


def _refuse_two_socs(xw: pd.DataFrame) -> None:
    """Refuse a crosswalk (``onetsoc_code``, ``soc_code`` as text, fresh index) mapping a code to two SOC codes.

    Both rows (counted from 1) and both SOC codes are named, as
    :func:`exposure.crosswalks.onet_to_soc_map` names them; the message named neither
    rows nor column. A row repeated as it is passes (it counts once).

    Examples
    --------
    >>> _refuse_two_socs(pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"],
    ...                                "soc_code": ["11-1011", "11-1021"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_to_soc, row 2, column 'onetsoc_code': O*NET-SOC code '11-1011.00' maps to two SOC codes ('11-1011' in row 1, '11-1021' in row 2): give each O*NET-SOC code once
    """
    again = xw.duplicated().to_numpy(dtype=bool)
    twice = xw["onetsoc_code"].duplicated().to_numpy(dtype=bool) & ~again
    if not twice.any():
        return
    pos = int(np.flatnonzero(twice)[0])
    code = xw["onetsoc_code"].iloc[pos]
    first = int(np.flatnonzero((xw["onetsoc_code"] == code).to_numpy(dtype=bool))[0])
    raise DataFormatError(
        f"O*NET-SOC code {code!r} maps to two SOC codes ({xw['soc_code'].iloc[first]!r} in row "
        f"{first + 1}, {xw['soc_code'].iloc[pos]!r} in row {pos + 1}): give each O*NET-SOC code once",
        path="onet_to_soc", row=pos + 1, column="onetsoc_code")


def _refuse_other_soc(xw: pd.DataFrame) -> None:
    """Refuse a crosswalk (``onetsoc_code``, ``soc_code`` as text, fresh index) mapping a code to another SOC code.

    Every O*NET-SOC 2019 code is its SOC 2018 detailed code with two digits added. A
    crosswalk frame whose ``soc_code`` is not the first seven characters of its
    ``onetsoc_code`` (one column sorted without the other, a shifted row, a code of another
    vintage) was followed as it stood: :func:`to_soc` averaged ``11-1021.00`` into
    ``11-1011`` without a word, where :func:`exposure.crosswalks.read_onet_to_soc` and
    :func:`~exposure.crosswalks.onet_to_soc_map` refuse it.

    Examples
    --------
    >>> _refuse_other_soc(pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"],
    ...                                 "soc_code": ["11-1011", "11-1011"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet_to_soc, row 2, column 'soc_code': '11-1011' is not the SOC code of '11-1021.00' (its first seven characters, '11-1021'): a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 codes expected)?
    """
    other = (xw["onetsoc_code"].str.slice(0, 7) != xw["soc_code"]).to_numpy(dtype=bool)
    if not other.any():
        return
    pos = int(np.flatnonzero(other)[0])
    onet, soc = xw["onetsoc_code"].iloc[pos], xw["soc_code"].iloc[pos]
    raise DataFormatError(f"{soc!r} is not the SOC code of {onet!r} (its first seven characters, {onet[:7]!r}): "
                          "a shifted row, or a code of another SOC vintage (O*NET-SOC 2019 codes expected)?",
                          path="onet_to_soc", row=pos + 1, column="soc_code")


def _warn_no_oews_code(links: pd.DataFrame, scored, xw: pd.DataFrame | None = None,
                       emp: pd.DataFrame | None = None) -> None:
    """Warn once when ``scored`` O*NET-SOC codes of the crosswalk reach no OEWS code.

    ``links`` is :func:`onet_to_oews`'s frame; ``scored`` the codes with a value of some
    measure. A SOC code that OEWS does not publish (the military codes 55-xxxx,
    legislators 11-1031 in May 2025: ``how`` ``none``) left its scores out of every OEWS
    code, sector and worker without a word, while codes missing from the crosswalk are
    warned about. With ``xw`` (:func:`_oews_crosswalk`) and ``emp`` (the cross-industry
    detailed rows, :func:`national_detailed`), OEWS codes of the employment that no
    O*NET-SOC code of the crosswalk reaches are said too, with their workers and share:
    an employment of SOC 2010 codes (``11-9061``; OEWS before May 2021), one row of each,
    left 106 scored O*NET-SOC codes without an OEWS code and 71 of its 840 codes unscored,
    and the warning spoke of the military codes only. The employment of OEWS May 2021 to 2025 has no such
    code.
    """
    lost = links[links["soc_code"].notna() & links["occ_code"].isna()
                 & links["onetsoc_code"].isin(set(scored)).to_numpy(dtype=bool)]
    if lost.empty:
        return
    n = int(lost["onetsoc_code"].nunique())
    other = ""
    if xw is not None and emp is not None:
        away = ~emp["occ_code"].isin(set(xw["occ_code"].dropna())).to_numpy(dtype=bool)
        if away.any():
            k, workers = int(away.sum()), np.nan_to_num(emp["tot_emp"].to_numpy(dtype=float))
            total = workers.sum()
            share = f", {workers[away].sum() / total:.1%} of its workers" if total > 0 else ""
            other = (f"; and {k} OEWS code{'' if k == 1 else 's'} of the employment ({workers[away].sum():,.0f} "
                     f"workers{share}) {'is' if k == 1 else 'are'} reached by no O*NET-SOC code of the crosswalk "
                     f"(e.g. {str(emp['occ_code'].iloc[int(np.flatnonzero(away)[0])])!r}), so "
                     f"{'its' if k == 1 else 'their'} workers stay unscored: is the employment of another SOC "
                     "edition (SOC 2010 codes, as in OEWS before May 2021), or the crosswalk cut to some "
                     "occupations? give the OEWS occupation codes of SOC 2018")
    log.warning("%d scored O*NET-SOC code%s no OEWS occupation code, so %s count%s for no "
                "OEWS code, sector or worker (e.g. %r, SOC %r: the employment has no OEWS code for it, as "
                "for the military codes 55-xxxx)%s", n, " reaches" if n == 1 else "s reach",
                "its score" if n == 1 else "their scores", "s" if n == 1 else "",
                str(lost["onetsoc_code"].iloc[0]), str(lost["soc_code"].iloc[0]), other)


#: Share of the cross-industry "All Occupations" total that the detailed rows may fall short
#: of without a word: OEWS's May 2021 to 2025 tables fall short by 0.009% at most.
DETAILED_SHORTFALL = 0.01


def _warn_short_of_total(employment: pd.DataFrame, emp: pd.DataFrame) -> None:
    """Warn when the cross-industry detailed rows ``emp`` hold well under the employment's total.

    Workers that a file of one's own gives at a group level alone (``15-1250`` as
    ``o_group`` ``broad``, no detailed row under it) are in no OEWS code: they were in no
    ``tot_emp`` of the tables, and ``coverage`` said ``1.0000 of OEWS employment scored``
    without them. Said when the detailed rows hold less than 1 - :data:`DETAILED_SHORTFALL`
    of the cross-industry ``00-0000`` total (read from those rows alone: the frame is not
    read again).
    """
    names = _employment_names(employment)
    if not {"occ_code", "i_group", "o_group", "tot_emp"} <= set(names):
        return
    rows = ((employment[names["occ_code"]].astype(str) == "00-0000")
            & (employment[names["i_group"]].astype(str) == "cross-industry")).to_numpy(dtype=bool)
    if not rows.any():
        return
    total = employment_frame(employment[rows])
    total = total.loc[total["o_group"] == "total", "tot_emp"].dropna()
    if len(total) != 1 or not total.iloc[0] > 0:
        return
    whole, held = float(total.iloc[0]), float(np.nansum(emp["tot_emp"].to_numpy(dtype=float)))
    if held >= (1 - DETAILED_SHORTFALL) * whole:
        return
    log.warning("the cross-industry detailed occupation rows of the employment hold %s of its %s workers "
                "(%.1f%% of the All Occupations total, 00-0000): %s workers are in no detailed row (occupations "
                "given at a group level alone, o_group 'broad', 'minor' or 'major'; or not released), so they are "
                "in no OEWS code, total or coverage of the tables; give each occupation's detailed row",
                f"{held:,.0f}", f"{whole:,.0f}", 100 * held / whole, f"{whole - held:,.0f}")


def _soc_matrix(occ_codes: np.ndarray, links: pd.DataFrame, soc_codes: np.ndarray) -> sparse.csr_matrix:
    """Sparse (n_soc x n_occupations) matrix of combination weights."""
    links = links[links["occ_code"].notna()]
    col = pd.Index(occ_codes).get_indexer(links["onetsoc_code"])
    row = pd.Index(soc_codes).get_indexer(links["occ_code"])
    ok = (col >= 0) & (row >= 0)
    return sparse.csr_matrix(
        (links["weight"].to_numpy(dtype=float)[ok], (row[ok], col[ok])), shape=(len(soc_codes), len(occ_codes))
    )


def _combine(matrix: sparse.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Weighted means of columns (``values``: n_occ x k) through ``matrix``, skipping NaN."""
    ok = ~np.isnan(values)
    num = matrix @ np.where(ok, values, 0.0)
    den = matrix @ ok.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def to_soc(
    occupation_scores: pd.DataFrame,
    onet_to_soc: pd.DataFrame,
    employment: pd.DataFrame,
    combine: str = "equal",
    soc_structure: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Roll O*NET-SOC occupation scores up to OEWS occupation codes.

    Follows the official crosswalk (O*NET-SOC 2019 -> SOC 2018), maps SOC detailed codes
    to the OEWS code that publishes them (:func:`~exposure.crosswalks.oews_code_map`) and combines the O*NET
    occupations of one OEWS code with :func:`onet_to_oews` weights. There is one row per
    cross-industry detailed OEWS code (scored or not), so each code's employment is
    counted exactly once.

    Parameters
    ----------
    occupation_scores : pandas.DataFrame
        :class:`~exposure.schemas.OccupationScores` (at least ``onetsoc_code``, ``alpha``,
        ``beta``, ``gamma``; ``n_tasks`` for ``combine="n_tasks"``), at least one row.
        Each ``onetsoc_code`` an O*NET-SOC code (``11-1011.00``, no surrounding spaces)
        given once; the measures (and the ``share_*`` columns present) numbers in [0, 1]
        or missing (:func:`measure_values`; booleans are refused); ``n_tasks`` whole
        numbers of at least 1.
    onet_to_soc : pandas.DataFrame
        Crosswalk with ``onetsoc_code, soc_code`` (an O*NET-SOC code and a SOC code on
        every row, e.g. :func:`exposure.crosswalks.load_onet_to_soc`); its index is not used.
    employment : pandas.DataFrame
        OEWS frame with cross-industry rows (see :func:`employment_frame`); ``tot_emp``
        finite and at least 0 (or a BLS special value), above 0 somewhere; a boolean
        ``tot_emp`` or ``a_mean`` is refused (``True`` is not 1 worker).
    combine : {"equal", "n_tasks"}, default "equal"
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map` (broad groups read
        from it): the frame of :func:`~exposure.crosswalks.load_soc_structure` or
        :func:`~exposure.crosswalks.read_soc_structure`, not a path
        (:func:`~exposure.crosswalks.check_soc_structure`).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas.SocScores`. ``crosswalk_weight`` counts every child
        the crosswalk maps to the code, also one without a row in ``occupation_scores``
        (an O*NET "All Other" code without tasks: weight 1 under ``"equal"``, 0 under
        ``"n_tasks"``; :func:`_absent_weight`); it is missing only when nothing is
        mapped. The rows of ``occupation_scores`` are taken in code order, so their
        order does not change a bit of the result. A warning is logged when scored O*NET-SOC
        codes are not in the crosswalk, and when scored codes reach no OEWS code (a SOC
        code that OEWS does not publish: the military codes 55-xxxx, legislators 11-1031
        in May 2025), naming how many and the first.

    Raises
    ------
    exposure.errors.DataFormatError
        A bad input, before anything is computed, naming the first bad row of
        ``occupation_scores`` (counted from 1) and its column: no rows, a missing,
        repeated or malformed ``onetsoc_code`` (``'11-1011.00 '``), a measure that is not
        a number or outside [0, 1], some of alpha, beta and gamma given and not the others
        (each is averaged over the children that give it: the code broke the rubric; a
        measure missing on every row is left out), alpha, beta and gamma out of the
        rubric's order (``alpha <= beta <= gamma``, within 1e-6: weighted means of task
        scores keep it, so such a row has two columns swapped; it was rolled up as given,
        :func:`refuse_rubric_order`), an ``n_tasks`` that is not a count
        (``combine="n_tasks"``); a crosswalk with a missing or malformed code (its row and
        column named), a bad ``soc_structure``; or a bad employment frame (a ``tot_emp``
        or ``a_mean`` that is other text, a boolean, negative or infinite: ``employment
        frame, row 1, column 'TOT_EMP': TOT_EMP must be a number or a BLS special
        value (** * # ~), got True``). Scores of which no OEWS code gets a value: no
        scored code is in the crosswalk (O*NET-SOC 2010 codes such as ``15-1132.00``, a
        crosswalk without rows), or none reaches an OEWS code of the employment (another
        SOC edition), as :func:`~exposure.rollup.rollup` refuses them (``occupation_scores,
        column 'onetsoc_code': none of the 2 O*NET-SOC codes (e.g. '15-1132.00') is in
        onet_to_soc (O*NET-SOC 2019 codes expected, ...), so no OEWS
        code, sector or worker would have a score: ...``); a table of every OEWS code
        without a score was returned, with a warning only.

    Examples
    --------
    Two O*NET children of 11-1011 (beta 0.2 and 0.6) combined equally; 13-1021 maps to the
    OEWS aggregate 13-1020:

    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...     "alpha": [0.1, 0.5, 0.0], "beta": [0.2, 0.6, 0.3], "gamma": [0.3, 0.7, 0.6],
    ...     "n_tasks": [30, 10, 5]})
    >>> xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"],
    ...                    "soc_code": ["11-1011", "11-1011", "13-1021"]})
    >>> emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry",
    ...     "occ_code": ["11-1011", "13-1020"], "o_group": "detailed", "tot_emp": [100.0, 50.0]})
    >>> to_soc(occ, xw, emp)[["soc_code", "beta", "tot_emp", "n_onet"]]
      soc_code  beta  tot_emp  n_onet
    0  11-1011   0.4    100.0       2
    1  13-1020   0.3     50.0       1
    """
    soc = _to_soc(occupation_scores, onet_to_soc, employment, combine, soc_structure)[0]
    if not soc[list(MEASURES)].notna().to_numpy().any():  # a table of no score, with a warning only
        err = _nothing_matched(occupation_scores.reset_index(drop=True), onet_to_soc, soc)
        # the frame of the codes first (it named the column first, then the frame in the text)
        frame = "occupation_scores" if err.kind == "crosswalk" else EMPLOYMENT_FRAME
        raise DataFormatError(err.text(scores=None, crosswalk="onet_to_soc", employment="this frame"), path=frame,
                              column=err.column)
    return soc


def _to_soc(occupation_scores, onet_to_soc, employment, combine="equal", soc_structure=None, *,
            xw: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`to_soc`, with the crosswalk and links it used: ``(soc_scores, xw, links)``.

    ``xw`` is :func:`_oews_crosswalk` of a previous call on the same crosswalk, employment
    and structure (``rollup``'s category roll-ups, whose codes are among those of the
    first call): it is used as it is, and the warnings about codes that are not in the
    crosswalk or reach no OEWS code, given by that call, are not given again (one
    ``rollup`` repeated each once per category).
    """
    # no rows: every OEWS code would come out unscored
    require_frame(occupation_scores, "occupation_scores", ["onetsoc_code", *EXPOSURE_MEASURES],
                  unique="onetsoc_code", rows=True)
    require_frame(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    _check_combine(combine)
    occ = occupation_scores.reset_index(drop=True)
    # the inputs are checked before anything is computed
    check_codes(occ, "occupation_scores", ["onetsoc_code"])
    vals = measure_values(occ, "occupation_scores")
    if np.isnan(vals).all():  # every OEWS code would come out unscored, without a word
        present = [m for m in MEASURES if m in occ.columns]
        raise DataFormatError(f"occupation_scores have no value: every row is missing all of {present}")
    _refuse_partial_measures(vals)  # an OEWS code's alpha, beta, gamma means over other children
    refuse_rubric_order(vals, "occupation_scores", "O*NET occupations")  # swapped columns
    counts = None
    if combine == "n_tasks":
        require_frame(occ, "occupation_scores", ["n_tasks"])
        counts = _task_counts(occ)
    check_codes(onet_to_soc, "onet_to_soc", ["onetsoc_code", "soc_code"])
    check_soc_structure(soc_structure)
    emp = national_detailed(employment)
    # the rows in code order: the sums of a code's children no longer depend on the order
    # of the rows (the same scores in another order differed in the 16th digit)
    order = np.argsort(occ["onetsoc_code"].astype(str).to_numpy(), kind="stable")
    occ, vals = occ.iloc[order].reset_index(drop=True), vals[order]
    counts = None if counts is None else counts[order]
    occ_codes = occ["onetsoc_code"].astype(str).to_numpy()
    soc_codes = emp["occ_code"].to_numpy()
    warn = xw is None
    if warn:
        xw = _oews_crosswalk(onet_to_soc, soc_codes, soc_structure)
    links = _links(occ, xw, counts, warn=warn)
    if warn:
        _warn_no_oews_code(links, occ_codes[~np.isnan(vals).all(axis=1)], xw, emp)
        _warn_short_of_total(employment, emp)  # workers in no detailed row: in no total
    matrix = _soc_matrix(occ_codes, links, soc_codes)
    means = _combine(matrix, vals)
    out = pd.DataFrame(means, columns=list(MEASURES))
    out.insert(0, "soc_code", soc_codes)
    out.insert(1, "soc_title", emp["occ_title"].to_numpy())
    out["tot_emp"] = emp["tot_emp"].to_numpy()
    out["a_mean"] = emp["a_mean"].to_numpy()
    structure = matrix.copy()
    structure.data[:] = 1.0
    out["n_onet"] = np.asarray(structure.sum(axis=1)).ravel().astype(int)
    # scored: a value of alpha, beta or gamma (beta alone said 0 for scores that leave it out)
    scored = (~np.isnan(vals[:, [MEASURES.index(m) for m in EXPOSURE_MEASURES]])).any(axis=1).astype(float)
    total_w = np.asarray(matrix.sum(axis=1)).ravel() + _absent_weight(xw, occ_codes, soc_codes, combine)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["crosswalk_weight"] = np.where(total_w > 0, (matrix @ scored) / np.where(total_w > 0, total_w, 1), np.nan)
    return validate(out, SocScores), xw, links


def partial_measures(vals: np.ndarray, *, required: tuple[str, ...] = ()) -> tuple[int, str, str] | None:
    """The first row of ``vals`` giving some of alpha, beta, gamma and not the others, said; None if none.

    ``vals`` holds alpha, beta and gamma first (columns, :data:`EXPOSURE_MEASURES`). A
    measure missing on every row (a column left empty) is not asked for, unless it is in
    ``required``. The one check of :func:`~exposure.rollup.to_occupations` (tasks),
    :func:`to_soc` (occupations) and :func:`~exposure.rollup.to_sectors` (SOC scores),
    each of which says why in its own words.

    Returns
    -------
    (int, str, str) or None
        The row's position, what it gives and lacks (``"beta is given and alpha, gamma are
        missing"``) and the first measure it lacks.

    Examples
    --------
    >>> partial_measures(np.array([[0.1, 0.2, 0.3], [np.nan, 0.6, np.nan]]))
    (1, 'beta is given and alpha, gamma are missing', 'alpha')
    >>> partial_measures(np.array([[0.1, np.nan, 0.3]])) is None, partial_measures(np.array([[0.1, np.nan, 0.3]]), required=("beta",))
    (True, (0, 'alpha, gamma are given and beta is missing', 'beta'))
    """
    known = ~np.isnan(vals[:, :len(EXPOSURE_MEASURES)])
    used = known.any(axis=0) | np.isin(np.asarray(EXPOSURE_MEASURES), list(required))
    partial = known.any(axis=1) & (~known & used).any(axis=1)
    if not partial.any():
        return None
    pos = int(np.flatnonzero(partial)[0])
    given = [m for m, k in zip(EXPOSURE_MEASURES, known[pos], strict=True) if k]
    absent = [m for m, k, u in zip(EXPOSURE_MEASURES, known[pos], used, strict=True) if u and not k]
    return (pos, f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} given and {', '.join(absent)} "
                 f"{'is' if len(absent) == 1 else 'are'} missing", absent[0])


#: Float rounding allowed in the order of alpha, beta and gamma (:func:`rubric_order`), that
#: of the task scores' check (:func:`~exposure.rollup._occupations.check_task_scores`).
RUBRIC_TOLERANCE = 1e-6


def rubric_order(vals: np.ndarray, rows: np.ndarray | None = None) -> tuple[int, str, str] | None:
    """The first row of ``vals`` whose alpha, beta, gamma break ``alpha <= beta <= gamma``, said; None if none.

    ``vals`` holds alpha, beta and gamma first (columns,
    :data:`~exposure._measures.EXPOSURE_MEASURES`); only ``rows`` (a boolean mask; all rows
    when None) are looked at, and two measures are compared where both are known, within
    :data:`RUBRIC_TOLERANCE`. The rubric gives the order to every task (``alpha = p_e1``,
    ``beta = p_e1 + p_e2 / 2``, ``gamma = p_e1 + p_e2``), and weighted means keep it: the
    one check of the order of :func:`~exposure.rollup.to_occupations` (tasks),
    :func:`to_soc` (occupations), :func:`~exposure.rollup.to_sectors` (SOC scores) and
    :func:`~exposure.rollup.to_census_occ`, each of which says why in its own words. A
    measure that is missing on the row is not shown.

    Returns
    -------
    (int, str, str) or None
        The row's position, what is wrong with it (``alpha is above beta (...): the
        rubric gives ...``, the measures of the row in the brackets) and the first
        measure of the pair out of order.

    Examples
    --------
    >>> rubric_order(np.array([[0.1, 0.2, 0.3], [0.6, 0.3, 0.7]]))[0]
    1
    >>> rubric_order(np.array([[0.1, np.nan, 0.3], [np.nan, np.nan, np.nan]])) is None
    True
    """
    abg = np.asarray(vals, dtype=float)[:, :len(EXPOSURE_MEASURES)]
    rows = np.ones(len(abg), dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    with np.errstate(invalid="ignore"):
        order = [(i, j, rows & (abg[:, i] > abg[:, j] + RUBRIC_TOLERANCE)) for i, j in ((0, 1), (1, 2), (0, 2))]
    wrong = np.logical_or.reduce([bad for _, _, bad in order])
    if not wrong.any():
        return None
    pos = int(np.flatnonzero(wrong)[0])
    i, j = next((i, j) for i, j, bad in order if bad[pos])
    shown = ", ".join(f"{m} {float(v):.6g}" for m, v in zip(EXPOSURE_MEASURES, abg[pos], strict=True)
                      if not np.isnan(v))  # a measure left out is not shown as nan
    return (pos, f"{EXPOSURE_MEASURES[i]} is above {EXPOSURE_MEASURES[j]} ({shown}): the rubric gives "
                 "alpha <= beta <= gamma (alpha = p_e1, beta = p_e1 + p_e2 / 2, gamma = p_e1 + p_e2)",
            EXPOSURE_MEASURES[i])


def refuse_rubric_order(vals: np.ndarray, name: str, what: str) -> None:
    """Refuse a row of ``name`` (scores of ``what``, means of task scores) out of the rubric's order.

    ``vals`` as for :func:`rubric_order`. Such a row is no mean of rubric scores: its
    columns were swapped or mislabelled (``alpha`` read from a file's ``gamma``), and
    its codes were rolled up as given, without a word.

    Examples
    --------
    >>> refuse_rubric_order(np.array([[0.1, 0.2, 0.3], [0.7, 0.3, 0.6]]), "soc_scores", "OEWS codes")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'alpha': alpha is above beta (alpha 0.7, beta 0.3, gamma 0.6): the rubric gives alpha <= beta <= gamma (alpha = p_e1, beta = p_e1 + p_e2 / 2, gamma = p_e1 + p_e2), and the scores of OEWS codes, means of task scores, keep that order: are two columns swapped?
    """
    found = rubric_order(vals)
    if found is not None:
        pos, said, column = found
        raise DataFormatError(f"{said}, and the scores of {what}, means of task scores, keep that order: "
                              "are two columns swapped?", path=name, row=pos + 1, column=column)


def _refuse_partial_measures(vals: np.ndarray) -> None:
    """Refuse an ``occupation_scores`` row giving some of alpha, beta, gamma and not the others.

    Each measure of an OEWS code is the mean over its O*NET children that give it
    (:func:`partial_measures`): a child with beta alone made the code's beta a mean over
    other occupations than its alpha and gamma, and the code broke the rubric (beta
    ``0.4`` above gamma ``0.3``), without a word, where
    :func:`~exposure.rollup.to_occupations` refuses such a task and
    :func:`~exposure.rollup.to_sectors` such an OEWS code. A measure missing on every row
    (a column left empty) is left out, as before.

    Examples
    --------
    >>> _refuse_partial_measures(np.array([[0.1, 0.2, 0.3], [np.nan, 0.6, np.nan]]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occupation_scores, row 2, column 'alpha': beta is given and alpha, gamma are missing: an OEWS code's alpha, beta and gamma are means over the same O*NET occupations; give alpha, beta and gamma on a row, or none of them (leave a measure empty on every row to leave it out)
    """
    found = partial_measures(vals)
    if found is not None:
        pos, said, column = found
        raise DataFormatError(f"{said}: an OEWS code's alpha, beta and gamma are means over the same O*NET "
                              "occupations; give alpha, beta and gamma on a row, or none of them (leave a "
                              "measure empty on every row to leave it out)", path="occupation_scores",
                              row=pos + 1, column=column)


def _absent_weight(xw: pd.DataFrame, occ_codes: np.ndarray, soc_codes: np.ndarray, combine: str) -> np.ndarray:
    """Combination weight, per OEWS code, of its crosswalk children absent from the occupation scores.

    A child O*NET occupation the crosswalk maps to an OEWS code but that has no row in
    the occupation scores (an O*NET "All Other" code without tasks, a subset of scores)
    carried no score: it counts in the denominator of ``crosswalk_weight`` (which said 1,
    "every child scored", while a child was missing). With ``combine="equal"`` it weighs
    1, as a child with a row; with ``"n_tasks"`` it weighs its number of task rows in
    the scores, 0.

    Examples
    --------
    >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "soc_code": ["11-1011"] * 2,
    ...                    "occ_code": ["11-1011"] * 2})
    >>> _absent_weight(xw, np.array(["11-1011.00"]), np.array(["11-1011", "13-1020"]), "equal")
    array([1., 0.])
    """
    out = np.zeros(len(soc_codes))
    if combine != "equal":
        return out
    mapped = xw[xw["occ_code"].notna()].drop_duplicates("onetsoc_code")
    absent = mapped[~mapped["onetsoc_code"].isin(set(occ_codes)).to_numpy(dtype=bool)]
    row = pd.Index(soc_codes).get_indexer(absent["occ_code"])
    np.add.at(out, row[row >= 0], 1.0)
    return out


def coverage(soc_scores: pd.DataFrame, occupation_scores: pd.DataFrame | None = None) -> dict:
    """Share of OEWS employment that received a score (a value of alpha, beta or gamma).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        :class:`~exposure.schemas.SocScores` (all OEWS detailed codes): ``beta`` and
        ``tot_emp`` (and ``soc_code`` with ``occupation_scores``). ``tot_emp`` is read as
        :func:`~exposure.rollup.workforce_stats` reads it (``"1,200"`` is 1200; missing
        values and the BLS special values ``**``, ``*``, ``#``, ``~`` count as 0 workers).
    occupation_scores : pandas.DataFrame, optional
        When given (``onetsoc_code``, ``beta``), also report the naive coverage of matching
        O*NET codes to OEWS codes by their first seven characters only (``prefix_share``).

    Returns
    -------
    dict
        ``tot_emp``, ``covered_emp``, ``share``, ``n_codes``, ``n_covered``
        (and ``prefix_share``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` or ``occupation_scores`` that is not a frame or lacks a column; a
        ``soc_scores`` without rows (``soc_scores have no rows``: ``tot_emp`` 0 and
        ``share`` NaN were returned); a ``tot_emp`` that is not a number of workers
        (other text, ``True``, a negative or infinite number, or one of 2**63 or more: it
        overflowed the sums), naming
        ``soc_scores``, the row (counted from 1) and the column;
        a ``soc_code`` (when the column is there) missing, malformed (``' 11-1011'``) or
        given twice (its workers were counted twice), an ``onetsoc_code`` of
        ``occupation_scores`` missing or malformed (it matched nothing: ``prefix_share``
        fell without a word), naming the row and column.

    Examples
    --------
    >>> soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.4, None],
    ...                     "tot_emp": [300.0, 100.0]})
    >>> coverage(soc)["share"]
    0.75
    """
    prefix = occupation_scores is not None
    # no rows: tot_emp 0 and share NaN, without a word
    require_frame(soc_scores, "soc_scores", ["beta", "tot_emp", *(["soc_code"] if prefix else [])], rows=True)
    if "soc_code" in soc_scores.columns:  # a code twice counted its workers twice
        check_codes(soc_scores.reset_index(drop=True), "soc_scores", ["soc_code"])
        require_frame(soc_scores, "soc_scores", unique="soc_code")
        # so did a group beside a code it holds (15-1250 and 15-1252)
        refuse_nested_codes(soc_scores["soc_code"].reset_index(drop=True), "soc_scores", "soc_code", "rows")
    if prefix:
        require_frame(occupation_scores, "occupation_scores", ["onetsoc_code", "beta"])
        # a padded or missing code matched no OEWS code: prefix_share fell without a word
        check_codes(occupation_scores.reset_index(drop=True), "occupation_scores", ["onetsoc_code"])
    # as workforce_stats reads it (_sectors._soc_numbers): True is not 1 worker, "**" is missing
    # '1.200' (1,200 workers, a point separating thousands) was 1.2 workers here
    emp = _whole(_number(soc_scores["tot_emp"], "tot_emp", "soc_scores"), soc_scores["tot_emp"], "tot_emp",
                 "soc_scores").fillna(0.0).to_numpy()
    big = np.flatnonzero(emp >= MAX_COUNT)
    if len(big):  # 1e308 overflowed once summed: tot_emp inf, share NaN, with numpy's RuntimeWarnings only
        raise DataFormatError(f"tot_emp is too large for a number of workers, got {float(emp[big[0]])!r}",
                              path="soc_scores", row=int(big[0]) + 1, column="tot_emp")
    # scored: a value of alpha, beta or gamma (beta alone left out scores that leave beta empty);
    # a value that is not a measure ('abc', 1.5) counted its workers as covered
    present = [m for m in EXPOSURE_MEASURES if m in soc_scores.columns]
    scored = ~np.isnan(measure_values(soc_scores.reset_index(drop=True), "soc_scores", present)).all(axis=1)
    total = float(emp.sum())
    out = {
        "tot_emp": total,
        "covered_emp": float(emp[scored].sum()),
        "share": float(emp[scored].sum() / total) if total else float("nan"),
        "n_codes": int(len(soc_scores)),
        "n_covered": int(scored.sum()),
    }
    if prefix:
        given = [m for m in EXPOSURE_MEASURES if m in occupation_scores.columns]
        occ = occupation_scores.reset_index(drop=True)
        valued = ~np.isnan(measure_values(occ, "occupation_scores", given)).all(axis=1)
        has = occ.loc[valued, "onetsoc_code"].astype(str).str[:7]
        hit = soc_scores["soc_code"].isin(set(has)).to_numpy()
        out["prefix_share"] = float(emp[hit].sum() / total) if total else float("nan")
    return out


def _scored_codes(occ: pd.DataFrame) -> pd.Series:
    """O*NET-SOC codes of the occupations of ``occ`` with a value of at least one measure."""
    has = occ[[m for m in MEASURES if m in occ.columns]].notna().any(axis=1).to_numpy(dtype=bool)
    return occ.loc[has, "onetsoc_code"].astype(str).reset_index(drop=True)


def _nothing_matched(occ: pd.DataFrame, onet_to_soc: pd.DataFrame, soc: pd.DataFrame | None) -> NothingMatchedError:
    """The error when no OEWS code of ``soc`` has a value (see :class:`NothingMatchedError`).

    Seven tables without a score, no sector or worker covered, were written before.
    """
    codes = _scored_codes(occ)
    xw = onet_to_soc[["onetsoc_code", "soc_code"]].astype(str).reset_index(drop=True)
    known = codes.isin(set(xw["onetsoc_code"])).to_numpy(dtype=bool)
    n = len(codes)
    if not known.any():
        return NothingMatchedError("crosswalk", n, codes.iloc[0], xw["onetsoc_code"].iloc[0] if len(xw) else None,
                                   column="onetsoc_code")
    socs = xw.loc[xw["onetsoc_code"].isin(set(codes[known])), "soc_code"].drop_duplicates()
    oews = soc["soc_code"].astype(str) if soc is not None else pd.Series(dtype=str)
    return NothingMatchedError("employment", len(socs), socs.iloc[0], oews.iloc[0] if len(oews) else None,
                               column="occ_code")
