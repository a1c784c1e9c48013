"""Fault round 78 (rollup): float32 items of an object column at a cut, workforce rows' order, the CLI's words of the weights' warnings.

Faults found (each test below failed before its fix):

1. ``outcomes.group_growth(panel, exposures, cuts=...)`` compared the numpy float32 items
   of an object column (``pd.Series([np.float32(0.7), ...], dtype=object)``: a column
   built from float32 scalars, or a frame concatenated from a float32 and a text one) with
   the cuts as float64 values, where ``exposure_groups`` of the same items, and
   ``group_growth`` of a float32 column, compare them at float32 (round 71, 77):
   float32's 0.7 (0.699999988) went to the group below the cut 0.7. Before:
   ``n_occupations`` ``[3, 1]`` for the cut 0.7 of betas 0.7, 0.7, 0.2, 0.9. Now
   ``[1, 3]``, as for the float32 column (each item at the precision it is stored in,
   ``rollup._soc.stored_sizes``).
2. ``workforce_stats`` gave its rows measure by measure within a group type, in the order
   of ``measures``: ``measures=["gamma", "alpha"]`` and ``["alpha", "gamma"]`` gave two
   frames of the same figures, and neither in the order of the shipped
   ``workforce.parquet`` (sorted by ``group_type``, ``group``, ``measure``); ``rollup``'s
   category rows came after the sector rows. Now sorted by the table's keys
   (``rollup._sectors.sort_workforce``), as ``working_time`` sorts its rows since round 77.
3. ``exposure rollup --weights frequency`` (``importance``) said its warnings of the
   weights in the Python argument's words, which the command does not take:
   ``weights='frequency': the FT percentages of 1 of 3 tasks sum to less than 100 ...``,
   ``weights='importance': 1 of 3 tasks are weighed by IM ratings that O*NET marks
   Recommend Suppress = Y ...``. Now ``--weights frequency: the FT percentages ...``,
   ``--weights importance: 1 of 3 tasks are weighed ...``, as its errors say them (round
   77); in Python still ``weights='importance': ...``. So are the errors of a Task Ratings
   frame whose scale is spelled otherwise (``... scale IM, which --weights importance
   reads: write IM``) within the command's words.
4. ``workforce_stats(soc_scores)`` whose ``tot_emp`` is missing or 0 on every row (scores
   merged onto employment that matched no code and filled with 0, a column of ``**``)
   gave every share and mean of all workers and of the major groups missing (``NaN``),
   ``tot_emp`` 0, without a word. Now refused, in the words of ``to_census_occ``'s
   employment (``rollup._soc.no_count_said``, one copy): ``soc_scores, column
   'tot_emp': tot_emp is missing or 0 on every one of its 2 rows, so no occupation has a
   count to weigh by (a merge that matched no code, missing values filled with 0, or BLS
   special values such as '**' only?): give the OEWS employment of the occupations (the
   tot_emp of to_soc)``. ``rollup`` never gives it such scores (its employment is refused
   first: ``no cross-industry detailed occupation has employment above 0``).

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _rollup_files import rollup_files as _cli_files

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.outcomes import build_panel, group_growth
from exposure.rollup import task_weights, workforce_stats
from exposure.scoring._inputs import options_named

# 1. group_growth: float32 items of an object column at a cut ----------------------------------


def _oews(year, codes):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": codes,
                         "occ_title": [f"T{c}" for c in codes], "tot_emp": [100.0 + year - 2021, 200.0, 300.0, 400.0],
                         "a_mean": [50e3, 60e3, 70e3, 80e3], "a_median": [48e3] * 4})


CODES = ["11-1011", "11-1021", "13-1011", "13-1021"]


def test_1_group_growth_of_float32_items_in_an_object_column():
    panel = build_panel({y: _oews(y, CODES) for y in range(2021, 2026)}, CODES)
    typed = pd.DataFrame({"soc_code": CODES, "beta": np.float32([0.7, 0.7, 0.2, 0.9])})
    items = typed.assign(beta=pd.Series(list(np.float32([0.7, 0.7, 0.2, 0.9])), dtype=object))
    assert isinstance(items["beta"].iloc[0], np.float32)
    plain = group_growth(panel, typed, ["beta"], cuts=[0.7])
    mixed = group_growth(panel, items, ["beta"], cuts=[0.7])
    assert plain["n_occupations"].tolist() == [1, 3]
    assert mixed["n_occupations"].tolist() == [1, 3]
    assert mixed["emp_base"].tolist() == plain["emp_base"].tolist()


def test_1_float64_items_beside_float32_ones_keep_their_precision():
    panel = build_panel({y: _oews(y, CODES) for y in range(2021, 2026)}, CODES)
    # a float64 0.6999999 is below the cut 0.7; float32's 0.7 is at it
    beta = pd.Series([np.float32(0.7), 0.6999999, 0.2, 0.9], dtype=object)
    out = group_growth(panel, pd.DataFrame({"soc_code": CODES, "beta": beta}), ["beta"], cuts=[0.7])
    assert out["n_occupations"].tolist() == [2, 2]
    assert out["emp_base"].tolist() == [500.0, 501.0]  # 11-1021 (200) and 13-1011 (300) below


# 2. workforce_stats: rows sorted by the table's keys -------------------------------------------

def test_2_workforce_rows_sorted_by_group_type_group_measure(tmp_path):
    path = tmp_path / "soc_scores.csv"
    path.write_text("soc_code,alpha,beta,gamma,tot_emp\n13-1020,0.1,0.3,0.5,300\n11-1011,0.0,0.05,0.1,100\n",
                    encoding="utf-8")
    soc = pd.read_csv(path)
    out = workforce_stats(soc, measures=["gamma", "alpha"])
    assert list(zip(out["group"], out["measure"], strict=True)) == [
        ("all", "alpha"), ("all", "gamma"), ("11-0000", "alpha"), ("11-0000", "gamma"),
        ("13-0000", "alpha"), ("13-0000", "gamma")]
    pd.testing.assert_frame_equal(out, workforce_stats(soc.iloc[::-1], measures=["alpha", "gamma"]))
    full = workforce_stats(soc)
    keys = full[["group_type", "group", "measure"]]
    pd.testing.assert_frame_equal(keys, keys.sort_values(list(keys.columns)).reset_index(drop=True))


# 3. exposure rollup: the weights' warnings in the command's words ----------------------------

def _ratings(path, rows):
    """An O*NET Task Ratings file (tab-separated, O*NET's header and columns)."""
    head = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
            "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n")
    path.write_text(head + "".join(f"{c}\t{t}\t{s}\t{k}\t{v}\t22\t5.0\t0.0\t100.0\t{y}\t08/2023\tIncumbent\r\n"
                                   for c, t, s, k, v, y in rows), encoding="utf-8")
    return path


