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

from exposure._args import (
    check_choice,
    check_column,
    check_count,
    check_name,
    check_names,
    choice_hint,
    shown,
)
from exposure._tables import check_pairs, first_repeat, norm_header, power_scaled
from exposure.crosswalks import (
    check_not_beside_aggregate,
    check_soc_structure,
    load_soc_2010_to_2018,
    load_soc_structure,
    oews_code_map,
)
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import _common, anthropic, felten, ilo, microsoft, webb
from exposure.measures._crosswalk import apply_links, check_once, links_from_pairs
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


#: dtype kind or cell type -> what it is, for the values numpy reads as numbers that are none
_NOT_NUMBERS = {"b": "a boolean", "c": "a complex number", "M": "a date", "m": "a duration"}
_NOT_NUMBER_CELLS = ((bool, np.bool_), "b"), ((complex, np.complexfloating), "c")


def _first_not_number(value) -> tuple[int, str] | None:
    """Position of the first boolean, complex number, date or duration of ``value`` (1-D), and which, or None.

    numpy reads ``True`` as 1.0, a complex number as its real part (with a
    ``ComplexWarning`` only), a date or a duration as its count of nanoseconds: the table
    checks of this module refuse them as not numbers (:func:`correlations` said ``not a
    number: Timestamp('2020-01-01 00:00:00')`` for the date that :func:`weighted_pearson`
    correlated without a word).

    Examples
    --------
    >>> _first_not_number([0.5, 0.2 + 1j]), _first_not_number(pd.Series(pd.to_timedelta([1], unit="D")))
    ((1, 'a complex number'), (0, 'a duration'))
    """
    dtype = getattr(value, "dtype", None)
    if dtype is not None and getattr(value, "ndim", None) != 1:  # a scalar or a table: the caller refuses it
        return None
    kind = getattr(dtype, "kind", None)
    if dtype is not None and pd.api.types.is_bool_dtype(dtype):
        kind = "b"
    if kind in _NOT_NUMBERS:  # the first value given (a missing one is NaN whatever the dtype)
        given = np.flatnonzero(np.asarray(pd.notna(value), dtype=bool))
        return (int(given[0]), _NOT_NUMBERS[kind]) if len(given) else None
    if isinstance(value, (list, tuple)) or dtype == object:  # a generator is left to the caller's refusal
        for pos, v in enumerate(value):
            for types, kind in _NOT_NUMBER_CELLS:
                if isinstance(v, types):
                    return pos, _NOT_NUMBERS[kind]
    return None


def _vector(value, name: str, *, finite: bool = False) -> np.ndarray:
    """``value`` as a 1-D float array; text, a dict, a scalar, None, a boolean, a complex number, a date refused.

    The message names ``name`` (and the position of a value that is not a number,
    :func:`_first_not_number`).

    Missing values (None, NaN, ``pd.NA``) are NaN; with ``finite``, an infinity is refused,
    naming its position (counted from 0). ``pd.NA`` in a list or an object array (the
    ``tolist()`` of an ``Int64`` or ``Float64`` column) was refused as not a number.
    """
    arr = None
    # before numpy reads them: a complex number was its real part, with a ComplexWarning only
    found = _first_not_number(value) if not isinstance(value, (str, bytes, Mapping)) else None
    if found is not None:
        pos, what = found
        cell = (value if isinstance(value, pd.Series) else pd.Series(value)).iloc[pos]
        cell = cell.item() if isinstance(cell, np.generic) else cell
        raise DataFormatError(f"{name} must be a list of numbers (or an array, a Series), got {cell!r} at "
                              f"position {pos}: {what} is not a number")
    if value is not None and not isinstance(value, (str, bytes, Mapping)):
        try:
            arr = np.asarray(value, float)
        except (TypeError, ValueError):  # "could not convert string to float" before
            arr = None
        if arr is None:  # pd.NA: "float() argument must be ... not 'NAType'"
            try:
                cells = np.asarray(value, dtype=object)
                arr = np.asarray(np.where(pd.isna(cells), np.nan, cells), float) if cells.ndim == 1 else None
            except (TypeError, ValueError):
                arr = None
    if arr is None or arr.ndim != 1:  # a scalar: "len() of unsized object" before
        raise DataFormatError(f"{name} must be a list of numbers (or an array, a Series), got {shown(value)}")
    infinite = np.flatnonzero(np.isinf(arr)) if finite else ()
    if len(infinite):  # NaN (pearson) or a rank above every number (spearman) before
        raise DataFormatError(f"{name} must hold finite numbers or missing values, got {arr[infinite[0]]} "
                              f"at position {int(infinite[0])}")
    return arr


def _pairs(x, y, w) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """``x``, ``y`` and ``w`` checked (:func:`_vector`, one length, weights), without the pairs with a missing value.

    ``w`` stays None when None. The pairs come back in (``x``, ``y``, ``w``) order, so that
    the sums over them do not depend on the order they were given in. Series holding the
    index labels of another argument in another order are refused
    (:func:`~exposure._tables.check_pairs`): they are paired by position, and were
    correlated so without a word (a Series of another table sorted by another column).
    """
    check_pairs((x, "x"), (y, "y"), (w, "w"))
    x, y = _vector(x, "x", finite=True), _vector(y, "y", finite=True)
    if w is not None:
        w = _vector(w, "w")
    lengths = sorted({len(x), len(y), *([len(w)] if w is not None else [])})
    if len(lengths) > 1:  # numpy's "boolean index did not match" before
        raise DataFormatError(f"x, y and w must have one length each, got {' and '.join(map(str, lengths[::-1]))}")
    if w is not None:
        bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
        if len(bad):
            raise ExposureError(f"correlation weights must be finite and non-negative, got {w[bad[0]]} at "
                                f"position {int(bad[0])} of w")
    keep = ~(np.isnan(x) | np.isnan(y))
    with np.errstate(over="ignore"):
        overflows = w is not None and not np.isfinite(w.sum())
    if overflows:  # scaled (others kept bit for bit): a sum of weights of 1e308 overflowed, and gave NaN
        w = power_scaled(w)
    x, y, w = x[keep], y[keep], (None if w is None else w[keep])
    # in (x, y, w) order: the sums do not depend on the caller's row order (the same pairs in
    # another order gave correlations that differed in the 16th digit)
    order = np.lexsort((y, x) if w is None else (w, y, x))
    return x[order], y[order], (None if w is None else w[order])


