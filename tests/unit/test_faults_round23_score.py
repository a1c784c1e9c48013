"""Fault round 23: ``exposure score`` and its file reading and writing (``exposure.scoring._files``).

1. A ``.dta`` output of an input column that Stata cannot hold (durations, decimals, dates
   or times of day as Python objects, bytes, half-precision floats, an infinite number):
   every row was scored, then the writer failed with pandas' words and no row
   (``o.dta: cannot write as Stata .dta: Data type timedelta64[s] not supported.``,
   ``Column `d` cannot be exported. Only string-like object arrays ...``, ``Column f
   contains infinity or -infinitywhich is outside ...``). Now refused before any
   scoring, naming the output file, the row and the column, and what to do; no file.
2. An ``.xlsx`` output of a column that a workbook cannot hold (pandas periods,
   intervals, complex numbers): every row was scored, then openpyxl's ``ValueError:
   Cannot convert Period('2020-01', 'M') to Excel``, a traceback and exit 1. Now refused
   before any scoring, naming the row and column.
3. ``exposure score in.csv -o out.csv >&-`` (stdout closed; also ``> /dev/full``): the
   scores were written, then the summary line failed and the command exited 2
   (``standard output is closed ...``, ``No space left on device``), as if nothing was
   done. The summary is not the output (``-o`` is): it is dropped and the exit code is 0.
4. ``--onet NONE`` (``None``, ``AUTO``): ``O*NET release 'NONE' is not of the form
   MAJOR.MINOR (e.g. 29.1, 31.0)``, not saying that ``none`` is a choice; ``--onet ''``
   (an unset variable) scored without O*NET, without a word. Now both are refused naming
   the choices, written in lower case as ``--method`` and ``--engine`` take theirs.
5. ``--engine dask`` with the default ``--onet auto``: the rows with ``onetsoc_code`` and
   ``task_id`` were scored from the text alone, while the stream engine used O*NET 29.1
   for them: the two engines gave different scores for the same rows (p_e0 0.07 against
   0.19), without a word. Now ``auto`` picks the release by the stream engine's rule.
6. ``exposure score in.csv -o sub/../in.csv`` with no directory ``sub``: the check that the
   output is not the input compared the paths as written, ``sub`` was created and the
   input file was replaced by its scores. Now refused before any work.
7. A Parquet integer column with a missing cell (as pyarrow, Spark or R write one; not
   pandas, whose nullable integers carry their type): read as floats, so
   ``posting_id`` 9007199254740993 was written as ``9007199254740992.0`` (to CSV, Parquet,
   ``.xlsx`` and ``.dta``), silently, and a file scored in batches wrote ``1`` in one batch
   and ``4.0`` in the next. Now read as nullable integers: the values as stored, the same
   bytes whatever the batch size.
8. A Parquet output whose batches differ in a column's type (a decimal column, whose
   Arrow type each batch infers from its own values) fell back to scoring in memory with
   the note "the column types differ between batches, ... (sort it by occupation for
   bounded memory)": advice that does not help, and no column named. The note now names
   the column and its two types and says what would help. Since round 80 a decimal
   column is read with its own Arrow type, so the file streams with no note.
9. ``--text-column label`` (or ``--occupation-column beta``), a column named like a score
   column: a warning said ``o.csv holds the scores there, not the input's values``, then
   the command refused the column and wrote nothing. Now only the error.
10. ``--reference-source gpt4`` with ``--method rubric`` (or learned): silently ignored,
    exit 0 (``--workers`` with the stream engine is refused for the same reason). Now
    refused: ``--reference-source is used with --method reference only``.
"""

import datetime
import decimal
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure.cli import main
from exposure.errors import ExposureError, OutputError
from exposure.scoring._files import iter_task_batches, read_task_file, score_file

TASKS = ["Weld pipes.", "Type letters.", "Cook meals.", "Drive trucks."]


