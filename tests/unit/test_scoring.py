"""score_tasks: every method, the TaskScores contract and bad input."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from exposure import _measures
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.measures.eloundou import read_task_labels
from exposure.schemas import validate
from exposure.schemas._scores import TaskScores
from exposure.scoring import (
    EVIDENCE_COLUMNS,
    PROBA_COLUMNS,
    SCORE_COLUMNS,
    TASK_SCORE_COLUMNS,
    score_tasks,
    task_score_table,
)
from exposure.scoring.categories import tag_categories
from exposure.scoring.learned import score_learned

TASKS = pd.DataFrame(
    {
        "onetsoc_code": ["43-9061.00", "47-2021.00", "47-2021.00", None],
        "task_id": [101, 201, 999, None],
        "task": [
            "Answer telephones, take messages and relay them to staff.",
            "Lay bricks to build walls and chimneys.",
            "Operate a forklift to move pallets of bricks.",
            "Write Python scripts that clean a spreadsheet of sales figures.",
        ],
        "title": ["Office Clerks, General", "Brickmasons and Blockmasons", "Brickmasons and Blockmasons", None],
    },
    index=[10, 11, 12, 13],
)


def fake_onet():
    """A made-up O*NET release with the tables the scorers read."""
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [101, 201],
                          "task": TASKS["task"].iloc[:2].tolist(), "task_type": ["Core", "Core"]})
    task_dwas = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [101, 201],
                              "dwa_id": ["4.A.4.a.1.I01.D01", "4.A.3.a.2.I01.D01"]})
    dwas = pd.DataFrame({"dwa_id": task_dwas["dwa_id"], "iwa_id": ["4.A.4.a.1.I01", "4.A.3.a.2.I01"],
                         "dwa_title": ["Answer calls.", "Lay bricks."], "element_id": ["4.A.4.a.1", "4.A.3.a.2"]})
    occupations = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"],
                                "title": ["Office Clerks, General", "Brickmasons and Blockmasons"],
                                "description": ["", ""], "job_zone": pd.array([2, 2], dtype="Int64")})
    job_zones = occupations[["onetsoc_code", "job_zone"]]
    return SimpleNamespace(release="test", tasks=tasks, task_dwas=task_dwas, dwas=dwas,
                           occupations=occupations, job_zones=job_zones, iwas=None)


def _check_contract(out, n, frame=TASKS):
    """The caller's frame (same index, same columns), then the score columns."""
    assert list(out.columns) == [*frame.columns, *SCORE_COLUMNS]
    assert len(out) == n and out.index.tolist() == frame.index.tolist()
    pd.testing.assert_frame_equal(out[list(frame.columns)], frame)
    validate(task_score_table(out), TaskScores)
    out = out.reset_index(drop=True)
    scored = out["p_e0"].notna()
    p = out.loc[scored, ["p_e0", "p_e1", "p_e2"]].to_numpy()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(out.loc[scored, "alpha"], p[:, 1])
    np.testing.assert_allclose(out.loc[scored, "beta"], p[:, 1] + 0.5 * p[:, 2])
    np.testing.assert_allclose(out.loc[scored, "gamma"], p[:, 1] + p[:, 2])
    labels = np.array(["E0", "E1", "E2"])[p.argmax(axis=1)]
    assert out.loc[scored, "label"].tolist() == labels.tolist()


def test_learned_default_scores_and_order():
    out = score_tasks(TASKS)
    _check_contract(out, 4)
    out = out.reset_index(drop=True)
    assert (out["method"] == "learned").all()
    assert out["onetsoc_code"].tolist()[:3] == ["43-9061.00", "47-2021.00", "47-2021.00"]
    assert out["task_id"].isna().tolist() == [False, False, False, True]
    # the phone task is far more exposed than bricklaying and forklift driving
    assert out.loc[0, "gamma"] > 0.6
    assert out.loc[1, "gamma"] < 0.3 and out.loc[2, "gamma"] < 0.3
    assert out.loc[1, "label"] == "E0"
    assert out.loc[3, "gamma"] > 0.5  # scripting and spreadsheets
    # categories come from tag_categories, unchanged
    cats = tag_categories(TASKS)
    for col in ("admin", "routine_coding", "entry_creative"):
        assert out[col].tolist() == cats[col].tolist()
    assert out["admin"].tolist()[0] is True


