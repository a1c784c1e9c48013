"""Input faults of ``to_soc`` and ``to_sectors``: refused naming the caller's row and column.

Small hand-built frames (``tests/unit/_frames.py``): a crosswalk of three O*NET-SOC codes
onto two SOC codes, and an OEWS frame with the cross-industry rows and the cells of one
sector.
"""

from __future__ import annotations

import logging
import re
from functools import partial

import numpy as np
import pandas as pd
import pytest
from _frames import crosswalk as _xw
from _frames import employment, soc_scores
from _frames import occupation_scores as _occ

from exposure.errors import DataFormatError
from exposure.rollup import to_sectors, to_soc
from exposure.rollup._soc import require_frame

pytestmark = pytest.mark.filterwarnings("error")

SOC_LOG = "exposure.rollup._sectors"


#: This file's OEWS frames publish the buyers (13-1021.00) under the detailed code 13-1021.
_emp = partial(employment, "13-1021")
_soc = partial(soc_scores, "13-1021")


# fault 3: measures that are not numbers in [0, 1] are refused on the caller's row ---------------

@pytest.mark.parametrize(("value", "reason"), [
    ("0,46", "not a number: '0,46': a decimal comma? write decimals with a point: '0.46'"),
    (1.5, "must be in [0, 1], got 1.5"),
    (-0.1, "must be in [0, 1], got -0.1"),
    (np.inf, "must be in [0, 1], got inf"),
])
@pytest.mark.parametrize("where", ["to_soc", "to_sectors"])
def test_bad_measure_names_the_input_row(where, value, reason):
    if where == "to_soc":
        def call(v):
            # row 2 has no alpha and gamma: a missing beta leaves it unscored (round 71: a row
            # with alpha and gamma but no beta is refused, the code's means were over other children)
            return to_soc(_occ(alpha=[0.1, None, 0.0], beta=pd.Series([0.2, v, 0.3], dtype=object),
                               gamma=[0.3, None, 0.6]), _xw(), _emp())
        name = "occupation_scores"
    else:
        def call(v):
            # row 2 has no alpha and gamma: a missing beta leaves it unscored (round 45: a row
            # with alpha and gamma but no beta is refused, its means were over other workers)
            return to_sectors(_soc(alpha=[0.3, None], beta=pd.Series([0.4, v], dtype=object),
                                   gamma=[0.5, None]), _emp())
        name = "soc_scores"
    with pytest.raises(DataFormatError) as info:
        call(value)
    assert str(info.value) == f"{name}, row 2, column 'beta': {reason}"
    assert (info.value.row, info.value.column) == (2, "beta")
    # a missing value (None, NaN, blank text) is still allowed, and stays missing
    pd.testing.assert_frame_equal(call(""), call(None))
    pd.testing.assert_frame_equal(call(np.nan), call(None))


def test_one_check_of_measures_for_every_rollup():
    """to_soc/to_sectors and to_census_occ read measures with one rule (measure_values).

    A complex value is named on its own row (the whole column used to be complex, so the
    first row was named with its good value), and blank text is missing in every roll-up
    (to_census_occ refused it as "not a number").
    """
    beta = pd.Series([0.2, 0.3, 0.4 + 1j], dtype=object)
    with pytest.raises(DataFormatError) as info:
        to_soc(_occ(beta=beta), _xw(), _emp())
    assert (info.value.row, str(info.value)) == (
        3, "occupation_scores, row 3, column 'beta': not a number: (0.4+1j)")
    from exposure.rollup._census import to_census_occ
    xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "census_occ": ["0010", "0020"]})
    emp = pd.DataFrame({"soc_code": ["11-1011", "13-1021"], "tot_emp": [100.0, 200.0]})
    scores = pd.DataFrame({"onetsoc_code": ["11-1011.00", "13-1021.00"], "beta": [0.5, "  "]})
    out = to_census_occ(scores, crosswalk=xw, employment=emp, measures=["beta"])
    assert out.set_index("census_occ")["beta"].isna().tolist() == [False, True]


# fault 4: combine="n_tasks" needs a count on every row ---------------------------------------------

