"""Fault round 66, found while landing the round (each test failed before its fix).

1. Round 66 made the tagger warn of titles held under ``Occupation``, ``Position`` or
   ``Role`` (``give occupation_column='Occupation'``). A frame whose ``occupation``
   column holds occupation codes (``27-1011.00``), not titles, got the same advice, which
   the title check would then refuse. Such a column is no longer offered as the titles.
"""

from __future__ import annotations

import logging

import pandas as pd

from exposure.scoring.categories import tag_categories


def test_an_occupation_column_of_codes_is_not_offered_as_the_titles(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["27-1011.00"]}))
    assert "occupation_column" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["Art Directors"]}))
    assert "give occupation_column='occupation'" in caplog.text
