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

import decimal
import difflib
import errno
import fractions
import hashlib
import json
import logging
import math
import os
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from exposure._args import as_real, as_shown, check_names, is_number, shown
from exposure._io import lost_cwd
from exposure._outdir import read_lock
from exposure._tables import (
    EMPTY_LINE,
    GROUPED,
    UNNAMED_HINTS,
    check_delimited_file,
    check_file,
    check_header,
    check_published_separator,
    drop_empty_tail,
    drop_unnamed,
    first_repeat,
    link_note,
    norm_header,
    number_hint,
    read_parquet_file,
    read_utf8,
)
from exposure.errors import DataFormatError, ExposureError, InputError
from exposure.fetch import DataStore, _spaced, check_store, default_home
from exposure.measures._common import percent_hint
from exposure.schemas import validate as validate_frame
from exposure.schemas._catalog import ALIASES, MANIFEST_FORMAT, MANIFEST_NAME, TABLES, get_table
from exposure.schemas._fields import first_bad_soc_code

__all__ = ["TABLES", "MEASURES", "MANIFEST_FORMATS", "check_level", "check_manifest_format", "check_parquet_names",
           "check_recompute_dir", "check_recorded", "load",
           "load_manifest", "load_tables", "processed_dir", "recomputes", "tables_dir"]

log = logging.getLogger(__name__)

#: Name :func:`load` takes for the published measures side by side, and their file.
MEASURES = "measures"
MEASURES_FILE = Path("reports") / "measures_table.csv"
#: Layouts of ``manifest.json`` (its ``format``) this version reads: the one
#: :func:`exposure.pipeline.recompute` writes.
MANIFEST_FORMATS = (MANIFEST_FORMAT,)
_ANNOUNCED: set[str] = set()
_SKIPPED: set[str] = set()
#: Columns of the measures table (``exposure compare``, :mod:`exposure.measures.compare`)
#: on their own scale: Felten et al.'s AIOE are z-scores (mean 0, sd 1), any finite number.
_MEASURES_ZSCORES = ("felten_aioe", "felten_lm_aioe", "felten_ig_aioe")
#: Those that are fractions, from 0 to 1: Eloundou et al.'s beta, Webb's percentiles / 100,
#: Microsoft's applicability, Anthropic's shares, ILO's mean task scores, and ours (shares
#: of tasks).
_MEASURES_FRACTIONS = (
    "eloundou_gpt4_beta", "eloundou_human_beta", "webb_ai", "webb_software", "webb_robot",
    "microsoft_applicability", "anthropic_usage", "anthropic_automation",
    "anthropic_augmentation", "ilo_2025", "ilo_2023", "alpha", "beta", "gamma",
)
#: The columns of the measures table the library reads by name: the key, the title, then
#: those checked as numbers.
_MEASURES_COLUMNS = ("soc_code", "soc_title", "tot_emp", *_MEASURES_ZSCORES, *_MEASURES_FRACTIONS)
#: The commands that read a processed table through :func:`load` (its file name here) and
#: take a file of it instead, by the option that gives the file: a command-line user's
#: ``validate=False`` or ``directory=`` (:func:`_python_or_cli`).
_FILE_OPTIONS = {
    "soc_scores.parquet": ("exposure compare --ours", "exposure outcomes --soc-scores"),
    "occupation_panel.parquet": ("exposure outcomes --panel",),
}


def _python_or_cli(python: str, filename: str, given: str = "this file", *, bracket: bool = True) -> str:
    """Advice that reaches both readers of :func:`load`'s errors: ``python`` (Python's way), then the command line's.

    The errors of :func:`load` reach command-line users too (``exposure compare`` reads our
    SOC scores through it, ``exposure outcomes`` its tables), who were told to ``pass
    validate=False`` or ``directory=...``, which no command takes. ``python`` is said to be
    Python's (``exposure.load``); for a table that a command takes as a file
    (:data:`_FILE_OPTIONS`), the options that read ``given`` instead follow; in brackets, or
    after a colon (``bracket=False``: for advice that is in brackets itself).

    Examples
    --------
    >>> _python_or_cli("pass validate=False to read it as it is", "soc_scores.parquet")
    'pass validate=False to read it as it is (exposure.load, in Python; on the command line, give this file to exposure compare --ours or exposure outcomes --soc-scores)'
    >>> _python_or_cli("pass validate=False to read it as it is", "task_scores.parquet")
    'pass validate=False to read it as it is (exposure.load, in Python)'
    """
    options = _FILE_OPTIONS.get(filename)
    cli = f"; on the command line, give {given} to {' or '.join(options)}" if options else ""
    return f"{python} (exposure.load, in Python{cli})" if bracket else f"{python}: exposure.load, in Python{cli}"


def _shipped_way(filenames) -> str:
    """How to read the shipped tables instead of a recompute, in Python and, for ``filenames`` a command takes, on the command line.

    Examples
    --------
    >>> _shipped_way(["task_scores.parquet"])
    'pass directory=exposure._load.processed_dir() (exposure.load, in Python)'
    """
    shipped = processed_dir()
    cli = [name for name in filenames if name in _FILE_OPTIONS and (shipped / name).is_file()]
    if not cli:
        return _python_or_cli("pass directory=exposure._load.processed_dir()", "")
    # one table with options, given as the shipped file (the commands read one table each)
    return _python_or_cli("pass directory=exposure._load.processed_dir()", cli[0], given=str(shipped / cli[0]))


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


def _read_manifest(path: Path) -> dict:
    """The JSON object in ``path`` (a ``manifest.json``), or an error naming the file.

    Raises
    ------
    exposure.errors.InputError
        The file cannot be read (permission, I/O error).
    exposure.errors.DataFormatError
        It is not UTF-8 JSON, not a JSON object, or its ``releases`` is not an object.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "manifest.json"
    >>> _ = p.write_text('{"releases": 5}')
    >>> _read_manifest(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../manifest.json: 'releases' must be a JSON object like {"onet": "29.1", "oews": "2025"}, got 5
    """
    text = read_utf8(path)
    if not text.strip():
        raise DataFormatError("file is empty (expected a JSON object)", path=path)
    try:
        manifest = json.loads(text)
    except ValueError as exc:  # json.JSONDecodeError; a number too long for int()
        where = ({"line": exc.lineno} if isinstance(exc, json.JSONDecodeError) else {})
        reason = (f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError)
                  else str(exc))
        raise DataFormatError(f"not valid JSON: {reason}", path=path, **where) from None
    except RecursionError:
        raise DataFormatError("not valid JSON: nested too deeply", path=path) from None
    if not isinstance(manifest, dict):
        raise DataFormatError(f"must hold a JSON object, got a JSON {_json_kind(manifest)}",
                              path=path)
    releases = manifest.get("releases")
    if releases is not None and not isinstance(releases, dict):
        shown = json.dumps(releases)
        raise DataFormatError(
            "'releases' must be a JSON object like {\"onet\": \"29.1\", \"oews\": \"2025\"}, "
            f"got {shown if len(shown) <= 40 else shown[:37] + '...'}", path=path)
    return manifest


def check_manifest_format(manifest: dict, path) -> None:
    """Refuse a manifest whose ``format`` this version does not read (a missing one passes).

    An output of a newer version of exposure (``"format": 2``) was diffed and loaded
    without a word, its tables read as if their layout were this version's; a ``format``
    that is no whole number (``"1"``, ``null``) means a damaged manifest. A manifest
    without ``format`` (written by hand) is read as this version's.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``path`` and both formats.

    Examples
    --------
    >>> check_manifest_format({"format": 1}, "out/manifest.json")
    >>> check_manifest_format({"format": 2}, "out/manifest.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out/manifest.json: written in manifest format 2 by a newer version of exposure; this version reads format 1: ...
    """
    if "format" not in manifest:
        return
    found = manifest["format"]
    known = " or ".join(str(f) for f in MANIFEST_FORMATS)
    if not isinstance(found, int) or isinstance(found, bool):
        shown = json.dumps(found)
        raise DataFormatError(f"'format' must be the manifest format, a whole number ({known}), got "
                              f"{shown if len(shown) <= 40 else shown[:37] + '...'}: the manifest is damaged; "
                              "recompute this directory", path=path)
    if found not in MANIFEST_FORMATS:
        newer = found > max(MANIFEST_FORMATS)
        raise DataFormatError(
            f"written in manifest format {found}{' by a newer version of exposure' if newer else ''}; this "
            f"version reads format {known}: its tables may not be laid out as this version expects; "
            + ("upgrade exposure, or recompute the tables with this version" if newer else
               "recompute the tables with this version"), path=path)


