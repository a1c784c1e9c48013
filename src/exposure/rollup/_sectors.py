"""OEWS codes -> NAICS sectors and subsectors, workforce statistics, working-time scenario."""

from __future__ import annotations

import logging
import numbers
import weakref

import numpy as np
import pandas as pd
from scipy import sparse

from exposure._args import as_shown, check_name, check_names, check_positive, choice_hint, shown
from exposure._measures import EXPOSURE_MEASURES, MEASURES
from exposure._tables import MAX_COUNT, first_repeat
from exposure.crosswalks import code_hint
from exposure.errors import DataFormatError
from exposure.rollup._occupations import _interval, check_level
from exposure.rollup._soc import (
    EMPLOYMENT_FRAME,
    _combine,
    _employment_names,
    _group_of,
    _number,
    _whole,
    check_codes,
    employment_frame,
    measure_values,
    no_count_said,
    partial_measures,
    refuse_nested_codes,
    refuse_other_spelling,
    refuse_rubric_order,
    require_frame,
    stored_sizes,
    stored_threshold,
)
from exposure.schemas import validate
from exposure.schemas._fields import (
    NAICS_SECTOR_CODE,
    NAICS_SUBSECTOR_CODE,
    OEWS_NAICS_PATTERN,
    _first_mismatch,
)
from exposure.schemas._rollup import SectorScores, WorkforceStats, WorkingTime

__all__ = ["to_sectors", "workforce_stats", "working_time", "check_gain", "LEVELS"]

log = logging.getLogger(__name__)

#: OEWS ``i_group`` of each industry level.
LEVELS = {"sector": "sector", "subsector": "3-digit"}
#: The columns of :func:`to_sectors`' table, in order (:func:`~exposure.rollup.rollup`
#: adds the bootstrap bounds after them).
SECTOR_COLUMNS = ("naics", "naics_title", "level", *MEASURES, "tot_emp", "covered_emp", "coverage",
                  "exposed_workers", "suppressed_cells", "suppressed_emp")

#: Thresholds of the workforce shares: at least 10% and more than 50% of tasks exposed.
GE_THRESHOLD = 0.10
GT_THRESHOLD = 0.50
#: Rounding allowed at a threshold: a measure that is a mean of means is off by a few ulps
#: ((0.4 + 0.8 + 0.3) / 3 = 0.5000000000000001, 0.3 / 3 = 0.09999999999999999), which put
#: an occupation whose measure is exactly at a threshold on the wrong side of it.
ROUNDING = 1e-12
#: Hours in a week: the most :func:`working_time`'s ``hours`` (of the working week) can be.
WEEK_HOURS = 168.0
#: Float rounding allowed outside [0, 1] in bootstrap draws (a weighted mean of draws that are
#: all 1.0 can be 1.0000000000000002): rounding, not a bad value.
DRAWS_ROUNDING = 1e-9


def check_fraction(value, name: str) -> float:
    """``value`` as a float in [0, 1]; raise :class:`~exposure.errors.DataFormatError` otherwise.

    Text, booleans, ``None``, NaN and infinities are refused. A float32 or float16 is read
    as the decimal it shows (:func:`~exposure._args.as_shown`), as :func:`~exposure.rollup.rollup`
    reads it: ``np.float32(0.7)`` was 0.699999988079071, and a beta of 0.7 counted as above
    an ``exposed_threshold`` of 0.7.

    Examples
    --------
    >>> check_fraction(0.3, "exposed_threshold")
    0.3
    >>> check_fraction(np.float32(0.7), "exposed_threshold")
    0.7
    >>> check_fraction(float("nan"), "exposed_threshold")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: exposed_threshold must be a number in [0, 1], got nan
    """
    ok = isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)) and 0 <= value <= 1
    if not ok:
        raise DataFormatError(f"{name} must be a number in [0, 1], got {value!r}")
    return float(as_shown(value))


def check_gain(gain) -> float:
    """``gain`` as a float in [0, 1]; raise :class:`~exposure.errors.ExposureError` otherwise.

    A float32 ``0.3`` is 0.3 (:func:`check_fraction`), not 0.30000001192092896.

    Examples
    --------
    >>> check_gain(0.5)
    0.5
    >>> check_gain("0.5")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: gain must be a number in [0, 1], got '0.5'
    """
    return check_fraction(gain, "gain")


def _industry_cells(employment: pd.DataFrame, level: str, *, warn: bool = True, row_offset: int = 1):
    """Industries of ``level``, their totals, and their detailed occupation cells.

    ``row_offset``: the row of a file that the frame's first row is, in the message of a
    SOC group beside a code it holds (:func:`~exposure.rollup._soc.national_detailed`) or of
    an industry written two ways (:func:`_refuse_two_spellings`).

    An industry's title is the first one its rows give (:func:`_first_titles`); with
    ``warn``, a second title is logged, once per ``employment`` frame and level
    (:func:`_warn_once`): :func:`to_sectors`, :func:`workforce_stats` and
    :func:`working_time` of one roll-up read one frame. Only :func:`to_sectors` warned: the
    latter two, called on their own, kept the first title without a word.

    Rows of ``level`` without a ``detailed`` cell (an OEWS table cut to its ``total`` and
    ``major`` rows) are refused: every industry came out unscored, its whole total counted
    as ``suppressed_emp``, with a warning that blamed the SOC codes of the scores. A NAICS
    code that is not one is named with :func:`_naics_hint`'s hint (``'31–33'``, an en
    dash pasted from a document, looked like the ``31-33`` it was told to give).
    """
    if not (isinstance(level, str) and level in LEVELS):  # a list is refused too, not a TypeError
        # OEWS's i_group ('3-digit') was told the choices and no more
        named = next((k for k, v in LEVELS.items() if isinstance(level, str) and v != k and v == level), None)
        hint = f": write {named!r} (OEWS's i_group {level!r})" if named else choice_hint(level, LEVELS)
        raise DataFormatError(f"unknown level {level!r}; expected 'sector' or 'subsector'{hint}")
    f = employment_frame(employment)
    groups = sorted(set(f["i_group"].dropna()) - {"cross-industry"})
    f = f[f["i_group"] == LEVELS[level]]
    if f.empty and groups:  # industry rows of other levels: "a national table" was said of them
        raise DataFormatError(f"employment frame has no {level} rows (i_group {LEVELS[level]!r}); its industry rows "
                              f"are of i_group {', '.join(repr(g) for g in groups)}: give the {LEVELS[level]} rows of "
                              "the OEWS by-industry table")
    if f.empty:
        raise DataFormatError(f"employment frame has no {level} rows (i_group {LEVELS[level]!r}): give an OEWS "
                              "by-industry table (a national table has cross-industry rows only)")
    names = _employment_names(employment)  # the columns as the caller's frame names them
    # a missing code was reported as a duplicate cell of NAICS 'nan', a padded one made an industry
    bad = _first_mismatch(f["naics"], OEWS_NAICS_PATTERN, "an OEWS industry code (like 11, 31-33 or 113000)")
    if bad is not None:
        column = names.get("naics", "naics")
        code = f["naics"].iloc[bad[0]]
        hint = "" if code is None else _naics_hint(str(code))
        raise DataFormatError(f"{column} {bad[1]}{hint}", path=EMPLOYMENT_FRAME, row=int(f.index[bad[0]]) + 1,
                              column=column)
    _refuse_other_levels(f, level, names.get("naics", "naics"))
    _refuse_two_spellings(f, level, names.get("naics", "naics"), row_offset)  # 52 and 520000: one sector, two rows
    _refuse_too_large(f, names.get("tot_emp", "tot_emp"))
    industries = _first_titles(f, "naics", "naics_title", f"{level} NAICS",
                               names.get("naics_title", "naics_title"), warn=warn, frame=employment)
    industries = industries.sort_values("naics").reset_index(drop=True)
    totals = f[f["o_group"] == "total"]
    _refuse_other_totals(totals, level, names.get("tot_emp", "tot_emp"))  # the first was kept without a word
    totals = totals.drop_duplicates("naics").set_index("naics")["tot_emp"]
    cells = f[f["o_group"] == "detailed"]
    if cells.empty:  # every industry unscored, its total "suppressed", and the scores' codes blamed
        column = names.get("o_group", "o_group")
        given = ", ".join(repr(g) for g in sorted(set(f["o_group"])))
        raise DataFormatError(f"no detailed occupation rows ({column} 'detailed') of its {level} rows (i_group "
                              f"{LEVELS[level]!r}; they are of {column} {given}): the {level} measures are means "
                              "over the detailed cells of each industry; give the OEWS by-industry table with its "
                              "detailed rows", path=EMPLOYMENT_FRAME, column=column)
    _refuse_group_cells(cells, names.get("occ_code", "occ_code"), names.get("o_group", "o_group"))
    _refuse_repeated_cells(cells, level, names.get("occ_code", "occ_code"))
    # 15-1250 beside 15-1252 in one industry: the member's workers were summed twice
    refuse_nested_codes(cells["occ_code"], EMPLOYMENT_FRAME, names.get("occ_code", "occ_code"),
                        "detailed rows", keys=cells["naics"],
                        key_where=f" of the {level} NAICS {{!r}}", row_offset=row_offset)
    # one order whatever the frame's (the sums over cells ran in row order: a shuffled
    # OEWS frame gave sector means that differed in the 16th digit)
    cells = cells.sort_values(["naics", "occ_code"], kind="stable").reset_index(drop=True)
    industries["tot_emp"] = totals.reindex(industries["naics"]).to_numpy()
    return industries, cells


