"""Round 20: the published measures' readers given odd but plausible copies of their files.

Faults found (each read directly, on tiny made-up files in the published formats):

- Microsoft: an IWA id that is not one (``banana``, ``4.A.1.a.1``, a column ``share_user``
  in the wide weights file) was kept as an IWA; the applicability file's errors (a SOC
  2010 / O*NET-SOC code, a repeated code, a score of 15.5, a missing title) came in
  pandera's wording, naming the output column ``soc_code`` instead of ``SOC Code``.
- Felten: an O*NET-SOC code in the SOC 2010 column, a missing or repeated code came in
  pandera's wording naming ``soc10_code`` (``check str_matches('^[0-9]{2}-...')``); a
  missing industry title was kept as ``''``.
- Webb: a percentile of 130 or -3 was named in column ``webb_software`` with the value
  divided by 100 (``1.3``), not in the file's ``pct_software``.
- Anthropic: a ``pct`` of 105 was named ``usage_share`` with ``1.05``; a missing or
  repeated task name came in pandera's wording; a collaboration file whose ``pct`` is
  in percent (adding up to 100, each value below 1) was read as shares, so that the v3
  usage was 100 times too large.
- Eloundou: a header without rows returned an empty table; a column named twice was read
  from its first copy without a word; an empty line in the middle was skipped, so that
  every error below it named the row above the one at fault; a score that is text gave
  pandera's ``TypeError("Invalid comparison ...")`` without a row, a score of 10 or a
  malformed code named the output column (``gpt4_alpha``, ``onetsoc_code``); a task ID
  ``1e20`` was shown as ``-9223372036854775808``; a label file saved without its unnamed
  index column was refused as lacking ``O*NET-SOC Code``.
- ILO: a workbook whose scores are not on its first sheet, or a sheet name that does not
  exist, gave no hint of the sheets there are; a task given twice (same ``taskID``) was
  counted twice in ``n_tasks``.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _frames import COLLAB, FELTEN_ROW, ILO_ROW
from _frames import write_csv as _csv

from exposure.errors import DataFormatError
from exposure.measures import anthropic, eloundou, felten, ilo, microsoft, webb

IWA = "IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
IWA_ROW = "4.A.1.a.1.I01,0.1,0.1,0.5,0.5,0.5,0.5\n"
APP = "SOC Code,title,ai_applicability_score\n"
WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
USAGE = "task_name,pct\n"
OCC = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
       "human_rating_alpha,human_rating_beta,human_rating_gamma\n")
OCC_ROW = "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\n"
LAB = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
       "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
LAB_ROW = "0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\tFalse\tT2\n"


def _xlsx(tmp_path, sheets, name="m.xlsx"):
    path = tmp_path / name
    with pd.ExcelWriter(path) as book:
        for sheet, frame in sheets.items():
            frame.to_excel(book, sheet_name=sheet, index=False)
    return path


def _raises(fn, path, match, **kwargs):
    """``fn(path)`` raises a DataFormatError naming ``path``, matching ``match``, not in pandera's words."""
    with pytest.raises(DataFormatError, match=match) as info:
        fn(path, **kwargs)
    message = str(info.value)
    assert str(path) in message
    assert "validation failed" not in message and "check " not in message
    return info.value


# ---------------------------------------------------------------------------------------
# Microsoft: IWA ids, and the applicability file named by its own columns
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fn, text, match", [
    (microsoft.read_iwa_metrics, IWA + IWA_ROW + "banana,0.1,0.1,0.5,0.5,0.5,0.5\n",
     "row 3, column 'IWA': not an IWA id (like 4.A.1.a.1.I01): 'banana'"),
    (microsoft.read_soc_to_iwas, "SOC Code,IWA\n11-1011,4.A.1.a.1.I01\n11-1011,4.A.1.a.1\n",
     "row 3, column 'IWA': not an IWA id (like 4.A.1.a.1.I01): '4.A.1.a.1'"),
    (microsoft.read_soc_iwa_weights, "SOC Code,4.A.1.a.1.I01,share_user\n11-1011,1,2\n",
     "row 1, column 'share_user': column 'share_user' is not an IWA id (like 4.A.1.a.1.I01)"),
])
def test_malformed_iwa_id_is_refused(tmp_path, fn, text, match):
    _raises(fn, _csv(tmp_path, text), re.escape(match))


