"""Arguments of the public API found by a systematic sweep (round 7).

Each public function was called with a valid baseline but one argument replaced by
None, 5, 2.5, True, "x", ["x"], {}, a Series, an empty frame, bytes or a missing path.
These cases raised a ``TypeError``, ``ValueError``, ``AttributeError`` or ``KeyError``
from inside pandas, numpy or :mod:`dataclasses`, or were read silently as another value
(``sample_labels="no"`` as True, ``hours=True`` as 1 hour, an OEWS ``online="no"`` as
True). Now each is a :class:`~exposure.errors.DataFormatError` (an
:class:`~exposure.errors.ExposureError`) of one line naming the argument. No mirror and no
network: every argument is refused before anything is loaded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure import oews, releases
from exposure.errors import DataFormatError, ExposureError
from exposure.rollup import (
    bootstrap_occupations,
    census_weights,
    label_scores,
    rollup,
    scores_from_labels,
    task_weights,
    to_occupations,
    workforce_stats,
    working_time,
)

TS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": [1, 2, 3],
                   "label": ["E1", "E0", "E2"], "task_type": ["Core", "Core", "Supplemental"]})
TS = pd.concat([TS, label_scores(TS["label"])], axis=1)
XW = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
EMP = pd.DataFrame({"naics": "000000", "naics_title": "Cross-industry", "i_group": "cross-industry",
                    "occ_code": ["11-1011"], "occ_title": ["CEOs"], "o_group": "detailed",
                    "tot_emp": [100.0]})
SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.3, 0.0], "beta": [0.4, 0.3],
                    "gamma": [0.5, 0.6], "tot_emp": [100.0, 50.0], "a_mean": [100000.0, 60000.0]})


# 1. store, table, fmt, online of the loaders -------------------------------------------

@pytest.mark.parametrize("load", [exposure.load_onet, exposure.load_oews])
@pytest.mark.parametrize("store, shown", [("x", "str 'x'"), (5, "int 5"), (pd.DataFrame(), "DataFrame")])
def test_loaders_refuse_a_store_that_is_not_a_data_store(load, store, shown):
    """``dataclasses.replace`` raised ``TypeError: replace() should be called on dataclass instances``."""
    with pytest.raises(ExposureError, match=r"^store must be an exposure.fetch.DataStore "
                       rf"\(e.g. DataStore.default\(\)\), got {shown}$"):
        load(store=store, mirror="/nowhere")


@pytest.mark.parametrize("call, choices", [
    (lambda t: exposure.load_oews("2025", t), "cross_industry, by_industry, national"),
    (lambda t: oews.oews_file_names("2025", t), "cross_industry, by_industry, national"),
    (lambda t: releases.oews_names("2025", t), "cross_industry, by_industry"),
], ids=["load_oews", "oews_file_names", "oews_names"])
@pytest.mark.parametrize("table, shown", [(["by_industry"], r"list \['by_industry'\]"),
                                          (pd.Series(["national"]), "Series"), ({}, "dict")])
def test_oews_table_that_is_not_a_name_is_refused(call, choices, table, shown):
    """A list raised ``TypeError: unhashable type``; a Series ``The truth value ... is ambiguous``."""
    with pytest.raises(DataFormatError, match=rf"^table must be one of {choices} \(str\), got {shown}$"):
        call(table)


@pytest.mark.parametrize("fmt, shown", [(["excel"], r"list \['excel'\]"), (5, "int 5"), (True, "bool True")])
def test_onet_format_that_is_not_a_name_is_refused(fmt, shown):
    """``onet_name`` raised ``TypeError: unhashable type``; ``load_onet`` ignored the format silently."""
    match = rf"^fmt must be one of text, excel \(str\), got {shown}$"
    with pytest.raises(DataFormatError, match=match):
        releases.onet_name("31.0", "Task Statements", fmt)
    with pytest.raises(DataFormatError, match=match):
        exposure.load_onet("29.1", fmt=fmt, mirror="/nowhere")


def test_load_onet_refuses_an_unknown_format_string_before_loading():
    with pytest.raises(ExposureError, match=r"^unknown O\*NET format 'pdf'; choose text or excel$"):
        exposure.load_onet("29.1", fmt="pdf", mirror="/nowhere")


@pytest.mark.parametrize("online, shown", [("no", "str 'no'"), (1, "int 1"), (None, "NoneType None")])
def test_oews_file_names_refuses_an_online_flag_that_is_not_a_bool(online, shown):
    """``online="no"`` was read as True (BLS's files instead of the registered one)."""
    with pytest.raises(DataFormatError, match=rf"^online must be True or False, got {shown}$"):
        oews.oews_file_names("2025", online=online)


def test_valid_loader_names_are_unchanged():
    assert oews.oews_file_names("2025") == ["oews/oews_national_by_industry_M2025.csv"]
    assert oews.oews_file_names("2025", "national", online=np.bool_(True)) == ["oews/national_M2025_dl.xlsx"]
    assert releases.onet_name("31.0", "Job Zones", "excel") == "onet/31.0/Job Zones.xlsx"
    assert releases.oews_names(2026, "cross_industry") == ["oews/national_M2026_dl.xlsx"]


# 2. weights and sample_labels of the roll-ups ------------------------------------------

WEIGHT_CALLS = {
    "to_occupations": lambda w: to_occupations(TS, w),
    "task_weights": lambda w: task_weights(TS, w),
    "bootstrap_occupations": lambda w: bootstrap_occupations(TS, w, n_draws=2),
    "rollup": lambda w: rollup(TS, XW, EMP, weights=w),
}


@pytest.mark.parametrize("call", list(WEIGHT_CALLS.values()), ids=list(WEIGHT_CALLS))
@pytest.mark.parametrize("weights, shown", [(pd.Series(["core"]), "Series"), (["core"], r"list \['core'\]"),
                                            (pd.DataFrame(), "DataFrame")])
def test_weights_that_are_not_a_name_are_refused(call, weights, shown):
    """A Series raised pandas' ``ValueError: The truth value of a Series is ambiguous``."""
    with pytest.raises(DataFormatError, match=r"^weights must be one of equal, core, importance, "
                       rf"frequency \(str\), got {shown}$"):
        call(weights)


@pytest.mark.parametrize("call", [
    lambda s: bootstrap_occupations(TS, "core", n_draws=2, sample_labels=s),
    lambda s: rollup(TS, XW, EMP, n_draws=2, sample_labels=s),
], ids=["bootstrap_occupations", "rollup"])
@pytest.mark.parametrize("value, shown", [("no", "str 'no'"), (1, "int 1"), (pd.Series([True]), "Series")])
def test_sample_labels_that_is_not_a_bool_is_refused(call, value, shown):
    """``sample_labels="no"`` (or 1) was read as True: labels were resampled."""
    with pytest.raises(DataFormatError, match=rf"^sample_labels must be True, False or None, got {shown}$"):
        call(value)


def test_valid_weights_and_sample_labels_are_unchanged():
    a = bootstrap_occupations(TS, "core", n_draws=3, seed=1, sample_labels=np.bool_(False))
    b = bootstrap_occupations(TS, "core", n_draws=3, seed=1, sample_labels=False)
    assert np.array_equal(a.draws["beta"], b.draws["beta"], equal_nan=True)
    assert task_weights(TS, "core").tolist() == [2.0, 2.0, 1.0]


# 3. frames and columns of label_scores, scores_from_labels, task_weights -----------------

@pytest.mark.parametrize("labels, shown", [(["E1"], "list"), (None, "NoneType"), (pd.DataFrame(), "DataFrame")])
def test_label_scores_refuses_what_is_not_a_series(labels, shown):
    """``AttributeError: 'list' object has no attribute 'notna'``."""
    with pytest.raises(DataFormatError, match=rf"^labels must be a pandas Series of E0/E1/E2 labels, got {shown}$"):
        label_scores(labels)


def test_label_scores_names_the_row_from_1():
    """The first row was named ``row 0`` (the second ``row 1``)."""
    with pytest.raises(DataFormatError, match=r"^row 1: unknown exposure label 'E3'"):
        label_scores(pd.Series(["E3", "E0"]))
    f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "gpt4": ["E0", "e1"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'gpt4': unknown exposure label 'e1'"):
        scores_from_labels(f, "gpt4")


F = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "x": ["E2", None]})


