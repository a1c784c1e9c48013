"""Arguments of the public API left open by the round-7 sweep (round 8).

Each case raised a ``TypeError``, ``ValueError``, ``AttributeError`` or ``KeyError`` from
inside pandas, numpy or :mod:`pathlib`, or was read silently as another value. Now each
is an :class:`~exposure.errors.ExposureError` (a :class:`~exposure.errors.DataFormatError`
for a bad value or frame) of one line naming the argument. No mirror and no network.
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories
from exposure.scoring.reference import frame_task_ids, join_labels, label_column, score_reference
from exposure.scoring.rubric import score_rubric

TASKS = pd.DataFrame({"task": ["Answer telephones and relay messages."]})
KEYED = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task": ["Plan budgets."]})
LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1],
                       "human_exposure_agg": ["E1"], "gpt4_exposure": ["E2"]})


# 1. score_tasks and the scorers -------------------------------------------------------

@pytest.mark.parametrize("method, shown", [(pd.Series(["learned"]), "Series"), (pd.DataFrame(), "DataFrame"),
                                           (["learned"], r"list \['learned'\]"), (None, "NoneType None")])
def test_score_tasks_method_that_is_not_a_name_is_refused(method, shown):
    """A Series raised pandas' ``The truth value of a Series is ambiguous``."""
    with pytest.raises(DataFormatError, match=r"^method must be one of learned, rubric, reference, "
                       rf"transformer, reference-human, reference-gpt4 \(str\), got {shown}$"):
        score_tasks(TASKS, method=method)


@pytest.mark.parametrize("source, shown", [(pd.Series(["human"]), "Series"), (["human"], r"list \['human'\]"),
                                           (5, "int 5")])
def test_reference_source_that_is_not_a_name_is_refused(source, shown):
    """A list or Series raised ``TypeError: unhashable type`` or pandas' truth value error.

    With ``method="learned"`` it was accepted and ignored.
    """
    match = rf"^reference_source must be one of human, gpt4 \(str\), got {shown}$"
    with pytest.raises(DataFormatError, match=match):
        score_tasks(KEYED, method="reference", reference_source=source, labels=LABELS)
    with pytest.raises(DataFormatError, match=match):
        score_tasks(TASKS, reference_source=source)
    with pytest.raises(DataFormatError, match=match.replace("reference_source", "source")):
        score_reference(KEYED, LABELS, source=source)
    with pytest.raises(DataFormatError, match=match.replace("reference_source", "source")):
        label_column(source)


def test_unknown_reference_source_with_learned_is_refused():
    """``reference_source="x"`` was ignored by ``learned``."""
    with pytest.raises(ExposureError, match=r"^unknown reference source 'x'; choose one of \['gpt4', 'human'\]$"):
        score_tasks(TASKS, reference_source="x")


@pytest.mark.parametrize("frame, shown", [(None, "NoneType None"), ("tasks.csv", "str 'tasks.csv'"),
                                          (pd.Series([1], name="task_id"), "Series")])
def test_reference_frame_that_is_not_a_frame_is_refused(frame, shown):
    """``AttributeError: 'NoneType' object has no attribute 'columns'``."""
    match = rf"^frame must be a pandas DataFrame, got {shown}$"
    with pytest.raises(DataFormatError, match=match):
        score_reference(frame, LABELS)
    with pytest.raises(DataFormatError, match=match):
        frame_task_ids(frame)
    with pytest.raises(DataFormatError, match=match):
        join_labels(frame, pd.Series([1], dtype="Int64"), LABELS, "human_exposure_agg")


def test_join_labels_refuses_bad_ids_labels_and_col():
    ids = pd.Series([1], dtype="Int64")
    with pytest.raises(DataFormatError, match=r"^ids must be a pandas Series of task IDs, got NoneType None$"):
        join_labels(KEYED, None, LABELS, "human_exposure_agg")
    with pytest.raises(DataFormatError, match=r"^ids must be a pandas Series of task IDs, got list \[1, 2\]$"):
        join_labels(KEYED, [1, 2], LABELS, "human_exposure_agg")
    with pytest.raises(DataFormatError, match=r"^ids has 2 rows, frame 1$"):
        join_labels(KEYED, pd.Series([1, 2], dtype="Int64"), LABELS, "human_exposure_agg")
    with pytest.raises(DataFormatError, match=r"^labels must be a pandas DataFrame, got NoneType None$"):
        join_labels(KEYED, ids, None, "human_exposure_agg")
    with pytest.raises(DataFormatError, match=r"^col must be one of human_exposure_agg, gpt4_exposure "
                       r"\(str\), got NoneType None$"):
        join_labels(KEYED, ids, LABELS, None)
    with pytest.raises(DataFormatError, match=r"^labels lacks column\(s\) \['gpt4_exposure'\]"):
        join_labels(KEYED, ids, LABELS.drop(columns="gpt4_exposure"), "gpt4_exposure")


@pytest.mark.parametrize("call", [tag_categories, explain_categories, score_rubric],
                         ids=["tag_categories", "explain_categories", "score_rubric"])
@pytest.mark.parametrize("column, shown", [(["task"], r"list \['task'\]"), ({}, "dict"),
                                           (pd.Series(["task"]), "Series")])
def test_text_column_that_is_not_a_name_is_refused(call, column, shown):
    """A list raised ``TypeError: unhashable type: 'list'`` (pandas' ``in columns``)."""
    with pytest.raises(DataFormatError, match=rf"^text_column must be a column name \(str\), got {shown}$"):
        call(TASKS, text_column=column)


@pytest.mark.parametrize("call", [tag_categories, explain_categories], ids=["tag", "explain"])
@pytest.mark.parametrize("column, shown", [(["title"], r"list \['title'\]"), (pd.Series(["title"]), "Series"),
                                           ({}, "dict")])
