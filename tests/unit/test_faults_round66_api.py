"""Round 66, the scoring API as a notebook calls it (``score_tasks``): faults found and fixed.

1. A frame with columns of Arrow's ``string_view`` type (Polars and DuckDB hold text so, and
   a Parquet file written from such a table keeps it: ``pd.read_parquet(path,
   dtype_backend="pyarrow")`` reads ``string_view[pyarrow]``), for the task texts, titles,
   codes, task IDs, task types or job zones; also ``labels`` of ``reference`` and the keys
   given to ``task_score_table``. Before: ``NotImplementedError: string_view`` from inside
   pandas (a traceback naming no column; ``binary_view`` task IDs:
   ``NotImplementedError: binary_view``). Now: the columns are read as ``large_string``
   (``large_binary``), so the scores are those of the same frame of plain text, and the
   result keeps the caller's columns as given; ``binary_view`` task IDs are refused as
   bytes are (``task ID b'1' is not an integer``).
2. ``score_tasks(ddf)`` of a Dask DataFrame (also a Polars DataFrame, a pyarrow Table).
   Before: ``tasks must be a pandas DataFrame, got DataFrame``, which reads as a
   contradiction and says nothing of what to do. Now: the library is named with the way on:
   ``got dask DataFrame: score it with exposure.dask.score(ddf), or ddf.compute() first``
   (``got polars DataFrame: convert it with .to_pandas() first``). Python's, numpy's and
   pandas' own types are named as before (``got NoneType``, ``got Series``).
3. Task texts of UTF-8 read as Windows-1252 or Latin-1 (mojibake: ``pd.read_csv(path,
   encoding="latin-1")`` of a UTF-8 file, or a CSV opened so and saved again, which
   ``exposure score`` then reads as valid UTF-8): ``customerâ€™s``, ``rÃ©sumÃ©s``. Before:
   scored as other words, without a word (``Answer the clinicâ€™s phone line ...`` came out
   E2 for E0, ``Process a customerâ€™s refund request ...`` E0 for E2). Now: refused as a
   row problem of the input checks, naming the row, the column, the garbled run and the
   character it stands for: ``row 1, column 'task': task text holds 'â€™' for '’' (UTF-8
   read as Windows-1252 or Latin-1), got '...': read the source as UTF-8
   (encoding='utf-8'); ...``; ``exposure score`` exits 2 with that one line and writes
   nothing. Text that is not ASCII but not garbled (French, Polish, German, ``café’s``)
   is scored as before; no O*NET 29.1 or 30.1 statement or title, no published label text
   and no text of the project's data files is refused.
"""

from __future__ import annotations

import logging
import types

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import SCORE_COLUMNS, score_tasks, task_score_table
from exposure.scoring._inputs import frame_type, mojibake, without_views

VIEW = pd.ArrowDtype(pa.string_view())

#: A frame of every column the scorers read, as plain text (``task_id`` as text, as a
#: Parquet file of text columns gives it).
PLAIN = {
    "onetsoc_code": ["43-4051.00", "43-4051.00", "27-3043.00"],
    "task_id": ["9001", "9002", None],
    "task": ["Answer customer questions by telephone and e-mail.",
             "Update customer records in the billing system.",
             "Write captions for social media posts."],
    "title": ["Customer Service Representatives", None, "Junior Copywriter"],
    "task_type": ["Core", "Supplemental", None],
    "job_zone": ["2", "2", None],
}


def _views(columns=None) -> pd.DataFrame:
    """:data:`PLAIN` with ``columns`` (default all) of Arrow type ``string_view``."""
    frame = pd.DataFrame(PLAIN)
    for col in columns or PLAIN:
        frame[col] = pd.Series(PLAIN[col], dtype=VIEW)
    return frame


def _scores(frame: pd.DataFrame) -> list:
    """The score columns of ``frame`` as Python values (missing as None), for comparisons."""
    cols = frame[list(SCORE_COLUMNS)].astype(object)
    return cols.where(cols.notna(), None).to_numpy().tolist()


