"""Faults of round 80 (scorein2): the column types ``exposure score`` writes from a Parquet input.

1. A column of times of day (``time32[ms]``, ``time64[ns]``) or of fixed-size bytes
   (``fixed_size_binary[2]``) of a Parquet input was read as Python objects
   (``datetime.time``, ``bytes``), so that a ``.parquet`` output wrote ``time64[us]`` and
   ``binary`` in their place (``exposure.dask.score_dataset`` keeps the times). A
   ``time64[ns]`` column holding a time with nanoseconds was not read at all:
   ``exposure score: error: t.parquet: cannot read this Parquet file: Value
   3723000000001 has non-zero nanoseconds`` (a ``.csv`` or ``.parquet`` output). Now they
   are Arrow columns of their type (``exposure.scoring._files._nested_dtype``), as
   decimals are: the output keeps ``time32[ms]``, ``time64[ns]`` (its nanoseconds) and
   ``fixed_size_binary[2]``, whole and in batches; ``.csv`` and ``.xlsx`` outputs have the
   same bytes as before, ``.dta`` is refused in the same words (``a cell holds a time of
   day (datetime.time(1, 2, 3)), which a Stata .dta file cannot store ...``).
2. ``exposure._io.write_xlsx`` (``check_xlsx``) of an Arrow column of times
   (``time64[us]``) cut its times to the millisecond without the warning it gives a
   column of ``datetime.time`` (the Arrow column's dtype is no ``object``). Now the same
   warning: ``t.xlsx: 1 cells hold times finer than a millisecond (first: row 2, column
   't': 01:02:03.000001), which an .xlsx sheet does not keep: ...``.
3. A duration column of a Parquet output (``exposure score``, ``exposure._io.write_parquet``)
   stored pyarrow's whole Arrow schema of the frame, which read back every text column as
   ``large_string`` (``label``, ``task`` and the input's text columns), ``timestamp[s]``
   as such and a categorical column as a dictionary, where the same file without the
   duration column reads them as ``string``, ``timestamp[ms]`` and text. Now the schema
   stored restores the durations alone (``exposure._io.duration_schema``): the other
   columns read back as without a duration column, the durations as durations.
4. A table named by an extension alone (``write_frame(df, ".csv")``, ``read_frame(".csv")``:
   ``"$NAME.csv"`` with ``NAME`` unset) was told ``.csv: unsupported output file type
   '(none)'; use .csv, .tsv, .parquet, .pq, .xlsx or .dta``, naming the extension it was
   given as missing (``exposure score``'s ``file_kind`` already said it). Now, in one
   rule for both (``exposure._tables.extension_alone``): ``.csv: the file name '.csv' has
   nothing before its extension '.csv': give a name such as scores.csv``.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exposure._io import write_parquet, write_xlsx
from exposure._tables import read_frame, table_kind, write_frame
from exposure.cli import main
from exposure.errors import DataFormatError


def _score(src, out, *more) -> pa.Schema:
    """The Arrow schema of ``exposure score SRC -o OUT`` (a .parquet output)."""
    assert main(["score", str(src), "-o", str(out), "--onet", "none", *more]) == 0
    return pq.read_schema(out)


TIMES = {"task": ["Weld pipes.", "Lay bricks.", "File records."],
         "t32": pa.array([3723001, None, 0], pa.time32("ms")),
         "t64": pa.array([3723000000001, None, 5], pa.time64("ns")),
         "fsb": pa.array([b"ab", None, b"cd"], pa.binary(2))}


# 1. times and fixed-size bytes keep their types --------------------------------------------------

@pytest.mark.parametrize("batches", [[], ["--batch-rows", "1"]], ids=["whole", "batches"])
def test_times_and_fixed_size_bytes_keep_their_types(tmp_path, batches):
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table(TIMES), src)
    out = tmp_path / "o.parquet"
    schema = _score(src, out, *batches)
    assert [str(schema.field(n).type) for n in ("t32", "t64", "fsb")] == [
        "time32[ms]", "time64[ns]", "fixed_size_binary[2]"]
    back = pq.read_table(out)
    assert back.column("t64").cast(pa.int64()).to_pylist() == [3723000000001, None, 5]  # its nanoseconds
    assert back.column("fsb").to_pylist() == [b"ab", None, b"cd"]


def test_times_and_bytes_in_csv_and_xlsx_as_before(tmp_path, capsys):
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"task": ["Weld pipes.", "Lay bricks."],
                             "t": pa.array([3723000001, None], pa.time64("us")),
                             "fsb": pa.array([b"ab", b"cd"], pa.binary(2))}), src)
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--onet", "none"]) == 0
    lines = (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("Weld pipes.,01:02:03.000001,ab,") and lines[2].startswith("Lay bricks.,,cd,")
    assert main(["score", str(src), "-o", str(tmp_path / "o.dta"), "--onet", "none"]) == 2
    assert capsys.readouterr().err.strip().endswith(
        "o.dta, row 2, column 't': a cell holds a time of day (datetime.time(1, 2, 3, 1)), which a Stata .dta "
        "file cannot store (a Stata variable holds numbers, text or datetimes); convert the column (to numbers "
        "or text), or write .csv or .parquet")


# 2. .xlsx of an Arrow column of times: the warning ------------------------------------------------

def test_xlsx_warns_of_arrow_times_finer_than_ms(tmp_path, caplog):
    frame = pd.DataFrame({"t": pd.Series(pa.array([3723000001, None], pa.time64("us")),
                                         dtype=pd.ArrowDtype(pa.time64("us")))})
    with caplog.at_level("WARNING"):
        write_xlsx(frame, tmp_path / "t.xlsx")
    assert ("1 cells hold times finer than a millisecond (first: row 2, column 't': 01:02:03.000001), "
            "which an .xlsx sheet does not keep") in caplog.text


# 3. a duration column changes no other column's type ---------------------------------------------

def test_score_duration_keeps_text_columns_string(tmp_path):
    src = tmp_path / "t.parquet"
    pq.write_table(pa.table({"task": ["Weld pipes.", "Lay bricks."], "note": pa.array(["a", "b"], pa.large_string()),
                             "d": pa.array([datetime.timedelta(seconds=1), None], pa.duration("s"))}), src)
    for batches in ([], ["--batch-rows", "1"]):
        out = tmp_path / f"o{len(batches)}.parquet"
        schema = _score(src, out, *batches)
        assert str(schema.field("d").type) == "duration[s]"
        assert {str(schema.field(n).type) for n in ("task", "note", "label")} == {"string"}
        assert pq.read_table(out).column("d").to_pylist() == [datetime.timedelta(seconds=1), None]


def test_write_parquet_duration_reads_back_as_without_it(tmp_path):
    frame = pd.DataFrame({"s": ["a", None], "ts": pd.to_datetime(["2020-01-01", None]).astype("datetime64[s]"),
                          "c": pd.Categorical(["x", "y"])})
    write_parquet(frame, tmp_path / "plain.parquet")
    write_parquet(frame.assign(d=pd.to_timedelta(["1s", None])), tmp_path / "d.parquet")
    back = pq.read_table(tmp_path / "d.parquet")
    assert back.schema.remove(3) == pq.read_schema(tmp_path / "plain.parquet")
    assert str(back.schema.field("d").type) == "duration[us]"
    assert back.column("d").to_pylist() == [datetime.timedelta(seconds=1), None]


# 4. a table named by an extension alone -----------------------------------------------------------

@pytest.mark.parametrize("what", ["input", "output"])
def test_table_kind_of_an_extension_alone(what):
    with pytest.raises(DataFormatError) as info:
        table_kind(".CSV", what)
    assert str(info.value) == ".CSV: the file name '.CSV' has nothing before its extension '.csv': give a name such as scores.csv"


def test_write_and_read_frame_of_an_extension_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataFormatError, match="the file name '.tsv' has nothing before its extension '.tsv': give a name "
                                              "such as scores.tsv"):
        write_frame(pd.DataFrame({"a": [1]}), ".tsv")
    assert not (tmp_path / ".tsv").exists()
    (tmp_path / ".csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="the file name '.csv' has nothing before its extension '.csv'"):
        read_frame(".csv")
