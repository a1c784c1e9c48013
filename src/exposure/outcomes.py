"""What happened to exposed occupations after ChatGPT: OEWS May 2021-2025.

Three steps, each a plain frame -> frame function:

1. :func:`build_panel` (:func:`load_panel` on the registered files) stacks the national
   cross-industry OEWS estimates of May 2021-2025 into one occupation x year panel
   (:class:`~exposure.schemas._outcomes.OccupationPanel`): employment, annual mean and
   median wage per SOC 2018 detailed code or OEWS aggregate. Every code of every year is
   checked: it must be a SOC 2018 detailed code, or an OEWS aggregate of SOC 2018 detailed
   codes (``13-1020``, ``31-1120`` ...); anything else (a SOC 2010 or SOC 2010/2018 hybrid
   code) raises unless ``recode`` says where it goes. Codes not published with employment
   in every year are kept but flagged ``balanced = False`` and left out of the estimation.
2. :func:`exposure_table` puts every measure on the panel's codes: our ``alpha``,
   ``beta``, ``gamma`` and the three category shares (the shipped ``soc_scores``), and
   every published measure of :mod:`exposure.measures.compare`.
3. :func:`exposure_groups` and :func:`group_growth` give the simple quintile table;
   :func:`event_study` regresses log employment and log mean wage on exposure x year with
   occupation and year fixed effects (base year May 2022; May 2021 is the pre-period test),
   weighted by base-year employment, with standard errors clustered by occupation;
   :func:`robustness` re-runs it unweighted, without the smallest occupations and without
   one SOC major group at a time. :func:`run_outcomes` does all of it.

The estimator is :mod:`statsmodels` (``WLS`` with cluster-robust covariance; install the
``outcomes`` extra). The occupation fixed effects are absorbed by the within
transformation (the panel is balanced and the weights are constant within an
occupation, so this is exact); the small-sample factor is then ``G/(G-1) (N-1)/(N-K)``
with ``K`` the non-absorbed regressors, as ``reghdfe`` and ``pyfixest`` do when the fixed
effects are nested in the clusters.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime
import logging
import numbers
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet

import numpy as np
import pandas as pd

from exposure import crosswalks
from exposure._args import as_real, check_flag, is_number, shown
from exposure._load import load
from exposure._measures import CATEGORY_SHARES, EXPOSURE_MEASURES
from exposure._tables import (
    MAX_COUNT,
    RawTable,
    check_whole_workers,
    first_repeat,
    number_hint,
    power_scaled,
    signalling_nan,
    twice_reason,
)
from exposure._threads import one_blas_thread
from exposure.errors import DataFormatError, ExposureError
from exposure.measures import _common
from exposure.measures import compare as published
from exposure.measures._common import check_soc_scores
from exposure.oews import _check_area, load_oews
from exposure.rollup._sectors import ROUNDING
from exposure.rollup._soc import _number, refuse_nested_codes, stored_sizes
from exposure.schemas import validate
from exposure.schemas._fields import (
    OEWS_NAICS_PATTERN,
    SOC_MAJOR_PATTERN,
    _first_mismatch,
    code_hint,
    first_bad_soc_code,
)
from exposure.schemas._oews import I_GROUPS, O_GROUPS
from exposure.schemas._outcomes import (
    OUTCOMES,
    EventStudyCoefficients,
    GroupGrowth,
    OccupationPanel,
)

__all__ = [
    "PANEL_YEARS",
    "BASE_YEAR",
    "PRE_YEAR",
    "OUR_MEASURES",
    "PUBLISHED_MEASURES",
    "OUTCOMES",
    "Outcomes",
    "build_panel",
    "load_panel",
    "check_panel",
    "check_soc_scores",
    "exposure_table",
    "exposure_groups",
    "group_growth",
    "event_study",
    "robustness",
    "pretrend",
    "headline",
    "sector_growth",
    "run_outcomes",
]

log = logging.getLogger(__name__)

#: May reference years of the panel.
PANEL_YEARS = (2021, 2022, 2023, 2024, 2025)
#: Base year of the event study (the last May before ChatGPT, released 30 Nov 2022).
BASE_YEAR = 2022
#: The pre-period year: its coefficient is the pre-trend test.
PRE_YEAR = 2021
#: Our measures in the outcomes tables: alpha, beta, gamma and the three category shares.
OUR_MEASURES = (*EXPOSURE_MEASURES, *CATEGORY_SHARES.values())
#: Every published measure of :mod:`exposure.measures.compare`.
PUBLISHED_MEASURES = tuple(published.MEASURES)
#: Smallest occupations left out by the ``drop_small`` robustness check: the bottom decile
#: of base-year employment.
SMALL_QUANTILE = 0.10

_CROSS = "cross-industry"


# --------------------------------------------------------------------------- arguments
def _names(value, name: str, what: str, one: str) -> list[str]:
    """``value`` as a list of names (each once, in order): a list, tuple, array, Index or Series of str.

    A pandas array (``frame["measure"].unique()``: an ``ArrowStringArray`` under pandas 3)
    is one too; it was refused as not a list.

    One string is refused, not split (it was read letter by letter); so are what is not a
    list of strings (None, a number, a dict, a frame: ``TypeError`` or a silent empty
    list before) and an empty list (empty tables before). ``name`` is the argument,
    ``what`` the plural of its items, ``one`` the singular.
    """
    if isinstance(value, str):
        raise DataFormatError(f"{name} must be a list of {what}, got str {value!r}: write [{value!r}]")
    # a pandas array too (frame["measure"].unique(), an ArrowStringArray under pandas 3: refused)
    listed = (isinstance(value, (list, tuple, pd.Series, pd.Index))
              or (isinstance(value, (np.ndarray, pd.api.extensions.ExtensionArray)) and value.ndim == 1))
    if not listed or not all(isinstance(v, str) for v in value):
        raise DataFormatError(f"{name} must be a list of {what}, got {shown(value)}")
    if len(value) == 0:
        raise DataFormatError(f"{name} must name at least one {one}, got []")
    return list(dict.fromkeys(value))


def _frame_year(key) -> int:
    """A key of ``frames`` as a May year: a whole number (or its digits) from 2000 to 2100.

    ``2021.5`` was read as 2021 and ``True`` as the year 1 (``int(key)``). A whole
    :class:`~decimal.Decimal` is read (:func:`~exposure._args.as_real`). What is a year:
    :func:`_as_year`.
    """
    year = _as_year(key)
    if year is None or not 2000 <= year <= 2100:
        raise DataFormatError(f"frames: key {key!r} is not a year{_year_hint(key)}")
    return year


#: A year written as text: its ASCII digits, spaces around them allowed.
_YEAR_DIGITS = re.compile(r"[0-9]+")


def _as_year(value) -> int | None:
    """``value`` as the whole number a year argument or key is, else None: the one rule of every year given.

    A whole number (an int, a whole float, a numpy number, a whole
    :class:`~decimal.Decimal` or :class:`~fractions.Fraction`: :func:`~exposure._args.as_real`)
    or its digits as text (``"2022"``, ``" 2022 "``). Not a bool, a fraction, NaN, a date
    (:func:`_year_hint` tells its year) nor other text. :func:`_check_year` refused
    ``base_year="2022"`` (``got str '2022'``) where :func:`_check_years` and
    :func:`_frame_year` read ``"2022"`` as 2022; those two read text of other digits
    (superscript ``"²⁰²²"``) with ``str.isdigit``, and ``int()`` raised ``ValueError:
    invalid literal for int() with base 10``. The callers check the range they need.

    Examples
    --------
    >>> _as_year("2022"), _as_year(2022.0), _as_year(np.int64(2022)), _as_year(" 2021 ")
    (2022, 2022, 2022, 2021)
    >>> _as_year(True), _as_year(2022.5), _as_year("2022.0"), _as_year("\u00b2\u2070\u00b2\u00b2"), _as_year(None)
    (None, None, None, None, None)
    """
    if isinstance(value, str):
        text = value.strip()
        return int(text) if _YEAR_DIGITS.fullmatch(text) else None
    number = as_real(value, whole=True)
    if is_number(number) and np.isfinite(number) and float(number).is_integer():
        return int(number)
    return None


def _year_hint(value) -> str:
    """The advice for a year given as a date, with the year to write; else ``""``.

    The one wording of the year arguments and keys (:func:`_check_year`, :func:`_frame_year`,
    :func:`_check_years`): a date (``pd.Timestamp("2021-05-01")``, a ``datetime.date``, a
    ``numpy.datetime64``, a ``pd.Period``) was refused as ``base_year must be a year (int), got
    Timestamp``, without the year meant.

    Examples
    --------
    >>> _year_hint(pd.Timestamp("2021-05-01")), _year_hint(np.datetime64("2022-05")), _year_hint(pd.Period("2023"))
    (': a date; write its year, 2021', ': a date; write its year, 2022', ': a date; write its year, 2023')
    >>> _year_hint(pd.NaT), _year_hint("2021"), _year_hint(2021.5)
    ('', '', '')
    """
    year = None
    if isinstance(value, (datetime.date, pd.Period)) and not pd.isna(value):
        year = value.year
    elif isinstance(value, np.datetime64) and not np.isnat(value):
        year = int(value.astype("datetime64[Y]").astype("int64")) + 1970
    return "" if year is None else f": a date; write its year, {year}"


def _listed(items, most: int = 12) -> str:
    """``items`` joined by commas, the first ``most`` of them (then ``...``)."""
    items = [str(i) for i in items]
    return ", ".join(items[:most]) + (", ..." if len(items) > most else "")


def _check_frame(frame, name: str) -> pd.DataFrame:
    """Refuse what is not a DataFrame (:func:`exposure.measures._common.check_frame`), or one with multi-level column names.

    A panel, exposures or scores table whose columns have two levels (a ``pivot_table``,
    ``groupby(...).agg([...])`` or ``pd.concat({...}, axis=1)`` result) failed inside
    pandas: ``AttributeError: 'DataFrame' object has no attribute 'dtype'`` (``str``),
    ``KeyError: Index(['soc_code'], dtype='str')``, ``MergeError: Not allowed to merge
    between different levels``, or an OEWS level shown as ``array(['total'],
    dtype=object)``. The roll-ups refuse them in the same words
    (:func:`exposure._tables.refuse_multilevel_columns`).

    Examples
    --------
    >>> wide = pd.DataFrame({("soc_code", ""): ["11-1011"], ("beta", "mean"): [0.4]})
    >>> _check_frame(wide, "exposures")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposures has 2-level column names (e.g. ('soc_code', '')): flatten them to one level
    """
    return _common.check_frame(frame, name, flat=True)


def _once(frame: pd.DataFrame, path, columns) -> None:
    """Refuse a frame in which one of ``columns`` names two columns or more, naming the frame and the column.

    ``frame[column]`` is then a frame, not a column: pandas raised ``AttributeError:
    'DataFrame' object has no attribute 'dtype'`` (or a ``ValueError`` about shapes), or a
    cell was shown as ``array([0.1, 0.1])``. Columns are counted from 1; the first two
    of a column given three times or more are named. Said in the library's one wording for
    a column given twice (:func:`exposure._tables.twice_reason`; until round 77, ``the
    column appears twice (columns 1 and 3): keep one``).

    Examples
    --------
    >>> _once(pd.DataFrame([[1, 2, 3]], columns=["year", "a", "year"]), "panel", ["year"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: panel, column 'year': given more than once (columns 1 and 3): keep one
    """
    if frame.columns.is_unique:
        return
    for column in dict.fromkeys(columns):
        at = [i for i, c in enumerate(frame.columns) if c == column]
        if len(at) > 1:
            raise DataFormatError(twice_reason(at[0], at[1]), path=path, column=column)


# --------------------------------------------------------------------------- the panel
def _aggregate_ok(code: str, detailed: set[str], published_codes: set[str]) -> bool:
    """Whether ``code`` can be an OEWS aggregate of SOC 2018 detailed codes.

    It must share its broad group (``XX-XXX``, :func:`_broad`) with a SOC 2018 detailed
    code that the same year does not publish on its own. The five-character prefix was
    read before: ``29-1060`` (a SOC 2010 code) passed in May 2022 because ``29-1024``, of
    another broad group, was not published.
    """
    return any(_broad(d) == _broad(code) and d not in published_codes for d in detailed)


def _shown_cell(value):
    """A cell as it is shown in a message: numpy scalars as Python's."""
    return value.item() if isinstance(value, np.generic) else value


def _oews_numbers(frame: pd.DataFrame, sel: np.ndarray, column: str, name: str, *, count: bool) -> np.ndarray:
    """``frame[column]`` of the rows ``sel`` read as OEWS numbers (:func:`exposure.rollup._soc._number`).

    Besides what ``_number`` refuses (text, booleans, negative or infinite numbers), a
    value of :data:`exposure._tables.MAX_COUNT` or more is refused and, for a ``count`` (``tot_emp``),
    one that is not whole: OEWS counts jobs, and :func:`exposure.oews.read_oews` refuses
    ``1234.5`` (``not an integer``). Rows are counted from 1 by position in ``frame``.
    A count written as text is checked by the shared
    :func:`exposure._tables.check_whole_workers`, as the roll-ups and ``compare`` check it:
    ``'1.200'`` (1,200 workers written with a point) is told the number to write, and a
    whole one written so (``'2.000'``) is warned of; they were ``got '1.200'`` and no more,
    and read as 2 workers without a word.

    Examples
    --------
    >>> f = pd.DataFrame({"tot_emp": ["1,200", "**", 0.5]})
    >>> _oews_numbers(f, np.array([True, True, False]), "tot_emp", "t", count=True).tolist()
    [1200.0, nan, nan]
    >>> _oews_numbers(f, np.ones(3, bool), "tot_emp", "t", count=True)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: t, row 3, column 'tot_emp': tot_emp must be a whole number of workers (OEWS counts jobs), got 0.5
    """
    values = _number(frame[column].where(sel), column, name).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        big = sel & (values >= MAX_COUNT)
        part = sel & ~big & ~np.isnan(values) & (values != np.floor(values)) if count else np.zeros(len(values), dtype=bool)
    if big.any() or part.any():
        pos = int(np.flatnonzero(big | part)[0])
        value = _shown_cell(frame[column].iloc[pos])
        if big[pos]:
            what = "a number of workers" if count else "a wage"
            raise DataFormatError(f"{column} is too large for {what}, got {value!r}", path=name, row=pos + 1,
                                  column=column)
        if isinstance(value, str):
            check_whole_workers(values[pos:pos + 1], [value], name, column, row_offset=pos + 1)
        raise DataFormatError(f"{column} must be a whole number of workers (OEWS counts jobs), got {value!r}",
                              path=name, row=pos + 1, column=column)
    if count:
        check_whole_workers(values, frame[column].where(sel), name, column)
    return values


def _check_groups(frame: pd.DataFrame, name: str, columns) -> None:
    """Refuse a cell of ``columns`` (``o_group``, ``i_group``) that is not one of OEWS's levels, naming its row.

    The rows read are chosen by these levels: a row of ``'Detailed'``, ``' detailed'`` or a
    missing level was skipped without a word (the occupation or sector then came out as not
    published in every year).
    """
    for column in columns:
        if column not in frame.columns:
            continue
        levels = O_GROUPS if column == "o_group" else I_GROUPS
        cells = frame[column].to_numpy(dtype=object)
        odd = ~np.fromiter((isinstance(v, str) and v in levels for v in cells), dtype=bool, count=len(cells))
        if odd.any():
            pos = int(np.flatnonzero(odd)[0])
            raise DataFormatError(f"{column} must be one of {', '.join(repr(v) for v in levels)} (as OEWS writes it), "
                                  f"got {_shown_cell(cells[pos])!r}", path=name, row=pos + 1, column=column)


#: Columns of an OEWS national table that :func:`build_panel` reads (``i_group`` too, when there).
_NATIONAL_COLUMNS = ("o_group", "occ_code", "occ_title", "tot_emp", "a_mean", "a_median")
#: BLS's area columns (lower case), checked by :func:`_check_national_area` when a table has them.
_AREA_COLUMNS = ("area", "area_title", "area_type")


def _check_national_area(frame: pd.DataFrame, name: str) -> None:
    """Refuse a row of ``frame`` of another area than the U.S. (``area_type`` 1, ``area`` 99), naming it.

    A table read from BLS's files by pandas (``pd.read_excel("state_M2021_dl.xlsx")``, its
    columns in lower case) keeps BLS's area columns: a state or metropolitan table was
    stacked into the panel as national employment and wages, without a word, and state
    tables stacked with the national one were refused as a code appearing twice. The rule
    and the words are :func:`exposure.oews.read_oews`'s (``_check_area``), on the cells as
    text; a table without the columns is read as before. Rows are counted from 1.
    """
    present = [c for c in _AREA_COLUMNS if c in frame.columns]
    if "area" not in present and "area_type" not in present:
        return
    text = pd.DataFrame({c: ["" if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v))
                             else str(_shown_cell(v)) for v in frame[c].to_numpy(dtype=object)]
                         for c in present})
    _check_area(text, RawTable(text, name, 1, {c: c for c in present}))


def _check_national_frames(frames) -> dict[int, tuple[str, pd.DataFrame]]:
    """The tables of :func:`build_panel` by int year, each with its name (``frames[2021]``).

    What is not a mapping of year to frame with :data:`_NATIONAL_COLUMNS` is refused, as
    :func:`sector_growth` refuses its ``frames``.
    """
    if not isinstance(frames, Mapping):  # a list: AttributeError 'list' object has no attribute 'items'
        raise DataFormatError("frames must be a mapping of May year to OEWS national table "
                              f"(dict of int to DataFrame), got {shown(frames)}")
    if not frames:
        raise ExposureError("build_panel needs at least one year")
    out = {}
    for key, f in frames.items():
        year = _frame_year(key)
        if year in out:  # 2021 and "2021": TypeError '<' not supported between 'str' and 'int'
            raise DataFormatError(f"frames: the year {year} is given twice")
        name = f"frames[{key!r}]"
        f = _check_frame(f, name)
        missing = [c for c in _NATIONAL_COLUMNS if c not in f.columns]
        if missing:  # KeyError: 'o_group'
            raise DataFormatError(f"{name} lacks column(s) {missing}")
        _once(f, name, (*_NATIONAL_COLUMNS, "i_group", *_AREA_COLUMNS))  # a ValueError about shapes
        _check_national_area(f, name)  # a state table was read as national, without a word
        out[year] = (name, f)
    return out


def _check_soc_detailed(soc_detailed) -> set[str]:
    """``soc_detailed`` as a set of codes: a non-empty list (array, Series) of SOC codes.

    One string was read letter by letter, and an empty list or a string made every OEWS
    code "neither a SOC 2018 detailed code nor an OEWS aggregate"; None raised ``TypeError``.
    """
    what = "soc_detailed must be a list of SOC 2018 detailed codes"
    if isinstance(soc_detailed, str):
        raise DataFormatError(f"{what}, got str {soc_detailed!r}: write [{soc_detailed!r}]")
    if isinstance(soc_detailed, (bytes, Mapping, pd.DataFrame)) or not np.iterable(soc_detailed):
        raise DataFormatError(f"{what}, got {shown(soc_detailed)}")
    codes = pd.Series(list(soc_detailed), dtype=object)
    if codes.empty:
        raise DataFormatError("soc_detailed must hold at least one SOC code, got []")
    bad = first_bad_soc_code(codes)
    if bad is not None:
        value = codes.iloc[bad[0]]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"soc_detailed must hold SOC codes (like 11-1011), got {value!r} at position {bad[0]}")
    return set(map(str, codes))


def _check_recode(recode) -> dict:
    """``recode`` as a dict (None: empty); what is not a mapping (or a Series) of str to str is refused.

    A value that is not a code (``None``, ``5``, NaN) raised ``TypeError: '<' not supported``;
    a key that is not a str (``11``) renamed nothing, without a word. A Series that renames
    one code twice, to two codes (a crosswalk's ``set_index("soc_2010")["soc_2018"]``, where a
    SOC 2010 code split into several SOC 2018 codes), is refused naming the code and both
    targets: it was refused as not a mapping of str to str, showing a Series over several
    lines (``got '15-1199': 15-1199    15-1211 ...``); the same pair repeated is read once.

    Examples
    --------
    >>> _check_recode(pd.Series(["15-1211", "15-1212"], index=["15-1199", "15-1199"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: recode renames '15-1199' twice, to '15-1211' and to '15-1212' (positions 0 and 1): an OEWS code goes to one panel code; keep one
    """
    if recode is None:
        return {}
    if not isinstance(recode, (Mapping, pd.Series)):  # 5: TypeError; "x": ValueError from dict()
        raise DataFormatError("recode must be a mapping of OEWS code to panel code (dict) or None, "
                              f"got {shown(recode)}")
    # a Series by position: dict() of a repeated label took the Series of its values as the value
    pairs = (list(zip(recode.index, recode.to_numpy(dtype=object))) if isinstance(recode, pd.Series)
             else list(recode.items()))
    checked, at = {}, {}
    for pos, (key, value) in enumerate(pairs):
        if not (isinstance(key, str) and isinstance(value, str)):
            key, value = (v.item() if isinstance(v, np.generic) else v for v in (key, value))
            raise DataFormatError(f"recode must map OEWS codes (str) to panel codes (str), got {key!r}: {value!r}")
        if key in checked and checked[key] != value:
            raise DataFormatError(f"recode renames {key!r} twice, to {checked[key]!r} and to {value!r} (positions "
                                  f"{at[key]} and {pos}): an OEWS code goes to one panel code; keep one")
        checked[key] = value
        at.setdefault(key, pos)
    recode = checked
    targets = list(recode.items())
    bad = first_bad_soc_code(pd.Series([v for _, v in targets], dtype=object))
    if bad is not None:  # a SchemaError naming the built panel's rows ('31-1121 '), or the table blamed ('nan')
        key, value = targets[bad[0]]
        raise DataFormatError(f"recode maps {key!r} to {value!r}, which is not a SOC code (like 11-1011)")
    return recode


