"""Figures and summary tables of the results, drawn from the processed tables.

Everything here reads the tables written by ``exposure recompute`` (``soc_scores``,
``sector_scores`` and ``workforce`` in ``data/processed/``); nothing is recomputed. The
documentation's Results page is built from :func:`render_results` and
:func:`results_tables`.

The lists of the most and least exposed occupations leave out occupations with fewer than
:data:`MIN_EMPLOYMENT` workers (a handful of tiny occupations would otherwise lead them)
and show each occupation's employment.

Figures are deterministic: the same tables give byte-identical PNG files. They are drawn
with matplotlib's object-oriented API on the Agg canvas (the global backend is left
alone), in matplotlib's bundled DejaVu Sans font, at a fixed size and resolution, and
saved without the ``Software`` and date metadata that would change between versions or
runs.
"""

import contextlib
import logging
import math
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import (
    as_real,
    check_column,
    check_count,
    check_names,
    check_path,
    choice_hint,
    is_number,
    shown,
)
from exposure._io import atomic_path, atomic_paths, check_output_path
from exposure._load import check_recorded, load
from exposure._measures import CATEGORIES, CATEGORY_SHARES, EXPOSURE_MEASURES
from exposure._outdir import check_files_dir, refuse_file_named_dir
from exposure._tables import first_repeat, power_scaled
from exposure.errors import DataFormatError, ExposureError
from exposure.fetch import refuse_read_folders
from exposure.measures._common import check_codes, check_once, check_range, check_table, numbers
from exposure.rollup._soc import refuse_nested_codes
from exposure.schemas._fields import SOC_OR_ONETSOC_PATTERN

__all__ = [
    "CATEGORY_LABELS",
    "MIN_EMPLOYMENT",
    "SOC_MAJOR_GROUPS",
    "soc_major_group",
    "sector_title",
    "weighted_mean",
    "by_major_group",
    "by_wage_decile",
    "ranked",
    "format_workers",
    "plot_ranked_occupations",
    "write_png",
    "plot_sectors",
    "plot_major_groups",
    "plot_wage",
    "plot_categories",
    "plot_coverage",
    "plot_distribution",
    "save_png",
    "read_results",
    "render_results",
    "results_tables",
]

logger = logging.getLogger(__name__)

CATEGORY_LABELS = dict(zip(
    (CATEGORY_SHARES[c] for c in CATEGORIES),
    ("administrative", "routine coding", "entry-level creative"),
    strict=True,
))
"""Category share columns of the rollup tables and their labels, in drawing order."""

MIN_EMPLOYMENT = 10_000
"""Default employment floor (workers, May OEWS) of the most and least exposed lists."""

SOC_MAJOR_GROUPS = {
    "11-0000": "Management",
    "13-0000": "Business and Financial Operations",
    "15-0000": "Computer and Mathematical",
    "17-0000": "Architecture and Engineering",
    "19-0000": "Life, Physical, and Social Science",
    "21-0000": "Community and Social Service",
    "23-0000": "Legal",
    "25-0000": "Educational Instruction and Library",
    "27-0000": "Arts, Design, Entertainment, Sports, and Media",
    "29-0000": "Healthcare Practitioners and Technical",
    "31-0000": "Healthcare Support",
    "33-0000": "Protective Service",
    "35-0000": "Food Preparation and Serving Related",
    "37-0000": "Building and Grounds Cleaning and Maintenance",
    "39-0000": "Personal Care and Service",
    "41-0000": "Sales and Related",
    "43-0000": "Office and Administrative Support",
    "45-0000": "Farming, Fishing, and Forestry",
    "47-0000": "Construction and Extraction",
    "49-0000": "Installation, Maintenance, and Repair",
    "51-0000": "Production",
    "53-0000": "Transportation and Material Moving",
}
"""Titles of the 22 SOC 2018 major groups (the classification's own titles, shortened
by dropping the trailing "Occupations")."""

_COLOURS = {"alpha": "#1b6ca8", "beta": "#e08a1e", "gamma": "#7a9e3a"}
_CATEGORY_COLOURS = ("#6a4c93", "#1982c4", "#ff595e")
_LABELS = {
    "alpha": "alpha (LLM alone)",
    "beta": "beta (E1 + \u00bd E2)",
    "gamma": "gamma (LLM + agents)",
}
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "exposure",
    "path.simplify": True,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}
_DOT_MIN, _DOT_SPAN = 12.0, 600.0  # wage scatter: marker area (pt^2) = min + span * emp / max
_DOT_FACE, _DOT_EDGE = (0.45, 0.45, 0.45, 0.40), (0.15, 0.15, 0.15, 0.85)
WIDTH = 8.0
"""Width of every figure, in inches (800 pixels at the fixed 100 dpi)."""

_REQUIRED = {
    "soc_scores": ("soc_code", "soc_title", "tot_emp", "a_mean", *EXPOSURE_MEASURES,
                   *CATEGORY_LABELS),
    "sector_scores": ("naics", "naics_title", "level", "tot_emp", "covered_emp", "coverage",
                      *EXPOSURE_MEASURES, "exposed_workers"),
    "workforce": ("group_type", "group", "measure", "tot_emp", "covered_emp", "share_ge_10",
                  "share_gt_50", "emp_mean", "wage_mean"),
}


# --------------------------------------------------------------------------- data
def soc_major_group(codes) -> pd.Series:
    """SOC major group (``"NN-0000"``) of each SOC or O*NET-SOC code.

    Parameters
    ----------
    codes : sequence of str
        SOC 2018 codes (``"15-1252"``), OEWS aggregates or O*NET-SOC codes.

    Returns
    -------
    pandas.Series of str

    Examples
    --------
    >>> soc_major_group(["15-1252", "43-9061.00"]).tolist()
    ['15-0000', '43-0000']

    Raises
    ------
    exposure.errors.DataFormatError
        ``codes`` is one string, None, a number, a dict or a DataFrame (an empty frame
        raised pandas' "Cannot construct a Series from a DataFrame").
    """
    if (isinstance(codes, (str, bytes, dict, pd.DataFrame)) or not hasattr(codes, "__iter__")):
        raise DataFormatError(f"codes must be a list of SOC codes, got {shown(codes)}")
    return pd.Series(codes, dtype="string").str.slice(0, 2).astype(object) + "-0000"


def weighted_mean(frame: pd.DataFrame, value: str, weight: str = "tot_emp") -> float:
    """Mean of ``value`` weighted by ``weight``, over rows where both are present.

    Parameters
    ----------
    frame : pandas.DataFrame
    value, weight : str
        Column names.

    Returns
    -------
    float
        NaN when no row has both a value and a positive weight. The sums are exact
        (:func:`math.fsum`), so the rows in any order give the same mean.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"beta": [0.2, 0.6, None], "tot_emp": [300.0, 100.0, 50.0]})
    >>> round(weighted_mean(df, "beta"), 6)
    0.3

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` not a DataFrame or without ``value`` or ``weight``; ``value`` or
        ``weight`` that cannot be a column name (a list); a cell of either that is not a
        number, naming the row and the column (the text ``"x"`` was dropped as missing,
        which changed the mean); a negative weight, naming the row and the column (it was
        dropped without a word: the weights 300 and -100 gave the first value alone).
    """
    check_column(value, "value")
    check_column(weight, "weight")
    check_table(frame, "frame", [value, weight])  # None: "not subscriptable"; KeyError before
    v = numbers(frame, value, "frame").to_numpy(dtype=float)
    weights = numbers(frame, weight, "frame")
    # a negative weight (an employment of -100) was dropped without a word, as a zero one
    check_range(weights, "frame", weight, what="weight", row_offset=1)
    w = weights.to_numpy(dtype=float)
    ok = ~np.isnan(v) & ~np.isnan(w) & (w > 0)
    if not ok.any():
        return float("nan")
    # exact sums (math.fsum): the same rows in another order gave another last digit (the
    # major-group and category tables, and the order of two groups of one rounded beta);
    # values and weights scaled by powers of two (exact), so that no sum overflows
    w, v = power_scaled(w[ok]), v[ok]
    shift = int(np.frexp(np.abs(v).max())[1])
    return float(np.ldexp(math.fsum(np.ldexp(v, -shift) * w) / math.fsum(w), shift))


def _detailed(soc_scores: pd.DataFrame) -> pd.DataFrame:
    """Occupation rows only (drop any major-group or all-occupation total rows)."""
    return soc_scores[~soc_scores["soc_code"].astype(str).str.endswith("-0000")]


def _stripped(frame: pd.DataFrame, column: str = "soc_code") -> pd.DataFrame:
    """``frame`` with the text of ``column`` stripped of surrounding spaces (others kept as they are).

    A code pasted with a space (``" 15-1252"`` beside ``"15-1252"``, ``"15-0000 "``) was
    another occupation: counted twice in its wage quantile and drawn twice, and a major-group
    total so written drawn as an occupation (:func:`_detailed` did not see it). The frame is
    returned as it is when no code has such spaces.

    Examples
    --------
    >>> _stripped(pd.DataFrame({"soc_code": [" 15-1252", "47-2061", "15-0000 "]}))["soc_code"].tolist()
    ['15-1252', '47-2061', '15-0000']
    """
    values = frame[column].to_numpy(dtype=object)
    stripped = [v.strip() if isinstance(v, str) else v for v in values]
    if all(a is b for a, b in zip(values, stripped)):
        return frame
    return frame.assign(**{column: np.array(stripped, dtype=object)})


