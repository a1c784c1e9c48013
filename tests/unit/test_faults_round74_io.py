"""Round 74, area ``io``: the table writers of :mod:`exposure._io` and the OEWS tables of ``build_panel``.

1. A table writer (:func:`exposure._io.write_csv`, ``write_parquet``, ``write_xlsx``,
   ``write_stata``, and so :func:`exposure._tables.write_frame`) given what is not a
   DataFrame failed from inside pandas: a Series gave ``AttributeError: 'Series' object
   has no attribute 'columns'`` (CSV, Parquet), ``TypeError: 'numpy.dtypes.Float64DType'
   object is not iterable`` (Stata) and ``IndexError: tuple index out of range``
   (``.xlsx``); an array, a dict, a list or None an ``AttributeError``; the path given
   first (``write_csv("o.csv", frame)``) ``AttributeError: 'str' object has no attribute
   'columns'``. Now a ``DataFormatError`` naming the file, what was given and how to make
   the frame: ``o.csv: the table to write as a CSV file must be a pandas DataFrame, got
   Series 'beta'; give series.to_frame() (one column, named by the Series;
   series.reset_index() keeps its index too)`` (an unnamed Series: ``give
   series.to_frame('name') ...``; a dict: ``give pd.DataFrame(columns) ...``; an array:
   ``got ndarray of shape (2, 2); give pd.DataFrame(array, columns=[...]) ...``), and
   ``... got str 'o.csv', and the file path a DataFrame: give the table first, then the
   path``. Nothing is written.
2. A ``.tsv`` output (``write_frame(frame, "o.tsv")``, ``write_csv(..., sep="\\t",
   quoting=csv.QUOTE_NONE)``) of a frame with a column name holding a tab or a line break
   (a header cell wrapped on two lines in Excel) failed with Python's ``_csv.Error: need to
   escape, but no escapechar set``, a traceback; such a cell was already refused. Now
   ``o.tsv, row 1, column 'note\\tcomment': a column name holds a tab or a line break,
   which a .tsv file cannot hold in its header; rename the column, or write .csv or
   .parquet``; nothing is written.
3. A frame with a column name given twice (``n`` twice, or ``1`` and ``"1"``, which the
   file writes alike) was written to ``.csv``, ``.tsv`` and ``.xlsx`` without a word, and
   the library then refused the file it wrote (``o.csv, row 1, column 'n': column 'n'
   appears twice in the header (columns 2 and 3)``); ``.parquet`` and ``.dta`` already
   refused it. Now refused before anything is written, as for Parquet: ``o.csv, column
   'n': the column name is given twice (columns 2 and 3), which a CSV file cannot hold;
   rename one`` (``a .tsv file``, ``an .xlsx sheet``).
4. :func:`exposure.outcomes.build_panel` of tables read from BLS's files by pandas (their
   columns in lower case, so with ``area``, ``area_title``, ``area_type``) took a state
   table (``state_M2021_dl``: ``area_type`` 2, ``Alabama``) for the national one: the
   panel was built from Alabama's employment and wages, without a word; a state table
   stacked under the national one was refused as ``occupation code 11-1011 appears twice
   among the cross-industry detailed rows``. Now as :func:`exposure.oews.read_oews`
   refuses it: ``frames[2021], row 1, column 'area_type': area_type must be 1 (national,
   the U.S.) in a national OEWS table, got '2' (area_title 'Alabama'): a state table? read
   BLS's national file (national_M<year>_dl)``. The national table with its area columns
   (as pandas reads them: the integers 99 and 1) gives the panel it gives without them.
"""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure._io import write_csv, write_parquet, write_stata, write_xlsx
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError

WRITERS = {"csv": write_csv, "parquet": write_parquet, "xlsx": write_xlsx, "dta": write_stata}
WHERE = {"csv": "a CSV file", "parquet": "a Parquet file", "xlsx": "an .xlsx sheet", "dta": "a Stata .dta file",
         "tsv": "a .tsv file"}


# 1 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["csv", "parquet", "xlsx", "dta"])
@pytest.mark.parametrize(("given", "got"), [
    (pd.Series([0.5, 0.2], name="beta"), "got Series 'beta'; give series.to_frame() (one column, named by the "
                                         "Series; series.reset_index() keeps its index too)"),
    (pd.Series([0.5, 0.2]), "got Series; give series.to_frame('name') (the Series has no name to name its column)"),
    (np.zeros((2, 2)), "got ndarray of shape (2, 2); give pd.DataFrame(array, columns=[...]) (names for its "
                       "columns)"),
    ({"beta": [0.5]}, "got dict; give pd.DataFrame(columns) (a dict of columns)"),
    ([[0.5]], "got list [[0.5]]"),
    (None, "got NoneType None"),
])
def test_1_writers_refuse_what_is_not_a_frame(tmp_path, kind, given, got):
    path = tmp_path / f"o.{kind}"
    with pytest.raises(DataFormatError) as caught:
        WRITERS[kind](given, path)
    assert str(caught.value) == f"{path}: the table to write as {WHERE[kind]} must be a pandas DataFrame, {got}"
    with pytest.raises(DataFormatError, match="must be a pandas DataFrame, got Series 'beta'; give series.to_frame"):
        write_frame(pd.Series([0.5], name="beta"), path)
    assert list(tmp_path.iterdir()) == []


