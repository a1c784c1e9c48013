"""Fault round 25: a new release of the public data (O*NET 31.0, OEWS May 2026) with format drifts.

1. A value a new release brings in a column of a few values: a ``Task Type`` other than
   Core/Supplemental/n/a (``Emerging``, ``core``, ``'Core '``), a Scale ID the reader does
   not know (``IJ``, ``im``), an emerging task ``Category`` ``Merged``, an OEWS ``O_GROUP``
   ``Detailed`` or ``I_GROUP`` ``cross industry``: refused in pandera's words, naming the
   library's column, which is in no file (``column 'scale_id', check isin(['IM', 'RT',
   'FT']): 'IJ'``). Now: ``column 'Scale ID': Scale ID must be IM, RT or FT, got 'im':
   write IM``.
2. An O*NET ``Date`` written otherwise than ``MM/YYYY`` (``8/2023``, ``2023-08``,
   ``08/01/2023``): refused in pandera's words only (``column 'date', check
   str_matches('^(0[1-9]|1[0-2])/[0-9]{4}\\Z'): '8/2023'``). Now: ``Date must be a month
   written MM/YYYY (like 08/2023), got '8/2023'``.
3. An O*NET workbook whose ``Date`` cells are Excel dates (the first of the month, shown
   as ``08/2023``): refused as ``'2023-08-01T00:00:00'``. Now read as the month they show
   (``08/2023``); a date of another day is refused, naming the sheet row.
4. An ISCO-08 groups file saved by a spreadsheet (``ISCOGroups_en.csv``), the leading zero
   of the armed forces' unit group ``0110`` lost: read as a level-3 (minor) group ``110``
   that ISCO-08 does not have, without a word. Now refused, naming the row and column and
   the code meant (``'0110'``).
5. An OEWS ``NAICS`` code that lost its leading zeros (``0`` for ``000000``: a CSV saved
   by a spreadsheet, a number cell of a workbook): refused in pandera's words, naming the
   library's column (``column 'naics', check str_matches(...): '0'``). Now ``column 'NAICS':
   NAICS must be an industry code as BLS writes it (...), got '0' (leading zeros lost?
   ...)``.
6. Footnote lines below an OEWS table (``Footnotes:``, ``(1) Estimates for detailed
   occupations ...``) in the columns the reader reads (a by-industry table whose first
   column is ``NAICS``; a workbook, or a CSV saved from it, its rows padded with commas):
   refused as ``NAICS_TITLE is blank: every row of an OEWS table has a title``. Now the
   footnote block ending the table is left out (a row of it holding a number, or a
   footnote line followed by data, is still refused).

The real files still read identically (``tests/integration/test_loaders_real.py`` with
``EXPOSURE_MIRROR``). Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import datetime

import pytest
from _frames import write_text, write_xlsx

from exposure import crosswalks, oews, onet
from exposure.errors import DataFormatError, SchemaError

TASK_HEAD = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\r\n"
TASK_ROW = "11-1011.00\t8823\tDirect or coordinate financial activities.\tCore\t95\t08/2023\tIncumbent\r\n"
RATING_HEAD = ("O*NET-SOC Code\tTask ID\tScale ID\tCategory\tData Value\tN\tStandard Error\t"
               "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n")
RATING_ROW = "11-1011.00\t8823\tIM\tn/a\t4.5\t60\t0.1\t4.3\t4.7\tN\t08/2023\tIncumbent\r\n"
XLSX_HEAD = ["O*NET-SOC Code", "Title", "Task ID", "Task", "Task Type", "Incumbents Responding",
             "Date", "Domain Source"]
XLSX_ROW = ["11-1011.00", "Chief Executives", 8823, "Confer with board members.", "Core", 95,
            "08/2023", "Incumbent"]
OEWS_HEAD = ("NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,"
             "MEAN_PRSE,H_MEDIAN,A_MEDIAN\n")
OEWS_ROWS = ("000000,Cross-industry,cross-industry,00-0000,All Occupations,total,\"1,234\",0.1,30.5,"
             "63440,0.1,24.5,50960\n"
             "000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,200,0.5,#,#,0.1,#,#\n")


def _tasks(tmp_path, row=TASK_ROW, head=TASK_HEAD):
    return write_text(tmp_path, "Task Statements.txt", head + row)


# 1. a value a new release brings, in a column of a few values


@pytest.mark.parametrize("cell, hint", [("Emerging", ""), ("core", ": write Core"), ("Core ", ": write Core")])
def test_task_type_of_a_new_release_names_the_file_column(tmp_path, cell, hint):
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(_tasks(tmp_path, TASK_ROW.replace("\tCore\t", f"\t{cell}\t")))
    assert str(info.value) == (f"{tmp_path / 'Task Statements.txt'}, row 2, column 'Task Type': Task Type "
                               f"must be Core, Supplemental or n/a, got {cell!r}{hint}")


def test_task_types_as_published_still_read(tmp_path):
    rows = TASK_ROW + TASK_ROW.replace("8823", "8824").replace("\tCore\t", "\tSupplemental\t") + \
        TASK_ROW.replace("8823", "8825").replace("\tCore\t", "\tn/a\t")
    assert onet.read_tasks(_tasks(tmp_path, rows))["task_type"].isna().tolist() == [False, False, True]


@pytest.mark.parametrize("scale, hint", [("IJ", ""), ("im", ": write IM"), ("IM ", ": write IM")])
def test_unknown_scale_id_names_the_scale_id_column(tmp_path, scale, hint):
    path = write_text(tmp_path, "Task Ratings.txt", RATING_HEAD + RATING_ROW + RATING_ROW.replace(
        "\tIM\t", f"\t{scale}\t"))
    with pytest.raises(SchemaError) as info:  # a SchemaError, as the schema's refusal was
        onet.read_task_ratings(path)
    assert str(info.value) == (f"{path}, row 3, column 'Scale ID': Scale ID must be IM, RT or FT, "
                               f"got {scale!r}{hint}")


def test_emerging_task_category_of_a_new_release_names_the_file_column(tmp_path):
    path = write_xlsx(tmp_path, "Emerging Tasks.xlsx", [
        ["O*NET-SOC Code", "Title", "Task", "Category", "Original Task ID", "Original Task", "Date",
         "Domain Source"],
        ["11-3013.00", "Facilities Managers", "Review payroll.", "Merged", "n/a", "n/a", "08/2024",
         "Incumbent"]])
    with pytest.raises(DataFormatError) as info:
        onet.read_emerging_tasks(path)
    assert str(info.value).endswith("row 2, column 'Category': Category must be New or Revision, got 'Merged'")


@pytest.mark.parametrize("change, column, message", [
    ((",detailed,", ",Detailed,"), "O_GROUP",
     "O_GROUP must be total, major, minor, broad or detailed, got 'Detailed': write detailed"),
    ((",detailed,", ",occupation,"), "O_GROUP",
     "O_GROUP must be total, major, minor, broad or detailed, got 'occupation'"),
    # quoted since round 70: the list read 'cross-industry, cross-industry, ownership, ...'
    (("cross-industry,11", "cross industry,11"), "I_GROUP", "I_GROUP must be 'cross-industry', "
     "'cross-industry, ownership', 'sector', '3-digit', '4-digit', '4-digit, ownership', '5-digit' or "
     "'6-digit', got 'cross industry'"),
])
def test_oews_group_of_a_new_release_names_the_file_column(tmp_path, change, column, message):
    path = write_text(tmp_path, "national_M2026_dl.csv", OEWS_HEAD + OEWS_ROWS.replace(*change))
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert str(info.value) == f"{path}, row 3, column {column!r}: {message}"


def test_oews_naics_that_lost_its_leading_zeros_names_the_file_column(tmp_path):
    path = write_text(tmp_path, "national_M2026_dl.csv", OEWS_HEAD + OEWS_ROWS.replace("000000,", "0,"))
    with pytest.raises(DataFormatError) as info:
        oews.read_oews(path)
    assert str(info.value) == (f"{path}, row 2, column 'NAICS': NAICS must be an industry code as BLS "
                               "writes it (000000, 31-33, 311000, 3250A1), got '0' (leading zeros lost? "
                               "write '000000', and import that column as Text when opening the file in a "
                               "spreadsheet)")
    rows = _oews_rows()
    rows[2][0] = 0
    with pytest.raises(DataFormatError, match=r"row 3, column 'NAICS': NAICS must be an industry code"):
        oews.read_oews(write_xlsx(tmp_path, "national_M2026_dl.xlsx", rows))


def test_oews_naics_forms_as_published_still_read(tmp_path):
    rows = OEWS_ROWS.replace("000000,", "31-33,").replace("cross-industry", "sector") + OEWS_ROWS.replace(
        "000000,", "3250A1,").replace("cross-industry", "4-digit")
    frame = oews.read_oews(write_text(tmp_path, "o.csv", OEWS_HEAD + rows))
    assert frame["naics"].tolist() == ["31-33", "31-33", "3250A1", "3250A1"]


def test_oews_lower_case_header_is_named_as_written(tmp_path):
    path = write_text(tmp_path, "oews.csv", OEWS_HEAD.lower() + OEWS_ROWS.replace(",detailed,", ",detail,"))
    with pytest.raises(DataFormatError, match=r"row 3, column 'o_group': o_group must be total, "):
        oews.read_oews(path)


# 2. a Date written otherwise


#: Said (round 72) of a Date a spreadsheet or R rewrote, with the month it stands for.
REWRITTEN = (": a date a spreadsheet or R rewrote? write '08/2023', as O*NET does: take the file from O*NET "
             "again, and import that column as Text if you open it in a spreadsheet")


@pytest.mark.parametrize("date, hint", [("8/2023", REWRITTEN), ("2023-08", REWRITTEN), ("08/01/2023", REWRITTEN),
                                        ("Aug 2023", REWRITTEN), ("13/2023", "")])
def test_onet_date_of_another_format_is_refused_clearly(tmp_path, date, hint):
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(_tasks(tmp_path, TASK_ROW.replace("08/2023", date)))
    assert str(info.value) == (f"{tmp_path / 'Task Statements.txt'}, row 2, column 'Date': Date must be "
                               f"a month written MM/YYYY (like 08/2023), got {date!r}{hint}")


def test_onet_dates_of_other_files_are_checked_too(tmp_path):
    path = write_text(tmp_path, "Task Ratings.txt", RATING_HEAD + RATING_ROW + RATING_ROW.replace(
        "\tIM\tn/a", "\tRT\tn/a").replace("08/2023", "2023-08"))
    with pytest.raises(DataFormatError, match=r"row 3, column 'Date': Date must be a month written MM/YYYY"):
        onet.read_task_ratings(path)


def test_onet_dates_as_written_still_read(tmp_path):
    assert onet.read_tasks(_tasks(tmp_path))["date"].tolist() == ["08/2023"]


# 3. Excel dates in a workbook's Date column


def test_onet_workbook_date_cells_read_as_their_month(tmp_path):
    dated = XLSX_ROW[:6] + [datetime.datetime(2023, 8, 1), "Incumbent"]
    path = write_xlsx(tmp_path, "Task Statements.xlsx", [XLSX_HEAD, dated, XLSX_ROW[:2] + [8824] + XLSX_ROW[3:]])
    tasks = onet.read_tasks(path)
    assert tasks["date"].tolist() == ["08/2023", "08/2023"]


def test_onet_workbook_date_cell_of_another_day_is_refused(tmp_path):
    dated = XLSX_ROW[:2] + [8824] + XLSX_ROW[3:6] + [datetime.datetime(2023, 8, 15), "Incumbent"]
    path = write_xlsx(tmp_path, "Task Statements.xlsx", [XLSX_HEAD, XLSX_ROW, dated])
    with pytest.raises(DataFormatError) as info:
        onet.read_tasks(path)
    assert (info.value.row, info.value.column) == (3, "Date")
    assert "Date must be a month written MM/YYYY (like 08/2023), got '2023-08-15T00:00:00'" in str(info.value)


# 4. ISCO-08 groups whose leading zeros were lost


ISCO_HEAD = "conceptType,code,preferredLabel,description\n"


@pytest.mark.parametrize("code, meant", [("110", "0110"), ("210", "0210"), ("310", "0310")])
def test_isco_group_that_lost_its_leading_zero_is_refused(tmp_path, code, meant):
    path = write_text(tmp_path, "ISCOGroups_en.csv", ISCO_HEAD + "ISCOGroup,0,Armed forces occupations,\n"
                      f"ISCOGroup,{code},Armed forces officers,\nISCOGroup,1,Managers,\n")
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_isco_groups(path)
    assert (info.value.row, info.value.column) == (3, "code")
    assert f"{code!r} is no ISCO-08 group" in str(info.value) and repr(meant) in str(info.value)


def test_isco_groups_as_published_still_read(tmp_path):
    path = write_text(tmp_path, "ISCOGroups_en.csv", ISCO_HEAD + "ISCOGroup,0,Armed forces occupations,\n"
                      "ISCOGroup,01,Commissioned armed forces officers,\nISCOGroup,011,Officers,\n"
                      "ISCOGroup,0110,Officers,\nISCOGroup,1120,Managing directors,\n")
    frame = crosswalks.read_isco_groups(path)
    assert frame["isco08_code"].tolist() == ["0", "01", "011", "0110", "1120"]
    assert frame["level"].tolist() == [1, 2, 3, 4, 4]


# 5. footnotes below an OEWS table


FOOTNOTES = ["Footnotes:", "(1) Estimates for detailed occupations do not sum to the totals because "
             "the totals include occupations not shown separately."]


def _oews_rows():
    import csv
    import io
    return list(csv.reader(io.StringIO(OEWS_HEAD + OEWS_ROWS)))


def test_oews_workbook_footnotes_below_the_table_are_left_out(tmp_path):
    plain = oews.read_oews(write_xlsx(tmp_path, "plain.xlsx", _oews_rows()))
    rows = _oews_rows() + [[]] + [[note] for note in FOOTNOTES]
    frame = oews.read_oews(write_xlsx(tmp_path, "nat3d_M2026_dl.xlsx", rows))
    assert frame.equals(plain)
    rows = _oews_rows() + [[note] for note in FOOTNOTES]
    assert oews.read_oews(write_xlsx(tmp_path, "b.xlsx", rows)).equals(plain)


def test_oews_csv_footnotes_padded_with_commas_are_left_out(tmp_path):
    plain = oews.read_oews(write_text(tmp_path, "plain.csv", OEWS_HEAD + OEWS_ROWS))
    notes = "".join(f'"{note}"' + "," * 12 + "\n" for note in FOOTNOTES)
    frame = oews.read_oews(write_text(tmp_path, "nat3d_M2026_dl.csv", OEWS_HEAD + OEWS_ROWS + notes))
    assert frame.equals(plain)


def test_oews_footnote_followed_by_data_is_still_refused(tmp_path):
    rows = _oews_rows()
    rows = rows[:2] + [["Footnotes:"]] + rows[2:]
    with pytest.raises(DataFormatError, match=r"row 3, column 'NAICS_TITLE': NAICS_TITLE is blank"):
        oews.read_oews(write_xlsx(tmp_path, "o.xlsx", rows))


def test_oews_truncated_last_row_is_not_taken_for_a_footnote(tmp_path):
    rows = _oews_rows() + [["000000"]]
    with pytest.raises(DataFormatError, match=r"row 4, column 'NAICS_TITLE': NAICS_TITLE is blank"):
        oews.read_oews(write_xlsx(tmp_path, "o.xlsx", rows))
    rows = _oews_rows() + [["Footnotes:", "", "", "", "", "", "5"]]
    with pytest.raises(DataFormatError, match=r"row 4, column 'NAICS_TITLE'"):
        oews.read_oews(write_xlsx(tmp_path, "o2.xlsx", rows))