def _check_once(soc_scores: pd.DataFrame, *, nested: bool = True) -> None:
    """Refuse an occupation given twice, naming its rows (it counted twice in its group's employment).

    A SOC code beside an O*NET-SOC code of it (``"15-1252"`` and ``"15-1252.00"``, or
    ``"15-1299"`` and ``"15-1299.08"``) is the occupation given twice too: its workers were
    counted twice in the major groups, the wage quantiles and the distribution, without a
    word. So, with ``nested`` (the functions that add up workers), is a SOC minor or broad
    group beside a code it holds (``"15-1200"`` or ``"15-1250"`` beside ``"15-1252"``, as
    an OEWS national file lists them: :func:`exposure.rollup._soc.refuse_nested_codes`);
    major-group totals (``"15-0000"``) are left out of the figures, as before. The errors
    name ``soc_scores`` first, as its other errors do
    (``soc_scores, row 3, column 'soc_code': ...``; these two named it after the row and
    the column).

    Examples
    --------
    >>> _check_once(pd.DataFrame({"soc_code": ["15-1252", "47-2061", "15-1252.00"]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 3, column 'soc_code': the O*NET-SOC code '15-1252.00' (row 3) is beside its SOC code '15-1252' (row 1): the occupation's workers would be counted twice; give codes of one kind (SOC codes, or O*NET-SOC codes)
    """
    repeat = first_repeat(soc_scores["soc_code"])
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"soc_code {str(soc_scores['soc_code'].iloc[pos])!r} is given twice (rows "
                              f"{first + 1} and {pos + 1})", path="soc_scores", row=pos + 1, column="soc_code")
    codes = soc_scores["soc_code"].tolist()
    soc = {code: pos for pos, code in enumerate(codes) if isinstance(code, str) and _SOC.fullmatch(code)}
    for pos, code in enumerate(codes):  # "15-1252.00" beside "15-1252": its workers counted twice
        if isinstance(code, str) and _ONETSOC.fullmatch(code) and code[:7] in soc:
            raise DataFormatError(f"the O*NET-SOC code {code!r} (row {pos + 1}) is beside its SOC code "
                                  f"{code[:7]!r} (row {soc[code[:7]] + 1}): the occupation's workers would be "
                                  "counted twice; give codes of one kind (SOC codes, or O*NET-SOC codes)",
                                  path="soc_scores", row=pos + 1, column="soc_code")
    if nested:  # "15-1250" beside "15-1252" (an OEWS file's broad group): its workers counted twice
        groups = {pos: code for code, pos in soc.items() if not code.endswith("-0000")}
        refuse_nested_codes(pd.Series(list(groups.values()), index=list(groups), dtype=object), "soc_scores",
                            "soc_code", "rows")  # the frame first, as its other errors name it


#: A SOC code and an O*NET-SOC code (:func:`_check_once`).
_SOC = re.compile(r"\d{2}-\d{4}")
_ONETSOC = re.compile(r"\d{2}-\d{4}\.\d{2}")


def _as_numbers(soc_scores: pd.DataFrame, columns) -> pd.DataFrame:
    """``soc_scores`` with ``columns`` as floats (:func:`numbers`: text refused, naming row and column).

    A negative ``tot_emp`` is refused, naming the row: it was added to its major group's
    employment (``-300`` beside ``100``: ``-200.0``) and left out of the means and the wage
    quantiles, without a word.
    """
    checked = {c: numbers(soc_scores, c, "soc_scores") for c in dict.fromkeys(columns)}
    if "tot_emp" in checked:
        check_range(checked["tot_emp"], "soc_scores", "tot_emp", what="employment", row_offset=1)
    return soc_scores.assign(**{c: values.to_numpy(dtype=float) for c, values in checked.items()})


def by_major_group(soc_scores: pd.DataFrame, columns=EXPOSURE_MEASURES) -> pd.DataFrame:
    """Employment-weighted means of ``columns`` for each SOC major group.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table (``soc_code``, ``tot_emp`` and the measure columns).
    columns : sequence of str, default ``EXPOSURE_MEASURES``
        Columns to average.

    Returns
    -------
    pandas.DataFrame
        ``major_group``, ``title``, ``tot_emp`` (employment of the occupations that have
        a ``beta``) and one column per entry of ``columns``, sorted by ``major_group``.

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "15-1211", "47-2061"],
    ...                     "tot_emp": [100.0, 300.0, 50.0], "beta": [0.8, 0.4, 0.0]})
    >>> by_major_group(soc, ["beta"])[["major_group", "tot_emp", "beta"]].to_dict("records")
    [{'major_group': '15-0000', 'tot_emp': 400.0, 'beta': 0.5}, {'major_group': '47-0000', 'tot_emp': 50.0, 'beta': 0.0}]

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without ``soc_code``, ``tot_emp`` or one of
        ``columns``; ``columns`` not a list of names (one string is refused); an
        occupation given twice (it counted twice in its group's employment), naming the
        row; a ``tot_emp`` or a value of ``columns`` that is not a number (numbers written
        as text are read: ``"100"`` and ``"300"`` made an employment of 100300.0), naming
        the row and the column; a ``soc_code`` that is missing (its workers were left out
        of every group) or not a SOC or O*NET-SOC code (``"15 1252"``), naming the row
        (surrounding spaces are stripped: ``" 15-1252"`` made a group ``" 1-0000"`` of its
        own); a negative ``tot_emp`` (added to its group's employment), naming the row.
    """
    columns = check_names(columns, "columns", "column names")
    check_table(soc_scores, "soc_scores", ["soc_code", "tot_emp", *columns])
    # a missing code was left out of every group (its workers lost), a padded one (" 15-1252",
    # pasted) made a group of its own (" 1-0000"): codes checked, surrounding spaces stripped
    codes = check_codes(soc_scores["soc_code"], SOC_OR_ONETSOC_PATTERN, "soc_scores", "soc_code",
                        what="SOC code", example="15-1252", unique=False, row_offset=1)
    soc_scores = soc_scores.assign(soc_code=codes.to_numpy())
    _check_once(soc_scores)
    # numbers written as text ("100") read as numbers on the whole frame (rows named as the caller
    # counts them): the employment of a group was their text joined ("100" + "300": 100300.0)
    soc = _detailed(_as_numbers(soc_scores, ["tot_emp", *columns])).copy()
    soc["major_group"] = soc_major_group(soc["soc_code"]).to_numpy()
    rows = []
    for group, part in soc.groupby("major_group", sort=True):
        has = part[part["beta"].notna()] if "beta" in part else part
        row = {
            "major_group": group,
            "title": SOC_MAJOR_GROUPS.get(group, group),
            "tot_emp": float(has["tot_emp"].fillna(0).sum()),
        }
        row.update({c: weighted_mean(part, c) for c in columns})
        rows.append(row)
    return pd.DataFrame(rows, columns=["major_group", "title", "tot_emp", *columns])


def by_wage_decile(soc_scores: pd.DataFrame, columns=EXPOSURE_MEASURES, n: int = 10) -> pd.DataFrame:
    """Employment-weighted means of ``columns`` by quantile of workers' mean annual wage.

    Occupations are sorted by ``a_mean``; an occupation belongs to the quantile that
    holds the midpoint of its employment on the cumulative employment scale, so each
    quantile holds about ``1/n`` of the workers (occupations are not split). Employments
    whose sum passes the largest float (``1e307`` on a few rows) are placed as at their true
    size (scaled by a power of two first; they were put in quantile ``-9223372036854775807``).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table with ``a_mean`` and ``tot_emp``.
    columns : sequence of str, default ``EXPOSURE_MEASURES``
    n : int, default 10
        Number of quantiles.

    Returns
    -------
    pandas.DataFrame
        ``quantile`` (1 = lowest paid), ``wage_low``, ``wage_high`` (range of ``a_mean``),
        ``wage_mean`` (employment-weighted), ``tot_emp`` and one column per measure.

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["a", "b", "c", "d"], "a_mean": [30e3, 40e3, 80e3, 90e3],
    ...                     "tot_emp": [10.0, 10.0, 10.0, 10.0], "beta": [0.1, 0.3, 0.5, 0.9]})
    >>> by_wage_decile(soc, ["beta"], n=2)[["quantile", "wage_low", "wage_high", "beta"]].to_dict("records")
    [{'quantile': 1, 'wage_low': 30000.0, 'wage_high': 40000.0, 'beta': 0.2}, {'quantile': 2, 'wage_low': 80000.0, 'wage_high': 90000.0, 'beta': 0.7}]

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without ``soc_code``, ``a_mean``, ``tot_emp``,
        ``beta`` or one of ``columns``; ``columns`` not a list of names; ``n`` not a whole
        number of 1 or more (2.5 and ``True`` were accepted); an occupation given twice (it
        counted twice in its quantile), naming the rows; an ``a_mean``, ``tot_emp``,
        ``beta`` or value of ``columns`` that is not a number, naming the row and the column
        (numbers written as text are read: ``"100000"`` was sorted as text, below
        ``"30000"``); a negative ``tot_emp``, naming the row (its occupation was left out
        without a word); a negative ``a_mean``, naming the row (it was sorted into the
        lowest quantile and averaged into its ``wage_mean``: -5000.0). Codes are read
        without surrounding spaces: ``" 15-1252"`` beside ``"15-1252"`` is the occupation
        given twice (it was counted twice), and ``"15-0000 "`` a major-group total, left
        out (it was counted as an occupation).
    """
    columns = check_names(columns, "columns", "column names")
    n = check_count(n, "n", 1)
    check_table(soc_scores, "soc_scores", ["soc_code", "a_mean", "tot_emp", "beta", *columns])
    # " 15-1252" beside "15-1252" counted twice, "15-0000 " (a total) counted as an occupation
    soc_scores = _stripped(soc_scores)
    _check_once(soc_scores)
    checked = _as_numbers(soc_scores, ["a_mean", "tot_emp", "beta", *columns])
    # a negative wage (-40000) was sorted into the lowest quantile and averaged into its mean wage
    check_range(checked["a_mean"], "soc_scores", "a_mean", what="a mean annual wage", row_offset=1)
    soc = _detailed(checked)
    soc = soc[soc["a_mean"].notna() & (soc["tot_emp"].fillna(0) > 0) & soc["beta"].notna()]
    soc = soc.sort_values(["a_mean", "soc_code"], kind="stable")
    # scaled by a power of two (exact): a sum past the largest float (1e307 on a few rows) made the
    # midpoints past it NaN, put in decile -9223372036854775807
    emp = power_scaled(soc["tot_emp"].to_numpy(dtype=float))
    mid = (np.cumsum(emp) - emp / 2) / emp.sum()
    quantile = np.minimum(np.floor(mid * n).astype(int) + 1, n)
    soc = soc.assign(quantile=quantile)
    rows = []
    for q, part in soc.groupby("quantile", sort=True):
        row = {
            "quantile": int(q),
            "wage_low": float(part["a_mean"].min()),
            "wage_high": float(part["a_mean"].max()),
            "wage_mean": weighted_mean(part, "a_mean"),
            "tot_emp": float(part["tot_emp"].sum()),
        }
        row.update({c: weighted_mean(part, c) for c in columns})
        rows.append(row)
    # its columns even without a row (no wage known): plot_wage raised KeyError 'wage_mean'
    return pd.DataFrame(rows, columns=["quantile", "wage_low", "wage_high", "wage_mean", "tot_emp", *columns])


