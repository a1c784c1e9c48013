"""Score and roll up job-posting texts on Dask (the optional extra ``ai-exposure[dask]``).

The scorer is a batch function, :func:`exposure.scoring.score_tasks`; this module runs it
on every partition of a :class:`dask.dataframe.DataFrame` with ``map_partitions`` and an
explicit ``meta``, so the same code scores a laptop's file and a cluster's 10^8 rows:

- :func:`score` appends the score columns to every row. Each partition is validated by
  the pandera model of the scores (:class:`~exposure.schemas._scores.TaskScores`) inside
  ``score_tasks``; what a partition cannot see is checked afterwards by :func:`check`
  (a task key on two rows of different partitions; coverage).
- The model artifact is loaded once per worker process (a module-level cache keyed by its
  sha256), not once per partition; so are the O*NET release and the published labels.
- A partition of more than :data:`~exposure.scoring._files.BATCH_ROWS` rows is scored in
  batches of whole occupations, so a worker's memory does not grow with the size of its
  partitions (the scores are those of the whole partition).
- The ``learned`` model averages the word vectors of the tasks of one occupation (same
  O*NET-SOC code; a row without a code is scored as text alone) into a context feature.
  So that the scores do not depend on the partitioning, :func:`score` first checks
  whether any occupation spans two partitions; if one does, the rows are shuffled by
  occupation (keeping their order within it), scored, and put back in their partitions
  and order, under each partition's own index (kept aside by the task that reads the
  partition, not shuffled; the rows of each partition are checked before the shuffle, so
  that an error names its first bad row). A frame with a column that Dask's P2P shuffle
  (a cluster's default) cannot carry, such as an Arrow list or dictionary column, is
  shuffled by tasks instead (:func:`_shuffle_method`). Either way each row gets the same
  bytes as when the whole frame is scored at once in one process.
- :func:`to_occupations` and :func:`to_sectors` roll scored rows up by occupation or
  industry code with weighted sums (``groupby().sum()``, a tree reduction): a 10^8-row
  input never gathers on one worker. Sums are added in an order that depends on the
  partitioning, so roll-ups agree to rounding (1e-12), not bit for bit.
- :func:`score_dataset` is ``exposure score INPUT_DIR -o OUTPUT_DIR --engine dask``: a
  partitioned Parquet dataset in, one deterministic Parquet file per partition out,
  written atomically (:func:`exposure._outdir.replace_directory`), with a progress bar.
  Texts that do not read as work tasks are counted over the whole dataset and reported
  in one warning on the client, as the stream engine does for a file (each partition
  warned on its own, in its worker, before); so are the notes on coded rows that O*NET
  cannot serve (``... have no task ID``), carried in the outputs the scoring tasks
  return: the input is read once.

Columns whose names start with ``__exposure_`` are the engine's own (hidden columns it adds
and drops): a column of the user's so named is refused. Columns named like Dask's shuffle
columns (``_partitions``) are carried through the regrouping under other names.

Workers must read the same files as the client (the model ships with the package; the
O*NET release comes from ``mirror``/``data_dir``, so those paths must exist on workers).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import numbers
import os
import pickle
import re
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from dask.dataframe.utils import clear_known_categories
from distributed import Client, LocalCluster, as_completed
from tqdm.auto import tqdm

from exposure import scoring as scoring_module
from exposure._args import check_column, check_count, check_flag, check_path, shown
from exposure._io import dangling_link, write_parquet
from exposure._measures import CATEGORIES, EXPOSURE_MEASURES
from exposure._outdir import (
    OutputPathError,
    check_output_dir,
    replace_directory,
)
from exposure._tables import (
    MAX_COUNT,
    UNNAMED_INDEX,
    binary_as_text,
    index_as_columns,
    index_hint,
    norm_task_ids,
    parquet_shape,
    range_index_columns,
    reader_reason,
    stored_index,
    task_id_numbers,
)
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import check_location
from exposure.measures import eloundou
from exposure.onet import OnetRelease
from exposure.releases import check_onet_release
from exposure.rollup._occupations import (
    _PROBAS,
    _TOL,
    _check_rubric,
    _flags,
    _refuse_task_types,
    _refuse_unlabelled,
    check_labels,
    check_probabilities,
    duplicate_task_said,
)
from exposure.rollup._occupations import _refuse_partial_measures as _refuse_partial_rows
from exposure.rollup._soc import _number, _refuse_repeated_column, measure_values, partial_measures
from exposure.schemas._fields import first_bad_onetsoc_code, first_bad_soc_code
from exposure.scoring import (
    SCORE_COLUMNS,
    _check_model_method,
    _check_rows,
    _normalise_method,
    _score_as_batch,
)
from exposure.scoring import categories as categories_module
from exposure.scoring import learned as learned_module
from exposure.scoring._files import (
    BATCH_ROWS,
    _nested_dtype,
    _NoteFilter,
    _score_named,
    _warn_replaced,
    aliased_column,
    append_scores,
    cached_onet,
    first_on,
    occupation_keys,
    onet_aliases,
    row_arg,
    text_column_noted,
)
from exposure.scoring._inputs import (
    BINARY_TYPES,
    argument_given,
    bytes_advice,
    column_key,
    columns_shown,
    missing_column_hint,
    warn_keys_not_read,
)
from exposure.scoring.learned import (
    load_model_at,
    runner_path,
    shipped_model_path,
    titles_share_context,
)

__all__ = ["score", "check", "to_occupations", "to_sectors", "read_dataset", "score_dataset",
           "ScoredDataset", "ROLLUP_MEASURES", "PARTITION_BYTES"]

logger = logging.getLogger(__name__)

#: Columns averaged by :func:`to_occupations` and :func:`to_sectors`.
ROLLUP_MEASURES = (*EXPOSURE_MEASURES, *CATEGORIES)
_ROW = "__exposure_row"
_KEY = "__exposure_occupation"
#: Columns :func:`score_dataset` adds to each row read: its file and its row in that file
#: (from 1), so that an error names them whatever partition the row ends up in.
_SOURCE = "__exposure_file"
_LINE = "__exposure_line"
#: Column :func:`score_dataset` has each partition add to its scored rows: at a row that
#: does not read as a work task, the count of such rows of its batch (0 elsewhere); summed
#: over the dataset for one warning, and not written.
_ODD = "__exposure_odd"
#: Column :func:`score_dataset` has each partition add to its scored rows: at a row named by
#: a note on coded rows that O*NET cannot serve (``... have no task ID (first: row 1, ...)``,
#: :data:`~exposure.scoring._files._NoteFilter.NOTES`), those notes as JSON (empty elsewhere);
#: summed over the dataset into one line per note, and not written.
_NOTES = "__exposure_notes"
#: A hidden name kept for the engine (refused as a column of the user's, as the others).
_INDEX = "__exposure_index"
_HIDDEN = (_ROW, _KEY, _SOURCE, _LINE, _ODD, _NOTES, _INDEX)
#: Prefix of the hidden columns: a column of the user's named so is refused (it was dropped,
#: or overwritten, without a word).
_OWN_PREFIX = "__exposure_"
#: Columns Dask's ``shuffle`` and ``set_index`` add and drop: a column of the user's of such a
#: name is carried through the regrouping of :func:`score` under another name (Dask dropped it).
_DASK_SHUFFLE = ("_partitions", "_partitions_0")
_AWAY = {name: f"{_OWN_PREFIX}dask{name}" for name in _DASK_SHUFFLE}
_BACK = {away: name for name, away in _AWAY.items()}
#: The value Arrow, Spark and pandas write in a partition directory for a missing key
#: (``year=__HIVE_DEFAULT_PARTITION__``).
_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
#: Dask's one category of a categorical column whose categories it does not know (each
#: partition has its own): ``dd.read_parquet`` of a categorical column, ``astype("category")``.
_UNKNOWN_CATEGORIES = "__UNKNOWN_CATEGORIES__"
#: Methods whose scores depend on the other rows of an occupation (the ``learned`` sets'
#: occupation context; ``transformer`` scores O*NET tasks given by id with them): their
#: partitions keep the rows of an occupation together.
_GROUPED = ("learned", "transformer")
#: Uncompressed bytes of the row groups of one file read as one partition (Dask's own
#: ``read_parquet`` block size): a file smaller than this is one partition.
PARTITION_BYTES = 256 * 2**20
_PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
#: Names of compressed files: never a Parquet dataset (its files are compressed already).
_COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst", ".zip")

# ------------------------------------------------------------- per-worker caches
_MODELS: dict = {}
_LABELS: dict = {}


def _model(path: str, digest: str, registry: str | None = None):
    """The ``learned`` model of ``path`` (sha256 ``digest``, pinned in ``registry``), loaded once per process."""
    if digest not in _MODELS:
        _MODELS[digest] = load_model_at(path, registry, call="exposure.dask.score")
        logger.info("loaded model %s (sha256 %s) in this worker", path, digest[:12])
    return _MODELS[digest]


def _labels(method, mirror, data_dir):
    if not method.startswith("reference"):
        return None
    key = (mirror, data_dir)
    if key not in _LABELS:
        _LABELS[key] = eloundou.load_task_labels(mirror=mirror, data_dir=data_dir)
    return _LABELS[key]


def _score_meta(frame: pd.DataFrame, job: dict) -> pd.DataFrame:
    """Empty frame with the columns and dtypes that :func:`score` gives for input like ``frame``.

    Found by scoring one probe row (the input's columns, missing except a short task text)
    on the client, so ``meta`` follows :func:`~exposure.scoring.score_tasks` exactly; every
    partition's output is cast to it.
    """
    probe = frame.iloc[:0].reset_index(drop=True).reindex(range(1))  # IntervalIndex: IndexError
    # the text column under the input's name: O*NET's header ``Task`` is ``task`` (its probe
    # text was left missing, and every frame with O*NET's headers was refused: ``row 1,
    # column 'task': task text must be a non-empty string, got <NA>``)
    aliases = onet_aliases(probe)
    for column in probe.columns:
        if aliases.get(column, column) == job["text_column"]:
            probe[column] = "Answer telephones and relay messages."
    meta = _score_partition(probe, None, job).iloc[:0]
    # the input's columns keep their dtypes; those named like score columns are replaced
    # by the scores (append_scores), whose dtypes are the scorer's: cast to an earlier
    # output's ``int64`` nearest_task_id, a new missing one failed the partition with
    # ``cannot convert NA to integer``, and a text ``alpha`` turned the scores into text
    meta = meta.astype({c: frame.dtypes[c] for c in frame.columns
                        if c in meta.columns and c not in SCORE_COLUMNS})
    meta.index = frame.index[:0]  # the input's index (its dtype and name), kept by score
    return meta


def _batches(renamed: pd.DataFrame, job: dict) -> list[np.ndarray]:
    """Row positions of the batches a partition is scored in: whole occupations, in order.

    A partition of at most :data:`~exposure.scoring._files.BATCH_ROWS` rows is one batch.
    A larger one is cut so that the memory of a worker does not grow with the size of its
    partitions: for ``learned``, into groups of whole occupations (an occupation's rows in
    their order, occupations in the order of their first row) of at least ``BATCH_ROWS``
    rows each; every row then gets the scores of the whole partition (a row's scores
    depend only on its own occupation's rows). Other methods score row by row.
    """
    n = len(renamed)
    if n <= BATCH_ROWS:
        return [np.arange(n)]
    if job["method"] not in _GROUPED:
        return [np.arange(s, min(s + BATCH_ROWS, n)) for s in range(0, n, BATCH_ROWS)]
    keys = occupation_keys(renamed, job["occupation_column"], by_title=job["by_title"])
    codes, _ = pd.factorize(np.asarray([k if k else f"row:{i}" for i, k in enumerate(keys)],
                                       dtype=object))
    order = np.argsort(codes, kind="stable")  # codes number occupations by first row
    starts = np.flatnonzero(np.diff(codes[order], prepend=-1))  # first position of each
    out, start = [], 0
    while start < n:
        at = int(np.searchsorted(starts, start + BATCH_ROWS))
        end = int(starts[at]) if at < len(starts) else n
        out.append(order[start:end])
        start = end
    return out


def _score_partition(part: pd.DataFrame, meta: pd.DataFrame | None, job: dict,
                     partition_info: dict | None = None) -> pd.DataFrame:
    """Score one partition: the input columns, then the score columns (dtypes of ``meta``).

    An error that names a row names the row of the partition, or, for rows read by
    :func:`score_dataset`, the file and the row in that file. The warning on texts that
    do not read as work tasks is held: counted in the column ``_ODD`` (``job["odd"]``,
    :func:`score_dataset`), or logged once for the partition (``job["warn"]``,
    :func:`score`; :func:`_warn_odd_texts_once`). So are the notes on coded rows that
    O*NET cannot serve (``... have no task ID``): carried in the column ``_NOTES``, or
    logged naming the partition and its row (:func:`_warn_notes_once`); each batch's
    ``score_tasks`` logged them with its own count and its row 1, naming no partition.
    ``partition_info`` is Dask's (the partition's number); None for the probe row of the
    meta.

    A partition whose columns are not those of the frame (``job["columns"]``), or whose
    values its meta's dtypes cannot hold (``2.5`` in a column of ``int64``), is refused,
    naming the partition (rows regrouped by occupation: the row of the whole frame);
    other dtypes are cast to the meta's (a partition's own categories are kept where the
    meta's are unknown).
    """
    _check_frame(part, None if partition_info is None else f"ddf.partitions[{partition_info['number']}]")
    where = _where(part, partition_info)
    regrouped = _ROW in part.columns
    if regrouped:  # columns carried through Dask's shuffle under other names (_with_keys)
        part = part.rename(columns=_BACK)
    if meta is not None:
        part = _check_columns(part, job["columns"], where)
    frame = part.drop(columns=[c for c in _HIDDEN if c in part.columns])
    renamed = _scored_frame(frame)
    model = _model(job["model"], job["digest"], job["registry"]) if job["method"] in _GROUPED else None
    batches = _batches(renamed, job)
    odd = np.zeros(len(renamed), dtype=np.int64) if job.get("odd") or job.get("warn") else None
    notes = [] if odd is not None else None
    try:
        if len(batches) > 1:  # the checks that name rows, on the whole partition first
            _check_rows(renamed, job["text_column"], job["occupation_column"])
        pieces = [_score_batch(renamed, rows, job, model, odd, notes) for rows in batches]
    except DataFormatError as exc:
        raise _located(exc, part, where) from None
    scores = pieces[0] if len(pieces) == 1 else pd.concat(pieces).sort_index(kind="stable")
    out = append_scores(frame, scores)
    out.index = part.index
    if meta is not None:  # the input columns as the meta has them, losslessly
        try:
            out = _conform(out, {c: meta.dtypes[c] for c in out.columns
                                 if c in meta.columns and c not in SCORE_COLUMNS}, "ddf's meta")
        except DataFormatError as exc:
            raise _located(exc, part, where) from None
    if odd is not None and job.get("odd"):
        out[_ODD] = odd
        out[_NOTES] = _notes_column(notes, len(out))
    elif odd is not None and partition_info is not None:
        _warn_odd_texts_once(part, renamed[job["text_column"]], odd, job, partition_info["number"])
        _warn_notes_once(part, notes, job, partition_info["number"])
    if regrouped:
        out[_ROW] = part[_ROW].to_numpy()
    out = out if meta is None else out.astype({c: meta.dtypes[c] for c in SCORE_COLUMNS})
    return out.rename(columns=_AWAY) if regrouped else out


def _scored_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """What a partition's rows are scored as: O*NET's headers renamed, a fresh index, decimals as Python objects.

    A column of decimals read by :func:`read_dataset` (``decimal128(10, 0)``, the
    ``task_id`` of a table from a SQL database, Spark's ``DecimalType``) is an Arrow column
    (:func:`_dataset_dtype`), which the ``learned`` scorer could not read with a missing
    cell (pandas' ``ValueError: Length of values (0) does not match length of index (1)``
    on the probe row of the meta, so on every such dataset with ``onet``). The scorer is
    given the :class:`decimal.Decimal` values the stream engine gives it for the same file
    (``exposure score FILE``); the output keeps the column's type.
    """
    renamed = frame.rename(columns=onet_aliases(frame)).reset_index(drop=True)
    decimals = [c for c, t in renamed.dtypes.items()
                if isinstance(t, pd.ArrowDtype) and pa.types.is_decimal(t.pyarrow_dtype)]
    if not decimals:
        return renamed
    return renamed.assign(**{c: renamed[c].astype(object).where(renamed[c].notna(), None) for c in decimals})


def _where(part: pd.DataFrame, partition_info: dict | None) -> str | None:
    """How an error names the rows of ``part``: ``ddf.partitions[k]``, or ``ddf`` (regrouped rows)."""
    if _ROW in part.columns:  # rows of whole occupations, named by their row in the frame
        return "ddf"
    return None if partition_info is None else f"ddf.partitions[{partition_info['number']}]"


def _check_frame(part, where: str | None, name: str = "ddf") -> None:
    """Refuse a partition ``where`` that is no pandas DataFrame (a task of ``dd.from_delayed`` that returned None).

    Dask does not look at what the task of a partition returns: a function that returned
    None, a Series or a dict raised ``AttributeError: 'Series' object has no attribute
    'columns'`` (``TypeError: 'NoneType' object is not subscriptable``), naming no partition.
    ``name`` is the frame's name in the message (``scored``: :func:`check`, the roll-ups).

    Examples
    --------
    >>> _check_frame(pd.Series(["Weld."]), "ddf.partitions[1]")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: ddf.partitions[1]: is a Series, not a pandas DataFrame: every partition must be a frame of ddf's columns (its meta, ddf.columns)
    """
    if not isinstance(part, pd.DataFrame):
        kind = "None" if part is None else f"a {type(part).__name__}"
        raise DataFormatError(f"is {kind}, not a pandas DataFrame: every partition must be a frame of "
                              f"{name}'s columns (its meta, {name}.columns)", path=where)


def _frame_partition(part, name: str, partition_info: dict | None = None):
    """``part``, refused by :func:`_check_frame` (as ``name.partitions[k]``) when it is no pandas DataFrame."""
    _check_frame(part, None if partition_info is None else f"{name}.partitions[{partition_info['number']}]", name)
    return part


def _check_columns(part: pd.DataFrame, columns: list, where: str | None) -> pd.DataFrame:
    """``part`` with the columns ``columns`` (the frame's) in their order; refuse other columns.

    Dask takes a frame's columns from its meta and does not check the partitions (a
    ``from_delayed(..., verify_meta=False)``, files of other columns): a partition without a
    column raised a ``KeyError`` on dtype mappings, one with another column Dask's
    ``ValueError``, naming no partition. A partition of the same columns in another order
    is put in the frame's order (matched by name, as :func:`read_dataset` matches files;
    it was refused), unless a name is given twice. Hidden columns are kept, last.
    """
    _check_frame(part, where)
    have = [c for c in part.columns if c not in _HIDDEN]
    if have == list(columns):
        return part
    if not _same_names(have, columns):
        raise DataFormatError(f"its columns {have} are not ddf's {list(columns)} (its meta, "
                              "ddf.columns): every partition must have the frame's columns (in "
                              "any order)", path=where or "ddf")
    return part[list(columns) + [c for c in part.columns if c in _HIDDEN]]


def _conform(frame: pd.DataFrame, dtypes: dict, what: str) -> pd.DataFrame:
    """``frame`` with its columns named in ``dtypes`` of those dtypes, no value lost or changed.

    A categorical dtype whose categories Dask does not know keeps each partition's own
    categories (cast to it, every value was missing); one with known categories must hold
    every value. Other dtypes must hold every value as it is: ``2.5`` is not cast to the
    ``2`` of an ``int64`` column, nor a missing value to an integer (any value becomes
    text in a column of text).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the first row (counted from 1) and the column of a value ``what`` (the
        meta whose dtypes these are) cannot hold.
    """
    changed = {}
    for col, dtype in dtypes.items():
        values = frame[col]
        if values.dtype == dtype:
            continue
        if isinstance(dtype, pd.CategoricalDtype):
            if list(dtype.categories) == [_UNKNOWN_CATEGORIES]:
                if not isinstance(values.dtype, pd.CategoricalDtype):
                    changed[col] = values.astype("category")
                continue
            outside = (values.notna() & ~values.isin(dtype.categories)).to_numpy(dtype=bool)
            if outside.any():
                pos = int(np.flatnonzero(outside)[0])
                raise DataFormatError(f"{_plain(values.iloc[pos])!r} is not one of the categories of the "
                                      f"column in {what} ({list(dtype.categories)[:10]}): declare them "
                                      "all, or make them unknown (ddf[column].cat.as_unknown())",
                                      row=pos + 1, column=col)
            changed[col] = values.astype(dtype)
            continue
        cast, bad = _lossless(values, dtype)
        if bad is not None:
            if not bad.any():  # the cast itself failed: find the first value it fails on
                bad = np.array([_lossless(values.iloc[i:i + 1], dtype)[1] is not None
                                for i in range(len(values))])
            pos = int(np.flatnonzero(bad)[0])
            raise DataFormatError(f"{_plain(values.iloc[pos])!r} cannot be held as {dtype}, the "
                                  f"column's dtype in {what}", row=pos + 1, column=col)
        changed[col] = cast
    if not changed:
        return frame
    frame = frame.copy(deep=False)
    for col, values in changed.items():
        frame[col] = values
    return frame


def _lossless(values: pd.Series, dtype) -> tuple[pd.Series | None, np.ndarray | None]:
    """``values`` cast to ``dtype`` and None; or None and the rows it changes (all False: it failed).

    The cast must give back every value when cast back (``2.5`` to ``int64`` and back is
    ``2``), and an integer its sign (``2**63`` cast to ``int64`` is ``-2**63``, and ``2**63``
    again when cast back to ``uint64``); a value of text that reads as the number it became
    (``"3"`` and 3) is kept. Anything cast to text or to Python objects is kept.
    """
    try:
        cast = values.astype(dtype)
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        return None, np.zeros(len(values), dtype=bool)
    if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return cast, None
    try:
        back = cast.astype(values.dtype)
        with np.errstate(invalid="ignore"):
            same = (back == values).to_numpy(dtype=bool, na_value=False) \
                | (back.isna() & values.isna()).to_numpy(dtype=bool)
    except (TypeError, ValueError, OverflowError, ArithmeticError):
        same = np.zeros(len(values), dtype=bool)
    if pd.api.types.is_integer_dtype(values.dtype) and pd.api.types.is_integer_dtype(dtype):
        # between int64 and uint64 a value wraps around and back: 2**63 is -2**63 as int64
        # (and -1 is 2**64 - 1 as uint64), and 2**63 again when cast back
        same = same & ((cast < 0) == (values < 0)).to_numpy(dtype=bool, na_value=True)
    if not same.all():  # "3" cast to 3 and back (to objects) is 3: compared as text
        again = np.array([str(_plain(a)).strip() == str(_plain(b)) for a, b in
                          zip(values.to_numpy(dtype=object), cast.to_numpy(dtype=object), strict=True)])
        same = same | (again & ~values.isna().to_numpy(dtype=bool))
    return (cast, None) if same.all() else (None, ~same)


def _plain(value):
    """``value`` as a plain Python value for a message (``2.5``, not ``np.float64(2.5)``)."""
    return value.item() if isinstance(value, np.generic) else value


class _OddTexts(logging.Filter):
    """Hold back, and keep, this thread's warnings on texts that do not read as work tasks.

    A context manager around one ``score_tasks`` call: :attr:`found` gets the arguments
    ``(prefix, count, rows, row, text)`` of each such warning
    (:data:`~exposure.scoring.learned.ODD_TEXTS_MESSAGE`), which is not logged; :attr:`cut`
    those of each warning that the transformer cut texts
    (:data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`: ``(prefix, count, rows, tokens,
    tokens read, row, text)``). Records of other threads (a worker's other partitions)
    pass, to their own filter.
    """

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()
        self.found: list[tuple] = []
        self.cut: list[tuple] = []
        self.logger = logging.getLogger(learned_module.__name__)

    def __enter__(self) -> _OddTexts:
        self.logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        if threading.get_ident() != self.thread:
            return True
        if record.msg is learned_module.CUT_TEXTS_MESSAGE:  # once per batch, naming its row
            self.cut.append(record.args)
            return False
        if record.msg is not learned_module.ODD_TEXTS_MESSAGE:
            return True
        self.found.append(record.args)
        return False


#: Calls of :func:`score` (their ``job["warn"]`` token) whose warning on texts that do not
#: read as work tasks this process has logged, and ``(token, format)`` of the notes on coded
#: rows it has logged (:func:`_warn_notes_once`); the other partitions' are logged at INFO.
_WARNED: set = set()
_WARNED_LOCK = threading.Lock()
#: Added to the first such warning of a call of :func:`score` (in this process).
_WARNED_ONCE = (" (warned for the first partition found with such texts; the others are logged at "
                "level INFO)")


def _warn_odd_texts_once(part: pd.DataFrame, texts: pd.Series, odd: np.ndarray, job: dict,
                         number: int) -> None:
    """Log the warning on the texts of a partition that do not read as work tasks, once per call.

    ``odd`` holds, at a row named by a warning of :func:`~exposure.scoring.score_tasks`,
    that warning's count (:class:`_OddTexts`). The message is the stream engine's
    (:data:`~exposure.scoring.learned.ODD_TEXTS_MESSAGE`), naming the partition
    (``ddf.partitions[1]: 2 of 4 texts ... e.g. row 2``, the row counted from 1 in the
    partition) or, for rows regrouped by occupation, the rows scored together and the row
    of the whole frame (counted from 1 through its partitions). The first partition of a
    call of :func:`score` to find such texts in this process warns; the others log at
    INFO (every partition warned before: N copies of one line naming "row 2").
    """
    count = int(odd.sum())
    if not count:
        return
    first = int(np.flatnonzero(odd)[0])
    where, row = _place(part, first, number)
    with _WARNED_LOCK:
        fresh = job["warn"] not in _WARNED
        _WARNED.add(job["warn"])
    log = logging.getLogger(learned_module.__name__)
    args = (f"{where}: ", count, len(odd), row, "", str(texts.iloc[first])[:60])
    if fresh:
        log.warning(learned_module.ODD_TEXTS_MESSAGE + _WARNED_ONCE, *args)
    else:
        log.info(learned_module.ODD_TEXTS_MESSAGE, *args)


class _HeldNotes(_NoteFilter):
    """Hold back, and keep, this thread's notes on coded rows that O*NET cannot serve.

    The notes the stream engine sums over a file's batches
    (:data:`~exposure.scoring._files._NoteFilter.NOTES`): :attr:`found` gets ``(format,
    args)`` of each, which is not logged. Records of other threads pass, to their own filter.
    """

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()
        self.found: list[tuple] = []

    def takes(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is a note of this thread."""
        return threading.get_ident() == self.thread and super().takes(record)

    def hold(self, msg: str, args: tuple) -> None:
        """Keep the note, for the partition's output."""
        self.found.append((msg, args))


#: The warnings of :mod:`exposure.scoring` on rows whose task ID names another task than
#: their text, and ``rubric``'s on rows scored by its prior alone, held as the notes are
#: (:class:`_HeldOtherIds`).
_OTHER_IDS = (scoring_module.OTHER_IDS_MESSAGE, scoring_module.OTHER_LABELS_MESSAGE,
              scoring_module.RUBRIC_PRIORS_MESSAGE)


class _HeldOtherIds(_HeldNotes):
    """Hold back, and keep, this thread's warnings on task IDs of other tasks.

    :data:`~exposure.scoring.OTHER_IDS_MESSAGE`, ``reference``'s
    :data:`~exposure.scoring.OTHER_LABELS_MESSAGE` and ``rubric``'s
    :data:`~exposure.scoring.RUBRIC_PRIORS_MESSAGE`, on the ``exposure.scoring`` logger:
    each partition's batches warned with their own count and their own row, naming no
    partition (the row of a shuffled partition after the regrouping); now held and said
    as the notes on coded rows that O*NET cannot serve (:func:`_warn_notes_once`,
    :func:`_warn_notes`).
    """

    def __init__(self):
        super().__init__()
        self.logger = logging.getLogger(scoring_module.__name__)

    def takes(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is one of these warnings of this thread, with its count second."""
        return (threading.get_ident() == self.thread and record.msg in _OTHER_IDS
                and isinstance(record.args, tuple) and len(record.args) >= 2
                and isinstance(record.args[1], int))


def _merge_notes(notes: list) -> dict:
    """``{format: (args of the first row named, index of the row in args, its row from 0, count)}``.

    The notes of a partition's batches (:func:`_score_batch`) summed: the count over the
    batches, the args and row of the earliest row named.
    """
    merged: dict = {}
    for msg, args, at, pos in notes:
        count = int(args[1])
        if msg not in merged:
            merged[msg] = (args, at, pos, count)
            continue
        first, _, where, total = merged[msg]
        merged[msg] = (args, at, pos, total + count) if pos < where else (first, at, where, total + count)
    return merged


def _notes_column(notes: list, n: int) -> pd.arrays.StringArray:
    """The column ``_NOTES`` of a partition of ``n`` rows: at each row a note names, its notes as JSON."""
    cells: list = [None] * n
    by_row: dict = {}
    for msg, (args, at, pos, count) in _merge_notes(notes or []).items():
        by_row.setdefault(min(pos, n - 1), []).append([msg, [args[0], count, *args[2:]], at])
    for pos, held in by_row.items():
        cells[pos] = json.dumps(held)
    return pd.array(cells, dtype="string")


def _place(part: pd.DataFrame, pos: int, number: int) -> tuple[str, int]:
    """How a warning names row ``pos`` (from 0) of the partition ``number``: ``(where, row)``.

    Rows read by :func:`read_dataset` (not regrouped) are named by their file and their
    row in it, as errors name them; rows regrouped by occupation by their row in the whole
    frame; others by the partition and their row in it (counted from 1).
    """
    if _ROW in part.columns:  # regrouped: the rows of whole occupations, from several partitions
        return "ddf (rows regrouped by occupation)", int(part[_ROW].iloc[pos]) + 1
    if _SOURCE in part.columns and pos < len(part) and not pd.isna(part[_SOURCE].iloc[pos]):
        return str(part[_SOURCE].iloc[pos]), int(part[_LINE].iloc[pos])
    return f"ddf.partitions[{number}]", pos + 1


#: Added to the first of each note of a call of :func:`score` (in this process).
_NOTED_ONCE = (" (warned for the first partition found with such rows; the others are logged at "
               "level INFO)")


def _warn_notes_once(part: pd.DataFrame, notes: list, job: dict, number: int) -> None:
    """Log the notes of a partition on coded rows that O*NET cannot serve, each once per call.

    Each note (``2 row(s) with an O*NET-SOC code have no task ID (first: row 1, ...)``) is
    logged with the partition's count, naming the partition and its row, or the file and
    row of rows read by :func:`read_dataset` (:func:`_place`): ``ddf.partitions[1]: 2
    row(s) ... (first: row 2, ...)``. The first partition of a call of :func:`score` to
    find a note warns; the others log it at INFO. Each batch's ``score_tasks`` warned
    before, with its own count and its own row 1, naming no partition.
    """
    for msg, (args, at, pos, count) in _merge_notes(notes).items():
        where, row = _place(part, pos, number)
        said = [f"{where}: ", count, *args[2:]]
        if at is not None:
            said[at] = row
        msg, log, once = _note_said(msg, said, len(part))
        with _WARNED_LOCK:
            fresh = (job["warn"], msg) not in _WARNED
            _WARNED.add((job["warn"], msg))
        if fresh:
            log.warning(msg + once, *said)
        else:
            log.info(msg, *said)


def _note_said(msg: str, said: list, rows: int) -> tuple[str, logging.Logger, str]:
    """How a held note ``msg`` is said: its format, its logger, and the words added to its first.

    The notes on coded rows that O*NET cannot serve go to the ``exposure.scoring.categories``
    logger, as ``score_tasks`` logs them. The transformer's warning that it cut texts
    (:data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`) goes to the
    ``exposure.scoring.learned`` logger, its format the very string (a filter on it, as
    the stream engine's, matches it by identity), and its count of texts (``said[2]``,
    a batch's) set to ``rows``, the rows the count is over.
    """
    if msg == learned_module.CUT_TEXTS_MESSAGE:
        said[2] = rows
        return learned_module.CUT_TEXTS_MESSAGE, logging.getLogger(learned_module.__name__), _WARNED_ONCE
    for other in _OTHER_IDS:  # the very string, as the stream engine's filter matches it
        if msg == other:
            return other, logging.getLogger(scoring_module.__name__), _NOTED_ONCE
    return msg, logging.getLogger(categories_module.__name__), _NOTED_ONCE


def _score_batch(renamed: pd.DataFrame, rows: np.ndarray, job: dict, model,
                 odd: np.ndarray | None = None, notes: list | None = None) -> pd.DataFrame:
    """Scores of the rows ``rows`` of a partition; an error names the row of the partition.

    With ``odd`` (a count per row of the partition), the warning on texts that do not read
    as work tasks is not logged: its count is added to ``odd`` at the row it names. With
    ``notes``, neither are the notes on coded rows that O*NET cannot serve: each is added
    to ``notes`` as ``(format, args, index of the row in args or None, row of the
    partition it names from 0)`` (:class:`_HeldNotes`); so is the transformer's warning
    that it cut texts (:data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`), which each
    batch logged with its own count and row (on Dask, once per partition).
    """
    try:
        with (_OddTexts() if odd is not None else contextlib.nullcontext()) as held, \
                (_HeldNotes() if notes is not None else contextlib.nullcontext()) as said, \
                (_HeldOtherIds() if notes is not None else contextlib.nullcontext()) as other:
            scores = _score_as_batch(renamed.iloc[rows], job["method"], text_column=job["text_column"],
                                 occupation_column=job["occupation_column"],
                                 onet=cached_onet(job["onet"], job["mirror"], job["data_dir"]),
                                 labels=_labels(job["method"], job["mirror"], job["data_dir"]),
                                 reference_source=job["reference_source"], model=model)
        for _, count, _, row, *_ in held.found if odd is not None else ():
            odd[rows[row - 1]] += count  # ``row`` counts the rows of the batch from 1
        for args in held.cut if odd is not None else ():  # as a note: summed, said once
            said.found.append((learned_module.CUT_TEXTS_MESSAGE, args))
        if notes is not None:
            said.found += other.found
        for msg, args in said.found if notes is not None else ():
            at = row_arg(msg)
            pos = int(rows[args[at] - 1]) if at is not None else int(rows[0]) if len(rows) else 0
            notes.append((msg, [_plain(a) for a in args], at, pos))
        return scores[list(SCORE_COLUMNS)]
    except DataFormatError as exc:
        if exc.row is None or len(rows) == len(renamed) and (np.diff(rows) == 1).all():
            raise
        raise DataFormatError(exc.reason, path=exc.path, row=int(rows[exc.row - 1]) + 1,
                              column=exc.column) from None


def _located(exc: DataFormatError, part: pd.DataFrame, where: str | None = None) -> DataFormatError:
    """``exc`` (a row of ``part`` counted from 1) naming the file and row it was read from.

    Rows not read from files are named by ``where`` (:func:`_where`): ``ddf.partitions[k]``
    and the row in that partition, or, for rows regrouped by occupation, ``ddf`` and the
    row of the whole frame (counted from 1 through its partitions, as
    :func:`~exposure.scoring.score_tasks` counts the rows of the frame computed). Before,
    the row of the partition was named alone (after the regrouping: its place in a
    shuffled partition). The first row of a repeated task key (``..., first on row 2``)
    is named so too: the row of the whole frame, or the row of its file (``first on row
    1 of DIR/a.parquet`` when it is another file); it was the row of the partition, or of
    the regrouped rows (``b.parquet, row 2, ...: duplicate task key (...), first on row
    1`` for a key first on row 1 of ``a.parquet``).
    """
    if _SOURCE not in part.columns or not len(part):
        if where is None or exc.path is not None:
            return exc
        row, reason = exc.row, exc.reason
        if row is not None and _ROW in part.columns:
            row = int(part[_ROW].iloc[row - 1]) + 1
            reason = first_on(reason, lambda n: f"row {int(part[_ROW].iloc[n - 1]) + 1}"
                               if 0 < n <= len(part) else None)
        return type(exc)(reason, path=where, row=row, column=exc.column)
    if exc.row is None:  # the probe row of the meta has no file (NaN): named "nan" before
        files = part[_SOURCE].dropna().unique()
        return DataFormatError(exc.reason, path=files[0], column=exc.column) if len(files) == 1 else exc
    at = exc.row - 1
    if pd.isna(part[_SOURCE].iloc[at]):
        return exc
    path = part[_SOURCE].iloc[at]

    def first(n):  # the row of the key's first use, in its file
        if not 0 < n <= len(part) or pd.isna(part[_SOURCE].iloc[n - 1]):
            return None
        other = part[_SOURCE].iloc[n - 1]
        return f"row {int(part[_LINE].iloc[n - 1])}" + ("" if other == path else f" of {other}")

    return DataFormatError(first_on(exc.reason, first), path=path, row=int(part[_LINE].iloc[at]),
                           column=exc.column)


def _dataset_dtype(arrow_type: pa.DataType):
    """``types_mapper`` of the Parquet reads of a dataset: as the stream engine's, and dates, times and decimals kept.

    As :func:`~exposure.scoring._files._nested_dtype` (integers and booleans as pandas'
    nullable types); a column of dates (``date32``, as Spark writes a ``DateType``), of
    times of day or of decimals is an Arrow column of its type. Read as pandas reads
    them, Python objects, Dask turned them into text (its ``dataframe.convert-string``
    option): ``score_dataset`` wrote ``'2024-01-02'`` and ``'1.50'`` as strings, where
    the stream engine writes the dates and decimals.

    Examples
    --------
    >>> _dataset_dtype(pa.date32()), _dataset_dtype(pa.int64()), _dataset_dtype(pa.string())
    (date32[day][pyarrow], Int64Dtype(), None)
    """
    if pa.types.is_date(arrow_type) or pa.types.is_time(arrow_type) or pa.types.is_decimal(arrow_type):
        return pd.ArrowDtype(arrow_type)
    return _nested_dtype(arrow_type)


def _dataset_pieces(src: Path) -> tuple[list[tuple], pd.DataFrame, dict[str, str]]:
    """Row-group pieces ``(file, row groups, first row, hive keys, fill)`` of a Parquet dataset, its meta, its mixed types.

    The files are ``src`` itself or those under it (``.parquet``, ``.pq``, ``.parq``, in
    name order; names starting with ``.`` or ``_`` are skipped, as Dask and Spark skip
    them; symbolic links to directories are followed: :func:`_tree_files`). Consecutive
    row groups of a file make one piece up to :data:`PARTITION_BYTES`.
    Every file must have the columns of the first (in any order: matched by name, read in
    the first file's order; they were refused), and lie in the same ``key=value``
    partition directories (which become categorical columns, of integers when every value
    of the key is one, as ``read_parquet`` infers them, else of text; text too when two
    directories are one integer, ``year=2024`` and ``year=02024``). An index pandas
    stored that holds data is a column, as in the other readers
    (:func:`~exposure._tables.index_as_columns`), whether pandas stored it as a column
    or as a range of its metadata (a ``RangeIndex``: ``set_index("task_id")`` of ids 3,
    4, 5); the files' columns as read are matched (:func:`_check_same_columns`). The row
    labels that slices keep as an unnamed ``RangeIndex`` (``frame.iloc[a:b].to_parquet(...)``),
    or that a filtered frame stores as a column (``frame[mask].to_parquet(...)``), are a
    column ``__index_level_0__`` of every file when one file has them (``fill``: a file
    without them gets its own row numbers from 0), of a type that holds them all.

    A column's type in the meta is the one Arrow gives the column's types in the files
    (:func:`_common_type`: integers in one file and floats in another are floats; the
    floats were truncated to the first file's integers; ``int64`` and ``uint64`` are
    ``int64``, which a value of ``2**63`` or more does not fit: :func:`_read_piece`
    refuses it, naming the file's types, which the third item gives, per column of more
    than one type: ``{"n": "int64, the type Arrow gives its files' types int64 and
    uint64"}``), read as the stream engine reads
    it (:func:`_dataset_dtype`: integers and booleans as pandas' nullable ``Int64`` and
    ``boolean``; as numpy's ``int64`` and ``bool``, a missing cell was refused: ``nan
    cannot be held as int64``; dates, times and decimals as Arrow columns of their type,
    which Dask made text), and a categorical column's
    categories are unknown to Dask, as ``read_parquet`` makes them (each partition keeps
    its own; cast to the first file's empty list of categories, every value was missing).
    """
    if src.is_dir():
        _check_tree(src)
        found = _tree_files(src)
        files = [f for f in found if f.suffix.lower() in _PARQUET_SUFFIXES]
        if not files:
            raise DataFormatError("no Parquet files (.parquet, .pq, .parq) in the directory" + _others_said(src, found),
                                  path=src)
    else:
        files = [src]
    pieces, first, names, schema, keys = [], None, None, None, None
    types: dict = {}  # per column, a type that holds the values of every file so far
    kinds: dict = {}  # per column, its types in the files (an ordered set)
    ranges: dict[str, list[str]] = {}  # per file, the RangeIndex column index_as_columns adds
    fielded_in: dict[str, list[str]] = {}  # per file, its stored columns (binary as text)
    fielded: set = set()  # the columns stored in some file (not only as a RangeIndex)
    first_schema = None  # the first file's, as stored
    for f in files:
        # hive partitions (``year=2024/part.parquet``) become columns, as read_parquet makes them
        hive = tuple(tuple(part.split("=", 1)) for part in (f.relative_to(src).parent.parts if src.is_dir() else ())
                     if "=" in part)
        if keys is None:
            keys = [k for k, _ in hive]
        elif [k for k, _ in hive] != keys:
            raise DataFormatError(f"its partition directories {[k for k, _ in hive]} are not those of "
                                  f"{first.name} {keys}", path=f)
        try:
            with _parquet_source(f) as source:  # the metadata is read here
                pf = pq.ParquetFile(source)
            if first is None:
                first, names, schema = f, pf.schema_arrow.names, pf.schema_arrow
                index_as_columns(schema.empty_table().to_pandas(types_mapper=_dataset_dtype), schema,
                                 rows=0, path=f)
        except DataFormatError:
            raise
        except Exception as exc:  # pyarrow raises several types for a bad file
            raise DataFormatError(_parquet_error(f, exc), path=f) from None
        # a RangeIndex holding data is a column of the rows read (index_as_columns), as a
        # stored index level is: pandas stores ids 3, 4 (set_index of a progression) as a
        # range of its metadata and ids 7, 9, 10 as a column, and the files were refused
        ranges[str(f)] = [n for n, _ in range_index_columns(pf.schema_arrow, pf.metadata.num_rows)]
        if f == first:
            first_schema = pf.schema_arrow
            names = _read_names(first_schema, ranges[str(f)])
        _check_same_columns(pf.schema_arrow, ranges[str(f)], f, first_schema, ranges[str(first)], first)
        if f == first:  # the hidden columns (file, row) would overwrite a column of that name
            _check_own_names(pd.DataFrame(columns=pf.schema_arrow.names), path=f)
        for key, value in hive:  # the directory's value overwrote the file's column
            if key in names:
                raise DataFormatError(f"the partition directory key {key!r} ({key}={value}) is also a "
                                      "column of the file, and the directory's value would replace "
                                      "the file's: rename the directory or the column", path=f, column=key)
        read = binary_as_text(pf.schema_arrow.empty_table()).schema  # binary columns as text
        _check_carried(read, f)
        if f == first:
            schema = read
        fielded_in[str(f)] = read.names
        fielded.update(read.names)
        for field in read:
            known = types.setdefault(field.name, field.type)
            kinds.setdefault(field.name, {})[str(field.type)] = None
            if field.type != known:
                types[field.name] = _common_type(known, field.type, field.name, f, first)
        for name in ranges[str(f)]:  # the row numbers of a range, beside a column of that name
            known = types.setdefault(name, pa.int64())
            if known != pa.int64():
                types[name] = _common_type(known, pa.int64(), name, f, first)
        start, groups, size, rows = 0, [], 0, 0
        for g in range(pf.metadata.num_row_groups):
            group = pf.metadata.row_group(g)
            if groups and size + group.total_byte_size > PARTITION_BYTES:
                pieces.append((str(f), tuple(groups), start, hive))
                start, groups, size, rows = start + rows, [], 0, 0
            groups.append(g)
            size += group.total_byte_size
            rows += group.num_rows
        if groups:
            pieces.append((str(f), tuple(groups), start, hive))
    # the types that hold every file's values, with the first file's pandas metadata
    schema = pa.schema([field.with_type(types[field.name]) for field in schema], metadata=schema.metadata)
    meta = index_as_columns(schema.empty_table().to_pandas(types_mapper=_dataset_dtype), schema,
                            rows=0, path=first)
    categorical = [c for c in meta.columns if isinstance(meta[c].dtype, pd.CategoricalDtype)]
    meta = clear_known_categories(meta, cols=categorical)  # each file has its own
    # the row numbers a slice kept as its unnamed RangeIndex (frame.iloc[a:b].to_parquet),
    # or a filtered frame's row labels, which pandas stores as a column of that name
    # (frame[mask].to_parquet), are a column of every file when one file has them (the
    # others' from 0): the files keep one set of columns; an index stored as a range in one
    # file and as a column in another is of the type that holds both
    unnamed = any(UNNAMED_INDEX in names_ for names_ in ranges.values()) or UNNAMED_INDEX in fielded
    for name in [n for n in ranges[str(first)] if n != UNNAMED_INDEX] + (
            [UNNAMED_INDEX] if unnamed and UNNAMED_INDEX not in schema.names else []):
        meta[name] = (pa.schema([pa.field(name, types[name])]).empty_table().to_pandas(
            types_mapper=_dataset_dtype)[name] if name in fielded else pd.Series(dtype=np.int64))
    pieces = [(f, g, start, hive, unnamed and UNNAMED_INDEX not in ranges[f] + fielded_in[f])
              for f, g, start, hive in pieces]
    typed = {}
    for j, key in enumerate(keys):  # every value of the key, or the scored output loses them
        values = {_hive_value(piece[3][j][1]) for piece in pieces} - {None}
        # year=2024: 2024; but text when two directories are one integer (year=2024 and
        # year=02024: "Categorical categories must be unique", a bare ValueError), which keeps
        # them apart as written
        integers = all(re.fullmatch(r"-?[0-9]+", v) for v in values) \
            and len({int(v) for v in values}) == len(values)
        typed[key] = int if integers else str
        meta[key] = pd.Categorical([], categories=sorted(typed[key](v) for v in values))

    def cast(key, text):
        value = _hive_value(text)
        return None if value is None else typed[key](value)

    pieces = [(f, g, start, tuple((k, cast(k, v)) for k, v in hive), fill)
              for f, g, start, hive, fill in pieces]
    meta[_SOURCE] = pd.Categorical([], categories=[_UNKNOWN_CATEGORIES])  # each piece its file
    meta[_LINE] = pd.Series(dtype=np.int64)
    mixed = {c: f"{types[c]}, the type Arrow gives its files' types {' and '.join(k)}"
             for c, k in kinds.items() if len(k) > 1}
    return pieces, meta, mixed


def _others_said(src: Path, found: list[Path]) -> str:
    """What a dataset directory ``src`` without Parquet files holds instead (``found``, its files), else ``""``.

    A directory of CSV files (``part-0.csv``, with a BOM or another delimiter) or of
    Parquet files without the suffix (Hive's ``000000_0``) was told ``no Parquet files
    (.parquet, .pq, .parq) in the directory`` and no more: its files are named, with the
    advice the reader gives a single such file (:func:`_check_src`).

    Examples
    --------
    >>> _others_said(Path("in"), [Path("in/a.csv"), Path("in/b.csv")])
    ', only 2 other file(s) (a.csv, b.csv): --engine dask reads Parquet files named so; use --engine stream for other files'
    """
    if not found:
        return ""
    names = [str(f.relative_to(src)) for f in found]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (f", only {len(names)} other file(s) ({shown}): --engine dask reads Parquet files named so; "
            "use --engine stream for other files")


def _read_names(schema: pa.Schema, ranges: list[str]) -> list[str]:
    """The columns of a file's rows as read (:func:`~exposure._tables.index_as_columns`): stored, then its ranges.

    ``ranges`` are the names of the file's ``RangeIndex`` that hold data
    (:func:`~exposure._tables.range_index_columns`).
    """
    return [*schema.names, *(n for n in ranges if n not in schema.names)]


def _index_names(schema: pa.Schema, ranges: list[str]) -> list[str]:
    """The names of the index levels pandas stored in a file (as columns or as ranges), the unnamed aside."""
    return [n for n in [*(c for c in stored_index(schema) if isinstance(c, str)), *ranges]
            if n != UNNAMED_INDEX]


def _check_same_columns(schema: pa.Schema, ranges: list[str], path, first_schema: pa.Schema,
                        first_ranges: list[str], first) -> None:
    """Refuse a file of a dataset whose columns, as read, are not those of the first file ``first``.

    The columns as read (:func:`_read_names`): an index pandas stored holds data and is a
    column, whether stored as a column (a named index, or one that is no ``RangeIndex``)
    or as a range of the metadata (``set_index("task_id")`` of ids 3, 4, 5, which pandas
    makes a ``RangeIndex``). Matched by name, in any order (:func:`_same_names`); the
    unnamed index (``__index_level_0__``: a slice's or a filtered frame's row labels) may
    be missing from a file, which gets its row numbers (:func:`_dataset_pieces`). Before,
    the stored columns were compared: two files written alike (``frame.set_index
    ("task_id").to_parquet(...)``) were refused when one file's ids were a progression
    (``its columns ['task', 'task_id'] are not those of a.parquet ['task']``), and so
    were a slice and a filtered frame (``frame.iloc[2:4]``, ``frame[frame.x == 1]``).
    """
    have = _read_names(schema, ranges)
    want = _read_names(first_schema, first_ranges)
    if _same_names([n for n in have if n != UNNAMED_INDEX], [n for n in want if n != UNNAMED_INDEX]):
        return
    index, first_index = _index_names(schema, ranges), _index_names(first_schema, first_ranges)
    aside = {*index, *first_index, UNNAMED_INDEX}  # the other columns agree: the index is what differs
    if _same_names([n for n in have if n not in aside], [n for n in want if n not in aside]):
        raise DataFormatError(f"its stored index {index or '(none)'} is not that of {first.name} "
                              f"{first_index or '(none)'}", path=path)
    raise DataFormatError(f"its columns {have} are not those of {first.name} {want}", path=path)


def _parquet_error(path, exc: BaseException) -> str:
    """Why pyarrow could not read the Parquet file ``path`` (``exc``), in the words of the library's other readers.

    As :func:`exposure._tables.read_parquet_file` says it: an empty file, a file cut short
    or one of another format named ``.parquet`` is said to be so
    (:func:`exposure._tables.parquet_shape`; pyarrow's ``Parquet file size is 0 bytes`` and
    ``Parquet magic bytes not found in footer. Either the file is corrupted or this is not
    a parquet file.`` before), and else pyarrow's reason is given on one line, its control
    characters escaped (:func:`exposure._tables.reader_reason`): a damaged page gave two
    lines, the first holding the byte pyarrow stopped at (``don't know what type: \\x0f``
    LF ``Deserializing page header failed.``).

    Examples
    --------
    >>> _parquet_error("/nowhere.parquet", OSError("Couldn't deserialize thrift: \\x0f\\nDeserializing page header failed."))
    "cannot read this Parquet file: Couldn't deserialize thrift: \\\\x0f"
    """
    return parquet_shape(path) or f"cannot read this Parquet file: {reader_reason(exc)}"


def _parquet_source(path) -> contextlib.AbstractContextManager:
    """What :class:`pyarrow.parquet.ParquetFile` opens for the file ``path``: the path, or the open file.

    Arrow takes only names that are UTF-8: a file whose name is not (``caf\\xe9.parquet``,
    copied from a Windows share or a zip of another code page, which Python holds with
    surrogates) was refused as ``cannot read this Parquet file: 'utf-8' codec can't encode
    character '\\udce9'``. Such a file is opened by Python, and read through it.
    """
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        return open(path, "rb")  # closed by the caller's ``with``
    return contextlib.nullcontext(path)


def _tree_files(top: Path) -> list[Path]:
    """The files under the directory ``top`` (links to directories followed), in name order.

    What a dataset directory holds (:func:`_dataset_pieces` reads its Parquet files,
    :func:`_warn_unread` names the others). Symbolic links to directories are followed, as
    Arrow (``pyarrow.parquet.read_table``) and Spark follow them, each directory once (a
    link to a directory above it does not loop): ``Path.rglob`` does not follow them, so
    the files of a linked partition directory (``year=2025 -> /archive/2025``) were left
    out, their rows not scored, without a word. Names starting with ``.`` or ``_`` (Spark's
    ``_SUCCESS``, ``.crc`` files, ``_temporary/``) are skipped, as Dask and Spark skip them.
    """
    return sorted(Path(root, n) for root, names in _tree(top) for n in names
                  if os.path.isfile(os.path.join(root, n)))


def _tree(top: Path) -> Iterator[tuple[str, list[str]]]:
    """``(directory, names of its other entries)`` of ``top`` and of each directory under it.

    As :func:`_tree_files` reads them: links to directories followed, each real directory
    once, names starting with ``.`` or ``_`` left out.
    """
    seen: set[str] = set()
    for root, dirs, names in os.walk(top, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link to a directory already read (or above this one)
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        yield root, [n for n in names if not n.startswith((".", "_"))]


def _check_tree(top: Path) -> None:
    """Refuse a dataset directory ``top`` whose files do not give its rows: a broken link, a Delta table.

    - A symbolic link whose target is missing (a disk not mounted, a file moved:
      ``year=2025 -> /archive/2025``) is neither a file nor a directory: it was left out
      by :func:`_tree_files` without a word (nor named by the warning on files not read),
      and the dataset was scored without its rows.
    - A Delta Lake table (a directory with a ``_delta_log``, ``top`` or one under it or
      above it) keeps the Parquet files of its earlier versions beside the current ones,
      until it is vacuumed; the log says which are current. Every file was read, as
      :func:`dask.dataframe.read_parquet` reads them: the rows an update or an overwrite
      had replaced were scored with their new versions, without a word.

    Names starting with ``.`` or ``_`` are skipped, as :func:`_tree` skips them.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the link and its target, or the table.
    """
    def delta(table):
        return DataFormatError("a Delta Lake table (it has a _delta_log): its directory also holds the "
                               "Parquet files of its earlier versions, which would be scored with the "
                               "current ones; write the current version out as Parquet first (deltalake: "
                               "DeltaTable(path).to_pyarrow_table(), or Spark), and score that", path=table)

    for table in Path(os.path.abspath(top)).parents:  # a partition directory of a table
        if (table / "_delta_log").is_dir():
            raise delta(table)
    for root, names in _tree(top):
        if os.path.isdir(os.path.join(root, "_delta_log")):
            raise delta(root)
        for name in sorted(names):  # the first by name, whatever order the directory lists them in
            link = os.path.join(root, name)
            if os.path.islink(link) and not os.path.exists(link):
                raise DataFormatError(f"{dangling_link(link, DISK_GONE)}: the rows there cannot be read; restore its "
                                      "target, or remove the link", path=link)


#: Why a link of a dataset may name nothing (said after :func:`exposure._io.dangling_link`'s words).
DISK_GONE = " (a disk not mounted, a file moved)"


def _hive_value(text: str) -> str | None:
    """The value of a partition directory ``key=text`` as Arrow and Dask read it.

    Percent-decoded (pandas and Arrow write ``city=New%20York`` for ``"New York"``), and
    missing for ``__HIVE_DEFAULT_PARTITION__`` (what they write for a missing value). Both
    were read as written: ``'New%20York'``, and a text that made an integer key text.
    """
    return None if text == _HIVE_NULL else urllib.parse.unquote(text)


def _common_type(known: pa.DataType, other: pa.DataType, column: str, path, first) -> pa.DataType:
    """A type that holds the values of a column of type ``known`` and of ``other``; raise if none.

    Arrow's permissive promotion (integers and floats are floats; a column of nulls takes
    the other type; ``int32`` and ``int64`` are ``int64``), after decoding categorical
    (dictionary) columns when it has none; else text, when one of them is text (any value
    reads as text). Before, each file was cast to the first file's type: ``2.5`` to the
    ``2`` of an integer column, a missing value or a text to pandas' own error.
    """
    def promoted(a, b):
        try:
            return pa.unify_schemas([pa.schema([(column, a)]), pa.schema([(column, b)])],
                                    promote_options="permissive").field(column).type
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return None

    found = promoted(known, other)
    if found is None:
        plain = [t.value_type if pa.types.is_dictionary(t) else t for t in (known, other)]
        found = promoted(*plain)
        if found is None and any(pa.types.is_string(t) or pa.types.is_large_string(t) for t in plain):
            found = pa.large_string() if any(pa.types.is_large_string(t) for t in plain) else pa.string()
    if found is None:
        raise DataFormatError(f"its type {other} and the type {known} of {first.name} have no common "
                              "type: give the column one type in every file", path=path, column=column)
    return found


def _same_names(names: list, expected: list) -> bool:
    """Whether ``names`` are ``expected``, in any order when no name is given twice.

    Columns are matched by name, as Arrow and :func:`dask.dataframe.read_parquet` match
    the files of a dataset (a file of the columns in another order was refused); with a
    name given twice, only in the same order.
    """
    if list(names) == list(expected):
        return True
    return len(set(names)) == len(names) == len(expected) and set(names) == set(expected)


def _check_carried(schema, path) -> None:
    """Raise on a column of nested or fixed-size binary values: Dask cannot carry them through.

    Dask turns columns of Python objects into text (its ``dataframe.convert-string``
    option, on by default and in every worker): a list ``[1, 2]`` came out as the text
    ``"[1 2]"``, and bytes that are not UTF-8 crashed a worker with a bare
    ``UnicodeDecodeError``. The stream engine keeps both in a Parquet output. ``schema``
    is read as :func:`_read_piece` reads the files: a ``binary`` column (text written
    without the UTF-8 annotation, by Impala, Hive, older Spark or pandas) is UTF-8 text
    (:func:`~exposure._tables.binary_as_text`), as the stream engine reads it; it was
    refused here (``use --engine stream``).
    """
    for field in schema:
        kind = field.type
        if pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind) \
                or pa.types.is_fixed_size_binary(kind):
            what = "nested" if pa.types.is_nested(kind) else "binary"
            raise DataFormatError(
                f"the column holds {what} values ({kind}), which --engine dask cannot carry (Dask "
                "turns them into text); use --engine stream, or drop the column",
                path=path, column=field.name)


def _read_piece(piece: tuple, dtypes: dict | None = None, mixed: dict | None = None,
                cwd: str | None = None) -> pd.DataFrame:
    """The rows of one piece of :func:`_dataset_pieces`, with their file and row in it.

    ``dtypes``: those of the dataset's meta, to which the columns are cast without loss
    (:func:`_conform`), so that every partition has the meta's dtypes. ``mixed``: the
    types of the columns of more than one type in the files (:func:`_dataset_pieces`),
    which the error on a value the meta's dtype cannot hold names (``2**63`` in a column of
    ``int64`` and ``uint64`` files: the dtype was said to be "a type that every file's
    values fit", which it is not). ``cwd``: the client's working directory, against which
    a relative path of the piece is read (:func:`read_dataset` of ``"postings"``); a
    worker started in another directory (``dask worker`` on the machine) read it against
    its own: the file was not found, or another dataset's file of that name was scored,
    without a word. Errors name the path as given.
    """
    path, groups, start, hive, fill = piece
    try:
        with _parquet_source(path if cwd is None else os.path.join(cwd, path)) as source:
            pf = pq.ParquetFile(source)
            # integers and booleans as pandas' nullable types, as the stream engine reads them
            # (:func:`~exposure.scoring._files._parquet_frame`): a missing cell made an integer
            # column float and a boolean one objects, refused as not of the meta's dtype
            table = pf.read_row_groups(list(groups))
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise DataFormatError(_parquet_error(path if cwd is None else os.path.join(cwd, path), exc),
                              path=path) from None
    # binary columns as UTF-8 text, as the stream engine reads them (a cell that is not
    # UTF-8 is refused, naming its row in the file); then as the stream engine's types
    frame = binary_as_text(table, path, start=start).to_pandas(types_mapper=_dataset_dtype)
    # an index that holds data (task_id stored as the index) is a column, as in every reader
    frame = index_as_columns(frame, pf.schema_arrow, start=start, rows=pf.metadata.num_rows,
                             path=path)
    if fill:  # row numbers from 0 of a file without them, beside files that have them
        frame[UNNAMED_INDEX] = np.arange(start, start + len(frame), dtype=np.int64)
    for key, value in hive:  # a missing value (__HIVE_DEFAULT_PARTITION__): no category
        frame[key] = pd.Categorical.from_codes(np.full(len(frame), -1 if value is None else 0, dtype=np.int8),
                                               [] if value is None else [value])
    if dtypes and list(frame.columns) != list(dtypes):  # a file of the columns in another order
        frame = frame[list(dtypes)]
    if dtypes:
        try:
            frame = _conform(frame, dtypes, "the dataset")
        except DataFormatError as exc:
            kinds = (mixed or {}).get(exc.column)
            reason = exc.reason if kinds is None else (
                f"{exc.reason} ({kinds}): give the column one type that holds all its values in every file")
            raise DataFormatError(reason, path=path, row=start + exc.row, column=exc.column) from None
    # one path, as errors show it: a name that is not UTF-8 (_parquet_source) is no Arrow
    # text, which pandas makes the category and Dask's shuffle sends (``caf\udce9.parquet``)
    shown_path = path.encode("utf-8", "backslashreplace").decode("utf-8")
    frame[_SOURCE] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int8), [shown_path])
    frame[_LINE] = np.arange(start + 1, start + 1 + len(frame), dtype=np.int64)
    return frame


def read_dataset(src) -> dd.DataFrame:
    """A Parquet file or directory of Parquet files as a Dask DataFrame, rows traceable to files.

    Read as :func:`dask.dataframe.read_parquet` reads it (a partition per file, or per run
    of row groups of up to :data:`PARTITION_BYTES` of a larger file; the files named
    ``.parquet``, ``.pq`` or ``.parq`` under a directory, but those under names starting
    with ``.`` or ``_``, also in directories linked to, which Arrow and Spark read and
    ``read_parquet`` does not; :func:`score_dataset` warns of the others), with two hidden
    columns, each row's file and its row in that file (from 1): :func:`score` then names
    them in an error, and leaves them out of its output.

    Parameters
    ----------
    src : str or os.PathLike
        A Parquet file, or a directory of them (see :func:`score_dataset`).

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy: the files' columns, then the two hidden ones. A column's dtype holds the
        values of every file (integers in one file and floats in another are floats; text
        in one of them makes it text); integer and boolean columns are pandas' nullable
        ``Int64`` and ``boolean`` (a missing cell is ``<NA>``), as the stream engine reads
        them; dates, times of day and decimals are Arrow columns of their type
        (``date32[day][pyarrow]``: as Python objects, Dask made them text, and
        :func:`score_dataset` wrote strings); categorical columns have categories unknown
        to Dask (each partition its file's), as :func:`dask.dataframe.read_parquet` makes
        them. The columns are those of the first file, in its order; another file may have
        them in another order. An index pandas stored that holds data is a column, as the
        stream engine reads it, be it stored as a column or as a range (``set_index
        ("task_id")`` of ids that run 3, 4, 5 in one file, 7, 9, 10 in another).
        Partition directories (``year=2024/``) are categorical columns, their values
        decoded as Arrow and Dask decode them (``city=New%20York`` is ``"New York"``,
        ``__HIVE_DEFAULT_PARTITION__`` is missing; they were read as written).

    Raises
    ------
    exposure.errors.DataFormatError
        ``src`` not a path (None, bytes, a list), or no such file or directory; a file named
        as another format (``.csv``, ``.xlsx``, ``.csv.gz``...); no Parquet file in the
        directory, a file that cannot be read or whose columns as read (its stored index a
        column) differ from the first's (other than in their order), or
        whose column has a type no type shares with the first's (booleans and floats); a
        column whose name starts with ``__exposure_`` (the hidden columns overwrote it), or
        named like a partition directory key of its file (``year=2024/`` beside a column
        ``year``: the directory's value overwrote the file's); a symbolic link in the
        directory whose target is missing, or a Delta Lake table (:func:`_check_tree`: rows
        were left out, or scored twice).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"task": ["Weld pipes.", "  "]}).to_parquet(d / "a.parquet")
    >>> score(read_dataset(d), "rubric").compute(scheduler="sync")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: .../a.parquet, row 2, column 'task': task text must be a non-empty string, got '  '
    """
    return _read_dataset(_check_src(src))[0]


def _read_dataset(src: Path) -> tuple[dd.DataFrame, list[tuple]]:
    """:func:`read_dataset` of a checked ``src``, and its pieces (:func:`_dataset_pieces`), one per partition."""
    pieces, meta, mixed = _dataset_pieces(src)
    if not pieces:
        return dd.from_pandas(meta, npartitions=1), pieces
    dtypes = {c: meta.dtypes[c] for c in meta.columns if c not in (_SOURCE, _LINE)}
    # a relative path read where the client is: a worker may run in another directory
    return dd.from_map(_read_piece, pieces, meta=meta, enforce_metadata=False, dtypes=dtypes,
                       mixed=mixed, cwd=None if src.is_absolute() else os.getcwd()), pieces


def _keys_partition(part: pd.DataFrame, occupation_column, by_title: bool = False,
                    used: list | None = None, number: int | None = None) -> pd.DataFrame:
    """Distinct occupation keys (hashed) of a partition ``number`` (of its columns ``used``), for the spanning check."""
    _check_frame(part, None if number is None else f"ddf.partitions[{number}]")
    part = part if used is None else part[used]
    keys = [k for k in occupation_keys(part.rename(columns=onet_aliases(part)), occupation_column,
                                       by_title=by_title) if k]
    h = np.unique(pd.util.hash_array(np.asarray(keys, dtype=object))) if keys else np.empty(0, np.uint64)
    return pd.DataFrame({"h": h.astype(np.uint64)})


def _with_keys(part: pd.DataFrame, occupation_column, start, by_title: bool = False,
               columns: list | None = None, number: int | None = None,
               text_column: str | None = None) -> tuple[pd.DataFrame, tuple[pd.Index, dict]]:
    """``part`` with its global row numbers and occupation keys (rows alone get their row); its index.

    With ``columns``, the partition ``number`` must have them (:func:`_check_columns`), and
    they are put in their order. With ``text_column``, its rows are checked first
    (:func:`_check_partition_rows`), so that an error names its first bad row.

    Returns
    -------
    tuple
        The keyed rows, under a fresh ``RangeIndex``, and ``(index, categorical)``: the
        partition's index and the dtypes of its categorical columns, which
        :func:`_restore_index` puts back on the scored rows. The index is kept aside, not
        carried through the shuffle as a column: Dask turned such a column of objects
        into text (a tuple ``(1, 2)`` came back as ``'(1, 2)'``), and an index named
        ``_partitions`` clashed with Dask's shuffle column. The shuffle also joins rows of
        partitions whose categories differ (unknown to Dask), which pandas makes text.
    """
    if columns is not None:
        part = _check_columns(part, columns, f"ddf.partitions[{number}]")
    if text_column is not None:
        _check_partition_rows(part, text_column, occupation_column, start, number)
    out = part.reset_index(drop=True)
    rows = np.arange(start, start + len(part), dtype=np.int64)
    keys = occupation_keys(out.rename(columns=onet_aliases(out)), occupation_column, by_title=by_title)
    out[_ROW] = rows
    out[_KEY] = [k if k else f"row:{r}" for k, r in zip(keys, rows, strict=True)]
    categorical = {c: t for c, t in part.dtypes.items() if isinstance(t, pd.CategoricalDtype)}
    # Dask's shuffle drops a column named _partitions
    return out.rename(columns=_AWAY), (part.index, categorical)


def _check_partition_rows(part: pd.DataFrame, text_column: str, occupation_column, start: int,
                          number: int | None) -> None:
    """The checks of the rows of one input partition (:func:`~exposure.scoring._check_rows`), before the regrouping.

    Regrouped by occupation, the rows of a partition are scored in several partitions,
    and the first to fail named its own first bad row: a later row of the frame
    (``ddf, row 5`` where ``score_tasks`` names row 4). Checked here, the earliest bad
    row of the partition is named: ``ddf`` and its row in the whole frame (``start``
    rows before it), or the file and row it was read from (:func:`read_dataset`).
    """
    frame = part.drop(columns=[c for c in _HIDDEN if c in part.columns])
    renamed = _scored_frame(frame)
    try:
        _check_rows(renamed, text_column, occupation_column)
    except DataFormatError as exc:
        if _SOURCE in part.columns and len(part):
            raise _located(exc, part) from None
        if exc.path is not None:
            raise
        where = f"ddf.partitions[{number}]" if exc.row is None else "ddf"
        row = None if exc.row is None else start + exc.row
        reason = first_on(exc.reason, lambda n: f"row {start + n}")  # of the frame, not the partition
        raise type(exc)(reason, path=where, row=row, column=exc.column) from None


def _check_own_names(frame: pd.DataFrame, *, read: bool = False, path=None) -> None:
    """Refuse a column of the user's whose name starts with ``__exposure_`` (:data:`_OWN_PREFIX`).

    Such names are the engine's hidden columns: :func:`score` dropped a column named
    ``__exposure_odd`` from its output, a column ``__exposure_row`` failed the regrouping
    with a ``KeyError``, and :func:`read_dataset` overwrote a file's ``__exposure_file``
    with the file's name. With ``read``, the two columns :func:`read_dataset` adds (both,
    its file a categorical column) are its own; ``path`` names the file of ``frame``.
    """
    own = read and _SOURCE in frame.columns and _LINE in frame.columns \
        and isinstance(frame[_SOURCE].dtype, pd.CategoricalDtype)
    for name in frame.columns:
        if str(name).startswith(_OWN_PREFIX) and not (own and name in (_SOURCE, _LINE)):
            raise DataFormatError(f"names starting with {_OWN_PREFIX!r} are the Dask engine's own "
                                  "(hidden columns it adds and drops): rename the column (e.g. "
                                  f"{str(name)[len(_OWN_PREFIX):] or 'x'!r})", path=path, column=name)


def _check_ddf(value, name: str) -> None:
    """Refuse what is not a Dask DataFrame (None, a path, a pandas frame), naming ``name``."""
    if not isinstance(value, dd.DataFrame):  # an AttributeError on ``_meta`` before
        raise DataFormatError(f"{name} must be a dask DataFrame (dask.dataframe.from_pandas(frame, "
                              f"npartitions=2)), got {shown(value)}")


def _check_src(src) -> Path:
    """``src`` of :func:`read_dataset` as a path to an existing Parquet file or directory.

    Refused: what is not a path (pathlib's ``TypeError``), a path that does not exist
    (``cannot read this Parquet file: [Errno 2] ...``), and a file named as another format
    (``cannot read this Parquet file: Parquet magic bytes not found``). A file of another
    name (none, ``.dat``) is read as Parquet. A pattern (``postings/*.parquet``, as
    :func:`dask.dataframe.read_parquet` takes one), which is no path, is told to give the
    directory (:func:`_pattern_hint`): it was ``input dataset not found`` and no more,
    also when it matched files.
    """
    src = check_path(src, "src", "a Parquet file or directory")
    if not src.exists():
        raise DataFormatError("input dataset not found" + _pattern_hint(src), path=src)
    suffix = src.suffix.lower()
    if src.is_file() and suffix in (*_FILE_SUFFIXES, *_COMPRESSED_SUFFIXES):
        raise DataFormatError(f"a {suffix[1:]} file, not Parquet: --engine dask reads Parquet files "
                              f"({', '.join(_PARQUET_SUFFIXES)}); use --engine stream for other files",
                              path=src)
    return src


def _pattern_hint(src: Path) -> str:
    """The advice on a ``src`` that does not exist and is a pattern (``*``, ``?``, ``[``), else ``""``.

    Examples
    --------
    >>> _pattern_hint(Path("/nowhere/*.parquet"))
    ": a pattern is no path (it matches no file); exposure.dask reads a Parquet file or a directory of them: give the directory '/nowhere'"
    >>> _pattern_hint(Path("/nowhere/a.parquet"))
    ''
    """
    if not glob.has_magic(str(src)):
        return ""
    found = sorted(glob.glob(str(src)))
    top = src.parent if not glob.has_magic(str(src.parent)) else None
    names = [os.path.relpath(f, top) if top is not None else f for f in found]
    matched = ("it matches no file" if not found else f"it matches {len(found)} file(s): "
               + ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else ""))
    return (f": a pattern is no path ({matched}); exposure.dask reads a Parquet file or a directory of "
            "them: give the directory" + ("" if top is None else f" {str(top)!r}"))


def _check_column(value, name: str, *, optional: bool = False):
    """:func:`exposure._args.check_column`, refusing a Dask collection too.

    A Dask DataFrame or Series is hashable, so it passed as a column label and raised the
    ``ValueError`` "The truth value of a DataFrame is ambiguous" (or was printed whole in a
    "missing column" message).
    """
    if dask.is_dask_collection(value):
        what = "a column name (str) or None" if optional else "a column name (str)"
        raise DataFormatError(f"{name} must be {what}, got {shown(value)}")
    return check_column(value, name, optional=optional)


def _check_score_args(method, text_column, occupation_column, onet, reference_source, mirror,
                      data_dir, model_path, registry=None) -> None:
    """The arguments of :func:`score`, checked on the client whatever the method uses."""
    method = _normalise_method(method, reference_source)[0]  # as score_tasks: type, then value
    _check_column(text_column, "text_column")
    _check_column(occupation_column, "occupation_column", optional=True)
    if isinstance(onet, OnetRelease):
        # exposure.spark takes it (and ships it); here it was "got OnetRelease", without the
        # name to give: each worker loads the release once, by name
        raise DataFormatError(f"onet must be an O*NET release name such as '29.1' (or None), got a "
                              f"release loaded with load_onet (O*NET {onet.release}): give its name, "
                              f"onet={onet.release!r}, with the mirror= or data_dir= it was read from "
                              "(each worker loads it once)")
    if onet is not None:
        # a number (29.1, np.int64(30), a Decimal) is told the release name to write, as
        # exposure.spark tells it; a list: ``TypeError: unhashable type`` in a worker
        is_number = isinstance(onet, numbers.Number) and not isinstance(onet, (bool, np.bool_))
        if not isinstance(onet, str) and not is_number:
            raise DataFormatError(f"onet must be an O*NET release name such as '29.1' (or None), "
                                  f"got {shown(onet)}")
        check_onet_release(onet)
    check_location(mirror, "mirror")  # ignored by ``rubric`` before
    check_location(data_dir, "data_dir")
    if model_path is not None:
        check_path(model_path, "model_path", "a model artifact path")
    if registry is not None:
        check_path(registry, "registry", "a model registry file")
    # rubric and reference read no model: model_path and registry were ignored without a word
    _check_model_method(model_path, method, "model_path")
    _check_model_method(registry, method, "registry")


def _job(method, text_column, occupation_column, onet, reference_source, mirror, data_dir,
         model_path, registry=None) -> dict:
    """What each partition's task is given: the checked arguments, and the model's file and sha256.

    The model's path is made absolute, as the client reads it: a worker started in another
    directory (``dask worker`` on the machine) read a relative ``model_path`` against its
    own (``model artifact not found: models/learned-v1.npz``, for the file the client had
    just verified). So are ``registry``, ``mirror`` and ``data_dir``, ``~`` expanded first
    in all four (:func:`~exposure.scoring.learned.runner_path`; the model is verified as
    :mod:`exposure.spark` verifies it, :func:`~exposure.scoring.learned.load_model_at`): a relative
    ``mirror='data'`` was read by each task against the directory it ran in, so a worker
    started elsewhere, or a ``compute()`` after ``os.chdir``, could not find the O*NET
    release or the labels that the graph was built for.
    """
    path = Path(runner_path(model_path)) if model_path is not None else shipped_model_path()
    by_title = False
    if method in _GROUPED:  # verify the artifact on the client before shipping the job
        model = load_model_at(model_path, registry, call="exposure.dask.score")
        by_title = method == "learned" and titles_share_context(model)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if method in _GROUPED else ""
    return {"method": method, "text_column": text_column, "occupation_column": occupation_column,
            "onet": onet, "reference_source": reference_source,
            "mirror": runner_path(mirror), "data_dir": runner_path(data_dir),
            "model": os.path.abspath(path), "digest": digest, "registry": runner_path(registry),
            "by_title": by_title}


def score(ddf: dd.DataFrame, method: str = "learned", *, text_column: str = "task",
          occupation_column: str | None = None, onet: str | None = None,
          reference_source: str | None = None, mirror=None, data_dir=None,
          model_path=None, registry=None) -> dd.DataFrame:
    """Score every row of a Dask DataFrame; the input columns followed by the score columns.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One task or posting text per row (O*NET's own headers are understood, as in
        :func:`exposure.scoring._files.score_file`).
    method, text_column, occupation_column, reference_source
        As in :func:`exposure.scoring.score_tasks`.
    onet : str, optional
        O*NET release (e.g. ``"29.1"``) whose work activities to use for rows with
        ``onetsoc_code`` and ``task_id``; loaded once per worker from ``mirror``/``data_dir``
        (a release loaded with :func:`exposure.load_onet` is refused: give its name).
    mirror, data_dir : optional
        Where O*NET and the published labels are read from (paths the workers can read).
    model_path : str or os.PathLike, optional
        ``learned`` artifact (default the shipped one); verified against the model registry
        on the client, loaded once per worker.
    registry : str or os.PathLike, optional
        Model registry that pins ``model_path`` (default the shipped one): the
        ``registry.txt`` that ``exposure train`` writes beside a model it trains, as
        :func:`~exposure.scoring.learned.load_model` takes it (a model of one's own could
        not be used: the shipped registry does not pin it).

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; the rows of ``ddf`` in their order, partitions and index, with its divisions
        (also when occupations had to be regrouped: the rows got a fresh index in each
        partition, under divisions of the row numbers, and empty partitions were dropped).
        Columns: those of ``ddf`` (minus input columns named like score columns), of the
        dtypes of its meta (a categorical column whose categories Dask does not know keeps
        each partition's), then :data:`~exposure.scoring.SCORE_COLUMNS`: computed, the
        frame :func:`~exposure.scoring.score_tasks` gives for ``ddf.compute()``, dtypes
        included. Text columns are then pandas' ``string`` (PyArrow), not the ``str`` or
        ``object`` of the pandas frame ``ddf`` was made from: ``dd.from_pandas`` and
        ``dd.read_parquet`` convert them (Dask's ``dataframe.convert-string`` option, which
        also turns a column of mixed objects into their text), before scoring.

    Raises
    ------
    exposure.errors.DataFormatError
        At once, on the client: ``ddf`` not a Dask DataFrame; a column whose name starts
        with ``__exposure_`` (the engine's hidden columns; it was dropped from the output,
        or failed with a ``KeyError``), but for the two :func:`read_dataset` adds; ``method``,
        ``reference_source``, ``text_column``, ``occupation_column``, ``onet``,
        ``model_path`` or ``registry`` of the wrong type (a list, a Series, a number),
        whatever the method reads; an ``onet`` loaded with ``load_onet`` (its name is
        asked for, ``onet='29.1'``: :mod:`exposure.spark` takes a loaded release). At
        compute time: bad cells of a partition (missing text, bad keys), named by the partition and the row in it (``ddf.partitions[1], row 2, column
        'task': ...``; rows regrouped by occupation by their row in the whole frame:
        ``ddf, row 7, ...``, as :func:`~exposure.scoring.score_tasks` counts them, the
        first bad row of its partition); a
        partition whose columns are not those of ``ddf`` (its meta; the same columns in
        another order are matched by name), or holding a value
        the meta's dtype of its column cannot hold as it is (``2.5`` in ``int64``: it was
        truncated to 2).
    exposure.errors.ExposureError
        Unknown method or release; a ``mirror`` or ``data_dir`` that is not a path; model
        artifact problems (raised at once, on the client): a model that the registry does
        not pin is refused with the advice of ``load_model``, said as a call of
        ``score`` (``registry=`` beside ``model_path=``: it advised passing a model, which
        ``score`` does not take).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> texts = pd.DataFrame({"task": ["Answer telephones and relay messages.",
    ...                                "Operate a forklift to move pallets."] * 2})
    >>> out = score(dd.from_pandas(texts, npartitions=2)).compute(scheduler="sync")
    >>> out["label"].tolist()
    ['E1', 'E0', 'E1', 'E0']

    Notes
    -----
    Texts that do not read as work tasks (``learned``) are reported by the
    ``exposure.scoring.learned`` logger in the stream engine's words, naming the partition
    and its row (``ddf.partitions[1]: 2 of 4 texts do not read as work tasks (... e.g.
    row 2, '...')``; rows regrouped by occupation are named by their row in the whole
    frame; rows read by :func:`read_dataset` by their file and their row in it): the
    first partition of a call to find such texts warns, the others are logged at INFO
    (every partition warned before: N copies of one line). Each worker process says it
    once. The notes on coded rows that O*NET cannot serve (``onet``: ``1 row(s) with an
    O*NET-SOC code have no task ID (first: row 2, ...)``) are said so too, naming the
    partition and its row (each partition's batches warned, naming no partition and
    their own row). So is the transformer's warning that it cut texts longer than its
    tokens (``method="transformer"``; each partition warned, naming its own row).
    :func:`score_dataset` counts each over a dataset, in one warning.

    What :func:`~exposure.scoring.score_tasks` says of the frame's columns is said once
    per call, on the client, from ``ddf.columns`` (no compute), in its words: columns
    named like score columns (``label``, ``admin``, or so named but for spaces around the
    name), which the scores replace (:data:`~exposure.scoring.REPLACED_COLUMNS_MESSAGE`;
    not for a frame that holds ``p_e0, p_e1, p_e2``, scored again), and keys under headers
    that are not read as keys (``TASK_ID`` beside ``task id``:
    :data:`~exposure.scoring.KEY_HEADERS_MESSAGE`). The partitions, scored as batches,
    said neither: a ``label`` of the user's was replaced without a word.
    """
    return _score(ddf, method, text_column=text_column, occupation_column=occupation_column,
                  onet=onet, reference_source=reference_source, mirror=mirror,
                  data_dir=data_dir, model_path=model_path, registry=registry)


def _score(ddf: dd.DataFrame, method: str = "learned", *, odd: bool = False,
           text_column: str = "task", occupation_column: str | None = None,
           onet: str | None = None, reference_source: str | None = None, mirror=None,
           data_dir=None, model_path=None, registry=None) -> dd.DataFrame:
    """:func:`score`; with ``odd``, the rows also carry the hidden column ``_ODD``.

    ``_ODD`` holds, at a row named by a warning on texts that do not read as work tasks,
    the count of that warning (0 elsewhere), and the warning is not logged in the worker:
    :func:`score_dataset` sums the column into one warning for the dataset. Without
    ``odd``, each partition's warning is logged by :func:`_warn_odd_texts_once`: once per
    call (a fresh token), the other partitions' at INFO.
    """
    _check_ddf(ddf, "ddf")
    _check_own_names(ddf._meta, read=True)
    _check_score_args(method, text_column, occupation_column, onet, reference_source, mirror,
                      data_dir, model_path, registry)
    aliases = onet_aliases(ddf._meta)  # the options may name O*NET's headers (Task)
    text_column = aliased_column(text_column, aliases)
    occupation_column = aliased_column(occupation_column, aliases)
    job = _job(method, text_column, occupation_column, onet, reference_source, mirror,
               data_dir, model_path, registry)
    job["odd"] = odd
    job["warn"] = None if odd else uuid.uuid4().hex  # this call, for the once-only warning
    job["columns"] = [c for c in ddf.columns if c not in _HIDDEN]  # each partition's
    head = ddf._meta.iloc[:0]
    meta = _score_meta(head, job)  # a text column named ``label`` is refused here, unwarned
    if not odd:  # score_dataset says them in the words of ``exposure score FILE``
        _warn_columns(head.drop(columns=[c for c in _HIDDEN if c in head.columns]))
    by_title = job["by_title"]
    lengths: list[int] = []  # of the partitions, counted by the check
    # the partitions the check counts are those the regrouping reads: a frame's column
    # projection can make Dask join partitions (dd.read_parquet of the key columns only)
    parts = ddf.to_delayed() if method in _GROUPED and ddf.npartitions > 1 else []
    if len(parts) < 2 or not _spans_partitions(ddf, occupation_column, by_title, lengths, parts):
        return ddf.map_partitions(_score_partition, meta, job, meta=meta, align_dataframes=False)
    # an occupation spans partitions: regroup by occupation, keeping the order within it
    logger.info("occupations span partitions: regrouping the rows by occupation")
    starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    if int(starts[-1]) == 0:
        return ddf.map_partitions(_score_partition, meta, job, meta=meta, align_dataframes=False)
    keyed_parts = [dask.delayed(_with_keys, nout=2)(p, occupation_column, int(s), by_title,
                                                    job["columns"], k, text_column)
                   for k, (p, s) in enumerate(zip(parts, starts[:-1], strict=True))]
    keyed_meta = _with_keys(head, occupation_column, 0, by_title)[0]
    keyed = dd.from_delayed([kp[0] for kp in keyed_parts], meta=keyed_meta, verify_meta=False)
    shuffle = _shuffle_method(keyed_meta)  # P2P (a cluster's default) cannot carry every dtype
    grouped = keyed.shuffle(on=_KEY, npartitions=len(parts), shuffle_method=shuffle).map_partitions(
        lambda p: p.sort_values(_ROW, kind="stable"), meta=keyed_meta)
    scored_meta = meta.rename(columns=_AWAY).reset_index(drop=True).assign(**{_ROW: np.int64(0)}).iloc[:0]
    scored = grouped.map_partitions(_score_partition, meta, job, meta=scored_meta,
                                    align_dataframes=False)
    divisions = [int(s) for s in starts[:-1]] + [int(starts[-1]) - 1]
    back = scored.set_index(_ROW, divisions=_unique_divisions(divisions), sorted=False,
                            shuffle_method=shuffle)
    # each input partition's rows, in their order, under their index (a fresh index per
    # partition, under divisions of the row numbers, found nothing with .loc before), and
    # the input's empty partitions and divisions; the index is the one the partition's
    # task kept aside (the input is read once)
    filled = iter(back.to_delayed())
    empty = dask.delayed(meta.copy)()
    restored = [dask.delayed(_restore_index)(next(filled), kp[1], meta) if n else empty
                for n, kp in zip(lengths, keyed_parts, strict=True)]
    known = ddf.known_divisions and len(ddf.divisions) == len(parts) + 1  # not when Dask joined partitions
    return dd.from_delayed(restored, meta=meta, divisions=ddf.divisions if known else None,
                           verify_meta=False)


def _warn_columns(head: pd.DataFrame, src: Path | None = None, dst: Path | None = None,
                  used=()) -> None:
    """Say once, on the client, what :func:`~exposure.scoring.score_tasks` says of the frame's columns.

    Each partition is scored as one batch of a larger input (``_score_as_batch``), which
    leaves these warnings to its caller: a column of the user's named like a score column
    (``label``, ``admin``; spaces around the name aside, as :func:`append_scores` drops
    them) was replaced by the scores, and keys under headers that are not read as keys
    (``TASK_ID`` beside ``task id``) were scored as free text, without a word. ``head`` is
    the frame's empty meta (its columns, hidden ones dropped); with ``src`` and ``dst``
    (:func:`score_dataset`), the replaced columns are said in the words of ``exposure
    score FILE`` (:func:`exposure.scoring._files._warn_replaced`), else in those of
    ``score_tasks`` (:data:`~exposure.scoring.REPLACED_COLUMNS_MESSAGE`). A frame that is
    itself scored (it holds ``p_e0, p_e1, p_e2``) is not warned of, as ``score_tasks`` does.
    """
    if src is not None:
        _warn_replaced(head, src, dst, None, used=used)
    else:
        replaced = [c for c in head.columns if _score_named(c)]
        scoring_module._warn_replaced_columns(head, replaced, False)
    # the key columns as the partitions read them (O*NET's own headers renamed: keys)
    scoring_module._warn_key_headers(head.rename(columns=onet_aliases(head)), False)


def _restore_index(part: pd.DataFrame, kept: tuple[pd.Index, dict], meta: pd.DataFrame) -> pd.DataFrame:
    """Scored rows of one input partition (in their order) with its index back, as it was.

    ``kept`` is what :func:`_with_keys` kept aside of the input partition: its index and
    the dtypes of its categorical columns. The shuffles of the regrouping change the
    dtypes of some columns, and the input columns are given back those of ``meta`` (as
    :func:`_score_partition` gives them, :func:`_conform`): a column whose categories Dask
    does not know gets the input partition's own categories back, as when not regrouped
    (it came back as text, under a meta that says ``category``, so that
    ``scored[c].cat.as_known()`` failed when computed; on a cluster, with the categories
    of the shuffled rows); an Arrow decimal column came back as Python objects on a
    cluster.
    """
    out = part.rename(columns=_BACK)
    index, categorical = kept
    out.index = index
    inputs = [c for c in out.columns if c in meta.columns and c not in SCORE_COLUMNS]
    own = {c: categorical[c] for c in inputs if c in categorical
           and isinstance(meta.dtypes[c], pd.CategoricalDtype)
           and list(meta.dtypes[c].categories) == [_UNKNOWN_CATEGORIES]}
    if any(out[c].dtype != t for c, t in own.items()):
        out = out.astype(own)
    return _conform(out, {c: meta.dtypes[c] for c in inputs if c not in own}, "ddf's meta")


#: pandas' nullable dtypes of numbers and booleans, which Dask's P2P shuffle carries.
_MASKED = (pd.BooleanDtype, pd.Int8Dtype, pd.Int16Dtype, pd.Int32Dtype, pd.Int64Dtype, pd.UInt8Dtype,
           pd.UInt16Dtype, pd.UInt32Dtype, pd.UInt64Dtype, pd.Float32Dtype, pd.Float64Dtype)


def _p2p_carries(dtype) -> bool:
    """Whether Dask's P2P shuffle gives a column of ``dtype`` back as it was.

    P2P sends the rows as Arrow tables: numpy's numbers, dates and durations, text,
    pandas' nullable, tz-aware, period and interval dtypes come back, and so do Arrow
    columns of one value per cell; complex and sparse columns do not (Dask's ``TypeError:
    p2p does not support ...``), nor Arrow lists, structs, maps and dictionaries
    (``RuntimeError: P2P ... failed during transfer phase``), nor categories other than
    numbers, text, dates and durations (intervals failed so; periods and tz-aware dates
    came back as other values). Anything not known to come back is said not to.
    """
    if isinstance(dtype, pd.CategoricalDtype):
        kind = dtype.categories.dtype
        return isinstance(kind, pd.StringDtype) or isinstance(kind, np.dtype) and kind.kind in "biufMmO"
    if isinstance(dtype, pd.ArrowDtype):
        kind = dtype.pyarrow_dtype
        return not (pa.types.is_nested(kind) or pa.types.is_dictionary(kind))
    if isinstance(dtype, np.dtype):
        return dtype.kind in "biufMmO"
    return isinstance(dtype, (pd.StringDtype, pd.DatetimeTZDtype, pd.PeriodDtype, pd.IntervalDtype, *_MASKED))


def _shuffle_method(meta: pd.DataFrame) -> str | None:
    """The shuffle of the regrouping by occupation: Dask's default, or ``"tasks"``.

    On a distributed cluster Dask's default is P2P, which cannot carry every column
    (:func:`_p2p_carries`): ``learned`` on a frame of an Arrow list or dictionary column
    (``dd.read_parquet(..., dtype_backend="pyarrow")``), or of a complex or sparse column,
    failed when an occupation spanned partitions, with Dask's own error naming no column
    of the user's. The task-based shuffle (pickled rows) carries any column; it is chosen
    for such a frame only, P2P being the faster on large inputs.
    """
    return None if all(_p2p_carries(dtype) for dtype in meta.dtypes) else "tasks"


def _unique_divisions(divisions: list[int]) -> list[int]:
    """Strictly increasing divisions (empty input partitions disappear)."""
    out = [divisions[0]]
    for d in divisions[1:-1]:
        if d > out[-1]:
            out.append(d)
    out.append(max(divisions[-1], out[-1]))
    return out


def _spans_partitions(ddf: dd.DataFrame, occupation_column, by_title: bool = False,
                      lengths: list | None = None, parts: list | None = None) -> bool:
    """True when rows of one occupation lie in two partitions (a distributed count).

    The partitions are ``parts``, default ``ddf.to_delayed()``: those the regrouping of
    :func:`score` reads. Each partition's task keeps only the columns the occupation keys
    are made of (titles only with ``by_title``; see
    :func:`~exposure.scoring._files.occupation_keys`). Before, the check read
    ``ddf[those columns]``, and Dask joins the partitions of a Parquet read of a few of its
    columns (``dd.read_parquet``: two files of two occupations were one partition): an
    occupation spanning files was not seen, each file was scored with its own rows of
    the occupation as context, not the same scores as ``score_tasks`` of the whole frame,
    without a word (or the regrouping failed, its counts of rows being of other
    partitions: ``ValueError: zip() argument 2 is shorter than argument 1``). A list
    ``lengths`` gets the partitions' numbers of rows, counted in the same pass (the
    regrouping needs them: counted apart, the input was read once more, every file of a
    :func:`read_dataset` three times in all).
    """
    aliases = onet_aliases(ddf._meta)
    key_columns = ("onetsoc_code", "title" if occupation_column is None else occupation_column) if by_title else ("onetsoc_code",)
    used = [c for c in ddf.columns if aliases.get(c, c) in key_columns]
    if not used:  # every row is its own occupation
        return False
    parts = ddf.to_delayed() if parts is None else parts
    keys = dd.from_delayed([dask.delayed(_keys_partition)(p, occupation_column, by_title, used, k)
                            for k, p in enumerate(parts)],
                           meta=pd.DataFrame({"h": np.empty(0, np.uint64)}), verify_meta=False)["h"]
    counts = [keys.count(), keys.nunique()]
    if lengths is not None:  # a frame, as the keys are (Dask warns of computing delayed objects with them)
        counts.append(dd.from_delayed([dask.delayed(_length)(p, k) for k, p in enumerate(parts)], verify_meta=False,
                                      meta=pd.DataFrame({"n": np.empty(0, np.int64)}))["n"])
    try:
        total, distinct, *found = dask.compute(*counts)
    except KeyError:  # a partition lacks a key column (Dask's KeyError named no partition)
        _name_partition_of_other_columns(ddf)
        raise
    if lengths is not None:
        lengths[:] = [int(n) for n in found[0]]
    return int(total) != int(distinct)


def _length(part: pd.DataFrame, number: int | None = None) -> pd.DataFrame:
    """The number of rows of a partition (``number``), as a frame of one row (column ``n``)."""
    _check_frame(part, None if number is None else f"ddf.partitions[{number}]")
    return pd.DataFrame({"n": [len(part)]}, dtype=np.int64)


def _user_columns(frame) -> list:
    """The columns of ``frame`` but the engine's own (:data:`_HIDDEN`), as the errors list them.

    A frame of :func:`read_dataset` carries the file and row of each row
    (``__exposure_file``, ``__exposure_line``): they were listed among the user's columns
    (``missing column 'n' (columns: [..., '__exposure_file', '__exposure_line'])``).
    """
    return [c for c in frame.columns if c not in _HIDDEN]


def _name_partition_of_other_columns(ddf: dd.DataFrame) -> None:
    """Refuse the first partition whose columns are not ``ddf``'s (:func:`_check_columns`).

    Run only when selecting columns failed: it reads every partition's column names.
    """
    columns = list(ddf.columns)

    def names(part: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
        number = -1 if partition_info is None else partition_info["number"]
        return pd.DataFrame({"number": [number], "columns": [list(map(str, part.columns))]})

    found = ddf.map_partitions(names, meta=pd.DataFrame({"number": pd.Series(dtype="int64"),
                                                         "columns": pd.Series(dtype=object)})).compute()
    for number, have in sorted(zip(found["number"], found["columns"])):
        _check_columns(pd.DataFrame(columns=have), columns, f"ddf.partitions[{number}]")


def check(scored: dd.DataFrame) -> dict:
    """The checks a partition cannot make: duplicate task keys across rows; coverage.

    Parameters
    ----------
    scored : dask.dataframe.DataFrame
        Output of :func:`score`.

    Returns
    -------
    dict
        ``rows``, ``scored`` (rows with probabilities) and ``coverage`` (their share).

    Raises
    ------
    exposure.errors.DataFormatError
        ``scored`` not a Dask DataFrame, or without the score column ``p_e0``, or with
        ``p_e0``, ``onetsoc_code`` or ``task_id`` given twice (a ``ValueError`` of pandas
        when computed, before); at compute
        time, a partition without ``p_e0``, ``onetsoc_code`` or ``task_id`` when the meta
        has them (the first such partition by number, ``scored.partitions[1]``, whatever
        the scheduler ran first: a bare ``KeyError`` before, then the partition that
        failed first); a task key
        (``onetsoc_code``, ``task_id``) on more than one row, naming the first such key in
        row order (that of the first row whose key is on another row too; a key of the
        lowest hash before, whatever the rows' order) and its rows (``e.g. (43-9061.00, 1)
        at scored.partitions[0], row 1 and scored.partitions[1], row 2``; rows of
        :func:`read_dataset` by their file and row in it, ``at DIR/a.parquet, row 2 and
        DIR/b.parquet, row 2``, as :func:`score` names them: they were named by partition). Task IDs are
        compared as the pandas check compares them (:func:`exposure._tables.norm_task_id`):
        ``1``, ``1.0`` and ``"1"`` are one task (they were three keys); two keys are two
        whatever their codes and IDs hold (``('a|b', 'c')`` and ``('a', 'b|c')`` were one
        repeated key, as one text) or their 64-bit hashes (the rows named are checked to
        share a key). A task ID the roll-ups refuse (bytes ``b'3'``, ``1.5``, ``True``, a
        date), in the words of :func:`to_occupations` (``scored.partitions[1], row 1, column
        'task_id': task ID b'3' is not an integer: bytes, not text ...``), the first
        partition's by number: such IDs were accepted, and ``b'3'`` read as Dask's text
        ``'3'`` (one key with a task ID ``3`` of another row); the cells are read as given
        (:func:`_cells_as_given`). Before any task ID, an ``onetsoc_code`` the roll-ups
        refuse (bytes ``b'43-9061.00'``, a SOC code ``43-9061``, ``439061.00``), also of a
        frame without ``task_id``, in the same words and order
        (:func:`_check_given_codes`: ``scored.partitions[1], row 1, column
        'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): b'43-9061.00'``): such
        codes were keyed as their text (``"b'43-9061.00'"``) without a word. A row without
        a code (free text) passes. A frame that was ``persist()``ed holds Dask's text
        already (``b'3'`` is ``'3'``): its bytes cannot be seen (docs: Scoring millions of
        postings, "What check cannot see").

    Warns
    -----
    A warning (log, ``exposure.dask``) when ``scored`` holds a task key other than as the
    columns ``onetsoc_code`` and ``task_id``: in its index, ``set_index("onetsoc_code")``
    (:data:`CHECK_KEY_LEVELS_MESSAGE`), or under a header not read as a key
    (:data:`CHECK_KEY_HEADERS_MESSAGE`). The keys are not read, so their repeats are not
    looked for (the coverage was returned without a word, as if the rows had no keys).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> s = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 1], "p_e0": [0.5, None]})
    >>> check(dd.from_pandas(s.iloc[:1], npartitions=1))
    {'rows': 1, 'scored': 1, 'coverage': 1.0}
    >>> check(dd.from_pandas(s, npartitions=2))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: 1 task key(s) (onetsoc_code, task_id) are on more than one row, e.g. (11-1011.00, 1) at scored.partitions[0], row 1 and scored.partitions[1], row 1
    """
    _check_ddf(scored, "scored")
    warn_keys_not_read(scored._meta.rename(columns=onet_aliases(scored._meta)), logger,
                       CHECK_KEY_HEADERS_MESSAGE, CHECK_KEY_LEVELS_MESSAGE)
    return _check(scored)


#: The warning of :func:`check` on a frame whose task keys are under other headers.
CHECK_KEY_HEADERS_MESSAGE = ("check: the frame has no %s column but %s, not read as keys: repeated task keys "
                             "were not looked for; rename them first (scored.rename(columns={%s}))")
#: The warning of :func:`check` on a frame whose task keys are levels of its index.
CHECK_KEY_LEVELS_MESSAGE = ("check: no %s column, but the frame's index has the level(s) %s: the index is not "
                            "read, so repeated task keys were not looked for; scored.reset_index() makes "
                            "them columns")


def _check(scored: dd.DataFrame, name=None, path=None) -> dict:
    """:func:`check`; a repeated key's rows named by ``name(partition, row)`` (default ``scored.partitions[k], row r``).

    :func:`score_dataset` names them by their input file and row in it (``path``, the
    dataset, leading the message): it named the partitions of its output read back,
    which no user has (``scored.partitions[0], row 4`` for ``b.parquet, row 2``).
    """
    _check_ddf(scored, "scored")
    if "p_e0" not in scored.columns:  # ``KeyError: 'p_e0'``
        raise DataFormatError(f"scored lacks column(s) ['p_e0'] (columns: {_user_columns(scored)}): "
                              "give the output of score")
    # a column read given twice (under its own name or O*NET's header): pandas' ValueError
    # ``cannot reindex on an axis with duplicate labels``, or a TypeError, when computed
    aliases = onet_aliases(scored._meta)
    for column in dict.fromkeys(scored.columns):
        if aliases.get(column, column) in ("p_e0", "onetsoc_code", "task_id"):
            _refuse_repeated_column(scored._meta, "scored", column)
    # the cells as given, not as Dask's text: a task ID b'3' was read as '3', accepted, and
    # one key with a task ID '3' of another row (_cells_as_given); bytes that stay Dask's
    # text (under a map_partitions) are warned of
    scored = _cells_as_given(scored)
    _warn_bytes_made_text(scored, [c for c in scored.columns if aliases.get(c, c) in ("onetsoc_code", "task_id")])
    # a partition that is no frame (from_delayed of a task that returned None) is named:
    # renamed, it was an AttributeError or TypeError naming no partition
    scored = scored.map_partitions(_frame_partition, "scored", meta=scored._meta,
                                    enforce_metadata=False)  # (a missing column is named by the checks below)
    # the index is not read: one Dask cannot reduce over (an IntervalIndex: "Don't know how
    # to handle index of type pandas.IntervalIndex") is dropped
    scored = scored.rename(columns=aliases).reset_index(drop=True)
    keyed = {"onetsoc_code", "task_id"} <= set(scored.columns)
    # the codes are read without task IDs too (free text with codes): the roll-ups refuse a bad one
    codes = ["onetsoc_code"] if "onetsoc_code" in scored.columns else []
    read = ["p_e0", *codes, *(["task_id"] if keyed else [])]
    counts = scored.map_partitions(_check_counts, read, meta=_check_counts(scored._meta, read).iloc[:0])
    if keyed:
        hashes = scored.map_partitions(_key_hashes, meta=pd.Series(dtype=np.uint64))
        counts, n_keys, n_distinct = dask.compute(counts, hashes.count(), hashes.nunique())
    else:  # free text without task keys
        (counts,) = dask.compute(counts)
        n_keys = n_distinct = 0
    # a partition without a column read is refused, naming it (a bare KeyError before): the
    # first by number, whatever the scheduler ran first (raised in the partition, the error
    # was that of the partition that failed first: scored.partitions[2] before [1])
    lacking = counts[counts["columns"] != ""].sort_values("number", kind="stable")
    for number, columns in zip(lacking["number"], lacking["columns"], strict=True):
        _require_columns(pd.DataFrame(columns=json.loads(columns)), read, f"scored.partitions[{number}]")
    # a code, then a task ID, that the roll-ups refuse (b'11-1011.00', '15-1252'; b'3', 1.5,
    # True, a date: accepted, without a word, the code keyed as "b'11-1011.00'"), in their
    # words and order (every code before any task ID): that of the first partition by number
    for column in ("code_error", "error"):
        refused = counts[counts[column] != ""].sort_values("number", kind="stable")
        if not len(refused):
            continue
        exc = pickle.loads(bytes.fromhex(refused[column].iloc[0]))
        given = {read: own for own, read in aliases.items()}.get(exc.column)
        if given is not None:  # O*NET's header, as the frame has it (it was named 'onetsoc_code')
            exc = DataFormatError(exc.reason, path=exc.path, row=exc.row, column=given, line=exc.line)
        if name is not None and exc.row is not None and str(exc.path).startswith("scored.partitions["):
            # score_dataset: the input file and its row
            exc = DataFormatError(exc.reason, path=name(int(refused["number"].iloc[0]), exc.row),
                                  column=exc.column)
        raise exc
    rows, n_scored = counts["rows"].sum(), counts["scored"].sum()
    if int(n_keys) != int(n_distinct):
        for exact in (False, True):  # by the keys themselves where two keys had one hash
            n_repeated, found = _repeated_key_rows(scored, exact)
            if len(found):
                break
        if len(found):
            rows = [path if row is None else f"{path}, row {row}" for path, row in _key_row_places(found, name)]
            shown = " and ".join(rows) if len(rows) <= 3 else ", ".join(rows[:3]) + f" and {len(rows) - 3} more"
            key = f"{found['code'].iloc[0]}, {found['task_id'].iloc[0]}"
            raise DataFormatError(f"{int(n_repeated)} task key(s) (onetsoc_code, task_id) "
                                  f"are on more than one row, e.g. ({key}) at {shown}", path=path)
    rows, n_scored = int(rows), int(n_scored)
    return {"rows": rows, "scored": n_scored, "coverage": n_scored / rows if rows else float("nan")}


def _check_counts(part: pd.DataFrame, read: list, partition_info: dict | None = None) -> pd.DataFrame:
    """The rows of a partition, those with a score, its columns if it lacks one of ``read``, its code and task ID refused.

    One row: ``number`` (Dask's number of the partition), ``rows``, ``scored``,
    ``columns`` (the partition's columns as JSON where one of ``read`` is missing, else
    empty), ``code_error``: the error (pickled, hex; else empty) on its first O*NET-SOC
    code the roll-ups refuse (:func:`_check_given_codes`: ``scored.partitions[1], row 1,
    column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): b'11-1011.00'``),
    and ``error``: where ``read`` has ``task_id``, the error on its first task ID the
    roll-ups refuse (:func:`exposure._tables.task_id_numbers`, as :func:`to_occupations`
    says it: ``scored.partitions[1], row 1, column 'task_id': task ID b'3' is not an
    integer: bytes, not text ...``); rows of :func:`read_dataset` by their file and row;
    so that :func:`_check` refuses the first such partition by number.
    """
    number = -1 if partition_info is None else partition_info["number"]
    where = f"scored.partitions[{number}]"
    lacks = any(c not in part.columns for c in read)
    scored = int(part["p_e0"].notna().sum()) if "p_e0" in part.columns else 0
    errors = {"code_error": "", "error": ""}
    checks = {"code_error": ("onetsoc_code", lambda: _check_given_codes(part["onetsoc_code"], where)),
              "error": ("task_id", lambda: task_id_numbers(part["task_id"], path=where))}
    for key, (column, check) in checks.items():
        if column not in read or column not in part.columns or not len(part):
            continue
        try:
            check()
        except DataFormatError as exc:
            errors[key] = pickle.dumps(_located(exc, part) if _SOURCE in part.columns else exc).hex()
    return pd.DataFrame({"number": np.asarray([number], np.int64), "rows": np.asarray([len(part)], np.int64),
                         "scored": np.asarray([scored], np.int64),
                         "columns": pd.array([json.dumps(list(map(str, part.columns))) if lacks else ""],
                                             dtype="string"),
                         **{key: pd.array([error], dtype="string") for key, error in errors.items()}})


def _check_given_codes(codes: pd.Series, where: str) -> None:
    """Refuse an O*NET-SOC code that the roll-ups refuse, as they say it (a missing code passes).

    :func:`check` keyed a code as its text: bytes ``b'11-1011.00'`` as ``"b'11-1011.00'"``,
    ``15-1252`` (a SOC code) and ``151252.00`` (a code saved as a number) as occupations of
    their own, without a word, where :func:`exposure.rollup.to_occupations` and
    :func:`to_occupations` refuse them
    (:func:`~exposure.schemas._fields.first_bad_onetsoc_code`: ``scored.partitions[0],
    row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC
    code? ...``); the first such row is named (``where``, the row from 1, the column). A
    row without a code is free text, as :func:`score` scores it (its key is not read): it
    passes, and so does a frame whose codes all are of the form.
    """
    if isinstance(codes.dtype, pd.CategoricalDtype):  # its values: categories of bytes passed as codes
        codes = codes.astype(object)
    _refuse_undecodable(codes, "onetsoc_code", where)
    given = codes.notna().to_numpy(dtype=bool, na_value=False)
    bad = first_bad_onetsoc_code(codes[given].reset_index(drop=True))
    if bad is not None:
        row = int(np.flatnonzero(given)[bad[0]]) + 1
        raise DataFormatError(bad[1], path=where, row=row, column="onetsoc_code")


def _repeated_key_rows(scored: dd.DataFrame, exact: bool) -> tuple[int, pd.DataFrame]:
    """The number of task keys of ``scored`` on more than one row, and the rows of the first of them.

    Each key's rows and its first row (its place), in one tree reduction by the key's hash
    (by the key itself, its code and task ID as text, with ``exact``): the keys on more
    than one row (three rows of one key were "2 task key(s)": the rows beyond each key's
    first), and the first of them in row order (the one of the lowest hash before, a key
    of no order the user could see). Its rows (``partition``, ``row`` from 1, ``code``,
    ``task_id``) are those of one key (:func:`_shared_key_rows`): two keys of one 64-bit
    hash were reported as one repeated key, the rows of both named. None when no row
    shares its key with another (the hash's rows were of two keys): look again ``exact``.
    """
    places = scored.map_partitions(_key_places, exact, meta=_key_places(scored._meta.iloc[:0], exact))
    stats = places.groupby("key")["place"].agg(["count", "min"])
    stats = stats[stats["count"] > 1]
    n_repeated, firsts = dask.compute(stats["count"].count(), stats.map_partitions(
        _first_place, meta=pd.DataFrame({"key": places._meta["key"], "place": np.empty(0, np.int64)})))
    if not len(firsts):
        return int(n_repeated), _key_rows(scored._meta.iloc[:0], None, exact)
    repeated = firsts.sort_values("place", kind="stable")["key"].iloc[0]
    found = scored.map_partitions(_key_rows, repeated, exact, meta=_key_rows(scored._meta.iloc[:0], None, exact))
    found = found.compute().sort_values(["partition", "row"], kind="stable")
    return int(n_repeated), _shared_key_rows(found)


def _key_row_places(found: pd.DataFrame, name=None) -> list[tuple[str, int]]:
    """The place ``(path, row)`` of each row of ``found`` (:func:`_key_rows`), as the checks name it.

    Rows of :func:`read_dataset` by their file and row in it, as :func:`score` and the
    roll-ups name them; others ``scored.partitions[k]`` and the row in it (from 1);
    ``name(partition, row)``, where given, names each row (its words are the whole place).
    """
    if name is not None:
        return [(name(int(p), int(r)), None) for p, r in zip(found["partition"], found["row"], strict=True)]
    return [(str(f), int(line)) if not pd.isna(f) else (f"scored.partitions[{int(p)}]", int(r))
            for p, r, f, line in zip(found["partition"], found["row"], found["file"], found["line"], strict=True)]


def _first_repeated_task(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows (:func:`_key_rows`, of all partitions) of the first task key on more than one of them.

    The first in row order (partition, then row): the key of the first row that repeats
    an earlier row's key, as the pandas check finds it; empty where each key is on one row.
    """
    return _shared_key_rows(rows.sort_values(["partition", "row"], kind="stable"))


def _hashed_key_rows(part: pd.DataFrame, partition_info: dict | None = None) -> pd.DataFrame:
    """The rows of ``part`` with a task key (:func:`_key_rows`) and the 64-bit hash of each key (``hash``).

    Keys of one hash may be two keys: :func:`_first_repeated_task` compares the keys themselves.
    """
    rows = _key_rows(part, None, partition_info=partition_info)
    rows["hash"] = (pd.util.hash_pandas_object(rows[["code", "task_id"]], index=False).to_numpy(dtype=np.uint64)
                    if len(rows) else np.empty(0, np.uint64))
    return rows


def _hash_column(rows: pd.DataFrame) -> pd.DataFrame:
    """The column ``hash`` of ``rows`` (:func:`_hashed_key_rows`)."""
    return rows[["hash"]]


def _repeated_hashes(hashes: pd.DataFrame) -> pd.DataFrame:
    """The hashes (:func:`_hashed_key_rows`) on more than one row of ``hashes`` (the frame's), once each."""
    return hashes[hashes["hash"].duplicated(keep="first")].drop_duplicates()


def _rows_of_hashes(rows: pd.DataFrame, hashes: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``rows`` (:func:`_hashed_key_rows`) of the ``hashes`` (:func:`_repeated_hashes`)."""
    return rows[rows["hash"].isin(hashes["hash"])]


def _same(part):
    """``part`` itself (the chunks of :func:`_first_repeated_task`'s reduction are concatenated)."""
    return part


def _refuse_repeated_tasks(found: pd.DataFrame) -> None:
    """Refuse the rows ``found`` (:func:`_first_repeated_task`) of one task key, as the pandas roll-up refuses them.

    :func:`exposure.rollup.to_occupations` refuses a task on more than one row (it would
    weigh several times in its occupation): ``duplicate task (11-1011.00, 1) at rows 1 and
    3: each (onetsoc_code, task_id) must appear once``, its row the key's second. Here the
    rows are named by partition and row (file and row, of :func:`read_dataset`), up to
    six, in the pandas roll-up's words (:func:`exposure.rollup._occupations.duplicate_task_said`).
    """
    if not len(found):
        return
    places = [f"{path}, row {row}" for path, row in _key_row_places(found)]
    path, row = _key_row_places(found.iloc[1:2])[0]
    raise DataFormatError(duplicate_task_said(found["code"].iloc[0], found["task_id"].iloc[0], places),
                          path=path, row=row, column="task_id")


def _shared_key_rows(found: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``found`` (in row order) of the key of the first row that repeats an earlier row's key.

    As the pandas roll-up names it: of tasks 1, 2, 2, 1, task 2 (rows 2 and 3), not task 1
    (round 79: the key whose first row came first was named). Empty when each row holds a
    key of its own (keys that share only their hash).
    """
    keys = pd.MultiIndex.from_arrays([found["code"], found["task_id"]])
    repeated = keys.duplicated(keep="first")
    if not repeated.any():
        return found.iloc[:0]
    first = keys[int(np.flatnonzero(repeated)[0])]
    return found[keys == first]


def _key_hashes(part: pd.DataFrame) -> pd.Series:
    """The hashes of the task keys of a partition (none without the key columns: :func:`_check_counts` names it)."""
    if not {"onetsoc_code", "task_id"} <= set(part.columns):
        return pd.Series(dtype=np.uint64)
    return pd.Series(_key_values(*_task_keys(part)[1:], exact=False), dtype=np.uint64)


def _task_keys(part: pd.DataFrame) -> tuple[np.ndarray, list[str], list[str]]:
    """Positions of the rows of ``part`` with a task key, and their codes and task IDs, as text.

    As :func:`exposure.scoring._check_unique_keys` reads them: the code as text, the task
    ID canonical (:func:`exposure._tables.norm_task_ids`: ``1``, ``1.0``, ``"1"`` are one).
    """
    known = (part["onetsoc_code"].notna() & part["task_id"].notna()).to_numpy(dtype=bool)
    codes = [str(c) for c in part["onetsoc_code"][known].tolist()]
    return np.flatnonzero(known), codes, norm_task_ids(part["task_id"][known])


def _key_values(codes: list[str], ids: list[str], *, exact: bool) -> np.ndarray:
    """The task keys ``(code, task ID)`` as one text each (with ``exact``), else their 64-bit hashes.

    The text leads with the code's length: ``code|task ID`` was one text for two keys
    (``('a|b', 'c')`` and ``('a', 'b|c')``), reported as one repeated key.
    """
    keys = np.asarray([f"{len(c)}:{c}|{t}" for c, t in zip(codes, ids, strict=True)], dtype=object)
    if exact:
        return keys
    return pd.util.hash_array(keys) if len(keys) else np.empty(0, np.uint64)


def _key_places(part: pd.DataFrame, exact: bool = False, partition_info: dict | None = None) -> pd.DataFrame:
    """Each task key of a partition (:func:`_key_values`) and its row's place (``partition * _PLACE + row from 0``)."""
    number = -1 if partition_info is None else partition_info["number"]
    positions, codes, ids = (_task_keys(part) if {"onetsoc_code", "task_id"} <= set(part.columns)
                             else (np.empty(0, np.int64), [], []))
    keys = _key_values(codes, ids, exact=exact)
    return pd.DataFrame({"key": pd.array(keys, dtype="string") if exact else keys,
                         "place": (number * _PLACE + positions).astype(np.int64)})


def _first_place(stats: pd.DataFrame) -> pd.DataFrame:
    """The repeated key of a partition of ``stats`` (first rows by key) whose first row comes first."""
    first = stats.sort_values("min", kind="stable").iloc[:1]
    return pd.DataFrame({"key": first.index.to_numpy(), "place": first["min"].to_numpy(dtype=np.int64)})


def _key_rows(part: pd.DataFrame, repeated, exact: bool = False,
              partition_info: dict | None = None) -> pd.DataFrame:
    """The rows of ``part`` (counted from 1) whose task key (:func:`_key_values`) is ``repeated``, and their keys.

    ``repeated`` None: every row with a task key (none, of a partition that is no frame or
    lacks a key column: the roll-up names it, :func:`_require_columns`).

    ``file`` and ``line``: the file and row (from 1) of a row of :func:`read_dataset`
    (None and 0 for others), which :func:`check` names (it named the partition and its row:
    ``scored.partitions[1], row 2`` for ``DIR/b.parquet, row 2``).
    """
    if not isinstance(part, pd.DataFrame) or not {"onetsoc_code", "task_id"} <= set(part.columns):
        part = pd.DataFrame({"onetsoc_code": [], "task_id": []})
    positions, codes, ids = _task_keys(part) if len(part) else (np.empty(0, np.int64), [], [])
    if repeated is None:  # every row with a key
        keys, hit = np.asarray(codes, dtype=object), np.ones(len(codes), dtype=bool)
    else:
        keys = _key_values(codes, ids, exact=exact)
        hit = (keys == (repeated if exact else np.uint64(repeated))) if len(keys) else np.zeros(0, dtype=bool)
    number = -1 if partition_info is None else partition_info["number"]
    at = positions[hit]
    read = _SOURCE in part.columns and _LINE in part.columns
    files = part[_SOURCE].to_numpy(dtype=object)[at] if read else np.full(len(at), None, dtype=object)
    return pd.DataFrame({"partition": np.full(int(hit.sum()), number, dtype=np.int64),
                         "row": (at + 1).astype(np.int64),
                         "code": np.asarray(codes, dtype=object)[hit] if len(keys) else np.empty(0, object),
                         "task_id": np.asarray(ids, dtype=object)[hit] if len(keys) else np.empty(0, object),
                         "file": pd.Series([None if pd.isna(f) else str(f) for f in files] if read else files,
                                           dtype=object),
                         "line": (part[_LINE].to_numpy(dtype=np.int64)[at] if read
                                  else np.zeros(len(at), dtype=np.int64))})


# ------------------------------------------------------------------- roll-ups
def _rollup_values(part: pd.DataFrame, where: str, flags: tuple = CATEGORIES
                   ) -> tuple[np.ndarray, np.ndarray, tuple | None, DataFormatError | None]:
    """:data:`ROLLUP_MEASURES` of a partition as floats (rows x measures), NaN where missing.

    Read as the pandas roll-ups read task scores
    (:func:`~exposure.rollup._occupations.check_task_scores`): a measure is a number in
    [0, 1] (text that reads as one too; up to 1e-6 outside, clipped), a flag true or false
    (``True``, ``"yes"``, ``"t"``, ``1``...). Anything else is refused, naming ``where``,
    the row (from 1) and the column: ``"abc"`` was read as missing, ``1.5``, ``-3`` and
    ``inf`` as given, ``True`` as 1, a flag ``"yes"`` as missing. The category flags read
    are ``flags`` (those of the frame's meta): another is missing on every row, as the
    pandas roll-up leaves out a flag column the frame lacks (it was refused: ``missing
    column 'admin'``, for the scores of ``scores_from_labels``). A row that gives some of alpha, beta and gamma but not the
    others that its partition gives is partial in the whole frame too, which is then
    refused by the frame-wide check (:func:`_refuse_partial_measures`), before the checks
    below, as the pandas roll-up refuses it before comparing the probabilities
    (:func:`~exposure.rollup._occupations._refuse_partial_measures`): such a partition is
    not checked further (a row of alpha emptied beside its probabilities was told
    ``alpha = nan does not match the probabilities``, where the pandas roll-up says
    ``beta, gamma are given and alpha is missing``). The checks below are returned, not
    raised: the pandas roll-up makes them after the frame-wide checks of the measures
    (:func:`_means_partition`). Measures that no class
    probabilities can give are refused as the pandas roll-up refuses them
    (:func:`~exposure.rollup._occupations._check_rubric`): ``alpha <= beta <= gamma`` where
    two are known, and ``beta = (alpha + gamma) / 2`` where all three are, within 1e-6
    (``alpha 0.9, beta 0.2, gamma 0.1`` was averaged as given, and its occupation broke
    the rubric). The class probabilities ``p_e0``, ``p_e1``, ``p_e2`` are checked
    against alpha, beta and gamma by the pandas roll-up's one rule
    (:func:`~exposure.rollup._occupations.check_probabilities`): a row whose measures
    were edited or emptied while its probabilities are given was averaged, or left out,
    without a word (``alpha = nan does not match the probabilities (expected 0.45)``);
    the rubric is checked on the rows without them, as there; a partition of some of the
    three columns (``p_e0`` alone) is refused, as there (``probability columns ['p_e1',
    'p_e2'] are missing while ['p_e0'] are given``: they were not read). So is a ``label``
    (:func:`~exposure.rollup._occupations.check_labels`): E0, E1 or E2 (or missing, or
    blank), the most probable class of its row. So is a ``task_type``
    (:func:`~exposure.rollup._occupations._refuse_task_types`): Core or Supplemental, or
    missing, blank or ``n/a`` (``core`` and ``1`` were rolled up without a word).

    Returns
    -------
    tuple
        The values; the rows with a label (bool); and, where a row with a score has no label,
        what the pandas roll-up says of it beside labels on other rows
        (:func:`~exposure.rollup._occupations._refuse_unlabelled`, naming ``where``):
        ``(error, number of such rows, the words of its count)``, else None. Whether
        other rows have labels is known of the whole frame only (:func:`_means_partition`).
        Last, the error of the checks of probabilities, rubric, labels, task types and
        flags and its stage (:func:`_failed_code`: the pandas roll-up makes each check
        on the whole frame before the next), ``(stage, error)``, or None.
    """
    out = np.full((len(part), len(ROLLUP_MEASURES)), np.nan)
    values = measure_values(part, where, EXPOSURE_MEASURES, tolerance=_TOL, explain=True)
    out[:, :len(EXPOSURE_MEASURES)] = np.clip(values, 0.0, 1.0)
    labelled, unlabelled = np.zeros(len(part), dtype=bool), None
    if partial_measures(values) is not None:
        # a row partial among its partition's rows is partial in the frame, which the
        # frame-wide check refuses (_refuse_partial_measures), as the pandas roll-up does
        # before it compares the probabilities, labels and flags
        return out, labelled, unlabelled, None
    stage = _PROBAS_STAGE
    try:
        p, full = check_probabilities(part, values, where)  # some of p_e0, p_e1, p_e2: refused
        stage = _RUBRIC_STAGE
        try:
            _check_rubric(values, ~full)  # rows with probabilities matched them
        except DataFormatError as exc:
            raise DataFormatError(exc.reason, path=where, row=exc.row, column=exc.column) from None
        stage = _LABELS_STAGE
        if "label" in part.columns:
            labels = check_labels(part["label"].reset_index(drop=True), p, full, values, where)
            labelled = labels.notna().to_numpy(dtype=bool)
            try:
                _refuse_unlabelled(labels, p, full, values)
            except DataFormatError as exc:
                # its count is the partition's: the whole frame's replaces it (_refuse_unlabelled_rows)
                count = re.search(rf"; ([0-9]+) of {len(labels)} tasks so\)", exc.reason)
                unlabelled = (DataFormatError(exc.reason, path=where, row=exc.row, column=exc.column),
                              int(count.group(1)) if count else 0, count.group(0) if count else None)
        # the pandas roll-up's rules of task types and flags, after the rows without a label
        stage = _TYPES_STAGE
        if "task_type" in part.columns:
            _refuse_task_types(part["task_type"].reset_index(drop=True), where)
        stage = _FLAGS_STAGE
        rows = part.reset_index(drop=True)
        for j, flag in enumerate(CATEGORIES, start=len(EXPOSURE_MEASURES)):
            if flag not in flags:  # a flag the frame lacks: its share is missing, as in pandas
                continue
            try:
                out[:, j] = _flags(rows, flag).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            except DataFormatError as exc:
                raise DataFormatError(exc.reason, path=where, row=exc.row, column=exc.column) from None
    except DataFormatError as exc:  # said after the frame-wide checks of the measures, as in pandas
        return out, labelled, unlabelled, (stage, exc)
    return out, labelled, unlabelled, None


def _refuse_undecodable(codes: pd.Series, by: str, where: str) -> None:
    """Refuse a code of bytes that are not UTF-8 (``b'\\xff52'``), naming ``where``, the row (from 1) and ``by``.

    The checks of codes read bytes as their UTF-8 text: such a cell raised a bare
    ``UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff ...`` naming no partition,
    row or column (:func:`to_occupations`, :func:`to_sectors`, :func:`check`).
    """
    if not pd.api.types.is_object_dtype(codes.dtype):
        return
    for pos, value in enumerate(codes.to_numpy(dtype=object)):
        if isinstance(value, BINARY_TYPES):
            try:
                bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                raise DataFormatError(f"{by} must be a code (text, or a whole number), got {_plain(value)!r}"
                                      f"{bytes_advice(by, codes)}", path=where, row=pos + 1, column=by) from None


def _check_codes(codes: pd.Series, by: str, where: str, rows: int | None = None) -> None:
    """Refuse a row without a code (missing or blank), or a code with spaces around it (of the first ``rows``).

    A row without one was dropped from the roll-up without a word; ``'52 '`` was a code of
    its own beside ``'52'`` (one industry became two rows), where the pandas roll-ups
    refuse a padded code. The advice is Dask's (its Series have no ``notna``: the advice
    ``scored[scored['naics'].notna()]`` raised an ``AttributeError``, and kept blank codes),
    and a missing code is said so (Dask reads None and NaN of text as ``<NA>``: ``got <NA>``
    of a None).
    """
    text = codes.astype("string")
    blank = (text.str.strip() == "").to_numpy(dtype=bool, na_value=False)
    missing = codes.isna().to_numpy(dtype=bool, na_value=True) | blank
    if rows is not None:  # the rows before the first that the pandas roll-up refuses (_check_code_form)
        missing[rows:] = False
    if missing.any():
        pos = int(np.flatnonzero(missing)[0])
        # codes as text: the rows of a blank code go with those of none (dropna kept them)
        text_codes = isinstance(codes.dtype, pd.StringDtype) or (
            pd.api.types.is_object_dtype(codes.dtype) and all(isinstance(v, str) for v in codes.dropna()))
        drop = (f"scored[scored[{by!r}].str.strip().fillna('') != '']" if text_codes
                else f"scored.dropna(subset=[{by!r}])")
        said = f"is blank ({_plain(codes.iloc[pos])!r})" if blank[pos] else "is missing"
        raise DataFormatError(f"{by} {said}: every row needs a code to be rolled up, as in the pandas "
                              f"roll-ups (drop the rows without one first: scored = {drop})",
                              path=where, row=pos + 1, column=by)
    padded = (text != text.str.strip()).to_numpy(dtype=bool, na_value=False)
    if rows is not None:
        padded[rows:] = False
    if padded.any():
        pos = int(np.flatnonzero(padded)[0])
        raise DataFormatError(f"{by} has spaces around it: {_plain(codes.iloc[pos])!r} would be a code of "
                              "its own; the pandas roll-ups refuse such a code (strip the codes first: "
                              f"scored[{by!r}] = scored[{by!r}].str.strip())", path=where, row=pos + 1,
                              column=by)


def _code_text(codes: pd.Series, by: str, where: str) -> np.ndarray:
    """The codes of ``by`` as text; a code given as a whole float is the integer's text.

    A code column read by pandas with a missing cell, or a column of mixed cells, holds
    floats: ``541511.0`` was grouped as the industry ``'541511.0'`` (which matches no OEWS
    code), beside ``'541511'`` of a text cell of the same column. A float that is no whole
    number (``541511.5``, ``inf``, or 2**53 and more, where a float holds no exact
    integer) is refused, naming ``where``, the row (from 1) and the column. A categorical
    column is read by its values: categories ``[23.0, 541511.0]`` (a float column made
    categorical) were grouped as ``'23.0'`` and ``'541511.0'``. A boolean (a column of
    True/False given as ``by``, or such a cell among codes) is refused too: it was grouped
    as the codes ``'True'`` and ``'False'`` without a word, where the pandas roll-up
    refuses it as no O*NET-SOC code. Bytes are read as their UTF-8 text wherever they
    stand: ``b'52'`` in a partition holding a float code was the code ``"b'52'"``, beside
    ``'52'`` of the other partitions (those not UTF-8 are refused before:
    :func:`_refuse_undecodable`).
    """
    if isinstance(codes.dtype, pd.CategoricalDtype):  # no code is missing (_check_codes)
        codes = codes.astype(codes.dtype.categories.dtype)
    kind = codes.dtype
    flags = (np.ones(len(codes), dtype=bool) if pd.api.types.is_bool_dtype(kind)
             else np.fromiter((isinstance(v, (bool, np.bool_)) for v in codes.to_numpy(dtype=object)),
                              dtype=bool, count=len(codes)) if pd.api.types.is_object_dtype(kind)
             else np.zeros(len(codes), dtype=bool))
    if flags.any():
        pos = int(np.flatnonzero(flags)[0])
        raise DataFormatError(f"{by} must be a code (text, or a whole number), got {_plain(codes.iloc[pos])!r}: "
                              "True/False is no occupation or industry code (is by= the column of the "
                              "codes?)", path=where, row=pos + 1, column=by)
    if not (pd.api.types.is_float_dtype(kind) or pd.api.types.is_object_dtype(kind)):
        return codes.astype("string").to_numpy()  # text, integers: as they were
    values = codes.to_numpy(dtype=object, copy=True)
    floats = np.fromiter((isinstance(v, (float, np.floating)) for v in values), dtype=bool,
                         count=len(values))
    if not floats.any():
        return codes.astype("string").to_numpy()
    x = values[floats].astype(float)
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(x) & (np.abs(x) < 2.0**53)
        whole[whole] = x[whole] == np.floor(x[whole])
    if not whole.all():
        pos = int(np.flatnonzero(floats)[np.flatnonzero(~whole)[0]])
        raise DataFormatError(f"{by} must be a code (text, or a whole number), got "
                              f"{_plain(values[pos])!r}", path=where, row=pos + 1, column=by)
    values[floats] = [str(int(v)) for v in x]
    # bytes as their UTF-8 text, as astype("string") reads them where no float is beside
    # them (b'52' was the code "b'52'" of its own in a partition holding a float code)
    return pd.array([v if v is None or isinstance(v, str) else bytes(v).decode("utf-8")
                     if isinstance(v, BINARY_TYPES) else str(_plain(v)) for v in values],
                    dtype="string").to_numpy()


#: Code columns of one form (:func:`_check_code_form`) -> the check of their cells.
_CODE_FORMS = {"onetsoc_code": first_bad_onetsoc_code, "soc_code": first_bad_soc_code}


def _check_code_form(codes: pd.Series, by: str, key: str, where: str) -> None:
    """Refuse a code of ``by`` (the key ``key``: ``onetsoc_code`` or ``soc_code``) not of its form, as pandas does.

    ``15-1252.00``, ``15-1252`` and ``151252`` (a SOC code, a code saved as a number)
    were three occupations of :func:`to_occupations` (its default ``by``), where
    :func:`exposure.rollup.to_occupations` refuses the last two
    (:func:`~exposure.schemas._fields.first_bad_onetsoc_code`:
    ``not an O*NET-SOC code (like 11-1011.00): '15-1252': a SOC code? ...``); so were ``15-1252`` and
    ``15-1252.00`` of a ``soc_code`` column, whose cells the library's SOC tables check
    (:func:`~exposure.schemas._fields.first_bad_soc_code`). The first such row is named
    (``where``, the row from 1, the column), in the pandas words
    (:func:`exposure.rollup._soc.check_codes`): the message named the column twice
    (``column 'onetsoc_code': onetsoc_code not an O*NET-SOC code ...``). A
    column of another name holds codes of any form (``naics``, a ``soc`` of one's own);
    ``key`` is the one O*NET's header ``by`` names (``O*NET-SOC Code``), else ``by``.
    """
    first_bad = _CODE_FORMS.get(key)
    if first_bad is None:
        return
    values = codes
    if isinstance(codes.dtype, pd.CategoricalDtype):  # its values (a missing one: None, of a column of objects)
        values = codes.astype(object if codes.isna().any() else codes.dtype.categories.dtype)
    bad = first_bad(values.reset_index(drop=True))
    if bad is not None:
        # a code missing, blank or padded there: said with the advice of the roll-ups
        # (:func:`_check_codes`); else the pandas words, the column named once, as the
        # pandas roll-ups' check_codes names it
        _check_codes(codes, by, where, rows=bad[0] + 1)
        raise DataFormatError(bad[1], path=where, row=bad[0] + 1, column=by)


def _weights(values: pd.Series, weight: str, where: str) -> np.ndarray:
    """The ``weight`` column as floats (missing: 0), read as the pandas roll-ups read employment.

    A weight of :data:`exposure._tables.MAX_COUNT` (2**63) or more is refused too, naming
    the row: two such weights added up to infinity, and every mean of their code was 0.
    """
    w = _number(values, weight, where).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        big = w >= MAX_COUNT
    if big.any():
        pos = int(np.flatnonzero(big)[0])
        raise DataFormatError(f"{weight} is too large for a weight (2**63 or more), got "
                              f"{_plain(values.iloc[pos])!r}", path=where, row=pos + 1, column=weight)
    return np.nan_to_num(w, nan=0.0)


def _require_columns(part: pd.DataFrame, columns: list, where: str) -> None:
    """Refuse a partition ``where`` without one of ``columns`` (those of its frame's meta that are read).

    Dask takes a frame's columns from its meta and does not check the partitions (a
    ``from_delayed(..., verify_meta=False)``, files of other columns): a partition without
    a column read raised a bare ``KeyError``, naming no partition.
    """
    missing = [c for c in columns if c not in part.columns]
    if missing:
        raise DataFormatError(f"its columns {list(part.columns)} lack {missing}, which the frame's meta "
                              "has (scored.columns): every partition must have the frame's columns",
                              path=where, column=missing[0])


def _sums_partition(part: pd.DataFrame, by: str, weight: str | None, flags: tuple = CATEGORIES,
                    partition_info: dict | None = None) -> pd.DataFrame:
    """:func:`_partition_sums`, or, where it refuses the partition, the row of its error (:func:`_failed_code`).

    The error of each partition is carried to the one partition of all the sums, where
    :func:`_means_partition` raises that of the first partition (by number). Raised in
    the partition, the error was that of the partition that failed first: with bad rows in
    ``scored.partitions[1]`` and ``[2]``, the synchronous scheduler named ``[2]`` (the
    reduction's order), the threaded one either, from one run to the next. Rows of
    :func:`read_dataset` are named by their file and row in it (:func:`_located`), as
    :func:`score` names them: the partition and its row were named.
    """
    stage = 0
    try:
        return _partition_sums(part, by, weight, partition_info, flags)
    except _Refused as refused:  # task IDs, measures: said after the codes of every partition
        exc, stage = refused.error, refused.stage
    except DataFormatError as error:
        exc = error
    if isinstance(part, pd.DataFrame) and _SOURCE in part.columns:
        # rows of read_dataset: the file and its row, as score names them
        exc = _located(exc, part)
    if partition_info is None:
        raise exc from None
    return _note_sums([_failed_code(exc, partition_info["number"], stage)])


class _Refused(Exception):
    """The error of a partition's task IDs or measures (:func:`_partition_sums`), told from that of its codes.

    The pandas roll-up checks every code, then every task ID, then the repeated tasks,
    before any measure: a code of ``scored.partitions[1]`` is said before a task ID or a
    measure of ``scored.partitions[0]`` (``stage``: :data:`_IDS_STAGE`, :data:`_MEASURES_STAGE`).
    """

    def __init__(self, error: DataFormatError, stage: int):
        super().__init__(str(error))
        self.error, self.stage = error, stage


#: The start of a code of :func:`_failed_code` (no code of the data starts with NUL).
_FAILED = "\0failed:"


def _failed_code(exc: DataFormatError, number: int, stage: int = 0) -> str:
    """The code of :func:`_note_sums` that carries the error ``exc`` of partition ``number``.

    ``stage``: 0 for the checks of codes (and of the partition's columns);
    :data:`_IDS_STAGE` for those of the task IDs, which the pandas roll-up makes after
    the codes and before its check of repeated tasks; :data:`_MEASURES_STAGE` for those
    of the measures, which it makes after that check; then those it makes after its
    frame-wide checks of the measures, one stage each, as it makes each on the whole
    frame before the next (:func:`_rollup_values`): probabilities, the rubric, labels
    (:data:`_PROBAS_STAGE`, :data:`_RUBRIC_STAGE`, :data:`_LABELS_STAGE`), then, after
    the rows without a label, task types and flags (:data:`_TYPES_STAGE`,
    :data:`_FLAGS_STAGE`: a task type of one partition was said before a row without a
    label of another); 2 for the weights, which it reads last (its task weights). Raised
    in that order by :func:`_means_partition`. The code of such a note is
    :data:`_FAILED`, the stage, the partition's number (12 digits: the codes sort by it)
    and ``exc`` pickled (hex).
    """
    return f"{_FAILED}{stage}{number:012d}:{pickle.dumps(exc).hex()}"


#: The stage (:func:`_failed_code`) of a partition's error of its measures: a code error of
#: another partition was said after it when that partition came later (by number), where the
#: pandas roll-up checks every code first.
_MEASURES_STAGE = 3
#: The stage (:func:`_failed_code`) of a partition's error of its task IDs
#: (:func:`exposure._tables.task_id_numbers`): after every code, before the repeated tasks.
_IDS_STAGE = 4
#: The stages (:func:`_failed_code`) of the checks of :func:`_rollup_values`, each on the
#: whole frame before the next, as the pandas roll-up makes them.
_PROBAS_STAGE, _RUBRIC_STAGE, _LABELS_STAGE, _TYPES_STAGE, _FLAGS_STAGE = 1, 5, 6, 7, 8
#: The start of a code of :func:`_note_sums` that holds what the pandas roll-up says of a
#: partition's rows with a score and no label, should other rows have labels
#: (:func:`_refuse_unlabelled_rows`).
_UNLABELLED = "\0unlabelled:"
#: The start of a code of :func:`_note_sums` that names the file and row (:func:`read_dataset`)
#: of a row a whole-frame check may name (:func:`_refuse_partial_measures`).
_AT = "\0at:"


def _note_sums(codes: list[str]) -> pd.DataFrame:
    """Rows of the partial sums (columns of :func:`_partition_sums`) that carry ``codes``, not sums.

    Codes starting with NUL (:data:`_FAILED`, :data:`_UNLABELLED`, :data:`_AT`): every count
    and sum 0, no row giving a measure (:data:`_NOWHERE`); read, and dropped, by
    :func:`_means_partition`.
    """
    out = pd.DataFrame({_CODE: pd.array(codes, dtype="string").to_numpy(), "n_rows": 0, "weight": 0.0})
    for col in ("__n_known", "__n_counted", "__n_labelled"):
        out[col] = np.int64(0)
    for col in ROLLUP_MEASURES:
        out[f"{col}__w"] = 0.0
        out[f"{col}__wx"] = 0.0
    for col in _FIRSTS:
        out[col] = np.int64(_NOWHERE)
    return out


def _refuse_failed(codes: pd.Index, stage: int = 0) -> None:
    """Raise the error of the first partition (by number) refused at ``stage`` (:func:`_failed_code`), if any."""
    failed = [c for c in codes if isinstance(c, str) and c.startswith(f"{_FAILED}{stage}")]
    if failed:
        raise pickle.loads(bytes.fromhex(min(failed)[len(_FAILED) + 14:]))


def _partition_sums(part: pd.DataFrame, by: str, weight: str | None,
                    partition_info: dict | None = None, flags: tuple = CATEGORIES) -> pd.DataFrame:
    """The weighted sums of a partition of scored rows, by ``by``.

    Weights are read as the pandas roll-ups read employment
    (:func:`exposure.rollup._soc._number`): ``"1,200"`` is 1200, a BLS special value or a
    blank is missing (a weight of 0, as a missing weight was); other text, a boolean, a
    negative or infinite number is refused, naming ``scored.partitions[k]`` (Dask's
    number of the partition, from ``partition_info``), the row in it (from 1) and the
    column. (Such weights were read as 0, or as given, without a word.) So are a row
    without a code (:func:`_check_codes`), a float code that is no whole number
    (:func:`_code_text`: ``541511.0`` is ``'541511'``), a code of ``onetsoc_code`` or
    ``soc_code`` not of its form (:func:`_check_code_form`), a ``task_id`` the pandas
    roll-up refuses (:func:`exposure._tables.task_id_numbers`: a blank, ``1.5``, ``True``,
    a date; rolled up without a word before) and measures or flags the
    pandas roll-ups refuse (:func:`_rollup_values`; the category flags read are ``flags``,
    those of the frame's meta).

    Rows of codes of the engine's own (:func:`_note_sums`) follow the sums: of rows with a
    score and no label (:data:`_UNLABELLED`), what the pandas roll-up says of the first,
    to be said when other rows of the frame have labels; of rows of :func:`read_dataset`,
    the file and row of the first row giving each set of alpha, beta and gamma
    (:data:`_AT`), which :func:`_refuse_partial_measures` names.
    """
    number = 0 if partition_info is None else partition_info["number"]
    where = "scored" if partition_info is None else f"scored.partitions[{number}]"
    _check_frame(part, where, "scored")  # None, a Series: an AttributeError naming no partition
    _require_columns(part, [by, *EXPOSURE_MEASURES, *flags, *([weight] if weight else [])], where)
    # O*NET's header of the codes (``O*NET-SOC Code``) is read as the key it names; its
    # first bad row is the pandas roll-up's, whatever is wrong with it (True, 1.5, none)
    _refuse_undecodable(part[by], by, where)
    _check_code_form(part[by], by, onet_aliases(part.iloc[:0]).get(by, by), where)
    _check_codes(part[by], by, where)
    codes = _code_text(part[by], by, where)
    if "task_id" in part.columns:
        try:  # a task ID the pandas roll-up refuses (blank, 1.5, True, a date): said after every code
            task_id_numbers(part["task_id"], path=where)
        except DataFormatError as exc:
            raise _Refused(exc, _IDS_STAGE) from None
    try:
        values, labelled, unlabelled, later = _rollup_values(part, where, flags)
    except DataFormatError as exc:  # said after every partition's codes (_sums_partition)
        raise _Refused(exc, _MEASURES_STAGE) from None
    w, weights_error = np.ones(len(part)), None
    if weight is not None:
        try:  # the pandas roll-up weighs the tasks once their scores are checked
            w = _weights(part[weight], weight, where)
        except DataFormatError as exc:
            w, weights_error = np.zeros(len(part)), exc
    for error in (later and later[1], weights_error):
        if error is not None and partition_info is None:
            raise error
    # the codes under a name of the engine's own: ``by`` may be named like the working
    # columns below (``__n_known``, ``alpha__w``: a KeyError before); the result's index
    # is named ``by`` (:func:`_means_partition`)
    out = pd.DataFrame({_CODE: codes, "n_rows": 1, "weight": w})
    known = ~np.isnan(values[:, :len(EXPOSURE_MEASURES)]).all(axis=1)
    # rows with a score, and those of them that weigh: none at all is refused at the end
    out["__n_known"] = known.astype(np.int64)
    out["__n_counted"] = (known & (w > 0)).astype(np.int64)
    out["__n_labelled"] = labelled.astype(np.int64)
    for j, col in enumerate(ROLLUP_MEASURES):
        x = values[:, j]
        has = ~np.isnan(x)
        out[f"{col}__w"] = np.where(has, w, 0.0)
        out[f"{col}__wx"] = np.where(has, w * np.nan_to_num(x), 0.0)
    # which of alpha, beta, gamma each row gives: its place (partition, row) in the column
    # of its set of them, for the check of rows that give some and not the others
    given = (~np.isnan(values[:, :len(EXPOSURE_MEASURES)])) @ (1 << np.arange(len(EXPOSURE_MEASURES)))
    place = number * _PLACE + np.arange(len(part))
    for mask, col in enumerate(_FIRSTS, start=1):
        out[col] = np.where(given == mask, place, _NOWHERE).astype(np.int64)
    notes = []
    for stage, error in (later or (0, None), (2, weights_error)):  # raised after the frame-wide checks
        if error is not None:
            notes.append(_failed_code(_located(error, part) if _SOURCE in part.columns else error, number, stage))
    if unlabelled is not None:
        exc, count, said = unlabelled
        if _SOURCE in part.columns:  # rows of read_dataset: the file and its row
            exc = _located(exc, part)
        notes.append(f"{_UNLABELLED}{number:012d}:{pickle.dumps((exc, count, said)).hex()}")
    if _SOURCE in part.columns:  # the file and row of each set's first row
        for mask in np.unique(given[given > 0]):
            pos = int(np.flatnonzero(given == mask)[0])
            if not pd.isna(part[_SOURCE].iloc[pos]):
                notes.append(f"{_AT}{int(place[pos]):020d}:{int(part[_LINE].iloc[pos])}:{part[_SOURCE].iloc[pos]}")
    # first: their codes sort first, and rows of codes already in order keep pandas' sums
    # (appended, the sums of sorted codes differed in their last bits)
    return pd.concat([_note_sums(notes), out], ignore_index=True) if notes else out


def _means_partition(sums: pd.DataFrame, by: str, weight: str | None = None,
                     check: bool = False, repeated: pd.DataFrame | None = None) -> pd.DataFrame:
    """The weighted means of the summed partition ``sums`` (all codes, with ``check``), indexed by ``by``.

    With ``check`` (the one partition of all the sums), what the pandas roll-up refuses is
    refused as it refuses it (:func:`exposure.rollup.to_occupations`): no rows, no row
    with a score, a row that gives some of alpha, beta and gamma but not the others
    (:func:`_refuse_partial_measures`, from the columns :data:`_FIRSTS`), a row with a
    score and no label where other rows have one (:func:`_refuse_unlabelled_rows`); and so
    are weights that are 0 or missing on every row with a score (every mean would be
    missing); so is a task on more than one row, ``repeated`` (:func:`_refuse_repeated_tasks`).
    The rows of the engine's own codes (:func:`_note_sums`) are read and dropped.
    In the pandas roll-up's order: the first partition's error of its codes; of its task
    IDs; a repeated task; the first partition's error of its measures; no rows, no score,
    a partial row; the first partition's error of its probabilities, then of the rubric,
    then of its labels (:func:`_rollup_values`: raised in their partition, such an error
    of one partition came before a partial row of another); a row without a label; the
    first partition's error of its task types, then of its flags (they were said before a
    row without a label of another partition, or of theirs); the first partition's error
    of its weights; weights of 0 on every row.
    """
    own = np.fromiter((isinstance(c, str) and c.startswith("\0") for c in sums.index), dtype=bool,
                      count=len(sums))
    notes = sorted(sums.index[own])
    sums = sums[~own]
    if check:
        _refuse_failed(pd.Index(notes))  # a bad code: that of the first partition refused
        _refuse_failed(pd.Index(notes), stage=_IDS_STAGE)
        if repeated is not None:
            _refuse_repeated_tasks(repeated)
        _refuse_failed(pd.Index(notes), stage=_MEASURES_STAGE)
        if sums.empty:
            raise DataFormatError("no task scores: the frame has no rows")
        if not sums["__n_known"].sum():
            raise DataFormatError(f"no task has a score: {', '.join(EXPOSURE_MEASURES[:-1])} and "
                                  f"{EXPOSURE_MEASURES[-1]} are missing on every row")
        _refuse_partial_measures(sums[list(_FIRSTS)].min(), notes)
        for stage in (_PROBAS_STAGE, _RUBRIC_STAGE, _LABELS_STAGE):
            _refuse_failed(pd.Index(notes), stage=stage)
        _refuse_unlabelled_rows(notes, int(sums["__n_labelled"].sum()), int(sums["n_rows"].sum()))
        for stage in (_TYPES_STAGE, _FLAGS_STAGE, 2):
            _refuse_failed(pd.Index(notes), stage=stage)
        if not sums["__n_counted"].sum():
            raise DataFormatError("every row with a score has a weight of 0 or none, so every mean "
                                  "would be missing", column=weight)
    out = sums[["n_rows", "weight"]].copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        for col in ROLLUP_MEASURES:
            w = sums[f"{col}__w"].to_numpy()
            out[col] = np.where(w > 0, sums[f"{col}__wx"].to_numpy() / np.where(w > 0, w, 1), np.nan)
    out["n_scored"] = sums["n_scored"]
    return out.rename_axis(by)


#: Column of the codes in the partial sums of the roll-ups (the result's index is named ``by``).
_CODE = f"{_OWN_PREFIX}code"
#: Columns of the partial sums, one per set of alpha, beta, gamma a row may give (a bitmask
#: from 1 to 7): at a row giving that set, its place (``partition * _PLACE + row from 0``),
#: else :data:`_NOWHERE`; their minimum over the frame is the first row giving each set.
_FIRSTS = tuple(f"{_OWN_PREFIX}first_{mask}" for mask in range(1, 2 ** len(EXPOSURE_MEASURES)))
_PLACE = 2**32
#: The place of no row, in the columns :data:`_FIRSTS`.
_NOWHERE = np.iinfo(np.int64).max


def _refuse_partial_measures(firsts: pd.Series, notes: list = ()) -> None:
    """Refuse rows giving some of alpha, beta, gamma and not the others, as the pandas roll-up does.

    ``firsts`` holds the minimum of each column of :data:`_FIRSTS` over the frame. Each mean
    of a code is over its rows that give the measure: a row of beta alone made beta a mean
    over other rows than alpha and gamma, and the code's means broke the rubric (beta
    ``0.4`` and gamma ``0.4`` beside alpha ``0.2``), without a word, where
    :func:`exposure.rollup.to_occupations` refuses such a row
    (:func:`exposure.rollup._occupations._refuse_partial_measures`: a measure missing on
    every row is left out). The first such row (by partition, then row) is named, by that
    check itself, run on the first row giving each set of the measures: the same row and
    words as for the whole frame. A row of :func:`read_dataset` is named by its file and
    row (``notes``, :data:`_AT`), as the partitions name their rows: it was named
    ``scored.partitions[1], row 2``.
    """
    found = sorted((int(firsts[col]), mask) for mask, col in enumerate(_FIRSTS, start=1)
                   if int(firsts[col]) != _NOWHERE)
    if not found:
        return
    given = np.array([[1.0 if mask >> j & 1 else np.nan for j in range(len(EXPOSURE_MEASURES))]
                      for _, mask in found])
    try:
        _refuse_partial_rows(given)
    except DataFormatError as exc:
        place = found[exc.row - 1][0]
        at = next((n[len(_AT) + 21:] for n in notes if n.startswith(f"{_AT}{place:020d}:")), None)
        if at is not None:
            line, path = at.split(":", 1)
            raise DataFormatError(exc.reason, path=path, row=int(line), column=exc.column) from None
        raise DataFormatError(exc.reason, path=f"scored.partitions[{place // _PLACE}]",
                              row=place % _PLACE + 1, column=exc.column) from None


def _refuse_unlabelled_rows(notes: list, labelled: int, rows: int) -> None:
    """Refuse a row with a score and no label, where other rows of the frame have one, as the pandas roll-up does.

    :func:`exposure.rollup.to_occupations` refuses it
    (:func:`~exposure.rollup._occupations._refuse_unlabelled`: the labels decide
    ``share_e1`` and ``share_exposed``, alpha, beta and gamma the scores, and such a row
    would be in the means of the ones and not of the others); a ``label`` column missing
    on every row is no label column. A partition sees its own rows only: rows without a
    label beside labelled rows of another partition were accepted without a word (and,
    in one partition, too). ``notes`` hold each partition's first such row, said by that
    check (:data:`_UNLABELLED`); ``labelled`` and ``rows`` are the frame's counts. The
    first partition's (by number) is raised, its count of such rows that of the frame
    (``2 of 4 tasks so``).
    """
    held = [n for n in notes if n.startswith(_UNLABELLED)]
    if not labelled or not held:
        return
    found = [pickle.loads(bytes.fromhex(n[len(_UNLABELLED) + 13:])) for n in held]
    exc, _, said = found[0]
    if said is not None:  # the partition's count, in the words of the pandas check
        total = sum(count for _, count, _ in found)
        exc = DataFormatError(exc.reason.replace(said, f"; {total} of {rows} tasks so)", 1),
                              path=exc.path, row=exc.row, column=exc.column)
    raise exc


#: Columns of the roll-ups' result besides :data:`ROLLUP_MEASURES`.
_RESULT_COUNTS = ("n_rows", "n_scored", "weight")


#: Columns the roll-ups read as what they are, not as row weights (:func:`_check_weight_column`).
_READ_NOT_WEIGHTS = {**dict.fromkeys(EXPOSURE_MEASURES, "a measure"), **dict.fromkeys(CATEGORIES, "a category flag"),
                     **dict.fromkeys(_PROBAS, "a class probability"), "label": "the labels",
                     "task_type": "the task types", "task_id": "the task IDs"}


def _check_weight_column(by: str, weight: str | None) -> None:
    """Refuse a ``weight`` that names ``by`` or a column the roll-ups read as another thing.

    ``to_sectors(by="naics", weight="naics")`` weighed each row by its industry code
    (``52`` weighed 52), and ``weight="alpha"`` (a measure, a flag, a probability, the task
    IDs) weighed the rows by their own scores, without a word. ``by`` and ``weight`` are
    checked first (present, not a measure as ``by``); this is said before any work:

    >>> _check_weight_column("naics", "naics")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: column 'naics': weight='naics' is the column of the codes (by='naics'), read as such already: give the column of row weights (e.g. openings per posting), or None (1 per row)
    >>> _check_weight_column("naics", "openings")
    """
    if weight is None:
        return
    what = f"the codes (by={by!r})" if weight == by else _READ_NOT_WEIGHTS.get(weight)
    if what is not None:
        raise DataFormatError(f"weight={weight!r} is the column of {what}, read as such already: give the "
                              "column of row weights (e.g. openings per posting), or None (1 per row)",
                              column=weight)


#: Column names (as :func:`~exposure.scoring._inputs.column_key` reads them) of occupation
#: codes and of industry codes, offered as ``by`` by :func:`to_occupations` and
#: :func:`to_sectors` when ``by`` is missing (:func:`_missing_hint`).
_OCCUPATION_CODE_NAMES = ("onetsoccode", "onetsoc", "onetcode", "soccode", "soc", "occcode", "occ",
                          "occsoc", "occupationcode")
_INDUSTRY_CODE_NAMES = ("naics", "naicscode", "industrycode", "indcode", "ind", "industry")


#: Nodes of Dask's expressions that hold a pandas frame of ``dd.from_pandas`` (:func:`_cells_as_given`).
_FROM_PANDAS = ("FromPandas", "FromPandasDivisions")
#: The node of Dask's expressions that turns the partitions of ``dd.from_delayed`` and
#: ``dd.from_map`` into text (:func:`_cells_as_given`).
_CONVERSION = "ArrowStringConversion"
#: Nodes of Dask's expressions that move cells without reading them (:func:`_cells_as_given`).
_CARRIERS = ("Projection", "RenameFrame", "ColumnsSetter", "Concat", "Repartition", "Partitions",
             "ResetIndex", "ClearDivisions")
#: Nodes of Dask's expressions whose first operand is the frame whose cells they pass on, the
#: others read by Dask (a filter's condition, an ``assign``'s columns): the first is read as
#: given, the others as Dask makes them (:func:`_cells_as_given`).
_PASSERS = ("Filter", "Assign")


def _mixed_objects(data) -> bool:
    """Whether a column of the pandas frame (or Series) ``data`` holds Python objects that are not all text.

    Such a column (bytes, True, 1.5, dates among the cells) is what Dask's
    ``dataframe.convert-string`` turns into text; one of text alone (or missing) it keeps.
    """
    columns = data.items() if isinstance(data, pd.DataFrame) else [(None, data)] if isinstance(data, pd.Series) else []
    return any(pd.api.types.is_object_dtype(values.dtype)
               and pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty")
               for _, values in columns)


def _cells_as_given(scored: dd.DataFrame) -> dd.DataFrame:
    """``scored`` with the pandas frames of its ``dd.from_pandas`` read as given, not turned into text.

    Dask's ``dataframe.convert-string`` option (on by default) turns a column of Python
    objects into text when the partitions are made: a task ID ``b'3'`` reached the roll-up
    as ``'3'`` and was rolled up, where the pandas roll-up refuses bytes; ``True`` in a
    measure was said ``'True'``, a date ``'2020-01-01'``. The nodes of the expression that
    hold such a frame (a column of objects not all text: :func:`_mixed_objects`) are made
    again with the conversion off, so that the partitions hold the cells as given, as the
    pandas roll-up reads them; so are the partitions of ``dd.from_delayed`` and
    ``dd.from_map`` (Dask's conversion of them, :data:`_CONVERSION`, is left out: bytes
    ``b'3'`` of a delayed partition were the task ID ``'3'``). Only those reached through
    nodes that move the cells without reading them (:data:`_CARRIERS`: a column selection,
    ``rename``, ``dd.concat``, ``repartition``...) or the frame of a filter or an
    ``assign`` (:data:`_PASSERS`). What the user's code reads is kept as Dask makes it: the
    condition of a filter (``ddf[ddf["task_id"] == "3"]`` keeps a task ID ``3``, as the
    text ``'3'``), an assigned column, a ``map_partitions``; so are frames of text alone
    and files.
    """
    expr = getattr(scored, "expr", None)
    if not callable(getattr(expr, "dependencies", None)):  # not an expression of dask.dataframe
        return scored
    given = _expr_as_given(expr, {})
    return scored if given is expr else dd.dask_expr.new_collection(given)


def _expr_as_given(node, done: dict):
    """The expression ``node`` of :func:`_cells_as_given` (``done``: the nodes made, by name), or ``node`` itself."""
    key = getattr(node, "_name", id(node))
    if key in done:
        return done[key]
    kind, out = type(node).__name__, node
    if kind == _CONVERSION:  # the partitions of dd.from_delayed, dd.from_map: as they were made
        out = node.dependencies()[0]
    elif kind in _FROM_PANDAS and "pyarrow_strings_enabled" in getattr(node, "_parameters", ()):
        try:
            if node.operand("pyarrow_strings_enabled") and _mixed_objects(node.operand("frame")._data):
                out = node.substitute_parameters({"pyarrow_strings_enabled": False})
        except AttributeError:  # a node of another dask-expr (no ``_data``): kept as it is
            pass
    elif kind in _CARRIERS or kind in _PASSERS:
        operands = list(node.operands)
        for i in range(len(operands)) if kind in _CARRIERS else [0]:
            if callable(getattr(operands[i], "dependencies", None)):
                operands[i] = _expr_as_given(operands[i], done)
        if any(new is not old for new, old in zip(operands, node.operands, strict=True)):
            out = type(node)(*operands)
    done[key] = out
    return out


#: The warning of :func:`_warn_bytes_made_text` (column, row, cell, its text).
BYTES_MADE_TEXT_MESSAGE = (
    "scored: column %r of a frame given to dd.from_pandas holds bytes (row %d: %r), which Dask's "
    "dataframe.convert-string option turned into the text %r before a step that reads it as such "
    "(a map_partitions): exposure.dask reads that text, where the pandas roll-ups refuse "
    "bytes; decode them first (or dask.config.set({'dataframe.convert-string': False}) before making the frame)")


def _warn_bytes_made_text(scored: dd.DataFrame, columns) -> None:
    """Warn of bytes in ``columns`` of a ``dd.from_pandas`` frame under ``scored`` that Dask made text.

    :func:`_cells_as_given` reads the cells of ``dd.from_pandas`` as given only through
    the steps that move them (:data:`_CARRIERS`, :data:`_PASSERS`); under a step of the
    user's (``map_partitions``), the partitions are Dask's text: a task ID ``b'3'``
    reached the roll-up as ``'3'`` and was rolled up without a word, where the pandas
    roll-ups refuse bytes. What that step made of the text cannot be known (it may
    replace the column), so the first such cell (the first column of ``columns``, the
    columns the roll-up reads, holding one) is warned of (:data:`BYTES_MADE_TEXT_MESSAGE`,
    log ``exposure.dask``), not refused. A frame already computed (``persist``) keeps no
    trace of its cells: it is not warned of.
    """
    expr = getattr(scored, "expr", None)
    if not callable(getattr(expr, "dependencies", None)):
        return
    seen, stack = set(), [expr]
    while stack:
        node = stack.pop()
        key = getattr(node, "_name", id(node))
        if key in seen:
            continue
        seen.add(key)
        stack.extend(node.dependencies())
        if type(node).__name__ not in _FROM_PANDAS or "pyarrow_strings_enabled" not in getattr(
                node, "_parameters", ()):
            continue
        try:
            if not node.operand("pyarrow_strings_enabled"):
                continue
            frame = node.operand("frame")._data
        except AttributeError:  # a node of another dask-expr (no ``_data``)
            continue
        for column in columns:
            if not isinstance(frame, pd.DataFrame) or column not in frame.columns:
                continue
            values = frame[column]
            if not isinstance(values, pd.Series) or not pd.api.types.is_object_dtype(values.dtype) \
                    or pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
                continue  # text alone (or none): Dask keeps it
            cells = values.to_numpy(dtype=object)
            pos = next((i for i, v in enumerate(cells) if isinstance(v, bytes)), None)
            if pos is not None:
                text = cells[pos].decode("utf-8", "backslashreplace")
                logger.warning(BYTES_MADE_TEXT_MESSAGE, column, pos + 1, cells[pos], text)
                return


def _rollup(scored: dd.DataFrame, by: str, weight: str | None, codes: tuple = (),
            tasks: bool = False) -> dd.DataFrame:
    """:func:`to_occupations` (``tasks``: a task key on more than one row is refused, by ``onetsoc_code``) or :func:`to_sectors`."""
    _check_ddf(scored, "scored")
    _check_column(by, "by")  # a list: ``TypeError: unhashable type``
    _check_column(weight, "weight", optional=True)
    if by in (*ROLLUP_MEASURES, *_RESULT_COUNTS):  # "cannot insert alpha, already exists" when computed
        raise DataFormatError(f"by={by!r} is a column of the result ({', '.join(ROLLUP_MEASURES)}, "
                              f"{', '.join(_RESULT_COUNTS)}), not a column of codes: give the column "
                              "of the occupation or industry codes", column=by)
    for col in (by, *EXPOSURE_MEASURES, *([weight] if weight else [])):
        if col not in scored.columns:
            raise DataFormatError(f"missing column {col!r}{_missing_hint(scored, col, by, weight, codes)}",
                                  column=col)
    _check_weight_column(by, weight)
    # the category flags the frame has (the pandas roll-up leaves out those it lacks)
    flags = tuple(c for c in CATEGORIES if c in scored.columns)
    # a column read given twice: each partition's ``part[by]`` was a frame, and the roll-up
    # failed with ``AttributeError: 'DataFrame' object has no attribute 'str'`` when computed
    probas = [c for c in (*_PROBAS, "label", "task_type", "task_id") if c in scored.columns]  # checked too
    for col in dict.fromkeys((by, *EXPOSURE_MEASURES, *flags, *probas, *([weight] if weight else []))):
        _refuse_repeated_column(scored._meta, "scored", col)
    # some of p_e0, p_e1, p_e2 (p_e0 alone): the pandas roll-up's words, when called
    check_probabilities(pd.DataFrame(columns=[c for c in _PROBAS if c in scored.columns]),
                        np.empty((0, len(EXPOSURE_MEASURES))), "scored")
    _refuse_cast_flags(scored, by, weight)
    scored = _cells_as_given(scored)  # b'3', True: not turned into the text '3', 'True'
    # those that stay Dask's text (under a map_partitions): bytes among the cells read are warned of
    _warn_bytes_made_text(scored, [by, "task_id", *EXPOSURE_MEASURES, *flags, *probas,
                                   *([weight] if weight else [])])
    meta = _sums_partition(scored._meta.iloc[:0], by, weight, flags)
    sums = scored.map_partitions(_sums_partition, by, weight, flags, meta=meta)
    # rows with a score, whatever their weight (those of weight 0 or none were left out)
    sums = sums.assign(n_scored=sums["__n_known"])
    # tree reduction of the partial sums, into one partition: the checks of _means_partition
    # see all codes; of the first row giving each set of alpha, beta, gamma, the minimum
    totals = sums.groupby(_CODE, sort=True).agg(
        {c: "min" if c in _FIRSTS else "sum" for c in sums.columns if c != _CODE}, split_out=1)
    means_meta = _means_partition(totals._meta, by)
    repeated = None
    if tasks and by == "onetsoc_code" and "task_id" in scored.columns:
        # a task on more than one row weighed several times in its occupation, where the
        # pandas roll-up (by onetsoc_code) refuses it: every row's key hash, in one
        # partition at the end (a tree reduction; linear), then the rows of the hashes
        # that repeat, the first key repeated among them refused with the codes. (Rows of
        # another ``by``, postings of a soc_code, may share a task.)
        for col in ("onetsoc_code", "task_id"):
            _refuse_repeated_column(scored._meta, "scored", col)
        keyed = scored.map_partitions(_hashed_key_rows, meta=_hashed_key_rows(scored._meta.iloc[:0]))
        # the 64-bit hashes alone meet in one task; the rows of the hashes on more than one
        # row (their keys, places and texts) are gathered, and checked exactly, after
        # (``keyed[["hash"]]`` made each partition's keys twice: its own task)
        hashes = keyed.reduction(_hash_column, aggregate=_repeated_hashes, combine=_same,
                                 meta=keyed._meta[["hash"]])
        candidates = keyed.map_partitions(_rows_of_hashes, hashes, meta=keyed._meta,
                                          align_dataframes=False)  # the one partition of hashes to each
        repeated = candidates.reduction(_same, aggregate=_first_repeated_task, combine=_same, meta=keyed._meta)
    return totals.map_partitions(_means_partition, by, weight, True, repeated, meta=means_meta)[
        ["n_rows", "n_scored", "weight", *ROLLUP_MEASURES]]


def _refuse_cast_flags(scored: dd.DataFrame, by: str, weight: str | None = None) -> None:
    """Refuse a ``dd.concat`` of ``scored`` that casts True/False of a column read as numbers.

    ``dd.concat([a, b])`` of a frame whose ``by`` holds numbers (``int64``) and one whose
    ``by`` holds True/False gives the meta of the first, and Dask casts the partitions of
    the second to it: ``True`` became the code ``1`` (and ``False`` ``0``) before the
    partition reached the roll-up, which refuses a True/False code (:func:`_code_text`)
    but saw ``1``, without a word (``float64`` codes: ``1.0``). So did a measure (alpha,
    beta, gamma: True became ``1.0``) and the ``weight`` (a weight of 1), which the
    partition refuses as True/False (:func:`_rollup_values`, :func:`_weights`). The
    frames a ``Concat`` of ``scored``'s expression joins are read from their meta; the
    first whose column is boolean where the concat's is a number is named (counted from
    1), at call time. A column renamed after the concat (``rename``, ``ddf.columns = ...``,
    ``assign(industry=ddf["naics"])``) is followed to its name in the concat
    (:func:`_traced_columns`; it was not). (A concat of text or object columns keeps True,
    which the partition refuses.)
    """
    expr = getattr(scored, "expr", None)
    if not callable(getattr(expr, "dependencies", None)):  # not an expression of dask.dataframe
        return
    read = {col: col for col in (by, *EXPOSURE_MEASURES, *([weight] if weight else []))}
    for node, names in _traced_columns(expr, read):
        if type(node).__name__ != "Concat":  # the meta of the others is not read (a Delayed's has none)
            continue
        meta = _node_meta(node)
        for name, col in names.items():
            dtype = _column_dtype(meta, name)
            if (dtype is None or not pd.api.types.is_numeric_dtype(dtype)
                    or pd.api.types.is_bool_dtype(dtype)):
                continue  # a concat of object codes keeps True, which the partition refuses
            for k, frame in enumerate(getattr(node, "_frames", ()), start=1):
                given = _column_dtype(_node_meta(frame), name)
                if given is None or not pd.api.types.is_bool_dtype(given):
                    continue
                there = "" if name == col else f" (its column {name!r} there, named {col!r} after it)"
                what = ("(True is the code 1): True/False is no occupation or industry code (is by= the "
                        "column of the codes?)" if col == by
                        else "(True is a weight of 1): a weight must be a number, not True/False"
                        if col == weight
                        else "(True is 1.0): a measure must be a number in [0, 1], not True/False")
                raise DataFormatError(f"{col} of frame {k} of a dd.concat{there} holds True/False ({given}), "
                                      f"which Dask casts to the concat's {dtype} {what}", column=col)


def _column_dtype(meta, name):
    """The dtype of the column ``name`` of ``meta`` (a frame, or a Series so named), or None."""
    if isinstance(meta, pd.DataFrame):
        return meta[name].dtype if name in meta.columns and meta.columns.is_unique else None
    if isinstance(meta, pd.Series) and meta.name == name:
        return meta.dtype
    return None


def _traced_columns(expr, names: dict) -> Iterator[tuple[object, dict]]:
    """Each node of the expression ``expr``, with the names there of the columns ``names``.

    ``names`` maps the name of a column at ``expr`` to the name of the column read (the
    roll-up's ``by``, a measure, ``weight``). Going down, a ``rename`` (a mapping or a
    function), ``ddf.columns = [...]`` and an ``assign`` of a column (the Series given,
    under its own name) give a column the name it has below them; a Series follows its
    operands under their names (``s.rename("industry")``); other nodes keep the names (a
    rename inside a function given to ``map_partitions`` is not seen). A node is given
    once for each set of names (a graph's shared nodes, once).
    """
    stack, seen = [(expr, names)], set()
    while stack:
        node, names = stack.pop()
        key = (getattr(node, "_name", id(node)), tuple(sorted(names.items(), key=repr)))
        if key in seen:
            continue
        seen.add(key)
        yield node, names
        try:
            below = _names_below(node, names)
        except (AttributeError, TypeError, ValueError, KeyError):  # a node of another dask-expr: names kept
            below = [(dep, names) for dep in node.dependencies()]
        stack.extend(reversed([(child, found) for child, found in below if found]))


def _names_below(node, names: dict) -> list[tuple[object, dict]]:
    """The operands of ``node`` with the names there of its columns ``names`` (:func:`_traced_columns`)."""
    kind = type(node).__name__
    deps = list(node.dependencies())
    if kind in ("RenameFrame", "ColumnsSetter") and deps:
        below = _node_meta(deps[0])
        if not isinstance(below, pd.DataFrame):
            return [(dep, names) for dep in deps]
        given = node.operand("columns")
        if kind == "ColumnsSetter":
            new = list(given) if len(list(given)) == len(below.columns) else list(below.columns)
        else:
            new = [given(c) if callable(given) else given.get(c, c) if isinstance(given, dict) else c
                   for c in below.columns]
        return [(deps[0], {old: names[now] for old, now in zip(below.columns, new, strict=True)
                           if _hashable(now) and now in names})] + [(dep, names) for dep in deps[1:]]
    if kind == "Assign":
        operands = list(node.operands)
        assigned = {k: v for k, v in zip(operands[1::2], operands[2::2], strict=False) if _hashable(k)}
        out = [(operands[0], {n: c for n, c in names.items() if n not in assigned})]
        for n, c in names.items():
            value = assigned.get(n)
            meta = _node_meta(value) if n in assigned else None
            if isinstance(meta, pd.Series):
                out.append((value, {meta.name: c}))
        return out
    meta = _node_meta(node)
    if isinstance(meta, pd.Series) and _hashable(meta.name) and meta.name in names:
        col = names[meta.name]
        return [(dep, {getattr(_node_meta(dep), "name", meta.name): col})
                if isinstance(_node_meta(dep), pd.Series) else (dep, names) for dep in deps]
    return [(dep, names) for dep in deps]


def _hashable(value) -> bool:
    """Whether ``value`` can be a key of a dict (a column name of a list is not)."""
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _node_meta(node):
    """The meta of the expression ``node`` of a Dask collection, or None where it has none.

    The expression of ``dd.from_delayed`` holds nodes whose ``_meta`` raises
    ``NotImplementedError``.
    """
    try:
        return node._meta
    except (NotImplementedError, AttributeError):
        return None


def _missing_hint(scored: dd.DataFrame, col: str, by: str, weight: str | None, codes: tuple = ()) -> str:
    """What to do of a column ``col`` that :func:`_rollup` reads and ``scored`` lacks, or ``""``.

    The frame's index (``set_index("naics")``, ``read_parquet(..., index="naics")``, usual
    in Dask): ``reset_index()`` first, as the pandas roll-ups say
    (:func:`~exposure.rollup._soc.require_frame`); a column ``by`` or ``weight`` in
    another case or spacing (``NAICS``): the argument that names it
    (:func:`~exposure.scoring._inputs.missing_column_hint`). ``missing column 'naics'``
    said neither. A ``by`` of no such column: the first column whose name is one of
    ``codes`` (names of code columns, as :func:`~exposure.scoring._inputs.column_key`
    reads them: ``soc_code``, ``OCC_CODE``, ``SOC`` for :func:`to_occupations`); else
    (and for a ``weight`` of no such column) the frame's columns, as the pandas roll-ups
    list them:
    ``missing column 'onetsoc_code'`` said nothing of the frame's ``soc_code``. A
    ``weight`` is not offered a column it may not name (:func:`_check_weight_column`):
    ``weight='Alpha'`` was told to ``give weight='alpha'``, which is refused.
    """
    index = index_hint(scored._meta, [col])
    if index:
        return index
    for argument, value in (("by", by), ("weight", weight)):
        if value == col:
            # not a weight the roll-ups refuse (weight='Alpha' was told to give weight='alpha')
            offered = [c for c in _user_columns(scored)
                       if argument == "by" or (c != by and c not in _READ_NOT_WEIGHTS)]
            hint = missing_column_hint(offered, col, argument)
            if hint:
                return hint
            near = [c for c in scored.columns if isinstance(c, str) and column_key(c) in codes]
            if near and argument == "by":
                return f"; the frame has {near[0]!r}, a column of codes: give {argument_given('by', near[0])}"
            return f" (columns: {columns_shown(_user_columns(scored))})"
    return ""


def to_occupations(scored: dd.DataFrame, by: str = "onetsoc_code", *,
                   weight: str | None = None) -> dd.DataFrame:
    """Weighted means of the scores of each occupation, as a tree reduction.

    Parameters
    ----------
    scored : dask.dataframe.DataFrame
        Output of :func:`score` (at least ``by``, ``alpha``, ``beta``, ``gamma``; the
        category flags of :data:`ROLLUP_MEASURES` where given: a frame without them, the
        scores of :func:`exposure.rollup.scores_from_labels`, was refused as ``missing
        column 'admin'``, which the pandas roll-up accepts).
    by : str, default "onetsoc_code"
        Occupation code column (e.g. ``soc_code`` of classified postings).
    weight : str, optional
        Column of row weights (e.g. openings per posting); default 1 per row.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy, indexed by ``by`` (sorted): ``n_rows``, ``n_scored`` (rows with scores,
        whatever their weight: rows of weight 0 or none were left out before),
        ``weight`` (sum), then the weighted mean of each of :data:`ROLLUP_MEASURES` over
        the rows where it is known (missing where none is; category shares from the flags,
        missing for a flag the frame lacks, as in the pandas roll-up).

    Raises
    ------
    exposure.errors.DataFormatError
        ``scored`` not a Dask DataFrame; ``by`` or ``weight`` not a column label (a list,
        a Series, a Dask collection); a column missing (for ``by``, the column of codes
        under another name is offered, ``give by='soc_code'``; else, and for
        ``weight``, the frame's columns are listed). At compute time: a partition
        without a column read (``by``, ``weight``, a measure or flag) that the meta has,
        naming the partition and the column (a bare ``KeyError`` before); a weight that is
        not a number of 0 or more (``"abc"``, ``True``, ``-1``, ``inf``), read as the
        pandas roll-ups read employment (``"1,200"`` is 1200; ``**`` and blanks are
        missing, a weight of 0), naming the partition, its row (from 1, in the partition)
        and the column; of bad rows in several partitions, that of the first partition
        (by number) is named, whatever the scheduler ran first:
        ``scored.partitions[1], row 2, column 'n': n must be a number or a BLS special
        value (** * # ~), got 'abc'``. So are, as the pandas roll-ups refuse them
        (:func:`exposure.rollup.to_occupations`), a row without a code in ``by`` (it was
        left out without a word: drop such rows first), a measure that is not a number in
        [0, 1] (``"abc"`` was read as missing, ``1.5``, ``-3``, ``inf`` and ``True`` as
        given), measures that break the rubric (``alpha <= beta <= gamma`` and
        ``beta = (alpha + gamma) / 2``, within 1e-6: they were averaged as given) and a
        category flag that is not true or false (``"maybe"``; ``"yes"`` and ``"t"`` are
        true, as there: they were missing). As the pandas roll-up refuses
        them, a frame without rows (``no task scores: the frame has no rows``) and rows
        none of which has an alpha, beta or gamma (``no task has a score: ...``: a table
        of missing means was returned); so are weights that are 0 or missing on every row
        with a score, a weight of 2**63 or more (two of them added up to infinity), a
        code of bytes that are not UTF-8 (:func:`_refuse_undecodable`: a bare
        ``UnicodeDecodeError`` before), a code with spaces around it (``'52 '`` was a code beside ``'52'``), a code of a
        ``by`` of ``onetsoc_code`` (the default) or ``soc_code`` not of its form, as the
        pandas roll-ups refuse it (``15-1252`` and ``151252`` were occupations beside
        ``15-1252.00``:
        ``scored.partitions[0], row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): ...``),
        and a row that
        gives some of alpha, beta and gamma but not the others, as the pandas roll-up
        refuses it, naming the first such row (a measure missing on every row is left
        out; each was averaged over other rows, and the means broke the rubric, without
        a word). Where ``scored`` has ``p_e0``, ``p_e1``, ``p_e2`` (or ``label``), they
        are checked by the pandas roll-up's rules
        (:func:`~exposure.rollup._occupations.check_probabilities`,
        :func:`~exposure.rollup._occupations.check_labels`), in its words: a row whose
        measures were emptied or edited while its probabilities are given
        (``scored.partitions[1], row 1, column 'alpha': alpha = nan does not match the
        probabilities (expected 0.6)``: it was left out, or averaged as edited, without a
        word), probabilities not summing to 1 or given in part, a label not the most
        probable class of its row; a row with a score and no label where other rows, of any
        partition, have labels (``... the label is missing on a scored task (..., which
        give E1; 2 of 4 tasks so) ...``: a partition saw its own rows only, and such rows
        were accepted), the count of such rows the whole frame's; a ``task_type`` not Core or
        Supplemental (or missing, blank or ``n/a``), as there (``core`` was rolled up
        without a word); a ``task_id`` that is not an integer (a blank, ``1.5``, ``True``,
        a date, bytes), by the pandas roll-up's rule (:func:`exposure._tables.task_id_numbers`),
        in its words (``scored.partitions[1], row 1, column 'task_id': task ID 1.5 is not
        an integer``: such IDs were rolled up without a word). The cells of a column of
        objects of ``dd.from_pandas`` are read as given, as the pandas roll-up reads them,
        not as the text Dask's ``dataframe.convert-string`` makes of them
        (:func:`_cells_as_given`: ``b'3'`` was the task ID ``'3'``, ``True`` was said
        ``'True'``); under a ``map_partitions`` of the user's, which reads Dask's text,
        bytes in a column read are warned of (:data:`BYTES_MADE_TEXT_MESSAGE`, log
        ``exposure.dask``: they were rolled up as text without a word). By ``onetsoc_code`` (the
        default) of a frame with ``task_id``, a task on
        more than one row, of any partition, is refused as the pandas roll-up refuses it
        (it weighed twice in its occupation, without a word): ``scored.partitions[1], row
        1, column 'task_id': duplicate task (11-1011.00, 1) at scored.partitions[0], row 1
        and scored.partitions[1], row 1: each (onetsoc_code, task_id) must appear once``.
        The errors come in the pandas roll-up's order: those of codes (the first bad
        partition), of task IDs, a repeated task, those of measures (the first bad partition; a measure
        of ``scored.partitions[0]`` was said before a code of ``[1]``), then
        no rows, no score, a partial row (the first of the frame), then those of
        probabilities, of the rubric, of labels (each check on every partition before
        the next), then rows without a label, then those of task types, then of flags
        (they were said before a row without a label), then those of the
        weights (read last, as the pandas roll-up weighs tasks once their scores are
        checked). Rows of :func:`read_dataset` are named by their file and row in it, as
        :func:`score` names them, also by the checks of the whole frame (a partial row, a
        row without a label). When called: some of ``p_e0``, ``p_e1``, ``p_e2``
        (``scored: probability columns ['p_e1', 'p_e2'] are missing while ['p_e0'] are
        given``, the pandas words: they were not read);
        ``by`` naming a measure or a column of the result (``alpha``, ``admin``,
        ``n_rows``: pandas' ``cannot insert alpha, already exists`` when computed);
        ``weight`` naming ``by`` or a column read as another thing (a measure, a flag, a
        probability, ``label``, ``task_type``, ``task_id``: the rows were weighed by their
        codes or scores without a word, :func:`_check_weight_column`); a
        ``dd.concat`` of frames whose ``by`` (a measure, ``weight``) holds numbers in one
        and True/False in another, also when renamed after the concat (Dask cast True to
        the code 1, to 1.0: :func:`_refuse_cast_flags`); a column read (``by``,
        ``weight``, a measure or flag) given twice (an ``AttributeError`` when computed,
        before). A ``by``
        named like the working columns of the sums (``__n_known``, ``alpha__w``) is rolled
        up as any other (a ``KeyError`` before).

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> s = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00"],
    ...                   "alpha": [0.2, 0.4, 0.9], "beta": [0.3, 0.5, 0.95],
    ...                   "gamma": [0.4, 0.6, 1.0], "admin": [True, False, True],
    ...                   "routine_coding": False, "entry_creative": False, "n": [1, 3, 1]})
    >>> occ = to_occupations(dd.from_pandas(s, npartitions=2), weight="n").compute()
    >>> occ[["n_rows", "alpha", "admin"]].round(3)
                  n_rows  alpha  admin
    onetsoc_code                      
    11-1011.00         2   0.35   0.25
    43-9061.00         1   0.90   1.00
    """
    return _rollup(scored, by, weight, _OCCUPATION_CODE_NAMES, tasks=True)


def to_sectors(scored: dd.DataFrame, by: str = "naics", *, weight: str | None = None) -> dd.DataFrame:
    """Weighted means of the scores of each industry code, as a tree reduction.

    The same computation as :func:`to_occupations`, grouped by an industry column of the
    postings (e.g. ``naics``) instead; the same arguments (``by`` default ``"naics"``),
    result and errors, but for a repeated task key (``onetsoc_code``, ``task_id``), which
    is not refused: a task is a row of each industry it is scored for.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> s = pd.DataFrame({"naics": ["52", "52", "23"], "alpha": [0.6, None, 0.1],
    ...                   "beta": [0.7, None, 0.15], "gamma": [0.8, None, 0.2],
    ...                   "admin": pd.array([True, None, False], dtype="boolean"),
    ...                   "routine_coding": False,
    ...                   "entry_creative": False})
    >>> sec = to_sectors(dd.from_pandas(s, npartitions=2)).compute()
    >>> sec[["n_rows", "n_scored", "alpha"]]
           n_rows  n_scored  alpha
    naics                         
    23          1         1    0.1
    52          2         1    0.6
    """
    return _rollup(scored, by, weight, _INDUSTRY_CODE_NAMES)


# ------------------------------------------------------------- files in, files out
@dataclass(frozen=True)
class ScoredDataset:
    """What :func:`score_dataset` did.

    Attributes
    ----------
    path : pathlib.Path
        Output directory (one ``part-NNNNN.parquet`` per partition).
    n_tasks, n_unscored : int
        Rows written; rows without a score.
    n_partitions : int
        Files written.
    method : str
        Method tag of the scores.
    """

    path: Path
    n_tasks: int
    n_unscored: int
    n_partitions: int
    method: str


#: Output names that promise a single file of another format (a ``.parquet`` directory is
#: the usual name of a Parquet dataset, and is accepted).
_FILE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls", ".dta", ".json"}
#: The options :func:`score_dataset` passes on to :func:`score`.
_SCORE_OPTIONS = ("text_column", "occupation_column", "onet", "reference_source", "mirror",
                  "data_dir", "model_path", "registry")


def _check_dataset_args(src, dst, method, client, workers, progress, quiet,
                        options) -> tuple[Path, Path, int | None]:
    """The arguments of :func:`score_dataset` checked before any work: ``(src, dst, workers)``.

    ``src`` and ``dst`` as paths, ``workers`` as an int (``2.0`` is 2) or None.

    Before, a path that was not one raised pathlib's ``TypeError``, a ``client`` that was
    not one an ``AttributeError`` once the output lock was taken, an unknown option a
    ``TypeError`` naming ``_score`` once the cluster had started; ``workers`` given with a
    client, or of any type, was ignored, and ``progress="no"`` showed the bar.
    """
    src = check_path(src, "src", "a Parquet file or directory")
    dst = check_path(dst, "dst", "an output directory")
    if client is not None and not isinstance(client, Client):
        raise DataFormatError(f"client must be a distributed.Client (or None), got {shown(client)}")
    if workers is not None:
        workers = check_count(workers, "workers", 1)  # 0 hung: a cluster without workers
        if client is not None:
            raise DataFormatError("workers is for the local cluster score_dataset starts (client=None); "
                                  "the client given has its own workers: give one of them")
    check_flag(progress, "progress")
    check_flag(quiet, "quiet")
    unknown = [k for k in options if k not in _SCORE_OPTIONS]
    if unknown:  # as Python says it, naming this function, not the private one it calls
        raise TypeError(f"score_dataset() got an unexpected keyword argument {unknown[0]!r} (its "
                        f"options are those of score: {', '.join(_SCORE_OPTIONS)})")
    args = {k: options.get(k) for k in _SCORE_OPTIONS} | {"text_column": options.get("text_column", "task")}
    _check_score_args(method, **args)
    suffix = dst.suffix.lower()
    if suffix in _FILE_SUFFIXES:
        raise OutputPathError(f"{dst}: --engine dask writes a directory of Parquet files, not a "
                              f"{dst.suffix} file; name a directory (or use --engine stream)")
    if suffix in _COMPRESSED_SUFFIXES:  # out.csv.gz: a directory of that name was written
        raise OutputPathError(f"{dst}: --engine dask writes a directory of Parquet files (compressed "
                              f"already), not a compressed {dst.suffix} file; name a directory (or use "
                              "--engine stream with a .parquet file)")
    return src, dst, workers


def _write_part(part: pd.DataFrame, path: str, index: int, text_column) -> tuple:
    """Write partition ``index`` without its ``_ODD`` and ``_NOTES`` columns; what it holds.

    Returns
    -------
    tuple
        ``(index, rows, rows without a score, method tag, texts that do not read as work
        tasks, position of the first row named by their warnings or -1, its text, notes)``;
        ``notes``: ``(position of the row named, format, args, index of the row in args or
        None)`` of each note on coded rows that O*NET cannot serve (:func:`_notes_column`).
    """
    odd = part[_ODD].to_numpy() if _ODD in part.columns else np.zeros(len(part), np.int64)
    notes = []
    if _NOTES in part.columns:
        cells = part[_NOTES].to_numpy(dtype=object, na_value=None)
        for pos in np.flatnonzero([cell is not None for cell in cells]):
            notes += [(int(pos), msg, args, at) for msg, args, at in json.loads(cells[pos])]
    part = part.drop(columns=[_ODD, _NOTES], errors="ignore")  # not the partition the task was given
    # into the run's temporary directory only: when another partition failed, the run removed
    # it, and a partition still running made it again (.out.XXXX.tmp/part-00001.parquet was
    # left beside the output)
    write_parquet(part, path, make_dirs=False)
    tag = str(part["method"].iloc[0]) if len(part) else ""
    named = np.flatnonzero(odd)
    first = int(named[0]) if len(named) else -1
    text = str(part[text_column].iloc[first])[:60] if first >= 0 and text_column in part.columns else ""
    return index, len(part), int(part["p_e0"].isna().sum()), tag, int(odd.sum()), first, text, notes


def _gather_in_order(client: Client, futures: list, bar) -> list:
    """The results of the partitions' ``futures``, as they complete; or the error of the first to fail, by number.

    A partition that fails with a library error (a bad cell, named by its file and row)
    ends the run with that error once every partition before it is done: the error of
    the first bad partition (the files in name order) is raised, whichever the cluster
    ran first, and the partitions after it are cancelled. Raised as it came, the error
    was that of the partition that failed first, from one run to the next (``b.parquet,
    row 8`` or ``d.parquet, row 8``, where ``exposure score`` of the files joined, and
    :func:`~exposure.scoring.score_tasks` of the frame, name ``b.parquet``). Other errors
    (a worker lost, a bug) are raised at once.
    """
    number = {fut.key: k for k, fut in enumerate(futures)}
    results, failed = [], None  # failed: (number, error) of the first partition that failed
    for fut in as_completed(futures):
        k = number[fut.key]
        if failed is not None and k > failed[0]:  # cancelled, or done after an earlier failure
            continue
        try:
            results.append(fut.result())
        except ExposureError as exc:
            failed = (k, exc)
            client.cancel([later for later in futures[k + 1:] if not later.done()])
            continue
        bar.update(1)
    if failed is not None:
        raise failed[1]
    return results


def _read_columns(path: str, columns: list) -> pd.DataFrame:
    """The columns ``columns`` of the part file ``path``, as :func:`_read_piece` reads their types."""
    return pq.read_table(path, columns=columns).to_pandas(types_mapper=_dataset_dtype)


def _piece_row(src: Path, pieces: list[tuple], partition: int, row: int) -> str:
    """How an error names row ``row`` (from 1) of partition ``partition`` of the dataset ``src``: its file and row."""
    if not 0 <= partition < len(pieces):
        return f"part-{partition:05d}.parquet, row {row}"
    path, _, start, *_ = pieces[partition]
    shown = Path(path).relative_to(src) if src.is_dir() else Path(path).name
    return f"{shown}, row {start + row}"


def _warn_odd_texts(src: Path, results: list[tuple]) -> None:
    """One warning for the dataset ``src`` on the texts that do not read as work tasks.

    The message of the stream engine for a file (:data:`~exposure.scoring.learned.
    ODD_TEXTS_MESSAGE`): the count over every partition, the rows of the dataset, and a
    row named by the first partition that has such texts, counted from 1 through the
    partitions in order (the files in name order): the row the stream engine names for
    the files joined into one. Nothing when no text was odd.
    """
    results = sorted(results)
    count = sum(r[4] for r in results)
    if not count:
        return
    offset = 0
    for _, rows, _, _, _, first, text, _ in results:
        if first >= 0:
            row = offset + first + 1
            break
        offset += rows
    logging.getLogger(learned_module.__name__).warning(
        learned_module.ODD_TEXTS_MESSAGE, f"{src}: ", count, sum(r[1] for r in results), row, "", text)


def _warn_notes(src: Path, results: list[tuple]) -> None:
    """One line per note on coded rows that O*NET cannot serve, for the dataset ``src``.

    As the stream engine says them for a file (:class:`~exposure.scoring._files._KeyNotes`):
    the count summed over every partition, and the first row named, counted from 1 through
    the partitions in order (the files in name order), as :func:`_warn_odd_texts` counts
    it. Each partition's batches warned before, in the workers, with their own counts and
    each naming its own row 1.
    """
    found: dict = {}  # format -> [args of the first row named, index of the row, row, count]
    offset = 0
    for _, rows, *_, notes in sorted(results, key=lambda r: r[0]):
        for pos, msg, args, at in sorted(notes, key=lambda n: n[0]):
            if msg in found:
                found[msg][3] += int(args[1])
            else:
                found[msg] = [args, at, offset + pos + 1, int(args[1])]
        offset += rows
    total = sum(r[1] for r in results)
    for msg, (args, at, row, count) in found.items():
        said = [f"{src}: ", count, *args[2:]]
        if at is not None:
            said[at] = row
        msg, log, _ = _note_said(msg, said, total)
        log.warning(msg, *said)


def _warn_unread(src: Path) -> None:
    """Warn of the files of the dataset directory ``src`` that are not read, being named as no Parquet file.

    :func:`_dataset_pieces` reads the files named ``.parquet``, ``.pq`` or ``.parq``; a
    ``part-0001.csv`` beside them, or a Parquet file without the suffix (Hive, Trino and
    Athena name theirs ``000000_0``), was left out without a word: its rows were not
    scored. Names starting with ``.`` or ``_`` (Spark's ``_SUCCESS`` and ``.crc`` files,
    ``_temporary/``) are skipped without a word, as Dask and Spark skip them.
    """
    if not src.is_dir():
        return
    unread = [f.relative_to(src) for f in _tree_files(src) if f.suffix.lower() not in _PARQUET_SUFFIXES]
    if unread:
        shown = ", ".join(str(f) for f in unread[:3]) + (f" and {len(unread) - 3} more" if len(unread) > 3 else "")
        logger.warning("%s: %d file(s) of the dataset are not read, not being named .parquet, .pq or .parq "
                       "(%s): their rows are not scored; give a Parquet file one of these suffixes, or "
                       "move the other files out (names starting with '.' or '_' are skipped)",
                       src, len(unread), shown)


def _check_not_in_dataset(src: Path, dst: Path) -> None:
    """Refuse an output directory inside the input dataset ``src``, where its files would be input.

    Every Parquet file under ``src`` is read (:func:`_dataset_pieces`), except under names
    starting with ``.`` or ``_``: ``score_dataset(src, src / "out")`` wrote its part files
    into the dataset, and the next run read them as input (it failed on their columns).
    So are those of a directory linked to from ``src`` (:func:`_tree_files`): an output
    there (``src/year=2025 -> /archive/2025``, ``dst`` ``/archive/2025/out``) is refused too.
    """
    if not src.is_dir():
        return
    real = Path(os.path.abspath(dst)).resolve()
    for root, _ in _tree(src):
        try:
            inside = real.relative_to(os.path.realpath(root))
        except ValueError:
            continue
        # ``src`` itself is check_output_dir's to refuse; a directory linked to is read whole
        if (inside.parts or root != str(src)) and not any(p.startswith((".", "_")) for p in inside.parts):
            raise OutputPathError(f"{dst}: refusing to write the scores inside the input dataset {src}: "
                                  "its Parquet files would be read as input by the next run; choose an "
                                  "output directory outside it (or one whose name starts with '_')")


#: Names of the files :func:`score_dataset` writes, one per partition.
_PART_NAME = re.compile(r"part-[0-9]{5,}\.parquet")


def _earlier_parts(dst: Path) -> set[str]:
    """Names of the part files (``part-NNNNN.parquet``) an earlier :func:`score_dataset` left in ``dst``.

    They are replaced or removed by the new run: a run of fewer partitions kept the
    earlier run's last parts beside its own, and reading ``dst`` gave the rows of both.
    """
    try:
        with os.scandir(dst) as entries:
            return {entry.name for entry in entries if _PART_NAME.fullmatch(entry.name)}
    except OSError:  # no directory yet
        return set()


def _foreign_parquet(dst: Path) -> Path | None:
    """The first Parquet file under ``dst`` that is not a part file of :func:`score_dataset`, or None.

    Read as a dataset, ``dst`` is every Parquet file under it (names starting with ``.``
    or ``_`` aside, as :func:`read_dataset` and Dask skip them): another dataset's file
    kept beside the new part files gave its rows with the scores.
    """
    if not dst.is_dir():
        return None
    for f in _tree_files(dst):
        rel = f.relative_to(dst)
        if f.suffix.lower() not in _PARQUET_SUFFIXES:
            continue
        if len(rel.parts) == 1 and _PART_NAME.fullmatch(f.name):
            continue
        return f
    return None


def _check_no_foreign_parquet(dst: Path) -> None:
    """Refuse ``dst`` when it holds a Parquet file that :func:`score_dataset` did not write."""
    theirs = _foreign_parquet(dst)
    if theirs is not None:
        raise OutputPathError(f"{theirs}: refusing to write the scores into {dst}: it holds this Parquet "
                              "file, which is no part file of an earlier run, and reading the output as a "
                              "dataset would give its rows with the scores; move it (or give it a name "
                              "starting with '_') or choose a new or empty output directory")


def score_dataset(src, dst, method: str = "learned", *, client: Client | None = None,
                  workers: int | None = None, progress: bool = True, quiet: bool = True,
                  **options) -> ScoredDataset:
    """Score a partitioned Parquet dataset on Dask; write one Parquet file per partition.

    Parameters
    ----------
    src : str or os.PathLike
        Directory of Parquet files (or one Parquet file).
    dst : str or os.PathLike
        Output directory, replaced as a whole when everything is written
        (:func:`exposure._outdir.replace_directory`); nothing changes on an error. The
        ``part-NNNNN.parquet`` files of an earlier run there (listed under the lock) are
        replaced or removed (a run of fewer partitions kept the earlier run's last parts);
        other files are kept, but not other Parquet files (see Raises).
    method : str, default "learned"
    client : distributed.Client, optional
        Scheduler to run on; default a :class:`distributed.LocalCluster` of ``workers``
        single-threaded worker processes, closed at the end.
    workers : int, optional
        Workers of the default local cluster (default: one per CPU).
    progress : bool, default True
        Show a progress bar of the partitions (on stderr, when it is a terminal).
    quiet : bool, default True
        The workers and scheduler of the default local cluster log only critical messages
        (``LocalCluster(silence_logs=logging.CRITICAL)``): a bad cell is reported once, by
        the error this function raises, not also as a worker's "Compute Failed" traceback.
        False: distributed's own level (warnings).
    **options
        Passed to :func:`score` (``text_column``, ``onet``, ``mirror``...).

    Returns
    -------
    ScoredDataset

    Raises
    ------
    exposure.errors.DataFormatError
        Before any work: ``src`` or ``dst`` not a path (None, bytes, a list), ``client``
        not a :class:`distributed.Client`, ``workers`` not a whole number of 1 or more (or
        given with a ``client``), ``progress`` or ``quiet`` not a bool, an option of
        :func:`score` of the wrong type; ``src`` missing or a file of another format
        (:func:`read_dataset`). Later: unreadable input, a missing column (naming
        ``src``), bad cells (those of the first bad file in name order, whichever the
        cluster ran first: :func:`_gather_in_order`), a task key on two rows (see
        :func:`check`; named by the files and their rows: ``SRC: 1 task key(s) ... at
        a.parquet, row 2 and b.parquet, row 2``).
    exposure.errors.ExposureError
        Unknown method or release, model artifact problems (as :func:`score`).
    exposure._outdir.OutputPathError
        ``dst`` named as a file (``.csv``, ``.xlsx``...) or a compressed file (``.gz``,
        ``.zip``...), a directory that cannot be replaced
        (:func:`exposure._outdir.check_output_dir`), or one inside the directory ``src``
        (unless a name on the way starts with ``_`` or ``.``: the files are not read there);
        ``dst`` holding a Parquet file that is no part file of an earlier run (another
        dataset's ``scores.parquet``, ``year=2024/a.parquet``: reading the output as a
        dataset gave its rows with the scores), unless its name, or a directory's on the
        way, starts with ``_`` or ``.``.
    exposure._outdir.RecomputeLockedError
        Another run holds the lock of ``dst``, or kept changing its part files.
    TypeError
        An option that :func:`score` does not take.

    Notes
    -----
    Texts that do not read as work tasks (``learned``) are reported once for the dataset,
    on the client, by the ``exposure.scoring.learned`` logger, in the stream engine's
    words (:data:`~exposure.scoring.learned.ODD_TEXTS_MESSAGE`): ``SRC: 3 of 12 texts do
    not read as work tasks (... e.g. row 4, '...')``, with the count summed over the
    partitions and the row counted from 1 through the files in name order. (Each
    partition warned in its worker with its own count and rows.) So are the notes on
    coded rows that O*NET cannot serve (``onet``), by the ``exposure.scoring.categories``
    logger: ``SRC: 2 row(s) with an O*NET-SOC code have no task ID (first: row 4, ...)``;
    and the transformer's warning that it cut texts (``SRC: 2 of 5 texts are longer than the
    transformer's 48 tokens ...``, :data:`~exposure.scoring.learned.CUT_TEXTS_MESSAGE`).
    Columns named like score columns are said once, before any work, as ``exposure score
    FILE`` says them (``SRC: the input column(s) 'label' have the names of score columns:
    DST holds the scores there, ...``; not for scored files), and so are keys under
    headers that are not read as keys (:data:`~exposure.scoring.KEY_HEADERS_MESSAGE`).
    Files of ``src`` that are not read, being named as no Parquet file (``part-0001.csv``,
    a Parquet file without its suffix), are said once, before any work, by the
    ``exposure.dask`` logger (their rows were left out without a word); names starting
    with ``.`` or ``_`` are skipped without one (``_SUCCESS``, ``.crc`` files).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from distributed import Client
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "in").mkdir()
    >>> pd.DataFrame({"task": ["Weld pipes.", "Type letters."]}).to_parquet(d / "in" / "a.parquet")
    >>> with Client(processes=False, n_workers=1, dashboard_address=":0") as client:
    ...     done = score_dataset(d / "in", d / "out", "rubric", client=client, progress=False)
    >>> done.n_tasks, sorted(p.name for p in (d / "out").iterdir())
    (2, ['part-00000.parquet'])
    """
    src, dst, workers = _check_dataset_args(src, dst, method, client, workers, progress, quiet, options)
    _check_src(src)
    check_output_dir(dst, protect=[src])
    _check_not_in_dataset(src, dst)
    _check_no_foreign_parquet(dst)
    ddf, pieces = _read_dataset(src)
    _warn_unread(src)
    own = client is None
    if own:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0",
                               silence_logs=logging.CRITICAL if quiet else logging.WARNING)
        client = Client(cluster)
    try:
        aliases = onet_aliases(ddf._meta)  # the input's name of the text column (Task)
        # the text column of the scored rows: O*NET's header ``Task`` is written ``task``
        # (append_scores), so the warning on odd texts read the input's name and showed ''
        text_column = aliased_column(options.get("text_column", "task"), aliases)
        try:
            scored = _score(ddf, method, odd=True, **options)
        except DataFormatError as exc:  # a missing column: found on the client, of no file or row
            if exc.path is not None or exc.row is not None:
                raise
            named = type(exc)(exc.reason, path=src, column=exc.column)
            if named.reason.startswith("missing text column"):  # a column of task-like texts offered, as for a file
                named = text_column_noted(named, ddf.partitions[0].compute().drop(
                    columns=[c for c in _HIDDEN if c in ddf.columns]))
            raise named from None
        # once for the dataset, before any work (each partition, a batch, left them unsaid)
        head = ddf._meta.drop(columns=[c for c in _HIDDEN if c in ddf.columns]).rename(columns=aliases)
        _warn_columns(head, src, dst, used=(text_column, aliased_column(
            options.get("occupation_column"), aliases)))
        # the part files of an earlier run are this function's: one of more partitions than
        # now (part-00002.parquet beside a new part-00000) was kept, and read back with them;
        # they are listed under the lock
        def earlier_parts():
            _check_no_foreign_parquet(dst)
            return _earlier_parts(dst)

        with replace_directory(dst, owned=earlier_parts, protect=[src]) as tmp:
            names = [f"part-{i:05d}.parquet" for i in range(scored.npartitions)]
            tasks = [dask.delayed(_write_part)(p, str(tmp / name), i, text_column)
                     for i, (p, name) in enumerate(zip(scored.to_delayed(), names, strict=True))]
            futures = client.compute(tasks)
            # disable=None (a bar on a terminal only) overrides tqdm's own TQDM_DISABLE, which
            # tqdm applies only to arguments not given: honoured here
            bar = tqdm(total=len(futures), unit="partition", desc="exposure score",
                       disable=None if progress and not os.environ.get("TQDM_DISABLE") else True)
            results = _gather_in_order(client, futures, bar)
            bar.close()
            # one partition per part file, each that of one piece of the input (read_parquet
            # joined small files into one partition, and a repeated key was named by its row
            # there: ``scored.partitions[0], row 4``, of no file the user has)
            paths = [str(tmp / name) for name in names]
            columns = pq.read_schema(paths[0]).names
            keys = [c for c in columns if c in ("onetsoc_code", "task_id", "p_e0",
                                                *onet_aliases(pd.DataFrame(columns=columns)))]
            written = dd.from_map(_read_columns, paths, columns=keys, enforce_metadata=False,
                                  meta=_read_columns(paths[0], keys).iloc[:0])
            summary = _check(written, lambda p, r: _piece_row(src, pieces, p, r), path=src)
            _warn_odd_texts(src, results)
            _warn_notes(src, results)
    finally:
        if own:
            client.close()
            cluster.close()
    tags = sorted({r[3] for r in results if r[3]})
    if len(tags) > 1:
        raise ExposureError(f"partitions were scored with different methods: {tags}")
    return ScoredDataset(dst, summary["rows"], sum(r[2] for r in results), len(results),
                         tags[0] if tags else method)

