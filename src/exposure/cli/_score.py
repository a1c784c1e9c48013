"""``exposure score``, ``exposure evaluate`` and ``exposure train``."""

from __future__ import annotations

from exposure.cli import add_location_options
import csv
import hashlib
import logging
import sys
from pathlib import Path

import pandas as pd

from exposure.errors import DataFormatError, ExposureError

logger = logging.getLogger(__name__)

_CSV = (".csv",)
_TSV = (".tsv", ".txt")
_PARQUET = (".parquet", ".pq")
#: O*NET's own published column names, accepted in place of the library's names.
ONET_HEADER_ALIASES = {"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task",
                       "Title": "title", "Task Type": "task_type"}
DEFAULT_REPORT = Path("data/processed/reports/agreement.csv")


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
                    "cross-validation grouped by SOC 6-digit code, next to GPT-4's labels.")
    p.add_argument("--method", default="learned", help="learned (default), rubric or reference")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=int, default=0, help="seed of the fold assignment (default 0)")
    p.add_argument("--control", action="store_true",
                   help="also run the shuffled-label negative control (learned only)")
    add_location_options(p)
    p.add_argument("--out", default=None, metavar="PATH",
                   help=f"CSV report to write (default {DEFAULT_REPORT} for learned, "
                        "agreement_<method>.csv beside it otherwise)")
    p.set_defaults(func=run_evaluate)

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


def _kind(path: Path, what: str) -> str:
    suffix = path.suffix.lower()
    if suffix in _CSV:
        return "csv"
    if suffix in _TSV and what == "input":
        return "tsv"
    if suffix in _PARQUET:
        return "parquet"
    kinds = ".csv, .tsv, .txt or .parquet" if what == "input" else ".csv or .parquet"
    raise DataFormatError(f"unsupported {what} file type {suffix or '(none)'!r}; use {kinds}",
                          path=path)


def read_table(path) -> pd.DataFrame:
    """Read a CSV, tab-separated (all columns as text) or Parquet file of tasks."""
    path = Path(path)
    kind = _kind(path, "input")
    if not path.is_file():
        raise DataFormatError("input file not found", path=path)
    try:
        if kind == "csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        if kind == "tsv":
            return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, na_values=[""],
                               quoting=csv.QUOTE_NONE)
        return pd.read_parquet(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError) as exc:
        raise DataFormatError(f"cannot read: {exc}", path=path) from None
    except Exception as exc:  # pyarrow errors on a corrupt Parquet file
        if type(exc).__module__.startswith("pyarrow"):
            raise DataFormatError(f"cannot read: {exc}", path=path) from None
        raise


def _load_onet(release, mirror, data_dir):
    if not release:
        return None
    from exposure.onet import load_onet

    return load_onet(release, mirror=mirror, data_dir=data_dir)


def onet_aliases(frame: pd.DataFrame) -> dict[str, str]:
    """Map O*NET's published column names to the library's, where the latter are absent.

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    dict of str to str
        ``{published name: library name}`` for the columns to rename.

    Examples
    --------
    >>> onet_aliases(pd.DataFrame(columns=["O*NET-SOC Code", "Task ID", "Task", "task"]))
    {'O*NET-SOC Code': 'onetsoc_code', 'Task ID': 'task_id'}
    """
    return {src: dst for src, dst in ONET_HEADER_ALIASES.items()
            if src in frame.columns and dst not in frame.columns}


def _auto_onet(frame, method, mirror, data_dir):
    """O*NET 29.1 when the rows carry O*NET keys and the files are at hand.

    Returns ``(onet, note)``: the release or None, and a note for the user (or None).
    """
    if method.startswith("reference") or not {"onetsoc_code", "task_id"} <= set(frame.columns):
        return None, None
    from exposure.fetch import cache_status, resolve_mirror
    from exposure.sources import SOURCES

    names = [n for n in SOURCES if n.startswith("onet/29.1/")]
    if resolve_mirror(mirror) is None and any(cache_status(n, data_dir) != "verified" for n in names):
        return None, ("O*NET 29.1 is neither in a mirror nor in the cache, so the rows were "
                      "scored from the text alone (pass --mirror DIR or run `exposure fetch` "
                      "for the work-activity model)")
    logger.info("using O*NET 29.1 work activities for rows with onetsoc_code and task_id")
    return _load_onet("29.1", mirror, data_dir), None


