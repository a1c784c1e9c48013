"""``exposure validate``: load and validate every raw source, print row counts.

Without ``--file``, every registered source is resolved through
:func:`exposure.fetch.fetch` (``--mirror``/``--data-dir``), parsed and validated: O*NET
releases (with referential checks), the crosswalks and the OEWS tables 2021-2025. With
``--file TABLE PATH`` only the given local files are parsed, with the reader of
``TABLE`` (no registry, no checksum): useful to check a file before adding it. The work
is done by :mod:`exposure.reports.sources`; this module parses the arguments and prints.

Every failure is reported (the run goes on with the next source), on stderr and as a row
``failed`` of the printed table, and the exit code is 2 when any source failed. A bad
``--mirror`` or ``--data-dir`` is said once, before any source is read.
"""

from __future__ import annotations

import difflib
import sys

import pandas as pd

from exposure import fetch as _fetch
from exposure._outdir import check_files_dir
from exposure.cli import add_location_options
from exposure.errors import ExposureError
from exposure.fetch import read_folders
from exposure.reports.sources import (
    ONET_RELEASES,
    READERS,
    validate_file,
    validate_sources,
    write_source_reports,
)

__all__ = ["register", "run_validate"]


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
        help="parse and validate every raw source; print row counts per table",
        description="Load O*NET (29.1, 30.1), the crosswalks and OEWS 2021-2025 through the "
        "verified cache, validate every table against its schema (and O*NET's references "
        "between tables) and print the row counts. Exit code 2 if any source fails.",
    )
    add_location_options(p)
    p.add_argument(
        "--onet-release", choices=(*ONET_RELEASES, "all"), default="all",
        help="O*NET release(s) to validate (default: all)",
    )
    p.add_argument(
        "--file", nargs=2, action="append", metavar=("TABLE", "PATH"), dest="files",
        help=f"validate only this local file with the reader of TABLE "
        f"({', '.join(READERS)}); repeatable",
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
    """One line saying why a source failed."""
    if isinstance(exc, OSError) and not isinstance(exc, ExposureError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return " ".join(str(exc).split())


def _check_location(args) -> None:
    """Refuse a bad ``--mirror`` or ``--data-dir`` once, before any source is read.

    Every source failed with the same error (14 lines, and as many again for the tables
    of each O*NET release), after the attempt of each.
    """
    _fetch.resolve_mirror(args.mirror)  # a mirror that is not a directory
    _fetch.check_cache_dir(_fetch.resolve_data_dir(args.data_dir), create=False)


def run_validate(args) -> int:
    """Run ``exposure validate``; return the exit code (0 ok, 2 any failure).

    Each failed source is printed in the table of counts, as ``failed`` with the reason
    (it was on stderr only: the table lacked its row), and on stderr.
    """
    failures = []
    reasons = {}

    def on_error(label, exc):
        failures.append(label)
        reasons[label] = _reason(exc)
        print(f"exposure validate: error: {label}: {reasons[label]}", file=sys.stderr)

    if args.files:
        if args.report_dir:  # it was ignored: exit 0 and no report written
            raise ExposureError("--report-dir is written by a validation of every source, not with "
                                "--file (which prints the row counts of its files only); drop one of them")
        for table, _ in args.files:  # all before any file is read (the first ones were printed)
            if table not in READERS:
                close = difflib.get_close_matches(table.lower(), READERS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ExposureError(
                    f"unknown table {table!r} for --file{hint}; choose from {', '.join(READERS)}"
                )
        for table, path in args.files:
            try:
                frame = validate_file(table, path)
            except (ExposureError, OSError) as exc:
                on_error(table, exc)
                continue
            print(f"{table:<22} {_fmt(len(frame)):>9}  {path}")
        return 2 if failures else 0

    if args.report_dir:  # before the half-minute of validation
        check_files_dir(args.report_dir, protect=read_folders(args.mirror, args.data_dir))
    _check_location(args)
    releases = ONET_RELEASES if args.onet_release == "all" else (args.onet_release,)
    counts, loaded = validate_sources(
        mirror=args.mirror, data_dir=args.data_dir, onet_releases=releases, on_error=on_error
    )
    print(f"{'source':<11}{'release':<9}{'table':<22}{'rows':>9}")
    for row in counts.itertuples(index=False):
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
