"""Fault round 77 (rollup): measures stored as float32 at a threshold, a missing task text, task weights' frame.

Faults found (each test below failed before its fix):

1. ``to_sectors(soc_scores, employment, exposed_threshold=0.6)`` with a ``beta`` stored as
   float32 (a Stata ``float`` column read by ``pandas.read_stata``, a Parquet ``float``
   column, ``Float32``, ``float[pyarrow]``, or categorical of them) counted the workers of
   an occupation whose beta is 0.6 in ``exposed_workers``, as if above 0.6: float32's 0.6
   is 0.6000000238418579 as a float64. Before: ``exposed_workers`` 60.0 (the same
   scores as float64: 0.0). Now 0.0, whatever the storage: the threshold is rounded as
   the beta is stored (``rollup._soc.stored_threshold``), as ``exposure_groups`` rounds
   its cuts.
2. ``outcomes.exposure_groups(values, cuts=...)`` and ``group_growth(..., cuts=...)``
   compare float32 values with the cuts rounded to float32 (round 71), but not a
   categorical of float32 values (``astype("category")``: its categories are float32):
   float32's 0.7 (0.699999988) went to the group below the cut 0.7. Before:
   ``exposure_groups`` gave ``[1, 1]`` for ``[0.7, 0.2]`` and ``cuts=[0.7]``, and
   ``group_growth`` put 3 occupations in group 1 where the same float32 column, not
   categorical, put 1. Now ``[2, 1]`` and 1 occupation, as for the float32 column (one
   rule, ``rollup._soc.single_precision`` and ``stored_sizes``, moved from ``outcomes``).
3. ``pipeline.task_digests`` said a missing task text by its dtype's ``repr``, a fourth
   wording of the library's one fault: ``tasks, row 2, column 'task': task text must be
   a string, got None`` (``got nan``, ``got <NA>``, ``got NaT``). Now ``... task text
   must be a string, got a missing value`` for all of them, as the scorers say it; a cell
   that is no text keeps its value (``got 5``).
4. ``task_weights`` (``to_occupations``, ``rollup``) named the row of ``task_scores`` and
   no frame in the errors of the weights, beside ``tasks`` and ``task_ratings`` whose
   rows it is not: ``row 2: weights='frequency': 1 of 2 tasks have no FT rating, first
   11-1011.00 task 2``, ``row 2, column 'task_id': weights='core': 1 of 2 tasks are not
   in the O*NET task statements, ...``, ``row 2, column 'task_id': task ID ' ' is not an
   integer``, ``row 2: weights='importance': the IM rating of ... is 40.0, outside
   O*NET's importance scale 1 to 5 ...``. Now the frame first, as ``check_task_scores``
   names it: ``task_scores, row 2: weights='frequency': ...``, ``task_scores, row 2,
   column 'task_id': ...``.

5. ``task_weights`` (``to_occupations``, ``rollup``) with Task Ratings whose ``data_value``
   is written with a decimal comma (``'4,5'``, a file read with ``dtype=str`` from a
   spreadsheet in another locale) refused it without saying why: ``task_ratings, row 1,
   column 'data_value': IM ratings must be numbers, got '4,5'`` (``FT percentages must
   be numbers, got '12,5'``). Now the library's one number hint follows
   (``exposure._tables.number_hint``): ``... got '4,5': a decimal comma? write decimals
   with a point: '4.5'``.

6. ``to_census_occ(scores, crosswalk, employment)`` (its ``employment``, or the
   ``tot_emp`` of scores by OEWS code), ``workforce_stats``, ``working_time`` and
   ``coverage`` read a ``tot_emp`` text cell written with a point between thousands
   (``'1.200'``: 1,200 workers, as a spreadsheet in a German locale writes them, read
   with ``dtype=str``) as 1.2 workers, without a word: the Census code's beta was 0.59
   for 0.22, ``tot_emp`` 51.2 for 1250, ``coverage`` said 51.2 workers. The employment
   frame of ``to_soc`` and ``to_sectors`` refused it already. Now all refuse it in the
   same words, naming their frame: ``employment, row 1, column 'tot_emp': tot_emp must
   be a whole number of workers (OEWS counts jobs), got '1.200' (write 1200 for 1,200
   workers: a point is read as the decimal point)`` (``soc_scores, row 1, ...``).

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.outcomes import build_panel, exposure_groups, group_growth
from exposure.pipeline import task_digests
from exposure.rollup import (
    coverage,
    task_weights,
    to_census_occ,
    to_occupations,
    to_sectors,
    workforce_stats,
    working_time,
)

# 1. to_sectors: a float32 beta at exposed_threshold ------------------------------------------

SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "alpha": [0.6, 0.0], "beta": [0.6, 0.1],
                    "gamma": [0.6, 0.2]})


def _sector_employment(tmp_path):
    """A by-industry OEWS table (BLS's columns, numbers as text) of one sector, read back from CSV."""
    path = tmp_path / "natsector.csv"
    path.write_text("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,A_MEAN\n"
                    "11,Agriculture,sector,00-0000,All Occupations,total,100,\"50,000\"\n"
                    "11,Agriculture,sector,11-1011,Chief Executives,detailed,60,\"90,000\"\n"
                    "11,Agriculture,sector,13-1020,Buyers,detailed,40,\"40,000\"\n", encoding="utf-8")
    return pd.read_csv(path, dtype=str)


def test_1_float32_beta_at_the_threshold_is_not_above_it(tmp_path):
    emp = _sector_employment(tmp_path)
    stata = tmp_path / "soc.dta"
    SOC.astype({m: "float32" for m in ("alpha", "beta", "gamma")}).to_stata(stata, write_index=False)
    read = pd.read_stata(stata)
    assert read["beta"].dtype == np.float32  # a Stata float
    parquet = tmp_path / "soc.parquet"
    SOC.astype({m: "float32" for m in ("alpha", "beta", "gamma")}).to_parquet(parquet)
    assert to_sectors(SOC, emp, exposed_threshold=0.6)["exposed_workers"].tolist() == [0.0]
    for soc in (read, pd.read_parquet(parquet), SOC.astype({"beta": "Float32"}),
                SOC.astype({"beta": "float[pyarrow]"}), read.astype({"beta": "category"}),
                SOC.assign(beta=pd.Series([np.float32(0.6), 0.1], dtype=object))):
        out = to_sectors(soc, emp, exposed_threshold=0.6)
        assert out["exposed_workers"].tolist() == [0.0], soc["beta"].dtype
        # below the value it counts, as before
        assert to_sectors(soc, emp, exposed_threshold=0.59)["exposed_workers"].tolist() == [60.0]


# 2. exposure_groups and group_growth: a categorical of float32 values at a cut ----------------

def test_2_categorical_float32_values_at_a_cut():
    values = pd.Series(np.float32([0.7, 0.2]))
    assert exposure_groups(values, cuts=[0.7]).tolist() == [2, 1]
    assert exposure_groups(values.astype("category"), cuts=[0.7]).tolist() == [2, 1]


def _oews(year, codes):
    return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": codes,
                         "occ_title": [f"T{c}" for c in codes], "tot_emp": [100.0 + year - 2021, 200.0, 300.0, 400.0],
                         "a_mean": [50e3, 60e3, 70e3, 80e3], "a_median": [48e3] * 4})


