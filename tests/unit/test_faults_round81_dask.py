"""Fault round 81 (dask): the codes read by ``exposure.dask.check`` and ``exposure.spark.check``; the roll-ups' columns.

Faults found (each test below failed before its fix):

1. ``exposure.dask.check`` read the O*NET-SOC codes of its task keys as their text and
   never checked them: a code of bytes ``b'43-9061.00'`` (keyed as ``"b'43-9061.00'"``),
   a SOC code ``43-9061`` or a code saved as a number ``439061.00`` was accepted
   (``{'rows': 4, 'scored': 4, 'coverage': 1.0}``), where ``exposure.dask.to_occupations``
   and ``exposure.rollup.to_occupations`` refuse them. Now refused in the words of
   ``exposure.dask.to_occupations`` (``exposure.schemas._fields.first_bad_onetsoc_code``),
   the first partition's by number, its codes before any task ID (the roll-ups' order):
   ``scored.partitions[1], row 1, column 'onetsoc_code': not an O*NET-SOC code (like
   11-1011.00): b'43-9061.00'``; ``... '43-9061': a SOC code? an O*NET-SOC code has a
   two-digit suffix: write '43-9061.00' (the SOC occupation itself) or the O*NET-SOC code
   meant``; categories of bytes too; a frame with codes and no task IDs too; rows of
   ``read_dataset`` by their file and row. A row without a code (free text) passes, as before.
2. ``exposure.spark.check`` did the same, and read no task ID either: a ``binary`` code
   column (``b'11-1011.00'``), ``15-1252``, a task ID ``'x'``, ``1.5``, ``True`` or ``b'3'``
   gave ``{'rows': 2, 'scored': 2, 'coverage': 1.0}``. Now refused as the Dask check
   refuses them, naming the Spark partition and its row (codes first):
   ``Spark partition 0, row 1, column 'onetsoc_code': not an O*NET-SOC code (like
   11-1011.00): b'11-1011.00'``; ``Spark partition 0, row 1, column 'task_id': task ID 'x'
   is not an integer``. (Run where PySpark and Java are; skipped elsewhere.)

3. Both checks read O*NET's headers (``O*NET-SOC Code``, ``Task ID``) as the key columns,
   and named a refused cell under the canonical name the frame does not have:
   ``scored.partitions[1], row 1, column 'task_id': task ID 1.5 is not an integer`` of a
   column ``Task ID``. Now the column as the frame names it: ``... column 'Task ID': ...``,
   ``Spark partition 0, row 2, column 'O*NET-SOC Code': not an O*NET-SOC code ...``.

4. A code of bytes that are not UTF-8 (``b'\\xff52'``, not on the first row) in the ``by``
   column of ``exposure.dask.to_sectors`` / ``to_occupations`` raised a bare
   ``UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start
   byte`` naming nothing (and ``check``, with fault 1 fixed, would have too). Now
   ``scored.partitions[0], row 2, column 'naics': naics must be a code (text, or a whole
   number), got b'\\xff52': bytes, not text (from a database driver or a binary column?):
   decode them first, df['naics'] = ...`` (``exposure.scoring._inputs.bytes_advice``).

5. ``exposure.dask.to_sectors`` (any ``by`` other than ``onetsoc_code``/``soc_code``) read a
   code of bytes ``b'52'`` as the code ``"b'52'"`` in a partition that also held a float
   code (``52.0``), and as ``'52'`` elsewhere: ``naics`` ``['23', b'52', 52.0, '23']`` in one
   partition gave three industries (``23``, ``52`` of 1 row, ``b'52'`` of 1 row). Now the
   bytes are their UTF-8 text wherever they stand: ``23`` and ``52``, 2 rows each.

Docs, not a fault (these pass on the old source too): the table of docs/scale.md that maps
the columns of ``exposure.dask.to_occupations`` (``n_rows``, ``weight``, ``admin``...) to
those of ``exposure.rollup.to_occupations`` (``n_tasks``, ``weights``, ``share_admin``...)
names the columns each returns (``test_the_documented_column_names_are_returned``).

Guards, which passed before and must still pass: ``test_check_of_free_text_and_good_codes_as_before``.

Tiny made-up frames and files, written by the tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest
from _spark import spark_ready, spark_session
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure import rollup
from exposure.errors import DataFormatError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scale.md"
SOC_SAID = ("not an O*NET-SOC code (like 11-1011.00): '43-9061': a SOC code? an O*NET-SOC code has a two-digit "
            "suffix: write '43-9061.00' (the SOC occupation itself) or the O*NET-SOC code meant")


def _with(column: str, value, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Four task scores with the cell of row 3 (the first of partition 1) of ``column`` (of objects) ``value``."""
    out = (four_task_scores(False) if frame is None else frame).astype({column: object})
    out.loc[2, column] = value
    return out


def _check_error(ddf) -> str:
    with pytest.raises(DataFormatError) as info:
        xd.check(ddf)
    return str(info.value)


