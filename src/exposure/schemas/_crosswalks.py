"""Pandera models of the occupation and industry crosswalks (:mod:`exposure.crosswalks`).

Each model refuses what its reader refuses in the file, so that a crosswalk built by hand
and checked with :func:`exposure.schemas.validate` is one the readers would give: a blank
title (``str_length``), a SOC code that is not the first seven characters of its O*NET-SOC
code (``own_soc``; ``own_soc_2010``). Both were accepted before.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from exposure.schemas._base import CHECK_COLUMNS
from exposure.schemas._fields import (
    ISCO_PATTERN,
    ISCO_UNIT_PATTERN,
    NAICS_PATTERN,
    ONETSOC_PATTERN,
    SOC_MAJOR_PATTERN,
    SOC_OR_ONETSOC_PATTERN,
    onetsoc_code_field,
    soc_code_field,
)

__all__ = [
    "OnetToSoc",
    "SocStructure",
    "Soc2010To2018",
    "Soc10Isco08",
    "IscoGroups",
    "NaicsTitles",
]


#: A title: text of one character at least (a blank cell was read as ``''``).
_TITLE = {"str_length": {"min_value": 1}}


def _own_soc(onetsoc: pd.Series, soc: pd.Series) -> pd.Series:
    """Whether each ``soc`` is the first seven characters of its ``onetsoc`` code.

    A malformed O*NET-SOC code passes (its pattern tells), and so does a missing value.

    Examples
    --------
    >>> _own_soc(pd.Series(["11-1011.03", "15-1132.00", "x"]), pd.Series(["11-1011", "15-1252", "11-1011"])).tolist()
    [True, False, True]
    """
    code = onetsoc.astype("string")
    odd = ~code.str.fullmatch(ONETSOC_PATTERN[1:-2]).fillna(False)  # str_matches tells
    return ((code.str.slice(0, 7) == soc.astype("string")).fillna(True) | odd).astype(bool)


class OnetToSoc(pa.DataFrameModel):
    """O*NET-SOC 2019 occupations and the SOC 2018 detailed code each belongs to."""

    onetsoc_code: Series[str] = onetsoc_code_field("O*NET-SOC 2019 code (``11-1011.03``).")
    onetsoc_title: Series[str] = pa.Field(**_TITLE, description="O*NET-SOC 2019 title.")
    soc_code: Series[str] = soc_code_field("SOC 2018 detailed occupation code (``11-1011``).")
    soc_title: Series[str] = pa.Field(**_TITLE, description="SOC 2018 title.")

    @pa.dataframe_check(description="soc_code is the first seven characters of onetsoc_code")
    def own_soc(cls, df: pd.DataFrame) -> Series[bool]:
        return _own_soc(df["onetsoc_code"], df["soc_code"])

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_code"]


class SocStructure(pa.DataFrameModel):
    """SOC 2018 hierarchy (major, minor, broad, detailed) with O*NET-SOC detail codes.

    One row per code, with the codes of its parents.
    """

    soc_code: Series[str] = pa.Field(
        str_matches=SOC_OR_ONETSOC_PATTERN,
        description="The code of the row: SOC 2018 code, or O*NET-SOC code for level onet.",
    )
    level: Series[str] = pa.Field(
        isin=["major", "minor", "broad", "detailed", "onet"],
        description="Level of the code in the hierarchy.",
    )
    title: Series[str] = pa.Field(**_TITLE, description="SOC 2018 or O*NET-SOC 2019 title.")
    major_code: Series[str] = pa.Field(
        str_matches=SOC_MAJOR_PATTERN, description="Major group (``11-0000``)."
    )
    minor_code: Series[str] = soc_code_field("Minor group (``11-1000``).", nullable=True)
    broad_code: Series[str] = soc_code_field("Broad occupation (``11-1010``).", nullable=True)
    detailed_code: Series[str] = soc_code_field("Detailed occupation (``11-1011``).", nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["soc_code"]


class Soc2010To2018(pa.DataFrameModel):
    """O*NET-SOC 2010 occupations -> SOC 2018 codes (some 2010 codes split)."""

    onetsoc_2010_code: Series[str] = onetsoc_code_field("O*NET-SOC 2010 code.")
    onetsoc_2010_title: Series[str] = pa.Field(**_TITLE, description="O*NET-SOC 2010 title.")
    soc_2010_code: Series[str] = soc_code_field(
        "SOC 2010 detailed code: the first 7 characters of the O*NET-SOC 2010 code."
    )
    soc_code: Series[str] = soc_code_field("SOC 2018 code.")
    soc_title: Series[str] = pa.Field(**_TITLE, description="SOC 2018 title.")

    @pa.dataframe_check(description="soc_2010_code is the first seven characters of onetsoc_2010_code")
    def own_soc_2010(cls, df: pd.DataFrame) -> Series[bool]:
        return _own_soc(df["onetsoc_2010_code"], df["soc_2010_code"])

    class Config:
        strict = True
        coerce = True
        unique = ["onetsoc_2010_code", "soc_code"]


class Soc10Isco08(pa.DataFrameModel):
    """SOC 2010 -> ISCO-08 pairs (many-to-many)."""

    soc_2010_code: Series[str] = soc_code_field("SOC 2010 code, hyphenated (``11-1011``).")
    isco08_code: Series[str] = pa.Field(
        str_matches=ISCO_UNIT_PATTERN,
        description="ISCO-08 unit group, 4 digits (leading zero restored: ``0110``).",
    )

    class Config:
        strict = True
        coerce = True
        unique = ["soc_2010_code", "isco08_code"]


class IscoGroups(pa.DataFrameModel):
    """ISCO-08 groups (ESCO ``ISCOGroups_en.csv``), levels 1-4."""

    isco08_code: Series[str] = pa.Field(
        str_matches=ISCO_PATTERN, description="ISCO-08 code, 1-4 digits, leading zeros kept."
    )
    level: Series[int] = pa.Field(
        ge=1, le=4, description="1 major, 2 sub-major, 3 minor, 4 unit group."
    )
    isco_title: Series[str] = pa.Field(**_TITLE, description="Preferred English label.")
    description: Series[str] = pa.Field(nullable=True, description="ESCO description.")

    @pa.dataframe_check(description="level is the number of digits of isco08_code")
    def level_of_code(cls, df: pd.DataFrame) -> Series[bool]:
        code = df["isco08_code"].astype("string")
        odd = ~code.str.fullmatch(ISCO_PATTERN[1:-2]).fillna(False)  # str_matches tells
        return ((code.str.len() == df["level"]).fillna(True) | odd).astype(bool)

    class Config:
        strict = True
        coerce = True
        unique = ["isco08_code"]


class NaicsTitles(pa.DataFrameModel):
    """NAICS 2022 codes (2-6 digits, sector ranges such as ``31-33``) and titles."""

    naics: Series[str] = pa.Field(str_matches=NAICS_PATTERN, description="NAICS 2022 code.")
    naics_title: Series[str] = pa.Field(**_TITLE, description="NAICS 2022 title (whitespace stripped).")
    level: Series[int] = pa.Field(
        ge=2, le=6, description="Number of digits (2 sector, ..., 6 national industry)."
    )

    @pa.dataframe_check(description="level is the number of digits of naics (2 for a "
                        "sector range such as 31-33)")
    def level_of_code(cls, df: pd.DataFrame) -> Series[bool]:
        code = df["naics"].astype("string")
        digits = code.str.len().where(~code.str.contains("-", regex=False), 2)
        odd = ~code.str.fullmatch(NAICS_PATTERN[1:-2]).fillna(False)  # str_matches tells
        return ((digits == df["level"]).fillna(True) | odd).astype(bool)

    class Config:
        strict = True
        coerce = True
        unique = ["naics"]


# the column each row-wise check judges (named in its errors)
CHECK_COLUMNS.update({("IscoGroups", "level_of_code"): "level", ("NaicsTitles", "level_of_code"): "level",
                      ("OnetToSoc", "own_soc"): "soc_code", ("Soc2010To2018", "own_soc_2010"): "soc_2010_code"})