def _score(src, out, *extra):
    return main(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric", *extra])


def _parquet(path: Path, **columns) -> Path:
    n = len(next(iter(columns.values())))
    pq.write_table(pa.table({"task": TASKS[:n], **columns}), path)
    return path


# 1. a .dta output of columns Stata cannot hold ---------------------------------------------

STATA_CASES = {
    "duration": (pa.array([None, 7200], pa.duration("s")), 3,
                 "the column holds durations (timedelta64[s]), which a Stata .dta file cannot "
                 "store; convert the column (to numbers or text), or write .csv or .parquet"),
    "decimal": (pa.array([decimal.Decimal("1.50"), None], pa.decimal128(5, 2)), 2,
                "a cell holds a Decimal (Decimal('1.50')), which a Stata .dta file cannot store "
                "(a Stata variable holds numbers, text or datetimes); convert the column (to "
                "numbers or text), or write .csv or .parquet"),
    "date": (pa.array([None, datetime.date(2024, 5, 1)], pa.date32()), 3,
             "a cell holds a date (datetime.date(2024, 5, 1)), which a Stata .dta file cannot "
             "store (a Stata variable holds numbers, text or datetimes); convert the column (to "
             "numbers or text), or write .csv or .parquet"),
    "time": (pa.array([datetime.time(9, 30), None], pa.time64("us")), 2,
             "a cell holds a time of day (datetime.time(9, 30)), which a Stata .dta file cannot "
             "store (a Stata variable holds numbers, text or datetimes); convert the column (to "
             "numbers or text), or write .csv or .parquet"),
    # (round 73: fixed-size binary; a binary column is read as UTF-8 text, which Stata holds)
    "raw": (pa.array([b"ab", b"cd"], pa.binary(2)), 2,
            "a cell holds bytes (b'ab'), which a Stata .dta file cannot store (a Stata variable "
            "holds numbers, text or datetimes); convert the column (to numbers or text), or "
            "write .csv or .parquet"),
    "half": (pa.array(np.array([1.5, 2.5], dtype=np.float16)), 2,
             "the column holds float16 numbers, which a Stata .dta file cannot store; convert "
             "the column (to numbers or text), or write .csv or .parquet"),
    "ratio": (pa.array([1.0, float("inf")]), 3,
              "a cell holds an infinite number, which a Stata .dta file cannot store (Stata has "
              "no infinity); write .csv or .parquet"),
}


@pytest.mark.parametrize("name", list(STATA_CASES))
def test_dta_output_refuses_what_stata_cannot_hold_before_scoring(tmp_path, capsys, name):
    values, row, reason = STATA_CASES[name]
    src = _parquet(tmp_path / "in.parquet", **{name: values})
    assert _score(src, tmp_path / "o.dta") == 2
    err = capsys.readouterr().err
    assert err == f"exposure score: error: {tmp_path / 'o.dta'}, row {row}, column {name!r}: {reason}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_dta_output_problem_comes_before_scoring(tmp_path):
    # a model artifact that cannot be loaded: the refusal comes before it is needed
    src = _parquet(tmp_path / "in.parquet", dur=pa.array([1, 2], pa.duration("s")))
    with pytest.raises(ExposureError) as err:
        score_file(src, tmp_path / "o.dta", "no-such-method", onet="none")
    assert "column 'dur': the column holds durations" in str(err.value)


def test_dta_output_keeps_what_stata_holds(tmp_path):
    src = _parquet(tmp_path / "in.parquet",
                   n=pa.array([1, None], pa.int64()), s=pa.array(["a", None]),
                   f=pa.array([1.5, None]), when=pa.array([datetime.datetime(2024, 1, 1), None]),
                   ok=pa.array([True, None]), cat=pa.array(["x", "y"]).dictionary_encode())
    assert _score(src, tmp_path / "o.dta") == 0
    got = pd.read_stata(tmp_path / "o.dta")
    assert got["n"].tolist()[0] == 1 and pd.isna(got["n"].tolist()[1])
    assert got["s"].tolist() == ["a", ""]
    assert got["ok"].tolist()[0] == 1


# 2. an .xlsx output of columns a workbook cannot hold --------------------------------------


@pytest.mark.parametrize("column, values, shown", [
    ("month", pd.period_range("2020-01", periods=2, freq="M"), "a Period (Period('2020-01', 'M'))"),
    ("band", pd.interval_range(0, 2), "an Interval (Interval(0, 1, closed='right'))"),
])
def test_xlsx_output_refuses_cells_a_workbook_cannot_hold(tmp_path, capsys, column, values, shown):
    src = tmp_path / "in.parquet"
    pd.DataFrame({"task": TASKS[:2], column: values}).to_parquet(src)
    assert _score(src, tmp_path / "o.xlsx") == 2
    err = capsys.readouterr().err
    assert err == (f"exposure score: error: {tmp_path / 'o.xlsx'}, row 2, column {column!r}: a cell "
                   f"holds {shown}, which an .xlsx sheet cannot store (a workbook cell holds "
                   "numbers, text, times or truth values); convert the column (to numbers or "
                   "text), or write .csv or .parquet\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


# 3. stdout closed or full: the file is written, exit 0 ----------------------------------------


def _run_cli(args, **redirect):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "exposure.cli", *args], env=env,
                          stderr=subprocess.PIPE, text=True, timeout=300, **redirect)


