"""Round 18: damaged or hand-edited raw files given to the O*NET and OEWS readers.

``exposure.onet.read_*`` and ``exposure.oews.read_oews`` read the files as O*NET and BLS
publish them (tab-separated ``.txt`` with CRLF, ``.xlsx``, comma-separated ``.csv``).
Faults found:

1. a column read by the reader given twice in the header (``Job Zone`` twice, ``TOT_EMP``
   and ``tot_emp``): the first copy was read without a word, whatever the second held;
2. a decimal comma in an O*NET number (``9,5`` in ``Data Value``, ``1,2`` in ``Standard
   Error``, a file saved by a spreadsheet in a European locale) was read as a thousands
   separator: 95 and 12, silently; in OEWS, ``0,500`` (a decimal comma) was read as 500;
3. ``inf`` / ``-inf`` in an O*NET standard error or confidence bound was taken;
4. a key given twice in an O*NET file said only ``check multiple_fields_uniqueness:
   '(the row)'``: no column, no key;
5. rows of empty cells ending a text file (a spreadsheet's ``,,,`` rows) were read as a row
   and failed the schema on four columns at once, though the docs say they are ignored;
   an empty row between the rows (an ``.xlsx`` sheet, a text file) was a list of schema
   failures about empty codes rather than "empty row";
6. a required number that is missing (``Task ID``, ``Job Zone``, ``Data Value`` empty or
   ``n/a``) said ``check coerce_dtype('int64'): <NA>; ... check not_nullable: <NA>``;
7. a workbook whose first sheet is not the table named only the missing columns (not the
   sheet read nor the others); a workbook without a worksheet said ``cannot read workbook
   (damaged?): list index out of range``;
8. an ``.xlsx`` cell holding a formula that was never computed (a workbook written by a
   script) read as an empty cell: an OEWS count or wage, or an O*NET rating, went missing
   without a word.

Every fixture is a tiny file written here, in the published layouts, with made-up rows.
"""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from openpyxl.chart import BarChart

from exposure import oews, onet
from exposure.errors import DataFormatError, SchemaError

# ---------------------------------------------------------------------------------------
# fixtures in the published layouts
# ---------------------------------------------------------------------------------------

JZ_HEAD = ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"]
JZ_ROWS = [["11-1011.00", "5", "08/2023", "Analyst"], ["11-1021.00", "4", "08/2023", "Analyst"]]

TR_HEAD = ["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N",
           "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date",
           "Domain Source"]
TR_IM = ["11-1011.00", "8823", "IM", "n/a", "4.50", "60", "0.10", "4.30", "4.70", "N", "08/2023",
         "Incumbent"]
TR_RT = ["11-1011.00", "8823", "RT", "n/a", "95.50", "60", "1.20", "90.00", "99.00", "N",
         "08/2023", "Incumbent"]
TR_FT = ["11-1011.00", "8823", "FT", "3", "20.50", "60", "1.20", "15.00", "25.00", "N", "08/2023",
         "Incumbent"]

OEWS_HEAD = ["NAICS", "NAICS_TITLE", "I_GROUP", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
             "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_MEDIAN", "A_MEDIAN", "ANNUAL",
             "HOURLY"]
OEWS_ROWS = [
    ["000000", "Cross-industry", "cross-industry", "11-1011", "Chief Executives", "detailed",
     "211,850", "1.2", "*", "#", "0.5", "*", "#", "", ""],
    ["000000", "Cross-industry", "cross-industry", "11-1021", "Managers", "detailed", "1500",
     "0.8", "60.10", "125,000", "0.4", "50.20", "104,500", "", ""],
]


def _txt(path, head, rows, *, end="\r\n", tail=""):
    """An O*NET text file: tab-separated, CRLF, as O*NET publishes it."""
    path.write_bytes((end.join("\t".join(r) for r in [head, *rows]) + end + tail).encode())
    return path


def _csv(path, head, rows, *, tail=""):
    """A BLS OEWS CSV file (numbers with commas quoted)."""
    def cell(v):
        return f'"{v}"' if "," in v else v
    lines = [",".join(cell(v) for v in r) for r in [head, *rows]]
    path.write_bytes(("\r\n".join(lines) + "\r\n" + tail).encode())
    return path


