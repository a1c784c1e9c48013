"""Fault round 78 (measures): published measure files damaged as a user's download goes wrong.

1. A note below the table of a published measure's CSV file (``Source: Tomlinson et al.
   2025`` appended, or a blank line and ``Note: ...`` lines, as a spreadsheet or a user
   saves it) was refused as ``row 4, column 'title': too few fields: expected 3, got 1
   (truncated file or line?)``: wrong advice, the file was whole. The readers of Webb,
   Microsoft and the Anthropic Economic Index (:func:`exposure.measures._common.read_csv`)
   and Eloundou's occupation file (:func:`exposure.measures.eloundou.read_occ_level`) now
   leave the footnote lines out (logged, INFO: ``1 footnote line(s) below the table left
   out, from line 4``), as the OEWS and crosswalk readers do, by the one rule of
   :func:`exposure._tables.footnote_start`. A short line followed by a row keeps its error.
2. A percentage in a share column (``0.42%`` in ``share_user`` of ``iwa_metrics.csv``,
   ``78.57%`` in ``directive`` or ``1%`` in ``pct`` of an ``automation_vs_augmentation``
   file, ``45%`` in ILO's ``mean_score_2025``) was ``not a number: '0.42%'`` and no more;
   it is now told the fraction to write, as the Eloundou and Microsoft score readers tell
   it: ``not a number: '0.42%': a percentage? write it as a fraction of 1: '0.0042'``.
3. A task ID that is no task ID (``88x4``) in the publisher's O*NET task statements
   (``onet_task_statements.csv``, read by ``anthropic._read_older_tasks`` for
   :func:`exposure.measures.anthropic.load_anthropic`) was refused by ``match_tasks`` as
   ``older, row 2, column 'task_id': task ID '88x4' is not an integer``: the argument's
   name, not the file, and the row counted without the header. The reader refuses it:
   ``onet_task_statements.csv, row 3, column 'Task ID': task ID '88x4' is not an integer``.
4. The six pattern shares of a task in an ``automation_vs_augmentation_by_task`` file
   adding up to more than 1 while automation and augmentation each stayed at most 1
   (``0.5,0.5,0.2,0.1,0.1,0.1``: 1.5) were read without a word (automation 1.0,
   augmentation 0.4); now ``row 2: the shares of the patterns (...) add up to 1.5, more
   than 1: each task's shares add up to 1``. One share past 1 (``78.57``) was ``row 2:
   shares add up to more than 1``, naming no column; now ``row 2, column 'directive': a
   share must be at most 1, got 78.57``.
"""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _frames import write_text as _file

from exposure.errors import DataFormatError
from exposure.measures import anthropic, eloundou, ilo, microsoft, webb

APP = "SOC Code,title,ai_applicability_score\n11-1011,Chief Executives,0.15\n15-1252,Software Developers,0.4\n"
WEBB = ("occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
        "4,Chief executives,10.5,30,9,28\n7,Financial managers,11.5,28,7,67\n")
OCC = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,human_rating_alpha,"
       "human_rating_beta,human_rating_gamma\n11-1021.00,General Managers,0.0,0.5,1.0,0.1,0.4,0.7\n"
       "11-1031.00,Legislators,0.1,0.4,0.8,0.3,0.5,0.8\n")
IWA = ("IWA,title,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
       "4.A.1.a.1.I01,Study details.,{share},0.0001,0.8,0.9,0.5,0.4\n")
COLLAB = ("task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
          "weld pipes.,{directive},0.1,0.1,0.2,0.1,0,{pct}\n")


@pytest.mark.parametrize("tail", ["Source: Tomlinson et al. 2025\n",
                                  "\nSource: Tomlinson et al., 2025\n(1) Scores rounded.\n"])
def test_footnote_below_microsoft_scores_is_left_out(tmp_path, caplog, tail):
    path = _file(tmp_path, "soc_ai_applicability_scores.csv", APP + tail)
    with caplog.at_level(logging.INFO, logger="exposure.measures._common"):
        got = microsoft.read_applicability(path)
    plain = microsoft.read_applicability(_file(tmp_path, "plain.csv", APP))
    pd.testing.assert_frame_equal(got, plain)
    assert "footnote line(s) below the table left out, from line 4" in caplog.text
    # a short line with a row below it is no footnote: its error is kept
    bad = _file(tmp_path, "bad.csv", APP + "Note: x\n11-2011,Advertising Managers,0.3\n")
    with pytest.raises(DataFormatError, match=r"row 4, column 'title': too few fields: expected 3, got 1"):
        microsoft.read_applicability(bad)


def test_footnote_below_webb_scores_is_left_out(tmp_path):
    path = _file(tmp_path, "exposure_by_occ1990dd_lswt2010.csv", WEBB + "\nNote: percentiles weighted by lswt2010\n")
    got = webb.read_webb(path)
    assert got["occ1990dd"].tolist() == ["4", "7"]
    assert got["webb_ai"].tolist() == [0.28, 0.67]


