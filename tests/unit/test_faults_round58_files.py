"""Fault round 58 (files): ``exposure score`` of workbooks, and the command line's common options.

Faults found (each test below failed before its fix):

1. An ``.xlsx`` task list whose occupation code and title are merged down over the tasks
   of each occupation (a merged cell holds its value in its first cell only) was scored
   with the code and title on the first task of each occupation only: the other rows were
   read with both cells empty and scored from their text alone (other scores, no
   occupation context, no O*NET work activities), their codes left empty in the output,
   exit 0. Now refused before any scoring, naming the first cell left empty:
   ``m.xlsx, row 3, column 'onetsoc_code': the cell A3 is part of the merged range A2:A3,
   whose value only its first cell A2 holds: the row would be read with this cell empty;
   unmerge the cells and fill each one with its value``. A merged range in the header row,
   below the table (a footnote) or over unnamed empty columns is read as before.
2. A workbook cell holding a line break typed or pasted as CRLF, which Excel stores as
   ``_x000D_`` followed by a line feed (XML would read a raw carriage return as a line
   feed), was read and scored as ``Frame walls and floors_x000D_`` LF ``with lumber.``
   (openpyxl, so pandas, leaves Excel's escape as it is): the word before the escape was
   lost to the model (confidence 0.99 fell to 0.59, ``p_e1`` moved) and the escape was
   written to the output. Now the escapes of control characters (``_x0000_`` to
   ``_x001F_``) are read as the characters they stand for: the task scores as the same
   text with a line feed does, and the output holds the carriage return.
3. ``exposure score IN -o OUT.xlsx`` of an input whose text holds a carriage return (or a
   time finer than a millisecond) printed the writer's warning twice, two identical lines:
   once from the check of the input's columns before scoring, once from the writer. Now
   once, by the writer.
4. ``--mirror ''`` (``--mirror "$MIRROR"`` with ``MIRROR`` unset) was read as the current
   directory by the check of the output folders: ``exposure score IN -o out.csv --mirror
   ''`` (also ``compare``, ``report rubric``, ``rollup``) said ``refusing to write out.csv: it
   is inside the mirror ., which the run reads``, blaming the output. Now refused before
   any work in the loaders' words: ``the mirror directory (from --mirror/mirror=) is empty;
   give a directory, or leave it out to download`` (and ``--data-dir ''`` likewise).
5. ``exposure score DIR -o OUT --engine dask --scheduler ''`` (an address from an unset
   variable) scored on a local cluster instead of the scheduler meant, without a word,
   exit 0. Now refused: ``--scheduler is empty: give the address of a running scheduler
   (tcp://host:8786), or leave --scheduler out for a local cluster``.
"""

from __future__ import annotations

import logging
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pandas as pd
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file, score_file

CSR = "43-4051.00"
CARPENTER = "47-2031.00"
ROWS = [["onetsoc_code", "title", "task"],
        [CSR, "Customer Service Representatives", "Draft replies to routine customer emails."],
        [None, None, "Triage support tickets in Zendesk."],
        [CARPENTER, "Carpenters", "Frame walls and floors with lumber."],
        [None, None, "Install doors and windows."]]


def merged_workbook(tmp_path, name, rows, merges):
    """Write ``rows`` to a workbook whose ranges ``merges`` (``"A2:A3"``) are merged."""
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    for span in merges:
        wb.active.merge_cells(span)
    path = tmp_path / name
    wb.save(path)
    return path


