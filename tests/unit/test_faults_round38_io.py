"""Fault round 38: the table writers of :mod:`exposure._io` on columns of odd pandas types.

Faults found (each test below fails on the code before the fix, except where said):

1. A complex column (``complex128``, ``complex64``) written to Parquet raised pyarrow's
   ``ArrowNotImplementedError: ('Unsupported numpy type 15', 'Conversion failed for column
   ...')``, and a column of empty maps (``{}``) ``Cannot write struct type 'v' with no
   child field to Parquet``: tracebacks, not errors naming the file. Now refused naming
   the file, row and column.
2. A Period column (``period[M]``) written to Parquet was read back as integers
   (``2024-01`` as ``648``), an Interval column as maps (``{'left': 0, 'right': 1}``),
   silently: the writer keeps no pandas metadata. Now refused naming the column and what
   to convert it to.
3. An object column of maps with different keys (``{"a": 1}``, ``{"b": 2}``) written to
   Parquet was read back with every key in every row and the numbers made floats
   (``{'a': 1.0, 'b': None}``), silently. Now refused naming the row.
4. A cell holding a list, an array or a map (a Parquet list or struct column read by
   pandas) written to ``.csv`` or ``.tsv`` became its Python or numpy form: an array of
   2,000 numbers was written ``[   0    1    2 ... 1997 1998 1999]`` (the numbers in the
   middle lost), a list ``[1 2]``, a map ``{'x': 1}``. Now written as JSON text, in full.
5. Columns with two levels (a ``MultiIndex``, as ``groupby().agg()`` gives) written to
   ``.csv`` got two header rows, the second read back as a row of data, silently; to
   ``.dta`` a warning that they were renamed and then an error that they are not Stata
   names. Now refused before anything is written, naming the first column.
6. Columns named ``1`` (a number) and ``"1"`` (text) written to Parquet: the file held
   two columns named ``1``, which no reader could read back (``ArrowInvalid: Multiple
   matches for FieldRef.Name(1)``). Now refused as a name given twice.
7. Times finer than a millisecond written to ``.dta`` were cut to the millisecond without
   a word (``00:00:00.123456`` read back as ``00:00:00.123``; the ``.xlsx`` writer warns).
   Now a warning names the first cell and the count.
8. An Arrow date or duration column with a missing cell (``date32[day][pyarrow]``, from a
   Parquet file) written to ``.xlsx``: ``TypeError: boolean value of NA is ambiguous``.
   Now written (the dates read back as dates, the missing cell empty).
9. An Arrow time-zone-aware column (``timestamp[us, tz=UTC][pyarrow]``) written to
   ``.dta``: ``cannot write as Stata .dta: cannot supply both a tz and a timezone-naive
   dtype`` (pandas' words, no row); now refused as a ``datetime64[us, UTC]`` column is,
   naming its row and column.
10. :func:`~exposure._io.write_json` (manifests, coverage, timings) wrote every value
    :mod:`json` has no type for as its text: ``np.int64(5)`` as ``"5"``, ``np.bool_(True)``
    as ``"True"``, ``pd.NA`` as ``"<NA>"``, an array as ``"[0 1 2]"`` (a long one cut to
    ``...``), read back as text, silently. Now numbers, truth values, lists and ``null``.

Tiny made-up frames written by the tests into ``tmp_path``.
"""

from __future__ import annotations

import datetime
import json
import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from exposure._io import check_stata, write_csv, write_json, write_parquet, write_stata, write_xlsx
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError


def _left(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


# 1. complex numbers and empty maps to Parquet -----------------------------------------


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_fault1_complex_column_to_parquet_refused_naming_the_cell(tmp_path, dtype):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "z": np.array([None, 1 + 2j], dtype=object).astype(dtype)})
    frame.loc[0, "z"] = np.nan
    with pytest.raises(DataFormatError) as info:
        write_parquet(frame, tmp_path / "o.parquet")
    text = str(info.value)
    assert "o.parquet" in text and "column 'z'" in text and "complex" in text, text
    assert "\n" not in text
    assert _left(tmp_path) == []


def test_fault1_empty_maps_to_parquet_refused_naming_the_column(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "v": [{}, {}]})
    with pytest.raises(DataFormatError) as info:
        write_parquet(frame, tmp_path / "o.parquet")
    text = str(info.value)
    assert "o.parquet" in text and "column 'v'" in text, text
    assert _left(tmp_path) == []


