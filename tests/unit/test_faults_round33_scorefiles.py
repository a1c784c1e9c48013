"""Fault round 33: ``exposure score INPUT -o OUTPUT`` and ``exposure.scoring._files``.

1. An input column named like a score column but for spaces around it (``method ``,
   `` alpha``: a scored file edited by hand, a header typed with a space): kept beside the
   score column of that name (``method `` and ``method``), exit 0; ``exposure rollup`` of
   the output (the documented chain) then refused it, for ``.csv``, ``.parquet`` and
   ``.xlsx`` outputs: ``column 'method' appears twice in the header (columns 5 and 16)``.
   Such a column is now replaced by the score column, as one named exactly so is, with
   the warning naming it; the output reads back.
2. A Parquet input that is empty (0 bytes: an interrupted copy) or no Parquet file (a CSV
   or a gzip file named ``.parquet``), scored in batches (the default): pyarrow's words,
   ``cannot read this Parquet file: Parquet file size is 0 bytes`` and ``... Parquet
   magic bytes not found in footer. Either the file is corrupted or this is not a parquet
   file.`` (two sentences), where the whole-file read (``--batch-rows 0``, an ``.xlsx``
   output) said ``file is empty`` and ``not a Parquet file (no PAR1 signature)``. Now the
   same message in batches as whole.
3. ``-o .csv`` (``-o "$NAME.csv"`` with ``$NAME`` unset or empty), or an input named
   ``.csv``: ``unsupported output file type '(none)'; use .csv, .parquet, .xlsx or .dta``,
   telling the user to use the extension they had given. Now the name is said to have
   nothing before its extension, with an example of a name to give.
4. A ``.dta`` output with more columns than a Stata file holds (32,767 variables, the
   input's columns and the 16 score columns): read and scored whole, then refused by the
   writer in pandas' words, ``cannot write as Stata .dta: You must use version 119 for
   data sets containing more than32,767 variables`` (two minutes for a file of one row
   and 32,760 columns). Now refused before any scoring, as an ``.xlsx`` output with more
   columns than a sheet holds is: ``32,776 columns do not fit in a Stata .dta file
   (32,767 variables at most); write .csv or .parquet``.
"""

from __future__ import annotations

import gzip
import logging

import pandas as pd
import pytest

from exposure._tables import read_frame
from exposure.cli import main
from exposure.cli._rollup import read_task_scores
from exposure.errors import DataFormatError
from exposure.scoring import SCORE_COLUMNS, _files
from exposure.scoring._files import file_kind, iter_task_batches, score_file

ROLLUP_CODES = ("11-1011.00", "11-1011.00", "11-1011.00")


def _tasks(extra: dict) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": list(ROLLUP_CODES), "task_id": ["8823", "8824", "8825"],
                          "task": ["Direct financial activities.", "Confer with board members.",
                                   "Analyze operations to evaluate performance."]})
    for name, value in extra.items():
        frame[name] = value
    return frame


# 1. a column named like a score column, but for spaces -------------------------------------


@pytest.mark.parametrize("name", ["method ", " alpha", "p_e0 "])
@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
@pytest.mark.parametrize("batch_rows", [1, None])
def test_a_score_name_padded_with_spaces_is_replaced(tmp_path, caplog, name, fmt, batch_rows):
    src = tmp_path / "in.csv"
    _tasks({name: "mine"}).to_csv(src, index=False)
    out = tmp_path / f"out.{fmt}"
    with caplog.at_level(logging.WARNING):
        score_file(src, out, "rubric", onet="none", batch_rows=batch_rows)
    back = read_frame(out)  # what exposure rollup reads: it refused a column named twice
    assert [c for c in back.columns if str(c).strip() == name.strip()] == [name.strip()]
    assert list(back.columns) == ["onetsoc_code", "task_id", "task", *SCORE_COLUMNS]
    assert repr(name) in caplog.text and "names of score columns" in caplog.text


