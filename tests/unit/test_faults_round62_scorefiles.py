"""Fault round 62 (scorefiles): ``exposure score FILE`` of Parquet files written by pandas.

Faults found (each test below failed before its fix):

1. A Parquet input written by pandas with a Period column (``month``:
   ``pd.period_range("2024-01", ...)``) or an Interval column, scored to a Parquet output
   in batches (``exposure score in.parquet -o out.parquet``, the default
   ``--batch-rows``), was written with the Periods as plain integers (``2024-01`` read back
   as ``648``) and the Intervals as maps of their two ends, without a word, exit 0: the
   stream's writer did not run the check of :func:`exposure._io.write_parquet`, which
   refused the same file scored whole (``--batch-rows 0``), after all the scoring. Now
   refused before any scoring, whole and in batches, in the writer's words:
   ``out.parquet, row 2, column 'month': cannot write as Parquet: the column holds Periods
   (period[M]), which a Parquet file written here stores as plain integers ...``; nothing
   is written.
2. A Parquet input written by pandas from a frame whose column labels are numbers
   (``pd.DataFrame(rows).to_parquet(...)``: labels 0, 1, which the file stores as the
   names ``'0'``, ``'1'``) was read with pandas' labels, the numbers, which no
   ``--text-column`` can name: ``missing text column '0' (columns: [0, 1])``; with an
   index stored beside them (``set_index("posting_id")``) every such column was dropped
   and the error said the file held the index alone (``missing text column '0'
   (columns: ['posting_id'])``). Now the columns keep the names the file stores, as text,
   whole and in batches: ``--text-column 0`` scores the file, whose output keeps the
   columns ``0``, ``1`` (and ``posting_id``).
3. A task file whose job zones or titles are under another name than the library's
   (``JOB_ZONE``, ``jobzone``, ``Job Title``: a header typed or exported by hand; the file
   reader renames only O*NET's own ``Job Zone`` and ``Title``) was scored without them
   (no entry-level gate of ``entry_creative``, no rubric prior of the zone, no occupation
   context of the title), without a word, exit 0: ``score_tasks`` warns of such columns
   for a frame, but not for one batch of a file, and the file reader said nothing. Now
   the file gets ``score_tasks``' warnings, once for the file whole or in batches (and
   after a stream that went back to scoring the file whole): ``no 'job_zone' column, but
   the frame has 'JOB_ZONE': it is not read (the rows are tagged without it); rename that
   column 'job_zone'``; ``no 'title' column, but the frame has 'Job Title': ...; give
   occupation_column='Job Title'``. A column given as the text or occupation column is
   not warned of.
4. ``exposure score "" -o out.csv`` (``exposure score "$IN"`` with ``IN`` unset) said
   ``src is empty: give a task file path (...)`` (``--engine dask``: ``src is empty: give
   a Parquet file or directory``), naming the parameter of ``score_file``, which the
   command has not. Now ``INPUT is empty: give the task file's name (an empty path would
   be read as the current directory)``, before anything is read.
"""

from __future__ import annotations

import logging

import pandas as pd
import pyarrow.parquet as pq
import pytest
from _cli import _no_env  # noqa: F401 (autouse fixture)
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring._files import iter_task_batches, read_task_file, score_file

TASKS = ["Draft replies to routine customer emails.", "Triage support tickets in Zendesk.",
         "Frame walls and floors with lumber.", "Install doors and windows."]
SCORE = ["--method", "rubric", "--onet", "none"]


# ------------------------------------------------------------------ 1. Periods, Intervals
def periods(tmp_path):
    """A Parquet file written by pandas with a Period column ``month``."""
    src = tmp_path / "in.parquet"
    pd.DataFrame({"task": TASKS, "month": pd.period_range("2024-01", periods=4, freq="M")}).to_parquet(src)
    return src


@pytest.mark.parametrize("batch_rows", ["1", "2"])
def test_period_column_to_parquet_refused_in_batches(tmp_path, capsys, batch_rows):
    src, dst = periods(tmp_path), tmp_path / "out.parquet"
    code, _, err = cli(capsys, "score", src, "-o", dst, "--batch-rows", batch_rows, *SCORE)
    assert code == 2, err  # was 0: month read back as 648, 649, ...
    line = one_error_line(err, command="score")
    assert "out.parquet, row 2, column 'month': cannot write as Parquet: the column holds Periods" in line
    assert not dst.exists()
    # as read whole (--batch-rows 0): the same line
    code, _, err = cli(capsys, "score", src, "-o", dst, "--batch-rows", "0", *SCORE)
    assert code == 2 and one_error_line(err, command="score") == line
    # a CSV output holds a Period as its text: written as before, the same bytes in batches
    score_file(src, tmp_path / "b.csv", "rubric", onet="none", batch_rows=int(batch_rows))
    score_file(src, tmp_path / "w.csv", "rubric", onet="none", batch_rows=None)
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "w.csv").read_bytes()
    assert pd.read_csv(tmp_path / "b.csv")["month"].tolist() == ["2024-01", "2024-02", "2024-03", "2024-04"]


def test_interval_column_to_parquet_refused_in_batches(tmp_path, capsys):
    src, dst = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pd.DataFrame({"task": TASKS, "band": pd.interval_range(0, 4)}).to_parquet(src)
    code, _, err = cli(capsys, "score", src, "-o", dst, "--batch-rows", "2", *SCORE)
    line = one_error_line(err, command="score")
    assert code == 2 and "out.parquet, row 2, column 'band'" in line and "Intervals" in line
    assert not dst.exists()


