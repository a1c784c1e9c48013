"""exposure.measures._crosswalk: link weights and how scores cross them (hand-computed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.measures._crosswalk import apply_links, compose_links, links_from_pairs, reverse_links


def _w(links):
    return {(r.source_code, r.target_code): r.crosswalk_weight for r in links.itertuples()}


def test_one_to_many_gives_one_over_k():
    pairs = pd.DataFrame({"s": ["A", "A", "A", "B", "B"], "t": ["x", "y", "z", "x", "x"]})
    w = _w(links_from_pairs(pairs, "s", "t"))
    assert w == pytest.approx({("A", "x"): 1 / 3, ("A", "y"): 1 / 3, ("A", "z"): 1 / 3, ("B", "x"): 1.0})


def test_many_to_one_weighted_mean_and_counts_split():
    # A -> x,y (1/2 each); B -> x (1); C -> x (1)
    links = links_from_pairs(pd.DataFrame({"s": ["A", "A", "B", "C"], "t": ["x", "y", "x", "x"]}), "s", "t")
    scores = pd.DataFrame({"code": ["A", "B", "C", "D"], "v": [0.1, 0.4, 0.7, 0.9], "emp": [10.0, 20.0, 30.0, 5.0]})
    out = apply_links(scores, links, code="code", values=["v"], counts=("emp",)).set_index("soc_code")
    # x: (0.5*0.1 + 1*0.4 + 1*0.7) / 2.5 = 1.15 / 2.5 = 0.46
    assert out.loc["x", "v"] == pytest.approx(0.46)
    assert out.loc["x", "crosswalk_weight"] == pytest.approx(2.5)
    assert out.loc["x", "n_sources"] == 3
    assert out.loc["y", "v"] == pytest.approx(0.1)
    assert out.loc["y", "crosswalk_weight"] == pytest.approx(0.5)
    # employment split: x = 5 + 20 + 30 = 55, y = 5; D unmatched, reported, not dropped silently
    assert out.loc["x", "emp"] == pytest.approx(55.0)
    assert out.loc["y", "emp"] == pytest.approx(5.0)
    assert out.attrs["unmatched"] == ["D"]
    assert (out.attrs["n_source"], out.attrs["n_matched"]) == (4, 3)


def test_plain_mean_when_sources_are_one_to_one():
    links = links_from_pairs(pd.DataFrame({"s": ["A", "B"], "t": ["x", "x"]}), "s", "t")
    out = apply_links(pd.DataFrame({"c": ["A", "B"], "v": [0.2, 0.6]}), links, code="c", values=["v"])
    assert out["v"].iloc[0] == pytest.approx(0.4)


def test_missing_values_stay_missing_never_zero():
    links = links_from_pairs(pd.DataFrame({"s": ["A", "B", "C"], "t": ["x", "x", "y"]}), "s", "t")
    scores = pd.DataFrame({"c": ["A", "B", "C"], "v": [0.8, np.nan, np.nan]})
    out = apply_links(scores, links, code="c", values=["v"]).set_index("soc_code")
    assert out.loc["x", "v"] == pytest.approx(0.8)  # B's NaN is ignored, not counted as 0
    assert np.isnan(out.loc["y", "v"])


def test_compose_multiplies_and_adds_paths():
    first = links_from_pairs(pd.DataFrame({"s": ["i", "i", "j"], "m": ["m1", "m2", "m3"]}), "s", "m")
    second = links_from_pairs(pd.DataFrame({"m": ["m1", "m2", "m2"], "t": ["t", "t", "u"]}), "m", "t")
    out = compose_links(first, second)
    # i: m1 (1/2) -> t (1); m2 (1/2) -> t (1/2), u (1/2): t = 1/2 + 1/4, u = 1/4; j's m3 has no link
    assert _w(out) == pytest.approx({("i", "t"): 0.75, ("i", "u"): 0.25})
    assert out.attrs["unmatched"] == ["m3"]


def test_reverse_reweights_from_the_other_side():
    links = links_from_pairs(pd.DataFrame({"s": ["A", "A", "B"], "t": ["x", "y", "x"]}), "s", "t")
    assert _w(reverse_links(links)) == pytest.approx({("x", "A"): 0.5, ("x", "B"): 0.5, ("y", "A"): 1.0})


def test_duplicate_source_code_is_an_error():
    links = links_from_pairs(pd.DataFrame({"s": ["A"], "t": ["x"]}), "s", "t")
    with pytest.raises(DataFormatError, match="more than once"):
        apply_links(pd.DataFrame({"c": ["A", "A"], "v": [1.0, 2.0]}), links, code="c", values=["v"])


def test_missing_column_is_named():
    links = links_from_pairs(pd.DataFrame({"s": ["A"], "t": ["x"]}), "s", "t")
    with pytest.raises(DataFormatError) as exc:
        apply_links(pd.DataFrame({"c": ["A"]}), links, code="c", values=["score"])
    assert exc.value.column == "score"


def test_soc_2010_to_2018_links_from_fixture(fixtures):
    soc, onet = _common.read_soc10_to_18_links(fixtures / "measures" / "soc_2010_to_2018.csv")
    w = _w(soc)
    assert w[("15-1199", "15-1253")] == pytest.approx(1 / 3)
    assert w[("15-1199", "15-1299")] == pytest.approx(1 / 3)
    assert w[("11-1011", "11-1011")] == 1.0  # two O*NET codes, one SOC 2010 pair, counted once
    assert _w(onet)[("15-1199.02", "15-1241")] == pytest.approx(0.5)


def test_employment_for_splits_aggregates():
    emp = pd.DataFrame({"soc_code": ["11-1011", "31-1120"], "tot_emp": [100.0, 60.0]})
    out = _common.employment_for(["11-1011", "31-1121", "31-1122", "99-9999"], emp)
    assert out["11-1011"] == 100.0
    assert out["31-1121"] == out["31-1122"] == 30.0
    assert np.isnan(out["99-9999"])
