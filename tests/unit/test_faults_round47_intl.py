"""Fault round 47 (intl): exposure by ISCO-08 occupation through the SOC/ISCO crosswalk.

A policy analyst with her own ISCO-08-coded data (codes read from a CSV or a spreadsheet)
puts it through the ISCO-08 <-> SOC links (:func:`exposure.measures.ilo.ilo_to_soc`,
:func:`~exposure.measures._crosswalk.apply_links`) and our SOC scores onto ISCO-08
(:func:`exposure.measures.ilo.to_isco`).

1. An ISCO-08 code given as the text ``'110'`` (the armed forces' ``0110`` of a CSV read
   as text) matched no link and was left out of the result, its employment too, with a
   word in ``attrs["unmatched"]`` only, while the number ``110`` was read as ``0110``. Now
   zero-padded like the number.
2. A code with surrounding spaces (``'2512 '``) was left out likewise. Now stripped.
3. A code a spreadsheet saved as ``'2512.0'`` was left out likewise (the number
   ``2512.0`` was read as ``2512``). Now read as ``2512``.
4. A 3- or 2-digit ISCO-08 group (``251``, ``'25'``) beside 4-digit links was left out
   (the number ``251`` read as ``'0251'``): its employment silently missing. Now refused,
   naming the row, the column and the codes under it.
5. A blank text code (``''``) was a code of its own, left out without a word. Now
   "code missing" naming the row.
6. ``to_isco(counts=["emp"])`` naming a column the scores lack ignored it: employment
   was not split, and the employment column under another name was averaged as a
   measure (each ISCO group showed the mean employment). Now refused, naming the column.
7. ``to_isco`` of scores with a SOC code ``'15-1253 '`` (or an O*NET-SOC code) said
   ``oews_codes must be a list of SOC codes (like 11-1011), got '15-1253 ' at position 1``
   (an argument the user never gave, a position counted from 0). Now
   ``soc_scores, row 2, column 'soc_code': soc_code not a SOC code ...``.
8. An ISCO group none of whose SOC codes had employment (``tot_emp`` missing) got
   ``tot_emp`` 0.0 (no workers) from ``to_isco``. Now NaN (unknown), as the measures.
"""

from __future__ import annotations

import pandas as pd
import pytest
from tests.unit._frames import write_csv

from exposure.errors import DataFormatError
from exposure.measures import _common, ilo
from exposure.measures._crosswalk import apply_links, links_from_pairs

#: soc10_isco08.csv as published (``soc10,isco08``; the armed forces' 0110 as 110).
SOC10_ISCO08 = "soc10,isco08\n551011,110\n151132,2512\n151133,2512\n151131,2514\n151199,2519\n"


@pytest.fixture
def isco_to_soc(tmp_path):
    """ISCO-08 -> SOC 2010 links of a tiny ``soc10_isco08.csv``."""
    pairs = _common.read_soc10_isco08_pairs(write_csv(tmp_path, SOC10_ISCO08, "soc10_isco08.csv"))
    return links_from_pairs(pairs, "isco08_code", "soc10_code")


def _employment(tmp_path, codes: list[str]) -> pd.DataFrame:
    """Her ISCO-coded employment, a CSV read with the codes as text."""
    lines = "".join(f"{code},{1000 * (i + 1)}\n" for i, code in enumerate(codes))
    path = write_csv(tmp_path, "isco08_code,emp\n" + lines, "emp.csv")
    return pd.read_csv(path, dtype={"isco08_code": str}, keep_default_na=False)


@pytest.mark.parametrize("code", ["110", " 0110", "0110 ", "110.0"])
def test_armed_forces_code_as_text_keeps_its_employment(tmp_path, isco_to_soc, code):
    emp = _employment(tmp_path, [code, "2512"])
    out = apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",))
    assert out.attrs["unmatched"] == []
    assert out["emp"].sum() == pytest.approx(3000.0)
    assert out.set_index("soc_code").loc["55-1011", "emp"] == pytest.approx(1000.0)


@pytest.mark.parametrize("code", ["2512 ", "2512.0", " 2512"])
def test_unit_group_with_spaces_or_excel_decimal_is_matched(tmp_path, isco_to_soc, code):
    emp = _employment(tmp_path, ["2514", code])
    out = apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",))
    assert out.attrs["unmatched"] == []
    assert out["emp"].sum() == pytest.approx(3000.0)