def test_occupation_column_that_is_not_a_name_is_refused(call, column, shown):
    with pytest.raises(DataFormatError, match=rf"^occupation_column must be a column name \(str\) or None, "
                       rf"got {shown}$"):
        call(TASKS.assign(title=["Clerks"]), occupation_column=column)


@pytest.mark.parametrize("call", [tag_categories, explain_categories, score_rubric],
                         ids=["tag_categories", "explain_categories", "score_rubric"])
def test_scorer_frame_that_is_not_a_frame_is_named(call):
    with pytest.raises(DataFormatError, match=r"^frame must be a pandas DataFrame, got Series$"):
        call(TASKS["task"])


# 2. measures.compare ------------------------------------------------------------------

from exposure.measures import compare  # noqa: E402

CMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252", "29-1141"],
                    "a": [0.1, 0.2, 0.3, 0.4], "b": [1.0, 3.0, 2.0, 4.0], "tot_emp": [1.0, 2.0, 3.0, 4.0]})


@pytest.mark.parametrize("call", [
    lambda t: compare.correlations(t, ["a", "b"]),
    lambda t: compare.disagreements(t, ["a", "b"]),
], ids=["correlations", "disagreements"])
@pytest.mark.parametrize("table, shown", [(None, "NoneType None"), ("t.csv", "str 't.csv'"),
                                          (pd.Series([1.0]), "Series"), ([1], "list")])
def test_compare_table_that_is_not_a_frame_is_refused(call, table, shown):
    """``AttributeError: 'NoneType' object has no attribute 'columns'`` / ``not subscriptable``."""
    with pytest.raises(DataFormatError, match=rf"^table must be a pandas DataFrame, got {shown}$"):
        call(table)


@pytest.mark.parametrize("call", [
    lambda m: compare.correlations(CMP, m),
    lambda m: compare.disagreements(CMP, m),
    lambda m: compare.correlation_matrix(compare.correlations(CMP, ["a", "b"]), measures=m),
    lambda m: compare.to_oews_codes(CMP, m, ["11-1011"]),
], ids=["correlations", "disagreements", "correlation_matrix", "to_oews_codes"])
@pytest.mark.parametrize("measures, shown", [("ab", "str 'ab': write \\['ab'\\]"), (5, "int 5"),
                                             (None, "NoneType None"), ({}, "dict"),
                                             (pd.Series(["a"]), "Series")])
def test_compare_measures_that_are_not_a_list_of_names_are_refused(call, measures, shown, request):
    """``disagreements(measures="ab")`` read the string letter by letter; None raised a TypeError."""
    if measures is None and "correlation_matrix" in request.node.name:
        assert not call(None).empty  # None is every measure of corr: accepted
        return
    with pytest.raises(DataFormatError, match=r"^(measures|columns) must be a list of "
                       rf"(measure|column) names, got {shown}$"):
        call(measures)


def test_correlation_matrix_accepts_none_and_refuses_bad_corr_and_stat():
    corr = compare.correlations(CMP, ["a", "b"])
    assert compare.correlation_matrix(corr, measures=None).columns.tolist() == ["measure", "a", "b"]
    with pytest.raises(DataFormatError, match=r"^corr must be a pandas DataFrame, got NoneType None$"):
        compare.correlation_matrix(None)
    with pytest.raises(DataFormatError, match=r"^stat must be one of pearson, spearman, pearson_emp, "
                       r"spearman_emp \(str\), got Series$"):
        compare.correlation_matrix(corr, pd.Series(["spearman"]))
    with pytest.raises(DataFormatError, match=r"^corr lacks column\(s\) \['measure_b'\]"):
        compare.correlation_matrix(corr.drop(columns="measure_b"))


def test_compare_measures_as_an_index_stay_accepted():
    by_list = compare.correlations(CMP, ["a", "b"])
    pd.testing.assert_frame_equal(compare.correlations(CMP, pd.Index(["a", "b"])), by_list)
    pd.testing.assert_frame_equal(compare.correlations(CMP, ("a", "b")), by_list)


def test_correlations_weight_and_disagreements_titles_are_checked():
    with pytest.raises(DataFormatError, match=r"^weight must be a column name \(str\) or None, got list \['tot_emp'\]$"):
        compare.correlations(CMP, ["a", "b"], weight=["tot_emp"])
    with pytest.raises(DataFormatError, match=r"^titles must be a Series or a dict of titles by SOC code "
                       r"\(or None\), got int 5$"):
        compare.disagreements(CMP, ["a", "b"], titles=5)
    with pytest.raises(DataFormatError, match=r"^table lacks column\(s\) \['soc_code'\]"):
        compare.disagreements(CMP.drop(columns="soc_code"), ["a", "b"])
    out = compare.disagreements(CMP, ["a", "b"], top=1, titles={"11-1011": "CEOs"})
    assert "title" in out.columns


@pytest.mark.parametrize("arg", ["x", "y", "w"])
@pytest.mark.parametrize("value, shown", [("abc", "str 'abc'"), (5, "int 5"), ({}, "dict"), ([["a"]], r"list \[\['a'\]\]"),
                                          (["x", "y", "z"], r"list \['x', 'y', 'z'\]")])
