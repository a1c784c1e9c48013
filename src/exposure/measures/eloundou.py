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
  outside the schema raises an error naming the file, line and column. With ``gpt4=False``
  (what training reads) GPT-4's four columns are not read, and a file of one's own human
  labels without them is read: the first six columns above.
- :func:`read_occ_level` (:func:`load_occ_level`) returns
  :class:`~exposure.schemas._labels.EloundouOccupationScores`: ``onetsoc_code``,
  ``title`` and ``{labeler}_{measure}`` for each labeler of :data:`LABELERS` and measure
  alpha, beta, gamma (``human_beta`` is the file's ``human_rating_beta``, ``gpt4_beta``
  its ``dv_rating_beta``).
- :data:`LABELERS` names the task label column of each labeler.
- :func:`check_task_labels` applies the rules of that schema which a join on the task key
  needs (the key columns, integer task IDs, each key once, labels E0/E1/E2) to a labels
  frame the caller built, naming the argument, the row (counted from 1) and the column.
"""

from __future__ import annotations

import csv
import logging
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import check_flag, check_names, check_path, choice_hint
from exposure._measures import LABELS, label_hint
from exposure._tables import (
    check_published_separator,
    first_repeat_of,
    footnote_start,
    index_hint,
    read_above,
    read_text_table,
    task_id_numbers,
)
from exposure.errors import DataFormatError, SchemaError
from exposure.fetch import fetch
from exposure.measures import _common
from exposure.schemas import validate
from exposure.schemas._fields import ONETSOC_PATTERN, TASK_TYPES, code_hint
from exposure.schemas._labels import EloundouOccupationScores, EloundouTaskLabels

__all__ = [
    "LABELERS",
    "LABELS_NAME",
    "GPT4_COLUMNS",
    "OCC_LEVEL_NAME",
    "read_task_labels",
    "labels_location",
    "read_occ_level",
    "check_task_labels",
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


def _read(path, sep: str, columns: dict, *, index: bool = False) -> pd.DataFrame:
    """The file's ``columns`` (keyed by their names in the file), every cell a string or missing.

    Read by the shared :func:`exposure._tables.read_text_table` (quoted cells, as the files
    quote a task holding quotes): the header is row 1 and frame row ``i`` is row ``i + 2``
    of the file. It refuses a missing, empty, HTML or non-UTF-8 file, a line with too few
    fields (a truncated line was read with its last cells missing) or too many (pandas'
    ``Error tokenizing data``, without a row), an empty line before the last row, a column
    read that the header names twice, and a missing column (header names are matched
    whatever their case and spacing); a file separated otherwise (the label file saved
    comma-separated, the occupation file with semicolons:
    :func:`exposure._tables.check_published_separator`) is refused on row 1, saying so. A
    header without rows is refused here (an empty table was returned); footnote lines ending the
    occupation file (``Source: ...``, :func:`exposure._tables.footnote_start`) are left out
    (they were ``too few fields ... (truncated file or line?)``); lines of separators
    only ending the file (rows a spreadsheet cleared: :func:`_separator_tail`) are
    ignored. An empty cell, or a blank one (spaces only), is missing. The label file's unnamed first column (its index) is not read,
    so a file saved without it is read as well; ``index`` is kept for the callers.
    """
    path = check_path(path, "path")  # None: a pathlib TypeError before
    try:  # a missing, unreadable or binary file is left to read_text_table, which names it
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        head = b"\x00"
    # the label file saved comma-separated was "missing column(s) ... found: ',O*NET-SOC Code,...'"
    if b"\x00" not in head and not head.lstrip().startswith(b"<"):  # (an HTML page is named below)
        # another table saved otherwise is told its missing columns ("check that it is the right file")
        check_published_separator(head.decode("utf-8-sig", "replace"), sep, path,
                                  columns={name: name for name in columns})

    def read(file):
        return read_text_table(file, {name: name for name in columns}, sep=sep, quoting=csv.QUOTE_MINIMAL)

    try:
        raw = read(path)
    except DataFormatError as exc:
        # a note below the occupation file's table ('Source: ...') was "too few fields ... (truncated
        # file or line?)": left out, as the other measures' CSV readers leave it out (_common.read_csv)
        start = footnote_start(path, exc) if sep == "," else None
        if start is None:
            raise
        raw = read_above(path, start, read, logger)
    frame = raw.frame
    # a blank cell (spaces only) is empty, as the checks of the labels take it: it was kept as the
    # value ' ' (a gpt4_automation label ' ' without a word; pandera's words on 'task_type')
    blank = frame.apply(lambda c: c.str.strip() == "")
    frame = frame.mask(blank).reset_index(drop=True)[list(columns)]
    frame = frame.iloc[:len(frame) - _separator_tail(path, sep, frame)]
    if frame.empty:  # a header only: an empty table was returned
        raise DataFormatError("no rows below the header (row 1)", path=path)
    return frame


def _separator_tail(path, sep: str, frame: pd.DataFrame) -> int:
    """How many records ending ``frame`` (read from ``path``) are lines of separators only.

    Excel and LibreOffice write such a line (``,,,,,,,``, or tabs) for a row of the sheet's
    used range whose cells were cleared; the readers of the other published measures
    ignore them at the end of a file (:func:`exposure.measures._common.read_csv`), and so
    do these: the occupation file was refused as ``missing O*NET-SOC code`` on such a
    line. Empty lines are not counted (they are no records). A record whose
    cells read are empty but whose line holds anything else (the label file's index) is
    no such line: it is refused as before.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "occ.csv"
    >>> _ = p.write_text("a,b\\n1,2\\n,\\n,\\n\\n")
    >>> _separator_tail(p, ",", pd.DataFrame({"a": ["1", None, None], "b": ["2", None, None]}))
    2
    """
    empty = frame.isna().all(axis=1).to_numpy(dtype=bool)
    records = len(empty) if empty.all() else int(empty[::-1].argmin())  # empty records ending it
    if not records:
        return 0
    try:
        text = Path(path).read_bytes().decode("utf-8-sig", "replace")
    except OSError:
        return 0
    lines = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip(" ")]  # (tabs: the label file's)
    count = 0
    for line in reversed(lines):
        if line.strip(sep + " \t") or count == records:
            break
        count += 1
    return count


def _codes(frame: pd.DataFrame, path, *, unique: bool) -> pd.Series:
    """The ``O*NET-SOC Code`` column checked (stripped), naming the file's column, not ``onetsoc_code``."""
    return _common.check_codes(frame["O*NET-SOC Code"], ONETSOC_PATTERN, path, "O*NET-SOC Code",
                               what="O*NET-SOC code", example="11-1011.00", unique=unique, article="an")


def labels_location(labels, labels_path) -> tuple[str, int]:
    """``(name, row_offset)`` for the warnings on ``labels``: the labels file's lines, or its rows.

    ``labels_path`` (the file :func:`read_task_labels` read
    ``labels`` from: its row ``i`` is line ``i + 2``, the header line 1) is named with the
    file's lines while ``labels`` keeps the index it was read with (``0 .. n - 1``); else
    (no path, or rows filtered or reordered since) the rows are named as
    :func:`exposure.reports.rubric.checked_labels` names them: ``labels``, counted from 1.
    For the warnings and errors of the rubric and agreement reports and of
    :func:`exposure.scoring._train.train_learned`.

    Examples
    --------
    >>> frame = pd.DataFrame({"task_id": [5, 6, 7]})
    >>> labels_location(frame, "l.tsv"), labels_location(frame.iloc[1:], "l.tsv"), labels_location(frame, None)
    (('l.tsv', 2), ('labels', 1), ('labels', 1))
    """
    if labels_path is not None and isinstance(labels, pd.DataFrame) and labels.index.equals(
            pd.RangeIndex(len(labels))):
        return os.fspath(check_path(labels_path, "labels_path")), 2
    return "labels", 1


#: The label file's columns of codes (labels, flags, task types) where ``NA`` is R's missing value.
_R_MISSING = ("Task Type", "human_exposure_agg", "gpt4_exposure", "gpt4_exposure_alt_rubric", "gpt_3_relevant",
              "gpt4_automation")

#: The label file's columns of GPT-4's labels, not read by ``read_task_labels(path, gpt4=False)``.
GPT4_COLUMNS = ("gpt4_exposure", "gpt4_exposure_alt_rubric", "gpt_3_relevant", "gpt4_automation")


def read_task_labels(path, *, gpt4: bool = True) -> pd.DataFrame:
    """Read ``full_labelset[_train].tsv`` into :class:`~exposure.schemas._labels.EloundouTaskLabels`.

    The file is tab-separated with an unnamed index column (a file saved without it is
    read as well); ``Task ID`` is written as a float (``20699.0``) and becomes an integer.

    Parameters
    ----------
    path : str or os.PathLike
        The label file.
    gpt4 : bool, default True
        Read GPT-4's labels too (:data:`GPT4_COLUMNS`). With False, a file of human labels
        alone is read: the columns ``O*NET-SOC Code``, ``Task ID``, ``Task``, ``Task Type``,
        ``Title`` and ``human_exposure_agg``, checked as with True; GPT-4's columns are not
        read, whether the file has them or not (what training reads:
        :func:`exposure.scoring._train.train_and_save`). A file of one's own human labels
        was refused as lacking ``gpt4_exposure``, ``gpt4_exposure_alt_rubric``,
        ``gpt_3_relevant`` and ``gpt4_automation``, which training never reads.

    Returns
    -------
    pandas.DataFrame
        Columns ``onetsoc_code, task_id, task, task_type, title, human_exposure_agg,
        gpt4_exposure, gpt4_exposure_alt_rubric, gpt_3_relevant, gpt4_automation`` (see
        the module docstring for their types; the first six only with ``gpt4=False``),
        one row per task in file order.

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` not a str or os.PathLike (None, bytes: named ``path``); missing file or
        column, a header without rows, a column read named twice, a line with too few or
        too many fields, an empty line before the last row, a missing or malformed
        O*NET-SOC code, a task ID that is not an integer from 0
        to 2**63 - 1, a ``gpt_3_relevant`` other than True/False (in any case: ``TRUE`` as a
        spreadsheet writes it is read), or a value outside the
        schema (:class:`~exposure.errors.SchemaError`: a missing task or title, a missing
        label or one other than E0/E1/E2, a task type other than Core/Supplemental, a
        ``gpt4_automation`` other than T0-T4), naming the file line and column (as the
        file names it: ``O*NET-SOC Code``, ``Task ID``, ``Title``); a file separated
        otherwise (saved comma-separated), on row 1. A blank cell (spaces only) is an empty
        one: missing where a column may be (``Task Type``, ``gpt4_automation``, ...), refused
        where it may not (a ``gpt4_automation`` of ``' '`` was kept as that label). So is
        ``NA`` (R's missing value, as ``write_tsv`` writes an empty cell) in the columns of
        labels, flags and task types (``Task Type``, ``gpt4_automation``, ...): it was refused
        as a value ``'NA'``. ``gpt4`` not True or False.

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

    A file of one's own human labels, without GPT-4's, for training:

    >>> _ = p.write_text("O*NET-SOC Code\\tTask ID\\tTask\\tTask Type\\tTitle\\thuman_exposure_agg\\n"
    ...                  "11-1011.00\\t8823\\tDirect budgets.\\tCore\\tChief Executives\\tE1\\n")
    >>> read_task_labels(p, gpt4=False).columns.tolist()
    ['onetsoc_code', 'task_id', 'task', 'task_type', 'title', 'human_exposure_agg']
    """
    check_flag(gpt4, "gpt4")
    columns = {name: col for name, col in _LABEL_COLUMNS.items() if gpt4 or col not in GPT4_COLUMNS}
    frame = _read(path, "\t", columns, index=True)
    for col in _R_MISSING:  # R's NA (write_tsv, write.table) where a cell was empty: refused as 'NA' before
        if col in frame.columns:
            frame[col] = frame[col].where(frame[col].str.strip() != "NA")
    frame["O*NET-SOC Code"] = _codes(frame, path, unique=False).to_numpy()
    frame = frame.rename(columns=_LABEL_COLUMNS)
    ids = _task_ids(frame["task_id"], path)
    _common.check_range(ids, path, "Task ID", what="task ID")  # -8823: pandera's words before
    frame["task_id"] = ids.astype("int64")
    if gpt4:
        flag = frame["gpt_3_relevant"]
        # any case: a file re-saved by Excel or LibreOffice writes TRUE / FALSE (refused before)
        read = flag.str.lower().map({"true": True, "false": False})
        bad = flag.notna() & read.isna()
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise DataFormatError(f"expected True or False, got {flag.iloc[row]!r}",
                                  path=path, row=row + 2, column="gpt_3_relevant")
        frame["gpt_3_relevant"] = read.astype("boolean")
    _check_label_values(frame, path)
    # a task given twice was pandera's "check multiple_fields_uniqueness: '(the row)'", naming no column
    repeat = first_repeat_of(frame, ["onetsoc_code", "task_id"])
    if repeat is not None:
        again, first = repeat
        raise DataFormatError(f"task {int(frame['task_id'].iloc[again])} of {frame['onetsoc_code'].iloc[again]} is "
                              f"given twice (rows {first + 2} and {again + 2}): keep one row per task",
                              path=path, row=again + 2, column="Task ID")
    if gpt4:
        return validate(frame, EloundouTaskLabels, path=path, row_offset=2)
    # the schema's rules and types for the columns read; GPT-4's, which it requires, stand in
    # as valid values (its label the human one) and are dropped
    stand_in = {"gpt4_exposure": frame["human_exposure_agg"], "gpt4_exposure_alt_rubric": None,
                "gpt_3_relevant": pd.array([pd.NA] * len(frame), dtype="boolean"), "gpt4_automation": None}
    return validate(frame.assign(**stand_in), EloundouTaskLabels, path=path, row_offset=2)[list(frame.columns)]


def _task_ids(text: pd.Series, path) -> pd.Series:
    """The ``Task ID`` cells (text) of label file ``path`` as numbers, as every task ID is read.

    By :func:`exposure._tables.task_id_numbers`, as the task frames' IDs are read: this
    reader's own :func:`pandas.to_numeric` read an ID of 2**53 or more written as a decimal
    (``9007199254740993.0``, a float column) rounded to another task's (``...992``: the two
    tasks were then refused as one task given twice), and 1e20 overflowed. A blank cell is
    refused as such (it was ``task ID nan is not an integer``). Errors name the file, its
    row and the column ``Task ID``.

    Examples
    --------
    >>> _task_ids(pd.Series(["8823.0", " 8823", "8.823e3", "9007199254740993.0"]), "l.tsv").tolist()
    [8823, 8823, 8823, 9007199254740993]
    >>> _task_ids(pd.Series(["8823.0", None]), "l.tsv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: l.tsv, row 3, column 'Task ID': Task ID is blank: every row needs its task's ID (like 8823)
    """
    blank = text.isna().to_numpy(dtype=bool)
    if blank.any():
        raise DataFormatError("Task ID is blank: every row needs its task's ID (like 8823)", path=path,
                              row=int(np.flatnonzero(blank)[0]) + 2, column="Task ID")
    try:
        return task_id_numbers(text, path=path, row_offset=2)
    except DataFormatError as exc:  # the column as the file names it
        raise DataFormatError(exc.reason, path=path, row=exc.row, column="Task ID") from None


#: Label column -> (values allowed, whether it may be empty), as the schema takes them.
_LABEL_VALUES = {
    "task": (None, False),
    "task_type": (tuple(TASK_TYPES), True),
    "title": (None, False),
    "human_exposure_agg": (LABELS, False),
    "gpt4_exposure": (LABELS, False),
    "gpt4_exposure_alt_rubric": (LABELS, True),
    "gpt4_automation": (("T0", "T1", "T2", "T3", "T4"), True),
}


def _check_label_values(frame: pd.DataFrame, path) -> None:
    """Refuse a missing text or label, or a label outside its set, naming the file's row and column.

    A :class:`~exposure.errors.SchemaError` (a value outside the schema), as before.

    The schema refused them in pandera's words (``EloundouTaskLabels validation failed (1
    failure(s)): row 2, column 'title', check not_nullable: nan``, the library's ``title``
    for the file's ``Title``), and took any ``gpt4_automation`` (``T5``; the rubric runs
    T0-T4). Of the problems, the one on the earliest row is raised.

    Examples
    --------
    >>> f = pd.DataFrame({"task": ["Weld."], "task_type": ["Core"], "title": ["Welders"],
    ...                   "human_exposure_agg": ["e1"], "gpt4_exposure": ["E1"],
    ...                   "gpt4_exposure_alt_rubric": [None], "gpt4_automation": [None]})
    >>> _check_label_values(f, "l.tsv")
    Traceback (most recent call last):
    ...
    exposure.errors.SchemaError: l.tsv, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2, got 'e1': write 'E1' (the choices are case-sensitive)
    """
    found = []  # (position, message, column of the file)
    names = {target: source for source, target in _LABEL_COLUMNS.items()}
    for col, (allowed, optional) in _LABEL_VALUES.items():
        if col not in frame.columns:  # GPT-4's labels, not read (read_task_labels(path, gpt4=False))
            continue
        values = frame[col].reset_index(drop=True)
        gap = (values.isna() | (values.astype("string").str.strip() == "")).to_numpy(dtype=bool)
        if not optional and gap.any():
            what = "missing value" if allowed is None else f"missing label ({', '.join(allowed[:-1])} or {allowed[-1]})"
            found.append((int(np.flatnonzero(gap)[0]), what, names[col]))
        if allowed is not None:
            bad = ~gap & ~values.isin(allowed).to_numpy(dtype=bool)
            if bad.any():
                pos = int(np.flatnonzero(bad)[0])
                empty = " (or empty)" if optional else ""
                # 'e2', '2', ' E1' (a human's or GPT-4's label in another case, as its class, with a
                # space), 'core', 't2' were refused with no word of the value to write
                value = values.iloc[pos]
                hint = label_hint(value) if allowed == LABELS else choice_hint(value.strip(), allowed)
                found.append((pos, f"{names[col]} must be {', '.join(allowed[:-1])} or {allowed[-1]}{empty}, "
                              f"got {value!r}{hint}", names[col]))
    if found:
        pos, what, col = min(found, key=lambda f: f[0])
        raise SchemaError(what, path=path, row=pos + 2, column=col)


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

    Raises
    ------
    exposure.errors.DataFormatError
        ``path`` not a str or os.PathLike (named ``path``); missing file or column, a header
        without rows, a column read named twice, a line with too few or too many fields, an
        empty line before the last row, a missing,
        malformed or repeated O*NET-SOC code, a rating that is missing, not a number or
        outside 0-1, or a value outside the schema (:class:`~exposure.errors.SchemaError`);
        file, line and column named as in the file (``dv_rating_alpha``, not ``gpt4_alpha``).

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
    # checked on the file's columns: the schema named gpt4_alpha for dv_rating_alpha, and
    # text raised pandera's TypeError("Invalid comparison ...") without a row
    frame["O*NET-SOC Code"] = _codes(frame, path, unique=True).to_numpy()
    title = frame["Title"].astype("string").str.strip()
    gap = (title.isna() | (title == "")).to_numpy(dtype=bool)
    if gap.any():  # pandera's "check not_nullable: nan" under the library's 'title' before
        raise SchemaError("missing value", path=path, row=int(np.flatnonzero(gap)[0]) + 2, column="Title")
    for col in list(_OCC_COLUMNS)[2:]:
        values = _common.to_float(frame, col, path, share=True)  # shares: '45%' is told the fraction
        gap = values.isna().to_numpy(dtype=bool)
        if gap.any():
            raise DataFormatError("missing value", path=path, row=int(np.flatnonzero(gap)[0]) + 2, column=col)
        _common.check_range(values, path, col, high=1.0, what=f"{col} (a share of tasks, from 0 to 1)")
        frame[col] = values
    _check_occ_order(frame, path)
    return validate(frame.rename(columns=_OCC_COLUMNS), EloundouOccupationScores, path=path, row_offset=2)


def _check_occ_order(frame: pd.DataFrame, path) -> None:
    """Refuse ratings out of order: alpha <= beta <= gamma for each rater (file, row, column named).

    beta adds half the share of E2 tasks to alpha and gamma all of it, so a row with
    alpha above beta, or beta above gamma, holds columns swapped or renamed (a release
    whose columns come in another order): it was read without a word, and the three
    measures of every occupation took each other's values.
    """
    for rater in ("dv_rating", "human_rating"):
        for low, high in (("alpha", "beta"), ("beta", "gamma")):
            a, b = frame[f"{rater}_{low}"].to_numpy(float), frame[f"{rater}_{high}"].to_numpy(float)
            bad = np.flatnonzero(a > b + 1e-6)
            if len(bad):
                pos = int(bad[0])
                raise DataFormatError(f"{rater}_{high} ({b[pos]!r}) is below {rater}_{low} ({a[pos]!r}): "
                                      f"alpha <= beta <= gamma for each occupation; columns swapped or renamed?",
                                      path=path, row=pos + 2, column=f"{rater}_{high}")


def check_task_labels(labels, columns=tuple(LABELERS.values()), *, name: str = "labels") -> pd.DataFrame:
    """Check a task labels frame given by the caller; return its key and label columns.

    The rules of :class:`~exposure.schemas._labels.EloundouTaskLabels` that a join on
    (``onetsoc_code``, ``task_id``) relies on, as :func:`read_task_labels` applies them to
    the published file: the columns ``onetsoc_code``, ``task_id`` and ``columns`` are
    present (once each); every code is of the form ``00-0000.00``; every task ID is an
    integer of 0 or more (text such as ``"8823"`` or a float ``8823.0`` is read as one);
    no (code, task ID) key appears twice; a label is ``E0``, ``E1`` or ``E2``, or missing
    (the task then has no label). Other columns are not looked at. Each rule is one
    vectorised pass; of the problems on rows, the one on the earliest row is raised.

    Parameters
    ----------
    labels : pandas.DataFrame
        E.g. :func:`load_task_labels` output, or a frame built by the caller.
    columns : sequence of str, default the columns of :data:`LABELERS`
        The label columns that will be read.
    name : str, default "labels"
        The argument's name, for the messages.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code`` (as given), ``task_id`` (int64) and ``columns`` (as given), with
        a fresh ``RangeIndex``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``columns`` is not a list of names (one string is refused, not read letter by
        letter); ``labels`` is not a frame, lacks a column (a key held in the index is said
        to be there) or has multi-level or repeated column names (no row), or a row breaks a
        rule: the message starts with ``name`` (as its ``path``), and ``row`` is the row of
        ``labels`` counted from 1 (its position, whatever the index); a label in another
        case, with spaces or written as its class is told the label to write.

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ["8823", 8824],
    ...                        "human_exposure_agg": ["E1", "e0"]})
    >>> check_task_labels(labels, ["human_exposure_agg"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2 (or missing), got 'e0': write 'E0' (the choices are case-sensitive)
    >>> check_task_labels(labels.iloc[:1], ["human_exposure_agg"])["task_id"].tolist()
    [8823]
    >>> check_task_labels(labels.drop(columns="task_id"), ["human_exposure_agg"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels lacks column(s) ['task_id'] (columns: ['onetsoc_code', 'human_exposure_agg'])
    >>> check_task_labels(labels.set_index(["onetsoc_code", "task_id"]), ["human_exposure_agg"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels lacks column(s) ['onetsoc_code', 'task_id'] (columns: ['human_exposure_agg']); 'onetsoc_code', 'task_id' are the index: reset_index() first
    """
    if not isinstance(labels, pd.DataFrame):
        hint = " (read a label file with read_task_labels(path))" if isinstance(labels, (str, os.PathLike)) else ""
        raise DataFormatError(f"{name} must be a pandas DataFrame, e.g. "
                              f"exposure.measures.eloundou.load_task_labels(){hint}, "
                              f"got {type(labels).__name__}")
    if isinstance(labels.columns, pd.MultiIndex):
        raise DataFormatError(f"{name} has multi-level column names; flatten them first")
    needed = ["onetsoc_code", "task_id", *check_names(columns, "columns", "column names")]
    missing = [c for c in needed if c not in labels.columns]
    if missing:  # keys held in the index (set_index(["onetsoc_code", "task_id"])) were not said to be there
        raise DataFormatError(f"{name} lacks column(s) {missing} (columns: {list(labels.columns)})"
                              f"{index_hint(labels, missing)}")
    repeated = [c for c in needed if (labels.columns == c).sum() > 1]
    if repeated:  # the frame first, the column once (was "column 'x': labels: column 'x' appears ...")
        raise DataFormatError("given more than once: keep one", path=name, column=repeated[0])
    frame = labels[list(dict.fromkeys(needed))].reset_index(drop=True)
    found = []  # (row, message, column), rows counted from 1
    codes = frame["onetsoc_code"]
    code_keys, bad_code = _code_keys(codes)
    if bad_code.any():
        first = int(bad_code.argmax())
        value = _plain(codes.iloc[first])
        what = "O*NET-SOC code missing" if pd.isna(value) else (
            f"O*NET-SOC code {value!r} is not of the form 00-0000.00 (e.g. 11-1011.00)"
            f"{code_hint(str(value), ONETSOC_PATTERN)}")  # '15-1252', 151252: the code to write
        found.append((first + 1, what, "onetsoc_code"))
    try:
        ids = task_id_numbers(frame["task_id"])
    except DataFormatError as exc:
        found.append((exc.row, exc.reason, "task_id"))
        ids = None
    if ids is not None:
        given = ids.notna().to_numpy(dtype=bool)
        low = given & (ids < 0).to_numpy(dtype=bool, na_value=False)
        for bad, what in ((~given, "task ID missing"), (low, "task ID {!r} is negative")):
            if bad.any():
                pos = int(bad.argmax())
                found.append((pos + 1, what.format(_plain(frame["task_id"].iloc[pos])), "task_id"))
    for col in columns:
        values = frame[col]
        bad = (values.notna() & ~values.isin(LABELS)).to_numpy(dtype=bool)
        if bad.any():
            pos = int(bad.argmax())
            value = _plain(values.iloc[pos])  # 'e1', 1, ' E1': what to write (no word of it before)
            found.append((pos + 1, f"{col} must be {', '.join(LABELS[:-1])} or {LABELS[-1]} (or "
                          f"missing), got {value!r}{label_hint(value)}", col))
    if ids is not None:  # is any whole key there twice? (codes as their factorized numbers)
        keys = pd.DataFrame({"code": code_keys, "id": ids.to_numpy()})
        whole = (code_keys >= 0) & ids.notna().to_numpy(dtype=bool)
        twice = keys.duplicated().to_numpy(dtype=bool) & whole
        if twice.any():
            pos = int(twice.argmax())
            same = (code_keys == code_keys[pos]) & (ids == ids.iloc[pos]).to_numpy(dtype=bool, na_value=False)
            key = f"({_plain(codes.iloc[pos])}, {int(ids.iloc[pos])})"
            found.append((pos + 1, f"task key {key} is given twice (rows {int(same.argmax()) + 1} and "
                          f"{pos + 1})", "task_id"))
    if found:
        # the frame named first, as the roll-ups' require_frame names it (it was "row 2, column
        # 'onetsoc_code': labels: O*NET-SOC code ...", the row before the frame)
        row, what, col = min(found, key=lambda f: f[0])
        raise DataFormatError(what, path=name, row=int(row), column=col)
    frame["task_id"] = ids.astype("int64")
    return frame


def _code_keys(codes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(keys, bad)``: a number per distinct code (-1 missing), and the rows whose code is not ``00-0000.00``.

    Missing codes are bad too. Each distinct code is matched once.
    """
    try:
        keys, uniques = pd.factorize(codes, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists): match every cell
        keys, uniques = np.arange(len(codes)), codes.to_numpy(dtype=object)
        keys[codes.isna().to_numpy(dtype=bool)] = -1
    ok = pd.Series(uniques).astype("string").str.match(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False)
    return keys, (keys < 0) | ~np.append(ok, False)[keys]


def _plain(value):
    """``value`` for a message: numpy scalars as Python ones."""
    return value.item() if isinstance(value, np.generic) else value


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
