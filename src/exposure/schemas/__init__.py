"""Pandera models of every table that crosses a module boundary.

Models are declared once, in the private modules of this package, and re-exported here:

- ``_raw``: tables parsed from the upstream sources (O*NET, OEWS, crosswalks);
- ``_scores``: task, occupation, SOC and sector scores;
- ``_measures``: published reference measures.

Each field carries a description (and unit where it applies) in its ``pa.Field``
``description``/``metadata``; the docs' table pages are generated from them.
"""
