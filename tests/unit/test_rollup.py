"""Tasks -> occupations -> OEWS codes on hand-computed fixtures (tests/data/rollup).

The tiny world of ``task_scores_tiny.csv`` (labels; task type C = Core, S = Supplemental,
- = missing):

    11-1011.00  t1 E1 C, t2 E0 C, t3 E2 S, t4 E2 -     -> SOC 11-1011
    11-1011.03  t5 E2 C, t6 E0 C                       -> SOC 11-1011
    13-1021.00  t7 E1 C, t8 (no label) S               -> SOC 13-1021 -> OEWS 13-1020
    15-1252.00  t9 E0 C (admin), t10 E0 C              -> SOC 15-1252

OEWS cross-industry detailed employment (``oews_tiny.csv``): 11-1011 1,000;
13-1020 500; 15-1252 2,000; 15-1299 500 (no O*NET tasks) -> total 4,000.
"""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pandas as pd
import pytest

from exposure.crosswalks import read_onet_to_soc
from exposure.errors import DataFormatError, SchemaError
from exposure.oews import read_oews
from exposure.onet import read_task_ratings, read_tasks
from exposure.rollup import (
    FREQUENCY_PER_YEAR,
    bootstrap_occupations,
    coverage,
    label_scores,
    national_detailed,
    oews_code_map,
    onet_to_oews,
    rollup,
    scores_from_labels,
    task_weights,
    to_occupations,
    to_soc,
)
from exposure.schemas import validate
from exposure.schemas._rollup import OccupationScores


@pytest.fixture()
def ts(fixtures):
    return pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype={"onetsoc_code": str, "task_type": str})


@pytest.fixture()
def xw(fixtures):
    return read_onet_to_soc(fixtures / "rollup" / "onet_to_soc_tiny.csv")


@pytest.fixture()
def emp(fixtures):
    return read_oews(fixtures / "rollup" / "oews_tiny.csv")


def _row(frame, key, value):
    return frame.set_index(key).loc[value]


# ---------------------------------------------------------------- labels
def test_label_scores_mapping_and_missing():
    out = label_scores(pd.Series(["E0", "E1", "E2", np.nan]))
    assert out.iloc[:3].to_numpy().tolist() == [[0, 0, 0], [1, 1, 1], [0, 0.5, 1]]
    assert out.iloc[3].isna().all()


def test_label_scores_rejects_unknown_label():
    with pytest.raises(DataFormatError, match="E3"):
        label_scores(pd.Series(["E0", "E3"]))


def test_scores_from_labels_one_hot():
    f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "x": ["E2", None]})
    out = scores_from_labels(f, "x")
    assert out.loc[0, ["p_e0", "p_e1", "p_e2"]].tolist() == [0.0, 0.0, 1.0]
    assert out.loc[1, ["p_e0", "p_e1", "p_e2", "beta"]].isna().all()
    assert out["method"].unique().tolist() == ["reference"]


# ---------------------------------------------------------------- occupations
def test_core_weights_hand_computed(ts):
    occ = to_occupations(ts, weights="core")
    a = _row(occ, "onetsoc_code", "11-1011.00")
    # weights 2, 2, 1, 1 (Core, Core, Supplemental, missing) -> sum 6
    assert a["alpha"] == pytest.approx(2 / 6)  # t1 E1
    assert a["beta"] == pytest.approx((2 * 1 + 1 * 0.5 + 1 * 0.5) / 6)  # 0.5
    assert a["gamma"] == pytest.approx((2 + 1 + 1) / 6)
    assert a["share_e1"] == pytest.approx(2 / 6)
    assert a["share_exposed"] == pytest.approx(4 / 6)
    assert a["share_admin"] == pytest.approx((2 + 1) / 6)  # t1 (2) and t3 (1)
    assert a["share_routine_coding"] == pytest.approx(1 / 6)  # t4
    assert a["share_entry_creative"] == 0.0
    assert (a["n_tasks"], a["n_scored"], a["weights"]) == (4, 4, "core")
    b = _row(occ, "onetsoc_code", "11-1011.03")
    assert (b["alpha"], b["beta"], b["gamma"]) == (0.0, 0.25, 0.5)
    assert b["share_entry_creative"] == 0.5


