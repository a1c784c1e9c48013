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

import importlib as _importlib

from exposure._version import __version__

#: Where each public name lives. They are imported on first use (PEP 562), so that
#: ``import exposure`` and the command line load only what they need (``exposure score``
#: does not load the roll-ups, OEWS or the shipped tables).
_PUBLIC = {
    "SOURCES": "exposure.sources",
    "load": "exposure._load",
    "load_oews": "exposure.oews",
    "load_onet": "exposure.onet",
    "score_tasks": "exposure.scoring",
    "to_census_occ": "exposure.rollup",
    "to_occupations": "exposure.rollup",
    "to_sectors": "exposure.rollup",
    "to_soc": "exposure.rollup",
}


#: The stage modules, imported on first use too: ``import exposure`` then
#: ``exposure.rollup.rollup(...)`` raised ``AttributeError: module 'exposure' has no
#: attribute 'rollup'`` unless the submodule had been imported before. (``exposure.dask``
#: and ``exposure.spark`` need their extras: import them by name.)
_MODULES = frozenset({"crosswalks", "errors", "fetch", "measures", "oews", "onet", "outcomes",
                      "pipeline", "releases", "reports", "rollup", "schemas", "scoring", "sources"})


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(_importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value  # once
        return value
    if name in _MODULES:
        return _importlib.import_module(f"exposure.{name}")  # the import binds the attribute
    raise AttributeError(f"module 'exposure' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC) | _MODULES)


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
