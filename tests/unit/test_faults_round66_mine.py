"""Fault round 66, found while landing the round (each test failed before its fix).

1. Round 66 made the tagger warn of titles held under ``Occupation``, ``Position`` or
   ``Role`` (``give occupation_column='Occupation'``). A frame whose ``occupation``
   column holds occupation codes (``27-1011.00``), not titles, got the same advice, which
   the title check would then refuse. Such a column is no longer offered as the titles.
2. :func:`exposure.rollup.rollup` with bootstrap draws said the warnings of the task
   weights (ratings O*NET marks Recommend Suppress = Y, FT percentages summing below 100)
   twice: the bootstrap computed the weights again. It now takes the roll-up's
   (``bootstrap_occupations(..., w=)``).
"""

from __future__ import annotations

import logging

import pandas as pd
from _frames import crosswalk, employment

from exposure.rollup import label_scores, rollup
from exposure.scoring.categories import tag_categories


def test_an_occupation_column_of_codes_is_not_offered_as_the_titles(caplog):
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["27-1011.00"]}))
    assert "occupation_column" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="exposure.scoring.categories"):
        tag_categories(pd.DataFrame({"task": ["Draft captions."], "occupation": ["Art Directors"]}))
    assert "give occupation_column='occupation'" in caplog.text


def test_the_weights_warnings_are_said_once_with_the_bootstrap(caplog):
    ts = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.00"], "task_id": [1, 2], "label": ["E1", "E0"]})
    ts = pd.concat([ts, label_scores(ts["label"])], axis=1)
    ratings = pd.DataFrame({"onetsoc_code": ["11-1011.00"] * 2, "task_id": [1, 2], "scale_id": ["IM"] * 2,
                            "data_value": [4.0, 3.0], "recommend_suppress": [True, False]})
    xw, emp = crosswalk(), employment()
    counts = []
    for n_draws in (0, 20):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="exposure.rollup"):
            rollup(ts, xw, emp, weights="importance", task_ratings=ratings, n_draws=n_draws)
        counts.append(caplog.text.count("Recommend Suppress = Y"))
    assert counts == [1, 1]
