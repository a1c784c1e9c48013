"""Validation reports of the task categories (:mod:`exposure.scoring.categories`).

- :func:`precision_recall` of the tags against hand-checked samples
  (:func:`read_hand_checked`: files of codes, task ids, expected tags and a short note, no
  O*NET text; the project's are ``tests/data/categories/hand_checked*_v1.csv``);
- :func:`category_shares`: share of tasks tagged per category and which kind of rule
  tagged them.

:func:`write_category_reports` writes both for O*NET 29.1 (``exposure report categories``
runs it, into ``data/processed/reports``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from exposure._io import write_csv
from exposure._measures import CATEGORIES
from exposure.errors import DataFormatError
from exposure.scoring._inputs import norm_task_id
from exposure.scoring.categories import CATEGORY_MAPPING_VERSION, explain_categories, tag_categories

__all__ = ["read_hand_checked", "precision_recall", "category_shares", "write_category_reports"]

logger = logging.getLogger(__name__)


def read_hand_checked(path) -> pd.DataFrame:
    """Read a hand-checked category sample (e.g. ``tests/data/categories/hand_checked_v1.csv``).

    The file holds no O*NET text: columns ``onetsoc_code``, ``task_id``, ``stratum``,
    ``admin``, ``routine_coding``, ``entry_creative`` (``True``/``False``) and ``note``.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    pandas.DataFrame
        With bool category columns and string ``task_id``.

    Raises
    ------
    exposure.errors.DataFormatError
        Missing file or column, or a category cell that is not True/False (naming row and
        column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> _ = p.write_text("onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\\n"
    ...                  "43-6014.00,9,random,True,False,False,filing\\n")
    >>> read_hand_checked(p)["admin"].tolist()
    [True]
    """
    if not Path(path).is_file():
        raise DataFormatError("file not found", path=path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    need = ["onetsoc_code", "task_id", "stratum", *CATEGORIES, "note"]
    for col in need:
        if col not in raw.columns:
            raise DataFormatError(f"missing column {col!r}", path=path, column=col)
    out = raw[need].copy()
    for cat in CATEGORIES:
        bad = ~out[cat].isin(["True", "False"])
        if bad.any():
            pos = int(bad.to_numpy().nonzero()[0][0])
            raise DataFormatError(
                f"expected True or False, got {out[cat].iloc[pos]!r}",
                path=path, row=pos + 2, column=cat,
            )
        out[cat] = out[cat].eq("True")
    out["task_id"] = out["task_id"].map(norm_task_id)
    return out


def precision_recall(expected: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each category of ``predicted`` against ``expected``.

    Parameters
    ----------
    expected, predicted : pandas.DataFrame
        Bool columns ``admin``, ``routine_coding``, ``entry_creative``, aligned rows.

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n``, ``positives``, ``tagged``,
        ``true_positives``, ``precision``, ``recall`` (NaN when undefined).

    Examples
    --------
    >>> e = pd.DataFrame({"admin": [True, True, False], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> p = pd.DataFrame({"admin": [True, False, True], "routine_coding": [False] * 3,
    ...                   "entry_creative": [False, False, True]})
    >>> row = precision_recall(e, p).iloc[0]
    >>> (row["category"], float(row["precision"]), float(row["recall"]))
    ('admin', 0.5, 0.5)
    """
    rows = []
    for cat in CATEGORIES:
        y = expected[cat].to_numpy(dtype=bool)
        p = predicted[cat].to_numpy(dtype=bool)
        tp = int((y & p).sum())
        prec = tp / int(p.sum()) if p.sum() else float("nan")
        rec = tp / int(y.sum()) if y.sum() else float("nan")
        rows.append((cat, len(y), int(y.sum()), int(p.sum()), tp, round(prec, 4), round(rec, 4)))
    cols = ["category", "n", "positives", "tagged", "true_positives", "precision", "recall"]
    return pd.DataFrame(rows, columns=cols)


def category_shares(tasks: pd.DataFrame, *, onet=None, text_column: str = "task") -> pd.DataFrame:
    """Share of tasks tagged per category, and which kind of rule tagged them.

    Parameters
    ----------
    tasks : pandas.DataFrame
        Task frame (e.g. ``load_onet().tasks``).
    onet : optional
        Passed to :func:`~exposure.scoring.categories.explain_categories`.
    text_column : str, default "task"

    Returns
    -------
    pandas.DataFrame
        One row per category: ``category``, ``n_tasks``, ``n_tagged``, ``share``,
        ``n_by_mapping`` (a DWA/IWA mapping entry fired), ``n_by_text_only`` (only text
        rules fired), ``n_gated`` (entry_creative evidence dropped by the job-zone gate).

    Examples
    --------
    >>> t = pd.DataFrame({"task": ["File records.", "Weld pipes.", "Type letters."]})
    >>> row = category_shares(t).iloc[0]
    >>> (row["category"], int(row["n_tagged"]))
    ('admin', 2)
    """
    ex = explain_categories(tasks, onet=onet, text_column=text_column)
    rows = []
    for cat in CATEGORIES:
        rule = ex[f"{cat}_rule"]
        tagged = ex[cat]
        by_map = tagged & rule.str.contains(r"(?:^|; )(?:dwa|iwa) ", regex=True)
        gated = ~tagged & rule.str.contains("[gated", regex=False)
        rows.append(
            (cat, len(ex), int(tagged.sum()), round(float(tagged.mean()) if len(ex) else 0.0, 4),
             int(by_map.sum()), int((tagged & ~by_map).sum()), int(gated.sum()))
        )
    cols = ["category", "n_tasks", "n_tagged", "share", "n_by_mapping", "n_by_text_only", "n_gated"]
    return pd.DataFrame(rows, columns=cols)


def write_category_reports(samples, out_dir, *, onet) -> dict[str, pd.DataFrame]:
    """Write the category validation reports computed on an O*NET release.

    Writes ``categories_precision_recall.csv`` (per category and per hand-checked sample,
    plus the ``pooled`` samples when there are several) and ``categories_shares.csv``
    (share of all the release's tasks tagged), both with the ``mapping_version``.

    Parameters
    ----------
    samples : dict of str to path
        Sample name (e.g. ``"development"``, ``"holdout"``) -> hand-checked file
        (:func:`read_hand_checked`), in report order.
    out_dir : str or os.PathLike
        Report directory (the docs read ``data/processed/reports``, computed on O*NET 29.1).
    onet : exposure.onet.OnetRelease
        The release whose tasks are tagged (the hand-checked tasks must be in it).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``{"precision_recall": ..., "shares": ...}``.

    Raises
    ------
    exposure.errors.DataFormatError
        A hand-checked task that is not in ``onet`` (naming file, line and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from types import SimpleNamespace
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "h.csv").write_text(
    ...     "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\\n"
    ...     "43-9061.00,1,random,True,False,False,phones\\n")
    >>> tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
    ...                       "task": ["Answer telephones.", "Lay bricks."]})
    >>> onet = SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(
    ...     columns=["onetsoc_code", "task_id", "dwa_id"]), dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))
    >>> tables = write_category_reports({"development": d / "h.csv"}, d, onet=onet)
    >>> tables["precision_recall"][["sample", "category", "n", "true_positives"]].head(1)
            sample category  n  true_positives
    0  development    admin  1               1
    >>> sorted(p.name for p in d.glob("categories_*.csv"))
    ['categories_precision_recall.csv', 'categories_shares.csv']
    """
    tasks = onet.tasks.assign(task_id=onet.tasks["task_id"].map(norm_task_id))
    tables = []
    pooled_e, pooled_p = [], []
    for sample, path in samples.items():
        expected = read_hand_checked(path)
        joined = expected.drop(columns=list(CATEGORIES)).merge(
            tasks[["onetsoc_code", "task_id", "task"]], on=["onetsoc_code", "task_id"], how="left"
        )
        if joined["task"].isna().any():
            pos = int(joined["task"].isna().to_numpy().nonzero()[0][0])
            raise DataFormatError(
                f"task not found in O*NET {getattr(onet, 'release', '(the release given)')}",
                path=path, row=pos + 2, column="task_id",
            )
        predicted = tag_categories(joined, onet=onet)
        pr = precision_recall(expected, predicted)
        pr.insert(0, "sample", sample)
        tables.append(pr)
        pooled_e.append(expected[list(CATEGORIES)])
        pooled_p.append(predicted)
    if len(tables) > 1:
        pr = precision_recall(
            pd.concat(pooled_e, ignore_index=True), pd.concat(pooled_p, ignore_index=True)
        )
        pr.insert(0, "sample", "pooled")
        tables.append(pr)
    pr_all = pd.concat(tables, ignore_index=True)
    pr_all.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    shares = category_shares(tasks, onet=onet)
    shares.insert(1, "mapping_version", CATEGORY_MAPPING_VERSION)
    out_dir = Path(out_dir)
    write_csv(pr_all, out_dir / "categories_precision_recall.csv")
    write_csv(shares, out_dir / "categories_shares.csv")
    logger.info("wrote category reports to %s", out_dir)
    return {"precision_recall": pr_all, "shares": shares}
