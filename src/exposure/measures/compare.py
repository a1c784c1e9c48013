"""Published exposure measures side by side on SOC 2018 codes.

:func:`compare` loads each measure (crosswalked to SOC 2018 by its module), puts every one
on the occupation codes OEWS publishes (a detailed code that OEWS only publishes inside an
aggregate, e.g. ``31-1122`` in ``31-1120``, is averaged into the aggregate, by the rule of
:func:`exposure.crosswalks.oews_code_map` that the rollup uses), and returns

- ``table``: one row per code, one column per measure, plus ``tot_emp`` (OEWS May 2025
  national cross-industry employment);
- ``correlations``: Pearson and Spearman correlation of every pair of measures on the
  codes both cover, plain and weighted by employment;
- ``disagreements``: for each pair, the codes whose percentile ranks differ most;
- ``coverage``: for each measure, source codes matched, SOC codes reached and employment
  covered.

Our own scores (``alpha``, ``beta``, ``gamma`` of ``data/processed/soc_scores.parquet``)
are added when given. Measures keep their own scales (Felten's AIOE is a z-score, Webb's
a percentile, the others fractions); correlations and ranks do not depend on scale.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from exposure._args import check_choice, check_column, check_name, check_names, shown
from exposure._tables import first_repeat
from exposure.crosswalks import load_soc_structure, oews_code_map
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import _common, anthropic, felten, ilo, microsoft, webb
from exposure.measures._crosswalk import apply_links, links_from_pairs
from exposure.measures.eloundou import load_occ_level
from exposure.measures.ilo import to_isco
from exposure.schemas import validate
from exposure.schemas._measures import MeasureCoverage

__all__ = [
    "MEASURES",
    "KEY_MEASURES",
    "Comparison",
    "compare",
    "correlations",
    "disagreements",
    "to_oews_codes",
    "weighted_pearson",
    "weighted_spearman",
    "to_isco",
    "anthropic_match_rates",
    "correlation_matrix",
    "load_measure",
    "coverage",
]

log = logging.getLogger(__name__)


def _eloundou(mirror=None, data_dir=None) -> pd.DataFrame:
    """Eloundou et al. occupation-level beta (GPT-4 and human, train split) on SOC 2018.

    O*NET-SOC 2019 codes are built on SOC 2018: the SOC code is the first 7 characters;
    several O*NET codes of one SOC code are averaged (plain mean, weight 1 each).
    """
    occ = load_occ_level(mirror=mirror, data_dir=data_dir)
    occ = occ.rename(columns={"gpt4_beta": "eloundou_gpt4_beta", "human_beta": "eloundou_human_beta"})
    occ["soc_code"] = occ["onetsoc_code"].str[:7]
    links = links_from_pairs(occ, "onetsoc_code", "soc_code")
    return apply_links(occ, links, code="onetsoc_code", values=["eloundou_gpt4_beta", "eloundou_human_beta"])


#: measure name -> (loader(mirror, data_dir), column of the loader's frame)
MEASURES: dict[str, tuple[Callable, str]] = {
    "eloundou_gpt4_beta": (_eloundou, "eloundou_gpt4_beta"),
    "eloundou_human_beta": (_eloundou, "eloundou_human_beta"),
    "felten_aioe": (lambda m, d: felten.load_felten("aioe", mirror=m, data_dir=d), "aioe"),
    "felten_lm_aioe": (lambda m, d: felten.load_felten("lm", mirror=m, data_dir=d), "aioe"),
    "felten_ig_aioe": (lambda m, d: felten.load_felten("ig", mirror=m, data_dir=d), "aioe"),
    "webb_ai": (lambda m, d: webb.load_webb(mirror=m, data_dir=d), "webb_ai"),
    "webb_software": (lambda m, d: webb.load_webb(mirror=m, data_dir=d), "webb_software"),
    "webb_robot": (lambda m, d: webb.load_webb(mirror=m, data_dir=d), "webb_robot"),
    "microsoft_applicability": (
        lambda m, d: microsoft.load_microsoft(mirror=m, data_dir=d),
        "ai_applicability_score",
    ),
    "anthropic_usage": (lambda m, d: anthropic.load_anthropic("v2", mirror=m, data_dir=d), "anthropic_usage"),
    "anthropic_automation": (
        lambda m, d: anthropic.load_anthropic("v2", mirror=m, data_dir=d),
        "anthropic_automation",
    ),
    "anthropic_augmentation": (
        lambda m, d: anthropic.load_anthropic("v2", mirror=m, data_dir=d),
        "anthropic_augmentation",
    ),
    "ilo_2025": (lambda m, d: ilo.load_ilo(mirror=m, data_dir=d), "mean_score_2025"),
    "ilo_2023": (lambda m, d: ilo.load_ilo(mirror=m, data_dir=d), "mean_score_2023"),
}
_LOADER_KEY = {
    "eloundou_gpt4_beta": "eloundou", "eloundou_human_beta": "eloundou",
    "webb_ai": "webb", "webb_software": "webb", "webb_robot": "webb",
    "anthropic_usage": "anthropic", "anthropic_automation": "anthropic", "anthropic_augmentation": "anthropic",
    "ilo_2025": "ilo", "ilo_2023": "ilo",
}  # fmt: skip
OURS = ("alpha", "beta", "gamma")
#: one headline measure per source (plus ours): the pairs of the disagreement table
KEY_MEASURES = (
    "beta",
    "eloundou_human_beta",
    "felten_lm_aioe",
    "webb_ai",
    "microsoft_applicability",
    "anthropic_usage",
    "ilo_2025",
)


@dataclasses.dataclass
class Comparison:
    """Result of :func:`compare`."""

    table: pd.DataFrame
    correlations: pd.DataFrame
    disagreements: pd.DataFrame
    coverage: pd.DataFrame


def _vector(value, name: str) -> np.ndarray:
    """``value`` as a 1-D float array; text, a dict, a scalar or None refused, naming ``name``."""
    arr = None
    if value is not None and not isinstance(value, (str, bytes, Mapping)):
        try:
            arr = np.asarray(value, float)
        except (TypeError, ValueError):  # "could not convert string to float" before
            arr = None
    if arr is None or arr.ndim != 1:  # a scalar: "len() of unsized object" before
        raise DataFormatError(f"{name} must be a list of numbers (or an array, a Series), got {shown(value)}")
    return arr


def weighted_pearson(x, y, w=None) -> float:
    """Pearson correlation with optional non-negative weights.

    NaN when either variable takes one value only over the rows of positive weight (a
    constant measure correlates with nothing: rounding would otherwise make its variance
    a tiny positive number and the correlation anything from -1 to 1), or when no row has
    a positive weight.

    Raises
    ------
    exposure.errors.DataFormatError
        ``x``, ``y`` or ``w`` is not a list of numbers (text, a scalar, a dict, None for
        ``x`` or ``y``), or they differ in length.
    exposure.errors.ExposureError
        A weight is negative or not finite.

    Examples
    --------
    >>> round(weighted_pearson([1, 2, 3], [1, 2, 4]), 4)
    0.982
    >>> round(weighted_pearson([1, 2, 3], [1, 2, 4], [1, 1, 0]), 4)
    1.0
    >>> weighted_pearson([0.3, 0.3, 0.3], [0.1, 0.5, 0.9])
    nan
    """
    x, y = _vector(x, "x"), _vector(y, "y")
    w = np.ones_like(x) if w is None else _vector(w, "w")
    lengths = sorted({len(x), len(y), len(w)})
    if len(lengths) > 1:  # numpy's "boolean index did not match" before
        raise DataFormatError(f"x, y and w must have one length each, got {' and '.join(map(str, lengths[::-1]))}")
    if (~np.isfinite(w)).any() or (w < 0).any():
        raise ExposureError("correlation weights must be finite and non-negative")
    used = w > 0
    if not used.any() or np.ptp(x[used]) == 0 or np.ptp(y[used]) == 0:
        return float("nan")
    w = w / w.sum()
    mx, my = (w * x).sum(), (w * y).sum()
    cov = (w * (x - mx) * (y - my)).sum()
    den = np.sqrt((w * (x - mx) ** 2).sum() * (w * (y - my) ** 2).sum())
    return float(np.clip(cov / den, -1.0, 1.0)) if den > 0 else float("nan")


def _weighted_rank(x, w) -> np.ndarray:
    """Mid-point of each value's weight interval in the weighted distribution (ties share)."""
    s = pd.DataFrame({"x": x, "w": w})
    by = s.groupby("x")["w"].sum().sort_index()
    cum = by.cumsum()
    mid = (cum - by / 2) / by.sum()
    return s["x"].map(mid).to_numpy(float)


