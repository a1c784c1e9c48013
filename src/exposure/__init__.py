"""exposure: how exposed work is to large language models and LLM-driven agents.

The public API is small:

- :func:`load` returns the shipped, validated processed tables (no network needed);
- :func:`score_tasks` scores task statements (methods ``learned``, ``rubric``,
  ``reference``);
- :func:`to_occupations`, :func:`to_soc` and :func:`to_sectors` roll task scores up to
  O*NET occupations, SOC/OEWS codes and NAICS sectors; :func:`to_census_occ` puts scores
  on the Census 2018 occupation codes of CPS and ACS microdata;
- :data:`SOURCES` is the hash-pinned registry of upstream files
  (:func:`exposure.fetch.fetch` downloads or mirrors them);
- :func:`load_onet` and :func:`load_oews` parse the raw sources.

Everything else lives in the stage modules (:mod:`exposure.sources`, :mod:`exposure.fetch`,
:mod:`exposure.onet`, :mod:`exposure.oews`, :mod:`exposure.crosswalks`,
:mod:`exposure.scoring`, :mod:`exposure.rollup`, :mod:`exposure.measures`,
:mod:`exposure.pipeline`).

Examples
--------
>>> import exposure
>>> occ = exposure.load("occupations")
>>> {"onetsoc_code", "alpha", "beta", "gamma"} <= set(occ.columns)
True
"""

from exposure._load import load
from exposure._version import __version__
from exposure.oews import load_oews
from exposure.onet import load_onet
from exposure.rollup import to_census_occ, to_occupations, to_sectors, to_soc
from exposure.scoring import score_tasks
from exposure.sources import SOURCES

__all__ = [
    "__version__",
    "SOURCES",
    "load",
    "load_oews",
    "load_onet",
    "score_tasks",
    "to_census_occ",
    "to_occupations",
    "to_sectors",
    "to_soc",
]