def test_equal_weights_hand_computed(ts):
    occ = to_occupations(ts, weights="equal")
    a = _row(occ, "onetsoc_code", "11-1011.00")
    assert (a["alpha"], a["beta"], a["gamma"]) == (0.25, 0.5, 0.75)
    assert a["share_admin"] == 0.5


def test_missing_labels_are_left_out_not_zero(ts):
    occ = to_occupations(ts, weights="core")
    c = _row(occ, "onetsoc_code", "13-1021.00")
    # t7 (E1, weight 2) is labelled, t8 is not: the mean is over t7 only
    assert (c["alpha"], c["beta"], c["gamma"], c["share_e1"]) == (1.0, 1.0, 1.0, 1.0)
    assert (c["n_tasks"], c["n_scored"]) == (2, 1)
    # categories are known for t8, so its weight counts there: 0 of 3
    assert c["share_admin"] == 0.0


def test_all_missing_gives_missing_measure():
    """An occupation without a labelled task gets missing measures.

    Another occupation has a label: a table without any score is refused
    (test_task_scores_without_any_score_are_refused).
    """
    f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2 + ["13-1021.00"], "task_id": [1, 2, 3],
                      "label": [None, None, "E1"]})
    f = pd.concat([f, label_scores(f["label"])], axis=1)
    occ = to_occupations(f, weights="equal")
    assert occ.loc[[0], ["alpha", "beta", "gamma", "share_e1", "share_exposed"]].isna().all(axis=None)
    assert occ["share_admin"].isna().all()  # no category columns at all
    assert occ.loc[0, "n_scored"] == 0
    assert occ.loc[1, "beta"] == 1.0


def test_share_e1_from_probabilities_without_labels():
    f = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2],
                      "p_e0": [0.2, 0.5], "p_e1": [0.6, 0.1], "p_e2": [0.2, 0.4]})
    f["alpha"], f["beta"], f["gamma"] = f["p_e1"], f["p_e1"] + 0.5 * f["p_e2"], f["p_e1"] + f["p_e2"]
    occ = to_occupations(f, weights="equal")
    assert occ.loc[0, "share_e1"] == pytest.approx(0.35)  # (0.6 + 0.1) / 2
    assert occ.loc[0, "share_exposed"] == pytest.approx(0.65)  # (0.8 + 0.5) / 2
    assert occ.loc[0, "beta"] == pytest.approx((0.7 + 0.3) / 2)


def test_core_weights_from_tasks_frame(ts, fixtures):
    tasks = read_tasks(fixtures / "rollup" / "task_statements_tiny.txt")
    sub = ts[ts["onetsoc_code"] == "11-1011.03"].drop(columns="task_type")
    occ = to_occupations(sub, weights="core", tasks=tasks)
    # the statements file says t5 Core (2, E2), t6 Supplemental (1, E0): beta = 2 * 0.5 / 3
    assert occ.loc[0, "beta"] == pytest.approx(1 / 3)
    assert occ.loc[0, "gamma"] == pytest.approx(2 / 3)


def test_core_weights_without_task_type_is_an_error(ts):
    with pytest.raises(DataFormatError, match="task type"):
        to_occupations(ts.drop(columns="task_type"), weights="core")


