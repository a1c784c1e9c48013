"""Validation entry point shared by every stage.

:func:`validate` runs a pandera model lazily and turns its failure cases into one
:class:`exposure.errors.SchemaError` that names the table (or file), the first failing
row and the column, so a user sees *where* the input is wrong, not a pandera traceback.
"""


import datetime as dt
import numbers
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from exposure._args import check_count, shown
from exposure._tables import number_hint
from exposure.errors import DataFormatError, SchemaError
from exposure.schemas._fast import validate_passing
from exposure.schemas._fields import (
    DATE_PATTERN,
    ISCO_PATTERN,
    ISCO_UNIT_PATTERN,
    NAICS_PATTERN,
    NUMBER_HINT,
    OEWS_NAICS_PATTERN,
    ONETSOC_2010_COLUMNS,
    ONETSOC_PATTERN,
    SOC_MAJOR_PATTERN,
    SOC_OR_ONETSOC_PATTERN,
    SOC_PATTERN,
    code_hint,
)

__all__ = ["validate", "check_model", "check_columns", "check_index_levels", "check_flags", "check_numbers",
           "check_codes", "check_text", "as_coercible", "check_finite"]


def validate(
    frame: pd.DataFrame,
    model: type[pa.DataFrameModel],
    *,
    path=None,
    row_offset: int | None = None,
    max_cases: int = 5,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Validate ``frame`` against ``model`` and return the coerced frame.

    The index is reset before validation so that frame-level uniqueness checks see rows,
    and the returned frame has a fresh ``RangeIndex``. A frame that passes is checked by
    :func:`exposure.schemas._fast.validate_passing` (the model's checks, run without
    building the pandera schema, which would import Dask when it is installed); a frame
    that fails goes through pandera, whose failure cases make the error.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table to validate.
    model : pandera.pandas.DataFrameModel subclass
        Schema to validate against.
    path : str or os.PathLike, optional
        File the frame was read from; named in the error. Defaults to the model name.
    row_offset : int, optional
        Add this to the 0-based row position to get the row number reported in errors
        (2 for a file with one header line, so that the number is the file's line
        number). When omitted the error reports 0-based frame positions as ``row``.
    max_cases : int, default 5
        How many failure cases to list in the message.
    names : mapping of str to str, optional
        The file's name of each column of ``frame`` (a reader's
        :attr:`exposure._tables.RawTable.sources`): the error names the column as the
        file writes it (``'O*NET-SOC Code'``), not as the library calls it
        (``'onetsoc_code'``, in no file).

    Returns
    -------
    pandas.DataFrame
        The validated, coerced frame.

    Raises
    ------
    exposure.errors.SchemaError
        If any check fails; ``.row`` and ``.column`` name the first failure. A cell of a
        ``bool`` column that is not True, False, 0 or 1 (the text ``"False"``, a missing
        value in a column that is not nullable) is refused before the model coerces the
        column (:func:`check_flags`); so is a cell of a number column that is not a
        number, or not a whole number in an ``int`` column (:func:`check_numbers`), a
        number or a date in a code column (:func:`check_codes`), a list, dict or bytes in a text
        column (:func:`check_text`), a frame that is not a DataFrame or gives a
        column of the model twice (:func:`check_columns`), and one whose column of the
        model is a level of its index (``set_index("soc_code")``:
        :func:`check_index_levels`). Infinity in a number column is refused after
        coercion (:func:`check_finite`).
    exposure.errors.DataFormatError
        A ``model`` that is not a model class (its name, ``"Tasks"``, or the schema
        ``Tasks.to_schema()``: an ``AttributeError`` before; :func:`check_model`), a
        ``row_offset`` that is not a whole number of 0 or more (``"2"``: a ``TypeError``;
        ``2.0`` named ``row 3.0``) or a ``max_cases`` that is not one of 1 or more (``None``:
        a ``TypeError``; 0 told ``and 1 more`` of a table with one failure); ``names``
        that is not a mapping (a list: an ``AttributeError`` once a check failed; a
        Series: pandas' "truth value ... is ambiguous").

    Examples
    --------
    >>> import pandas as pd, pandera.pandas as pa
    >>> from pandera.typing import Series
    >>> class Share(pa.DataFrameModel):
    ...     share: Series[float] = pa.Field(ge=0, le=1)
    >>> validate(pd.DataFrame({"share": [0.5, 1.5]}), Share, path="shares.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: shares.csv, row 3, column 'share': ...
    """
    check_model(model)
    row_offset = None if row_offset is None else check_count(row_offset, "row_offset")
    max_cases = check_count(max_cases, "max_cases", 1)
    if names is not None and not isinstance(names, Mapping):  # .items() raised AttributeError
        raise DataFormatError("names must be a mapping of each column's name to its name in the file "
                              f"(a dict, as {{'onetsoc_code': 'O*NET-SOC Code'}}), or None, got {shown(names)}")
    if names:
        try:
            return validate(frame, model, path=path, row_offset=row_offset, max_cases=max_cases)
        except SchemaError as exc:
            raise _named_as_in_file(exc, names) from None
    where = path or model.__name__
    check_columns(frame, model, path=where)
    check_index_levels(frame, model, path=where)
    frame = frame.reset_index(drop=True)
    check_flags(frame, model, path=where, row_offset=row_offset)
    check_numbers(frame, model, path=where, row_offset=row_offset)
    check_codes(frame, model, path=where, row_offset=row_offset)
    check_text(frame, model, path=where, row_offset=row_offset)
    frame = as_coercible(frame, model)
    passed = validate_passing(frame, model)  # same checks; pandera reports the failures
    if passed is None:
        try:
            passed = model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            raise _to_error(exc, model, path, row_offset, max_cases) from None
        except pa.errors.SchemaError as exc:  # non-lazy paths (e.g. dtype coercion of index)
            raise SchemaError(str(exc).splitlines()[0], path=path or model.__name__) from None
    check_finite(passed, model, path=where, row_offset=row_offset)
    return passed


def check_model(model) -> None:
    """Refuse a ``model`` that is not a pandera ``DataFrameModel`` class, saying what to give.

    Raises
    ------
    exposure.errors.DataFormatError
        ``model must be a schema model class (such as exposure.schemas.Tasks), got str
        'Tasks': give the class, exposure.schemas.all_models()['Tasks']``; a name that
        is not a model's is told the model(s) it names (``exposure.schemas._model_hint``).

    Examples
    --------
    >>> from exposure.schemas._onet import Tasks
    >>> check_model(Tasks)
    >>> check_model(Tasks.to_schema())
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: model must be a schema model class (such as exposure.schemas.Tasks), got DataFrameSchema: give the model class itself, not the schema built from it (Tasks, not Tasks.to_schema())
    """
    if isinstance(model, type) and issubclass(model, pa.DataFrameModel):
        return
    hint = ""
    if isinstance(model, str):
        hint = MODEL_HINT(model)
    elif isinstance(model, pa.DataFrameSchema):
        hint = ": give the model class itself, not the schema built from it (Tasks, not Tasks.to_schema())"
    raise DataFormatError(f"model must be a schema model class (such as exposure.schemas.Tasks), got "
                          f"{shown(model)}{hint}")


def _class_hint(name: str) -> str:
    """The advice for a model given by its name, before :mod:`exposure.schemas` replaces it.

    The package (which imports every model and the table catalog, as this module cannot)
    sets :data:`MODEL_HINT` to :func:`exposure.schemas._model_hint` when it is imported.
    """
    return f": give the class, exposure.schemas.all_models()[{name!r}]"


#: The advice of :func:`check_model` for a model given by its name (a name -> a hint).
MODEL_HINT = _class_hint


def _named_as_in_file(exc: SchemaError, names: Mapping[str, str]) -> SchemaError:
    """``exc`` naming each column as the file writes it (``names``: library name -> file name).

    The words of a failure start with its column (``job_zone must be at least 1, got
    0``): that name is the file's too, at the start of the message and after each
    ``column '...': `` of the other failures; it was the library's (``Job Zones.txt, row 3,
    column 'Job Zone': job_zone must be at least 1``, a name in no file).

    Examples
    --------
    >>> exc = SchemaError("row 2, column 'onetsoc_code', check str_matches(...): 'x'", path="t.txt", row=2,
    ...                   column="onetsoc_code")
    >>> str(_named_as_in_file(exc, {"onetsoc_code": "O*NET-SOC Code"}))
    "t.txt, row 2, column 'O*NET-SOC Code': row 2, column 'O*NET-SOC Code', check str_matches(...): 'x'"
    >>> exc = SchemaError("job_zone must be at least 1, got 0; 1 more: row 4, column 'job_zone': job_zone "
    ...                   "must be at least 1, got -1", path="z.txt", row=3, column="job_zone")
    >>> str(_named_as_in_file(exc, {"job_zone": "Job Zone"}))
    "z.txt, row 3, column 'Job Zone': Job Zone must be at least 1, got 0; 1 more: row 4, column 'Job Zone': Job Zone must be at least 1, got -1"
    """
    reason = exc.reason
    if isinstance(exc.column, str) and names.get(exc.column, exc.column) != exc.column \
            and reason.startswith(f"{exc.column} "):
        reason = f"{names[exc.column]} {reason[len(exc.column) + 1:]}"
    for ours, theirs in names.items():
        if ours != theirs:
            reason = reason.replace(f"column {ours!r}: {ours} ", f"column {theirs!r}: {theirs} ")
            reason = reason.replace(f"column {ours!r}", f"column {theirs!r}")
    column = names.get(exc.column, exc.column) if isinstance(exc.column, str) else exc.column
    return SchemaError(reason, path=exc.path, row=exc.row, column=column, line=exc.line)


def _model_columns(frame: pd.DataFrame, model):
    """``(name, annotation, field, column)`` of each field of ``model`` that ``frame`` holds.

    The walk every ``check_*`` of this module makes over the model's fields; a column
    given twice is skipped (:func:`check_columns` names it).
    """
    for key, (annotation, field) in model.__fields__.items():
        name = field.name if field is not None else key
        if name in frame.columns and isinstance(frame[name], pd.Series):
            yield name, annotation, field, frame[name]


def check_flags(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse a cell that is not True or False in a column ``model`` declares ``bool``.

    A model that coerces converts such a column with ``astype(bool)``: the text
    ``"False"`` or ``"no"`` and a missing value (NaN) were read as True, ``None`` and
    ``""`` as False, without a word (an ``occupation_panel`` whose ``balanced`` was
    written as text). The numbers 0 and 1 are read as False and True, as before; a
    missing value is left to the model when the field is nullable. A nullable
    ``boolean`` column (``pd.BooleanDtype``) gets the same check, so its error reads
    the same (pandera's said ``check coerce_dtype('boolean'): 'False'``).

    Parameters
    ----------
    frame : pandas.DataFrame
        With a fresh ``RangeIndex``.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.
    row_offset : int, optional
        As for :func:`validate`.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path``, the row and the column.

    Examples
    --------
    >>> from exposure.schemas._outcomes import OccupationPanel
    >>> check_flags(pd.DataFrame({"balanced": [True, "False"]}), OccupationPanel, path="p.parquet", row_offset=1)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: p.parquet, row 2, column 'balanced': balanced must be True or False, got text 'False'
    """
    for name, annotation, field, col in _model_columns(frame, model):
        if annotation.arg not in (bool, pd.BooleanDtype):
            continue
        nullable = field is not None and bool(field.nullable)
        if pd.api.types.is_bool_dtype(col.dtype) and (nullable or not col.isna().any()):
            continue  # True, False (and missing values where allowed) only
        for pos, value in enumerate(col.to_numpy(dtype=object)):
            value = value.item() if isinstance(value, np.generic) else value
            if isinstance(value, bool) or (isinstance(value, (int, float)) and value in (0, 1)):
                continue
            if nullable and pd.isna(value):
                continue
            got = f"text {value!r}" if isinstance(value, str) else repr(value)
            raise SchemaError(f"{name} must be True or False, got {got}", path=path,
                              row=pos + (row_offset or 0), column=name)


def check_columns(frame, model, *, path) -> None:
    """Refuse what is not a table of columns: not a DataFrame, column levels, a column twice.

    pandera accepted a column of the model given twice (``year`` twice: the frame passed,
    its two ``year`` columns kept, whichever the next stage picked), failed with a
    ``KeyError`` on columns of several levels, and ``frame.reset_index`` with an
    ``AttributeError`` on a dict or a Series.

    Parameters
    ----------
    frame : object
        What was given as the table.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path`` (and the column given twice).

    Examples
    --------
    >>> from exposure.schemas._onet import JobZones
    >>> check_columns(pd.DataFrame([[1, 2]], columns=["job_zone", "job_zone"]), JobZones, path="z.txt")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: z.txt, column 'job_zone': column 'job_zone' is given 2 times; a table has one column of each name
    """
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"expected a table (a pandas DataFrame) for {model.__name__}, got "
                          f"{type(frame).__name__}", path=path)
    if isinstance(frame.columns, pd.MultiIndex):
        raise SchemaError(f"the columns have {frame.columns.nlevels} levels (a MultiIndex); "
                          f"{model.__name__} expects one name per column", path=path)
    names = {field.name if field is not None else key for key, (_, field) in model.__fields__.items()}
    counts = frame.columns.value_counts()
    for name, count in counts[counts > 1].items():
        if name in names:
            raise SchemaError(f"column {name!r} is given {count} times; a table has one column of each "
                              "name", path=path, column=name)


