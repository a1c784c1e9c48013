"""Round 36: the Dask engine's notes on coded rows that O*NET cannot serve, and its reads.

1. ``exposure.dask.score(ddf, onet="29.1")`` of rows with an O*NET-SOC code and no task
   ID (free text): every partition's ``score_tasks`` warned on its own, naming no
   partition and the row of the partition (three partitions: three lines ``1 row(s)
   with an O*NET-SOC code have no task ID (first: row 2, ...)``, each "row 2" of another
   partition). Now the note is warned once per call, naming the partition and its row
   (``ddf.partitions[1]: 1 row(s) ... (first: row 3, ...)``), the other partitions'
   notes at INFO, each naming its partition, as the warning on texts that do not read
   as work tasks (round 11). Rows regrouped by occupation (``learned``, an occupation
   spanning partitions) are named by their row in the whole frame (``first: row 1`` of
   a shuffled partition before).
2. The same for rows read by :func:`exposure.dask.read_dataset`: the notes, and the
   warning on texts that do not read as work tasks, named ``ddf.partitions[k]`` and the
   row in the partition, where errors name the file and its row. Now they name the file
   and the row in it.
3. ``score_dataset`` of such rows: each partition warned in its worker (two files: two
   lines, each ``(first: row 1, ...)``, none naming the dataset). Now one line on the
   client for the dataset, with the count over every file and the first row counted
   through the files in name order, as for texts that do not read as work tasks (and as
   the stream engine says it for a file). The notes travel in the outputs the scoring
   tasks already return (a hidden column of the scored rows, not written): the input is
   read once (counted by wrapping pyarrow's ``ParquetFile.read_row_groups`` around a real
   dataset).
4. ``learned`` with an occupation spanning partitions of a :func:`read_dataset` input:
   every file was read three times (the spanning check, a count of each partition's
   rows, the scoring). The rows are now counted in the pass of the check: twice.

Also checked, no fault found: empty partitions, partitions with only some columns
categorical (or categories their meta lacks: refused, naming partition, row and column),
an index with duplicates across partitions (regrouped too), unknown divisions,
``string[pyarrow]`` and ``large_string`` text columns, object columns of mixed types (kept
as they are), a task key split across partitions (``check`` names both rows), a partition
of other columns (named), ``score_dataset`` into a path that is a file (refused) or over
an earlier output, and hive directories ``key=__HIVE_DEFAULT_PARTITION__`` (missing).

Tiny frames and files, the synchronous scheduler (a threads-only ``Client`` for
``score_dataset``); the notes need the O*NET release of the data mirror.
"""

from __future__ import annotations

import collections
import io
import logging
import os
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from exposure import dask as xd  # noqa: E402

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data"))
needs_mirror = pytest.mark.skipif(not (MIRROR / "onet" / "29.1").is_dir(), reason="no data mirror")
CATEGORIES = "exposure.scoring.categories"
LEARNED = "exposure.scoring.learned"
NO_ID = (r"(\d+) row\(s\) with an O\*NET-SOC code have no task ID \(first: row (\d+), column "
         r"'task_id'\): no work activities from O\*NET 29\.1 for them")
ONCE = r" \(warned for the first partition found with such rows; the others are logged at level INFO\)"
TASKS = ["Answer telephones and relay messages.", "Greet visitors and direct them.",
         "Schedule appointments for clients.", "File records and documents."]


def _frame(codes: list) -> pd.DataFrame:
    """Free-text rows (no task IDs); ``codes`` an O*NET-SOC code or None per row."""
    return pd.DataFrame({"onetsoc_code": pd.array(codes, dtype="string"),
                         "task_id": pd.array([None] * len(codes), dtype="Int64"),
                         "task": [TASKS[i % len(TASKS)] for i in range(len(codes))]})


def _said(caplog, logger: str, level: int, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == logger and r.levelno == level and words in r.getMessage()]


