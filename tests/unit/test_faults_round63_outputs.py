"""Round 63: the library's own output writers (``exposure._io``: ``.xlsx``, CSV, Parquet).

Faults found (each test below failed before its fix):

1. A date before 1900-01-01 in an ``.xlsx`` output (``write_xlsx``, ``exposure score -o
   out.xlsx`` of a Parquet input with a ``date32`` column, ``Rollup.write(fmt="xlsx")``)
   was written without a word as a day count from 1900 that is no such date:
   ``1899-12-31`` as day 0, read back as the time of day ``00:00:00``;
   ``1850-06-01`` and ``0001-01-01`` as negative days, which Excel shows as ``#####``.
   Refused now before anything is written (:func:`exposure._io.check_xlsx`), naming the
   cell: ``o.xlsx, row 3, column 'd': a cell holds the date 1899-12-31, before
   1900-01-01, the first day an .xlsx sheet can hold (...); write .csv or .parquet, or
   store the column as text`` (exit 2 on the command line, no file). Dates from
   1900-01-01 on are written as before.
2. A categorical text column (a Parquet dictionary column, ``pd.Categorical``) with a
   cell a spreadsheet would run as a formula (``=see above``) failed the CSV writers'
   neutralising (:func:`exposure._io.neutralise_formulas`) with pandas' ``TypeError:
   Cannot setitem on a Categorical with a new category``: a traceback from
   ``write_csv`` and from ``exposure score cat.parquet -o out.csv`` (exit 1). The column
   is written as text now, the cell with its leading ``'`` as in any text column.
3. Columns of several levels (a MultiIndex, as ``groupby().agg()`` gives) were written
   to ``.xlsx`` and Parquet with the tuples' text as names (``"('p', 'mean')"``, read
   back as such), where ``.csv``, ``.tsv`` and ``.dta`` refuse them. Refused now as
   there, before anything is written: ``m.xlsx, column "('occ', '')": the column names
   have 2 levels (a MultiIndex, as groupby().agg() gives), which an .xlsx sheet cannot
   hold in its one header row; flatten them first (...)`` (``which a Parquet file cannot
   hold in its schema (one name per column)``).
4. An object column holding dates and then date-times (``date(2020, 1, 1)``, then
   ``datetime(2020, 1, 2, 5, 30)``: a frame built in Python, the days of one source and
   the times of another) was written to Parquet (``write_parquet``, ``write_frame``) as a
   ``date32`` column, without a word: the time of day was dropped (``2020-01-02`` read
   back). In the other order pyarrow refused it. A Python integer beyond 64 bits in an
   object column (``2**64``) failed with pyarrow's ``OverflowError: Python int too large
   to convert to C long``, naming no column. Both are refused now before anything is
   written, naming the cell: ``o.parquet, row 4, column 'at': cannot write as Parquet: the
   column holds dates (row 2) and date-times (row 4: 2020-01-02 05:30:00), and a Parquet
   column has one type (as dates, the times of day would be lost); convert the column to
   date-times (pd.to_datetime) or to text``; ``o.parquet, row 3, column 'id': cannot write
   as Parquet: a cell holds the integer 18446744073709551616, beyond the +/-2**63 of a
   Parquet integer column; store the column as text, or write .csv``.
"""

from __future__ import annotations

import datetime

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_cli import SCORE, cli, one_error_line

from exposure._io import check_xlsx, neutralise_formulas, write_csv, write_parquet, write_xlsx
from exposure.errors import DataFormatError

TASKS = ["Weld steel beams.", "Answer customer phone calls."]


# 1. dates before 1900 in an .xlsx output

def test_xlsx_date_before_1900_is_refused(tmp_path):
    out = tmp_path / "o.xlsx"
    days = [datetime.datetime(1900, 1, 1), datetime.datetime(1900, 3, 1), datetime.datetime(2024, 5, 6)]
    write_xlsx(pd.DataFrame({"d": pd.to_datetime(days), "n": [1, None, 3]}), out)  # Excel's days: as before
    assert [c.value for c in openpyxl.load_workbook(out).active["A"]][1:] == days
    out.unlink()
    frame = pd.DataFrame({"task": TASKS, "d": [datetime.date(1950, 1, 1), datetime.date(1899, 12, 31)]})
    with pytest.raises(DataFormatError) as info:
        write_xlsx(frame, out)
    message = str(info.value)
    assert message.startswith(f"{out}, row 3, column 'd': a cell holds the date 1899-12-31, before 1900-01-01")
    assert "write .csv or .parquet, or store the column as text" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("values", [
    np.array(["2001-01-01", "0001-01-01"], dtype="datetime64[s]"),
    pd.to_datetime(["2001-01-01", "1850-06-01"]),
    pd.array([datetime.datetime(2001, 1, 1), datetime.datetime(1899, 12, 30, 12)],
             dtype=pd.ArrowDtype(pa.timestamp("ms"))),
    pd.array([datetime.date(2001, 1, 1), datetime.date(1899, 12, 31)], dtype=pd.ArrowDtype(pa.date32())),
], ids=["datetime64[s]", "datetime64[ns]", "arrow-timestamp", "arrow-date32"])
def test_xlsx_datetime_column_before_1900_is_refused(values):
    with pytest.raises(DataFormatError, match=r"^o\.xlsx, row 3, column 'd': a cell holds the date "
                                              r"[0-9]{4}-[0-9]{2}-[0-9]{2}[0-9: ]*, before 1900-01-01"):
        check_xlsx(pd.DataFrame({"d": values}), "o.xlsx")


