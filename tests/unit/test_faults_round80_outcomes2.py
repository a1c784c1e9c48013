"""Round 80 (second pass): what ``exposure.outcomes`` says of years, weights and coefficients.

1. A year given as a date (``pd.Timestamp("2025-05-01")``, a ``datetime.date``,
   ``numpy.datetime64``) to ``headline(year=)``, ``event_study(base_year=)`` and the other
   year arguments. Before: ``year must be a year (int) or None, got Timestamp``, without the
   year meant. Now: ``... got Timestamp: a date; write its year, 2025``. A key of the
   ``frames`` of ``build_panel`` and an item of ``load_panel(years=)`` are told the same
   (``frames: key Timestamp('2021-05-01 00:00:00') is not a year: a date; write its year,
   2021``; ``years must be a list of May years, got list [2021, Timestamp('2022-05-01
   00:00:00')]: a date; write its year, 2022``; before: without the year).
2. ``exposure_groups(values, weights)`` with a weight written as text. Before: ``weights must
   be numbers, got '1,000' at position 0`` (and the same of ``'250'``), with no word of the
   separator nor of the text. Now: ``... got '1,000' at position 0: a comma does not separate
   thousands here: write '1000', as a number, not text`` and ``... got '250' at position 0:
   write 250, as a number, not text``. An exposure value ``'1,000'`` (text of a number is
   read there) is told ``: a comma does not separate thousands here: write '1000'``
   (``exposure._tables.number_hint``, as the panel's ``tot_emp`` is told it).
3. ``headline`` (and ``pretrend``) of coefficients whose row has no ``coef`` (NaN) but a
   finite interval. Before: the headline reported ``coef`` NaN with the row's interval
   (``ci_low`` -0.03, ``ci_high`` -0.01). Now: ``coefficients, row 2, column 'coef': coef
   is missing, but ci_low is -0.03: a row without an estimate has no interval, standard
   error or p-value either (a coefficient left out of a copied table?)``.
4. ``headline`` of coefficients whose ``n_occupations`` is text (``"700"``, a table read as
   text). Before: the headline's ``n_occupations`` was the float ``700.0``. Now the int 700
   (``int64``; ``Int64`` where one is missing).
5. ``event_study``, ``group_growth`` and ``robustness`` given exposures of which some codes are
   no code of the panel (``15-1132``, a SOC 2010 code). Before: those codes were left out
   without a word (only ``run_outcomes`` warned). Now each warns, in ``run_outcomes``'
   words: ``exposures: 1 SOC code with a measure is no code of the panel, so its values are
   left out (e.g. '15-1132', row 9): put the measures on the panel's codes with
   exposure.outcomes.exposure_table (...)``; ``run_outcomes`` still warns once.
"""

from __future__ import annotations

import datetime
import logging

import numpy as np
import pandas as pd
import pytest

from exposure import outcomes
from exposure.errors import DataFormatError

_PANEL = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022)) * (1 + 0.005 * ((3 * i + t) % 4)),
           f"{mj}-0000") for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]


def _panel() -> pd.DataFrame:
    """A balanced panel of 8 occupations (majors 11 and 13), May 2021-2023."""
    return pd.DataFrame(_PANEL, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
        a_mean=lambda f: 50000.0 + f["tot_emp"], balanced=True)


def _exposures(extra: bool = True) -> pd.DataFrame:
    codes = list(_panel()["soc_code"].unique())
    ex = pd.DataFrame({"soc_code": codes, "beta": [0.1, 0.2, 0.3, 0.4] * 2})
    return pd.concat([ex, pd.DataFrame({"soc_code": ["15-1132"], "beta": [0.9]})], ignore_index=True) if extra else ex


def _coefficients(**changes) -> pd.DataFrame:
    c = pd.DataFrame({"measure": "beta", "outcome": "log_emp", "spec": ["baseline", "baseline", "unweighted"],
                      "year": [2021, 2025, 2025], "coef": [0.0, -0.02, -0.01], "ci_low": [-0.01, -0.03, -0.02],
                      "ci_high": [0.01, -0.01, 0.0], "p_value": [0.9, 0.001, 0.05], "n_occupations": 700})
    return c.assign(**changes)


_OFF = ("exposures: 1 SOC code with a measure is no code of the panel, so its values are left out (e.g. '15-1132', "
        "row 9): put the measures on the panel's codes with exposure.outcomes.exposure_table (it averages detailed "
        "codes into the OEWS aggregates that publish them)")