def check_index_levels(frame: pd.DataFrame, model, *, path) -> None:
    """Refuse a frame whose column of ``model`` is missing because it is a level of the index.

    :func:`validate` drops the index (``reset_index(drop=True)``): a frame indexed by its
    key (``soc.set_index("soc_code")``, ``scores.set_index(["onetsoc_code", "task_id"])``)
    was told ``column 'soc_code' is missing (SocScores requires it)``, of a frame that
    holds the codes. A column the model does not require is refused too: it was dropped
    with the index without a word (``validate(scores.set_index("task"), TaskScores)``
    returned the scores without their texts). One the frame also holds as a column is
    not looked for.

    Parameters
    ----------
    frame : pandas.DataFrame
        Checked by :func:`check_columns`, its index as the caller gave it.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path`` and the (first) column.

    Examples
    --------
    >>> from exposure.schemas._onet import JobZones
    >>> frame = pd.DataFrame({"job_zone": [5]}, index=pd.Index(["11-1011.00"], name="onetsoc_code"))
    >>> check_index_levels(frame, JobZones, path="zones")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: zones, column 'onetsoc_code': column 'onetsoc_code' is missing (JobZones requires it): it is a level of the frame's index; frame.reset_index() makes it a column again
    """
    levels = {name for name in frame.index.names if isinstance(name, str)}
    fields = [(field.name if field is not None else key, annotation.is_optional_field)
              for key, (annotation, field) in model.__fields__.items()]
    found = [name for name, optional in fields if not optional and name in levels and name not in frame.columns]
    dropped = [name for name, optional in fields if optional and name in levels and name not in frame.columns]
    if dropped and not found:  # validate returned the frame without it: the values were lost
        listed = ", ".join(repr(name) for name in dropped)
        one = len(dropped) == 1
        raise SchemaError(f"column{'' if one else 's'} {listed} of {model.__name__} {'is a level' if one else 'are levels'} "
                          "of the frame's index, which is not validated (and not returned): frame.reset_index() "
                          f"makes {'it a column' if one else 'them columns'} again", path=path, column=dropped[0])
    if not found:
        return
    listed = ", ".join(repr(name) for name in found)
    if len(found) == 1:
        text = (f"column {listed} is missing ({model.__name__} requires it): it is a level of the frame's index; "
                "frame.reset_index() makes it a column again")
    else:
        text = (f"columns {listed} are missing ({model.__name__} requires them): they are levels of the frame's "
                "index; frame.reset_index() makes them columns again")
    raise SchemaError(text, path=path, column=found[0])


