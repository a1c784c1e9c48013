"""Fault round 62 (tables): the shared table readers (``exposure._tables``) and the O*NET readers.

1. An ``.xlsx`` workbook whose sheet declares a stale used range (its ``<dimension>``,
   left as it was by a program that added rows or columns without updating it: openpyxl
   warns that some applications write it wrongly) was read by
   :func:`exposure._tables.read_xlsx_table` (the O*NET 30.1 readers, the OEWS and
   crosswalk workbooks) only inside that range, in read-only mode: ``A1:E3`` of a
   ``Job Zones.xlsx`` of 5 occupations read 2 of them, without a word; ``A1`` read the
   header as one cell (``missing column(s) 'Job Zone', ...``). :func:`read_frame` (pandas)
   read the same file whole. Now every row and cell the sheet holds is read, as pandas
   reads it.
2. A byte that is not UTF-8 (a Windows-1252 ``é``) in a CSV whose cells are quoted: the
   error counted the commas before it on its line, those inside a quoted cell too, and
   named the column after its own (``row 2, column 'note'`` for a byte of ``title`` after
   ``"Answer phones, relay messages"``); below a quoted cell spanning two lines it named
   the line as the row (``row 4`` for row 3). Now the text before the byte is read as the
   file's reader reads it: ``row 3 (line 4), column 'title'``, in ``exposure score``,
   ``exposure rollup``, :func:`read_frame` and the tab-separated readers that quote
   (:func:`read_text_table` with ``csv.QUOTE_MINIMAL``).
3. The same byte in a file starting with a byte-order mark (Excel's "CSV UTF-8", Windows
   Notepad): the offset was counted from after the mark, so the byte three bytes before
   was named (``byte 0x2c is not valid UTF-8``: a comma, in the column before), without
   the Windows-1252 advice; :func:`read_utf8` (``manifest.json``) gave the offset 3 short.
   Now the byte itself, its offset in the file and its column are named.
4. An O*NET text file made of two files saved with a byte-order mark joined with ``cat``
   (the header repeated, with the mark, inside the table): refused by the first check its
   words failed (``Date must be a month written MM/YYYY (like 08/2023), got 'Date'``)
   where the same file without the marks is named as a repeated header. Now ``the header
   is repeated on row 4 (two files joined into one?)``.
5. A column without a name whose first cells are blank (a space) and a later one holds a
   value: ``column 2 has values but no name in the header (first at row 2)`` named the
   blank cell's row; now the value's (row 4). In an ``.xlsx`` sheet, a row of one value
   and a blank cell was taken for a header below a title (``row 2 looks like it``).
6. An ``.xlsx`` sheet whose first row is empty, the header on row 2 (a margin row, a
   title cleared): ``row 1: column 1 has values but no name in the header (first at row
   2): name it``, although every column has a name, on row 2. Now ``row 1, read as the
   header, is empty: the header must be the first row (row 2 looks like it: remove the
   rows above it)``.

Tiny made-up files in the real formats (O*NET 29.1 text, 30.1 Excel, CSV), written by the tests.
"""

from __future__ import annotations

import csv
import re
import zipfile

import pytest
from _frames import write_xlsx
from test_faults_cli import SCORE, cli, one_error_line

from exposure import onet
from exposure._tables import (
    check_delimited_file,
    read_frame,
    read_table,
    read_text_table,
    read_utf8,
)
from exposure.errors import DataFormatError

_CODES = ["11-1011.00", "11-1021.00", "11-2011.00", "11-2021.00", "11-2022.00"]
_ZONES_HEAD = ["O*NET-SOC Code", "Title", "Job Zone", "Date", "Domain Source"]


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _with_dimension(path, ref: str):
    """``path`` with the used range its first sheet declares set to ``ref`` (a stale ``<dimension>``)."""
    members = {}
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            members[item.filename] = archive.read(item.filename)
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet], count = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % ref.encode(),
                                    members[sheet])
    assert count == 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _zones_xlsx(tmp_path, name="Job Zones.xlsx"):
    rows = [_ZONES_HEAD] + [[code, "Chief", 3 + i % 3, "08/2023", "Analyst"] for i, code in enumerate(_CODES)]
    return write_xlsx(tmp_path, name, rows)


# 1. a stale used range (<dimension>) of a sheet ----------------------------------------

@pytest.mark.parametrize("ref", ["A1:E3", "A1:C6", "A1"])
def test_stale_sheet_dimension_reads_every_row_and_column(tmp_path, ref):
    whole = onet.read_job_zones(_zones_xlsx(tmp_path, "whole.xlsx"))
    stale = onet.read_job_zones(_with_dimension(_zones_xlsx(tmp_path), ref))
    assert stale["onetsoc_code"].tolist() == _CODES
    assert stale.equals(whole)


def test_stale_sheet_dimension_shared_reader_matches_read_frame(tmp_path):
    path = _with_dimension(_zones_xlsx(tmp_path), "A1:B2")
    raw = read_table(path, {"code": "O*NET-SOC Code", "zone": "Job Zone"})
    assert raw.frame["code"].tolist() == _CODES == read_frame(path)["O*NET-SOC Code"].tolist()
    assert raw.frame["zone"].tolist() == ["3", "4", "5", "3", "4"]


# 2. a byte that is not UTF-8 after quoted cells ---------------------------------------

_QUOTED_COMMA = b'task,title,note\n"Answer phones, relay messages",Cl\xe9rk,x\n'
_QUOTED_BREAK = b'task,title,note\n"Answer phones\nrelay messages",Clerk,x\nWeld beams.,Cl\xe9rk,y\n'


