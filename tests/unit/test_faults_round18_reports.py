"""Round 18: bad inputs to the report builders (agreement, rubric, categories) and their commands.

Faults found (each test below failed before its fix):

1. ``evaluate_method`` (and ``evaluate_free_text``, ``rubric_agreement``) read a labels
   frame without checking it: a GPT-4 label written ``'e1'``, ``' E1'`` or missing was
   **dropped from the GPT-4 row without a word** (``n_tasks`` 4 of 5, accuracy 1.0 instead
   of 0.8); a task listed twice counted twice; a missing code became an occupation
   ``'nan'``; a missing column, None or a text task ID raised ``KeyError``,
   ``TypeError``, ``ValueError``. ``rubric_agreement`` without ``human_exposure_agg``
   returned the rubric's label shares only; on a label ``'e1'`` or a missing one it raised
   ``KeyError``; on an empty frame it returned NaN with numpy warnings.
2. ``evaluate_method``: a ``method`` Series raised pandas' truth value error,
   ``control="no"`` ran the control, ``control=True`` with the rubric was ignored, a
   ``n_folds`` of ``"2"`` said "cannot deal 10 occupation groups into 2 folds", and
   ``learned`` without ``onet`` said "the grounded feature block needs a retrieval index
   and its task rows".
3. ``check_modern_tasks`` took a task listed twice (also with other case or spaces): it
   counted twice in every share; ``check_paraphrases`` raised ``TypeError`` /
   ``KeyError`` / ``ValueError`` on a ``labelled`` frame that is None, a list, lacks
   ``task_id`` or misses a task ID, and took ``path=5``.
4. ``write_rubric_agreement(None)`` raised ``TypeError``; ``out="r.xlsx"`` wrote CSV text
   under a workbook's name.
5. ``categories.precision_recall``, ``validation_metrics``, ``annotator_agreement`` and
   ``category_estimates`` read the category flags with ``to_numpy(dtype=bool)``: the text
   ``"False"`` and NaN were **True**, ``2`` was True (figures silently wrong); a nullable
   NA or a repeated column raised numpy errors. ``validation_metrics`` dropped a stratum
   other than ``uniform`` / ``enriched`` from the strata rows, gave a negative precision
   for a negative weight and NaN for a missing one; bad ``n_boot``, ``seed``, ``level``
   and frames of two lengths raised numpy errors. ``task_employment`` gave negative
   employment for a negative ``tot_emp``, ``InvalidIndexError`` for a repeated SOC code,
   ``TypeError`` for no tasks; ``category_estimates`` raised ``AttributeError`` for a list
   and broadcast errors for another length.
6. ``write_category_reports`` (``exposure report categories``) added ``dev_v2.csv``
   beside the first sample even when that sample **was** ``dev_v2.csv``, and pooled two
   samples holding the same task: the pooled row counted it twice (n 1297 for 697 tasks).
7. ``exposure evaluate --modern ''`` (or ``--paraphrases ''``) was read as no option: the
   agreement report ran (minutes of CV) and was written instead of the free-text one.
   ``--modern`` / ``--paraphrases`` files were read only after the labels and O*NET
   (downloaded when not cached); ``report categories --validation DIR`` only after O*NET.
   ``--seed -1`` was accepted by ``--method rubric``/``reference``; ``--method foo`` listed
   ``transformer`` among the choices, which is then refused.
8. ``reproduce_occ_level`` counted a published code given twice as two occupations and a
   missing one as unmatched; None, a missing column or text raised ``AttributeError``,
   ``KeyError``, ``ValueError``. ``workforce_shares`` gave a share of 1.5 for a negative
   ``tot_emp``.
9. ``sources.validate_file(["tasks"], ...)`` raised ``TypeError: unhashable type``, a path
   None or bytes pathlib's ``TypeError``; ``coverage_figures(None)`` and
   ``write_source_reports(None, ...)`` ``AttributeError``.
10. ``outcomes.summary_table`` wrote the text coefficient ``"x"`` as 100 ``x``'s and 1.5
    occupations as 1 (NaN: ``IntCastingNaNError``; a missing specification:
    ``AttributeError``); ``quintile_table`` made a group 2.5 a column ``Q2.5`` and raised
    pandas' reshape error on a (measure, group) twice; ``plot_event_study(c, "beta")`` asked
    for the measures b, e, t, a and ``ncols=0`` drew one column.
11. ``figures.weighted_mean`` dropped a text cell as missing (the mean moved silently);
    ``by_major_group`` counted an occupation given twice twice.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli_lines as cli

from exposure.errors import DataFormatError, ExposureError
from exposure.reports import categories as cat
from exposure.reports.agreement import (
    check_modern_tasks,
    check_paraphrases,
    evaluate_free_text,
    evaluate_method,
)
from exposure.reports.rubric import rubric_agreement, write_rubric_agreement

LABELS = pd.DataFrame({
    "onetsoc_code": ["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00", "43-9061.00"],
    "task_id": [1, 2, 3, 4, 5], "task_type": ["Core", "Core", "Core", None, "Core"],
    "task": ["Write reports.", "Enter data into databases.", "Cut lumber with saws.",
             "Nail boards using hammers.", "Answer telephones."],
    "title": ["Chief Executives"] * 2 + ["Carpenters"] * 2 + ["Office Clerks"],
    "human_exposure_agg": ["E1", "E2", "E0", "E0", "E1"],
    "gpt4_exposure": ["E1", "E2", "E0", "E1", "E1"]})


def _labels(**changes) -> pd.DataFrame:
    return LABELS.assign(**changes)


# ---------------------------------------------------------------------------------------
# 1. labels given to evaluate_method, evaluate_free_text and rubric_agreement
# ---------------------------------------------------------------------------------------
REPORTS = {
    "rubric": lambda labels: evaluate_method("rubric", labels),
    "reference": lambda labels: evaluate_method("reference", labels),
    "rubric_agreement": rubric_agreement,
}


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("label, shown, hint", [("e1", "'e1'", r"write 'E1' \(the choices are case-sensitive\)"),
                                               (" E1", "' E1'", r"write 'E1' \(without the spaces around it\)"),
                                               (1, "1", r"a class\? write its label, 'E1'")])
def test_a_gpt4_label_that_is_not_e0_e1_e2_is_refused_not_dropped(report, label, shown, hint):
    """It was left out of the GPT-4 row: n_tasks 4, accuracy 1.0 instead of 5 and 0.8."""
    labels = _labels(gpt4_exposure=pd.Series(["E1", "E2", "E0", label, "E1"], dtype=object))
    with pytest.raises(DataFormatError, match=rf"^labels, row 4, column 'gpt4_exposure': gpt4_exposure "
                                              rf"must be E0, E1 or E2, got {shown}: {hint}$"):
        REPORTS[report](labels)


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("column", ["human_exposure_agg", "gpt4_exposure"])
def test_a_missing_label_is_refused(report, column):
    labels = LABELS.copy()
    labels.loc[3, column] = None
    with pytest.raises(DataFormatError, match=rf"^labels, row 4, column '{column}': {column} is missing: "
                                              "every task of the report needs its label"):
        REPORTS[report](labels)


@pytest.mark.parametrize("report", list(REPORTS))
def test_a_task_listed_twice_is_refused(report):
    """It counted twice (n_tasks 6 for 5 tasks)."""
    labels = pd.concat([LABELS, LABELS.iloc[[1]]], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^labels, row 6, column 'task_id': task key "
                                              r"\(11-1011\.00, 2\) is given twice \(rows 2 and 6\)"):
        REPORTS[report](labels)


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("change, message", [
    ({"onetsoc_code": ["11-1011.00", None, "47-2031.00", "47-2031.00", "43-9061.00"]},
     r"^labels, row 2, column 'onetsoc_code': O\*NET-SOC code missing"),
    ({"task_id": [1, 2, "abc", 4, 5]}, r"^labels, row 3, column 'task_id': "),
    ({"task_id": [1, 2, 3, 4, np.nan]}, r"^labels, row 5, column 'task_id': task ID missing"),
])
def test_a_bad_code_or_task_id_is_refused(report, change, message):
    with pytest.raises(DataFormatError, match=message):
        REPORTS[report](_labels(**change))


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("column", ["task_type", "onetsoc_code", "human_exposure_agg", "task"])
def test_a_missing_column_is_refused(report, column):
    """A KeyError (or, for the human labels of rubric_agreement, a table without them)."""
    with pytest.raises(DataFormatError, match=rf"^labels lacks column\(s\) \['{column}'\] \(columns: "):
        REPORTS[report](LABELS.drop(columns=column))


@pytest.mark.parametrize("method", ["rubric", "reference"])
@pytest.mark.parametrize("column", ["title", "gpt4_exposure"])
def test_evaluate_method_names_its_other_columns(method, column):
    with pytest.raises(DataFormatError, match=rf"^labels lacks column\(s\) \['{column}'\]"):
        evaluate_method(method, LABELS.drop(columns=column))


def test_rubric_agreement_still_takes_labels_without_gpt4_and_title():
    table = rubric_agreement(LABELS.drop(columns=["gpt4_exposure", "title"]))
    assert set(table["reference"]) == {"rubric", "human"}


@pytest.mark.parametrize("report", list(REPORTS))
@pytest.mark.parametrize("labels, shown", [(None, "NoneType"), ("labels.tsv", "str"),
                                           (LABELS.to_dict("list"), "dict")])
def test_labels_that_are_not_a_frame_are_refused(report, labels, shown):
    with pytest.raises(DataFormatError, match=rf"^labels must be a pandas DataFrame.*got {shown}"):
        REPORTS[report](labels)


@pytest.mark.parametrize("report", list(REPORTS))
def test_empty_labels_are_refused(report):
    with pytest.raises(DataFormatError, match=r"^labels has no rows: no task to compare"):
        REPORTS[report](LABELS.iloc[:0])


@pytest.mark.parametrize("report", list(REPORTS))
def test_valid_labels_give_the_same_figures_whatever_the_index(report):
    base = REPORTS[report](LABELS)
    base = base[0] if isinstance(base, tuple) else base
    for index in ([10, 11, 12, 13, 14], [0, 0, 1, 1, 2]):
        got = REPORTS[report](LABELS.set_axis(index))
        got = got[0] if isinstance(got, tuple) else got
        pd.testing.assert_frame_equal(got, base)
    got = REPORTS[report](_labels(task_id=["1", "2", "3", "4", "5"]))  # task IDs as text
    pd.testing.assert_frame_equal(got[0] if isinstance(got, tuple) else got, base)


def test_learned_needs_o_net_soc_codes_the_rubric_rows_any_key():
    """The folds group codes by SOC 6-digit (their first 7 characters): 'a' is no code there."""
    with pytest.raises(DataFormatError, match=r"^labels, row 1, column 'onetsoc_code': O\*NET-SOC code 'a' is "
                                              r"not of the form 00-0000\.00"):
        evaluate_method("learned", _labels(onetsoc_code=["a", "a", "b", "b", "c"]), n_folds=2)
    table, _ = evaluate_method("rubric", _labels(onetsoc_code=["a", "a", "b", "b", "c"]))
    assert table.loc[0, "n_occupations"] == 3


def test_evaluate_free_text_checks_the_labels_before_the_cross_validation():
    with pytest.raises(DataFormatError, match=r"^labels, row 4, column 'gpt4_exposure'"):
        evaluate_free_text(_labels(gpt4_exposure=["E1", "E2", "E0", "e1", "E1"]), onet=None)
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) \['title'\]"):
        evaluate_free_text(LABELS.drop(columns="title"), onet=None)


# ---------------------------------------------------------------------------------------
# 2. the other arguments of evaluate_method / evaluate_free_text
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", [pd.Series(["rubric"]), ["rubric"], None])
def test_a_method_that_is_not_text_is_refused(method):
    with pytest.raises(DataFormatError, match=r"^method must be one of learned, rubric, reference \(str\)"):
        evaluate_method(method, LABELS)


@pytest.mark.parametrize("control", ["no", 1, None])
def test_control_must_be_true_or_false(control):
    """``control="no"`` ran the shuffled-label control (one more CV)."""
    with pytest.raises(DataFormatError, match=r"^control must be True or False, got"):
        evaluate_method("learned", LABELS, control=control)


def test_control_with_another_method_is_refused():
    """It was ignored, as ``exposure evaluate --control --method rubric`` was before."""
    with pytest.raises(ExposureError, match=r"^control \(the shuffled-label control\) is for method "
                                            r"learned only, not rubric"):
        evaluate_method("rubric", LABELS, control=True)


@pytest.mark.parametrize("call", [
    lambda **kw: evaluate_method("learned", LABELS, **kw),
    lambda **kw: evaluate_free_text(LABELS, None, **kw),
], ids=["evaluate_method", "evaluate_free_text"])
@pytest.mark.parametrize("kw, message", [
    ({"n_folds": "2"}, r"^n_folds must be a whole number of 2 or more, got str '2'"),
    ({"n_folds": True}, r"^n_folds must be a whole number of 2 or more, got bool True"),
    ({"n_folds": 1}, r"^n_folds must be a whole number of 2 or more, got int 1"),
    ({"seed": "0"}, r"^seed must be a whole number of 0 or more, got str '0'"),
    ({"seed": -1}, r"^seed must be a whole number of 0 or more, got int -1"),
])
def test_folds_and_seed_are_checked_first(call, kw, message):
    with pytest.raises(DataFormatError, match=message):
        call(**kw)


@pytest.mark.parametrize("call", [
    lambda: evaluate_method("learned", LABELS, n_folds=2),
    lambda: evaluate_free_text(LABELS, None, n_folds=2),
], ids=["evaluate_method", "evaluate_free_text"])
def test_learned_without_onet_says_what_is_missing(call):
    """It said "the grounded feature block needs a retrieval index and its task rows"."""
    with pytest.raises(ExposureError, match=r"needs onet, an O\*NET release \(e\.g\. exposure\.load_onet"
                                            r"\('29\.1'\)\)"):
        call()


# ---------------------------------------------------------------------------------------
# 3. modern tasks and paraphrases
# ---------------------------------------------------------------------------------------
MODERN = pd.DataFrame({"task": ["Triage support tickets.", "Lay bricks."], "label": ["E1", "E0"],
                       "exposed": [True, False]})


@pytest.mark.parametrize("again", ["Triage support tickets.", "  triage   SUPPORT tickets. "])
def test_a_modern_task_listed_twice_is_refused(again):
    """It counted twice in every share (n_tasks 3 for 2 tasks)."""
    modern = pd.concat([MODERN, pd.DataFrame({"task": [again], "label": ["E1"], "exposed": [True]})],
                       ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^m\.csv, row 4, column 'task': the task 'Triage support "
                                              r"tickets\.' is listed twice \(rows 2 and 4\): give each task once"):
        check_modern_tasks(modern, path="m.csv", row_offset=2)


def test_a_flag_message_shows_the_value_not_its_numpy_type():
    with pytest.raises(DataFormatError, match=r"^row 1, column 'exposed': must be true or false, got 2$"):
        check_modern_tasks(MODERN.assign(exposed=[2, 0]))


LABELLED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [8823, 8824]})
PARA = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823], "paraphrase": ["You run budgets."]})


@pytest.mark.parametrize("labelled, message", [
    (None, r"^labelled must be a pandas DataFrame"),
    ([1], r"^labelled must be a pandas DataFrame"),
    (LABELLED.drop(columns="task_id"), r"^labelled lacks column\(s\) \['task_id'\]"),
    (LABELLED.assign(task_id=[8823, np.nan]), r"^labelled, row 2, column 'task_id': task ID missing"),
])
def test_check_paraphrases_refuses_a_bad_labelled_frame(labelled, message):
    with pytest.raises(DataFormatError, match=message):
        check_paraphrases(PARA, labelled)


def test_check_paraphrases_checks_path_as_check_modern_tasks_does():
    with pytest.raises(DataFormatError, match=r"^path must be a file path \(str or os.PathLike\), got int 5"):
        check_paraphrases(PARA, LABELLED, path=5)


def test_check_paraphrases_still_takes_text_task_ids_in_labelled():
    got = check_paraphrases(PARA, LABELLED.assign(task_id=["8823", "8824"]))
    assert got["task_id"].tolist() == [8823]


# ---------------------------------------------------------------------------------------
# 4. write_rubric_agreement
# ---------------------------------------------------------------------------------------
def test_write_rubric_agreement_refuses_a_path_that_is_not_one(tmp_path):
    with pytest.raises(DataFormatError, match=r"^out must be a file path \(str or os.PathLike\), got NoneType"):
        write_rubric_agreement(None, labels=LABELS)


@pytest.mark.parametrize("name", ["r.xlsx", "r.csv.gz", "r"])
def test_write_rubric_agreement_refuses_a_name_other_than_csv(tmp_path, name):
    """CSV text was written under the name (``r.xlsx`` a workbook that Excel cannot open)."""
    with pytest.raises(ExposureError, match=r"the report is written as CSV; give a file name ending in \.csv"):
        write_rubric_agreement(tmp_path / name, labels=LABELS)
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------------------
# 5. the category reports' frames
# ---------------------------------------------------------------------------------------
FLAGS = pd.DataFrame({"admin": [True, True, False], "routine_coding": [False] * 3,
                      "entry_creative": [False, False, True]})


def _sample(**changes) -> pd.DataFrame:
    s = pd.DataFrame({"stratum": ["uniform"] * 4 + ["enriched"] * 2, "weight": [10.0] * 4 + [1.0] * 2,
                      "admin": [True, False, False, False, True, True], "routine_coding": [False] * 6,
                      "entry_creative": [False] * 6})
    return s.assign(**changes)


BAD_FLAGS = [
    (pd.Series(["False", "False", "False"], dtype=object), "str 'False'"),
    (pd.Series([True, np.nan, False], dtype=object), "float nan"),
    (pd.Series([2, 0, 0]), "int 2"),
    (pd.array([True, None, False], dtype="boolean"), "<NA>"),
]


@pytest.mark.parametrize("flags, shown", BAD_FLAGS, ids=["text", "nan", "two", "NA"])
def test_precision_recall_refuses_a_flag_that_is_not_true_or_false(flags, shown):
    """Text "False" and NaN were read as True, 2 as True: the figures changed silently."""
    row = 2 if shown in ("float nan", "<NA>") else 1
    with pytest.raises(DataFormatError, match=rf"^expected, row {row}, column 'admin': admin must be True or "
                                              rf"False \(or 1 / 0\), got {shown}"):
        cat.precision_recall(FLAGS.assign(admin=flags), FLAGS)


def test_precision_recall_still_takes_bools_and_ones_and_zeros():
    base = cat.precision_recall(FLAGS, FLAGS)
    pd.testing.assert_frame_equal(cat.precision_recall(FLAGS.astype(int), FLAGS.astype("boolean")), base)


def test_precision_recall_refuses_a_repeated_category_column():
    with pytest.raises(DataFormatError, match=r"^predicted, column 'admin': given more than once: keep one"):
        cat.precision_recall(FLAGS, pd.concat([FLAGS, FLAGS[["admin"]]], axis=1))


@pytest.mark.parametrize("flags, shown", BAD_FLAGS[:3], ids=["text", "nan", "two"])
def test_validation_metrics_refuses_bad_predicted_flags(flags, shown):
    pred = _sample()[list(cat.CATEGORIES)].assign(admin=pd.concat([pd.Series(flags), pd.Series([False] * 3)],
                                                                   ignore_index=True))
    with pytest.raises(DataFormatError, match=r"predicted, row \d+, column 'admin': admin must be True or False"):
        cat.validation_metrics(_sample(), pred, n_boot=5)


@pytest.mark.parametrize("change, message", [
    ({"stratum": ["Uniform"] * 4 + ["enriched"] * 2},
     r"^sample, row 1, column 'stratum': stratum must be uniform or enriched, got 'Uniform'"),
    ({"weight": [-10.0] + [10.0] * 3 + [1.0] * 2},
     r"^sample, row 1, column 'weight': weight must be a positive, finite number, got -10\.0"),
    ({"weight": [np.nan] + [10.0] * 3 + [1.0] * 2},
     r"^sample, row 1, column 'weight': weight must be a positive, finite number, got nan"),
    ({"weight": ["ten"] + [10.0] * 3 + [1.0] * 2}, r"^sample, row 1, column 'weight': not a number: 'ten'"),
])
def test_validation_metrics_refuses_a_bad_design(change, message):
    """A stratum 'Uniform' fell out of the uniform row (n 0); a weight -10 gave precision -4.0."""
    sample = _sample(**change)
    with pytest.raises(DataFormatError, match=message):
        cat.validation_metrics(sample, _sample()[list(cat.CATEGORIES)], n_boot=5)


BOOT_ARGS = [
    ({"n_boot": -1}, r"^n_boot must be a whole number of 1 or more, got int -1"),
    ({"n_boot": 0}, r"^n_boot must be a whole number of 1 or more, got int 0"),
    ({"n_boot": 2.5}, r"^n_boot must be a whole number of 1 or more, got float 2\.5"),
    ({"n_boot": True}, r"^n_boot must be a whole number of 1 or more, got bool True"),
    ({"seed": -1}, r"^seed must be a whole number of 0 or more, got int -1"),
    ({"seed": "1"}, r"^seed must be a whole number of 0 or more, got str '1'"),
    ({"level": 95}, r"^level must be a number between 0 and 1 \(0\.95 for 95%\), got int 95"),
    ({"level": 0}, r"^level must be a number between 0 and 1"),
    ({"level": "0.9"}, r"^level must be a number between 0 and 1"),
]


@pytest.mark.parametrize("kw, message", BOOT_ARGS)
def test_validation_metrics_refuses_bad_bootstrap_arguments(kw, message):
    with pytest.raises(DataFormatError, match=message):
        cat.validation_metrics(_sample(), _sample()[list(cat.CATEGORIES)], **{"n_boot": 5, **kw})


def test_validation_metrics_refuses_frames_of_two_lengths_and_non_frames():
    with pytest.raises(DataFormatError, match=r"^sample and predicted must have one length each, got 6 and 3"):
        cat.validation_metrics(_sample(), FLAGS, n_boot=5)
    with pytest.raises(DataFormatError, match=r"^sample must be a pandas DataFrame, got NoneType"):
        cat.validation_metrics(None, FLAGS, n_boot=5)
    with pytest.raises(DataFormatError, match=r"^sample lacks column\(s\) \['weight'\]"):
        cat.validation_metrics(_sample().drop(columns="weight"), _sample(), n_boot=5)


def test_validation_metrics_unchanged_on_a_valid_sample():
    s = _sample()
    p = s[list(cat.CATEGORIES)].copy()
    p.loc[1, "admin"] = True
    out = cat.validation_metrics(s, p, n_boot=50).set_index(["sample", "category"])
    assert out.loc[("population", "admin"), "precision"] == 0.5455
    same = cat.validation_metrics(s.assign(weight=[10] * 4 + [1] * 2), p.astype(int), n_boot=50)
    pd.testing.assert_frame_equal(same.set_index(["sample", "category"]), out)


ANNOTATED = pd.DataFrame({"admin": [True, False, True], "admin_b": [True, False, pd.NA],
                          "routine_coding": [False] * 3, "routine_coding_b": [False, False, pd.NA],
                          "entry_creative": [False] * 3, "entry_creative_b": [False, True, pd.NA]})


def test_annotator_agreement_refuses_text_flags_and_missing_columns():
    """``"False"`` in annotator B's column was read as True (agreement 0.5 instead of 1.0)."""
    with pytest.raises(DataFormatError, match=r"^sample, row 1, column 'admin_b': admin_b must be True or "
                                              r"False \(or 1 / 0\) or missing, got str 'False'"):
        cat.annotator_agreement(ANNOTATED.assign(admin_b=pd.Series(["False", "False", None], dtype=object)))
    with pytest.raises(DataFormatError, match=r"^sample, row 1, column 'admin': admin must be True or False"):
        cat.annotator_agreement(ANNOTATED.assign(admin=[np.nan, False, True]))
    with pytest.raises(DataFormatError, match=r"^sample lacks column\(s\) \['admin_b'\]"):
        cat.annotator_agreement(ANNOTATED.drop(columns="admin_b"))
    with pytest.raises(DataFormatError, match=r"^sample must be a pandas DataFrame, got NoneType"):
        cat.annotator_agreement(None)