def ranked(frame: pd.DataFrame, value: str = "beta", n: int = 15, *, key: str = "soc_code",
           min_employment: float = 0, weight: str = "tot_emp"):
    """The ``n`` rows with the highest and the ``n`` with the lowest ``value``.

    Ties are broken by ``key`` so the order is stable. Rows without a value are dropped,
    and so are rows with fewer than ``min_employment`` workers when a floor is set.

    Parameters
    ----------
    frame : pandas.DataFrame
    value : str, default "beta"
    n : int, default 15
    key : str, default "soc_code"
    min_employment : float, default 0
        Employment floor: with a positive floor, only rows whose ``weight`` is at least
        ``min_employment`` are ranked (a missing employment is below any floor).
    weight : str, default "tot_emp"
        Employment column the floor applies to.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Most exposed first (descending), least exposed (ascending).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"soc_code": ["a", "b", "c", "d"], "beta": [0.5, 0.9, None, 0.1],
    ...                    "tot_emp": [20e3, 3e3, 50e3, 40e3]})
    >>> top, bottom = ranked(df, n=2)
    >>> top["soc_code"].tolist(), bottom["soc_code"].tolist()
    (['b', 'a'], ['d', 'a'])
    >>> top, bottom = ranked(df, n=2, min_employment=10_000)  # b has 3,000 workers
    >>> top["soc_code"].tolist(), bottom["soc_code"].tolist()
    (['a', 'd'], ['d', 'a'])

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` not a DataFrame or without ``value``, ``key`` (or ``weight`` with a
        floor); a column argument that cannot be a column name; ``n`` not a whole number
        of 0 or more; ``min_employment`` not a finite number of 0 or more (None and
        ``True`` were accepted, a negative floor was taken as none and ``inf`` gave empty
        lists); a ``value`` (or, with a floor, a ``weight``) that is not a number, naming
        the row and the column (``"20,000"`` workers fell below any floor, without a word).
        Numbers written as text are read as numbers (``"9000"`` was ranked above
        ``"10000"``, as text); the lists hold them as floats. A ``key`` given twice
        (``" a"`` beside ``"a"`` too), naming both rows: it was listed twice in both lists;
        a ``value``, ``key`` or ``weight`` column given twice (a ``ValueError`` from pandas
        before: ``The column label 'soc_code' is not unique``).
    """
    for arg, col in (("value", value), ("key", key), ("weight", weight)):
        check_column(col, arg)
    n = check_count(n, "n", 0)
    min_employment = _check_floor(min_employment)
    check_table(frame, "frame", [value, key, *([weight] if min_employment > 0 else [])])
    # pandas' "The column label 'soc_code' is not unique"
    check_once(frame, [value, key, *([weight] if min_employment > 0 else [])], "frame")
    # a row given twice was listed twice, in both lists (an occupation of two stacked tables)
    repeat = first_repeat(frame[key].astype("string").str.strip())
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"{key} {str(frame[key].iloc[pos]).strip()!r} is given twice (rows {first + 1} and "
                              f"{pos + 1}): it would be listed twice", path="frame", row=pos + 1, column=key)
    # numbers written as text were sorted as text ("9000" above "10000"), and an employment that
    # is no number ("20,000", "x") fell below any floor, its row dropped without a word
    checked = frame.copy()
    for col in dict.fromkeys([value, *([weight] if min_employment > 0 else [])]):
        checked[col] = numbers(frame, col, "frame").to_numpy(dtype=float)
    has = checked[checked[value].notna()]
    if min_employment > 0:
        has = has[has[weight].fillna(0) >= min_employment]
    top = has.sort_values([value, key], ascending=[False, True], kind="stable").head(n)
    bottom = has.sort_values([value, key], ascending=[True, True], kind="stable").head(n)
    return top.reset_index(drop=True), bottom.reset_index(drop=True)


def _check_floor(min_employment):
    """An employment floor checked: a finite number of 0 or more, returned as the number it is.

    A negative floor was taken as no floor, and ``inf`` left the most and least exposed
    lists empty, without a word. A :class:`~decimal.Decimal` or a
    :class:`~fractions.Fraction` is read as the number it is
    (:func:`~exposure._args.as_real`): ``Decimal(5000)`` (what a database driver gives
    for a ``NUMERIC`` column) was refused as ``got Decimal 5000``.
    """
    number = as_real(min_employment)
    if not (is_number(number) and np.isfinite(number) and number >= 0):
        raise DataFormatError(f"min_employment must be a number of workers of 0 or more (0: no floor), got "
                              f"{shown(min_employment)}")
    return number


def format_workers(value) -> str:
    """Number of workers, short: ``"3.5B"``, ``"2.6M"``, ``"52k"``, ``"3.1k"``, ``"840"``.

    Billions and trillions take ``B`` and ``T`` (a billion was ``"1000.0M"``, a trillion
    ``"1000000.0M"``); a thousand trillion and more is written with an exponent
    (``"1.0e+15"``: 1e300 was a string of 300 digits).

    Parameters
    ----------
    value : float
        Employment; missing gives ``"n/a"``.

    Returns
    -------
    str

    Examples
    --------
    >>> [format_workers(v) for v in (2_595_750, 52_060, 3_100, 840, float("nan"))]
    ['2.6M', '52k', '3.1k', '840', 'n/a']
    >>> [format_workers(v) for v in (999_949_999, 999_950_000, 3.5e9, 1e12, 1e15)]
    ['999.9M', '1.0B', '3.5B', '1.0T', '1.0e+15']

    Raises
    ------
    exposure.errors.DataFormatError
        ``value`` is neither a number nor missing (None, NaN, ``pd.NA``): text, a bool,
        a list (``"840"`` and ``True`` were formatted, None raised a TypeError); an
        infinite or negative number (``inf`` was ``'infM'``, ``-5e6`` was ``'-5000000'``).
    """
    if value is None or value is pd.NA:
        return "n/a"
    # a Decimal as the number it is (Decimal(52060) was refused as "got Decimal 52060")
    if not is_number(as_real(value)):
        raise DataFormatError(f"value must be a number of workers (or missing), got {shown(value)}")
    v = float(as_real(value))
    if np.isnan(v):
        return "n/a"
    if not (np.isfinite(v) and v >= 0):  # inf was "infM", -5e6 "-5000000"
        raise DataFormatError(f"value must be a finite number of workers of 0 or more (or missing), got {v!r}")
    v += 0.0  # -0.0 as 0.0: it was "-0"
    # a billion was "1000.0M", a trillion "1000000.0M", 1e300 a string of 300 digits
    if v >= 999.95e12:
        return f"{v:.1e}"
    if v >= 999.95e9:
        return f"{v / 1e12:.1f}T"
    if v >= 999.95e6:
        return f"{v / 1e9:.1f}B"
    if v >= 999_500:
        return f"{v / 1e6:.1f}M"
    if v >= 9_950:
        return f"{v / 1e3:.0f}k"
    if v >= 1_000:
        return f"{v / 1e3:.1f}k"
    return f"{v:.0f}"


# --------------------------------------------------------------------------- drawing
def _require_matplotlib() -> None:
    """Refuse to draw without matplotlib, saying what to install.

    Every figure raised ``ModuleNotFoundError: No module named 'matplotlib'`` (a
    traceback); matplotlib is an optional dependency (the ``docs`` and ``test`` extras).
    """
    try:
        import matplotlib  # noqa: F401
        import matplotlib.figure  # noqa: F401
    except ImportError:  # third-party, optional
        raise ExposureError("the figures need matplotlib (pip install matplotlib, or pip install "
                            "'ai-exposure[docs]')") from None
    except ValueError as exc:  # MPLBACKEND=foo: matplotlib's "Key backend: 'foo' is not a valid value"
        backend = os.environ.get("MPLBACKEND")
        if backend is None or "backend" not in str(exc):
            raise
        # Jupyter leaves its inline backend to the commands a notebook runs (!exposure ...)
        jupyter = (" (a Jupyter kernel sets it for the commands it runs; matplotlib-inline is not "
                   "installed here)" if "matplotlib_inline" in backend or backend.lower() == "inline" else "")
        raise ExposureError(f"matplotlib cannot be imported: MPLBACKEND={backend!r} is not a backend it knows"
                            f"{jupyter} (the figures are drawn on the Agg canvas whatever the backend): unset "
                            "MPLBACKEND or set it to agg") from None


def _figure(height: float, nrows: int = 1, **kwargs):
    _require_matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")
    axes = fig.subplots(nrows, 1, squeeze=False, **kwargs)[:, 0]
    return fig, axes


def _legend(fig, ax, ncols: int = 3) -> None:
    """One legend above the plot, outside the axes."""
    handles, labels = ax.get_legend_handles_labels()
    markers = {"beta", "beta 95% bootstrap interval"}
    order = sorted(range(len(labels)), key=lambda i: labels[i] in markers)  # markers last
    ncols = min(ncols, len(labels)) or 1
    fig.legend([handles[i] for i in order], [labels[i] for i in order],
               loc="outside upper center", ncols=ncols)


def _short(text, width: int = 46) -> str:
    """``text`` on one line, cut to ``width`` characters, as a label drawn literally.

    A ``$`` is escaped: matplotlib reads the text between two of them as mathtext, so
    ``"$5 and $10 bills"`` was drawn with ``5 and`` in math italics, and ``"$\\frac{a}$"``
    raised pyparsing's ``ParseSyntaxException`` when the figure was saved.

    Examples
    --------
    >>> print(_short("Dealers in $5 and $10 bills"))
    Dealers in \\$5 and \\$10 bills
    """
    text = " ".join(str(text).split())
    text = text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
    return text.replace("$", r"\$")


