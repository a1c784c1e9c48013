"""exposure.measures.compare on hand-made measure frames (no real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.measures import compare as cmp
from exposure.rollup import oews_code_map


def _frames():
    a = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1121"],
                      "a": [0.3, 0.9, 0.8, 0.1, 0.2]})
    a.attrs.update(n_source=6, n_matched=5)
    b = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1122"],
                      "b": [0.2, 0.7, 0.9, 0.3, 0.6]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1120"],
                        "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0],
                        "title": ["Chiefs", "Devs", "Typists", "Drivers", "Aides"]})
    return a, b, emp


def test_compare_table_coverage_and_aggregates():
    a, b, emp = _frames()
    ours = pd.DataFrame({"soc_code": ["15-1252", "43-9021", "53-3032"], "beta": [0.8, 0.7, 0.1],
                         "gamma": [0.9, 0.9, 0.2], "tot_emp": [1.0, 1.0, 1.0]})
    res = cmp.compare(ours, measures=[], employment=emp, loaded={"a": a, "b": b})
    t = res.table.set_index("soc_code")
    assert list(res.table.columns) == ["soc_code", "tot_emp", "a", "b", "beta", "gamma"]
    # 31-1121 and 31-1122 are published by OEWS only inside 31-1120
    assert t.loc["31-1120", "a"] == pytest.approx(0.2) and t.loc["31-1120", "b"] == pytest.approx(0.6)
    assert t.loc["31-1120", "tot_emp"] == 300.0
    cov = res.coverage.set_index("measure")
    assert cov.loc["a", "match_rate"] == pytest.approx(5 / 6)
    assert cov.loc["a", "emp_share"] == pytest.approx(1.0)
    assert cov.loc["beta", "emp_covered"] == pytest.approx(1950.0)


def test_correlations_match_scipy_and_hand_weighted():
    a, b, emp = _frames()
    res = cmp.compare(measures=[], employment=emp, loaded={"a": a, "b": b})
    row = res.correlations.iloc[0]
    x, y = [0.3, 0.9, 0.8, 0.1, 0.2], [0.2, 0.7, 0.9, 0.3, 0.6]  # order of codes incl. 31-1120 -> sorted
    t = res.table.dropna()
    assert row["n"] == 5
    assert row["pearson"] == pytest.approx(stats.pearsonr(t["a"], t["b"])[0])
    assert row["spearman"] == pytest.approx(stats.spearmanr(t["a"], t["b"])[0])
    assert sorted(t["a"]) == sorted(x) and sorted(t["b"]) == sorted(y)
    # equal weights reproduce the plain coefficients
    t1 = t.assign(tot_emp=1.0)
    c1 = cmp.correlations(t1, ["a", "b"]).iloc[0]
    assert c1["pearson_emp"] == pytest.approx(c1["pearson"])
    assert c1["spearman_emp"] == pytest.approx(c1["spearman"])


def test_weighted_pearson_integer_weights_equal_repeated_rows():
    x, y, w = [1.0, 2.0, 4.0], [2.0, 1.0, 5.0], [2, 1, 3]
    rx, ry = np.repeat(x, w), np.repeat(y, w)
    assert cmp.weighted_pearson(x, y, w) == pytest.approx(np.corrcoef(rx, ry)[0, 1])


def test_weighted_spearman_hand_computed():
    # weights 1,1,2: mid-ranks x: 0.125, 0.375, 0.75; y order (2,1,3) gives 0.375, 0.125, 0.75
    x, y, w = [1.0, 2.0, 3.0], [2.0, 1.0, 3.0], [1.0, 1.0, 2.0]
    rx, ry = np.array([0.125, 0.375, 0.75]), np.array([0.375, 0.125, 0.75])
    assert cmp.weighted_spearman(x, y, w) == pytest.approx(cmp.weighted_pearson(rx, ry, w))


def test_disagreements_largest_rank_difference():
    a, b, emp = _frames()
    res = cmp.compare(measures=[], employment=emp, loaded={"a": a, "b": b}, key_measures=("a", "b"), top=1)
    d = res.disagreements.iloc[0]
    # ranks of a: 53-3032 .2, 31-1120 .4, 11-1011 .6, 43-9021 .8, 15-1252 1.0
    # ranks of b: 11-1011 .2, 53-3032 .4, 31-1120 .6, 15-1252 .8, 43-9021 1.0
    assert d["soc_code"] == "11-1011" and d["title"] == "Chiefs"
    assert d["rank_diff"] == pytest.approx(0.4)


def test_unknown_measure_and_bad_ours():
    _, _, emp = _frames()
    with pytest.raises(DataFormatError, match="unknown measure"):
        cmp.compare(measures=["nope"], employment=emp)
    with pytest.raises(DataFormatError, match="alpha, beta, gamma"):
        cmp.compare(pd.DataFrame({"soc_code": ["11-1011"], "x": [1.0]}), measures=[], employment=emp)


@pytest.mark.parametrize("ours, message", [
    (pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "beta": [0.2, 0.3]}),
     r"soc_scores, row 2, column 'soc_code': SOC code '11-1011' appears twice \(rows 1 and 2\)"),
    (pd.DataFrame({"soc_code": ["11-1011", "11-1011.00"], "beta": [0.2, 0.3]}),
     "row 2, column 'soc_code': soc_code not a SOC code"),
    (pd.DataFrame({"soc_code": ["11-1011"], "beta": ["high"]}), "row 1, column 'beta': not a number: 'high'"),
])
def test_our_scores_are_checked_like_the_outcomes_check_them(ours, message):
    """A bad code was dropped silently; a repeated one weighed twice."""
    _, _, emp = _frames()
    with pytest.raises(DataFormatError, match=message):
        cmp.compare(ours, measures=[], employment=emp)


def test_negative_top_is_refused():
    _, _, emp = _frames()
    with pytest.raises(DataFormatError, match="top .* must be 0 or more, got -1"):
        cmp.compare(measures=[], employment=emp, top=-1)


def test_measure_frame_without_its_column():
    _, _, emp = _frames()
    with pytest.raises(DataFormatError) as exc:
        cmp.compare(measures=[], employment=emp, loaded={"m": pd.DataFrame({"soc_code": ["11-1011"], "x": [1]})})
    assert exc.value.column == "m"


def test_measures_use_the_rollup_rule_for_oews_aggregates():
    """One SOC -> OEWS rule (exposure.crosswalks.oews_code_map) for the measures and the rollup.

    The physicians 29-122x sit in broad group 29-1210, and an OEWS aggregate of a broad group
    (21-1018) takes the detailed codes OEWS does not publish (21-1011) but not those it does
    (21-1012).
    """
    structure = pd.DataFrame({
        "soc_code": ["21-1011", "21-1012", "29-1221", "29-1222"], "level": "detailed",
        "broad_code": ["21-1010", "21-1010", "29-1210", "29-1210"]})
    emp = pd.DataFrame({"soc_code": ["21-1012", "21-1018", "29-1210"], "tot_emp": [10.0, 30.0, 80.0]})
    m = pd.DataFrame({"soc_code": ["21-1011", "21-1012", "29-1221", "29-1222"], "m": [0.2, 0.4, 0.6, 1.0]})
    res = cmp.compare(measures=[], employment=emp, soc_structure=structure, loaded={"m": m})
    t = res.table.set_index("soc_code")
    assert t["m"].to_dict() == {"21-1012": 0.4, "21-1018": 0.2, "29-1210": pytest.approx(0.8)}
    assert t["tot_emp"].to_dict() == {"21-1012": 10.0, "21-1018": 30.0, "29-1210": 80.0}
    assert res.coverage.set_index("measure").loc["m", "emp_share"] == 1.0
    rollup_map = oews_code_map(m["soc_code"], emp["soc_code"], structure).set_index("soc_code")["occ_code"]
    assert rollup_map.to_dict() == {"21-1011": "21-1018", "21-1012": "21-1012",
                                    "29-1221": "29-1210", "29-1222": "29-1210"}
    # the physicians split the broad group's employment when it is not in the table
    share = _common.employment_for(["29-1221", "29-1222"], emp, structure)
    assert share.tolist() == [40.0, 40.0]


def test_weighted_pearson_of_a_constant_measure_is_nan_and_weights_are_checked():
    from exposure.errors import ExposureError
    from exposure.measures.compare import weighted_pearson

    const = [0.3] * 830  # its weighted variance rounds to a tiny positive number
    varied = np.linspace(0, 1, 830)
    assert np.isnan(weighted_pearson(const, varied)) and np.isnan(weighted_pearson(const, const))
    assert np.isnan(weighted_pearson([0.1, 0.3, 0.3], [1, 2, 3], [0, 1, 2]))  # constant where weighted
    assert np.isnan(weighted_pearson([1, 2], [3, 4], [0, 0]))
    for bad in ([-1, 1, 1], [np.inf, 1, 1], [np.nan, 1, 1]):
        with pytest.raises(ExposureError, match="non-negative"):
            weighted_pearson([1, 2, 3], [1, 2, 4], bad)
    assert -1.0 <= weighted_pearson(varied, -varied) <= 1.0


def test_our_soc_scores_must_be_shares_in_some_rows():
    from exposure.errors import DataFormatError
    from exposure.measures._common import check_soc_scores

    good = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "beta": [0.2, 0.8]})
    assert check_soc_scores(good, ["beta"])["beta"].tolist() == [0.2, 0.8]
    cases = [(good.iloc[:0], "no rows"),
             (good.assign(beta=[0.2, 1.7]), r"row 2, column 'beta': beta is a share of tasks, from 0 to 1; got 1.7"),
             (good.assign(beta=[-0.1, 0.2]), "row 1, column 'beta'"),
             (good.assign(beta=[0.2, np.inf]), "row 2, column 'beta'"),
             (good.assign(beta=[np.nan, np.nan]), "column 'beta': beta is missing in every row")]
    for frame, match in cases:
        with pytest.raises(DataFormatError, match=match):
            check_soc_scores(frame, ["beta"], path="ours.parquet")
