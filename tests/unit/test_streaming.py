"""``exposure score`` in batches: the same bytes as scoring the whole file, whatever the batch size."""

import hashlib
import resource
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from exposure.cli import main
from exposure.errors import DataFormatError
from exposure.onet import load_onet
from exposure.scoring import score_tasks
from exposure.scoring._files import iter_task_batches, read_task_file, score_file

#: Hand-written tasks: occupations of several rows (by code, by title) and lone rows, in
#: contiguous runs, so that the learned model's occupation context is at work.
TASKS = pd.DataFrame({
    "onetsoc_code": ["43-9061.00", "43-9061.00", "43-9061.00", None, None, None, None,
                     "47-2021.00", "47-2021.00", None],
    "task_id": ["101", "102", "103", None, None, None, None, "201", "202", None],
    "task": ["Answer telephones and relay messages.", "File records and documents.",
             "Operate office machines such as copiers.", "Write Python scripts to clean data.",
             "Review pull requests and fix failing tests.", "Design a logo for a bakery.",
             "Weld steel beams on a construction site.", "Lay bricks to build walls.",
             "Mix mortar by hand.", "=SUM(A1:A3) and draft a memo"],
    "title": ["Office Clerks", "Office Clerks", "Office Clerks", "Data Engineer",
              "data engineer ", "Designer", None, "Brickmasons", "Brickmasons", None],
    "note": ["a", "", "c", "d", "e", "f", "g", "h", "i", "j"],
})


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def tasks_csv(tmp_path):
    path = tmp_path / "tasks.csv"
    TASKS.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("method", ["learned", "rubric"])
@pytest.mark.parametrize(("src_kind", "out_kind"), [("csv", "csv"), ("csv", "parquet"),
                                                   ("parquet", "parquet"), ("parquet", "csv")])
def test_every_batch_size_gives_the_bytes_of_the_whole_file(tasks_csv, tmp_path, method,
                                                          src_kind, out_kind):
    src = tasks_csv
    if src_kind == "parquet":
        src = tmp_path / "tasks.parquet"
        read_task_file(tasks_csv).to_parquet(src)
    whole = score_file(src, tmp_path / f"whole.{out_kind}", method, batch_rows=None)
    for rows in (2, 4):
        done = score_file(src, tmp_path / f"b{rows}.{out_kind}", method, batch_rows=rows)
        assert _digest(done.path) == _digest(whole.path), rows
        assert (done.n_tasks, done.method, done.note) == (10, whole.method, None)


def test_the_occupation_context_is_what_the_carry_over_keeps(tasks_csv):
    # scoring 2-row chunks naively (cutting occupations) changes the learned scores, so the
    # test above would fail if batches were cut inside an occupation
    whole = score_tasks(TASKS)
    naive = pd.concat([score_tasks(TASKS.iloc[i:i + 2]) for i in range(0, len(TASKS), 2)],
                      ignore_index=True)
    assert not whole["p_e1"].equals(naive["p_e1"])


def test_the_last_batch_is_scored_whole(tmp_path):
    """The reader looks one batch ahead: the file's last occupation is not scored alone.

    Rows 7-8 share a code; rows 6-8 are the last batch and are scored together.
    """
    src = tmp_path / "tasks.csv"
    TASKS.iloc[:9].to_csv(src, index=False)
    pieces = []
    done = score_file(src, tmp_path / "out.csv", batch_rows=6, progress=pieces.append)
    whole = score_file(src, tmp_path / "whole.csv", batch_rows=None)
    assert pieces == [6, 3] and done.n_tasks == 9
    assert _digest(done.path) == _digest(whole.path)


def test_a_reading_error_comes_after_the_batches_before_it(tmp_path, monkeypatch):
    """Reading ahead does not move an error of a later batch before the rows read earlier."""
    import exposure.scoring._files as files

    src = tmp_path / "tasks.csv"
    TASKS.to_csv(src, index=False)
    real = files.iter_task_batches

    def failing(path, batch_rows):
        batches = real(path, batch_rows)
        yield next(batches)
        raise DataFormatError("cannot read: damaged", path=path)

    unbroken = []
    score_file(src, tmp_path / "all.csv", batch_rows=4, progress=unbroken.append)
    monkeypatch.setattr(files, "iter_task_batches", failing)
    pieces = []
    with pytest.raises(DataFormatError, match="damaged"):
        score_file(src, tmp_path / "out.csv", batch_rows=4, progress=pieces.append)
    assert pieces == unbroken[:1] and not (tmp_path / "out.csv").exists()