def _year_rows(frame: pd.DataFrame, year: int, detailed: set[str],
               recode: Mapping[str, str], name: str = "frame") -> pd.DataFrame:
    f = frame
    _check_groups(f, name, ("o_group", "i_group"))  # 'Detailed' rows were skipped without a word
    sel = f["o_group"].eq("detailed").fillna(False).to_numpy(dtype=bool, copy=True)
    if "i_group" in f:
        sel = sel & f["i_group"].eq(_CROSS).fillna(False).to_numpy(dtype=bool)
    if not sel.any():
        raise DataFormatError(f"OEWS {year}: no cross-industry detailed occupation rows", path=name)
    nocode = sel & f["occ_code"].isna().to_numpy(dtype=bool)
    if nocode.any():  # TypeError: 'float' object is not subscriptable
        raise DataFormatError("the occupation code is missing", path=name, row=int(np.flatnonzero(nocode)[0]) + 1,
                              column="occ_code")
    cells = f["occ_code"].to_numpy(dtype=object)
    notext = sel & ~np.fromiter((isinstance(v, str) for v in cells), dtype=bool, count=len(cells))
    if notext.any():  # b"11-1011" was read as the text "11-1011": merged with a "11-1011" row, silently
        pos = int(np.flatnonzero(notext)[0])
        value = cells[pos].item() if isinstance(cells[pos], np.generic) else cells[pos]
        raise DataFormatError(f"the occupation code must be text (like '11-1011'), got {value!r}", path=name,
                              row=pos + 1, column="occ_code")
    bad = first_bad_soc_code(pd.Series(cells[sel], dtype=object))
    if bad is not None:  # '11-1011 ': a SchemaError naming the built panel's row; 'nan' read as unquoted nan
        pos = int(np.flatnonzero(sel)[bad[0]])  # 'nan' is said to be a missing code written as text (code_hint)
        raise DataFormatError(bad[1], path=name, row=pos + 1, column="occ_code")
    notitle = sel & f["occ_title"].isna().to_numpy(dtype=bool)
    if notitle.any():  # the schema named the row of the panel built ("occupation panel, row 3, column 'soc_title'")
        raise DataFormatError("the occupation title is missing", path=name,
                              row=int(np.flatnonzero(notitle)[0]) + 1, column="occ_title")
    titles = f["occ_title"].to_numpy(dtype=object)
    for pos in np.flatnonzero(sel):  # '' went into the panel as a title, 5 as '5'
        title = titles[pos]
        if not isinstance(title, str):
            raise DataFormatError(f"the occupation title must be text, got {_shown_cell(title)!r}", path=name,
                                  row=int(pos) + 1, column="occ_title")
        if not title.strip():
            raise DataFormatError(f"the occupation title is empty, got {title!r}", path=name, row=int(pos) + 1,
                                  column="occ_title")
    rows = np.flatnonzero(sel) + 1  # the rows read, counted from 1 in the whole table
    # numbers read as OEWS publishes them ("1,200"; ** * # ~ missing); text, True, -5, inf, a fractional
    # or too large count and a too large wage refused, naming the row of the whole table (other rows are not read)
    numbers_ = {c: _oews_numbers(f, sel, c, name, count=c == "tot_emp")[sel] for c in ("tot_emp", "a_mean", "a_median")}
    top = {c: _top_coded(f, sel, c, name)[sel] for c in _WAGES}  # "#": missing, said by build_panel
    for c in _WAGES:  # a wage flagged top-coded is at BLS's cap, not the mean: it was kept, and said missing
        numbers_[c] = np.where(top[c], np.nan, numbers_[c])
    _zeros(f, sel, numbers_, name, year)
    f = f[sel]
    dup = f["occ_code"].duplicated().to_numpy(dtype=bool)
    if dup.any():  # the table and its rows were not named
        pos = int(np.flatnonzero(dup)[0])
        code = f["occ_code"].iloc[pos]
        first = int(np.flatnonzero((f["occ_code"] == code).to_numpy(dtype=bool))[0])
        raise DataFormatError(f"OEWS {year}: occupation code {code} appears twice among the cross-industry "
                              f"detailed rows (rows {rows[first]} and {rows[pos]})", path=name,
                              row=int(rows[pos]), column="occ_code")
    codes = f["occ_code"].astype(str)
    published_codes = set(codes)
    mapped = codes.map(lambda c: recode.get(c, c))
    for code in sorted(set(mapped) - detailed):
        if not _aggregate_ok(code, detailed, published_codes):
            pos = int(np.flatnonzero((mapped == code).to_numpy(dtype=bool))[0])
            raise DataFormatError(
                f"OEWS {year}: occupation code {code} is neither a SOC 2018 detailed code nor "
                "an OEWS aggregate of SOC 2018 codes (a SOC 2010 or hybrid code?); map it with "
                "recode={code: panel_code}", path=name, row=int(rows[pos]), column="occ_code")
    out = pd.DataFrame({
        "soc_code": mapped.to_numpy(),
        "soc_title": f["occ_title"].astype(str).to_numpy(),
        "tot_emp": numbers_["tot_emp"],
        "a_mean": numbers_["a_mean"],
        "a_median": numbers_["a_median"],
    })
    if out["soc_code"].duplicated().any():  # recoded codes merged into one panel code
        out["_wage_emp"] = out["a_mean"] * out["tot_emp"]
        # the rows of a merged code in one order, whatever the table's: the panel code's own row first
        # (its title is the merged code's), then by OEWS code. The title was that of the row the table
        # gave first (another code's, "Software Developers, Applications" for 15-1252)
        own = codes.to_numpy() == mapped.to_numpy()
        out = out.iloc[np.lexsort((codes.to_numpy(), ~own, out["soc_code"].to_numpy()))]
        g = out.groupby("soc_code", sort=True)
        merged = g.agg(soc_title=("soc_title", "first"), tot_emp=("tot_emp", lambda s: s.sum(min_count=len(s))),
                       _wage_emp=("_wage_emp", lambda s: s.sum(min_count=len(s))), n=("soc_title", "size"))
        merged["a_mean"] = merged["_wage_emp"] / merged["tot_emp"]
        single = out.drop_duplicates("soc_code", keep=False).set_index("soc_code")["a_median"]
        merged["a_median"] = single.reindex(merged.index)  # a median of merged codes is unknown
        out = merged.reset_index()[["soc_code", "soc_title", "tot_emp", "a_mean", "a_median"]]
    out.insert(1, "year", int(year))
    top_coded = {c: sorted(set(mapped[top[c]])) for c in _WAGES}
    return out, top_coded


#: The wage columns of the panel.
_WAGES = ("a_mean", "a_median")


def _top_coded(frame: pd.DataFrame, sel: np.ndarray, column: str, name: str = "frame") -> np.ndarray:
    """Rows (of ``sel``) of ``frame`` whose ``column`` is top-coded, written ``#`` or flagged.

    A flag is ``<column>_top_coded`` True, as :func:`exposure.oews.read_oews` reads ``#``;
    a flag of a read row must be True, False or missing: the text ``"False"`` (a table
    written to CSV and read back) was read as True, and every code was said to be
    top-coded and missing while its wage was kept. ``name``: the table, named in the error.
    """
    cells = frame[column].to_numpy(dtype=object)
    top = np.fromiter((isinstance(v, str) and v.strip() == "#" for v in cells), dtype=bool, count=len(cells))
    flag = f"{column}_top_coded"
    if flag in frame.columns and frame.columns.is_unique:
        flags = frame[flag].to_numpy(dtype=object)
        odd = sel & ~np.fromiter((isinstance(v, (bool, np.bool_)) or v is None or v is pd.NA
                                  or (isinstance(v, float) and np.isnan(v)) for v in flags),
                                 dtype=bool, count=len(flags))
        if odd.any():
            pos = int(np.flatnonzero(odd)[0])
            raise DataFormatError(f"{flag} must be True or False (as exposure.oews.read_oews writes it), got "
                                  f"{_shown_cell(flags[pos])!r}", path=name, row=pos + 1, column=flag)
        top |= np.fromiter((v is True or v is np.True_ for v in flags), dtype=bool, count=len(flags))
    return top & sel


def _zeros(frame: pd.DataFrame, sel: np.ndarray, numbers_: dict, name: str, year: int) -> None:
    """Say which read rows have 0 workers or a wage of 0, which OEWS never publishes; a 0 wage is made missing.

    ``numbers_``: the read rows' ``tot_emp``, ``a_mean``, ``a_median`` (changed in place).
    OEWS writes an employment it does not publish as ``**`` and a wage as ``*``: a 0 most
    likely marks a problem in the table. Its code is not balanced (no employment in every
    year: left out of the estimation) or its wage missing, with a warning naming the
    table, the row (counted from 1) and the column. A code with 0 workers was balanced
    before, and :func:`run_outcomes` refused the built panel naming the panel's row, not
    the file's (``panel, row 1, column 'tot_emp': a balanced occupation needs employment
    in every year, got 0.0``); a wage of 0 was refused the same way.
    """
    rows = np.flatnonzero(sel) + 1
    codes = frame["occ_code"].to_numpy(dtype=object)[sel]
    for column, then in (("tot_emp", "the code is not published with employment in every year: kept, left out "
                                     "of the estimation"),
                         ("a_mean", "read as missing (left out of the wage results)"),
                         ("a_median", "read as missing")):
        zero = numbers_[column] == 0
        if not zero.any():
            continue
        first = int(np.flatnonzero(zero)[0])
        more = f" (and {int(zero.sum()) - 1} more rows: {_listed(codes[zero][1:])})" if zero.sum() > 1 else ""
        written = "'**'" if column == "tot_emp" else "'*'"
        log.warning("%s, row %d, column '%s': OEWS %d gives %s 0 %s (OEWS writes a value it does not publish as "
                    "%s): %s%s", name, rows[first], column, year, codes[first],
                    "workers" if column == "tot_emp" else "as its wage", written, then, more)
        if column != "tot_emp":
            numbers_[column] = np.where(zero, np.nan, numbers_[column])


