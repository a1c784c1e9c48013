"""Fault round 81 (tables): the column spelt otherwise said by the shared reader; spreadsheet habits.

Faults found and fixed:

1. The advice for a header holding a column read spelt otherwise (round 80: ``ONET-SOC
   Code`` for ``O*NET-SOC Code``, ``onetsoc_code``, ``TOT-EMP`` for ``TOT_EMP``) was given
   by ``exposure.onet._read`` only, which parsed it back out of the shared reader's
   message. The readers of tables not built on it, the published measures' labels
   (``exposure.measures.eloundou.read_task_labels`` / ``read_occ_level``) and
   ``exposure._tables.read_table`` itself, said ``full_labelset_train.tsv: missing
   column(s) 'O*NET-SOC Code' in the header (line 1); found: 'ONET-SOC Code', 'Task ID',
   ...`` alone; an O*NET workbook of two sheets, whose message names the sheets, did not
   say it either (``...; found: 'ONET-SOC Code', 'Title', 'Job Zone', 'Date', 'Domain
   Source'; only the first sheet, 'Job Zones', is read ...``). It is now said by
   ``exposure._tables._match_columns`` (text or workbook), computed from the header, in
   the same words: ``...; found: 'ONET-SOC Code', ...: the header's 'ONET-SOC Code' is
   'O*NET-SOC Code' spelt otherwise (renamed by a program, or by a newer release?): name
   the column 'O*NET-SOC Code'`` (before the sheets' note in a workbook), once.
2. A tab-separated file (an O*NET file) whose tabs became runs of spaces (an editor
   replacing tabs, a table copied from a web page) was refused as ``Task Statements.txt:
   missing column(s) 'O*NET-SOC Code', 'Task ID', ... in the header (line 1); found:
   'O*NET-SOC Code    Task ID    Task    ...'``, the header listed as one name without a
   word. The message now ends ``(the header is one column whose names are separated by
   runs of spaces, and this table is read tab-separated: tabs replaced by spaces, by an
   editor or a copy from a web page? take the file as published again, or save it
   tab-separated)``.
3. A number whose thousands are separated by apostrophes, as a spreadsheet in Swiss
   settings writes it (``2'234``, ``1’234.5``), was refused without advice: ``oews.csv,
   row 2, column 'TOT_EMP': TOT_EMP must be a number or a BLS special value (** * # ~),
   got "2'234"``. It is told the number to write, as a space or a point separating
   thousands is (``exposure._tables.number_hint``, wherever it speaks): ``...got "2'234":
   an apostrophe does not separate thousands here: write '2234'``.
4. Two files joined end to end (``cat a.csv b.csv``, Windows' ``copy a+b``) when the
   first does not end with a line break, as BLS's ``national_M2021_dl.csv`` and the Census
   crosswalk ``onet_to_census_occ2018.csv`` do not, hold the second's header on the first's
   last line: that row was refused with advice about itself, ``oews.csv, row 3: too many
   fields: expected 18, got 35 (an unquoted comma inside a field?)`` (``Job Zones.txt,
   row 2: too many fields: expected 4, got 7``). Every reader of delimited text
   (``exposure._tables.check_field_counts``: O*NET, OEWS, the crosswalks, user tables) now
   says ``oews.csv, row 3, column 'HOURLY': too many fields: expected 18, got 35: the
   header follows the row's last cell on the same line (two files joined into one, the
   first not ending with a line break?): delete the line's text from 'AREA' on, the header
   repeated``.
5. An optional column the header holds spelt otherwise (``H-PCT10`` of an OEWS table,
   whose required columns were mended after the error of fault 1) was left out without a
   word: the percentile was read as absent (NaN on every row). It is now warned of:
   ``oews.csv: the header's 'H-PCT10' is 'H_PCT10' spelt otherwise (renamed by a program,
   or by a newer release?): not read; name the column 'H_PCT10' to read it``; and the
   missing-column error of a file with required columns spelt otherwise names the optional
   ones too (``the header's 'TOT-EMP', 'H-PCT10' are 'TOT_EMP', 'H_PCT10' spelt otherwise
   (...): name the columns so``; it named ``'TOT-EMP'`` alone, and the file mended so was
   read without its percentile). An industry column spelt otherwise (``I-GROUP``) is not
   warned of as well as refused (``exposure.oews._cross_industry`` holds the warnings of
   its second read): the error alone says it.
"""

from __future__ import annotations

import logging

import openpyxl
import pytest

from exposure._tables import number_hint, read_frame, read_table
from exposure.crosswalks import read_census_crosswalk
from exposure.errors import DataFormatError
from exposure.measures.eloundou import read_occ_level, read_task_labels
from exposure.oews import read_oews
from exposure.onet import read_job_zones, read_tasks

_SPELT = "spelt otherwise (renamed by a program, or by a newer release?)"

# ------------------------------------------------------------ 1. a column spelt otherwise, said by the shared reader