@pytest.mark.parametrize("command", ["score", "rollup"])
@pytest.mark.parametrize("data, where", [(_QUOTED_COMMA, "row 2, column 'title'"),
                                         (_QUOTED_BREAK, "row 3 (line 4), column 'title'")])
def test_non_utf8_byte_after_quoted_cells_names_its_row_and_column(tmp_path, capsys, command, data, where):
    src = _write(tmp_path, "t.csv", data)
    extra = SCORE if command == "score" else []
    out = tmp_path / ("o.csv" if command == "score" else "out")
    code, _, err = cli(capsys, command, src, "-o", out, *extra)
    line = one_error_line(err, command=command)
    assert code == 2 and f"t.csv, {where}: byte 0xe9 is not valid UTF-8" in line, line
    assert "Windows-1252" in line


@pytest.mark.parametrize("read", [read_frame, check_delimited_file])
def test_non_utf8_byte_after_quoted_cells_shared_readers(tmp_path, read):
    with pytest.raises(DataFormatError) as err:
        read(_write(tmp_path, "t.csv", _QUOTED_BREAK))
    assert (err.value.row, err.value.line, err.value.column) == (3, 4, "title")


def test_non_utf8_byte_in_quoted_tab_separated_file(tmp_path):
    """A tab-separated file read with quotes (the Eloundou et al. labels): a quoted tab is no field."""
    path = _write(tmp_path, "l.tsv", b'task\tlabel\tnote\n"Plan\tbudgets"\tE\xe91\tx\n')
    with pytest.raises(DataFormatError) as err:
        read_text_table(path, {"task": "task", "label": "label"}, quoting=csv.QUOTE_MINIMAL)
    assert (err.value.row, err.value.column) == (2, "label")


# 3. a byte that is not UTF-8 in a file starting with a byte-order mark -----------------

def test_non_utf8_byte_after_byte_order_mark_is_the_byte_itself(tmp_path, capsys):
    src = _write(tmp_path, "t.csv", b"\xef\xbb\xbftask,title\nWeld beams.,Cl\xe9rk\n")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2, line
    assert "t.csv, row 2, column 'title': byte 0xe9 is not valid UTF-8 (byte offset 28)" in line, line
    assert "0xe9 is 'é' there" in line


def test_non_utf8_byte_after_byte_order_mark_in_onet_file(tmp_path):
    path = _write(tmp_path, "Job Zones.txt", b"\xef\xbb\xbfO*NET-SOC Code\tJob Zone\tDate\tDomain Source\n"
                                             b"11-1011.00\t5\t08/2023\tAnalyst \xe9\n")
    with pytest.raises(DataFormatError) as err:
        onet.read_job_zones(path)
    assert err.value.column == "Domain Source" and "byte 0xe9" in str(err.value), str(err.value)
    assert "(byte offset 75)" in str(err.value)


def test_read_utf8_offset_counts_the_byte_order_mark(tmp_path):
    path = _write(tmp_path, "manifest.json", b'\xef\xbb\xbf{"a": "\xe9"}')
    with pytest.raises(DataFormatError, match=r"byte 0xe9 is not valid UTF-8 \(byte offset 10\)"):
        read_utf8(path)


# 4. O*NET files joined, each saved with a byte-order mark -----------------------------

def test_onet_header_repeated_with_byte_order_mark(tmp_path):
    head = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
    part = head + "11-1011.00\t5\t08/2023\tAnalyst\r\n11-1021.00\t4\t08/2023\tAnalyst\r\n"
    path = _write(tmp_path, "Job Zones.txt", ("\ufeff" + part + "\ufeff" + part).encode())
    with pytest.raises(DataFormatError) as err:
        onet.read_job_zones(path)
    assert "the header is repeated on row 4 (two files joined into one?)" in str(err.value), str(err.value)
    assert err.value.row == 4


# 5. a column without a name: the row of its first value -------------------------------

@pytest.mark.parametrize("name, data", [
    ("t.csv", b"task,\nWeld, \nSew,\nCut,x\n"),
    ("t.tsv", b"task\t\nWeld\t \nSew\t\nCut\tx\n"),
])
def test_unnamed_column_names_the_row_of_its_first_value(tmp_path, name, data):
    with pytest.raises(DataFormatError, match=r"column 2 has values but no name in the header \(first at row 4\)"):
        read_frame(_write(tmp_path, name, data))


def test_unnamed_column_xlsx_blank_cell_is_no_header_guess(tmp_path, capsys):
    src = write_xlsx(tmp_path, "t.xlsx", [["task", None], ["Weld beams.", " "], ["Sew seams.", None],
                                          ["Cut pipe.", "x"]])
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and "(first at row 4)" in line and "row 2 looks like it" not in line, line


# 6. an .xlsx sheet whose first row is empty ------------------------------------------

@pytest.mark.parametrize("rows", [
    [[], ["task", "onetsoc_code"], ["Weld steel beams.", "47-2221.00"]],
    [[], ["task"], ["Weld steel beams."]],
])
def test_xlsx_empty_first_row_is_named(tmp_path, capsys, rows):
    src = write_xlsx(tmp_path, "t.xlsx", rows)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2, line
    assert ("t.xlsx, row 1: column 1 has values but no name in the header (first at row 2): row 1, read as "
            "the header, is empty: the header must be the first row (row 2 looks like it: remove the rows "
            "above it)") in line, line
    assert not (tmp_path / "o.csv").exists()
