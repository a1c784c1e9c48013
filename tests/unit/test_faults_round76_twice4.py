"""Round 76 (``twice4``): a column given twice, frames named first, the crosswalk workbooks.

Faults found (each test below failed before its fix):

1. A column given twice (two tables put side by side with ``pd.concat(..., axis=1)``) kept
   its old wordings where round 75 had not reached, naming the column twice or not naming
   the frame: ``scores, column 'beta': the column 'beta' is there more than once``
   (``to_census_occ``); ``crosswalk: the column 'soc_code' is there more than once``
   (``onet_to_soc_map``, ``check_soc_structure``: no column named where it applies);
   ``column 'human_exposure_agg': labels: column 'human_exposure_agg' appears more than
   once`` (the rubric, agreement and reproduction reports: the frame second); ``column
   'soc_code': loaded[('crosswalks', 'onet_to_soc')] has the column 'soc_code' more than
   once: keep one`` (``coverage_figures``) and ``frame, column 'beta': frame has the column
   'beta' more than once: keep one`` (``figures.ranked``). Now every one says it as
   ``measures._crosswalk.check_once`` does: ``scores, column 'beta': given more than once:
   keep one`` (``crosswalks``, a layer below, raises the same words).
2. The labels of the rubric, agreement and reproduction reports
   (``reports.rubric.checked_labels``) named the row before the frame: ``row 2, column
   'human_exposure_agg': labels: human_exposure_agg must be E0, E1 or E2, got 'e1'``,
   ``row 3, column 'onetsoc_code': labels: O*NET-SOC code missing``; a task ID that is
   not an integer named no frame at all (``row 2, column 'task_id': task ID 'x' is not an
   integer``); and a label in another case (``'e1'``) or given as its class (``1``) was
   told no label to write, where ``check_task_labels`` says it. Now ``labels, row 2,
   column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2, got 'e1': write
   'E1' (the choices are case-sensitive)``; following the advice runs the report.
   ``to_census_occ``'s employment named its frame twice: ``employment, row 2, column
   'soc_code': employment: '21-1011' (row 2) is in '21-1018' (row 1), ...``; now once.
3. A crosswalk workbook (``2019_to_SOC_Crosswalk.xlsx``, or any crosswalk saved as
   ``.xlsx``) whose header was merged over two rows, as Excel saves a header of two rows
   (each name merged down over both, or a row of group names such as ``2018 SOC`` above
   ``2018 SOC Code`` and ``2018 SOC Title``), was refused showing its first data row as
   the header found: ``missing column(s) 'O*NET-SOC 2019 Code', ... in the header (first
   7 rows); found: '11-1011.00', 'Chief Executives', '11-1011', 'Chief Executives'``; or,
   every name merged down, told ``the cell A5 is part of the merged range A4:A5 ...;
   unmerge the cells and fill each one with its value`` (filling them made the header a
   data row). Now ``x.xlsx, row 4: the header spans rows 4 and 5 (its cell A4 is merged
   over A4:A5): a header is one row; unmerge the header's cells, write every column's name
   on row 4 and delete row 5``; following it reads the workbook.
4. ``read_soc10_isco08`` of a file with a total row (``Total,3``) refused its ``isco08``
   before its ``soc10``, with advice that did not work: ``isco08 must be a four-digit
   ISCO-08 unit group (like 1112), got '3': a number? a spreadsheet may have saved the code
   as one; write it as text``. Now the first row refused is named at its first cell
   refused, ``soc10`` before ``isco08``: ``soc10 must be a SOC 2010 code (like 11-1011 or
   111011), got 'Total'``.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from test_faults_round67_rubric import _report_labels

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.reports import figures, sources
from exposure.reports.rubric import rubric_agreement
from exposure.rollup import to_census_occ

XW = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1021.00"], "soc_code": ["11-1011", "11-1021"]})
CENSUS = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00"], "census_occ": ["2000", "2000"]})
SCORES = pd.DataFrame({"onetsoc_code": ["21-1011.00", "21-1014.00"], "beta": [0.3, 0.5]})
EMP = pd.DataFrame({"soc_code": ["21-1018"], "tot_emp": [100.0]})
STRUCTURE = pd.DataFrame({"soc_code": ["11-1011"], "level": ["detailed"], "broad_code": ["11-1010"]})
RANKED = pd.DataFrame({"soc_code": ["11-1011", "11-1021"], "beta": [0.2, 0.4]})


def _twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` with ``column`` put beside it again (two tables side by side)."""
    return pd.concat([frame, frame[[column]]], axis=1)


