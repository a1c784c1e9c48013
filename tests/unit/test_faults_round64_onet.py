"""Round 64: the O*NET readers (``exposure.onet``) given other spreadsheets, and hand-made releases.

1. :func:`exposure.onet.check_references` of an :class:`~exposure.onet.OnetRelease` made of
   the caller's own frames, one of which has a key column twice (``pd.concat(axis=1)`` of
   overlapping frames, a ``rename`` of two columns to one name) or columns of two levels
   (``pd.concat(..., keys=...)``, ``read_excel(header=[0, 1])``). Before: ``AttributeError:
   'DataFrame' object has no attribute 'dtype'`` from inside the check for the column given
   twice; ``tasks lacks column(s) ['onetsoc_code', 'task_id'] (columns: [('a',
   'onetsoc_code'), ...])`` for two levels, though the columns are there. Now the schemas'
   own check of a table's columns (``exposure.schemas._base.check_columns``) refuses them,
   naming the table and the column: ``tasks, column 'task_id': column 'task_id' is given 2
   times; a table has one column of each name``; ``tasks: the columns have 2 levels (a
   MultiIndex); Tasks expects one name per column``.
2. An OpenDocument spreadsheet (LibreOffice's own format, ``.ods``) or an Excel binary
   workbook (``.xlsb``) given to an O*NET reader (so ``exposure validate --file``,
   ``exposure rollup --task-ratings`` / ``--tasks``, and the OEWS and crosswalk readers, which
   read through ``exposure.onet._read``). Before: ``file is a zip archive (an .xlsx
   workbook?), not delimited text``; and once the ``.ods`` was renamed ``.xlsx`` as that
   suggests, ``cannot read workbook: "There is no item named '[Content_Types].xml' in the
   archive"``. Now: ``the file is an OpenDocument spreadsheet (LibreOffice's own format),
   which this table is not read from: give it as delimited text (.txt, .csv) or an .xlsx
   workbook ...``; the renamed file is named as an OpenDocument spreadsheet, with how to
   save it as ``.xlsx``.
3. An ``.xlsx`` saved by Excel as "Strict Open XML Spreadsheet" (a Save As choice, the
   default in some organisations), which openpyxl reads as a workbook without sheets.
   Before: ``the workbook has no worksheet (a chart sheet only?): put the table on its first
   worksheet``, though the table is on its first worksheet. Now: ``the workbook is saved as
   'Strict Open XML Spreadsheet', which is not read: save it as 'Excel Workbook (*.xlsx)'``.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from _frames import write_text, write_xlsx
from test_faults_cli import cli, one_error_line
from test_faults_round57_releases import _OCC, _TASKS, _release

from exposure import onet
from exposure.errors import DataFormatError
from exposure.onet import check_references

JZ_ROWS = [["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"], ["11-1011.00", 5, "08/2023", "Analyst"]]
TR_ROWS = [["O*NET-SOC Code", "Task ID", "Scale ID", "Category", "Data Value", "N", "Standard Error",
            "Lower CI Bound", "Upper CI Bound", "Recommend Suppress", "Date", "Domain Source"],
           ["11-1011.00", 8823, "IM", "n/a", 4.5, 60, 0.1, 4.3, 4.7, "N", "08/2023", "Incumbent"]]


# ------------------------------------------------------------ 1. check_references of hand-made releases

# _OCC, _TASKS and _release: round 57's hand-made releases


@pytest.mark.parametrize("tables, message", [
    (dict(tasks=pd.concat([_TASKS, _TASKS[["task_id"]]], axis=1)),
     "tasks, column 'task_id': column 'task_id' is given 2 times; a table has one column of each name"),
    (dict(occupations=pd.concat([_OCC, _OCC], axis=1)),
     "occupations, column 'onetsoc_code': column 'onetsoc_code' is given 2 times; a table has one column "
     "of each name"),
    (dict(task_ratings=pd.DataFrame([["11-1011.00", "11-1011.00", 1]],
                                    columns=["onetsoc_code", "onetsoc_code", "task_id"])),
     "task_ratings, column 'onetsoc_code': column 'onetsoc_code' is given 2 times; a table has one column "
     "of each name"),
    (dict(tasks=pd.concat({"a": _TASKS}, axis=1)),
     "tasks: the columns have 2 levels (a MultiIndex); Tasks expects one name per column"),
], ids=["tasks-key-twice", "parent-key-twice", "ratings-key-twice", "two-levels"])
def test_check_references_refuses_a_key_column_given_twice(tables, message):
    with pytest.raises(DataFormatError) as info:
        check_references(_release(**tables))
    assert str(info.value) == message


def test_check_references_of_good_frames_is_unchanged():
    check_references(_release())
    check_references(_release(tasks=_TASKS.assign(note="x", other="y")))  # columns of its own: kept
    with pytest.raises(DataFormatError, match=r"^tasks, row 0, column 'onetsoc_code': 1 value\(s\) not found"):
        check_references(_release(tasks=_TASKS.assign(onetsoc_code="11-9999.00")))


# ------------------------------------------------------------ 2. OpenDocument and binary workbooks

def _ods(path):
    """A minimal OpenDocument spreadsheet (its ``mimetype`` first and stored, as LibreOffice writes it)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                         'opendocument:xmlns:manifest:1.0"/>')
        archive.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("reader, name", [(onet.read_job_zones, "Job Zones.ods"),
                                          (onet.read_task_ratings, "Task Ratings.ods")])
