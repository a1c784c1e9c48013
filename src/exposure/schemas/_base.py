"""Validation entry point shared by every stage.

:func:`validate` runs a pandera model lazily and turns its failure cases into one
:class:`exposure.errors.SchemaError` that names the table (or file), the first failing
row and the column, so a user sees *where* the input is wrong, not a pandera traceback.
"""


import numpy as np
import pandas as pd
import pandera.pandas as pa

from exposure.errors import SchemaError
from exposure.schemas._fast import validate_passing

__all__ = ["validate"]


def validate(
    frame: pd.DataFrame,
    model: type[pa.DataFrameModel],
    *,
    path=None,
    row_offset: int | None = None,
    max_cases: int = 5,
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
        column (:func:`check_flags`).

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
    frame = frame.reset_index(drop=True)
    check_flags(frame, model, path=path or model.__name__, row_offset=row_offset)
    passed = validate_passing(frame, model)  # same checks; pandera reports the failures
    if passed is not None:
        return passed
    try:
        return model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise _to_error(exc, model, path, row_offset, max_cases) from None
    except pa.errors.SchemaError as exc:  # non-lazy paths (e.g. dtype coercion of index)
        raise SchemaError(str(exc).splitlines()[0], path=path or model.__name__) from None


def check_flags(frame: pd.DataFrame, model, *, path, row_offset: int | None = None) -> None:
    """Refuse a cell that is not True or False in a column ``model`` declares ``bool``.

    A model that coerces converts such a column with ``astype(bool)``: the text
    ``"False"`` or ``"no"`` and a missing value (NaN) were read as True, ``None`` and
    ``""`` as False, without a word (an ``occupation_panel`` whose ``balanced`` was
    written as text). The numbers 0 and 1 are read as False and True, as before; a
    missing value is left to the model when the field is nullable.

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
    for key, (annotation, field) in model.__fields__.items():
        name = field.name if field is not None else key
        if annotation.arg is not bool or name not in frame.columns:
            continue
        col = frame[name]
        if not isinstance(col, pd.Series) or (pd.api.types.is_bool_dtype(col.dtype) and not col.isna().any()):
            continue  # a column twice: the schema names it
        nullable = field is not None and bool(field.nullable)
        for pos, value in enumerate(col.to_numpy(dtype=object)):
            value = value.item() if isinstance(value, np.generic) else value
            if isinstance(value, bool) or (isinstance(value, (int, float)) and value in (0, 1)):
                continue
            if nullable and pd.isna(value):
                continue
            got = f"text {value!r}" if isinstance(value, str) else repr(value)
            raise SchemaError(f"{name} must be True or False, got {got}", path=path,
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


def _to_error(exc, model, path, row_offset, max_cases) -> SchemaError:
    cases = _column_set(_row_checks(exc.failure_cases.copy(), model))
    where = path or model.__name__
    cases["_pos"] = pd.to_numeric(cases["index"], errors="coerce")
    cases = cases.sort_values("_pos", na_position="first", kind="stable")
    first = cases.iloc[0]
    column = first["column"] if isinstance(first["column"], str) else None
    pos = first["_pos"]
    row = None if pd.isna(pos) else int(pos) + (row_offset or 0)
    lines = []
    for _, case in cases.head(max_cases).iterrows():
        loc = "" if pd.isna(case["_pos"]) else f"row {int(case['_pos']) + (row_offset or 0)}, "
        col = f"column {case['column']!r}, " if isinstance(case["column"], str) else ""
        if case["check"] in _COLUMN_SET_CHECKS:
            lines.append(f"column {case['column']!r} {_COLUMN_SET_CHECKS[case['check']]}")
            continue
        lines.append(f"{loc}{col}check {case['check']}: {case['failure_case']!r}")
    more = len(cases) - max_cases
    msg = f"{model.__name__} validation failed ({len(cases)} failure(s)): " + "; ".join(lines)
    if more > 0:
        msg += f"; and {more} more"
    return SchemaError(msg, path=where, row=row, column=column)
