"""Faults found in the published-measure readers (damaged or malformed files)."""

from __future__ import annotations

import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures.felten import read_felten_occupations
from exposure.measures.microsoft import read_applicability, read_iwa_metrics, read_soc_iwa_weights
from exposure.measures.webb import read_onet_to_occ1990dd, read_webb

WEBB_HEAD = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
ONET_HEAD = "onet_name,onetsoccode,occ1990dd,occ1990dd_title\n"
IWA_HEAD = "IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def _raises(match, func, *args):
    with pytest.raises(DataFormatError, match=match) as info:
        func(*args)
    return info.value


# item 8: infinite scores
def test_felten_infinite_score_refused(tmp_path):
    p = tmp_path / "lm.xlsx"
    pd.DataFrame({"SOC Code": ["11-1011", "11-1021"], "Occupation Title": ["a", "b"],
                  "Language Modeling AIOE": ["1.0", "inf"]}).to_excel(p, sheet_name="LM AIOE", index=False)
    err = _raises("not a finite number", read_felten_occupations, p, "lm")
    assert (err.row, err.column) == (3, "Language Modeling AIOE")


def test_webb_infinite_weight_refused(tmp_path):
    p = _write(tmp_path, "w.csv", WEBB_HEAD + "4,Chiefs,inf,30,9,28\n")
    err = _raises("not a finite number", read_webb, p)
    assert (err.row, err.column) == (2, "lswt2010")


# item 3: onet_to_occ1990dd rows and codes
def test_onet_to_occ1990dd_names_file_row(tmp_path):
    p = _write(tmp_path, "o.csv", ONET_HEAD + "A,11-1011.00,,t\nB,11-1011.03,,t\nC,11-1021.00,4.5,t\n")
    err = _raises("not an occ1990dd code", read_onet_to_occ1990dd, p)
    assert (err.row, err.column) == (4, "occ1990dd")


@pytest.mark.parametrize("code, match", [("banana", "not an O\\*NET-SOC code"), ("", "missing O\\*NET-SOC code")])
def test_onet_to_occ1990dd_bad_code(tmp_path, code, match):
    p = _write(tmp_path, "o.csv", ONET_HEAD + f"A,11-1011.00,4,t\nB,{code},4,t\n")
    err = _raises(match, read_onet_to_occ1990dd, p)
    assert (err.row, err.column) == (3, "onetsoccode")


def test_onet_to_occ1990dd_repeated_pair(tmp_path):
    p = _write(tmp_path, "o.csv", ONET_HEAD + "A,11-1011.00,4,t\nB,11-1021.00,,t\nA,11-1011.00,4.0,t\n")
    err = _raises(r"appears twice \(rows 2 and 4\)", read_onet_to_occ1990dd, p)
    assert err.row == 4


# item 5: Microsoft components
@pytest.mark.parametrize("text, match, row, column", [
    ("SOC Code,I1,I2\n11-1011,1,2\n11-1011,3,4\n", "appears twice", 3, "SOC Code"),
    ("SOC Code,I1,I2\n11-1011,1,2\nbanana,3,4\n", "not a SOC code", 3, "SOC Code"),
    ("SOC Code,I1,I2\n11-1011,1,2\n11-1021,-1,4\n", "at least 0", 3, "I1"),
    ("SOC Code,I1,I2\n11-1011,1,\n", "missing weight", 2, "I2"),
    ("SOC Code,I1,I1\n11-1011,1,2\n", "column 'I1': given more than once", 1, "I1"),
])
def test_soc_iwa_weights_damage(tmp_path, text, match, row, column):
    err = _raises(match, read_soc_iwa_weights, _write(tmp_path, "w.csv", text))
    assert (err.row, err.column) == (row, column)


@pytest.mark.parametrize("line, match, column", [
    (",0.1,0.1,0.5,0.9,0.5,0.4", "missing IWA id", "IWA"),
    ("I1,inf,0.1,0.5,0.9,0.5,0.4", "not a finite number", "share_user"),
    ("I1,0.1,-3,0.5,0.9,0.5,0.4", "at least 0", "share_ai"),
    ("I1,0.1,0.1,5,0.9,0.5,0.4", "at most 1", "completion_user"),
])
def test_iwa_metrics_damage(tmp_path, line, match, column):
    err = _raises(match, read_iwa_metrics, _write(tmp_path, "m.csv", IWA_HEAD + line + "\n"))
    assert (err.row, err.column) == (2, column)


# item 4: unreadable files are DataFormatErrors naming the file
def test_empty_csv(tmp_path):
    p = _write(tmp_path, "e.csv", "")
    err = _raises("file is empty", read_webb, p)
    assert err.path == str(p)


def test_truncated_quoted_field(tmp_path):
    p = _write(tmp_path, "t.csv", 'SOC Code,title,ai_applicability_score\n11-1011,"CE')
    err = _raises("cannot parse", read_applicability, p)
    assert err.path == str(p)


def test_missing_csv(tmp_path):
    _raises("file not found", read_onet_to_occ1990dd, tmp_path / "nope.csv")


def test_truncated_xlsx(tmp_path):
    full = tmp_path / "lm.xlsx"
    pd.DataFrame({"SOC Code": ["11-1011"] * 200, "Occupation Title": ["a"] * 200,
                  "Language Modeling AIOE": [1.0] * 200}).to_excel(full, sheet_name="LM AIOE", index=False)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(full.read_bytes()[:2000])
    # round 78 (was: "cannot read as an .xlsx workbook"): a workbook cut short is said to be one
    err = _raises("not a complete .xlsx workbook: it starts as one", read_felten_occupations, cut, "lm")
    assert err.path == str(cut)


def test_missing_xlsx(tmp_path):
    _raises("file not found", read_felten_occupations, tmp_path / "nope.xlsx", "lm")


def test_felten_errors_name_the_sheet_row_after_a_blank_row(tmp_path):
    """Blank rows were dropped before numbering: 'abc' on sheet row 5 was named row 4."""
    from exposure.measures import felten

    frame = pd.DataFrame({"SOC Code": ["11-1011", "", "11-1021", "11-2011"],
                          "Occupation Title": ["A", "", "B", "C"], "AIOE": ["1.0", "", "0.5", "abc"]})
    path = tmp_path / "f.xlsx"
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name=felten.VARIANTS["aioe"][1], index=False)
    with pytest.raises(DataFormatError) as err:
        felten.read_felten_occupations(path)
    assert (err.value.row, err.value.column) == (5, "AIOE")