def test_annotator_agreement_unchanged_on_a_valid_sample():
    got = cat.annotator_agreement(ANNOTATED)
    assert got["agreement"].tolist() == [1.0, 1.0, 0.5] and got["n"].tolist() == [2, 2, 2]


TASKS = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2 + ["43-9061.01"],
                      "task_type": ["Core", "Supplemental", "Core"]})
SOC = pd.DataFrame({"soc_code": ["43-9061"], "tot_emp": [300.0]})
XW = pd.DataFrame({"onetsoc_code": ["43-9061.00", "43-9061.01"], "soc_code": ["43-9061"] * 2})


@pytest.mark.parametrize("args, message", [
    ((TASKS, SOC.assign(tot_emp=[-300.0]), XW),
     r"^soc_scores, row 1, column 'tot_emp': tot_emp must be a number of 0 or more, got -300\.0"),  # (round 74)
    ((TASKS, SOC.assign(tot_emp=[np.nan]), XW),
     r"^soc_scores, row 1, column 'tot_emp': tot_emp is missing"),
    ((TASKS, SOC.assign(tot_emp=["**"]), XW),  # BLS's mark, named (round 74)
     r"^soc_scores, row 1, column 'tot_emp': tot_emp is missing \('\*\*', BLS's mark of employment not released\)"),
    ((TASKS, pd.concat([SOC, SOC], ignore_index=True), XW),
     r"^soc_scores, row 2, column 'soc_code': soc_code '43-9061' is given twice \(rows 1 and 2\)"),
    ((TASKS.assign(onetsoc_code=[None, "43-9061.00", "43-9061.01"]), SOC, XW),
     r"^tasks, row 1, column 'onetsoc_code': onetsoc_code is missing"),
    ((None, SOC, XW), r"^tasks must be a pandas DataFrame, got NoneType"),
    ((TASKS.drop(columns="task_type"), SOC, XW), r"^tasks lacks column\(s\) \['task_type'\]"),
    ((TASKS, SOC.drop(columns="tot_emp"), XW), r"^soc_scores lacks column\(s\) \['tot_emp'\]"),
])
def test_task_employment_refuses_bad_frames(args, message):
    """Negative employment came out negative, a repeated code raised InvalidIndexError."""
    with pytest.raises(DataFormatError, match=message):
        cat.task_employment(*args)