@pytest.mark.parametrize("kw, match", [
    ({"frame": None}, r"^frame must be a pandas DataFrame, got NoneType$"),
    ({"frame": "x"}, r"^frame must be a pandas DataFrame, got str$"),
    ({"column": None}, r"^column must be a column name \(str\), got NoneType None$"),
    ({"column": ["x"]}, r"^column must be a column name \(str\), got list \['x'\]$"),
    ({"column": "y"}, r"^frame lacks column\(s\) \['y'\]"),
    ({"frame": F.drop(columns="task_id")}, r"^frame lacks column\(s\) \['task_id'\]"),
    ({"method": 5}, r"^method must be a method name \(str\), got int 5$"),
    ({"method": ["x"]}, r"^method must be a method name \(str\), got list \['x'\]$"),
])
def test_scores_from_labels_refuses_bad_arguments(kw, match):
    """``KeyError``, ``TypeError: 'NoneType' object is not subscriptable``; ``method=5`` was written as is."""
    args = {"frame": F, "column": "x", "method": "reference"} | kw
    with pytest.raises(DataFormatError, match=match):
        scores_from_labels(args["frame"], args["column"], method=args["method"])


@pytest.mark.parametrize("value, shown", [(None, "NoneType"), ("x", "str"), (pd.Series([1.0]), "Series")])
def test_task_weights_refuses_task_scores_that_are_not_a_frame(value, shown):
    """``TypeError: object of type 'NoneType' has no len()`` / ``AttributeError``."""
    with pytest.raises(DataFormatError, match=rf"^task_scores must be a pandas DataFrame, got {shown}$"):
        task_weights(value, "equal")


