"""Fault round 72: the published measures' readers and the measures table (``exposure.load("measures")``).

1. ``exposure.measures.anthropic.match_tasks`` given an ``onet_tasks`` row with a task text
   but no task ID (a float column with a blank cell), matched by its text, gave the match
   the task ID ``'nan'`` (the text of the missing value), as if it were a task. Now the
   task ID of that match is missing (``None``); stage 2 still follows no missing ID.
2. The measure readers' header matching (``exposure.measures._common.match_header_case``,
   so ``require_columns`` and every reader, ``check_employment``, ``exposure compare
   --ours``, ``exposure outcomes``) compared names whatever their case and spacing, but an
   underscore was not a space: a file saved by Stata (no spaces in its variable names:
   ``SOC_Code``) or cleaned in R (``ai_applicability_score`` written
   ``AI Applicability Score``, ``feedback loop`` for ``feedback_loop``) was refused, e.g.
   ``expected column(s) ['SOC Code'] not found (columns are ['SOC_Code', 'title',
   'ai_applicability_score'])``. Now an underscore matches a space; both spellings in one
   header are refused as the column twice.
3. ``exposure.load("measures")`` of a ``reports/measures_table.csv`` whose SOC code has a
   space around it (``"11-1011 "``, a cell edited in a spreadsheet) was refused as
   ``..., row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): '11-1011 '``.
   Now the code is read without the spaces, as the measure readers read codes
   (``_common.check_codes``); the code written twice, once with a space, is refused as
   ``SOC code '11-1011' appears twice (rows 2 and 3)`` (it was the "not a SOC code" above,
   and with ``validate=False`` two codes).
4. ``exposure.load("measures")`` of a table whose ``tot_emp`` holds thousands separators
   (``"1,234"``: saved by Excel with a number format) gave ``tot_emp`` as float64
   (``1234.0``), where the same table written plainly gives int64: the frame's types
   depended on how the numbers were written. Now the whole numbers are int64, as pandas
   reads them plainly (a column with a gap stays float64 in both).
5. ``exposure.measures.eloundou.read_occ_level`` (and ``read_task_labels``) of a file saved
   by Excel with lines of separators only at its end (``,,,,,,,``, or tabs: rows whose
   cells were cleared) was refused, ``..., row 695, column 'O*NET-SOC Code': missing
   O*NET-SOC code``, where the other measure readers ignore such lines
   (``_common.read_csv``). Now they are ignored; a line between rows, or one holding
   anything (the label file's index), is still refused, and a file of such lines only
   is ``no rows below the header (row 1)`` (it was ``missing O*NET-SOC code``).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure.errors import DataFormatError
from exposure.measures import _common, anthropic, eloundou, microsoft


def _mirror() -> Path:
    """The real mirror of the published files (``EXPOSURE_MIRROR``, relative in CI)."""
    return Path(os.environ["EXPOSURE_MIRROR"]).resolve()


# ---------------------------------------------------------------------------------------
# 1. match_tasks: a task without an ID matched by its text
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", [np.nan, None, pd.NA])
def test_match_tasks_keeps_a_missing_task_id_missing(blank):
    onet = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": [blank, "5"],
                         "task": ["Direct budgets.", "Hire staff."]}).astype({"task_id": object})
    out = anthropic.match_tasks(pd.Series(["direct budgets.", "hire staff."]), onet)
    assert out["task_id"].iloc[1] == "5"
    assert out["task_id"].iloc[0] is None
    assert "nan" not in out["task_id"].astype(str).tolist()
    assert out["split"].tolist() == [1.0, 1.0]


def test_match_tasks_does_not_follow_a_missing_task_id_to_a_text_match():
    onet = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "task_id": [np.nan, 5.0],
                         "task": ["Direct budgets.", "Hire staff."]})
    older = pd.DataFrame({"onetsoc_code": ["11-1021.00"], "task_id": ["5"], "task": ["Hire staff and fly."]})
    out = anthropic.match_tasks(pd.Series(["direct budgets.", "hire staff and fly."]), onet, older)
    assert out[["task_id", "match"]].to_numpy().tolist() == [[None, "text"], ["5", "task_id"]]


# ---------------------------------------------------------------------------------------
# 2. header names: an underscore is a space
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["SOC_Code,title,ai_applicability_score",
                                    "soc_code,Title,AI Applicability Score",
                                    "SOC_CODE,TITLE,AI APPLICABILITY SCORE"])
def test_applicability_read_with_a_stata_or_r_header(tmp_path, header):
    source = _mirror() / "reference/microsoft_working_with_ai/soc_ai_applicability_scores.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "applicability scores.csv"
    path.write_text("\n".join([header, *lines[1:]]) + "\n", encoding="utf-8")
    pd.testing.assert_frame_equal(microsoft.read_applicability(path), microsoft.read_applicability(source))


def test_collaboration_read_with_spaces_for_underscores(tmp_path):
    text = ("task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
            "a.,0.5,0.1,0.1,0.2,0.1,0,0.01\n")
    plain = tmp_path / "plain.csv"
    plain.write_text(text)
    spaced = tmp_path / "spaced.csv"
    spaced.write_text(text.replace("feedback_loop", "Feedback Loop").replace("task_iteration", "task iteration")
                      .replace("task_name", "Task Name"))
    out = anthropic.read_task_collaboration(spaced)
    pd.testing.assert_frame_equal(out, anthropic.read_task_collaboration(plain))
    assert out["automation"].tolist() == [0.6]


def test_a_column_written_both_ways_is_refused():
    frame = pd.DataFrame(columns=["SOC Code", "soc_code", "title"])
    with pytest.raises(DataFormatError) as info:
        _common.match_header_case(frame, ["SOC Code"], "m.csv")
    assert str(info.value) == ("m.csv, row 1, column 'SOC Code': given more than once "
                               "(columns 1 and 2, written 'SOC Code' and 'soc_code'): keep one")


def test_employment_read_with_spaces_for_underscores():
    emp = pd.DataFrame({"SOC Code": ["11-1011"], "Tot Emp": [100]})
    out = _common.check_employment(emp)
    assert out["tot_emp"].tolist() == [100.0]
    assert out["soc_code"].tolist() == ["11-1011"]


# ---------------------------------------------------------------------------------------
# 3, 4. load("measures"): codes with spaces, tot_emp with thousands separators
# ---------------------------------------------------------------------------------------


def _measures_dir(tmp_path: Path, name: str, text: str) -> Path:
    directory = tmp_path / name
    (directory / "reports").mkdir(parents=True)
    (directory / "reports" / "measures_table.csv").write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize("code", ["11-1011 ", " 11-1011", "11-1011\u00a0", "\t11-1011"])
def test_measures_table_code_with_spaces_is_read(tmp_path, code):
    spaced = _measures_dir(tmp_path, "spaced", f'soc_code,tot_emp,beta\n"{code}",100,0.5\n11-1021,200,0.4\n')
    plain = _measures_dir(tmp_path, "plain", "soc_code,tot_emp,beta\n11-1011,100,0.5\n11-1021,200,0.4\n")
    out = exposure.load("measures", directory=spaced)
    assert out["soc_code"].tolist() == ["11-1011", "11-1021"]
    pd.testing.assert_frame_equal(out, exposure.load("measures", directory=plain))


@pytest.mark.parametrize("validate", [True, False])
def test_measures_table_code_twice_once_with_a_space_is_refused(tmp_path, validate):
    directory = _measures_dir(tmp_path, "d", "soc_code,tot_emp,beta\n11-1011 ,100,0.5\n11-1011,200,0.4\n")
    with pytest.raises(DataFormatError) as info:
        exposure.load("measures", directory=directory, validate=validate)
    assert str(info.value) == (f"{directory / 'reports' / 'measures_table.csv'}, row 3, column 'soc_code': "
                               "SOC code '11-1011' appears twice (rows 2 and 3)")


def test_measures_table_grouped_tot_emp_is_read_as_plain_whole_numbers(tmp_path):
    grouped = _measures_dir(tmp_path, "grouped",
                            'soc_code,tot_emp,beta\n11-1011,"1,234",0.5\n11-1021,"1,350,430",0.4\n')
    plain = _measures_dir(tmp_path, "plain", "soc_code,tot_emp,beta\n11-1011,1234,0.5\n11-1021,1350430,0.4\n")
    out = exposure.load("measures", directory=grouped)
    assert out["tot_emp"].dtype == np.int64
    assert out["tot_emp"].tolist() == [1234, 1350430]
    expected = exposure.load("measures", directory=plain)
    pd.testing.assert_frame_equal(out.reset_index(drop=True), expected.reset_index(drop=True))
    # a column with a gap is float64, written either way
    gap = _measures_dir(tmp_path, "gap", 'soc_code,tot_emp,beta\n11-1011,"1,234",0.5\n11-1021,,0.4\n')
    plain_gap = _measures_dir(tmp_path, "plain_gap", "soc_code,tot_emp,beta\n11-1011,1234,0.5\n11-1021,,0.4\n")
    out = exposure.load("measures", directory=gap)
    assert out["tot_emp"].dtype == exposure.load("measures", directory=plain_gap)["tot_emp"].dtype == np.float64
    assert out["tot_emp"].tolist()[0] == 1234.0


# ---------------------------------------------------------------------------------------
# 5. Eloundou's files: lines of separators only ending the file
# ---------------------------------------------------------------------------------------


def test_occ_level_lines_of_commas_ending_the_file_are_ignored(tmp_path):
    source = _mirror() / eloundou.OCC_LEVEL_NAME
    text = source.read_text(encoding="utf-8-sig")
    width = text.splitlines()[0].count(",")
    path = tmp_path / "occ level.csv"
    path.write_text(text + ("," * width + "\r\n") * 3, encoding="utf-8")
    pd.testing.assert_frame_equal(eloundou.read_occ_level(path), eloundou.read_occ_level(source))


def test_task_labels_lines_of_tabs_ending_the_file_are_ignored(tmp_path):
    source = _mirror() / eloundou.LABELS_NAME
    text = source.read_text(encoding="utf-8")
    width = text.splitlines()[0].count("\t")
    path = tmp_path / "labels.tsv"
    path.write_text(text + ("\t" * width + "\n") * 2 + "\n", encoding="utf-8")
    pd.testing.assert_frame_equal(eloundou.read_task_labels(path), eloundou.read_task_labels(source))
    # a line holding its index only is no line of separators: still refused
    path.write_text(text + "99999" + "\t" * width + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        eloundou.read_task_labels(path)
    rows = len(text.splitlines())
    assert str(info.value) == f"{path}, row {rows + 1}, column 'O*NET-SOC Code': missing O*NET-SOC code"


_OCC_HEADER = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,human_rating_alpha,"
               "human_rating_beta,human_rating_gamma\n")
_OCC_ROW = "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\n"


def test_occ_level_of_commas_only_has_no_rows(tmp_path):
    path = tmp_path / "occ.csv"
    path.write_text(_OCC_HEADER + ",,,,,,,\n,,,,,,,\n")
    with pytest.raises(DataFormatError) as info:
        eloundou.read_occ_level(path)
    assert str(info.value) == f"{path}: no rows below the header (row 1)"
    # one between rows is still refused, naming its row
    path.write_text(_OCC_HEADER + _OCC_ROW + ",,,,,,,\n" + _OCC_ROW.replace("1011", "1021") + ",,,,,,,\n")
    with pytest.raises(DataFormatError) as info:
        eloundou.read_occ_level(path)
    assert str(info.value) == f"{path}, row 3, column 'O*NET-SOC Code': missing O*NET-SOC code"
