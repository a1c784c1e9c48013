"""Faults of ``exposure score`` / ``rollup`` input files, found in round 5 (its section 8).

1. a blank line in the middle of a multi-column CSV was "too few fields: expected 2, got 1
   (truncated file or line?)", naming the column 'title';
2. with old Mac (CR-only) line ends, or below a quoted cell spanning lines, the same blank
   line was "got 0, column 'task'" read whole and "got 1, column 'title'" streamed (a
   one-column file: "too few fields" whole, an empty task streamed);
3. a comma-separated ``.txt`` (read as tab-separated) was "missing text column 'task'
   (columns: ['task,title'])", a tab-separated ``.csv`` likewise;
4. ``.gz``/``.zip``/``.bz2``/``.xz`` inputs were "unsupported input file type '.gz'";
5. ``rollup`` failing on a full disk spoke of "the previous files" of a directory that
   did not exist before;
6. an ``.xlsx`` whose first sheet is a notes sheet: "missing text column 'task' (columns:
   ['Exported from survey'])", without the sheet read or the sheets beside it.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import lzma
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from _cli import _no_env, rollup_args, run  # noqa: F401 (_no_env: autouse fixture)

from exposure import _outdir, _tables
from exposure._tables import check_delimited_file, read_frame, read_text_table
from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file

RUBRIC = ["--method", "rubric", "--onet", "none"]
BATCHES = ["0", "1", "10000"]


def _score(capsys, tmp_path, src, batch, out="o.csv"):
    return run(capsys, "score", src, "-o", tmp_path / out, *RUBRIC, "--batch-rows", batch)


# 1. a blank line in the middle of a multi-column file ---------------------------------

@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("batch", BATCHES)
def test_a_blank_line_in_the_middle_is_named_an_empty_line(tmp_path, capsys, eol, batch):
    src = tmp_path / "mid.csv"
    src.write_bytes(eol.join(["task,title", "Answer telephones.,Receptionist", "",
                              "Frame walls.,Carpenter", ""]).encode())
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2
    assert "mid.csv, row 3: empty line (remove it" in err, err
    assert "too few fields" not in err and "column" not in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("batch", BATCHES)
def test_a_line_of_spaces_in_the_middle_is_named_a_blank_line(tmp_path, capsys, batch):
    src = tmp_path / "ws.csv"
    src.write_text("task,title\nAnswer telephones.,Receptionist\n   \nFrame walls.,Carpenter\n")
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2 and "ws.csv, row 3: blank line (only spaces or tabs)" in err, err


def test_the_readers_name_the_empty_line(tmp_path):
    src = tmp_path / "mid.csv"
    src.write_text("task,title\nAnswer telephones.,Receptionist\n\nFrame walls.,Carpenter\n")
    for read in (read_frame, check_delimited_file):
        with pytest.raises(DataFormatError, match="empty line") as err:
            read(src)
        assert (err.value.row, err.value.line, err.value.column) == (3, 3, None)
    tsv = tmp_path / "t.txt"  # the O*NET reader too
    tsv.write_text("Code\tText\n11-1011.00\tSay\n\n11-1021.00\tDo\n")
    with pytest.raises(DataFormatError, match="row 3: empty line"):
        read_text_table(tsv, {"code": "Code", "text": "Text"})


@pytest.mark.parametrize("tail", ["\n\n", "\n\n,\n", "\r\n\r\n", "\r\r"])
@pytest.mark.parametrize("batch", BATCHES)
def test_blank_lines_and_empty_records_ending_the_file_are_still_ignored(tmp_path, capsys, tail,
                                                                        batch):
    src = tmp_path / "end.csv"
    eol = "\r" if tail == "\r\r" else "\n"
    src.write_bytes(eol.join(["task,title", "Answer telephones.,Receptionist",
                              "Frame walls.,Carpenter"]).encode() + tail.encode())
    assert _score(capsys, tmp_path, src, batch) == (0, "")
    assert pd.read_csv(tmp_path / "o.csv")["task"].tolist() == ["Answer telephones.", "Frame walls."]


@pytest.mark.parametrize("eol", ["\n", "\r"], ids=["lf", "cr"])
@pytest.mark.parametrize("batch", BATCHES)
def test_an_empty_line_of_a_one_column_file_is_still_an_empty_task(tmp_path, capsys, eol, batch):
    """docs/faults_inputs.md: refused as an empty task, naming its line, whatever the batch."""
    src = tmp_path / "one.csv"
    src.write_bytes(eol.join(["task", "Answer telephones.", "", "Frame walls.", ""]).encode())
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2 and "one.csv, row 3, column 'task': task text must be a non-empty string" in err, err


# 2. the same message whole and streamed -----------------------------------------------

@pytest.mark.parametrize("body", [
    b"task,title\rA.,R\r\rF.,C\r",  # the hunt's file: old Mac line ends
    b'task,title\n"Weld\nthen grind.",Welder\n\nSew.,Tailor\n',  # below a multi-line cell
    b"task,title\r\nA.,R\r\n\r\nF.,C\r\n",
    b"task\rA.\r\rF.\r",  # one column, old Mac line ends
    b"task,title\rA.,R\r   \rF.,C\r",
], ids=["cr", "multi-line-cell", "crlf", "one-column-cr", "spaces-cr"])
def test_a_blank_line_gives_one_message_whatever_the_batch(tmp_path, capsys, body):
    src = tmp_path / "b.csv"
    src.write_bytes(body)
    errors = {batch: _score(capsys, tmp_path, src, batch) for batch in BATCHES}
    assert len(set(errors.values())) == 1, errors
    code, err = errors["0"]
    assert code == 2 and "row 3" in err and "too few fields" not in err, err


def test_the_cr_only_file_of_the_hunt(tmp_path, capsys):
    src = tmp_path / "cr.csv"
    src.write_bytes(b"task,title\rA.,R\r\rF.,C\r")
    assert _score(capsys, tmp_path, src, "0")[1].endswith(
        "cr.csv, row 3: empty line (remove it: only the empty lines ending the file are ignored)")


# 3. a file whose one header cell holds another separator ------------------------------

@pytest.mark.parametrize("name", ["c.txt", "c.tsv", "C.TXT"])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_comma_separated_txt_says_rename_it_csv(tmp_path, capsys, name, batch):
    src = tmp_path / name
    src.write_text('task,title\n"Answer telephones, relay messages.",Receptionist\n')
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2
    suffix = Path(name).suffix
    assert (f"{name}, row 1: the header holds ',' and no tab: the file looks comma-separated; "
            f"rename it .csv (a {suffix} file is read as tab-separated)") in err, err
    assert "missing text column" not in err


@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_tab_separated_csv_says_rename_it_tsv(tmp_path, capsys, batch):
    src = tmp_path / "t.csv"
    src.write_text("task\ttitle\nAnswer telephones.\tReceptionist\n")
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2
    assert ("t.csv, row 1: the header holds tabs and no ',': the file looks tab-separated; "
            "rename it .tsv (a .csv file is read as comma-separated)") in err, err


@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_semicolon_separated_txt_says_so(tmp_path, capsys, batch):
    src = tmp_path / "s.txt"
    src.write_text("task;title\nAnswer telephones.;Receptionist\n")
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2 and "row 1: the header holds ';' and no tab: the file looks semicolon-separated" in err


def test_a_semicolon_csv_keeps_its_message(tmp_path, capsys):
    src = tmp_path / "semi.csv"
    src.write_text("task;title\nAnswer telephones.;Receptionist\n")
    assert _score(capsys, tmp_path, src, "0")[1].endswith(
        "semi.csv, row 1: the header holds ';' and no ',': the file looks semicolon-separated "
        "(Excel's CSV in some European settings); save it as an .xlsx workbook, or open it in "
        "LibreOffice (separated by ';') and Save As 'Text CSV' with the character set 'Unicode (UTF-8)' "
        "and the field delimiter ',' (Excel writes ';' in its CSV where the list separator is ';', in "
        "'CSV UTF-8 (comma delimited)' too)")  # (round 73: it said to save it as 'CSV UTF-8 (comma
    # delimited)', or as tab-separated .tsv; in such settings Excel wrote ';' again)


def test_a_comma_separated_txt_says_so_in_rollup(tmp_path, capsys, fixtures):
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str)
    src = tmp_path / "scores.txt"
    frame.to_csv(src, index=False)
    code, err = run(capsys, *rollup_args(fixtures, src, tmp_path / "r"))
    assert code == 2 and "looks comma-separated; rename it .csv" in err, err


def test_one_column_files_whose_name_holds_another_separator_are_read(tmp_path):
    """Refused only when the first row splits as the header does."""
    for name, body in (("one.txt", "task, as written\nWeld pipes.\n"),
                       ("one.csv", "task\tnote\nWeld pipes.\n"),
                       ("two.txt", "task, as written\nWeld, then grind, then polish.\n")):
        src = tmp_path / name
        src.write_text(body)
        header = body.split("\n", 1)[0]
        assert read_frame(src).columns.tolist() == [header]
        assert check_delimited_file(src) == [header]


# 4. compressed inputs -----------------------------------------------------------------

def _compressed(tmp_path, name):
    data = b"task,title\nAnswer telephones.,Receptionist\n"
    src = tmp_path / name
    if name.endswith(".gz"):
        src.write_bytes(gzip.compress(data))
    elif name.endswith(".bz2"):
        src.write_bytes(bz2.compress(data))
    elif name.endswith(".xz"):
        src.write_bytes(lzma.compress(data))
    else:
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("tasks.csv", data)
    return src


@pytest.mark.parametrize("name, tool", [("t.csv.gz", "gunzip -k t.csv.gz"),
                                        ("t.csv.bz2", "bunzip2 -k t.csv.bz2"),
                                        ("t.tsv.xz", "unxz -k t.tsv.xz"),
                                        ("t.zip", "unzip t.zip")])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_compressed_input_says_decompress_it_first(tmp_path, capsys, name, tool, batch):
    src = _compressed(tmp_path, name)
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2 and "decompress it first" in err and f"({tool}" in err, err
    assert "unsupported input file type" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


def test_a_compressed_input_names_the_file_it_gives(tmp_path, capsys):
    src = _compressed(tmp_path, "t.csv.gz")
    assert _score(capsys, tmp_path, src, "0")[1].endswith(
        "t.csv.gz: the file is gzip-compressed, which is not read: decompress it first "
        "(gunzip -k t.csv.gz writes t.csv) and give that file")


def test_a_compressed_scores_file_says_so_in_rollup(tmp_path, capsys, fixtures):
    src = _compressed(tmp_path, "scores.csv.gz")
    code, err = run(capsys, *rollup_args(fixtures, src, tmp_path / "r"))
    assert code == 2 and "decompress it first" in err, err


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress],
                         ids=["gzip", "bzip2", "xz"])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_compressed_bytes_under_a_csv_name_say_so(tmp_path, capsys, compress, batch):
    """A .csv.gz renamed .csv was 'byte 0x8b is not valid UTF-8 ... Windows-1252' (gzip)."""
    src = tmp_path / "t.csv"
    src.write_bytes(compress(b"task,title\nAnswer telephones.,Receptionist\n"))
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2 and "-compressed" in err and "decompress it first" in err, err
    assert "UTF-8" not in err


# 5. rollup on a full disk, into a directory that did not exist ------------------------

def test_previous_files_note_says_what_was_there(tmp_path):
    out = tmp_path / "roll"
    assert _outdir.previous_files_note(out) == f"nothing was written to {out} (no partial output left)"
    out.mkdir()
    assert _outdir.previous_files_note(out) == f"nothing was written to {out} (no partial output left)"
    (out / "occupations.parquet").write_bytes(b"old")
    assert _outdir.previous_files_note(out) == f"the previous files in {out} are untouched"


def test_previous_files_note_after_a_failed_replace_directory(tmp_path):
    """replace_directory leaves a new ``out`` uncreated: the note is right after the failure."""
    out = tmp_path / "roll"
    with pytest.raises(OSError), _outdir.replace_directory(out, owned={"a.csv"}) as tmp:
        (tmp / "a.csv").write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert not out.exists()
    assert _outdir.previous_files_note(out).startswith("nothing was written")


def test_rollup_on_a_full_disk_into_a_new_directory_mentions_no_previous_files(
        tmp_path, capsys, fixtures, monkeypatch):
    import exposure.rollup._run as rollup_run

    def full_disk(frame, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(rollup_run, "write_parquet", full_disk)
    out = tmp_path / "roll"
    code, err = run(capsys, *rollup_args(fixtures, fixtures / "rollup" / "task_scores_tiny.csv", out))
    assert code == 2 and "No space left on device" in err
    assert "previous files" not in err and "nothing was written" in err, err
    assert not out.exists()


# 6. an .xlsx whose first sheet is not the table ---------------------------------------

def _workbook(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


TABLE = [["task", "title"], ["Answer telephones.", "Receptionist"]]


@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_notes_first_sheet_names_the_sheet_read_and_the_others(tmp_path, capsys, batch):
    src = _workbook(tmp_path / "n.xlsx", [("Notes", [["Exported from survey"]]), ("Data", TABLE)])
    code, err = _score(capsys, tmp_path, src, batch)
    assert code == 2
    assert err.endswith(
        "n.xlsx, column 'task': missing text column 'task' (columns: ['Exported from survey']); "
        "only the first sheet, 'Notes', is read and the workbook also has 'Data': move the "
        "table to the first sheet"), err


def test_an_empty_first_sheet_names_the_others(tmp_path, capsys):
    src = _workbook(tmp_path / "e.xlsx", [("Cover", []), ("Data", TABLE), ("Codes", [["x"]])])
    code, err = _score(capsys, tmp_path, src, "0")
    assert code == 2 and err.endswith(
        "e.xlsx: sheet is empty; only the first sheet, 'Cover', is read and the workbook also "
        "has 'Data', 'Codes': move the table to the first sheet"), err


def test_a_one_sheet_workbook_keeps_its_message(tmp_path, capsys):
    src = _workbook(tmp_path / "o.xlsx", [("Sheet1", [["Exported from survey"]])])
    code, err = _score(capsys, tmp_path, src, "0")
    assert code == 2 and err.endswith(
        "o.xlsx, column 'task': missing text column 'task' (columns: ['Exported from survey'])")


def test_the_sheet_note_reads_the_names_only(tmp_path):
    """The other sheets' data are not read: a damaged second sheet does not matter."""
    src = _workbook(tmp_path / "n.xlsx", [("Notes", [["x"]]), ("Data", TABLE), ("More", TABLE)])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = b"<not xml"
            zout.writestr(item, data)
    expect = ("only the first sheet, 'Notes', is read and the workbook also has 'Data', 'More': "
              "move the table to the first sheet")
    assert _tables.xlsx_sheet_note(src) == expect and _tables.xlsx_sheet_note(broken) == expect
    one = _workbook(tmp_path / "one.xlsx", [("Sheet1", TABLE)])
    assert _tables.xlsx_sheet_note(one) == "" and _tables.xlsx_sheet_note(tmp_path / "t.csv") == ""
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04junk")
    assert _tables.xlsx_sheet_note(tmp_path / "junk.xlsx") == ""


def test_a_valid_multi_sheet_workbook_is_read_as_before(tmp_path):
    src = _workbook(tmp_path / "d.xlsx", [("Data", TABLE), ("Notes", [["Exported from survey"]])])
    assert read_task_file(src).to_dict("list") == {"task": ["Answer telephones."],
                                                   "title": ["Receptionist"]}


def test_a_hidden_first_sheet_is_said_to_be_hidden(tmp_path):
    """A hidden first worksheet, which Excel does not show ('Data' is shown first).

    Round 6 read it, as the first worksheet; since round 33 it is refused, naming the sheets
    shown (the table the user sees was not the one read).
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["Exported from survey"])
    wb.active.sheet_state = "hidden"
    data = wb.create_sheet("Data")
    for row in TABLE:
        data.append(row)
    wb.active = 1
    wb.save(tmp_path / "h.xlsx")
    with pytest.raises(DataFormatError, match="the first sheet, 'Notes', is hidden in Excel.*'Data'"):
        read_frame(tmp_path / "h.xlsx")
    assert _tables.xlsx_sheet_note(tmp_path / "h.xlsx").startswith(
        "only the first sheet, 'Notes' (hidden), is read and the workbook also has 'Data'")
