"""Faults of ``to_census_occ`` found by testing (hunt_a items 1, 5, 7 and 10).

Each test is a case that broke before: a pandas or numpy traceback from inside
(``TypeError`` from ``census_weights``, ``KeyError``, a broadcast ``ValueError``), numpy
``RuntimeWarning`` s, or an error naming a 0-based row of the output. Now each is a
:class:`~exposure.errors.DataFormatError` naming the argument, or the row (counted from 1
in the caller's frame) and the column, and no warning leaks. Small frames, no mirror.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from exposure import crosswalks
from exposure.errors import DataFormatError
from exposure.rollup import census_weights, to_census_occ

CODES = ["11-1011.00", "11-1011.03", "13-1021.00", "15-1252.00"]
XW = pd.DataFrame({"onetsoc_code": CODES, "census_occ": ["0010", "0010", "0010", "1021"]})
EMP = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "tot_emp": [200.0, 50.0, 1000.0]})
# a non-default index: rows are counted by position, from 1
OCC = pd.DataFrame({"onetsoc_code": CODES, "title": ["CEO", "CSO", "Buyer", "Developer"],
                    "beta": [0.2, 0.4, 0.8, 0.9], "alpha": [0.1, 0.2, 0.3, 0.4]}, index=[10, 20, 30, 40])
SOC = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "beta": [0.3, 0.8, 0.9],
                    "tot_emp": [200.0, 50.0, 1000.0]}, index=[7, 8, 9])


def _refused(match, scores, *args, **kwargs) -> DataFormatError:
    """The DataFormatError of ``to_census_occ(scores, ...)``, with warnings turned into errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataFormatError, match=match) as info:
            to_census_occ(scores, *args, **kwargs)
    assert type(info.value) is DataFormatError  # not a SchemaError about the output table
    return info.value


@pytest.fixture()
def no_crosswalk_load(monkeypatch):
    """Fail if the Census crosswalk is loaded: the scores are refused before that."""

    def no_fetch(**kwargs):
        raise AssertionError("the crosswalk was loaded before the scores were checked")

    monkeypatch.setattr(crosswalks, "load_census_crosswalk", no_fetch)


# ---------------------------------------------------------------- 1: nothing matches the crosswalk
@pytest.mark.parametrize(
    "scores, match",
    [
        # O*NET-SOC 2010 codes
        (pd.DataFrame({"onetsoc_code": ["15-1132.00", "15-1133.00"], "beta": [0.6, 0.5]}),
         r"^scores, column 'onetsoc_code': none of the 2 O\*NET-SOC codes is in the Census crosswalk "
         r"\(O\*NET-SOC 2019 codes expected, e.g. '11-1011.00'\)"),
        (pd.DataFrame({"onetsoc_code": ["15-1132.00"], "beta": [0.6]}),
         r"the O\*NET-SOC code '15-1132.00' is not in the Census crosswalk"),
        (pd.DataFrame({"soc_code": ["15-1132"], "beta": [0.6], "tot_emp": [10.0]}),
         r"^scores, row 1, column 'soc_code': the SOC code '15-1132' is not in the Census crosswalk"),
        # the codes that match carry no value, the one with a value does not match
        (pd.DataFrame({"onetsoc_code": ["15-1252.00", "15-1132.00"], "beta": [np.nan, 0.5]}),
         r"no O\*NET-SOC code of scores that is in the Census crosswalk has both a Census code and a value"),
        # every measure missing everywhere
        (pd.DataFrame({"onetsoc_code": ["15-1252.00"], "beta": [np.nan]}),
         r"^scores have no value: every row is missing all of \['beta'\]"),
        (OCC.iloc[:0], r"^scores have no rows"),
    ],
    ids=["onet-2010", "one-code", "soc-2010", "matched-but-unscored", "all-nan", "empty"],
)
def test_no_score_matching_the_crosswalk_is_refused(scores, match):
    _refused(match, scores, XW, EMP)


def test_census_weights_with_nothing_scored_gives_zero_weights():
    """The empty selection of scored codes kept a str dtype: pandas refused to divide it."""
    w = census_weights(XW, EMP, scored=[])
    assert w["weight"].tolist() == [0.0] * len(XW)