def _check_directory(directory) -> None:
    """Refuse a ``directory`` argument that is neither None nor a path (a ``TypeError`` before), or is empty.

    ``""`` was read as the current directory (``processed table 'soc_scores' not found at
    soc_scores.parquet``, or the tables of whatever directory the user was in).
    A path holding a NUL character said ``directory not found`` of a path shown with it.

    Examples
    --------
    >>> _check_directory(5)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: directory must be a directory path (str or os.PathLike), got int 5
    """
    if directory is not None and not isinstance(directory, (str, os.PathLike)):
        raise ExposureError(f"directory must be a directory path (str or os.PathLike), "
                            f"got {type(directory).__name__} {directory!r}")
    if directory is not None and os.fspath(directory) in ("", b""):  # Path("") is "."
        raise DataFormatError("directory is empty: give an output directory of exposure "
                              "recompute (an empty path would be read as the current directory)")
    if directory is not None and "\0" in str(os.fspath(directory)):  # "directory not found" of it
        raise DataFormatError(f"directory {os.fspath(directory)!r} holds a NUL character (\\0): it cannot "
                              "name a directory")


def check_recompute_dir(directory: Path) -> Path:
    """Return ``directory`` if it is one; refuse a path that does not exist or is a file.

    For a ``directory`` argument naming an output directory of ``exposure recompute``: the
    error used to blame a table or ``manifest.json`` inside it ("processed table
    'task_scores' not found at out.csv/task_scores.parquet").

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the path; a path with surrounding spaces or a line end (``"out\\r"``,
        pasted) beside the directory without them says so (the line end, printed, hid
        the name); a table or ``manifest.json`` of an output directory given for it is told
        to give the directory that holds it; a relative path when the current directory no
        longer exists says so (:func:`exposure._io.lost_cwd`).
    exposure.errors.InputError
        A directory this user may not search (``chmod 000``, or ``444``: listed but not
        entered), or one under such a directory: a bare ``PermissionError`` naming a table
        or ``manifest.json`` inside it before.

    Examples
    --------
    >>> check_recompute_dir(Path("/nonexistent/out"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: /nonexistent/out: directory not found (an output directory of exposure recompute is expected)
    """
    try:
        exists = directory.exists()
    except OSError as exc:  # a folder above it that may not be searched
        raise InputError(_permission_reason(exc), path=directory, errno=exc.errno) from None
    if not exists:
        note = link_note(directory, "an output directory of exposure recompute")
        if note:  # it was "directory not found" of a path that is there
            raise DataFormatError(note, path=directory)
        if _spaced(directory):  # 'old\r: directory not found': the line end hid the name, printed
            raise DataFormatError(f"directory {os.fspath(directory)!r} not found (an output directory of exposure "
                                  f"recompute is expected); {os.fspath(directory).strip()!r} is one: remove the "
                                  "surrounding spaces (or line end) of the path")
        lost = lost_cwd(directory)  # a relative path in a removed directory: "directory not found", why unsaid
        raise DataFormatError("directory not found (an output directory of exposure "
                              f"recompute is expected){_unexpanded_note(directory)}"
                              f"{'' if lost is None else '; ' + lost}", path=directory)
    if not directory.is_dir():
        # a table or the manifest of an output directory given for the directory was not told
        # that the directory wanted is the one holding it
        holder = ("; give the directory that holds it, " + str(directory.parent)
                  if directory.name in {MANIFEST_NAME, *(t.filename for t in TABLES.values())} else "")
        raise DataFormatError("is a file, not a directory (an output directory of exposure "
                              f"recompute is expected){holder}", path=directory)
    if not os.access(directory, os.X_OK):  # a bare PermissionError naming a table inside it
        raise InputError("permission denied: the directory cannot be searched (no x permission "
                         "for this user), so its tables cannot be opened", path=directory,
                         errno=errno.EACCES)
    return directory


def _permission_reason(exc: OSError) -> str:
    """The reason of an :class:`InputError` for ``exc``: ``permission denied`` said first, in lower case.

    Examples
    --------
    >>> _permission_reason(PermissionError(13, "Permission denied"))
    'permission denied'
    >>> _permission_reason(OSError(36, "File name too long"))
    'File name too long'
    """
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _unexpanded_note(directory: Path) -> str:
    """Why a path with ``~`` or ``$VAR`` in it was not found: neither is expanded; else ``""``.

    ``load("soc", directory="~/out")`` said only ``~/out: directory not found``: the
    library expands ``~`` only in the mirror's and the cache's paths, and no variable.

    Examples
    --------
    >>> _unexpanded_note(Path("~/out"))
    "; '~' is not expanded: give the full path, or os.path.expanduser('~/out')"
    >>> _unexpanded_note(Path("out"))
    ''
    """
    text = str(directory)
    if text.startswith("~"):
        return f"; '~' is not expanded: give the full path, or os.path.expanduser({text!r})"
    if "$" in text:
        return f"; environment variables are not expanded: give the full path, or os.path.expandvars({text!r})"
    return ""


def _get_table(name: str):
    """The catalogue entry of ``name``; a file name or path of a table is named as such.

    ``load("soc_scores.parquet")`` (or ``"out/soc_scores.parquet"``) said only ``unknown
    table 'soc_scores.parquet'; choose one of ...``. ``load("out/reports/measures_table.csv")``
    said ``did you mean 'measures'?``, which reads the shipped table, not that file: the
    directory to pass is named.

    Examples
    --------
    >>> _get_table("soc_scores.parquet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'soc_scores.parquet': give the table's name, 'soc_scores', not its file name...
    >>> _get_table("SOC")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'SOC': table names are written in lower case, without spaces around them: 'soc'
    >>> _get_table("jobs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'jobs'; choose one of measures, occupation_panel, ...
    """
    try:
        return get_table(name)
    except ExposureError:
        known = sorted({*TABLES, *ALIASES, MEASURES})
        plain = name.strip().lower()
        if plain != name and (_is_table(plain) or plain == MEASURES):  # 'SOC', ' soc_scores ', 'Measures'
            raise ExposureError(f"unknown table {name!r}: table names are written in lower case, "
                                f"without spaces around them: {plain!r}") from None
        bare = name.strip().rstrip("/\\")
        if bare != name.strip() and (_is_table(bare.lower()) or bare.lower() == MEASURES):  # 'soc/'
            raise ExposureError(f"unknown table {name!r}: give the table's name without a slash: "
                                f"{bare.lower()!r}") from None
        # 'tasks.parquet', 'SOC_SCORES.PARQUET' (the suffix in any case)
        stem = Path(name).name.strip().lower().removesuffix(".parquet").removesuffix(".csv").strip()
        if stem == MEASURES_FILE.stem and (Path(name).suffix or Path(name).name != name):
            # 'out/reports/measures_table.csv': "did you mean 'measures'?" read the shipped table
            raise ExposureError(f"unknown table {name!r}: give the table's name, {MEASURES!r}, not its file "
                                f"name{_measures_where(Path(name))}") from None
        if stem != name and (_is_table(stem) or stem == MEASURES):
            where = (f" (for the file in {str(Path(name).parent)!r}, pass "
                     f"directory={str(Path(name).parent)!r})" if Path(name).name != name else "")
            raise ExposureError(f"unknown table {name!r}: give the table's name, {stem!r}, not "
                                f"its file name{where}") from None
        # 'task_score', 'occupation': every name was listed, the close one not pointed at
        close = difflib.get_close_matches(stem or plain, known, n=1, cutoff=0.6)
        if close:
            raise ExposureError(f"unknown table {name!r}: did you mean {close[0]!r}? (the tables are "
                                f"{', '.join(known)})") from None
        # get_table's list lacks 'measures', which load takes
        raise ExposureError(f"unknown table {name!r}; choose one of {', '.join(known)}") from None