def _rollup_error(ddf) -> str:
    with pytest.raises(DataFormatError) as info:
        xd.to_occupations(ddf).compute(scheduler="sync")
    return str(info.value)


# 1 ------------------------------------------------------------ dask.check reads the codes
@pytest.mark.parametrize("value, said", [
    (b"43-9061.00", "not an O*NET-SOC code (like 11-1011.00): b'43-9061.00'"),
    ("43-9061", SOC_SAID),
    ("439061.00", "not an O*NET-SOC code (like 11-1011.00): '439061.00': a code saved as a number? write it as "
                  "text with its hyphen and suffix: '43-9061.00' (the SOC occupation itself) or the O*NET-SOC "
                  "code meant"),
], ids=repr)
def test_check_refuses_a_code_as_to_occupations_does(value, said):
    ddf = dd.from_pandas(_with("onetsoc_code", value), npartitions=2)
    assert _check_error(ddf) == f"scored.partitions[1], row 1, column 'onetsoc_code': {said}"
    assert _check_error(ddf) == _rollup_error(ddf)


def test_check_says_a_code_before_a_task_id_of_an_earlier_partition():
    frame = _with("onetsoc_code", "43-9061")
    frame = frame.astype({"task_id": object})
    frame.loc[0, "task_id"] = 1.5  # partition 0: a task ID; partition 1: a code (said first, as the roll-ups do)
    ddf = dd.from_pandas(frame, npartitions=2)
    assert _check_error(ddf) == f"scored.partitions[1], row 1, column 'onetsoc_code': {SOC_SAID}"
    assert _check_error(ddf) == _rollup_error(ddf)


def test_check_refuses_categories_of_bytes():
    frame = _with("onetsoc_code", b"43-9061.00")
    frame["onetsoc_code"] = frame["onetsoc_code"].astype("category")
    assert _check_error(dd.from_pandas(frame, npartitions=2)) == (
        "scored.partitions[1], row 1, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): "
        "b'43-9061.00'")


def test_check_reads_the_codes_of_a_frame_without_task_ids():
    frame = _with("onetsoc_code", "43-9061").drop(columns="task_id")
    assert _check_error(dd.from_pandas(frame, npartitions=2)) == (
        f"scored.partitions[1], row 1, column 'onetsoc_code': {SOC_SAID}")


def test_check_names_the_file_of_a_dataset(tmp_path):
    four_task_scores(False).iloc[:2].to_parquet(tmp_path / "a.parquet")
    four_task_scores(False).iloc[2:].assign(onetsoc_code=["43-9061.00", "43-9061"]).to_parquet(
        tmp_path / "b.parquet")
    assert _check_error(xd.read_dataset(tmp_path)) == (
        f"{tmp_path / 'b.parquet'}, row 2, column 'onetsoc_code': {SOC_SAID}")


# 2 ------------------------------------------------------------ spark.check reads the keys
@pytest.fixture(scope="module")
def spark():
    if not spark_ready():
        pytest.skip("PySpark and Java are needed")
    session = spark_session("round81-dask")
    yield session
    session.stop()


def _spark_frame(spark, codes, ids, code_type: str = "string", id_type: str = "bigint"):
    """One partition of rows (``onetsoc_code``, ``task_id``, ``p_e0``) of the Spark types given."""
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "binary": T.BinaryType(), "bigint": T.LongType(),
             "double": T.DoubleType(), "boolean": T.BooleanType()}
    schema = T.StructType([T.StructField("onetsoc_code", kinds[code_type]),
                           T.StructField("task_id", kinds[id_type]), T.StructField("p_e0", T.DoubleType())])
    rows = [(c, t, 0.5) for c, t in zip(codes, ids, strict=True)]
    return spark.createDataFrame(rows, schema).coalesce(1)


def _spark_error(sdf) -> str:
    from exposure import spark as xs

    with pytest.raises(DataFormatError) as info:
        xs.check(sdf)
    return str(info.value)


def test_spark_check_refuses_a_binary_code(spark):
    sdf = _spark_frame(spark, [b"11-1011.00", b"11-1011.00"], [1, 2], code_type="binary")
    assert _spark_error(sdf) == ("Spark partition 0, row 1, column 'onetsoc_code': not an O*NET-SOC code "
                                 "(like 11-1011.00): b'11-1011.00'")


def test_spark_check_refuses_a_soc_code_before_a_task_id(spark):
    sdf = _spark_frame(spark, ["43-9061.00", "43-9061"], ["x", "2"], id_type="string")
    assert _spark_error(sdf) == f"Spark partition 0, row 2, column 'onetsoc_code': {SOC_SAID}"


@pytest.mark.parametrize("ids, id_type, said", [
    (["1", "x"], "string", "task ID 'x' is not an integer"),
    ([1.0, 1.5], "double", "task ID 1.5 is not an integer"),
    ([False, True], "boolean", "task ID False is not an integer"),
], ids=["text", "fraction", "boolean"])
def test_spark_check_refuses_a_task_id_as_the_rollups_do(spark, ids, id_type, said):
    sdf = _spark_frame(spark, ["11-1011.00", "11-1011.00"], ids, id_type=id_type)
    row = 1 if id_type == "boolean" else 2
    assert _spark_error(sdf) == f"Spark partition 0, row {row}, column 'task_id': {said}"


