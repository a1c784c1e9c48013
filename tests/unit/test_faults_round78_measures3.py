"""Round 78 (wave 3), published measures: SOC vintages, IWA ids in another case, an empty Felten sheet.

1. ``felten.read_felten_occupations`` of a sheet holding a SOC 2018 code (``15-1252``, new
   in SOC 2018) where SOC 2010 codes are expected: before, read without a word (the code
   matched no SOC 2010 link later on). Now ``f.xlsx, row 3, column 'SOC Code': '15-1252' is
   a SOC 2018 code, not a SOC 2010 code: the file is on SOC 2018 (a newer release?);
   Felten's occupations are read on SOC 2010`` (the row is the sheet's, blank rows counted).
2. ``microsoft.read_applicability`` and ``read_soc_to_iwas`` of a file holding a SOC 2010
   code (``15-1132``, gone in SOC 2018): before, read without a word. Now ``app.csv, row 3,
   column 'SOC Code': '15-1132' is a SOC 2010 code, not a SOC 2018 code: the file is on
   SOC 2010 (an older release?); Microsoft's files are read on SOC 2018``. ``25-2052``
   (an OEWS code of SOC 2018 data, in Microsoft's real files) is read as before.
3. ``microsoft.read_soc_iwa_weights`` with a header ``4.A.1.A.1.I01`` (case changed): before,
   ``w.csv, row 1, column '4.A.1.A.1.I01': column '4.A.1.A.1.I01' is not an IWA id (like
   4.A.1.a.1.I01)``. Now the same followed by ``: write '4.A.1.a.1.I01' (IWA ids are
   case-sensitive)``; ``read_soc_to_iwas`` and ``read_iwa_metrics`` say it of an ``IWA`` cell.
4. ``felten._sheet`` of a sheet whose header was deleted too (nothing in it): before,
   ``f.xlsx: sheet 'Appendix A' has no rows below the header (row 1)``. Now ``f.xlsx: sheet
   'Appendix A' is empty (no header, no rows)``; a header alone keeps its message.
"""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from exposure.errors import DataFormatError
from exposure.measures import felten, microsoft


def _felten(path, codes):
    df = pd.DataFrame({"SOC Code": codes, "Occupation Title": [f"Occ {i}" for i in range(len(codes))],
                       "AIOE": [0.5 + i for i in range(len(codes))]})
    df.to_excel(path, sheet_name="Appendix A", index=False)
    return path


def test_felten_soc2018_code_refused(tmp_path):
    # SOC 2010 codes (15-1132, gone in SOC 2018) are read as before
    assert felten.read_felten_occupations(_felten(tmp_path / "old.xlsx", ["11-1011", "15-1132"])).shape == (2, 3)
    path = _felten(tmp_path / "f.xlsx", ["11-1011", "15-1252"])
    msg = ("f.xlsx, row 3, column 'SOC Code': '15-1252' is a SOC 2018 code, not a SOC 2010 code: the file is on "
           "SOC 2018 (a newer release?); Felten's occupations are read on SOC 2010")
    with pytest.raises(DataFormatError, match=re.escape(msg)):
        felten.read_felten_occupations(path)


def test_microsoft_applicability_soc2010_code_refused(tmp_path):
    # 25-2052, an OEWS code of SOC 2018 data (in Microsoft's real files), is read as before
    ok = tmp_path / "ok.csv"
    ok.write_text("SOC Code,title,ai_applicability_score\n25-2052,Special Education Teachers,0.1\n"
                  "15-1252,Software Developers,0.5\n")
    assert microsoft.read_applicability(ok)["soc_code"].tolist() == ["25-2052", "15-1252"]
    path = tmp_path / "app.csv"
    path.write_text("SOC Code,title,ai_applicability_score\n11-1011,Chief Executives,0.1\n"
                    "15-1132,Software Developers,0.5\n")
    msg = ("app.csv, row 3, column 'SOC Code': '15-1132' is a SOC 2010 code, not a SOC 2018 code: the file is on "
           "SOC 2010 (an older release?); Microsoft's files are read on SOC 2018")
    with pytest.raises(DataFormatError, match=re.escape(msg)):
        microsoft.read_applicability(path)


def test_microsoft_soc_to_iwas_soc2010_code_refused(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("SOC Code,IWA\n11-1011,4.A.4.a.2.I03\n15-1132,4.A.4.a.2.I03\n")
    with pytest.raises(DataFormatError, match=re.escape(
            "s.csv, row 3, column 'SOC Code': '15-1132' is a SOC 2010 code, not a SOC 2018 code")):
        microsoft.read_soc_to_iwas(path)


def test_iwa_header_in_another_case_told_the_id(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("SOC Code,4.A.1.a.1.I01,4.A.1.A.1.I02\n11-1011,0.0,2.5\n")
    msg = ("w.csv, row 1, column '4.A.1.A.1.I02': column '4.A.1.A.1.I02' is not an IWA id (like 4.A.1.a.1.I01): "
           "write '4.A.1.a.1.I02' (IWA ids are case-sensitive)")
    with pytest.raises(DataFormatError, match=re.escape(msg)):
        microsoft.read_soc_iwa_weights(path)


def test_iwa_cell_in_another_case_told_the_id(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("SOC Code,IWA\n11-1011,4.A.4.a.2.I03\n11-1011,4.a.4.A.2.i04\n")
    msg = ("s.csv, row 3, column 'IWA': not an IWA id (like 4.A.1.a.1.I01): '4.a.4.A.2.i04': "
           "write '4.A.4.a.2.I04' (IWA ids are case-sensitive)")
    with pytest.raises(DataFormatError, match=re.escape(msg)):
        microsoft.read_soc_to_iwas(path)


def test_felten_sheet_without_header_said_empty(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Appendix A"
    wb.save(path)
    with pytest.raises(DataFormatError, match=re.escape("f.xlsx: sheet 'Appendix A' is empty (no header, no rows)")):
        felten.read_felten_occupations(path)
    # a header alone keeps its message
    with pytest.raises(DataFormatError, match=re.escape("sheet 'Appendix A' has no rows below the header (row 1)")):
        felten.read_felten_occupations(_felten(tmp_path / "h.xlsx", []))


def test_the_vintage_lists_are_those_of_the_real_crosswalk(mirror):
    # SOC2010_ONLY and SOC2018_ONLY are written in the source (a reader of Felten's or
    # Microsoft's file needs no crosswalk): they must be the codes on one side only of the
    # real 2010 -> 2018 crosswalk, less the one OEWS code of SOC 2018 data the comment names
    from exposure.crosswalks import read_soc_2010_to_2018
    from exposure.measures._common import SOC2010_ONLY, SOC2018_ONLY

    xw = read_soc_2010_to_2018(mirror / "crosswalks" / "2010_to_2018_SOC_Crosswalk.xlsx")
    old, new = set(xw["soc_2010_code"].dropna()), set(xw["soc_code"].dropna())
    assert SOC2010_ONLY == (old - new) - {"25-2052"}
    assert SOC2018_ONLY == new - old