# ---------------------------------------------------------------- 5: missing codes
@pytest.mark.parametrize(
    "scores, key, row",
    [
        (SOC.assign(soc_code=[None, None, "15-1252"]), "soc_code", 1),
        (OCC.assign(onetsoc_code=[CODES[0], np.nan, np.nan, CODES[3]]), "onetsoc_code", 2),
        (OCC.assign(onetsoc_code=[CODES[0], CODES[1], " ", CODES[3]]), "onetsoc_code", 3),
    ],
    ids=["two-soc-none", "two-onet-nan", "blank"],
)
def test_missing_code_is_refused_with_its_row(scores, key, row, no_crosswalk_load):
    err = _refused(rf"^scores, row {row}, column '{key}': missing$", scores)
    assert (err.row, err.column) == (row, key)


# ---------------------------------------------------------------- 7: arguments
@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(measures=["beta", "beta"]), r"^measures names 'beta' twice$"),
        (dict(measures=["beta", "title"]), r"^scores, row 1, column 'title': not a number: 'CEO'$"),
        (dict(measures=[]), r"^measures is empty"),
        (dict(measures=5), r"^measures must be a column name or a list of column names, got int"),
        (dict(measures=["beta", "census_occ"]), r"^'census_occ' cannot be a measure"),
        (dict(crosswalk=pd.DataFrame({"onetsoc_code": CODES})),
         r"^crosswalk lacks column\(s\) \['census_occ'\]"),
        (dict(employment=pd.DataFrame({"occ_code": ["11-1011"], "tot_emp": [1.0]})),
         r"^employment, column 'occ_code': OEWS's column of the occupation codes, not soc_code: name the "
         r"columns soc_code and tot_emp, e\.g\. employment\.rename\(columns=\{'occ_code': 'soc_code'\}\)$"),
        (dict(employment="soc.csv"), r"^employment must be a pandas DataFrame, got str$"),
        (dict(employment=EMP.assign(tot_emp=[200.0, -5.0, 1000.0])),
         r"^employment, row 2, column 'tot_emp': tot_emp must be a finite number of at least 0"),
    ],
    ids=["repeated", "text-column", "empty-list", "not-a-list", "result-column",
         "crosswalk-no-census_occ", "employment-no-soc_code", "employment-path", "negative-tot_emp"],
)
def test_bad_arguments_are_refused(kwargs, match, no_crosswalk_load):
    kwargs = {"crosswalk": XW, "employment": EMP, **kwargs}
    _refused(match, OCC, **kwargs)


def test_text_measure_column_names_its_first_bad_row():
    scores = OCC.assign(note=[0.1, 0.2, "n/a", 0.4])
    err = _refused(r"^scores, row 3, column 'note': not a number: 'n/a'$", scores, XW, EMP,
                   measures=["beta", "note"])
    assert (err.row, err.column) == (3, "note")


def test_a_single_measure_name_is_one_measure():
    """``measures="beta"`` was read as the columns 'b', 'e', 't', 'a'."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = to_census_occ(OCC, XW, EMP, measures="beta")
    assert list(got.columns) == ["census_occ", "beta", "tot_emp", "n_onet", "weighting"]
    pd.testing.assert_frame_equal(got, to_census_occ(OCC, XW, EMP, measures=["beta"]))


# ---------------------------------------------------------------- 10: infinite or out-of-range values
@pytest.mark.parametrize(
    "value, shown",
    [(np.inf, "inf"), (-np.inf, "-inf"), (1.5, "1.5"), (-0.1, "-0.1"), ("inf", "inf"), ("0,5", None),
     (0.5 + 1j, None)],
    ids=["inf", "-inf", "above-1", "below-0", "text-inf", "decimal-comma", "complex"],
)
@pytest.mark.parametrize("level", ["onet", "soc"])
def test_bad_measure_value_is_refused_before_computing(value, shown, level, no_crosswalk_load):
    base = OCC if level == "onet" else SOC
    beta = base["beta"].astype(object if isinstance(value, str | complex) else float).copy()
    beta.iloc[2] = value
    scores = base.assign(beta=beta)
    if shown is None:
        hint = ": a decimal comma? write decimals with a point: '0.5'" if value == "0,5" else ""  # (round 73)
        match = rf"^scores, row 3, column 'beta': not a number: {re.escape(repr(value) + hint)}$"
    else:
        match = rf"^scores, row 3, column 'beta': must be in \[0, 1\], got {shown}$"
    err = _refused(match, scores)  # default crosswalk: refused before it is loaded
    assert (err.row, err.column) == (3, "beta")
