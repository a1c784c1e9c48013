"""Rollups: tasks -> O*NET-SOC occupations -> OEWS occupation codes -> sectors -> workforce.

Pure frame -> frame functions, vectorized with numpy:

- :func:`to_occupations` -- weighted means over tasks (weights ``equal``, ``core``,
  ``importance``, ``frequency``);
- :func:`to_soc` -- the official O*NET-SOC -> SOC 2018 crosswalk, then SOC -> OEWS codes
  (OEWS aggregates such as ``13-1020``; the rule is
  :func:`exposure.crosswalks.oews_code_map`), each code's employment counted once;
- :func:`to_sectors` -- employment-weighted NAICS sectors and 3-digit subsectors;
- :func:`workforce_stats`, :func:`working_time` -- workforce shares and a working-time
  scenario;
- :func:`bootstrap_occupations` and :func:`rollup` -- bootstrap intervals carried through
  every level;
- :func:`to_census_occ` -- O*NET-SOC (or OEWS-code) scores on the Census 2018 occupation
  codes of CPS and ACS microdata, weighted by OEWS employment.

The facts every level shares (``LABEL_SCORES``, ``MEASURES``, ``CATEGORIES``,
``CATEGORY_SHARES``) are :mod:`exposure._measures`'s, re-exported here.
"""

from exposure._measures import CATEGORIES, CATEGORY_SHARES, LABEL_SCORES, MEASURES
from exposure.crosswalks import oews_code_map
from exposure.rollup._census import census_weights, to_census_occ
from exposure.rollup._occupations import (
    FREQUENCY_PER_YEAR,
    OccupationDraws,
    bootstrap_occupations,
    label_scores,
    scores_from_labels,
    task_weights,
    to_occupations,
)
from exposure.rollup._run import Rollup, rollup
from exposure.rollup._sectors import to_sectors, workforce_stats, working_time
from exposure.rollup._soc import coverage, employment_frame, national_detailed, onet_to_oews, to_soc

__all__ = [
    "CATEGORIES",
    "CATEGORY_SHARES",
    "FREQUENCY_PER_YEAR",
    "LABEL_SCORES",
    "MEASURES",
    "OccupationDraws",
    "Rollup",
    "bootstrap_occupations",
    "census_weights",
    "coverage",
    "employment_frame",
    "label_scores",
    "national_detailed",
    "oews_code_map",
    "onet_to_oews",
    "rollup",
    "scores_from_labels",
    "to_census_occ",
    "task_weights",
    "to_occupations",
    "to_sectors",
    "to_soc",
    "workforce_stats",
    "working_time",
]