@pytest.mark.parametrize("corr", [compare.weighted_pearson, compare.weighted_spearman], ids=["pearson", "spearman"])
def test_weighted_correlations_refuse_what_is_not_numbers(corr, arg, value, shown):
    """``TypeError: len() of unsized object`` or ``could not convert string to float``."""
    args = {"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 4.0], "w": [1.0, 1.0, 1.0]}
    args[arg] = value
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a list of numbers \(or an array, a Series\), got {shown}$"):
        corr(**args)


def test_weighted_correlation_x_none_is_refused_w_none_is_unweighted():
    assert compare.weighted_pearson([1, 2, 3], [1, 2, 4], None) == compare.weighted_pearson([1, 2, 3], [1, 2, 4])
    with pytest.raises(DataFormatError, match=r"^x must be a list of numbers \(or an array, a Series\), got NoneType None$"):
        compare.weighted_pearson(None, [1, 2, 3])


@pytest.mark.parametrize("kwargs, match", [
    (dict(measure=None), r"^measure must be a pandas DataFrame, got NoneType None$"),
    (dict(employment="emp.csv"), r"^employment must be a pandas DataFrame, got str 'emp.csv'$"),
    (dict(name=["m"]), r"^name must be a column name \(str\), got list \['m'\]$"),
    (dict(column=None), r"^measure lacks column\(s\) \[None\]"),
    (dict(column=["value"]), r"^column must be a column name \(str\), got list \['value'\]$"),
])
def test_coverage_arguments_are_checked(kwargs, match):
    args = dict(measure=pd.DataFrame({"soc_code": ["11-1011"], "value": [0.1]}),
                employment=pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [100.0]}))
    args.update(kwargs)
    with pytest.raises(DataFormatError, match=match):
        compare.coverage(**args)


def test_to_oews_codes_frame_is_checked():
    with pytest.raises(DataFormatError, match=r"^frame must be a pandas DataFrame, got NoneType None$"):
        compare.to_oews_codes(None, ["a"], ["11-1011"])
    with pytest.raises(DataFormatError, match=r"^frame lacks column\(s\) \['soc_code'\]"):
        compare.to_oews_codes(CMP.drop(columns="soc_code"), ["a"], ["11-1011"])


# 3. reports: agreement figures, category statistics; path readers; read_task_usage -----

import numpy as np  # noqa: E402

from exposure.measures import anthropic, eloundou  # noqa: E402
from exposure.reports import agreement  # noqa: E402
from exposure.reports import categories as rcategories  # noqa: E402

PROBA = [[0.45, 0.30, 0.25], [0.9, 0.05, 0.05]]


@pytest.mark.parametrize("call", [agreement.exposed_figures, agreement.reliability_table],
                         ids=["exposed_figures", "reliability_table"])
@pytest.mark.parametrize("proba, shown", [(None, "NoneType None"), (5, "int 5"), ("x", "str 'x'"),
                                          ([0.2, 0.8], r"list \[0.2, 0.8\]"), ({}, "dict"),
                                          ([[0.5, 0.5]], r"list \[\[0.5, 0.5\]\]")])
def test_agreement_proba_that_is_not_n_by_3_is_refused(call, proba, shown):
    """``AxisError: axis 1 is out of bounds`` or ``could not convert string to float``."""
    with pytest.raises(DataFormatError, match=r"^proba must be an array of probabilities with one row per task "
                       rf"and 3 columns \(E0, E1, E2\), got {shown}$"):
        call(proba, [1, 0])


@pytest.mark.parametrize("call", [agreement.exposed_figures, agreement.reliability_table],
                         ids=["exposed_figures", "reliability_table"])
@pytest.mark.parametrize("y, shown", [(None, "NoneType None"), (1, "int 1"), ("x", "str 'x'"),
                                      (["E1", "E0"], r"list \['E1', 'E0'\]: these are labels; give their classes, "
                                                     r"pd\.Series\(y\)\.map\(\{'E0': 0, 'E1': 1, 'E2': 2\}\)"),
                                      ([1, 0, 2], r"list \[1, 0, 2\]")])
def test_agreement_y_that_is_not_one_class_per_row_is_refused(call, y, shown):
    """A constant ``y=1`` was broadcast to every row; ``None`` raised a TypeError.

    A Series of another length raised ``operands could not be broadcast``.
    """
    with pytest.raises(DataFormatError, match=r"^y must be one class \(0, 1 or 2\) per row of proba \(2 rows\), "
                       rf"got {shown}$"):
        call(PROBA, y)


@pytest.mark.parametrize("call", [agreement.exposed_figures, agreement.reliability_table],
                         ids=["exposed_figures", "reliability_table"])
@pytest.mark.parametrize("y, value", [([1.5, 0], "1.5"), ([3, 0], "3")])
def test_agreement_y_with_a_value_that_is_no_class_is_refused_naming_the_row(call, y, value):
    """Round 40: the row is named (``got list [3, 0]`` before)."""
    with pytest.raises(DataFormatError, match=rf"^y row 1 is {value}: a class must be 0, 1 or 2 \(E0, E1, E2\)$"):
        call(PROBA, y)


@pytest.mark.parametrize("n_bins, shown", [(True, "bool True"), (None, "NoneType None"), ("10", "str '10'"),
                                           (2.5, "float 2.5"), (0, "int 0")])
def test_reliability_table_n_bins_is_a_whole_number_of_1_or_more(n_bins, shown):
    """``True`` was one bin; None raised ``unsupported operand type(s) for *``."""
    with pytest.raises(DataFormatError, match=rf"^n_bins must be a whole number of 1 or more, got {shown}$"):
        agreement.reliability_table(PROBA, [1, 0], n_bins=n_bins)


def test_agreement_valid_calls_unchanged():
    assert agreement.exposed_figures(PROBA, [1, 0]) == {"exposed_right_label": 0.5, "exposed_right_gamma": 1.0}
    assert agreement.exposed_figures(np.array(PROBA), pd.Series([1, 0], index=[5, 6]))["exposed_right_gamma"] == 1.0
    pd.testing.assert_frame_equal(agreement.reliability_table(PROBA, np.array([0, 1]), n_bins=np.int64(2)),
                                  agreement.reliability_table(PROBA, [0, 1], n_bins=2))
    assert agreement.reliability_table(PROBA, [0, 1], n_bins=2)["n_tasks"].tolist() == [1, 1]


@pytest.mark.parametrize("method, shown", [(pd.Series(["learned"]), "Series"), (["rubric"], r"list \['rubric'\]"),
                                           (None, "NoneType None")])
