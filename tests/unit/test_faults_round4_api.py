"""Faults of :func:`exposure.score_tasks`' arguments found in round 4 (hunt 4, A3, A4, A6).

A3. ``method="reference", labels=...``: the caller's labels frame was never checked. A
    missing label column gave a ``KeyError``, a text task ID a ``ValueError``, a repeated
    key a pandas ``MergeError``, and an unknown label (``"e1"``) left the task unscored
    without a word;
A4. ``onet=`` a DataFrame (``onet.tasks``) or a dict gave an ``AttributeError`` with the
    default method;
A6. ``model="learned-v1"`` gave an ``AttributeError``; ``row_offset=None`` (or ``"2"``) a
    ``TypeError`` raised while building the message of the real error.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks
from exposure.scoring.learned import load_model, score_learned, shipped_model_path
from exposure.scoring.reference import score_reference

CODE = "11-1011.00"
TASKS = pd.DataFrame({"onetsoc_code": [CODE, CODE, "11-2021.00"], "task_id": [8823, 8824, 9000],
                      "task": ["Direct budgets.", "Approve reports.", "Plan campaigns."]})


def _labels(**columns) -> pd.DataFrame:
    base = pd.DataFrame({"onetsoc_code": [CODE, CODE, "11-2021.00"], "task_id": [8823, 8824, 9000],
                         "human_exposure_agg": ["E1", "E0", "E2"], "gpt4_exposure": ["E2", "E0", "E1"]})
    return base.assign(**columns)


def _error(call) -> DataFormatError:
    with pytest.raises(DataFormatError) as info:
        call()
    return info.value


# --------------------------------------------------------------------------- A3: labels
def test_labels_without_the_label_column_are_refused_naming_it():
    err = _error(lambda: score_tasks(TASKS, "reference", labels=_labels().drop(columns="human_exposure_agg")))
    assert "labels" in str(err) and "'human_exposure_agg'" in str(err)
    assert err.row is None


def test_labels_of_the_other_source_need_only_their_column():
    gpt4 = score_tasks(TASKS, "reference-gpt4", labels=_labels().drop(columns="human_exposure_agg"))
    assert gpt4["label"].tolist() == ["E2", "E0", "E1"]


@pytest.mark.parametrize("key", ["onetsoc_code", "task_id"])
def test_labels_without_a_key_column_are_refused(key):
    err = _error(lambda: score_tasks(TASKS, "reference", labels=_labels().drop(columns=key)))
    assert "labels" in str(err) and repr(key) in str(err)


def test_a_text_task_id_in_labels_names_labels_row_and_column():
    err = _error(lambda: score_tasks(TASKS, "reference", labels=_labels(task_id=[8823, "x", 9000])))
    assert (err.row, err.column, err.path) == (2, "task_id", "labels")
    assert str(err) == "labels, row 2, column 'task_id': task ID 'x' is not an integer"


def test_a_repeated_label_key_is_refused_naming_both_rows():
    twice = pd.concat([_labels(), _labels().iloc[[0]].assign(human_exposure_agg="E0")])
    err = _error(lambda: score_tasks(TASKS, "reference", labels=twice))
    assert (err.row, err.column) == (4, "task_id")
    assert "labels" in str(err) and "rows 1 and 4" in str(err)


@pytest.mark.parametrize("value", ["e1", " E1", "E3", 1, "1"])
def test_an_unknown_label_is_refused_not_left_unscored(value):
    err = _error(lambda: score_tasks(TASKS, "reference",
                                     labels=_labels(human_exposure_agg=["E1", value, "E2"])))
    assert (err.row, err.column) == (2, "human_exposure_agg")
    assert "labels" in str(err) and repr(value) in str(err)


def test_an_unknown_label_of_the_unused_source_is_not_looked_at():
    out = score_tasks(TASKS, "reference", labels=_labels(gpt4_exposure=["junk", None, 3]))
    assert out["label"].tolist() == ["E1", "E0", "E2"]


@pytest.mark.parametrize("column, value", [("onetsoc_code", "11-1011.00 "), ("onetsoc_code", None),
                                           ("task_id", None), ("task_id", -3), ("task_id", 1.5),
                                           ("task_id", True)])
def test_bad_label_keys_are_refused(column, value):
    values = _labels()[column].astype(object).tolist()
    values[1] = value
    err = _error(lambda: score_tasks(TASKS, "reference", labels=_labels(**{column: values})))
    assert (err.row, err.column) == (2, column)
    assert "labels" in str(err)


def test_the_earliest_bad_row_of_labels_is_named():
    bad = _labels(task_id=[8823, 8824, "x"], human_exposure_agg=["E1", "e0", "E2"])
    assert _error(lambda: score_tasks(TASKS, "reference", labels=bad)).row == 2


def test_a_labels_error_names_labels_rows_not_the_task_file():
    """``path`` and ``row_offset`` are the tasks' file: the labels are another input."""
    err = _error(lambda: score_tasks(TASKS, "reference", labels=_labels(task_id=[8823, "x", 9000]),
                                     path="tasks.csv", row_offset=2))
    assert (err.path, err.row) == ("labels", 2)


