"""Round 27: the writers of ``exposure score`` and ``exposure rollup`` (exposure._io).

Each test is a case that broke a promise before (no silent wrong result, no half-written
or unreadable file, a clear error naming the file, row and column):

1. ``.dta``: a 32-bit integer column (a Parquet ``int32``/``uint32`` input column, a
   nullable ``Int32``) holding a value beyond Stata's ``long`` (2,147,483,621 to
   2,147,483,647, or -2,147,483,648) was written as is, and read back as missing, silently;
2. ``.dta``: a 32-bit float below Stata's ``float`` range (-3.3e38) was read back as
   missing, silently;
3. ``.dta``: a double beyond Stata's range (+/-8.988e307) failed with pandas' words and no
   row (``Column n has a maximum value (1e+308) outside the range supported by Stata``),
   or, negative, was written as a value Stata does not hold;
4. ``.xlsx``: a column name holding a control character crashed openpyxl
   (``IllegalCharacterError`` traceback); one over 32,767 characters was written (Excel
   cuts it);
5. ``.xlsx``: a text holding U+FFFE or U+FFFF (not allowed in XML) gave a workbook that
   Excel and openpyxl cannot open (``ParseError: not well-formed``), with exit code 0;
6. every format: a text of an ``object`` column holding a lone surrogate (``"\\udcff"``,
   from JSON or a decoder's ``surrogateescape``) failed with ``UnicodeEncodeError`` and no
   row nor column (``.csv``, ``.parquet``, ``.dta``), or gave a workbook that cannot be
   opened (``.xlsx``);
7. ``.parquet``: an object column holding text and numbers (a frame built in Python) failed
   with pyarrow's ``ArrowTypeError``, naming no row; a column name given twice with a
   ``ValueError``;
8. ``.dta``: a column name given twice failed with ``AttributeError``; a frame without
   columns with ``IndexError``.

Tiny made-up frames and files written by the tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._io import check_stata, check_xlsx, write_csv, write_parquet, write_stata, write_xlsx
from exposure.cli import main
from exposure.errors import DataFormatError

SCORE = ["--method", "rubric", "--onet", "none"]
TASKS = ["Answer telephones and relay messages.", "Operate a forklift."]


pytestmark = pytest.mark.usefixtures("no_env")


def _score(capsys, src: Path, out: Path) -> tuple[int, str]:
    """``exposure score SRC -o OUT``: (exit code, the one error line or "")."""
    code = main(["score", str(src), "-o", str(out), *SCORE])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith("exposure score: error: ")]
    assert len(lines) == (code != 0), err
    return code, lines[0] if lines else ""


def _refused(fn, frame, path, *, row, column, match):
    with pytest.raises(DataFormatError, match=match) as info:
        fn(frame, path)
    text = str(info.value)
    assert str(path) in text and "\n" not in text
    if row is not None:
        assert f"row {row}," in text
    if column is not None:
        assert f"column {column!r}" in text
    assert not path.exists()
    assert [p.name for p in path.parent.iterdir()] == []  # no partial file left


# --------------------------------------------------------------------------- 1. int32 in Stata

@pytest.mark.parametrize("values, dtype", [
    ([2_147_483_647, 1], "int32"),
    ([-2_147_483_648, 1], "int32"),
    ([2_147_483_621, 7], "int32"),
    ([2_147_483_640, 1], "uint32"),
    ([2_147_483_647, None], "Int32"),
    ([2_147_483_647, None], "UInt32"),
])
def test_dta_keeps_32_bit_integers_beyond_statas_long(tmp_path, values, dtype):
    path = tmp_path / "o.dta"
    write_stata(pd.DataFrame({"task": TASKS, "posting": pd.array(values, dtype=dtype)}), path)
    back = pd.read_stata(path)["posting"].tolist()
    assert back[0] == values[0]  # was read back as missing (nan)
    assert back[1] == values[1] or (values[1] is None and np.isnan(back[1]))


def test_score_parquet_int32_to_dta_keeps_the_values(tmp_path, capsys):
    src, out = tmp_path / "in.parquet", tmp_path / "o.dta"
    pq.write_table(pa.table({"task": TASKS, "posting": pa.array([2_147_483_647, -2_147_483_648],
                                                                pa.int32())}), src)
    code, line = _score(capsys, src, out)
    assert code == 0, line
    assert pd.read_stata(out)["posting"].tolist() == [2_147_483_647, -2_147_483_648]


# --------------------------------------------------------------------------- 2. float32 in Stata

@pytest.mark.parametrize("dtype", ["float32", "Float32"])
def test_dta_keeps_negative_float32_beyond_statas_float(tmp_path, dtype):
    path = tmp_path / "o.dta"
    write_stata(pd.DataFrame({"task": TASKS, "w": pd.array([-3.3e38, 1.0], dtype=dtype)}), path)
    back = pd.read_stata(path)["w"].tolist()
    assert back[0] == pytest.approx(-3.3e38, rel=1e-6)  # was nan
    assert back[1] == 1.0


# --------------------------------------------------------------------------- 3. doubles in Stata

@pytest.mark.parametrize("value", [1e308, -1e308])
def test_dta_refuses_doubles_beyond_statas_range_naming_the_cell(tmp_path, value):
    frame = pd.DataFrame({"task": TASKS + ["Weld."], "n": [0.5, value, 1.0]})
    _refused(write_stata, frame, tmp_path / "o.dta", row=3, column="n",
             match=r"beyond the \+/-8\.988e\+307 that a Stata \.dta file can store")


# --------------------------------------------------------------------------- 4. xlsx column names

@pytest.mark.parametrize("name, match", [
    ("note\x01", "a column name holds a control character"),
    ("n" * 32_768, "a column name holds 32,768 characters"),
])
def test_xlsx_refuses_a_column_name_it_cannot_hold(tmp_path, name, match):
    frame = pd.DataFrame({"task": TASKS, name: [1, 2]})
    _refused(write_xlsx, frame, tmp_path / "o.xlsx", row=1, column=None, match=match)
    with pytest.raises(DataFormatError, match="row 1, column"):
        check_xlsx(frame, "o.xlsx")


# --------------------------------------------------------------------------- 5. XML non-characters

@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_xlsx_refuses_xml_noncharacters(tmp_path, char):
    frame = pd.DataFrame({"task": TASKS, "note": ["a", f"b{char}c"]})
    _refused(write_xlsx, frame, tmp_path / "o.xlsx", row=3, column="note",
             match="a character that an .xlsx sheet cannot store")


def test_score_csv_with_noncharacter_to_xlsx_is_refused_not_unreadable(tmp_path, capsys):
    src, out = tmp_path / "in.csv", tmp_path / "o.xlsx"
    src.write_text("task,note\nWeld pipes.,a\nType letters.,b\ufffe\n", encoding="utf-8")
    code, line = _score(capsys, src, out)
    assert code == 2 and "o.xlsx" in line and "row 3" in line and "'note'" in line, line
    assert not out.exists()


def test_xlsx_written_text_reads_back(tmp_path):
    """The usual characters are kept (a check that the refusal above is narrow)."""
    path = tmp_path / "o.xlsx"
    write_xlsx(pd.DataFrame({"task": ["Soudure \u00e9\u4e2d\U0001f600 \ufffd"]}), path)
    assert openpyxl.load_workbook(path).active["A2"].value == "Soudure \u00e9\u4e2d\U0001f600 \ufffd"


# --------------------------------------------------------------------------- 6. lone surrogates

def _with_surrogate() -> pd.DataFrame:
    """A frame whose object column holds a lone surrogate in its third row (file row 4).

    pandas' ``str`` columns cannot hold one (pyarrow refuses it): a frame built in Python
    with ``object`` columns, from ``json.loads`` or bytes decoded with ``surrogateescape``.
    """
    note = pd.Series(["a", "b", b"c\xffd".decode("utf-8", "surrogateescape")], dtype=object)
    return pd.DataFrame({"task": pd.Series(TASKS + ["Weld."], dtype=object), "note": note})


@pytest.mark.parametrize("writer, name", [
    (write_csv, "o.csv"), (write_parquet, "o.parquet"), (write_stata, "o.dta"),
    (write_xlsx, "o.xlsx"),
])
def test_lone_surrogate_is_refused_naming_the_cell(tmp_path, writer, name):
    _refused(writer, _with_surrogate(), tmp_path / name, row=4, column="note",
             match=r"a lone surrogate \(U\+DCFF\)")


def test_check_stata_refuses_a_surrogate_before_the_work():
    with pytest.raises(DataFormatError, match=r"o\.dta, row 4, column 'note': .*surrogate"):
        check_stata(_with_surrogate(), "o.dta")


# --------------------------------------------------------------------------- 7. parquet

def test_parquet_refuses_mixed_object_column_naming_the_cell(tmp_path):
    frame = pd.DataFrame({"task": TASKS + ["Weld."], "note": pd.Series(["a", "b", 3], dtype=object)})
    _refused(write_parquet, frame, tmp_path / "o.parquet", row=4, column="note",
             match="cannot write as Parquet")


def test_parquet_refuses_a_column_name_given_twice(tmp_path):
    frame = pd.DataFrame([["Weld.", 1, 2]], columns=["task", "n", "n"])
    _refused(write_parquet, frame, tmp_path / "o.parquet", row=None, column="n",
             match="given twice")


# --------------------------------------------------------------------------- 8. Stata frame shape

def test_dta_refuses_a_column_name_given_twice(tmp_path):
    frame = pd.DataFrame([["Weld.", 1, 2]], columns=["task", "n", "n"])
    _refused(write_stata, frame, tmp_path / "o.dta", row=None, column="n", match="given twice")


def test_dta_refuses_a_frame_without_columns(tmp_path):
    _refused(write_stata, pd.DataFrame(index=[0, 1]), tmp_path / "o.dta", row=None, column=None,
             match="no columns")
