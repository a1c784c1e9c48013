"""Faults of the single-file writers of ``exposure score`` (exposure._io), found by testing.

Each test is a case that broke a promise before (no silent wrong result, no lost file, one
line and exit code 2 instead of a traceback):

1. ``.xlsx`` rounded 64-bit integers beyond 2**53 silently (``.dta`` refused them);
2. CSV did not quote a cell holding a bare carriage return, so the file read back with the
   row cut in two;
4. ``.dta`` cut a text at a NUL character silently;
7. a bytes cell with control characters crashed the ``.xlsx`` writer (openpyxl traceback);
8. replacing an existing output gave it the default permissions (a 0600 file became 0644);
9. an ``.xlsx`` sheet wider than 16,384 columns (past XFD) was written.
"""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._io import (
    XLSX_MAX_COLUMNS,
    csv_text,
    pandas_csv_text,
    write_csv,
    write_json,
    write_parquet,
    write_stata,
    write_xlsx,
)
from exposure._tables import read_frame
from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file

SCORE = ["--method", "rubric", "--onet", "none"]
TASKS = ["Answer telephones and relay messages.", "Operate a forklift."]


pytestmark = pytest.mark.usefixtures("no_env")


def score(capsys, src: Path, out: Path, *args) -> tuple[int, str]:
    """``exposure score SRC -o OUT`` in this process: (exit code, the one error line or "")."""
    code = main(["score", str(src), "-o", str(out), *SCORE, *map(str, args)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith("exposure score: error: ")]
    assert len(lines) == (code != 0), err
    return code, lines[0] if lines else ""


def assert_nothing_left(directory: Path, name: str) -> None:
    """Neither the output nor a partial file of it (``.NAME.*.tmp``) is in ``directory``."""
    assert not (directory / name).exists()
    assert not [p.name for p in directory.iterdir() if p.name.startswith(f".{name}.")]


# ------------------------------------------------------------------ 1. .xlsx integers beyond 2**53
def test_xlsx_refuses_integers_beyond_2_53_as_dta_does(tmp_path, capsys):
    """9007199254740993 came back 9007199254740992 from the sheet, with exit 0."""
    src = tmp_path / "bigid.parquet"
    pd.DataFrame({"posting_id": [17, 9007199254740993], "task": TASKS}).to_parquet(src, index=False)
    code, line = score(capsys, src, tmp_path / "bigid.xlsx")
    assert code == 2
    assert "bigid.xlsx, row 3, column 'posting_id'" in line
    assert "9007199254740993" in line and "2**53" in line and ".csv or .parquet" in line
    assert_nothing_left(tmp_path, "bigid.xlsx")
    code, dta_line = score(capsys, src, tmp_path / "bigid.dta")  # the .dta writer: the same refusal
    assert code == 2 and "bigid.dta, row 3, column 'posting_id'" in dta_line
    ids = [2**53 - 1, -(2**53 - 1), 1234567890123456]  # below the limit: written exactly
    out = write_xlsx(pd.DataFrame({"id": ids, "flag": [True, False, True]}), tmp_path / "ok.xlsx")
    assert pd.read_excel(out)["id"].tolist() == ids


@pytest.mark.parametrize("values", [
    pd.Series([2**64 - 1], dtype="uint64"),
    pd.Series([None, -(2**53)], dtype="Int64"),
    pd.Series([1, 2**63 - 1], dtype=pd.ArrowDtype(pa.int64())),
    pd.Series(["x", 2**60], dtype=object),
])
def test_xlsx_refuses_big_integers_of_every_integer_type(tmp_path, values):
    out = tmp_path / "o.xlsx"
    with pytest.raises(DataFormatError, match=r"o\.xlsx, row \d, column 'id': .*2\*\*53") as info:
        write_xlsx(pd.DataFrame({"id": values}), out)
    assert f"row {len(values) + 1}" in str(info.value)
    assert_nothing_left(tmp_path, "o.xlsx")


# ------------------------------------------------------------------ 2. CSV: a bare carriage return
CR = pd.DataFrame({"task": ["Answer telephones\rand relay messages.", "Operate a forklift."],
                   "title": ["Receptionist", "Forklift\roperator"]})


@pytest.mark.parametrize("batch_rows", [None, 0])
def test_csv_output_quotes_a_bare_carriage_return_and_reads_back(tmp_path, capsys, batch_rows):
    """The file read back as three rows (or was refused: 'too few fields')."""
    src = tmp_path / "cr.parquet"
    CR.to_parquet(src, index=False)
    out = tmp_path / "cr.csv"
    args = [] if batch_rows is None else ["--batch-rows", batch_rows]
    assert score(capsys, src, out, *args) == (0, "")
    text = out.read_bytes().decode("utf-8")
    assert '"Answer telephones\rand relay messages."' in text and '"Forklift\roperator"' in text
    for back in (pd.read_csv(out), read_frame(out), read_task_file(out)):
        pd.testing.assert_frame_equal(back[["task", "title"]], CR, check_dtype=False)
    rows = list(csv.reader(out.open(newline="", encoding="utf-8")))
    assert [r[:2] for r in rows[1:]] == CR.values.tolist()
    # score's own output is an input of score again, streamed or whole
    assert score(capsys, out, tmp_path / "again.csv") == (0, "")
    assert score(capsys, out, tmp_path / "whole.csv", "--batch-rows", 0) == (0, "")
    assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert read_task_file(tmp_path / "again.csv")["task"].tolist() == CR["task"].tolist()


def test_csv_writers_quote_a_carriage_return_on_every_path_and_change_nothing_else(tmp_path):
    """The fast path (csv_text), pandas' path (a datetime column, other options).

    Only cells holding '\\r' are quoted anew: any other text is pandas' own, byte for byte.
    """
    assert csv_text(CR) == 'task,title\n"Answer telephones\rand relay messages.",Receptionist\n' \
                           'Operate a forklift.,"Forklift\roperator"\n'
    dated = CR.assign(when=pd.to_datetime(["2024-01-02", "2024-01-03"]), p=[0.123456, 1.0])
    assert csv_text(dated) is None  # pandas writes this one
    for kwargs in ({}, {"float_format": "%.3f"}):
        out = write_csv(dated, tmp_path / "d.csv", **kwargs)
        back = pd.read_csv(out, parse_dates=["when"])
        pd.testing.assert_frame_equal(back[["task", "title", "when"]], dated[["task", "title", "when"]],
                                      check_dtype=False)
        assert read_frame(out)["title"].tolist() == CR["title"].tolist()
    cells = ["plain", "comma, inside", 'a "quoted" word', "line\nbreak", "crlf\r\n", "", '"', "x" * 50]
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.choice(np.array(cells, dtype=object), 200),
                          "b": rng.normal(size=200),
                          "when": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(200), unit="D")})
    pandas = frame.to_csv(index=False, lineterminator="\n")
    assert pandas_csv_text(frame) == pandas
    assert csv_text(frame[["a", "b"]]) == frame[["a", "b"]].to_csv(index=False, lineterminator="\n")
    assert write_csv(frame, tmp_path / "o.csv").read_bytes() == pandas.encode("utf-8")
    assert pandas_csv_text(frame, sep=";", float_format="%.2f") == frame.to_csv(
        index=False, lineterminator="\n", sep=";", float_format="%.2f")