def test_task_employment_of_no_tasks_is_empty_and_valid_input_unchanged():
    """No tasks raised ``TypeError: Can only string multiply by an integer``."""
    got = cat.task_employment(TASKS.iloc[:0], SOC, XW)
    assert got.empty and got.name == "employment"
    assert cat.task_employment(TASKS.set_axis([7, 7, 9]), SOC, XW).tolist() == [100.0, 50.0, 150.0]


EST_TAGS = pd.DataFrame({"admin": [True, False, False, False], "routine_coding": [False] * 4,
                         "entry_creative": [False] * 4})
EMP = pd.Series([3.0, 1.0, 1.0, 1.0])
EST_SAMPLE = EST_TAGS.assign(stratum="uniform", weight=2.0)


@pytest.mark.parametrize("args, message", [
    ((EST_TAGS.assign(admin=["False"] * 4), EMP, EST_SAMPLE, EMP),
     r"^tags, row 1, column 'admin': admin must be True or False"),
    ((EST_TAGS, EMP.iloc[:2], EST_SAMPLE, EMP),
     r"^employment must be one number per row of tags \(4 rows\), got 2"),
    ((EST_TAGS, EMP, EST_SAMPLE, EMP.iloc[:2]),
     r"^sample_employment must be one number per row of sample \(4 rows\), got 2"),
    ((EST_TAGS, EMP.where(EMP < 3), EST_SAMPLE, EMP),
     r"^employment must be finite numbers of 0 or more, got nan at position 0"),
    ((EST_TAGS, -EMP, EST_SAMPLE, EMP), r"^employment must be finite numbers of 0 or more, got -3\.0 at position 0"),
    ((EST_TAGS, "emp", EST_SAMPLE, EMP), r"^employment must be one number per row of tags \(4 rows\), got str"),
])
def test_category_estimates_refuses_bad_inputs(args, message):
    """A text tag "False" was counted as tagged (share 1.0); NaN employment gave NaN silently."""
    with pytest.raises(DataFormatError, match=message):
        cat.category_estimates(*args, n_boot=5)


