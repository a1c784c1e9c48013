"""Round 23: frames whose columns hold the wrong kind of value (``exposure.schemas.validate``).

Every stage validates its tables through :func:`exposure.schemas.validate`, whose models
coerce each column (``astype``) before they check it. Faults found feeding every model of
:func:`exposure.schemas.all_models` values of the wrong kind:

1. Text that is no whole number in an ``int`` column (an ``occupation_panel`` whose
   ``year`` is the text ``"2021.0"``, ``"1e3"``, ``""``, also in a ``string`` or Arrow
   column): pandera's ``check greater_than_or_equal_to(2000): 'TypeError("'>=' not
   supported between instances of 'str' and 'int'")'`` naming no row, while ``"2021"``
   was accepted. Now ``row 3, column 'year': year must be a whole number written in digits
   only (no decimal point or exponent), got text '2021.0'``.
2. A number with a fraction in an ``int`` column (``year`` 2021.5 in a float, ``Float64``,
   ``float32`` or categorical column; ``n_obs`` 2.7): cut to 2021 and 2 without a word.
   Refused now; in an ``Int64`` column the error named no row and a failure case
   ``nan``.
3. True and False in a number column (``task_id``, a count, ``tot_emp``, a measure): read
   as 1 and 0 (1.0 and 0.0). Refused now.
4. Text Python reads as a number but no table writes one (``"1_000"``, the Arabic-Indic
   digit ``"٣"``, the bytes ``b"3"``): read as 1000 and 3. Refused now, as the file
   readers (``to_number``) refuse them.
5. A whole number of 2**63 or more (a Python int, ``uint64``) in an ``int`` column:
   ``check coerce_dtype('int64'): 9223372036854775808; check dtype('int64')``. Now
   ``must be a whole number of at most 64 bits (below 2**63)``.
6. A complex number in a ``float`` column lost its imaginary part (numpy's
   ComplexWarning only), and a date in a number column became nanoseconds (an event
   study ``year`` accepted as 1619827200000000000). Refused now.
7. A list or a dict in a number column: ``TypeError: unhashable type: 'list'`` from
   pandas. A SchemaError naming the row and column now.
8. A missing value in an ``int`` column that is not nullable: ``check coerce_dtype('int64'):
   nan; ... check dtype('int64'): nan``. Now ``job_zone is missing (a whole number is
   required)``.
9. A column of the model given twice: accepted, both copies kept (whichever the next stage
   picked). Refused now, naming the column.
10. Columns of several levels (a MultiIndex): pandera's ``KeyError``; a dict, a Series or
    None given as the table: ``AttributeError ... 'reset_index'``. A SchemaError now.
11. A nullable ``boolean`` flag (``gpt_3_relevant`` of the Eloundou labels) holding the
    text ``"False"``: ``check coerce_dtype('boolean'): 'False'``; it now reads as the other
    flags' error: ``gpt_3_relevant must be True or False, got text 'False'``.

What stays accepted: ``"2021"``, ``" 7 "`` and 2021.0 in an ``int`` column, text numbers
(``"0.5"``, ``"1e3"``, ``"nan"``) in a ``float`` column, ``Decimal`` values, missing values
where the field is nullable; the fast path (:func:`exposure.schemas._fast.validate_passing`)
and pandera still return the same frame for them.
"""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from exposure._io import write_parquet
from exposure.errors import SchemaError
from exposure.schemas import all_models, validate
from exposure.schemas._fast import validate_passing
from exposure.schemas._labels import EloundouTaskLabels
from exposure.schemas._onet import JobZones, Tasks
from exposure.schemas._outcomes import EventStudyCoefficients, OccupationPanel

#: what text of a whole number with a decimal point or exponent ("2021.0") is told
DIGITS = "a whole number written in digits only (no decimal point or exponent)"


def _panel(**changes) -> pd.DataFrame:
    """Three rows of a valid ``occupation_panel``; ``changes`` replace whole columns."""
    frame = pd.DataFrame({
        "soc_code": ["11-1011", "11-1011", "11-1011"], "year": [2021, 2022, 2023],
        "soc_title": ["Chief Executives"] * 3, "soc_major": ["11-0000"] * 3,
        "code_type": ["detailed"] * 3, "tot_emp": [100.0, 110.0, 120.0],
        "a_mean": [1.0, 1.0, 1.0], "a_median": [1.0, 1.0, 1.0], "balanced": [True] * 3})
    return frame.assign(**changes)