def _xlsx(path, rows, *, title="Sheet", before=None):
    """A workbook holding ``rows`` on a sheet named ``title`` (after the sheets ``before``)."""
    wb = openpyxl.Workbook()
    first = wb.active
    sheets = [*(before or []), (title, rows)]
    first.title = sheets[0][0]
    for r in sheets[0][1]:
        first.append(r)
    for name, content in sheets[1:]:
        ws = wb.create_sheet(name)
        for r in content:
            ws.append(r)
    wb.save(path)
    return path


def _replace(row, index, value):
    return [*row[:index], value, *row[index + 1:]]


# ---------------------------------------------------------------------------------------
# 1. a column read twice
# ---------------------------------------------------------------------------------------

def test_onet_text_column_given_twice_is_refused(tmp_path):
    """``Job Zone`` twice (5 and 3): the first was read, silently."""
    path = _txt(tmp_path / "Job Zones.txt", [*JZ_HEAD, "Job Zone"],
                [[*JZ_ROWS[0], "3"], [*JZ_ROWS[1], "4"]])
    with pytest.raises(DataFormatError, match=r"column 'Job Zone': given more than once "
                                              r"\(columns 2 and 5\): keep one$") as err:
        onet.read_job_zones(path)
    e = err.value
    assert e.path.endswith("Job Zones.txt") and e.row == 1 and e.column == "Job Zone"


def test_onet_xlsx_column_given_twice_is_refused(tmp_path):
    path = _xlsx(tmp_path / "Job Zones.xlsx",
                 [["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source", "Job Zone"],
                  ["11-1011.00", "Chief Executives", 5, "08/2023", "Analyst", 3]],
                 title="Job Zones")
    with pytest.raises(DataFormatError, match=r"column 'Job Zone': given more than once "
                                              r"\(columns 3 and 6\): keep one$") as err:
        onet.read_job_zones(path)
    assert err.value.row == 1 and err.value.column == "Job Zone"


@pytest.mark.parametrize("second", ["TOT_EMP", "tot_emp", " Tot_Emp "])
def test_oews_csv_column_given_twice_is_refused(tmp_path, second):
    """``TOT_EMP`` and ``tot_emp`` are one column to the reader: 1500 was read, 7 dropped."""
    path = _csv(tmp_path / "oews.csv", [*OEWS_HEAD, second], [[*r, "7"] for r in OEWS_ROWS])
    with pytest.raises(DataFormatError, match=r"column 'TOT_EMP': given more than once "
                                              r"\(columns 7 and 16") as err:
        oews.read_oews(path)
    assert err.value.row == 1 and err.value.column == "TOT_EMP"


def test_oews_xlsx_column_given_twice_is_refused_on_its_header_row(tmp_path):
    """A title line above the header: the header's own row is named."""
    path = _xlsx(tmp_path / "national_M2099_dl.xlsx",
                 [["May 2099 OEWS national estimates"], [*OEWS_HEAD, "A_MEAN"],
                  [*OEWS_ROWS[1], "9"]])
    with pytest.raises(DataFormatError, match=r"column 'A_MEAN': given more than once "
                                              r"\(columns 10 and 16\): keep one$") as err:
        oews.read_oews(path)
    assert err.value.row == 2 and err.value.column == "A_MEAN"


def test_a_column_not_read_may_be_given_twice(tmp_path):
    """Only the columns read are checked: a file with two ``NOTE`` columns reads as before."""
    plain = oews.read_oews(_csv(tmp_path / "a.csv", OEWS_HEAD, OEWS_ROWS))
    twice = oews.read_oews(_csv(tmp_path / "b.csv", [*OEWS_HEAD, "NOTE", "NOTE"],
                                [[*r, "x", "y"] for r in OEWS_ROWS]))
    pd.testing.assert_frame_equal(plain, twice)


# ---------------------------------------------------------------------------------------
# 2. a decimal comma
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("index, column, cell", [
    (4, "Data Value", "9,5"),        # RT 95.5 saved in a European locale: read as 95
    (6, "Standard Error", "1,2"),    # read as 12
    (7, "Lower CI Bound", "90,25"),  # read as 9025
    (5, "N", "0,60"),                # read as 60
])
def test_onet_decimal_comma_is_refused(tmp_path, index, column, cell):
    path = _txt(tmp_path / "Task Ratings.txt", TR_HEAD, [TR_IM, _replace(TR_RT, index, cell), TR_FT])
    with pytest.raises(DataFormatError, match=rf"not a number: '{cell}': a comma must separate "
                                              r"thousands \(1,234\)") as err:
        onet.read_task_ratings(path)
    e = err.value
    assert e.path.endswith("Task Ratings.txt") and e.row == 3 and e.column == column