#: Text a coercing model reads as a whole number (ASCII digits; Python's ``int`` also
#: read ``"1_000"`` and ``"٣"``) or as a number (also ``nan`` and ``inf``, as ``float``).
#: Spaces are ASCII ones only, the same for Python's ``re`` and Arrow's RE2.
_WHOLE_TEXT = r"[ \t\n\r\f]*[+-]?[0-9]+[ \t\n\r\f]*"
_NUMBER_TEXT = (r"[ \t\n\r\f]*([+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(?i:nan|inf|infinity))"
                r"[ \t\n\r\f]*")
#: Smallest whole number that does not fit in a 64-bit integer column.
_INT_LIMIT = 2**63


def _kind(annotation) -> str | None:
    """``"whole"`` for an integer field, ``"number"`` for a float one, else None."""
    arg = annotation.arg
    if arg is bool or not isinstance(arg, type):
        return None
    if arg is int or issubclass(arg, (np.integer, pd.Int64Dtype, pd.Int32Dtype, pd.Int16Dtype, pd.Int8Dtype)):
        return "whole"
    if arg is float or issubclass(arg, (np.floating, pd.Float64Dtype, pd.Float32Dtype)):
        return "number"
    return None


def _shown(value) -> str:
    """A cell as the error shows it: ``text '2021.0'``, ``2021.5``, ``True``."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, (dt.date, dt.timedelta, np.datetime64, np.timedelta64)):
        return f"a date or time ({value})"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64 * 3:
        # a whole number of more than 57 digits: its size (repr raised ValueError beyond 4,300 digits)
        return f"a whole number of {value.bit_length()} bits (about {'-' if value < 0 else ''}2**{value.bit_length() - 1})"
    if isinstance(value, (bool, int, float)):
        return repr(value)
    return f"{type(value).__name__} {value!r}"


def _bad_cell(value, whole: bool) -> str | None:
    """Why ``value`` (not missing) is not a number of the column, or None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        if whole:
            if not re.fullmatch(_WHOLE_TEXT, value):
                if not re.fullmatch(_NUMBER_TEXT, value):
                    return "number"
                number = float(value)  # "2021.0", "1e3": whole, but not written as one
                return "digits" if np.isfinite(number) and not number % 1 else "whole"
            # by its digits: int() of more than 4,300 of them raised ValueError (a traceback)
            digits = value.strip().lstrip("+-").lstrip("0")
            return "big" if len(digits) > 19 or (digits and int(digits) >= _INT_LIMIT) else None
        return None if re.fullmatch(_NUMBER_TEXT, value) else "number"
    if isinstance(value, bool) or not isinstance(value, numbers.Number) or isinstance(value, complex):
        return "number"
    if not whole:
        try:  # a whole number beyond a float's range (10**400): pandera's OverflowError as the value
            float(value)
        except OverflowError:
            return "huge"
        except (TypeError, ValueError):
            return "number"
        return None
    if isinstance(value, numbers.Integral):
        return "big" if not -_INT_LIMIT <= int(value) < _INT_LIMIT else None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return "number"
    if not np.isfinite(number) or number % 1:
        return "whole"
    return "big" if abs(number) >= _INT_LIMIT else None