def test_an_occupation_that_comes_back_is_scored_whole_with_a_note(tmp_path):
    shuffled = TASKS.iloc[[0, 3, 1, 7, 2, 4, 8, 5, 6, 9]]
    src = tmp_path / "shuffled.csv"
    shuffled.to_csv(src, index=False)
    whole = score_file(src, tmp_path / "whole.csv", batch_rows=None)
    done = score_file(src, tmp_path / "b3.csv", batch_rows=3)
    assert _digest(done.path) == _digest(whole.path)
    assert "not contiguous" in done.note and "scored in memory" in done.note
    # the rubric has no cross-row feature: it streams any order
    assert score_file(src, tmp_path / "r.csv", "rubric", batch_rows=3).note is None


def test_rows_with_a_title_alone_stream_in_any_order(tmp_path):
    # a title without a code is scored as text alone (no occupation context), so postings
    # whose titles come back after others still stream, with the bytes of the whole file
    postings = TASKS.assign(onetsoc_code=None, task_id=None).iloc[[0, 3, 1, 7, 2, 4, 8, 5, 6, 9]]
    src = tmp_path / "postings.csv"
    postings.to_csv(src, index=False)
    whole = score_file(src, tmp_path / "whole.csv", batch_rows=None)
    done = score_file(src, tmp_path / "b3.csv", batch_rows=3)
    assert done.note is None
    assert _digest(done.path) == _digest(whole.path)


def test_a_task_key_repeated_in_a_later_batch_names_its_line(tmp_path):
    rows = TASKS.iloc[[0, 1, 2, 7, 8]].copy()
    rows.iloc[4, rows.columns.get_loc("onetsoc_code")] = "43-9061.00"
    rows.iloc[4, rows.columns.get_loc("task_id")] = "101"
    src = tmp_path / "dup.csv"
    rows.to_csv(src, index=False)
    out = tmp_path / "out.csv"
    with pytest.raises(DataFormatError, match=r"dup\.csv, row 6, column 'task_id': duplicate task "
                                              r"key \(43-9061\.00, 101\), first on row 2$"):
        score_file(src, out, "rubric", batch_rows=2)
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["dup.csv"]


def test_task_keys_across_batches_compare_as_within_one(tmp_path):
    # ids past 2**53 that differ by one are different keys (a float would merge them); a
    # key written as 101.0 in a later batch is the key 101, as within a batch
    rows = TASKS.iloc[[0, 1, 2, 7, 8]].copy()
    rows["task_id"] = ["9007199254740993", "9007199254740992", "101", "201", "202"]
    src = tmp_path / "big.csv"
    rows.to_csv(src, index=False)
    whole = score_file(src, tmp_path / "whole.csv", "rubric", batch_rows=None)
    for batch in (1, 2):
        done = score_file(src, tmp_path / f"b{batch}.csv", "rubric", batch_rows=batch)
        assert _digest(done.path) == _digest(whole.path)
    rows["task_id"] = ["101", "102", "103", "201", "101.0"]
    rows.iloc[4, rows.columns.get_loc("onetsoc_code")] = "43-9061.00"
    rows.to_csv(src, index=False)
    for batch in (None, 2):
        with pytest.raises(DataFormatError, match=r"row 6, column 'task_id': duplicate task key "
                                                  r"\(43-9061\.00, 101\), first on row 2$"):
            score_file(src, tmp_path / "o.csv", "rubric", batch_rows=batch)