def _measures_where(path: Path) -> str:
    """What to pass :func:`load` for the measures table at ``path`` (a file name given as the table's name).

    ``load("measures", directory=D)`` reads ``D/reports/measures_table.csv``: for
    ``out/reports/measures_table.csv`` it is ``directory='out'``; a table elsewhere (as
    ``exposure compare -o out`` writes it, ``out/measures_table.csv``) is to be moved into
    a ``reports`` folder first; for a bare file name, nothing is said.

    Examples
    --------
    >>> _measures_where(Path("out/reports/measures_table.csv"))
    " (for the file in 'out/reports', pass directory='out')"
    >>> _measures_where(Path("measures_table.csv"))
    ''
    """
    folder = path.parent
    if folder == Path("."):
        return ""
    if folder.name == MEASURES_FILE.parent.name:
        return f" (for the file in {str(folder)!r}, pass directory={str(folder.parent)!r})"
    return (f" (load('measures', directory=D) reads D/{MEASURES_FILE.as_posix()}: for the file in "
            f"{str(folder)!r}, move it into {str(folder / MEASURES_FILE.parent)!r} and pass "
            f"directory={str(folder)!r})")


def _check_release(release):
    """``release`` as the text :func:`tables_dir` matches; None stays None.

    A list (``["29.1"]``), a dict or ``True`` said ``no processed tables for release
    "['29.1']"``, as if that release were missing; ``2025.0`` (a year typed as a float,
    or ``np.float32(2025)``) did not match OEWS 2025; ``""`` and ``" 29.1"`` were looked
    for as they are. A number is read as the decimal it shows (``np.float32(29.1)`` is
    ``'29.1'``), a whole one of 1000 or more as a year (``2025.0`` is ``'2025'``). A
    missing value (NaN, ``pd.NA``, ``NaT``: a blank cell of a settings file) or infinity
    is refused: NaN was looked for as the release ``'nan'`` ("no processed tables for
    release 'nan'... run exposure recompute"). The text ``'2025.0'`` (a year read as a
    float, then written) is the year ``'2025'``, as the number is: it was "no processed
    tables for release '2025.0'", with the advice to recompute tables that were there. So
    is the text ``'29.10'`` (the release 29.1 formatted with two decimals) the release
    ``'29.1'``, as the number ``29.10`` is: it was "no processed tables for release
    '29.10'", with the advice to run ``exposure recompute``, which refuses ``29.10``. A
    :class:`~decimal.Decimal` (or a :class:`~fractions.Fraction`) is read as the float it
    is (:func:`~exposure._args.as_real`): ``Decimal('29.1')`` was refused.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument and what it takes.

    Examples
    --------
    >>> _check_release(2025.0), _check_release(29.1), _check_release("onet-29.1_oews-2025")
    ('2025', '29.1', 'onet-29.1_oews-2025')
    >>> _check_release("2025.0"), _check_release("29.0"), _check_release("29.10")
    ('2025', '29.0', '29.1')
    >>> _check_release(["29.1"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: release must be an O*NET release ('29.1'), an OEWS year ('2025') or an output name ('onet-29.1_oews-2025'), got list ['29.1']
    """
    if release is None:
        return None
    number = as_real(release)  # Decimal('29.1') was refused
    if isinstance(release, (decimal.Decimal, fractions.Fraction)) and isinstance(number, int):
        number = float(number)  # Decimal('29.0') is the release '29.0', as 29.0 is (and Decimal('2025') is '2025')
    value = as_shown(number) if is_number(number) else None
    if release is pd.NA or release is pd.NaT or (isinstance(value, float) and not math.isfinite(value)):
        # it was looked for as a release: "no processed tables for release 'nan'"
        blank = " (a blank cell read as a missing value?)" if not isinstance(value, float) or math.isnan(value) else ""
        raise DataFormatError(f"release is {shown(release)}, which names no release{blank}: give an O*NET release "
                              "('29.1'), an OEWS year ('2025') or an output name ('onet-29.1_oews-2025'), or leave "
                              "it out (None)")
    if value is not None:
        if isinstance(value, int) or (math.isfinite(value) and value.is_integer() and abs(value) >= 1000):
            return str(int(value))
        return repr(value)
    if not isinstance(release, str):
        raise DataFormatError("release must be an O*NET release ('29.1'), an OEWS year ('2025') or an output "
                              f"name ('onet-29.1_oews-2025'), got {shown(release)}")
    if not release.strip():
        raise DataFormatError(f"release is empty ({release!r}): give an O*NET release ('29.1'), an OEWS year "
                              "('2025') or an output name ('onet-29.1_oews-2025'), or leave it out")
    if release != release.strip():
        raise DataFormatError(f"release {release!r} has spaces around it: write {release.strip()!r}")
    if _YEAR_TEXT.fullmatch(release):  # a year read as a float, then written: '2025.0', as 2025.0 is
        return release.partition(".")[0]
    padded = _PADDED_RELEASE.fullmatch(release)
    if padded:  # '29.10': the release 29.1 written with two decimals, as the number 29.10 is read
        return f"{padded[1]}.{padded[2]}"
    return str(release)


#: A year written as the float it was read as (``'2025.0'``: a cell of a settings file).
_YEAR_TEXT = re.compile(r"[0-9]{4}\.0+")
#: An O*NET release (MAJOR.MINOR, one digit after the point) written with zeros after it
#: (``'29.10'``: a number formatted with two decimals, ``sprintf("%.2f")`` or a spreadsheet's 0.00).
_PADDED_RELEASE = re.compile(r"([0-9]{2})\.([0-9])0+")


def _is_table(name: str) -> bool:
    """Whether ``name`` is a table name or alias :func:`get_table` knows."""
    try:
        get_table(name)
    except ExposureError:
        return False
    return True


def _check_store(store) -> None:
    """Refuse a ``store`` argument that is neither None nor a DataStore (an ``AttributeError`` before).

    Examples
    --------
    >>> _check_store("~/data")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: store must be an exposure.fetch.DataStore (e.g. DataStore.default()), got str '~/data'
    """
    check_store(store)


