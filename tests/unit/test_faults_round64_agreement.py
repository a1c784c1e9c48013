"""Round 64: the agreement and reproduction reports (``reports.agreement``, ``reports.reproduction``).

Faults found (each test below failed before its fix):

1. ``reproduction.coverage_table`` (``reproduction_coverage.csv``) given an occupation set
   or a crosswalk indexed by its code with the column kept
   (``occ.set_index("onetsoc_code", drop=False)``, a frame kept for look-ups by code)
   raised pandas' ``ValueError: 'onetsoc_code' is both an index level and a column label,
   which is ambiguous`` from its naive join, although ``to_soc`` and ``coverage`` (which it
   calls first) take such frames. Its ``n_onet`` and ``naive_join_emp`` counted an
   occupation whose ``beta`` is a blank text (an occupations CSV read with
   ``keep_default_na=False``) as scored, where ``to_soc`` reads it as missing (``n_onet`` 3
   for 2), and a crosswalk pair listed twice doubled the naive join's workers (``to_soc``
   counts each pair once). Now the frames are read as ``to_soc`` reads them: by position,
   ``beta`` by the roll-up's rule, each pair once.
2. ``reproduction.workforce_shares(soc_scores, measure)`` counted a SOC code given twice
   twice (``share_ge_50`` 0.33 for 0.2), and a SOC group beside a code it holds
   (``15-1250`` and ``15-1252``) counted that occupation's workers twice, without a word
   (so did a code pasted again with a space, ``' 15-1252'``), where ``rollup.coverage``
   and ``rollup.workforce_stats`` refuse them all in the same frame.
   Now refused with their messages: ``row 4, column 'soc_code': soc_scores has soc_code
   '15-1252' twice (rows 2 and 4)``.
3. ``agreement.evaluate_method(method, labels, "29.1")`` (a release name, as ``--onet 29.1``
   takes it) and ``evaluate_free_text(labels, "29.1")`` raised ``AttributeError: 'str'
   object has no attribute 'task_dwas'`` once the labels were checked (and their rows
   built); ``config={"C": 1.0}`` raised ``AttributeError: 'dict' object has no attribute
   'sets'``. Now refused before the labels are read, in the words of ``score_tasks``:
   ``onet must be an O*NET release, e.g. exposure.load_onet('29.1') (or None), got str
   '29.1'``; ``config must be a TrainConfig (or None for the shipped model's), got
   dict: write TrainConfig(**config)`` (the check of ``exposure.scoring._train``).
4. ``reproduction.reproduce_occ_level(labels, occ_level)`` and
   ``reproduce_workforce_2021(labels, ...)`` left a task whose label is missing out of its
   occupation, without a word (the published scores count every task: ``max_abs_diff``
   1.0 on a file that reproduces exactly), and their errors on the labels named no frame,
   or the wrong one: ``frame lacks column(s) ['gpt4_exposure']``, ``row 1, column
   'gpt4_exposure': unknown exposure label 'e1' (expected E0, E1 or E2)``. Now the labels
   are checked as the agreement and rubric reports check theirs
   (``reports.rubric.checked_labels``): ``row 2, column 'gpt4_exposure': labels:
   gpt4_exposure is missing: every task of the report needs its label``, ``labels lacks
   column(s) ['gpt4_exposure']``.

The reports written from the real data (``exposure report reproduction``, ``report
rubric``, ``report agreement --method reference|rubric``) are byte-identical to the
committed ones. Tiny made-up frames (``_frames.py``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import crosswalk, employment, occupation_scores
from test_faults_round18_reports import LABELS

from exposure.errors import DataFormatError
from exposure.reports import reproduction
from exposure.reports.agreement import evaluate_free_text, evaluate_method
from exposure.scoring._train import TrainConfig

# ---------------------------------------------------------------------------------------
# 1. coverage_table reads its frames as to_soc reads them
# ---------------------------------------------------------------------------------------


def _coverage(occ=None, xw=None) -> pd.Series:
    occ = occupation_scores() if occ is None else occ
    xw = crosswalk() if xw is None else xw
    return reproduction.coverage_table({"x": occ}, xw, {"2025": employment()}).iloc[0]


def test_coverage_table_takes_frames_indexed_by_their_code():
    expected = _coverage()
    occ = occupation_scores().set_index("onetsoc_code", drop=False)
    pd.testing.assert_series_equal(_coverage(occ=occ), expected)
    pd.testing.assert_series_equal(_coverage(xw=crosswalk().set_index("onetsoc_code", drop=False)), expected)


def test_coverage_table_counts_an_occupation_with_a_blank_beta_as_unscored():
    blank = occupation_scores(alpha=[0.1, "", 0.0], beta=[0.2, "", 0.3], gamma=[0.3, "", 0.6])
    row = _coverage(occ=blank)
    unscored = _coverage(occ=occupation_scores().iloc[[0, 2]])
    assert row["n_onet"] == 2  # was 3
    assert row["naive_join_emp"] == unscored["naive_join_emp"] == 100  # was 200, as if scored


def test_coverage_table_counts_a_crosswalk_pair_listed_twice_once():
    twice = pd.concat([crosswalk(), crosswalk().iloc[[0]]], ignore_index=True)
    assert _coverage(xw=twice)["naive_join_emp"] == _coverage()["naive_join_emp"] == 200  # was 300


# ---------------------------------------------------------------------------------------
# 2. workforce_shares refuses SOC scores that count workers twice
# ---------------------------------------------------------------------------------------

SOC = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "47-2061"], "beta": [0.05, 0.8, 0.3],
                    "tot_emp": [100.0, 100.0, 300.0]})


@pytest.mark.parametrize("soc, match", [
    (pd.concat([SOC, SOC.iloc[[1]]], ignore_index=True),
     r"^soc_scores, row 4, column 'soc_code': soc_code '15-1252' is given twice \(rows 2 and 4\)$"),
    (pd.concat([SOC, pd.DataFrame({"soc_code": ["15-1250"], "beta": [0.8], "tot_emp": [100.0]})],
               ignore_index=True),
     r"^soc_scores, row 2, column 'soc_code': '15-1252' \(row 2\) is in '15-1250' \(row 4\), a SOC broad "
     r"group, and both are rows: its workers would be counted twice"),
    (pd.concat([SOC, SOC.iloc[[1]].assign(soc_code=" 15-1252")], ignore_index=True),  # pasted again, padded
     r"^soc_scores, row 4, column 'soc_code': not a SOC code \(like 11-1011\): ' 15-1252': spaces around the "
     r"code: write '15-1252'$"),
])
def test_workforce_shares_refuse_workers_counted_twice(soc, match):
    with pytest.raises(DataFormatError, match=match):
        reproduction.workforce_shares(soc, "beta")


def test_workforce_shares_unchanged_with_codes_once_or_without_codes():
    shares = {"covered_emp": 500.0, "ge_10": 0.8, "gt_10": 0.8, "ge_50": 0.2, "gt_50": 0.2}
    assert reproduction.workforce_shares(SOC, "beta") == shares
    assert reproduction.workforce_shares(SOC.drop(columns="soc_code"), "beta") == shares


# ---------------------------------------------------------------------------------------
# 3. evaluate_method / evaluate_free_text: onet and config of another kind
# ---------------------------------------------------------------------------------------

# the labels of round 18's report tests

RELEASE_NAME = r"^onet must be an O\*NET release, e.g. exposure.load_onet\('29.1'\) \(or None\), got str '29.1'$"


@pytest.mark.parametrize("run", [
    lambda **kw: evaluate_method("rubric", LABELS, **kw),
    lambda **kw: evaluate_method("reference", LABELS, **kw),
    lambda **kw: evaluate_method("learned", LABELS, n_folds=2, **kw),
    lambda **kw: evaluate_free_text(LABELS, n_folds=2, **kw),
])
def test_a_release_name_or_a_dict_of_settings_is_refused_before_the_labels(run):
    with pytest.raises(DataFormatError, match=RELEASE_NAME):
        run(onet="29.1")
    with pytest.raises(DataFormatError, match=r"^onet must be an O\*NET release, .*got DataFrame: pass the release"):
        run(onet=LABELS)
    with pytest.raises(DataFormatError, match=r"^config must be a TrainConfig \(or None "
                                              r"for the shipped model's\), got dict: write TrainConfig"):
        run(onet=None, config={"C": 1.0})


def test_release_name_is_refused_before_bad_labels_are_read():
    with pytest.raises(DataFormatError, match=RELEASE_NAME):
        evaluate_method("rubric", LABELS.drop(columns="title"), "29.1")


def test_a_train_config_is_still_taken():
    table, _ = evaluate_method("rubric", LABELS, config=TrainConfig())
    assert float(table.loc[1, "accuracy"]) == 0.8


# ---------------------------------------------------------------------------------------
# 4. reproduce_occ_level / reproduce_workforce_2021 check the labels as the reports do
# ---------------------------------------------------------------------------------------

REPRO = pd.DataFrame({
    "onetsoc_code": ["13-1021.00", "13-1021.00", "15-1252.00"], "task_id": [1, 2, 3],
    "task_type": ["Core", "Supplemental", "Core"], "human_exposure_agg": ["E1", "E2", "E0"],
    "gpt4_exposure": ["E2", "E2", "E1"]})
PUBLISHED = pd.DataFrame({
    "onetsoc_code": ["13-1021.00", "15-1252.00"],
    "human_alpha": [2 / 3, 0.0], "human_beta": [2.5 / 3, 0.0], "human_gamma": [1.0, 0.0],
    "gpt4_alpha": [0.0, 1.0], "gpt4_beta": [0.5, 1.0], "gpt4_gamma": [1.0, 1.0]})
XW = pd.DataFrame({"onetsoc_code": ["13-1021.00", "15-1252.00"], "soc_code": ["13-1021", "15-1252"]})
EMP = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["13-1021", "15-1252"],
                    "o_group": "detailed", "tot_emp": [1.0, 3.0]})

REPRODUCTIONS = [lambda labels: reproduction.reproduce_occ_level(labels, PUBLISHED),
                 lambda labels: reproduction.reproduce_workforce_2021(labels, XW, EMP)]


@pytest.mark.parametrize("run", REPRODUCTIONS)
@pytest.mark.parametrize("labels, match", [
    (REPRO.assign(gpt4_exposure=["E2", None, "E1"]),
     r"^labels, row 2, column 'gpt4_exposure': gpt4_exposure is missing: every task of the report needs its label$"),
    (REPRO.assign(gpt4_exposure=["e2", "E2", "E1"]),
     r"^labels, row 1, column 'gpt4_exposure': gpt4_exposure must be E0, E1 or E2, got 'e2': write 'E2' \(the choices are case-sensitive\)$"),
    (REPRO.drop(columns="gpt4_exposure"), r"^labels lacks column\(s\) \['gpt4_exposure'\]"),
    (REPRO.assign(task_type=["Core", "core", "Core"]),
     r"^labels, row 2, column 'task_type': task_type 'core' is not Core or Supplemental"),
])
def test_reproduction_labels_are_checked_naming_labels(run, labels, match):
    with pytest.raises(DataFormatError, match=match):
        run(labels)


def test_reproduction_of_good_labels_unchanged():
    rep = reproduction.reproduce_occ_level(REPRO, PUBLISHED)
    assert (rep["n_matched"] == 2).all() and rep["max_abs_diff"].max() < 1e-15
    wf = reproduction.reproduce_workforce_2021(REPRO.assign(task_id=["1", "2.0", 3]), XW, EMP)
    assert wf["covered_emp"].tolist() == [4.0] * 24
