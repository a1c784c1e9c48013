"""Score job-posting texts on Spark with ``mapInPandas`` (the optional extra ``ai-exposure[spark]``).

The scorer is a batch function, :func:`exposure.scoring.score_tasks`, as for
:mod:`exposure.dask`; Spark runs it with ``DataFrame.mapInPandas``:

- :func:`score_batches` is the function to hand to ``mapInPandas``: it scores each pandas
  batch of a partition and yields the input columns followed by the score columns.
  Spark cuts a partition into Arrow batches (``spark.sql.execution.arrow.maxRecordsPerBatch``
  rows); the ``learned`` model averages the word vectors of the rows of one occupation (same
  O*NET-SOC code; a row without a code is scored as text alone), and so does
  ``transformer`` for the O*NET tasks it is given by id, so the rows of the
  occupation a batch ends in are carried over to the next batch, as the streaming
  ``exposure score`` does. When each occupation's rows are contiguous in one partition,
  every row gets the same bytes as when the whole input is scored at once in one process,
  whatever the batch size.
- :func:`score_schema` is the Spark schema of the output (input columns, then the score
  columns).
- :func:`score` does both for a whole DataFrame: it puts the rows of each occupation in one
  partition, in their order in the DataFrame (``repartition`` and ``sortWithinPartitions``
  on an occupation key), then scores them: the bytes of ``score_tasks`` of the rows in
  that order (see :func:`score` for a DataFrame in another order than its source). The
  output has no meaningful row order (Spark's never has): keep an id column to join on.
- :func:`check` makes the check no partition can: a task key (``onetsoc_code``,
  ``task_id``) on rows of two partitions (one partition refuses its own repeats, also
  across its Arrow batches); and the share of rows scored.

Warnings. The scorers' warnings on rows (task IDs that O*NET lists for another task,
:data:`~exposure.scoring.OTHER_IDS_MESSAGE` and ``reference``'s
:data:`~exposure.scoring.OTHER_LABELS_MESSAGE`; coded rows that O*NET cannot serve; texts
that do not read as work tasks or that the transformer cut) are summed over the batches
of a partition and logged once per partition, after its last batch, on the scorer's
logger, naming the partition when run by Spark (``Spark partition 2: 3 row(s) have ...
(first: row 5, ...)``, the row counted from ``row_offset``, default 1, through the
partition's batches; for the rows :func:`score` regrouped by occupation, the row named is
that of the first such row in its input partition, which the words name). They are
logged in the executors' Python workers, each in its own process: a local session
(``master("local[*]")``) prints them on the driver's console (Python's last-resort
handler, when the workers' logging has none), a cluster in each executor's stderr log;
the driver gets no sum over the job. Each batch warned before, with its own count and
its own first row, naming no partition. The INFO lines ``reference (human): 3 of 3 tasks
have a published label`` and ``learned: scored 3 tasks (...)`` are so summed too
(``Spark partition 2: reference (human): 9 of 9 ...``).

Errors. An error of ``score_tasks`` on a row names, under Spark, the partition and the
row in it (``Spark partition 2, row 5, column 'task': ...``); for the rows :func:`score`
regrouped by occupation, the partition of its input and the row there (``Spark input
partition 1, row 2, ...``), not the row of the shuffled partition.

PySpark is imported only when a function needs it; this module imports without it.
"""

from __future__ import annotations

import logging
import numbers
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd

from exposure import scoring as scoring_module
from exposure._args import check_column, check_path, shown
from exposure._tables import norm_task_ids, task_id_numbers
from exposure.errors import DataFormatError
from exposure.fetch import check_location
from exposure.onet import OnetRelease
from exposure.releases import check_onet_release
from exposure.schemas._fields import first_bad_onetsoc_code
from exposure.scoring import (
    PROBA_COLUMNS,
    SCORE_COLUMNS,
    _check_model_method,
    _check_rows,
    _checked_labels,
    _normalise_method,
    _score_as_batch,
)
from exposure.scoring import categories as categories_module
from exposure.scoring import learned as learned_module
from exposure.scoring import reference as reference_module
from exposure.scoring._files import (
    _check_new_keys,
    _NoteFilter,
    _score_named,
    aliased_column,
    append_scores,
    cached_onet,
    carry_cut,
    first_on,
    occupation_keys,
    onet_aliases,
    row_arg,
)
from exposure.scoring._inputs import (
    check_columns,
    check_path_name,
    check_row_offset,
    columns_shown,
    missing_occupation_column,
    task_texts,
)
from exposure.scoring.learned import load_model_at, runner_path, titles_share_context

__all__ = ["score", "score_batches", "score_schema", "check", "SCORE_TYPES", "REPLACED_COLUMNS_MESSAGE"]

#: Spark SQL type of each score column (:data:`exposure.scoring.SCORE_COLUMNS`).
SCORE_TYPES = {
    "p_e0": "double", "p_e1": "double", "p_e2": "double", "label": "string",
    "alpha": "double", "beta": "double", "gamma": "double",
    "admin": "boolean", "routine_coding": "boolean", "entry_creative": "boolean",
    "method": "string", "confidence": "double", "nearest_task_id": "bigint",
    "nearest_onetsoc_code": "string", "similarity": "double",
}
#: Prefix of the hidden columns :func:`score` adds (and drops): a user column so named is refused.
_OWN_PREFIX = "__exposure_"
_ROW = f"{_OWN_PREFIX}row"
_KEY = f"{_OWN_PREFIX}occupation"
#: ``monotonically_increasing_id`` (:data:`_ROW`): the row in its partition in the lower 33
#: bits, the partition above.
_ROW_BITS = (1 << 33) - 1
#: Methods whose scores depend on the other rows of an occupation (the ``learned`` sets'
#: occupation context; ``transformer`` scores O*NET tasks given by id with them), as in
#: :mod:`exposure.dask` and the stream engine: their rows are regrouped by occupation
#: (:func:`score`) and an occupation is not cut between Arrow batches (:func:`score_batches`).
_GROUPED = ("learned", "transformer")
#: Options of :func:`score_batches` (and :func:`score`) besides ``method`` and the columns:
#: its own, then those passed on to :func:`~exposure.scoring.score_tasks`.
_OPTIONS = ("onet", "mirror", "data_dir", "model_path", "registry", "labels", "reference_source",
            "path", "row_offset")


#: The warnings on rows that :func:`score_batches` sums over a partition's batches: on the
#: ``exposure.scoring`` logger, those on task IDs of other tasks (by equality: the stream
#: engine's filter matches them so too).
_OTHER_IDS = (scoring_module.OTHER_IDS_MESSAGE, scoring_module.OTHER_LABELS_MESSAGE)
#: The scorers' INFO lines on each call of ``score_tasks`` (once per Arrow batch) that
#: :func:`score_batches` sums over a partition's batches: (logger, format) -> the indices of
#: the counts among its args.
_SUMMED_INFO = {
    ("exposure.scoring.reference", "reference (%s): %d of %d tasks have a published label"): (1, 2),
    ("exposure.scoring.learned", "learned: scored %d tasks (%d with O*NET work activities)"): (0, 1),
}