def test_2_group_growth_of_a_categorical_float32_measure():
    codes = ["11-1011", "11-1021", "13-1011", "13-1021"]
    panel = build_panel({y: _oews(y, codes) for y in range(2021, 2026)}, codes)
    exposures = pd.DataFrame({"soc_code": codes, "beta": np.float32([0.7, 0.7, 0.2, 0.9])})
    plain = group_growth(panel, exposures, ["beta"], cuts=[0.7])
    categorical = group_growth(panel, exposures.astype({"beta": "category"}), ["beta"], cuts=[0.7])
    assert plain["n_occupations"].tolist() == [1, 3]
    assert categorical["n_occupations"].tolist() == [1, 3]
    assert categorical["emp_base"].tolist() == plain["emp_base"].tolist()


# 3. task_digests: a missing task text said one way ------------------------------------------

@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, pd.NaT])
def test_3_missing_task_text_is_a_missing_value(missing):
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [8823, 8824],
                          "task": pd.Series(["Direct operations.", missing], dtype=object),
                          "task_type": ["Core", "Core"]})
    with pytest.raises(DataFormatError) as info:
        task_digests(tasks)
    assert str(info.value) == ("tasks, row 2, column 'task': task text must be a string, got a missing value")


@pytest.mark.parametrize("dtype", ["string", "string[pyarrow]", "category"])
def test_3_missing_task_text_of_typed_columns(dtype, tmp_path):
    path = tmp_path / "Task Statements.csv"
    path.write_text("onetsoc_code,task_id,task,task_type\n11-1011.00,8823,Direct operations.,Core\n"
                    "11-1011.00,8824,,Core\n", encoding="utf-8")
    tasks = pd.read_csv(path).astype({"task": dtype})
    with pytest.raises(DataFormatError, match=r"^tasks, row 2, column 'task': task text must be a string, "
                                              r"got a missing value$"):
        task_digests(tasks)


