"""Round 79 (speed of the O*NET path of scoring and of ``exposure score``): the fast paths agree with the slow ones.

The speed work (1-7) changed no output, warning or error; each fast path is fed here the inputs a wrong one
would get wrong (missing cells of every kind, empty strings, mixed types, Arrow and
numpy dtypes, repeated keys, a non-default index) and compared with the slow reference
(the code it skips, kept here or still run for the other inputs) or with the exact
message. These tests pass on the old source too (the behaviour is the same), but those of 8 and 9.

1. ``remembered`` hashed every release frame cell by cell
   (:func:`pandas.util.hash_pandas_object`: 25 ms for O*NET 29.1's ``tasks`` at each
   ``score_tasks`` call). Now a column of Arrow text or numbers, numpy numbers or pandas'
   masked numbers is hashed from its memory (SHA-256 of its Arrow buffers, 2-4 ms);
   other columns as before. An edit in place is still seen (the look-up is built again).
2. ``signalling_nan`` looked at every cell of every task-ID column (after converting an
   integer column to objects). Now numpy and text columns are not looked at, and an object
   column whose cells are all of plain types (str, int, float, None, ...) is told so in one
   pass in C.
3. ``is_missing`` asked pandas of every cell; text, integers and floats are now answered
   directly, as pandas answers.
4. ``norm_task_ids`` of numpy integers writes them with Arrow; an Arrow text column whose
   every cell is already a canonical ID (ASCII digits, no leading zero) is returned as read.
5. ``task_id_numbers`` of a numpy integer column returns ``pd.to_numeric`` at once (the
   checks of fractions, booleans and 2**53 cannot find anything there).
6. ``_check_unique_keys`` of numpy integer IDs under text codes tells "no repeat" with
   pandas (``duplicated`` of the factorized codes and the IDs), not a Python set of tuples;
   a repeat is still named by the loop, in the same words.
7. ``_check_surrogates`` copies the text column only when a cell is not text.
8. (A fault found on the way.) The fingerprint of a frame with an object column read a cell
   as its text (:func:`pandas.util.hash_pandas_object`): a frame given to ``remembered``
   (a release's ``tasks``, the labels of ``reference``) whose cell ``1`` was edited in place
   to ``"1"`` (or ``True`` to ``"True"``) had the same fingerprint, so the look-up built
   before the edit was reused. Now the type of each cell of an object column is hashed too:
   ``test_fingerprint_tells_equal_from_unequal_cells[object mixed]`` fails on the old source.
9. Which cells are no task ID was decided twice: by ``_inputs._first_untyped_id`` (the
   scorers and the tagger, through ``check_task_ids``) and by ``_tables._not_task_id``
   (the readers and roll-ups, through ``task_id_numbers``), which disagreed on a ``NaT``
   among other IDs (``row 2, column 'task_id': task ID NaT is not an integer`` for the
   scorers; missing for the readers), on Arrow times and numpy bytes (``check_task_ids``
   fell through to the readers' words: ``datetime.time(1, 2) is a time of day, not a task
   ID (an integer, like 8823)``; ``task ID b'7' is not an integer: bytes, not text (from a
   database driver or a binary column?): decode them first`` without the advice) and on
   categories of dates (``task_id_numbers``: ``task ID datetime.date(2020, 1, 1) is not an
   integer``). Now one function, :func:`exposure._tables.first_not_task_id` (with
   :func:`exposure._tables.not_task_id_dtype`), that both call, each in its own words: a
   ``NaT`` among IDs is missing for both (``score_tasks`` scores that row as one without
   a task ID); ``check_task_ids`` says ``task ID datetime.time(1, 2) is not an integer`` and
   gives bytes its advice; ``task_id_numbers`` says ``datetime.date(2020, 1, 1) is a date,
   not a task ID (an integer, like 8823)`` of categories too. An interval keeps ``task ID
   Interval(0, 1, closed='right') is not an integer`` in both.
"""

from __future__ import annotations

import datetime
import decimal
import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from exposure._tables import norm_task_id, norm_task_ids, signalling_nan, task_id_numbers
from exposure.errors import DataFormatError
from exposure.scoring import _check_surrogates, _check_unique_keys, score_tasks
from exposure.scoring._inputs import (
    _fingerprint,
    check_task_ids,
    frames_unchanged,
    is_missing,
    remembered,
)