@pytest.mark.parametrize("labels", ["full_labelset_train.tsv", {"task_id": [1]}, [1, 2]])
def test_labels_that_are_not_a_frame_are_refused(labels):
    err = _error(lambda: score_tasks(TASKS, "reference", labels=labels))
    assert "labels must be a pandas DataFrame" in str(err) and "load_task_labels" in str(err)


def test_labels_with_repeated_or_multi_level_columns_are_refused():
    twice = pd.concat([_labels(), _labels()[["task_id"]]], axis=1)
    assert "given more than once" in str(_error(lambda: score_tasks(TASKS, "reference", labels=twice)))
    multi = _labels()
    multi.columns = pd.MultiIndex.from_product([["x"], multi.columns])
    assert "multi-level" in str(_error(lambda: score_tasks(TASKS, "reference", labels=multi)))


def test_score_reference_checks_its_labels_too():
    err = _error(lambda: score_reference(TASKS, _labels(human_exposure_agg=["E1", "e1", "E2"])))
    assert (err.row, err.column) == (2, "human_exposure_agg")


def test_check_task_labels_example():
    from exposure.measures.eloundou import check_task_labels

    with pytest.raises(DataFormatError, match=r"labels, row 2, column 'task_id': task key "
                                              r"\(11-1011.00, 8823\) is given twice \(rows 1 and 2\)"):
        check_task_labels(_labels(task_id=[8823, 8823, 9000]), ["human_exposure_agg"])


@pytest.mark.parametrize("variant", [
    lambda lab: lab.assign(task_id=lab["task_id"].astype(str)),
    lambda lab: lab.assign(task_id=lab["task_id"].astype(float)),
    lambda lab: lab.assign(task_id=lab["task_id"].astype("Int64")),
    lambda lab: lab.assign(onetsoc_code=lab["onetsoc_code"].astype("category")),
    lambda lab: lab.assign(human_exposure_agg=lab["human_exposure_agg"].astype("category")),
    lambda lab: lab.assign(human_exposure_agg=lab["human_exposure_agg"].astype("string[pyarrow]")),
    lambda lab: lab.set_index("task_id", drop=False).rename_axis("onetsoc_code"),
    lambda lab: lab.assign(extra=1).iloc[::-1],
], ids=["text ids", "float ids", "Int64 ids", "category codes", "category labels",
        "arrow labels", "odd index", "extra column, reversed"])
def test_valid_labels_of_other_types_give_the_same_scores(variant):
    base = score_tasks(TASKS, "reference", labels=_labels())
    pd.testing.assert_frame_equal(score_tasks(TASKS, "reference", labels=variant(_labels())), base)


def test_a_missing_label_leaves_its_task_unscored():
    out = score_tasks(TASKS, "reference", labels=_labels(human_exposure_agg=["E1", None, np.nan]))
    assert out["label"].isna().tolist() == [False, True, True]


def test_an_empty_labels_frame_is_refused():
    """Every task was left unscored without a word (round 39: refused, naming the labels)."""
    with pytest.raises(DataFormatError, match="labels has no rows: no task would get a published label"):
        score_tasks(TASKS, "reference", labels=_labels().iloc[:0])


def test_a_task_id_labelled_twice_under_two_codes_is_ambiguous_without_codes():
    """Joined on the task ID alone, the first row won without a word."""
    lab = _labels(onetsoc_code=[CODE, "11-2021.00", "11-2021.00"], task_id=[8823, 8823, 9000])
    err = _error(lambda: score_tasks(TASKS.drop(columns="onetsoc_code"), "reference", labels=lab,
                                     path="tasks.csv", row_offset=2))
    assert (err.path, err.row, err.column) == ("labels", 2, "task_id")
    assert "task ID 8823 is given two labels ('E1' on row 1, 'E0' on row 2" in str(err)
    same = lab.assign(human_exposure_agg=["E1", "E1", "E2"])  # one label: no ambiguity
    out = score_tasks(TASKS.drop(columns="onetsoc_code"), "reference", labels=same)
    assert out["label"].iloc[[0, 2]].tolist() == ["E1", "E2"] and pd.isna(out["label"].iloc[1])