def _first_bad_number(col: pd.Series, whole: bool) -> tuple[int, str] | None:
    """``(position, reason)`` of the first cell of ``col`` that is not a number of its column.

    Reason: ``"number"`` (not a number: text that is not one, True/False, a date, a
    complex number, a list, ...), ``"whole"`` (a number with a fraction, or infinite,
    where a whole number is expected), ``"digits"`` (text of a whole number with a
    decimal point or an exponent, ``"2021.0"``), ``"big"`` (2**63 or more, text of any
    number of digits too), ``"huge"`` (a number no float holds, ``10**400``, where any
    number is expected). Missing cells pass.
    """
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        col = col.astype(object)
        dtype = col.dtype
    kind = getattr(dtype, "kind", "O")
    if kind == "i" or (kind in "fu" and not whole):
        return None
    known = col.notna().to_numpy(dtype=bool)
    if kind in "bcmM":  # True/False, complex numbers, dates, durations: never a number
        bad, why = known, "number"
    elif kind == "f":
        v = col.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            frac = known & (~np.isfinite(v) | (np.mod(v, 1) != 0))
        big = known & ~frac & (np.abs(v) >= _INT_LIMIT)
        if not (frac | big).any():
            return None
        pos = int(np.flatnonzero(frac | big)[0])
        return pos, "whole" if frac[pos] else "big"
    elif kind == "u":
        bad = known & (col.to_numpy(dtype=object, na_value=0) >= _INT_LIMIT).astype(bool)
        why = "big"
    else:
        cells = col.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
            text = pyarrow.array(cells, type=pyarrow.string(), from_pandas=True)
            pattern = f"^(?:{_WHOLE_TEXT if whole else _NUMBER_TEXT})$"  # RE2: $ is the end
            good = pc.match_substring_regex(text, pattern).fill_null(True).to_numpy(zero_copy_only=False)
            if good.all():
                long = [] if not whole else np.flatnonzero(
                    pc.greater(pc.utf8_length(text), 18).fill_null(False).to_numpy(zero_copy_only=False))
                big = [pos for pos in long if _bad_cell(cells[pos], whole)]
                return (int(big[0]), "big") if big else None
            pos = int(np.flatnonzero(~good)[0])
            return pos, _bad_cell(cells[pos], whole) or "number"
        for pos in np.flatnonzero(known):
            why = _bad_cell(cells[pos], whole)
            if why is not None:
                return int(pos), why
        return None
    if not bad.any():
        return None
    return int(np.flatnonzero(bad)[0]), why


_WHY = {"number": "must be a number", "whole": "must be a whole number",
        "digits": "must be a whole number written in digits only (no decimal point or exponent)",
        "big": "must be a whole number of at most 64 bits (below 2**63)",
        "huge": "must be a number a float holds (at most about 1.8e308 in size)"}