def weighted_spearman(x, y, w=None) -> float:
    """Spearman correlation; with weights, the weighted Pearson of weighted mid-ranks.

    Examples
    --------
    >>> weighted_spearman([1, 2, 3], [1, 2, 40])
    1.0
    >>> round(weighted_spearman([1, 2, 3, 4], [2, 1, 3, 4], [1, 1, 1, 1]), 4)
    0.8

    Raises
    ------
    exposure.errors.DataFormatError
        As :func:`weighted_pearson`: an argument that is not a list of numbers.
    exposure.errors.ExposureError
        A weight is negative or not finite.
    """
    x, y = _vector(x, "x"), _vector(y, "y")
    if w is None:
        return weighted_pearson(pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy())
    w = _vector(w, "w")
    lengths = sorted({len(x), len(y), len(w)})
    if len(lengths) > 1:  # as weighted_pearson says, before the ranks (a pandas error)
        raise DataFormatError(f"x, y and w must have one length each, got {' and '.join(map(str, lengths[::-1]))}")
    return weighted_pearson(_weighted_rank(x, w), _weighted_rank(y, w), w)


def correlations(table: pd.DataFrame, measures: list[str], weight: str | None = "tot_emp") -> pd.DataFrame:
    """Pairwise Pearson and Spearman correlations, plain and employment-weighted.

    Each pair uses the codes where both measures are present; the weighted versions use
    those of them with positive employment.

    Returns
    -------
    pandas.DataFrame
        ``measure_a``, ``measure_b``, ``n``, ``pearson``, ``spearman``, ``n_weighted``,
        ``pearson_emp``, ``spearman_emp`` (one row per unordered pair).

    Examples
    --------
    >>> t = pd.DataFrame({"a": [0.1, 0.2, 0.3, 0.4], "b": [1.0, 3.0, 2.0, 4.0],
    ...                   "tot_emp": [1.0, 1.0, 1.0, 1.0]})
    >>> correlations(t, ["a", "b"])[["n", "pearson", "spearman", "spearman_emp"]].round(2)
       n  pearson  spearman  spearman_emp
    0  4      0.8       0.8           0.8

    Raises
    ------
    exposure.errors.DataFormatError
        ``table`` is not a DataFrame or lacks a column; ``measures`` is not a list of
        names (one string is refused, not read letter by letter) or names one twice;
        ``weight`` is not a column name or None; a value of a measure or of ``weight``
        that is not a finite number or missing (text, ``True``, ``inf``), naming the row
        (counted from 1) and column.
    """
    _common.check_frame(table, "table")  # None raised ``AttributeError: ... 'columns'``
    measures = _measure_names(measures)
    check_column(weight, "weight", optional=True)
    needed = [*measures, *([weight] if weight else [])]
    missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
    if missing:  # a KeyError from pandas before
        raise DataFormatError(f"correlations: the table lacks column(s) {missing}")
    table = _numbers(table.reset_index(drop=True), needed)
    rows = []
    for a, b in itertools.combinations(measures, 2):
        both = table[[a, b] + ([weight] if weight else [])].dropna(subset=[a, b])
        row = {"measure_a": a, "measure_b": b, "n": len(both)}
        ok = len(both) >= 3
        row["pearson"] = weighted_pearson(both[a], both[b]) if ok else np.nan
        row["spearman"] = weighted_spearman(both[a], both[b]) if ok else np.nan
        if weight:
            wb = both[both[weight] > 0]
            okw = len(wb) >= 3
            row["n_weighted"] = len(wb)
            row["pearson_emp"] = weighted_pearson(wb[a], wb[b], wb[weight]) if okw else np.nan
            row["spearman_emp"] = weighted_spearman(wb[a], wb[b], wb[weight]) if okw else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


