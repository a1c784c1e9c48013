"""Loaders of Eloundou, Manning, Mishkin and Rock (2023), "GPTs are GPTs".

The authors publish task-level labels (``full_labelset.tsv``: the human annotators'
aggregated label ``human_exposure_agg`` and GPT-4's label ``gpt4_exposure``, each E0, E1
or E2 per O*NET task) and occupation-level alpha, beta, gamma (``occ_level.csv``). The
project's mirror holds the training split only (``*_train``): the rows of a quarter of the
SOC codes are withheld as a hidden benchmark.

This module is the one reader of those files; every stage (the ``reference`` scorer, the
learned scorer's training, the rubric's agreement check, the reproduction report) uses it.
The contract:

- :func:`read_task_labels` (:func:`load_task_labels` from the registry) returns a frame
  validated against :class:`~exposure.schemas._labels.EloundouTaskLabels`, one row per
  task, in file order: ``onetsoc_code`` (str, ``11-1011.00``), ``task_id`` (int64),
  ``task`` (str), ``task_type`` ("Core", "Supplemental" or missing), ``title`` (str),
  ``human_exposure_agg`` and ``gpt4_exposure`` ("E0", "E1" or "E2", never missing),
  ``gpt4_exposure_alt_rubric`` (E0/E1/E2 or missing), ``gpt_3_relevant`` (boolean or
  missing), ``gpt4_automation`` (T0-T4 or missing). The file's other columns (its own
  alpha, beta, gamma, ...) are dropped; a missing column, a non-integer task ID or a value
  outside the schema raises an error naming the file, line and column.
- :func:`read_occ_level` (:func:`load_occ_level`) returns
  :class:`~exposure.schemas._labels.EloundouOccupationScores`: ``onetsoc_code``,
  ``title`` and ``{labeler}_{measure}`` for each labeler of :data:`LABELERS` and measure
  alpha, beta, gamma (``human_beta`` is the file's ``human_rating_beta``, ``gpt4_beta``
  its ``dv_rating_beta``).
- :data:`LABELERS` names the task label column of each labeler.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from exposure.errors import DataFormatError
from exposure.fetch import fetch
from exposure.schemas import validate
from exposure.schemas._labels import EloundouOccupationScores, EloundouTaskLabels

__all__ = [
    "LABELERS",
    "LABELS_NAME",
    "OCC_LEVEL_NAME",
    "read_task_labels",
    "read_occ_level",
    "load_task_labels",
    "load_occ_level",
]

logger = logging.getLogger(__name__)

#: Registry name of the task label file (train split).
LABELS_NAME = "reference/eloundou2023/full_labelset_train.tsv"
#: Registry name of the occupation-level file (train split).
OCC_LEVEL_NAME = "reference/eloundou2023/occ_level_train.csv"

#: Labeler -> its task label column in :func:`read_task_labels`; the labeler is also the
#: prefix of its columns in :func:`read_occ_level` (``human_beta``, ``gpt4_beta``).
LABELERS = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure"}

_LABEL_COLUMNS = {
    "O*NET-SOC Code": "onetsoc_code",
    "Task ID": "task_id",
    "Task": "task",
    "Task Type": "task_type",
    "Title": "title",
    "human_exposure_agg": "human_exposure_agg",
    "gpt4_exposure": "gpt4_exposure",
    "gpt4_exposure_alt_rubric": "gpt4_exposure_alt_rubric",
    "gpt_3_relevant": "gpt_3_relevant",
    "gpt4_automation": "gpt4_automation",
}
_OCC_COLUMNS = {
    "O*NET-SOC Code": "onetsoc_code",
    "Title": "title",
    "dv_rating_alpha": "gpt4_alpha",
    "dv_rating_beta": "gpt4_beta",
    "dv_rating_gamma": "gpt4_gamma",
    "human_rating_alpha": "human_alpha",
    "human_rating_beta": "human_beta",
    "human_rating_gamma": "human_gamma",
}


def _read(path, sep: str, columns: dict, index_col=None) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise DataFormatError("file not found", path=path)
    try:
        frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                            index_col=index_col)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"cannot parse: {exc}", path=path) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}", path=path)
    return frame.reset_index(drop=True)[list(columns)].rename(columns=columns)


def read_task_labels(path) -> pd.DataFrame:
    """Read ``full_labelset[_train].tsv`` into :class:`~exposure.schemas._labels.EloundouTaskLabels`.

    The file is tab-separated with an unnamed index column; ``Task ID`` is written as a
    float (``20699.0``) and becomes an integer.

    Parameters
    ----------
    path : str or os.PathLike
        The label file.

    Returns
    -------
    pandas.DataFrame
        Columns ``onetsoc_code, task_id, task, task_type, title, human_exposure_agg,
        gpt4_exposure, gpt4_exposure_alt_rubric, gpt_3_relevant, gpt4_automation`` (see
        the module docstring for their types), one row per task in file order.

    Raises
    ------
    exposure.errors.DataFormatError
        Missing file or column, a non-integer task ID, a ``gpt_3_relevant`` other than
        True/False, or a value outside the schema (:class:`~exposure.errors.SchemaError`),
        naming the file line and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "labels.tsv"
    >>> _ = p.write_text(
    ...     "\\tO*NET-SOC Code\\tTask ID\\tTask\\tTask Type\\tTitle\\thuman_exposure_agg\\t"
    ...     "gpt4_exposure\\tgpt4_exposure_alt_rubric\\tgpt_3_relevant\\tgpt4_automation\\n"
    ...     "0\\t11-1011.00\\t8823.0\\tDirect budgets.\\tCore\\tChief Executives\\tE2\\tE1\\tE1"
    ...     "\\tFalse\\tT2\\n")
    >>> read_task_labels(p)[["onetsoc_code", "task_id", "human_exposure_agg"]]
      onetsoc_code  task_id human_exposure_agg
    0   11-1011.00     8823                 E2
    """
    frame = _read(path, "\t", _LABEL_COLUMNS, index_col=0)
    ids = pd.to_numeric(frame["task_id"], errors="coerce")
    bad = ids.isna() | (ids % 1 != 0)
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise DataFormatError(f"task ID {frame['task_id'].iloc[row]!r} is not an integer",
                              path=path, row=row + 2, column="Task ID")
    frame["task_id"] = ids.astype("int64")
    flag = frame["gpt_3_relevant"]
    bad = flag.notna() & ~flag.isin(["True", "False"])
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise DataFormatError(f"expected True or False, got {flag.iloc[row]!r}",
                              path=path, row=row + 2, column="gpt_3_relevant")
    frame["gpt_3_relevant"] = flag.map({"True": True, "False": False}, na_action="ignore").astype("boolean")
    return validate(frame, EloundouTaskLabels, path=path, row_offset=2)


def read_occ_level(path) -> pd.DataFrame:
    """Read ``occ_level[_train].csv`` into :class:`~exposure.schemas._labels.EloundouOccupationScores`.

    Parameters
    ----------
    path : str or os.PathLike
        The occupation-level file.

    Returns
    -------
    pandas.DataFrame
        Columns ``onetsoc_code, title, gpt4_alpha, gpt4_beta, gpt4_gamma, human_alpha,
        human_beta, human_gamma``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "occ.csv"
    >>> _ = p.write_text(
    ...     "O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
    ...     "human_rating_alpha,human_rating_beta,human_rating_gamma\\n"
    ...     "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\\n")
    >>> read_occ_level(p)["human_beta"].tolist()
    [0.5]
    """
    frame = _read(path, ",", _OCC_COLUMNS)
    return validate(frame, EloundouOccupationScores, path=path, row_offset=2)


def load_task_labels(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Fetch (sha256-verified) and read the task labels of the training split.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.

    Returns
    -------
    pandas.DataFrame
        See :func:`read_task_labels`.

    Examples
    --------
    A mirror without the file is an error that names it:

    >>> import tempfile
    >>> load_task_labels(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/eloundou2023/full_labelset_train.tsv: not found in mirror ...
    """
    return read_task_labels(fetch(LABELS_NAME, mirror=mirror, data_dir=data_dir))


def load_occ_level(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Fetch (sha256-verified) and read the occupation-level scores of the training split.

    Parameters
    ----------
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch`.

    Returns
    -------
    pandas.DataFrame
        See :func:`read_occ_level`.

    Examples
    --------
    >>> import tempfile
    >>> load_occ_level(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/eloundou2023/occ_level_train.csv: not found in mirror ...
    """
    return read_occ_level(fetch(OCC_LEVEL_NAME, mirror=mirror, data_dir=data_dir))
