"""Our scores on Census 2018 occupation codes, to merge with CPS or ACS microdata.

CPS and ACS code occupations with the Census Bureau's 2018 occupation code (``OCC``,
four digits, e.g. ``0010`` Chief executives), coarser than O*NET-SOC: one Census code
holds up to 37 O*NET-SOC occupations. :func:`to_census_occ` maps scores through the
O*NET-SOC -> Census crosswalk (``crosswalks/onet_to_census_occ2018.csv``,
:func:`exposure.crosswalks.read_census_crosswalk`) and averages the O*NET occupations of
each Census code weighted by OEWS employment:

- each O*NET-SOC code ``i`` belongs to one OEWS occupation code (its SOC 2018 code, or
  the OEWS aggregate that publishes it, as in :func:`exposure.rollup.to_soc`);
- the OEWS code's employment is split equally among its scored O*NET children, so that
  each worker is counted once: ``w_i = tot_emp(OEWS code) / n_scored_children`` (scored
  children that a crosswalk cut to some Census codes lacks count too: they hold their
  share of the workers; not those the registered crosswalk lacks, which lists every
  O*NET-SOC 2019 code);
- the Census code's measure is ``sum_i w_i x_i / sum_i w_i`` over its scored O*NET codes;
- when none of them has OEWS employment (e.g. the military codes 55-xxxx, which OEWS does
  not survey) the plain mean is used (``weighting = "equal"``); so is it for a measure
  whose values all lie on codes without employment, beside a code with employment that
  has no value of it (that measure was missing before; ``weighting`` says
  ``employment``, the rule of the other measures).
"""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd

from exposure import crosswalks
from exposure._load import load
from exposure._measures import EXPOSURE_MEASURES, MEASURES
from exposure._tables import MAX_COUNT, first_repeat
from exposure.crosswalks import check_soc_structure, code_list, oews_code_map
from exposure.errors import DataFormatError
from exposure.fetch import check_location
from exposure.measures._crosswalk import check_once
from exposure.rollup._soc import (
    ADD_OR_GIVE,
    _number,
    _shown,
    _whole,
    check_codes,
    codes_not_reached_said,
    measure_values,
    no_count_said,
    refuse_nested_codes,
    refuse_other_spelling,
    refuse_rubric_order,
    require_frame,
)
from exposure.schemas import validate
from exposure.schemas._outcomes import CensusScores
from exposure.scoring._inputs import column_key

__all__ = ["to_census_occ", "census_weights", "check_crosswalk", "CENSUS_PATTERN"]

log = logging.getLogger(__name__)


#: Columns of the result besides the measures: a measure may not carry one of these names
#: (nor the code columns of the scores).
_RESULT_COLUMNS = ("census_occ", "tot_emp", "n_onet", "weighting")

#: Said of scored OEWS codes that a Census crosswalk given does not reach (:func:`not_in_census_crosswalk_said`).
_CUT_SOC = ("a crosswalk cut to some Census codes? Scores by OEWS code (soc_code) do not say which O*NET-SOC "
            "codes it leaves out, so each OEWS code's workers are split among the O*NET-SOC codes it lists "
            "alone, and tot_emp (and the weights of a Census code mixing OEWS codes) come out too large where "
            "it leaves some out; give the whole crosswalk and keep the Census codes you need from the result, "
            "or scores by onetsoc_code")


def not_in_census_crosswalk_said(n: int, code, key: str = "onetsoc_code", registered: bool = False) -> str:
    """The warning of ``n`` codes of the scores (the first: ``code``) that the Census crosswalk does not reach.

    One or many, which crosswalk (the one given, or the registered one), what becomes of
    their scores (they count for no Census code) and what to do, in the words of
    :func:`exposure.rollup._soc.not_in_crosswalk_said` (whose consequences, OEWS codes,
    sectors and workers, are not those of a Census roll-up): both fill one template,
    :func:`~exposure.rollup._soc.codes_not_reached_said`. ``key`` is the scores' code
    column (``soc_code``: OEWS codes); ``registered``: the registered crosswalk, which lists
    every O*NET-SOC 2019 code, so that a scored code it lacks is none and takes no share
    of its OEWS code's workers. Until round 78 it said ``1 O*NET-SOC codes are not in the
    Census crosswalk (e.g. '15-1132.00')``: a plural for one, and not what became of the
    scores.

    Examples
    --------
    >>> not_in_census_crosswalk_said(1, "15-1132.00")
    "1 O*NET-SOC code of the scores is not in the Census crosswalk given (e.g. '15-1132.00'), so its scores count for no Census code: add it to the crosswalk (unless you cut the crosswalk to some Census codes), or give it as the O*NET-SOC 2019 code it stands for (the crosswalk's taxonomy, e.g. '11-1011.00')"
    >>> not_in_census_crosswalk_said(2, "11-1011.02", registered=True)
    "2 O*NET-SOC codes of the scores are not in the registered Census crosswalk (e.g. '11-1011.02'), so their scores count for no Census code: it lists every O*NET-SOC 2019 code, so they are none (codes of another O*NET-SOC release, or of your own?) and take no share of their OEWS code's workers; give them as the O*NET-SOC 2019 codes they stand for (e.g. '11-1011.00')"
    >>> not_in_census_crosswalk_said(1, "15-1132", "soc_code", registered=True)
    "1 SOC code of the scores is not in the registered Census crosswalk (e.g. '15-1132'), so its scores count for no Census code: give it as the SOC 2018 code it stands for (e.g. '11-1011')"
    """
    if key != "onetsoc_code":
        advice = "give {it} as the SOC 2018 code{s} {they} stand{es} for (e.g. '11-1011')" if registered else _CUT_SOC
    elif registered:  # none of O*NET-SOC 2019: it took a share of the workers of the codes listed (round 65)
        advice = ("it lists every O*NET-SOC 2019 code, so {they} {is} none ({a}code{s} of another O*NET-SOC "
                  "release, or of your own?) and take{es} no share of {its} OEWS code's workers; give {it} as the "
                  "O*NET-SOC 2019 code{s} {they} stand{es} for (e.g. '11-1011.00')")
    else:
        advice = ADD_OR_GIVE
    return codes_not_reached_said(n, code, "the registered Census crosswalk" if registered else
                                  "the Census crosswalk given", "Census code", advice,
                                  kind="O*NET-SOC" if key == "onetsoc_code" else "SOC",
                                  aside=" (unless you cut the crosswalk to some Census codes)")

#: A Census 2018 occupation code: four digits, leading zeros kept (``0010``).
CENSUS_PATTERN = r"^[0-9]{4}\Z"