def check_numbers(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse a cell of a number column that the model would misread or report in its own terms.

    A coercing model converts an ``int`` column with ``astype``: 2.5 became 2 and True
    became 1 without a word, text such as ``"1_000"`` or ``"٣"`` was read as 1000 and 3,
    and text that is no whole number (``"2021.0"``) failed with pandera's
    ``check greater_than_or_equal_to(2000): 'TypeError(...)'`` naming no row. In a
    ``float`` column True and False were read as 1.0 and 0.0 and a complex number lost
    its imaginary part; a date became nanoseconds. Checked here, before the model, so the
    error names the row and the column in the user's words:

    - ``float`` columns: a cell must be a number (not True/False, a date, a complex
      number or another object) or text of a number (``"0.5"``, ``"1e3"``, ``"nan"``);
    - ``int`` columns (``Int64`` too): a cell must also be whole (``2021.0``, ``"2021"``)
      and below 2**63 in size.

    A whole number too large for a float (``10**400``, a Python int in an ``object``
    column) is refused in a ``float`` column: the model's coercion raised
    ``OverflowError``, told as ``got text 'OverflowError("int too large to convert to
    float")' (check finite)`` naming no row; one of more than 4,300 digits (or text of
    as many) raised Python's ``ValueError: Exceeds the limit (4300 digits) for integer
    string conversion`` (a traceback) in an ``int`` column as well. Such a number is
    shown by its size (``a whole number of 1329 bits``).

    A missing value is left to the model (its ``nullable`` decides), but for an ``int``
    column that is not nullable, where pandera reported ``check coerce_dtype('int64'):
    nan``.

    Parameters
    ----------
    frame : pandas.DataFrame
        With a fresh ``RangeIndex``.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.
    row_offset : int, optional
        As for :func:`validate`.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path``, the row and the column.

    Examples
    --------
    >>> from exposure.schemas._outcomes import OccupationPanel
    >>> check_numbers(pd.DataFrame({"year": ["2021", "2021.0"]}), OccupationPanel, path="p.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: p.csv, row 3, column 'year': year must be a whole number written in digits only (no decimal point or exponent), got text '2021.0'
    """
    for name, annotation, field, col in _model_columns(frame, model):
        kind = _kind(annotation)
        if kind is None:
            continue
        found = _first_bad_number(col, kind == "whole")
        nullable = annotation.nullable if field is None or not field.nullable_explicit else field.nullable
        if kind == "whole" and not nullable:  # pandera: "check coerce_dtype('int64'): nan"
            missing = np.flatnonzero(col.isna().to_numpy(dtype=bool))
            if len(missing) and (found is None or missing[0] < found[0]):
                found = (int(missing[0]), "missing")
        if found is None:
            continue
        pos, why = found
        if why == "missing":
            raise SchemaError(f"{name} is missing (a whole number is required)", path=path,
                              row=pos + (row_offset or 0), column=name)
        value = col.iloc[pos]
        got = _shown(value)
        if why == "big" and isinstance(value, str) and len(value.strip()) > 60:  # digits by the thousand
            got = f"text of {len(value.strip())} characters ({value.strip()[:20]}...)"
        # '200,480', '0,5', '#N/A': the number to write, in the readers' words (pandera reads no comma)
        hint = number_hint(value, grouped=False) if isinstance(value, str) and why != "big" else ""
        raise SchemaError(f"{name} {_WHY[why]}, got {got}{hint}", path=path, row=pos + (row_offset or 0),
                          column=name)


def check_codes(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse a number or a date in a code column (a ``str`` field with a ``str_matches`` pattern).

    A coercing model turned the number into its text: an ISCO-08 code ``0110`` read as the
    number 110 became ``'110'``, a valid code of another level, without a word; ``110.0``
    failed the pattern in pandera's words. A code is text: a number there lost its leading
    zeros (or gained a decimal point) before the table was validated.

    A date (a ``datetime64`` column, or a ``Timestamp`` or ``datetime.date`` cell: a
    spreadsheet reads the SOC code ``11-2011`` as November 2011) was turned into its text
    too and refused as ``got text '2011-11-01 00:00:00'``, a text no file held, without a
    word on the date: it is named as a date now, with the code it may have been (the month
    and year of the first of a month). A column of months (``date``, ``MM/YYYY``) is left
    to its pattern.

    Parameters
    ----------
    frame : pandas.DataFrame
        With a fresh ``RangeIndex``.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.
    row_offset : int, optional
        As for :func:`validate`.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path``, the row and the column.

    Examples
    --------
    >>> from exposure.schemas._crosswalks import IscoGroups
    >>> check_codes(pd.DataFrame({"isco08_code": [110]}), IscoGroups, path="i.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: i.csv, row 2, column 'isco08_code': isco08_code must be text (a code keeps its leading zeros), got 110
    """
    for name, annotation, field, col in _model_columns(frame, model):
        patterns = [c.statistics.get("pattern") for c in (field.checks if field is not None else ())
                    if c.name == "str_matches"]
        if annotation.arg is not str or not patterns:
            continue
        no_dates = DATE_PATTERN not in [getattr(p, "pattern", p) for p in patterns]  # a column of months: its pattern
        if isinstance(col.dtype, pd.CategoricalDtype):
            col = col.astype(object)
        if col.dtype != object and getattr(col.dtype, "kind", "O") not in ("biufmM" if no_dates else "biuf"):
            continue  # text (str, string[pyarrow], ...): the pattern decides
        cells = col.to_numpy(dtype=object)
        if col.dtype == object and pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
            continue  # all text: no loop over a long column
        for pos in np.flatnonzero(col.notna().to_numpy(dtype=bool)):
            value = cells[pos]
            if isinstance(value, (numbers.Number, np.bool_)):
                raise SchemaError(f"{name} must be text (a code keeps its leading zeros), got {_shown(value)}"
                                  f"{_number_code(value, patterns, name not in ONETSOC_2010_COLUMNS)}",
                                  path=path, row=int(pos) + (row_offset or 0), column=name)
            if no_dates and isinstance(value, (dt.date, dt.timedelta, np.datetime64, np.timedelta64)):
                raise SchemaError(f"{name} must be text (a code), got {_shown(value)}{_date_hint(value, patterns)}",
                                  path=path, row=int(pos) + (row_offset or 0), column=name)


def _number_code(value, patterns, other_kind: bool = True) -> str:
    """The code to write for the number ``value`` in a code column of ``patterns``, or ``""``.

    A SOC code saved as a number (``111011``) was told only that a code is text, not the
    code to write (``'11-1011'``, which :func:`~exposure.schemas._fields.code_hint` gives);
    a number that gives no code (``110`` for the ISCO-08 ``0110``) gets nothing more.
    ``other_kind`` is False for a column of O*NET-SOC 2010 codes (no ``.00`` advice).

    Examples
    --------
    >>> from exposure.schemas._fields import ISCO_UNIT_PATTERN, SOC_PATTERN
    >>> _number_code(111011.0, [SOC_PATTERN])
    ": a code saved as a number? write it as text with its hyphen: '11-1011'"
    >>> _number_code(110, [ISCO_UNIT_PATTERN]), _number_code(True, [SOC_PATTERN])
    ('', '')
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    for pattern in patterns:
        hint = code_hint(str(value), getattr(pattern, "pattern", pattern), other_kind=other_kind)
        if hint and hint != NUMBER_HINT:
            return hint
    return ""


def _date_hint(value, patterns) -> str:
    """What a date in a code column may have been: the code a spreadsheet read as a month.

    The code is told when the first of a month, written ``MM-YYYY``, is one of the
    column (``patterns``, its ``str_matches``): a SOC code ``11-2011`` read as November 2011.

    Examples
    --------
    >>> from exposure.schemas._fields import SOC_PATTERN
    >>> _date_hint(pd.Timestamp("2011-11-01"), [SOC_PATTERN])
    ': the code 11-2011 read as a date (November 2011) by a spreadsheet? Take the codes from the source again, and open a CSV in a spreadsheet with that column as text'
    >>> _date_hint(pd.Timestamp("2011-11-05"), [SOC_PATTERN])
    ': a code read as a date by a spreadsheet? Take the codes from the source again, and open a CSV in a spreadsheet with that column as text'
    """
    advice = "Take the codes from the source again, and open a CSV in a spreadsheet with that column as text"
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        stamp = None
    code = None if stamp is None or pd.isna(stamp) or stamp.day != 1 or stamp.hour or stamp.minute \
        else f"{stamp.month:02d}-{stamp.year:04d}"
    if code is not None and any(re.match(getattr(p, "pattern", p), code) for p in patterns):
        return f": the code {code} read as a date ({stamp:%B %Y}) by a spreadsheet? {advice}"
    return f": a code read as a date by a spreadsheet? {advice}"


def check_text(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse a cell of a text (``str``) column that is neither text, a number nor missing.

    A coercing model turned a list, a dict or bytes into its Python text (``"['x']"``,
    ``"b'Chief'"``) without a word: a title ``b'Chief'`` then matched no other table.
    Numbers keep being read as their text in a free-text column (a code column refuses
    them: :func:`check_codes`).

    Parameters
    ----------
    frame : pandas.DataFrame
        With a fresh ``RangeIndex``.
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.
    row_offset : int, optional
        As for :func:`validate`.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path``, the row and the column.

    Examples
    --------
    >>> from exposure.schemas._outcomes import OccupationPanel
    >>> check_text(pd.DataFrame({"soc_title": ["CEOs", b"CEOs"]}), OccupationPanel, path="p.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: p.csv, row 3, column 'soc_title': soc_title must be text, got bytes b'CEOs'
    """
    for name, annotation, _, col in _model_columns(frame, model):
        if annotation.arg is not str:
            continue
        if col.dtype != object:
            continue  # text, categories, numbers: read as text
        cells = col.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):
            continue  # all text: no loop over a long column
        for pos, value in enumerate(cells):
            if isinstance(value, (str, numbers.Number, np.generic)) or value is None:
                continue
            if isinstance(value, (bytes, bytearray, list, tuple, dict, set, frozenset, np.ndarray)):
                shown = f"{type(value).__name__} {value!r}"
            elif pd.api.types.is_scalar(value) and pd.isna(value):
                continue
            elif isinstance(value, (dt.date, dt.timedelta)):
                continue  # a date: its text (a pattern, where there is one, decides)
            else:
                shown = f"{type(value).__name__} {value!r}"
            raise SchemaError(f"{name} must be text, got {shown}", path=path,
                              row=pos + (row_offset or 0), column=name)


