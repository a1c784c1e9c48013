"""Task exposure scoring: E0/E1/E2 probabilities, alpha/beta/gamma and task categories.

The rubric is that of Eloundou et al. (2023), "GPTs are GPTs": E0 no exposure; E1 direct
exposure (an LLM alone, through a chat interface, cuts the time of the task by at least
half at equal quality); E2 exposure through LLM-powered software and agents (tools,
retrieval, multi-step workflows). :func:`score_tasks` returns, for every task,
``p_e0, p_e1, p_e2``, the most probable ``label``, ``alpha = p_e1`` (LLM alone),
``beta = p_e1 + 0.5 p_e2``, ``gamma = p_e1 + p_e2`` (LLM plus agents), the category
flags of :func:`exposure.scoring.categories.tag_categories`, and how far to trust the
score: ``confidence`` and, for free text, the closest O*NET task (``nearest_task_id``,
``nearest_onetsoc_code``, ``similarity``; :mod:`exposure.scoring.retrieval`). It returns
the caller's frame (same index, same columns but those named like these, which are
replaced with a warning) with these columns appended;
:func:`task_score_table` turns that into the keyed :class:`TaskScores` table.

Methods
-------
``learned`` (default)
    calibrated linear model trained on the human labels, shipped as a pinned artifact
    (:mod:`exposure.scoring.learned`); free text is grounded in O*NET by retrieval;
``rubric``
    hand-written, explainable rules (:mod:`exposure.scoring.rubric`);
``reference``
    the published human (or GPT-4) labels joined by task ID (:mod:`exposure.scoring.reference`);
    a row whose text is not the statement labelled under its key (the labels' ``task``,
    else ``onet``'s) gets no label, with one warning;
``transformer`` (opt-in, slow)
    free text scored by a fine-tuned sentence encoder (:mod:`exposure.scoring.transformer`),
    O*NET tasks given by id as ``learned`` scores them.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import itertools
import logging
import operator
import threading

import numpy as np
import pandas as pd

from exposure._args import check_choice, check_column
from exposure._measures import CATEGORIES, EXPOSURE_MEASURES, LABEL_LEVELS, LABELS, PROBA_COLUMNS
from exposure._tables import signalling_nan
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import check_location
from exposure.measures import eloundou
from exposure.measures._common import check_frame
from exposure.schemas import validate
from exposure.schemas._fields import ONETSOC_PATTERN
from exposure.schemas._scores import TaskScores
from exposure.scoring._features import normalise_text, normalise_texts
from exposure.scoring._inputs import MIN_TASK_ID as _MIN_TASK_ID  # noqa: F401 (as before)
from exposure.scoring._inputs import (
    OTHER_IDS_MESSAGE as OTHER_IDS_MESSAGE,  # said by every scorer; exposure score and Dask sum it
)
from exposure.scoring._inputs import (
    OTHER_LABELS_MESSAGE as OTHER_LABELS_MESSAGE,  # said by reference; exposure score and Dask sum it
)
from exposure.scoring._inputs import (
    RowNames,
    cell_shown,
    check_columns,
    check_header_rows,
    check_job_zones,
    check_onet,
    check_path_name,
    check_task_ids,
    check_task_types,
    check_text_column,
    check_titles_not_texts,
    frames_unchanged,
    has_keys,
    ids_without_codes,
    key_headers_message,
    missing_occupation_column,
    norm_task_id,
    norm_task_ids,
    onetsoc_code_message,
    other_label_rows,
    padded_choice_hint,
    release_name,
    repeated_index_message,
    task_id_integers,
    task_texts,
    warn_codes_not_read,
    warn_keys_not_read,
    warn_keys_spelled_twice,
    warn_repeated_index,
    with_index_label,
    without_other_ids,
    without_views,
)
from exposure.scoring._inputs import (  # noqa: F401 (as before: exposure.reports imports it)
    check_row_offset as _check_row_offset,
)
from exposure.scoring.categories import (  # noqa: F401 (as before)
    _check_titles,
    _tag_categories,
    _unmarked_texts,
    _warn_near_columns,
    _warn_unread_keys,
    tag_categories,
)
from exposure.scoring.learned import (  # noqa: F401 (as before)
    _score_learned,
    check_model,
    check_release_columns,
    score_learned,
)
from exposure.scoring.reference import (  # noqa: F401 (score_reference as before)
    SOURCES,
    frame_task_ids,
    join_labels,
    label_column,
    score_reference,
)
from exposure.scoring.rubric import _score_rubric
from exposure.scoring.transformer import load_transformer

__all__ = ["METHODS", "PROBA_COLUMNS", "SCORE_COLUMNS", "EVIDENCE_COLUMNS", "TASK_SCORE_COLUMNS",
           "score_tasks", "task_score_table", "check_text_column"]

logger = logging.getLogger(__name__)

#: Scoring methods accepted by :func:`score_tasks`.
METHODS = ("learned", "rubric", "reference", "transformer")
#: How far to trust a score, and the O*NET task a free text was grounded in (``learned``
#: and ``transformer``; missing for the other methods and, except ``confidence``, for
#: O*NET tasks given by id).
EVIDENCE_COLUMNS = ("confidence", "nearest_task_id", "nearest_onetsoc_code", "similarity")
#: Columns of the :class:`~exposure.schemas._scores.TaskScores` table (:func:`task_score_table`).
TASK_SCORE_COLUMNS = ("onetsoc_code", "task_id", *PROBA_COLUMNS, "label", *EXPOSURE_MEASURES,
                      *CATEGORIES, "method")
#: Columns appended by :func:`score_tasks` to the caller's frame.
SCORE_COLUMNS = (*TASK_SCORE_COLUMNS[2:], *EVIDENCE_COLUMNS)


def _normalise_method(method: str, reference_source: str | None) -> tuple[str, str]:
    """``(method, reference source)``; a ``reference-<source>`` method names its source.

    Examples
    --------
    >>> _normalise_method("reference-gpt4", None), _normalise_method("learned", None)
    (('reference', 'gpt4'), ('learned', 'human'))
    >>> _normalise_method("reference-gpt4", "human")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: method 'reference-gpt4' and reference_source 'human' name different labels; give one of them
    >>> _normalise_method("learned", "gpt4")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: reference_source 'gpt4' is read by method 'reference' only (method 'learned' ignores it): give method='reference-gpt4', or leave reference_source out
    >>> _normalise_method(["learned"], None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: method must be one of learned, rubric, reference, transformer, reference-human, reference-gpt4 (str), got list ['learned']
    """
    # a Series raised pandas' "truth value ... is ambiguous"; a list was "unknown method ['learned']"
    check_choice(method, "method", (*METHODS, "reference-human", "reference-gpt4"))
    if reference_source is not None:  # checked for every method: ``learned`` ignored a bad one
        check_choice(reference_source, "reference_source", SOURCES)
        label_column(reference_source)
    if method in ("reference-human", "reference-gpt4"):
        named = method.split("-", 1)[1]
        if reference_source is not None and reference_source != named:  # it was ignored
            raise ExposureError(f"method {method!r} and reference_source {reference_source!r} "
                                "name different labels; give one of them")
        return "reference", named
    if method not in METHODS:
        raise ExposureError(f"unknown scoring method {method!r}; choose one of {', '.join(METHODS)} "
                            "(or reference-human, reference-gpt4)"
                            # " learned" (a shell's quotes, a config file's spaces) was told
                            # the choices only
                            + padded_choice_hint(method, (*METHODS, "reference-human", "reference-gpt4")))
    if reference_source is not None and method != "reference":
        # ``score_tasks(df, reference_source="gpt4")`` returned ``learned``'s scores, without
        # a word (``exposure score --reference-source`` refuses it so)
        raise ExposureError(f"reference_source {reference_source!r} is read by method 'reference' only "
                            f"(method {method!r} ignores it): give method='reference-{reference_source}', "
                            "or leave reference_source out")
    return method, "human" if reference_source is None else reference_source


#: The methods that read ``model`` (``transformer`` for its O*NET rows given by id).
MODEL_METHODS = ("learned", "transformer")


def _check_model_method(model, method: str, name: str = "model") -> None:
    """Refuse a ``model`` given with a method that does not read it (``rubric``, ``reference``).

    ``score_tasks(df, "rubric", model=m)`` returned the rubric's scores, the model ignored
    without a word, while a ``reference_source`` given with another method than
    ``reference`` is refused (:func:`_normalise_method`): now both are. ``name``: the
    argument, for :mod:`exposure.dask` and :mod:`exposure.spark` (``model_path``,
    ``registry``), which ignored them the same way.

    Examples
    --------
    >>> _check_model_method(None, "rubric")
    >>> _check_model_method("models/m.npz", "rubric")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: model is read by methods 'learned' and 'transformer' only (method 'rubric' ignores it): give method='learned', or leave model out
    """
    if model is not None and method not in MODEL_METHODS:
        raise ExposureError(f"{name} is read by methods {' and '.join(map(repr, MODEL_METHODS))} only "
                            f"(method {method!r} ignores it): give method='learned', or leave {name} out")


def _checked_labels(labels, method: str, reference_source: str | None):
    """``labels`` as ``score_tasks`` reads them: checked where they are read, or refused.

    A frame is read by ``reference`` only (:func:`~exposure.measures.eloundou.check_task_labels`,
    of the column of ``reference_source``); anything else than a frame is refused whatever the
    method (``labels=5`` or a path was ignored by ``learned`` and ``rubric``). Columns are
    read as pandas reads them (Arrow's string_view raised ``NotImplementedError`` inside the
    check). The one rule of :func:`score_tasks` and of :mod:`exposure.spark`, which checks
    the labels on the driver.
    """
    labels = without_views(labels)
    if labels is not None and (method == "reference" or not isinstance(labels, pd.DataFrame)):
        labels = eloundou.check_task_labels(labels, [label_column(reference_source)])
    return labels


def score_tasks(
    tasks: pd.DataFrame,
    method: str = "learned",
    *,
    text_column: str = "task",
    occupation_column: str | None = None,
    onet=None,
    labels: pd.DataFrame | None = None,
    reference_source: str | None = None,
    mirror=None,
    data_dir=None,
    model=None,
    path=None,
    row_offset: int = 1,
) -> pd.DataFrame:
    """Score tasks; return ``tasks`` with the :data:`SCORE_COLUMNS` appended.

    Parameters
    ----------
    tasks : pandas.DataFrame
        One row per task with a text column and, where known, ``onetsoc_code``,
        ``task_id`` and an occupation title. Columns of Arrow's ``string_view`` (Polars,
        DuckDB, a Parquet file they wrote) are read as ``large_string``.
    method : {"learned", "rubric", "reference", "transformer"}, default "learned"
        Scorer (``"reference-human"`` / ``"reference-gpt4"`` also accepted).
        ``"transformer"`` (opt-in, about 110-160 texts a second) scores free text with the
        fine-tuned sentence encoder of :mod:`exposure.scoring.transformer`, and O*NET
        tasks given by id as ``learned`` does; it needs the ``transformer`` extra and the
        published weights of all-MiniLM-L6-v2.
    text_column : str, default "task"
        Column of task statements.
    occupation_column : str, optional
        Column of occupation titles (used by ``learned``); default ``"title"`` when present
        (and not the text column). Naming the text column is an error (each text would be
        read as its own title).
    onet : exposure.onet.OnetRelease, optional
        O*NET release (:func:`exposure.load_onet`): enables work-activity features
        (``learned``, ``rubric``) and job-zone / DWA category rules. A release name such
        as ``"29.1"`` is refused (load it first), and so is one of its tables
        (``onet.tasks``), a dict or any object without the ``tasks``, ``task_dwas``,
        ``dwas`` and ``occupations`` frames of a release.
    labels : pandas.DataFrame, optional
        Published labels for ``reference``; default loaded with
        :func:`exposure.measures.eloundou.load_task_labels` (``mirror``, ``data_dir``).
        A frame of the caller needs ``onetsoc_code``, ``task_id`` and the label column of
        the source (``human_exposure_agg`` or ``gpt4_exposure``); it is checked first
        (:func:`exposure.measures.eloundou.check_task_labels`: integer task IDs, each
        key once, labels E0/E1/E2 or missing), and an error names ``labels`` and its row
        counted from 1. A frame is not read by the other methods; anything but a frame
        (a path, a Series) is refused whatever the method.
    reference_source : {"human", "gpt4"}, optional
        Default ``"human"``, or the source a ``reference-<source>`` method names (giving
        another one is an error).
        Which published label ``reference`` uses; given with another method, an error
        (it was ignored: ``learned``'s scores came back for GPT-4's labels).
    mirror, data_dir : optional
        Where to fetch the published labels from (``reference`` only).
    model : exposure.scoring.learned.LearnedModel or str or os.PathLike, optional
        Model of ``learned`` (and of ``transformer``'s O*NET rows); default the shipped
        artifact. A path names an artifact file, loaded (and sha256-verified) by
        :func:`exposure.scoring.learned.load_model`; a path of no file (such as the name
        ``"learned-v1"``) or another type is refused. Given with ``rubric`` or
        ``reference``, which read no model, an error (it was ignored).
    path : str or os.PathLike, optional
        Input file name, for error messages (anything else, or an empty name, is refused).
        Without it, an error about a row of a frame whose index is not the default
        ``0..n-1`` names the row's index label too (``row 2, column 'task': ... (index 20)``).
    row_offset : int, default 1
        Added to 0-based row positions in error messages (1: 1-based rows; 2: line
        numbers of a file with a header line). A whole number of 0 or more (an integral
        float such as ``2.0`` is read as ``2``); anything else is refused.

    Returns
    -------
    pandas.DataFrame
        The caller's frame, same index and columns, followed by ``p_e0, p_e1, p_e2,
        label, alpha, beta, gamma, admin, routine_coding, entry_creative, method`` (the
        score columns of :class:`~exposure.schemas._scores.TaskScores`, validated) and the
        :data:`EVIDENCE_COLUMNS` ``confidence, nearest_task_id, nearest_onetsoc_code,
        similarity``. Other input columns named like a score column are replaced, with
        one warning naming them (:data:`REPLACED_COLUMNS_MESSAGE`; none for a frame that
        holds ``p_e0, p_e1, p_e2``, a scored frame scored again): to keep your own
        ``label`` (human labels, say), rename it first,
        ``score_tasks(df.rename(columns={"label": "my_label"}))``. The text and occupation
        columns must not be so named (an error). So
        ``df.join(score_tasks(df[mask])[["beta"]])`` attaches each score to its own row
        when the index labels are unique (a repeated label is warned of: the join would
        pair it with each of its rows; ``reset_index()`` first);
        :func:`task_score_table` gives the keyed table.

        ``confidence`` (``learned`` and ``transformer``) is the calibrated top-class
        probability times the grounding of the text in O*NET (``min(1, similarity /
        0.35)``); it is near 0 for text that is not a work task, which is also logged as a
        warning. Treat rows under 0.3 as unscored: read the text, map it to an O*NET task
        yourself, or leave it out. ``rubric`` gives no confidence; its rows that no rule
        matched, scored by its prior alone, are warned of (:data:`RUBRIC_PRIORS_MESSAGE`).

    Raises
    ------
    exposure.errors.DataFormatError
        Missing text column, empty or non-string task text, a text without a letter or
        digit (only invisible format characters such as a zero-width space, a NUL, ``-``),
        a text or title holding a lone surrogate (``'\\udc80'``: not a character), a text
        holding UTF-8 read as Windows-1252 or Latin-1 (``customerâ€™s``: mojibake),
        a row whose cells are the column names (a header line repeated: two files joined),
        bad keys (a task ID given as bytes, ``b'18565'``, included), a duplicate
        (``onetsoc_code``, ``task_id``) key (reported in one line, before scoring); a text
        or occupation column named like a score column (``label``), which the scores
        would replace; an ``occupation_column`` naming the text column; a ``path`` that
        is not a file name; ``reference`` without a ``task_id`` column; an ``onet``,
        ``labels``, ``model`` or ``row_offset`` argument that is not what is described
        above (checked before the rows, whatever the method), an ``onet`` whose tables
        lack a column the method reads
        (:func:`exposure.scoring.learned.check_release_columns`).
        A ``method`` or ``reference_source`` that is not a string (a list, a Series,
        None), named in one line.
    exposure.errors.ExposureError
        Unknown method or reference source (a ``reference_source`` is checked whatever
        the method), or a ``reference_source`` with a method other than ``reference``, or a
        ``model`` with a method other than ``learned`` and ``transformer``; a ``mirror``
        or ``data_dir`` that is neither None nor a path (checked whatever the method);
        model artifact problems (:class:`~exposure.errors.ChecksumMismatchError`).

    Examples
    --------
    >>> tasks = pd.DataFrame({"task": ["Answer telephones and relay messages.",
    ...                                "Operate a forklift to move pallets."]})
    >>> out = score_tasks(tasks)
    >>> out[["label", "admin"]].to_dict("list")
    {'label': ['E1', 'E0'], 'admin': [True, False]}
    >>> bool(np.allclose(out["gamma"], out["p_e1"] + out["p_e2"]))
    True
    >>> picked = tasks.iloc[[1]]  # the caller's index is kept
    >>> tasks.join(score_tasks(picked)[["label"]])["label"].tolist()
    [nan, 'E0']
    >>> score_tasks(pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [7, 7],
    ...                           "task": ["Plan budgets.", "Plan budgets."]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': duplicate task key (11-1011.00, 7), first on row 1
    >>> score_tasks(pd.DataFrame({"label": ["Weld pipes."]}), text_column="label")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: column 'label': the text column 'label' has the name of a score column, which the scores would replace; rename it
    >>> score_tasks(tasks, method="oracle")
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: unknown scoring method 'oracle'; choose one of learned, rubric, reference, transformer (or reference-human, reference-gpt4)
    >>> score_tasks(tasks, onet=tasks)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: onet must be an O*NET release, e.g. exposure.load_onet('29.1') (or None), got DataFrame: pass the release itself, not one of its tables
    """
    method, reference_source = _normalise_method(method, reference_source)
    check_location(mirror, "mirror")  # whatever the method: ``rubric`` ignored ``mirror=5``
    check_location(data_dir, "data_dir")
    check_onet(onet)
    # the columns read of each table (a KeyError from inside the scorers); the category
    # tags of every method read the work activities
    check_release_columns(onet, ("tasks", "task_dwas", "dwas", "occupations")
                          if method in ("learned", "transformer") else ("task_dwas", "dwas"))
    _check_model_method(model, method)
    check_model(model)
    row_offset = _check_row_offset(row_offset)
    check_path_name(path)  # ``path=5`` began every message with ``5, row 2, ...``
    # the statements the labels are of, when it has them (``task``); string_view columns as
    # pandas reads them (they raised NotImplementedError inside the labels' check)
    label_tasks = without_views(labels)
    labels = _checked_labels(label_tasks, method, reference_source)
    # the release's and labels' look-ups are built once per call, and again when a frame was
    # edited in place since the last call (:func:`exposure.scoring._inputs.remembered`)
    # the columns as pandas reads them (Arrow's string_view raised NotImplementedError inside
    # pandas); the result keeps the caller's own
    read = without_views(tasks)
    with _collector_paused(), frames_unchanged():
        try:
            texts = _check_rows(read, text_column, occupation_column, path=path,
                                row_offset=row_offset)
        except DataFormatError as exc:  # a row of a frame of the caller: its index label too
            named = with_index_label(exc, tasks, path=path, row_offset=row_offset)
            if named is exc:
                raise
            raise named from None
        frame = read.reset_index(drop=True)
        # the warnings on a row quote its text as written and name its index label, as errors do
        names = RowNames.of(tasks, texts, path=path, batch=_BATCH.get())
        texts = _normalised(frame, texts, text_column, occupation_column)
        table = _score_table(frame, method, text_column=text_column,
                             occupation_column=occupation_column, onet=onet, labels=labels,
                             reference_source=reference_source, mirror=mirror, data_dir=data_dir,
                             model=model, path=path, row_offset=row_offset, texts=texts,
                             label_tasks=label_tasks, names=names)
    replaced = [c for c in SCORE_COLUMNS if c in tasks.columns]
    out = tasks.drop(columns=replaced)
    for col in SCORE_COLUMNS:
        out[col] = table[col].array  # positional: the caller's index is kept
    batch = _BATCH.get()
    _warn_replaced_columns(tasks, replaced, batch)
    _warn_key_headers(tasks, batch, _titles(text_column, occupation_column), text_column)
    if method != "reference":  # the labels are joined by task ID alone (join_labels says what it finds)
        _warn_ids_without_codes(tasks, batch, onet, _titles(text_column, occupation_column), text_column)
    _warn_repeated_index(tasks)
    return out


#: The warning of :func:`score_tasks` with ``onet`` on a frame of task IDs without O*NET-SOC codes.
IDS_WITHOUT_CODES_MESSAGE = ("score_tasks: no 'onetsoc_code' column: the task IDs of 'task_id' (%d row(s)) are not "
                             "read, as %s's work activities are keyed by onetsoc_code and task_id, so the rows were "
                             "scored as free text; add the rows' O*NET-SOC codes as a column 'onetsoc_code' to have "
                             "them scored as those O*NET tasks")


def _warn_ids_without_codes(tasks: pd.DataFrame, batch: bool, onet, titles, text_column) -> None:
    """Warn when ``onet`` is given and ``tasks`` has task IDs but no O*NET-SOC codes at all.

    O*NET keys a task by its occupation's code and its ID: ``Design and edit promotional
    publications, such as brochures.`` given with its task ID 21228 alone was scored as free
    text (``entry_creative`` True, from a public relations managers' task of job zone 4),
    without a word; the tagger said so since round 68, :func:`score_tasks` did not. Not
    said where another warning names the codes already (a spelling of ``onetsoc_code``,
    codes under another name), nor for one batch of a larger input (``batch``).
    """
    if batch or onet is None:
        return
    n = ids_without_codes(tasks, (text_column, titles))  # 0 where another warning names the codes
    if n:
        logger.warning(IDS_WITHOUT_CODES_MESSAGE, n, release_name(onet))


#: The warning of :func:`score_tasks` on a frame with columns named like score columns.
REPLACED_COLUMNS_MESSAGE = ("score_tasks: the frame's column(s) %s have the names of score columns: the result "
                            "holds the scores there (after the frame's other columns), not the frame's values; "
                            "rename them first to keep them (df.rename(columns={%r: 'my_%s'}))")
#: True while :func:`score_tasks` scores one batch of a larger input
#: (:func:`_score_as_batch`: ``exposure score FILE``, Dask and Spark partitions), whose
#: caller says the warnings on the frame's columns itself, once per input
#: (``exposure.scoring._files._warn_replaced``) or renames the columns first.
_BATCH = contextvars.ContextVar("exposure_scoring_batch", default=False)


def _score_as_batch(*args, **kwargs) -> pd.DataFrame:
    """:func:`score_tasks` of one batch of a larger input: the frame's column warnings left to the caller."""
    token = _BATCH.set(True)
    try:
        return score_tasks(*args, **kwargs)
    finally:
        _BATCH.reset(token)


#: The warning of :func:`score_tasks` on a frame whose key columns are under O*NET's headers.
KEY_HEADERS_MESSAGE = key_headers_message("score_tasks", "the rows were scored from their text, not as the O*NET "
                                          "tasks these keys name, and task_score_table gives them no key")


#: The warning of :func:`score_tasks` on a frame whose task keys are levels of its index.
KEY_LEVELS_MESSAGE = ("score_tasks: no %s column, but the frame's index has the level(s) %s: the index is not "
                      "read, so the rows were scored as free text (no O*NET work activities) and the scores "
                      "have no keys; frame.reset_index() makes them columns")


def _warn_key_headers(tasks: pd.DataFrame, batch: bool, titles=None, text_column=None) -> None:
    """Warn when ``tasks`` holds its keys under other names than ``onetsoc_code`` and ``task_id``.

    A frame read from O*NET's own file (``pd.read_excel("Task Statements.xlsx")``: ``O*NET-SOC
    Code``, ``Task ID``) or with a key in capitals (``TASK_ID``) was scored as free text,
    without the work activities of its tasks, and :func:`task_score_table` gave it no
    keys, without a word (the file readers rename such headers). So were its ``Job Zone``
    (the entry-level gate of ``entry_creative``, the rubric's prior) and, when the titles
    are read from ``title`` (``titles``, the default), a ``Title`` or ``Job Title`` column:
    warned of as the tagger warns (:func:`exposure.scoring.categories._warn_near_columns`).
    Keys held as levels of the index (``set_index(["onetsoc_code", "task_id"])``) were not
    read either, without a word: :data:`KEY_LEVELS_MESSAGE`. Not for one batch of a larger input (``batch``: :func:`_score_as_batch`), whose callers
    rename them first.
    """
    if batch:
        return
    _warn_near_columns(tasks, titles, None, keys=False, caller="score_tasks")  # in its own name
    warn_keys_spelled_twice(tasks.columns)  # the library's name is read, the other spelling not
    # keys under O*NET's headers, or kept in the index (set_index(["onetsoc_code", "task_id"]))
    warn_keys_not_read(tasks, logger, KEY_HEADERS_MESSAGE, KEY_LEVELS_MESSAGE)
    warn_codes_not_read(tasks, "score_tasks", skip=(text_column, titles))  # codes under another name (onet_code)


def _warn_replaced_columns(tasks: pd.DataFrame, replaced: list, batch: bool) -> None:
    """Warn (once) that the columns ``replaced`` of ``tasks`` were replaced by the scores.

    A column of the caller's named like a score column (human labels of their own in
    ``label``, a flag ``admin``) was dropped from the result and the score put in its
    place, at the end, without a word. A frame that is itself scored (it holds the
    probability columns: scored again on purpose) is not warned of, nor is one batch of a
    larger input (``batch``: :func:`_score_as_batch`): the file readers warn once per file
    (a batch at a time would repeat it), and Dask and Spark score a partition at a time.
    """
    if not replaced or all(c in tasks.columns for c in PROBA_COLUMNS) or batch:
        return
    names = ", ".join(cell_shown(c) for c in replaced)
    logger.warning(REPLACED_COLUMNS_MESSAGE, names, replaced[0], replaced[0])


#: The warning of :func:`score_tasks` on a frame whose index repeats a label.
REPEATED_INDEX_MESSAGE = repeated_index_message("score_tasks")


def _warn_repeated_index(tasks: pd.DataFrame) -> None:
    """Warn (once) when ``tasks``' index repeats a label: joining the scores back by it goes wrong.

    The scores are appended row by row, but the documented way to attach them to the
    caller's own frame, ``df.join(score_tasks(df[mask])[["beta"]])``, aligns on the
    index: with a label on two rows each of them got both rows' scores (four rows for
    two, the scores of one task on the other), without a word (:func:`warn_repeated_index`).
    """
    warn_repeated_index(tasks, logger, REPEATED_INDEX_MESSAGE)


def _normalised(frame: pd.DataFrame, texts: list, text_column, occupation_column) -> list:
    """Put ``frame``'s task texts and titles in the form every scorer reads (:func:`normalise_text`).

    ``frame`` is :func:`score_tasks`' own copy; the caller's columns are returned as given.
    Only text that is not ASCII can change, so O*NET's statements are scored as they are.
    """
    normal = normalise_texts(texts)
    if normal is not texts:
        frame[text_column] = normal
    titles = _titles(text_column, occupation_column)
    if titles is not None and titles in frame.columns and not titles == text_column:
        col = frame[titles]
        try:
            distinct = pd.unique(col)  # few distinct titles
        except TypeError:  # unhashable cells (lists): not titles, read as none
            distinct = col.tolist()
        odd = {v for v in distinct if isinstance(v, str) and not v.isascii()}
        if odd:
            if isinstance(col.dtype, pd.CategoricalDtype):  # replace raised pandas' "Cannot
                col = col.astype(object)  # setitem on a Categorical with a new category"
            frame[titles] = col.replace({v: normalise_text(v) for v in odd})
    return normal


def _titles(text_column, occupation_column):
    """The column of occupation titles that the scorers read, or None (no titles).

    ``occupation_column``, else ``"title"`` unless that is the text column: a frame whose
    task texts are under ``title`` (``text_column="title"``) has no titles, and its texts
    were read as titles too (their category flags changed). An ``occupation_column``
    naming the text column is refused by :func:`_check_rows`.

    Examples
    --------
    >>> _titles("task", None), _titles("title", None), _titles("task", "occupation")
    ('title', None, 'occupation')
    """
    if occupation_column is not None:
        return occupation_column
    return None if text_column == "title" else "title"


#: The calls of :func:`_collector_paused` under way (``depth``), and whether the last of
#: them enables the collector again (``enable``); changed under ``_PAUSE_LOCK``.
_PAUSE = {"depth": 0, "enable": False}
_PAUSE_LOCK = threading.Lock()


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector in the block, then restore it as it was.

    Scoring builds many short-lived containers (token lists, tuples, dicts) and no
    reference cycles: after :func:`score_tasks` on 200,000 texts with the collector paused,
    a collection found 6 objects, and the peak traced memory was the same (146 MiB). The
    collection passes those containers triggered (two or three full ones, each walking
    every object of the process) took 5-7% of the time. A collector the caller disabled
    stays disabled; one enabled is enabled again, also after an error.

    The collector is one for the whole process: calls in several threads at once share
    one pause, which the first to start begins and the last to end lifts. (Each call
    restored the state it found: one ending re-enabled the collector while another was
    still scoring, and one that read the state just as another paused it left the
    collector disabled for good.)

    Examples
    --------
    >>> import gc
    >>> with _collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    with _PAUSE_LOCK:
        if _PAUSE["depth"] == 0:
            _PAUSE["enable"] = gc.isenabled()
            gc.disable()
        _PAUSE["depth"] += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSE["depth"] -= 1
            if _PAUSE["depth"] == 0 and _PAUSE["enable"]:
                gc.enable()


def _check_rows(tasks, text_column: str = "task", occupation_column: str | None = None, *,
               path=None, row_offset: int = 1, also=()) -> list[str]:
    """The input checks of :func:`score_tasks`; of the problems on rows, the earliest is raised.

    Returns the checked texts (``tasks[text_column]`` as a list of str), which the scorers
    then need not read from the frame again.

    A problem of the whole input (not a frame, a missing or repeated column, multi-level
    column names, a text or occupation column argument that is not a column name) is
    raised at once. Problems of rows (an empty or non-text task cell, or one without a
    letter or digit, a row repeating the header (:func:`~exposure.scoring._inputs.check_header_rows`),
    an O*NET-SOC code or
    task ID that the :class:`~exposure.schemas._scores.TaskScores` output would refuse (a
    code not of the form ``00-0000.00``; a task ID that is not a 64-bit integer, or is
    negative), a (code, task ID) key on two rows, and those of
    the ``also`` callables, which raise :class:`~exposure.errors.DataFormatError`) are all
    looked for, and the one on the earliest row is raised (on one row, the first check's).
    A file scored in batches (``exposure score``, Dask partitions) therefore reports what
    the whole file would report.

    Raises
    ------
    exposure.errors.DataFormatError

    Examples
    --------
    >>> bad = pd.DataFrame({"task": ["Weld.", "Type.", " "], "onetsoc_code": ["11-1011.00"] * 3,
    ...                     "task_id": [7, "x", 7]})
    >>> _check_rows(bad)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task_id': task ID 'x' is not an integer
    """
    for what, name in (("text_column", text_column), ("occupation_column", occupation_column)):
        try:  # a list or array: not one column (``name in columns`` would raise)
            check_column(name, what)
        except DataFormatError as exc:  # one line (a Series was shown over several), the file named
            raise DataFormatError(str(exc), path=path) from None
    check_titles_not_texts(text_column, occupation_column, path=path)

    def occupation():
        if occupation_column is not None and occupation_column not in tasks.columns:
            # Title for title: the column was named, not said to be there in another case;
            # the columns listed, as for the text column and by tag_categories (they were
            # not), and a level of the index named as the text column's is
            raise missing_occupation_column(tasks.columns, occupation_column, frame=tasks, path=path)
        name = _titles(text_column, occupation_column)  # "title", read by default
        if name is None or name not in tasks.columns:
            return
        # a title that is neither text nor missing (bytes, a number) was read as no title:
        # the row was scored and tagged as a text alone, without a word; a placeholder (N/A)
        # was read as a title (the tagger's check)
        _check_titles(tasks, name, path=path, row_offset=row_offset)

    for what, name in (("text", text_column), ("occupation", occupation_column)):
        if name in SCORE_COLUMNS:  # the scores would replace the column they were read from
            raise DataFormatError(f"the {what} column {name!r} has the name of a score column, "
                                  "which the scores would replace; rename it", path=path,
                                  column=name)
    where = {"path": path, "row_offset": row_offset}
    texts: list = []
    # first: on the row of a repeated header, the header is the problem, not its cells
    # (its 'O*NET-SOC Code' was named as a bad code); the earliest row still wins
    checks = (lambda: check_header_rows(tasks, text_column, **where),
              lambda: texts.extend(task_texts(tasks, text_column, show_index=False, what="tasks",
                                              **where)),
              lambda: _check_references(tasks, text_column, texts, **where), occupation,
              lambda: _check_codes(tasks, **where), lambda: _check_task_ids(tasks, **where),
              lambda: _check_unique_keys(tasks, **where), lambda: check_task_types(tasks, **where),
              lambda: check_job_zones(tasks, **where),
              lambda: _check_surrogates(tasks, text_column, occupation_column, texts, **where),
              *also)
    found = []
    for check in checks:
        try:
            check()
        except DataFormatError as exc:
            if exc.row is None:
                raise
            found.append(exc)
    if found:
        raise min(found, key=lambda exc: exc.row)
    return texts


def _check_references(tasks: pd.DataFrame, text_column, texts: list, *, path=None,
                      row_offset: int = 1) -> None:
    """Raise on the first task text that holds a letter or digit only inside HTML character references.

    ``&nbsp;`` alone (an empty cell of a scraped web page) is blank once read as the
    scorers read it (:func:`~exposure.scoring._features.normalise_text`): ``learned``
    scored it as a task (confidence 0, a warning quoting ``' '``), and ``rubric`` refused
    the blank it had become, ``row 2, column 'task': task text must be a non-empty
    string, got ' '``, counting the rows of the batch (no file, no index label). The rule
    of ``tag_categories`` and ``score_rubric``
    (:func:`exposure.scoring.categories._unmarked_texts`), with the rows of the input.

    ``texts`` is the checked text column as a list, or empty when its check failed (the
    column is then read here, its cells that are not text as empty).

    Examples
    --------
    >>> _check_references(pd.DataFrame({"task": ["Weld.", "&nbsp;"]}), "task", [], row_offset=2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 3, column 'task': task text holds no letter or digit once its HTML character references are read, got '&nbsp;': give the task statement (drop such rows)
    """
    values = texts or [v if isinstance(v, str) else "" for v in tasks[text_column].tolist()]
    try:
        _unmarked_texts(values, column=text_column)
    except DataFormatError as exc:  # rows counted from 1: the input's rows
        raise exc.in_file(path, row_offset) from None


def _check_surrogates(tasks: pd.DataFrame, text_column, occupation_column, texts: list, *,
                      path=None, row_offset: int = 1) -> None:
    """Raise on the first task text or title holding a lone surrogate (``'\\udc80'``).

    A surrogate is not a character: text decoded with ``errors="surrogateescape"`` (bytes
    that were not UTF-8) or JSON with half an escaped emoji (``"\\ud83d"``) holds them.
    pyarrow cannot store it, and scoring raised ``UnicodeEncodeError: 'utf-8' codec
    can't encode character '\\udc80' ...: surrogates not allowed`` naming no row. Cheap:
    one UTF-8 encoding of each column's texts beyond ASCII, joined.

    ``texts`` is the checked text column as a list, or empty when its check failed (the
    column is then read here).

    Examples
    --------
    >>> _check_surrogates(pd.DataFrame({"task": pd.Series(["Weld.", "Sew \\udc80."], dtype=object)}),
    ...                   "task", None, [])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: row 2, column 'task': task text holds '\\udc80', a lone surrogate, not a character (text decoded with errors='surrogateescape', or a broken JSON escape?): decode the source with its own encoding
    """
    titles = _titles(text_column, occupation_column)
    found = []
    for what, name in (("task text", text_column), ("occupation title", titles)):
        if name is None or name not in tasks.columns or (what != "task text" and name == text_column):
            continue
        checked = what == "task text" and texts  # (task_texts: every one a str)
        values = texts if checked else tasks[name].tolist()
        # all text (the usual column, told in C): as it is
        strings = (values if checked or all(map(isinstance, values, itertools.repeat(str)))
                   else [v if isinstance(v, str) else "" for v in values])
        # a surrogate is not ASCII: the texts beyond ASCII alone (str.isascii reads a flag), joined
        wide = list(itertools.compress(strings, map(operator.not_, map(str.isascii, strings))))
        if not wide:
            continue
        try:
            "".join(wide).encode("utf-8")
            continue
        except UnicodeEncodeError:
            pass
        for pos, value in enumerate(strings):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                found.append(DataFormatError(
                    f"{what} holds {value[exc.start]!r}, a lone surrogate, not a character (text "
                    "decoded with errors='surrogateescape', or a broken JSON escape?): decode the "
                    "source with its own encoding", path=path, row=pos + row_offset, column=name))
                break
    if found:
        raise min(found, key=lambda exc: exc.row)


def _check_unique_keys(tasks: pd.DataFrame, *, path=None, row_offset: int = 1) -> None:
    """Raise one :class:`DataFormatError` line for the first repeated (code, task id) key.

    A ``Decimal('sNaN')`` task ID is left to :func:`_check_task_ids`, which names its row:
    ``notna()`` raised decimal's ``InvalidOperation`` here, out of ``score_tasks``.
    """
    if not has_keys(tasks) or signalling_nan(tasks["task_id"]) is not None:
        return
    ids, codes = tasks["task_id"], tasks["onetsoc_code"]
    if isinstance(ids.dtype, np.dtype) and ids.dtype.kind in "iu" and isinstance(codes.dtype, pd.StringDtype):
        # numpy integers (never missing; each its own key) and text (each its own str): the pairs
        # as they are, told by pandas (a Python set of 18,796 tuples took three times as long)
        code_numbers = pd.factorize(codes)[0]  # -1: missing
        given = code_numbers >= 0
        if not pd.DataFrame({"code": code_numbers[given], "task_id": ids.to_numpy()[given]}).duplicated().any():
            return
    # one set of all keys tells that none repeats (the usual case) without a look-up of
    # missing values per row; the loop below runs only to name the first repeat
    present = (tasks["onetsoc_code"].notna() & tasks["task_id"].notna()).tolist()
    keys = [(str(code), tid) for code, tid, ok in
            zip(tasks["onetsoc_code"].tolist(), norm_task_ids(tasks["task_id"]), present) if ok]
    if len(set(keys)) == len(keys):
        return
    codes = tasks["onetsoc_code"].tolist()
    ids = tasks["task_id"].tolist()
    seen: dict = {}
    for pos, (code, tid) in enumerate(zip(codes, ids)):
        if pd.isna(code) or pd.isna(tid):
            continue
        key = (str(code), norm_task_id(tid))
        if key in seen:
            raise DataFormatError(f"duplicate task key ({key[0]}, {key[1]}), first on row "
                                  f"{seen[key] + row_offset}", path=path, row=pos + row_offset,
                                  column="task_id")
        seen[key] = pos


def task_score_table(scored: pd.DataFrame, *, path=None, row_offset: int = 1) -> pd.DataFrame:
    """The keyed :class:`~exposure.schemas._scores.TaskScores` table of :func:`score_tasks` output.

    ``onetsoc_code, task_id`` (missing where absent) and the score columns, with a fresh
    ``RangeIndex``; the evidence columns and the caller's other columns are left out. Not
    validated again (:func:`score_tasks` validated the scores; a pipeline validates the
    tables it writes).

    Raises
    ------
    exposure.errors.DataFormatError
        ``scored`` is not a DataFrame, has repeated or multi-level column names, or lacks
        a score column (it raised ``AttributeError`` or ``KeyError: 'p_e0'``); a task ID
        that is not an integer.

    Examples
    --------
    >>> scored = score_tasks(pd.DataFrame({"task": ["Weld pipes."], "note": ["x"]}, index=[9]),
    ...                      "rubric")
    >>> task_score_table(scored).columns.tolist()[:4], task_score_table(scored).index.tolist()
    (['onetsoc_code', 'task_id', 'p_e0', 'p_e1'], [0])
    >>> task_score_table(pd.DataFrame({"task": ["Weld pipes."]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scored lacks column(s) ['p_e0', 'p_e1', 'p_e2', 'label', 'alpha', 'beta', 'gamma', 'admin', 'routine_coding', 'entry_creative', 'method'] (columns: ['task']): give the output of score_tasks
    """
    check_frame(scored, "scored")  # None raised ``AttributeError: ... no attribute 'reset_index'``
    check_columns(scored, what="scored", path=path)
    missing = [c for c in TASK_SCORE_COLUMNS[2:] if c not in scored.columns]
    if missing:  # not scored: ``KeyError: 'p_e0'``
        raise DataFormatError(f"scored lacks column(s) {missing} (columns: {list(scored.columns)}): "
                              "give the output of score_tasks", path=path)
    frame = without_views(scored).reset_index(drop=True)  # string_view keys: as score_tasks reads them
    out = pd.DataFrame(index=frame.index)
    _put_keys(out, frame, path=path, row_offset=row_offset)
    for col in TASK_SCORE_COLUMNS[2:]:
        out[col] = frame[col]
    return out


def _check_task_ids(frame, *, path=None, row_offset: int = 1) -> None:
    """Raise on the first task ID of ``frame`` that TaskScores would refuse (:func:`~exposure.scoring._inputs.check_task_ids`).

    Checked before scoring, so that the error is the same whatever the batch (the output
    schema sees a batch at a time, after its work).
    """
    if isinstance(frame, pd.DataFrame) and "task_id" in frame.columns:
        check_task_ids(frame["task_id"], path=path, row_offset=row_offset)


def _check_codes(frame, *, path=None, row_offset: int = 1) -> None:
    """Raise on the first O*NET-SOC code that TaskScores would refuse (missing codes pass).

    The rule of the output schema (:data:`~exposure.schemas._fields.ONETSOC_PATTERN`, on
    the code as text), checked before scoring. Each distinct code is matched once. A cell
    that is not text (bytes such as ``b'47-2061.00'``, which pandas decodes when it
    converts them to text, in an object column, as categories or in Arrow's ``binary``)
    is refused too: the category tagger read it as no code.
    """
    if not isinstance(frame, pd.DataFrame) or "onetsoc_code" not in frame.columns:
        return
    col = frame["onetsoc_code"]
    try:
        keys, uniques = pd.factorize(col)
    except TypeError:  # unhashable cells (lists): match every cell
        keys, uniques = np.arange(len(col)), col.array
        keys[col.isna().to_numpy(dtype=bool)] = -1
    if not len(uniques):
        return
    if isinstance(col.dtype, pd.StringDtype):  # text or missing: matched as TaskScores matches it
        ok = pd.Series(uniques).astype("string").str.match(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=True)
    else:  # only text is a code: bytes passed as their decoded text, yet equal no str code (an
        # object column was refused so; categories of bytes and Arrow's binary passed: rubric and
        # the tagger read them as no code, learned as the code; bytes not UTF-8 raised inside)
        cells = pd.Series(uniques, dtype=object)
        text = cells.map(lambda u: isinstance(u, str)).to_numpy(dtype=bool)
        codes = pd.Series(np.where(text, cells, None), dtype="string")
        ok = (codes.str.match(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False) & text
              | cells.isna().to_numpy(dtype=bool))
    bad = (keys >= 0) & ~ok[keys]
    if bad.any():
        pos = int(bad.argmax())
        # with the code to write: '15-1252' and 151252 are told '15-1252.00'; bytes how to decode them
        raise DataFormatError(onetsoc_code_message(col.iloc[pos], col, path=path), path=path,
                              row=pos + row_offset, column="onetsoc_code")


def _put_keys(out: pd.DataFrame, frame: pd.DataFrame, *, path=None, row_offset: int = 1) -> None:
    """Set ``out``'s ``onetsoc_code`` (string) and ``task_id`` (Int64) from ``frame``."""
    n = len(frame)
    out["onetsoc_code"] = (frame["onetsoc_code"].astype("string") if "onetsoc_code" in frame.columns
                           else pd.Series(pd.NA, index=frame.index, dtype="string"))
    if "task_id" in frame.columns:
        out["task_id"] = task_id_integers(frame["task_id"], path=path, row_offset=row_offset).astype("Int64")
    else:
        out["task_id"] = pd.array([pd.NA] * n, dtype="Int64")


def _without_other_ids(frame, texts, *, text_column, onet, path, row_offset, names=None):
    """``frame`` without the task IDs that name another O*NET task than the row's text.

    Rows whose (code, task ID) O*NET lists under another statement
    (:func:`exposure.scoring._inputs.other_task_rows`: the caller's own identifiers 1, 2,
    3 under a real code) are scored from their text and code, as rows without a task ID,
    with one warning naming the first; they were scored as that O*NET task, from its work
    activities, without a word. The same frame when there is none.
    """
    if onet is None or not has_keys(frame):
        return frame
    if texts is None:
        texts = frame[text_column].astype(str).tolist()
    return without_other_ids(frame, texts, onet, path=path, row_offset=row_offset, names=names)


def _other_label_rows(frame, texts, label_tasks, onet, *, text_column, path, row_offset,
                      names=None) -> np.ndarray:
    """Rows of ``reference`` whose key the labels give to another task than their text.

    :func:`exposure.scoring._inputs.other_label_rows` (which :func:`score_reference` applies
    too), reading the texts of ``text_column`` when not given.
    """
    if texts is None and "task_id" in frame.columns:
        texts = frame[text_column].astype(str).tolist()
    return other_label_rows(frame, texts, label_tasks, onet, path=path, row_offset=row_offset, names=names)


#: The warning of :func:`score_tasks` with ``rubric`` on rows that no rule of the rubric matched
#: (its arguments: the file prefix, the count, the first such row, its index label and text).
RUBRIC_PRIORS_MESSAGE = ("%s%d row(s) matched no rule of the rubric (no verb, keyword or work activity it knows; "
                         "first: row %d%s, %r): their scores are the rubric's prior alone (for the job zone, "
                         "when known), read from no word of the text; method 'learned' (the default) scores "
                         "any text, with a confidence")


def _warn_rubric_priors(rules: pd.Series, names: RowNames, *, path, row_offset: int) -> None:
    """Warn (once) of the rows whose ``rubric`` scores are its prior alone: no rule matched them.

    ``score_tasks(df, "rubric")`` of a text the rubric has no rule for (``lorem ipsum``,
    ``Competitive salary and benefits.``, but also a task in words it does not know)
    returned the job-zone prior (``p_e0`` 0.5, ``label`` E0) as a score, with no
    confidence and without a word: the evidence column that says so (``rule``: ``job
    zone unknown prior``) is :func:`~exposure.scoring.rubric.score_rubric`'s, not in the
    output. ``rules`` is that column (a vote is written ``... -> E1``); ``names`` names the
    caller's rows (:class:`~exposure.scoring._inputs.RowNames`).
    """
    prior = ~rules.astype(str).str.contains(" -> ", regex=False).to_numpy(dtype=bool)
    if not prior.any():
        return
    first = int(np.flatnonzero(prior)[0])
    logger.warning(RUBRIC_PRIORS_MESSAGE, f"{path}: " if path is not None else "", int(prior.sum()),
                   first + row_offset, names.note(first), names.text(first)[:60])


def _score_table(frame, method, *, text_column, occupation_column, onet, labels, reference_source,
                 mirror, data_dir, model, path, row_offset, texts=None, label_tasks=None,
                 names=None) -> pd.DataFrame:
    """Score ``frame`` (fresh index): the TaskScores table plus the evidence columns.

    ``texts`` is the checked text column as a list (:func:`_check_rows`), when already read;
    ``label_tasks`` the caller's ``labels`` as given (their ``task`` column, if any, says
    which statement each label is of); ``names`` how the warnings name the caller's rows
    (:class:`~exposure.scoring._inputs.RowNames`: the texts as written, the index labels).
    """
    titles = _titles(text_column, occupation_column)  # 0 is a name too
    given = frame  # keys and warnings of the caller's rows
    if method != "reference":
        frame = _without_other_ids(frame, texts, text_column=text_column, onet=onet, path=path,
                                   row_offset=row_offset, names=names)
    if method in ("learned", "transformer"):
        text_model = load_transformer() if method == "transformer" else None
        probs = _score_learned(frame, texts, text_column=text_column, occupation_column=titles,
                               onet=onet, model=model, path=path, row_offset=row_offset,
                               text_model=text_model, names=names)
        tag = method
    elif method == "rubric":
        probs = _score_rubric(frame, text_column=text_column, onet=onet)  # score_tasks warns itself
        _warn_rubric_priors(probs["rule"], names if names is not None else RowNames(
            texts if texts is not None else frame[text_column].tolist()), path=path, row_offset=row_offset)
        tag = "rubric"
    else:
        if labels is None:
            labels = label_tasks = eloundou.load_task_labels(mirror=mirror, data_dir=data_dir)
        # (labels given by the caller were checked by score_tasks; the published ones were read so)
        try:
            ids = frame_task_ids(frame)
        except DataFormatError as exc:  # name the input, and its rows as the caller counts them
            if exc.path is not None:
                raise
            raise exc.in_file(path, row_offset) from None
        other = _other_label_rows(frame, texts, label_tasks, onet, text_column=text_column, path=path,
                                  row_offset=row_offset, names=names)
        # the label of another task: none, and not counted in the INFO line ("1 of 1" before)
        probs = join_labels(frame, ids, labels, label_column(reference_source),  # errors name labels' rows
                            unlabelled=np.asarray(other, dtype=bool))
        tag = f"reference-{reference_source}"
    p = probs[list(PROBA_COLUMNS)].to_numpy(dtype=float)
    out = pd.DataFrame(index=frame.index)
    _put_keys(out, given, path=path, row_offset=row_offset)
    for k, col in enumerate(PROBA_COLUMNS):
        out[col] = p[:, k]
    scored = ~np.isnan(p).any(axis=1)
    label = np.array(LABELS, dtype=object)[np.nan_to_num(p, nan=-1).argmax(axis=1)]
    out["label"] = pd.array(np.where(scored, label, None), dtype="string")
    # expected measures: alpha = p_e1, beta = p_e1 + 0.5 p_e2, gamma = p_e1 + p_e2
    measures = p @ LABEL_LEVELS
    for k, col in enumerate(EXPOSURE_MEASURES):
        out[col] = measures[:, k]
    _warn_unread_keys(given, onet, path=path, row_offset=row_offset)
    cats = _tag_categories(frame, texts, text_column=text_column, onet=onet,
                           occupation_column=titles)
    for col in CATEGORIES:
        out[col] = cats[col].astype("boolean").to_numpy()
    out["method"] = tag
    out = validate(out, TaskScores, path=path, row_offset=row_offset)
    for col in EVIDENCE_COLUMNS:
        if col in probs.columns:
            out[col] = probs[col].to_numpy()
    out["confidence"] = out.get("confidence", pd.Series(np.nan, index=out.index)).astype("float64")
    out["nearest_task_id"] = out.get("nearest_task_id", pd.Series(pd.NA, index=out.index)).astype("Int64")
    out["nearest_onetsoc_code"] = out.get("nearest_onetsoc_code",
                                          pd.Series(pd.NA, index=out.index)).astype("string")
    out["similarity"] = out.get("similarity", pd.Series(np.nan, index=out.index)).astype("float64")
    return out