def test_period_column_refused_before_scoring(tmp_path, monkeypatch):
    """The check runs before any scoring (whole, it came from the writer after all of it)."""
    src = periods(tmp_path)

    def no_scoring(*args, **kwargs):
        raise AssertionError("scored before the output was checked")

    monkeypatch.setattr("exposure.scoring._files._score_as_batch", no_scoring)
    for batch_rows in (2, None):
        with pytest.raises(DataFormatError, match="column holds Periods"):
            score_file(src, tmp_path / "out.parquet", "rubric", onet="none", batch_rows=batch_rows)


# ------------------------------------------------------------------ 2. numbered columns
def numbered(tmp_path, name, index=False, ids=False):
    """A Parquet file of a frame labelled 0, 1 (as ``pd.DataFrame(rows)`` labels it)."""
    frame = pd.DataFrame([[t, "Clerk"] for t in TASKS])
    if ids:
        frame[2] = range(1, len(TASKS) + 1)  # an integer column: read as nullable Int64
    if index:
        frame.index = pd.Index([f"p{i}" for i in range(len(TASKS))], name="posting_id")
    path = tmp_path / name
    frame.to_parquet(path)
    assert pq.read_schema(path).names[:2] == ["0", "1"]
    return path


@pytest.mark.parametrize("index, ids", [(False, False), (False, True), (True, False)])
def test_numbered_columns_read_by_their_stored_names(tmp_path, index, ids):
    src = numbered(tmp_path, "n.parquet", index=index, ids=ids)
    expected = ["0", "1", *(["2"] if ids else []), *(["posting_id"] if index else [])]
    assert read_task_file(src).columns.tolist() == expected
    batches = list(iter_task_batches(src, 2))
    assert all(b.columns.tolist() == expected for b in batches)
    assert pd.concat(batches, ignore_index=True).equals(read_task_file(src))


@pytest.mark.parametrize("batch_rows", ["2", "0"])
def test_numbered_columns_scored_with_text_column_0(tmp_path, capsys, batch_rows):
    src, dst = numbered(tmp_path, "n.parquet", index=True), tmp_path / "out.csv"
    code, out, err = cli(capsys, "score", src, "-o", dst, "--text-column", "0",
                         "--batch-rows", batch_rows, *SCORE)
    assert code == 0, err  # was: missing text column '0' (columns: ['posting_id'])
    assert "scored 4 tasks" in out
    scored = pd.read_csv(dst)
    assert scored.columns.tolist()[:4] == ["0", "1", "posting_id", "p_e0"]
    assert scored["0"].tolist() == TASKS and scored["posting_id"].tolist() == ["p0", "p1", "p2", "p3"]


def test_numbered_columns_without_index_scored(tmp_path, capsys):
    src, dst = numbered(tmp_path, "n.parquet"), tmp_path / "out.parquet"
    code, _, err = cli(capsys, "score", src, "-o", dst, "--text-column", "0", *SCORE)
    assert code == 0, err  # was: missing text column '0' (columns: [0, 1])
    assert pq.read_schema(dst).names[:3] == ["0", "1", "p_e0"]


# ------------------------------------------------------------------ 3. near-named columns
NEAR_CSV = ("onetsoc_code,task,Job Title,JOB_ZONE\n"
            "43-4051.00,Answer customer emails about orders.,Customer Service Representatives,2\n"
            "47-2031.00,Frame walls and floors with lumber.,Carpenters,2\n"
            "43-4051.00,Process refunds for customers.,Customer Service Representatives,2\n")
ZONE_WARNING = "no 'job_zone' column, but the file has 'JOB_ZONE': it is not read"  # the file (round 72)
TITLE_WARNING = "no 'title' column, but the file has 'Job Title': it is not read"


def said(caplog, text: str) -> int:
    """How many warnings logged hold ``text``."""
    return sum(text in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


@pytest.mark.parametrize("batch_rows", ["1", "0"])
def test_near_named_job_zone_and_title_warned_once(tmp_path, capsys, caplog, batch_rows):
    """``--batch-rows 1``: the third row brings 43-4051.00 back, so the file is scored whole after the stream."""
    src = tmp_path / "near.csv"
    src.write_text(NEAR_CSV)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--batch-rows", batch_rows, *SCORE)
    assert code == 0, err
    assert said(caplog, ZONE_WARNING) == 1  # was: no word, the zones not read
    assert said(caplog, TITLE_WARNING) == 1
    assert said(caplog, "rename that column 'job_zone'") == 1
    assert said(caplog, "give --occupation-column 'Job Title'") == 1  # the command's option (round 71)


def test_near_named_columns_warned_unless_used(tmp_path, capsys, caplog):
    src = tmp_path / "near.csv"
    src.write_text(NEAR_CSV)
    for option in ("--occupation-column", "--text-column"):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure"):
            code, _, err = cli(capsys, "score", src, "-o", tmp_path / "a.csv", option, "Job Title", *SCORE)
        assert code == 0, err
        assert said(caplog, TITLE_WARNING) == 0 and said(caplog, ZONE_WARNING) == 1


# ------------------------------------------------------------------ 4. an empty INPUT
@pytest.mark.parametrize("engine, what", [("stream", "the task file's name"),
                                          ("dask", "a Parquet file or directory")])
def test_empty_input_named_as_the_command_names_it(tmp_path, capsys, engine, what):
    code, _, err = cli(capsys, "score", "", "-o", tmp_path / "out", "--engine", engine)
    line = one_error_line(err, command="score")
    assert code == 2
    assert line == (f"exposure score: error: INPUT is empty: give {what} (an empty path would be "
                    "read as the current directory)")  # was: "src is empty: ..."
    assert not (tmp_path / "out").exists()
