"""Faults of ``exposure score`` / ``rollup`` with researchers' own files, found in round 5.

1. Excel's empty trailing rows (lines of separators only, ``,`` or ``,,,,``) were refused
   ("task text must be a non-empty string", "onetsoc_code missing"), while blank trailing
   lines and empty trailing ``.xlsx`` rows were ignored;
2. a semicolon-separated CSV (European Excel) was blamed on "an unquoted comma";
3. Excel's ``sep=;`` / ``sep=,`` first line gave misleading errors;
4. a named pipe, ``-`` and ``-o -`` were "not found" or "unsupported file type '(none)'";
5. ``-o newdir/`` (nothing there) said "is a directory";
6. a Windows-1252 byte was reported without saying what to do;
7. the CLI's formula warning pointed to ``formulas='keep'``, which the CLI does not have.
"""

from __future__ import annotations

import logging
import os

import pandas as pd
import pytest
from _cli import _no_env, rollup_args, run  # noqa: F401 (_no_env: autouse fixture)

from exposure._tables import check_delimited_file, read_frame
from exposure.errors import DataFormatError
from exposure.scoring._files import read_task_file, score_file

RUBRIC = ["--method", "rubric", "--onet", "none"]
BASE = "task,title\nAnswer telephones.,Receptionist\nFrame walls.,Carpenter\n"


# 1. empty trailing records ------------------------------------------------------------

@pytest.mark.parametrize("tail", [",\n,\n", ",\r\n,\r\n", ",\n\n,\n", ',""\n'])
@pytest.mark.parametrize("batch", ["0", "1", "10000"])
def test_trailing_separator_rows_are_ignored_by_score(tmp_path, capsys, tail, batch):
    clean, trailing = tmp_path / "clean.csv", tmp_path / "trail.csv"
    clean.write_text(BASE)
    trailing.write_bytes((BASE + tail).encode())
    assert run(capsys, "score", clean, "-o", tmp_path / "a.csv", *RUBRIC, "--batch-rows", batch) == (0, "")
    assert run(capsys, "score", trailing, "-o", tmp_path / "b.csv", *RUBRIC,
               "--batch-rows", batch) == (0, "")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def _rollup_csv(fixtures, scores, out):
    return rollup_args(fixtures, scores, out, "--format", "csv")


