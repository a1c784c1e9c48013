"""Round 63, the ``rubric``, ``reference`` and ``transformer`` scorers called directly: faults found and fixed.

1. ``exposure.scoring.reference.join_labels(frame, ids, labels, col)`` (public; ``score_tasks``
   uses it) given the frame's own task-ID column as ``ids`` (``frame["task_id"]``) rather
   than :func:`~exposure.scoring.reference.frame_task_ids` of it. Before: IDs as text (a
   CSV read with ``dtype=str``) raised pandas' ``ValueError: You are trying to merge on str
   and Int64 columns``, or, without an ``onetsoc_code`` column, left every task unscored
   (NaN), without a word; ``True`` was joined as task 1 and ``1.5`` matched nothing (a
   pandas ``UserWarning``); an O*NET-SOC code of another form (``" 11-1011.00"``) left its
   task unscored, silently. Now: the IDs are read by the library's rule
   (:func:`exposure._tables.task_id_numbers`: ``"1"`` and ``1.0`` are task 1) and a bad ID
   or code is refused as ``score_reference`` refuses it, naming the row and column (the
   earlier row of the two).
2. ``score_reference(frame, labels)`` where ``frame`` holds its codes under O*NET's header
   ``O*NET-SOC Code`` (O*NET's ``Task Statements`` read with ``pd.read_csv(..., sep="\\t")``,
   its ``Task ID`` renamed). Before: the column was not read and the labels were joined on
   the task ID alone, without a word: a task ID that the labels list under another code got
   that other task's label. Now: the same join, with one warning naming the column and
   saying to rename it (as ``score_tasks`` warns). So for a frame with its codes in its index
   (``frame.set_index("onetsoc_code")``): a warning saying ``frame.reset_index(...)``; with
   its task IDs in the index, the error ``needs a 'task_id' column`` now says so too.
3. ``exposure.scoring.rubric.score_rubric(frame, onet=release)`` of O*NET's ``Task
   Statements`` as pandas reads them (``O*NET-SOC Code``, ``Task ID``). Before: the keys
   were not read and the tasks were scored from their text alone (no work activities, the
   prior of an unknown job zone), without a word (``score_tasks`` warns of it). Now: the
   same scores, with one warning naming the columns and saying to rename them. So for a
   frame indexed by its keys (``frame.set_index(["onetsoc_code", "task_id"])``): a warning
   naming the levels and saying ``frame.reset_index()``.
4. ``load_transformer().predict_proba(np.array("Lay bricks."))`` (a 0-d array: one text
   through ``np.asarray``; also ``logits``, ``predict_proba_cut``). Before: numpy's
   ``TypeError: iteration over a 0-d array``. Now: refused as one str is:
   ``texts must be a list of task texts, got ndarray 'Lay bricks.' (one text: pass [text])``.
5. ``exposure.scoring.transformer.save_transformer(model, path)`` with ``path`` None or a
   number, or a ``model`` that is not a ``TransformerModel`` (None, a dict). Before:
   pathlib's ``TypeError: expected str, bytes or os.PathLike object, not NoneType`` or
   ``AttributeError: 'NoneType' object has no attribute 'to_arrays'``. Now:
   ``DataFormatError`` naming the argument, before anything is written.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring.reference import frame_task_ids, join_labels, score_reference
from exposure.scoring.rubric import score_rubric
from exposure.scoring.transformer import TransformerModel, save_transformer

P = ["p_e0", "p_e1", "p_e2"]
COL = "human_exposure_agg"
LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2],
                       COL: ["E1", "E0"], "gpt4_exposure": ["E2", "E0"]})
TASKS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3], "task": ["a", "b", "c"]})


# ------------------------------------------------------------- 1. join_labels' ids
@pytest.mark.parametrize("with_code", [True, False])
def test_join_labels_reads_the_frames_own_ids(with_code):
    frame = TASKS if with_code else TASKS.drop(columns="onetsoc_code")
    want = join_labels(frame, frame_task_ids(frame), LABELS, COL)
    assert want.loc[0, "p_e1"] == 1.0 and want.loc[1, "p_e0"] == 1.0 and want.loc[2].isna().all()
    for ids in (frame["task_id"].astype(str), frame["task_id"].astype(float), frame["task_id"].astype(object)):
        pd.testing.assert_frame_equal(join_labels(frame, ids, LABELS, COL), want)


@pytest.mark.parametrize("ids, row, message", [
    (pd.Series([1, True, 3], dtype=object), 2, "task ID True is not an integer"),
    (pd.Series([True, False, True]), 1, "task ID True is not an integer"),
    (pd.Series([1.0, 1.5, 3.0]), 2, "task ID 1.5 is not an integer"),
    (pd.Series(["1", "x", "3"]), 2, "task ID 'x' is not an integer"),
])
def test_join_labels_refuses_ids_that_are_not_task_ids(ids, row, message):
    with pytest.raises(DataFormatError) as err:
        join_labels(TASKS, ids, LABELS, COL)
    assert str(err.value) == f"row {row}, column 'task_id': {message}"


def test_join_labels_refuses_a_code_of_another_form():
    frame = TASKS.assign(onetsoc_code=["11-1011.00", " 11-1011.00", "11-1011"])
    with pytest.raises(DataFormatError) as err:
        join_labels(frame, frame_task_ids(frame), LABELS, COL)
    assert str(err.value) == ("row 2, column 'onetsoc_code': O*NET-SOC code ' 11-1011.00' is not of the form "
                              "00-0000.00 (e.g. 11-1011.00): spaces around the code: write '11-1011.00'")
    # of a bad code and a bad task ID, the earlier row
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task_id': task ID 'x'"):
        join_labels(frame, pd.Series(["x", "2", "3"]), LABELS, COL)


# ------------------------------------------------------------- 2. reference: O*NET's code header
def _statements() -> pd.DataFrame:
    """Rows as pandas reads O*NET's Task Statements file (its headers), ``Task ID`` renamed."""
    return pd.DataFrame({"O*NET-SOC Code": ["13-2011.00", "11-1011.00"], "task_id": [1, 7],
                         "Task": ["Direct budgets.", "Prepare reports."]})