def _json_kind(value) -> str:
    kinds = ((list, "array"), (str, "string"), (bool, "boolean"), (int, "number"),
             (float, "number"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "null")


def _releases_of(directory: Path) -> dict:
    """The ``releases`` of the manifest in ``directory``; empty when it has none or is bad."""
    try:
        return dict(_read_manifest(directory / MANIFEST_NAME).get("releases") or {})
    except ExposureError:
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
        ordered by the time their manifest was written, newest first. A directory whose
        ``manifest.json`` cannot be read, is not JSON, not a JSON object, or has a
        ``releases`` that is not an object is left out, with a logged warning (once), and
        so is one this user may not search (another user's run: a bare ``PermissionError``
        before, and no table could be loaded); so is a hidden directory (``.``-named: the
        temporary directory of a recompute that is running or was killed,
        ``.onet-31.0_oews-2026.k2x9abcd.tmp``), without a warning.

    Raises
    ------
    exposure.errors.InputError
        The folder of the recomputes (``processed`` in the user data directory) cannot be
        listed (permission), naming it.

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
    _check_store(store)
    parent = (store.outputs if store is not None else default_home() / "processed")
    try:
        if not parent.is_dir():
            return []
        # a hidden directory is no recompute: the temporary one of a recompute still running (or
        # killed), or the previous output of a swap (``.<name>.<random>.tmp``, exposure._outdir)
        children = [p for p in parent.iterdir() if not p.name.startswith(".")]
    except OSError as exc:  # a bare PermissionError: no table could be loaded, not even the shipped
        raise InputError(f"{_permission_reason(exc)} (the folder of your recomputes, in the user data "
                         "directory: $EXPOSURE_HOME)", path=parent, errno=exc.errno) from None
    found = []
    for directory in children:
        manifest = directory / MANIFEST_NAME
        try:
            if manifest.is_file():
                found.append((directory, manifest, manifest.stat().st_mtime_ns))
        except OSError as exc:  # another user's recompute: left out, as an unreadable manifest
            _skip(directory, InputError(_permission_reason(exc), path=directory, errno=exc.errno))
    found.sort(key=lambda item: (item[2], item[0].name), reverse=True)
    out = []
    for directory, manifest, _ in found:
        try:
            releases = _read_manifest(manifest).get("releases") or {}
        except (DataFormatError, InputError) as exc:
            _skip(directory, exc)
            continue
        out.append((directory, dict(releases)))
    return out


def _skip(directory: Path, exc: ExposureError) -> None:
    """Log (once) that the recompute ``directory`` is left out by :func:`recomputes`, and why."""
    if str(exc) not in _SKIPPED:
        _SKIPPED.add(str(exc))
        log.warning("exposure.load: skipped %s, not a readable recompute: %s", directory, exc)


def _matches(releases: dict, release) -> bool:
    wanted = str(release)
    return wanted in {str(v) for v in releases.values()} or wanted == (
        f"onet-{releases.get('onet')}_oews-{releases.get('oews')}")


def tables_dir(release=None, *, store: DataStore | None = None) -> Path:
    """The directory :func:`load` reads: the newest matching recompute, else the shipped.

    Parameters
    ----------
    release : str or number, optional
        O*NET release (``"30.1"``), OEWS year (``"2026"``) or output name
        (``"onet-31.0_oews-2026"``) the tables must be computed from; a number is read
        as the decimal it shows (``2026.0`` is ``"2026"``).
    store : exposure.fetch.DataStore, optional
        Where the user's recomputes live (default from the environment).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    exposure.errors.ExposureError
        When ``release`` matches neither a recompute nor the shipped tables, or ``store``
        is not a :class:`~exposure.fetch.DataStore`.
    exposure.errors.DataFormatError
        A ``release`` that is neither text nor a number (a list, True), is empty or has
        spaces around it.

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
    release = _check_release(release)
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
        Read from this output directory of ``exposure recompute`` (the shipped tables,
        even when you have recomputed: ``exposure._load.processed_dir()``, the package's
        ``data/processed``).
    release : str or number, optional
        O*NET release or OEWS year the tables must come from (see :func:`tables_dir`);
        with ``directory``, the release its ``manifest.json`` must record. A number is
        read as the decimal it shows (``29.1``; ``2025.0``, and the text ``'2025.0'``, is the
        year ``'2025'``); anything else than text or a number is refused.
    validate : bool, default True
        Validate against the table's schema (raises :class:`exposure.errors.SchemaError`,
        rows counted from 1, the first record), after checking that the table is the one
        the directory's ``manifest.json`` recorded (its sha256), when it lists it.
        It also refuses a table the manifest does not list although it lists the others
        (copied in), a damaged manifest, and the output of another manifest format
        (:func:`check_manifest_format`). ``False`` reads the file as it is.
    store : exposure.fetch.DataStore, optional
        Where the user's recomputes live (default from the environment).

    Returns
    -------
    pandas.DataFrame
        ``frame.attrs["exposure_directory"]`` names the directory read. A fresh
        ``RangeIndex``: a named index stored in the file (``set_index("soc_code")`` by
        another tool) is read back as its column.

    Notes
    -----
    ``load("measures")`` returns the published measures side by side on SOC 2018 codes
    (Eloundou et al., Felten et al., Webb, Microsoft, Anthropic, ILO) with our ``alpha``,
    ``beta``, ``gamma``, titled from the ``soc`` table: the ``measures_table.csv`` that
    ``exposure compare -o <directory>/reports`` writes (shipped with the package).

    Raises
    ------
    exposure.errors.ExposureError
        Unknown table (a close name suggested), no tables for ``release``, or the file is
        missing; a ``name`` that
        is not a string, a ``directory`` that is not a path (str or os.PathLike), a
        ``store`` that is not a :class:`~exposure.fetch.DataStore`; a ``directory`` whose
        ``manifest.json`` records another release than ``release`` (or is missing).
    exposure.errors.DataFormatError
        ``validate`` that is not True or False (``"no"``, ``0``, ``None``); a ``release``
        that is neither text nor a number, is empty or has spaces around it; a
        ``directory`` holding a NUL character; a ``directory``
        that does not exist or is a file (:func:`check_recompute_dir`), or a broken
        symbolic link; a damaged file, a table's path that is a directory or a broken
        symbolic link; (``validate``) a table that is not the one ``manifest.json``
        recorded (changed, or copied from another run), or that it does not list although
        it lists the others, a ``manifest.json`` beside it that is damaged (or whose entry
        of the table is), or of another
        format than this version reads (a newer version's output); a table with a column
        twice, a column both as the stored index and as a column, or damaged pandas
        metadata; for
        ``"measures"``, a CSV that is empty or malformed (a workbook, a file separated
        otherwise than by commas: told to save it as CSV; lines of commas only ending it,
        as Excel writes cleared rows, are ignored), has no
        ``soc_code`` column, repeats a code or has a column without a name that holds
        values (the row numbers of pandas' ``to_csv`` or the row names of R's
        ``write.csv``, each told its fix), or (``validate``) has a row of empty cells
        between rows, a column of
        its own written another way (``' alpha'``, ``'Alpha'``), a bad SOC code (white
        space around a code is not read: a code so written twice is a code repeated), a
        value that is not a finite number (an empty cell only is missing: ``#N/A``,
        ``NULL`` or ``NA`` is refused, R's ``NA`` named as such), a negative ``tot_emp``,
        or a measure that is a fraction (all but Felten's AIOE z-scores) outside 0 to 1
        (a 0-100 scale told to divide by 100) (file, row and column named); beside it, a ``soc`` table without ``soc_code`` and ``soc_title`` or with a
        code twice (a ``KeyError`` or ``InvalidIndexError`` without ``validate``).
    exposure._outdir.RecomputeLockedError
        A run (``exposure recompute``) is writing the directory read, or replaced it while
        it was read (:func:`exposure._outdir.read_lock`): its manifest and tables would be
        read part before and part after the swap.

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
    exposure.errors.ExposureError: unknown table 'jobs'; choose one of measures, occupation_panel, ...
    """
    if not isinstance(name, str):
        raise ExposureError(f"name must be a table name (str), got {type(name).__name__} {name!r}")
    if not isinstance(validate, (bool, np.bool_)):  # "no" was read as True
        raise DataFormatError(f"validate must be True or False, got {type(validate).__name__} {validate!r}")
    return load_tables([name], directory=directory, release=release, validate=validate, store=store)[name]


def load_tables(names, *, directory=None, release=None, validate: bool = True,
                store: DataStore | None = None) -> dict[str, pd.DataFrame]:
    """Load several processed tables of one output directory, read while no recompute replaces it.

    As :func:`load` for each of ``names``, but the directory is chosen once and its files
    are read under one shared lock (:func:`exposure._outdir.read_lock`): tables loaded one
    by one (``load("sector_scores")``, then ``load("soc_scores")``) came from two runs when
    a recompute replaced that directory (or a newer recompute was written) between the calls.

    Parameters
    ----------
    names : list of str
        Table names, as :func:`load` takes them (a name given twice is read once).
    directory, release, validate, store
        As for :func:`load`.

    Returns
    -------
    dict of str to pandas.DataFrame
        Each table by the name given, in the order of ``names``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``names`` that is not a list of names (one str is refused, not split).
    exposure.errors.ExposureError
        As :func:`load`; :class:`exposure._outdir.RecomputeLockedError` when a run is
        writing the directory, or it was replaced while it was read.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from exposure._io import write_parquet
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_parquet(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
    ...     "task_type": ["Core"], "text_digest": ["0123456789abcdef"],
    ...     "dwa_digest": ["e3b0c44298fc1c14"]}),
    ...     d / "task_digests.parquet")
    >>> list(load_tables(["task_digests"], directory=d))
    ['task_digests']
    """
    names = check_names(names, "names", "table names")
    if not isinstance(validate, (bool, np.bool_)):  # "no" was read as True
        raise DataFormatError(f"validate must be True or False, got {type(validate).__name__} {validate!r}")
    _check_directory(directory)
    _check_store(store)
    release = _check_release(release)
    tables = {name: None if name == MEASURES else _get_table(name) for name in names}
    base = _base_dir(directory, release, store)
    if directory is None and base != processed_dir() and str(base) not in _ANNOUNCED:
        _ANNOUNCED.add(str(base))
        rel = _releases_of(base)
        # "pass directory=..." was said to command-line users too (exposure compare, outcomes)
        log.warning("exposure.load: reading your recompute in %s (O*NET %s, OEWS May %s), "
                    "not the shipped tables; for those, %s", base, rel.get("onet", "?"), rel.get("oews", "?"),
                    _shipped_way([t.filename for t in tables.values() if t is not None]))
    # the manifest, the tables and their sha256 read while no recompute swaps the directory: a
    # table was checked against one run's manifest and read from the next run's, or refused as
    # "not the one manifest.json recorded" (the next run's manifest, the previous run's table)
    with read_lock(base):
        if directory is not None and release is not None:
            _check_base_release(base, release)
        return {name: _read_one(base, table, directory, validate) for name, table in tables.items()}


def _read_one(base: Path, table, directory, validate: bool) -> pd.DataFrame:
    """The processed ``table`` (a catalogue entry; None: the measures table) of ``base``, for :func:`load_tables`."""
    if table is None:
        return _load_measures(base, validate, given=directory is not None)
    path = base / table.filename
    if path.is_dir():  # a dataset directory: it was "not found at" a path that is there
        raise DataFormatError(f"is a directory, not a file (the processed table {table.name!r} is "
                              "expected)", path=path)
    note = None if path.exists() else link_note(path, f"the processed table {table.name!r}")
    if note:  # it was "not found at" a path that is there
        raise DataFormatError(note, path=path)
    if not path.is_file():
        raise ExposureError(f"processed table {table.name!r} not found at {path}{_missing_note(base, path, directory)}")
    if validate:
        check_recorded(path)
    frame = _read_table(path)
    if validate:  # rows counted from 1, as exposure diff and exposure outcomes --panel count them
        frame = validate_frame(frame, table.model, path=path, row_offset=1)
        check_level(frame, table.name, path)
    frame.attrs["exposure_directory"] = str(base)
    return frame


def _missing_note(base: Path, path: Path, directory) -> str:
    """The end of "processed table ... not found at ``path``": which directory lacks it, and what to do.

    A recompute of the user data directory lacking the table (removed since) was said to
    be the installed package without processed tables, with the advice to pass
    ``directory=``, which it already read. A manifest listing the table says it was
    removed after the recompute.

    Examples
    --------
    >>> _missing_note(Path("/nonexistent/out"), Path("/nonexistent/out/soc_scores.parquet"), "out")
    ' (run `exposure recompute` to create it)'
    """
    try:
        tables = _read_manifest(base / MANIFEST_NAME).get("tables") if (base / MANIFEST_NAME).is_file() else None
    except ExposureError:  # a damaged manifest: the table is missing all the same
        tables = None
    listed = isinstance(tables, dict) and path.name in tables
    removed = f", although {MANIFEST_NAME} beside it lists it: it was removed or moved after the recompute" if listed else ""
    if directory is not None:
        near = "" if (base / MANIFEST_NAME).is_file() else _outputs_near(base, path.name)
        return near or f"{removed} (run `exposure recompute` {'again to write it' if listed else 'to create it'})"
    if base == processed_dir():
        return (" (the installed package lacks its processed tables: run `exposure recompute`, whose output "
                "exposure.load reads)")
    shipped = (processed_dir() / path.name).is_file()
    return (f", in your recompute, which exposure.load reads{removed}; run `exposure recompute` again to write it"
            + (f", or read the shipped table: {_shipped_way([path.name])}" if shipped else ""))


def _outputs_near(base: Path, filename: str) -> str:
    """Where ``filename`` is when ``base``, given as the directory, is no output directory: above it, or below it; else ``""``.

    The folder of the recomputes (``$EXPOSURE_HOME/processed``), the user data directory
    itself, or a folder of an output directory (``reports``) given as ``directory`` was
    told to ``run `exposure recompute` to create it``, of tables that were there, one
    level away: now the output directory (or directories) holding the table is named.

    Examples
    --------
    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp())
    >>> out = home / "processed" / "onet-29.1_oews-2025"
    >>> out.mkdir(parents=True)
    >>> _ = (out / "soc_scores.parquet").write_bytes(b"")
    >>> _outputs_near(home / "processed", "soc_scores.parquet") == (": that folder holds output directories of "
    ...     f"exposure recompute, not the files of one: give one of them as the directory: {out}")
    True
    >>> _outputs_near(home, "soc_scores.parquet").endswith(f"give one of them as the directory: {out}")
    True
    """
    try:
        if (base.parent / filename).is_file() and base.parent != base:  # 'out/reports'
            return f": {base.name} is a folder of the output directory that holds it: give that directory, {base.parent}"
        folders = [base, *(p for p in [base / "processed"] if p.is_dir())]
        found = sorted(child for folder in folders for child in folder.iterdir()
                       if not child.name.startswith(".") and (child / filename).is_file())
    except OSError:  # a folder that may not be listed: nothing more to say
        return ""
    if not found:
        return ""
    shown = ", ".join(str(child) for child in found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")
    return (": that folder holds output directories of exposure recompute, not the files of one: give one of them as "
            f"the directory: {shown}")


#: The industry ``level`` of every row of each table of industries (one model, SectorScores, for both).
_TABLE_LEVELS = {"sector_scores": "sector", "subsector_scores": "subsector"}


def check_level(frame: pd.DataFrame, name: str, path: Path) -> None:
    """Refuse a row of ``frame``, the validated table ``name``, that is not of the table's industry level.

    Both tables have the model ``SectorScores``, which takes either level: the subsectors
    (``to_sectors(..., level="subsector")``) saved as ``sector_scores.parquet``, or both
    levels in one file, were returned as the sectors without a word (``exposure diff``
    refuses them). Rows are counted from 1, as :func:`load` counts them.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``path``, the first such row and the column ``level``.

    Examples
    --------
    >>> check_level(pd.DataFrame({"level": ["sector", "subsector"]}), "sector_scores", Path("d/sector_scores.parquet"))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: d/sector_scores.parquet, row 2, column 'level': level must be 'sector' in this table, got 'subsector': the rows of level 'subsector' belong in subsector_scores.parquet; write each level to its own table
    """
    level = _TABLE_LEVELS.get(name)
    if level is None:
        return
    odd = np.flatnonzero((frame["level"].astype(object) != level).to_numpy(dtype=bool))
    if len(odd):
        got = frame["level"].iloc[int(odd[0])]
        home = {v: k for k, v in _TABLE_LEVELS.items()}.get(got)
        where = f": the rows of level {got!r} belong in {get_table(home).filename}" if home else ""
        raise DataFormatError(f"level must be {level!r} in this table, got {got!r}{where}; write each level "
                              "to its own table", path=path, row=int(odd[0]) + 1, column="level")


def _read_table(path: Path) -> pd.DataFrame:
    """A processed table as a frame with a fresh index; a file another tool wrote is read or named.

    - A column twice (pyarrow writes it) said ``Multiple matches for FieldRef.Name(beta) in
      soc_code: large_string ...``: now the column is named, and where it is, in the words
      of :func:`check_parquet_names` (``given more than once in the Parquet schema
      (columns 4 and 21): keep one``; until round 77, ``the column appears twice (columns 4
      and 21); a processed table has each column once``).
    - Damaged pandas metadata (``b"pandas"`` of the schema: not JSON, or an index column
      the file does not hold) raised ``json.JSONDecodeError`` or ``KeyError``, naming no file.
    - The key stored as the pandas index (``set_index("soc_code").to_parquet(...)``) was
      "missing": named index levels are columns again (a column of that name besides is
      refused); the row numbers (an unnamed index) are no data and are dropped.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file (and the column).
    """
    check_parquet_names(path, strip=False)  # in the library's words, as exposure compare --ours says it
    try:
        frame = read_parquet_file(path)
    except DataFormatError as exc:
        shared = "; write the file again (or without that metadata)"  # the shared reader's advice
        if not exc.reason.endswith(shared):
            raise
        # a processed table is rewritten by the command that wrote it
        raise DataFormatError(exc.reason[:-len(shared)] + "; rewrite the table, or recompute", path=path,
                              row=exc.row, column=exc.column) from None
    named = [level for level in frame.index.names if level is not None]
    for level in named:
        if level in frame.columns:
            raise DataFormatError(f"column {level!r} is stored both as the index and as a column; a "
                                  "processed table has each column once", path=path, column=str(level))
    if named:
        frame = frame.reset_index(level=named)
    return frame.reset_index(drop=True)


def check_parquet_names(path, *, strip: bool = True) -> None:
    """Refuse a Parquet file whose schema names a column twice, naming it and both positions.

    pyarrow writes such a file, and reading it said ``Multiple matches for
    FieldRef.Name(beta) in soc_code: large_string ...``. The words are the library's
    (:func:`exposure._tables.twice_reason`). With ``strip`` (for the files of ``exposure
    compare --ours``, ``exposure outcomes --soc-scores`` / ``--panel``, whose headers are
    read without the spaces around a name), names are compared so, as the readers of
    delimited files compare a header; without it (the processed tables of :func:`load`,
    read by name as written) as they are written. The rule is the shared readers' one,
    :func:`exposure._tables.check_header` (a name written with spaces shown as written,
    a name left empty twice a repeat: no unnamed column of a CSV file). A file pyarrow
    cannot read is left to the reader, which says so.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file and the column.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "dup.parquet"
    >>> pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=["soc_code", "beta", " beta"]), path)
    >>> check_parquet_names(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../dup.parquet, column 'beta': given more than once in the Parquet schema (columns 2 and 3, written 'beta' and ' beta'): keep one
    """
    try:
        names = pq.read_schema(path).names
    except (OSError, ValueError, pa.ArrowException):  # damaged, not Parquet: the reader names it
        return
    # the shared readers' one rule, a name left empty twice being a repeat in a schema
    check_header(names, path, row=None, where="the Parquet schema", strip=strip, empty=True, written=True)


def _base_dir(directory, release, store) -> Path:
    """The directory :func:`load` and :func:`load_manifest` read (a given ``directory``'s release is not checked here).

    The release a given ``directory`` records is checked by :func:`_check_base_release`,
    under the read lock of the directory: checked before the lock, a recompute of another
    release swapping its tables in between had them returned as of ``release``.
    """
    if directory is None:
        return tables_dir(release, store=store)
    return check_recompute_dir(Path(directory))


def _check_base_release(base: Path, release) -> None:
    """Refuse an output directory ``base`` given as ``directory`` whose manifest records another release than ``release``.

    ``release`` was ignored beside ``directory``: ``load("soc", directory=d,
    release="31.0")`` returned the tables of O*NET 29.1 that ``d`` holds.
    """
    path = base / MANIFEST_NAME
    if not path.is_file():
        raise ExposureError(f"{base} has no manifest.json: its release cannot be checked against "
                            f"release={str(release)!r}; leave release out to read it as it is")
    releases = dict(_read_manifest(path).get("releases") or {})
    if not _matches(releases, release):
        raise ExposureError(f"{base} holds the tables of {releases or 'no recorded release'}, not of "
                            f"release {str(release)!r}; leave directory out to read the recompute of "
                            "that release, or give its directory")


#: ``(path, size, mtime_ns, inode) -> sha256`` of the tables checked by :func:`check_recorded`.
_DIGESTS: dict[tuple, str] = {}
#: A sha256 as ``manifest.json`` records it (case and surrounding spaces aside).
_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_recorded(path: Path) -> None:
    """Refuse a table that is not the one its directory's ``manifest.json`` recorded (sha256).

    A recompute records each table's sha256 in its manifest; a table changed since (edited,
    or copied in from another run) was read without a word, under the manifest's releases.
    So was a table the manifest does not list although it lists the tables of its
    recompute (copied in), the tables of a manifest that is damaged (not JSON, a
    ``tables`` that is not an object), and those of an output of a newer version
    (:func:`check_manifest_format`): refused, naming the file; so is an entry of the table
    that is not an object, or whose ``sha256`` is not a string (a damaged manifest: the
    table was read unchecked) or not 64 hexadecimal digits (``""``, cut short: the table
    was said to be changed since the recompute). A directory without a manifest (tables
    written by hand), a manifest without ``tables``, or an entry without a sha256, is not
    checked.

    The way to read the table as it is is said for Python (``validate=False``) and, for a
    table a command takes as a file (``exposure compare --ours``, ``exposure outcomes
    --soc-scores`` / ``--panel``), for the command line: command-line users were told to
    pass ``validate=False``, which no command takes (:func:`_python_or_cli`).
    """
    where = path.parent / MANIFEST_NAME
    if not os.path.lexists(where):
        return
    # Python's way and the command line's: "pass validate=False" reached users of exposure compare
    as_is = _python_or_cli("pass validate=False to read it as it is", path.name)
    hint = " (" + _python_or_cli(f"pass validate=False to read {path.name} without checking it against the "
                                 "manifest", path.name, given=f"{path.name} itself", bracket=False) + ")"
    try:
        manifest = _read_manifest(where)
        check_manifest_format(manifest, where)
    except DataFormatError as exc:  # the table cannot be checked against it
        raise DataFormatError(f"{exc.reason}{hint}", path=exc.path, line=exc.line) from None
    if "tables" not in manifest:
        return
    tables = manifest["tables"]
    if not isinstance(tables, dict):
        shown = json.dumps(tables)
        raise DataFormatError(f"its 'tables' must be an object (table file -> its rows, columns and sha256), got "
                              f"{shown if len(shown) <= 40 else shown[:37] + '...'}: the manifest is damaged{hint}",
                              path=where)
    if path.name not in tables:
        raise DataFormatError(f"{MANIFEST_NAME} beside it does not list this table, although it lists the tables of "
                              "its recompute: it was copied in from another run, or written by hand; run exposure "
                              f"recompute again, or {as_is}", path=path)
    entry = tables[path.name]
    # an entry that is no object, or a sha256 that is no string, was "not checked"; one that is
    # no sha256 ("", cut short, an md5) blamed the table: "not the one manifest.json recorded"
    if not isinstance(entry, dict) or ("sha256" in entry and not (
            isinstance(entry["sha256"], str) and _SHA256.fullmatch(entry["sha256"].strip().lower()))):
        bad = entry.get("sha256") if isinstance(entry, dict) else entry
        shown = json.dumps(bad)
        what = "the entry" if not isinstance(entry, dict) else "the sha256"
        expected = ("an object (rows, columns and sha256)" if not isinstance(entry, dict)
                    else "the table's sha256, 64 hexadecimal digits")
        raise DataFormatError(f"{what} of {path.name} must be {expected}, got "
                              f"{shown if len(shown) <= 40 else shown[:37] + '...'}: the manifest is "
                              f"damaged{hint}", path=where)
    recorded = entry.get("sha256")
    if recorded is None:
        return
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _DIGESTS:
        try:
            _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), path=path, errno=exc.errno) from None
    digest = _DIGESTS[key]
    if digest != recorded.strip().lower():
        releases = manifest.get("releases")
        raise DataFormatError(
            f"this table is not the one manifest.json recorded (sha256 {digest[:12]}... instead of "
            f"{recorded.strip().lower()[:12]}...): it was changed, or copied from another run, after the "
            f"recompute of {releases or 'this directory'}; run exposure recompute again, or {as_is}", path=path)