@pytest.mark.parametrize("kw, message", BOOT_ARGS)
def test_category_estimates_refuses_bad_bootstrap_arguments(kw, message):
    with pytest.raises(DataFormatError, match=message):
        cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, **{"n_boot": 5, **kw})


def test_category_estimates_takes_a_list_of_employment():
    """A list raised ``AttributeError: 'list' object has no attribute 'to_numpy'``."""
    base = cat.category_estimates(EST_TAGS, EMP, EST_SAMPLE, EMP, n_boot=20)
    pd.testing.assert_frame_equal(cat.category_estimates(EST_TAGS, EMP.tolist(), EST_SAMPLE, EMP.to_numpy(),
                                                         n_boot=20), base)


def test_read_validation_sample_refuses_another_stratum(tmp_path):
    """A stratum 'Uniform' fell out of the uniform and enriched rows of validation_metrics."""
    (tmp_path / "sample.csv").write_text(
        "onetsoc_code,task_id,stratum,enriched_population,inclusion_prob,weight,double\n"
        "43-9061.00,1,uniform,True,0.5,2.0,True\n11-1011.00,2,Uniform,False,0.25,4.0,False\n")
    with pytest.raises(DataFormatError, match=r"sample\.csv, row 3, column 'stratum': stratum must be uniform "
                                              r"or enriched, got 'Uniform'"):
        cat.read_validation_sample(tmp_path)


