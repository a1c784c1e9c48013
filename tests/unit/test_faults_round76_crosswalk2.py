"""Fault round 76 (crosswalk2): crosswalk total rows and footnotes, the SOC roll-up, label task IDs.

Faults found (each test below failed before its fix):

1. A total row in a crosswalk (``Total`` under the first column, as Excel's table Total
   Row writes it, or a sum added below the rows) was refused with advice that does not fix
   it: ``x.xlsx, row 6, column 'O*NET-SOC 2019 Title': O*NET-SOC 2019 Title is blank:
   give every row its title`` (``read_onet_to_soc``: a row of totals has no title to
   give), or ``soc10 must be a SOC 2010 code (like 11-1011 or 111011), got 'Total'``
   (``read_soc10_isco08``). Now ``x.xlsx, row 6, column 'O*NET-SOC 2019 Code': the row is
   a total row ('Total'), not one of the crosswalk's rows: delete it``; deleting it reads
   the file. A row refused above the total row is still named first.
2. Footnote lines below a CSV crosswalk (``Source: ...``, ``(1) ...``), which the same
   table as a workbook has read without them, were refused: below a blank line as
   ``row 4: empty line (remove it: only the empty lines ending the file are ignored)``;
   below a line of commas, not padded, as ``row 5, column 'O*NET-SOC 2019 Title': too few
   fields: expected 4, got 1 (truncated file or line?)``; padded with commas, as ``row 4:
   empty row (no value in any column read): remove it; ...`` (below a blank line) or
   ``O*NET-SOC 2019 Title is blank: give every row its title`` (right below the rows).
   Now a CSV crosswalk is read as the workbook is: its footnote lines ending the table
   are left out, and it reads to the same frame as the workbook. A footnote followed by a
   row, or a blank line between rows, is refused as before.
3. ``rollup._soc.refuse_nested_codes`` named the frame after the row and column when not
   told ``path=True`` (its own doctest showed it): ``row 2, column 'occ_code':
   employment: '15-1252' (row 2) is in '15-1250' (row 1), ...``. Now the frame first, as
   every frame error names it (and as its callers, passing ``path=True``, already did):
   ``employment, row 2, column 'occ_code': '15-1252' (row 2) is in ...``.
4. ``measures.eloundou.read_task_labels`` read ``Task ID`` with its own
   ``pandas.to_numeric`` rule, not the one of every other task ID
   (``_tables.task_id_numbers``): an ID of 2**53 or more written as a decimal
   (``9007199254740993.0``, as the label files write IDs) was rounded to another task's
   (``9007199254740992``: two tasks were refused as ``task 9007199254740992 of 11-1011.00
   is given twice (rows 2 and 3)``), and a blank ``Task ID`` was refused as ``task ID nan
   is not an integer``. Now the IDs are read by ``task_id_numbers`` (exactly), and a blank
   one is ``row 2, column 'Task ID': Task ID is blank: every row needs its task's ID (like
   8823)``. The shipped label file reads to the same frame as before.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.measures import eloundou
from exposure.rollup._soc import refuse_nested_codes

HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
ROWS = [["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
        ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"]]


def _workbook(path, below=()):
    """The O*NET crosswalk as O*NET lays it out (title lines above the header), ``below`` after the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["O*NET-SOC 2019 Occupation Listings"], [], HEADER, *ROWS, *below]:
        sheet.append(row)
    book.save(path)
    return path


def _csv(path, tail=""):
    path.write_text(",".join(HEADER) + "\n" + "".join(",".join(r) + "\n" for r in ROWS) + tail)
    return path


# 1. a total row ------------------------------------------------------------------------------

@pytest.mark.parametrize("total", [["Total"], ["Total", None, 2, None], ["Grand Total"],
                                   ["Total, all occupations"], [None, "Total", None, None]])
def test_1_a_total_row_of_a_workbook_is_said_to_be_one(tmp_path, total):
    path = _workbook(tmp_path / "x.xlsx", [total])
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_onet_to_soc(path)
    column = HEADER[next(j for j, v in enumerate(total) if v)]
    assert str(info.value) == (f"{path}, row 6, column {column!r}: the row is a total row "
                               f"({next(v for v in total if v)!r}), not one of the crosswalk's rows: delete it")
    # following the advice reads the workbook
    assert crosswalks.read_onet_to_soc(_workbook(path))["onetsoc_code"].tolist() == ["11-1011.00", "11-1011.03"]