@pytest.mark.parametrize("problems", [
    {"dup": 5, "text": 8},          # a key repeated on line 7, an empty task on line 10
    {"text": 3, "dup": 5},
    {"id": 2, "dup": 5},
    {"id": 6, "text": 4, "dup": 8},
    {"id": 1, "text": 1},           # an empty task and a bad id on one line
])
def test_of_several_problems_batches_report_what_the_whole_file_reports(tmp_path, problems):
    # the problem on the earliest line, whatever the batch size and the kind of check
    rows = TASKS.copy()
    rows["onetsoc_code"] = "43-9061.00"
    rows["task_id"] = [str(101 + i) for i in range(len(rows))]
    if "dup" in problems:
        rows.loc[problems["dup"], "task_id"] = "101"
    if "text" in problems:
        rows.loc[problems["text"], "task"] = "  "
    if "id" in problems:
        rows.loc[problems["id"], "task_id"] = "1x"
    src = tmp_path / "bad.csv"
    rows.to_csv(src, index=False)
    messages = set()
    for batch in (None, 1, 2, 3):
        with pytest.raises(DataFormatError) as err:
            score_file(src, tmp_path / "o.csv", batch_rows=batch)
        messages.add(str(err.value))
    assert len(messages) == 1, messages
    first = min(problems.values())
    assert f"row {first + 2}," in messages.pop()  # line of the file: the header is line 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


@pytest.mark.parametrize(("cells", "message"), [
    ("bad,7", "row 3, column 'onetsoc_code': O*NET-SOC code 'bad' is not of the form 00-0000.00 "
              "(e.g. 11-1011.00)"),
    ("29-1081.00,-1", "row 3, column 'task_id': task ID '-1' is negative; O*NET task IDs are 0 or more"),
])
def test_a_code_or_task_id_the_output_schema_refuses_is_reported_as_in_the_whole_file(tmp_path, capsys,
                                                                                     cells, message):
    # found by the output schema after the scoring, it named line 4 (the empty task) for
    # the whole file and line 3 ('TaskScores validation failed') in batches of one row
    src = tmp_path / "order.csv"
    src.write_text("onetsoc_code,task_id,task\n47-2121.00,11504,Operate cranes.\n"
                   f"{cells},Do a thing.\n29-1081.00,7855,\n")
    for batch in (None, 1, 2):
        with pytest.raises(DataFormatError) as err:
            score_file(src, tmp_path / "o.csv", "rubric", batch_rows=batch)
        assert str(err.value) == f"{src}, {message}"
    for rows in ("0", "1"):
        assert main(["score", str(src), "-o", str(tmp_path / "o.csv"), "--batch-rows", rows]) == 2
        assert f"{src}, {message}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["order.csv"]


def test_a_bad_cell_in_a_later_batch_is_reported_as_in_the_whole_file(tmp_path):
    rows = TASKS.copy()
    rows.loc[8, "task"] = "   "
    src = tmp_path / "bad.csv"
    rows.to_csv(src, index=False)
    with pytest.raises(DataFormatError) as whole:
        score_file(src, tmp_path / "o.csv", batch_rows=None)
    with pytest.raises(DataFormatError) as batched:
        score_file(src, tmp_path / "o.csv", batch_rows=3)
    assert str(batched.value) == str(whole.value)
    assert "row 10" in str(batched.value)  # line 10 of the file: the header is line 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_batches_concatenate_to_the_whole_file(tasks_csv, tmp_path):
    got = pd.concat(list(iter_task_batches(tasks_csv, 3)), ignore_index=True)
    pd.testing.assert_frame_equal(got, read_task_file(tasks_csv))
    (tmp_path / "empty.csv").write_text("task,note\n")
    (empty,) = iter_task_batches(tmp_path / "empty.csv")
    assert list(empty.columns) == ["task", "note"] and empty.empty


def test_cli_batch_rows_option(tasks_csv, tmp_path, capsys):
    assert main(["score", str(tasks_csv), "-o", str(tmp_path / "a.csv"), "--batch-rows", "2"]) == 0
    assert main(["score", str(tasks_csv), "-o", str(tmp_path / "b.csv"), "--batch-rows", "0"]) == 0
    assert _digest(tmp_path / "a.csv") == _digest(tmp_path / "b.csv")
    assert "scored 10 tasks" in capsys.readouterr().out
    assert main(["score", str(tasks_csv), "-o", str(tmp_path / "c.csv"), "--batch-rows", "-1"]) == 2
    assert "--batch-rows must be 0 or more" in capsys.readouterr().err