def _load_measures(base: Path, validate: bool, given: bool = True) -> pd.DataFrame:
    """The measures side by side (``reports/measures_table.csv``), with SOC titles.

    ``given`` False: ``base`` was chosen by :func:`load` (no ``directory``). A recompute of
    the user data directory holds no measures table (``exposure recompute`` writes none), so
    ``load("measures")`` failed after any recompute, told to run ``exposure compare``, not
    how to read the shipped table meanwhile (:func:`_shipped_measures`).
    """
    path = base / MEASURES_FILE
    try:
        is_file = path.is_file()
    except OSError as exc:  # a reports folder this user may not search: a bare PermissionError
        raise InputError(f"{_permission_reason(exc)}: the folder cannot be searched, so {path.name} in it "
                         "cannot be opened", path=path.parent, errno=exc.errno) from None
    if not is_file:
        shipped = "" if given else _shipped_measures(base)
        mine = ", in your recompute, which exposure.load reads" if shipped else ""
        raise ExposureError(f"no measures table at {path}{mine}{_measures_beside(base)}{shipped}")
    # read comma-separated under this one name: an .xls file was told "save it as .xlsx or CSV", an
    # .xlsx one "give it its own extension", a tab-separated one "rename it .tsv", a semicolon-separated
    # one "or as tab-separated .tsv", and none of these is read
    head = check_file(path, workbook=False)
    if b"\x00" not in head:  # (a binary file is named by check_delimited_file)
        check_published_separator(head.decode("utf-8-sig", "replace"), ",", path, columns={"soc_code": "soc_code"})
    # empty, binary, non-UTF-8, ragged lines, a repeated column; a workbook or a Parquet file is told to
    # be saved as CSV (it was "give it its own extension", then "rename it measures_table.parquet": read
    # by no one), a zipped CSV file to be extracted (a check of this reader's own told it "(an .xlsx
    # workbook?) ... save it as CSV")
    header = check_delimited_file(path, one_name=True)
    try:
        # an empty cell only is missing: pandas' default tokens ('#N/A', 'NULL', 'NA', 'None') made a
        # failed lookup of a spreadsheet a missing measure without a word (the library writes none of
        # them); the titles as text (a column of blank titles was read as floats)
        frame = pd.read_csv(path, dtype={"soc_code": str, "soc_title": str}, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot parse as CSV: {exc}", path=path) from None
    # a column without a name: refused when it holds values, as exposure score refuses it (the
    # row numbers of pandas' to_csv, index=True by default, were returned as 'Unnamed: 0')
    frame = drop_unnamed(frame, header, path, hint=lambda column: _unnamed_hint(frame.iloc[:, column - 1]))
    # the lines of separators only (',,,') that Excel writes for cleared rows ending the sheet are
    # ignored, as the measure readers ignore them: they were refused as "soc_code missing"
    frame = drop_empty_tail(frame)
    if "soc_code" not in frame:
        raise DataFormatError(f"missing column 'soc_code' (columns are {list(frame.columns)})"
                              f"{_written_as(frame, 'soc_code')}", path=path, row=1)
    # the codes without the spaces around them, as the measure readers read codes (a cell '11-1011 ',
    # edited in a spreadsheet, was "soc_code not a SOC code (like 11-1011): '11-1011 '"; one of spaces
    # only is missing), so that a code written twice, once with a space, is found twice
    codes = frame["soc_code"].str.strip()
    frame["soc_code"] = codes.mask(codes == "")
    _refuse_repeat(frame["soc_code"], path, first_row=2)
    if validate:
        _check_measure_names(frame, path)
        _check_measures(frame, path)
    soc_path = base / get_table("soc").filename
    if "soc_title" not in frame and soc_path.is_file():
        frame.insert(1, "soc_title", frame["soc_code"].map(
            _soc_titles(load("soc", directory=base, validate=validate), soc_path)).astype("string"))
    frame.attrs["exposure_directory"] = str(base)
    return frame


def _shipped_measures(base: Path) -> str:
    """The end of "no measures table at ...", for the recompute ``base`` :func:`load` chose: how to read the shipped one.

    ``exposure recompute`` writes no measures table: ``load("measures")`` after a recompute
    was told to run ``exposure compare -o .../reports`` only. The shipped table compares
    the shipped scores, which is said; ``""`` when ``base`` is the shipped directory, or the
    package ships no such table.

    Examples
    --------
    >>> _shipped_measures(processed_dir())
    ''
    """
    shipped = processed_dir()
    if base == shipped or not (shipped / MEASURES_FILE).is_file():
        return ""
    rel = _releases_of(shipped)
    return (f"; or read the shipped table (with the shipped scores, of "
            f"O*NET {rel.get('onet', '?')} and OEWS May {rel.get('oews', '?')}): "
            f"{_shipped_way([MEASURES_FILE.name])}")


def _measures_beside(base: Path) -> str:
    """The end of "no measures table at ``base``/reports/...": what to do, given what ``base`` holds.

    ``exposure compare -o DIR`` writes ``DIR/measures_table.csv``; ``load("measures",
    directory=DIR)`` reads ``DIR/reports/measures_table.csv``, and said to run ``exposure
    compare -o DIR/reports`` of a directory that holds the table.

    Examples
    --------
    >>> _measures_beside(Path("/nonexistent/out"))
    ' (run `exposure compare -o /nonexistent/out/reports` to create it)'
    """
    try:
        beside = (base / MEASURES_FILE.name).is_file()
    except OSError:
        beside = False
    if not beside:
        return f" (run `exposure compare -o {base / MEASURES_FILE.parent}` to create it)"
    if base.name == MEASURES_FILE.parent.name:  # the reports folder itself given
        return (f"; {base} is the reports folder, which holds {MEASURES_FILE.name}: pass the directory "
                f"above it, directory={str(base.parent)!r}")
    return (f"; {base / MEASURES_FILE.name} (as `exposure compare -o {base}` writes it) is not read: "
            f"load('measures') reads the {MEASURES_FILE.parent.name} folder of an output directory: "
            f"move the file into {base / MEASURES_FILE.parent}, or write it there with "
            f"`exposure compare -o {base / MEASURES_FILE.parent}`")


def _unnamed_hint(values: pd.Series) -> str:
    """What to do with a column of the measures table that has ``values`` but no name in the header.

    Numbered from 0, it is the row numbers of pandas' ``to_csv`` (``index=True`` by
    default); from 1, the row names of R's ``write.csv`` (``row.names = TRUE`` by
    default), which were told to write the table with ``to_csv(..., index=False)``;
    otherwise either: the words of the readers of delimited text
    (:data:`exposure._tables.UNNAMED_HINTS`, of which this was a copy).

    Examples
    --------
    >>> _unnamed_hint(pd.Series([None, 1, 2])).split("?")[0]
    'the row names R writes with write.csv() (row.names = TRUE by default)'
    """
    numbers = pd.to_numeric(values.dropna().astype(str).str.strip(), errors="coerce")
    first = numbers.iloc[0] if len(numbers) else None
    return UNNAMED_HINTS.get(first if first in (0, 1) else None)


def _measure_name(column) -> str | None:
    """The column of the measures table that the header cell ``column`` names written another way, or None.

    In another case, with spaces around it or for its underscores (``' alpha'``,
    ``'Alpha'``, ``'Tot Emp'``: a header edited in a spreadsheet); None for a name of
    the table as it is, or for no name of it.

    Examples
    --------
    >>> _measure_name(" alpha"), _measure_name("Tot Emp"), _measure_name("alpha"), _measure_name("note")
    ('alpha', 'tot_emp', None, None)
    """
    plain = norm_header(column).replace(" ", "_")
    return plain if plain in _MEASURES_COLUMNS and column != plain else None


def _written_as(frame: pd.DataFrame, name: str) -> str:
    """The end of "missing column ``name``": the column of ``frame`` that is ``name`` written another way.

    Examples
    --------
    >>> _written_as(pd.DataFrame(columns=["SOC_Code ", "alpha"]), "soc_code")
    "; 'SOC_Code ' is 'soc_code' written another way: rename it 'soc_code'"
    """
    other = next((c for c in frame.columns if _measure_name(c) == name), None)
    return "" if other is None else f"; {other!r} is {name!r} written another way: rename it {name!r}"


def _check_measure_names(frame: pd.DataFrame, path: Path) -> None:
    """Refuse a column of the measures table that is one of its columns written another way (row 1).

    ``' alpha'`` or ``'Alpha'`` (a header edited in a spreadsheet) was returned as a column
    of its own, unchecked: ``alpha`` of 5 passed validation, and ``alpha`` was missing
    from the frame without a word.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file and the column, and the name to give it.
    """
    for column in frame.columns:
        name = _measure_name(column)
        if name is None:
            continue
        beside = (f", beside {name!r} itself: delete one of them" if name in frame.columns
                  else f": rename it {name!r}")
        raise DataFormatError(f"column {column!r} is {name!r} written another way (case, spaces), which is "
                              f"read by that name only{beside}", path=path, row=1, column=str(column))


def _refuse_repeat(codes: pd.Series, path: Path, first_row: int) -> None:
    """Refuse a SOC code given twice in ``codes``, the column of ``path`` whose first record is row ``first_row``."""
    repeat = first_repeat(codes)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"SOC code {codes.iloc[pos]!r} appears twice (rows {first + first_row} and "
                              f"{pos + first_row})", path=path, row=pos + first_row, column="soc_code")