def as_coercible(frame: pd.DataFrame, model) -> pd.DataFrame:
    """``frame`` with the cells the checks above accept written as the model's coercion reads them.

    The ``check_*`` functions of this module read a column's values; the model's coercion
    (``astype``) reads more, and failed on columns they had accepted, in pandera's words
    and naming no row:

    - a categorical number column is converted through its categories, the unused ones
      too: a ``gain`` of 0.5 on every row whose categories still held ``"n/a"`` (rows
      filtered away) raised pandas' ``TypeError: 'Categorical' with dtype category does
      not support operation 'all'``, and with more values ``gain cannot be read as
      float64 ... got text 'TypeError("Unordered Categoricals ...")'``; the unused
      categories are dropped;
    - ``pd.NA`` (or ``NaT``) in an ``object`` column of numbers, as
      ``pd.DataFrame({"a_mean": [1.0, pd.NA]})`` builds it: ``a_mean cannot be read as
      float64 (check coerce_dtype('float64'))`` for a missing value the field allows; it
      is NaN now, as in a ``float64`` column (``None`` in an ``Int64`` or flag column,
      whose coercion refused ``NaT``);
    - the numbers 0 and 1 among True and False in an ``object`` flag column (two frames
      concatenated): :func:`check_flags` reads them as False and True, the ``boolean``
      coercion refused the mix (``admin cannot be read as boolean``); they are False and
      True now.

    Parameters
    ----------
    frame : pandas.DataFrame
        With a fresh ``RangeIndex``, checked by the ``check_*`` functions (not changed).
    model : pandera.pandas.DataFrameModel subclass

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself when no column needed it, else a copy with those columns changed.

    Examples
    --------
    >>> from exposure.schemas._outcomes import GroupGrowth
    >>> as_coercible(pd.DataFrame({"emp_base": [1.0, pd.NA]}), GroupGrowth)["emp_base"].tolist()
    [1.0, nan]
    """
    changed = {}
    for name, annotation, _, col in _model_columns(frame, model):
        kind = _kind(annotation)
        flag = annotation.arg in (bool, pd.BooleanDtype)
        if kind is None and not flag:
            continue
        if isinstance(col.dtype, pd.CategoricalDtype):
            if len(col.cat.categories) > col.nunique(dropna=True):
                changed[name] = col.cat.remove_unused_categories()
            continue
        if col.dtype != object:
            continue
        missing = col.isna().to_numpy(dtype=bool)
        if missing.any():  # pd.NA, NaT, None: NaN in a float column, else None (float() refuses pd.NA)
            col = changed[name] = col.where(~missing, np.nan if kind == "number" else None)
        if flag:
            cells = col.to_numpy(dtype=object)
            number = np.fromiter((isinstance(v, numbers.Number) and not isinstance(v, (bool, np.bool_))
                                  for v in cells), dtype=bool, count=len(cells)) & ~missing
            if number.any():  # 0 or 1 (check_flags refused any other number)
                changed[name] = pd.Series([bool(v) if n else v for v, n in zip(cells, number)],
                                          index=col.index, dtype=object)
    return frame.assign(**changed) if changed else frame