def run_score(args) -> int:
    """Run ``exposure score``."""
    from exposure._io import write_csv, write_parquet
    from exposure.scoring import SCORE_COLUMNS, score_tasks

    src, dst = Path(args.input), Path(args.output)
    out_kind = _kind(dst, "output")
    frame = read_table(src)
    renamed = frame.rename(columns=onet_aliases(frame))
    note = None
    if args.onet == "auto":
        onet, note = _auto_onet(renamed, args.method, args.mirror, args.data_dir)
    else:
        onet = _load_onet(None if args.onet == "none" else args.onet, args.mirror, args.data_dir)
    scores = score_tasks(renamed, args.method, text_column=args.text_column,
                         occupation_column=args.occupation_column, onet=onet,
                         reference_source=args.reference_source, mirror=args.mirror,
                         data_dir=args.data_dir, path=src, row_offset=1 if _kind(src, "input") == "parquet" else 2)
    result = frame.reset_index(drop=True).drop(columns=[c for c in SCORE_COLUMNS if c in frame.columns])
    for col in SCORE_COLUMNS:
        result[col] = scores[col].to_numpy()
    if out_kind == "csv":
        write_csv(result, dst)
    else:
        write_parquet(result, dst)
    n_missing = int(scores["p_e0"].isna().sum())
    msg = f"scored {len(result)} tasks with {scores['method'].iloc[0] if len(scores) else args.method} -> {dst}"
    if n_missing:
        msg += f" ({n_missing} without a score)"
    print(msg)
    if note:
        print(f"exposure score: note: {note}", file=sys.stderr)
    return 0


def _fmt(value) -> str:
    if pd.isna(value):
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def run_evaluate(args) -> int:
    """Run ``exposure evaluate``."""
    from exposure._io import write_csv
    from exposure.measures.eloundou import load_task_labels
    from exposure.scoring._evaluate import evaluate_method

    if args.method not in ("learned", "rubric", "reference"):
        raise ExposureError(f"unknown scoring method {args.method!r}; choose one of learned, rubric, reference")
    if args.folds < 2:
        raise ExposureError("--folds must be at least 2")
    labels = load_task_labels(mirror=args.mirror, data_dir=args.data_dir)
    onet = _load_onet("29.1", args.mirror, args.data_dir) if args.method != "reference" else None
    table, reliability = evaluate_method(args.method, labels, onet, n_folds=args.folds, seed=args.seed,
                                         control=args.control)
    out = Path(args.out) if args.out else (
        DEFAULT_REPORT if args.method == "learned" else DEFAULT_REPORT.with_name(f"agreement_{args.method}.csv"))
    rounded = table.copy()
    num = rounded.select_dtypes("float").columns
    rounded[num] = rounded[num].round(4)
    write_csv(rounded, out)
    if reliability is not None:
        write_csv(reliability.round(4), out.with_name(out.stem + "_calibration.csv"))
    cols = ["scorer", "n_tasks", "n_occupations", "accuracy", "kappa", "r_alpha", "r_beta", "r_gamma",
            "ece", "brier"]
    widths = {c: max(len(c), *(len(_fmt(v)) for v in table[c])) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for _, row in table.iterrows():
        print("  ".join(_fmt(row[c]).ljust(widths[c]) for c in cols))
    print(f"protocol: {table['protocol'].iloc[0]}; report written to {out}")
    return 0


def update_registry(registry: Path, name: str, digest: str) -> None:
    """Set the ``name sha256`` line of a model registry file (atomically)."""
    from exposure._io import atomic_path

    lines = registry.read_text().splitlines() if registry.is_file() else [
        "# Pinned sha256 of the shipped model artifacts: 'filename sha256' per line."]
    kept = [ln for ln in lines if not (ln.split() and ln.split()[0] == name)]
    kept.append(f"{name} {digest}")
    with atomic_path(registry) as tmp:
        tmp.write_text("\n".join(kept) + "\n")


def run_train(args) -> int:
    """Run ``exposure train``."""
    import importlib.resources

    from exposure.fetch import fetch
    from exposure.measures.eloundou import LABELS_NAME, read_task_labels
    from exposure.scoring._evaluate import agreement
    from exposure.scoring._train import train_learned
    from exposure.scoring.learned import MODEL_NAME, save_model

    path = fetch(LABELS_NAME, mirror=args.mirror, data_dir=args.data_dir)
    labels = read_task_labels(path)
    onet = _load_onet(args.onet, args.mirror, args.data_dir)
    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    model, cv = train_learned(labels, onet, seed=args.seed, n_folds=args.folds, labels_sha256=sha)
    from exposure.scoring._train import training_frame

    rows = training_frame(labels, onet)
    summary = {}
    for which, proba in cv["proba"].items():
        summary[which] = {k: round(v, 4) if isinstance(v, float) else v for k, v in agreement(
            proba, rows["y"], rows["onetsoc_code"], rows["weight"]).items()}
    model.metadata["cv"] = summary
    out = Path(args.out) if args.out else Path(str(importlib.resources.files("exposure") / "data" / "models" / MODEL_NAME))
    save_model(model, out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    update_registry(out.parent / "registry.txt", out.name, digest)
    for which, figs in summary.items():
        print(f"{which}: temperature {model.temperature[which]:.3f}; grouped {args.folds}-fold CV: "
              + ", ".join(f"{k} {v}" for k, v in figs.items()))
    print(f"wrote {out} ({out.stat().st_size} bytes, sha256 {digest}); pinned in {out.parent / 'registry.txt'}")
    return 0