def test_score_parquet_date_before_1900_to_xlsx(tmp_path, capsys):
    src, out = tmp_path / "early.parquet", tmp_path / "early_out.xlsx"
    born = pa.array([datetime.date(1950, 1, 1), datetime.date(1890, 5, 1)], pa.date32())
    pq.write_table(pa.table({"task": TASKS, "born": born}), src)
    code, _, err = cli(capsys, "score", src, "-o", out, *SCORE)
    assert code == 2
    line = one_error_line(err, command="score")
    assert "row 3, column 'born': a cell holds the date 1890-05-01, before 1900-01-01" in line
    assert not out.exists()


# 2. a categorical column with a formula-looking cell, to CSV

def test_write_csv_categorical_formula_cell(tmp_path):
    out = tmp_path / "o.csv"
    write_csv(pd.DataFrame({"task": pd.Categorical(["=1+1", "Weld.", "=1+1"]), "n": [1, 2, 3]}), out)
    assert out.read_text() == "task,n\n'=1+1,1\nWeld.,2\n'=1+1,3\n"


def test_neutralise_formulas_categorical_keeps_the_input():
    frame = pd.DataFrame({"note": pd.Categorical(["@SUM(A1)", None, "ok"])})
    out, n = neutralise_formulas(frame)
    assert n == 1
    assert out["note"].tolist()[0] == "'@SUM(A1)" and out["note"].tolist()[2] == "ok"
    assert pd.isna(out["note"].tolist()[1])
    assert isinstance(frame["note"].dtype, pd.CategoricalDtype)
    assert frame["note"].tolist()[0] == "@SUM(A1)"


def test_score_categorical_parquet_to_csv(tmp_path, capsys):
    src, out = tmp_path / "cat.parquet", tmp_path / "out.csv"
    pd.DataFrame({"task": TASKS, "note": pd.Categorical(["=see above", "ok"])}).to_parquet(src)
    code, _, err = cli(capsys, "score", src, "-o", out, *SCORE)
    assert code == 0, err
    assert "Traceback" not in err
    assert pd.read_csv(out)["note"].tolist() == ["'=see above", "ok"]


# 3. MultiIndex columns to .xlsx and Parquet

def _agg_frame() -> pd.DataFrame:
    frame = pd.DataFrame({"occ": ["a", "a", "b"], "p": [0.1, 0.2, 0.3]})
    return frame.groupby("occ").agg({"p": ["mean", "max"]}).reset_index()


def test_xlsx_multiindex_columns_are_refused(tmp_path):
    out = tmp_path / "m.xlsx"
    with pytest.raises(DataFormatError, match=r"""column "\('occ', ''\)": the column names have 2 levels """
                                              r"\(a MultiIndex, as groupby\(\).agg\(\) gives\), which an "
                                              r"\.xlsx sheet cannot hold in its one header row; flatten"):
        write_xlsx(_agg_frame(), out)
    assert list(tmp_path.iterdir()) == []


def test_parquet_multiindex_columns_are_refused(tmp_path):
    out = tmp_path / "m.parquet"
    with pytest.raises(DataFormatError, match=r"the column names have 2 levels .* which a Parquet file "
                                              r"cannot hold in its schema \(one name per column\); flatten"):
        write_parquet(_agg_frame(), out)
    assert list(tmp_path.iterdir()) == []


# 4. dates beside date-times, and integers beyond 64 bits, to Parquet

def test_parquet_dates_then_datetimes_are_refused(tmp_path):
    out = tmp_path / "o.parquet"
    at = [datetime.date(2020, 1, 1), None, datetime.datetime(2020, 1, 2, 5, 30)]
    with pytest.raises(DataFormatError) as info:
        write_parquet(pd.DataFrame({"task": ["a", "b", "c"], "at": at}), out)
    assert str(info.value) == (
        f"{out}, row 4, column 'at': cannot write as Parquet: the column holds dates (row 2) and "
        "date-times (row 4: 2020-01-02 05:30:00), and a Parquet column has one type (as dates, the "
        "times of day would be lost); convert the column to date-times (pd.to_datetime) or to text")
    assert list(tmp_path.iterdir()) == []
    write_parquet(pd.DataFrame({"at": [datetime.date(2020, 1, 1), None]}), out)  # dates alone: as before
    assert pd.read_parquet(out)["at"].tolist() == [datetime.date(2020, 1, 1), None]


def test_parquet_integer_beyond_64_bits_is_refused(tmp_path):
    out = tmp_path / "o.parquet"
    with pytest.raises(DataFormatError, match=r"row 3, column 'id': cannot write as Parquet: a cell holds "
                                              r"the integer 18446744073709551616, beyond the \+/-2\*\*63"):
        write_parquet(pd.DataFrame({"id": [1, 2**64]}), out)
    assert list(tmp_path.iterdir()) == []