def _soc_titles(soc: pd.DataFrame, path: Path) -> pd.Series:
    """``soc_title`` by ``soc_code`` of the ``soc`` table read from ``path`` (rows counted from 1).

    Read without validation, a table lacking a column raised a ``KeyError`` and one with a
    code twice pandas' ``InvalidIndexError``; both are named. Rows without a code are left
    out.
    """
    missing = [c for c in ("soc_code", "soc_title") if c not in soc.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}", path=path)
    _refuse_repeat(soc["soc_code"], path, first_row=1)
    return soc.dropna(subset=["soc_code"]).set_index("soc_code")["soc_title"]


def _check_measures(frame: pd.DataFrame, path: Path) -> None:
    """Refuse a measures table with a bad SOC code or measure (row 2 is the first record).

    ``soc_code`` holds SOC codes; ``tot_emp`` numbers of workers (0 or more), Felten's
    AIOE finite numbers, the other measures numbers from 0 to 1; any of them may be
    missing. Other columns (``soc_title``) are not checked. Thousands separators
    (``1,350,430``, :data:`exposure._tables.GROUPED`: a table saved by Excel with a number
    format) are read, as the measure readers read them (they were refused as "not a
    number"); any other comma (``0,5``) is refused, saying to write decimals with a point.
    A row of empty cells between rows (``,,,``: a row cleared in a spreadsheet; those ending
    the file are dropped before) is refused as the measure readers refuse it
    (:data:`exposure._tables.EMPTY_LINE`).
    A column so read is returned as pandas reads it written plainly: whole numbers without
    a gap as int64 (``tot_emp`` ``"1,234"`` was float64, and ``1234`` int64). R's missing
    mark ``NA`` is named as such, with what to write instead, and a fraction column of
    values from 0 to 100 is told it may be percent (:func:`_not_a_number_hint`,
    :func:`~exposure.measures._common.percent_hint`).

    A column of whole numbers one of which is 2**64 or more (pandas reads it as Python
    ints) is checked, and set in ``frame``, as the numbers they are: it was refused as "not
    a number", naming row 2 and its value whatever row held the large one. A column of
    True/False cells names the cell as ``'True'`` (it was ``np.True_``).
    """
    if frame.empty:
        raise DataFormatError("the measures table has no rows", path=path)
    # a row of empty cells between rows (',,,': a row cleared in a spreadsheet) was "soc_code missing";
    # the measure readers refuse it so (exposure.measures._common.read_csv)
    empty = frame.isna().all(axis=1).to_numpy(dtype=bool)
    if empty.any():
        raise DataFormatError(EMPTY_LINE, path=path, row=int(np.flatnonzero(empty)[0]) + 2)
    bad = first_bad_soc_code(frame["soc_code"])
    if bad is not None:
        raise DataFormatError(f"soc_code {bad[1]}", path=path, row=bad[0] + 2, column="soc_code")
    numeric = [c for c in _MEASURES_COLUMNS[2:] if c in frame]
    for column in numeric:
        raw = frame[column]
        if pd.api.types.is_bool_dtype(raw):  # TRUE/FALSE cells: 'not a number: np.True_'
            pos = int(np.flatnonzero(raw.notna().to_numpy(dtype=bool))[0])
            raise DataFormatError(f"not a number: {str(raw.iloc[pos])!r} (the column holds True/False)",
                                  path=path, row=pos + 2, column=column)
        if not pd.api.types.is_numeric_dtype(raw):
            # a whole number of 2**64 or more is read as a Python int (an object column): it was
            # "not a number" at row 2, whatever row held it and whatever row 2 held
            as_text = raw.astype("string").str.strip()
            # thousands separators ('1,350,430', a tot_emp Excel saved with its number format) are
            # read as the measure and OEWS readers read them: the table was refused as "not a number"
            grouped = as_text.str.fullmatch(GROUPED).to_numpy(dtype=bool, na_value=False)
            values = pd.to_numeric(as_text.where(~grouped, as_text.str.replace(",", "", regex=False)),
                                   errors="coerce")
            odd = (raw.notna() & values.isna()).to_numpy(dtype=bool)
            if odd.any():
                pos = int(np.flatnonzero(odd)[0])
                raise DataFormatError(f"not a number: {raw.iloc[pos]!r}{_not_a_number_hint(raw.iloc[pos])}",
                                      path=path, row=pos + 2, column=column)
            # returned as the numbers they are, as pandas reads them written plainly: whole numbers
            # without a gap as integers (a tot_emp '1,234' was float64 where 1234 is int64)
            whole = pd.api.types.is_integer_dtype(values) and not values.hasnans
            raw = frame[column] = values.astype(values.dtype.numpy_dtype if whole else float)
        values = raw.astype(float).to_numpy()
        if column == "tot_emp":
            rule, ok = "a number of workers, 0 or more", (values >= 0) & np.isfinite(values)
        elif column in _MEASURES_ZSCORES:
            rule, ok = "a z-score, a finite number", np.isfinite(values)
        else:
            rule, ok = "a fraction, from 0 to 1", (values >= 0) & (values <= 1)
        outside = ~ok & ~np.isnan(values)
        if outside.any():
            pos = int(np.flatnonzero(outside)[0])
            # a fraction column of values from 0 to 100 is told it may be percent, as compare() tells it
            percent = percent_hint(values) if column in _MEASURES_FRACTIONS else ""
            raise DataFormatError(f"{column} is {rule}; got {float(values[pos])!r}{percent}", path=path,
                                  row=pos + 2, column=column)


