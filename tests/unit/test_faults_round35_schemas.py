"""Round 35: pandera's failure wording, extension dtypes and the schema docs (``exposure.schemas``).

Round 23 refused cells of the wrong kind in number and flag columns before the model ran.
Faults found in what still reached pandera's own failure cases, whose wording
:func:`exposure.schemas.validate` passed on (``OccupationPanel validation failed (1
failure(s)): row 3, column 'year', check greater_than_or_equal_to(2000): 1999``, the row
and column told twice, the check in pandera's words):

1. A value out of range (``ge``, ``le``, ``gt``, ``in_range``): now ``year must be at
   least 2000, got 1999 (check greater_than_or_equal_to(2000))``.
2. A value not in the allowed set (``isin``): now ``code_type must be one of 'detailed',
   'aggregate', got text 'DETAILED'``.
3. A code not matching its pattern (``str_matches``), also in a ``string[pyarrow]`` or
   ``large_string[pyarrow]`` column: now ``soc_major must match the pattern ...``.
4. A missing value where none is allowed (``not_nullable: nan``), also ``pd.NA`` of a
   ``string`` column: now ``soc_title is missing (a value is required)``.
5. A key given twice (``Config.unique``): ``row 2, check multiple_fields_uniqueness:
   '(the row)'`` named no column and no value; now ``(soc_code, year) = ('11-1011', 2021)
   is on row 2 and again on row 3; keep one row per soc_code and year``, naming the
   first key column. A column ``unique=True`` (``field_uniqueness``) the same.
6. An empty text where text is required (``str_length``), and a row-wise (table) check or
   a check of the model's own (``finite``): now in words.
7. A code column given as numbers (an ISCO-08 code ``110`` for ``0110``, an ``int``
   column read from a spreadsheet): the model turned it into the text ``'110'``, a
   valid ISCO code of another level, without a word. Refused now: a code must be text.

Several failures still make one line: the first one, then ``N more: row r, column 'c':
...``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow
import pytest

from exposure.errors import SchemaError
from exposure.schemas import validate
from exposure.schemas._crosswalks import IscoGroups
from exposure.schemas._onet import Dwas, TaskRatings
from exposure.schemas._outcomes import CensusScores, OccupationPanel


def _panel(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({
        "soc_code": ["11-1011", "11-1012", "11-1013"], "year": [2021, 2022, 2023],
        "soc_title": ["Chief Executives"] * 3, "soc_major": ["11-0000"] * 3,
        "code_type": ["detailed"] * 3, "tot_emp": [100.0, 110.0, 120.0],
        "a_mean": [1.0, 1.0, 1.0], "a_median": [1.0, 1.0, 1.0], "balanced": [True] * 3})
    return frame.assign(**changes)


def _refused(frame, model, message, *, path="p.csv", row_offset=2):
    with pytest.raises(SchemaError) as info:
        validate(frame, model, path=path, row_offset=row_offset)
    text = str(info.value)
    assert text == message
    assert "\n" not in text and "validation failed" not in text
    return info.value


# 1 ------------------------------------------------------------------------------------------
def test_a_value_out_of_range_in_words():
    err = _refused(_panel(year=[2021, 1999, 2023]), OccupationPanel,
                   "p.csv, row 3, column 'year': year must be at least 2000, got 1999 "
                   "(check greater_than_or_equal_to(2000))")
    assert (err.row, err.column) == (3, "year")
    _refused(_panel(year=[2021, 2022, 2101]), OccupationPanel,
             "p.csv, row 4, column 'year': year must be at most 2100, got 2101 "
             "(check less_than_or_equal_to(2100))")


def test_a_frame_with_its_own_index_names_the_row_by_position():
    frame = _panel(year=[2021, 1999, 2023]).set_axis([10, 20, 30])
    err = _refused(frame, OccupationPanel, "p.csv, row 3, column 'year': year must be at least 2000, got 1999 "
                   "(check greater_than_or_equal_to(2000))")
    assert err.row == 3


# 2 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column", [["detailed", "DETAILED", "detailed"],
                                    pd.Categorical(["detailed", "DETAILED", "detailed"])],
                         ids=["object", "category"])
def test_a_value_not_in_the_set(column):
    _refused(_panel(code_type=column), OccupationPanel,
             "p.csv, row 3, column 'code_type': code_type must be one of 'detailed', 'aggregate', "
             "got text 'DETAILED' (check isin)")


# 3 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [object, "string[pyarrow]", pd.ArrowDtype(pyarrow.large_string())],
                         ids=["object", "string[pyarrow]", "large_string"])
def test_a_code_not_matching_its_pattern(dtype):
    _refused(_panel(soc_major=pd.Series(["11-0000", "11-000", "11-0000"], dtype=dtype)), OccupationPanel,
             r"p.csv, row 3, column 'soc_major': soc_major must match the pattern ^[0-9]{2}-0000\Z, "
             "got text '11-000' (check str_matches)")


# 4 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column", [["a", None, "c"], pd.array(["a", pd.NA, "c"], dtype="string"),
                                    pd.Series(["a", None, "c"], dtype="string[pyarrow]")],
                         ids=["object", "string", "string[pyarrow]"])
def test_a_missing_value(column):
    _refused(_panel(soc_title=column), OccupationPanel,
             "p.csv, row 3, column 'soc_title': soc_title is missing (a value is required)")


# 5 ------------------------------------------------------------------------------------------
def test_a_key_given_twice_names_its_columns_values_and_rows():
    err = _refused(_panel(soc_code=["11-1011", "11-1013", "11-1011"], year=[2021, 2022, 2021]), OccupationPanel,
                   "p.csv, row 2, column 'soc_code': (soc_code, year) = ('11-1011', 2021) is on row 2 and again "
                   "on row 4; keep one row per soc_code and year (check multiple_fields_uniqueness)")
    assert (err.row, err.column) == (2, "soc_code")


def test_a_unique_column_given_twice():
    census = pd.DataFrame({"census_occ": ["0010", "0020", "0010"], "tot_emp": [1.0, 2.0, 3.0],
                           "n_onet": [1, 1, 1], "weighting": ["equal"] * 3})
    _refused(census, CensusScores, "p.csv, row 2, column 'census_occ': census_occ '0010' is on row 2 and again "
             "on row 4; each value once (check field_uniqueness)")


# 6 ------------------------------------------------------------------------------------------
def test_an_empty_title_and_an_infinite_count():
    dwas = pd.DataFrame({"dwa_id": ["4.A.2.a.4.I09.D03"], "dwa_title": [""], "iwa_id": ["4.A.2.a.4.I09"],
                         "element_id": ["4.A.2.a.4"]})
    _refused(dwas, Dwas, "p.csv, row 2, column 'dwa_title': dwa_title must have at least 1 character, "
             "got text '' (check str_length)")
    _refused(_panel(tot_emp=[1.0, np.inf, 2.0]), OccupationPanel,
             "p.csv, row 3, column 'tot_emp': tot_emp must be finite (not infinity), got inf (check finite)")


def test_a_row_wise_check_says_what_it_checks():
    ratings = pd.DataFrame({
        "onetsoc_code": ["11-1011.00"], "task_id": [1], "scale_id": ["IM"], "category": [None],
        "data_value": [7.0], "n": [10], "standard_error": [0.1], "lower_ci_bound": [1.0],
        "upper_ci_bound": [5.0], "recommend_suppress": [False], "date": ["08/2023"], "domain_source": ["Incumbent"]})
    _refused(ratings, TaskRatings, "p.csv, row 2, column 'data_value': IM (importance) values lie in [1, 5]; "
             "got 7.0 (check im_range)")


def test_several_failures_make_one_line():
    err = _refused(_panel(year=[1999, 2022, 2023], code_type=["detailed", "x", "detailed"]), OccupationPanel,
                   "p.csv, row 2, column 'year': year must be at least 2000, got 1999 "
                   "(check greater_than_or_equal_to(2000)); 1 more: row 3, column 'code_type': code_type must be "
                   "one of 'detailed', 'aggregate', got text 'x' (check isin)")
    assert err.row == 2


def test_the_column_set_in_words():
    _refused(_panel(extra=[1, 2, 3]), OccupationPanel,
             "p.csv, column 'extra': column 'extra' is not a column of OccupationPanel (no other column allowed)")
    _refused(_panel().drop(columns="a_mean"), OccupationPanel,
             "p.csv, column 'a_mean': column 'a_mean' is missing (OccupationPanel requires it)")


# 7 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("column, shown", [([110, 1120], "110"), (np.array([110, 1120], dtype="int32"), "110"),
                                           ([110.0, 1120.0], "110.0")], ids=["int", "int32", "float"])
def test_a_code_given_as_a_number_is_refused(column, shown):
    groups = pd.DataFrame({"isco08_code": column, "level": [3, 4], "isco_title": ["Armed forces", "Managers"],
                           "description": ["Officers.", "Directors."]})
    _refused(groups, IscoGroups, f"p.csv, row 2, column 'isco08_code': isco08_code must be text (a code keeps "
             f"its leading zeros), got {shown}")


def test_text_columns_still_take_text_of_every_kind():
    out = validate(_panel(soc_code=pd.Series(["11-1011", "11-1012", "11-1013"], dtype="string[pyarrow]"),
                          code_type=pd.Categorical(["detailed", "aggregate", "detailed"])), OccupationPanel)
    assert out["soc_code"].tolist() == ["11-1011", "11-1012", "11-1013"]
    assert out["code_type"].tolist() == ["detailed", "aggregate", "detailed"]
    assert validate(_panel().iloc[:0].astype(object), OccupationPanel).empty