# 2. periods and intervals to Parquet ------------------------------------------------


@pytest.mark.parametrize("values, said", [
    (pd.period_range("2024-01", periods=2, freq="M"), "Period"),
    (pd.interval_range(0, 2), "Interval"),
])
def test_fault2_period_and_interval_to_parquet_refused(tmp_path, values, said):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "when": values})
    with pytest.raises(DataFormatError) as info:
        write_parquet(frame, tmp_path / "o.parquet")
    text = str(info.value)
    assert "o.parquet, row 2, column 'when'" in text and said in text, text
    assert _left(tmp_path) == []


def test_fault2_period_as_text_still_written(tmp_path):
    frame = pd.DataFrame({"when": pd.period_range("2024-01", periods=2, freq="M").astype(str)})
    path = write_parquet(frame, tmp_path / "o.parquet")
    assert pd.read_parquet(path)["when"].tolist() == ["2024-01", "2024-02"]


# 3. maps with different keys to Parquet ---------------------------------------------


def test_fault3_maps_with_different_keys_refused_naming_the_row(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew."], "meta": [{"a": 1}, None, {"b": 2}]})
    with pytest.raises(DataFormatError) as info:
        write_parquet(frame, tmp_path / "o.parquet")
    text = str(info.value)
    assert "o.parquet, row 4, column 'meta'" in text and "keys" in text, text
    assert _left(tmp_path) == []


def test_fault3_maps_with_the_same_keys_read_back_the_same(tmp_path):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "meta": [{"a": 1, "b": "x"}, {"b": "y", "a": 2}]})
    path = write_parquet(frame, tmp_path / "o.parquet")
    assert pd.read_parquet(path)["meta"].tolist() == [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]


# 4. nested cells to CSV/TSV -----------------------------------------------------------


@pytest.mark.parametrize("ext", ["csv", "tsv"])
def test_fault4_array_cell_written_in_full(tmp_path, ext):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "ids": [np.arange(2000), None]})
    path = write_frame(frame, tmp_path / f"o.{ext}")
    assert "..." not in path.read_text()
    back = read_frame(path)
    assert back["ids"].tolist()[0] == "[" + ", ".join(map(str, range(2000))) + "]"
    assert pd.isna(back["ids"].tolist()[1])


def test_fault4_arrow_list_and_struct_cells_as_json(tmp_path):
    frame = pd.DataFrame({
        "task": ["Weld.", "Cut."],
        "ids": pd.array([[1, 2], None], dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
        "meta": pd.array([{"x": 1, "y": "é"}, None], dtype=pd.ArrowDtype(pa.struct([("x", pa.int64()),
                                                                                    ("y", pa.string())]))),
    })
    path = write_csv(frame, tmp_path / "o.csv")
    back = pd.read_csv(path)
    assert back["ids"].tolist()[0] == "[1, 2]"
    assert back["meta"].tolist()[0] == '{"x": 1, "y": "é"}'
    assert back["ids"].isna().tolist() == [False, True]


def test_fault4_plain_text_columns_unchanged(tmp_path):
    frame = pd.DataFrame({"task": ["[1, 2]", "{'x': 1}"], "n": [1, 2]})
    path = write_csv(frame, tmp_path / "o.csv")
    assert path.read_text() == "task,n\n\"[1, 2]\",1\n{'x': 1},2\n"


# 5. columns with two levels ------------------------------------------------------------


def _two_levels() -> pd.DataFrame:
    frame = pd.DataFrame({"soc": ["11-1011", "11-1011", "13-2011"], "beta": [0.5, 0.7, 0.2]})
    return frame.groupby("soc").agg({"beta": ["mean", "max"]}).reset_index()


@pytest.mark.parametrize("ext", ["csv", "tsv", "dta"])
def test_fault5_multiindex_columns_refused(tmp_path, ext, caplog):
    with caplog.at_level(logging.WARNING, logger="exposure._io"), pytest.raises(DataFormatError) as info:
        write_frame(_two_levels(), tmp_path / f"o.{ext}")
    text = str(info.value)
    assert f"o.{ext}" in text and "2 levels" in text and "column \"('soc', '')\"" in text, text
    assert "renamed" not in caplog.text
    assert _left(tmp_path) == []


def test_fault5_check_stata_refuses_multiindex_columns():
    with pytest.raises(DataFormatError, match="2 levels"):
        check_stata(_two_levels(), "o.dta")


def test_fault5_flattened_columns_written(tmp_path):
    frame = _two_levels()
    frame.columns = ["_".join(c).strip("_") for c in frame.columns]
    path = write_csv(frame, tmp_path / "o.csv")
    assert pd.read_csv(path).columns.tolist() == ["soc", "beta_mean", "beta_max"]
    assert len(pd.read_csv(path)) == 2


# 6. names that are the same text --------------------------------------------------------


def test_fault6_number_and_text_of_one_name_refused_in_parquet(tmp_path):
    frame = pd.DataFrame({1: [1, 2], "1": [3, 4]})
    with pytest.raises(DataFormatError) as info:
        write_parquet(frame, tmp_path / "o.parquet")
    text = str(info.value)
    assert "o.parquet, column '1'" in text and "given twice (columns 1 and 2)" in text, text
    assert _left(tmp_path) == []


# 7. times finer than a millisecond to .dta ------------------------------------------


def test_fault7_sub_millisecond_times_to_dta_warned(tmp_path, caplog):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Sew."],
                          "at": pd.to_datetime(["2024-01-01 00:00:00", "2024-01-01 00:00:00.123456",
                                                "2024-01-02 00:00:00.000001"], format="ISO8601")})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        path = write_stata(frame, tmp_path / "o.dta")
    assert pd.read_stata(path)["at"].tolist()[1] == pd.Timestamp("2024-01-01 00:00:00.123")
    text = caplog.text
    assert "o.dta" in text and "2 cells hold times finer than a millisecond (first: row 3, column 'at'" in text, text