def _naics_hint(code: str) -> str:
    """What a malformed NAICS cell ``code`` of an employment frame may be, or ``""``.

    :func:`~exposure.crosswalks.code_hint` with the pattern of OEWS's industry codes
    (:data:`~exposure.schemas._fields.OEWS_NAICS_PATTERN`): a code is advised only when it
    is one (``'3–33'`` was told to write ``'3-33'``, refused again), and a code padded
    with spaces (``' 52'``) is told the code to write (it was named without a word of
    why). A whole number written as text (``'113000.0'``, where the number ``113000.0``
    is read as its code) is told the code to write: ``code_hint`` tells it (this module
    kept a copy of that advice), also with spaces around it (``' 11.0 '``).

    Examples
    --------
    >>> _naics_hint("3\u201333")
    ": '–' (U+2013, a dash that is not the hyphen '-'; pasted from a document?)"
    >>> _naics_hint(" 52"), _naics_hint("113000.0")
    (": spaces around the code: write '52'", ": a code saved as a number? write it without its decimals: '113000'")
    >>> _naics_hint(" 11.0 ")
    ": spaces around the code: a code saved as a number? write it without its decimals: '11'"
    """
    return code_hint(code, OEWS_NAICS_PATTERN)


def _first_titles(f: pd.DataFrame, key: str, title: str, what: str, column: str, *, warn: bool = True,
                  frame: pd.DataFrame | None = None, path=None, row_offset=1) -> pd.DataFrame:
    """One row per ``key`` (first-seen order) with the first title its rows give.

    ``f`` holds rows of an employment frame (index: its rows, from 0). A title missing on
    the first row of a code (a blank cell) hid the title of the rows below (the sector came
    out untitled); a code given two titles (two OEWS releases, or a frame built by hand)
    kept the first without a word. The first title given is kept (a blank text, ``''`` or
    spaces, as ``pd.read_csv(..., keep_default_na=False)`` reads an empty cell, is no
    title: it was kept as the sector's title, or called a second title), and with ``warn``
    a second one is logged, naming both titles and their rows, once per caller's ``frame``
    and code (:func:`_warn_once`). With ``path`` (the file the frame was read from) the
    warning names the file and its rows, the frame's first row being row ``row_offset``
    of the file (or a function giving it, called only to warn): ``exposure rollup
    --employment FILE`` named the frame's rows, one above the file's.

    Examples
    --------
    >>> f = pd.DataFrame({"naics": ["52", "52", "11"], "naics_title": [" ", "Finance", "Farms"]})
    >>> _first_titles(f, "naics", "naics_title", "sector NAICS", "naics_title").to_dict("list")
    {'naics': ['52', '11'], 'naics_title': ['Finance', 'Farms']}
    """
    codes = f[key].astype(str)
    titles = f[title].astype(object)
    text = titles.astype("string").str.strip()
    given = (titles.notna() & (text != "")).to_numpy(dtype=bool, na_value=False)
    first = titles[given].groupby(codes[given].to_numpy(), sort=False).first()
    out = pd.DataFrame({key: f[key].drop_duplicates().to_numpy()})
    out[title] = first.reindex(out[key].astype(str).to_numpy()).to_numpy(dtype=object)
    if warn and given.any():
        text = text[given].astype(str)
        ref = text.groupby(codes[given].to_numpy()).transform("first")
        other = (text != ref).to_numpy(dtype=bool)
        if other.any():
            k = int(np.flatnonzero(other)[0])
            code = codes[given].iloc[k]
            j = int(np.flatnonzero((codes[given] == code).to_numpy(dtype=bool))[0])
            rows = titles[given].index
            n = int(pd.Series(codes[given].to_numpy()[other]).nunique())
            offset = row_offset() if callable(row_offset) else row_offset
            a, b = int(rows[j]) + offset, int(rows[k]) + offset
            said = (f"the {what} {code!r} has two titles, {titles[given].iloc[j]!r} on row {a} and "
                    f"{titles[given].iloc[k]!r} on row {b}")
            more = f" ({n} codes have other titles)" if n > 1 else ""
            # the file named first, as its errors are (it was "F, row 7, column 'naics_title':
            # employment frame: the sector NAICS ...")
            message = (f"{EMPLOYMENT_FRAME}: {said} of the frame (column {column!r}); the first is kept{more}"
                       if path is None else str(DataFormatError(f"{said}; the first is kept{more}",
                                                                path=path, row=b, column=column)))
            _warn_once(frame, message, key=(what, code))
    return out


def warn_titles(employment: pd.DataFrame, *, path=None, row_offset=1) -> None:
    """Log a second title of an industry or a major group of ``employment``, naming file ``path``'s rows.

    The warnings of :func:`to_sectors`, :func:`workforce_stats` and :func:`working_time`
    (:func:`_first_titles`), given ahead of them by ``exposure rollup --employment FILE``,
    which names the file and its rows (``row_offset``: the file's row of the frame's first
    row, or a function giving it); the roll-up of the same frame object then does not
    repeat them (:func:`_warn_once`). They named the frame's rows, one above the file's.
    """
    f = employment_frame(employment)
    names = _employment_names(employment)
    for level, group in LEVELS.items():
        _first_titles(f[f["i_group"] == group], "naics", "naics_title", f"{level} NAICS",
                      names.get("naics_title", "naics_title"), frame=employment, path=path, row_offset=row_offset)
    _first_titles(_major_rows(f), "occ_code", "occ_title", "major group", names.get("occ_title", "occ_title"),
                  frame=employment, path=path, row_offset=row_offset)


def _major_rows(f: pd.DataFrame) -> pd.DataFrame:
    """The cross-industry rows of SOC major groups of ``f`` (:func:`~exposure.rollup.employment_frame`)."""
    return f[(f["i_group"] == "cross-industry") & (f["o_group"] == "major")]


#: The employment frame whose warnings :func:`_warn_once` logged last (a weak reference), and their keys.
_LOGGED: dict = {"frame": None, "keys": set()}


def _warn_once(frame: pd.DataFrame | None, message: str, key=None, *, said: bool = False) -> None:
    """Log ``message`` as a warning unless one of its ``key`` was logged already for this very ``frame`` object.

    ``said``: the caller said it in other words (the key is kept, nothing is logged).

    A roll-up reads one employment frame in :func:`to_sectors`, :func:`workforce_stats`
    and :func:`working_time` (and again for the bootstrap intervals): a second title of an
    industry is logged once, not once per function. ``key`` (default: the message) tells
    the same warning in other words: that of ``exposure rollup``, naming the file's rows,
    and the roll-up's, naming the frame's. Another frame (or None) is warned of afresh.
    """
    key = message if key is None else key
    ref = _LOGGED["frame"]
    if frame is None or ref is None or ref() is not frame:
        try:
            _LOGGED["frame"] = None if frame is None else weakref.ref(frame)
        except TypeError:  # an object without weak references: warned of at every call
            _LOGGED["frame"] = None
        _LOGGED["keys"] = set()
    if key in _LOGGED["keys"]:
        return
    if _LOGGED["frame"] is not None:
        _LOGGED["keys"].add(key)
    if not said:
        log.warning("%s", message)


#: NAICS code of each industry level as BLS writes it: a sector has two digits (``31-33``,
#: ``44-45`` and ``48-49`` span several), a 3-digit industry three (``113000``, or ``113``).
LEVEL_PATTERNS = {"sector": rf"^{NAICS_SECTOR_CODE}\Z", "subsector": rf"^{NAICS_SUBSECTOR_CODE}\Z"}
_LEVEL_EXAMPLES = {"sector": "11, 31-33, 44-45, 48-49 or 520000: two digits, as given or padded with zeros",
                   "subsector": "113000 or 113: three digits"}


def _refuse_other_levels(f: pd.DataFrame, level: str, column: str = "naics") -> None:
    """Refuse a row of ``level`` whose NAICS code is of another level, naming the row.

    ``f`` holds the rows of ``level`` (index: rows of the employment frame, from 0). A
    ``sector`` row coded ``113000`` or ``000000``, a ``3-digit`` row coded ``11``, ``1133``
    or ``113300`` (a frame put together by hand, 4-digit codes given as subsectors) was
    rolled up as an industry of ``level`` without a word. A sector code padded to six
    digits (``520000``, as the cross-industry ``000000``) is a sector code.

    Examples
    --------
    >>> f = pd.DataFrame({"naics": ["11", "113000"]})
    >>> _refuse_other_levels(f, "sector", "NAICS")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, row 2, column 'NAICS': NAICS '113000' on a sector row (i_group 'sector') is not a sector code (11, 31-33, 44-45, 48-49 or 520000: two digits, as given or padded with zeros)
    """
    codes = f["naics"].astype(str)
    bad = ~codes.str.fullmatch(LEVEL_PATTERNS[level]).to_numpy(dtype=bool, na_value=False)
    if not bad.any():
        return
    k = int(np.flatnonzero(bad)[0])
    raise DataFormatError(f"{column} {codes.iloc[k]!r} on a {level} row (i_group {LEVELS[level]!r}) is not a "
                          f"{level} code ({_LEVEL_EXAMPLES[level]})", path=EMPLOYMENT_FRAME,
                          row=int(f.index[k]) + 1, column=column)


