"""Faults of the public functions of :mod:`exposure.outcomes` left after round 15 (round 16).

Known from the earlier hunt:

1. :func:`~exposure.outcomes.exposure_table` on a panel whose codes are not SOC codes
   (ints ``111011``, floats, ``"11-1011 "``, ``"11-1011.00"``) gave NaN measures, silently;
2. :func:`~exposure.outcomes.exposure_groups` with ``weights`` that is a set (or another
   non-sequence: a frozenset, ``dict.values()``, a generator) raised ``TypeError: float()
   argument must be a string or a real number, not 'set'``;
3. :func:`~exposure.outcomes.event_study` (and group_growth, robustness, run_outcomes) on
   a panel whose index level is named like a column (``soc_code``) raised pandas'
   "'soc_code' is both an index level and a column label, which is ambiguous";
4. :func:`~exposure.outcomes.build_panel` with a missing ``occ_title`` named the row of
   the OUTPUT panel (``occupation panel, row 3, column 'soc_title'``), not the row of the
   input table.

Found in this round: a column that appears twice in any frame of the module (pandas'
``AttributeError``/``ValueError``, or a cell shown as ``array([0.1, 0.1])``); panel
codes, years, employment and balanced flags that were read silently or raised from
inside pandas; measures that are constant or absent on the sample of the event study
(statsmodels' ``MissingDataError``, or an empty table); ``min_emp``/``exclude_major``
that leave out every occupation (an empty table); ``q``/``cuts`` errors that were
skipped when no value was given, repeated cut points (an empty group), unordered or
non-real exposure values, weights paired by position with values of another label
order; a ``soc_scores`` that is not a frame ignored; ``check_panel`` on text years
("no balanced occupation in the base year").

No mirror and no network.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
from _frames import employment, outcome_exposures, outcome_panel
from _frames import with_cell as _cell

from exposure import outcomes
from exposure.errors import DataFormatError, ExposureError

pytest.importorskip("statsmodels")


PANEL = outcome_panel()
EX = outcome_exposures(PANEL)




def _twice(frame: pd.DataFrame, column) -> pd.DataFrame:
    """``frame`` with ``column`` appended a second time (the last column)."""
    return pd.concat([frame, frame[[column]]], axis=1)


# 1. exposure_table on codes that are not SOC codes ------------------------------------------

#: What a SOC code saved as a number, its hyphen read as a decimal point, is said to be
#: (:func:`exposure.schemas._fields.first_bad_soc_code`; the code to write since round 75).
DECIMAL = r": a SOC code saved as a number, its hyphen read as a decimal point\? write it as text with its hyphen: "
#: ... and a SOC code so saved, with the code to write (round 73).
HYPHEN = r": a code saved as a number\? write it as text with its hyphen: "

@pytest.mark.parametrize("value, shown", [
    # a number is said to be one since round 71 (first_bad_soc_code)
    (111011, "'111011'" + HYPHEN + "'11-1011'"), (11.1011, "'11.1011'" + DECIMAL + "'11-1011'"), ("11-1011 ", "'11-1011 ': spaces around the code: write '11-1011'"),
    ("11-1011.00", r"'11-1011.00': an O\*NET-SOC code\? a SOC code has no suffix: write '11-1011'"),
    (b"11-1011", "b'11-1011'"),  # the bytes as Python shows them (was "b'11-1011'", quoted)
])
def test_exposure_table_refuses_a_panel_code_that_is_not_a_soc_code(value, shown):
    panel = _cell(PANEL, "soc_code", 3, value)
    with pytest.raises(DataFormatError, match=rf"^panel, row 4, column 'soc_code': soc_code not a SOC code "
                                              rf"\(like 11-1011\): {shown}$"):
        outcomes.exposure_table(panel, EX, measures=["beta"])


def test_exposure_table_refuses_a_panel_of_int_codes():
    panel = PANEL.assign(soc_code=PANEL["soc_code"].str.replace("-", "").astype(int))
    with pytest.raises(DataFormatError, match=r"^panel, row 1, column 'soc_code': soc_code not a SOC code "
                                              r"\(like 11-1011\): '111001'" + HYPHEN + "'11-1001'$"):
        outcomes.exposure_table(panel, EX, measures=["beta"])
    # a missing code keeps its own message
    with pytest.raises(DataFormatError, match=r"^panel, row 4, column 'soc_code': the SOC code is missing$"):
        outcomes.exposure_table(_cell(PANEL, "soc_code", 3, None), EX, measures=["beta"])
    got = outcomes.exposure_table(PANEL, EX, measures=["beta"])
    assert got["beta"].notna().all() and len(got) == 8


# 2. exposure_groups: weights (and values) that are not sequences --------------------------

@pytest.mark.parametrize("weights, shown", [
    ({1, 2}, "set"), (frozenset({1, 2}), "frozenset"), ({"a": 1, "b": 2}.values(), "dict_values"),
    ((w for w in [1, 2]), "generator"),
])
def test_exposure_groups_refuses_weights_that_are_not_a_sequence(weights, shown):
    with pytest.raises(DataFormatError, match=rf"^weights must be a list of numbers, got {shown}$"):
        outcomes.exposure_groups([0.1, 0.2], weights=weights, q=2)


def test_exposure_groups_refuses_values_in_a_set():
    """A set has no order (and merges equal values): the groups could not be told apart."""
    with pytest.raises(DataFormatError, match=r"^values must be a list, array or Series of exposure values, "
                                              r"got set$"):
        outcomes.exposure_groups({0.3, 0.1, 0.2}, q=2)
    assert outcomes.exposure_groups((v for v in [0.1, 0.2]), q=2).tolist() == [1, 2]  # in order: as before


def test_exposure_groups_refuses_weights_series_of_another_label_order():
    values = pd.Series([0.1, 0.2, 0.3, 0.4], index=list("abcd"))
    weights = pd.Series([1.0, 1.0, 1.0, 97.0], index=list("dcba"))
    with pytest.raises(DataFormatError, match=r"^weights is a Series with the labels of values in another "
                                              r"order: the weights are read by position; pass "
                                              r"weights.reindex\(values.index\)$"):
        outcomes.exposure_groups(values, weights, q=2)
    aligned = outcomes.exposure_groups(values, weights.reindex(values.index), q=2)
    assert aligned.tolist() == [1, 2, 2, 2]  # a holds 97 of the 100 weights
    # a weight Series of other labels is read by position, as before
    positional = outcomes.exposure_groups(values, weights.reset_index(drop=True), q=2)
    assert positional.tolist() == outcomes.exposure_groups(values, [1.0, 1.0, 1.0, 97.0], q=2).tolist()


# 3. an index level named like a column -----------------------------------------------------

@pytest.mark.parametrize("index", [
    lambda p: p.set_index(pd.Index(p["soc_code"], name="soc_code")),
    lambda p: p.set_index(["soc_code", "year"], drop=False),
    lambda p: p.set_index(pd.Index(p["year"], name="year")),
])
@pytest.mark.parametrize("run", [
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.group_growth(p, EX, q=2),
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.run_outcomes(p, EX, q=2, with_robustness=False).headline,
])
def test_the_index_of_the_panel_is_not_read(run, index):
    pd.testing.assert_frame_equal(run(index(PANEL)), run(PANEL))


# 4. build_panel: a missing occ_title names the input row -----------------------------------

OEWS = employment().assign(a_mean=[200e3, 80e3, 60e3, 210e3, 75e3], a_median=[190e3, 78e3, 55e3, 200e3, 70e3])
DETAILED = ["11-1011", "13-1021", "13-1022"]


@pytest.mark.parametrize("title", [None, np.nan])
def test_build_panel_names_the_input_row_of_a_missing_title(title):
    frames = {2021: _cell(OEWS, "occ_title", 1, title), 2022: OEWS}
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 2, column 'occ_title': the occupation title "
                                              r"is missing$"):
        outcomes.build_panel(frames, DETAILED)
    # a sector row is not read: its title may be missing
    got = outcomes.build_panel({2021: _cell(OEWS, "occ_title", 4, title), 2022: OEWS}, DETAILED)
    assert got["soc_title"].tolist() == ["CEOs", "CEOs", "Buyers", "Buyers"]


def test_build_panel_names_the_input_row_of_a_repeated_or_unknown_code():
    with pytest.raises(DataFormatError, match=r"^frames\[2022\], row 2, column 'occ_code': OEWS 2022: occupation "
                                              r"code 11-1011 appears twice among the cross-industry detailed rows "
                                              r"\(rows 1 and 2\)$"):
        outcomes.build_panel({2021: OEWS, 2022: _cell(OEWS, "occ_code", 1, "11-1011")}, DETAILED)
    with pytest.raises(DataFormatError, match=r"^frames\[2021\], row 2, column 'occ_code': OEWS 2021: occupation "
                                              r"code 15-9999 is neither a SOC 2018 detailed code"):
        outcomes.build_panel({2021: _cell(OEWS, "occ_code", 1, "15-9999"), 2022: OEWS}, DETAILED)


# columns that appear twice ------------------------------------------------------------------

@pytest.mark.parametrize("column, at", [("soc_code", 1), ("year", 2), ("tot_emp", 3), ("balanced", 6)])
@pytest.mark.parametrize("run", [
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.group_growth(p, EX, q=2),
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.run_outcomes(p, EX, q=2),
])
def test_a_panel_column_given_twice_is_refused(run, column, at):
    with pytest.raises(DataFormatError, match=rf"^panel, column '{column}': given more than once "
                                              rf"\(columns {at} and 7\): keep one$"):
        run(_twice(PANEL, column))


@pytest.mark.parametrize("column, at", [("soc_code", 1), ("beta", 2)])
@pytest.mark.parametrize("run", [
    lambda e: outcomes.event_study(PANEL, e, ["beta"], outcomes=["log_emp"]),
    lambda e: outcomes.group_growth(PANEL, e, ["beta"], q=2),
    lambda e: outcomes.run_outcomes(PANEL, e, ["beta"], q=2),
])
def test_an_exposures_column_given_twice_is_refused(run, column, at):
    with pytest.raises(DataFormatError, match=rf"^exposures, column '{column}': given more than once "
                                              rf"\(columns {at} and 3\): keep one$"):
        run(_twice(EX, column))


@pytest.mark.parametrize("column, at", [("year", 2), ("balanced", 6)])
def test_check_panel_refuses_a_column_given_twice(column, at):
    with pytest.raises(DataFormatError, match=rf"^p.parquet, column '{column}': given more than once "
                                              rf"\(columns {at} and 7\): keep one$"):
        outcomes.check_panel(_twice(PANEL, column), path="p.parquet")


def test_exposure_table_refuses_columns_given_twice():
    with pytest.raises(DataFormatError, match=r"^panel, column 'soc_code': given more than once "
                                              r"\(columns 1 and 7\): keep one$"):
        outcomes.exposure_table(_twice(PANEL, "soc_code"), EX, measures=["beta"])
    for column, at in (("soc_code", 1), ("beta", 2)):
        with pytest.raises(DataFormatError, match=rf"^soc_scores, column '{column}': given more than once "
                                                  rf"\(columns {at} and 3\): keep one$"):
            outcomes.exposure_table(PANEL, _twice(EX, column), measures=["beta"])
    comparison = EX.rename(columns={"beta": "felten_aioe"})
    for column, at in (("soc_code", 1), ("felten_aioe", 2)):
        with pytest.raises(DataFormatError, match=rf"^comparison, column '{column}': given more than once "
                                                  rf"\(columns {at} and 3\): keep one$"):
            outcomes.exposure_table(PANEL, measures=["felten_aioe"], comparison=_twice(comparison, column))


@pytest.mark.parametrize("column, at", [("occ_code", 4), ("tot_emp", 7), ("o_group", 6)])
def test_build_panel_refuses_a_column_given_twice(column, at):
    with pytest.raises(DataFormatError, match=rf"^frames\[2022\], column '{column}': given more than once "
                                              rf"\(columns {at} and 10\): keep one$"):
        outcomes.build_panel({2021: OEWS, 2022: _twice(OEWS, column)}, DETAILED)


SECTORS = {2021: employment(), 2022: employment(), 2023: employment()}
SECTOR_SCORES = pd.DataFrame({"naics": ["11"], "beta": [0.3]})


@pytest.mark.parametrize("column, at", [("naics", 1), ("i_group", 3), ("tot_emp", 7)])
def test_sector_growth_refuses_a_table_column_given_twice(column, at):
    assert outcomes.sector_growth(SECTORS, SECTOR_SCORES, ["beta"])["beta"].tolist() == [0.3]
    with pytest.raises(DataFormatError, match=rf"^frames\[2022\], column '{column}': given more than once "
                                              rf"\(columns {at} and 8\): keep one$"):
        outcomes.sector_growth({**SECTORS, 2022: _twice(employment(), column)}, SECTOR_SCORES, ["beta"])


@pytest.mark.parametrize("column, at", [("naics", 1), ("beta", 2)])
def test_sector_growth_refuses_a_score_column_given_twice(column, at):
    with pytest.raises(DataFormatError, match=rf"^sector_scores, column '{column}': given more than once "
                                              rf"\(columns {at} and 3\): keep one$"):
        outcomes.sector_growth(SECTORS, _twice(SECTOR_SCORES, column), ["beta"])


COEFFICIENTS = outcomes.event_study(PANEL, EX, outcomes=["log_emp"])


@pytest.mark.parametrize("column, at", [("measure", 1), ("spec", 3), ("coef", 5), ("ci_low", 7)])
@pytest.mark.parametrize("run", [outcomes.pretrend, outcomes.headline])
def test_coefficients_with_a_column_given_twice_are_refused(run, column, at):
    with pytest.raises(DataFormatError, match=rf"^coefficients, column '{column}': given more than once "
                                              rf"\(columns {at} and 12\): keep one$"):
        run(_twice(COEFFICIENTS, column))


# panel cells read silently or from inside pandas --------------------------------------------

ESTIMATES = [
    lambda p: outcomes.event_study(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.group_growth(p, EX, q=2),
    lambda p: outcomes.robustness(p, EX, outcomes=["log_emp"]),
    lambda p: outcomes.run_outcomes(p, EX, q=2, with_robustness=False),
]


@pytest.mark.parametrize("value, message", [
    (np.nan, "the SOC code is missing"), (None, "the SOC code is missing"),
    (111011, r"soc_code not a SOC code \(like 11-1011\): '111011'" + HYPHEN + "'11-1011'"),
    ("11-1011 ", r"soc_code not a SOC code \(like 11-1011\): '11-1011 ': spaces around the code: write '11-1011'"),
])
@pytest.mark.parametrize("run", ESTIMATES)
def test_a_balanced_row_without_a_soc_code_is_refused(run, value, message):
    """The row was left out of the estimation (7 occupations for 8), without a word."""
    with pytest.raises(DataFormatError, match=rf"^panel, row 4, column 'soc_code': {message}$"):
        run(_cell(PANEL, "soc_code", 3, value))


def test_panel_codes_with_spaces_are_refused_not_an_empty_table():
    with pytest.raises(DataFormatError, match=r"^panel, row 1, column 'soc_code': soc_code not a SOC code "
                                              r"\(like 11-1011\): '11-1001 ': spaces around the code: write '11-1001'$"):
        outcomes.event_study(PANEL.assign(soc_code=PANEL["soc_code"] + " "), EX, outcomes=["log_emp"])
    # an unbalanced row is not read
    panel = _cell(PANEL, "soc_code", 3, "n/a").assign(balanced=[i != 3 for i in range(len(PANEL))])
    assert len(outcomes.event_study(panel.drop(index=[4, 5]), EX, outcomes=["log_emp"])) == 3


@pytest.mark.parametrize("run", [*ESTIMATES, lambda p: outcomes.check_panel(p)])
def test_a_missing_year_of_a_nullable_integer_column_is_named(run):
    panel = _cell(PANEL, "year", 3, pd.NA, dtype="Int64")
    with pytest.raises(DataFormatError, match=r"^panel, row 4, column 'year': year must be a whole number, got nan$"):
        run(panel)
    assert run(PANEL.assign(year=PANEL["year"].astype("Int64"))) is not None


@pytest.mark.parametrize("panel, row", [(_cell(PANEL, "tot_emp", 3, True), 4), (PANEL.assign(tot_emp=True), 1)])
@pytest.mark.parametrize("run", ESTIMATES)
def test_a_boolean_employment_of_a_balanced_row_is_refused(run, panel, row):
    """True was read as 1 worker."""
    with pytest.raises(DataFormatError, match=rf"^panel, row {row}, column 'tot_emp': tot_emp must be a number of "
                                              rf"workers, got True$"):
        run(panel)


@pytest.mark.parametrize("drop, row, missing", [(3, 4, "2021"), (4, 4, "2022"), (23, 22, "2023")])
@pytest.mark.parametrize("run", ESTIMATES)
def test_a_balanced_occupation_without_a_year_is_refused(run, drop, row, missing):
    """Its growth was NaN (or a SchemaError named the group-growth table); the event study dropped it."""
    panel = PANEL.drop(index=drop).reset_index(drop=True)
    code = PANEL["soc_code"].iloc[drop]
    with pytest.raises(DataFormatError, match=rf"^panel, row {row}, column 'balanced': balanced occupation {code} "
                                              rf"has no balanced row for {missing} \(the balanced rows have the "
                                              rf"years 2021, 2022, 2023\)$"):
        run(panel)


@pytest.mark.parametrize("panel, row, got", [
    (PANEL.assign(year=PANEL["year"].astype(str)), 1, "text '2021'"),
    (_cell(PANEL, "year", 4, 2022.5), 5, "2022.5"),
])
def test_check_panel_names_a_year_that_is_not_a_number(panel, row, got):
    """It said the panel had no balanced occupation in the base year (it has)."""
    with pytest.raises(DataFormatError, match=rf"^p.parquet, row {row}, column 'year': year must be a whole number, "
                                              rf"got {got}$"):
        outcomes.check_panel(panel, path="p.parquet")
    assert outcomes.check_panel(PANEL.assign(year=PANEL["year"].astype(float)), path="p.parquet") is not None


# measures the event study cannot estimate on ----------------------------------------------

@pytest.mark.parametrize("beta, message", [
    (0.5, r"measure 'beta' takes the one value 0.5 on all 8 occupations it covers: nothing to compare"),
    (np.nan, r"measure 'beta' has no value on any balanced occupation of the panel \(in the base year 2022\)"),
])
@pytest.mark.parametrize("run", [
    lambda e: outcomes.event_study(PANEL, e, outcomes=["log_emp"]),
    lambda e: outcomes.event_study(PANEL, e, outcomes=["log_emp"], scale="raw"),
    lambda e: outcomes.robustness(PANEL, e, outcomes=["log_emp"]),
])
def test_event_study_refuses_a_measure_without_spread(run, beta, message):
    """A constant measure raised statsmodels' MissingDataError; one without values gave an empty table."""
    with pytest.raises(ExposureError, match=rf"^{message}$"):
        run(EX.assign(beta=beta))


