"""Fault round 21: ``score_tasks`` and ``exposure score`` (``exposure.scoring._files.score_file``).

1. A task text with no letter or digit: only invisible format characters (a zero-width
   space, a byte-order mark, a soft hyphen), a NUL character, a lone combining accent, or
   punctuation standing for "no task" (``-``, ``...``). ``learned`` scored it (E0, beta
   0.21, with the low-confidence warning); ``rubric`` scored ``-`` and ``\\x00`` silently
   and refused the format characters with a message that showed ``''`` (the text after
   normalisation, not the cell) and a 0-based ``(index 0)``. Now refused before scoring,
   naming the row and column and showing the cell as it is.
2. A repeated header line in the middle of a file (two CSV files joined with ``cat``,
   with or without a byte-order mark; O*NET's own headers too): the header was scored as a
   task, exit 0. Now refused, naming the line, whole and in batches, and in
   ``score_tasks`` (a row whose cells are the column names).
3. ``--batch-rows`` of 2**63 or more on a Parquet input: ``OverflowError: Python int too
   large to convert to C long``, a traceback and exit 1. Now a batch holds the whole file.
4. ``score_file(..., batch_rows=0)`` (``-1``, ``2.5``, ``"10"``, ``True``): ``ValueError``,
   pandas' ``'chunksize' must be an integer >=1``, ``TypeError: '<' not supported``.
   Now a DataFormatError naming the argument; ``1000.0`` is 1000.
5. ``score_file(src, src)`` (also through a symbolic link): the input file was replaced by
   the scores, without a word (the command line refused it, the function did not). Now
   refused before any work, as ``exposure score`` refuses it.
6. An ``.xlsx`` input of several sheets: the first was scored, the others were left out
   without a word, exit 0. Now the command says so in its note, naming the other sheets.
7. A Parquet input holding a NUL character, written to ``.csv``: a file that the library
   (``exposure rollup``, ``read_frame``) then refuses as binary. Now refused before any
   scoring, naming the output file, row and column, as the ``.dta`` output refuses it.
8. Input columns named like score columns (``label``, ``alpha``, ``method``, ``confidence``):
   the output file held the scores there and the input's values were lost without a word.
   Now a warning names the columns (an input that is itself a scored file, with
   ``p_e0``, ``p_e1``, ``p_e2``, is re-scored without one).
   Also for a ``.csv`` output: a Parquet column whose name holds a line break or a NUL
   was written as a header the library cannot read (``row 1: too many fields: expected
   2, got 17``; ``file is binary``). Now refused before any scoring, naming the column.
9. ``score_tasks(frame.set_index("task"))``: ``missing text column 'task' (columns:
   ['n'])``, not saying where the column went. The message now says it is the index.
"""

import logging
import os

import openpyxl
import pandas as pd
import pytest

from exposure.cli import main
from exposure.errors import DataFormatError, ExposureError
from exposure.scoring import score_tasks
from exposure.scoring._files import iter_task_batches, read_task_file, score_file

MIRROR = os.environ.get("EXPOSURE_MIRROR", "/work/shared/data")


def _score(src, out, *extra):
    return main(["score", str(src), "-o", str(out), "--onet", "none", *extra])


# 1. texts with no letter or digit ----------------------------------------------------------

NO_WORD = ["\u200b", "\ufeff", "\u00ad", "\u200b\u200b ", "\x00", "\u0301", "-", "...!!!"]


@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize("text", NO_WORD)
def test_text_without_letter_or_digit_is_refused(method, text):
    frame = pd.DataFrame({"task": ["Weld pipes.", text]}, index=[10, 11])
    with pytest.raises(DataFormatError) as err:
        score_tasks(frame, method)
    assert str(err.value) == (f"row 2, column 'task': task text holds no letter or digit, got "
                              f"{text!r}: give the task statement (a placeholder for no task "
                              "is not one; drop such rows) (index 11)")  # label: round 33


def test_texts_with_invisible_characters_inside_words_still_scored():
    frame = pd.DataFrame({"task": ["Pre\u200bpare r\u00e9sum\u00e9s for clients.", "\ufeffWeld.",
                                   "(a) Type letters.", "5S audits", "\u96fb\u8a71\u306b\u5fdc\u7b54"]})
    out = score_tasks(frame, "rubric")
    assert out["label"].notna().all()