def test_onet_thousands_separator_is_still_read(tmp_path):
    path = _txt(tmp_path / "Task Ratings.txt", TR_HEAD, [TR_IM, _replace(TR_RT, 5, "1,060"), TR_FT])
    assert onet.read_task_ratings(path)["n"].tolist() == [60, 1060, 60]


def test_oews_decimal_comma_with_three_decimals_is_refused(tmp_path):
    """``0,500`` (0.5 with a decimal comma) passed as thousands-grouped: 500."""
    rows = [OEWS_ROWS[0], _replace(OEWS_ROWS[1], 7, "0,500")]
    with pytest.raises(DataFormatError, match=r"EMP_PRSE must be a number .*got '0,500'") as err:
        oews.read_oews(_csv(tmp_path / "oews.csv", OEWS_HEAD, rows))
    assert err.value.row == 3 and err.value.column == "EMP_PRSE"


# ---------------------------------------------------------------------------------------
# 3. infinity
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("index, column, cell", [
    (6, "Standard Error", "inf"), (7, "Lower CI Bound", "-inf"), (8, "Upper CI Bound", "Infinity"),
])
def test_onet_infinite_number_is_refused(tmp_path, index, column, cell):
    path = _txt(tmp_path / "Task Ratings.txt", TR_HEAD, [TR_IM, TR_RT, _replace(TR_FT, index, cell)])
    with pytest.raises(DataFormatError, match=rf"not a finite number: '{cell}'") as err:
        onet.read_task_ratings(path)
    assert err.value.row == 4 and err.value.column == column


# ---------------------------------------------------------------------------------------
# 4. a key given twice
# ---------------------------------------------------------------------------------------

def test_onet_job_zone_given_twice_names_the_key(tmp_path):
    path = _txt(tmp_path / "Job Zones.txt", JZ_HEAD, [*JZ_ROWS, _replace(JZ_ROWS[0], 1, "4")])
    with pytest.raises(SchemaError, match=r"\(O\*NET-SOC Code\) = \(11-1011.00\) is on row 2 and "
                                          r"again on row 4") as err:
        onet.read_job_zones(path)
    e = err.value
    assert e.path.endswith("Job Zones.txt") and e.row == 2 and e.column == "O*NET-SOC Code"
    assert "check multiple_fields_uniqueness" in str(e)


def test_onet_rating_given_twice_names_the_key_with_its_missing_category(tmp_path):
    path = _txt(tmp_path / "Task Ratings.txt", TR_HEAD, [TR_IM, TR_RT, TR_FT, _replace(TR_IM, 4, "3.00")])
    with pytest.raises(SchemaError, match=r"\(O\*NET-SOC Code, Task ID, Scale ID, Category\) = "
                                          r"\(11-1011.00, 8823, IM, n/a\) is on row 2 and again "
                                          r"on row 5") as err:
        onet.read_task_ratings(path)
    assert err.value.column == "O*NET-SOC Code/Task ID/Scale ID/Category"


def test_onet_task_id_written_two_ways_is_one_key(tmp_path):
    head = ["O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"]
    row = ["11-1011.00", "8823", "4.A.4.b.4.I09.D02", "03/2014", "Analyst"]
    path = _txt(tmp_path / "Tasks to DWAs.txt", head, [row, _replace(row, 1, "8823.0")])
    with pytest.raises(SchemaError, match=r"= \(11-1011.00, 8823, 4.A.4.b.4.I09.D02\) is on row 2 "
                                          r"and again on row 3"):
        onet.read_task_dwas(path)


# ---------------------------------------------------------------------------------------
# 5. empty rows
# ---------------------------------------------------------------------------------------

def test_oews_csv_ending_in_empty_records_reads_as_without_them(tmp_path):
    plain = oews.read_oews(_csv(tmp_path / "a.csv", OEWS_HEAD, OEWS_ROWS))
    tail = ("," * (len(OEWS_HEAD) - 1) + "\r\n") * 2
    pd.testing.assert_frame_equal(plain, oews.read_oews(_csv(tmp_path / "b.csv", OEWS_HEAD, OEWS_ROWS,
                                                             tail=tail)))


