"""``exposure score`` (``exposure evaluate`` and ``exposure train``: :mod:`exposure.cli._evaluate`)."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import sys

from exposure._io import check_output_path, formula_advice
from exposure.cli import add_location_options
from exposure.errors import ExposureError
from exposure.scoring._files import BATCH_ROWS, score_file


def register(subparsers) -> None:
    """Add the ``score`` sub-command."""
    p = subparsers.add_parser(
        "score", help="score task texts (CSV or Parquet) for exposure to LLMs and agents",
        description="Append p_e0, p_e1, p_e2, label, alpha, beta, gamma, the category flags "
                    "and method to every row of INPUT and write OUTPUT (format by extension). "
                    "The file is streamed in batches (memory does not grow with it when the "
                    "rows of each occupation are contiguous); --engine dask scores a "
                    "directory of Parquet files on a Dask cluster into a directory.")
    p.add_argument("input", metavar="INPUT",
                   help="CSV or Parquet file with one task per row (--engine dask: a directory "
                        "of Parquet files)")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="file to write, by extension: .csv, .parquet, .xlsx or .dta (--engine "
                        "dask: a directory, replaced as a whole, one part-NNNNN.parquet per "
                        "partition)")
    p.add_argument("--method", default="learned",
                   help="learned (default), rubric, reference or transformer (opt-in, slow: "
                        "docs/validation/agreement.md)")
    p.add_argument("--text-column", default="task", metavar="COL", help="column of task texts (default: task)")
    p.add_argument("--occupation-column", default=None, metavar="COL",
                   help="column of occupation titles (default: 'title' when present)")
    p.add_argument("--reference-source", default=None, choices=["human", "gpt4"],
                   help="published label used by --method reference (default: human)")
    p.add_argument("--onet", default="auto", metavar="RELEASE",
                   help="O*NET release (e.g. 29.1) whose work activities and job zones to use "
                        "for rows with onetsoc_code and task_id; 'auto' (default) uses 29.1 "
                        "when the input has those columns and the release is in the mirror or "
                        "the cache, 'none' scores from the text alone")
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


def _run_dask(args) -> int:
    engine = _dask_engine()
    if not args.verbose:  # distributed logs its start and stop at INFO: about 30 lines a run
        logging.getLogger("distributed").setLevel(logging.ERROR)
    client = None
    if args.scheduler:
        client = importlib.import_module("distributed").Client(args.scheduler)
    try:
        done = engine.score_dataset(args.input, args.output, args.method, client=client,
                                    workers=args.workers, text_column=args.text_column,
                                    occupation_column=args.occupation_column,
                                    onet=None if args.onet in ("auto", "none", "") else args.onet,
                                    reference_source=args.reference_source, mirror=args.mirror,
                                    data_dir=args.data_dir, quiet=not args.verbose)
    finally:
        if client is not None:
            client.close()
    msg = (f"scored {done.n_tasks} tasks with {done.method} -> {done.path} "
           f"({done.n_partitions} files)")
    if done.n_unscored:
        msg += f" ({done.n_unscored} without a score)"
    print(msg)
    return 0


def _progress_bar():
    """A tqdm bar on a terminal; on anything else (a pipe, a file, a job log) no bar.

    That is what ``tqdm(disable=None)`` does, without importing tqdm (about 0.05 s of
    start-up) when no bar would be shown.
    """
    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from tqdm import tqdm  # a terminal bar: tqdm.auto would look for Jupyter first

    return tqdm(unit=" rows", desc="exposure score", disable=None, leave=False)


def run_score(args) -> int:
    """Run ``exposure score``."""
    if args.engine == "dask":
        if args.batch_rows is not None:  # it was silently ignored: Dask scores whole files
            raise ExposureError("--batch-rows is used with --engine stream only (this run: "
                                "--engine dask)")
        return _run_dask(args)
    for option, value in (("--workers", args.workers), ("--scheduler", args.scheduler)):
        if value is not None:  # it was silently ignored: the user expected a cluster
            raise ExposureError(f"{option} is used with --engine dask only (this run: --engine "
                                f"{args.engine})")
    batch_rows = BATCH_ROWS if args.batch_rows is None else args.batch_rows
    if batch_rows < 0:
        raise ExposureError(f"--batch-rows must be 0 or more, not {batch_rows}")
    check_output_path(args.output, args.input)  # before any work: not a directory, not the input
    # the command has no formulas= option: the formula warning says what its user can do
    with _progress_bar() as bar, formula_advice("write .parquet or .xlsx to keep the text unchanged"):
        done = score_file(args.input, args.output, args.method, text_column=args.text_column,
                          occupation_column=args.occupation_column, onet=args.onet,
                          reference_source=args.reference_source, mirror=args.mirror,
                          data_dir=args.data_dir, batch_rows=batch_rows or None,
                          progress=None if bar is None else bar.update)
    msg = f"scored {done.n_tasks} tasks with {done.method} -> {done.path}"
    if done.n_unscored:
        msg += f" ({done.n_unscored} without a score)"
    print(msg)
    if done.note:
        print(f"exposure score: note: {done.note}", file=sys.stderr)
    return 0