# 4. task_weights: the errors name task_scores ------------------------------------------------

TS = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "label": ["E1", "E0"],
                   "alpha": [1.0, 0.0], "beta": [1.0, 0.0], "gamma": [1.0, 0.0]})


def _ratings(tmp_path, rows):
    """An O*NET Task Ratings file (tab-separated, O*NET's header) read back with the library's columns."""
    path = tmp_path / "Task Ratings.txt"
    lines = ["O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value"]
    lines += ["\t".join(map(str, r)) for r in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    frame = pd.read_csv(path, sep="\t", dtype={"Category": "Int64"})
    return frame.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Scale ID": "scale_id",
                                 "Category": "category", "Data Value": "data_value"})


def test_4_frequency_without_a_rating_names_task_scores(tmp_path):
    ratings = _ratings(tmp_path, [("11-1011.00", 1, "FT", c, 100.0 if c == 5 else 0.0) for c in range(1, 8)])
    with pytest.raises(DataFormatError) as info:
        to_occupations(TS, "frequency", task_ratings=ratings)
    assert str(info.value) == ("task_scores, row 2: weights='frequency': 1 of 2 tasks have no FT rating, first "
                               "11-1011.00 task 2")
    assert (info.value.path, info.value.row) == ("task_scores", 2)


def test_4_importance_outside_the_scale_names_task_scores(tmp_path):
    ratings = _ratings(tmp_path, [("11-1011.00", 1, "IM", "n/a", 4.0), ("11-1011.00", 2, "IM", "n/a", 40.0)])
    with pytest.raises(DataFormatError) as info:
        task_weights(TS, "importance", task_ratings=ratings)
    assert str(info.value).startswith("task_scores, row 2: weights='importance': the IM rating of 11-1011.00 task 2 "
                                      "is 40.0, outside O*NET's importance scale 1 to 5")
    with pytest.raises(DataFormatError, match=r"^task_scores, row 2: weights='importance': the IM rating of "
                                              r"11-1011.00 task 2 gives weight 0\.0"):
        task_weights(TS, "importance", task_ratings=ratings.assign(data_value=[4.0, 0.0]))


def test_4_core_weights_name_task_scores():
    statements = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task_type": ["Core"]})
    with pytest.raises(DataFormatError) as info:
        task_weights(TS, "core", tasks=statements)
    assert str(info.value).startswith("task_scores, row 2, column 'task_id': weights='core': 1 of 2 tasks are not "
                                      "in the O*NET task statements, first 11-1011.00 task 2")
    with pytest.raises(DataFormatError) as info:
        task_weights(TS.assign(task_id=pd.Series([1, " "], dtype=object)), "core", tasks=statements)
    assert str(info.value) == "task_scores, row 2, column 'task_id': task ID ' ' is not an integer"
    with pytest.raises(DataFormatError) as info:
        task_weights(TS.assign(task_id=pd.Series([1, 1.5], dtype=object)), "core", tasks=statements)
    assert str(info.value).startswith("task_scores, row 2, column 'task_id': task ID 1.5 is not an integer")