# ------------------------------------------------------------------ 1. string_view columns
#: The columns whose ``string_view`` type failed, by method (None: every column at once;
#: titles are read by ``learned``, job zones and task types by then already as objects).
VIEW_CASES = [(col, method) for col in ("task", "onetsoc_code", "task_id", None)
              for method in ("learned", "rubric", "reference")] + [("title", "learned")]


@pytest.mark.parametrize(("column", "method"), VIEW_CASES)
def test_string_view_columns_are_scored_as_plain_text(column, method):
    labels = pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task_id": [9001], "human_exposure_agg": ["E1"]})
    plain = score_tasks(pd.DataFrame(PLAIN), method, labels=labels)
    frame = _views([column] if column else None)
    out = score_tasks(frame, method, labels=labels)  # NotImplementedError: string_view
    assert _scores(out) == _scores(plain)
    assert out.index.equals(frame.index)
    assert out[list(PLAIN)].dtypes.tolist() == frame.dtypes.tolist()  # the caller's columns as given


def test_a_parquet_file_of_string_view_read_by_pandas_is_scored(tmp_path):
    path = tmp_path / "polars.parquet"
    pq.write_table(pa.table({"task": pa.array(PLAIN["task"], type=pa.string_view()),
                             "onetsoc_code": pa.array(PLAIN["onetsoc_code"], type=pa.string_view())}), path)
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert frame.dtypes.tolist() == [VIEW, VIEW]
    out = score_tasks(frame)
    assert _scores(out) == _scores(score_tasks(pd.DataFrame({k: PLAIN[k] for k in ("task", "onetsoc_code")})))


def test_string_view_labels_and_scored_keys_are_read():
    task = PLAIN["task"][0]
    labels = pd.DataFrame({"onetsoc_code": pd.Series(["43-4051.00"], dtype=VIEW), "task_id": [9001],
                           "human_exposure_agg": pd.Series(["E1"], dtype=VIEW), "task": pd.Series([task], dtype=VIEW)})
    frame = pd.DataFrame({"onetsoc_code": ["43-4051.00"], "task_id": [9001], "task": [task]})
    assert score_tasks(frame, "reference", labels=labels)["label"].tolist() == ["E1"]
    table = task_score_table(score_tasks(_views()))
    assert table["onetsoc_code"].tolist() == PLAIN["onetsoc_code"]
    assert table["task_id"].tolist() == [9001, 9002, pd.NA]


def test_binary_view_task_ids_are_refused_as_bytes():
    frame = pd.DataFrame(PLAIN).assign(
        task_id=pd.arrays.ArrowExtensionArray(pa.array([b"9001", b"9002", None], type=pa.binary_view())))
    advice = "df['task_id'] = pd.Series(df['task_id'].tolist(), index=df.index).str.decode('utf-8')"
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame)
    assert str(info.value) == ("row 1, column 'task_id': task ID b'9001' is not an integer: bytes, not text (from a "
                               f"database driver or a binary column?): decode them first, {advice} (or the "
                               "column's own encoding)")  # (round 78: .astype(object) raised for binary_view)
    exec(advice, {"df": frame, "pd": pd})  # the advice runs, and the IDs are read
    assert task_score_table(score_tasks(frame, "rubric"))["task_id"].tolist()[:2] == [9001, 9002]


def test_without_views_leaves_the_callers_frame():
    frame = _views(["task"])
    read = without_views(frame)
    assert read["task"].dtype == pd.ArrowDtype(pa.large_string()) and frame["task"].dtype == VIEW
    plain = pd.DataFrame(PLAIN)
    assert without_views(plain) is plain and without_views(None) is None


# ------------------------------------------------------------------ 2. frames of other libraries
def test_a_dask_frame_is_named_with_the_way_to_score_it():
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(pd.DataFrame({"task": PLAIN["task"]}), npartitions=1)
    with pytest.raises(DataFormatError, match=r"^tasks must be a pandas DataFrame, got dask DataFrame: score it "
                                              r"with exposure\.dask\.score\(ddf\), or ddf\.compute\(\) first$"):
        score_tasks(ddf)