def excel_workbook(tmp_path, name, rows):
    """A workbook as Excel saves it: the texts in the shared strings, a carriage return as ``_x000D_``."""
    strings = sorted({value for row in rows for value in row})
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheet = "".join(f'<row r="{r}">' + "".join(f'<c r="{chr(65 + j)}{r}" t="s"><v>{strings.index(v)}</v></c>'
                                              for j, v in enumerate(row)) + "</row>"
                    for r, row in enumerate(rows, 1))
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{kind}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {main} xmlns:r="{rel}"><sheets><sheet name="Tasks" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                                      f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{rel}/sharedStrings" '
                                      'Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f"<worksheet {main}><sheetData>{sheet}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f"<sst {main}>" + "".join(
            f'<si><t xml:space="preserve">{escape(v).replace(chr(13), "_x000D_")}</t></si>'
            for v in strings) + "</sst>",
    }
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for part, xml in parts.items():
            archive.writestr(part, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return path


# ------------------------------------------------------------------ 1. merged cells
def test_codes_merged_down_over_the_tasks_are_refused(tmp_path, capsys):
    src = merged_workbook(tmp_path, "m.xlsx", ROWS, ["A2:A3", "B2:B3", "A4:A5", "B4:B5"])
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and not (tmp_path / "o.csv").exists()
    assert line.endswith("m.xlsx, row 3, column 'onetsoc_code': the cell A3 is part of the merged "
                         "range A2:A3, whose value only its first cell A2 holds: the row would be read "
                         "with this cell empty; unmerge the cells and fill each one with its value"), line


def test_a_cell_merged_across_a_row_is_refused_naming_the_column_left_empty(tmp_path):
    src = merged_workbook(tmp_path, "r.xlsx", [["task", "title"], ["Weld pipes.", "Welder"],
                                               ["Type letters and answer telephones.", None]], ["A3:B3"])
    with pytest.raises(DataFormatError) as err:
        read_task_file(src)
    assert (err.value.row, err.value.column) == (3, "title") and "merged range A3:B3" in str(err.value)


def test_merged_ranges_outside_the_table_cells_are_read_as_before(tmp_path):
    """Only ranges that empty a cell of the table's rows are refused."""
    refused = merged_workbook(tmp_path, "m.xlsx", ROWS, ["A4:A5"])
    with pytest.raises(DataFormatError, match="merged range A4:A5"):
        read_task_file(refused)
    for rows, merges in [
        # a footnote below a blank row, merged across the table's width: no row of the table
        ([["task", "title"], ["Weld pipes.", "Welder"], [None, None], ["Source: a survey, 2024.", None]],
         ["A4:B4"]),
        # a header cell merged over an empty column: the column is dropped, nothing is lost
        ([["task", "title", None], ["Weld pipes.", "Welder", None]], ["B1:C1"]),
        # a range over unnamed empty columns
        ([["task", "title", None, None], ["Weld pipes.", "Welder", None, None],
          ["Type letters.", "Clerk", None, None]], ["C2:D3"]),
    ]:
        src = merged_workbook(tmp_path, "ok.xlsx", rows, merges)
        assert read_task_file(src)["task"].tolist() == [r[0] for r in rows[1:] if r[1] is not None]


# ------------------------------------------------------------------ 2. Excel's _x000D_
def test_a_line_break_saved_by_excel_is_read_as_the_cell_holds_it(tmp_path):
    texts = [["task", "title"], ["Draft replies to routine customer\r\nemails.", "Customer Service\r\nRepresentatives"],
             ["Frame walls and floors\r\nwith lumber.", "Carpenters_x_1_"]]  # (no escape: kept)
    src = excel_workbook(tmp_path, "cr.xlsx", texts)
    assert b"floors_x000D_\nwith" in zipfile.ZipFile(src).read("xl/sharedStrings.xml")  # as Excel stores it
    frame = read_task_file(src)
    assert frame["task"].tolist() == [texts[1][0], texts[2][0]]
    assert frame["title"].tolist() == [texts[1][1], texts[2][1]]
    score_file(src, tmp_path / "o.csv", onet="none")
    lf = pd.DataFrame({c: [row[i].replace("\r\n", "\n") for row in texts[1:]] for i, c in enumerate(texts[0])})
    lf.to_csv(tmp_path / "lf.csv", index=False)
    score_file(tmp_path / "lf.csv", tmp_path / "lf_o.csv", onet="none")
    got, want = pd.read_csv(tmp_path / "o.csv"), pd.read_csv(tmp_path / "lf_o.csv")
    assert got["task"].tolist() == [texts[1][0], texts[2][0]]  # the escape is not written out
    cols = ["p_e0", "p_e1", "p_e2", "label", "confidence", "nearest_task_id"]
    pd.testing.assert_frame_equal(got[cols], want[cols])


# ------------------------------------------------------------------ 3. one warning per workbook
@pytest.mark.parametrize("rows", ["0", "1"])
def test_a_carriage_return_to_an_xlsx_output_is_warned_of_once(tmp_path, capsys, caplog, rows):
    src = tmp_path / "cr.csv"
    src.write_bytes(b'task,title\r\nWeld pipes.,Welder\r\n"Type\r\nletters.",Clerk\r\n')
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, _ = cli(capsys, "score", src, "-o", tmp_path / "o.xlsx", "--method", "rubric",
                         "--batch-rows", rows)
    said = [r.getMessage() for r in caplog.records if "hold a carriage return" in r.getMessage()]
    assert code == 0 and len(said) == 1, said
    assert "o.xlsx: 1 cells hold a carriage return (first: row 3, column 'task')" in said[0]


def test_times_finer_than_a_millisecond_to_an_xlsx_output_are_warned_of_once(tmp_path, caplog):
    src = tmp_path / "t.parquet"
    pd.DataFrame({"task": ["Weld pipes."], "at": pd.to_datetime(["2024-01-01 00:00:00.123456"])}).to_parquet(src)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        score_file(src, tmp_path / "o.xlsx", "rubric")
    said = [r.getMessage() for r in caplog.records if "finer than a millisecond" in r.getMessage()]
    assert len(said) == 1, said


# ------------------------------------------------------------------ 4. --mirror ''
@pytest.mark.parametrize("args", [
    ["score", "in.csv", "-o", "o.csv", "--method", "rubric"],
    ["compare", "-o", "cmp"],
    ["report", "rubric", "--out-dir", "rep"],
    ["rollup", "in.csv", "-o", "roll"],
])
def test_an_empty_mirror_is_named_not_taken_for_the_current_directory(tmp_path, capsys, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("task\nWeld pipes.\n")
    code, _, err = cli(capsys, *args, "--mirror", "")
    line = one_error_line(err, command=" ".join(args[:2]) if args[0] == "report" else args[0])
    assert code == 2 and line.endswith(": error: the mirror directory (from --mirror/mirror=) is empty; "
                                       "give a directory, or leave it out to download"), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_an_empty_data_dir_is_named_before_any_work(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("task\nWeld pipes.\n")
    code, _, err = cli(capsys, "rollup", "in.csv", "-o", "roll", "--data-dir", "")
    assert code == 2 and "the cache directory (from --data-dir/data_dir=) is empty" in one_error_line(
        err, command="rollup")


# ------------------------------------------------------------------ 5. --scheduler ''
def test_an_empty_scheduler_address_is_refused(tmp_path, capsys):
    data = tmp_path / "ds"
    data.mkdir()
    pd.DataFrame({"task": ["Weld pipes."]}).to_parquet(data / "a.parquet")
    code, _, err = cli(capsys, "score", data, "-o", tmp_path / "out", "--engine", "dask", "--method",
                       "rubric", "--scheduler", "")
    assert code == 2 and one_error_line(err, command="score").endswith(
        "--scheduler is empty: give the address of a running scheduler (tcp://host:8786), or leave "
        "--scheduler out for a local cluster")
    assert not (tmp_path / "out").exists()


def test_refuse_read_folders_with_a_blank_mirror_does_not_protect_the_current_directory(tmp_path, monkeypatch):
    """``refuse_read_folders(path, mirror="")`` refused any relative output as 'inside the mirror .'."""
    from exposure.fetch import read_folders, refuse_read_folders

    monkeypatch.chdir(tmp_path)
    refuse_read_folders("o.csv", file=True, mirror="", data_dir=tmp_path / "cache")
    assert "the mirror" not in [what for what, _, _ in read_folders(mirror=" ", data_dir=tmp_path / "cache")]