def test_onet_text_ending_in_empty_records_reads_as_without_them(tmp_path):
    plain = onet.read_job_zones(_txt(tmp_path / "a.txt", JZ_HEAD, JZ_ROWS))
    tail = "\t\t\t\r\n\r\n"
    pd.testing.assert_frame_equal(plain, onet.read_job_zones(_txt(tmp_path / "b.txt", JZ_HEAD, JZ_ROWS,
                                                                  tail=tail)))


def test_onet_xlsx_empty_row_between_rows_is_named(tmp_path):
    path = _xlsx(tmp_path / "Job Zones.xlsx",
                 [JZ_HEAD, [JZ_ROWS[0][0], 5, *JZ_ROWS[0][2:]], [], [None, " ", None, ""],
                  [JZ_ROWS[1][0], 4, *JZ_ROWS[1][2:]]])
    with pytest.raises(DataFormatError, match=r"empty row") as err:
        onet.read_job_zones(path)
    e = err.value
    assert not isinstance(e, SchemaError)
    assert e.path.endswith("Job Zones.xlsx") and e.row == 3


def test_oews_xlsx_empty_row_between_rows_is_named(tmp_path):
    path = _xlsx(tmp_path / "oews.xlsx", [OEWS_HEAD, OEWS_ROWS[0], [None] * 15, OEWS_ROWS[1]])
    with pytest.raises(DataFormatError, match=r"empty row") as err:
        oews.read_oews(path)
    assert err.value.row == 3 and not isinstance(err.value, SchemaError)


def test_onet_text_empty_record_between_rows_is_named(tmp_path):
    path = _txt(tmp_path / "Job Zones.txt", JZ_HEAD, [JZ_ROWS[0], ["", "", "", ""], JZ_ROWS[1]])
    with pytest.raises(DataFormatError, match=r"empty row") as err:
        onet.read_job_zones(path)
    assert err.value.row == 3


# ---------------------------------------------------------------------------------------
# 6. a required number missing
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("reader, name, head, rows, column, cell", [
    (onet.read_job_zones, "Job Zones.txt", JZ_HEAD, [_replace(JZ_ROWS[0], 1, "n/a")], "Job Zone", "n/a"),
    (onet.read_job_zones, "Job Zones.txt", JZ_HEAD, [_replace(JZ_ROWS[0], 1, "")], "Job Zone", ""),
    (onet.read_task_ratings, "Task Ratings.txt", TR_HEAD, [_replace(TR_IM, 1, "")], "Task ID", ""),
    (onet.read_task_ratings, "Task Ratings.txt", TR_HEAD, [_replace(TR_IM, 4, "n/a")], "Data Value",
     "n/a"),
])
def test_onet_missing_required_number_is_named(tmp_path, reader, name, head, rows, column, cell):
    with pytest.raises(SchemaError, match=rf"{column} is missing \(the cell is '{cell}'\)") as err:
        reader(_txt(tmp_path / name, head, rows))
    assert err.value.row == 2 and err.value.column == column


# ---------------------------------------------------------------------------------------
# 7. the sheets of a workbook
# ---------------------------------------------------------------------------------------

def test_onet_table_on_the_second_sheet_names_the_sheets(tmp_path):
    path = _xlsx(tmp_path / "Job Zones.xlsx", [JZ_HEAD, JZ_ROWS[0]], title="Job Zones",
                 before=[("Read Me", [["O*NET 99.9 Job Zones"]])])
    with pytest.raises(DataFormatError, match=r"missing column.*only the first sheet, 'Read Me', is "
                                              r"read and the workbook also has 'Job Zones'"):
        onet.read_job_zones(path)


def test_oews_table_on_the_second_sheet_names_the_sheets(tmp_path):
    path = _xlsx(tmp_path / "oews.xlsx", [OEWS_HEAD, OEWS_ROWS[1]], title="national_M2099_dl",
                 before=[("Field Descriptions", [["Field", "Field Description"]])])
    with pytest.raises(DataFormatError, match=r"only the first sheet, 'Field Descriptions', is read"):
        oews.read_oews(path)