def _require_crosswalk(crosswalk) -> None:
    """:func:`~exposure.rollup._soc.require_frame` of the crosswalk, saying how to read the file.

    The registered file read with ``pd.read_csv`` has BLS's columns (``Code``,
    ``cps_code``): the message said only which columns were lacking. A crosswalk indexed by
    one of its columns is said to be (it was told to read the file again).

    Examples
    --------
    >>> _require_crosswalk(pd.DataFrame(columns=["Code", "cps_code"]))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: crosswalk lacks column(s) ['onetsoc_code', 'census_occ'] (columns: ['Code', 'cps_code']): read the file with exposure.crosswalks.read_census_crosswalk (or load_census_crosswalk), which names them and keeps the leading zeros of its Census codes
    """
    if isinstance(crosswalk, pd.DataFrame):
        missing = [c for c in ("onetsoc_code", "census_occ") if c not in crosswalk.columns]
        # indexed by a column (set_index("onetsoc_code")): require_frame says so (to read the
        # file again was the advice)
        if missing and not any(c in crosswalk.index.names for c in missing):
            raise DataFormatError(f"crosswalk lacks column(s) {missing} (columns: {list(crosswalk.columns)}): read "
                                  "the file with exposure.crosswalks.read_census_crosswalk (or "
                                  "load_census_crosswalk), which names them and keeps the leading zeros of its "
                                  "Census codes")
    require_frame(crosswalk, "crosswalk", ["onetsoc_code", "census_occ"])


def check_crosswalk(crosswalk: pd.DataFrame) -> None:
    """Refuse a Census crosswalk with a bad code, naming its row (counted from 1) and column.

    ``onetsoc_code`` must be an O*NET-SOC code (``11-1011.00``) on every row, each code
    once (a repeated code counted twice: its OEWS code's employment was split among more
    children, and its score weighed double); ``census_occ`` a four-digit Census code given
    as text (``'0010'``), or missing (the two "All Other" codes of the registered file
    have none; a blank text, as ``pd.read_csv(..., dtype=str, keep_default_na=False)``
    reads them, is missing too, as :func:`exposure.crosswalks.read_census_crosswalk` reads
    it). A number there (the column read by ``pd.read_csv`` without ``dtype=str``:
    ``0010`` became ``10.0``) is refused with that advice; it used to fail only after
    computing, naming a 0-based row of the output. Text that lost its leading zeros
    (``'10'``: a CSV saved by a spreadsheet; ``'10.0'``: numbers written back) is refused
    with the advice to pad it (:func:`_lost_zeros_hint`): to read the column as text, the
    advice given before, left it as it was.

    Parameters
    ----------
    crosswalk : pandas.DataFrame
        ``onetsoc_code``, ``census_occ``.

    Raises
    ------
    exposure.errors.DataFormatError
        Also when ``crosswalk`` is not a DataFrame or lacks a column (``TypeError`` or
        ``KeyError`` before).

    Examples
    --------
    >>> check_crosswalk(pd.DataFrame({"onetsoc_code": ["11-1011.00", "51-8099.00"],
    ...                               "census_occ": ["0010", None]}))
    >>> check_crosswalk(pd.DataFrame({"onetsoc_code": ["11-1011.00"], "census_occ": [10.0]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: crosswalk, row 1, column 'census_occ': not a 4-digit Census code: 10.0 (a number: read the column as text, e.g. pd.read_csv(..., dtype=str), so that '0010' keeps its leading zeros)
    """
    _require_crosswalk(crosswalk)
    check_codes(crosswalk, "crosswalk", ["onetsoc_code"])
    repeat = first_repeat(crosswalk["onetsoc_code"])
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(f"O*NET-SOC code {str(crosswalk['onetsoc_code'].iloc[pos])!r} is there twice (rows "
                              f"{first + 1} and {pos + 1}): give each O*NET-SOC code once, with its Census code",
                              path="crosswalk", row=pos + 1, column="onetsoc_code")
    col = crosswalk["census_occ"]
    cells = col.to_numpy(dtype=object)
    given = ~_blank(col)
    text = np.array([isinstance(v, str) for v in cells], dtype=bool)
    match = col.astype("string").str.fullmatch(CENSUS_PATTERN).to_numpy(dtype=bool, na_value=False)
    bad = given & ~(text & match)
    if not bad.any():
        return
    pos = int(np.flatnonzero(bad)[0])
    value = cells[pos]
    if not isinstance(value, str):
        message = (f"not a 4-digit Census code: {_shown(value)!r} (a number: read the column as text, e.g. "
                   "pd.read_csv(..., dtype=str), so that '0010' keeps its leading zeros)")
    else:
        message = f"not a 4-digit Census code (like '0010'): {value!r}{_lost_zeros_hint(value)}"
    raise DataFormatError(message, path="crosswalk", row=pos + 1, column="census_occ")


def _lost_zeros_hint(value: str) -> str:
    """What to do with a Census code given as text that lost its leading zeros, or ``""``.

    To read the column as text (``pd.read_csv(..., dtype=str)``), the only advice given,
    changed nothing when the file itself had lost the zeros (the CSV saved by a
    spreadsheet: ``10``), nor when a column read as numbers had been written back
    (``10.0``, ``1010.0``: no advice). Census 2018 codes are four digits, so padding
    restores them.

    Examples
    --------
    >>> _lost_zeros_hint("10")
    " (leading zeros lost? read the column as text, e.g. pd.read_csv(..., dtype=str)); if the file itself lost them (a CSV saved by a spreadsheet), pad the codes to four digits: crosswalk['census_occ'].str.zfill(4)"
    >>> _lost_zeros_hint("1010.0")[:46]
    ' (a number written as text, its leading zeros '
    >>> _lost_zeros_hint("00010")
    ''
    """
    if re.fullmatch(r"[0-9]{1,3}", value):  # not ' 10': padded, it would be '0 10'
        return (" (leading zeros lost? read the column as text, e.g. pd.read_csv(..., dtype=str)); if the file "
                "itself lost them (a CSV saved by a spreadsheet), pad the codes to four digits: "
                "crosswalk['census_occ'].str.zfill(4)")
    if re.fullmatch(r"[0-9]{1,4}\.0*", value):
        return (" (a number written as text, its leading zeros lost: write the codes as four digits, e.g. "
                "crosswalk['census_occ'].str.replace(r'\\.0*$', '', regex=True).str.zfill(4))")
    return ""