def weighted_pearson(x, y, w=None) -> float:
    """Pearson correlation with optional non-negative weights.

    A pair with a missing value (None, NaN) in ``x`` or ``y`` is left out, as
    :func:`correlations` leaves out the codes a measure lacks (it made the result NaN).
    NaN when either variable takes one value only over the rows of positive weight (a
    constant measure correlates with nothing: rounding would otherwise make its variance
    a tiny positive number and the correlation anything from -1 to 1), or when no row has
    a positive weight. Values equal to 12 decimals of the largest magnitude are one value
    (:func:`tied`, as :func:`weighted_spearman` ranks them): a measure of 0.3 on every
    code, some of them ``0.1 + 0.2`` (means of the same scores summed in another order),
    correlated as its float noise did (-0.13 with a measure that Spearman found undefined).

    Raises
    ------
    exposure.errors.DataFormatError
        ``x``, ``y`` or ``w`` is not a list of numbers (text, a scalar, a dict, None for
        ``x`` or ``y``, a boolean: True was read as 1), or they differ in length; an
        infinite value of ``x`` or ``y``, naming the argument and its position (counted
        from 0); Series holding the index labels of another argument in another order
        (they are paired by position: :func:`~exposure._tables.check_pairs`).
    exposure.errors.ExposureError
        A weight is negative or not finite, naming its position.

    Examples
    --------
    >>> round(weighted_pearson([1, 2, 3], [1, 2, 4]), 4)
    0.982
    >>> round(weighted_pearson([1, 2, 3], [1, 2, 4], [1, 1, 0]), 4)
    1.0
    >>> weighted_pearson([0.3, 0.3, 0.3], [0.1, 0.5, 0.9])
    nan
    >>> weighted_pearson([0.3, 0.1 + 0.2, 0.3], [0.1, 0.5, 0.9])  # 0.3 but for float noise
    nan
    >>> round(weighted_pearson([1, 2, None, 3], [1, 2, 9, 4]), 4)  # the pair with None left out
    0.982
    """
    x, y, w = _pairs(x, y, w)
    w = np.ones_like(x) if w is None else w
    used = w > 0
    # one value to 12 decimals (float noise is no variance): as weighted_spearman ties them
    if not used.any() or np.ptp(tied(x[used])) == 0 or np.ptp(tied(y[used])) == 0:
        return float("nan")
    # scaled first (the correlation does not depend on scale): squares of 1e200 overflowed to 0.0
    x, y = x / np.abs(x[used]).max(), y / np.abs(y[used]).max()
    w = w / w.sum()
    mx, my = (w * x).sum(), (w * y).sum()
    cov = (w * (x - mx) * (y - my)).sum()
    den = np.sqrt((w * (x - mx) ** 2).sum() * (w * (y - my) ** 2).sum())
    return float(np.clip(cov / den, -1.0, 1.0)) if den > 0 else float("nan")


def tied(x: np.ndarray) -> np.ndarray:
    """``x`` over its largest magnitude, rounded to 12 decimals: the values ranked (float noise ties).

    Shared with :func:`exposure.outcomes.exposure_groups` (its quantile groups).

    Sums and means of the same scores taken in another order or over other codes
    (``0.1 + 0.2`` and ``0.3``) differ in the 16th digit: ranked as they were, such a tie
    was broken by the noise, and Spearman moved in the 5th digit with the order of a
    crosswalk's rows, or from the table to the same table written out. Monotone: other
    ranks are kept.
    """
    top = float(np.abs(x).max(initial=0.0))
    return np.round(x / top, 12) if top > 0 else x


def weighted_midranks(x, w) -> np.ndarray:
    """Mid-point of each value's weight interval in the weighted distribution (0-1; ties share).

    Shared with :func:`exposure.outcomes.exposure_groups`, which passes :func:`tied` values.

    Examples
    --------
    >>> weighted_midranks(np.array([0.2, 0.1, 0.2]), np.array([1.0, 2.0, 1.0])).tolist()
    [0.75, 0.25, 0.75]
    """
    s = pd.DataFrame({"x": x, "w": w})
    by = s.groupby("x")["w"].sum().sort_index()
    cum = by.cumsum()
    mid = (cum - by / 2) / by.sum()
    return s["x"].map(mid).to_numpy(float)


def weighted_spearman(x, y, w=None) -> float:
    """Spearman correlation; with weights, the weighted Pearson of weighted mid-ranks.

    As in :func:`weighted_pearson`, a pair with a missing value is left out (before the
    ranks are taken). Values equal to 12 decimals of the largest magnitude share a rank
    (means of the same scores in another order differ in the 16th digit; the tie was
    broken by that noise).

    Examples
    --------
    >>> weighted_spearman([1, 2, 3], [1, 2, 40])
    1.0
    >>> round(weighted_spearman([1, 2, 3, 4], [2, 1, 3, 4], [1, 1, 1, 1]), 4)
    0.8

    Raises
    ------
    exposure.errors.DataFormatError
        As :func:`weighted_pearson`: an argument that is not a list of numbers, an
        infinite value (it was ranked above every number).
    exposure.errors.ExposureError
        A weight is negative or not finite.
    """
    x, y, w = _pairs(x, y, w)
    x, y = tied(x), tied(y)  # values equal but for float noise share a rank
    if w is None:
        return weighted_pearson(pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy())
    return weighted_pearson(weighted_midranks(x, w), weighted_midranks(y, w), w)


def correlations(table: pd.DataFrame, measures: list[str], weight: str | None = "tot_emp") -> pd.DataFrame:
    """Pairwise Pearson and Spearman correlations, plain and employment-weighted.

    Each pair uses the codes where both measures are present; the weighted versions use
    those of them with positive employment.

    Returns
    -------
    pandas.DataFrame
        ``measure_a``, ``measure_b``, ``n``, ``pearson``, ``spearman``, ``n_weighted``,
        ``pearson_emp``, ``spearman_emp`` (one row per unordered pair; no row, but these
        columns, for fewer than two measures). Without ``weight`` (None) the last three
        columns are left out; a ``weight`` of ``0`` or ``""`` names a column like any
        other (it was read as None). ``weight`` may be one of ``measures`` too.

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
        ``table`` is not a DataFrame, has column names of several levels or lacks a
        column; ``measures`` is not a list of names (one string is refused, not read
        letter by letter) or names one twice; ``weight`` is not a column name or None; a
        column used given twice (it was read as a frame); a value of a measure or of ``weight`` that is not a finite number or
        missing (text, ``True``, ``inf``), or a negative ``weight`` (the row was left out
        of the weighted correlations without a word), naming the row (counted from 1) and
        column.
    """
    # None raised ``AttributeError: ... 'columns'``; two-level column names (a pd.concat({...}, axis=1)
    # result) ``KeyError: ['x', 'y']``
    _common.check_frame(table, "table", flat=True)
    measures = _measure_names(measures)
    check_column(weight, "weight", optional=True)
    weighted = weight is not None  # 0 (a frame read without a header) was read as no weight
    needed = list(dict.fromkeys([*measures, *([weight] if weighted else [])]))
    missing = [c for c in needed if c not in table.columns]
    if missing:  # a KeyError from pandas before; the index named (set_index) as check_table names it
        raise DataFormatError(f"correlations: the table lacks column(s) {missing}{_common.index_hint(table, missing)}")
    check_once(table, needed)
    table = _numbers(table.reset_index(drop=True), needed)
    if weighted:
        negative = np.flatnonzero((table[weight] < 0).to_numpy(dtype=bool))
        if len(negative):
            pos = int(negative[0])
            raise DataFormatError(f"{weight} must be 0 or more (a weight), got {table[weight].iloc[pos]}",
                                  path="table", row=pos + 1, column=weight)
    rows = []
    for a, b in itertools.combinations(measures, 2):
        both = table[list(dict.fromkeys([a, b, *([weight] if weighted else [])]))].dropna(subset=[a, b])
        row = {"measure_a": a, "measure_b": b, "n": len(both)}
        ok = len(both) >= 3
        row["pearson"] = weighted_pearson(both[a], both[b]) if ok else np.nan
        row["spearman"] = weighted_spearman(both[a], both[b]) if ok else np.nan
        if weighted:
            wb = both[both[weight] > 0]
            okw = len(wb) >= 3
            row["n_weighted"] = len(wb)
            row["pearson_emp"] = weighted_pearson(wb[a], wb[b], wb[weight]) if okw else np.nan
            row["spearman_emp"] = weighted_spearman(wb[a], wb[b], wb[weight]) if okw else np.nan
        rows.append(row)
    columns = ["measure_a", "measure_b", "n", "pearson", "spearman",
               *(["n_weighted", "pearson_emp", "spearman_emp"] if weighted else [])]
    return pd.DataFrame(rows, columns=columns)  # no column at all for fewer than two measures before


