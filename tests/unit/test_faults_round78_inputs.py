"""Faults of round 78 (inputs): key cells of bytes, flattened key columns, multi-level names, repeated index.

1. A ``job_zone``, ``task_type`` or ``task_id`` cell of bytes (``b'2'``, a ``bytearray``, a
   ``memoryview``: what a database driver or a binary Parquet column gives) was told the
   rule alone, where a text cell of bytes is told how to decode the column:
   ``row 1, column 'job_zone': job zone must be a whole number from 1 to 5, got b'2'``,
   ``task_type b'Core' is not Core or Supplemental: ... or a missing or blank cell (or
   O*NET's n/a)``, ``task ID b'1' is not an integer``. Now each gets the advice of
   :func:`exposure.scoring._inputs.bytes_advice`: ``...got b'2': bytes, not text (from a
   database driver or a binary column?): decode them first, df['job_zone'] =
   df['job_zone'].str.decode('utf-8') (or the column's own encoding)`` (``.map(...)`` for a
   ``bytearray`` or ``memoryview``, ``pd.Series(df[c].tolist(), index=df.index).str.decode`` for
   Arrow's ``binary`` since wave 2);
   under ``exposure score``: ``FILE, row 1, column 'task_id': task ID b'1' is not an
   integer: bytes, not text: save the column as text (decoded from UTF-8, or from its own
   encoding)``. A ``bytearray`` or ``memoryview`` task ID is refused as a bytes one is.
2. The key warning of ``score_tasks`` and ``score_rubric`` guessed ``(O*NET's headers?)``
   for key columns named by tuples of flattened levels (``frame.columns.to_flat_index()``
   after ``groupby().agg()``): ``the frame has no 'onetsoc_code' and 'task_id' column but
   ('onetsoc_code', ''), ('task_id', '') (O*NET's headers?), not read as keys``. Now:
   ``... but ('onetsoc_code', ''), ('task_id', '') (column levels flattened to tuples?),
   not read as keys ...``; O*NET's headers are said as before. The two scorers' messages,
   near-copies, are built by one function (:func:`exposure.scoring._inputs.key_headers_message`).
3. A frame with multi-level column names was told to flatten them with
   ``frame.columns = ['_'.join(map(str, c)) for c in frame.columns]``: for the frame of a
   ``groupby([...]).agg(...).reset_index()`` that gives ``task_``, ``onetsoc_code_``,
   ``task_id_``, so the next call failed on ``missing text column 'task'`` (and the keys
   were not read). Now: ``flatten them first (e.g. frame.columns = ['_'.join(str(p) for p
   in c if p != '') for c in frame.columns])``, which gives ``task``, ``onetsoc_code``,
   ``task_id``, ``x_sum``.
4. ``score_rubric`` on a frame whose index repeats a label (``[5, 5, 6]``) returned its
   scores under that index without a word, where ``score_tasks`` warns: the documented
   ``df.join(scores)`` gave 5 rows for 3 (each repeated row with both rows' scores). Now
   one warning, in ``score_tasks``' words from one function
   (:func:`exposure.scoring._inputs.warn_repeated_index`): ``score_rubric: the frame's
   index repeats labels (2 row(s); first: 5, rows 1 and 2): the scores are returned row by
   row, but df.join(scores) or .loc by that index pairs each repeated label with every row
   of it (rows duplicated, scores on other rows); call reset_index() first to join the
   scores back``.
"""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import pandas as pd
import pyarrow as pa
import pytest
from test_faults_cli import cli, one_error_line

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring.rubric import score_rubric

CODE = "43-4171.00"
PHONES = "Answer telephones and relay messages."
WELD = "Weld pipes on site."
SAID = ": bytes, not text (from a database driver or a binary column?): decode them first, "
KINDS = [
    (bytes, "b'{}'", "df['{c}'] = df['{c}'].str.decode('utf-8')"),
    (bytearray, "bytearray(b'{}')",
     "df['{c}'] = df['{c}'].map(lambda v: v.decode('utf-8') if isinstance(v, bytearray) else v)"),
    (memoryview, "memoryview(b'{}')",
     "df['{c}'] = df['{c}'].map(lambda v: bytes(v).decode('utf-8') if isinstance(v, memoryview) else v)"),
]
CELLS = [
    ("job_zone", "2", "job zone must be a whole number from 1 to 5, got {}"),
    ("task_type", "Core", "task_type {} is not Core or Supplemental: exposure rollup accepts only O*NET's "
                          "task types, spelt exactly so, or a missing or blank cell (or O*NET's n/a)"),
    ("task_id", "1", "task ID {} is not an integer"),
]


def _release() -> SimpleNamespace:
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"]}),
        job_zones=pd.DataFrame({"onetsoc_code": [CODE], "job_zone": [2]}),
    )


def _frame(column, cells):
    return pd.DataFrame({"task": [PHONES, WELD], "onetsoc_code": [CODE, CODE], column: cells})


# 1. bytes in job_zone, task_type and task_id ------------------------------------------------------


@pytest.mark.parametrize("kind, shown, decode", KINDS)
@pytest.mark.parametrize("column, text, rule", CELLS)
def test_a_key_cell_of_bytes_gets_the_advice_of_bytes(kind, shown, decode, column, text, rule):
    cells = [kind(text.encode()), None if kind is bytes else "3" if column == "task_id" else text]
    with pytest.raises(DataFormatError) as info:
        score_tasks(_frame(column, cells), "rubric")
    got = rule.format(shown.format(text))
    assert str(info.value) == f"row 1, column {column!r}: {got}{SAID}{decode.format(c=column)} (or the column's own encoding)"
    df = _frame(column, cells)
    exec(decode.format(c=column), {"df": df})  # what the caller is told to run
    assert str(score_tasks(df, "rubric")[column].tolist()[0]) == text


