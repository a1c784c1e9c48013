"""Round 56, area ``load``: reading the processed tables and validating tables (``exposure.load``, ``exposure.schemas``).

1. A categorical number column whose categories hold a value no row uses (``"n/a"`` left
   behind when its rows were filtered away; a column read with ``dtype="category"``):
   ``exposure.load("working_time", directory=d)`` of a ``gain`` of 0.5 on every row raised
   pandas' ``TypeError: 'Categorical' with dtype category does not support operation
   'all'`` (a traceback), and with more values ``exposure.load("soc", ...)`` said ``a_mean
   cannot be read as float64 (check coerce_dtype('float64')); ... got text 'category' ...
   got text 'TypeError("Unordered Categoricals ...")'`` of a table whose every cell is a
   number. The pandera coercion converted the categories, the unused ones too, while the
   checks before it read the values. Now the unused categories are dropped before the
   model (:func:`exposure.schemas._base.as_coercible`): the table is read.
2. ``pd.NA`` (or ``NaT``) in an ``object`` column of numbers, as ``pd.DataFrame({"a_mean":
   [1.0, pd.NA]})`` builds it, given to :func:`exposure.schemas.validate`: ``a_mean cannot
   be read as float64 (check coerce_dtype('float64')); 1 more: ... check dtype('float64')``
   for a missing value the field allows, and, where a table-level check reads the column,
   first of all ``column 'SocScores': alpha_ci_low is at most alpha_ci_high; got text
   'TypeError("float() argument must be a string or a real number, not 'NAType'")'``.
   Now read as a missing value: NaN (None in an ``Int64`` column, where ``NaT`` failed
   the same way); a column that may not be missing says ``covered_emp is missing (a value
   is required)``.
3. A table lacking a column that a table-level check reads (a ``task_scores.parquet``
   without ``p_e2``, edited by hand): ``column 'p_e2' is missing (TaskScores requires it);
   3 more: column 'TaskScores': p_e0 + p_e1 + p_e2 = 1 where scored; all three missing
   otherwise; got text 'KeyError("['p_e2'] not in index")' (check
   _probabilities_sum_to_one); ...``: the model named as a column, a Python exception as
   the value. Now the check that could not run is left out: ``column 'p_e2' is missing
   (TaskScores requires it)``.
4. A ``manifest.json`` whose ``sha256`` of a table is no sha256 (``""``, cut short, an
   md5): ``exposure.load(name, directory=d)`` blamed the table, ``this table is not the
   one manifest.json recorded (sha256 67d0f9f66548... instead of ...): it was changed, or
   copied from another run ...``. Now refused as the damaged manifest it is, as a
   ``sha256`` that is no string already was (and as ``exposure diff`` refuses it): ``the
   sha256 of soc_scores.parquet must be the table's sha256, 64 hexadecimal digits, got
   "": the manifest is damaged``. One in capitals is still read.
5. ``exposure.load("Measures")`` (``" measures"``, ``"MEASURES"``) said ``give the table's
   name, 'measures', not its file name``; an unknown name (``load("jobs")``) listed every
   table but ``measures``, which ``load`` takes. Now ``table names are written in lower
   case, without spaces around them: 'measures'`` as for the other tables, and the list
   names ``measures``.
6. The numbers 0 and 1 among True and False in an ``object`` flag column (two frames of
   task scores concatenated, one read with 0/1 flags) given to
   :func:`exposure.schemas.validate`: ``admin cannot be read as boolean (check
   coerce_dtype('boolean')); 1 more: ... got text 'object' (check dtype('boolean'))``,
   naming no row, while :func:`~exposure.schemas._base.check_flags` reads 0 and 1 as
   False and True. Now read so.
"""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pandas as pd
import pytest

import exposure
from exposure._io import write_parquet
from exposure.errors import DataFormatError, ExposureError, SchemaError
from exposure.schemas import OccupationPanel, SectorScores, SocScores, TaskScores, validate


def _soc(**changes) -> pd.DataFrame:
    """Three rows of a valid ``soc_scores`` table; ``changes`` replace whole columns."""
    frame = pd.DataFrame({
        "soc_code": ["11-1011", "11-1021", "13-1020"], "soc_title": ["CEOs", "Managers", "Buyers"],
        "alpha": [0.1, 0.2, 0.3], "beta": [0.2, 0.3, 0.4], "gamma": [0.3, 0.4, 0.5],
        "share_e1": [0.1, 0.2, 0.3], "share_exposed": [0.3, 0.4, 0.5], "share_admin": [0.0, 0.1, 0.2],
        "share_routine_coding": [0.0, 0.0, 0.1], "share_entry_creative": [0.0, 0.0, 0.0],
        "tot_emp": [200000.0, 3000000.0, 500000.0], "a_mean": [250000.0, 130000.0, 80000.0],
        "n_onet": [2, 1, 3], "crosswalk_weight": [1.0, 1.0, 1.0]})
    return frame.assign(**changes)