# ---------------------------------------------------------------------------------------
# 6. write_category_reports: one task in two samples
# ---------------------------------------------------------------------------------------
HEAD = "onetsoc_code,task_id,stratum,admin,routine_coding,entry_creative,note\n"


def _onet():
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00", "47-2021.00"], "task_id": [1, 2],
                          "task": ["Answer telephones.", "Lay bricks."]})
    return SimpleNamespace(tasks=tasks, task_dwas=pd.DataFrame(columns=["onetsoc_code", "task_id", "dwa_id"]),
                           dwas=pd.DataFrame(columns=["dwa_id", "iwa_id"]))


def test_dev_v2_given_as_the_sample_is_not_added_again(tmp_path):
    """``--hand-checked dev_v2.csv`` read the file twice: pooled n 1297 for 697 tasks."""
    (tmp_path / "dev_v2.csv").write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    out = tmp_path / "out"
    tables = cat.write_category_reports({"development": tmp_path / "dev_v2.csv"}, out, onet=_onet())
    pr = tables["precision_recall"]
    assert pr["sample"].unique().tolist() == ["development"] and pr["n"].tolist() == [1, 1, 1]


@pytest.mark.parametrize("onet, message", [
    (None, r"^onet must be an O\*NET release, e\.g\. exposure\.load_onet\('29\.1'\), got NoneType None"),
    ("29.1", r"^onet must be an O\*NET release, e\.g\. exposure\.load_onet\('29\.1'\) \(or None\), got str"),
])
def test_write_category_reports_refuses_an_onet_that_is_not_a_release(tmp_path, onet, message):
    """``AttributeError: 'NoneType' object has no attribute 'tasks'``."""
    (tmp_path / "h.csv").write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    with pytest.raises(DataFormatError, match=message):
        cat.write_category_reports({"development": tmp_path / "h.csv"}, tmp_path / "out", onet=onet)


