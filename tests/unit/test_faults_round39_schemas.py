"""Round 39: values of the right dtype that break a rule the model only wrote down (``exposure.schemas``).

Earlier rounds (23, 35) made :func:`exposure.schemas.validate` refuse cells of the wrong
kind and tell pandera's failures in words. Faults found comparing each model's field
descriptions with its checks, and feeding ``validate`` odd cells:

1. A bootstrap interval upside down (``alpha_ci_low`` 0.6 above ``alpha_ci_high`` 0.2) in
   the occupation, SOC and sector tables and the workforce table: accepted (each bound
   is a fraction). Refused now: ``<measure>_ci_low <= <measure>_ci_high``.
2. The same in the event study (``ci_low`` above ``ci_high``) and in the exposure groups
   (``exposure_low`` above ``exposure_high``): accepted. Refused now.
3. A task score whose ``label`` ("most probable class") is not its most probable class
   (``E0`` where ``p_e1`` = 0.9), or a label with no probabilities / probabilities with
   no label: accepted. Refused now.
4. An occupation with more scored tasks than tasks (``n_scored`` 40 of ``n_tasks`` 30):
   accepted. Refused now.
5. Infinity in a number column checked only by ``ge=0`` (``tot_emp`` and ``a_mean`` of
   the SOC scores, a group's ``emp_base``, an event-study ``se``, a measure ``value``):
   accepted (only the OEWS and panel models checked ``finite``). Refused now, naming row
   and column, in every model.
6. A list, a dict or bytes in a text column (``soc_title`` ``['x']``, ``b'Chief'``): the
   model turned it into the text ``"['x']"`` / ``"b'Chief'"`` without a word. Refused now.
7. A job zone of 2.5 in the Census crosswalk model (documented 1-5, a float column):
   accepted. Refused now.
8. An ISCO-08 group whose ``level`` is not the length of its code, a NAICS code whose
   ``level`` is not its number of digits: accepted. Refused now.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import SchemaError
from exposure.schemas import (
    CensusScores,
    EventStudyCoefficients,
    GroupGrowth,
    IscoGroups,
    MeasureScores,
    NaicsTitles,
    OccupationPanel,
    OccupationScores,
    OnetToCensus,
    SocScores,
    TaskScores,
    WorkforceStats,
    validate,
)

_SHARES = ["share_e1", "share_exposed", "share_admin", "share_routine_coding", "share_entry_creative"]


def _refused(frame, model, message, *, path="p.csv", row_offset=2):
    with pytest.raises(SchemaError) as info:
        validate(frame, model, path=path, row_offset=row_offset)
    text = str(info.value)
    assert text == message
    assert "\n" not in text
    return info.value


def _occupations(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.03"], "title": ["Chief Executives", "Sustainability"],
        "alpha": [0.2, 0.4], "beta": [0.4, 0.5], "gamma": [0.6, 0.7], **{c: [0.1, 0.2] for c in _SHARES},
        "n_tasks": [30, 10], "n_scored": [30, 10], "weights": ["core", "core"],
        "alpha_ci_low": [0.1, 0.3], "alpha_ci_high": [0.3, 0.5]})
    return frame.assign(**changes)


def _soc(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "soc_code": ["11-1011", "13-1020"], "soc_title": ["Chief Executives", "Buyers"],
        "alpha": [0.2, 0.4], "beta": [0.4, 0.5], "gamma": [0.6, 0.7], **{c: [0.1, 0.2] for c in _SHARES},
        "tot_emp": [100.0, 50.0], "a_mean": [200000.0, 70000.0], "n_onet": [2, 1], "crosswalk_weight": [1.0, 1.0]})
    return frame.assign(**changes)


def _workforce(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "group_type": ["all"], "group": ["all"], "group_title": ["All workers"], "measure": ["beta"],
        "tot_emp": [100.0], "covered_emp": [90.0], "share_ge_10": [0.6], "share_gt_50": [0.1],
        "emp_mean": [0.3], "wage_mean": [0.3], "emp_mean_ci_low": [0.2], "emp_mean_ci_high": [0.4]})
    return frame.assign(**changes)


def _panel(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "soc_code": ["11-1011", "11-1012", "13-1020"], "year": [2021, 2022, 2023],
        "soc_title": ["Chief Executives"] * 3, "soc_major": ["11-0000", "11-0000", "13-0000"],
        "code_type": ["detailed", "detailed", "aggregate"], "tot_emp": [100.0, 110.0, 120.0],
        "a_mean": [1.0, 1.0, 1.0], "a_median": [1.0, 1.0, 1.0], "balanced": [True] * 3})
    return frame.assign(**changes)


def _coefficients(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "measure": ["beta", "beta"], "outcome": ["log_emp", "log_emp"], "spec": ["baseline", "baseline"],
        "year": [2021, 2022], "coef": [0.01, 0.0], "se": [0.005, np.nan], "ci_low": [0.0002, np.nan],
        "ci_high": [0.0198, np.nan], "p_value": [0.05, np.nan], "n_occupations": [700, 700], "n_obs": [3500, 3500]})
    return frame.assign(**changes)


def _groups(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "measure": ["beta", "beta"], "group": [1, 2], "n_occupations": [300, 300],
        "exposure_low": [0.0, 0.3], "exposure_high": [0.3, 0.9], "emp_base": [1e6, 2e6],
        "emp_growth_pre": [0.01, 0.02], "emp_growth_post": [0.03, 0.04],
        "wage_growth_pre": [0.05, 0.06], "wage_growth_post": [0.07, 0.08]})
    return frame.assign(**changes)


def _tasks(**changes) -> pd.DataFrame:
    p = np.array([[0.2, 0.1, 0.7], [0.05, 0.9, 0.05]])
    levels = np.array([[0, 0, 0], [1, 1, 1], [0, 0.5, 1]])
    measures = p @ levels
    frame = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": pd.array([1, 2], dtype="Int64"),
        "task": ["Direct activities.", "Write reports."],
        "p_e0": p[:, 0], "p_e1": p[:, 1], "p_e2": p[:, 2], "label": ["E2", "E1"],
        "alpha": measures[:, 0], "beta": measures[:, 1], "gamma": measures[:, 2],
        "admin": [False, True], "routine_coding": [False, False], "entry_creative": [False, False],
        "method": ["learned", "learned"]})
    return frame.assign(**changes)


def _without_scores(frame: pd.DataFrame, row: int) -> pd.DataFrame:
    frame = frame.copy()
    frame.loc[row, ["p_e0", "p_e1", "p_e2", "alpha", "beta", "gamma"]] = np.nan
    return frame


def test_the_fixtures_pass():
    for frame, model in [(_occupations(), OccupationScores), (_soc(), SocScores), (_workforce(), WorkforceStats),
                         (_panel(), OccupationPanel), (_coefficients(), EventStudyCoefficients),
                         (_groups(), GroupGrowth), (_tasks(), TaskScores)]:
        assert len(validate(frame, model)) == len(frame)


# 1 ------------------------------------------------------------------------------------------
def test_a_bootstrap_interval_upside_down_in_the_rollup_tables():
    err = _refused(_occupations(alpha_ci_low=[0.1, 0.6], alpha_ci_high=[0.3, 0.2]), OccupationScores,
                   "p.csv, row 3, column 'alpha_ci_low': alpha_ci_low is at most alpha_ci_high; got 0.6 "
                   "(check alpha_ci_ordered)")
    assert (err.row, err.column) == (3, "alpha_ci_low")
    soc = _soc(beta_ci_low=[0.5, 0.3], beta_ci_high=[0.45, 0.6])
    _refused(soc, SocScores, "p.csv, row 2, column 'beta_ci_low': beta_ci_low is at most beta_ci_high; "
             "got 0.5 (check beta_ci_ordered)")
    _refused(_workforce(emp_mean_ci_low=[0.5]), WorkforceStats,
             "p.csv, row 2, column 'emp_mean_ci_low': emp_mean_ci_low is at most emp_mean_ci_high; got 0.5 "
             "(check emp_mean_ci_ordered)")


def test_a_missing_bound_or_no_bounds_stay_accepted():
    assert len(validate(_occupations(alpha_ci_low=[np.nan, 0.3]), OccupationScores)) == 2
    assert len(validate(_occupations().drop(columns=["alpha_ci_low", "alpha_ci_high"]), OccupationScores)) == 2


# 2 ------------------------------------------------------------------------------------------
def test_an_event_study_interval_and_a_group_range_upside_down():
    _refused(_coefficients(ci_low=[0.0198, np.nan], ci_high=[0.0002, np.nan]), EventStudyCoefficients,
             "p.csv, row 2, column 'ci_low': ci_low is at most ci_high; got 0.0198 (check ci_ordered)")
    _refused(_groups(exposure_low=[0.0, 0.95]), GroupGrowth,
             "p.csv, row 3, column 'exposure_low': exposure_low is at most exposure_high; got 0.95 "
             "(check exposure_ordered)")


# 3 ------------------------------------------------------------------------------------------
def test_a_label_that_is_not_the_most_probable_class():
    _refused(_tasks(label=["E2", "E0"]), TaskScores,
             "p.csv, row 3, column 'label': label is the most probable class (E0/E1/E2), missing where the "
             "probabilities are; got text 'E0' (check label_is_most_probable)")


def test_a_label_without_probabilities_and_probabilities_without_a_label():
    _refused(_without_scores(_tasks(), 0), TaskScores,
             "p.csv, row 2, column 'label': label is the most probable class (E0/E1/E2), missing where the "
             "probabilities are; got text 'E2' (check label_is_most_probable)")
    _refused(_tasks(label=["E2", None]), TaskScores,
             "p.csv, row 3, column 'label': label is the most probable class (E0/E1/E2), missing where the "
             "probabilities are (check label_is_most_probable)")
    tied = _tasks(p_e0=[0.5, 0.05], p_e1=[0.0, 0.9], p_e2=[0.5, 0.05], alpha=[0.0, 0.9],
                  beta=[0.25, 0.925], gamma=[0.5, 0.95], label=["E0", "E1"])
    assert validate(tied, TaskScores)["label"].tolist() == ["E0", "E1"]  # a tie: either class
    frame = _without_scores(_tasks(label=[None, "E1"]), 0)
    assert validate(frame, TaskScores)["label"].isna().tolist() == [True, False]


# 4 ------------------------------------------------------------------------------------------
def test_more_scored_tasks_than_tasks():
    _refused(_occupations(n_scored=[30, 40]), OccupationScores,
             "p.csv, row 3, column 'n_scored': n_scored is at most n_tasks; got 40 (check n_scored_within_n_tasks)")


# 5 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("frame, model, column, pos", [
    (_soc(tot_emp=[100.0, np.inf]), SocScores, "tot_emp", 1),
    (_soc(a_mean=[np.inf, 1.0]), SocScores, "a_mean", 0),
    (_groups(emp_base=[1e6, np.inf]), GroupGrowth, "emp_base", 1),
    (_groups(emp_growth_post=[-np.inf, 0.1]), GroupGrowth, "emp_growth_post", 0),
    (_coefficients(se=[np.inf, np.nan]), EventStudyCoefficients, "se", 0),
    (_coefficients(coef=["inf", 0.0]), EventStudyCoefficients, "coef", 0),
    (pd.DataFrame({"soc_code": ["11-1011"], "measure": ["felten_aioe"], "value": [np.inf],
                   "crosswalk_weight": [1.0], "n_sources": [1]}), MeasureScores, "value", 0),
    (pd.DataFrame({"census_occ": ["0010"], "tot_emp": [np.inf], "n_onet": [1], "weighting": ["employment"]}),
     CensusScores, "tot_emp", 0),
], ids=["soc-tot_emp", "soc-a_mean", "group-emp_base", "group-growth", "event-se", "event-coef-text",
        "measure-value", "census-tot_emp"])
def test_infinity_in_a_number_column_is_refused(frame, model, column, pos):
    value = frame[column].iloc[pos]
    shown = "inf" if float(value) > 0 else "-inf"
    err = _refused(frame, model, f"p.csv, row {pos + 2}, column {column!r}: {column} must be finite (not "
                   f"infinity), got {shown}")
    assert (err.row, err.column) == (pos + 2, column)


# 6 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, shown", [(["x"], "list ['x']"), ({"a": 1}, "dict {'a': 1}"),
                                          (b"Chief", "bytes b'Chief'")], ids=["list", "dict", "bytes"])
def test_an_object_that_is_not_text_in_a_text_column(value, shown):
    frame = _panel()
    frame["soc_title"] = pd.Series(["Chief Executives", value, "Buyers"], dtype=object)
    err = _refused(frame, OccupationPanel,
                   f"p.csv, row 3, column 'soc_title': soc_title must be text, got {shown}")
    assert err.column == "soc_title"


def test_text_of_every_kind_and_numbers_stay_accepted_in_text_columns():
    frame = _panel(soc_title=pd.array(["a", "b", "c"], dtype="string[pyarrow]"))
    assert validate(frame, OccupationPanel)["soc_title"].tolist() == ["a", "b", "c"]
    assert validate(_workforce(group_title=[None]), WorkforceStats)["group_title"].isna().all()


# 7 ------------------------------------------------------------------------------------------
def test_a_job_zone_with_a_fraction():
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03"], "onetsoc_title": ["CEOs", "CSOs"],
                          "census_occ": ["0010", "0010"], "job_zone": [5.0, 2.5], "data_level": [True, False]})
    _refused(frame, OnetToCensus, "p.csv, row 3, column 'job_zone': job_zone is a whole number (1-5) or "
             "missing; got 2.5 (check whole_number)")
    assert validate(frame.assign(job_zone=[5.0, np.nan]), OnetToCensus)["job_zone"].tolist()[0] == 5.0


# 8 ------------------------------------------------------------------------------------------
def test_a_level_that_does_not_match_the_code():
    groups = pd.DataFrame({"isco08_code": ["0", "0110"], "level": [1, 3], "isco_title": ["Armed forces", "Officers"],
                           "description": [None, None]})
    _refused(groups, IscoGroups, "p.csv, row 3, column 'level': level is the number of digits of isco08_code; "
             "got 3 (check level_of_code)")
    naics = pd.DataFrame({"naics": ["31-33", "311", "3111"], "naics_title": ["Manufacturing", "Food", "Animal food"],
                          "level": [2, 3, 3]})
    _refused(naics, NaicsTitles, "p.csv, row 4, column 'level': level is the number of digits of naics (2 for a "
             "sector range such as 31-33); got 3 (check level_of_code)")
    assert len(validate(naics.assign(level=[2, 3, 4]), NaicsTitles)) == 3
    assert len(validate(groups.assign(level=[1, 4]), IscoGroups)) == 2
