"""Compare two recompute outputs, e.g. O*NET 29.1 against O*NET 30.1.

:func:`diff_outputs` reads two output directories of :func:`exposure.pipeline.recompute`
and reports:

- tasks **added** and **removed** (a ``(onetsoc_code, task_id)`` pair present in only one
  release), **reworded** (same pair, different normalized text, compared through the
  ``text_digest`` of ``task_digests.parquet``) and **moved** (a ``task_id`` that changed
  occupation; reworded too when its text changed with it); for tasks kept, whether their
  task type or their linked detailed work activities (``dwa_digest``) changed, and how
  far their score moved;
- occupations whose exposure (``beta``) moved most (a moved task is a task change of its
  old occupation and of its new one; its ``old_beta`` is its score in the old one);
- the change of every sector and subsector, and those of one release only (the summary's
  ``sectors_added`` and ``sectors_removed``, sectors and subsectors together).

The releases are those of each directory's ``manifest.json``, else those its tables
record (the Parquet metadata ``exposure.releases``); a table recording other releases than
its directory's comes from another recompute and is refused.

A warning says when the first directory holds the later release (the two swapped), or
when the two were scored by different scorers or rolled up otherwise (their
``manifest.json``): the moves would not be the release's.

A score missing in a release (an unscored task, an occupation without a scored task, a
sector or subsector without a released, scored cell) is no move: the summary counts such
tasks, occupations and industries apart (``tasks_kept_beta_missing``,
``occupations_beta_missing``, ``sectors_beta_missing``). An infinite score, or one
outside 0-1, is refused, naming its file, row and column.

Each directory is read under a shared lock (:func:`exposure._outdir.read_lock`): a
recompute replacing it meanwhile is refused, and so is a diff of a directory being
replaced.

Float noise is no move: a move counts in ``..._beta_moved_gt_0.01`` (``0.05``) when it
exceeds the bound by more than :data:`NOISE` (a move of 0.5 -> 0.51, 0.010000000000000009
in floating point, is no move of more than 0.01), occupations moved by noise only keep
their code order, and a move of noise below zero is written ``0.0``, not ``-0.0``. Two
outputs that differ by noise at most are :attr:`ReleaseDiff.unchanged`.

:func:`write_diff_reports` writes them as ``diff_summary.csv``, ``diff_tasks.csv``,
``diff_occupations.csv`` and ``diff_sectors.csv``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import numbers
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import check_count, check_path, is_number, shown
from exposure._io import dangling_link, pyarrow_parquet, write_csv
from exposure._load import (
    check_level,
    check_manifest_format,
    check_recompute_dir,
    load,
    load_manifest,
)
from exposure._outdir import OutputPathError, read_lock, refuse_file_named_dir, replace_directory
from exposure._tables import MAX_TASK_ID, refuse_multilevel_columns
from exposure.errors import DataFormatError, ExposureError, InputError
from exposure.fetch import refuse_read_folders, refuse_spaces
from exposure.measures._crosswalk import check_once
from exposure.releases import _release_order
from exposure.rollup._run import COVERAGE_NAME
from exposure.schemas import validate
from exposure.schemas._catalog import MANIFEST_NAME, is_recompute_output
from exposure.schemas._fields import (
    DIGEST_PATTERN,
    OEWS_NAICS_PATTERN,
    TASK_TYPES,
    _first_mismatch,
    code_hint,
    first_bad_onetsoc_code,
    first_bad_soc_code,
)
from exposure.schemas._pipeline import DiffOccupations, DiffSectors, DiffTasks, TaskDigests

__all__ = ["NOISE", "ReleaseDiff", "check_diff_dir", "diff_tasks", "diff_outputs", "is_recompute_output",
           "refuse_recompute_output", "report_frame", "write_diff_reports"]

log = logging.getLogger(__name__)

_KEY = ["onetsoc_code", "task_id"]

#: Largest difference of two scores read as float noise (a score recomputed with another
#: summation order), not as a move.
NOISE = 1e-12


@dataclass
class ReleaseDiff:
    """Result of :func:`diff_outputs`.

    Attributes
    ----------
    summary : pandas.DataFrame
        ``item``, ``count``.
    tasks : pandas.DataFrame
        One row per changed task (schema ``DiffTasks``).
    occupations : pandas.DataFrame
        Every occupation of either release, largest ``|delta_beta|`` first
        (schema ``DiffOccupations`` plus ``soc_title``).
    sectors : pandas.DataFrame
        Every sector and subsector (schema ``DiffSectors``).
    old_releases, new_releases : dict
        The ``releases`` entry of each manifest.
    unchanged : bool, default False
        True when the two outputs hold the same tasks (no task added, removed, reworded
        or moved, no task type or DWA link changed), occupations and industries, with
        the same scores, task counts and exposed workers (equal within :data:`NOISE`,
        relative for the counts, or missing in both).
    """

    summary: pd.DataFrame
    tasks: pd.DataFrame
    occupations: pd.DataFrame
    sectors: pd.DataFrame
    old_releases: dict
    new_releases: dict
    unchanged: bool = False


def diff_tasks(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Classify the tasks that differ between two ``task_digests`` tables.

    Parameters
    ----------
    old, new : pandas.DataFrame
        ``onetsoc_code``, ``task_id``, ``text_digest`` (see
        :func:`exposure.pipeline.task_digests`).

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code``, ``task_id``, ``change`` (added / removed / reworded / moved),
        sorted by key. A moved task is reported under its new occupation, as ``moved``,
        and also as ``reworded`` when its text differs from the one it had in its old
        occupation (it was reported as ``moved`` only: the new wording went unsaid).
        Columns of any dtype are read, categorical ones too (two releases' categories
        differ: pandas' ``TypeError`` or ``AssertionError`` from inside the comparison,
        before).

    Raises
    ------
    exposure.errors.DataFormatError
        ``old`` or ``new`` that is not a DataFrame or lacks a column, or holds one twice,
        or has column names of two levels (a ``KeyError`` before);
        a missing or malformed ``onetsoc_code``, a ``task_id`` that is missing or not a
        whole number from 0 to 2**63 - 1 (``1e20`` wrapped round to a negative id), a
        ``text_digest`` that is missing or not text (two missing digests were counted as
        a rewording, ``5`` and ``"5"`` too), or a key given twice, naming the argument,
        the row (counted from 1) and the column. Before: a ``KeyError`` or ``TypeError``,
        pandas' ``IntCastingNaNError``, or a key given twice compared as it came.

    Examples
    --------
    >>> old = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
    ...                     "text_digest": ["a", "b", "c"]})
    >>> new = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3 + ["11-2011.00"],
    ...                     "task_id": [1, 2, 4, 3], "text_digest": ["a", "B", "d", "c"]})
    >>> diff_tasks(old, new)
      onetsoc_code  task_id    change
    0   11-1011.00        2  reworded
    1   11-1011.00        4     added
    2   11-2011.00        3     moved
    """
    cols = _KEY + ["text_digest"]
    old, new = (_needed(_frame(f, name), name, _KEY, numbers=(), others=["text_digest"])
                for f, name in ((old, "old"), (new, "new")))
    for frame, name in ((old, "old"), (new, "new")):
        bad = _first_bad(frame["text_digest"], lambda v: isinstance(v, str), "a text digest (str)")
        if bad is not None:
            raise DataFormatError(bad[1], path=name, row=bad[0] + 1, column="text_digest")
    # checked: compared as plain values (categories of two releases differ: pandas' TypeError, or its
    # AssertionError for categorical ids)
    old, new = (f[cols].astype({"onetsoc_code": object, "task_id": "int64", "text_digest": object})
                for f in (old, new))
    both = old.merge(new, on=_KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    reworded = both[(both["_merge"] == "both")
                    & (both["text_digest_old"] != both["text_digest_new"])]
    only_old = both[both["_merge"] == "left_only"]
    only_new = both[both["_merge"] == "right_only"]
    moved_ids = set(only_old["task_id"]) & set(only_new["task_id"])
    moved = only_new[only_new["task_id"].isin(moved_ids)]
    # a moved task whose text changed too: reworded as well (it was "moved" only, the new wording unsaid)
    old_texts = only_old.groupby("task_id")["text_digest_old"].agg(frozenset)
    moved_reworded = moved[np.array([text not in old_texts[task_id] for task_id, text in
                                     zip(moved["task_id"], moved["text_digest_new"], strict=True)], dtype=bool)]
    parts = [
        reworded[_KEY].assign(change="reworded"),
        moved_reworded[_KEY].assign(change="reworded"),
        only_new[~only_new["task_id"].isin(moved_ids)][_KEY].assign(change="added"),
        only_old[~only_old["task_id"].isin(moved_ids)][_KEY].assign(change="removed"),
        moved[_KEY].assign(change="moved"),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["task_id"] = out["task_id"].astype("int64")
    return out.sort_values(_KEY + ["change"], kind="stable").reset_index(drop=True)


def _check_dir(directory, name: str = "directory") -> Path:
    """``directory`` as a Path; refuse one that is not a path, does not exist or is a file.

    The diff reads a recompute's ``--out``; ``name`` is the argument, for the message (None
    raised ``TypeError: expected str, bytes or os.PathLike object``).
    """
    return check_recompute_dir(check_path(directory, name, "a directory path"))


def _manifest(directory) -> dict:
    """A directory's ``manifest.json`` (read once): ``{}`` without one, an error if corrupt.

    Its ``releases`` is an object (``{}`` when absent): a ``null`` one is refused.
    """
    path = Path(directory) / MANIFEST_NAME
    if path.is_dir():  # was read as no manifest: the tables went unchecked, exit 0
        raise DataFormatError("is a directory, not a file (the manifest.json of exposure recompute "
                              "is expected)", path=path)
    if not path.is_file():
        return {}
    try:
        manifest = load_manifest(directory)
    except (DataFormatError, InputError):  # corrupt or unreadable: named by load_manifest
        raise
    except ExposureError:  # gone since the check above
        return {}
    check_manifest_format(manifest, path)  # an output of a newer version was diffed as this one's
    releases = manifest.get("releases", {})
    if not isinstance(releases, dict):
        raise DataFormatError("manifest.json has no 'releases' object", path=path)
    for key, value in releases.items():  # a list was written into the summary as "['30.1']"
        if not _release_value(value):
            raise DataFormatError(f"releases[{key!r}] must be a release such as '29.1' (text) or null, got "
                                  f"{shown(value)}", path=path)
    return manifest


def _release_value(value) -> bool:
    """Whether ``value`` can be written as a release: text, a finite number (``2025``) or None (unknown).

    ``NaN`` (what ``json.dump`` writes for a float ``nan``) and ``Infinity`` were taken as
    releases, written into the summary as ``nan`` and ``inf``.

    Examples
    --------
    >>> [_release_value(v) for v in ("29.1", 2025, 10**400, None, float("nan"), float("inf"), ["30.1"])]
    [True, True, True, True, False, False, False]
    """
    # a whole number of any size (JSON's), whatever is_number makes of one beyond 64 bits
    return (value is None or isinstance(value, str)
            or (isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)))
            or (is_number(value) and math.isfinite(value)))


