"""Shared plumbing of the measure loaders: file lookup, SOC crosswalks, employment.

Private: the public loaders live in the per-measure modules.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from exposure.errors import DataFormatError
from exposure.measures._crosswalk import compose_links, links_from_pairs
from exposure.schemas import validate

log = logging.getLogger(__name__)

SOC10_TO_18 = "crosswalks/2010_to_2018_SOC_Crosswalk.xlsx"
SOC10_ISCO08 = "crosswalks/soc10_isco08.csv"
OEWS_CROSS = "oews/oews_national_cross_industry_M2025.csv"


def resolve(name: str, *, mirror=None, data_dir=None) -> Path:
    """Local, sha256-verified path of registry file ``name`` (:func:`exposure.fetch.fetch`)."""
    from exposure.fetch import fetch

    return Path(fetch(name, mirror=mirror, data_dir=data_dir))


def require_columns(frame: pd.DataFrame, columns, path) -> None:
    """Raise DataFormatError naming the file and the first missing column."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFormatError(
            f"expected column(s) {missing} not found (columns are {list(frame.columns)})",
            path=path,
            column=missing[0],
        )


def to_float(frame: pd.DataFrame, column: str, path, row_offset: int = 2) -> pd.Series:
    """Parse a numeric column; a non-numeric cell is a DataFormatError naming row and column."""
    raw = frame[column]
    num = pd.to_numeric(raw, errors="coerce")
    bad = num.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataFormatError(
            f"not a number: {raw.iloc[pos]!r}", path=path, row=pos + row_offset, column=column
        )
    return num.astype(float)


