"""``exposure score`` (``exposure evaluate`` and ``exposure train``: :mod:`exposure.cli._evaluate`)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import logging
import os
import re
import sys
from pathlib import Path

from exposure._io import check_output_path, formula_advice, pinned_option
from exposure._outdir import refuse_protected
from exposure.cli import COMMAND_HELP, _silence_stdout, add_location_options
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import read_folders
from exposure.releases import check_onet_release
from exposure.scoring import METHODS, MODEL_METHODS
from exposure.scoring._embed import VECTORS_NAME
from exposure.scoring._files import BATCH_ROWS, auto_release, score_file
from exposure.scoring._inputs import options_named
from exposure.scoring.learned import (
    REGISTRY_NAME,
    LearnedModel,
    load_model,
    read_registry,
    runner_path,
)
from exposure.scoring.retrieval import INDEX_NAME
from exposure.scoring.transformer import MODEL_NAME as TRANSFORMER_NAME


def register(subparsers) -> None:
    """Add the ``score`` sub-command."""
    p = subparsers.add_parser(
        "score", help=COMMAND_HELP["score"],
        description="Append p_e0, p_e1, p_e2, label, alpha, beta, gamma, the category flags, "
                    "method and the evidence (confidence, nearest_task_id, nearest_onetsoc_code, "
                    "similarity) to every row of INPUT and write OUTPUT (format by extension). "
                    "The file is streamed in batches (memory does not grow with it when the "
                    "rows of each occupation are contiguous); --engine dask scores a "
                    "directory of Parquet files on a Dask cluster into a directory.")
    p.add_argument("input", metavar="INPUT",
                   help="CSV, TSV, Parquet, .xlsx or .dta file with one task per row (--engine dask: a directory "
                        "of Parquet files)")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="file to write, by extension: .csv, .tsv, .parquet, .xlsx or .dta (--engine "
                        "dask: a directory, replaced as a whole, one part-NNNNN.parquet per "
                        "partition)")
    p.add_argument("--method", default="learned",
                   help="learned (default), rubric, reference or transformer (opt-in, slow: "
                        "docs/validation/agreement.md)")
    p.add_argument("--model", default=None, metavar="PATH",
                   help="--method learned or transformer: a model of your own (exposure train --labels "
                        "FILE --out PATH), verified against the registry.txt that train writes "
                        "beside it (default: the shipped model)")
    p.add_argument("--text-column", default="task", metavar="COL", help="column of task texts (default: task)")
    p.add_argument("--occupation-column", default=None, metavar="COL",
                   help="column of occupation titles (default: 'title' when present)")
    p.add_argument("--reference-source", default=None, choices=["human", "gpt4"],
                   help="published label used by --method reference (default: human)")
    p.add_argument("--onet", default="auto", metavar="RELEASE",
                   help="O*NET release (e.g. 29.1) whose work activities and job zones to use "
                        "for rows with onetsoc_code and task_id; 'auto' (default, both "
                        "engines) uses 29.1 when the input has those columns and the release "
                        "is in the mirror or the cache, 'none' scores from the text alone "
                        "('auto' and 'none' in lower case, as the choices of --method and "
                        "--engine)")
    p.add_argument("--engine", default="stream", choices=["stream", "dask"],
                   help="stream: this process, in batches (default); dask: a Dask cluster "
                        "(needs pip install 'ai-exposure[dask]')")
    # default None, not BATCH_ROWS: so that a --batch-rows given with --engine dask (which
    # partitions by file) can be told from the default and refused, not ignored
    p.add_argument("--batch-rows", type=int, default=None, metavar="N",
                   help=f"--engine stream: rows read at a time (default {BATCH_ROWS}; 0: the "
                        "whole file at once)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="--engine dask: address of a running scheduler (tcp://host:8786)")
    where.add_argument("--workers", type=int, default=None, metavar="N",
                       help="--engine dask: workers of a local cluster (default: one per CPU)")
    add_location_options(p)
    p.set_defaults(func=run_score)


def _dask_engine():
    """:mod:`exposure.dask`, imported only for ``--engine dask``.

    It needs the optional extra (dask, distributed) and adds a second to the start-up of
    every command, so it is imported on demand here, not at the top of the CLI.
    """
    missing = [m for m in ("dask", "distributed") if importlib.util.find_spec(m) is None]
    if missing:
        raise ExposureError(f"--engine dask needs {' and '.join(missing)}: "
                            "pip install 'ai-exposure[dask]'")
    return importlib.import_module("exposure.dask")


#: The options of ``exposure score`` that stand for arguments named in the library's advice
#: (:func:`~exposure.scoring._inputs.options_named`): a title column under another name
#: (``Job Title``) was to be given as ``occupation_column='Job Title'``; a text column in
#: another case (``Task`` for ``--text-column task``) is to be given as ``--text-column Task``.
_OPTIONS = {"occupation_column": "--occupation-column", "text_column": "--text-column"}

#: What an O*NET release looks like on the command line (the rule of
#: :func:`exposure.releases.check_onet_release`, leading zeros aside).
_ONET_FORM = re.compile(r"[0-9]+\.[0-9]")


def _check_onet(value: str) -> None:
    """Refuse an ``--onet`` that is empty, a choice in another case (``NONE``, ``Auto``) or no release.

    A value that is no release (``latest``, ``v29.1``, ``29.1 `` with a space) is refused
    naming the option and its choices (a padded release: what to write).

    ``NONE`` was "not of the form MAJOR.MINOR", not saying that ``none`` is a choice; an
    empty value (an unset variable) scored without O*NET, without a word. The choices are
    written in lower case, as those of ``--method`` and ``--engine``.
    """
    if value == "":
        raise ExposureError("--onet is empty: give an O*NET release such as 29.1, 'auto' (the "
                            "default) or 'none'")
    word = value.strip().lower()
    if word in ("auto", "none"):
        if value != word:
            raise ExposureError(f"--onet must be an O*NET release such as 29.1, 'auto' or 'none' "
                                f"(in lower case, as --method and --engine take theirs), got "
                                f"{value!r}: write {word!r}")
        return
    # "latest" was "O*NET release 'latest' is not of the form MAJOR.MINOR", naming neither
    # the option nor its two words; "29.1 " (a pasted or quoted value) was told the same
    choices = f"--onet must be an O*NET release such as 29.1 (MAJOR.MINOR), 'auto' or 'none', got {value!r}"
    if value != value.strip() and _ONET_FORM.fullmatch(value.strip()):
        raise ExposureError(f"{choices}: write {value.strip()!r}")
    if not _ONET_FORM.fullmatch(value):
        raise ExposureError(choices)
    try:
        check_onet_release(value)
    except ExposureError as exc:  # a leading zero: its own advice ("write '29.1'")
        raise ExposureError(f"--onet: {exc}") from None


def _check_columns(args) -> None:
    """Refuse an empty ``--text-column`` or ``--occupation-column``, or one column given to both.

    An empty value (``--text-column "$COL"`` with ``COL`` unset) was ``missing text column
    ''``, naming neither the option nor what to give. ``--occupation-column`` naming the
    ``--text-column`` was refused in the words of the Python API, ``give the column of
    occupation titles, or None (no titles)``: ``--occupation-column None`` is a column
    named ``None`` (``missing occupation column 'None'``); the option is left out for
    the column ``title`` (when present and not the text column), else no titles.
    """
    if args.text_column == "":
        raise ExposureError("--text-column is empty: give the column of the task texts (default: "
                            "task)")
    default = "leave the option out (default: the column 'title', when present and not the text column)"
    if args.occupation_column == "":
        raise ExposureError(f"--occupation-column is empty: give the column of occupation titles, "
                            f"or {default}")
    if args.occupation_column is not None and args.occupation_column == args.text_column:
        raise ExposureError(f"--occupation-column {args.occupation_column!r} is the --text-column "
                            f"too: give the column of occupation titles, or {default}")


def _check_sources(args) -> None:
    """Refuse a ``--method reference-<source>`` and a ``--reference-source`` naming other labels.

    ``--method reference-gpt4 --reference-source human`` was refused in the words of the
    Python API, ``method 'reference-gpt4' and reference_source 'human' name different
    labels; give one of them``: the command has no ``method`` or ``reference_source``.
    """
    named = {"reference-human": "human", "reference-gpt4": "gpt4"}.get(args.method)
    if named is not None and args.reference_source is not None and args.reference_source != named:
        raise ExposureError(f"--method {args.method} and --reference-source {args.reference_source} name "
                            f"different labels: give --method reference --reference-source "
                            f"{args.reference_source}, or --method {args.method} alone")


def _model_registry(path: Path) -> str | None:
    """The ``registry.txt`` beside the ``--model`` artifact ``path`` (as ``exposure train`` writes it), or None."""
    beside = path.parent / REGISTRY_NAME
    return str(beside) if beside.is_file() else None


def _check_model_option(args) -> None:
    """Refuse a ``--model`` that is empty, or given with a method that reads no model.

    ``exposure score`` had no ``--model``: a model trained on one's own labels
    (``exposure train --labels FILE --out m.npz``) could be used from Python only
    (``score_tasks(df, model=...)``). ``rubric`` and ``reference`` read no model: the
    option is refused with them, as ``--reference-source`` is with the other methods. An
    unknown method is left to the library to name.
    """
    if args.model is None:
        return
    if not args.model.strip():  # --model "$MODEL" with MODEL unset: the current directory
        raise ExposureError("--model is empty: give the model's file (exposure train --out PATH writes one), "
                            "or leave --model out for the shipped model")
    if args.method in (*METHODS, "reference-human", "reference-gpt4") and args.method not in MODEL_METHODS:
        raise ExposureError(f"--model is used with --method learned or transformer only (this run: "
                            f"--method {args.method})")


def _user_model(path_text: str, *, load_from: str | None = None) -> tuple[LearnedModel, str | None]:
    """The ``--model`` artifact, loaded and verified, and the registry it was verified against.

    ``load_from`` is the path to load it by (default ``path_text``): ``--engine dask``
    loads it by its absolute path (:func:`~exposure.scoring.learned.runner_path`), as
    :func:`exposure.dask.score_dataset` loads it then, so that the second load is the
    first's object (a loaded model is kept by its path and sha256): a relative ``--model``
    was loaded twice, its index and word vectors too (about a second).

    The registry is the ``registry.txt`` beside the artifact, where ``exposure train
    --out`` pins what it writes (the model, its word vectors and retrieval index), else
    the package's own (:func:`exposure.scoring.learned.load_model`). A file that
    registry does not pin, or pins with another sha256 (the model or a file beside it),
    is refused in the command's words (:func:`exposure._io.pinned_option`, the one rule of
    the library's loader): the library's advice, ``load_model(path, registry=...), then
    pass the model``, is Python. The command checked the model itself first, in a copy of
    that rule, and a retrieval index or word vectors that the registry beside the model
    does not pin were told ``load_model(the model beside it, registry=...)``.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the file: not pinned (with the line that pins it; a registry of no line is
        said to be one), the registry itself given as the model (naming the models it
        pins), or what :func:`~exposure.scoring.learned.load_model` refuses (missing, a
        directory, not a model: the transformer's artifact in the words of ``--method``).
    exposure.errors.ChecksumMismatchError
        The model or a file beside it is not the one pinned (edited, damaged): how to
        train it again or pin it as it is.
    """
    path = Path(path_text)
    registry = _model_registry(path)
    if registry is not None and path.name == REGISTRY_NAME and path.is_file():  # told to pin itself in itself
        _refuse_registry(path)
    if registry is None:
        _refuse_unusable_registry(path)
    # the text as given: a URL is named as one (load_model), not read as a file name; the
    # library's advice in the command's words (a transformer artifact: --method transformer)
    given = path_text if load_from is None else load_from
    with options_named({"method": "--method"}), pinned_option("--model", registry):
        model = load_model(given) if registry is None else load_model(given, registry=registry)
    return model, registry


def _refuse_registry(path: Path) -> None:
    """Refuse the ``registry.txt`` given as ``--model``, naming the models it pins, or saying it pins none.

    A registry pinning no model (empty, comments only, or only word vectors and a
    retrieval index) was told ``is the registry that pins the models beside it``.
    """
    pins = read_registry(path)
    models = [n for n in pins if n not in (REGISTRY_NAME, INDEX_NAME, VECTORS_NAME, TRANSFORMER_NAME)]
    if models:
        raise DataFormatError(f"--model: is the registry that pins the models beside it, not a model: give the "
                              f"model it pins ({', '.join(str(path.parent / n) for n in models)})", path=path)
    what = f"only {', '.join(pins)}" if pins else "it is empty, or holds only comments"
    raise DataFormatError(f"--model: is a {REGISTRY_NAME} (the registry exposure train writes beside a model), "
                          f"not a model, and it pins no model ({what}): give the model's file (exposure train "
                          "--labels FILE --out PATH writes one, with its registry beside it)", path=path)


def _refuse_unusable_registry(path: Path) -> None:
    """Refuse a ``--model`` beside a ``registry.txt`` that is no file (a directory), unless the package pins it.

    The advice was to pin the model in that ``registry.txt`` (``or pin it in
    m/registry.txt with the line ...``), which cannot be done while a directory holds the
    name. A copy of the shipped model, which the package's registry pins, is loaded as before.
    """
    beside = path.parent / REGISTRY_NAME
    if not os.path.lexists(beside) or not path.is_file():  # missing: the loader names it
        return
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if read_registry().get(path.name) == digest:
        return
    kind = "a directory" if beside.is_dir() else "not a regular file"
    raise DataFormatError(f"--model: no registry pins it: the {REGISTRY_NAME} beside it ({beside}) is {kind}, "
                          f"not a registry (exposure train --out writes the registry as a file beside the model "
                          f"it trains); move {beside} away, then pin the model in a file {beside} with the line "
                          f"'{path.name} {digest}', with the lines of the files beside it", path=path)


def _dask_onet(engine, args) -> tuple[str | None, str | None]:
    """The release for ``--engine dask`` and a note: ``auto`` by the stream engine's rule.

    ``auto`` was passed on as no release, so that the rows with ``onetsoc_code`` and
    ``task_id`` were scored from the text alone, while the stream engine used O*NET
    29.1 for them: two sets of scores for the same rows.
    """
    if args.onet == "none":
        return None, None
    if args.onet != "auto":
        return args.onet, None
    columns = engine.read_dataset(args.input).columns  # the files' metadata only
    return auto_release(columns, args.method, mirror=args.mirror, data_dir=args.data_dir)


def _summary(message: str) -> None:
    """Print the closing summary; drop it when stdout cannot take it.

    The command's output is the ``-o`` file, written by now: a closed stdout (``>&-``), a
    full one (``> /dev/full``) or a reader gone away lost the summary line and made the
    command exit 2 (or 141), as if the scores had not been written.
    """
    try:
        print(message)
        sys.stdout.flush()
    except OSError:  # BrokenPipeError too
        _silence_stdout()


def _unscored(count: int) -> str:
    """What the summary says of the rows left without a score: how many, and why.

    Only ``--method reference`` leaves rows without one: those whose ``onetsoc_code`` and
    ``task_id`` have no published label. The summary said ``(2 without a score)`` alone,
    the reason shown with ``-v`` only.

    Examples
    --------
    >>> _unscored(0), _unscored(2)
    ('', ' (2 without a score: no published label for their onetsoc_code and task_id)')
    """
    if not count:
        return ""
    return f" ({count} without a score: no published label for their onetsoc_code and task_id)"


def _refuse_read_folders(args, *, file: bool) -> None:
    """Refuse an ``-o`` inside a folder the commands read: the mirror, the cache, the package.

    ``exposure score tasks.csv -o MIRROR/crosswalks/soc10_isco08.csv`` replaced the
    mirror's file with the scores (``-o`` linked to a file there, too: the writer writes
    through the link), where ``exposure compare``, ``outcomes``, ``rollup`` and
    ``recompute`` refuse such an output. Checked before anything is read.
    """
    refuse_protected(args.output, read_folders(args.mirror, args.data_dir), file=file, what="the scores")


def _run_dask(args) -> int:
    _refuse_read_folders(args, file=False)  # a directory of part files
    engine = _dask_engine()
    # verified here, in the command's words, by the path score_dataset loads it by: the client's
    # load is then this one (load_model keeps the model of a path and sha256)
    registry = None if args.model is None else _user_model(args.model, load_from=runner_path(args.model))[1]
    if not args.verbose:  # distributed logs its start and stop at INFO: about 30 lines a run
        logging.getLogger("distributed").setLevel(logging.ERROR)
    client = None
    if args.scheduler:
        client = importlib.import_module("distributed").Client(args.scheduler)
    try:
        onet, note = _dask_onet(engine, args)
        with options_named(_OPTIONS):  # the advice of warnings said in this process
            done = engine.score_dataset(args.input, args.output, args.method, client=client,
                                        workers=args.workers, text_column=args.text_column,
                                        occupation_column=args.occupation_column, onet=onet,
                                        reference_source=args.reference_source, mirror=args.mirror,
                                        data_dir=args.data_dir, quiet=not args.verbose,
                                        model_path=args.model, registry=registry)
    finally:
        if client is not None:
            client.close()
    msg = (f"scored {done.n_tasks} task{'' if done.n_tasks == 1 else 's'} with {done.method} -> {done.path} "
           f"({done.n_partitions} files)")
    _summary(msg + _unscored(done.n_unscored))
    if note:
        print(f"exposure score: note: {note}", file=sys.stderr)
    return 0


def _progress_bar():
    """A tqdm bar on a terminal; on anything else (a pipe, a file, a job log) no bar.

    That is what ``tqdm(disable=None)`` does, without importing tqdm (about 0.05 s of
    start-up) when no bar would be shown. ``disable`` is not passed, so that tqdm's own
    ``TQDM_DISABLE=1`` (read when tqdm is imported, and only for arguments not given)
    hides the bar on a terminal too.
    """
    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from tqdm import tqdm  # a terminal bar: tqdm.auto would look for Jupyter first

    return tqdm(unit=" rows", desc="exposure score", leave=False)


def run_score(args) -> int:
    """Run ``exposure score``.

    The scores go to the ``-o`` file; the summary line printed after it is dropped when
    stdout is closed or cannot be written (exit code 0: the file is written).

    An empty ``INPUT`` (``exposure score "$IN"`` with ``IN`` unset) is refused naming the
    argument: it was ``src is empty: give a task file path``, the name of
    :func:`~exposure.scoring._files.score_file`'s parameter, which the command has not.
    """
    if args.input == "":
        what = "a Parquet file or directory" if args.engine == "dask" else "the task file's name"
        raise ExposureError(f"INPUT is empty: give {what} (an empty path would be read as the "
                            "current directory)")
    _check_onet(args.onet)
    _check_columns(args)
    if args.reference_source is not None and not args.method.startswith("reference"):
        # it was silently ignored: the run had no published labels to choose between
        raise ExposureError(f"--reference-source is used with --method reference only (this run: "
                            f"--method {args.method})")
    _check_sources(args)
    _check_model_option(args)
    if args.engine == "dask":
        if args.batch_rows is not None:  # it was silently ignored: Dask scores whole files
            raise ExposureError("--batch-rows is used with --engine stream only (this run: "
                                "--engine dask)")
        if args.scheduler is not None and not args.scheduler.strip():
            # `--scheduler "$ADDRESS"` with ADDRESS unset ran a local cluster, without a word
            raise ExposureError("--scheduler is empty: give the address of a running scheduler "
                                "(tcp://host:8786), or leave --scheduler out for a local cluster")
        return _run_dask(args)
    for option, value in (("--workers", args.workers), ("--scheduler", args.scheduler)):
        if value is not None:  # it was silently ignored: the user expected a cluster
            raise ExposureError(f"{option} is used with --engine dask only (this run: --engine "
                                f"{args.engine})")
    batch_rows = BATCH_ROWS if args.batch_rows is None else args.batch_rows
    if batch_rows < 0:
        raise ExposureError(f"--batch-rows must be 0 or more, not {batch_rows}")
    check_output_path(args.output, args.input)  # before any work: not a directory, not the input
    _refuse_read_folders(args, file=True)
    model = None if args.model is None else _user_model(args.model)[0]  # before the file is read
    # the command has no formulas= option: the formula warning says what its user can do
    with (_progress_bar() as bar, formula_advice("write .parquet or .xlsx to keep the text unchanged"),
          options_named(_OPTIONS)):
        done = score_file(args.input, args.output, args.method, text_column=args.text_column,
                          occupation_column=args.occupation_column, onet=args.onet,
                          reference_source=args.reference_source, mirror=args.mirror,
                          data_dir=args.data_dir, batch_rows=batch_rows or None,
                          progress=None if bar is None else bar.update, model=model)
    msg = f"scored {done.n_tasks} task{'' if done.n_tasks == 1 else 's'} with {done.method} -> {done.path}"
    _summary(msg + _unscored(done.n_unscored))
    if done.note:
        print(f"exposure score: note: {done.note}", file=sys.stderr)
    return 0