def _not_a_number_hint(cell) -> str:
    """The end of "not a number: ``cell``" of the measures table: a comma, or R's ``NA``, explained; else ``""``.

    A number written as a spreadsheet in another locale writes it (``0,5``, ``1 234``) is
    told the number to write, in the words of the readers of published measures
    (:func:`exposure._tables.number_hint`).

    R's ``write.csv`` writes a missing value ``NA`` (its ``na = "NA"``); only an empty
    cell is missing here (a spreadsheet's ``#N/A``, ``NULL`` are refused), so the cell was
    refused as "not a number" without a word of what it is or what to do.

    Examples
    --------
    >>> _not_a_number_hint("0,5")
    ': a comma must separate thousands (1,234); write decimals with a point (0.5), not a comma'
    >>> print(_not_a_number_hint("NA"))
    : NA is R's mark of a missing value, which write.csv() writes; an empty cell only is missing here: write the table again with write.csv(..., na = "")
    >>> _not_a_number_hint("x")
    ''
    """
    text = str(cell)
    hint = number_hint(text)  # the words of the measure files' readers
    if hint:
        return hint
    if text.strip() == "NA":
        return (": NA is R's mark of a missing value, which write.csv() writes; an empty cell only is missing "
                'here: write the table again with write.csv(..., na = "")')
    return ""


