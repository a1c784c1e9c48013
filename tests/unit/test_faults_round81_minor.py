"""Round 81: a SOC minor group ending in 000 beside one of its occupations, in the roll-ups.

1. ``exposure.rollup._soc.refuse_nested_codes`` (employment frames of ``to_soc`` and
   ``to_sectors``, the SOC scores of the roll-ups, reports and outcomes, the Census
   counts) took the minor group of a code as its first five digits and 00: ``15-1200``
   held ``15-1252``, but ``29-1000`` (Healthcare Diagnosing or Treating Practitioners) did
   not hold ``29-1221``, nor ``47-2000`` ``47-2111``, nor ``11-3000`` ``11-3111``. An
   employment frame with such a group beside its occupations, both as detailed rows,
   counted their workers twice without a word. Now a minor group is the digits before
   its trailing zeros, as in the SOC structure (``exposure.crosswalks._belongs``), and it
   is refused: ``employment frame, row 3, column 'occ_code': '29-1221' (row 3) is in
   '29-1000' (row 2), a SOC minor group, and both are detailed rows of the sector NAICS
   '11': its workers would be counted twice; give the group or its occupations, not both``.
   (Found by round 81's ``codes`` helper in ``crosswalks.first_nested_code``, which had the
   same rule.)
"""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.rollup import to_sectors
from exposure.rollup._soc import _containers, refuse_nested_codes


def _soc(codes, emp) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"soc_code": list(codes), "alpha": [0.1, 0.2, 0.4][:n], "beta": [0.2, 0.5, 0.6][:n],
                         "gamma": [0.3, 0.7, 0.8][:n], "tot_emp": list(emp), "a_mean": [90000.0] * n})


def _sector_emp(codes, naics="11") -> pd.DataFrame:
    return pd.DataFrame({"naics": naics, "naics_title": "Farms", "i_group": "sector",
                         "occ_code": list(codes), "o_group": ["total"] + ["detailed"] * (len(codes) - 1),
                         "tot_emp": [1000, 200, 500, 300][:len(codes)]})


@pytest.mark.parametrize(("group", "member"), [("29-1000", "29-1221"), ("47-2000", "47-2111"),
                                                ("11-3000", "11-3111"), ("29-1000", "29-1210")])
def test_a_minor_group_of_000_beside_its_member_is_refused(group, member):
    with pytest.raises(DataFormatError) as info:
        refuse_nested_codes(pd.Series([group, member]), "employment", "occ_code", "rows")
    assert str(info.value) == (f"employment, row 2, column 'occ_code': '{member}' (row 2) is in '{group}' (row 1), "
                               "a SOC minor group, and both are rows: its workers would be counted twice; give the "
                               "group or its occupations, not both")


def test_to_sectors_refuses_the_physicians_beside_their_minor_group():
    emp = _sector_emp(["00-0000", "29-1000", "29-1221"])
    with pytest.raises(DataFormatError, match=r"^employment frame, row 3, column 'occ_code': '29-1221' \(row 3\) is "
                       r"in '29-1000' \(row 2\), a SOC minor group, and both are detailed rows of the sector NAICS "
                       r"'11': its workers would be counted twice"):
        to_sectors(_soc(("29-1000", "29-1221"), (1.0, 1.0)), emp)


@pytest.mark.parametrize("codes", [["29-1000", "29-2011"], ["15-1200", "15-2011"], ["29-1000", "29-9091"],
                                   ["15-1200", "15-1252".replace("15-12", "15-13")]])
def test_codes_of_other_minor_groups_pass(codes):
    refuse_nested_codes(pd.Series(codes), "employment", "occ_code", "rows")


def test_the_containers_of_a_code_are_its_groups():
    assert _containers("29-1221") == ["29-1210", "29-1200", "29-1000", "29-0000", "00-0000"]
    assert _containers("15-1252") == ["15-1250", "15-1200", "15-1000", "15-0000", "00-0000"]
    assert _containers("29-1000") == ["29-0000", "00-0000"]