#: Tables ``exposure diff`` reads from each directory (``soc_scores``, for titles, may be absent).
_DIFF_TABLES = ("task_digests", "task_scores", "occupation_scores", "sector_scores", "subsector_scores",
                "soc_scores")


#: A sha256 as ``manifest.json`` records it.
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")

#: Key of the Parquet metadata in which a recompute records the releases of each table.
_RELEASES_KEY = b"exposure.releases"


def _check_tables(directory: Path, manifest: dict) -> None:
    """Refuse tables that differ from what the directory's ``manifest.json`` recorded.

    A recompute records each table's sha256 in its manifest; a table changed since (edited,
    or copied in from another run) would be diffed under the wrong releases, or with
    columns or rows the diff does not expect.

    A ``tables`` record that is not an object, or an entry of a table the diff reads
    without a sha256 (``null``, a number, no key): the tables went unchecked, or the table
    was called changed (``instead of None...``); refused as a damaged manifest. A sha256
    in upper case or with surrounding spaces (``Get-FileHash``'s, a pasted line end) is
    read as :func:`exposure._load.check_recorded` (so ``exposure.load``) reads it: it was
    refused as "no sha256", the manifest called damaged. A table
    the diff reads that the manifest does not list, although it lists the tables of its
    recompute, was copied in (it went unchecked): refused. A ``tables`` record that is empty
    (``{}``) while the directory holds the tables is a manifest edited by hand: it is named
    (every table was called copied in from another run). A ``soc_scores.parquet`` the
    manifest lists that is gone is refused as lost: the diff went on without a word,
    ``diff_occupations.csv``'s ``soc_title`` turned into the O*NET titles
    (``Nuclear Monitoring Technicians`` for ``Nuclear Technicians``).
    """
    if "tables" not in manifest:
        return
    tables = manifest["tables"]
    releases = manifest.get("releases")
    path = directory / MANIFEST_NAME
    if not isinstance(tables, dict):
        raise DataFormatError(f"its 'tables' must be an object (table file -> its rows, columns and sha256), got "
                              f"{shown(tables)}: the manifest is damaged; recompute this directory", path=path)
    for name in _DIFF_TABLES:
        entry = tables.get(f"{name}.parquet")
        table = directory / f"{name}.parquet"
        if f"{name}.parquet" not in tables:
            if os.path.lexists(table) and not tables:  # every table "copied in", diff "two whole outputs"
                raise DataFormatError(f"its 'tables' is empty, but a recompute lists each table it writes with its "
                                      f"sha256 ({name}.parquet beside it is not listed): the manifest was edited "
                                      "since the recompute; recompute this directory", path=path)
            if os.path.lexists(table):  # copied in: it went unchecked, diffed as the release's
                raise DataFormatError(f"{MANIFEST_NAME} beside it does not list this table, although it lists the "
                                      "tables of its recompute: it was copied in from another run, or written by "
                                      "hand; diff two whole recompute outputs", path=table)
            continue
        sha = entry.get("sha256") if isinstance(entry, dict) else None
        # read as exposure.load reads it (check_recorded): PowerShell's upper case, a pasted line end
        recorded = sha.strip().lower() if isinstance(sha, str) else None
        if not (recorded is not None and _SHA256.match(recorded)):
            got = (("no 'sha256'" if "sha256" not in entry else f"sha256 {shown(sha)}") if isinstance(entry, dict)
                   else shown(entry))
            raise DataFormatError(f"tables[{name + '.parquet'!r}] records no sha256 (64 hexadecimal digits), got "
                                  f"{got}: the manifest is damaged; recompute this directory", path=path)
        if not os.path.lexists(table):  # soc_scores (the others are checked by _check_complete)
            # lost since the recompute: diff_occupations.csv's soc_title silently became the O*NET titles
            raise DataFormatError(f"missing, although {MANIFEST_NAME} beside it lists it among the tables of the "
                                  f"recompute of {_recompute_of(releases)}: the directory lost it since (the diff "
                                  "reads its SOC titles for diff_occupations.csv); copy the table back, or "
                                  "recompute this directory", path=table)
        if not table.is_file():
            continue
        digest = hashlib.sha256(table.read_bytes()).hexdigest()
        if digest != recorded:
            raise DataFormatError(
                f"this table is not the one manifest.json recorded (sha256 {digest[:12]}... instead of "
                f"{recorded[:12]}...): it was changed, or copied from another run, after the "
                f"recompute of {_recompute_of(releases)}; diff two whole recompute outputs",
                path=table)


def check_diff_dir(directory) -> Path:
    """Check, before any work, that ``directory`` is an output :func:`diff_outputs` can read.

    It must be a directory holding the tables the diff reads (``task_digests``,
    ``task_scores``, ``occupation_scores``, ``sector_scores``, ``subsector_scores``), each
    the one its ``manifest.json`` recorded (when the manifest lists it).

    Raises
    ------
    exposure.errors.ExposureError
        A table is missing (every missing one named); an output of ``exposure rollup``
        is named as such, and a folder holding recompute outputs, or lying inside one,
        names them (:func:`_outputs_near`).
    exposure.errors.DataFormatError
        ``directory`` is not a path, does not exist or is a file; a directory in a table's
        place, or a symbolic link to nothing (called missing before); a corrupt manifest
        (also a ``tables`` record that is not an object, or a table the diff reads
        recorded without a sha256, or a ``soc_scores`` it lists that is gone), or one of a manifest format this
        version does not read (a newer version's output), a table that is not the one it
        recorded, or that it does not list although it lists the others, or one
        recording other releases than the manifest or the other tables.
    exposure._outdir.RecomputeLockedError
        A run is replacing ``directory`` (:func:`exposure._outdir.read_lock`).

    Examples
    --------
    >>> import tempfile
    >>> check_diff_dir(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: ...: not an exposure recompute output: task_digests.parquet, task_scores.parquet, ... missing
    """
    directory = _check_dir(directory)
    _check_complete(directory)
    with read_lock(directory):  # not replaced by a recompute while its tables are checked
        manifest = _manifest(directory)
        _check_tables(directory, manifest)
        _table_releases(directory, manifest)
    return directory


def refuse_recompute_output(reports_dir, name: str = "reports_dir", what: str = "the diff reports") -> None:
    """Refuse a directory of reports that is the output of a recompute (:func:`is_recompute_output`).

    ``exposure diff OLD NEW --reports RUN``, ``RUN`` the output of a third recompute, wrote
    the four ``diff_*.csv`` among its tables, exit 0 (a later recompute of ``RUN`` kept them,
    stale): refused as ``--reports OLD_DIR`` is. ``name`` is the option and ``what`` the
    reports (``exposure validate --report-dir`` refuses its own so), for the message.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for file in (MANIFEST_NAME, "task_digests.parquet"):
    ...     _ = (d / file).write_bytes(b"")
    >>> refuse_recompute_output(d, "--reports")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: --reports ...: the output of a recompute (it holds manifest.json and task_digests.parquet): the diff reports would be written among its tables; give a directory of their own, such as .../reports
    """
    if is_recompute_output(reports_dir):
        raise OutputPathError(f"{name} {reports_dir}: the output of a recompute (it holds {MANIFEST_NAME} and "
                              f"task_digests.parquet): {what} would be written among its tables; give a "
                              f"directory of their own, such as {Path(reports_dir) / 'reports'}")