def load_manifest(directory=None, *, release=None, store: DataStore | None = None) -> dict:
    """Return the ``manifest.json`` of the processed tables (sources, releases, rows).

    Parameters
    ----------
    directory : str or os.PathLike, optional
        Output directory of ``exposure recompute``; default the directory :func:`load`
        reads (:func:`tables_dir`).
    release : str or number, optional
        As for :func:`load`.
    store : exposure.fetch.DataStore, optional
        As for :func:`load`.

    Returns
    -------
    dict

    Raises
    ------
    exposure.errors.ExposureError
        No ``manifest.json`` (or no tables for ``release``, or a ``directory`` whose
        manifest records another release than ``release``); a ``directory`` that is not
        a path (str or os.PathLike) or a ``store`` that is not a
        :class:`~exposure.fetch.DataStore`.
    exposure.errors.DataFormatError
        A ``directory`` that does not exist or is a file (:func:`check_recompute_dir`); the
        manifest is not UTF-8 JSON, not a JSON object, or its ``releases`` is not an
        object (the file and, for bad JSON, the line named).
    exposure.errors.InputError
        The manifest cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "manifest.json").write_text(json.dumps({"format": 1}))
    >>> load_manifest(d)["format"]
    1
    """
    _check_directory(directory)
    _check_store(store)
    release = _check_release(release)
    base = _base_dir(directory, release, store)
    path = base / MANIFEST_NAME
    with read_lock(base):  # the manifest whose release is checked is the one returned
        if directory is not None and release is not None:
            _check_base_release(base, release)
        if not path.is_file():  # the folder of the recomputes given: "no manifest.json in" it, without a word more
            raise ExposureError(f"no manifest.json in {base}"
                                + (_outputs_near(base, MANIFEST_NAME) if directory is not None else ""))
        return _read_manifest(path)
