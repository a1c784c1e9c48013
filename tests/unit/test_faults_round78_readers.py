"""Fault round 78 (``readers``): one layout rule for the readers of published files, Excel's ``sep=`` line that disagrees with its file, crosswalk workbooks of several sheets.

Faults found (each test below failed before its fix):

1. The readers of published files (``exposure.onet._read``: O*NET, OEWS, the crosswalks)
   did not run the shared layout check (``exposure._tables._check_layout``); each mended a
   file separated by another character on its own error path, in its own words. An O*NET
   file starting with Excel's ``sep=,`` line above comma-separated rows was told
   ``Job Zones.txt: missing column(s) 'O*NET-SOC Code', ... found: 'sep=,' (the header is
   one column separated by ',', and this table is read tab-separated: ...)``, the line read
   as the header; an OEWS CSV separated by ``;`` ``o.csv, row 1: the header is separated by
   ';', not by commas: it was read as one column, and row 2 (commas in its cells) as 16
   fields; save the file as CSV with commas (BLS's layout)`` (advice that gives the same
   semicolons again in Excel with a ';' list separator), the same file named as a crosswalk
   ``missing column(s) 'soc10', 'isco08' ... (the header is one column separated by ';'
   ...)``, an OEWS file of quoted names separated by tabs ``the header is separated by tabs,
   not by commas: its names are quoted, ...``. Now ``exposure._tables.read_text_table``
   (so every published reader) runs the check first: ``Job Zones.txt, row 1: Excel's
   'sep=,' line (separator ','), which other programs read as data: delete that line; the
   file is read tab-separated, as published: save it tab-separated``; ``o.csv, row 1: the
   header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some
   European settings); the file is read comma-separated, as published: open it in
   LibreOffice (separated by ';') and Save As 'Text CSV' ...``; ``o.csv, row 1: the header
   holds tabs and no ',': the file looks tab-separated; the file is read comma-separated,
   as published: save it as 'CSV UTF-8 (comma delimited)'``, the same words for O*NET,
   OEWS and the crosswalks.
2. A comma-separated file headed by Excel's ``sep=;`` line (a line that disagrees with
   the file) was told, by a published reader, ``Excel's 'sep=;' line (separator ';'),
   which other programs read as data: delete that line; the file is read comma-separated,
   as published: save it as 'CSV UTF-8 (comma delimited)'`` (which it is), and by a reader
   of user tables (``read_frame``, ``exposure score``) ``Excel's 'sep=;' line: the file
   looks semicolon-separated ...`` (it is not). Now ``Excel's 'sep=;' line (separator
   ';'), which other programs read as data: delete that line (it names ';', but the file
   below it is comma-separated, as it is read)``. A semicolon-separated published file
   under a ``sep=;`` line was told ``save it as 'CSV UTF-8 (comma delimited)'`` (the same
   semicolons again, in Excel with a ';' list separator); now ``...; the file is read
   comma-separated, as published: open it in LibreOffice (separated by ';') and Save As
   'Text CSV' ...``, as the same file without the line.
3. ``exposure._tables.holds_row_names``'s docstring held ``"\\t"`` in a non-raw string: the
   documentation showed a tab (``sep = "	"``). Now ``"\\\\t"``, shown ``"\\t"``.
4. ``exposure._load.check_parquet_names`` held its own rule of a name given twice beside
   ``exposure._tables.check_header``'s. Now ``check_header`` takes ``strip`` (compare the
   names without spaces or as written), ``empty`` (a name left empty twice is a repeat)
   and ``written`` (show both spellings), and ``check_parquet_names`` calls it: the same
   messages as before (``dup.parquet, column 'beta': given more than once in the Parquet
   schema (columns 2 and 3, written 'beta' and ' beta'): keep one``).
5. A crosswalk workbook (``2019_to_SOC_Crosswalk.xlsx``, ``SOC_Structure.xlsx``, one sheet
   each as published) with a copy of its sheet placed first (Excel places a copy before the
   sheet copied) was read from the copy without a word, whichever sheet had been edited,
   where an O*NET workbook so made is warned of. Now the same warning: ``x.xlsx: only the
   first sheet, 'Listing (2)', is read; the workbook also has 'Listing', not read (the
   crosswalk's workbook as published has one sheet: a copy of the table? put the table to
   read on the first sheet)``. So for BLS's OEWS workbook (``read_oews``), whose
   ``Field Descriptions`` sheet is not warned of: ``national_M2026_dl.xlsx: only the first
   sheet, 'national_M2026_dl (2)', is read; the workbook also has 'national_M2026_dl', not
   read (BLS's OEWS workbook, its 'Field Descriptions' aside, has one sheet: a copy of the
   table? put the table to read on the first sheet)``.

Tiny made-up files written by the tests, in the real files' layouts.
"""

from __future__ import annotations

