"""Anthropic Economic Index: Claude usage by O*NET task, and automation vs augmentation.

The published files key tasks by ``task_name``, the lower-cased O*NET task text of an
older O*NET release. They are matched to O*NET 29.1 task statements by normalized text
(:func:`normalize_task`: Unicode NFKC, lower case, typographic quotes and dashes made
plain, whitespace collapsed, trailing period dropped). A text found in ``n`` O*NET
occupations gives each ``1/n`` of its usage. At SOC 2018 level (O*NET-SOC code truncated
to 7 characters; O*NET 29.1 uses the 2019 O*NET-SOC taxonomy built on SOC 2018):

- ``anthropic_usage``: the share of all conversations on the code's tasks (sum);
- ``anthropic_automation`` / ``anthropic_augmentation``: usage-weighted mean, over the
  code's tasks, of ``directive + feedback_loop`` and ``task_iteration + validation +
  learning`` (Handa et al. 2025's definitions; ``filtered`` is neither).

Handa K, Tamkin A, McCain M, et al. (2025) Which Economic Tasks are Performed with AI?
Evidence from Millions of Claude Conversations. arXiv:2503.04761. Data CC BY.
"""

from __future__ import annotations

import logging
import re
import unicodedata

import numpy as np
import pandas as pd

from exposure._args import check_flag, check_name, choice_hint, shown
from exposure._tables import first_repeat, norm_task_ids, task_id_numbers
from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.onet import read_tasks
from exposure.schemas import validate
from exposure.schemas._fields import ONETSOC_PATTERN
from exposure.schemas._measures import AnthropicTaskCollaboration, AnthropicTaskUsage

__all__ = [
    "RELEASES",
    "normalize_task",
    "read_task_usage",
    "read_task_collaboration",
    "match_tasks",
    "anthropic_to_soc",
    "load_anthropic",
]

log = logging.getLogger(__name__)

DIR = "reference/anthropic_economic_index/"
TASKS_29_1 = "onet/29.1/Task Statements.txt"
OLDER_TASKS = "onet_task_statements.csv"
#: release -> (usage file or None, collaboration file or None)
RELEASES = {
    "v1": ("onet_task_mappings.csv", None),
    "v2": ("task_pct_v2.csv", "automation_vs_augmentation_by_task_v2.csv"),
    "v3": (None, "automation_vs_augmentation_by_task_v3.csv"),
}
_PATTERNS = ["directive", "feedback_loop", "task_iteration", "validation", "learning", "filtered"]
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalize_task(text: str) -> str:
    """Normalize a task text for matching.

    Parameters
    ----------
    text : str
        A task statement or a published task name.

    Returns
    -------
    str

    Raises
    ------
    exposure.errors.DataFormatError
        ``text`` is not a string (None was ``'none'``, NaN ``'nan'``, a list ``"['x']"``:
        keys that could match another text).

    Examples
    --------
    >>> normalize_task("  Act as  advisers to student organizations. ")
    'act as advisers to student organizations'
    >>> normalize_task("Review clients\u2019 records.") == normalize_task("review clients' records")
    True
    >>> normalize_task(None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: text must be a task text (str), got NoneType None
    """
    check_name(text, "text", "a task text")
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(". ").strip()


def _name(path):
    return "<buffer>" if hasattr(path, "read") else path


def read_task_usage(path, *, percent: bool = True) -> pd.DataFrame:
    """Read a task usage file (``onet_task_mappings.csv`` or ``task_pct_v2.csv``).

    Parameters
    ----------
    path : str or os.PathLike
    percent : bool, default True
        The ``pct`` column is in percent (sums to 100); it is divided by 100.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._measures.AnthropicTaskUsage`.

    Raises
    ------
    exposure.errors.DataFormatError
        ``percent`` is not True or False (``"no"`` was read as True); a missing file or
        column, a file without rows, a missing or repeated task name (also one written
        otherwise: another case, spacing or final period), a ``pct`` that is
        missing, not a number or outside 0-100 (0-1 with ``percent=False``), naming the
        file, row and column; with ``percent=True``,
        a ``pct`` of two rows or more adding up to 1 (fractions, which were divided by 100);
        with ``percent=False``, a ``pct`` adding up to more than 1 (percent); with
        ``percent=True``, a ``pct`` adding up to more than 100.

    Examples
    --------
    >>> import io
    >>> read_task_usage(io.StringIO("task_name,pct\\nact as advisers.,0.5\\n"))
              task_name  usage_share
    0  act as advisers.        0.005
    """
    check_flag(percent, "percent")  # "no" was read as True
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["task_name", "pct"], name)
    names = _task_names(frame["task_name"], name)
    pct = _common.to_float(frame, "pct", name)
    gap = pct.isna().to_numpy(dtype=bool)
    if gap.any():  # named usage_share by the schema
        raise DataFormatError("missing value", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column="pct")
    total = float(pct.sum())
    # the shares of all tasks add up to 100 (percent) or to 1 (fractions); read on the
    # wrong scale they were divided by 100 once too often, or left 100 times too large
    if percent and len(pct) > 1 and abs(total - 1.0) <= 1e-4:
        raise DataFormatError(f"pct adds up to {total:.6g}, not 100: the file gives fractions, "
                              "not percent; read it with percent=False", path=name, column="pct")
    if not percent and total > 1.0 + 1e-4:
        raise DataFormatError(f"pct adds up to {total:.6g}, more than 1: the file gives percent, "
                              "not fractions; read it with percent=True", path=name, column="pct")
    # named usage_share, with the value / 100, by the schema
    _common.check_range(pct, name, "pct", high=100.0 if percent else 1.0,
                        what=f"pct ({'percent' if percent else 'share'} of conversations)")
    if percent and total > 100.0 + 1e-2:  # rows of two releases, or counts: shares read 30% too large without a word
        raise DataFormatError(f"pct adds up to {total:.6g}, more than 100: the shares of conversations of all "
                              "tasks add up to 100 at most (rows of two files, or counts?)", path=name, column="pct")
    share = pct / (100.0 if percent else 1.0)
    out = pd.DataFrame({"task_name": names, "usage_share": share})
    return validate(out, AnthropicTaskUsage, path=name, row_offset=2)


