"""Round 23: the roll-up (task scores to occupations, OEWS codes, sectors), Dask twin, CLI.

1. ``to_sectors`` (and ``rollup``) given an employment frame holding one (industry,
   occupation) cell twice said ``duplicate sector cell: NAICS '11', occupation '11-1011'``,
   naming no row. Now both rows of the employment frame (counted from 1, whatever its
   index) and the occupation column as the frame names it (``OCC_CODE``).
2. ``exposure.dask.to_occupations`` / ``to_sectors`` of a frame without rows returned an
   empty table, where the pandas ``to_occupations`` refuses it (``no task scores: the
   frame has no rows``). Refused now, with the same class and message.
3. The Dask roll-ups of rows none of which has an alpha, beta or gamma returned a table of
   missing means (the pandas roll-up refuses them: ``no task has a score``), and so did a
   weight column that is 0 or missing on every row. Refused now.
4. A blank task id (``' '``, ``''``): ``exposure score`` refuses it (``task ID ' ' is not an
   integer``), while ``to_occupations``, ``rollup`` and ``exposure rollup`` read it as a
   missing id (a free-text row, weighing 1 under core weights looked up in ``tasks``),
   without a word. Refused now, as ``exposure score`` refuses it, naming the file, row
   and column. ``task_weights`` of scores without a ``task_id`` (or ``onetsoc_code``)
   column, with weights read from ``tasks`` or ``task_ratings``, raised ``KeyError``.
5. ``exposure rollup`` rewrote the message of ``NothingMatchedError`` with ``str.replace``
   (a change of the library's wording would have left the file names out silently). The
   error now carries its parts (``kind``, ``n_codes``, ``example``, ``found``) and builds
   its text for given names (:meth:`NothingMatchedError.text`); the messages stay the same.
6. A column given twice in ``soc_scores``, ``occupation_scores``, ``onet_to_soc`` or the
   employment of ``to_census_occ`` (a frame built with ``pd.concat(axis=1)``) raised
   pandas' ``Data must be 1-dimensional``, numpy's ``operands could not be broadcast`` or
   ``'DataFrame' object has no attribute 'str'``. Refused now, naming the frame and column.
7. ``exposure.dask.to_occupations(scored, by="alpha")`` (a measure, or a flag such as
   ``admin``, as the code column) raised pandas' ``cannot insert alpha, already exists`` (``by="n_rows"``: ``KeyError``)
   when computed. Refused when called.
8. The Dask roll-ups read a code with surrounding spaces (``'52 '``) as a code of its own:
   one industry became two rows, without a word (the pandas roll-ups refuse padded codes).
   Refused now, naming the partition, row and column.
9. Dask weights whose sum overflows (``1e308`` twice) gave an infinite total weight and
   means of 0.0 without a word. A weight of 2**63 or more (``exposure._tables.MAX_COUNT``,
   the bound of counts) is refused now, naming the partition, row and column.

Tiny made-up frames and files (the roll-up's CSV layouts), written by the tests.
"""

from __future__ import annotations

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from _frames import crosswalk as _xw
from _frames import employment as _emp
from _frames import occupation_scores as _occ
from _frames import soc_scores as _soc

import exposure.dask as xd
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import (
    rollup,
    task_weights,
    to_census_occ,
    to_occupations,
    to_sectors,
    to_soc,
    workforce_stats,
    working_time,
)
from exposure.scoring import score_tasks

SCORES = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                       "label": ["E1", "E0", "E2"], "alpha": [1.0, 0.0, 0.0], "beta": [1.0, 0.0, 0.5],
                       "gamma": [1.0, 0.0, 1.0]})

SCORES_CSV = ("onetsoc_code,task_id,alpha,beta,gamma,task_type\n"
              "11-1011.00,1,1,1,1,Core\n"
              "11-1011.00, ,0,0,0,Core\n"
              "13-1021.00,3,0,0.5,1,Core\n")
CROSSWALK_CSV = ("O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                 "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                 "13-1021.00,Buyers,13-1021,Buyers\n")
OEWS_CSV = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
            "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"
            "99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,\"1,500\",0.1,"
            "43.27,\"90,000\",0.1,40.00,\"83,200\"\n"
            "99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,\"1,000\",0.1,"
            "96.15,\"200,000\",0.1,90.00,\"187,200\"\n"
            "99,U.S.,1,000000,Cross-industry,cross-industry,13-1020,Buyers,detailed,500,0.1,"
            "38.46,\"80,000\",0.1,35.00,\"72,800\"\n")
