"""Faults of round 81 (scorein): what ``exposure score`` writes and which inputs it tells what to do.

1. ``exposure score tasks.csv -o out.tsv`` was refused, ``out.tsv: unsupported output file
   type '.tsv'; use .csv, .parquet, .xlsx or .dta``, while the command reads ``.tsv`` and
   the library's ``write_frame`` writes it (``exposure rollup`` reads it back). Now the
   ``.tsv`` output is written as ``write_frame`` writes one (tab-separated, no quoting,
   formulas neutralised), whole and in batches with the same bytes, and reads back with
   the scores of the ``.csv`` output. A cell that a ``.tsv`` file cannot hold (a tab or a
   line break) is refused before any scoring, nothing written: ``out.tsv, row 2, column
   'note': a cell holds a tab or a line break, which a .tsv file cannot hold; write .csv
   or .parquet``. The list of output types says ``use .csv, .tsv, .parquet, .xlsx or
   .dta``.
2. A ``time64[ns]`` cell with nanoseconds of a Parquet input was written to a ``.csv``
   output cut to the microsecond, without a word: ``01:02:03.000000001`` as
   ``01:02:03``. Now it is written with its nine digits, ``01:02:03.000000001`` (the other
   cells as before: ``01:02:03``, ``01:02:03.500000``), whole and in batches. Read whole
   (an ``.xlsx`` or ``.dta`` output, ``--batch-rows 0``), such a file was refused:
   ``t.parquet: cannot read this Parquet file: Value 3723000000001 has non-zero
   nanoseconds``; now it is read as the batches read it (a ``.parquet`` output keeps
   ``time64[ns]`` and its nanoseconds; ``.xlsx`` warns that it cuts times to the
   millisecond; ``.dta`` refuses times of day, as before for other times).
3. A JSON task file (``tasks.jsonl``, ``tasks.json``, ``.ndjson``) was told
   ``tasks.jsonl: unsupported input file type '.jsonl'; use .csv, .tsv, .txt, .parquet,
   .pq, .xlsx, .xlsm or .dta`` and no more. Now: ``tasks.jsonl: unsupported input file
   type '.jsonl' (JSON is not read); use .csv, ...: convert it first, in Python:
   pandas.read_json('tasks.jsonl', lines=True, dtype=False).to_parquet('tasks.parquet',
   index=False), then give tasks.parquet`` (for ``.json``, without ``lines=True`` and
   with ``(add lines=True for a file of one JSON object per line)``); following it keeps
   the values as written (pandas' default read a code ``"0123"`` as 123, a ``date``
   column as dates).
4. A spreadsheet of another program (an old Excel ``.xls`` workbook, an OpenDocument
   ``.ods`` or Apple ``.numbers`` one) was told ``tasks.xls: unsupported input file type
   '.xls'; use .csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm or .dta`` and no more. Now
   what it is and how to save it as ``.xlsx``: ``tasks.xls: unsupported input file type
   '.xls' (an old binary Excel workbook is not read); use .csv, ...: open it in Excel and
   save it as 'Excel Workbook (*.xlsx)', then give tasks.xlsx`` (``.ods``: ``... open it
   in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)' ...``).
5. A task ID that is a missing value written out as text (``NaN``, ``NA``, ``N/A``,
   ``NULL``: R's or a database export's, ``df.to_csv(na_rep="NaN")``) or a spreadsheet's
   error value (``#N/A`` of a failed lookup) was told ``t.csv, row 2, column 'task_id':
   task ID 'NaN' is not an integer``, no more. Now
   (:func:`exposure.scoring._inputs.task_id_hint`): ``... is not an integer: a missing
   task ID written out as text? Leave the cell empty for a task without an O*NET task ID
   (it is scored from its text)``; ``#N/A``: ``...: a spreadsheet's error value (a formula
   that failed in the spreadsheet): correct the formula there, or leave the cell empty``
   (the library's words for it). Following the advice, the file is scored.
6. ``exposure score t.csv -o out.txt`` (the extension that the readers take for
   tab-separated text) was told ``unsupported output file type '.txt'; use .csv, ...``.
   Now: ``out.txt: unsupported output file type '.txt' (read as tab-separated text, not
   written); use .csv, .tsv, .parquet, .xlsx or .dta: for tab-separated text write
   out.tsv``; following it, the file is written (item 1).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _frames import write_text

from exposure._tables import read_frame
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.scoring._files import file_kind, iter_task_batches, read_task_file
from exposure.scoring._inputs import check_task_ids

RUBRIC = ("--method", "rubric", "--onet", "none")
TASKS = ('task_id,task,note\n1,Prepare monthly budget reports,"=SUM(A1)"\n'
         '2,"Say ""hi"" to clients, then file",x\n3,Operate forklift in warehouse,\n')


def _score(capsys, src, out, *more) -> tuple[int, str]:
    code = main(["score", str(src), "-o", str(out), *RUBRIC, *more])
    return code, capsys.readouterr().err


# 1. a .tsv output --------------------------------------------------------------------------------

@pytest.mark.parametrize("batches", [[], ["--batch-rows", "1"], ["--batch-rows", "0"]],
                         ids=["default", "batches", "whole"])
def test_tsv_output_is_written_and_reads_back_as_the_csv(tmp_path, capsys, batches):
    src = write_text(tmp_path, "t.csv", TASKS)
    code, err = _score(capsys, src, tmp_path / "o.csv")
    assert code == 0, err
    code, err = _score(capsys, src, tmp_path / "o.tsv", *batches)
    assert code == 0, err
    text = (tmp_path / "o.tsv").read_text(encoding="utf-8").splitlines()
    assert text[1].startswith("1\tPrepare monthly budget reports\t'=SUM(A1)\t")
    assert text[2].startswith('2\tSay "hi" to clients, then file\tx\t')
    assert read_frame(tmp_path / "o.tsv").equals(read_frame(tmp_path / "o.csv"))


def test_tsv_output_has_the_same_bytes_whatever_the_batches(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", TASKS)
    for n in ("1", "2", "0"):
        assert _score(capsys, src, tmp_path / f"o{n}.tsv", "--batch-rows", n)[0] == 0
    assert (tmp_path / "o1.tsv").read_bytes() == (tmp_path / "o2.tsv").read_bytes() == (tmp_path / "o0.tsv").read_bytes()


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "0"]], ids=["batches", "whole"])
def test_tsv_output_refuses_a_cell_with_a_tab_before_scoring(tmp_path, capsys, batches):
    src = write_text(tmp_path, "t.csv", 'task,note\nWeld pipes.,ok\nLay bricks.,"a\tb"\n')
    code, err = _score(capsys, src, tmp_path / "o.tsv", *batches)
    assert code == 2
    assert err.strip().endswith(f"{tmp_path / 'o.tsv'}, row 3, column 'note': a cell holds a tab or a line "
                                "break, which a .tsv file cannot hold; write .csv or .parquet")
    assert not (tmp_path / "o.tsv").exists()


def test_output_types_listed_name_tsv():
    assert file_kind("out.TSV", "output") == "tsv"
    with pytest.raises(DataFormatError) as info:
        file_kind("out.xls", "output")
    assert str(info.value) == "out.xls: unsupported output file type '.xls'; use .csv, .tsv, .parquet, .xlsx or .dta"


# 2. times of day in nanoseconds ------------------------------------------------------------------

def _ns_file(tmp_path):
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"task": ["Weld pipes.", "Lay bricks.", "Cut metal."],
                             "t": pa.array([3723000000001, 3723500000000, None], pa.time64("ns"))}), src)
    return src


@pytest.mark.parametrize("batches", [[], ["--batch-rows", "1"], ["--batch-rows", "0"]],
                         ids=["default", "batches", "whole"])
@pytest.mark.parametrize("ext", ["csv", "tsv"])
def test_nanosecond_time_is_written_in_full(tmp_path, capsys, batches, ext):
    out = tmp_path / f"o.{ext}"
    code, err = _score(capsys, _ns_file(tmp_path), out, *batches)
    assert code == 0, err
    sep = "," if ext == "csv" else "\t"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split(sep)[1] for line in lines[1:]] == ["01:02:03.000000001", "01:02:03.500000", ""]


def test_nanosecond_time_read_whole(tmp_path, capsys, caplog):
    src = _ns_file(tmp_path)
    code, err = _score(capsys, src, tmp_path / "o.parquet", "--batch-rows", "0")
    assert code == 0, err
    back = pq.read_table(tmp_path / "o.parquet").column("t")
    assert str(back.type) == "time64[ns]" and back.cast(pa.int64()).to_pylist() == [3723000000001, 3723500000000, None]
    whole = read_task_file(src)
    assert whole.equals(pd.concat(list(iter_task_batches(src, 2)), ignore_index=True))
    with caplog.at_level("WARNING"):
        code, err = _score(capsys, src, tmp_path / "o.xlsx")
    assert code == 0, err
    assert "1 cells hold times finer than a millisecond" in caplog.text


# 3. JSON task files ------------------------------------------------------------------------------

def test_jsonl_input_is_told_how_to_convert_it():
    with pytest.raises(DataFormatError) as info:
        file_kind("in/tasks.jsonl")
    assert str(info.value) == (
        "in/tasks.jsonl: unsupported input file type '.jsonl' (JSON is not read); use .csv, .tsv, .txt, .parquet, "
        ".pq, .xlsx, .xlsm or .dta: convert it first, in Python: pandas.read_json('in/tasks.jsonl', lines=True, "
        "dtype=False).to_parquet('in/tasks.parquet', index=False), then give in/tasks.parquet")
    with pytest.raises(DataFormatError, match=r"pandas.read_json\('t.json', dtype=False\).*\(add lines=True for a "
                                              "file of one JSON object per line\\)$"):
        file_kind("t.json")


def test_json_advice_works(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_text(tmp_path, "tasks.jsonl", '{"task": "Weld pipes.", "code": "0123", "date": "07/2014"}\n'
                                         '{"task": "Lay bricks.", "code": "0456", "date": "07/2014"}\n')
    code, err = _score(capsys, "tasks.jsonl", "o.csv")
    assert code == 2
    advice = err.split("convert it first, in Python: ")[1].split(", then give")[0]
    exec(advice, {"pandas": pd})  # the advice, as written
    code, err = _score(capsys, "tasks.parquet", "o.csv")
    assert code == 0, err
    out = read_frame(tmp_path / "o.csv")
    assert out[["code", "date"]].values.tolist() == [["0123", "07/2014"], ["0456", "07/2014"]]


# 4. spreadsheets of other programs ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "said"), [
    ("tasks.xls", "'.xls' (an old binary Excel workbook is not read); use .csv, .tsv, .txt, .parquet, .pq, .xlsx, "
                  ".xlsm or .dta: open it in Excel and save it as 'Excel Workbook (*.xlsx)', then give {d}/tasks.xlsx"),
    ("t.ODS", "'.ods' (an OpenDocument spreadsheet is not read); use .csv, .tsv, .txt, .parquet, .pq, .xlsx, .xlsm "
              "or .dta: open it in LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)', then give {d}/t.xlsx"),
])
def test_other_spreadsheets_are_told_how_to_save_them(tmp_path, capsys, name, said):
    src = write_text(tmp_path, name, "not read")
    code, err = _score(capsys, src, tmp_path / "o.csv")
    assert code == 2
    assert err.strip() == f"exposure score: error: {src}: unsupported input file type {said.format(d=tmp_path)}"


# 5. a task ID written as a missing value ---------------------------------------------------------

@pytest.mark.parametrize("cell", ["NaN", "N/A", "NULL"])
def test_task_id_written_as_missing_is_told_to_leave_it_empty(tmp_path, capsys, cell):
    text = "onetsoc_code,task_id,task\n51-4121.06,{},Weld pipes.\n51-4121.06,123,Cut metal.\n"
    src = write_text(tmp_path, "t.csv", text.format(cell))
    code, err = _score(capsys, src, tmp_path / "o.csv")
    assert code == 2
    assert err.strip() == (f"exposure score: error: {src}, row 2, column 'task_id': task ID {cell!r} is not an integer: "
                           "a missing task ID written out as text? Leave the cell empty for a task without an O*NET "
                           "task ID (it is scored from its text)")
    src = write_text(tmp_path, "t.csv", text.format(""))  # as advised
    code, err = _score(capsys, src, tmp_path / "o.csv")
    assert code == 0, err


def test_task_id_of_a_failed_lookup_is_said():
    with pytest.raises(DataFormatError) as info:
        check_task_ids(pd.Series(["8823", "#N/A"], name="task_id"), path="t.csv", row_offset=2)
    assert str(info.value) == ("t.csv, row 3, column 'task_id': task ID '#N/A' is not an integer: a spreadsheet's "
                               "error value (a formula that failed in the spreadsheet): correct the formula there, "
                               "or leave the cell empty")


# 6. a .txt output --------------------------------------------------------------------------------

def test_txt_output_is_told_to_write_tsv(tmp_path, capsys):
    src = write_text(tmp_path, "t.csv", TASKS)
    code, err = _score(capsys, src, tmp_path / "out.txt")
    assert code == 2
    assert err.strip() == (f"exposure score: error: {tmp_path / 'out.txt'}: unsupported output file type '.txt' (read "
                           "as tab-separated text, not written); use .csv, .tsv, .parquet, .xlsx or .dta: for "
                           f"tab-separated text write {tmp_path / 'out.tsv'}")
    assert _score(capsys, src, tmp_path / "out.tsv")[0] == 0
