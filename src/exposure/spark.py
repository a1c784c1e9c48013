"""Score job-posting texts on Spark with ``mapInPandas`` (the optional extra ``ai-exposure[spark]``).

The scorer is a batch function, :func:`exposure.scoring.score_tasks`, as for
:mod:`exposure.dask`; Spark runs it with ``DataFrame.mapInPandas``:

- :func:`score_batches` is the function to hand to ``mapInPandas``: it scores each pandas
  batch of a partition and yields the input columns followed by the score columns.
  Spark cuts a partition into Arrow batches (``spark.sql.execution.arrow.maxRecordsPerBatch``
  rows); the ``learned`` model averages the word vectors of the rows of one occupation (same
  O*NET-SOC code; a row without a code is scored as text alone), so the rows of the
  occupation a batch ends in are carried over to the next batch, as the streaming
  ``exposure score`` does. When each occupation's rows are contiguous in one partition,
  every row gets the same bytes as when the whole input is scored at once in one process,
  whatever the batch size.
- :func:`score_schema` is the Spark schema of the output (input columns, then the score
  columns).
- :func:`score` does both for a whole DataFrame: it puts the rows of each occupation in one
  partition, in their input order (``repartition`` and ``sortWithinPartitions`` on an
  occupation key), then scores them. The output has no meaningful row order (Spark's
  never has): keep an id column to join on.

PySpark is imported only when a function needs it; this module imports without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from exposure._args import shown
from exposure.errors import DataFormatError
from exposure.scoring import SCORE_COLUMNS, score_tasks
from exposure.scoring._files import (
    append_scores,
    cached_onet,
    carry_cut,
    occupation_keys,
    onet_aliases,
)
from exposure.scoring._inputs import check_columns
from exposure.scoring.learned import load_model, titles_share_context

__all__ = ["score", "score_batches", "score_schema", "SCORE_TYPES"]

#: Spark SQL type of each score column (:data:`exposure.scoring.SCORE_COLUMNS`).
SCORE_TYPES = {
    "p_e0": "double", "p_e1": "double", "p_e2": "double", "label": "string",
    "alpha": "double", "beta": "double", "gamma": "double",
    "admin": "boolean", "routine_coding": "boolean", "entry_creative": "boolean",
    "method": "string", "confidence": "double", "nearest_task_id": "bigint",
    "nearest_onetsoc_code": "string", "similarity": "double",
}
_ROW = "__exposure_row"
_KEY = "__exposure_occupation"


def score_batches(batches: Iterable[pd.DataFrame], method: str = "learned", *,
                  text_column: str = "task", occupation_column: str | None = None,
                  onet: str | None = None, mirror=None, data_dir=None, model_path=None,
                  **options) -> Iterator[pd.DataFrame]:
    """Score the pandas batches of one partition (the function for ``mapInPandas``).

    Parameters
    ----------
    batches : iterable of pandas.DataFrame
        What Spark hands ``mapInPandas``: the batches of one partition, in order.
    method, text_column, occupation_column
        As in :func:`exposure.scoring.score_tasks`.
    onet : str, optional
        O*NET release (e.g. ``"29.1"``) for rows with ``onetsoc_code`` and ``task_id``;
        loaded once per Python worker from ``mirror``/``data_dir`` (paths the workers read).
    mirror, data_dir : optional
        Where O*NET and the published labels (``reference``) are read from.
    model_path : str or os.PathLike, optional
        ``learned`` artifact (default the shipped one), sha256-verified on every partition.
    **options
        Passed to :func:`~exposure.scoring.score_tasks` (e.g. ``reference_source``).

    Raises
    ------
    exposure.errors.DataFormatError
        ``batches`` that is one frame or not an iterable, a batch that is not a frame
        (numbered from 1), a column given twice in a batch; the errors of
        :func:`~exposure.scoring.score_tasks`.

    Yields
    ------
    pandas.DataFrame
        The input columns (O*NET's published headers renamed, see
        :func:`exposure.scoring._files.onet_aliases`; the internal columns of :func:`score`
        dropped), then :data:`~exposure.scoring.SCORE_COLUMNS`. For ``learned``, the rows
        of the occupation a batch ends in are yielded with the next batch.

    Examples
    --------
    >>> texts = pd.DataFrame({"task": ["Answer telephones and relay messages.",
    ...                                "Operate a forklift to move pallets."]})
    >>> [b["label"].tolist() for b in score_batches([texts.iloc[:1], texts.iloc[1:]])]
    [['E1'], ['E0']]
    """
    if isinstance(batches, pd.DataFrame):  # its column names were taken as the batches
        raise DataFormatError("batches must be an iterable of pandas DataFrames (what Spark hands "
                              "mapInPandas), got one DataFrame: write [frame]")
    if not isinstance(batches, Iterable) or isinstance(batches, (str, bytes)):
        raise DataFormatError("batches must be an iterable of pandas DataFrames (what Spark hands "
                              f"mapInPandas), got {shown(batches)}")
    model = load_model(model_path) if method == "learned" else None
    by_title = model is not None and titles_share_context(model)
    release = cached_onet(onet, mirror, data_dir)
    pending = None
    for number, batch in enumerate(batches, start=1):
        if not isinstance(batch, pd.DataFrame):  # an AttributeError or TypeError from inside
            raise DataFormatError(f"batch {number} must be a pandas DataFrame, got {shown(batch)}")
        # a column twice (Spark keeps both columns of a join): the learned scorer's grouping
        # by code raised "'DataFrame' object has no attribute 'str'"
        check_columns(batch)
        frame = batch if pending is None else _one_chunk(pd.concat([pending, batch], ignore_index=True))
        cut = len(frame)
        if method == "learned" and cut:
            cut = carry_cut(frame[_KEY].tolist() if _KEY in frame.columns
                            else occupation_keys(frame.rename(columns=onet_aliases(frame)), occupation_column,
                                                 by_title=by_title))
        if cut:
            yield _score(frame.iloc[:cut], method, text_column, occupation_column, release,
                         mirror, data_dir, model, options)
        pending = frame.iloc[cut:] if cut < len(frame) else None
    if pending is not None:
        yield _score(pending, method, text_column, occupation_column, release, mirror, data_dir,
                     model, options)


def _one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its Arrow-backed string columns in one chunk each, as PySpark needs.

    ``pd.concat`` of pandas 3's ``str`` columns gives columns of several Arrow chunks, which
    PySpark 4.3's pandas-to-Arrow conversion refuses ("Cannot convert
    pyarrow.lib.ChunkedArray to pyarrow.lib.Array"); the same values, rebuilt.
    """
    chunked = [c for c, t in frame.dtypes.items()
               if isinstance(t, pd.StringDtype) and t.storage == "pyarrow"]
    return frame.assign(**{c: frame[c].astype(object).astype(frame[c].dtype) for c in chunked})