SCORED = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "43-9061.00", "43-9061.00"],
                       "alpha": [0.2, 0.4, 0.9, 0.1], "beta": [0.3, 0.5, 0.9, 0.2],
                       "gamma": [0.4, 0.6, 0.9, 0.3], "admin": [True, False, True, True],
                       "routine_coding": False, "entry_creative": False, "n": [1.0, 3.0, 1.0, 1.0]})
CALLS = pytest.mark.parametrize("call", [xd.to_occupations, xd.to_sectors], ids=["to_occupations", "to_sectors"])


def _sync(ddf) -> pd.DataFrame:
    return ddf.compute(scheduler="sync")


def _pandas_error(frame) -> str:
    with pytest.raises(DataFormatError) as err:
        to_occupations(frame, weights="equal")
    return str(err.value)


def _files(tmp_path, scores=SCORES_CSV):
    for name, text in (("scores.csv", scores), ("xw.csv", CROSSWALK_CSV), ("oews.csv", OEWS_CSV)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return ["rollup", str(tmp_path / "scores.csv"), "-o", str(tmp_path / "out"), "--crosswalk",
            str(tmp_path / "xw.csv"), "--employment", str(tmp_path / "oews.csv")]


# 1. a duplicate sector cell names its rows ------------------------------------------------

def test_a_duplicate_sector_cell_names_both_rows_of_the_employment_frame():
    emp = pd.concat([_emp(), _emp().iloc[[3]]], ignore_index=True)  # row 4 (sector 11, CEOs) again
    want = ("employment frame, row 6, column 'occ_code': duplicate sector cell: NAICS '11', occupation '11-1011' "
            "(rows 4 and 6): keep one row per industry and occupation")
    for frame in (emp, emp.set_axis([10, 11, 12, 13, 14, 15])):  # rows count positions, not the index
        with pytest.raises(DataFormatError) as err:
            to_sectors(_soc(), frame)
        assert str(err.value) == want
        assert (err.value.row, err.value.column) == (6, "occ_code")
    with pytest.raises(DataFormatError, match=r"^employment frame, row 6, column 'OCC_CODE': duplicate sector cell: .* \(rows 4 "):
        to_sectors(_soc(), emp.rename(columns=str.upper))
    with pytest.raises(DataFormatError, match=r"^employment frame, row 6, column 'occ_code': duplicate sector cell"):
        rollup(SCORES, _xw(), emp, weights="equal")


def test_distinct_cells_are_still_rolled_up():
    assert to_sectors(_soc(), _emp())["covered_emp"].tolist() == [100.0]


# 2-3. the Dask roll-ups refuse what the pandas roll-up refuses ---------------------------------

@CALLS
def test_dask_rollups_refuse_a_frame_without_rows(call):
    want = _pandas_error(SCORED.assign(task_id=[1, 2, 3, 4]).iloc[:0])
    assert want == "no task scores: the frame has no rows"
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    empty = SCORED.assign(naics=SCORED["onetsoc_code"]).iloc[:0]
    for npartitions in (1, 3):
        with pytest.raises(DataFormatError) as err:
            _sync(call(dd.from_pandas(empty, npartitions=npartitions), by))
        assert str(err.value) == want
    with pytest.raises(DataFormatError, match=f"^{want}$"):  # rows filtered away
        ddf = dd.from_pandas(SCORED.assign(naics=SCORED["onetsoc_code"]), npartitions=2)
        _sync(call(ddf[ddf["alpha"] > 5], by))


@CALLS
def test_dask_rollups_refuse_rows_none_of_which_has_a_score(call):
    unscored = SCORED.assign(alpha=np.nan, beta=np.nan, gamma=np.nan, task_id=[1, 2, 3, 4])
    want = _pandas_error(unscored)
    assert want == "no task has a score: alpha, beta and gamma are missing on every row"
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    with pytest.raises(DataFormatError) as err:
        _sync(call(dd.from_pandas(unscored.assign(naics="52"), npartitions=2), by))
    assert str(err.value) == want


@CALLS
@pytest.mark.parametrize("weights", [[0.0] * 4, [np.nan, 0.0, np.nan, 0.0], ["**", "0", "", "*"]],
                         ids=["zeros", "missing", "bls"])
def test_dask_rollups_refuse_weights_that_are_0_or_missing_everywhere(call, weights):
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    ddf = dd.from_pandas(SCORED.assign(naics="52", n=pd.Series(weights, dtype=object if weights[0] == "**" else float)),
                         npartitions=2)
    with pytest.raises(DataFormatError, match=r"^column 'n': every row with a score has a weight of 0 or none, "
                       r"so every mean would be missing$"):
        _sync(call(ddf, by, weight="n"))


def test_dask_rollups_of_some_zero_weights_and_unscored_rows_are_unchanged():
    some = SCORED.astype({"alpha": float, "beta": float, "gamma": float})
    some.loc[3, ["alpha", "beta", "gamma"]] = np.nan
    got = _sync(xd.to_occupations(dd.from_pandas(some.assign(n=[1.0, 0.0, 1.0, 0.0]), npartitions=2),
                                  weight="n"))
    # n_scored counts the rows with scores whatever their weight (round 31: it left out weight 0)
    assert got["n_scored"].tolist() == [2, 1] and got["alpha"].tolist() == [0.2, 0.9]


# 4. a blank task id is refused, as exposure score refuses it ----------------------------------

@pytest.mark.parametrize("blank", [" ", "", "\t"], ids=["space", "empty", "tab"])
def test_to_occupations_refuses_a_blank_task_id_as_exposure_score_does(blank):
    bad = SCORES.astype({"task_id": object})
    bad.loc[1, "task_id"] = blank
    with pytest.raises(DataFormatError) as scored:
        score_tasks(bad.assign(task="Plan budgets."), "rubric")
    with pytest.raises(DataFormatError) as rolled:
        to_occupations(bad, weights="equal")
    assert str(scored.value) == f"row 2, column 'task_id': task ID {blank!r} is not an integer"
    assert str(rolled.value) == f"task_scores, row 2, column 'task_id': task ID {blank!r} is not an integer"
    with pytest.raises(DataFormatError, match=r"^task_scores, row 2, column 'task_id': task ID ' ' is not an integer$"):
        rollup(bad.assign(task_id=[1, " ", 3]), _xw(), _emp(), weights="equal")


def test_task_weights_refuses_a_blank_task_id_of_the_scores():
    """Core weights looked up in ``tasks`` weighed a blank-id row 1, as a task of the user's own."""
    tasks = SCORES[["onetsoc_code", "task_id"]].assign(task_type="Core")
    bad = SCORES.drop(columns="label").astype({"task_id": object})
    bad.loc[1, "task_id"] = " "
    with pytest.raises(DataFormatError, match=r"^task_scores, row 2, column 'task_id': task ID ' ' is not an integer$"):
        task_weights(bad, "core", tasks=tasks)
    missing = bad.assign(task_id=[1, None, 3])  # a missing id (a free-text row) still weighs 1
    assert task_weights(missing, "core", tasks=tasks).tolist() == [2.0, 1.0, 2.0]


@pytest.mark.parametrize("weights", ["core", "importance"])
@pytest.mark.parametrize("column", ["task_id", "onetsoc_code"])
def test_task_weights_read_from_tasks_or_ratings_need_the_key_columns(weights, column):
    """Without ``task_id`` (or ``onetsoc_code``) the scores raised ``KeyError: 'task_id'``."""
    tasks = SCORES[["onetsoc_code", "task_id"]].assign(task_type="Core")
    ratings = SCORES[["onetsoc_code", "task_id"]].assign(scale_id="IM", data_value=3.0)
    with pytest.raises(DataFormatError, match=rf"^task_scores lacks column\(s\) \['{column}'\]"):
        task_weights(SCORES.drop(columns=["label", column]), weights, tasks=tasks, task_ratings=ratings)


def test_cli_rollup_refuses_a_blank_task_id_naming_the_file_row_and_column(tmp_path, capsys):
    args = _files(tmp_path)
    assert main([*args, "--weights", "equal"]) == 2
    err = capsys.readouterr().err
    assert err == (f"exposure rollup: error: {tmp_path / 'scores.csv'}, row 3, column 'task_id': "
                   "task ID ' ' is not an integer\n")
    assert not (tmp_path / "out").exists()
    parquet = tmp_path / "scores.parquet"
    frame = pd.read_csv(tmp_path / "scores.csv", dtype={"task_id": str}, keep_default_na=False)
    frame.assign(task_id=["1", "", "3"]).to_parquet(parquet)
    args[1] = str(parquet)
    assert main([*args, "--weights", "equal"]) == 2
    assert f"{parquet}, row 2, column 'task_id': task ID '' is not an integer" in capsys.readouterr().err


def test_cli_rollup_of_task_ids_given_or_missing_is_unchanged(tmp_path, capsys):
    args = _files(tmp_path, SCORES_CSV.replace("11-1011.00, ,", "11-1011.00,,"))
    assert main([*args, "--weights", "equal"]) == 0
    occ = pd.read_parquet(tmp_path / "out" / "occupation_scores.parquet")
    assert occ["n_tasks"].tolist() == [2, 1] and occ["beta"].tolist() == [0.5, 0.5]


# 5. NothingMatchedError carries its parts --------------------------------------------------

def test_nothing_matched_error_carries_its_parts():
    from exposure.errors import NothingMatchedError
    from exposure.rollup._run import NothingMatchedError as from_run

    assert from_run is NothingMatchedError
    old = SCORES.assign(onetsoc_code=["15-1132.00", "15-1132.00", "15-1133.00"])
    with pytest.raises(NothingMatchedError) as err:
        rollup(old, _xw(), _emp(), weights="equal")
    exc = err.value
    assert (exc.kind, exc.n_codes, exc.example, exc.found, exc.column) == (
        "crosswalk", 2, "15-1132.00", "11-1011.00", "onetsoc_code")
    assert str(exc) == f"column 'onetsoc_code': {exc.text()}" and exc.reason == exc.text()
    assert exc.text(scores=None, crosswalk="the crosswalk xw.csv") == (
        "none of the 2 O*NET-SOC codes (e.g. '15-1132.00') is in the crosswalk xw.csv (O*NET-SOC 2019 "
        "codes expected, e.g. '11-1011.00'), so no OEWS code, sector or worker would have a score: are "
        "the scores of another O*NET-SOC taxonomy?")
    with pytest.raises(NothingMatchedError) as err:
        rollup(SCORES, _xw(), _emp().assign(occ_code=["17-2011", "41-2031", "00-0000", "17-2011",
                                                      "41-2031"]), weights="equal")
    exc = err.value
    assert (exc.kind, exc.n_codes, exc.example, exc.found) == ("employment", 2, "11-1011", "17-2011")
    assert exc.text(crosswalk="the crosswalk xw.csv", employment="OEWS 2025").startswith(
        "none of the 2 SOC codes that the crosswalk xw.csv gives the scored occupations (e.g. '11-1011') is "
        "an OEWS occupation code of OEWS 2025 or in one of its aggregates (its codes: e.g. '17-2011'), so ")
    assert str(exc.with_line(None)) == str(exc)


def test_cli_rollup_messages_of_unmatched_inputs_are_unchanged(tmp_path, capsys):
    args = _files(tmp_path, SCORES_CSV.replace("11-1011.00", "15-1132.00").replace("13-1021.00", "15-1133.00")
                  .replace(" ,", "2,"))
    assert main([*args, "--weights", "equal"]) == 2
    assert capsys.readouterr().err == (
        f"exposure rollup: error: {tmp_path / 'scores.csv'}, column 'onetsoc_code': none of the 2 O*NET-SOC "
        f"codes (e.g. '15-1132.00') is in the crosswalk {tmp_path / 'xw.csv'} (O*NET-SOC 2019 codes "
        "expected, e.g. '11-1011.00'), so no OEWS code, sector or worker would have a score: are the "
        "scores of another O*NET-SOC taxonomy?\n")
    args = _files(tmp_path, SCORES_CSV.replace(" ,", "2,"))
    (tmp_path / "oews.csv").write_text(OEWS_CSV.replace("11-1011,", "17-2011,").replace("13-1020", "41-2031"))
    assert main([*args, "--weights", "equal"]) == 2
    assert capsys.readouterr().err == (
        f"exposure rollup: error: {tmp_path / 'oews.csv'}: none of the 2 SOC codes that the crosswalk "
        f"{tmp_path / 'xw.csv'} gives the scored occupations (e.g. '11-1011') is an OEWS occupation code "
        "of this file or in one of its aggregates (its codes: e.g. '17-2011'), so no OEWS code, sector or "
        "worker would have a score: are the employment and the crosswalk of the same SOC edition?\n")


# 6. a column given twice ------------------------------------------------------------------

def _twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return pd.concat([frame, frame[[column]]], axis=1)


@pytest.mark.parametrize("call, column, name", [
    (lambda: to_sectors(_twice(_soc(), "beta"), _emp()), "beta", "soc_scores"),
    (lambda: to_sectors(_twice(_soc(), "soc_code"), _emp()), "soc_code", "soc_scores"),
    (lambda: workforce_stats(_twice(_soc(tot_emp=[1.0, 2.0]), "beta")), "beta", "soc_scores"),
    (lambda: workforce_stats(_twice(_soc(tot_emp=[1.0, 2.0], a_mean=1.0), "a_mean")), "a_mean", "soc_scores"),
    (lambda: working_time(_twice(_soc(tot_emp=[1.0, 2.0]), "tot_emp")), "tot_emp", "soc_scores"),
    (lambda: to_soc(_twice(_occ(), "beta"), _xw(), _emp()), "beta", "occupation_scores"),
    (lambda: to_soc(_twice(_occ(), "n_tasks"), _xw(), _emp(), combine="n_tasks"), "n_tasks",
     "occupation_scores"),
    (lambda: to_soc(_occ(), _twice(_xw(), "soc_code"), _emp()), "soc_code", "onet_to_soc"),
    (lambda: to_census_occ(_occ(), pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": ["0010"]}),
                           _twice(pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [1.0]}), "soc_code")),
     "soc_code", "employment"),
], ids=["to_sectors-measure", "to_sectors-code", "workforce-measure", "workforce-wage", "working_time-emp",
        "to_soc-measure", "to_soc-n_tasks", "to_soc-crosswalk", "census-employment"])