def _refuse_two_spellings(f: pd.DataFrame, level: str, column: str = "naics", row_offset: int = 1) -> None:
    """Refuse an industry of ``level`` written two ways, as given and padded with zeros, naming both rows.

    ``f`` holds the rows of ``level`` (index: rows of the employment frame, from 0), their
    codes checked by :func:`_refuse_other_levels`: a sector is ``52`` or ``520000``, a
    3-digit industry ``113`` or ``113000``. Rows of both spellings (a frame stacked from two
    sources) made two industries of one: two rows of sector 52, in the sector table, the
    workforce table and the working-time scenario, each with part of its cells, and its
    workers counted twice in any sum over the sectors, without a word. ``row_offset``: the row
    that the frame's first row is in the message (:func:`_industry_cells`), the error's own
    row being the frame's.

    Examples
    --------
    >>> f = pd.DataFrame({"naics": ["52", "11", "520000"]})
    >>> _refuse_two_spellings(f, "sector", "NAICS")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment frame, row 3, column 'NAICS': the sector NAICS '52' (row 1) is written '520000' on row 3 (padded with zeros): one sector would be two; write its code one way
    """
    codes = f["naics"].astype(str)
    width = 2 if level == "sector" else 3
    padded = codes.str.fullmatch(rf"[0-9]{{{width}}}0+").to_numpy(dtype=bool, na_value=False)
    spellings = pd.DataFrame({"industry": codes.where(~padded, codes.str[:width]).to_numpy(dtype=object),
                              "code": codes.to_numpy(dtype=object)}).drop_duplicates("code")  # index: positions
    other = spellings["industry"].duplicated().to_numpy(dtype=bool)
    if not other.any():
        return
    k = int(spellings.index[np.flatnonzero(other)[0]])
    j = int(spellings.index[(spellings["industry"] == spellings.loc[k, "industry"]).to_numpy(dtype=bool)][0])
    a, b = int(f.index[j]) + row_offset, int(f.index[k]) + row_offset
    raise DataFormatError(f"the {level} NAICS {codes.iloc[j]!r} (row {a}) is written {codes.iloc[k]!r} on row {b} "
                          f"(padded with zeros): one {level} would be two; write its code one way",
                          path=EMPLOYMENT_FRAME, row=int(f.index[k]) + 1, column=column)


