"""Fault round 80 (schema numbers): text a spreadsheet wrote for a number, told what to write.

Faults found (each test below failed before its fix):

1. :func:`exposure.schemas.validate` (so ``exposure outcomes --panel`` and every table read
   through a schema) refused a number written with a thousands separator, a decimal comma
   or a spreadsheet's error value as ``panel.csv, row 0, column 'tot_emp': tot_emp must be
   a number, got text '200,480'``, with no word of what to write, where the readers of
   numbers say it (:func:`exposure._tables.number_hint`). Now the same words follow:
   ``...: a comma does not separate thousands here: write '200480'``. Other text is said as
   before.
2. A number with a currency sign or code (``a_mean`` ``'$52,021'``, ``'52021 USD'``) was
   ``... got text '$52,021'`` (the Python API: ``not a number: '$52021'``) and no more; now
   ``...: a currency sign is not read: write '52021'`` (:func:`exposure._tables.number_hint`).
"""

import pandas as pd
import pytest

from exposure.errors import SchemaError
from exposure.schemas import validate
from exposure.schemas._outcomes import OccupationPanel


def _panel(tot_emp):
    return pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "year": [2021, 2022],
                         "soc_title": ["Chief Executives"] * 2, "soc_major": ["11-0000"] * 2,
                         "code_type": ["detailed"] * 2, "tot_emp": [tot_emp, "1"], "a_mean": [1.0, 2.0],
                         "a_median": [1.0, 2.0], "balanced": [True, True]})


@pytest.mark.parametrize(("value", "hint"), [
    ("200,480", ": a comma does not separate thousands here: write '200480'"),
    ("1 234", ": a space does not separate thousands here: write '1234'"),
    ("0,5", ": a decimal comma? write decimals with a point: '0.5'"),
    ("#N/A", ": a spreadsheet's error value (a formula that failed in the spreadsheet): correct the formula there, "
             "or leave the cell empty"),
    ("x", ""),
])
def test_a_number_written_by_a_spreadsheet_is_told_what_to_write(value, hint):
    with pytest.raises(SchemaError) as info:
        validate(_panel(value), OccupationPanel, path="panel.csv")
    assert str(info.value) == f"panel.csv, row 0, column 'tot_emp': tot_emp must be a number, got text {value!r}{hint}"


@pytest.mark.parametrize("value", ["$52,021", "52021 USD"])
def test_a_wage_with_its_currency_sign_is_told_the_number(value):
    # a wage copied from a web page: "a_mean must be a number, got text '$52,021'" and no more
    panel = _panel("1").assign(a_mean=[value, "2"])
    with pytest.raises(SchemaError) as info:
        validate(panel, OccupationPanel, path="panel.csv")
    assert str(info.value) == (f"panel.csv, row 0, column 'a_mean': a_mean must be a number, got text {value!r}: "
                               "a currency sign is not read: write '52021'")
