"""Round 75, area ``writers3``: the table writers of :mod:`exposure._io`.

1. A column without a name (None, NaN or ``pd.NA``, as ``frame.columns = frame.iloc[0]``
   gives for the empty cells of a sheet's header row; ``""`` or blank text) was written
   to a Stata ``.dta`` file as the variable ``_0nan`` (``_`` for ``""``, ``__`` for two
   spaces), with only the warning ``1 column name(s) are not Stata variable names and
   were renamed (...): nan -> '_0nan'``, while the other writers refuse it. Now refused
   before anything is written, in the words of the other writers: ``o.dta: column 2 has
   no name (nan), which a Stata .dta file cannot hold; name it (frame.rename(columns=...)
   or frame.columns = [...])`` (``write_stata``, ``check_stata``, ``write_frame``).
2. ``write_csv`` given a path named as a compressed file (``o.csv.gz``, ``o.tsv.bz2``,
   ``o.csv.zip``) wrote plain CSV text under that name, which every reader then failed
   to decompress (``pd.read_csv``: ``BadGzipFile: Not a gzipped file``), while
   ``write_frame`` refuses such a name. Now refused before anything is written:
   ``o.csv.gz: unsupported output file type '.gz' (gzip-compressed files are not
   written): a CSV file is written as plain text; write o.csv; for compressed output
   write o.parquet (Parquet compresses its columns)``.
3. ``write_csv`` (and ``neutralise_formulas``) of a frame with an Arrow dictionary column
   (``pd.read_parquet(..., dtype_backend="pyarrow")`` of a dictionary-encoded column: an
   R factor, a pandas categorical) holding a cell a spreadsheet would run as a formula
   and a missing cell wrote the text of another row in the missing cell (``Weld.``
   twice where the file had ``Weld.`` and nothing), silently. Now the missing cell
   stays empty; the formula cell gets its ``'`` as before.
4. ``write_stata`` (and ``check_stata``, ``write_frame``) refused an Arrow text column
   (``pd.read_parquet(..., dtype_backend="pyarrow")``: ``string[pyarrow]``,
   ``large_string[pyarrow]``, a dictionary of text or of numbers), telling the user to
   convert what is text already: ``o.dta, row 2, column 'task': the column holds
   string[pyarrow] values, which a Stata .dta file cannot store; convert the column (to
   numbers or text), or write .csv or .parquet``. Now written as text (a dictionary of
   numbers as its numbers), read back with the same values; a text holding a NUL
   character is still refused, naming its row.
5. ``write_xlsx``'s ``sheet`` was given to openpyxl unchecked: a name holding a character
   Excel forbids (``Scores 2024/25``) raised a bare ``ValueError: Invalid character /
   found in sheet title`` (naming no file), a number a ``TypeError``, an empty name was
   written as ``Sheet`` without a word, and a name of more than 31 characters, one
   starting with an apostrophe or ``History`` were written into a workbook that Excel
   does not open without repairing it. Now refused before anything is written, naming
   the file and a name that follows Excel's rules: ``o.xlsx: sheet 'Scores 2024/25'
   holds '/', which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :):
   write 'Scores 2024_25'``; ``sheet 'xxx...' has 40 characters, more than the 31 of an
   Excel sheet name: write 'xxx...'``; ``sheet must be a sheet name (str), got int 3``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._io import check_stata, neutralise_formulas, write_csv, write_stata, write_xlsx
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError

NAME_IT = "name it (frame.rename(columns=...) or frame.columns = [...])"


# 1. a column without a name, to Stata
@pytest.mark.parametrize(("name", "shown"), [(None, "nan"), (np.nan, "nan"), (pd.NA, "nan"), ("", "''"),
                                             ("  ", "'  '")])
def test_1_stata_refuses_a_column_without_a_name(tmp_path, name, shown):
    frame = pd.DataFrame([["Weld.", 0.5]], columns=["task", name])
    path = tmp_path / "o.dta"
    for write in (write_stata, write_frame, check_stata):
        with pytest.raises(DataFormatError) as caught:
            write(frame, path)
        assert str(caught.value) == (f"{path}: column 2 has no name ({shown}), which a Stata .dta file cannot "
                                     f"hold; {NAME_IT}")
    assert list(tmp_path.iterdir()) == []
    named = frame.set_axis(["task", "beta"], axis=1)  # following the advice: written and read back
    assert read_frame(write_stata(named, path)).to_dict("list") == {"task": ["Weld."], "beta": [0.5]}


def test_1_a_header_row_taken_from_a_sheet_is_refused_by_stata_as_by_the_others(tmp_path):
    raw = pd.DataFrame([["task", None], ["Weld.", 0.5]])  # a sheet read without its header
    frame = raw.iloc[1:].set_axis(raw.iloc[0].tolist(), axis=1)
    messages = set()
    for kind in ("csv", "xlsx", "parquet", "dta"):
        with pytest.raises(DataFormatError, match=r"column 2 has no name \(nan\), which ") as caught:
            write_frame(frame, tmp_path / f"o.{kind}")
        messages.add(str(caught.value).split(": ", 1)[1].replace("a Stata .dta file", "X")
                     .replace("an .xlsx sheet", "X").replace("a Parquet file", "X").replace("a CSV file", "X"))
    assert messages == {f"column 2 has no name (nan), which X cannot hold; {NAME_IT}"}
    assert list(tmp_path.iterdir()) == []


# 2. write_csv to a compressed file's name
@pytest.mark.parametrize(("name", "options", "suffix", "what", "plain", "parquet", "where"), [
    ("o.csv.gz", {}, ".gz", "gzip-compressed files", "o.csv", "o.parquet", "a CSV file"),
    ("o.csv.gz", {"float_format": "%.3f"}, ".gz", "gzip-compressed files", "o.csv", "o.parquet", "a CSV file"),
    ("o.tsv.bz2", {"sep": "\t"}, ".bz2", "bzip2-compressed files", "o.tsv", "o.parquet", "a .tsv file"),
    ("scores.csv.zip", {}, ".zip", "zip archives", "scores.csv", "scores.parquet", "a CSV file"),
    ("o.gz", {}, ".gz", "gzip-compressed files", "o.csv", "o.parquet", "a CSV file"),
])
def test_2_write_csv_refuses_a_compressed_name(tmp_path, name, options, suffix, what, plain, parquet, where):
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    path = tmp_path / name
    with pytest.raises(DataFormatError) as caught:
        write_csv(frame, path, **options)
    assert str(caught.value) == (f"{path}: unsupported output file type {suffix!r} ({what} are not written): "
                                 f"{where} is written as plain text; write {tmp_path / plain}; for compressed output "
                                 f"write {tmp_path / parquet} (Parquet compresses its columns)")
    assert list(tmp_path.iterdir()) == []
    # following the advice works
    write_csv(frame, tmp_path / plain, **options)
    assert read_frame(write_frame(frame, tmp_path / parquet))["task"].tolist() == ["Weld."]


def test_2_write_frame_and_write_csv_agree_on_a_gz_name(tmp_path):
    frame = pd.DataFrame({"task": ["Weld."]})
    for write in (write_frame, write_csv):
        with pytest.raises(DataFormatError, match=r"unsupported output file type '\.gz' \(gzip-compressed "
                                                  r"files are not written\).*[:;] for compressed output write \S*o\.parquet "
                                                  r"\(Parquet compresses its columns\)$"):
            write(frame, tmp_path / "o.csv.gz")
    assert list(tmp_path.iterdir()) == []


# 3. formulas in an Arrow dictionary column
def _arrow_read(tmp_path, table: pa.Table) -> pd.DataFrame:
    """``table`` written to Parquet and read back as pandas reads it with ``dtype_backend="pyarrow"``."""
    pq.write_table(table, tmp_path / "in.parquet")
    return pd.read_parquet(tmp_path / "in.parquet", dtype_backend="pyarrow")


def test_3_a_missing_cell_of_an_arrow_dictionary_column_stays_missing(tmp_path):
    tasks = pa.array(["=A1 check", "Weld.", None]).dictionary_encode()  # an R factor
    frame = _arrow_read(tmp_path, pa.table({"task": tasks, "title": ["Clerk", "Welder", "Welder"]}))
    assert pa.types.is_dictionary(frame["task"].dtype.pyarrow_dtype)
    out, n = neutralise_formulas(frame)
    assert n == 1
    assert out["task"].iloc[:2].tolist() == ["'=A1 check", "Weld."]
    assert pd.isna(out["task"].iloc[2])
    path = write_csv(frame, tmp_path / "o.csv")
    assert path.read_text() == "task,title\n'=A1 check,Clerk\nWeld.,Welder\n,Welder\n"
    assert frame["task"].iloc[:2].tolist() == ["=A1 check", "Weld."]  # the caller's frame unchanged


# 4. Arrow text columns to Stata
@pytest.mark.parametrize("column", [
    pa.array(["Weld pipes.", None, "Answer phones."]),
    pa.array(["Weld pipes.", None, "Answer phones."], pa.large_string()),
    pa.array(["Weld pipes.", None, "Answer phones."]).dictionary_encode(),
])
def test_4_stata_writes_arrow_text_as_text(tmp_path, column):
    frame = _arrow_read(tmp_path, pa.table({"task": column, "beta": [0.5, 0.25, 1.0]}))
    assert isinstance(frame["task"].dtype, pd.ArrowDtype)
    check_stata(frame, tmp_path / "o.dta")
    back = pd.read_stata(write_frame(frame, tmp_path / "o.dta"))
    assert back["task"].tolist() == ["Weld pipes.", "", "Answer phones."]  # Stata has no missing text
    assert back["beta"].tolist() == [0.5, 0.25, 1.0]
    # read back as the same frame of plain text is
    plain = frame.astype({"task": object})
    pd.testing.assert_frame_equal(read_frame(tmp_path / "o.dta"),
                                  read_frame(write_stata(plain, tmp_path / "plain.dta")))
    # a text holding a NUL character is still refused, on its row
    nul = frame.assign(task=pd.Series(["Weld.", "Answer calls\x00 and relay messages.", None],
                                      dtype=frame["task"].dtype))
    with pytest.raises(DataFormatError, match=r"n\.dta, row 3, column 'task': a cell holds a NUL character"):
        write_stata(nul, tmp_path / "n.dta")
    assert not (tmp_path / "n.dta").exists()


def test_4_stata_writes_an_arrow_dictionary_of_numbers_as_numbers(tmp_path):
    zones = pa.array([4, None, 2]).dictionary_encode()
    frame = _arrow_read(tmp_path, pa.table({"task": ["Weld.", "Cut.", "Sew."], "job_zone": zones}))
    back = pd.read_stata(write_stata(frame, tmp_path / "o.dta"))
    assert back["job_zone"].tolist()[::2] == [4, 2]
    assert np.isnan(back["job_zone"].iloc[1])


# 5. write_xlsx's sheet name
@pytest.mark.parametrize(("sheet", "reason"), [
    ("Scores 2024/25", "holds '/', which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :): "
                       "write 'Scores 2024_25'"),
    ("a:b", "holds ':', which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :): write 'a_b'"),
    ("x" * 40, f"has 40 characters, more than the 31 of an Excel sheet name: write {'x' * 31!r}"),
    ("Scores 2024/25 by occupation and sector", "holds '/', which Excel does not allow in a sheet name (nor any "
                                                "of \\ / ? * [ ] :): write 'Scores 2024_25 by occupation an'"),
    ("'tasks'", "starts or ends with an apostrophe ('), which Excel does not allow in a sheet name: write 'tasks'"),
    ("History", "is a name Excel reserves: give another name (e.g. 'data')"),
])
def test_5_write_xlsx_refuses_a_sheet_name_excel_does_not_take(tmp_path, sheet, reason):
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    path = tmp_path / "o.xlsx"
    with pytest.raises(DataFormatError) as caught:
        write_xlsx(frame, path, sheet=sheet)
    assert str(caught.value) == f"{path}: sheet {sheet!r} {reason}"
    assert list(tmp_path.iterdir()) == []
    fixed = reason.rsplit("write ", 1)[1].strip("'") if "write " in reason else "data"
    write_xlsx(frame, path, sheet=fixed)  # following the advice works
    assert pd.ExcelFile(path).sheet_names == [fixed]
    assert read_frame(path)["task"].tolist() == ["Weld."]


@pytest.mark.parametrize(("sheet", "message"), [
    ("", "o.xlsx: sheet is empty (''): give the sheet's name (default 'data')"),
    (3, "sheet must be a sheet name (str), got int 3"),
    (None, "sheet must be a sheet name (str), got NoneType None"),
])
def test_5_write_xlsx_refuses_an_empty_sheet_name_or_not_a_name(tmp_path, sheet, message):
    with pytest.raises(DataFormatError) as caught:
        write_xlsx(pd.DataFrame({"task": ["Weld."]}), tmp_path / "o.xlsx", sheet=sheet)
    assert str(caught.value).endswith(message)
    assert list(tmp_path.iterdir()) == []