class _HeldWarnings(logging.Filter):
    """Hold back this thread's warnings on rows of a partition's batches; :meth:`report` says each once.

    A filter on the ``exposure.scoring``, ``exposure.scoring.categories``,
    ``exposure.scoring.learned`` and ``exposure.scoring.reference`` loggers while in its
    ``with`` block. Held (not logged): the warnings on task IDs of other tasks
    (:data:`_OTHER_IDS`), the notes on coded rows that O*NET cannot serve
    (``exposure.scoring._files._NoteFilter.NOTES``), the learned scorers' warnings on odd
    and cut texts, and the INFO lines of :data:`_SUMMED_INFO`. Each batch's
    ``score_tasks`` said them with its own count, once per Arrow batch; :attr:`held` keeps,
    per format, the args of the first (the batches come in order) and the count summed;
    :attr:`summed` the INFO lines' args, their counts summed. Records of other threads
    pass.
    """

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()
        self.held: dict[str, list] = {}  # format -> [args of the first, summed count, logger]
        self.summed: dict[str, list] = {}  # format of an INFO line -> [args summed, logger]
        self.loggers = [logging.getLogger(m.__name__)
                        for m in (scoring_module, categories_module, learned_module, reference_module)]

    def __enter__(self) -> _HeldWarnings:
        for log in self.loggers:
            log.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        for log in self.loggers:
            log.removeFilter(self)

    def takes(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` is one of the warnings held, of this thread, with its count second."""
        msg, args = record.msg, record.args
        if (record.name, msg) in _SUMMED_INFO:
            return threading.get_ident() == self.thread and isinstance(args, tuple)
        if (threading.get_ident() != self.thread or not isinstance(msg, str)
                or not (isinstance(args, tuple) and len(args) >= 3 and isinstance(args[1], int))):
            return False
        if record.name == scoring_module.__name__:
            return msg in _OTHER_IDS
        if record.name == learned_module.__name__:
            return msg is learned_module.ODD_TEXTS_MESSAGE or msg is learned_module.CUT_TEXTS_MESSAGE
        return record.name == categories_module.__name__ and any(n in msg for n in _NoteFilter.NOTES)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.takes(record):
            return True
        counts = _SUMMED_INFO.get((record.name, record.msg))
        if counts is not None:  # an INFO line: its counts summed
            if record.msg in self.summed:
                said = self.summed[record.msg][0]
                for at in counts:
                    said[at] += record.args[at]
            else:
                self.summed[record.msg] = [list(record.args), record.name]
        elif record.msg in self.held:
            self.held[record.msg][1] += record.args[1]
        else:
            self.held[record.msg] = [list(record.args), record.args[1], record.name]
        return False

    def report(self, rows: int, first: int, regrouped: list | None) -> None:
        """Log each warning held once, with the partition's count, naming the partition.

        ``rows`` is the number of rows of the partition (the texts the odd and cut texts
        are counted over), ``first`` the number of its first row; ``regrouped`` the hidden
        row ids of :func:`score` (``monotonically_increasing_id``: the input partition in
        the upper bits, the row in it in the lower 33), or None.
        """
        part = _partition()
        for msg, (args, name) in self.summed.items():
            if part is None:
                logging.getLogger(name).info(msg, *args)
            else:
                logging.getLogger(name).info("Spark partition %d: " + msg, part, *args)
        self.summed.clear()
        for msg, (args, count, name) in self.held.items():
            at = row_arg(msg)
            where = args[0][:-2] if args[0].endswith(": ") else args[0]
            words = [w for w in (where, f"Spark partition {part}" if part is not None else "") if w]
            if regrouped is not None and at is not None and 0 <= args[at] - first < len(regrouped):
                ident = int(regrouped[args[at] - first])
                args[at] = (ident & _ROW_BITS) + 1
                words.append(f"rows regrouped by occupation; the row named is of input partition {ident >> 33}")
            said = [", ".join(words[:2]) + (f" ({words[2]})" if len(words) > 2 else "") + ": "
                    if words else "", count, *args[2:]]
            if msg is learned_module.ODD_TEXTS_MESSAGE or msg is learned_module.CUT_TEXTS_MESSAGE:
                said[2] = rows  # "2 of 4 texts": of the partition's, not of the last batch's
            logging.getLogger(name).warning(msg, *said)
        self.held.clear()


def _partition() -> int | None:
    """The id of the Spark partition this Python worker runs; None outside a Spark task."""
    try:
        from pyspark import TaskContext
    except ImportError:  # called by hand, without PySpark
        return None
    context = TaskContext.get()
    return None if context is None else context.partitionId()


def _check_arguments(method, text_column, occupation_column, options: dict) -> None:
    """Refuse the arguments that :func:`~exposure.scoring.score_tasks` would refuse only on a batch.

    Under Spark (lazy) a bad argument surfaced when the job ran, in a worker's traceback;
    an option that ``score_tasks`` does not take was a ``TypeError``; a partition with no
    batches let any argument through. A ``model_path`` that is not a path (a number, a
    list, ``""``) is refused whatever the method, as :func:`exposure.dask.score` refuses
    it: the methods without a model let it through without a word, and ``learned``
    named it ``path`` (``path must be a model artifact path``), which is another option.
    ``labels`` and ``path`` are checked as ``score_tasks`` checks them (a ``labels`` that
    is not a frame, whatever the method; for ``reference``, a frame of labels it refuses;
    a ``path`` that is not a file name): they were let through to the first batch.
    """
    method, source = _normalise_method(method, options.get("reference_source"))
    check_column(text_column, "text_column")
    check_column(occupation_column, "occupation_column", optional=True)
    for name in options:
        if name == "model":  # score_tasks' name: "got multiple values for keyword argument"
            raise DataFormatError("model is not an option of exposure.spark: give model_path= "
                                  "(the path of a learned artifact, which the workers read)")
        if name not in _OPTIONS:
            raise DataFormatError(f"unknown option {name!r}; the options are {', '.join(_OPTIONS)}")
    _check_onet(options.get("onet"))
    check_location(options.get("mirror"), "mirror")
    check_location(options.get("data_dir"), "data_dir")
    if options.get("model_path") is not None:
        check_path(options["model_path"], "model_path", "a model artifact path")
    if options.get("registry") is not None:
        check_path(options["registry"], "registry", "a model registry file")
    # rubric and reference read no model: model_path and registry were ignored without a word
    _check_model_method(options.get("model_path"), method, "model_path")
    _check_model_method(options.get("registry"), method, "registry")
    if "row_offset" in options:
        check_row_offset(options["row_offset"])
    # as score_tasks checks them, on the driver: ``labels="labels.csv"`` or ``path=5`` surfaced
    # when the job ran, in a worker's traceback, and a partition of no batch let them through
    check_path_name(options.get("path"))
    _checked_labels(options.get("labels"), method, source)


#: The options of :func:`score` that name files the executors read, made absolute on the driver.
_PATHS = ("mirror", "data_dir", "model_path", "registry")


def _check_onet(onet) -> None:
    """Refuse an ``onet`` that is neither a release name, a loaded release nor None.

    A name is checked as :func:`exposure.dask.score` checks it
    (:func:`~exposure.releases.check_onet_release`), on the driver: a name of another form
    (``"v29.1"``, ``""``) or a number (``29.1``, which loses the zeros of ``30.10``), which
    ``load_onet`` refuses, was let through, and failed every task when the job ran. Any
    number is so refused, with the release name to write: a numpy number (a cell of a
    frame, ``np.int64(30)``, ``np.float32(29.1)``) and a ``Decimal`` were told the
    release names without it, as something that is no release.
    """
    if onet is None or isinstance(onet, OnetRelease):
        return
    if isinstance(onet, str) or (isinstance(onet, numbers.Number) and not isinstance(onet, (bool, np.bool_))):
        check_onet_release(onet)
        return
    raise DataFormatError("onet must be an O*NET release name such as '29.1' or a release loaded "
                          f"with exposure.load_onet('29.1') (or None), got {shown(onet)}")


def score_batches(batches: Iterable[pd.DataFrame], method: str = "learned", *,
                  text_column: str = "task", occupation_column: str | None = None,
                  onet: str | None = None, mirror=None, data_dir=None, model_path=None,
                  registry=None, **options) -> Iterator[pd.DataFrame]:
    """Score the pandas batches of one partition (the function for ``mapInPandas``).

    Parameters
    ----------
    batches : iterable of pandas.DataFrame
        What Spark hands ``mapInPandas``: the batches of one partition, in order.
    method, text_column, occupation_column
        As in :func:`exposure.scoring.score_tasks` (the columns may be named by O*NET's
        published headers, ``Task``, ``Title``, as the batches have them).
    onet : str or exposure.onet.OnetRelease, optional
        O*NET release (e.g. ``"29.1"``) for rows with ``onetsoc_code`` and ``task_id``;
        loaded once per Python worker from ``mirror``/``data_dir`` (paths the workers read).
        A release loaded with :func:`exposure.load_onet` is used as it is (Spark sends it
        to the workers).
    mirror, data_dir : optional
        Where O*NET and the published labels (``reference``) are read from.
    model_path : str or os.PathLike, optional
        ``learned`` artifact (default the shipped one; ``transformer`` scores the O*NET
        tasks given by id with it), sha256-verified on every partition.
    registry : str or os.PathLike, optional
        Model registry that pins ``model_path`` (default the shipped one): the
        ``registry.txt`` that ``exposure train`` writes beside a model it trains, as
        :func:`~exposure.scoring.learned.load_model` takes it (a model of one's own could
        not be used: the shipped registry does not pin it). Both paths are read as
        :func:`score` reads them (``~`` expanded, made absolute: :func:`~exposure.scoring.learned.load_model_at`).
    **options
        Passed to :func:`~exposure.scoring.score_tasks`: ``labels``, ``reference_source``,
        ``path`` and ``row_offset`` (errors count the rows across the batches of the
        partition, from ``row_offset``, default 1).

    Raises
    ------
    exposure.errors.DataFormatError
        ``batches`` that is one frame or not an iterable, a batch that is not a frame
        (numbered from 1), a column given twice in a batch (the batch named:
        ``batch 2, column 'a'``); before any batch, an option
        that is none of the above (``model``: give ``model_path``), an ``onet`` that is
        neither a release name nor a release (a number such as ``29.1``: give it as text),
        a ``model_path`` or ``registry`` that is not a path (whatever the method), a text
        or occupation column that cannot be a column name, a ``labels`` or ``path`` that
        ``score_tasks`` refuses (a ``labels`` that is not a frame whatever the method, a
        frame of labels it refuses for ``reference``; a ``path`` that is not a file
        name); a task key (``onetsoc_code``, ``task_id``) on two rows of the partition,
        also of two of its Arrow batches (each batch was scored alone: the key was
        scored twice without a word); the errors of
        :func:`~exposure.scoring.score_tasks`, which under Spark name the partition
        (``Spark partition 2, row 5, column 'task': ...``; for the rows :func:`score`
        regrouped by occupation, ``Spark input partition``: the partition of its input and
        the row in it, from 1).
    exposure.errors.ExposureError
        Before any batch, an unknown ``method`` or ``reference_source``, a release name
        not of the form MAJOR.MINOR (``"v29.1"``); model artifact
        problems, a model the registry does not pin with the advice of ``load_model``
        said as a call of :func:`score` (``registry=`` beside ``model_path=``: it advised
        passing a model, which is not an option here).

    Yields
    ------
    pandas.DataFrame
        The input columns (O*NET's published headers renamed, see
        :func:`exposure.scoring._files.onet_aliases`; the internal columns of :func:`score`
        dropped), then :data:`~exposure.scoring.SCORE_COLUMNS`. For ``learned`` and
        ``transformer``, the rows of the occupation a batch ends in are yielded with the
        next batch.

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
    _check_arguments(method, text_column, occupation_column,
                     {**options, "onet": onet, "mirror": mirror, "data_dir": data_dir,
                      "model_path": model_path, "registry": registry})
    first = check_row_offset(options.pop("row_offset", 1))
    # ``transformer`` was given no model: its O*NET rows were scored with the shipped one
    # whatever ``model_path`` said, and each Arrow batch with its own rows of an occupation
    model = load_model_at(model_path, registry, call="exposure.spark.score") if method in _GROUPED else None
    by_title = method == "learned" and titles_share_context(model)
    release = onet if isinstance(onet, OnetRelease) else cached_onet(onet, mirror, data_dir)
    pending = None
    done = 0  # rows yielded: errors count the rows of the partition, not of one batch
    regrouped = None if method not in _GROUPED else []  # the hidden row ids of score(), in order
    held = _HeldWarnings()  # said once for the partition, after its last batch
    seen = {"keys": np.empty(0, np.uint64), "key_rows": np.empty(0, np.int64)}  # task keys so far
    for number, batch in enumerate(batches, start=1):
        if not isinstance(batch, pd.DataFrame):  # an AttributeError or TypeError from inside
            raise DataFormatError(f"batch {number} must be a pandas DataFrame, got {shown(batch)}")
        # a column twice (Spark keeps both columns of a join): the learned scorer's grouping
        # by code raised "'DataFrame' object has no attribute 'str'"; the batch named (with
        # the ``path`` option and the Spark partition): it was ``the frame, column 'a': ...``
        if batch.columns.nlevels > 1 or not batch.columns.is_unique:  # named only when refused
            check_columns(batch, what=_batch_named(number, options.get("path")))
        # the options may name O*NET's headers as the batch has them (``Task``, ``Title``), as
        # score_tasks takes them: they were looked for among the renamed columns, and refused
        text_column, occupation_column = (aliased_column(c, onet_aliases(batch))
                                          for c in (text_column, occupation_column))
        frame = batch if pending is None else _one_chunk(pd.concat([pending, batch], ignore_index=True))
        cut = len(frame)
        if method in _GROUPED and cut:
            cut = carry_cut(frame[_KEY].tolist() if _KEY in frame.columns
                            else occupation_keys(frame.rename(columns=onet_aliases(frame)), occupation_column,
                                                 by_title=by_title))
        if cut:
            _note_rows(frame.iloc[:cut], regrouped)
            with held, _located(first, regrouped):
                _check_keys(frame.iloc[:cut], seen, first + done, text_column, occupation_column,
                            path=options.get("path"))
                scored = _score(frame.iloc[:cut], method, text_column, occupation_column, release,
                                mirror, data_dir, model, {**options, "row_offset": first + done})
            yield scored
            done += cut
        pending = frame.iloc[cut:] if cut < len(frame) else None
    if pending is not None:
        _note_rows(pending, regrouped)
        with held, _located(first, regrouped):
            _check_keys(pending, seen, first + done, text_column, occupation_column,
                        path=options.get("path"))
            scored = _score(pending, method, text_column, occupation_column, release, mirror,
                            data_dir, model, {**options, "row_offset": first + done})
        yield scored
        done += len(pending)
    held.report(done, first, regrouped or None)


def _batch_named(number: int, path=None) -> str:
    """The name of batch ``number`` of a partition in errors: the ``path`` option, the Spark partition, the batch.

    Examples
    --------
    >>> _batch_named(2)
    'batch 2'
    >>> _batch_named(1, "tasks.csv")
    'tasks.csv, batch 1'
    """
    part = _partition()
    return ", ".join(str(w) for w in (path, None if part is None else f"Spark partition {part}",
                                      f"batch {number}") if w is not None)


def _check_keys(frame: pd.DataFrame, seen: dict, start: int, text_column: str,
                occupation_column: str | None, *, path=None) -> None:
    """Raise on a task key of ``frame`` that an earlier batch of the partition had; remember its keys.

    ``score_tasks`` refuses a (``onetsoc_code``, ``task_id``) key on two rows of the frame it
    is given, and the stream engine of ``exposure score`` across its batches
    (:func:`exposure.scoring._files._check_new_keys`, whose ``seen`` state this is); each
    Arrow batch of a partition was scored alone, so a key repeated in a later batch was
    scored twice without a word. ``start`` is the row of ``frame``'s first row, as errors
    count them. A problem on an earlier row of ``frame`` is raised first, as
    ``score_tasks`` would report it; repeats inside ``frame`` are ``score_tasks``'.
    ``path`` is the ``path`` option, named first as ``score_tasks`` names it: a key
    repeated in a later batch named no file, a key repeated in one batch named it.
    """
    aliases = onet_aliases(frame)
    if not {"onetsoc_code", "task_id"} <= {aliases.get(c, c) for c in frame.columns}:
        return
    renamed = frame.drop(columns=[c for c in (_ROW, _KEY) if c in frame.columns])
    renamed = renamed.rename(columns=aliases).reset_index(drop=True)
    try:
        _check_new_keys(renamed, seen, path=path, start=start)
    except DataFormatError as repeated:
        _check_rows(renamed.iloc[:repeated.row - start], text_column, occupation_column,
                    path=path, row_offset=start)
        raise


@contextmanager
def _located(first: int, regrouped: list | None) -> Iterator[None]:
    """Re-raise a row's :class:`DataFormatError` naming the Spark partition and the user's row.

    ``score_tasks`` counts the rows of the partition it was handed, from ``first``: under
    Spark its error named no partition (``row 2`` of which?); for the rows :func:`score`
    regrouped by occupation (``regrouped``, their hidden ids, as for
    :meth:`_HeldWarnings.report`), the row of the shuffled partition, which the user
    cannot find. The row is then that of the input partition (from 1), and so is the
    first row of a repeated task key (``first on row 2``, of another input partition
    when so: ``first on row 2 of Spark input partition 0``; it was the row of the
    shuffled partition). An error of a subclass, or outside Spark of rows not regrouped,
    is raised as it is.
    """
    try:
        yield
    except DataFormatError as exc:
        if type(exc) is not DataFormatError:
            raise
        part, row, where, reason = _partition(), exc.row, "Spark partition", exc.reason
        if regrouped and row is not None and 0 <= row - first < len(regrouped):
            ident = int(regrouped[row - first])
            part, row, where = ident >> 33, (ident & _ROW_BITS) + 1, "Spark input partition"
            reason = first_on(reason, lambda n: _input_row(regrouped, n - first, part))
        if part is None:
            raise
        path = ", ".join(w for w in (exc.path, f"{where} {part}") if w)
        raise DataFormatError(reason, path=path, row=row, column=exc.column) from None


def _input_row(regrouped: list, at: int, part: int) -> str | None:
    """``row r`` (``row r of Spark input partition p`` when not ``part``) of the regrouped row ``at``; None if none."""
    if not 0 <= at < len(regrouped):
        return None
    other = int(regrouped[at])
    return f"row {(other & _ROW_BITS) + 1}" + ("" if other >> 33 == part else f" of Spark input partition {other >> 33}")


def _note_rows(frame: pd.DataFrame, regrouped: list | None) -> None:
    """Add the hidden row ids of :func:`score` of ``frame`` to ``regrouped`` (when it has them)."""
    if regrouped is not None and _ROW in frame.columns and _KEY in frame.columns:
        regrouped += frame[_ROW].tolist()


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
    scores = _score_as_batch(renamed, method, text_column=text_column,
                         occupation_column=occupation_column, onet=release, mirror=mirror,
                         data_dir=data_dir, model=model, **options)
    return append_scores(frame, scores)


def score_schema(schema):
    """The Spark schema of :func:`score_batches`' output for input of schema ``schema``.

    Called on the driver, once, when the job is built (``df.mapInPandas(score_batches,
    score_schema(df.schema))``): it warns of the input columns that the score columns
    replace, as :func:`score` does (:data:`REPLACED_COLUMNS_MESSAGE`).

    Parameters
    ----------
    schema : pyspark.sql.types.StructType
        Schema of the input DataFrame (``df.schema``).

    Returns
    -------
    pyspark.sql.types.StructType
        Its fields (O*NET's published headers renamed; fields named like score columns,
        spaces around the name aside, and the internal fields of :func:`score` left out),
        then the score columns (:data:`SCORE_TYPES`).

    Raises
    ------
    exposure.errors.DataFormatError
        ``schema`` that is not a Spark schema (a frame, a list of column names); a column
        given twice, in any case unless ``spark.sql.caseSensitive`` is true, as
        :func:`score` refuses it (``schema, column 'Task': given more than once ...``);
        a field named like a score column in another case (``Label``), unless the active
        session's ``spark.sql.caseSensitive`` is true: Spark names columns regardless of
        case, so the output would have two columns ``label`` (the job ran, and writing or
        selecting its output failed: ``COLUMN_ALREADY_EXISTS``).
    """
    if not hasattr(schema, "fields"):  # checked before PySpark is imported
        _not_a_schema(schema)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    if not isinstance(schema, StructType):
        _not_a_schema(schema)
    names = [f.name for f in schema.fields]
    case_sensitive = _case_sensitive(SparkSession.getActiveSession())
    # a column twice (a join keeps both), as score() refuses it: the job was built, and
    # mapInPandas failed with Spark's ``[AMBIGUOUS_REFERENCE] Reference `task` is ambiguous``
    _check_unique(names, case_sensitive, "schema")
    _check_score_case(names, case_sensitive)
    _warn_columns(names)
    return _output_schema(schema)


def _output_schema(schema):
    """:func:`score_schema` of a checked ``schema``, without its checks and warnings."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    names = [f.name for f in schema.fields]
    aliases = onet_aliases(pd.DataFrame(columns=names))
    # named like a score column but for spaces around the name (`` label``): dropped by
    # append_scores, as the file engine drops it; kept here, the worker's output lacked
    # it (Spark's RESULT_COLUMN_NAMES_MISMATCH)
    fields = [StructField(aliases.get(f.name, f.name), f.dataType, f.nullable)
              for f in schema.fields
              if not _score_named(aliases.get(f.name, f.name)) and f.name not in (_ROW, _KEY)]
    fields += [StructField(c, _parse_datatype_string(SCORE_TYPES[c]), True) for c in SCORE_COLUMNS]
    return StructType(fields)


def _case_sensitive(session) -> bool:
    """Whether ``session`` (None: Spark's default) tells column names apart by their case."""
    return (session is not None
            and str(session.conf.get("spark.sql.caseSensitive", "false")).lower() == "true")


def _check_score_case(names: list, case_sensitive: bool) -> None:
    """Refuse a column named like a score column in another case (``Label``), when Spark ignores case.

    ``append_scores`` keeps such a column (its name is not a score column's) and adds the
    score column: under Spark, which names columns regardless of case by default, the
    output then had two columns ``label``, and writing or selecting it failed after the
    whole job had run (``[COLUMN_ALREADY_EXISTS] The column `label` already exists``).
    """
    if case_sensitive:
        return
    scores = {c.casefold(): c for c in SCORE_COLUMNS}
    for name in names:
        score = scores.get(name.casefold()) if isinstance(name, str) else None
        if score is not None and name != score:
            raise DataFormatError(
                f"column {name!r} is the score column {score!r} but for its case, and Spark names "
                f"columns regardless of case: the output would have two columns {score!r} (writing or "
                f"selecting it fails). Rename it, e.g. sdf.withColumnRenamed({name!r}, 'my_{score}'), "
                "or set spark.sql.caseSensitive to true", column=name)


#: The warning on input columns that the score columns replace (:func:`score`, :func:`score_schema`).
REPLACED_COLUMNS_MESSAGE = ("exposure.spark: the input column(s) %s have the names of score columns: the "
                            "output holds the scores there (after the other columns), not the input's "
                            "values; rename them first to keep them (sdf.withColumnRenamed(%r, 'my_%s'))")


def _warn_columns(names: list) -> None:
    """Say once, on the driver, what ``score_tasks`` says of a frame's columns.

    Each batch is scored as one batch of a larger input (``_score_as_batch``), which leaves
    these warnings to its caller: a column of the user's named like a score column
    (``label``, ``admin``; spaces around the name aside) was replaced by the scores, and
    keys under headers that are not read as keys (``TASK_ID`` beside ``task id``) were
    scored as free text, without a word (:func:`exposure.scoring.score_tasks` and
    ``exposure.dask.score`` say both). Not for an input that is itself scored (it holds
    ``p_e0, p_e1, p_e2``: scored again on purpose), as ``score_tasks`` does.
    """
    head = pd.DataFrame(columns=names)
    renamed = head.rename(columns=onet_aliases(head))
    replaced = [c for c in renamed.columns if _score_named(c)]
    if replaced and not all(c in renamed.columns for c in PROBA_COLUMNS):
        logging.getLogger(scoring_module.__name__).warning(
            REPLACED_COLUMNS_MESSAGE, ", ".join(repr(c) for c in replaced), replaced[0],
            replaced[0].strip())
    scoring_module._warn_key_headers(renamed, False)


def _not_a_schema(schema):
    """Refuse what :func:`score_schema` was given instead of ``df.schema``."""
    if isinstance(schema, pd.DataFrame):
        got = "a pandas DataFrame (give the schema of the Spark DataFrame)"
    elif hasattr(schema, "schema") and hasattr(schema, "mapInPandas"):
        got = "a Spark DataFrame (give its schema)"
    else:
        got = shown(schema)
    raise DataFormatError(f"schema must be the Spark schema of the input (df.schema, a StructType), got {got}")


def _check_unique(names, case_sensitive: bool, frame: str) -> None:
    """Refuse a column name given twice, in any case unless ``case_sensitive`` (a join keeps both).

    Spark refused it with its ``AnalysisException`` (``Reference `task` is ambiguous``)
    when the column was read. For :func:`score` (every column of ``sdf``) and :func:`check`
    (the columns it reads of ``scored``); the error names ``frame`` first, then the column
    (once), as :func:`exposure.dask.check` names them.

    Examples
    --------
    >>> _check_unique(["id", "task", "Task"], False, "sdf")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: sdf, column 'Task': given more than once (Spark names columns regardless of case; a join keeps both columns): drop or rename one
    """
    seen: set[str] = set()
    for name in names:
        key = name if case_sensitive else name.casefold()
        if key in seen:
            case = "" if case_sensitive else "Spark names columns regardless of case; "
            raise DataFormatError(f"given more than once ({case}a join keeps both columns): drop or "
                                  "rename one", path=frame, column=name)
        seen.add(key)


#: The columns :func:`check` reads of ``scored``.
_CHECKED = ("p_e0", "onetsoc_code", "task_id")


def _checked_columns(names: list, case_sensitive: bool) -> dict:
    """``{column: its name in scored}`` of the columns :func:`check` reads (:data:`_CHECKED`) that ``scored`` has.

    O*NET's headers are read as :func:`score` reads them (:func:`onet_aliases`); when Spark
    names columns regardless of case (``case_sensitive`` false, its default), a column
    is also found in another case (``P_E0``), as Spark's ``select`` finds it: it was said
    missing. A column read that ``scored`` has twice (in any case, unless
    ``case_sensitive``; a join keeps both) is refused by :func:`_check_unique`: Spark's
    ``AnalysisException`` (``Reference `p_e0` is ambiguous``) reached the caller.

    Examples
    --------
    >>> _checked_columns(["id", "P_E0", "O*NET-SOC Code", "task_id"], False)
    {'p_e0': 'P_E0', 'onetsoc_code': 'O*NET-SOC Code', 'task_id': 'task_id'}
    >>> _checked_columns(["P_E0"], True)
    {}
    >>> _checked_columns(["p_e0", "id", "P_E0"], False)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scored, column 'P_E0': given more than once (Spark names columns regardless of case; a join keeps both columns): drop or rename one
    """
    aliases = onet_aliases(pd.DataFrame(columns=names))
    fold = (lambda name: name) if case_sensitive else str.casefold
    read = {fold(n) for n in names if aliases.get(n, n) in _CHECKED} | {fold(c) for c in _CHECKED}
    _check_unique([n for n in names if fold(n) in read], case_sensitive, "scored")
    by = {aliases.get(n, n): n for n in names if aliases.get(n, n) in _CHECKED}
    for column in _CHECKED:  # ``P_E0``, which Spark selects as ``p_e0``
        spelled = [n for n in names if column not in by and fold(n) == column]
        if spelled:
            by[column] = spelled[0]
    return {c: by[c] for c in _CHECKED if c in by}


def _check_columns(schema, text_column: str, occupation_column: str | None, *,
                   case_sensitive: bool = False) -> None:
    """Refuse a missing text or occupation column, or texts, codes or titles that are not strings.

    ``score_tasks`` refused them on the first batch, when the job ran, in a worker's
    traceback (an integer or array text column: ``row 1``, of a partition not named; a
    ``bigint`` occupation column: ``occupation title must be text or missing, got int 0``).
    Also column names that Spark's ``mapInPandas`` cannot pass (an ``AnalysisException``):
    a name twice (in any case, unless ``spark.sql.caseSensitive`` is true), a name with a
    dot, a name with a backtick (``INVALID_ATTRIBUTE_NAME_SYNTAX`` for ``we`ird``,
    ``UNRESOLVED_COLUMN`` for ```id```) and the name ``*`` (``INVALID_USAGE_OF_STAR``), the
    last two raised by Spark when ``score`` was called, naming no remedy; and columns of
    a type that ``mapInPandas`` cannot pass to Python (``interval year``, ``interval``:
    PySpark's ``NOT_IMPLEMENTED: Invalid return type in mapInPandas``, printing the whole
    schema, hidden columns included).
    The columns are looked for under their names after O*NET's published headers are
    renamed, as ``score_tasks`` does. A missing occupation column is said in
    ``score_tasks``' words (:func:`~exposure.scoring._inputs.missing_occupation_column`),
    followed by the column of ``sdf`` that spells it in another case (``the frame has 'Job
    Title': give occupation_column='Job Title'``), which was left unsaid. The columns of a
    missing text or occupation column are listed, and offered, as ``sdf`` names them
    (``O*NET-SOC Code``, ``Task``), as a file's are: the library's names were listed
    (``onetsoc_code``, ``task``), and ``text_column="TASK"`` was told to give ``'task'``.
    """
    from pyspark.sql.pandas.types import to_arrow_type
    from pyspark.sql.types import NullType, StringType

    names = [f.name for f in schema.fields]
    _check_unique(names, case_sensitive, "sdf")
    dotted = [n for n in names if "." in n]
    if dotted:  # AnalysisException: "A column ... with name `post`.`text` cannot be resolved"
        raise DataFormatError("Spark's mapInPandas cannot pass a column whose name has a dot (it "
                              f"reads it as a field of a struct): rename it, e.g. sdf.withColumnRenamed("
                              f"{dotted[0]!r}, {dotted[0].replace('.', '_').replace('`', '_')!r})",
                              column=dotted[0])
    quoted = [n for n in names if "`" in n or n == "*"]
    if quoted:  # AnalysisException: INVALID_ATTRIBUTE_NAME_SYNTAX, UNRESOLVED_COLUMN, INVALID_USAGE_OF_STAR
        name = quoted[0]
        what, new = (("named '*' (it reads it as every column)", "star") if name == "*" else
                     ("whose name has a backtick (it reads backticks as quotes around a name)",
                      name.replace("`", "_")))
        raise DataFormatError(f"Spark's mapInPandas cannot pass a column {what}: rename it, e.g. "
                              f"sdf.withColumnRenamed({name!r}, {new!r})", column=name)
    for field in schema.fields:
        try:  # mapInPandas' own check of the output's types (the input's columns are in it)
            to_arrow_type(field.dataType, timezone="UTC")
        except TypeError:
            raise DataFormatError(f"Spark's mapInPandas cannot pass a column of Spark type "
                                  f"{field.dataType.simpleString()} (PySpark has no Arrow type for it): "
                                  f"cast it, e.g. sdf.withColumn({field.name!r}, sdf[{field.name!r}]"
                                  ".cast('string')), or drop it", column=field.name) from None
    aliases = onet_aliases(pd.DataFrame(columns=names))
    fields = {aliases.get(f.name, f.name): f for f in schema.fields}
    if text_column not in fields:  # score_tasks' message, of the columns as sdf names them
        task_texts(pd.DataFrame(columns=names), text_column, show_index=False)
    if occupation_column is not None and occupation_column not in fields:
        # as score_tasks: a column in another case offered (``Job Title`` for ``job_title``),
        # under the name sdf gives it
        raise missing_occupation_column(names, occupation_column)
    for name, what in ((text_column, "task texts"), ("onetsoc_code", "O*NET-SOC codes such as '43-9061.00'"),
                       (occupation_column, "occupation titles")):
        field = fields.get(name) if name is not None else None
        if field is not None and not isinstance(field.dataType, (StringType, NullType)):
            raise DataFormatError(f"{what} must be strings, got a column of Spark type "
                                  f"{field.dataType.simpleString()}", column=field.name)


def score(sdf, method: str = "learned", *, text_column: str = "task",
          occupation_column: str | None = None, **options):
    """Score every row of a Spark DataFrame; the input columns followed by the score columns.

    For ``learned`` and ``transformer`` (which scores the O*NET tasks given by id with the
    occupation context), the rows are first regrouped so that each occupation's rows are in one
    partition, contiguous and in their order in ``sdf`` (``repartition`` into
    ``spark.sql.shuffle.partitions`` partitions); every row then gets the same bytes as
    when the whole input is scored at once by :func:`exposure.scoring.score_tasks` in
    ``sdf``'s order: ``score_tasks(sdf.toPandas())``, partition by partition. The
    occupation context sums the word vectors of an occupation's rows in that order; when
    ``sdf``'s order is not that of the frame it came from (after ``sdf.repartition(5)``,
    a join or another shuffle), the scores may differ from ``score_tasks`` of that frame
    in the last bits of a float (the same sum in another order), not beyond.

    Parameters
    ----------
    sdf : pyspark.sql.DataFrame
        One task or posting text per row.
    method, text_column, occupation_column
        As in :func:`exposure.scoring.score_tasks` (the columns may be named by O*NET's
        published headers, ``Task``, ``Title``, as ``sdf`` has them).
    **options
        Passed to :func:`score_batches` (``onet``, ``mirror``, ``model_path``,
        ``registry``...); ``mirror``, ``data_dir``, ``model_path`` and ``registry`` as the
        driver reads them (``~`` expanded, made absolute: the executors read them in other
        directories).

    Returns
    -------
    pyspark.sql.DataFrame
        Lazy; columns as :func:`score_schema` says. No row order: keep an id column.

    Raises
    ------
    exposure.errors.DataFormatError
        When called (not when the job runs): ``sdf`` that is not a Spark DataFrame (a
        pandas frame: score it with :func:`exposure.scoring.score_tasks`), or one with a
        column whose name starts with ``__exposure_`` (the engine's hidden row number and
        occupation key overwrote it, and it was dropped from the output), without the text
        column or the named occupation column, whose text, ``onetsoc_code`` or
        occupation column is not of Spark type string, with a column name twice (in any case), a column
        name with a dot or a backtick, or named ``*``, or of a type such as ``interval year`` (which
        ``mapInPandas`` cannot pass), or a column named like a
        score column in another case (``Label``: see :func:`score_schema`); the argument
        errors of :func:`score_batches`, checked
        before ``sdf``. When the job runs (in the worker's traceback, which Spark raises
        on the driver), the errors of :func:`score_batches` on a row: they name the Spark
        partition of ``sdf`` and the row in it (from 1, as ``sdf.rdd.glom()`` lists them),
        ``Spark input partition 1, row 2, column 'task': ...``, the rows regrouped by
        occupation being named by their place in ``sdf``. A task key on two rows of one
        partition is refused so (for ``learned`` and ``transformer``, whose rows are
        regrouped by O*NET-SOC code, on any two rows); on rows of two partitions
        (``rubric``, ``reference``), it is :func:`check`'s to find.
    exposure.errors.ExposureError
        An unknown ``method`` or ``reference_source``, an ``onet`` release name not of the
        form MAJOR.MINOR (``"v29.1"``).

    Notes
    -----
    What ``score_tasks`` says of a frame's columns is said once, when ``score`` is called,
    on the driver: input columns named like score columns (``label``, ``admin``), which the
    scores replace (:data:`REPLACED_COLUMNS_MESSAGE`; not for an input that holds ``p_e0,
    p_e1, p_e2``, scored again), and keys under headers not read as keys (``TASK_ID``
    beside ``task id``). The batches, scored as batches of a larger input, said neither.
    """
    from functools import partial

    # Spark is lazy: these surfaced only when the job ran, in a worker's traceback
    _check_arguments(method, text_column, occupation_column, options)
    if isinstance(sdf, pd.DataFrame):  # AttributeError: 'DataFrame' object has no attribute 'schema'
        raise DataFormatError("sdf must be a Spark DataFrame, got a pandas DataFrame: score it "
                              "with exposure.scoring.score_tasks (or spark.createDataFrame(frame) first)")
    if not (hasattr(sdf, "schema") and hasattr(sdf, "mapInPandas")):
        raise DataFormatError(f"sdf must be a Spark DataFrame (pyspark.sql.DataFrame), got {shown(sdf)}")
    own = [c for c in sdf.columns if str(c).startswith(_OWN_PREFIX)]
    if own:  # the row number and occupation key overwrote such a column, and were dropped with it
        raise DataFormatError(f"names starting with {_OWN_PREFIX!r} are the Spark engine's own (hidden "
                              f"columns it adds and drops): rename the column (e.g. "
                              f"{own[0][len(_OWN_PREFIX):] or 'x'!r})", column=own[0])
    case_sensitive = _case_sensitive(getattr(sdf, "sparkSession", None))
    # O*NET's headers named as sdf has them (``text_column="Task"``): the columns are
    # looked for, and the batches scored, under the library's names
    aliases = onet_aliases(pd.DataFrame(columns=list(sdf.columns)))
    text_column, occupation_column = (aliased_column(c, aliases) for c in (text_column, occupation_column))
    _check_columns(sdf.schema, text_column, occupation_column, case_sensitive=case_sensitive)
    _check_score_case(sdf.columns, case_sensitive)
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    # the paths the executors read, as the driver reads them (an executor runs in its own directory)
    options = {**options, **{k: runner_path(options[k]) for k in _PATHS if options.get(k) is not None}}
    run = partial(score_batches, method=method, text_column=text_column,
                  occupation_column=occupation_column, **options)
    schema = _output_schema(sdf.schema)
    _warn_columns(sdf.columns)  # once, here: each batch, scored as a batch, said nothing
    if method not in _GROUPED:
        return sdf.mapInPandas(run, schema)

    # verified on the driver, for every grouped method
    model = load_model_at(options.get("model_path"), options.get("registry"), call="exposure.spark.score")
    by_title = method == "learned" and titles_share_context(model)

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


def check(scored) -> dict:
    """The check a partition cannot make: a task key on rows of two partitions; and the coverage.

    :func:`score_batches` refuses a task key (``onetsoc_code``, ``task_id``) on two rows of
    one partition, as :func:`~exposure.scoring.score_tasks` refuses it in a frame, but no
    partition sees the others: ``score(sdf, "rubric")`` (whose rows are not regrouped) or
    ``mapInPandas`` of a DataFrame whose key repeats in two partitions scored both rows
    without a word. As :func:`exposure.dask.check` for Dask.

    ``scored`` is read once (one Spark job), or twice when a key repeats (to name its
    rows); a lazy output of :func:`score` is scored again each time: check what was
    written (``check(spark.read.parquet(out))``), or ``cache()`` it first.

    Parameters
    ----------
    scored : pyspark.sql.DataFrame
        Output of :func:`score` (or of ``mapInPandas`` with :func:`score_batches`).

    Returns
    -------
    dict
        ``rows``, ``scored`` (rows with probabilities) and ``coverage`` (their share; NaN
        for no rows).

    Raises
    ------
    exposure.errors.DataFormatError
        ``scored`` that is not a Spark DataFrame, or without the score column ``p_e0`` (in
        any case, unless ``spark.sql.caseSensitive`` is true); ``p_e0``, ``onetsoc_code``
        or ``task_id`` given twice (so, in any case; a join keeps both); a task key on more than one row, naming the number of such keys, the first key (in
        text order) and its rows, by the Spark partition of ``scored`` and the row in it
        (from 1, as ``scored.rdd.glom()`` lists them): ``1 task key(s) (onetsoc_code,
        task_id) are on more than one row, e.g. (43-9061.00, 1) at Spark partition 0, row 1
        and Spark partition 1, row 1 of scored``. Task IDs are compared as ``score_tasks``
        compares them (:func:`exposure._tables.norm_task_id`: ``1``, ``1.0`` and ``"1"``
        are one task); two keys are two whatever their codes and IDs hold
        (``('a|b', 'c')`` and ``('a', 'b|c')`` were one repeated key, as one text). Before
        that, an O*NET-SOC code, then a task ID, that the roll-ups refuse, in their words
        (:func:`_first_bad_key`), naming the first such row by its partition and row (of
        the codes, then of the task IDs: the roll-ups check every code first):
        ``Spark partition 1, row 1, column 'onetsoc_code': not an O*NET-SOC code (like
        11-1011.00): b'11-1011.00'`` (a binary column, keyed as ``"b'11-1011.00'"``),
        ``... '15-1252': a SOC code? ...``, ``Spark partition 0, row 2, column 'task_id':
        task ID 'x' is not an integer``: such cells were keyed as their text without a
        word (a row without a code or task ID, free text, passes), as
        :func:`exposure.dask.check` refuses them. The codes are read without task IDs too.
    """
    if isinstance(scored, pd.DataFrame):
        raise DataFormatError("scored must be a Spark DataFrame (the output of exposure.spark.score), "
                              "got a pandas DataFrame: score_tasks refuses its repeated task keys itself")
    if not (hasattr(scored, "schema") and hasattr(scored, "mapInPandas")):
        raise DataFormatError(f"scored must be a Spark DataFrame (pyspark.sql.DataFrame), got {shown(scored)}")
    from pyspark.sql import functions as F

    names = list(scored.columns)
    # O*NET's headers (a frame not scored here), a column in another case (``P_E0``: Spark
    # selects it), a column read given twice (Spark's "Reference `p_e0` is ambiguous")
    by = _checked_columns(names, _case_sensitive(getattr(scored, "sparkSession", None)))
    if "p_e0" not in by:
        raise DataFormatError(f"scored lacks column(s) ['p_e0'] (columns: {columns_shown(names)}): "
                              "give the output of score")
    keyed = "onetsoc_code" in by and "task_id" in by
    # the codes are read without task IDs too (free text with codes): the roll-ups refuse a bad one
    read = ["p_e0", *[c for c in ("onetsoc_code", "task_id") if c in by and (keyed or c == "onetsoc_code")]]
    quoted = [F.col("`" + by[c].replace("`", "``") + "`").alias(c) for c in read]
    rows = scored.select(*quoted).mapInPandas(
        _row_keys, "key string, scored int, partition int, row bigint, stage int, reason string, column string")
    repeated = F.col("key").isNotNull() & (F.col("n") > 1)
    # the first cell refused: codes before task IDs, then by partition and row
    bad = F.when(F.col("stage").isNotNull(), F.struct("stage", "partition", "row", "reason", "column"))
    stats = (rows.groupBy("key").agg(F.count(F.lit(1)).alias("n"), F.sum("scored").alias("s"),
                                     F.min(bad).alias("bad"))
             .agg(F.sum("n").alias("rows"), F.sum("s").alias("scored"),
                  F.sum(F.when(repeated, 1).otherwise(0)).alias("repeated"),
                  F.min(F.when(repeated, F.col("key"))).alias("first"), F.min("bad").alias("bad"))
             .collect()[0])
    if stats["bad"] is not None:
        cell = stats["bad"]
        raise DataFormatError(cell["reason"], path=f"Spark partition {cell['partition']}", row=cell["row"],
                              column=by[cell["column"]])  # as the frame names it (O*NET's header)
    total, n_scored = int(stats["rows"] or 0), int(stats["scored"] or 0)
    if stats["repeated"]:
        found = (rows.where(F.col("key") == stats["first"]).orderBy("partition", "row")
                 .select("partition", "row").collect())
        where = [f"Spark partition {r['partition']}, row {r['row']}" for r in found]
        shown_ = " and ".join(where) if len(where) <= 3 else ", ".join(where[:3]) + f" and {len(where) - 3} more"
        raise DataFormatError(f"{stats['repeated']} task key(s) (onetsoc_code, task_id) are on more than "
                              f"one row, e.g. ({', '.join(_key_parts(stats['first']))}) at {shown_} of scored")
    return {"rows": total, "scored": n_scored, "coverage": n_scored / total if total else float("nan")}


def _row_keys(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Each row's task key (:func:`_key_text`, None without one), whether it has a score, its partition and row.

    For :func:`check`, under ``mapInPandas`` of the columns ``p_e0`` and, when present,
    ``onetsoc_code`` and ``task_id``. The key is read as
    :func:`exposure.scoring._check_unique_keys` reads it: the code as text, the task ID
    canonical (:func:`exposure._tables.norm_task_ids`). Rows count from 1 through the
    partition's batches. The first cell of a batch that the roll-ups refuse
    (:func:`_first_bad_key`) is given on its row (``stage``, ``reason``, ``column``;
    null on the other rows), which :func:`check` refuses before it reads the keys.
    """
    part = _partition()
    done = 0
    for batch in batches:
        n = len(batch)
        keys = np.full(n, None, dtype=object)
        stage, reason, column = (np.full(n, None, dtype=object) for _ in range(3))
        bad = _first_bad_key(batch)
        if bad is not None:
            stage[bad[1]], reason[bad[1]], column[bad[1]] = bad[0], bad[2], bad[3]
        if "task_id" in batch.columns:
            known = (batch["onetsoc_code"].notna() & batch["task_id"].notna()).to_numpy(dtype=bool)
            codes = [str(c) for c in batch["onetsoc_code"][known].tolist()]
            ids = norm_task_ids(batch["task_id"][known])
            keys[known] = [_key_text(c, t) for c, t in zip(codes, ids, strict=True)]
        yield pd.DataFrame({"key": pd.Series(keys, dtype=object),
                            "scored": batch["p_e0"].notna().to_numpy(dtype=np.int32),
                            "partition": np.full(n, -1 if part is None else part, dtype=np.int32),
                            "row": np.arange(done + 1, done + n + 1, dtype=np.int64),
                            "stage": pd.Series(stage, dtype="Int32"),
                            "reason": pd.Series(reason, dtype=object), "column": pd.Series(column, dtype=object)})
        done += n