def test_an_opendocument_spreadsheet_is_named_as_such(tmp_path, reader, name):
    path = _ods(tmp_path / name)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert str(info.value) == (f"{path}: the file is an OpenDocument spreadsheet (LibreOffice's own format), "
                               "which this table is not read from: give it as delimited text (.txt, .csv) or "
                               "an .xlsx workbook, as its publisher does")


def test_an_excel_binary_workbook_is_named_as_such(tmp_path):
    path = tmp_path / "Task Ratings.xlsb"
    with zipfile.ZipFile(path, "w") as archive:  # the parts of an .xlsb: binary, not XML
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    with pytest.raises(DataFormatError, match=r"Task Ratings\.xlsb: the file is an Excel binary workbook "
                                              r"\(\.xlsb\), which this table is not read from: give it as "
                                              r"delimited text \(\.txt, \.csv\) or an \.xlsx workbook"):
        onet.read_task_ratings(path)


def test_an_opendocument_spreadsheet_named_xlsx_is_named_as_such(tmp_path):
    path = _ods(tmp_path / "Job Zones.xlsx")
    with pytest.raises(DataFormatError) as info:
        onet.read_job_zones(path)
    assert str(info.value) == (f"{path}: the file is an OpenDocument spreadsheet (LibreOffice's .ods format) "
                               "named .xlsx, which is not read: save it as an Excel workbook (in LibreOffice: "
                               "File > Save As, 'Excel 2007-365 (.xlsx)')")


def test_exposure_validate_of_an_opendocument_spreadsheet_says_it_in_one_line(tmp_path, capsys):
    path = _ods(tmp_path / "Job Zones.ods")
    code, _, err = cli(capsys, "validate", "--file", "job_zones", path)
    line = one_error_line(err, command="validate")
    assert code == 2 and "Job Zones.ods: the file is an OpenDocument spreadsheet" in line


# ------------------------------------------------------------ 3. Strict Open XML workbooks

#: The namespaces Excel's "Strict Open XML Spreadsheet" writes in place of the transitional ones.
_STRICT = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
           b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
           b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _strict(tmp_path, name, rows):
    """``rows`` in a workbook saved as Strict Open XML: the transitional workbook, its namespaces replaced."""
    plain = write_xlsx(tmp_path, f"plain {name}", rows)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for old, new in _STRICT.items():
                data = data.replace(old, new)
            target.writestr(info, data)
    return path


STRICT_SAID = ("the workbook is saved as 'Strict Open XML Spreadsheet', which is not read: save it as "
               "'Excel Workbook (*.xlsx)'")


@pytest.mark.filterwarnings("ignore:File contains an invalid specification")
@pytest.mark.parametrize("reader, name, rows", [(onet.read_job_zones, "Job Zones.xlsx", JZ_ROWS),
                                                (onet.read_task_ratings, "Task Ratings.xlsx", TR_ROWS)])
def test_a_strict_open_xml_workbook_is_named_as_such(tmp_path, reader, name, rows):
    path = _strict(tmp_path, name, rows)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert str(info.value) == f"{path}: {STRICT_SAID}"


@pytest.mark.filterwarnings("ignore:File contains an invalid specification")
def test_exposure_validate_of_a_strict_open_xml_workbook_says_it_in_one_line(tmp_path, capsys):
    path = _strict(tmp_path, "Job Zones.xlsx", JZ_ROWS)
    code, _, err = cli(capsys, "validate", "--file", "job_zones", path)
    line = one_error_line(err, command="validate")
    assert code == 2 and line.endswith(f"Job Zones.xlsx: {STRICT_SAID}")


def test_workbooks_of_the_usual_format_and_damaged_ones_are_unchanged(tmp_path):
    assert onet.read_job_zones(write_xlsx(tmp_path, "Job Zones.xlsx", JZ_ROWS))["job_zone"].tolist() == [5]
    assert onet.read_task_ratings(write_xlsx(tmp_path, "Task Ratings.xlsx", TR_ROWS))["data_value"].tolist() == [4.5]
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes((tmp_path / "Job Zones.xlsx").read_bytes()[:300])  # a download cut short
    # round 78 (was: "cut.xlsx: cannot read workbook: File is not a zip file")
    with pytest.raises(DataFormatError, match=r"cut\.xlsx: not a complete \.xlsx workbook: "):
        onet.read_job_zones(cut)
    text = write_text(tmp_path, "Job Zones.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
                      "11-1011.00\t5\t08/2023\tAnalyst\r\n")
    assert onet.read_job_zones(text)["job_zone"].tolist() == [5]