def test_a_task_in_two_samples_is_refused(tmp_path):
    (tmp_path / "h.csv").write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    (tmp_path / "o.csv").write_text(HEAD + "47-2021.00,2,random,False,False,False,bricks\n"
                                           "43-9061.00,1,random,True,False,False,phones\n")
    out = tmp_path / "out"
    with pytest.raises(DataFormatError, match=r"o\.csv, row 3, column 'task_id': task \(43-9061\.00, 1\) is "
                                              r"also in the development sample \(.*h\.csv, row 2\): the "
                                              r"pooled figures would count it twice"):
        cat.write_category_reports({"development": tmp_path / "h.csv", "holdout": tmp_path / "o.csv"}, out,
                                   onet=_onet())
    assert not out.exists()


# ---------------------------------------------------------------------------------------
# 7. the commands
# ---------------------------------------------------------------------------------------
def _evaluate(tmp_path, *args):
    """``exposure evaluate`` on an empty mirror: reading the labels fails with 'not found'."""
    (tmp_path / "mirror").mkdir(exist_ok=True)
    return ["evaluate", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache", "--folds", "2",
            "--out", tmp_path / "e.csv", *args]


@pytest.mark.parametrize("option", ["--modern", "--paraphrases"])
@pytest.mark.parametrize("value", ["", "  "])
def test_evaluate_an_empty_input_option_is_refused(tmp_path, capsys, option, value):
    """``--modern ''`` was read as no option: the agreement report ran instead (minutes of CV)."""
    code, err = cli(capsys, *_evaluate(tmp_path, option, value))
    assert code == 2
    assert err == [f"exposure evaluate: error: {option} is empty: give the file's name"]


def test_evaluate_reads_the_modern_file_before_the_labels(tmp_path, capsys):
    """The labels and O*NET (downloaded when not cached) were read first."""
    bad = tmp_path / "m.csv"
    bad.write_text("task,lab,exposed\nDraft emails.,E1,TRUE\n")
    code, err = cli(capsys, *_evaluate(tmp_path, "--modern", bad))
    assert code == 2
    assert err == [f"exposure evaluate: error: {bad}: modern tasks lack column(s) ['label'] "
                   "(columns: ['task', 'lab', 'exposed'])"]
    assert not (tmp_path / "cache").exists()


def test_evaluate_reads_the_paraphrase_file_before_the_labels(tmp_path, capsys):
    code, err = cli(capsys, *_evaluate(tmp_path, "--paraphrases", tmp_path / "absent.csv"))
    assert code == 2
    assert err == [f"exposure evaluate: error: {tmp_path / 'absent.csv'}: input file not found"]


@pytest.mark.parametrize("method", ["rubric", "reference", "learned"])
def test_evaluate_a_negative_seed_is_refused_before_the_labels(tmp_path, capsys, method):
    code, err = cli(capsys, *_evaluate(tmp_path, "--method", method, "--seed", "-1"))
    assert code == 2
    assert err == ["exposure evaluate: error: --seed must be 0 or more, got -1"]


def test_evaluate_an_unknown_method_lists_the_methods_it_takes(tmp_path, capsys):
    code, err = cli(capsys, *_evaluate(tmp_path, "--method", "foo"))
    assert code == 2
    assert err == ["exposure evaluate: error: unknown scoring method 'foo'; choose one of learned, rubric, "
                   "reference"]


