"""Fault round 81 (dask2): the weight column of the Dask roll-ups; a year given twice to ``load_panel``.

Faults found (each test below failed before its fix):

1. ``exposure.dask.to_sectors(scored, by="naics", weight="naics")`` weighed each row by its
   own industry code (the industry ``52`` of 4 rows came out with ``weight`` 208.0), and
   ``to_occupations(scored, weight="onetsoc_code")`` said ``scored.partitions[0], row 1,
   column 'onetsoc_code': onetsoc_code must be a number or a BLS special value (** * # ~),
   got '11-1011.00'``, as if the codes were bad weights. Now, before any work:
   ``column 'naics': weight='naics' is the column of the codes (by='naics'), read as such
   already: give the column of row weights (e.g. openings per posting), or None (1 per
   row)``.
2. A ``weight`` naming a column the roll-ups read as another thing (a measure ``alpha``,
   a flag ``admin``, a probability ``p_e1``, ``task_id``) weighed the rows by their own
   scores (or task IDs) without a word. Now ``column 'alpha': weight='alpha' is the column
   of a measure, read as such already: give the column of row weights (e.g. openings per
   posting), or None (1 per row)`` (``of a category flag``, ``of a class probability``,
   ``of the task IDs``).
3. A ``weight`` of no such column spelt like one of those (``weight='Alpha'``, ``'P_E1'``,
   ``weight='NAICS'`` beside ``by='naics'``) was told ``missing column 'Alpha'; the frame
   has 'alpha': give weight='alpha'``, advice that fault 2 refuses. Now the frame's columns
   are listed, as for a name of no column: ``missing column 'Alpha' (columns: [...])``; a
   column of weights in another case is offered as before (``give weight='openings'``).
4. ``exposure.outcomes.load_panel([2024, "2024"])`` (or ``[2024, 2024]``) read the file
   twice and merged the repeated year without a word, where ``build_panel`` refuses a year
   given twice. Now ``years: the year 2024 is given twice`` (``build_panel``'s words), before
   any file is read.

Guards, which passed before and must still pass: ``test_a_weight_of_its_own_as_before``,
``test_a_weight_in_another_case_is_offered_as_before``.

Tiny made-up frames, built by the tests; fault 4 reads the real mirror on the old source.
"""

from __future__ import annotations

import dask.dataframe as dd
import pytest
from tests.unit._frames import four_task_scores

from exposure import dask as xd
from exposure import outcomes
from exposure.errors import DataFormatError
from exposure.scoring._inputs import columns_shown

ADVICE = "read as such already: give the column of row weights (e.g. openings per posting), or None (1 per row)"


def _scored():
    return dd.from_pandas(four_task_scores(False).assign(openings=[1.0, 3.0, 2.0, 2.0]), npartitions=2)


def _error(rollup, **kwargs) -> str:
    with pytest.raises(DataFormatError) as info:
        rollup(_scored(), **kwargs).compute(scheduler="sync")
    return str(info.value)


# 1 ------------------------------------------------------------ weight is by
def test_to_sectors_refuses_the_codes_as_weights():
    assert _error(xd.to_sectors, by="naics", weight="naics") == (
        f"column 'naics': weight='naics' is the column of the codes (by='naics'), {ADVICE}")


def test_to_occupations_refuses_the_codes_as_weights():
    assert _error(xd.to_occupations, weight="onetsoc_code") == (
        f"column 'onetsoc_code': weight='onetsoc_code' is the column of the codes (by='onetsoc_code'), {ADVICE}")


# 2 ------------------------------------------------------------ weight is a column read as another thing
@pytest.mark.parametrize("weight, what", [
    ("alpha", "a measure"), ("gamma", "a measure"), ("admin", "a category flag"),
    ("p_e1", "a class probability"), ("task_id", "the task IDs"),
])
@pytest.mark.parametrize("rollup", [xd.to_sectors, xd.to_occupations], ids=["to_sectors", "to_occupations"])
def test_a_measure_is_not_a_weight(rollup, weight, what):
    assert _error(rollup, weight=weight) == f"column {weight!r}: weight={weight!r} is the column of {what}, {ADVICE}"


def test_a_weight_of_its_own_as_before():
    got = xd.to_sectors(_scored(), weight="openings").compute(scheduler="sync")
    assert got["weight"].to_dict() == {"23": 4.0, "52": 4.0}
    assert got.loc["52", "alpha"] == pytest.approx((0.45 * 1 + 0.25 * 3) / 4)


# 3 ------------------------------------------------------------ no advice to give a refused weight
@pytest.mark.parametrize("kwargs, missing", [
    ({"weight": "Alpha"}, "Alpha"), ({"weight": "P_E1"}, "P_E1"), ({"by": "naics", "weight": "NAICS"}, "NAICS"),
], ids=repr)
def test_a_weight_is_not_offered_a_column_it_may_not_name(kwargs, missing):
    columns = columns_shown(_scored().columns)
    assert _error(xd.to_sectors, **kwargs) == f"column {missing!r}: missing column {missing!r} (columns: {columns})"


def test_a_weight_in_another_case_is_offered_as_before():
    assert _error(xd.to_sectors, weight="Openings") == (
        "column 'Openings': missing column 'Openings'; the frame has 'openings': give weight='openings'")


# 4 ------------------------------------------------------------ load_panel: a year given twice
@pytest.mark.parametrize("years", [[2024, "2024"], [2024, 2024], (2023, 2024, 2023)], ids=repr)
def test_check_years_refuses_a_year_given_twice(years):
    with pytest.raises(DataFormatError) as info:
        outcomes._check_years(years)
    assert str(info.value) == f"years: the year {years[0]} is given twice"


def test_load_panel_refuses_a_year_given_twice(mirror):
    with pytest.raises(DataFormatError) as info:
        outcomes.load_panel([2024, "2024"], mirror=mirror)
    assert str(info.value) == "years: the year 2024 is given twice"
