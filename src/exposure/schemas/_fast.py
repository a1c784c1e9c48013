"""Validation of a frame that passes, without building the pandera schema.

:meth:`pandera.pandas.DataFrameModel.validate` first turns the model into a
``DataFrameSchema``. pandera 0.35 does that by asking which series and index types exist,
which imports ``pandera.typing.dask`` (and so ``dask.dataframe``, ~0.5 s) whenever Dask is
installed, even to check a pandas frame. :func:`validate_passing` runs the same work on
the model's own declarations instead: each column is coerced with the pandera data type
pandera would use (:meth:`DataType.try_coerce`), then every pandera ``Check`` of the
model (field checks, ``Config.unique``, ``@dataframe_check`` functions) is run by pandera
itself on the coerced frame, plus the checks pandera adds (required and extra columns,
nullability, field ``unique``, dtype).

It only ever *accepts*: when everything passes it returns what ``Model.validate`` would
return (same columns, same values, same dtypes; ``tests/unit/test_schemas_fast.py``
compares them); at the first failure, or for any model feature it does not handle, it
returns ``None`` and :func:`exposure.schemas.validate` runs pandera, so an invalid frame
gets pandera's failure cases and the usual error naming file, row and column.
"""

from __future__ import annotations

import pandas as pd
from pandera.engines import pandas_engine

try:  # pandera's own rule for the dtype of a nullable field (private: absent means no fast path)
    from pandera.api.pandas.model import _get_nullable_coercion_dtype
except ImportError:  # pragma: no cover - another pandera version
    _get_nullable_coercion_dtype = None

__all__ = ["validate_passing"]

#: Column types this fast path coerces (others: pandera decides).
_TYPES = (str, int, float, pd.Int64Dtype, pd.BooleanDtype)
#: Config options that must keep their default for the fast path.
_DEFAULT_CONFIG = {"dtype": None, "drop_invalid_rows": False, "ordered": False,
                   "unique_column_names": False, "add_missing_columns": False,
                   "from_format": None, "to_format": None}


def _columns(model) -> dict | None:
    """``{column name: (pandera data type, FieldInfo)}``; None if a field is not plain."""
    cached = model.__dict__.get("_exposure_fast_columns")
    if cached is not None:
        return cached or None
    columns: dict = {}
    for key, (annotation, field) in model.__fields__.items():
        plain = (field is not None and annotation.arg in _TYPES and not annotation.metadata
                 and annotation.default_dtype is None and not field.regex
                 and not field.dtype_kwargs and not model.__parsers__.get(key))
        if not plain:
            columns = {}
            break
        nullable = field.nullable if field.nullable_explicit else annotation.nullable
        dtype = _get_nullable_coercion_dtype(annotation.arg, nullable=nullable, coerce=True)
        checks = [*model.__checks__.get(key, []), *field.checks]  # as pandera orders them
        columns[field.name] = (pandas_engine.Engine.dtype(dtype), field, nullable,
                               annotation.is_optional_field, checks)
    model._exposure_fast_columns = columns
    return columns or None


def _supported(model) -> bool:
    config = model.__config__
    return (config.coerce is True and config.strict is True and not model.__extras__
            and not model.__root_parsers__
            and all(getattr(config, k, v) == v for k, v in _DEFAULT_CONFIG.items()))


def validate_passing(frame: pd.DataFrame, model) -> pd.DataFrame | None:
    """``model.validate(frame)`` when ``frame`` passes; ``None`` when it may not.

    Parameters
    ----------
    frame : pandas.DataFrame
        Table with a fresh ``RangeIndex`` (:func:`exposure.schemas.validate` resets it).
    model : pandera.pandas.DataFrameModel subclass

    Returns
    -------
    pandas.DataFrame or None
        The coerced frame, as pandera returns it, or ``None``: a check failed or the
        model uses a feature not handled here; run pandera.

    Examples
    --------
    >>> from exposure.schemas._onet import JobZones
    >>> ok = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "job_zone": ["5"],
    ...                    "date": ["08/2023"], "domain_source": ["Analyst"]})
    >>> validate_passing(ok, JobZones).dtypes["job_zone"]
    dtype('int64')
    >>> validate_passing(ok.assign(job_zone=["6"]), JobZones) is None
    True
    """
    if _get_nullable_coercion_dtype is None or not isinstance(frame, pd.DataFrame):
        return None
    try:
        return _validate(frame, model)
    except Exception:  # noqa: BLE001 - a pandera version with other internals: pandera decides
        return None


def _validate(frame: pd.DataFrame, model) -> pd.DataFrame | None:
    if not _supported(model):
        return None
    columns = _columns(model)
    if (columns is None or isinstance(frame.columns, pd.MultiIndex)
            or frame.columns.duplicated().any()
            or not set(frame.columns) <= set(columns)
            or any(name not in frame.columns and not optional
                   for name, (_, _, _, optional, _) in columns.items())):
        return None
    out = frame.copy(deep=False)
    for name, (dtype, field, nullable, _, checks) in columns.items():
        if name not in out.columns:
            continue
        series = dtype.try_coerce(out[name])  # a failure: None (pandera reports it)
        if not dtype.check(pandas_engine.Engine.dtype(series.dtype)):
            return None
        if not nullable and series.isna().any():
            return None
        if field.unique and series.duplicated().any():
            return None
        for check in checks:
            if not bool(check(series).check_passed):
                return None
        out[name] = series
    unique = model.__config__.unique
    if unique:
        keys = [unique] if isinstance(unique, str) else list(unique)
        if out.duplicated(subset=keys).any():
            return None
    for check in model.__root_checks__:
        if not bool(check(out).check_passed):
            return None
    return out
