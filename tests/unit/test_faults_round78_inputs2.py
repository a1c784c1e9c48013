"""Faults of round 78 (inputs, wave 2): Arrow bytes advice, one task-ID rule, repeated and view indexes.

1. The advice on an Arrow column of bytes (``binary``, ``large_binary``, a dictionary of
   them, and the ``binary_view`` of Polars and DuckDB) in a task text, title, O*NET-SOC
   code, task ID or job zone was ``df['task_id'] = df['task_id'].astype(object).str.decode('utf-8')``,
   which raised ``pyarrow.lib.ArrowNotImplementedError: Function 'array_filter' has no
   kernel matching input types (binary_view, bool)`` for ``binary_view``. Now, for every
   Arrow column of bytes: ``...: bytes, not text (from a database driver or a binary
   column?): decode them first, df['task_id'] = pd.Series(df['task_id'].tolist(),
   index=df.index).str.decode('utf-8') (or the column's own encoding)``, which works for
   each of them (the tests run it, then score).
2. ``tag_categories(frame, onet=...)``, ``score_rubric(frame, onet=...)`` and
   ``score_reference`` checked task IDs by a copy of ``score_tasks``' rule of their own:
   a ``memoryview`` ID was shown as ``task ID <memory at 0x7f...> is not an integer``,
   bytes got no advice (``task ID b'1' is not an integer``), a text ID ``"-2"`` was shown
   as ``-2`` (``score_tasks``: ``'-2'``), and a ``datetime64`` column with every cell
   missing was refused as ``task ID NaT is not an integer`` (``score_tasks`` reads it as no
   IDs). Now one rule (:func:`exposure.scoring._inputs.check_task_ids`), the message of
   ``score_tasks``: ``row 1, column 'task_id': task ID memoryview(b'1') is not an integer:
   bytes, not text (...): decode them first, df['task_id'] = df['task_id'].map(lambda v:
   bytes(v).decode('utf-8') if isinstance(v, memoryview) else v) (or the column's own
   encoding)``. ``score_tasks(..., "reference")`` of such a ``NaT`` column raised ``row 1,
   column 'task_id': task ID -9223372036854775808 is negative; O*NET task IDs are 0 or
   more``; now the rows get no label, as rows without a task ID do. Task IDs of a
   dictionary-encoded Arrow ``binary`` column passed ``score_tasks`` and came out as
   bytes (``task_id`` ``b'1'``); now refused as bytes are, with the advice of 1.
3. ``score_reference``, ``tag_categories`` and ``explain_categories`` on a frame whose
   index repeats a label returned their result under that index without a word, where
   ``score_tasks`` and ``score_rubric`` warn (``df.join(result)`` gives each row of the
   label the result of every row of it). Now one warning each, in the same words
   (:func:`exposure.scoring._inputs.warn_repeated_index`): ``score_reference: the frame's
   index repeats labels (2 row(s); first: 5, rows 1 and 2): the scores are returned row by
   row, ...``, ``tag_categories: ... the tags are returned row by row, but df.join(tags)
   or .loc by that index pairs each repeated label with every row of it (rows duplicated,
   tags on other rows); call reset_index() first to join the tags back``.
4. An index of Arrow ``string_view`` labels (``df.set_index("id")`` of a Polars or DuckDB
   column): ``score_tasks`` raised ``ArrowNotImplementedError: Function 'array_take' has
   no kernel matching input types (string_view, int64)`` and ``score_rubric``
   ``NotImplementedError: string_view`` from inside pandas. Now the index is read as
   ``large_string`` (:func:`exposure.scoring._inputs.plain_index`): the scores are those of
   the same frame with a plain index (and a repeated label is warned of). An index of
   lists (unhashable labels) raised ``TypeError: unhashable type: 'list'`` out of
   ``score_tasks`` and ``score_rubric`` (the repeated-index check); now scored.
5. An occupation title of a numpy scalar (``np.int64(5)`` in an object column, a sparse
   column) was refused as ``got int64 5`` (``got float64 1.0``); now ``got int 5``, as a
   Python number is.
6. ``score_rubric(frame, onet=...)`` of a frame with task IDs but no code column, or with its
   codes under another name (``onet_code``), scored the rows from their text alone without
   a word, where ``score_tasks`` and the tagger warn. Now the warnings of ``score_tasks``,
   in its own name: ``score_rubric: no 'onetsoc_code' column: the task IDs of 'task_id'
   (2 row(s)) are not read, as the O*NET release's work activities are keyed by onetsoc_code and
   task_id, so the rows were scored from their text alone; add the rows' O*NET-SOC codes
   as a column 'onetsoc_code' to have them scored with those O*NET tasks' work
   activities``; ``score_rubric: the column 'onet_code' holds O*NET-SOC codes (first:
   '43-4171.00') but is not read: ...``.
"""