def test_importance_weights_hand_computed(ts, fixtures):
    ratings = read_task_ratings(fixtures / "rollup" / "task_ratings_tiny.txt")
    sub = ts[ts["onetsoc_code"] == "11-1011.03"]
    w = task_weights(sub, "importance", task_ratings=ratings)
    assert w.tolist() == [4.0, 2.0]
    occ = to_occupations(sub, weights="importance", task_ratings=ratings)
    # t5 E2 importance 4, t6 E0 importance 2: beta = 4 * 0.5 / 6, gamma = 4 / 6
    assert occ.loc[0, "beta"] == pytest.approx(1 / 3)
    assert occ.loc[0, "gamma"] == pytest.approx(2 / 3)
    assert occ.loc[0, "weights"] == "importance"


def test_frequency_weights_hand_computed(ts, fixtures):
    ratings = read_task_ratings(fixtures / "rollup" / "task_ratings_tiny.txt")
    sub = ts[ts["onetsoc_code"] == "11-1011.03"]
    w = task_weights(sub, "frequency", task_ratings=ratings)
    # t5: 100% "daily" -> 250 a year; t6: 50% yearly (1) + 50% more than yearly (6) -> 3.5
    assert FREQUENCY_PER_YEAR[5] == 250.0
    assert w == pytest.approx([250.0, 3.5])
    occ = to_occupations(sub, weights="frequency", task_ratings=ratings)
    assert occ.loc[0, "beta"] == pytest.approx(250 * 0.5 / 253.5)


@pytest.mark.parametrize("weights", ["importance", "frequency"])
def test_ratings_absent_is_an_error_not_a_fallback(ts, weights):
    with pytest.raises(DataFormatError, match="Task Ratings"):
        to_occupations(ts, weights=weights)


def test_task_without_rating_is_an_error(ts, fixtures):
    ratings = read_task_ratings(fixtures / "rollup" / "task_ratings_tiny.txt")
    with pytest.raises(DataFormatError, match="8 of 10 tasks have no IM rating, first 11-1011.00 task 1"):
        to_occupations(ts, weights="importance", task_ratings=ratings)


def test_unknown_weights(ts):
    with pytest.raises(DataFormatError, match="unknown weights 'hours'"):
        to_occupations(ts, weights="hours")


def test_occupation_schema_rejects_out_of_range():
    bad = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "alpha": [1.5], "beta": [0.1], "gamma": [0.1],
                        "share_e1": [0.0], "share_exposed": [0.0], "share_admin": [None],
                        "share_routine_coding": [None], "share_entry_creative": [None],
                        "n_tasks": [1], "n_scored": [1], "weights": ["core"]})
    with pytest.raises(SchemaError, match="alpha"):
        validate(bad, OccupationScores)


# ---------------------------------------------------------------- crosswalk to OEWS codes
def test_oews_code_map_rules():
    m = oews_code_map(
        ["13-1021", "13-1022", "21-1011", "21-1012", "53-1041", "53-1042", "55-1011", "11-1011"],
        ["13-1020", "21-1018", "21-1012", "53-1041", "53-1047", "11-1011"],
    ).set_index("soc_code")
    assert m.loc["11-1011"].tolist() == ["11-1011", "exact"]
    assert m.loc["13-1021"].tolist() == ["13-1020", "broad"]  # OEWS publishes the broad code
    assert m.loc["13-1022"].tolist() == ["13-1020", "broad"]
    assert m.loc["21-1011"].tolist() == ["21-1018", "aggregate"]  # the one non-SOC code of 21-1010
    assert m.loc["53-1042"].tolist() == ["53-1047", "aggregate"]
    assert m.loc["53-1041"].tolist() == ["53-1041", "exact"]
    assert pd.isna(m.loc["55-1011", "occ_code"]) and m.loc["55-1011", "how"] == "none"