#: The statistics of :func:`correlations` that :func:`correlation_matrix` tabulates.
_STATS = ("pearson", "spearman", "pearson_emp", "spearman_emp")


def _measure_names(measures, what: str = "measures", kind: str = "measure names") -> list[str]:
    """``measures`` as a list of names (:func:`~exposure._args.check_names`), each once; ``what`` names the argument.

    A name given twice made a pair of a measure with itself (``x must be a list of
    numbers ... got DataFrame``) and a garbled correlation matrix. ``kind`` says what the
    names are, in the message of something that is no list of them.

    Examples
    --------
    >>> _measure_names(["a", "b", "a"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measures names 'a' twice
    """
    measures = check_names(measures, what, kind)
    repeat = first_repeat(pd.Series(measures, dtype=object))
    if repeat is not None:
        raise DataFormatError(f"{what} names {measures[repeat[0]]!r} twice")
    return measures


def _numbers(table: pd.DataFrame, columns) -> pd.DataFrame:
    """``table`` with ``columns`` as floats; text, booleans and infinities refused naming row and column.

    :func:`~exposure.measures._common.numbers`, the check of the measures given to
    :func:`compare`: text was ranked as text, or raised pandas' ``Invalid comparison``.
    """
    out = table.copy()
    for c in dict.fromkeys(columns):  # not assign(**...): a column named 0 raised "keywords must be strings"
        out[c] = _common.numbers(table, c, "table").to_numpy()
    return out


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
        First column ``measure``, then one column per measure. A pair that ``corr`` does
        not hold is missing (NaN; it was shown as a correlation of 0.0).

    Examples
    --------
    >>> corr = pd.DataFrame({"measure_a": ["a"], "measure_b": ["b"], "spearman": [0.5]})
    >>> correlation_matrix(corr)
      measure    a    b
    0       a  1.0  0.5
    1       b  0.5  1.0
    >>> correlation_matrix(corr, measures=["a", "c"])
      measure    a    c
    0       a  1.0  NaN
    1       c  NaN  1.0

    Raises
    ------
    exposure.errors.DataFormatError
        ``corr`` is not a DataFrame or (with rows) lacks ``measure_a``, ``measure_b`` or
        ``stat``; ``stat`` is not one of the four; ``measures`` not None or a list of
        names, each once. A row of ``corr`` with a measure name missing or not text, a
        measure paired with itself (it overwrote the diagonal), a pair given twice (in
        either order: the last one won) or a ``stat`` that is not a number or missing (a
        ``TypeError`` from pandas), naming the row (counted from 1) and column.
    """
    _common.check_frame(corr, "corr")
    check_choice(stat, "stat", _STATS)  # a Series: pandas' "truth value ... is ambiguous"
    if stat not in _STATS:  # an AttributeError from itertuples before
        # 'Spearman' was told the statistics only, not what to write
        raise DataFormatError(f"stat must be one of {', '.join(_STATS)}, got {stat!r}{choice_hint(stat, _STATS)}")
    if measures is not None:
        measures = _measure_names(measures)
    if len(corr) or measures is None:
        _common.check_table(corr, "corr", ["measure_a", "measure_b", *([stat] if len(corr) else [])])
    if len(corr):
        corr = _check_pairs(corr.reset_index(drop=True), stat)
    if measures is None:
        measures = list(dict.fromkeys([*corr["measure_a"], *corr["measure_b"]]))
    values = np.full((len(measures), len(measures)), np.nan)
    np.fill_diagonal(values, 1.0)
    m = pd.DataFrame(values, index=measures, columns=measures)
    for a, b, v in (zip(corr["measure_a"], corr["measure_b"], corr[stat]) if len(corr) else ()):
        if a in m.index and b in m.index:
            m.loc[a, b] = m.loc[b, a] = v
    return m.rename_axis("measure").reset_index()


def _check_pairs(corr: pd.DataFrame, stat: str) -> pd.DataFrame:
    """The rows of ``corr`` (from row 1) checked: two measure names, not the same, each pair once; ``stat`` numbers.

    Examples
    --------
    >>> corr = pd.DataFrame({"measure_a": ["a", "b"], "measure_b": ["b", "a"], "spearman": [0.5, 0.7]})
    >>> _check_pairs(corr, "spearman")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: corr, row 2, column 'measure_b': the pair 'b', 'a' is given twice (rows 1 and 2)
    """
    seen: dict[frozenset, int] = {}
    for pos, (a, b) in enumerate(zip(corr["measure_a"], corr["measure_b"])):
        for column, name in (("measure_a", a), ("measure_b", b)):
            if not isinstance(name, str):
                what = "measure name missing" if name is None or name != name else f"not a measure name: {name!r}"
                raise DataFormatError(what, path="corr", row=pos + 1, column=column)
        if a == b:
            raise DataFormatError(f"measure {a!r} paired with itself", path="corr", row=pos + 1, column="measure_b")
        first = seen.setdefault(frozenset((a, b)), pos)
        if first != pos:
            raise DataFormatError(f"the pair {a!r}, {b!r} is given twice (rows {first + 1} and {pos + 1})",
                                  path="corr", row=pos + 1, column="measure_b")
    return corr.assign(**{stat: _common.numbers(corr, stat, "corr").to_numpy()})


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
        one twice; a measure value that is not a finite number or missing, a
        ``soc_code`` missing or given twice (the row was dropped, or listed twice), a
        column given twice, naming the row (counted from 1) and column; ``top`` is not a
        whole number of 0 or more; ``titles`` is not None, a Series or a dict, or a Series
        that gives a code twice (pandas' ``InvalidIndexError``).
    """
    _common.check_frame(table, "table")
    measures = _measure_names(measures)
    top = _check_top(top)
    if titles is not None and not isinstance(titles, (pd.Series, Mapping)):  # "'int' object is not callable"
        raise DataFormatError(f"titles must be a Series or a dict of titles by SOC code (or None), got {shown(titles)}")
    if isinstance(titles, pd.Series) and titles.index.has_duplicates:
        code = titles.index[titles.index.duplicated()][0]
        raise DataFormatError(f"titles gives SOC code {code!r} twice")
    _common.check_table(table, "table", ["soc_code", *measures])
    check_once(table, ["soc_code", *measures])
    table = table.reset_index(drop=True)
    _check_codes_once(table["soc_code"], "table")
    table = _numbers(table, measures)  # text was ranked as text
    out = []
    for a, b in itertools.combinations(measures, 2):
        both = table[["soc_code", a, b]].dropna()
        if both.empty:
            continue
        # the difference of the ranks (whole or half numbers, exact) over n: two codes whose ranks
        # differ by as much tie exactly and are ordered by code (3/10 - 1/10 was 0.19999999999999998,
        # below 9/10 - 7/10, whatever their codes)
        # values equal but for float noise share a rank (:func:`tied`)
        na = pd.Series(tied(both[a].to_numpy(float)), index=both.index).rank()
        nb = pd.Series(tied(both[b].to_numpy(float)), index=both.index).rank()
        n = float(len(both))
        d = pd.DataFrame(
            {"measure_a": a, "measure_b": b, "soc_code": both["soc_code"], "rank_a": na / n, "rank_b": nb / n,
             "rank_diff": (na - nb) / n}
        )
        # ties by the code's text: a categorical soc_code was ordered by its categories
        d = d.assign(_abs=d["rank_diff"].abs(), _code=both["soc_code"].astype(str).to_numpy())
        d = d.sort_values(["_abs", "_code"], ascending=[False, True], kind="stable")
        out.append(d.head(top).drop(columns=["_abs", "_code"]))
    cols = ["measure_a", "measure_b", "soc_code", "rank_a", "rank_b", "rank_diff"]
    res = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=cols)
    if titles is not None:
        res.insert(3, "title", res["soc_code"].map(titles))
    return res