def test_fault7_millisecond_times_to_dta_without_a_word(tmp_path, caplog):
    frame = pd.DataFrame({"at": pd.to_datetime(["2024-01-01 00:00:00.123", None])})
    with caplog.at_level(logging.WARNING, logger="exposure._io"):
        write_stata(frame, tmp_path / "o.dta")
    assert "finer" not in caplog.text


# 8. Arrow dates and durations with a missing cell to .xlsx ------------------------------


@pytest.mark.parametrize("values, kind", [
    ([datetime.date(2024, 1, 2), None], pa.date32()),
    ([pd.Timedelta("1s"), None], pa.duration("us")),
    ([pd.Timestamp("2024-01-02 03:04:05"), None], pa.timestamp("us")),
])
def test_fault8_arrow_time_column_with_a_missing_cell_to_xlsx(tmp_path, values, kind):
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "v": pd.array(values, dtype=pd.ArrowDtype(kind))})
    path = write_xlsx(frame, tmp_path / "o.xlsx")
    back = pd.read_excel(path)["v"].tolist()
    assert pd.isna(back[1])
    assert not pd.isna(back[0])


# 9. Arrow time-zone-aware times to .dta ------------------------------------------------


def test_fault9_arrow_time_zone_aware_column_to_dta_names_the_cell(tmp_path):
    values = pd.array([None, pd.Timestamp("2024-01-02", tz="UTC")],
                      dtype=pd.ArrowDtype(pa.timestamp("us", tz="UTC")))
    frame = pd.DataFrame({"task": ["Weld.", "Cut."], "at": values})
    with pytest.raises(DataFormatError) as info:
        write_stata(frame, tmp_path / "o.dta")
    text = str(info.value)
    assert "o.dta, row 3, column 'at'" in text and "time-zone-aware" in text, text
    assert _left(tmp_path) == []


# 10. numpy values in JSON ----------------------------------------------------------------


def test_fault10_numpy_values_written_as_json_numbers(tmp_path):
    obj = {"rows": np.int64(5), "ok": np.bool_(True), "share": np.float32(0.5), "missing": pd.NA,
           "ids": np.arange(2000), "when": pd.Timestamp("2024-01-02"), "never": np.datetime64("NaT")}
    back = json.loads(write_json(obj, tmp_path / "m.json").read_text())
    assert back["rows"] == 5 and back["ok"] is True and back["share"] == 0.5
    assert back["missing"] is None and back["never"] is None
    assert back["ids"] == list(range(2000))
    assert back["when"] == "2024-01-02 00:00:00"  # as before: its text


def test_fault10_json_bytes_deterministic(tmp_path):
    obj = {"tags": {"b", "a", "c"}, "n": np.int32(3)}
    first = write_json(obj, tmp_path / "a.json").read_bytes()
    assert first == write_json(obj, tmp_path / "b.json").read_bytes()
    assert json.loads(first)["tags"] == ["a", "b", "c"]