def _events(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "measure": ["beta"], "outcome": ["log_emp"], "spec": ["baseline"], "year": [2021],
        "coef": [0.1], "se": [0.01], "ci_low": [0.0], "ci_high": [0.2], "p_value": [0.5],
        "n_occupations": [10], "n_obs": [30]})
    return frame.assign(**changes)


def _zones(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-2011.00"], "job_zone": [5, 4],
                          "date": ["08/2023", "08/2023"], "domain_source": ["Analyst", "Analyst"]})
    return frame.assign(**changes)


def _refused(frame, model, message, *, path="p.csv", row_offset=2):
    with pytest.raises(SchemaError) as info:
        validate(frame, model, path=path, row_offset=row_offset)
    assert str(info.value) == message
    return info.value


# 1 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [object, "string", "string[pyarrow]"])
def test_text_that_is_no_whole_number_in_an_int_column_names_row_and_column(dtype):
    panel = _panel(year=pd.Series(["2021", "2022", "2023.0"], dtype=dtype))
    err = _refused(panel, OccupationPanel, f"p.csv, row 4, column 'year': year must be {DIGITS}, got text '2023.0'")
    assert (err.row, err.column) == (4, "year")
    assert "TypeError" not in str(err)


@pytest.mark.parametrize("text, why", [("1e3", DIGITS), ("", "a number"),
                                       ("x", "a number"), ("nan", "a whole number"), ("2021.5", "a whole number")])
def test_other_text_in_an_int_column(text, why):
    _refused(_panel(year=["2021", text, "2023"]), OccupationPanel,
             f"p.csv, row 3, column 'year': year must be {why}, got text {text!r}")


# 2 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column", [
    pd.Series([2021.0, 2022.5, 2023.0]),
    pd.Series([2021.0, 2022.5, 2023.0], dtype="float32"),
    pd.Series([2021.0, 2022.5, 2023.0], dtype="Float64"),
    pd.Series([2021.0, 2022.5, 2023.0], dtype="category"),
    pd.Series([2021, 2022.5, 2023], dtype=object),
], ids=["float64", "float32", "Float64", "category", "object"])
def test_a_fraction_in_an_int_column_is_not_cut(column):
    _refused(_panel(year=column), OccupationPanel,
             "p.csv, row 3, column 'year': year must be a whole number, got 2022.5")


def test_a_fraction_in_a_count_and_in_a_nullable_int_column():
    _refused(_events(n_obs=[2.7]), EventStudyCoefficients,
             "p.csv, row 2, column 'n_obs': n_obs must be a whole number, got 2.7")
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "task": ["Plan.", "Lead."],
                          "task_type": ["Core", "Core"], "incumbents_responding": [10.0, 2.5],
                          "date": ["08/2023"] * 2, "domain_source": ["Incumbent"] * 2})
    err = _refused(tasks, Tasks, "p.csv, row 3, column 'incumbents_responding': incumbents_responding must be "
                   "a whole number, got 2.5")
    assert err.row == 3


# 3 ------------------------------------------------------------------------------------------
def test_true_and_false_are_not_numbers():
    _refused(_panel(tot_emp=[100.0, True, 120.0]), OccupationPanel,
             "p.csv, row 3, column 'tot_emp': tot_emp must be a number, got True")
    _refused(_panel(tot_emp=pd.array([True, False, True], dtype="boolean")), OccupationPanel,
             "p.csv, row 2, column 'tot_emp': tot_emp must be a number, got True")
    _refused(_events(n_occupations=[True]), EventStudyCoefficients,
             "p.csv, row 2, column 'n_occupations': n_occupations must be a number, got True")
    _refused(_zones(job_zone=[5, False]), JobZones,
             "p.csv, row 3, column 'job_zone': job_zone must be a number, got False")


def _number_columns(model) -> list[str]:
    return [f.name if f is not None else key for key, (a, f) in model.__fields__.items()
            if a.arg in (int, float, pd.Int64Dtype)]