def _check_codes_once(codes: pd.Series, path) -> None:
    """Refuse a missing code, or one given twice, naming ``path``, the row (from 1) and ``soc_code``.

    Any text is a code here (:func:`disagreements` ranks codes of any form).
    """
    missing = np.flatnonzero(codes.isna().to_numpy(dtype=bool))
    if len(missing):
        raise DataFormatError("soc_code missing", path=path, row=int(missing[0]) + 1, column="soc_code")
    repeat = first_repeat(codes)
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"SOC code {str(codes.iloc[pos])!r} appears twice (rows {first + 1} and {pos + 1})",
                              path=path, row=pos + 1, column="soc_code")


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
        Output of :func:`~exposure.measures._crosswalk.apply_links` on ``soc_code``
        (no row for a ``frame`` without rows).

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
        column names, names a column twice or names ``soc_code``; a ``soc_code`` that is missing, not a SOC
        code or given twice, naming the row of ``frame`` (counted from 1) and the column
        (a missing code was blamed on ``soc_codes``, no argument of this function).
    """
    # a column named twice was "not a number: array([0.2, 0.2], dtype=object)", as if its values were text
    columns = _measure_names(columns, "columns", "column names")
    if "soc_code" in columns:  # "not a number: array(['11-1011', '11-1011'], dtype=object)"
        raise DataFormatError("columns must not include 'soc_code' (the code column)")
    _common.check_table(frame, "frame", ["soc_code"])
    check_once(frame, ["soc_code", *columns], path="frame")
    frame = frame.reset_index(drop=True)
    _common.check_soc_codes(frame, "frame")
    codes = frame["soc_code"].astype(str)
    cmap = oews_code_map(codes, oews_codes, soc_structure).set_index("soc_code")["occ_code"]
    target = codes.map(cmap).fillna(codes)
    # object codes: links of the ``str`` dtype with no row raised pandas' "eq not implemented for
    # <class 'type'>" in apply_links (a frame with no rows; coverage() of a measure without values)
    links = pd.DataFrame({"source_code": codes, "target_code": target, "crosswalk_weight": 1.0})
    # errors name the frame ("row 2, column 'm': not a number: 'x'" named none)
    return apply_links(frame, links, code="soc_code", values=columns, path="frame")


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
        # 'Felten_AIOE' was told the known names only, while compare() says which one was meant
        meant = _in_other_case(name, MEASURES) if isinstance(name, str) else None
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise DataFormatError(f"unknown measure {name!r}{hint}; known: {sorted(MEASURES)}")
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
        and ``column``; ``soc_code`` and ``tot_emp``; a measure of one other column, as
        :func:`compare` takes it, is told to give that column as ``column``:
        :func:`_check_long`); ``name`` is not a string;
        ``column`` cannot be a column name. As :func:`compare` checks them, naming the row
        (counted from 1) and column: a measure code missing, malformed or repeated, a
        value that is not a number (:func:`~exposure.measures._common.check_measure_frame`);
        an employment code missing, malformed or repeated, a ``tot_emp`` that is not a
        finite number of at least 0 (:func:`~exposure.measures._common.check_employment`),
        or 0 or missing on every row (:func:`_employment_total`). A ``name`` that is a
        column of the coverage table (``soc_code``, ``tot_emp``, ``crosswalk_weight``,
        ``n_sources``: ``tot_emp`` was overwritten by the employment); ``attrs``
        ``n_source`` or ``n_matched`` that is not a whole number of 0 or more (a
        ``TypeError``), or ``n_matched`` above ``n_source`` (a match rate above 1); a
        count not given is the measure's codes with a value (:func:`_counts`).
    """
    check_name(name, "name")
    check_column(column, "column")
    if name in _RESERVED:
        raise DataFormatError(f"name {name!r} is a column of the coverage table: give the measure another name")
    _check_long(measure, column)  # a frame of compare()'s loaded: "lacks column(s) ['value']" only
    _common.check_table(measure, "measure", ["soc_code", column])
    # its columns are named by check_employment, which reads OEWS's 'TOT_EMP' (refused here as missing)
    _common.check_frame(employment, "employment", flat=True)
    attrs = dict(measure.attrs)
    measure = _common.check_measure_frame(measure, column, "measure")
    # a count not given is the measure's codes with a value (to_oews_codes counts them so)
    _check_counts(attrs, "measure", rows=int(measure[column].notna().sum()))
    employment = _common.check_employment(employment)
    emp_total = _employment_total(employment)
    part = measure[["soc_code", column]].dropna().rename(columns={column: name})
    part = to_oews_codes(part, [name], employment["soc_code"].astype(str), soc_structure)
    part.attrs.update(attrs)
    table = part.assign(tot_emp=_common.employment_for(part["soc_code"], employment, soc_structure).to_numpy())
    return _coverage_row(name, part, name, table, emp_total)


#: Columns of the comparison and coverage tables besides the measures: no measure may be so named.
_RESERVED = ("soc_code", "tot_emp", "crosswalk_weight", "n_sources")


def _check_wide(frame, name: str) -> None:
    """Refuse a measure of :func:`compare`'s ``loaded`` given as a long table, saying how to give it.

    :func:`load_measure` returns a measure long (``soc_code``, ``measure``, ``value``:
    :class:`~exposure.schemas._measures.MeasureScores`); :func:`compare` takes one column
    per measure, named as it. Such a table was refused as
    ``missing column(s) ['felten_lm_aioe']`` only, without a word of the ``value`` column
    to rename. A frame that has the column ``name``, or is not long (no ``measure`` and
    ``value`` columns, each once), is left to
    :func:`~exposure.measures._common.check_measure_frame`.

    Examples
    --------
    >>> long = pd.DataFrame({"soc_code": ["11-1011"], "measure": ["webb_ai"], "value": [0.5]})
    >>> _check_wide(long, "webb_ai")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure 'webb_ai', column 'webb_ai': no column 'webb_ai': the frame is a long table (columns 'measure' and 'value', as load_measure returns it), and compare() takes one column per measure, named as the measure: give frame.rename(columns={'value': 'webb_ai'})
    """
    if not isinstance(frame, pd.DataFrame) or isinstance(frame.columns, pd.MultiIndex):
        return
    present = list(frame.columns)
    if name in present or present.count("measure") != 1 or present.count("value") != 1:
        return
    given = list(dict.fromkeys(str(m) for m in frame["measure"].dropna()))
    take = "frame"
    if len(given) > 1:  # one measure of several: the one named so, else the first
        take = f"frame[frame['measure'] == {name if name in given else given[0]!r}]"
    raise DataFormatError(f"no column {name!r}: the frame is a long table (columns 'measure' and 'value', as "
                          "load_measure returns it), and compare() takes one column per measure, named as the "
                          f"measure: give {take}.rename(columns={{'value': {name!r}}})", path=f"measure {name!r}",
                          column=name)