def test_valid_labels_are_unchanged():
    out = scores_from_labels(F, "x", method="reference")
    assert out.loc[0, ["p_e0", "p_e1", "p_e2"]].tolist() == [0.0, 0.0, 1.0]
    assert out["method"].tolist() == ["reference"] * 2
    assert label_scores(pd.Series(["E0", "E2"])).to_numpy().tolist() == [[0, 0, 0], [0, 0.5, 1]]


# 4. workforce_stats, working_time, census_weights --------------------------------------

@pytest.mark.parametrize("hours, shown", [(True, "bool True"), ("40", "str '40'"), (None, "NoneType None"),
                                          (pd.Series([40.0]), "Series"), (0, "int 0"), (np.inf, "float inf")])
def test_working_time_refuses_hours_that_are_not_a_positive_number(hours, shown):
    """``True`` was read as a 1-hour week; text raised numpy's ``UFuncTypeError``."""
    with pytest.raises(DataFormatError, match=rf"^hours must be a positive number of hours, got {shown}$"):
        working_time(SOC, hours=hours)


@pytest.mark.parametrize("measure, shown", [(["beta"], r"list \['beta'\]"), (pd.Series(["beta"]), "Series")])
def test_working_time_refuses_a_measure_that_is_not_a_name(measure, shown):
    """``TypeError: unhashable type: 'list'``."""
    with pytest.raises(DataFormatError, match=rf"^measure must be a column name \(str\), got {shown}$"):
        working_time(SOC, measure=measure)


@pytest.mark.parametrize("kw, match", [
    ({"measures": None}, r"^measures must be a list of measure names, got NoneType None$"),
    ({"measures": 5}, r"^measures must be a list of measure names, got int 5$"),
    ({"measures": "beta"}, r"^measures must be a list of measure names, got str 'beta': write \['beta'\]$"),
    ({"measures": []}, r"^measures must name at least one measure, got \[\]$"),
    ({"draws": 5}, r"^draws must be a dict of measure name -> draws array \(or None\), got int 5$"),
    ({"draws": "beta"}, r"^draws must be a dict of measure name -> draws array \(or None\), got str 'beta'$"),
    ({"level": "x"}, r"^level \(confidence level of the intervals\) must be a number between 0 and 1 "
                     r"\(exclusive\), got 'x'$"),
    ({"level": True}, r"^level \(confidence level of the intervals\) must be a number between 0 and 1 "
                      r"\(exclusive\), got True$"),
])
def test_workforce_stats_refuses_bad_arguments(kw, match):
    """``TypeError: Value after * must be an iterable``, ``No objects to concatenate``; a bad level was ignored."""
    with pytest.raises(ExposureError, match=match):
        workforce_stats(SOC, **kw)


@pytest.mark.parametrize("scored, shown", [(5, "int 5"), ("11-1011.00", "str '11-1011.00'"), (True, "bool True")])
def test_census_weights_refuses_scored_that_is_not_a_list_of_codes(scored, shown):
    """``TypeError: 'int' object is not iterable``; a string was read letter by letter."""
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": ["0010"]})
    emp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [200.0]})
    with pytest.raises(DataFormatError, match=rf"^scored must be a list of O\*NET-SOC codes \(or None\), got {shown}$"):
        census_weights(xw, emp, scored=scored)


def test_valid_workforce_arguments_are_unchanged():
    a = working_time(SOC, hours=40)
    pd.testing.assert_frame_equal(a, working_time(SOC, hours=np.float64(40.0)))
    pd.testing.assert_frame_equal(a, working_time(SOC))
    w = workforce_stats(SOC, measures=("beta",))
    pd.testing.assert_frame_equal(w, workforce_stats(SOC, measures=["beta"], level=0.9))
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": ["0010"]})
    emp = pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [200.0]})
    pd.testing.assert_frame_equal(census_weights(xw, emp, scored={"11-1011.00"}),
                                  census_weights(xw, emp, scored=pd.Series(["11-1011.00"])))


@pytest.mark.parametrize("func", [workforce_stats, working_time])
@pytest.mark.parametrize("code, what", [(None, "missing"),
                                        ("11-1011 ", r"not a SOC code \(like 11-1011\): '11-1011 ': spaces around "
                                                     r"the code: write '11-1011'")])
def test_workforce_functions_refuse_a_missing_or_malformed_soc_code(func, code, what):
    """A missing code raised a TypeError (workforce_stats) or an output SchemaError (working_time)."""
    soc = SOC.assign(soc_code=[code, "13-1020"])
    with pytest.raises(DataFormatError, match=rf"^soc_scores, row 1, column 'soc_code': {what}$"):
        func(soc)