@pytest.mark.parametrize("column, text, rule", CELLS)
def test_an_arrow_binary_key_column_is_told_to_decode_its_cells(column, text, rule):
    cells = pd.array([text.encode(), b"x"], dtype=pd.ArrowDtype(pa.binary()))
    frame = _frame(column, cells)
    if column == "task_type":  # Arrow reads b'Core' as Core (as before): the second cell is refused
        text = "x"
        want = "row 2, column 'task_type': "
    else:
        want = f"row 1, column {column!r}: "
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    assert str(info.value) == (f"{want}{rule.format(repr(text.encode()))}{SAID}df[{column!r}] = pd.Series("
                               f"df[{column!r}].tolist(), index=df.index).str.decode('utf-8') (or the column's own "
                               "encoding)")  # (.astype(object) until round 78 wave 2: it raised for binary_view)


@pytest.mark.parametrize("column, text, rule", [c for c in CELLS if c[0] != "task_type"])
def test_exposure_score_names_the_file_and_says_to_save_text(tmp_path, capsys, column, text, rule):
    src = tmp_path / "binary.parquet"
    pd.DataFrame({"task": [PHONES], "onetsoc_code": [CODE],
                  column: pd.array([text.encode()], dtype=pd.ArrowDtype(pa.binary()))}).to_parquet(src)
    code, _, err = cli(capsys, "score", src, "-o", tmp_path / "out.csv", "--method", "rubric", "--onet", "none")
    assert code == 2
    assert one_error_line(err, command="score") == (
        f"exposure score: error: {src}, row 1, column {column!r}: {rule.format(repr(text.encode()))}: bytes, "
        "not text: save the column as text (decoded from UTF-8, or from its own encoding)")


# 2. the guess of the key warning -------------------------------------------------------------------


def _flat() -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, WELD], "x": [1, 2]})
    grouped = frame.groupby(["onetsoc_code", "task_id", "task"]).agg({"x": ["sum"]}).reset_index()
    grouped.columns = grouped.columns.to_flat_index()
    return grouped


def _warned(caplog, part):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and part in r.getMessage()]


def test_flattened_key_columns_are_not_called_onets_headers(caplog):
    with caplog.at_level(logging.WARNING):
        score_tasks(_flat(), "rubric", text_column=("task", ""))
        score_rubric(_flat(), text_column=("task", ""), onet=_release())
    said = _warned(caplog, "not read as keys")
    assert len(said) == 2
    for caller, line in zip(("score_tasks", "score_rubric"), said):
        assert line.startswith(f"{caller}: the frame has no 'onetsoc_code' and 'task_id' column but "
                               "('onetsoc_code', ''), ('task_id', '') (column levels flattened to tuples?), "
                               "not read as keys: the rows were scored from their text")
        assert line.endswith("; rename them first (df.rename(columns={('onetsoc_code', ''): 'onetsoc_code', "
                             "('task_id', ''): 'task_id'}))")
    assert not _warned(caplog, "O*NET's headers?")
    caplog.clear()
    frame = pd.DataFrame({"O*NET-SOC Code": [CODE], "Task ID": [1], "Task": [PHONES]})
    with caplog.at_level(logging.WARNING):
        score_tasks(frame, "rubric", text_column="Task")
    said = _warned(caplog, "not read as keys")  # O*NET's headers: said as before
    assert len(said) == 1
    assert "column but 'O*NET-SOC Code', 'Task ID' (O*NET's headers?), not read as keys" in said[0]


# 3. the advice on multi-level column names ---------------------------------------------------------


def test_the_advice_on_multi_level_names_gives_the_names_read():
    frame = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, WELD], "x": [1, 2]})
    grouped = frame.groupby(["onetsoc_code", "task_id", "task"]).agg({"x": ["sum"]}).reset_index()
    with pytest.raises(DataFormatError) as info:
        score_tasks(grouped, "rubric")
    advice = re.search(r"\(e\.g\. (frame\.columns = .*)\)$", str(info.value)).group(1)
    exec(advice, {"frame": grouped})  # what the caller is told to run
    assert list(grouped.columns) == ["onetsoc_code", "task_id", "task", "x_sum"]
    assert score_tasks(grouped, "rubric")["task_id"].tolist() == [1, 2]


# 4. score_rubric on a repeated index -----------------------------------------------------------------


def test_score_rubric_warns_of_a_repeated_index_as_score_tasks_does(caplog):
    frame = pd.DataFrame({"task": [PHONES, WELD, PHONES]}, index=[5, 5, 6])
    with caplog.at_level(logging.WARNING):
        scores = score_rubric(frame)
        score_tasks(frame, "rubric")
    said = _warned(caplog, "index repeats labels")
    tail = ("the frame's index repeats labels (2 row(s); first: 5, rows 1 and 2): the scores are returned row by "
            "row, but df.join(scores) or .loc by that index pairs each repeated label with every row of it (rows "
            "duplicated, scores on other rows); call reset_index() first to join the scores back")
    assert said == [f"score_rubric: {tail}", f"score_tasks: {tail}"]
    assert len(frame.join(scores[["p_e1"]])) == 5  # what the warning says: 5 rows for 3
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        score_rubric(frame.reset_index(drop=True))
    assert not _warned(caplog, "index repeats labels")