# -- 1. fingerprints of release frames ------------------------------------------------

def _columns():
    """Columns of every kind, each with a twin that differs in one cell (or only in missing-ness)."""
    return {
        "arrow text, missing vs empty": (pd.Series(["a", None, "c"], dtype="string[pyarrow]"),
                                         pd.Series(["a", "", "c"], dtype="string[pyarrow]")),
        "str (nan) vs 'nan'": (pd.Series(["a", None], dtype="str"), pd.Series(["a", "nan"], dtype="str")),
        "large_string arrow": (pd.Series(["x", "y"], dtype=pd.ArrowDtype(pa.large_string())),
                               pd.Series(["x", "z"], dtype=pd.ArrowDtype(pa.large_string()))),
        "int64 numpy": (pd.Series([1, 2, 3]), pd.Series([1, 2, 4])),
        "float numpy, nan vs 0": (pd.Series([1.0, np.nan]), pd.Series([1.0, 0.0])),
        "Int64 masked, NA vs 0": (pd.Series([1, pd.NA], dtype="Int64"), pd.Series([1, 0], dtype="Int64")),
        "boolean masked": (pd.Series([True, pd.NA], dtype="boolean"), pd.Series([True, False], dtype="boolean")),
        "arrow int, null vs 0": (pd.Series([1, None], dtype="int64[pyarrow]"), pd.Series([1, 0], dtype="int64[pyarrow]")),
        "datetime64": (pd.Series(pd.to_datetime(["2020-01-01", None])), pd.Series(pd.to_datetime(["2020-01-01", "2020-01-02"]))),
        "object mixed": (pd.Series(["a", 1, None], dtype=object), pd.Series(["a", "1", None], dtype=object)),
        "category": (pd.Series(["a", "b"], dtype="category"), pd.Series(["a", "a"], dtype="category")),
    }


@pytest.mark.parametrize("name", list(_columns()))
def test_fingerprint_tells_equal_from_unequal_cells(name):
    a, b = _columns()[name]
    assert _fingerprint(a.to_frame("c")) == _fingerprint(a.copy(deep=True).to_frame("c"))
    assert _fingerprint(a.to_frame("c")) != _fingerprint(b.to_frame("c"))


def test_fingerprint_of_a_slice_and_of_chunks():
    whole = pd.DataFrame({"c": pd.Series(["a", "b", "c", "d"], dtype="string[pyarrow]")})
    # a slice (an Arrow offset into the same buffers) is its own cells, not the parent's
    assert _fingerprint(whole.iloc[1:3]) != _fingerprint(whole.iloc[0:2])
    assert _fingerprint(whole.iloc[1:3]) == _fingerprint(whole.iloc[1:3].copy(deep=True))
    chunked = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["a", "b"], ["c", "d"]], type=pa.large_string())))
    other = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["a", "b"], ["c", "e"]], type=pa.large_string())))
    assert _fingerprint(chunked.to_frame("c")) != _fingerprint(other.to_frame("c"))


def test_fingerprint_sees_in_place_edits_of_every_kind():
    frame = pd.DataFrame({"onetsoc_code": pd.Series(["11-1011.00", "11-1011.00"], dtype="str"),
                          "task_id": [1, 2], "n": pd.Series([5, pd.NA], dtype="Int64"),
                          "task": pd.Series(["Weld.", "Type."], dtype="string[pyarrow]")})
    prints = [_fingerprint(frame)]
    for column, value in (("task", "Sew."), ("task_id", 3), ("n", 6), ("onetsoc_code", "11-1011.01"), ("n", pd.NA)):
        frame.loc[1, column] = value
        prints.append(_fingerprint(frame))
    assert len(set(prints)) == len(prints)
    assert _fingerprint(frame) == _fingerprint(frame.copy(deep=True))
    # another index (not read by any look-up) is the same frame; another column name is not
    assert _fingerprint(frame) == _fingerprint(frame.set_axis([7, 8]))
    assert _fingerprint(frame) != _fingerprint(frame.rename(columns={"n": "m"}))


def test_fingerprint_of_unhashable_cells_and_repeated_names():
    lists = pd.DataFrame({"a": [[1], [2]]})
    assert _fingerprint(lists) != _fingerprint(lists)  # built at every call, as before
    twice = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert _fingerprint(twice) == _fingerprint(twice.copy()) != _fingerprint(pd.DataFrame([[1, 3]], columns=["a", "a"]))