from __future__ import annotations

import logging
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks
from exposure.scoring.categories import explain_categories, tag_categories
from exposure.scoring.reference import score_reference
from exposure.scoring.rubric import score_rubric

CODE = "43-4171.00"
PHONES = "Answer telephones and relay messages."
WELD = "Weld pipes on site."
SAID = ": bytes, not text (from a database driver or a binary column?): decode them first, "
LABELS = pd.DataFrame({"onetsoc_code": [CODE, CODE], "task_id": [1, 2], "task": [PHONES, WELD],
                       "human_exposure_agg": ["E1", "E0"]})


def _release() -> SimpleNamespace:
    return SimpleNamespace(
        task_dwas=pd.DataFrame({"onetsoc_code": [CODE], "task_id": [1], "dwa_id": ["4.A.4.a.2.I03.D01"]}),
        dwas=pd.DataFrame({"dwa_id": ["4.A.4.a.2.I03.D01"], "iwa_id": ["4.A.4.a.2.I03"]}),
    )


def _frame(**columns) -> pd.DataFrame:
    base = {"task": [PHONES, WELD], "onetsoc_code": [CODE, CODE], "task_id": ["1", "2"],
            "title": ["Receptionists", "Welders"], "job_zone": ["2", "2"]}
    return pd.DataFrame({**base, **columns})


def _warned(caplog, part):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and part in r.getMessage()]


# 1. the advice on an Arrow column of bytes --------------------------------------------------------

ARROW_BYTES = {
    "binary": lambda cells: pa.array(cells, type=pa.binary()),
    "large_binary": lambda cells: pa.array(cells, type=pa.large_binary()),
    "binary_view": lambda cells: pa.array(cells, type=pa.binary_view()),
    "dictionary": lambda cells: pa.array(cells, type=pa.binary()).dictionary_encode(),
}
RULES = {
    "task": "task text must be a non-empty string, got {}",
    "title": "occupation title must be text or missing, got {}",
    "onetsoc_code": "O*NET-SOC code {} is not of the form 00-0000.00 (e.g. 11-1011.00)",
    "task_id": "task ID {} is not an integer",
    "job_zone": "job zone must be a whole number from 1 to 5, got {}",
}


@pytest.mark.parametrize("kind", list(ARROW_BYTES))
@pytest.mark.parametrize("column", list(RULES))
def test_the_advice_on_an_arrow_column_of_bytes_runs(kind, column):
    plain = _frame()[column].tolist()
    frame = _frame(**{column: pd.arrays.ArrowExtensionArray(ARROW_BYTES[kind]([v.encode() for v in plain]))})
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame, "rubric")
    advice = f"df[{column!r}] = pd.Series(df[{column!r}].tolist(), index=df.index).str.decode('utf-8')"
    assert str(info.value) == (f"row 1, column {column!r}: {RULES[column].format(repr(plain[0].encode()))}{SAID}"
                               f"{advice} (or the column's own encoding)")
    exec(advice, {"df": frame, "pd": pd})  # what the caller is told to run
    assert frame[column].tolist() == plain
    pd.testing.assert_frame_equal(score_tasks(frame, "rubric"), score_tasks(_frame(), "rubric"))