def test_streamed_csv_with_an_uncovered_column_type_quotes_a_carriage_return(tmp_path, capsys):
    src = tmp_path / "cr.parquet"
    CR.assign(when=pd.to_datetime(["2024-01-02", "2024-01-03"])).to_parquet(src, index=False)
    assert score(capsys, src, tmp_path / "stream.csv") == (0, "")
    assert score(capsys, src, tmp_path / "whole.csv", "--batch-rows", 0) == (0, "")
    back = read_task_file(tmp_path / "stream.csv")
    assert back["title"].tolist() == CR["title"].tolist()
    assert (tmp_path / "stream.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


# ------------------------------------------------------------------ 4. .dta: a NUL character
def test_dta_refuses_text_with_a_nul_character(tmp_path, capsys):
    """'Answer telephones\\x00 and relay messages.' was read back as 'Answer telephones', exit 0."""
    src = tmp_path / "nul.parquet"
    pd.DataFrame({"task": ["Operate a forklift.", "Answer telephones\x00 and relay messages."]}).to_parquet(
        src, index=False)
    code, line = score(capsys, src, tmp_path / "nul.dta")
    assert code == 2
    assert "nul.dta, row 3, column 'task'" in line and "NUL" in line and ".csv or .parquet" in line
    assert_nothing_left(tmp_path, "nul.dta")
    code, xlsx_line = score(capsys, src, tmp_path / "nul.xlsx")  # as the .xlsx writer refuses it
    assert code == 2 and "nul.xlsx, row 3, column 'task'" in xlsx_line


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_dta_refuses_nul_in_every_text_type(tmp_path, dtype):
    frame = pd.DataFrame({"n": [1, 2], "note": pd.Series(["fine", "cut\x00here"], dtype=dtype)})
    with pytest.raises(DataFormatError, match=r"t\.dta, row 3, column 'note': a cell holds a NUL"):
        write_stata(frame, tmp_path / "t.dta")
    assert_nothing_left(tmp_path, "t.dta")
    write_stata(frame.assign(note=["fine", "kept\there"]), tmp_path / "t.dta")  # other controls: kept
    assert pd.read_stata(tmp_path / "t.dta")["note"].tolist() == ["fine", "kept\there"]


# ------------------------------------------------------------------ 7. .xlsx: bytes cells
def test_xlsx_refuses_bytes_with_control_characters_in_one_line(tmp_path, capsys):
    """An openpyxl IllegalCharacterError traceback, exit 1, after scoring."""
    src = tmp_path / "bin.parquet"
    pq.write_table(pa.table({"task": TASKS, "bin": pa.array([b"x", b"\x00\x01"], pa.binary())}), src)
    code, line = score(capsys, src, tmp_path / "out_bin.xlsx")
    assert code == 2
    assert "out_bin.xlsx, row 3, column 'bin'" in line and "control character" in line
    assert_nothing_left(tmp_path, "out_bin.xlsx")


def test_xlsx_bytes_cells_are_text_cells_or_refused(tmp_path):
    out = tmp_path / "b.xlsx"
    with pytest.raises(DataFormatError, match=r"b\.xlsx, row 2, column 'raw': .*not UTF-8"):
        write_xlsx(pd.DataFrame({"raw": [b"\xff\xfe"]}), out)
    assert_nothing_left(tmp_path, "b.xlsx")
    write_xlsx(pd.DataFrame({"raw": [b"=1+1", "caf\u00e9".encode(), None], "n": [1, 2, 3]}), out)
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws["A"]] == ["raw", "=1+1", "caf\u00e9", None]
    assert ws["A2"].data_type == "s"  # never a formula


