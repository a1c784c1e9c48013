"""``exposure rollup``: task scores -> occupation, SOC, sector and workforce tables."""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import shlex
from pathlib import Path

import pandas as pd

import exposure.fetch as fetching
from exposure import crosswalks, oews, onet, releases
from exposure._io import formula_advice
from exposure._measures import CATEGORIES, PROBA_COLUMNS
from exposure._outdir import (
    check_output_dir,
    refuse_file_named_dir,
    refuse_protected,
)
from exposure._tables import (
    check_input_file,
    first_row_number,
    number_hint,
    read_frame,
    read_table,
    xlsx_sheet_note,
)
from exposure.cli import COMMAND_HELP, add_location_options, checked_type
from exposure.errors import DataFormatError, DownloadError, ExposureError, NothingMatchedError
from exposure.rollup import rollup
from exposure.rollup._occupations import (
    _absent_types,
    _without_other_tasks,
    check_task_scores,
    plain_name,
    task_weights,
    weight_columns,
    weight_warnings_said,
    weights_unread_said,
)
from exposure.rollup._run import (
    COVERAGE_NAME,
    TABLE_FORMATS,
    _industry_levels,
    check_inputs_kept,
    check_not_inside_recompute_output,
    check_not_recompute_output,
    check_rollup_output,
    draws_advice,
    no_industry_said,
)
from exposure.rollup._sectors import _industry_cells, warn_titles
from exposure.rollup._soc import EMPLOYMENT_FRAME, crosswalk_named, national_detailed
from exposure.scoring._files import WEIGHT_COLUMNS, onet_aliases
from exposure.scoring._inputs import options_named