def _task_names(names: pd.Series, path) -> pd.Series:
    """The ``task_name`` column, each name given once and never missing (file, row, column named).

    pandera refused them in its words (``check not_nullable: nan``, ``check
    field_uniqueness``). Two names that :func:`normalize_task` makes one (another case,
    spacing or final period) are refused too: both matched the same O*NET tasks, and the
    task's usage was counted twice. Names are kept as published (matching normalizes them).

    Examples
    --------
    >>> _task_names(pd.Series(["a.", "b.", "a."]), "u.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: u.csv, row 4, column 'task_name': task name 'a.' appears twice (rows 2 and 4)
    """
    names = names.reset_index(drop=True)
    gap = (names.isna() | (names.astype("string").str.strip() == "")).to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing task name", path=path, row=int(np.flatnonzero(gap)[0]) + 2, column="task_name")
    repeat = first_repeat(names)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"task name {names.iloc[pos]!r} appears twice (rows {first + 2} and {pos + 2})",
                              path=path, row=pos + 2, column="task_name")
    # one task written otherwise ('Act as advisers' beside 'act as advisers.') matched the same
    # O*NET tasks twice, and its usage was counted twice
    repeat = first_repeat(names.map(normalize_task))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"task name {names.iloc[pos]!r} is the task of row {first + 2} ({names.iloc[first]!r}) "
                              "written otherwise: its usage would count twice; keep one row per task",
                              path=path, row=pos + 2, column="task_name")
    return names