class _Reads:
    """Count the row-group reads of each Parquet file (pyarrow's real reader, wrapped)."""

    def __init__(self, monkeypatch):
        self.count: collections.Counter = collections.Counter()
        init, read = pq.ParquetFile.__init__, pq.ParquetFile.read_row_groups
        counter = self.count

        def counting_init(self, source, *args, **kwargs):
            self._round36_source = str(source)
            init(self, source, *args, **kwargs)

        def counting_read(self, *args, **kwargs):
            counter[getattr(self, "_round36_source", "?")] += 1
            return read(self, *args, **kwargs)

        monkeypatch.setattr(pq.ParquetFile, "__init__", counting_init)
        monkeypatch.setattr(pq.ParquetFile, "read_row_groups", counting_read)

    def of(self, directory: Path) -> dict:
        return {Path(k).name: n for k, n in self.count.items() if Path(k).parent == directory}


# 1. score: the note once per call, naming the partition and its row -----------------------

@needs_mirror
def test_score_names_the_partition_and_row_of_rows_without_task_id(caplog):
    # the first coded row: row 2 of partition 0, row 3 of partition 1, row 1 of partition 2
    parts = [_frame([None, "43-4171.00"]), _frame([None, None, "43-4171.00"]),
             _frame(["43-4171.00", "43-4171.00"])]
    ddf = dd.concat([dd.from_pandas(p, npartitions=1) for p in parts])
    assert ddf.npartitions == 3
    with caplog.at_level(logging.INFO, logger="exposure"):
        out = xd.score(ddf, "rubric", onet="29.1", mirror=MIRROR).compute(scheduler="sync")
    assert len(out) == 7
    warned = _said(caplog, CATEGORIES, logging.WARNING, "have no task ID")
    assert len(warned) == 1, warned
    assert re.fullmatch(r"ddf\.partitions\[[012]\]: " + NO_ID + ONCE, warned[0]), warned
    told = _said(caplog, CATEGORIES, logging.INFO, "have no task ID")
    assert len(told) == 2, told
    found = {m.split(":")[0]: re.search(NO_ID, m).groups() for m in warned + told}
    assert found == {"ddf.partitions[0]": ("1", "2"), "ddf.partitions[1]": ("1", "3"),
                     "ddf.partitions[2]": ("2", "1")}


@needs_mirror
def test_score_warns_again_for_another_call(caplog):
    ddf = dd.from_pandas(_frame([None, "43-4171.00"] * 2), npartitions=2)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score(ddf, "rubric", onet="29.1", mirror=MIRROR).compute(scheduler="sync")
        xd.score(ddf, "rubric", onet="29.1", mirror=MIRROR).compute(scheduler="sync")
    assert len(_said(caplog, CATEGORIES, logging.WARNING, "have no task ID")) == 2


@needs_mirror
def test_score_of_regrouped_rows_names_the_row_of_the_frame(caplog):
    """``learned``, one occupation over both partitions: its coded rows from frame row 3."""
    ddf = dd.from_pandas(_frame([None, None, "43-4171.00", "43-4171.00", None, "43-4171.00"]),
                         npartitions=2)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = xd.score(ddf, "learned", onet="29.1", mirror=MIRROR).compute(scheduler="sync")
    assert len(out) == 6
    warned = _said(caplog, CATEGORIES, logging.WARNING, "have no task ID")
    assert len(warned) == 1, warned
    assert re.fullmatch(r"ddf \(rows regrouped by occupation\): " + NO_ID + ONCE, warned[0]), warned
    assert re.search(NO_ID, warned[0]).groups() == ("3", "3")


# 2. read_dataset input: the file and its row -----------------------------------------------

