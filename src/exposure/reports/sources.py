"""Validation and coverage of the raw sources: row counts and the figures of the data page.

:func:`validate_sources` loads every registered source through the verified cache
(O*NET releases with their referential checks, the crosswalks, the OEWS tables
2021-2025), collecting failures instead of stopping at the first; :func:`coverage_figures`
turns the loaded frames into the coverage figures of ``docs/methods/data.md``;
:func:`write_source_reports` writes both as CSV. :func:`validate_file` parses one local
file with the reader of a table (no registry, no checksum), to check a file before
registering it. ``exposure validate`` is the command-line face of this module.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exposure import crosswalks, oews, onet
from exposure import fetch as fetching
from exposure._args import check_choice, check_path, choice_hint, shown
from exposure._io import atomic_paths, write_csv
from exposure._outdir import FILE_SUFFIXES, check_files_dir
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.measures._crosswalk import check_once, numbers
from exposure.schemas._fields import first_bad_onetsoc_code, first_bad_soc_code

__all__ = [
    "READERS",
    "ONET_RELEASES",
    "validate_file",
    "validate_sources",
    "coverage_figures",
    "write_source_reports",
]

log = logging.getLogger(__name__)

#: Table name -> reader of one local file (``exposure validate --file TABLE PATH``).
READERS = {
    "occupations": onet.read_occupations,
    "tasks": onet.read_tasks,
    "task_ratings": onet.read_task_ratings,
    "task_dwas": onet.read_task_dwas,
    "dwas": onet.read_dwas,
    "iwas": onet.read_iwas,
    "job_zones": onet.read_job_zones,
    "emerging_tasks": onet.read_emerging_tasks,
    "oews": oews.read_oews,
    "onet_to_soc": crosswalks.read_onet_to_soc,
    "soc_structure": crosswalks.read_soc_structure,
    "soc_2010_to_2018": crosswalks.read_soc_2010_to_2018,
    "soc10_isco08": crosswalks.read_soc10_isco08,
    "isco_groups": crosswalks.read_isco_groups,
    "naics_titles": crosswalks.read_naics_titles,
    # validated by validate_sources (crosswalks.CROSSWALK_FILES), but an unknown table here
    "census_crosswalk": crosswalks.read_census_crosswalk,
}

#: O*NET releases validated by default.
ONET_RELEASES = ("29.1", "30.1")


def validate_file(table: str, path) -> pd.DataFrame:
    """Parse and validate one local file with the reader of ``table``.

    Parameters
    ----------
    table : str
        A key of :data:`READERS`.
    path : str or os.PathLike
        The file.

    Returns
    -------
    pandas.DataFrame
        The validated table.

    Raises
    ------
    exposure.errors.ExposureError
        An unknown table name (or not a str: a list raised ``TypeError: unhashable
        type``; one in another case, ``"Tasks"``, is told to write ``'tasks'``), a
        ``path`` that is not a str or os.PathLike (None, bytes: a ``TypeError`` before);
        the reader's :class:`~exposure.errors.DataFormatError` (naming file, row
        and column) for a bad file, and a file of a header alone (an O*NET table of a
        header alone was a valid table of 0 rows here, where ``exposure validate --file``
        refused it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "Task Statements.txt"
    >>> _ = p.write_bytes(b"O*NET-SOC Code\\tTask ID\\tTask\\tTask Type\\tIncumbents Responding"
    ...                   b"\\tDate\\tDomain Source\\r\\n11-1011.00\\t8823\\tDirect budgets."
    ...                   b"\\tCore\\t87\\t08/2023\\tIncumbent\\r\\n")
    >>> validate_file("tasks", p)[["onetsoc_code", "task_id", "task_type"]]
      onetsoc_code  task_id task_type
    0   11-1011.00     8823      Core
    >>> validate_file("task", p)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown table 'task'; choose from occupations, tasks, ...
    """
    check_choice(table, "table", READERS)
    if table not in READERS:  # "Tasks": the list alone, where exposure validate --file says what to write
        names = ", ".join(READERS)
        raise ExposureError(f"unknown table {table!r}; choose from {names}{choice_hint(table, READERS)}")
    frame = READERS[table](check_path(path, "path"))
    if len(frame) == 0:  # as exposure validate --file: a download cut after the header
        raise DataFormatError(f"no {table} rows: the file has a header but no rows (a download cut short?)",
                              path=path)
    return frame


def validate_sources(*, mirror=None, data_dir=None, onet_releases=ONET_RELEASES, on_error=None):
    """Load and validate every source; return row counts and the loaded frames.

    Parameters
    ----------
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.
    onet_releases : sequence of str
        O*NET releases to load.
    on_error : callable, optional
        Called with ``(label, exception)`` for each failing source (an
        :class:`~exposure.errors.ExposureError`, or an :class:`OSError` such as a mirror
        file that cannot be read), and the other sources are still loaded; when ``None``
        the first error is raised. A failing O*NET release has each of its tables read on
        its own, and each failing table is reported (``"O*NET 29.1 job_zones"``); the
        release is reported as a whole (``"O*NET 29.1"``) when every table reads but they
        do not match each other (``load_onet`` stopped at the first bad table, so the
        others were neither checked nor counted).

    Returns
    -------
    counts : pandas.DataFrame
        Columns ``source``, ``release``, ``table``, ``rows`` (``<NA>`` for an absent
        optional table); ``counts.attrs["failed"]`` lists the labels of the sources that
        failed (with ``on_error``), and :func:`write_source_reports` refuses such counts;
        ``counts.attrs["failures"]`` holds ``(source, release, table, label)`` of each (the
        rows ``exposure validate`` prints as failed; ``table`` is ``""`` for an O*NET
        release that failed as a whole). The tables of a failed O*NET release that read
        are counted.
    loaded : dict
        ``("onet", release)`` -> :class:`~exposure.onet.OnetRelease`,
        ``("crosswalks", name)`` and ``("oews", release, table)`` -> frame.

    Raises
    ------
    exposure.errors.ExposureError
        ``onet_releases`` that is not a list of str (one str was read letter by letter,
        None raised ``TypeError``) or names a release twice (its rows were counted twice),
        ``on_error`` that is neither None nor callable (a ``TypeError`` at the first failing
        source), a ``mirror`` that is not a directory or a ``data_dir`` that is a file (every
        source failed with the same error, ``on_error`` called for each), before anything is
        loaded; without ``on_error``, the first error of a source.

    Examples
    --------
    >>> import tempfile
    >>> failed = []
    >>> counts, loaded = validate_sources(
    ...     onet_releases=(), mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp(),
    ...     on_error=lambda label, exc: failed.append(label))
    >>> list(counts.columns), len(counts), failed[:2]
    (['source', 'release', 'table', 'rows'], 0, ['onet_to_soc', 'soc_structure'])
    """
    onet_releases = _check_releases(onet_releases)
    if on_error is not None and not callable(on_error):  # a TypeError at the first failing source
        raise ExposureError(f"on_error must be a function of (label, exception) or None, got {shown(on_error)}")
    # a mirror that is not a directory, a cache that is a file: said once, not by every
    # source (on_error was called 13 times with the same error), as exposure validate does
    fetching.resolve_mirror(mirror)
    fetching.check_cache_dir(fetching.resolve_data_dir(data_dir), create=False)
    rows, loaded, failed, failures = [], {}, [], []

    def attempt(label, fn, where):
        try:
            return fn()
        except (ExposureError, OSError) as exc:  # an unreadable file must not stop the others
            if on_error is None:
                raise
            failed.append(label)
            failures.append((*where, label))
            on_error(label, exc)
            return None

    for release in onet_releases:
        try:
            rel = onet.load_onet(release, mirror=mirror, data_dir=data_dir)
        except (ExposureError, OSError) as exc:
            if on_error is None:
                raise
            # load_onet stops at the first bad table: check each table on its own, so that
            # every failing table is reported and the others are counted
            rows += _onet_tables(release, exc, mirror, data_dir, attempt)
            continue
        loaded[("onet", release)] = rel
        for table, n in rel.row_counts().items():
            rows.append(("onet", release, table, n))
    for name in crosswalks.CROSSWALK_FILES:
        loader = getattr(crosswalks, f"load_{name}")
        frame = attempt(name, lambda loader=loader: loader(mirror=mirror, data_dir=data_dir),
                        ("crosswalks", "", name))
        if frame is not None:
            loaded[("crosswalks", name)] = frame
            rows.append(("crosswalks", "", name, len(frame)))
    for release, table in oews.OEWS_FILES:
        frame = attempt(
            f"OEWS {release} {table}",
            lambda r=release, t=table: oews.load_oews(r, t, mirror=mirror, data_dir=data_dir),
            ("oews", release, table),
        )
        if frame is not None:
            loaded[("oews", release, table)] = frame
            rows.append(("oews", release, table, len(frame)))
    counts = pd.DataFrame(rows, columns=["source", "release", "table", "rows"])
    counts["rows"] = counts["rows"].astype("Int64")
    counts.attrs["failed"] = failed  # write_source_reports refuses a report without them
    counts.attrs["failures"] = failures  # (source, release, table, label), for the CLI's table
    return counts, loaded


def _onet_tables(release: str, error, mirror, data_dir, attempt) -> list[tuple]:
    """Read each table of a release :func:`~exposure.onet.load_onet` failed on, on its own.

    ``load_onet`` stops at the first bad table, so ``exposure validate`` neither counted
    nor checked the others. Each table is fetched and read with its reader: a failing one
    is reported (``attempt``) as ``O*NET <release> <table>``. When every table reads, the
    release's own ``error`` (its tables do not match each other) is reported as
    ``O*NET <release>``, once (also when the release's file names cannot be known).

    Returns
    -------
    list of tuple
        ``("onet", release, table, rows)`` of the tables that read (``None`` for an absent
        optional table): counted, though the release as a whole failed.
    """
    label = f"O*NET {release}"
    try:
        names = onet.onet_file_names(release, None,
                                     fetching.resolve_store(None, mirror=mirror, data_dir=data_dir).lock)
    except (ExposureError, OSError):  # a malformed release, a bad mirror: reported once
        names = None
    rows, bad = [], False
    for table, name in (names or {}).items():
        if name is None:  # an optional table the release does not hold (load_onet's None)
            rows.append(("onet", release, table, None))
            continue

        def read(name=name, table=table):
            return fetching.fetch_table(name, READERS[table], mirror=mirror, data_dir=data_dir)

        frame = attempt(f"{label} {table}", read, ("onet", release, table))
        if frame is None:
            bad = True
        else:
            rows.append(("onet", release, table, len(frame)))
    if not bad:  # every table reads: they do not match each other (or names failed)
        attempt(label, lambda: _raise(error), ("onet", release, ""))
    return rows


def _raise(error):
    raise error


def _check_releases(releases) -> list[str]:
    """``onet_releases`` as a list of str, else an error naming it.

    One release as a str (``"29.1"``) was read letter by letter (``O*NET release '2' is not
    of the form MAJOR.MINOR``, four times); None raised ``TypeError: 'NoneType' object is
    not iterable``. A release given twice was loaded twice (its rows counted twice).

    Examples
    --------
    >>> _check_releases(("29.1",))
    ['29.1']
    >>> _check_releases("29.1")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: onet_releases must be a list of O*NET releases (str), got str '29.1': write ('29.1',)
    """
    what = "onet_releases must be a list of O*NET releases (str), got "
    if isinstance(releases, str):
        raise ExposureError(f"{what}{shown(releases)}: write ({releases!r},)")
    if releases is None or isinstance(releases, (bytes, bytearray)) or hasattr(releases, "columns") \
            or not hasattr(releases, "__iter__"):
        raise ExposureError(what + shown(releases))
    out = list(releases)
    for item in out:
        if not isinstance(item, str):
            raise ExposureError(f"{what}{shown(item)} in it")
    seen = set()
    for item in out:  # loaded twice: its row counts listed twice, its failures reported twice
        if item in seen:
            raise ExposureError(f"onet_releases names O*NET release {item!r} twice: give each release once")
        seen.add(item)
    return out


def _onet_figures(r) -> list[tuple]:
    occ, tasks = r.occupations, r.tasks
    with_tasks = occ["onetsoc_code"].isin(tasks["onetsoc_code"])
    key = ["onetsoc_code", "task_id"]
    linked = pd.MultiIndex.from_frame(tasks[key]).isin(pd.MultiIndex.from_frame(r.task_dwas[key]))
    figures = [
        ("occupations", len(occ)),
        ("occupations with task statements", int(with_tasks.sum())),
        ("occupations without task statements", int((~with_tasks).sum())),
        ("occupations with a job zone", int(occ["job_zone"].notna().sum())),
        ("task statements", len(tasks)),
        ("tasks Core", int((tasks["task_type"] == "Core").sum())),
        ("tasks Supplemental", int((tasks["task_type"] == "Supplemental").sum())),
        ("tasks without task type", int(tasks["task_type"].isna().sum())),
        ("tasks whose text contains a double quote",
         int(tasks["task"].str.contains('"', regex=False).sum())),
        ("tasks linked to at least one DWA", int(linked.sum())),
    ]
    return [("onet", r.release, figure, value) for figure, value in figures]


def _crosswalk_figures(cw: pd.DataFrame) -> list[tuple]:
    per_soc = cw.groupby("soc_code").size()
    figures = [
        ("O*NET-SOC codes in the 2019-to-SOC crosswalk", len(cw)),
        ("distinct SOC 2018 codes", int(per_soc.size)),
        ("SOC codes shared by several O*NET codes", int((per_soc > 1).sum())),
    ]
    return [("crosswalks", "", figure, value) for figure, value in figures]


def _oews_figures(release: str, table: str, f: pd.DataFrame) -> list[tuple]:
    figures = [
        ("rows", len(f)),
        ("detailed occupation rows", int((f["o_group"] == "detailed").sum())),
        ("employment not released (**)", int(f["tot_emp_not_released"].sum())),
        ("annual mean wage not released (*)", int(f["a_mean_not_released"].sum())),
        ("annual mean wage top-coded (#)", int(f["a_mean_top_coded"].sum())),
        ("rows with any top-coded wage (#)", int(f["any_top_coded"].sum())),
    ]
    return [("oews", f"{release} {table}", figure, value) for figure, value in figures]


def _match_figures(cw: pd.DataFrame, emp: pd.DataFrame) -> list[tuple]:
    soc = set(cw["soc_code"])
    detailed = emp[emp["o_group"] == "detailed"]
    direct = detailed["occ_code"].isin(soc)
    # numbers given as text ("300", checked by _check_counted) added as numbers, not as text
    emp_values = pd.to_numeric(detailed["tot_emp"].astype(object), errors="coerce").astype(float)
    total = emp_values.sum()
    share = round(float(emp_values[direct].sum() / total), 4) if total else None
    figures = [
        ("SOC codes of the crosswalk published by OEWS (any level)",
         int(pd.Series(sorted(soc)).isin(emp["occ_code"]).sum())),
        ("OEWS detailed codes that are crosswalk SOC codes", int(direct.sum())),
        ("OEWS detailed codes that are not (aggregates)", int((~direct).sum())),
        ("share of detailed employment with a direct SOC match", share),
    ]
    return [("crosswalks+oews", "2025", figure, value) for figure, value in figures]


#: Columns each kind of loaded frame must hold for :func:`coverage_figures`.
_FIGURE_COLUMNS = {
    "crosswalks": ["onetsoc_code", "soc_code"],
    "oews": ["occ_code", "o_group", "tot_emp", "tot_emp_not_released", "a_mean_not_released",
             "a_mean_top_coded", "any_top_coded"],
}


def _check_loaded(loaded: dict) -> None:
    """Refuse an entry of ``loaded`` that :func:`coverage_figures` cannot count, naming its key.

    An O*NET release that is not one (None: ``AttributeError``), a crosswalk or OEWS frame
    without a column counted (``KeyError: 'soc_code'``) raised from inside.
    """
    for key, obj in loaded.items():
        if not _known_key(key):  # (), ("oews",), 1: IndexError / TypeError from inside
            raise DataFormatError(f"loaded has the key {key!r}: expected ('onet', RELEASE), ('crosswalks', NAME) "
                                  "or ('oews', RELEASE, TABLE), as validate_sources gives")
        if key[0] == "onet":
            if not all(isinstance(getattr(obj, a, None), pd.DataFrame) for a in ("occupations", "tasks", "task_dwas")):
                raise DataFormatError(f"loaded[{key!r}] must be an O*NET release (exposure.load_onet), got "
                                      f"{shown(obj)}")
            continue
        kind = "crosswalks" if key == ("crosswalks", "onet_to_soc") else "oews" if key[0] == "oews" else None
        if kind is None:
            continue
        if not isinstance(obj, pd.DataFrame):
            raise DataFormatError(f"loaded[{key!r}] must be a pandas DataFrame, got {shown(obj)}")
        missing = [c for c in _FIGURE_COLUMNS[kind] if c not in obj.columns]
        if missing:
            raise DataFormatError(f"loaded[{key!r}] lacks column(s) {missing} (columns: {list(obj.columns)})")
        check_once(obj, _FIGURE_COLUMNS[kind], f"loaded[{key!r}]")  # a column twice: a frame from inside
        _check_codes(obj, kind, f"loaded[{key!r}]")
        if kind == "oews":
            _check_counted(obj, f"loaded[{key!r}]")


#: The code columns :func:`coverage_figures` counts and matches, and the check of each.
_CODE_COLUMNS = {
    "crosswalks": {"onetsoc_code": first_bad_onetsoc_code, "soc_code": first_bad_soc_code},
    "oews": {"occ_code": first_bad_soc_code},
}


def _check_codes(frame: pd.DataFrame, kind: str, name: str) -> None:
    """Refuse a code that :func:`coverage_figures` would count or match wrongly, naming the row.

    A missing ``soc_code`` of the crosswalk raised ``TypeError: '<' not supported between
    instances of 'float' and 'str'``; a padded one (``" 11-1011"``) counted as a SOC code
    of its own (``distinct SOC 2018 codes`` 3 for 2, ``shared by several O*NET codes`` 0
    for 1) and matched no OEWS code, as a padded OEWS ``occ_code`` matched no crosswalk code.

    Examples
    --------
    >>> _check_codes(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": [" 11-1011"]}),
    ...              "crosswalks", "cw")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: cw, row 1, column 'soc_code': not a SOC code (like 11-1011): ' 11-1011': spaces around the code: write '11-1011'
    """
    for column, first_bad in _CODE_COLUMNS[kind].items():
        bad = first_bad(frame[column].reset_index(drop=True))
        if bad is not None:
            raise DataFormatError(bad[1], path=name, row=bad[0] + 1, column=column)


def _known_key(key) -> bool:
    """Whether ``key`` is of a form :func:`validate_sources` gives to ``loaded``.

    Examples
    --------
    >>> _known_key(("oews", "2025", "national")), _known_key(("oews",)), _known_key(1)
    (True, False, False)
    """
    if not isinstance(key, tuple) or not key:
        return False
    return {"onet": 2, "crosswalks": 2, "oews": 3}.get(key[0]) == len(key)


def _check_counted(frame: pd.DataFrame, name: str) -> None:
    """Refuse text where :func:`coverage_figures` counts flags or adds employment, naming the row.

    A text flag ``"False"`` raised ``ValueError: invalid literal for int() ... 'FalseFalse'``
    (and a ``"True"`` would have been counted), a text ``tot_emp`` a ``TypeError``.

    Examples
    --------
    >>> flags = dict.fromkeys(["tot_emp_not_released", "a_mean_not_released",
    ...                        "a_mean_top_coded", "any_top_coded"], False)
    >>> _check_counted(pd.DataFrame({"tot_emp": [1.0], **flags}).assign(any_top_coded=["no"]), "emp")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: emp, row 1, column 'any_top_coded': expected True or False, got 'no'
    """
    numbers(frame, "tot_emp", name)
    for column in _FIGURE_COLUMNS["oews"][3:]:
        for pos, value in enumerate(frame[column].tolist()):
            if not isinstance(value, (bool, np.bool_)):
                raise DataFormatError(f"expected True or False, got {value!r}", path=name, row=pos + 1,
                                      column=column)


def coverage_figures(loaded: dict) -> pd.DataFrame:
    """Coverage figures of the loaded sources (for ``docs/methods/data.md``).

    Parameters
    ----------
    loaded : dict
        Second output of :func:`validate_sources`.

    Raises
    ------
    exposure.errors.DataFormatError
        ``loaded`` is not a dict (an ``AttributeError`` before); an O*NET entry that is
        not a release, a crosswalk or OEWS entry that is not a frame or lacks a column
        counted, naming its key (``AttributeError`` / ``KeyError`` before); a key of
        another form than :func:`validate_sources` gives (``IndexError`` / ``TypeError``
        before); a crosswalk ``onetsoc_code`` or ``soc_code``, or an OEWS ``occ_code``, that
        is missing (a ``TypeError`` before) or malformed (``" 11-1011"`` was counted as a
        SOC code of its own, matching nothing), naming the key, row and column; an OEWS flag that is not True or False or an employment that is not a
        number (``"False"``, ``"300"``: a ``ValueError`` / ``TypeError`` before), naming
        the key, row and column.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``release``, ``figure``, ``value``: per O*NET release the
        occupations and tasks (with and without task statements, task types, double
        quotes, DWA links), per crosswalk the SOC codes shared by several O*NET codes, per
        OEWS table the suppressed and top-coded cells, and how many OEWS May 2025 codes
        the crosswalk's SOC codes reach directly.

    Examples
    --------
    >>> cw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...                    "soc_code": ["11-1011", "11-1011", "13-1021"]})
    >>> flags = ["tot_emp_not_released", "a_mean_not_released", "a_mean_top_coded",
    ...          "any_top_coded"]
    >>> emp = pd.DataFrame({"occ_code": ["11-1011", "13-1020"], "o_group": "detailed",
    ...                     "tot_emp": [300.0, 100.0], **dict.fromkeys(flags, False)})
    >>> fig = coverage_figures({("crosswalks", "onet_to_soc"): cw,
    ...                         ("oews", "2025", "cross_industry"): emp})
    >>> fig.set_index("figure")["value"].iloc[[2, 12]].to_dict()
    {'SOC codes shared by several O*NET codes': 1, 'share of detailed employment with a direct SOC match': 0.75}
    """
    if not isinstance(loaded, dict):
        raise DataFormatError(f"loaded must be a dict of the loaded sources (the second output of "
                              f"validate_sources), got {shown(loaded)}")
    _check_loaded(loaded)
    out = []
    for key, obj in loaded.items():
        if key[0] == "onet":
            out += _onet_figures(obj)
        elif key == ("crosswalks", "onet_to_soc"):
            out += _crosswalk_figures(obj)
        elif key[0] == "oews":
            out += _oews_figures(key[1], key[2], obj)
    cw, emp = loaded.get(("crosswalks", "onet_to_soc")), loaded.get(("oews", "2025", "cross_industry"))
    if cw is not None and emp is not None:
        out += _match_figures(cw, emp)
    return pd.DataFrame(out, columns=["source", "release", "figure", "value"], dtype=object)


def write_source_reports(counts: pd.DataFrame, loaded: dict, report_dir) -> list[Path]:
    """Write ``validate_row_counts.csv`` and ``data_coverage.csv`` into ``report_dir``.

    Parameters
    ----------
    counts, loaded
        The outputs of :func:`validate_sources`.
    report_dir : str or os.PathLike
        Report directory (the docs read ``data/processed/reports``); created if needed.

    Returns
    -------
    list of pathlib.Path
        The two files written.

    Raises
    ------
    exposure.errors.DataFormatError
        ``counts`` not a DataFrame or without the columns of :func:`validate_sources`
        (a file of its other columns was written), ``loaded`` not a dict or holding an
        entry :func:`coverage_figures` cannot count, ``report_dir`` not a path
        (``AttributeError`` / ``TypeError`` before), a file or a directory that cannot be
        written (:func:`exposure._outdir.check_files_dir`, as
        :func:`~exposure.reports.reproduction.write_reproduction_reports` refuses it: it
        was ``report_dir/validate_row_counts.csv: cannot write: a parent of the path is not
        a directory``), before anything is written.
    exposure.errors.OutputError
        ``report_dir`` that is no directory yet and is named like a file (``counts.csv``,
        ``report.xlsx``, ``report.dta``; the suffixes of
        :data:`exposure._outdir.FILE_SUFFIXES`, which ``exposure validate --report-dir``
        refuses: ``.dta``, ``.pq`` and ``.png`` were taken here): a directory of that name
        was made to hold the two reports.
    exposure._outdir.OutputPathError
        ``report_dir`` inside the mirror (``$EXPOSURE_MIRROR``), the download cache's
        folders or the installed package (:func:`exposure.fetch.refuse_read_folders`, as
        the other report writers and ``exposure validate --report-dir``): the two reports
        were written among the raw files. ``report_dir`` that is, or lies under, a
        symbolic link to nothing (it was called a parent that is not a directory).
    exposure.errors.ExposureError
        ``report_dir`` with surrounding spaces or a line end (``"reports "``, a value read
        with its CRLF end), unless a directory of that very name exists
        (:func:`exposure.fetch.refuse_spaces`): a new directory ``'reports '`` was made
        beside ``reports``. ``counts`` of a :func:`validate_sources` run in which a
        source failed (its ``attrs["failed"]``), before anything is written: the report
        was written without the failed sources' rows, replacing the complete one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> counts = pd.DataFrame({"source": ["oews"], "release": ["2025"], "table": ["national"],
    ...                        "rows": pd.array([1400], dtype="Int64")})
    >>> paths = write_source_reports(counts, {}, tempfile.mkdtemp())
    >>> [p.name for p in paths], paths[0].read_text().splitlines()
    (['validate_row_counts.csv', 'data_coverage.csv'], ['source,release,table,rows', 'oews,2025,national,1400'])
    """
    report_dir = check_path(report_dir, "report_dir", "a directory path")
    fetching.refuse_spaces(report_dir, "report_dir")  # "reports " (a CRLF line's value): a new directory
    fetching.refuse_read_folders(report_dir)  # the mirror, the cache, the package: as the CLI
    if report_dir.suffix.lower() in FILE_SUFFIXES and not report_dir.is_dir():
        # a directory "counts.csv" was made to hold the two reports; the suffixes are those
        # refuse_file_named_dir refuses (a list of its own lacked .dta, .pq and .png)
        raise OutputError(f"report_dir is the directory that gets validate_row_counts.csv and "
                          f"data_coverage.csv, but {report_dir.name!r} is named like a "
                          f"{report_dir.suffix} file: give a directory", path=report_dir)
    # a file, or a link to nothing: "report_dir/validate_row_counts.csv: cannot write: a parent
    # of the path is not a directory" (the link named as no directory); as the other writers
    check_files_dir(report_dir)
    if not isinstance(counts, pd.DataFrame):
        raise DataFormatError(f"counts must be a pandas DataFrame (the first output of validate_sources), "
                              f"got {shown(counts)}")
    missing = [c for c in ("source", "release", "table", "rows") if c not in counts.columns]
    if missing:  # a validate_row_counts.csv of other columns was written
        raise DataFormatError(f"counts lacks column(s) {missing} (columns: {list(counts.columns)}): it must "
                              "be the first output of validate_sources")
    failed = counts.attrs.get("failed") or []
    if failed:  # the report was written without their rows, over the complete one
        raise ExposureError(f"{report_dir}: validate_row_counts.csv and data_coverage.csv not written: "
                            f"{len(failed)} source(s) failed ({', '.join(map(str, failed))}) and the "
                            "report would lack their rows; fix them and validate again")
    frames = {"validate_row_counts.csv": counts, "data_coverage.csv": coverage_figures(loaded)}
    with atomic_paths([report_dir / name for name in frames]) as paths:  # one set
        for frame, path in zip(frames.values(), paths, strict=True):
            write_csv(frame, path)
    return [report_dir / name for name in frames]