def test_learned_text_only_frame():
    texts = ["Write and edit press releases and newsletter articles.", "Lay bricks to build walls."]
    frame = pd.DataFrame({"text": texts})
    out = score_tasks(frame, text_column="text")
    _check_contract(out, 2, frame)
    table = task_score_table(out)
    assert table["onetsoc_code"].isna().all() and table["task_id"].isna().all()
    assert out.loc[0, "label"] in ("E1", "E2") and out.loc[1, "label"] == "E0"
    assert out.loc[0, "gamma"] > out.loc[1, "gamma"] + 0.3


def test_learned_uses_onet_work_activities():
    raw = score_learned(TASKS.reset_index(drop=True), onet=fake_onet())
    assert raw["feature_set"].tolist() == ["onet", "onet", "text", "free"]
    without = score_learned(TASKS.reset_index(drop=True))
    assert without["feature_set"].tolist() == ["text", "text", "text", "free"]
    # the work-activity set gives different probabilities for the two O*NET tasks only
    assert not np.allclose(raw.iloc[:2, :3], without.iloc[:2, :3])
    np.testing.assert_allclose(raw.iloc[2:, :3], without.iloc[2:, :3])
    out = score_tasks(TASKS, onet=fake_onet())
    _check_contract(out, 4)


def test_rubric_dispatch():
    out = score_tasks(TASKS, method="rubric")
    _check_contract(out, 4)
    assert (out["method"] == "rubric").all()
    assert out.loc[11, "label"] == "E0"  # laying bricks is physical


def test_reference_joins_by_task_id_and_keeps_missing(fixtures):
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    out = score_tasks(TASKS, method="reference", labels=labels)
    _check_contract(out, 4)
    out = out.reset_index(drop=True)
    assert out["method"].unique().tolist() == ["reference-human"]
    assert out["label"].tolist()[:2] == ["E1", "E0"]
    # no published label: missing, never zero
    assert out.loc[2:, ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]].isna().all().all()
    assert out.loc[2:, "label"].isna().all()
    gpt4 = score_tasks(TASKS, method="reference-gpt4", labels=labels)
    assert gpt4["method"].iloc[0] == "reference-gpt4"
    assert gpt4["label"].tolist()[:2] == ["E1", "E0"]
    by_id = score_tasks(TASKS.drop(columns="onetsoc_code"), method="reference", labels=labels)
    assert by_id["label"].tolist()[:2] == ["E1", "E0"]


def test_reference_needs_task_ids(fixtures):
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    with pytest.raises(DataFormatError, match="task_id"):
        score_tasks(TASKS.drop(columns="task_id"), method="reference", labels=labels)


@pytest.mark.parametrize(
    ("frame", "kwargs", "match"),
    [
        (TASKS.drop(columns="task"), {}, "missing text column 'task'"),
        (TASKS.assign(task=["ok", "", "x", "y"]), {}, "non-empty string"),
        (TASKS.assign(task=["ok", "  ", "x", "y"]), {}, "non-empty string"),
        (TASKS.assign(task=["ok", 3.5, "x", "y"]), {}, "non-empty string"),
        (TASKS.assign(task=["ok", None, "x", "y"]), {}, "non-empty string"),
        (TASKS, {"occupation_column": "occ"}, "missing occupation column"),
        (TASKS.assign(task_id=[1, "x", 3, 4]), {}, "not an integer"),
    ],
)
def test_bad_input_raises_named_errors(frame, kwargs, match):
    with pytest.raises(DataFormatError, match=match):
        score_tasks(frame, **kwargs)


def test_bad_text_error_names_row_and_column():
    with pytest.raises(DataFormatError) as info:
        score_tasks(TASKS.assign(task=["ok", "x", "", "y"]), path="in.csv", row_offset=2)
    assert info.value.row == 4 and info.value.column == "task" and info.value.path == "in.csv"


def test_unknown_method_and_non_frame():
    with pytest.raises(ExposureError, match="unknown scoring method 'gpt5'"):
        score_tasks(TASKS, method="gpt5")
    with pytest.raises(DataFormatError, match="DataFrame"):
        score_tasks(["a task"])