def test_report_name_method_that_is_not_a_name_is_refused(method, shown):
    with pytest.raises(DataFormatError, match=rf"^method must be one of learned, rubric, reference \(str\), got {shown}$"):
        agreement.report_name(method)


@pytest.mark.parametrize("a, b, match", [
    ([1, 0], None, "b must be a list of binary ratings (True/False or 1/0), got NoneType None"),
    ([1, 0], 5, "b must be a list of binary ratings (True/False or 1/0), got int 5"),
    ([1, 0], "x", "b must be a list of binary ratings (True/False or 1/0), got str 'x'"),
    (None, [1, 0], "a must be a list of binary ratings (True/False or 1/0), got NoneType None"),
    ({}, [1, 0], "a must be a list of binary ratings (True/False or 1/0), got dict"),
    ([1, 0], pd.DataFrame({"x": [1, 0]}), "b must be a list of binary ratings (True/False or 1/0), got DataFrame"),
    ([1, 0], [2, 0], "b must be a list of binary ratings (True/False or 1/0), got list [2, 0]"),
    ([1, 0], ["yes", "no"], "b must be a list of binary ratings (True/False or 1/0), got list ['yes', 'no']"),
    ([1, 0], [1, 0, 1], "a and b must have one length each, got 2 and 3"),
])
def test_cohen_kappa_refuses_what_is_not_two_binary_ratings_of_one_length(a, b, match):
    """``cohen_kappa([1, 0], None)`` returned a number (None read as one False rating).

    ``[2, 0]`` was read as ``[True, False]``; lengths 2 and 3 raised a broadcast ValueError.
    """
    import re
    with pytest.raises(DataFormatError, match=f"^{re.escape(match)}$"):
        rcategories.cohen_kappa(a, b)


def test_cohen_kappa_valid_calls_unchanged():
    assert round(rcategories.cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 4) == 0.5
    assert rcategories.cohen_kappa(pd.Series([True, False]), np.array([True, False])) == 1.0
    assert np.isnan(rcategories.cohen_kappa([], []))


@pytest.mark.parametrize("call, arg", [
    (rcategories.read_hand_checked, "path"), (rcategories.read_validation_sample, "directory"),
    (eloundou.read_task_labels, "path"), (eloundou.read_occ_level, "path"),
], ids=["read_hand_checked", "read_validation_sample", "read_task_labels", "read_occ_level"])
@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), (5, "int 5"), (["a.csv"], r"list \['a.csv'\]"),
                                          (b"a.csv", "bytes b'a.csv'"), (pd.DataFrame(), "DataFrame")])
def test_path_readers_refuse_what_is_not_a_path(call, arg, value, shown):
    """``TypeError: expected str, bytes or os.PathLike object, not NoneType`` from pathlib."""
    what = "a directory path" if arg == "directory" else "a file path"
    with pytest.raises(DataFormatError, match=rf"^{arg} must be {what} \(str or os.PathLike\), got {shown}$"):
        call(value)


@pytest.mark.parametrize("percent, shown", [("x", "str 'x'"), ("no", "str 'no'"), (5, "int 5"), (None, "NoneType None"),
                                            (pd.Series([True]), "Series")])
def test_read_task_usage_percent_must_be_a_flag(percent, shown):
    """``percent="no"`` was read as True (divided by 100); a Series raised the truth value error."""
    import io
    with pytest.raises(DataFormatError, match=rf"^percent must be True or False, got {shown}$"):
        anthropic.read_task_usage(io.StringIO("task_name,pct\nact as advisers.,0.5\n"), percent=percent)


# 4. releases: source names, lock; load_onet's fmt of a pinned release ------------------

import exposure  # noqa: E402
from exposure import releases  # noqa: E402
from exposure.onet import onet_file_names  # noqa: E402


@pytest.mark.parametrize("call", [releases.source_for, releases.layout_source], ids=["source_for", "layout_source"])
@pytest.mark.parametrize("name, shown", [(None, "NoneType None"), (5, "int 5"), (["onet/31.0/Task Statements.txt"],
                                         r"list \['onet/31.0/Task Statements.txt'\]"), (pd.Series(["x"]), "Series")])
def test_source_name_that_is_not_a_string_is_refused(call, name, shown):
    """``TypeError: expected string or bytes-like object, got 'NoneType'`` from :mod:`re`."""
    with pytest.raises(DataFormatError, match=r"^name must be a source name such as "
                       rf"'onet/31.0/Task Statements.txt' \(str\), got {shown}$"):
        call(name)


@pytest.mark.parametrize("call", [
    lambda lock: releases.onet_format("29.1", lock),
    lambda lock: releases.releases_frame(lock),
    lambda lock: releases.source_for("onet/29.1/Task Statements.txt", lock),
    lambda lock: releases.source_for("onet/31.0/Task Statements.txt", lock),
], ids=["onet_format", "releases_frame", "source_for_registered", "source_for_layout"])
@pytest.mark.parametrize("lock, shown", [(5, "int 5"), ("exposure.lock", "str 'exposure.lock'"), ({}, "dict"),
                                         (True, "bool True")])
def test_lock_that_is_not_a_lock_is_refused(call, lock, shown):
    """``AttributeError: 'int' object has no attribute 'entries'``; ignored for a registered name."""
    with pytest.raises(DataFormatError, match=r"^lock must be an exposure.releases.Lock "
                       rf"\(e.g. Lock\('exposure.lock'\)\) or None, got {shown}$"):
        call(lock)


def test_locks_and_none_stay_accepted(tmp_path):
    lock = releases.Lock(tmp_path / "exposure.lock")
    assert releases.onet_format("30.1", lock) == releases.onet_format("30.1") == "excel"
    assert releases.source_for("onet/29.1/Task Statements.txt", lock).pinned
    pd.testing.assert_frame_equal(releases.releases_frame(lock), releases.releases_frame(None))