def _score(frame, method, text_column, occupation_column, release, mirror, data_dir, model,
           options) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in (_ROW, _KEY) if c in frame.columns])
    renamed = frame.rename(columns=onet_aliases(frame)).reset_index(drop=True)
    scores = score_tasks(renamed, method, text_column=text_column,
                         occupation_column=occupation_column, onet=release, mirror=mirror,
                         data_dir=data_dir, model=model, **options)
    return append_scores(frame, scores)


def score_schema(schema):
    """The Spark schema of :func:`score_batches`' output for input of schema ``schema``.

    Parameters
    ----------
    schema : pyspark.sql.types.StructType
        Schema of the input DataFrame (``df.schema``).

    Returns
    -------
    pyspark.sql.types.StructType
        Its fields (O*NET's published headers renamed; fields named like score columns and
        the internal fields of :func:`score` left out), then the score columns
        (:data:`SCORE_TYPES`).
    """
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    names = [f.name for f in schema.fields]
    aliases = onet_aliases(pd.DataFrame(columns=names))
    fields = [StructField(aliases.get(f.name, f.name), f.dataType, f.nullable)
              for f in schema.fields
              if aliases.get(f.name, f.name) not in SCORE_TYPES and f.name not in (_ROW, _KEY)]
    fields += [StructField(c, _parse_datatype_string(SCORE_TYPES[c]), True) for c in SCORE_COLUMNS]
    return StructType(fields)


def score(sdf, method: str = "learned", *, text_column: str = "task",
          occupation_column: str | None = None, **options):
    """Score every row of a Spark DataFrame; the input columns followed by the score columns.

    For ``learned``, the rows are first regrouped so that each occupation's rows are in one
    partition, contiguous and in their input order (``repartition`` into
    ``spark.sql.shuffle.partitions`` partitions); every row then gets the same scores as
    when the whole input is scored at once by :func:`exposure.scoring.score_tasks`.

    Parameters
    ----------
    sdf : pyspark.sql.DataFrame
        One task or posting text per row.
    method, text_column, occupation_column
        As in :func:`exposure.scoring.score_tasks`.
    **options
        Passed to :func:`score_batches` (``onet``, ``mirror``, ``model_path``...).

    Returns
    -------
    pyspark.sql.DataFrame
        Lazy; columns as :func:`score_schema` says. No row order: keep an id column.
    """
    from functools import partial

    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    run = partial(score_batches, method=method, text_column=text_column,
                  occupation_column=occupation_column, **options)
    schema = score_schema(sdf.schema)
    if method != "learned":
        return sdf.mapInPandas(run, schema)

    by_title = titles_share_context(load_model(options.get("model_path")))

    def with_keys(batches):
        for batch in batches:
            keys = occupation_keys(batch.rename(columns=onet_aliases(batch)), occupation_column,
                                   by_title=by_title)
            rows = batch[_ROW].tolist()
            yield batch.assign(**{_KEY: [k if k else f"row:{r}" for k, r in zip(keys, rows, strict=True)]})

    numbered = sdf.withColumn(_ROW, F.monotonically_increasing_id())
    keyed = numbered.mapInPandas(
        with_keys, StructType([*numbered.schema.fields, StructField(_KEY, StringType(), False)]))
    grouped = keyed.repartition(_KEY).sortWithinPartitions(_KEY, _ROW)
    return grouped.mapInPandas(run, schema)
