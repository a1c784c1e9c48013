"""Fault round 63: comparing our scores with the published measures (``exposure.measures.compare``).

1. ``to_oews_codes`` of a frame with no rows (a filter that matched nothing), and
   ``coverage`` of a measure missing on every code (its rows dropped before the codes are
   crossed): pandas' ``NotImplementedError: eq not implemented for <class 'type'>``. Now an
   empty table (``soc_code``, the columns, ``crosswalk_weight``, ``n_sources``) and a
   coverage of 0 SOC codes and 0 employment.
2. ``to_oews_codes`` errors on a value named no frame: ``row 2, column 'm': not a number:
   'x'``, ``column 'q': missing column(s) ['q']``. Now ``frame, row 2, column 'm': ...``,
   as its other errors say.
3. ``weighted_pearson`` / ``weighted_spearman`` given a list or an object array holding
   ``pd.NA`` (the ``tolist()`` of an ``Int64`` or ``Float64`` column): refused as ``x must
   be a list of numbers (or an array, a Series), got list [1, 2, <NA>, 3]``, though
   missing values (None, NaN, ``pd.NA``) are documented as left out. Now the pair is left
   out, as with None or NaN (a ``pd.NA`` weight is refused as a NaN weight is).
4. ``weighted_pearson`` / ``weighted_spearman`` given Series holding the same index labels
   in another order (a column of a table sorted by another column): paired by position
   without a word, a correlation of 0.8 for two measures that agree exactly by code. Now
   refused, as the category reports refuse such frames (``exposure._tables.check_paired``):
   ``y has the index labels of x in another order: the rows are paired by position, not by
   label; pass y.reindex(x.index)``.
5. ``correlations`` of a table with two-level column names (a ``pd.concat({...}, axis=1)``
   or ``pivot_table`` result, its measures named by their first level): pandas' ``KeyError:
   ['x', 'y']``. Now refused as ``disagreements`` and ``correlation_matrix`` refuse such
   tables: ``table has 2-level column names (e.g. ('soc_code', '')): flatten them to one
   level``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from exposure.errors import DataFormatError, ExposureError
from exposure.measures import compare as cmp

OEWS = ["31-1120", "11-1011", "29-1210"]


def _measure() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["31-1122", "31-1121", "11-1011", "29-1221"], "m": [0.2, 0.4, 0.9, 0.5]})


# 1. no rows


@pytest.mark.parametrize("codes", [pd.Series([], dtype=str), pd.Series([], dtype=object)], ids=["str", "object"])
def test_to_oews_codes_of_no_rows_is_an_empty_table(codes):
    out = cmp.to_oews_codes(pd.DataFrame({"soc_code": codes, "m": pd.Series([], dtype=float)}), ["m"], OEWS)
    assert out.empty
    assert list(out.columns) == ["soc_code", "m", "crosswalk_weight", "n_sources"]


def test_to_oews_codes_of_a_filter_that_matched_nothing():
    f = _measure()
    out = cmp.to_oews_codes(f[f["m"] > 2], ["m"], OEWS)
    assert out.empty and out.attrs["n_source"] == 0
    out = cmp.to_oews_codes(f, ["m"], OEWS)  # the rows, as before
    assert out["soc_code"].tolist() == ["11-1011", "29-1210", "31-1120"]
    assert out["m"].round(12).tolist() == [0.9, 0.5, 0.3]
    assert out["n_sources"].tolist() == [1, 1, 2]
    assert pd.api.types.is_string_dtype(out["soc_code"])


def test_coverage_of_a_measure_without_values_is_zero():
    m = pd.DataFrame({"soc_code": ["11-1011", "31-1122"], "value": [np.nan, np.nan]})
    m.attrs.update(n_source=3, n_matched=2)
    emp = pd.DataFrame({"soc_code": ["11-1011", "31-1120", "15-1252"], "tot_emp": [100.0, 50.0, 850.0]})
    c = cmp.coverage(m, emp, name="m")
    assert (c["soc_codes"], c["emp_covered"], c["emp_share"], c["source_codes"]) == (0, 0.0, 0.0, 3)


# 2. the frame named


def test_to_oews_codes_names_the_frame_of_a_bad_value():
    with pytest.raises(DataFormatError, match=r"^frame, row 2, column 'm': not a number: 'x'$"):
        cmp.to_oews_codes(_measure().assign(m=["0.2", "x", "0.9", "0.5"]), ["m"], OEWS)


def test_to_oews_codes_names_the_frame_of_a_missing_column():
    with pytest.raises(DataFormatError, match=r"^frame, column 'q': missing column\(s\) \['q'\]"):
        cmp.to_oews_codes(_measure(), ["q"], OEWS)


# 3. pd.NA in a list


@pytest.mark.parametrize("func", [cmp.weighted_pearson, cmp.weighted_spearman])
def test_pd_na_in_a_list_is_a_missing_value(func):
    expected = func([1, 2, 3], [1, 2, 4])
    assert func([1, 2, pd.NA, 3], [1, 2, 9, 4]) == expected
    assert func(pd.Series([1, 2, pd.NA, 3], dtype=object), [1, 2, 9, 4]) == expected
    assert func(pd.Series([1, 2, None, 3], dtype="Float64").tolist(), [1, 2, 9, 4]) == expected
    for value in (["a", pd.NA, 1], [True, pd.NA, 1.0], [[1], pd.NA, [2]]):  # still no numbers
        with pytest.raises(DataFormatError, match="x must be a list of numbers"):
            func(value, [1, 2, 3])


def test_pd_na_weight_is_refused_as_nan_is():
    with pytest.raises(ExposureError, match="finite and non-negative, got nan at position 2 of w"):
        cmp.weighted_pearson([1, 2, 3, 4], [1, 2, 4, 3], [1, 1, pd.NA, 1])


# 4. Series in another order


@pytest.mark.parametrize("func", [cmp.weighted_pearson, cmp.weighted_spearman])
def test_series_in_another_order_are_refused(func):
    codes = ["11-1011", "15-1252", "43-9021", "53-3032"]
    a = pd.Series([0.1, 0.9, 0.4, 0.2], index=codes)
    b = a.sort_values()  # the same values by code, in another row order
    with pytest.raises(DataFormatError, match=r"^y has the index labels of x in another order: the rows are "
                                              r"paired by position, not by label; pass y.reindex\(x.index\)$"):
        func(a, b)
    with pytest.raises(DataFormatError, match=r"^w has the index labels of x in another order"):
        func(a, a, pd.Series(1.0, index=codes[::-1]))
    assert func(a, b.reindex(a.index)) == pytest.approx(1.0)
    # one order, lists and arrays: paired as before
    s = pd.Series([1.0, 2.0, 3.0], index=[2, 0, 1])
    assert func(s, [1, 2, 4]) == func([1, 2, 3], [1, 2, 4])
    assert func(s, pd.Series([1.0, 2.0, 4.0], index=[2, 0, 1])) == func([1, 2, 3], [1, 2, 4])
    assert func(pd.Series([1, 2, 3]), pd.Series([3, 2, 1], index=[5, 6, 7])) == pytest.approx(-1.0)


# 5. two-level column names


def test_correlations_refuses_two_level_column_names():
    t = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"], "x": [0.1, 0.2, 0.3, 0.4],
                      "y": [1.0, 3.0, 2.0, 4.0], "tot_emp": [1.0, 1.0, 1.0, 1.0]})
    wide = t.set_axis(pd.MultiIndex.from_tuples([(c, "") for c in t.columns]), axis=1)
    with pytest.raises(DataFormatError, match=r"^table has 2-level column names \(e.g. \('soc_code', ''\)\): "
                                              r"flatten them to one level$"):
        cmp.correlations(wide, ["x", "y"])
    assert cmp.correlations(t, ["x", "y"])["spearman"].round(12).tolist() == [0.8]