_PEAK = """
import pathlib, re, sys, tempfile
from exposure.cli import main
# warm up: the same command on a one-row file loads the model and the retrieval index,
# whose fixed peak would otherwise hide what the input adds
warm = pathlib.Path(tempfile.mkdtemp())
(warm / "w.csv").write_text("task,title\\nWeld pipes.,Welder\\n")
assert main(["score", str(warm / "w.csv"), "-o", str(warm / "o.csv")]) == 0
pathlib.Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM)
rc = main(sys.argv[1:])
hwm = re.search(r"VmHWM:\\s+([0-9]+) kB", pathlib.Path("/proc/self/status").read_text())
print(int(hwm.group(1)))
sys.exit(rc)
"""


def _peak_rss_mib(args) -> float:
    """Peak RSS (MiB) of ``exposure score ARGS`` in a fresh, warmed-up process (Linux)."""
    out = subprocess.run([sys.executable, "-c", _PEAK, "score", *args], capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    return int(out.stdout.split()[-1]) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_peak_memory_does_not_grow_with_the_input(tmp_path):
    # 20,000 and 80,000 rows of recombined tasks with titles, grouped by title; CSV output
    # (Parquet output also holds one row group, up to 1,000,000 rows, before writing it)
    base = TASKS.dropna(subset=["title"])
    for n in (20_000, 80_000):
        reps = -(-n // len(base))
        big = pd.concat([base] * reps, ignore_index=True).iloc[:n].copy()
        big["task"] = (big["task"] + " ") * 4 + "Step " + pd.Series(range(n)).astype(str) + "."
        big["title"] = big["title"] + " " + (pd.Series(range(n)) // 50).astype(str)
        big = big.sort_values("title", kind="stable")  # grouped by occupation: streamable
        big[["task", "title"]].to_csv(tmp_path / f"in{n}.csv", index=False)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
    peak = {(n, rows): _peak_rss_mib([str(tmp_path / f"in{n}.csv"), "-o",
                                      str(tmp_path / f"o{n}_{rows}.csv"), "--batch-rows", rows])
            for n in (20_000, 80_000) for rows in ("2000", "0")}
    streamed = peak[80_000, "2000"] - peak[20_000, "2000"]
    whole = peak[80_000, "0"] - peak[20_000, "0"]
    assert streamed < 30 and whole > streamed + 60, peak  # MiB more for 4x the rows
    assert _digest(tmp_path / "o80000_2000.csv") == _digest(tmp_path / "o80000_0.csv")


@pytest.mark.integration
@pytest.mark.slow
def test_onet_tasks_stream_to_the_same_bytes(shared_data, tmp_path):
    onet = load_onet("29.1", mirror=shared_data)
    tasks = onet.tasks.merge(onet.occupations[["onetsoc_code", "title"]], on="onetsoc_code")
    src = tmp_path / "tasks.csv"
    tasks[["onetsoc_code", "task_id", "task", "title", "task_type"]].to_csv(src, index=False)
    whole = score_file(src, tmp_path / "whole.parquet", mirror=shared_data, batch_rows=None)
    done = score_file(src, tmp_path / "b.parquet", mirror=shared_data, batch_rows=4_999)
    assert done.n_tasks == whole.n_tasks == len(tasks) > 18_000
    assert _digest(done.path) == _digest(whole.path)


def _both(src, tmp_path, kind="csv", method="rubric"):
    """score_file of ``src`` whole and in batches of 1: the two outputs."""
    whole = score_file(src, tmp_path / f"whole.{kind}", method, batch_rows=None)
    streamed = score_file(src, tmp_path / f"streamed.{kind}", method, batch_rows=1)
    return whole.path, streamed.path


def test_unnamed_columns_follow_the_whole_file_rules(tmp_path):
    src = tmp_path / "trail.csv"  # a trailing comma on every line: an empty, unnamed column
    src.write_text("task,note,\nAnswer telephones.,a,\nWrite code.,b,\n")
    whole, streamed = _both(src, tmp_path)
    assert _digest(streamed) == _digest(whole)
    assert list(pd.read_csv(streamed).columns)[:3] == ["task", "note", "p_e0"]
    (tmp_path / "mid.csv").write_text("task,,n\nAnswer telephones.,x,b\n")  # values, no name
    errors = []
    for rows in (None, 1):
        with pytest.raises(DataFormatError) as exc:
            score_file(tmp_path / "mid.csv", tmp_path / "o.csv", "rubric", batch_rows=rows)
        errors.append(str(exc.value))
    assert errors[0] == errors[1] and "column 2 has values but no name" in errors[0]
    (tmp_path / "lit.csv").write_text("task,Unnamed: 2\nAnswer telephones.,x\n")  # a real name
    whole, streamed = _both(tmp_path / "lit.csv", tmp_path)
    assert _digest(streamed) == _digest(whole)
    assert list(pd.read_csv(streamed).columns)[:2] == ["task", "Unnamed: 2"]


def test_one_column_file_keeps_blank_lines_as_rows(tmp_path):
    src = tmp_path / "rn.csv"
    for text, line in [("task\nAnswer telephones.\n\n\nWrite code.\n", 3),
                       ("task\nAnswer telephones.\n   \nWrite code.\n", 3)]:
        src.write_text(text)
        errors = []
        for rows in (None, 1, 2):
            with pytest.raises(DataFormatError) as exc:
                score_file(src, tmp_path / "o.csv", "rubric", batch_rows=rows)
            errors.append(str(exc.value))
        assert len(set(errors)) == 1 and f"row {line}, column 'task'" in errors[0], errors
    # empty lines, and lines of spaces (an editor's leftover), ending the file are dropped
    for tail in ("\n\n", "   \n", "   \n\n \n"):
        src.write_text("task\nAnswer telephones.\nWrite code.\n" + tail)
        whole, streamed = _both(src, tmp_path)
        assert _digest(streamed) == _digest(whole)
        assert len(pd.read_csv(whole)) == 2
        assert len(read_task_file(src)) == 2


def test_parquet_index_is_kept_as_a_column(tmp_path):
    frame = pd.DataFrame({"task": ["Answer telephones.", "Write code."], "n": [1, 2]})
    frame.set_axis(pd.Index(["p1", "p2"], name="posting_id")).to_parquet(tmp_path / "named.parquet")
    frame.to_parquet(tmp_path / "range.parquet")  # a RangeIndex is metadata only: no column
    for name, columns in [("named", ["task", "n", "posting_id"]), ("range", ["task", "n"])]:
        whole, streamed = _both(tmp_path / f"{name}.parquet", tmp_path, "parquet")
        assert _digest(streamed) == _digest(whole)
        got = pd.read_parquet(whole)
        assert list(got.columns[:len(columns) + 1]) == [*columns, "p_e0"], name
        if name == "named":
            assert got["posting_id"].tolist() == ["p1", "p2"]


def test_a_parquet_range_index_that_holds_data_is_kept_in_every_batch(tmp_path):
    """A named RangeIndex, or one not 0, 1, 2, ..., has no column in the file: it was dropped."""
    texts = ["Answer telephones.", "Write code.", "Weld pipes."]
    frame = pd.DataFrame({"task": texts})
    frame.set_axis(pd.RangeIndex(100, 103, name="posting_id")).to_parquet(tmp_path / "named.parquet")
    frame.set_axis(pd.RangeIndex(5, 11, 2)).to_parquet(tmp_path / "offset.parquet")
    for name, column, values in [("named", "posting_id", [100, 101, 102]),
                                 ("offset", "__index_level_0__", [5, 7, 9])]:
        src = tmp_path / f"{name}.parquet"
        # each batch holds its own slice of the range
        assert [b[column].tolist() for b in iter_task_batches(src, 2)] == [values[:2], values[2:]]
        assert read_task_file(src)[column].tolist() == values
        whole, streamed = _both(src, tmp_path, "parquet")
        assert _digest(streamed) == _digest(whole)
        assert pd.read_parquet(whole)[column].tolist() == values, name


def test_task_ids_stored_as_a_range_index_are_scored_with_their_onet_codes(tmp_path):
    """Task ids 1, 2 as the index: dropped before, the tasks were scored without O*NET ids."""
    tasks = pd.DataFrame({"onetsoc_code": ["43-9061.00"] * 2, "task_id": [1, 2],
                          "task": ["Answer telephones and relay messages.", "File records."]})
    tasks.set_index("task_id").to_parquet(tmp_path / "idx.parquet")
    tasks[["onetsoc_code", "task", "task_id"]].to_parquet(tmp_path / "cols.parquet")
    ref = pd.read_parquet(score_file(tmp_path / "cols.parquet", tmp_path / "ref.parquet").path)
    for rows in (None, 1):
        got = pd.read_parquet(score_file(tmp_path / "idx.parquet", tmp_path / f"o{rows}.parquet",
                                         batch_rows=rows).path)
        pd.testing.assert_frame_equal(got, ref)


def test_nested_parquet_columns(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = ["Answer telephones.", "Operate a forklift.", "Write code."]
    pq.write_table(pa.table({"task": texts, "m": pa.array([[("a", 1)]] * 3,
                                                           pa.map_(pa.string(), pa.int64()))}),
                   tmp_path / "map.parquet")
    pq.write_table(pa.table({"task": texts, "l": pa.array([[1, 2]] * 3)}), tmp_path / "list.parquet")
    for name, column in [("map", "m"), ("list", "l")]:
        whole, streamed = _both(tmp_path / f"{name}.parquet", tmp_path, "parquet")
        assert _digest(streamed) == _digest(whole)
        got = pq.read_table(whole)
        assert pa.types.is_nested(got.schema.field(column).type)
        assert got.column(column).to_pylist() == pq.read_table(tmp_path / f"{name}.parquet").column(column).to_pylist()
        for out in ("o.csv", "o.xlsx", "o.dta"):
            with pytest.raises(DataFormatError) as exc:
                score_file(tmp_path / f"{name}.parquet", tmp_path / out, "rubric")
            assert f"{name}.parquet, column '{column}': the column holds nested values" in str(exc.value)
            assert not (tmp_path / out).exists()


def test_a_repeated_key_is_reported_without_a_second_whole_file_pass(tmp_path, caplog):
    """The last row repeats a key of the first occupation, which also comes back out of order.

    The repeated key is an error whatever the order; it used to send the file to the
    whole-file path first (read and checked again), and only then be reported.
    """
    rows = [("11-1011.00", 1, "Direct operations."), ("11-1011.00", 2, "Approve budgets."),
            ("13-2011.00", 3, "Audit accounts."), ("13-2011.00", 4, "Prepare tax returns."),
            ("11-1011.00", 1, "Direct operations.")]
    src = tmp_path / "dup.csv"
    pd.DataFrame(rows, columns=["onetsoc_code", "task_id", "task"]).to_csv(src, index=False)
    with caplog.at_level("WARNING"), pytest.raises(
            DataFormatError, match=r"dup.csv, row 6, column 'task_id': duplicate task key \(11-1011.00, 1\), "
                                   r"first on row 2"):
        score_file(src, tmp_path / "out.csv", batch_rows=2, onet=None)
    assert "whole file in memory" not in caplog.text
    assert not (tmp_path / "out.csv").exists()


def test_the_not_a_work_task_warning_names_the_file_and_its_line(tmp_path, caplog):
    """In batches the row was counted within the batch (row 2 for line 6 of the file)."""
    texts = ["Answer telephones.", "Type letters.", "Operate a forklift.", "asdf qwer zxcv", "Weld pipes."]
    src = tmp_path / "in.csv"
    pd.DataFrame({"task": texts}).to_csv(src, index=False)
    for batch_rows in (2, None):
        caplog.clear()
        with caplog.at_level("WARNING"):
            score_file(src, tmp_path / f"out{batch_rows}.csv", batch_rows=batch_rows)
        assert f"{src}: 1 of " in caplog.text and "e.g. row 5, 'asdf qwer zxcv'" in caplog.text