def build_panel(frames: Mapping[int, pd.DataFrame], soc_detailed: Iterable[str], *,
                recode: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Stack OEWS national estimates of several May years into an occupation x year panel.

    Parameters
    ----------
    frames : mapping of int to pandas.DataFrame
        May year (a whole number from 2000 to 2100, or its digits) -> national OEWS table
        (:func:`exposure.oews.read_oews`; its cross-industry detailed rows are used, with
        ``o_group``, ``occ_code``, ``occ_title``, ``tot_emp``, ``a_mean``, ``a_median``
        and, when there, ``i_group``). Numbers are read as OEWS publishes them (``"1,200"``
        is 1200; the BLS special values ``**``, ``*``, ``#``, ``~`` are missing).
    soc_detailed : iterable of str
        The SOC 2018 detailed codes (``SOC_Structure.xlsx``, level ``detailed``): a list,
        array or Series of SOC codes (``11-1011``), not one str.
    recode : mapping of str to str, optional
        Codes to rename before the check (e.g. a SOC 2010 code to the SOC 2018 code or
        OEWS aggregate that replaced it); codes renamed onto one code are merged (employment
        summed, mean wage employment-weighted, median missing; the title is that of the
        code's own row when the table has one, else of the smallest OEWS code, in any row
        order). A dict (or a Series) of str to str, each code renamed to one code.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.OccupationPanel`, sorted by code and year.

    Raises
    ------
    exposure.errors.DataFormatError
        A code that is neither a SOC 2018 detailed code nor an OEWS aggregate of them; a
        year without cross-industry detailed rows; a duplicate code. ``frames`` that is not
        a mapping (a list, one frame, None), a key that is not a year (``"May"``,
        ``2021.5``, ``True``) or a year given twice, a table that is not a frame, lacks a
        column or has one of them twice; a row of another area than the U.S. in a table
        with BLS's area columns (``area_type`` not 1, or ``area`` not 99: a state table,
        read as national before), naming the row; a read row whose occupation code or title is
        missing, whose code is repeated or unknown, or whose ``tot_emp``, ``a_mean`` or
        ``a_median`` is not a number (text other than the BLS special values, ``True``, a
        negative or infinite number), naming ``frames[year]``, the row of that table (from
        1) and the column; a read row whose occupation code is not text (``b"11-1011"``
        was read as ``"11-1011"``, and merged with such a row, silently) or not a SOC code
        (``'11-1011 '``, ``'nan'``: the built panel's row was named), whose title is empty
        or not text, whose ``tot_emp`` is not a whole number (``1234.5``, which
        :func:`exposure.oews.read_oews` refuses) or whose ``tot_emp``, ``a_mean`` or
        ``a_median`` is 2**63 or more (``1e305``: it overflowed once summed or multiplied);
        a row of any level whose ``o_group`` or ``i_group`` is not one of OEWS's
        (``'Detailed'``, missing: the row was skipped without a word); a read row whose
        ``a_mean_top_coded`` or ``a_median_top_coded`` (when there) is not True, False or
        missing (the text ``"False"`` was read as True); two years whose tables give the
        same codes (10 or more) with the same employment and mean wages (one release given
        for two years: every growth between them was 0).
        ``soc_detailed`` that is not a list of SOC codes (one str,
        None, a dict, an empty list, a cell that is not a SOC code); ``recode`` that is not
        a mapping of codes (str) to SOC codes (str) (``{"15-1199": None}``,
        ``{"15-1199": "15-1299 "}``), or a Series that renames one code to two codes.
    exposure.errors.ExposureError
        ``frames`` without a year.

    Notes
    -----
    Warnings on the ``exposure.outcomes`` logger say what is left out and why: the
    top-coded wages (``#``, or flagged True in ``<column>_top_coded``: such a wage is missing
    even when the cell holds a number) of each wage column, with their number of codes per year (they
    are missing; a top-coded ``a_mean`` leaves the code out of the wage results); the codes
    not published with employment in every year (not balanced); an OEWS aggregate whose
    detailed codes change between years (one of its broad group published on its own in
    some years only), which is flagged ``balanced = False`` as its growth would run across
    the break; a read row of 0 workers (the code is then not balanced) or with a wage of 0
    (read as missing), naming the table, row and column: OEWS writes ``**`` and ``*``.

    Examples
    --------
    >>> def oews(emp):
    ...     return pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed",
    ...         "occ_code": ["11-1011", "31-1120"], "occ_title": ["CEOs", "Aides"],
    ...         "tot_emp": emp, "a_mean": [200e3, 30e3], "a_median": [190e3, 29e3]})
    >>> p = build_panel({2021: oews([10, 20]), 2022: oews([11, 22])},
    ...                 ["11-1011", "31-1121", "31-1122"])
    >>> p[["soc_code", "year", "code_type", "tot_emp", "balanced"]]
      soc_code  year  code_type  tot_emp  balanced
    0  11-1011  2021   detailed     10.0      True
    1  11-1011  2022   detailed     11.0      True
    2  31-1120  2021  aggregate     20.0      True
    3  31-1120  2022  aggregate     22.0      True
    """
    tables = _check_national_frames(frames)
    detailed = _check_soc_detailed(soc_detailed)
    recode = _check_recode(recode)
    read = {y: _year_rows(f, y, detailed, recode, name) for y, (name, f) in sorted(tables.items())}
    _check_distinct_years({y: rows for y, (rows, _) in read.items()}, {y: name for y, (name, _) in tables.items()})
    panel = pd.concat([rows for rows, _ in read.values()], ignore_index=True)
    _say_top_coded({y: top for y, (_, top) in read.items()})
    years = panel["year"].nunique()
    has_emp = panel[(panel["tot_emp"] > 0).to_numpy(dtype=bool)].groupby("soc_code")["year"].nunique()
    panel["balanced"] = panel["soc_code"].map(has_emp).fillna(0).eq(years).to_numpy()
    panel["soc_major"] = panel["soc_code"].str.slice(0, 2) + "-0000"
    panel["code_type"] = np.where(panel["soc_code"].isin(detailed), "detailed", "aggregate")
    changed = _changed_aggregates(panel, detailed)
    panel.loc[panel["soc_code"].isin(changed).to_numpy(dtype=bool), "balanced"] = False
    gaps = {}
    for code in sorted(set(panel.loc[~panel["balanced"], "soc_code"]) - set(changed)):
        got = sorted(panel.loc[(panel["soc_code"] == code) & (panel["tot_emp"] > 0), "year"])
        gaps[code] = got
        log.info("%s is published with employment in %s only: kept, left out of the estimation",
                 code, got)
    if gaps:  # at INFO only, a reclassification dropped codes (and their workers) from the estimation unseen
        log.warning("%d occupation code(s) not published with employment in every year (May %s) are kept, "
                    "flagged balanced = False and left out of the estimation: %s", len(gaps),
                    ", ".join(map(str, sorted(read))),
                    _listed(f"{c} ({', '.join(map(str, got)) or 'no year'})" for c, got in gaps.items()))
    cols = ["soc_code", "year", "soc_title", "soc_major", "code_type", "tot_emp", "a_mean",
            "a_median", "balanced"]
    panel = panel[cols].sort_values(["soc_code", "year"]).reset_index(drop=True)
    return validate(panel, OccupationPanel, path="occupation panel")


#: Tables of this many codes or more that agree on every code's employment and mean wage are one
#: release (a real one has some 830 codes; tiny examples may repeat a table on purpose).
_SAME_RELEASE_CODES = 10


def _check_distinct_years(rows: Mapping[int, pd.DataFrame], names: Mapping[int, str]) -> None:
    """Refuse two years whose tables give the same codes with the same employment and mean wages.

    ``rows``: year -> the rows read (:func:`_year_rows`), ``names``: year -> the table's name.
    One release given for two years (the May 2023 file passed as May 2024 too) made every
    growth between them exactly 0, without a word; no two OEWS releases agree on every
    code's employment and wage. Tables of fewer than :data:`_SAME_RELEASE_CODES` codes are
    not compared.
    """
    seen = {}
    for year, r in sorted(rows.items()):
        if len(r) < _SAME_RELEASE_CODES:
            continue
        key = r[["soc_code", "tot_emp", "a_mean"]].sort_values("soc_code").reset_index(drop=True)
        for other, k in seen.items():
            if k.equals(key):
                raise DataFormatError(f"the table gives the same {len(key)} occupation codes with the same "
                                      f"employment and mean wages as {names[other]}: one OEWS release given for "
                                      f"May {other} and May {year}? (every growth between them would be 0)",
                                      path=names[year], column="tot_emp")
        seen[year] = key


def _say_top_coded(top: Mapping[int, Mapping[str, list[str]]]) -> None:
    """Warn of the top-coded wages (OEWS ``#``) of each wage column: how many codes, in which years, which.

    ``top``: year -> column -> codes. A top-coded wage is missing in the panel, so the
    highest-paid occupations left the wage results (``a_mean``) without a word; a year
    without any, among years with some, is not capped alike (the mirror's May 2025 file
    has no ``#`` median while May 2021-2024 have 11 to 18).
    """
    for column in _WAGES:
        per_year = {y: t[column] for y, t in top.items()}
        if not any(per_year.values()):
            continue
        counts = ", ".join(f"{len(codes) or 'none'} in May {y}" for y, codes in per_year.items())
        codes = sorted(set().union(*per_year.values()))
        effect = ("so they are left out of the wage results (the log_wage estimates and the groups' mean-wage "
                  "growth) in every year" if column == "a_mean" else
                  "the event study does not read it, but its highest values are not comparable across years")
        log.warning("OEWS wages at or above BLS's top-code (written '#') are missing in the panel's %s: %d "
                    "occupation code(s) (%s): %s; %s", column, len(codes), counts, _listed(codes), effect)


def _broad(code: str) -> str:
    """The SOC broad group prefix of a code: ``13-1020`` -> ``13-102``."""
    return code[:6]


def _changed_aggregates(panel: pd.DataFrame, detailed: set[str]) -> list[str]:
    """Balanced OEWS aggregates whose detailed codes change between years, each with a warning.

    An aggregate stands for the SOC 2018 detailed codes of its broad group that the year
    does not publish on their own (``13-1020``: ``13-1021``, ``13-1022``, ``13-1023``).
    When that set changes (``13-1023`` on its own in May 2021, folded into ``13-1020`` in
    May 2022), the aggregate's employment jumps for a reason that has nothing to do with
    exposure: it was kept as balanced and its growth computed across the break, silently.
    Such an aggregate is left out of the estimation (``balanced = False``), as a code not
    published in every year is. The twelve aggregates of May 2021-2025 cover the same
    codes in every year.
    """
    published = {int(y): set(g) for y, g in panel.groupby("year")["soc_code"]}
    changed = []
    aggregates = panel.loc[panel["balanced"] & (panel["code_type"] == "aggregate"), "soc_code"]
    for code in sorted(set(aggregates)):
        group = sorted(d for d in detailed if _broad(d) == _broad(code))
        covers = {y: tuple(d for d in group if d not in codes) for y, codes in published.items() if code in codes}
        if len(set(covers.values())) < 2:
            continue
        moved = sorted({d for c in covers.values() for d in c} - set.intersection(*map(set, covers.values())))
        on_own = {d: [y for y, codes in published.items() if d in codes] for d in moved}
        log.warning("OEWS aggregate %s covers different detailed codes across years (%s): its employment and "
                    "wage are not comparable over time; kept, flagged balanced = False and left out of the "
                    "estimation", code,
                    "; ".join(f"{d} published on its own in May {', '.join(map(str, ys))} only" if ys
                              else f"{d} not published on its own" for d, ys in on_own.items()))
        changed.append(code)
    return changed


def _check_years(years) -> list[int]:
    """``years`` of :func:`load_panel` as a list of int: a list (tuple, array) of whole numbers.

    ``"2025"`` was read letter by letter (the OEWS release ``'2'``), 2025 raised
    ``TypeError: 'int' object is not iterable``, ``2025.5`` was read as 2025 and ``True``
    as the year 1. A year written as digits (``"2025"`` in a list) is read as that year
    (:func:`_as_year`, the rule of every year argument: superscript digits raised
    ``ValueError`` from ``int()``). A pandas array (``panel["year"].unique()`` of a
    nullable ``Int64`` column) is a list: it was refused as ``got IntegerArray``. A year
    given twice (``[2025, "2025"]``, ``[2025, 2025]``) is refused in the words of
    :func:`build_panel` (``years: the year 2025 is given twice``): the file was read twice
    and the years merged without a word.
    """
    what = "years must be a list of May years"

    def whole(y) -> bool:  # a May year: a whole number from 2000 to 2100 (_as_year: Decimal('2022') too)
        year = _as_year(y)
        return year is not None and 2000 <= year <= 2100

    if isinstance(years, str):  # "1999" was told to write [1999], which is refused in turn
        hint = f": write [{_as_year(years)}]" if whole(years) else ""
        raise DataFormatError(f"{what}, got str {years!r}{hint}")
    listed = isinstance(years, range) or _is_list(years)

    if not listed or not all(whole(y) for y in years):
        # a list of dates (pd.date_range(...)): said to be a list, without the years meant
        hint = next((_year_hint(y) for y in years if not whole(y)), "") if listed else ""
        raise DataFormatError(f"{what}, got {shown(years)}{hint}")
    out = [_as_year(y) for y in years]
    twice = next((y for i, y in enumerate(out) if y in out[:i]), None)
    if twice is not None:  # build_panel's words of its frames
        raise DataFormatError(f"years: the year {twice} is given twice")
    return out


def load_panel(years: Sequence[int] = PANEL_YEARS, *, mirror=None, data_dir=None) -> pd.DataFrame:
    """:func:`build_panel` of the registered OEWS national files of ``years``.

    Parameters
    ----------
    years : sequence of int, default :data:`PANEL_YEARS`
        A list (tuple, array) of May years: whole numbers from 2000 to 2100.
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.OccupationPanel`.

    Raises
    ------
    exposure.errors.DataFormatError
        ``years`` that is not a list of years (one str or number, None, ``[2025.5]``,
        ``[True]``) or that gives a year twice (``[2025, "2025"]``: ``years: the year 2025
        is given twice``); see :func:`build_panel`.
    exposure.errors.ExposureError
        No year; a file that cannot be fetched (:func:`exposure.oews.load_oews`).

    Examples
    --------
    >>> load_panel([])
    Traceback (most recent call last):
    ...
    exposure.errors.ExposureError: load_panel needs at least one year
    """
    years = _check_years(years)
    if not years:
        raise ExposureError("load_panel needs at least one year")
    frames = {y: load_oews(str(y), "cross_industry", mirror=mirror, data_dir=data_dir)
              for y in years}
    structure = crosswalks.load_soc_structure(mirror=mirror, data_dir=data_dir)
    detailed = structure.loc[structure["level"] == "detailed", "soc_code"]
    return build_panel(frames, detailed)


# --------------------------------------------------------------------------- exposures
def exposure_table(panel: pd.DataFrame, soc_scores: pd.DataFrame | None = None, *,
                   measures: Sequence[str] | None = None, comparison: pd.DataFrame | None = None,
                   mirror=None, data_dir=None, soc_scores_path=None, panel_path=None) -> pd.DataFrame:
    """Every exposure measure on the panel's occupation codes.

    Parameters
    ----------
    panel : pandas.DataFrame
        :func:`build_panel` output (its codes and last-year employment are used: the last
        year of its balanced rows when it has a ``balanced`` column, not a year of a few
        unbalanced rows, whose employment left OEWS aggregates without a published measure).
    soc_scores : pandas.DataFrame, optional
        Our SOC scores; default the shipped table (``exposure.load("soc_scores")``). A
        scored code that is no code of the panel goes to the OEWS aggregate that publishes
        it, as the published measures do (``31-1121`` and ``31-1122`` averaged into
        ``31-1120``; the SOC structure is read for it); a SOC 2018 detailed code that
        reaches no code of the panel (``55-1011``) is named in a warning; a SOC 2010 code
        (``15-1132``) outside the panel is refused. A caller's
        ``comparison`` goes the same way.
    measures : sequence of str, optional
        Measures to keep (ours: :data:`OUR_MEASURES`; published: :data:`PUBLISHED_MEASURES`);
        default all. Published ones are loaded with :func:`exposure.measures.compare.compare`.
    comparison : pandas.DataFrame, optional
        A ready ``compare(...).table`` (``soc_code`` + measure columns) used instead of
        loading the published measures.
    mirror, data_dir : optional
        Passed to :func:`exposure.fetch.fetch`.
    soc_scores_path : str or os.PathLike, optional
        The file ``soc_scores`` was read from, named by the errors about its rows (a code
        given beside the OEWS aggregate that holds it); default ``soc_scores``.
    panel_path : str or os.PathLike, optional
        The file ``panel`` was read from (``exposure outcomes --panel FILE``), named by the
        error about a SOC group code beside its occupations among the rows of its last
        year; default ``panel``.

    Returns
    -------
    pandas.DataFrame
        ``soc_code`` (the panel's codes, sorted) and one column per measure, in the
        order of ``measures`` (a measure named twice once); missing where a measure does
        not cover a code.

    Raises
    ------
    exposure.errors.DataFormatError
        ``panel`` that is not a frame, lacks ``soc_code``, has no rows, a missing code or
        one that is not a SOC code (``111011``, ``"11-1011 "``, ``"11-1011.00"``: their
        measures were missing, silently), naming the row; without ``comparison``, a panel
        that lacks ``year``, ``tot_emp`` or ``soc_title`` when a published measure is asked
        for, or whose ``year`` is not a whole number (checked before anything is loaded);
        ``measures`` that is not a list of names (one str, a number, a dict) or is empty;
        an unknown measure; ``soc_scores`` that is not a frame (even when no measure of
        ours is asked for), lacks a column or fails :func:`check_soc_scores`; a
        ``comparison`` that is not a frame, lacks a column, or has a bad or repeated code
        or a measure that is not a number; a column read that appears twice in ``panel``,
        ``soc_scores`` or ``comparison``; a scored detailed code of ``soc_scores`` (or of
        ``comparison``) given beside the panel's OEWS aggregate that holds it, or outside
        the panel that is a SOC 2010 code retired in SOC 2018 (``15-1132``, named with its
        SOC 2018 codes: it was only warned about, and its scores left out), naming the row
        and ``soc_code``; when a
        published measure is loaded, a SOC group code (the OEWS total ``00-0000``, a major
        group ``11-0000``) among the rows of the panel's last year beside an occupation it
        holds, balanced or not, naming ``panel_path`` and both rows (it was refused as
        ``employment, row 831``: a frame the caller never gave, and not the panel's row);
        so is a code given twice among those rows (refused as ``employment, row 3``).

    Examples
    --------
    >>> panel = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "year": 2025,
    ...                       "tot_emp": [10.0, 20.0], "soc_title": ["a", "b"]})
    >>> ours = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "beta": [0.3, 0.8]})
    >>> exposure_table(panel, ours, measures=["beta"])
      soc_code  beta
    0  11-1011   0.3
    1  43-9021   0.8
    """
    # "beta" was read letter by letter, 5 raised TypeError, [] and {} gave a table of codes only,
    # ["beta", "beta"] four beta columns
    names = (list(OUR_MEASURES + PUBLISHED_MEASURES) if measures is None
             else _names(measures, "measures", "measure names", "measure"))
    panel = _check_frame(panel, "panel")
    if "soc_code" not in panel.columns:
        raise DataFormatError("panel lacks column(s) ['soc_code']")
    _once(panel, "panel", ["soc_code"])
    panel = panel.reset_index(drop=True)  # the index is not read
    if panel.empty:
        raise DataFormatError("the panel has no rows", path="panel")
    nocode = panel["soc_code"].isna().to_numpy(dtype=bool)
    if nocode.any():  # TypeError: '<' not supported between instances of 'str' and 'float'
        raise DataFormatError("the SOC code is missing", path="panel", row=int(np.flatnonzero(nocode)[0]) + 1,
                              column="soc_code")
    bad = first_bad_soc_code(panel["soc_code"])  # a cell that is not a str too (b"11-1011")
    if bad is not None:  # 111011, "11-1011 ", "11-1011.00": measures missing for it, without a word
        raise DataFormatError(f"soc_code {bad[1]}", path="panel", row=bad[0] + 1, column="soc_code")
    if soc_scores is not None:  # read only for our measures: a path (or None-like) was ignored otherwise
        soc_scores = _check_frame(soc_scores, "soc_scores")
    unknown = [m for m in names if m not in OUR_MEASURES and m not in PUBLISHED_MEASURES]
    if unknown:
        raise DataFormatError(f"unknown measure(s) {unknown}; known: "
                              f"{', '.join(OUR_MEASURES + PUBLISHED_MEASURES)}")
    pub = [m for m in names if m in PUBLISHED_MEASURES]
    years = None
    if pub and comparison is None:  # KeyError: 'year', after the SOC scores were loaded
        need = [c for c in ("year", "tot_emp", "soc_title") if c not in panel.columns]
        if need:
            raise DataFormatError(f"panel lacks column(s) {need}: the published measures are weighted by its "
                                  "last year's employment; or pass comparison=")
        _once(panel, "panel", ["year", "tot_emp", "soc_title"])
        years = _years_of(panel)  # 2025 and "2024": TypeError '>=' not supported, after nothing was loaded
        years = panel["year"] if years is None else years
    codes = pd.Index(sorted(panel["soc_code"].astype(str).unique()), name="soc_code")
    out = pd.DataFrame(index=codes)
    ours = [m for m in names if m in OUR_MEASURES]
    if ours:
        if soc_scores is None:
            soc_scores = load("soc_scores")
        else:  # the caller's frame: named once ("soc_scores: soc_scores lacks column(s) ..." before)
            missing = [c for c in ("soc_code", *ours) if c not in soc_scores.columns]
            if missing:
                raise DataFormatError(f"soc_scores lacks column(s) {missing}")
            _once(soc_scores, "soc_scores", ["soc_code", *ours])
        soc_scores = check_soc_scores(soc_scores, ours)
        # detailed codes that the panel publishes inside an OEWS aggregate (31-1122 in 31-1120)
        # matched no panel code: the aggregate had no exposure, without a word
        soc_scores = _onto_panel(soc_scores, ours, codes, "soc_scores" if soc_scores_path is None
                                 else soc_scores_path, mirror=mirror, data_dir=data_dir)
        out = out.join(soc_scores.set_index("soc_code")[ours])
    if pub:
        given_table = comparison is not None
        if comparison is None:
            # the last year of the balanced occupations: a last year of a few (unbalanced) rows
            # weighted the published measures by their employment, and the OEWS aggregates lost them
            balanced = _balanced_flags(panel)
            last_year = years[balanced].max() if balanced.any() else years.max()
            in_last = (years == last_year).to_numpy(dtype=bool)
            last = panel[in_last]
            where = "panel" if panel_path is None else panel_path
            repeat = first_repeat(last["soc_code"])
            if repeat is not None:  # refused by compare as "employment, row 3": a frame the caller never gave
                pos, first = (int(np.flatnonzero(in_last)[i]) for i in repeat)
                raise DataFormatError(f"SOC code {last['soc_code'].iloc[repeat[0]]!r} appears twice in the year "
                                      f"{int(last_year)} (rows {first + 1} and {pos + 1})", path=where,
                                      row=pos + 1, column="soc_code")
            # a group code beside its occupations (a panel holding OEWS's 00-0000 and 11-0000 rows):
            # refused by compare as "employment, row 831", a frame and a row the caller never gave
            refuse_nested_codes(last["soc_code"], str(where), "soc_code", f"rows of the year {int(last_year)}")
            employment = last[["soc_code", "tot_emp", "soc_title"]].rename(columns={"soc_title": "title"})
            # the SOC structure tells OEWS aggregates from SOC 2018 detailed codes the measure
            # lacks: without it 21-1019 counted as an aggregate beside 21-1018, and the measure's
            # 21-1011 and 21-1014 were left unmapped (43 warnings, measures missing, silently)
            structure = crosswalks.load_soc_structure(mirror=mirror, data_dir=data_dir)
            comparison = published.compare(measures=pub, employment=employment, soc_structure=structure,
                                           mirror=mirror, data_dir=data_dir).table
        else:  # the caller's table: a repeated code kept its first row, text passed through
            comparison = _check_frame(comparison, "comparison")
            if "soc_code" not in comparison.columns:
                raise DataFormatError("comparison table lacks column(s) ['soc_code']", path="comparison")
            _once(comparison, "comparison", ["soc_code", *pub])
            comparison = comparison.reset_index(drop=True)
            _common.check_soc_codes(comparison, "comparison")
            comparison = comparison.assign(**{m: _common.numbers(comparison, m, "comparison").to_numpy()
                                              for m in pub if m in comparison.columns})
        missing = [m for m in pub if m not in comparison.columns]
        if missing:
            raise DataFormatError(f"comparison table lacks column(s) {missing}", path="comparison")
        if given_table:  # detailed codes of the caller's table: the aggregates had no value, silently
            comparison = _onto_panel(comparison, pub, codes, "comparison", mirror=mirror, data_dir=data_dir)
        out = out.join(comparison.drop_duplicates("soc_code").set_index("soc_code")[pub])
    return out[names].reset_index()



def _balanced_flags(panel: pd.DataFrame) -> np.ndarray:
    """Rows of ``panel`` flagged ``balanced`` True (none when it has no such column, or has it twice)."""
    if "balanced" not in panel.columns or not panel.columns.is_unique:
        return np.zeros(len(panel), dtype=bool)
    return np.fromiter((v is True or v is np.True_ for v in panel["balanced"].to_numpy(dtype=object)),
                       dtype=bool, count=len(panel))


def _groups_holding(codes, structure: pd.DataFrame) -> set[str]:
    """The SOC groups that hold a code of ``codes`` (the panel's): its broad, minor and major group, and ``00-0000``.

    The groups are those of the SOC ``structure`` (:func:`exposure.crosswalks.read_soc_structure`):
    the minor group of ``15-1252`` is ``15-1200``, that of ``29-1221`` ``29-1000``, and
    ``29-1221`` is in the broad group ``29-1210``. An OEWS aggregate the structure lacks
    (``21-1018``) is in the groups of its broad group
    (:func:`exposure.crosswalks.soc_broad_group`).

    Examples
    --------
    >>> structure = pd.DataFrame({"soc_code": ["29-1210", "29-1221"], "level": ["broad", "detailed"],
    ...     "major_code": "29-0000", "minor_code": "29-1000", "broad_code": "29-1210"})
    >>> sorted(_groups_holding(["29-1221"], structure))
    ['00-0000', '29-0000', '29-1000', '29-1210']
    """
    groups = structure.assign(soc_code=structure["soc_code"].astype(str)).drop_duplicates("soc_code")
    groups = groups.set_index("soc_code")
    held = {"00-0000"} if len(codes) else set()
    for code in map(str, codes):
        if code not in groups.index and code[5:7] != "00":  # an OEWS aggregate (21-1018): its broad group's
            code = crosswalks.soc_broad_group(code)
        if code in groups.index:
            held.update(str(g) for g in groups.loc[code, ["broad_code", "minor_code", "major_code"]] if pd.notna(g))
    return held


def _onto_panel(scores: pd.DataFrame, ours: list[str], codes: pd.Index, name: str = "soc_scores", *,
                mirror=None, data_dir=None) -> pd.DataFrame:
    """Our SOC scores (checked, fresh index) on the panel's ``codes``, as the published measures are put.

    ``name`` is the frame in the messages; the caller's ``comparison`` table goes the same way.

    A scored code that is no code of the panel goes to the OEWS code that publishes it
    (:func:`~exposure.crosswalks.oews_code_map` with the SOC structure, loaded only then):
    detailed codes inside an OEWS aggregate (``31-1121``, ``31-1122`` in ``31-1120``) are
    averaged into it, each measure over the codes that have it, as
    :func:`exposure.measures.compare.to_oews_codes` averages a published measure. A code
    given beside the aggregate that holds it is refused (both would make one value); so is
    a SOC 2010 code retired in SOC 2018 outside the panel (``15-1132``: a code of the SOC
    2010 -> 2018 crosswalk, of no SOC 2018 code nor broad group of SOC 2018 detailed codes,
    as OEWS aggregates such as ``25-2052`` are), named with its SOC 2018 codes in the words
    of ``exposure compare`` (:func:`exposure.measures.compare._check_codes_reach`; until
    round 80 it was only warned about, as reaching no code of the panel, and its scores
    were left out; the crosswalk is read only for such a code). So is a SOC group outside
    the panel that holds one of its codes (the broad group ``15-1250`` of a panel of
    ``15-1252``, a minor or major group, the total ``00-0000``: :func:`_groups_holding`;
    until round 81 warned about and left out, as ``exposure compare`` refuses it). Another
    code that reaches no code of the panel (a military code ``55-1011``, an OEWS aggregate
    or SOC group none of whose occupations the panel holds, ``99-9999``) is named in a
    warning, with how many. Before, such codes matched nothing: the aggregates
    had no exposure and dropped out of the estimation without a word.
    Scores whose codes are all codes of the panel (the shipped table) are returned as
    they are.
    """
    sc = scores["soc_code"].astype(str).reset_index(drop=True)
    given = scores[ours].notna().any(axis=1).to_numpy(dtype=bool)
    outside = given & ~sc.isin(set(codes)).to_numpy(dtype=bool)
    if not outside.any():
        return scores
    structure = crosswalks.load_soc_structure(mirror=mirror, data_dir=data_dir)
    # a SOC 2010 code (15-1132): warned as "no code of the panel" and its scores left out (Software
    # Developers' exposure lost), where exposure compare refuses it. Not a code of the structure nor
    # of a broad group of its detailed codes: OEWS aggregates (25-2052, 51-2028) share one
    listed = structure["soc_code"].astype(str)
    broads = set(listed[(structure["level"].astype(str) == "detailed").to_numpy(dtype=bool)].map(_broad))
    stray = (outside & ~sc.isin(set(listed)).to_numpy(dtype=bool)
             & ~sc.map(_broad).isin(broads).to_numpy(dtype=bool))
    # a SOC group (15-1250, 15-0000, 00-0000) holding occupations of the panel: its scores were
    # warned about and left out, where exposure compare refuses it (the panel's codes lacked them)
    levels = dict(zip(listed, structure["level"].astype(str)))
    group = outside & ((sc == "00-0000") | sc.map(levels).isin(["broad", "minor", "major"])).to_numpy(dtype=bool)
    refuse = group & sc.isin(_groups_holding(codes, structure)).to_numpy(dtype=bool)
    links = None
    if stray.any():  # the crosswalk is read only then
        links = crosswalks.load_soc_2010_to_2018(mirror=mirror, data_dir=data_dir)
        refuse |= stray & sc.isin(set(links["soc_2010_code"].astype(str))).to_numpy(dtype=bool)
    if refuse.any():
        published._check_codes_reach(sc, refuse, pd.Series(list(codes), dtype=object), structure, path=name,
                                     what="the table" if name == "comparison" else "the scores",
                                     among="the panel", soc10=None if links is None else (lambda: links))
    cmap = crosswalks.oews_code_map(sc[outside], list(codes), structure).set_index("soc_code")["occ_code"]
    target = sc.where(~outside, sc.map(cmap))
    rows = {code: pos for pos, code in enumerate(sc) if given[pos] and not outside[pos]}
    crosswalks.check_not_beside_aggregate(sc, target, np.flatnonzero(outside), rows, path=name,
                                          where=" of the panel")
    lost = np.flatnonzero(outside & target.isna().to_numpy(dtype=bool))
    if len(lost):
        log.warning("%s: %d scored SOC code%s no code of the panel nor inside an OEWS aggregate of it, "
                    "so %s left out (e.g. %r, row %d)", name, len(lost), " is" if len(lost) == 1 else "s are",
                    "its scores are" if len(lost) == 1 else "their scores are", sc.iloc[lost[0]],
                    int(lost[0]) + 1)
    moved = outside & target.notna().to_numpy(dtype=bool)
    if moved.any():
        into = target[moved]
        log.info("%s: %d detailed SOC code(s) averaged into the %d OEWS aggregate(s) of the panel that "
                 "publish them (e.g. %r -> %r)", name, int(moved.sum()), into.nunique(), sc[moved].iloc[0],
                 into.iloc[0])
    keep = target.notna().to_numpy(dtype=bool)
    values = scores[ours].reset_index(drop=True)[keep].astype(float)
    return values.groupby(target[keep].to_numpy(), sort=True).mean().rename_axis("soc_code").reset_index()


# --------------------------------------------------------------------------- groups
def _numbers_of(items) -> bool:
    """Whether every item of ``items`` (a list, array or Series) is one real number (a Decimal too: :func:`~exposure._args.as_real`)."""
    if isinstance(items, (np.ndarray, pd.Series)) and items.ndim == 1 and items.dtype.kind in "iuf":
        return True
    return all(is_number(as_real(i)) for i in items)


def _is_list(value) -> bool:
    """Whether ``value`` is a list of items: a list, tuple, Series, Index, 1-D array or pandas array.

    A pandas array is what ``Series.unique()`` gives of a nullable (``Int64``, ``Float64``)
    or pyarrow column; a 0-d array (``np.array(4)``) is no list (iterating it raised
    ``TypeError: iteration over a 0-d array``).
    """
    return (isinstance(value, (list, tuple, pd.Series, pd.Index, pd.api.extensions.ExtensionArray))
            or (isinstance(value, np.ndarray) and value.ndim == 1))


def _check_year(value, name: str, *, optional: bool = False):
    """A year argument as an int (None when ``optional``); booleans, fractions, other text refused.

    A whole :class:`~decimal.Decimal` or :class:`~fractions.Fraction` is read
    (:func:`~exposure._args.as_real`): ``Decimal('2022')`` was refused. A date is told the
    year to write (:func:`_year_hint`; until round 80, ``got Timestamp`` and no more). A
    year written as digits (``"2022"``) is that year, as :func:`_check_years` and the keys
    of ``frames`` read it (:func:`_as_year`, the one rule): until round 81 it was refused
    here, ``base_year must be a year (int), got str '2022'``.

    Examples
    --------
    >>> _check_year("2022", "base_year"), _check_year(None, "year", optional=True)
    (2022, None)
    >>> _check_year("May 2022", "base_year")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: base_year must be a year (int), got str 'May 2022'
    """
    if value is None and optional:
        return None
    year = _as_year(value)
    if year is None:
        # pd.Timestamp("2021-05-01"): "got Timestamp", without the year meant (_year_hint)
        raise DataFormatError(f"{name} must be a year (int){' or None' if optional else ''}, "
                              f"got {shown(value)}{_year_hint(value)}")
    return year


def _as_written(value) -> str:
    """``value`` (a number or a list of them: ``q``, ``cuts``) as it would be written in Python.

    Examples
    --------
    >>> _as_written(np.int64(5)), _as_written(np.array([0.25, 0.5])), _as_written("x")
    ('5', '[0.25, 0.5]', "str 'x'")
    """
    value = value.item() if isinstance(value, np.generic) else value
    if _is_list(value):
        return repr([i.item() if isinstance(i, np.generic) else i for i in list(value)])
    return repr(value) if is_number(value) else shown(value)


def _check_q_or_cuts(q, cuts):
    """``q`` and ``cuts`` of :func:`exposure_groups`, checked before any value is read; ``q`` as read.

    No ``q`` and no ``cuts`` is 5 groups; a whole float ``q`` (``2.0``) is that number.
    Each argument is checked (see :func:`exposure_groups`), then the two together:
    ``cuts`` leave ``q`` unused (it was ignored without a word). The conflict is reported
    before the values, weights or panel are read (it came after their errors).

    Examples
    --------
    >>> _check_q_or_cuts(None, None), _check_q_or_cuts(2.0, None)
    (5, 2)
    >>> _check_q_or_cuts(5, [0.25])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: give q or cuts, not both: cuts (the group boundaries on the measure's scale) leave q (quantile groups) unused; got q=5 and cuts=[0.25]
    """
    if q is None and cuts is None:
        q = 5
    q = as_real(q, whole=True)  # Decimal(4) groups are 4 (it was refused as not a whole number)
    if isinstance(q, (float, np.floating)) and np.isfinite(q) and float(q).is_integer():
        q = int(q)  # 2.0 groups are 2 (it was refused as "not a whole number")
    if cuts is None:
        if (isinstance(q, bool) or not (isinstance(q, (int, np.integer)) or _is_list(q))
                or (not isinstance(q, (int, np.integer)) and not _numbers_of(q))):  # ["a"]: ValueError
            raise DataFormatError("q must be a whole number of groups or a list of cut points in (0, 1), "
                                  f"got {shown(q)}")
        if not isinstance(q, (int, np.integer)) and len(q) == 0:  # every value was put in group 1
            raise DataFormatError("q must be a whole number of groups or a list of cut points in (0, 1), "
                                  "got an empty list: it makes one group; give q=1 for one group")
        # checked here, not once the values are read: with no value given they were not checked at all
        if isinstance(q, (int, np.integer)) and q < 1:
            raise DataFormatError(f"q must be at least 1, got {q}")
        if not isinstance(q, (int, np.integer)):
            probs = np.asarray(list(q), dtype=float)
            if np.any(~((probs > 0) & (probs < 1))):  # NaN too
                raise DataFormatError(f"quantile cut points must lie in (0, 1), got {[float(p) for p in probs]}")
            _distinct(probs, "q")
    else:
        if (isinstance(cuts, (str, bytes, pd.DataFrame, Mapping, Iterator)) or not np.iterable(cuts)
                or not _numbers_of(cuts)):  # {}: no cut, everything in group 1; a generator was used up here
            raise DataFormatError(f"cuts must be a list of numbers, got {shown(cuts)}")
        c = np.asarray(list(cuts), dtype=float)
        if not len(c):  # every value was put in group 1
            raise DataFormatError("cuts must hold at least one cut point, got an empty list: it makes one group")
        if not np.isfinite(c).all():
            raise DataFormatError(f"cuts must be finite numbers, got {[float(p) for p in c]}")
        _distinct(c, "cuts")
    if q is not None and cuts is not None:
        raise DataFormatError("give q or cuts, not both: cuts (the group boundaries on the measure's scale) "
                              f"leave q (quantile groups) unused; got q={_as_written(q)} and "
                              f"cuts={_as_written(cuts)}")
    return q


def _distinct(points: np.ndarray, name: str) -> None:
    """Refuse cut points (``q`` or ``cuts``) that repeat one: the group between them was empty.

    ``q=[0.5, 0.5]`` put the values in groups 1 and 3, with no group 2.
    """
    seen = set()
    for p in points:
        if p in seen:
            listed = ", ".join(repr(float(i)) for i in points)
            raise DataFormatError(f"{name} must not repeat a cut point, got {float(p)!r} twice in [{listed}]: the "
                                  "group between them would be empty")
        seen.add(p)


def _sequence(value) -> bool:
    """Whether ``value`` is an ordered sequence of items: a list, tuple, range, 1-D array, Series, Index."""
    return (isinstance(value, (Sequence, pd.Series, pd.Index, pd.api.extensions.ExtensionArray))
            or isinstance(value, np.ndarray) and value.ndim >= 1) and not isinstance(value, (str, bytes))


def _not_real(x: pd.Series) -> int | None:
    """Position of the first value of ``x`` that is a complex number (with an imaginary part), a date or a duration.

    ``0.1+1j`` lost its imaginary part (with a warning only); a date or a duration was read
    as a number of nanoseconds.
    """
    kind = x.dtype.kind
    if kind in "mM":
        flags = x.notna().to_numpy(dtype=bool)
    elif kind == "c":
        flags = x.to_numpy().imag != 0
    elif kind == "O":
        flags = np.fromiter((isinstance(i, (complex, np.complexfloating, np.datetime64, np.timedelta64,
                                            datetime.date, datetime.timedelta)) for i in x),
                            dtype=bool, count=len(x))
    else:
        return None
    return int(np.flatnonzero(flags)[0]) if flags.any() else None


def _weight_array(weights) -> np.ndarray:
    """``weights`` of :func:`exposure_groups` (checked numbers or missing values) as floats, missing as NaN.

    ``pd.NA`` in a list raised ``TypeError: float() argument must be ... not 'NAType'``;
    None and NaN were already missing.
    """
    if isinstance(weights, np.ndarray) and weights.dtype.kind in "iuf":
        return weights.astype(float).ravel()
    items = weights.to_numpy(dtype=object) if isinstance(weights, (pd.Series, pd.Index)) else weights
    return np.asarray([np.nan if i is None or i is pd.NA else i for i in np.asarray(items, dtype=object).ravel()],
                      dtype=float)


def _text_weight_hint(item) -> str:
    """The advice for a weight of :func:`exposure_groups` given as text (refused, as text is), else ``""``.

    A number written with a thousands separator or a decimal comma is told the number to
    write (:func:`~exposure._tables.number_hint`, as the panel's ``tot_emp`` is told it), and
    any text of a number that it is to be given as a number: ``'1,000'`` was refused as
    ``weights must be numbers, got '1,000' at position 0``, without a word of either.

    Examples
    --------
    >>> _text_weight_hint("1,000"), _text_weight_hint(" 250 "), _text_weight_hint("abc")
    (": a comma does not separate thousands here: write '1000', as a number, not text", ': write 250, as a number, not text', '')
    """
    if not isinstance(item, str):
        return ""
    hint = number_hint(item, grouped=False)
    if hint:
        return f"{hint}, as a number, not text"
    number = pd.to_numeric(pd.Series([item.strip()], dtype=object), errors="coerce").iloc[0]
    return f": write {item.strip()}, as a number, not text" if pd.notna(number) and np.isfinite(number) else ""


def _check_group_args(x: pd.Series, v: np.ndarray, weights) -> None:
    """Refuse the values and weights of :func:`exposure_groups` it cannot group by (see there)."""
    if pd.api.types.is_bool_dtype(x.dtype):  # bool, boolean: True was read as 1
        flags = x.notna().to_numpy(dtype=bool)
    elif x.dtype == object:
        flags = np.fromiter((isinstance(i, (bool, np.bool_)) for i in x), dtype=bool, count=len(x))
    else:
        flags = np.zeros(len(x), dtype=bool)
    if flags.any():
        pos = int(np.flatnonzero(flags)[0])
        item = x.iloc[pos]
        raise DataFormatError(f"exposure values must be numbers, got {bool(item)!r} at position {pos}")
    text = x.notna().to_numpy(dtype=bool) & np.isnan(v)
    if text.any():
        pos = int(np.flatnonzero(text)[0])
        item = _shown_cell(x.iloc[pos])  # "1,000": told nothing, where the panel's numbers are told what to write
        raise DataFormatError(f"exposure values must be numbers, got {item!r} at position {pos}"
                              f"{number_hint(item, grouped=False)}")
    if np.isinf(v).any():
        pos = int(np.flatnonzero(np.isinf(v))[0])
        raise DataFormatError(f"exposure values must be finite numbers, got {float(v[pos])!r} at position {pos}")
    if weights is not None:
        if not _sequence(weights):  # a set, dict.values(), a generator: TypeError from float()
            raise DataFormatError(f"weights must be a list of numbers, got {shown(weights)}")
        if not _numbers_of(weights):  # a missing weight counts as 0 (see exposure_groups)
            for pos, item in enumerate(weights):
                if not (is_number(as_real(item)) or item is None or item is pd.NA):
                    item = item.item() if isinstance(item, np.generic) else item
                    raise DataFormatError(f"weights must be numbers, got {item!r} at position {pos}"
                                          f"{_text_weight_hint(item)}")
        w = _weight_array(weights)
        if len(w) != len(v):
            raise DataFormatError(f"weights must have one value per exposure value ({len(v)}), got {len(w)}")
        bad = np.isinf(w) | (w < 0)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise DataFormatError(f"weights must be finite and at least 0, got {float(w[pos])!r} at position {pos}")


def exposure_groups(values, weights=None, *, q: int | Sequence[float] | None = None,
                    cuts: Sequence[float] | None = None) -> pd.Series:
    """Exposure groups (1 = least exposed): weighted quantile groups or fixed cut points.

    Parameters
    ----------
    values : array-like or pandas.Series
        Exposure of each occupation; missing values get no group.
    weights : array-like, optional
        Weights of the quantiles (e.g. base-year employment, so that each quintile holds a
        fifth of the workers); default equal weights (a fifth of the occupations). A
        missing weight (None, NaN, ``pd.NA``) counts 0.
    q : int or sequence of float, optional
        Number of equal-weight groups (a whole float, ``2.0``, is that number), or the
        quantile cut points in (0, 1) (``[0.5, 0.9]`` -> below the median, median to 90th
        percentile, top decile). A value's group is that of the mid-point of its weight
        interval, so ties share one group (values equal to 12 decimals of the largest
        magnitude tie: float noise, as in the Spearman ranks of
        :mod:`exposure.measures.compare`). Default (None): 5 groups, unless ``cuts`` is
        given.
    cuts : sequence of float, optional
        Cut points on the measure's own scale instead of quantiles (a value equal to a cut,
        or within 1e-12 below it as rounding, goes to the upper group; values stored as float32, ``Float32`` or ``float[pyarrow]``
        (or a categorical of them: until round 77 it was compared as float64)
        are compared with the cuts rounded to float32, so that ``0.7`` is equal to the cut
        ``0.7`` as written: it went to the lower group; so are the numpy float32 items of a
        list, which went to the lower group until round 71); not together with ``q``.

    Returns
    -------
    pandas.Series
        Nullable integer group, same index as ``values`` (a plain RangeIndex for arrays).

    Raises
    ------
    exposure.errors.DataFormatError
        ``values`` that is not a list, array or Series (a number, None, a str, a frame, a
        dict, a set: it has no order) or holds text, a boolean (``True`` is not 1), an
        infinite value, a complex number, a date, a duration or a ``Decimal('sNaN')``
        (pandas' ``TypeError: Cannot hash a signaling NaN value``); ``q`` that is not a whole
        number of at least 1 or a non-empty list of distinct numbers in (0, 1) (``["a"]``,
        ``[True]``, ``2.5``; ``[]`` made one group, ``[0.5, 0.5]`` an empty group);
        ``cuts`` that is not a non-empty list of distinct finite numbers (a dict, a frame,
        a generator; ``[]`` made one group); ``q`` and ``cuts`` both given (``q`` was
        ignored without a word); these before the values are read; ``weights`` that is
        not a list of numbers (text, booleans, a dict, a set, a generator; text of a number,
        ``'1,000'``, is told the number to write: :func:`_text_weight_hint`), not one per
        value, negative or infinite, or a Series holding the labels of a ``values``
        Series in another order (weights are read by position). Weights whose sum
        overflows (``1e308`` twice) are scaled down by a power of 2 first (the sum was
        ``inf``: wrong groups, with a RuntimeWarning only).
    exposure.errors.ExposureError
        More groups than values, or weights that sum to zero over the values that are not
        missing (weights above 0 on missing values only are said to be: they were told to sum
        to zero, weights such as ``[5, 0, 0]`` that do not).

    Examples
    --------
    >>> exposure_groups([0.1, 0.2, 0.3, 0.4], q=2).tolist()
    [1, 1, 2, 2]
    >>> exposure_groups([0.1, 0.2, 0.3, 0.4], weights=[3, 1, 1, 1], q=2).tolist()
    [1, 2, 2, 2]
    >>> exposure_groups([0.1, 0.5, None], cuts=[0.5]).tolist()
    [1, 2, <NA>]
    """
    if not isinstance(values, pd.Series) and (isinstance(values, (str, bytes, pd.DataFrame, Mapping, AbstractSet))
                                              or not np.iterable(values)):  # a set: in no order
        raise DataFormatError(f"values must be a list, array or Series of exposure values, got {shown(values)}")
    q = _check_q_or_cuts(q, cuts)  # before the values are read (q with cuts was refused after)
    x = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    pos = _not_real(x)
    if pos is not None:
        item = x.iloc[pos]
        item = item.item() if isinstance(item, np.generic) else item
        raise DataFormatError(f"exposure values must be real numbers, got {item!r} at position {pos}")
    snan = signalling_nan(x)  # pandas' TypeError: Cannot hash a signaling NaN value
    if snan is not None:
        raise DataFormatError(f"exposure values must be numbers, got {x.iloc[snan]!r} at position {snan}")
    real = pd.Series(x.to_numpy().real, index=x.index) if x.dtype.kind == "c" else x  # no imaginary part
    v = pd.to_numeric(real, errors="coerce").astype(float).to_numpy()
    _check_group_args(x, v, weights)
    if (isinstance(values, pd.Series) and isinstance(weights, pd.Series) and not weights.index.equals(x.index)
            and x.index.is_unique and weights.index.is_unique and len(weights) == len(x)
            and set(weights.index) == set(x.index)):  # paired by position, not by label
        raise DataFormatError("weights is a Series with the labels of values in another order: the weights are "
                              "read by position; pass weights.reindex(values.index)")
    ok = ~np.isnan(v)
    out = pd.Series(pd.array([pd.NA] * len(v), dtype="Int64"), index=x.index)
    if not ok.any():
        return out
    if cuts is not None:
        edges = np.asarray(sorted(cuts), float)
        # float32's 0.7 is 0.699999988: below the cut 0.7 it was written as (in a list of
        # float32 values too: each value against the cuts rounded as it is stored)
        sizes = stored_sizes(values, x)[ok]
        groups = np.empty(int(ok.sum()), dtype=int)
        for size in np.unique(sizes):
            at = sizes == size
            stored = edges if size == 8 else edges.astype(f"f{size}").astype(float)
            # a value a rounding below a cut is at it (0.3 / 3 = 0.09999999999999999 at the cut
            # 0.1), as workforce_stats reads its thresholds
            groups[at] = np.searchsorted(stored - ROUNDING, v[ok][at], side="right") + 1
    else:
        probs = np.arange(1, q) / q if isinstance(q, (int, np.integer)) else np.asarray(sorted(q), float)
        if isinstance(q, (int, np.integer)) and q > ok.sum():  # q < 1 and cut points outside (0, 1): refused above
            raise ExposureError(f"cannot make {q} exposure groups of {int(ok.sum())} occupations")
        w = np.ones(len(v)) if weights is None else _weight_array(weights)
        w = np.where(np.isnan(w), 0.0, w)
        # weights above 0 on missing values only: "sum to zero", of weights that did not
        weighed = np.flatnonzero(~ok & (w > 0))
        w = w[ok]
        with np.errstate(over="ignore"):
            total = w.sum()
        if total <= 0:
            raise ExposureError("the weights of the exposure groups sum to zero" + (
                f": every weight above 0 is that of a missing exposure value ({len(weighed)} of them, the first at "
                f"position {int(weighed[0])}); a missing value gets no group" if len(weighed) else ""))
        if not np.isfinite(total):  # 1e308 + 1e308 is inf: wrong groups, with a RuntimeWarning only
            w = power_scaled(w)
        # values equal but for float noise (0.1 + 0.2 and 0.3) share a group, as they share a
        # Spearman rank; they were split by the noise
        groups = np.searchsorted(probs, published.weighted_midranks(published.tied(v[ok]), w), side="right") + 1
    out[ok] = groups
    return out


def check_panel(panel: pd.DataFrame, *, path="panel", base_year: int = BASE_YEAR) -> pd.DataFrame:
    """Refuse a (validated) occupation panel with nothing to estimate on; return it.

    Called on a user's panel file before the measures are loaded, so that the error names
    the file (the event study's own check, deep inside, cannot).

    Parameters
    ----------
    panel : pandas.DataFrame
        Validated against :class:`~exposure.schemas._outcomes.OccupationPanel`.
    path : str or os.PathLike, default "panel"
        Named in the error.
    base_year : int, default 2022

    Returns
    -------
    pandas.DataFrame
        ``panel``, as given.

    Raises
    ------
    exposure.errors.DataFormatError
        ``panel`` that is not a frame; no rows; no ``year`` or ``balanced`` column, or
        one of them twice; a ``year`` that is not a whole number (text ``"2022"``, 2022.5,
        missing) or a ``balanced`` cell that is not True or False (naming the row); no
        row of the base year (naming the panel's years), or no balanced occupation in it;
        ``base_year`` that is not a whole number.

    Examples
    --------
    >>> check_panel(pd.DataFrame({"soc_code": [], "year": [], "balanced": []}), path="p.parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: p.parquet: the panel has no rows
    """
    panel = _check_frame(panel, "panel")
    base_year = _check_year(base_year, "base_year")
    if panel.empty:
        raise DataFormatError("the panel has no rows", path=path)
    missing = [c for c in ("year", "balanced") if c not in panel.columns]
    if missing:  # KeyError: 'balanced'
        raise DataFormatError(f"the panel lacks column(s) {missing}", path=path)
    _once(panel, path, ["year", "balanced"])
    years = _years_of(panel, path)  # text "2022": "no balanced occupation in the base year 2022"
    years = panel["year"] if years is None else years
    _check_base_year(years, _balanced(panel, path), base_year, path)
    return panel


def _check_base_year(years: pd.Series, balanced: np.ndarray, base_year: int, path="panel") -> None:
    """Refuse a panel without a balanced row of ``base_year``; one without any row of it is told its years.

    The one check of :func:`check_panel` and :func:`run_outcomes`. ``years`` are the
    panel's years (whole numbers), ``balanced`` its flags. :func:`check_panel` of a panel
    of the years 2021, 2023 and 2024 said ``the panel has no balanced occupation in the
    base year 2022`` (column ``balanced``), as if its rows of 2022 were unbalanced, where
    :func:`run_outcomes` said ``base_year 2022 is not a year of the panel (2021, 2023,
    2024)`` (column ``year``).

    Examples
    --------
    >>> _check_base_year(pd.Series([2021, 2023]), np.array([True, True]), 2022, "p.parquet")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: p.parquet, column 'year': base_year 2022 is not a year of the panel (2021, 2023)
    """
    in_base = (years == base_year).to_numpy(dtype=bool)
    if not in_base.any():  # "no balanced occupation in the base year 2030", of a panel without 2030
        listed = _listed(sorted(int(y) for y in pd.unique(years.to_numpy())), 30)
        raise DataFormatError(f"base_year {base_year} is not a year of the panel ({listed})", path=path,
                              column="year")
    if not (in_base & balanced).any():
        raise DataFormatError(f"the panel has no balanced occupation in the base year {base_year}",
                              path=path, column="balanced")


#: Columns of a panel that the estimation reads.
_PANEL_COLUMNS = ("soc_code", "year", "soc_major", "tot_emp", "a_mean", "balanced")


def _balanced(panel: pd.DataFrame, path="panel") -> np.ndarray:
    """The ``balanced`` flags of ``panel`` as a bool array; a cell that is not True or False is refused.

    ``"no"`` was read as True (and NaN raised a pandas ``KeyError`` listing the column).
    """
    col = panel["balanced"]
    if pd.api.types.is_bool_dtype(col.dtype) and not col.isna().any():
        return col.to_numpy(dtype=bool)
    cells = col.to_numpy(dtype=object)
    flags = np.fromiter((isinstance(v, (bool, np.bool_)) for v in cells), dtype=bool, count=len(cells))
    if not flags.all():
        pos = int(np.flatnonzero(~flags)[0])
        value = cells[pos]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"balanced must be True or False, got {value!r}", path=path, row=pos + 1,
                              column="balanced")
    return cells.astype(bool)


def _years_of(panel: pd.DataFrame, path="panel") -> pd.Series | None:
    """The ``year`` column as int64 when it is not of an integer dtype (None when it is); else refused.

    A year must be a whole number: text (``"2021"``: "the weights of the exposure groups sum to
    zero" before), a fraction or a missing year (also in a nullable ``Int64`` column: a
    ``TypeError`` from ``int(pd.NA)`` before) is refused, naming ``path``, the row (from 1)
    and the column. A whole :class:`~decimal.Decimal` (a ``NUMERIC`` column of a database)
    is a year: ``Decimal('2021')`` was refused as ``not a whole number``.
    """
    col = panel["year"]
    if col.dtype.kind in "iu" and not col.isna().any():
        return None
    cells = col.to_numpy(dtype=object)
    for pos, value in enumerate(cells):
        value = value.item() if isinstance(value, np.generic) else value
        number = as_real(value, whole=True)
        if isinstance(value, str):
            got = f"text {value!r}"
        elif is_number(number) and np.isfinite(number) and float(number).is_integer():
            continue
        elif value is None or value is pd.NA or is_number(value):
            got = repr(float("nan") if value is None or value is pd.NA else float(value))
        else:
            got = repr(value)
        raise DataFormatError(f"year must be a whole number, got {got}", path=path, row=pos + 1, column="year")
    return pd.Series(cells.astype(float).astype(np.int64), index=col.index)


def _check_majors(panel: pd.DataFrame, balanced: np.ndarray, path="panel") -> None:
    """Refuse a balanced row whose ``soc_major`` is not a SOC major group (text like ``11-0000``).

    :func:`robustness` leaves out one major group at a time: a missing one raised
    ``TypeError: '<' not supported``, a number ``IndexError``, and ``"11"`` or a title a
    ``SchemaError`` after the estimation; :func:`event_study` said the panel had no major
    group. Unbalanced rows are not read.
    """
    cells = panel["soc_major"].to_numpy(dtype=object)
    major = re.compile(SOC_MAJOR_PATTERN)
    bad = balanced & ~np.fromiter((isinstance(v, str) and major.match(v) is not None for v in cells),
                                  dtype=bool, count=len(cells))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = cells[pos]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError(f"soc_major must be a SOC major group (like '11-0000'), got {value!r}", path=path,
                              row=pos + 1, column="soc_major")


def _check_majors_of_codes(panel: pd.DataFrame, path="panel") -> None:
    """Refuse a balanced row whose ``soc_major`` is not the major group of its ``soc_code``.

    Read where the major groups are used (:func:`robustness`' ``drop_major_XX``,
    :func:`event_study`'s ``exclude_major``): ``11-1011`` filed under ``13-0000`` was left
    out with major group 13 and kept without major group 11, silently. ``panel``: checked
    by :func:`_check_inputs` (a SOC code and a major group on each balanced row).
    """
    rows = np.flatnonzero(panel["balanced"].to_numpy(dtype=bool))
    codes = panel["soc_code"].to_numpy(dtype=object)[rows]
    majors = panel["soc_major"].to_numpy(dtype=object)[rows]
    wrong = np.fromiter((str(m) != f"{str(c)[:2]}-0000" for c, m in zip(codes, majors)), dtype=bool,
                        count=len(rows))
    if wrong.any():
        pos = int(np.flatnonzero(wrong)[0])
        code, major = str(codes[pos]), str(majors[pos])
        raise DataFormatError(f"soc_major {major} is not the major group of soc_code {code} ({code[:2]}-0000)",
                              path=path, row=int(rows[pos]) + 1, column="soc_major")


def _check_panel_codes(panel: pd.DataFrame, balanced: np.ndarray, path="panel") -> None:
    """Refuse a balanced row whose ``soc_code`` is missing or not a SOC code (``11-1011``).

    Such a row was left out of the estimation without a word (a missing code by pandas'
    pivot, ``111011`` or ``"11-1011 "`` as matching no exposure: a panel of such codes gave
    an empty table). Unbalanced rows are not read.
    """
    rows = np.flatnonzero(balanced)
    bad = first_bad_soc_code(panel["soc_code"].iloc[rows].reset_index(drop=True))
    if bad is not None:
        reason = "the SOC code is missing" if bad[1] == "missing" else f"soc_code {bad[1]}"
        raise DataFormatError(reason, path=path, row=int(rows[bad[0]]) + 1, column="soc_code")


def _check_complete(panel: pd.DataFrame, balanced: np.ndarray, path="panel") -> None:
    """Refuse a balanced occupation without a balanced row in every year of the balanced rows.

    Its growth was NaN (a missing base year: a SchemaError naming the group-growth table)
    and the event study dropped it, without a word. ``panel``: checked codes and years (each
    (``soc_code``, ``year``) once).
    """
    rows = panel.loc[balanced, ["soc_code", "year"]]
    years = sorted(int(y) for y in rows["year"].unique())
    count = rows.groupby("soc_code", sort=False)["year"].transform("size").to_numpy()
    short = count < len(years)
    if short.any():
        pos = int(np.flatnonzero(balanced)[np.flatnonzero(short)[0]])
        code = panel["soc_code"].iloc[pos]
        has = set(int(y) for y in rows.loc[rows["soc_code"] == code, "year"])
        lacks = [str(y) for y in years if y not in has]
        raise DataFormatError(f"balanced occupation {code} has no balanced row for {', '.join(lacks)} (the balanced "
                              f"rows have the years {', '.join(map(str, years))})", path=path, row=pos + 1,
                              column="balanced")


def _measure_names(exposures: pd.DataFrame, measures) -> list[str]:
    """``measures`` as a list, each once (default every column of ``exposures`` but ``soc_code``).

    A name given twice is taken once (it raised a SchemaError after the estimation);
    ``soc_code`` is not a measure. By default a column whose name is not a str (``5``) is
    refused, naming it (``TypeError: keywords must be strings`` before), and so is, by
    default, a column that pandas named for want of a name (``Unnamed: 0``: the row numbers
    of a CSV saved with ``to_csv()``, run as an exposure measure without a word). A name
    with spaces around it (a column ``"beta "`` of a CSV written by Excel) is refused: it
    was a measure of its own, shown without the label of ``beta`` in every table and figure.
    """
    if measures is None:
        names = [c for c in exposures.columns if c != "soc_code"]
        if not names:  # ValueError: No objects to concatenate
            raise DataFormatError("exposures has no measure column besides soc_code")
        bad = next((c for c in names if not isinstance(c, str)), None)
        if bad is not None:
            raise DataFormatError(f"column {bad!r} ({type(bad).__name__}) is not a measure name (str): rename it, "
                                  "or name the measures with measures=[...]", path="exposures", column=str(bad))
        unnamed = next((c for c in names if re.fullmatch(r"Unnamed: [0-9]+(_level_[0-9]+)?", c)), None)
        if unnamed is not None:  # the row numbers of to_csv() were run as an exposure measure
            raise DataFormatError(f"column {unnamed!r} has no name in the file the frame was read from (the row "
                                  "numbers pandas writes with to_csv(), index=True by default?), so it is no "
                                  "measure: drop it (read the file with index_col=0), or name the measures with "
                                  "measures=[...]", path="exposures", column=unnamed)
        spaced = next((c for c in names if _spaced_name(c)), None)
        if spaced is not None:  # a measure of its own, without its label, in every table and figure
            raise DataFormatError(f"the measure name {spaced!r} has spaces around it: rename the column "
                                  f"{spaced.strip()!r}", path="exposures", column=spaced)
        return names
    names = _names(measures, "measures", "measure names", "measure")
    if "soc_code" in names:  # "not a number: '11-1011'"
        raise DataFormatError("measures: 'soc_code' is the code column of exposures, not a measure")
    spaced = next((c for c in names if _spaced_name(c)), None)
    if spaced is not None:
        raise DataFormatError(f"measures: the measure name {spaced!r} has spaces around it: write {spaced.strip()!r} "
                              "(and name the column of exposures so)")
    return names


def _check_inputs(panel, exposures, measures, *, path="panel") -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Refuse a panel or exposures the estimation cannot use; return the panel, exposures (floats), names.

    The exposures: a frame with ``soc_code`` and the measures, each code once and never
    missing, each measure a finite number or missing (a repeated code raised pandas'
    "cannot reindex on an axis with duplicate labels", ``inf`` statsmodels' "exog contains
    inf or nans", ``True`` was read as 1). The panel: a frame with the columns the
    estimation reads, each (``soc_code``, ``year``) once, ``year`` a whole number,
    ``balanced`` True or False, ``a_mean`` a finite number of at least 0 (below 2**63) or
    missing, and above 0 on a balanced row (a 0 entered :func:`group_growth`'s mean wage and
    left the occupation out of the ``log_wage`` estimate, silently), and positive, finite employment (below 2**63: ``1e305`` overflowed into NaN
    estimates) on its balanced rows (a NaN or negative one gave estimates without a word). Failures name the frame (``exposures``, or ``path`` for the panel:
    ``panel``, or the file ``exposure outcomes --panel`` read it from), the row (from 1)
    and the column. The panel is returned with a fresh index (its index is not read: a level
    named ``soc_code`` made pandas' groupby "ambiguous"), its columns as given unless one had
    to be read (``year`` of floats as int, ``balanced`` of objects as bool, ``a_mean`` and
    ``tot_emp`` as floats). Each column read appears once; each balanced row has a SOC code
    and employment that is a number (written as text, ``"100"``, it is read as one, as
    ``a_mean`` is; it was read by the estimation, but :func:`run_outcomes` then refused it
    as exposure-group weights naming no frame), not a boolean nor other text, and each
    balanced occupation a balanced row in every year of the balanced rows (one without
    was dropped, or its growth was NaN, silently).
    """
    panel = _check_frame(panel, "panel")
    missing = [c for c in _PANEL_COLUMNS if c not in panel.columns]
    if missing:
        if path == "panel":
            raise DataFormatError(f"panel lacks column(s) {missing}")
        raise DataFormatError(f"the panel lacks column(s) {missing}", path=path)
    _once(panel, path, _PANEL_COLUMNS)
    panel = panel.reset_index(drop=True)  # an index level named soc_code made pandas' groupby "ambiguous"
    fixed = {}
    years = _years_of(panel, path)
    if years is not None:
        fixed["year"] = years.to_numpy()
    balanced = _balanced(panel, path)
    if panel["balanced"].dtype != bool:
        fixed["balanced"] = balanced
    _check_panel_codes(panel, balanced, path)
    _check_majors(panel, balanced, path)
    wage = _common.numbers(panel, "a_mean", path)  # text: "could not convert string to float"
    _common.check_range(wage, path, "a_mean", what="a_mean", row_offset=1)
    with np.errstate(invalid="ignore"):
        huge = (wage >= MAX_COUNT).to_numpy(dtype=bool)
    if huge.any():  # times the employment it overflowed: NaN wage growth, with a RuntimeWarning only
        pos = int(np.flatnonzero(huge)[0])
        raise DataFormatError(f"a_mean is too large for a wage, got {_shown_cell(panel['a_mean'].iloc[pos])!r}",
                              path=path, row=pos + 1, column="a_mean")
    zero = balanced & (wage == 0).to_numpy(dtype=bool)
    if zero.any():  # group_growth averaged the 0 into the group's wage, event_study dropped the occupation
        pos = int(np.flatnonzero(zero)[0])
        raise DataFormatError("a_mean of a balanced occupation must be above 0 (a mean annual wage; leave a wage "
                              f"that is not known missing), got {_shown_cell(panel['a_mean'].iloc[pos])!r}",
                              path=path, row=pos + 1, column="a_mean")
    if panel["a_mean"].dtype.kind not in "iuf":
        fixed["a_mean"] = wage.to_numpy()
    if fixed:
        panel = panel.assign(**fixed)
    keys = panel[["soc_code", "year"]].reset_index(drop=True)
    repeated = keys.duplicated().to_numpy(dtype=bool)
    if repeated.any():
        pos = int(np.flatnonzero(repeated)[0])
        code, year = keys.iloc[pos]
        first = int(np.flatnonzero(((keys["soc_code"] == code) & (keys["year"] == year)).to_numpy(bool))[0])
        raise DataFormatError(f"({code}, {year}) appears twice (rows {first + 1} and {pos + 1})",
                              path=path, row=pos + 1, column="year")
    # a panel built by hand with 15-1250 beside 15-1252: group_growth's emp_base summed its workers twice
    refuse_nested_codes(panel["soc_code"][balanced], str(path), "soc_code", "balanced rows",
                        keys=panel["year"][balanced], key_where=" of the year {}")
    emp = _employment(panel, balanced, path)
    _check_complete(panel, balanced, path)
    if panel["tot_emp"].dtype.kind not in "iuf":  # "100": the weights of the groups (refused there, unnamed)
        panel = panel.assign(tot_emp=emp)
    exposures = _check_frame(exposures, "exposures")
    names = _measure_names(exposures, measures)
    missing = [c for c in dict.fromkeys(["soc_code", *names]) if c not in exposures.columns]
    if missing:
        raise DataFormatError(f"exposures lacks column(s) {missing}")
    _once(exposures, "exposures", ["soc_code", *names])
    exposures = exposures.reset_index(drop=True)
    _common.check_soc_codes(exposures, "exposures")
    exposures = exposures.assign(**{m: _common.numbers(exposures, m, "exposures").to_numpy() for m in names})
    if not _OFF_PANEL_SAID.get():  # said by event_study, group_growth and robustness too, once per run_outcomes
        _warn_off_panel(panel, exposures, names)
    return panel, exposures, names


def _employment(panel: pd.DataFrame, balanced: np.ndarray, path="panel") -> np.ndarray:
    """``tot_emp`` as floats; a balanced row's employment that is not a positive, finite number refused.

    A number written as text (``"100"``) is that number, as for ``a_mean``; a boolean
    (``True`` is not 1 worker) or other text (``"abc"``, ``"1,200"``: said to be missing
    employment before) is refused, text of a number written with a thousands separator
    or a decimal comma told the number to write, as ``a_mean`` is
    (:func:`~exposure._tables.number_hint`: ``"1,200"`` is told ``write '1200'``; until
    round 80 it was told nothing), and so is a missing, 0, negative or infinite
    employment. Unbalanced rows are not read (their text is missing here). A
    ``Decimal('sNaN')`` (a ``NUMERIC`` column of a database) is refused on any row, as
    ``a_mean`` refuses it: it raised pandas' ``TypeError: Cannot hash a signaling NaN value``.
    """
    raw = panel["tot_emp"]
    snan = signalling_nan(raw)
    if snan is not None:
        raise DataFormatError(f"tot_emp must be a number of workers, got {raw.iloc[snan]!r}", path=path,
                              row=snan + 1, column="tot_emp")
    if pd.api.types.is_bool_dtype(raw.dtype):
        flags = raw.notna().to_numpy(dtype=bool)
    else:
        flags = np.fromiter((isinstance(v, (bool, np.bool_)) for v in raw.to_numpy(dtype=object)), dtype=bool,
                            count=len(raw))
    emp = pd.to_numeric(raw.where(~flags), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    text = raw.notna().to_numpy(dtype=bool) & np.isnan(emp)  # booleans, "abc", "1,200"
    flags = text & balanced
    if flags.any():  # True was read as 1 worker
        pos = int(np.flatnonzero(flags)[0])
        value = raw.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        # "1,200": told nothing, where a_mean's "52,021" of the same panel was told the number to write
        raise DataFormatError(f"tot_emp must be a number of workers, got {value!r}"
                              f"{number_hint(value, grouped=False)}", path=path, row=pos + 1, column="tot_emp")
    bad = balanced & ~(np.isfinite(emp) & (emp > 0))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        value = raw.iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value
        raise DataFormatError("a balanced occupation needs employment in every year, got "
                              f"{value!r}", path=path, row=pos + 1,
                              column="tot_emp")
    big = balanced & (emp >= MAX_COUNT)
    if big.any():  # 1e305: overflowed in the sums and the regression (RuntimeWarning, NaN estimates)
        pos = int(np.flatnonzero(big)[0])
        raise DataFormatError(f"tot_emp is too large for a number of workers, got {_shown_cell(raw.iloc[pos])!r}",
                              path=path, row=pos + 1, column="tot_emp")
    return emp


def _n_values(values: np.ndarray) -> int:
    """How many values ``values`` (finite floats) takes, values equal but for float noise counted once.

    Noise is what :func:`exposure.measures.compare.tied` leaves out (12 decimals of the
    largest magnitude), as :func:`exposure_groups` ties such values in one group. A measure
    of 0.3 on every occupation but one, where it is ``0.1 + 0.2``, was estimated on the
    noise: a standard deviation of 1e-17, and coefficients "per SD" of it, with p-values.

    Examples
    --------
    >>> _n_values(np.array([0.3, 0.3, 0.1 + 0.2])), _n_values(np.array([0.3, 0.3001]))
    (1, 2)
    """
    return int(np.unique(published.tied(np.asarray(values, dtype=float))).size)


def _check_spread(base: pd.DataFrame, ex: pd.DataFrame, names, base_year: int, *, path=None,
                  left: str = "") -> None:
    """Refuse a measure no estimate can come from: no value, or one value only, on ``base``.

    ``base``: the balanced occupations of the base year (:func:`_base`); ``ex``: the
    exposures indexed by ``soc_code``. Said of the measure, not a NaN error of statsmodels
    later. ``path``: the file the measures were read from (``exposure outcomes
    --soc-scores FILE``), named with the column in a :class:`DataFormatError`. ``left``:
    what left ``base`` as it is (`` left by exclude_major 11-0000``), said after it. A
    measure whose values are all on codes that are no balanced occupation of ``base``
    (exposures on the broad groups ``15-1250``, or SOC 2010 codes, given to
    :func:`event_study`) is told how many there are, the first, and how to put them on
    the panel's codes: it was told it had no value, as an empty column is.
    """
    for m in names:
        covered = ex[m].reindex(base.index).dropna() if m in ex.columns else pd.Series(dtype=float)
        if covered.empty:
            reason = (f"measure {m!r} has no value on any balanced occupation of the panel "
                      f"(in the base year {base_year}){left}")
            given = ex.index[ex[m].notna().to_numpy(dtype=bool)] if m in ex.columns else ex.index[:0]
            if len(given):  # values on codes of another shape (15-1250, a SOC 2010 code): said as if none
                reason += (f": its {len(given)} value{'s are' if len(given) > 1 else ' is'} on codes that are no "
                           f"balanced occupation of it (e.g. {str(given[0])!r}); put the measures on the panel's "
                           "codes with exposure.outcomes.exposure_table")
        elif _n_values(covered.to_numpy(dtype=float)) < 2:  # 0.3 and 0.1 + 0.2: a spread of float noise
            noise = " (its values differ by float noise only)" if covered.nunique() > 1 else ""
            reason = (f"measure {m!r} takes the one value {covered.iloc[0]:g} on all "
                      f"{len(covered)} occupations it covers{noise}{left}: nothing to compare")
        else:
            continue
        if path is None:
            raise ExposureError(reason)
        raise DataFormatError(reason, path=path, column=m)


def _event_years_needed(years, base_year: int = BASE_YEAR, pre_year: int = PRE_YEAR) -> list[str]:
    """What the years of the balanced rows lack for the outcomes analysis, as phrases (empty: nothing).

    :func:`run_outcomes` reads ``pre_year`` (the pre-trend test), ``base_year`` and a
    year after it (the headline); ``exposure outcomes`` checks a ``--panel`` file with it.

    Examples
    --------
    >>> _event_years_needed([2022, 2023])
    ['May 2021 (the pre-trend year)']
    >>> _event_years_needed([2021, 2022, 2023], base_year=2023)
    ['a year after 2023']
    """
    years = set(years)
    return [text for ok, text in (
        (pre_year in years and pre_year < base_year, f"May {pre_year} (the pre-trend year)"
         if pre_year < base_year else f"a base year after the pre-trend year {pre_year}"),
        (base_year in years, f"May {base_year} (the base year)"),
        (any(y > base_year for y in years), f"a year after {base_year}"),
    ) if not ok]


def _check_event_years(panel: pd.DataFrame, base_year: int, path="panel") -> None:
    """Refuse a (checked) panel whose balanced rows lack a year of the analysis, naming ``path`` and ``year``.

    :func:`run_outcomes` failed inside :func:`group_growth`, naming arguments its caller
    cannot give and no panel (``pre_year 2021 is not in the panel ([2022, 2023])``,
    ``end_year (2023) must be after base_year (2023)``).
    """
    balanced = panel["balanced"].to_numpy(dtype=bool)
    years = sorted({int(y) for y in panel["year"].to_numpy()[balanced]})
    needs = _event_years_needed(years, base_year)
    if needs:
        raise DataFormatError(f"the balanced occupations of the panel have the years {_listed(years, 30)}; "
                              f"with base year {base_year} the outcomes need {', '.join(needs)}", path=path,
                              column="year")


def _base(panel: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """The balanced rows of ``base_year``, indexed by ``soc_code`` in code order (as text).

    Not in the panel's row order: :func:`run_outcomes`' ``groups`` (``outcomes_groups.csv``)
    follow this order, and a panel sorted otherwise (by employment, shuffled) gave them in
    another order, while every other result is the same in any row order.
    """
    b = panel[(panel["year"] == base_year) & panel["balanced"]]
    if b.empty:
        raise ExposureError(f"the panel has no balanced occupation in the base year {base_year}")
    b = b.set_index("soc_code")
    return b.iloc[np.argsort(b.index.astype(str).to_numpy(), kind="stable")]


_COLUMN = {"log_emp": "tot_emp", "log_wage": "a_mean"}


@dataclasses.dataclass(frozen=True)
class _Wide:
    """The balanced panel as code x year arrays (rows: ``codes``, columns: ``years``)."""

    codes: pd.Index
    years: list[int]
    base: int  # column of the base year
    major: np.ndarray
    values: dict[str, np.ndarray]  # "log_emp" -> employment, "log_wage" -> mean wage

    @classmethod
    def of(cls, panel: pd.DataFrame, base_year: int) -> _Wide:
        p = panel[panel["balanced"]]
        years = sorted(int(y) for y in p["year"].unique())
        if base_year not in years:
            raise ExposureError(f"base year {base_year} is not in the panel ({years})")
        values = {o: p.pivot(index="soc_code", columns="year", values=c) for o, c in _COLUMN.items()}
        codes = values["log_emp"].index
        major = p.groupby("soc_code")["soc_major"].first().reindex(codes).to_numpy()
        return cls(codes, years, years.index(base_year), major,
                   {o: v.reindex(index=codes, columns=years).to_numpy(float) for o, v in values.items()})

    def exposures(self, exposures: pd.DataFrame, measures) -> dict[str, np.ndarray]:
        """Each measure of ``exposures`` aligned on :attr:`codes` (missing: NaN)."""
        aligned = exposures.drop_duplicates("soc_code").set_index("soc_code").reindex(self.codes)
        return {m: aligned[m].to_numpy(float) for m in measures}

    @property
    def base_emp(self) -> np.ndarray:
        return self.values["log_emp"][:, self.base]


def _event_wide(panel: pd.DataFrame, base_year: int) -> _Wide:
    """:meth:`_Wide.of` for the event study: a year besides the base year is needed.

    A panel of the base year only raised numpy's "zero-size array to reduction operation".
    """
    wide = _Wide.of(panel, base_year)
    if len(wide.years) < 2:
        raise DataFormatError(f"the balanced occupations of the panel have the base year {base_year} only "
                              f"({wide.years}): an event study needs another year", path="panel", column="year")
    return wide


def _outcomes_with_data(wide: _Wide, outcomes: list[str]) -> list[str]:
    """``outcomes`` without those fewer than 3 balanced occupations have above 0 in every year, each said once.

    No sample of such an outcome has the 3 occupations an estimate needs, whatever the
    measure or the occupations left out. :func:`robustness` said so for each measure and
    each specification, all of one cause: on a panel of employment only (``a_mean`` missing
    on every row), ``beta / log_wage (drop_major_53): fewer than 3 occupations: 0 of the 736
    with the measure have a_mean above 0 in every year, no estimate`` and 24 more lines for
    each measure (some 500 for ``exposure outcomes``). Such an outcome is named in one
    warning and not estimated.
    """
    with np.errstate(invalid="ignore"):
        have = {o: int((wide.values[o] > 0).all(axis=1).sum()) for o in outcomes}
    for o in outcomes:
        if have[o] < 3:
            log.warning("%s: %d of the %d balanced occupations of the panel have %s above 0 in every year (May %s), "
                        "fewer than 3: no robustness specification can estimate it, for any measure", o, have[o],
                        len(wide.codes), _COLUMN[o], ", ".join(map(str, wide.years)))
    return [o for o in outcomes if have[o] >= 3]


def _growth(num_a: float, num_b: float) -> float:
    return float(num_b / num_a - 1.0) if num_a > 0 else np.nan


def _mean_wage_growth(emp: np.ndarray, wage: np.ndarray, a: int, b: int) -> float:
    ok = ~np.isnan(wage[:, [a, b]]).any(axis=1)
    if not ok.any():
        return np.nan
    mean = [(wage[ok, c] * emp[ok, c]).sum() / emp[ok, c].sum() for c in (a, b)]
    return _growth(*mean)


def _check_group_count(values: np.ndarray, q, cuts, measure: str, base_year: int) -> None:
    """Refuse ``q`` groups of a measure covering fewer balanced occupations, naming the measure.

    ``values``: the measure on the balanced occupations of the base year (NaN where it has
    none); ``q``, ``cuts`` as :func:`exposure_groups` takes them. :func:`exposure_groups`
    said "cannot make 4 exposure groups of 3 occupations", without the measure.
    """
    q = _check_q_or_cuts(q, cuts)
    n = int((~np.isnan(np.asarray(values, dtype=float))).sum())
    if cuts is None and isinstance(q, (int, np.integer)) and q > n:
        raise ExposureError(f"measure {measure!r} covers {n} balanced occupations of the panel (in the base year "
                            f"{base_year}): cannot make {q} exposure groups of them")


def _say_empty_groups(values: np.ndarray, groups: np.ndarray, q, measure: str, base_year: int,
                      weights: np.ndarray | None = None, codes=None) -> None:
    """Warn when tied values of ``measure``, or one heavy occupation, leave some of its ``q`` quantile groups empty.

    Ties share one group (:func:`exposure_groups`), so a measure whose balanced
    occupations of the base year mostly share a value (a category share that is 0 for
    most of them) fills fewer groups than asked: the growth table and the quintile tables
    of ``exposure outcomes`` showed groups 3 and 5 only, or blank quintiles, without a word.
    A group is left empty too when one occupation alone holds more base-year employment
    (``weights``, aligned on ``values``; ``codes`` names it) than a group: a measure of a
    few occupations (``--soc-scores`` of 14 codes) was told ``tied values share a group,
    and 1 of its 14 balanced occupations of 2022 have the value 0.459239051978``, a tie of
    one. It is now told the occupation and its share of the employment.
    """
    n = q if isinstance(q, (int, np.integer)) else len(q) + 1
    filled = sorted({int(g) for g in groups[~np.isnan(groups)]})
    if len(filled) >= n:
        return
    has = ~np.isnan(values)
    given = values[has]
    ties = pd.Series(published.tied(given))  # values equal but for float noise share a group: counted as one
    counts = ties.value_counts()
    shared = given[int(np.flatnonzero((ties == counts.index[0]).to_numpy(dtype=bool))[0])]
    empty = [str(g) for g in range(1, n + 1) if g not in filled]
    groups_said = (f"measure {measure!r} fills {len(filled)} of the {n} exposure groups "
                   f"({', '.join(map(str, filled))}; " + (f"group {empty[0]} is" if len(empty) == 1
                                                         else f"groups {', '.join(empty)} are") + " empty)")
    if weights is not None and codes is not None:
        w = np.where(np.isnan(weights[has]), 0.0, weights[has])
        blocks = pd.Series(w).groupby(ties.to_numpy()).agg(["sum", "size"])
        heaviest = blocks["sum"].idxmax()
        total = float(w.sum())
        if blocks.loc[heaviest, "size"] == 1 and total > 0 and blocks.loc[heaviest, "sum"] > total / n:
            pos = int(np.flatnonzero((ties == heaviest).to_numpy(dtype=bool))[0])
            log.warning("%s: the groups hold equal shares of the %d employment of its %d balanced occupations, "
                        "and %s alone holds %.0f%% of it, more than the %.0f%% of a group; ask for fewer groups",
                        groups_said, base_year, len(given), np.asarray(codes)[has][pos],
                        100 * blocks.loc[heaviest, "sum"] / total, 100 / n)
            return
    log.warning("%s: tied values share a group, and %d of its %d balanced occupations of %d have the value %s",
                groups_said, int(counts.iloc[0]), int(counts.sum()), base_year, _as_written(shared))


def _stored_sizes_on(wide: _Wide, column: pd.Series, codes: pd.Series) -> np.ndarray:
    """Item size of the float each value of ``column`` is stored in (:func:`~exposure.rollup._soc.stored_sizes`), on :attr:`_Wide.codes`.

    ``column`` is a measure as the caller gave it, ``codes`` its rows' SOC codes (by
    position), aligned as :meth:`_Wide.exposures` aligns the values (a code's first row;
    a code without a row: 8). A typed float32 column gives 4 to all; an object column
    (``pd.Series([np.float32(0.7), ...], dtype=object)``) gives 4 to its float32 items
    alone: they were compared with the cuts as float64 values (float32's 0.7 went to the
    group below the cut 0.7).
    """
    plain = column.reset_index(drop=True)
    sizes = pd.Series(stored_sizes(plain, plain), index=codes.to_numpy())
    sizes = sizes[~sizes.index.duplicated()]
    return sizes.reindex(wide.codes).fillna(8).to_numpy(dtype=int)


def _as_stored(values: np.ndarray, sizes: np.ndarray):
    """``values`` (float64) for :func:`exposure_groups`, each of item size ``sizes`` below 8 as the float it was stored in.

    Examples
    --------
    >>> [type(v).__name__ for v in _as_stored(np.array([0.7, 0.2]), np.array([4, 8]))]
    ['float32', 'float']
    """
    if (sizes == 8).all():
        return values
    return pd.Series([v if s == 8 else np.dtype(f"f{s}").type(v) for v, s in zip(values.tolist(), sizes)],
                     dtype=object)


def group_growth(panel: pd.DataFrame, exposures: pd.DataFrame, measures: Sequence[str] | None = None,
                 *, q: int | Sequence[float] | None = None, cuts: Sequence[float] | None = None,
                 base_year: int = BASE_YEAR, pre_year: int = PRE_YEAR,
                 end_year: int | None = None) -> pd.DataFrame:
    """Employment and mean-wage growth of exposure groups, before and after ``base_year``.

    Groups are built on the balanced codes with base-year employment weights
    (:func:`exposure_groups`: quintiles hold a fifth of base-year workers). A group's
    employment is the sum over its codes; its mean wage is the employment-weighted mean of
    the codes' annual mean wages (codes with a missing wage in either year compared are
    left out of that wage figure). A measure stored as float32 is grouped by ``cuts`` at
    its own precision (see :func:`exposure_groups`), and so are the numpy float32 items
    of an object column (until round 78 compared as float64: float32's 0.7 went to the
    group below the cut 0.7).

    Parameters
    ----------
    panel, exposures : pandas.DataFrame
        :func:`build_panel` and :func:`exposure_table` outputs.
    measures : sequence of str, optional
        Default every measure column of ``exposures``.
    q, cuts
        As :func:`exposure_groups` (default 5 groups; ``cuts`` not together with ``q``).
    base_year, pre_year : int
    end_year : int, optional
        Default the last year of the panel.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.GroupGrowth`.

    Raises
    ------
    exposure.errors.DataFormatError
        A bad panel, exposures or ``measures`` (see :func:`run_outcomes`), ``q``, ``cuts``
        (see :func:`exposure_groups`: both given, an empty list; checked before the panel
        is read); ``base_year``,
        ``pre_year`` or ``end_year`` that is not a whole number, (``pre_year``,
        ``end_year``) not a year of the panel, a ``pre_year`` that is not before
        ``base_year`` or an ``end_year`` that is not after it.
    exposure.errors.ExposureError
        ``base_year`` not in the panel; a measure with no value on the balanced
        occupations, or (with ``q`` groups) on fewer of them than ``q``, naming the measure.

    Examples
    --------
    >>> rows = [(c, y, e) for c, e0 in [("11-1011", 100.0), ("43-9021", 100.0)]
    ...         for y, e in zip((2021, 2022, 2025), (e0, e0, e0 * (0.8 if c == "43-9021" else 1.1)))]
    >>> panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp"]).assign(
    ...     a_mean=50e3, balanced=True, soc_major="11-0000")
    >>> ex = pd.DataFrame({"soc_code": ["11-1011", "43-9021"], "beta": [0.1, 0.9]})
    >>> group_growth(panel, ex, q=2)[["group", "emp_growth_pre", "emp_growth_post"]].round(2)
       group  emp_growth_pre  emp_growth_post
    0      1             0.0              0.1
    1      2             0.0             -0.2
    """
    _check_q_or_cuts(q, cuts)  # before the panel is read (q with cuts was refused after it)
    base_year = _check_year(base_year, "base_year")
    pre_year = _check_year(pre_year, "pre_year")
    end_year = _check_year(end_year, "end_year", optional=True)
    given = exposures
    panel, exposures, names = _check_inputs(panel, exposures, measures)
    wide = _Wide.of(panel, base_year)
    end_year = wide.years[-1] if end_year is None else end_year
    for name, year in (("pre_year", pre_year), ("end_year", end_year)):
        if year not in wide.years:  # a ValueError "2030 is not in list" before
            raise DataFormatError(f"{name} {year} is not in the panel ({wide.years})")
    if pre_year >= base_year:  # the growth "before" ran backwards (or over no time), silently
        raise DataFormatError(f"pre_year ({pre_year}) must be before base_year ({base_year})")
    if end_year <= base_year:
        raise DataFormatError(f"end_year ({end_year}) must be after base_year ({base_year})")
    pre, base, end = (wide.years.index(y) for y in (pre_year, base_year, end_year))
    emp, wage = wide.values["log_emp"], wide.values["log_wage"]
    aligned = wide.exposures(exposures, names)
    rows = []
    for m in names:
        vals = aligned[m]
        if np.isnan(vals).all():  # an empty table, without a word
            _check_spread(pd.DataFrame(index=wide.codes), exposures.set_index("soc_code"), [m], base_year)
        _check_group_count(vals, q, cuts, m, base_year)
        # a float32 value at a cut went to the group below it (float32 items of an object column too)
        groups = exposure_groups(_as_stored(vals, _stored_sizes_on(wide, given[m], exposures["soc_code"])),
                                 wide.base_emp, q=q, cuts=cuts).to_numpy(dtype=float, na_value=np.nan)
        if cuts is None:  # cut points on the measure's scale may leave a group empty by design
            _say_empty_groups(vals, groups, _check_q_or_cuts(q, cuts), m, base_year, wide.base_emp, wide.codes)
        for g in sorted(set(groups[~np.isnan(groups)])):
            sel = groups == g
            e, wg = emp[sel], wage[sel]
            rows.append({
                "measure": m, "group": int(g), "n_occupations": int(sel.sum()),
                "exposure_low": float(vals[sel].min()), "exposure_high": float(vals[sel].max()),
                "emp_base": float(e[:, base].sum()),
                "emp_growth_pre": _growth(e[:, pre].sum(), e[:, base].sum()),
                "emp_growth_post": _growth(e[:, base].sum(), e[:, end].sum()),
                "wage_growth_pre": _mean_wage_growth(e, wg, pre, base),
                "wage_growth_post": _mean_wage_growth(e, wg, base, end),
            })
    return validate(pd.DataFrame(rows, columns=list(GroupGrowth.to_schema().columns)), GroupGrowth,
                    path="group growth")


# --------------------------------------------------------------------------- event study
def _wls():
    """Statsmodels' WLS (the ``outcomes`` extra)."""
    try:
        from statsmodels.regression.linear_model import WLS
    except ImportError:  # third-party, optional
        raise ExposureError("the event study needs statsmodels: pip install 'ai-exposure[outcomes]'") from None
    return WLS


def _design(wide: _Wide, e_all: np.ndarray, outcome: str, weighted: bool, drop: np.ndarray):
    """Estimation sample of one measure and outcome: (y, X, w, groups, rel, n_occ, sd), or why there is none.

    The occupations kept have the exposure and a positive outcome in every year
    (balanced); ``X`` holds the year dummies then the exposure x year terms, everything
    demeaned within occupation (the within transformation absorbs the occupation effects:
    exact here, as the panel is balanced and the weights constant within an occupation).
    No sample (a str saying why) with fewer than 3 occupations (saying how many of those
    with the measure have the outcome in every year: a panel without wages said "fewer than
    3 occupations" only), when the exposure takes one value on them (statsmodels' "exog
    contains inf or nans" before), or when the outcome is the same in every year for each
    of them (an estimate of 0 with an interval of [0, 0] was read as a precise zero).
    """
    value = wide.values[outcome]
    with np.errstate(invalid="ignore"):
        ok = (value > 0).all(axis=1) & ~np.isnan(e_all) & ~drop
    if ok.sum() < 3:  # "fewer than 3 occupations" of a panel of 800 without wages (all top-coded)
        sample = int((~np.isnan(e_all) & ~drop).sum())
        return "fewer than 3 occupations" + (f": {int(ok.sum())} of the {sample} with the measure have "
                                             f"{_COLUMN[outcome]} above 0 in every year" if sample >= 3 else "")
    n_occ, n_t = int(ok.sum()), len(wide.years)
    w_occ = wide.base_emp[ok] if weighted else np.ones(n_occ)
    e = e_all[ok]
    if _n_values(e) < 2:  # values that differ by float noise only: estimates "per SD" of the noise
        return f"the exposure takes one value on the {n_occ} occupations"
    # standardised on the measure times a power of two (no digit changes): a measure of 1e160 overflowed
    # when squared (every coefficient 0), one of 1e-200 underflowed (statsmodels' MissingDataError)
    power = int(np.frexp(np.max(np.abs(e)))[1])
    e = np.ldexp(e, -power)
    mean = np.average(e, weights=w_occ)
    sd_scaled = float(np.sqrt(np.average((e - mean) ** 2, weights=w_occ)))
    z = (e - mean) / sd_scaled
    sd = float(np.ldexp(sd_scaled, power))
    y = np.log(value[ok])
    # the same value in every year for every occupation (a wage of one year copied to all): the
    # estimate was 0 with an interval of [0, 0] and a p-value of 1 or NaN, read as a precise zero
    if np.all(np.abs(y - y[:, :1]) <= 1e-12 * np.maximum(np.abs(y[:, :1]), 1.0)):
        return (f"{_COLUMN[outcome]} is the same in every year for each of the {n_occ} occupations: "
                "nothing changes to estimate")
    rel = [t for t in wide.years if t != wide.years[wide.base]]
    dummies = (np.asarray(wide.years)[:, None] == np.asarray(rel)[None, :]).astype(float)
    dummies = np.broadcast_to(dummies[None], (n_occ, n_t, len(rel)))
    X = np.concatenate([dummies, dummies * z[:, None, None]], axis=-1)
    y = (y - y.mean(axis=1, keepdims=True)).ravel()
    X = (X - X.mean(axis=1, keepdims=True)).reshape(n_occ * n_t, -1)
    return y, X, np.repeat(w_occ, n_t), np.repeat(np.arange(n_occ), n_t), rel, n_occ, sd


def _estimate(wide: _Wide, exposures: pd.DataFrame, names, outcomes, *, weighted: bool, scale: str,
              drop: np.ndarray, spec: str) -> list[dict]:
    WLS = _wls()
    aligned = wide.exposures(exposures, names)
    rows = []
    with one_blas_thread():  # one thread for the many small fits (more only add overhead)
        for m in names:
            e_all = aligned[m]
            for outcome in outcomes:
                d = _design(wide, e_all, outcome, weighted, drop)
                if isinstance(d, str):
                    log.warning("%s / %s (%s): %s, no estimate", m, outcome, spec, d)
                    continue
                y, X, w, groups, rel, n_occ, sd = d
                k = len(rel)
                fit = WLS(y, X, weights=w).fit(cov_type="cluster", cov_kwds={"groups": groups},
                                               use_t=True)
                params, bse = np.asarray(fit.params)[k:], np.asarray(fit.bse)[k:]
                ci, pv = np.asarray(fit.conf_int(0.05))[k:], np.asarray(fit.pvalues)[k:]
                if scale == "raw":  # per unit of the measure: the estimate per sd over the sd (same t, p)
                    params, bse, ci = params / sd, bse / sd, ci / sd
                common = {"measure": m, "outcome": outcome, "spec": spec, "n_occupations": n_occ,
                          "n_obs": len(y)}
                for j, t in enumerate(rel):
                    rows.append({**common, "year": int(t), "coef": params[j], "se": bse[j],
                                 "ci_low": ci[j, 0], "ci_high": ci[j, 1], "p_value": pv[j]})
                rows.append({**common, "year": wide.years[wide.base], "coef": 0.0, "se": np.nan,
                             "ci_low": np.nan, "ci_high": np.nan, "p_value": np.nan})
    return rows


def _coefficients(rows: list[dict], names) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=list(EventStudyCoefficients.to_schema().columns))
    order = out["measure"].map({n: i for i, n in enumerate(names)})
    out = out.assign(_order=order).sort_values(["_order", "outcome", "spec", "year"], kind="stable")
    out = out.drop(columns="_order").reset_index(drop=True)
    return validate(out, EventStudyCoefficients, path="event study")


def _check_min_emp(min_emp):
    """``min_emp`` as a number of workers, or None; what is none is refused (``"100"`` raised numpy's UFuncTypeError).

    A :class:`~decimal.Decimal` is read (:func:`~exposure._args.as_real`).
    """
    number = as_real(min_emp)
    if min_emp is not None and not (is_number(number) and np.isfinite(number) and number >= 0):
        raise DataFormatError(f"min_emp must be a number of workers (0 or more) or None, got {shown(min_emp)}")
    return number


def _check_major(exclude_major) -> str | None:
    """``exclude_major`` as a major group code (``15-0000``), or None; what names no major group is refused.

    ``["11"]`` left nothing out; ``"15-1252"`` (a detailed code), ``150`` and ``"15abc"``
    were read as major group 15.
    """
    if exclude_major is None:
        return None
    major, number = None, as_real(exclude_major, whole=True)  # Decimal('15') too
    if isinstance(exclude_major, str):
        match = re.fullmatch(r"(\d\d)(-0000)?", exclude_major)
        major = match.group(1) if match else None
    elif is_number(number) and np.isfinite(number) and float(number).is_integer():
        major = f"{int(number)}" if 10 <= int(number) <= 99 else None
    if major is None:
        raise DataFormatError("exclude_major must be a SOC major group ('15-0000' or '15') or None, "
                              f"got {shown(exclude_major)}")
    return f"{major}-0000"


#: The specification names :class:`~exposure.schemas._outcomes.EventStudyCoefficients` allows.
_SPEC = re.compile(r"baseline|unweighted|drop_small|drop_major_[0-9]{2}")


def _check_spec(spec) -> str | None:
    """``spec`` of :func:`event_study` (None: named from its options there); a name the schema refuses is refused first.

    ``"big"`` raised a SchemaError after the whole estimation, a list ``TypeError:
    unhashable type``, and ``""`` or ``{}`` were read as ``baseline``.
    """
    if spec is None:
        return None
    if not (isinstance(spec, str) and _SPEC.fullmatch(spec)):
        raise DataFormatError("spec must be one of baseline, unweighted, drop_small, drop_major_XX (str) or None, "
                              f"got {shown(spec)}")
    return spec


def _check(outcomes, scale) -> list[str]:
    """``outcomes`` as a list, each once; an unknown outcome or ``scale`` refused."""
    outcomes = _names(outcomes, "outcomes", "outcome names", "outcome")  # "log_emp": read letter by letter
    if not (isinstance(scale, str) and scale in ("sd", "raw")):  # a Series: pandas' truth value error
        got = repr(scale) if isinstance(scale, str) else shown(scale)
        raise ExposureError(f"scale must be 'sd' or 'raw', got {got}")
    bad = [o for o in outcomes if o not in OUTCOMES]
    if bad:
        raise ExposureError(f"unknown outcome(s) {bad}; choose from {OUTCOMES}")
    return outcomes


def event_study(panel: pd.DataFrame, exposures: pd.DataFrame, measures: Sequence[str] | None = None,
                *, outcomes: Sequence[str] = tuple(OUTCOMES), base_year: int = BASE_YEAR,
                weighted: bool = True, scale: str = "sd", min_emp: float | None = None,
                exclude_major: str | None = None, spec: str | None = None) -> pd.DataFrame:
    """Event study of log employment and log mean wage on exposure x year.

    For each measure and outcome, on the balanced occupations the measure covers::

        y_ot = a_o + d_t + sum_{s != base} b_s * E_o * 1[t = s] + e_ot

    with occupation (``a_o``) and year (``d_t``) fixed effects, ``E_o`` the exposure
    standardised to mean 0 and standard deviation 1 over the sample (with the regression's
    weights; ``scale="raw"`` keeps the measure's own unit), weights ``w_o`` = base-year
    employment (or 1), standard errors clustered by occupation (CR1, t with G - 1 degrees
    of freedom). ``b_s`` is the change in the log outcome from the base year to ``s`` for
    one standard deviation more exposure; ``b_2021`` is the pre-trend test. Estimated with
    :class:`statsmodels.regression.linear_model.WLS` on the within-transformed data.

    Parameters
    ----------
    panel, exposures : pandas.DataFrame
        :func:`build_panel` and :func:`exposure_table` outputs.
    measures : sequence of str, optional
        Default every measure column of ``exposures``.
    outcomes : sequence of {"log_emp", "log_wage"}
        A list; an outcome named twice is estimated once.
    base_year : int, default 2022
    weighted : bool, default True
        Weight by base-year employment.
    scale : {"sd", "raw"}, default "sd"
        ``sd``: per standard deviation of the measure, whatever its unit (a measure of
        ``1e160`` overflowed when standardised: every coefficient 0); ``raw``: per unit of
        the measure (the ``sd`` estimate over the standard deviation; same p-value).
    min_emp : float, optional
        Leave out occupations with fewer base-year workers.
    exclude_major : str, optional
        Leave out one SOC major group (``"15-0000"``, ``"15"`` or ``15``); it must be a
        major group of the panel's balanced occupations.
    spec : str, optional
        Name written in the ``spec`` column: ``baseline``, ``unweighted``, ``drop_small``
        or ``drop_major_XX`` (:class:`~exposure.schemas._outcomes.EventStudyCoefficients`).
        Default: named from the options, ``baseline`` without any, ``unweighted`` with
        ``weighted=False``, ``drop_major_XX`` with ``exclude_major``, ``drop_small`` with a
        ``min_emp`` that leaves an occupation out (each was written ``baseline``, and read
        as the baseline by :func:`headline`); several of them together need ``spec``.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.EventStudyCoefficients`, one row per measure,
        outcome and year (the base year has ``coef`` 0 and missing standard error).

    Raises
    ------
    exposure.errors.DataFormatError
        A bad panel, exposures or ``measures`` (see :func:`run_outcomes`); ``min_emp``
        that is not a number of workers, 0 or more (``"100"``, ``True``, NaN); ``weighted``
        that is not True or False; ``base_year`` that is not a whole number;
        ``exclude_major`` that is not a SOC major group (``["11"]``, ``"15-1252"``,
        ``150``) or not one of the panel's balanced occupations; ``spec`` that is not one
        of the names above (``"big"``, ``""``, a list); ``outcomes`` that is not a list of
        names (one str, None, a dict) or is empty; a panel whose balanced occupations
        have the base year only; ``min_emp`` or ``exclude_major`` that leave out every
        balanced occupation (an empty table before); with ``exclude_major``, a balanced
        row whose ``soc_major`` is not the major group of its ``soc_code`` (``13-0000``
        for ``11-1011``: left out with the wrong group before); without ``spec``, more than
        one of ``weighted=False``, ``exclude_major`` and a ``min_emp`` that leaves an
        occupation out (no one specification name says what was estimated).
    exposure.errors.ExposureError
        An unknown outcome or ``scale`` (a Series too); ``base_year`` not in the panel; a
        measure with no value, or one value only, on the balanced occupations left by
        ``exclude_major`` and ``min_emp`` (an empty table, or statsmodels'
        ``MissingDataError``, before).

    Examples
    --------
    Six occupations over three years, employment falling 10% per unit of exposure after
    2022 (no noise, so the estimate is exact):

    >>> rows = []
    >>> for i, e in enumerate([0.0, 0.2, 0.4, 0.6, 0.8, 1.0]):
    ...     for t in (2021, 2022, 2023):
    ...         rows.append((f"11-10{i}1", t, 1000.0 * (1 + i) * np.exp(-0.1 * e * (t == 2023))))
    >>> panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp"]).assign(
    ...     a_mean=50e3, balanced=True, soc_major="11-0000")
    >>> ex = pd.DataFrame({"soc_code": [f"11-10{i}1" for i in range(6)],
    ...                    "beta": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]})
    >>> es = event_study(panel, ex, outcomes=["log_emp"], scale="raw")
    >>> es["year"].tolist(), (es["coef"].round(3) + 0.0).tolist()  # + 0.0 turns -0.0 into 0.0
    ([2021, 2022, 2023], [0.0, 0.0, -0.1])
    """
    outcomes = _check(outcomes, scale)
    check_flag(weighted, "weighted")
    base_year = _check_year(base_year, "base_year")
    min_emp = _check_min_emp(min_emp)
    major = _check_major(exclude_major)
    spec = _check_spec(spec)
    panel, exposures, names = _check_inputs(panel, exposures, measures)
    if major is not None:  # 11-1011 filed under 13-0000 was left out with major group 13
        _check_majors_of_codes(panel)
    wide = _event_wide(panel, base_year)
    drop = np.zeros(len(wide.codes), dtype=bool)
    if major is not None:
        majors = sorted({m for m in wide.major if isinstance(m, str)})
        if major not in majors:  # nothing was left out, and the result labelled as if it had been
            raise DataFormatError(f"exclude_major {major} is not a SOC major group of the panel's balanced "
                                  f"occupations ({_listed(majors, 30)})")
        drop |= wide.major == major
    if min_emp is not None:
        drop |= wide.base_emp < min_emp
    by = [f"{name} {value}" for name, value in (("exclude_major", major),
                                                ("min_emp", None if min_emp is None else _as_written(min_emp)))
          if value is not None]
    if drop.all():  # an empty table (a warning in the log only)
        largest = (f" (the largest base-year employment is {float(np.max(wide.base_emp)):g})"
                   if min_emp is not None and major is None else "")
        raise DataFormatError(f"{' and '.join(by)} {'leaves' if len(by) == 1 else 'leave'} out every balanced "
                              f"occupation of the panel{largest}: nothing to estimate")
    if spec is None:  # an unweighted estimate, or one without a major group, was written "baseline"
        done = [(name, what) for name, what in (
            ("unweighted", "weighted=False" if not weighted else None),
            (f"drop_major_{major[:2]}" if major else "", f"exclude_major {major}" if major else None),
            ("drop_small", f"min_emp {_as_written(min_emp)}"
             if min_emp is not None and (wide.base_emp < min_emp).any() else None)) if what]
        if len(done) > 1:
            raise DataFormatError(f"event_study with {' and '.join(w for _, w in done)} is not one specification "
                                  f"of the spec column ({', '.join(n for n, _ in done)}): name it with spec=")
        spec = done[0][0] if done else "baseline"
    # a measure without values (an empty table) or of one value (statsmodels' MissingDataError) on the sample
    _check_spread(pd.DataFrame(index=wide.codes[~drop]), exposures.set_index("soc_code"), names, base_year,
                  left=f" left by {' and '.join(by)}" if drop.any() else "")
    rows = _estimate(wide, exposures, names, outcomes, weighted=weighted, scale=scale, drop=drop,
                     spec=spec)
    return _coefficients(rows, names)


def robustness(panel: pd.DataFrame, exposures: pd.DataFrame, measures: Sequence[str] | None = None,
               *, outcomes: Sequence[str] = tuple(OUTCOMES), base_year: int = BASE_YEAR,
               small_quantile: float = SMALL_QUANTILE, majors: bool = True) -> pd.DataFrame:
    """The event study under the robustness specifications.

    ``unweighted`` (each occupation counts once); ``drop_small`` (occupations below the
    ``small_quantile`` quantile of base-year employment left out); ``drop_major_XX`` (one
    SOC major group ``XX-0000`` left out, for each major group of the panel).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.EventStudyCoefficients` rows of every
        robustness specification (not the baseline).

    Raises
    ------
    exposure.errors.DataFormatError
        A bad panel, exposures or ``measures`` (see :func:`run_outcomes`);
        ``small_quantile`` that is not a number from 0 to 1; ``majors`` that is not True
        or False; ``base_year`` that is not a whole number; ``outcomes`` that is not a list
        of names (one str, None, a dict) or is empty; a panel whose balanced occupations
        have the base year only; with ``majors``, a balanced row whose ``soc_major`` is
        not the major group of its ``soc_code`` (``13-0000`` for ``11-1011``: the
        ``drop_major_XX`` checks left it out with the wrong group before).
    exposure.errors.ExposureError
        An unknown outcome; ``base_year`` not in the panel; a measure with no value, or
        one value only, on the balanced occupations. A specification whose sample has
        fewer than 3 occupations, or one value of the measure, is left out (a warning on
        the ``exposure.outcomes`` logger); an outcome that fewer than 3 balanced
        occupations have in every year (``log_wage`` of a panel without wages) is not
        estimated, said in one warning (not one per measure and specification).

    Examples
    --------
    >>> rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 + 0.01 * i * (t - 2022)), f"{mj}-0000")
    ...         for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]
    >>> panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
    ...     a_mean=1.0, balanced=True)
    >>> ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": [0.1, 0.2, 0.3, 0.4] * 2})
    >>> sorted(robustness(panel, ex, outcomes=["log_emp"])["spec"].unique())
    ['drop_major_11', 'drop_major_13', 'drop_small', 'unweighted']
    """
    base_year = _check_year(base_year, "base_year")
    quantile = as_real(small_quantile)  # Decimal('0.1') was refused
    if not (is_number(quantile) and 0 <= quantile <= 1):  # NaN too
        raise DataFormatError(f"small_quantile must be a number from 0 to 1, got {shown(small_quantile)}")
    small_quantile = quantile
    check_flag(majors, "majors")
    panel, exposures, names = _check_inputs(panel, exposures, measures)
    if majors:  # drop_major_XX left a code out with the major group written next to it, not its own
        _check_majors_of_codes(panel)
    outcomes = _check(outcomes, "sd")
    wide = _event_wide(panel, base_year)
    # as event_study: a measure without values or of one value is refused; a specification whose
    # sample leaves one value (or fewer than 3 occupations) is skipped, with a warning
    _check_spread(pd.DataFrame(index=wide.codes), exposures.set_index("soc_code"), names, base_year)
    # an outcome without data (a panel without wages) is said once, not for each measure and specification
    outcomes = _outcomes_with_data(wide, outcomes)
    kw = {"scale": "sd", "weighted": True}
    rows = _estimate(wide, exposures, names, outcomes, spec="unweighted", scale="sd", weighted=False,
                     drop=np.zeros(len(wide.codes), dtype=bool))
    small = wide.base_emp < np.quantile(wide.base_emp, small_quantile)
    rows += _estimate(wide, exposures, names, outcomes, spec="drop_small", drop=small, **kw)
    if majors:
        for major in sorted(set(wide.major)):
            rows += _estimate(wide, exposures, names, outcomes, spec=f"drop_major_{major[:2]}",
                              drop=wide.major == major, **kw)
    return _coefficients(rows, names)


def _check_outcome_cells(frame: pd.DataFrame, name: str) -> None:
    """Refuse a cell of ``frame["outcome"]`` that is not one of :data:`OUTCOMES`, naming ``name``, the row and the column.

    An outcome written another way (``Log_Emp``, ``'log_emp '``, ``emp``: a table edited or
    read back) passed :func:`headline` and :func:`pretrend`; its row of
    :func:`exposure.reports.outcomes.summary_table` had a blank outcome and
    :func:`exposure.reports.outcomes.plot_event_study` drew no line of it, without a word.
    Rows are counted from 1 by position.

    Examples
    --------
    >>> _check_outcome_cells(pd.DataFrame({"outcome": ["log_emp", "Log_Wage"]}), "headline")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: headline, row 2, column 'outcome': outcome must be one of log_emp, log_wage, got 'Log_Wage'
    """
    cells = frame["outcome"].to_numpy(dtype=object)
    bad = ~np.fromiter((isinstance(v, str) and v in OUTCOMES for v in cells), dtype=bool, count=len(cells))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise DataFormatError(f"outcome must be one of {', '.join(OUTCOMES)}, got {_shown_cell(cells[pos])!r}",
                              path=name, row=pos + 1, column="outcome")


def _spaced_name(value) -> bool:
    """Whether ``value`` is a name (str) with spaces around it (``"beta "``, ``" beta"``)."""
    return isinstance(value, str) and bool(value.strip()) and value != value.strip()


def _check_measure_cells(frame: pd.DataFrame, name: str) -> None:
    """Refuse a cell of ``frame["measure"]`` with spaces around the name, naming ``name``, the row and the column.

    A measure written ``"beta "`` (a table edited by hand, or read back from a CSV
    written by Excel) was a measure of its own: a row of its own in
    :func:`exposure.reports.outcomes.quintile_table` and
    :func:`~exposure.reports.outcomes.summary_table` (beside the row of ``"beta"``),
    shown without its label ``ours: beta``, and a panel of its own in
    :func:`~exposure.reports.outcomes.plot_event_study`, without a word. Other cells are
    the callers' to check (a missing measure, one that is not text). Rows are counted
    from 1 by position.

    Examples
    --------
    >>> _check_measure_cells(pd.DataFrame({"measure": ["beta", "beta "]}), "growth")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: growth, row 2, column 'measure': measure 'beta ' has spaces around it: write 'beta'
    """
    cells = frame["measure"].to_numpy(dtype=object)
    spaced = np.fromiter((_spaced_name(v) for v in cells), dtype=bool, count=len(cells))
    if spaced.any():
        pos = int(np.flatnonzero(spaced)[0])
        value = str(cells[pos])
        raise DataFormatError(f"measure {value!r} has spaces around it: write {value.strip()!r}", path=name,
                              row=pos + 1, column="measure")


def _check_coefficients(coefficients, columns: Sequence[str]) -> pd.DataFrame:
    """``coefficients`` of :func:`pretrend` / :func:`headline`: a frame with ``columns``, numbers in them.

    ``year`` and the other numeric ``columns`` (every one but ``measure``, ``outcome``,
    ``spec``) must hold numbers (text ``"0.5"`` is read as one; a boolean, other text or
    an infinite value is refused), ``year`` whole ones, ``p_value`` from 0 to 1, ``se``
    0 or more, ``n_occupations`` whole numbers of 0 or more (as
    :class:`~exposure.schemas._outcomes.EventStudyCoefficients` has them; missing values
    pass), ``ci_low`` not above ``ci_high`` of its row, and no ``ci_low``, ``ci_high``, ``se``
    or ``p_value`` beside a missing ``coef`` (until round 80 the headline reported such an
    interval of no estimate); ``year`` and ``n_occupations`` of text are read as whole
    numbers (they were floats: ``700.0``); ``outcome`` one of
    :data:`OUTCOMES` (:func:`_check_outcome_cells`). A column that is not of a
    numeric dtype is replaced by its numbers; numeric columns are kept as given. The index
    is not read: the frame is returned with a fresh one (repeated labels, from tables
    stacked without ``ignore_index``, gave :func:`headline` a row per label). Failures
    name ``coefficients``, the row (counted from 1) and the column.

    Examples
    --------
    >>> c = pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "spec": ["baseline"],
    ...                   "year": [2021], "p_value": [1.5]})
    >>> _check_coefficients(c, ["measure", "outcome", "spec", "year", "p_value"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: coefficients, row 1, column 'p_value': p_value must be from 0 to 1, got 1.5
    """
    coefficients = _check_frame(coefficients, "coefficients").reset_index(drop=True)
    missing = [c for c in columns if c not in coefficients.columns]
    if missing:
        raise DataFormatError(f"coefficients lacks column(s) {missing}")
    _once(coefficients, "coefficients", columns)  # "not a number: array([0.0, 0.0])", a pandas ValueError
    parsed, floats = {}, {}
    for c in columns:
        if c in ("measure", "outcome", "spec"):
            continue
        values = floats[c] = _common.numbers(coefficients, c, "coefficients").to_numpy(dtype=float)
        if c == "year":
            whole = np.isfinite(values) & (np.mod(values, 1) == 0)
            if not whole.all():
                pos = int(np.flatnonzero(~whole)[0])
                raise DataFormatError(f"year must be a whole number, got {float(values[pos])!r}",
                                      path="coefficients", row=pos + 1, column="year")
        with np.errstate(invalid="ignore"):  # missing values pass (the base year has no p-value)
            if c == "p_value":  # 1.5 was reported, and read as "not significant", as given
                bad = (values < 0) | (values > 1)
                rule = "p_value must be from 0 to 1"
            elif c == "n_occupations":  # -3 and 2.5 occupations were reported as given
                bad = ~np.isnan(values) & ((values < 0) | (np.mod(values, 1) != 0))
                rule = "n_occupations must be a whole number of occupations (0 or more)"
            elif c == "se":  # a standard error of -0.01 was reported in the pre-trend as given
                bad = values < 0
                rule = "se must be a standard error of 0 or more"
            else:
                bad = np.zeros(len(values), dtype=bool)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise DataFormatError(f"{rule}, got {float(values[pos])!r}", path="coefficients", row=pos + 1,
                                  column=c)
        if coefficients[c].dtype.kind not in "iuf":  # text "0.5": compared and ordered as a number
            # whole columns as whole numbers: n_occupations of text "700" was returned as 700.0
            parsed[c] = (values if c not in ("year", "n_occupations") else values.astype("int64")
                         if not np.isnan(values).any() else pd.array(values, dtype="Int64"))
    coefficients = coefficients.assign(**parsed) if parsed else coefficients
    if "coef" in floats:  # NaN coef, finite interval: the headline reported an interval of no estimate
        given = [c for c in ("ci_low", "ci_high", "se", "p_value") if c in floats]
        stray = np.isnan(floats["coef"])[:, None] & ~np.isnan(np.column_stack([floats[c] for c in given])) \
            if given else np.zeros((len(coefficients), 0), dtype=bool)
        if stray.any():
            pos, col = (int(i[0]) for i in np.nonzero(stray))
            raise DataFormatError(f"coef is missing, but {given[col]} is {float(floats[given[col]][pos])!r}: a row "
                                  "without an estimate has no interval, standard error or p-value either (a "
                                  "coefficient left out of a copied table?)", path="coefficients", row=pos + 1,
                                  column="coef")
    if "ci_low" in floats and "ci_high" in floats:  # a reversed interval passed the pre-trend test
        low, high = floats["ci_low"], floats["ci_high"]
        with np.errstate(invalid="ignore"):
            reversed_ = low > high
        if reversed_.any():
            pos = int(np.flatnonzero(reversed_)[0])
            raise DataFormatError(f"ci_low {float(low[pos])!r} is above ci_high {float(high[pos])!r} of the same "
                                  "row: the 95% interval runs from ci_low up to ci_high (are the two columns "
                                  "swapped?)", path="coefficients", row=pos + 1, column="ci_low")
    key = ["measure", "outcome", "spec", "year"]
    for c in key[:3]:  # a missing spec left its row out of the robustness range, silently
        nokey = coefficients[c].isna().to_numpy(dtype=bool)
        if nokey.any():
            raise DataFormatError(f"the {c} is missing", path="coefficients", row=int(np.flatnonzero(nokey)[0]) + 1,
                                  column=c)
    _check_outcome_cells(coefficients, "coefficients")  # "Log_Emp": a blank outcome in the summary
    _check_measure_cells(coefficients, "coefficients")  # "beta ": a measure of its own, without its label
    keys = coefficients[key].reset_index(drop=True).astype({c: str for c in key[:3]})
    repeated = keys.duplicated().to_numpy(dtype=bool)
    if repeated.any():  # the headline joined repeated rows with each other (16 rows for 1)
        pos = int(np.flatnonzero(repeated)[0])
        first = int(np.flatnonzero((keys == keys.iloc[pos]).all(axis=1).to_numpy(dtype=bool))[0])
        m, o, s, y = keys.iloc[pos]
        raise DataFormatError(f"({m}, {o}, {s}, {int(y)}) appears twice (rows {first + 1} and {pos + 1})",
                              path="coefficients", row=pos + 1, column="year")
    return coefficients


def _years_of_spec(coefficients: pd.DataFrame, spec: str) -> list[int]:
    """The years of the rows of ``spec`` in ``coefficients``, sorted."""
    return sorted({int(y) for y in coefficients.loc[coefficients["spec"] == spec, "year"]})


def _check_year_in(coefficients: pd.DataFrame, year: int, name: str, spec: str) -> None:
    """Refuse a ``year`` that no row of ``spec`` has (it gave an empty table, or NaN columns)."""
    years = _years_of_spec(coefficients, spec)
    if year not in years:
        raise DataFormatError(f"{name} {year} is not a year of spec {spec!r} in coefficients "
                              f"(years: {_listed(years, 30)})")


def _check_not_base(coefficients: pd.DataFrame, year: int, name: str, spec: str, then: str) -> None:
    """Refuse a ``year`` that is the base year of ``spec``: every row of it has ``coef`` 0 and no interval.

    The base year's row (:func:`event_study` writes ``coef`` 0 and a missing ``se``,
    ``ci_low``, ``ci_high``, ``p_value``) was reported as a pre-trend that fails
    (``passes`` False), or as a headline of zeros. ``then`` is said after the reason.
    """
    rows = coefficients[((coefficients["year"] == year) & (coefficients["spec"] == spec)).to_numpy(dtype=bool)]
    if len(rows) and ((rows["coef"] == 0).all() and rows["ci_low"].isna().all() and rows["ci_high"].isna().all()):
        raise DataFormatError(f"{name} {year} is the base year of spec {spec!r} in coefficients (its coef is 0 by "
                              f"construction, without an interval): {then}")


def pretrend(coefficients: pd.DataFrame, *, pre_year: int = PRE_YEAR, spec: str = "baseline") -> pd.DataFrame:
    """The pre-trend test: the coefficient of the pre-period year, per measure and outcome.

    Parameters
    ----------
    coefficients : pandas.DataFrame
        :func:`event_study` output; its index is not read.
    pre_year : int, default 2021
    spec : str, default "baseline"

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``outcome``, ``coef``, ``se``, ``ci_low``, ``ci_high``, ``p_value``,
        ``passes`` (True when the 95% interval covers zero; missing, ``pd.NA``, when the row
        has no interval: such a row was said to fail the test).

    Raises
    ------
    exposure.errors.DataFormatError
        ``coefficients`` that is not a frame, lacks a column or has one twice; a cell of ``year``,
        ``coef``, ``se``, ``ci_low``, ``ci_high`` or ``p_value`` that is not a number
        (text, ``True``, ``inf``), a ``year`` that is not a whole number, a negative
        ``se``, a ``p_value`` outside 0-1, a ``ci_low`` above the ``ci_high`` of its row
        (each naming the row and column); a missing ``measure``, ``outcome`` or
        ``spec``; an ``outcome`` that is not ``log_emp`` or ``log_wage`` (``Log_Emp``);
        a (``measure``, ``outcome``, ``spec``, ``year``) given twice; a ``measure`` with
        spaces around it (``"beta "``: a measure of its own, shown without its label);
        ``pre_year`` that is not a whole number; ``spec`` that is not a str; a ``spec``
        that is not in ``coefficients``, or a ``pre_year`` that none of its rows has (the
        message lists the specifications, or the spec's years), or that is its base year
        (``coef`` 0 and no interval on every row: reported as a pre-trend that fails).
    exposure.errors.ExposureError
        ``coefficients`` without rows.

    Examples
    --------
    >>> c = pd.DataFrame({"measure": ["beta"], "outcome": ["log_emp"], "spec": ["baseline"],
    ...     "year": [2021], "coef": [0.01], "se": [0.02], "ci_low": [-0.03], "ci_high": [0.05],
    ...     "p_value": [0.6]})
    >>> pretrend(c)[["measure", "passes"]].to_dict("records")
    [{'measure': 'beta', 'passes': True}]
    """
    coefficients = _check_coefficients(coefficients, ["measure", "outcome", "spec", "year", "coef", "se",
                                                      "ci_low", "ci_high", "p_value"])
    pre_year = _check_year(pre_year, "pre_year")
    if not isinstance(spec, str):
        raise DataFormatError(f"spec must be a specification name (str), got {shown(spec)}")
    if coefficients.empty:  # an empty table, read as "no pre-trend to worry about"
        raise ExposureError("coefficients has no rows: no pre-trend to report")
    specs = list(dict.fromkeys(coefficients["spec"]))
    if spec not in specs:
        raise DataFormatError(f"spec {spec!r} is not in coefficients (specs: {_listed(specs, 30)})")
    _check_year_in(coefficients, pre_year, "pre_year", spec)
    _check_not_base(coefficients, pre_year, "pre_year", spec,  # reported as a pre-trend that fails
                    "no pre-trend to test; give a year before the base year")
    p = coefficients[(coefficients["year"] == pre_year) & (coefficients["spec"] == spec)]
    p = p[["measure", "outcome", "coef", "se", "ci_low", "ci_high", "p_value"]].copy()
    # a row without an interval (blank cells of a table read back) was said to fail the test: it is not known
    known = (p["ci_low"].notna() & p["ci_high"].notna()).to_numpy(dtype=bool)
    covers = ((p["ci_low"] <= 0) & (p["ci_high"] >= 0)).to_numpy(dtype=bool)
    p["passes"] = pd.array([bool(c) if k else pd.NA for c, k in zip(covers, known)], dtype="boolean")
    return p.reset_index(drop=True)


def headline(coefficients: pd.DataFrame, *, year: int | None = None, pre_year: int = PRE_YEAR) -> pd.DataFrame:
    """The headline: one row per measure and outcome.

    The last-year effect, its interval, the pre-trend and the range of the last-year effect
    over the robustness specifications.

    Parameters
    ----------
    coefficients : pandas.DataFrame
        :func:`event_study` (+ :func:`robustness`) rows; the index is not read (tables
        stacked without ``ignore_index`` are read as one).
    year : int, optional
        Default the last year of the baseline rows of ``coefficients``.
    pre_year : int, default 2021

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``outcome``, ``coef``, ``ci_low``, ``ci_high``, ``p_value``,
        ``pre_coef``, ``pre_p_value``, ``robust_min``, ``robust_min_spec``,
        ``robust_max``, ``robust_max_spec`` (over every specification, baseline included,
        and the specification that gives each: of specifications that give the same value,
        the baseline, else the first by name, in any row order), ``n_occupations``.

    Raises
    ------
    exposure.errors.DataFormatError
        ``coefficients`` that is not a frame, lacks a column or has one twice; a cell of ``year``,
        ``coef``, ``ci_low``, ``ci_high``, ``p_value`` or ``n_occupations`` that is not a
        number (text, ``True``, ``inf``), a ``year`` that is not a whole number, a
        ``p_value`` outside 0-1, an ``n_occupations`` that is negative or fractional, a
        ``ci_low`` above the ``ci_high`` of its row, a missing ``coef`` beside a finite
        ``ci_low``, ``ci_high``, ``se`` or ``p_value`` (it was reported with an interval of no
        estimate) (each naming the row and column); a
        missing ``measure``, ``outcome`` or ``spec``; an ``outcome`` that is not
        ``log_emp`` or ``log_wage`` (``Log_Emp``: a blank outcome in the summary); a
        (``measure``, ``outcome``, ``spec``, ``year``) given twice; a ``measure`` with
        spaces around it (``"beta "``: a measure of its own, shown without its label);
        ``year`` that is not a
        whole number or None;
        ``pre_year`` that is not a whole number; no ``baseline`` rows; a ``year`` or
        ``pre_year`` that no baseline row has (the message lists the baseline years), or
        that is the base year of the baseline rows (``coef`` 0 and no interval on every
        row: a headline of zeros, or a pre-trend without a p-value).
    exposure.errors.ExposureError
        ``coefficients`` without rows.

    Examples
    --------
    >>> c = pd.DataFrame({"measure": "beta", "outcome": "log_emp",
    ...     "spec": ["baseline", "baseline", "unweighted"], "year": [2021, 2025, 2025],
    ...     "coef": [0.0, -0.02, -0.01], "ci_low": [-0.01, -0.03, -0.02],
    ...     "ci_high": [0.01, -0.01, 0.0], "p_value": [0.9, 0.001, 0.05], "n_occupations": 700})
    >>> headline(c)[["coef", "pre_coef", "robust_min", "robust_max", "robust_max_spec"]].to_dict("records")
    [{'coef': -0.02, 'pre_coef': 0.0, 'robust_min': -0.02, 'robust_max': -0.01, 'robust_max_spec': 'unweighted'}]
    """
    coefficients = _check_coefficients(coefficients, ["measure", "outcome", "spec", "year", "coef", "ci_low",
                                                      "ci_high", "p_value", "n_occupations"])
    year = _check_year(year, "year", optional=True)
    pre_year = _check_year(pre_year, "pre_year")
    if coefficients.empty:  # ValueError: cannot convert float NaN to integer
        raise ExposureError("coefficients has no rows: no year to report")
    base = coefficients[coefficients["spec"] == "baseline"]
    if base.empty:  # an empty headline
        specs = list(dict.fromkeys(coefficients["spec"]))
        raise DataFormatError(f"coefficients has no baseline rows (specs: {_listed(specs, 30)}): "
                              "no headline to report")
    year = int(base["year"].max()) if year is None else year
    _check_year_in(coefficients, year, "year", "baseline")  # an empty headline
    _check_year_in(coefficients, pre_year, "pre_year", "baseline")  # NaN pre-trend columns
    _check_not_base(coefficients, year, "year", "baseline",  # a headline of zeros
                    "nothing to report; give a year after the base year")
    _check_not_base(coefficients, pre_year, "pre_year", "baseline",  # pre_coef 0, pre_p_value missing
                    "no pre-trend to test; give a year before the base year")
    key = ["measure", "outcome"]
    last = base[base["year"] == year].set_index(key)
    pre = base[base["year"] == pre_year].set_index(key)
    at = coefficients[(coefficients["year"] == year) & coefficients["coef"].notna()]
    # a tie (drop_major_XX of a major group the measure does not cover estimates on the baseline's
    # sample) goes to the baseline, then to the specification first by name, in any row order: the
    # row the table gave first was named, so the same table sorted otherwise named another
    at = at.iloc[np.lexsort((at["spec"].astype(str).to_numpy(), (at["spec"] != "baseline").to_numpy(dtype=bool)))]
    lo = at.loc[at.groupby(key, sort=False)["coef"].idxmin()].set_index(key)
    hi = at.loc[at.groupby(key, sort=False)["coef"].idxmax()].set_index(key)
    out = last[["coef", "ci_low", "ci_high", "p_value", "n_occupations"]].join(
        pre[["coef", "p_value"]].rename(columns={"coef": "pre_coef", "p_value": "pre_p_value"})
    ).join(lo[["coef", "spec"]].rename(columns={"coef": "robust_min", "spec": "robust_min_spec"})
    ).join(hi[["coef", "spec"]].rename(columns={"coef": "robust_max", "spec": "robust_max_spec"}))
    cols = ["coef", "ci_low", "ci_high", "p_value", "pre_coef", "pre_p_value", "robust_min",
            "robust_min_spec", "robust_max", "robust_max_spec", "n_occupations"]
    return out[cols].reset_index()


# --------------------------------------------------------------------------- sectors
#: Columns of an OEWS by-industry table that :func:`sector_growth` reads.
_SECTOR_COLUMNS = ("naics", "naics_title", "i_group", "occ_code", "tot_emp")


def _naics_key(value):
    """A NAICS code as text (``"51"``, ``"31-33"``; ``51`` and ``51.0`` are ``"51"``).

    None when missing (None, NaN, blank text); False when it cannot be a code (a list, a
    boolean, ``51.5``).
    """
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Integral):
        return str(value)
    if isinstance(value, float):
        if np.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else False
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return False


def _naics_keys(cells, path, rows, missing: str) -> list[str]:
    """:func:`_naics_key` of each of ``cells``; a missing or malformed code refused, naming its row.

    ``rows`` are the rows (from 1) of ``cells`` in the frame ``path``; ``missing`` is the
    message for a missing code.
    """
    keys = []
    for row, value in zip(rows, cells):
        key = _naics_key(value)
        if key is None:
            raise DataFormatError(missing, path=path, row=int(row), column="naics")
        if key is False:
            value = value.item() if isinstance(value, np.generic) else value
            raise DataFormatError(f"not a NAICS code: {value!r}", path=path, row=int(row), column="naics")
        keys.append(key)
    return keys


def _check_sector_frames(frames) -> dict[int, pd.DataFrame]:
    """The sector rows (``naics``, ``key``, ``naics_title``, ``tot_emp``) of each table of ``frames``, by int year.

    ``key`` is the code as :func:`_naics_key` reads it, so that a sector written ``51`` in
    one table and ``"51"`` in another is one sector (it was left out as not published in
    every year).

    What is not a mapping of frames with :data:`_SECTOR_COLUMNS` is refused, and so is a
    key that is not a year (``2021.5`` was read as 2021, ``True`` as the year 1). The
    sector rows (``i_group`` ``sector``, ``occ_code`` ``00-0000``) get ``tot_emp`` as
    floats, read as :func:`exposure.rollup.employment_frame` reads OEWS numbers
    (``"1,200"`` is 1200, the BLS special values ``**``, ``*``, ``#``, ``~`` are missing);
    text, a boolean, a negative or infinite number is refused, naming ``frames[year]``,
    the row of the table (counted from 1) and the column. A table without sector rows, a
    sector row without a NAICS code, or a sector in two rows (``51`` and ``"51"`` are one
    code) is refused too (the sector, or the year, was left out; a repeated sector was
    refused without its row). Other rows are not read.
    """
    if not isinstance(frames, Mapping):  # a list: AttributeError 'list' object has no attribute 'items'
        raise DataFormatError("frames must be a mapping of May year to OEWS by-industry table "
                              f"(dict of int to DataFrame), got {shown(frames)}")
    if not frames:
        raise DataFormatError("frames must hold at least one year, got an empty mapping")
    out = {}
    for key, f in frames.items():
        year = _frame_year(key)
        if year in out:  # 2021 and "2021": one table would be dropped without a word
            raise DataFormatError(f"frames: the year {year} is given twice")
        name = f"frames[{key!r}]"
        f = _check_frame(f, name)
        missing = [c for c in _SECTOR_COLUMNS if c not in f.columns]
        if missing:
            raise DataFormatError(f"{name} lacks column(s) {missing}")
        _once(f, name, _SECTOR_COLUMNS)  # an IndexError or a ValueError about shapes
        _check_groups(f, name, ("i_group",))  # a 'Sector' row was skipped: the sector left out, logged at INFO
        sel = (f["i_group"].eq("sector").fillna(False).to_numpy(dtype=bool)
               & f["occ_code"].eq("00-0000").fillna(False).to_numpy(dtype=bool))
        if not sel.any():  # the year was dropped from the growth rates (or said to be missing)
            raise DataFormatError(f"{name} has no sector rows (i_group 'sector' with occ_code '00-0000')")
        rows = np.flatnonzero(sel) + 1
        keys = _naics_keys(f["naics"].to_numpy(dtype=object)[sel], name, rows, "a sector row without a NAICS code")
        repeat = first_repeat(pd.Series(keys))
        if repeat is not None:  # "OEWS 2021: sector 51 appears twice", without the row
            pos, first = repeat
            raise DataFormatError(f"sector {keys[pos]!r} appears twice (rows {rows[first]} and {rows[pos]}): keep "
                                  "one row per sector", path=name, row=int(rows[pos]), column="naics")
        # rows of the whole table; 0.5 or 1e-300 workers gave a growth of 220 or inf
        emp = _oews_numbers(f, sel, "tot_emp", name, count=True)
        out[year] = pd.DataFrame({"naics": f["naics"].to_numpy()[sel], "key": keys,
                                  "naics_title": f["naics_title"].to_numpy()[sel],
                                  "tot_emp": emp[sel]})
    return out


#: Columns :func:`sector_growth` writes besides the measures (and ``emp_<year>``).
_SECTOR_OUTPUT = ("naics", "naics_title", "emp_growth_pre", "emp_growth_post")


def _check_sector_measures(measures) -> list[str]:
    """``measures`` of :func:`sector_growth` as a list of names; a column of the result is not one."""
    names = _names(measures, "measures", "measure names", "measure")
    for m in names:  # "naics": "sector_scores lacks column(s) ['naics']"; "emp_2021" was overwritten
        if m in _SECTOR_OUTPUT or re.fullmatch(r"emp_\d+", m):
            raise DataFormatError(f"measures: {m!r} is a column of the result (naics, naics_title, emp_<year>, "
                                  "emp_growth_pre, emp_growth_post), not a measure")
    return names


def _sector_scores(sector_scores: pd.DataFrame, measures: list[str]) -> tuple[list[str], dict[str, pd.Series]]:
    """The NAICS codes of ``sector_scores`` (as :func:`_naics_key`) and its measures, checked.

    Each code once, never missing and of the form of OEWS's (``11``, ``31-33``, ``113000``:
    ``'NA'``, ``'Information'`` or ``'５１'`` were warned of as sectors in none of the OEWS
    tables, their scores left out); each measure a finite number or missing, and not
    missing in every row; our shares (alpha, beta, gamma, ``share_*``) from 0 to 1. Each
    measure is returned as given when of a numeric dtype, else as floats. Failures name
    ``sector_scores``, the row (from 1) and the column.
    """
    path = "sector_scores"
    scores = sector_scores.reset_index(drop=True)
    if scores.empty:  # a table of NaN measures
        raise DataFormatError("sector_scores has no rows")
    keys = _naics_keys(scores["naics"].to_numpy(dtype=object), path, range(1, len(scores) + 1),
                       "the NAICS code is missing")
    bad = _first_mismatch(pd.Series(keys, dtype=object), OEWS_NAICS_PATTERN,
                          "an OEWS industry code (like 11, 31-33 or 113000)")
    if bad is not None:  # 'NA', 'Information', '５１': "in none of the OEWS tables", the scores left out
        raise DataFormatError(bad[1] + code_hint(keys[bad[0]], OEWS_NAICS_PATTERN), path=path, row=bad[0] + 1,
                              column="naics")
    repeat = first_repeat(pd.Series(keys))
    if repeat is not None:  # the first of the two rows was used, silently
        pos, first = repeat
        raise DataFormatError(f"sector {keys[pos]!r} appears twice (rows {first + 1} and {pos + 1})",
                              path=path, row=pos + 1, column="naics")
    values = {}
    for m in measures:
        v = _common.numbers(scores, m, path)  # text, True, inf were put next to the sector as given
        if m in OUR_MEASURES:
            outside = (v.notna() & ~v.between(0.0, 1.0)).to_numpy(dtype=bool)
            if outside.any():
                pos = int(np.flatnonzero(outside)[0])
                raise DataFormatError(f"{m} is a share of tasks, from 0 to 1; got {float(v.iloc[pos])!r}",
                                      path=path, row=pos + 1, column=m)
        if v.isna().all():
            raise DataFormatError(f"{m} is missing in every row", path=path, column=m)
        values[m] = scores[m] if scores[m].dtype.kind in "iuf" else v
    return keys, values


def sector_growth(frames: Mapping[int, pd.DataFrame], sector_scores: pd.DataFrame,
                  measures: Sequence[str] = EXPOSURE_MEASURES, *, base_year: int = BASE_YEAR,
                  pre_year: int = PRE_YEAR) -> pd.DataFrame:
    """Realised employment growth of each NAICS sector next to its exposure.

    Needs an OEWS by-industry table for every year (``load_oews(year, "by_industry")``):
    the mirror has May 2025 only; BLS publishes the sector files of earlier years
    (``natsector_M{yyyy}_dl.xlsx``), which :func:`exposure.oews.load_oews` downloads when
    there is no mirror. A sector's employment is its all-occupations row (``00-0000``).

    Parameters
    ----------
    frames : mapping of int to pandas.DataFrame
        May year -> OEWS by-industry table (:func:`exposure.oews.read_oews`); each must
        have sector rows. A sector is one sector across the tables however its code is
        written (``51`` in one, ``"51"`` in another); the result shows the code as the
        last table has it.
    sector_scores : pandas.DataFrame
        ``exposure.load("sectors")``: ``naics`` (each code once; ``51`` and ``"51"`` are
        one code) and the measures (finite numbers or missing, not missing in every row;
        our shares alpha, beta, gamma, ``share_*`` from 0 to 1). A sector of the tables
        without a row here gets missing measures.
    measures : sequence of str, default alpha, beta, gamma
        Columns of ``sector_scores``; not a column of the result (``naics``,
        ``emp_2021`` ...).
    base_year, pre_year : int
        ``pre_year`` before ``base_year``, and a year of ``frames`` after ``base_year``.

    Returns
    -------
    pandas.DataFrame
        ``naics``, ``naics_title``, ``emp_<year>`` for every year, ``emp_growth_pre``
        (``pre_year`` to ``base_year``), ``emp_growth_post`` (``base_year`` to the last
        year) and the measures; sectors missing in some year are left out, with a warning
        naming each and the years it has (it was logged at INFO only: a scored sector left
        the table unseen).

    Raises
    ------
    exposure.errors.DataFormatError
        ``frames`` that is not a non-empty mapping of year to frame (a list, None, one
        frame), a key that is not a year (``"May"``, ``2021.5``, ``True``), a table that
        is not a frame, lacks a column or has one twice, has no sector rows or has a sector twice (naming
        the table, the row and the column; ``51`` and ``"51"`` are one sector); a sector
        row without a NAICS code, or whose ``tot_emp`` is not a number of workers (text
        other than the BLS special values ``**``, ``*``, ``#``, ``~``, which are missing;
        ``True``; a negative or infinite number, a fraction, 2**63 or more; a row whose
        ``i_group`` is not one of OEWS's, ``'Sector'``, which was skipped); ``sector_scores``
        that is not a frame,
        has no rows, lacks ``naics`` or a measure or has one twice, has a NAICS code that is missing,
        malformed (a list, ``True``, ``51.5``) or given twice, a measure that is not a
        number (text, ``True``, ``inf``), is missing in every row or, for our shares,
        lies outside 0-1, or matches none of the sectors of the tables; ``measures`` that
        is not a list of names (one str, None, a dict), is empty or names a column of the
        result; ``base_year``/``pre_year`` that is not a whole number, a ``pre_year`` not
        before ``base_year``, a ``base_year`` that is the last year of ``frames``.
    exposure.errors.ExposureError
        No table for ``base_year`` or ``pre_year`` (the message lists the years given); no
        sector with employment in every year.

    Notes
    -----
    A growth rate from zero employment is undefined: a sector with no workers in
    ``pre_year`` (``base_year``) gets a missing ``emp_growth_pre`` (``emp_growth_post``),
    and a warning on the ``exposure.outcomes`` logger names the sector and the year. The
    sector stays in the table (its employment and measures are still shown); it was given
    an infinite growth rate before. A sector total of zero workers is not something BLS
    publishes, so it most likely marks a problem in the table; the warning says where.

    Examples
    --------
    >>> def oews(emp):
    ...     return pd.DataFrame({"naics": ["51", "72"], "naics_title": ["Information", "Food"],
    ...         "i_group": "sector", "occ_code": "00-0000", "tot_emp": emp})
    >>> frames = {2021: oews([100, 200]), 2022: oews([110, 200]), 2025: oews([99, 220])}
    >>> scores = pd.DataFrame({"naics": ["51", "72"], "beta": [0.47, 0.18]})
    >>> sector_growth(frames, scores, ["beta"])[["naics", "emp_growth_post", "beta"]].round(2)
      naics  emp_growth_post  beta
    0    51             -0.1  0.47
    1    72              0.1  0.18
    """
    base_year = _check_year(base_year, "base_year")
    pre_year = _check_year(pre_year, "pre_year")
    if pre_year >= base_year:  # the "pre" growth ran backwards (or over no time), silently
        raise DataFormatError(f"pre_year ({pre_year}) must be before base_year ({base_year})")
    frames = _check_sector_frames(frames)
    sector_scores = _check_frame(sector_scores, "sector_scores")
    if "naics" not in sector_scores.columns:
        raise DataFormatError("sector_scores lacks column(s) ['naics']")
    measures = _check_sector_measures(measures)
    missing = [m for m in measures if m not in sector_scores.columns]
    if missing:
        raise DataFormatError(f"sector_scores lacks column(s) {missing}")
    _once(sector_scores, "sector_scores", ["naics", *measures])  # "not a NAICS code: array(['51', '51'])"
    score_keys, score_values = _sector_scores(sector_scores, measures)
    rows = []
    for year, s in sorted(frames.items()):  # a sector twice is refused by _check_sector_frames, naming its row
        rows.append(s.assign(year=int(year)))
    long = pd.concat(rows, ignore_index=True)
    wide = long.pivot(index="key", columns="year", values="tot_emp").astype(float)  # 51 and "51": one sector
    years = sorted(wide.columns)
    for y in (base_year, pre_year):
        if y not in years:
            raise ExposureError(f"sector_growth needs the OEWS by-industry table of May {y} "
                                f"(frames has May {_listed(years, 30)})")
    if base_year == years[-1]:  # the "post" growth was 0, over no time
        raise DataFormatError(f"base_year {base_year} is the last year of frames: no later year to measure "
                              "growth to")
    gaps = wide.index[wide.isna().any(axis=1)]
    if len(gaps):  # at INFO only, a sector (and its scores) left the table unseen
        log.warning("%d sector(s) not published with employment in every year of frames (May %s) are left out: %s",
                    len(gaps), _listed(years, 30),
                    _listed(f"{key} ({', '.join(str(y) for y in years if pd.notna(wide.at[key, y])) or 'no year'})"
                            for key in gaps))
    wide = wide.drop(index=gaps)
    if wide.empty:
        raise ExposureError(f"no sector has employment in every year of frames (May {_listed(years, 30)}): "
                            "nothing to compare")
    last = long.drop_duplicates("key", keep="last").set_index("key").reindex(wide.index)  # code as the last table has it
    out = pd.DataFrame({"naics": last["naics"].to_numpy(), "naics_title": last["naics_title"].to_numpy()})
    for y in years:
        out[f"emp_{y}"] = wide[y].to_numpy()
    out["emp_growth_pre"] = _sector_growth_rate(out, wide, pre_year, base_year, "emp_growth_pre")
    out["emp_growth_post"] = _sector_growth_rate(out, wide, base_year, years[-1], "emp_growth_post")
    keys = list(wide.index)
    if not set(keys) & set(score_keys):  # a table of NaN measures, without a word
        raise DataFormatError(f"none of its NAICS codes ({_listed(score_keys)}) is a sector of the tables "
                              f"({_listed(keys)})", path="sector_scores")
    _warn_unpublished_sectors(score_keys, score_values, set(long["key"]), years)
    for m in measures:
        score_of = pd.Series(score_values[m].to_numpy(), index=pd.Index(score_keys))
        out[m] = pd.Series(keys).map(score_of).to_numpy()
    return out.reset_index(drop=True)


def _warn_unpublished_sectors(score_keys: list[str], score_values: Mapping[str, pd.Series], published: set,
                              years) -> None:
    """Warn of scored sectors of ``sector_scores`` that no table of ``frames`` publishes.

    Their scores were left out of the result without a word (a sector published in some
    years only is logged as left out already).
    """
    scored = np.zeros(len(score_keys), dtype=bool)
    for values in score_values.values():
        scored |= pd.Series(values).notna().to_numpy(dtype=bool)
    absent = [pos for pos, key in enumerate(score_keys) if scored[pos] and key not in published]
    if absent:
        n = len(absent)
        log.warning("sector_scores: %d scored sector%s in none of the OEWS tables (May %s), so %s left out "
                    "(e.g. NAICS %r, row %d)", n, " is" if n == 1 else "s are", _listed(years, 30),
                    "its scores are" if n == 1 else "their scores are", score_keys[absent[0]], absent[0] + 1)


def _sector_growth_rate(out: pd.DataFrame, wide: pd.DataFrame, a: int, b: int, column: str) -> np.ndarray:
    """Employment growth from May ``a`` to May ``b`` of each sector; missing (logged) from zero workers.

    A sector with no employment in ``a`` has no growth rate (``x / 0`` was ``inf``): it is
    missing, and a warning names the sector.
    """
    start, end = wide[a].to_numpy(dtype=float), wide[b].to_numpy(dtype=float)
    zero = start == 0
    for pos in np.flatnonzero(zero):
        log.warning("sector %s (%s) has no employment in May %d: its growth from %d to %d (%s) is missing",
                    out["naics"].iloc[pos], out["naics_title"].iloc[pos], a, a, b, column)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(zero, np.nan, end / start - 1)


# --------------------------------------------------------------------------- everything
@dataclasses.dataclass
class Outcomes:
    """Result of :func:`run_outcomes`."""

    #: :class:`~exposure.schemas._outcomes.OccupationPanel`
    panel: pd.DataFrame
    #: ``soc_code`` + one column per measure
    exposures: pd.DataFrame
    #: ``soc_code``, ``measure``, ``group`` (base-year employment quintiles, whole numbers: 1 the
    #: least exposed)
    groups: pd.DataFrame
    #: :class:`~exposure.schemas._outcomes.GroupGrowth`
    growth: pd.DataFrame
    #: :class:`~exposure.schemas._outcomes.EventStudyCoefficients`, every specification
    coefficients: pd.DataFrame
    #: :func:`pretrend` of the baseline
    pretrend: pd.DataFrame
    #: :func:`headline`
    headline: pd.DataFrame
    #: The base year of the event study (``outcomes.json`` said 2022 whatever it was)
    base_year: int = BASE_YEAR


def run_outcomes(panel: pd.DataFrame, exposures: pd.DataFrame, measures: Sequence[str] | None = None,
                 *, q: int | Sequence[float] = 5, base_year: int = BASE_YEAR,
                 with_robustness: bool = True, path="panel",
                 sources: Mapping[str, Sequence[str]] | None = None) -> Outcomes:
    """Groups, growth table, event study, pre-trend test and robustness for every measure.

    Parameters
    ----------
    panel, exposures : pandas.DataFrame
        :func:`build_panel` (or ``exposure.load("occupation_panel")``) and
        :func:`exposure_table` outputs.
    measures : sequence of str, optional
        Default every measure column of ``exposures``; a measure named twice is taken
        once.
    q : int or sequence of float, default 5
        Exposure groups of the growth table (:func:`exposure_groups`).
    base_year : int, default 2022
    with_robustness : bool, default True
    path : str or os.PathLike, default "panel"
        Named in the errors about ``panel`` (its file, for ``exposure outcomes --panel
        FILE``; a balanced row without employment was ``panel, row 4, column 'tot_emp'``).
    sources : mapping of str to sequence of str, optional
        File -> the measures of ``exposures`` read from it (``exposure outcomes
        --soc-scores FILE``): such a measure with no value, or one value only, on the
        balanced occupations of the base year is refused naming the file and the column
        (a :class:`~exposure.errors.DataFormatError`). The command checked the whole panel
        a second time for this, before.

    Returns
    -------
    Outcomes

    Notes
    -----
    A code of ``exposures`` with a value of a measure that is no code of ``panel`` (a SOC
    2010 code, or a detailed code OEWS publishes inside an aggregate: ``31-1122`` in
    ``31-1120``) is left out, with a warning saying how many and naming the first; it was
    left out without a word. :func:`exposure_table` puts measures on the panel's codes.

    Raises
    ------
    exposure.errors.DataFormatError
        ``panel`` or ``exposures`` that is not a frame, lacks a column or has a column read
        twice; a (``soc_code``, ``year``) twice in the panel, a ``year`` that is not a
        whole number (text ``"2021"``, 2021.5, missing), a ``balanced`` cell that is not
        True or False, an ``a_mean`` that is not a number of at least 0 (text, ``True``,
        ``inf``, -1) or is 0 on a balanced row (it entered the group mean wage), or a
        balanced row without positive, finite employment (``True`` is
        not 1 worker, ``"abc"`` is no number; ``"100"`` is 100), whose ``soc_code`` is
        missing or not a SOC code, or whose ``soc_major`` is not a SOC major group
        (``11-0000``; missing, ``11``), or, ``with_robustness``, not the major group of its
        ``soc_code``; a balanced occupation without a balanced row in every year of the
        balanced rows; a code
        twice or missing in the exposures, or a measure that is not a finite number (text, ``True``, ``inf``);
        exposures without a measure column, or (without ``measures``) with a column whose
        name is not a str or that pandas named for want of a name (``Unnamed: 0``: the row
        numbers of a CSV saved with ``to_csv()``, run as a measure); a measure name with
        spaces around it (a column ``"beta "``: a
        measure of its own in every table and figure, shown without the label of ``beta``);
        ``measures`` that is not a list of names (one
        str, a number, a dict), is empty or names ``soc_code``; ``q`` that is not a whole
        number or a list of numbers in (0, 1); ``base_year`` that is not a whole number;
        ``with_robustness`` that is not True or False; balanced rows without ``base_year``,
        without the pre-trend year :data:`PRE_YEAR` before it, or without a later year
        (naming ``path`` and ``year``: ``pre_year 2021 is not in the panel`` or ``end_year
        (2023) must be after base_year (2023)`` before); ``base_year`` that is no year of
        the panel, or of none of its balanced rows (naming ``path`` and the column: an
        ExposureError naming no panel before); ``path`` that is not a str or path; ``sources`` that is not a mapping of files to lists of measure names (or
        None), or a measure of ``sources`` with no
        value, or one value only, on the balanced occupations (``FILE, column 'beta':
        measure 'beta' takes the one value 0.5 on all ...``).
    exposure.errors.ExposureError
        A measure with no value, or one value
        only, on the balanced occupations, or on fewer of them than ``q`` groups (named:
        ``measure 'gamma' covers 3 balanced occupations ...``); no estimate for any measure and outcome (fewer
        than 3 occupations with the outcome in every year: the message says so for each;
        it was ``coefficients has no rows: no pre-trend to report``).

    Examples
    --------
    >>> rows = [(f"{mj}-10{i}1", t, 100.0 * (i + 1) * (1.0 - 0.02 * i * (t > 2022))
    ...          * (1 + 0.005 * ((3 * i + t) % 4)), f"{mj}-0000")
    ...         for mj in ("11", "13") for i in range(4) for t in (2021, 2022, 2023)]
    >>> panel = pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major"]).assign(
    ...     a_mean=1.0, balanced=True)
    >>> ex = pd.DataFrame({"soc_code": panel["soc_code"].unique(), "beta": [0.1, 0.2, 0.3, 0.4] * 2})
    >>> res = run_outcomes(panel, ex, q=2, with_robustness=False)
    >>> float(res.headline.query("outcome == 'log_emp'")["coef"].iloc[0]) < 0
    True
    """
    given = exposures
    base_year = _check_year(base_year, "base_year")
    check_flag(with_robustness, "with_robustness")
    if not isinstance(path, (str, os.PathLike)):  # None named no frame at all
        raise DataFormatError(f"path must be the panel's name or file (str or os.PathLike), got {shown(path)}")
    if sources is not None and not isinstance(sources, Mapping):
        raise DataFormatError(f"sources must be a mapping of file -> measure names (dict) or None, got {shown(sources)}")
    for file in sources or {}:
        if not isinstance(file, (str, os.PathLike)):
            raise DataFormatError(f"sources: a key must be a file name (str or os.PathLike), got {shown(file)}")
    sources = {file: _names(read, f"sources[{str(file)!r}]", "measure names", "measure")
               for file, read in (sources or {}).items()}
    checked, exposures, names = _check_inputs(panel, exposures, measures, path=path)  # says codes off the panel
    said = _OFF_PANEL_SAID.set(True)  # once: group_growth, event_study and robustness check the same frames
    try:
        return _run(panel, checked, given, exposures, names, q=q, base_year=base_year,
                    with_robustness=with_robustness, path=path, sources=sources)
    finally:
        _OFF_PANEL_SAID.reset(said)


def _run(panel, checked, given, exposures, names, *, q, base_year, with_robustness, path, sources) -> Outcomes:
    """The steps of :func:`run_outcomes` on its checked inputs (``checked``, ``exposures``; ``panel``, ``given`` as given)."""
    if with_robustness:  # read by drop_major_XX (named here: robustness names "panel")
        _check_majors_of_codes(checked, path)
    # "no balanced occupation in the base year 2030", of no panel
    _check_base_year(checked["year"], checked["balanced"].to_numpy(dtype=bool), base_year, path)
    base = _base(checked, base_year)
    _check_event_years(checked, base_year, path)  # group_growth's pre_year/end_year errors, of no panel
    ex = exposures.set_index("soc_code")
    for file, read in sources.items():  # a measure of the file with one value: name the file and the column
        _check_spread(base, ex, [m for m in read if m in names], base_year, path=file)
    _check_spread(base, ex, names, base_year)
    for m in names:  # "cannot make 5 exposure groups of 3 occupations", without the measure
        _check_group_count(ex[m].reindex(base.index).to_numpy(dtype=float), q, None, m, base_year)
    groups = pd.concat(
        [pd.DataFrame({"soc_code": base.index, "measure": m,
                       "group": exposure_groups(ex[m].reindex(base.index), base["tot_emp"], q=q).to_numpy()})
         for m in names], ignore_index=True).dropna(subset=["group"])
    groups["group"] = groups["group"].astype("int64")  # 1 to q: written 4.0 for 4 (NaN-capable floats)
    growth = group_growth(checked, exposures, names, q=q, base_year=base_year)
    coefs = event_study(checked, exposures, names, base_year=base_year)
    if coefs.empty:  # pretrend said "coefficients has no rows: no pre-trend to report", of no table given
        _no_estimate(checked, exposures, names, base_year)
    if with_robustness:
        coefs = pd.concat([coefs, robustness(checked, exposures, names, base_year=base_year)],
                          ignore_index=True)
    return Outcomes(panel=panel, exposures=given, groups=groups.reset_index(drop=True),
                    growth=growth, coefficients=coefs, pretrend=pretrend(coefs),
                    headline=headline(coefs), base_year=base_year)


#: Whether the codes of the exposures that are no code of the panel were said in this run of
#: :func:`run_outcomes` (its steps check the same frames again, and say them once).
_OFF_PANEL_SAID = contextvars.ContextVar("_OFF_PANEL_SAID", default=False)


def _warn_off_panel(panel: pd.DataFrame, exposures: pd.DataFrame, names) -> None:
    """Warn of the codes of ``exposures`` with a value of a measure that are no code of ``panel``.

    ``panel`` and ``exposures``: checked by :func:`_check_inputs`, which calls it, so that
    :func:`event_study`, :func:`group_growth` and :func:`robustness` say it as
    :func:`run_outcomes` does (until round 80 only :func:`run_outcomes` said it: the others
    left such codes out without a word when some codes matched). Such a code (a SOC 2010
    code; a detailed code that OEWS publishes inside an aggregate, ``31-1122`` in
    ``31-1120``) matched no occupation: its value was left out of every result, and the
    aggregate had no exposure, without a word. :func:`exposure_table` puts measures on the
    panel's codes (and says what it cannot place); its output gives no such warning.
    """
    given = exposures[names].notna().any(axis=1).to_numpy(dtype=bool)
    codes = exposures["soc_code"].astype(str)
    off = given & ~codes.isin(set(panel["soc_code"].astype(str))).to_numpy(dtype=bool)
    if off.any():
        n, first = int(off.sum()), int(np.flatnonzero(off)[0])
        log.warning("exposures: %d SOC code%s with a measure %s no code of the panel, so %s left out (e.g. %r, row "
                    "%d): put the measures on the panel's codes with exposure.outcomes.exposure_table (it averages "
                    "detailed codes into the OEWS aggregates that publish them)", n, "" if n == 1 else "s",
                    "is" if n == 1 else "are", "its values are" if n == 1 else "their values are", codes.iloc[first],
                    first + 1)


def _no_estimate(panel: pd.DataFrame, exposures: pd.DataFrame, names, base_year: int) -> None:
    """Raise the error of an event study without an estimate, saying why for each measure and outcome.

    ``panel`` and ``exposures``: checked by :func:`_check_inputs`.
    """
    wide = _event_wide(panel, base_year)
    aligned = wide.exposures(exposures, names)
    none = np.zeros(len(wide.codes), dtype=bool)
    why = [f"{m} / {o}: {_design(wide, aligned[m], o, True, none)}" for m in names for o in OUTCOMES]
    raise ExposureError(f"the event study has no estimate for any measure and outcome ({'; '.join(why[:6])}"
                        f"{'; ...' if len(why) > 6 else ''}): nothing to report")
