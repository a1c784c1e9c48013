"""Fault round 18: a decimal comma in the numbers of the shared readers.

``exposure._tables.to_number`` (behind the crosswalk, measure and O*NET readers) took a
comma for a thousands separator wherever it stood: ``9,5`` (a spreadsheet in a European
locale) was read as 95, silently. The O*NET readers had just been given their own check;
the employment numbers of the roll-ups read ``0,500`` as 500.
"""

from pathlib import Path

import pandas as pd
import pytest

from exposure._tables import RawTable, to_number
from exposure.errors import DataFormatError
from exposure.rollup._soc import _number

# the number to write, not the example (9.5) (round 74)
COMMA = r"a comma must separate thousands \(1,234\); write decimals with a point \({}\), not a comma"


def _raw(values):
    return RawTable(pd.DataFrame({"v": values}), Path("f.csv"), 2, {"v": "Value"})


@pytest.mark.parametrize("value, written", [("9,5", r"9\.5"), ("4,50", r"4\.50"), ("0,500", r"0\.500"),
                                            ("1,2345", r"1\.2345"), ("1.234,5", r"1234\.5"), (",5", r"0\.5")])
def test_to_number_refuses_a_decimal_comma(value, written):
    with pytest.raises(DataFormatError, match=rf"f\.csv, row 3, column 'Value': not a number: '{value}': "
                                              + COMMA.format(written)):
        to_number(_raw(["1", value]), "v")


@pytest.mark.parametrize("value, expected", [("1,234", 1234.0), ("-1,234.5", -1234.5), ("1,234,567", 1234567.0),
                                             (" 12,000 ", 12000.0), ("7.5", 7.5)])
def test_to_number_still_reads_thousands(value, expected):
    assert to_number(_raw([value]), "v").tolist() == [expected]


def test_employment_of_the_rollups_refuses_a_leading_zero_group():
    """``0,500`` is a decimal comma (0.5), not 500 workers."""
    with pytest.raises(DataFormatError, match="tot_emp must be a number or a BLS special value"):
        _number(pd.Series(["1,200", "0,500"]), "tot_emp", "soc_scores")
    assert _number(pd.Series(["1,200"]), "tot_emp", "soc_scores").tolist() == [1200.0]