def _refuse_too_large(f: pd.DataFrame, column: str = "tot_emp") -> None:
    """Refuse a ``tot_emp`` of 2**63 or more (:data:`exposure._tables.MAX_COUNT`), naming the row.

    ``f`` holds the rows of a level (index: rows of the employment frame, from 0).
    :func:`exposure.oews.read_oews` refuses such a number in a file; in a frame
    (``pd.read_csv``) ``1e308`` overflowed once summed: ``covered_emp`` inf and every
    measure 0.0.
    """
    emp = f["tot_emp"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        big = emp >= MAX_COUNT  # NaN (suppressed): not big
    if big.any():
        k = int(np.flatnonzero(big)[0])
        raise DataFormatError(f"{column} is too large for a number of workers, got {float(emp[k])!r}",
                              path=EMPLOYMENT_FRAME, row=int(f.index[k]) + 1, column=column)


def _refuse_group_cells(cells: pd.DataFrame, column: str = "occ_code", group: str = "o_group") -> None:
    """Refuse a ``detailed`` cell whose occupation is a major group or the total (``XX-0000``).

    ``cells`` are the detailed rows of a level (index: rows of the employment frame, from
    0). Such a cell (a frame built by hand; :func:`exposure.oews.read_oews` refuses it in
    a file) was summed with the occupations it holds, which counted their workers twice.
    """
    codes = cells["occ_code"].astype(str)
    bad = codes.str.fullmatch(r"[0-9]{2}-0000").to_numpy(dtype=bool, na_value=False)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        what = "the All Occupations total" if codes.iloc[k] == "00-0000" else "a major group"
        raise DataFormatError(f"{column} {codes.iloc[k]!r} is {what}, not a detailed occupation, on a row whose "
                              f"{group} is 'detailed': the detailed rows are summed, so its workers would be "
                              "counted twice", path=EMPLOYMENT_FRAME, row=int(cells.index[k]) + 1, column=column)


def _refuse_repeated_cells(cells: pd.DataFrame, level: str, column: str = "occ_code") -> None:
    """Refuse an occupation cell of an industry given twice, naming both rows.

    ``cells`` are the detailed rows of ``level`` (index: rows of the employment frame,
    from 0); ``column`` is the occupation column as the caller's frame names it
    (``OCC_CODE``). The message named the industry and occupation, not the rows.
    """
    twice = cells.duplicated(["naics", "occ_code"]).to_numpy()
    if not twice.any():
        return
    k = int(np.flatnonzero(twice)[0])
    naics, occ = cells["naics"].iloc[k], cells["occ_code"].iloc[k]
    same = ((cells["naics"] == naics) & (cells["occ_code"] == occ)).to_numpy()
    first, row = int(cells.index[int(np.flatnonzero(same)[0])]) + 1, int(cells.index[k]) + 1
    raise DataFormatError(f"duplicate {level} cell: NAICS {str(naics)!r}, occupation {str(occ)!r} (rows "
                          f"{first} and {row}): keep one row per industry and occupation", path=EMPLOYMENT_FRAME,
                          row=row, column=column)


def _refuse_other_totals(totals: pd.DataFrame, level: str, column: str = "tot_emp") -> None:
    """Refuse an industry whose "All Occupations" row is given twice with other employment.

    ``totals`` are the ``total`` rows of ``level`` (index: rows of the employment frame,
    from 0). Two OEWS releases concatenated gave two totals, and the first was kept without
    a word (coverage and suppressed employment computed from it). Repeats alike count once.
    ``column`` is the employment column as the caller's frame names it (``TOT_EMP``).
    """
    emp = totals["tot_emp"].to_numpy(dtype=float)
    first = pd.Series(np.arange(len(totals))).groupby(totals["naics"].astype(str).to_numpy()).transform("min")
    ref = emp[first.to_numpy()]
    differ = ~((ref == emp) | (np.isnan(ref) & np.isnan(emp)))
    if differ.any():
        k = int(np.flatnonzero(differ)[0])
        j = int(first.iloc[k])
        shown_emp = [None if np.isnan(v) else float(v) for v in (ref[k], emp[k])]
        raise DataFormatError(f"the {level} NAICS {str(totals['naics'].iloc[k])!r} has two All Occupations totals, "
                              f"{shown_emp[0]!r} on row {int(totals.index[j]) + 1} and {shown_emp[1]!r} on row "
                              f"{int(totals.index[k]) + 1}: keep one (two OEWS releases in one frame?)",
                              path=EMPLOYMENT_FRAME, row=int(totals.index[k]) + 1, column=column)


def _cell_matrix(cells: pd.DataFrame, industries: pd.DataFrame, soc_codes, values) -> sparse.csr_matrix:
    """Sparse (n_industries x n_soc) matrix of cell ``values`` (NaN -> 0; unknown codes dropped)."""
    row = pd.Index(industries["naics"]).get_indexer(cells["naics"])
    col = pd.Index(soc_codes).get_indexer(cells["occ_code"])
    v = np.nan_to_num(np.asarray(values, dtype=float))
    ok = (row >= 0) & (col >= 0)
    return sparse.csr_matrix((v[ok], (row[ok], col[ok])), shape=(len(industries), len(soc_codes)))


def _warn_cells_unknown(employment: pd.DataFrame, cells: pd.DataFrame, soc_codes, level: str, *,
                        said: bool = False) -> None:
    """Warn of released cells of ``level`` at occupation codes without a row in ``soc_scores`` (``soc_codes``).

    Such a cell (an industry file of one's own at a broad group, ``15-1250``, or at a code
    of another SOC edition, beside cross-industry rows of detailed codes) has no score to
    take: its workers are not scored, and its industry's ``coverage`` is lower, without a
    word of why. Said once per ``employment`` frame and level (:func:`_warn_once`:
    :func:`to_sectors`, :func:`workforce_stats` and :func:`working_time` of one roll-up
    read the same cells), with the count of cells, of industries, their workers and their
    share of the released workers of the level's cells. A cell of a code that
    ``soc_scores`` has without a score is an unscored occupation, not said here. The
    tables of OEWS May 2021 to 2025 have no such cell. ``said``: :func:`_warn_unmatched`
    warned that most scored codes are in no cell (codes of another SOC edition), which
    says it from the other side: not said again.
    """
    col = pd.Index(np.asarray(soc_codes, dtype=str)).get_indexer(cells["occ_code"].astype(str))
    emp = np.nan_to_num(cells["tot_emp"].to_numpy(dtype=float))
    lost = (col < 0) & (emp > 0)
    if not lost.any():
        return
    k = int(np.flatnonzero(lost)[0])
    n, n_ind = int(lost.sum()), int(cells.loc[lost, "naics"].nunique())
    code, naics = str(cells["occ_code"].iloc[k]), str(cells["naics"].iloc[k])
    kind = _group_of(code)
    hint = f", {kind[0]}" if kind is not None else ""
    one = n == 1
    _warn_once(employment, f"{level}: {n} released occupation cell{'' if one else 's'} of {n_ind} "
               f"industr{'y' if n_ind == 1 else 'ies'} ({emp[lost].sum():,.0f} workers, "
               f"{emp[lost].sum() / emp.sum():.1%} of the released workers of the {level} cells) "
               f"{'is' if one else 'are'} at an occupation code without a row in soc_scores (e.g. {code!r}"
               f"{hint}, in NAICS {naics!r}), so {'its' if one else 'their'} workers are not scored and the "
               f"coverage of {'its industry' if n_ind == 1 else 'their industries'} is lower for it; give the "
               "industry cells at the OEWS occupation codes of soc_scores (the cross-industry detailed codes "
               "of the employment)", key=("cells without scores", level), said=said)


def _code_order(codes) -> np.ndarray:
    """Positions of ``codes`` sorted (stable): the order the sums over OEWS codes run in.

    Sums over occupations (sparse products, ``bincount``) run in row order, so the same
    scores in another row order differed in the 16th digit. The code's rows are reordered
    by this before summing (after every check, so errors still name the caller's rows).

    Examples
    --------
    >>> _code_order(["13-1020", "11-1011"]).tolist()
    [1, 0]
    """
    return np.argsort(np.asarray(codes, dtype=str), kind="stable")


def _soc_values(soc_scores: pd.DataFrame) -> np.ndarray:
    """The measures of ``soc_scores`` (n x len(MEASURES)), checked by :func:`~exposure.rollup._soc.measure_values`."""
    return measure_values(soc_scores.reset_index(drop=True), "soc_scores", MEASURES)


def _check_soc_codes(soc_scores: pd.DataFrame) -> np.ndarray:
    """``soc_code`` as strings, each an OEWS occupation code (``11-1011``); raise naming the row.

    A code that is not one is named with :func:`~exposure.crosswalks.code_hint`'s hint: an
    en dash pasted from a document (``'11–1011'``) looked like the code it was told to give.
    The frame is named first, as :func:`~exposure.rollup._soc.check_codes` names it
    (``soc_scores, row 2, column 'soc_code': not a SOC code ...``).
    """
    check_codes(soc_scores.reset_index(drop=True), "soc_scores", ["soc_code"])
    return soc_scores["soc_code"].astype(str).to_numpy()


def _refuse_nested_scores(soc_scores: pd.DataFrame) -> None:
    """Refuse SOC scores (checked codes, each once) giving a SOC group beside a code it holds.

    SOC scores built by hand with a broad group (``15-1250``) and one of its occupations
    (``15-1252``), each with its ``tot_emp``, counted the occupation's workers twice in
    :func:`workforce_stats` (all workers 3,600 of 3,000) and :func:`coverage`. The scores
    of :func:`~exposure.rollup.to_soc` never do (their codes are those of the employment's
    detailed rows, refused there).
    """
    refuse_nested_codes(soc_scores["soc_code"].reset_index(drop=True), "soc_scores", "soc_code", "rows")


def _beta_limit(soc_scores: pd.DataFrame, threshold: float) -> np.ndarray:
    """``threshold`` for the ``beta`` of each row of ``soc_scores``, rounded as that beta is stored.

    :func:`~exposure.rollup._soc.stored_threshold`: a beta stored as float32 (``float32``,
    ``Float32``, ``float[pyarrow]``, categorical of them, numpy float32 items) is compared
    with the float32 threshold, so that a beta of 0.6 is not above an
    ``exposed_threshold`` of 0.6 (float32's 0.6 is 0.6000000238418579).

    Examples
    --------
    >>> _beta_limit(pd.DataFrame({"beta": np.float32([0.6])}), 0.6).tolist()
    [0.6000000238418579]
    """
    if "beta" not in soc_scores.columns:
        return np.full(len(soc_scores), float(threshold))
    beta = soc_scores["beta"].reset_index(drop=True)
    return stored_threshold(threshold, stored_sizes(beta, beta))


def _refuse_partial_measures(vals: np.ndarray) -> None:
    """Refuse a ``soc_scores`` row giving some of alpha, beta, gamma and not the others.

    ``vals`` holds the measures of :data:`~exposure._measures.MEASURES`, alpha, beta and
    gamma first.

    :func:`to_sectors` counts ``covered_emp`` over the cells whose occupation has a beta,
    while each mean skipped the cells without its measure: a row with alpha and gamma but
    no beta (a ``soc_scores`` made by hand) made the alpha and gamma means of an industry
    means over more workers than its ``covered_emp`` (and a sector with no beta at all
    "unscored" with alpha and gamma means). A measure other than beta missing on every row
    is left out (its means are missing), as before. Rows are counted from 1 by position.

    Examples
    --------
    >>> _refuse_partial_measures(np.array([[0.2, 0.4, 0.6], [0.6, np.nan, 0.8]]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'beta': alpha, gamma are given and beta is missing: an industry's means and covered_emp are over the same workers (those whose occupation has a beta); give alpha, beta and gamma on a row, or none of them (leave alpha or gamma empty on every row to leave it out)
    """
    found = partial_measures(vals, required=("beta",))  # covered_emp: the workers with a beta
    if found is not None:
        pos, said, column = found
        raise DataFormatError(f"{said}: an industry's means and covered_emp are over the same workers (those "
                              "whose occupation has a beta); give alpha, beta and gamma on a row, or none of "
                              "them (leave alpha or gamma empty on every row to leave it out)", path="soc_scores",
                              row=pos + 1, column=column)


def _detailed_codes(employment: pd.DataFrame) -> np.ndarray:
    """The occupation codes of the ``detailed`` rows of ``employment``, of every industry and cross-industry.

    Read from the caller's columns (checked by :func:`~exposure.rollup.employment_frame`
    before): the OEWS occupation codes the frame knows, whether or not an industry of a
    level employs them.
    """
    names = _employment_names(employment)
    detailed = employment[names["o_group"]].astype(str).to_numpy() == "detailed"
    return employment[names["occ_code"]].astype(str).to_numpy()[detailed]


def _warn_unmatched(soc_codes: np.ndarray, beta: np.ndarray, cells: pd.DataFrame, level: str,
                    known: np.ndarray) -> bool:
    """Log a warning when none, or under half, of the scored codes are OEWS codes of the employment frame.

    ``known`` holds the frame's occupation codes (:func:`_detailed_codes`). A scored code
    in none of the ``level`` cells but in ``known`` (its cross-industry rows, another
    industry) is an OEWS code that the industries given do not employ: said at INFO level.
    A frame of one industry (the by-industry table cut to NAICS 52) was warned of as if
    the scores held codes of another SOC edition: ``only 262 of the 783 scored SOC codes
    are in the OEWS sector cells ...; are they the OEWS occupation codes (SOC 2018) of
    to_soc?``, for the very codes of :func:`~exposure.rollup.to_soc`. Returns whether
    the codes were said to miss the cells (a warning of another SOC edition).
    """
    scored = soc_codes[~np.isnan(beta)]
    if not len(scored):
        log.warning("%s: no SOC code of soc_scores has a beta score; every %s is unscored", level, level)
        return False
    hit = pd.Index(scored).isin(cells["occ_code"].unique())
    n_hit, n = int(hit.sum()), len(scored)
    if n_hit == n:
        return False
    oews = pd.Index(scored).isin(pd.unique(known))
    example = str(scored[~hit][0])
    if 2 * int(oews.sum()) < n:
        example = str(scored[~oews][0])
        log.warning("%s: %s of the %d scored SOC codes %s in the OEWS %s cells (e.g. %r is not), so "
                    "their employment is not scored; are they the OEWS occupation codes (SOC 2018) of to_soc?",
                    level, f"only {n_hit}" if n_hit else "none", n, "are" if n_hit > 1 else "is", level, example)
        return True
    log.info("%s: %d of the %d scored SOC codes are not in the OEWS %s cells (e.g. %r)",
             level, n - n_hit, n, level, example)
    return False


def to_sectors(
    soc_scores: pd.DataFrame,
    employment: pd.DataFrame,
    level: str = "sector",
    exposed_threshold: float = GT_THRESHOLD,
) -> pd.DataFrame:
    """Employment-weighted exposure of NAICS sectors or 3-digit subsectors.

    Uses the detailed occupation cells of each industry in the OEWS by-industry table
    (``i_group`` ``sector`` -- 20 sectors, with ``31-33``, ``44-45`` and ``48-49`` coded
    as such -- or ``3-digit``). A measure is the mean over cells whose employment is
    released and whose occupation has a score, weighted by the cell's employment.
    Cells with employment not released (``**``) are counted in ``suppressed_cells``; their
    combined employment is estimable as the industry's "All Occupations" total minus the
    released detailed cells (``suppressed_emp``), but it cannot be attributed to
    occupations, so it is not scored: ``coverage`` = ``covered_emp / tot_emp`` shows it.
    (:func:`workforce_stats`' sector rows give as ``tot_emp`` the released cells alone,
    ``tot_emp - suppressed_emp`` here; their ``covered_emp`` and means are the same.)
    An industry's ``naics_title`` is the first title its rows give (a blank cell is
    skipped); a second, other title is logged as a warning naming both and their rows
    (once per employment frame and level: :func:`workforce_stats` and :func:`working_time`
    warn of it too, unless a call on the same frame did).

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        :class:`~exposure.schemas.SocScores`: each ``soc_code`` an OEWS occupation code
        (``11-1011``) given once; the measures present numbers in [0, 1] or missing
        (booleans are refused).
    employment : pandas.DataFrame
        OEWS by-industry frame (see :func:`~exposure.rollup.employment_frame`).
    level : {"sector", "subsector"}, default "sector"
        A string; anything else (``["sector"]``, None) is refused.
    exposed_threshold : float, default 0.5
        ``exposed_workers`` counts workers in occupations with beta above this (by more
        than :data:`ROUNDING`, float rounding); a number in [0, 1]. A beta stored as
        float32 (a Stata ``float``, ``Float32``, ``float[pyarrow]``) is compared with the
        threshold rounded to float32: a beta of 0.6 is not above 0.6 (as a float64 it is
        0.6000000238, and its workers were counted as exposed).

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas.SectorScores`. A warning is logged when no code has a
        beta score, or when under half of the scored codes are in the OEWS cells of
        ``level`` and in no other detailed row of ``employment`` either (codes of another
        SOC edition?; codes that the frame has, cross-industry or in another industry, are
        said at INFO level: a frame of one industry employs few occupations), and when an
        industry has no "All Occupations" (``00-0000``) total or a suppressed one: its ``tot_emp``,
        ``coverage`` and ``suppressed_emp`` are missing; when an industry's total is 0
        (its ``coverage`` is missing); and when an industry's released cells add up to
        more workers than its total (``coverage`` is clipped to 1, ``suppressed_emp`` to 0);
        and when released cells are at occupation codes without a row in ``soc_scores``
        (a broad group ``15-1250`` of an industry file of one's own beside cross-industry
        detailed codes): their workers are not scored, said with their count and share
        (:func:`_warn_cells_unknown`; it was said by the coverage alone).

    Raises
    ------
    exposure.errors.DataFormatError
        A bad ``exposed_threshold`` or ``level``, a ``soc_scores`` without rows
        (``soc_scores have no rows``), or a bad ``soc_scores`` row (a missing,
        repeated or malformed ``soc_code``, a measure that is not a number in [0, 1], some
        of alpha, beta and gamma given and not the others -- ``covered_emp`` counts the
        workers with a beta, so alpha and gamma would be means over other workers --
        ``soc_scores, row 2, column 'beta': alpha, gamma are given and beta is missing``,
        alpha, beta and gamma out of the rubric's order, ``alpha <= beta <= gamma`` within
        1e-6, which means of task scores keep: two columns swapped, averaged as given before,
        :func:`~exposure.rollup._soc.refuse_rubric_order`),
        naming the row (counted from 1) and column; or a bad ``employment`` frame (a
        ``tot_emp`` or ``a_mean`` that is other text, a boolean, negative or infinite,
        its row and column named: :func:`~exposure.rollup.employment_frame`; a row of
        ``level`` whose ``naics`` is missing or not an OEWS industry code, ``' 11'``,
        ``11.5`` (``11.0`` is read as ``'11'``), naming the column as the frame does; a
        row of ``level`` whose code is of another level (a ``sector`` row coded ``113000``
        or ``000000``, a ``3-digit`` row coded ``11`` or ``113300``); a ``detailed`` cell
        whose occupation is a major group or the total (``11-0000``: counted twice); a
        ``tot_emp`` of 2**63 or more (it overflowed once summed); an occupation cell of an
        industry given twice, naming both rows (counted from 1); an industry's "All
        Occupations" total given twice with other employment, naming both rows; rows of
        ``level`` without a ``detailed`` cell, ``employment frame, column 'o_group': no
        detailed occupation rows (o_group 'detailed') of its sector rows ...``; an
        industry written two ways, ``52`` and ``520000``, naming both rows). A malformed
        ``naics`` or ``soc_code`` is named with :func:`~exposure.crosswalks.code_hint`'s
        hint (an en dash pasted from a document, a code read as a date).

    Examples
    --------
    Sector 11 has 60 workers in 11-1011 (beta 0.6), 40 in 13-1020 (beta 0.1) and one
    suppressed cell; its total is 120, so 20 workers are in the suppressed cell:
    beta = (60 * 0.6 + 40 * 0.1) / 100 = 0.4.

    >>> soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252"],
    ...     "alpha": [0.5, 0.0, 0.9], "beta": [0.6, 0.1, 0.9], "gamma": [0.7, 0.2, 0.9]})
    >>> emp = pd.DataFrame({"naics": "11", "naics_title": "Agriculture", "i_group": "sector",
    ...     "occ_code": ["00-0000", "11-1011", "13-1020", "15-1252"],
    ...     "o_group": ["total", "detailed", "detailed", "detailed"],
    ...     "tot_emp": ["120", "60", "40", "**"]})
    >>> to_sectors(soc, emp)[["naics", "beta", "covered_emp", "exposed_workers",
    ...                       "suppressed_cells", "suppressed_emp"]]
      naics  beta  covered_emp  exposed_workers  suppressed_cells  suppressed_emp
    0    11   0.4        100.0             60.0                 1            20.0
    """
    exposed_threshold = check_fraction(exposed_threshold, "exposed_threshold")
    # no rows: every sector unscored, said as if no code had a beta
    require_frame(soc_scores, "soc_scores", ["soc_code"], unique="soc_code", rows=True)
    soc_codes = _check_soc_codes(soc_scores)
    vals = _soc_values(soc_scores)
    _refuse_partial_measures(vals)  # alpha and gamma means over more workers than covered_emp
    refuse_rubric_order(vals, "soc_scores", "OEWS codes")  # swapped columns, averaged as given
    industries, cells = _industry_cells(employment, level)  # a second title: logged once per frame and level
    other = _warn_unmatched(soc_codes, vals[:, 1], cells, level, _detailed_codes(employment))
    # their workers unscored, without a word (said of codes of another SOC edition already)
    _warn_cells_unknown(employment, cells, soc_codes, level, said=other)
    order = _code_order(soc_codes)  # the sums run in one order whatever the rows'
    # the threshold rounded as each beta is stored: a float32 beta of 0.6 (a Stata float,
    # a Parquet float column) is 0.6000000238 as a float64, and counted as above 0.6
    limit = _beta_limit(soc_scores, exposed_threshold)[order]
    soc_codes, vals = soc_codes[order], vals[order]
    emp_m = _cell_matrix(cells, industries, soc_codes, cells["tot_emp"])
    out = pd.DataFrame(_combine(emp_m, vals), columns=list(MEASURES))
    out.insert(0, "naics", industries["naics"].to_numpy())
    out.insert(1, "naics_title", industries["naics_title"].to_numpy())
    out.insert(2, "level", level)
    beta = vals[:, 1]
    out["tot_emp"] = industries["tot_emp"].to_numpy()
    no_total = out["tot_emp"].isna().to_numpy(dtype=bool)
    if no_total.any():  # tot_emp, coverage and suppressed_emp came out missing without a word
        k = int(no_total.sum())
        log.warning("%s: %d industr%s no All Occupations (00-0000) total, or a suppressed one (NAICS %r), "
                    "so %s tot_emp, coverage and suppressed_emp are missing", level, k,
                    "y has" if k == 1 else "ies have", str(out["naics"].iloc[int(np.flatnonzero(no_total)[0])]),
                    "its" if k == 1 else "their")
    out["covered_emp"] = emp_m @ (~np.isnan(beta)).astype(float)
    zero = (out["tot_emp"] == 0).to_numpy(dtype=bool) & (out["covered_emp"] == 0).to_numpy(dtype=bool)
    if zero.any():  # 0 / 0: coverage came out missing without a word
        k = int(zero.sum())
        log.warning("%s: %d industr%s an All Occupations (00-0000) total of 0 workers and no scored "
                    "workers (NAICS %r), so %s coverage is missing", level, k, "y has" if k == 1 else "ies have",
                    str(out["naics"].iloc[int(np.flatnonzero(zero)[0])]), "its" if k == 1 else "their")
    idx = pd.Index(industries["naics"]).get_indexer(cells["naics"])
    released = np.bincount(idx, weights=np.nan_to_num(cells["tot_emp"].to_numpy()), minlength=len(industries))
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = out["covered_emp"] / out["tot_emp"]
        scored_over = (ratio > 1.001).to_numpy()
        over = (released > 1.001 * out["tot_emp"].to_numpy()) | scored_over
    # cells adding up to more than the industry's total: the OEWS file contradicts itself
    # (its published tables never do: at most 0.9998), which the clip of coverage to 1 (or,
    # when the excess is in unscored cells, of suppressed_emp to 0) would hide
    if over.any():
        k = int(np.flatnonzero(over)[0])
        log.warning("%s: the %s occupation cells of %d industr%s add up to more workers than "
                    "the industry's total (NAICS %r: %.0f against %.0f); the employment file is "
                    "inconsistent, and coverage is shown as at most 1, suppressed_emp as at least 0",
                    level, "scored" if scored_over[k] else "released", int(over.sum()),
                    "y" if over.sum() == 1 else "ies", str(out["naics"].iloc[k]),
                    out["covered_emp"].iloc[k] if scored_over[k] else released[k], out["tot_emp"].iloc[k])
    out["coverage"] = np.clip(ratio, 0, 1)
    # a beta at the threshold up to rounding (a mean of means) is not above it
    out["exposed_workers"] = emp_m @ (np.nan_to_num(beta) > limit + ROUNDING).astype(float)
    supp = cells["tot_emp"].isna().to_numpy()
    out["suppressed_cells"] = np.bincount(idx[supp], minlength=len(industries)).astype(int)
    out["suppressed_emp"] = np.clip(out["tot_emp"].to_numpy() - released, 0, None)
    n_supp = int(out["suppressed_cells"].sum())
    if n_supp:
        log.info("%s: %d suppressed cells, estimated %.0f workers", level, n_supp, out["suppressed_emp"].sum())
    return validate(out[list(SECTOR_COLUMNS)], SectorScores)


def _stats(groups: np.ndarray, n_groups: int, emp: np.ndarray, wage: np.ndarray, x: np.ndarray) -> dict:
    """Group statistics of ``x`` (n,) or draws (B, n): shares above thresholds and means."""
    x2 = np.atleast_2d(x)
    emp = np.nan_to_num(emp)
    wb = np.nan_to_num(emp * wage)
    gm = sparse.csr_matrix((np.ones(len(groups)), (np.arange(len(groups)), groups)), shape=(len(groups), n_groups))
    ok = ~np.isnan(x2)
    xv = np.where(ok, x2, 0.0)

    def agg(a):  # (B, n) -> (B, K)
        return np.asarray((gm.T @ a.T).T)

    covered = agg(ok * emp)
    wcov = agg(ok * wb)
    with np.errstate(invalid="ignore", divide="ignore"):
        res = {
            "covered_emp": covered,
            "share_ge_10": np.where(covered > 0, agg((xv >= GE_THRESHOLD - ROUNDING) * ok * emp) / covered, np.nan),
            "share_gt_50": np.where(covered > 0, agg((xv > GT_THRESHOLD + ROUNDING) * ok * emp) / covered, np.nan),
            "emp_mean": np.where(covered > 0, agg(xv * emp) / covered, np.nan),
            "wage_mean": np.where(wcov > 0, agg(xv * wb) / wcov, np.nan),
        }
    if x.ndim == 1:
        res = {k: v[0] for k, v in res.items()}
    res["tot_emp"] = np.bincount(groups, weights=emp, minlength=n_groups)
    return res


def _soc_numbers(soc: pd.DataFrame, column: str) -> np.ndarray:
    """``soc[column]`` (``tot_emp``, ``a_mean``) as floats, read as the OEWS frame's column.

    ``"1,200"`` is 1200; the BLS special values (``**``, ``*``, ``#``, ``~``) and blanks
    are missing, as :func:`~exposure.rollup.employment_frame` reads them for
    :func:`to_sectors`; other text, a boolean, a negative or infinite number, or one of
    2**63 or more (:data:`exposure._tables.MAX_COUNT`), is refused
    (:func:`~exposure.rollup._soc._number`), naming ``soc_scores``, the row (counted from
    1, ``soc`` has a fresh index) and the column. A column ``soc`` lacks is missing; one
    written another way (``A_MEAN``: ``wage_mean`` came out missing without a word) is
    refused (:func:`~exposure.rollup._soc.refuse_other_spelling`).

    Examples
    --------
    >>> _soc_numbers(pd.DataFrame({"tot_emp": ["1,200", "**", None]}), "tot_emp")
    array([1200.,   nan,   nan])
    >>> _soc_numbers(pd.DataFrame({"tot_emp": [100.0, "n/a"]}), "tot_emp")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: soc_scores, row 2, column 'tot_emp': tot_emp must be a number or a BLS special value (** * # ~), got 'n/a'
    """
    refuse_other_spelling(soc, "soc_scores", column)
    if column not in soc:
        return np.full(len(soc), np.nan)
    require_frame(soc, "soc_scores", [column])  # a column given twice: named, not a pandas error
    values = _number(soc[column], column, "soc_scores")
    if column == "tot_emp":  # '1.200' (1,200 workers written with a point) was 1.2 workers
        values = _whole(values, soc[column], column, "soc_scores")
    values = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        big = values >= MAX_COUNT  # NaN (suppressed): not big
    if big.any():  # 1e308 overflowed once summed: the output schema's "WorkforceStats, row 0" named no input
        k = int(np.flatnonzero(big)[0])
        what = "a number of workers" if column == "tot_emp" else "an annual wage"
        raise DataFormatError(f"{column} is too large for {what}, got {float(values[k])!r}", path="soc_scores",
                              row=k + 1, column=column)
    return values


def _check_draws(draws: dict, measures, n: int, soc: pd.DataFrame | None = None) -> dict:
    """The ``draws`` of ``measures`` as float arrays (n_draws, ``n``); raise naming a bad one.

    An array of another shape, or of text, raised numpy's ``IndexError`` or a
    ``TypeError`` from inside the statistics. Each value is a share in [0, 1] (up to
    :data:`DRAWS_ROUNDING` of float rounding) or missing (an occupation without a value
    in that draw), as the measures of ``soc_scores``: a value outside it (``1.5``, ``inf``)
    was refused by the output schema, naming no input, or rolled up without a word; a
    complex array was cut to its real part, a boolean one read as 1.0 and 0.0; an array
    without draws gave missing intervals, one of a single draw intervals with low = high; a key that is no column of ``soc`` (a typo) was
    ignored. All refused, naming the key, the draw and column (counted from 1) and the
    ``soc_scores`` row and code.

    Examples
    --------
    >>> _check_draws({"beta": np.zeros((3, 5))}, ["beta"], 2)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: draws['beta'] must be an array (n_draws, 2) of numbers, one column per row of soc_scores; got shape (3, 5)
    >>> soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "beta": [0.2, 0.6]})
    >>> _check_draws({"beta": [[0.2, 0.6], [0.3, 1.5]]}, ["beta"], 2, soc)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: draws['beta'], draw 2, column 2 (soc_scores row 2, soc_code '13-1020'): must be a share in [0, 1] or missing, got 1.5
    """
    if soc is not None:
        for key in draws:
            if key not in soc.columns:
                raise DataFormatError(f"draws has {key!r}, which is no column of soc_scores: give draws of "
                                      f"its measures ({list(measures)})")
    out = {}
    for m in measures:
        if m not in draws:
            continue
        raw = np.asarray(draws[m]) if not isinstance(draws[m], (str, bytes)) else None
        if raw is not None and raw.dtype.kind in "bc":  # True read as 1.0; 0.5+1j cut to 0.5
            kind = "boolean" if raw.dtype.kind == "b" else "complex"
            raise DataFormatError(f"draws[{m!r}] must be an array of numbers in [0, 1], got a {kind} array")
        try:
            arr = np.asarray(draws[m], dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is None or arr.ndim != 2 or arr.shape[1] != n:
            got = shown(draws[m]) if arr is None else f"shape {arr.shape}"
            raise DataFormatError(f"draws[{m!r}] must be an array (n_draws, {n}) of numbers, one column "
                                  f"per row of soc_scores; got {got}")
        if arr.shape[0] == 0:  # every interval came out missing without a word
            raise DataFormatError(f"draws[{m!r}] has no draws (shape {arr.shape}): give 2 or more, or no "
                                  f"draws for {m!r}")
        if arr.shape[0] == 1:  # every *_ci_low equalled its *_ci_high: no uncertainty, it seemed
            raise DataFormatError(f"draws[{m!r}] has one draw (shape {arr.shape}): an interval of one draw "
                                  f"has low = high; give 2 or more, or no draws for {m!r}")
        bad = ~np.isnan(arr) & ~((arr >= -DRAWS_ROUNDING) & (arr <= 1 + DRAWS_ROUNDING))
        if bad.any():
            i, j = (int(k[0]) for k in np.nonzero(bad))
            where = f"soc_scores row {j + 1}"
            if soc is not None and "soc_code" in soc.columns:
                where += f", soc_code {str(soc['soc_code'].iloc[j])!r}"
            raise DataFormatError(f"draws[{m!r}], draw {i + 1}, column {j + 1} ({where}): must be a share "
                                  f"in [0, 1] or missing, got {float(arr[i, j])!r}")
        out[m] = arr
    return out


def _workforce_inputs(soc: pd.DataFrame, employment: pd.DataFrame | None, emp: np.ndarray, wage: np.ndarray):
    """Units (occupations or industry x occupation cells) and their groups for each group type.

    ``soc`` has a fresh index; ``emp`` and ``wage`` are its ``tot_emp`` and ``a_mean``
    (:func:`_soc_numbers`).
    """
    n = len(soc)
    units = []
    units.append(("all", np.array(["all"], dtype=object), np.array(["All workers"], dtype=object),
                  np.zeros(n, dtype=int), np.arange(n), emp, wage))
    major = soc["soc_code"].astype(str).str[:2].to_numpy() + "-0000"
    codes, inv = np.unique(major, return_inverse=True)
    titles = pd.Series(codes, index=codes, dtype=object).map(lambda c: None)
    if employment is not None:
        f = employment_frame(employment)
        mj = _first_titles(_major_rows(f), "occ_code", "occ_title", "major group", _employment_names(employment).get(
            "occ_title", "occ_title"), frame=employment)  # a blank first title hid the next; a second is logged
        titles = mj.set_index("occ_code")["occ_title"].reindex(codes)
    units.append(("major", codes.astype(object), titles.to_numpy(dtype=object), inv, np.arange(n), emp, wage))
    if employment is not None:
        f = employment_frame(employment)
        if (f["i_group"] == "sector").any():
            industries, cells = _industry_cells(employment, "sector")
            _warn_cells_unknown(employment, cells, soc["soc_code"].astype(str), "sector")
            col = pd.Index(soc["soc_code"].astype(str)).get_indexer(cells["occ_code"])
            # a cell of an occupation soc_scores lacks is unscored (column n: NaN), not dropped:
            # its workers were left out of the sector's tot_emp, which looked fully covered
            col = np.where(col >= 0, col, n)
            grp = pd.Index(industries["naics"]).get_indexer(cells["naics"])
            units.append(("sector", industries["naics"].to_numpy(dtype=object),
                          industries["naics_title"].to_numpy(dtype=object), grp, col,
                          cells["tot_emp"].to_numpy(dtype=float), cells["a_mean"].to_numpy(dtype=float)))
    return units


def workforce_stats(
    soc_scores: pd.DataFrame,
    employment: pd.DataFrame | None = None,
    measures=EXPOSURE_MEASURES,
    draws: dict | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Workforce shares and means of each measure: all workers, SOC major groups, sectors.

    ``share_ge_10`` is the share of covered workers in occupations with measure >= 0.10
    (at least 10% of tasks exposed), ``share_gt_50`` the share with measure > 0.50 (more
    than half), both allowing :data:`ROUNDING` (1e-12) of float rounding at the threshold
    (a mean of means, ``0.3 / 3``, is ``0.09999999999999999``), ``emp_mean`` the employment-weighted mean, ``wage_mean`` the mean weighted
    by the wage bill (employment x mean annual wage; rows with a suppressed or top-coded
    wage are left out). Sector rows use the industry x occupation cells of the OEWS
    by-industry table (when ``employment`` has sector rows), with each cell's own wage;
    a cell of an occupation that ``soc_scores`` lacks counts in ``tot_emp`` as unscored
    (it was left out, and a sector looked covered in full). A sector row's ``tot_emp``
    is therefore the employment of its released cells, not the industry's "All
    Occupations" total that :func:`to_sectors` reports as ``tot_emp`` (titles and their
    warnings as there: the first title given; a second one logged once per frame): the two differ by
    the employment of the suppressed (``**``) cells, :func:`to_sectors`'
    ``suppressed_emp`` (May 2025: 8,996,370 against 9,114,350 workers in sector 56,
    5,985,680 against 6,024,600 in 42); ``covered_emp`` and the means are the same in both.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        :class:`~exposure.schemas.SocScores`; the ``measures`` numbers in [0, 1] or
        missing (:func:`~exposure.rollup._soc.measure_values`: booleans, text and complex
        values are refused). ``tot_emp`` and ``a_mean`` (optional) are read as the OEWS
        frame's columns: finite numbers of at least 0 or missing, ``"1,200"`` is 1200,
        the BLS special values (``**``, ``*``, ``#``, ``~``) and blanks are missing.
    employment : pandas.DataFrame, optional
        OEWS frame; gives major-group titles and, when it has them, the sector cells.
    measures : sequence of str, default ("alpha", "beta", "gamma")
        Some of alpha, beta, gamma, each once.
    draws : dict of str to numpy.ndarray, optional
        Bootstrap draws per measure, arrays (n_draws, len(soc_scores)); adds
        ``*_ci_low``/``*_ci_high`` columns for the shares and the employment mean.
    level : float, default 0.95
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas.WorkforceStats`, rows sorted by group type, group and
        measure (:func:`sort_workforce`, the order of the shipped table; until round 78
        the rows ran measure by measure within a group type, in the order of
        ``measures``: the same figures asked in another order gave another frame).

    Raises
    ------
    exposure.errors.DataFormatError
        A ``soc_scores`` without its columns or without rows (``soc_scores have no
        rows``: "All workers" came out as 0 workers), a measure that is not a number in
        [0, 1] (``soc_scores, row 2, column 'beta': not a number: True``), a ``tot_emp``
        missing or 0 on every row (every share and mean of all workers and of the major
        groups came out missing, without a word, until round 78), or a ``tot_emp`` /
        ``a_mean`` that is other text, a boolean, negative or infinite (``soc_scores, row
        2, column 'tot_emp': tot_emp must be a number or a BLS special value (** * # ~),
        got 'n/a'``), naming the row (counted from 1) and column, before anything is
        computed; a missing, malformed or repeated ``soc_code``
        (``soc_scores, row 1, column 'soc_code': missing``); ``measures`` that is not a list of names (one
        string is refused, not read letter by letter), is empty, names a measure twice or
        one other than alpha, beta, gamma (``share_e1``: the table's check failed on its
        output rows); ``draws`` that is not
        a dict, or whose array of a measure is not numbers of shape (n_draws,
        ``len(soc_scores)``), has no draws, is boolean or complex, or holds a value outside
        [0, 1] (``draws['beta'], draw 1, column 3 (soc_scores row 3, soc_code '15-1252'):
        must be a share in [0, 1] or missing, got 1.5``), or whose key is no column of
        ``soc_scores``; or a bad ``employment`` frame.
    exposure.errors.ExposureError
        A ``level`` that is not a number strictly between 0 and 1.

    Examples
    --------
    Workers: 100 with beta 0.05, 300 with 0.3, 100 with 0.8 (and 50 unscored):
    share_ge_10 = 400/500 = 0.8, share_gt_50 = 100/500 = 0.2,
    emp_mean = (5 + 90 + 80)/500 = 0.35.

    >>> soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020", "15-1252", "17-2011"],
    ...     "alpha": [0.0, 0.1, 0.7, None], "beta": [0.05, 0.3, 0.8, None],
    ...     "gamma": [0.1, 0.5, 0.9, None], "tot_emp": [100.0, 300.0, 100.0, 50.0],
    ...     "a_mean": [50.0, 50.0, 100.0, 10.0]})
    >>> w = workforce_stats(soc, measures=["beta"])
    >>> [round(float(w.loc[0, k]), 6) for k in ("tot_emp", "covered_emp", "share_ge_10",
    ...                                          "share_gt_50", "emp_mean")]
    [550.0, 500.0, 0.8, 0.2, 0.35]
    """
    measures = check_names(measures, "measures")
    if not measures:
        raise DataFormatError("measures must name at least one measure, got []")
    # the table's own check failed on its output rows: "WorkforceStats, row 0, column 'measure'"
    other = [m for m in measures if m not in EXPOSURE_MEASURES]
    if other:
        raise DataFormatError(f"measures must be among {', '.join(EXPOSURE_MEASURES)} (the measures of the "
                              f"workforce table), got {other[0]!r}{choice_hint(other[0], EXPOSURE_MEASURES)}")
    repeat = first_repeat(pd.Series(measures, dtype=object))
    if repeat is not None:  # each of its rows twice: "... is on row 0 and again on row 1"
        raise DataFormatError(f"measures names {measures[repeat[0]]!r} twice")
    if draws is not None and not isinstance(draws, dict):
        raise DataFormatError(f"draws must be a dict of measure name -> draws array (or None), got {shown(draws)}")
    level = check_level(level)
    # no rows: "All workers" of 0 workers, without a word
    require_frame(soc_scores, "soc_scores", ["soc_code", "tot_emp", *measures], rows=True)
    _check_soc_codes(soc_scores)
    require_frame(soc_scores, "soc_scores", unique="soc_code")  # its workers were counted twice
    _refuse_nested_scores(soc_scores)  # so were a group's beside its occupations' (15-1250, 15-1252)
    soc = soc_scores.reset_index(drop=True)
    values = measure_values(soc, "soc_scores", list(measures))
    if draws is not None:
        draws = _check_draws(draws, measures, len(soc), soc)
    emp, wage = _soc_numbers(soc, "tot_emp"), _soc_numbers(soc, "a_mean")
    if not (emp > 0).any():  # every share and mean of all workers and each major group came out missing, silently
        raise DataFormatError(f"{no_count_said(len(emp), 'occupation')}: give the OEWS employment of the "
                              "occupations (the tot_emp of to_soc)", path="soc_scores", column="tot_emp")
    # the sums run in one order whatever the rows' (checked above, naming the caller's rows)
    order = _code_order(soc["soc_code"].astype(str))
    soc, values, emp, wage = soc.iloc[order].reset_index(drop=True), values[order], emp[order], wage[order]
    if draws is not None:
        draws = {m: d[:, order] for m, d in draws.items()}
    rows = []
    units = _workforce_inputs(soc, employment, emp, wage)
    for gtype, codes, titles, grp, col, emp, wage in units:
        unscored = bool((col == len(soc)).any())  # cells of occupations soc_scores lacks (_workforce_inputs)
        for j, m in enumerate(measures):
            x = np.append(values[:, j], np.nan) if unscored else values[:, j]
            st = _stats(grp, len(codes), emp, wage, x[col])
            frame = pd.DataFrame({"group_type": gtype, "group": codes, "group_title": titles, "measure": m})
            for k in ("tot_emp", "covered_emp", "share_ge_10", "share_gt_50", "emp_mean", "wage_mean"):
                frame[k] = st[k]
            if draws is not None and m in draws:
                d = draws[m]
                if unscored:
                    d = np.concatenate([d, np.full((d.shape[0], 1), np.nan)], axis=1)
                d = d[:, col]
                sd = _stats(grp, len(codes), emp, wage, d)
                for k in ("share_ge_10", "share_gt_50", "emp_mean"):
                    frame[f"{k}_ci_low"], frame[f"{k}_ci_high"] = _interval(sd[k], level)
            rows.append(frame)
    # sorted by the table's keys, as the pipeline writes it: the rows ran measure by measure
    # within a group type, in the order of ``measures`` (["gamma", "alpha"] and ["alpha",
    # "gamma"] gave two frames of the same figures)
    out = sort_workforce(pd.concat(rows, ignore_index=True))
    return validate(out, WorkforceStats)


#: The key of the workforce table's rows, in the order they are sorted by (:func:`sort_workforce`).
WORKFORCE_KEYS = ("group_type", "group", "measure")


def sort_workforce(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (workforce rows) sorted by :data:`WORKFORCE_KEYS`, with a fresh index.

    The order of the shipped ``workforce.parquet`` (its table's keys): group types
    ``all``, ``category``, ``major``, ``sector``; within one, the groups by code, each
    group's measures alpha, beta, gamma.

    Examples
    --------
    >>> f = pd.DataFrame({"group_type": ["major", "all", "major"], "group": ["13-0000", "all", "11-0000"],
    ...                   "measure": ["beta", "beta", "alpha"]})
    >>> sort_workforce(f)["group"].tolist()
    ['all', '11-0000', '13-0000']
    """
    return frame.sort_values(list(WORKFORCE_KEYS), kind="stable").reset_index(drop=True)


def working_time(
    soc_scores: pd.DataFrame,
    employment: pd.DataFrame | None = None,
    gain: float = 0.5,
    hours: float = 40.0,
    measure: str = "beta",
) -> pd.DataFrame:
    """Scenario: workers whose saveable hours reach 10% and 20% of the working week.

    A scenario, not a forecast. Assumptions: a worker's hours are spread over the
    occupation's tasks in proportion to the task weights used in :func:`to_occupations`;
    the exposed share of time is the occupation's ``measure`` (beta by default: E1 tasks
    count fully, E2 tasks half); a productivity ``gain`` g on exposed time saves a share
    g x beta of the week (``saveable_share``); every worker of an occupation is alike, so
    an occupation's whole employment reaches a threshold or none of it does. Nothing is
    said about adoption, timing, demand or wages.

    Parameters
    ----------
    soc_scores : pandas.DataFrame
        :class:`~exposure.schemas.SocScores`; ``measure`` a number in [0, 1] or missing
        (:func:`~exposure.rollup._soc.measure_values`: booleans, text and complex values
        are refused); ``tot_emp`` read as the OEWS frame's column: a finite number of at
        least 0 or missing, ``"1,200"`` is 1200, the BLS special values (``**``, ``*``,
        ``#``, ``~``) and blanks are missing.
    employment : pandas.DataFrame, optional
        OEWS by-industry frame; adds one row per NAICS sector, titled as by
        :func:`to_sectors` (a second title of a sector is logged once per frame). A frame
        without sector rows (a national table) is refused, as by :func:`to_sectors`.
    gain : float, default 0.5
        Productivity gain on exposed time, in [0, 1]; a float32 is read as the decimal it
        shows (:func:`check_gain`).
    hours : float, default 40.0
        Hours of the working week, above 0 and at most 168 (:data:`WEEK_HOURS`: hours
        a year, ``2080``, are refused); a float32 is read as the decimal it shows.
    measure : str, default "beta"

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas.WorkingTime`, occupation rows sorted by code, then sector
        rows sorted by NAICS code (the occupation rows kept the order of ``soc_scores``'
        rows: the same scores in another order gave another frame).

    Raises
    ------
    exposure.errors.DataFormatError
        A bad ``gain``, a ``soc_scores`` without its columns or rows, a ``measure`` value that is
        not a number in [0, 1] (``soc_scores, row 2, column 'beta': must be in [0, 1],
        got 1.5``), or a ``tot_emp`` that is other text, a boolean, negative or infinite
        (``soc_scores, row 1, column 'tot_emp': tot_emp must be a number or a BLS special
        value (** * # ~), got True``), naming the row (counted from 1) and column; a
        missing, malformed or repeated ``soc_code``; ``hours`` that is not a positive finite number
        (``hours must be a positive number of hours, got bool True``) or is above 168;
        ``measure`` that is not a string; a ``soc_title`` column given twice; a
        ``tot_emp`` of 2**63 or more; or a bad ``employment`` frame, or one without sector
        rows (``employment frame has no sector rows (i_group 'sector'): give an OEWS
        by-industry table ...``: the sector rows were left out without a word).

    Examples
    --------
    With gain 0.5, beta 0.25 saves 12.5% of the week (5 hours of 40), beta 0.5 saves 25%:

    >>> soc = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "soc_title": ["A", "B"],
    ...                     "beta": [0.25, 0.5], "tot_emp": [10.0, 30.0]})
    >>> wt = working_time(soc, gain=0.5)
    >>> wt[["code", "saveable_share", "saveable_hours", "workers_ge_10", "workers_ge_20"]]
          code  saveable_share  saveable_hours  workers_ge_10  workers_ge_20
    0  11-1011           0.125             5.0           10.0            0.0
    1  13-1020           0.250            10.0           30.0           30.0
    """
    gain = check_gain(gain)
    # a float32 37.7 is 37.7, as rollup() reads it (saveable_hours used 37.70000076293945)
    hours = check_positive(as_shown(hours), "hours", "a positive number of hours")
    if hours > WEEK_HOURS:  # 2080 (hours a year) gave 1040 saveable hours "of the week"
        raise DataFormatError(f"hours must be the hours of a working week, at most {WEEK_HOURS:g} (a week has "
                              f"{WEEK_HOURS:g} hours), got {hours!r}; give hours a week, not a year")
    check_name(measure, "measure")
    # sectors of 0 covered; measure="Beta" of a frame with 'beta' is told the column it has
    require_frame(soc_scores, "soc_scores", ["soc_code", measure, "tot_emp"], rows=True,
                  arguments={measure: "measure"})
    _check_soc_codes(soc_scores)
    require_frame(soc_scores, "soc_scores", unique="soc_code")  # it failed on its own output
    if "soc_title" in soc_scores.columns:  # given twice: pandas' "Per-column arrays must each be 1-dimensional"
        require_frame(soc_scores, "soc_scores", ["soc_title"])
    soc = soc_scores.reset_index(drop=True)
    share = gain * measure_values(soc, "soc_scores", [measure])[:, 0]
    emp = _soc_numbers(soc, "tot_emp")
    tol = ROUNDING
    ok = ~np.isnan(share)
    out = pd.DataFrame(
        {
            "level": "soc",
            "code": soc["soc_code"].astype(str).to_numpy(),
            "title": soc["soc_title"].to_numpy(dtype=object) if "soc_title" in soc else None,
            "gain": gain,
            "tot_emp": emp,
            "covered_emp": np.where(ok, np.nan_to_num(emp), 0.0),
            "saveable_share": share,
            "saveable_hours": share * hours,
            "workers_ge_10": np.where(ok & (share >= 0.10 - tol), np.nan_to_num(emp), 0.0),
            "workers_ge_20": np.where(ok & (share >= 0.20 - tol), np.nan_to_num(emp), 0.0),
        }
    )
    # the occupation rows sorted by code, as to_soc and to_sectors sort theirs: they came in the
    # order of soc_scores' rows (the same scores in another order gave another frame)
    order = _code_order(out["code"])
    out = out.iloc[order].reset_index(drop=True)
    share, ok = share[order], ok[order]
    frames = [out]
    if employment is not None:  # without sector rows (a national table) it gave no sector row, without a word
        industries, cells = _industry_cells(employment, "sector")
        _warn_cells_unknown(employment, cells, out["code"], "sector")
        # the sums run in one order whatever the rows' (the codes' sorted order, above)
        emp_m = _cell_matrix(cells, industries, out["code"].to_numpy(), cells["tot_emp"])
        s0 = np.nan_to_num(share)
        cov = emp_m @ ok.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(cov > 0, (emp_m @ s0) / np.where(cov > 0, cov, 1), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "level": "sector",
                    "code": industries["naics"].to_numpy(),
                    "title": industries["naics_title"].to_numpy(dtype=object),
                    "gain": gain,
                    "tot_emp": industries["tot_emp"].to_numpy(),
                    "covered_emp": cov,
                    "saveable_share": mean,
                    "saveable_hours": mean * hours,
                    "workers_ge_10": emp_m @ (ok & (s0 >= 0.10 - tol)).astype(float),
                    "workers_ge_20": emp_m @ (ok & (s0 >= 0.20 - tol)).astype(float),
                }
            )
        )
    return validate(pd.concat(frames, ignore_index=True), WorkingTime)