def _check_long(measure, column) -> None:
    """Refuse a :func:`coverage` ``measure`` without ``column`` that holds one measure column, naming it.

    A frame as :func:`compare` takes it in ``loaded`` (``soc_code`` and one column named
    as the measure) was refused as ``measure lacks column(s) ['value']`` only, without the
    ``column`` argument that reads it. Other frames are left to the checks that follow.

    Examples
    --------
    >>> _check_long(pd.DataFrame({"soc_code": ["11-1011"], "webb_ai": [0.5]}), "value")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure lacks column(s) ['value'] (columns: ['soc_code', 'webb_ai']): give column='webb_ai', the column of the measure
    """
    if (not isinstance(measure, pd.DataFrame) or isinstance(measure.columns, pd.MultiIndex)
            or column in measure.columns or "soc_code" not in measure.columns):
        return
    others = [c for c in measure.columns if c not in _RESERVED and c != "measure"]
    if len(others) == 1:
        raise DataFormatError(f"measure lacks column(s) [{column!r}] (columns: {list(measure.columns)}): give "
                              f"column={others[0]!r}, the column of the measure")


def _check_counts(attrs: Mapping, what: str, rows: int | None = None) -> None:
    """Refuse ``attrs`` ``n_source`` / ``n_matched`` (when there) that are not counts, or more matched than sources.

    With ``rows`` (the codes of the measure, which the coverage counts for a count that
    ``attrs`` lacks: :func:`_counts`), one count given alone is checked against it too:
    ``n_source`` 3 alone on a measure of 5 codes had a coverage of 5 codes matched of 3,
    and a match rate pandera refused (``match_rate must be at most 1``, naming the
    internal table ``measure coverage``).

    Examples
    --------
    >>> _check_counts({"n_source": 2, "n_matched": 3}, "measure")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure.attrs: n_matched (3) is more than n_source (2)
    >>> _check_counts({"n_source": 2}, "measure", rows=3)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure.attrs: n_matched (3: not given, the codes of the measure) is more than n_source (2); give both counts
    """
    counts = {key: check_count(attrs[key], f"{what}.attrs[{key!r}]") for key in ("n_source", "n_matched")
              if key in attrs}
    if len(counts) == 1 and rows is not None:
        source, matched = _counts(counts, rows)
        said = {key: f"{value}{'' if key in counts else ': not given, the codes of the measure'}"
                for key, value in (("n_source", source), ("n_matched", matched))}
        if matched > source:
            raise DataFormatError(f"{what}.attrs: n_matched ({said['n_matched']}) is more than n_source "
                                  f"({said['n_source']}); give both counts")
    if len(counts) == 2 and counts["n_matched"] > counts["n_source"]:
        raise DataFormatError(f"{what}.attrs: n_matched ({counts['n_matched']}) is more than n_source "
                              f"({counts['n_source']})")


def _counts(attrs: Mapping, rows: int) -> tuple[int, int]:
    """``(n_source, n_matched)`` of a measure's ``attrs``, each ``rows`` (its codes) when not given.

    The one reading of the counts, for the coverage's ``source_codes``, ``matched_codes``
    and ``match_rate`` alike: the match rate took 1 for a count not given, so that
    ``n_source`` 10 alone on a measure of 5 codes gave 5 codes matched of 10 and a match
    rate of 0.1 (1 of 10).

    Examples
    --------
    >>> _counts({"n_source": 10}, 5)
    (10, 5)
    """
    return int(attrs.get("n_source", rows)), int(attrs.get("n_matched", rows))


def _employment_total(employment: pd.DataFrame) -> float:
    """Total ``tot_emp`` of a checked employment frame; refused when 0 (no share can be had of it).

    Examples
    --------
    >>> _employment_total(pd.DataFrame({"soc_code": ["11-1011"], "tot_emp": [float("nan")]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, column 'tot_emp': tot_emp is 0 or missing on every row: no share of employment can be computed
    """
    with np.errstate(over="ignore"):  # an overflow is refused below
        total = float(pd.to_numeric(employment["tot_emp"], errors="coerce").sum())
    if not total > 0:  # every emp_share was 0.0, as if no measure covered anybody
        raise DataFormatError("tot_emp is 0 or missing on every row: no share of employment can be "
                              "computed", path="employment", column="tot_emp")
    if not np.isfinite(total):  # pandera's "check not_nullable: nan" on emp_share (inf / inf) before
        raise DataFormatError(f"tot_emp adds up to more than the largest number ({np.finfo(float).max:.4g}): "
                              "no share of employment can be computed", path="employment", column="tot_emp")
    return total