def test_iwa_ids_with_spaces_still_read(tmp_path):
    out = microsoft.read_soc_to_iwas(_csv(tmp_path, "SOC Code,IWA\n11-1011, 4.A.4.a.2.I03 \n"))
    assert out["iwa_id"].tolist() == ["4.A.4.a.2.I03"]
    out = microsoft.read_soc_iwa_weights(_csv(tmp_path, "SOC Code,4.A.1.a.1.I01 \n11-1011,2\n", name="w.csv"))
    assert out["iwa_id"].tolist() == ["4.A.1.a.1.I01"]


@pytest.mark.parametrize("rows, match", [
    ("11-1011,CE,0.1\n11-1021.00,GM,0.2\n", "row 3, column 'SOC Code': not a SOC code (like 11-1011): '11-1021.00'"),
    ("11-1011,CE,0.1\n11-1011,CE,0.2\n", "row 3, column 'SOC Code': SOC code '11-1011' appears twice (rows 2 and 3)"),
    ("11-1011,CE,0.1\n,GM,0.2\n", "row 3, column 'SOC Code': missing SOC code"),
    ("11-1011,CE,15.5\n", "row 2, column 'ai_applicability_score': ai_applicability_score (a share from 0 to 1) "
                          "must be at most 1.0; got 15.5"),
    ("11-1011,CE,\n", "row 2, column 'ai_applicability_score': missing value"),
    ("11-1011,,0.2\n", "row 2, column 'title': missing title"),
])
def test_applicability_errors_name_the_file_column(tmp_path, rows, match):
    _raises(microsoft.read_applicability, _csv(tmp_path, APP + rows), re.escape(match))


def test_applicability_still_read(tmp_path):
    out = microsoft.read_applicability(_csv(tmp_path, APP + " 11-1011 ,Chief Executives,0.1555\n"))
    assert out.to_dict("list") == {"soc_code": ["11-1011"], "title": ["Chief Executives"],
                                   "ai_applicability_score": [0.1555]}


# ---------------------------------------------------------------------------------------
# Felten: the SOC 2010 codes named by the sheet's column; industry titles
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, match", [
    ("11-1021.00", "row 3, column 'SOC Code': not a SOC 2010 code (like 11-1011): '11-1021.00'"),
    ("11-1011", "row 3, column 'SOC Code': SOC 2010 code '11-1011' appears twice (rows 2 and 3)"),
    (None, "row 3, column 'SOC Code': missing SOC 2010 code"),
])
def test_felten_codes_named_by_the_sheet_column(tmp_path, code, match):
    frame = pd.DataFrame([FELTEN_ROW, {**FELTEN_ROW, "SOC Code": code, "AIOE": 0.2}])
    _raises(felten.read_felten_occupations, _xlsx(tmp_path, {"Appendix A": frame}), re.escape(match))


def test_felten_industry_missing_title_is_refused(tmp_path):
    frame = pd.DataFrame([{"NAICS": "1133", "Industry Title": "Logging", "AIIE": 0.1},
                          {"NAICS": "1131", "Industry Title": None, "AIIE": 0.2}])
    _raises(felten.read_felten_industries, _xlsx(tmp_path, {"Appendix B": frame}),
            re.escape("row 3, column 'Industry Title': missing title"))


def test_felten_still_read(tmp_path):
    frame = pd.DataFrame([FELTEN_ROW, {**FELTEN_ROW, "SOC Code": " 11-1021 ", "AIOE": -0.5}])
    out = felten.read_felten_occupations(_xlsx(tmp_path, {"Appendix A": frame}))
    assert out["soc10_code"].tolist() == ["11-1011", "11-1021"]
    assert out["aioe"].tolist() == [1.3, -0.5]