def test_a_padded_score_name_output_rolls_up(tmp_path, capsys):
    src = tmp_path / "in.csv"
    _tasks({"method ": "hand"}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric"]) == 0
    scores = read_task_scores(out)  # the roll-up's reader: "column 'method' appears twice"
    assert scores["method"].eq("rubric").all()


def test_an_exact_score_name_is_still_replaced(tmp_path, caplog):
    src = tmp_path / "in.csv"
    _tasks({"label": "mine", "note": "kept"}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    with caplog.at_level(logging.WARNING):
        score_file(src, out, "rubric", onet="none")
    back = pd.read_csv(out, dtype=str)
    assert list(back.columns)[:4] == ["onetsoc_code", "task_id", "task", "note"]
    assert "'label'" in caplog.text


# 2. an empty or non-Parquet .parquet input, read in batches ---------------------------------


def _not_parquet(tmp_path, what: str):
    path = tmp_path / "tasks.parquet"
    if what == "empty":
        path.write_bytes(b"")
    elif what == "csv":
        path.write_text("task\nWeld pipes.\n")
    else:
        path.write_bytes(gzip.compress(b"task\nWeld pipes.\n"))
    return path


@pytest.mark.parametrize("what, message", [("empty", "file is empty"),
                                           ("csv", r"not a Parquet file: it looks like delimited text \(a CSV or "
                                                   r"TSV file named \.parquet\?\); rename it 'tasks\.csv'"),
                                           ("gzip", r"not a Parquet file: it is gzip-compressed data; decompress it "
                                                    r"first")])
def test_a_bad_parquet_input_is_named_alike_in_batches(tmp_path, what, message):
    src = _not_parquet(tmp_path, what)
    for batch_rows in (None, 2):
        with pytest.raises(DataFormatError, match=rf"^{src}: {message}$"):
            score_file(src, tmp_path / "out.csv", "rubric", onet="none", batch_rows=batch_rows)
        assert not (tmp_path / "out.csv").exists()
    with pytest.raises(DataFormatError, match=rf"^{src}: {message}$"):
        next(iter_task_batches(src, 2))


def test_a_bad_parquet_input_cli_one_line(tmp_path, capsys):
    src = _not_parquet(tmp_path, "empty")
    code = main(["score", str(src), "-o", str(tmp_path / "out.csv"), "--onet", "none",
                 "--method", "rubric"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "file is empty" in err and "size is 0 bytes" not in err


# 3. a file name that is an extension alone ------------------------------------------------


@pytest.mark.parametrize("name", [".csv", ".parquet", ".xlsx", ".DTA"])
def test_an_output_named_by_its_extension_alone(tmp_path, name):
    with pytest.raises(DataFormatError, match=rf"nothing before its extension {name.lower()!r}: "
                                              r"give a name such as scores") as err:
        file_kind(tmp_path / name, "output")
    assert "(none)" not in str(err.value)


def test_an_input_named_by_its_extension_alone(tmp_path, capsys):
    src = tmp_path / ".csv"
    src.write_text("task\nWeld pipes.\n")
    code = main(["score", str(src), "-o", str(tmp_path / "out.csv"), "--onet", "none",
                 "--method", "rubric"])
    err = capsys.readouterr().err
    assert code == 2 and "(none)" not in err
    assert "nothing before its extension '.csv'" in err
    assert not (tmp_path / "out.csv").exists()


def test_the_cli_names_an_empty_stem(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    code = main(["score", str(src), "-o", str(tmp_path / ".csv"), "--onet", "none",
                 "--method", "rubric"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "nothing before its extension '.csv'" in err
    assert not (tmp_path / ".csv").exists()


def test_a_hidden_name_with_an_extension_is_still_read(tmp_path):
    assert file_kind(tmp_path / ".scores.csv", "output") == "csv"


# 4. a .dta output wider than Stata holds -----------------------------------------------------


def test_a_dta_output_too_wide_is_refused_before_scoring(tmp_path, monkeypatch):
    # the limit lowered for a small file (32,767 columns take seconds to read)
    limit = 3 + 2 + len(SCORE_COLUMNS)  # onetsoc_code, task_id, task, c0, c1 and the scores
    monkeypatch.setattr(_files, "STATA_MAX_VARIABLES", limit)
    src = tmp_path / "in.csv"
    _tasks({f"c{i}": "1" for i in range(2)}).to_csv(src, index=False)
    out = tmp_path / "out.dta"
    score_file(src, out, "rubric", onet="none")  # as many columns as the limit: written
    assert len(pd.read_stata(out).columns) == limit
    out.unlink()
    _tasks({f"c{i}": "1" for i in range(3)}).to_csv(src, index=False)
    with pytest.raises(DataFormatError, match=rf"out\.dta: {limit + 1} columns do not fit in a "
                                              rf"Stata \.dta file \({limit} variables at most\); "
                                              r"write \.csv or \.parquet$"):
        score_file(src, out, "rubric", onet="none")
    assert not out.exists()


def test_the_stata_limit_is_stata_s():
    assert _files.STATA_MAX_VARIABLES == 32_767


def test_a_too_wide_dta_output_names_the_input_problem_first(tmp_path, monkeypatch):
    monkeypatch.setattr(_files, "STATA_MAX_VARIABLES", 3 + 2 + len(SCORE_COLUMNS))
    src = tmp_path / "in.csv"
    frame = _tasks({f"c{i}": "1" for i in range(3)})
    frame.loc[1, "task"] = None
    frame.to_csv(src, index=False)
    with pytest.raises(DataFormatError, match=r"in\.csv, row 3, column 'task'"):
        score_file(src, tmp_path / "out.dta", "rubric", onet="none")
