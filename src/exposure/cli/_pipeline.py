"""``exposure recompute`` and ``exposure diff``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from exposure._io import lost_cwd
from exposure._outdir import (
    check_files_dir,
    check_output_dir,
    check_report_files,
    read_lock,
    real_path,
    refuse_file_named_dir,
)
from exposure.cli import COMMAND_HELP, add_location_options, checked_type, path_option
from exposure.errors import ExposureError
from exposure.fetch import DataStore, default_home, read_folders, refuse_spaces, resolve_data_dir
from exposure.pipeline import (
    DEFAULT_OUT,
    OEWS_RELEASES,
    ONET_RELEASES,
    RECOMPUTE_WRITES,
    check_recompute_format,
    recompute,
)
from exposure.releases import LOCK_NAME, Lock, check_oews_release, check_onet_release
from exposure.reports.diff import (
    check_diff_dir,
    diff_outputs,
    refuse_recompute_output,
    report_frame,
    write_diff_reports,
)

#: Folder of the diff reports inside the NEW directory compared: ``exposure diff OLD_DIR
#: NEW_DIR`` writes ``NEW_DIR/reports`` by default, as ``recompute --compare`` writes
#: ``<out>/reports``; never a path relative to the current directory.
REPORTS_NAME = "reports"


def register(subparsers) -> None:
    """Add the ``recompute`` and ``diff`` sub-commands.

    Examples
    --------
    >>> import argparse
    >>> sub = argparse.ArgumentParser().add_subparsers()
    >>> register(sub)
    >>> sorted(sub.choices)
    ['diff', 'recompute']
    """
    p = subparsers.add_parser(
        "recompute",
        help=COMMAND_HELP["recompute"],
        description="Fetch (or read the mirror), validate, score every task, roll up to "
        "occupations, SOC codes, sectors and workforce statistics, and write Parquet "
        "tables plus manifest.json atomically into --out.",
    )
    add_location_options(p)
    p.add_argument("--out", type=path_option, default=None,
                   help="output directory (default: processed/onet-<release>_oews-<year> in "
                   "the user data directory, $EXPOSURE_HOME, which exposure.load reads; "
                   f"{DEFAULT_OUT} in a source checkout holds the shipped tables)")
    p.add_argument("--onet-release", default="29.1", metavar="RELEASE",
                   type=checked_type(check_onet_release),
                   help="O*NET database release, any MAJOR.MINOR (pinned by the package: "
                   f"{', '.join(ONET_RELEASES)}; others are downloaded and pinned in "
                   "exposure.lock)")
    p.add_argument("--onet-format", choices=("text", "excel"), default=None,
                   help="download format of an O*NET release the package does not pin "
                   "(default text)")
    p.add_argument("--oews-release", default="2025", metavar="YEAR",
                   type=checked_type(check_oews_release),
                   help="OEWS May year (pinned by the package: "
                   f"{', '.join(OEWS_RELEASES)}; others come from BLS's files)")
    p.add_argument("--compare", type=path_option, default=None, metavar="OLD_DIR",
                   help="after recomputing, diff OLD_DIR against --out and write the diff "
                   "reports")
    p.add_argument("--reports", type=path_option, default=None,
                   help="with --compare: directory of the diff reports (default <out>/reports)")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress bar or summary (the bar is drawn on a terminal only)")
    p.set_defaults(func=run_recompute)

    d = subparsers.add_parser(
        "diff",
        help=COMMAND_HELP["diff"],
        description="Report tasks added, removed and reworded between the releases of two "
        "output directories, the occupations whose exposure moved most and the sector "
        "changes; write diff_*.csv into --reports (default NEW_DIR/reports).",
    )
    d.add_argument("old_dir", type=path_option, metavar="OLD_DIR")
    d.add_argument("new_dir", type=path_option, metavar="NEW_DIR")
    d.add_argument("--reports", type=path_option, default=None,
                   help=f"where to write diff_*.csv (default NEW_DIR/{REPORTS_NAME}, beside "
                   "the tables of the newer output; not the current directory)")
    d.add_argument("--top", type=int, default=20,
                   help="occupations listed in diff_occupations.csv (default 20); the first 10 of them are printed")
    d.add_argument("--quiet", "-q", action="store_true")
    d.set_defaults(func=run_diff)


def run_recompute(args: argparse.Namespace) -> int:
    """Run ``exposure recompute``; return the exit code (143 after SIGTERM).

    An ``--out`` or ``--compare`` with surrounding spaces or a line end (``"$OUT"`` read
    from a file saved with CRLF: ``results\\r``) is refused before any work, unless a
    directory of that very name exists: the whole recompute was written into a new
    directory ``results\\r`` beside ``results``, and ``--compare "old\\r"`` was said to be
    ``not a directory``, its line end printed as it is.
    """
    if args.reports is not None and args.compare is None:
        raise ExposureError("--reports is where the diff of --compare OLD_DIR goes: give --compare too")
    _check_not_empty("--compare", args.compare)
    for option, value in (("--out", args.out), ("--compare", args.compare)):
        if value is not None:  # "out\r" (a value read with its CRLF): the tables went into a new "out\r"
            refuse_spaces(value, option)
    if args.out is not None and not os.path.lexists(args.out):  # as recompute(), in the command's words
        refuse_file_named_dir(args.out, "--out", RECOMPUTE_WRITES)
    if args.onet_format is not None:  # in the command's words (it said "give onet_format='text'")
        check_recompute_format(args.onet_release, args.onet_format, option="--onet-format")
    if args.compare is not None:  # fail before the recompute, not after it
        # the default --out too: a --compare of it was replaced by the recompute, then refused
        out = args.out if args.out is not None else DataStore(
            cache=resolve_data_dir(args.data_dir), home=default_home()).output_dir(
                {"onet": args.onet_release, "oews": args.oews_release})
        _check_compare(args.compare, out, args.reports, default_out=args.out is None,
                       mirror=args.mirror, data_dir=args.data_dir)
    lock = Lock(default_home() / LOCK_NAME)
    pinned_before = set(lock.entries())
    result = recompute(
        mirror=args.mirror, out=args.out, onet_release=args.onet_release,
        oews_release=args.oews_release, data_dir=args.data_dir,
        progress=_progress(args.quiet), onet_format=args.onet_format,
    )
    if not args.quiet:
        print(f"wrote {result.out} (O*NET {args.onet_release}, OEWS May {args.oews_release}) "
              f"in {result.timings['total_s']:.1f} s, peak memory "
              f"{result.timings['peak_rss_mib']:.0f} MiB")
        for name, info in result.manifest["tables"].items():
            print(f"  {name:30s} {info['rows']:>8,d} rows {info['bytes']:>10,d} bytes")
        new = sorted(set(lock.entries()) - pinned_before)
        if new:
            print(f"pinned {len(new)} new file(s) in {lock.path} (review them: exposure "
                  "sources --releases):")
            for name in new:
                print(f"  {name}")
    if args.compare is not None:
        reports = args.reports if args.reports is not None else result.out / REPORTS_NAME
        return _diff(args.compare, result.out, reports, 20, args.quiet)
    return 0


def _progress(quiet: bool) -> bool:
    """Whether ``recompute`` draws its progress bar: not ``--quiet``, and stderr is a terminal.

    On anything else (a log file, a pipe, a CI job) the bar filled the log with lines of
    carriage returns (``\\rrecompute:   0%|          | 0/10 ...``), one per update; ``exposure
    score`` draws its bar on a terminal only too. ``-v`` logs a line per stage instead.
    """
    if quiet:
        return False
    try:
        return bool(sys.stderr is not None and sys.stderr.isatty())
    except (AttributeError, ValueError, OSError):  # a closed or odd stream: no bar
        return False


#: The files of the diff reports (:func:`exposure.reports.diff.write_diff_reports`).
DIFF_NAMES = ("diff_summary.csv", "diff_tasks.csv", "diff_occupations.csv", "diff_sectors.csv")
#: What ``--reports`` receives (named when it is refused).
DIFF_WRITES = f"the four diff reports ({', '.join(DIFF_NAMES)})"


def _check_compare(old: Path, out: Path | None, reports: Path | None, *,
                   default_out: bool = False, mirror=None, data_dir=None) -> None:
    """Refuse ``--compare OLD_DIR`` and its report directory before any work.

    ``OLD_DIR`` the output directory (also the default one, ``default_out``: it was
    replaced by the recompute and then refused as "the same directory"), and a
    ``--reports`` directory that is, or holds, ``OLD_DIR`` or the output (see
    :func:`_check_reports`), are refused; so is an ``OLD_DIR`` that is, or lies inside,
    the default report directory ``<out>/reports`` (the reports were written among its
    tables). The report directory is checked as its writer checks it
    (:func:`_check_reports_dir`; ``mirror`` and ``data_dir`` are the command's
    ``--mirror`` and ``--data-dir``).

    Examples
    --------
    >>> _check_compare(Path("/nonexistent"), None, None)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --compare /nonexistent: not a directory (give the --out of an earlier recompute)
    """
    _check_cwd([("--compare", old)])  # "not a directory", where the current directory is gone
    if not old.is_dir():
        raise ExposureError(f"--compare {old}: not a directory (give the --out of an earlier "
                            "recompute)")
    if out is not None and out.is_dir() and real_path(old) == real_path(out):
        if default_out:
            raise ExposureError(f"--compare {old} is where this recompute writes (the default --out "
                                "of these releases): it would be replaced before the comparison; "
                                "give --out another directory")
        raise ExposureError(f"--compare {old} is the --out directory: nothing to compare")
    if reports is not None:
        if not os.path.lexists(reports):  # a new directory r.xlsx: refused after the whole recompute
            refuse_file_named_dir(reports, "--reports", DIFF_WRITES)
        _check_reports(reports, [("--compare", old), ("--out", out)],
                       default=f"{out}/{REPORTS_NAME}" if out is not None else f"<out>/{REPORTS_NAME}")
        _check_reports_dir(reports, mirror=mirror, data_dir=data_dir)
    elif out is not None and (out / REPORTS_NAME).exists() and not (out / REPORTS_NAME).is_dir():
        raise ExposureError(f"{out / REPORTS_NAME}: output exists and is not a directory")
    elif out is not None and real_path(old).is_relative_to(real_path(out / REPORTS_NAME)):
        # the default reports directory is, or holds, OLD_DIR: the diff_*.csv were written
        # among its tables (an explicit --reports of it is refused by _check_reports)
        where = "is" if real_path(old) == real_path(out / REPORTS_NAME) else "is inside"
        raise ExposureError(f"--compare {old} {where} {out / REPORTS_NAME}, where the diff reports go by "
                            "default: they would be written among the tables it compares; give --reports "
                            "another directory, or move the compared directory")
    if reports is None and out is not None and os.path.lexists(out / REPORTS_NAME):
        # the default <out>/reports of the earlier run, carried over: a link into the mirror,
        # a folder diff_tasks.csv in it (a missing one is made inside --out, checked by recompute)
        _check_reports_dir(out / REPORTS_NAME, mirror=mirror, data_dir=data_dir)
    check_diff_dir(old)  # its tables, before the recompute


def _check_reports_dir(reports: Path, *, mirror=None, data_dir=None) -> None:
    """Refuse, before any work, a report directory that the writer of the diff reports refuses.

    :func:`exposure.reports.diff.write_diff_reports` replaces the directory as a whole
    (:func:`exposure._outdir.replace_directory`), so it refuses what
    :func:`exposure._outdir.check_output_dir` refuses (``--reports .``, which holds the
    current directory; a mount point; a source checkout), a folder named like one of the
    reports, and a directory inside the mirror, the download cache's folders or the
    package: ``recompute --compare OLD --reports .`` ran the whole recompute, replaced
    ``--out``, then failed. The mirror of ``--mirror`` was not seen by the writer, which
    looks at ``$EXPOSURE_MIRROR`` only: ``--mirror M --reports M/diffs`` wrote the reports
    into the mirror, exit 0.

    Raises
    ------
    exposure.errors.ExposureError
        Naming the directory (:class:`~exposure._outdir.OutputPathError`, or
        :class:`~exposure.errors.DataFormatError` for one that cannot be written).
    """
    refuse_spaces(reports, "--reports")  # "r\r": a new directory beside r, written after the whole run
    held = read_folders(mirror, data_dir)
    check_files_dir(reports, protect=held)
    check_output_dir(reports, protect=[folder for _, folder, _ in held])
    check_report_files(reports, DIFF_NAMES, "--reports")
    refuse_recompute_output(reports, "--reports")  # a third output: found only after the diff (and the recompute)


def run_diff(args: argparse.Namespace) -> int:
    """Run ``exposure diff``; return the exit code.

    The reports go to ``--reports``, by default ``NEW_DIR/reports`` (:data:`REPORTS_NAME`
    inside the newer of the two directories compared, where ``recompute --compare`` puts
    them): never a path relative to the current directory, which left a stray
    ``data/processed/reports`` wherever the command was run. A ``--reports`` that is a
    file, or cannot be written, is refused before any table is read (it was refused only
    after both directories had been read and diffed).
    """
    if args.top < 0:
        raise ExposureError(f"--top must be 0 or more, got {args.top}")
    _check_not_empty("OLD_DIR", args.old_dir)
    _check_not_empty("NEW_DIR", args.new_dir)
    reports = args.reports if args.reports is not None else args.new_dir / REPORTS_NAME
    if args.reports is not None and not os.path.lexists(reports):  # a new directory diff.csv, after the diff
        refuse_file_named_dir(reports, "--reports", DIFF_WRITES)  # (an existing file: 'not a directory', below)
    _check_cwd([("OLD_DIR", args.old_dir), ("NEW_DIR", args.new_dir)])  # (a relative --reports: said above)
    # a missing input is named by diff_outputs ("directory not found"), before this
    _check_reports(reports, [(option, path) for option, path in
                             (("OLD_DIR", args.old_dir), ("NEW_DIR", args.new_dir)) if path.is_dir()],
                   given=args.reports is not None)
    if args.old_dir.is_dir() and args.new_dir.is_dir():  # as recompute --compare: before any table is read
        _check_reports_dir(reports)
    return _diff(args.old_dir, args.new_dir, reports, args.top, args.quiet)


def _check_cwd(given) -> None:
    """Refuse the first relative path of ``given`` (``(option, path)`` pairs) when the current directory is gone.

    ``exposure diff old new`` run in a directory removed since the shell entered it said
    ``error: No such file or directory``, naming nothing: its reports go to
    ``NEW_DIR/reports`` and no ``--reports`` was given for :func:`~exposure._outdir.refuse_file_named_dir`
    to refuse (:func:`exposure._io.lost_cwd`, the rule and words of every output check).
    ``exposure recompute --out /abs --compare old`` there said ``--compare old: not a
    directory (give the --out of an earlier recompute)``.

    Examples
    --------
    >>> _check_cwd([("OLD_DIR", Path("/nonexistent/old"))])
    """
    for option, path in given:
        reason = lost_cwd(path)
        if reason is not None:
            raise ExposureError(f"{option} {path}: {reason}")


def _check_not_empty(name: str, value) -> None:
    """Refuse a directory to compare given as ``""`` (an unset shell variable, ``"$OLD"``).

    ``Path("")`` is the current directory: ``exposure diff "" NEW`` run inside an output
    directory compared it without a word (exit 0), and elsewhere said ``processed table
    'task_digests' not found at task_digests.parquet``, naming no directory.

    Examples
    --------
    >>> _check_not_empty("OLD_DIR", "")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: OLD_DIR is empty: give the directory of an earlier recompute (an empty path would be read as the current directory)
    """
    if value == "":
        raise ExposureError(f"{name} is empty: give the directory of an earlier recompute (an empty "
                            "path would be read as the current directory)")


def _check_reports(reports: Path, inputs, default: str = f"NEW_DIR/{REPORTS_NAME}", given: bool = True) -> None:
    """Refuse a reports directory that is, or holds, a directory the diff reads.

    The diff reports replace their directory as a whole (its other files hard-linked into
    a new directory swapped in its place): ``--reports OLD_DIR`` wrote the four
    ``diff_*.csv`` among OLD_DIR's tables (a later recompute into it kept them, stale), and
    ``--reports`` of the directory holding both outputs swapped that whole tree, the
    outputs read with it. ``NEW_DIR/reports`` (the default) lies inside an input, which is
    fine.

    Parameters
    ----------
    reports : pathlib.Path
        The ``--reports`` directory.
    inputs : list of (str, pathlib.Path or None)
        The option naming each input directory, and the directory.
    default : str, optional
        The default reports directory, named in the error.
    given : bool, default True
        Whether ``reports`` was given as ``--reports``; else it is the default
        (``NEW_DIR/reports``, a link to OLD_DIR, or holding it), named as such: the error
        named a ``--reports`` the user had not given, and advised the default in use.

    Examples
    --------
    >>> _check_reports(Path("/runs"), [("OLD_DIR", Path("/runs/old"))])
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --reports /runs holds the OLD_DIR directory /runs/old, which the diff reads: writing the reports replaces /runs as a whole; give a directory outside the compared ones (the default is NEW_DIR/reports)
    >>> _check_reports(Path("/runs/new/reports"), [("NEW_DIR", Path("/runs/new"))])
    >>> _check_reports(Path("/runs/new/reports"), [("OLD_DIR", Path("/runs/new/reports/old"))], given=False)
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: the default reports directory /runs/new/reports (NEW_DIR/reports) holds the OLD_DIR directory /runs/new/reports/old, which the diff reads: writing the reports replaces /runs/new/reports as a whole; give --reports a directory outside the compared ones
    """
    real = real_path(reports)
    for option, path in inputs:
        if path is None:
            continue
        held = real_path(path)
        if not given:  # it named a --reports the user had not given, and advised the default in use
            name = f"the default reports directory {reports} ({default})"
            if held == real:
                raise ExposureError(f"{name} is the {option} directory {path}, which the diff reads: the reports "
                                    "would be written among its tables; give --reports a directory outside the "
                                    "compared ones")
            if held.is_relative_to(real):
                raise ExposureError(f"{name} holds the {option} directory {path}, which the diff reads: writing "
                                    f"the reports replaces {reports} as a whole; give --reports a directory "
                                    "outside the compared ones")
            continue
        if held == real:
            raise ExposureError(f"--reports {reports} is the {option} directory, which the diff reads: "
                                "the reports would be written among its tables; give a directory "
                                f"outside the compared ones (the default is {default})")
        if held.is_relative_to(real):
            raise ExposureError(f"--reports {reports} holds the {option} directory {path}, which the "
                                f"diff reads: writing the reports replaces {reports} as a whole; give "
                                f"a directory outside the compared ones (the default is {default})")


def _diff(old, new, reports, top, quiet) -> int:
    """Diff ``old`` against ``new``, write the reports and (unless ``quiet``) print the summary.

    The ``top`` largest moves (at most 10; all ``top`` in ``diff_occupations.csv``; none
    with ``--top 0``: 10 were printed whatever ``--top`` said) are printed as the reports
    write them (rounded: float noise was printed
    as ``5.551115e-17``), and two outputs without a change say so in one line (22 counts
    of 0 and tables of zeros were printed without a word), with no table of top moves. A
    release a ``manifest.json`` records as ``null`` is printed ``unknown`` (it was printed
    ``None``, as if a release were named so; ``diff_summary.csv`` leaves its cell empty).
    Both directories are read, and the reports written, under their shared locks
    (:func:`exposure._outdir.read_lock`): a recompute replacing one of them meanwhile is
    refused, and a diff of one being replaced too.
    """
    # held until the reports are written too: a recompute replacing NEW_DIR in between got the
    # reports of its previous contents carried into its new ones (NEW_DIR/reports)
    with read_lock(old), read_lock(new):
        result = diff_outputs(old, new)
        paths = write_diff_reports(result, reports, top=top)
    if not quiet:
        def rel(releases: dict) -> str:
            return ", ".join(f"{k} {'unknown' if v is None else v}" for k, v in sorted(releases.items())) or "?"
        print(f"{old} ({rel(result.old_releases)}) -> {new} ({rel(result.new_releases)})")
        # padded to the longest item (34 pushed tasks_same_text_and_dwas_beta_moved_gt_0.01 out of line)
        width = max((len(str(item)) for item in result.summary["item"]), default=0)
        for item, count in result.summary.itertuples(index=False):
            print(f"  {item:{width}s} {count:>8,d}")
        if not result.unchanged and top:  # a table of zeros headed by Chief Executives said nothing
            # --top rows, at most 10 (the CSV holds all --top): --top 3 printed 10
            print("top moves of occupation beta:")
            print(report_frame(result.occupations.head(min(top, 10))).to_string(index=False))
        if result.unchanged:
            print(f"no change: {old} and {new} hold the same tasks, occupations and industries, with the same "
                  "scores (float noise aside)")
        print("wrote " + ", ".join(str(p) for p in paths))
    return 0