def test_score_reference_warns_of_onets_code_header(caplog):
    with caplog.at_level(logging.WARNING):
        out = score_reference(_statements(), LABELS, text_column=None)
    # joined on the task ID alone, as before: task 1 of 13-2011.00 gets 11-1011.00's label
    assert out.loc[0, "p_e1"] == 1.0 and out.loc[1].isna().all()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == ["score_reference: the frame has no 'onetsoc_code' column but 'O*NET-SOC Code' (O*NET's "
                      "header?), not read: the labels were joined on the task ID alone, so a task ID the "
                      "labels list under another code got that task's label; rename it first "
                      "(df.rename(columns={'O*NET-SOC Code': 'onetsoc_code'}))"]
    caplog.clear()
    with caplog.at_level(logging.WARNING):  # the library's name: no warning, the key read
        keyed = score_reference(_statements().rename(columns={"O*NET-SOC Code": "onetsoc_code"}), LABELS,
                                text_column=None)
    assert keyed[P].isna().all().all()  # (13-2011.00, 1) has no label
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_score_reference_warns_of_codes_in_the_index(caplog):
    frame = _statements().rename(columns={"O*NET-SOC Code": "onetsoc_code"}).set_index("onetsoc_code")
    with caplog.at_level(logging.WARNING):
        out = score_reference(frame, LABELS, text_column=None)
    assert out.iloc[0]["p_e1"] == 1.0  # joined on the task ID alone, as before
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == ["score_reference: no 'onetsoc_code' column, but the frame's index has the level "
                      "'onetsoc_code': the index is not read, so the labels were joined on the task ID alone and "
                      "a task ID the labels list under another code got that task's label; "
                      "frame.reset_index('onetsoc_code') makes it a column"]
    with pytest.raises(DataFormatError) as err:  # the task IDs in the index: refused, now saying so
        score_reference(TASKS.set_index("task_id"), LABELS)
    assert str(err.value) == ("column 'task_id': the reference method needs a 'task_id' column (O*NET task ID); "
                              "it is a level of the frame's index: frame.reset_index() makes it a column again")


