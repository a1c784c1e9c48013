"""The catalogue of processed tables: each table declared once.

:func:`exposure.pipeline.recompute` writes these tables, :func:`exposure.load` reads them,
``exposure rollup`` writes the rollup ones; all take the name, file, schema model and keys
from :data:`PROCESSED_TABLES`.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import pandera.pandas as pa

from exposure.errors import ExposureError
from exposure.schemas._outcomes import OccupationPanel
from exposure.schemas._pipeline import TaskDigests
from exposure.schemas._rollup import (
    OccupationScores,
    SectorScores,
    SocScores,
    WorkforceStats,
    WorkingTime,
)
from exposure.schemas._scores import TaskScores

__all__ = ["Table", "PROCESSED_TABLES", "TABLES", "ALIASES", "get_table", "is_recompute_output",
           "recompute_output_near"]


@dataclass(frozen=True)
class Table:
    """One table: its name, file, schema model and keys.

    Parameters
    ----------
    name : str
        Table name (the name :func:`exposure.load` takes).
    filename : str
        File name inside an output directory.
    model : pandera DataFrameModel subclass
        Schema the table is validated against.
    keys : tuple of str
        Key columns; rows are written sorted by them.
    description : str
        One line saying what a row is.
    aliases : tuple of str, optional
        Short names :func:`exposure.load` also accepts.

    Examples
    --------
    >>> t = TABLES["soc_scores"]
    >>> t.filename, t.model.__name__, t.keys
    ('soc_scores.parquet', 'SocScores', ('soc_code',))
    """

    name: str
    filename: str
    model: type[pa.DataFrameModel]
    keys: tuple[str, ...]
    description: str
    aliases: tuple[str, ...] = ()


#: The manifest an ``exposure recompute`` output holds beside its tables (releases, the
#: sha256 of every source and table, the scorer): written by :mod:`exposure.pipeline`,
#: read by :func:`exposure.load` and ``exposure diff``, refused as a rollup output.
MANIFEST_NAME = "manifest.json"
#: Version of the manifest layout (:func:`exposure.pipeline.recompute` writes it; :func:`exposure.load`
#: and ``exposure diff`` read this one only).
MANIFEST_FORMAT = 1

#: Every processed table, in the order of the pipeline stages that produce them.
PROCESSED_TABLES: tuple[Table, ...] = (
    Table("task_scores", "task_scores.parquet", TaskScores, ("onetsoc_code", "task_id"),
          "Exposure scores of each O*NET task statement.", aliases=("tasks",)),
    Table("task_digests", "task_digests.parquet", TaskDigests, ("onetsoc_code", "task_id"),
          "Type and text fingerprint of each O*NET task statement, for release diffs."),
    Table("occupation_scores", "occupation_scores.parquet", OccupationScores,
          ("onetsoc_code",), "Exposure of each O*NET-SOC occupation.",
          aliases=("occupations",)),
    Table("soc_scores", "soc_scores.parquet", SocScores, ("soc_code",),
          "Exposure and employment of each OEWS occupation code.", aliases=("soc",)),
    Table("sector_scores", "sector_scores.parquet", SectorScores, ("naics",),
          "Employment-weighted exposure of each NAICS sector.", aliases=("sectors",)),
    Table("subsector_scores", "subsector_scores.parquet", SectorScores, ("naics",),
          "Employment-weighted exposure of each 3-digit NAICS subsector.",
          aliases=("subsectors",)),
    Table("workforce", "workforce.parquet", WorkforceStats, ("group_type", "group", "measure"),
          "Workforce statistics of each measure for each group of workers."),
    Table("working_time", "working_time.parquet", WorkingTime, ("level", "code"),
          "Working-time scenario of each OEWS occupation code and NAICS sector."),
    Table("occupation_panel", "occupation_panel.parquet", OccupationPanel, ("soc_code", "year"),
          "OEWS national employment and wages of each occupation code and May year, 2021-2025.",
          aliases=("panel",)),
)

#: Table name -> :class:`Table`.
TABLES: dict[str, Table] = {t.name: t for t in PROCESSED_TABLES}

#: Short name -> table name.
ALIASES: dict[str, str] = {a: t.name for t in PROCESSED_TABLES for a in t.aliases}


def get_table(name: str) -> Table:
    """The table called ``name`` (a table name or an alias).

    Parameters
    ----------
    name : str
        Table name (``"occupation_scores"``) or alias (``"occupations"``).

    Returns
    -------
    Table

    Raises
    ------
    exposure.errors.ExposureError
        If no table has that name.

    Examples
    --------
    >>> get_table("occupations").filename
    'occupation_scores.parquet'
    >>> get_table("jobs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'jobs'; choose one of occupation_panel, ...
    """
    key = ALIASES.get(name, name)
    if key not in TABLES:
        known = sorted(set(TABLES) | set(ALIASES))
        raise ExposureError(f"unknown table {name!r}; choose one of {', '.join(known)}")
    return TABLES[key]


def is_recompute_output(directory) -> bool:
    """Whether ``directory`` is the output of a recompute: it holds ``manifest.json`` and ``task_digests.parquet``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> is_recompute_output(d)
    False
    >>> for name in (MANIFEST_NAME, TABLES["task_digests"].filename):
    ...     _ = (d / name).write_bytes(b"")
    >>> is_recompute_output(d)
    True
    """
    directory = Path(directory)
    return (directory / MANIFEST_NAME).is_file() and (directory / TABLES["task_digests"].filename).is_file()


#: Entries of a directory that :func:`recompute_output_near` looks at for a recompute output it holds.
HELD_LIMIT = 500


def recompute_output_near(real: Path) -> tuple[str, Path] | None:
    """The recompute output that ``real`` lies inside, or else one it holds: ``("inside", dir)``, ``("holds", dir)`` or None.

    The one rule of the outputs that must not be written among a recompute's tables
    (``exposure recompute --out``, ``exposure rollup -o``, :meth:`exposure.rollup.Rollup.write`):
    a directory inside a recompute output (:func:`is_recompute_output`) would be carried
    along by the next recompute of it; a directory holding one would carry it along into
    the directory that replaces it. Only the first :data:`HELD_LIMIT` entries of ``real``
    are looked at; hidden entries (a killed run's temporary directory) and links are
    skipped. Each caller words its own refusal.

    Parameters
    ----------
    real : pathlib.Path
        The output directory, resolved (``exposure._io.real_path``); it need not exist.

    Examples
    --------
    >>> import tempfile
    >>> top = Path(tempfile.mkdtemp())
    >>> run = top / "run"
    >>> run.mkdir()
    >>> recompute_output_near(run / "sub") is None
    True
    >>> for name in (MANIFEST_NAME, TABLES["task_digests"].filename):
    ...     _ = (run / name).write_bytes(b"")
    >>> recompute_output_near(run / "sub") == ("inside", run)
    True
    >>> recompute_output_near(top) == ("holds", run)
    True
    """
    for parent in real.parents:
        if is_recompute_output(parent):
            return "inside", parent
    try:
        with os.scandir(real) as entries:
            held = [Path(entry.path) for entry in itertools.islice(entries, HELD_LIMIT)
                    if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)]
    except OSError:  # no directory yet, or not listed: nothing held
        return None
    for child in sorted(held):
        if is_recompute_output(child):
            return "holds", child
    return None
