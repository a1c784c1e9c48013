"""``exposure score``, ``exposure evaluate`` and ``exposure train``."""

from __future__ import annotations

import sys

from exposure.cli import add_location_options
from exposure.cli._report import DEFAULT_REPORT_DIR, add_agreement_options, run_agreement
from exposure.fetch import fetch
from exposure.measures.eloundou import LABELS_NAME
from exposure.onet import load_onet
from exposure.reports.agreement import report_name
from exposure.scoring._files import score_file
from exposure.scoring._train import train_and_save


def register(subparsers) -> None:
    """Add the ``score``, ``evaluate`` and ``train`` sub-commands."""
    p = subparsers.add_parser(
        "score", help="score task texts (CSV or Parquet) for exposure to LLMs and agents",
        description="Append p_e0, p_e1, p_e2, label, alpha, beta, gamma, the category flags "
                    "and method to every row of INPUT and write OUTPUT (format by extension).")
    p.add_argument("input", metavar="INPUT", help="CSV or Parquet file with one task per row")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="CSV or Parquet file to write")
    p.add_argument("--method", default="learned", help="learned (default), rubric or reference")
    p.add_argument("--text-column", default="task", metavar="COL", help="column of task texts (default: task)")
    p.add_argument("--occupation-column", default=None, metavar="COL",
                   help="column of occupation titles (default: 'title' when present)")
    p.add_argument("--reference-source", default="human", choices=["human", "gpt4"],
                   help="published label used by --method reference (default: human)")
    p.add_argument("--onet", default="auto", metavar="RELEASE",
                   help="O*NET release (e.g. 29.1) whose work activities and job zones to use "
                        "for rows with onetsoc_code and task_id; 'auto' (default) uses 29.1 "
                        "when the input has those columns and the release is in the mirror or "
                        "the cache, 'none' scores from the text alone")
    add_location_options(p)
    p.set_defaults(func=run_score)

    p = subparsers.add_parser(
        "evaluate", help="agreement of a scoring method with the human labels (grouped CV)",
        description="Task accuracy, Cohen's kappa and occupation-level Pearson r of alpha, beta, "
                    "gamma against the human labels of Eloundou et al. (2023), under "
                    "cross-validation grouped by SOC 6-digit code, next to GPT-4's labels "
                    "(the same report as `exposure report agreement`).")
    add_agreement_options(p)
    p.add_argument("--out", default=None, metavar="PATH",
                   help=f"CSV report to write (default {DEFAULT_REPORT_DIR}/{report_name('learned')} "
                        "for learned, agreement_<method>.csv beside it otherwise)")
    p.set_defaults(func=run_agreement, out_dir=DEFAULT_REPORT_DIR)

    p = subparsers.add_parser(
        "train", help="retrain the shipped learned model from the human labels",
        description="Fit the learned scorer on the Eloundou et al. (2023) human labels (with "
                    "O*NET 29.1 work activities), calibrate it under grouped CV, write the "
                    "artifact and pin its sha256 in registry.txt beside it.")
    add_location_options(p)
    p.add_argument("--seed", type=int, default=0, help="seed (fold assignment) (default 0)")
    p.add_argument("--folds", type=int, default=5, help="folds of the calibration CV (default 5)")
    p.add_argument("--onet", default="29.1", metavar="RELEASE", help="O*NET release of the work activities")
    p.add_argument("--out", default=None, metavar="PATH",
                   help="artifact path (default: the package's data/models/learned-v1.npz)")
    p.set_defaults(func=run_train)


def run_score(args) -> int:
    """Run ``exposure score``."""
    done = score_file(args.input, args.output, args.method, text_column=args.text_column,
                      occupation_column=args.occupation_column, onet=args.onet,
                      reference_source=args.reference_source, mirror=args.mirror,
                      data_dir=args.data_dir)
    msg = f"scored {done.n_tasks} tasks with {done.method} -> {done.path}"
    if done.n_unscored:
        msg += f" ({done.n_unscored} without a score)"
    print(msg)
    if done.note:
        print(f"exposure score: note: {done.note}", file=sys.stderr)
    return 0


def run_train(args) -> int:
    """Run ``exposure train``."""
    labels_path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    onet = load_onet(args.onet, mirror=args.mirror, data_dir=args.data_dir) if args.onet else None
    done = train_and_save(labels_path, onet, args.out, seed=args.seed, n_folds=args.folds)
    for which, figs in done.cv.items():
        print(f"{which}: temperature {done.model.temperature[which]:.3f}; grouped {args.folds}-fold CV: "
              + ", ".join(f"{k} {v}" for k, v in figs.items()))
    print(f"wrote {done.path} ({done.path.stat().st_size} bytes, sha256 {done.sha256}); "
          f"pinned in {done.path.parent / 'registry.txt'}")
    return 0