@pytest.mark.parametrize("release", [None, ["29.1"], 5])
def test_onet_format_release_that_is_not_a_release_is_refused(release):
    """It returned ``'text'``."""
    with pytest.raises(ExposureError, match=r"is not of the form MAJOR.MINOR"):
        releases.onet_format(release)


@pytest.mark.parametrize("release, fmt, pinned", [("29.1", "excel", "text"), ("30.1", "text", "excel")])
def test_load_onet_refuses_the_other_format_of_a_pinned_release(release, fmt, pinned):
    """``load_onet("29.1", fmt="excel")`` read the text files without a word."""
    match = (rf"^fmt='{fmt}': O\*NET {release} is pinned by the package in {pinned} format only; "
             rf"leave fmt out or give fmt='{pinned}'$")
    with pytest.raises(DataFormatError, match=match):
        exposure.load_onet(release, fmt=fmt, mirror="/nowhere")
    with pytest.raises(DataFormatError, match=match):
        onet_file_names(release, fmt)


def test_onet_file_names_of_the_pinned_format_and_of_a_new_release_unchanged():
    assert onet_file_names("29.1", "text") == onet_file_names("29.1")
    assert onet_file_names("30.1", "excel") == onet_file_names("30.1")
    assert onet_file_names("31.0", "excel")["tasks"] == "onet/31.0/Task Statements.xlsx"


# 5. microsoft.rebuild_applicability, reproduction.workforce_shares, pipeline.task_digests

from exposure.measures import microsoft  # noqa: E402
from exposure.pipeline import task_digests  # noqa: E402
from exposure.reports.reproduction import workforce_shares  # noqa: E402

IWA = pd.DataFrame({"iwa_id": ["a", "b"], "share_user": [0.01, 0.01], "share_ai": [0.01, 0.0001],
                    "completion_user": [0.8, 0.5], "completion_ai": [1.0, 1.0],
                    "impact_scope_user": [0.5, 0.4], "impact_scope_ai": [0.2, 0.9]})
IWA_W = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"], "weight": [1.0, 3.0]})
IWA_L = pd.DataFrame({"soc_code": ["x", "x"], "iwa_id": ["a", "b"]})


@pytest.mark.parametrize("arg", ["iwa_metrics", "weights", "soc_to_iwas"])
@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), ("w.csv", "str 'w.csv'"), (pd.Series([1.0]), "Series")])
def test_rebuild_applicability_frames_are_checked(arg, value, shown):
    """``TypeError: Can only merge Series or DataFrame objects`` / ``AttributeError: ... 'merge'``."""
    args = dict(iwa_metrics=IWA, weights=IWA_W, soc_to_iwas=IWA_L)
    args[arg] = value
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a pandas DataFrame, got {shown}$"):
        microsoft.rebuild_applicability(**args)


def test_rebuild_applicability_missing_column_is_named():
    with pytest.raises(DataFormatError, match=r"^weights lacks column\(s\) \['weight'\]"):
        microsoft.rebuild_applicability(IWA, IWA_W.drop(columns="weight"), IWA_L)


@pytest.mark.parametrize("threshold, shown", [(None, "NoneType None"), (True, "bool True"), ("x", "str 'x'"),
                                              (-0.1, "float -0.1"), (float("nan"), "float nan"),
                                              (pd.Series([0.1]), "Series")])
def test_rebuild_applicability_threshold_is_a_share(threshold, shown):
    """``threshold="x"`` raised ``Invalid comparison between dtype=float64 and str``; None and True were accepted."""
    with pytest.raises(DataFormatError, match=rf"^threshold must be a number of 0 or more \(an activity share\), "
                       rf"got {shown}$"):
        microsoft.rebuild_applicability(IWA, IWA_W, IWA_L, threshold=threshold)


def test_rebuild_applicability_valid_threshold_unchanged():
    out = microsoft.rebuild_applicability(IWA, IWA_W, IWA_L, threshold=0).round(4)
    assert [float(v) for v in out.iloc[0, 1:]] == [0.25, 0.725, 0.4875]


SOC_W = pd.DataFrame({"beta": [0.1, 0.5, 0.7, None], "tot_emp": [1.0, 1.0, 2.0, 5.0]})


@pytest.mark.parametrize("kwargs, match", [
    (dict(soc_scores=None), r"^soc_scores must be a pandas DataFrame, got NoneType None$"),
    (dict(soc_scores="soc.csv"), r"^soc_scores must be a pandas DataFrame, got str 'soc.csv'$"),
    (dict(measure=None), r"^measure must be a column name \(str\), got NoneType None$"),
    (dict(measure=["beta"]), r"^measure must be a column name \(str\), got list \['beta'\]$"),
    (dict(measure="gamma"), r"^soc_scores lacks column\(s\) \['gamma'\]"),
    (dict(soc_scores=SOC_W.assign(beta=["0.1", "x", 0.7, None])), r"^soc_scores, row 2, column 'beta': not a number: 'x'$"),
])
def test_workforce_shares_arguments_are_checked(kwargs, match):
    """``TypeError: 'NoneType' object is not subscriptable``, ``KeyError: None``."""
    args = dict(soc_scores=SOC_W, measure="beta")
    args.update(kwargs)
    with pytest.raises(DataFormatError, match=match):
        workforce_shares(**args)


def test_workforce_shares_valid_call_unchanged():
    assert workforce_shares(SOC_W, "beta") == {"covered_emp": 4.0, "ge_10": 1.0, "gt_10": 0.75, "ge_50": 0.75,
                                               "gt_50": 0.5}


DIG = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [8823], "task": ["Direct operations."],
                    "task_type": ["Core"]})