def test_remembered_rebuilds_after_an_edit_of_an_arrow_column():
    frame = pd.DataFrame({"task": pd.Series(["Weld pipes."], dtype="string[pyarrow]")})
    first = remembered("round79_speedcli", (frame,), lambda: ["first"])
    assert remembered("round79_speedcli", (frame,), lambda: ["again"]) is first
    frame.loc[0, "task"] = "Type letters."
    assert remembered("round79_speedcli", (frame,), lambda: ["edited"]) == ["edited"]
    with frames_unchanged():
        assert remembered("round79_speedcli", (frame,), lambda: ["x"]) == ["edited"]


def test_other_task_rows_read_an_edited_release():
    """The statements look-up of a release whose (Arrow) ``tasks`` were edited in place is built again."""
    from types import SimpleNamespace

    from exposure.scoring._inputs import other_task_rows
    onet = SimpleNamespace(tasks=pd.DataFrame({
        "onetsoc_code": pd.Series(["43-4171.00"], dtype="str"), "task_id": [2],
        "task": pd.Series(["Greet visitors at the front desk."], dtype="str")}))
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00"], "task_id": [2], "task": ["Drive a forklift in the warehouse."]})
    assert other_task_rows(frame, frame["task"].tolist(), onet).tolist() == [True]
    onet.tasks.loc[0, "task"] = "Drive a forklift in the warehouse."
    assert other_task_rows(frame, frame["task"].tolist(), onet).tolist() == [False]
    onet.tasks.loc[0, "task"] = "Greet visitors at the front desk."
    assert other_task_rows(frame, frame["task"].tolist(), onet).tolist() == [True]


# -- 2. signalling NaN ----------------------------------------------------------------

class _MyDecimal(decimal.Decimal):
    pass


def _snan_reference(cells):
    values = cells.to_numpy(dtype=object) if isinstance(cells, (pd.Series, pd.Index)) else np.asarray(cells)
    if values.dtype != object:
        return None
    found = [pos for pos, v in enumerate(values) if isinstance(v, decimal.Decimal) and v.is_snan()]
    return found[0] if found else None


SNAN = decimal.Decimal("sNaN")


@pytest.mark.parametrize("cells", [
    pd.Series([1, 2, 3]), pd.Series([1.0, np.nan]), pd.Series(["7", None], dtype="str"),
    pd.Series([7, None], dtype="Int64"), pd.Series(["7", None], dtype="string[pyarrow]"),
    pd.Series(["7", 8, 9.0, None, pd.NA, pd.NaT, True, np.float64("nan"), np.int64(3)], dtype=object),
    pd.Series(["7", SNAN], dtype=object), pd.Series([SNAN, 7], dtype=object),
    pd.Series([7, _MyDecimal("sNaN")], dtype=object), pd.Series([7, decimal.Decimal("NaN")], dtype=object),
    pd.Series([decimal.Decimal("1"), decimal.Decimal("2")], dtype=object).astype("category"),
    pd.Series([7, SNAN], dtype=object, index=[10, 20]), pd.Index([7, SNAN], dtype=object), pd.Index([1, 2]),
    [7, SNAN], np.array([7, SNAN], dtype=object), np.array([1, 2]), pd.Series([], dtype=object),
    pd.Series([decimal.Decimal("1.5")], dtype=pd.ArrowDtype(pa.decimal128(5, 2))),
])
def test_signalling_nan_fast_path_agrees(cells):
    assert signalling_nan(cells) == _snan_reference(cells)


def test_signalling_nan_is_still_refused_naming_its_row():
    assert signalling_nan(pd.Series([decimal.Decimal("1"), SNAN], dtype=object)) == 1
    with pytest.raises(DataFormatError, match=r"^row 3, column 'task_id': task ID Decimal\('sNaN'\) is not an integer$"):
        task_id_numbers(pd.Series([7, 8, SNAN], dtype=object))


# -- 3. is_missing ----------------------------------------------------------------------

class _Text(str):
    pass


class _Number(float):
    pass


def _missing_reference(value) -> bool:
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return isinstance(missing, (bool, np.bool_)) and bool(missing)


