"""Read the processed tables (``exposure.load``): the user's recompute, else the shipped ones.

The tables :func:`exposure.pipeline.recompute` writes for the default releases (O*NET 29.1,
OEWS May 2025) are committed in ``data/processed/`` and shipped as package data
(``exposure/data/processed``, a symlink to that directory in the source tree), so
:func:`load` works after ``pip install`` with no network and no raw data.

``exposure recompute`` writes into the user data directory
(``<home>/processed/onet-<release>_oews-<year>``, see :class:`exposure.fetch.DataStore`);
:func:`load` reads the most recent of those recomputes when there is one, and says so
(a log message, once per directory, and ``frame.attrs["exposure_directory"]``), else the
shipped tables. ``release=`` picks the recompute of a given O*NET release or OEWS year.
Names, files and schemas come from the table catalogue, :data:`TABLES`
(:mod:`exposure.schemas._catalog`).
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path

import pandas as pd

from exposure._tables import read_parquet_file
from exposure.errors import ExposureError
from exposure.fetch import DataStore, default_home
from exposure.schemas import validate as validate_frame
from exposure.schemas._catalog import TABLES, get_table

__all__ = ["TABLES", "MEASURES", "load", "load_manifest", "processed_dir", "recomputes", "tables_dir"]

log = logging.getLogger(__name__)

_MANIFEST = "manifest.json"
#: Name :func:`load` takes for the published measures side by side, and their file.
MEASURES = "measures"
MEASURES_FILE = Path("reports") / "measures_table.csv"
_ANNOUNCED: set[str] = set()


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


def _releases_of(directory: Path) -> dict:
    try:
        return dict(json.loads((directory / _MANIFEST).read_text()).get("releases") or {})
    except (OSError, ValueError):
        return {}


def recomputes(store: DataStore | None = None) -> list[tuple[Path, dict]]:
    """The user's recompute outputs, newest first, with their releases.

    Parameters
    ----------
    store : exposure.fetch.DataStore, optional
        Default: the user data directory of the environment (``$EXPOSURE_HOME`` or the
        platform's).

    Returns
    -------
    list of (pathlib.Path, dict)
        Output directory and its manifest's ``releases`` (``{"onet": ..., "oews": ...}``),
        ordered by the time their manifest was written, newest first.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from exposure.fetch import DataStore
    >>> home = pathlib.Path(tempfile.mkdtemp())
    >>> out = home / "processed" / "onet-31.0_oews-2026"
    >>> out.mkdir(parents=True)
    >>> _ = (out / "manifest.json").write_text('{"releases": {"onet": "31.0", "oews": "2026"}}')
    >>> [(p.name, r["onet"]) for p, r in recomputes(DataStore(cache=home, home=home))]
    [('onet-31.0_oews-2026', '31.0')]
    """
    parent = (store.outputs if store is not None else default_home() / "processed")
    if not parent.is_dir():
        return []
    found = [(p, p / _MANIFEST) for p in parent.iterdir() if (p / _MANIFEST).is_file()]
    found.sort(key=lambda item: (item[1].stat().st_mtime_ns, item[0].name), reverse=True)
    return [(p, _releases_of(p)) for p, _ in found]


def _matches(releases: dict, release) -> bool:
    wanted = str(release)
    return wanted in {str(v) for v in releases.values()} or wanted == (
        f"onet-{releases.get('onet')}_oews-{releases.get('oews')}")


def tables_dir(release=None, *, store: DataStore | None = None) -> Path:
    """The directory :func:`load` reads: the newest matching recompute, else the shipped.

    Parameters
    ----------
    release : str, optional
        O*NET release (``"30.1"``), OEWS year (``"2026"``) or output name
        (``"onet-31.0_oews-2026"``) the tables must be computed from.
    store : exposure.fetch.DataStore, optional
        Where the user's recomputes live (default from the environment).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.ExposureError
        When ``release`` matches neither a recompute nor the shipped tables.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from exposure.fetch import DataStore
    >>> home = pathlib.Path(tempfile.mkdtemp())
    >>> store = DataStore(cache=home, home=home)
    >>> tables_dir(store=store) == processed_dir()
    True
    >>> tables_dir("29.1", store=store) == processed_dir()
    True
    >>> tables_dir("31.0", store=store)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: no processed tables for release '31.0': ...
    """
    for directory, releases in recomputes(store):
        if release is None or _matches(releases, release):
            return directory
    shipped = processed_dir()
    if release is None or _matches(_releases_of(shipped), release):
        return shipped
    raise ExposureError(
        f"no processed tables for release {str(release)!r}: the shipped tables are "
        f"{_releases_of(shipped) or 'unknown'} and no recompute in the user data directory "
        f"matches; run `exposure recompute --onet-release ... --oews-release ...`")


def load(name: str, *, directory=None, release=None, validate: bool = True,
         store: DataStore | None = None) -> pd.DataFrame:
    """Load one processed table as a validated DataFrame.

    Reads, in this order: ``directory`` when given; else the newest recompute in the user
    data directory (matching ``release`` when given), saying so in a log message; else
    the tables shipped with the package.

    Parameters
    ----------
    name : str
        ``"tasks"`` / ``"task_scores"``, ``"occupations"`` / ``"occupation_scores"``,
        ``"soc"`` / ``"soc_scores"``, ``"sectors"`` / ``"sector_scores"``,
        ``"subsectors"`` / ``"subsector_scores"``, ``"workforce"``, ``"working_time"``,
        ``"task_digests"`` or ``"measures"`` (see Notes).
    directory : str or os.PathLike, optional
        Read from this output directory of ``exposure recompute``. Pass
        :func:`processed_dir` for the shipped tables even when you have recomputed.
    release : str, optional
        O*NET release or OEWS year the tables must come from (see :func:`tables_dir`).
    validate : bool, default True
        Validate against the table's schema (raises :class:`exposure.errors.SchemaError`).
    store : exposure.fetch.DataStore, optional
        Where the user's recomputes live (default from the environment).

    Returns
    -------
    pandas.DataFrame
        ``frame.attrs["exposure_directory"]`` names the directory read.

    Notes
    -----
    ``load("measures")`` returns the published measures side by side on SOC 2018 codes
    (Eloundou et al., Felten et al., Webb, Microsoft, Anthropic, ILO) with our ``alpha``,
    ``beta``, ``gamma``, titled from the ``soc`` table: the ``measures_table.csv`` that
    ``exposure compare -o <directory>/reports`` writes (shipped with the package).

    Raises
    ------
    exposure.errors.ExposureError
        Unknown table, no tables for ``release``, or the file is missing.

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
    exposure.errors.ExposureError: unknown table 'jobs'; choose one of occupation_panel, ...
    """
    table = None if name == MEASURES else get_table(name)
    base = Path(directory) if directory is not None else tables_dir(release, store=store)
    if directory is None and base != processed_dir() and str(base) not in _ANNOUNCED:
        _ANNOUNCED.add(str(base))
        rel = _releases_of(base)
        log.warning("exposure.load: reading your recompute in %s (O*NET %s, OEWS May %s), "
                    "not the shipped tables; pass directory=exposure._load.processed_dir() "
                    "for those", base, rel.get("onet", "?"), rel.get("oews", "?"))
    if table is None:
        return _load_measures(base, validate)
    path = base / table.filename
    if not path.is_file():
        hint = (" (run `exposure recompute` to create it)" if directory is not None
                else " (the installed package has no processed tables; run "
                "`exposure recompute` and pass directory=)")
        raise ExposureError(f"processed table {table.name!r} not found at {path}{hint}")
    frame = read_parquet_file(path)
    if validate:
        frame = validate_frame(frame, table.model, path=path)
    frame.attrs["exposure_directory"] = str(base)
    return frame


def _load_measures(base: Path, validate: bool) -> pd.DataFrame:
    """The measures side by side (``reports/measures_table.csv``), with SOC titles."""
    path = base / MEASURES_FILE
    if not path.is_file():
        raise ExposureError(
            f"no measures table at {path} (run `exposure compare -o {base / 'reports'}` "
            "to create it)")
    frame = pd.read_csv(path, dtype={"soc_code": str})
    if frame["soc_code"].duplicated().any():
        raise ExposureError(f"{path}: duplicate soc_code values")
    soc_path = base / get_table("soc").filename
    if "soc_title" not in frame and soc_path.is_file():
        soc = load("soc", directory=base, validate=validate)[["soc_code", "soc_title"]]
        frame.insert(1, "soc_title", frame["soc_code"].map(
            soc.set_index("soc_code")["soc_title"]).astype("string"))
    frame.attrs["exposure_directory"] = str(base)
    return frame


def load_manifest(directory=None, *, release=None, store: DataStore | None = None) -> dict:
    """Return the ``manifest.json`` of the processed tables (sources, releases, rows).

    Parameters
    ----------
    directory : str or os.PathLike, optional
        Output directory of ``exposure recompute``; default the directory :func:`load`
        reads (:func:`tables_dir`).
    release : str, optional
        As for :func:`load`.
    store : exposure.fetch.DataStore, optional
        As for :func:`load`.

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
    base = Path(directory) if directory is not None else tables_dir(release, store=store)
    path = base / _MANIFEST
    if not path.is_file():
        raise ExposureError(f"no manifest.json in {base}")
    return json.loads(path.read_text())