def test_footnote_below_eloundou_occupations_is_left_out(tmp_path, caplog):
    path = _file(tmp_path, "occ_level_train.csv", OCC + "Source: Eloundou et al. 2023\n")
    with caplog.at_level(logging.INFO, logger="exposure.measures.eloundou"):
        got = eloundou.read_occ_level(path)
    pd.testing.assert_frame_equal(got, eloundou.read_occ_level(_file(tmp_path, "plain.csv", OCC)))
    assert "1 footnote line(s) below the table left out, from line 4" in caplog.text
    bad = _file(tmp_path, "bad.csv", OCC + "11-2011.00\n11-2021.00,Marketing Managers,0.1,0.4,0.8,0.3,0.5,0.8\n")
    with pytest.raises(DataFormatError, match=r"row 4, column 'Title': too few fields: expected 8, got 1"):
        eloundou.read_occ_level(bad)


def test_percent_in_iwa_share_is_told_the_fraction(tmp_path):
    path = _file(tmp_path, "iwa_metrics.csv", IWA.format(share="0.42%"))
    with pytest.raises(DataFormatError) as err:
        microsoft.read_iwa_metrics(path)
    assert str(err.value) == (f"{path}, row 2, column 'share_user': not a number: '0.42%': a percentage? "
                              "write it as a fraction of 1: '0.0042'")


@pytest.mark.parametrize(("directive", "pct", "column", "written"),
                         [("78.57%", "0.01", "directive", "0.7857"), ("0.5", "1%", "pct", "0.01")])
def test_percent_in_collaboration_share_is_told_the_fraction(tmp_path, directive, pct, column, written):
    if column == "pct":
        text = COLLAB.format(directive=directive, pct=pct)
    else:  # the shares of the row still add up to 1 once read as a fraction
        text = COLLAB.format(directive=directive, pct=pct).replace(",0.1,0.1,0.2,0.1,0,", ",0.1,0,0.1,0,0.0143,")
    path = _file(tmp_path, "automation_vs_augmentation_by_task_v3.csv", text)
    with pytest.raises(DataFormatError) as err:
        anthropic.read_task_collaboration(path)
    assert str(err.value) == (f"{path}, row 2, column '{column}': not a number: '{'78.57%' if column == 'directive' else '1%'}': "
                              f"a percentage? write it as a fraction of 1: '{written}'")


def test_percent_in_ilo_mean_score_is_told_the_fraction(tmp_path):
    path = tmp_path / "ilo.xlsx"
    row = {"ISCO_08": "2512", "Title": "Software developers", "taskID": 1,
           "mean_score_2025": "45%", "SD_2025": 0.1, "mean_score_2023": 0.4, "SD_2023": 0.1,
           "potential25": "Exposed: Gradient 3", "potential23": "Automation Potential"}
    pd.DataFrame([row]).to_excel(path, index=False)
    with pytest.raises(DataFormatError) as err:
        ilo.read_ilo(path)
    assert str(err.value) == (f"{path}, row 2, column 'mean_score_2025': not a number: '45%': a percentage? "
                              "write it as a fraction of 1: '0.45'")


def test_bad_task_id_of_publisher_tasks_names_the_file(tmp_path):
    path = _file(tmp_path, "onet_task_statements.csv",
                 "O*NET-SOC Code,Title,Task ID,Task,Task Type\n11-1011.00,CE,8823,Direct budgets.,Core\n"
                 "11-1011.00,CE,88x4,Hire staff.,Core\n11-1011.00,CE,,,Core\n")
    with pytest.raises(DataFormatError) as err:
        anthropic._read_older_tasks(path)
    assert str(err.value) == f"{path}, row 3, column 'Task ID': task ID '88x4' is not an integer"



@pytest.mark.parametrize(("row", "message"), [
    ("weld pipes.,0.5,0.5,0.2,0.1,0.1,0.1,0.01\n",
     "row 2: the shares of the patterns (directive, feedback_loop, task_iteration, validation, learning, filtered) "
     "add up to 1.5, more than 1: each task's shares add up to 1"),
    ("weld pipes.,78.57,0.1,0,0.1,0,0.0143,0.01\n", "row 2, column 'directive': a share must be at most 1, got 78.57"),
])
def test_collaboration_shares_past_one_are_refused(tmp_path, row, message):
    path = _file(tmp_path, "automation_vs_augmentation_by_task_v3.csv", COLLAB.split("\n")[0] + "\n" + row)
    with pytest.raises(DataFormatError) as err:
        anthropic.read_task_collaboration(path)
    assert str(err.value) == f"{path}, {message}"