def test_to_soc_equal_combination_hand_computed(ts, xw, emp):
    soc = to_soc(to_occupations(ts, "core"), xw, emp, combine="equal")
    assert soc["soc_code"].tolist() == ["11-1011", "13-1020", "15-1252", "15-1299"]
    a = _row(soc, "soc_code", "11-1011")
    # children 11-1011.00 (beta 0.5) and 11-1011.03 (beta 0.25), equal weights
    assert a["beta"] == pytest.approx(0.375)
    assert a["alpha"] == pytest.approx((1 / 3 + 0) / 2)
    assert a["gamma"] == pytest.approx((2 / 3 + 0.5) / 2)
    assert (a["tot_emp"], a["a_mean"], a["n_onet"], a["crosswalk_weight"]) == (1000, 200000, 2, 1.0)
    b = _row(soc, "soc_code", "13-1020")  # 13-1021.00 through the OEWS aggregate
    assert (b["beta"], b["tot_emp"], b["n_onet"]) == (1.0, 500, 1)
    d = _row(soc, "soc_code", "15-1299")  # "All Other": no tasks, no score, employment kept
    assert np.isnan(d["beta"]) and d["tot_emp"] == 500 and d["n_onet"] == 0
    assert np.isnan(d["a_mean"])  # '*' wage not released


def test_to_soc_n_tasks_combination(ts, xw, emp):
    soc = to_soc(to_occupations(ts, "core"), xw, emp, combine="n_tasks")
    # 4 and 2 task rows: (4 * 0.5 + 2 * 0.25) / 6
    assert _row(soc, "soc_code", "11-1011")["beta"] == pytest.approx(5 / 12)


def test_employment_counted_once(ts, xw, emp):
    soc = to_soc(to_occupations(ts, "core"), xw, emp)
    # two O*NET children of 11-1011 do not double its 1,000 workers
    assert soc["tot_emp"].sum() == 4000 == national_detailed(emp)["tot_emp"].sum()
    assert soc["soc_code"].is_unique


def test_crosswalk_weight_counts_unscored_children(xw, emp):
    occ = pd.DataFrame({"onetsoc_code": ["13-1021.00", "13-1022.00"], "alpha": [0.2, None],
                        "beta": [0.4, None], "gamma": [0.6, None], "n_tasks": [3, 0]})
    soc = to_soc(occ, xw, emp)
    b = _row(soc, "soc_code", "13-1020")
    assert (b["beta"], b["n_onet"], b["crosswalk_weight"]) == (0.4, 2, 0.5)


def test_onet_to_oews_rejects_ambiguous_crosswalk():
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "n_tasks": [1]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "soc_code": ["11-1011", "11-1021"]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'onetsoc_code': .* maps to two SOC codes"):
        onet_to_oews(occ, xw, ["11-1011"])


def test_coverage_hand_computed(ts, xw, emp):
    occ = to_occupations(ts, "core")
    cov = coverage(to_soc(occ, xw, emp), occ)
    # scored: 1,000 + 500 + 2,000 of 4,000; by prefix only 13-1021 misses 13-1020
    assert cov["share"] == pytest.approx(3500 / 4000)
    assert cov["prefix_share"] == pytest.approx(3000 / 4000)
    assert (cov["n_codes"], cov["n_covered"]) == (4, 3)


def test_national_detailed_needs_cross_industry_rows(emp):
    with pytest.raises(DataFormatError, match="no cross-industry detailed"):
        national_detailed(emp[emp["naics"] != "000000"])


def test_physicians_broad_group_exception():
    # SOC 2018 puts 29-1221 ... 29-1229 in broad group 29-1210, not 29-1220
    m = oews_code_map(["29-1221", "29-1222"], ["29-1210"]).set_index("soc_code")
    assert m["occ_code"].tolist() == ["29-1210", "29-1210"] and set(m["how"]) == {"broad"}
    structure = pd.DataFrame({"soc_code": ["29-1221"], "level": ["detailed"], "broad_code": ["29-1290"]})
    assert oews_code_map(["29-1221"], ["29-1290"], structure)["occ_code"].tolist() == ["29-1290"]