def test_1_a_total_row_of_a_csv_is_said_to_be_one(tmp_path):
    path = _csv(tmp_path / "x.csv", "Total,,,\n")
    with pytest.raises(DataFormatError, match=re.escape(
            "x.csv, row 4, column 'O*NET-SOC 2019 Code': the row is a total row ('Total'), not one of the "
            "crosswalk's rows: delete it")):
        crosswalks.read_onet_to_soc(path)
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc10,isco08\n111011,1112\nTotal: 1 row,1\n")
    with pytest.raises(DataFormatError, match=re.escape(
            "soc10_isco08.csv, row 3, column 'soc10': the row is a total row ('Total: 1 row'), not one of the "
            "crosswalk's rows: delete it")):
        crosswalks.read_soc10_isco08(path)
    # a row refused above the total row is still named first
    path = _workbook(tmp_path / "x.xlsx", [["11-1011.04", "", "11-1011", "Chief Executives"], ["Total"]])
    with pytest.raises(DataFormatError, match=r"row 6, column 'O\*NET-SOC 2019 Title': O\*NET-SOC 2019 Title is "
                                              r"blank: give every row its title$"):
        crosswalks.read_onet_to_soc(path)


# 2. footnotes below a CSV crosswalk ----------------------------------------------------------

@pytest.mark.parametrize("tail", [
    "\nSource: O*NET Resource Center\n",            # below a blank line ("empty line")
    ",,,\nSource: O*NET Resource Center\n",         # below a line of commas ("too few fields")
    ",,,\nSource: O*NET Resource Center,,,\n",      # padded ("empty row")
    "Source: O*NET Resource Center,,,\n",           # right below the rows ("Title is blank")
    "\nNote: rounded.\n(1) Codes of 2019.\n",       # two lines
])
def test_2_footnotes_below_a_csv_crosswalk_are_read_as_a_workbooks(tmp_path, tail):
    book = crosswalks.read_onet_to_soc(_workbook(tmp_path / "x.xlsx", [[], ["Source: O*NET Resource Center"]]))
    read = crosswalks.read_onet_to_soc(_csv(tmp_path / "x.csv", tail))
    pd.testing.assert_frame_equal(read, book)


def test_2_footnotes_of_a_two_column_crosswalk(tmp_path):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc10,isco08\n111011,1112\n111021,1120\n\n\"Source: BLS, 2012\",\n(1) Rounded.\n")
    assert crosswalks.read_soc10_isco08(path).values.tolist() == [["11-1011", "1112"], ["11-1021", "1120"]]
    # a footnote followed by a row, a line that is no footnote, a line of two values: refused as before
    for tail in ("\nSource: BLS\n111031,1111\n", "\nhello\n", "\nSource: BLS,2012\n"):
        path.write_text("soc10,isco08\n111011,1112\n111021,1120\n" + tail)
        with pytest.raises(DataFormatError, match=re.escape("soc10_isco08.csv, row 4: empty line")):
            crosswalks.read_soc10_isco08(path)


# 3. refuse_nested_codes names the frame first ------------------------------------------------

def test_3_nested_codes_name_the_frame_first():
    with pytest.raises(DataFormatError) as info:  # (its path=True, which did nothing, went in round 77)
        refuse_nested_codes(pd.Series(["15-1250", "15-1252"]), "employment", "occ_code", "rows")
    assert str(info.value) == ("employment, row 2, column 'occ_code': '15-1252' (row 2) is in '15-1250' (row "
                               "1), a SOC broad group, and both are rows: its workers would be counted twice; "
                               "give the group or its occupations, not both")
    assert (info.value.path, info.value.row, info.value.column) == ("employment", 2, "occ_code")


# 4. read_task_labels reads task IDs as every task ID is read ---------------------------------

LABELS = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")


def _labels(path, *ids):
    path.write_text(LABELS + "".join(f"{i}\t11-1011.00\t{t}\tTask {i}.\tCore\tChief Executives\tE1\tE1\tE1\t"
                                     "False\tT2\n" for i, t in enumerate(ids)))
    return path


def test_4_large_task_ids_written_as_decimals_are_read_exactly(tmp_path):
    path = _labels(tmp_path / "l.tsv", "9007199254740993.0", "9007199254740992")
    assert eloundou.read_task_labels(path)["task_id"].tolist() == [9007199254740993, 9007199254740992]
    path = _labels(tmp_path / "l.tsv", "8823.0", " 8824", "8.825e3")
    read = eloundou.read_task_labels(path)
    assert read["task_id"].tolist() == [8823, 8824, 8825] and read["task_id"].dtype == "int64"


def test_4_a_blank_task_id_is_said_to_be_blank(tmp_path):
    path = _labels(tmp_path / "l.tsv", "8823.0", "")
    with pytest.raises(DataFormatError) as info:
        eloundou.read_task_labels(path)
    assert str(info.value) == f"{path}, row 3, column 'Task ID': Task ID is blank: every row needs its task's ID (like 8823)"
    path = _labels(tmp_path / "l.tsv", "8823.0", "8823.5")  # as before
    with pytest.raises(DataFormatError, match=re.escape("row 3, column 'Task ID': task ID '8823.5' is not an integer")):
        eloundou.read_task_labels(path)