@pytest.mark.parametrize("value", [
    "", "x", " ", "nan", "NaN", "None", _Text(""), 0, -1, 2**70, True, False, np.True_, 1.5, float("nan"),
    float("inf"), -float("inf"), np.float64("nan"), np.float32("nan"), np.int64(3), _Number("nan"), _Number(1),
    None, pd.NA, pd.NaT, np.datetime64("NaT"), np.timedelta64("NaT"), decimal.Decimal("NaN"), b"", [None], (None,),
    datetime.date(2020, 1, 1), complex("nan+0j"),
])
def test_is_missing_fast_path_agrees(value):
    assert is_missing(value) is _missing_reference(value)


# -- 4. norm_task_ids -------------------------------------------------------------------

@pytest.mark.parametrize("column", [
    pd.Series(np.array([0, -1, 2**63 - 1, -2**63], dtype="int64")), pd.Series(np.array([0, 2**64 - 1], dtype="uint64")),
    pd.Series(np.array([5, -3], dtype="int8")), pd.Series(np.array([7, 8], dtype="int32"), index=[4, 4]),
    pd.Series([], dtype="int64"), pd.Series([7, None], dtype="Int64"), pd.Series([7, 8], dtype="int64[pyarrow]"),
    pd.Series(["7", "10", "0", "123456789012345678901234567890"], dtype="string[pyarrow]"),
    pd.Series(["07", "7"], dtype="string[pyarrow]"), pd.Series(["00"], dtype="str"), pd.Series(["7", None], dtype="str"),
    pd.Series(["7", pd.NA], dtype="string[pyarrow]"), pd.Series([" 7", "7 "], dtype="str"),
    pd.Series(["\u0663", "\uff17", "7\u00a0"], dtype="str"), pd.Series(["", "7"], dtype="str"),
    pd.Series(["+7", "-7", "7.0", "1e3", "9_0"], dtype="str"), pd.Series(["7", "8"], dtype="string[python]"),
    pd.Series(["7", 8, 9.0, None, "08"], dtype=object), pd.Series([], dtype="str"),
    pd.Series(["7", "8"], dtype=pd.ArrowDtype(pa.string())), pd.Series([b"7"], dtype=pd.ArrowDtype(pa.binary())),
])
def test_norm_task_ids_fast_paths_agree(column):
    assert norm_task_ids(column) == [norm_task_id(v) for v in column.tolist()]


# -- 5. task_id_numbers of numpy integers ----------------------------------------------

@pytest.mark.parametrize("ids", [
    pd.Series(np.array([8823, 0, 2**63 - 1], dtype="int64"), index=[5, 5, 9], name="task_id"),
    pd.Series(np.array([1, 2], dtype="int8")), pd.Series(np.array([1, 2], dtype="int32"), name="x"),
    pd.Series([], dtype="int64"),
])
def test_task_id_numbers_of_numpy_integers(ids):
    got = task_id_numbers(ids)
    pd.testing.assert_series_equal(got, pd.to_numeric(ids.astype(object)).astype(ids.dtype))
    pd.testing.assert_series_equal(check_task_ids(ids), got)


def test_task_ids_still_refused_beside_the_fast_path():
    with pytest.raises(DataFormatError, match=r"^row 2, column 'task_id': task ID -1 is negative; O\*NET task IDs "
                                              r"are 0 or more$"):
        check_task_ids(pd.Series(np.array([7, -1], dtype="int64")))
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task_id': task ID 18446744073709551615 is not an "
                                              r"integer that fits in 64 bits$"):
        task_id_numbers(pd.Series(np.array([2**64 - 1], dtype="uint64")))
    with pytest.raises(DataFormatError, match=r"^row 1, column 'task_id': task ID True is not an integer$"):
        task_id_numbers(pd.Series([True, False]))


# -- 6. repeated keys ------------------------------------------------------------------