@pytest.mark.parametrize("name, model", [(n, m) for n, m in all_models().items() if _number_columns(m)])
def test_every_number_column_of_every_model_refuses_a_flag(name, model):
    """The generalised lead: no model reads True as 1 (or 1.0) in any number column."""
    for column in _number_columns(model):
        frame = pd.DataFrame({column: pd.Series([1, True], dtype=object)})
        with pytest.raises(SchemaError) as info:
            validate(frame, model, path="t.csv", row_offset=2)
        message = str(info.value)
        assert message.startswith(f"t.csv, row 3, column '{column}': {column} must be"), message
        assert message.endswith("got True"), message


# 4 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value, shown", [("1_000", "text '1_000'"), ("٣", "text '٣'"), (b"3", "bytes b'3'")])
def test_python_only_number_text_is_refused(value, shown):
    _refused(_panel(tot_emp=pd.Series([100.0, value, 120.0], dtype=object)), OccupationPanel,
             f"p.csv, row 3, column 'tot_emp': tot_emp must be a number, got {shown}")
    _refused(_zones(job_zone=pd.Series([5, value], dtype=object)), JobZones,
             f"p.csv, row 3, column 'job_zone': job_zone must be a number, got {shown}")


# 5 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, shown", [
    (pd.Series([1, 2**63], dtype=object), "9223372036854775808"),
    (pd.Series([1, 2**63], dtype="uint64"), "9223372036854775808"),
    (pd.Series(["1", str(2**63)], dtype=object), "text '9223372036854775808'"),
], ids=["int", "uint64", "text"])
def test_whole_numbers_beyond_64_bits(column, shown):
    _refused(_zones(job_zone=column), JobZones, "p.csv, row 3, column 'job_zone': job_zone must be a whole "
             f"number of at most 64 bits (below 2**63), got {shown}")


# 6 ------------------------------------------------------------------------------------------
def test_complex_numbers_and_dates_are_not_numbers():
    with np.errstate(all="ignore"):
        _refused(_events(coef=[0.1 + 2j]), EventStudyCoefficients,
                 "p.csv, row 2, column 'coef': coef must be a number, got complex (0.1+2j)")
    _refused(_events(year=pd.to_datetime(["2021-05-01"])), EventStudyCoefficients,
             "p.csv, row 2, column 'year': year must be a number, got a date or time (2021-05-01 00:00:00)")


# 7 ------------------------------------------------------------------------------------------
def test_a_list_in_a_number_column_is_a_schema_error():
    _refused(_panel(year=pd.Series([2021, [2022], 2023], dtype=object)), OccupationPanel,
             "p.csv, row 3, column 'year': year must be a number, got list [2022]")
    _refused(_panel(tot_emp=pd.Series([1.0, 2.0, {"n": 3}], dtype=object)), OccupationPanel,
             "p.csv, row 4, column 'tot_emp': tot_emp must be a number, got dict {'n': 3}")


# 8 ------------------------------------------------------------------------------------------
def test_a_missing_whole_number():
    err = _refused(_zones(job_zone=[5.0, np.nan]), JobZones,
                   "p.csv, row 3, column 'job_zone': job_zone is missing (a whole number is required)")
    assert "int64" not in str(err)
    # a nullable int column keeps its missing values
    tasks = pd.DataFrame({"onetsoc_code": ["11-1011.00"], "task_id": [1], "task": ["Plan."], "task_type": [None],
                          "incumbents_responding": [np.nan], "date": ["08/2023"], "domain_source": ["Analyst"]})
    assert validate(tasks, Tasks)["incumbents_responding"].isna().all()


# 9 ------------------------------------------------------------------------------------------
def test_a_column_given_twice_is_refused():
    zones = pd.concat([_zones(), _zones()[["date"]].assign(date=["09/2023", "09/2023"])], axis=1)
    err = _refused(zones, JobZones, "p.csv, column 'date': column 'date' is given 2 times; a table has one "
                   "column of each name")
    assert err.column == "date"