def _title_or_code(frame: pd.DataFrame, title: str, code: str) -> list:
    """Each row's ``title``, else (missing or blank) its ``code``.

    A categorical title column (a Parquet dictionary column, ``astype("category")``) with a
    missing title raised pandas' ``TypeError: Cannot setitem on a Categorical with a new
    category`` (``fillna`` with the code). A blank title (``""``: a CSV read with
    ``keep_default_na=False``; spaces from a spreadsheet) was drawn as a bar without a label.

    Examples
    --------
    >>> f = pd.DataFrame({"t": pd.Categorical(["Information", None]), "c": ["51", "23"]})
    >>> _title_or_code(f, "t", "c")
    ['Information', '23']
    >>> _title_or_code(pd.DataFrame({"t": ["Information", " "], "c": ["51", "23"]}), "t", "c")
    ['Information', '23']
    """
    titles = frame[title].astype(object)
    given = titles.notna() & (titles.astype(str).str.strip() != "")
    return titles.where(given, frame[code].astype(object)).tolist()


#: The industry levels of ``sector_scores`` (the figures draw the sectors).
_LEVELS = ("sector", "subsector")


def _check_levels(sector_scores: pd.DataFrame, path) -> np.ndarray:
    """The ``level`` cells of ``sector_scores``, each ``sector`` or ``subsector``, else refused naming the row.

    A level in another case, with spaces or missing (``"Sector"``, ``"sector "``) was
    neither: its row was left out of the sectors, without a word.

    Examples
    --------
    >>> _check_levels(pd.DataFrame({"level": ["sector", "Sector"]}), "sector_scores")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: sector_scores, row 2, column 'level': level must be 'sector' or 'subsector', got 'Sector': write 'sector' (the choices are case-sensitive)
    """
    levels = sector_scores["level"].to_numpy(dtype=object)
    odd = np.flatnonzero([not (isinstance(v, str) and v in _LEVELS) for v in levels])
    if len(odd):
        value = levels[int(odd[0])]
        missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
        hint = (": remove the surrounding spaces" if isinstance(value, str) and value.strip() in _LEVELS
                else choice_hint(value, _LEVELS))
        raise DataFormatError(f"level must be 'sector' or 'subsector', got {'missing' if missing else repr(value)}"
                              f"{hint}", path=path, row=int(odd[0]) + 1, column="level")
    return levels


