"""Fault round 78 (rollup2): the crosswalk's warning, the FT warning's file and line, the bootstrap's memory check.

Faults found (each test below failed before its fix):

1. ``to_soc`` (``onet_to_oews``, ``rollup``, ``exposure rollup``) warned of scored
   O*NET-SOC codes missing from the crosswalk as ``1 O*NET-SOC codes are not in the
   crosswalk (e.g. '11-2011.00')``: plural for one code, no frame or file, and not what
   became of their scores. Now ``1 O*NET-SOC code of the scores is not in the crosswalk
   onet_to_soc (e.g. '11-2011.00'), so its scores count for no OEWS code, sector or
   worker: add it to the crosswalk, or give it as the O*NET-SOC 2019 code it stands for
   (the crosswalk's taxonomy, e.g. '11-1011.00')`` (``2 O*NET-SOC codes of the scores
   are not ... so their scores ...``); ``exposure rollup`` names the file read (``the
   crosswalk xw.csv``, or ``the registry's crosswalk``), as its error of no code matched
   names it (``rollup._soc.crosswalk_named``).
2. ``exposure rollup --weights frequency --task-ratings FILE`` warned of FT percentages
   summing below 100 naming the frame's row, one above the file's line, and no file:
   ``e.g. 11-1011.00 task 1 (task_ratings row 1): 30``. Now ``(FILE, row 2)``, the
   file's line, as the warning of suppressed ratings names the scores file
   (``task_weights(..., ratings_path=, ratings_row_offset=)``); in Python, without a
   file, as before.
3. The bootstrap's memory check compared the draws with the machine's physical memory,
   and its estimate of ``rollup``'s arrays was below what they take (96 bytes a draw for
   one occupation and one OEWS code, against about 270 measured; 528 against 730 on the
   tiny fixture): ``exposure rollup --bootstrap 100000000`` on one occupation passed it
   (about 9 GiB said, on a 23.5 GiB machine) and grew until killed. The estimate now
   counts the workforce statistics' copy of the draws and the groups' values (above the
   peak measured), is compared with the memory available now (``MemAvailable``), and
   the message says how many draws fit: ``... more than the 1.0 MiB of memory available;
   use fewer draws (at most 1,659 fit)`` (``..., more than the 20.3 GiB available, of the
   23.5 GiB of memory of this machine; ...`` when measured).

SIGTERM during the bootstrap stops the run (exit 143) within a chunk; a SIGTERM that came
while the command's modules were compiled at start-up was lost (``exposure.cli``'s
start-up handler, outside these files): see the round's report.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import logging
import tracemalloc

import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from _rollup_files import rollup_files as _files

from exposure import crosswalks, oews
from exposure.cli import main
from exposure.cli._rollup import read_task_scores
from exposure.errors import ExposureError
from exposure.rollup import rollup, task_weights, to_soc
from exposure.rollup._run import _check_rollup_memory

RATINGS_HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\t"
                "Upper CI Bound\tRecommend Suppress\tDate\tDomain Source\n")


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# 1. codes not in the crosswalk -----------------------------------------------------------------

def _occ(codes) -> pd.DataFrame:
    return pd.DataFrame({"onetsoc_code": codes, "alpha": 0.1, "beta": 0.2, "gamma": 0.3})


def _emp() -> pd.DataFrame:
    return pd.DataFrame({"naics": "000000", "i_group": "cross-industry", "occ_code": ["11-1011"],
                         "o_group": "detailed", "tot_emp": [100.0]})


XW = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "soc_code": ["11-1011"]})


def test_1_one_code_not_in_the_crosswalk(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        soc = to_soc(_occ(["11-1011.00", "11-2011.00"]), XW, _emp())
    assert _said(caplog) == [
        "1 O*NET-SOC code of the scores is not in the crosswalk onet_to_soc (e.g. '11-2011.00'), so its scores "
        "count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the O*NET-SOC 2019 code "
        "it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"]
    assert soc["beta"].tolist() == [0.2]  # the code's scores are left out, as said


def test_1_several_codes_not_in_the_crosswalk(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure"):
        to_soc(_occ(["11-1011.00", "11-2011.00", "11-2021.00"]), XW, _emp())
    assert _said(caplog) == [
        "2 O*NET-SOC codes of the scores are not in the crosswalk onet_to_soc (e.g. '11-2011.00'), so their scores "
        "count for no OEWS code, sector or worker: add them to the crosswalk, or give them as the O*NET-SOC 2019 "
        "codes they stand for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


def test_1_exposure_rollup_names_the_crosswalk_file(tmp_path, caplog):
    args = _files(tmp_path, "11-1011.00,1,1,1,1\n11-1011.00,2,0,0,0\n11-2011.00,1,0,0,0\n")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert main([*args, "--weights", "equal"]) == 0
    said = [m for m in _said(caplog) if "crosswalk" in m]
    assert said == [
        f"1 O*NET-SOC code of the scores is not in the crosswalk {tmp_path / 'xw.csv'} (e.g. '11-2011.00'), so its "
        "scores count for no OEWS code, sector or worker: add it to the crosswalk, or give it as the O*NET-SOC "
        "2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"]


# 2. the FT warning names the ratings file and its line -----------------------------------------

def _ratings(tmp_path):
    rows = [("11-1011.00", 1, 30), ("11-1011.00", 2, 100)]
    path = tmp_path / "Task Ratings.txt"
    path.write_text(RATINGS_HEAD + "".join(f"{c}\t{t}\tFT\t1\t{v}\t22\t5.0\t0.0\t100.0\tN\t08/2023\tIncumbent\n"
                                           for c, t, v in rows), encoding="utf-8")
    return path


def test_2_exposure_rollup_names_the_ratings_file_and_line(tmp_path, caplog):
    args = _files(tmp_path, "11-1011.00,1,1,1,1\n11-1011.00,2,0,0,0\n")
    path = _ratings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert main([*args, "--weights", "frequency", "--task-ratings", str(path)]) == 0
    said = [m for m in _said(caplog) if "FT percentages" in m]
    assert said == [f"--weights frequency: the FT percentages of 1 of 2 tasks sum to less than 100 (categories or "
                    f"percentages missing), e.g. 11-1011.00 task 1 ({path}, row 2): 30; each is weighed by the mean "
                    "frequency of the categories given"]


def test_2_task_weights_names_the_file_given_and_the_frame_otherwise(tmp_path, caplog):
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2]})
    ratings = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [2, 1], "scale_id": "FT",
                            "category": 1, "data_value": [100.0, 30.0]})
    with caplog.at_level(logging.WARNING, logger="exposure"):
        task_weights(ts, "frequency", task_ratings=ratings, ratings_path="r.txt", ratings_row_offset=lambda: 2)
        task_weights(ts, "frequency", task_ratings=ratings)
    said = _said(caplog)
    assert "e.g. 11-1011.00 task 1 (r.txt, row 3): 30" in said[0]
    assert "e.g. 11-1011.00 task 1 (task_ratings row 2): 30" in said[1]


# 3. the bootstrap's memory: honest estimate, memory available, draws that fit -----------------

def test_3_message_says_how_many_draws_fit():
    with pytest.raises(ExposureError) as info:
        _check_rollup_memory(10**6, 1, 1, _emp(), memory=2**20)
    assert str(info.value) == (
        "1,000,000 bootstrap draws need about 602.7 MiB for their arrays (3 measures x 1,000,000 draws x 2 "
        "occupations and OEWS codes x 8 bytes, and about 556.9 MiB of working arrays (per draw: 6 x 1 columns, 3 x 1 "
        "OEWS codes and 64 values, x 8 bytes)), more than the 1.0 MiB of memory available; use fewer draws (at most "
        "1,659 fit)")
    _check_rollup_memory(1659, 1, 1, _emp(), memory=2**20)  # the largest said fits
    with pytest.raises(ExposureError, match=r"\(at most 1,659 fit\)"):
        _check_rollup_memory(1660, 1, 1, _emp(), memory=2**20)


def _peak(ts, xw, emp, n_draws: int) -> int:
    tracemalloc.start()
    try:
        rollup(ts, xw, emp, weights="equal", n_draws=n_draws)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("which", ["one occupation", "sectors"])
def test_3_estimate_is_above_what_the_draws_take(fixtures, tmp_path, which):
    if which == "one occupation":
        args = _files(tmp_path, "11-1011.00,1,1,1,1\n11-1011.00,2,0,0,0\n")
        scores, xw_path, emp_path = args[1], args[5], args[7]
    else:
        d = fixtures / "rollup"
        scores, xw_path, emp_path = d / "task_scores_tiny.csv", d / "onet_to_soc_tiny.csv", d / "oews_tiny.csv"
    ts, xw, emp = read_task_scores(scores), crosswalks.read_onet_to_soc(xw_path), oews.read_oews(emp_path)
    n = 3000
    taken = _peak(ts, xw, emp, n) - _peak(ts, xw, emp, 0)  # what the draws add to the peak
    r = rollup(ts, xw, emp, weights="equal")
    # the estimate of n draws is more than what they take: refused with that memory
    with pytest.raises(ExposureError, match="bootstrap draws need about"):
        _check_rollup_memory(n, len(r.occupations), len(r.soc), emp, memory=taken)