import csv
import io
import logging

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import exposure._tables as tables
from exposure import crosswalks, oews, onet
from exposure._load import check_parquet_names
from exposure._tables import check_header, read_frame
from exposure.errors import DataFormatError

JZ_HEAD = ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"]
JZ_ROWS = [["11-1011.00", "5", "08/2023", "Analyst"], ["11-1021.00", "4", "08/2023", "Analyst"]]
OEWS_HEAD = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE",
             "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_MEDIAN", "A_MEDIAN"]
OEWS_ROWS = [["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", "11-1011",
              "Chief Executives", "detailed", "211230", "0.8", "124.47", "258900", "0.4", "99.37",
              "206680"],
             ["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235", "11-2011",
              "Advertising and Promotions Managers", "detailed", "24570", "2.1", "71.40", "148510", "1.0", "64.10",
              "133330"]]
ISCO_HEAD = ["soc10", "isco08"]
ISCO_ROWS = [["11-1011", "1112"], ["11-1021", "1120"]]

SEMICOLON = ("the header holds ';' and no ',': the file looks semicolon-separated (Excel's CSV in some European "
             "settings); the file is read comma-separated, as published: open it in LibreOffice (separated by ';') "
             "and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field delimiter ',' (Excel "
             "writes ';' in its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too)")
TABS = ("the header holds tabs and no ',': the file looks tab-separated; the file is read comma-separated, as "
        "published: save it as 'CSV UTF-8 (comma delimited)'")


def _text(rows, sep=",", quoting=csv.QUOTE_MINIMAL, end="\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, quoting=quoting, lineterminator=end).writerows(rows)
    return out.getvalue()


def _write(path, text: str):
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _refused(read, path) -> str:
    with pytest.raises(DataFormatError) as info:
        read(path)
    return str(info.value)


# 1. one layout rule for every published reader ---------------------------------------------------

def test_1_an_onet_file_under_a_sep_line_is_told_the_line(tmp_path):
    path = _write(tmp_path / "Job Zones.txt", "sep=,\r\n" + _text([JZ_HEAD, *JZ_ROWS]))
    assert _refused(onet.read_job_zones, path) == (
        f"{path}, row 1: Excel's 'sep=,' line (separator ','), which other programs read as data: delete that "
        "line; the file is read tab-separated, as published: save it tab-separated")
    # the advice followed: the line deleted, the file saved tab-separated, it is read
    _write(path, _text([JZ_HEAD, *JZ_ROWS], "\t", csv.QUOTE_NONE))
    assert onet.read_job_zones(path)["job_zone"].tolist() == [5, 4]


@pytest.mark.parametrize("sep, said", [(";", SEMICOLON), ("\t", TABS)])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_NONNUMERIC])
def test_1_oews_and_crosswalks_say_another_separator_in_one_wording(tmp_path, sep, said, quoting):
    rows = [OEWS_HEAD, OEWS_ROWS[0], [c.replace(" and ", ", ") for c in OEWS_ROWS[1]]]  # a title holding a comma
    path = _write(tmp_path / "o.csv", _text(rows, sep, quoting))
    assert _refused(oews.read_oews, path) == f"{path}, row 1: {said}"
    path = _write(tmp_path / "soc10_isco08.csv", _text([ISCO_HEAD, *ISCO_ROWS], sep, quoting))
    assert _refused(crosswalks.read_soc10_isco08, path) == f"{path}, row 1: {said}"


def test_1_an_onet_file_separated_by_commas_is_said_so(tmp_path):
    path = _write(tmp_path / "Job Zones.txt", _text([JZ_HEAD, *JZ_ROWS]))
    assert _refused(onet.read_job_zones, path) == (
        f"{path}, row 1: the header holds ',' and no tab: the file looks comma-separated; the file is read "
        "tab-separated, as published: save it tab-separated")


# 2. a sep= line that disagrees with its file -----------------------------------------------------

DISAGREES = ("Excel's 'sep=;' line (separator ';'), which other programs read as data: delete that line (it names "
             "';', but the file below it is comma-separated, as it is read)")


def test_2_a_sep_line_above_a_comma_file_is_said_to_disagree(tmp_path):
    path = _write(tmp_path / "o.csv", "sep=;\r\n" + _text([OEWS_HEAD, *OEWS_ROWS]))
    assert _refused(oews.read_oews, path) == f"{path}, row 1: {DISAGREES}"
    path = _write(tmp_path / "soc10_isco08.csv", "sep=;\r\n" + _text([ISCO_HEAD, *ISCO_ROWS]))
    assert _refused(crosswalks.read_soc10_isco08, path) == f"{path}, row 1: {DISAGREES}"
    user = _write(tmp_path / "tasks.csv", "sep=;\ntask,title\nWeld.,Welder\n")
    assert _refused(read_frame, user) == f"{user}, row 1: {DISAGREES}"
    # the advice followed: the line deleted, each is read
    _write(user, "task,title\nWeld.,Welder\n")
    assert read_frame(user)["task"].tolist() == ["Weld."]
    _write(path, _text([ISCO_HEAD, *ISCO_ROWS]))
    assert len(crosswalks.read_soc10_isco08(path)) == 2


