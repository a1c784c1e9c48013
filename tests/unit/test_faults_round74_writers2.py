"""Round 74 (second wave), area ``writers2``: the table writers of :mod:`exposure._io` and output paths.

1. A column without a name (None or NaN, as ``frame.columns = frame.iloc[0]`` gives for
   the empty cells of a sheet's header row, or ``""`` or blank text) was written without
   a word: an empty header cell in a CSV file (refused when read back: ``o.csv, row 1:
   column 2 has values but no name in the header (first at row 2): name it``), the name
   ``nan`` in an .xlsx sheet and a Parquet file (read back as a column named ``nan``), or
   ``""`` (refused when read back). Now refused before anything is written: ``o.csv:
   column 2 has no name (nan), which a CSV file cannot hold; name it
   (frame.rename(columns=...) or frame.columns = [...])`` (``('')`` for empty text; ``an
   .xlsx sheet``, ``a Parquet file``). A Stata file renamed it ``_`` (then documented); since round 75 it refuses it too.
2. Column names that differ only by surrounding spaces (``a`` and ``" a"``: a header cell
   typed with a leading space) were written to ``.csv``, ``.xlsx`` and ``.parquet``, and
   the library's readers, which compare names without those spaces, refused the file it
   wrote (``o.csv, row 1, column 'a': column 'a' appears twice in the header (columns 1
   and 2)``). Now refused as a name given twice, naming how each is written: ``o.csv,
   column 'a': the column name is given twice (columns 1 and 2, written 'a' and ' a'),
   which a CSV file cannot hold; rename one``. A Stata file still writes ``" a"`` as the
   variable ``_a``.
3. A frame with rows but no columns (``frame[[]]``, every column dropped) was written to
   ``.csv`` as a blank line per row, and to ``.xlsx`` as an empty sheet, which the
   library's readers refused (``file is empty``, ``sheet is empty``), and to ``.parquet``
   as a file read back with no rows: the rows were lost without a word. Now refused as Stata refused it: ``o.csv: the table has no columns (it
   has 3 rows), and a CSV file needs at least one``. A table of no rows and no columns (an
   empty report) is still written.
4. An output path through a folder that does not exist and a ``..``
   (``exposure train --out x/../m.npz``) left the empty folder ``x`` behind: the check of
   the output (:func:`exposure._outdir.check_output_file`,
   :func:`exposure._outdir.check_files_dir`) made ``x`` and removed only the folders of the
   resolved path, so a run refused afterwards (``mirror directory ... does not exist``)
   left ``x``; a writer (:func:`exposure._io.atomic_path`: ``write_frame(frame,
   "x/../o.csv")``) left it after a failed write and after a successful one too. Now the
   folders a ``..`` leaves are removed again: nothing but the output is left.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_faults_cli import cli, one_error_line

from exposure._io import atomic_paths, write_csv, write_parquet, write_stata, write_xlsx
from exposure._outdir import check_files_dir, check_output_file
from exposure._tables import read_frame, write_frame
from exposure.errors import DataFormatError

WHERE = {"csv": "a CSV file", "parquet": "a Parquet file", "xlsx": "an .xlsx sheet"}


# 1. a column without a name
@pytest.mark.parametrize("kind", ["csv", "parquet", "xlsx"])
@pytest.mark.parametrize(("name", "shown"), [(None, "nan"), (np.nan, "nan"), ("", "''"), ("  ", "'  '")])
def test_1_a_column_without_a_name_is_refused(tmp_path, kind, name, shown):
    frame = pd.DataFrame([["Weld.", 0.5]], columns=["task", name])
    path = tmp_path / f"o.{kind}"
    with pytest.raises(DataFormatError) as caught:
        write_frame(frame, path)
    assert str(caught.value) == (f"{path}: column 2 has no name ({shown}), which {WHERE[kind]} cannot hold; "
                                 "name it (frame.rename(columns=...) or frame.columns = [...])")
    assert list(tmp_path.iterdir()) == []
    named = frame.set_axis(["task", "beta"], axis=1)  # named: written and read back
    assert read_frame(write_frame(named, path))["beta"].astype(float).tolist() == [0.5]


def test_1_a_header_row_taken_from_a_sheet_is_refused(tmp_path):
    raw = pd.DataFrame([["task", None], ["Weld.", 0.5]])  # a sheet read without its header
    frame = raw.iloc[1:].set_axis(raw.iloc[0].tolist(), axis=1)
    with pytest.raises(DataFormatError, match=r"^.*o\.xlsx: column 2 has no name \(nan\)"):
        write_xlsx(frame, tmp_path / "o.xlsx")
    with pytest.raises(DataFormatError, match="column 2 has no name"):
        write_parquet(frame, tmp_path / "o.parquet")
    assert list(tmp_path.iterdir()) == []
    # Stata refuses it too (round 75: it was written as the variable '_')
    frame = pd.DataFrame([["Weld.", 0.5]], columns=["task", ""])
    with pytest.raises(DataFormatError, match=r"column 2 has no name \(''\), which a Stata \.dta file cannot hold"):
        write_stata(frame, tmp_path / "o.dta")
    assert list(tmp_path.iterdir()) == []


# 2. names that differ only by surrounding spaces
@pytest.mark.parametrize("kind", ["csv", "parquet", "xlsx"])
def test_2_names_alike_but_for_spaces_are_refused(tmp_path, kind):
    frame = pd.DataFrame([["Weld.", 0.5, 0.25]], columns=["task", "beta", " beta "])
    path = tmp_path / f"o.{kind}"
    with pytest.raises(DataFormatError) as caught:
        write_frame(frame, path)
    assert str(caught.value) == (f"{path}, column 'beta': the column name is given twice (columns 2 and 3, "
                                 f"written 'beta' and ' beta '), which {WHERE[kind]} cannot hold; rename one")
    assert list(tmp_path.iterdir()) == []


def test_2_stata_still_writes_a_padded_name_as_its_own_variable(tmp_path):
    frame = pd.DataFrame([["Weld.", 0.5, 0.25]], columns=["task", "beta", " beta"])
    with pytest.raises(DataFormatError, match="written 'beta' and ' beta'"):
        write_csv(frame, tmp_path / "o.csv")
    read = read_frame(write_stata(frame, tmp_path / "o.dta"))
    assert list(read.columns) == ["task", "beta", "_beta"]


# 3. rows without columns
@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_3_rows_without_columns_are_refused(tmp_path, kind):
    frame = pd.DataFrame({"task": ["Weld.", "Cut.", "Lay bricks."]})[[]]
    path = tmp_path / f"o.{kind}"
    with pytest.raises(DataFormatError) as caught:
        write_frame(frame, path)
    assert str(caught.value) == (f"{path}: the table has no columns (it has 3 rows), and {WHERE[kind]} "
                                 "needs at least one")
    assert list(tmp_path.iterdir()) == []
    # an empty report (no rows, no columns) is still written
    assert write_csv(pd.DataFrame(), tmp_path / "empty.csv").read_text() == "\n"


# 4. an output path through a folder left by ".."
def test_4_a_refused_train_leaves_no_folder_behind(tmp_path, capsys):
    out = tmp_path / "x" / ".." / "m.npz"
    code, _, err = cli(capsys, "train", "--out", out, "--mirror", tmp_path / "nomirror")
    assert code == 2
    assert "does not exist" in one_error_line(err, command="train")
    assert list(tmp_path.iterdir()) == []


def test_4_the_checks_of_the_outputs_leave_no_folder_behind(tmp_path):
    assert check_output_file(tmp_path / "x" / ".." / "m.npz") == tmp_path / "x" / ".." / "m.npz"
    assert check_output_file(tmp_path / "y" / "z" / ".." / ".." / "new" / "m.npz").name == "m.npz"
    check_files_dir(tmp_path / "w" / ".." / "reports")
    assert list(tmp_path.iterdir()) == []


def test_4_a_writer_leaves_no_folder_behind(tmp_path):
    frame = pd.DataFrame({"task": ["Weld."], "beta": [0.5]})
    broken = pd.DataFrame({"task": ["Weld.\ud800"]}, dtype=object)  # refused while written
    with pytest.raises(DataFormatError, match="lone surrogate"):  # a failed write
        write_frame(broken, tmp_path / "x" / ".." / "o.csv")
    assert list(tmp_path.iterdir()) == []
    write_frame(frame, tmp_path / "x" / ".." / "new" / "o.csv")  # a successful one
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["new", "new/o.csv"]
    with atomic_paths([tmp_path / "q" / ".." / "a.txt", tmp_path / "b" / "b.txt"]) as (a, b):
        a.write_text("A")
        b.write_text("B")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "a.txt", "b", "b/b.txt", "new", "new/o.csv"]