@pytest.mark.parametrize("bad", [np.nan, 0, -5, 2.5, "many"])
def test_n_tasks_must_be_a_count_for_combine_n_tasks(bad):
    occ = _occ(n_tasks=pd.Series([30, 10, bad], dtype=object))
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 3, column 'n_tasks': .*whole number"):
        to_soc(occ, _xw(), _emp(), combine="n_tasks")
    out = to_soc(occ, _xw(), _emp(), combine="equal")  # not read by the equal combination
    assert out["beta"].tolist() == pytest.approx([0.4, 0.3])
    out = to_soc(occ.assign(n_tasks=[30.0, 10.0, 5.0]), _xw(), _emp(), combine="n_tasks")
    assert out["beta"].tolist() == pytest.approx([(30 * 0.2 + 10 * 0.6) / 40, 0.3])


# fault 5: a missing key is refused, not a pandas index error ---------------------------------------

@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
@pytest.mark.parametrize("where", ["to_soc", "to_sectors", "require_frame"])
def test_missing_codes_are_refused(where, missing):
    if where == "to_soc":
        frame = _occ(onetsoc_code=pd.Series(["11-1011.00", missing, missing], dtype=object))
        call, column = (lambda: to_soc(frame, _xw(), _emp())), "onetsoc_code"
    elif where == "to_sectors":
        frame = _soc(soc_code=pd.Series([missing, missing], dtype=object))
        call, column = (lambda: to_sectors(frame, _emp())), "soc_code"
    else:
        frame = pd.DataFrame({"key": pd.Series(["a", missing, missing], dtype=object)})
        call, column = (lambda: require_frame(frame, "scores", unique="key")), "key"
    row = 1 if where == "to_sectors" else 2
    name = {"to_soc": "occupation_scores", "to_sectors": "soc_scores", "require_frame": "scores"}[where]
    with pytest.raises(DataFormatError, match=rf"^{name}, row {row}, column '{column}': missing$"):
        call()


# fault 6: to_sectors refuses codes that are not SOC codes, warns when codes miss OEWS ---------------

@pytest.mark.parametrize("code", ["11-1011 ", "111011", "11-1011.00", 111011])
def test_sectors_refuse_codes_that_are_not_soc_codes(code):
    soc = _soc(soc_code=pd.Series(["13-1021", code], dtype=object))
    with pytest.raises(DataFormatError, match=r"^soc_scores, row 2, column 'soc_code': not a SOC code"):
        to_sectors(soc, _emp())


@pytest.mark.parametrize(("codes", "says"), [
    (["15-1132", "15-1133"], "none of the 2 scored SOC codes is in the OEWS sector cells"),
    (["11-1011", "15-1132", "15-1133"], "only 1 of the 3 scored SOC codes is in the OEWS sector cells"),
])
def test_sectors_warn_when_codes_miss_the_oews_cells(caplog, codes, says):
    with caplog.at_level(logging.INFO, logger=SOC_LOG):
        sec = to_sectors(_soc(), _emp())  # codes that match: no warning
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert sec["beta"].iloc[0] == pytest.approx((60 * 0.4 + 40 * 0.3) / 100)
    caplog.clear()
    soc = pd.DataFrame({"soc_code": codes, "beta": [0.5] * len(codes)})  # SOC 2010 codes
    with caplog.at_level(logging.INFO, logger=SOC_LOG):
        to_sectors(soc, _emp())
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1 and says in warned[0] and "15-1132" in warned[0]


# fault 8: exposed_threshold is a number in [0, 1] -------------------------------------------------

@pytest.mark.parametrize("bad", ["0.5", None, np.nan, np.inf, -0.1, 1.5, True])
def test_exposed_threshold_is_checked(bad):
    with pytest.raises(DataFormatError, match=re.escape(f"exposed_threshold must be a number in [0, 1], got {bad!r}")):
        to_sectors(_soc(), _emp(), exposed_threshold=bad)
    for threshold, exposed in [(0, 100.0), (np.float64(0.35), 60.0), (1, 0.0)]:  # beta 0.4 on 60, 0.3 on 40
        assert to_sectors(_soc(), _emp(), exposed_threshold=threshold)["exposed_workers"].iloc[0] == exposed