# ------------------------------------------------------------------ 8. permissions of a replaced file
@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_score_keeps_the_permissions_of_the_file_it_replaces(tmp_path, capsys, umask_022):
    """A private 0600 output became 0644 (world-readable) when written again."""
    src = tmp_path / "base.csv"
    src.write_text("task\nAnswer telephones.\n")
    out = tmp_path / "perm.csv"
    out.write_text("old\n")
    os.chmod(out, 0o600)
    assert score(capsys, src, out) == (0, "")
    assert _mode(out) == 0o600 and out.read_text().startswith("task,")
    fresh = tmp_path / "fresh.csv"
    assert score(capsys, src, fresh) == (0, "")
    assert _mode(fresh) == 0o644  # a new file: 0666 less the umask
    os.umask(0o077)
    write_json({"a": 1}, tmp_path / "m.json")
    assert _mode(tmp_path / "m.json") == 0o600


@pytest.mark.parametrize("writer, name", [(write_csv, "o.csv"), (write_parquet, "o.parquet"),
                                          (write_xlsx, "o.xlsx"), (write_stata, "o.dta")])
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_every_writer_keeps_the_mode_of_the_file_it_replaces(tmp_path, umask_022, writer, name, mode):
    out = tmp_path / name
    out.write_text("old")
    os.chmod(out, mode)
    writer(pd.DataFrame({"task": TASKS, "beta": [0.25, 0.5]}), out)
    assert _mode(out) == mode
    assert read_frame(out)["task"].tolist() == TASKS