@pytest.mark.parametrize("kwargs, match", [
    (dict(tasks=None), r"^tasks must be a pandas DataFrame, got NoneType None$"),
    (dict(tasks="Task Statements.txt"), r"^tasks must be a pandas DataFrame, got str 'Task Statements.txt'$"),
    (dict(tasks=DIG.drop(columns="task_type")), r"^tasks lacks column\(s\) \['task_type'\]"),
    (dict(task_dwas=5), r"^task_dwas must be a pandas DataFrame, got int 5$"),
    (dict(task_dwas=["4.A"]), r"^task_dwas must be a pandas DataFrame, got list$"),
    (dict(task_dwas=pd.DataFrame({"dwa_id": ["4.A"]})), r"^task_dwas lacks column\(s\) \['onetsoc_code', 'task_id'\]"),
])
def test_task_digests_arguments_are_checked(kwargs, match):
    """``TypeError: 'NoneType' object is not subscriptable``, ``object of type 'int' has no len()``."""
    args = dict(tasks=DIG, task_dwas=None)
    args.update(kwargs)
    with pytest.raises(DataFormatError, match=match):
        task_digests(**args)


def test_task_digests_empty_dwa_frame_stays_accepted():
    pd.testing.assert_frame_equal(task_digests(DIG, pd.DataFrame()), task_digests(DIG))


# 6. the Dask runners -------------------------------------------------------------------

dd = pytest.importorskip("dask.dataframe")
from exposure import dask as xdask  # noqa: E402

DDF = dd.from_pandas(TASKS, npartitions=1)
SCORED = dd.from_pandas(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "p_e0": [0.5],
                                      "alpha": [0.2], "beta": [0.3], "gamma": [0.4], "admin": [True],
                                      "routine_coding": [False], "entry_creative": [False]}), npartitions=1)


@pytest.mark.parametrize("call, arg", [
    (lambda v: xdask.score(v), "ddf"), (lambda v: xdask.check(v), "scored"),
    (lambda v: xdask.to_occupations(v), "scored"), (lambda v: xdask.to_sectors(v), "scored"),
], ids=["score", "check", "to_occupations", "to_sectors"])
@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), ("tasks.csv", "str 'tasks.csv'"),
                                          (TASKS, "DataFrame")])
def test_dask_frame_argument_that_is_not_a_dask_frame_is_refused(call, arg, value, shown):
    """``AttributeError: 'NoneType' object has no attribute '_meta'`` (or ``'rename'``)."""
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a dask DataFrame "
                       rf"\(dask.dataframe.from_pandas\(frame, npartitions=2\)\), got {shown}$"):
        call(value)


@pytest.mark.parametrize("kwargs, match", [
    (dict(method=None), r"^method must be one of learned, rubric, reference, transformer, reference-human, "
                        r"reference-gpt4 \(str\), got NoneType None$"),
    (dict(method=pd.Series(["rubric"])), r"^method must be one of .* \(str\), got Series$"),
    (dict(method="oracle"), r"^unknown scoring method 'oracle'; choose one of learned, rubric, reference, transformer \(or reference-human, reference-gpt4\)$"),
    (dict(method="rubric", reference_source=["human"]), r"^reference_source must be one of human, gpt4 \(str\), "
                                                        r"got list \['human'\]$"),
    (dict(text_column=["task"]), r"^text_column must be a column name \(str\), got list \['task'\]$"),
    (dict(occupation_column={}), r"^occupation_column must be a column name \(str\) or None, got dict$"),
    (dict(onet=["29.1"]), r"^onet must be an O\*NET release name such as '29.1' \(or None\), got list \['29.1'\]$"),
    # a number is told the release name to write, as exposure.spark tells it (round 75)
    (dict(onet=29.1), r"^O\*NET release float 29.1 is not of the form MAJOR.MINOR \(e.g. 29.1, 31.0\): give it as "
                      r"text \(str\), in quotes"),
    (dict(model_path=5), r"^model_path must be a model artifact path \(str or os.PathLike\), got int 5$"),
    (dict(method="rubric", mirror=5), r"^mirror must be a directory path \(str or os.PathLike\), got int 5$"),
    (dict(method="rubric", data_dir=True), r"^data_dir must be a directory path \(str or os.PathLike\), got bool True$"),
])
def test_dask_score_arguments_are_checked_on_the_client(kwargs, match):
    """Each raised a TypeError or AttributeError from inside, or was ignored (``mirror`` with rubric)."""
    with pytest.raises(ExposureError, match=match):
        xdask.score(DDF, **kwargs)


@pytest.mark.parametrize("call", [xdask.to_occupations, xdask.to_sectors], ids=["to_occupations", "to_sectors"])
def test_dask_rollup_by_and_weight_are_checked(call):
    """``TypeError: unhashable type: 'list'``."""
    with pytest.raises(DataFormatError, match=r"^by must be a column name \(str\), got list \['onetsoc_code'\]$"):
        call(SCORED, ["onetsoc_code"])
    with pytest.raises(DataFormatError, match=r"^weight must be a column name \(str\) or None, got Series$"):
        call(SCORED, "onetsoc_code", weight=pd.Series(["n"]))


# 7. reports.figures' table helpers; precision_recall; nearest_occupations; check_task_labels

from exposure.measures.eloundou import check_task_labels  # noqa: E402
from exposure.reports import figures  # noqa: E402
from exposure.scoring.categories import nearest_occupations  # noqa: E402

SOCF = pd.DataFrame({"soc_code": ["15-1252", "15-1211", "47-2061", "43-9061"], "tot_emp": [100.0, 300.0, 50.0, 80.0],
                     "a_mean": [120e3, 90e3, 50e3, 40e3], "alpha": [0.5, 0.3, 0.0, 0.6],
                     "beta": [0.8, 0.4, 0.0, 0.7], "gamma": [0.9, 0.5, 0.1, 0.8]})