#: The statistics of :func:`correlations` that :func:`correlation_matrix` tabulates.
_STATS = ("pearson", "spearman", "pearson_emp", "spearman_emp")


def _measure_names(measures) -> list[str]:
    """``measures`` as a list of names (:func:`~exposure._args.check_names`), each once.

    A name given twice made a pair of a measure with itself (``x must be a list of
    numbers ... got DataFrame``) and a garbled correlation matrix.

    Examples
    --------
    >>> _measure_names(["a", "b", "a"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measures names 'a' twice
    """
    measures = check_names(measures, "measures")
    repeat = first_repeat(pd.Series(measures, dtype=object))
    if repeat is not None:
        raise DataFormatError(f"measures names {measures[repeat[0]]!r} twice")
    return measures


def _numbers(table: pd.DataFrame, columns) -> pd.DataFrame:
    """``table`` with ``columns`` as floats; text, booleans and infinities refused naming row and column.

    :func:`~exposure.measures._common.numbers`, the check of the measures given to
    :func:`compare`: text was ranked as text, or raised pandas' ``Invalid comparison``.
    """
    return table.assign(**{c: _common.numbers(table, c, "table").to_numpy() for c in dict.fromkeys(columns)})


def _check_top(top) -> int:
    """``top`` (codes per measure pair) as an int: a whole number, 0 or more."""
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)):  # "3", None, 2.5
        raise DataFormatError("top (codes per measure pair) must be a whole number, 0 or more, got "
                              f"{type(top).__name__} {top!r}")
    if top < 0:
        raise DataFormatError(f"top (codes per measure pair) must be 0 or more, got {top}")
    return int(top)