def _first_bad_key(batch: pd.DataFrame) -> tuple[int, int, str, str] | None:
    """The first cell of ``batch`` that the roll-ups refuse in a task key: ``(stage, position, reason, column)``.

    An O*NET-SOC code not of its form (stage 0: bytes ``b'11-1011.00'`` of a binary
    column, ``15-1252``, ``151252.00``), by the roll-ups' rule and in their words
    (:func:`~exposure.schemas._fields.first_bad_onetsoc_code`); else a task ID that is not
    an integer (stage 1: ``'x'``, ``1.5``, ``True``, bytes), as they read it
    (:func:`exposure._tables.task_id_numbers`). A missing code or task ID (a free-text
    row) passes; None when every cell does.

    Examples
    --------
    >>> _first_bad_key(pd.DataFrame({"onetsoc_code": [None, "15-1252"], "task_id": ["x", 2]}))[:2]
    (0, 1)
    >>> _first_bad_key(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1.5]}))
    (1, 0, 'task ID 1.5 is not an integer', 'task_id')
    """
    if "onetsoc_code" in batch.columns:
        given = batch["onetsoc_code"].notna().to_numpy(dtype=bool, na_value=False)
        bad = first_bad_onetsoc_code(batch["onetsoc_code"][given].reset_index(drop=True))
        if bad is not None:
            return 0, int(np.flatnonzero(given)[bad[0]]), bad[1], "onetsoc_code"
    if "task_id" in batch.columns:
        try:
            task_id_numbers(batch["task_id"].reset_index(drop=True))
        except DataFormatError as exc:
            return 1, exc.row - 1, exc.reason, "task_id"
    return None


def _key_text(code: str, task_id: str) -> str:
    """The task key ``(code, task_id)`` as one text, ``code|task_id``, the code's ``|`` and ``\\`` escaped.

    One text for one key: ``code|task_id`` was one text for two keys (``('a|b', 'c')`` and
    ``('a', 'b|c')``), and :func:`check` reported them as one repeated key. Keys of codes
    without ``|`` or ``\\`` keep their text order (:func:`check` names the first repeated key
    in that order). :func:`_key_parts` reads it back.

    Examples
    --------
    >>> _key_text("a|b", "c"), _key_text("a", "b|c")
    ('a\\\\|b|c', 'a|b|c')
    """
    return code.replace("\\", "\\\\").replace("|", "\\|") + "|" + task_id


def _key_parts(key: str) -> tuple[str, str]:
    """The code and task ID of a key of :func:`_key_text`.

    Examples
    --------
    >>> _key_parts(_key_text("a|b", "c")), _key_parts(_key_text("a", "b|c"))
    (('a|b', 'c'), ('a', 'b|c'))
    """
    code, task_id = re.fullmatch(r"((?:[^\\|]|\\.)*)\|(.*)", key, flags=re.S).groups()
    return re.sub(r"\\(.)", r"\1", code, flags=re.S), task_id
