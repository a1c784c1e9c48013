"""Read the processed tables shipped with the package (``exposure.load``).

The tables :func:`exposure.pipeline.recompute` writes for the default releases (O*NET 29.1,
OEWS May 2025) are committed in ``data/processed/`` and shipped as package data
(``exposure/data/processed``, a symlink to that directory in the source tree), so
:func:`load` works after ``pip install`` with no network and no raw data.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd

from exposure.errors import ExposureError

__all__ = ["TABLES", "ALIASES", "load", "load_manifest", "processed_dir", "schema_model"]

#: Table name -> (file name, schema model name in :mod:`exposure.schemas`).
TABLES: dict[str, tuple[str, str]] = {
    "task_scores": ("task_scores.parquet", "TaskScores"),
    "task_digests": ("task_digests.parquet", "TaskDigests"),
    "occupation_scores": ("occupation_scores.parquet", "OccupationScores"),
    "soc_scores": ("soc_scores.parquet", "SocScores"),
    "sector_scores": ("sector_scores.parquet", "SectorScores"),
    "subsector_scores": ("subsector_scores.parquet", "SectorScores"),
    "workforce": ("workforce.parquet", "WorkforceStats"),
    "working_time": ("working_time.parquet", "WorkingTime"),
}

#: Schema model name -> module of :mod:`exposure.schemas` that declares it.
SCHEMA_MODULES: dict[str, str] = {
    "TaskScores": "_scores",
    "TaskDigests": "_pipeline",
    "OccupationScores": "_rollup",
    "SocScores": "_rollup",
    "SectorScores": "_rollup",
    "WorkforceStats": "_rollup",
    "WorkingTime": "_rollup",
}


def schema_model(name: str):
    """Return the :mod:`exposure.schemas` model ``name``, or None if it does not exist.

    Examples
    --------
    >>> schema_model("TaskDigests").__name__
    'TaskDigests'
    >>> schema_model("NoSuchModel") is None
    True
    """
    import importlib

    module_name = SCHEMA_MODULES.get(name)
    if module_name is None:
        return None
    try:
        module = importlib.import_module(f"exposure.schemas.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"exposure.schemas.{module_name}":
            return None
        raise
    return getattr(module, name, None)


#: Short names accepted by :func:`load`.
ALIASES: dict[str, str] = {
    "tasks": "task_scores",
    "occupations": "occupation_scores",
    "soc": "soc_scores",
    "sectors": "sector_scores",
    "subsectors": "subsector_scores",
}


def processed_dir() -> Path:
    """Directory of the shipped processed tables (inside the installed package).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> processed_dir().name
    'processed'
    """
    return Path(str(resources.files("exposure") / "data" / "processed"))


def _resolve(name: str) -> tuple[str, str, str]:
    key = ALIASES.get(name, name)
    if key not in TABLES:
        known = sorted(set(TABLES) | set(ALIASES))
        raise ExposureError(f"unknown table {name!r}; choose one of {', '.join(known)}")
    filename, schema = TABLES[key]
    return key, filename, schema


def load(name: str, *, directory=None, validate: bool = True) -> pd.DataFrame:
    """Load one processed table as a validated DataFrame.

    Parameters
    ----------
    name : str
        ``"tasks"`` / ``"task_scores"``, ``"occupations"`` / ``"occupation_scores"``,
        ``"soc"`` / ``"soc_scores"``, ``"sectors"`` / ``"sector_scores"``,
        ``"subsectors"`` / ``"subsector_scores"``, ``"workforce"``, ``"working_time"`` or
        ``"task_digests"``.
    directory : str or os.PathLike, optional
        Read from this output directory of ``exposure recompute`` instead of the tables
        shipped with the package.
    validate : bool, default True
        Validate against the table's schema (raises :class:`exposure.errors.SchemaError`).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    exposure.errors.ExposureError
        Unknown table, or the file is missing.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from exposure._io import write_parquet
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_parquet(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
    ...     "task_type": ["Core"], "text_digest": ["0123456789abcdef"],
    ...     "dwa_digest": ["e3b0c44298fc1c14"]}),
    ...     d / "task_digests.parquet")
    >>> load("task_digests", directory=d)["task_id"].tolist()
    [1]
    >>> load("jobs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'jobs'; choose one of occupation_scores, ...
    """
    key, filename, schema = _resolve(name)
    base = Path(directory) if directory is not None else processed_dir()
    path = base / filename
    if not path.is_file():
        hint = (" (run `exposure recompute` to create it)" if directory is not None
                else " (the installed package has no processed tables; run "
                "`exposure recompute` and pass directory=)")
        raise ExposureError(f"processed table {key!r} not found at {path}{hint}")
    frame = pd.read_parquet(path)
    if validate:
        from exposure import schemas

        model = schema_model(schema)
        if model is not None:
            frame = schemas.validate(frame, model, path=path)
    return frame


def load_manifest(directory=None) -> dict:
    """Return the ``manifest.json`` of the processed tables (sources, releases, rows).

    Parameters
    ----------
    directory : str or os.PathLike, optional
        Output directory of ``exposure recompute``; default the shipped tables.

    Returns
    -------
    dict

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text(json.dumps({"format": 1}))
    >>> load_manifest(d)["format"]
    1
    """
    base = Path(directory) if directory is not None else processed_dir()
    path = base / "manifest.json"
    if not path.is_file():
        raise ExposureError(f"no manifest.json in {base}")
    return json.loads(path.read_text())