def correlation_matrix(corr: pd.DataFrame, stat: str = "spearman", measures=None) -> pd.DataFrame:
    """A square matrix of one statistic of :func:`correlations` (diagonal 1).

    Parameters
    ----------
    corr : pandas.DataFrame
        Output of :func:`correlations`.
    stat : str, default "spearman"
        ``pearson``, ``spearman``, ``pearson_emp`` or ``spearman_emp``.
    measures : list of str, optional
        Rows/columns, in order; default every measure of ``corr``.

    Returns
    -------
    pandas.DataFrame
        First column ``measure``, then one column per measure.

    Examples
    --------
    >>> corr = pd.DataFrame({"measure_a": ["a"], "measure_b": ["b"], "spearman": [0.5]})
    >>> correlation_matrix(corr)
      measure    a    b
    0       a  1.0  0.5
    1       b  0.5  1.0

    Raises
    ------
    exposure.errors.DataFormatError
        ``corr`` is not a DataFrame or (with rows) lacks ``measure_a``, ``measure_b`` or
        ``stat``; ``stat`` is not one of the four; ``measures`` not None or a list of
        names, each once.
    """
    _common.check_frame(corr, "corr")
    check_choice(stat, "stat", _STATS)  # a Series: pandas' "truth value ... is ambiguous"
    if stat not in _STATS:  # an AttributeError from itertuples before
        raise DataFormatError(f"stat must be one of {', '.join(_STATS)}, got {stat!r}")
    if measures is not None:
        measures = _measure_names(measures)
    if len(corr) or measures is None:
        _common.check_table(corr, "corr", ["measure_a", "measure_b", *([stat] if len(corr) else [])])
    if measures is None:
        measures = list(dict.fromkeys([*corr["measure_a"], *corr["measure_b"]]))
    m = pd.DataFrame(np.eye(len(measures)), index=measures, columns=measures)
    for row in corr.itertuples():
        if row.measure_a in m.index and row.measure_b in m.index:
            v = getattr(row, stat)
            m.loc[row.measure_a, row.measure_b] = m.loc[row.measure_b, row.measure_a] = v
    return m.rename_axis("measure").reset_index()