def _check_complete(directory: Path) -> None:
    """Refuse a directory lacking a table the diff reads, naming every missing one.

    An output of ``exposure rollup -o`` (its ``coverage.json``, no ``manifest.json``) is
    named as such: it holds the occupation and sector tables but no task table, and was
    called "not an exposure recompute output: task_digests.parquet, task_scores.parquet
    missing", as if a recompute had lost two of its tables. A table that is a symbolic
    link to nothing (a table linked from a scratch folder since purged) is named as such:
    it was called missing, its directory "not an exposure recompute output".
    """
    missing = [f"{name}.parquet" for name in _DIFF_TABLES[:-1] if not (directory / f"{name}.parquet").exists()]
    for name in missing:  # a link to nothing (a purged scratch folder): "not an exposure recompute output"
        if os.path.islink(directory / name):
            raise DataFormatError(f"is {dangling_link(directory / name)} (the {name.removesuffix('.parquet')} table "
                                  "of exposure recompute is expected): point the link at the table, or recompute "
                                  "this directory", path=directory / name)
    if missing and (directory / COVERAGE_NAME).is_file() and not os.path.lexists(directory / MANIFEST_NAME):
        raise ExposureError(f"{directory}: an output of exposure rollup (it holds {COVERAGE_NAME}), not of exposure "
                            "recompute: the diff compares two recompute outputs, reading the task fingerprints "
                            "and scores (task_digests.parquet, task_scores.parquet) that a roll-up does not "
                            "write; give the --out directory of a run of exposure recompute instead")
    if missing:
        raise ExposureError(f"{directory}: not an exposure recompute output: {', '.join(missing)} missing"
                            + (_outputs_near(directory) if len(missing) == len(_DIFF_TABLES) - 1 else ""))
    for name in _DIFF_TABLES[:-1]:  # it was called missing
        if (directory / f"{name}.parquet").is_dir():
            raise DataFormatError(f"is a directory, not a file (the {name} table of exposure recompute is expected)",
                                  path=directory / f"{name}.parquet")


#: Sub-directories :func:`_outputs_near` looks into (a home directory may hold thousands).
_NEAR_LIMIT = 500


def _outputs_near(directory: Path) -> str:
    """Where the recompute outputs are, for a directory holding none of the diff's tables.

    The folder of several outputs (the user data directory's ``processed``, holding
    ``onet-29.1_oews-2025`` and ``onet-30.1_oews-2025``), or a folder inside one (its
    ``reports``, holding the diff reports), was called ``not an exposure recompute
    output`` with the five tables listed as missing, and nothing said where they are.
    Returns ``""`` when neither is found. Hidden entries are skipped, as
    :func:`exposure.load` skips them: the temporary directory a killed recompute left
    beside its output (``.onet-30.1_oews-2025.k2x9abcd.tmp``, which the next run into it
    removes) was named as the output to give.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("onet-30.1_oews-2025", "onet-29.1_oews-2025"):
    ...     (d / name).mkdir()
    ...     _ = (d / name / "task_digests.parquet").write_bytes(b"")
    >>> _outputs_near(d)  # doctest: +ELLIPSIS
    '; it is a folder of recompute outputs (onet-29.1_oews-2025, onet-30.1_oews-2025): give one of them, such as .../onet-29.1_oews-2025'
    >>> _outputs_near(d / "onet-29.1_oews-2025" / "reports")  # doctest: +ELLIPSIS
    '; it lies inside the recompute output .../onet-29.1_oews-2025: give that directory'
    """
    for parent in directory.parents:  # as written: a relative path stays relative
        if (parent / "task_digests.parquet").is_file():
            return f"; it lies inside the recompute output {parent}: give that directory"
    found = []
    try:
        with os.scandir(directory) as entries:
            for pos, entry in enumerate(entries):
                if pos >= _NEAR_LIMIT:
                    break
                # a hidden one is no output to give (exposure.load skips them too): the temporary
                # directory of a killed recompute (.<name>.<random>.tmp) was named, first of all
                if entry.name.startswith("."):
                    continue
                if entry.is_dir() and (Path(entry.path) / "task_digests.parquet").is_file():
                    found.append(entry.name)
    except OSError:  # not listed: the missing tables are named all the same
        return ""
    if not found:
        return ""
    found.sort()
    shown_names = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
    return (f"; it is a folder of recompute outputs ({shown_names}): give one of them, such as "
            f"{directory / found[0]}")


def _shown_releases(releases: dict) -> str:
    """``{'onet': '29.1', 'oews': '2025'}`` as ``oews 2025, onet 29.1``.

    A release recorded as ``null`` (unknown) is ``unknown``, not Python's ``None``.

    >>> _shown_releases({"onet": "30.1", "oews": None})
    'oews unknown, onet 30.1'
    """
    return ", ".join(f"{k} {'unknown' if v is None else v}" for k, v in sorted(releases.items())) or "none"


def _recompute_of(releases) -> str:
    """The recompute of ``releases`` (a manifest's) in words: ``(oews 2025, onet 29.1)``.

    ``this directory`` when the manifest records none (it was printed as a Python dict,
    ``{'onet': '30.1', 'oews': '2025'}``).
    """
    return f"({_shown_releases(releases)})" if isinstance(releases, dict) and releases else "this directory"


def _table_releases(directory: Path, manifest: dict) -> dict:
    """The releases of ``directory``: its manifest's, else those its tables record.

    A recompute records the releases in the Parquet metadata of each table
    (``exposure.releases``). A table recording other releases than the manifest, or than
    the other tables, comes from another recompute (the manifest lists no sha256 of it):
    it was diffed without a word, under the manifest's releases. A directory without a
    manifest had no releases: the summary named none, and a swap gave no warning. A table
    the manifest lists (its sha256 checked by :func:`_check_tables`) recording other
    releases means the manifest's ``releases`` were edited by hand: the manifest is named
    (it was called a table "from another recompute", to be replaced by a whole output).
    """
    releases = dict(manifest.get("releases") or {})
    source = MANIFEST_NAME if releases else None
    for name in _DIFF_TABLES:
        path = directory / f"{name}.parquet"
        if not path.is_file():
            continue
        try:
            meta = pyarrow_parquet().read_schema(path).metadata or {}
            recorded = json.loads(meta[_RELEASES_KEY]) if _RELEASES_KEY in meta else None
        except (OSError, ValueError):  # unreadable: named when the table is read
            continue
        if not isinstance(recorded, dict) or not all(_release_value(v) for v in recorded.values()):
            continue
        if source is None:
            releases, source = recorded, path.name
            continue
        if any(releases.get(k) is not None and recorded.get(k) is not None and str(releases[k]) != str(recorded[k])
               for k in {*releases, *recorded}):
            if source == MANIFEST_NAME and path.name in (manifest.get("tables") or {}):
                # the table is the one the manifest recorded (its sha256, checked by _check_tables): the
                # manifest's releases were edited, not the table copied in ("diff two whole outputs")
                raise DataFormatError(f"its 'releases' ({_shown_releases(releases)}) are not those of the tables it "
                                      f"lists: {path.name}, the very table it recorded (sha256), records "
                                      f"({_shown_releases(recorded)}); the manifest was edited since the recompute: "
                                      "write back the releases of its tables, or recompute this directory",
                                      path=directory / MANIFEST_NAME)
            raise DataFormatError(f"this table records the releases ({_shown_releases(recorded)}), but {source} "
                                  f"records ({_shown_releases(releases)}): it comes from another recompute; diff two "
                                  "whole recompute outputs", path=path)
    return releases


def _frame(value, name: str) -> pd.DataFrame:
    """Refuse an argument ``name`` that is not a DataFrame (a path: ``TypeError`` from inside)."""
    if not isinstance(value, pd.DataFrame):
        raise DataFormatError(f"{name} must be a pandas DataFrame (a task_digests table), got {shown(value)}")
    return value


def _whole(value) -> bool:
    """Whether ``value`` is a task id: a whole number (``1`` or ``1.0``, not ``"1"`` or True) of 64 bits, 0 or more.

    ``1e20`` wrapped round to ``-9223372036854775808`` when the ids were made integers.
    """
    whole = ((isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)))
             or (isinstance(value, float) and value.is_integer()))
    return whole and 0 <= value <= MAX_TASK_ID


def _first_bad(values: pd.Series, fits, what: str) -> tuple[int, str] | None:
    """Position of the first cell of ``values`` that is missing or not ``fits``, and what it is."""
    for pos, value in enumerate(values.to_numpy(dtype=object)):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return pos, "missing"
        if not fits(value):
            return pos, f"not {what}: {value!r}"
    return None


def _first_bad_naics(codes: pd.Series) -> tuple[int, str] | None:
    """Position of the first cell of ``codes`` that is not a NAICS code as OEWS writes it, and what it is.

    A missing cell, one that is not text (``52``), or text that is not an OEWS industry
    code (``" 52"``, ``""``: a sector of its own, "removed" as ``52`` and "added" as
    ``" 52"``, before), checked as the roll-up checks the codes it writes
    (:data:`~exposure.schemas._fields.OEWS_NAICS_PATTERN`), saying what the text may be
    (:func:`~exposure.schemas._fields.code_hint`, as the SOC codes' check says it:
    ``' 52'`` and ``'31–33'`` were refused without a word of why).

    Examples
    --------
    >>> _first_bad_naics(pd.Series(["52", "31-33", "522000", " 52"]))
    (3, "not an OEWS industry code (like 11, 31-33 or 113000): ' 52': spaces around the code: write '52'")
    """
    bad = _first_bad(codes, lambda v: isinstance(v, str), "a NAICS code as text (like '52')")
    malformed = _first_mismatch(codes, OEWS_NAICS_PATTERN, "an OEWS industry code (like 11, 31-33 or 113000)")
    if malformed is not None and isinstance(codes.iloc[malformed[0]], str):
        malformed = malformed[0], malformed[1] + code_hint(codes.iloc[malformed[0]], OEWS_NAICS_PATTERN)
    return bad if malformed is None or (bad is not None and bad[0] <= malformed[0]) else malformed