def _said(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_3_frequency_warnings_name_the_option(tmp_path, caplog):
    ratings = _ratings(tmp_path / "Task Ratings.txt", [("11-1011.00", 1, "FT", 1, 30, "Y"),
                                                        ("11-1011.00", 2, "FT", 1, 100, "N")])
    with caplog.at_level(logging.WARNING):
        assert main([*_cli_files(tmp_path), "--weights", "frequency", "--task-ratings", str(ratings)]) == 0
    said = _said(caplog)
    # (wave 2 of round 78: the ratings file and its line are named; was "(task_ratings row 1)")
    assert ("--weights frequency: the FT percentages of 1 of 2 tasks sum to less than 100 (categories or "
            f"percentages missing), e.g. 11-1011.00 task 1 ({ratings}, row 2): 30; each is weighed by the mean "
            "frequency of the categories given") in said
    assert (f"--weights frequency: 1 of 2 tasks are weighed by FT ratings that O*NET marks Recommend Suppress = Y "
            f"(low precision), e.g. 11-1011.00 task 1 ({tmp_path / 's.csv'}, row 2); they are used as given") in said
    assert not any("weights='" in m for m in said)


def test_3_importance_warning_names_the_option(tmp_path, caplog):
    ratings = _ratings(tmp_path / "Task Ratings.txt", [("11-1011.00", 1, "IM", "n/a", 4.5, "Y"),
                                                        ("11-1011.00", 2, "IM", "n/a", 3.0, "N")])
    with caplog.at_level(logging.WARNING):
        assert main([*_cli_files(tmp_path), "--weights", "importance", "--task-ratings", str(ratings)]) == 0
    said = _said(caplog)
    assert any(m.startswith("--weights importance: 1 of 2 tasks are weighed by IM ratings that O*NET marks "
                            "Recommend Suppress = Y") for m in said)
    assert not any("weights='" in m for m in said)
    # in Python, the argument's words
    caplog.clear()
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2]})
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "scale_id": ["IM", "IM"],
                          "data_value": [4.5, 3.0], "recommend_suppress": [True, False]})
    with caplog.at_level(logging.WARNING):
        task_weights(ts, "importance", task_ratings=frame)
    assert any(m.startswith("weights='importance': 1 of 2 tasks are weighed") for m in _said(caplog))


def test_3_scale_spelled_otherwise_in_the_commands_words():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1]})
    ratings = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "scale_id": ["im"], "data_value": [4.5]})
    with options_named({"weights": "--weights"}), pytest.raises(DataFormatError) as info:
        task_weights(ts, "importance", task_ratings=ratings)
    assert str(info.value) == ("task_ratings, row 1, column 'scale_id': scale_id 'im' is not O*NET's spelling of "
                               "scale IM, which --weights importance reads: write IM")
    with options_named({"weights": "--weights"}), pytest.raises(DataFormatError) as info:
        task_weights(ts, "importance", task_ratings=ratings.assign(scale_id="LV"))
    assert str(info.value).startswith("--weights importance reads the O*NET Task Ratings of scale IM, and "
                                      "task_ratings has none")


# 4. workforce_stats: no employment on any row ------------------------------------------------

@pytest.mark.parametrize("counts", ["0,0", "**,**", ","])
def test_4_workforce_without_any_employment_is_refused(tmp_path, counts):
    first, second = counts.split(",")
    path = tmp_path / "soc_scores.csv"
    path.write_text(f"soc_code,alpha,beta,gamma,tot_emp\n11-1011,0.1,0.2,0.3,{first}\n"
                    f"13-1020,0.0,0.1,0.2,{second}\n", encoding="utf-8")
    soc = pd.read_csv(path, dtype={"tot_emp": str})
    with pytest.raises(DataFormatError) as info:
        workforce_stats(soc)
    assert str(info.value) == (
        "soc_scores, column 'tot_emp': tot_emp is missing or 0 on every one of its 2 rows, so no occupation has a "
        "count to weigh by (a merge that matched no code, missing values filled with 0, or BLS special values such "
        "as '**' only?): give the OEWS employment of the occupations (the tot_emp of to_soc)")
    # one worker is enough
    out = workforce_stats(soc.assign(tot_emp=["1", second]))
    assert out.loc[out["group"] == "all", "emp_mean"].tolist() == [0.1, 0.2, 0.3]