# 1. a column given twice: one wording ------------------------------------------------------

LABELS = _report_labels(["11-1011.00"] * 5)

#: Each call: (function of the frame, the frame, its name in the message, the column given twice).
CALLS = {
    "to_census_occ": (lambda f: to_census_occ(f, CENSUS, EMP), SCORES, "scores", "beta"),
    "onet_to_soc_map": (crosswalks.onet_to_soc_map, XW, "crosswalk", "soc_code"),
    "check_soc_structure": (crosswalks.check_soc_structure, STRUCTURE, "soc_structure", "level"),
    "rubric_agreement": (rubric_agreement, LABELS, "labels", "human_exposure_agg"),
    "coverage_figures": (lambda f: sources.coverage_figures({("crosswalks", "onet_to_soc"): f}), XW,
                         "loaded[('crosswalks', 'onet_to_soc')]", "soc_code"),
    "ranked": (lambda f: figures.ranked(f, "beta", 1), RANKED, "frame", "beta"),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_1_a_column_given_twice_is_said_one_way(name):
    call, frame, where, column = CALLS[name]
    with pytest.raises(DataFormatError) as info:
        call(_twice(frame, column))
    assert str(info.value) == f"{where}, column {column!r}: given more than once: keep one"
    assert (info.value.path, info.value.column) == (where, column)
    call(frame)  # each column once: read as before


# 2. the labels of the reports: the frame first, and the label to write ---------------------

@pytest.mark.parametrize("change, expected", [
    ({"human_exposure_agg": ["E1", "e1", "E0", "E0", "E2"]},
     "labels, row 2, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2, got 'e1': write 'E1' "
     "(the choices are case-sensitive)"),
    ({"human_exposure_agg": ["E1", "E2", 0, "E0", "E2"]},
     "labels, row 3, column 'human_exposure_agg': human_exposure_agg must be E0, E1 or E2, got 0: a class? write "
     "its label, 'E0'"),
    ({"human_exposure_agg": ["E1", None, "E0", "E0", "E2"]},
     "labels, row 2, column 'human_exposure_agg': human_exposure_agg is missing: every task of the report needs its "
     "label"),
    ({"onetsoc_code": ["11-1011.00", "11-1011.00", "", "47-2031.00", "43-4171.00"]},
     "labels, row 3, column 'onetsoc_code': O*NET-SOC code missing"),
    ({"task_id": [1, "x", 3, 4, 5]}, "labels, row 2, column 'task_id': task ID 'x' is not an integer"),
    ({"task_id": [1, 2, -3, 4, 5]}, "labels, row 3, column 'task_id': task ID -3 is negative"),
])
def test_2_the_labels_of_a_report_are_named_first(change, expected):
    labels = _report_labels(["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00", "43-4171.00"])
    with pytest.raises(DataFormatError) as info:
        rubric_agreement(labels.assign(**change))
    assert str(info.value) == expected
    assert info.value.path == "labels"


def test_2_following_the_label_advice_runs_the_report():
    labels = _report_labels(["11-1011.00", "11-1011.00", "47-2031.00", "47-2031.00", "43-4171.00"])
    with pytest.raises(DataFormatError, match=r"got 'e2': write 'E2'"):
        rubric_agreement(labels.assign(human_exposure_agg=["E1", "e2", "E0", "E0", "E2"]))
    report = rubric_agreement(labels.assign(human_exposure_agg=["E1", "E2", "E0", "E0", "E2"]))
    assert report.query("metric == 'pearson_r_alpha'")["n"].tolist() == [3]


def test_2_census_employment_is_named_once():
    both = pd.DataFrame({"soc_code": ["21-1018", "21-1011"], "tot_emp": [100.0, 40.0]})
    with pytest.raises(DataFormatError) as info:
        to_census_occ(SCORES, CENSUS, both)
    assert str(info.value).startswith("employment, row 2, column 'soc_code': '21-1011' (row 2) is in '21-1018' "
                                      "(row 1), an OEWS aggregate")
    assert str(info.value).count("employment") == 1


# 3. a crosswalk workbook whose header is merged over two rows ------------------------------

HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
ROWS = [["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
        ["11-1021.00", "General and Operations Managers", "11-1021", "General and Operations Managers"]]


def _workbook(path, layout: str):
    """The crosswalk as O*NET publishes it (two title rows, a blank row), its header merged over rows 4 and 5."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"] = "O*NET-SOC 2019 Occupation Listings", "Crosswalk O*NET-SOC 2019 to 2018 SOC"
    ws.merge_cells("A1:D1")
    ws.merge_cells("A2:D2")
    if layout == "merged down":  # every name merged down over rows 4 and 5
        for col, name in enumerate(HEADER, start=1):
            ws.cell(4, col, name)
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    else:  # a row of group names: '2018 SOC' over the SOC code and title, the others merged down
        ws["A4"], ws["B4"], ws["C4"] = HEADER[0], HEADER[1], "2018 SOC"
        ws.merge_cells("A4:A5")
        ws.merge_cells("B4:B5")
        ws.merge_cells("C4:D4")
        ws["C5"], ws["D5"] = HEADER[2], HEADER[3]
    for pos, row in enumerate(ROWS, start=6):  # the data below the header's two rows
        for col, value in enumerate(row, start=1):
            ws.cell(pos, col, value)
    wb.save(path)
    return path


@pytest.mark.parametrize("layout", ["merged down", "group row"])
def test_3_a_crosswalk_header_merged_over_two_rows_is_said_so(tmp_path, layout):
    path = _workbook(tmp_path / "2019 to SOC.xlsx", layout)
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    assert str(info.value) == (
        f"{path}, row 4: the header spans rows 4 and 5 (its cell A4 is merged over A4:A5): a header is one row; "
        "unmerge the header's cells, write every column's name on row 4 and delete row 5")
    assert "found:" not in str(info.value) and "11-1011.00" not in str(info.value)
    # the advice, followed
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for span in [s for s in ws.merged_cells.ranges if s.min_row >= 4]:
        ws.unmerge_cells(span.coord)
    for col, name in enumerate(HEADER, start=1):
        ws.cell(4, col, name)
    ws.delete_rows(5)
    wb.save(path)
    assert crosswalks.read_onet_to_soc(path)["soc_code"].tolist() == ["11-1011", "11-1021"]


def test_3_a_census_crosswalk_saved_as_a_workbook_with_a_merged_header(tmp_path):
    path = tmp_path / "census.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["Job Zone", "Occupation", "Data-level", "Code", "cps_code"], [None] * 5,
                [5, "Chief Executives", "Y", "11-1011.00", "0010"]]:
        ws.append(row)
    for col in "ABCDE":
        ws.merge_cells(f"{col}1:{col}2")
    wb.save(path)
    with pytest.raises(DataFormatError, match=re.escape(
            "row 1: the header spans rows 1 and 2 (its cell A1 is merged over A1:A2): a header is one row; ")):
        crosswalks.read_census_crosswalk(path)
    # a merged range below a header of one row (a code merged down over two rows): said as before
    path = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [HEADER, ROWS[0], [None, *ROWS[1][1:]]]:
        ws.append(row)
    ws.merge_cells("A2:A3")  # the cell A3 read empty
    wb.save(path)
    with pytest.raises(DataFormatError, match=r"row 3, column 'O\*NET-SOC 2019 Code': the cell A3 is part of "
                                              r"the merged range A2:A3"):
        crosswalks.read_onet_to_soc(path)


# 4. a total row of the SOC 2010 -> ISCO-08 crosswalk ---------------------------------------

def test_4_a_total_row_is_named_by_its_first_cell(tmp_path):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc10,isco08\n111011,1112\n111021,1120\nTotal,2\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_soc10_isco08(path)
    # round 76 (crosswalk2): the row is said to be a total row (it was "soc10 must be a SOC 2010 code ...")
    assert str(info.value) == (f"{path}, row 4, column 'soc10': the row is a total row ('Total'), not one of the "
                               "crosswalk's rows: delete it")
    # the first row refused is still named first, whichever of its columns is wrong
    path.write_text("soc10,isco08\n111011,1112\n111021,111\nTotal,1120\n")
    with pytest.raises(DataFormatError, match=r"row 3, column 'isco08': isco08 must be a four-digit ISCO-08 unit "
                                              r"group \(like 1112\), got '111'"):
        crosswalks.read_soc10_isco08(path)
    path.write_text("soc10,isco08\n111011,1112\n111021,1120\n")
    assert crosswalks.read_soc10_isco08(path)["isco08_code"].tolist() == ["1112", "1120"]