def _working_time(**changes) -> pd.DataFrame:
    """Two rows of a valid ``working_time`` table (an occupation and a sector)."""
    frame = pd.DataFrame({
        "level": ["soc", "sector"], "code": ["11-1011", "52"], "title": ["CEOs", "Finance"],
        "gain": [0.5, 0.5], "tot_emp": [200000.0, 6000000.0], "covered_emp": [200000.0, 5900000.0],
        "saveable_share": [0.05, 0.08], "saveable_hours": [2.0, 3.2],
        "workers_ge_10": [0.0, 100000.0], "workers_ge_20": [0.0, 0.0]})
    return frame.assign(**changes)


def _tasks(**changes) -> pd.DataFrame:
    """Three rows of a valid ``task_scores`` table."""
    p0, p1, p2 = np.array([0.6, 0.1, 0.2]), np.array([0.3, 0.7, 0.2]), np.array([0.1, 0.2, 0.6])
    frame = pd.DataFrame({
        "onetsoc_code": ["11-1011.00", "11-1011.00", "13-1021.00"],
        "task_id": pd.array([8823, 8824, 9001], dtype="Int64"),
        "task": ["Direct budgets.", "Draft memos.", "Buy supplies."],
        "p_e0": p0, "p_e1": p1, "p_e2": p2, "label": ["E0", "E1", "E2"],
        "alpha": p1, "beta": p1 + 0.5 * p2, "gamma": p1 + p2,
        "admin": pd.array([True, False, True], dtype="boolean"),
        "routine_coding": pd.array([False, False, False], dtype="boolean"),
        "entry_creative": pd.array([False, True, False], dtype="boolean"),
        "method": ["learned"] * 3})
    return frame.assign(**changes)


def _panel(**changes) -> pd.DataFrame:
    """Three rows of a valid ``occupation_panel``."""
    frame = pd.DataFrame({
        "soc_code": ["11-1011"] * 3, "year": [2021, 2022, 2023], "soc_title": ["Chief Executives"] * 3,
        "soc_major": ["11-0000"] * 3, "code_type": ["detailed"] * 3, "tot_emp": [100.0, 110.0, 120.0],
        "a_mean": [1.0, 1.0, 1.0], "a_median": [1.0, 1.0, 1.0], "balanced": [True] * 3})
    return frame.assign(**changes)


def _sectors(**changes) -> pd.DataFrame:
    """Two rows of a valid ``sector_scores`` table."""
    frame = pd.DataFrame({
        "naics": ["11", "52"], "naics_title": ["Agriculture", "Finance"], "level": ["sector", "sector"],
        "alpha": [0.1, 0.3], "beta": [0.2, 0.4], "gamma": [0.3, 0.5], "share_e1": [0.1, 0.3],
        "share_exposed": [0.3, 0.5], "share_admin": [0.1, 0.2], "share_routine_coding": [0.0, 0.1],
        "share_entry_creative": [0.0, 0.0], "tot_emp": [1000.0, 6000.0], "covered_emp": [900.0, 5900.0],
        "coverage": [0.9, 0.98], "exposed_workers": [100.0, 3000.0], "suppressed_cells": [1, 0],
        "suppressed_emp": [10.0, 0.0]})
    return frame.assign(**changes)


# ---------------------------------------------------------------- 1. unused categories

def test_load_reads_a_categorical_number_column_with_an_unused_category(tmp_path):
    """A ``gain`` of 0.5 on every row, categories ``0.5`` and ``n/a``: a pandas TypeError before."""
    table = _working_time(gain=pd.Categorical(["0.5", "0.5"], categories=["0.5", "n/a"]))
    table.to_parquet(tmp_path / "working_time.parquet")  # by pandas: the categories are kept
    assert pd.read_parquet(tmp_path / "working_time.parquet")["gain"].dtype == "category"
    out = exposure.load("working_time", directory=tmp_path)
    assert out["gain"].dtype == np.float64
    assert out["gain"].tolist() == [0.5, 0.5]