def disagreements(table: pd.DataFrame, measures: list[str], *, top: int = 3, titles=None) -> pd.DataFrame:
    """The codes where two measures disagree most, by percentile rank.

    For each pair, both measures are ranked (percentile, 0-1) on their common codes and
    the ``top`` codes with the largest absolute rank difference are kept.

    Returns
    -------
    pandas.DataFrame
        ``measure_a``, ``measure_b``, ``soc_code``, ``title`` (when ``titles`` maps codes
        to titles), ``rank_a``, ``rank_b``, ``rank_diff`` (``rank_a - rank_b``).

    Examples
    --------
    >>> t = pd.DataFrame({"soc_code": ["a", "b", "c", "d"], "x": [1, 2, 3, 4], "y": [4, 2, 3, 1]})
    >>> disagreements(t, ["x", "y"], top=1)[["soc_code", "rank_a", "rank_b", "rank_diff"]]
      soc_code  rank_a  rank_b  rank_diff
    0        a    0.25     1.0      -0.75

    Raises
    ------
    exposure.errors.DataFormatError
        ``table`` is not a DataFrame or lacks ``soc_code`` or a measure; ``measures`` is
        not a list of names (one string is refused, not read letter by letter) or names
        one twice; a measure value that is not a finite number or missing, naming the row
        (counted from 1) and column; ``top`` is not a whole number of 0 or more;
        ``titles`` is not None, a Series or a dict.
    """
    _common.check_frame(table, "table")
    measures = _measure_names(measures)
    top = _check_top(top)
    if titles is not None and not isinstance(titles, (pd.Series, Mapping)):  # "'int' object is not callable"
        raise DataFormatError(f"titles must be a Series or a dict of titles by SOC code (or None), got {shown(titles)}")
    _common.check_table(table, "table", ["soc_code", *measures])
    table = _numbers(table.reset_index(drop=True), measures)  # text was ranked as text
    out = []
    for a, b in itertools.combinations(measures, 2):
        both = table[["soc_code", a, b]].dropna()
        if both.empty:
            continue
        ra, rb = both[a].rank(pct=True), both[b].rank(pct=True)
        d = pd.DataFrame(
            {"measure_a": a, "measure_b": b, "soc_code": both["soc_code"], "rank_a": ra, "rank_b": rb, "rank_diff": ra - rb}
        )
        d = d.assign(_abs=d["rank_diff"].abs()).sort_values(["_abs", "soc_code"], ascending=[False, True])
        out.append(d.head(top).drop(columns="_abs"))
    cols = ["measure_a", "measure_b", "soc_code", "rank_a", "rank_b", "rank_diff"]
    res = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=cols)
    if titles is not None:
        res.insert(3, "title", res["soc_code"].map(titles))
    return res