__all__ = ["register", "run_rollup", "read_task_scores", "COVERAGE_NAME"]

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add the ``rollup`` sub-command.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["rollup", "scores.parquet", "-o", "out", "--bootstrap", "100", "--seed", "3"])
    >>> args.weights, args.bootstrap, args.seed, args.func.__name__
    ('core', 100, 3, 'run_rollup')
    """
    p = subparsers.add_parser(
        "rollup",
        help=COMMAND_HELP["rollup"],
        description="Roll task scores (Parquet or CSV in the TaskScores layout) up to O*NET-SOC "
        "occupations, OEWS occupation codes, NAICS sectors and subsectors, workforce statistics "
        "and the working-time scenario; write one file per table (Parquet, or --format; atomically) and "
        "coverage.json. Inputs come from the source registry (--mirror / $EXPOSURE_MIRROR, or "
        "the cache) unless given as files.",
    )
    p.add_argument("task_scores", metavar="TASK_SCORES",
                   help="task scores file (.parquet, .csv, .tsv, .xlsx or Stata .dta)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    p.add_argument(
        "--weights", choices=("equal", "core", "importance", "frequency"), default="core",
        help="task weights within an occupation (default: core = Core 2, Supplemental/missing 1)",
    )
    p.add_argument(
        "--combine", choices=("equal", "n_tasks"), default="equal",
        help="weights of the O*NET occupations that share one OEWS code (default: equal)",
    )
    add_location_options(p)
    p.add_argument("--bootstrap", type=int, default=0, metavar="N", help="bootstrap draws (default 0: none)")
    p.add_argument("--format", choices=TABLE_FORMATS, default="parquet",
                   help="file format of the output tables (default parquet)")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="random seed of the bootstrap (default 0; with --bootstrap only)")
    p.add_argument("--gain", type=_gain, default=0.5, help="productivity gain of the working-time scenario")
    # checked as recompute checks its own: "O*NET release 'latest' is not of the form MAJOR.MINOR" was
    # said after the task scores were read, naming no option
    p.add_argument("--onet-release", default=None, type=checked_type(releases.check_onet_release),
                   help=f"O*NET release of the task statements and ratings (default {DEFAULT_ONET_RELEASE}); "
                   "not with --tasks (--weights core) or --task-ratings (importance, frequency), whose files "
                   "are the release read")
    p.add_argument("--oews-release", default=None, type=checked_type(releases.check_oews_release),
                   help="OEWS release of the employment (default 2025, which has the by-industry table); "
                        "not with --employment, whose file is the employment")
    p.add_argument("--crosswalk", metavar="FILE", help="O*NET-SOC -> SOC 2018 crosswalk file")
    p.add_argument("--employment", metavar="FILE", help="OEWS file (BLS layout)")
    p.add_argument("--tasks", metavar="FILE",
                   help="O*NET Task Statements file (task types; with --weights importance or frequency, read to "
                   "tell tasks of your own under O*NET's task IDs from O*NET's, when the scores have a task column)")
    p.add_argument("--task-ratings", metavar="FILE", help="O*NET Task Ratings file")
    p.add_argument("--soc-structure", metavar="FILE",
                   help="SOC 2018 structure file (tells detailed codes from OEWS aggregates; default: "
                   "the registry's when the crosswalk is the registry's, as exposure recompute)")
    p.set_defaults(func=run_rollup)


def read_task_scores(path, weights: str = "core") -> pd.DataFrame:
    """Read a task scores file (.parquet, or .csv with string codes); return it checked.

    O*NET's published column names (``O*NET-SOC Code``, ``Task ID``, ``Task Type``,
    ``Task``, ``Title``) are read as the library's (``onetsoc_code`` ...), as ``exposure
    score`` reads them (:func:`exposure.scoring._files.onet_aliases`), where the
    library's name is not a column too. The checks of
    :func:`exposure.rollup._occupations.check_task_scores` run here, so that a failure
    names the file and the row as a spreadsheet shows it (the header is row 1 of a CSV);
    a file with a header and no rows is refused. The frame returned is the one they
    return (typed columns), without a ``task_type`` column none of whose rows gives a
    type (the types are then read from the task statements, as without the column). A
    second spelling of a key or measure column (``beta`` and ``Beta``) and a column of
    task weights (another tool's ``weight``, or each task's ``hours``, ``importance`` or
    ``frequency``: :data:`~exposure.scoring._files.OWN_WEIGHTS`) are refused, saying
    how the ``weights`` (``--weights``) weigh the tasks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("onetsoc_code,task_id,alpha,beta,gamma\\n11-1011.00,1,1,1,1\\n")
    >>> read_task_scores(p)["onetsoc_code"].tolist()
    ['11-1011.00']
    """
    path = Path(path)
    if path.is_dir():
        raise DataFormatError("is a directory, not a task scores file", path=path)
    check_input_file(path, "task scores file")  # "-", a pipe: not "not found"
    if not path.is_file():
        raise DataFormatError("task scores file not found", path=path)
    frame = read_frame(path)
    # O*NET's published headers ('O*NET-SOC Code', 'Task ID', 'Task Type' ...), read as
    # exposure score reads them: one rule, one alias map, for both commands
    frame = frame.rename(columns=onet_aliases(frame))
    missing = {"onetsoc_code", "task_id", "alpha", "beta", "gamma"} - set(frame.columns)
    if missing:
        note = xlsx_sheet_note(path)  # a notes sheet first: name it, and the others
        # a header 'beta ' or 'Beta' was "missing column(s) ['beta']", naming nothing of the file
        near = [f"{c!r} (rename it {m})" for m in sorted(missing) for c in frame.columns
                if isinstance(c, str) and c != m and c.strip().lower() == m]
        hint = f"; the file has {', '.join(near)}" if near else ""
        if not near:
            hint = _own_tasks_hint(frame, missing)
        raise DataFormatError(f"missing column(s) {sorted(missing)}{hint}" + (f"; {note}" if note else ""),
                              path=path)
    if frame.empty:
        raise DataFormatError("no task scores: the file has a header but no rows", path=path)
    _refuse_ambiguous_columns(frame, path, weights)
    scores = check_task_scores(frame, path=path, row_offset=first_row_number(path))  # rollup() checks again
    if "task_type" in scores.columns and _absent_types(scores["task_type"]).all():
        # an empty column weighed every task 1 under --weights core (equal weights), and
        # --tasks or the registry's statements were not read: it is no task type given
        scores = scores.drop(columns="task_type")
    return scores


def _own_tasks_hint(frame: pd.DataFrame, missing: set) -> str:
    """Advice for scores of a caller's own tasks (``exposure score`` of free text), or ``""``.

    The roll-up groups tasks by ``onetsoc_code`` and tells them apart by ``task_id``;
    ``exposure score`` of free text writes neither, only the closest O*NET task's code
    (``nearest_onetsoc_code``), and a task list of one's own may carry codes without IDs.
    Said only when the measures are there (``missing`` holds no measure), so that the
    advice fits the file. Tasks keyed by SOC codes (a ``soc_code`` or ``occ_code`` column
    for ``onetsoc_code``) are told the code to give (it was ``missing column(s)
    ['onetsoc_code']`` and no more).

    Examples
    --------
    >>> f = pd.DataFrame(columns=["task", "onetsoc_code", "alpha", "beta", "gamma"])
    >>> _own_tasks_hint(f, {"task_id"})[:60]
    '; give each task an ID unique within its occupation code (ta'
    """
    if missing & {"alpha", "beta", "gamma"} or not missing <= {"onetsoc_code", "task_id"}:
        return ""
    ids = ("; give each task an ID unique within its occupation code (task_id = 1, 2, ...) "
           "and weigh the tasks with --weights equal (the task types and ratings of the other "
           "weights are O*NET's, by O*NET's task IDs)")
    if "onetsoc_code" not in missing:
        return ids
    soc = next((c for c in frame.columns if isinstance(c, str) and c.strip().lower() in ("soc_code", "occ_code")),
               None)
    if soc is not None:  # tasks keyed by SOC (OEWS) codes: "missing column(s) ['onetsoc_code']" and no more
        return (f"; the file has {soc!r}, SOC occupation codes: the roll-up goes through O*NET-SOC occupations, so "
                "give each row the O*NET-SOC code of its occupation in a column onetsoc_code ('11-1011.00' for "
                f"the SOC occupation 11-1011 itself){ids if 'task_id' in missing else ''}")
    if "nearest_onetsoc_code" in frame.columns:
        return ("; these are scores of texts without occupation codes: give each row the "
                "O*NET-SOC code of its occupation (column onetsoc_code; the closest O*NET "
                "task's nearest_onetsoc_code is a rough placement only, see the rows of low "
                f"confidence first){ids if 'task_id' in missing else ''}")
    return ""


#: Column names (lower case, stripped) of task weights written by other tools: the roll-up
#: weighs by ``--weights`` and would ignore them. ``exposure score`` warns of the same names
#: (:data:`exposure.scoring._files.WEIGHT_COLUMNS`, this list). The roll-up refuses these and
#: the other names of :data:`~exposure.scoring._files.OWN_WEIGHTS` (``hours`` ...).
FOREIGN_WEIGHTS = WEIGHT_COLUMNS

#: The options of ``exposure rollup`` that stand for arguments named in the library's errors
#: (:func:`~exposure.scoring._inputs.options_named`): the task weights' errors said
#: ``weights='core'`` and "the task statements of the O*NET release the scores come from",
#: which the command takes as ``--weights core`` and ``--onet-release`` or ``--tasks FILE``.
_OPTIONS = {"weights": "--weights"}

#: The columns of the task scores that the roll-up reads when they are there, and what for.
OPTIONAL_COLUMNS = {
    "task_type": "the task types of --weights core",
    "label": "the labels of share_e1 and share_exposed",
    **{p: "the probabilities of the labels" for p in PROBA_COLUMNS},
    "method": "the scoring method, by which the bootstrap draws the labels of learned scores",
    **{c: "a category flag, for the category's shares and workforce rows" for c in CATEGORIES},
}


#: Columns refused beside a second spelling (``beta`` and ``Beta``). Beside ``label``,
#: ``method`` or a flag, another spelling is an input column ``exposure score`` carried
#: into its output (a hand ``Label``), which the roll-up does not read.
REFUSED_TWICE = ("onetsoc_code", "task_id", "alpha", "beta", "gamma", "task_type")


def _refuse_ambiguous_columns(frame: pd.DataFrame, path, weights: str = "core") -> None:
    """Refuse a second spelling of a column the roll-up reads, or a weights column it would ignore.

    ``beta`` and ``Beta`` (two tools' columns): ``beta`` was read and ``Beta`` ignored
    without a word (:data:`REFUSED_TWICE`); a ``weight`` column: the tables were weighted
    by ``--weights``, and so were they beside a column of each task's ``hours``,
    ``importance`` or ``frequency`` (the user's own weights, until round 81), without a
    word: refused saying how the ``weights`` weigh the tasks
    (:func:`~exposure.rollup._occupations.weights_unread_said`). A column the roll-up
    reads when it is there (:data:`OPTIONAL_COLUMNS`) given only in another case or with
    spaces around its name (``Admin``, ``'task_type '``, ``Label``: a header typed or
    exported by hand) is refused too, as a required column so named is
    (``rename it beta``): it was not read, without a word (no category shares, the task
    types read from the statements). So is one written with spaces for its underscores
    (``Task type``, ``task weight``).
    """
    for m in ("onetsoc_code", "task_id", "alpha", "beta", "gamma", *OPTIONAL_COLUMNS):
        # a space for the underscore too: 'Task type' (O*NET's header in another case) was not read
        other = [c for c in frame.columns if isinstance(c, str) and c != m and plain_name(c) == m]
        if m in frame.columns and other and m in REFUSED_TWICE:
            raise DataFormatError(f"columns {m!r} and {other[0]!r} are both given: which one holds the "
                                  f"{m}? drop or rename {other[0]!r}", path=path, column=str(other[0]))
        if other and m not in frame.columns and m in OPTIONAL_COLUMNS:
            raise DataFormatError(f"column {other[0]!r} is not read: the roll-up reads {m!r} ("
                                  f"{OPTIONAL_COLUMNS[m]}), and column names are case- and space-sensitive; "
                                  f"rename it {m!r}", path=path, column=str(other[0]))
    unread = weight_columns(frame)  # hours, importance, frequency too: the caller's own weights
    if unread:
        with options_named(_OPTIONS):  # --weights core, not weights='core'
            raise DataFormatError(weights_unread_said(unread[0], weights), path=path, column=unread[0])


@contextlib.contextmanager
def _in_file(path, row_offset=None, *, every_error: bool = False, frame: str | None = None):
    """Re-raise a :class:`DataFormatError` about a frame as one about file ``path``.

    Rows of the frame (counted from 1) become rows of the file when ``row_offset`` (the
    row of its first record, :func:`exposure._tables.first_row_number`, or a function of
    ``path`` giving it, called only on an error) is given; then only errors that name a
    row are about the file, unless ``every_error`` (a frame read from ``path`` alone).
    An error naming no file, the employment frame
    (:data:`~exposure.rollup._soc.EMPLOYMENT_FRAME`, named first as the other frames are)
    or ``frame`` (``task_scores``, as :func:`~exposure.rollup.task_weights` names the
    scores' own ``task_type`` column) is about the frame.
    """
    try:
        yield
    except DataFormatError as exc:
        if exc.path not in (None, EMPLOYMENT_FRAME, *([frame] if frame else [])) or (
                row_offset is not None and exc.row is None and not every_error):
            raise
        if callable(row_offset):
            row_offset = row_offset(path) if exc.row is not None else None
        raise exc.in_file(path, row_offset) from None


def _oews_first_row(path) -> int:
    """Row of the first record of OEWS file ``path`` as :func:`exposure.oews.read_oews` counts it.

    2 under the header line of a CSV file; in a workbook, the row under the header row,
    which may follow title rows (the sheet is read again: called on errors only).
    """
    return _first_row(path, "OCC_CODE")


def _first_row(path, header: str) -> int:
    """Row of the first record of file ``path`` whose header holds ``header`` (the readers' count).

    2 under the header line of a text file; in a workbook, the row under the header row,
    which may follow title rows (the sheet is read again: called on errors or warnings
    only).
    """
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return read_table(path, {"key": header}).first_row
    return first_row_number(path)


def _check_employment(emp: pd.DataFrame, path) -> None:
    """Check what the roll-up needs of the ``--employment`` file ``path`` (read: ``emp``), naming its rows.

    Its cross-industry occupations and the cells of its industries: an error found by the
    sector roll-up (a SOC group beside a code it holds in one industry) named rows of the
    frame (row 7 for the file's row 8, under its header) and no file. The rows in the
    message are counted as the file counts them; the first record's row of a workbook is
    read only on an error. So are the rows of the warning about an industry or a major
    group given two titles (:func:`~exposure.rollup._sectors.warn_titles`; the roll-up of
    the same frame does not repeat it): it named the frame's rows and no file.
    """
    def check(row_offset: int) -> None:
        national_detailed(emp, row_offset=row_offset)  # a file without rows: read_oews refused it
        for level in _industry_levels(emp):
            _industry_cells(emp, level, warn=False, row_offset=row_offset)

    try:
        check(1)
    except DataFormatError:
        first = _oews_first_row(path)
        with _in_file(path, first, every_error=True):
            check(first)  # the same error, its rows counted as the file's
        raise
    warn_titles(emp, path=path, row_offset=functools.cache(lambda: _oews_first_row(path)))


def _onet_names(release: str, loc: dict) -> dict:
    """File names of O*NET ``release`` by table, as :func:`exposure.onet.load_onet` reads them.

    The package registry's for a release it pins; for another (``31.0``, from a download in
    ``--data-dir`` or pinned in the lock file by a recompute), the lock file's or the O*NET
    layout's (:func:`exposure.onet.onet_file_names`). Only the registry was looked at, so
    ``exposure rollup --onet-release 31.0`` said ``no O*NET 31.0 Task Statements in the
    registry`` where ``exposure recompute --onet-release 31.0`` read the release.
    """
    return onet.onet_file_names(release, lock=fetching.resolve_store(None, **loc).lock)


def _inputs(args: argparse.Namespace, task_scores: pd.DataFrame):
    loc = {"mirror": args.mirror, "data_dir": args.data_dir}
    xw = (crosswalks.read_onet_to_soc(args.crosswalk) if args.crosswalk
          else crosswalks.load_onet_to_soc(**loc))
    # the structure tells a detailed SOC code from an OEWS aggregate (oews_code_map): the
    # recompute passes the registry's; with a crosswalk of the user's own lacking a detailed
    # code that OEWS publishes, that code was taken for an aggregate of its broad group
    structure = (crosswalks.read_soc_structure(args.soc_structure) if args.soc_structure
                 else None if args.crosswalk else crosswalks.load_soc_structure(**loc))
    if args.crosswalk and xw.empty:  # every occupation unmatched: seven tables of no coverage
        raise DataFormatError("no crosswalk rows: the file has a header but no rows", path=args.crosswalk)
    national = False  # the national table read for want of the by-industry one (said so)
    if args.employment:
        try:
            emp = oews.read_oews(args.employment)
        except DataFormatError as exc:
            raise _national_only(exc) from None
        _check_employment(emp, args.employment)
    else:
        emp, national = _load_employment(args.oews_release, loc)
    tasks = ratings = None
    # the statements give the types the scores leave out: all (no task_type column; the
    # registry's by default), or some (a column partly empty: --tasks was ignored, and those
    # tasks weighed 1 though Core; without --tasks they weigh 1, as documented)
    partly = bool(args.tasks) and "task_type" in task_scores.columns and bool(
        _absent_types(task_scores["task_type"]).any())
    if args.weights == "core" and ("task_type" not in task_scores.columns or partly):
        name = None if args.tasks else _onet_names(args.onet_release, loc)["tasks"]
        if not args.tasks and name is None:
            raise ExposureError(f"no O*NET {args.onet_release} Task Statements in the registry; pass --tasks FILE")
        path = args.tasks or fetching.fetch(name, **loc)
        tasks = onet.read_tasks(path)
        if tasks.empty:  # it was reported as tasks of the scores file missing from it
            raise DataFormatError("no task statements: the file has a header but no rows", path=path)
    ratings_path = None  # the file the ratings are read from, named in the weights' warning
    if args.weights in ("importance", "frequency"):
        if args.task_ratings:
            ratings_path = args.task_ratings
            ratings = onet.read_task_ratings(ratings_path)
        else:
            name = _onet_names(args.onet_release, loc)["task_ratings"]
            if name is None:
                raise ExposureError(
                    f"--weights {args.weights} needs O*NET Task Ratings, which the registry does not "
                    f"have for release {args.onet_release}; pass --task-ratings FILE"
                )
            ratings_path = fetching.fetch(name, **loc)
            ratings = onet.read_task_ratings(ratings_path)
        if args.task_ratings:
            _check_scale(ratings, args.weights, args.task_ratings)
        if args.tasks and "task" in task_scores.columns:  # to tell the caller's own tasks, which
            tasks = onet.read_tasks(args.tasks)  # O*NET does not rate, from O*NET's (it was unread)
    return xw, emp, tasks, ratings, ratings_path, structure, national


#: The area columns of BLS's files (``AREA_TYPE``, else ``AREA``) whose refusal by
#: :func:`exposure.oews.read_oews` is of a state or other area's table.
_AREA_COLUMNS = ("AREA_TYPE", "AREA")


def _national_only(exc: DataFormatError) -> DataFormatError:
    """``exc``, the refusal of an ``--employment`` file, saying what the command takes when the file is of a state or other area.

    The reader's words (``AREA_TYPE must be 1 ... got '2' (AREA_TITLE 'Alabama'): a state
    table? read BLS's national file``) said neither that ``exposure rollup`` rolls up U.S.
    employment alone nor what to give it instead of ``--employment``; other errors are
    returned as they are.

    Examples
    --------
    >>> err = DataFormatError("AREA_TYPE must be 1, got '2': a state table? read BLS's national file "
    ...                       "(national_M<year>_dl)", path="st.csv", row=2, column="AREA_TYPE")
    >>> str(_national_only(err))[-121:]
    "national): give --employment a national file, or leave --employment out to read the registry's OEWS (--oews-release YEAR)"
    """
    column = exc.column.strip().upper() if isinstance(exc.column, str) else None
    if column not in _AREA_COLUMNS:
        return exc
    return DataFormatError(f"{exc.reason}; exposure rollup has no state or area roll-up (its tables are national): "
                           "give --employment a national file, or leave --employment out to read the registry's "
                           "OEWS (--oews-release YEAR)", path=exc.path, row=exc.row, column=exc.column, line=exc.line)


def _load_employment(release: str, loc: dict) -> tuple[pd.DataFrame, bool]:
    """The OEWS by-industry table of ``release``; its national table when BLS's by-industry files are not at hand.

    Any release other than 2025 was read from its national table (cross-industry rows
    only: empty sector and subsector tables), even when the data directory held BLS's
    by-industry files of that year (``natsector_M{yyyy}_dl.xlsx`` and
    ``nat3d_M{yyyy}_dl.xlsx``, ``oesm{yy}in4.zip``), which ``exposure recompute`` reads.
    Now the by-industry table is read, as the recompute reads it; only when its files
    cannot be had (:class:`~exposure.errors.DownloadError`: not in the mirror nor in the
    data directory, or no download) is the national table read, with a warning that says
    why and where to put the files. A by-industry file that is there but bad is refused,
    and so is a release whose by-industry table the registry pins (2025) when it cannot
    be had, as before.

    Returns
    -------
    (pandas.DataFrame, bool)
        The table, and whether it is the national table read instead: the warning said
        what it leaves empty, and the roll-up does not say it again
        (:func:`~exposure.rollup._run.no_industry_said`; its own warning of an employment
        without industry rows spoke of the sector tables a second time).
    """
    year = releases.check_oews_release(release)
    try:
        return oews.load_oews(year, "by_industry", **loc), False
    except DownloadError as exc:
        if (year, "by_industry") in oews.OEWS_FILES:
            raise
        log.warning("--oews-release %s: the OEWS by-industry table of %s could not be read (%s): its national "
                    "table (cross-industry rows only) is read instead, so the sector and subsector tables are "
                    "empty and working_time has no sector rows; for them, put BLS's oesm%sin4.zip (or its "
                    "natsector_M%s_dl.xlsx and nat3d_M%s_dl.xlsx in a folder oesm%sin4) in the data directory "
                    "(--data-dir)", year, year, exc, year[2:], year, year, year[2:])
    return oews.load_oews(year, "national", **loc), True


def _check_scale(ratings: pd.DataFrame, weights: str, path) -> None:
    """Refuse a ``--task-ratings`` file without a rating of the scale ``weights`` reads, naming it.

    The roll-up's own message (``needs O*NET Task Ratings (scale IM); pass task_ratings=``)
    named neither the file nor the option.
    """
    scale = "IM" if weights == "importance" else "FT"
    if ratings.empty:
        raise DataFormatError("no task ratings: the file has a header but no rows", path=path)
    if not (ratings["scale_id"] == scale).any():
        found = ", ".join(sorted(map(str, ratings["scale_id"].dropna().unique())))
        raise DataFormatError(f"--weights {weights} reads the ratings of scale {scale}, and the file "
                              f"has none (its scales: {found})", path=path)


def _unmatched(exc: NothingMatchedError, args: argparse.Namespace) -> DataFormatError:
    """``exc`` naming the files: the scores and the crosswalk, or the employment file.

    Scores none of whose codes is in the crosswalk, or a crosswalk none of whose codes is
    in the employment file, gave seven tables without a score and exit code 0. The
    message is rebuilt from the error's parts (:meth:`NothingMatchedError.text`).
    """
    crosswalk = _crosswalk_said(args)
    if exc.kind == "crosswalk":  # the error names the scores file
        return DataFormatError(exc.text(scores=None, crosswalk=crosswalk), path=args.task_scores,
                               column=exc.column)
    if args.employment:
        return DataFormatError(exc.text(crosswalk=crosswalk, employment="this file"), path=args.employment)
    return DataFormatError(exc.text(crosswalk=crosswalk, employment=f"OEWS {args.oews_release}"))


def _crosswalk_said(args: argparse.Namespace) -> str:
    """The crosswalk the command reads, in its messages: ``the crosswalk FILE`` or ``the registry's crosswalk``."""
    return f"the crosswalk {args.crosswalk}" if args.crosswalk else "the registry's crosswalk"


#: The OEWS release ``exposure rollup`` loads without ``--oews-release`` or ``--employment``.
DEFAULT_OEWS_RELEASE = "2025"
#: The O*NET release whose task statements or ratings ``exposure rollup`` loads without
#: ``--onet-release``, ``--tasks`` or ``--task-ratings``.
DEFAULT_ONET_RELEASE = "29.1"


def _refuse_unread_options(args: argparse.Namespace) -> None:
    """Refuse ``--task-ratings`` that the chosen ``--weights`` would not read.

    ``--task-ratings`` with the default core weights (``--weights importance`` forgotten)
    was ignored without a word: the tables were weighted by task type, not by the ratings
    given. (``--tasks`` with ``--weights equal`` stays accepted: the advice of the core
    weights' error is to add ``--weights equal``.) ``--oews-release`` with ``--employment``
    is refused too: the file was read and the release ignored, without a word. Without
    either, the release is :data:`DEFAULT_OEWS_RELEASE`. So is ``--onet-release`` when the
    O*NET file the weights read is given: ``--tasks`` with ``--weights core``,
    ``--task-ratings`` with ``--weights importance`` or ``frequency`` (the release was
    ignored without a word; ``--weights equal`` reads no O*NET file, and stays accepted
    with it, as with ``--tasks``). Without it, the release is :data:`DEFAULT_ONET_RELEASE`.
    """
    if args.task_ratings and args.weights not in ("importance", "frequency"):
        raise ExposureError(f"--task-ratings is read by --weights importance or frequency only, and the "
                            f"weights are {args.weights}: add --weights importance (or frequency), or drop "
                            "--task-ratings")
    if args.employment and args.oews_release is not None:  # the file was read, the release ignored
        raise ExposureError(f"--oews-release {args.oews_release} chooses the OEWS release to load, and "
                            f"--employment {args.employment} gives the employment itself (the file's release): "
                            "drop one of them")
    if args.oews_release is None:
        args.oews_release = DEFAULT_OEWS_RELEASE
    given = ("--tasks", args.tasks) if args.weights == "core" else (
        ("--task-ratings", args.task_ratings) if args.weights in ("importance", "frequency") else (None, None))
    if args.onet_release is not None and given[1]:  # the file was read, the release ignored
        raise ExposureError(f"--onet-release {args.onet_release} chooses the O*NET release to load, and "
                            f"{given[0]} {given[1]} gives the file --weights {args.weights} reads (its "
                            "release): drop one of them")
    if args.onet_release is None:
        args.onet_release = DEFAULT_ONET_RELEASE


def _gain(text: str) -> float:
    """Type of ``--gain``: a number (checked to be in [0, 1] by :func:`run_rollup`).

    A decimal comma (``--gain 0,5``, as a European locale writes it) is told the number to
    write (:func:`exposure._tables.number_hint`, the advice of a measure written so): it
    was refused as ``invalid float value: '0,5'`` and no more. So is a percentage
    (``--gain 50%``: ``0.5``).

    Examples
    --------
    >>> _gain("0.25")
    0.25
    >>> _gain("0,25")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: invalid float value: '0,25': a decimal comma? write decimals with a point: '0.25'
    """
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid float value: {text!r}{number_hint(text, share=True)}") from None


def run_rollup(args: argparse.Namespace) -> int:
    """Run ``exposure rollup``; return the exit code (143 after SIGTERM).

    The output directory is checked before any input is read (a recompute output, holding
    ``manifest.json``, is refused, and so is an input file that the roll-up would replace
    or remove there, :func:`~exposure.rollup._run.check_inputs_kept`), and the tables are
    written as one set (:meth:`exposure.rollup.Rollup.write`). Errors about the task
    weights name the task scores file and its row; errors about an ``--employment`` file
    name that file and its row. A directory without ``coverage.json`` holding a file named
    like a table is refused before any input is read
    (:func:`~exposure.rollup._run.check_rollup_output`); inputs that would leave every
    OEWS code without a score are refused naming the file at fault
    (:class:`~exposure.errors.NothingMatchedError`). ``--gain`` outside [0, 1], and
    ``--task-ratings`` that the ``--weights`` do not read, are refused before any input is
    read, and so is ``--seed`` without ``--bootstrap`` (nothing is drawn: it was ignored
    without a word, and written to ``coverage.json`` as the run's seed). So are an output directory inside a folder the run reads (the mirror, the
    download cache's folders, the installed package) or holding one, as ``exposure
    compare`` and ``exposure recompute`` refuse theirs (the roll-up replaced a folder of the
    mirror with one holding its tables), and a new output directory named like a file
    (``-o rollup.xlsx`` made a directory ``rollup.xlsx`` of Parquet files), with the
    options to write instead, quoted as a shell reads them (``-o 'my rollup' --format
    xlsx`` for ``-o "my rollup.xlsx"``).
    """
    out = Path(args.output)
    if args.bootstrap < 0:
        raise ExposureError(f"--bootstrap must be 0 or more, got {args.bootstrap}")
    if args.bootstrap == 1:  # its intervals had low = high for every code
        raise ExposureError("--bootstrap must be 0 (none) or 2 or more, got 1: an interval of one draw has low = high")
    if args.seed is not None and args.seed < 0:
        raise ExposureError(f"--seed must be 0 or more, got {args.seed}")
    if args.seed is not None and not args.bootstrap:  # nothing is drawn: it was ignored without a word
        raise ExposureError(f"--seed {args.seed} seeds the bootstrap, and --bootstrap is 0 (no draws): add "
                            "--bootstrap N (2 or more), or drop --seed")
    if args.seed is None:
        args.seed = 0
    if not 0 <= args.gain <= 1:  # it was refused as "gain" after every input was read and rolled up
        raise ExposureError(f"--gain must be a number in [0, 1], got {args.gain}")
    _refuse_unread_options(args)
    suffix = out.suffix.lower()
    # the advice is pasted into a shell: `-o roll ts --format csv` (for -o "roll ts.csv") gave
    # -o the directory 'roll' and left 'ts' as a second TASK_SCORES
    # the text given: Path() drops the slash of "-o rollup.xlsx/", which says a directory is meant
    refuse_file_named_dir(args.output, "-o/--output", "the roll-up's tables (one file per table, and coverage.json)",
                          f"; for {suffix} tables: -o {shlex.quote(str(out.with_suffix('')))} --format "
                          f"{suffix[1:]}" if suffix[1:] in TABLE_FORMATS else "")
    # inside the mirror, the cache or the package (it was replaced there, as compare and
    # recompute refuse), or holding one of them (replaced as a whole)
    folders = fetching.read_folders(args.mirror, args.data_dir)
    refuse_protected(out, folders, what="the roll-up")
    check_output_dir(out, protect=[folder for _, folder, _ in folders])
    check_not_recompute_output(out)
    check_not_inside_recompute_output(out)  # the rule of Rollup.write, before any work
    check_inputs_kept(out, {"task scores": args.task_scores, "--employment": args.employment,
                            "--crosswalk": args.crosswalk, "--tasks": args.tasks,
                            "--task-ratings": args.task_ratings, "--soc-structure": args.soc_structure})
    check_rollup_output(out)  # a table file of the user's own would be replaced or removed
    scores = read_task_scores(args.task_scores, args.weights)
    xw, emp, tasks, ratings, ratings_path, structure, national = _inputs(args, scores)
    # the weights' errors in the command's words (--weights core, --onet-release or --tasks FILE), not
    # the Python arguments' (weights='core', "the task statements of the O*NET release ...")
    with _in_file(args.task_scores, first_row_number(args.task_scores), frame="task_scores"), options_named(_OPTIONS):
        # the task weights, checked here so that an error names the scores file and its row;
        # rows under another task's key, once, naming the file's lines (rollup() would say
        # it again, naming the frame's rows)
        scores = _without_other_tasks(scores, args.weights, tasks, path=args.task_scores,
                                      row_offset=first_row_number(args.task_scores))
        # its warnings name the file's rows, said here once: rollup() does not repeat them
        # (and the ratings file's line: the FT warning named the frame's row, one above it)
        task_weights(scores, args.weights, task_ratings=ratings, tasks=tasks, path=args.task_scores,
                     row_offset=first_row_number(args.task_scores), ratings_path=ratings_path,
                     ratings_row_offset=lambda: _first_row(ratings_path, "O*NET-SOC Code"))
    try:
        # the weights' warnings, and the national table's, said already; the crosswalk's
        # warning names the file read (it named no frame or file)
        # and the memory check's advice names the option (it said "use fewer draws")
        with weight_warnings_said(), no_industry_said() if national else contextlib.nullcontext(), \
                crosswalk_named(_crosswalk_said(args)), draws_advice("give a smaller --bootstrap"):
            result = rollup(
                scores, xw, emp, weights=args.weights, tasks=tasks, task_ratings=ratings,
                combine=args.combine, n_draws=args.bootstrap, seed=args.seed, gain=args.gain,
                soc_structure=structure,
            )
    except NothingMatchedError as exc:  # name the file at fault, and the other one
        raise _unmatched(exc, args) from None
    # the command has no formulas= option: the formula warning says what its user can do
    with formula_advice("--format parquet or xlsx keeps the text unchanged"):
        written = result.write(out, fmt=args.format)
    tables = result.tables()
    cov = result.coverage
    print(
        f"{len(result.occupations)} occupations, {len(result.soc)} OEWS codes, "
        f"{len(tables['sector_scores'])} sectors, {len(tables['subsector_scores'])} subsectors"
    )
    print(
        f"coverage: {cov['share']:.4f} of OEWS employment scored "
        f"({cov['covered_emp']:,.0f} of {cov['tot_emp']:,.0f}); prefix match alone: {cov['prefix_share']:.4f}"
    )
    print(f"wrote {len(written)} files to {out}")
    return 0
