"""Score a file of tasks: read CSV, TSV or Parquet, score, write CSV or Parquet.

:func:`score_file` is what ``exposure score`` runs: it reads the input with
:func:`read_task_file` (every column kept, as text for CSV/TSV), understands O*NET's own
published headers (:data:`ONET_HEADER_ALIASES`), picks the O*NET release whose work
activities to use (:func:`onet_for_tasks`), scores with :func:`exposure.scoring.score_tasks`
and writes the input columns followed by :data:`~exposure.scoring.SCORE_COLUMNS`.

The input reader is specific to user task files (any columns, CSV quoting, Parquet); the
O*NET/OEWS parsers read through :mod:`exposure._tables` instead.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from exposure._io import write_csv, write_parquet
from exposure.errors import DataFormatError
from exposure.fetch import cache_status, resolve_mirror
from exposure.onet import load_onet
from exposure.scoring import SCORE_COLUMNS, score_tasks
from exposure.sources import SOURCES

__all__ = [
    "ONET_HEADER_ALIASES",
    "AUTO_ONET_RELEASE",
    "ScoredFile",
    "file_kind",
    "read_task_file",
    "onet_aliases",
    "onet_for_tasks",
    "score_file",
]

logger = logging.getLogger(__name__)

_CSV = (".csv",)
_TSV = (".tsv", ".txt")
_PARQUET = (".parquet", ".pq")
#: O*NET's own published column names, accepted in place of the library's names.
ONET_HEADER_ALIASES = {"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task",
                       "Title": "title", "Task Type": "task_type"}
#: O*NET release used by ``onet="auto"`` when its files are at hand.
AUTO_ONET_RELEASE = "29.1"


def file_kind(path, what: str = "input") -> str:
    """``"csv"``, ``"tsv"`` (input only) or ``"parquet"`` by the file's extension.

    Raises
    ------
    exposure.errors.DataFormatError
        Any other extension.

    Examples
    --------
    >>> file_kind("tasks.TXT"), file_kind("out.pq", "output")
    ('tsv', 'parquet')
    >>> file_kind("out.xlsx", "output")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: out.xlsx: unsupported output file type '.xlsx'; use .csv or .parquet
    """
    path = Path(path)
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


def read_task_file(path) -> pd.DataFrame:
    """Read a CSV, tab-separated (all columns as text) or Parquet file of tasks.

    Empty cells of text files are missing values; double quotes in tab-separated files are
    text.

    Raises
    ------
    exposure.errors.DataFormatError
        Unsupported extension, missing file, or a file that cannot be parsed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> _ = p.write_text('task\\tnote\\nSay "hi".\\t\\n')
    >>> read_task_file(p).to_dict("list")
    {'task': ['Say "hi".'], 'note': [nan]}
    """
    path = Path(path)
    kind = file_kind(path, "input")
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


def onet_for_tasks(frame: pd.DataFrame, method: str, release: str | None = "auto", *,
                   mirror=None, data_dir=None):
    """The O*NET release to score ``frame`` with, and a note for the user (or None).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tasks, with the library's column names.
    method : str
        Scoring method (``reference`` methods need no release).
    release : str or None, default "auto"
        ``"auto"``: :data:`AUTO_ONET_RELEASE` when the rows carry ``onetsoc_code`` and
        ``task_id`` and the release's files are in the mirror or verified in the cache
        (otherwise no release, with a note saying so); ``"none"`` or None: no release;
        anything else: that release (fetched if needed).
    mirror, data_dir : optional
        Passed to :func:`exposure.onet.load_onet`.

    Returns
    -------
    (exposure.onet.OnetRelease or None, str or None)

    Examples
    --------
    >>> onet_for_tasks(pd.DataFrame({"task": ["Weld."]}), "learned")
    (None, None)
    >>> onet_for_tasks(pd.DataFrame({"task": ["Weld."]}), "rubric", "none")
    (None, None)
    """
    if release in (None, "", "none"):
        return None, None
    if release != "auto":
        return load_onet(release, mirror=mirror, data_dir=data_dir), None
    if method.startswith("reference") or not {"onetsoc_code", "task_id"} <= set(frame.columns):
        return None, None
    names = [n for n in SOURCES if n.startswith(f"onet/{AUTO_ONET_RELEASE}/")]
    if resolve_mirror(mirror) is None and any(cache_status(n, data_dir) != "verified" for n in names):
        return None, (f"O*NET {AUTO_ONET_RELEASE} is neither in a mirror nor in the cache, so the "
                      "rows were scored from the text alone (pass --mirror DIR or run `exposure "
                      "fetch` for the work-activity model)")
    logger.info("using O*NET %s work activities for rows with onetsoc_code and task_id",
                AUTO_ONET_RELEASE)
    return load_onet(AUTO_ONET_RELEASE, mirror=mirror, data_dir=data_dir), None


@dataclass(frozen=True)
class ScoredFile:
    """What :func:`score_file` did.

    Attributes
    ----------
    path : pathlib.Path
        File written.
    n_tasks : int
        Rows scored.
    method : str
        Method tag of the scores (e.g. ``reference-human``).
    n_unscored : int
        Rows without a score (``reference`` rows without a published label).
    note : str or None
        Something the user should know (e.g. no O*NET release was at hand).

    Examples
    --------
    >>> ScoredFile(Path("o.csv"), 3, "learned", 0, None).n_tasks
    3
    """

    path: Path
    n_tasks: int
    method: str
    n_unscored: int
    note: str | None


def score_file(src, dst, method: str = "learned", *, text_column: str = "task",
               occupation_column: str | None = None, onet: str | None = "auto",
               reference_source: str = "human", mirror=None, data_dir=None) -> ScoredFile:
    """Score every row of the task file ``src``; write it with the score columns to ``dst``.

    Parameters
    ----------
    src : str or os.PathLike
        CSV, TSV (``.tsv``/``.txt``) or Parquet file, one task per row; O*NET's own headers
        (``O*NET-SOC Code``, ``Task ID``, ``Task``, ``Title``, ``Task Type``) are understood.
    dst : str or os.PathLike
        CSV or Parquet file to write (atomically): the input columns, then
        :data:`~exposure.scoring.SCORE_COLUMNS` (replacing input columns of those names).
    method, text_column, occupation_column, reference_source
        As in :func:`exposure.scoring.score_tasks`.
    onet : str or None, default "auto"
        O*NET release, see :func:`onet_for_tasks`.
    mirror, data_dir : optional
        Where O*NET and the published labels are read from.

    Returns
    -------
    ScoredFile

    Raises
    ------
    exposure.errors.DataFormatError
        Bad file type, unreadable file, bad cells (naming file, line and column).
    exposure.errors.ExposureError
        Unknown method; model artifact problems.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("task,note\\nWeld pipes.,a\\n")
    >>> done = score_file(d / "in.csv", d / "out.csv", "rubric")
    >>> done.n_tasks, done.method
    (1, 'rubric')
    >>> pd.read_csv(d / "out.csv").columns.tolist()[:4]
    ['task', 'note', 'p_e0', 'p_e1']
    """
    src, dst = Path(src), Path(dst)
    out_kind = file_kind(dst, "output")
    frame = read_task_file(src)
    renamed = frame.rename(columns=onet_aliases(frame))
    release, note = onet_for_tasks(renamed, method, onet, mirror=mirror, data_dir=data_dir)
    scores = score_tasks(renamed, method, text_column=text_column, occupation_column=occupation_column,
                         onet=release, reference_source=reference_source, mirror=mirror,
                         data_dir=data_dir, path=src,
                         row_offset=1 if file_kind(src, "input") == "parquet" else 2)
    result = frame.reset_index(drop=True).drop(columns=[c for c in SCORE_COLUMNS if c in frame.columns])
    for col in SCORE_COLUMNS:
        result[col] = scores[col].to_numpy()
    if out_kind == "csv":
        write_csv(result, dst)
    else:
        write_parquet(result, dst)
    tag = scores["method"].iloc[0] if len(scores) else method
    return ScoredFile(dst, len(result), tag, int(scores["p_e0"].isna().sum()), note)