def test_spark_check_names_onet_headers_as_the_frame_has_them(spark):
    sdf = _spark_frame(spark, ["43-9061.00", "43-9061"], [1, 2]).withColumnRenamed("onetsoc_code", "O*NET-SOC Code")
    assert _spark_error(sdf) == f"Spark partition 0, row 2, column 'O*NET-SOC Code': {SOC_SAID}"


def test_spark_check_of_free_text_and_good_keys_as_before(spark):
    from exposure import spark as xs

    sdf = _spark_frame(spark, ["11-1011.00", None, "11-1011.00"], ["1", None, "2.0"], id_type="string")
    assert xs.check(sdf) == {"rows": 3, "scored": 3, "coverage": 1.0}


# 3 ------------------------------------------------------- O*NET's headers named as given
def test_check_names_onet_headers_as_the_frame_has_them():
    frame = _with("onetsoc_code", "43-9061").rename(columns={"onetsoc_code": "O*NET-SOC Code"})
    assert _check_error(dd.from_pandas(frame, npartitions=2)) == (
        f"scored.partitions[1], row 1, column 'O*NET-SOC Code': {SOC_SAID}")
    frame = _with("task_id", 1.5).rename(columns={"task_id": "Task ID"})
    assert _check_error(dd.from_pandas(frame, npartitions=2)) == (
        "scored.partitions[1], row 1, column 'Task ID': task ID 1.5 is not an integer")


# 4 --------------------------------------------------------- codes of bytes not UTF-8
def _undecodable_said(column: str) -> str:
    return (f"scored.partitions[0], row 2, column '{column}': {column} must be a code (text, or a whole number), "
            "got b'\\xff52': bytes, not text (from a database driver or a binary column?): decode them first, "
            f"df['{column}'] = df['{column}'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v) "
            "(or the column's own encoding)")


@pytest.mark.parametrize("column", ["naics", "onetsoc_code"])
def test_rollup_refuses_a_code_of_bytes_not_utf8(column):
    frame = four_task_scores(False).astype({column: object})
    frame.loc[1, column] = b"\xff52"  # (not the first row: Dask's from_pandas reads that one itself)
    ddf = dd.from_pandas(frame, npartitions=2)
    with pytest.raises(DataFormatError) as info:
        (xd.to_sectors(ddf) if column == "naics" else xd.to_occupations(ddf)).compute(scheduler="sync")
    assert str(info.value) == _undecodable_said(column)
    if column == "onetsoc_code":
        assert _check_error(ddf) == _undecodable_said(column)


# 5 ------------------------------------------------- bytes beside a float code, one code
def test_bytes_beside_a_float_code_are_the_code_of_their_text():
    frame = four_task_scores(False).astype({"naics": object})
    frame["naics"] = ["23", b"52", 52.0, "23"]  # (a float in the partition: the codes were read one by one)
    out = xd.to_sectors(dd.from_pandas(frame, npartitions=1)).compute(scheduler="sync")
    assert out.index.tolist() == ["23", "52"] and out["n_rows"].tolist() == [2, 2]


# docs ------------------------------------------------------ the roll-ups' column names
def _documented_columns() -> list[tuple[str, str]]:
    """The (Dask, pandas) column names of the table under "The Dask roll-ups' columns" in docs/scale.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("The Dask roll-ups' columns", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    pairs = []
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split("|")]
        dask_names, pandas_names = re.findall(r"`([a-z_0-9]+)`", cells[0]), re.findall(r"`([a-z_0-9]+)`", cells[1])
        pairs.extend(zip(dask_names, pandas_names, strict=True) if pandas_names else
                     [(name, "") for name in dask_names])
    return pairs


def test_the_documented_column_names_are_returned():
    frame = four_task_scores(True).assign(label=["E1", "E0", "E1", "E2"])
    pandas_columns = set(rollup.to_occupations(frame, weights="equal").reset_index().columns)
    dask_result = xd.to_occupations(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    dask_columns = {dask_result.index.name, *dask_result.columns}
    pairs = _documented_columns()
    assert {d for d, _ in pairs if d} == dask_columns
    assert {p for _, p in pairs if p} <= pandas_columns
    sectors = xd.to_sectors(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert set(sectors.columns) == dask_columns - {"onetsoc_code"}


# guards ----------------------------------------------------------------------------------
def test_check_of_free_text_and_good_codes_as_before():
    frame = four_task_scores(False).astype({"onetsoc_code": object, "task_id": object})
    frame.loc[1, ["onetsoc_code", "task_id"]] = [None, None]  # free text
    frame["onetsoc_code"] = frame["onetsoc_code"].astype("string")
    assert xd.check(dd.from_pandas(frame, npartitions=2)) == {"rows": 4, "scored": 4, "coverage": 1.0}
