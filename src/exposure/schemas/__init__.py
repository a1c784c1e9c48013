"""Pandera models of every table that crosses a module boundary.

Models are declared once, in the private modules of this package, one per stage, and
re-exported here:

- ``_onet``: O*NET tables (occupations, tasks, task ratings, DWAs, IWAs, job zones, ...);
- ``_oews``: OEWS employment and wages;
- ``_crosswalks``: SOC/NAICS/ISCO crosswalks;
- ``_labels``: Eloundou et al. human and GPT-4 labels;
- ``_scores``: task scores;
- ``_rollup``: occupation, SOC, sector and workforce tables;
- ``_measures``: published reference measures;
- ``_pipeline``: the recompute manifest tables.

Each field carries a ``description`` (and a unit in ``metadata={"unit": ...}`` where it
applies); the docs' table pages are generated from them. :func:`validate` runs a model
and raises :class:`exposure.errors.SchemaError` naming the file, row and column.
"""

from __future__ import annotations

import importlib

import pandera.pandas as pa

from exposure.schemas._base import validate

__all__ = ["validate", "all_models"]

_MODULES = ("_onet", "_oews", "_crosswalks", "_labels", "_scores", "_rollup", "_measures", "_pipeline")


def all_models() -> dict[str, type[pa.DataFrameModel]]:
    """Every schema model of the package, by class name, in declaration order.

    Returns
    -------
    dict of str to pandera DataFrameModel subclass

    Examples
    --------
    >>> models = all_models()
    >>> all(isinstance(name, str) for name in models)
    True
    """
    out: dict[str, type[pa.DataFrameModel]] = {}
    for name in _MODULES:
        try:
            module = importlib.import_module(f"exposure.schemas.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"exposure.schemas.{name}":
                continue
            raise
        for attr in getattr(module, "__all__", []):
            obj = getattr(module, attr)
            if isinstance(obj, type) and issubclass(obj, pa.DataFrameModel):
                out[attr] = obj
    return out


def __getattr__(name: str):
    models = all_models()
    if name in models:
        return models[name]
    raise AttributeError(f"module 'exposure.schemas' has no attribute {name!r}")