def test_event_study_names_what_left_a_measure_constant():
    ex = EX.assign(beta=[0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5])  # one value in major group 13
    with pytest.raises(ExposureError, match=r"^measure 'beta' takes the one value 0.5 on all 4 occupations it "
                                            r"covers left by exclude_major 11-0000: nothing to compare$"):
        outcomes.event_study(PANEL, ex, outcomes=["log_emp"], exclude_major="11")


def test_robustness_skips_a_specification_whose_sample_has_one_value(caplog):
    """Leaving out major group 11 leaves one value of the measure: MissingDataError before."""
    ex = EX.assign(beta=[0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5])
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        got = outcomes.robustness(PANEL, ex, outcomes=["log_emp"])
    assert set(got["spec"]) == {"unweighted", "drop_small", "drop_major_13"}
    assert "beta / log_emp (drop_major_11): the exposure takes one value on the 4 occupations, no estimate" \
        in caplog.text


def test_event_study_refuses_min_emp_or_exclude_major_that_leave_nothing():
    """Both gave an empty table (a warning in the log only)."""
    largest = float(PANEL.loc[PANEL["year"] == 2022, "tot_emp"].max())
    with pytest.raises(DataFormatError, match=rf"^min_emp 1000000.0 leaves out every balanced occupation of the "
                                              rf"panel \(the largest base-year employment is {largest:g}\): nothing "
                                              rf"to estimate$"):
        outcomes.event_study(PANEL, EX, outcomes=["log_emp"], min_emp=1e6)
    one_major = PANEL[PANEL["soc_major"] == "11-0000"]
    with pytest.raises(DataFormatError, match=r"^exclude_major 11-0000 leaves out every balanced occupation of the "
                                              r"panel: nothing to estimate$"):
        outcomes.event_study(one_major, EX, outcomes=["log_emp"], exclude_major="11")
    assert len(outcomes.event_study(PANEL, EX, outcomes=["log_emp"], min_emp=150)) == 3


