"""Round 26: the published measures' readers and their crosswalk links (``exposure.measures``).

1. ISCO-08 codes given as numbers to ``ilo_to_soc`` (``apply_links``): the integer ``110``
   (the armed forces' ``0110``, its leading zero lost) was left out of the result without a
   word (55-1011 missing, only an INFO log line); the floats ``110.0``/``1112.0`` of a
   column with a blank cell were "none of the 2 codes matches the crosswalk (e.g. '110.0')",
   naming no row. Whole numbers are read as the codes they are (zero-padded to the width
   of the crosswalk's codes); a number with decimals is refused, naming the row and column.
2. Webb's ``exposure_by_occ1990dd_lswt2010.csv`` with an occ1990dd code given twice (``4``
   and ``4.0``, with different percentiles), a missing title or a negative ``lswt2010``:
   pandera's words (``check field_uniqueness``, ``check not_nullable: nan``,
   ``check greater_than_or_equal_to(0)``) under the library's column name ``title``.
   Refused now in plain words naming the file's row and column.
3. An Anthropic task file (usage or collaboration) holding one task twice, written
   otherwise (``act as advisers.`` and ``Act as advisers``): both matched the same O*NET
   task and its usage was counted twice (0.8 of a task of 0.4). Refused now, naming both rows.
4. An ILO workbook whose armed forces' code ``0110`` is a number cell ``110``: refused as
   "not an ISCO-08 unit group code". Read now as ``0110``, as ``read_soc10_isco08`` reads it.
5. An ILO gradient in another case (``exposed: gradient 3``): "unknown gradient" without
   the gradients expected. The message lists them and names the one differing by case.
6. A header in another case or spacing in a measure file (``OCC1990DD``, ``soc code``,
   ``Task_Name``, ``isco_08``, ``SOC code ``): refused as a missing column, while the O*NET,
   OEWS, crosswalk and Eloundou readers read such a header. Read now; a column written twice
   in two cases is refused, naming both.

Tiny made-up files in the real formats, written by the tests.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from _frames import write_text as _write
from _frames import write_xlsx as _xlsx

from exposure.errors import DataFormatError, SchemaError
from exposure.measures import anthropic, felten, ilo, microsoft, webb

LINKS = pd.DataFrame({"source_code": ["0110", "1112"], "target_code": ["55-1011", "11-1011"],
                      "crosswalk_weight": [1.0, 1.0]})


def _ilo_scores(codes):
    return pd.DataFrame({"isco08_code": codes, "mean_score_2025": [0.2, 0.4], "mean_score_2023": [0.1, 0.3],
                         "gradient_level_2025": [1, 2]})


@pytest.mark.parametrize("codes", [[110, 1112], [110.0, 1112.0], pd.array([110, 1112], dtype="Int64")])
def test_ilo_to_soc_reads_numbers_as_codes(codes):
    out = ilo.ilo_to_soc(_ilo_scores(codes), LINKS)
    assert out["soc_code"].tolist() == ["11-1011", "55-1011"]
    assert out["mean_score_2025"].tolist() == [0.4, 0.2]
    assert out.attrs["unmatched"] == []


def test_ilo_to_soc_number_with_decimals_is_refused():
    with pytest.raises(DataFormatError, match=r"scores, row 2, column 'isco08_code': not a code: 1112\.5 "
                       r"\(a number with decimals\)"):
        ilo.ilo_to_soc(_ilo_scores([110, 1112.5]), LINKS)


def test_ilo_to_soc_code_as_number_and_as_text_is_one_code():
    with pytest.raises(DataFormatError, match=r"row 2, column 'isco08_code': code '0110' appears more than once"):
        ilo.ilo_to_soc(_ilo_scores(["0110", 110]), LINKS)


WEBB = "occ1990dd,occ1990dd_title,lswt2010,pct_software,pct_robot,pct_ai\n"


def test_webb_code_twice_is_refused_in_plain_words(tmp_path):
    path = _write(tmp_path, "w.csv", WEBB + "4,Chiefs,10,30,9,28\n7,Financial managers,10,31,9,67\n"
                  "4.0,Chiefs,10,35,9,40\n")
    with pytest.raises(DataFormatError) as info:
        webb.read_webb(path)
    assert not isinstance(info.value, SchemaError)
    assert "w.csv, row 4, column 'occ1990dd': occ1990dd code '4' appears twice (rows 2 and 4)" in str(info.value)


def test_webb_missing_title_is_refused_naming_the_file_column(tmp_path):
    path = _write(tmp_path, "w.csv", WEBB + "4,Chiefs,10,30,9,28\n7, ,10,31,9,67\n")
    with pytest.raises(DataFormatError, match=r"w.csv, row 3, column 'occ1990dd_title': missing title") as info:
        webb.read_webb(path)
    assert not isinstance(info.value, SchemaError)


def test_webb_negative_weight_is_refused_in_plain_words(tmp_path):
    path = _write(tmp_path, "w.csv", WEBB + "4,Chiefs,10,30,9,28\n7,Financial managers,-5,31,9,67\n")
    with pytest.raises(DataFormatError, match=r"w.csv, row 3, column 'lswt2010': lswt2010 \(a labour-supply weight\) "
                       r"must be at least 0.0; got -5.0") as info:
        webb.read_webb(path)
    assert not isinstance(info.value, SchemaError)


COLLAB = "task_name,directive,feedback_loop,learning,filtered,task_iteration,validation,pct\n"


@pytest.mark.parametrize(("reader", "text"), [
    (anthropic.read_task_usage, "task_name,pct\nact as advisers.,40\nhire staff.,20\nAct as  advisers,40\n"),
    (anthropic.read_task_collaboration, COLLAB + "act as advisers.,0.5,0,0,0.5,0,0,0.4\n"
     "hire staff.,1,0,0,0,0,0,0.2\nAct as  advisers,0,0,0,0,1,0,0.4\n"),
])
def test_anthropic_task_written_twice_otherwise_is_refused(tmp_path, reader, text):
    path = _write(tmp_path, "t.csv", text)
    with pytest.raises(DataFormatError, match=r"t.csv, row 4, column 'task_name': task name 'Act as  advisers' "
                       r"is the task of row 2 \('act as advisers.'\) written otherwise: its usage would count "
                       r"twice; keep one row per task"):
        reader(path)


ILO_HEADER = ["ISCO_08", "Title", "taskID", "mean_score_2025", "SD_2025", "mean_score_2023", "SD_2023",
              "potential25", "potential23"]
ILO_ROW = ["Software developers", 1, 0.5, 0.1, 0.4, 0.1, "Exposed: Gradient 3", "Automation Potential"]


def test_ilo_armed_forces_code_as_number_is_read(tmp_path):
    path = _xlsx(tmp_path, "ilo.xlsx", [ILO_HEADER, [110, "Commissioned armed forces officers", *ILO_ROW[1:]],
                                        [2512, *ILO_ROW]])
    assert ilo.read_ilo(path)["isco08_code"].tolist() == ["0110", "2512"]


def test_ilo_three_digit_code_other_than_armed_forces_still_refused(tmp_path):
    path = _xlsx(tmp_path, "ilo.xlsx", [ILO_HEADER, [111, *ILO_ROW]])
    with pytest.raises(DataFormatError, match=r"ilo.xlsx, row 2, column 'ISCO_08': not an ISCO-08 unit group code"):
        ilo.read_ilo(path)


def test_ilo_gradient_in_other_case_names_the_gradients(tmp_path):
    path = _xlsx(tmp_path, "ilo.xlsx", [ILO_HEADER, [2512, *ILO_ROW[:6], "exposed: gradient 3", "x"]])
    with pytest.raises(DataFormatError) as info:
        ilo.read_ilo(path)
    message = str(info.value)
    assert "ilo.xlsx, row 2, column 'potential25': unknown gradient 'exposed: gradient 3'" in message
    assert "'Not Exposed', 'Minimal Exposure', 'Exposed: Gradient 1'" in message
    assert "written 'Exposed: Gradient 3' in the publication" in message


def test_webb_header_in_other_case_is_read(tmp_path):
    path = _write(tmp_path, "w.csv", WEBB.upper() + "4,Chiefs,10,30,9,28\n")
    assert webb.read_webb(path)["webb_ai"].tolist() == [0.28]


def test_microsoft_header_in_other_case_is_read(tmp_path):
    path = _write(tmp_path, "m.csv", "soc code,Title,AI_Applicability_Score\n11-1011,Chief Executives,0.15\n")
    assert microsoft.read_applicability(path)["ai_applicability_score"].tolist() == [0.15]


def test_anthropic_header_in_other_case_is_read():
    out = anthropic.read_task_usage(io.StringIO("Task_Name, PCT\nact as advisers.,40\nhire staff.,60\n"))
    assert out["usage_share"].tolist() == [0.4, 0.6]


def test_ilo_header_in_other_case_is_read(tmp_path):
    path = _xlsx(tmp_path, "ilo.xlsx", [["isco_08", *ILO_HEADER[1:]], [2512, *ILO_ROW]])
    assert ilo.read_ilo(path)["isco08_code"].tolist() == ["2512"]


def test_felten_header_in_other_case_is_read(tmp_path):
    path = tmp_path / "lm.xlsx"
    pd.DataFrame({"SOC code ": ["11-1011"], "Occupation Title": ["Chief Executives"],
                  "Language Modeling AIOE": [1.3]}).to_excel(path, sheet_name="LM AIOE", index=False)
    assert felten.read_felten_occupations(path, "lm")["soc10_code"].tolist() == ["11-1011"]


def test_column_in_two_cases_is_refused(tmp_path):
    path = _write(tmp_path, "m.csv", "SOC Code,title,ai_applicability_score,soc code\n"
                  "11-1011,Chief Executives,0.15,11-1021\n")
    with pytest.raises(DataFormatError, match=r"m.csv, row 1, column 'SOC Code': given more than once "
                       r"\(columns 1 and 4, written 'SOC Code' and 'soc code'\): keep one$"):
        microsoft.read_applicability(path)