def _sectors(sector_scores: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows of level ``sector`` with a ``column``; none is refused (an empty figure, without a word).

    A ``level`` other than ``sector`` or ``subsector`` (``"Sector"``, ``"sector "``, missing)
    is refused, naming its row: the row was left out of the figure without a word. So is
    a sector given twice (``"51"`` and ``" 51"`` too), naming both rows: it was drawn twice.
    """
    levels = _check_levels(sector_scores, "sector_scores")
    is_sector = levels == "sector"
    naics = sector_scores["naics"].astype("string").str.strip()
    repeat = first_repeat(naics.where(is_sector))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"sector {str(naics.iloc[pos])!r} given twice (rows {first + 1} and {pos + 1}): it "
                              "would be drawn twice", path="sector_scores", row=pos + 1, column="naics")
    sectors = sector_scores[is_sector]
    if sectors.empty:
        levels = sorted({str(v) for v in sector_scores["level"].dropna()})
        raise DataFormatError(f"no row of level 'sector' (levels: {levels}): there is nothing to draw",
                              path="sector_scores", column="level")
    frame = sectors[sectors[column].notna()]
    if frame.empty:
        raise DataFormatError(f"no sector has a {column} (missing on every row of level 'sector'): there is "
                              "nothing to draw", path="sector_scores", column=column)
    return frame


def sector_title(title) -> str:
    """Industry title without OEWS's "Sector NN - " prefix.

    Examples
    --------
    >>> sector_title("Sector 31-33 - Manufacturing")
    'Manufacturing'
    >>> sector_title("Sectors 31, 32, and 33 - Manufacturing")
    'Manufacturing'
    >>> sector_title("Information")
    'Information'
    """
    return re.sub(r"^Sectors? [0-9][0-9, and-]*? - ", "", str(title))


def _style():
    _require_matplotlib()
    import matplotlib

    return matplotlib.rc_context(_STYLE)


def _channel_bars(ax, labels, frame: pd.DataFrame) -> None:
    """Horizontal bars: alpha (LLM alone) + the agent channel up to gamma; beta as a tick."""
    y = np.arange(len(frame))[::-1]
    alpha = frame["alpha"].to_numpy(dtype=float)
    gamma = frame["gamma"].to_numpy(dtype=float)
    ax.barh(y, alpha, color=_COLOURS["alpha"], height=0.7, label=_LABELS["alpha"])
    ax.barh(y, gamma - alpha, left=alpha, color=_COLOURS["gamma"], height=0.7, alpha=0.55,
            label="agent channel (gamma \u2212 alpha)")
    beta = frame["beta"].to_numpy(dtype=float)
    if set(_INTERVAL) <= set(frame.columns):
        low = frame["beta_ci_low"].to_numpy(dtype=float)
        high = frame["beta_ci_high"].to_numpy(dtype=float)
        ok = ~np.isnan(low) & ~np.isnan(high)
        if ok.any():
            ax.errorbar(beta[ok], y[ok], xerr=[np.maximum(beta[ok] - low[ok], 0),
                                             np.maximum(high[ok] - beta[ok], 0)],
                        fmt="none", ecolor="black", elinewidth=0.8, capsize=2, zorder=3,
                        label="beta 95% bootstrap interval")
    ax.scatter(beta, y, marker="|", s=90, color="black", linewidths=1.6, zorder=4, label="beta")
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.grid(axis="y", visible=False)


def plot_ranked_occupations(soc_scores: pd.DataFrame, n: int = 15, *,
                            min_employment: float = MIN_EMPLOYMENT):
    """Bar chart of the ``n`` most and ``n`` least exposed occupations (by beta).

    Each label ends with the occupation's employment in brackets; occupations with fewer
    than ``min_employment`` workers are left out (the floor is written under the figure).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table (``soc_code``, ``soc_title``, ``tot_emp``, ``alpha``, ``beta``,
        ``gamma``).
    n : int, default 15
    min_employment : float, default :data:`MIN_EMPLOYMENT`
        Employment floor (workers); 0 ranks every occupation.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without a column it draws; a measure that is not
        a number, infinite or outside 0-1, ``alpha`` or ``gamma`` missing where ``beta`` is
        given, naming the row (counted from 1) and the column (so is an end of beta's
        bootstrap interval, ``beta_ci_low`` or ``beta_ci_high``, where the table has them:
        text raised numpy's ``ValueError``); no occupation with a ``beta`` (and
        ``min_employment`` workers) to draw (an empty figure before); a SOC code given
        twice, naming the rows (``" 15-1252"`` beside ``"15-1252"`` too: it was listed
        twice in both lists); a negative ``tot_emp``, naming the row (it was drawn as
        ``(-300)`` workers).

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "47-2061", "19-1011"],
    ...                     "soc_title": ["Developers", "Laborers", "Animal Scientists"],
    ...                     "tot_emp": [1.62e6, 52e3, 3.1e3], "alpha": [0.5, 0.0, 0.7],
    ...                     "beta": [0.7, 0.05, 0.8], "gamma": [0.9, 0.1, 0.9]})
    >>> fig = plot_ranked_occupations(soc, n=1)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['Most exposed', 'Least exposed']
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Developers (1.6M)']
    >>> fig.get_supxlabel()
    'Occupations with at least 10,000 workers; employment in brackets.'
    """
    check_table(soc_scores, "soc_scores", ["soc_code", "soc_title", "tot_emp", *EXPOSURE_MEASURES])
    # an occupation given twice (" 15-1252" beside "15-1252" too) was listed twice in both lists
    soc_scores = _stripped(soc_scores)
    _check_once(soc_scores, nested=False)  # a group beside its occupations: both listed, nothing added up
    soc = _drawn(soc_scores, EXPOSURE_MEASURES, "soc_scores")  # rows named as the caller counts them
    emp = numbers(soc_scores, "tot_emp", "soc_scores")
    # a negative employment was drawn in brackets as "(-300)", below any floor but 0
    check_range(emp, "soc_scores", "tot_emp", what="employment", row_offset=1)
    soc = soc.assign(tot_emp=emp.to_numpy(dtype=float))
    min_employment = _check_floor(min_employment)  # a Decimal as the number it is, for the note
    top, bottom = ranked(_detailed(soc), "beta", n, min_employment=min_employment)
    note = "employment in brackets"
    if min_employment > 0:
        note = f"occupations with at least {min_employment:,.0f} workers; {note}"
    if n > 0 and top.empty:  # an empty figure, without a word
        floor = f" and at least {min_employment:,.0f} workers" if min_employment > 0 else ""
        raise DataFormatError(f"no occupation has a beta{floor}: there is nothing to draw", path="soc_scores",
                              column="beta")
    with _style():
        fig, (ax_top, ax_bottom) = _figure(0.22 * (len(top) + len(bottom)) + 2.0, nrows=2,
                                           sharex=True)
        for ax, frame, title in ((ax_top, top, "Most exposed"), (ax_bottom, bottom, "Least exposed")):
            titles = _title_or_code(frame, "soc_title", "soc_code")
            labels = [f"{_short(t, 52)} ({format_workers(e)})"
                      for t, e in zip(titles, frame["tot_emp"])]
            _channel_bars(ax, labels, frame)
            ax.set_title(title, loc="left")
        ax_bottom.set_xlabel("share of the occupation's tasks (fraction)")
        fig.supxlabel(f"{note[0].upper()}{note[1:]}.", fontsize=8, color="#555555")
        _legend(fig, ax_top, ncols=4)
    return fig


def plot_sectors(sector_scores: pd.DataFrame):
    """Bar chart of every NAICS sector, sorted by beta.

    Parameters
    ----------
    sector_scores : pandas.DataFrame
        ``SectorScores`` table; rows with ``level == "sector"`` are drawn.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``sector_scores`` not a DataFrame or without a column it draws; a value drawn that is
        not a number, infinite or outside 0-1, or (bars) ``alpha`` or ``gamma`` missing where
        ``beta`` is given, naming the row (counted from 1) and the column (so is an end of
        beta's bootstrap interval, ``beta_ci_low`` or ``beta_ci_high``, where the table has
        them); no row of level ``sector``, or none with the value drawn (an empty figure
        before); a ``level`` other than ``sector`` or ``subsector`` (``"Sector"``,
        ``"sector "``, missing: the row was left out without a word), or a sector given
        twice (``" 51"`` beside ``"51"`` too: it was drawn twice), naming the row.

    Examples
    --------
    >>> import pandas as pd
    >>> sec = pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
    ...                     "level": ["sector", "sector"], "alpha": [0.4, 0.1],
    ...                     "beta": [0.5, 0.15], "gamma": [0.6, 0.2]})
    >>> fig = plot_sectors(sec)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]  # most exposed at the top
    ['Information', 'Construction']
    """
    check_table(sector_scores, "sector_scores", ["naics", "naics_title", "level", *EXPOSURE_MEASURES])
    checked = _drawn(sector_scores, EXPOSURE_MEASURES, "sector_scores")
    frame = _sectors(checked, "beta").sort_values(["beta", "naics"], ascending=[False, True], kind="stable")
    with _style():
        fig, (ax,) = _figure(0.24 * len(frame) + 1.2)
        labels = [_short(sector_title(t), 52) for t in _title_or_code(frame, "naics_title", "naics")]
        _channel_bars(ax, labels, frame)
        ax.set_xlabel("employment-weighted share of tasks (fraction)")
        _legend(fig, ax, ncols=4)
    return fig


def plot_major_groups(soc_scores: pd.DataFrame):
    """Employment-weighted alpha, beta and gamma of each SOC major group.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without a column it draws; a SOC code given
        twice; a measure that is not a number, infinite or outside 0-1 (``1.5`` was cut at
        the axis), naming the row (counted from 1) and the column; no occupation with
        workers and a measure (nothing to draw).

    A measure missing on every row with workers is left out of the figure and its legend,
    with a warning (it was listed in the legend, without a bar).

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "47-2061"], "tot_emp": [10.0, 20.0],
    ...                     "alpha": [0.5, 0.0], "beta": [0.7, 0.05], "gamma": [0.9, 0.1]})
    >>> len(plot_major_groups(soc).axes[0].patches)
    6
    """
    check_table(soc_scores, "soc_scores", ["soc_code", "tot_emp", *EXPOSURE_MEASURES])
    checked = soc_scores.assign(**{m: _fractions(soc_scores, m) for m in EXPOSURE_MEASURES})
    # a group without a scored occupation (NaN) was sorted last, so drawn at the top among the
    # most exposed, with no bars: it is drawn at the bottom now, its label saying so
    groups = by_major_group(checked).sort_values(["beta", "major_group"], ascending=[True, True],
                                                  kind="stable", na_position="first")
    given = _given({m: groups[m].notna().any() for m in EXPOSURE_MEASURES})
    with _style():
        fig, (ax,) = _figure(0.3 * len(groups) + 1.2)
        y = np.arange(len(groups))
        h = 0.27
        for i, m in enumerate(EXPOSURE_MEASURES):
            if m not in given:
                continue
            ax.barh(y + (1 - i) * h, groups[m].to_numpy(dtype=float), height=h, color=_COLOURS[m],
                    label=_LABELS[m])
        ax.set_yticks(y, _group_labels(groups, EXPOSURE_MEASURES))
        ax.set_xlim(0, 1)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("employment-weighted mean (fraction of tasks)")
        _legend(fig, ax)
    return fig


def _group_labels(groups: pd.DataFrame, columns) -> list[str]:
    """Labels of the major groups; a group with no value of ``columns`` says so (no bar is not 0)."""
    empty = groups[list(columns)].isna().all(axis=1).to_numpy(dtype=bool)
    return [_short(t, 48) + (" (no score)" if e else "") for t, e in zip(groups["title"], empty)]


def plot_wage(soc_scores: pd.DataFrame, n: int = 10):
    """Exposure against mean annual wage: occupations and wage-decile means.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table with ``a_mean`` and ``tot_emp``.
    n : int, default 10
        Number of wage quantiles for the mean lines.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without a column it draws; ``n`` not a whole
        number of 1 or more; an ``a_mean`` of 0 or less (off the log axis), naming the row;
        a SOC code given twice (drawn and counted twice), naming the rows; a measure or
        ``tot_emp`` that is not a number, infinite, or (a measure) outside 0-1, naming the
        row and the column (text was drawn on a category axis, ``1.5`` off the axis; numbers
        written as text are read). Codes are read without surrounding spaces
        (``" 15-1252"`` beside ``"15-1252"`` was drawn twice, ``"15-0000 "`` drawn as an
        occupation). Occupations with workers and a wage, none of which has a ``beta``
        (an empty figure before, its legend listing the decile lines of every measure).

    The dots are drawn in one order whatever the order of the rows (largest employment
    first), so the same scores give the same PNG. A measure missing on every occupation
    drawn is left out of the decile lines and the legend, with a warning. A dot's area grows
    with its employment divided by the largest, whatever the unit (employment given as
    shares, all below 1, drew every dot at about the smallest size).

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["a", "b"], "a_mean": [30e3, 90e3], "tot_emp": [5.0, 10.0],
    ...                     "alpha": [0.0, 0.4], "beta": [0.1, 0.6], "gamma": [0.2, 0.8]})
    >>> fig = plot_wage(soc, n=2)
    >>> fig.axes[0].get_xscale()
    'log'
    >>> dots = fig.axes[0].collections[0]
    >>> [float(a) for a in dots.get_sizes()], float(dots.get_edgecolors()[0][3])  # visible, largest first
    ([612.0, 312.0], 0.85)
    """
    check_table(soc_scores, "soc_scores", ["soc_code", "a_mean", "tot_emp", *EXPOSURE_MEASURES])
    # " 15-1252" beside "15-1252" was drawn twice, "15-0000 " (a total) drawn as an occupation
    soc_scores = _stripped(soc_scores)
    _check_once(soc_scores)  # on the whole frame: its rows named as the caller counts them
    wages = numbers(soc_scores, "a_mean", "soc_scores").to_numpy(dtype=float)
    low = np.flatnonzero(wages <= 0)
    if len(low):  # off the log axis: the occupation was left out of the figure without a word
        raise DataFormatError(f"a_mean must be a wage above 0 (the wage axis is logarithmic), got "
                              f"{float(wages[low[0]])!r}", path="soc_scores", row=int(low[0]) + 1, column="a_mean")
    # a measure of text was drawn on a category axis ("0.2" at 0, "0.3" at 1), one of 1.5 off the axis
    checked = _as_numbers(soc_scores.assign(a_mean=wages), ["tot_emp"]).assign(
        **{m: _fractions(soc_scores, m) for m in EXPOSURE_MEASURES})
    soc = _detailed(checked)
    soc = soc[soc["a_mean"].notna() & (soc["tot_emp"].fillna(0) > 0)]
    if len(soc) and soc["beta"].isna().all():  # an empty figure, its legend listing every line
        raise DataFormatError("no occupation with workers and a wage has a beta: there is nothing to draw (the "
                              "dots are the occupations' beta, and the decile means are taken over them)",
                              path="soc_scores", column="beta")
    soc = soc[soc["beta"].notna()]
    # one drawing order whatever the rows' order (the overlapping, translucent dots gave another
    # PNG): the largest first, so that a small occupation stays visible on top of a large one
    soc = soc.assign(_code=soc["soc_code"].astype(str)).sort_values(
        ["tot_emp", "_code", "a_mean", "beta"], ascending=[False, True, True, True], kind="stable")
    deciles = by_wage_decile(soc.drop(columns="_code"), EXPOSURE_MEASURES, n=n)
    given = (_given({m: deciles[m].notna().any() for m in EXPOSURE_MEASURES}) if len(deciles)
             else EXPOSURE_MEASURES)  # no wage: drawn without points, as before
    with _style():
        fig, (ax,) = _figure(4.2)
        # area grows with employment from a floor, so small occupations stay visible; employment
        # divided by the largest whatever its unit (shares, all below 1, were divided by 1: every
        # dot drawn at about the smallest size)
        emp = soc["tot_emp"].to_numpy(dtype=float)
        share = emp / emp.max() if len(emp) else emp
        ax.scatter(soc["a_mean"], soc["beta"], s=_DOT_MIN + _DOT_SPAN * share,
                   facecolors=_DOT_FACE, edgecolors=_DOT_EDGE, linewidths=0.5,
                   label="occupation (beta; area grows with employment)")
        for m in given:
            ax.plot(deciles["wage_mean"], deciles[m], marker="o", ms=4, color=_COLOURS[m],
                    label=f"{_LABELS[m]}, wage-decile mean")
        from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

        ax.set_xscale("log")
        ticks = [t * 1000.0 for t in (20, 30, 50, 75, 100, 150, 200, 300, 500)]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"${v / 1000:.0f}k"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_ylim(0, 1)
        ax.set_xlabel("mean annual wage (USD per year, log scale)")
        ax.set_ylabel("share of tasks (fraction)")
        _legend(fig, ax, ncols=2)
        for handle in fig.legends[0].legend_handles:  # a mid-sized dot, not the first one drawn
            if hasattr(handle, "set_sizes"):
                handle.set_sizes([60.0])
    return fig


def plot_categories(soc_scores: pd.DataFrame):
    """Employment-weighted share of each task category, by SOC major group.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table with the ``share_admin``, ``share_routine_coding`` and
        ``share_entry_creative`` columns.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        No occupation with a category share (an empty figure before); a share that is not
        a number, infinite or outside 0-1, naming the row and the column (drawn as given
        before).

    A category whose share is missing on every row with workers is left out of the figure
    and its legend, with a warning, as the other figures leave out such a measure (it was
    listed in the legend without a bar, without a word).

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["15-1252", "43-9061"], "tot_emp": [10.0, 20.0],
    ...                     "beta": [0.7, 0.6], "share_admin": [0.1, 0.8],
    ...                     "share_routine_coding": [0.5, 0.0], "share_entry_creative": [0.1, 0.0]})
    >>> fig = plot_categories(soc)
    >>> [t.get_text() for t in fig.legends[0].get_texts()]
    ['administrative', 'routine coding', 'entry-level creative']
    """
    cols = list(CATEGORY_LABELS)
    check_table(soc_scores, "soc_scores", ["soc_code", "tot_emp", *cols])
    groups = by_major_group(soc_scores.assign(**{c: _fractions(soc_scores, c) for c in cols}), cols)
    if groups[cols].isna().all(axis=None):  # an empty figure, with numpy's "All-NaN slice" warning
        raise DataFormatError("no occupation has a category share (missing on every row with workers): "
                              "there is nothing to draw", path="soc_scores", column=cols[0])
    # a share missing on every row (a roll-up without one category) was listed in the legend
    # without a bar, without a word: left out with a warning, as the measures of the other figures
    given = _given({c: groups[c].notna().any() for c in cols})
    groups = groups.assign(_total=groups[cols].sum(axis=1)).sort_values(
        ["_total", "major_group"], ascending=[True, True], kind="stable")
    with _style():
        fig, (ax,) = _figure(0.3 * len(groups) + 1.2)
        y = np.arange(len(groups))
        h = 0.27
        for i, (col, colour) in enumerate(zip(cols, _CATEGORY_COLOURS)):
            if col not in given:
                continue
            ax.barh(y + (1 - i) * h, groups[col].to_numpy(dtype=float), height=h, color=colour,
                    label=CATEGORY_LABELS[col])
        ax.set_yticks(y, _group_labels(groups, cols))
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, max(0.05, float(np.nanmax(groups[cols].to_numpy(dtype=float))) * 1.1))
        ax.set_xlabel("employment-weighted share of tasks (fraction)")
        _legend(fig, ax)
    return fig


def plot_coverage(sector_scores: pd.DataFrame):
    """Share of each sector's employment in occupations that received a score.

    Parameters
    ----------
    sector_scores : pandas.DataFrame
        ``SectorScores`` table (``naics``, ``naics_title``, ``level``, ``coverage``).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``sector_scores`` not a DataFrame or without a column it draws; a value drawn that is
        not a number, infinite or outside 0-1, or (bars) ``alpha`` or ``gamma`` missing where
        ``beta`` is given, naming the row (counted from 1) and the column; no row of level
        ``sector``, or none with the value drawn (an empty figure before); a ``level`` other
        than ``sector`` or ``subsector``, or a sector given twice, naming the row (as
        :func:`plot_sectors`).

    Examples
    --------
    >>> import pandas as pd
    >>> sec = pd.DataFrame({"naics": ["51", "23"], "naics_title": ["Information", "Construction"],
    ...                     "level": ["sector", "sector"], "coverage": [0.99, 0.9]})
    >>> [round(float(p.get_width()), 2) for p in plot_coverage(sec).axes[0].patches]
    [0.9, 0.99]
    """
    check_table(sector_scores, "sector_scores", ["naics", "naics_title", "level", "coverage"])
    checked = _drawn(sector_scores, ["coverage"], "sector_scores")
    frame = _sectors(checked, "coverage").sort_values(["coverage", "naics"], ascending=[True, True], kind="stable")
    with _style():
        fig, (ax,) = _figure(0.24 * len(frame) + 1.0)
        y = np.arange(len(frame))
        values = frame["coverage"].to_numpy(dtype=float)
        ax.barh(y, values, height=0.7, color="#5b7fa6")
        for yi, v in zip(y, values):
            ax.annotate(f"{v:.3f}", (v, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8)
        labels = [_short(sector_title(t), 52) for t in _title_or_code(frame, "naics_title", "naics")]
        ax.set_yticks(y, labels)
        low = float(np.floor(values.min() * 20) / 20) - 0.05 if len(values) else 0.0
        low = max(0.0, min(low, 0.9))
        ax.set_xlim(low, 1.0)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(f"share of employment covered (fraction; axis starts at {low:.2f})")
    return fig


def plot_distribution(soc_scores: pd.DataFrame, bins: int = 20):
    """Distribution of workers over occupation exposure (alpha, beta, gamma).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        ``SocScores`` table with ``tot_emp``.
    bins : int, default 20
        Number of equal-width bins on [0, 1].

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    exposure.errors.DataFormatError
        ``soc_scores`` not a DataFrame or without a column it draws; ``bins`` not a
        whole number of 1 or more; a measure or ``tot_emp`` that is not a number or is
        infinite, a measure outside 0-1 (naming the row, counted from 1, and the column);
        no occupation with workers and a measure (nothing to draw); a SOC code given
        twice, naming the rows (``" 15-1252"`` beside ``"15-1252"`` too: its workers were
        counted twice); a negative ``tot_emp``, naming the row (it was left out without
        a word, as the other figures refuse it). Codes are read without surrounding
        spaces (``"15-0000 "``, a major-group total, was counted as an occupation).

    A measure missing on every occupation with workers is left out of the figure and its
    legend, with a warning (it was drawn as a line at 0, a distribution of no worker).
    Employments whose sum passes the largest float are scaled by a power of two first (every
    share was NaN: an empty figure).

    Examples
    --------
    >>> import pandas as pd
    >>> soc = pd.DataFrame({"soc_code": ["a", "b"], "tot_emp": [5.0, 15.0],
    ...                     "alpha": [0.0, 0.4], "beta": [0.1, 0.6], "gamma": [0.2, 0.8]})
    >>> len(plot_distribution(soc, bins=4).axes[0].lines)
    3
    """
    bins = check_count(bins, "bins", 1)  # 0 raised an IndexError
    check_table(soc_scores, "soc_scores", ["soc_code", "tot_emp", *EXPOSURE_MEASURES])
    # read and checked on the whole frame, so that a row is named as the caller counts it:
    # text raised numpy's ValueError / TypeError, a measure outside 0-1 fell out of the
    # histogram and an infinite employment made every share NaN, without a word; an occupation
    # given twice was counted twice, "15-0000 " (a total) as an occupation, a negative
    # employment left out (as the other figures read them)
    soc_scores = _stripped(soc_scores)
    _check_once(soc_scores)
    detailed = ~soc_scores["soc_code"].astype(str).str.endswith("-0000").to_numpy(dtype=bool)
    emp_column = numbers(soc_scores, "tot_emp", "soc_scores")
    check_range(emp_column, "soc_scores", "tot_emp", what="employment", row_offset=1)
    emp = emp_column.to_numpy(dtype=float)
    values = {m: _fractions(soc_scores, m) for m in EXPOSURE_MEASURES}
    kept = {m: detailed & ~np.isnan(values[m]) & (np.nan_to_num(emp) > 0) for m in EXPOSURE_MEASURES}
    edges = np.linspace(0, 1, bins + 1)
    given = _given({m: bool(keep.any()) for m, keep in kept.items()})
    with _style():
        fig, (ax,) = _figure(3.4)
        for m in given:
            keep = kept[m]
            weights = power_scaled(emp[keep])  # exact: a sum past the largest float drew every share as NaN
            hist, _ = np.histogram(values[m][keep], bins=edges, weights=weights)
            share = hist / weights.sum()
            ax.step(edges, np.append(share, share[-1]), where="post", color=_COLOURS[m],
                    label=_LABELS[m], linewidth=1.6)
        ax.set_xlim(0, 1)
        ax.set_xlabel("occupation exposure (fraction of tasks)")
        ax.set_ylabel("share of workers")
        _legend(fig, ax)
    return fig


def _fractions(frame: pd.DataFrame, column: str, name: str = "soc_scores") -> np.ndarray:
    """``frame[column]`` as floats from 0 to 1 (missing stay NaN); others refused, naming the row."""
    values = numbers(frame, column, name).to_numpy(dtype=float)
    bad = np.flatnonzero((values < 0) | (values > 1))
    if len(bad):
        raise DataFormatError(f"{column} must be a fraction from 0 to 1, got {float(values[bad[0]])!r}",
                              path=name, row=int(bad[0]) + 1, column=column)
    return values


def _given(has: dict, name: str = "soc_scores") -> list[str]:
    """The measures of ``has`` (measure -> whether some row with workers has it) that a figure draws.

    A measure missing on every row with workers (a roll-up that leaves it out) is left out of
    the figure and its legend, with a warning: it was drawn as a line at 0 (the distribution)
    or listed in the legend without a bar or line. With none left there is nothing to draw.
    """
    given = [m for m, ok in has.items() if ok]
    if not given:
        names = list(has)
        either = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        raise DataFormatError(f"no occupation with workers has {either}: there is nothing to draw", path=name,
                              column=names[0])
    for m in has:
        if m not in given:
            logger.warning("%s, column %r: %s is missing on every row with workers: left out of the figure",
                           name, m, m)
    return given


#: The ends of beta's bootstrap interval, drawn as whiskers where a table has them.
_INTERVAL = ("beta_ci_low", "beta_ci_high")


def _drawn(frame: pd.DataFrame, columns, name: str) -> pd.DataFrame:
    """``frame`` with ``columns`` (fractions) as floats, checked on every row, naming row and column.

    The bar charts drew what they were given: an infinite ``beta`` was listed as the most
    exposed, ``1.8`` or ``-0.2`` was cut at the axis, ``coverage`` ``inf`` gave numpy's
    ``invalid value`` warnings, and numbers given as text were sorted as text (``"0.9"``
    below ``"0.15"``). Where ``beta`` is given, ``alpha`` and ``gamma`` must be too (a
    missing one was drawn as no bar, read as 0). So are the ends of beta's bootstrap interval
    when the frame has them (:data:`_INTERVAL`, drawn as whiskers by :func:`_channel_bars`): a
    cell of text (``"-"``) raised numpy's ``could not convert string to float``, and ``inf`` or
    ``5.0`` was drawn as a whisker across the axis.
    """
    if "beta" in columns:
        columns = [*columns, *(c for c in _INTERVAL if c in frame.columns)]
    values = {c: _fractions(frame, c, name) for c in columns}
    if {"alpha", "beta", "gamma"} <= set(values):
        for c in ("alpha", "gamma"):
            gaps = np.flatnonzero(~np.isnan(values["beta"]) & np.isnan(values[c]))
            if len(gaps):
                raise DataFormatError(f"{c} is missing where beta is given ({float(values['beta'][gaps[0]])!r}): the "
                                      "bars draw alpha, beta and gamma together", path=name,
                                      row=int(gaps[0]) + 1, column=c)
    return frame.assign(**values)


def _png_path(path) -> Path:
    """``path`` checked as the name of a PNG file to write (before anything is drawn or written)."""
    checked = check_path(path, "path")  # None: pathlib's TypeError before
    text = path if isinstance(path, str) else os.fspath(path)
    if isinstance(text, str) and text.endswith((os.sep, "/")):  # "out/" was written as a file "out"
        raise ExposureError(f"{text}: a directory path, not a file name: give e.g. {text}figure.png")
    path = checked
    refuse_read_folders(path, file=True)  # the mirror, the cache, the package: as the CLI
    check_output_path(path)  # a directory, a device, below a file
    if path.suffix.lower() != ".png":  # a.svg and a.pdf held PNG bytes
        raise ExposureError(f"{path}: the figure is written as PNG; give a file name ending in .png")
    return path


def write_png(fig, tmp: Path) -> None:
    """Write ``fig`` as PNG into ``tmp``, a temporary file of the caller's (deterministic bytes).

    For callers that write a set of files as one (:func:`exposure._io.atomic_paths`), whose
    temporary names do not end in ``.png``; :func:`save_png` checks the final name and
    writes atomically itself. ``tmp`` gets the permissions a plain :func:`open` gives
    (``0o666`` less the umask), as every other output: it was made ``0o644`` whatever
    the umask, so that under ``umask 077`` the figures of a run were readable by every
    user while its tables were private (``0o600``), and under ``umask 002`` not writable
    by the group as its tables were.
    """
    _require_matplotlib()
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):  # None: AttributeError 'NoneType' object has no attribute 'savefig'
        raise DataFormatError(f"fig must be a matplotlib Figure, got {shown(fig)}")
    with _style():
        fig.savefig(tmp, format="png", dpi=100, metadata={"Software": None})
    umask = os.umask(0)  # read it: os.umask sets it too
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)  # as any other output (a temporary file of mkstemp starts private)


def save_png(fig, path) -> Path:
    """Save ``fig`` as a PNG, atomically and byte-for-byte reproducibly.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or os.PathLike

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> soc = pd.DataFrame({"soc_code": ["a", "b"], "tot_emp": [5.0, 15.0],
    ...                     "alpha": [0.0, 0.4], "beta": [0.1, 0.6], "gamma": [0.2, 0.8]})
    >>> a = save_png(plot_distribution(soc), d / "a.png").read_bytes()
    >>> b = save_png(plot_distribution(soc), d / "b.png").read_bytes()
    >>> a == b, a[:4] == b"\\x89PNG"
    (True, True)

    Raises
    ------
    exposure.errors.DataFormatError
        ``fig`` not a matplotlib Figure, ``path`` not a str or os.PathLike (an
        ``AttributeError`` / ``TypeError`` before).
    exposure.errors.ExposureError
        ``path`` not ending in ``.png`` (``a.svg``, ``a.pdf`` and ``a`` were written with
        PNG bytes), or ending in a path separator (``out/`` was written as a file
        ``out``); an existing directory, or a path below a file
        (:func:`exposure._io.check_output_path`).
    exposure._outdir.OutputPathError
        ``path`` inside the mirror, the download cache's folders or the installed package
        (:func:`exposure.fetch.refuse_read_folders`).
    """
    path = _png_path(path)
    with atomic_path(path) as tmp:
        write_png(fig, tmp)
    return path


# --------------------------------------------------------------------------- results
def read_results(processed_dir) -> dict[str, pd.DataFrame]:
    """Read the processed tables the results need, checking that they are there.

    Parameters
    ----------
    processed_dir : str or os.PathLike
        ``data/processed`` (the output directory of ``exposure recompute``).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``soc_scores``, ``sector_scores`` and ``workforce``.

    Raises
    ------
    exposure.errors.ExposureError
        If a table is missing (naming every missing file); ``processed_dir`` not a path
        or empty (``None``: pathlib's ``TypeError`` before).
    exposure.errors.DataFormatError
        If a table lacks a column the results need (naming file and column; a key stored
        as the Parquet index, ``set_index("soc_code")``, is read as a column, as
        :func:`exposure.load` reads it: it was said missing), holds a column twice (naming
        it: pyarrow's ``Multiple matches for FieldRef`` before), or holds
        text that is not a number in a column of numbers (naming the row too); a table
        that is not the one the folder's ``manifest.json`` recorded; a table with no rows,
        an infinite value, a fraction outside 0-1, a negative employment, a mean wage of 0
        or less, a missing ``soc_code``, a sector or workforce row given twice, a
        ``level`` other than ``sector`` or ``subsector`` (``"Sector"``: the row was left
        out of the sectors table without a word), no occupation with workers, no
        ``sector`` row, or no ``all`` row of a measure (naming the file, row and column).
    exposure.errors.ExposureError
        From the figures: matplotlib not installed (saying what to install).

    Examples
    --------
    >>> import tempfile
    >>> read_results(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: missing processed table(s) .../soc_scores.parquet, ...
    """
    # None: pathlib's TypeError; "": the current directory
    processed_dir = check_path(processed_dir, "processed_dir", "a directory path")
    paths = {name: processed_dir / f"{name}.parquet" for name in _REQUIRED}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise ExposureError(
            "missing processed table(s) " + ", ".join(missing)
            + " (written by `exposure recompute`)"
        )
    out = {}
    for name, path in paths.items():
        check_recorded(path)  # another run's table was drawn under this folder's manifest
        # read as exposure.load reads it: a key stored as the index (set_index("soc_code")) was
        # "missing", a column stored twice raised pyarrow's "Multiple matches for FieldRef"
        frame = load(name, directory=processed_dir, validate=False)
        for col in _REQUIRED[name]:
            if col not in frame.columns:
                # the file and the column once (it was "soc_scores.parquet, column 'beta': column
                # 'beta' missing from soc_scores")
                raise DataFormatError("missing: `exposure recompute` writes it", path=path, column=col)
        for col in _NUMBERS[name]:
            frame[col] = _number_column(frame, col, path)
        _check_values(name, frame, path)
        out[name] = frame
    return out


#: Columns of the processed tables that hold numbers (the figures draw them).
_NUMBERS = {
    "soc_scores": ("tot_emp", "a_mean", *EXPOSURE_MEASURES, *CATEGORY_LABELS),
    "sector_scores": ("tot_emp", "covered_emp", "coverage", *EXPOSURE_MEASURES, "exposed_workers"),
    "workforce": ("tot_emp", "covered_emp", "share_ge_10", "share_gt_50", "emp_mean", "wage_mean"),
}


#: Columns that are fractions from 0 to 1 (missing allowed), and counts of workers (0 or more).
_FRACTIONS = {
    "soc_scores": (*EXPOSURE_MEASURES, *CATEGORY_LABELS),
    "sector_scores": ("coverage", *EXPOSURE_MEASURES),
    "workforce": ("share_ge_10", "share_gt_50", "emp_mean", "wage_mean"),
}
_COUNTS = {
    "soc_scores": ("tot_emp",),
    "sector_scores": ("tot_emp", "covered_emp", "exposed_workers"),
    "workforce": ("tot_emp", "covered_emp"),
}
#: Columns that identify a row of each table (a repeat was drawn or counted twice).
_KEYS = {"soc_scores": ("soc_code",), "sector_scores": ("naics", "level"),
         "workforce": ("group_type", "group", "measure")}


def _check_values(name: str, frame: pd.DataFrame, path) -> None:
    """Refuse a processed table whose rows the results cannot be drawn from, naming row and column.

    Before, an empty table raised numpy's ``zero-size array`` error in the figures (and
    gave empty tables), and every other case below was drawn and tabulated without a word:
    an infinite value, a fraction outside 0-1, a negative employment, a wage of 0 or
    less (off the log axis), a missing ``soc_code`` (dropped from its major group), a row
    given twice (counted twice), no occupation with workers, no ``sector`` row, no
    ``all`` row of a measure in ``workforce``, a ``level`` other than ``sector`` or
    ``subsector`` (its row left out of the sectors).
    """
    what = {"soc_scores": "occupation", "sector_scores": "industry", "workforce": "group"}[name]
    if frame.empty:
        raise DataFormatError(f"no rows (a header and no {what})", path=path)
    for col in (*_FRACTIONS[name], *_COUNTS[name], *(("a_mean",) if name == "soc_scores" else ())):
        values = frame[col].to_numpy(dtype=float)
        for bad, reason in ((np.isinf(values), "not a finite number: {}"),
                            ((values < 0) | (values > 1) if col in _FRACTIONS[name] else values < 0,
                             "must be a fraction from 0 to 1, got {}" if col in _FRACTIONS[name]
                             else "must be a number of 0 or more, got {}"),
                            (values <= 0 if col == "a_mean" else np.zeros(len(values), bool),
                             "must be a wage above 0, got {}")):
            pos = np.flatnonzero(bad)
            if len(pos):
                raise DataFormatError(reason.format(float(values[pos[0]])), path=path, row=int(pos[0]) + 1,
                                      column=col)
    keys = list(_KEYS[name])
    for col in keys:
        gaps = np.flatnonzero(frame[col].isna().to_numpy(dtype=bool))
        if len(gaps):
            raise DataFormatError("missing", path=path, row=int(gaps[0]) + 1, column=col)
    if name == "sector_scores":  # "Sector": the row was left out of the sectors table without a word
        _check_levels(frame, path)
    # an occupation twice: refused by by_major_group, which every figure set and table runs
    repeat = None if name == "soc_scores" else first_repeat(frame[keys].astype(str).agg("\x1f".join, axis=1))
    if repeat is not None:
        pos, first = repeat
        row = frame.iloc[pos]
        given = (f"sector {str(row['naics'])!r}" if name == "sector_scores" and row["level"] == "sector"
                 else ", ".join(f"{k} {str(row[k])!r}" for k in keys))
        raise DataFormatError(f"{given} given twice (rows {first + 1} and {pos + 1})", path=path, row=pos + 1,
                              column="naics" if name == "sector_scores" else keys[-1])
    if name == "soc_scores" and not (frame["tot_emp"].fillna(0) > 0).any():
        raise DataFormatError("no occupation has workers (0 or missing on every row)", path=path,
                              column="tot_emp")
    if name == "sector_scores" and not (frame["level"] == "sector").any():
        raise DataFormatError("no row of level 'sector' (the sectors figure and table draw them)", path=path,
                              column="level")
    if name == "workforce":
        every = set(frame.loc[frame["group_type"] == "all", "measure"].astype(str))
        for m in EXPOSURE_MEASURES:
            if m not in every:
                raise DataFormatError(f"no row of group_type 'all' for measure {m!r} (the workforce table "
                                      "shows every measure)", path=path, column="measure")


def _number_column(frame: pd.DataFrame, column: str, path) -> pd.Series:
    """``frame[column]`` as numbers: a column of text that is not all numbers is refused.

    The figures raised numpy's ``could not convert string to float`` or pandas'
    ``Invalid comparison between dtype=str and int`` for such a column.
    """
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values
    parsed = pd.to_numeric(values.where(values.notna(), None), errors="coerce")
    bad = np.flatnonzero((values.notna() & parsed.isna()).to_numpy(dtype=bool))
    if len(bad):
        raise DataFormatError(f"not numbers (the column holds text: {values.iloc[int(bad[0])]!r} on row "
                              f"{int(bad[0]) + 1})", path=path, column=column)
    return parsed.astype(float)


FIGURES = {
    "occupations": plot_ranked_occupations,
    "sectors": plot_sectors,
    "major_groups": plot_major_groups,
    "wage": plot_wage,
    "categories": plot_categories,
    "distribution": plot_distribution,
    "coverage": plot_coverage,
}


def render_results(processed_dir, out_dir, *,
                   min_employment: float = MIN_EMPLOYMENT) -> dict[str, Path]:
    """Draw every results figure from ``processed_dir`` into ``out_dir`` as PNG.

    Parameters
    ----------
    processed_dir : str or os.PathLike
        Directory with ``soc_scores.parquet``, ``sector_scores.parquet`` and
        ``workforce.parquet``.
    out_dir : str or os.PathLike
        Where to write ``<name>.png``; created if needed.
    min_employment : float, default :data:`MIN_EMPLOYMENT`
        Employment floor of the most and least exposed occupations figure.

    Returns
    -------
    dict of str to pathlib.Path
        Figure name (``occupations``, ``sectors``, ``major_groups``, ``wage``,
        ``categories``, ``distribution``, ``coverage``) to the written file.

    Raises
    ------
    exposure.errors.ExposureError
        If a processed table is missing.
    exposure.errors.DataFormatError
        ``out_dir`` not a path (None: a ``TypeError`` before), a file (a
        ``FileExistsError`` before) or a directory that cannot be written; a table the
        figures cannot be drawn from (:func:`read_results`, the ``plot_*`` functions).
    exposure._outdir.OutputPathError
        ``out_dir`` inside the mirror, the download cache's folders or the installed
        package (:func:`exposure.fetch.refuse_read_folders`), or no directory yet and named
        like a file (``figures.png``: a directory of that name was made to hold the seven
        figures; :func:`exposure._outdir.refuse_file_named_dir`), before anything is drawn.

    The figures are drawn first and written as one set (:func:`exposure._io.atomic_paths`):
    a figure that cannot be drawn leaves every previous figure as it was (those drawn
    before it were replaced, the others not: a mixed set).

    Examples
    --------
    >>> import tempfile
    >>> render_results(tempfile.mkdtemp(), tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: missing processed table(s) ...
    """
    min_employment = _check_floor(min_employment)  # before the tables are read
    out_dir = check_path(out_dir, "out_dir", "a directory path")
    # the mirror, the cache, the package: as the CLI, before the tables are read (a bad
    # table was named first, then the same run refused the folder)
    refuse_read_folders(out_dir)
    # "figures.png" made a directory of that name holding the seven figures
    refuse_file_named_dir(out_dir, "out_dir", "the figures (" + ", ".join(f"{name}.png" for name in FIGURES) + ")")
    tables = read_results(processed_dir)
    _require_matplotlib()  # before out_dir is created
    out_dir = check_files_dir(out_dir)
    drawn = {}
    for name, draw in FIGURES.items():
        table = "sector_scores" if name in ("sectors", "coverage") else "soc_scores"
        with _named(Path(processed_dir) / f"{table}.parquet"):
            source = tables[table]
            drawn[name] = draw(source, min_employment=min_employment) if name == "occupations" else draw(source)
    written = {name: out_dir / f"{name}.png" for name in drawn}
    with atomic_paths(list(written.values())) as tmps:
        for (name, fig), tmp in zip(drawn.items(), tmps, strict=True):
            write_png(fig, tmp)
            logger.debug("figure %s written to %s", name, written[name])
    return written


@contextlib.contextmanager
def _named(path: Path):
    """Name the processed table ``path`` in an error about its rows raised within.

    The figures and tables are drawn from frames: an error named the frame alone
    (``soc_scores, row 4, column 'soc_code': soc_code '47-2061' is given twice``), not the file.
    """
    try:
        yield
    except DataFormatError as exc:
        about_rows = exc.row is not None or exc.column is not None  # not an argument's error
        if about_rows and exc.path in (None, "soc_scores", "sector_scores", "workforce", "frame"):
            raise exc.in_file(path) from None
        raise


def results_tables(processed_dir, n: int = 15, *,
                   min_employment: float = MIN_EMPLOYMENT) -> dict[str, pd.DataFrame]:
    """Summary tables of the Results page, computed from the processed tables.

    Parameters
    ----------
    processed_dir : str or os.PathLike
    n : int, default 15
        Rows of the most and least exposed occupation tables.
    min_employment : float, default :data:`MIN_EMPLOYMENT`
        Employment floor (workers) of the most and least exposed occupation tables.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``workforce`` (all workers: share of workers with measure >= 0.10 and > 0.50 and
        the employment- and wage-weighted means, per measure), ``most_exposed`` and
        ``least_exposed`` (occupations by beta, with their employment, among those with at
        least ``min_employment`` workers), ``sectors``, ``major_groups``,
        ``wage_deciles`` and ``categories`` (employment-weighted category shares by
        major group).

    Examples
    --------
    >>> import tempfile
    >>> results_tables(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: missing processed table(s) ...
    """
    min_employment = _check_floor(min_employment)
    t = read_results(processed_dir)
    with _named(Path(processed_dir) / "soc_scores.parquet"):  # the only table checked by rows below
        return _results_tables(t, n, min_employment)


def _results_tables(t: dict, n: int, min_employment: float) -> dict[str, pd.DataFrame]:
    """The body of :func:`results_tables`, from the tables of :func:`read_results`."""
    soc, sec, work = _detailed(t["soc_scores"]), t["sector_scores"], t["workforce"]
    occ_cols = {"soc_code": "SOC code", "soc_title": "occupation", "tot_emp": "employment",
                "alpha": "alpha", "beta": "beta", "gamma": "gamma"}
    _check_once(_stripped(t["soc_scores"]), nested=False)  # before ranked, which counts the rows of the detailed ones
    top, bottom = ranked(soc, "beta", n, min_employment=min_employment)
    every = work[work["group_type"] == "all"].sort_values("measure", kind="stable")
    workforce = every[["measure", "covered_emp", "share_ge_10", "share_gt_50", "emp_mean",
                       "wage_mean"]].rename(columns={
                           "covered_emp": "workers covered",
                           "share_ge_10": "share of workers, measure \u2265 0.10",
                           "share_gt_50": "share of workers, measure > 0.50",
                           "emp_mean": "employment-weighted mean",
                           "wage_mean": "wage-bill-weighted mean"})
    sectors = sec[sec["level"] == "sector"].sort_values(["beta", "naics"], ascending=[False, True],
                                                        kind="stable")
    sectors = sectors.assign(naics_title=sectors["naics_title"].map(sector_title, na_action="ignore"))
    sectors = sectors[["naics", "naics_title", "tot_emp", "coverage", *EXPOSURE_MEASURES,
                       "exposed_workers"]].rename(columns={
                           "naics": "NAICS", "naics_title": "sector", "tot_emp": "employment",
                           "exposed_workers": "exposed workers"})
    full = t["soc_scores"]  # filtered by the functions themselves: rows named as in the file
    groups = by_major_group(full).sort_values(["beta", "major_group"], ascending=[False, True],
                                             kind="stable")
    groups = groups.rename(columns={"major_group": "SOC major group", "title": "title",
                                    "tot_emp": "employment"})
    deciles = by_wage_decile(full).rename(columns={
        "quantile": "wage decile", "wage_low": "lowest mean wage (USD)",
        "wage_high": "highest mean wage (USD)", "wage_mean": "mean wage (USD)",
        "tot_emp": "employment"})
    cats = by_major_group(full, list(CATEGORY_LABELS)).rename(
        columns={"major_group": "SOC major group", "tot_emp": "employment", **CATEGORY_LABELS})
    return {
        "workforce": workforce.reset_index(drop=True),
        "most_exposed": top[list(occ_cols)].rename(columns=occ_cols),
        "least_exposed": bottom[list(occ_cols)].rename(columns=occ_cols),
        "sectors": sectors.reset_index(drop=True),
        "major_groups": groups.reset_index(drop=True),
        "wage_deciles": deciles,
        "categories": cats.reset_index(drop=True),
    }