def test_a_column_given_twice_is_named(call, column, name):
    with pytest.raises(DataFormatError) as err:
        call()
    assert err.value.column == column
    assert f"{name}, column {column!r}: given more than once: keep one" in str(err.value)


# 7-9. the Dask code column and weights ---------------------------------------------------------

@CALLS
@pytest.mark.parametrize("by", ["alpha", "admin", "n_rows", "weight"])
def test_dask_rollups_refuse_a_measure_or_result_column_as_the_code(call, by):
    with pytest.raises(DataFormatError, match=rf"^column '{by}': by={by!r} is a column of the result"):
        call(dd.from_pandas(SCORED.assign(n_rows=1, weight=1.0), npartitions=2), by)


@CALLS
def test_dask_rollups_refuse_a_padded_code(call):
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    padded = SCORED.assign(naics=["52", "52", "23", "52 "], onetsoc_code=SCORED["onetsoc_code"].where(
        SCORED.index != 3, "43-9061.00 "))
    with pytest.raises(DataFormatError, match=rf"^scored\.partitions\[1\], row 2, column '{by}': {by} has spaces "
                       r"around it: '(52|43-9061\.00) '"):
        _sync(call(dd.from_pandas(padded, npartitions=2), by))


def test_dask_rollups_of_plain_codes_are_unchanged():
    got = _sync(xd.to_sectors(dd.from_pandas(SCORED.assign(naics=["52", "52", "23", "52"]), npartitions=2)))
    assert got.index.tolist() == ["23", "52"] and got["n_rows"].tolist() == [1, 3]


@CALLS
def test_dask_rollups_refuse_weights_whose_sum_overflows(call):
    by = "onetsoc_code" if call is xd.to_occupations else "naics"
    ddf = dd.from_pandas(SCORED.assign(naics="52", n=[1e308, 1e308, 1.0, 1.0]), npartitions=1)
    with pytest.raises(DataFormatError, match=r"^scored\.partitions\[0\], row 1, column 'n': n is too large "
                       r"for a weight \(2\*\*63 or more\), got 1e\+308$"):
        _sync(call(ddf, by, weight="n"))
