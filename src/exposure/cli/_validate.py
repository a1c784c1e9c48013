"""``exposure validate``: load and validate every raw source, print row counts.

Without ``--file``, every registered source is resolved through
:func:`exposure.fetch.fetch` (``--mirror``/``--data-dir``), parsed and validated: O*NET
releases (with referential checks), the crosswalks and the OEWS tables 2021-2025. With
``--file TABLE PATH`` only the given local files are parsed, with the reader of
``TABLE`` (no registry, no checksum): useful to check a file before adding it; a table
of a header alone is refused, and ``--onet-release``, ``--mirror``, ``--data-dir`` and
``--report-dir`` (which choose what a full validation reads and writes) are refused with
it. The work is done by :mod:`exposure.reports.sources`; this module parses the arguments
and prints.

Every failure is reported (the run goes on with the next source), on stderr and as a row
``failed`` of the printed table, and the exit code is 2 when any source failed. A bad
``--mirror`` or ``--data-dir`` is said once, before any source is read.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import sys
from pathlib import Path

import pandas as pd

from exposure import fetch as _fetch
from exposure._outdir import (
    OutputPathError,
    check_files_dir,
    check_report_files,
    refuse_file_named_dir,
    refuse_spaces,
)
from exposure._tables import check_input_file
from exposure.cli import COMMAND_HELP, add_location_options, with_record_line
from exposure.crosswalks import CROSSWALK_FILES
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import read_folders
from exposure.onet import _FILES as _ONET_FILES
from exposure.reports.diff import refuse_recompute_output
from exposure.reports.sources import (
    ONET_RELEASES,
    READERS,
    validate_file,
    validate_sources,
    write_source_reports,
)
from exposure.schemas._catalog import ALIASES as _ALIASES
from exposure.schemas._catalog import TABLES as _TABLES

__all__ = ["register", "run_validate"]

#: ``--file`` tables: those of :data:`READERS` (``census_crosswalk`` among them since round 41).
_FILE_TABLES = tuple(READERS)

#: The files ``--report-dir`` receives (:func:`exposure.reports.sources.write_source_reports`).
_REPORT_FILES = ("validate_row_counts.csv", "data_coverage.csv")


def register(subparsers) -> None:
    """Add the ``validate`` sub-command.

    Examples
    --------
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="exposure")
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["validate", "--onet-release", "29.1"])
    >>> args.onet_release, args.func.__name__
    ('29.1', 'run_validate')
    """
    p = subparsers.add_parser(
        "validate",
        help=COMMAND_HELP["validate"],
        description="Load O*NET (29.1, 30.1), the crosswalks and OEWS 2021-2025 through the "
        "verified cache, validate every table against its schema (and O*NET's references "
        "between tables) and print the row counts. Exit code 2 if any source fails.",
    )
    add_location_options(p)
    p.add_argument(
        "--onet-release", choices=(*ONET_RELEASES, "all"), default=None,
        help="O*NET release(s) to validate (default: all)",
    )
    p.add_argument(
        "--file", nargs=2, action="append", metavar=("TABLE", "PATH"), dest="files",
        help=f"validate only this local file with the reader of TABLE "
        f"({', '.join(_FILE_TABLES)}); repeatable",
    )
    p.add_argument(
        "--report-dir", metavar="DIR",
        help="also write validate_row_counts.csv and data_coverage.csv to DIR "
        "(docs use data/processed/reports)",
    )
    p.set_defaults(func=run_validate)


def _fmt(n) -> str:
    return "-" if n is None else f"{n:,}"


def _reason(exc) -> str:
    """One line saying why a source failed.

    The row of a ``.csv`` file below a quoted cell spanning lines is also named by its line
    (:func:`exposure.cli.with_record_line`), as the errors of the other commands name it:
    ``isco_groups: ISCOGroups_en.csv, row 5 (line 33), column 'code': ...``. It said ``row
    5`` alone, the 33rd line of a file whose every record spans several lines (ESCO's ISCO
    groups).

    A message of several lines is joined into one; the spaces inside a line are kept as
    they are. Every run of spaces was cut to one: ``exposure validate --file job_zones
    "Job  Zones.txt"`` named a file ``Job Zones.txt`` that is not there, and a cell
    quoted in the message (``got text 'Analyst  Two'``) was shown as another value.

    Examples
    --------
    >>> _reason(ExposureError("jz  two.txt, row 2: bad"))
    'jz  two.txt, row 2: bad'
    >>> _reason(ExposureError("first line\\n    second line"))
    'first line second line'
    """
    if isinstance(exc, OSError) and not isinstance(exc, ExposureError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, ExposureError):
        exc = with_record_line(exc)
    lines = str(exc).splitlines()
    if len(lines) == 1:
        return lines[0]
    return " ".join(line.strip() for line in lines if line.strip())


def _check_location(args) -> None:
    """Refuse a bad ``--mirror``, ``--data-dir`` or ``$EXPOSURE_HOME`` once, before any source is read.

    Every source failed with the same error (14 lines, and as many again for the tables
    of each O*NET release), after the attempt of each; a relative ``$EXPOSURE_HOME`` (or
    one that is a file) still did so.
    """
    _fetch.resolve_mirror(args.mirror)  # a mirror that is not a directory
    _fetch.check_cache_dir(_fetch.resolve_data_dir(args.data_dir), create=False)
    _fetch.resolve_store(None, mirror=args.mirror, data_dir=args.data_dir)  # $EXPOSURE_HOME, ...


def _check_file_options(args) -> None:
    """Refuse the options of a full validation given with ``--file``, and unknown tables.

    ``--report-dir``, ``--onet-release``, ``--mirror`` and ``--data-dir`` were ignored
    with ``--file`` without a word (exit 0; no report; ``--onet-release 30.1`` or a
    ``--mirror`` that does not exist changed nothing).
    """
    given = [option for option, value in (("--report-dir", args.report_dir),
                                          ("--onet-release", args.onet_release),
                                          ("--mirror", args.mirror),
                                          ("--data-dir", args.data_dir)) if value is not None]
    if "--report-dir" in given:  # it was ignored: exit 0 and no report written
        raise ExposureError("--report-dir is written by a validation of every source, not with "
                            "--file (which prints the row counts of its files only); drop one of them")
    if given:
        raise ExposureError(f"{' and '.join(given)} {'chooses' if len(given) == 1 else 'choose'} what a "
                            "validation of every source reads, and would be ignored with --file (which reads "
                            f"its local files only); drop {'it' if len(given) == 1 else 'them'} or --file")
    for table, path in args.files:  # all before any file is read (the first ones were printed)
        if table not in _FILE_TABLES:
            raise ExposureError(
                f"unknown table {table!r} for --file{_swapped_hint(table, path) or _table_hint(table)}; "
                f"choose from {', '.join(_FILE_TABLES)}"
            )


def _swapped_hint(table: str, path: str) -> str:
    """Advice for ``--file PATH TABLE`` (the two values swapped), ``""`` when ``path`` names no table.

    ``--file jz.txt job_zones`` was told ``unknown table 'jz.txt'`` and no more, and
    ``--file "Job Zones.txt" job_zones`` ``did you mean 'job_zones'?``, whose advice,
    followed (``--file job_zones job_zones``), was ``job_zones: file not found``. A path
    that is a table's name (written another way too, ``Job Zones``), where the table is
    not, is taken for the two values given in the wrong order.

    Examples
    --------
    >>> _swapped_hint("jz.txt", "job_zones")
    ': --file takes the table first, then the file: write --file job_zones jz.txt'
    >>> _swapped_hint("jobs", "jz.txt")
    ''
    """
    tables = {_plain(t): t for t in _FILE_TABLES}
    found = tables.get(_plain(path))
    if found is None or _plain(table) in tables:
        return ""
    return f": --file takes the table first, then the file: write --file {found} {shlex.quote(table)}"


def _plain(name: str) -> str:
    """``name`` as :func:`_table_hint` compares names: lower case, without spaces, ``-`` and ``_``."""
    return re.sub(r"[\s_-]+", "", name).casefold()


def _file_tables() -> dict[str, str]:
    """The name (its stem, :func:`_plain`) of each ``--file`` table's published file -> the table.

    O*NET's (``Task Statements``, :data:`exposure.onet._FILES`) and the crosswalks'
    (``2019_to_SOC_Crosswalk``, :data:`exposure.crosswalks.CROSSWALK_FILES`).
    """
    files = {_plain(stem): table for table, (stem, _) in _ONET_FILES.items()}
    files.update({_plain(Path(name).stem): table for table, name in CROSSWALK_FILES.items()})
    return files


#: BLS's OEWS national files (``national_M2024_dl``, ``nat4d_M2023_dl``, and those of May 2025,
#: ``oews_national_cross_industry_M2025``), read as ``oews``.
_OEWS_FILE = re.compile(r"(national|natsector|nat[2-6]d)m[0-9]{4}dl|oewsnational(by|cross)industrym[0-9]{4}")


def _table_hint(table: str) -> str:
    """Advice for an unknown ``--file`` table (``""`` when there is none), as ``" (did you mean 'tasks'?)"``.

    The closest table by its letters was advised, wrong where the name was right for
    something else: ``task_scores`` (a table the library writes, which ``--file`` does not
    read) was told ``did you mean 'tasks'?``, ``TaskStatements`` (the name of O*NET's file
    of the table ``tasks``) ``'task_ratings'?``, and ``crosswalk`` ``'census_crosswalk'``,
    one of the three crosswalks the word fits. Now a table written another way
    (``Job Zones``) is told as written here, a published file's name its table, a table the
    library writes is told as such (and what validates it), and a word several tables fit
    lists them.

    Examples
    --------
    >>> _table_hint("Task Statements.txt")
    ": the file 'Task Statements.txt' holds the table 'tasks': write --file tasks PATH"
    >>> _table_hint("task")
    " (did you mean 'tasks'?)"
    """
    plain = _plain(re.sub(r"(?i)\.(txt|csv|xlsx|xlsm|xls)\s*$", "", table))
    if not plain:
        return ""
    tables = {_plain(t): t for t in _FILE_TABLES}
    if plain in tables:  # 'Job Zones', 'TASKS'
        return f" (did you mean {tables[plain]!r}?)"
    files = _file_tables()
    if plain in files or _OEWS_FILE.fullmatch(plain):
        found = files.get(plain, "oews")
        return f": the file {table!r} holds the table {found!r}: write --file {found} PATH"
    written = {_plain(name): name for name in _TABLES}
    written.update({_plain(alias): name for alias, name in _ALIASES.items()})
    if plain in written:
        name = written[plain]
        return (f": {name!r} is a table the library writes, not a source this command reads; "
                f"exposure.load({name!r}, directory=DIR) reads and validates DIR/{_TABLES[name].filename} "
                "(in Python)")
    fits = [t for t in _FILE_TABLES
            if plain in _plain(t) or any(plain in stem for stem, of in files.items() if of == t)]
    scored = sorted(((difflib.SequenceMatcher(None, plain, key).ratio(), t) for key, t in tables.items()),
                    reverse=True)
    (best, first), (runner, _) = scored[0], scored[1]
    if best >= 0.6 and (len(fits) < 2 or best >= 0.8) and best - runner > 0.05:
        return f" (did you mean {first!r}?)"
    if len(fits) == 1:
        return f" (did you mean {fits[0]!r}?)"
    if fits:
        return f" (did you mean one of {', '.join(repr(t) for t in fits)}?)"
    return ""


def _read_file(table: str, path) -> pd.DataFrame:
    """The validated table of the local file ``path`` (:func:`exposure.reports.sources.validate_file`).

    A header without rows is refused there: an O*NET table of a header alone (a download
    cut after it) was counted 0 rows and passed (exit 0). ``-`` (standard input, which
    other commands refuse by that name) is refused as such
    (:func:`exposure._tables.check_input_file`): it was ``-: file not found``.
    """
    if path != "":  # validate_file names an empty path
        check_input_file(path, "file")
    return validate_file(table, path)


def _check_report_dir(args) -> None:
    """Refuse a ``--report-dir`` the reports cannot or must not be written to, before any source is read.

    Besides :func:`exposure._outdir.check_files_dir`: a folder of the mirror reached
    through a symbolic link inside it (``MIRROR/crosswalks`` a link to the real folder) was
    allowed, as its resolved path lies outside the mirror, and the reports were written
    among the raw files it shows; a ``validate_row_counts.csv`` or ``data_coverage.csv``
    that is a directory was found only after the whole validation, and so was a new
    ``--report-dir`` named like a file (``--report-dir counts.csv``: refused by
    :func:`exposure.reports.sources.write_source_reports` once every source was read);
    one with surrounding spaces or a line end (``"reports "``) was refused by the writer
    after the whole validation, naming ``report_dir``. The output of a recompute
    (``--report-dir data/processed``, where the docs use ``data/processed/reports``) is
    refused (:func:`exposure.reports.diff.refuse_recompute_output`): the two reports were
    written among its tables. A named pipe or device at one of the two names was found only
    after the whole validation too (``v/validate_row_counts.csv: cannot write: exists and
    is not a regular file``), and a symbolic link there to a file of the mirror was
    written through: the validation replaced a file of the mirror it had just validated.
    Both are refused by :func:`exposure._outdir.check_report_files`, as ``exposure
    compare`` and ``outcomes`` refuse them.
    """
    refuse_spaces(args.report_dir, "--report-dir", error=OutputPathError)  # "reports\r": a new directory
    refuse_file_named_dir(args.report_dir, "--report-dir", " and ".join(_REPORT_FILES))
    protect = read_folders(args.mirror, args.data_dir)
    where = Path(os.path.abspath(args.report_dir))
    for what, folder, why in protect:  # as the path is written, links not followed
        root = Path(os.path.abspath(folder))
        if where == root or where.is_relative_to(root):
            raise OutputPathError(f"refusing to write the reports into {args.report_dir}: it is inside {what} "
                                  f"{folder}, {why}; choose a directory outside it")
    out = check_files_dir(args.report_dir, protect=protect)
    # --report-dir data/processed (docs: data/processed/reports) wrote the two reports among the shipped tables
    refuse_recompute_output(out, "--report-dir", "the validation reports")
    # a directory, a named pipe, a device, a link to a file of the mirror (written through)
    # named as given: check_files_dir's Path dropped a "./" ("./v/data_coverage.csv" was "v/data_coverage.csv")
    check_report_files(args.report_dir, _REPORT_FILES, "--report-dir", protect=protect)


def _empty_tables(counts) -> list[tuple]:
    """``(source, release, table)`` of the tables counted 0 rows (an O*NET table of a header alone)."""
    rows = counts["rows"]
    empty = counts[rows.notna() & (rows == 0)]
    return list(empty[["source", "release", "table"]].itertuples(index=False, name=None))


def run_validate(args) -> int:
    """Run ``exposure validate``; return the exit code (0 ok, 2 any failure).

    Each failed source is printed in the table of counts, as ``failed`` with the reason
    (it was on stderr only: the table lacked its row), and on stderr. A table counted 0
    rows (an O*NET table of a header alone) is a failed source too: it was counted and
    passed.
    """
    failures = []
    reasons = {}

    def on_error(label, exc):
        failures.append(label)
        reasons[label] = _reason(exc)
        print(f"exposure validate: error: {label}: {reasons[label]}", file=sys.stderr)

    if args.files:
        _check_file_options(args)
        for table, path in args.files:
            try:
                frame = _read_file(table, path)
            except (ExposureError, OSError) as exc:
                on_error(table, exc)
                continue
            print(f"{table:<22} {_fmt(len(frame)):>9}  {path}")
        return 2 if failures else 0

    if args.report_dir:  # before the half-minute of validation
        _check_report_dir(args)
    _check_location(args)
    releases = ONET_RELEASES if args.onet_release in (None, "all") else (args.onet_release,)
    counts, loaded = validate_sources(
        mirror=args.mirror, data_dir=args.data_dir, onet_releases=releases, on_error=on_error
    )
    empty = _empty_tables(counts)
    for source, release, table in empty:  # a header alone passed, counted 0
        label = {"onet": f"O*NET {release} {table}", "oews": f"OEWS {release} {table}"}.get(source, table)
        on_error(label, DataFormatError("no rows: the file has a header but no rows (a download cut short?)"))
        counts.attrs["failed"] = [*counts.attrs.get("failed", []), label]
        counts.attrs["failures"] = [*counts.attrs.get("failures", []), (source, release, table, label)]
    print(f"{'source':<11}{'release':<9}{'table':<22}{'rows':>9}")
    for row in counts.itertuples(index=False):
        if (row.source, row.release, row.table) in empty:  # printed below, as failed
            continue
        rows = None if pd.isna(row.rows) else int(row.rows)
        print(f"{row.source:<11}{row.release:<9}{row.table:<22}{_fmt(rows):>9}")
    for source, release, table, label in counts.attrs.get("failures", []):
        print(f"{source:<11}{release:<9}{table or '(release)':<22}{'failed':>9}  "
              f"{reasons.get(label, '')}")
    if args.report_dir:
        counts_path, coverage_path = write_source_reports(counts, loaded, args.report_dir)
        print(f"wrote {counts_path} and {coverage_path}")
    if failures:
        print(f"{len(failures)} source(s) failed: {', '.join(failures)}", file=sys.stderr)
        return 2
    print("all sources valid")
    return 0