@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_cli_refuses_a_placeholder_task(tmp_path, capsys, batch_rows):
    src = tmp_path / "dash.csv"
    src.write_text("task,note\nWeld pipes.,a\n-,b\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows) == 2
    err = capsys.readouterr().err
    assert "dash.csv, row 3, column 'task': task text holds no letter or digit, got '-'" in err
    assert not (tmp_path / "o.csv").exists()


# 2. a repeated header line -------------------------------------------------------------------

@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("batch_rows", ["0", "1", "2", "10000"])
def test_concatenated_csv_is_refused_at_its_second_header(tmp_path, capsys, bom, batch_rows):
    part = f"{bom}task,note\nAnswer telephones.,a\nWeld pipes.,b\n"
    src = tmp_path / "cat.csv"
    src.write_text(part + part.replace("Weld", "Sew"), encoding="utf-8")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows, "--method", "rubric") == 2
    err = capsys.readouterr().err
    assert ("cat.csv, row 4, column 'task': the row repeats the header ('task', 'note'): two "
            "files joined into one? remove the line") in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_repeated_onet_header_is_refused(tmp_path, capsys, batch_rows):
    src = tmp_path / "onet.csv"
    src.write_text("Task,Title\nAnswer telephones.,Receptionists\nTask,Title\nWeld.,Welders\n")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows, "--method", "rubric") == 2
    assert ("onet.csv, row 3, column 'task': the row repeats the header ('Task', 'Title')"
            in capsys.readouterr().err)


def test_one_column_file_with_repeated_header_is_refused(tmp_path, capsys):
    src = tmp_path / "one.csv"
    src.write_text("task\nAnswer telephones.\ntask\nWeld pipes.\n")
    assert _score(src, tmp_path / "o.csv", "--method", "rubric") == 2
    assert "one.csv, row 3, column 'task': the row repeats the header ('task')" in capsys.readouterr().err


def test_score_tasks_refuses_a_row_of_column_names():
    frame = pd.DataFrame({"task": ["Weld pipes.", "task", "Sew."], "n": ["1", "n", "2"]})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': the row repeats the header "
                                              r"\('task', 'n'\)"):
        score_tasks(frame, "rubric")
    # a task that is the word of its column, beside other values, is scored
    ok = pd.DataFrame({"task": ["Weld pipes.", "task"], "n": ["1", "2"]})
    assert len(score_tasks(ok, "rubric")) == 2


# 3./4. batch_rows ------------------------------------------------------------------------------

@pytest.mark.parametrize("rows", ["9223372036854775807", "9223372036854775808", str(10**30)])
def test_huge_batch_rows_on_parquet(tmp_path, capsys, rows):
    src = tmp_path / "in.parquet"
    pd.DataFrame({"task": ["Answer telephones.", "Weld pipes."], "n": [1, 2]}).to_parquet(src)
    assert _score(src, tmp_path / "whole.csv", "--batch-rows", "0", "--method", "rubric") == 0
    assert _score(src, tmp_path / "big.csv", "--batch-rows", rows, "--method", "rubric") == 0
    assert (tmp_path / "big.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


@pytest.mark.parametrize("rows, shown", [(0, "int 0"), (-1, "int -1"), (2.5, "float 2.5"),
                                         ("10", "str '10'"), (True, "bool True")])
def test_score_file_batch_rows_checked(tmp_path, rows, shown):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    with pytest.raises(DataFormatError, match="^batch_rows must be a whole number of 1 or more "
                       r"\(or None: the whole file at once\), got " + shown):
        score_file(src, tmp_path / "o.csv", "rubric", batch_rows=rows)
    assert not (tmp_path / "o.csv").exists()


def test_score_file_batch_rows_whole_float_and_iter_batches(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\nSew.\n")
    assert score_file(src, tmp_path / "o.csv", "rubric", batch_rows=1000.0).n_tasks == 2
    with pytest.raises(DataFormatError, match="batch_rows must be a whole number of 1 or more"):
        list(iter_task_batches(src, 0))


# 5. score_file(src, src) ----------------------------------------------------------------------

@pytest.mark.parametrize("link", [False, True])
def test_score_file_refuses_to_overwrite_its_input(tmp_path, link):
    src = tmp_path / "in.csv"
    text = "task,note\nWeld pipes.,a\n"
    src.write_text(text)
    dst = src
    if link:
        dst = tmp_path / "link.csv"
        dst.symlink_to(src)
    with pytest.raises(ExposureError, match="cannot write: the output is the input file"):
        score_file(src, dst, "rubric")
    assert src.read_text() == text


# 6. a workbook of several sheets ------------------------------------------------------------

def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


def test_xlsx_with_other_sheets_says_they_were_not_read(tmp_path, capsys):
    src = tmp_path / "multi.xlsx"
    _workbook(src, {"Jan": [["task", "n"], ["Answer telephones.", "1"]],
                    "Feb": [["task", "n"], ["Weld pipes.", "2"]], "Mar": [["task"]]})
    assert _score(src, tmp_path / "o.csv", "--method", "rubric") == 0
    captured = capsys.readouterr()
    assert "scored 1 task with" in captured.out
    assert ("exposure score: note: only the first sheet of multi.xlsx, 'Jan', was read; the "
            "workbook also has 'Feb', 'Mar', which were not: score each sheet as a file of its "
            "own, or move their rows to the first sheet") in captured.err


def test_xlsx_of_one_sheet_has_no_note(tmp_path, capsys):
    src = tmp_path / "one.xlsx"
    _workbook(src, {"Data": [["task"], ["Answer telephones."]]})
    assert _score(src, tmp_path / "o.csv", "--method", "rubric") == 0
    assert "note" not in capsys.readouterr().err


# 7. NUL characters into a CSV output ----------------------------------------------------------

@pytest.mark.parametrize("batch_rows", ["0", "1", "10000"])
def test_nul_character_refused_for_csv_output(tmp_path, capsys, batch_rows):
    src = tmp_path / "nul.parquet"
    pd.DataFrame({"task": ["Answer telephones.", "Weld pipes.", "Sew."],
                  "note": ["a", "b\x00c", "d"]}).to_parquet(src)
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows, "--method", "rubric") == 2
    err = capsys.readouterr().err
    assert ("o.csv, row 3, column 'note': a cell holds a NUL character (\\x00), which a .csv file "
            "cannot hold (the library reads a file with one as binary, so exposure rollup could "
            "not read the scores); write .parquet, or remove the character") in err
    assert not (tmp_path / "o.csv").exists()
    assert _score(src, tmp_path / "o.parquet", "--batch-rows", batch_rows, "--method", "rubric") == 0
    assert read_task_file(tmp_path / "o.parquet")["note"].tolist() == ["a", "b\x00c", "d"]


def test_input_problem_before_nul_reported_first(tmp_path, capsys):
    src = tmp_path / "nul.parquet"
    pd.DataFrame({"task": ["Answer telephones.", " ", "Sew."],
                  "note": ["a", "b", "c\x00"]}).to_parquet(src)
    assert _score(src, tmp_path / "o.csv", "--batch-rows", "0", "--method", "rubric") == 2
    assert "nul.parquet, row 2, column 'task': task text must be a non-empty string" in capsys.readouterr().err


# 8. input columns replaced by the scores --------------------------------------------------------

@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_replaced_input_columns_are_named(tmp_path, caplog, batch_rows):
    src = tmp_path / "coll.csv"
    src.write_text("task,label,alpha,method\nAnswer telephones.,mine,x,survey\nWeld pipes.,yours,y,survey\n")
    with caplog.at_level(logging.WARNING):
        assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows, "--method", "rubric") == 0
    said = [r.getMessage() for r in caplog.records if "score columns" in r.getMessage()]
    assert said == [f"{src}: the input column(s) 'label', 'alpha', 'method' have the names of score "
                    "columns: o.csv holds the scores there, not the input's values (rename them "
                    "to keep them)"]


