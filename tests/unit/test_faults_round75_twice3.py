"""Round 75 (third wave, ``twice3``): one wording for a column given twice; a warning said once.

Faults found (each test below failed before its fix):

1. A column given twice (two tables put side by side with ``pd.concat(..., axis=1)``) was
   worded several ways, always naming the column twice and often not naming the frame:
   ``crosswalk, column 'b': column 'b' appears more than once`` (the crosswalks and
   published measures: ``measures._crosswalk.check_once``); ``column 'task': column 'task'
   appears more than once`` (``score_tasks`` and the scorers: no frame named; ``in.csv,
   column 'task': ...`` with ``path``); ``column 'task': labels: column 'task' appears
   more than once`` (the reference labels); ``task_scores, column 'alpha': column 'alpha'
   appears more than once`` (the roll-ups); ``old, column 'task_id': column 'task_id'
   appears more than once`` (``diff_tasks``); ``column 'onetsoc_code': column
   'onetsoc_code' appears more than once`` (paraphrases given without ``path``);
   ``column 'admin': modern tasks: column 'admin' appears more than once: keep one of
   them`` and ``column 'label': column 'label' appears more than once`` (the modern
   tasks); ``predicted, column 'admin': column 'admin' appears more than once`` (the
   category flags). Now one helper (``measures._crosswalk.check_once``) says it as the
   roll-ups' ``require_frame`` does: the frame (or file) first, the column once, then the
   advice: ``tasks, column 'task': given more than once: keep one``.
2. ``exposure report categories`` (``write_category_reports`` with a validation sample)
   warned of a stratum holding a single task twice, in two lines about the same task: once
   for the validation table (``validation_metrics``) and once for the estimates
   (``category_estimates``). Now one line per stratum, saying what the task does to both.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text
from test_faults_round31_catreport import HEAD, SOC, XW, _tiny_onet, write_v2

from exposure.errors import DataFormatError
from exposure.measures._crosswalk import apply_links, check_once, links_from_pairs
from exposure.reports.agreement import check_modern_tasks, check_paraphrases
from exposure.reports.categories import precision_recall, write_category_reports
from exposure.reports.diff import diff_tasks
from exposure.rollup import to_occupations
from exposure.scoring import score_tasks
from exposure.scoring.reference import score_reference


def _twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` with ``column`` again at the end (two tables put side by side)."""
    return pd.concat([frame, frame[[column]]], axis=1)


# ---------------------------------------------------------------------------------------
# 1. a column given twice: the frame first, the column once, one wording
# ---------------------------------------------------------------------------------------
TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                      "task": ["Answer telephones.", "Lay bricks."]})
LABELS = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                       "task": ["Answer telephones.", "Lay bricks."], "human_exposure_agg": ["E1", "E0"],
                       "gpt4_exposure": ["E1", "E0"]})
SCORES = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                       "task_type": ["Core", "Core"], "alpha": [0.5, 0.1], "beta": [0.6, 0.2],
                       "gamma": [0.7, 0.3]})
DIGESTS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "text_digest": ["a"]})
PARA = pd.DataFrame({"onetsoc_code": ["43-9061.00"], "task_id": [1], "paraphrase": ["You answer phones."]})
MODERN = pd.DataFrame({"task": ["Triage support tickets in Zendesk.", "Weld steel pipes."],
                       "label": ["E1", "E0"], "exposed": ["yes", "no"], "admin": [True, False]})
FLAGS = pd.DataFrame({"admin": [True, False], "routine_coding": [False, False], "entry_creative": [False, True]})

CASES = {
    # measures: the crosswalks and published measures (check_once itself)
    "links_from_pairs": (lambda: links_from_pairs(_twice(pd.DataFrame({"a": ["1"], "b": ["x"]}), "b"), "a", "b"),
                         "crosswalk, column 'b'"),
    "apply_links": (lambda: apply_links(_twice(pd.DataFrame({"c": ["1"], "v": [0.5]}), "v"),
                                        pd.DataFrame({"source_code": ["1"], "target_code": ["x"],
                                                      "crosswalk_weight": [1.0]}), code="c", values=["v"]),
                    "scores, column 'v'"),
    # scoring: the frame was not named at all
    "score_tasks": (lambda: score_tasks(_twice(TASKS, "task"), "rubric"), "tasks, column 'task'"),
    "score_tasks-path": (lambda: score_tasks(_twice(TASKS, "task"), "rubric", path="in.csv"),
                         "in.csv, column 'task'"),
    "score_reference": (lambda: score_reference(_twice(TASKS, "task_id"), LABELS), "frame, column 'task_id'"),
    "reference-labels": (lambda: score_reference(TASKS, _twice(LABELS, "task")), "labels, column 'task'"),
    # roll-ups
    "to_occupations": (lambda: to_occupations(_twice(SCORES, "alpha"), "equal"), "task_scores, column 'alpha'"),
    "to_occupations-core": (lambda: to_occupations(_twice(SCORES, "task_type"), "core"),
                            "task_scores, column 'task_type'"),
    # reports
    "diff_tasks": (lambda: diff_tasks(_twice(DIGESTS, "task_id"), DIGESTS.assign(text_digest=["b"])),
                   "old, column 'task_id'"),
    "check_paraphrases": (lambda: check_paraphrases(_twice(PARA, "task_id"), LABELS, path="p.csv"),
                          "p.csv, column 'task_id'"),
    "check_paraphrases-frame": (lambda: check_paraphrases(_twice(PARA, "onetsoc_code"), LABELS),
                                "paraphrases, column 'onetsoc_code'"),
    "check_modern_tasks": (lambda: check_modern_tasks(_twice(MODERN, "admin")), "modern tasks, column 'admin'"),
    "check_modern_tasks-key": (lambda: check_modern_tasks(_twice(MODERN, "label")), "modern tasks, column 'label'"),
    "precision_recall": (lambda: precision_recall(FLAGS, _twice(FLAGS, "admin")), "predicted, column 'admin'"),
}