# --------------------------------------------------------------------------- A4: onet
ONET_TASKS = pd.DataFrame({"onetsoc_code": [CODE], "task_id": [8823], "task": ["Direct budgets."],
                           "task_type": ["Core"]})


@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
@pytest.mark.parametrize("onet", [ONET_TASKS, {"tasks": ONET_TASKS}, [ONET_TASKS], ONET_TASKS["task"]],
                         ids=["frame", "dict", "list", "series"])
def test_onet_that_is_not_a_release_is_refused(onet, method):
    err = _error(lambda: score_tasks(TASKS, method, onet=onet, labels=_labels()))
    assert "onet must be an O*NET release" in str(err) and "exposure.load_onet(" in str(err)
    assert type(onet).__name__ in str(err)


def test_onet_given_a_release_table_says_to_pass_the_release():
    err = _error(lambda: score_tasks(TASKS, onet=ONET_TASKS))
    assert "not one of its tables" in str(err)


def test_a_release_like_object_with_the_tables_is_still_accepted():
    """Tests (and callers) pass made-up releases: the attributes are what counts."""
    fake = SimpleNamespace(tasks=ONET_TASKS, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id", "dwa_title"]),
                           occupations=pd.DataFrame({"onetsoc_code": [CODE], "title": ["Chief Executives"]}))
    assert len(score_tasks(TASKS, "rubric", onet=fake)) == 3


# --------------------------------------------------------------------------- A6: model
@pytest.mark.parametrize("model", ["learned-v1", Path("no/such/model.npz")])
def test_a_model_path_that_is_not_a_file_is_refused(model):
    err = _error(lambda: score_tasks(TASKS, model=model))
    assert "model" in str(err) and "load_model" in str(err)


@pytest.mark.parametrize("model", [5, {"coef": {}}, b"learned-v1.npz"])
def test_a_model_of_another_type_is_refused(model):
    err = _error(lambda: score_tasks(TASKS, model=model))
    assert "model must be a LearnedModel" in str(err) and type(model).__name__ in str(err)


@pytest.mark.parametrize("as_text", [True, False])
def test_a_model_artifact_path_is_loaded(as_text):
    path = shipped_model_path()
    given = score_tasks(TASKS, model=str(path) if as_text else path)
    pd.testing.assert_frame_equal(given, score_tasks(TASKS, model=load_model()))
    pd.testing.assert_frame_equal(score_learned(TASKS, model=str(path)), score_learned(TASKS))


def test_a_model_path_of_an_unpinned_file_is_an_exposure_error(tmp_path):
    other = tmp_path / "mine.npz"
    other.write_bytes(shipped_model_path().read_bytes())
    with pytest.raises(ExposureError, match="not listed in the model registry"):
        score_tasks(TASKS, model=other)


def test_score_learned_refuses_a_model_name():
    assert "load_model" in str(_error(lambda: score_learned(TASKS, model="learned-v1")))


# --------------------------------------------------------------------------- A6: row_offset
EMPTY_TEXT = pd.DataFrame({"task": ["Answer phones.", ""]})


@pytest.mark.parametrize("row_offset", [None, "2", -1, 1.5, True, float("nan")])
def test_a_bad_row_offset_is_refused_up_front(row_offset):
    for frame in (EMPTY_TEXT, EMPTY_TEXT.iloc[:1]):  # with and without a bad row
        err = _error(lambda frame=frame: score_tasks(frame, row_offset=row_offset))
        assert str(err).startswith("row_offset must be a whole number of 0 or more")
        assert repr(row_offset) in str(err)


@pytest.mark.parametrize("row_offset, row", [(0, 1), (1, 2), (2, 3), (np.int64(2), 3), (2.0, 3)])
def test_whole_row_offsets_shift_the_rows_named(row_offset, row):
    err = _error(lambda: score_tasks(EMPTY_TEXT, row_offset=row_offset))
    assert err.row == row and type(err.row) is int