#: Key column -> the check of its cells: a key of another type failed in pandas' merge
#: (``You are trying to merge on str and int64 columns``); a missing one matched nothing.
_KEY_CHECKS = {
    "onetsoc_code": first_bad_onetsoc_code,
    "task_id": lambda ids: _first_bad(ids, _whole, f"a task id (a whole number from 0 to {MAX_TASK_ID})"),
    "naics": _first_bad_naics,
    "soc_code": first_bad_soc_code,  # a padded code lost its title, a code twice kept its first
}


#: Number column -> (lowest, highest) value it may hold (None: no bound); the diff's own
#: schemas refused a value outside them, naming the output (``diff_occupations, row 0``),
#: not the table it came from, and an infinite one went through (a task beta of ``inf``
#: was counted as moved, an ``inf`` count written out).
_BOUNDS = {"beta": (0.0, 1.0), "n_tasks": (0.0, None), "exposed_workers": (0.0, None)}


def _check_numbers(frame: pd.DataFrame, path, column: str) -> None:
    """Refuse a value of ``frame[column]`` that is infinite or outside :data:`_BOUNDS` (missing passes)."""
    values = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    infinite = np.flatnonzero(np.isinf(values))
    if len(infinite):
        raise DataFormatError(f"not a finite number: {values[infinite[0]]}", path=path,
                              row=int(infinite[0]) + 1, column=column)
    low, high = _BOUNDS.get(column, (None, None))
    with np.errstate(invalid="ignore"):
        out = ((values < low) if low is not None else False) | ((values > high) if high is not None else False)
    out = np.flatnonzero(out)
    if len(out):
        raw = frame[column].iloc[int(out[0])]
        raw = raw.item() if hasattr(raw, "item") else raw
        what = f"a fraction from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
        raise DataFormatError(f"{column} must be {what}, got {raw!r}", path=path, row=int(out[0]) + 1,
                              column=column)


def _stored_numbers(values: pd.Series, path, column: str) -> pd.Series:
    """A column of numbers stored under another dtype (``object``: numbers and None) as floats.

    A cell that is not a number is refused naming its row and value: the table was not
    written by ``exposure recompute``, which stores numbers as numbers (text, even
    ``'0.75'``, is not read: ``'0,75'`` and ``'1,234'`` would need a reader's rules). The
    column alone was named before (``not numbers (dtype str)``), and a column of numbers
    and None stored as ``object`` was refused.
    """
    cells = values.to_numpy(dtype=object)
    for pos, value in enumerate(cells):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            continue
        if not is_number(value):
            kind = "text" if isinstance(value, str) else type(value).__name__
            raise DataFormatError(f"not numbers (dtype {values.dtype}): row {pos + 1} holds {value!r} ({kind}); "
                                  "exposure recompute stores numbers as numbers", path=path, column=column)
    return pd.Series([np.nan if v is None or v is pd.NA else float(v) for v in cells], index=values.index,
                     dtype="float64")


def _needed(frame: pd.DataFrame, path, key, numbers=("beta",), others=(), level=None) -> pd.DataFrame:
    """``frame`` (a table the diff reads unvalidated), checked for what the diff uses of it.

    The ``key`` columns (their cells checked by :data:`_KEY_CHECKS`), each key once, the
    ``numbers`` columns as finite numbers within :data:`_BOUNDS` (or missing), the
    ``others`` columns present, each of these columns once, and with ``level`` every
    ``level`` cell equal to it; a failure names ``path`` (the table's file, or the
    argument), the row and the column. Column names of two levels are refused
    (:func:`exposure._tables.refuse_multilevel_columns`).
    """
    # ('onetsoc_code', '') columns passed the check below: a KeyError from inside pandas
    refuse_multilevel_columns(frame, "the table", path=path)
    missing = [c for c in (*key, *numbers, *others) if c not in frame.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}", path=path)
    check_once(frame, (*key, *numbers, *others), path)  # read as a frame of two columns: "not a task id: array([1, 1])"
    frame = frame.reset_index(drop=True)
    for column in key:
        bad = _KEY_CHECKS[column](frame[column])
        if bad is not None:
            raise DataFormatError(bad[1], path=path, row=bad[0] + 1, column=column)
    repeat = frame.duplicated(list(key)) if len(key) else pd.Series(False, index=frame.index)
    if repeat.any():
        pos = int(repeat.to_numpy().argmax())
        value = tuple(v.item() if hasattr(v, "item") else v for v in frame.loc[pos, list(key)])
        raise DataFormatError(f"key {value} appears twice", path=path,
                              row=pos + 1, column=key[-1])
    for column in numbers:
        if not (pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])):
            frame = frame.assign(**{column: _stored_numbers(frame[column], path, column)})
        _check_numbers(frame, path, column)
        if column == "n_tasks":  # a count: 1.5 was written into diff_occupations as it came
            values = frame[column].to_numpy(dtype="float64", na_value=np.nan)
            frac = np.flatnonzero(~np.isnan(values) & (values % 1 != 0))
            if len(frac):
                raise DataFormatError(f"n_tasks must be a whole number, got {float(values[frac[0]])!r}", path=path,
                                      row=int(frac[0]) + 1, column=column)
    if level is not None:  # "Sector" or a missing level: DiffSectors refused it as row 3 of diff_sectors
        check_level(frame, f"{level}_scores", path)  # as exposure.load checks the table
    return frame


def _table(directory: Path, name: str, key, numbers=("beta",), others=(), level=None) -> pd.DataFrame:
    """Table ``name`` of ``directory``, read unvalidated and checked by :func:`_needed`."""
    frame = _not_empty(load(name, directory=directory, validate=False), directory / f"{name}.parquet")
    return _needed(frame, directory / f"{name}.parquet", key, numbers, others, level)