def to_oews_codes(
    frame: pd.DataFrame, columns: list[str], oews_codes, soc_structure: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Average detailed codes that OEWS publishes only inside an aggregate into that code.

    Each code goes to the OEWS code of :func:`exposure.crosswalks.oews_code_map` (itself,
    its broad group, or the OEWS aggregate of its broad group); codes that map to no OEWS
    code stay as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``soc_code`` and the ``columns`` to average.
    columns : list of str
        Value columns.
    oews_codes : iterable of str
        OEWS detailed-level occupation codes.
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map`.

    Returns
    -------
    pandas.DataFrame
        Output of :func:`~exposure.measures._crosswalk.apply_links` on ``soc_code``.

    Examples
    --------
    >>> f = pd.DataFrame({"soc_code": ["31-1122", "31-1121", "11-1011", "29-1221"],
    ...                   "m": [0.2, 0.4, 0.9, 0.5]})
    >>> to_oews_codes(f, ["m"], ["31-1120", "11-1011", "29-1210"])[["soc_code", "m", "n_sources"]]
      soc_code    m  n_sources
    0  11-1011  0.9          1
    1  29-1210  0.5          1
    2  31-1120  0.3          2

    Raises
    ------
    exposure.errors.DataFormatError
        ``frame`` is not a DataFrame or lacks ``soc_code``; ``columns`` is not a list of
        column names.
    """
    columns = check_names(columns, "columns", "column names")
    _common.check_table(frame, "frame", ["soc_code"])
    codes = frame["soc_code"].astype(str)
    cmap = oews_code_map(codes, oews_codes, soc_structure).set_index("soc_code")["occ_code"]
    target = codes.map(cmap).fillna(codes)
    links = pd.DataFrame({"source_code": codes, "target_code": target, "crosswalk_weight": 1.0})
    return apply_links(frame, links, code="soc_code", values=columns)


def load_measure(name: str, *, mirror=None, data_dir=None) -> pd.DataFrame:
    """One published measure on SOC 2018 codes as a validated long table.

    Parameters
    ----------
    name : str
        A key of :data:`MEASURES`, e.g. ``"felten_lm_aioe"``.
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._measures.MeasureScores`: ``soc_code``, ``measure``,
        ``value``, ``crosswalk_weight``, ``n_sources``; ``attrs`` has ``n_source``,
        ``n_matched`` and ``unmatched``.

    Examples
    --------
    >>> load_measure("webb_robots")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: unknown measure 'webb_robots'; known: [...]
    >>> import tempfile
    >>> load_measure("webb_ai", mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/webb2020/exposure_by_occ1990dd_lswt2010.csv: not found in mirror ...
    """
    if not isinstance(name, str) or name not in MEASURES:  # a list is unhashable
        raise DataFormatError(f"unknown measure {name!r}; known: {sorted(MEASURES)}")
    loader, column = MEASURES[name]
    return _common.to_measure_scores(loader(mirror, data_dir), column, name)


def coverage(
    measure: pd.DataFrame,
    employment: pd.DataFrame,
    *,
    name: str = "measure",
    column: str = "value",
    soc_structure: pd.DataFrame | None = None,
) -> dict:
    """Codes matched and employment covered by one crosswalked measure.

    Parameters
    ----------
    measure : pandas.DataFrame
        ``soc_code`` and ``column``, with ``attrs`` ``n_source``/``n_matched`` when known.
    employment : pandas.DataFrame
        ``soc_code``, ``tot_emp`` (OEWS detailed codes).
    name, column : str
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map`.

    Returns
    -------
    dict
        ``measure``, ``source_codes``, ``matched_codes``, ``match_rate``, ``soc_codes``,
        ``emp_covered``, ``emp_share`` (the :class:`MeasureCoverage` columns).

    Examples
    --------
    >>> m = pd.DataFrame({"soc_code": ["11-1011", "31-1122"], "value": [0.1, 0.2]})
    >>> m.attrs.update(n_source=3, n_matched=2)
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "31-1120", "15-1252"],
    ...                     "tot_emp": [100.0, 50.0, 850.0]})
    >>> c = coverage(m, emp, name="m")
    >>> c["match_rate"], c["emp_covered"], c["emp_share"]
    (0.6666666666666666, 150.0, 0.15)

    Raises
    ------
    exposure.errors.DataFormatError
        ``measure`` or ``employment`` is not a DataFrame or lacks a column (``soc_code``
        and ``column``; ``soc_code`` and ``tot_emp``); ``name`` is not a string;
        ``column`` cannot be a column name. As :func:`compare` checks them, naming the row
        (counted from 1) and column: a measure code missing, malformed or repeated, a
        value that is not a number (:func:`~exposure.measures._common.check_measure_frame`);
        an employment code missing, malformed or repeated, a ``tot_emp`` that is not a
        finite number of at least 0 (:func:`~exposure.measures._common.check_employment`),
        or 0 or missing on every row (:func:`_employment_total`).
    """
    check_name(name, "name")
    check_column(column, "column")
    _common.check_table(measure, "measure", ["soc_code", column])
    _common.check_table(employment, "employment", ["soc_code", "tot_emp"])
    attrs = dict(measure.attrs)
    measure = _common.check_measure_frame(measure, column, "measure")
    employment = _common.check_employment(employment)
    emp_total = _employment_total(employment)
    part = measure[["soc_code", column]].dropna().rename(columns={column: name})
    part = to_oews_codes(part, [name], employment["soc_code"].astype(str), soc_structure)
    part.attrs.update(attrs)
    table = part.assign(tot_emp=_common.employment_for(part["soc_code"], employment, soc_structure).to_numpy())
    return _coverage_row(name, part, name, table, emp_total)


def _employment_total(employment: pd.DataFrame) -> float:
    """Total ``tot_emp`` of a checked employment frame; refused when 0 (no share can be had of it).

    Examples
    --------
    >>> _employment_total(pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [float("nan")]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, column 'tot_emp': tot_emp is 0 or missing on every row: no share of employment can be computed
    """
    total = float(pd.to_numeric(employment["tot_emp"], errors="coerce").sum())
    if not total > 0:  # every emp_share was 0.0, as if no measure covered anybody
        raise DataFormatError("tot_emp is 0 or missing on every row: no share of employment can be "
                              "computed", path="employment", column="tot_emp")
    return total


def _coverage_row(measure, loaded, column, table, emp_total) -> dict:
    has = table[measure].notna()
    return {
        "measure": measure,
        "source_codes": int(loaded.attrs.get("n_source", len(loaded))),
        "matched_codes": int(loaded.attrs.get("n_matched", len(loaded))),
        "match_rate": float(loaded.attrs.get("n_matched", 1) / max(loaded.attrs.get("n_source", 1), 1)),
        "soc_codes": int(has.sum()),
        "emp_covered": float(table.loc[has, "tot_emp"].fillna(0).sum()),
        "emp_share": float(table.loc[has, "tot_emp"].fillna(0).sum() / emp_total) if emp_total else 0.0,
    }


def compare(
    soc_scores: pd.DataFrame | None = None,
    *,
    measures: list[str] | None = None,
    employment: pd.DataFrame | None = None,
    soc_structure: pd.DataFrame | None = None,
    top: int = 3,
    key_measures: tuple[str, ...] = KEY_MEASURES,
    mirror=None,
    data_dir=None,
    loaded: dict[str, pd.DataFrame] | None = None,
) -> Comparison:
    """Compare published exposure measures (and ours) on common SOC codes.

    Parameters
    ----------
    soc_scores : pandas.DataFrame, optional
        Our SOC scores (``soc_code`` + ``alpha``/``beta``/``gamma``); when given, those
        columns join the comparison (checked by :func:`~exposure.measures._common.check_soc_scores`:
        SOC codes, each once, numbers).
    measures : list of str, optional
        Names of :data:`MEASURES` to load; default all.
    employment : pandas.DataFrame, optional
        ``soc_code``, ``tot_emp`` (and optionally ``title``); default OEWS May 2025 national
        cross-industry detailed codes. Checked by
        :func:`~exposure.measures._common.check_employment`; ``tot_emp`` must be above 0
        on some row (else every ``emp_share`` would be 0).
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`~exposure.crosswalks.oews_code_map`; read from the
        registry (``SOC_Structure.xlsx``) when ``employment`` is too.
    top : int, default 3
        Codes per pair in the disagreement table.
    key_measures : tuple of str
        Measures whose pairs enter the disagreement table (those present).
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.
    loaded : dict, optional
        Pre-loaded crosswalked frames by measure name (``soc_code`` + the measure column
        named as the measure, and ``attrs`` with ``n_source``/``n_matched``); used instead
        of the registry files (tests, custom measures).

    Returns
    -------
    Comparison
        ``table``, ``correlations``, ``disagreements``, ``coverage``.

    Examples
    --------
    >>> a = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032"],
    ...                   "a": [0.3, 0.9, 0.8, 0.1]})
    >>> b = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "31-1122"],
    ...                   "b": [0.2, 0.7, 0.9, 0.1]})
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "15-1252", "43-9021", "53-3032", "31-1120"],
    ...                     "tot_emp": [200.0, 1000.0, 50.0, 900.0, 300.0]})
    >>> res = compare(measures=[], employment=emp, loaded={"a": a, "b": b})
    >>> res.table.columns.tolist()
    ['soc_code', 'tot_emp', 'a', 'b']
    >>> res.coverage[["measure", "soc_codes", "emp_share"]]
      measure  soc_codes  emp_share
    0       a          4   0.877551
    1       b          4   0.632653
    >>> res.correlations[["n", "pearson", "spearman"]].round(3)
       n  pearson  spearman
    0  3    0.906       0.5
    """
    top = _check_top(top)
    if isinstance(measures, str):  # iterated letter by letter before
        raise DataFormatError(f"measures must be a list of measure names, got str {measures!r}: "
                              f"write [{measures!r}]")
    names = list(MEASURES) if measures is None else list(measures)
    unknown = [m for m in names if not isinstance(m, str) or m not in MEASURES]
    if unknown:
        raise DataFormatError(f"unknown measure(s) {unknown}; known: {sorted(MEASURES)}")
    if loaded is not None and not isinstance(loaded, Mapping):
        raise DataFormatError("loaded must be a dict of measure name -> DataFrame, got "
                              f"{type(loaded).__name__}")
    # the caller's frames, checked before anything is loaded (tracebacks, or silently wrong
    # correlations, before: a repeated or missing code, text, True, inf)
    loaded = {name: _common.check_measure_frame(frame, name, f"measure {name!r}")
              for name, frame in (loaded or {}).items()}
    if soc_scores is not None:
        _common.check_frame(soc_scores, "soc_scores: SOC scores")
    if employment is None:
        employment = _common.load_employment(mirror=mirror, data_dir=data_dir)
        if soc_structure is None:
            soc_structure = load_soc_structure(mirror=mirror, data_dir=data_dir)
    else:
        employment = _common.check_employment(employment)
    _common.require_columns(employment, ["soc_code", "tot_emp"], "employment")
    emp_total = _employment_total(employment)
    oews_codes = employment["soc_code"].astype(str)

    frames: dict[str, tuple[pd.DataFrame, str]] = {}
    cache: dict[str, pd.DataFrame] = {}
    for name in names:
        loader, column = MEASURES[name]
        key = _LOADER_KEY.get(name, name)
        if key not in cache:
            cache[key] = loader(mirror, data_dir)
        frames[name] = (cache[key], column)
    for name, frame in (loaded or {}).items():
        frames[name] = (frame, name)
    if soc_scores is not None:
        _common.require_columns(soc_scores, ["soc_code"], "soc_scores")
        ours = [c for c in OURS if c in soc_scores.columns]
        if not ours:
            raise DataFormatError("soc_scores has none of the columns alpha, beta, gamma", path="soc_scores")
        soc_scores = _common.check_soc_scores(soc_scores, ours)
        for col in ours:
            f = soc_scores[["soc_code", col]].copy()
            f.attrs.update(n_source=len(f), n_matched=len(f))
            frames[col] = (f, col)

    table = pd.DataFrame({"soc_code": pd.Series([], dtype=str)})
    for name, (frame, column) in frames.items():
        _common.require_columns(frame, ["soc_code", column], f"measure {name}")
        part = frame[["soc_code", column]].dropna().rename(columns={column: name})
        part = to_oews_codes(part, [name], oews_codes, soc_structure)[["soc_code", name]]
        table = table.merge(part, on="soc_code", how="outer")
    table["tot_emp"] = _common.employment_for(table["soc_code"], employment, soc_structure).to_numpy()
    table = table[["soc_code", "tot_emp", *frames]].sort_values("soc_code").reset_index(drop=True)

    cov = pd.DataFrame([_coverage_row(n, f, c, table, emp_total) for n, (f, c) in frames.items()])
    cov = validate(cov, MeasureCoverage, path="measure coverage")
    for row in cov.itertuples():
        log.info("%s: %d/%d codes matched, %d SOC codes, %.1f%% of employment",
                 row.measure, row.matched_codes, row.source_codes, row.soc_codes, 100 * row.emp_share)

    measure_cols = list(frames)
    corr = correlations(table, measure_cols)
    titles = employment.set_index("soc_code")["title"] if "title" in employment.columns else None
    keys = [m for m in key_measures if m in frames]
    dis = disagreements(table, keys, top=top, titles=titles)
    return Comparison(table=table, correlations=corr, disagreements=dis, coverage=cov)


def anthropic_match_rates(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Match rate of each Anthropic release's task names against O*NET 29.1 tasks.

    Returns
    -------
    pandas.DataFrame
        ``release``, ``task_names``, ``matched_text`` (by normalized text),
        ``matched`` (text or, failing that, task ID via the publisher's older statements),
        ``match_rate_text``, ``match_rate``, ``usage_matched`` (share of usage matched),
        ``soc_codes``.

    Examples
    --------
    >>> import tempfile
    >>> anthropic_match_rates(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/anthropic_economic_index/onet_task_mappings.csv: not found in mirror ...
    """
    rows = []
    for release in anthropic.RELEASES:
        out = anthropic.load_anthropic(release, mirror=mirror, data_dir=data_dir)
        a = out.attrs
        rows.append(
            {
                "release": release,
                "task_names": a["n_source"],
                "matched_text": a["n_text"],
                "matched": a["n_matched"],
                "match_rate_text": a["n_text"] / a["n_source"],
                "match_rate": a["n_matched"] / a["n_source"],
                "usage_matched": a["usage_matched"],
                "soc_codes": len(out),
            }
        )
    return pd.DataFrame(rows)
