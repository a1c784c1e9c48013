"""Fault round 65: the published measures and ``exposure.measures.compare``.

1. ``anthropic.anthropic_to_soc(usage, collaboration, matches)`` with ``matches`` holding a
   match twice (two match tables concatenated, ``pd.concat([m, m])``) or a task's matches
   given ``split`` 1 each (a hand-built table): each task's usage was counted once per
   row, without a word (``anthropic_usage`` 0.6 and 0.4 for tasks of 0.5 in all). Now
   refused, naming the row that takes the task's splits past 1: ``matches, row 4, column
   'split': the splits of task 'a' add up to 2 (rows 1 and 4), more than 1: its usage
   would count 2 times; ...``.
2. ``anthropic.read_task_collaboration`` on a file whose ``pct`` header is written in
   another case (``PCT``, as every other column of the file may be: ``Task_Name``,
   ``Directive`` were read): the column was not read, and ``usage_share`` came out missing
   on every row, without a word (``anthropic_to_soc`` then said the file had no ``pct``
   column). Now read, as the other headers are.
3. ``compare(loaded={"a": frame})`` (and ``coverage(frame, ...)``) of a measure whose
   ``attrs`` give one count only: ``n_source`` 10 alone on a measure of 5 codes gave a
   coverage of 5 codes matched of 10 and a ``match_rate`` of 0.1 (1 of 10; ``coverage``
   said 0.5); ``n_matched`` 4 alone raised pandera's ``measure coverage, row 0, column
   'match_rate': match_rate must be at most 1, got 4.0``; ``n_source`` 3 alone on 5 codes
   gave ``coverage`` a match rate of 1.67. Now a count not given is the measure's codes,
   for the counts and the match rate alike (0.5 and 0.8, in both functions), and a count
   given alone that makes more codes matched than sources is refused: ``measure
   'a'.attrs: n_matched (5: not given, the codes of the measure) is more than n_source
   (3); give both counts``.
4. ``weighted_pearson`` / ``weighted_spearman`` given a complex number (the real part was
   correlated, with numpy's ``ComplexWarning`` only), or a Series of dates or durations
   (correlated as counts of nanoseconds, without a word), while ``correlations`` refuses
   them all (``not a number: Timestamp('2020-01-01 00:00:00')``). Now refused as a
   boolean is: ``x must be a list of numbers (or an array, a Series), got (0.9+1j) at
   position 1: a complex number is not a number``.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from _frames import COLLAB, write_csv

from exposure.errors import DataFormatError
from exposure.measures import anthropic
from exposure.measures import compare as cmp

# 1. splits of a task adding up to more than 1


def _matches() -> pd.DataFrame:
    return pd.DataFrame({"task_name": ["a", "b", "b"], "onetsoc_code": ["11-1011.00", "11-1011.03", "11-1021.00"],
                         "task_id": ["1", "2", "3"], "split": [1.0, 0.5, 0.5]})


_USAGE = pd.DataFrame({"task_name": ["a", "b"], "usage_share": [0.1, 0.4]})


def test_matches_as_match_tasks_gives_them_are_aggregated_as_before():
    out = anthropic.anthropic_to_soc(_USAGE, None, _matches())
    assert out["soc_code"].tolist() == ["11-1011", "11-1021"]
    assert out["anthropic_usage"].round(12).tolist() == [0.3, 0.2]


def test_matches_concatenated_twice_are_refused():
    with pytest.raises(DataFormatError, match=r"^matches, row 4, column 'split': the splits of task 'a' add up "
                                              r"to 2 \(rows 1 and 4\), more than 1: its usage would count 2 times"):
        anthropic.anthropic_to_soc(_USAGE, None, pd.concat([_matches(), _matches()]))


def test_matches_of_split_one_each_are_refused():
    collab = pd.DataFrame({"task_name": ["a", "b"], "automation": [1.0, 0.0], "augmentation": [0.0, 1.0],
                           "usage_share": [0.1, 0.4]})
    with pytest.raises(DataFormatError, match=r"^matches, row 3, column 'split': the splits of task 'b' add up "
                                              r"to 2 \(rows 2 and 3\)"):
        anthropic.anthropic_to_soc(None, collab, _matches().assign(split=1.0))


def test_splits_of_thirds_adding_up_to_one_pass():
    m = pd.DataFrame({"task_name": ["c"] * 3, "onetsoc_code": ["11-1011.00", "11-1021.00", "13-1021.00"],
                      "split": [1 / 3] * 3})
    out = anthropic.anthropic_to_soc(pd.DataFrame({"task_name": ["c"], "usage_share": [0.3]}), None, m)
    assert out["anthropic_usage"].sum() == pytest.approx(0.3, abs=1e-15)


def test_matches_filtered_to_some_occupations_pass():
    out = anthropic.anthropic_to_soc(_USAGE, None, _matches().iloc[:2])  # splits below 1: a subset
    assert out["anthropic_usage"].round(12).tolist() == [0.3]


# 2. the pct of a collaboration file in another case


@pytest.mark.parametrize("header", ["PCT", "Pct", " pct "])
def test_collaboration_pct_in_another_case_is_read(tmp_path, header):
    text = COLLAB.replace("pct", header) + "a.,0.5,0.1,0.1,0.2,0.1,0,0.01\nb.,0,0,0,1,0,0,0.02\n"
    out = anthropic.read_task_collaboration(write_csv(tmp_path, text, "c.csv"))
    assert out["usage_share"].tolist() == [0.01, 0.02]


def test_collaboration_headers_all_in_capitals_give_the_usage():
    text = COLLAB.upper() + "A.,0.5,0.1,0.1,0.2,0.1,0,0.01\n"
    out = anthropic.read_task_collaboration(io.StringIO(text))
    assert out["usage_share"].tolist() == [0.01]
    matches = pd.DataFrame({"task_name": ["A."], "onetsoc_code": ["11-1011.00"], "split": [1.0]})
    soc = anthropic.anthropic_to_soc(None, out, matches)  # was: "collaboration has no usage_share"
    assert soc["anthropic_automation"].tolist() == [0.6]


def test_collaboration_pct_twice_in_two_cases_is_refused(tmp_path):
    text = COLLAB.replace("\n", ",PCT\n") + "a.,0.5,0.1,0.1,0.2,0.1,0,0.01,0.02\n"
    with pytest.raises(DataFormatError, match=r"c\.csv, row 1, column 'pct': given more than once "
                                              r"\(columns 8 and 9, written 'pct' and 'PCT'\): keep one$"):
        anthropic.read_task_collaboration(write_csv(tmp_path, text, "c.csv"))


def test_collaboration_without_pct_still_gives_a_missing_usage():
    text = COLLAB.replace(",pct", "") + "a.,0.5,0.1,0.1,0.2,0.1,0\n"
    assert anthropic.read_task_collaboration(io.StringIO(text))["usage_share"].isna().all()


# 3. one count in attrs


_EMP = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1120", "13-2011"],
                     "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0, 100.0]})
_CODES = ["11-1011", "15-1252", "43-9021", "53-3032", "13-2011"]


def _measure(**attrs) -> pd.DataFrame:
    a = pd.DataFrame({"soc_code": _CODES, "a": [0.3, 0.9, 0.8, 0.1, 0.5]})
    a.attrs.update(attrs)
    return a


def _coverage_of_a(a: pd.DataFrame) -> dict:
    b = pd.DataFrame({"soc_code": _CODES, "b": [0.2, 0.7, 0.9, 0.1, 0.4]})
    cov = cmp.compare(measures=[], employment=_EMP, loaded={"a": a, "b": b}).coverage
    return cov.set_index("measure").loc["a"].to_dict()


@pytest.mark.parametrize(("attrs", "source", "matched"), [
    ({"n_source": 10}, 10, 5), ({"n_matched": 4}, 5, 4), ({"n_source": 10, "n_matched": 4}, 10, 4), ({}, 5, 5)])
def test_a_count_not_given_is_the_measure_codes_for_the_match_rate_too(attrs, source, matched):
    row = _coverage_of_a(_measure(**attrs))
    assert (row["source_codes"], row["matched_codes"]) == (source, matched)
    assert row["match_rate"] == matched / source  # was 0.1 for n_source 10 alone; n_matched alone: SchemaError
    c = cmp.coverage(_measure(**attrs), _EMP, column="a")  # coverage() agrees
    assert (c["source_codes"], c["matched_codes"], c["match_rate"]) == (source, matched, matched / source)


@pytest.mark.parametrize(("attrs", "message"), [
    ({"n_source": 3}, r"n_matched \(5: not given, the codes of the measure\) is more than n_source \(3\)"),
    ({"n_matched": 7}, r"n_matched \(7\) is more than n_source \(5: not given, the codes of the measure\)")])
def test_one_count_that_makes_more_matched_than_sources_is_refused(attrs, message):
    with pytest.raises(DataFormatError, match=rf"^measure 'a'\.attrs: {message}; give both counts$"):
        _coverage_of_a(_measure(**attrs))
    with pytest.raises(DataFormatError, match=rf"^measure\.attrs: {message}; give both counts$"):
        cmp.coverage(_measure(**attrs), _EMP, column="a")  # was a match rate of 1.67 (1.4)


# 4. complex numbers, dates and durations given to the correlations


_Y = [0.1, 0.5, 0.3, 0.8]


@pytest.mark.parametrize("fn", [cmp.weighted_pearson, cmp.weighted_spearman])
@pytest.mark.parametrize(("x", "shown", "what"), [
    ([0.2, 0.9 + 1j, 0.4, 0.7], r"\(0\.9\+1j\)", "a complex number"),
    (np.array([0.2, 0.9, 0.4, 0.7]) + 0j, r"\(0\.2\+0j\)", "a complex number"),
    (pd.Series(pd.date_range("2020-01-01", periods=4)), r"Timestamp\('2020-01-01 00:00:00'\)", "a date"),
    (pd.Series(pd.date_range("2020-01-01", periods=4, tz="UTC")), r"Timestamp\('2020-01-01 00:00:00\+0000', "
                                                                   r"tz='UTC'\)", "a date"),
    (pd.Series(pd.to_timedelta([1, 3, 2, 5], unit="D")), r"Timedelta\('1 days 00:00:00'\)", "a duration"),
], ids=["complex-cell", "complex-array", "dates", "tz-dates", "durations"])
def test_values_numpy_reads_as_numbers_are_refused(fn, x, shown, what):
    pos = 1 if shown.startswith(r"\(0\.9") else 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's ComplexWarning was the only word
        with pytest.raises(DataFormatError, match=rf"^x must be a list of numbers \(or an array, a Series\), got "
                                                  rf"{shown} at position {pos}: {what} is not a number$"):
            fn(x, _Y)


def test_a_complex_weight_is_refused():
    with pytest.raises(DataFormatError, match=r"^w must be .* got \(1\+0j\) at position 0: a complex number"):
        cmp.weighted_pearson([0.2, 0.9, 0.4, 0.7], _Y, np.ones(4, dtype=complex))


def test_a_boolean_after_a_missing_value_is_named_at_its_position():
    x = pd.Series([pd.NA, True, False, True], dtype="boolean")
    with pytest.raises(DataFormatError, match=r"got True at position 1: a boolean is not a number$"):
        cmp.weighted_pearson(x, _Y)


def test_numbers_are_correlated_as_before():
    assert cmp.weighted_pearson([0.2, 0.9, 0.4, 0.7], _Y) == cmp.weighted_pearson(
        pd.Series([0.2, 0.9, 0.4, 0.7], dtype="Float64"), _Y)
    assert cmp.weighted_spearman([0.2, 0.9, 0.4, 0.7], _Y) == pytest.approx(0.8)