# ---------------------------------------------------------------- input checks (issue 11)
def test_duplicate_task_is_refused_naming_key_and_rows(ts):
    """Issue 11 item 2: a repeated (onetsoc_code, task_id) re-weighted its occupation."""
    doubled = pd.concat([ts, ts.iloc[[0] * 9]], ignore_index=True)
    with pytest.raises(DataFormatError) as err:
        to_occupations(doubled, weights="equal")
    msg = str(err.value)
    assert "duplicate task (11-1011.00, 1) at rows 1, " in msg and "and 5 more" in msg
    assert err.value.row == len(ts) + 1 and err.value.column == "task_id"
    # the same key written as 1 and "1.0" is the same task
    mixed = pd.concat([ts, ts.iloc[[0]].assign(task_id="1.0")], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"duplicate task \(11-1011.00, 1\) at rows 1 and 11"):
        to_occupations(mixed, weights="equal")


def _scored(ts, **changes):
    out = ts.copy()
    out["p_e0"] = (out["label"] == "E0").astype(float).where(out["label"].notna())
    out["p_e1"] = (out["label"] == "E1").astype(float).where(out["label"].notna())
    out["p_e2"] = (out["label"] == "E2").astype(float).where(out["label"].notna())
    for col, (row, value) in changes.items():
        out.loc[row, col] = value
    return out


def test_consistent_probabilities_are_accepted(ts):
    pd.testing.assert_frame_equal(to_occupations(_scored(ts), "equal"), to_occupations(ts, "equal"))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"p_e0": (0, 0.2)}, r"row 1: p_e0 \+ p_e1 \+ p_e2 = 1.2, not 1"),
        ({"p_e2": (1, np.nan)}, "row 2: p_e0, p_e1, p_e2 must be all given or all missing"),
        ({"p_e1": (2, 1.5)}, "row 3, column 'p_e1': p_e1 must be in \\[0, 1\\], got 1.5"),
        ({"beta": (0, 0.4)}, "row 1, column 'beta': beta = 0.4 does not match the probabilities"),
        ({"label": (3, "E3")}, "row 4, column 'label': unknown exposure label 'E3'"),
        ({"alpha": (0, "high")}, "row 1, column 'alpha': not a number: 'high'"),
        ({"task_type": (0, "core")}, "row 1, column 'task_type': task_type must be Core or Supplemental"),
        ({"admin": (0, "maybe")}, "row 1, column 'admin': category flag must be true or false"),
        ({"onetsoc_code": (4, np.nan)}, "row 5, column 'onetsoc_code': missing"),
        ({"onetsoc_code": (4, "11-1011")}, "not an O\\*NET-SOC code"),
    ],
)
def test_bad_task_scores_are_refused_with_row_and_column(ts, changes, message):
    """Issue 11 'Also': probabilities not summing to 1 and unknown labels were accepted."""
    bad = _scored(ts.astype(object), **changes)
    with pytest.raises(DataFormatError, match=message):
        to_occupations(bad, weights="core")


@pytest.mark.parametrize(
    "value, message",
    [
        (None, "must be a pandas DataFrame, got NoneType"),
        (pd.Series(["11-1011.00"], name="onetsoc_code"), "got Series \\(use .to_frame"),
        ([1, 2], "got list"),
    ],
)
def test_to_occupations_of_a_non_frame_is_a_data_format_error(value, message):
    """Issue 11: to_occupations(Series) / (None) raised AttributeError from inside."""
    with pytest.raises(DataFormatError, match=message):
        to_occupations(value)


def test_multiindex_or_repeated_columns_are_refused(ts):
    multi = ts.copy()
    multi.columns = pd.MultiIndex.from_arrays([ts.columns, ["x"] * len(ts.columns)])
    with pytest.raises(DataFormatError, match="multi-level column names"):
        to_occupations(multi, "equal")
    with pytest.raises(DataFormatError, match="task_scores, column 'alpha': given more than once: keep one"):
        to_occupations(pd.concat([ts, ts[["alpha"]]], axis=1), "equal")


