"""The ``reference`` scorer: the published labels of Eloundou et al. (2023), by task ID.

Each task gets the human (``human_exposure_agg``) or GPT-4 (``gpt4_exposure``) label as
one-hot probabilities, joined on (``onetsoc_code``, ``task_id``), or on ``task_id`` alone
when the frame has no code. Tasks without a published label stay missing (NaN): they are
never silently scored zero. This reproduces the paper's measures for the tasks it covers.
A row whose text is another task than the one the labels give its key (a caller's own task
IDs under real codes) gets no label, with one warning (as in
:func:`exposure.scoring.score_tasks`).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from exposure._args import check_choice, check_column, shown
from exposure._measures import LABELS, PROBA_COLUMNS
from exposure.errors import DataFormatError, ExposureError
from exposure.measures._common import check_frame
from exposure.measures.eloundou import check_task_labels
from exposure.schemas._fields import ONETSOC_PATTERN
from exposure.scoring._features import normalise_text
from exposure.scoring._inputs import (
    RowNames,
    _header_key,
    _stated,
    check_columns,
    check_statement_column,
    check_task_ids,
    columns_shown,
    is_placeholder,
    is_spreadsheet_error,
    onetsoc_code_message,
    other_label_rows,
    padded_choice_hint,
    repeated_index_message,
    task_id_integers,
    unread_keys,
    warn_repeated_index,
    without_views,
)

__all__ = ["SOURCES", "label_column", "score_reference", "frame_task_ids", "join_labels"]

logger = logging.getLogger(__name__)

#: Label columns by reference source.
SOURCES = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure"}


def label_column(source: str) -> str:
    """The label column of reference source ``source`` (:data:`SOURCES`).

    Raises
    ------
    exposure.errors.DataFormatError
        ``source`` is not a string (a list, a Series).
    exposure.errors.ExposureError
        Unknown ``source``.

    Examples
    --------
    >>> label_column("gpt4")
    'gpt4_exposure'
    >>> label_column("GPT-4")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown reference source 'GPT-4'; choose one of ['gpt4', 'human']
    >>> label_column(["gpt4"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: source must be one of human, gpt4 (str), got list ['gpt4']
    """
    check_choice(source, "source", SOURCES)  # a list raised ``TypeError: unhashable type``
    if source not in SOURCES:
        # " human", "Human": the choices only (a config file's spaces, a capital)
        raise ExposureError(f"unknown reference source {source!r}; choose one of {sorted(SOURCES)}"
                            + padded_choice_hint(source, SOURCES))
    return SOURCES[source]


def score_reference(frame: pd.DataFrame, labels: pd.DataFrame, *, source: str = "human",
                    text_column: str | None = "task") -> pd.DataFrame:
    """Join the published labels onto ``frame`` as probabilities.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per task with ``task_id`` (and ideally ``onetsoc_code``). Columns of
        Arrow's ``string_view`` (Polars, DuckDB), here and in ``labels``, are read as
        ``large_string``.
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output, or a frame of the
        caller with ``onetsoc_code``, ``task_id`` and the label column of ``source``,
        checked by :func:`exposure.measures.eloundou.check_task_labels`.
    source : {"human", "gpt4"}, default "human"
        Which published label to use.
    text_column : str or None, default "task"
        Column of task statements, when ``frame`` has it. A row whose text is another
        task than the statement ``labels`` give its key (their ``task`` column; the
        published labels have it) gets no label, with one warning
        (:data:`exposure.scoring.OTHER_LABELS_MESSAGE`, on the ``exposure.scoring``
        logger), as in :func:`exposure.scoring.score_tasks`: a caller's own task IDs
        under real codes ("Drive a forklift in the warehouse." under a receptionist's
        code and the ID of "Greet visitors at the front desk.") got that task's label,
        without a word. The statement reworded (:func:`exposure.scoring._inputs.same_statement`,
        with :data:`~exposure.scoring._inputs.SAME_LABEL_WORDS`) or with a note is that
        task; a missing text is not compared, nor one that stands for none (blank, without
        a letter or digit, a placeholder such as ``N/A``: :func:`_compared_text`). None, or a
        frame without the default ``"task"``: the join by key alone. Another name that is
        no column of ``frame`` (misspelled), or a frame with its texts under another
        spelling of ``"task"`` (``Task``, ``'task '``) or in its index, is an error: it joined
        by key alone, without a word.

    Returns
    -------
    pandas.DataFrame
        ``p_e0, p_e1, p_e2`` (one-hot, NaN where no label or the label of another
        task), same index as ``frame``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` is not a DataFrame, has repeated or multi-level column names, has no
        ``task_id`` column or a task ID that is not an integer (``True`` included), or an O*NET-SOC code not of the form ``00-0000.00`` (a missing code
        passes: its task is left unscored); ``source`` is not a string; ``labels``
        breaks a rule of :func:`~exposure.measures.eloundou.check_task_labels`, has no
        rows or no label of ``source`` on any row (every task was left unscored, without a
        word), or (when
        ``frame`` has no ``onetsoc_code`` column, so that the join is on the task ID
        alone) gives one task ID two labels under two codes; a ``text_column`` that
        cannot be a column name (a list), or other than ``"task"`` and not a column of
        ``frame`` (named, with the frame's columns), or the default ``"task"`` absent while
        ``frame`` has ``Task`` (or ``'task '``), as a column or a level of its index;
        ``labels`` with two ``task`` columns when the texts are compared with their
        statements.
    exposure.errors.ExposureError
        Unknown ``source``.

    Warns
    -----
    A frame without ``onetsoc_code`` whose codes are under another spelling (O*NET's
    ``O*NET-SOC Code``, R's ``O.NET.SOC.Code``) or in a level of its index gets one
    warning (:data:`CODE_HEADER_MESSAGE`, :data:`CODE_LEVEL_MESSAGE`): they are not read,
    and the labels are joined on the task ID alone.
    A frame whose index repeats a label gets one warning (:data:`REPEATED_INDEX_MESSAGE`,
    as :func:`exposure.scoring.score_tasks` warns): the result keeps that index.

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
    ...                        "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})
    >>> tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
    ...                       "task": ["a", "b", "c"]})
    >>> score_reference(tasks, labels)
       p_e0  p_e1  p_e2
    0   0.0   1.0   0.0
    1   1.0   0.0   0.0
    2   NaN   NaN   NaN
    >>> score_reference(tasks, labels, source="gpt4").loc[0, "p_e2"]
    np.float64(1.0)
    >>> labels["task"] = ["Direct budgets.", "Negotiate contracts."]
    >>> score_reference(tasks.assign(task=["Direct the budgets.", "Drive a forklift.", "c"]), labels)
       p_e0  p_e1  p_e2
    0   0.0   1.0   0.0
    1   NaN   NaN   NaN
    2   NaN   NaN   NaN
    >>> score_reference(tasks, labels.assign(human_exposure_agg=["E1", "e0"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2 (or missing), got 'e0': write 'E0' (the choices are case-sensitive)
    """
    col = label_column(source)
    check_frame(frame, "frame")
    # Arrow's string_view (Polars, DuckDB): ``NotImplementedError: string_view`` from inside pandas
    frame, labels = without_views(frame), without_views(labels)
    check_column(text_column, "text_column", optional=True)
    _check_text_column(frame, text_column)
    ids = _checked_keys(frame, _task_id_column(frame))
    _checked_labels(labels, col)  # before the texts are compared with their statements
    other = None
    if text_column is not None and text_column in frame.columns:
        # the key of another task than the text: its label is of that task (as score_tasks)
        check_statement_column(labels)  # two ``task`` columns: ``AttributeError`` from inside
        written = frame[text_column].tolist()
        texts = [_compared_text(t) for t in written]
        other = other_label_rows(frame.reset_index(drop=True), texts, labels,
                                 names=RowNames.of(frame, written))
    # the count of the INFO line without them ("1 of 1 tasks have a published label" beside
    # the warning that the row has none)
    out = join_labels(frame, ids, labels, col, unlabelled=other)
    # O*NET's ``O*NET-SOC Code``, or the codes in the index: joined on the task ID alone, silently
    headers, levels = unread_keys(frame)
    for found, message in ((headers, CODE_HEADER_MESSAGE), (levels, CODE_LEVEL_MESSAGE)):
        name = next((name for name, key in found.items() if key == "onetsoc_code"), None)
        if name is not None:
            logger.warning(message, name, name)
    # the labels keep the frame's index: df.join(score_reference(df, labels)) by a repeated label
    # paired each of its rows with every row of it, without a word (score_tasks warned)
    warn_repeated_index(frame, logger, REPEATED_INDEX_MESSAGE)
    return out


#: The warning of :func:`score_reference` on a frame whose index repeats a label (as ``score_tasks`` warns).
REPEATED_INDEX_MESSAGE = repeated_index_message("score_reference")


#: The warning of :func:`score_reference` on a frame with its codes under O*NET's header.
CODE_HEADER_MESSAGE = ("score_reference: the frame has no 'onetsoc_code' column but %r (O*NET's header?), not read: "
                       "the labels were joined on the task ID alone, so a task ID the labels list under another "
                       "code got that task's label; rename it first (df.rename(columns={%r: 'onetsoc_code'}))")
#: The warning of :func:`score_reference` on a frame with its codes in its index.
CODE_LEVEL_MESSAGE = ("score_reference: no 'onetsoc_code' column, but the frame's index has the level %r: the index "
                      "is not read, so the labels were joined on the task ID alone and a task ID the labels list "
                      "under another code got that task's label; frame.reset_index(%r) makes it a column")


def _compared_text(text):
    """``text`` as :func:`score_reference` compares it with its label's statement, or None: not compared.

    A missing text is not compared, and neither is a text that stands for none: blank or
    without a letter or digit (``""``, ``" "``, ``"-"``, a zero-width space, ``&nbsp;``:
    an empty cell of a spreadsheet or a web page), a placeholder (``N/A``, ``TBD``:
    :func:`~exposure.scoring._inputs.is_placeholder`) or a spreadsheet's error value
    (``#N/A``). Such a text was read as another task than its key's: the row lost its
    label, with a warning that the labels give its key to another task than ``''``.

    Examples
    --------
    >>> [_compared_text(t) for t in ("Direct\u00a0budgets.", "", " ", "-", "N/A", "#N/A", None)]
    ['Direct budgets.', None, None, None, None, None, None]
    """
    if not isinstance(text, str):
        return None
    text = normalise_text(text)
    if not _stated(text) or is_placeholder(text) or is_spreadsheet_error(text):
        return None
    return text


def _check_text_column(frame: pd.DataFrame, text_column) -> None:
    """Refuse a ``text_column`` that ``frame`` lacks, unless it is the default ``"task"`` of a frame without texts.

    A name misspelled (``"statment"``) or of a column left out joined the labels by key
    alone, without a word: the rows whose text is another task than their key's got that
    task's label. The default ``"task"`` may be absent (the join by key alone, as
    documented), but not under another spelling (``Task``, O*NET's header; ``'task '``, with
    a space from a spreadsheet's header) or as a level of the index
    (``set_index("task")``): those texts were not read, and a row of another task than
    its key's got that task's label, without a word (``score_tasks`` refuses them so).
    Any name may be absent when ``text_column`` is None.

    Examples
    --------
    >>> _check_text_column(pd.DataFrame({"task_id": [1], "statement": ["Weld."]}), "statment")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: column 'statment': missing text column 'statment' (columns: ['task_id', 'statement']); give the column of task statements, or text_column=None to join the labels by key alone
    >>> _check_text_column(pd.DataFrame({"task_id": [1], "Task": ["Weld."]}), "task")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: column 'task': missing text column 'task' (columns: ['task_id', 'Task']); the frame has 'Task': rename that column 'task' (or give text_column='Task'), or give text_column=None to join the labels by key alone
    """
    check_columns(frame, what="frame")  # repeated or multi-level names: one line first
    if text_column is None or text_column in frame.columns:
        return
    levels = [n for n in frame.index.names if n is not None]
    if text_column == "task":  # the default: absent is the join by key alone, unless the texts are there
        near = [c for c in frame.columns if isinstance(c, str) and _header_key(c) == "task"]
        level = next((n for n in levels if isinstance(n, str) and _header_key(n) == "task"), None)
        if near:
            hint = (f"the frame has {near[0]!r}: rename that column 'task' (or give text_column={near[0]!r}), "
                    "or give text_column=None to join the labels by key alone")
        elif level is not None:  # set_index("task"), set_index("Task")
            hint = ("it is a level of the frame's index: frame.reset_index() makes it a column again"
                    if level == "task" else
                    f"the frame's index has the level {level!r}: frame.reset_index().rename(columns={{{level!r}: "
                    "'task'}) makes it the column 'task'") + ", or give text_column=None to join the labels by key alone"
        else:
            return
    elif text_column in levels:  # set_index("statement")
        hint = "it is a level of the frame's index: frame.reset_index() makes it a column again"
    else:
        hint = "give the column of task statements, or text_column=None to join the labels by key alone"
    raise DataFormatError(f"missing text column {text_column!r} (columns: {columns_shown(frame.columns)}); "
                          f"{hint}", column=text_column)


def _check_frame_codes(frame: pd.DataFrame) -> None:
    """Raise on the first O*NET-SOC code of ``frame`` not of the form ``00-0000.00`` (missing passes).

    The rule :func:`exposure.scoring.score_tasks` applies to its input (and the
    :class:`~exposure.schemas._scores.TaskScores` output), for :func:`score_reference`
    called on its own: a code with a space (``" 11-1021.00"``), without its suffix
    (``"11-1021"``) or of another form matched no label, and its task was left unscored
    without a word. A code given as bytes (``b'11-1021.00'``: an object column, categories
    or Arrow's ``binary``) is refused as ``score_tasks`` refuses it: :func:`score_rubric`
    looked it up as no code. Rows are counted from 1.

    Examples
    --------
    >>> _check_frame_codes(pd.DataFrame({"onetsoc_code": ["11-1021.00", None, "11-1021"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 3, column 'onetsoc_code': O*NET-SOC code '11-1021' is not of the form 00-0000.00 (e.g. 11-1011.00): a SOC code? an O*NET-SOC code has a two-digit suffix: write '11-1021.00' (the SOC occupation itself) or the O*NET-SOC code meant
    """
    if "onetsoc_code" not in frame.columns:
        return
    col = frame["onetsoc_code"]
    if isinstance(col.dtype, pd.StringDtype):  # text or missing
        ok = col.astype("string").str.match(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=True)
    else:  # only text is a code: bytes (b'11-1021.00') passed as their decoded text, and
        # score_rubric looked them up as no code (no work activities, no job zone), without a word
        cells = col.astype(object)
        text = cells.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
        codes = pd.Series(np.where(text, cells, None), dtype="string")
        ok = (codes.str.match(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False) & text
              | cells.isna().to_numpy(dtype=bool))
    if ok.all():
        return
    pos = int((~ok).argmax())
    # with the code to write: a SOC code '11-1021' is told to be written '11-1021.00'
    raise DataFormatError(onetsoc_code_message(col.iloc[pos], col), row=pos + 1, column="onetsoc_code")


def _checked_keys(frame: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """``ids`` as ``Int64`` task IDs, ``frame``'s codes checked; of a bad ID and a bad code, the earlier row.

    The library's rules (:func:`exposure._tables.task_id_numbers`, :func:`_check_frame_codes`),
    rows counted from 1, as ``score_tasks`` reports them; a task ID of 0 or more
    (:func:`exposure.scoring._inputs.check_task_ids`, the rule of ``score_tasks`` and
    ``tag_categories``): ``-1`` joined no label, bytes ``b'7'`` the label of
    task 7, without a word, and a complex number raised numpy's ``TypeError``.
    """
    found = []
    try:
        # a column of dates with every cell missing: no ID (task_id_numbers read NaT as -2**63)
        ids = check_task_ids(ids).astype("Int64")
    except DataFormatError as exc:
        found.append(exc)
    try:
        _check_frame_codes(frame)
    except DataFormatError as exc:
        found.append(exc)
    if found:
        raise min(found, key=lambda exc: exc.row)
    return ids


def _task_id_column(frame: pd.DataFrame) -> pd.Series:
    """``frame["task_id"]``; refuse what is not a frame, repeated names, no ``task_id`` column."""
    check_frame(frame, "frame")  # None raised ``AttributeError: ... no attribute 'columns'``
    check_columns(frame, what="frame")  # two task_id columns: ``AttributeError: ... 'dtype'``
    if "task_id" not in frame.columns:
        near = [c for c in frame.columns if isinstance(c, str) and c.strip().casefold() in ("task id", "task_id")]
        hint = f"; the frame has {near[0]!r}: rename it 'task_id'" if near else ""  # O*NET's header
        if not near and "task_id" in unread_keys(frame)[1].values():  # set_index("task_id")
            hint = "; it is a level of the frame's index: frame.reset_index() makes it a column again"
        raise DataFormatError(f"the reference method needs a 'task_id' column (O*NET task ID){hint}",
                              column="task_id")
    return frame["task_id"]


def frame_task_ids(frame: pd.DataFrame) -> pd.Series:
    """``frame``'s task IDs as ``Int64``; raise on a missing column or an ID that is not an integer.

    Rows are counted from 1 and no file is named: :func:`exposure.scoring.score_tasks`
    names its input's.

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` is not a DataFrame (named ``frame``), has repeated or multi-level column
        names, has no ``task_id`` column (O*NET's ``Task ID`` named when the frame has
        it), or a task ID is not an integer that fits in 64 bits (a boolean, a date or bytes
        is not one: row and column named; :func:`exposure.scoring._inputs.task_id_integers`).

    Examples
    --------
    >>> frame_task_ids(pd.DataFrame({"task_id": ["7", None]})).tolist()
    [7, <NA>]
    >>> frame_task_ids(pd.DataFrame({"task_id": [7, 7.5]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID 7.5 is not an integer
    >>> frame_task_ids(pd.DataFrame({"task_id": [7, True]}, dtype=object))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID True is not an integer
    """
    # the library's rule: ``True`` was joined as task 1, ``1e30`` raised ``TypeError``; a date was
    # read as its nanoseconds, a column of NaT as -2**63 (score_tasks(..., "reference") then
    # refused ``task ID -9223372036854775808``)
    return task_id_integers(_task_id_column(frame)).astype("Int64")


def _checked_labels(labels: pd.DataFrame, col: str) -> pd.DataFrame:
    """``labels`` checked (:func:`~exposure.measures.eloundou.check_task_labels`), refused when empty.

    Empty is also a label column ``col`` missing on every row (labels of the other
    source only, or a column added empty): every task was left unscored, without a word.

    Examples
    --------
    >>> _checked_labels(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
    ...                               "human_exposure_agg": [None], "gpt4_exposure": ["E1"]}),
    ...                 "human_exposure_agg")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, column 'human_exposure_agg': no human label (all 1 rows missing): no task would get a published label; give the human labels, or choose source 'gpt4' if its labels are the ones given
    """
    check_frame(labels, "labels")
    check_choice(col, "col", SOURCES.values())
    # labels the caller did not check: a task ID "x" or missing raised ``ValueError`` or
    # ``TypeError``, a key twice pandas' ``MergeError``, a label "e1" was no label, silently
    lab = check_task_labels(labels, [col])
    if lab.empty:  # every task left unscored, without a word
        raise DataFormatError("labels has no rows: no task would get a published label; "
                              "give the labels, e.g. exposure.measures.eloundou.load_task_labels()")
    if lab[col].isna().all():  # labels of the other source only: every task unscored, silently
        source = {c: name for name, c in SOURCES.items()}[col]
        other = next(name for name, c in SOURCES.items() if c != col)
        # the frame first (it was "column 'human_exposure_agg': labels has no human label ...")
        raise DataFormatError(f"no {source} label (all {len(lab)} rows missing): no task would get a published "
                              f"label; give the {source} labels, or choose source {other!r} if its labels are the "
                              "ones given", path="labels", column=col)
    return lab


def join_labels(frame: pd.DataFrame, ids: pd.Series, labels: pd.DataFrame, col: str, *,
                unlabelled=None) -> pd.DataFrame:
    """The probabilities of :func:`score_reference`, from its checked inputs.

    ``ids`` is :func:`frame_task_ids` of ``frame`` (or its ``task_id`` column itself: read by
    the same rule, :func:`exposure._tables.task_id_numbers`, ``"7"`` and ``7.0`` as task 7);
    ``frame``'s O*NET-SOC codes are checked as :func:`score_reference` checks them.
    ``labels`` is checked (the published labels, or
    :func:`~exposure.measures.eloundou.check_task_labels` output) and has the label column
    ``col``. Without an ``onetsoc_code`` column in ``frame`` the join is on
    the task ID alone: a task ID that ``labels`` gives two different labels (under two
    codes) is then an error naming the rows of ``labels`` (counted from 1).

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` or ``labels`` is not a DataFrame, ``ids`` not a Series of the length of
        ``frame``, ``col`` not a string or not a column of ``labels`` (each named in one
        line); a task ID of ``ids`` that is not an integer (``True``, ``1.5``, ``"x"``) or an
        O*NET-SOC code of ``frame`` not of the form ``00-0000.00`` (the earlier row of the
        two, counted from 1, and the column named); ``labels`` breaks a rule of
        :func:`~exposure.measures.eloundou.check_task_labels` (checked here too: a task
        ID ``"x"`` raised ``ValueError``, a key twice pandas' ``MergeError``, a label
        ``"e1"`` left its task unscored), has no rows or no label in column ``col``
        (every task was left unscored);
        a task ID given two labels (above); ``unlabelled`` not one boolean per row of ``frame``.

    ``unlabelled`` (optional, one boolean per row of ``frame``) marks rows left without a
    label whatever ``labels`` say (their text is another task than the one their key
    names: :func:`exposure.scoring._inputs.other_label_rows`). The INFO line
    ``reference (human): N of M tasks have a published label`` counts the rows that get
    one: it was logged before such rows were set to NaN, and said "1 of 1" beside the
    warning that the row has no label.
    """
    check_frame(frame, "frame")
    if not isinstance(ids, pd.Series):  # None raised ``AttributeError: ... 'to_numpy'``
        raise DataFormatError(f"ids must be a pandas Series of task IDs, got {shown(ids)}")
    if len(ids) != len(frame):
        raise DataFormatError(f"ids has {len(ids)} rows, frame {len(frame)}")
    # ``frame["task_id"]`` itself: IDs as text raised pandas' merge ``ValueError`` (or, with no
    # code column, matched nothing), ``True`` was task 1; a code ``" 11-1011.00"`` matched nothing
    ids = _checked_keys(frame, ids)
    lab = _checked_labels(labels, col)
    if unlabelled is not None:
        unlabelled = np.asarray(unlabelled)
        if unlabelled.dtype != bool or unlabelled.shape != (len(frame),):
            raise DataFormatError(f"unlabelled must be one True or False per row of frame ({len(frame)}), "
                                  f"got {shown(unlabelled)}")
    lab["task_id"] = lab["task_id"].astype("int64")
    if "onetsoc_code" in frame.columns:
        left = pd.DataFrame({"onetsoc_code": frame["onetsoc_code"].astype("string").to_numpy(),
                             "task_id": ids.to_numpy()})
        lab["onetsoc_code"] = lab["onetsoc_code"].astype("string")
        lab["task_id"] = lab["task_id"].astype("Int64")
        joined = left.merge(lab, on=["onetsoc_code", "task_id"], how="left", validate="many_to_one")
    else:
        _one_label_per_id(lab, col)
        by_id = lab.drop_duplicates("task_id")
        by_id = by_id.set_index("task_id")[col]
        joined = pd.DataFrame({col: ids.map(by_id).to_numpy()})
    idx = joined[col].map({label: k for k, label in enumerate(LABELS)})
    probs = np.full((len(frame), len(LABELS)), np.nan)
    ok = idx.notna().to_numpy()
    if unlabelled is not None:  # the key of another task than the text: counted as no label
        ok = ok & ~unlabelled
    probs[ok] = np.eye(len(LABELS))[idx[ok].astype(int).to_numpy()]
    source = {c: name for name, c in SOURCES.items()}.get(col, col)
    logger.info("reference (%s): %d of %d tasks have a published label", source, int(ok.sum()), len(frame))
    return pd.DataFrame(probs, columns=list(PROBA_COLUMNS), index=frame.index)


def _one_label_per_id(lab: pd.DataFrame, col: str) -> None:
    """Refuse a task ID that ``lab`` (fresh index) gives two labels; a missing label counts as one.

    Examples
    --------
    >>> lab = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": [7, 7],
    ...                     "human_exposure_agg": ["E1", "E2"]})
    >>> _one_label_per_id(lab, "human_exposure_agg")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'task_id': task ID 7 is given two labels ('E1' on row 1, 'E2' on row 2, under two O*NET-SOC codes); the tasks have no onetsoc_code column to tell them apart
    """
    shared = lab["task_id"].duplicated(keep=False).to_numpy(dtype=bool)
    if not shared.any():  # the published labels: every task ID once
        return
    rows = np.flatnonzero(shared)
    values = lab[col].iloc[rows].astype("string").fillna("\0").to_numpy(dtype=object)
    first = pd.Series(values).groupby(lab["task_id"].iloc[rows].to_numpy()).transform("first").to_numpy()
    differ = values != first
    if differ.any():
        pos = int(rows[differ.argmax()])
        task_id = int(lab["task_id"].iloc[pos])
        before = int(np.flatnonzero((lab["task_id"] == task_id).to_numpy(dtype=bool))[0])

        def shown(value):
            return "a missing label" if pd.isna(value) else repr(str(value))

        # the frame first (it was "row 2, column 'task_id': labels give task ID 7 two labels ...")
        raise DataFormatError(f"task ID {task_id} is given two labels ({shown(lab[col].iloc[before])} on row "
                              f"{before + 1}, {shown(lab[col].iloc[pos])} on row {pos + 1}, under two O*NET-SOC "
                              "codes); the tasks have no onetsoc_code column to tell them apart", path="labels",
                              row=pos + 1, column="task_id")
