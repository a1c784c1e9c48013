"""Weighted code links between occupation classifications, and how scores cross them.

One rule is used for every crosswalk of the published measures (SOC 2010, occ1990dd,
O*NET-SOC, ISCO-08 -> SOC 2018, and SOC 2018 -> ISCO-08 for :func:`to_isco`):

1. **One-to-many:** a source code linked to ``k`` distinct target codes gives each link
   the weight ``1/k`` (its ``crosswalk_weight``); the weights of one source sum to 1.
2. **Many-to-one:** a target code reached from several sources takes the
   ``crosswalk_weight``-weighted mean of their scores. When every source maps to this one
   target only, that is the plain mean.
3. **Chains** (e.g. ISCO-08 -> SOC 2010 -> SOC 2018) multiply the weights along each path
   and add the paths that end at the same target (:func:`compose_links`).
4. Counts (such as employment) are *split*, not averaged: a target receives
   ``sum(crosswalk_weight * count)`` so that totals are preserved.

The target row reports ``crosswalk_weight`` = the sum of the link weights that reached it
(1.0 for a clean one-to-one code, 0.5 for a target that got half of one source, 2.0 for
a target fed entirely by two sources) and ``n_sources`` = how many source codes it averages.
Source codes without any link are never silently dropped: they are listed in the
``attrs["unmatched"]`` of the result.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pandas as pd

from exposure._args import check_flag
from exposure._tables import (
    GROUPED,
    first_repeat,
    first_repeat_of,
    index_hint,
    number_hint,
    refuse_multilevel_columns,
    signalling_nan,
)
from exposure.errors import DataFormatError

__all__ = ["links_from_pairs", "compose_links", "reverse_links", "apply_links"]

log = logging.getLogger(__name__)

LINK_COLUMNS = ["source_code", "target_code", "crosswalk_weight"]

#: The columns :func:`apply_links` computes (or reads from the links), with what they hold.
_OWN_COLUMNS = {"crosswalk_weight": "the sum of the link weights reaching each target",
                "n_sources": "how many source codes each target averages",
                "source_code": "a column of the links", "target_code": "a column of the links"}


def check_frame(frame, what: str, *, flat: bool = False) -> pd.DataFrame:
    """Refuse what is not a :class:`pandas.DataFrame` (a path, a Series, a list), naming ``what``.

    With ``flat``, also a frame with multi-level column names (a ``pivot_table``,
    ``groupby(...).agg([...])`` or ``pd.concat({...}, axis=1)`` result), which the code
    reading named columns would fail on inside pandas (``AttributeError: 'DataFrame' object
    has no attribute 'str'``, ``KeyError``, ``MergeError``); the roll-ups refuse such frames
    in the same words (:func:`exposure._tables.refuse_multilevel_columns`).

    Examples
    --------
    >>> check_frame("emp.csv", "employment")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment must be a pandas DataFrame, got str 'emp.csv'
    >>> wide = pd.DataFrame({("soc_code", ""): ["11-1011"], ("beta", "mean"): [0.4]})
    >>> check_frame(wide, "exposures", flat=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposures has 2-level column names (e.g. ('soc_code', '')): flatten them to one level
    """
    if not isinstance(frame, pd.DataFrame):
        shown = repr(frame) if isinstance(frame, (str, Path, int, float)) or frame is None else ""
        raise DataFormatError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}"
                              + (f" {shown}" if shown else ""))
    if flat:
        refuse_multilevel_columns(frame, what)
    return frame


def check_table(frame, what: str, columns=()) -> pd.DataFrame:
    """:func:`check_frame`, then refuse a frame without ``columns``, naming ``what``.

    A missing column that is a level of the frame's index is said to be one
    (:func:`exposure._tables.index_hint`).

    Examples
    --------
    >>> check_table(pd.DataFrame({"a": [1]}), "table", ["soc_code", "a"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: table lacks column(s) ['soc_code'] (columns: ['a'])
    """
    frame = check_frame(frame, what, flat=True)
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:  # a KeyError from inside pandas
        raise DataFormatError(f"{what} lacks column(s) {missing} (columns: {list(frame.columns)})"
                              f"{index_hint(frame, missing)}")
    return frame


def check_once(frame: pd.DataFrame, columns=None, path="table") -> None:
    """Refuse a frame that holds one of ``columns`` twice (``frame[c]`` is then a frame), naming ``path``.

    A column read by a crosswalk given twice (``pd.concat([a, b], axis=1)`` of two tables
    holding ``beta``) was refused as ``not a number: array([0.6, 0.1], dtype=object)``
    (the two cells of a row shown as one value), or failed inside pandas
    (``AttributeError: 'DataFrame' object has no attribute 'str'``). The one wording of a
    column given twice, shared by the measures, the scorers, the roll-ups and the reports:
    the frame (or file) first, the column once, as the roll-ups' ``require_frame`` says it
    (it was ``scores, column 'a': column 'a' appears more than once``).

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame whose column names are checked.
    columns : iterable, optional
        The columns read (default None: every column of ``frame``).
    path : str or os.PathLike, optional
        The frame's name or file, named first (default "table").

    Raises
    ------
    exposure.errors.DataFormatError
        The first of ``columns`` given more than once.

    Examples
    --------
    >>> check_once(pd.DataFrame([[1, 2]], columns=["a", "a"]), ["a"], "scores")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, column 'a': given more than once: keep one
    >>> check_once(pd.DataFrame([[1, 2, 3]], columns=["a", "b", "b"]), path="frame")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: frame, column 'b': given more than once: keep one
    """
    if columns is None:
        twice = list(frame.columns[frame.columns.duplicated()])
    else:
        present = list(frame.columns)
        twice = [c for c in dict.fromkeys(columns) if present.count(c) > 1]
    if twice:
        raise DataFormatError("given more than once: keep one", path=path, column=str(twice[0]))


def to_float(frame: pd.DataFrame, column: str, path, row_offset: int = 2, *, grouped: bool = True,
             share: bool = False) -> pd.Series:
    """Parse a numeric column; a non-numeric or infinite cell is a DataFormatError naming row and column.

    With ``grouped`` (the measure files' readers), thousands separators (``1,350,430``,
    :data:`exposure._tables.GROUPED`) are read as the task tables and OEWS files read them
    (they were refused as not a number); any other comma (``0,5``, a decimal comma) is
    refused, saying so and the number to write (:func:`exposure._tables.number_hint`, as
    are thousands separated by spaces and the minus sign U+2212). :func:`numbers` (frames
    given in Python) refuses text with commas, with the same advice (``1,234``: the number
    without the commas). With ``share`` (a column of shares in [0, 1]),
    the advice is :func:`~exposure._tables.number_hint`'s for a share: a percentage
    (``15.55%``) is told the fraction to write (``0.1555``); it was told nothing.

    Examples
    --------
    >>> to_float(pd.DataFrame({"x": ["0.5", "15.55%"]}), "x", "f.csv", share=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 3, column 'x': not a number: '15.55%': a percentage? write it as a fraction of 1: '0.1555'
    >>> to_float(pd.DataFrame({"x": ["1,350,430", "0.5"]}), "x", "f.csv").tolist()
    [1350430.0, 0.5]
    >>> to_float(pd.DataFrame({"x": ["1.5", "inf"]}), "x", "f.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: f.csv, row 3, column 'x': not a finite number: 'inf'
    """
    raw = frame[column]
    snan = signalling_nan(raw)  # notna() raised decimal's InvalidOperation from inside pandas
    if snan is not None:
        raise DataFormatError(f"not a number: {raw.iloc[snan]!r}", path=path, row=snan + row_offset,
                              column=column)
    parsed = raw
    if grouped and (raw.dtype == object or isinstance(raw.dtype, pd.StringDtype)):
        text = raw.astype("string").str.strip()
        thousands = text.str.fullmatch(GROUPED).to_numpy(dtype=bool, na_value=False)
        if thousands.any():
            parsed = raw.where(~thousands, text.str.replace(",", "", regex=False))
    num = pd.to_numeric(parsed, errors="coerce")
    bad = num.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        hint = number_hint(raw.iloc[pos], share=share, grouped=grouped)
        raise DataFormatError(
            f"not a number: {raw.iloc[pos]!r}{hint}", path=path, row=pos + row_offset, column=column
        )
    num = num.astype(float)
    infinite = np.isinf(num.to_numpy())
    if infinite.any():
        pos = int(np.flatnonzero(infinite)[0])
        raise DataFormatError(
            f"not a finite number: {raw.iloc[pos]!r}", path=path, row=pos + row_offset, column=column
        )
    return num


def numbers(frame: pd.DataFrame, column: str, path, *, row_offset: int = 1) -> pd.Series:
    """A column of numbers as floats (missing stay NaN); text, booleans and infinities refused.

    Each failure names ``path``, the row (position + ``row_offset``) and ``column``.
    ``True`` is not read as 1: a boolean column (``bool``, ``boolean``) or a boolean cell
    is refused as not a number, and so is a complex number (``0.2+0.5j`` was read as 0.2).
    A number written as a spreadsheet in another locale writes it (``'0,4'``, ``'1 234'``,
    ``'−0.5'``) or with commas between thousands (``'1,234'``) is told the number to write
    (:func:`exposure._tables.number_hint`; it was ``not a number: '0,4'`` and no more).

    Examples
    --------
    >>> numbers(pd.DataFrame({"x": [0.5, True]}), "x", "t")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t, row 2, column 'x': not a number: True
    >>> numbers(pd.DataFrame({"x": ["0,4"]}), "x", "t")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t, row 1, column 'x': not a number: '0,4': a decimal comma? write decimals with a point: '0.4'
    >>> numbers(pd.DataFrame({"x": ["1", None, -2.5]}), "x", "t").tolist()
    [1.0, nan, -2.5]
    """
    # Python scalars, so that messages show True and inf, not np.True_ and np.float64(inf)
    raw = pd.Series([v.item() if isinstance(v, np.generic) else v
                     for v in frame[column].to_numpy(dtype=object)], dtype=object)
    # a complex number was read as its real part (numpy's ComplexWarning only)
    flags = np.array([isinstance(v, (bool, complex)) for v in raw], dtype=bool)
    if flags.any():
        pos = int(np.flatnonzero(flags)[0])
        raise DataFormatError(f"not a number: {raw.iloc[pos]!r}", path=path, row=pos + row_offset,
                              column=column)
    return to_float(pd.DataFrame({column: raw}), column, path, row_offset=row_offset, grouped=False)


def links_from_pairs(pairs: pd.DataFrame, source: str, target: str) -> pd.DataFrame:
    """Turn code pairs into weighted links: a source with ``k`` targets gives ``1/k`` each.

    Duplicate pairs count once; codes are stripped of surrounding spaces, and rows with a
    missing or empty code are ignored. Codes given as whole
    numbers (``110``, ``110.0``) are read as their digits; a number with decimals is refused,
    naming the row (counted from 1) and the column.

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per (source, target) pair.
    source, target : str
        Column names of the source and target codes in ``pairs``.

    Returns
    -------
    pandas.DataFrame
        Columns ``source_code``, ``target_code``, ``crosswalk_weight``, sorted by codes.

    Examples
    --------
    >>> pairs = pd.DataFrame({"a": ["1", "1", "2", "2"], "b": ["x", "y", "x", "x"]})
    >>> links_from_pairs(pairs, "a", "b")
      source_code target_code  crosswalk_weight
    0           1           x               0.5
    1           1           y               0.5
    2           2           x               1.0
    """
    check_frame(pairs, "crosswalk", flat=True)  # a path or None: an AttributeError before
    for col in (source, target):
        if col not in pairs.columns:
            raise DataFormatError(f"crosswalk has no column {col!r}", column=col)
    check_once(pairs, [source, target], "crosswalk")
    pairs = pairs[[source, target]].reset_index(drop=True)
    for col in dict.fromkeys((source, target)):
        # codes as numbers (a column with a blank cell is float): 110.0 became the code '110.0',
        # which matched no score; read as the whole numbers they are, decimals refused
        pairs[col] = _link_codes(pairs[col], "crosswalk", col)
        # a code with a space (' 15-1252') or an empty cell ('') was a target of its own: the
        # source's weight was split with it (0.5 each), and half of a count split went nowhere
        text = pairs[col].map(lambda v: v.strip() if isinstance(v, str) else v)
        pairs[col] = text.where(text != "", None)
    links = (
        pairs[[source, target]]
        .dropna()
        .astype(str)
        .drop_duplicates()
        .rename(columns={source: "source_code", target: "target_code"})
    )
    k = links.groupby("source_code")["target_code"].transform("size")
    links["crosswalk_weight"] = 1.0 / k
    return links.sort_values(["source_code", "target_code"]).reset_index(drop=True)


def compose_links(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Chain two link tables: weights multiply along a path and add over paths.

    A middle code of ``first`` with no link in ``second`` loses its share of weight (the
    source's weights then sum to less than 1); such middle codes are listed in
    ``attrs["unmatched"]``.

    Parameters
    ----------
    first : pandas.DataFrame
        Links source -> middle (columns of :func:`links_from_pairs`).
    second : pandas.DataFrame
        Links middle -> target.

    Returns
    -------
    pandas.DataFrame
        Links source -> target.

    Raises
    ------
    exposure.errors.DataFormatError
        ``first`` or ``second`` is not a DataFrame with the columns of
        :data:`LINK_COLUMNS`, or has a weight missing, negative or not a number, or a link
        given twice (the table named ``first`` or ``second``, the row counted from 1, and
        the column).

    Examples
    --------
    >>> a = pd.DataFrame({"source_code": ["i", "i"], "target_code": ["m1", "m2"],
    ...                   "crosswalk_weight": [0.5, 0.5]})
    >>> b = pd.DataFrame({"source_code": ["m1", "m2", "m2"], "target_code": ["t", "t", "u"],
    ...                   "crosswalk_weight": [1.0, 0.5, 0.5]})
    >>> compose_links(a, b)
      source_code target_code  crosswalk_weight
    0           i           t              0.75
    1           i           u              0.25
    """
    # a path was an AttributeError, a missing column a KeyError, a weight of text a TypeError;
    # a negative weight or a link given twice was carried into the chain without a word
    first = _checked_links(check_table(first, "first", LINK_COLUMNS), "first")
    second = _checked_links(check_table(second, "second", LINK_COLUMNS), "second")
    merged = first.merge(
        second, left_on="target_code", right_on="source_code", how="left", suffixes=("", "_2")
    )
    unmatched = sorted(merged.loc[merged["target_code_2"].isna(), "target_code"].unique())
    # summed in code order (the same links in another row order differed in the 16th digit)
    merged = merged.dropna(subset=["target_code_2"]).sort_values(["source_code", "target_code_2", "target_code"],
                                                                  kind="stable")
    merged["w"] = merged["crosswalk_weight"] * merged["crosswalk_weight_2"]
    out = (
        merged.groupby(["source_code", "target_code_2"], as_index=False)["w"]
        .sum()
        .rename(columns={"target_code_2": "target_code", "w": "crosswalk_weight"})
        .sort_values(["source_code", "target_code"])
        .reset_index(drop=True)
    )
    out.attrs["unmatched"] = unmatched
    return out


def reverse_links(links: pd.DataFrame) -> pd.DataFrame:
    """Reverse a link table and re-apply the ``1/k`` rule from the other side.

    Parameters
    ----------
    links : pandas.DataFrame
        Links source -> target.

    Returns
    -------
    pandas.DataFrame
        Links target -> source, each new source's weights summing to 1.

    Examples
    --------
    >>> links = pd.DataFrame({"source_code": ["1", "2"], "target_code": ["x", "x"],
    ...                       "crosswalk_weight": [1.0, 1.0]})
    >>> reverse_links(links)
      source_code target_code  crosswalk_weight
    0           x           1               0.5
    1           x           2               0.5
    """
    return links_from_pairs(links, "target_code", "source_code")


def apply_links(
    frame: pd.DataFrame,
    links: pd.DataFrame,
    *,
    code: str,
    values: list[str],
    counts: tuple[str, ...] = (),
    target: str = "soc_code",
    path=None,
    log_unmatched: bool = True,
) -> pd.DataFrame:
    """Move scores from source codes to target codes through weighted links.

    Each value column of a target is the ``crosswalk_weight``-weighted mean of the
    sources that have a (non-missing) value; count columns are split
    (``sum(weight * count)`` over the sources that have a count). Missing values stay
    missing: a target none of whose sources has a value (or a count) gets NaN, never 0.

    Parameters
    ----------
    frame : pandas.DataFrame
        Scores keyed by source code (one row per code).
    links : pandas.DataFrame
        Links source -> target (columns of :func:`links_from_pairs`).
    code : str
        Column of ``frame`` holding the source code.
    values : list of str
        Score columns to average.
    counts : tuple of str, optional
        Count columns to split.
    target : str, default "soc_code"
        Name of the target code column in the result.
    path : str or os.PathLike, optional
        File (or frame) the scores come from, named in errors; by default ``scores``.
    log_unmatched : bool, default True
        Log the source codes without a link at INFO level. False where the caller warns of
        them itself (:func:`~exposure.measures._common.warn_unmatched`): with
        ``exposure -v`` the same codes were said twice, at INFO and at WARNING level.

    Returns
    -------
    pandas.DataFrame
        ``target``, the value and count columns, ``crosswalk_weight`` (sum of link weights
        reaching the target) and ``n_sources``. ``attrs["unmatched"]`` lists source codes
        without any link, ``attrs["n_source"]``/``attrs["n_matched"]`` count them.

    Raises
    ------
    exposure.errors.DataFormatError
        A missing or duplicated code, codes none of which has a link (the file is
        probably on another classification), or a value or count that is not a finite
        number or missing (text, ``True``, ``inf``: :func:`numbers`), naming ``path``, its
        row (counted from 1) and column; a column read given twice in ``frame`` or ``links``
        (:func:`check_once`), column names of several levels, a column named in both
        ``values`` and ``counts``, twice in one of them, or the ``code`` column named in them;
        a value or count named as a column of the result (``target``, ``crosswalk_weight``,
        ``n_sources``) or of the links.

    Examples
    --------
    Source ``A`` splits between ``x`` and ``y`` (1/2 each); ``x`` also gets all of ``B``:

    >>> scores = pd.DataFrame({"code": ["A", "B"], "v": [0.2, 0.8]})
    >>> links = pd.DataFrame({"source_code": ["A", "A", "B"], "target_code": ["x", "y", "x"],
    ...                       "crosswalk_weight": [0.5, 0.5, 1.0]})
    >>> out = apply_links(scores, links, code="code", values=["v"])
    >>> out[["soc_code", "v", "crosswalk_weight", "n_sources"]].round(4)
      soc_code    v  crosswalk_weight  n_sources
    0        x  0.6               1.5          2
    1        y  0.2               0.5          1
    """
    check_flag(log_unmatched, "log_unmatched")
    check_frame(frame, "scores", flat=True)  # a path or None: an AttributeError before
    check_table(links, "links", LINK_COLUMNS)
    # every error names the scores: a missing column, a value not a number and codes none of which
    # matched named no frame ("row 1, column 'v': not a number: 'x'") when no path was given
    where = "scores" if path is None else path
    missing = [c for c in [code, *values, *counts] if c not in frame.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}", path=where, column=missing[0])
    # a column twice ('beta' of two concatenated tables), or named as a value and a count, was
    # "not a number: array([0.6, 0.1], dtype=object)"
    check_once(frame, [code, *values, *counts], where)
    both = [c for c in dict.fromkeys(values) if c in counts]
    if both:
        raise DataFormatError(f"column {both[0]!r} is named in both values and counts: a score is averaged, a "
                              "count is split; name it once", path=where, column=both[0])
    # the code column as a value ("Cannot construct a Series from a DataFrame"), or a value named
    # twice ("not a number: array([0.2, 0.2], dtype=object)": its two copies shown as one cell)
    for name, given in (("values", list(values)), ("counts", list(counts))):
        if code in given:
            raise DataFormatError(f"column {code!r} is the code column, named in {name} too: it is no "
                                  f"{'score' if name == 'values' else 'count'}; leave it out of {name}",
                                  path=where, column=code)
        twice = first_repeat(pd.Series(given, dtype=object))
        if twice is not None:
            raise DataFormatError(f"column {given[twice[0]]!r} is named twice in {name}: name it once",
                                  path=where, column=given[twice[0]])
        # a column of an earlier crosswalk's result (crosswalk_weight, n_sources) or named as the
        # target: a KeyError from inside pandas' merge, or its values replaced by the result's own
        own = [c for c in given if c in (target, "crosswalk_weight", "n_sources", "source_code", "target_code")]
        if own:
            raise DataFormatError(f"column {own[0]!r} is named in {name}, but {own[0]!r} is a column of the "
                                  f"crosswalk's own ({_OWN_COLUMNS.get(own[0], 'the target codes')}): rename it "
                                  f"or leave it out of {name}", path=where, column=own[0])
    src = frame[[code, *values, *counts]].reset_index(drop=True)
    links = _checked_links(links)
    src[code] = _code_text(src[code], links["source_code"], where, code)
    _check_source_codes(src[code], where, code)
    for col in dict.fromkeys([*values, *counts]):  # text: "could not convert string to float" before
        src[col] = numbers(src, col, where).to_numpy()
    src[code] = src[code].astype(str)
    merged = src.merge(links, left_on=code, right_on="source_code", how="left")
    unmatched = sorted(merged.loc[merged["target_code"].isna(), code].unique())
    if len(src) and len(unmatched) == src[code].nunique():
        raise DataFormatError(
            f"none of the {len(unmatched)} codes matches the crosswalk (e.g. {unmatched[0]!r})",
            path=where,
            column=code,
        )
    if unmatched and log_unmatched:
        log.info("%d source code(s) have no crosswalk link: %s", len(unmatched), unmatched[:10])
    # summed in (target, source) order, not in the caller's row order: the same scores and
    # links in another row order gave means and weights that differed in the 16th digit
    merged = merged.dropna(subset=["target_code"]).sort_values(["target_code", "source_code"], kind="stable")
    w = merged["crosswalk_weight"].to_numpy(float)
    parts = {"target_code": merged["target_code"].to_numpy(), "_w": w, "_one": 1}
    scale = {}
    for col in values:
        x = merged[col].to_numpy(float)
        ok = ~np.isnan(x)
        # huge scores scaled (others kept as they are, bit for bit): the weighted sum of two
        # scores of 1e308 overflowed, and their mean was inf
        top = float(np.abs(x[ok]).max(initial=0.0))
        scale[col] = top if top > 1e100 else 1.0
        parts[f"_wx_{col}"] = np.where(ok, w * np.where(ok, x / scale[col], 0.0), 0.0)
        parts[f"_wo_{col}"] = np.where(ok, w, 0.0)
    for col in counts:
        x = merged[col].to_numpy(float)
        parts[f"_c_{col}"] = w * x
    tmp = pd.DataFrame(parts)
    with np.errstate(over="ignore"):  # an overflowing count is refused below
        # min_count=1: a target none of whose sources has a count gets NaN (it got 0.0, "no
        # workers", without a word); the other columns hold no NaN
        agg = tmp.groupby("target_code", sort=True).sum(min_count=1)
    out = pd.DataFrame({target: agg.index.astype(str)})
    for col in values:
        den = agg[f"_wo_{col}"].to_numpy()
        num = agg[f"_wx_{col}"].to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            out[col] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan) * scale[col]
    for col in counts:
        out[col] = agg[f"_c_{col}"].to_numpy()
        infinite = np.flatnonzero(np.isinf(out[col].to_numpy(float)))
        if len(infinite):  # the sum was inf, without a word
            raise DataFormatError(f"the {col} of {target} {out[target].iloc[int(infinite[0])]!r} adds up to more "
                                  f"than the largest number ({np.finfo(float).max:.4g})",
                                  path=where, column=col)
    out["crosswalk_weight"] = agg["_w"].to_numpy()
    out["n_sources"] = agg["_one"].to_numpy().astype("int64")
    out.attrs["unmatched"] = unmatched
    out.attrs["n_source"] = int(src[code].nunique())
    out.attrs["n_matched"] = int(src[code].nunique() - len(unmatched))
    return out


def _code_text(codes: pd.Series, link_codes: pd.Series, path, column: str) -> pd.Series:
    """Source codes given as numbers read as the codes they are; text codes tidied likewise.

    A whole number (``110``, ``110.0``: a column of ``pd.read_excel``, or of ``read_csv``
    with a blank cell) is its digits, zero-padded to the width of the link codes when these
    are all digits of one width (``110`` is the armed forces' ``0110`` of ISCO-08): ``110``
    was left out of the result without a word, ``110.0`` matched no code ("none of the 2
    codes matches the crosswalk (e.g. '110.0')"). A number with decimals is no code: refused,
    naming the row (counted from 1) and ``column``. Missing codes stay missing.

    A text code is read the same way: surrounding spaces dropped (``'2512 '``), a
    spreadsheet's ``.0`` dropped (``'2512.0'``), and digits zero-padded (``'110'``); a
    blank one is missing. These matched no link and were left out of the result (their
    employment too) with a word in ``attrs["unmatched"]`` only, while the number ``110``
    was read as ``0110``. A code of fewer digits than the link codes that is no link code
    once zero-padded (``251``, ``25``: an ISCO-08 minor or sub-major group beside unit
    groups) is refused: it can never match (the number ``251`` was read as ``'0251'``).

    Examples
    --------
    >>> _code_text(pd.Series([110, 1112.0, "2512"], dtype=object), pd.Series(["0110", "1112"]), "s", "c").tolist()
    ['0110', '1112', '2512']
    >>> _code_text(pd.Series(["110", " 2512 ", "2512.0"]), pd.Series(["0110", "2512"]), "s", "c").tolist()
    ['0110', '2512', '2512']
    >>> _code_text(pd.Series([1112.5]), pd.Series(["1112"]), "s", "c")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s, row 1, column 'c': not a code: 1112.5 (a number with decimals)
    >>> _code_text(pd.Series(["2512", "251"]), pd.Series(["2511", "2512"]), "s", "c")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s, row 2, column 'c': code '251' has 3 digits, the crosswalk's codes have 4 (a group? its codes are '2511', '2512'): give the 4-digit codes
    """
    known = link_codes.dropna().astype(str)
    lengths = known.str.len().unique()
    width = int(lengths[0]) if len(lengths) == 1 and known.str.fullmatch(r"[0-9]+").all() else 0
    link_set = set(known) if width else set()
    out = []
    for pos, value in enumerate(codes.to_numpy(dtype=object)):
        value = value.item() if isinstance(value, np.generic) else value
        if isinstance(value, str):
            text = value.strip()
            if not text:  # a blank code: missing (it was a code '' matching nothing)
                out.append(None)
                continue
            if re.fullmatch(r"[0-9]+\.0+", text):  # '2512.0': a number saved as text by a spreadsheet
                text = text.split(".")[0]
            if not text.isascii() or not text.isdigit():
                out.append(text)
                continue
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or pd.isna(value):
            out.append(value)
            continue
        else:
            if not float(value).is_integer():
                why = "a number with decimals" if np.isfinite(value) else "not a finite number"
                raise DataFormatError(f"not a code: {value!r} ({why})", path=path, row=pos + 1, column=column)
            text = str(int(value))
            if text.startswith("-"):
                out.append(text)
                continue
        if width and len(text) < width and text.zfill(width) not in link_set:
            under = sorted(c for c in link_set if c.startswith(text))
            which = (f"a group? its codes are {', '.join(map(repr, under[:3]))}{', ...' if len(under) > 3 else ''}"
                     if under else f"like {min(link_set)!r}")
            raise DataFormatError(f"code {text!r} has {len(text)} digit{'s' if len(text) > 1 else ''}, the "
                                  f"crosswalk's codes have {width} ({which}): give the {width}-digit codes",
                                  path=path, row=pos + 1, column=column)
        out.append(text.zfill(width))
    return pd.Series(out, index=codes.index, dtype=object)


def _check_source_codes(codes: pd.Series, path, column: str) -> None:
    """Refuse a missing source code, or one given twice (as text: ``1110`` and ``'1110'`` are one code).

    The row is counted from 1. A missing code was read as the code ``'nan'`` (dropped as
    unmatched, or "none of the 1 codes matches the crosswalk (e.g. 'nan')"); a code given
    as a number and as text was averaged twice into its targets.

    Examples
    --------
    >>> _check_source_codes(pd.Series([1110, "1110"], dtype=object), "s.csv", "isco08_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: s.csv, row 2, column 'isco08_code': code '1110' appears more than once (rows 1 and 2)
    """
    missing = np.flatnonzero(codes.isna().to_numpy(dtype=bool))
    if len(missing):
        raise DataFormatError("code missing", path=path, row=int(missing[0]) + 1, column=column)
    repeat = first_repeat(codes.astype(str))
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"code {str(codes.iloc[pos])!r} appears more than once (rows {first + 1} and "
                              f"{pos + 1})", path=path, row=pos + 1, column=column)


def _link_codes(codes: pd.Series, what, column: str) -> pd.Series:
    """A code column of a link table as text: numbers as the whole numbers they are (:func:`_code_text`).

    A column of numbers (``int64``; ``float64`` where a cell is blank: ``2512.0``), or one
    mixing numbers and text, is read as :func:`links_from_pairs` reads it (a number with
    decimals refused, naming ``what``, the row counted from 1 and ``column``); any other
    value is its text. Missing codes stay missing.

    Examples
    --------
    >>> _link_codes(pd.Series([110.0, 2512.0]), "links", "source_code").tolist()
    ['110', '2512']
    """
    # (map(type).eq(str) raised NotImplementedError on an empty Series of pandas' str type)
    if pd.api.types.is_numeric_dtype(codes) or not all(isinstance(v, str) for v in codes.dropna()):
        codes = _code_text(codes, pd.Series([], dtype=object), what, column)
    return codes.where(codes.isna(), codes.astype(str))


def _checked_links(links: pd.DataFrame, what: str = "links") -> pd.DataFrame:
    """``links`` with text codes and float weights; a bad weight or a repeated link refused.

    Each failure names ``links``, the row (counted from 1) and the column: a
    ``crosswalk_weight`` missing, negative, infinite or not a number (a missing weight
    was dropped from the mean, a negative one made it NaN), and a source -> target link
    given twice (its weight counted twice: employment split to ISCO groups added up to
    more than the total). Codes given as numbers are read as text (pandas refused to merge
    ``int64`` codes with the text codes of the scores), as :func:`links_from_pairs` reads
    them (:func:`_link_codes`: ``2512.0`` is ``2512``; it was the code ``'2512.0'``, which
    matched no score). ``what`` names the table in errors.

    Examples
    --------
    >>> links = pd.DataFrame({"source_code": ["A", "A"], "target_code": ["x", "x"],
    ...                       "crosswalk_weight": [1.0, 1.0]})
    >>> _checked_links(links)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: links, row 2, column 'target_code': the link 'A' -> 'x' is given twice (rows 1 and 2): its weight would count twice
    """
    check_once(links, LINK_COLUMNS, what)
    links = links[LINK_COLUMNS].reset_index(drop=True)
    weight = numbers(links, "crosswalk_weight", what)
    bad = np.flatnonzero((weight.isna() | (weight < 0)).to_numpy(dtype=bool))
    if len(bad):
        pos = int(bad[0])
        got = "missing" if pd.isna(weight.iloc[pos]) else repr(float(weight.iloc[pos]))
        raise DataFormatError(f"crosswalk_weight must be a number of 0 or more, got {got}", path=what,
                              row=pos + 1, column="crosswalk_weight")
    codes = {c: _link_codes(links[c], what, c) for c in ("source_code", "target_code")}
    links = links.assign(**codes, crosswalk_weight=weight.to_numpy())
    repeat = first_repeat_of(links.dropna(subset=["source_code", "target_code"]).reset_index(),
                             ["source_code", "target_code"])
    if repeat is not None:
        kept = links.dropna(subset=["source_code", "target_code"]).index
        pos, first = int(kept[repeat[0]]), int(kept[repeat[1]])
        raise DataFormatError(f"the link {links['source_code'].iloc[pos]!r} -> {links['target_code'].iloc[pos]!r} "
                              f"is given twice (rows {first + 1} and {pos + 1}): its weight would count twice",
                              path=what, row=pos + 1, column="target_code")
    return links