def test_flags_and_measures_read_from_text_are_understood(ts):
    """A CSV read with every cell as text (exposure._tables.read_frame) rolls up the same."""
    text = ts.astype(object).where(ts.notna(), None).astype(str).replace({"None": None, "nan": None})
    pd.testing.assert_frame_equal(to_occupations(text, "core"), to_occupations(ts, "core"))


def test_bootstrap_checks_its_input_too(ts):
    with pytest.raises(DataFormatError, match="duplicate task"):
        bootstrap_occupations(pd.concat([ts, ts.iloc[[2]]], ignore_index=True), "equal", n_draws=5)


def test_shipped_task_scores_pass_the_checks_and_a_repeated_task_is_refused():
    """Real data: the shipped task scores (18,796 O*NET 29.1 tasks) pass the checks.

    One task of 43-4171.00 repeated ten times (issue 11 item 2) is refused.
    """
    ts = pd.read_parquet(files("exposure") / "data" / "processed" / "task_scores.parquet")
    occ = to_occupations(ts, "equal")
    assert len(occ) == ts["onetsoc_code"].nunique()
    one = ts[ts["onetsoc_code"] == "43-4171.00"].iloc[[0]]
    with pytest.raises(DataFormatError, match=r"duplicate task \(43-4171.00, [0-9]+\) at rows [0-9]+, .* and 6 more"):
        to_occupations(pd.concat([ts] + [one] * 10, ignore_index=True), "equal")


# ---------------------------------------------------------------- task IDs
@pytest.mark.parametrize("ids, message", [
    ([1, True], "row 2, column 'task_id': task ID True is not an integer"),
    (["1", "2.5"], "row 2, column 'task_id': task ID '2.5' is not an integer"),
    (["1e30", "x"], "row 1, column 'task_id': task ID '1e30' is not an integer that fits in 64 bits"),
])
def test_check_task_scores_refuses_task_ids_that_are_not_64_bit_integers(ids, message):
    from exposure.rollup._occupations import check_task_scores
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ids, "alpha": [0.5] * 2,
                       "beta": [0.5] * 2, "gamma": [0.5] * 2})
    with pytest.raises(DataFormatError, match=message):
        check_task_scores(ts)


def test_check_task_scores_keeps_missing_task_ids_and_refuses_blank_ones():
    """A blank ID is refused, as exposure score refuses it (round 23); a missing one is kept."""
    from exposure.rollup._occupations import check_task_scores
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 4, "task_id": ["7", None, "9", "8.0"],
                       "alpha": [0.5] * 4, "beta": [0.5] * 4, "gamma": [0.5] * 4})
    assert len(check_task_scores(ts)) == 4
    with pytest.raises(DataFormatError, match=r"^task_scores, row 3, column 'task_id': task ID ' ' is not an integer$"):
        check_task_scores(ts.assign(task_id=["7", None, " ", "8.0"]))


def test_negative_bootstrap_draws_are_refused(fixtures, tmp_path, capsys):
    """n_draws -3 was a numpy ValueError from bootstrap_occupations; the CLI rolled up without draws."""
    from exposure.cli import main
    from exposure.errors import ExposureError
    from exposure.rollup import bootstrap_occupations
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "alpha": [1.0, 0.0],
                       "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})
    with pytest.raises(ExposureError, match="n_draws must be 0 or more, got -2"):
        bootstrap_occupations(ts, "equal", n_draws=-2)
    d = fixtures / "rollup"
    assert main(["rollup", str(d / "task_scores_tiny.csv"), "-o", str(tmp_path / "o"), "--bootstrap", "-3",
                 "--crosswalk", str(d / "onet_to_soc_tiny.csv"), "--employment", str(d / "oews_tiny.csv")]) == 2
    assert "--bootstrap must be 0 or more, got -3" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_task_ids_are_compared_by_one_canonical_key():
    """'1e3' and 1000 are one task everywhere; a float column with a gap no longer keys '20699.0'."""
    from exposure.rollup._occupations import _task_key, check_task_scores
    from exposure.scoring import score_tasks
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": ["1e3", "1000"],
                       "alpha": [0.5] * 2, "beta": [0.5] * 2, "gamma": [0.5] * 2})
    with pytest.raises(DataFormatError, match=r"duplicate task \(11-1011.00, 1000\) at rows 1 and 2"):
        check_task_scores(ts)
    with pytest.raises(DataFormatError, match=r"duplicate task key \(11-1011.00, 1000\), first on row 1"):
        score_tasks(ts.assign(task=["Weld.", "Sew."]), "rubric")
    assert _task_key(pd.Series([20699.0, np.nan])).tolist() == ["20699", "nan"]