def test_closed_stdout_with_output_file_exits_0(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    out = tmp_path / "out.csv"
    done = _run_cli(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric"],
                    preexec_fn=lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert pd.read_csv(out)["label"].tolist() == ["E0"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_stdout_with_output_file_exits_0(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    out = tmp_path / "out.csv"
    with open("/dev/full", "w") as full:
        done = _run_cli(["score", str(src), "-o", str(out), "--onet", "none", "--method",
                         "rubric"], stdout=full)
    assert done.returncode == 0, done.stderr
    assert out.is_file()


def test_other_commands_still_fail_with_stdout_closed(tmp_path):
    # the rule of the other commands (their output is what they print) is unchanged
    done = _run_cli(["sources"], preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert "standard output is closed" in done.stderr


# 4. --onet NONE, --onet '' ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NONE", "None", "AUTO", " none"])
def test_onet_special_values_in_another_case_are_refused(tmp_path, capsys, value):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", value]) == 2
    err = capsys.readouterr().err
    want = value.strip().lower()
    assert err == (f"exposure score: error: --onet must be an O*NET release such as 29.1, 'auto' "
                   f"or 'none' (in lower case, as --method and --engine take theirs), got "
                   f"{value!r}: write {want!r}\n")
    assert not (tmp_path / "o.csv").exists()


def test_empty_onet_is_refused(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", ""]) == 2
    assert capsys.readouterr().err == (
        "exposure score: error: --onet is empty: give an O*NET release such as 29.1, 'auto' "
        "(the default) or 'none'\n")


def test_onet_help_names_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "'auto' and 'none' in lower case" in out


# 5. --engine dask and --onet auto -------------------------------------------------------------


@pytest.mark.slow
def test_dask_engine_uses_onet_auto_as_the_stream_engine(tmp_path, capsys, shared_data):
    pytest.importorskip("distributed")
    tasks = pd.read_csv(shared_data / "onet" / "29.1" / "Task Statements.txt", sep="\t",
                        dtype=str).head(6)
    frame = tasks.rename(columns={"O*NET-SOC Code": "onetsoc_code", "Task ID": "task_id",
                                  "Task": "task"})[["onetsoc_code", "task_id", "task"]]
    (tmp_path / "ds").mkdir()
    frame.to_parquet(tmp_path / "ds" / "part-0.parquet", index=False)
    frame.to_parquet(tmp_path / "one.parquet", index=False)
    where = ["--mirror", str(shared_data)]
    assert main(["score", str(tmp_path / "one.parquet"), "-o", str(tmp_path / "s.parquet"), *where]) == 0
    assert main(["score", str(tmp_path / "ds"), "-o", str(tmp_path / "d"), "--engine", "dask",
                 "--workers", "1", *where]) == 0
    stream = pd.read_parquet(tmp_path / "s.parquet")
    dask = pd.read_parquet(tmp_path / "d" / "part-00000.parquet")
    assert dask["p_e0"].tolist() == stream["p_e0"].tolist()
    assert dask["beta"].tolist() == stream["beta"].tolist()


# 6. the output is the input, spelled through a directory that does not exist -----------------


@pytest.mark.parametrize("how", ["cli", "api"])
def test_output_through_missing_directory_and_dotdot_is_the_input(tmp_path, capsys, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    before = src.read_bytes()
    if how == "cli":
        assert _score("in.csv", "sub/../in.csv") == 2
        assert capsys.readouterr().err == ("exposure score: error: sub/../in.csv: cannot write: the "
                                           "output is the input file in.csv; write to another file\n")
    else:
        with pytest.raises(OutputError, match="the output is the input file in.csv"):
            score_file("in.csv", "sub/../in.csv", "rubric", onet="none")
    assert src.read_bytes() == before
    assert not (tmp_path / "sub").exists()


# 7. Parquet integers with a missing cell ----------------------------------------------------


def _ids(path: Path) -> Path:
    return _parquet(path, posting_id=pa.array([9007199254740993, 2, None, 4], pa.int64()),
                    flag=pa.array([True, None, False, True]))


@pytest.mark.parametrize("batch_rows", ["0", "1", "2", "10000"])
def test_parquet_integers_with_a_gap_keep_their_values(tmp_path, batch_rows):
    src = _ids(tmp_path / "in.parquet")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch_rows) == 0
    got = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False)
    assert got["posting_id"].tolist() == ["9007199254740993", "2", "", "4"]
    assert got["flag"].tolist() == ["True", "", "False", "True"]
    assert _score(src, tmp_path / "o.parquet", "--batch-rows", batch_rows) == 0
    table = pq.read_table(tmp_path / "o.parquet")
    assert table.schema.field("posting_id").type == pa.int64()
    assert table.column("posting_id").to_pylist() == [9007199254740993, 2, None, 4]


def test_parquet_integer_gap_read_the_same_whole_and_in_batches(tmp_path):
    src = _ids(tmp_path / "in.parquet")
    whole = read_task_file(src)
    batches = pd.concat(list(iter_task_batches(src, 1)), ignore_index=True)
    pd.testing.assert_frame_equal(whole, batches)
    assert whole["posting_id"].tolist()[0] == 9007199254740993


def test_parquet_big_integer_with_gap_refused_for_xlsx_and_dta(tmp_path, capsys):
    src = _ids(tmp_path / "in.parquet")
    for out in ("o.xlsx", "o.dta"):
        assert _score(src, tmp_path / out) == 2
        assert (f"{tmp_path / out}, row 2, column 'posting_id': the column holds the integer "
                "9007199254740993, beyond the +/-2**53") in capsys.readouterr().err


# 8. the note of a file whose batches differ in type -------------------------------------------


def test_a_decimal_column_streams_in_batches_with_its_type(tmp_path, capsys):
    # round 80: each batch inferred its decimals' precision from its own values
    # (decimal128(3, 2) then (4, 2)), so the file was scored in memory as a whole with a note;
    # decimals are now read with their Arrow type, as exposure.dask reads them
    src = _parquet(tmp_path / "in.parquet", d=pa.array([decimal.Decimal("1.5"), decimal.Decimal("10.25")],
                                                       pa.decimal128(6, 2)))
    assert _score(src, tmp_path / "o.parquet", "--batch-rows", "1") == 0
    assert capsys.readouterr().err == ""
    assert pq.read_schema(tmp_path / "o.parquet").field("d").type == pa.decimal128(6, 2)


# 9. a text or occupation column named like a score column: the error alone ---------------------


@pytest.mark.parametrize("batch_rows", ["0", "10000"])
@pytest.mark.parametrize("option, column", [("--text-column", "label"),
                                            ("--occupation-column", "beta")])
def test_score_named_option_column_gives_the_error_only(tmp_path, capsys, caplog, option, column,
                                                        batch_rows):
    src = tmp_path / "in.csv"
    src.write_text(f"task,{column}\nWeld pipes.,Welder\n" if column != "label"
                   else "label,task\nWeld pipes.,x\n")
    assert _score(src, tmp_path / "o.csv", option, column, "--batch-rows", batch_rows) == 2
    err = capsys.readouterr().err
    what = "text" if option == "--text-column" else "occupation"
    assert err == (f"exposure score: error: {src}, column {column!r}: the {what} column {column!r} "
                   "has the name of a score column, which the scores would replace; rename it\n")
    assert "have the names of score columns" not in caplog.text
    assert not (tmp_path / "o.csv").exists()


def test_score_column_names_still_warned_when_not_used(tmp_path, caplog):
    src = tmp_path / "in.csv"
    src.write_text("task,beta\nWeld pipes.,x\n")
    assert _score(src, tmp_path / "o.csv") == 0
    assert "the input column(s) 'beta' have the names of score columns" in caplog.text


# 10. --reference-source with another method ----------------------------------------------------


@pytest.mark.parametrize("method", ["rubric", "learned"])
def test_reference_source_with_another_method_is_refused(tmp_path, capsys, method):
    src = tmp_path / "in.csv"
    src.write_text("task\nWeld pipes.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--method", method,
                 "--reference-source", "gpt4", "--onet", "none"]) == 2
    assert capsys.readouterr().err == ("exposure score: error: --reference-source is used with "
                                       f"--method reference only (this run: --method {method})\n")
    assert not (tmp_path / "o.csv").exists()