def test_2_a_sep_line_above_a_semicolon_published_file_gets_the_libreoffice_route(tmp_path):
    path = _write(tmp_path / "o.csv", "sep=;\r\n" + _text([OEWS_HEAD, *OEWS_ROWS], ";"))
    assert _refused(oews.read_oews, path) == (
        f"{path}, row 1: Excel's 'sep=;' line (separator ';'), which other programs read as data: delete that "
        "line; the file is read comma-separated, as published: open it in LibreOffice (separated by ';') and Save "
        "As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field delimiter ',' (Excel writes ';' in "
        "its CSV where the list separator is ';', in 'CSV UTF-8 (comma delimited)' too)")


# 3. no tab in a docstring -------------------------------------------------------------------------

def test_3_docstrings_show_backslash_t_not_a_tab():
    assert "\t" not in tables.holds_row_names.__doc__
    assert 'sep = "\\t"' in tables.holds_row_names.__doc__


# 4. one rule of a name given twice ---------------------------------------------------------------

def test_4_check_parquet_names_is_check_headers_rule(tmp_path):
    path = tmp_path / "dup.parquet"
    for names, strip in ((["soc_code", "beta", " beta"], True), (["soc_code", "", ""], True),
                         (["soc_code", "beta", "beta"], False)):
        pq.write_table(pa.table([["11-1011"], [0.1], [0.2]], names=names), path)
        with pytest.raises(DataFormatError) as parquet:
            check_parquet_names(path, strip=strip)
        with pytest.raises(DataFormatError) as header:
            check_header(names, path, row=None, where="the Parquet schema", strip=strip, empty=True, written=True)
        assert str(parquet.value) == str(header.value)
    assert str(parquet.value) == (f"{path}, column 'beta': given more than once in the Parquet schema (columns 2 "
                                  "and 3): keep one")
    check_header(["a", " a"], path, strip=False)  # as written: two names
    check_header(["", ""], path)  # unnamed columns of a CSV file: no repeat


# 5. a crosswalk workbook of several sheets --------------------------------------------------------

def test_5_a_copy_of_a_crosswalk_sheet_before_it_is_warned_of(tmp_path, caplog):
    head = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]
    copy = [head, ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"]]
    edited = [head, ["11-1011.00", "Chief Executives", "11-1011", "Chief Executives"],
              ["11-1011.03", "Chief Sustainability Officers", "11-1011", "Chief Executives"]]
    book = openpyxl.Workbook()
    book.active.title = "Listing (2)"
    for row in copy:
        book.active.append(row)
    sheet = book.create_sheet("Listing")
    for row in edited:
        sheet.append(row)
    path = tmp_path / "2019_to_SOC_Crosswalk.xlsx"
    book.save(path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        frame = crosswalks.read_onet_to_soc(path)
    assert len(frame) == 1  # the first sheet, as before
    said = [r.getMessage() for r in caplog.records if "only the first sheet" in r.getMessage()]
    assert said == [f"{path}: only the first sheet, 'Listing (2)', is read; the workbook also has 'Listing', not "
                    "read (the crosswalk's workbook as published has one sheet: a copy of the table? put the table "
                    "to read on the first sheet)"]
    caplog.clear()
    del book["Listing (2)"]
    book.save(path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert len(crosswalks.read_onet_to_soc(path)) == 2
    assert not [r for r in caplog.records if "only the first sheet" in r.getMessage()]



def test_5_a_copy_of_an_oews_sheet_before_it_is_warned_of(tmp_path, caplog):
    book = openpyxl.Workbook()
    book.active.title = "national_M2026_dl (2)"
    for row in (OEWS_HEAD, OEWS_ROWS[0]):
        book.active.append(row)
    sheet = book.create_sheet("national_M2026_dl")
    for row in (OEWS_HEAD, *OEWS_ROWS):
        sheet.append(row)
    book.create_sheet("Field Descriptions")["A1"] = "Field"
    path = tmp_path / "national_M2026_dl.xlsx"
    book.save(path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert len(oews.read_oews(path)) == 1  # the first sheet, as before
    said = [r.getMessage() for r in caplog.records if "only the first sheet" in r.getMessage()]
    assert said == [f"{path}: only the first sheet, 'national_M2026_dl (2)', is read; the workbook also has "
                    "'national_M2026_dl', not read (BLS's OEWS workbook, its 'Field Descriptions' aside, has one "
                    "sheet: a copy of the table? put the table to read on the first sheet)"]
    caplog.clear()  # BLS's layout: the table and its field descriptions
    del book["national_M2026_dl (2)"]
    book.save(path)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        assert len(oews.read_oews(path)) == 2
    assert not [r for r in caplog.records if "only the first sheet" in r.getMessage()]