def test_core_weights_refuse_a_task_missing_from_the_statements(ts, fixtures):
    """weights='core' gave weight 1 (as Supplemental) to a task ID not in the statements."""
    tasks = read_tasks(fixtures / "rollup" / "task_statements_tiny.txt")  # tasks 5 and 6
    sub = ts[ts["onetsoc_code"] == "11-1011.03"].drop(columns="task_type").reset_index(drop=True)
    other = sub.assign(task_id=[5, 10000006])
    with pytest.raises(DataFormatError, match="1 of 2 tasks are not in the O.NET task statements, "
                       "first 11-1011.03 task 10000006.*weights='equal'") as err:
        to_occupations(other, weights="core", tasks=tasks)
    assert (err.value.row, err.value.column) == (2, "task_id")
    assert task_weights(other, "equal").tolist() == [1.0, 1.0]  # the suggested way out works


def test_core_weights_of_tasks_without_an_id_stay_one(ts, fixtures):
    """A row without a task ID (a task of one's own) keeps the documented weight 1."""
    tasks = read_tasks(fixtures / "rollup" / "task_statements_tiny.txt")
    sub = ts[ts["onetsoc_code"] == "11-1011.03"].drop(columns="task_type").reset_index(drop=True)
    own = pd.concat([sub, sub.iloc[[0]].assign(task_id=None)], ignore_index=True)
    assert task_weights(own, "core", tasks=tasks).tolist() == [2.0, 1.0, 1.0]
    blank = pd.concat([own, sub.iloc[[0]].assign(task_id=" ")], ignore_index=True)  # refused (round 23)
    with pytest.raises(DataFormatError, match=r"^task_scores, row 4, column 'task_id': task ID ' ' is not an integer$"):
        task_weights(blank, "core", tasks=tasks)


def test_task_weights_count_rows_from_one(ts, fixtures):
    """task_weights named the first row 'row 0'; the library counts rows from 1."""
    ratings = read_task_ratings(fixtures / "rollup" / "task_ratings_tiny.txt")
    with pytest.raises(DataFormatError, match="^task_scores, row 1: ") as err:
        task_weights(ts, "importance", task_ratings=ratings)
    assert err.value.row == 1


@pytest.mark.parametrize("value, shown", [(0.0, "0.0"), (-1.0, "-1.0"), (np.inf, "inf")])
def test_importance_weights_must_be_positive_and_finite(ts, value, shown):
    """Importance 0 gave NaN measures, negative or infinite an internal SchemaError."""
    sub = ts[ts["onetsoc_code"] == "11-1011.03"].reset_index(drop=True)
    ratings = pd.DataFrame({"onetsoc_code": sub["onetsoc_code"], "task_id": sub["task_id"],
                            "scale_id": "IM", "category": pd.NA, "data_value": [4.0, value]})
    with pytest.raises(DataFormatError, match=f"^task_scores, row 2: weights='importance': the IM rating of "
                       f"11-1011.03 task 6 gives weight {shown} .*positive and finite"):
        to_occupations(sub, weights="importance", task_ratings=ratings)