def test_bad_code_is_refused_before_scoring():
    with pytest.raises(DataFormatError, match="row 1, column 'onetsoc_code'") as exc:
        score_tasks(TASKS.assign(onetsoc_code=["43-9061", None, None, None]))
    assert not isinstance(exc.value, SchemaError)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"onetsoc_code": ["43-9061.00", "bad", "47-2021.00", None]},
         "row 2, column 'onetsoc_code': O*NET-SOC code 'bad' is not of the form 00-0000.00"),
        ({"onetsoc_code": ["43-9061.00", 472021, "47-2021.00", None]},
         "row 2, column 'onetsoc_code': O*NET-SOC code 472021 is not of the form 00-0000.00"),
        ({"onetsoc_code": ["43-9061.00", "47-2021.00", " 47-2021.00", None]},
         "row 3, column 'onetsoc_code': O*NET-SOC code ' 47-2021.00' is not"),
        ({"task_id": [101, -1, 999, None]},
         "row 2, column 'task_id': task ID -1 is negative; O*NET task IDs are 0 or more"),
        ({"task_id": ["101", "-1", "999", None]}, "row 2, column 'task_id': task ID '-1' is negative"),
        ({"task_id": pd.array([101, None, -7, None], dtype="Int64")}, "row 3, column 'task_id': task ID -7"),
        # the earliest row wins, whatever the check: a bad code before an empty task ...
        ({"onetsoc_code": ["43-9061.00", "bad", "47-2021.00", None], "task": ["Type.", "Weld.", "", "Sew."]},
         "row 2, column 'onetsoc_code'"),
        # ... a negative task ID before one that is not an integer ...
        ({"task_id": ["-1", "x", "999", None]}, "row 1, column 'task_id': task ID '-1' is negative"),
        # ... and an empty task before a bad code
        ({"onetsoc_code": ["43-9061.00", "47-2021.00", "bad", None], "task": ["Type.", "", "Sew.", "Sew."]},
         "row 2, column 'task': task text must be a non-empty string"),
    ],
    ids=["bad-code", "int-code", "spaced-code", "negative-id", "negative-text-id", "negative-Int64-id",
         "code-before-text", "negative-before-text-id", "text-before-code"],
)
def test_codes_and_task_ids_that_task_scores_refuses_are_refused_before_scoring(monkeypatch, changes,
                                                                               message):
    """A code or task ID the TaskScores output refuses is a row problem of the input checks.

    It used to be found by the output schema after the scoring (a SchemaError), so the
    work was wasted and a file read in batches named another row than the whole file.
    """
    import exposure.scoring

    def no_scoring(*args, **kwargs):
        raise AssertionError("scored before the input checks refused the frame")

    monkeypatch.setattr(exposure.scoring, "_score_table", no_scoring)
    with pytest.raises(DataFormatError) as exc:
        score_tasks(TASKS.assign(**changes), "rubric", path="in.csv", row_offset=1)
    assert not isinstance(exc.value, SchemaError)
    assert str(exc.value).startswith(f"in.csv, {message}")


def test_missing_codes_and_task_ids_and_task_id_0_are_still_scored():
    frame = TASKS.assign(onetsoc_code=[None, np.nan, "47-2021.00", pd.NA], task_id=[0, None, np.nan, 5])
    out = score_tasks(frame, "rubric")
    assert task_score_table(out)["task_id"].tolist() == [0, pd.NA, pd.NA, 5]


def test_the_task_id_bound_of_the_input_checks_is_that_of_task_scores():
    from exposure.scoring import _MIN_TASK_ID

    checks = TaskScores.to_schema().columns["task_id"].checks
    assert [(c.name, c.statistics) for c in checks] == [("greater_than_or_equal_to",
                                                         {"min_value": _MIN_TASK_ID})]


@pytest.mark.parametrize("method", ["learned", "rubric", "reference"])
@pytest.mark.parametrize("dtype", ["int64[pyarrow]", "double[pyarrow]"])
def test_arrow_task_ids_score_as_int64_ids(fixtures, method, dtype):
    """``reference`` raised ``NotImplementedError: mod not implemented`` on Arrow task IDs."""
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    frame = TASKS.iloc[:3]
    expected = score_tasks(frame, method, labels=labels)
    got = score_tasks(frame.astype({"task_id": dtype}), method, labels=labels)
    pd.testing.assert_frame_equal(got.drop(columns="task_id"), expected.drop(columns="task_id"))
    if method == "reference":
        assert got["label"].tolist()[:2] == ["E1", "E0"]
    with_missing = TASKS.astype({"task_id": dtype})  # an Arrow null: missing, as NaN is
    pd.testing.assert_frame_equal(score_tasks(with_missing, method, labels=labels).drop(columns="task_id"),
                                  score_tasks(TASKS, method, labels=labels).drop(columns="task_id"))


