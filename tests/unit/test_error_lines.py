"""Errors about a CSV record name its line too when a quoted cell above spans lines.

``row 3`` is the record as a spreadsheet shows it (header = row 1); a cell spanning two
lines above puts it on line 4 of the file, and ``exposure score`` says
``row 3 (line 4)`` (:func:`exposure._lines.record_line`, :meth:`DataFormatError.with_line`).
"""

from __future__ import annotations

import pytest

from exposure._lines import record_line
from exposure.cli import main, with_record_line
from exposure.errors import DataFormatError, SchemaError

SCORE = ["--method", "rubric", "--onet", "none"]
MULTILINE = ('O*NET-SOC Code,Task ID,Task\n11-1011.00,1,"Direct the work\nacross two lines."\n'
             "11-1011.00,2,\n")


pytestmark = pytest.mark.usefixtures("no_env")


def cli(capsys, *args):
    """Run ``exposure ARGS`` in this process; return (exit code, the one error line)."""
    code = main([str(a) for a in args])
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith(("WARNING", "INFO"))]
    assert len(lines) == 1 and "Traceback" not in err, err
    return code, lines[0]


# ------------------------------------------------------------------ record_line
@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_record_line_after_a_cell_spanning_lines(tmp_path, end):
    path = tmp_path / "t.csv"
    text = f'task,title{end}"Weld{end}then{end}grind.",Welder{end}Sew.,Tailor{end}"a{end}b",c{end}Cut.,d{end}'
    path.write_bytes(text.encode())
    assert [record_line(path, r) for r in range(1, 7)] == [1, 2, 5, 6, 8, None]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_record_line_is_the_row_without_multi_line_cells(tmp_path, end):
    path = tmp_path / "t.csv"
    path.write_bytes(end.join(["task,title", '"Weld, grind.",Welder', "Sew.,Tailor", ""]).encode())
    assert [record_line(path, r) for r in (1, 2, 3)] == [1, 2, 3]
    assert record_line(path, 4) is None


def test_record_line_with_a_bom_and_an_upper_case_suffix(tmp_path):
    path = tmp_path / "T.CSV"
    path.write_bytes(b'\xef\xbb\xbftask\r\n"two\r\nlines"\r\nthree\r\n')
    assert record_line(path, 1) == 1 and record_line(path, 3) == 4


def test_record_line_counts_an_empty_line_as_a_record(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text('task\n"a\nb"\n\nc\n')
    assert [record_line(path, r) for r in (2, 3, 4, 5)] == [2, 4, 5, None]


def test_record_line_stops_at_the_record(tmp_path):
    """Streams: a parse error (an unterminated quote) after the record does not matter."""
    path = tmp_path / "t.csv"
    path.write_text('task\n"a\nb"\nc\n"never closed\n' + "x\n" * 1000)
    assert record_line(path, 3) == 4
    assert record_line(path, 99999) is None


@pytest.mark.parametrize("name", ["t.tsv", "t.txt", "t.xlsx", "t.csv.gz", "t"])
def test_record_line_of_a_file_that_is_not_csv_is_none(tmp_path, name):
    path = tmp_path / name
    path.write_text('task\n"a\nb"\nc\n')
    assert record_line(path, 3) is None


def test_record_line_of_a_missing_unreadable_or_odd_file_is_none(tmp_path):
    assert record_line(tmp_path / "missing.csv", 2) is None
    (tmp_path / "dir.csv").mkdir()
    assert record_line(tmp_path / "dir.csv", 1) is None
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(b"task\n\xe9t\xe9\nc\n")
    assert record_line(bad, 3) is None
    good = tmp_path / "good.csv"
    good.write_text("task\na\n")
    assert record_line(good, 0) is None and record_line(good, 1.5) is None


# ------------------------------------------------------------------ DataFormatError
def test_with_line_rebuilds_the_message_and_keeps_the_class():
    err = SchemaError("bad", path="s.csv", row=3, column="task")
    got = err.with_line(4)
    assert type(got) is SchemaError and (got.row, got.line, got.reason) == (3, 4, "bad")
    assert str(got) == "s.csv, row 3 (line 4), column 'task': bad"
    assert str(err.with_line(3)) == str(err) == "s.csv, row 3, column 'task': bad"


def test_with_record_line_leaves_other_errors_alone(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(MULTILINE)
    located = with_record_line(DataFormatError("x", path=path, row=3))
    assert str(located).endswith("row 3 (line 4): x")
    for err in (DataFormatError("x", row=3), DataFormatError("x", path=path),
                DataFormatError("x", path=path, row=3, line=9),
                DataFormatError("x", path=tmp_path / "t.xlsx", row=3)):
        assert with_record_line(err) is err


# ------------------------------------------------------------------ exposure score
def test_score_names_the_line_of_a_record_below_a_multi_line_cell(tmp_path, capsys):
    src = tmp_path / "ml.csv"
    src.write_text(MULTILINE)
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    assert line.startswith("exposure score: error: ") and line.endswith(
        "ml.csv, row 3 (line 4), column 'task': task text must be a non-empty string, got a missing value")


def test_score_names_the_line_in_batches_too(tmp_path, capsys):
    src = tmp_path / "ml.csv"
    src.write_bytes((MULTILINE.replace("11-1011.00,2,\n", "11-1011.00,2,Sew.\n11-1011.00,3,\n"))
                    .replace("\n", "\r\n").encode())
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE, "--batch-rows", "1")
    assert code == 2 and "ml.csv, row 4 (line 5), column 'task'" in line


def test_score_message_is_unchanged_without_multi_line_cells(tmp_path, capsys):
    src = tmp_path / "plain.csv"
    src.write_text('O*NET-SOC Code,Task ID,Task\n11-1011.00,1,"Direct, then report."\n11-1011.00,2,\n')
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and "plain.csv, row 3, column 'task':" in line and "(line" not in line


def test_score_field_count_error_below_a_multi_line_cell(tmp_path, capsys):
    """check_delimited_file names the record and its line (it named the line as the row)."""
    src = tmp_path / "wide.csv"
    src.write_text('task,title\n"Weld\nthen grind.",Welder\nSew.,Tailor,x\nCut.,Cutter\n')
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and "wide.csv, row 3 (line 4): too many fields" in line


def test_score_blank_line_below_a_multi_line_cell(tmp_path, capsys):
    src = tmp_path / "b.csv"
    src.write_text('task,title\n"Weld\nthen grind.",Welder\n\nSew.,Tailor\n')
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and "b.csv, row 3 (line 4): empty line" in line


def test_an_xlsx_formula_never_computed_is_named(tmp_path, capsys):
    """It was reported as an empty cell: 'task text must be a non-empty string, got nan'."""
    import openpyxl

    src = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["task", "title"])
    ws.append(["Weld pipes.", "Welder"])
    ws.append(['=CONCATENATE("Operate ","a forklift")', "Forklift"])
    wb.save(src)
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2
    # (round 26: read_frame refuses the cell itself, in any column)
    assert ("formula.xlsx, row 3, column 'task': the cell holds the formula "
            '=CONCATENATE("Operate ","a forklift") and no saved value') in line
    ws["A3"] = None  # truly empty: the message stays as it was
    wb.save(src)
    code, line = cli(capsys, "score", src, "-o", tmp_path / "o.csv", *SCORE)
    assert code == 2 and "the cell holds the formula" not in line
