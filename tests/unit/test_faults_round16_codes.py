"""Fault round 16: codes given as bytes matched no code of the other tables."""

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures._common import check_soc_scores
from exposure.rollup._soc import check_codes
from exposure.schemas._fields import first_bad_onetsoc_code, first_bad_soc_code


def test_soc_scores_with_bytes_codes_are_refused_by_row():
    """Bytes are not a code.

    Before, b'11-2011' passed the check (pandas reads bytes as their text when it converts
    them to text), though it equals no str code of the tables it is joined with.
    """
    frame = pd.DataFrame({"soc_code": ["11-1011", b"11-2011"], "beta": [0.2, 0.3]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'soc_code': soc_code not a SOC code "
                                              r"\(like 11-1011\): b'11-2011'"):
        check_soc_scores(frame, ["beta"])


def test_onet_codes_as_bytes_are_refused():
    frame = pd.DataFrame({"onetsoc_code": [b"11-1011.00"], "beta": [0.2]})
    with pytest.raises(DataFormatError, match=r"b'11-1011.00'"):
        check_codes(frame, "occupation_scores")


@pytest.mark.parametrize("check, good", [(first_bad_soc_code, "11-1011"),
                                         (first_bad_onetsoc_code, "11-1011.00")])
def test_the_code_checks_read_only_text(check, good):
    assert check(pd.Series([good, None])) == (1, "missing")
    assert check(pd.Series([good, good.encode()]))[0] == 1
    assert check(pd.Series([good, [good]]))[0] == 1
    assert check(pd.Series([good], dtype="string")) is None
    assert check(pd.Series([good, pd.NA], dtype="string")) == (1, "missing")