def test_trailing_separator_rows_are_ignored_by_the_readers(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(BASE + ",\n,\n")
    assert read_frame(p)["task"].tolist() == ["Answer telephones.", "Frame walls."]
    assert read_task_file(p)["task"].tolist() == ["Answer telephones.", "Frame walls."]
    t = tmp_path / "t.tsv"
    t.write_text(BASE.replace(",", "\t") + "\t\n\t\n")
    assert len(read_frame(t)) == 2 and len(read_task_file(t)) == 2


def test_trailing_separator_rows_are_ignored_by_rollup(tmp_path, capsys, fixtures):
    src = fixtures / "rollup" / "task_scores_tiny.csv"
    text = src.read_text()
    width = text.splitlines()[0].count(",")
    trailing = tmp_path / "trail.csv"
    trailing.write_text(text.replace("\n", "\r\n") + ("," * width + "\r\n") * 3)
    assert run(capsys, *_rollup_csv(fixtures, src, tmp_path / "a"))[0] == 0
    assert run(capsys, *_rollup_csv(fixtures, trailing, tmp_path / "b"))[0] == 0
    for f in sorted((tmp_path / "a").glob("*.csv")):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


@pytest.mark.parametrize("batch", ["0", "1"])
def test_an_empty_record_in_the_middle_is_still_refused(tmp_path, capsys, batch):
    p = tmp_path / "mid.csv"
    p.write_text("task,title\nAnswer telephones.,Receptionist\n,\nFrame walls.,Carpenter\n")
    code, err = run(capsys, "score", p, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert "row 3, column 'task': task text must be a non-empty string" in err


# 2. semicolon-separated CSV -----------------------------------------------------------

@pytest.mark.parametrize("body", [
    "task;title\nAnswer telephones, relay messages.;Receptionist\nFrame walls.;Carpenter\n",
    "task;title;weight\nAnswer telephones.;Receptionist;0,5\n",
    "task;title\nAnswer telephones.;Receptionist\n",  # no comma at all
])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_semicolon_separated_csv_says_so(tmp_path, capsys, body, batch):
    p = tmp_path / "semi.csv"
    p.write_text(body)
    code, err = run(capsys, "score", p, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert "semicolon-separated" in err and "CSV UTF-8" in err, err
    assert "unquoted comma" not in err


def test_a_semicolon_separated_scores_file_says_so_in_rollup(tmp_path, capsys, fixtures):
    frame = pd.read_csv(fixtures / "rollup" / "task_scores_tiny.csv", dtype=str)
    p = tmp_path / "semi.csv"
    frame.to_csv(p, sep=";", index=False)
    code, err = run(capsys, *_rollup_csv(fixtures, p, tmp_path / "r"))
    assert code == 2
    assert "semicolon-separated" in err, err


def test_a_one_column_header_holding_a_semicolon_alone_is_read(tmp_path):
    p = tmp_path / "one.csv"
    p.write_text("task;note\nAnswer telephones.\n")
    assert read_frame(p).columns.tolist() == ["task;note"]
    assert check_delimited_file(p) == ["task;note"]


# 3. Excel's sep= line -----------------------------------------------------------------

@pytest.mark.parametrize("body, expect", [
    ("sep=;\ntask;title\nAnswer telephones.;Receptionist\n", "semicolon-separated"),
    ("sep=,\ntask,title\nAnswer telephones.,Receptionist\n", "delete that line"),
])
@pytest.mark.parametrize("batch", ["0", "1"])
def test_excel_sep_line_is_recognised(tmp_path, capsys, body, expect, batch):
    p = tmp_path / "sepline.csv"
    p.write_text(body)
    code, err = run(capsys, "score", p, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert "row 1" in err and "sep=" in err and expect in err, err


# 4. pipes and standard input/output ---------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_not_a_regular_file(tmp_path, capsys, fixtures):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for argv in (["score", fifo, "-o", tmp_path / "o.csv", *RUBRIC],
                 _rollup_csv(fixtures, fifo, tmp_path / "r")):
        code, err = run(capsys, *argv)
        assert code == 2
        assert f"{fifo}: is not a regular file (a named pipe)" in err, err  # round 81: which
        assert "standard input" in err and "not found" not in err


def test_standard_input_and_output_are_refused_by_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text(BASE)
    code, err = run(capsys, "score", "-", "-o", "o.csv", *RUBRIC)
    assert code == 2 and "standard input" in err and "(none)" not in err, err
    code, err = run(capsys, "score", "in.csv", "-o", "-", *RUBRIC)
    assert code == 2 and "standard output" in err and "(none)" not in err, err
    with pytest.raises(DataFormatError, match="standard output"):
        score_file("in.csv", "-", "rubric", onet="none")


# 5. -o DIR/ that does not exist -------------------------------------------------------

def test_output_ending_in_a_slash_asks_for_a_file_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text(BASE)
    code, err = run(capsys, "score", "in.csv", "-o", "nodir3/", *RUBRIC)
    assert code == 2
    assert "is a directory" not in err
    assert "a file name, not a directory path" in err and "nodir3/" in err, err
    assert not (tmp_path / "nodir3").exists()


# 6. Windows-1252 ----------------------------------------------------------------------

@pytest.mark.parametrize("batch", ["0", "1"])
def test_a_windows_1252_byte_says_to_save_as_utf8(tmp_path, capsys, batch):
    p = tmp_path / "cp1252.csv"
    p.write_bytes("task,title\nPrépare meals.,Cook\n".encode("cp1252"))
    code, err = run(capsys, "score", p, "-o", tmp_path / "o.csv", *RUBRIC, "--batch-rows", batch)
    assert code == 2
    assert "byte 0xe9 is not valid UTF-8" in err
    assert "Windows-1252" in err and "'é'" in err and "CSV UTF-8" in err, err


# 7. formula warning on the command line -----------------------------------------------

def test_the_cli_formula_warning_names_what_the_cli_can_do(tmp_path, capsys, caplog):
    p = tmp_path / "dash.csv"
    p.write_text("task,title,note\n- Answer telephones.,Receptionist,-5\n")
    with caplog.at_level(logging.WARNING):
        assert run(capsys, "score", p, "-o", tmp_path / "o.csv", *RUBRIC)[0] == 0
    text = caplog.text
    assert "leading '" in text and "formulas='keep'" not in text
    assert ".parquet or .xlsx" in text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        score_file(p, tmp_path / "api.csv", "rubric", onet="none")
    assert "formulas='keep'" in caplog.text  # the API's own option