# ---------------------------------------------------------------------------------------
# Webb: a percentile out of range named in the file's column, with the file's value
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, rule", [("130", "at most 100.0; got 130.0"), ("-3", "at least 0.0; got -3.0")])
def test_webb_percentile_out_of_range_names_the_file_column(tmp_path, value, rule):
    path = _csv(tmp_path, WEBB + f"4,Chiefs,10.5,30,9,28\n7,Financial,1,{value},7,67\n")
    _raises(webb.read_webb, path, re.escape(f"row 3, column 'pct_software': pct_software (a percentile from 0 "
                                            f"to 100) must be {rule}"))


# ---------------------------------------------------------------------------------------
# Anthropic
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("rows, match", [
    ("a.,-5\nb.,105\n", "row 2, column 'pct': pct (percent of conversations) must be at least 0.0; got -5.0"),
    ("a.,5\nb.,105\n", "row 3, column 'pct': pct (percent of conversations) must be at most 100.0; got 105.0"),
    ("a.,50\n,50\n", "row 3, column 'task_name': missing task name"),
    ("a.,50\na.,50\n", "row 3, column 'task_name': task name 'a.' appears twice (rows 2 and 3)"),
])
def test_usage_errors_name_the_file_column(tmp_path, rows, match):
    _raises(anthropic.read_task_usage, _csv(tmp_path, USAGE + rows), re.escape(match))


def test_collaboration_pct_in_percent_is_refused(tmp_path):
    rows = "".join(f"task {i}.,0.5,0.1,0.1,0.2,0.1,0,0.5\n" for i in range(200))  # 200 x 0.5 = 100
    path = _csv(tmp_path, COLLAB + rows)
    _raises(anthropic.read_task_collaboration, path,
            re.escape("column 'pct': pct adds up to 100, more than 1: the file gives percent; divide it by 100"))
    path = _csv(tmp_path, COLLAB + "a.,0.5,0.1,0.1,0.2,0.1,0,40\nb.,0.5,0.1,0.1,0.2,0.1,0,60\n", name="c.csv")
    _raises(anthropic.read_task_collaboration, path, re.escape("column 'pct': pct adds up to 100, more than 1"))


def test_collaboration_still_read(tmp_path):
    path = _csv(tmp_path, COLLAB + "a.,0.5,0.1,0.1,0.2,0.1,0,0.25\nb.,0,0,0,1,0,0,0.75\n")
    assert anthropic.read_task_collaboration(path)["usage_share"].tolist() == [0.25, 0.75]


# ---------------------------------------------------------------------------------------
# Eloundou
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fn, text", [(eloundou.read_occ_level, OCC), (eloundou.read_task_labels, LAB)])
def test_eloundou_header_without_rows_is_refused(tmp_path, fn, text):
    _raises(fn, _csv(tmp_path, text), re.escape("no rows below the header (row 1)"))


def test_eloundou_column_twice_is_refused(tmp_path):
    path = _csv(tmp_path, OCC.rstrip("\n") + ",dv_rating_beta\n" + OCC_ROW.rstrip("\n") + ",0.9\n")
    _raises(eloundou.read_occ_level, path, re.escape("row 1, column 'dv_rating_beta': "
                                                      "given more than once (columns 4 and 9): keep one"))
    path = _csv(tmp_path, LAB.rstrip("\n") + "\tTask\n" + LAB_ROW.rstrip("\n") + "\tOther.\n", name="l.tsv")
    _raises(eloundou.read_task_labels, path, re.escape("row 1, column 'Task': given more than once"))


def test_eloundou_empty_line_is_refused(tmp_path):
    path = _csv(tmp_path, OCC + OCC_ROW + "\n" + OCC_ROW.replace("11-1011", "11-1021"))
    _raises(eloundou.read_occ_level, path, re.escape("row 3: empty line"))
    second = LAB_ROW.replace("8823.0", "x").replace("0\t", "1\t", 1)
    path = _csv(tmp_path, LAB + LAB_ROW + "\n" + second, name="l.tsv")
    _raises(eloundou.read_task_labels, path, re.escape("row 3: empty line"))
    # empty lines ending the file are ignored
    assert len(eloundou.read_occ_level(_csv(tmp_path, OCC + OCC_ROW + "\n\n", name="e.csv"))) == 1


