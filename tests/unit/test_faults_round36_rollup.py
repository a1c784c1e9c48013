"""Round 36: bootstrap draws of ``workforce_stats``, the Census roll-up, sector totals.

1. ``workforce_stats`` took ``draws`` values above 1 or below 0 (``1.5``, ``-0.2``) or
   infinite: the error came from the output schema and named no input
   (``WorkforceStats, row 0, column 'emp_mean_ci_low': emp_mean_ci_low must be at most 1,
   got inf``), or, where the interval stayed in [0, 1], the shares were computed from
   them without a word. Refused now, naming ``draws['beta']``, the draw (counted from 1),
   the column and the ``soc_scores`` row and code it belongs to.
2. Complex draws were cut to their real part (numpy's ``ComplexWarning``), boolean draws
   read as 1.0 and 0.0; :func:`~exposure.rollup._soc.measure_values` refuses both in
   ``soc_scores``. Refused now in the draws too.
3. A draws array with no draws (shape ``(0, n)``) gave missing intervals for every group
   without a word. Refused now.
4. A draws key that is no column of ``soc_scores`` (a typo, ``"bta"``) was ignored: the
   intervals were left out without a word. Refused now, naming the key.
5. ``to_census_occ`` whose only scored code is not in the crosswalk named the column
   but not the row (``scores, column 'onetsoc_code': the O*NET-SOC code '99-9999.00' is
   not in the Census crosswalk``). It names the row now.
6. (guard) ``workforce_stats``' sector ``tot_emp`` is the employment of the released
   industry x occupation cells, ``to_sectors``' the "All Occupations" row: they differ by
   exactly ``suppressed_emp``, while ``covered_emp`` and the means agree. Documented in
   both docstrings now; the test keeps the relation.

Tiny made-up frames (the BLS by-industry layout), written by the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, SchemaError
from exposure.rollup import to_census_occ, to_sectors, workforce_stats


def _soc():
    return pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"], "soc_title": list("abc"),
                         "alpha": [0.1, 0.2, 0.3], "beta": [0.2, 0.6, 0.9], "gamma": [0.3, 0.7, 0.95],
                         "tot_emp": [100.0, 200.0, 300.0], "a_mean": [1.0, 2.0, 3.0]})


def _employment():
    return pd.DataFrame({
        "naics": ["11"] * 4 + ["52"] * 3, "naics_title": ["Ag"] * 4 + ["Fin"] * 3, "i_group": ["sector"] * 7,
        "occ_code": ["00-0000", "11-1011", "13-1020", "15-1252", "00-0000", "11-1011", "13-1020"],
        "occ_title": list("abcdefg"),
        "o_group": ["total", "detailed", "detailed", "detailed", "total", "detailed", "detailed"],
        "tot_emp": ["120", "60", "40", "**", "50", "30", "**"], "a_mean": ["1", "2", "3", "4", "5", "6", "7"]})


def _draws(value, row=1, col=0):
    d = np.array([[0.2, 0.6, 0.9], [0.25, 0.55, 0.85]])
    d = d.astype(type(value)) if isinstance(value, (complex, bool)) else d
    d[row, col] = value
    return d


@pytest.mark.parametrize("value", [1.5, -0.2, np.inf, -np.inf])
def test_draws_out_of_range_refused_naming_the_input(value):
    with pytest.raises(DataFormatError) as e:
        workforce_stats(_soc(), measures=["beta"], draws={"beta": _draws(value, row=1, col=2)})
    assert not isinstance(e.value, SchemaError)
    msg = str(e.value)
    assert "draws['beta']" in msg and "draw 2" in msg and "column 3" in msg, msg
    assert "row 3" in msg and "'15-1252'" in msg and "[0, 1]" in msg, msg


def test_draws_slightly_above_one_from_rounding_kept():
    # a weighted mean of draws that are all 1.0 can come out as 1.0000000000000002
    d = _draws(1.0 + 2e-16, row=0, col=2)
    w = workforce_stats(_soc(), measures=["beta"], draws={"beta": d})
    assert (w["emp_mean_ci_high"] <= 1).all()


def test_complex_draws_refused():
    with pytest.raises(DataFormatError, match=r"draws\['beta'\].*complex"):
        workforce_stats(_soc(), measures=["beta"], draws={"beta": _draws(0.5 + 1j)})


def test_boolean_draws_refused():
    with pytest.raises(DataFormatError, match=r"draws\['beta'\].*boolean"):
        workforce_stats(_soc(), measures=["beta"], draws={"beta": np.ones((2, 3), dtype=bool)})


def test_no_draws_refused():
    with pytest.raises(DataFormatError, match=r"draws\['beta'\] has no draws"):
        workforce_stats(_soc(), measures=["beta"], draws={"beta": np.zeros((0, 3))})


def test_draws_key_not_a_column_refused():
    with pytest.raises(DataFormatError, match=r"draws has 'bta'"):
        workforce_stats(_soc(), measures=["beta"], draws={"bta": _draws(0.5)})


def test_draws_of_other_columns_of_soc_scores_still_accepted():
    # rollup() passes draws of every measure with intervals; workforce_stats uses those it rolls up
    w = workforce_stats(_soc(), measures=["beta"], draws={"beta": _draws(0.5), "alpha": _draws(0.5)})
    assert w["emp_mean_ci_low"].notna().all()


def test_draws_with_missing_values_still_accepted():
    # a draw in which an occupation has no value (every task of it unscored) is missing, not refused
    w = workforce_stats(_soc(), measures=["beta"], draws={"beta": _draws(np.nan)})
    assert w["emp_mean_ci_low"].notna().all()


def test_census_unmatched_code_named_with_its_row():
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0020"]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": ["100", "200"]})
    scores = pd.DataFrame({"onetsoc_code": ["99-9999.00"], "beta": [0.2]})
    with pytest.raises(DataFormatError, match=r"^scores, row 1, column 'onetsoc_code': the O\*NET-SOC code "
                                              r"'99-9999.00' is not in the Census crosswalk"):
        to_census_occ(scores, xw, emp)


def test_workforce_sector_total_is_the_released_cells():
    soc, emp = _soc(), _employment()
    s = to_sectors(soc, emp).set_index("naics")
    w = workforce_stats(soc, emp, measures=["beta"])
    w = w[w["group_type"] == "sector"].set_index("group")
    assert w.loc["11", "tot_emp"] == 100.0 and s.loc["11", "tot_emp"] == 120.0
    assert (s["tot_emp"] - w["tot_emp"] == s["suppressed_emp"]).all()
    assert (s["covered_emp"] == w["covered_emp"]).all()
    assert np.allclose(s["beta"], w["emp_mean"])