def _coverage_row(measure, loaded, column, table, emp_total) -> dict:
    has = table[measure].notna()
    source, matched = _counts(loaded.attrs, len(loaded))
    return {
        "measure": measure,
        "source_codes": source,
        "matched_codes": matched,
        "match_rate": float(matched / max(source, 1)),
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
        SOC codes, each once, numbers). One of them missing in every row (as ``exposure
        rollup`` leaves a measure missing on every task) is left out, with a warning
        (:func:`drop_empty_measures`), when another has values.
    measures : list of str, optional
        Names of :data:`MEASURES` to load; default all.
    employment : pandas.DataFrame, optional
        ``soc_code``, ``tot_emp`` (and optionally ``title``); default OEWS May 2025 national
        cross-industry detailed codes. Checked by
        :func:`~exposure.measures._common.check_employment` (OEWS's ``**`` is missing and
        ``1,234`` is 1234, as BLS's files write them); ``tot_emp`` must be above 0 on some
        row (else every ``emp_share`` would be 0).
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
        named as the measure, and ``attrs`` with ``n_source``/``n_matched``: a count not
        given is the frame's rows, for the coverage's counts and match rate alike); used
        instead of the registry files (tests, custom measures): one named as a measure of
        ``measures`` replaces it, and that file is not read. A measure as
        :func:`load_measure` returns it (long: ``measure``, ``value``) is refused, saying
        to rename its ``value`` column (:func:`_check_wide`).

    Returns
    -------
    Comparison
        ``table``, ``correlations``, ``disagreements``, ``coverage``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``measures`` not None or a list of names of :data:`MEASURES` (``5`` raised a
        ``TypeError``) or one naming a measure twice; ``key_measures`` not a list of names,
        each once (a string was read letter by letter, None raised a ``TypeError``); ``loaded`` not a dict, a name of it that is
        not text (a ``TypeError``), that is a column of the table (``soc_code``,
        ``tot_emp``...: a ``TypeError``, or the measure read as codes) or a column of
        ``soc_scores`` it would be replaced by without a word; a frame or count of
        ``attrs`` of it, ``soc_scores`` or ``employment`` that does not pass its checks
        (naming the row and column); ``top`` not a whole number of 0 or more. A code of
        ``soc_scores`` that is no detailed SOC 2018 code (with ``soc_structure``, or the
        registry's files: a SOC 2010 code, named with its SOC 2018 codes, a group code such
        as ``15-0000``; without: the total or a major group), naming ``soc_scores``, the
        row (from 1) and ``soc_code``. ``soc_scores`` or a ``loaded`` measure giving an OEWS
        aggregate beside one of its own detailed codes (``31-1120`` and ``31-1122``: they were
        averaged into one value), or a measure of them with values on fewer than 3 codes or
        one value on every code (every correlation of it was NaN) (:func:`_check_spread`).

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
    if measures is not None and not (isinstance(measures, (list, tuple))
                                     or type(measures).__name__ in ("ndarray", "Index")):
        raise DataFormatError(f"measures must be a list of measure names (or None: all), got {shown(measures)}")
    names = list(MEASURES) if measures is None else list(measures)
    unknown = [m for m in names if not isinstance(m, str) or m not in MEASURES]
    if unknown:
        meant = [_in_other_case(m, MEASURES) for m in unknown if isinstance(m, str)]
        hint = "".join(f" (did you mean {m!r}?)" for m in meant if m)  # names are lower case
        raise DataFormatError(f"unknown measure(s) {unknown}{hint}; known: {sorted(MEASURES)}")
    names = _measure_names(names)  # a name given twice was loaded once without a word
    # "ab" was read as the measures 'a' and 'b'; a name given twice was blamed on "measures"
    key_measures = _measure_names(key_measures, "key_measures")
    if loaded is not None and not isinstance(loaded, Mapping):
        raise DataFormatError("loaded must be a dict of measure name -> DataFrame, got "
                              f"{type(loaded).__name__}")
    _check_loaded_names(loaded or {}, soc_scores)
    _check_key_measures(key_measures, loaded or {}, soc_scores)
    # the caller's frames, checked before anything is loaded (tracebacks, or silently wrong
    # correlations, before: a repeated or missing code, text, True, inf)
    for name, frame in (loaded or {}).items():  # load_measure's long table: "missing column(s) [name]" only
        _check_wide(frame, name)
    loaded = {name: _common.check_measure_frame(frame, name, f"measure {name!r}")
              for name, frame in (loaded or {}).items()}
    for name, frame in loaded.items():
        _check_counts(frame.attrs, f"measure {name!r}", rows=len(frame))
    if soc_scores is not None:
        _common.check_frame(soc_scores, "soc_scores: SOC scores", flat=True)
    registry = employment is None
    if employment is None:
        employment = _common.load_employment(mirror=mirror, data_dir=data_dir)
        if soc_structure is None:
            soc_structure = load_soc_structure(mirror=mirror, data_dir=data_dir)
    else:
        employment = _common.check_employment(employment)
    _common.require_columns(employment, ["soc_code", "tot_emp"], "employment")
    emp_total = _employment_total(employment)
    oews_codes = employment["soc_code"].astype(str)
    for name, frame in loaded.items():  # before the registry's files are read
        _check_loaded_codes(name, frame, oews_codes, soc_structure)
    if soc_scores is not None:  # before the registry's files are read too
        soc_scores = _our_scores(soc_scores, oews_codes, soc_structure,
                                 soc10=(lambda: load_soc_2010_to_2018(mirror=mirror, data_dir=data_dir)) if registry else None)

    frames: dict[str, tuple[pd.DataFrame, str]] = {}
    cache: dict[str, pd.DataFrame] = {}
    for name in (n for n in names if n not in loaded):  # a loaded frame replaces the registry's
        loader, column = MEASURES[name]
        key = _LOADER_KEY.get(name, name)
        if key not in cache:
            cache[key] = loader(mirror, data_dir)
        frames[name] = (cache[key], column)
    for name, frame in (loaded or {}).items():
        frames[name] = (frame, name)
    if soc_scores is not None:
        for col in (c for c in OURS if c in soc_scores.columns):
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
    _warn_undefined(corr)
    _warn_few(corr)
    titles = employment.set_index("soc_code")["title"] if "title" in employment.columns else None
    keys = [m for m in key_measures if m in frames]
    dis = disagreements(table, keys, top=top, titles=titles)
    return Comparison(table=table, correlations=corr, disagreements=dis, coverage=cov)


def _our_scores(soc_scores: pd.DataFrame, oews_codes: pd.Series, soc_structure, *, soc10=None) -> pd.DataFrame:
    """Our SOC scores checked (:func:`~exposure.measures._common.check_soc_scores`), each code reaching the table.

    Columns written in another case or spacing (``SOC Code``, ``Gamma``) are read under
    their names (a ``Gamma`` beside ``beta`` was left out without a word); the caller's
    frame is not renamed. A code must be a detailed SOC 2018 code or an employment code
    (:func:`_check_codes_reach`: a SOC 2010 code such as ``15-1132`` or a group code such
    as ``15-0000`` sat in the table with no employment and in no correlation, counted as
    a SOC code reached); without ``soc_structure`` (an ``employment`` given alone), only
    the total and major groups are refused, and codes that reach no employment stay as
    before. Errors
    name ``soc_scores``, the row (from 1) and the column.
    """
    soc_scores = soc_scores.copy(deep=False)  # require_columns renames in place
    _common.match_header_case(soc_scores, OURS, "soc_scores", row=None)
    _common.require_columns(soc_scores, ["soc_code"], "soc_scores")
    ours = [c for c in OURS if c in soc_scores.columns]
    if not ours:
        raise DataFormatError("soc_scores has none of the columns alpha, beta, gamma", path="soc_scores")
    soc_scores, ours = drop_empty_measures(soc_scores, ours, "soc_scores")
    soc_scores = _common.check_soc_scores(soc_scores, ours)
    given = soc_scores[ours].notna().any(axis=1).to_numpy(dtype=bool)
    _check_codes_reach(soc_scores["soc_code"], given, oews_codes, soc_structure, path="soc_scores",
                       what="the scores", soc10=soc10, reach=False)
    _check_spread(soc_scores, ours, oews_codes, soc_structure, path="soc_scores")
    return soc_scores


def drop_empty_measures(frame: pd.DataFrame, ours: list[str], path,
                        what: str = "the comparison") -> tuple[pd.DataFrame, list[str]]:
    """``frame`` and ``ours`` without a measure of ``ours`` missing in every row, when another has a value.

    ``exposure rollup`` leaves a measure missing on every task (an empty ``alpha``: "leave a
    measure empty on every row to leave it out") missing on every SOC code of its
    ``soc_scores.parquet``, which ``exposure compare --ours`` then refused (``alpha is
    missing in every row``). Such a measure is left out, with a warning naming ``path``,
    the column and ``what`` it is left out of (``the comparison``; ``exposure outcomes``
    says ``the outcomes``: its warning spoke of a comparison); scores none of whose
    measures has a value are still refused
    (:func:`~exposure.measures._common.check_soc_scores`). The caller's frame is not
    changed.

    Examples
    --------
    >>> f = pd.DataFrame({"soc_code": ["11-1011"], "alpha": [None], "beta": [0.4]})
    >>> out, ours = drop_empty_measures(f, ["alpha", "beta"], "s.parquet")
    >>> list(out.columns), ours
    (['soc_code', 'beta'], ['beta'])
    """
    check_name(what, "what", "a text (what the measure is left out of)")
    empty = [c for c in ours if frame[c].isna().all()]
    if not empty or len(empty) == len(ours):
        return frame, ours
    for col in empty:
        log.warning("%s, column %r: %s is missing in every row: left out of %s", path, col, col, what)
    return frame.drop(columns=empty), [c for c in ours if c not in empty]


