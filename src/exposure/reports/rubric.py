"""Agreement of the ``rubric`` scorer with the human and GPT-4 labels: the report.

:func:`rubric_agreement` scores the labelled tasks of Eloundou et al. (2023) with
:func:`exposure.scoring.rubric.score_rubric` and compares the result with each published
label, at the task level (label shares, accuracy, Cohen's kappa) and the occupation level
(Pearson r of alpha, beta, gamma: :func:`exposure.scoring._evaluate.occupation_means`).
:func:`write_rubric_agreement` writes it (``exposure report rubric`` runs it, into
``data/processed/reports/rubric_agreement.csv``).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from exposure._args import check_path
from exposure._io import check_output_path, write_csv
from exposure._measures import CORE_WEIGHT, EXPOSURE_MEASURES, LABELS, OTHER_WEIGHT, label_hint
from exposure._outdir import OutputPathError, refuse_spaces
from exposure._tables import first_repeat, task_id_numbers
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import refuse_read_folders
from exposure.measures._crosswalk import check_once
from exposure.measures.eloundou import labels_location
from exposure.schemas._fields import ONETSOC_PATTERN, code_hint
from exposure.scoring import PROBA_COLUMNS
from exposure.scoring._evaluate import cohen_kappa, occupation_means
from exposure.scoring._inputs import without_views
from exposure.scoring._train import check_label_task_types
from exposure.scoring.rubric import rubric_scores

__all__ = ["REFERENCES", "rubric_agreement", "write_rubric_agreement"]

logger = logging.getLogger(__name__)

#: Reference name -> label column of :func:`exposure.measures.eloundou.read_task_labels`.
REFERENCES = {"human": "human_exposure_agg", "gpt4": "gpt4_exposure"}


def checked_labels(labels, columns, also=(), *, name: str = "labels", onet_codes: bool = True) -> pd.DataFrame:
    """Check a task labels frame read by a report; return it with integer task IDs and a fresh index.

    The rules of :func:`exposure.measures.eloundou.check_task_labels`, with every label
    present: ``labels`` a frame with the columns ``onetsoc_code``, ``task_id``,
    ``columns`` (the labels compared) and ``also`` (the other columns read), each once; a
    code on every row (of the form ``00-0000.00`` with ``onet_codes``); an integer task ID
    of 0 or more on every row (``"8823"`` and ``8823.0`` are 8823); no (code, task ID)
    twice; every label ``E0``, ``E1`` or ``E2``; at least one row. A blank code (``""``,
    ``" "``) is a missing one; a code with white space around it (``" 11-1011.00"``) is
    refused (without ``onet_codes`` it made an occupation apart). A GPT-4 label
    ``'e1'``, ``' E1'`` or missing was dropped from the GPT-4 row without a word, a task
    listed twice counted twice, a missing code became an occupation ``'nan'``, a missing
    column raised ``KeyError``.

    Parameters
    ----------
    labels : pandas.DataFrame
        E.g. :func:`exposure.measures.eloundou.load_task_labels` output. Columns of Arrow's
        ``string_view`` (Polars, DuckDB) are read as ``large_string``.
    columns : sequence of str
        The label columns the report compares.
    also : sequence of str
        Other columns it reads (``task``, ``task_type``, ``title``).
    name : str, default "labels"
        The argument's name, for the messages.
    onet_codes : bool, default True
        Codes must be O*NET-SOC codes; False: any text groups the tasks into occupations
        (the rubric's report takes made-up keys).

    Returns
    -------
    pandas.DataFrame
        ``labels`` with a ``RangeIndex`` and ``task_id`` as int64.

    Raises
    ------
    exposure.errors.DataFormatError
        Naming the row (its position, counted from 1) and the column where one is at fault.
        A column missing that the frame holds under another name (the published file's
        ``O*NET-SOC Code``, ``Task ID``, ``Task Type``; R's ``O.NET.SOC.Code``) or as a
        level of its index is named with the renaming, or the ``reset_index``, that reads it
        (:func:`_spelt_otherwise`: the columns alone were listed).

    Examples
    --------
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2],
    ...                        "task": ["Plan budgets.", "Meet boards."], "human_exposure_agg": ["E1", None]})
    >>> checked_labels(labels, ["human_exposure_agg"], ["task"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: labels, row 2, column 'human_exposure_agg': human_exposure_agg is missing: every task of the report needs its label
    """
    if not isinstance(labels, pd.DataFrame):  # None: "not subscriptable" before
        raise DataFormatError(f"{name} must be a pandas DataFrame, e.g. "
                              f"exposure.measures.eloundou.load_task_labels(), got {type(labels).__name__}")
    if isinstance(labels.columns, pd.MultiIndex):
        raise DataFormatError(f"{name} has multi-level column names; flatten them first")
    needed = list(dict.fromkeys(["onetsoc_code", "task_id", *columns, *also]))
    missing = [c for c in needed if c not in labels.columns]
    if missing:  # a KeyError before
        raise DataFormatError(f"{name} lacks column(s) {missing} (columns: {list(labels.columns)})"
                              f"{_spelt_otherwise(labels, missing, name)}")
    check_once(labels, needed, name)  # named first, the column once
    if labels.empty:  # NaN figures and numpy warnings before
        raise DataFormatError(f"{name} has no rows: no task to compare")
    # Arrow's string_view (Polars, DuckDB): ``NotImplementedError: string_view`` from inside pandas
    frame = without_views(labels).reset_index(drop=True)
    codes = frame["onetsoc_code"]
    # a blank code ("", " ") is none: it passed as an occupation key, and was refused later
    # as "codes row 3: the occupation code is missing", naming no frame nor column
    gaps = codes.astype("string").str.strip().eq("").to_numpy(dtype=bool, na_value=True)
    if gaps.any():
        raise DataFormatError("O*NET-SOC code missing", path=name, row=int(gaps.argmax()) + 1, column="onetsoc_code")
    if not onet_codes:
        # white space around a key (" 11-1011.00", "11-1011.00\u00a0": a cell of a spreadsheet)
        # made an occupation apart from the one spelt without it, without a word (a code of the
        # form 00-0000.00 is refused below)
        text = codes.astype("string")
        padded = text.ne(text.str.strip()).to_numpy(dtype=bool, na_value=False)
        if padded.any():
            pos = int(padded.argmax())
            raise DataFormatError(f"O*NET-SOC code {_plain(codes.iloc[pos])!r} has white space around it "
                                  f"(an occupation apart from {text.iloc[pos].strip()!r}); remove it",
                                  path=name, row=pos + 1, column="onetsoc_code")
    if onet_codes:
        bad = ~codes.astype("string").str.fullmatch(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False)
        if bad.any():
            pos = int(bad.argmax())
            value = _plain(codes.iloc[pos])
            # '15-1252.1' or '15-1252' was refused without the code to write, as the scorers give it
            raise DataFormatError(f"O*NET-SOC code {value!r} is not of the form 00-0000.00 (e.g. "
                                  f"11-1011.00){code_hint(str(value), ONETSOC_PATTERN)}", path=name,
                                  row=pos + 1, column="onetsoc_code")
    ids = task_id_numbers(frame["task_id"], path=name)  # text, fractions, bools refused, naming the row
    for bad, what in ((ids.isna(), "task ID missing"), (ids < 0, "task ID {!r} is negative")):
        bad = bad.to_numpy(dtype=bool, na_value=False)
        if bad.any():
            pos = int(bad.argmax())
            raise DataFormatError(what.format(_plain(frame["task_id"].iloc[pos])), path=name, row=pos + 1,
                                  column="task_id")
    repeat = first_repeat(codes.astype(str) + "|" + ids.astype("int64").astype(str))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"task key ({_plain(codes.iloc[pos])}, {int(ids.iloc[pos])}) is given twice "
                              f"(rows {first + 1} and {pos + 1})", path=name, row=pos + 1, column="task_id")
    for col in columns:
        values = frame[col]
        gaps = values.isna().to_numpy(dtype=bool)
        if gaps.any():
            raise DataFormatError(f"{col} is missing: every task of the report needs its label", path=name,
                                  row=int(gaps.argmax()) + 1, column=col)
        bad = ~values.isin(LABELS).to_numpy(dtype=bool)
        if bad.any():
            pos = int(bad.argmax())
            value = _plain(values.iloc[pos])  # "e1", " E1", 1: the label to write (the label files' advice)
            raise DataFormatError(f"{col} must be {', '.join(LABELS[:-1])} or {LABELS[-1]}, got "
                                  f"{value!r}{label_hint(value)}", path=name, row=pos + 1, column=col)
    return frame.assign(task_id=ids.astype("int64").to_numpy())


def _name_key(name) -> str:
    """A column name without case, spaces or marks (``O*NET-SOC Code``, R's ``O.NET.SOC.Code``: ``onetsoccode``)."""
    return re.sub(r"[\W_]+", "", str(name).casefold())


def _spelt_otherwise(labels: pd.DataFrame, missing, name: str) -> str:
    """Advice for the ``missing`` columns that ``labels`` holds under other names or in its index.

    The published file read as it is (``pd.read_csv(path, sep="\\t")``: ``O*NET-SOC Code``,
    ``Task ID``, ``Task Type``), a save by R (``O.NET.SOC.Code``) or a frame indexed by its
    keys was refused as lacking the columns, with no word of the columns it has under
    other names: the message now says how to rename them, or to reset the index.

    Examples
    --------
    >>> frame = pd.DataFrame(columns=["O*NET-SOC Code", "Task ID", "Task", "human_exposure_agg"])
    >>> _spelt_otherwise(frame, ["onetsoc_code", "task_id", "task"], "labels")
    "; it has them under other names: labels.rename(columns={'O*NET-SOC Code': 'onetsoc_code', 'Task ID': 'task_id', 'Task': 'task'}) (exposure.measures.eloundou.read_task_labels reads the published file so)"
    """
    columns = {}
    for column in labels.columns:
        columns.setdefault(_name_key(column), column)
    renames = {columns[_name_key(c)]: c for c in missing if _name_key(c) in columns}
    levels = {_name_key(n): n for n in labels.index.names if n is not None}
    indexed = [levels[_name_key(c)] for c in missing if _name_key(c) in levels and columns.get(_name_key(c)) is None]
    advice = ""
    if renames:
        advice += (f"; it has them under other names: {name}.rename(columns={renames!r}) "
                   "(exposure.measures.eloundou.read_task_labels reads the published file so)")
    if indexed:
        advice += (f"; {', '.join(repr(n) for n in indexed)} {'is a level' if len(indexed) == 1 else 'are levels'} "
                   f"of its index: {name}.reset_index() makes {'it a column' if len(indexed) == 1 else 'them columns'}")
    return advice


def _plain(value):
    """``value`` for a message: numpy scalars as Python ones."""
    return value.item() if isinstance(value, np.generic) else value


def _pearson(a, b) -> float:
    """Pearson r of two occupation-level series; NaN below three occupations or for a constant one.

    Two occupations gave r = +1 or -1 whatever the scores (reported as a perfect 1.0), one
    occupation or a constant series NaN with numpy's warnings; the agreement report
    (:func:`exposure.scoring._evaluate.agreement`) gives NaN below three occupations.

    Examples
    --------
    >>> _pearson([0.1, 0.5], [0.2, 0.3])
    nan
    >>> round(_pearson([0.1, 0.5, 0.9], [0.2, 0.3, 0.8]), 4)
    0.9333
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def rubric_agreement(labels: pd.DataFrame, *, onet=None, labels_path=None) -> pd.DataFrame:
    """Agreement of the rubric with human (and GPT-4) exposure labels.

    Parameters
    ----------
    labels : pandas.DataFrame
        As returned by :func:`exposure.measures.eloundou.read_task_labels`
        (``onetsoc_code``, ``task_id``, ``task``, ``task_type``, ``human_exposure_agg``;
        ``gpt4_exposure`` optional).
    onet : exposure.onet.OnetRelease or object, optional
        Passed to :func:`~exposure.scoring.rubric.score_rubric`.
    labels_path : str or os.PathLike, optional
        The file ``labels`` was read from (``full_labelset_train.tsv``), for the warnings.

    Returns
    -------
    pandas.DataFrame
        Long table with columns ``reference`` (``rubric``, ``human`` or ``gpt4``),
        ``level`` (``task`` or ``occupation``), ``metric`` (``accuracy``, ``cohen_kappa``,
        ``pearson_r_alpha``/``beta``/``gamma``, ``share_e0``/``e1``/``e2`` of the rubric's
        labels and of the reference), ``value`` (rounded to 4 decimals) and ``n`` (tasks or
        occupations; the Pearson r is NaN below three occupations, where it is +1 or -1
        whatever the scores, or for a constant measure). Occupation-level measures are weighted means over each O*NET-SOC
        occupation's tasks with Core = 2 and Supplemental-or-missing = 1 of the expected
        measures (:data:`exposure._measures.LABEL_SCORES`): of the rubric's probabilities
        and of the reference's labels.

    Raises
    ------
    exposure.errors.DataFormatError
        ``labels`` is not a frame, lacks ``onetsoc_code``, ``task_id``, ``task``,
        ``task_type`` or ``human_exposure_agg``, has no rows, or a row breaks a rule of
        :func:`checked_labels` (a label other than ``E0``, ``E1``, ``E2``, of the human or
        the GPT-4 labels, or missing; a task twice; a missing code or task ID; without
        ``onet`` any non-missing code is an occupation key, with it a code must be of the
        form ``00-0000.00``), or a ``task_type`` other than ``Core``, ``Supplemental`` or
        missing (``"core"`` weighed as Supplemental): the message names the row and the
        column. Such labels raised ``KeyError`` (and
        without ``human_exposure_agg`` only the rubric's label shares were returned).

    Warns
    -----
    With ``onet``, a warning (log) names the first row of the labels whose code the release
    lacks or whose task ID it does not list under that code (labels of another release:
    those tasks are scored from their text alone), as ``score_tasks`` does: ``labels_path``
    and its line (header line 1; while ``labels`` has the index it was read with), else
    ``labels`` and its row counted from 1 (the warning named neither, and its "row 203"
    was no line of the file).

    Examples
    --------
    >>> labels = pd.DataFrame({
    ...     "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00"],
    ...     "task_id": [1, 2, 3, 4],
    ...     "task": ["Write reports.", "Enter data into databases.",
    ...              "Cut lumber with saws.", "Nail boards using hammers."],
    ...     "task_type": ["Core", "Supplemental", "Core", None],
    ...     "human_exposure_agg": ["E1", "E2", "E0", "E0"]})
    >>> table = rubric_agreement(labels)
    >>> table.query("metric in ['accuracy', 'cohen_kappa']")
      reference level       metric  value  n
    6     human  task     accuracy    1.0  4
    7     human  task  cohen_kappa    1.0  4
    """
    where, row_offset = labels_location(labels, labels_path)
    columns = [col for col in REFERENCES.values()
               if col == REFERENCES["human"] or (isinstance(labels, pd.DataFrame) and col in labels.columns)]
    # made-up occupation keys group the tasks; with a release they would look up nothing
    labels = checked_labels(labels, columns, ["task", "task_type"], onet_codes=onet is not None)
    check_label_task_types(labels)
    # labels of another release: their tasks got the text rules alone, without a word
    # (``score_tasks`` says so: one warning line per kind, naming the first row)
    scores = rubric_scores(labels, onet=onet, path=where, row_offset=row_offset)
    proba = scores[list(PROBA_COLUMNS)].to_numpy()
    pred = proba.argmax(axis=1)
    pred_labels = np.array(LABELS)[pred]
    core = labels["task_type"].astype("string").str.strip().eq("Core").fillna(False).to_numpy(bool)
    weights = np.where(core, CORE_WEIGHT, OTHER_WEIGHT)
    codes = labels["onetsoc_code"].astype(str).to_numpy()
    ours = occupation_means(proba, codes, weights)
    index_of = {label: k for k, label in enumerate(LABELS)}
    n = len(labels)
    rows = [("rubric", "task", f"share_{k.lower()}", float(np.mean(pred_labels == k)), n) for k in LABELS]
    for ref, col in REFERENCES.items():
        if col not in labels.columns:
            continue
        truth = labels[col].to_numpy()
        y = np.array([index_of[x] for x in truth], dtype=int)
        for k in LABELS:
            rows.append((ref, "task", f"share_{k.lower()}", float(np.mean(truth == k)), n))
        rows.append((ref, "task", "accuracy", float(np.mean(y == pred)), n))
        rows.append((ref, "task", "cohen_kappa", cohen_kappa(y, pred), n))
        theirs = occupation_means(np.eye(len(LABELS))[y], codes, weights)
        for measure in EXPOSURE_MEASURES:
            rows.append((ref, "occupation", f"pearson_r_{measure}", _pearson(ours[measure], theirs[measure]),
                         len(ours)))
    out = pd.DataFrame(rows, columns=["reference", "level", "metric", "value", "n"])
    out["value"] = out["value"].round(4)
    return out


def write_rubric_agreement(out, *, labels: pd.DataFrame, onet=None, labels_path=None) -> pd.DataFrame:
    """Compute :func:`rubric_agreement` and write it atomically to ``out`` (CSV).

    Parameters
    ----------
    out : str or os.PathLike
        Destination CSV (the docs read ``data/processed/reports/rubric_agreement.csv``,
        computed on the Eloundou et al. train labels with O*NET 29.1).
    labels : pandas.DataFrame
        :func:`exposure.measures.eloundou.read_task_labels` output.
    onet : exposure.onet.OnetRelease, optional
        Passed to :func:`rubric_agreement`.
    labels_path : str or os.PathLike, optional
        The file ``labels`` was read from: named by the warnings, and no ``out``.

    Returns
    -------
    pandas.DataFrame
        The table written.

    Raises
    ------
    exposure.errors.ExposureError
        ``out`` is not a path (None: a ``TypeError`` before), not a ``.csv`` name (CSV
        text was written under ``r.xlsx``) or a path that cannot be written (a directory:
        refused after the scoring; ``labels_path``: the labels were lost under the
        report), checked before the rubric is run; the errors of
        :func:`rubric_agreement`.
    exposure._outdir.OutputPathError
        ``out`` inside the mirror, the download cache's folders or the installed package
        (:func:`exposure.fetch.refuse_read_folders`), or a name with surrounding spaces or
        a line end that names no file (:func:`exposure._outdir.refuse_spaces`: ``r.csv``
        and a space was told to give a name ending in .csv), before the rubric is run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "rubric_agreement.csv"
    >>> labels = pd.DataFrame({"onetsoc_code": ["11-1011.00", "47-2031.00", "47-2031.00"],
    ...     "task_id": [1, 2, 3], "task": ["Write reports.", "Cut lumber.", "Weld pipes."],
    ...     "task_type": ["Core"] * 3, "human_exposure_agg": ["E1", "E0", "E0"]})
    >>> table = write_rubric_agreement(out, labels=labels)
    >>> out.read_text().splitlines()[:2]
    ['reference,level,metric,value,n', 'rubric,task,share_e0,0.6667,3']
    """
    out = check_path(out, "out")
    # "r.csv " was told to give a name ending in .csv (the one given), as write_agreement_report was
    refuse_spaces(str(out), "output path", error=OutputPathError, file=True)
    if out.suffix.lower() != ".csv":
        raise ExposureError(f"{out}: the report is written as CSV; give a file name ending in .csv")
    refuse_read_folders(out, file=True)  # the mirror, the cache, the package: as the CLI
    # a directory, a device: refused after the rubric was run; the labels file: lost under the report
    check_output_path(out, *([] if labels_path is None else [check_path(labels_path, "labels_path")]))
    table = rubric_agreement(labels, onet=onet, labels_path=labels_path)
    write_csv(table, out)
    logger.info("wrote %s", out)
    return table
