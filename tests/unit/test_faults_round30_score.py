"""Fault round 30: ``exposure score`` and its task files (``exposure.scoring._files``).

1. A Parquet file naming a column twice (pyarrow writes one), scored in batches (the
   default): ``AttributeError: 'DataFrame' object has no attribute 'dtype'``, a traceback
   and exit 1, for a ``.csv`` output; ``column 'task' appears more than once`` for a
   ``.parquet`` one. Read whole it was ``column 'task' appears twice in the Parquet
   schema (columns 1 and 2)``; now ``column 'task': given more than once in the Parquet
   schema (columns 1 and 2): keep one``, whole and in batches.
2. A one-column ``.csv`` file whose last quoted cell is never closed (``"Sew shirts``: the
   file ends inside the quotes): read whole (``--batch-rows 0``, an ``.xlsx`` output) a
   ``pandas.errors.ParserError`` traceback and exit 1; in batches ``cannot read: Error
   tokenizing data. C error: EOF inside string starting at row 2``, pandas' words and its
   row counted from 0. Now the record (and the line it starts on) is named, and what to do.
3. ``--onet auto`` (the default) with O*NET 29.1's files in the cache, as ``exposure score
   --onet 29.1`` or ``exposure pipeline`` leave them: ``auto`` asked for every file of the
   release in the registry (35, of which ``load_onet`` reads 7), so the rows were scored
   from the text alone with the note "O*NET 29.1 is neither in a mirror nor in the cache",
   exit 0. And with a mirror that does not hold the release (``$EXPOSURE_MIRROR`` set for
   other data), ``auto`` did not fall back: ``onet/29.1/Occupation Data.txt: not found in
   mirror``, exit 2. ``auto`` now looks for the files ``load_onet`` reads, in the mirror
   (when one is set) or the cache.
4. A Parquet input with a column of dates, times, decimals or bytes (read as Python
   objects) that is missing throughout one batch, written to ``.parquet``: the batch's
   column had the Arrow type ``null``, so the stream stopped and the file was scored in
   memory, with the note "the column 'd' has the type date32[day] in one batch and null
   in another ... (write .csv for bounded memory)". The missing cells now take the
   column's type: streamed, the same bytes as written whole.
5. A Parquet (or ``.xlsx``, ``.dta``) input with a column of timestamps or durations,
   written to ``.csv``: pandas formats such a column by all its values (``2020-01-01``
   when every time is midnight, ``2020-01-01 00:00:00`` when one is not; ``1 days``
   against ``1 days 00:00:00``), so a file scored in batches wrote one column in two
   formats, and the bytes depended on the batch size. Each cell is now written in full
   (``2020-01-01 00:00:00``, ``1 days 00:00:00``), whatever the cells around it.
6. A file with O*NET's own headers (``O*NET-SOC Code``, ``Task ID``, ``Task``) and a
   ``--text-column`` it does not have (``TASK``): ``missing text column 'TASK' (columns:
   ['onetsoc_code', 'task_id', 'task', ...]); the file has 'task': rename it TASK``,
   naming columns the file does not have (the renamed ones). Now the file's own names.
7. A Parquet file damaged in a later row group, scored in batches: ``cannot read:
   Couldn't deserialize thrift: ...`` followed by a second line (``Deserializing page
   header failed.``): the command's error was two lines, and worded otherwise than the
   whole-file read's ``cannot read this Parquet file: ...``. Now one line, as read whole.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import logging

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.unit._frames import damage_third_row_group, write_text

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.onet import load_onet, onet_file_names
from exposure.scoring._files import (
    AUTO_ONET_RELEASE,
    auto_release,
    iter_task_batches,
    read_task_file,
    score_file,
)

BATCHES = ["0", "1", "10000"]


def _score(src, out, *extra):
    return main(["score", str(src), "-o", str(out), "--onet", "none", "--method", "rubric", *extra])


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# 1. a Parquet column named twice, in batches --------------------------------------------------


@pytest.mark.parametrize("out", ["o.csv", "o.parquet", "o.xlsx"])
@pytest.mark.parametrize("batch", BATCHES)
def test_parquet_column_named_twice_is_named_whole_and_in_batches(tmp_path, capsys, out, batch):
    src = tmp_path / "dup.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array(["Weld steel.", "Sew shirts."]),
                                         pa.array(["a", "b"])], names=["task", "task"]), src)
    assert _score(src, tmp_path / out, "--batch-rows", batch) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, column 'task': given more than once in the "
        "Parquet schema (columns 1 and 2): keep one\n")
    assert not (tmp_path / out).exists()


def test_batched_reader_names_a_parquet_column_named_twice(tmp_path):
    src = tmp_path / "dup.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array(["Weld."]), pa.array([1])],
                                        names=["note", "note"]), src)
    with pytest.raises(DataFormatError, match=r"column 'note': given more than once in the Parquet schema"):
        list(iter_task_batches(src, 1))


# 2. a one-column CSV whose last quoted cell is not closed -------------------------------------


@pytest.mark.parametrize("out", ["o.csv", "o.xlsx"])
@pytest.mark.parametrize("batch", BATCHES)
def test_unclosed_quote_of_a_one_column_csv_names_its_row(tmp_path, capsys, out, batch):
    src = write_text(tmp_path, "uq.csv", 'task\nWeld steel.\n"Sew shirts\nCook meals.\n')
    assert _score(src, tmp_path / out, "--batch-rows", batch) == 2
    err = capsys.readouterr().err
    assert err == (
        f"exposure score: error: {src}, row 3: the quoted cell that starts on this line is "
        "not closed: the file ends inside its quotes, so every line below it was read into "
        "that cell; add the closing \" (and write a \" inside a quoted cell as \"\")\n")
    assert not (tmp_path / out).exists()


def test_unclosed_quote_below_a_cell_over_two_lines_names_the_line_too(tmp_path):
    src = write_text(tmp_path, "uq.csv", 'task\n"Direct the work\nof others."\n"Sew shirts\n')
    for read in (read_task_file, lambda p: list(iter_task_batches(p, 1))):
        with pytest.raises(DataFormatError) as info:
            read(src)
        assert (info.value.row, info.value.line) == (3, 4)
        assert "row 3 (line 4): the quoted cell that starts on this line is not closed" in str(info.value)


def test_closed_quotes_over_lines_are_read_as_before(tmp_path):
    src = write_text(tmp_path, "ok.csv", 'task\n"Direct the work\nof others."\n"Sew, shirts"\n')
    assert read_task_file(src)["task"].tolist() == ["Direct the work\nof others.", "Sew, shirts"]


# 3. --onet auto with the files load_onet reads ------------------------------------------------


@pytest.fixture
def onet_cache(shared_data, tmp_path_factory):
    """A cache holding only the files of O*NET 29.1 that ``load_onet`` reads."""
    cache = tmp_path_factory.mktemp("onet-cache")
    load_onet(AUTO_ONET_RELEASE, mirror=shared_data, data_dir=cache)
    return cache


def test_auto_uses_the_release_when_its_read_files_are_cached(onet_cache, monkeypatch):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    wanted = {n for n in onet_file_names(AUTO_ONET_RELEASE).values() if n is not None}
    assert wanted == {p.relative_to(onet_cache).as_posix()
                      for p in (onet_cache / "onet").rglob("*.txt")}  # only those
    assert auto_release(["onetsoc_code", "task_id", "task"], "learned", data_dir=onet_cache) == (
        AUTO_ONET_RELEASE, None)


def test_score_auto_with_a_cache_scores_with_work_activities(onet_cache, tmp_path, monkeypatch,
                                                             capsys):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    src = write_text(tmp_path, "t.csv", "onetsoc_code,task_id,task\n"
                                        "11-1011.00,8823,Direct or coordinate financial activities.\n")
    base = ["score", str(src), "--method", "rubric", "--data-dir", str(onet_cache)]
    assert main([*base, "-o", str(tmp_path / "auto.csv")]) == 0
    assert "note" not in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "pinned.csv"), "--onet", AUTO_ONET_RELEASE]) == 0
    assert (tmp_path / "auto.csv").read_bytes() == (tmp_path / "pinned.csv").read_bytes()


def test_auto_with_a_mirror_without_the_release_falls_back_with_a_note(tmp_path, capsys,
                                                                       monkeypatch):
    monkeypatch.delenv("EXPOSURE_MIRROR", raising=False)
    mirror, cache = tmp_path / "mirror", tmp_path / "cache"
    (mirror / "oews").mkdir(parents=True)
    cache.mkdir()
    src = write_text(tmp_path, "t.csv", "onetsoc_code,task_id,task\n11-1011.00,8823,Direct work.\n")
    assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--method", "rubric",
                 "--mirror", str(mirror), "--data-dir", str(cache)]) == 0
    err = capsys.readouterr().err
    assert err == (f"exposure score: note: O*NET {AUTO_ONET_RELEASE} is neither in the mirror "
                   f"{mirror} nor in the cache, so the rows were scored from the text alone "
                   "(add it to the mirror, or run `exposure fetch onet/29.1`, for the "
                   "work-activity model)\n")
    assert (tmp_path / "o.csv").is_file()


# 4. a typed Parquet column missing throughout a batch, to .parquet ----------------------------


_TYPED = {
    "date": (pa.date32(), [datetime.date(2020, 1, 1), None, datetime.date(2020, 1, 3)]),
    "decimal": (pa.decimal128(5, 2), [decimal.Decimal("1.50"), None, decimal.Decimal("2.25")]),
    "time": (pa.time64("us"), [datetime.time(9, 30), None, datetime.time(17, 0)]),
    "binary": (pa.binary(), [b"a", None, b"c"]),
}


@pytest.mark.parametrize("kind", sorted(_TYPED))
@pytest.mark.parametrize("order", ["middle", "first"])
def test_typed_column_missing_in_a_batch_is_streamed(tmp_path, kind, order):
    typ, values = _TYPED[kind]
    if order == "first":  # the first batch has no value: its type comes from a later one
        values = [None, values[0], values[2]]
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"task": ["Weld steel.", "Sew shirts.", "Cook meals."],
                             "v": pa.array(values, typ)}), src)
    whole = score_file(src, tmp_path / "whole.parquet", "rubric", onet="none", batch_rows=None)
    done = score_file(src, tmp_path / "b1.parquet", "rubric", onet="none", batch_rows=1)
    assert (whole.note, done.note) == (None, None)
    assert _digest(tmp_path / "b1.parquet") == _digest(tmp_path / "whole.parquet")
    assert not pa.types.is_null(pq.read_schema(tmp_path / "b1.parquet").field("v").type)


def test_a_decimal_column_keeps_its_type_between_batches(tmp_path):
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"task": ["Weld steel.", "Sew shirts."],
                             "v": pa.array([decimal.Decimal("1.50"), decimal.Decimal("22.25")],
                                           pa.decimal128(5, 2))}), src)
    # round 80: each batch inferred its decimals' precision from its values ((3, 2), then
    # (4, 2)) and the file fell back to one batch with a note; now read with its Arrow type
    done = score_file(src, tmp_path / "o.parquet", "rubric", onet="none", batch_rows=1)
    assert done.note is None
    assert pq.read_schema(tmp_path / "o.parquet").field("v").type == pa.decimal128(5, 2)


# 5. timestamps and durations to .csv, in batches ----------------------------------------------


def _times(tmp_path):
    src = tmp_path / "t.parquet"
    when = pd.to_datetime(["2020-01-01 00:00", "2020-01-02 12:30", "2020-01-03 00:00", None])
    pd.DataFrame({"task": ["Weld steel.", "Sew shirts.", "Cook meals.", "Drive a truck."],
                  "when": when, "utc": when.tz_localize("UTC"),
                  "dur": pd.to_timedelta(["1D", "1h", "2D", None])}).to_parquet(src)
    return src


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_time_columns_to_csv_have_the_same_bytes_whatever_the_batches(tmp_path, batch):
    src = _times(tmp_path)
    score_file(src, tmp_path / "whole.csv", "rubric", onet="none", batch_rows=None)
    score_file(src, tmp_path / "b.csv", "rubric", onet="none", batch_rows=batch)
    assert (tmp_path / "b.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()


def test_time_columns_to_csv_are_written_in_full(tmp_path):
    src = _times(tmp_path)
    score_file(src, tmp_path / "b.csv", "rubric", onet="none", batch_rows=1)
    out = pd.read_csv(tmp_path / "b.csv", dtype=str, keep_default_na=False)
    assert out["when"].tolist() == ["2020-01-01 00:00:00", "2020-01-02 12:30:00",
                                    "2020-01-03 00:00:00", ""]
    assert out["utc"].tolist() == ["2020-01-01 00:00:00+00:00", "2020-01-02 12:30:00+00:00",
                                   "2020-01-03 00:00:00+00:00", ""]
    assert out["dur"].tolist() == ["1 days 00:00:00", "0 days 01:00:00", "2 days 00:00:00", ""]


def test_negative_durations_to_csv_are_not_taken_for_formulas(tmp_path, caplog):
    src = tmp_path / "neg.parquet"
    pd.DataFrame({"task": ["Weld steel."], "dur": pd.to_timedelta(["-1h"])}).to_parquet(src)
    with caplog.at_level(logging.WARNING):
        score_file(src, tmp_path / "o.csv", "rubric", onet="none", batch_rows=None)
    assert "formulas" not in caplog.text
    assert pd.read_csv(tmp_path / "o.csv", dtype=str)["dur"].tolist() == ["-1 days +23:00:00"]


# 6. --text-column missing from a file with O*NET's headers ------------------------------------


@pytest.mark.parametrize("batch", BATCHES)
def test_missing_text_column_names_the_files_own_columns(tmp_path, capsys, batch):
    src = write_text(tmp_path, "onet.csv", "O*NET-SOC Code,Task ID,Task,note\n"
                                           "47-2211.00,1,Weld steel.,x\n")
    assert _score(src, tmp_path / "o.csv", "--text-column", "TASK", "--batch-rows", batch) == 2
    assert capsys.readouterr().err == (
        f"exposure score: error: {src}, column 'TASK': missing text column 'TASK' (columns: "
        "['O*NET-SOC Code', 'Task ID', 'Task', 'note']); the file has 'Task': rename it 'TASK', "
        "or give --text-column Task\n")


def test_text_column_given_by_onet_name_is_still_read(tmp_path):
    src = write_text(tmp_path, "onet.tsv", "O*NET-SOC Code\tTask ID\tTask\n47-2211.00\t1\tWeld steel.\n")
    for name in ("Task", "task"):
        done = score_file(src, tmp_path / f"{name}.csv", "rubric", text_column=name, onet="none")
        assert done.n_tasks == 1


# 7. a damaged Parquet row group, in batches ---------------------------------------------------


@pytest.mark.parametrize("batch", ["0", "10", "10000"])
def test_damaged_parquet_row_group_is_one_line_whole_and_in_batches(tmp_path, capsys, batch):
    good = tmp_path / "good.parquet"
    pd.DataFrame({"task": [f"Weld steel beam {i}." for i in range(40)]}).to_parquet(
        good, row_group_size=10)
    src = damage_third_row_group(good, tmp_path / "bad.parquet")
    assert _score(src, tmp_path / "o.csv", "--batch-rows", batch) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"exposure score: error: {src}: cannot read this Parquet file: ")
    assert err.count("\n") == 1
    assert not (tmp_path / "o.csv").exists()