def test_the_tagger_gives_the_same_advice_on_a_binary_view_title():
    frame = _frame(title=pd.arrays.ArrowExtensionArray(pa.array([b"Receptionists", None], type=pa.binary_view())))
    with pytest.raises(DataFormatError) as info:
        tag_categories(frame)
    advice = "df['title'] = pd.Series(df['title'].tolist(), index=df.index).str.decode('utf-8')"
    assert str(info.value).endswith(f"{SAID}{advice} (or the column's own encoding)")
    exec(advice, {"df": frame, "pd": pd})
    assert tag_categories(frame).equals(tag_categories(_frame(title=["Receptionists", None])))


# 2. one rule of task IDs ------------------------------------------------------------------------

def _callers(frame):
    return {"score_tasks": lambda: score_tasks(frame, "rubric"),
            "tag_categories": lambda: tag_categories(frame, onet=_release()),
            "explain_categories": lambda: explain_categories(frame, onet=_release()),
            "score_rubric": lambda: score_rubric(frame, onet=_release()),
            "score_reference": lambda: score_reference(frame, LABELS)}


@pytest.mark.parametrize("ids, message", [
    ([memoryview(b"1"), 2], "row 1, column 'task_id': task ID memoryview(b'1') is not an integer" + SAID
     + "df['task_id'] = df['task_id'].map(lambda v: bytes(v).decode('utf-8') if isinstance(v, memoryview) else v)"
       " (or the column's own encoding)"),
    ([b"1", 2], "row 1, column 'task_id': task ID b'1' is not an integer" + SAID
     + "df['task_id'] = df['task_id'].map(lambda v: v.decode('utf-8') if isinstance(v, bytes) else v)"
       " (or the column's own encoding)"),
    ([1, bytearray(b"2")], "row 2, column 'task_id': task ID bytearray(b'2') is not an integer" + SAID
     + "df['task_id'] = df['task_id'].map(lambda v: v.decode('utf-8') if isinstance(v, bytearray) else v)"
       " (or the column's own encoding)"),
    (["1", "-2"], "row 2, column 'task_id': task ID '-2' is negative; O*NET task IDs are 0 or more"),
])
def test_every_scorer_and_the_tagger_refuse_task_ids_by_one_rule(ids, message):
    frame = _frame(task_id=pd.Series(ids, dtype=object))
    for name, call in _callers(frame).items():
        with pytest.raises(DataFormatError) as info:
            call()
        assert str(info.value) == message, name


def test_a_task_id_column_of_missing_dates_is_no_ids(caplog):
    frame = _frame(task_id=pd.to_datetime([None, None]))
    for name, call in _callers(frame).items():
        call()  # refused as "task ID NaT is not an integer" by three, read as no IDs by score_tasks
    scored = score_tasks(frame, "reference", labels=LABELS)  # was: task ID -9223372036854775808 is negative
    assert scored["task_id"].isna().all() and scored["label"].isna().all()
    assert score_reference(frame, LABELS).isna().all().all()


def test_dictionary_encoded_bytes_are_not_task_ids():
    ids = pd.arrays.ArrowExtensionArray(pa.array([b"1", b"2"]).dictionary_encode())
    with pytest.raises(DataFormatError, match=re.escape(
            "row 1, column 'task_id': task ID b'1' is not an integer: bytes")):
        score_tasks(_frame(task_id=ids), "rubric")  # was scored, task_id b'1' in the output


# 3. the repeated-index warning of every scorer and the tagger --------------------------------------