def read_soc10_to_18_links(path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SOC 2010 -> SOC 2018 and O*NET-SOC 2010 -> SOC 2018 weighted links.

    Reads ``2010_to_2018_SOC_Crosswalk.xlsx`` with
    :func:`exposure.crosswalks.read_soc_2010_to_2018` (the SOC 2010 code is the first 7
    characters of the O*NET-SOC 2010 code).
    """
    from exposure.crosswalks import read_soc_2010_to_2018

    frame = read_soc_2010_to_2018(path)
    return (
        links_from_pairs(frame, "soc_2010_code", "soc_code"),
        links_from_pairs(frame, "onetsoc_2010_code", "soc_code"),
    )


def soc10_to_18(*, mirror=None, data_dir=None, path=None) -> pd.DataFrame:
    """SOC 2010 -> SOC 2018 weighted links."""
    return read_soc10_to_18_links(path or resolve(SOC10_TO_18, mirror=mirror, data_dir=data_dir))[0]


def onetsoc10_to_18(*, mirror=None, data_dir=None, path=None) -> pd.DataFrame:
    """O*NET-SOC 2010 -> SOC 2018 weighted links."""
    return read_soc10_to_18_links(path or resolve(SOC10_TO_18, mirror=mirror, data_dir=data_dir))[1]


def read_soc10_isco08_pairs(path) -> pd.DataFrame:
    """SOC 2010 <-> ISCO-08 pairs [soc10_code 'XX-XXXX', isco08_code 'XXXX'].

    Reads ``soc10_isco08.csv`` with :func:`exposure.crosswalks.read_soc10_isco08` (which
    restores the leading zero of the armed-forces groups ``0110`` etc.).
    """
    from exposure.crosswalks import read_soc10_isco08

    frame = read_soc10_isco08(path)
    return frame.rename(columns={"soc_2010_code": "soc10_code"})[["soc10_code", "isco08_code"]]


def isco_to_soc18(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """ISCO-08 -> SOC 2010 -> SOC 2018 weighted links (chain)."""
    pairs = read_soc10_isco08_pairs(resolve(SOC10_ISCO08, mirror=mirror, data_dir=data_dir))
    first = links_from_pairs(pairs, "isco08_code", "soc10_code")
    return compose_links(first, soc10_to_18(mirror=mirror, data_dir=data_dir))


def soc18_to_isco(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """SOC 2018 -> SOC 2010 -> ISCO-08 weighted links (chain)."""
    pairs = read_soc10_isco08_pairs(resolve(SOC10_ISCO08, mirror=mirror, data_dir=data_dir))
    soc = soc10_to_18(mirror=mirror, data_dir=data_dir)
    back = links_from_pairs(soc, "target_code", "source_code")  # SOC 2018 -> SOC 2010
    return compose_links(back, links_from_pairs(pairs, "soc10_code", "isco08_code"))


def read_oews_employment(path) -> pd.DataFrame:
    """Detailed-code employment [soc_code, tot_emp, title] of an OEWS national cross-industry file.

    Uses :func:`exposure.oews.read_oews` when it is installed, else a minimal reader.
    """
    try:
        from exposure.oews import read_oews
    except ImportError:
        read_oews = None
    if read_oews is not None:
        frame = read_oews(path)
        cols = {"occ_code": "occ_code", "o_group": "o_group", "tot_emp": "tot_emp"}
        if "naics" in frame.columns:
            frame = frame[frame["naics"].astype(str) == "000000"]
    else:
        frame = pd.read_csv(path, dtype=str)
        frame.columns = [c.lower() for c in frame.columns]
        cols = {"occ_code": "occ_code", "o_group": "o_group", "tot_emp": "tot_emp"}
        require_columns(frame, list(cols), path)
        if "naics" in frame.columns:
            frame = frame[frame["naics"] == "000000"]
    frame = frame[frame["o_group"] == "detailed"]
    emp = pd.to_numeric(frame["tot_emp"], errors="coerce")
    title = frame["occ_title"].astype(str).to_numpy() if "occ_title" in frame.columns else None
    return (
        pd.DataFrame(
            {"soc_code": frame["occ_code"].astype(str).to_numpy(), "tot_emp": emp.to_numpy(), "title": title}
        )
        .drop_duplicates("soc_code")
        .sort_values("soc_code")
        .reset_index(drop=True)
    )


def load_employment(*, mirror=None, data_dir=None) -> pd.DataFrame:
    """OEWS May 2025 national cross-industry employment of detailed codes."""
    return read_oews_employment(resolve(OEWS_CROSS, mirror=mirror, data_dir=data_dir))


def employment_for(codes, employment: pd.DataFrame) -> pd.Series:
    """Employment per SOC 2018 code, counting each OEWS code once.

    A code published by OEWS gets its ``tot_emp``. A detailed code that OEWS only
    publishes inside an aggregate (e.g. ``31-1122`` inside ``31-1120``; the aggregate is
    the broad code ``XX-XXX0``) gets an equal share of the aggregate among the codes of
    ``codes`` that fall in it. Codes found nowhere get NaN.
    """
    codes = pd.Index(pd.unique(pd.Series(list(codes), dtype=str)))
    emp = employment.set_index("soc_code")["tot_emp"]
    out = pd.Series(emp.reindex(codes).to_numpy(), index=codes, dtype=float)
    missing = out.index[out.isna()]
    agg_code = pd.Series([c[:6] + "0" for c in missing], index=missing)
    agg_code = agg_code[agg_code.isin(emp.index) & ~agg_code.isin(codes)]
    if len(agg_code):
        share = agg_code.map(agg_code.value_counts())
        out.loc[agg_code.index] = emp.reindex(agg_code.to_numpy()).to_numpy() / share.to_numpy()
    return out


def to_measure_scores(frame: pd.DataFrame, column: str, measure: str) -> pd.DataFrame:
    """One measure of a crosswalked frame as validated long :class:`MeasureScores` rows."""
    from exposure.schemas._measures import MeasureScores

    out = frame.loc[frame[column].notna(), ["soc_code", column, "crosswalk_weight", "n_sources"]]
    out = out.rename(columns={column: "value"})
    out.insert(1, "measure", measure)
    out = validate(out.sort_values("soc_code"), MeasureScores, path=f"measure {measure}")
    out.attrs.update(frame.attrs)
    return out