# ------------------------------------------------------------- 3. rubric: O*NET's key headers
def _release() -> SimpleNamespace:
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"]}),
        job_zones=pd.DataFrame({"onetsoc_code": ["43-4171.00"], "job_zone": [2]}),
    )


def test_score_rubric_warns_of_onets_key_headers(caplog):
    onet = _release()
    read = pd.DataFrame({"O*NET-SOC Code": ["43-4171.00"], "Task ID": [1],
                         "Task": ["Answer telephones and take messages."]})
    with caplog.at_level(logging.WARNING):
        out = score_rubric(read, text_column="Task", onet=onet)
    assert out.loc[0, "rule"].endswith("job zone unknown prior")  # no key read: as before
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == ["score_rubric: the frame has no 'onetsoc_code' and 'task_id' column but 'O*NET-SOC Code', "
                      "'Task ID' (O*NET's headers?), not read as keys: the rows were scored from their text "
                      "alone, without the work activities and job zones of the O*NET tasks these keys name; "
                      "rename them first (df.rename(columns={'O*NET-SOC Code': 'onetsoc_code', "
                      "'Task ID': 'task_id'}))"]
    renamed = read.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id"})
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        keyed = score_rubric(renamed, text_column="Task", onet=onet)
    assert keyed.loc[0, "rule"].startswith("iwa 4.A.4.a.2.I03") and keyed.loc[0, "rule"].endswith("job zone 2 prior")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        score_rubric(read, text_column="Task")  # keys are read only with a release: no warning
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_score_rubric_warns_of_keys_in_the_index(caplog):
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [1], "task": ["Answer telephones."]})
    with caplog.at_level(logging.WARNING):
        out = score_rubric(frame.set_index(["onetsoc_code", "task_id"]), onet=_release())
    assert out.iloc[0]["rule"].endswith("job zone unknown prior")  # the index is not read: as before
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == ["score_rubric: no 'onetsoc_code' and 'task_id' column, but the frame's index has the "
                      "level(s) 'onetsoc_code', 'task_id': the index is not read, so the rows were scored from "
                      "their text alone, without the work activities and job zones of the O*NET tasks these keys "
                      "name; frame.reset_index() makes them columns"]


# ------------------------------------------------------------- 4, 5. transformer arguments
def _model() -> TransformerModel:
    """A transformer artifact's arrays and metadata (never attached: nothing is scored)."""
    arrays = {"head.weight": np.zeros((3, 4), dtype=np.float32), "head.bias": np.zeros(3, dtype=np.float32)}
    meta = {"base_sha256": "0" * 64, "temperature": 1.0, "check_texts": ["Lay bricks."],
            "check_logits": [[0.0, 0.0, 0.0]]}
    return TransformerModel(arrays, meta)


@pytest.mark.parametrize("method", ["predict_proba", "logits", "predict_proba_cut"])
def test_transformer_refuses_a_0d_array_as_one_text(method):
    model = _model()
    model._encoder = object()  # the check comes first: no encoder is read
    with pytest.raises(DataFormatError) as err:
        getattr(model, method)(np.array("Lay bricks."))
    assert str(err.value) == ("texts must be a list of task texts, got ndarray 'Lay bricks.' (one text: "
                              "pass [text])")


@pytest.mark.parametrize("path, message", [
    (None, "path must be a transformer artifact path (str or os.PathLike), got NoneType None"),
    (5, "path must be a transformer artifact path (str or os.PathLike), got int 5"),
])
def test_save_transformer_refuses_a_path_that_is_not_one(path, message):
    with pytest.raises(DataFormatError) as err:
        save_transformer(_model(), path)
    assert str(err.value) == message


@pytest.mark.parametrize("model, shown", [(None, "NoneType None"), ({"head.bias": 1}, "dict")])
def test_save_transformer_refuses_what_is_not_a_model(tmp_path, model, shown):
    with pytest.raises(DataFormatError) as err:
        save_transformer(model, tmp_path / "t.npz")
    assert str(err.value) == f"model must be a TransformerModel (e.g. load_transformer()), got {shown}"
    assert list(tmp_path.iterdir()) == []
    path = save_transformer(_model(), tmp_path / "t.npz")  # a model is still written
    assert path == tmp_path / "t.npz" and path.stat().st_size > 0