# exposure_groups: q and cuts ------------------------------------------------------------------

@pytest.mark.parametrize("q, message", [
    (0, r"q must be at least 1, got 0"), (-2, r"q must be at least 1, got -2"),
    ([0.5, 1.5], r"quantile cut points must lie in \(0, 1\), got \[0.5, 1.5\]"),
])
def test_exposure_groups_checks_q_before_the_values(q, message):
    """With no value to group, a bad q was returned as an all-missing grouping."""
    with pytest.raises(DataFormatError, match=rf"^{message}$"):
        outcomes.exposure_groups([np.nan, None], q=q)


@pytest.mark.parametrize("kw, name", [({"q": [0.5, 0.5]}, "q"), ({"cuts": [0.5, 0.5]}, "cuts"),
                                      ({"q": [0.2, 0.5, 0.2]}, "q")])
def test_exposure_groups_refuses_a_repeated_cut_point(kw, name):
    """Group 2 was left empty: values went to groups 1 and 3."""
    point = 0.5 if kw[name] == [0.5, 0.5] else 0.2
    with pytest.raises(DataFormatError, match=rf"^{name} must not repeat a cut point, got {point} twice in "
                                              rf"\[{', '.join(map(str, kw[name]))}\]: the group between them would "
                                              rf"be empty$"):
        outcomes.exposure_groups([0.1, 0.2, 0.6, 0.7], **kw)


