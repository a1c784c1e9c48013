"""Round 69: the shared table readers (``exposure._tables``): advice that works for the reader given it.

1. An O*NET text file (read tab-separated whatever its name) saved in Windows-1252 (Excel's
   "Text (Tab delimited)"), or as UTF-16 (Excel's "Unicode Text", with or without a
   byte-order mark) or UTF-32. Before: ``... byte 0xe9 is not valid UTF-8 (byte offset 62):
   the file looks like Windows-1252/Latin-1 text (0xe9 is 'é' there); save it as UTF-8 ('CSV
   UTF-8')`` (``file is UTF-16 text (Excel's 'Unicode Text'): save it as UTF-8 ('CSV
   UTF-8')``); Excel's "CSV UTF-8" is comma-separated, and the file saved so was refused
   (``missing column(s) ... and this table is read tab-separated``; since round 78 at its
   header: ``row 1: the header holds ',' and no tab: the file looks comma-separated; the file
   is read tab-separated, as published: save it tab-separated``). Now: ``...; give the
   table as an .xlsx workbook, or save it as UTF-8 tab-separated text (Excel saves none: in
   LibreOffice, Save As 'Text CSV' with the character set 'Unicode (UTF-8)' and the field
   delimiter {Tab})``; both are read. The Eloundou et al. label file, tab-separated text
   only, is told the second (a workbook is not read there). The readers of CSV and of user
   tables (which read a ``.csv`` comma-separated) still say ``'CSV UTF-8'``, which works there.
2. An old binary ``.xls`` workbook given to an O*NET reader (named ``.xls``, or renamed
   ``.xlsx``). Before: ``file is an old binary Excel .xls workbook (or another OLE file):
   save it as .xlsx or CSV`` (a CSV file is read tab-separated there, and refused). Now:
   ``... save it as .xlsx``; the workbook saved so is read.
3. A comma-separated ``.csv`` (Excel's "CSV UTF-8") given to an O*NET reader, a cell of it
   holding a tab (quoted). Before: ``row 2: too many fields: expected 1, got 2 (a tab inside
   a quoted field? quotes are text in a tab-separated file: save it as .csv)``: it is a .csv.
   Now the header is named, as for the same file without the tab: ``missing column(s)
   'O*NET-SOC Code', ... (the header is one column separated by ',', and this table is read
   tab-separated: ...)``; since round 78, before the rows are read, in the words of every
   published file: ``row 1: the header holds ',' and no tab: the file looks comma-separated;
   the file is read tab-separated, as published: save it tab-separated``. A quoted tab in a
   tab-separated file read by ``read_table`` (which reads a ``.csv`` file tab-separated too)
   no longer says to save it as ``.csv``: ``... (a tab inside a quoted field? quotes are
   text in this tab-separated file, in a .csv file too: remove the tab from the cell, or give
   the table as an .xlsx workbook)``; the workbook is read.
4. ``exposure score`` of a ``.tsv`` (checked record by record, ``check_delimited_file``)
   whose first row has a quoted cell holding a tab, or a title line above the header. Before:
   ``row 2: too many fields: expected 2, got 3 (a title line above the header, row 1 being
   read as the header (2 fields)? Or an unquoted comma inside a field?)``: a comma separates
   nothing in a tab-separated file, and the quoted tab was not named. Now the quoted tab is
   named as when the file is read whole (``... save it as .csv``: the ``.csv`` saved so is
   scored), and a title line is asked about without the comma.
5. An empty path (``""``) given to a reader: ``exposure.onet.read_job_zones("")`` said ``.: is
   a directory, not a file``, ``read_frame("")`` ``.: unsupported input file type
   '(none)'``; a path holding a NUL character was ``file not found``. Now: ``the file path is
   empty: give a file path (an empty path would be read as the current directory)``, ``the
   file path 'a\\x00b.txt' holds a NUL character (\\0): ...``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pytest
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line

from exposure import onet
from exposure._tables import check_delimited_file, read_frame, read_table, read_text_table
from exposure.errors import DataFormatError
from exposure.measures import eloundou

JZ_HEAD = ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"]
JZ_ROWS = [["11-1011.00", "5", "08/2023", "Analyst"], ["11-1021.00", "4", "08/2023", "Analyst"]]
OCC_HEAD = ["O*NET-SOC Code", "Title", "Description"]
OCC_ROWS = [["11-1011.00", "Chief Executives", "Détermine et formule les politiques."]]
TAB_ADVICE = ("save it as UTF-8 tab-separated text (Excel saves none: in LibreOffice, Save As 'Text "
              "CSV' with the character set 'Unicode (UTF-8)' and the field delimiter {Tab})")
#: What an O*NET reader (which reads workbooks too) says of a file in another encoding.
ONET_ADVICE = f"give the table as an .xlsx workbook, or {TAB_ADVICE}"


def _lines(head, rows, sep="\t") -> str:
    return "".join(sep.join(r) + "\n" for r in [head, *rows])


# ------------------------------------------------------------------ 1. encodings of tab-separated text

def test_a_windows_1252_onet_file_is_told_what_its_reader_reads(tmp_path):
    path = tmp_path / "Occupation Data.txt"
    path.write_bytes(_lines(OCC_HEAD, OCC_ROWS).encode("cp1252"))
    with pytest.raises(DataFormatError) as info:
        onet.read_occupations(path)
    assert str(info.value) == (
        f"{path}, row 2, column 'Description': byte 0xe9 is not valid UTF-8 (byte offset 62): the file "
        f"looks like Windows-1252/Latin-1 text (0xe9 is 'é' there); {ONET_ADVICE}")
    # the advice followed, both ways: UTF-8 tab-separated text, and the workbook
    path.write_bytes(_lines(OCC_HEAD, OCC_ROWS).encode("utf-8"))
    assert onet.read_occupations(path)["description"].tolist() == [OCC_ROWS[0][2]]
    book = write_xlsx(tmp_path, "Occupation Data.xlsx", [OCC_HEAD, *OCC_ROWS])
    assert onet.read_occupations(book)["description"].tolist() == [OCC_ROWS[0][2]]
    # what was said before, followed: Excel's "CSV UTF-8" is refused by this reader
    csv_utf8 = tmp_path / "Occupation Data.csv"
    csv_utf8.write_bytes(b"\xef\xbb\xbf" + _lines(OCC_HEAD, OCC_ROWS, ",").encode("utf-8"))
    with pytest.raises(DataFormatError) as info:
        onet.read_occupations(csv_utf8)
    assert str(info.value) == (f"{csv_utf8}, row 1: the header holds ',' and no tab: the file looks comma-separated; "
                               "the file is read tab-separated, as published: save it tab-separated")
    # the readers of user tables (a .csv read comma-separated) still say 'CSV UTF-8', which they read
    rows = [["task", "title"], ["Prépare.", "Cook"]]
    for name, sep in (("t.tsv", "\t"), ("t.csv", ",")):
        user = tmp_path / name
        user.write_bytes(_lines(rows[0], rows[1:], sep).encode("cp1252"))
        for read in (read_frame, check_delimited_file):
            with pytest.raises(DataFormatError, match=r"save it as UTF-8 \('CSV UTF-8'\)$"):
                read(user)
    saved = tmp_path / "saved.csv"
    saved.write_bytes(b"\xef\xbb\xbf" + _lines(rows[0], rows[1:], ",").encode("utf-8"))
    assert read_frame(saved)["task"].tolist() == ["Prépare."]


@pytest.mark.parametrize("encoding, what", [
    ("utf-16", "file is UTF-16 text (Excel's 'Unicode Text')"),
    ("utf-16-le", "file looks like UTF-16 text without a byte-order mark"),
    ("utf-32", "file is UTF-32 text"),
])
def test_a_utf16_onet_file_is_told_what_its_reader_reads(tmp_path, encoding, what):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes(_lines(JZ_HEAD, JZ_ROWS).encode(encoding))
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == f"{path}: {what}: {ONET_ADVICE}"
    path.write_bytes(_lines(JZ_HEAD, JZ_ROWS).encode("utf-8"))
    assert onet.read_job_zones(path)["job_zone"].tolist() == [5, 4]


def test_the_cli_says_it_of_an_onet_file(tmp_path, capsys):
    path = tmp_path / "Job Zones.txt"
    path.write_bytes(_lines(JZ_HEAD, JZ_ROWS).encode("utf-16"))
    code, _, err = cli(capsys, "validate", "--file", "job_zones", path)
    assert code == 2
    line = one_error_line(err, command="validate")
    assert line.endswith(f"{path}: file is UTF-16 text (Excel's 'Unicode Text'): {ONET_ADVICE}")


LABEL_HEAD = ["", "O*NET-SOC Code", "Task ID", "Task", "Task Type", "Title", "human_exposure_agg",
              "gpt4_exposure", "gpt4_exposure_alt_rubric", "gpt_3_relevant", "gpt4_automation"]
LABEL_ROW = ["0", "11-1011.00", "8823.0", "Direct budgets.", "Core", "Chief Exécutives", "E2", "E1", "E1",
             "False", "T2"]


def test_the_label_file_is_told_to_save_utf8_tab_separated_text(tmp_path):
    path = tmp_path / "full_labelset.tsv"
    path.write_bytes(_lines(LABEL_HEAD, [LABEL_ROW]).encode("cp1252"))
    with pytest.raises(DataFormatError) as info:
        eloundou.read_task_labels(path)
    # the labels are read from tab-separated text only: no workbook offered
    assert str(info.value).endswith(f"(0xe9 is 'é' there); {TAB_ADVICE}")
    path.write_bytes(_lines(LABEL_HEAD, [LABEL_ROW]).encode("utf-8"))
    assert eloundou.read_task_labels(path)["title"].tolist() == ["Chief Exécutives"]


# ------------------------------------------------------------------ 2. an old .xls workbook

#: The first bytes of an OLE compound file (an Excel 97-2003 .xls workbook), and padding.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize("name", ["Job Zones.xls", "Job Zones.xlsx", "Job Zones.txt"])
def test_an_xls_workbook_given_to_an_onet_reader_is_told_to_be_xlsx(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(OLE)
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == f"{path}: file is an old binary Excel .xls workbook (or another OLE file): save it as .xlsx"
    book = write_xlsx(tmp_path, "saved.xlsx", [JZ_HEAD, *JZ_ROWS])
    assert onet.read_job_zones(book)["job_zone"].tolist() == [5, 4]


def test_an_xls_workbook_given_to_the_label_reader_is_told_to_be_text(tmp_path):
    path = tmp_path / "full_labelset.tsv"
    path.write_bytes(OLE)
    with pytest.raises(DataFormatError) as info:
        read_text_table(path, {"code": "O*NET-SOC Code"})
    assert str(info.value).endswith(f"(or another OLE file): {TAB_ADVICE}")


# ------------------------------------------------------------------ 3. a quoted tab, read tab-separated

def test_a_comma_separated_csv_with_a_tab_in_a_cell_is_named_by_its_header(tmp_path):
    rows = [["11-1011.00", "5", "08/2023", '"Ana\tlyst"'], JZ_ROWS[1]]
    path = write_text(tmp_path, "Job Zones.csv", _lines(JZ_HEAD, rows, ","))
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    # round 78: at the header, before the rows (was: "missing column(s) 'O*NET-SOC Code', 'Job Zone', 'Date',
    # 'Domain Source' in the header (line 1); found: 'O*NET-SOC Code,Job Zone,Date,Domain Source' (the header is
    # one column separated by ',', and this table is read tab-separated: check that it is the right file, or save
    # it tab-separated)")
    assert str(info.value) == (
        f"{path}, row 1: the header holds ',' and no tab: the file looks comma-separated; the file is read "
        "tab-separated, as published: save it tab-separated")
    assert "save it as .csv" not in str(info.value)
    # saved tab-separated, as told (the tab left out of the cell): read
    path = write_text(tmp_path, "Job Zones.txt", _lines(JZ_HEAD, JZ_ROWS))
    assert onet.read_job_zones(path)["domain_source"].tolist() == ["Analyst", "Analyst"]


def test_a_quoted_tab_read_by_read_table_is_not_told_to_be_csv(tmp_path):
    path = write_text(tmp_path, "t.txt", 'Code\tNote\n11-1011.00\t"Plan\tdo."\n')
    with pytest.raises(DataFormatError) as info:
        read_table(path, {"code": "Code", "note": "Note"})
    assert str(info.value) == (
        f"{path}, row 2: too many fields: expected 2, got 3 (a tab inside a quoted field? quotes are "
        "text in this tab-separated file, in a .csv file too: remove the tab from the cell, or give "
        "the table as an .xlsx workbook)")
    # what was said before, followed: a .csv is read tab-separated here too, and refused
    saved = write_text(tmp_path, "t.csv", 'Code,Note\n11-1011.00,"Plan\tdo."\n')
    with pytest.raises(DataFormatError):
        read_table(saved, {"code": "Code", "note": "Note"})
    # the advice followed: the workbook keeps the tab in its cell
    book = write_xlsx(tmp_path, "t.xlsx", [["Code", "Note"], ["11-1011.00", "Plan\tdo."]])
    assert read_table(book, {"code": "Code", "note": "Note"}).frame["note"].tolist() == ["Plan\tdo."]


# ------------------------------------------------------------------ 4. exposure score of a .tsv, record by record

def test_a_quoted_tab_in_the_first_row_of_a_tsv_is_named_when_scored(tmp_path, capsys):
    src = write_text(tmp_path, "q.tsv", 'task\ttitle\n"Weld\tcut."\tWelder\nSew.\tTailor\n')
    out = tmp_path / "o.csv"
    code, _, err = cli(capsys, "score", src, "-o", out)
    assert code == 2
    line = one_error_line(err, command="score")
    assert line.endswith(f"{src}, row 2: too many fields: expected 2, got 3 (a tab inside a quoted "
                         "field? quotes are text in a tab-separated file: save it as .csv)")
    assert not out.exists()
    # the same words as the file read whole
    with pytest.raises(DataFormatError) as info:
        read_frame(src)
    assert line.endswith(str(info.value))
    # the advice followed: the .csv is scored, the tab kept in its cell
    saved = write_text(tmp_path, "q.csv", 'task,title\n"Weld\tcut.",Welder\nSew.,Tailor\n')
    code, _, err = cli(capsys, "score", saved, "-o", out)
    assert code == 0, err
    assert read_frame(out)["task"].tolist() == ["Weld\tcut.", "Sew."]


def test_a_title_line_above_a_tsv_header_is_not_said_to_be_a_comma(tmp_path):
    src = write_text(tmp_path, "t.tsv", "Tasks of 2024\ntask\ttitle\nWeld.\tWelder\n")
    with pytest.raises(DataFormatError) as info:
        check_delimited_file(src)
    assert str(info.value) == (f"{src}, row 2: too many fields: expected 1, got 2 (a title line above "
                               "the header, row 1 being read as the header (1 field)?)")
    # a .csv still names both causes
    src = write_text(tmp_path, "t.csv", "Tasks of 2024\ntask,title\nWeld.,Welder\n")
    with pytest.raises(DataFormatError, match=r"Or an unquoted comma inside a field\?\)$"):
        check_delimited_file(src)


# ------------------------------------------------------------------ 5. an empty path

EMPTY = "the file path is empty: give a file path (an empty path would be read as the current directory)"


@pytest.mark.parametrize("read", [onet.read_job_zones, read_frame, check_delimited_file,
                                  lambda p: read_table(p, {"code": "Code"})])
def test_an_empty_path_is_named_as_such(read):
    with pytest.raises(DataFormatError) as info:
        read("")
    assert str(info.value) == EMPTY


def test_a_path_holding_a_nul_is_named_as_such():
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones("Job\0Zones.txt")
    assert str(info.value) == ("the file path 'Job\\x00Zones.txt' holds a NUL character (\\0): it cannot "
                               "name a file path")

