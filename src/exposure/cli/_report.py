"""``exposure report agreement|categories|rubric|reproduction``: write the validation reports."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd

from exposure._args import choice_hint
from exposure._io import (
    check_output_path,
    closed_folder,
    error_path,
    given_parent,
    lost_cwd,
    under_file,
    unexpanded_home,
)
from exposure._outdir import (
    OutputPathError,
    check_files_dir,
    files_snapshot,
    refuse_file_named_dir,
    refuse_protected,
    written_note,
)
from exposure._tables import missing_note
from exposure.cli import COMMAND_HELP, add_location_options, path_option
from exposure.crosswalks import load_onet_to_soc
from exposure.errors import DataFormatError, ExposureError, OutputError
from exposure.fetch import cache_path, fetch, read_folders, refuse_spaces, resolve_mirror
from exposure.measures.eloundou import LABELS_NAME, read_task_labels
from exposure.onet import load_onet
from exposure.reports.agreement import evaluate_method, report_name, write_agreement_report
from exposure.reports.categories import (
    check_disjoint,
    read_hand_checked,
    read_validation_sample,
    report_paths,
    sample_files,
    write_category_reports,
)
from exposure.reports.reproduction import (
    REPORT_NAMES,
    REPRODUCTION_WRITES,
    write_reproduction_reports,
)
from exposure.reports.rubric import write_rubric_agreement
from exposure.scoring import METHODS
from exposure.scoring._train import check_fold_count

#: Where the documentation reads the reports from (relative to the source checkout).
DEFAULT_REPORT_DIR = Path("data/processed/reports")
#: O*NET release the reports are computed on.
REPORT_ONET_RELEASE = "29.1"
#: The methods ``report agreement`` / ``evaluate`` compute (``transformer`` has a benchmark of its own).
EVALUATED = ("learned", "rubric", "reference")
_HOLDOUT_NAME = "hand_checked_holdout_v1.csv"


def add_agreement_options(parser) -> None:
    """Options of ``exposure report agreement`` (and ``exposure evaluate``)."""
    parser.add_argument("--method", default="learned", help="learned (default), rubric or reference")
    # None: not given (5 and 0 for learned); given with rubric or reference, refused (cv_options)
    parser.add_argument("--folds", type=int, default=None,
                        help="cross-validation folds (default 5; --method learned only)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the fold assignment (default 0; --method learned only)")
    parser.add_argument("--control", action="store_true",
                        help="also run the shuffled-label negative control (learned only)")
    add_location_options(parser)


def _refuse_file_named(args, writes: str) -> None:
    """Refuse an ``--out-dir`` that is no directory yet and is named like a file, before any work.

    ``exposure report rubric --out-dir rubric.csv`` made a directory ``rubric.csv`` holding
    ``rubric_agreement.csv``, after the labels, O*NET and the scoring were read (as
    ``exposure validate --report-dir`` and ``exposure compare -o`` refuse:
    :func:`exposure._outdir.refuse_file_named_dir`). So is one with surrounding spaces or
    a line end (``--out-dir "reports "``, ``"$DIR"`` of a line read with its CRLF end), as
    ``--data-dir`` is: a new directory ``'reports '`` was made beside ``reports``, exit 0.

    Examples
    --------
    >>> import argparse
    >>> _refuse_file_named(argparse.Namespace(out_dir=Path("/nonexistent/reports ")), "rubric_agreement.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --out-dir '/nonexistent/reports ' has surrounding spaces (or a line end): remove them ('/nonexistent/reports ' and '/nonexistent/reports' are different directories)
    """
    refuse_spaces(args.out_dir, "--out-dir")
    refuse_file_named_dir(args.out_dir, "--out-dir", writes)


def _out_dir_option(parser) -> None:
    parser.add_argument("--out-dir", default=DEFAULT_REPORT_DIR, type=path_option, metavar="DIR",
                        help=f"report directory (default: {DEFAULT_REPORT_DIR} under the current "
                        "directory; files of an earlier run there are replaced)")


def register(subparsers) -> None:
    """Add the ``report`` command and its sub-commands."""
    report = subparsers.add_parser(
        "report", help=COMMAND_HELP["report"],
        description="Compute a report from the real data and write it as CSV (the documentation "
                    "reads them from data/processed/reports).")
    sub = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    p = sub.add_parser(
        "agreement", help="agreement of a scoring method with the human labels (grouped CV)",
        description="Task accuracy, Cohen's kappa and occupation-level Pearson r of alpha, beta, "
                    "gamma against the human labels of Eloundou et al. (2023), under "
                    "cross-validation grouped by SOC 6-digit code, next to GPT-4's labels; "
                    "writes agreement.csv (learned, with agreement_calibration.csv) or "
                    "agreement_<method>.csv.")
    add_agreement_options(p)
    _out_dir_option(p)
    p.set_defaults(func=run_agreement, out=None)

    p = sub.add_parser(
        "categories", help="precision/recall of the task categories and their shares",
        description="Precision and recall of the category tags against hand-checked samples "
                    "and the share of all O*NET 29.1 tasks tagged; with the blind validation "
                    "sample (--validation, default the v2 folder beside --hand-checked) also "
                    "annotator agreement, per-stratum precision/recall/F1 and weighted "
                    "population estimates: writes categories_precision_recall.csv, "
                    "categories_shares.csv, categories_annotators.csv, "
                    "categories_validation.csv and categories_estimates.csv.")
    p.add_argument("--hand-checked", required=True, type=path_option, metavar="FILE",
                   help="development sample (the project's: "
                        "tests/data/categories/hand_checked_v1.csv)")
    p.add_argument("--holdout", default=None, type=path_option, metavar="FILE",
                   help=f"holdout sample (default: {_HOLDOUT_NAME} beside --hand-checked, when present)")
    p.add_argument("--validation", default=None, type=path_option, metavar="DIR",
                   help="blind validation sample directory (default: v2/ beside --hand-checked)")
    add_location_options(p)
    _out_dir_option(p)
    p.set_defaults(func=run_categories)

    p = sub.add_parser(
        "rubric", help="agreement of the rubric scorer with the human and GPT-4 labels",
        description="Label shares, accuracy, Cohen's kappa and occupation-level Pearson r of the "
                    "rubric against the Eloundou et al. (2023) train labels, with O*NET 29.1; "
                    "writes rubric_agreement.csv.")
    add_location_options(p)
    _out_dir_option(p)
    p.set_defaults(func=run_rubric)

    p = sub.add_parser(
        "reproduction", help="reproduce Eloundou et al. (2023) from their published labels",
        description="Occupation-level scores rebuilt from the task labels, workforce shares with "
                    "OEWS May 2021 (with bootstrap intervals) and employment coverage.")
    add_location_options(p)
    _out_dir_option(p)
    p.set_defaults(func=run_reproduction)


def _fmt(value) -> str:
    if pd.isna(value):
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def cv_options(args) -> list[str]:
    """The cross-validation options given (``--folds``, ``--seed``); set their defaults (5, 0).

    Rubric and reference are scored on every row without training: ``--folds`` and
    ``--seed`` given with them were taken and ignored without a word (``exposure report
    agreement`` and ``exposure evaluate``); :func:`check_agreement_args` refuses them.

    Examples
    --------
    >>> import argparse
    >>> ns = argparse.Namespace(folds=None, seed=3)
    >>> cv_options(ns), ns.folds, ns.seed
    (['--seed'], 5, 3)
    """
    given = [option for option, value in (("--folds", getattr(args, "folds", None)),
                                          ("--seed", getattr(args, "seed", None))) if value is not None]
    if getattr(args, "folds", None) is None:
        args.folds = 5
    if getattr(args, "seed", None) is None:
        args.seed = 0
    return given


def check_cv_options(args, given: list[str]) -> None:
    """Refuse ``given`` (:func:`cv_options`) with a method that has no cross-validation.

    Examples
    --------
    >>> import argparse
    >>> check_cv_options(argparse.Namespace(method="rubric"), ["--folds"])
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --folds is for --method learned only (its cross-validation): rubric is scored on every row without training; run it without --folds
    """
    if given and args.method != "learned":  # taken and ignored without a word
        named = " and ".join(given)
        raise ExposureError(f"{named} {'is' if len(given) == 1 else 'are'} for --method learned only "
                            f"(its cross-validation): {args.method} is scored on every row without "
                            f"training; run it without {named}")


def check_agreement_args(args) -> None:
    """Refuse, before any work, the arguments of ``report agreement`` / ``evaluate`` that do not fit.

    An unknown ``--method`` (the message lists the methods evaluated here, not
    ``transformer``), fewer than two folds, a ``--seed`` below 0 (taken silently by
    ``rubric`` and ``reference``, refused by ``learned`` after the labels were read), and
    ``--control`` with a method other than ``learned`` (the shuffled-label control exists for the learned scorer only: it was
    silently ignored) or with the free-text report (``--paraphrases`` / ``--modern``).

    Examples
    --------
    >>> import argparse
    >>> check_agreement_args(argparse.Namespace(method="rubric", folds=2, control=True))
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --control (the shuffled-label control) is for --method learned only, not rubric
    """
    if args.method == "transformer":  # its cross-validation fine-tunes with PyTorch
        raise ExposureError("--method transformer is evaluated by benchmarks/text_finetune.py, which "
                            "fine-tunes it under the grouped cross-validation (needs PyTorch); here "
                            "choose one of learned, rubric, reference")
    if args.method not in METHODS or args.method not in EVALUATED:
        raise ExposureError(f"unknown scoring method {args.method!r}; choose one of {', '.join(EVALUATED)}"
                            f"{choice_hint(args.method, EVALUATED)}")
    if args.folds < 2:
        raise ExposureError(f"--folds must be at least 2, got {args.folds}")
    if getattr(args, "seed", 0) < 0:
        raise ExposureError(f"--seed must be 0 or more, got {args.seed}")
    if getattr(args, "control", False):
        if args.method != "learned":
            raise ExposureError("--control (the shuffled-label control) is for --method learned "
                                f"only, not {args.method}")
        if getattr(args, "paraphrases", None) or getattr(args, "modern", None):
            raise ExposureError("--control is not used by the free-text report (--paraphrases, "
                                "--modern); run it without them")


def check_out_name(out, default: str) -> None:
    """Refuse an ``--out`` that names a directory (``reports/``), saying which file to give.

    The slash was dropped with the name read as a path: ``--out reports/`` was refused as
    ``--out reports: the report is written as CSV; give a file name ending in .csv``.

    A name with surrounding spaces or a line end (``--out $'a.csv\\n'``, a line read with
    its CRLF end) is refused as such, unless a file of that very name exists, in the
    words of :func:`exposure.reports.agreement.write_agreement_report` and of ``exposure
    train --out`` (:func:`exposure._outdir.refuse_spaces`): it was told ``give a file name
    ending in .csv (the name ends in white space)``, the name printed as it was (the line
    end splitting the one-line error in two).

    Examples
    --------
    >>> check_out_name("reports/", "agreement.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --out reports/: a directory, not a file name: give the report's file name, e.g. reports/agreement.csv

    >>> check_out_name("a.csv\\r", "agreement.csv")
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path 'a.csv\\r' has surrounding spaces (or a line end): remove them ('a.csv\\r' and 'a.csv' are different files)
    """
    if out:  # "a.csv\n": "give a file name ending in .csv", the name's line end splitting the error
        refuse_spaces(out, "output path", error=OutputPathError, file=True)
    if out and str(out).endswith(("/", os.sep)):
        raise ExposureError(f"--out {out}: a directory, not a file name: give the report's file name, e.g. "
                            f"{Path(out) / default}")


def check_folds_fit(folds: int, labels: pd.DataFrame, path=None) -> None:
    """Refuse ``--folds`` above the number of occupation groups of the labels, naming ``--folds``.

    The cross-validation deals whole SOC 6-digit groups to the folds, so each fold needs
    one at least. Checked once the labels are read, before O*NET and the model: ``--folds
    1000000`` was refused later with ``cannot deal 598 occupation groups into 1000000
    folds``, naming no option. Labels of one occupation group allow no cross-validation
    at all: they are refused as such, by the check (and in the words) of
    ``exposure train`` and of the agreement reports
    (:func:`~exposure.scoring._train.check_two_groups`, naming ``path`` and its column
    ``O*NET-SOC Code``; the advice was ``give --folds from 2 to 1``, which no ``--folds``
    follows, and then ``the human labels (full_labelset_train.tsv): ...``, a third wording).
    So is ``--folds`` above the groups (:func:`~exposure.scoring._train.check_fold_count`):
    it named ``full_labelset_train.tsv`` whatever file was read, in words of its own.

    Parameters
    ----------
    folds : int
        ``--folds``.
    labels : pandas.DataFrame
        :func:`~exposure.measures.eloundou.read_task_labels` of ``path``.
    path : str or os.PathLike, optional
        The label file read (default its name, ``full_labelset_train.tsv``).

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1041.00"]})
    >>> check_folds_fit(2, labels)
    >>> check_folds_fit(3, labels)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: full_labelset_train.tsv, column 'O*NET-SOC Code': --folds 3 is more than the 2 occupation groups (SOC 6-digit codes) of the labels: the cross-validation holds out whole groups, one fold at least each; give --folds from 2 to 2
    >>> check_folds_fit(2, labels.head(2))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: full_labelset_train.tsv, column 'O*NET-SOC Code': every task is of one occupation group, 11-1011 (SOC 6-digit): the cross-validation holds out whole groups, so it needs tasks of two groups at least, whatever --folds; give labels of more occupations
    """
    codes = labels["onetsoc_code"].astype(str).str[:7]
    # the one check (and words) of exposure train and the agreement reports, naming the file read
    check_fold_count(codes, folds, folds="--folds", path=Path(LABELS_NAME).name if path is None else path,
                     column="O*NET-SOC Code")


def label_paths(args) -> list[Path]:
    """Where the human labels are read from: the cache and, with one, the mirror.

    Computed without fetching anything, so that an output naming the labels file is
    refused before the labels are read.
    """
    paths = [cache_path(LABELS_NAME, args.data_dir)]
    mirror = resolve_mirror(args.mirror)
    if mirror is not None:
        paths.append(mirror / LABELS_NAME)
    return paths


def check_report_outputs(out: Path, siblings, inputs, protect=(), *, given: bool = True) -> None:
    """Refuse, before any work, a CSV report path that cannot or must not be written.

    Parameters
    ----------
    out : str or os.PathLike
        The report (``--out``): a ``.csv`` name, since the report is written as CSV
        (``--out a.xlsx`` wrote CSV text under a workbook's name). Named in the messages as
        given (``./sub/../e.csv`` was said as ``sub/../e.csv``).
    siblings : iterable of pathlib.Path
        The other files the command writes beside ``out``.
    inputs : iterable of path
        Files the command reads (``--paraphrases``, ``--modern``, the labels): no output
        may be one of them (a report written over its own input after the CV).
    protect : iterable of (str, path, str), optional
        Folders no report may go into (:func:`exposure.fetch.read_folders`: the mirror,
        the download cache's folders, the installed package).
    given : bool, default True
        ``out`` was given as a file (``evaluate --out``): a folder that cannot be entered
        or written, a removed current directory, a file on its way (:func:`check_out_file`)
        and the mirror, the cache or the package are said of it (``refusing to write
        MIRROR/e.csv: it is inside the mirror MIRROR, ...``: it was ``refusing to write the
        reports into MIRROR``, the folder named, not the file given, as ``score -o`` names
        it). False: a report of the report directory (``--out-dir``), which is named instead.

    Raises
    ------
    exposure.errors.ExposureError
        A suffix other than ``.csv`` (``e.csv `` and ``.csv`` are named for what they are:
        a name ending in white space, a hidden file's name), or :func:`exposure._io.check_output_path` refuses a
        path (a directory, a device such as ``/dev/full``, one of the inputs, a directory
        that cannot be written). A path starting with ``~`` (no shell expanded it:
        :func:`exposure._io.unexpanded_home`) is named whole, with the full path to give:
        its folder was checked first, so that ``--out "~/e.csv"`` was told ``output path
        ~: ...; give the full path: /home/me``, a directory.

    Examples
    --------
    >>> check_report_outputs(Path("ev/a.xlsx"), [], [])
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --out ev/a.xlsx: the report is written as CSV; give a file name ending in .csv
    """
    inputs = [p for p in inputs if p]
    shown = os.fspath(out)  # named as given: "./sub/../e.csv" was said as "sub/../e.csv"
    out = Path(out)
    home = unexpanded_home(shown)
    if home is not None:  # checked as its folder, "~/e.csv" was "output path ~: ...; give the full path: /home/me"
        raise OutputPathError(f"output path {shown}: {home}")
    if given:
        # a removed current directory, a file on its way: the free-text report named the folder
        # ("my_tasks.csv: output exists and is not a directory")
        check_out_file(shown)
        # a folder on its way that cannot be entered: its folder was named ("output path locked: ...
        # choose another output directory"), not the report; in the words of check_output_path
        reason = closed_folder(shown)
        if reason is not None:
            raise OutputError(reason, path=shown, errno=errno.EACCES)
        # "refusing to write the reports into MIRROR": the folder named, not the file given
        refuse_protected(shown, protect, file=True)
    # a report directory that is a file, or not writable; named as given: "--out-dir ./f.csv/x"
    # was told "output path f.csv/x lies under f.csv" (Path.parent drops the "./")
    check_report_dir(given_parent(shown), protect, report=shown if given else None)
    check_output_path(shown, *inputs)  # before the suffix: "is a directory" says more
    if out.suffix.lower() != ".csv":
        # "e.csv " and ".csv" end in .csv as the user reads them: say what is wrong with them
        name = out.name.strip().lower()
        why = (" (.csv alone is a hidden file's name, not a suffix)" if name == ".csv" else
               " (the name ends in white space)" if name.endswith(".csv") else "")
        # a name of white space that exists (refuse_spaces takes it): quoted, one line
        shown = shown if shown == shown.strip() else repr(shown)
        raise ExposureError(f"--out {shown}: the report is written as CSV; give a file name ending "
                            f"in .csv{why}")
    for path in siblings:
        check_output_path(path, *inputs)
    refuse_linked_reports([shown, *siblings], protect)  # a link to a file of the mirror: written through


def refuse_linked_reports(paths, protect) -> None:
    """Refuse a report file that is a symbolic link to a file of the mirror, the cache or the package.

    The writer writes through a link to a file (:func:`exposure._io.atomic_path`): ``exposure
    report rubric --out-dir r``, with ``r/rubric_agreement.csv`` a link to a file of the
    mirror, replaced that file by the report after the whole run (exit 0), and so did
    ``evaluate --out``, ``report agreement``, ``report categories`` and ``report
    reproduction``; their report directory was checked (:func:`check_report_dir`), not the
    files in it. In the words of :func:`exposure._outdir.refuse_protected`, as ``exposure
    compare`` and ``outcomes`` refuse such a link
    (:func:`exposure._outdir.check_report_files`).

    Parameters
    ----------
    paths : iterable of path
        The report files the command writes.
    protect : iterable of (str, path, str)
        The folders no output may go into (:func:`exposure.fetch.read_folders`).

    Raises
    ------
    exposure._outdir.OutputPathError
        ``refusing to write r/rubric_agreement.csv (a symbolic link to MIRROR/x.csv): it is
        inside the mirror MIRROR, which the run reads; choose a directory outside it``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "m").mkdir(); _ = (d / "m" / "x.csv").write_text("keep")
    >>> (d / "r.csv").symlink_to(d / "m" / "x.csv")
    >>> refuse_linked_reports([d / "r.csv"], [("the mirror", d / "m", "which the run reads")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write .../r.csv (a symbolic link to .../m/x.csv): it is inside the mirror .../m, which the run reads; choose a directory outside it
    """
    protect = list(protect)
    for path in paths:
        refuse_protected(path, protect, file=True)


def check_report_dir(folder, protect=(), *, report=None) -> None:
    """Check, before any work, a report directory (:func:`exposure._outdir.check_files_dir`), saying what to do when it cannot be written.

    A folder this user may enter but not write said only ``ro: cannot write to the output
    directory: Permission denied`` (the probe file could not be made), naming neither the
    permission nor what to do. Now in the words of :func:`exposure._io.unwritable_folder`
    (those of a folder that cannot be entered, :func:`exposure._io.closed_folder`); the
    other refusals (the mirror, a file in the way) come first, as before. The rule is
    :func:`~exposure._outdir.check_files_dir`'s (``exposure compare -o``, ``outcomes -o``
    and ``validate --report-dir`` say it so too); here, the report named.

    Parameters
    ----------
    folder : str or os.PathLike
        The report directory (``--out-dir``, or the folder of ``evaluate --out``).
    protect : iterable of (str, path, str), optional
        Folders no report may go into (:func:`exposure.fetch.read_folders`).
    report : pathlib.Path, optional
        The report file the user named (``evaluate --out ro/a.csv``): the error names it
        (``ro/a.csv: cannot write: Permission denied: the folder ro is not writable ...;
        ask its owner for access, or write the file elsewhere``). None: the directory is
        named (``output path ro/rep: Permission denied: the folder ro is not writable
        ...; ask its owner for access, or choose another output directory``).

    Raises
    ------
    exposure._outdir.OutputPathError, exposure.errors.OutputError, exposure.errors.DataFormatError
        As :func:`exposure._outdir.check_files_dir`; a folder that cannot be written as above.

    Examples
    --------
    >>> import tempfile
    >>> check_report_dir(tempfile.mkdtemp() + "/rep")
    """
    check_files_dir(folder, protect=protect, file=report)


def check_out_file(out) -> None:
    """Refuse an ``--out`` file under a file, or relative where the current directory is gone, naming the file.

    Checked as its folder (:func:`exposure._outdir.check_files_dir`), ``exposure evaluate
    --out my_tasks.csv/e.csv`` was told ``my_tasks.csv: output exists and is not a
    directory``, and ``--out e.csv`` in a removed directory ``output path .: the current
    directory no longer exists ...``. Said now of the file given, in the words of ``exposure
    train --out`` and of every output (:func:`exposure._io.under_file`,
    :func:`exposure._io.lost_cwd`). ``report agreement --out-dir`` names its directory, as before.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "my_tasks.csv").write_text("task\\n")
    >>> check_out_file(d / "my_tasks.csv" / "e.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: output path .../my_tasks.csv/e.csv lies under .../my_tasks.csv, which is a file, not a directory
    >>> check_out_file(d / "e.csv")
    """
    reason = lost_cwd(out)
    if reason is not None:
        raise OutputPathError(f"output path {error_path(out)}: {reason}")
    reason = under_file(out)
    if reason is not None:  # as exposure._outdir.check_output_file says it (train --out)
        raise OutputPathError(f"output path {error_path(out)} {reason}")


def run_agreement(args) -> int:
    """Run ``exposure report agreement`` / ``exposure evaluate``.

    The arguments and the output are checked before the labels are read
    (:func:`check_agreement_args`, :func:`check_out_name`, :func:`check_out_file`,
    :func:`check_report_outputs`);
    ``--folds`` against the labels' occupation groups once they are (:func:`check_folds_fit`),
    before O*NET and the cross-validation. Once the report is written, a calibration table
    named after it that this run did not write (an earlier learned report's) is removed
    (:func:`drop_stale_calibration`), and the summary says so.
    """
    given = cv_options(args)
    check_agreement_args(args)
    check_out_name(args.out, report_name(args.method))  # evaluate's --out (report agreement has --out-dir)
    if not args.out:
        _refuse_file_named(args, report_name(args.method))
    # named as given (its own folder checked by check_report_outputs): evaluate's --out, and
    # --out-dir ("./f.csv/x" was said "f.csv/x": Path(...) / name drops the "./")
    out = args.out if args.out else os.path.join(os.fspath(args.out_dir), report_name(args.method))
    folder = given_parent(out)  # "./sub/.." as given ("sub/.." before)
    calibration = beside_report(out, Path(out).stem + "_calibration.csv")
    check_report_outputs(out, [calibration] if args.method == "learned" else [], label_paths(args),
                         read_folders(args.mirror, args.data_dir), given=bool(args.out))  # before the labels and the CV
    check_cv_options(args, given)
    before = files_snapshot(folder)  # the summary names the report of an earlier run it replaced
    # read here (as load_task_labels reads them) so that the warning of labels O*NET does
    # not list names the labels file and its line
    labels_path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    labels = read_task_labels(labels_path)
    if args.method == "learned":  # the others have no folds
        check_folds_fit(args.folds, labels, labels_path)  # before O*NET and the model
    onet = (load_onet(REPORT_ONET_RELEASE, mirror=args.mirror, data_dir=args.data_dir)
            if args.method != "reference" else None)
    cv = {"n_folds": args.folds, "seed": args.seed} if args.method == "learned" else {}  # the others: none
    table, reliability = evaluate_method(args.method, labels, onet, **cv, control=args.control,
                                         labels_path=labels_path)
    written = write_agreement_report(table, reliability, out)
    drop_stale_calibration(calibration, written)
    cols = ["scorer", "n_tasks", "n_occupations", "accuracy", "kappa", "r_alpha", "r_beta", "r_gamma",
            "ece", "brier"]
    widths = {c: max(len(c), *(len(_fmt(v)) for v in table[c])) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for _, row in table.iterrows():
        print("  ".join(_fmt(row[c]).ljust(widths[c]) for c in cols))
    print(f"protocol: {table['protocol'].iloc[0]}; report written to {Path(out).name} in "
          f"{written_note(folder, before)}")
    return 0


def beside_report(out, name: str) -> str:
    """The path of the file ``name`` beside the report ``out``, written as ``out`` was given.

    ``Path.with_name`` drops a leading ``./``: ``--out ./sub/../p.csv`` was named
    ``sub/../p.csv`` in the messages, and its tables ``sub/../freetext_modern.csv``.

    Examples
    --------
    >>> beside_report("./sub/../p.csv", "freetext_modern.csv"), beside_report("p.csv", "p_calibration.csv")
    ('./sub/../freetext_modern.csv', 'p_calibration.csv')
    """
    return os.path.join(os.path.dirname(os.fspath(out)), name)


def drop_stale_calibration(calibration, written) -> None:
    """Remove the calibration table of an earlier report of the same name that this run did not write.

    ``exposure evaluate --out e/x.csv`` (learned: ``x.csv`` and ``x_calibration.csv``), then
    ``exposure evaluate --method rubric --out e/x.csv`` replaced ``x.csv`` by the rubric's
    report and left the learned scorer's ``x_calibration.csv`` beside it, without a word: a
    calibration table that is not of the report it is named after. It is removed once the
    new report is written (as ``exposure outcomes`` removes the figures of an earlier run
    that it does not draw), and the summary says it is gone
    (:func:`exposure._outdir.written_note`). A directory or another entry that is no
    regular file of that name is left alone; a symbolic link is removed, not its target.

    Parameters
    ----------
    calibration : str or os.PathLike
        ``<stem>_calibration.csv`` beside the report.
    written : iterable of path
        The files this run wrote (:func:`~exposure.reports.agreement.write_agreement_report`).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "x_calibration.csv").write_text("old")
    >>> drop_stale_calibration(d / "x_calibration.csv", [d / "x.csv"])
    >>> (d / "x_calibration.csv").exists()
    False
    """
    path = Path(calibration)
    if any(Path(p).name == path.name for p in written):
        return
    if os.path.isfile(path):  # a link to a file: the link
        path.unlink()


def _print_tables(tables: dict, out_dir: Path, before: dict) -> None:
    for name, table in tables.items():
        print(f"== {name}")
        print(table.to_string(index=False))
    print(f"wrote {len(tables)} report(s) to {written_note(out_dir, before)}")


def _sample_options(args) -> None:
    """Refuse an empty ``--hand-checked``, ``--holdout`` or ``--validation`` by its name.

    ``Path("")`` is the current directory: ``--hand-checked ''`` raised pathlib's
    ``ValueError: PosixPath('.') has an empty name``, ``--holdout ''`` said ``.: is a
    directory``, and ``--validation ''`` read ``sample.csv`` of the current directory.
    """
    for option, value, what in (("--hand-checked", args.hand_checked, "the hand-checked sample's CSV file"),
                                ("--holdout", args.holdout, "the holdout sample's CSV file, or leave "
                                                            "--holdout out"),
                                ("--validation", args.validation, "the blind validation sample's "
                                                                  "directory, or leave --validation out")):
        if value is not None and str(value) == "":
            raise ExposureError(f"{option} is empty: give {what}")


def run_categories(args) -> int:
    """Run ``exposure report categories``.

    Every sample file is read before O*NET: the hand-checked ones, ``dev_v2.csv`` and the
    ``v2`` validation directory beside ``--hand-checked`` (added by
    :func:`~exposure.reports.categories.write_category_reports`), and ``--validation``; a
    task in two of the hand-checked samples is refused then too (it was refused only
    after O*NET and the crosswalk were loaded). The default holdout beside
    ``--hand-checked`` is not used when ``--hand-checked`` is that file (it was paired
    with itself, and refused as a task in two samples); ``--holdout`` naming the
    ``--hand-checked`` file is refused. A task of the validation sample that is in one of
    them is warned of (:func:`~exposure.reports.categories.check_blind`).
    """
    _sample_options(args)
    _refuse_file_named(args, "the category reports (categories_*.csv)")
    check_report_dir(args.out_dir, read_folders(args.mirror, args.data_dir))  # ro: what to do
    before = files_snapshot(args.out_dir)  # the summary names the files of an earlier run it replaced
    hand_checked = args.hand_checked
    if hand_checked.is_dir():  # "." has no name: with_name raised ValueError
        raise DataFormatError("is a directory, not a file (the hand-checked sample's CSV is expected)",
                              path=hand_checked)
    samples = {"development": hand_checked}
    if args.holdout is not None:
        if args.holdout.is_file() and hand_checked.is_file() and os.path.samefile(args.holdout, hand_checked):
            raise ExposureError(f"--holdout {args.holdout} is the --hand-checked file: give the holdout sample's "
                                "own file, or leave --holdout out")
        samples["holdout"] = args.holdout
    else:
        holdout = hand_checked.with_name(_HOLDOUT_NAME)
        # --hand-checked hand_checked_holdout_v1.csv: it was its own holdout
        if holdout.is_file() and not (hand_checked.is_file() and os.path.samefile(holdout, hand_checked)):
            samples["holdout"] = holdout
    for path in samples.values():  # fail before loading O*NET
        if path.is_dir():  # it said "not found"
            raise DataFormatError("is a directory, not a file (the hand-checked sample's CSV is expected)",
                                  path=path)
        if not path.exists():  # a pipe or device (<(...), /dev/null) is named so by read_hand_checked
            # its name's stray space or unexpanded '~' was not said ("hand-checked sample not found")
            raise DataFormatError(missing_note(path, "hand-checked sample"), path=path)
    # the files write_category_reports adds beside --hand-checked (dev_v2.csv) were read only
    # after O*NET and the crosswalk (downloaded when not cached): a bad one failed after them;
    # and a task in two samples was refused only then
    samples = sample_files(samples)
    check_disjoint(samples, {name: read_hand_checked(path) for name, path in samples.items()})
    validation = args.validation
    if validation is None and hand_checked.with_name("v2").exists():
        validation = hand_checked.with_name("v2")
    if validation is not None:  # read after O*NET before
        read_validation_sample(validation)
    # a report path that is a directory: after O*NET; a link to a file of the mirror: written through
    refuse_linked_reports(report_paths(args.out_dir, samples, validation), read_folders(args.mirror, args.data_dir))
    onet = load_onet(REPORT_ONET_RELEASE, mirror=args.mirror, data_dir=args.data_dir)
    onet_to_soc = load_onet_to_soc(mirror=args.mirror, data_dir=args.data_dir)
    tables = write_category_reports(samples, args.out_dir, onet=onet, validation=validation,
                                    onet_to_soc=onet_to_soc)
    _print_tables(tables, args.out_dir, before)
    return 0


def run_rubric(args) -> int:
    """Run ``exposure report rubric``."""
    _refuse_file_named(args, "rubric_agreement.csv")
    check_report_dir(args.out_dir, read_folders(args.mirror, args.data_dir))  # ro: what to do
    before = files_snapshot(args.out_dir)  # the summary names the files of an earlier run it replaced
    # rubric_agreement.csv a directory: refused after the labels, O*NET and the scoring
    # named as given: args.out_dir / name dropped a "./" ("--out-dir ./o": "o/rubric_agreement.csv: ...")
    check_output_path(os.path.join(os.fspath(args.out_dir), "rubric_agreement.csv"), *label_paths(args))
    refuse_linked_reports([args.out_dir / "rubric_agreement.csv"], read_folders(args.mirror, args.data_dir))
    # read here (as load_task_labels reads them) so that the warning of labels O*NET does
    # not list names the labels file and its line
    path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    labels = read_task_labels(path)
    onet = load_onet(REPORT_ONET_RELEASE, mirror=args.mirror, data_dir=args.data_dir)
    table = write_rubric_agreement(args.out_dir / "rubric_agreement.csv", labels=labels, onet=onet,
                                   labels_path=path)
    _print_tables({"rubric_agreement": table}, args.out_dir, before)
    return 0


def run_reproduction(args) -> int:
    """Run ``exposure report reproduction``."""
    _refuse_file_named(args, REPRODUCTION_WRITES)
    check_report_dir(args.out_dir, read_folders(args.mirror, args.data_dir))  # ro: what to do
    # a link to a file of the mirror: written through, after the whole run
    refuse_linked_reports([args.out_dir / f"{name}.csv" for name in REPORT_NAMES],
                          read_folders(args.mirror, args.data_dir))
    before = files_snapshot(args.out_dir)  # the summary names the files of an earlier run it replaced
    tables = write_reproduction_reports(args.out_dir, mirror=args.mirror, data_dir=args.data_dir)
    _print_tables(tables, args.out_dir, before)
    return 0
