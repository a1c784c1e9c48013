"""Round 79 (onetspeed): the fast paths of ``load_onet`` and of the ``TaskScores`` checks.

No check, frame, error or warning changed: each fast path computes what the slow way did,
in less time (``load_onet("29.1")``: about 35 ms of CPU less; ``exposure score`` on the
18,796 tasks of O*NET 29.1: about 0.17 s less). These tests give inputs a wrong fast path
would get wrong and compare with the slow reference (the old code, kept here) or the exact
error message. They pass on the old source too (the behaviour is unchanged): they pin the
sameness, not a fault.

1. ``exposure.onet._check_header_again`` judges each distinct cell of a column once
   (``_per_value``: the codes of ``Task Statements`` are 923 in 18,796 rows).
2. ``exposure.onet._number`` looks for scientific notation in a ``Task ID`` only when a cell
   holds an ``e`` or ``E`` (``_has_e``).
3. ``exposure.onet._all_found`` numbers the key columns of both frames by value
   (``pandas.factorize``) instead of building sets of Python tuples.
4. ``exposure.onet._emerging_contradiction`` leaves out the statements without an ID at once
   and reads the columns as lists.
5. ``exposure.onet._check_repeats`` numbers the key columns by value first (``_no_repeat``)
   and asks ``first_repeat_of`` (rows joined as text) only when a repeat may be there.
6. ``exposure.onet._months`` (the ``Date`` check) and ``_check_filled`` (``n/a`` or blank
   text) judge each distinct cell once (``_per_value``), as item 1.
7. ``TaskScores``: ``_measures_follow_probabilities`` and ``label_is_most_probable`` work
   on arrays (the labels of a text column compared with each label: ``_label_codes``);
   ``_unique_keys`` skips ``duplicated`` on the key pair when no task ID is repeated.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from exposure import onet
from exposure._measures import EXPOSURE_MEASURES, LABEL_LEVELS, LABELS
from exposure._tables import RawTable, first_repeat_of
from exposure.errors import DataFormatError, SchemaError
from exposure.schemas import _scores as scores_module
from exposure.schemas._scores import TaskScores

HEADER = "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"


def _new(module, name: str):
    """A helper of the new source (the tests of behaviour run on the old source too)."""
    if not hasattr(module, name):
        pytest.skip(f"{module.__name__}.{name} is not in this source")
    return getattr(module, name)


def _task_rows(n: int, codes: int = 3, start: int = 1000) -> list[str]:
    return [f"11-10{11 + i % codes}.00\t{start + i}\tDo thing {i}.\tCore\t10\t08/2023\tAnalyst\n"
            for i in range(n)]


# 1. the header repeated, in a column of repeated values (judged once per value)

@pytest.mark.parametrize("again", [
    "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n",
    "\ufeffo*net-soc  CODE \tTask ID\t TASK\ttask type\tIncumbents Responding\tDate\tDomain  Source\n",
])
def test_a_header_repeated_among_repeated_codes_is_refused_on_its_row(tmp_path, again):
    rows = _task_rows(150)
    rows.insert(100, again)
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        onet.read_tasks(path)
    assert err.value.reason == ("the header is repeated on row 102 (two files joined into one?): "
                                "remove that row")
    assert err.value.row == 102


def test_a_row_matching_the_header_in_its_first_column_alone_is_read(tmp_path):
    rows = _task_rows(150)
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert len(onet.read_tasks(path)) == 150


def _is_head_reference(cells: pd.Series, head: str) -> np.ndarray:
    cells = (cells.astype(str).str.lstrip("\ufeff").str.replace(r"\s+", " ", regex=True)
             .str.strip().str.lower())
    return (cells == head).to_numpy(dtype=bool, na_value=False)


@pytest.mark.parametrize("dtype", ["str", "string", object])
def test_per_value_judges_as_the_whole_column(dtype):
    values = ["Task ID", " task  id", "\ufeffTASK ID", "1", None, "Task\tID", "Task IDs", "task id "]
    rng = np.random.default_rng(0)
    cells = pd.Series(rng.choice(np.array(values, dtype=object), 500), dtype=dtype)
    cells.iloc[[3, 7]] = None
    judge = lambda c: _is_head_reference(c, "task id")  # noqa: E731
    per_value = _new(onet, "_per_value")
    got = per_value(cells, judge)
    assert got.tolist() == judge(cells).tolist()
    assert got.any() and not got.all()
    picked = cells.iloc[np.arange(100, 400, 3)]  # a column read at some rows only (a non-range index)
    assert per_value(picked, judge).tolist() == judge(picked).tolist()


# 2. a Task ID in scientific notation, the only e in the file

@pytest.mark.parametrize("cell", ["2.07E+04", "2e4", "1.5 e 3"])
def test_a_task_id_in_scientific_notation_is_still_refused(tmp_path, cell):
    rows = _task_rows(120)
    rows[90] = f"11-1011.00\t{cell}\tApprove budgets.\tCore\t10\t08/2023\tAnalyst\n"
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows).replace("thing", "work"), encoding="utf-8")
    with pytest.raises(DataFormatError) as err:
        onet.read_tasks(path)
    assert err.value.reason == (f"Task ID {cell!r} is in scientific notation, which rounds an ID to another "
                                "task's: write the ID in full (format the cells as numbers without decimals "
                                "or as text)")
    assert err.value.row == 92


@pytest.mark.parametrize(("cells", "has"), [(["1", None, "2"], False), (["1", "e"], True), (["E"], True),
                                            ([None, None], False), ([], False)])
def test_has_e(cells, has):
    has_e = _new(onet, "_has_e")
    assert has_e(pd.Series(cells, dtype="str")) is has
    assert has_e(pd.Series(cells, dtype=object)) is True  # not text: look


# 3. keys found: each column found alone, the pair not

def _all_found_reference(child, cols, parent, pcols) -> bool:
    if len(cols) == 1:
        return bool(child[cols[0]].isin(parent[pcols[0]]).all())
    return bool(pd.MultiIndex.from_frame(child[cols]).isin(pd.MultiIndex.from_frame(parent[pcols])).all())


@pytest.mark.parametrize("id_dtype", ["int64", "Int64", "str"])
def test_all_found_matches_pandas(id_dtype):
    parent = pd.DataFrame({"code": pd.Series(["a", "b", "a", "c"], dtype="str"),
                           "id": pd.Series([1, 1, 2, 3]).astype(id_dtype)})
    cases = {
        "all there": parent.iloc[[3, 0, 0, 1]],
        "each column found, the pair not": pd.DataFrame({"code": pd.Series(["b"], dtype="str"),
                                                         "id": pd.Series([2]).astype(id_dtype)}),
        "empty": parent.iloc[:0],
    }
    for name, child in cases.items():
        for cols in (["code", "id"], ["id"], ["code"]):
            got = onet._all_found(child, cols, parent, cols)
            assert got == _all_found_reference(child, cols, parent, cols), (name, cols)
    assert not onet._all_found(cases["all there"], ["code", "id"], parent.iloc[:0], ["code", "id"])
    missing = onet._missing_reference(cases["each column found, the pair not"], ["code", "id"], parent,
                                      ["code", "id"])
    assert missing == (1, 0, ("b", 2 if id_dtype != "str" else "2"))


@pytest.mark.parametrize(("child_ids", "found"), [([7, 8], True), ([8, 9], False), ([9, 7], False)])
def test_all_found_matches_pandas_with_nullable_and_plain_ids(child_ids, found):
    parent = pd.DataFrame({"onetsoc_code": pd.Series(["a", "a", "b"], dtype="str"), "task_id": [7, 8, 9]})
    child = pd.DataFrame({"onetsoc_code": pd.Series(["a", "a"], dtype="str"),
                          "original_task_id": pd.array(child_ids, dtype="Int64")})
    cols, pcols = ["onetsoc_code", "original_task_id"], ["onetsoc_code", "task_id"]
    assert _all_found_reference(child, cols, parent, pcols) is found
    assert onet._all_found(child, cols, parent, pcols) is found
    assert onet._all_found(parent, pcols, child, cols) is False
    missing = onet._missing_reference(child, cols, parent, pcols)
    assert missing is None if found else missing == (1, child_ids.index(9), ("a", 9))


# 5. repeated keys

def test_a_repeated_task_among_many_is_refused_naming_both_rows(tmp_path):
    rows = _task_rows(150)
    rows[120] = rows[30].replace("Do thing", "Do other thing")
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(path)
    assert err.value.reason == ("(O*NET-SOC Code, Task ID) = (11-1011.00, 1030) is on row 32 and again on row "
                                "122, with other values: keep one row per occupation and task (check "
                                "multiple_fields_uniqueness)")


@pytest.mark.parametrize(("a", "b", "repeat"), [
    (["x\x1fy", "x", "q"], ["z", "y\x1fz", "r"], (1, 0)),  # joined as text, both 'x\x1fy\x1fz'
    (["x", "x", "x"], [None, "n/a", "y"], (1, 0)),  # missing as 'n/a'
    (["x", "x", "y"], ["1", "2", "1"], None),  # each column repeated, no pair
])
def test_no_repeat_as_first_repeat_of(a, b, repeat):
    frame = pd.DataFrame({"a": pd.Series(a, dtype="str"), "b": pd.Series(b, dtype="str")})
    assert first_repeat_of(frame, ["a", "b"], "n/a") == repeat
    no_repeat = _new(onet, "_no_repeat")
    assert no_repeat(frame, ["a", "b"], "n/a") is (repeat is None)
    raw = RawTable(frame, Path("t.txt"), 2, {"a": "A", "b": "B"})
    if repeat is None:
        onet._check_repeats(frame, raw, ["a", "b"], "pair")
    else:
        with pytest.raises(SchemaError, match=r"is on row 2 and again on row 3"):
            onet._check_repeats(frame, raw, ["a", "b"], "pair")


# 6. dates and missing text among repeated values

@pytest.mark.parametrize(("old", "new", "message"), [
    ("08/2023", "8/2023", "Date must be a month written MM/YYYY (like 08/2023), got '8/2023': a date a "
     "spreadsheet or R rewrote? write '08/2023', as O*NET does: take the file from O*NET again, and import "
     "that column as Text if you open it in a spreadsheet"),
    ("08/2023", "01/1900", "Date '01/1900' is before"),
    ("Analyst", "n/a", "Domain Source is missing (the cell is 'n/a'): every row needs one"),
    ("Analyst", "  ", "Domain Source is missing (the cell is '  '): every row needs one"),
])
def test_a_bad_cell_among_repeated_values_is_refused_on_its_row(tmp_path, old, new, message):
    rows = _task_rows(150)
    rows[140] = rows[140].replace(f"\t{old}", f"\t{new}")
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        onet.read_tasks(path)
    assert err.value.reason.startswith(message)
    assert err.value.row == 142


def test_repeated_months_are_read_as_before(tmp_path):
    rows = [r.replace("08/2023", f"{1 + i % 12:02d}/20{10 + i % 7}") for i, r in enumerate(_task_rows(200))]
    path = tmp_path / "Task Statements.txt"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    dates = onet.read_tasks(path)["date"]
    assert dates.tolist() == [f"{1 + i % 12:02d}/20{10 + i % 7}" for i in range(200)]


# 4. emerging tasks against statements, some without an ID

def test_emerging_contradiction_skips_statements_without_an_id():
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 3, "task_id": pd.array([None, 7, 8], dtype="Int64"),
                          "task": ["Approve budgets.", "Hire staff.", "Plan work."]})
    emerging = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"],
                             "task": ["Approve  budgets.", "Set goals."],
                             "original_task_id": pd.array([None, 8], dtype="Int64"),
                             "original_task": [None, "Plan  the work."]})
    e = pd.DataFrame()
    release = onet.OnetRelease("x", e, tasks, e, e, e, e, emerging)
    pos, column, reason = onet._emerging_contradiction(release, "tasks")
    assert (pos, column) == (1, "original_task")
    assert reason.startswith("'Plan  the work.' is not the text of task 8 of 11-1011.00 in tasks, 'Plan work.'")
    tasks.loc[1, "task"] = "Approve budgets."  # with an ID now: the first emerging task is a statement
    assert onet._emerging_contradiction(onet.OnetRelease("x", e, tasks, e, e, e, e, emerging), "tasks")[:2] == (
        0, "task")


def test_emerging_contradiction_names_ids_of_an_object_column_as_plain_values():
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": pd.Series([np.int64(7)], dtype=object),
                          "task": ["Hire staff."]})
    emerging = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task": ["Hire  staff."],
                             "original_task_id": pd.array([None], dtype="Int64"), "original_task": [None]})
    e = pd.DataFrame()
    _, _, reason = onet._emerging_contradiction(onet.OnetRelease("x", e, tasks, e, e, e, e, emerging), "tasks")
    assert reason.startswith("'Hire  staff.' of 11-1011.00 is already task 7 of tasks")


# 7. the TaskScores checks against the code they replace

def _measures_reference(df):
    p = df[["p_e0", "p_e1", "p_e2"]].astype(float).to_numpy()
    out = pd.Series(True, index=df.index)
    for j, col in enumerate(EXPOSURE_MEASURES):
        expected = pd.Series(p @ LABEL_LEVELS[:, j], index=df.index)
        got = df[col].astype(float)
        out &= (got.isna() & expected.isna()) | (np.abs(got - expected) <= 1e-6)
    return out


def _label_reference(df):
    p = df[["p_e0", "p_e1", "p_e2"]].astype(float).to_numpy()
    scored = ~np.isnan(p).any(axis=1)
    unscored = np.isnan(p).all(axis=1)
    given = df["label"].notna().to_numpy(dtype=bool)
    codes = pd.Categorical(df["label"], categories=list(LABELS)).codes
    where = np.where(codes >= 0, codes, np.nan)
    ok = np.ones(len(df), dtype=bool)
    ok[unscored] = ~given[unscored]
    hit = scored & given & ~np.isnan(where)
    rows = np.flatnonzero(hit)
    top = p[rows].max(axis=1) if len(rows) else np.array([])
    ok[scored] = False
    ok[rows] = p[rows, where[rows].astype(int)] >= top - 1e-6
    ok[scored & given & np.isnan(where)] = True
    return pd.Series(ok, index=df.index)


def _unique_reference(df):
    known = df["onetsoc_code"].notna() & df["task_id"].notna()
    return ~(df[["onetsoc_code", "task_id"]].duplicated(keep=False) & known)


def _scores(n: int, seed: int, label_dtype) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet([1, 1, 1], n)
    p[rng.random(n) < 0.1] = np.nan  # unscored rows
    part = rng.random(n) < 0.05
    p[part, 1] = np.nan  # partly missing
    p[rng.random(n) < 0.1, 2] = p[0, 2]  # ties
    p[:4] = [[0.5, 0.5, 0.0], [0.5, 0.5 - 5e-7, 5e-7], [0.4, 0.4 + 2e-6, 0.2 - 2e-6], [1 / 3, 1 / 3, 1 / 3]]
    labels = np.array(["E0", "E1", "E2", None, "E3", "e1", ""], dtype=object)
    label = pd.Series(rng.choice(labels, n, p=[0.25, 0.25, 0.25, 0.1, 0.05, 0.05, 0.05]), dtype=label_dtype)
    alpha, beta, gamma = (p @ LABEL_LEVELS).T
    alpha = np.where(rng.random(n) < 0.05, alpha + 2e-6, alpha)
    gamma = np.where(rng.random(n) < 0.05, np.nan, gamma)
    ids = rng.integers(0, n // 3, n)
    codes = rng.choice(np.array(["11-1011.00", "11-1021.00", None], dtype=object), n, p=[0.45, 0.45, 0.1])
    return pd.DataFrame({"onetsoc_code": pd.Series(codes, dtype="str"),
                         "task_id": pd.array(np.where(rng.random(n) < 0.1, None, ids), dtype="Int64"),
                         "p_e0": p[:, 0], "p_e1": p[:, 1], "p_e2": p[:, 2], "label": label,
                         "alpha": alpha, "beta": beta, "gamma": gamma})


@pytest.mark.filterwarnings("ignore:Constructing a Categorical")
@pytest.mark.parametrize("label_dtype", ["str", "string", object, "category"])
@pytest.mark.parametrize("seed", [0, 1])
def test_task_score_checks_match_the_code_they_replace(label_dtype, seed):
    df = _scores(3000, seed, label_dtype)
    assert TaskScores._measures_follow_probabilities(df).equals(_measures_reference(df))
    got = TaskScores.label_is_most_probable(df)
    assert got.equals(_label_reference(df))
    assert got.any() and not got.all()
    assert TaskScores._unique_keys(df).equals(_unique_reference(df))
    assert not _unique_reference(df).all()


def test_unique_keys_with_each_task_id_of_one_occupation():
    df = pd.DataFrame({"onetsoc_code": pd.Series(["11-1011.00", "11-1021.00", None, "11-1011.00"], dtype="str"),
                       "task_id": pd.array([1, 1, 2, 2], dtype="Int64")})
    assert TaskScores._unique_keys(df).tolist() == _unique_reference(df).tolist() == [True] * 4
    df.loc[2, "onetsoc_code"] = "11-1011.00"  # (11-1011.00, 2) twice
    assert TaskScores._unique_keys(df).tolist() == _unique_reference(df).tolist() == [True, True, False, False]


@pytest.mark.filterwarnings("ignore:Constructing a Categorical")
def test_label_codes_as_categorical():
    label_codes = _new(scores_module, "_label_codes")
    for dtype in ("str", "string", object):
        labels = pd.Series(["E2", None, "E0", "e1", "E1", ""], dtype=dtype)
        assert label_codes(labels).tolist() == pd.Categorical(labels, categories=list(LABELS)).codes.tolist()
    assert label_codes(pd.Series([], dtype="str")).tolist() == []


def test_header_again_in_a_raw_table_of_repeated_codes(tmp_path):
    f = pd.DataFrame({"code": ["11-1011.00"] * 70 + ["O*NET-SOC Code"], "date": ["08/2023"] * 70 + ["Date"]},
                     dtype="str")
    with pytest.raises(DataFormatError) as err:
        onet._check_header_again(RawTable(f, tmp_path / "t.txt", 2, {"code": "O*NET-SOC Code", "date": "Date"}))
    assert (err.value.reason, err.value.row, err.value.column) == (
        "the header is repeated on row 72 (two files joined into one?): remove that row", 72, "O*NET-SOC Code")


@pytest.mark.parametrize("label_dtype", ["str", "string", object])
def test_label_check_warns_as_before(label_dtype, recwarn):
    df = _scores(500, 3, label_dtype)
    _label_reference(df)
    before = [(w.category, str(w.message)) for w in recwarn.list]
    recwarn.clear()
    TaskScores.label_is_most_probable(df)
    assert [(w.category, str(w.message)) for w in recwarn.list] == before
    assert before  # "E3", "e1" and "" are no labels: pandas warns of them
    clean = df.assign(label=df["label"].where(df["label"].isin(list(LABELS))))
    recwarn.clear()
    assert TaskScores.label_is_most_probable(clean).equals(_label_reference(clean))
    assert not recwarn.list
