"""Faults of round 75 (third wave, codes3): code advice and the outcomes panel's code checks.

1. A missing code written out as text (``'nan'``, ``'NA'``, ``'None'``, ``'<NA>'``,
   ``'NULL'``, ``'N/A'``, ``'#N/A'``: pandas' ``astype(str)``, R, a database, a
   spreadsheet's failed lookup) was said to be one by the OEWS panel reader alone
   (``not a SOC code (like 11-1011): 'nan' (a missing code written as text?)``); everywhere
   else it was refused without a word of why: ``occupation_scores, row 2, column
   'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): 'NA'`` (``to_soc``), the
   crosswalk frame, ``to_sectors``' ``soc_scores``, the panel of ``exposure_table``,
   ``exposure compare --ours`` and the crosswalk files (``2018 SOC Code must be a SOC 2018
   code (like 11-1011), got '#N/A'``). Now the one helper of code advice
   (``schemas._fields.code_hint``) says it, everywhere, in one wording: ``...: 'NA': a
   missing code (or one written as text)?``; the panel reader's own copy is gone.
2. An empty or blank code cell (``''``, ``'  '``, a tab) was told ``not a SOC code (like
   11-1011): ''`` (``'  '``) by the code checks of the frames (``to_soc``, the outcomes
   panel, the measures table, ``diff``), where the file readers said ``2018 SOC Code is
   blank: give a SOC 2018 code (like 11-1011)``. Now it is said blank in the same words:
   ``soc_code is blank: give a SOC code (like 11-1011)``.
3. ``outcomes.exposure_table`` of a published measure, on a panel holding a code twice in
   its last year, was refused as ``employment, row 3, column 'soc_code': SOC code
   '11-1011' appears twice (rows 2 and 3)``: a frame the caller never gave, and rows that
   are not the panel's. Now the panel (or ``panel_path``) and its rows are named: ``panel,
   row 7, column 'soc_code': SOC code '11-1011' appears twice in the year 2023 (rows 6 and
   7)``.
4. ``outcomes.sector_growth`` took any text of ``sector_scores``' ``naics`` as a sector:
   ``'NA'``, ``'nan'``, a title (``'Information'``) or a code in full-width digits
   (``'５１'``) were warned of as ``1 scored sector is in none of the OEWS tables (May 2021,
   2022, 2025), so its scores are left out (e.g. NAICS 'NA', row 2)``, as if a sector OEWS
   does not publish. Now refused, as ``diff`` and the roll-ups refuse such a code:
   ``sector_scores, row 2, column 'naics': not an OEWS industry code (like 11, 31-33 or
   113000): 'NA': a missing code (or one written as text)?``, ``...: '５１': '５' (U+FF15, a
   full-width character; typed in an East Asian input mode?): write '51'``.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from _frames import (
    crosswalk,
    employment,
    occupation_scores,
    outcome_exposures,
    outcome_panel,
    soc_scores,
)
from test_faults_cli import cli, one_error_line

from exposure import outcomes, rollup
from exposure.crosswalks import read_onet_to_soc
from exposure.errors import DataFormatError
from exposure.schemas._fields import SOC_PATTERN, code_hint

MISSING = ": a missing code (or one written as text)?"
TOKENS = ["nan", "NA", "None", "<NA>", "NULL", "N/A", "#N/A", " nan "]


# 1. a missing code written as text --------------------------------------------------------------
@pytest.mark.parametrize("token", TOKENS)
def test_1_code_hint_says_a_missing_code_written_as_text(token):
    assert code_hint(token, SOC_PATTERN) == MISSING
    assert code_hint(token) == MISSING
    assert code_hint("n/a-1011", SOC_PATTERN) == ""  # not a missing value: nothing said


@pytest.mark.parametrize("token", TOKENS)
def test_1_to_soc_says_a_missing_code_written_as_text(token):
    occ = occupation_scores(onetsoc_code=["11-1011.00", token, "13-1021.00"])
    said = (f"occupation_scores, row 2, column 'onetsoc_code': not an O*NET-SOC code (like 11-1011.00): "
            f"{token!r}{MISSING}")
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        rollup.to_soc(occ, crosswalk(), employment())
    xw = crosswalk(soc_code=["11-1011", token, "13-1021"])
    said = f"onet_to_soc, row 2, column 'soc_code': not a SOC code (like 11-1011): {token!r}{MISSING}"
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        rollup.to_soc(occupation_scores(), xw, employment())


def test_1_to_sectors_says_a_missing_code_written_as_text():
    said = f"soc_scores, row 2, column 'soc_code': not a SOC code (like 11-1011): '#N/A'{MISSING}"
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        rollup.to_sectors(soc_scores(soc_code=["11-1011", "#N/A"]), employment())


def test_1_exposure_table_and_build_panel_say_it_once():
    panel = outcome_panel()
    panel.loc[3, "soc_code"] = "None"
    said = f"panel, row 4, column 'soc_code': soc_code not a SOC code (like 11-1011): 'None'{MISSING}"
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        outcomes.exposure_table(panel, soc_scores(), measures=["beta"])
    frame = pd.DataFrame({"i_group": "cross-industry", "o_group": "detailed", "occ_code": ["NA", "11-1021"],
                          "occ_title": ["CEOs", "Managers"], "tot_emp": [10, 20], "a_mean": [200e3, 90e3],
                          "a_median": [190e3, 80e3]})
    with pytest.raises(DataFormatError) as info:
        outcomes.build_panel({2021: frame}, ["11-1011", "11-1021"])
    assert str(info.value) == f"frames[2021], row 1, column 'occ_code': not a SOC code (like 11-1011): 'NA'{MISSING}"


@pytest.mark.parametrize("token", ["NA", "#N/A"])
def test_1_a_crosswalk_file_says_a_missing_code_written_as_text(tmp_path, token):
    path = tmp_path / "xw.csv"
    path.write_text("O*NET-SOC 2019 Code,O*NET-SOC 2019 Title,2018 SOC Code,2018 SOC Title\n"
                    "11-1011.00,Chief Executives,11-1011,Chief Executives\n"
                    f"15-1252.00,Software Developers,{token},Software Developers\n")
    said = (f"{path}, row 3, column '2018 SOC Code': 2018 SOC Code must be a SOC 2018 code (like 11-1011), "
            f"got {token!r}{MISSING}")
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        read_onet_to_soc(path)


def test_1_compare_ours_says_a_missing_code_written_as_text(tmp_path, capsys):
    ours = tmp_path / "ours.parquet"
    pd.DataFrame({"soc_code": ["11-1011", "NA"], "alpha": [0.1, 0.2], "beta": [0.2, 0.3],
                  "gamma": [0.3, 0.4]}).to_parquet(ours)
    code, _, err = cli(capsys, "compare", "--ours", ours, "-o", tmp_path / "out")
    assert code == 2
    line = one_error_line(err, command="compare")
    assert line.endswith(f"ours.parquet, row 2, column 'soc_code': soc_code not a SOC code (like 11-1011): "
                         f"'NA'{MISSING}"), line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# 2. a blank code cell ----------------------------------------------------------------------------
@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_2_a_blank_code_is_said_blank(blank):
    occ = occupation_scores(onetsoc_code=["11-1011.00", blank, "13-1021.00"])
    with pytest.raises(DataFormatError, match=r"^occupation_scores, row 2, column 'onetsoc_code': is blank: give "
                                              r"an O\*NET-SOC code \(like 11-1011\.00\)$"):
        rollup.to_soc(occ, crosswalk(), employment())
    xw = crosswalk(soc_code=["11-1011", blank, "13-1021"])
    with pytest.raises(DataFormatError, match=r"^onet_to_soc, row 2, column 'soc_code': is blank: give a SOC code "
                                              r"\(like 11-1011\)$"):
        rollup.to_soc(occupation_scores(), xw, employment())


@pytest.mark.parametrize("blank", ["", "  "])
def test_2_a_blank_code_of_the_outcomes_panel_is_said_blank(blank):
    panel = outcome_panel()
    panel.loc[3, "soc_code"] = blank
    said = r"^panel, row 4, column 'soc_code': soc_code is blank: give a SOC code \(like 11-1011\)$"
    with pytest.raises(DataFormatError, match=said):
        outcomes.event_study(panel, outcome_exposures(outcome_panel()), ["beta"])
    with pytest.raises(DataFormatError, match=said):
        outcomes.exposure_table(panel, soc_scores(), measures=["beta"])


# 3. a code twice in the panel's last year, for a published measure -------------------------------
def _panel() -> pd.DataFrame:
    rows = [(code, year, emp, code[:2] + "-0000", title) for year in (2021, 2022, 2023)
            for code, emp, title in (("15-1252", 1000.0, "Software Developers"), ("11-1011", 500.0, "Chief Executives"))]
    return pd.DataFrame(rows, columns=["soc_code", "year", "tot_emp", "soc_major", "soc_title"]).assign(
        a_mean=1.0, balanced=True)


@pytest.mark.parametrize("path, shown", [(None, "panel"), ("my panel.parquet", "my panel.parquet")])
def test_3_exposure_table_names_the_panel_row_of_a_code_twice(path, shown):
    panel = _panel()
    twice = pd.concat([panel, panel.iloc[[5]]], ignore_index=True)
    said = (f"{shown}, row 7, column 'soc_code': SOC code '11-1011' appears twice in the year 2023 "
            "(rows 6 and 7)")
    with pytest.raises(DataFormatError, match=f"^{re.escape(said)}$"):
        outcomes.exposure_table(twice, measures=["eloundou_gpt4_beta"], panel_path=path)
    # each code once a year (in every year): read
    table = outcomes.exposure_table(panel, measures=["eloundou_gpt4_beta"], panel_path=path)
    assert table["soc_code"].tolist() == ["11-1011", "15-1252"]
    assert table.loc[1, "eloundou_gpt4_beta"] > 0


# 4. sector_growth: a NAICS code of sector_scores that is no code -----------------------------------
SECTORS = pd.DataFrame({"naics": ["51", "72"], "naics_title": ["Information", "Food"],
                        "i_group": "sector", "occ_code": "00-0000", "tot_emp": [100, 200]})
NOT_NAICS = "sector_scores, row 2, column 'naics': not an OEWS industry code (like 11, 31-33 or 113000): "


@pytest.mark.parametrize("code, said", [
    ("NA", "'NA'" + MISSING),
    ("nan", "'nan'" + MISSING),
    ("Information", "'Information'"),
    ("\uff15\uff11", "'\uff15\uff11': '\uff15' (U+FF15, a full-width character; typed in an East Asian input mode?): "
                     "write '51'"),
])
def test_4_sector_growth_refuses_a_naics_code_that_is_no_code(code, said):
    frames = {2021: SECTORS, 2022: SECTORS.assign(tot_emp=[110, 200]), 2025: SECTORS.assign(tot_emp=[120, 190])}
    scores = pd.DataFrame({"naics": ["72", code], "beta": [0.18, 0.47]})
    with pytest.raises(DataFormatError, match=f"^{re.escape(NOT_NAICS + said)}$"):
        outcomes.sector_growth(frames, scores, ["beta"])
    # the codes of OEWS: read (a code written as a number too)
    out = outcomes.sector_growth(frames, scores.assign(naics=["72", 51.0]), ["beta"])
    assert dict(zip(out["naics"], out["beta"])) == {"51": 0.47, "72": 0.18}