def test_schema_rejects_inconsistent_measures():
    out = task_score_table(score_tasks(TASKS.iloc[:2]))
    bad = out.copy()
    bad.loc[0, "beta"] = bad.loc[0, "beta"] + 0.1
    with pytest.raises(SchemaError, match="_measures_follow_probabilities"):
        validate(bad, TaskScores)
    bad = out.copy()
    bad.loc[0, "p_e0"] = bad.loc[0, "p_e0"] + 0.1
    with pytest.raises(SchemaError):
        validate(bad, TaskScores)
    dup = pd.concat([out.iloc[:1], out.iloc[:1]])
    with pytest.raises(SchemaError, match="unique"):
        validate(dup, TaskScores)


def test_learned_occupation_context_uses_the_other_tasks():
    task = "Prepare reports on the results."
    alone = score_learned(pd.DataFrame({"task": [task]}))
    occupation = {"title": ["Clerks"] * 3, "onetsoc_code": ["43-9061.00"] * 3}
    office = score_learned(pd.DataFrame({"task": [task, "Type letters and memos.", "Enter data into spreadsheets."],
                                         **occupation}))
    field = score_learned(pd.DataFrame({"task": [task, "Dig trenches with shovels.", "Pour concrete footings."],
                                        **occupation}))
    # same task and occupation, different co-tasks -> different context -> different scores
    assert office.loc[0, "p_e0"] < field.loc[0, "p_e0"]
    assert not np.allclose(alone.iloc[0, :3].to_numpy(float), office.iloc[0, :3].to_numpy(float))


def test_columns_and_measures_follow_the_shared_facts():
    assert TASK_SCORE_COLUMNS == ("onetsoc_code", "task_id", *PROBA_COLUMNS, "label",
                                  *_measures.EXPOSURE_MEASURES, *_measures.CATEGORIES, "method")
    assert SCORE_COLUMNS == (*TASK_SCORE_COLUMNS[2:], *EVIDENCE_COLUMNS)
    out = score_tasks(TASKS, method="rubric")
    p = out[list(PROBA_COLUMNS)].to_numpy(float)
    for k, measure in enumerate(_measures.EXPOSURE_MEASURES):
        expected = sum(p[:, j] * _measures.LABEL_SCORES[label][k] for j, label in enumerate(_measures.LABELS))
        np.testing.assert_allclose(out[measure].to_numpy(float), expected, rtol=0, atol=1e-15)
    # beta is p_e1 + 0.5 p_e2 exactly (bit for bit, as before LABEL_LEVELS)
    assert out["beta"].to_numpy(float).tobytes() == (p[:, 1] + 0.5 * p[:, 2]).tobytes()
    assert out["gamma"].to_numpy(float).tobytes() == (p[:, 1] + p[:, 2]).tobytes()


def test_output_composes_with_the_callers_frame():
    """The issue-12 trap: ``df[mask].join(score_tasks(df[mask]))`` attached the wrong rows."""
    df = TASKS.assign(note=["a", "b", "c", "d"])
    mask = df["note"].isin(["b", "d"])
    joined = df.join(score_tasks(df[mask])[["label", "beta"]])
    alone = score_tasks(df.loc[[11]]).iloc[0]
    assert joined.loc[11, "beta"] == alone["beta"]
    assert joined.loc[[10, 12], "beta"].isna().all()
    # the caller's frame is not modified, a column named like a score column is replaced
    old = df.assign(label="mine")
    out = score_tasks(old, method="rubric")
    assert (old["label"] == "mine").all() and list(out.columns).count("label") == 1
    assert out.columns[-len(SCORE_COLUMNS):].tolist() == list(SCORE_COLUMNS)


