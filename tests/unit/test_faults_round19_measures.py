"""Round 19: newer or damaged copies of the published measures, read directly.

The readers of ``exposure.measures`` (Webb, Microsoft, Anthropic, ILO, Felten) given a
file a user downloaded again: a header without rows (an empty measure was returned), a
scale written the other way (Webb's percentiles as fractions, divided by 100 once more;
Anthropic's usage shares as fractions read as percent), an occ1990dd code ``-4``, a
Microsoft weights file without IWA columns (an empty table), an ILO task row
without its ISCO code (dropped silently) or with a bad value (named ``row 0``, the row of
an occupation, not of the sheet), a Felten column named twice (the first taken silently),
a missing Felten title (kept as ``''``), and a missing sheet (the sheets listed).

Tiny made-up files written by the tests, in the published formats.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _frames import COLLAB, FELTEN_ROW, ILO_ROW
from _frames import write_csv as _csv

from exposure.errors import DataFormatError
from exposure.measures import anthropic, felten, ilo, microsoft, webb

WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
CROSS = "onet_name,onetsoccode,occ1990dd\n"
APP = "SOC Code,title,ai_applicability_score\n"
IWA = "IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
USAGE = "task_name,pct\n"


def _xlsx(tmp_path, frame, sheet="Sheet1", name="m.xlsx"):
    path = tmp_path / name
    frame.to_excel(path, sheet_name=sheet, index=False)
    return path


def _raises(fn, path, match):
    with pytest.raises(DataFormatError, match=match) as info:
        fn(path)
    assert str(path) in str(info.value)


# ---------------------------------------------------------------------------------------
# a header without rows
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fn, header", [
    (webb.read_webb, WEBB),
    (webb.read_onet_to_occ1990dd, CROSS),
    (microsoft.read_applicability, APP),
    (microsoft.read_iwa_metrics, IWA),
    (microsoft.read_soc_iwa_weights, "SOC Code,4.A.1.a.1.I01\n"),
    (microsoft.read_soc_to_iwas, "SOC Code,IWA\n"),
    (anthropic.read_task_usage, USAGE),
    (anthropic.read_task_collaboration, COLLAB),
])
def test_csv_header_without_rows_is_refused(tmp_path, fn, header):
    _raises(fn, _csv(tmp_path, header), re.escape("no rows below the header (row 1)"))


def test_excel_header_without_rows_is_refused(tmp_path):
    path = _xlsx(tmp_path, pd.DataFrame(columns=list(FELTEN_ROW)), sheet="Appendix A")
    _raises(felten.read_felten_occupations, path, re.escape("sheet 'Appendix A' has no rows below the header"))
    path = _xlsx(tmp_path, pd.DataFrame(columns=["NAICS", "Industry Title", "AIIE"]), sheet="Appendix B",
                 name="b.xlsx")
    _raises(felten.read_felten_industries, path, "has no rows below the header")
    path = _xlsx(tmp_path, pd.DataFrame(columns=list(ILO_ROW)), name="ilo.xlsx")
    _raises(ilo.read_ilo, path, re.escape("no rows below the header (row 1)"))


# ---------------------------------------------------------------------------------------
# Webb
# ---------------------------------------------------------------------------------------

def test_webb_percentiles_written_as_fractions_are_refused(tmp_path):
    path = _csv(tmp_path, WEBB + "4,Chiefs,10.5,0.3,0.09,0.28\n7,Financial,1,0.5,0.2,0.67\n")
    _raises(webb.read_webb, path, r"row 2, column 'pct_software': pct_software holds percentiles from 0 to "
            r"100, but every value is from 0 to 1 \(0.3\): the file gives fractions")


def test_webb_percentiles_still_read(tmp_path):
    out = webb.read_webb(_csv(tmp_path, WEBB + "4,Chiefs,10.5,30,1,28\n7,Financial,1,57.5,1,100\n"))
    assert out["webb_software"].tolist() == [0.3, 0.575]
    assert out["webb_robot"].tolist() == [0.01, 0.01]


@pytest.mark.parametrize("code", ["-4", "1000", "1e9"])
def test_occ1990dd_out_of_range_is_refused(tmp_path, code):
    path = _csv(tmp_path, CROSS + f"A,11-1011.00,4.0\nB,11-1021.00,{code}\n")
    _raises(webb.read_onet_to_occ1990dd, path, re.escape(f"row 3, column 'occ1990dd': not an occ1990dd code: '{code}'"))
    path = _csv(tmp_path, WEBB + f"{code},Chiefs,10.5,30,9,28\n", name="w.csv")
    _raises(webb.read_webb, path, re.escape(f"row 2, column 'occ1990dd': not an occ1990dd code: '{code}'"))


# ---------------------------------------------------------------------------------------
# Microsoft
# ---------------------------------------------------------------------------------------

def test_weights_without_iwa_columns_are_refused(tmp_path):
    path = _csv(tmp_path, "SOC Code\n11-1011\n", name="n.csv")
    _raises(microsoft.read_soc_iwa_weights, path, re.escape("row 1: no IWA column besides 'SOC Code'"))


# ---------------------------------------------------------------------------------------
# Anthropic
# ---------------------------------------------------------------------------------------

def test_usage_on_the_wrong_scale_is_refused(tmp_path):
    path = _csv(tmp_path, USAGE + "a.,0.25\nb.,0.75\n")
    _raises(anthropic.read_task_usage, path, re.escape("column 'pct': pct adds up to 1, not 100: the file "
                                                       "gives fractions, not percent; read it with percent=False"))
    assert anthropic.read_task_usage(path, percent=False)["usage_share"].tolist() == [0.25, 0.75]
    path = _csv(tmp_path, USAGE + "a.,0.5\nb.,99.5\n", name="p.csv")
    with pytest.raises(DataFormatError, match=re.escape("pct adds up to 100, more than 1: the file gives percent")):
        anthropic.read_task_usage(path, percent=False)
    assert anthropic.read_task_usage(path)["usage_share"].tolist() == [0.005, 0.995]


# ---------------------------------------------------------------------------------------
# ILO
# ---------------------------------------------------------------------------------------

def test_ilo_task_without_code_is_refused(tmp_path):
    path = _xlsx(tmp_path, pd.DataFrame([ILO_ROW, {**ILO_ROW, "ISCO_08": None, "taskID": 2}]))
    _raises(ilo.read_ilo, path, re.escape("row 3, column 'ISCO_08': missing ISCO-08 unit group code"))


@pytest.mark.parametrize("change, match", [
    ({"ISCO_08": "25x2"}, "row 3, column 'ISCO_08': not an ISCO-08 unit group code (like 2512): '25x2'"),
    ({"mean_score_2025": None}, "row 3, column 'mean_score_2025': missing value"),
    ({"Title": None}, "row 3, column 'Title': missing value"),
    ({"mean_score_2025": 50}, "row 3, column 'mean_score_2025': mean_score_2025 (a score from 0 to 1) must be at most 1.0; got 50.0"),
    ({"SD_2023": -0.1}, "row 3, column 'SD_2023': SD_2023 must be at least 0.0; got -0.1"),
])
def test_ilo_bad_value_names_the_sheet_row(tmp_path, change, match):
    other = {**ILO_ROW, "ISCO_08": "2511", "taskID": 3}
    path = _xlsx(tmp_path, pd.DataFrame([ILO_ROW, {**other, **change}]))
    _raises(ilo.read_ilo, path, re.escape(match))


def test_ilo_varying_value_names_the_row(tmp_path):
    path = _xlsx(tmp_path, pd.DataFrame([ILO_ROW, {**ILO_ROW, "taskID": 2, "mean_score_2025": 0.6}]))
    _raises(ilo.read_ilo, path, re.escape("row 3, column 'mean_score_2025': occupation 2512 has more than one "
                                          "mean_score_2025 across its tasks (0.5 on row 2, 0.6 here)"))


def test_ilo_column_twice_is_refused(tmp_path):
    frame = pd.DataFrame([[*ILO_ROW.values(), 0.9]], columns=[*ILO_ROW, "mean_score_2025"])
    _raises(ilo.read_ilo, _xlsx(tmp_path, frame),
            re.escape("row 1, column 'mean_score_2025': given more than once"))


def test_ilo_valid_still_read(tmp_path):
    path = _xlsx(tmp_path, pd.DataFrame([ILO_ROW, {**ILO_ROW, "ISCO_08": " 2512", "taskID": 2}]))
    out = ilo.read_ilo(path)
    assert out["isco08_code"].tolist() == ["2512"]
    assert out["n_tasks"].tolist() == [2]


# ---------------------------------------------------------------------------------------
# Felten
# ---------------------------------------------------------------------------------------

def test_felten_column_twice_is_refused(tmp_path):
    frame = pd.DataFrame([["11-1011", "Chief Executives", 1.3, 2.0]],
                         columns=["SOC Code", "Occupation Title", "AIOE", "AIOE"])
    _raises(felten.read_felten_occupations, _xlsx(tmp_path, frame, sheet="Appendix A"),
            re.escape("row 1, column 'AIOE': given more than once (columns 3 and 4): keep one"))


def test_felten_missing_title_is_refused(tmp_path):
    frame = pd.DataFrame([FELTEN_ROW, {}, {**FELTEN_ROW, "SOC Code": "11-1021", "Occupation Title": None}])
    _raises(felten.read_felten_occupations, _xlsx(tmp_path, frame, sheet="Appendix A"),
            re.escape("row 4, column 'Occupation Title': missing title"))


def test_felten_missing_sheet_lists_the_sheets(tmp_path):
    path = _xlsx(tmp_path, pd.DataFrame([FELTEN_ROW]), sheet="Data")
    _raises(felten.read_felten_occupations, path, re.escape("Worksheet named 'Appendix A' not found (sheets: ['Data'])"))


def test_felten_valid_still_read(tmp_path):
    out = felten.read_felten_occupations(_xlsx(tmp_path, pd.DataFrame([FELTEN_ROW]), sheet="Appendix A"))
    assert out.to_dict("list") == {"soc10_code": ["11-1011"], "title": ["Chief Executives"], "aioe": [1.3]}