def test_1_path_given_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"beta": [0.5]})
    with pytest.raises(DataFormatError) as caught:
        write_csv("o.csv", frame)
    assert str(caught.value) == ("the table to write as a CSV file must be a pandas DataFrame, got str 'o.csv', "
                                 "and the file path a DataFrame: give the table first, then the path")
    assert list(tmp_path.iterdir()) == []
    # following the advice works; the Series' advice too
    assert pd.read_csv(write_csv(frame, tmp_path / "o.csv")).to_dict("list") == {"beta": [0.5]}
    back = read_frame(write_parquet(pd.Series([0.5], name="beta").to_frame(), tmp_path / "s.parquet"))
    assert back.to_dict("list") == {"beta": [0.5]}


# 2 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["note\tcomment", "note\ncomment", "note\r\ncomment"])
def test_2_tsv_column_name_with_tab_or_line_break(tmp_path, name):
    frame = pd.DataFrame({"task": ["Weld."], name: ["x"]})
    path = tmp_path / "o.tsv"
    with pytest.raises(DataFormatError) as caught:
        write_frame(frame, path)
    assert str(caught.value) == (f"{path}, row 1, column {name!r}: a column name holds a tab or a line break, "
                                 "which a .tsv file cannot hold in its header; rename the column, or write .csv "
                                 "or .parquet")
    with pytest.raises(DataFormatError, match="a column name holds a tab or a line break"):
        write_csv(frame, path, sep="\t", quoting=csv.QUOTE_NONE)
    assert list(tmp_path.iterdir()) == []
    # no header written: nothing to refuse; a .csv quotes the name and reads it back
    write_csv(frame, path, sep="\t", quoting=csv.QUOTE_NONE, header=False)
    assert path.read_text() == "Weld.\tx\n"
    assert list(read_frame(write_frame(frame, tmp_path / "o.csv")).columns) == ["task", name]


# 3 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["csv", "tsv", "xlsx"])
@pytest.mark.parametrize(("columns", "shown"), [(["task", "n", "n"], "n"), (["task", 1, "1"], "1")])
def test_3_column_name_twice(tmp_path, kind, columns, shown):
    frame = pd.DataFrame([["Weld.", 1, 2]], columns=columns)
    path = tmp_path / f"o.{kind}"
    with pytest.raises(DataFormatError) as caught:
        write_frame(frame, path)
    assert str(caught.value) == (f"{path}, column {shown!r}: the column name is given twice (columns 2 and 3), "
                                 f"which {WHERE[kind]} cannot hold; rename one")
    assert list(tmp_path.iterdir()) == []
    renamed = frame.set_axis(["task", "n", "n2"], axis=1)
    assert read_frame(write_frame(renamed, path)).columns.tolist() == ["task", "n", "n2"]


def test_3_csv_and_xlsx_writers_directly(tmp_path):
    frame = pd.DataFrame([[1, 2]], columns=["n", "n"])
    with pytest.raises(DataFormatError, match="which a CSV file cannot hold; rename one"):
        write_csv(frame, tmp_path / "o.csv")
    with pytest.raises(DataFormatError, match="which an .xlsx sheet cannot hold; rename one"):
        write_xlsx(frame, tmp_path / "o.xlsx")
    assert list(tmp_path.iterdir()) == []


# 4 ------------------------------------------------------------------------------------------
def _oews(emp, area="99", title="U.S.", area_type="1") -> pd.DataFrame:
    return pd.DataFrame({"area": area, "area_title": title, "area_type": area_type, "i_group": "cross-industry",
                         "o_group": "detailed", "occ_code": ["11-1011", "31-1120"], "occ_title": ["CEOs", "Aides"],
                         "tot_emp": emp, "a_mean": [200e3, 30e3], "a_median": [190e3, 29e3]})


SOC = ["11-1011", "31-1121", "31-1122"]


def test_4_state_table_is_not_national():
    state = {"area": "01", "title": "Alabama", "area_type": "2"}
    with pytest.raises(DataFormatError) as caught:
        outcomes.build_panel({2021: _oews([10, 20], **state), 2022: _oews([11, 22], **state)}, SOC)
    assert str(caught.value) == (
        "frames[2021], row 1, column 'area_type': area_type must be 1 (national, the U.S.) in a national OEWS "
        "table, got '2' (area_title 'Alabama'): area_type 2 is a state, not the U.S.: this is a state table, not "
        "the national one; give BLS's national file (national_M<year>_dl)")  # round 81: said, not asked
    stacked = pd.concat([_oews([10, 20]), _oews([1, 2], **state)], ignore_index=True)
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 3, column 'area_type': .* got '2'"):
        outcomes.build_panel({2021: _oews([10, 20]), 2022: stacked}, SOC)
    # a table with the area code only (no area_type): area 99 is the U.S.
    with pytest.raises(DataFormatError, match=r"row 1, column 'area': area must be 99 .* got '01'"):
        outcomes.build_panel({2021: _oews([10, 20], area="01").drop(columns="area_type"), 2022: _oews([11, 22])}, SOC)
    # the national table with its area columns, as pandas reads BLS's file (integers): as before
    plain = outcomes.build_panel({2021: _oews([10, 20]).drop(columns=["area", "area_title", "area_type"]),
                                  2022: _oews([11, 22]).drop(columns=["area", "area_title", "area_type"])}, SOC)
    national = outcomes.build_panel({2021: _oews([10, 20], area=99, area_type=1),
                                     2022: _oews([11, 22], area=99.0, area_type=1.0)}, SOC)
    pd.testing.assert_frame_equal(national, plain)
    assert national["tot_emp"].tolist() == [10.0, 11.0, 20.0, 22.0]