def _unique_message(frame):
    try:
        _check_unique_keys(frame, path="in.csv", row_offset=2)
    except DataFormatError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("codes, ids", [
    (["11-1011.00", "11-1011.00", "11-1011.00"], [7, 8, 7]),
    (["11-1011.00", None, None], [7, 7, 7]),                 # missing codes are no key
    (["11-1011.00", "11-1011.01", "11-1011.00"], [7, 7, 8]),
    (["", "", "11-1011.00"], [7, 7, 7]),                     # an empty code is a key (refused elsewhere)
    (["11-1011.00", "11-1011.00 ", "11-1011.00"], [7, 7, 9]),
    (["a", "b", "a", "b"], [1, 1, 2, 1]),
    ([], []),
])
@pytest.mark.parametrize("code_dtype", ["str", "string[pyarrow]", "string[python]", object])
@pytest.mark.parametrize("id_dtype", ["int64", "uint64", "int32"])
def test_unique_keys_fast_path_names_the_same_repeat(codes, ids, code_dtype, id_dtype):
    frame = pd.DataFrame({"onetsoc_code": pd.Series(codes, dtype=code_dtype),
                          "task_id": pd.Series(ids, dtype=id_dtype)}).set_axis([10 * i + 3 for i in range(len(ids))])
    slow = frame.assign(onetsoc_code=frame["onetsoc_code"].astype(object), task_id=frame["task_id"].astype(object))
    assert _unique_message(frame) == _unique_message(slow)


def test_unique_keys_message():
    frame = pd.DataFrame({"onetsoc_code": pd.Series(["11-1011.00", "11-1011.00"], dtype="str"), "task_id": [7, 7]})
    assert _unique_message(frame) == "in.csv, row 3, column 'task_id': duplicate task key (11-1011.00, 7), first on row 2"


# -- 7. lone surrogates --------------------------------------------------------------

@pytest.mark.parametrize("values", [
    ["Weld.", "Sew \udc80."], ["Weld.", None, "Sew \udc80."], [b"x", "Sew \udc80."], ["Weld.", 7],
    ["Caf\u00e9.", "\ud83d"], ["Weld.", ""], ["Caf\u00e9.", "Weld.", "x\udc80", "\udcff"], ["Caf\u00e9.", "\u00e9"],
])
def test_surrogate_check_with_cells_not_text(values):
    frame = pd.DataFrame({"task": pd.Series(values, dtype=object), "title": pd.Series(values, dtype=object)})
    checked = [v for v in values if isinstance(v, str) and v]  # texts as task_texts gives them (all text)
    for texts in ([], [v if isinstance(v, str) else "" for v in values]) + (([*checked],) if len(checked) == len(values)
                                                                             else ()):
        try:
            _check_surrogates(frame, "task", "title", texts, row_offset=2)
        except DataFormatError as exc:
            message = str(exc)
        else:
            message = None
        bad = [i for i, v in enumerate(values) if isinstance(v, str) and not v.encode("utf-8", "surrogatepass")
               .decode("utf-8", "ignore") == v]
        if bad:
            assert message is not None and message.startswith(f"row {bad[0] + 2}, column 'task': task text holds ")
        else:
            assert message is None


# -- the whole call, on inputs of every kind --------------------------------------------

def test_score_tasks_same_errors_on_mixed_keys(caplog):
    frame = pd.DataFrame({"onetsoc_code": pd.Series(["11-1011.00", "11-1011.00", None], dtype="str"),
                          "task_id": np.array([7, 7, 7], dtype="int64"),
                          "task": ["Plan budgets.", "Plan budgets.", "Weld."]}).set_axis([5, 6, 7])
    with pytest.raises(DataFormatError) as info:
        score_tasks(frame)
    assert str(info.value) == "row 2, column 'task_id': duplicate task key (11-1011.00, 7), first on row 1 (index 6)"
    ok = frame.assign(task_id=np.array([7, 8, 7], dtype="int64"))
    with caplog.at_level(logging.WARNING, logger="exposure"):
        out = score_tasks(ok)
    assert out["task_id"].tolist() == [7, 8, 7] and out.index.tolist() == [5, 6, 7]


# -- 9. one rule of which cells are no task ID ------------------------------------------

def _refused_row(call, ids):
    """The row ``call`` refuses (1-based), or the positions it reads as missing."""
    try:
        numbers = call(ids, path="f.csv")
    except DataFormatError as exc:
        return ("refused", exc.row)
    return ("missing", [i for i, v in enumerate(numbers.tolist()) if pd.isna(v)])


