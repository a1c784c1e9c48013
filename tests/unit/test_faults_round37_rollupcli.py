"""Round 37: ``exposure rollup`` on odd task scores files, SOC structure, bootstrap counts.

1. ``exposure rollup`` read no SOC structure, which ``exposure recompute`` passes to
   the roll-up: with a ``--crosswalk`` of the user's own that lacks a detailed SOC code
   OEWS publishes (``13-1031``), that code was taken for an OEWS aggregate of its broad
   group and the scores of ``13-1032`` were given the employment of ``13-1031``
   (``how='aggregate'``). ``--soc-structure FILE`` is read now (and the registry's
   structure with the registry's crosswalk, as the recompute does).
2. A scores file with both ``beta`` and ``Beta`` (two tools' columns) was rolled up from
   ``beta`` without a word, ``Beta`` ignored. Refused now, naming the file and both columns.
3. A weights column of another tool (``weight``, ``task_weight``) was ignored without a
   word: the tables were weighted by ``--weights``. Refused now, naming the file and the
   column and saying what the weights are.
4. An occupation all of whose tasks lack alpha, beta and gamma was left unscored without
   a word (only the coverage share dropped). A warning names it now.
5. ``--bootstrap 1`` (``n_draws=1``) gave "95% intervals" of one draw, low = high, for
   every code. Refused now: at least 2 draws.

Tiny made-up files (the BLS and O*NET layouts), written by the tests into tmp_path.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _cli import _no_env, run  # noqa: F401 (_no_env: autouse fixture)
from _frames import write_csv, write_xlsx

from exposure.errors import ExposureError
from exposure.rollup import rollup

H = "onetsoc_code,task_id,alpha,beta,gamma"
OEWS_HEAD = ("AREA,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,"
             "A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")


def _files(tmp_path, xw_rows=None, oews_rows=None):
    xw = write_csv(tmp_path, "O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                   + "".join(xw_rows or ["11-1011.00,CE,11-1011,CE\n", "13-1021.00,Buyers,13-1021,Buyers\n"]),
                   "xw.csv")
    emp = write_csv(tmp_path, OEWS_HEAD + "".join(
        oews_rows or ["99,000000,All,cross-industry,11-1011,CE,detailed,100,1,1,1,1,1,1\n",
                      "99,000000,All,cross-industry,13-1020,Buyers,detailed,300,1,1,1,1,1,1\n"]), "emp.csv")
    return xw, emp


def _rollup(capsys, tmp_path, scores, *more, xw_rows=None, oews_rows=None):
    xw, emp = _files(tmp_path, xw_rows, oews_rows)
    return run(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
               "--weights", "equal", *more)


def _structure(tmp_path):
    head = ["Major Group", "Minor Group", "Broad Occupation", "Detailed Occupation",
            "Detailed O*NET-SOC", "SOC or O*NET-SOC 2019 Title"]
    return write_xlsx(tmp_path, "soc.xlsx", [
        head, ["11-0000", None, None, None, None, "Management"], [None, "11-1000", None, None, None, "Top"],
        [None, None, "11-1010", None, None, "CE"], [None, None, None, "11-1011", None, "CE"],
        ["13-0000", None, None, None, None, "Business"], [None, "13-1000", None, None, None, "Specialists"],
        [None, None, "13-1030", None, None, "Claims"], [None, None, None, "13-1031", None, "Adjusters"],
        [None, None, None, "13-1032", None, "Appraisers"]])


XW_APPRAISERS = ["11-1011.00,CE,11-1011,CE\n", "13-1032.00,Appraisers,13-1032,Appraisers\n"]
OEWS_ADJUSTERS = ["99,000000,All,cross-industry,11-1011,CE,detailed,100,1,1,1,1,1,1\n",
                  "99,000000,All,cross-industry,13-1031,Adjusters,detailed,300,1,1,1,1,1,1\n"]


def test_soc_structure_file_keeps_a_detailed_code_from_being_an_aggregate(capsys, tmp_path):
    scores = write_csv(tmp_path, H + "\n11-1011.00,1,1,1,1\n13-1032.00,2,0,0.5,1\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores, "--soc-structure", _structure(tmp_path),
                        xw_rows=XW_APPRAISERS, oews_rows=OEWS_ADJUSTERS)
    assert code == 0, err
    soc = pd.read_parquet(tmp_path / "out" / "soc_scores.parquet").set_index("soc_code")
    # 13-1031 is a detailed code of the structure, not an aggregate of 13-1032: no score
    assert pd.isna(soc.loc["13-1031", "beta"]), soc
    assert soc.loc["11-1011", "beta"] == 1.0


def test_soc_structure_as_the_api_with_it(capsys, tmp_path):
    from exposure import crosswalks, oews
    scores = write_csv(tmp_path, H + "\n11-1011.00,1,1,1,1\n13-1032.00,2,0,0.5,1\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores, "--soc-structure", _structure(tmp_path),
                        xw_rows=XW_APPRAISERS, oews_rows=OEWS_ADJUSTERS)
    assert code == 0, err
    api = rollup(pd.read_csv(scores, dtype={"onetsoc_code": str}), crosswalks.read_onet_to_soc(tmp_path / "xw.csv"),
                 oews.read_oews(tmp_path / "emp.csv"), weights="equal",
                 soc_structure=crosswalks.read_soc_structure(tmp_path / "soc.xlsx"))
    cli = pd.read_parquet(tmp_path / "out" / "soc_scores.parquet")
    pd.testing.assert_frame_equal(cli.reset_index(drop=True), api.soc.reset_index(drop=True), check_dtype=False)


def test_soc_structure_file_that_is_not_one_names_the_file(capsys, tmp_path):
    scores = write_csv(tmp_path, H + "\n11-1011.00,1,1,1,1\n", "s.csv")
    bad = write_csv(tmp_path, "a,b\n1,2\n", "soc.csv")
    code, err = _rollup(capsys, tmp_path, scores, "--soc-structure", bad)
    assert code == 2 and "soc.csv" in err, err


def test_beta_and_Beta_refused(capsys, tmp_path):
    scores = write_csv(tmp_path, H + ",Beta\n11-1011.00,1,1,1,1,0\n13-1021.00,2,0,0.5,1,0\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores)
    assert code == 2, err
    assert "s.csv" in err and "'beta'" in err and "'Beta'" in err and "column" in err, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("column", ["weight", "Task_Weight", "weights"])
def test_weight_column_of_another_tool_refused(capsys, tmp_path, column):
    scores = write_csv(tmp_path, H + f",{column}\n11-1011.00,1,1,1,1,5\n13-1021.00,2,0,0.5,1,1\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores)
    assert code == 2, err
    assert "s.csv" in err and f"column {column!r}" in err and "--weights" in err, err


def test_other_extra_columns_still_accepted(capsys, tmp_path):
    scores = write_csv(tmp_path, H + ",note\n11-1011.00,1,1,1,1,x\n13-1021.00,2,0,0.5,1,y\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores)
    assert code == 0, err


def test_occupation_without_any_score_warned(capsys, tmp_path, caplog):
    scores = write_csv(tmp_path, H + "\n11-1011.00,1,1,1,1\n13-1021.00,2,,,\n", "s.csv")
    with caplog.at_level(logging.WARNING):
        code, err = _rollup(capsys, tmp_path, scores)
    assert code == 0, err
    text = caplog.text
    assert "13-1021.00" in text and "no task with a score" in text, text


def test_bootstrap_one_refused_cli(capsys, tmp_path):
    scores = write_csv(tmp_path, H + "\n11-1011.00,1,1,1,1\n13-1021.00,2,0,0.5,1\n", "s.csv")
    code, err = _rollup(capsys, tmp_path, scores, "--bootstrap", "1")
    assert code == 2 and "--bootstrap" in err and "2 or more" in err, err
    assert not (tmp_path / "out").exists()


def test_bootstrap_one_refused_api():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "alpha": [1.0], "beta": [1.0],
                       "gamma": [1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                        "o_group": "detailed", "tot_emp": [100.0]})
    with pytest.raises(ExposureError, match="one draw"):
        rollup(ts, xw, emp, weights="equal", n_draws=1)
    assert rollup(ts, xw, emp, weights="equal", n_draws=2).soc["beta_ci_low"].notna().all()


def test_task_type_column_all_blank_reads_the_statements(capsys, tmp_path):
    # an empty task_type column weighed every task 1 (equal weights) under --weights core
    tasks = write_csv(tmp_path, "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\t"
                      "Domain Source\n11-1011.00\t1\tA.\tCore\t20\t08/2023\tIncumbent\n"
                      "11-1011.00\t2\tB.\tSupplemental\t20\t08/2023\tIncumbent\n"
                      "13-1021.00\t3\tC.\tCore\t20\t08/2023\tIncumbent\n", "tasks.txt")
    scores = write_csv(tmp_path, H + ",task_type\n11-1011.00,1,1,1,1,\n11-1011.00,2,0,0,0,\n"
                       "13-1021.00,3,0,0.5,1,\n", "s.csv")
    xw, emp = _files(tmp_path)
    code, err = run(capsys, "rollup", scores, "-o", tmp_path / "out", "--crosswalk", xw, "--employment", emp,
                    "--tasks", tasks)
    assert code == 0, err
    occ = pd.read_parquet(tmp_path / "out" / "occupation_scores.parquet").set_index("onetsoc_code")
    assert occ.loc["11-1011.00", "beta"] == pytest.approx(2 / 3)  # Core 2, Supplemental 1