def _check_spread(frame: pd.DataFrame, columns: list[str], oews_codes: pd.Series, soc_structure, *, path) -> None:
    """Refuse an OEWS aggregate beside its own detailed code, or a measure that no correlation can use.

    ``frame`` (``soc_code`` and the measure ``columns``, checked, rows counted from 1)
    goes onto the OEWS codes (:func:`to_oews_codes`): an aggregate given beside one of its
    own detailed codes (``31-1120`` and ``31-1122``) was averaged with it into one value
    without a word; a measure with values on fewer than 3 codes there, or one value on
    every code, had every correlation NaN (and a disagreement table of tied ranks). Values
    equal to 12 decimals of the largest are one value (:func:`tied`): 0.3 on some codes
    and ``0.1 + 0.2`` on others passed, and Pearson correlated their float noise.

    Examples
    --------
    >>> f = pd.DataFrame({"soc_code": ["31-1120", "31-1122", "11-1011"], "b": [0.1, 0.9, 0.3]})
    >>> _check_spread(f, ["b"], pd.Series(["31-1120", "11-1011"]), None, path="s")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s, row 2, column 'soc_code': '31-1122' is inside the OEWS aggregate '31-1120' (row 1), which is given too: both would be averaged into one value of '31-1120'; give the aggregate or its detailed codes, not both
    """
    codes = frame["soc_code"].astype(str).reset_index(drop=True)
    given = frame[columns].notna().any(axis=1).to_numpy(dtype=bool)
    cmap = oews_code_map(codes[given], oews_codes, soc_structure).set_index("soc_code")["occ_code"]
    target = codes.map(cmap).fillna(codes)
    rows = {code: pos for pos, code in zip(np.flatnonzero(given), codes[given])}
    check_not_beside_aggregate(codes, target, np.flatnonzero(given), rows, path=path)
    for col in columns:
        values = pd.to_numeric(frame[col], errors="coerce").reset_index(drop=True)
        has = values.notna().to_numpy(dtype=bool)
        reached = list(dict.fromkeys(target[has]))
        if len(reached) < 3:  # correlations() needs 3 codes: every correlation NaN
            raise DataFormatError(f"{col} has a value on {len(reached)} SOC code(s) only ({', '.join(reached)}): a "
                                  "correlation needs 3 at least", path=path, column=col)
        # a constant correlates with nothing: every correlation NaN (one value but for float
        # noise, 0.3 and 0.1 + 0.2, too: it passed, and Pearson correlated the noise)
        if len(np.unique(tied(values[has].to_numpy(float)))) == 1:
            raise DataFormatError(f"{col} is {float(values[has].iloc[0])!r} on every code: it correlates with "
                                  "nothing; is it the right column?", path=path, column=col)


def _check_loaded_names(loaded: Mapping, soc_scores) -> None:
    """Refuse a name of ``loaded`` that is not text, is a column of the table, or one of ``soc_scores``.

    Examples
    --------
    >>> _check_loaded_names({"tot_emp": None}, None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: loaded: 'tot_emp' is a column of the comparison table: give the measure another name
    """
    # as _our_scores reads them: "Beta" is ours too (the loaded 'beta' was replaced by it without a word)
    ours = ({c for c in OURS if c in map(norm_header, soc_scores.columns)} if isinstance(soc_scores, pd.DataFrame)
            else set())
    for name in loaded:
        if not isinstance(name, str):  # "keywords must be strings"
            raise DataFormatError(f"loaded: a measure name must be text, got {shown(name)}")
        if name in _RESERVED:
            raise DataFormatError(f"loaded: {name!r} is a column of the comparison table: give the measure "
                                  "another name")
        meant = _in_other_case(name, MEASURES)
        if meant:  # it did not replace the registry's measure: both compared, read back as one column
            raise DataFormatError(f"loaded: {name!r} differs from the measure {meant!r} only in case: name it "
                                  f"{meant!r} to replace that measure, or give it another name")
        if name in ours:  # our column replaced it without a word
            raise DataFormatError(f"loaded: {name!r} is also a column of soc_scores (our own scores): give the "
                                  "measure another name")


def _in_other_case(name: str, names) -> str | None:
    """The name of ``names`` that ``name`` is written as in another case or spacing (not itself), or None.

    Examples
    --------
    >>> _in_other_case("Webb_AI", ["webb_ai", "beta"]), _in_other_case("webb_ai", ["webb_ai"])
    ('webb_ai', None)
    """
    key = norm_header(name)
    return next((n for n in names if n != name and norm_header(n) == key), None)


def _check_key_measures(key_measures: list[str], loaded: Mapping, soc_scores) -> None:
    """Refuse a name of ``key_measures`` that is no measure of :data:`MEASURES`, ours or ``loaded``.

    Such a name (a typo, ``"Webb_AI"``) was left out without a word, and the disagreement
    table came out empty. A known name that is not compared (``beta`` without our scores)
    is still left out, as documented.

    Examples
    --------
    >>> _check_key_measures(["a", "B"], {"a": None, "b": None}, None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: key_measures names 'B', no measure of the comparison (did you mean 'b'?); give measures of exposure.measures.compare.MEASURES, alpha, beta, gamma or of loaded
    """
    known = [*MEASURES, *OURS, *loaded]
    for name in key_measures:
        if name in known:
            continue
        meant = _in_other_case(name, known)
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise DataFormatError(f"key_measures names {name!r}, no measure of the comparison{hint}; give measures "
                              "of exposure.measures.compare.MEASURES, alpha, beta, gamma or of loaded")


def _warn_undefined(corr: pd.DataFrame) -> None:
    """Log a warning for each pair of ``corr`` (:func:`correlations`) whose correlation is NaN, saying why.

    Fewer than 3 codes in common, a measure that takes one value on the codes both cover
    (ties everywhere: no rank order), or fewer than 3 of those codes with employment: the
    correlation is undefined, and was NaN in the table without a word.
    """
    for row in corr.itertuples(index=False):
        if row.n < 3:
            why = f"{row.n} codes in common (a correlation needs 3)"
        elif pd.isna(row.pearson) or pd.isna(row.spearman):
            why = f"one of them takes one value on the {row.n} codes in common"
        elif "n_weighted" in corr.columns and row.n_weighted < 3:
            why = f"{row.n_weighted} of the {row.n} codes in common have employment (a weighted correlation needs 3)"
        elif "n_weighted" in corr.columns and (pd.isna(row.pearson_emp) or pd.isna(row.spearman_emp)):
            why = f"one of them takes one value on the {row.n_weighted} codes in common with employment"
        else:
            continue
        log.warning("correlation of %r and %r undefined (NaN): %s", row.measure_a, row.measure_b, why)


#: Fewer codes in common than this, and a correlation is named by :func:`_warn_few`: its 95%
#: interval is then about +-0.4 wide or more (standard error about 1/sqrt(n - 3)).
FEW_CODES = 30