def test_ilo_scores_with_text_codes_reach_soc(isco_to_soc):
    scores = pd.DataFrame({"isco08_code": ["2512 ", "110"], "mean_score_2025": [0.6, 0.1],
                           "mean_score_2023": [0.5, 0.1], "gradient_level_2025": [3, -1]})
    out = ilo.ilo_to_soc(scores, isco_to_soc).set_index("soc_code")
    assert out.attrs["unmatched"] == []
    assert out.loc["55-1011", "mean_score_2025"] == pytest.approx(0.1)
    assert out.loc["15-1132", "mean_score_2025"] == pytest.approx(0.6)


def test_same_code_as_number_and_as_text_is_refused(isco_to_soc):
    emp = pd.DataFrame({"isco08_code": pd.Series([110, "110"], dtype=object), "emp": [1.0, 2.0]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'isco08_code': code '0110' appears more than once"):
        apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",))


@pytest.mark.parametrize(("code", "digits"), [("251", 3), ("25", 2)])
def test_isco_group_code_is_refused_not_dropped(tmp_path, isco_to_soc, code, digits):
    emp = _employment(tmp_path, ["2512", code])
    with pytest.raises(DataFormatError) as exc:
        apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",), path="emp.csv")
    assert (exc.value.row, exc.value.column) == (2, "isco08_code")
    assert f"code {code!r} has {digits} digits, the crosswalk's codes have 4" in str(exc.value)
    assert "'2512', '2514', '2519'" in str(exc.value)


def test_isco_group_code_as_number_is_refused(isco_to_soc):
    emp = pd.DataFrame({"isco08_code": [2512, 251], "emp": [1.0, 2.0]})
    with pytest.raises(DataFormatError, match=r"row 2, column 'isco08_code': code '251' has 3 digits"):
        apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",))


def test_blank_text_code_is_missing(tmp_path, isco_to_soc):
    emp = _employment(tmp_path, ["2512", " "])
    with pytest.raises(DataFormatError, match=r"row 2, column 'isco08_code': code missing"):
        apply_links(emp, isco_to_soc, code="isco08_code", values=[], counts=("emp",))


SOC_TO_ISCO = links_from_pairs(pd.DataFrame({"s": ["15-1252", "15-1253", "15-1253", "55-1011"],
                                             "t": ["2512", "2512", "2519", "0110"]}), "s", "t")


def test_to_isco_counts_naming_no_column_is_refused():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "employment": [100.0, 50.0]})
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(soc, links=SOC_TO_ISCO, counts=["emp"])
    assert exc.value.column == "emp" and "counts names column(s) ['emp'] that soc_scores lacks" in str(exc.value)
    out = ilo.to_isco(soc, links=SOC_TO_ISCO, counts=["employment"])
    assert out["employment"].sum() == pytest.approx(150.0)


def test_to_isco_default_counts_still_split_tot_emp_or_nothing():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253"], "beta": [0.6, 0.4], "tot_emp": [100.0, 50.0]})
    assert ilo.to_isco(soc, links=SOC_TO_ISCO)["tot_emp"].sum() == pytest.approx(150.0)
    assert "tot_emp" not in ilo.to_isco(soc[["soc_code", "beta"]], links=SOC_TO_ISCO).columns


@pytest.mark.parametrize("bad, tail", [("15-1253 ", ": spaces around the code: write '15-1253'"),
                                       ("15-1253.00", ": an O*NET-SOC code? a SOC code has no suffix: write '15-1253'")])
def test_to_isco_malformed_soc_code_names_row_and_column(bad, tail):
    soc = pd.DataFrame({"soc_code": ["15-1252", bad], "beta": [0.6, 0.4]})
    with pytest.raises(DataFormatError) as exc:
        ilo.to_isco(soc, links=SOC_TO_ISCO)
    assert str(exc.value) == f"soc_scores, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): {bad!r}{tail}"


def test_to_isco_group_without_employment_is_nan_not_zero():
    soc = pd.DataFrame({"soc_code": ["15-1252", "15-1253", "55-1011"], "beta": [0.6, 0.4, 0.1],
                        "tot_emp": [100.0, 50.0, float("nan")]})
    out = ilo.to_isco(soc, links=SOC_TO_ISCO).set_index("isco08_code")
    assert pd.isna(out.loc["0110", "tot_emp"])
    assert out.loc["0110", "beta"] == pytest.approx(0.1)
    assert out.loc["2512", "tot_emp"] == pytest.approx(125.0)