def _refuse_nested(codes: list) -> None:
    """Refuse scores by OEWS code (``codes``, checked) giving a group beside a code it holds.

    Scores with ``13-1020`` and ``13-1021`` put the code's value on its O*NET-SOC code and
    the group's on the group's other codes, though the group's value holds the code's
    workers too, without a word. The scores of OEWS codes (``exposure.load("soc")``)
    never hold both (:func:`exposure.crosswalks.first_nested_code`).

    Examples
    --------
    >>> _refuse_nested(["13-1020", "13-1021"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, row 2, column 'soc_code': '13-1021' is in '13-1020' (row 1), a SOC broad group, and both are in the scores: the group's value holds the code's workers too, so which value its O*NET-SOC codes take is not known; give the group or its codes, not both (scores by OEWS code, such as exposure.load('soc'), give each occupation once)

    So is an OEWS aggregate beside a code it holds (:func:`_in_aggregate`): ``21-1011.00``
    took the code's value, ``21-1014.00`` the aggregate's and all its workers, those of
    ``21-1011`` included.
    """
    nested = crosswalks.first_nested_code(codes) or _in_aggregate(codes)
    if nested is not None:
        pos, at, kind = nested
        group = "aggregate" if kind.endswith("aggregate") else "group"
        raise DataFormatError(f"{codes[pos]!r} is in {codes[at]!r} (row {at + 1}), {kind}, and both are in the scores: "
                              f"the {group}'s value holds the code's workers too, so which value its O*NET-SOC codes "
                              f"take is not known; give the {group} or its codes, not both (scores by OEWS code, "
                              "such as exposure.load('soc'), give each occupation once)", path="scores",
                              row=pos + 1, column="soc_code")


def _in_aggregate(codes) -> tuple[int, int, str] | None:
    """The first of ``codes`` (checked SOC codes) that an OEWS aggregate among them holds.

    ``(its position, the aggregate's, "an OEWS aggregate")``, or None, as
    :func:`exposure.crosswalks.first_nested_code` tells a SOC group beside its codes. An
    OEWS aggregate (:data:`exposure.crosswalks.OEWS_AGGREGATES`: ``21-1018`` publishes
    ``21-1011`` and ``21-1014``) is no SOC group, so ``first_nested_code`` does not see it
    hold its codes.

    Examples
    --------
    >>> _in_aggregate(["21-1018", "21-1012", "21-1011"])
    (2, 0, 'an OEWS aggregate')
    >>> _in_aggregate(["21-1018", "21-1012"]) is None
    True
    """
    codes = list(codes)
    first: dict[str, int] = {}
    for pos, code in enumerate(codes):
        first.setdefault(code, pos)
    for pos, code in enumerate(codes):
        holder = next((agg for agg, held in crosswalks.OEWS_AGGREGATES.items() if code in held), None)
        if holder is not None and holder in first:
            return pos, first[holder], "an OEWS aggregate"
    return None


def _blank(col: pd.Series) -> np.ndarray:
    """Whether each cell of ``col`` is missing or blank text (``''``, spaces).

    Examples
    --------
    >>> _blank(pd.Series(["0010", "", " ", None])).tolist()
    [False, True, True, True]
    """
    text = col.astype("string").str.strip()
    return (col.isna() | (text == "")).to_numpy(dtype=bool, na_value=True)