def _warn_few(corr: pd.DataFrame) -> None:
    """Log one warning naming the pairs of ``corr`` (:func:`correlations`) correlated on fewer than :data:`FEW_CODES` codes.

    A measure that covers a few occupations (``exposure compare --ours`` of scores for 5
    codes) was correlated with every other on 3 to 5 codes and shown in the correlation
    matrices (``measures_correlation_matrix*.csv``, which do not say ``n``) as ``1.000``
    or ``-0.968`` beside correlations on 580 codes, without a word. Pairs whose
    correlation is undefined (fewer than 3 codes) are told by :func:`_warn_undefined`.
    The count is ``n`` (``n_weighted`` when it is smaller and the weighted correlation
    is defined).

    Examples
    --------
    >>> corr = pd.DataFrame({"measure_a": ["a", "a"], "measure_b": ["b", "c"], "n": [5, 700]})
    >>> _warn_few(corr)  # logs: 1 correlation rests on fewer than 30 codes in common ...
    """
    few = []
    weighted = "n_weighted" in corr.columns
    for row in corr.itertuples(index=False):
        n = row.n
        if weighted and 3 <= row.n_weighted < n:
            n = row.n_weighted
        if 3 <= n < FEW_CODES:
            few.append((row.measure_a, row.measure_b, n))
    if not few:
        return
    # each pair told under the measure of the two in more such pairs (the one that covers few codes)
    count: dict[str, int] = {}
    for a, b, _ in few:
        count[a], count[b] = count.get(a, 0) + 1, count.get(b, 0) + 1
    by: dict[str, list[str]] = {}
    for a, b, n in few:
        first, other = (b, a) if count[b] > count[a] else (a, b)
        by.setdefault(first, []).append(f"{other!r} ({n})")
    said, shown_ = [], 0
    for measure, others in by.items():
        if shown_ >= 12:
            break
        said.append(f"of {measure!r} with {', '.join(others[:12 - shown_])}")
        shown_ += min(len(others), 12 - shown_)
    log.warning("%d correlation%s on fewer than %d codes in common, too few to compare with the "
                "others (the correlation matrices do not show n; the correlations table does): %s%s",
                len(few), " rests" if len(few) == 1 else "s rest", FEW_CODES, "; ".join(said),
                ", ..." if len(few) > shown_ else "")


def _check_loaded_codes(name: str, frame: pd.DataFrame, oews_codes: pd.Series, soc_structure) -> None:
    """Refuse a loaded measure without any value, or with a code that no other code or employment can meet.

    A code with a value must be a detailed SOC 2018 code (of ``soc_structure``) or a code
    of the employment; without a structure, it must reach a code of the employment
    (itself, its broad group or the OEWS aggregate of it,
    :func:`~exposure.crosswalks.oews_code_map`). A SOC 2010 code (``15-1132``) met no code
    of the other measures and no employment: it dropped out of every correlation while the
    coverage counted it as a SOC code reached; so did a group code (``15-0000``,
    ``15-1250``) of the structure. ``frame`` is checked
    (:func:`~exposure.measures._common.check_measure_frame`); the row named is counted
    from 1.

    Examples
    --------
    >>> emp = pd.Series(["11-1011", "15-1252"])
    >>> _check_loaded_codes("a", pd.DataFrame({"soc_code": ["11-1011", "15-1132"], "a": [0.1, 0.2]}), emp, None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: measure 'a', row 2, column 'soc_code': '15-1132' reaches no code of the employment (nor an OEWS aggregate of it): a SOC 2010 code? cross the measure to SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018()); give soc_structure (exposure.crosswalks.load_soc_structure()) to keep a SOC 2018 code that OEWS does not publish
    """
    what = f"measure {name!r}"
    given = frame[name].notna().to_numpy(dtype=bool)
    if not given.any():  # compared, every correlation NaN, 0 SOC codes covered, without a word
        raise DataFormatError(f"{name} has no value ({'missing in every row' if len(frame) else 'no rows'}): "
                              "nothing to compare", path=what, column=name)
    _check_codes_reach(frame["soc_code"], given, oews_codes, soc_structure, path=what, what="the measure")
    _check_spread(frame, [name], oews_codes, soc_structure, path=what)


def _check_codes_reach(codes: pd.Series, given: np.ndarray, oews_codes: pd.Series, soc_structure, *, path,
                       what: str, soc10: Callable[[], pd.DataFrame] | None = None, reach: bool = True,
                       among: str = "the employment") -> None:
    """Refuse a code of ``codes`` (where ``given``) that is no detailed SOC 2018 code nor an employment code.

    With ``soc_structure``, a code must be a detailed code of it or one of ``oews_codes``
    (a group code, ``15-0000`` or ``15-1250``, is refused: no employment is published for
    it and no measure is given on it); without, it must reach one of ``oews_codes``
    (:func:`~exposure.crosswalks.oews_code_map`), or, with ``reach`` False, only not be
    the total or a major group (``15-0000``) outside ``oews_codes`` (a broad code such as
    ``13-1020`` may be an OEWS code, which only the structure or the employment tells). ``soc10``, when given, returns the SOC 2010 -> 2018 crosswalk
    (:func:`~exposure.crosswalks.load_soc_2010_to_2018`), read only on a refusal to name
    the SOC 2018 codes of a SOC 2010 code. The row named is the position in ``codes``
    counted from 1; ``what`` names the table in the hint, ``among`` the table ``oews_codes``
    are the codes of (``exposure.outcomes`` says ``the panel``).

    Examples
    --------
    >>> _check_codes_reach(pd.Series(["11-1011", "15-0000"]), np.array([True, True]), pd.Series(["11-1011"]),
    ...                    None, path="s", what="the scores", reach=False)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s, row 2, column 'soc_code': '15-0000' is a SOC 2018 major group, not a detailed occupation: no measure nor employment is given on it; give detailed codes
    """
    codes = codes.astype(str).reset_index(drop=True)
    if soc_structure is None and not reach:
        bad = given & (codes.str.endswith("0000") & ~codes.isin(set(oews_codes))).to_numpy(dtype=bool)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            code = codes.iloc[pos]
            level = "the total of all occupations" if code == "00-0000" else "a SOC 2018 major group"
            raise DataFormatError(f"{code!r} is {level}, not a detailed occupation: no measure nor employment is "
                                  "given on it; give detailed codes", path=path, row=pos + 1, column="soc_code")
        return
    crossing = (f"cross {what} to SOC 2018 first (the links: exposure.crosswalks.load_soc_2010_to_2018())")
    if soc_structure is not None:
        check_soc_structure(soc_structure)
        detailed = (soc_structure["level"].astype("string") == "detailed").to_numpy(dtype=bool, na_value=False)
        known = set(soc_structure.loc[detailed, "soc_code"].astype(str)) | set(oews_codes)
        bad = given & ~codes.isin(known).to_numpy(dtype=bool)
        groups = dict(zip(soc_structure["soc_code"].astype(str), soc_structure["level"].astype(str)))
        why = f"is not a SOC 2018 code (of soc_structure) nor a code of {among}: a SOC 2010 code? {crossing}"
    else:
        cmap = oews_code_map(codes[given], oews_codes).set_index("soc_code")["occ_code"]
        bad = given & codes.map(cmap).isna().to_numpy(dtype=bool)
        groups = {}
        why = (f"reaches no code of {among} (nor an OEWS aggregate of it): a SOC 2010 code? {crossing}; "
               "give soc_structure (exposure.crosswalks.load_soc_structure()) to keep a SOC 2018 code that OEWS "
               "does not publish")
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    code = codes.iloc[pos]
    if code == "00-0000" or code in groups:  # a total or group: it meets no detailed code of any measure
        level = "the total of all occupations" if code == "00-0000" else f"a SOC 2018 {groups[code]} group"
        why = f"is {level}, not a detailed occupation: no measure nor employment is given on it; give detailed codes"
    elif soc10 is not None:
        links = soc10()
        to = sorted(set(links.loc[links["soc_2010_code"].astype(str) == code, "soc_code"].astype(str)))
        if to:
            why = (f"is a SOC 2010 code (SOC 2018: {', '.join(to)}), retired in SOC 2018: {crossing}")
    raise DataFormatError(f"{code!r} {why}", path=path, row=pos + 1, column="soc_code")


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