def check_finite(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse infinity in a number (``float``) column of the coerced ``frame``.

    No column of a model holds infinity (counts, wages, shares, coefficients), but only
    a few models checked it (``finite``): ``ge=0`` lets infinity through, and an
    infinite ``tot_emp`` of a SOC table, ``emp_base`` of an exposure group or ``se`` of
    the event study passed. Checked here for every model, after coercion (the text
    ``"inf"`` is infinity then).

    Parameters
    ----------
    frame : pandas.DataFrame
        The validated, coerced frame (a ``RangeIndex``).
    model : pandera.pandas.DataFrameModel subclass
    path : str or os.PathLike
        Named in the error.
    row_offset : int, optional
        As for :func:`validate`.

    Raises
    ------
    exposure.errors.SchemaError
        Naming ``path``, the row and the column.

    Examples
    --------
    >>> from exposure.schemas._outcomes import GroupGrowth
    >>> check_finite(pd.DataFrame({"emp_base": [1.0, np.inf]}), GroupGrowth, path="g.csv", row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: g.csv, row 3, column 'emp_base': emp_base must be finite (not infinity), got inf
    """
    for name, annotation, _, col in _model_columns(frame, model):
        if _kind(annotation) != "number":
            continue
        values = col.to_numpy(dtype=float, na_value=np.nan)
        infinite = np.isinf(values)
        if infinite.any():
            pos = int(np.flatnonzero(infinite)[0])
            raise SchemaError(f"{name} must be finite (not infinity), got {float(values[pos])!r}", path=path,
                              row=pos + (row_offset or 0), column=name)


#: ``(model name, row-wise check name) -> column`` the check judges, for its error messages
#: (a DataFrameModel takes no other class attributes than its fields).
CHECK_COLUMNS: dict[tuple[str, str], str] = {}


def _row_checks(cases: pd.DataFrame, model) -> pd.DataFrame:
    """One failure per row of a row-wise (dataframe-level) check, naming the column it judges.

    pandera reports such a failure once for every column of the row, so the first one
    named ``onetsoc_code`` whatever the check looked at. :data:`CHECK_COLUMNS` maps a
    model's check to the column it judges; the failure then names that column and its
    value, else no column.
    """
    if "schema_context" not in cases.columns:
        return cases
    rowwise = (cases["schema_context"] == "DataFrameSchema") & cases["index"].notna()
    if not rowwise.any():
        return cases
    kept = []
    for (_, check), group in cases[rowwise].groupby(["index", "check"], sort=False):
        column = CHECK_COLUMNS.get((model.__name__, check))
        hit = group[group["column"] == column]
        case = (hit if len(hit) else group).iloc[[0]].copy()
        if not len(hit):  # no column named, or its value is missing (pandera drops those)
            case["column"] = column
            case["failure_case"] = None if column is not None else "(the row)"
        kept.append(case)
    return pd.concat([cases[~rowwise], *kept])


#: pandera's checks of the column set: their failure names the model as the column and the
#: column as the value (``column 'OccupationPanel', check column_in_schema: 'extra'``)
_COLUMN_SET_CHECKS = {"column_in_schema": "is not a column of the schema (unexpected column)",
                      "column_in_dataframe": "is missing (a column the schema requires)"}


def _column_set(cases: pd.DataFrame) -> pd.DataFrame:
    """Name the column itself in a failure of :data:`_COLUMN_SET_CHECKS`, not the model."""
    hit = cases["check"].isin(list(_COLUMN_SET_CHECKS))
    if hit.any():
        cases.loc[hit, "column"] = cases.loc[hit, "failure_case"].astype(str)
    return cases


def _case_column(case):
    """The column a failure case names: its label as the frame has it, None for none.

    A column of the column set (:data:`_COLUMN_SET_CHECKS`) is named by its label, not by
    its text: a column ``0`` (``pd.concat([scores, series], axis=1)`` of a Series without a
    name) was named ``column '0'``, a text that names no column of the frame
    (``frame.drop(columns='0')`` raised ``KeyError``).

    Examples
    --------
    >>> _case_column({"check": "column_in_schema", "column": "0", "failure_case": 0})
    0
    >>> _case_column({"check": "isin", "column": "label", "failure_case": "e1"})
    'label'
    """
    label = case["failure_case"]
    if case["check"] in _COLUMN_SET_CHECKS and isinstance(label, (str, numbers.Integral)) \
            and not isinstance(label, (bool, np.bool_)):
        return label.item() if isinstance(label, np.generic) else label
    return case["column"] if isinstance(case["column"], str) else None


def _check_words(model, column, check: str) -> str:
    """What a failed pandera check asks of a value, in words (``must be at least 2000``).

    ``check`` is the name pandera gives in its failure cases (``greater_than_or_equal_to(2000)``,
    ``isin([...])``, ``finite``); its statistics are read from the model's own check.
    """
    name = check.split("(", 1)[0]
    stats, found = {}, None
    schema = model.to_schema()
    pool = list(schema.columns[column].checks) if column in schema.columns else []
    for candidate in [*pool, *schema.checks]:
        if check in (candidate.error, candidate.name) or str(candidate.error).split("(", 1)[0] == name:
            found, stats = candidate, candidate.statistics or {}
            break
    if name == "greater_than_or_equal_to" and "min_value" in stats:
        return f"must be at least {stats['min_value']}"
    if name == "greater_than" and "min_value" in stats:
        return f"must be more than {stats['min_value']}"
    if name == "less_than_or_equal_to" and "max_value" in stats:
        return f"must be at most {stats['max_value']}"
    if name == "less_than" and "max_value" in stats:
        return f"must be less than {stats['max_value']}"
    if name == "in_range" and {"min_value", "max_value"} <= stats.keys():
        return f"must be between {stats['min_value']} and {stats['max_value']}"
    if name == "isin" and "allowed_values" in stats:
        return "must be one of " + ", ".join(repr(v) for v in stats["allowed_values"])
    if name == "notin" and "forbidden_values" in stats:
        return "must not be one of " + ", ".join(repr(v) for v in stats["forbidden_values"])
    if name == "str_matches" and "pattern" in stats:
        pattern = stats["pattern"]
        return f"must match the pattern {getattr(pattern, 'pattern', pattern)}"
    if name == "str_length":
        lo, hi = stats.get("min_value"), stats.get("max_value")
        if stats.get("exact_value") is not None:
            return f"must have {stats['exact_value']} character(s)"
        if lo is not None and hi is None:
            return f"must have at least {lo} character{'s' if lo != 1 else ''}"
        if hi is not None and lo is None:
            return f"must have at most {hi} character(s)"
        return f"must have {lo} to {hi} characters"
    if name == "equal_to" and "value" in stats:
        return f"must be {stats['value']!r}"
    if name == "not_equal_to" and "value" in stats:
        return f"must not be {stats['value']!r}"
    if name == "finite":
        return "must be finite (not infinity)"
    if name.startswith("coerce_dtype") or name.startswith("dtype"):
        return f"cannot be read as {check.split('(', 1)[-1].rstrip(')').strip(chr(39))}"
    description = getattr(found, "description", None) if found is not None else None
    if description:
        return description.strip().split("\n")[0].rstrip(".")
    return f"fails the check {check}"


#: The patterns of the code columns (occupations, industries): a cell failing one is told what
#: it may be (:func:`_code_said`); a date, an ID or a digest is not.
_CODE_PATTERNS = (ONETSOC_PATTERN, SOC_PATTERN, SOC_OR_ONETSOC_PATTERN, SOC_MAJOR_PATTERN, NAICS_PATTERN,
                  OEWS_NAICS_PATTERN, ISCO_PATTERN, ISCO_UNIT_PATTERN)


def _code_said(model, column: str, value: str) -> str:
    """What the text ``value`` failing the code pattern of ``model``'s ``column`` may be, or ``""``.

    A code of the other kind (``11-1011.00`` in a column of SOC codes), a code with a dash
    that is not the hyphen, saved as a number or read as a date was refused in the words
    of the pattern alone (``must match the pattern ^[0-9]{2}-[0-9]{4}\\Z``, then the
    value); it is told what it may be, with the code to write, as the readers and the
    code checks of the stages tell it (:func:`~exposure.schemas._fields.code_hint`, and
    :func:`~exposure.schemas._fields.other_kind_hint` through it). A SOC code in a column
    of O*NET-SOC 2010 codes (:data:`~exposure.schemas._fields.ONETSOC_2010_COLUMNS`) was
    told to add ``.00`` (``'19-1020.00'``, which O*NET-SOC 2010 does not have): it is not.

    Examples
    --------
    >>> from exposure.schemas._rollup import SocScores
    >>> _code_said(SocScores, "soc_code", "11-1011.00")
    ": an O*NET-SOC code? a SOC code has no suffix: write '11-1011'"
    """
    schema = model.to_schema()
    checks = schema.columns[column].checks if column in schema.columns else []
    for check in checks:
        pattern = (check.statistics or {}).get("pattern") if check.name == "str_matches" else None
        pattern = getattr(pattern, "pattern", pattern)
        if pattern in _CODE_PATTERNS:
            return code_hint(value, pattern, other_kind=column not in ONETSOC_2010_COLUMNS)  # the other kind too
    return ""


#: pandera's checks that take a table row, not a value: their words name no column first
_ROW_CHECKS = {"multiple_fields_uniqueness"}


def _case_text(case, model, data, cases, row_offset) -> str:
    """One failure case in words, as ``column must ..., got value (check name)``."""
    check = str(case["check"])
    column = case["column"] if isinstance(case["column"], str) else None
    value = case["failure_case"]
    rows = (lambda positions: [int(p) + (row_offset or 0) for p in positions])
    if check in _COLUMN_SET_CHECKS:
        label = _case_column(case)
        if check == "column_in_schema":
            return f"column {label!r} is not a column of {model.__name__} (no other column allowed)"
        return f"column {label!r} is missing ({model.__name__} requires it)"
    if check == "not_nullable":
        return f"{column} is missing (a value is required)"
    if check == "multiple_fields_uniqueness" and data is not None:
        unique = model.__config__.unique
        keys = [unique] if isinstance(unique, str) else list(unique or [])
        pos = int(case["_pos"])
        if keys and set(keys) <= set(data.columns) and 0 <= pos < len(data):
            key = data[keys].reset_index(drop=True)
            # a missing cell is the same as another missing cell, as pandera's check has it
            # (`==` raised on pd.NA, and made a row with NaN no copy of itself: "is on row ;")
            codes = [pd.factorize(key[c], use_na_sentinel=False)[0] for c in keys]
            where = rows(np.flatnonzero(np.logical_and.reduce([c == c[pos] for c in codes])))
            values = tuple(v.item() if isinstance(v, np.generic) else v for v in key.iloc[pos].tolist())
            listed = ", ".join("missing" if v is None or (not isinstance(v, str) and pd.isna(v)) else repr(v)
                               for v in values)
            again = " and again on row ".join(str(r) for r in where[:2])
            return (f"({', '.join(keys)}) = ({listed}) is on row {again}; keep one row per "
                    f"{' and '.join(keys)} (check {check})")
    if check == "field_uniqueness" and column is not None:
        same = cases[(cases["check"] == check) & (cases["column"] == column)
                     & (cases["failure_case"].astype(str) == str(value))]
        where = rows(sorted(same["_pos"].dropna()))
        again = " and again on row ".join(str(r) for r in where[:2])
        return f"{column} {value!r} is on row {again}; each value once (check {check})"
    if column is None:
        return f"{_check_words(model, None, check)} (check {check})"
    words = _check_words(model, column, check)
    got = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else f", got {_shown(value)}"
    if check.startswith("str_matches") and isinstance(value, str):  # '11-1011.00' among SOC codes: why not
        got += _code_said(model, column, value)
    short = check.split("(", 1)[0] if check.startswith(("isin", "str_matches", "str_length", "notin")) else check
    if not words.startswith(("must", "cannot", "fails")):  # a check's own description
        return f"{words}{got.replace(',', ';', 1)} (check {short})"
    return f"{column} {words}{got} (check {short})"


#: The failure case pandera records for a check that raised instead of judging the table:
#: the exception, as ``KeyError("['p_e2'] not in index")``.
_CRASHED = re.compile(r"[A-Za-z_]\w*(Error|Exception)\(")


def _without_crashed_checks(cases: pd.DataFrame) -> pd.DataFrame:
    """``cases`` without the table-level checks that raised, when other failures tell why.

    A check of the whole table (``@pa.dataframe_check``) that reads a column the table
    lacks raises, and pandera records the exception as its failure: a ``task_scores``
    without ``p_e2`` said ``column 'p_e2' is missing (TaskScores requires it); 3 more:
    column 'TaskScores': p_e0 + p_e1 + p_e2 = 1 where scored; all three missing otherwise;
    got text 'KeyError("['p_e2'] not in index")' (check _probabilities_sum_to_one); ...``:
    the model named as a column, a Python exception as the value (and, as such a case has
    no row, it came first, before the cell that made the check raise). The other failures
    are the error; those cases are dropped. A check that raised on a table that fails
    nothing else is still told.
    """
    if not {"schema_context", "index", "check", "failure_case"} <= set(cases.columns):
        return cases
    crashed = ((cases["schema_context"] == "DataFrameSchema") & cases["index"].isna()
               & ~cases["check"].isin(list(_COLUMN_SET_CHECKS))
               & cases["failure_case"].map(lambda v: isinstance(v, str) and bool(_CRASHED.match(v))))
    if crashed.all():
        return cases
    return cases[~crashed.to_numpy(dtype=bool)]


def _without_partial_key(cases: pd.DataFrame, model, data) -> pd.DataFrame:
    """``cases`` without the failures of the model's unique key when a column of the key is missing.

    pandera then judges the key by the columns it finds: an ``OccupationPanel`` without
    ``year`` said ``column 'year' is missing (OccupationPanel requires it); 1 more: row 1,
    column 'soc_code': soc_code fails the check multiple_fields_uniqueness, got text
    '11-1011'``, the rows of one code in several years told as given twice. The missing
    column is the error; nothing is known of the key without it.

    Examples
    --------
    >>> from exposure.schemas._outcomes import OccupationPanel
    >>> cases = pd.DataFrame({"check": ["column_in_dataframe", "multiple_fields_uniqueness"],
    ...                       "column": ["OccupationPanel", "soc_code"], "index": [None, 0]})
    >>> _without_partial_key(cases, OccupationPanel, pd.DataFrame({"soc_code": ["11-1011"]}))["check"].tolist()
    ['column_in_dataframe']
    """
    unique = model.__config__.unique
    keys = [unique] if isinstance(unique, str) else list(unique or [])
    if not isinstance(data, pd.DataFrame) or not keys or set(keys) <= set(data.columns):
        return cases
    return cases[(cases["check"] != "multiple_fields_uniqueness").to_numpy(dtype=bool)]


def _to_error(exc, model, path, row_offset, max_cases) -> SchemaError:
    """One :class:`SchemaError` of pandera's failure cases: the first in words, then the others.

    pandera's wording (``OccupationPanel validation failed (1 failure(s)): row 3, column
    'year', check greater_than_or_equal_to(2000): 1999``) is told as the library tells any
    bad cell: ``year must be at least 2000, got 1999 (check
    greater_than_or_equal_to(2000))``; a key given twice names its columns, values and rows.
    """
    data = getattr(exc, "data", None)
    cases = _without_partial_key(_without_crashed_checks(exc.failure_cases.copy()), model, data)
    unique_rows = cases["check"] == "multiple_fields_uniqueness"
    if unique_rows.any():  # one case per row (pandera gives one per key column), naming the first key
        unique = model.__config__.unique
        keys = [unique] if isinstance(unique, str) else list(unique or [])
        dup = cases[unique_rows].drop_duplicates(subset=["index"]).assign(column=keys[0] if keys else None)
        cases = pd.concat([_row_checks(cases[~unique_rows], model), dup])
    else:
        cases = _row_checks(cases, model)
    cases = _column_set(cases)
    where = path or model.__name__
    cases["_pos"] = pd.to_numeric(cases["index"], errors="coerce")
    cases = cases.sort_values("_pos", na_position="first", kind="stable")
    if unique_rows.any() or (cases["check"] == "field_uniqueness").any():
        # the second row of a pair given twice is told with the first
        seen, keep, every = set(), [], cases
        for _, case in cases.iterrows():
            if case["check"] in ("multiple_fields_uniqueness", "field_uniqueness"):
                text = _case_text(case, model, data, every, row_offset)
                tail = text.split(" is on row ", 1)[0]
                if tail in seen:
                    keep.append(False)
                    continue
                seen.add(tail)
            keep.append(True)
        cases = cases[keep]
    else:
        every = cases
    first = cases.iloc[0]
    column = _case_column(first)
    pos = first["_pos"]
    row = None if pd.isna(pos) else int(pos) + (row_offset or 0)
    msg = _case_text(first, model, data, every, row_offset)
    others = []
    for _, case in cases.iloc[1:max_cases].iterrows():
        loc = "" if pd.isna(case["_pos"]) else f"row {int(case['_pos']) + (row_offset or 0)}, "
        label = _case_column(case)
        col = "" if label is None else f"column {label!r}: "
        others.append(f"{loc}{col}{_case_text(case, model, data, every, row_offset)}")
    if others:
        msg += f"; {len(cases) - 1} more: " + "; ".join(others)
    more = len(cases) - max_cases
    if more > 0:
        msg += f"; and {more} more"
    return SchemaError(msg, path=where, row=row, column=column)
