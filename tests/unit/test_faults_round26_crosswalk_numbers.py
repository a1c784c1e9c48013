"""Fault round 26 (lead of the measures round): codes of the SOC 2010 -> ISCO-08 crosswalk saved as numbers.

1. A ``soc10`` cell ``111011.0`` was refused in pandera's words (``Soc10Isco08 validation
   failed ... check str_matches('^[0-9]{2}-[0-9]{4}\\Z')``): now the library says what a
   SOC 2010 code looks like, and that a spreadsheet may have saved it as a number.
2. An ``isco08`` cell ``1112.0`` got no hint that it was a number.
"""

import pytest

from exposure.crosswalks import read_soc10_isco08
from exposure.errors import DataFormatError


def _write(tmp_path, body):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc10,isco08\n" + body, encoding="utf-8")
    return path


def test_a_soc_code_saved_as_a_number_is_named_with_a_hint(tmp_path):
    path = _write(tmp_path, "111011,1112\n111011.0,1120\n")
    with pytest.raises(DataFormatError) as err:
        read_soc10_isco08(path)
    msg = str(err.value)
    assert "row 3, column 'soc10'" in msg and "soc10 must be a SOC 2010 code (like 11-1011 or 111011)" in msg
    assert "got '111011.0': a code saved as a number? write it as text with its hyphen: '11-1011'" in msg
    assert "str_matches" not in msg


def test_a_malformed_soc_code_is_named_without_the_number_hint(tmp_path):
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc10': soc10 must be a SOC 2010 code .*got '11-10'$"):
        read_soc10_isco08(_write(tmp_path, "11-10,1112\n"))


def test_an_isco_code_saved_as_a_number_gets_the_hint(tmp_path):
    with pytest.raises(DataFormatError, match=r"row 2, column 'isco08': .*got '1112.0': a number\?"):
        read_soc10_isco08(_write(tmp_path, "111011,1112.0\n"))


def test_good_codes_still_read(tmp_path):
    out = read_soc10_isco08(_write(tmp_path, "111011,1112\n55-1011,110\n"))
    assert out.values.tolist() == [["11-1011", "1112"], ["55-1011", "0110"]]
