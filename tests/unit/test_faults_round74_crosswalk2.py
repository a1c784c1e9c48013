"""Fault round 74, second wave: the crosswalk readers, the measures' crosswalk helpers, OEWS and the diff.

1. :func:`exposure.measures._crosswalk.apply_links` (so ``exposure.measures.ilo.to_isco``)
   given a value column named twice (``values=["beta", "beta"]``) refused it as ``not a
   number: array([0.2, 0.2], dtype=object)`` (the two copies shown as one cell), and given
   the code column as a value or a count (``to_isco(values=["soc_code"])``) failed inside
   pandas: ``ValueError: Cannot construct a Series from a DataFrame``. Now, beside the
   check of a column named in both values and counts: ``soc_scores, column 'beta': column
   'beta' is named twice in values: name it once`` and ``soc_scores, column 'soc_code':
   column 'soc_code' is the code column, named in values too: it is no score; leave it out
   of values``.
2. A crosswalk file holding one row twice, the code written in two ways (``111011`` and
   ``11-1011`` in ``soc10_isco08.csv``; ``110`` and ``0110``), was refused as ``... is on row
   2 and again on row 3, an exact copy``, which the rows are not. Now ``..., the same pair of
   codes written another way ('111011' and '11-1011'): keep one row per pair of codes``; a
   true copy is still called an exact copy.
3. :func:`exposure.crosswalks.check_soc_structure` (so ``oews_code_map``) took a
   ``soc_structure`` frame whose detailed row had a ``broad_code`` that is not its broad
   group (``11-1011`` under ``13-1020``), which :func:`~exposure.crosswalks.read_soc_structure`
   refuses; the OEWS broad group ``13-1020`` was then matched to ``11-1011`` without a word.
   Now ``soc_structure, row 1, column 'broad_code': detailed code '11-1011' is not in the
   broad group '13-1020', of another major group: its broad group is '11-1010'``. A broad
   group of the code's own major group is still the structure's to decide (an exception such
   as ``29-1221`` in ``29-1210``).
4. An OEWS file whose ``NAICS`` cell is a 6-digit code saved as a number (``113000.0``) was
   refused with no hint (only codes of 1 to 5 digits were told their zeros). Now the
   message adds :func:`~exposure.schemas._fields.code_hint`'s ``: a code saved as a number?
   write it without its decimals: '113000'`` (and following it works); a sector code with
   an en dash (``31–33``) is told so in the same shared words (the reader's own copy of
   that advice is gone).
5. ``exposure.reports.diff`` refused a ``naics`` code of the outputs with spaces around it
   (``' 52'``) as ``not an OEWS industry code (like 11, 31-33 or 113000): ' 52'`` with no
   word of why. Now ``...: ' 52': spaces around the code: write '52'`` (``code_hint``, as the
   diff's SOC and O*NET-SOC codes are told).
6. A ``Job Zone`` of the census crosswalk written with a decimal comma (``4,0``) was refused
   as ``Job Zone must be a whole number from 1 to 5, or blank, got '4,0'``, the number
   advice of the reader dropped. Now ``...: a comma must separate thousands (1,234); write
   decimals with a point (4.0), not a comma``, and ``4.0`` is read; ``3,5`` (no zone either
   way) gets no such advice.
7. ``measures._crosswalk.to_float`` gave a percentage in a share column (``15.55%``) no
   advice (``not a number: '15.55%'``) and had no way to be told the column is a share.
   Now ``to_float(..., share=True)`` gives :func:`exposure._tables.number_hint`'s share
   advice: ``: a percentage? write it as a fraction of 1: '0.1555'`` (the measure readers
   are to pass it for their share columns).
8. :func:`~exposure.measures.compare.to_oews_codes` (so ``apply_links``) given a value
   column named like a column the result computes, as the output of an earlier crosswalk
   holds them (``columns=["m", "crosswalk_weight"]``), failed inside pandas' merge
   (``KeyError: 'crosswalk_weight'``), and ``columns=["m", "n_sources"]`` returned the
   count of sources under the name of the value, without a word. Now ``frame, column
   'n_sources': column 'n_sources' is named in values, but 'n_sources' is a column of the
   crosswalk's own (how many source codes each target averages): rename it or leave it out
   of values`` (also the target's name and the links' columns).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from _frames import recompute_outputs, write_parquet

from exposure import crosswalks
from exposure.errors import DataFormatError, SchemaError
from exposure.measures import ilo
from exposure.measures._crosswalk import apply_links, to_float
from exposure.measures.compare import to_oews_codes
from exposure.oews import read_oews
from exposure.reports.diff import diff_outputs

MIRROR = Path(os.environ.get("EXPOSURE_MIRROR", "/work/shared/data")).resolve()

LINKS = pd.DataFrame({"source_code": ["A", "B"], "target_code": ["x", "x"], "crosswalk_weight": [1.0, 1.0]})
SCORES = pd.DataFrame({"code": ["A", "B"], "v": [0.2, 0.8], "n": [10.0, 30.0]})


# 1. apply_links: a value named twice, the code column as a value --------------------------------

@pytest.mark.parametrize("values, counts, said", [
    (["v", "v"], (), "scores, column 'v': column 'v' is named twice in values: name it once"),
    (["v"], ("n", "n"), "scores, column 'n': column 'n' is named twice in counts: name it once"),
    (["code"], (), "scores, column 'code': column 'code' is the code column, named in values too: it is no "
                   "score; leave it out of values"),
    (["v"], ("code",), "scores, column 'code': column 'code' is the code column, named in counts too: it is "
                       "no count; leave it out of counts"),
])
def test_1_apply_links_refuses_a_column_named_twice_or_the_code_column(values, counts, said):
    with pytest.raises(DataFormatError) as info:
        apply_links(SCORES, LINKS, code="code", values=values, counts=counts)
    assert str(info.value) == said
    out = apply_links(SCORES, LINKS, code="code", values=["v"], counts=("n",))  # each named once: read
    assert out[["soc_code", "v", "n"]].values.tolist() == [["x", 0.5, 40.0]]


@pytest.mark.parametrize("values, said", [
    (["soc_code"], "soc_scores, column 'soc_code': column 'soc_code' is the code column, named in values too"),
    (["beta", "beta"], "soc_scores, column 'beta': column 'beta' is named twice in values: name it once"),
])
def test_1_to_isco_refuses_the_code_column_or_a_value_twice(values, said):
    scores = pd.DataFrame({"soc_code": ["11-1011", "15-1252"], "beta": [0.2, 0.5]})
    with pytest.raises(DataFormatError) as info:
        ilo.to_isco(scores, values=values, mirror=MIRROR)
    assert str(info.value).startswith(said)


# 2. a crosswalk row repeated, its code written another way --------------------------------------

@pytest.mark.parametrize("rows, written", [
    ("111011,1112\n11-1011,1112\n", "('111011' and '11-1011')"),
    ("551011,110\n551011,0110\n", "('110' and '0110')"),
])
def test_2_a_pair_written_two_ways_is_not_called_an_exact_copy(tmp_path, rows, written):
    path = tmp_path / "soc10_isco08.csv"
    path.write_text("soc10,isco08\n" + rows)
    with pytest.raises(SchemaError) as info:
        crosswalks.read_soc10_isco08(path)
    assert f"is on row 2 and again on row 3, the same pair of codes written another way {written}: keep one " \
           "row per pair of codes" in str(info.value)
    assert "exact copy" not in str(info.value)
    path.write_text("soc10,isco08\n111011,1112\n111011,1112\n")  # a true copy is still one
    with pytest.raises(SchemaError, match=r"is on row 2 and again on row 3, an exact copy: keep one row"):
        crosswalks.read_soc10_isco08(path)


# 3. check_soc_structure: a detailed code under another broad group ------------------------------

def _wrong_broad() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["11-1011", "13-1020", "13-1021"], "level": ["detailed", "broad", "detailed"],
                         "broad_code": ["13-1020", None, "13-1020"]})


def test_3_check_soc_structure_refuses_a_broad_code_that_is_not_the_codes_group():
    with pytest.raises(DataFormatError) as info:
        crosswalks.check_soc_structure(_wrong_broad())
    assert str(info.value) == ("soc_structure, row 1, column 'broad_code': detailed code '11-1011' is not in the "
                               "broad group '13-1020', of another major group: its broad group is '11-1010'")
    crosswalks.check_soc_structure(crosswalks.load_soc_structure(mirror=MIRROR))  # the published one passes


def test_3_oews_code_map_does_not_match_a_code_to_another_broad_group():
    with pytest.raises(DataFormatError, match=r"detailed code '11-1011' is not in the broad group '13-1020', of another "
                                              r"major group"):
        crosswalks.oews_code_map(["11-1011", "13-1021"], ["13-1020"], _wrong_broad())


# 4. OEWS: a 6-digit NAICS code saved as a number -----------------------------------------------

OEWS_HEADER = "NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"


def _oews(tmp_path, naics: str) -> Path:
    path = tmp_path / "oe.csv"
    path.write_text(OEWS_HEADER + f"{naics},Forestry and Logging,3-digit,00-0000,All Occupations,total,100,1,1,1,"
                                  "1,1,1\n", encoding="utf-8")
    return path


def test_4_an_oews_naics_code_saved_as_a_number_is_told_the_code(tmp_path):
    with pytest.raises(SchemaError) as info:
        read_oews(_oews(tmp_path, "113000.0"))
    assert str(info.value).endswith("got '113000.0': a code saved as a number? write it without its decimals: "
                                    "'113000'")
    assert (info.value.row, info.value.column) == (2, "NAICS")
    assert read_oews(_oews(tmp_path, "113000"))["naics"].tolist() == ["113000"]  # the advice works


# 5. diff: a NAICS code with spaces around it ---------------------------------------------------

def test_5_diff_says_why_a_naics_code_is_none(tmp_path):
    old, new = recompute_outputs(tmp_path / "old", "29.1"), recompute_outputs(tmp_path / "new", "30.1")
    sectors = pd.read_parquet(new / "sector_scores.parquet")
    write_parquet(sectors.assign(naics=[" 52", "62"]), new / "sector_scores.parquet")
    with pytest.raises(DataFormatError) as info:
        diff_outputs(old, new)
    assert str(info.value).endswith("row 1, column 'naics': not an OEWS industry code (like 11, 31-33 or 113000): "
                                    "' 52': spaces around the code: write '52'")
    write_parquet(sectors.assign(naics=["52", "62"]), new / "sector_scores.parquet")
    assert len(diff_outputs(old, new).sectors)  # the advice works


# 6. census crosswalk: a Job Zone with a decimal comma -------------------------------------------

CENSUS_HEADER = "Code,Occupation,cps_code,Job Zone,Data-level\n"


def _census(tmp_path, zone: str) -> Path:
    path = tmp_path / "census.csv"
    path.write_text(CENSUS_HEADER + f'11-1011.00,Chief Executives,0010,"{zone}",Y\n')
    return path


def test_6_a_job_zone_with_a_decimal_comma_is_told_the_number(tmp_path):
    with pytest.raises(DataFormatError) as info:
        crosswalks.read_census_crosswalk(_census(tmp_path, "4,0"))
    assert str(info.value).endswith("Job Zone must be a whole number from 1 to 5, or blank, got '4,0': a comma "
                                    "must separate thousands (1,234); write decimals with a point (4.0), not a comma")
    assert crosswalks.read_census_crosswalk(_census(tmp_path, "4.0"))["job_zone"].tolist() == [4.0]
    with pytest.raises(DataFormatError) as info:  # 3.5 is no zone either: no advice
        crosswalks.read_census_crosswalk(_census(tmp_path, "3,5"))
    assert str(info.value).endswith("Job Zone must be a whole number from 1 to 5, or blank, got '3,5'")


# 7. to_float of a share column: a percentage ----------------------------------------------------

def test_7_to_float_of_a_share_tells_a_percentage_its_fraction():
    frame = pd.DataFrame({"ai_applicability_score": ["0.2", "15.55%"]})
    with pytest.raises(DataFormatError) as info:
        to_float(frame, "ai_applicability_score", "scores.csv", share=True)
    assert str(info.value) == ("scores.csv, row 3, column 'ai_applicability_score': not a number: '15.55%': a "
                               "percentage? write it as a fraction of 1: '0.1555'")
    assert to_float(frame.assign(ai_applicability_score=["0.2", "0.1555"]), "ai_applicability_score",
                    "scores.csv", share=True).tolist() == [0.2, 0.1555]


# 8. apply_links: a value named like a column of the result -------------------------------------

@pytest.mark.parametrize("column, what", [
    ("crosswalk_weight", "the sum of the link weights reaching each target"),
    ("n_sources", "how many source codes each target averages"),
])
def test_8_a_value_named_like_a_column_of_the_result_is_refused(column, what):
    frame = pd.DataFrame({"soc_code": ["31-1122", "31-1121", "11-1011"], "m": [0.2, 0.4, 0.9],
                          "crosswalk_weight": [0.5, 0.5, 1.0], "n_sources": [3.0, 1.0, 2.0]})
    with pytest.raises(DataFormatError) as info:
        to_oews_codes(frame, ["m", column], ["31-1120", "11-1011"])
    assert str(info.value) == (f"frame, column '{column}': column '{column}' is named in values, but '{column}' is "
                               f"a column of the crosswalk's own ({what}): rename it or leave it out of values")
    out = to_oews_codes(frame.rename(columns={column: "earlier"}), ["m", "earlier"], ["31-1120", "11-1011"])
    assert out["soc_code"].tolist() == ["11-1011", "31-1120"] and out["n_sources"].tolist() == [1, 2]
