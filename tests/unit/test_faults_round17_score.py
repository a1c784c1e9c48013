"""Fault round 17: ``score_tasks`` and an O*NET-SOC code given as bytes.

pandas decodes bytes when it converts a column to text, so ``b'47-2061.00'`` passed the
code check of ``score_tasks`` while the category tagger read the cell as no code (and the
row as free text): the same text got other tags than with the code as ``str``.
"""

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.scoring import score_tasks


@pytest.mark.parametrize("method", ["learned", "rubric"])
def test_bytes_code_is_refused_with_its_row(method):
    frame = pd.DataFrame({"task": ["Draft captions for Instagram posts.", "Lay bricks."],
                          "onetsoc_code": ["47-2021.00", b"47-2061.00"]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'onetsoc_code'.*b'47-2061.00'"):
        score_tasks(frame, method=method)


def test_str_codes_and_missing_codes_still_pass():
    frame = pd.DataFrame({"task": ["Draft captions for Instagram posts.", "Lay bricks.", "Weld."],
                          "onetsoc_code": ["47-2021.00", None, float("nan")]})
    out = score_tasks(frame)
    assert len(out) == 3 and out.index.tolist() == [0, 1, 2]