def test_exposure_groups_refuses_cuts_in_a_generator():
    """The generator was used up by the check: "cuts must hold at least one cut point, got an empty list"."""
    with pytest.raises(DataFormatError, match=r"^cuts must be a list of numbers, got generator$"):
        outcomes.exposure_groups([0.1, 0.6], cuts=(c for c in [0.5]))
    assert outcomes.exposure_groups([0.1, 0.6], cuts={0.5}).tolist() == [1, 2]


@pytest.mark.parametrize("values, pos, shown", [
    ([0.1 + 1j, 0.3], 0, r"\(0.1\+1j\)"),
    (pd.Series([0.3, 0.1 + 1j]), 1, r"\(0.1\+1j\)"),
    (pd.Series(pd.to_datetime(["2020-01-01", "2021-01-01"])), 0, r"Timestamp\('2020-01-01 00:00:00'\)"),
    ([0.2, pd.Timedelta(days=1)], 1, r"Timedelta\('1 days 00:00:00'\)"),
])
def test_exposure_groups_refuses_values_that_are_not_real_numbers(values, pos, shown):
    """A complex value lost its imaginary part (a warning); a date was read as nanoseconds."""
    with pytest.raises(DataFormatError, match=rf"^exposure values must be real numbers, got {shown} at "
                                              rf"position {pos}$"):
        outcomes.exposure_groups(values, q=2)
    assert outcomes.exposure_groups(pd.Series([0.3, 0.1 + 0j]), q=2).tolist() == [2, 1]


# exposure_table: arguments ignored, years ---------------------------

def test_exposure_table_refuses_soc_scores_that_are_not_a_frame_when_unused():
    """Only published measures asked for: soc_scores="x.csv" was ignored."""
    comparison = EX.rename(columns={"beta": "felten_aioe"})
    with pytest.raises(DataFormatError, match=r"^soc_scores must be a pandas DataFrame, got str 'x.csv'$"):
        outcomes.exposure_table(PANEL, "x.csv", measures=["felten_aioe"], comparison=comparison)
    got = outcomes.exposure_table(PANEL, EX, measures=["felten_aioe"], comparison=comparison)
    assert got["felten_aioe"].tolist() == EX["beta"].tolist()


def test_exposure_table_names_a_year_that_is_not_a_number_before_loading():
    """``TypeError: '>=' not supported between instances of 'str' and 'int'``."""
    panel = _cell(PANEL.assign(soc_title="t"), "year", 4, "2022")
    with pytest.raises(DataFormatError, match=r"^panel, row 5, column 'year': year must be a whole number, got "
                                              r"text '2022'$"):
        outcomes.exposure_table(panel, measures=["felten_aioe"])