def test_workbook_without_a_worksheet_says_so(tmp_path):
    wb = openpyxl.Workbook()
    chart = wb.create_chartsheet("Chart")
    chart.add_chart(BarChart())
    wb.remove(wb.active)
    wb.save(tmp_path / "Job Zones.xlsx")
    with pytest.raises(DataFormatError, match=r"no worksheet") as err:
        onet.read_job_zones(tmp_path / "Job Zones.xlsx")
    assert "list index out of range" not in str(err.value)


# ---------------------------------------------------------------------------------------
# 8. a formula never computed
# ---------------------------------------------------------------------------------------

def test_oews_formula_without_a_value_is_refused(tmp_path):
    """``=1000+500`` in ``TOT_EMP``, never computed: read as a blank cell (missing), silently."""
    row = _replace(OEWS_ROWS[1], 6, "=1000+500")
    path = _xlsx(tmp_path / "oews.xlsx", [OEWS_HEAD, OEWS_ROWS[0], row])
    with pytest.raises(DataFormatError, match=r"the cell holds the formula =1000\+500 and no saved "
                                              r"value") as err:
        oews.read_oews(path)
    assert err.value.row == 3 and err.value.column == "TOT_EMP"


def test_onet_formula_without_a_value_is_refused(tmp_path):
    """``Standard Error`` may be missing (n/a): a formula's blank passed as such."""
    head = ["O*NET-SOC Code", "Title", *TR_HEAD[1:]]
    row = [TR_IM[0], "Chief Executives", 8823, "IM", "n/a", 4.5, 60, "=0.05*2", 4.3, 4.7, "N",
           "08/2023", "Incumbent"]
    path = _xlsx(tmp_path / "Task Ratings.xlsx", [head, row])
    with pytest.raises(DataFormatError, match=r"formula =0.05\*2 and no saved value") as err:
        onet.read_task_ratings(path)
    assert err.value.row == 2 and err.value.column == "Standard Error"


def test_formula_whose_value_is_an_empty_string_is_read_blank(tmp_path):
    """Excel saves ``=IF(...,"",...)`` as ``t="str"`` with an empty ``<v>``: computed, so blank."""
    head = [*OEWS_HEAD, "H_PCT10"]
    made = _xlsx(tmp_path / "made.xlsx", [head, [*OEWS_ROWS[1], '=IF(TRUE,"",1)']])
    path = tmp_path / "oews.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="P2"( t="[a-z]+")?><f>(.*?)</f><v ?/>',
                              rb'<c r="P2" t="str"><f>\2</f><v></v>', data)
                assert b't="str"' in data
            dst.writestr(info, data)
    assert pd.isna(oews.read_oews(path)["h_pct10"].iloc[0])


def test_blank_cells_without_formulas_are_still_missing(tmp_path):
    """A blank percentile (as in some BLS files) stays a missing value."""
    head = [*OEWS_HEAD, "H_PCT10"]
    path = _xlsx(tmp_path / "oews.xlsx", [head, [*OEWS_ROWS[1], None]])
    assert pd.isna(oews.read_oews(path)["h_pct10"].iloc[0])


# ---------------------------------------------------------------------------------------
# valid files still read as before
# ---------------------------------------------------------------------------------------

def test_valid_text_files_read_alike_with_bom_lf_or_crlf(tmp_path):
    crlf = onet.read_task_ratings(_txt(tmp_path / "a.txt", TR_HEAD, [TR_IM, TR_RT, TR_FT]))
    lf = onet.read_task_ratings(_txt(tmp_path / "b.txt", TR_HEAD, [TR_IM, TR_RT, TR_FT], end="\n"))
    bom = tmp_path / "c.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + (tmp_path / "a.txt").read_bytes())
    pd.testing.assert_frame_equal(crlf, lf)
    pd.testing.assert_frame_equal(crlf, onet.read_task_ratings(bom))
    assert crlf["data_value"].tolist() == [4.5, 95.5, 20.5]


def test_the_commands_do_not_say_the_formula_twice(tmp_path):
    """The commands add the formula note to a file error; the readers now give it themselves."""
    from exposure.cli import with_record_line

    row = _replace(OEWS_ROWS[1], 6, "=1000+500")
    path = _xlsx(tmp_path / "oews.xlsx", [OEWS_HEAD, OEWS_ROWS[0], row])
    with pytest.raises(DataFormatError) as err:
        oews.read_oews(path)
    shown = str(with_record_line(err.value))
    assert shown.count("the cell holds the formula") == 1, shown