def test_rescoring_a_scored_file_says_nothing(tmp_path, caplog):
    src = tmp_path / "in.csv"
    src.write_text("task\nAnswer telephones.\n")
    assert _score(src, tmp_path / "s1.csv", "--method", "rubric") == 0
    with caplog.at_level(logging.WARNING):
        assert _score(tmp_path / "s1.csv", tmp_path / "s2.csv", "--method", "rubric") == 0
    assert not [r for r in caplog.records if "score columns" in r.getMessage()]


@pytest.mark.parametrize("name, what", [("no\nte", "a line break"), ("x\x00", "a NUL character (\\x00)")])
@pytest.mark.parametrize("batch_rows", ["0", "1"])
def test_column_name_a_csv_header_cannot_hold(tmp_path, capsys, name, what, batch_rows):
    src = tmp_path / "names.parquet"
    pd.DataFrame({"task": ["Answer telephones.", "Weld pipes."], name: ["a", "b"]}).to_parquet(src)
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows, "--method", "rubric") == 2
    assert (f"o.csv, row 1, column {name!r}: the column name holds {what}, which the header of a "
            ".csv file cannot hold (the library could not read the scores back); rename the "
            "column, or write .parquet") in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
    assert _score(src, tmp_path / "o.parquet", "--batch-rows", batch_rows, "--method", "rubric") == 0


# 9. the text column set as the index ---------------------------------------------------------

def test_text_column_in_the_index_is_named():
    frame = pd.DataFrame({"task": ["Weld pipes."], "n": [1]}).set_index("task")
    with pytest.raises(DataFormatError, match=r"^column 'task': missing text column 'task' "
                       r"\(columns: \['n'\]\); it is a level of the frame's index: "
                       r"frame.reset_index\(\) makes it a column again$"):
        score_tasks(frame, "rubric")


def test_header_check_reads_missing_and_unhashable_cells():
    frame = pd.DataFrame({"task": pd.Series(["Weld pipes.", pd.NA, ["x"]], dtype=object)})
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text must be a non-empty string"):
        score_tasks(frame, "rubric")