@pytest.mark.parametrize("kwargs, message", [
    ({"tasks": "task_id"}, "tasks \\(O.NET task statements\\) must be a pandas DataFrame, got Series"),
    ({"weights": "importance", "task_ratings": pd.DataFrame()},
     "task_ratings \\(O.NET Task Ratings\\) lacks column\\(s\\) \\['onetsoc_code', 'task_id', 'scale_id', "
     "'data_value'\\]"),
])
def test_weight_inputs_that_are_not_tables_are_refused(ts, kwargs, message):
    """to_occupations(ts, tasks=ts['task_id']) was an AttributeError, an empty ratings frame a KeyError."""
    kwargs = {k: ts[v] if k == "tasks" else v for k, v in kwargs.items()}
    with pytest.raises(DataFormatError, match=message):
        to_occupations(ts.drop(columns="task_type"), **kwargs)


@pytest.mark.parametrize("change, message", [
    (lambda t: t.iloc[:0], "no task scores: the frame has no rows"),
    (lambda t: t.assign(alpha=np.nan, beta=np.nan, gamma=np.nan),
     "no task has a score: alpha, beta and gamma are missing on every row"),
])
def test_task_scores_without_any_score_are_refused(ts, xw, emp, change, message):
    """0-row or all-missing task scores gave empty or all-missing tables (the CLI refused them)."""
    bad = change(ts.drop(columns=["p_e0", "p_e1", "p_e2", "label"]))
    with pytest.raises(DataFormatError, match=message):
        to_occupations(bad, "core")
    with pytest.raises(DataFormatError, match=message):
        rollup(bad, xw, emp, weights="core")


def test_to_soc_needs_n_tasks_only_to_combine_by_it(ts, xw, emp):
    """to_soc of a frame without n_tasks was a KeyError, without measures all-missing tables."""
    occ = to_occupations(ts, "core")
    plain = to_soc(occ.drop(columns="n_tasks"), xw, emp)
    pd.testing.assert_frame_equal(plain, to_soc(occ, xw, emp))
    with pytest.raises(DataFormatError, match="occupation_scores lacks column\\(s\\) \\['n_tasks'\\]"):
        to_soc(occ.drop(columns="n_tasks"), xw, emp, combine="n_tasks")
    with pytest.raises(DataFormatError, match="lacks column\\(s\\) \\['alpha', 'beta', 'gamma'\\]"):
        to_soc(occ[["onetsoc_code"]], xw, emp)


@pytest.mark.parametrize("tot_emp, message", [
    (0.0, "employment frame, column 'tot_emp': no cross-industry detailed occupation has employment above 0"),
    ("abc", "employment frame, row 1, column 'tot_emp': tot_emp must be a number or a BLS special value "
            "\\(\\*\\* \\* # ~\\), got 'abc'"),
    (np.inf, "employment frame, row 1, column 'tot_emp': tot_emp must be a finite number of at least 0, "
             "got inf"),
    (-5.0, "tot_emp must be a finite number of at least 0, got -5.0"),
])
def test_employment_that_is_not_a_count_of_workers_is_refused(ts, xw, emp, tot_emp, message):
    """All-zero, text or infinite tot_emp gave missing or infinite results without a word."""
    occ = to_occupations(ts, "core")
    with pytest.raises(DataFormatError, match=message):
        to_soc(occ, xw, emp.assign(tot_emp=tot_emp))
    with pytest.raises(DataFormatError, match=message):
        rollup(ts, xw, emp.assign(tot_emp=tot_emp), weights="core")


def test_bls_special_values_in_employment_stay_missing(ts, xw, emp):
    raw = emp.assign(tot_emp=emp["tot_emp"].map(lambda v: "**" if pd.isna(v) else f"{v:,.0f}"))
    occ = to_occupations(ts, "core")
    pd.testing.assert_frame_equal(to_soc(occ, xw, raw), to_soc(occ, xw, emp))