@pytest.mark.parametrize("call, arg", [
    (lambda f: figures.weighted_mean(f, "beta"), "frame"), (lambda f: figures.ranked(f), "frame"),
    (lambda f: figures.by_major_group(f), "soc_scores"), (lambda f: figures.by_wage_decile(f), "soc_scores"),
], ids=["weighted_mean", "ranked", "by_major_group", "by_wage_decile"])
@pytest.mark.parametrize("value, shown", [(None, "NoneType None"), ("soc.csv", "str 'soc.csv'"), (pd.Series([1.0]), "Series")])
def test_figures_frame_that_is_not_a_frame_is_refused(call, arg, value, shown):
    """``TypeError: 'NoneType' object is not subscriptable``."""
    with pytest.raises(DataFormatError, match=rf"^{arg} must be a pandas DataFrame, got {shown}$"):
        call(value)


@pytest.mark.parametrize("call, match", [
    (lambda: figures.weighted_mean(SOCF, None), r"^frame lacks column\(s\) \[None\]"),
    (lambda: figures.weighted_mean(SOCF, ["beta"]), r"^value must be a column name \(str\), got list \['beta'\]$"),
    (lambda: figures.weighted_mean(SOCF, "beta", weight="n"), r"^frame lacks column\(s\) \['n'\]"),
    (lambda: figures.ranked(SOCF, value=["beta"]), r"^value must be a column name \(str\), got list \['beta'\]$"),
    (lambda: figures.ranked(SOCF, key="code"), r"^frame lacks column\(s\) \['code'\]"),
    (lambda: figures.ranked(SOCF, n=2.5), r"^n must be a whole number of 0 or more, got float 2.5$"),
    (lambda: figures.ranked(SOCF, n=None), r"^n must be a whole number of 0 or more, got NoneType None$"),
    (lambda: figures.ranked(SOCF, n=True), r"^n must be a whole number of 0 or more, got bool True$"),
    (lambda: figures.ranked(SOCF, min_employment=True), r"^min_employment must be a number of workers of 0 or more \(0: no floor\), got bool True$"),
    (lambda: figures.ranked(SOCF, min_employment=None), r"^min_employment must be a number of workers of 0 or more \(0: no floor\), got NoneType None$"),
    (lambda: figures.by_major_group(SOCF, "beta"), r"^columns must be a list of column names, got str 'beta': write \['beta'\]$"),
    (lambda: figures.by_major_group(SOCF, None), r"^columns must be a list of column names, got NoneType None$"),
    (lambda: figures.by_major_group(SOCF, ["share_admin"]), r"^soc_scores lacks column\(s\) \['share_admin'\]"),
    (lambda: figures.by_wage_decile(SOCF, 5), r"^columns must be a list of column names, got int 5$"),
    (lambda: figures.by_wage_decile(SOCF, n=None), r"^n must be a whole number of 1 or more, got NoneType None$"),
    (lambda: figures.by_wage_decile(SOCF, n=2.5), r"^n must be a whole number of 1 or more, got float 2.5$"),
    (lambda: figures.by_wage_decile(SOCF, n=True), r"^n must be a whole number of 1 or more, got bool True$"),
    (lambda: figures.by_wage_decile(SOCF.drop(columns="a_mean")), r"^soc_scores lacks column\(s\) \['a_mean'\]"),
    (lambda: figures.format_workers("840"), r"^value must be a number of workers \(or missing\), got str '840'$"),
    (lambda: figures.format_workers(True), r"^value must be a number of workers \(or missing\), got bool True$"),
    (lambda: figures.format_workers([1.0]), r"^value must be a number of workers \(or missing\), got list \[1.0\]$"),
    (lambda: figures.soc_major_group(pd.DataFrame()), r"^codes must be a list of SOC codes, got DataFrame$"),
    (lambda: figures.soc_major_group("15-1252"), r"^codes must be a list of SOC codes, got str '15-1252'$"),
    (lambda: figures.soc_major_group(None), r"^codes must be a list of SOC codes, got NoneType None$"),
], ids=lambda x: None)
def test_figures_arguments_are_checked(call, match):
    """``KeyError: None``; ``n=2.5`` a positional-indexing TypeError; ``True`` read as 1; None a TypeError."""
    with pytest.raises(DataFormatError, match=match):
        call()


def test_figures_valid_calls_unchanged():
    assert round(figures.weighted_mean(SOCF, "beta"), 6) == round((80 + 120 + 0 + 56) / 530, 6)
    top, bottom = figures.ranked(SOCF, n=2, min_employment=60)
    assert top["soc_code"].tolist() == ["15-1252", "43-9061"] and bottom["soc_code"].tolist() == ["15-1211", "43-9061"]
    assert figures.by_major_group(SOCF, ("beta",))["major_group"].tolist() == ["15-0000", "43-0000", "47-0000"]
    assert figures.by_wage_decile(SOCF, n=np.int64(2))["quantile"].tolist() == [1, 2]
    assert [figures.format_workers(v) for v in (2_595_750, np.float64(52_060), 840, float("nan"))] == \
        ["2.6M", "52k", "840", "n/a"]
    assert figures.soc_major_group(pd.Series(["15-1252"])).tolist() == ["15-0000"]


def test_format_workers_reads_none_and_na_as_missing():
    """None raised ``TypeError: float() argument must be ... not 'NoneType'``; missing gives n/a."""
    assert [figures.format_workers(v) for v in (None, pd.NA)] == ["n/a", "n/a"]