# 1. years given as dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [pd.Timestamp("2025-05-01"), datetime.date(2025, 5, 1),
                                   np.datetime64("2025-05-01")])
def test_a_year_given_as_a_date_is_told_its_year(value):
    with pytest.raises(DataFormatError) as err:
        outcomes.headline(_coefficients(), year=value)
    assert str(err.value).startswith("year must be a year (int) or None, got ")
    assert str(err.value).endswith(": a date; write its year, 2025")


def test_a_base_year_given_as_a_date_is_told_its_year():
    with pytest.raises(DataFormatError) as err:
        outcomes.event_study(_panel(), _exposures(False), base_year=pd.Timestamp("2022-05-01"))
    assert str(err.value) == "base_year must be a year (int), got Timestamp: a date; write its year, 2022"


def test_a_frames_key_given_as_a_date_is_told_its_year():
    with pytest.raises(DataFormatError) as err:
        outcomes.build_panel({pd.Timestamp("2021-05-01"): pd.DataFrame()}, ["11-1011"])
    assert str(err.value) == ("frames: key Timestamp('2021-05-01 00:00:00') is not a year: a date; write its "
                              "year, 2021")


def test_years_given_as_dates_are_told_the_year():
    with pytest.raises(DataFormatError) as err:
        outcomes.load_panel([2021, pd.Timestamp("2022-05-01")])
    assert str(err.value) == ("years must be a list of May years, got list [2021, Timestamp('2022-05-01 00:00:00')]: "
                              "a date; write its year, 2022")


# 2. weights and values written as text ----------------------------------------------------------------

@pytest.mark.parametrize("weight, hint", [
    ("1,000", ": a comma does not separate thousands here: write '1000', as a number, not text"),
    ("250", ": write 250, as a number, not text"),
])
def test_a_weight_written_as_text_is_told_the_number(weight, hint):
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_groups([0.1, 0.2, 0.3], weights=[weight, 2, 3], q=2)
    assert str(err.value) == f"weights must be numbers, got {weight!r} at position 0{hint}"


def test_an_exposure_value_with_a_thousands_separator_is_told_the_number():
    with pytest.raises(DataFormatError) as err:
        outcomes.exposure_groups([0.1, "1,000", 0.3], q=2)
    assert str(err.value) == ("exposure values must be numbers, got '1,000' at position 1: a comma does not "
                              "separate thousands here: write '1000'")


# 3. a coefficient missing beside its interval ---------------------------------------------------------

def test_a_missing_coef_with_an_interval_is_refused():
    with pytest.raises(DataFormatError) as err:
        outcomes.headline(_coefficients(coef=[0.0, np.nan, -0.01]))
    assert str(err.value) == ("coefficients, row 2, column 'coef': coef is missing, but ci_low is -0.03: a row "
                              "without an estimate has no interval, standard error or p-value either (a "
                              "coefficient left out of a copied table?)")


def test_the_base_year_row_without_interval_still_passes():
    c = _coefficients(year=[2022, 2025, 2025], coef=[0.0, -0.02, -0.01], ci_low=[np.nan, -0.03, -0.02],
                      ci_high=[np.nan, -0.01, 0.0], p_value=[np.nan, 0.001, 0.05])
    c = pd.concat([c, _coefficients().iloc[[0]]], ignore_index=True)
    assert outcomes.headline(c)["coef"].tolist() == [-0.02]


# 4. n_occupations read as text ------------------------------------------------------------------------

def test_n_occupations_written_as_text_stay_whole_numbers():
    out = outcomes.headline(_coefficients(n_occupations=["700", "700", "690"]))
    assert out["n_occupations"].dtype == np.int64
    assert out["n_occupations"].tolist() == [700]


# 5. exposures on codes outside the panel --------------------------------------------------------------

def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("exposures: ")]


@pytest.mark.parametrize("step", ["event_study", "group_growth", "robustness"])
def test_each_step_warns_of_codes_outside_the_panel(caplog, step):
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        getattr(outcomes, step)(_panel(), _exposures(), ["beta"], **({"q": 2} if step == "group_growth" else {}))
    assert _said(caplog) == [_OFF]


def test_run_outcomes_warns_once(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):
        outcomes.run_outcomes(_panel(), _exposures(), ["beta"], q=2)
    assert _said(caplog) == [_OFF]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="exposure.outcomes"):  # said again after a run
        outcomes.event_study(_panel(), _exposures(), ["beta"])
    assert _said(caplog) == [_OFF]