def _polars_like() -> object:
    """An object of a class as Polars names its frame (``polars.dataframe.frame.DataFrame``)."""
    cls = types.new_class("DataFrame", exec_body=lambda ns: ns.update(
        __module__="polars.dataframe.frame", to_pandas=lambda self: pd.DataFrame({"task": PLAIN["task"]})))
    return cls()


@pytest.mark.parametrize(("value", "shown"), [
    (_polars_like(), "polars DataFrame: convert it with .to_pandas() first"),
    (pa.table({"task": PLAIN["task"]}), "pyarrow Table: convert it with .to_pandas() first"),
])
def test_frames_of_other_libraries_are_named(value, shown):
    with pytest.raises(DataFormatError) as info:
        score_tasks(value)
    assert str(info.value) == f"tasks must be a pandas DataFrame, got {shown}"
    # Python's, numpy's and pandas' own types are named as before
    assert [frame_type(v) for v in (None, pd.Series(PLAIN["task"]), np.array(PLAIN["task"]))] == [
        "NoneType", "Series", "ndarray"]


# ------------------------------------------------------------------ 3. mojibake
GOOD = ["Process a customer’s refund request in Zendesk.",
        "Answer the clinic’s phone line and book appointments.",
        "Screen résumés for the café’s hiring.",
        "Sort incoming mail."]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_utf8_read_as_windows_1252_is_refused(tmp_path, encoding):
    path = tmp_path / "tasks.csv"
    path.write_text("task,n\n" + "".join(f"{t},{i}\n" for i, t in enumerate(GOOD)), encoding="utf-8")
    frame = pd.read_csv(path, encoding=encoding)
    garbled = "â\x80\x99" if encoding == "latin-1" else "â€™"
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == (
        f"row 1, column 'task': task text holds {garbled!r} for '’' (UTF-8 read as Windows-1252 or Latin-1), "
        f"got {frame['task'][0]!r}: read the source as UTF-8 (encoding='utf-8'); a file saved after such a "
        "reading keeps the garbled text: mend it there")


def test_the_earliest_row_problem_wins_over_mojibake():
    frame = pd.DataFrame({"task": ["Sort mail.", "Screen rÃ©sumÃ©s.", ""]}, index=[10, 20, 30])
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task': task text holds 'Ã©' for 'é' .*\(index 20\)$"):
        score_tasks(frame)
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task': task text must be a non-empty string"):
        score_tasks(frame.iloc[::-1])


def test_exposure_score_refuses_a_file_saved_with_mojibake(tmp_path, capsys):
    src = tmp_path / "resaved.csv"
    src.write_text("task,n\nSort incoming mail.,1\nProcess a customerâ€™s refund request.,2\n", encoding="utf-8")
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "o.csv", "--method", "rubric", "--onet", "none")
    line = one_error_line(err, command="score")
    assert code == 2 and "resaved.csv, row 3, column 'task': task text holds 'â€™' for '’'" in line
    assert not (tmp_path / "o.csv").exists()


def test_text_that_is_not_ascii_but_not_garbled_is_scored(caplog):
    texts = [*GOOD, "Zażółć gęślą jaźń w biurze.", "Ärger über Öl im Lager melden.", "Voilà\xa0» le café.",
             "Dịch vụ khách hàng.", "Обслуживать клиентов.", "顧客対応を行う。", "Serve 25°C drinks, ½ cup © ™.",
             "Coördinate naïve façade work. À bientôt. Été."]
    with caplog.at_level(logging.ERROR):
        out = score_tasks(pd.DataFrame({"task": texts}), "rubric")
    assert out["label"].notna().all()
    assert [mojibake(t) for t in texts] == [None] * len(texts)
    assert mojibake("Zaż".encode().decode("latin-1")) == ("Å¼", "ż")
    assert mojibake("Lay 🧱 bricks.".encode().decode("latin-1"))[1] == "🧱"