def test_report_categories_reads_the_validation_sample_before_onet(tmp_path, capsys):
    (tmp_path / "mirror").mkdir()
    (tmp_path / "h.csv").write_text(HEAD + "43-9061.00,1,random,True,False,False,phones\n")
    code, err = cli(capsys, "report", "categories", "--hand-checked", tmp_path / "h.csv", "--validation",
                    tmp_path / "nodir", "--mirror", tmp_path / "mirror", "--data-dir", tmp_path / "cache",
                    "--out-dir", tmp_path / "out")
    assert code == 2
    assert err == [f"exposure report categories: error: {tmp_path / 'nodir'}: validation sample directory not found"]
    assert not (tmp_path / "out").exists()


def test_report_categories_hand_checked_directory_says_so(tmp_path, capsys):
    code, err = cli(capsys, "report", "categories", "--hand-checked", tmp_path, "--out-dir", tmp_path / "out")
    assert code == 2
    assert err == [f"exposure report categories: error: {tmp_path}: is a directory, not a file (the hand-checked "
                   "sample's CSV is expected)"]


# ---------------------------------------------------------------------------------------
# 8. the reproduction report's published occupation scores and workforce shares
# ---------------------------------------------------------------------------------------
REP_LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "task_type": ["Core", None],
                           "human_exposure_agg": ["E1", "E0"], "gpt4_exposure": ["E2", "E2"]})
OCC_LEVEL = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "human_alpha": [2 / 3], "human_beta": [2 / 3],
                          "human_gamma": [2 / 3], "gpt4_alpha": [0.0], "gpt4_beta": [0.5], "gpt4_gamma": [1.0]})


@pytest.mark.parametrize("occ_level, message", [
    (pd.concat([OCC_LEVEL, OCC_LEVEL.assign(human_alpha=0.1)], ignore_index=True),
     r"^occ_level, row 2, column 'onetsoc_code': onetsoc_code '11-1011\.00' is given twice \(rows 1 and 2\)"),
    (OCC_LEVEL.assign(onetsoc_code=[None]), r"^occ_level, row 1, column 'onetsoc_code': missing"),
    (None, r"^occ_level must be a pandas DataFrame, got NoneType"),
    (OCC_LEVEL.drop(columns="gpt4_beta"), r"^occ_level lacks column\(s\) \['gpt4_beta'\]"),
    (OCC_LEVEL.assign(human_alpha=["x"]), r"^occ_level, row 1, column 'human_alpha': not a number: 'x'"),
])
def test_reproduce_occ_level_refuses_bad_published_scores(occ_level, message):
    """A code twice counted as two occupations (n_occupations 2, max_abs_diff 0.57).

    A missing code was an unmatched occupation; None, a missing column or text raised
    AttributeError, KeyError, ValueError.
    """
    from exposure.reports.reproduction import reproduce_occ_level

    with pytest.raises(DataFormatError, match=message):
        reproduce_occ_level(REP_LABELS, occ_level)


def test_workforce_shares_refuses_negative_employment():
    """A tot_emp of -1 gave a share of 1.5."""
    from exposure.reports.reproduction import workforce_shares

    soc = pd.DataFrame({"beta": [0.1, 0.5, 0.7, None], "tot_emp": [-1.0, 1.0, 2.0, 5.0]})
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 1, column 'tot_emp': tot_emp must be a number "
                                              r"of 0 or more, got -1\.0"):
        workforce_shares(soc, "beta")


# ---------------------------------------------------------------------------------------
# 9. the source reports
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("table, path, message", [
    (["tasks"], "t.txt", r"^table must be one of occupations, tasks, .* \(str\), got list \['tasks'\]"),
    (pd.Series(["tasks"]), "t.txt", r"^table must be one of occupations, tasks, .* \(str\), got Series"),
    ("tasks", None, r"^path must be a file path \(str or os.PathLike\), got NoneType None"),
    ("tasks", b"t.txt", r"^path must be a file path \(str or os.PathLike\), got bytes b't.txt'"),
])
def test_validate_file_refuses_arguments_of_the_wrong_kind(table, path, message):
    """``TypeError: unhashable type: 'list'``; pathlib's TypeError for None and bytes."""
    from exposure.reports.sources import validate_file

    with pytest.raises(DataFormatError, match=message):
        validate_file(table, path)


def test_source_reports_refuse_what_is_not_validate_sources_output(tmp_path):
    """``AttributeError: 'NoneType' object has no attribute 'items'`` (or ``'columns'``)."""
    from exposure.reports.sources import coverage_figures, write_source_reports

    with pytest.raises(DataFormatError, match=r"^loaded must be a dict of the loaded sources .*got NoneType None"):
        coverage_figures(None)
    with pytest.raises(DataFormatError, match=r"^counts must be a pandas DataFrame .*got NoneType None"):
        write_source_reports(None, {}, tmp_path / "r")
    with pytest.raises(DataFormatError, match=r"^report_dir must be a directory path \(str or os.PathLike\), got "
                                              r"NoneType None"):
        write_source_reports(pd.DataFrame({"rows": [1]}), {}, None)
    assert not (tmp_path / "r").exists()


# ---------------------------------------------------------------------------------------
# 10. the outcome report's tables and figure
# ---------------------------------------------------------------------------------------
COEFS = pd.DataFrame({"measure": "beta", "outcome": ["log_emp"] * 3, "spec": "baseline",
                      "year": [2021, 2022, 2023], "coef": [0.01, 0.0, -0.02],
                      "ci_low": [-0.01, np.nan, -0.04], "ci_high": [0.03, np.nan, 0.0]})


@pytest.mark.parametrize("args, kw, message", [
    ((None,), {}, r"^coefficients must be a pandas DataFrame, got NoneType None"),
    ((COEFS, "beta"), {}, r"^measures must be a list of measure names, got str 'beta': write \['beta'\]"),
    ((COEFS,), {"ncols": 0}, r"^ncols must be a whole number of 1 or more, got int 0"),
    ((COEFS,), {"ncols": "2"}, r"^ncols must be a whole number of 1 or more, got str '2'"),
    ((COEFS,), {"spec": ["baseline"]}, r"^spec must be a specification name \(str\), got list \['baseline'\]"),
    ((COEFS.iloc[:0],), {}, r"^no baseline coefficients to draw"),
    ((COEFS.drop(columns="ci_low"),), {}, r"^coefficients lacks column\(s\) \['ci_low'\]"),
    ((COEFS.assign(coef=["x", 0, 0]),), {}, r"^coefficients, row 1, column 'coef': not a number: 'x'"),
])
def test_plot_event_study_refuses_bad_arguments(args, kw, message):
    """``measures="beta"`` asked for the measures b, e, t, a; ``ncols=0`` was 1.

    None, a list spec, no rows, text coefficients raised TypeError / ValueError from pandas
    or matplotlib.
    """
    pytest.importorskip("matplotlib")
    from exposure.reports.outcomes import plot_event_study

    with pytest.raises(ExposureError, match=message):
        plot_event_study(*args, **kw)