# 5. task_weights: a rating written with a decimal comma is told the number to write ----------

def test_5_decimal_comma_in_ratings_is_told_the_number(tmp_path):
    path = tmp_path / "Task Ratings.txt"
    path.write_text("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\r\n"
                    "11-1011.00\t1\tIM\tn/a\t4,5\r\n11-1011.00\t2\tIM\tn/a\t2,0\r\n", encoding="utf-8")
    ratings = pd.read_csv(path, sep="\t", dtype=str).rename(columns={
        "O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id", "Scale ID": "scale_id", "Category": "category",
        "Data Value": "data_value"})
    with pytest.raises(DataFormatError) as info:
        to_occupations(TS, "importance", task_ratings=ratings)
    assert str(info.value) == ("task_ratings, row 1, column 'data_value': IM ratings must be numbers, got '4,5': "
                               "a decimal comma? write decimals with a point: '4.5'")
    ft = pd.DataFrame([("11-1011.00", t, "FT", c, "100" if c == 5 else "0") for t in (1, 2) for c in range(1, 8)],
                      columns=["onetsoc_code", "task_id", "scale_id", "category", "data_value"])
    assert to_occupations(TS, "frequency", task_ratings=ft)["beta"].tolist() == [0.5]
    with pytest.raises(DataFormatError) as info:
        to_occupations(TS, "frequency", task_ratings=ft.assign(data_value=["12,5"] + ft["data_value"].tolist()[1:]))
    assert str(info.value) == ("task_ratings, row 1, column 'data_value': FT percentages must be numbers, got "
                               "'12,5': a decimal comma? write decimals with a point: '12.5'")


# 6. tot_emp written with a point between thousands -------------------------------------------

WHOLE = ("tot_emp must be a whole number of workers (OEWS counts jobs), got '1.200' (write 1200 for 1,200 "
         "workers: a point is read as the decimal point)")


def _german_csv(tmp_path, name, header, rows):
    path = tmp_path / name
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return pd.read_csv(path, dtype=str)


def test_6_census_employment_with_points_between_thousands(tmp_path):
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0010"]})
    occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "alpha": [0.1, 0.5], "beta": [0.2, 0.6],
                        "gamma": [0.3, 0.7]})
    emp = _german_csv(tmp_path, "emp.csv", "soc_code,tot_emp", ["11-1011,1.200", "13-1020,50"])
    with pytest.raises(DataFormatError) as info:
        to_census_occ(occ, xw, emp)
    assert str(info.value) == f"employment, row 1, column 'tot_emp': {WHOLE}"
    # written without the point, as before
    out = to_census_occ(occ, xw, emp.assign(tot_emp=["1200", "50"]))
    assert out["tot_emp"].tolist() == [1250.0] and out["beta"].round(6).tolist() == [0.216]


def test_6_soc_scores_with_points_between_thousands(tmp_path):
    soc = _german_csv(tmp_path, "soc.csv", "soc_code,alpha,beta,gamma,tot_emp",
                      ["11-1011,0.1,0.2,0.3,1.200", "13-1020,0.5,0.6,0.7,50"])
    for call in (lambda: workforce_stats(soc, measures=["beta"]), lambda: working_time(soc), lambda: coverage(soc)):
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == f"soc_scores, row 1, column 'tot_emp': {WHOLE}"
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0010"]})
    with pytest.raises(DataFormatError) as info:
        to_census_occ(soc, xw)
    assert str(info.value) == f"scores, row 1, column 'tot_emp': {WHOLE}"
    assert coverage(soc.assign(tot_emp=["1,200", "50"]))["tot_emp"] == 1250.0