def test_a_failed_write_leaves_the_old_file_and_its_mode(tmp_path):
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old")
    os.chmod(out, 0o600)
    with pytest.raises(DataFormatError):
        write_xlsx(pd.DataFrame({"id": [2**60]}), out)
    assert out.read_bytes() == b"old" and _mode(out) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["o.xlsx"]


# ------------------------------------------------------------------ 9. .xlsx: more than 16,384 columns
def test_xlsx_refuses_more_columns_than_a_sheet_holds(tmp_path, capsys):
    """Columns past XFD (the score columns) were written; Excel refuses or 'repairs' the sheet."""
    src = tmp_path / "w.parquet"
    wide = pd.DataFrame(np.zeros((2, XLSX_MAX_COLUMNS - 4)), columns=[f"c{i}" for i in range(XLSX_MAX_COLUMNS - 4)])
    wide.insert(0, "task", TASKS)
    wide.to_parquet(src, index=False)
    code, line = score(capsys, src, tmp_path / "w.xlsx")
    assert code == 2
    assert "w.xlsx: " in line and "columns do not fit in an .xlsx sheet (16,384 at most" in line
    assert ".csv or .parquet" in line
    assert_nothing_left(tmp_path, "w.xlsx")


def test_xlsx_column_limit_is_exact(tmp_path):
    with pytest.raises(DataFormatError, match=r"16,385 columns do not fit .*16,384 at most"):
        write_xlsx(pd.DataFrame(np.zeros((1, XLSX_MAX_COLUMNS + 1))), tmp_path / "o.xlsx")
    assert_nothing_left(tmp_path, "o.xlsx")
    out = write_xlsx(pd.DataFrame(np.ones((1, XLSX_MAX_COLUMNS))), tmp_path / "o.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.max_column == XLSX_MAX_COLUMNS


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"task": ["Weld.", "File."], "month": [pd.Period("2020-01", "M"), pd.Period("2020-02", "M")]}),
     r"o\.xlsx, row 2, column 'month': a cell holds a Period \(Period\('2020-01', 'M'\)\), which an \.xlsx sheet "
     r"cannot store"),
    (pd.DataFrame({"task": ["Weld.", "File."], "z": [1 + 2j, 3j]}, dtype=object),
     r"o\.xlsx, row 2, column 'z': a cell holds a complex number"),
])
def test_write_xlsx_refuses_cells_openpyxl_cannot_store(tmp_path, frame, message):
    """write_xlsx (write_frame) raised openpyxl's ValueError, without row or column; nothing is written."""
    out = tmp_path / "o.xlsx"
    with pytest.raises(DataFormatError, match=message):
        write_xlsx(frame, out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("column, message", [
    (pd.Series([1.5, np.inf]), r"o\.dta, row 3, column 'c': a cell holds an infinite number"),
    (pd.Series(pd.to_timedelta([1, 2], unit="s")), r"o\.dta, row 2, column 'c': the column holds durations"),
])
def test_write_stata_refuses_infinities_and_durations_with_row_and_column(tmp_path, column, message):
    """The docstring promised infinities refused: pandas' 'contains infinity' without a row was raised instead."""
    out = tmp_path / "o.dta"
    with pytest.raises(DataFormatError, match=message):
        write_stata(pd.DataFrame({"c": column}), out)
    assert list(tmp_path.iterdir()) == []


def test_xlsx_cells_with_carriage_returns_are_written_with_a_warning(tmp_path, caplog):
    # XML keeps line feeds only: "A\r\nB" read back as "A\nB", without a word
    out = write_xlsx(pd.DataFrame({"task": ["Type\rletters.", "A\r\nB", "Weld."]}), tmp_path / "o.xlsx")
    assert "2 cells hold a carriage return (first: row 2, column 'task')" in caplog.text
    assert pd.read_excel(out)["task"].tolist() == ["Type\nletters.", "A\nB", "Weld."]  # what the warning says
    caplog.clear()
    write_xlsx(pd.DataFrame({"task": ["A\nB", "Weld."]}), tmp_path / "p.xlsx")
    assert "carriage return" not in caplog.text
