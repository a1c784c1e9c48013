"""Webb (2020) exposure of occupations to AI, software and robots.

Published on Dorn's ``occ1990dd`` occupations as employment-weighted percentiles
(0-100); the loader stores them as fractions (``/ 100``). The chain to SOC 2018 is
occ1990dd -> O*NET-SOC 2010 (``onet_to_occ1990dd.csv``) -> SOC 2018
(``2010_to_2018_SOC_Crosswalk.xlsx``), with the weight rule of
:mod:`exposure.measures._crosswalk`.

Webb M (2020) The impact of artificial intelligence on the labor market. Working paper,
Stanford University.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from exposure._tables import first_repeat
from exposure.errors import DataFormatError
from exposure.measures import _common
from exposure.measures._crosswalk import LINK_COLUMNS, apply_links, compose_links, links_from_pairs
from exposure.schemas import validate
from exposure.schemas._fields import ONETSOC_PATTERN
from exposure.schemas._measures import WebbScores

__all__ = ["read_webb", "read_onet_to_occ1990dd", "webb_to_soc", "load_webb", "MEASURES"]

SCORES = "reference/webb2020/exposure_by_occ1990dd_lswt2010.csv"
CROSSWALK = "reference/webb2020/onet_to_occ1990dd.csv"
MEASURES = ["webb_ai", "webb_software", "webb_robot"]


def _occ_code(raw: pd.Series, path, column: str) -> pd.Series:
    """occ1990dd codes as strings; the row named is the index label + 2 (the file's row).

    A code is a whole number from 0 to 999 (Dorn's codes run from 4 to 905): ``-4`` was
    kept by :func:`read_onet_to_occ1990dd` as the code ``'-4'``.
    """
    num = pd.to_numeric(raw, errors="coerce")
    bad = num.isna() | (num != num.round()) | np.isinf(num) | (num < 0) | (num > 999)
    if bad.any():
        pos = int(bad.to_numpy().nonzero()[0][0])
        value = raw.iloc[pos]
        # an empty cell was "not an occ1990dd code: nan", a value the file does not hold
        what = "missing occ1990dd code" if pd.isna(value) or not str(value).strip() else (
            f"not an occ1990dd code: {value!r}")
        raise DataFormatError(what, path=path, row=int(raw.index[pos]) + 2, column=column)
    return num.astype(int).astype(str)


def _check_percentiles(pct: dict, name) -> None:
    """Refuse percentile columns that hold no percentiles: fractions, flags, or no value.

    Webb publishes employment-weighted percentiles from 1 to 100, which ``/ 100`` makes
    fractions. A column whose values all lie in [0, 1] is refused: with a value strictly
    between 0 and 1 it holds fractions (``/ 100`` would shrink them silently); with only
    0 and 1 (at least one 0, which is no Webb percentile) it holds flags or rounded
    fractions (read as the percentiles 0 and 1 before). The row named is the first value
    strictly between 0 and 1 (the first row with a value, for 0/1). A column of the
    percentile 1 on every row is read as such. A column missing on every row (a release
    without the measure's values) is refused too: the measure came out missing everywhere.

    Examples
    --------
    >>> _check_percentiles({"pct_ai": pd.Series([0.28, 0.67])}, "w.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.csv, row 2, column 'pct_ai': pct_ai holds percentiles from 0 to 100, but every value is from 0 to 1 (0.28): the file gives fractions; multiply them by 100
    >>> _check_percentiles({"pct_ai": pd.Series([1.0, 0.0, 1.0])}, "w.csv")
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: w.csv, row 2, column 'pct_ai': pct_ai holds percentiles from 1 to 100, but every value is 0 or 1: flags or rounded fractions, not Webb's percentiles
    """
    for col, values in pct.items():
        arr = values.to_numpy(dtype=float)
        given = ~np.isnan(arr)
        if not given.any():
            raise DataFormatError(f"{col} is missing in every row (the file gives no percentile of this "
                                  "measure)", path=name, column=col)
        if arr[given].max() > 1:
            continue
        inside = (arr > 0) & (arr < 1)
        if inside.any():
            pos = int(np.flatnonzero(inside)[0])
            raise DataFormatError(
                f"{col} holds percentiles from 0 to 100, but every value is from 0 to 1 "
                f"({float(arr[pos])!r}): the file gives fractions; multiply them by 100",
                path=name, row=pos + 2, column=col)
        if (arr[given] == 1).all():  # the percentile 1 on every row: read as such
            continue
        raise DataFormatError(f"{col} holds percentiles from 1 to 100, but every value is 0 or 1: flags or "
                              "rounded fractions, not Webb's percentiles", path=name,
                              row=int(np.flatnonzero(given)[0]) + 2, column=col)


def read_webb(path) -> pd.DataFrame:
    """Read ``exposure_by_occ1990dd_lswt2010.csv``.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    pandas.DataFrame
        :class:`~exposure.schemas._measures.WebbScores` (percentiles / 100).

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file or one without rows, a line with too few or too many fields, a
        missing column (header names are matched whatever their case), a value that is not
        a finite number, an occ1990dd code that is not a whole number from 0 to 999 or is
        given twice (``4`` and ``4.0`` are one code), a missing title or ``lswt2010``, a
        percentile column written as fractions or 0/1 flags (every value from 0 to 1) or
        missing on every row, or a value outside its range (file, row and column named).

    Examples
    --------
    >>> import io
    >>> text = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\\n4,Chiefs,10.5,30,9,28\\n"
    >>> read_webb(io.StringIO(text))
      occ1990dd   title  lswt2010  webb_software  webb_robot  webb_ai
    0         4  Chiefs      10.5            0.3        0.09     0.28
    """
    name = "<webb scores>" if hasattr(path, "read") else path
    frame = _common.read_csv(path, name)
    cols = ["occ1990dd", "occ1990dd_title", "lswt2010", "pct_software", "pct_robot", "pct_ai"]
    _common.require_columns(frame, cols, name)
    pct = {c: _common.to_float(frame, c, name) for c in ("pct_software", "pct_robot", "pct_ai")}
    _check_percentiles(pct, name)
    for col, values in pct.items():  # named webb_* with the value / 100 (1.3 for 130) by the schema
        _common.check_range(values, name, col, high=100.0, what=f"{col} (a percentile from 0 to 100)")
    # refused in the file's words: pandera's "check field_uniqueness", "check not_nullable: nan"
    # (under the library's column 'title') and "check greater_than_or_equal_to(0)" before
    codes = _occ_code(frame["occ1990dd"], name, "occ1990dd")
    repeat = first_repeat(codes)
    if repeat is not None:  # 4 and 4.0 are one code
        pos, first = repeat
        raise DataFormatError(f"occ1990dd code {codes.iloc[pos]!r} appears twice (rows {first + 2} and {pos + 2})",
                              path=name, row=pos + 2, column="occ1990dd")
    title = frame["occ1990dd_title"].astype("string").str.strip()
    gap = (title.isna() | (title == "")).to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing title", path=name, row=int(np.flatnonzero(gap)[0]) + 2,
                              column="occ1990dd_title")
    weight = _common.to_float(frame, "lswt2010", name)
    gap = weight.isna().to_numpy(dtype=bool)
    if gap.any():
        raise DataFormatError("missing value", path=name, row=int(np.flatnonzero(gap)[0]) + 2, column="lswt2010")
    _common.check_range(weight, name, "lswt2010", what="lswt2010 (a labour-supply weight)")
    out = pd.DataFrame(
        {
            "occ1990dd": codes,
            "title": frame["occ1990dd_title"].astype(str),
            "lswt2010": weight,
            "webb_software": pct["pct_software"] / 100,
            "webb_robot": pct["pct_robot"] / 100,
            "webb_ai": pct["pct_ai"] / 100,
        }
    )
    return validate(out, WebbScores, path=name, row_offset=2)


def read_onet_to_occ1990dd(path) -> pd.DataFrame:
    """Read ``onet_to_occ1990dd.csv`` as pairs [onetsoc_code, occ1990dd].

    Rows whose ``occ1990dd`` is empty (O*NET codes without an occ1990dd) are kept out of
    the pairs and counted in ``attrs["unlinked"]``. Every ``onetsoccode`` must be an
    O*NET-SOC code (``11-1011.00``) and each (O*NET-SOC, occ1990dd) pair may appear once;
    errors name the row of the file (the header being row 1).

    Raises
    ------
    exposure.errors.DataFormatError
        An unreadable file, a missing column, a malformed or missing code, a repeated pair.

    Examples
    --------
    >>> import io
    >>> text = "onet_name,onetsoccode,occ1990dd\\nChief Executives,11-1011.00,4.0\\nX,11-9999.00,\\n"
    >>> pairs = read_onet_to_occ1990dd(io.StringIO(text))
    >>> pairs
      onetsoc_code occ1990dd
    0   11-1011.00         4
    >>> pairs.attrs["unlinked"]
    ['11-9999.00']
    """
    name = "<onet_to_occ1990dd>" if hasattr(path, "read") else path
    frame = _common.read_csv(path, name)
    _common.require_columns(frame, ["onetsoccode", "occ1990dd"], name)
    codes = _common.check_codes(frame["onetsoccode"], ONETSOC_PATTERN, name, "onetsoccode",
                                what="O*NET-SOC code", example="11-1011.00", unique=False, article="an")
    has = (frame["occ1990dd"].notna() & (frame["occ1990dd"].str.strip() != "")).to_numpy()
    rows = np.flatnonzero(has) + 2  # row of the file of each pair
    out = pd.DataFrame(
        {
            "onetsoc_code": codes[has].to_numpy(),
            "occ1990dd": _occ_code(frame.loc[has, "occ1990dd"], name, "occ1990dd").to_numpy(),
        }
    )
    repeat = first_repeat(out["onetsoc_code"] + " " + out["occ1990dd"])
    if repeat is not None:
        pos, first = repeat
        raise DataFormatError(
            f"pair {out['onetsoc_code'].iloc[pos]} -> {out['occ1990dd'].iloc[pos]} appears twice "
            f"(rows {rows[first]} and {rows[pos]})", path=name, row=int(rows[pos]), column="onetsoccode")
    out.attrs["unlinked"] = sorted(codes[~has])
    return out


def webb_to_soc(
    scores: pd.DataFrame, occ_to_onet: pd.DataFrame, onet_to_soc: pd.DataFrame, *, path=None
) -> pd.DataFrame:
    """Cross Webb scores occ1990dd -> O*NET-SOC -> SOC 2018.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`read_webb`.
    occ_to_onet : pandas.DataFrame
        Pairs from :func:`read_onet_to_occ1990dd`.
    onet_to_soc : pandas.DataFrame
        O*NET-SOC -> SOC 2018 links.
    path : optional
        File the scores come from, named in errors.

    Returns
    -------
    pandas.DataFrame
        ``soc_code``, ``webb_ai``, ``webb_software``, ``webb_robot``, ``crosswalk_weight``,
        ``n_sources`` (number of occ1990dd codes averaged).

    Raises
    ------
    exposure.errors.DataFormatError
        A frame that is not one, lacks a column or holds one twice, and the errors of
        :func:`~exposure.measures._crosswalk.apply_links`; an O*NET-SOC 2019 code of
        ``occ_to_onet`` (``15-1252.00``: :func:`_no_onetsoc2019`; its occupation was left
        out, or took a SOC 2018 code from another occupation, without a word); a code
        that is none: an ``occ1990dd`` of ``scores`` or ``occ_to_onet`` that is no whole
        number from 0 to 999, an ``onetsoc_code`` of ``occ_to_onet`` missing or no
        O*NET-SOC code (``11-1011``) on a row with an ``occ1990dd``
        (:func:`_check_codes`), naming the row (counted from 1) and column.

    Examples
    --------
    occ1990dd ``7`` covers two O*NET codes that fall in different SOC codes (weight 1/2
    each); ``15-1252`` also receives all of occ1990dd ``8``:

    >>> scores = pd.DataFrame({"occ1990dd": ["7", "8"], "webb_ai": [0.2, 0.6],
    ...                        "webb_software": [0.1, 0.1], "webb_robot": [0.0, 0.0]})
    >>> pairs = pd.DataFrame({"onetsoc_code": ["15-1132.00", "13-2011.00", "15-1133.00"],
    ...                       "occ1990dd": ["7", "7", "8"]})
    >>> onet = pd.DataFrame({"source_code": ["15-1132.00", "13-2011.00", "15-1133.00"],
    ...                      "target_code": ["15-1252", "13-2011", "15-1252"],
    ...                      "crosswalk_weight": [1.0, 1.0, 1.0]})
    >>> webb_to_soc(scores, pairs, onet)[["soc_code", "webb_ai", "crosswalk_weight"]].round(4)
      soc_code  webb_ai  crosswalk_weight
    0  13-2011   0.2000               0.5
    1  15-1252   0.4667               1.5
    """
    # what is not a frame is named (AttributeError, or pandas' "Can only merge" TypeError before)
    _common.check_frame(scores, "scores")
    _common.check_frame(occ_to_onet, "occ_to_onet")
    _common.check_table(onet_to_soc, "onet_to_soc", LINK_COLUMNS)
    # a column twice was "not a number: array([...], dtype=object)" or an AttributeError
    _common.check_once(onet_to_soc, LINK_COLUMNS, "onet_to_soc")
    _common.check_table(occ_to_onet, "occ_to_onet", ["occ1990dd", "onetsoc_code"])
    _common.check_once(occ_to_onet, ["occ1990dd", "onetsoc_code"], "occ_to_onet")
    _check_codes(scores, occ_to_onet, path)
    links = compose_links(links_from_pairs(occ_to_onet, "occ1990dd", "onetsoc_code"), onet_to_soc)
    _no_onetsoc2019(occ_to_onet, onet_to_soc, links.attrs.get("unmatched", []))
    out = apply_links(scores, links, code="occ1990dd", values=MEASURES, path=path)
    out.attrs["unmatched_onet"] = links.attrs.get("unmatched", [])
    return out


def _check_codes(scores: pd.DataFrame, occ_to_onet: pd.DataFrame, path) -> None:
    """Refuse a code of ``scores`` or ``occ_to_onet`` that is none, naming the frame, the row (from 1) and column.

    An ``occ1990dd`` must be a whole number from 0 to 999 (as :func:`read_webb` and
    :func:`read_onet_to_occ1990dd` read it); an ``onetsoc_code`` of a pair with an
    ``occ1990dd`` must be an O*NET-SOC code (``11-1011.00``). A pair of ``11-1011`` (a SOC
    code), ``banana`` or a missing code, or an occ1990dd ``7a``, linked nothing: its
    occupation's weight went to its other O*NET-SOC codes, a score of occ1990dd ``8.5``
    was left out (``attrs["unmatched"]`` only), without a word. A pair without an
    ``occ1990dd`` (an O*NET code Dorn's crosswalk does not link) is left out, as
    before; a missing code of ``scores`` is left to
    :func:`~exposure.measures._crosswalk.apply_links`.

    Examples
    --------
    >>> scores = pd.DataFrame({"occ1990dd": ["7"], "webb_ai": [0.2]})
    >>> _check_codes(scores, pd.DataFrame({"onetsoc_code": ["15-1132.00", "13-2011"], "occ1990dd": [7, 7]}), None)
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occ_to_onet, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): '13-2011': a SOC code? an O*NET-SOC code has a two-digit suffix: write '13-2011.00' (the SOC occupation itself) or the O*NET-SOC code meant
    """
    where = "scores" if path is None else path
    for frame, name, pairs in ((scores, where, False), (occ_to_onet, "occ_to_onet", True)):
        if "occ1990dd" not in frame.columns:  # apply_links names the missing column
            continue
        frame = frame.reset_index(drop=True)
        occ = frame["occ1990dd"].astype("string").str.strip()
        given = (occ.notna() & (occ != "")).to_numpy(dtype=bool, na_value=False)
        num = pd.to_numeric(occ.astype(object).where(given, None), errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            bad_occ = given & ~((num == np.round(num)) & (num >= 0) & (num <= 999))
        bad_code = np.zeros(len(frame), dtype=bool)
        if pairs:
            codes = frame["onetsoc_code"].astype("string").str.strip()
            bad_code = given & ~codes.str.fullmatch(ONETSOC_PATTERN).to_numpy(dtype=bool, na_value=False)
        bad = bad_occ | bad_code
        if not bad.any():
            continue
        pos = int(np.flatnonzero(bad)[0])
        if bad_code[pos]:
            # the readers' words (read_onet_to_occ1990dd)
            _common.check_codes(codes.iloc[pos:pos + 1], ONETSOC_PATTERN, name, "onetsoc_code",
                                what="O*NET-SOC code", example="11-1011.00", unique=False, article="an",
                                row_offset=pos + 1)
        value = frame["occ1990dd"].iloc[pos]
        value = value.item() if isinstance(value, np.generic) else value  # -7, not np.int64(-7)
        raise DataFormatError(f"not an occ1990dd code: {value!r}", path=name, row=pos + 1, column="occ1990dd")


def _no_onetsoc2019(occ_to_onet: pd.DataFrame, onet_to_soc: pd.DataFrame, unmatched) -> None:
    """Refuse an O*NET-SOC code of ``occ_to_onet`` without a link that is an O*NET-SOC 2019 code.

    Such a code (``15-1252.00``) is on a SOC 2018 code of ``onet_to_soc`` that is no SOC
    2010 code of its O*NET-SOC 2010 sources: the crosswalk is on O*NET-SOC 2019 (a newer
    release). Its occ1990dd lost the weight of the code, or left the result (an INFO line
    only), and a SOC 2018 code took the score of another occupation, without a word. The
    row is counted from 1 in ``occ_to_onet``. As Felten's scores on SOC 2018 are refused
    (:func:`exposure.measures.felten.felten_to_soc`).

    Examples
    --------
    >>> links = pd.DataFrame({"source_code": ["15-1132.00"], "target_code": ["15-1252"],
    ...                       "crosswalk_weight": [1.0]})
    >>> pairs = pd.DataFrame({"onetsoc_code": ["15-1252.00"], "occ1990dd": ["229"]})
    >>> _no_onetsoc2019(pairs, links, ["15-1252.00"])
    Traceback (most recent call last):
    ...
    exposure.errors.DataFormatError: occ_to_onet, row 1, column 'onetsoc_code': '15-1252.00' is an O*NET-SOC 2019 code (SOC 2018 15-1252, no SOC 2010 code), not an O*NET-SOC 2010 code: the crosswalk is on O*NET-SOC 2019 (a newer release?); onet_to_soc links O*NET-SOC 2010 codes to SOC 2018
    """
    soc10 = set(onet_to_soc["source_code"].astype(str).str[:7])
    soc18 = set(onet_to_soc["target_code"].astype(str))
    new = {c for c in unmatched if c[:7] in soc18 and c[:7] not in soc10}
    if not new:
        return
    codes = occ_to_onet["onetsoc_code"].astype(str).str.strip().reset_index(drop=True)
    pos = int(np.flatnonzero(codes.isin(new).to_numpy(dtype=bool))[0])
    code = codes.iloc[pos]
    raise DataFormatError(f"{code!r} is an O*NET-SOC 2019 code (SOC 2018 {code[:7]}, no SOC 2010 code), not an "
                          "O*NET-SOC 2010 code: the crosswalk is on O*NET-SOC 2019 (a newer release?); onet_to_soc "
                          "links O*NET-SOC 2010 codes to SOC 2018", path="occ_to_onet", row=pos + 1,
                          column="onetsoc_code")


def load_webb(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """Webb AI, software and robot exposure on SOC 2018 codes, from the registry files.

    Examples
    --------
    >>> import tempfile
    >>> load_webb(mirror=tempfile.mkdtemp(), data_dir=tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    exposure.errors.DownloadError: reference/webb2020/exposure_by_occ1990dd_lswt2010.csv: not found in mirror ...
    """
    path = _common.resolve(SCORES, mirror=mirror, data_dir=data_dir)
    scores = read_webb(path)
    pairs = read_onet_to_occ1990dd(_common.resolve(CROSSWALK, mirror=mirror, data_dir=data_dir))
    out = webb_to_soc(scores, pairs, _common.onetsoc10_to_18(mirror=mirror, data_dir=data_dir), path=path)
    out.attrs["source_file"] = str(path)
    return out