@pytest.mark.parametrize("row, match", [
    (OCC_ROW.replace("0.4", "abc"), "row 2, column 'dv_rating_beta': not a number: 'abc'"),
    (OCC_ROW.replace("0.1", "10"), "row 2, column 'dv_rating_alpha': dv_rating_alpha (a share of tasks, from 0 "
                                   "to 1) must be at most 1.0; got 10.0"),
    (OCC_ROW.replace("0.5", ""), "row 2, column 'human_rating_beta': missing value"),
    (OCC_ROW.replace("11-1011.00", "11-1011"), "row 2, column 'O*NET-SOC Code': not an O*NET-SOC code (like "
                                               "11-1011.00): '11-1011'"),
])
def test_occ_level_errors_name_the_file_column(tmp_path, row, match):
    _raises(eloundou.read_occ_level, _csv(tmp_path, OCC + row), re.escape(match))


def test_occ_level_repeated_code_is_refused(tmp_path):
    path = _csv(tmp_path, OCC + OCC_ROW + OCC_ROW.replace("0.1", "0.3"))
    _raises(eloundou.read_occ_level, path, re.escape("row 3, column 'O*NET-SOC Code': O*NET-SOC code "
                                                      "'11-1011.00' appears twice (rows 2 and 3)"))


def test_task_labels_errors_name_the_file_column(tmp_path):
    path = _csv(tmp_path, LAB + LAB_ROW.replace("11-1011.00", "11-1011"), name="l.tsv")
    _raises(eloundou.read_task_labels, path, re.escape("row 2, column 'O*NET-SOC Code': not an O*NET-SOC code "
                                                        "(like 11-1011.00): '11-1011'"))
    path = _csv(tmp_path, LAB + LAB_ROW.replace("8823.0", "1e20"), name="m.tsv")
    _raises(eloundou.read_task_labels, path, re.escape("row 2, column 'Task ID': task ID '1e20' is not an integer"))


def test_task_labels_without_index_column_still_read(tmp_path):
    path = _csv(tmp_path, LAB.lstrip("\t") + LAB_ROW.split("\t", 1)[1], name="l.tsv")
    out = eloundou.read_task_labels(path)
    assert out[["onetsoc_code", "task_id"]].to_dict("list") == {"onetsoc_code": ["11-1011.00"], "task_id": [8823]}


def test_eloundou_still_read(tmp_path):
    out = eloundou.read_occ_level(_csv(tmp_path, OCC + OCC_ROW.replace("11-1011.00", " 11-1011.00 ")))
    assert out.iloc[0].tolist() == ["11-1011.00", "Chief Executives", 0.1, 0.4, 0.7, 0.2, 0.5, 0.8]
    out = eloundou.read_task_labels(_csv(tmp_path, LAB + LAB_ROW, name="l.tsv"))
    assert out.iloc[0].tolist() == ["11-1011.00", 8823, "Direct budgets.", "Core", "Chief Executives", "E2",
                                    "E1", "E1", False, "T2"]


# ---------------------------------------------------------------------------------------
# ILO
# ---------------------------------------------------------------------------------------

def test_ilo_scores_on_another_sheet_list_the_sheets(tmp_path):
    path = _xlsx(tmp_path, {"Notes": pd.DataFrame({"About": ["Read me"]}), "Scores": pd.DataFrame([ILO_ROW])})
    _raises(ilo.read_ilo, path, re.escape("column 'ISCO_08': sheet 0 lacks column(s) ['ISCO_08', 'Title', "))
    _raises(ilo.read_ilo, path, re.escape("(its columns: ['About']); the workbook's sheets are ['Notes', "
                                          "'Scores']: give the one of the scores (sheet=...)"))
    _raises(ilo.read_ilo, path, re.escape("no sheet 'Data'; the worksheets are ['Notes', 'Scores']"),
            sheet="Data")
    assert ilo.read_ilo(path, sheet="Scores")["isco08_code"].tolist() == ["2512"]


def test_ilo_task_twice_is_refused(tmp_path):
    path = _xlsx(tmp_path, {"Sheet1": pd.DataFrame([ILO_ROW, {**ILO_ROW, "taskID": 2}, ILO_ROW])})
    _raises(ilo.read_ilo, path, re.escape("row 4, column 'taskID': task 1 of occupation 2512 appears twice "
                                          "(rows 2 and 4)"))