@pytest.mark.parametrize("caller, call, what", [
    ("score_reference", lambda f: score_reference(f, LABELS), "scores"),
    ("tag_categories", tag_categories, "tags"),
    ("explain_categories", explain_categories, "tags"),
])
def test_a_repeated_index_is_warned_of_by_each(caplog, caller, call, what):
    frame = _frame().set_axis([5, 5])
    with caplog.at_level(logging.WARNING):
        out = call(frame)
    assert out.index.tolist() == [5, 5]
    assert _warned(caplog, "index repeats labels") == [
        f"{caller}: the frame's index repeats labels (2 row(s); first: 5, rows 1 and 2): the {what} are returned "
        f"row by row, but df.join({what}) or .loc by that index pairs each repeated label with every row of it "
        f"(rows duplicated, {what} on other rows); call reset_index() first to join the {what} back"]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        call(frame.set_axis([5, 6]))
    assert not _warned(caplog, "index repeats labels")


# 4. an index of string_view labels, or of lists ---------------------------------------------------

def test_an_index_of_string_view_labels_is_read(caplog):
    view = pd.Index(pd.arrays.ArrowExtensionArray(pa.array(["a", "a"], type=pa.string_view())))
    frame = _frame().set_axis(view)
    plain = _frame().set_axis(["a", "a"])
    with caplog.at_level(logging.WARNING):
        scored = score_tasks(frame, "rubric")
        rubric = score_rubric(frame)
        tags = tag_categories(frame)
    said = [m.split(":")[0] for m in _warned(caplog, "index repeats labels")]
    assert said == ["score_tasks", "score_rubric", "tag_categories"]
    assert scored.index.dtype == view.dtype  # the caller's index, as given
    pd.testing.assert_frame_equal(scored.reset_index(drop=True), score_tasks(plain, "rubric").reset_index(drop=True))
    pd.testing.assert_frame_equal(rubric.reset_index(drop=True), score_rubric(plain).reset_index(drop=True))
    assert tags.reset_index(drop=True).equals(tag_categories(plain).reset_index(drop=True))


def test_an_index_of_lists_is_scored():
    frame = _frame().set_axis(pd.Index([[1], [1]], dtype=object))
    assert score_tasks(frame, "rubric")["label"].tolist() == score_tasks(_frame(), "rubric")["label"].tolist()
    assert len(score_rubric(frame)) == 2 and len(tag_categories(frame)) == 2


# 5. a title of a numpy scalar -----------------------------------------------------------------------

@pytest.mark.parametrize("titles, got", [
    (pd.Series([np.int64(5), "Welders"], dtype=object), "int 5"),
    (pd.arrays.SparseArray([1.0, np.nan]), "float 1.0"),
])
def test_a_numpy_title_is_named_as_a_number(titles, got):
    for call in (tag_categories, lambda f: score_tasks(f, "rubric")):
        with pytest.raises(DataFormatError) as info:
            call(_frame(title=titles))
        assert str(info.value) == f"row 1, column 'title': occupation title must be text or missing, got {got}"


# 6. score_rubric on task IDs it does not read -------------------------------------------------------

def test_score_rubric_warns_of_task_ids_without_codes(caplog):
    frame = pd.DataFrame({"task": [PHONES, WELD], "task_id": [1, 2]})
    with caplog.at_level(logging.WARNING):
        score_rubric(frame, onet=_release())
        score_rubric(frame)  # without onet no key is read: nothing said
    said = _warned(caplog, "score_rubric: ")
    assert said == ["score_rubric: no 'onetsoc_code' column: the task IDs of 'task_id' (2 row(s)) are not read, as "
                    "the O*NET release's work activities are keyed by onetsoc_code and "
                    "task_id, so the rows were scored from their text alone; add the rows' O*NET-SOC codes as a "
                    "column 'onetsoc_code' to have them scored with those O*NET tasks' work activities"]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        score_rubric(frame.assign(onet_code=[CODE, CODE]), onet=_release())
    assert _warned(caplog, "score_rubric: ") == [
        f"score_rubric: the column 'onet_code' holds O*NET-SOC codes (first: {CODE!r}) but is not read: the "
        "occupation is read from a column 'onetsoc_code' only, so the rows were scored as if they had none; name "
        "the column 'onetsoc_code' to have it read"]