_LABELS = ("\tONET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
           "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n"
           "0\t11-1011.00\t8823\tDirect the budget.\tCore\tChief Executives\tE0\tE1\tE1\tFalse\tT1\n")


def test_the_labels_name_a_code_column_spelt_otherwise(tmp_path):
    path = tmp_path / "full_labelset_train.tsv"
    path.write_text(_LABELS, encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_task_labels(path)
    assert str(info.value) == (
        f"{path}: missing column(s) 'O*NET-SOC Code' in the header (line 1); found: 'ONET-SOC Code', 'Task ID', "
        "'Task', 'Task Type', 'Title', 'human_exposure_agg', 'gpt4_exposure', 'gpt4_exposure_alt_rubric', "
        "'gpt_3_relevant', 'gpt4_automation': the header's 'ONET-SOC Code' is 'O*NET-SOC Code' "
        f"{_SPELT}: name the column 'O*NET-SOC Code'")


def test_the_occupation_file_names_a_measure_spelt_otherwise(tmp_path):
    path = tmp_path / "occ_level_train.csv"
    path.write_text("O*NET-SOC Code,Title,dv-rating-alpha,dv_rating_beta,dv_rating_gamma,human_rating_alpha,"
                    "human_rating_beta,human_rating_gamma\n11-1011.00,Chief Executives,0.1,0.2,0.3,0.1,0.2,0.3\n",
                    encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_occ_level(path)
    assert info.value.reason.startswith("missing column(s) 'dv_rating_alpha' in the header (line 1); found: ")
    assert info.value.reason.endswith(f": the header's 'dv-rating-alpha' is 'dv_rating_alpha' {_SPELT}: name the "
                                      "column 'dv_rating_alpha'")


def test_the_shared_reader_says_it_itself(tmp_path):
    path = tmp_path / "codes.txt"
    path.write_text("SOC code\tTOT-EMP\n11-1011\t5\n", encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_table(path, {"soc": "SOC Code", "emp": "TOT_EMP"})
    assert str(info.value) == (f"{path}: missing column(s) 'TOT_EMP' in the header (line 1); found: 'SOC code', "
                               f"'TOT-EMP': the header's 'TOT-EMP' is 'TOT_EMP' {_SPELT}: name the column 'TOT_EMP'")


def test_a_workbook_of_two_sheets_says_it_once_before_the_sheets(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Job Zones"
    wb.active.append(["ONET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"])
    wb.active.append(["11-1011.00", "Chief Executives", 5, "08/2023", "Analyst"])
    wb.create_sheet("Notes")
    path = tmp_path / "Job Zones.xlsx"
    wb.save(path)
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == (
        f"{path}: missing column(s) 'O*NET-SOC Code' in the header (first 2 rows; row 1 holds the most of them); "
        "found: 'ONET-SOC Code', 'Title', 'Job Zone', 'Date', 'Domain Source': the header's 'ONET-SOC Code' is "
        f"'O*NET-SOC Code' {_SPELT}: name the column 'O*NET-SOC Code'; only the first sheet, 'Job Zones', is read "
        "and the workbook also has 'Notes': move the table to the first sheet")
    assert str(info.value).count("spelt otherwise") == 1


# ------------------------------------------------------------ 2. tabs become spaces


def test_a_header_whose_tabs_became_spaces_is_said_so(tmp_path):
    path = tmp_path / "Task Statements.txt"
    lines = ["O*NET-SOC Code    Task ID    Task    Task Type    Incumbents Responding    Date    Domain Source",
             "11-1011.00    8823    Direct the budget.    Core    87    08/2023    Incumbent"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    with pytest.raises(DataFormatError) as info:
        read_tasks(path)
    assert info.value.reason.endswith(
        "found: 'O*NET-SOC Code    Task ID    Task    Task Type    Incumbents Responding    Date    Domain Source' "
        "(the header is one column whose names are separated by runs of spaces, and this table is read "
        "tab-separated: tabs replaced by spaces, by an editor or a copy from a web page? take the file as "
        "published again, or save it tab-separated)")


# ------------------------------------------------------------ 3. thousands separated by apostrophes

_OEWS = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
         "H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY\n"
         "99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,2'234,0.1,30.0,62400,0.1,"
         "25.0,52000,,\n"
         "99,U.S.,1,000000,Cross-industry,cross-industry,11-1011,Chief Executives,detailed,1234,1.2,100.0,208000,"
         "0.5,90.0,187200,,\n")


def test_an_oews_count_with_swiss_thousands_is_told_the_number(tmp_path):
    path = tmp_path / "oews.csv"
    path.write_text(_OEWS, encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 2, column 'TOT_EMP': TOT_EMP must be a number or a BLS special value "
                               "(** * # ~), got \"2'234\": an apostrophe does not separate thousands here: write '2234'")


@pytest.mark.parametrize(("cell", "written"), [("1'234'567.5", "1234567.5"), ("52\u2019021", "52021")])
def test_apostrophes_are_read_as_thousands_in_the_advice(cell, written):
    assert number_hint(cell) == f": an apostrophe does not separate thousands here: write {written!r}"


def test_an_apostrophe_that_separates_no_thousands_gets_no_advice():
    assert number_hint("12'34") == ""
    assert number_hint("0'500", share=True) == ""


# ------------------------------------------------------------ 4. two files joined, the first without a final line break

_JOINED = ("the header follows the row's last cell on the same line (two files joined into one, the first not "
           "ending with a line break?): delete the line's text from {!r} on, the header repeated")


def test_two_oews_files_joined_name_the_header_on_the_row(tmp_path):
    header, rows = _OEWS.replace("2'234", "2234").splitlines()[0], _OEWS.replace("2'234", "2234").splitlines()[1:]
    path = tmp_path / "oews.csv"
    path.write_bytes(f"{header}\r\n{rows[0]}\r\n{rows[1]}{header}\r\n{rows[1].replace('000000', '311000')}\r\n".encode())
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert str(info.value) == (f"{path}, row 3, column 'HOURLY': too many fields: expected 18, got 35: "
                               + _JOINED.format("AREA"))


def test_two_onet_files_joined_name_the_header_on_the_row(tmp_path):
    half = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n11-1011.00\t5\t08/2023\tAnalyst"
    path = tmp_path / "Job Zones.txt"
    path.write_bytes((half + half + "\r\n").encode())
    with pytest.raises(DataFormatError) as info:
        read_job_zones(path)
    assert str(info.value) == (f"{path}, row 2, column 'Domain Source': too many fields: expected 4, got 7: "
                               + _JOINED.format("O*NET-SOC Code"))


def test_a_crosswalk_joined_to_a_copy_saved_with_a_bom_says_so_too(tmp_path):
    half = "Job Zone,Occupation,Data-level,Code,cps_code\r\n5,Chief Executives,Y,11-1011.00,0010"
    path = tmp_path / "onet_to_census_occ2018.csv"
    path.write_bytes(("\ufeff" + half + "\ufeff" + half.replace("0010", "0020") + "\r\n").encode())
    with pytest.raises(DataFormatError) as info:
        read_census_crosswalk(path)
    assert str(info.value) == (f"{path}, row 2, column 'cps_code': too many fields: expected 5, got 9: "
                               + _JOINED.format("Job Zone"))


def test_a_user_table_joined_so_says_so_too(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_bytes(b"task,title\r\nWeld.,Welder" + b"task,title\r\nCut.,Cutter\r\n")
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert str(info.value) == f"{path}, row 2, column 'title': too many fields: expected 2, got 3: " + _JOINED.format(
        "task")


def test_a_row_of_a_field_too_many_is_told_as_before(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_bytes(b"task,title\r\nWeld, then grind.,Welder\r\n")
    with pytest.raises(DataFormatError) as info:
        read_frame(path)
    assert "two files joined" not in str(info.value)


# ------------------------------------------------------------ 5. an optional column spelt otherwise

_OEWS_PCT = ("AREA,AREA_TITLE,AREA_TYPE,NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,"
             "H_MEAN,A_MEAN,MEAN_PRSE,H-PCT10,H_MEDIAN,A_MEDIAN,ANNUAL,HOURLY\n"
             "99,U.S.,1,000000,Cross-industry,cross-industry,00-0000,All Occupations,total,1000,0.1,30.0,62400,0.1,"
             "12.0,25.0,52000,,\n")


def test_an_optional_column_spelt_otherwise_is_warned_of(tmp_path, caplog):
    path = tmp_path / "oews.csv"
    path.write_text(_OEWS_PCT, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        frame = read_oews(path)
    assert frame["h_median"].tolist() == [25.0]  # read as before, the column left out
    assert f"{path}: the header's 'H-PCT10' is 'H_PCT10' {_SPELT}: not read; name the column 'H_PCT10' to read it" in [
        r.getMessage() for r in caplog.records]


def test_the_missing_column_error_names_the_optional_ones_too(tmp_path):
    path = tmp_path / "oews.csv"
    path.write_text(_OEWS_PCT.replace("TOT_EMP", "TOT-EMP"), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert info.value.reason.endswith(f": the header's 'TOT-EMP', 'H-PCT10' are 'TOT_EMP', 'H_PCT10' {_SPELT}: "
                                      "name the columns so")


def test_an_industry_column_spelt_otherwise_is_said_once(tmp_path, caplog):
    path = tmp_path / "oews.csv"
    path.write_text(_OEWS_PCT.replace("H-PCT10", "H_PCT10").replace("I_GROUP", "I-GROUP"), encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(DataFormatError) as info:
        read_oews(path)
    assert info.value.reason.endswith(f": the header's 'I-GROUP' is 'I_GROUP' {_SPELT}: name the column 'I_GROUP'")
    assert not [r for r in caplog.records if "spelt otherwise" in r.getMessage()]