@needs_mirror
def test_score_of_read_dataset_names_the_file_and_row_of_the_note(tmp_path, caplog):
    _frame([None, None]).to_parquet(tmp_path / "a.parquet")
    _frame([None, None, "43-4171.00"]).to_parquet(tmp_path / "b.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score(xd.read_dataset(tmp_path), "rubric", onet="29.1", mirror=MIRROR).compute(scheduler="sync")
    warned = _said(caplog, CATEGORIES, logging.WARNING, "have no task ID")
    assert warned == [f"{tmp_path / 'b.parquet'}: 1 row(s) with an O*NET-SOC code have no task ID "
                      "(first: row 3, column 'task_id'): no work activities from O*NET 29.1 for them"
                      + ONCE.replace("\\", "")], warned


def test_score_of_read_dataset_names_the_file_and_row_of_odd_texts(tmp_path, caplog):
    pd.DataFrame({"task": TASKS[:2]}).to_parquet(tmp_path / "a.parquet")
    pd.DataFrame({"task": [TASKS[0], TASKS[1], "asdf qwer zxcv"]}).to_parquet(tmp_path / "b.parquet")
    with caplog.at_level(logging.WARNING, logger="exposure"):
        xd.score(xd.read_dataset(tmp_path), "learned").compute(scheduler="sync")
    warned = _said(caplog, LEARNED, logging.WARNING, "do not read as work tasks")
    assert len(warned) == 1, warned
    assert warned[0].startswith(f"{tmp_path / 'b.parquet'}: 1 of 3 texts do not read as work tasks "), warned
    assert "e.g. row 3, 'asdf qwer zxcv'" in warned[0], warned


# 3. score_dataset: one note for the dataset, the input read once -----------------------------

@needs_mirror
def test_score_dataset_says_each_note_once_and_reads_each_file_once(tmp_path, caplog, monkeypatch,
                                                                    client):
    src = tmp_path / "in"
    src.mkdir()
    _frame([None, None]).to_parquet(src / "a.parquet")
    _frame([None, "43-4171.00", None, "43-4171.00"]).to_parquet(src / "b.parquet")
    reads = _Reads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False,
                                onet="29.1", mirror=MIRROR)
    assert done.n_tasks == 6
    assert reads.of(src) == {"a.parquet": 1, "b.parquet": 1}
    warned = _said(caplog, CATEGORIES, logging.WARNING, "have no task ID")
    assert warned == [f"{src}: 2 row(s) with an O*NET-SOC code have no task ID (first: row 4, column "
                      "'task_id'): no work activities from O*NET 29.1 for them"], warned
    written = pd.read_parquet(tmp_path / "out")
    assert not [c for c in written.columns if c.startswith("__exposure_")]


def test_score_dataset_without_notes_reads_each_file_once(tmp_path, caplog, monkeypatch, client):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        pd.DataFrame({"task": TASKS}).to_parquet(src / f"{name}.parquet")
    reads = _Reads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="exposure"):
        done = xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=False)
    assert done.n_tasks == 12 and done.n_partitions == 3
    assert reads.of(src) == {"a.parquet": 1, "b.parquet": 1, "c.parquet": 1}
    assert _said(caplog, CATEGORIES, logging.WARNING, "") == []


# 4. the regrouping reads each file twice, not three times -----------------------------------

def test_learned_regrouping_of_read_dataset_reads_each_file_twice(tmp_path, monkeypatch):
    for name in ("a", "b", "c"):  # one occupation in every file: regrouped
        pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"], "task": TASKS[:2]}).to_parquet(
            tmp_path / f"{name}.parquet")
    reads = _Reads(monkeypatch)
    scored = xd.score(xd.read_dataset(tmp_path), "learned")
    out = scored.compute(scheduler="sync")
    assert len(out) == 6
    assert reads.of(tmp_path) == {"a.parquet": 2, "b.parquet": 2, "c.parquet": 2}  # check, scoring


def test_rubric_of_read_dataset_reads_each_file_once(tmp_path, monkeypatch):
    for name in ("a", "b"):
        pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task": TASKS[:1]}).to_parquet(tmp_path / f"{name}.parquet")
    reads = _Reads(monkeypatch)
    xd.score(xd.read_dataset(tmp_path), "rubric").compute(scheduler="sync")
    assert reads.of(tmp_path) == {"a.parquet": 1, "b.parquet": 1}


# 5. TQDM_DISABLE (lead's fix) -------------------------------------------------------------

class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, so that tqdm's ``disable=None`` draws the bar."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("env, drawn", [(None, True), ("1", False)])
def test_score_dataset_bar_honours_tqdm_disable(tmp_path, monkeypatch, client, env, drawn):
    """``progress=True`` passed ``disable=None``, which overrides tqdm's TQDM_DISABLE: drawn."""
    src = tmp_path / "in"
    src.mkdir()
    pd.DataFrame({"task": TASKS}).to_parquet(src / "a.parquet")
    if env is None:
        monkeypatch.delenv("TQDM_DISABLE", raising=False)
    else:
        monkeypatch.setenv("TQDM_DISABLE", env)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    xd.score_dataset(src, tmp_path / "out", "rubric", client=client, progress=True)
    assert ("exposure score" in terminal.getvalue()) is drawn