HEADLINE = pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "coef": [-0.0113], "ci_low": [-0.0282],
                         "ci_high": [0.0056], "p_value": [0.19], "pre_coef": [0.0056], "pre_p_value": [0.11],
                         "robust_min": [-0.0179], "robust_min_spec": ["drop_major_51"], "robust_max": [0.0146],
                         "robust_max_spec": ["unweighted"], "n_occupations": [782]})


@pytest.mark.parametrize("change, message", [
    ({"coef": ["x"]}, r"^headline, row 1, column 'coef': not a number: 'x'"),
    ({"ci_low": ["-0.02"]}, None),
    ({"n_occupations": [np.nan]}, r"^headline, row 1, column 'n_occupations': n_occupations must be a whole "
                                  r"number of 0 or more, got nan"),
    ({"n_occupations": [1.5]}, r"^headline, row 1, column 'n_occupations': .* got 1\.5"),
    ({"robust_min_spec": [np.nan]}, r"^headline, row 1, column 'robust_min_spec': robust_min_spec must be a "
                                    r"specification name \(str\), got nan"),
])
def test_summary_table_refuses_values_of_the_wrong_kind(change, message):
    """The text coefficient "x" came out as 100 x's; 1.5 occupations as 1.

    NaN occupations raised IntCastingNaNError, a missing specification AttributeError, a
    numeric text interval TypeError.
    """
    from exposure.reports.outcomes import summary_table

    if message is None:  # numeric text is read as the number, as elsewhere
        assert summary_table(HEADLINE.assign(**change))["95% interval"].iloc[0] == "[\u22122.00, 0.56]"
        return
    with pytest.raises(DataFormatError, match=message):
        summary_table(HEADLINE.assign(**change))


def test_summary_table_unchanged_and_keeps_the_index():
    from exposure.reports.outcomes import summary_table

    got = summary_table(HEADLINE.set_axis([7]))
    assert got.index.tolist() == [7] and got["occupations"].tolist() == [782]
    assert got["robustness range"].iloc[0] == "\u22121.79 (without 51) to 1.46 (unweighted)"


GROWTH = pd.DataFrame({"measure": "beta", "group": [1, 2], "emp_growth_post": [0.05, -0.02]})


@pytest.mark.parametrize("growth, kw, message", [
    (pd.concat([GROWTH, GROWTH], ignore_index=True), {},
     r"^growth, row 3, column 'group': measure 'beta', group 1 is given twice \(rows 1 and 3\)"),
    (GROWTH.assign(group=[1.0, 2.5]), {}, r"^growth, row 2, column 'group': group must be a whole number of 1 or "
                                          r"more, got 2\.5"),
    (GROWTH.assign(group=[1, np.nan]), {}, r"^growth, row 2, column 'group': .* got nan"),
    (GROWTH.iloc[:0], {}, r"^growth has no rows"),
    (GROWTH, {"column": ["emp_growth_post"]}, r"^column must be a column name \(str\), got list"),
    (GROWTH.assign(emp_growth_post=["x", 0.1]), {}, r"^growth, row 1, column 'emp_growth_post': not a number"),
])
def test_quintile_table_refuses_bad_groups(growth, kw, message):
    """A group 2.5 became a column ``Q2.5`` and NaN a column ``nan``.

    A (measure, group) twice raised pandas' reshape error; no rows ``cannot convert float
    NaN to integer``.
    """
    from exposure.reports.outcomes import quintile_table

    with pytest.raises(DataFormatError, match=message):
        quintile_table(growth, **kw)


def test_quintile_table_reads_groups_given_as_text():
    """``"1"`` and ``"2"`` lost the names "least exposed" and "most exposed"."""
    from exposure.reports.outcomes import quintile_table

    assert quintile_table(GROWTH.assign(group=["1", "2"])).to_dict("records") == [
        {"measure": "ours: beta", "Q1 (least exposed)": 5.0, "Q2 (most exposed)": -2.0}]


# ---------------------------------------------------------------------------------------
# 11. the figures' employment-weighted means
# ---------------------------------------------------------------------------------------
SOC_SCORES = pd.DataFrame({"soc_code": ["11-1011", "13-1021", "15-1252"], "beta": [0.2, 0.5, 0.9],
                           "tot_emp": [100.0, 50.0, 25.0]})


def test_weighted_mean_refuses_text_instead_of_dropping_the_row():
    """``"x"`` was read as missing: the mean moved from 0.386 to 0.633 without a word."""
    from exposure.reports.figures import weighted_mean

    with pytest.raises(DataFormatError, match=r"^frame, row 1, column 'beta': not a number: 'x'"):
        weighted_mean(SOC_SCORES.assign(beta=["x", 0.5, 0.9]), "beta")
    assert weighted_mean(SOC_SCORES.assign(beta=["0.2", "0.5", "0.9"]), "beta") == pytest.approx(0.385714, abs=1e-6)


def test_by_major_group_refuses_an_occupation_given_twice():
    """It counted twice in its group's employment (200 workers for 100)."""
    from exposure.reports.figures import by_major_group

    with pytest.raises(DataFormatError, match=r"^soc_scores, row 4, column 'soc_code': soc_code '11-1011' "
                                              r"is given twice \(rows 1 and 4\)"):
        by_major_group(pd.concat([SOC_SCORES, SOC_SCORES.iloc[[0]]], ignore_index=True), ["beta"])