def test_load_reads_a_filtered_categorical_wage_column(tmp_path):
    """The rows of ``n/a`` filtered away, the category kept: pandera's words of categories before."""
    wages = pd.Series(["250000.0", "n/a", "130000.0", "80000.0"], dtype="category")
    table = pd.concat([_soc().iloc[:1], _soc().iloc[:1].assign(soc_code="11-1012"), _soc().iloc[1:]],
                      ignore_index=True).assign(a_mean=wages)
    table = table[table["a_mean"] != "n/a"]
    assert "n/a" in table["a_mean"].cat.categories
    table.to_parquet(tmp_path / "soc_scores.parquet")
    out = exposure.load("soc", directory=tmp_path)
    assert out["a_mean"].tolist() == [250000.0, 130000.0, 80000.0]
    assert out["soc_code"].tolist() == ["11-1011", "11-1021", "13-1020"]


@pytest.mark.parametrize("column, values, categories, expected", [
    ("year", ["2021", "2022", "2023"], ["2021", "2022", "2023", "n/a"], [2021, 2022, 2023]),
    ("tot_emp", ["100", "100", "100"], ["100", "not released"], [100.0, 100.0, 100.0]),
])
def test_validate_reads_categorical_numbers_through_their_values(column, values, categories, expected):
    """An ``int`` and a ``float`` column of an occupation panel (``exposure outcomes --panel``)."""
    frame = _panel(**{column: pd.Categorical(values, categories=categories)})
    out = validate(frame, OccupationPanel, path="p.parquet", row_offset=1)
    assert out[column].tolist() == expected


def test_validate_still_names_a_category_in_use_that_is_no_number():
    frame = _panel(tot_emp=pd.Categorical(["100", "n/a", "100"], categories=["100", "n/a"]))
    with pytest.raises(SchemaError, match=r"^p\.parquet, row 2, column 'tot_emp': tot_emp must be a number, "
                                          r"got text 'n/a'$"):
        validate(frame, OccupationPanel, path="p.parquet", row_offset=1)


# ---------------------------------------------------------------- 2. pd.NA in an object column

def test_validate_reads_pd_na_as_a_missing_number():
    frame = _soc(a_mean=pd.Series([250000.0, pd.NA, 80000.0], dtype=object))
    assert frame["a_mean"].dtype == object  # as pd.DataFrame builds [1.0, pd.NA]
    out = validate(frame, SocScores, path="soc_scores.parquet", row_offset=1)
    assert out["a_mean"].dtype == np.float64
    assert out["a_mean"].isna().tolist() == [False, True, False]


def test_validate_reads_pd_na_in_a_column_a_table_check_reads():
    """A bootstrap bound: the table-level check's TypeError came first before."""
    frame = _soc(alpha_ci_low=pd.Series([0.05, pd.NA, 0.2], dtype=object),
                 alpha_ci_high=[0.2, 0.3, 0.4])
    out = validate(frame, SocScores, path="soc_scores.parquet", row_offset=1)
    assert out["alpha_ci_low"].isna().tolist() == [False, True, False]


def test_validate_says_pd_na_is_missing_where_a_value_is_required():
    frame = _sectors(covered_emp=pd.Series([900.0, pd.NA], dtype=object))
    with pytest.raises(SchemaError) as err:
        validate(frame, SectorScores, path="sector_scores.parquet", row_offset=1)
    assert str(err.value) == ("sector_scores.parquet, row 2, column 'covered_emp': covered_emp is missing "
                              "(a value is required)")


@pytest.mark.parametrize("missing", [pd.NaT, np.datetime64("NaT")])
def test_validate_reads_nat_as_a_missing_task_id(missing):
    frame = _tasks(task_id=pd.Series([8823, missing, 9001], dtype=object))
    out = validate(frame, TaskScores, path="task_scores.parquet", row_offset=1)
    assert out["task_id"].dtype == "Int64"
    assert out["task_id"].isna().tolist() == [False, True, False]


# ---------------------------------------------------------------- 3. a column a table check reads is missing

def test_load_names_the_missing_column_alone(tmp_path):
    write_parquet(_tasks().drop(columns=["p_e2"]), tmp_path / "task_scores.parquet")
    with pytest.raises(SchemaError) as err:
        exposure.load("task_scores", directory=tmp_path)
    assert str(err.value) == (f"{tmp_path / 'task_scores.parquet'}, column 'p_e2': column 'p_e2' is missing "
                              "(TaskScores requires it)")


