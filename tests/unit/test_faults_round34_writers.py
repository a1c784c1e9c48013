"""Fault round 34: the table writers of :mod:`exposure._io`, round-tripped with odd values.

Faults found (each test below fails on the code before the fix, except where said):

1. A bytes cell (a Parquet ``binary`` column) written to ``.csv`` or ``.tsv`` became its
   Python form: the file held ``b'ab'``, read back as the text ``"b'ab'"``, silently. Now
   written as its UTF-8 text, as the ``.xlsx`` writer stores it; bytes that are not UTF-8
   are refused naming the file, row and column (they were ``b'\\xff\\xfe'`` in the file).
   Parquet keeps bytes as bytes; Stata refuses them (as before).
2. The ``.dta`` writer turned pandas' ``PossiblePrecisionLoss`` and ``InvalidColumnName``
   warnings into errors with :func:`warnings.catch_warnings`, and the bootstrap
   intervals silenced numpy's "All-NaN slice" warning the same way: that changes the
   warning filters of the whole process and is not thread-safe. A thread inside such a
   block while another thread entered its own one left the ``error`` filter (or the
   ``ignore`` filter for every ``RuntimeWarning``) installed for the whole process, and a
   filter set meanwhile by another thread was dropped. Now the conditions are checked
   directly and no filter is touched.
3. A CSV file (or a workbook, a Parquet file) renamed ``.dta``: pandas' ``This is either
   not a valid Stata dataset or a Stata dataset from a version pandas does not support
   (detected: 116). pandas supports importing versions 102, ...``. Now one line saying
   what the file looks like.
4. A time, datetime or duration finer than a millisecond written to ``.xlsx`` was read
   back rounded to the millisecond by openpyxl: ``time(23, 59, 59, 999999)`` as
   ``1900-01-01 00:00:00`` and ``2024-01-02 23:59:59.999999`` as the next day, silently.
   Now cut to the millisecond (the day and hour stay) with a warning naming the first
   cell and the count.
5. openpyxl writes a number with 16 digits (``'%.16g'``): ``0.30000000000000004`` was
   read back as ``0.3`` and the largest double as infinity (pandas' reader then failed
   with ``OverflowError: cannot convert float infinity to integer``). Now written with
   the digits that read back as the same double. A ``Decimal`` that no double holds
   (``Decimal('0.12345678901234567890')``) is refused naming its cell, and a
   ``Decimal('Infinity')`` (an empty cell before) as infinities are.
6. A duration column (``timedelta64``) written to Parquet was read back as integers
   (``1 s`` as ``1000000``): the file kept no Arrow schema and Parquet has no duration
   type. Now read back as durations.
7. A categorical column whose categories are numbers, written to ``.dta``, was stored
   as value labels: ``1.5`` read back as the text ``'1.5'``, with pandas' multi-line
   ``ValueLabelTypeMismatch`` warning naming no file; categories ``'1'`` and ``1`` gave a
   file whose labels are not unique, which the reader refused. Now written as its
   values (numbers stay numbers; a mix of types refused naming the row).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import logging
import sys
import threading
import warnings
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._io import write_csv, write_parquet, write_stata, write_xlsx
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError
from exposure.rollup import bootstrap_occupations


def _left(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


# 1. bytes cells ------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["csv", "tsv"])
def test_fault1_bytes_written_as_their_text(tmp_path, ext):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "raw": [b"ab", "cd".encode()], "n": [1, 2]})
    path = write_frame(frame, tmp_path / f"o.{ext}")
    text = path.read_text()
    assert "b'" not in text, text
    assert read_frame(path)["raw"].tolist() == ["ab", "cd"]


def test_fault1_bytes_in_a_column_of_text_and_formula_check(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "raw": ["x", b"=1+1"]})
    path = write_csv(frame, tmp_path / "o.csv")
    assert path.read_text().splitlines()[2] == "Cut.,'=1+1"


def test_fault1_bytes_not_utf8_refused_naming_the_cell(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "raw": [b"ab", b"\xff\xfe"]})
    with pytest.raises(DataFormatError) as err:
        write_frame(frame, tmp_path / "o.csv")
    message = str(err.value)
    assert "o.csv, row 3, column 'raw'" in message and "not UTF-8" in message, message
    assert _left(tmp_path) == []


def test_fault1_bytes_not_utf8_refused_by_write_csv_as_tsv(tmp_path):
    frame = pd.DataFrame({"task": ["Weld."], "raw": [b"\xff"]})
    with pytest.raises(DataFormatError, match=r"o\.tsv, row 2, column 'raw': .*a \.tsv file"):
        write_csv(frame, tmp_path / "o.tsv", sep="\t", quoting=csv.QUOTE_NONE)
    assert _left(tmp_path) == []


def test_fault1_other_formats_keep_or_refuse_bytes(tmp_path):
    # a guard (passed before): the same frame in the other writers
    frame = pd.DataFrame({"task": ["Weld."], "raw": [b"ab"]})
    # Parquet keeps the bytes (a binary column), which read_frame reads as their UTF-8 text (round 73:
    # it read them as bytes, [b"ab"])
    assert pq.read_schema(write_parquet(frame, tmp_path / "o.parquet")).field("raw").type == pa.binary()
    assert read_frame(tmp_path / "o.parquet")["raw"].tolist() == ["ab"]
    assert read_frame(write_xlsx(frame, tmp_path / "o.xlsx"))["raw"].tolist() == ["ab"]
    with pytest.raises(DataFormatError, match=r"row 2, column 'raw': a cell holds bytes"):
        write_stata(frame, tmp_path / "o.dta")


# 2. process-wide warning filters -------------------------------------------------------


def _race(target) -> bool:
    """Run ``target`` in a thread paused where a library ``catch_warnings`` block ends.

    While the thread is paused (after its block installed its filters, before it restores
    them), this thread sets a filter of its own and enters and leaves a block of its own,
    as another part of a program may. Returns whether the thread ever paused there.
    """
    inside, go = threading.Event(), threading.Event()
    paused = []
    exit_code = warnings.catch_warnings.__exit__.__code__

    def profile(frame, event, arg):
        if (event == "call" and frame.f_code is exit_code and not paused
                and "exposure" in frame.f_back.f_code.co_filename):
            paused.append(True)
            inside.set()
            go.wait()

    errors = []

    def work():
        sys.setprofile(profile)
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            errors.append(exc)
        finally:
            sys.setprofile(None)
            inside.set()

    thread = threading.Thread(target=work)
    thread.start()
    inside.wait()
    if paused:
        warnings.filterwarnings("ignore", message="round34 marker")
        with warnings.catch_warnings():
            go.set()
            thread.join()
    thread.join()
    if errors:
        raise errors[0]
    return bool(paused)


def _marker_kept() -> bool:
    return any(f[1] is not None and f[1].pattern == "round34 marker" for f in warnings.filters)


def test_fault2_stata_writer_leaves_the_warning_filters_alone(tmp_path):
    from pandas.io.stata import InvalidColumnName, PossiblePrecisionLoss

    frame = pd.DataFrame({"task": ["Weld."], "O*NET-SOC Code": ["11-1011.00"]})
    with warnings.catch_warnings():  # this test's own changes undone at its end
        warnings.filterwarnings("ignore", message="round34 marker")
        before = list(warnings.filters)
        _race(lambda: write_stata(frame, tmp_path / "o.dta"))
        stuck = [f for f in warnings.filters if f[0] == "error" and f[2] in (PossiblePrecisionLoss,
                                                                            InvalidColumnName)]
        assert stuck == [], stuck
        assert _marker_kept()
        assert warnings.filters == before
    assert read_frame(tmp_path / "o.dta")["O_NET_SOC_Code"].tolist() == ["11-1011.00"]


def test_fault2_bootstrap_interval_leaves_the_warning_filters_alone():
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"], "task_id": [1, 2, 3],
                           "alpha": [1.0, 0.0, 0.0], "beta": np.nan, "gamma": [1.0, 0.0, 1.0]})
    draws = bootstrap_occupations(scores, "equal", n_draws=20, seed=1)
    draws.draws["beta"] = np.column_stack([draws.draws["beta"][:, 0], np.full(20, 0.5)])
    result = {}

    def interval():
        result["beta"] = draws.interval("beta")

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="round34 marker")
        before = list(warnings.filters)
        _race(interval)
        ignored = [f for f in warnings.filters if f[0] == "ignore" and f[2] is RuntimeWarning]
        assert ignored == [], ignored
        assert warnings.filters == before
    low, high = result["beta"]
    assert np.isnan(low[0]) and np.isnan(high[0])  # all missing: no interval
    assert low[1] == high[1] == 0.5


def test_fault2_bootstrap_interval_of_a_missing_column_warns_nothing():
    # a guard (passed before): the same values, and no warning, with warnings as errors
    draws = np.array([[np.nan, 0.0, 1.0], [np.nan, 1.0, np.nan]])
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "alpha": [0.0], "beta": [0.0],
                           "gamma": [0.0]})
    d = bootstrap_occupations(scores, "equal", n_draws=2, seed=1)
    d.draws["alpha"] = draws
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low, high = d.interval("alpha", level=0.5)
    assert np.isnan(low[0]) and np.isnan(high[0])
    assert low[1:].tolist() == [0.25, 1.0] and high[1:].tolist() == [0.75, 1.0]


def test_fault2_stata_still_refuses_what_pandas_would_change(tmp_path):
    # the safety net, checked directly now: a 64-bit integer beyond 2**53
    with pytest.raises(DataFormatError, match=r"o\.dta, row 3, column 'id': .*2\*\*53"):
        write_stata(pd.DataFrame({"id": [1, 2**53 + 1]}), tmp_path / "o.dta")
    assert _left(tmp_path) == []


# 3. a file renamed .dta ----------------------------------------------------------------


@pytest.mark.parametrize(("data", "looks"), [
    # (round 72: the name to give is said; it was "give it its own extension" for each)
    (b"task,score\nWeld.,1\n", "it looks like delimited text (a CSV or TSV file named .dta?); rename it 'tasks.csv'"),
    (b"task\tscore\nSoud\xc3\xa9.\t1\n",
     "it looks like delimited text (a CSV or TSV file named .dta?); rename it 'tasks.tsv'"),
    (b"PK\x03\x04" + bytes(60), "it is a zip archive (an .xlsx workbook?); rename it 'tasks.xlsx'"),
    (b"PAR1" + bytes(60), "it is a Parquet file; rename it 'tasks.parquet'"),
    (bytes([0x1f, 0x8b, 8, 0]) + bytes(60), "it is gzip-compressed data; decompress it first"),
])
def test_fault3_a_file_that_is_not_stata_named_in_one_line(tmp_path, data, looks):
    path = tmp_path / "tasks.dta"
    path.write_bytes(data)
    with pytest.raises(DataFormatError) as err:
        read_frame(path)
    message = str(err.value)
    assert message == f"{path}: not a Stata .dta file: {looks}"
    assert "pandas supports" not in message


def test_fault3_a_real_stata_file_still_read(tmp_path):
    # a guard (passed before): formats 118 and 114
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    path = tmp_path / "a.dta"
    frame.to_stata(path, write_index=False, version=114)
    assert read_frame(path).to_dict("list") == {"task": ["Weld."], "beta": [0.5]}
    assert read_frame(write_stata(frame, tmp_path / "b.dta")).to_dict("list") == frame.to_dict("list")


# 4. times finer than a millisecond in .xlsx --------------------------------------------


def _cells(path, column: int = 2) -> list:
    ws = openpyxl.load_workbook(path).active
    return [ws.cell(row, column).value for row in range(2, ws.max_row + 1)]


def test_fault4_time_just_before_midnight_stays_on_its_day(tmp_path, caplog):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew.", "Dig.", "Mow."],
                          "at": [datetime.time(10, 0), datetime.time(23, 59, 59, 999999),
                                 datetime.time(12, 0, 0, 1), pd.NaT, None]})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        path = write_xlsx(frame, tmp_path / "o.xlsx")
    assert _cells(path) == [datetime.time(10, 0), datetime.time(23, 59, 59, 999000),
                            datetime.time(12, 0), None, None]
    text = caplog.text
    assert "2 cells hold times finer than a millisecond (first: row 3, column 'at': 23:59:59.999999)" in text
    assert "o.xlsx" in text


def test_fault4_datetime_and_duration_columns(tmp_path, caplog):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."],
                          "when": pd.to_datetime(["2024-01-02 10:00:00.123", "2024-01-02 23:59:59.999999"]),
                          "took": pd.to_timedelta(["1 days 00:00:00.0000001", "2s"])})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        path = write_xlsx(frame, tmp_path / "o.xlsx")
    assert _cells(path, 2) == [datetime.datetime(2024, 1, 2, 10, 0, 0, 123000),
                               datetime.datetime(2024, 1, 2, 23, 59, 59, 999000)]
    assert _cells(path, 3) == [datetime.timedelta(days=1), datetime.timedelta(seconds=2)]
    assert "2 cells hold times finer than a millisecond (first: row 3, column 'when'" in caplog.text


def test_fault4_milliseconds_written_without_a_word(tmp_path, caplog):
    # a guard (passed before): what a workbook keeps is written as is, no warning
    frame = pd.DataFrame({"task": ["Weld."], "when": pd.to_datetime(["2024-01-02 10:00:00.5"])})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        path = write_xlsx(frame, tmp_path / "o.xlsx")
    assert _cells(path) == [datetime.datetime(2024, 1, 2, 10, 0, 0, 500000)]
    assert "millisecond" not in caplog.text


# 5. numbers in .xlsx -------------------------------------------------------------------


def test_fault5_floats_read_back_as_the_same_double(tmp_path):
    values = [0.1 + 0.2, 1 / 3, 1.7976931348623157e308, 5e-324, 2.0 / 7.0 * 1e-300]
    frame = pd.DataFrame({"task": ["a", "b", "c", "d", "e"], "x": values})
    path = write_xlsx(frame, tmp_path / "o.xlsx")
    assert _cells(path) == values
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<v>0.30000000000000004</v>" in sheet
    assert read_frame(path)["x"].iloc[0] == "0.30000000000000004"


def test_fault5_float_bytes_stay_deterministic(tmp_path):
    # a guard (passed before): the repr digits keep the bytes deterministic
    frame = pd.DataFrame({"task": ["a"], "x": [0.1 + 0.2]})
    first = write_xlsx(frame, tmp_path / "a.xlsx").read_bytes()
    assert write_xlsx(frame, tmp_path / "b.xlsx").read_bytes() == first


def test_fault5_decimal_no_double_holds_refused(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."],
                          "d": [decimal.Decimal("0.1"), decimal.Decimal("0.12345678901234567890")]})
    with pytest.raises(DataFormatError) as err:
        write_xlsx(frame, tmp_path / "o.xlsx")
    assert "o.xlsx, row 3, column 'd': a cell holds the number 0.12345678901234567890" in str(err.value)
    assert _left(tmp_path) == []


def test_fault5_decimal_infinity_refused(tmp_path):
    frame = pd.DataFrame({"task": ["Weld."], "d": [decimal.Decimal("Infinity")]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'd': a cell holds an infinite number"):
        write_xlsx(frame, tmp_path / "o.xlsx")


def test_fault5_decimal_a_double_holds_written_exactly(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew."],
                          "d": [decimal.Decimal("0.30000000000000004"), decimal.Decimal("0.10"),
                                decimal.Decimal("NaN")]})
    assert _cells(write_xlsx(frame, tmp_path / "o.xlsx")) == [0.30000000000000004, 0.1, None]


# 6. durations in Parquet ---------------------------------------------------------------


def test_fault6_durations_read_back_from_parquet(tmp_path):
    took = pd.to_timedelta(["1s", None, "2 days 00:00:00.5"])
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew."], "took": took})
    back = read_frame(write_parquet(frame, tmp_path / "o.parquet"))
    assert back["took"].dtype.kind == "m", back.dtypes
    assert back["took"].tolist()[0] == pd.Timedelta("1s")
    assert pd.isna(back["took"].iloc[1])
    assert back["took"].tolist()[2] == pd.Timedelta("2 days 00:00:00.5")


def test_fault6_parquet_without_durations_unchanged(tmp_path):
    # a guard (passed before): no Arrow schema stored for other tables
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    path = write_parquet(frame, tmp_path / "o.parquet")
    import pyarrow.parquet as pq

    assert pq.read_metadata(path).metadata is None


# 7. categorical numbers in .dta --------------------------------------------------------


def test_fault7_categorical_numbers_stay_numbers(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew."],
                          "grade": pd.Categorical([1.5, 2.5, None], categories=[1.5, 2.5, 3.5])})
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        write_stata(frame, tmp_path / "o.dta")
    assert [str(w.message)[:60] for w in seen] == []
    back = read_frame(tmp_path / "o.dta")
    assert back["grade"].tolist()[:2] == [1.5, 2.5] and pd.isna(back["grade"].iloc[2])


def test_fault7_categorical_of_mixed_types_refused_naming_the_row(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "code": pd.Categorical(["1", 1])})
    with pytest.raises(DataFormatError, match=r"o\.dta, row 3, column 'code': a cell holds a int value"):
        write_stata(frame, tmp_path / "o.dta")
    assert _left(tmp_path) == []


def test_fault7_categorical_text_keeps_its_labels(tmp_path):
    # a guard (passed before): text categories, unused ones included
    frame = pd.DataFrame({"task": ["Weld.", "Cut."],
                          "lvl": pd.Categorical(["low", "high"], categories=["low", "mid", "high"])})
    assert read_frame(write_stata(frame, tmp_path / "o.dta"))["lvl"].tolist() == ["low", "high"]


def test_tsv_output_of_bytes_that_are_not_utf8_is_refused_by_row(tmp_path):
    # the .tsv tab check read the column as text first: a bare UnicodeDecodeError
    from exposure._tables import write_frame

    frame = pd.DataFrame({"task": ["Weld.", "Sew."], "raw": [b"ok", b"\xff\xfe"]})
    with pytest.raises(DataFormatError, match=r"o\.tsv, row 3, column 'raw': a cell holds bytes that are not UTF-8"):
        write_frame(frame, tmp_path / "o.tsv")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("batch_rows", [1, None])
def test_streamed_parquet_scores_keep_a_duration_column(tmp_path, batch_rows):
    # the batched Parquet writer stored no Arrow schema: a duration read back as integers
    from exposure.scoring._files import score_file

    src = tmp_path / "in.parquet"
    pd.DataFrame({"task": ["Weld steel beams.", "Answer telephones."],
                  "took": pd.to_timedelta([1, 2], unit="s")}).to_parquet(src)
    score_file(src, tmp_path / "out.parquet", onet=None, batch_rows=batch_rows)
    took = pd.read_parquet(tmp_path / "out.parquet")["took"]
    assert took.tolist() == [pd.Timedelta(seconds=1), pd.Timedelta(seconds=2)]