TWIN_CASES = {
    "NaT among IDs": pd.Series([7, pd.NaT], dtype=object),
    "numpy NaT among IDs": pd.Series([7, np.datetime64("NaT"), np.timedelta64("NaT")], dtype=object),
    "NaT then text": pd.Series([pd.NaT, "x"], dtype=object),
    "NaT then a date": pd.Series([pd.NaT, datetime.date(2020, 1, 1)], dtype=object),
    "dates, every one missing": pd.Series(pd.to_datetime([None, None])),
    "a date column": pd.Series(pd.to_datetime([None, "2020-01-01"])),
    "Arrow dates": pd.Series([None, datetime.date(2020, 1, 1)], dtype=pd.ArrowDtype(pa.date32())),
    "Arrow times": pd.Series([datetime.time(1, 2)], dtype=pd.ArrowDtype(pa.time64("us"))),
    "Arrow nulls of timestamps": pd.Series([None, None], dtype="timestamp[ns][pyarrow]"),
    "categories of dates": pd.Series([datetime.date(2020, 1, 1), 7], dtype=object).astype("category"),
    "intervals": pd.Series(pd.arrays.IntervalArray.from_breaks([0, 1, 2])),
    "an interval among IDs": pd.Series([7, pd.Interval(0, 1)], dtype=object),
    "numpy bytes": pd.Series(np.array([b"7", b"8"])),
    "bytes among IDs": pd.Series([7, b"8"], dtype=object),
    "complex": pd.Series([7, 2 + 0j], dtype=object),
    "periods": pd.Series(pd.period_range("2020", periods=2, freq="Y")),
    "plain": pd.Series(["7", 8, None], dtype=object),
}


@pytest.mark.parametrize("name", list(TWIN_CASES))
def test_scorers_and_readers_refuse_the_same_cells(name):
    ids = TWIN_CASES[name]
    assert _refused_row(check_task_ids, ids) == _refused_row(task_id_numbers, ids)


def test_nat_among_task_ids_is_missing_for_the_scorers():
    # was: row 2, column 'task_id': task ID NaT is not an integer (the readers read it as missing)
    assert check_task_ids(pd.Series([7, pd.NaT], dtype=object)).tolist()[0] == 7
    assert pd.isna(check_task_ids(pd.Series([7, pd.NaT], dtype=object)).tolist()[1])
    frame = pd.DataFrame({"onetsoc_code": ["43-4171.00", "43-4171.00"],
                          "task_id": pd.Series([np.int64(7), pd.NaT], dtype=object),
                          "task": ["Answer telephones and relay messages.", "Greet visitors at the desk."]})
    out = score_tasks(frame)
    assert out["task_id"].tolist()[0] == 7 and pd.isna(out["task_id"].tolist()[1])


@pytest.mark.parametrize("ids, message", [
    # was: datetime.time(1, 2) is a time of day, not a task ID (an integer, like 8823) (the readers' words)
    (pd.Series([datetime.time(1, 2)], dtype=pd.ArrowDtype(pa.time64("us"))),
     "f.csv, row 1, column 'task_id': task ID datetime.time(1, 2) is not an integer"),
    # was: ...: bytes, not text (from a database driver or a binary column?): decode them first (no advice)
    (pd.Series(np.array([b"7"])), "f.csv, row 1, column 'task_id': task ID b'7' is not an integer: bytes, not text: "
                                  "save the column as text (decoded from UTF-8, or from its own encoding)"),
    (pd.Series([7, pd.Interval(0, 1)], dtype=object),
     "f.csv, row 2, column 'task_id': task ID Interval(0, 1, closed='right') is not an integer"),
])
def test_scorers_say_their_own_words(ids, message):
    with pytest.raises(DataFormatError) as info:
        check_task_ids(ids, path="f.csv")
    assert str(info.value) == message


@pytest.mark.parametrize("ids, message", [
    # was: task ID datetime.date(2020, 1, 1) is not an integer (the categories were not looked at)
    (pd.Series([datetime.date(2020, 1, 1), 7], dtype=object).astype("category"),
     "f.csv, row 1, column 'task_id': datetime.date(2020, 1, 1) is a date, not a task ID (an integer, like 8823)"),
    (pd.Series([7, pd.Interval(0, 1)], dtype=object),  # as before
     "f.csv, row 2, column 'task_id': task ID Interval(0, 1, closed='right') is not an integer"),
    (pd.Series([7, pd.NaT, datetime.time(3, 4)], dtype=object),  # as before
     "f.csv, row 3, column 'task_id': datetime.time(3, 4) is a time of day, not a task ID (an integer, like 8823)"),
])
def test_readers_say_their_own_words(ids, message):
    with pytest.raises(DataFormatError) as info:
        task_id_numbers(ids, path="f.csv")
    assert str(info.value) == message
