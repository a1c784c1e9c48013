"""What the scorers read from a task frame and an O*NET release.

- the task texts, checked (:func:`check_text_column`, :func:`task_texts`);
- the task types, checked with the rule of the roll-up (:func:`check_task_types`);
- the job zones of a ``job_zone`` column, checked (:func:`check_job_zones`) and read
  (:func:`job_zone_values`) by one rule: whole numbers 1 to 5, as numbers or text
  (``3``, ``3.0``, ``"3.0"``, ``" 3 "``), a missing or blank cell being unknown;
- each task's key (``onetsoc_code``, ``task_id`` as a canonical string:
  :func:`norm_task_id`);
- each task's detailed work activities with their intermediate work activity
  (:func:`task_dwas_for`) and each occupation's job zone (:func:`job_zones_for`).

``onet`` is anything with ``task_dwas`` [onetsoc_code, task_id, dwa_id], ``dwas`` [dwa_id,
iwa_id] and ``occupations`` or ``job_zones`` [onetsoc_code, job_zone] frames (an
:class:`exposure.onet.OnetRelease`, or a made-up namespace in tests).

Examples
--------
>>> from types import SimpleNamespace
>>> onet = SimpleNamespace(
...     task_dwas=pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [7],
...                             "dwa_id": ["4.A.3.b.6.I08.D05"]}),
...     dwas=pd.DataFrame({"dwa_id": ["4.A.3.b.6.I08.D05"], "iwa_id": ["4.A.3.b.6.I08"]}),
...     job_zones=pd.DataFrame({"onetsoc_code": ["43-9061.00"], "job_zone": [2]}))
>>> frame = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.00"],
...                       "task_id": ["7.0", 8], "task": ["File records.", "Type."]})
>>> task_dwas_for(frame, onet)
[[('4.A.3.b.6.I08.D05', '4.A.3.b.6.I08')], []]
>>> job_zones_for(frame, onet)
[2, 2]
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
import hashlib
import itertools
import logging
import numbers
import operator
import os
import re
import shlex
import threading
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa

from exposure._args import check_column, check_count, padded_choice_hint, shown
from exposure._tables import (
    SPREADSHEET_ERRORS,
    first_not_task_id,
    is_spreadsheet_error,
    norm_task_id,
    norm_task_ids,
    not_task_id_dtype,
    number_hint,
    task_id_numbers,
)
from exposure.errors import DataFormatError
from exposure.measures._crosswalk import check_once
from exposure.schemas._fields import ONETSOC_PATTERN, TASK_TYPES, code_hint
from exposure.scoring._features import normalise_text

__all__ = [
    "check_row_offset",
    "cell_shown",
    "BINARY_TYPES",
    "bytes_advice",
    "is_missing",
    "MIN_TASK_ID",
    "task_id_integers",
    "check_task_ids",
    "onetsoc_code_message",
    "check_columns",
    "without_views",
    "plain_index",
    "frame_type",
    "check_path_name",
    "check_titles_not_texts",
    "with_index_label",
    "index_note",
    "RowNames",
    "check_onet",
    "ONET_TABLES",
    "DWA_TABLES",
    "check_text_column",
    "task_texts",
    "SPREADSHEET_ERRORS",
    "is_spreadsheet_error",
    "PLACEHOLDERS",
    "is_placeholder",
    "MOJIBAKE_ADVICE",
    "no_letter_reason",
    "mojibake",
    "check_header_rows",
    "bad_task_types",
    "padded_choice_hint",
    "task_type_hint",
    "check_task_types",
    "JOB_ZONES",
    "check_job_zones",
    "job_zone_values",
    "norm_task_id",
    "norm_task_ids",
    "has_keys",
    "task_keys",
    "task_dwa_links",
    "RELEASE_TABLE_COLUMNS",
    "check_release_table",
    "dwa_task_keys",
    "job_zone_lookup",
    "job_zones_for",
    "task_dwas_for",
    "remembered",
    "frames_unchanged",
    "OTHER_IDS_MESSAGE",
    "column_key",
    "argument_given",
    "argument_named",
    "none_given",
    "options_named",
    "missing_column_hint",
    "missing_occupation_column",
    "columns_shown",
    "typed_column",
    "index_level_hint",
    "KEY_NAMES",
    "key_spellings",
    "spelled_name",
    "unread_keys",
    "key_columns_shown",
    "key_headers_message",
    "warn_keys_not_read",
    "repeated_index_message",
    "warn_repeated_index",
    "CODES_NOT_READ_MESSAGE",
    "codes_not_read",
    "warn_codes_not_read",
    "keys_spelled_twice",
    "warn_keys_spelled_twice",
    "without_other_ids",
    "OTHER_LABELS_MESSAGE",
    "check_statement_column",
    "other_label_rows",
]

#: The task-ID warnings (:func:`without_other_ids`, :func:`other_label_rows`) are said on the ``exposure.scoring`` logger,
#: where ``exposure score FILE`` and the Dask entry points hold and sum it over batches.
_SCORING_LOG = logging.getLogger("exposure.scoring")


def column_key(name) -> str:
    """A column name as the key and near-column checks compare it: letters and digits, casefolded.

    Examples
    --------
    >>> [column_key(c) for c in ("Job Zone", "O*NET-SOC Code", " title", "O.NET.SOC.Code", "taskid")]
    ['jobzone', 'onetsoccode', 'title', 'onetsoccode', 'taskid']
    """
    return "".join(c for c in str(name).casefold() if c.isalnum())


#: The command-line options that stand for arguments, within :func:`options_named`.
_OPTIONS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("exposure_scoring_options", default=None)


@contextlib.contextmanager
def options_named(options: dict):
    """Name arguments by ``options`` (``{argument: option}``) in the advice of messages within the block.

    ``exposure score`` has ``--occupation-column``, not ``occupation_column=``: the warning
    of a title column under another name (``Job Title``) told its user to ``give
    occupation_column='Job Title'``, which the command does not take.

    Parameters
    ----------
    options : dict
        ``{"occupation_column": "--occupation-column"}``.

    Examples
    --------
    >>> with options_named({"occupation_column": "--occupation-column"}):
    ...     argument_given("occupation_column", "Job Title")
    "--occupation-column 'Job Title'"
    >>> argument_given("occupation_column", "Job Title")
    "occupation_column='Job Title'"
    """
    token = _OPTIONS.set({**(_OPTIONS.get() or {}), **options})
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def argument_given(argument: str, value) -> str:
    """``argument=value`` as the caller gives it: ``occupation_column='Title'``, or ``--occupation-column Title``.

    The option's form within :func:`options_named` (the value quoted for a shell when it
    needs to be), the Python form otherwise.
    """
    option = (_OPTIONS.get() or {}).get(argument)
    if option is None or not isinstance(value, str):
        return f"{argument}={value!r}"
    return f"{option} {shlex.quote(value)}"


def argument_named(argument: str, value) -> str:
    """``argument 'value'`` as the caller gives it: ``occupation_column 'task'``, or ``--occupation-column task``.

    As :func:`argument_given`, in the words of a message that names the value given.

    Examples
    --------
    >>> argument_named("occupation_column", "task_id")
    "occupation_column 'task_id'"
    >>> with options_named({"occupation_column": "--occupation-column"}):
    ...     argument_named("occupation_column", "task_id")
    '--occupation-column task_id'
    """
    option = (_OPTIONS.get() or {}).get(argument)
    if option is None or not isinstance(value, str):
        return f"{argument} {value!r}"
    return f"{option} {shlex.quote(value)}"


def none_given(argument: str) -> str:
    """How to give no value for ``argument``: ``None``, or leave its option out (:func:`options_named`).

    ``exposure score --occupation-column task_id`` was told to give ``None (no titles)``:
    ``--occupation-column None`` names a column ``None``.

    Examples
    --------
    >>> none_given("occupation_column")
    'None'
    >>> with options_named({"occupation_column": "--occupation-column"}):
    ...     none_given("occupation_column")
    'leave --occupation-column out'
    """
    option = (_OPTIONS.get() or {}).get(argument)
    return "None" if option is None else f"leave {option} out"


def missing_column_hint(columns, name, argument: str, *, path=None) -> str:
    """``"; the frame has 'title': give occupation_column='title'"`` for a column named but absent.

    A column of ``columns`` that :func:`column_key` reads as ``name`` (another case,
    spacing or punctuation: ``title`` for ``Title``, ``job_title`` for ``Job Title``) is
    offered in the words of :func:`argument_given`; "the file" when ``path`` is given. An
    empty string when there is none. A column whose name is written as ``name`` but is of
    another type (the number ``1`` of a frame read with ``header=None``, for ``"1"``) is
    offered so too (:func:`typed_column`): it was not, and ``missing occupation column
    '1'`` read as if the frame had no such column.

    Examples
    --------
    >>> missing_column_hint(["task", "title"], "Title", "occupation_column")
    "; the frame has 'title': give occupation_column='title'"
    >>> missing_column_hint(["task"], "Title", "occupation_column")
    ''
    >>> missing_column_hint(["task", 1], "1", "occupation_column")
    "; the frame has 1 (int, not the text '1'): give occupation_column=1"
    """
    typed = typed_column(columns, name)
    if typed is not None:
        return (f"; the {'frame' if path is None else 'file'} has {typed!r} ({type(typed).__name__}, not the "
                f"{'text' if isinstance(name, str) else type(name).__name__} {name!r}): "
                f"give {argument_given(argument, typed)}")
    near = [c for c in columns if isinstance(c, str) and c != name and column_key(c) == column_key(name)]
    if not near or not column_key(name):
        return ""
    return f"; the {'frame' if path is None else 'file'} has {near[0]!r}: give {argument_given(argument, near[0])}"


def missing_occupation_column(columns, occupation_column, *, frame=None, path=None) -> DataFormatError:
    """The error on an ``occupation_column`` that ``columns`` lack, with the columns and what it may be.

    The columns are listed (:func:`columns_shown`: the first twelve), then a level of
    ``frame``'s index of that name is named (:func:`index_level_hint`), else a column of
    another spelling or type offered (:func:`missing_column_hint`). The one message of
    :func:`exposure.scoring.score_tasks` and the tagger: ``tag_categories`` listed every
    column of a wide frame and did not name a level of the index (``set_index("job")``).

    Examples
    --------
    >>> print(missing_occupation_column(["task", "Job Title"], "job_title"))
    column 'job_title': missing occupation column 'job_title' (columns: ['task', 'Job Title']); the frame has 'Job Title': give occupation_column='Job Title'
    """
    hint = ((index_level_hint(frame, occupation_column) if frame is not None else "")
            or missing_column_hint(columns, occupation_column, "occupation_column", path=path))
    return DataFormatError(f"missing occupation column {occupation_column!r} (columns: {columns_shown(columns)})"
                           f"{hint}", path=path, column=occupation_column)


def typed_column(columns, name):
    """The column of ``columns`` whose name is written as ``name`` but is of another type, or None.

    A frame read with ``header=None`` (or built from lists of rows) has the numbers
    ``0, 1, ...`` as column names, which ``"1"`` does not name (nor does ``1`` name a
    column ``"1"``). Booleans and missing names are not offered.

    Examples
    --------
    >>> typed_column([0, 1], "1"), typed_column(["0"], 0), typed_column(["task"], "task")
    (1, '0', None)
    """
    if isinstance(name, bool) or is_missing(name):
        return None
    text = str(name)
    return next((c for c in columns if type(c) is not type(name) and not isinstance(c, bool)
                 and not is_missing(c) and str(c) == text and c != name), None)


def index_level_hint(frame, name) -> str:
    """``"; it is a level of the frame's index: ..."``: the advice on a column ``name`` held in ``frame``'s index.

    An empty string when ``name`` is no level of the index (or is a column too).

    Examples
    --------
    >>> index_level_hint(pd.DataFrame({"task": ["Weld."]}, index=pd.Index(["Welder"], name="title")), "title")
    "; it is a level of the frame's index: frame.reset_index() makes it a column again"
    """
    if not isinstance(frame, pd.DataFrame) or name in frame.columns:
        return ""
    if name in [n for n in frame.index.names if n is not None]:  # set_index("title")
        return "; it is a level of the frame's index: frame.reset_index() makes it a column again"
    return ""


#: The key columns by their names as :func:`column_key` reads them (O*NET's headers, the
#: library's, and as other tools rename them): :func:`key_spellings`.
KEY_NAMES = {"onetsoc_code": "onetsoccode", "task_id": "taskid"}


def key_spellings(columns, skip=()) -> dict[str, list]:
    """``{key: [the columns that spell it]}``: names of :data:`KEY_NAMES` in another case, spacing or punctuation.

    The file readers take the one such column of a key for it (``O*NET-SOC CODE``,
    ``TASK_ID``: :func:`exposure.scoring._files.onet_aliases`); :func:`exposure.scoring.score_tasks`
    warns of them, as it does not read them. Columns in ``skip`` are left out; keys no
    column spells are absent. R's ``read.csv`` (``O.NET.SOC.Code``, ``Task.ID``) and Stata's
    ``import delimited`` (``onetsoccode``, ``taskid``) rename O*NET's headers so: such keys
    were neither read nor warned of (the rows scored as text alone, without O*NET). So were
    the tuples of flattened column levels (:func:`spelled_name`: ``('onetsoc_code', '')`` of
    ``frame.columns.to_flat_index()`` after a ``groupby().agg()``).

    Examples
    --------
    >>> key_spellings(["O*NET-SOC CODE", " task id", "TASK_ID", "task"])
    {'onetsoc_code': ['O*NET-SOC CODE'], 'task_id': [' task id', 'TASK_ID']}
    >>> key_spellings(["O.NET.SOC.Code", "Task.ID", "Task"])
    {'onetsoc_code': ['O.NET.SOC.Code'], 'task_id': ['Task.ID']}
    >>> key_spellings([("onetsoc_code", ""), ("task", "id"), 0, "task"])
    {'onetsoc_code': [('onetsoc_code', '')], 'task_id': [('task', 'id')]}
    """
    out = {}
    for key, name in KEY_NAMES.items():
        near = [c for c in columns if spelled_name(c) and c not in skip and column_key(c) == name]
        if near:
            out[key] = near
    return out


def spelled_name(name) -> bool:
    """Whether a column ``name`` may spell a key: text, or a tuple of texts (flattened levels).

    ``frame.columns.to_flat_index()`` of a frame grouped and reset (``('onetsoc_code', '')``,
    ``('task_id', '')``) names its columns by tuples: the keys under them were neither read
    nor warned of.
    """
    return isinstance(name, str) or (isinstance(name, tuple) and bool(name)
                                     and all(isinstance(part, str) for part in name))


def keys_spelled_twice(columns, aliases=None) -> list[tuple[str, str | None, list]]:
    """Keys that two or more columns spell: ``[(key, the column read as it, the columns not read)]``.

    ``aliases`` (``{column: new name}``, :func:`exposure.scoring._files.onet_aliases`) are
    the renames a file reader applies; the column read is the one that then carries the
    key's name (None: none does, the rows are read without that key). A file with both
    ``onetsoc_code`` and ``O*NET-SOC Code`` (a column added beside O*NET's own) was read
    by the first alone, without a word, whatever the second held.

    Examples
    --------
    >>> keys_spelled_twice(["task", "onetsoc_code", "O*NET-SOC Code", "task_id"])
    [('onetsoc_code', 'onetsoc_code', ['O*NET-SOC Code'])]
    >>> keys_spelled_twice(["O*NET-SOC CODE", "o*net-soc code"])
    [('onetsoc_code', None, ['O*NET-SOC CODE', 'o*net-soc code'])]
    """
    aliases = aliases or {}
    out = []
    for key, near in key_spellings(columns).items():
        if len(near) < 2:
            continue
        read = next((c for c in near if aliases.get(c, c) == key), None)
        out.append((key, read, [c for c in near if c != read]))
    return out


#: The warning of :func:`warn_keys_spelled_twice` (where, the columns, the key, what is read).
KEYS_TWICE_MESSAGE = "%s: the columns %s all name the key %r; %s: keep one of them (drop or rename the others)"


def unread_keys(frame: pd.DataFrame) -> tuple[dict, dict]:
    """``({column: key}, {index level: key})``: task keys ``frame`` lacks as columns but holds otherwise.

    Columns under another spelling (O*NET's headers ``O*NET-SOC Code``, ``Task ID``; in
    capitals, ``TASK_ID``; as R renames them, ``O.NET.SOC.Code``:
    :func:`key_spellings`, the first such column of each key),
    then levels of the index (``set_index(["onetsoc_code", "task_id"])``) for the keys
    left. The scorers read the columns ``onetsoc_code`` and ``task_id`` only.

    Examples
    --------
    >>> unread_keys(pd.DataFrame(columns=["O*NET-SOC Code", "task_id", "Task"]))
    ({'O*NET-SOC Code': 'onetsoc_code'}, {})
    >>> unread_keys(pd.DataFrame({"task_id": [1]}, index=pd.Index(["11-1011.00"], name="onetsoc_code")))
    ({}, {'onetsoc_code': 'onetsoc_code'})
    """
    headers = {near[0]: key for key, near in key_spellings(frame.columns).items() if key not in frame.columns}
    names = [name for name in frame.index.names if name is not None]
    levels = {near[0]: key for key, near in key_spellings(names).items()
              if key not in frame.columns and key not in headers.values()}
    return headers, levels


def key_headers_message(caller: str, scored: str) -> str:
    """The warning of ``caller`` on a frame whose task keys are under other column names (:func:`warn_keys_not_read`).

    ``scored`` says what became of the rows. Its ``%s``: the keys, the columns that spell
    them (with their likely source: :func:`key_columns_shown`) and the renaming. One
    wording for the scorers (:data:`exposure.scoring.KEY_HEADERS_MESSAGE`,
    :data:`exposure.scoring.rubric.KEY_HEADERS_MESSAGE`), which held near-copies of it.

    Examples
    --------
    >>> key_headers_message("score_rubric", "the rows were scored from their text alone")
    'score_rubric: the frame has no %s column but %s, not read as keys: the rows were scored from their text alone; rename them first (df.rename(columns={%s}))'
    """
    return (f"{caller}: the frame has no %s column but %s, not read as keys: {scored}; rename them first "
            "(df.rename(columns={%s}))")


def key_columns_shown(columns) -> str:
    """The ``columns`` that spell task keys, as the key warnings show them, with their likely source.

    Columns named by text are taken for O*NET's headers (``O*NET-SOC Code``, as pandas
    reads O*NET's file, R's ``O.NET.SOC.Code``, ``TASK_ID``); columns named by tuples
    come from column levels flattened (``frame.columns.to_flat_index()`` after a
    ``groupby().agg()``): those were called O*NET's headers too.

    Examples
    --------
    >>> key_columns_shown(["O*NET-SOC Code", "Task ID"])
    "'O*NET-SOC Code', 'Task ID' (O*NET's headers?)"
    >>> key_columns_shown([("onetsoc_code", ""), ("task_id", "")])
    "('onetsoc_code', ''), ('task_id', '') (column levels flattened to tuples?)"
    """
    runs = itertools.groupby(columns, key=lambda c: isinstance(c, tuple))
    return ", ".join(", ".join(repr(c) for c in run) + (" (column levels flattened to tuples?)" if flat else
                                                        " (O*NET's headers?)") for flat, run in runs)


def warn_keys_not_read(frame: pd.DataFrame, log: logging.Logger, headers_message: str, levels_message: str) -> None:
    """Warn, on ``log``, of the task keys that ``frame`` holds other than as key columns (:func:`unread_keys`).

    ``headers_message`` (:func:`key_headers_message`) gets the keys (``'onetsoc_code' and
    'task_id'``), the columns that spell them (:func:`key_columns_shown`) and the renaming
    (``'O*NET-SOC Code': 'onetsoc_code'``); ``levels_message`` the keys and the index
    levels. The scorers' warnings, each in its own words
    (:func:`exposure.scoring.score_tasks`, :func:`exposure.scoring.rubric.score_rubric`).
    """
    headers, levels = unread_keys(frame)
    if headers:
        log.warning(headers_message, " and ".join(repr(key) for key in headers.values()),
                    key_columns_shown(headers), ", ".join(f"{c!r}: {key!r}" for c, key in headers.items()))
    if levels:
        log.warning(levels_message, " and ".join(repr(key) for key in levels.values()),
                    ", ".join(repr(n) for n in levels))


def repeated_index_message(caller: str, what: str = "scores") -> str:
    """The warning of ``caller`` on a frame whose index repeats a label (:func:`warn_repeated_index`).

    Its ``%d``/``%s``: the rows of repeated labels, the first such label, its first two rows.
    ``what`` the caller returns: ``"scores"`` (the scorers), ``"tags"`` (the tagger).

    Examples
    --------
    >>> repeated_index_message("score_rubric").split(": the scores")[0]
    "score_rubric: the frame's index repeats labels (%d row(s); first: %s, rows %d and %d)"
    >>> repeated_index_message("tag_categories", "tags").split("): ")[1]
    'the tags are returned row by row, but df.join(tags) or .loc by that index pairs each repeated label with every row of it (rows duplicated, tags on other rows); call reset_index() first to join the tags back'
    """
    return (f"{caller}: the frame's index repeats labels (%d row(s); first: %s, rows %d and %d): the {what} "
            f"are returned row by row, but df.join({what}) or .loc by that index pairs each repeated label "
            f"with every row of it (rows duplicated, {what} on other rows); call reset_index() first to "
            f"join the {what} back")


def warn_repeated_index(frame: pd.DataFrame, log: logging.Logger, message: str) -> None:
    """Warn (once, on ``log``) when ``frame``'s index repeats a label: joining the scores back by it goes wrong.

    ``message`` is :func:`repeated_index_message` of the scorer. The scores keep the
    frame's index, so ``df.join(scores)`` gave each row of a repeated label the scores of
    every row of it (rows duplicated, one task's scores on the other), without a word.
    """
    index = plain_index(frame.index)  # string_view labels: NotImplementedError from inside pandas
    try:
        if index.is_unique:
            return
        repeated = index.duplicated(keep=False)
        codes = pd.factorize(index, use_na_sentinel=False)[0]  # a missing label repeats too
    except TypeError:  # labels that are lists (unhashable): no join or .loc by them either
        return
    second = int(np.flatnonzero(index.duplicated())[0])
    first = int(np.flatnonzero(codes == codes[second])[0])
    label = index[first]
    if isinstance(label, tuple):
        label = tuple(v.item() if isinstance(v, np.generic) else v for v in label)
    elif isinstance(label, np.generic):
        label = label.item()
    log.warning(message, int(repeated.sum()), cell_shown(label), first + 1, second + 1)


#: The warning of :func:`warn_codes_not_read`: a column of O*NET-SOC codes under a name that is not read
#: (the start, ``score_tasks`` or the file's path, the verb, ``scored`` or ``tagged``, and the spaces to
#: remove around the codes, as ``onetsoc_code`` refuses them, are given).
CODES_NOT_READ_MESSAGE = ("%sthe column %r holds O*NET-SOC codes (first: %r) but is not read: the occupation "
                          "is read from a column 'onetsoc_code' only, so the rows were %s as if they had "
                          "none; name the column 'onetsoc_code'%s to have it read")

_ONETSOC_CELL = re.compile(ONETSOC_PATTERN)


def codes_not_read(frame: pd.DataFrame, skip=()) -> tuple | None:
    """``(column, first code, first code with spaces)`` of a column of O*NET-SOC codes under a name no scorer reads.

    The scorers read an occupation from ``onetsoc_code`` (or a spelling of it:
    :func:`key_spellings`) only. A frame with its codes under ``onet_code``, ``O*NET
    Code``, ``occ_code`` or ``soc`` (names other tools and exports give them) was scored as
    if it had none (the learned model's occupation context, the O*NET task match), without
    a word. A column is taken for codes when its first (up to 20) values that are not
    missing are all O*NET-SOC codes (``15-1252.00``). None when the frame has such a key
    already, as a column, a spelling or an index level. Columns in ``skip`` (the text and
    title columns) are not looked at. A column of any name is looked at: the numbered
    columns of ``pd.read_csv(path, header=None)`` (``score_tasks(frame, text_column=2)``)
    were scored without their codes, without a word. The third item is the first code
    (of those looked at) with white space around it, else None: ``onetsoc_code`` refuses
    such a code (the advice to rename the column then failed on it). None when no column
    holds codes.

    Examples
    --------
    >>> codes_not_read(pd.DataFrame({"task": ["Draft emails."], "onet_code": ["43-6014.00"]}))
    ('onet_code', '43-6014.00', None)
    >>> print(codes_not_read(pd.DataFrame({"task": ["Draft emails."], "onetsoc_code": ["43-6014.00"]})))
    None
    """
    names = [n for n in frame.index.names if n is not None]
    if "onetsoc_code" in frame.columns or "onetsoc_code" in key_spellings([*frame.columns, *names]):
        return None
    twice = frame.columns.duplicated(keep=False)
    for i, name in enumerate(frame.columns):
        if twice[i] or name in skip:
            continue
        column = frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
            continue
        # the first 20 values present, read lazily: not a copy of a column of 200,000 texts
        present = (v for v in column if not (pd.api.types.is_scalar(v) and pd.isna(v)))
        values = list(itertools.islice(present, 20))
        if values and all(isinstance(v, str) and _ONETSOC_CELL.match(v.strip()) for v in values):
            return name, values[0], next((v for v in values if v != v.strip()), None)
    return None


def ids_without_codes(frame: pd.DataFrame, skip=()) -> int:
    """Rows of ``frame`` with a task ID when it holds no O*NET-SOC codes at all; else 0.

    O*NET keys a task by its occupation's code and its ID: with ``onet``, such rows are read
    as free text, their task IDs unread. 0 when there is no ``task_id`` column, or when the
    codes are there under ``onetsoc_code``, a spelling of it (:func:`key_spellings`, an
    index level too) or another name (:func:`codes_not_read`): those cases are warned of
    in their own words. :func:`exposure.score_tasks` and the category tagger both warn of
    these rows.

    Examples
    --------
    >>> ids_without_codes(pd.DataFrame({"task": ["Draft emails."], "task_id": [21228]}))
    1
    >>> ids_without_codes(pd.DataFrame({"task": ["Draft emails."], "task_id": [21228],
    ...                                 "onet_code": ["11-2032.00"]}))
    0
    """
    if "task_id" not in frame.columns or "onetsoc_code" in frame.columns:
        return 0
    names = [*frame.columns, *(n for n in frame.index.names if n is not None)]
    if "onetsoc_code" in key_spellings(names) or codes_not_read(frame, skip) is not None:
        return 0
    ids = frame["task_id"]
    return int(ids.notna().sum()) if isinstance(ids, pd.Series) else 0


def warn_codes_not_read(frame: pd.DataFrame, where=None, skip=(), *, verb: str = "scored",
                        log: logging.Logger | None = None) -> bool:
    """Log :data:`CODES_NOT_READ_MESSAGE` for :func:`codes_not_read`; whether it was logged.

    ``where`` starts the message: ``score_tasks``, or the file's path (``exposure score
    FILE``); None starts it with the column (the category tagger, whose warnings name no
    function). ``verb`` says what was done to the rows: ``scored``, or ``tagged`` (the
    category tagger). ``log``: the logger (default ``exposure.scoring``). The scorers and
    the tagger said it in two wordings of two functions (``the rows were scored as if
    they had none``; ``the rows are tagged as free text``). Codes with spaces around them
    are told to lose them too: renaming the column alone had them refused.
    """
    found = codes_not_read(frame, skip)
    if found is None:
        return False
    name, first, spaced = found
    strip = "" if spaced is None else f" and remove the spaces around its codes ({spaced!r})"
    (_SCORING_LOG if log is None else log).warning(CODES_NOT_READ_MESSAGE, "" if where is None else f"{where}: ",
                                                   name, first, verb, strip)
    return True


def warn_keys_spelled_twice(columns, aliases=None, *, path=None) -> None:
    """Log :data:`KEYS_TWICE_MESSAGE` (``exposure.scoring`` logger) for each key two or more columns spell.

    ``path`` names the file (else the message starts ``score_tasks``): ``t.csv: the columns
    'onetsoc_code', 'O*NET-SOC Code' all name the key 'onetsoc_code'; 'onetsoc_code' is
    read, 'O*NET-SOC Code' not (whatever it holds): keep one of them (drop or rename the
    others)``.
    """
    for key, read, unread in keys_spelled_twice(columns, aliases):
        names = ", ".join(repr(c) for c in ([read] if read else []) + unread)
        what = (f"{read!r} is read, {' and '.join(repr(c) for c in unread)} not (whatever it holds)" if read
                else "none of them is read, so the rows are read without it")
        _SCORING_LOG.warning(KEYS_TWICE_MESSAGE, "score_tasks" if path is None else path, names, key, what)


def check_row_offset(row_offset) -> int:
    """``row_offset`` as an int; refuse anything but a whole number of 0 or more.

    Checked up front: it is used only to build the message of another error, which would
    otherwise fail instead (``1 + None``).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_row_offset(np.int64(2)), check_row_offset(2.0)
    (2, 2)
    >>> check_row_offset("2")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row_offset must be a whole number of 0 or more (1 counts rows from 1), got str '2'
    """
    try:
        return check_count(row_offset, "row_offset", 0)
    except DataFormatError:  # the same check, with what the number means
        raise DataFormatError("row_offset must be a whole number of 0 or more (1 counts rows from 1), "
                              f"got {shown(row_offset)}") from None


#: Longest ``repr`` of a cell, index label or column name written out in a message.
CELL_SHOWN = 80


def cell_shown(value, keep: int = CELL_SHOWN) -> str:
    """``repr(value)`` for a message; cut to its first and last characters when long.

    A refused cell (a task text of 1 MB of digits or spaces, bytes, a list, a task type
    or job zone) was written out whole: the one-line message was 1,000,000 characters
    long. The cut ``repr`` says the type and length of what it left out.

    Examples
    --------
    A :class:`memoryview` (a ``bytea`` cell as psycopg2 reads it) is shown as the bytes it
    holds, ``memoryview(b'Weld pipes.')``: its ``repr``, ``<memory at 0x7f...>``, said
    nothing of them.

    Examples
    --------
    >>> cell_shown("Core"), cell_shown(b"x" * 200)
    ("'Core'", "b'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxx' (bytes of 200 characters)")
    >>> cell_shown(memoryview(b"Weld pipes."))
    "memoryview(b'Weld pipes.')"
    """
    if isinstance(value, memoryview):
        value = _Memory(value.tobytes())
    text = repr(value)
    if len(text) <= keep:
        return text
    size = f" of {len(value):,} characters" if isinstance(value, (str, *BINARY_TYPES)) else (
        f" of {len(value):,} items" if isinstance(value, (list, tuple)) else "")
    kind = "memoryview" if isinstance(value, _Memory) else type(value).__name__
    return f"{text[:keep - 20]}...{text[-17:]} ({kind}{size})"


#: The cells of bytes (bytes, and the ``bytearray`` and ``memoryview`` that database drivers
#: give for binary columns: psycopg2 reads ``bytea`` as a ``memoryview``), which
#: :func:`bytes_advice` tells how to decode.
BINARY_TYPES = (bytes, bytearray, memoryview)


class _Memory(bytes):
    """The bytes of a :class:`memoryview`, shown as one: ``memoryview(b'...')`` (:func:`cell_shown`)."""

    def __repr__(self) -> str:
        return f"memoryview({bytes(self)!r})"


def bytes_advice(column, values: pd.Series | None = None, *, path=None) -> str:
    """The advice on a cell of bytes in ``column``: decode the column to text first.

    A column of bytes (``b'Answer email'``: what a database driver or a binary Parquet
    column gives) was refused as ``task text must be a non-empty string, got b'Answer
    email'``, which did not say what to do. For a frame of the caller the advice is the
    pandas code that mends the column ``values``: ``.str.decode('utf-8')`` for a column
    of bytes alone (missing cells pass), and a ``map`` that decodes the bytes alone for a
    column that mixes them with text (``.str.decode`` made its text cells missing). An
    Arrow column of bytes (``binary``, ``large_binary``, ``fixed_size_binary``, and the
    ``binary_view`` of Polars and DuckDB) has no ``.str.decode``: its cells are decoded as
    a plain column (``pd.Series(df[c].tolist(), index=df.index)``). The advice was
    ``.astype(object).str.decode``, which raised pyarrow's ``ArrowNotImplementedError`` for
    ``binary_view``. With ``path`` (a file), the advice says what to do to the file's column.
    A ``bytearray`` is decoded as bytes are; a ``memoryview`` (psycopg2's ``bytea``), which
    ``.str.decode`` makes missing without a word, by ``bytes(v).decode`` in a ``map``: such
    cells were refused with no advice (``got <memory at 0x7f...>``).

    Returns
    -------
    str
        The advice, starting with ``": "``.

    Examples
    --------
    >>> bytes_advice("task", pd.Series([b"Answer email", None]))
    ": bytes, not text (from a database driver or a binary column?): decode them first, df['task'] = df['task'].str.decode('utf-8') (or the column's own encoding)"
    >>> bytes_advice("task", pd.Series([b"Answer email", "Type letters."])).split("first, ")[1]
    "df['task'] = df['task'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v) (or the column's own encoding)"
    >>> bytes_advice("task", pd.Series([memoryview(b"Answer email"), None])).split("first, ")[1]
    "df['task'] = df['task'].map(lambda v: bytes(v).decode('utf-8') if isinstance(v, memoryview) else v) (or the column's own encoding)"
    >>> bytes_advice("task", pd.Series([b"Answer email"], dtype=pd.ArrowDtype(pa.binary_view()))).split("first, ")[1]
    "df['task'] = pd.Series(df['task'].tolist(), index=df.index).str.decode('utf-8') (or the column's own encoding)"
    """
    if path is not None:
        return ": bytes, not text: save the column as text (decoded from UTF-8, or from its own encoding)"
    said = ": bytes, not text (from a database driver or a binary column?): decode them first, "
    arrow = values is not None and isinstance(values.dtype, pd.ArrowDtype)
    cells = [] if values is None or arrow else values.tolist()
    kinds = [kind for kind in BINARY_TYPES if any(isinstance(v, kind) for v in cells)]
    memory = memoryview in kinds  # .str.decode made them missing
    if arrow:  # .astype(object).str.decode raised ArrowNotImplementedError for binary_view
        return (f"{said}df[{column!r}] = pd.Series(df[{column!r}].tolist(), index=df.index).str.decode('utf-8') "
                "(or the column's own encoding)")
    if not memory and all(isinstance(v, BINARY_TYPES) or is_missing(v) for v in cells):
        return f"{said}df[{column!r}] = df[{column!r}].str.decode('utf-8') (or the column's own encoding)"
    names = ", ".join(kind.__name__ for kind in kinds)
    decode = "bytes(v).decode('utf-8')" if memory else "v.decode('utf-8')"
    return (f"{said}df[{column!r}] = df[{column!r}].map(lambda v: {decode} if isinstance(v, "
            f"{names if len(kinds) == 1 else f'({names})'}) else v) (or the column's own encoding)")


def is_missing(value) -> bool:
    """Whether one cell is missing: None, NaN, ``pd.NA``, ``NaT`` (a list or bytes is not).

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", b"", [None])]
    [True, True, True, True, False, False, False]
    """
    kind = type(value)  # the usual cells, without pandas' look (a third of the time): as pd.isna reads them
    if kind is str or kind is int:
        return False
    if kind is float:
        return value != value
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):  # a ragged list
        return False
    return isinstance(missing, (bool, np.bool_)) and bool(missing)  # a list gives an array


#: Smallest task ID (the ``task_id`` field of :class:`~exposure.schemas._scores.TaskScores`, ``ge=0``).
MIN_TASK_ID = 0

def task_id_integers(ids: pd.Series, *, path=None, row_offset: int = 1) -> pd.Series:
    """The task IDs ``ids`` as numbers; raise on the first that is not a 64-bit integer (missing passes).

    The rule of :func:`exposure._tables.task_id_numbers`; dates, times, durations, periods,
    intervals, complex numbers and bytes (which :func:`pandas.to_numeric` would read as
    numbers, or fail on) are not task IDs either, by the one rule of the readers
    (:func:`exposure._tables.first_not_task_id`: a ``NaT`` among other IDs is missing), told
    in the scorers' words (``task ID ... is not an integer``), bytes told how to decode them
    (:func:`bytes_advice`). Bytes (``b'18565'``: a Parquet ``binary`` column) were read by
    pandas as their number, so the learned model scored the row as that O*NET task while
    the category tags and the rubric looked the key up as ``"b'18565'"`` (round 56).

    Examples
    --------
    >>> task_id_integers(pd.Series(["7", 8.0, None])).tolist()
    [7.0, 8.0, nan]
    >>> task_id_integers(pd.Series([7, b"8"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID b'8' is not an integer: bytes, not text (from a database driver or a binary column?): decode them first, df['task_id'] = df['task_id'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v) (or the column's own encoding)
    """
    odd = first_not_task_id(ids)
    pos = None if odd is None else odd[0]
    if pos is None:
        try:
            return task_id_numbers(ids, path=path, row_offset=row_offset)
        except DataFormatError as exc:  # its message wrote a cell of 1 MB out whole
            value = ids.iloc[exc.row - row_offset] if exc.row is not None else None
            if exc.row is not None and (hint := task_id_hint(value)):  # a workbook's date, 8,823
                raise DataFormatError(f"{exc.reason}{hint}", path=path, row=exc.row, column="task_id") from None
            if exc.row is None or len(repr(value)) <= len(cell_shown(value)):
                raise
            what = "that fits in 64 bits" if exc.reason.endswith("64 bits") else ""
            raise DataFormatError(f"task ID {cell_shown(value)} is not an integer {what}".rstrip(),
                                  path=path, row=exc.row, column="task_id") from None
    if pos < 0:  # a date/duration/complex column with every cell missing: no ID given
        return pd.Series(np.nan, index=ids.index, name=ids.name)
    if not_task_id_dtype(ids.dtype) is None:  # object cells: an earlier problem wins
        task_id_numbers(ids.iloc[:pos], path=path, row_offset=row_offset)
    value = ids.iloc[pos]
    if isinstance(value, np.generic) and value.dtype.kind not in "mM":
        value = value.item()  # (11504+0j), not np.complex128(11504+0j)
    # b'18565' (a binary column, a database driver's bytea): decoded, it is read (it was told no more)
    hint = bytes_advice("task_id", ids, path=path) if isinstance(value, BINARY_TYPES) else task_id_hint(value)
    raise DataFormatError(f"task ID {cell_shown(value)} is not an integer{hint}", path=path, row=pos + row_offset,
                          column="task_id")


#: A date as text in a task ID cell: an ``.xlsx`` cell formatted as a date, read as text
#: (``2001-01-05 00:00:00``), or such a cell saved as ISO text.
_DATE_TEXT = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]00:00:00)?\s*")
#: A task ID written with thousands separators (``8,823``: a number format's, saved as shown).
_GROUPED_ID = re.compile(r"\s*[0-9]{1,3}(?:,[0-9]{3})+\s*")
#: A task ID written as Excel's formula of a text (``="8823"``, to keep it as written).
_FORMULA_ID = re.compile(r'\s*="\s*([0-9]+)\s*"\s*')
#: Excel's day 0 (from 1900-03-01 on; its day 60 is the 29 February 1900 that was not).
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def task_id_hint(value) -> str:
    """What a task ID that is not an integer may be, and what to do, for the message; else ``""``.

    A spreadsheet's ways of writing a task ID, refused as ``task ID ... is not an
    integer``, no more:

    - a date: a column of task IDs formatted as dates in a workbook (a format copied
      over it), read by pandas' ``read_excel`` as ``Timestamp('1924-02-26 00:00:00')``,
      by ``exposure score`` (cells as text) as ``'1924-02-26 00:00:00'``; the number the
      workbook holds is said (Excel's count of days, from 1900-03-01 on: the task ID
      8823 is shown as 1924-02-26);
    - ``'8,823'``: a number format with a thousands separator, saved in a CSV as shown;
    - ``'="8823"'``: Excel's formula of a text, written to keep a number as text;
    - a missing value written out (``'NaN'``, ``'NA'``, ``'NULL'``: :func:`is_placeholder`),
      as R, a database export or ``df.to_csv(na_rep="NaN")`` writes one, or a
      spreadsheet's error value (``'#N/A'`` of a failed lookup): an empty cell is a task
      without a task ID, scored from its text (round 81: these were told ``is not an
      integer`` alone).

    Examples
    --------
    >>> task_id_hint("NaN")
    ': a missing task ID written out as text? Leave the cell empty for a task without an O*NET task ID (it is scored from its text)'
    >>> task_id_hint("#N/A")
    ": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, or leave the cell empty"
    >>> task_id_hint("1924-02-26 00:00:00")
    ': a date (the task ID 8823 in a cell formatted as a date?): format the column of task IDs as Number, then save the file again'
    >>> task_id_hint(pd.Timestamp("2020-01-01 12:00"))
    ': a date (a cell formatted as a date in a spreadsheet?): format the column of task IDs as Number, then save the file again'
    >>> task_id_hint("8,823")
    ": the task ID 8823 with thousands separators (a number format's, saved as shown?): write task IDs without separators (format the column as Number without the 1000 separator, then save the file again)"
    >>> task_id_hint('="8823"')
    ": Excel's formula of a text, saved as written: write the task ID 8823 alone"
    >>> task_id_hint("8823.5"), task_id_hint(7)
    ('', '')
    """
    if isinstance(value, str) and _GROUPED_ID.fullmatch(value):
        return (f": the task ID {value.strip().replace(',', '')} with thousands separators (a number format's, "
                "saved as shown?): write task IDs without separators (format the column as Number without "
                "the 1000 separator, then save the file again)")
    if isinstance(value, str) and (formula := _FORMULA_ID.fullmatch(value)):
        return f": Excel's formula of a text, saved as written: write the task ID {formula[1]} alone"
    if isinstance(value, str) and is_spreadsheet_error(value.strip()):
        return number_hint(value)  # the library's words for '#N/A'
    if is_placeholder(value):
        return (": a missing task ID written out as text? Leave the cell empty for a task without an O*NET "
                "task ID (it is scored from its text)")
    stamp = None
    if isinstance(value, str):
        match = _DATE_TEXT.fullmatch(value)
        if match is not None:
            with contextlib.suppress(ValueError):  # 2021-13-45: no date
                stamp = pd.Timestamp(match[1])
    elif isinstance(value, (datetime.date, np.datetime64)) and not is_missing(value):
        with contextlib.suppress(ValueError, OverflowError):  # beyond Timestamp's years: no number said
            stamp = pd.Timestamp(value)
    if stamp is None:
        return ""
    fix = "format the column of task IDs as Number, then save the file again"
    if stamp.tzinfo is None and stamp == stamp.normalize() and stamp >= pd.Timestamp("1900-03-01"):
        return f": a date (the task ID {(stamp - _EXCEL_EPOCH).days} in a cell formatted as a date?): {fix}"
    return f": a date (a cell formatted as a date in a spreadsheet?): {fix}"


def check_task_ids(ids: pd.Series, *, path=None, row_offset: int = 1) -> pd.Series:
    """The task IDs ``ids`` as numbers; refuse the earliest that is not an integer of :data:`MIN_TASK_ID` or more.

    The one rule of the scorers and the tagger on the task IDs they read
    (:func:`exposure.scoring.score_tasks`, :func:`~exposure.scoring.categories.tag_categories`,
    :func:`~exposure.scoring.rubric.score_rubric` with ``onet``,
    :func:`~exposure.scoring.reference.score_reference`): :func:`task_id_integers`, then
    no negative ID. A negative ID, bytes, a date or a duration matched no task (the row's
    work activities were dropped without a word), a complex number raised numpy's
    ``TypeError``. The tagger, the rubric and the reference had a copy of their own, which
    showed a ``memoryview`` ID as ``<memory at 0x7f...>`` and told bytes no more than
    ``is not an integer``.

    Returns
    -------
    pandas.Series
        The IDs as numbers (:func:`task_id_integers`), NaN where missing: a column of
        dates with every cell missing (``NaT``) too, which
        :func:`exposure._tables.task_id_numbers` reads as -9223372036854775808.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row (from ``row_offset``), the column ``task_id`` and the ID.

    Examples
    --------
    >>> check_task_ids(pd.Series([7, "8", None])).tolist()
    [7.0, 8.0, nan]
    >>> check_task_ids(pd.Series([7, "-2", 3]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID '-2' is negative; O*NET task IDs are 0 or more
    >>> check_task_ids(pd.Series([memoryview(b"7")]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 1, column 'task_id': task ID memoryview(b'7') is not an integer: bytes, not text (from a database driver or a binary column?): decode them first, df['task_id'] = df['task_id'].map(lambda v: bytes(v).decode('utf-8') if isinstance(v, memoryview) else v) (or the column's own encoding)
    """
    try:
        numbers = task_id_integers(ids, path=path, row_offset=row_offset)
        error = None
    except DataFormatError as exc:
        if exc.row is None:
            raise
        error = exc  # the rows before it are integers: a negative one there comes first
        numbers = task_id_integers(ids.iloc[:exc.row - row_offset])
    low = (numbers < MIN_TASK_ID).to_numpy(dtype=bool, na_value=False)
    if low.any():
        pos = int(low.argmax())
        value = ids.iloc[pos]
        if isinstance(value, (float, np.floating)):
            value = int(value)  # -1, not -1.0 (a column with a missing ID is float)
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"task ID {cell_shown(value)} is negative; O*NET task IDs are "
                              f"{MIN_TASK_ID} or more", path=path, row=pos + row_offset, column="task_id")
    if error is not None:
        raise error
    return numbers


def onetsoc_code_message(value, values: pd.Series | None = None, *, path=None, what: str | None = None) -> str:
    """The one message on a cell of ``onetsoc_code`` that is not an O*NET-SOC code, with what it may be.

    ``score_tasks``, ``tag_categories``, ``explain_categories``, ``score_rubric`` and
    ``score_reference`` said only ``O*NET-SOC code '15-1252' is not of the form 00-0000.00
    (e.g. 11-1011.00)``, where the tables keyed by O*NET-SOC code
    (:func:`exposure.schemas._fields.first_bad_onetsoc_code`) give the code to write, in the
    one hint of :func:`~exposure.schemas._fields.code_hint`: a SOC code (``'15-1252'``), a
    code saved as a number (``151252``), read as a date, with a dash that is not the hyphen.
    Bytes get :func:`bytes_advice`
    (``values``: the column; ``path``: the file). ``what`` replaces the opening
    words (the tagger's ``O*NET-SOC code must be text (like 43-4171.00) or missing, got
    int 151252``). A blank code (``''``, spaces: a frame read with
    ``keep_default_na=False``, R's empty strings in a Parquet file, a space in a cell) is
    said to be blank, with how to give a row no code: it was told only that ``''`` is not
    of the form ``00-0000.00``.

    Examples
    --------
    >>> onetsoc_code_message("15-1252")
    "O*NET-SOC code '15-1252' is not of the form 00-0000.00 (e.g. 11-1011.00): a SOC code? an O*NET-SOC code has a two-digit suffix: write '15-1252.00' (the SOC occupation itself) or the O*NET-SOC code meant"
    >>> onetsoc_code_message("n/a")
    "O*NET-SOC code 'n/a' is not of the form 00-0000.00 (e.g. 11-1011.00): a missing code (or one written as text)?"
    >>> onetsoc_code_message("  ")
    "O*NET-SOC code is blank, got '  ': a task without a code is to have it missing (None or NaN in a frame, null in a Parquet file, an empty cell in a CSV file or a workbook), else write its code (like 11-1011.00)"
    """
    if isinstance(value, np.generic):
        value = value.item()
    if what is None and isinstance(value, str) and not value.strip():
        return (f"O*NET-SOC code is blank, got {cell_shown(value)}: a task without a code is to have it "
                "missing (None or NaN in a frame, null in a Parquet file, an empty cell in a CSV file or "
                "a workbook), else write its code (like 11-1011.00)")
    said = what or f"O*NET-SOC code {cell_shown(value)} is not of the form 00-0000.00 (e.g. 11-1011.00)"
    if isinstance(value, BINARY_TYPES):
        return said + bytes_advice("onetsoc_code", values, path=path)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return said
    # 151252 read as a number: its code; '15-1252', a SOC code: the '.00' to add (other_kind_hint)
    return said + code_hint(value if isinstance(value, str) else str(value), ONETSOC_PATTERN)


def columns_shown(columns, most: int = 12) -> str:
    """A frame's column names for a message: the first ``most``, each :func:`cell_shown`.

    Examples
    --------
    >>> columns_shown(["task", "x" * 100])
    "['task', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxx' (str of 100 characters)]"
    >>> columns_shown(range(20), most=3)
    '[0, 1, 2, ... (20 columns)]'
    """
    names = list(columns)
    more = f", ... ({len(names):,} columns)" if len(names) > most else ""
    return "[" + ", ".join(cell_shown(n) for n in names[:most]) + more + "]"


#: Arrow's view types, and the types :func:`without_views` reads them as.
_VIEW_TYPES = {"string_view": pa.large_string, "binary_view": pa.large_binary}


def without_views(frame):
    """``frame`` with its Arrow ``string_view`` / ``binary_view`` columns as ``large_string`` / ``large_binary``.

    Polars and DuckDB hold text as Arrow's ``string_view``, and a Parquet file written
    from such a table keeps that type: ``pd.read_parquet(path, dtype_backend="pyarrow")``
    reads it back as ``string_view[pyarrow]``. pandas stores such a column but none of its
    text methods or dtype checks reads it: :func:`exposure.scoring.score_tasks` of a frame
    with its task texts, titles, codes or task IDs so raised ``NotImplementedError:
    string_view`` from inside pandas (``binary_view``: ``ArrowNotImplementedError``),
    naming no column. The cells are the same (only their Arrow layout differs). An index
    of such labels (``df.set_index("onetsoc_code")``) is read so too (:func:`plain_index`):
    ``score_tasks`` and ``score_rubric`` raised ``ArrowNotImplementedError`` on it.
    Anything but a frame, and a frame without such columns or index, is returned as it is.

    Examples
    --------
    >>> view = pd.ArrowDtype(pa.string_view())
    >>> without_views(pd.DataFrame({"task": pd.Series(["Weld pipes."], dtype=view)})).dtypes.tolist()
    [large_string[pyarrow]]
    """
    if not isinstance(frame, pd.DataFrame):
        return frame
    out = frame
    index = plain_index(frame.index)
    if index is not frame.index:  # frame.set_index("code") of such a column: its index too
        out = frame.copy(deep=False)
        out.index = index
    for j, dtype in enumerate(frame.dtypes):
        plain = _VIEW_TYPES.get(str(dtype.pyarrow_dtype)) if isinstance(dtype, pd.ArrowDtype) else None
        if plain is None:
            continue
        if out is frame:
            out = frame.copy(deep=False)  # the caller's frame keeps its columns
        # cast by pyarrow: pandas' astype raised the same NotImplementedError
        out.isetitem(j, pd.arrays.ArrowExtensionArray(pa.array(frame.iloc[:, j].array).cast(plain())))
    return out


def plain_index(index: pd.Index) -> pd.Index:
    """``index`` with labels of Arrow's ``string_view`` / ``binary_view`` as ``large_string`` / ``large_binary``.

    pandas holds such an index (``df.set_index("onetsoc_code")`` of a Polars or DuckDB
    table's column) but cannot look at it: ``is_unique`` raised ``NotImplementedError:
    string_view``, so the repeated-index warning raised out of ``tag_categories``, and
    ``score_tasks`` and ``score_rubric`` raised pyarrow's ``ArrowNotImplementedError``
    (``array_take``) from inside pandas. Any other index is returned as it is.

    Examples
    --------
    >>> view = pd.Index(pd.array(["a", "b"], dtype=pd.ArrowDtype(pa.string_view())), name="code")
    >>> plain_index(view).dtype, plain_index(view).name
    (large_string[pyarrow], 'code')
    """
    dtype = index.dtype
    plain = _VIEW_TYPES.get(str(dtype.pyarrow_dtype)) if isinstance(dtype, pd.ArrowDtype) else None
    if plain is None or isinstance(index, pd.MultiIndex):
        return index
    return pd.Index(pd.arrays.ArrowExtensionArray(pa.array(index.array).cast(plain())), name=index.name)


#: The way to a pandas frame for the frames of other libraries, by the top module of their type
#: (:func:`frame_type`); a frame with a ``to_pandas`` method is converted with it.
_OTHER_FRAMES = {
    "dask": "score it with exposure.dask.score(ddf), or ddf.compute() first",
    "pyspark": "score it with exposure.spark.score(sdf), or sdf.toPandas() first",
}


def frame_type(value) -> str:
    """The type of an argument that is not a pandas frame, for a message (``got ...``).

    The name of the type, as before, for Python's, numpy's and pandas' own; a frame of
    another library is named with its library and the way to a pandas frame. A Dask,
    Spark or Polars frame given to :func:`exposure.scoring.score_tasks` was refused with
    ``tasks must be a pandas DataFrame, got DataFrame``, which reads as a contradiction.

    Examples
    --------
    >>> frame_type(None), frame_type(pd.Series(["Weld."]))
    ('NoneType', 'Series')
    >>> frame_type(pa.table({"task": ["Weld pipes."]}))
    'pyarrow Table: convert it with .to_pandas() first'
    """
    kind = type(value)
    top = kind.__module__.partition(".")[0]
    if top in ("builtins", "numpy", "pandas"):
        return kind.__name__
    hint = _OTHER_FRAMES.get(top) or (
        "convert it with .to_pandas() first" if callable(getattr(value, "to_pandas", None)) else "")
    if hint:
        return f"{top} {kind.__name__}: {hint}"
    return f"{top} {kind.__name__}" if kind.__name__ in ("DataFrame", "Series") else kind.__name__


def check_columns(frame: pd.DataFrame, *, what: str | None = None, path=None) -> None:
    """Refuse multi-level or repeated column names (a column would read as a frame).

    Parameters
    ----------
    frame : pandas.DataFrame
    what : str, optional
        Name of the frame argument, for the message (default "the frame").
    path : str or os.PathLike, optional
        File the frame came from, named in errors.

    Raises
    ------
    exposure.errors.DataFormatError
        The first repeated column, or multi-level names.

    Examples
    --------
    >>> check_columns(pd.DataFrame([["Weld.", 3, 4]], columns=["task", "job_zone", "job_zone"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: the frame, column 'job_zone': given more than once: keep one
    """
    if isinstance(frame.columns, pd.MultiIndex):
        # the levels joined without their empty parts: ('task', '') of groupby().agg().reset_index()
        # is 'task' (the advice gave 'task_', 'onetsoc_code_': no text column, keys not read)
        raise DataFormatError(f"{what or 'the frame'} has multi-level column names; flatten them "
                              "first (e.g. frame.columns = ['_'.join(str(p) for p in c if p != '') for c in "
                              "frame.columns])", path=path)
    # named first (the file, else the frame), the column once: :func:`~exposure.measures._crosswalk.check_once`
    check_once(frame, None, path if path is not None else what or "the frame")


def check_titles_not_texts(text_column, occupation_column, *, path=None) -> None:
    """Refuse an ``occupation_column`` that names the text column.

    Each text was read as its own occupation title, and the category flags changed
    (``Draft captions for Instagram posts.`` lost ``entry_creative``).

    Examples
    --------
    >>> check_titles_not_texts("task", "title")
    >>> check_titles_not_texts("task", "task")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: column 'task': occupation_column 'task' is the text column too: give the column of occupation titles, or None (no titles)
    """
    if occupation_column is not None and occupation_column == text_column:
        # in the command's words under exposure score (--occupation-column None names a column 'None')
        raise DataFormatError(f"{argument_named('occupation_column', occupation_column)} is the text column "
                              f"too: give the column of occupation titles, or {none_given('occupation_column')} "
                              "(no titles)", path=path, column=occupation_column)


def check_path_name(path) -> None:
    """Refuse a ``path`` argument (the input's name in messages) that is not a file name.

    None passes (a frame of the caller: rows are named alone). Anything else was put in
    front of every message as it came (``5, row 2, column 'task': ...``; an empty name
    gave ``, row 2, ...``).

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the argument.

    Examples
    --------
    >>> check_path_name("tasks.csv")
    >>> check_path_name(5)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: path must be the name of the input file (str or os.PathLike) or None, got int 5
    """
    if path is None:
        return
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(text, str):  # also an os.PathLike of bytes
        raise DataFormatError("path must be the name of the input file (str or os.PathLike) or "
                              f"None, got {shown(path)}")
    if not text.strip():
        raise DataFormatError("path is empty: give the name of the input file, or None")


def with_index_label(exc: DataFormatError, frame, *, path=None, row_offset: int = 1) -> DataFormatError:
    """``exc`` about a row of the caller's ``frame``, naming also the row's index label.

    The row of a message is the position in ``frame`` (plus ``row_offset``), which
    ``frame.loc`` does not find in a filtered frame (``df[df.n > 1]``) or one with labels
    of its own: ``row 2, column 'task': ... (index 20)``. ``exc`` itself when a ``path``
    names the file the rows came from (its rows are what the user counts), when the
    index is the default ``0..n-1`` (:func:`index_note`), when ``exc`` names no row or
    already names the row's label, or when it is of a subclass.

    Examples
    --------
    >>> frame = pd.DataFrame({"task": ["Weld.", ""]}, index=[10, 20])
    >>> str(with_index_label(DataFormatError("bad", row=2, column="task"), frame))
    "row 2, column 'task': bad (index 20)"
    """
    if (path is not None or exc.row is None or type(exc) is not DataFormatError
            or not isinstance(frame, pd.DataFrame)):
        return exc
    note = index_note(frame.index, exc.row - row_offset)
    # the label itself, not any "(index ": a text quoted in the message may hold those words
    # (``'Sort cards Ã© (index cards).'``), and the row's label was left out
    if not note or note in exc.reason:
        return exc
    return DataFormatError(f"{exc.reason}{note}", row=exc.row, column=exc.column, line=exc.line)


def index_note(index, pos: int) -> str:
    """``" (index 20)"``: the label of row ``pos`` of a caller's frame, as messages name it.

    ``""`` for the default index ``0..n-1`` (the row number says it) or a position
    outside ``index``. A MultiIndex label is its tuple; numpy scalars are written as
    Python's.

    Examples
    --------
    >>> index_note(pd.Index([10, 20]), 1), index_note(pd.RangeIndex(2), 1)
    (' (index 20)', '')
    >>> index_note(pd.MultiIndex.from_tuples([("a", np.int64(1))]), 0)
    " (index ('a', 1))"
    """
    if index is None or not 0 <= pos < len(index) or index.equals(pd.RangeIndex(len(index))):
        return ""
    label = index[pos]
    if isinstance(label, tuple):
        label = tuple(v.item() if isinstance(v, np.generic) else v for v in label)
    elif isinstance(label, np.generic):
        label = label.item()
    return f" (index {cell_shown(label)})"


class RowNames:
    """How a scorer's warnings name a row of the caller's input: its index label and its text.

    :func:`exposure.scoring.score_tasks` scores its own copy of the caller's frame (index
    ``0..n-1``, texts normalised by :func:`~exposure.scoring._features.normalise_texts`);
    its warnings on a row (:data:`OTHER_IDS_MESSAGE`, :data:`OTHER_LABELS_MESSAGE`, the
    learned scorer's on texts that do not read as tasks) quote the text as the caller
    wrote it (``'Gérer la facturation'``, not ``'Gerer la facturation'``) and name the
    row's index label, as its errors do (:func:`with_index_label`): ``row 2 (index 20)``.

    Parameters
    ----------
    texts : list
        The rows' texts as the caller wrote them.
    index : pandas.Index, optional
        The caller's index, whose labels are named (:func:`index_note`); None names none:
        rows of a file (``path``: its rows are what the user counts) or of one batch of a
        larger input (whose caller names the rows itself).

    Examples
    --------
    >>> names = RowNames(["Gérer la facturation."], pd.Index([20]))
    >>> names.note(0), names.text(0)
    (' (index 20)', 'Gérer la facturation.')
    """

    def __init__(self, texts: list, index=None):
        self.texts, self.index = texts, index

    @classmethod
    def of(cls, frame, texts: list, *, path=None, batch: bool = False) -> "RowNames":
        """The names of the rows of the caller's ``frame``, whose texts (as written) are ``texts``."""
        index = None if path is not None or batch or not isinstance(frame, pd.DataFrame) else frame.index
        return cls(texts, index)

    def note(self, pos: int) -> str:
        """The index label of row ``pos`` for a message (:func:`index_note`), or ``""``."""
        return index_note(self.index, pos)

    def text(self, pos: int):
        """The text of row ``pos`` as the caller wrote it."""
        return self.texts[pos]


ONET_TABLES = ("tasks", "task_dwas", "dwas", "occupations")
#: Tables that the rubric and the category tags need of ``onet`` (:func:`task_dwa_links`;
#: ``occupations`` or ``job_zones`` are read when there).
DWA_TABLES = ("task_dwas", "dwas")


def release_name(onet) -> str:
    """``"O*NET 29.1"`` for a release with a ``release`` name, else ``"the O*NET release"`` (in warnings).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> release_name(SimpleNamespace(release="29.1")), release_name(SimpleNamespace())
    ('O*NET 29.1', 'the O*NET release')
    """
    release = getattr(onet, "release", None)
    return f"O*NET {release}" if isinstance(release, str) else "the O*NET release"


def check_onet(onet, tables: tuple[str, ...] = ONET_TABLES, *, required: bool = False) -> None:
    """Refuse an ``onet`` argument that is not an O*NET release (None passes, unless ``required``).

    A release is an :class:`exposure.onet.OnetRelease` or any object with the ``tables``
    frames as attributes (made-up releases in tests). One attribute look-up per table:
    nothing is read.

    Parameters
    ----------
    onet : object
    tables : tuple of str, default :data:`ONET_TABLES`
        The frames the caller reads from it.
    required : bool, default False
        The caller needs a release: None is refused, and the messages do not offer it
        (``(or None)``).

    Raises
    ------
    exposure.errors.DataFormatError
        A release name or another scalar, a table of a release, or an object without one
        of ``tables``.

    Examples
    --------
    >>> check_onet({"tasks": pd.DataFrame()})
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet must be an O*NET release, e.g. exposure.load_onet('29.1') (or None), got dict without a 'tasks' table
    """
    or_none = "" if required else " (or None)"
    if onet is None:
        if required:
            raise DataFormatError("onet must be an O*NET release, e.g. exposure.load_onet('29.1'), got None")
        return
    if isinstance(onet, (str, bytes, numbers.Number, os.PathLike)):  # e.g. "29.1", as --onet takes
        # a release name (also the float 28.3) is echoed in the example; anything else (5,
        # a path) is not one. numpy numbers as Python's (``np.float64(29.1)`` was written
        # ``float64 np.float64(29.1)``; ``np.int64(29)`` was "without a 'tasks' table")
        number = onet.item() if isinstance(onet, np.generic) else onet
        text = number if isinstance(number, str) else (
            str(number) if isinstance(number, float) else "")
        example = text if re.fullmatch(r"[0-9]+\.[0-9]+", text) else "29.1"
        got = f"{type(onet).__name__} {cell_shown(onet if isinstance(onet, os.PathLike) else number)}"
        if isinstance(onet, os.PathLike) or isinstance(onet, str) and ("/" in onet or "\\" in onet):
            got = (f"{type(onet).__name__} {cell_shown(os.fspath(onet))}: a path is not a release; "
                   "load the release first (load_onet's mirror= and data_dir= say where its files are)")
        raise DataFormatError(f"onet must be an O*NET release, e.g. exposure.load_onet({example!r})"
                              f"{or_none}, got {got}")
    lacking = [name for name in tables if not isinstance(getattr(onet, name, None), pd.DataFrame)]
    if not lacking:
        return
    what = type(onet).__name__
    if isinstance(onet, (pd.DataFrame, pd.Series)):
        what += ": pass the release itself, not one of its tables"
    else:
        what += f" without a {lacking[0]!r} table"
    raise DataFormatError(f"onet must be an O*NET release, e.g. exposure.load_onet('29.1'){or_none}, "
                          f"got {what}")



def _numbered(columns) -> bool:
    """Whether ``columns`` are the numbers 0, 1, ... (a frame read with ``header=None``, or built from lists of rows).

    Examples
    --------
    >>> _numbered(pd.RangeIndex(2)), _numbered(pd.Index([0, 1])), _numbered(pd.Index(["task"])), _numbered(pd.Index([]))
    (True, True, False, False)
    """
    return (len(columns) > 0 and all(isinstance(c, (int, np.integer)) and not isinstance(c, bool) for c in columns)
            and list(columns) == list(range(len(columns))))


def task_texts(frame, text_column: str = "task", *, path=None, row_offset: int = 1,
               show_index: bool = True, what: str | None = None) -> list[str]:
    """Check that ``frame[text_column]`` holds non-empty strings; return them as a list.

    Parameters
    ----------
    frame : pandas.DataFrame
    text_column : str, default "task"
    path : str or os.PathLike, optional
        File the frame came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors: 1 gives 1-based rows, 2 the line
        number of a file with a header line.
    show_index : bool, default True
        Name the index label of a bad row in the message.
    what : str, optional
        Name of the frame argument, for the message when ``frame`` is not a frame
        (``"frame must be a pandas DataFrame, got Series"``).

    Raises
    ------
    exposure.errors.DataFormatError
        Not a frame, a ``text_column`` that cannot be a column name (a list, a Series),
        repeated or multi-level column names (:func:`check_columns`), missing column, a
        ``row_offset`` that is not a whole number of 0 or more (:func:`check_row_offset`),
        an empty / non-string cell (a missing one, None, NaN or ``pd.NA``, said as
        ``got a missing value``), a text without a letter or digit (only invisible
        format characters such as a zero-width space, which are removed before scoring;
        a NUL; punctuation such as ``-`` standing for no task), a text without a letter
        (a number, a code or a date: ``744``, ``2021-01-01``), a spreadsheet's error
        value (``#N/A``, ``#VALUE!``: :data:`SPREADSHEET_ERRORS`, and LibreOffice's
        ``Err:502``; a formula that failed, as a CSV export writes it; spaces around it
        aside), a placeholder for a missing cell (``N/A``, ``NULL``, ``none``, ``TBD``,
        ``TODO``: :func:`is_placeholder`), or UTF-8 text read as Windows-1252 or Latin-1
        (``customerâ€™s``, ``rÃ©sumÃ©s``: :func:`mojibake`) (row and column named).

    Examples
    --------
    >>> task_texts(pd.DataFrame({"task": ["Type letters."]}))
    ['Type letters.']
    >>> task_texts(pd.DataFrame({"task": ["Type letters.", "\u200b"]}), show_index=False)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text holds no letter or digit, got '\u200b': give the task statement (a placeholder for no task is not one; drop such rows)
    >>> task_texts(pd.DataFrame({"task": ["Type letters.", ""]}, index=[5, 6]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text must be a non-empty string, got '' (index 6)
    >>> task_texts(pd.DataFrame({"task": ["Type letters.", None]}, dtype="string"), show_index=False)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text must be a non-empty string, got a missing value
    """
    if not isinstance(frame, pd.DataFrame):
        start = "expected" if what is None else f"{what} must be"
        # a Dask or Polars frame was "got DataFrame" (frame_type names its library)
        raise DataFormatError(f"{start} a pandas DataFrame, got {frame_type(frame)}", path=path)
    check_column(text_column, "text_column")  # a list raised ``TypeError: unhashable type``
    check_columns(frame, what=what, path=path)  # a repeated column is read as a frame
    row_offset = check_row_offset(row_offset)
    if text_column not in frame.columns:
        hint = index_level_hint(frame, text_column)  # set_index("task")
        flat = next((c for c in frame.columns if isinstance(c, tuple) and c and c[0] == text_column
                     and spelled_name(c)), None)
        if not hint and flat is not None:
            # ('task', '') of frame.columns.to_flat_index() after groupby().agg(): "missing", no more
            hint = (f"; the frame has {cell_shown(flat)}, a tuple of flattened column levels: "
                    f"{_renamed(flat, text_column, what)} (or give text_column={cell_shown(flat)})")
        elif not hint and typed_column(frame.columns, text_column) is not None:
            # "0" for the column 0 of a frame read with header=None (or 0 for a column "0")
            hint = missing_column_hint(frame.columns, text_column, "text_column", path=path)
        elif not hint and path is None and isinstance(text_column, str) and _numbered(frame.columns):
            # pd.read_csv(f, header=None): "missing text column 'task' (columns: [0])", no more
            texts = [c for j, c in enumerate(frame.columns)  # of texts with letters (not codes)
                     if pd.api.types.is_string_dtype(frame.dtypes.iloc[j])
                     and pd.api.types.infer_dtype(frame.iloc[:1000, j], skipna=True) == "string"
                     and frame.iloc[:1000, j].dropna().map(lambda v: any(map(str.isalpha, v))).mean() > 0.5]
            texts = [0] if len(frame.columns) == 1 else texts
            give = (argument_given("text_column", texts[0]) if len(texts) == 1 else
                    f"{argument_given('text_column', 0)[:-1]}N, N the number of the column of task texts")
            hint = (f"; the frame's columns are numbered (read with header=None, or built from lists of "
                    f"rows?): give {give}")
        elif not hint and isinstance(text_column, str):  # "task " or "TASK" in the header: say which
            near = [c for c in frame.columns
                    if isinstance(c, str) and _header_key(c) == _header_key(text_column)]
            quoted = [c for c in frame.columns if isinstance(c, str) and len(_header_key(c)) > 2
                      and _header_key(c)[0] == _header_key(c)[-1] == '"'
                      and _header_key(c)[1:-1].strip() == _header_key(text_column)]
            if quoted and not near:  # a .tsv/.txt file whose every cell is quoted: its quotes are text
                hint = (f"; {quoted[0]!r} has double quotes around its name, which a tab-separated "
                        "file keeps as text: save it as .csv, or without the quotes"
                        if path is not None else
                        f"; the frame has {quoted[0]!r}, with double quotes around the name (a file "
                        f"read with quoting=csv.QUOTE_NONE?): {_renamed(quoted[0], text_column, what)}")
            elif near and path is None:  # a frame of the caller: "the file" and ``rename it
                # task `` (unquoted, for ``text_column="task "``) read as advice on a file
                hint = (f"; the frame has {near[0]!r}: {_renamed(near[0], text_column, what)} (or "
                        f"give text_column={near[0]!r})")
            elif near and text_column != text_column.strip():  # --text-column ' task': "rename it  task"
                hint = (f"; the file has {near[0]!r}: the text column was named {text_column!r}, with spaces "
                        f"around the name: name it {near[0]!r}")
            elif near:
                # quoted: ``rename it Task Statement`` read as prose; and the argument (the
                # option, under exposure score) named: "or name it as the text column" named
                # none. An option is not offered for a name a shell cannot take as written
                # (a line break, a no-break space in it): the message would break or hide it
                shell = (_OPTIONS.get() or {}).get("text_column") is not None
                give = ("" if shell and not near[0].isprintable() else
                        f", or give {argument_given('text_column', near[0])}")
                hint = f"; the file has {near[0]!r}: rename it {text_column!r}{give}"
        raise DataFormatError(f"missing text column {text_column!r} (columns: "
                              f"{columns_shown(frame.columns)}){hint}", path=path, column=text_column)
    col = frame[text_column]
    values = col.tolist()
    # all str, none empty, none blank: three passes in C (0.03 s for 200,000 texts, against
    # 0.1 s for the loop below); then only the texts that do not start with a letter can
    # fail, and the loop reads those alone (a bullet, a digit or a quote opening a text
    # sent every row of the input through it)
    rows = range(len(values))
    if (all(map(isinstance, values, itertools.repeat(str))) and all(values)
            and not any(map(str.isspace, values))):
        # a short text starting with a letter may still be a placeholder (N/A, TBD) or
        # LibreOffice's error value (Err:502, also with a space after it): the short texts
        # (their lengths in C; task statements are longer) go through the loop too
        looked = list(map(operator.or_, map(operator.not_, map(str.isalpha, map(next, map(iter, values)))),
                          map(_SHORT_TEXT.__ge__, map(len, values))))
        # and a text beyond ASCII that may be UTF-8 read as Windows-1252 (mojibake): those
        # texts alone (str.isascii reads a flag), searched together first (no run spans a
        # line end), each one only if that search finds a run
        wide = list(itertools.compress(rows, map(operator.not_, map(str.isascii, values))))
        if wide and _MOJIBAKE.search("\n".join(values[i] for i in wide)) is not None:
            for i in wide:
                looked[i] = looked[i] or _MOJIBAKE.search(values[i]) is not None
        if not any(looked):
            return values
        rows = itertools.compress(rows, looked)
    for pos in rows:
        value = values[pos]
        # ``not value or value.isspace()`` is ``not value.strip()`` without the copy
        if not isinstance(value, str) or not value or value.isspace():
            reason = "must be a non-empty string"
        # the letters and digits of the text as the scorers read it (no_letter_reason)
        elif (lacks := no_letter_reason(value)) is not None:
            # only format characters, a NUL, "-" for no task; a number, a code or a date
            # (Excel's 2021-01-01; a column of task ids given as the text column)
            reason = lacks
        elif is_spreadsheet_error(value):
            # a formula that failed, exported as its error (a lookup that found nothing:
            # #N/A): scored as a task, E0 without a word by rubric
            reason = "is a spreadsheet error value"
        elif is_placeholder(value):
            # a cell standing for no task (N/A, TBD; pandas reads most of them as missing,
            # the library's file readers as text): scored as a task, confidence 0
            reason = "is a placeholder"
        elif (garbled := mojibake(value)) is not None:
            # UTF-8 read as Windows-1252 or Latin-1: 'customerâ€™s', 'rÃ©sumÃ©s' were
            # scored as other words (labels changed), without a word
            reason = f"holds {garbled[0]!r} for {garbled[1]!r} (UTF-8 read as Windows-1252 or Latin-1)"
        else:
            continue
        where = f" (index {cell_shown(col.index.tolist()[pos])})" if show_index else ""
        # a number or date in a column without text (a Parquet column of integers, text_column=
        # "task_id", a workbook's column of dates) is told what a text of digits is told (it
        # was "got 7", "got Timestamp('2021-01-01 00:00:00')", no more)
        number = (reason.startswith("must") and isinstance(value, _NUMBER_TYPES)
                  and not isinstance(value, (bool, np.bool_)) and not is_missing(value)
                  and not any(isinstance(v, str) for v in values))
        more = (bytes_advice(text_column, col, path=path) if isinstance(value, BINARY_TYPES) else
                "" if reason.startswith("must") and not number else
                ": give the task statement (a placeholder for no task is not one; drop such rows)"
                if reason.endswith("digit") else
                ": a formula that failed in the spreadsheet (a lookup that found nothing?), not "
                "a task statement; correct the formula, or drop such rows"
                if reason.endswith("value") else
                ": the mark of a missing cell, not a task statement; give the task statement, or "
                "drop such rows" if reason.endswith("placeholder") else
                MOJIBAKE_ADVICE if reason.endswith("Latin-1)") else
                f": a number or code is not a task statement (is {text_column!r} the column "
                "of the task texts?)")
        # a missing cell said one way whatever the dtype: it was ``got nan`` (pandas 3's
        # ``str``, a Spark null), ``got <NA>`` (``string``, Dask) or ``got None``
        got = "a missing value" if is_missing(value) else cell_shown(value)
        raise DataFormatError(f"task text {reason}, got {got}{where}{more}",
                              path=path, row=pos + row_offset, column=text_column)
    return values


def _renamed(name, text_column, what: str | None) -> str:
    """The advice to rename the column ``name`` of a frame ``text_column``, as code to paste.

    ``what`` (the frame argument's name) given: ``rename it: tasks.rename(columns={...})``,
    both names written by ``repr``; the advice ``rename that column 'task statement'``
    named no code, and a name with spaces (``Task Statement``) or a quote (``"it's"``)
    had to be typed out again. Without it (a frame of another library, such as the
    columns of a Spark schema): ``rename that column 'task'``.

    Examples
    --------
    >>> print(_renamed("Task Statement", "task", "tasks"))
    rename it: tasks.rename(columns={'Task Statement': 'task'})
    >>> print(_renamed("it's", "task", "frame"))
    rename it: frame.rename(columns={"it's": 'task'})
    >>> _renamed("Task", "task", None)
    "rename that column 'task'"
    """
    if what is None:
        return f"rename that column {text_column!r}"
    return f"rename it: {what}.rename(columns={{{name!r}: {text_column!r}}})"


#: Cells that are numbers, dates or times, not text: :func:`task_texts` asks whether a column
#: of them is the column of the task texts.
_NUMBER_TYPES = (numbers.Number, datetime.date, datetime.time, datetime.timedelta, np.datetime64,
                 np.timedelta64)
#: A letter of ASCII, which :func:`~exposure.scoring._features.normalise_text` keeps.
_ASCII_LETTER = re.compile("[A-Za-z]")
#: A letter or digit (of any script), which every task statement holds.
_WORD = re.compile(r"[^\W_]")
#: The bytes 0x80 to 0xBF (those that continue a UTF-8 sequence) as Latin-1 and as
#: Windows-1252 show them.
_CONTINUATIONS = "".join(chr(b) for b in range(0x80, 0xC0)) + "".join(
    bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
#: A UTF-8 sequence of two to four bytes as Latin-1 or Windows-1252 show it: its first byte
#: (``Â`` to ``ß``, ``á`` to ``ï``, ``ð`` to ``ô``) and its continuation bytes (``é`` is
#: ``Ã©``, ``’`` is ``â€™``, an emoji ``ðŸ...``). Sequences starting with ``à`` are left
#: out: French writes ``à`` before a no-break space and ``»``.
_MOJIBAKE = re.compile("[\u00c2-\u00df][{c}]|[\u00e1-\u00ef][{c}]{{2}}|[\u00f0-\u00f4][{c}]{{3}}".format(
    c=re.escape(_CONTINUATIONS)))
#: Runs of :data:`_MOJIBAKE` that are text as it is: square and cubic ångströms (``Å²``,
#: ``Å³``, whose bytes would be Lithuanian ``Ų``, ``ų``) and a multiplication sign before a
#: power (``×²``, ``×³``, Hebrew ligature and punctuation marks as bytes).
_POWERS = frozenset({"\u00c5\u00b2", "\u00c5\u00b3", "\u00d7\u00b2", "\u00d7\u00b3"})


def mojibake(text: str) -> tuple[str, str] | None:
    """``(garbled, meant)``: the first UTF-8 character of ``text`` read as Windows-1252 or Latin-1, or None.

    A UTF-8 file read with ``encoding="latin-1"`` or ``"cp1252"`` (or opened so, then
    saved again) shows each character beyond ASCII as two to four others: ``é`` as
    ``Ã©``, ``’`` as ``â€™``. The scorers read those as other words. A run is taken for
    one only when its bytes are UTF-8 (:data:`_MOJIBAKE`) of a character Unicode assigns,
    and is not a unit's power (:data:`_POWERS`); ASCII text is not looked at. Task
    statements of the sciences and trades were refused, with no way to have them read:
    ``Report surface areas in Å² per molecule.`` (``'Å²' for 'Ų'``), ``Cut 2×½ inch
    boards.`` (``'×½' for '\\u05fd'``, no character at all).

    Examples
    --------
    >>> mojibake("Process a customerâ€™s refund."), mojibake("Screen rÃ©sumÃ©s."), mojibake("Café.")
    (('â€™', '’'), ('Ã©', 'é'), None)
    >>> mojibake("Refine cell volumes in Å³."), mojibake("Cut 2×½ inch boards."), mojibake("PoznaÅ„ office.")
    (None, None, ('Å„', 'ń'))
    """
    if text.isascii():
        return None
    for match in _MOJIBAKE.finditer(text):
        run = match.group()
        if run in _POWERS:
            continue
        try:
            meant = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in run).decode("utf-8")
        except UnicodeDecodeError:  # an overlong or surrogate form: not UTF-8
            continue
        if unicodedata.category(meant) != "Cn":  # no character (2×½ is U+05FD): text as it is
            return run, meant
    return None


#: A letter (of any script): a text of digits and punctuation is a number, code or date.
_LETTER = re.compile(r"[^\W\d_]")
#: The advice on a text that :func:`mojibake` finds garbled (a task text, an occupation title).
MOJIBAKE_ADVICE = (": read the source as UTF-8 (encoding='utf-8'); a file saved after such a reading keeps "
                   "the garbled text: mend it there")


def no_letter_reason(text: str) -> str | None:
    """``"holds no letter or digit"``, ``"holds no letter"`` or None: the letters of ``text`` as the scorers read it.

    The one rule of the task texts (:func:`task_texts`) and the occupation titles
    (:func:`exposure.scoring.categories.tag_categories`): the text is looked at as
    :func:`~exposure.scoring._features.normalise_text` reads it, where ``²``, ``½``, ``①``
    are digits and ``ʼ`` an apostrophe (``learned`` scored such texts as tasks, ``rubric``
    refused the text it read, quoting ``1⁄2``, which the input did not hold; the tagger took
    ``½`` for an occupation title, while it refused ``12345``). Only format characters (a
    zero-width space, a byte-order mark: empty once normalised), a NUL, a lone accent, or
    ``-`` for no task hold no letter or digit; a number, a code or a date no letter. A
    text with an ASCII letter keeps it once read, and is looked at as it is (the cost of
    reading); so is one holding ``&`` (HTML references have their own check).

    Examples
    --------
    >>> [no_letter_reason(t) for t in ("Weld pipes.", "½", "\u02bc\u02bc", "12345", "\uff23lerk")]
    [None, 'holds no letter', 'holds no letter or digit', 'holds no letter', None]
    """
    read = text if text.isascii() or "&" in text or _ASCII_LETTER.search(text) else normalise_text(text)
    if _WORD.search(read) is None:
        return "holds no letter or digit"
    if _LETTER.search(read) is None:
        return "holds no letter"
    return None


def _placeholder_key(text: str) -> str:
    """``text`` as :func:`is_placeholder` compares it: no case, spaces, brackets around it or final ``.``."""
    return text.strip().strip("()[]<>").strip().rstrip(".").casefold()


#: What a cell holds in place of a missing text (compared by :func:`is_placeholder`): the
#: strings that :func:`pandas.read_csv` reads as missing by default (``N/A``, ``NA``,
#: ``NULL``, ``None``, ``nan``, ``<NA>``, ``#NA``...), which the library's file readers
#: read as text, and the marks of a text not known or not written yet (``n.a.``, ``nil``,
#: ``unknown``, ``TBD``, ``TBA``, ``TBC``, ``TODO``, Excel's ``(blank)``, ``(empty)``).
#: Texts without a letter (``-``, ``?``, ``...``) are refused as such.
PLACEHOLDERS = frozenset(map(_placeholder_key, (
    "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
    "NULL", "NaN", "None", "n.a.", "nil", "unknown", "TBD", "TBA", "TBC", "TODO", "(blank)",
    "(empty)")))
#: Texts of more characters than this are never placeholders (nor LibreOffice's error
#: values): :func:`task_texts` looks at the shorter ones only.
_SHORT_TEXT = 32


def is_placeholder(value) -> bool:
    """True for a text that stands for a missing cell (:data:`PLACEHOLDERS`), not for a task or title.

    Case, spaces, brackets around it and a final ``.`` aside (``N/A``, ``n/a``, `` NA ``,
    ``<NA>``, ``(blank)``, ``TBD.``); a text that holds one among other words is not one.

    Examples
    --------
    >>> [is_placeholder(v) for v in ("N/A", " tbd ", "None", "(blank)", "TODO.", "Nail boards.", None)]
    [True, True, True, True, True, False, False]
    """
    return isinstance(value, str) and len(value) <= _SHORT_TEXT and _placeholder_key(value) in PLACEHOLDERS


def check_text_column(frame, text_column: str = "task", *, path=None, row_offset: int = 1) -> pd.Series:
    """Check that ``frame[text_column]`` holds non-empty strings; return it.

    Parameters
    ----------
    frame : pandas.DataFrame
    text_column : str, default "task"
    path : str or os.PathLike, optional
        File the frame came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors: 1 gives 1-based rows, 2 the line
        number of a file with a header line.

    Raises
    ------
    exposure.errors.DataFormatError
        Not a frame, repeated or multi-level column names, missing column, a bad
        ``row_offset``, or an empty / non-string cell (row and column named).

    Examples
    --------
    >>> check_text_column(pd.DataFrame({"task": ["Type letters.", "  "]}), "task")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text must be a non-empty string, got '  '
    """
    task_texts(frame, text_column, path=path, row_offset=row_offset, show_index=False)
    return frame[text_column]


def check_header_rows(tasks: pd.DataFrame, text_column="task", *, names=None, path=None,
                      row_offset: int = 1) -> None:
    """Raise on the first row whose cells are the column names: a header line repeated.

    Two CSV files joined into one (``cat a.csv b.csv > all.csv``) hold the second
    header as a row, whose text (the name of the text column) was scored as a task. A
    cell matches its column's name whatever its case and the spaces around it, after a
    byte-order mark (which the second file of a ``cat`` brings); every column must
    match. A row whose cells are the column names in another order (the second file's
    columns were in another order: every row below it is read shifted) is refused too.

    Parameters
    ----------
    tasks : pandas.DataFrame
    text_column : str, default "task"
    names : list, optional
        The column names to compare with, one per column of ``tasks`` in order (the
        header of the file, before O*NET's published names were renamed); default the
        frame's own.
    path, row_offset
        As in :func:`exposure.scoring.score_tasks`.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row and the text column.

    Examples
    --------
    >>> check_header_rows(pd.DataFrame({"task": ["Weld.", "task"], "n": ["1", "n"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': the row repeats the header ('task', 'n'): two files joined into one? remove the line
    """
    if not isinstance(tasks, pd.DataFrame) or text_column not in tasks.columns or not len(tasks):
        return
    names = [str(name) for name in (tasks.columns if names is None else names)]
    if len(names) != tasks.shape[1]:
        return
    wanted = [_header_key(n) for n in names]
    keys = set(wanted)
    longest = max(map(len, names)) + 16  # room for spaces around a name
    # the lengths of the text column in C, then the few short texts compared, then the
    # other cells of the rows whose text is one of the names
    col = tasks[text_column]
    try:
        lengths = col.str.len()
    except (AttributeError, NotImplementedError):  # not a column of text (numbers): no header line in
        # it; Arrow's binary (bytes, refused by task_texts) raised ``ArrowNotImplementedError:
        # Function 'utf8_length' has no kernel matching input types (binary)``
        return
    # NaN for a missing text (never short); an Arrow column's integer lengths took no
    # ``na_value=np.inf``: ``ArrowInvalid: Could not convert inf ... to int32``
    short = np.flatnonzero(lengths.to_numpy(dtype=float, na_value=np.nan) <= longest)
    cells = col.iloc[short].tolist()
    rows = [int(pos) for pos, v in zip(short, cells, strict=True)
            if type(v) is str and _header_key(v) in keys]
    for pos in rows:
        values = tasks.iloc[pos].tolist()
        if not all(isinstance(v, str) for v in values):
            continue
        got = [_header_key(v) for v in values]
        if got == wanted:
            shown = _names_shown(names)
            raise DataFormatError(f"the row repeats the header ({shown}): two files joined into "
                                  "one? remove the line", path=path, row=pos + row_offset,
                                  column=text_column)
        if sorted(got) == sorted(wanted):
            raise DataFormatError(
                f"the row repeats the header in another order ({_names_shown(values)} for "
                f"{_names_shown(names)}): two files whose columns are in different orders "
                "joined into one? the rows below it are read in the first file's order; put "
                "the columns of both files in one order", path=path, row=pos + row_offset,
                column=text_column)


def _header_key(value: str) -> str:
    """A header cell as compared by :func:`check_header_rows`: no BOM, spaces or case."""
    return value.removeprefix("\ufeff").strip().casefold()


def _names_shown(names) -> str:
    """The first six names, quoted, for a message."""
    return ", ".join(cell_shown(n) for n in names[:6]) + (", ..." if len(names) > 6 else "")


#: What O*NET's ``Task Statements`` file writes in ``Task Type`` for a task without one.
NO_TASK_TYPE = "n/a"


def bad_task_types(values: pd.Series) -> np.ndarray:
    """Where a ``task_type`` is neither missing, blank, ``n/a`` nor one of Core, Supplemental.

    The rule of the roll-up (:func:`exposure.rollup._occupations.check_task_scores`),
    which ``exposure score`` applies to its input too (:func:`check_task_types`), so that
    what the scores file carries the roll-up accepts. The values are O*NET's task types
    (:data:`~exposure.schemas._fields.TASK_TYPES`), case and spaces included; a blank text
    (empty or spaces only: an empty cell of a file, which a CSV reads as missing) is
    missing, and weighs as missing; so is ``n/a``, which O*NET's own ``Task Statements``
    file writes for a task without a type (1,157 of the 18,796 tasks of 29.1), so
    that ``exposure score`` takes that file as it is.

    Parameters
    ----------
    values : pandas.Series
        The ``task_type`` column.

    Returns
    -------
    numpy.ndarray
        One bool per value, True where refused.

    Examples
    --------
    >>> bad_task_types(pd.Series(["Core", "Supplemental", None, "", "  ", "n/a", "core", 1])).tolist()
    [False, False, False, False, False, False, True, True]
    """
    given = values.notna().to_numpy(dtype=bool)
    if not given.any():
        return np.zeros(len(values), dtype=bool)
    try:
        known = values.isin(TASK_TYPES).to_numpy(dtype=bool)
    except (TypeError, ValueError, NotImplementedError):  # lists (also Arrow's): not task types
        known = np.array([isinstance(v, str) and v in TASK_TYPES for v in values.tolist()], dtype=bool)
    bad = given & ~known
    if bad.any():  # blank texts, and O*NET's n/a, are missing
        pos = np.flatnonzero(bad)
        blank = np.array([isinstance(v, str) and (not v.strip() or v == NO_TASK_TYPE)
                          for v in values.iloc[pos].tolist()], dtype=bool)
        bad[pos[blank]] = False
    return bad


def task_type_hint(value) -> str:
    """What to write for a task type refused in another case or with spaces around it, else ``""``.

    ``core`` and ``CORE`` are told ``": write 'Core' (the choices are case-sensitive)"``
    (:func:`exposure._args.choice_hint`), ``"Supplemental "`` (a space left by a
    spreadsheet) that it is ``'Supplemental'`` without the spaces; the value is still
    refused (:func:`bad_task_types`). For the messages that refuse a task type
    (:func:`padded_choice_hint`).

    Examples
    --------
    >>> task_type_hint("CORE"), task_type_hint("Supplemental "), task_type_hint("Supp")
    (": write 'Core' (the choices are case-sensitive)", ": write 'Supplemental' (without the spaces around it)", '')
    """
    return padded_choice_hint(value, TASK_TYPES)


def check_task_types(frame, *, path=None, row_offset: int = 1) -> None:
    """Refuse a ``task_type`` that ``exposure rollup`` would refuse, naming its row.

    The scores keep the caller's columns, so a ``task_type`` column goes through to the
    scores file, which the roll-up reads: checked before any scoring with the roll-up's
    own rule (:func:`bad_task_types`), a value other than
    ``Core`` or ``Supplemental`` (O*NET's task types, case and spaces included) fails at
    the score step rather than at the roll-up. A missing or blank task type is accepted,
    as the roll-up accepts it. A frame without the column passes. A type in another case
    (``core``, ``CORE``) or with spaces around it (``"Supplemental "``) is told what to
    write (:func:`task_type_hint`): it was refused with the rule alone.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tasks, with the library's column names (``task_type``).
    path : str or os.PathLike, optional
        File the frame came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors: 1 gives 1-based rows, 2 the line
        number of a file with a header line.

    Raises
    ------
    exposure.errors.DataFormatError
        The first refused value (row and column named); a ``row_offset`` that is not a
        whole number of 0 or more (:func:`check_row_offset`).

    Examples
    --------
    >>> check_task_types(pd.DataFrame({"task_type": ["Core", None, " ", "Supplemental"]}))
    >>> check_task_types(pd.DataFrame({"task_type": ["Core", "core"]}), row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 3, column 'task_type': task_type 'core' is not Core or Supplemental: exposure rollup accepts only O*NET's task types, spelt exactly so, or a missing or blank cell (or O*NET's n/a): write 'Core' (the choices are case-sensitive)
    """
    row_offset = check_row_offset(row_offset)
    if not isinstance(frame, pd.DataFrame) or "task_type" not in frame.columns:
        return
    values = frame["task_type"]
    if isinstance(values, pd.DataFrame):  # a repeated column: _check_columns names it
        return
    bad = bad_task_types(values)
    if bad.any():
        pos = int(bad.argmax())
        value = values.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        hint = bytes_advice("task_type", values, path=path) if isinstance(value, BINARY_TYPES) else \
            task_type_hint(value)  # b'Core' (a binary column): decoded, it is read
        raise DataFormatError(f"task_type {cell_shown(value)} is not Core or Supplemental: exposure rollup "
                              "accepts only O*NET's task types, spelt exactly so, or a missing or "
                              f"blank cell (or O*NET's n/a){hint}", path=path,
                              row=pos + row_offset, column="task_type")


#: O*NET's Job Zones: 1 (little or no preparation needed) to 5 (extensive preparation).
JOB_ZONES = range(1, 6)


def _job_zone(value) -> int:
    """One cell as a job zone: 1 to 5, 0 when blank (unknown), -1 when refused.

    Examples
    --------
    >>> [_job_zone(v) for v in (3, 3.0, "3.0", " 3 ", "", "3.9", 0, True, "abc")]
    [3, 3, 3, 3, 0, -1, -1, -1, -1]
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        try:
            number = float(text)
        except ValueError:
            return -1
    elif isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, bool):
        try:
            number = float(value)
        except (ValueError, OverflowError):  # Decimal('NaN') is NaN, Decimal('sNaN') raises
            return -1
    else:  # bool (True is not zone 1), bytes, complex numbers, dates, lists ...
        return -1
    if number != number or not JOB_ZONES.start <= number < JOB_ZONES.stop or number != int(number):
        return -1
    return int(number)


def _job_zone_codes(values: pd.Series) -> np.ndarray:
    """Each cell of ``values`` as :func:`_job_zone` reads it (0 where missing), as an int8 array.

    Each distinct value is read once (a column of job zones holds a few): one
    :func:`pandas.factorize` pass over the column, then a look-up.
    """
    try:
        keys, uniques = pd.factorize(values)  # missing cells (None, NaN, NA, NaT): -1
    except TypeError:  # unhashable cells (lists): read every cell
        keys = np.arange(len(values))
        keys[values.isna().to_numpy(dtype=bool)] = -1
        uniques = values.array
    table = np.fromiter((_job_zone(v) for v in np.asarray(uniques, dtype=object)), dtype=np.int8,
                        count=len(uniques))
    codes = np.where(keys >= 0, table[np.maximum(keys, 0)] if len(table) else 0, 0).astype(np.int8)
    # factorize takes True for 1 (they hash alike): look for booleans among other values
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) not in _NO_BOOLS:
        is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in values.tolist()), dtype=bool,
                              count=len(values))
        codes[is_bool] = -1
    return codes


#: :func:`pandas.api.types.infer_dtype` of object columns that hold no booleans.
_NO_BOOLS = frozenset({"string", "integer", "floating", "mixed-integer-float", "decimal", "empty"})


def _job_zone_error(values: pd.Series, codes: np.ndarray, *, what: str = "", path=None,
                    row_offset: int = 1) -> None:
    """Raise on the first refused cell (``codes`` -1) of ``values``, naming its row.

    Also a ``row_offset`` that is not a whole number of 0 or more (:func:`check_row_offset`).
    A cell that is a Stata value label (:func:`_value_labels_note`) is told to be one.
    """
    row_offset = check_row_offset(row_offset)
    bad = codes < 0
    if not bad.any():
        return
    pos = int(bad.argmax())
    value = values.iloc[pos]
    value = value.item() if isinstance(value, np.generic) else value
    # b'3' (a binary column, a database driver's bytea): decoded, it is read (it was told the rule alone)
    note = (bytes_advice("job_zone", values, path=path) if isinstance(value, BINARY_TYPES) else
            _value_labels_note(values, value, path))
    raise DataFormatError(f"{what}job zone must be a whole number from {JOB_ZONES.start} to "
                          f"{JOB_ZONES.stop - 1}, got {cell_shown(value)}{note}",
                          path=path, row=pos + row_offset, column="job_zone")


def _value_labels_note(values: pd.Series, value, path) -> str:
    """The end of the job zone error for a cell that is a Stata value label; else ``""``.

    pandas reads a Stata variable with value labels as the labels (a categorical column):
    a ``job_zone`` of 4 labelled ``Considerable Preparation Needed`` was refused as
    ``got 'Considerable Preparation Needed'``, the number the file holds unnamed, and the
    advice (remove the labels) unsaid. ``path``: the ``.dta`` file read (the command's
    advice, in Stata), when ``value`` is one of the column's value labels (the column is
    read again, on this error only: its reader has made the labels plain text by now; a
    label of another column, ``'Yes'`` of a labelled ``remote``, was matched too, and the
    note told to remove labels the column did not have); else a frame of a categorical
    column (pandas' way to read the numbers).

    Examples
    --------
    >>> _value_labels_note(pd.Series(["Some Preparation Needed"], dtype="category"), "Some Preparation Needed", None)
    "; the column's categories are text: a Stata file's value labels? pd.read_stata(path, convert_categoricals=False) reads the job zones they label"
    >>> _value_labels_note(pd.Series(["4"]), "4", None)
    ''
    """
    if not isinstance(value, str):
        return ""
    if path is None:
        if not isinstance(values.dtype, pd.CategoricalDtype):
            return ""
        return ("; the column's categories are text: a Stata file's value labels? "
                "pd.read_stata(path, convert_categoricals=False) reads the job zones they label")
    if not os.fspath(path).lower().endswith(".dta"):
        return ""
    try:
        if isinstance(values.name, str):  # the column's own labels: pandas reads them as its categories
            column = pd.read_stata(path, columns=[values.name])[values.name]
            found = list(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype) else []
        else:
            with pd.read_stata(path, iterator=True) as reader:
                found = [label for labels in reader.value_labels().values() for label in labels.values()]
    except Exception:  # noqa: BLE001 - the file was read: the labels are only a note
        return ""
    if value not in set(found):  # a label of another column ('Yes' of 'remote') is no label of this one
        return ""
    return ("; the file's value labels were read in place of its values (as pandas reads a Stata "
            "file): remove the labels from the column (Stata: label values job_zone) and save the "
            "file again")


def job_zone_values(values: pd.Series, *, what: str = "", path=None,
                    row_offset: int = 1) -> list[int | None]:
    """A ``job_zone`` column as job zones (None where missing or blank); raise on others.

    The rule of :func:`check_job_zones`: a whole number from 1 to 5, given as a number
    or as text (``3``, ``3.0``, ``"3"``, ``"3.0"``, ``" 3 "``); a missing or blank cell
    is an unknown zone. Anything else (``3.9``, ``0``, ``"abc"``, ``True``) is refused
    rather than cut down or guessed.

    Parameters
    ----------
    values : pandas.Series
        The ``job_zone`` column.
    what : str, optional
        Put before the message (e.g. ``"onet.job_zones: "``).
    path : str or os.PathLike, optional
        File the column came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors.

    Returns
    -------
    list of int or None

    Raises
    ------
    exposure.errors.DataFormatError
        The first refused value (row and column named); a ``row_offset`` that is not a
        whole number of 0 or more (:func:`check_row_offset`).

    Examples
    --------
    >>> job_zone_values(pd.Series([3, "4.0", " 2 ", None, ""]))
    [3, 4, 2, None, None]
    >>> job_zone_values(pd.Series([3, 3.9]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'job_zone': job zone must be a whole number from 1 to 5, got 3.9
    """
    codes = _job_zone_codes(values)
    _job_zone_error(values, codes, what=what, path=path, row_offset=row_offset)
    return [int(c) or None for c in codes.tolist()]


def check_job_zones(frame, *, path=None, row_offset: int = 1) -> None:
    """Refuse a ``job_zone`` that is not a whole number from 1 to 5, naming its row.

    A ``job_zone`` column of the tasks gives each task its occupation's O*NET Job Zone
    (for the rubric's prior and ``entry_creative``; it comes before the zone of ``onet``).
    Every cell of a CSV file is text, so a whole number is accepted as a number or as
    text (``3``, ``3.0``, ``"3"``, ``"3.0"``, ``" 3 "``); a missing or blank cell is an
    unknown zone (``onet``'s, when given). Anything else (``3.9``, ``0``, ``-5``,
    ``"abc"``, ``True``) is refused, not cut down to a zone. Vectorised: each distinct
    value is read once. A frame without the column passes.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tasks, with the library's column names (``job_zone``).
    path : str or os.PathLike, optional
        File the frame came from, named in errors.
    row_offset : int, default 1
        Added to the 0-based row position in errors: 1 gives 1-based rows, 2 the line
        number of a file with a header line.

    Raises
    ------
    exposure.errors.DataFormatError
        The first refused value (row and column named); a ``row_offset`` that is not a
        whole number of 0 or more (:func:`check_row_offset`).

    Examples
    --------
    >>> check_job_zones(pd.DataFrame({"job_zone": [1, "5", " 2.0 ", None, ""]}))
    >>> check_job_zones(pd.DataFrame({"job_zone": ["3", "3.9"]}), row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 3, column 'job_zone': job zone must be a whole number from 1 to 5, got '3.9'
    """
    if not isinstance(frame, pd.DataFrame) or "job_zone" not in frame.columns:
        return
    values = frame["job_zone"]
    if isinstance(values, pd.DataFrame):  # a repeated column: the column checks name it
        return
    _job_zone_error(values, _job_zone_codes(values), path=path, row_offset=row_offset)


def has_keys(frame: pd.DataFrame) -> bool:
    """True when ``frame`` has both ``onetsoc_code`` and ``task_id`` columns.

    Examples
    --------
    >>> has_keys(pd.DataFrame(columns=["onetsoc_code", "task_id"])), has_keys(pd.DataFrame())
    (True, False)
    """
    return "onetsoc_code" in frame.columns and "task_id" in frame.columns


def task_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """``(onetsoc_code, canonical task id)`` of every row.

    Examples
    --------
    >>> task_keys(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823.0]}))
    [('11-1011.00', '8823')]
    """
    codes = list(map(str, frame["onetsoc_code"].tolist()))
    return list(zip(codes, norm_task_ids(frame["task_id"]), strict=True))


#: Last result of :func:`remembered` for each name: the frames it was built from, their
#: contents (:func:`_fingerprint`) and the result. A file scored in batches builds each
#: look-up of a release once.
_LAST: dict[str, tuple[tuple, tuple, object]] = {}
#: Held while :func:`remembered` builds (an RLock: a build may use another remembered look-up).
_LAST_LOCK = threading.RLock()
#: While :func:`frames_unchanged` runs: ``{id(frame): (frame, fingerprint)}`` of the frames
#: already hashed, so that the look-ups of one call hash each frame once.
_HASHED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("exposure_hashed_frames", default=None)


@contextlib.contextmanager
def frames_unchanged():
    """Within the block, hash each frame given to :func:`remembered` once.

    For one call of a scorer (:func:`exposure.scoring.score_tasks`), which asks for up to
    eight look-ups of the same release frames and during which the caller's code does not
    run, so that no frame can change. Blocks nest; the outermost one decides.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1]})
    >>> with frames_unchanged():
    ...     remembered("doc_unchanged", (f,), lambda: [1]) is remembered("doc_unchanged", (f,), lambda: [2])
    True
    """
    if _HASHED.get() is not None:
        yield
        return
    token = _HASHED.set({})
    try:
        yield
    finally:
        _HASHED.reset(token)


def _fingerprint(frame):
    """What :func:`remembered` compares of a frame besides its identity: its columns and cells.

    A frame is hashed whole (its index aside: no look-up reads it), with its shape, column
    names and dtypes; anything else (None) is compared by identity alone. A frame whose
    cells cannot be hashed (a list in a cell) gets a fingerprint equal to no other, so its
    look-up is built at every call. Each column is hashed by :func:`_column_digest`.

    Examples
    --------
    >>> f = pd.DataFrame({"task": ["Weld pipes."]})
    >>> a = _fingerprint(f); f.loc[0, "task"] = "Type letters."
    >>> a == _fingerprint(f), _fingerprint(None)
    (False, None)
    """
    if not isinstance(frame, pd.DataFrame):
        return None
    digest = hashlib.blake2b(digest_size=16)
    try:
        for pos in range(frame.shape[1]):
            digest.update(_column_digest(frame.iloc[:, pos]))
    except (TypeError, ValueError):  # unhashable cells: never the same
        return object()
    return (frame.shape, tuple(map(repr, frame.columns)), tuple(map(str, frame.dtypes)), digest.digest())


#: Arrow types whose buffers (with each chunk's offset and length) are the column's cells.
_FLAT_ARROW = (pa.types.is_integer, pa.types.is_floating, pa.types.is_boolean, pa.types.is_string,
               pa.types.is_large_string, pa.types.is_binary, pa.types.is_large_binary, pa.types.is_timestamp,
               pa.types.is_date, pa.types.is_duration, pa.types.is_decimal)


def _column_digest(column: pd.Series) -> bytes:
    """A digest of the cells of ``column``, equal for two columns only when their cells are.

    A column of Arrow text or numbers (a release read by :mod:`exposure.onet`), of numpy
    numbers or dates, or of pandas' masked integers, floats or booleans is hashed from its
    memory (SHA-256 of its buffers): 2 ms for a release's 3 MB of task statements and
    codes, which :func:`pandas.util.hash_pandas_object` took 25 ms to hash cell by cell. Any other
    column (objects, categories) is hashed by :func:`pandas.util.hash_pandas_object`, an object
    column with the type of each cell (that hash reads a cell as its text: a release whose
    task ID 1 was edited to ``"1"`` kept its look-up). Two
    equal columns held otherwise in memory (another chunking) may get other digests: their
    look-up is then built again, never shared between unequal columns.

    Examples
    --------
    >>> a = pd.Series(["Weld.", None], dtype="string[pyarrow]")
    >>> _column_digest(a) == _column_digest(a.copy()), _column_digest(a) == _column_digest(a.fillna("x"))
    (True, False)
    """
    digest = hashlib.sha256()  # (on this machine's CPUs, 2.5 times blake2b's speed)
    dtype = column.dtype
    values = column.array
    if isinstance(dtype, np.dtype) and dtype.kind in "biufcmM":
        data = np.ascontiguousarray(column.to_numpy())
        digest.update(b"numpy" + str(data.dtype).encode())
        digest.update(data.view(np.uint8).tobytes() if data.size else b"")
        return digest.digest()
    if isinstance(values, (pd.arrays.ArrowExtensionArray, pd.arrays.IntegerArray, pd.arrays.FloatingArray,
                           pd.arrays.BooleanArray)):
        arrow = values.__arrow_array__()
        chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
        if any(flat(arrow.type) for flat in _FLAT_ARROW):
            digest.update(b"arrow" + str(arrow.type).encode())
            for chunk in chunks:
                digest.update(f"{chunk.offset},{len(chunk)},{chunk.null_count};".encode())
                for buffer in chunk.buffers():
                    digest.update(b"|" if buffer is None else b"|%d:" % buffer.size)
                    if buffer is not None:
                        digest.update(buffer)
            return digest.digest()
    digest.update(b"pandas")
    digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes())
    if dtype == object:  # it hashes a cell as its text: 1 and "1", True and "True" were one
        digest.update(np.fromiter(map(id, map(type, column.tolist())), dtype=np.int64, count=len(column)).tobytes())
    return digest.digest()


def _fingerprints(frames: tuple) -> tuple:
    """:func:`_fingerprint` of each of ``frames``, each hashed once within :func:`frames_unchanged`."""
    hashed = _HASHED.get()
    if hashed is None:
        return tuple(_fingerprint(f) for f in frames)
    out = []
    for f in frames:
        known = hashed.get(id(f))
        if known is None or known[0] is not f:
            known = hashed[id(f)] = (f, _fingerprint(f))  # the frame is held: its id is not reused
        out.append(known[1])
    return tuple(out)


def remembered(name: str, frames: tuple, build):
    """``build()``, or its result for the very same ``frames`` objects, unchanged, as the last call.

    For look-ups built from a whole O*NET release, which a file scored in batches would
    otherwise rebuild for every batch. The result is shared: treat it as read-only.
    Threads asking at once get the one result that the first of them built.

    The frames' contents are compared too (:func:`_fingerprint`): a frame edited in place
    between two calls (``tasks.loc[0, "task"] = ...`` on the statements given to
    :func:`exposure.rollup.to_occupations`, the labels of ``reference`` or a release's
    ``tasks``) was still read through the look-up built before the edit, so the second call
    gave the first call's result (and a warning quoting the new statement as another task's).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1]})
    >>> remembered("doc", (f,), lambda: [1]) is remembered("doc", (f,), lambda: [2])
    True
    >>> f.loc[0, "a"] = 2
    >>> remembered("doc", (f,), lambda: [3])
    [3]
    """
    prints = _fingerprints(frames)
    last = _LAST.get(name)
    if _same(last, frames, prints):
        return last[2]
    # one thread builds, the others wait for its result: threads scoring at once (a
    # notebook's thread pool, dask's threaded scheduler) each built the whole look-up
    with _LAST_LOCK:
        last = _LAST.get(name)
        if _same(last, frames, prints):
            return last[2]
        value = build()
        _LAST[name] = (frames, prints, value)
    return value


def _same(last, frames: tuple, prints: tuple) -> bool:
    """True when ``last`` (an entry of ``_LAST``, or None) was built from the very ``frames``, as they are now."""
    return (last is not None and len(last[0]) == len(frames)
            and all(a is b for a, b in zip(last[0], frames, strict=True)) and last[1] == prints)


#: Share of the words two statements must share (of the words of either) to be read as
#: one task: a task reworded between releases keeps most of its words; a caller's own
#: text under an ID that happens to be O*NET's shares almost none.
SAME_TASK_WORDS = 0.5
#: The same share for a published label (``reference``): the labels are of an older
#: release, whose statements O*NET has reworded since (4 of the 14,040 keys that O*NET
#: 29.1 shares with them keep 0.33 to 0.47 of their words: "Assist physically challenged
#: travelers and other guests with special needs." is now "Assist travelers and guests
#: with disabilities."); of the pairs of two tasks of one occupation, 0.35% share 0.3.
SAME_LABEL_WORDS = 0.3
#: A rewording of O*NET's kind (those 4 tasks: 5 to 9 words kept) is one task at any bar:
#: at least :data:`REWORDED_WORDS` of the words of both, and :data:`REWORDED_SHARED` words
#: or more in common ("Weld beams." is not "Weld pipes.", one word of three in common).
#: The public scorers and the tagger read those 4 labelled statements as other tasks
#: with a bar of 0.5 alone (the rubric's agreement report, 5 December 2026).
REWORDED_WORDS = 0.3
REWORDED_SHARED = 4
_WORDS = re.compile(r"[^\W_]+")


def _statement_words(text: str) -> frozenset:
    """The lower-cased words of a statement (letters and digits), as a set."""
    return frozenset(_WORDS.findall(str(text).casefold()))


def same_statement(text: str, statement: str, share: float = SAME_TASK_WORDS) -> bool:
    """True when ``text`` reads as the task ``statement`` (the rule of :func:`other_task_rows`).

    The statement itself; one sharing at least ``share`` (:data:`SAME_TASK_WORDS`) of
    the words of both (a rewording), or 0.3 of them and at least 4 words
    (:data:`REWORDED_WORDS`, :data:`REWORDED_SHARED`: O*NET's rewordings for inclusive
    language, "Assist physically challenged travelers and other guests with special needs."
    for "Assist travelers and guests with disabilities."); or one holding the statement's words whole, in their order (the
    statement with a note of the caller: "Answer telephones and take messages (about two
    hours a day)", which shared less than half of the words of both).

    Examples
    --------
    >>> same_statement("answer the telephones, and take messages", "Answer telephones and take messages.")
    True
    >>> same_statement("Answer telephones and take messages (two hours a day, mornings, at the desk).",
    ...                "Answer telephones and take messages.")
    True
    >>> same_statement("Assist physically challenged travelers and other guests with special needs.",
    ...                "Assist travelers and guests with disabilities.")
    True
    >>> same_statement("Drive a forklift.", "Answer telephones and take messages.")
    False
    """
    if text == statement:
        return True
    mine, theirs = _statement_words(text), _statement_words(statement)
    union, common = len(mine | theirs), len(mine & theirs)
    if not union or common / union >= share:
        return True
    if common >= REWORDED_SHARED and common / union >= REWORDED_WORDS:
        return True  # O*NET's own rewording (for inclusive language, say)
    if not theirs <= mine:
        return False
    run = " ".join(_WORDS.findall(str(statement).casefold()))
    return f" {run} " in f" {' '.join(_WORDS.findall(str(text).casefold()))} "


def other_task_rows(frame: pd.DataFrame, texts: list, onet) -> np.ndarray:
    """Rows whose (code, task ID) O*NET lists under another statement than their text.

    A caller's own identifiers (``task_id`` 1, 2, 3) under a real O*NET-SOC code name real
    O*NET tasks: such a row was scored with the work activities of that O*NET task, not
    from its text, without a word ("Drive a forklift" under a sales manager's task 1 came
    out E1). A row is the O*NET task when its text is the statement, shares at least
    :data:`SAME_TASK_WORDS` of their words (a statement reworded between releases), or
    holds the statement whole (a note added: :func:`same_statement`); keys O*NET does not
    list are not flagged (:func:`exposure.scoring.categories._warn_unread_keys` names them).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> onet = SimpleNamespace(tasks=pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"],
    ...     "task_id": [1, 2], "task": ["Direct financial activities.", "Negotiate contracts with vendors."]}))
    >>> frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3]})
    >>> other_task_rows(frame, ["Direct the financial activities.", "Drive a forklift.", "x"], onet).tolist()
    [False, True, False]
    """
    n = len(frame)
    tasks = getattr(onet, "tasks", None)
    if onet is None or not has_keys(frame) or not n:
        return np.zeros(n, dtype=bool)  # (the rubric reads a release without its task list)
    return statement_rows(frame, texts, tasks, "onet_statements")


#: The warning on rows whose (code, task ID) names another task than their text (its
#: arguments: the file's name and ": " or "", the count, the release, the first row and
#: its index label (:meth:`RowNames.note`), its task ID, code and text): :func:`without_other_ids`.
OTHER_IDS_MESSAGE = ("%s%d row(s) have an O*NET-SOC code and task ID that %s lists for another task than their "
                     "text (first: row %d%s, column 'task_id': %s under %r, %s): scored from their text and code, "
                     "not as that O*NET task; if these task IDs are your own, name the column otherwise")


def without_other_ids(frame: pd.DataFrame, texts: list, onet, *, path=None, row_offset: int = 1,
                      names: RowNames | None = None) -> pd.DataFrame:
    """``frame`` without the task IDs that name another O*NET task than the row's text.

    Rows whose (code, task ID) ``onet`` lists under another statement (:func:`other_task_rows`:
    the caller's own identifiers 1, 2, 3 under a real code) are read from their text and
    code, as rows without a task ID, with one warning (:data:`OTHER_IDS_MESSAGE`, on the
    ``exposure.scoring`` logger) naming the first; the public scorers and taggers read that O*NET task's work activities
    instead ("Drive a forklift in the warehouse." under a receptionist's task was tagged
    admin), without a word. ``frame`` itself when there is none (no copy).

    Parameters
    ----------
    frame : pandas.DataFrame
    texts : list of str
        The rows' task texts, as the scorer reads them.
    onet : object or None
        The O*NET release (its ``tasks``: a release without them flags no row).
    path : str or os.PathLike, optional
        Input file name, for the warning.
    row_offset : int, default 1
        Row number of the first row of ``frame`` in the warning.
    names : RowNames, optional
        How the warning names the row (its text as written and index label); default:
        its text as in ``texts``, no label.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> onet = SimpleNamespace(tasks=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [2],
    ...                                            "task": ["Greet visitors at the front desk."]}))
    >>> frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [2, 2]})
    >>> without_other_ids(frame, ["Greet visitors at the desk.", "Drive a forklift."], onet)["task_id"].tolist()
    [2, None]
    """
    other = other_task_rows(frame, texts, onet)
    if not other.any():
        return frame
    first = int(np.flatnonzero(other)[0])
    where = f"{path}: " if path is not None else ""
    names = names or RowNames(texts)
    _SCORING_LOG.warning(OTHER_IDS_MESSAGE, where, int(other.sum()), release_name(onet), first + row_offset,
                         names.note(first), norm_task_id(frame["task_id"].iloc[first]),
                         str(frame["onetsoc_code"].iloc[first]), cell_shown(names.text(first)))
    out = frame.copy()
    ids = out["task_id"].astype(object)
    ids[other] = None
    out["task_id"] = ids
    return out


#: The warning of ``reference`` on rows whose key the published labels give to another
#: statement than their text (its arguments as :data:`OTHER_IDS_MESSAGE`'s, with who
#: says so for the release, and the code as ``" under '...'"`` or ``""``):
#: :func:`other_label_rows`.
OTHER_LABELS_MESSAGE = ("%s%d row(s) have a task ID that %s for another task than their text (first: row "
                        "%d%s, column 'task_id': %s%s, %s): no published label for them (the label is of that "
                        "task); if these task IDs are your own, name the column otherwise")


def check_statement_column(labels: pd.DataFrame) -> None:
    """Refuse ``labels`` (checked) with their ``task`` column, the statements they label, twice.

    The statements are compared with the rows' texts; two ``task`` columns (two label
    files put side by side) raised ``AttributeError: 'DataFrame' object has no attribute
    'tolist'`` from inside (:func:`exposure.scoring.reference.score_reference`, and
    ``score_tasks(..., "reference", labels=...)`` through :func:`other_label_rows`).
    Labels without a ``task`` column pass (nothing is compared).

    Examples
    --------
    >>> check_statement_column(pd.DataFrame([["Weld.", "Weld."]], columns=["task", "task"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, column 'task': given more than once: keep one
    """
    check_once(labels, ["task"], "labels")


def other_label_rows(frame: pd.DataFrame, texts: list, label_tasks, onet=None, *, path=None,
                     row_offset: int = 1, names: RowNames | None = None) -> np.ndarray:
    """Rows whose key the labels give to another task than their text, with one warning.

    The published labels say which statement they label (their ``task`` column); a
    caller's labels without one are compared with ``onet``'s statements when given, else
    not at all. Such a row's label is of another task ("Drive a forklift in the
    warehouse." under a receptionist's task 2 got the label of "Greet visitors at the
    front desk.", without a word): the caller leaves it unlabelled. One warning
    (:data:`OTHER_LABELS_MESSAGE`, on the ``exposure.scoring`` logger) names the first.
    The bar is :data:`SAME_LABEL_WORDS` (with :func:`same_statement`'s rewordings): the
    labels are of an older release. The key is (code, task ID), or the task ID alone when
    ``frame`` has no ``onetsoc_code`` column. A text that is not a string (a missing cell)
    is not compared.

    Parameters
    ----------
    frame : pandas.DataFrame
        The tasks, with ``task_id`` (no row is flagged without one).
    texts : list
        The rows' task texts, as the scorer reads them.
    label_tasks : pandas.DataFrame or None
        The labels as given (``onetsoc_code``, ``task_id``, ``task``).
    onet : object, optional
        An O*NET release, whose ``tasks`` stand in for labels without statements.
    path : str or os.PathLike, optional
        Input file name, for the warning.
    row_offset : int, default 1
        Row number of the first row of ``frame`` in the warning.
    names : RowNames, optional
        How the warning names the row, as in :func:`without_other_ids`.

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [2],
    ...                        "task": ["Greet visitors at the front desk."]})
    >>> frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"] * 2, "task_id": [2, 2]})
    >>> other_label_rows(frame, ["Greet visitors at the desk.", "Drive a forklift."], labels).tolist()
    [False, True]
    """
    if "task_id" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    tasks, name = label_tasks, "the labels give a label"
    if isinstance(tasks, pd.DataFrame):
        check_statement_column(tasks)  # two 'task' columns: AttributeError from inside
    if not (isinstance(tasks, pd.DataFrame) and "task" in tasks.columns):
        tasks = getattr(onet, "tasks", None)
        name = f"{release_name(onet)} lists"
    read = [isinstance(text, str) for text in texts]
    other = statement_rows(frame, [t if ok else "" for t, ok in zip(texts, read, strict=True)], tasks,
                           "label_statements", by_id=True, share=SAME_LABEL_WORDS)
    other &= np.array(read, dtype=bool)
    if other.any():
        first = int(np.flatnonzero(other)[0])
        under = (f" under {str(frame['onetsoc_code'].iloc[first])!r}" if "onetsoc_code" in frame.columns
                 else "")
        names = names or RowNames(texts)
        _SCORING_LOG.warning(OTHER_LABELS_MESSAGE, f"{path}: " if path is not None else "", int(other.sum()),
                             name, first + row_offset, names.note(first), norm_task_id(frame["task_id"].iloc[first]),
                             under, cell_shown(names.text(first)))
    return other


def statement_rows(frame: pd.DataFrame, texts: list, tasks, name: str, *, by_id: bool = False,
                   share: float = SAME_TASK_WORDS) -> np.ndarray:
    """Rows of ``frame`` whose key ``tasks`` lists under another statement than their text.

    ``tasks`` is a frame of ``onetsoc_code``, ``task_id`` and ``task`` (an O*NET release's
    task list, or the published labels, which have the statements they label); anything
    else, or one without those columns, flags no row. The key is (code, task ID), or,
    with ``by_id`` and no ``onetsoc_code`` column in ``frame``, the task ID alone (a row
    is then flagged when its text is none of the statements of that ID). ``share`` is
    that of :func:`same_statement`. ``name`` keys the look-up kept for the same ``tasks``
    frame (:func:`remembered`).

    Examples
    --------
    >>> tasks = pd.DataFrame({"onetsoc_code": ["a"], "task_id": [7], "task": ["Weld pipes."]})
    >>> statement_rows(pd.DataFrame({"task_id": [7, 7]}), ["Weld pipes!", "Type."], tasks, "doc",
    ...                by_id=True).tolist()
    [False, True]
    """
    n = len(frame)
    out = np.zeros(n, dtype=bool)
    if (not n or not isinstance(tasks, pd.DataFrame) or "task_id" not in frame.columns
            or not {"onetsoc_code", "task_id", "task"} <= set(tasks.columns)):
        return out
    coded = "onetsoc_code" in frame.columns
    if not coded and not by_id:
        return out
    if coded:
        statements = remembered(name, (tasks,), lambda: _by_key(tasks))
        keys = task_keys(frame)
    else:
        statements = remembered(f"{name}_by_id", (tasks,), lambda: _by_id(tasks))
        keys = norm_task_ids(frame["task_id"])
    for pos, (key, text) in enumerate(zip(keys, texts, strict=True)):
        known = statements.get(key)
        if known is not None and text not in known:  # (the statement itself: most rows, at once)
            out[pos] = not any(same_statement(text, s, share) for s in known)
    return out


def _by_key(tasks: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """``{(code, canonical task ID): [its statements]}`` of a task list (:func:`_listed`).

    Examples
    --------
    >>> _by_key(pd.DataFrame({"onetsoc_code": ["a", "a"], "task_id": [7, 7.0],
    ...                       "task": ["Weld pipes.", "Weld steel pipes."]}))
    {('a', '7'): ['Weld pipes.', 'Weld steel pipes.']}
    """
    keys = zip(tasks["onetsoc_code"].astype(str), norm_task_ids(tasks["task_id"]), strict=True)
    return _listed(keys, tasks["task"].tolist())


def _by_id(tasks: pd.DataFrame) -> dict[str, list[str]]:
    """``{canonical task ID: [its statements]}`` of a task list (:func:`_listed`)."""
    return _listed(norm_task_ids(tasks["task_id"]), tasks["task"].tolist())


def _listed(keys, texts: list) -> dict:
    """``{key: [its statements]}``: every statement listed for a key, in order, once.

    A key listed twice (the task lists of two releases stacked, one reworded) kept its
    last statement alone, and a row whose text was the first was read as another task. A
    missing or blank statement says nothing (:func:`_stated`): a key listed with no
    statement flags no row.
    """
    out: dict = {}
    for key, text in zip(keys, texts, strict=True):
        if _stated(text) and text not in out.setdefault(key, []):
            out[key].append(text)
    return out


def _stated(text) -> bool:
    """True for a statement that says which task it is: a string with a letter or digit.

    A missing cell of a labels file's ``task`` column was compared as the text ``"nan"``
    (``None`` as ``"None"``): every row under its key was read as another task, and lost
    its label with a warning that the labels give it to another task.

    Examples
    --------
    >>> _stated("Weld pipes."), _stated(float("nan")), _stated("  "), _stated(None)
    (True, False, False, False)
    """
    return isinstance(text, str) and bool(_WORDS.search(text))


#: The columns read of the tables of an O*NET release (:func:`task_dwa_links`,
#: :func:`job_zone_lookup`): :func:`check_release_table`.
RELEASE_TABLE_COLUMNS = {
    "tasks": ("onetsoc_code", "task_id"),
    "task_dwas": ("onetsoc_code", "task_id", "dwa_id"),
    "dwas": ("dwa_id", "iwa_id"),
    "occupations": ("onetsoc_code", "title"),
}


def check_release_table(frame, name: str, columns=None) -> None:
    """Refuse the table ``name`` of an O*NET release that lacks a column read of it.

    ``columns``: those read (default: :data:`RELEASE_TABLE_COLUMNS` of ``name``). A release
    of :func:`exposure.load_onet` has them all; one made up of the caller's own frames
    (``SimpleNamespace(task_dwas=..., dwas=...)``) may not, and the category tagger and the
    rubric raised a bare ``KeyError: 'dwa_id'`` (``'iwa_id'``, ``'onetsoc_code'`` of a
    ``job_zones`` frame) from deep inside. The one check of a release's tables:
    :func:`exposure.scoring.learned.check_release_columns` calls it too.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the table, the columns it lacks and those it has; a table that is not a
        DataFrame (``occupations=5``, an ``AttributeError`` before).

    Examples
    --------
    >>> check_release_table(pd.DataFrame({"dwa_id": ["4.A.1.I01.D01"]}), "dwas")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet.dwas lacks column(s) ['iwa_id'] (columns: ['dwa_id']): onet must be an O*NET release, e.g. exposure.load_onet('29.1')
    """
    if not isinstance(frame, pd.DataFrame):  # occupations=5: "'int' object has no attribute 'columns'"
        raise DataFormatError(f"onet.{name} must be a pandas DataFrame, got {frame_type(frame)}: onet "
                              "must be an O*NET release, e.g. exposure.load_onet('29.1')")
    missing = [c for c in (RELEASE_TABLE_COLUMNS[name] if columns is None else columns)
               if c not in frame.columns]
    if missing:
        raise DataFormatError(f"onet.{name} lacks column(s) {missing} (columns: {list(frame.columns)}): "
                              "onet must be an O*NET release, e.g. exposure.load_onet('29.1')")


def task_dwa_links(onet) -> tuple[dict, dict]:
    """``({(code, task_id): [dwa_id, ...]}, {dwa_id: iwa_id})`` of an O*NET release.

    Built once per release frames (the last result is kept); treat it as read-only. Each
    task lists each of its DWAs once, in the order of their first link: ``task_dwas`` of
    two releases stacked listed every DWA twice, and the rubric gave each two votes.

    Raises
    ------
    exposure.errors.DataFormatError
        When ``onet`` lacks a ``task_dwas`` or ``dwas`` frame, or a column of
        :data:`RELEASE_TABLE_COLUMNS` (:func:`check_release_table`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> onet = SimpleNamespace(
    ...     task_dwas=pd.DataFrame({"onetsoc_code": ["a", "a"], "task_id": [1, 1],
    ...                             "dwa_id": ["4.A.1.I01.D01", "4.A.1.I02.D01"]}),
    ...     dwas=pd.DataFrame({"dwa_id": ["4.A.1.I01.D01"], "iwa_id": ["4.A.1.I01"]}))
    >>> task_dwa_links(onet)
    ({('a', '1'): ['4.A.1.I01.D01', '4.A.1.I02.D01']}, {'4.A.1.I01.D01': '4.A.1.I01'})
    """
    for name in ("task_dwas", "dwas"):
        if getattr(onet, name, None) is None:
            raise DataFormatError(f"onet argument has no {name!r} frame")
        check_release_table(getattr(onet, name), name)
    return remembered("task_dwa_links", (onet.task_dwas, onet.dwas),
                       lambda: _build_task_dwa_links(onet.task_dwas, onet.dwas))


def dwa_task_keys(onet) -> dict[str, list[tuple[str, str]]]:
    """``{dwa_id: [(code, task_id), ...]}``: the tasks linked to each DWA (:func:`task_dwa_links` inverted).

    Each task is listed once per DWA, in the order of the links. Built once per release
    frames (the last result is kept); treat it as read-only.

    Raises
    ------
    exposure.errors.DataFormatError
        When ``onet`` lacks a ``task_dwas`` or ``dwas`` frame.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> onet = SimpleNamespace(
    ...     task_dwas=pd.DataFrame({"onetsoc_code": ["a", "a", "b"], "task_id": [1, 2, 1],
    ...                             "dwa_id": ["4.A.1.I01.D01"] * 3}),
    ...     dwas=pd.DataFrame({"dwa_id": ["4.A.1.I01.D01"], "iwa_id": ["4.A.1.I01"]}))
    >>> dwa_task_keys(onet)
    {'4.A.1.I01.D01': [('a', '1'), ('a', '2'), ('b', '1')]}
    """
    links, _ = task_dwa_links(onet)
    return remembered("dwa_task_keys", (onet.task_dwas, onet.dwas), lambda: _invert_links(links))


def _invert_links(links: dict) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for key, dwas in links.items():
        for dwa in dict.fromkeys(dwas):  # a DWA listed twice for a task: the task once
            out.setdefault(dwa, []).append(key)
    return out


def _build_task_dwa_links(td: pd.DataFrame, dwa_frame: pd.DataFrame) -> tuple[dict, dict]:
    links: dict[tuple[str, str], list[str]] = {}
    codes = [str(code) for code in td["onetsoc_code"].tolist()]
    dwas = [str(dwa) for dwa in td["dwa_id"].tolist()]
    for key, dwa in zip(zip(codes, norm_task_ids(td["task_id"]), strict=True), dwas, strict=True):
        known = links.get(key)
        if known is None:
            links[key] = [dwa]
        elif dwa not in known:  # a link listed twice (two releases' links stacked): once
            known.append(dwa)  # (the rubric gave it two votes: 15 of 40 labels changed)
    dwa_to_iwa = {
        str(d): str(i)
        for d, i in zip(dwa_frame["dwa_id"].tolist(), dwa_frame["iwa_id"].tolist(), strict=True)
    }
    return links, dwa_to_iwa


def job_zone_lookup(onet) -> dict[str, int]:
    """``{onetsoc_code: job_zone}`` of an O*NET release (``job_zones`` or ``occupations``).

    Built once per release frames (the last result is kept); treat it as read-only. The
    zones are read by the rule of :func:`job_zone_values` (a release's own are integers
    1 to 5, or missing); a code's first known zone is kept, ``job_zones`` before
    ``occupations``.

    Raises
    ------
    exposure.errors.DataFormatError
        A zone that is not a whole number from 1 to 5 (e.g. in a made-up release); a
        ``job_zones`` or ``occupations`` frame with a ``job_zone`` column but no
        ``onetsoc_code`` (:func:`check_release_table`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> job_zone_lookup(SimpleNamespace(job_zones=pd.DataFrame(
    ...     {"onetsoc_code": ["a", "b"], "job_zone": [2, None]})))
    {'a': 2}
    >>> job_zone_lookup(SimpleNamespace(job_zones=pd.DataFrame(
    ...     {"onetsoc_code": ["a"], "job_zone": ["3.0"]})))
    {'a': 3}
    """
    frames = tuple(getattr(onet, name, None) for name in ("job_zones", "occupations"))
    return remembered("job_zone_lookup", frames, lambda: _build_job_zones(frames))


def _build_job_zones(frames: tuple) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, frame in zip(("job_zones", "occupations"), frames, strict=True):
        if frame is None:
            continue
        check_release_table(frame, name, ())  # a table (occupations=5 was an AttributeError)
        if "job_zone" not in frame.columns:
            continue
        check_release_table(frame, name, ("onetsoc_code",))
        zones = job_zone_values(frame["job_zone"], what=f"onet.{name}: ")
        for code, jz in zip(frame["onetsoc_code"].tolist(), zones, strict=True):
            if jz is not None and str(code) not in out:
                out[str(code)] = jz
    return out


def job_zones_for(frame: pd.DataFrame, onet) -> list[int | None]:
    """Job zone of each row: a ``job_zone`` column, else ``onet`` by ``onetsoc_code``.

    The column is read by the rule of :func:`check_job_zones` (:func:`job_zone_values`):
    ``3``, ``3.0`` and ``"3.0"`` are zone 3, a missing or blank cell takes ``onet``'s zone.

    Raises
    ------
    exposure.errors.DataFormatError
        A ``job_zone`` that is not a whole number from 1 to 5 (row and column named).

    Examples
    --------
    >>> job_zones_for(pd.DataFrame({"job_zone": [3, None, "2.0", " "]}), None)
    [3, None, 2, None]
    """
    n = len(frame)
    zones: list[int | None] = [None] * n
    if "job_zone" in frame.columns:
        zones = job_zone_values(frame["job_zone"])
    if onet is not None and "onetsoc_code" in frame.columns:
        lookup = job_zone_lookup(onet)
        for i, code in enumerate(frame["onetsoc_code"].tolist()):
            if zones[i] is None:
                zones[i] = lookup.get(str(code))
    return zones


def task_dwas_for(frame: pd.DataFrame, onet) -> list[list[tuple[str, str]]]:
    """``[(dwa_id, iwa_id), ...]`` of each row (empty lists without ``onet`` or keys).

    Examples
    --------
    >>> task_dwas_for(pd.DataFrame({"task": ["Weld."]}), None)
    [[]]
    """
    if onet is None or not has_keys(frame):
        return [[] for _ in range(len(frame))]
    links, dwa_to_iwa = task_dwa_links(onet)
    pairs: dict[str, tuple[str, str]] = {}
    for dwas in links.values():
        for d in dwas:
            if d not in pairs:
                pairs[d] = (d, dwa_to_iwa.get(d, ""))
    empty: list[str] = []
    return [[pairs[d] for d in links.get(k, empty)] for k in task_keys(frame)]