@pytest.mark.parametrize("call, where", CASES.values(), ids=CASES.keys())
def test_1_a_column_given_twice_is_said_one_way(call, where):
    with pytest.raises(DataFormatError) as info:
        call()
    assert str(info.value) == f"{where}: given more than once: keep one"
    assert str(info.value).count(f"'{info.value.column}'") == 1  # the column named once


def test_1_check_once_names_the_first_column_given_twice_and_passes_a_frame_without_one():
    frame = pd.DataFrame([[1, 2, 3, 4]], columns=["a", "b", "b", "a"])
    with pytest.raises(DataFormatError, match=r"^t, column 'b': given more than once: keep one$"):
        check_once(frame, ["c", "b", "a"], "t")
    with pytest.raises(DataFormatError, match=r"^t, column 'b': given more than once: keep one$"):
        check_once(frame.iloc[:, 1:], None, "t")  # every column
    check_once(frame, ["c"], "t")  # a column not read may be there twice
    check_once(pd.DataFrame({"a": [1], "b": [2]}), None, "t")
    with pytest.raises(DataFormatError, match=r"^table, column '1': given more than once: keep one$"):
        check_once(pd.DataFrame([[1, 2]], columns=[1, 1]), [1])


def test_1_each_column_once_is_read_as_before():
    assert score_tasks(TASKS, "rubric")["beta"].between(0, 1).all()
    assert len(to_occupations(SCORES, "equal")) == 2
    assert check_modern_tasks(MODERN)["admin"].tolist() == [True, False]
    assert list(precision_recall(FLAGS, FLAGS)["precision"].dropna()) == [1.0, 1.0]


# ---------------------------------------------------------------------------------------
# 2. a stratum of one task, warned of once by exposure report categories
# ---------------------------------------------------------------------------------------
pytestmark = pytest.mark.usefixtures("no_env")


def _lone(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "stratum holds one task only" in r.getMessage()]


def test_2_a_stratum_of_one_task_is_warned_of_once(tmp_path, caplog):
    h = write_text(tmp_path, "h.csv", HEAD + "43-9061.00,3,random,True,False,False,filing\n")
    v2 = write_v2(tmp_path / "blind")  # one task in each of the two strata
    with caplog.at_level("WARNING", logger="exposure.reports.categories"):
        tables = write_category_reports({"development": h}, tmp_path / "out", onet=_tiny_onet(), validation=v2,
                                        onet_to_soc=XW, soc_scores=SOC)
    both = ("a bootstrap of one task has no spread, so its intervals in the validation table are left empty, "
            "and the population intervals there and the intervals of the estimates leave out its sampling error "
            "(too narrow); sample two tasks or more per stratum")
    assert _lone(caplog) == [f"sample: the enriched stratum holds one task only, (47-2021.00, 2): {both}",
                             f"sample: the uniform stratum holds one task only, (43-9061.00, 1): {both}"]
    # the tables are as before: the strata's own intervals empty
    val = tables["validation"].set_index(["sample", "category"])
    assert pd.isna(val.loc[("uniform", "admin"), "precision_lo"])
    assert len(tables["estimates"]) > 0


def test_2_a_second_report_warns_again(tmp_path, caplog):
    """Nothing is kept between two runs: each report warns of its strata once."""
    h = write_text(tmp_path, "h.csv", HEAD + "43-9061.00,3,random,True,False,False,filing\n")
    v2 = write_v2(tmp_path / "blind")
    with caplog.at_level("WARNING", logger="exposure.reports.categories"):
        write_category_reports({"development": h}, tmp_path / "out", onet=_tiny_onet(), validation=v2,
                               onet_to_soc=XW, soc_scores=SOC)
        caplog.clear()
        write_category_reports({"development": h}, tmp_path / "out2", onet=_tiny_onet(), validation=v2,
                               onet_to_soc=XW, soc_scores=SOC)
    assert len(_lone(caplog)) == 2