# 10 -----------------------------------------------------------------------------------------
def test_not_a_flat_table():
    zones = _zones()
    stacked = zones.set_axis(pd.MultiIndex.from_tuples([(c, "") for c in zones.columns]), axis=1)
    _refused(stacked, JobZones, "p.csv: the columns have 2 levels (a MultiIndex); JobZones expects one name "
             "per column")
    for thing, kind in ((zones.to_dict("list"), "dict"), (zones.iloc[0], "Series"), (None, "NoneType")):
        _refused(thing, JobZones, f"p.csv: expected a table (a pandas DataFrame) for JobZones, got {kind}")


# 11 -----------------------------------------------------------------------------------------
def test_nullable_boolean_flags_read_as_the_other_flags():
    labels = pd.DataFrame({
        "onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "task": ["Plan.", "Lead."],
        "task_type": ["Core", "Core"], "title": ["Chief Executives"] * 2, "human_exposure_agg": ["E0", "E1"],
        "gpt4_exposure": ["E0", "E1"], "gpt4_exposure_alt_rubric": [None, None],
        "gpt_3_relevant": pd.Series([True, "False"], dtype=object), "gpt4_automation": [None, None]})
    _refused(labels, EloundouTaskLabels, "p.csv, row 3, column 'gpt_3_relevant': gpt_3_relevant must be True "
             "or False, got text 'False'")
    ok = validate(labels.assign(gpt_3_relevant=pd.Series([True, None], dtype=object)), EloundouTaskLabels)
    assert ok["gpt_3_relevant"].isna().tolist() == [False, True]


# CLI: exposure outcomes --panel ---------------------------------------------------------------
def test_outcomes_panel_with_text_years_is_one_line(tmp_path, capsys):
    from exposure.cli import main

    path = write_parquet(_panel(year=["2021", "2022", "2023.0"]), tmp_path / "panel.parquet")
    assert main(["outcomes", "--panel", str(path), "-o", str(tmp_path / "out"), "--no-figures"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"panel.parquet, row 3, column 'year': year must be {DIGITS}, got text '2023.0'" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# what stays accepted -------------------------------------------------------------------------
def _same(frame, model):
    """validate() accepts, and the fast path returns what pandera does."""
    out = validate(frame, model)
    fast = validate_passing(frame.reset_index(drop=True), model)
    slow = model.validate(frame.reset_index(drop=True), lazy=True)
    pd.testing.assert_frame_equal(out, slow, check_exact=True)
    if fast is not None:
        pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    return out


def test_numbers_of_the_right_kind_stay_accepted():
    out = _same(_panel(year=pd.Series(["2021", " 2022 ", 2023.0], dtype=object),
                       tot_emp=pd.Series(["100", "1e3", decimal.Decimal("1.5")], dtype=object),
                       a_mean=pd.Series(["nan", 2, None], dtype=object)), OccupationPanel)
    assert out["year"].tolist() == [2021, 2022, 2023]
    assert out["tot_emp"].tolist() == [100.0, 1000.0, 1.5]
    assert out["a_mean"].isna().tolist() == [True, False, True]
    _same(_zones(job_zone=pd.Series([5, 4], dtype="category")), JobZones)
    _same(_zones(job_zone=pd.array([5, 4], dtype="Int64")), JobZones)
    _same(_zones(job_zone=np.array([5, 4], dtype="uint8")), JobZones)
    _same(_events(n_obs=[2**62], coef=[np.float32(0.5)], year=[np.int16(2021)]), EventStudyCoefficients)


def test_a_model_of_ones_own_keeps_coercing():
    """The checks follow the field's type: a str field is not checked as a number."""
    class Counts(pa.DataFrameModel):
        name: pa.typing.Series[str]
        n: pa.typing.Series[int] = pa.Field(ge=0)

        class Config:
            strict = True
            coerce = True

    out = validate(pd.DataFrame({"name": [1, "b"], "n": ["3", 4.0]}), Counts)
    assert out["n"].tolist() == [3, 4] and out["name"].tolist() == ["1", "b"]
    with pytest.raises(SchemaError, match=r"^Counts, row 1, column 'n': n must be a whole number, got 4\.5$"):
        validate(pd.DataFrame({"name": ["a", "b"], "n": [3, 4.5]}), Counts)
