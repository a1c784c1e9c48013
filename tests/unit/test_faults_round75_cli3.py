"""Fault round 75 (third wave): report outputs (``cli/_report``, ``reports/rubric``) and sheet arguments.

1. ``exposure evaluate --out $'a.csv\\n'`` (a name read from a line with its line end,
   ``"a.csv "`` pasted with a space) printed an error of two lines, the name as it was:
   ``exposure evaluate: error: --out a.csv`` / ``: the report is written as CSV; give a
   file name ending in .csv (the name ends in white space)``, advice the name seemed to
   follow already. Now one line, in the words of ``exposure train --out`` and of
   ``write_agreement_report``: ``output path 'a.csv\\n' has surrounding spaces (or a line
   end): remove them ('a.csv\\n' and 'a.csv' are different files)``, before anything is
   read. A file of that very name is still taken as its name; refused for its suffix
   (``a.xlsx\\n``), it was named on two lines too: it is now quoted (``--out
   '.../a.xlsx\\n': the report is written as CSV; ...``).
2. ``write_rubric_agreement(out="r.csv ")`` (and ``"r.csv\\r"``): ``r.csv : the report is
   written as CSV; give a file name ending in .csv``, the white space unseen. Now
   ``OutputPathError: output path 'r.csv ' has surrounding spaces (or a line end): remove
   them ('r.csv ' and 'r.csv' are different files)``, before the rubric is run.
3. A published text file (an O*NET file, read tab-separated; an OEWS or label file read by
   ``read_text_table``) whose first line is Excel's ``sep=`` line: ``row 2: too many
   fields: expected 2, got 4 (row 1, read as the header, has 2 fields: a title line above
   the header? ...)``, or, for a file of two columns, ``missing column(s) 'O*NET-SOC
   Code', ... found: 'sep='``. Now ``row 1: Excel's 'sep=\\t' line (separator tab), which
   other programs read as data: delete that line``, the words the other readers say it in.
4. ``read_ilo(path, sheet=...)`` kept a sheet check of its own: ``sheet=None`` and
   ``sheet=1.0`` were ``sheet must be ... not None`` naming no file; a name or position
   the workbook lacks was pandas' words (``cannot read sheet 'tasks': Worksheet named
   'tasks' not found``, ``Worksheet index 3 is invalid, 1 worksheets found``); and
   ``sheet=-2`` of a workbook of one sheet was ``IndexError: list index out of range``, a
   traceback. Now the shared check (``_tables.check_sheet``): ``ilo.xlsx: sheet must be
   a sheet name (str) or a 0-based position (int), not NoneType None``, ``ilo.xlsx: no
   sheet -2; the worksheets are ['Tasks']``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._outdir import OutputPathError
from exposure._tables import check_field_counts
from exposure.errors import DataFormatError
from exposure.measures.ilo import read_ilo
from exposure.onet import read_job_zones, read_tasks
from exposure.reports.rubric import write_rubric_agreement

LABELS = pd.DataFrame({"onetsoc_code": ["11-1011.00", "47-2031.00", "47-2031.00"],
                       "task_id": [1, 2, 3], "task": ["Write reports.", "Cut lumber.", "Weld pipes."],
                       "task_type": ["Core"] * 3, "human_exposure_agg": ["E1", "E0", "E0"]})


# 1 ------------------------------------------------------------------ evaluate --out with a line end
@pytest.mark.parametrize("tail", ["\n", " ", "\r"])
def test_1_evaluate_out_with_line_end_is_one_line(tmp_path, capsys, tail):
    out = f"{tmp_path / 'a.csv'}{tail}"
    code, _, err = cli(capsys, "evaluate", "--method", "rubric", "--out", out)
    assert code == 2
    line = one_error_line(err, command="evaluate")
    assert f"output path {out!r} has surrounding spaces (or a line end): remove them" in line, line
    assert "different files" in line
    assert not list(tmp_path.iterdir())
    # a file of that very name is taken as its name (here refused for its suffix, as before)
    named = tmp_path / f"a.xlsx{tail}"
    named.write_text("x\n")
    code, _, err = cli(capsys, "evaluate", "--method", "rubric", "--out", str(named))
    assert code == 2
    assert "the report is written as CSV" in one_error_line(err, command="evaluate")


# 2 ------------------------------------------------------------------ write_rubric_agreement(out="r.csv ")
@pytest.mark.parametrize("tail", [" ", "\r"])
def test_2_rubric_report_name_with_white_space(tmp_path, tail):
    out = f"{tmp_path / 'r.csv'}{tail}"
    with pytest.raises(OutputPathError, match="has surrounding spaces") as info:
        write_rubric_agreement(out, labels=LABELS)
    assert repr(out) in str(info.value)
    assert not list(tmp_path.iterdir())


# 3 ------------------------------------------------------------------ Excel's sep= line in a published file
def test_3_onet_file_with_sep_line(tmp_path):
    path = tmp_path / "Task Statements.txt"
    path.write_text("sep=\t\nO*NET-SOC Code\tTask ID\tTask\tTask Type\n11-1011.00\t1\tWeld.\tCore\n")
    with pytest.raises(DataFormatError) as info:
        read_tasks(path)
    assert info.value.row == 1
    assert "Excel's 'sep=\\t' line (separator tab), which other programs read as data: delete that line" \
        in info.value.reason
    assert "title line" not in str(info.value)


def test_3_two_column_onet_file_with_sep_line(tmp_path):
    path = tmp_path / "Job Zones.txt"
    path.write_text("sep=\t\nO*NET-SOC Code\tJob Zone\n11-1011.00\t5\n")
    with pytest.raises(DataFormatError, match="Excel's 'sep=\\\\t' line") as info:
        read_job_zones(path)
    assert info.value.row == 1


def test_3_field_counts_of_comma_file_with_sep_line():
    with pytest.raises(DataFormatError) as info:
        check_field_counts("sep=,\nOCC_CODE,OCC_TITLE,TOT_EMP\n11-1011,Chief,100\n", ",",
                           csv.QUOTE_MINIMAL, Path("oews.csv"))
    assert (info.value.row, info.value.reason) == (
        1, "Excel's 'sep=,' line (separator ','), which other programs read as data: delete that line")
    # the header of a two-column file was ['sep=', '']
    with pytest.raises(DataFormatError, match="Excel's 'sep=,' line"):
        check_field_counts("\ufeffsep=,\r\nOCC_CODE,TOT_EMP\r\n11-1011,100\r\n", ",",
                           csv.QUOTE_MINIMAL, Path("oews.csv"))
    assert check_field_counts("OCC_CODE,TOT_EMP\n11-1011,100\n", ",", csv.QUOTE_MINIMAL,
                              Path("oews.csv")) == ["OCC_CODE", "TOT_EMP"]


# 4 ------------------------------------------------------------------ read_ilo's sheet argument
@pytest.fixture
def ilo_book(tmp_path):
    row = {"ISCO_08": "2512", "Title": "Software developers", "taskID": 1, "mean_score_2025": 0.5,
           "SD_2025": 0.1, "mean_score_2023": 0.4, "SD_2023": 0.1, "potential25": "Exposed: Gradient 3",
           "potential23": "Automation Potential"}
    path = tmp_path / "ilo.xlsx"
    pd.DataFrame([row]).to_excel(path, index=False, sheet_name="Tasks")
    return path


@pytest.mark.parametrize("sheet, shown", [(None, "NoneType None"), (1.0, "float 1.0")])
def test_4_ilo_sheet_of_no_type_names_the_file(ilo_book, sheet, shown):
    with pytest.raises(DataFormatError) as info:
        read_ilo(ilo_book, sheet=sheet)
    assert info.value.path is not None and Path(info.value.path).name == "ilo.xlsx"
    assert info.value.reason == f"sheet must be a sheet name (str) or a 0-based position (int), not {shown}"


@pytest.mark.parametrize("sheet", ["tasks", 3, -2])
def test_4_ilo_sheet_the_workbook_lacks(ilo_book, sheet):
    with pytest.raises(DataFormatError) as info:
        read_ilo(ilo_book, sheet=sheet)
    assert info.value.reason == f"no sheet {sheet!r}; the worksheets are ['Tasks']"
    assert len(read_ilo(ilo_book, sheet="Tasks")) == len(read_ilo(ilo_book, sheet=-1)) == 1