@pytest.mark.parametrize("kwargs, match", [
    (dict(expected=None), r"^expected must be a pandas DataFrame, got NoneType None$"),
    (dict(predicted="p.csv"), r"^predicted must be a pandas DataFrame, got str 'p.csv'$"),
    (dict(predicted=pd.DataFrame({"admin": [True, False]})), r"^predicted lacks column\(s\) \['routine_coding', 'entry_creative'\]"),
    (dict(predicted=pd.DataFrame({"admin": [True], "routine_coding": [False], "entry_creative": [False]})),
     r"^expected and predicted must have one length each, got 2 and 1$"),
])
def test_precision_recall_frames_are_checked(kwargs, match):
    """``TypeError: 'NoneType' object is not subscriptable``; lengths 2 and 1 a numpy broadcast error."""
    e = pd.DataFrame({"admin": [True, False], "routine_coding": [False] * 2, "entry_creative": [False, True]})
    args = dict(expected=e, predicted=e)
    args.update(kwargs)
    with pytest.raises(DataFormatError, match=match):
        rcategories.precision_recall(**args)


@pytest.mark.parametrize("titles, shown", [(None, "NoneType None"), (5, "int 5"), (2.5, "float 2.5"), (True, "bool True"),
                                           ({"a": 1}, "dict"), (pd.DataFrame({"t": ["Welder"]}), "DataFrame")])
def test_nearest_occupations_titles_that_are_not_a_sequence_are_refused(titles, shown):
    """``TypeError: 'NoneType' object is not iterable``; a frame gave its column names' codes."""
    occ = pd.DataFrame({"onetsoc_code": ["15-1252.00"], "title": ["Software Developers"]})
    with pytest.raises(DataFormatError, match=rf"^titles must be a sequence of titles \(str or None\), got {shown}$"):
        nearest_occupations(titles, occ)


@pytest.mark.parametrize("columns, shown", [(None, "NoneType None"), (5, "int 5"),
                                            ("human_exposure_agg", "str 'human_exposure_agg': write \\['human_exposure_agg'\\]")])
def test_check_task_labels_columns_must_be_a_list_of_names(columns, shown):
    """``TypeError: Value after * must be an iterable, not NoneType``; a string read letter by letter."""
    with pytest.raises(DataFormatError, match=rf"^columns must be a list of column names, got {shown}$"):
        check_task_labels(LABELS, columns)


# 8. score_tasks: mirror / data_dir whatever the method; a column argument in one line ----

@pytest.mark.parametrize("kwargs, match", [
    (dict(method="rubric", mirror=5), r"^mirror must be a directory path \(str or os.PathLike\), got int 5$"),
    (dict(data_dir=["/data"]), r"^data_dir must be a directory path \(str or os.PathLike\), got list \['/data'\]$"),
    (dict(text_column=pd.Series(["task"])), r"^text_column must be a column name \(str\), got Series$"),
])
def test_score_tasks_location_and_column_arguments(kwargs, match):
    """``mirror=5`` was ignored by ``rubric`` and ``learned``; a Series column was shown over two lines."""
    with pytest.raises(ExposureError, match=match):
        score_tasks(TASKS, **kwargs)


# 9. roll-ups: an optional frame the weights do not read is still checked -------------

from exposure.rollup import label_scores as _label_scores  # noqa: E402
from exposure.rollup import task_weights as _task_weights  # noqa: E402
from exposure.rollup import to_occupations as _to_occupations  # noqa: E402

TSR = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "label": ["E1", "E0"],
                    "task_type": ["Core", "Supplemental"]})
TSR = pd.concat([TSR, _label_scores(TSR["label"])], axis=1)


@pytest.mark.parametrize("weights", ["equal", "core"])
@pytest.mark.parametrize("arg, what", [("tasks", r"tasks \(O\*NET task statements\)"),
                                       ("task_ratings", r"task_ratings \(O\*NET Task Ratings\)")])
@pytest.mark.parametrize("value, shown", [(5, "int"), ("Task Statements.txt", "str"), (["x"], "list"),
                                          (pd.Series(["Core"]), "Series")])
def test_optional_frames_not_read_by_the_weights_are_still_checked(weights, arg, what, value, shown):
    """``weights="equal"`` (or ``"core"`` with a task_type column) ignored ``tasks=5`` silently."""
    with pytest.raises(DataFormatError, match=rf"^{what} must be a pandas DataFrame, got {shown}$"):
        _task_weights(TSR, weights, **{arg: value})
    with pytest.raises(DataFormatError, match=rf"^{what} must be a pandas DataFrame, got {shown}$"):
        _to_occupations(TSR, weights=weights, **{arg: value})


def test_optional_frames_given_and_not_read_stay_accepted():
    unused = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"]})
    assert (_task_weights(TSR, "core", tasks=unused) == _task_weights(TSR, "core")).all()
    assert (_task_weights(TSR, "equal", task_ratings=pd.DataFrame()) == _task_weights(TSR, "equal")).all()


# 10. arguments used in messages or names only -----------------------------------------

@pytest.mark.parametrize("base, shown", [(None, "NoneType None"), (5, "int 5"), (["Task Statements"], r"list \['Task Statements'\]")])
def test_onet_name_base_that_is_not_a_name_is_refused(base, shown):
    """``onet_name("31.0", None)`` returned ``'onet/31.0/None.txt'``."""
    with pytest.raises(DataFormatError, match=r"^base must be an O\*NET file name such as 'Task Statements' "
                       rf"\(str\), got {shown}$"):
        releases.onet_name("31.0", base)


@pytest.mark.parametrize("kwargs, match", [
    (dict(row_offset=None), r"^row_offset must be a whole number of 0 or more \(1 counts rows from 1\), got NoneType None$"),
    (dict(row_offset="x"), r"^row_offset must be a whole number of 0 or more \(1 counts rows from 1\), got str 'x'$"),
    (dict(path=5), r"^path must be a file path \(str or os.PathLike\), got int 5$"),
])
def test_check_modern_tasks_message_arguments_are_checked(kwargs, match):
    """Accepted when the frame was valid (used in messages only)."""
    modern = pd.DataFrame({"task": ["Triage tickets."], "label": ["E1"], "exposed": ["yes"]})
    with pytest.raises(DataFormatError, match=match):
        agreement.check_modern_tasks(modern, **kwargs)