def test_duplicate_key_reported_once_before_scoring(caplog):
    dup = pd.concat([TASKS.iloc[:2], TASKS.iloc[[1]], TASKS.iloc[[1]]])
    dup["task_id"] = dup["task_id"].astype(str)  # '201' and 201.0 are the same key
    dup.iloc[3, dup.columns.get_loc("task_id")] = "201.0"
    with pytest.raises(DataFormatError) as info:
        score_tasks(dup, path="in.csv", row_offset=2)
    message = str(info.value)
    assert "\n" not in message and message.count("duplicate") == 1
    assert info.value.row == 4 and info.value.column == "task_id"
    assert "first on row 3" in message
    assert "learned: scored" not in caplog.text  # raised before scoring


def test_evidence_columns_of_free_text_and_onet_rows():
    out = score_tasks(TASKS, onet=fake_onet()).reset_index(drop=True)
    # O*NET rows scored from their work activities: no retrieval evidence
    assert out.loc[:1, "similarity"].isna().all() and out.loc[:1, "nearest_task_id"].isna().all()
    free = out.loc[2:]
    assert free["nearest_task_id"].notna().all() and free["nearest_onetsoc_code"].notna().all()
    assert ((free["similarity"] > 0) & (free["similarity"] <= 1)).all()
    assert out["confidence"].between(0, 1).all()


def test_not_a_work_task_gets_a_warning_and_low_confidence(caplog):
    texts = ["asdf qwer zxcv", "\u30e1\u30fc\u30eb\u306b\u8fd4\u4fe1\u3059\u308b",
             "Answer telephones, take messages and relay them to staff."]
    with caplog.at_level("WARNING"):
        out = score_tasks(pd.DataFrame({"task": texts}))
    assert "do not read as work tasks" in caplog.text and "2 of 3" in caplog.text
    assert out["confidence"].iloc[0] < 0.1 and out["confidence"].iloc[1] < 0.1
    assert out["confidence"].iloc[2] > 0.5


def test_readme_use_snippet_runs_as_written(capsys):
    """The README "Use" block, executed verbatim."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## Use", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    scores, occ2 = namespace["scores"], namespace["occ2"]
    assert scores.index.tolist() == namespace["my_tasks"].index.tolist()
    assert occ2["onetsoc_code"].tolist() == ["43-4051.00", "47-2031.00"]
    assert "nearest_onetsoc_code" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs", [{"text_column": "label"}, {"text_column": "task",
                                                               "occupation_column": "method"}])
def test_text_or_occupation_column_named_like_a_score_column_is_refused(kwargs):
    frame = pd.DataFrame({"label": ["Write code.", "Sew."], "task": ["Write code.", "Sew."],
                          "method": ["Dev", "Tailor"]})
    with pytest.raises(DataFormatError, match="has the name of a score column") as exc:
        score_tasks(frame, "rubric", path="in.csv", **kwargs)
    assert str(exc.value).startswith("in.csv, column ")


def test_reference_without_task_id_names_the_file(fixtures):
    labels = read_task_labels(fixtures / "scoring" / "labels_tiny.tsv")
    with pytest.raises(DataFormatError) as exc:
        score_tasks(pd.DataFrame({"task": ["Weld."]}), "reference", labels=labels, path="in.csv")
    assert str(exc.value).startswith("in.csv, column 'task_id': the reference method needs")


def test_scoring_pauses_the_collector_and_restores_it_as_it_was(monkeypatch):
    import gc

    import exposure.scoring as scoring
    from exposure.scoring import _collector_paused

    seen = []
    inner = scoring._score_table

    def probe(*args, **kwargs):
        seen.append(gc.isenabled())
        return inner(*args, **kwargs)

    monkeypatch.setattr(scoring, "_score_table", probe)
    score_tasks(pd.DataFrame({"task": ["Weld pipes."]}))
    assert seen == [False] and gc.isenabled()
    seen.clear()
    frame = pd.DataFrame({"task": ["Answer telephones and relay messages."]})
    with pytest.raises(RuntimeError):
        with _collector_paused():
            seen.append(gc.isenabled())
            raise RuntimeError("boom")
    assert seen == [False] and gc.isenabled()  # enabled again after an error
    gc.disable()
    try:
        score_tasks(frame)
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()
    score_tasks(frame)
    assert gc.isenabled()
