"""Fault round 55 (roll-ups): the files ``--format`` writes, intervals of one draw or one task.

1. ``exposure rollup -o DIR --format xlsx`` (also ``csv``, ``dta``; :meth:`Rollup.write`)
   writes its tables into a hidden temporary directory beside ``DIR`` that then replaces
   it. A table its format cannot hold (a control character in an OEWS ``NAICS_TITLE``,
   refused for ``.xlsx``) was refused naming that directory
   (``.DIR.k2x9abcd.tmp/sector_scores.xlsx``), removed when the write fails; the writers'
   warnings (a carriage return in an ``.xlsx`` cell, formula-looking cells of a ``.csv``)
   named it too, though the files are found in ``DIR``. Both name ``DIR/<table>`` now.
2. ``bootstrap_occupations(..., n_draws=1).interval(m)`` and
   ``workforce_stats(..., draws={m: d})`` with one draw gave intervals with low = high for
   every row, as if nothing were uncertain (``rollup`` refuses ``n_draws=1`` for this
   reason); ``interval`` of no draws gave missing bounds without a word. Refused now.
3. An occupation scored by one task (a sample of tasks, a task list of one's own) got,
   from the bootstrap over its tasks, an interval with low = high: every draw resamples
   that one task. It is warned of now (once per call, naming an example).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.rollup import bootstrap_occupations, label_scores, rollup, workforce_stats

_OEWS_HEADER = ("naics,naics_title,i_group,occ_code,occ_title,o_group,tot_emp,emp_prse,h_mean,"
                "a_mean,mean_prse,h_median,a_median\n")


def _oews_row(naics, title, i_group, code, occ_title, o_group, emp):
    return f'{naics},"{title}",{i_group},{code},{occ_title},{o_group},{emp},1.2,50,104000,0.5,50,104000\n'


def _inputs(tmp_path, sector_title="Finance and Insurance"):
    """Task scores, a crosswalk and a by-industry OEWS file of sector 52, in their file layouts."""
    scores = tmp_path / "s.csv"
    scores.write_text("onetsoc_code,task_id,alpha,beta,gamma\n11-1011.00,1,1,1,1\n"
                      "11-1011.00,2,0,0,0\n13-1021.00,3,0,0.5,1\n13-1021.00,4,0,0,0\n")
    xw = tmp_path / "xw.csv"
    xw.write_text("O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                  "11-1011.00,Chief Executives,11-1011,Chief Executives\n13-1021.00,Buyers,13-1021,Buyers\n")
    oews = tmp_path / "oews.csv"
    cross = "Cross-industry"
    with open(oews, "w", newline="") as fh:  # a title's own line break kept as written
        fh.write(_OEWS_HEADER + "".join([
            _oews_row("000000", cross, "cross-industry", "00-0000", "All Occupations", "total", "400"),
            _oews_row("000000", cross, "cross-industry", "11-0000", "Management Occupations", "major", "100"),
            _oews_row("000000", cross, "cross-industry", "13-0000", "Business Occupations", "major", "300"),
            _oews_row("000000", cross, "cross-industry", "11-1011", "Chief Executives", "detailed", "100"),
            _oews_row("000000", cross, "cross-industry", "13-1020", "Buyers", "detailed", "300"),
            _oews_row("52", sector_title, "sector", "00-0000", "All Occupations", "total", "400"),
            _oews_row("52", sector_title, "sector", "11-1011", "Chief Executives", "detailed", "100"),
            _oews_row("52", sector_title, "sector", "13-1020", "Buyers", "detailed", "300")]))
    return scores, xw, oews


def _run(tmp_path, out, fmt, **kw):
    scores, xw, oews = _inputs(tmp_path, **kw)
    return main(["rollup", str(scores), "-o", str(out), "--employment", str(oews), "--crosswalk", str(xw),
                 "--weights", "equal", "--format", fmt])


# 1. the files named where they are found ----------------------------------------------


def test_xlsx_table_refused_names_the_output_directory_not_the_temporary_one(tmp_path, capsys):
    out = tmp_path / "res"
    assert _run(tmp_path, out, "xlsx", sector_title="Finance\x01") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{out / 'sector_scores.xlsx'}, row 2, column 'naics_title': a cell holds a control character" in err[0]
    assert ".tmp" not in err[0]
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_xlsx_warning_of_carriage_returns_names_the_output_file(tmp_path, caplog):
    out = tmp_path / "res"
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        assert _run(tmp_path, out, "xlsx", sector_title="Finance\r\nInsurance") == 0
    said = [r.getMessage() for r in caplog.records if "carriage return" in r.getMessage()]
    assert said and all(".tmp" not in m for m in said)
    assert any(m.startswith(f"{out / 'sector_scores.xlsx'}: 1 cells hold a carriage return") for m in said)
    assert (out / "sector_scores.xlsx").is_file()


def test_csv_warning_of_formula_cells_names_the_output_file(tmp_path, caplog):
    out = tmp_path / "res"
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        assert _run(tmp_path, out, "csv", sector_title="=Finance") == 0
    said = [r.getMessage() for r in caplog.records if "formulas" in r.getMessage()]
    assert said and all(".tmp" not in m for m in said)
    assert any(m.startswith(f"{out / 'sector_scores.csv'}: 1 cell(s)") for m in said)


def test_rollup_write_api_error_names_the_output_file(tmp_path):
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "task_id": [1, 2],
                       "alpha": [1.0, 0.0], "beta": [1.0, 0.5], "gamma": [1.0, 1.0]})
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": ["000000", "000000", "52", "52"],
                        "naics_title": ["Cross", "Cross", "Fin\ufffe", "Fin\ufffe"],
                        "i_group": ["cross-industry"] * 2 + ["sector"] * 2, "occ_code": ["11-1011", "13-1020"] * 2,
                        "o_group": "detailed", "tot_emp": [100.0, 300.0, 50.0, 60.0]})
    out = tmp_path / "o"
    with pytest.raises(DataFormatError) as err:
        rollup(ts, xw, emp, weights="equal").write(out, "xlsx")
    assert err.value.path == str(out / "sector_scores.xlsx")
    assert (err.value.row, err.value.column) == (2, "naics_title")
    assert ".tmp" not in str(err.value)


# 2. intervals of one draw ---------------------------------------------------------------


def _scores():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2 + ["11-2011.00"] * 2, "task_id": [1, 2, 3, 4],
                       "label": ["E1", "E0", "E2", "E0"]})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


@pytest.mark.parametrize("n_draws", [0, 1])
def test_interval_of_fewer_than_two_draws_is_refused(n_draws):
    draws = bootstrap_occupations(_scores(), "equal", n_draws=n_draws, seed=0)
    assert draws.draws["beta"].shape == (n_draws, 2)  # the draws themselves are given
    with pytest.raises(DataFormatError, match=rf"the interval of 'beta' needs 2 draws or more, and there "
                       rf"(is|are) {n_draws}"):
        draws.interval("beta")


def test_interval_of_two_draws_still_given():
    low, high = bootstrap_occupations(_scores(), "equal", n_draws=2, seed=0).interval("beta")
    assert low.shape == high.shape == (2,)


def test_workforce_stats_refuses_one_draw():
    soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.2, 0.6], "tot_emp": [100.0, 300.0]})
    with pytest.raises(DataFormatError, match=r"draws\['beta'\] has one draw \(shape \(1, 2\)\): an interval "
                       r"of one draw has low = high"):
        workforce_stats(soc, measures=["beta"], draws={"beta": np.array([[0.2, 0.6]])})
    w = workforce_stats(soc, measures=["beta"], draws={"beta": np.array([[0.2, 0.6], [0.3, 0.5]])})
    assert "share_ge_10_ci_low" in w.columns


# 3. occupations scored by one task ------------------------------------------------------


def _one_task_scores():
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                       "label": ["E1", "E0", "E2"]})
    return pd.concat([ts, label_scores(ts["label"])], axis=1)


def test_bootstrap_warns_of_an_occupation_scored_by_one_task(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._occupations"):
        draws = bootstrap_occupations(_one_task_scores(), "equal", n_draws=50, seed=0)
    said = [r.getMessage() for r in caplog.records if "scored by one task" in r.getMessage()]
    assert said == ["bootstrap: 1 occupation is scored by one task (e.g. '13-1021.00'): resampling the tasks "
                    "of such an occupation draws that task every time, so its interval has low = high, which "
                    "measures no uncertainty; score more of its tasks, or read its interval as missing"]
    low, high = draws.interval("beta")
    assert low[1] == high[1] == 0.5  # the interval itself is as before


def test_one_task_warning_once_per_rollup_and_not_for_several_tasks(caplog):
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "soc_code": ["11-1011", "13-1021"]})
    emp = pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011", "13-1020"],
                        "o_group": "detailed", "tot_emp": [100.0, 300.0]})
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._occupations"):
        rollup(_one_task_scores(), xw, emp, weights="equal", n_draws=20, seed=0)
    assert sum("scored by one task" in r.getMessage() for r in caplog.records) == 1
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._occupations"):
        bootstrap_occupations(_scores(), "equal", n_draws=20, seed=0)
        bootstrap_occupations(_one_task_scores(), "equal", n_draws=0, seed=0)  # no draws: no interval
    assert not any("scored by one task" in r.getMessage() for r in caplog.records)


def test_one_task_whose_label_is_drawn_is_not_warned_of(caplog):
    ts = _one_task_scores().assign(p_e0=[0.1, 0.8, 0.3], p_e1=[0.8, 0.1, 0.2], p_e2=[0.1, 0.1, 0.5])
    ts["label"] = ["E1", "E0", "E2"]
    ts = ts.assign(alpha=ts["p_e1"], beta=ts["p_e1"] + ts["p_e2"] / 2, gamma=ts["p_e1"] + ts["p_e2"])
    with caplog.at_level(logging.WARNING, logger="exposure.rollup._occupations"):
        draws = bootstrap_occupations(ts, "equal", n_draws=200, seed=0, sample_labels=True)
    assert not any("scored by one task" in r.getMessage() for r in caplog.records)
    low, high = draws.interval("beta")
    assert low[1] < high[1]  # the label drawn varies the one task