def read_task_collaboration(path) -> pd.DataFrame:
    """Read ``automation_vs_augmentation_by_task_v*.csv``.

    Shares may fall outside [0, 1] by rounding (1e-6 at most); they are clipped to [0, 1].
    A share below 0 or above 1 beyond that is refused, naming the row and column; so is a
    missing share, and shares of a task adding up to more than 1 (``1 + 1e-4``: they were
    read when automation and augmentation each stayed at most 1) or less than 1 (``1 - 1e-4``: a pattern
    column not read, a row of zeros; the file's other columns, patterns of another release
    such as ``none``, are named). A missing or
    repeated task name is refused, and so is a ``pct`` (the task's share of conversations)
    that is missing (the task's usage came out 0.0), negative or adds up to more than 1
    (it is then in percent). A file without a ``pct`` column gives a missing
    ``usage_share``. Header names are matched whatever their case or spacing, ``pct``
    too (a ``PCT`` column was not read: the usage came out missing).

    Examples
    --------
    >>> import io
    >>> text = ("task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\\n"
    ...         "a.,0.5,0.1,0.1,0.2,0.1,0,0.01\\n")
    >>> read_task_collaboration(io.StringIO(text))[["automation", "augmentation", "usage_share"]]
       automation  augmentation  usage_share
    0         0.6           0.2         0.01
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["task_name", *_PATTERNS], name)
    # the optional pct in another case or spacing ('PCT') too: it was not read, and the usage came out missing
    _common.match_header_case(frame, ["pct"], name)
    out = pd.DataFrame({"task_name": _task_names(frame["task_name"], name)})
    for col in _PATTERNS:
        out[col] = _common.to_float(frame, col, name, share=True)  # shares: '78.57%' is told the fraction
        gap = out[col].isna().to_numpy(dtype=bool)
        if gap.any():  # pandera's "check not_nullable: nan", also under 'automation' (no column of the file)
            raise DataFormatError("missing value", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column=col)
    out["automation"] = out["directive"] + out["feedback_loop"]
    out["augmentation"] = out["task_iteration"] + out["validation"] + out["learning"]
    cols = [*_PATTERNS, "automation", "augmentation"]
    # a share below 0 (beyond rounding) was clipped to 0 after automation had been summed
    for col in _PATTERNS:
        under = (out[col] < -1e-6).to_numpy()
        if under.any():
            pos = int(np.flatnonzero(under)[0])
            raise DataFormatError(f"a share must be 0 or more, got {float(out[col].iloc[pos])!r}",
                                  path=name, row=pos + 2, column=col)
    total = out[_PATTERNS].sum(axis=1)
    # the six shares of a task adding up to more than 1 with automation and augmentation each
    # at most 1 (0.5 + 0.5 and 0.2 + 0.1 + 0.1 + 0.1: 1.5) were read without a word
    over = (out[cols] > 1 + 1e-6).any(axis=1) | (total > 1 + 1e-4)
    if over.any():
        pos = int(np.flatnonzero(over.to_numpy())[0])
        if abs(float(total.iloc[pos]) - 100) <= 1e-2:  # was "shares add up to more than 1"
            raise DataFormatError(f"the shares of the patterns ({', '.join(_PATTERNS)}) add up to 100, not 1: "
                                  "the file gives percent; divide them by 100", path=name, row=pos + 2)
        big = [c for c in _PATTERNS if out[c].iloc[pos] > 1 + 1e-6]
        if big:  # one share past 1 ('78.57'): the column is named, as for a share below 0
            raise DataFormatError(f"a share must be at most 1, got {float(out[big[0]].iloc[pos])!r}",
                                  path=name, row=pos + 2, column=big[0])
        raise DataFormatError(f"the shares of the patterns ({', '.join(_PATTERNS)}) add up to "
                              f"{float(total.iloc[pos]):.6g}, more than 1: each task's shares add up to 1",
                              path=name, row=pos + 2)
    # the shares of the six patterns of a task add up to 1 (filtered included): less is a
    # pattern column not read (a newer release's) or a row of zeros, and the task's
    # automation and augmentation came out too small without a word
    under = (total < 1 - 1e-4).to_numpy(dtype=bool)
    if under.any():
        pos = int(np.flatnonzero(under)[0])
        # a pattern of another release ('none', 'not_classified') is a column of the file that is
        # not read: it was asked whether a pattern column was missing, though all six were there
        other = [str(c) for c in frame.columns if c not in ("task_name", *_PATTERNS, "pct")]
        why = (f"the file's column(s) {other} are not read (patterns of another release?): this reader takes "
               f"the six patterns of releases v2 and v3 only" if other else "a pattern column missing or renamed?")
        raise DataFormatError(f"the shares of the patterns ({', '.join(_PATTERNS)}) add up to "
                              f"{float(total.iloc[pos]):.6g}, not 1: {why}", path=name, row=pos + 2)
    out[cols] = out[cols].clip(0.0, 1.0)
    out["usage_share"] = np.nan
    if "pct" in frame.columns:
        pct = _common.to_float(frame, "pct", name, share=True)  # a share of conversations, from 0 to 1
        gap = pct.isna().to_numpy(dtype=bool)
        if gap.any():  # the task's usage (v3 takes it from this pct) came out 0.0 without a word
            raise DataFormatError("missing value", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column="pct")
        _common.check_range(pct, name, "pct", what="pct (a share of conversations)")
        total = float(pct.sum())
        # shares of conversations add up to 1 at most: in percent (each value below 1, adding
        # up to 100) they passed, and the v3 usage (this pct) was 100 times too large
        if total > 1.0 + 1e-4:
            raise DataFormatError(f"pct adds up to {total:.6g}, more than 1: the file gives percent; divide it "
                                  "by 100", path=name, column="pct")
        out["usage_share"] = pct
    return validate(out, AnthropicTaskCollaboration, path=name, row_offset=2)


def _read_older_tasks(path) -> pd.DataFrame:
    """Read the publisher's O*NET task statements (``onet_task_statements.csv``).

    A missing column of a buffer named the buffer's repr (``<_io.StringIO object at
    0x...>``); it is ``<buffer>``, as the other readers of this module name it. A task
    ID that is no task ID (``88x4``) of a row with a task text is refused here, naming the
    file, its row and the column ``Task ID``, as :func:`match_tasks` refuses it (it was
    ``older, row 2, column 'task_id': ...``, naming the argument of ``match_tasks``, the
    row counted from 1 without the header); a blank one is allowed (it follows to no task).

    Examples
    --------
    >>> import io
    >>> text = "O*NET-SOC Code,Task ID,Task\\n11-1011.00,8823,Direct budgets.\\n11-1011.00,88x4,Hire staff.\\n"
    >>> _read_older_tasks(io.StringIO(text))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: <buffer>, row 3, column 'Task ID': task ID '88x4' is not an integer
    """
    name = _name(path)
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["O*NET-SOC Code", "Task ID", "Task"], name)
    texts = frame["Task"].notna().to_numpy(dtype=bool)  # rows without a text match nothing: not read
    try:
        task_id_numbers(frame["Task ID"].where(texts), path=name, row_offset=2)
    except DataFormatError as exc:  # the column as the file names it
        raise DataFormatError(exc.reason, path=name, row=exc.row, column="Task ID") from None
    return frame.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Task": "task"})


def match_tasks(task_names: pd.Series, onet_tasks: pd.DataFrame, older: pd.DataFrame | None = None) -> pd.DataFrame:
    """Match published task names to O*NET task statements by normalized text.

    Stage 1 matches the text against ``onet_tasks``. Stage 2 (when ``older`` is given)
    takes the names left over, finds their text in ``older`` (the O*NET release the
    publisher used) and follows its ``task_id`` to the same task ID in ``onet_tasks``
    (O*NET keeps task IDs when it edits a statement). Task IDs are compared as the
    library compares them (:func:`exposure._tables.norm_task_id`: ``8823``, ``"8823"``
    and ``8823.0`` are one task), and given as that text in the result. A missing
    task ID is followed to no task (it followed a missing one of the other frame); a
    row of ``onet_tasks`` without one that is matched by its text keeps it missing
    (``None``: it was the task ID ``'nan'``).

    Parameters
    ----------
    task_names : pandas.Series of str
        Published ``task_name`` values.
    onet_tasks : pandas.DataFrame
        O*NET tasks with ``onetsoc_code``, ``task_id``, ``task``.
    older : pandas.DataFrame, optional
        Task statements of the publisher's release, same columns.

    Returns
    -------
    pandas.DataFrame
        One row per (task_name, O*NET task) match: ``task_name``, ``onetsoc_code``,
        ``task_id``, ``split`` (1/n for a name matched to n O*NET rows), ``match``
        ("text" or "task_id"). ``attrs`` holds ``n_names``, ``n_matched``,
        ``n_text`` (stage-1 matches) and ``unmatched``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``task_names`` that is not a Series (a list raised ``AttributeError``) or holds a
        missing name (naming its position, counted from 0); ``onet_tasks`` or ``older``
        that is not a DataFrame with the three columns, that holds one of them twice
        (pandas' ``ValueError`` before), or a task ID of a row with a task
        text that is not a whole number (``9_0``, ``x``, ``1.5``, ``True``: it matched
        no task, or gave a match of task ``'9_0'``), naming the frame, the row (counted
        from 1) and ``task_id`` (:func:`_check_task_ids`).

    Examples
    --------
    >>> onet = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00", "11-1021.00"],
    ...                      "task_id": ["1", "2", "3"],
    ...                      "task": ["Direct budgets.", "Direct budgets.", "Hire staff."]})
    >>> m = match_tasks(pd.Series(["direct budgets.", "fly planes."]), onet)
    >>> m
             task_name onetsoc_code task_id  split match
    0  direct budgets.   11-1011.00       1    0.5  text
    1  direct budgets.   11-1021.00       2    0.5  text
    >>> m.attrs["unmatched"]
    ['fly planes.']
    >>> older = pd.DataFrame({"onetsoc_code": ["11-1021.00"], "task_id": ["3"],
    ...                       "task": ["Hire staff and fly planes."]})
    >>> match_tasks(pd.Series(["hire staff and fly planes."]), onet, older)[["task_id", "match"]]
      task_id    match
    0       3  task_id
    """
    if not isinstance(task_names, pd.Series):
        raise DataFormatError(f"task_names must be a pandas Series of task names, got {shown(task_names)}")
    for arg, frame in (("onet_tasks", onet_tasks), ("older", older)):
        if arg == "onet_tasks" or frame is not None:
            _common.check_table(frame, arg, ["onetsoc_code", "task_id", "task"])
            # a column twice (two tables side by side) raised pandas' ValueError
            _common.check_once(frame, ["onetsoc_code", "task_id", "task"], arg)
            _check_task_ids(frame, arg)
    absent = task_names.isna().to_numpy(dtype=bool)
    if absent.any():  # it was a name 'nan'; two of them raised TypeError in sorted()
        pos = int(np.flatnonzero(absent)[0])
        raise DataFormatError(f"task_names must be task names (str), got {task_names.iloc[pos]!r} at position {pos}")
    names = pd.DataFrame({"task_name": pd.unique(task_names.astype(str))})
    names["key"] = names["task_name"].map(normalize_task)

    def keyed(frame):
        # a task without text matches nothing (its text was the key 'nan')
        out = frame.loc[frame["task"].notna().to_numpy(dtype=bool), ["onetsoc_code", "task_id", "task"]]
        # task IDs compared as task IDs: 8823.0 (a float column, one with a blank cell) was the
        # text '8823.0', which no ID '8823' of the other release matched in stage 2, without a word
        known = out["task_id"].notna().to_numpy(dtype=bool)  # a blank ID is followed to no task in stage 2
        # and stays missing: a text match of a row without an ID gave the task ID 'nan'
        ids = [i if k else None for i, k in zip(norm_task_ids(out["task_id"]), known, strict=True)]
        out = out.astype({"onetsoc_code": str, "task": str}).assign(task_id=pd.Series(ids, index=out.index, dtype=object))
        return out.assign(key=out["task"].map(normalize_task), known=known).drop(columns="task")

    onet = keyed(onet_tasks)
    out = names.merge(onet.drop(columns="known"), on="key", how="left")
    first = out.dropna(subset=["onetsoc_code"]).assign(match="text")
    left = names[~names["task_name"].isin(first["task_name"])]
    parts = [first]
    if older is not None and len(left):
        # a blank ID of older was the ID 'nan', which followed a blank one of onet_tasks: the
        # name was given the occupation of another task without a word
        old = keyed(older)
        ids = left.merge(old.loc[old["known"], ["key", "task_id"]].drop_duplicates(), on="key")
        second = ids.merge(onet.loc[onet["known"], ["onetsoc_code", "task_id"]], on="task_id").assign(match="task_id")
        parts.append(second)
    out = pd.concat(parts, ignore_index=True).drop(columns="key")
    out = out.drop_duplicates(["task_name", "onetsoc_code", "task_id"])
    unmatched = sorted(set(names["task_name"]) - set(out["task_name"]))
    out["split"] = 1.0 / out.groupby("task_name")["task_id"].transform("size")
    out = out[["task_name", "onetsoc_code", "task_id", "split", "match"]]
    out = out.sort_values(["task_name", "onetsoc_code", "task_id"]).reset_index(drop=True)
    out.attrs.update(
        n_names=len(names),
        n_matched=len(names) - len(unmatched),
        n_text=int(first["task_name"].nunique()),
        unmatched=unmatched,
    )
    return out


def _check_task_ids(frame: pd.DataFrame, arg: str) -> None:
    """Refuse a task ID of ``frame`` (``onet_tasks`` or ``older``) that is no task ID, naming the row (from 1).

    IDs are compared as :func:`exposure._tables.norm_task_id` keys, which keep text that is
    no number as it is: ``9_0`` or ``x`` matched no task of the other frame (stage 2 lost
    the task without a word), and a text match gave a task ``'9_0'``. A missing ID is
    allowed (a float column with a blank cell); :func:`match_tasks` follows it to no task.
    Rows without a task text match nothing and are not checked.
    :func:`exposure._tables.task_id_numbers` reads them as the O*NET readers do.

    Examples
    --------
    >>> older = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ["8823", "9_0"], "task": ["a", "b"]})
    >>> _check_task_ids(older, "older")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: older, row 2, column 'task_id': task ID '9_0' is not an integer
    """
    texts = frame["task"].notna().to_numpy(dtype=bool)
    ids = frame["task_id"].reset_index(drop=True)
    task_id_numbers(ids.where(texts), path=arg)  # rows without a text: left missing, not read


def anthropic_to_soc(usage: pd.DataFrame | None, collaboration: pd.DataFrame | None, matches: pd.DataFrame) -> pd.DataFrame:
    """Aggregate task usage and collaboration patterns to SOC 2018 codes.

    Parameters
    ----------
    usage : pandas.DataFrame or None
        Output of :func:`read_task_usage` (``task_name``, ``usage_share``).
    collaboration : pandas.DataFrame or None
        Output of :func:`read_task_collaboration`; its ``usage_share`` weights the means.
    matches : pandas.DataFrame
        Output of :func:`match_tasks`.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``anthropic_usage``, ``anthropic_automation``,
        ``anthropic_augmentation``, ``crosswalk_weight`` (sum of the ``split`` weights of
        the code's matched tasks), ``n_sources`` (matched task rows).

    Raises
    ------
    exposure.errors.DataFormatError
        A frame that is not a DataFrame or lacks one of its columns (``KeyError`` or
        ``AttributeError`` before), or holds one twice; a task name given twice in
        ``usage`` or ``collaboration`` (its usage was counted twice), naming the row
        (counted from 1). The values are checked as the readers check the files
        (:func:`~exposure.measures._common.checked_frame`), naming the frame, the row
        (counted from 1) and the column: a ``usage_share``, ``automation``,
        ``augmentation`` or ``split`` that is missing, not a number (text that is none,
        ``True``) or outside 0-1 (a missing one gave a usage of 0.0, a negative one a
        negative usage), a task name missing, an ``onetsoc_code`` of ``matches`` missing
        or not an O*NET-SOC code (the task was dropped, or its code cut to a SOC code
        ``'banana'``). Numbers written as text are read. The ``split`` values of a task
        adding up to more than 1 (a match given twice, two match tables concatenated: its
        usage counted twice), naming the row that takes the sum past 1
        (:func:`_check_splits`). A ``usage`` or ``collaboration`` none of whose task names
        is in ``matches`` (matches made from other names: every code's figure was NaN,
        without a word; :func:`_check_names_met`).

    Notes
    -----
    Each code's sums run over its rows in the order of :func:`match_tasks` (task name,
    O*NET-SOC code, task ID; :func:`_in_match_order`), whatever the order of the rows
    given: the same frames in another order gave values that differed in the last bit.

    Examples
    --------
    >>> matches = pd.DataFrame({"task_name": ["a", "b", "b"],
    ...     "onetsoc_code": ["11-1011.00", "11-1011.03", "11-1021.00"],
    ...     "task_id": ["1", "2", "3"], "split": [1.0, 0.5, 0.5]})
    >>> usage = pd.DataFrame({"task_name": ["a", "b"], "usage_share": [0.1, 0.4]})
    >>> collab = pd.DataFrame({"task_name": ["a", "b"], "automation": [1.0, 0.0],
    ...     "augmentation": [0.0, 1.0], "usage_share": [0.1, 0.4]})
    >>> out = anthropic_to_soc(usage, collab, matches)
    >>> out[["soc_code", "anthropic_usage", "anthropic_automation"]].round(4)
      soc_code  anthropic_usage  anthropic_automation
    0  11-1011              0.3                0.3333
    1  11-1021              0.2                0.0000
    """
    _common.check_table(matches, "matches", ["task_name", "onetsoc_code", "split"])
    _common.check_once(matches, ["task_name", "onetsoc_code", "split"], "matches")
    shares = {"usage": ["usage_share"], "collaboration": ["automation", "augmentation", "usage_share"]}
    checked = {}
    for arg, frame in (("usage", usage), ("collaboration", collaboration)):
        if frame is not None:
            _common.check_table(frame, arg, ["task_name", *shares[arg]])
            _common.check_once(frame, ["task_name", *shares[arg]], arg)
            _no_repeat(frame["task_name"], arg)
            if arg == "collaboration" and len(frame) and frame["usage_share"].isna().all():
                # read from a file without pct: every automation and augmentation came out missing
                raise DataFormatError("missing on every row (read from a file without a pct column?): the "
                                      "automation and augmentation of a code are means weighted by the usage of "
                                      "its tasks; give the file with pct", path="collaboration", column="usage_share")
            # a share of text raised "Can only string multiply by an integer", True was a share of 1,
            # -0.1 a usage of -0.1; a missing one gave a usage of 0.0 or left the task out of a mean
            checked[arg] = _common.checked_frame(frame, arg, ["task_name"], shares[arg], high=1.0,
                                                 required=shares[arg], unique=False)
    usage, collaboration = checked.get("usage"), checked.get("collaboration")
    # a missing split gave a usage of 0.0; a missing or malformed code dropped the task, or made a code 'banana'
    rows = _common.checked_frame(matches, "matches", ["task_name"], ["split"], high=1.0, required=["split"],
                                 unique=False)
    _check_splits(rows)
    codes = _common.check_codes(rows["onetsoc_code"], ONETSOC_PATTERN, "matches", "onetsoc_code",
                                what="O*NET-SOC code", example="11-1011.00", unique=False, row_offset=1,
                                article="an")
    rows["soc_code"] = codes.str[:7].to_numpy()
    for arg, frame in (("usage", usage), ("collaboration", collaboration)):
        _check_names_met(frame, rows, arg)  # every code's figure was NaN, without a word
    rows = _in_match_order(rows)
    parts = [rows.groupby("soc_code").agg(crosswalk_weight=("split", "sum"), n_sources=("split", "size"))]
    if usage is not None:
        u = rows.merge(usage[["task_name", "usage_share"]], on="task_name", how="inner")
        u["w"] = u["split"] * u["usage_share"]
        parts.append(u.groupby("soc_code")["w"].sum().rename("anthropic_usage"))
    if collaboration is not None:
        c = rows.merge(collaboration[["task_name", "automation", "augmentation", "usage_share"]], on="task_name")
        c["w"] = c["split"] * c["usage_share"]
        g = c.assign(a=c["w"] * c["automation"], b=c["w"] * c["augmentation"]).groupby("soc_code")
        s = g[["w", "a", "b"]].sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            parts.append((s["a"] / s["w"]).where(s["w"] > 0).rename("anthropic_automation"))
            parts.append((s["b"] / s["w"]).where(s["w"] > 0).rename("anthropic_augmentation"))
    out = pd.concat(parts, axis=1).reset_index().rename(columns={"index": "soc_code"})
    for col in ("anthropic_usage", "anthropic_automation", "anthropic_augmentation"):
        if col not in out.columns:
            out[col] = np.nan
    cols = ["soc_code", "anthropic_usage", "anthropic_automation", "anthropic_augmentation", "crosswalk_weight", "n_sources"]
    out = out[cols].sort_values("soc_code").reset_index(drop=True)
    out["n_sources"] = out["n_sources"].astype("int64")
    return out


def _check_names_met(frame: pd.DataFrame | None, matches: pd.DataFrame, arg: str) -> None:
    """Refuse ``frame`` (``usage`` or ``collaboration``, checked) if none of its task names is in ``matches``.

    The figures of a code are sums over its matched task names: matches made from other
    names (another release of the file, names lower-cased or normalised before
    :func:`match_tasks`) gave every code an ``anthropic_usage`` (or automation and
    augmentation) of NaN without a word. Either frame empty is left alone.

    Examples
    --------
    >>> m = pd.DataFrame({"task_name": ["direct budgets."], "split": [1.0]})
    >>> _check_names_met(pd.DataFrame({"task_name": ["Direct budgets."]}), m, "usage")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: usage: none of its 1 task name(s) is a task_name of matches (first: 'Direct budgets.'; matches has 'direct budgets.'): every code's figure would be missing; give matches = match_tasks(usage['task_name'], ...) of the same names, as written
    """
    if frame is None or not len(frame) or not len(matches):
        return
    names = frame["task_name"].astype(str)
    if names.isin(set(matches["task_name"].astype(str))).any():
        return
    raise DataFormatError(
        f"{arg}: none of its {len(names)} task name(s) is a task_name of matches (first: "
        f"{names.iloc[0]!r}; matches has {str(matches['task_name'].iloc[0])!r}): every code's figure "
        f"would be missing; give matches = match_tasks({arg}['task_name'], ...) of the same names, "
        "as written")


def _in_match_order(matches: pd.DataFrame) -> pd.DataFrame:
    """``matches`` (checked) sorted as :func:`match_tasks` sorts them: task name, O*NET-SOC code, task ID, split.

    Each code's usage, automation and augmentation are sums over its rows (and the rows of
    ``usage`` and ``collaboration`` merged into them, which keep this order): summed in
    the caller's row order, the same frames in another order gave values that differed in
    the last bit (``anthropic_usage`` of some 100 SOC codes of the registry's v2). The
    order of :func:`match_tasks`, in which :func:`load_anthropic` sums them, is kept: its
    results are unchanged.

    Examples
    --------
    >>> m = pd.DataFrame({"task_name": ["b", "a"], "onetsoc_code": ["11-1011.00", "11-1011.00"], "split": [1.0, 1.0]})
    >>> _in_match_order(m)["task_name"].tolist()
    ['a', 'b']
    """
    keys = [c for c in ("task_name", "onetsoc_code", "task_id") if c in matches.columns]
    sort = pd.DataFrame({f"k{i}": matches[c].astype(str).to_numpy() for i, c in enumerate(keys)})
    sort[f"k{len(keys)}"] = matches["split"].to_numpy(dtype=float)
    order = sort.sort_values(list(sort.columns), kind="mergesort").index.to_numpy()
    return matches.iloc[order].reset_index(drop=True)


def _check_splits(matches: pd.DataFrame) -> None:
    """Refuse a task of ``matches`` (checked, rows from 1) whose ``split`` values add up to more than 1.

    A task's usage is shared among its O*NET tasks (:func:`match_tasks` gives each of
    ``n`` matches ``1/n``): a match given twice (two match tables concatenated) or a
    task's matches given ``split`` 1 each counted its usage twice without a word
    (``anthropic_usage`` 0.6 for tasks of 0.3 in all). The row named is the one that
    takes the sum past 1 (``1e-9`` of rounding allowed).

    Examples
    --------
    >>> m = pd.DataFrame({"task_name": ["a", "b", "a"], "split": [1.0, 1.0, 1.0]})
    >>> _check_splits(m)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: matches, row 3, column 'split': the splits of task 'a' add up to 2 (rows 1 and 3), more than 1: its usage would count 2 times; give each match once, each task's splits adding up to 1 (match_tasks gives 1/n to each of n matches)
    """
    names = matches["task_name"].astype(str)
    over = (matches["split"].groupby(names, sort=False).cumsum() > 1 + 1e-9).to_numpy(dtype=bool)
    if not over.any():
        return
    pos = int(np.flatnonzero(over)[0])
    same = np.flatnonzero((names == names.iloc[pos]).to_numpy(dtype=bool))
    total = float(matches["split"].iloc[same].sum())
    raise DataFormatError(f"the splits of task {names.iloc[pos]!r} add up to {total:.6g} (rows {same[0] + 1} and "
                          f"{pos + 1}), more than 1: its usage would count {total:.3g} times; give each match once, "
                          "each task's splits adding up to 1 (match_tasks gives 1/n to each of n matches)",
                          path="matches", row=pos + 1, column="split")


def _no_repeat(names: pd.Series, arg: str) -> None:
    """Refuse a task name given twice in frame ``arg``: its usage would be counted twice.

    Examples
    --------
    >>> _no_repeat(pd.Series(["a", "b", "a"]), "usage")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: usage, row 3, column 'task_name': task_name 'a' is given twice (rows 1 and 3): give each task once
    """
    repeat = first_repeat(names)
    if repeat is not None:
        pos, first = repeat
        # the frame named first, as the roll-ups' require_frame names a key given twice (it was
        # "row 3, column 'task_name': usage has task_name 'a' twice (rows 1 and 3)")
        raise DataFormatError(f"task_name {str(names.iloc[pos])!r} is given twice (rows {first + 1} and {pos + 1}): "
                              "give each task once", path=arg, row=pos + 1, column="task_name")


def load_anthropic(release: str = "v2", *, mirror=None, data_dir=None) -> pd.DataFrame:
    """Anthropic Economic Index measures on SOC 2018 codes, matched to O*NET 29.1 tasks.

    Parameters
    ----------
    release : {"v1", "v2", "v3"}, default "v2"
        ``v1``: usage only (``onet_task_mappings.csv``); ``v2``: usage (``task_pct_v2.csv``)
        and collaboration v2; ``v3``: collaboration v3 (its ``pct`` is the usage).

    Returns
    -------
    pandas.DataFrame
        Output of :func:`anthropic_to_soc`. ``attrs`` has ``n_source`` (task names of the
        usage file), ``n_matched`` (matched by text or task ID), ``n_text`` (by text
        alone), ``unmatched`` (all names without a match) and ``usage_matched`` (share of
        usage whose task matched).

    Examples
    --------
    >>> load_anthropic("v4")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: release must be one of ['v1', 'v2', 'v3'], not 'v4'
    >>> import tempfile
    >>> load_anthropic(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/anthropic_economic_index/task_pct_v2.csv: not found in mirror ...
    """
    if not isinstance(release, str) or release not in RELEASES:  # a list is unhashable
        # 'V2' was told the releases only, not what to write
        raise DataFormatError(f"release must be one of {sorted(RELEASES)}, not {release!r}"
                              f"{choice_hint(release, RELEASES)}")
    usage_file, collab_file = RELEASES[release]
    usage = collab = None
    source = []
    if usage_file:
        path = _common.resolve(DIR + usage_file, mirror=mirror, data_dir=data_dir)
        usage = read_task_usage(path)
        source.append(str(path))
    if collab_file:
        path = _common.resolve(DIR + collab_file, mirror=mirror, data_dir=data_dir)
        collab = read_task_collaboration(path)
        source.append(str(path))
        if usage is None:
            usage = collab[["task_name", "usage_share"]]
    names = pd.concat([d["task_name"] for d in (usage, collab) if d is not None]).drop_duplicates()
    onet = read_tasks(_common.resolve(TASKS_29_1, mirror=mirror, data_dir=data_dir))
    older = _read_older_tasks(_common.resolve(DIR + OLDER_TASKS, mirror=mirror, data_dir=data_dir))
    matches = match_tasks(names, onet, older)
    if matches.empty:
        raise DataFormatError(
            "no task name matches an O*NET 29.1 task statement", path=source[0], column="task_name"
        )
    out = anthropic_to_soc(usage, collab, matches)
    matched = usage["task_name"].isin(matches["task_name"])
    by_text = usage["task_name"].isin(matches.loc[matches["match"] == "text", "task_name"])
    out.attrs.update(
        source_file=";".join(source),
        n_source=len(usage),
        n_matched=int(matched.sum()),
        n_text=int(by_text.sum()),
        unmatched=matches.attrs["unmatched"],
        usage_matched=float(usage.loc[matched, "usage_share"].sum() / usage["usage_share"].sum()),
    )
    log.info(
        "Anthropic %s: %d of %d task names matched O*NET 29.1 (%.1f%% of usage)",
        release, out.attrs["n_matched"], out.attrs["n_source"], 100 * out.attrs["usage_matched"],
    )
    return out