def _not_empty(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Refuse a table without rows: every task or occupation of the other release was "removed"."""
    if len(frame) == 0:
        raise DataFormatError("holds no rows: exposure recompute writes every task, occupation and industry of a "
                              "release; diff two whole recompute outputs", path=path)
    return frame


def _check_counted(digests: pd.DataFrame, occ: pd.DataFrame, directory: Path) -> None:
    """Refuse an ``occupation_scores`` whose occupations or ``n_tasks`` are not those of ``task_digests`` beside it.

    A recompute rolls every task it fingerprints up to its occupation, counting it in
    ``n_tasks`` (scored or not): an occupation of ``task_digests`` without a row, or an
    ``n_tasks`` other than the occupation's count of tasks there, means tables of two
    runs; ``old_n_tasks`` / ``new_n_tasks`` and the occupations added or removed were
    written without a word. A missing ``n_tasks`` is not checked.
    """
    counts = digests.groupby("onetsoc_code", sort=False).size()
    scored = pd.Index(occ["onetsoc_code"])
    lacking = np.flatnonzero(~digests["onetsoc_code"].isin(scored).to_numpy(dtype=bool))
    if len(lacking):
        pos = int(lacking[0])
        raise DataFormatError(f"occupation {digests['onetsoc_code'].iloc[pos]!r} has no row in occupation_scores.parquet "
                              "beside it (a recompute rolls every task up to its occupation): the two tables are not "
                              "of one recompute; diff two whole recompute outputs",
                              path=directory / "task_digests.parquet", row=pos + 1, column="onetsoc_code")
    expected = occ["onetsoc_code"].map(counts).fillna(0).to_numpy(dtype="float64")
    found = occ["n_tasks"].to_numpy(dtype="float64", na_value=np.nan)
    odd = np.flatnonzero(~np.isnan(found) & (found != expected))
    if len(odd):
        pos = int(odd[0])
        n = int(expected[pos])
        raise DataFormatError(f"occupation {occ['onetsoc_code'].iloc[pos]!r} has n_tasks {found[pos]:g}, but "
                              f"task_digests.parquet beside it lists {n} task{'s' if n != 1 else ''} of it: the two "
                              "tables are not of one recompute; diff two whole recompute outputs",
                              path=directory / "occupation_scores.parquet", row=pos + 1, column="n_tasks")


def _check_scored(digests: pd.DataFrame, scores: pd.DataFrame, directory: Path) -> None:
    """Refuse a ``task_scores`` whose tasks are not those of ``task_digests`` beside it.

    A recompute scores every task it fingerprints (an unscored one has a row, its ``beta``
    missing): a task in one table only means tables of two runs, and every such task was
    counted as "beta missing" without a word.
    """
    for (a, a_name), (b, b_name) in (((scores, "task_scores"), (digests, "task_digests")),
                                     ((digests, "task_digests"), (scores, "task_scores"))):
        inside = pd.MultiIndex.from_frame(a[_KEY]).isin(pd.MultiIndex.from_frame(b[_KEY]))
        if not inside.all():
            pos = int(np.flatnonzero(~inside)[0])
            task = tuple(v.item() if hasattr(v, "item") else v for v in a.loc[pos, _KEY])
            raise DataFormatError(f"task {task} has no row in {b_name}.parquet beside it (a recompute writes a row "
                                  "for every task in both, beta missing when unscored): the two tables are not of "
                                  "one recompute; diff two whole recompute outputs",
                                  path=directory / f"{a_name}.parquet", row=pos + 1, column="task_id")


#: Digest column of ``task_digests`` -> what it holds, for the message.
_DIGESTS = {"text_digest": "a text digest", "dwa_digest": "a DWA digest"}


def _digests(directory: Path) -> pd.DataFrame:
    """``task_digests`` of ``directory``: keys and digests checked as the other tables are, then validated.

    A task given twice, a malformed code or task id, and a missing or malformed digest were
    refused in the schema's wording, counting rows from 0 (``row 0, check
    multiple_fields_uniqueness: '(the row)'``); they are named here as in the other
    tables of the diff: the file, the (later) row counted from 1 and the column.
    """
    path = directory / "task_digests.parquet"
    frame = _not_empty(load("task_digests", directory=directory, validate=False), path)
    frame = _needed(frame, path, _KEY, numbers=(), others=(*_DIGESTS, "task_type"))
    for pos, value in enumerate(frame["task_type"].to_numpy(dtype=object)):  # pandera's words, from row 0
        if not (value is None or value is pd.NA or (isinstance(value, float) and value != value)
                or (isinstance(value, str) and value in TASK_TYPES)):
            raise DataFormatError(f"task_type must be 'Core' or 'Supplemental' (or missing), got {value!r}",
                                  path=path, row=pos + 1, column="task_type")
    pattern = re.compile(DIGEST_PATTERN)
    for column, what in _DIGESTS.items():
        bad = _first_bad(frame[column], lambda v: isinstance(v, str) and pattern.match(v) is not None,
                         f"{what} (16 hexadecimal digits)")
        if bad is not None:
            raise DataFormatError(bad[1], path=path, row=bad[0] + 1, column=column)
    return validate(frame, TaskDigests, path=path)


def _soc_titles(*dirs) -> pd.Series:
    """SOC code -> title, from the ``soc_scores`` of ``dirs`` (a directory without one is skipped).

    One that lacks ``soc_code`` or ``soc_title`` is refused, naming its file (a ``KeyError``
    before); so is one that cannot be read, or a directory in its place (the titles were
    dropped without a word: ``soc_title`` empty in every row). A blank title (``""``,
    spaces) is none: the other directory's title is taken (the blank one hid it, and
    ``diff_occupations.csv`` wrote an empty title), as :func:`_titles` reads the
    occupations' own titles.
    """
    titles = {}
    for d in dirs:
        path = d / "soc_scores.parquet"
        if not os.path.lexists(path):
            continue
        if not path.is_file():
            raise DataFormatError("is a directory, not a file (the soc_scores table of exposure recompute is "
                                  "expected, or no file of that name)" if path.is_dir() else
                                  "is not a regular file (the soc_scores table of exposure recompute is expected)",
                                  path=path)
        soc = load("soc_scores", directory=d, validate=False)
        soc = _needed(soc, path, ["soc_code"], numbers=(), others=("soc_title",))
        for code, title in zip(soc["soc_code"], soc["soc_title"]):
            if isinstance(title, str) and title.strip():  # a blank one hid the other release's title
                titles.setdefault(code, title)
    return pd.Series(titles, dtype="object")


def diff_outputs(old_dir, new_dir) -> ReleaseDiff:
    """Compare two output directories of ``exposure recompute``.

    Parameters
    ----------
    old_dir, new_dir : str or os.PathLike
        Directories holding ``task_digests.parquet``, ``task_scores.parquet``,
        ``occupation_scores.parquet``, ``sector_scores.parquet`` and
        ``subsector_scores.parquet``.

    Returns
    -------
    ReleaseDiff
        Its ``summary`` counts, besides the moves, the tasks kept whose ``beta`` is
        missing in one release or both (``tasks_kept_beta_missing``), the occupations
        of both releases whose ``beta`` is (``occupations_beta_missing``) and the sectors
        and subsectors of both releases whose ``beta`` is (``sectors_beta_missing``, the
        last row; counted with the subsectors, as ``sectors_beta_moved_gt_0.01`` is): no
        move can be measured for them, and they are in no ``..._beta_moved_gt_...``
        count. A sector's title missing in the new release is the old one, and so is an
        occupation's (a blank title is missing: it hid the old one). A task moved
        to another occupation is a task change of both (``tasks_changed``; its old
        occupation counted none), and its ``old_beta`` is its score in the old one (it
        was left empty). A moved task whose text changed too is also a ``reworded`` row
        (counted in ``tasks_reworded``; it was ``moved`` only), still one task change of
        its occupation. A move counts in ``..._beta_moved_gt_...`` when it exceeds
        the bound by more than :data:`NOISE` (``0.51 - 0.5`` is 0.010000000000000009:
        it was counted as a move of more than 0.01); occupations moved by float noise
        only are ranked as unmoved, in code order. Its ``unchanged`` says whether the
        two outputs differ by noise at most. The sectors and subsectors of one release
        only are counted too, as the occupations are (``sectors_added``,
        ``sectors_removed``, before the two ``sectors_beta_...`` rows): an industry
        added or dropped by a release was in no count, and a subsector so changed was
        reported nowhere on the command line (``diff_sectors.csv`` holds the sectors).

    Warns
    -----
    A logged warning when the first directory holds the later O*NET or OEWS release
    (the directories swapped: additions reported as removals, every delta with the
    wrong sign), or when the two ``manifest.json`` record another scorer, or another
    roll-up setting: the diff was written without a word.

    Raises
    ------
    exposure.errors.ExposureError
        A directory lacks one of the tables (both directories checked, every missing
        table named, before any table is read; an ``exposure rollup`` output, and a
        folder holding recompute outputs or lying inside one, said so).
    exposure.errors.DataFormatError
        A directory is not a path, does not exist or is a file; a table that is a symbolic
        link to nothing (called missing, its directory no recompute output, before); a
        table the diff reads that holds no rows (every task of the other release was
        "removed"); a ``task_scores`` with a task that has no row in ``task_digests`` beside it, or the
        other way round (tables of two runs: every such task counted as "beta missing");
        an ``occupation_scores`` whose ``n_tasks`` is not the occupation's count of tasks
        in ``task_digests``, or that lacks an occupation of ``task_digests`` (tables of two
        runs: the task counts and the occupations added written wrong); a
        ``manifest.json`` of a format this version does not read (``"format": 2``, a newer
        version's output, or one that is no whole number), or that lists the tables of
        its recompute but not a table the diff reads (copied in: it went unchecked);
        a table recording (Parquet metadata ``exposure.releases``) other releases than
        its directory's manifest (the manifest named when it lists the table, its releases
        edited by hand), or than its other tables; a ``tables`` record that is empty; a
        ``task_type`` other than
        ``Core`` / ``Supplemental`` (pandera's wording, rows from 0, before); a
        ``soc_scores`` with a SOC code malformed or given twice (its title dropped, or
        the first kept); a directory's ``manifest.json`` whose ``tables`` is not an
        object or records a table the diff reads without a sha256; a directory's
        ``manifest.json`` is not JSON, has no ``releases`` object, or records a release
        that is not text, a finite number or null (a list was written into the summary as
        ``['30.1']``, a ``NaN`` as ``nan``); a table is not the one its directory's ``manifest.json`` recorded
        (sha256); a table does not pass its schema, or lacks a column the diff reads
        (``n_tasks``, ``level``, ``naics_title``, ``soc_title``: a ``KeyError`` before) or
        holds one twice, or has column names of two levels (``('soc_code', '')``: a
        ``KeyError`` before), or a key given twice (in ``task_digests`` too, and a missing or
        malformed digest there: the schema's wording, rows counted from 0, before), or
        has a key of the wrong kind (a missing code, a number for
        ``onetsoc_code`` or ``naics``, text for ``task_id``: pandas' merge error, or the
        row dropped without a word; a ``naics`` that is not an OEWS industry code, such as
        ``" 52"`` or ``""``: a sector of its own, "removed" and "added", before), or a
        number that is infinite or out of range (a ``beta`` outside 0-1, a negative
        ``n_tasks`` or ``exposed_workers``: an infinite task score was counted as moved,
        the others refused as rows of the diff's own outputs; an ``n_tasks`` that is not
        a whole number; a score column holding text, named with its first row and value),
        or a ``level`` other than ``sector`` / ``subsector`` in its table,
        naming the file, row and column. A ``soc_scores.parquet`` that cannot be read, or
        a directory in its place (the titles were dropped without a word).
    exposure._outdir.RecomputeLockedError
        A run (``exposure recompute``) is replacing one of the directories, or replaced it
        while it was read (:func:`exposure._outdir.read_lock`): tables of two runs were
        diffed without a word, or called damaged. A recompute into a directory being read
        is refused in turn.

    Examples
    --------
    >>> diff_outputs("/nonexistent/a", "/nonexistent/b")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: /nonexistent/a: directory not found (an output directory of exposure recompute is expected)
    """
    # it said "processed table 'task_digests' not found ..."
    old_dir, new_dir = _check_dir(old_dir, "old_dir"), _check_dir(new_dir, "new_dir")
    if old_dir.is_dir() and new_dir.is_dir() and old_dir.resolve() == new_dir.resolve():
        raise ExposureError(f"{old_dir} and {new_dir} are the same directory: nothing to compare")
    for d in (old_dir, new_dir):  # every missing table named, before any is read
        _check_complete(d)
    # a recompute replacing a directory while it was read: a diff of tables of two runs
    with read_lock(old_dir), read_lock(new_dir):
        return _diff_outputs(old_dir, new_dir)


def _diff_outputs(old_dir: Path, new_dir: Path) -> ReleaseDiff:
    """:func:`diff_outputs` of two complete directories, read under their locks."""
    manifests = {"old": _manifest(old_dir), "new": _manifest(new_dir)}  # fail before reading
    for side, d in (("old", old_dir), ("new", new_dir)):
        _check_tables(d, manifests[side])
    releases = {side: _table_releases(d, manifests[side]) for side, d in (("old", old_dir), ("new", new_dir))}
    # the releases the tables record, for a directory without a manifest
    manifests = {side: {**m, "releases": releases[side]} for side, m in manifests.items()}
    digests = {k: _digests(d) for k, d in (("old", old_dir), ("new", new_dir))}
    scores = {k: _table(d, "task_scores", _KEY) for k, d in (("old", old_dir), ("new", new_dir))}
    for side, d in (("old", old_dir), ("new", new_dir)):
        _check_scored(digests[side], scores[side], d)
    occ = {k: _table(d, "occupation_scores", ["onetsoc_code"], ("beta", "n_tasks"))
           for k, d in (("old", old_dir), ("new", new_dir))}
    for side, d in (("old", old_dir), ("new", new_dir)):
        _check_counted(digests[side], occ[side], d)

    _warn_mixed(old_dir, new_dir, manifests)

    tasks = diff_tasks(digests["old"], digests["new"])
    for side in ("old", "new"):
        beta = scores[side].set_index(_KEY)["beta"]
        tasks[f"{side}_beta"] = pd.MultiIndex.from_frame(tasks[_KEY]).map(
            lambda k, b=beta: b.get(k)).astype("float64")
    # a removed task has no new score, an added one no old score
    tasks.loc[tasks["change"] == "removed", "new_beta"] = float("nan")
    tasks.loc[tasks["change"].isin(["added", "moved"]), "old_beta"] = float("nan")
    moved_from = _moved_from(digests["old"], digests["new"], tasks)
    # a moved task's old score is its score in its old occupation (it was dropped)
    old_beta = _moved_old_beta(moved_from, scores["old"])
    # its row "reworded" too (a moved task whose text changed): no old score at its new place
    moved_keys = pd.MultiIndex.from_frame(tasks.loc[tasks["change"] == "moved", _KEY])
    is_moved = pd.MultiIndex.from_frame(tasks[_KEY]).isin(moved_keys)
    tasks.loc[is_moved, "old_beta"] = tasks.loc[is_moved, "task_id"].map(old_beta).astype("float64")

    kept = _kept_tasks(digests["old"], digests["new"], scores["old"], scores["new"])
    # a task moved and reworded is one task change of its occupation, not two
    changed = pd.concat([tasks[_KEY], moved_from], ignore_index=True).drop_duplicates()
    occupations = _diff_occupations(occ["old"], occ["new"], changed, kept, _soc_titles(new_dir, old_dir))
    sectors = _diff_sectors(old_dir, new_dir)
    merged = sectors.pop("_merge").to_numpy(dtype=object)
    in_both = merged == "both"
    tasks = validate(tasks, DiffTasks, path="diff_tasks")
    occupations = validate(occupations, DiffOccupations, path="diff_occupations")
    sectors = validate(sectors, DiffSectors, path="diff_sectors")

    counts = tasks["change"].value_counts()
    old_codes, new_codes = set(occ["old"]["onetsoc_code"]), set(occ["new"]["onetsoc_code"])
    both_codes = old_codes & new_codes
    moved = occupations["delta_beta"].abs()
    summary = pd.DataFrame(
        [
            ("tasks_old", len(digests["old"])),
            ("tasks_new", len(digests["new"])),
            ("tasks_added", int(counts.get("added", 0))),
            ("tasks_removed", int(counts.get("removed", 0))),
            ("tasks_reworded", int(counts.get("reworded", 0))),
            ("tasks_moved", int(counts.get("moved", 0))),
            ("tasks_kept", len(kept)),
            ("tasks_kept_type_changed", int(kept["type_changed"].sum())),
            ("tasks_kept_dwas_changed", int(kept["dwas_changed"].sum())),
            ("tasks_kept_beta_moved_gt_0.01", int(_beyond(kept["delta_beta"], 0.01).sum())),
            ("tasks_same_text_and_dwas_beta_moved_gt_0.01",
             int((_beyond(kept["delta_beta"], 0.01) & ~kept["text_changed"].to_numpy(dtype=bool)
                  & ~np.asarray(kept["dwas_changed"], dtype=bool)).sum())),
            ("tasks_kept_beta_missing", int(kept["delta_beta"].isna().sum())),
            ("occupations_old", len(old_codes)),
            ("occupations_new", len(new_codes)),
            ("occupations_added", len(new_codes - old_codes)),
            ("occupations_removed", len(old_codes - new_codes)),
            ("occupations_with_task_changes", int((occupations["tasks_changed"] > 0).sum())),
            ("occupations_beta_moved_gt_0.01", int(_beyond(moved, 0.01).sum())),
            ("occupations_beta_moved_gt_0.05", int(_beyond(moved, 0.05).sum())),
            ("occupations_beta_missing", len(both_codes & set(occupations.loc[moved.isna(), "onetsoc_code"]))),
            # an industry of one release only was in no count (diff_sectors.csv holds the sectors only)
            ("sectors_added", int((merged == "right_only").sum())),
            ("sectors_removed", int((merged == "left_only").sum())),
            ("sectors_beta_moved_gt_0.01", int(_beyond(sectors["delta_beta"], 0.01).sum())),
            ("sectors_beta_missing", int((sectors["delta_beta"].isna().to_numpy(dtype=bool) & in_both).sum())),
        ],
        columns=["item", "count"],
    )
    unchanged = (len(tasks) == 0 and not kept["type_changed"].any() and not np.asarray(kept["dwas_changed"]).any()
                 and old_codes == new_codes and bool(in_both.all())
                 and _close(kept, "beta") and _close(occupations, "beta", "n_tasks")
                 and _close(sectors, "beta", "exposed_workers"))
    return ReleaseDiff(summary=summary, tasks=tasks, occupations=occupations, sectors=sectors,
                       old_releases=releases["old"], new_releases=releases["new"], unchanged=unchanged)


def _beyond(delta, bound: float) -> np.ndarray:
    """Whether each move in ``delta`` exceeds ``bound`` by more than :data:`NOISE` (a missing one does not).

    Examples
    --------
    >>> _beyond(pd.Series([0.51 - 0.5, 0.0101, -0.0101, float("nan")]), 0.01).tolist()
    [False, True, True, False]
    """
    values = np.abs(np.asarray(delta, dtype="float64"))
    with np.errstate(invalid="ignore"):
        return values > bound + NOISE


def _close(frame: pd.DataFrame, *measures: str) -> bool:
    """Whether every ``old_<m>`` equals its ``new_<m>`` within :data:`NOISE` (or both are missing)."""
    for m in measures:
        old, new = (frame[f"{side}_{m}"].to_numpy(dtype="float64", na_value=np.nan) for side in ("old", "new"))
        if not np.allclose(old, new, rtol=NOISE, atol=NOISE, equal_nan=True):
            return False
    return True


def _moved_from(old_d: pd.DataFrame, new_d: pd.DataFrame, tasks: pd.DataFrame) -> pd.DataFrame:
    """The old places (``onetsoc_code``, ``task_id``) of the tasks that moved to another occupation.

    ``tasks`` (:func:`diff_tasks`) lists a moved task under its new occupation only: its old
    occupation counted no task change although it lost the task.
    """
    ids = set(tasks.loc[tasks["change"] == "moved", "task_id"])
    both = old_d[_KEY].merge(new_d[_KEY], on=_KEY, how="left", indicator=True)
    gone = both[(both["_merge"] == "left_only").to_numpy(dtype=bool) & both["task_id"].isin(ids).to_numpy(dtype=bool)]
    return gone[_KEY].reset_index(drop=True)


def _moved_old_beta(moved_from: pd.DataFrame, old_scores: pd.DataFrame) -> pd.Series:
    """Task id -> the old ``beta`` of a moved task, from its old occupation (if it had one only)."""
    beta = moved_from.merge(old_scores[_KEY + ["beta"]], on=_KEY, how="left")
    beta = beta[~beta["task_id"].duplicated(keep=False).to_numpy(dtype=bool)]
    return pd.Series(beta["beta"].to_numpy(dtype="float64"), index=beta["task_id"].to_numpy())


#: Settings of ``manifest.json`` that change the scores besides the releases: the scorer,
#: and the roll-up (its ``coverage`` is a result, not a setting).
_SETTINGS = {"scorer": ("scored", "scorer", ()), "rollup": ("rolled up", "roll-up", ("coverage",))}


def _warn_mixed(old_dir: Path, new_dir: Path, manifests: dict) -> None:
    """Warn when the diff would not read as the change from an older to a newer release.

    The first directory holding the later O*NET or OEWS release (the directories swapped:
    every addition reported as a removal, every delta with the wrong sign), or the two
    scored by different scorers or rolled up otherwise (every move read as the release's):
    the diff was written without a word.
    """
    releases = [m.get("releases") or {} for m in (manifests["old"], manifests["new"])]
    for kind, label in (("onet", "O*NET"), ("oews", "OEWS May")):
        a, b = (r.get(kind) for r in releases)
        if a is None or b is None:
            continue
        ka, kb = _release_order(kind, str(a)), _release_order(kind, str(b))
        if ka[0] == 0 and kb[0] == 0 and ka > kb:
            log.warning("%s holds %s %s, a later release than %s (%s %s): the diff reads the first directory as "
                        "the older release, so additions are reported as removals and every delta has the wrong "
                        "sign; give the older directory first", old_dir, label, a, new_dir, label, b)
    for key, (verb, noun, results) in _SETTINGS.items():
        a, b = manifests["old"].get(key), manifests["new"].get(key)
        if not (isinstance(a, dict) and isinstance(b, dict)):
            continue
        keys = [k for k in dict.fromkeys([*a, *b]) if k not in results and a.get(k) != b.get(k)]
        if keys:
            log.warning("%s and %s were %s differently (%s %s against %s): the moves of beta mix the change of "
                        "release with that of the %s", old_dir, new_dir, verb, noun, {k: a.get(k) for k in keys},
                        {k: b.get(k) for k in keys}, noun)


def _kept_tasks(old_d, new_d, old_s, new_s) -> pd.DataFrame:
    """Tasks in both releases (same occupation and id): what changed besides the text."""
    d = old_d.merge(new_d, on=_KEY, suffixes=("_old", "_new"))
    s = old_s[_KEY + ["beta"]].merge(new_s[_KEY + ["beta"]], on=_KEY, suffixes=("_old", "_new"))
    d = d.merge(s, on=_KEY, how="left")
    has_dwa = "dwa_digest_old" in d.columns and "dwa_digest_new" in d.columns
    return pd.DataFrame({
        "onetsoc_code": d["onetsoc_code"],
        "task_id": d["task_id"],
        "text_changed": (d["text_digest_old"] != d["text_digest_new"]).to_numpy(),
        "type_changed": (d["task_type_old"].fillna("") != d["task_type_new"].fillna("")).to_numpy(bool),
        "dwas_changed": (d["dwa_digest_old"] != d["dwa_digest_new"]).to_numpy() if has_dwa
        else False,
        "delta_beta": (d["beta_new"] - d["beta_old"]).astype("float64"),
        "old_beta": d["beta_old"].astype("float64"),
        "new_beta": d["beta_new"].astype("float64"),
    })


def _titles(codes: pd.Series, soc_titles: pd.Series, *occupations: pd.DataFrame) -> pd.Series:
    """The SOC title of each O*NET-SOC code, else the occupation's own ``title``.

    A SOC code that OEWS publishes only inside an aggregate (``13-2023`` within
    ``13-2020``) has no row in ``soc_scores``; its cell was left empty. It takes the
    ``title`` of the occupation tables (the new release's first) when they have one.

    >>> codes = pd.Series(["11-1011.00", "13-2023.00"])
    >>> occ = pd.DataFrame({"onetsoc_code": ["13-2023.00"], "title": ["Appraisers"]})
    >>> _titles(codes, pd.Series({"11-1011": "Chief Executives"}), occ).tolist()
    ['Chief Executives', 'Appraisers']
    """
    out = codes.str[:7].map(soc_titles)
    for occ in occupations:
        if out.notna().all() or "title" not in occ.columns:
            continue
        own = {c: t for c, t in zip(occ["onetsoc_code"], occ["title"]) if isinstance(t, str) and t.strip()}
        out = out.where(out.notna(), codes.map(own))
    return out


def _diff_occupations(old, new, tasks, kept, soc_titles) -> pd.DataFrame:
    """Occupations of either release; ``tasks`` is one row per task change of an occupation.

    A moved task is a change of its new occupation and of its old one.
    """
    cols = ["onetsoc_code", "beta", "n_tasks"]
    both = old[cols].merge(new[cols], on="onetsoc_code", how="outer", suffixes=("_old", "_new"))
    changed = tasks.groupby("onetsoc_code").size()
    out = pd.DataFrame({
        "onetsoc_code": both["onetsoc_code"].astype(str),
        "soc_title": _titles(both["onetsoc_code"], soc_titles, new, old),
        "old_beta": both["beta_old"].astype("float64"),
        "new_beta": both["beta_new"].astype("float64"),
        "delta_beta": (both["beta_new"] - both["beta_old"]).astype("float64"),
        "old_n_tasks": both["n_tasks_old"].astype("float64"),
        "new_n_tasks": both["n_tasks_new"].astype("float64"),
        "tasks_changed": both["onetsoc_code"].map(changed).fillna(0).astype("int64"),
    })
    for col in ("dwas_changed", "type_changed"):
        per = kept.groupby("onetsoc_code")[col].sum()
        out[f"tasks_{col}"] = out["onetsoc_code"].map(per).fillna(0).astype("int64")
    out["_abs"] = out["delta_beta"].abs().round(12)  # a move of float noise is none: code order
    out = out.sort_values(["_abs", "onetsoc_code"], ascending=[False, True], kind="stable",
                          na_position="last")
    return out.drop(columns="_abs").reset_index(drop=True)


def _diff_sectors(old_dir, new_dir) -> pd.DataFrame:
    frames = {}
    for side, d in (("old", old_dir), ("new", new_dir)):
        parts = [_table(d, f"{level}_scores", ["naics"], ("beta", "exposed_workers"), ("level", "naics_title"),
                        level=level)
                 for level in ("sector", "subsector")]
        frames[side] = pd.concat(parts, ignore_index=True)
    cols = ["naics", "level", "beta", "exposed_workers"]
    both = frames["old"][cols].merge(frames["new"][cols], on=["naics", "level"], how="outer",
                                     suffixes=("_old", "_new"), indicator=True)
    # the newer title, or the older one when the new release has none (it hid the old one)
    titles = pd.concat([frames["new"], frames["old"]])
    # a blank title ("", "  ") is none: it hid the other release's title too
    titles = titles[titles["naics_title"].map(lambda t: isinstance(t, str) and bool(t.strip())).to_numpy(dtype=bool)]
    titles = titles.drop_duplicates(["naics", "level"]).set_index(["naics", "level"])["naics_title"]
    out = pd.DataFrame({
        "naics": both["naics"].astype(str),
        "level": both["level"].astype(str),
        "naics_title": pd.MultiIndex.from_frame(both[["naics", "level"]]).map(titles.to_dict()),
        "old_beta": both["beta_old"].astype("float64"),
        "new_beta": both["beta_new"].astype("float64"),
        "delta_beta": (both["beta_new"] - both["beta_old"]).astype("float64"),
        "old_exposed_workers": both["exposed_workers_old"].astype("float64"),
        "new_exposed_workers": both["exposed_workers_new"].astype("float64"),
        "_merge": both["_merge"].astype(str).to_numpy(dtype=object),  # for the summary, not a column
    })
    order = {"sector": 0, "subsector": 1}
    out = out.sort_values(["level", "naics"], key=lambda s: s.map(order) if s.name == "level"
                          else s, kind="stable")
    return out.reset_index(drop=True)


def _check_parts(diff: ReleaseDiff) -> None:
    """Refuse a :class:`ReleaseDiff` whose parts :func:`write_diff_reports` cannot write.

    Examples
    --------
    >>> frame = pd.DataFrame({"item": [], "count": []})
    >>> _check_parts(ReleaseDiff(frame, frame, frame, frame, {"onet": "29.1"}, "30.1"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: diff.new_releases must be a dict of release names (str) -> releases, got str '30.1'
    """
    for part, columns in (("summary", ["item", "count"]), ("tasks", []), ("occupations", []),
                          ("sectors", ["level"])):
        frame = getattr(diff, part)
        if not isinstance(frame, pd.DataFrame):
            raise DataFormatError(f"diff.{part} must be a pandas DataFrame, got {shown(frame)}")
        # ('item', '') passed the check below: the summary was written with four columns, two empty
        refuse_multilevel_columns(frame, f"diff.{part}")
        missing = [c for c in columns if c not in frame.columns and (part != "sectors" or len(frame))]
        if missing:
            raise DataFormatError(f"diff.{part} lacks column(s) {missing} (columns: {list(frame.columns)})")
    for part in ("old_releases", "new_releases"):
        releases = getattr(diff, part)
        if not (isinstance(releases, dict) and all(isinstance(k, str) for k in releases)):
            raise DataFormatError(f"diff.{part} must be a dict of release names (str) -> releases, "
                                  f"got {shown(releases)}")
        for key, value in releases.items():
            if not _release_value(value):
                raise DataFormatError(f"diff.{part}[{key!r}] must be a release such as '29.1' (text) or None, "
                                      f"got {shown(value)}")


def report_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the diff reports write it: numbers rounded to 4 decimals, ``-0.0`` as ``0.0``.

    A move of float noise below zero (``-1e-16``) was written ``-0.0``, a decline that is
    none, and ``exposure diff`` printed its top moves unrounded (``5.551115e-17``).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` is not a DataFrame.

    Examples
    --------
    >>> report_frame(pd.DataFrame({"delta_beta": [-1e-16, 0.1 + 0.2, -0.12346]}))["delta_beta"].tolist()
    [0.0, 0.3, -0.1235]
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataFormatError(f"frame must be a pandas DataFrame, got {shown(frame)}")
    out = frame.round(4)
    for pos in range(out.shape[1]):
        if pd.api.types.is_float_dtype(out.iloc[:, pos]):
            out.iloc[:, pos] = out.iloc[:, pos] + 0.0  # -0.0 + 0.0 is 0.0
    return out


#: Part of a :class:`ReleaseDiff` -> the schema of its report, whose columns head it when it has none.
_PART_SCHEMAS = {"tasks": DiffTasks, "occupations": DiffOccupations, "sectors": DiffSectors}


def _with_columns(frame: pd.DataFrame, part: str) -> pd.DataFrame:
    """``frame``, the ``part`` of a diff, or the empty table of its report's columns when it has no rows nor columns.

    A part of no rows and no columns (``pd.DataFrame()``) was written as a file holding a
    blank line only, which the library's readers refuse (``file is empty``); the report
    of no rows is its header, as :func:`diff_outputs` writes it.

    Examples
    --------
    >>> list(_with_columns(pd.DataFrame(), "tasks").columns)
    ['onetsoc_code', 'task_id', 'change', 'old_beta', 'new_beta']
    """
    if part in _PART_SCHEMAS and frame.shape == (0, 0):
        return pd.DataFrame(columns=list(_PART_SCHEMAS[part].to_schema().columns))
    return frame


def write_diff_reports(diff: ReleaseDiff, reports_dir, *, top: int = 20) -> list[Path]:
    """Write the diff as CSV reports into ``reports_dir``.

    Files: ``diff_summary.csv`` (counts, with the two releases), ``diff_tasks.csv`` (every
    changed task), ``diff_occupations.csv`` (the ``top`` largest moves of ``beta``) and
    ``diff_sectors.csv`` (every NAICS sector). Measures are rounded to 4 decimals (a move
    of float noise below zero written ``0.0``, not ``-0.0``: :func:`report_frame`). The
    four files are written as one set (:func:`exposure._outdir.replace_directory`): a
    failure part-way leaves the previous reports, and other files in ``reports_dir`` are
    kept. In a recompute output (``NEW_DIR/reports``, the default of ``exposure diff``) no
    lock file is left beside the reports: ``NEW_DIR/.exposure-reports.lock`` stayed among
    the tables (and was carried by every later recompute of ``NEW_DIR``).

    Parameters
    ----------
    diff : ReleaseDiff
    reports_dir : str or os.PathLike
    top : int, default 20
        Number of occupations in ``diff_occupations.csv``.

    Returns
    -------
    list of pathlib.Path

    A release recorded as None (``null`` in a ``manifest.json``: unknown) is written as an
    empty cell, not as the text ``None``. A ``tasks``, ``occupations`` or ``sectors`` of
    no rows and no columns (``pd.DataFrame()``) is written as the header of its report
    (it was a file holding a blank line, which the library's readers refuse as empty).

    Raises
    ------
    exposure.errors.DataFormatError
        ``diff`` that is not a :class:`ReleaseDiff`, ``top`` that is not a whole number
        (``"5"``, None, 2.5, True) or one too large for a float (``10**400``: an
        ``OverflowError`` before), ``reports_dir`` that is not a path: an
        ``AttributeError`` or ``TypeError`` before. A ``diff`` whose parts are not those
        of :func:`diff_outputs`: ``summary``, ``tasks``, ``occupations`` or ``sectors``
        not a DataFrame or without the columns written from them (``item`` and ``count``;
        ``level`` when ``sectors`` has rows), ``old_releases`` or ``new_releases`` not a
        dict of names (str) to releases (text, a finite number or None): a ``TypeError``,
        ``KeyError`` or ``AttributeError`` before, or a list written as ``['29.1']``, a NaN
        as ``nan``. A part with column names of two levels (a summary of
        ``('item', '')`` and ``('count', '')`` was written with four columns). A part the
        CSV writer refuses (a column named twice or without a name, rows without columns,
        bytes that are not UTF-8 text), named ``diff.<part>`` with its row and column:
        the error named the temporary directory of the reports, gone with it.
    exposure.errors.ExposureError
        ``top`` below 0; a ``reports_dir`` with surrounding spaces or a line end (``"r\\r"``,
        the value of a line read with its CRLF end) that is no directory yet: a new
        directory ``'r\\r'`` was made beside ``r`` and the reports written into it.
    exposure._outdir.OutputPathError
        ``reports_dir`` is refused or a file cannot be written (the old reports stay);
        ``reports_dir`` inside the mirror, the download cache's folders or the installed
        package (:func:`exposure.fetch.refuse_read_folders`), or holding a
        directory named like one of the reports (it was replaced, with its files);
        a ``reports_dir`` that is no directory yet and is named like a file
        (``diff.csv``, ``diff.xlsx``: :func:`exposure._outdir.refuse_file_named_dir`;
        ``exposure diff OLD NEW --reports diff.csv`` made a directory ``diff.csv`` holding
        the four reports), before anything is written; a ``reports_dir`` that is the output
        of a recompute (:func:`refuse_recompute_output`: the reports were written among its
        tables).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> empty = pd.DataFrame({"item": ["tasks_added"], "count": [0]})
    >>> d = ReleaseDiff(empty, pd.DataFrame({"task_id": []}), pd.DataFrame({"delta_beta": []}),
    ...                 pd.DataFrame({"level": []}), {"onet": "29.1"}, {"onet": "30.1"})
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_diff_reports(d, out)]
    ['diff_summary.csv', 'diff_tasks.csv', 'diff_occupations.csv', 'diff_sectors.csv']
    >>> (out / "diff_summary.csv").read_text().splitlines()[:3]
    ['item,count', 'old_onet_release,29.1', 'new_onet_release,30.1']
    """
    if not isinstance(diff, ReleaseDiff):
        raise DataFormatError(f"diff must be a ReleaseDiff (the result of diff_outputs), got {shown(diff)}")
    if is_number(top) and top < 0:
        raise ExposureError(f"top must be 0 or more, got {top}")
    top = check_count(top, "top")  # 10**400: OverflowError (float(top)), a traceback in exposure diff
    reports_dir = check_path(reports_dir, "reports_dir", "a directory path")
    refuse_spaces(reports_dir, "reports_dir")  # "r\r" (a CRLF line's value): a new directory beside r
    refuse_read_folders(reports_dir)  # the mirror, the cache, the package: as the CLI
    refuse_recompute_output(reports_dir)  # the reports were written among a third output's tables
    _check_parts(diff)
    names = ["diff_summary.csv", "diff_tasks.csv", "diff_occupations.csv", "diff_sectors.csv"]
    # exposure diff --reports diff.csv made a directory diff.csv holding the four reports
    refuse_file_named_dir(reports_dir, "reports_dir", ", ".join(names[:-1]) + " and " + names[-1])
    meta = []
    for side, rel in (("old", diff.old_releases), ("new", diff.new_releases)):
        for k in sorted(rel):
            meta.append((f"{side}_{k}_release", "" if rel[k] is None else str(rel[k])))
    summary = pd.concat([pd.DataFrame(meta, columns=["item", "count"]),
                         diff.summary.astype({"count": "object"})], ignore_index=True)
    occupations = diff.occupations.head(top)
    sectors = diff.sectors[diff.sectors["level"] == "sector"] if len(diff.sectors) else diff.sectors
    # each written row's row in its part (counted from 1; None for the releases above the summary)
    rows = [[None] * len(meta) + list(range(1, len(diff.summary) + 1)), range(1, len(diff.tasks) + 1),
            range(1, len(occupations) + 1),
            np.flatnonzero(diff.sectors["level"] == "sector") + 1 if len(diff.sectors) else []]
    parts = ["summary", "tasks", "occupations", "sectors"]
    frames = [_with_columns(frame, part) for frame, part in zip((summary, diff.tasks, occupations, sectors),
                                                                 parts, strict=True)]
    for name in names:  # replace_directory owns these names: a directory of one was dropped, with its files
        if (reports_dir / name).is_dir() and not (reports_dir / name).is_symlink():
            raise OutputPathError(f"{reports_dir / name}: is a directory, where write_diff_reports writes the "
                                  f"file {name}: move it away or give another reports_dir")
    # NEW_DIR/reports (the default of exposure diff): its lock file was left in the recompute output NEW_DIR
    inside_output = is_recompute_output(reports_dir.parent)
    try:
        with replace_directory(reports_dir, owned=names, drop_lock=inside_output) as tmp:
            for name, frame, part, where in zip(names, frames, parts, rows, strict=True):
                try:
                    write_csv(report_frame(frame), tmp / name)
                except DataFormatError as exc:  # it named the temporary directory, gone with it
                    row = None if exc.row is None else where[exc.row - 2]  # the file's header is row 1
                    raise DataFormatError(exc.reason, path=f"diff.{part}", row=None if row is None else int(row),
                                          column=exc.column) from None
    except OSError as exc:
        raise OutputPathError(
            f"cannot write the diff reports into {reports_dir}: {exc.strerror or exc}; the "
            "previous reports are untouched"
        ) from exc
    return [reports_dir / name for name in names]
