"""Round 30: the published measures' readers (Webb, Microsoft, Anthropic, Eloundou).

1. A measure CSV saved semicolon-separated (Excel in a European locale) or tab-separated,
   read by :func:`exposure.measures._common.read_csv`: "expected column(s) ['occ1990dd',
   ...] not found (columns are ['occ1990dd;occ1990dd_title;...'])", or, when a data cell
   held a decimal comma, "row 2: too many fields: expected 1, got 2 (an unquoted comma
   inside a field?)"; Excel's ``sep=;`` first line was "columns are ['sep=;']". None said
   what the file looks like. Refused now on row 1 with the shared tables' separator advice.
2. The Eloundou files with the wrong separator (the label file saved comma-separated, the
   occupation file saved with semicolons or tabs): "missing column(s) 'O*NET-SOC Code', ...
   found: ',O*NET-SOC Code,Task ID,...'" or "too many fields". Refused now with the advice.
3. An Eloundou label file with a label outside E0/E1/E2 (a lower-case ``e2``, ``E3``), a
   missing human or GPT-4 label, a task type ``core``, a missing task or title: pandera's
   words ("EloundouTaskLabels validation failed (1 failure(s)): row 2, column 'title', check
   not_nullable: nan"), naming the library's ``title`` for the file's ``Title``. A
   ``gpt4_automation`` of ``T5`` (the rubric runs T0-T4) was read without a word. Refused now
   in plain words, naming the file's column.
4. The Eloundou occupation file with a missing title: pandera's words, column ``title``.
5. An Anthropic collaboration file with a missing share: pandera's "check not_nullable: nan"
   twice, once under ``automation``, a column the file does not have.
6. An Anthropic collaboration file whose pattern shares of a task add up to less than 1 (a
   pattern column of a newer release not read, a row of zeros): read without a word, the
   task's automation and augmentation too small. Shares in percent were "shares add up to
   more than 1" without the column or the scale. Both now say what the row holds.
7. A Microsoft ``iwa_metrics.csv`` whose activity shares are in percent, every value below 1
   (shares adding up to 1.2): read as shares, and the coverage threshold (0.0005) compared
   with values 100 times too large. Refused now: shares of activity add up to 1 at most.
8. ``rebuild_applicability`` with an occupation whose weights are all 0 on its IWAs: its
   score came out 0.0 (0 / 0 summed as nothing) without a word. Refused, naming the code.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest
from _frames import write_text as _file

from exposure.errors import DataFormatError
from exposure.measures import anthropic, eloundou, microsoft, webb

WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"
APP = "SOC Code,title,ai_applicability_score\n"
IWA = "IWA,share_user,share_ai,completion_user,completion_ai,impact_scope_user,impact_scope_ai\n"
COLLAB = "task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"
LABELS = ("\tO*NET-SOC Code\tTask ID\tTask\tTask Type\tTitle\thuman_exposure_agg\tgpt4_exposure\t"
          "gpt4_exposure_alt_rubric\tgpt_3_relevant\tgpt4_automation\n")
LABEL_ROW = "0\t11-1011.00\t8823.0\tDirect budgets.\tCore\tChief Executives\tE2\tE1\tE1\tFalse\tT2\n"
OCC = ("O*NET-SOC Code,Title,dv_rating_alpha,dv_rating_beta,dv_rating_gamma,"
       "human_rating_alpha,human_rating_beta,human_rating_gamma\n")
OCC_ROW = "11-1011.00,Chief Executives,0.1,0.4,0.7,0.2,0.5,0.8\n"


def _refused(fn, path, match):
    with pytest.raises(DataFormatError, match=match) as info:
        fn(path)
    return info.value


# 1. semicolon- or tab-separated measure CSVs
@pytest.mark.parametrize("text", [
    WEBB.replace(",", ";") + "4;Chiefs;10;30;9;28\n7;Financial managers;3;40;5;60\n",
    WEBB.replace(",", ";") + "4;Chiefs;10,5;30;9;28\n",  # a decimal comma: "too many fields" before
])
def test_semicolon_webb_file_gets_the_separator_advice(tmp_path, text):
    err = _refused(webb.read_webb, _file(tmp_path, "w.csv", text), "looks semicolon-separated")
    assert err.row == 1
    assert "w.csv, row 1: the header holds ';' and no ','" in str(err)
    assert "CSV UTF-8 (comma delimited)" in str(err)


def test_tab_separated_applicability_file_gets_the_separator_advice(tmp_path):
    path = _file(tmp_path, "a.csv", APP.replace(",", "\t") + "11-1011\tChief Executives\t0.15\n")
    err = _refused(microsoft.read_applicability, path, "the header holds tabs and no ',': the file looks tab-sep")
    assert err.row == 1


def test_excel_sep_line_is_named(tmp_path):
    path = _file(tmp_path, "u.csv", "sep=;\ntask_name;pct\na.;50\nb.;50\n")
    err = _refused(anthropic.read_task_usage, path, "Excel's 'sep=;' line")
    assert err.row == 1


def test_semicolon_buffer_gets_the_advice():
    import io
    with pytest.raises(DataFormatError, match="looks semicolon-separated"):
        microsoft.read_soc_to_iwas(io.StringIO("SOC Code;IWA\n11-1011;4.A.4.a.2.I03\n"))


def test_one_column_name_holding_a_semicolon_is_not_taken_for_a_separator(tmp_path):
    # a comma-separated file whose title holds ';' is read as before
    path = _file(tmp_path, "w.csv", WEBB + '4,"Chiefs; legislators",10,30,9,28\n7,Managers,3,40,5,60\n')
    assert webb.read_webb(path)["title"].tolist() == ["Chiefs; legislators", "Managers"]


# 2. Eloundou files with the wrong separator
def test_label_file_saved_comma_separated_gets_the_advice(tmp_path):
    path = _file(tmp_path, "labels.tsv", (LABELS + LABEL_ROW).replace("\t", ","))
    err = _refused(eloundou.read_task_labels, path, "the header holds ',' and no tab: the file looks comma-sep")
    assert err.row == 1


@pytest.mark.parametrize("sep, what", [(";", "semicolon-separated"), ("\t", "tab-separated")])
def test_occ_level_saved_with_another_separator_gets_the_advice(tmp_path, sep, what):
    text = (OCC + OCC_ROW).replace(",", sep)
    if sep == ";":
        text = text.replace("0.", "0,")  # Excel's decimal comma
    err = _refused(eloundou.read_occ_level, _file(tmp_path, "occ.csv", text), what)
    assert err.row == 1


# 3. Eloundou labels outside their sets, missing values
@pytest.mark.parametrize("old, new, column, match", [
    ("\tE2\tE1\tE1\t", "\te2\tE1\tE1\t", "human_exposure_agg", r"must be E0, E1 or E2, got 'e2'"),
    ("\tE2\tE1\tE1\t", "\tE2\tE3\tE1\t", "gpt4_exposure", r"must be E0, E1 or E2, got 'E3'"),
    ("\tE2\tE1\tE1\t", "\t\tE1\tE1\t", "human_exposure_agg", r"missing label \(E0, E1 or E2\)"),
    ("\tE2\tE1\tE1\t", "\tE2\tE1\tE4\t", "gpt4_exposure_alt_rubric", r"got 'E4'"),
    ("\tCore\t", "\tcore\t", "Task Type", r"must be Core or Supplemental \(or empty\), got 'core'"),
    ("\tT2\n", "\tT5\n", "gpt4_automation", r"must be T0, T1, T2, T3 or T4 \(or empty\), got 'T5'"),
    ("\tChief Executives\t", "\t\t", "Title", "missing value"),
    ("\tDirect budgets.\t", "\t\t", "Task", "missing value"),
])
def test_label_outside_its_set_is_refused_in_plain_words(tmp_path, old, new, column, match):
    path = _file(tmp_path, "labels.tsv", LABELS + LABEL_ROW + LABEL_ROW.replace(old, new).replace("8823", "8824"))
    err = _refused(eloundou.read_task_labels, path, match)
    assert (err.row, err.column) == (3, column)
    assert "validation failed" not in str(err)


def test_label_file_with_valid_optional_cells_empty_is_read(tmp_path):
    row = LABEL_ROW.replace("\tCore\t", "\t\t").replace("\tE1\tFalse\tT2\n", "\t\t\t\n")
    out = eloundou.read_task_labels(_file(tmp_path, "labels.tsv", LABELS + row))
    assert out["task_type"].isna().all() and out["gpt4_automation"].isna().all()


# 4. Eloundou occupation file without a title
def test_occ_level_missing_title_named_in_the_files_column(tmp_path):
    path = _file(tmp_path, "occ.csv", OCC + OCC_ROW + "11-1021.00,,0.1,0.4,0.7,0.2,0.5,0.8\n")
    err = _refused(eloundou.read_occ_level, path, "missing value")
    assert (err.row, err.column) == (3, "Title")


# 5. Anthropic collaboration with a missing share
def test_collaboration_missing_share_is_named(tmp_path):
    path = _file(tmp_path, "c.csv", COLLAB + "a.,0.5,0.1,0.1,0.2,0.1,0,0.01\nb.,,0.5,0.1,0.2,0.1,0.1,0.02\n")
    err = _refused(anthropic.read_task_collaboration, path, "missing value")
    assert (err.row, err.column) == (3, "directive")
    assert "not_nullable" not in str(err)


# 6. Anthropic collaboration shares of a task not adding up to 1
def test_collaboration_shares_adding_up_to_less_than_1_refused(tmp_path):
    path = _file(tmp_path, "c.csv", COLLAB + "a.,0.5,0.1,0.1,0.2,0.1,0,0.01\nb.,0.2,0.1,0,0.1,0.1,0,0.02\n")
    err = _refused(anthropic.read_task_collaboration, path, r"add up to 0\.5, not 1")
    assert err.row == 3


def test_collaboration_shares_in_percent_say_so(tmp_path):
    path = _file(tmp_path, "c.csv", COLLAB + "a.,50,10,10,20,10,0,0.01\n")
    err = _refused(anthropic.read_task_collaboration, path, r"add up to 100, not 1: .*percent")
    assert err.row == 2


def test_collaboration_shares_rounded_are_read(tmp_path):
    path = _file(tmp_path, "c.csv", COLLAB + "a.,0.333333,0.333333,0,0.333333,0,0,0.01\n")
    out = anthropic.read_task_collaboration(path)
    assert out["automation"].iloc[0] == pytest.approx(0.666666)


# 7. Microsoft activity shares in percent
def test_iwa_shares_adding_up_to_more_than_1_refused(tmp_path):
    rows = "".join(f"4.A.1.a.1.I0{i},0.4,0.3,0.8,0.9,0.5,0.4\n" for i in range(1, 4))
    err = _refused(microsoft.read_iwa_metrics, _file(tmp_path, "i.csv", IWA + rows),
                   r"share_user adds up to 1\.2, more than 1")
    assert err.column == "share_user"


# 8. rebuild with an occupation of zero weight
def test_rebuild_refuses_an_occupation_whose_weights_are_all_zero():
    iwa = pd.DataFrame({"iwa_id": ["a", "b"], "share_user": [0.01, 0.01], "share_ai": [0.01, 0.01],
                        "completion_user": [0.8, 0.8], "completion_ai": [1.0, 1.0],
                        "impact_scope_user": [0.5, 0.5], "impact_scope_ai": [0.2, 0.2]})
    weights = pd.DataFrame({"soc_code": ["11-1011", "11-1021", "11-1021"], "iwa_id": ["a", "a", "b"],
                            "weight": [1.0, 0.0, 0.0]})
    links = weights[["soc_code", "iwa_id"]]
    with pytest.raises(DataFormatError, match="'11-1021'.*weight 0 on each of its 2 IWAs"):
        microsoft.rebuild_applicability(iwa, weights, links)