def _pairs(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """``onetsoc_code``, ``census_occ`` of ``crosswalk``, its index dropped, Census codes as text, a blank one missing.

    A ``census_occ`` of category dtype (a Stata or R factor) sorted the Census codes of
    :func:`to_census_occ` in its categories' order, not by code as documented.

    The registered file read with ``pd.read_csv(..., dtype=str, keep_default_na=False)``
    gives the two "All Other" codes the Census code ``''``, which was refused as "not a
    4-digit Census code"; :func:`exposure.crosswalks.read_census_crosswalk` reads it as
    missing.

    Examples
    --------
    >>> _pairs(pd.DataFrame({"onetsoc_code": ["11-1011.00", "51-8099.00"], "census_occ": ["0010", ""]}))
      onetsoc_code census_occ
    0   11-1011.00       0010
    1   51-8099.00        NaN
    """
    xw = crosswalk[["onetsoc_code", "census_occ"]].reset_index(drop=True)
    blank = _blank(xw["census_occ"]) | xw["census_occ"].isna().to_numpy(dtype=bool)
    # the codes as text, not a category: its categories' order (a Stata or R factor's levels)
    # ordered the Census codes of to_census_occ, documented as sorted by code
    return xw.assign(census_occ=xw["census_occ"].astype(object).where(~blank, np.nan))


def _employment(employment, name: str = "employment") -> pd.DataFrame:
    """``soc_code``, ``tot_emp`` (float) of an employment frame; a bad frame or value is refused.

    Each ``soc_code`` a SOC code (``11-1011``; a padded or missing code matched nothing,
    without a word); a code given twice must carry the same ``tot_emp`` both times (the
    first was kept and the second dropped): O*NET-level scores repeat their SOC code's
    employment on each child row. An OEWS aggregate beside a code it holds (``21-1018``
    and ``21-1011``: :func:`_in_aggregate`) is refused, as a SOC group beside its code is:
    the code's workers were counted twice in the Census weights. ``name`` is the frame in the messages about codes and
    about a ``tot_emp`` of 2**63 or more (``1e308`` overflowed once summed: ``tot_emp`` inf
    and the measures 0.0). A frame without any count (no rows, or ``tot_emp`` missing or 0
    on every row: a merge that matched no code) is refused: every Census code came out a
    plain mean (``weighting == "equal"``, ``tot_emp`` 0.0) without a word.

    Examples
    --------
    >>> _employment(pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [1.0, -5.0]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 2, column 'tot_emp': tot_emp must be a finite number of at least 0, got -5.0
    >>> _employment(pd.DataFrame({"soc_code": ["11-1011", "11-1011"], "tot_emp": [1.0, 5.0]}))
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 2, column 'soc_code': soc_code '11-1011' is there twice with different tot_emp (1.0 in row 1, 5.0 in row 2): give each OEWS code once
    """
    _refuse_oews_frame(employment, name)
    _refuse_census_keyed(employment, name)
    require_frame(employment, name, ["soc_code", "tot_emp"])
    emp = employment.reset_index(drop=True)
    # named as its other errors name it (it said "row 2, column 'tot_emp': employment frame: ...")
    # '1.200' (1,200 workers written with a point, as a German spreadsheet writes them) was 1.2 workers
    tot = _whole(_number(emp["tot_emp"], "tot_emp", name), emp["tot_emp"], "tot_emp", name).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        big = tot >= MAX_COUNT  # 1e308 overflowed once summed: tot_emp inf, the measures 0.0
    if big.any():
        pos = int(np.flatnonzero(big)[0])
        raise DataFormatError(f"tot_emp is too large for a number of workers, got {float(tot[pos])!r}", path=name,
                              row=pos + 1, column="tot_emp")
    if not (tot > 0).any():  # every Census code came out a plain mean ("equal", tot_emp 0), without a word
        raise DataFormatError(_no_count(name, len(tot)), path=name, column="tot_emp" if len(tot) else None)
    check_codes(emp, name, ["soc_code"])
    refuse_nested_codes(emp["soc_code"].drop_duplicates(), name, "soc_code", "rows")
    codes = emp["soc_code"].astype(str).to_numpy()
    nested = _in_aggregate(codes)  # 21-1018 beside 21-1011: the code's workers counted twice
    if nested is not None:
        pos, at, kind = nested
        raise DataFormatError(f"{codes[pos]!r} (row {pos + 1}) is in {codes[at]!r} (row {at + 1}), {kind}, "
                              "and both are rows: its workers would be counted twice; give the aggregate or its "
                              "occupations, not both", path=name, row=pos + 1, column="soc_code")
    first = pd.Series(np.arange(len(codes))).groupby(codes).transform("min").to_numpy()
    ref = tot[first]
    differ = ~((ref == tot) | (np.isnan(ref) & np.isnan(tot)))
    if differ.any():
        pos = int(np.flatnonzero(differ)[0])
        raise DataFormatError(f"soc_code {codes[pos]!r} is there twice with different tot_emp ({float(ref[pos])!r} in "
                              f"row {int(first[pos]) + 1}, {float(tot[pos])!r} in row {pos + 1}): give each OEWS code "
                              "once", path=name, row=pos + 1, column="soc_code")
    return pd.DataFrame({"soc_code": emp["soc_code"].to_numpy(), "tot_emp": tot})


#: Names (lower case) of a column of Census occupation codes: the result's, IPUMS' ``OCC``.
_CENSUS_COLUMNS = ("census_occ", "occ", "occ2018", "occ_2018")

#: What to do with counts by Census occupation code (:func:`_refuse_census_keyed`).
_BY_CENSUS = ("to_census_occ weighs the O*NET-SOC codes within each Census code by the OEWS employment of "
              "their SOC codes, which counts by Census code cannot split; give the employment by OEWS code "
              "(soc_code, tot_emp) or leave it out (OEWS May 2025), and weigh the Census codes by your own "
              "counts afterwards, merging them with the result on census_occ")


def _refuse_census_keyed(employment, name: str) -> None:
    """Refuse an employment frame keyed by Census occupation codes (ACS or CPS counts), saying what to do.

    A frame of ``census_occ`` (or IPUMS' ``OCC``) and ``tot_emp`` was refused as lacking
    ``soc_code`` and no more; renamed ``soc_code``, its ``'0010'`` was ``not a SOC code
    (like 11-1011)``: neither said that counts by Census code cannot weigh the O*NET-SOC
    codes within a Census code, nor what to do with them (:data:`_BY_CENSUS`).

    Examples
    --------
    >>> _refuse_census_keyed(pd.DataFrame({"soc_code": ["0010"], "tot_emp": [5.0]}), "employment")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, row 1, column 'soc_code': '0010' is a Census occupation code, not an OEWS (SOC) code: to_census_occ weighs the O*NET-SOC codes within each Census code by the OEWS employment of their SOC codes, which counts by Census code cannot split; give the employment by OEWS code (soc_code, tot_emp) or leave it out (OEWS May 2025), and weigh the Census codes by your own counts afterwards, merging them with the result on census_occ
    """
    if not isinstance(employment, pd.DataFrame):
        return
    if "soc_code" not in employment.columns:
        column = next((c for c in employment.columns if isinstance(c, str) and c.strip().lower() in _CENSUS_COLUMNS),
                      None)
        if column is not None:
            raise DataFormatError(f"keyed by Census occupation codes, not by OEWS (SOC) codes: {_BY_CENSUS}",
                                  path=name, column=column)
        return
    codes = employment["soc_code"]
    if not isinstance(codes, pd.Series):  # a column given twice: said by require_frame
        return
    codes = codes.reset_index(drop=True)
    census = codes.astype("string").str.fullmatch(CENSUS_PATTERN).to_numpy(dtype=bool, na_value=False)
    if census.any():
        pos = int(np.flatnonzero(census)[0])
        raise DataFormatError(f"{str(codes.iloc[pos])!r} is a Census occupation code, not an OEWS (SOC) code: "
                              f"{_BY_CENSUS}", path=name, row=pos + 1, column="soc_code")


def _refuse_oews_frame(employment, name: str) -> None:
    """Refuse an employment frame of OEWS's columns (``occ_code``, ``OCC_CODE``) for ``soc_code``, saying what to give.

    The frame of :func:`exposure.oews.load_oews` or :func:`~exposure.oews.read_oews`, or
    BLS's file read with :func:`pandas.read_excel` (``OCC_CODE``, ``TOT_EMP``), was refused
    as lacking ``soc_code``, and no more: renaming the column was not enough either, as
    such a frame holds the total, the groups and every industry (``11-0000`` is in
    ``00-0000``, and was refused). The advice names :func:`exposure.rollup.national_detailed`, which keeps
    the cross-industry detailed occupations, each once, when the frame has OEWS's
    ``o_group`` and ``i_group``; else the renaming of the columns.

    Examples
    --------
    >>> _refuse_oews_frame(pd.DataFrame(columns=["OCC_CODE", "TOT_EMP"]), "employment")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: employment, column 'OCC_CODE': OEWS's column of the occupation codes, not soc_code: name the columns soc_code and tot_emp, e.g. employment.rename(columns={'OCC_CODE': 'soc_code', 'TOT_EMP': 'tot_emp'})
    """
    if not isinstance(employment, pd.DataFrame) or "soc_code" in employment.columns:
        return
    names = {c.lower(): c for c in employment.columns if isinstance(c, str)}
    occ = names.get("occ_code")
    if occ is None:
        return
    if {"naics", "i_group", "o_group", "tot_emp"} <= set(names):  # every OEWS row: groups, industries
        raise DataFormatError("OEWS's column of the occupation codes, not soc_code: an OEWS frame (every "
                              "industry, the total and the groups)? give its cross-industry detailed "
                              "occupations, each once: exposure.rollup.national_detailed("
                              f"{name}).rename(columns={{'occ_code': 'soc_code'}})", path=name, column=occ)
    renames = {occ: "soc_code"} | ({names["tot_emp"]: "tot_emp"} if names.get("tot_emp", "tot_emp") != "tot_emp"
                                   else {})
    raise DataFormatError("OEWS's column of the occupation codes, not soc_code: name the columns soc_code and "
                          f"tot_emp, e.g. {name}.rename(columns={renames!r})", path=name, column=occ)


def _no_count(name: str, n: int) -> str:
    """Why an employment frame (``name``, of ``n`` rows) without any count is refused, and what to do.

    Examples
    --------
    >>> _no_count("employment", 0)
    'has no rows: give the OEWS employment (soc_code, tot_emp); to_census_occ takes that of OEWS May 2025 when employment is left out'
    """
    default = "to_census_occ takes that of OEWS May 2025 when employment is left out"
    if not n:
        return f"has no rows: give the OEWS employment (soc_code, tot_emp); {default}"
    said = no_count_said(n)
    if name == "scores":
        return (f"{said}: fill it, or drop the column tot_emp from the scores (to_census_occ then takes the "
                "employment of OEWS May 2025)")
    return f"{said}: give the OEWS counts; {default}"


def census_weights(crosswalk: pd.DataFrame, employment: pd.DataFrame, scored=None,
                   soc_structure: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weight of each O*NET-SOC code within its Census 2018 code.

    Parameters
    ----------
    crosswalk : pandas.DataFrame
        ``onetsoc_code``, ``census_occ`` (:func:`exposure.crosswalks.read_census_crosswalk`;
        codes as text, checked by :func:`check_crosswalk`); its index is not used.
    employment : pandas.DataFrame
        ``soc_code`` (OEWS detailed-level codes, aggregates included: SOC codes such as
        ``11-1011``; a code given twice with the same ``tot_emp`` both times), ``tot_emp``
        (a finite number of at least 0, or missing).
    scored : iterable of str, optional
        O*NET-SOC codes that carry a score (default all): an OEWS code's employment is
        split among these only, those that ``crosswalk`` lacks included (a crosswalk cut
        to some Census codes: their rows are not returned, but they take their share;
        the whole employment of ``13-1020`` went to ``13-1021.00``, three times its
        workers). A code that ``crosswalk`` lists without a Census code takes no share.
        A list, tuple, set, array, Series or Index of codes such as ``11-1011.00``
        (:func:`exposure.crosswalks.code_list`).
    soc_structure : pandas.DataFrame, optional
        SOC structure for :func:`exposure.crosswalks.oews_code_map`.

    Returns
    -------
    pandas.DataFrame
        ``onetsoc_code``, ``census_occ``, ``occ_code`` (OEWS code, missing when OEWS does
        not publish it), ``weight`` (workers; 0 when not scored or no employment).

    Raises
    ------
    exposure.errors.DataFormatError
        A frame that is not a DataFrame or lacks a column, a bad or repeated crosswalk code
        (:func:`check_crosswalk`), or a ``tot_emp`` that is not a finite number of at least
        0 (naming its row, counted from 1), or missing or 0 on every row (all weights were
        0); employment whose codes reach no code of the crosswalk (SOC 2010 codes: all
        weights were 0, without a word); an employment ``soc_code`` that is missing or not
        a SOC code, or given twice with different ``tot_emp`` (naming its row);
        ``scored`` that is not a list of codes or None (a string was read letter by letter,
        a number raised ``TypeError``, a frame was read as its column names), or holds an
        item that is not an O*NET-SOC code, naming its position (counted from 0) and value.

    Examples
    --------
    >>> xw = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...                    "census_occ": ["0010", "0010", "0010"]})
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})
    >>> census_weights(xw, emp)[["onetsoc_code", "occ_code", "weight"]]
      onetsoc_code occ_code  weight
    0   11-1011.00  11-1011   100.0
    1   11-1011.03  11-1011   100.0
    2   13-1021.00  13-1020    50.0
    """
    _require_crosswalk(crosswalk)
    scored = code_list(scored, "scored", "onetsoc", optional=True)
    listed = set(crosswalk["onetsoc_code"].astype(str))
    others = [] if scored is None else [code for code in scored if code not in listed]
    out = _census_weights(crosswalk, employment, scored, soc_structure, others=others)
    if len(out) and out["occ_code"].isna().all():  # occ_code: the OEWS code of employment reached
        # every weight 0 without a word (to_census_occ refuses this in its own words)
        example = str(out["onetsoc_code"].iloc[0])[:7]
        raise DataFormatError("no O*NET-SOC code of the crosswalk gets any employment from it: its soc_code values "
                              f"match none of their OEWS codes (SOC 2018 codes such as {example!r}); give the OEWS "
                              "occupation codes of SOC 2018 (SOC 2010 codes such as '15-1132' are not)",
                              path="employment", column="soc_code")
    return out


def _census_weights(crosswalk: pd.DataFrame, employment: pd.DataFrame, scored=None,
                    soc_structure: pd.DataFrame | None = None, *, others=()) -> pd.DataFrame:
    """:func:`census_weights` without its refusal of an employment that reaches no code.

    ``others``: scored O*NET-SOC codes that ``crosswalk`` does not list (a crosswalk cut
    to some Census codes), which take their share of their OEWS code's employment: it was
    split among the scored codes of the crosswalk alone, so that ``13-1021.00``, alone of
    the three children of ``13-1020`` in the crosswalk given, weighed all its workers.
    Their SOC codes tell the SOC detailed codes from OEWS aggregates too
    (:func:`~exposure.crosswalks.oews_code_map`), but for an aggregate's own code
    (``25-2052``, an O*NET-SOC 2010 code), which would hide that aggregate.
    """
    _require_crosswalk(crosswalk)
    scored = code_list(scored, "scored", "onetsoc", optional=True)
    check_crosswalk(crosswalk)
    employment = _employment(employment)
    xw = _pairs(crosswalk).dropna().astype(str).reset_index(drop=True)
    soc = xw["onetsoc_code"].str.slice(0, 7)
    extra = pd.Series(sorted(set(others)), dtype=object).str.slice(0, 7)
    extra = extra[~extra.isin(list(crosswalks.OEWS_AGGREGATES)).to_numpy(dtype=bool)]
    cmap = oews_code_map(pd.concat([soc, extra], ignore_index=True), employment["soc_code"].astype(str),
                         soc_structure).set_index("soc_code")["occ_code"]
    xw["occ_code"] = soc.map(cmap).to_numpy()
    emp = employment.drop_duplicates("soc_code").set_index("soc_code")["tot_emp"].astype(float)
    is_scored = xw["onetsoc_code"].isin(set(scored)) if scored is not None else pd.Series(
        True, index=xw.index)
    # the scored children of each OEWS code, those the crosswalk lacks included
    children = pd.concat([xw.loc[is_scored, "occ_code"], extra.map(cmap)], ignore_index=True).dropna()
    # astype(float): with nothing scored the empty selections keep the codes' str dtype
    n_children = xw.loc[is_scored, "occ_code"].map(children.value_counts()).astype(float)
    w = xw.loc[is_scored, "occ_code"].map(emp).astype(float) / n_children
    xw["weight"] = w.reindex(xw.index).fillna(0.0).to_numpy()
    return xw


def _measure_names(measures, scores: pd.DataFrame, key: str) -> list[str]:
    """The measure columns to carry: ``measures`` checked against ``scores``.

    By default, every measure of :data:`~exposure._measures.MEASURES` that ``scores`` has;
    one written another way (``Beta``, ``Share_E1``) is refused
    (:func:`~exposure.rollup._soc.refuse_other_spelling`): it was left out without a word,
    or all were said to be lacking. A name of ``measures`` that ``scores`` lacks but has in
    another case or spelling is refused, naming the column to write: a measure of
    :data:`~exposure._measures.MEASURES` (``beta``) as the column's name, another
    (``Beta`` for the column ``beta``) as the measure's (the column was told to take the
    name ``Beta``, which the roll-ups then refuse as ``beta`` written another way).

    Examples
    --------
    >>> _measure_names(None, pd.DataFrame(columns=["onetsoc_code", "beta", "Share_E1"]), "onetsoc_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, column 'Share_E1': 'share_e1' written another way, which is not read: name it 'share_e1'
    >>> _measure_names(["Beta"], pd.DataFrame(columns=["onetsoc_code", "beta"]), "onetsoc_code")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, column 'beta': measures names it 'Beta': write 'beta' in measures
    """
    if measures is None:
        for m in MEASURES:
            refuse_other_spelling(scores, "scores", m)
        names = [m for m in MEASURES if m in scores.columns]
        if not names:
            raise DataFormatError(f"scores lack the measure column(s) {list(MEASURES)}")
        return names
    if isinstance(measures, str):
        names = [measures]
    elif isinstance(measures, (list, tuple, pd.Index, np.ndarray, pd.Series)):
        names = list(measures)
    else:
        raise DataFormatError(f"measures must be a column name or a list of column names, "
                              f"got {type(measures).__name__}")
    if not names:
        raise DataFormatError("measures is empty: name at least one measure column")
    for m in names:
        if not isinstance(m, str):
            raise DataFormatError(f"measures must be column names (str), got {type(m).__name__} {m!r}")
        if m in _RESULT_COLUMNS or m in ("onetsoc_code", "soc_code"):
            raise DataFormatError(f"{m!r} cannot be a measure: it is a code or a column of the result")
    repeat = first_repeat(pd.Series(names, dtype=object))
    if repeat is not None:
        raise DataFormatError(f"measures names {names[repeat[0]]!r} twice")
    missing = [m for m in names if m not in scores.columns]
    for m in missing:
        if m in MEASURES:  # the column is to be named as the measure ('Beta' -> 'beta')
            refuse_other_spelling(scores, "scores", m)
            continue
        # a name of the caller's own in another case: the measure is to be named as the column. The
        # column was told to take the name ('beta' -> 'Beta'), which made it a column to_soc, to_sectors
        # and to_census_occ itself (without measures) refuse: 'name it 'beta''
        other = [c for c in scores.columns if isinstance(c, str) and column_key(c) == column_key(m)]
        if other:
            raise DataFormatError(f"measures names it {m!r}: write {other[0]!r} in measures", path="scores",
                                  column=other[0])
    if missing:
        raise DataFormatError(f"scores lack the measure column(s) {missing}")
    return names


def _no_match(codes: pd.Series, reached: pd.Series, key: str, xw: pd.DataFrame, names) -> DataFormatError:
    """The error when no scored O*NET-SOC code of the crosswalk has a Census code."""
    n = codes.nunique()
    if key == "onetsoc_code":
        kind, standard, example = "O*NET-SOC", "O*NET-SOC 2019 codes", xw["onetsoc_code"].iloc[0] if len(xw) else None
    else:
        kind, standard = "SOC", "OEWS codes of SOC 2018"
        example = xw["onetsoc_code"].iloc[0][:7] if len(xw) else None
    if not reached.any():
        which = f"the {kind} code {codes.iloc[0]!r} is not" if n == 1 else f"none of the {n} {kind} codes is"
        hint = f" ({standard} expected, e.g. {example!r})" if example is not None else ""
        row = int(np.flatnonzero(codes.notna().to_numpy(dtype=bool))[0]) + 1 if n == 1 else None  # one code: its row
        return DataFormatError(f"{which} in the Census crosswalk{hint}", path="scores", row=row, column=key)
    return DataFormatError(f"no {kind} code of scores that is in the Census crosswalk has both a Census "
                           f"code and a value in {list(names)}", path="scores", column=key)


def _check_weights(weights: pd.DataFrame, has: np.ndarray, employment: pd.DataFrame, given: bool) -> None:
    """Refuse an ``employment`` that reaches no scored code; warn of scored codes it weighs 0.

    ``weights`` is :func:`census_weights` of the crosswalk rows with a Census code, ``has``
    whether each row has a value. An employment frame of the caller's whose codes reach none
    of the scored O*NET-SOC codes (SOC 2010 codes, codes of another level) made every Census
    code ``weighting == "equal"`` without a word, as if no employment had been given. A
    scored code whose OEWS code is absent from it (or has no employment) weighed 0 beside the
    codes with employment of its Census code: its score was left out of the mean without a
    word (the shipped employment leaves out no such code).
    """
    w = weights["weight"].to_numpy(dtype=float)
    known = weights["occ_code"].isin(set(employment["soc_code"].astype(str))).to_numpy(dtype=bool)
    if given and not (has & known).any():  # codes with employment 0 take their plain mean, as documented
        socs = weights.loc[has, "onetsoc_code"].astype(str).str.slice(0, 7)
        example = f" (SOC 2018 codes such as {str(socs.iloc[0])!r})" if len(socs) else ""
        raise DataFormatError("no scored O*NET-SOC code of the crosswalk gets any employment from it: its soc_code "
                              f"values match none of their OEWS codes{example}; "
                              "give the OEWS occupation codes of SOC 2018", path="employment", column="soc_code")
    census = weights["census_occ"].to_numpy(dtype=object)
    weighted = pd.Series(has & (w > 0)).groupby(census).transform("any").to_numpy(dtype=bool)
    lost = has & (w == 0) & weighted
    if lost.any():
        n = int(lost.sum())
        k = int(np.flatnonzero(lost)[0])
        code = weights["occ_code"].iloc[k]
        why = "is not in the employment" if pd.isna(code) or code not in set(employment["soc_code"].astype(str)) \
            else "has no employment (0 or missing)"
        log.warning("%d scored O*NET-SOC code%s no employment, so %s 0 in %s Census code beside codes with "
                    "employment (e.g. %r, Census code %r: its OEWS code %r %s)", n, " has" if n == 1 else "s have",
                    "it weighs" if n == 1 else "they weigh", "its" if n == 1 else "their",
                    str(weights["onetsoc_code"].iloc[k]), str(census[k]),
                    None if pd.isna(code) else str(code), why)


def to_census_occ(scores: pd.DataFrame, crosswalk: pd.DataFrame | None = None,
                  employment: pd.DataFrame | None = None, *, measures=None,
                  soc_structure: pd.DataFrame | None = None, mirror=None, data_dir=None) -> pd.DataFrame:
    """Put scores on Census 2018 occupation codes (CPS/ACS ``OCC``), employment-weighted.

    Parameters
    ----------
    scores : pandas.DataFrame
        O*NET-SOC level (``onetsoc_code``, e.g. ``exposure.load("occupations")``), or OEWS
        code level (``soc_code``, e.g. ``exposure.load("soc")``: each O*NET code then takes
        the value of its OEWS code). Each code once, never missing, and well formed
        (``11-1011.00`` / ``11-1011``, no surrounding spaces); the measures are shares,
        numbers from 0 to 1 or missing (text that reads as a number is accepted, booleans
        are not).
    crosswalk : pandas.DataFrame, optional
        O*NET-SOC -> Census crosswalk (``onetsoc_code``, ``census_occ``; the Census codes
        as text, ``'0010'``; a blank one is missing: :func:`check_crosswalk`); default the
        registered file
        (:func:`exposure.crosswalks.load_census_crosswalk`, with ``mirror``/``data_dir``).
        Its index is not used. With scores by OEWS code (``soc_code``), the O*NET-SOC codes
        that a crosswalk cut to some Census codes leaves out are not known: each OEWS code's
        workers are split among the codes it lists (``13-1021.00``, alone of the three
        children of ``13-1020``, takes all its workers). The warning about scored OEWS
        codes that the crosswalk does not reach says so; keep the Census codes you need
        from the result of the whole crosswalk instead.
    employment : pandas.DataFrame, optional
        ``soc_code``, ``tot_emp`` of the OEWS codes (SOC codes; a code given twice must
        carry the same ``tot_emp``); default those columns of ``scores`` when it has them,
        else of the shipped ``soc_scores`` table (OEWS May 2025). A ``tot_emp`` of scores
        without ``soc_code`` is not used, and a warning says so (it was ignored without a
        word).
    measures : str or list of str, optional
        Column(s) to carry, each once (a single name is one measure); default those of
        :data:`exposure._measures.MEASURES` present.
    soc_structure : pandas.DataFrame, optional
        SOC structure for the SOC -> OEWS code map: the frame of
        :func:`exposure.crosswalks.load_soc_structure` or
        :func:`~exposure.crosswalks.read_soc_structure`, not a path
        (:func:`~exposure.crosswalks.check_soc_structure`).
    mirror, data_dir : str or os.PathLike, optional
        Passed to :func:`exposure.fetch.fetch` when the crosswalk is loaded.

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._outcomes.CensusScores`, one row per Census code of the
        crosswalk, sorted by code. A measure missing in every row of ``scores`` is missing
        in every row of the result. A warning names the codes of ``scores`` that the
        crosswalk does not reach (for ``soc_code``, those with a value), and the scored
        O*NET-SOC codes that it lists without a Census code: they are left out. Scored
        O*NET-SOC codes that the registered crosswalk (``crosswalk`` None) lacks are no
        O*NET-SOC 2019 codes (``13-1199.01``, an O*NET-SOC 2010 code): they take no share
        of their OEWS code's workers (they took one from the codes it lists).

    Raises
    ------
    exposure.errors.DataFormatError
        Before anything is computed (the scores before anything is loaded): a frame
        argument that is not a DataFrame or lacks a column; a code missing, malformed
        (``'11-1011.00 '``) or given twice; a crosswalk code that is not a 4-digit Census
        code given as text (``10.0``: the file read without ``dtype=str``); a
        ``soc_structure`` that is not the frame of
        :func:`~exposure.crosswalks.load_soc_structure`;
        ``measures`` empty, repeated, or naming an absent column; a measure value that is
        not a number or not in [0, 1] (``scores, row 6, column 'beta':
        must be in [0, 1], got inf``; rows count the rows of ``scores``
        from 1); alpha, beta and gamma (those carried) out of the rubric's order,
        ``alpha <= beta <= gamma`` within 1e-6, which means of task scores keep (two
        columns swapped: carried as given before;
        :func:`~exposure.rollup._soc.refuse_rubric_order`); an O*NET-SOC code twice in
        the crosswalk; an employment ``soc_code`` missing, malformed or given twice
        with different ``tot_emp`` (``employment, row 2, column 'soc_code': ...``;
        ``scores, ...`` when the employment is taken from the scores); scores with no
        rows or no value at all; scores none of whose codes reach
        the crosswalk (e.g. O*NET-SOC 2010 codes such as ``15-1132.00``), which would
        leave every Census code unscored; a crosswalk without rows (the scores were
        blamed); an employment ``tot_emp`` of 2**63 or more (``employment, row 2, column
        'tot_emp': tot_emp is too large for a number of workers, got 1e+308``); an
        employment (or scores carrying ``tot_emp``) without any count, ``tot_emp`` missing
        or 0 on every row (every Census code was a plain mean, without a word); an employment
        keyed by Census occupation codes (a column ``census_occ`` or ``OCC`` for
        ``soc_code``, or a ``soc_code`` of ``'0010'``: ACS or CPS counts), which cannot
        weigh the O*NET-SOC codes within a Census code (:func:`_refuse_census_keyed`); scores by
        OEWS code (``soc_code``) giving a SOC group beside a code it holds (``13-1020`` and
        ``13-1021``: the code's O*NET-SOC code took its value and the group's others the
        group's, without a word), or an OEWS aggregate beside a code it holds (``21-1018``
        and ``21-1011``).

    Examples
    --------
    Two O*NET children of 11-1011 (100 workers each) and 13-1021 (in the OEWS aggregate
    13-1020, 50 workers) share Census code 0010:

    >>> occ = pd.DataFrame({"onetsoc_code": ["11-1011.00", "11-1011.03", "13-1021.00"],
    ...                     "beta": [0.2, 0.4, 0.8]})
    >>> xw = pd.DataFrame({"onetsoc_code": occ["onetsoc_code"], "census_occ": "0010"})
    >>> emp = pd.DataFrame({"soc_code": ["11-1011", "13-1020"], "tot_emp": [200.0, 50.0]})
    >>> to_census_occ(occ, xw, emp)[["census_occ", "beta", "tot_emp", "n_onet", "weighting"]]
      census_occ  beta  tot_emp  n_onet   weighting
    0       0010   0.4    250.0       3  employment

    Codes of another O*NET-SOC release match nothing:

    >>> to_census_occ(occ.assign(onetsoc_code=["15-1132.00", "15-1133.00", "15-1134.00"]), xw, emp)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: scores, column 'onetsoc_code': none of the 3 O*NET-SOC codes is in the Census crosswalk (O*NET-SOC 2019 codes expected, e.g. '11-1011.00')
    """
    require_frame(scores, "scores")  # the scores are checked before anything is loaded
    key = next((k for k in ("onetsoc_code", "soc_code") if k in scores.columns), None)
    if key is None:
        # exposure.load("occupations").set_index("onetsoc_code"): said to lack the column it is indexed by
        indexed = [k for k in ("onetsoc_code", "soc_code") if k in scores.index.names]
        if indexed:
            require_frame(scores, "scores", indexed[:1])
        raise DataFormatError("scores need an onetsoc_code or a soc_code column")
    names = _measure_names(measures, scores, key)
    check_once(scores, [key, *names], "scores")  # named first, the column once
    frame = scores.reset_index(drop=True)
    blank = (frame[key].isna() | (frame[key].astype(str).str.strip() == "")).to_numpy(dtype=bool)
    if blank.any():
        raise DataFormatError("missing", path="scores", row=int(np.flatnonzero(blank)[0]) + 1, column=key)
    check_codes(frame, "scores", [key])
    require_frame(scores, "scores", unique=key)
    if key == "soc_code":
        _refuse_nested(frame[key].astype(str).tolist())
    if frame.empty:
        raise DataFormatError("scores have no rows")
    clean = pd.concat([frame[[key]].astype({key: str}), pd.DataFrame(measure_values(frame, "scores", names), columns=names)], axis=1)
    if clean[names].isna().all(axis=None):
        raise DataFormatError(f"scores have no value: every row is missing all of {names}")
    # alpha above beta (swapped columns): carried to the Census codes as given, as to_soc did
    refuse_rubric_order(np.column_stack([clean[m].to_numpy(dtype=float) if m in names else np.full(len(clean), np.nan)
                                         for m in EXPOSURE_MEASURES]),
                        "scores", "O*NET occupations" if key == "onetsoc_code" else "OEWS codes")
    check_soc_structure(soc_structure)
    check_location(mirror, "mirror")
    check_location(data_dir, "data_dir")
    given_emp = employment is not None
    if given_emp:
        employment = _employment(employment)
    given_xw = crosswalk is not None  # the registered one lists every O*NET-SOC code
    if given_xw:
        _require_crosswalk(crosswalk)
        check_crosswalk(crosswalk)
    else:
        crosswalk = crosswalks.load_census_crosswalk(mirror=mirror, data_dir=data_dir)
    if crosswalk.empty:  # the scores were blamed: "none of the 3 O*NET-SOC codes is in the Census crosswalk"
        raise DataFormatError("has no rows: give the O*NET-SOC -> Census crosswalk "
                              "(exposure.crosswalks.load_census_crosswalk)", path="crosswalk")
    if employment is None:
        has_emp = {"soc_code", "tot_emp"} <= set(scores.columns)
        if "tot_emp" in scores.columns and not has_emp:  # the column was ignored without a word
            log.warning("scores have a tot_emp column but no soc_code, so it is not used: the O*NET-SOC codes are "
                        "weighted by the OEWS May 2025 employment of their OEWS codes (soc_scores); to weigh by "
                        "counts of your own, give employment= (soc_code, tot_emp of the OEWS codes)")
        employment = _employment((frame if has_emp else load("soc_scores"))[["soc_code", "tot_emp"]],
                                 "scores" if has_emp else "soc_scores")
    # the index is dropped: one named like a column ('onetsoc_code') made the merge ambiguous
    xw = _pairs(crosswalk).astype({"onetsoc_code": str})
    codes = clean[key]
    if key == "onetsoc_code":
        values = xw.merge(clean, on="onetsoc_code", how="left")
        reached = codes.isin(set(xw["onetsoc_code"]))
    else:
        soc = xw["onetsoc_code"].str.slice(0, 7)
        cmap = oews_code_map(soc, codes, soc_structure)
        occ_code = soc.map(cmap.set_index("soc_code")["occ_code"])
        by_code = clean.set_index("soc_code")[names]
        values = pd.concat([xw.reset_index(drop=True),
                            by_code.reindex(occ_code.to_numpy()).reset_index(drop=True)], axis=1)
        reached = codes.isin(set(occ_code.dropna()))
    has_value = values[names].notna().any(axis=1).to_numpy(dtype=bool)
    no_census = values.loc[has_value & values["census_occ"].isna().to_numpy(dtype=bool), "onetsoc_code"]
    # one order whatever the crosswalk's rows' (the weighted sums of a Census code ran in its
    # row order: a shuffled crosswalk gave means that differed in the 16th digit)
    values = (values[values["census_occ"].notna()].sort_values(["census_occ", "onetsoc_code"], kind="stable")
              .reset_index(drop=True))
    scored = values.loc[values[names].notna().any(axis=1), "onetsoc_code"]
    if scored.empty:
        raise _no_match(codes, reached, key, xw, names)
    # codes left out of every Census code; for soc_code (every OEWS code, scored or not),
    # the scored ones, which were left out without a word
    lost = ~reached.to_numpy(dtype=bool)
    if key == "soc_code":
        lost &= clean[names].notna().any(axis=1).to_numpy(dtype=bool)
    unknown = sorted(set(codes[lost]))
    if unknown:
        # one or many, which crosswalk, what becomes of their scores and what to do (round 78:
        # "1 O*NET-SOC codes are not in the Census crosswalk (e.g. '15-1132.00')")
        log.warning("%s", not_in_census_crosswalk_said(len(unknown), unknown[0], key, registered=not given_xw))
    if len(no_census):  # in the crosswalk without a Census code: left out without a word
        n = int(no_census.nunique())
        log.warning("%d scored O*NET-SOC code%s no Census code in the crosswalk, so %s left out (e.g. %r)",
                    n, " has" if n == 1 else "s have", "it is" if n == 1 else "they are", str(no_census.iloc[0]))
    # scored codes that the crosswalk does not list (one cut to some Census codes) take their
    # share of their OEWS code's workers: its scored children in the crosswalk took them all.
    # The registered crosswalk lists every O*NET-SOC 2019 code: a code it lacks is none (an
    # O*NET-SOC 2010 code such as 13-1199.01), and took a share of the workers of those it lists
    others = [] if key != "onetsoc_code" or not given_xw else sorted(
        set(clean.loc[clean[names].notna().any(axis=1).to_numpy(dtype=bool), key]) - set(xw["onetsoc_code"]))
    weights = _census_weights(values, employment, scored, soc_structure, others=others)
    w = weights["weight"].to_numpy(float)
    _check_weights(weights, values[names].notna().any(axis=1).to_numpy(dtype=bool), employment, given_emp)
    rows = []
    for code, idx in values.groupby("census_occ", sort=True).indices.items():
        has = values.loc[idx, names].notna().to_numpy()
        wi = w[idx]
        use_emp = (wi[has.any(axis=1)] > 0).any()
        wi_eff = np.where(has.any(axis=1), wi if use_emp else 1.0, 0.0)
        row = {"census_occ": code}
        for j, m in enumerate(names):
            x = values.loc[idx, m].to_numpy(float)
            ww = np.where(has[:, j], wi_eff, 0.0)
            if not ww.sum() > 0:  # its values only on codes without employment: their plain mean
                ww = has[:, j].astype(float)  # (it was missing beside a code with employment)
            row[m] = float((ww * np.nan_to_num(x)).sum() / ww.sum()) if ww.sum() > 0 else np.nan
        row["tot_emp"] = float(wi[has.any(axis=1)].sum())
        row["n_onet"] = int(has.any(axis=1).sum())
        row["weighting"] = "none" if not has.any() else ("employment" if use_emp else "equal")
        rows.append(row)
    out = pd.DataFrame(rows, columns=["census_occ", *names, "tot_emp", "n_onet", "weighting"])
    return validate(out, CensusScores, path="census scores")