@pytest.mark.parametrize("column", ["label", "task_id"])
def test_validate_tells_no_exception_of_a_table_check(column):
    with pytest.raises(SchemaError) as err:
        validate(_tasks().drop(columns=[column]), TaskScores, path="t.parquet", row_offset=1)
    message = str(err.value)
    assert message == f"t.parquet, column {column!r}: column {column!r} is missing (TaskScores requires it)"
    assert "KeyError" not in message and "column 'TaskScores'" not in message


def test_validate_still_tells_a_table_check_that_fails():
    """The checks that judge the rows are kept: a label that is not the most probable class."""
    with pytest.raises(SchemaError, match=r"^t\.parquet, row 1, column 'label': label is the most probable"):
        validate(_tasks(label=["E1", "E1", "E2"]), TaskScores, path="t.parquet", row_offset=1)


# ---------------------------------------------------------------- 4. a manifest sha256 that is none

def _recompute(tmp_path, sha256) -> None:
    write_parquet(_soc(), tmp_path / "soc_scores.parquet")
    (tmp_path / "manifest.json").write_text(json.dumps({
        "format": 1, "releases": {"onet": "29.1", "oews": "2025"},
        "tables": {"soc_scores.parquet": {"rows": 3, "sha256": sha256}}}))


@pytest.mark.parametrize("sha256, shown", [
    ("", '""'),
    ("67d0f9f66548", '"67d0f9f66548"'),
    ("d41d8cd98f00b204e9800998ecf8427e", '"d41d8cd98f00b204e9800998ecf8427e"'),  # an md5
    ("z" * 64, '"' + "z" * 36 + "..."),
])
def test_load_refuses_a_manifest_sha256_that_is_no_sha256(tmp_path, sha256, shown):
    _recompute(tmp_path, sha256)
    with pytest.raises(DataFormatError) as err:
        exposure.load("soc", directory=tmp_path)
    message = str(err.value)
    assert message.startswith(f"{tmp_path / 'manifest.json'}: the sha256 of soc_scores.parquet must be the "
                              f"table's sha256, 64 hexadecimal digits, got {shown}")
    assert ": the manifest is damaged (pass validate=False to read soc_scores.parquet" in message
    assert "not the one manifest.json recorded" not in message
    assert exposure.load("soc", directory=tmp_path, validate=False)["soc_code"].tolist() == _soc()["soc_code"].tolist()


def test_load_still_reads_a_manifest_sha256_in_capitals(tmp_path):
    _recompute(tmp_path, "")
    digest = hashlib.sha256((tmp_path / "soc_scores.parquet").read_bytes()).hexdigest()
    _recompute(tmp_path, f" {digest.upper()} ")
    assert len(exposure.load("soc", directory=tmp_path)) == 3


# ---------------------------------------------------------------- 5. 'measures' in the table names

@pytest.mark.parametrize("name", ["Measures", " measures", "MEASURES"])
def test_load_says_measures_is_written_in_lower_case(name):
    with pytest.raises(ExposureError) as err:
        exposure.load(name)
    assert str(err.value) == (f"unknown table {name!r}: table names are written in lower case, without spaces "
                              "around them: 'measures'")


def test_load_lists_measures_among_the_tables():
    with pytest.raises(ExposureError) as err:
        exposure.load("jobs")
    assert re.fullmatch(r"unknown table 'jobs'; choose one of measures, occupation_panel, .*, working_time",
                        str(err.value))


# ---------------------------------------------------------------- 6. 0 and 1 among True and False

@pytest.mark.parametrize("cells, expected", [
    ([True, 1.0, 0], [True, True, False]),
    ([np.float64(0.0), True, None], [False, True, None]),
    ([-0.0, np.int64(1), False], [False, True, False]),
])
def test_validate_reads_0_and_1_among_flags(cells, expected):
    frame = _tasks(admin=pd.Series(cells, dtype=object))
    out = validate(frame, TaskScores, path="task_scores.parquet", row_offset=1)
    assert out["admin"].dtype == "boolean"
    assert [None if pd.isna(v) else bool(v) for v in out["admin"]] == expected


def test_validate_still_refuses_another_number_among_flags():
    frame = _tasks(admin=pd.Series([True, 2, False], dtype=object))
    with pytest.raises(SchemaError, match=r"^t\.parquet, row 2, column 'admin': admin must be True or False, got 2$"):
        validate(frame, TaskScores, path="t.parquet", row_offset=1)
